#!/usr/bin/env bash
# run-guest.sh: boots the test guest once in Debian's stock QEMU (TCG) with a virgl GPU
# shown in an SDL GL window under a private Xvfb, runs the named workloads in it, and
# prints what they gave.
#
#   run-guest.sh [--lib DIR] [--vhost-user] [--out DIR] [--timeout S] [--boots N]
#                WORKLOAD...
#
# Workloads (guest/workloads.sh): eglinfo, validate-gl, validate-es2 (glmark2-drm /
# glmark2-es2-drm --validate), bench-gl, bench-es2 (--off-screen over a fixed scene
# list), gl-short (a 3 s glmark2 scene), screenshot (fixed console text; the host saves
# QEMU's window as screenshot.png).  Default: eglinfo validate-gl validate-es2 screenshot.
#
#   --lib DIR      put DIR first on the renderer's LD_LIBRARY_PATH, so a
#                  libvirglrenderer.so.1 there replaces Debian's; the run fails if the
#                  process did not map the library from DIR
#   --vhost-user   the GPU runs out of process: /usr/lib/qemu/vhost-user-gpu --virgl
#                  behind -device vhost-user-gpu-pci (--lib then applies to that process)
#   --out DIR      keep logs, results.tsv, summary.txt, screenshot.png there
#                  (default: a new directory under ${TMPDIR:-/tmp}, printed at the end)
#   --timeout S    kill QEMU after S seconds and report a failure (default 900)
#   --boots N      one QEMU process boots the guest N times, running the workloads
#                  (default gl-short) each time; QEMU's RSS is sampled at every boot
#
# Exit status: 0 when QEMU powered off by itself and every workload returned 0 (scenes
# that fail validation do not count: compare.sh judges them against stock); 1 otherwise;
# 77 (a skip) when QEMU, Xvfb or the image (tests/vm/build-image.sh) is missing.
set -euo pipefail
source "$(dirname "$0")/common.sh"

lib=
vhost_user=0
out=
timeout_s=900
boots=0
workloads=()

# ---- options ----------------------------------------------------------------------

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
    --lib) lib=$(realpath "$2"); shift 2 ;;
    --vhost-user) vhost_user=1; shift ;;
    --out) out=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --boots) boots=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) workloads+=("$1"); shift ;;
    esac
done
if [ ${#workloads[@]} = 0 ]; then
    if [ "$boots" -gt 0 ]; then workloads=(gl-short); else workloads=(eglinfo validate-gl validate-es2 screenshot); fi
fi
[ -z "$lib" ] || [ -f "$lib/libvirglrenderer.so.1" ] || die "--lib $lib: no libvirglrenderer.so.1 there"

skip() {
    echo "SKIP: $*" >&2
    exit 77
}

qemu=qemu-system-x86_64
vhost_user_gpu=/usr/lib/qemu/vhost-user-gpu
command -v $qemu >/dev/null || skip "no $qemu (apt-get install qemu-system-x86 qemu-system-gui)"
command -v Xvfb >/dev/null || skip "no Xvfb (apt-get install xvfb)"
command -v debugfs >/dev/null && command -v mke2fs >/dev/null || skip "no e2fsprogs"
if [ $vhost_user = 1 ]; then
    [ -x $vhost_user_gpu ] || skip "no $vhost_user_gpu"
    # QEMU 7.2's backends/vhost-user.c refuses any vhost-user device unless KVM's
    # ioeventfds are on ("vhost initialization failed: requires kvm"); QEMU 8.0 dropped
    # that check.  Under TCG the run cannot even start.
    [ -w /dev/kvm ] || skip "--vhost-user: QEMU 7.2 runs vhost-user devices only under KVM, and /dev/kvm is missing here"
    # Stock virglrenderer 0.10.4, initialised with vhost-user-gpu's flags (USE_EGL,
    # no SURFACELESS), fails without a GBM device, i.e. a DRM render node.
    ls /dev/dri/renderD* >/dev/null 2>&1 ||
        log "warning: no /dev/dri/renderD*: the stock library cannot initialise inside vhost-user-gpu"
fi
prefix=$(image_prefix)
[ -f "$prefix.img" ] || skip "no guest image $prefix.img (run sudo tests/vm/build-image.sh)"

if [ -z "$out" ]; then out=$(mktemp -d "${TMPDIR:-/tmp}/t2g-vm.XXXXXX"); fi
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "$out/job" "$out/screenshot.png" "$out/results.tsv" "$out/summary.txt" "$out/rss.tsv"

# ---- the job disk -------------------------------------------------------------------

# The guest's init runs /job/job.sh from this disk and leaves its results on it.  ext2
# (no journal) so a guest killed mid-write cannot have a journal replay hide anything
# from debugfs, which reads it back without a mount.
make_job_disk() {
    local dir=$out/job-in
    rm -rf "$dir"
    mkdir -p "$dir/out"
    cp "$vm_dir/guest/workloads.sh" "$dir/"
    {
        echo '# written by run-guest.sh'
        echo '. /job/workloads.sh'
        if [ "$boots" -gt 0 ]; then
            echo "boot_loop $boots ${workloads[*]}"
        else
            echo "run_workloads ${workloads[*]}"
        fi
    } > "$dir/job.sh"
    rm -f "$out/job.img"
    mke2fs -q -t ext2 -L T2G-JOB -d "$dir" "$out/job.img" 64M > /dev/null
}

read_job_disk() {
    mkdir -p "$out/job"
    debugfs -R "rdump / $out/job" "$out/job.img" >/dev/null 2>&1 || log "could not read the job disk back"
}

# ---- the display --------------------------------------------------------------------

xvfb_pid=
display=
# shellcheck source=tools/xvfb.sh
. "$(dirname "$0")/../../tools/xvfb.sh"
start_xvfb() {
    xvfb_start 1280x1024x24 "$out/xvfb.log" || die "Xvfb did not start (see $out/xvfb.log)"
    xvfb_pid=$XVFB_PID
    display=$DISPLAY
}

screenshot() {
    # xwd -root: the whole Xvfb screen, QEMU's SDL window at its top left.
    if xwd -root -silent -display "$display" > "$out/screenshot.xwd" &&
        convert "xwd:$out/screenshot.xwd" "$out/screenshot.png"; then
        log "screenshot: $out/screenshot.png"
    else
        log "screenshot failed"
    fi
    rm -f "$out/screenshot.xwd"
}

# ---- QEMU ---------------------------------------------------------------------------

qemu_pid=
gpu_pid=

# The renderer's environment only: Xvfb and the scripts keep the stock library path.
renderer_env=()
set_renderer_env() {
    renderer_env=(DISPLAY="$display")
    [ -z "$lib" ] || renderer_env+=(LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
}

start_vhost_user_gpu() {
    local sock=$out/vhost-user-gpu.sock
    rm -f "$sock"
    env "${renderer_env[@]}" nice -n 10 $vhost_user_gpu --virgl --socket-path="$sock" \
        >"$out/vhost-user-gpu.log" 2>&1 &
    gpu_pid=$!
    for _ in $(seq 100); do
        [ -S "$sock" ] && return
        kill -0 $gpu_pid 2>/dev/null || break
        sleep 0.1
    done
    die "vhost-user-gpu did not open its socket (see $out/vhost-user-gpu.log)"
}

start_qemu() {
    local mem=2G
    # edid/1024x768.bin is built into the kernel: glmark2's DRM flavour takes the largest
    # mode it is offered (5120x2160 with QEMU's default EDID), which TCG cannot afford.
    local append="root=/dev/vda ro console=ttyS0 init=/sbin/t2g-init quiet panic=-1 drm.edid_firmware=edid/1024x768.bin"
    # Guest RAM in a memfd: its pages show in smaps under the backend's name, so the
    # RSS QEMU itself uses can be told from the guest's (see host_rss_kb).
    local ram=(-object "memory-backend-memfd,id=mem,size=$mem" -machine memory-backend=mem)
    local gpu=(-device virtio-gpu-gl-pci) display_opt=sdl,gl=on accel=tcg cpu=max
    if [ $vhost_user = 1 ]; then
        # vhost-user needs guest RAM the GPU process can map (share=on), and QEMU 7.2
        # accepts a vhost-user backend only under KVM.  QEMU 7.2's SDL cannot show the
        # dma-bufs vhost-user-gpu scans out 3D resources as; GTK's EGL can.
        ram=(-object "memory-backend-memfd,id=mem,size=$mem,share=on" -machine memory-backend=mem)
        gpu=(-chardev socket,id=vgpu,path="$out/vhost-user-gpu.sock"
             -device vhost-user-gpu-pci,chardev=vgpu)
        display_opt=gtk,gl=on
        accel=kvm cpu=host
    fi
    local reboot=(-no-reboot)
    [ "$boots" -gt 0 ] && reboot=()
    local cmd=(nice -n 10 "$qemu" -machine q35 -accel "$accel" -cpu "$cpu" -m "$mem" -smp 2
        "${ram[@]}" -nodefaults "${reboot[@]}" -name t2g-guest,debug-threads=on
        -kernel "$prefix.vmlinuz" -initrd "$prefix.initrd" -append "$append"
        -drive file="$prefix.img",format=raw,if=virtio,readonly=on
        -drive file="$out/job.img",format=raw,if=virtio
        "${gpu[@]}"
        -display "$display_opt" -serial file:"$out/serial.log")
    echo "${cmd[*]}" > "$out/qemu.cmdline"
    : > "$out/serial.log"
    # env and nice exec what they run, so $! is QEMU's own pid.
    if [ $vhost_user = 1 ]; then
        env DISPLAY="$display" "${cmd[@]}" >"$out/qemu.log" 2>&1 &
    else
        env "${renderer_env[@]}" "${cmd[@]}" >"$out/qemu.log" 2>&1 &
    fi
    qemu_pid=$!
}

stop_all() {
    local pid
    for pid in $qemu_pid $gpu_pid $xvfb_pid; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    sleep 1
    for pid in $qemu_pid $gpu_pid $xvfb_pid; do
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap stop_all EXIT

rss_kb() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || true
}

# RSS without the guest's RAM and without TCG's translated code: what QEMU and the
# renderer inside it hold for themselves.  Both of those grow for the first boots of a
# boot loop with no leak at all (the guest touches more of its RAM; TCG fills its 1 GiB
# of anonymous rwx code buffers, 230 MB a boot here), so only the rest can show one.
host_rss_kb() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { skip = ($0 ~ /memfd:memory-backend-memfd/) || ($2 == "rwxp" && NF == 5) }
         /^Rss:/ && !skip { sum += $2 }
         END { if (NR) print sum }' "/proc/$1/smaps" 2>/dev/null || true
}

# The process that runs the renderer: QEMU itself, or the vhost-user-gpu helper.
renderer_pid() {
    if [ $vhost_user = 1 ]; then echo "$gpu_pid"; else echo "$qemu_pid"; fi
}

# The renderer library the process really mapped, by path and inode: the inode tells
# whether it is the file --lib named even when that is a symlink.
mapped_lib=
mapped_inode=
check_mapped_lib() {
    [ -n "$mapped_lib" ] && return
    read -r mapped_inode mapped_lib < <(awk '$6 ~ /libvirglrenderer/ { print $5, $6; exit }' \
        "/proc/$(renderer_pid)/maps" 2>/dev/null) || true
}

serial_count() {
    grep -c "^$1" "$out/serial.log" 2>/dev/null || true
}

# Waits for QEMU to exit, acting on the guest's serial cues meanwhile: a screenshot at
# each cue, an RSS sample at each boot.  Past the deadline QEMU is killed.
timed_out=0
rss_peak=0
watch_qemu() {
    local deadline=$((SECONDS + timeout_s)) shots=0 boots_seen=0 n rss
    while kill -0 $qemu_pid 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            log "timeout after ${timeout_s}s: killing QEMU"
            timed_out=1
            kill -KILL $qemu_pid 2>/dev/null || true
            break
        fi
        check_mapped_lib
        rss=$(rss_kb "$(renderer_pid)")
        [ -n "$rss" ] && [ "$rss" -gt $rss_peak ] && rss_peak=$rss
        n=$(serial_count T2G-SCREENSHOT-CUE)
        if [ "$n" -gt $shots ]; then
            shots=$n
            sleep 3  # let QEMU's GL window repaint the console the guest just drew
            screenshot
        fi
        n=$(serial_count T2G-BOOT)
        if [ "$n" -gt $boots_seen ]; then
            boots_seen=$n
            rss=$(host_rss_kb "$(renderer_pid)")
            printf '%s\t%s\t%s\n' "$n" "$rss" "$(rss_kb "$(renderer_pid)")" >> "$out/rss.tsv"
            log "boot $n: QEMU RSS $rss kB without guest RAM and TCG code"
        fi
        sleep 0.5
    done
}

# ---- results ------------------------------------------------------------------------

# results.tsv holds one "key<TAB>value" per line; compare.sh reads it.
#   NAME.rc, NAME.seconds         per workload (from the serial log)
#   NAME:[scene] options          Validation result or FPS, per glmark2 scene
#   NAME.score, NAME.renderer     glmark2's score and GL_RENDERER
#   eglinfo.driver/.renderer      EGL driver name and GL renderer (GBM platform)
extract_results() {
    local f name
    {
        printf 'lib\t%s\n' "${mapped_lib:-none}"
        printf 'vhost_user\t%s\n' $vhost_user
        printf 'qemu_rc\t%s\n' "$qemu_rc"
        printf 'timed_out\t%s\n' $timed_out
        printf 'wall_s\t%s\n' "$wall_s"
        printf 'rss_peak_kb\t%s\n' "$rss_peak"
        tr -d '\r' < "$out/serial.log" |
            awk '/^T2G-DONE / { sub(/^rc=/, "", $3); sub(/^seconds=/, "", $4);
                                print $2 ".rc\t" $3; print $2 ".seconds\t" $4 }'
        for f in "$out"/job/out/*.txt; do
            [ -f "$f" ] || continue
            name=$(basename "$f" .txt)
            awk -v n="$name" '
                /GL_RENDERER:/ { sub(/^ *GL_RENDERER: */, ""); print n ".renderer\t" $0 }
                /^\[.*: Validation: / { s = $0; sub(/: Validation: .*/, "", s);
                                        r = $0; sub(/.*: Validation: /, "", r);
                                        print n ":" s "\t" r }
                /^\[.*: FPS: / && n != "eglinfo" { s = $0; sub(/: FPS: .*/, "", s);
                                 v = $0; sub(/.*: FPS: /, "", v); sub(/ .*/, "", v);
                                 print n ":" s "\t" v }
                /glmark2 Score:/ && n != "eglinfo" { print n ".score\t" $NF }
                /EGL driver name:/ && !drv { sub(/.*: */, ""); drv = 1; print n ".driver\t" $0 }
                /OpenGL.*renderer:/ && !ren { sub(/^[^:]*: */, ""); ren = 1; print n ".renderer\t" $0 }
            ' "$f"
        done
    } > "$out/results.tsv"
}

summarize() {
    local r=$out/results.tsv
    {
        echo "renderer library: ${mapped_lib:-not seen}"
        echo "QEMU: exit $qemu_rc$([ $timed_out = 1 ] && echo ' (killed at the timeout)'), ${wall_s}s, peak renderer RSS ${rss_peak} kB"
        # A QEMU that failed by itself says why on stderr (e.g. a library without a
        # symbol its virtio-gpu-gl module needs).
        if [ "$qemu_rc" != 0 ] && [ $timed_out = 0 ]; then
            tail -n 3 "$out/qemu.log" | sed 's/^/    qemu: /'
        fi
        awk -F'\t' '
            $1 ~ /\.rc$/ { w = $1; sub(/\.rc$/, "", w); rc[w] = $2; order[++n] = w }
            $1 ~ /\.seconds$/ { w = $1; sub(/\.seconds$/, "", w); sec[w] = $2 }
            $1 ~ /\.renderer$/ { w = $1; sub(/\.renderer$/, "", w); ren[w] = $2 }
            $1 ~ /\.driver$/ { w = $1; sub(/\.driver$/, "", w); drv[w] = $2 }
            $1 ~ /\.score$/ { w = $1; sub(/\.score$/, "", w); score[w] = $2 }
            $1 ~ /:\[/ { w = $1; sub(/:\[.*/, "", w);
                         if ($2 ~ /^[0-9.]+$/) { fps[w] = fps[w] " " $2 }
                         else { val[w, $2]++; if ($2 != "Success") bad[w] = bad[w] "\n    " substr($1, length(w) + 2) ": " $2 } }
            END {
                for (i = 1; i <= n; i++) {
                    w = order[i]
                    if (seen[w]++) continue
                    line = sprintf("%-13s rc=%s %6ss", w, rc[w], sec[w])
                    if (w in drv) line = line "  EGL driver " drv[w]
                    if ((w, "Success") in val || (w, "Failure") in val || (w, "Unknown") in val)
                        line = line sprintf("  validation: %d Success, %d Failure, %d Unknown",
                                            val[w, "Success"], val[w, "Failure"], val[w, "Unknown"])
                    if (w in score) line = line "  score " score[w] "  (FPS" fps[w] ")"
                    print line
                    if (w in ren) print "              GL_RENDERER " ren[w]
                    if (w in bad) print "              not Success:" bad[w]
                }
            }' "$r"
        [ -f "$out/screenshot.png" ] && echo "screenshot: $out/screenshot.png"
        if [ -f "$out/rss.tsv" ]; then
            awk -F'\t' '{ n = $1; rss[n] = $2 }
                END { printf "boots: %d of '"$boots"'; QEMU RSS without guest RAM and TCG code at each boot (kB):", n
                      for (i = 1; i <= n; i++) printf " %s", rss[i]; print ""
                      # Least squares from boot 6: the first boots still fill caches.
                      for (i = 6; i <= n; i++) { k++; sx += i; sy += rss[i]; sxx += i * i; sxy += i * rss[i] }
                      if (k >= 3) printf "RSS trend over boots 6..%d: %+.0f kB per boot\n",
                                         n, (k * sxy - sx * sy) / (k * sxx - sx * sx) }' "$out/rss.tsv"
        fi
        echo "logs: $out"
    } > "$out/summary.txt"
    cat "$out/summary.txt"
}

# Pass: QEMU powered off by itself, each workload ran (and in boot mode, every boot
# did) and returned 0.  Validation results are not judged here: on this guest (1024x768,
# llvmpipe under virgl) even the stock library fails 11 of glmark2's 33 checks per
# flavour, so only a comparison with stock (compare.sh) can tell a regression.
verdict() {
    local r=$out/results.tsv expected=${#workloads[@]}
    [ "$boots" -gt 0 ] && expected=$(( ${#workloads[@]} * boots ))
    [ $timed_out = 0 ] && [ "$qemu_rc" = 0 ] || return 1
    [ "$(grep -c '\.rc	' "$r" || true)" = "$expected" ] || { log "not every workload ran"; return 1; }
    ! grep -q '\.rc	[^0]' "$r" || return 1
    if [ -n "$lib" ] && [ "$mapped_inode" != "$(stat -L -c %i "$lib/libvirglrenderer.so.1")" ]; then
        log "the renderer mapped ${mapped_lib:-no libvirglrenderer}, not the one in $lib"
        return 1
    fi
}

# ---- main ---------------------------------------------------------------------------

# Called from the last line: bash reads a script as it runs it, and this one runs for
# minutes, so an edit meanwhile must not change what the running copy does next.
main() {
    make_job_disk
    start_xvfb
    set_renderer_env
    if [ $vhost_user = 1 ]; then start_vhost_user_gpu; fi
    start_qemu
    log "QEMU pid $qemu_pid on display $display, workloads: ${workloads[*]}$([ "$boots" -gt 0 ] && echo " ($boots boots)")"
    t0=$SECONDS
    watch_qemu
    qemu_rc=0
    wait $qemu_pid || qemu_rc=$?
    wall_s=$((SECONDS - t0))
    qemu_pid=
    read_job_disk
    extract_results
    summarize
    if verdict; then
        echo "PASS"
    else
        echo "FAIL"
        exit 1
    fi
}

main; exit
