#!/usr/bin/env bash
# es2 smoke (development): server under the ES 2.0 override, a client on Xvfb.
set -u
EXEC=${EXEC:-build/executor/virgl-exec}
LOG=${LOG:-$PWD/es2-server.log}
Xvfb :57 -screen 0 640x480x24 >/dev/null 2>&1 &
xpid=$!
MESA_GLES_VERSION_OVERRIDE=${ESV:-2.0} $EXEC --gles ${VFLAG:--v} > "$LOG" 2>&1 &
pid=$!
sleep 1
DISPLAY=:57 GALLIUM_DRIVER=virpipe LIBGL_ALWAYS_SOFTWARE=1 "$@"
rc=$?
kill $pid $xpid
exit $rc
