#!/usr/bin/env bash
# The executor's main job on its default: virgl-exec on EGL surfaceless (llvmpipe where there is
# no GPU) serving real GL clients through Mesa's virgl driver: glxgears under Xvfb, then a piglit
# test.  Runs with a private /tmp when it can (tools/private-tmp.sh), so its /tmp/.virgl_test
# (Mesa's client always dials that path) cannot collide with another server on the machine.
set -euo pipefail
BUILD_DIR=$(realpath "${BUILD_DIR:-build}")
SECONDS_GEARS=${SECONDS_GEARS:-12}
here=$(cd "$(dirname "$0")" && pwd)

if [ "${T2G_IN_NS:-}" != 1 ] && [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    T2G_IN_NS=1 PRIVATE_TMP_KEEP=$BUILD_DIR exec "$here/private-tmp.sh" "$here/$(basename "$0")" "$@"
fi

log=$(mktemp)
"$BUILD_DIR/executor/virgl-exec" >"$log" 2>&1 &
server=$!
xvfb=""
cleanup() {
    kill "$server" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 300); do [ -S /tmp/.virgl_test ] && break; sleep 0.1; done
[ -S /tmp/.virgl_test ] || { echo "virgl-exec did not start:"; cat "$log"; exit 1; }

export GALLIUM_DRIVER=virpipe LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true

echo "== glxgears through virgl-exec (Xvfb, ${SECONDS_GEARS}s)"
# shellcheck source=tools/xvfb.sh
. "$here/xvfb.sh"
if xvfb_start 640x480x24 "$log.xvfb"; then
    xvfb=$XVFB_PID
    timeout "$SECONDS_GEARS" glxgears -info 2>&1 | grep -E "GL_RENDERER|GL_VERSION|frames in" || true
fi

echo "== piglit through virgl-exec"
PIGLIT=/usr/lib/x86_64-linux-gnu/piglit
status=0
for t in "$PIGLIT/bin/gl-1.0-textured-triangle -auto -fbo" \
         "$PIGLIT/bin/glsl-fwidth -auto -fbo" \
         "$PIGLIT/bin/shader_runner $PIGLIT/tests/spec/glsl-1.10/execution/glsl-fs-uniform-array-6.shader_test -auto -fbo"; do
    out=$(PIGLIT_PLATFORM=surfaceless_egl timeout 60 $t 2>&1 || true)
    res=$(printf '%s\n' "$out" | grep -o '"result": "[a-z]*"' | tail -1 || true)
    echo "$(basename "${t%% *}") ${t#* }: ${res:-no result}"
    case "$res" in *pass*) ;; *) status=1 ;; esac
done
echo "== server log (last lines)"
tail -5 "$log"
exit $status
