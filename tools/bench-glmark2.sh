#!/usr/bin/env bash
# bench-glmark2.sh [-s WxH] [-d SECONDS] [-r ROUNDS] [-x VIRGL_EXEC] [-y BEFORE] [-b SCENE]...: glmark2's
# frame rate per scene, on screen under a private Xvfb, natively on llvmpipe, as a virgl
# guest through virglrenderer (virgl_test_server --use-egl-surfaceless) and through
# virgl-exec.  Not a test: a measurement.
#
# Only scenes that pass `glmark2 --validate` natively and through every server are timed.
# This machine's speed drifts by +-25% over minutes, so the servers take turns scene
# by scene, in an order that rotates with the scene and the round, and each ratio is taken
# between runs a few seconds apart.  Prints each scene's FPS per server (the mean over the
# rounds) and the geometric means of virgl-exec/virglrenderer and virgl-exec/native.
#   -s WxH      window size (default 400x300)
#   -d SECONDS  duration of each scene run (default 3)
#   -r ROUNDS   rounds over all scenes (default 2)
#   -x PATH     the virgl-exec binary (default build/executor/virgl-exec)
#   -y PATH     another virgl-exec ("before"), timed in the same turns: a change's effect
#               as virgl-exec/before, measured minutes apart instead of runs apart
#   -b SCENE    a glmark2 benchmark description; repeatable (default: glmark2's default list)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=400x300 duration=3 rounds=2 vexec=$root/build/executor/virgl-exec vbase=""
scenes=()
while getopts "s:d:r:x:y:b:h" o; do
    case $o in
    s) size=$OPTARG ;;
    d) duration=$OPTARG ;;
    r) rounds=$OPTARG ;;
    x) vexec=$(realpath "$OPTARG") ;;
    y) vbase=$(realpath "$OPTARG") ;;
    b) scenes+=("$OPTARG") ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
if [ ${#scenes[@]} -eq 0 ]; then
    # glmark2 2023.01's default benchmark list.
    scenes=(build:use-vbo=false build:use-vbo=true
        texture:texture-filter=nearest texture:texture-filter=linear texture:texture-filter=mipmap
        shading:shading=gouraud shading:shading=blinn-phong-inf shading:shading=phong
        shading:shading=cel
        bump:bump-render=high-poly bump:bump-render=normals bump:bump-render=height
        'effect2d:kernel=0,1,0;1,-4,1;0,1,0;' 'effect2d:kernel=1,1,1,1,1;1,1,1,1,1;1,1,1,1,1;'
        pulsar:light=false:quads=5:texture=false
        desktop:blur-radius=5:effect=blur:passes=1:separable=true:windows=4
        desktop:effect=shadow:windows=4
        buffer:columns=200:interleave=false:update-dispersion=0.9:update-fraction=0.5:update-method=map
        buffer:columns=200:interleave=false:update-dispersion=0.9:update-fraction=0.5:update-method=subdata
        buffer:columns=200:interleave=true:update-dispersion=0.9:update-fraction=0.5:update-method=map
        ideas:speed=duration jellyfish terrain shadow refract
        conditionals:fragment-steps=0:vertex-steps=0 conditionals:fragment-steps=5:vertex-steps=0
        conditionals:fragment-steps=0:vertex-steps=5
        function:fragment-complexity=low:fragment-steps=5
        function:fragment-complexity=medium:fragment-steps=5
        loop:fragment-loop=false:fragment-steps=5:vertex-steps=5
        loop:fragment-steps=5:fragment-uniform=false:vertex-steps=5
        loop:fragment-steps=5:fragment-uniform=true:vertex-steps=5)
fi

if [ "${BENCH_GLMARK2_INSIDE:-}" != 1 ]; then
    for p in glmark2 Xvfb virgl_test_server; do
        command -v $p >/dev/null || { echo "bench-glmark2: $p is not installed" >&2; exit 1; }
    done
    [ -x "$vexec" ] || { echo "bench-glmark2: no $vexec (build first, or -x PATH)" >&2; exit 1; }
    [ -z "$vbase" ] || [ -x "$vbase" ] || { echo "bench-glmark2: no $vbase" >&2; exit 1; }
    # Mesa 22.3's vtest client dials /tmp/.virgl_test: a private /tmp per run.
    args=(-s "$size" -d "$duration" -r "$rounds" -x "$vexec")
    [ -z "$vbase" ] || args+=(-y "$vbase")
    for s in "${scenes[@]}"; do args+=(-b "$s"); done
    exec env BENCH_GLMARK2_INSIDE=1 PRIVATE_TMP_KEEP="$vexec:$vbase" "$root/tools/private-tmp.sh" "$0" "${args[@]}"
fi

export LIBGL_ALWAYS_SOFTWARE=1 MESA_SHADER_CACHE_DISABLE=true
unset GALLIUM_DRIVER
work=$(mktemp -d /tmp/bench-glmark2.XXXXXX)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    kill "$xvfb" 2>/dev/null || true
}
# shellcheck source=tools/xvfb.sh
. "$root/tools/xvfb.sh"
xvfb=""
xvfb_start 1280x1024x24 "$work/xvfb.log" || exit 1
xvfb=$XVFB_PID
trap cleanup EXIT

servers=(native vrend vexec)
[ -z "$vbase" ] || servers+=(vbase)
nservers=${#servers[@]}

start_server() {
    case $1 in
    native) server_pid=""; return 0 ;;
    vrend) virgl_test_server --use-egl-surfaceless >>"$work/vrend.log" 2>&1 & ;;
    vexec) "$vexec" >>"$work/vexec.log" 2>&1 & ;;
    vbase) "$vbase" >>"$work/vbase.log" 2>&1 & ;;
    esac
    server_pid=$!
    for _ in $(seq 600); do [ -S /tmp/.virgl_test ] && return 0; sleep 0.05; done
    echo "bench-glmark2: $1 did not start" >&2
    exit 1
}
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    rm -f /tmp/.virgl_test
}
# A scene's description without the glmark2 defaults' noise, for the tables.
short() { echo "$1" | sed 's/:update-dispersion=0.9:update-fraction=0.5//; s/blur-radius=5:effect=blur:passes=1:separable=true:windows=4/blur/; s/:windows=4//'; }
# glmark2 [ARG...] as a client of the running server (if any).
glmark2_on() {
    if [ "$1" = native ]; then shift; glmark2 "$@"; else shift; GALLIUM_DRIVER=virpipe glmark2 "$@"; fi
}

echo "== validation (glmark2 --validate, one frame per scene at 800x600)"
bargs=()
for s in "${scenes[@]}"; do bargs+=(-b "$s"); done
for srv in "${servers[@]}"; do
    start_server $srv
    glmark2_on $srv --validate "${bargs[@]}" >"$work/validate-$srv.log" 2>&1 || true
    stop_server
done
declare -A verdict
for srv in "${servers[@]}"; do
    # glmark2 prints "[scene] options: Validation: RESULT" for each scene, in order.
    mapfile -t results < <(sed -n 's/.*Validation: //p' "$work/validate-$srv.log")
    for i in "${!scenes[@]}"; do verdict[$srv,$i]=${results[$i]:-missing}; done
done
valid=()
printf '%-9s %-14s %-11s %s%s\n' native virglrenderer virgl-exec "${vbase:+before      }" scene
for i in "${!scenes[@]}"; do
    all=""
    for srv in "${servers[@]}"; do all+=${verdict[$srv,$i]}; done
    printf '%-9s %-14s %-11s %s%s\n' "${verdict[native,$i]}" "${verdict[vrend,$i]}" \
        "${verdict[vexec,$i]}" "${vbase:+$(printf '%-12s' "${verdict[vbase,$i]}")}" \
        "$(short "${scenes[$i]}")"
    [ "$all" = "$(printf 'Success%.0s' "${servers[@]}")" ] && valid+=("${scenes[$i]}")
done
if [ ${#valid[@]} -eq 0 ]; then
    echo "bench-glmark2: no scene validates through all servers" >&2
    exit 1
fi

echo
echo "== ${#valid[@]} scenes, ${duration} s each, window $size, $rounds round(s), servers alternating"
# One line per run: ROUND SCENE_INDEX SERVER FPS
: >"$work/runs"
for ((r = 0; r < rounds; r++)); do
    for i in "${!valid[@]}"; do
        for ((k = 0; k < nservers; k++)); do
            srv=${servers[$(((i + r + k) % nservers))]}
            start_server $srv
            fps=$(glmark2_on $srv -s "$size" -b "${valid[$i]}:duration=$duration" 2>&1 |
                  sed -n 's/.*FPS: \([0-9.]*\).*/\1/p' | head -1)
            stop_server
            echo "$r $i $srv ${fps:-0}" >>"$work/runs"
        done
        printf '.'
    done
done
echo

# Mean FPS per scene and server over the rounds; ratios per scene within each round;
# geometric means.
for i in "${!valid[@]}"; do echo "$i $(short "${valid[$i]}")"; done >"$work/names"
awk -v base=$([ -n "$vbase" ] && echo 1 || echo 0) '
    NR == FNR { name[$1] = $2; next }
    { sum[$2, $3] += $4; cnt[$2, $3]++; fps[$1, $2, $3] = $4
      if ($2 + 1 > n) n = $2 + 1; if ($1 + 1 > rounds) rounds = $1 + 1 }
    # Whether round r of scene i has FPS from every server.
    function complete(r, i) {
        return fps[r, i, "native"] > 0 && fps[r, i, "vrend"] > 0 && fps[r, i, "vexec"] > 0 &&
               (!base || fps[r, i, "vbase"] > 0)
    }
    END {
        printf "%8s %14s %11s %12s %13s", "native", "virglrenderer", "virgl-exec",
               "vexec/vrend", "vexec/native"
        if (base)
            printf " %8s %13s", "before", "vexec/before"
        printf "  %s\n", "scene (FPS, mean of the rounds)"
        for (i = 0; i < n; i++) {
            nat = sum[i, "native"] / cnt[i, "native"]
            vr = sum[i, "vrend"] / cnt[i, "vrend"]
            ve = sum[i, "vexec"] / cnt[i, "vexec"]
            line = sprintf("%8.1f %14.1f %11.1f", nat, vr, ve)
            # A scene ratio: the geometric mean of the ratios of its rounds, each between runs
            # seconds apart (the ratio of the means would mix in the drift between rounds).
            sr = sn = sb = k = 0
            for (r = 0; r < rounds; r++)
                if (complete(r, i)) {
                    sr += log(fps[r, i, "vexec"] / fps[r, i, "vrend"])
                    sn += log(fps[r, i, "vexec"] / fps[r, i, "native"]); k++
                    if (base)
                        sb += log(fps[r, i, "vexec"] / fps[r, i, "vbase"])
                }
            if (k) {
                lr += sr / k; ln += sn / k; lb += sb / k; m++
                line = line sprintf(" %12.2f %13.2f", exp(sr / k), exp(sn / k))
                if (base)
                    line = line sprintf(" %8.1f %13.2f", sum[i, "vbase"] / cnt[i, "vbase"],
                                        exp(sb / k))
                line = line "  " name[i]
            } else {
                line = line sprintf(" %12s %13s  %s (no round with FPS from all servers)",
                                    "-", "-", name[i])
            }
            print line
        }
        if (m) {
            printf "geometric mean over %d scenes: virgl-exec/virglrenderer %.2f, virgl-exec/native %.2f",
                   m, exp(lr / m), exp(ln / m)
            if (base)
                printf ", virgl-exec/before %.2f", exp(lb / m)
            printf "\n"
        }
        # The same means round by round: how far the machine drifted.
        for (r = 0; r < rounds && rounds > 1; r++) {
            lr = ln = lb = m = 0
            for (i = 0; i < n; i++)
                if (complete(r, i)) {
                    lr += log(fps[r, i, "vexec"] / fps[r, i, "vrend"])
                    ln += log(fps[r, i, "vexec"] / fps[r, i, "native"]); m++
                    if (base)
                        lb += log(fps[r, i, "vexec"] / fps[r, i, "vbase"])
                }
            if (m) {
                printf "  round %d alone: virgl-exec/virglrenderer %.2f, virgl-exec/native %.2f",
                       r + 1, exp(lr / m), exp(ln / m)
                if (base)
                    printf ", virgl-exec/before %.2f", exp(lb / m)
                printf "\n"
            }
        }
    }' "$work/names" "$work/runs"
