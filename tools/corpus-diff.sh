#!/usr/bin/env bash
# Whether a change left the compiler's output alone: dumps every corpus shader compiled for
# every target (GLSL, diagnostics, IR dump, reflection) with BUILD's t2g-corpus-dump and
# compares it with a dump kept from before the change.
#   tools/corpus-diff.sh save DIR [BUILD]   dump into DIR (do this on the unchanged tree)
#   tools/corpus-diff.sh DIR [BUILD]        dump again and diff -r against DIR
# BUILD defaults to build/.  Corpora: tests/corpus/recorded, tests/corpus/extra and
# ../shared/corpus/tgsi where present.  Exit status: diff's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
save=0
if [ "${1:-}" = save ]; then
    save=1
    shift
fi
dir=${1:?usage: tools/corpus-diff.sh [save] DIR [BUILD]}
build=${2:-$root/build}
corpora=()
for c in "$root/tests/corpus/recorded" "$root/tests/corpus/extra" "$root/../shared/corpus/tgsi"; do
    [ -d "$c" ] && corpora+=("$c")
done
ninja -C "$build" tools/t2g-corpus-dump > /dev/null
if [ $save = 1 ]; then
    mkdir -p "$dir"
    "$build/tools/t2g-corpus-dump" "$dir" "${corpora[@]}"
    exit 0
fi
now=$(mktemp -d)
trap 'rm -rf "$now"' EXIT
"$build/tools/t2g-corpus-dump" "$now" "${corpora[@]}"
diff -r "$dir" "$now" && echo "corpus output identical ($(ls "$dir" | wc -l) files)"
