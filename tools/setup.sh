#!/usr/bin/env bash
# Installs what this project needs from Debian 12's packages (only what is missing), then
# configures and builds it in BUILD_DIR (default: build).  Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential pkg-config meson ninja-build re2c bison clang libclang-rt-14-dev
          glslang-dev glslang-tools libepoxy-dev libegl-dev libgl-dev libgles-dev
          libgl1-mesa-dri libegl-mesa0 mesa-utils piglit virgl-server xvfb python3
          valgrind util-linux glmark2-x11 glmark2-es2-x11 apitrace
          libvirglrenderer-dev)   # only its header: the drop-in library's ABI test

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    meson setup "$BUILD_DIR" -Dwerror=true ${MESON_ARGS:-}
fi
ninja -C "$BUILD_DIR"
