#!/usr/bin/env bash
# build-image.sh: builds the Debian 12 guest that the VM tests boot (once; later calls
# return at once while the recipe is unchanged).  Prints the image's path prefix.
#
#   build-image.sh [--force]
#
# The guest is a debootstrap of bookworm with Mesa (its virgl driver drives QEMU's
# virtio-gpu), eglinfo, glmark2's DRM flavours and a kernel, whose init runs the job the
# host puts on a second disk (see guest/init.sh).  It lands in $TGSI2GLSL_VM_CACHE
# (default ${XDG_CACHE_HOME:-$HOME/.cache}/tgsi2glsl-vm) as debian12-HASH.{img,vmlinuz,
# initrd}, HASH being that of this file and guest/init.sh.  Needs root (debootstrap,
# chroot) and the network; takes about 6 minutes.  DEBIAN_MIRROR overrides the mirror.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# Real bookworm package names.  virtio_gpu_dri.so (Mesa's virgl) is in libgl1-mesa-dri;
# eglinfo is in mesa-utils-bin; kmod gives modprobe for the init.
packages=(
    linux-image-amd64 kmod util-linux
    libgl1-mesa-dri libegl-mesa0 libgbm1 libgles2 libgl1
    mesa-utils mesa-utils-bin glmark2-drm glmark2-es2-drm
)

install_host_tools() {
    command -v debootstrap >/dev/null && command -v mke2fs >/dev/null && return
    apt-get install -y debootstrap e2fsprogs >/dev/null
}

# The host's own mirror (deb822 or one-line sources), else Debian's.  (No "| head":
# under pipefail the writer it cuts off would fail the build.)
host_mirror() {
    local m
    m=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$m" ] || m=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    echo "${m:-http://deb.debian.org/debian}"
}

work=
# debootstrap mounts /proc and /sys inside the tree while it installs; a build that
# dies there must not leave rm -rf walking into them.
cleanup() {
    [ -n "$work" ] || return 0
    local m
    for m in $(awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r); do
        umount -l "$m" || true
    done
    rm -rf --one-file-system "$work"
}

build() {
    local prefix=$1 root mirror kernel initrd size_mb
    # Build beside the cache and move into place at the end, so an interrupted build
    # never leaves an image under the name of a finished one.
    work=$(mktemp -d "$vm_cache/build.XXXXXX")
    trap cleanup EXIT
    root=$work/root
    mirror=${DEBIAN_MIRROR:-$(host_mirror)}

    log "debootstrap bookworm from $mirror (log: $work/debootstrap.log)"
    debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" \
        bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1 ||
        { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }

    install -m 0755 "$vm_dir/guest/init.sh" "$root/sbin/t2g-init"
    mkdir -p "$root/job"
    # Nothing in the guest needs the package caches; they would only grow the image.
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

    kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
    initrd=$(ls "$root"/boot/initrd.img-* | sort -V | tail -n 1)
    [ -f "$kernel" ] && [ -f "$initrd" ] || die "no kernel or initrd in $root/boot"

    # ext4 made from the tree in one go (no loop mount needed), with room to spare for
    # the odd package added by hand.  The guest mounts it read-only.
    size_mb=$(( $(du -smx "$root" | cut -f1) * 13 / 10 + 256 ))
    log "making a ${size_mb} MiB ext4 image"
    mke2fs -q -t ext4 -L t2g-root -d "$root" "$work/image.img" "${size_mb}M" > /dev/null

    cp "$kernel" "$prefix.vmlinuz"
    cp "$initrd" "$prefix.initrd"
    mv "$work/image.img" "$prefix.img"   # last: its presence means "built"
    log "built $prefix.img"
}

# Images of older recipes are 1.3 GiB each and nothing boots them any more.  (A QEMU
# still running on one keeps its open file.)
prune_old_images() {
    local keep=$1 f
    for f in "$vm_cache"/debian12-*.img "$vm_cache"/debian12-*.vmlinuz "$vm_cache"/debian12-*.initrd; do
        [ -e "$f" ] || continue
        case "$f" in "$keep".*) continue ;; esac
        log "removing $f (an older recipe)"
        rm -f "$f"
    done
}

# All in functions, called from the last line: bash reads a script as it runs it, and
# this one runs for minutes.
main() {
    local prefix
    prefix=$(image_prefix)
    if [ "${1:-}" != --force ] && [ -f "$prefix.img" ]; then
        echo "$prefix"
        return
    fi
    [ "$(id -u)" = 0 ] || die "build-image.sh needs root (debootstrap and chroot); run it with sudo"
    install_host_tools
    mkdir -p "$vm_cache"
    rm -f "$prefix.img"
    build "$prefix"
    prune_old_images "$prefix"
    echo "$prefix"
}

main "$@"; exit
