#!/usr/bin/env bash
# Benchmark of double precision on the ES targets (prints figures; not a test):
#  1. the library's compile speed over the corpus shaders that use doubles, essl320 (soft-fp64
#     lowering and helpers) against glsl450 (native doubles), with t2g-bench;
#  2. the host's compile + link + first dispatch of each soft-fp64 operation's GLSL ES, and its
#     speed, with tests/backend/soft_fp64_exact --bench.
#   tools/fp64-bench.sh [BUILD] [CORPUS_DIR]   (defaults: build/, ../shared/corpus/tgsi)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
corpus=${2:-$root/../shared/corpus/tgsi}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
grep -lE '^ *[0-9]+: (DADD|DMUL|DMAD|DFMA|DDIV|DRCP|DSQRT|DRSQ|DMIN|DMAX|DSLT|DSGE|DSEQ|DSNE|D2F|F2D|DFRAC|DFLR|DROUND|DTRUNC|DCEIL|DLDEXP|I2D|U2D|D2I|D2U)' \
    "$corpus"/*.tgsi | while read -r f; do ln -s "$f" "$dir/"; done
echo "== library: $(ls "$dir" | wc -l) corpus shaders with double ops"
for t in glsl450 essl320; do
    "$build/tools/t2g-bench" "$dir" "$t" 3
done
echo "== host (GLES 3.1 via EGL): soft-fp64 operations"
# Mesa's shader cache would turn the compile figures into cache hits.
MESA_SHADER_CACHE_DISABLE=true "$build/tests/backend/soft_fp64_exact" --bench --count 262144
