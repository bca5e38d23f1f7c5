#!/usr/bin/env bash
# private-tmp.sh CMD [ARG...]: runs CMD in a private mount namespace whose /tmp is an empty
# tmpfs, so a vtest server and its clients there meet at /tmp/.virgl_test (the one path Mesa
# 22.3's client dials) without touching anybody else's.  Whatever CMD needs from the real
# /tmp stays where it was: the current directory and the paths named in PRIVATE_TMP_KEEP
# (colon-separated; the command's own path is added) are bound back from the hidden /tmp,
# each by its first component under /tmp.  Exit 77 (a skip to meson) where no mount
# namespace can be made.
set -euo pipefail
if [ "${PRIVATE_TMP_INSIDE:-}" != 1 ]; then
    if ! unshare -m --propagation private true 2>/dev/null; then
        echo "SKIP: no private mount namespace (unshare -m needs root or CAP_SYS_ADMIN)" >&2
        exit 77
    fi
    exec env PRIVATE_TMP_INSIDE=1 unshare -m --propagation private "$0" "$@"
fi
unset PRIVATE_TMP_INSIDE
keep=("$PWD")
IFS=: read -r -a extra <<< "${PRIVATE_TMP_KEEP:-}"
keep+=("${extra[@]}")
cmd_path=$(command -v "$1" || true)
[ -n "$cmd_path" ] && keep+=("$cmd_path")
tops=()
for p in "${keep[@]}"; do
    [ -n "$p" ] || continue
    rp=$(realpath -m "$p")
    case "$rp" in
    /tmp/*) top=${rp#/tmp/}; tops+=("${top%%/*}") ;;
    esac
done
exec 9</tmp
mount -t tmpfs -o mode=1777 none /tmp
for top in "${tops[@]}"; do
    [ -e "/tmp/$top" ] && continue
    if [ -d "/proc/self/fd/9/$top" ]; then mkdir "/tmp/$top"; else : > "/tmp/$top"; fi
    # --no-canonicalize: the magic link must not be resolved to the path it now hides.
    mount --no-canonicalize --bind "/proc/self/fd/9/$top" "/tmp/$top"
done
exec 9<&-
cd "$PWD"
exec "$@"
