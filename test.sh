#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (unit, golden, corpus,
# malformed input, executor/piglit).  CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh
meson test -C "${BUILD_DIR:-build}" --print-errorlogs --num-processes 2
