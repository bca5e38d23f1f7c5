#!/usr/bin/env bash
# guest_blend_advanced.sh VIRGL_EXEC CLIENT: runs CLIENT (guest_blend_advanced.c) on Mesa's
# virpipe driver through VIRGL_EXEC on a desktop and on a GLES host.  Run it through
# tools/private-tmp.sh: the server listens at /tmp/.virgl_test, the one path the client dials.
set -u
exe=$1 client=$2
rc=0
for host in "" --gles; do
    "$exe" $host >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do [ -S /tmp/.virgl_test ] && break; sleep 0.05; done
    echo "host ${host:-(desktop GL)}:"
    GALLIUM_DRIVER=virpipe LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true "$client" || rc=1
    kill "$pid"
    wait "$pid" 2>/dev/null
    rm -f /tmp/.virgl_test
done
exit $rc
