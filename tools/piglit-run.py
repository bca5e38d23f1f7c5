#!/usr/bin/env python3
"""piglit-run.py: runs a list or a sample of piglit tests natively or through a vtest server
(virgl-exec, or virglrenderer's virgl_test_server) and writes a summary and per-test results.

  piglit-run.py --list FILE --mode vtest --server 'build/executor/virgl-exec'
  piglit-run.py --list FILE --mode native
  piglit-run.py --sample 300 --seed 21 --write-list out.txt     # a random list
  piglit-run.py --breadth 3 --seed 5 --write-list out.txt       # N tests from every category
  piglit-run.py --compare A.json B.json                         # status changes

Each test's command line comes from piglit's quick_gl and quick_shader profiles (a list's
names also from the glslparser profile).  By default
tests render to an FBO (-fbo, PIGLIT_PLATFORM=surfaceless_egl); --window renders on screen
as applications do, to the window system's framebuffer of a private Xvfb
(PIGLIT_PLATFORM=glx, no -fbo).  In vtest mode the run re-enters itself through
tools/private-tmp.sh so that its server's /tmp/.virgl_test is its own.
"""
import argparse, gzip, json, os, random, re, shlex, signal, subprocess, sys, time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xvfb  # noqa: E402 (tools/xvfb.py)

PIGLIT = "/usr/lib/x86_64-linux-gnu/piglit"
SOCK = "/tmp/.virgl_test"
HERE = os.path.dirname(os.path.abspath(__file__))


def profiles(names=("quick_gl", "quick_shader")):
    tests = {}
    for prof in names:
        for t in ET.parse(gzip.open(f"{PIGLIT}/tests/{prof}.xml.gz")).getroot():
            opts = {o.get("name"): o.get("value") for o in t}
            if not opts.get("command"):
                continue
            try:
                tests[t.get("name")] = eval(opts["command"], {"__builtins__": {}})
            except Exception:
                pass
    return tests


def command_line(cmd, window):
    exe = cmd[0] if cmd[0].startswith("/") else f"{PIGLIT}/bin/{cmd[0]}"
    args = [exe] + [f"{PIGLIT}/{a}" if a.startswith(("tests/", "generated_tests/")) else a
                    for a in cmd[1:]]
    # glslparsertest renders nothing and takes no flags (it would read them as extensions).
    flags = () if os.path.basename(exe).startswith("glslparsertest") else \
        ("-auto",) if window else ("-auto", "-fbo")
    for flag in flags:
        if flag not in args:
            args.append(flag)
    return args


def run_one(name, cmd, timeout, env, window):
    t0 = time.time()
    try:
        p = subprocess.run(command_line(cmd, window), env=env, cwd=PIGLIT, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return name, "timeout", time.time() - t0, ""
    except OSError as e:
        return name, "notrun", 0.0, str(e)
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    status = None
    for m in re.finditer(r"PIGLIT: (\{.*\})", out):
        try:
            status = json.loads(m.group(1)).get("result", status)
        except ValueError:
            pass
    if p.returncode < 0 or (status is None and p.returncode != 0):
        status = "crash"
    return name, status or "fail", time.time() - t0, out[-800:]


def select(a, tests):
    if a.list:
        names = []
        for line in open(a.list):
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line.split("\t")[-1].strip())
        return names
    names = sorted(n for n in tests if re.search(a.filter, n))
    rng = random.Random(a.seed)
    if a.exclude:
        skip = {l.split("\t")[-1].strip() for l in open(a.exclude) if l.strip()}
        names = [n for n in names if n not in skip]
    if a.breadth:
        # A category is a test name's first two components ("spec@arb_clip_control").
        cats = {}
        for n in names:
            cats.setdefault("@".join(n.split("@")[:2]), []).append(n)
        names = []
        for c in sorted(cats):
            rng.shuffle(cats[c])
            names += cats[c][: a.breadth]
        return sorted(names)
    if a.sample:
        rng.shuffle(names)
        names = names[: a.sample]
    return sorted(names)


def start_xvfb():
    try:
        return xvfb.start()
    except (OSError, RuntimeError) as e:
        sys.exit(f"piglit-run: Xvfb did not start ({e})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list")
    ap.add_argument("--sample", type=int)
    ap.add_argument("--breadth", type=int, help="N tests from every piglit category")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--filter", default="", help="regex over test names")
    ap.add_argument("--exclude", help="a list whose tests a sample leaves out")
    ap.add_argument("--write-list")
    ap.add_argument("--mode", choices=["native", "vtest"], default="native")
    ap.add_argument("--server", default="virgl_test_server --use-egl-surfaceless")
    ap.add_argument("--window", action="store_true", help="on screen under Xvfb, no -fbo")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--out")
    ap.add_argument("--server-log", default=os.devnull, help="the server's stdout and stderr")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
    a = ap.parse_args()
    if a.compare:
        x, y = (json.load(open(f))["results"] for f in a.compare)
        for n in sorted(set(x) | set(y)):
            s, t = x.get(n, {}).get("status"), y.get(n, {}).get("status")
            if s != t:
                print(f"{s} -> {t}  {n}")
        return 0
    tests = profiles()
    names = select(a, tests)
    # A list may name GLSL parser tests (spec@ext_texture_shadow_lod@compiler@...), which
    # neither profile holds; samples stay drawn from the two profiles alone.
    if any(n not in tests for n in names):
        tests.update(profiles(("glslparser",)))
    if a.write_list:
        open(a.write_list, "w").write("".join(n + "\n" for n in names))
        print(f"wrote {len(names)} test names to {a.write_list}")
        return 0
    if (a.mode == "vtest" or a.window) and os.environ.get("PIGLIT_RUN_PRIVATE") != "1":
        keep = ":".join(p for p in (a.out, a.list, a.server_log, os.getcwd()) if p)
        env = dict(os.environ, PIGLIT_RUN_PRIVATE="1", PRIVATE_TMP_KEEP=keep)
        return subprocess.run([f"{HERE}/private-tmp.sh", sys.executable, os.path.abspath(__file__)]
                              + sys.argv[1:], env=env).returncode
    env = dict(os.environ, PIGLIT_PLATFORM="surfaceless_egl", LIBGL_ALWAYS_SOFTWARE="1",
               MESA_SHADER_CACHE_DISABLE="true")
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "GALLIUM_DRIVER"):
        env.pop(k, None)
    xvfb = server = None
    if a.window:
        xvfb, display = start_xvfb()
        env.update(PIGLIT_PLATFORM="glx", DISPLAY=display)
    if a.mode == "vtest":
        env["GALLIUM_DRIVER"] = "virpipe"
        if os.path.exists(SOCK):
            os.unlink(SOCK)
        log = open(a.server_log, "w")
        server = subprocess.Popen(shlex.split(a.server), stdout=log, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, MESA_SHADER_CACHE_DISABLE="true"),
                                  start_new_session=True)
        for _ in range(600):
            if os.path.exists(SOCK) or server.poll() is not None:
                break
            time.sleep(0.05)
        if not os.path.exists(SOCK):
            sys.exit(f"piglit-run: the server did not come up: {a.server}")
    results, t0 = {}, time.time()
    try:
        with ThreadPoolExecutor(a.jobs) as ex:
            futs = [ex.submit(run_one, n, tests[n], a.timeout, env, a.window)
                    for n in names if n in tests]
            for f in futs:
                n, st, dt, tail = f.result()
                results[n] = {"status": st, "secs": round(dt, 2),
                              "tail": "" if st in ("pass", "skip") else tail}
    finally:
        if server:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
    counts = {}
    for r in results.values():
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    summary = {"mode": a.mode + ("-window" if a.window else "-fbo"),
               "server": a.server if server else None, "tests": len(results),
               "missing": [n for n in names if n not in tests],
               "wall_s": round(time.time() - t0, 1), "counts": counts}
    if a.out:
        json.dump({"summary": summary, "results": results}, open(a.out, "w"), indent=1)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
