# Sourced by the scripts that need a private X server (bash).
#
# xvfb_start GEOMETRY LOG: starts Xvfb with a GEOMETRY screen (e.g. 1024x768x24) and waits
# until it accepts clients; sets XVFB_PID and exports DISPLAY.  Xvfb picks the display
# number itself (-displayfd), the one way that cannot collide with another Xvfb of the
# machine: scripts run in private /tmp namespaces, where the lock files of the others are
# not seen, but the abstract sockets X clients try first are shared.  -noreset: a resetting
# server refuses clients for a moment after each one leaves.  Returns 1 (after showing LOG)
# if it did not start within 10 s.
xvfb_start() {
    local geometry=$1 log=$2 number=$2.display
    : >"$number"
    Xvfb -displayfd 3 -screen 0 "$geometry" -noreset -nolisten tcp 3>"$number" >"$log" 2>&1 &
    XVFB_PID=$!
    local _
    for _ in $(seq 200); do
        if grep -q '^[0-9][0-9]*$' "$number"; then
            DISPLAY=:$(cat "$number")
            export DISPLAY
            return 0
        fi
        kill -0 "$XVFB_PID" 2>/dev/null || break
        sleep 0.05
    done
    cat "$log" >&2
    echo "Xvfb did not start" >&2
    kill "$XVFB_PID" 2>/dev/null || true
    return 1
}
