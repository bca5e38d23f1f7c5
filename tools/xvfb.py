"""A private X server for the Python runners (the shell scripts source tools/xvfb.sh).

Xvfb picks the display number itself (-displayfd), the one way that cannot collide with
another Xvfb of the machine: the runners live in private /tmp namespaces, where the others'
lock files are not seen, but the abstract sockets X clients try first are shared.
-noreset: a resetting server refuses clients for a moment after each one leaves."""
import os
import select
import subprocess


def start(geometry="1280x1024x24", timeout=10.0):
    """Returns (process, ":N"), or raises OSError (Xvfb missing) / RuntimeError."""
    r, w = os.pipe()
    try:
        x = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", geometry, "-noreset",
                              "-nolisten", "tcp"], pass_fds=(w,), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    finally:
        os.close(w)
    text = b""
    try:
        while not text.endswith(b"\n"):
            ready, _, _ = select.select([r], [], [], timeout)
            chunk = os.read(r, 16) if ready else b""
            if not chunk:
                x.kill()
                raise RuntimeError("Xvfb did not start")
            text += chunk
    finally:
        os.close(r)
    return x, ":" + text.decode().strip()
