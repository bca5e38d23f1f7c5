#!/bin/sh
# bench-drawoverhead.sh: piglit's drawoverhead through virgl-exec and through virglrenderer's
# virgl_test_server, side by side in one run; prints draws/s of each, the ratio per subtest
# and the geometric mean of the ratios (> 1: virgl-exec is faster).
#
#   tools/bench-drawoverhead.sh [VIRGL_EXEC] [-- DRAWOVERHEAD ARGS]   e.g. -- -test 1
#
# Mesa's client dials /tmp/.virgl_test, so each server runs with its own /tmp
# (tools/private-tmp.sh; needs root).  Timings on shared machines are noisy: compare runs made
# together.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
EXE=${1:-build/executor/virgl-exec}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
EXE=$(readlink -f "$EXE")
BIN=/usr/lib/x86_64-linux-gnu/piglit/bin/drawoverhead
OUT=$(mktemp -d /var/tmp/bench-drawoverhead.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

DRAWARGS="$*"
# run NAME SERVER...: drawoverhead through SERVER; its output in $OUT/NAME.txt
run() { name=$1; shift; PRIVATE_TMP_KEEP="$EXE:$OUT" "$HERE/private-tmp.sh" sh -c '
        out=$1; args=$2; shift 2
        "$@" --socket-path=/tmp/.virgl_test >"$out.server.log" 2>&1 &
        srv=$!
        i=0; while [ ! -S /tmp/.virgl_test ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
        GALLIUM_DRIVER=virpipe LIBGL_ALWAYS_SOFTWARE=1 PIGLIT_PLATFORM=surfaceless_egl \
        MESA_SHADER_CACHE_DISABLE=true '"$BIN"' -fbo -nocolor $args >"$out" 2>&1 || true
        kill $srv 2>/dev/null; wait $srv 2>/dev/null || true
    ' sh "$OUT/$name.txt" "$DRAWARGS" "$@"; }

echo "virgl-exec: $EXE"
run exec "$EXE"
run vrend virgl_test_server --use-egl-surfaceless

python3 - "$OUT/exec.txt" "$OUT/vrend.txt" <<'PY'
import math, re, sys
def parse(path):
    rows = {}
    for line in open(path, errors="replace"):
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        m = re.match(r"\s*(\d+), (.*?),\s+([\d.]+),", line)
        if m:
            rows[int(m.group(1))] = (m.group(2).strip(), float(m.group(3)))
    return rows
ex, vr = parse(sys.argv[1]), parse(sys.argv[2])
if not ex or not vr:
    for p in sys.argv[1:]:
        print(f"--- {p} (no results parsed):\n" + open(p, errors="replace").read()[-1500:])
        print(open(p + ".server.log", errors="replace").read()[-1500:])
    sys.exit(1)
print(f"{'#':>3}  {'subtest':56} {'virgl-exec':>10} {'vrend':>8} {'ratio':>6}")
ratios = []
for n in sorted(set(ex) | set(vr)):
    name = (ex.get(n) or vr.get(n))[0]
    a, b = ex.get(n, (None, 0))[1], vr.get(n, (None, 0))[1]
    r = a / b if a and b else float("nan")
    if a and b:
        ratios.append(r)
    print(f"{n:3}  {name:56} {a:10.0f} {b:8.0f} {r:6.2f}")
if ratios:
    g = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"geometric mean of {len(ratios)} ratios (thousand draws/s, virgl-exec / virglrenderer): {g:.3f}")
PY
