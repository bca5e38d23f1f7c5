#!/bin/bash
# Sanitizer configuration for CI: builds everything with ASan + UBSan in build-sanitize/ and
# runs the whole meson test suite there (hostile-short included, which runs virgl-exec under
# ASan/LSan against mutated traffic).
#
#   .ci/sanitize.sh [BUILD_DIR (default build-sanitize)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-sanitize}
cd "$root"
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debugoptimized
fi
ninja -C "$build"
# halt_on_error: a UBSan report fails the test instead of scrolling past.  The suppressions
# cover only the host GL stack's process-lifetime allocations (see the file).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/hostile/lsan.supp:print_suppressions=0
meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 3
