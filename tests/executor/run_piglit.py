#!/usr/bin/env python3
"""Runs real piglit tests through virgl-exec (Mesa's virpipe driver as the guest).

  run_piglit.py VIRGL_EXEC list LISTFILE [SERVER_ARG...]
                                               each test must end with its listed status;
                                               SERVER_ARGs go to virgl-exec (e.g. --gles)
  run_piglit.py VIRGL_EXEC window-list LISTFILE [SERVER_ARG...]
                                               the same on screen, as applications draw:
                                               to the window system's framebuffer of a
                                               private Xvfb (PIGLIT_PLATFORM=glx, no -fbo)
  run_piglit.py VIRGL_EXEC leak TEST           virgl-exec --no-fork under valgrind: one
                                               client session leaks nothing of ours
  run_piglit.py VIRGL_EXEC record-replay TEST  record a session, replay it to its end

Mesa 22.3's vtest client always dials /tmp/.virgl_test, so the script re-runs itself in a
private mount namespace with its own tmpfs on /tmp; concurrent runs (and anybody's real
/tmp/.virgl_test) never meet.  Without the privilege for that it skips (exit 77).

List file lines: "STATUS<TAB>piglit test name"; STATUS pass is asserted, todo is run and
reported (an unexpected pass says the line can become pass), skip is not run.
"""
import gzip, json, os, re, shlex, signal, subprocess, sys, tempfile, time
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import xvfb  # noqa: E402 (tools/xvfb.py)

PIGLIT = "/usr/lib/x86_64-linux-gnu/piglit"
SOCK = "/tmp/.virgl_test"
SKIP = 77
SRC_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def enter_private_tmp():
    """Re-runs this script through tools/private-tmp.sh, which binds back into the private /tmp
    the source tree and the arguments that are paths (a checkout may live under /tmp)."""
    if os.environ.get("VIRGL_EXEC_PRIVATE_TMP") == "1":
        return
    script = os.path.abspath(sys.argv[0])
    keep = [SRC_ROOT, script] + [os.path.abspath(a) for a in sys.argv[1:] if os.path.exists(a)]
    env = dict(os.environ, VIRGL_EXEC_PRIVATE_TMP="1", PRIVATE_TMP_KEEP=":".join(keep))
    argv = [os.path.join(SRC_ROOT, "tools/private-tmp.sh"), sys.executable, script] + sys.argv[1:]
    sys.exit(subprocess.run(argv, env=env).returncode)


def piglit_commands():
    tests = {}
    for prof in ("quick_gl", "quick_shader", "glslparser"):
        for t in ET.parse(gzip.open(f"{PIGLIT}/tests/{prof}.xml.gz")).getroot():
            opts = {o.get("name"): o.get("value") for o in t}
            if opts.get("command"):
                try:
                    tests[t.get("name")] = eval(opts["command"], {"__builtins__": {}})
                except Exception:
                    pass
    return tests


# Set by window-list: the private Xvfb's display; tests then run on screen.
WINDOW_DISPLAY = None


def command_line(cmd):
    exe = cmd[0] if cmd[0].startswith("/") else f"{PIGLIT}/bin/{cmd[0]}"
    args = [exe] + [f"{PIGLIT}/{a}" if a.startswith(("tests/", "generated_tests/")) else a
                    for a in cmd[1:]]
    # glslparsertest renders nothing and takes no flags (it would read them as extensions).
    flags = () if os.path.basename(exe).startswith("glslparsertest") else \
        ("-auto",) if WINDOW_DISPLAY else ("-auto", "-fbo")
    for flag in flags:
        if flag not in args:
            args.append(flag)
    return args


def client_env():
    env = dict(os.environ, GALLIUM_DRIVER="virpipe", LIBGL_ALWAYS_SOFTWARE="1",
               PIGLIT_PLATFORM="surfaceless_egl", MESA_SHADER_CACHE_DISABLE="true")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if WINDOW_DISPLAY:
        env.update(PIGLIT_PLATFORM="glx", DISPLAY=WINDOW_DISPLAY)
    return env


def start_xvfb():
    """An Xvfb of our own (tools/xvfb.py)."""
    try:
        return xvfb.start()
    except OSError:
        print("SKIP: Xvfb is not installed")
        sys.exit(SKIP)
    except RuntimeError as e:
        sys.exit(f"FAIL: {e}")


def run_test(cmd, timeout=60):
    """Returns (status, output tail)."""
    try:
        p = subprocess.run(command_line(cmd), env=client_env(), cwd=PIGLIT,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    status = None
    for m in re.finditer(r"PIGLIT: (\{.*\})", out):
        try:
            status = json.loads(m.group(1)).get("result", status)
        except ValueError:
            pass
    if p.returncode < 0 or (status is None and p.returncode != 0):
        status = "crash"
    return status or "fail", out[-1500:]


def start_server(argv, log):
    if os.path.exists(SOCK):
        os.unlink(SOCK)
    srv = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(600):
        if os.path.exists(SOCK):
            return srv
        if srv.poll() is not None:
            break
        time.sleep(0.05)
    stop_server(srv)
    log.flush()
    sys.exit(f"FAIL: virgl-exec did not come up: {' '.join(argv)}\n{open(log.name).read()[-3000:]}")


def stop_server(srv, timeout=10):
    if srv.poll() is None:
        os.killpg(srv.pid, signal.SIGTERM)
    try:
        return srv.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(srv.pid, signal.SIGKILL)
        return srv.wait()


def lookup(tests, name):
    if name not in tests:
        sys.exit(f"FAIL: {name!r} is not in piglit's quick_gl/quick_shader/glslparser profiles")
    return tests[name]


def cmd_list(exe, listfile, work, server_args=()):
    tests = piglit_commands()
    entries = []
    for line in open(listfile):
        line = line.split("#", 1)[0].rstrip()
        if line:
            want, name = line.split("\t", 1)
            entries.append((want.strip(), name.strip()))
    log = open(os.path.join(work, "server.log"), "w+")
    srv = start_server([exe, f"--socket-path={SOCK}", *server_args], log)
    bad, promote = [], []
    try:
        for want, name in entries:
            if want == "skip":
                continue
            t0 = time.time()
            got, tail = run_test(lookup(tests, name))
            print(f"{got:8} (want {want:4}) {time.time() - t0:5.2f}s  {name}", flush=True)
            if want == "pass" and got != "pass":
                bad.append(name)
                print("    " + "\n    ".join(tail.strip().splitlines()[-8:]))
            elif want == "todo" and got == "pass":
                promote.append(name)
            if srv.poll() is not None:
                bad.append("(server died)")
                break
    finally:
        rc = stop_server(srv)
    log.seek(0)
    server_log = log.read()
    if rc != 0:
        bad.append(f"(server exit status {rc})")
    if promote:
        print(f"{len(promote)} todo test(s) now pass; mark them pass in {listfile}:")
        for n in promote:
            print(f"    {n}")
    if bad:
        print(f"FAIL: {len(bad)} of {sum(w == 'pass' for w, _ in entries)} expected passes did "
              f"not pass\nserver log tail:\n{server_log[-3000:]}")
        return 1
    print(f"ok: all {sum(w == 'pass' for w, _ in entries)} expected passes pass")
    return 0


def our_sources():
    names = set()
    for d in os.listdir(SRC_ROOT):
        p = os.path.join(SRC_ROOT, d)
        if os.path.isdir(p) and not d.startswith((".", "build")) and d != "tests":
            for root, _, files in os.walk(p):
                names.update(f for f in files if f.endswith(".c"))
    return names


def cmd_leak(exe, name, work):
    tests = piglit_commands()
    vlog = os.path.join(work, "valgrind.log")
    log = open(os.path.join(work, "server.log"), "w+")
    srv = start_server(["valgrind", "--leak-check=full", "--show-leak-kinds=definite",
                        "--num-callers=30", f"--log-file={vlog}",
                        exe, "--no-fork", "--once", f"--socket-path={SOCK}"], log)
    got, tail = run_test(lookup(tests, name), timeout=600)
    try:
        rc = srv.wait(600)
    except subprocess.TimeoutExpired:
        rc = stop_server(srv)
    text = open(vlog).read()
    print(f"piglit {name}: {got}; virgl-exec exit status {rc}")
    mine = our_sources()
    ours, theirs = [], 0
    # Each loss record: "N bytes in M blocks are definitely lost ..." then its stack.
    for rec in re.split(r"\n==\d+== \n", text):
        if "definitely lost in loss record" not in rec:
            continue
        frames = re.findall(r"(?:at|by) 0x[0-9A-F]+: (\S+) \((?:in )?([^)]*)\)", rec)
        # Whose allocation is it?  The first frame past the allocator.
        alloc = [f for f in frames if "vg_replace_malloc" not in f[1]
                 and not f[0].startswith(("malloc", "calloc", "realloc", "strdup", "memalign"))]
        if alloc and alloc[0][1].split(":")[0] in mine:
            ours.append(rec.strip())
        else:
            theirs += 1
    summary = re.search(r"definitely lost: .*|no leaks are possible", text)
    print(f"valgrind: {summary.group(0) if summary else 'no leak summary'}; "
          f"{len(ours)} definite loss record(s) allocated by our code, {theirs} by others")
    for r in ours:
        print(r)
    if not summary:
        print(text[-3000:])
    if got != "pass":
        print("    " + "\n    ".join(tail.strip().splitlines()[-8:]))
        log.seek(0)
        print(log.read()[-2000:])
    return 1 if ours or not summary or rc != 0 or got != "pass" else 0


def cmd_record_replay(exe, name, work):
    tests = piglit_commands()
    trace = os.path.join(work, "session.vtrace")
    log = open(os.path.join(work, "server.log"), "w+")
    srv = start_server([exe, "--once", "--record", trace, f"--socket-path={SOCK}"], log)
    got, tail = run_test(lookup(tests, name))
    try:
        rc = srv.wait(60)
    except subprocess.TimeoutExpired:
        rc = stop_server(srv)
    print(f"recorded piglit {name}: {got}; server exit {rc}; trace "
          f"{os.path.getsize(trace) if os.path.exists(trace) else 0} bytes")
    if got != "pass" or rc != 0 or not os.path.exists(trace):
        print("    " + "\n    ".join(tail.strip().splitlines()[-8:]))
        log.seek(0)
        print(log.read()[-2000:])
        return 1
    p = subprocess.run([exe, "--replay", trace], capture_output=True, text=True, timeout=120)
    print(p.stdout.strip())
    m = re.search(r": (\d+) messages, (\d+) guest memory bytes, (\d+) identical readbacks: "
                  r"ran to the end without errors", p.stdout)
    if p.returncode != 0 or not m:
        print(f"FAIL: replay exit {p.returncode}\n{p.stderr[-3000:]}")
        return 1
    if int(m.group(1)) < 10 or int(m.group(3)) < 1:
        print("FAIL: fewer than 10 messages or no readback: not a whole piglit session")
        return 1
    # A truncated copy must be reported as not reaching its end.
    cut = trace + ".cut"
    data = open(trace, "rb").read()
    open(cut, "wb").write(data[: len(data) * 2 // 3])
    q = subprocess.run([exe, "--replay", cut], capture_output=True, text=True, timeout=120)
    print(q.stdout.strip())
    if q.returncode == 0:
        print("FAIL: a truncated trace replayed as complete")
        return 1
    return 0


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    exe, mode, arg = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    if not os.path.isdir(f"{PIGLIT}/bin"):
        print("SKIP: piglit is not installed")
        return SKIP
    enter_private_tmp()
    work = tempfile.mkdtemp(prefix="virgl-exec-piglit-")
    if mode == "window-list":
        global WINDOW_DISPLAY
        xvfb, WINDOW_DISPLAY = start_xvfb()
        try:
            return cmd_list(exe, arg, work, sys.argv[4:])
        finally:
            xvfb.terminate()
            xvfb.wait()
    if mode == "list":
        return cmd_list(exe, arg, work, sys.argv[4:])
    return {"leak": cmd_leak, "record-replay": cmd_record_replay}[mode](exe, arg, work)


if __name__ == "__main__":
    sys.exit(main())
