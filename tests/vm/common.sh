# common.sh: what the VM test scripts share (sourced, not run): where the guest image
# lives and how its name follows from its recipe.
# shellcheck shell=bash

vm_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vm_cache=${TGSI2GLSL_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tgsi2glsl-vm}

# The image's recipe is the builder plus the guest's init: a change to either names a
# new image, so an edited recipe can never run on a stale image.  The workloads are not
# part of it; they travel on the job disk at every boot.
recipe_hash() {
    cat "$vm_dir/build-image.sh" "$vm_dir/guest/init.sh" | sha256sum | cut -c1-12
}

# The image and its kernel + initrd (QEMU boots those directly) share one prefix.
image_prefix() {
    echo "$vm_cache/debian12-$(recipe_hash)"
}

die() {
    echo "error: $*" >&2
    exit 1
}

log() {
    echo "[vm] $*" >&2
}
