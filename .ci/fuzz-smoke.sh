#!/bin/bash
# Fuzz smoke for CI: builds the libFuzzer targets with clang (ASan + UBSan + coverage on the
# whole library) in build-fuzz/ and runs each target for N seconds from its seed corpus.
#
#   .ci/fuzz-smoke.sh [SECONDS_PER_TARGET (default 30)] [BUILD_DIR (default build-fuzz)]
#
# Exit 1 when a target finds a memory error, undefined behaviour, a hang or a blow-up (the
# input is left in BUILD_DIR/fuzz-artifacts/ and listed).  Logical findings (GLSL that
# glslang rejects, an error without a diagnostic, a round trip that differs) are listed and
# fuzzing goes on past them (FUZZ_CONTINUE=1); FUZZ_SMOKE_STRICT=1 fails on those too.
# FUZZ_SMOKE_SOFT=1 never fails.  Targets whose code is not built (no executor) are skipped.
# tests/fuzz/README.md has the long-campaign commands.
set -uo pipefail
secs=${1:-${FUZZ_SECONDS:-30}}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
shared=${SHARED_DIR:-$root/../shared}
cd "$root"

if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args=-fsanitize=fuzzer-no-link -Dc_link_args=-fsanitize=fuzzer-no-link \
        -Dbuildtype=debugoptimized || exit 1
fi
targets=(fuzz_tgsi_parse fuzz_compile fuzz_vrend fuzz_vtest fuzz_libvirglrenderer)
want=()
# Captured once: `ninja ... | grep -q` under pipefail fails when grep stops reading early.
defined=$(ninja -C "$build" -t targets all 2>/dev/null)
for t in "${targets[@]}"; do
    # Only targets this configuration defines (fuzz_vrend/fuzz_vtest need the executor).
    if grep -q "^tests/fuzz/$t:" <<< "$defined"; then
        want+=("tests/fuzz/$t")
    fi
done
ninja -C "$build" "${want[@]}" tests/fuzz/tgsi.dict tests/fuzz/vtest.dict || exit 1

# Leaks are checked where the code under test owns all memory; the GL targets load Mesa and
# LLVM, whose caches look like leaks to a per-input check (the hostile run covers leaks there).
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
[ "${FUZZ_SMOKE_STRICT:-0}" = 1 ] || export FUZZ_CONTINUE=1
found=0 logical=0
summary=()
for path in "${want[@]}"; do
    t=$(basename "$path")
    corpus=$build/fuzz-corpus/$t
    art=$build/fuzz-artifacts/$t/
    mkdir -p "$corpus" "$art"
    case $t in
    fuzz_tgsi_parse|fuzz_compile)
        seeds=("$root/tests/corpus/recorded" "$root/tests/corpus/extra" "$shared/corpus/tgsi"
               "$root/tests/regress/tgsi_parse" "$root/tests/regress/compile")
        dict=$build/tests/fuzz/tgsi.dict leaks=1 maxlen=65536 ;;
    *)
        seeds=("$root/tests/hostile/sessions" "$root/tests/regress/vtest" "$root/tests/regress/vrend")
        dict=$build/tests/fuzz/vtest.dict leaks=0 maxlen=262144 ;;
    esac
    existing=()
    for s in "${seeds[@]}"; do [ -d "$s" ] && existing+=("$s"); done
    log=$build/fuzz-artifacts/$t.log
    ASAN_OPTIONS=detect_leaks=$leaks:allocator_may_return_null=1 \
    "$build/$path" "$corpus" "${existing[@]}" -dict="$dict" -max_total_time="$secs" \
        -timeout=20 -rss_limit_mb=3072 -max_len=$maxlen -artifact_prefix="$art" \
        -print_final_stats=1 -close_fd_mask=1 > "$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    crashes=$(find "$art" -type f | wc -l)
    # Distinct logical findings: the first line of each report (glslang's first error).
    kinds=$(grep -A12 '^FUZZ FINDING' "$log" | grep -E '^FUZZ FINDING|^ERROR: [0-9]*:[0-9]*:' |
            sed 's/^ERROR: [0-9]*:[0-9]*:/ERROR:/' | sort -u | grep -vc '^FUZZ FINDING: glslang')
    [ "$kinds" -gt 0 ] && logical=1
    summary+=("$t: rc $rc, ${execs:-?} executions in ${secs}s, $crashes artifact(s), $kinds distinct logical finding(s)")
    if [ "$kinds" -gt 0 ]; then
        echo "=== $t logical findings (details in $log):"
        grep -A12 '^FUZZ FINDING' "$log" | grep -E '^FUZZ FINDING|^ERROR: [0-9]*:[0-9]*:' |
            sed 's/^ERROR: [0-9]*:[0-9]*:/ERROR:/' | sort | uniq -c | sort -rn | head -20
    fi
    if [ $rc != 0 ] || [ "$crashes" != 0 ]; then
        found=1
        echo "=== $t found something (rc $rc); last lines of $log:"
        grep -v '^INFO\|^#' "$log" | tail -40
        find "$art" -type f
    fi
done
printf '%s\n' "${summary[@]}"
[ $logical = 1 ] && [ "${FUZZ_SMOKE_STRICT:-0}" = 1 ] && found=1
if [ $found = 1 ] && [ "${FUZZ_SMOKE_SOFT:-0}" != 1 ]; then
    echo "fuzz-smoke: findings above; reproduce with the replay test or the target itself" >&2
    exit 1
fi
exit 0
