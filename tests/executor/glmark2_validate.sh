#!/usr/bin/env bash
# glmark2_validate.sh VIRGL_EXEC [SERVER_ARG...]: glmark2 --validate on screen (a private
# Xvfb, the window system's y-inverted framebuffer) natively on llvmpipe and through
# virgl-exec, for both glmark2 (desktop GL) and glmark2-es2 (GLES 2 client).  Every scene
# that validates natively must validate through virgl-exec.  Skips (77) without glmark2,
# Xvfb or a private mount namespace (tools/private-tmp.sh).
set -euo pipefail
exe=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
if [ "${GLMARK2_VALIDATE_INSIDE:-}" != 1 ]; then
    for p in glmark2 glmark2-es2 Xvfb; do
        command -v "$p" >/dev/null || { echo "SKIP: $p is not installed"; exit 77; }
    done
    export GLMARK2_VALIDATE_INSIDE=1 PRIVATE_TMP_KEEP="$exe"
    exec "$here/../../tools/private-tmp.sh" "$0" "$exe" "$@"
fi
work=$(mktemp -d)
# shellcheck source=tools/xvfb.sh
. "$here/../../tools/xvfb.sh"
xvfb_start 1024x768x24 "$work/xvfb.log" || exit 1
xvfb=$XVFB_PID
"$exe" --socket-path=/tmp/.virgl_test "$@" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server $xvfb 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 300); do
    [ -S /tmp/.virgl_test ] && break
    sleep 0.1
done
export LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true
status=0
for app in glmark2 glmark2-es2; do
    timeout 600 "$app" --validate -s 400x300 >"$work/$app-native.txt" 2>&1 || true
    GALLIUM_DRIVER=virpipe timeout 600 "$app" --validate -s 400x300 \
        >"$work/$app-virgl.txt" 2>&1 || true
    grep -q "GL_RENDERER: *virgl" "$work/$app-virgl.txt" || {
        echo "FAIL: $app did not run through virgl-exec"; cat "$work/$app-virgl.txt"; status=1; }
    native=$(grep -c "Validation: Success" "$work/$app-native.txt" || true)
    virgl=$(grep -c "Validation: Success" "$work/$app-virgl.txt" || true)
    echo "$app: $native scenes validate natively, $virgl through virgl-exec $*"
    if [ "$native" -lt 10 ]; then
        echo "FAIL: $app validated only $native scenes natively"; status=1
    fi
    # Each natively validated scene, by its name, must validate through virgl-exec.
    while IFS= read -r scene; do
        if ! grep -qxF "$scene: Validation: Success" "$work/$app-virgl.txt"; then
            echo "FAIL: $app $scene: $(grep -F "$scene: " "$work/$app-virgl.txt" || echo 'not run')"
            status=1
        fi
    done < <(sed -n 's/: Validation: Success$//p' "$work/$app-native.txt")
done
if [ $status != 0 ]; then
    echo "server log tail:"; tail -20 "$work/server.log"
fi
rm -rf "$work"
exit $status
