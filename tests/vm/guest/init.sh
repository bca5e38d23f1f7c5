#!/bin/sh
# PID 1 of the test guest (installed as /sbin/t2g-init by build-image.sh): runs the job
# that the host put on the job disk, keeps its results there, then powers off or reboots.
#
# The root file system stays read-only (the host boots it with readonly=on), so no run
# leaves anything behind for the next one.  Everything a run writes goes to the job disk
# (ext2, label T2G-JOB), which the host makes before boot and reads back after QEMU exits.
# Progress goes to the serial console as lines starting with "T2G", which the host
# watches while the guest runs (screenshot cue, boot count) and keeps as a log.
# Kept small on purpose: a change here changes the image's name and costs a rebuild;
# what the workloads do lives on the job disk (workloads.sh).

PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

# The initramfs hands over /dev, /proc, /sys and /run already mounted.
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
mountpoint -q /dev || mount -t devtmpfs dev /dev
mountpoint -q /run || mount -t tmpfs run /run
mount -t tmpfs tmp /tmp
# No udev here: load what the workloads need by hand.
modprobe virtio_gpu

uptime_s() { cut -d' ' -f1 /proc/uptime; }
echo "T2G-INIT uptime=$(uptime_s)" > /dev/ttyS0

# Halting without a clean unmount of the job disk would lose its results, so every way
# out unmounts first.  The image has no poweroff/reboot programs (no init system), and
# needs none: the kernel's sysrq trigger does either at once.
finish() {
    cd /
    sync
    umount /job 2>/dev/null || mount -o remount,ro /job 2>/dev/null
    sync
    echo "T2G-HALT $1 uptime=$(uptime_s)" > /dev/ttyS0
    sleep 1  # sysrq does not wait for the serial line to drain that marker
    if [ "$1" = reboot ]; then echo b > /proc/sysrq-trigger; else echo o > /proc/sysrq-trigger; fi
    # Not reached; if it were, PID 1 exiting panics the kernel and panic=-1 resets.
    sleep 10
}

mkdir -p /job
if ! mount -t ext2 LABEL=T2G-JOB /job; then
    echo "T2G-ERROR no job disk (LABEL=T2G-JOB)" > /dev/ttyS0
    finish poweroff
fi
# The job's output goes both to the host's live log and to the job disk.  The job asks
# for a reboot (the boot-loop mode) by writing "reboot" to /job/next.
rm -f /job/next
sh /job/job.sh 2>&1 | tee /job/job.log > /dev/ttyS0
if [ "$(cat /job/next 2>/dev/null)" = reboot ]; then finish reboot; else finish poweroff; fi
