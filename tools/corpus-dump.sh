#!/usr/bin/env bash
# Compiles every corpus shader for every target with a tgsi2glsl CLI and writes what came out
# (GLSL, reflection JSON, diagnostics and the IR dump, exit status) to one file per target and corpus, so two
# trees' outputs compare with `diff -r` (a refactoring must leave them byte-identical).
#   tools/corpus-dump.sh OUT_DIR [CLI]     CLI defaults to build/tools/tgsi2glsl
# Corpora: tests/corpus/recorded, tests/corpus/extra and ../shared/corpus/tgsi where present.
# CORPUS_JOBS (default 2) targets run at once.
set -euo pipefail
out=${1:?usage: tools/corpus-dump.sh OUT_DIR [CLI]}
cli=$(realpath "${2:-build/tools/tgsi2glsl}")
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")

corpora=()
for c in "$root/tests/corpus/recorded" "$root/tests/corpus/extra" "$root/../shared/corpus/tgsi"; do
    [ -d "$c" ] && corpora+=("$(realpath "$c")")
done

# One target over every corpus: a record per shader, in file-name order.
dump_target() {
    local cli=$1 out=$2 target=$3
    shift 3
    local tmp
    tmp=$(mktemp -d)
    for corpus in "$@"; do
        local name
        name=$(basename "$(dirname "$corpus")")-$(basename "$corpus")
        local file="$out/$target.$name.txt"
        : > "$file"
        for f in $(cd "$corpus" && ls -- *.tgsi); do
            local rc=0
            "$cli" --target "$target" --dump-ir --reflect="$tmp/r.json" "$corpus/$f" \
                > "$tmp/glsl" 2> "$tmp/err" || rc=$?
            {
                printf '=== %s rc=%d\n' "$f" "$rc"
                cat "$tmp/glsl"
                printf -- '--- stderr\n'
                cat "$tmp/err"
                printf -- '--- reflection\n'
                [ -f "$tmp/r.json" ] && cat "$tmp/r.json"
            } >> "$file"
            rm -f "$tmp/r.json"
        done
    done
    rm -rf "$tmp"
}
export -f dump_target

"$cli" --help | sed -n '/--target TARGET/,/--target-only/p' | tr -s ' ' '\n' \
    | grep -E '^(glsl|essl)[0-9]+$' \
    | xargs -P "${CORPUS_JOBS:-2}" -I{} bash -c 'dump_target "$@"' _ "$cli" "$out" {} "${corpora[@]}"
echo "$out: $(ls "$out" | wc -l) files"
