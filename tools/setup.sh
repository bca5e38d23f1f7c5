#!/usr/bin/env bash
# Installs what a job of this project needs from Debian 12's packages (only what is
# missing), then configures and builds it in BUILD_DIR (default: build).  Used by run.sh
# (job "run") and test.sh (job "test").
set -euo pipefail
cd "$(dirname "$0")/.."

# What each job needs (`tools/setup.sh [lib|run|test]`, default test):
#   lib   the library and the tgsi2glsl CLI (meson -Dexecutor=false);
#   run   run.sh: also virgl-exec, the drop-in libvirglrenderer.so.1 and the demo's clients;
#   test  test.sh: also piglit, glmark2, apitrace, clang and valgrind for the whole suite.
job=${1:-test}
LIB_PACKAGES=(build-essential pkg-config meson ninja-build re2c bison glslang-dev glslang-tools)
RUN_PACKAGES=(libepoxy-dev libegl-dev libgl-dev libgles-dev libgl1-mesa-dri libegl-mesa0
              mesa-utils piglit xvfb python3 util-linux)
TEST_PACKAGES=(clang libclang-rt-14-dev virgl-server valgrind glmark2-x11 glmark2-es2-x11
               apitrace
               libvirglrenderer-dev)   # only its header: the drop-in library's ABI test
case $job in
lib) PACKAGES=("${LIB_PACKAGES[@]}"); MESON_ARGS="-Dexecutor=false ${MESON_ARGS:-}" ;;
run) PACKAGES=("${LIB_PACKAGES[@]}" "${RUN_PACKAGES[@]}") ;;
test) PACKAGES=("${LIB_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
*) echo "usage: tools/setup.sh [lib|run|test]" >&2; exit 2 ;;
esac

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
elif [ ${#missing[@]} -gt 0 ]; then
    # A build configured for a smaller job finds the new packages' programs and headers
    # (valgrind, clang, the virglrenderer header) only when configured again.
    meson setup --reconfigure "$BUILD_DIR" > /dev/null
fi
ninja -C "$BUILD_DIR"
