#!/usr/bin/env bash
# compare.sh: the acceptance run of a replacement libvirglrenderer.so.1 against Debian's:
# the same guest workloads on both, side by side.
#
#   compare.sh [--runs N] [--vhost-user] [--out DIR] LIBDIR
#       one boot per library for eglinfo, glmark2-drm/-es2-drm --validate and a console
#       screenshot, then N (default 3) benchmark boots per library, alternated
#       stock/ours so that drift on this shared machine hits both alike.  Prints
#       per-scene validation, per-run scores and the screenshots' difference.
#   compare.sh --boots N [--vhost-user] [--out DIR] LIBDIR
#       one QEMU process boots the guest N times (acceptance: 20) with a short GL
#       workload each, on LIBDIR only; fails on a crash, a hang or a missing boot, and
#       prints the renderer's RSS at every boot.
#
# Exit status: 0 when ours did everything stock did (every run passed, no scene that
# validates on stock fails on ours, identical screenshots), 1 otherwise, 77 when the
# VM prerequisites are missing.  Scores are reported, not judged.
set -euo pipefail
source "$(dirname "$0")/common.sh"

runs=3
boots=0
out=
common=()
while [ $# -gt 1 ]; do
    case "$1" in
    --runs) runs=$2; shift 2 ;;
    --boots) boots=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --vhost-user) common+=(--vhost-user); shift ;;
    *) die "unknown option $1 (usage: compare.sh [--runs N | --boots N] [--vhost-user] [--out DIR] LIBDIR)" ;;
    esac
done
[ $# = 1 ] || die "usage: compare.sh [--runs N | --boots N] [--vhost-user] [--out DIR] LIBDIR"
libdir=$(realpath "$1")
[ -f "$libdir/libvirglrenderer.so.1" ] || die "$libdir has no libvirglrenderer.so.1"
if [ -z "$out" ]; then out=$(mktemp -d "${TMPDIR:-/tmp}/t2g-compare.XXXXXX"); fi
mkdir -p "$out"

failed=0

# One boot; its exit status is recorded, not fatal, so the comparison goes on.  A 77
# (prerequisites missing) ends everything as a skip.
run() {
    local name=$1 rc=0
    shift
    log "$name: run-guest.sh $*"
    "$vm_dir/run-guest.sh" "${common[@]}" --out "$out/$name" "$@" > "$out/$name.stdout" 2>&1 || rc=$?
    [ $rc = 77 ] && { cat "$out/$name.stdout" >&2; exit 77; }
    if [ $rc = 0 ]; then log "$name: PASS"; else log "$name: FAIL (rc $rc, see $out/$name)"; fi
    echo $rc > "$out/$name.rc"
}

value() {  # value RUN KEY: one value from a run's results.tsv
    awk -F'\t' -v k="$2" '$1 == k { print $2; exit }' "$out/$1/results.tsv" 2>/dev/null
}

run_rc() {
    cat "$out/$1.rc" 2>/dev/null || echo "?"
}

# ---- boot loop ------------------------------------------------------------------------

# A leak per guest reset shows as a trend in QEMU's RSS (without guest RAM and TCG code)
# from boot 6 on.  Stock 0.10.4 here: +3.8 MB per boot over 20 boots, single boots
# scattered by +-40 MB; the default limit is four times that trend.
slope_max_kb=${BOOT_RSS_SLOPE_MAX_KB:-16384}

boot_loop() {
    local slope
    # About 40 s per boot under TCG here; the margin covers a slow machine.
    run boots --lib "$libdir" --boots "$boots" --timeout $(( boots * 120 + 120 )) gl-short
    sed -n '/^boots:/,/^RSS/p' "$out/boots/summary.txt"
    echo "boots seen on the serial console: $(grep -c '^T2G-BOOT' "$out/boots/serial.log" || true)"
    [ "$(run_rc boots)" = 0 ] || failed=1
    slope=$(sed -n 's/^RSS trend over boots [0-9.]*: \([-+0-9]*\) kB per boot$/\1/p' "$out/boots/summary.txt")
    if [ -n "$slope" ] && [ "${slope#+}" -gt "$slope_max_kb" ]; then
        echo "RSS grows ${slope} kB per boot, more than ${slope_max_kb} (BOOT_RSS_SLOPE_MAX_KB)"
        failed=1
    fi
}

# ---- checks: eglinfo, validation, screenshot ------------------------------------------

checks() {
    run stock-check eglinfo validate-gl validate-es2 screenshot
    run ours-check --lib "$libdir" eglinfo validate-gl validate-es2 screenshot

    echo
    echo "== renderer"
    printf '%-8s %s\n' stock "$(value stock-check lib)" ours "$(value ours-check lib)"
    printf '%-8s %s | %s\n' stock "$(value stock-check eglinfo.driver)" "$(value stock-check validate-gl.renderer)" \
        ours "$(value ours-check eglinfo.driver)" "$(value ours-check validate-gl.renderer)"

    echo
    echo "== validation (glmark2 --validate), per scene"
    printf '%-8s %-8s %s\n' stock ours scene
    # Every scene either run reports, in stock's order; a scene that validates on stock
    # and not on ours is a regression.
    awk -F'\t' '
        { file = (FILENAME == ARGV[1]) ? 1 : 2 }
        $1 ~ /^validate-[a-z0-9]*:\[/ { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
                                        res[file, $1] = $2 }
        END {
            for (i = 1; i <= n; i++) {
                k = order[i]; s = res[1, k]; o = res[2, k]
                if (s == "") s = "-"
                if (o == "") o = "-"
                mark = (s == "Success" && o != "Success") ? "  <-- regression" : (s != o ? "  (differs)" : "")
                printf "%-8s %-8s %s%s\n", s, o, k, mark
            }
        }' "$out/stock-check/results.tsv" "$out/ours-check/results.tsv" > "$out/validation.txt"
    cat "$out/validation.txt"
    regressions=$(grep -c 'regression$' "$out/validation.txt" || true)
    for f in validate-gl validate-es2; do
        for who in stock ours; do
            printf '%-13s %-6s %s Success, %s Failure, %s Unknown\n' "$f" "$who" \
                "$(grep -c "^$f:.*	Success$" "$out/$who-check/results.tsv" || true)" \
                "$(grep -c "^$f:.*	Failure$" "$out/$who-check/results.tsv" || true)" \
                "$(grep -c "^$f:.*	Unknown$" "$out/$who-check/results.tsv" || true)"
        done
    done
    [ "$regressions" = 0 ] || failed=1
}

screenshots() {
    echo
    echo "== screenshot (QEMU's window, guest console)"
    local shot_stock=$out/stock-check/screenshot.png shot_ours=$out/ours-check/screenshot.png ae
    if [ -f "$shot_stock" ] && [ -f "$shot_ours" ]; then
        # AE: the number of pixels that differ at all.  The console is drawn without a
        # cursor from fixed text, so the same renderer behaviour gives 0.
        ae=$(compare -metric AE "$shot_stock" "$shot_ours" "$out/screenshot-diff.png" 2>&1 >/dev/null || true)
        echo "stock $shot_stock"
        echo "ours  $shot_ours"
        echo "pixels that differ (compare -metric AE): $ae  (diff: $out/screenshot-diff.png)"
        [ "$ae" = 0 ] || failed=1
    else
        echo "a screenshot is missing (stock: $([ -f "$shot_stock" ] && echo yes || echo no), ours: $([ -f "$shot_ours" ] && echo yes || echo no))"
        failed=1
    fi
}

# ---- benchmarks, alternated ----------------------------------------------------------

benchmarks() {
    for i in $(seq "$runs"); do
        run "stock-bench$i" bench-gl bench-es2
        run "ours-bench$i" --lib "$libdir" bench-gl bench-es2
    done

    echo
    echo "== glmark2 --off-screen scores (TCG guest, llvmpipe host; noise is large)"
    printf '%-6s %-6s %-10s %-10s %s\n' run lib bench-gl bench-es2 status
    for i in $(seq "$runs"); do
        for who in stock ours; do
            st=PASS
            [ "$(run_rc "$who-bench$i")" = 0 ] || st="FAIL (rc $(run_rc "$who-bench$i"))"
            printf '%-6s %-6s %-10s %-10s %s\n' "$i" "$who" "$(value "$who-bench$i" bench-gl.score)" \
                "$(value "$who-bench$i" bench-es2.score)" "$st"
        done
    done
    for who in stock ours; do
        for f in bench-gl bench-es2; do
            for i in $(seq "$runs"); do value "$who-bench$i" "$f.score"; done |
                awk -v w="$who" -v f="$f" '{ s += $1; n++ } END { if (n) printf "mean %-6s %-10s %.1f over %d runs\n", w, f, s / n, n }'
        done
    done

    echo
    echo "== per-scene FPS, mean over the runs"
    for f in bench-gl bench-es2; do
        for who in stock ours; do
            for i in $(seq "$runs"); do
                grep "^$f:\[" "$out/$who-bench$i/results.tsv" 2>/dev/null | sed "s/^/$who\t/" || true
            done
        done
    done | awk -F'\t' '
        { k = $2; if (!(k in seen)) { seen[k] = 1; order[++n] = k }; sum[$1, k] += $3; cnt[$1, k]++ }
        END { printf "%8s %8s  %s\n", "stock", "ours", "scene"
              for (i = 1; i <= n; i++) { k = order[i]
                  printf "%8.1f %8.1f  %s\n", cnt["stock", k] ? sum["stock", k] / cnt["stock", k] : 0,
                                              cnt["ours", k] ? sum["ours", k] / cnt["ours", k] : 0, k } }'
}

main() {
    if [ "$boots" -gt 0 ]; then
        boot_loop
    else
        checks
        screenshots
        benchmarks
        for name in stock-check ours-check $(for i in $(seq "$runs"); do echo "stock-bench$i ours-bench$i"; done); do
            [ "$(run_rc "$name")" = 0 ] || { echo "run $name failed: $out/$name/summary.txt"; failed=1; }
        done
    fi
    echo
    echo "everything: $out"
    if [ $failed = 0 ]; then echo "PASS"; else echo "FAIL"; return 1; fi
}

# Called from the last line: bash reads a script as it runs it, and this one runs for
# half an hour.
main; exit
