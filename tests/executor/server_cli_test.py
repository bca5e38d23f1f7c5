#!/usr/bin/env python3
"""virgl-exec behaves as the server it replaces, at start-up and around its socket:

- one start-up line names the path and the host GL renderer; a host without GL and an
  unwritable --record path fail at start-up, not at the first client;
- a second server on the same path refuses and leaves the first one serving; a path that is
  an ordinary file is refused and left as it was;
- virgl_test_server's flags are accepted (--use-gles, --multi-clients, --no-loop-or-fork,
  --use-egl-surfaceless) and --help names every option;
- systemd socket activation: the socket passed as fd 3 (LISTEN_FDS/LISTEN_PID) is served;
- SIGTERM/SIGINT with a client connected end its session cleanly, in a client process or
  in the server's own (--no-fork): the renderer is torn down before the server has gone, so
  a GALLIUM_TRACE of it is complete.

usage: server_cli_test.py VIRGL_EXEC"""
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

VIRGL_EXEC = os.path.abspath(sys.argv[1])
failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1


def ping(path, timeout=10):
    """A vtest PING_PROTOCOL_VERSION (10) round trip: True when the server answers."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(5)
                s.connect(path)
                return ping_on(s)
        except OSError:
            time.sleep(0.2)
    return False


def ping_on(s):
    name = b"cli-test"
    s.sendall(struct.pack("<II", len(name), 8) + name)      # CREATE_RENDERER
    s.sendall(struct.pack("<II", 0, 10))
    reply = s.recv(8)
    return len(reply) == 8 and struct.unpack("<II", reply) == (0, 10)


def start(args, **kw):
    return subprocess.Popen([VIRGL_EXEC] + args, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, **kw)


def stop(p):
    p.terminate()
    try:
        out, _ = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    return out


def run(args, env=None, timeout=60):
    r = subprocess.run([VIRGL_EXEC] + args, capture_output=True, text=True, env=env,
                       timeout=timeout)
    return r.returncode, r.stdout + r.stderr


def main():
    d = tempfile.mkdtemp(prefix="virgl-exec-cli-")
    sock = os.path.join(d, "vtest")

    first = start(["--socket-path", sock])
    check(ping(sock), "the first server answers a ping")
    rc, out = run(["--socket-path", sock])
    check(rc != 0 and "another server" in out, "a second server on the path refuses: %r" % out)
    check(ping(sock), "the first server still serves after the second one gave up")
    out = stop(first)
    line = [l for l in out.splitlines() if "serving" in l]
    check(len(line) == 1 and sock in line[0] and ", GL" in line[0] and "shaders as" in line[0],
          "one start-up line with the path and the host renderer: %r" % line)
    check(not os.path.exists(sock), "the socket goes with its server")

    plain = os.path.join(d, "plain")
    with open(plain, "w") as f:
        f.write("user data\n")
    rc, out = run(["--socket-path", plain])
    check(rc != 0 and "not a socket" in out, "an ordinary file as the socket path is refused")
    check(open(plain).read() == "user data\n", "... and left as it was")

    rc, out = run(["--socket-path", sock, "--record", os.path.join(d, "no", "such", "dir")])
    check(rc != 0 and "cannot write the trace" in out,
          "an unwritable --record path fails at start-up: %r" % out)

    env = dict(os.environ, LIBGL_DRIVERS_PATH="/nonexistent", EGL_PLATFORM="surfaceless")
    rc, out = run(["--socket-path", sock], env=env)
    check(rc != 0 and "no host GL" in out, "a host without GL fails at start-up: %r" % out[-200:])

    rc, out = run(["--help"])
    for opt in ["--socket-path", "--no-fork", "--once", "--no-loop-or-fork", "--gles",
                "--use-gles", "--rendernode", "--record", "--replay", "--client-memory",
                "--message-timeout", "--verbose", "--use-egl-surfaceless", "--multi-clients",
                "LISTEN_FDS"]:
        check(rc == 0 and opt in out, "--help names %s" % opt)

    # virgl_test_server's own flags: one client in this process, GLES host.
    p = start(["--socket-path", sock, "--no-loop-or-fork", "--use-gles", "--multi-clients",
               "--use-egl-surfaceless"])
    check(ping(sock), "virgl_test_server's flags are accepted")
    try:
        rc = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        rc = None
    out = stop(p) if rc is None else p.communicate()[0]
    check(rc == 0 and "GLES" in out, "--no-loop-or-fork ends after its one client; "
          "--use-gles runs a GLES host: rc %r %r" % (rc, out[-200:]))

    # Socket activation: the listening socket as fd 3, LISTEN_PID naming the server.
    act = os.path.join(d, "activated")
    ls = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ls.bind(act)
    ls.listen(8)
    pid = os.fork()
    if pid == 0:
        if ls.fileno() != 3:
            os.dup2(ls.fileno(), 3)
        os.set_inheritable(3, True)
        os.environ["LISTEN_FDS"] = "1"
        os.environ["LISTEN_PID"] = str(os.getpid())
        os.execv(VIRGL_EXEC, [VIRGL_EXEC, "--socket-path", os.path.join(d, "unused")])
    ls.close()
    ok = ping(act)
    check(ok, "a socket passed by systemd (LISTEN_FDS) is served")
    check(not os.path.exists(os.path.join(d, "unused")), "... and no other socket is made")
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    check(os.path.exists(act), "the activated socket is systemd's: not unlinked")

    # A stop with a client connected: its process tears its renderer down (GL context,
    # EGL display, so Gallium's trace driver closes its file) before the server exits.
    for mode, sig in [([], 15), (["--no-fork"], 2)]:
        trace = os.path.join(d, "trace-%d.xml" % sig)
        p = start(["--socket-path", sock] + mode,
                  env=dict(os.environ, GALLIUM_TRACE=trace))
        what = "signal %d to a server %s" % (sig, " ".join(mode) or "forking")
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
            c.settimeout(20)
            ok = False
            deadline = time.time() + 10
            while not ok and time.time() < deadline:
                try:
                    c.connect(sock)
                    ok = ping_on(c)
                    break
                except OSError:
                    time.sleep(0.2)
            check(ok, what + ": the client is served")
            t0 = time.time()
            p.send_signal(sig)
            try:
                rc = p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                rc = None
            out = stop(p)
            check(rc == 0 and time.time() - t0 < 15,
                  what + ": the server ends at once, rc %r: %r" % (rc, out[-300:]))
            try:
                ended = c.recv(8) == b""
            except OSError:
                ended = True
            check(ended, what + ": the client's session has ended")
        if not os.path.exists(trace):
            print("skip: no GALLIUM_TRACE file (not a Gallium host); teardown not checked")
            continue
        text = open(trace, errors="replace").read()
        check(text.rstrip().endswith("</trace>") and "'pipe_screen' method='destroy'" in text,
              what + ": the renderer was torn down (trace complete): %r" % text[-200:])

    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
