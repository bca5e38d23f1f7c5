#!/usr/bin/env bash
# record-traces.sh [NAME...]: re-records the application traces of tests/traces/ (all of them,
# or the NAMEs given) with `apitrace trace`, natively on llvmpipe, on screen under a private
# Xvfb.  Each trace keeps only its first frames (a prefix, so it replays on its own) and is
# stored brotli-packed, which glretrace reads as is.  tests/traces/check_traces.py replays
# them.  Needs root (apt-get for the applications; a private /tmp via tools/private-tmp.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=tests/traces

if [ "${RECORD_TRACES_INSIDE:-}" != 1 ]; then
    pkgs=(apitrace xvfb mesa-utils glmark2-x11 glmark2-es2-x11 xscreensaver-gl chromium-bsu mpv)
    missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
    exec env RECORD_TRACES_INSIDE=1 tools/private-tmp.sh "$0" "$@"
fi

# Native llvmpipe, as the check's reference replay runs.
export LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true HOME=/tmp/home
unset GALLIUM_DRIVER
mkdir -p "$HOME"
work=$(mktemp -d /tmp/record-traces.XXXXXX)
# shellcheck source=tools/xvfb.sh
. "$root/tools/xvfb.sh"
xvfb_start 1024x768x24 "$work/xvfb.log" || exit 1
xvfb=$XVFB_PID
trap 'kill $xvfb 2>/dev/null || true' EXIT

# record NAME API SECONDS FRAMES CMD...: traces CMD (killed after SECONDS if it has not exited)
# and keeps its first FRAMES frames.  Context creations that failed while recording (an app
# probing for the highest GL version) are dropped: a replayer would try them again and stop
# where the host (virgl's guest driver) refuses them.
record() {
    local name=$1 api=$2 secs=$3 frames=$4
    shift 4
    wanted " $name " || return 0
    echo "== $name: $*"
    rm -f "$work/$name.trace"
    timeout -s TERM "$secs" apitrace trace --api "$api" -o "$work/$name.trace" "$@" \
        >"$work/$name.log" 2>&1 || true
    local last failed calls
    last=$(apitrace dump --calls=frame "$work/$name.trace" | awk '/^[0-9]+ /{n++; if (n == '"$frames"') print $1}')
    if [ -z "$last" ]; then
        echo "record-traces: $name has fewer than $frames frames" >&2
        tail "$work/$name.log" >&2
        exit 1
    fi
    failed=$(apitrace dump --calls=0-"$last" "$work/$name.trace" |
             awk '/^[0-9]+ (eglCreateContext|glXCreateContextAttribsARB)\(.*\) = (NULL|0x0)$/{print $1}')
    calls=$(keep_calls "$last" $failed)
    apitrace trim --calls="$calls" -o "$work/$name.trimmed.trace" "$work/$name.trace" >/dev/null
    apitrace repack --brotli=9 "$work/$name.trimmed.trace" "$out/$name.trace"
    echo "   $(stat -c %s "$out/$name.trace") bytes, $frames frames"
}

# keep_calls LAST [DROP...]: the call set 0-LAST without the calls DROP (ascending).
keep_calls() {
    local last=$1 from=0 set=""
    shift
    for c in "$@"; do
        [ "$c" -gt "$from" ] && set="$set,$from-$((c - 1))"
        from=$((c + 1))
    done
    set="$set,$from-$last"
    echo "${set#,}"
}

names=" $* "
wanted() { [ "$names" = "  " ] || [[ "$names" == *"$1"* ]]; }

# GL 1.x: immediate mode, display lists, fixed-function lighting (GLX).
record glxgears gl 10 40 glxgears
# GL 2.x shaders (GLX): one context per scene, each scene a fixed number of frames.
record glmark2 gl 120 39 glmark2 -s 320x240 \
    -b build:use-vbo=true:nframes=3 -b texture:texture-filter=mipmap:nframes=3 \
    -b shading:shading=phong:nframes=3 -b bump:bump-render=height:nframes=3 \
    -b 'effect2d:kernel=0,1,0;1,-4,1;0,1,0;:nframes=3' \
    -b pulsar:light=true:quads=5:texture=true:nframes=3 -b desktop:effect=blur:nframes=3 \
    -b shadow:nframes=3 -b ideas:nframes=3 -b buffer:update-method=map:nframes=3 \
    -b conditionals:nframes=3 -b loop:nframes=3 -b function:nframes=3
# GLES 2 over EGL.
record glmark2-es2 egl 120 15 glmark2-es2 -s 320x240 \
    -b shading:shading=blinn-phong-inf:nframes=3 -b shading:shading=cel:nframes=3 \
    -b desktop:effect=shadow:nframes=3 -b 'effect2d:kernel=1,1,1,1,1;1,1,1,1,1;1,1,1,1,1;:nframes=3' \
    -b pulsar:quads=10:light=false:texture=false:nframes=3
# A visualisation (xscreensaver's molecule viewer): desktop compatibility GL over EGL, lit
# spheres, blended texture-font labels.
record xscreensaver-molecule egl 10 20 /usr/libexec/xscreensaver/molecule -geometry 320x240
# A game (SDL, GLX): the animated title screen, textures and additive blending.
record chromium-bsu gl 10 40 /usr/games/chromium-bsu -w -v 0 -na
# A video player: GL 3.2 core profile over EGL, planar YUV uploads, FBOs, shader scaling.
# llvmpipe's version is capped at 3.3 so that mpv settles on a context virgl's guest driver
# (GL 4.3 core) can create too.
MESA_GL_VERSION_OVERRIDE=3.3 MESA_GLSL_VERSION_OVERRIDE=330 \
record mpv egl 60 30 mpv --no-config --no-terminal --no-audio --vo=gpu --gpu-api=opengl \
    --gpu-context=x11egl --geometry=320x240 --frames=30 'av://lavfi:testsrc2=size=320x240:rate=25'
