#!/usr/bin/env bash
# glmark2_validate.sh [--also-es2] VIRGL_EXEC [SERVER_ARG...]: glmark2 --validate on screen (a
# private Xvfb, the window system's y-inverted framebuffer) natively on llvmpipe and through
# virgl-exec, for both glmark2 (desktop GL) and glmark2-es2 (GLES 2 client).  Every scene
# that validates natively must validate through virgl-exec.  --also-es2 runs the clients a
# second time through a server on an ES 2.0 host (MESA_GLES_VERSION_OVERRIDE=2.0 on the
# server only), against the same native runs.  Skips (77) without glmark2, Xvfb or a private
# mount namespace (tools/private-tmp.sh).
set -euo pipefail
also_es2=0
if [ "${1:-}" = --also-es2 ]; then
    also_es2=1
    shift
fi
exe=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
if [ "${GLMARK2_VALIDATE_INSIDE:-}" != 1 ]; then
    for p in glmark2 glmark2-es2 Xvfb; do
        command -v "$p" >/dev/null || { echo "SKIP: $p is not installed"; exit 77; }
    done
    export GLMARK2_VALIDATE_INSIDE=1 PRIVATE_TMP_KEEP="$exe"
    args=("$exe" "$@")
    [ $also_es2 = 1 ] && args=(--also-es2 "${args[@]}")
    exec "$here/../../tools/private-tmp.sh" "$0" "${args[@]}"
fi
work=$(mktemp -d)
# shellcheck source=tools/xvfb.sh
. "$here/../../tools/xvfb.sh"
xvfb_start 1024x768x24 "$work/xvfb.log" || exit 1
xvfb=$XVFB_PID
server=
trap 'kill $server $xvfb 2>/dev/null || true; wait 2>/dev/null || true' EXIT
export LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true
apps=(glmark2 glmark2-es2)
for app in "${apps[@]}"; do
    timeout 600 "$app" --validate -s 400x300 >"$work/$app-native.txt" 2>&1 || true
done
status=0
# through NAME [ENV...]: serves the clients through virgl-exec with ENV on the server only
# and checks them against the native runs.
through() {
    local name=$1
    shift
    env "$@" "$exe" --socket-path=/tmp/.virgl_test "${server_args[@]}" \
        >"$work/server-$name.log" 2>&1 &
    server=$!
    for _ in $(seq 300); do
        [ -S /tmp/.virgl_test ] && break
        sleep 0.1
    done
    local app native virgl scene out ok=0
    for app in "${apps[@]}"; do
        out=$work/$app-$name.txt
        GALLIUM_DRIVER=virpipe timeout 600 "$app" --validate -s 400x300 >"$out" 2>&1 || true
        grep -q "GL_RENDERER: *virgl" "$out" || {
            echo "FAIL: $app did not run through virgl-exec ($name)"; cat "$out"; ok=1; }
        native=$(grep -c "Validation: Success" "$work/$app-native.txt" || true)
        virgl=$(grep -c "Validation: Success" "$out" || true)
        echo "$app: $native scenes validate natively, $virgl through virgl-exec ${server_args[*]} ($name)"
        if [ "$native" -lt 10 ]; then
            echo "FAIL: $app validated only $native scenes natively"; ok=1
        fi
        # Each natively validated scene, by its name, must validate through virgl-exec.
        while IFS= read -r scene; do
            if ! grep -qxF "$scene: Validation: Success" "$out"; then
                echo "FAIL: $app $scene ($name): $(grep -F "$scene: " "$out" || echo 'not run')"
                ok=1
            fi
        done < <(sed -n 's/: Validation: Success$//p' "$work/$app-native.txt")
    done
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
    rm -f /tmp/.virgl_test    # the next server's wait must not find this one's socket
    if [ $ok != 0 ]; then
        echo "server log tail ($name):"; tail -20 "$work/server-$name.log"
        status=1
    fi
}
server_args=("$@")
through host
if [ $also_es2 = 1 ]; then
    through es2-host MESA_GLES_VERSION_OVERRIDE=2.0
fi
rm -rf "$work"
exit $status
