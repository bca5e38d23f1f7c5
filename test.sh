#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: unit, golden, corpus,
# malformed-input, lowering, executor/piglit and hostile-client tests; then the same suite
# under ASan+UBSan, then a short smoke of every fuzz target.  CI runs exactly this.
#   QUICK=1 ./test.sh   runs only the first (plain) pass.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh test
echo "== test suite"
meson test -C "${BUILD_DIR:-build}" --print-errorlogs --num-processes 2
if [ "${QUICK:-0}" = 1 ]; then
    exit 0
fi
echo "== test suite under ASan + UBSan"
.ci/sanitize.sh
echo "== fuzz smoke (${FUZZ_SECONDS:-30} s per target)"
# A smoke explores new inputs each run, so a finding is news, not a regression: it is printed
# with its reproducer (add it under tests/regress/, whose replays above are hard failures).
# FUZZ_SMOKE_SOFT=0 makes findings fail the run.
FUZZ_SMOKE_SOFT=${FUZZ_SMOKE_SOFT:-1} .ci/fuzz-smoke.sh "${FUZZ_SECONDS:-30}"
