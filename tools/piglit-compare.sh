#!/bin/sh
# piglit-compare.sh: one piglit sample through virgl-exec and through virglrenderer's
# virgl_test_server, one after the other, each with a private /tmp (tools/piglit-run.py gives
# it: Mesa's client dials /tmp/.virgl_test); prints the status table (markdown), the tests
# that pass through virglrenderer but not virgl-exec grouped by their first error line, and
# virgl-exec's most frequent log lines (what the core rejected).
#
#   tools/piglit-compare.sh [VIRGL_EXEC] [tools/piglit-run.py selection args]
#   tools/piglit-compare.sh build/executor/virgl-exec --list ../shared/piglit/dev-sample.txt
#   tools/piglit-compare.sh build/executor/virgl-exec --sample 200 --seed 1
#   GLES=1 tools/piglit-compare.sh ...   (virgl-exec --gles vs virgl_test_server --use-gles)
# Without selection args: ../shared/piglit/dev-sample.txt where it exists, else --breadth 1.
#
# Results (JSON, server logs) stay in $OUT (default /var/tmp/piglit-compare.<date>).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EXE=$(readlink -f "${1:-build/executor/virgl-exec}")
[ $# -gt 0 ] && shift
if [ $# = 0 ]; then
    if [ -f "$ROOT/../shared/piglit/dev-sample.txt" ]; then
        set -- --list "$ROOT/../shared/piglit/dev-sample.txt"
    else
        set -- --breadth 1
    fi
fi
RUN=$ROOT/tools/piglit-run.py
OUT=${OUT:-/var/tmp/piglit-compare.$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
LIST=$OUT/list.txt
EXE_OPT= VR_OPT=
if [ "${GLES:-0}" = 1 ]; then EXE_OPT=--gles VR_OPT=--use-gles; fi
# Resolve the selection once so both servers run the very same tests.
"$RUN" "$@" --write-list "$LIST" >/dev/null

# run NAME SERVER-COMMAND: piglit-run through SERVER (in its own /tmp)
run() {
    "$RUN" --list "$LIST" --mode vtest --server "$2" --out "$OUT/$1.json" \
        --server-log "$OUT/$1.log" | tee "$OUT/$1.summary"
}
echo "virgl-exec: $EXE $EXE_OPT; results in $OUT"
run virgl-exec "$EXE $EXE_OPT"
run virglrenderer "virgl_test_server --use-egl-surfaceless $VR_OPT"

python3 - "$OUT" <<'PY'
import collections, json, re, sys
out = sys.argv[1]
runs = {n: json.load(open(f"{out}/{n}.json")) for n in ("virgl-exec", "virglrenderer")}
keys = ["pass", "fail", "skip", "crash", "timeout", "notrun"]
print("\n| server | tests | " + " | ".join(keys) + " | wall s |")
print("|---|---|" + "---|" * len(keys) + "---|")
for n, r in runs.items():
    c = r["summary"]["counts"]
    print(f"| {n} | {r['summary']['tests']} | " + " | ".join(str(c.get(k, 0)) for k in keys)
          + f" | {r['summary']['wall_s']} |")

ex, vr = runs["virgl-exec"]["results"], runs["virglrenderer"]["results"]
INTERESTING = re.compile(r"error|fail|probe|expected|unexpected|abort|assert|lost connection|"
                         r"unsupported|not supported|segmentation|timeout", re.I)
def first_error(tail):
    for line in tail.splitlines():
        if INTERESTING.search(line) and "PIGLIT:" not in line:
            return re.sub(r"\d+(\.\d+)?", "N", line.strip())[:110]
    return "(no error line; status only)"
groups = collections.defaultdict(list)
for name, r in sorted(ex.items()):
    if vr.get(name, {}).get("status") == "pass" and r["status"] != "pass":
        groups[(r["status"], first_error(r.get("tail", "")))].append(name)
lost = sum(len(v) for v in groups.values())
print(f"\n{lost} tests pass through virglrenderer but not through virgl-exec, by first error line:")
for (st, line), names in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    print(f"\n{len(names):4}  [{st}] {line}")
    for n in names[:4]:
        print(f"        {n}")
    if len(names) > 4:
        print(f"        ... and {len(names) - 4} more")
gained = [n for n, r in ex.items() if r["status"] == "pass" and vr.get(n, {}).get("status") != "pass"]
print(f"\n{len(gained)} tests pass through virgl-exec but not virglrenderer")

lines = collections.Counter()
for line in open(f"{out}/virgl-exec.log", errors="replace"):
    line = re.sub(r"virgl-exec\[\d+\]: ", "", line.strip())
    line = re.sub(r"client '[^']*'", "client X", line)
    line = re.sub(r"context [^:]*:", "context X:", line)
    lines[re.sub(r"\d+", "N", line)[:140]] += 1
print("\nvirgl-exec's most frequent log lines:")
for l, n in lines.most_common(40):
    print(f"{n:6}  {l}")
PY
