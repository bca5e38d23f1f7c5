#!/usr/bin/env bash
# compare-exec.sh OLD_VIRGL_EXEC NEW_VIRGL_EXEC TRACE...: replays each session trace (as
# `virgl-exec --record FILE` writes them; a name ending in -gles.rec replays with --gles)
# through two virgl-exec builds on Mesa's gallium trace driver and compares the gallium
# calls they make, so a refactoring of the executor can show that it issues the same work.
# Masked as run-to-run noise: pointer values, times, query results (timings) and the index
# fields of non-indexed draws (left uninitialized by Mesa).  Exit 1 when any differs.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,7p "$0" >&2; exit 2; }
old=$1 new=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true
normalize() {
    python3 - "$1" "$2" <<'PY'
import re, sys
out, nonindexed = [], False
for line in open(sys.argv[1], errors='replace'):
    if '<time>' in line:
        continue
    line = re.sub(r"<call no='\d+'", "<call", line)
    line = re.sub(r'0x[0-9a-f]{6,}', 'PTR', line)
    line = re.sub(r"(<arg name='result'>)<uint>\d+</uint>", r"\1X", line)
    if "<member name='index_size'><uint>0</uint>" in line:
        nonindexed = True
        line = re.sub(r"(<member name='restart_index'>)<uint>\d+</uint>", r"\1X", line)
        line = re.sub(r"(<member name='index.resource'>)(<ptr>PTR</ptr>|<null/>)", r"\1X", line)
    elif "<arg name='draws'>" in line and nonindexed:
        line = re.sub(r"(<member name='index_bias'>)<int>-?\d+</int>", r"\1X", line)
        nonindexed = False
    out.append(line)
open(sys.argv[2], 'w').writelines(out)
PY
}
status=0
for rec in "$@"; do
    flag=()
    case $rec in *-gles.rec) flag=(--gles) ;; esac
    for v in old new; do
        exe=$old
        [ $v = new ] && exe=$new
        GALLIUM_TRACE=$work/$v.xml "$exe" --replay "$rec" "${flag[@]}" > "$work/$v.log" 2>&1 ||
            echo "$rec: $v replay failed (see its log)"
        normalize "$work/$v.xml" "$work/$v.norm"
        rm -f "$work/$v.xml"
    done
    if cmp -s "$work/old.norm" "$work/new.norm"; then
        echo "$rec: same ($(grep -c '<call' "$work/new.norm") gallium calls)"
    else
        echo "$rec: DIFFERENT"
        diff "$work/old.norm" "$work/new.norm" | head -20 || true
        status=1
    fi
done
exit $status
