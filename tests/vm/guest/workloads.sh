# workloads.sh: the guest's side of each VM test workload (sourced by the job that
# run-guest.sh writes onto the job disk; runs under the guest's /bin/sh).
#
# Each workload writes its output to /job/out/NAME.txt and a status line
# "T2G-DONE NAME rc=N seconds=S" to stdout, which reaches the host's serial log.
# A guest-side timeout bounds each one, so a hung client costs one workload, not the run.
# shellcheck shell=sh

# glmark2's DRM flavours render to a GBM surface on virtio-gpu, through Mesa's virgl
# driver, so every frame reaches the host's renderer.  A fixed scene list with the
# default 10 s per scene makes scores comparable between runs and libraries.
BENCH_SCENES="build:use-vbo=false build:use-vbo=true texture:texture-filter=linear shading:shading=phong desktop:effect=shadow:windows=4"
WORKLOAD_TIMEOUT=${WORKLOAD_TIMEOUT:-600}

# The root file system is read-only: Mesa's shader cache and anything else that wants
# a home goes to the tmpfs.
export HOME=/tmp XDG_CACHE_HOME=/tmp/cache XDG_RUNTIME_DIR=/tmp LC_ALL=C.UTF-8

uptime_s() { cut -d' ' -f1 /proc/uptime; }

# Printed as words to be split: the guest's sh has no arrays.
bench_args() {
    for scene in $BENCH_SCENES; do
        printf -- '-b %s ' "$scene"
    done
}

# The console picture the host screenshots: fixed text and colour bars, no cursor, so
# two renderers showing the same console give the same pixels.
draw_console() {
    tty=/dev/tty1
    printf '\033[2J\033[H\033[?25l' > $tty
    printf 'tgsi2glsl VM test: this console is a virtio-gpu 2D resource shown through\n' > $tty
    printf 'the host renderer (resource_create, transfer_write, SET_SCANOUT).\n\n' > $tty
    for colour in 41 42 43 44 45 46 47 40; do
        printf '\033[%sm%64s\033[0m\n' $colour '' > $tty
    done
    printf '\n0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz\n' > $tty
}

run_one() {
    name=$1
    out=/job/out/$name.txt
    start=$(uptime_s)
    echo "T2G-START $name uptime=$start"
    rc=0
    case "$name" in
    eglinfo)
        # eglinfo's GBM platform goes through virtio-gpu and names the driver; this
        # eglinfo (mesa-utils 8.5) prints no GL strings and fails on the X11 and
        # Wayland platforms there is no server for, so its exit status means nothing.
        # One second of glmark2 makes a context and prints GL_RENDERER.
        timeout "$WORKLOAD_TIMEOUT" eglinfo > "$out" 2>&1 || true
        timeout "$WORKLOAD_TIMEOUT" glmark2-es2-drm --off-screen -b build:duration=1 >> "$out" 2>&1 || rc=$?
        grep -q 'EGL driver name: virtio_gpu' "$out" || rc=1 ;;
    validate-gl)
        timeout "$WORKLOAD_TIMEOUT" glmark2-drm --validate > "$out" 2>&1 || rc=$? ;;
    validate-es2)
        timeout "$WORKLOAD_TIMEOUT" glmark2-es2-drm --validate > "$out" 2>&1 || rc=$? ;;
    bench-gl)
        # shellcheck disable=SC2046  # bench_args' words are meant to split
        timeout "$WORKLOAD_TIMEOUT" glmark2-drm --off-screen $(bench_args) > "$out" 2>&1 || rc=$? ;;
    bench-es2)
        # shellcheck disable=SC2046  # bench_args' words are meant to split
        timeout "$WORKLOAD_TIMEOUT" glmark2-es2-drm --off-screen $(bench_args) > "$out" 2>&1 || rc=$? ;;
    gl-short)
        # The boot loop's GL workload: one context, a few seconds of frames, teardown.
        timeout "$WORKLOAD_TIMEOUT" glmark2-es2-drm --off-screen -b build:use-vbo=true:duration=3 > "$out" 2>&1 || rc=$? ;;
    screenshot)
        # The host takes the picture when it sees the cue; the pause leaves it time
        # (under TCG the first refresh can take a second or two).
        draw_console
        echo "T2G-SCREENSHOT-CUE"
        sleep "${SCREENSHOT_PAUSE:-10}"
        echo "drawn" > "$out" ;;
    *)
        echo "unknown workload '$name'" > "$out"
        rc=2 ;;
    esac
    echo "T2G-DONE $name rc=$rc seconds=$(awk -v a="$start" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }')"
}

run_workloads() {
    mkdir -p /job/out
    for w in "$@"; do
        run_one "$w"
    done
}

# N boots of one QEMU process: each boot runs the workloads, counts itself on the job
# disk and asks init to reboot until the count reaches N.  A leak per guest reset shows
# as QEMU's RSS growing with the count.
boot_loop() {
    boots=$1
    shift
    mkdir -p /job/out
    n=$(( $(cat /job/boot-count 2>/dev/null || echo 0) + 1 ))
    echo $n > /job/boot-count
    echo "T2G-BOOT $n of $boots uptime=$(uptime_s)"
    for w in "$@"; do
        run_one "$w"
        mv /job/out/$w.txt /job/out/boot$n-$w.txt
    done
    if [ $n -lt $boots ]; then echo reboot > /job/next; fi
}
