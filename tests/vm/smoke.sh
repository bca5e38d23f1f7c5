#!/usr/bin/env bash
# smoke.sh: the short VM test (about a minute here): one boot of the test guest in
# Debian's QEMU with virtio-gpu-gl, eglinfo + glmark2-drm --validate, on the stock
# renderer or on a replacement.
#
#   smoke.sh [LIBDIR]      (or T2G_VM_LIB=LIBDIR)
#
# Passes when the guest's EGL driver is virtio_gpu, GL_RENDERER is virgl's, the run ends
# cleanly and at least $SMOKE_MIN_SUCCESS (default 16, what Debian's 0.10.4 gives on
# this image) of glmark2-drm's scenes validate.  Exit 77 (a skip to meson) when QEMU,
# Xvfb or the guest image is missing, as on CI, which does not build the image.
set -euo pipefail
source "$(dirname "$0")/common.sh"

lib=${1:-${T2G_VM_LIB:-}}
min_success=${SMOKE_MIN_SUCCESS:-16}
out=$(mktemp -d "${TMPDIR:-/tmp}/t2g-vm-smoke.XXXXXX")

rc=0
"$vm_dir/run-guest.sh" ${lib:+--lib "$lib"} --out "$out" --timeout 300 eglinfo validate-gl || rc=$?
[ $rc = 77 ] && { rm -rf "$out"; exit 77; }

value() {
    awk -F'\t' -v k="$1" '$1 == k { print $2; exit }' "$out/results.tsv" 2>/dev/null || true
}

fail=0
check() {  # check DESCRIPTION CONDITION...
    local what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}
success=$(grep -c '^validate-gl:.*	Success$' "$out/results.tsv" 2>/dev/null || true)
check "run-guest.sh passed" [ $rc = 0 ]
check "EGL driver is virtio_gpu ($(value eglinfo.driver))" [ "$(value eglinfo.driver)" = virtio_gpu ]
check "GL_RENDERER is virgl's ($(value eglinfo.renderer))" [ "$(value eglinfo.renderer | cut -c1-5)" = virgl ]
check "glmark2-drm --validate: $success scenes Success (at least $min_success)" [ "$success" -ge "$min_success" ]
[ $fail = 0 ] || { echo "logs: $out"; exit 1; }
rm -rf "$out"
