#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on its default: the compiler on a
# sample shader, then virgl-exec on llvmpipe serving real GL clients.
set -euo pipefail
cd "$(dirname "$0")"
tools/setup.sh run
BUILD_DIR=${BUILD_DIR:-build}
echo "== tgsi2glsl on a sample shader (glsl450, validated by glslang)"
"$BUILD_DIR/tools/tgsi2glsl" --validate tests/golden/cases/sample.tgsi
echo "== corpus benchmark (release build of the library, as it is deployed)"
BENCH_DIR=${BENCH_DIR:-build-release}
if [ ! -f "$BENCH_DIR/build.ninja" ]; then
    meson setup "$BENCH_DIR" --buildtype=release -Dexecutor=false -Dwerror=true > /dev/null
fi
ninja -C "$BENCH_DIR" tools/t2g-bench > /dev/null
# The project's own corpus, then ../shared/corpus/tgsi where a checkout has it beside the
# project: the virglrenderer anchor that t2g-bench prints was measured over that one, so its
# ratio means something only there (the recorded corpus's shaders are smaller).
for corpus in tests/corpus/recorded ../shared/corpus/tgsi; do
    [ -d "$corpus" ] || continue
    echo "-- $corpus"
    "$BENCH_DIR/tools/t2g-bench" "$corpus" glsl450 2 || true
done
BUILD_DIR=$BUILD_DIR tools/demo-executor.sh
