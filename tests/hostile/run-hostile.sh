#!/bin/bash
# Hostile-client run: mutated recorded vtest traffic against a vtest server while a well-behaved
# piglit client renders through the same server.  Runs with a private /tmp
# (tools/private-tmp.sh), so Mesa's fixed /tmp/.virgl_test never meets anyone else's server.
#
#   tests/hostile/run-hostile.sh --client BUILD/tests/hostile/hostile-client \
#       --server-cmd 'BUILD/executor/virgl-exec --socket-path={sock}' [--short|--commands N] \
#       [--seed N] [--out DIR] [--no-good-client] [--report-only] [--preload CRASH_REPORTER_SO]
#
# The server is restarted whenever it exits; every exit other than our final SIGTERM counts as
# a crash, and so do sanitizer reports and crash-reporter lines in its log (--preload puts
# crash_reporter.c's library into the server, so crashes of forked client processes, which
# a server may reap silently, are seen too).  The good client runs the piglit list
# once alone (baseline) and then in a loop during the attack; any change of a result fails.
# Exit status: 0 clean, 1 crash / sanitizer report / good client affected (unless
# --report-only), 2 usage or setup error.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
piglit_run=$root/tools/piglit-run.py

client= server_cmd= commands=100000 seed=1 out= good=1 report_only=0 seconds=3600 preload=
list=$here/small-list.txt
while [ $# -gt 0 ]; do
    case $1 in
    --client) client=$2; shift ;;
    --server-cmd) server_cmd=$2; shift ;;
    --short) commands=1000 seconds=150 ;;
    --commands) commands=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --seed) seed=$2; shift ;;
    --out) out=$2; shift ;;
    --list) list=$2; shift ;;
    --no-good-client) good=0 ;;
    --report-only) report_only=1 ;;
    --preload) preload=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift ;;
    *) echo "run-hostile: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$client" ] && [ -n "$server_cmd" ] || { sed -n '2,16p' "$0" >&2; exit 2; }
client=$(cd "$(dirname "$client")" && pwd)/$(basename "$client")
out=${out:-$(mktemp -d /var/tmp/hostile.XXXXXX)}
mkdir -p "$out"
# Results of an earlier run in the same folder must not count as this run's good-client runs.
rm -f "$out"/good-*.json "$out"/good-diffs.txt
out=$(cd "$out" && pwd)
# /tmp/hostile is this run's own folder in the private /tmp.
case $out in
/tmp/hostile|/tmp/hostile/*) echo "run-hostile: --out must not be under /tmp/hostile" >&2; exit 2 ;;
esac

# Re-enter with a private /tmp (an empty tmpfs only we see, with the paths we use bound back).
if [ -z "${HOSTILE_IN_NS:-}" ]; then
    if [ $good = 1 ] && [ ! -e /usr/lib/x86_64-linux-gnu/piglit/tests/quick_gl.xml.gz ]; then
        echo "run-hostile: piglit is not installed: running without the good client" >&2
        good=0
    fi
    args=(--client "$client" --server-cmd "$server_cmd" --commands "$commands" --seconds "$seconds"
          --seed "$seed" --out "$out" --list "$list")
    [ $good = 0 ] && args+=(--no-good-client)
    [ $report_only = 1 ] && args+=(--report-only)
    [ -n "$preload" ] && args+=(--preload "$preload")
    keep=$root:$client:$out:$list:${server_cmd%% *}
    [ -n "$preload" ] && keep+=:$preload
    HOSTILE_IN_NS=1 PRIVATE_TMP_KEEP=$keep exec "$root/tools/private-tmp.sh" \
        "$here/$(basename "$0")" "${args[@]}"
fi

sock=/tmp/hostile/vtest.sock
mkdir -p /tmp/hostile
: > "$out/server.log"
: > "$out/exits"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}:verify_asan_link_order=0
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# Supervisor: keeps one server up until $out/stop exists; records every exit status.
cmd=${server_cmd//\{sock\}/$sock}
(
    while [ ! -e /tmp/hostile/stop ]; do
        rm -f "$sock"
        # Its own process group, so that forked client processes still stuck at the end
        # can be counted and ended with it.
        LD_PRELOAD=$preload setsid $cmd >> "$out/server.log" 2>&1 &
        echo $! > /tmp/hostile/server.pid
        wait $!
        echo $? >> "$out/exits"
    done
) &
supervisor=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
if [ ! -S "$sock" ]; then
    echo "run-hostile: server did not come up: $cmd" >&2
    touch /tmp/hostile/stop; kill "$(cat /tmp/hostile/server.pid)" 2>/dev/null; wait
    tail -20 "$out/server.log" >&2
    exit 2
fi

# piglit-run insists on starting the server itself and on /tmp/.virgl_test: give it a
# "server" that only points that name at ours (PIGLIT_RUN_PRIVATE: this /tmp is private already).
piglit() {
    PIGLIT_RUN_PRIVATE=1 "$piglit_run" --mode vtest --list "$list" --out "$1" --jobs 1 \
        --server "sh -c 'ln -sf $sock /tmp/.virgl_test && exec sleep 86400'" > /dev/null
}

good_runs=0 good_diffs=0
if [ $good = 1 ]; then
    piglit "$out/good-baseline.json"
    touch /tmp/hostile/attack
    (
        n=0
        while [ -e /tmp/hostile/attack ]; do
            n=$((n + 1))
            piglit "$out/good-$n.json"
        done
    ) &
    good_loop=$!
fi

"$client" --socket "$sock" --seed "$seed" --commands "$commands" --seconds "$seconds" \
    "$here"/sessions/*.bin > "$out/client.txt" 2> "$out/client.err"
client_rc=$?

if [ $good = 1 ]; then
    rm -f /tmp/hostile/attack
    wait "$good_loop"
    for f in "$out"/good-[0-9]*.json; do
        [ -e "$f" ] || continue
        good_runs=$((good_runs + 1))
        d=$("$piglit_run" --compare "$out/good-baseline.json" "$f")
        if [ -n "$d" ]; then
            good_diffs=$((good_diffs + 1))
            printf '%s:\n%s\n' "$f" "$d" >> "$out/good-diffs.txt"
        fi
    done
fi

touch /tmp/hostile/stop
pgid=$(cat /tmp/hostile/server.pid)
stuck=$(($(ps -o pid= -s "$pgid" | wc -l) - 1))
[ $stuck -ge 0 ] || stuck=0
kill -TERM "$pgid" 2>/dev/null
wait "$supervisor"
sleep 1
kill -KILL -- "-$pgid" 2>/dev/null

# The last exit is ours (SIGTERM: 143, or 0 for a server that exits cleanly on it).
exits=$(head -n -1 "$out/exits" | wc -l)
last=$(tail -n 1 "$out/exits")
[ "$last" = 0 ] || [ "$last" = 143 ] || exits=$((exits + 1))
asan=$(grep -c 'ERROR: AddressSanitizer' "$out/server.log")
lsan=$(grep -c 'ERROR: LeakSanitizer' "$out/server.log")
ubsan=$(grep -c 'runtime error:' "$out/server.log")
# Crashes of forked client processes: our reporter's lines, or the server's own notice.
reported=$(grep -c 'hostile-crash-reporter:' "$out/server.log")
noticed=$(grep -c 'died of signal' "$out/server.log")
child_crashes=$((reported > noticed ? reported : noticed))
summary="$(cat "$out/client.txt") server_exits $exits process_crashes $child_crashes asan $asan lsan $lsan ubsan $ubsan stuck_at_end $stuck good_runs $good_runs good_runs_changed $good_diffs"
echo "$summary" | tee "$out/summary.txt"
echo "run-hostile: logs in $out"

bad=0
[ $client_rc = 0 ] || bad=1
[ "$exits" = 0 ] && [ "$child_crashes" = 0 ] && [ "$asan" = 0 ] && [ "$lsan" = 0 ] &&
    [ "$ubsan" = 0 ] || bad=1
[ "$good_diffs" = 0 ] || bad=1
if [ $bad = 1 ] && [ $report_only = 0 ]; then
    echo "run-hostile: FAILED (see $out/server.log, good-diffs.txt)" >&2
    exit 1
fi
exit 0
