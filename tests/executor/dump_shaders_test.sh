#!/usr/bin/env bash
# dump_shaders_test.sh VIRGL_EXEC TGSI2GLSL: virgl-exec --dump-shaders writes every shader
# variant it compiles (TGSI, key, GLSL) so that the CLI reproduces it byte for byte:
# tgsi2glsl --key X.json X.tgsi == X.glsl.  The shaders come from a piglit shader_runner test
# with all five graphics stages and doubles through the tessellation stages.  Skips (77)
# without piglit, Xvfb or a private mount namespace (tools/private-tmp.sh).
set -euo pipefail
exe=$(realpath "$1")
cli=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
piglit=/usr/lib/x86_64-linux-gnu/piglit
test_file=$piglit/tests/spec/arb_tessellation_shader/execution/dvec3-vs-tcs-tes.shader_test
if [ "${DUMP_TEST_INSIDE:-}" != 1 ]; then
    for f in "$piglit/bin/shader_runner" "$test_file"; do
        [ -e "$f" ] || { echo "SKIP: $f is not installed"; exit 77; }
    done
    command -v Xvfb >/dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }
    export DUMP_TEST_INSIDE=1 PRIVATE_TMP_KEEP="$exe:$cli"
    exec "$here/../../tools/private-tmp.sh" "$0" "$exe" "$cli"
fi
work=$(mktemp -d)
mkdir "$work/dump"
# shellcheck source=tools/xvfb.sh
. "$here/../../tools/xvfb.sh"
xvfb_start 640x480x24 "$work/xvfb.log" || exit 1
xvfb=$XVFB_PID
"$exe" --once --dump-shaders "$work/dump" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server $xvfb 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do
    [ -S /tmp/.virgl_test ] && break
    sleep 0.1
done
GALLIUM_DRIVER=virpipe LIBGL_ALWAYS_SOFTWARE=1 \
    timeout 120 "$piglit/bin/shader_runner" "$test_file" -auto -fbo >"$work/client.txt" 2>&1 || true
wait $server || true
status=0
n=0
for tgsi in "$work"/dump/*.tgsi; do
    [ -e "$tgsi" ] || break
    base=${tgsi%.tgsi}
    n=$((n + 1))
    if [ ! -f "$base.json" ] || [ ! -f "$base.glsl" ]; then
        echo "FAIL: $(basename "$base"): no key or no GLSL beside the TGSI"; status=1; continue
    fi
    if "$cli" --key "$base.json" "$tgsi" | cmp -s - "$base.glsl"; then
        echo "ok: $(basename "$base") compiles again to the same GLSL"
    else
        echo "FAIL: $(basename "$base"): tgsi2glsl --key gives other GLSL"; status=1
    fi
done
stages=$(ls "$work/dump" | sed -n 's/.*-\([A-Z]*\)\.tgsi$/\1/p' | sort -u | tr '\n' ' ')
echo "$n variants dumped, stages: $stages"
[ "$n" -ge 4 ] || { echo "FAIL: expected the four stages' variants"; cat "$work/client.txt" "$work/server.log"; status=1; }
exit $status
