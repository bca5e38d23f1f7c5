#!/usr/bin/env python3
"""Replays real applications' GL traces natively and through virgl-exec, and compares frames.

  check_traces.py VIRGL_EXEC [--servers native,vexec,vexec-gles] [--only NAME,...] [--out DIR]

The traces in this folder were recorded natively on llvmpipe (tools/record-traces.sh).  Each
is replayed on screen under a private Xvfb with apitrace's glretrace/eglretrace: natively
(the reference) and as a virgl guest (Mesa's virpipe driver) through `virgl-exec` on a
desktop GL host and through `virgl-exec --gles` on a GLES host; `vrend` (virglrenderer's
`virgl_test_server --use-egl-surfaceless`) is there for measurements.  Chosen frames are
snapshotted and each must match the native replay's within the tolerance below.

Tolerance: a pixel differs when one of its channels is more than PIXEL_TOLERANCE (16 of
255) away from the native one; a frame matches while at most AREA_TOLERANCE (1%) of its
pixels differ.  Both sides end on the same llvmpipe, but not by the same path: the guest's
fixed-function and GLSL shaders reach the host as TGSI and come back as other GLSL, so
llvmpipe runs other code and some edge pixels (glyphs, polygon silhouettes, texel
boundaries of a blur) land otherwise.  Measured: glxgears, glmark2 and mpv identical;
glmark2-es2 0.08% and chromium-bsu 0.30% of pixels beyond 16, at edges (up to 179 there);
virglrenderer differs from native by the same pixels.  A wrong rendering changes far more: main before
7ac384d (window-system framebuffers culled the wrong faces) changes 3-100% of the frames of
five applications; the GLES host's missing LOD bias changes 1.4-3.3% (KNOWN below).

Failing frames and the logs go to --out (default: a temporary folder, gone at the end).
Exit 77 (a skip) where apitrace, Xvfb or a private mount namespace is missing.  Mesa
22.3's vtest client always dials /tmp/.virgl_test, so everything runs inside
tools/private-tmp.sh.
"""
import argparse, os, random, shutil, signal, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77
PIXEL_TOLERANCE = 16
AREA_TOLERANCE = 0.01
SOCK = "/tmp/.virgl_test"
REPLAY_TIMEOUT = 120

# name: (retracer, frames to snapshot).  Frame indices count from 0 in the trace as recorded
# by tools/record-traces.sh; the first frames of an application are skipped where they show
# a window whose contents are still undefined.  glmark2: the last frame of each scene.
TRACES = {
    "glxgears": ("glretrace", [5, 20, 39]),
    "glmark2": ("glretrace", list(range(2, 39, 3))),
    "glmark2-es2": ("eglretrace", list(range(2, 15, 3))),
    "xscreensaver-molecule": ("eglretrace", [8, 14, 19]),
    "chromium-bsu": ("glretrace", [10, 25, 39]),
    "mpv": ("eglretrace", [5, 15, 29]),
}

# (trace, server): why its frames are known to differ.  They are still compared and reported
# ("todo"), and a match is announced so that the entry can go; they do not fail the check.
GLES_LOD_BIAS = ("GLES has no sampler LOD bias: the labels (GL_INTENSITY font texture, "
                 "trilinear, bias 0.25) come out sharper; virglrenderer --use-gles too")
KNOWN = {
    ("xscreensaver-molecule", "vexec-gles"): GLES_LOD_BIAS,
    ("xscreensaver-molecule", "vrend-gles"): GLES_LOD_BIAS,
}

# What in virgl-exec's log fails a run: a command it refused, a sanitizer's report.
SERVER_ERRORS = ("rejected command", "ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                 "runtime error:")

SERVERS = {
    "native": None,
    "vexec": ["{vexec}"],
    "vexec-gles": ["{vexec}", "--gles"],
    "vrend": ["virgl_test_server", "--use-egl-surfaceless"],
    "vrend-gles": ["virgl_test_server", "--use-egl-surfaceless", "--use-gles"],
}


def log(*a):
    print(*a, flush=True)


def frame_calls(trace, frames):
    """Call numbers of the frame-ending calls of the wanted frames."""
    out = subprocess.run(["apitrace", "dump", "--calls=frame", trace], capture_output=True,
                         text=True, check=True).stdout
    ends = [int(l.split()[0]) for l in out.splitlines() if l[:1].isdigit()]
    missing = [f for f in frames if f >= len(ends)]
    if missing:
        raise RuntimeError(f"{trace}: has {len(ends)} frames, no frame {missing}")
    return [ends[f] for f in frames]


def read_ppms(data):
    """The snapshot stream of `glretrace -s -`: {call: (width, height, rgb bytes)}."""
    shots, pos = {}, 0
    while pos < len(data):
        fields, call = [], None
        while len(fields) < 4:
            while data[pos:pos + 1].isspace():
                pos += 1
            if data[pos:pos + 1] == b"#":
                end = data.index(b"\n", pos)
                call = int(data[pos + 1:end])
                pos = end + 1
                continue
            end = pos
            while not data[end:end + 1].isspace():
                end += 1
            fields.append(data[pos:end])
            pos = end
        pos += 1
        if fields[0] != b"P6" or fields[3] != b"255":
            raise RuntimeError(f"unexpected snapshot header {fields}")
        w, h = int(fields[1]), int(fields[2])
        shots[call] = (w, h, data[pos:pos + w * h * 3])
        pos += w * h * 3
    return shots


def compare(a, b, width):
    """(pixels of which a channel differs by more than PIXEL_TOLERANCE, pixels that differ at
    all, the largest channel difference)."""
    if a == b:
        return 0, 0, 0
    row, over, differ, top = width * 3, 0, 0, 0
    for y in range(0, len(a), row):
        ra, rb = a[y:y + row], b[y:y + row]
        if ra == rb:
            continue
        for x in range(0, row, 3):
            d = max(abs(ra[x] - rb[x]), abs(ra[x + 1] - rb[x + 1]), abs(ra[x + 2] - rb[x + 2]))
            if d:
                differ += 1
                top = max(top, d)
                if d > PIXEL_TOLERANCE:
                    over += 1
    return over, differ, top


def write_ppm(path, shot):
    w, h, rgb = shot
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (w, h) + rgb)


class Server:
    def __init__(self, argv, logpath):
        self.proc = None
        if argv is None:
            return
        self.log = open(logpath, "w")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        for _ in range(100):
            if os.path.exists(SOCK):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"{argv[0]} did not start (see {logpath})")

    def stop(self):
        if self.proc is None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.log.close()
        try:
            os.unlink(SOCK)
        except FileNotFoundError:
            pass


def start_xvfb(out):
    """An Xvfb on a display number nobody uses.  Its socket file is in our private /tmp, but
    Linux X clients try the abstract socket of the same name first, and that namespace is
    shared with every other Xvfb on the machine: a number that is taken there would connect
    our replays to somebody else's server.  So pick one that is free there too."""
    for _ in range(20):
        with open("/proc/net/unix") as f:
            taken = f.read()
        n = random.randrange(1000, 30000)
        if f"@/tmp/.X11-unix/X{n}\n" in taken:
            continue
        xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1024x768x24", "-noreset",
                                 "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                stderr=open(f"{out}/xvfb.log", "w"))
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{n}") or xvfb.poll() is not None:
                break
            time.sleep(0.05)
        if xvfb.poll() is None and os.path.exists(f"/tmp/.X11-unix/X{n}"):
            return xvfb, f":{n}"
        xvfb.kill()
        xvfb.wait()
    raise RuntimeError(f"Xvfb did not start (see {out}/xvfb.log)")


def replay(retracer, trace, calls, env, logpath):
    argv = [retracer, "--snapshot=" + ",".join(map(str, calls)), "-s", "-", trace]
    with open(logpath, "w") as errlog:
        try:
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=errlog, env=env,
                               timeout=REPLAY_TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {REPLAY_TIMEOUT} s"
    if p.returncode != 0:
        return None, f"{retracer} exited {p.returncode}"
    shots = read_ppms(p.stdout)
    if sorted(shots) != sorted(calls):
        return None, f"snapshots of calls {sorted(shots)}, wanted {calls}"
    return shots, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("virgl_exec")
    ap.add_argument("--servers", default="native,vexec,vexec-gles")
    ap.add_argument("--only", default=",".join(TRACES))
    ap.add_argument("--out", help="where failing frames and logs are written (default: a temp dir)")
    ap.add_argument("--save-all", action="store_true", help="write every compared frame to --out")
    args = ap.parse_args()
    servers = args.servers.split(",")
    if servers[0] != "native":
        servers.insert(0, "native")
    names = args.only.split(",")

    need = ["apitrace", "Xvfb"] + sorted({TRACES[n][0] for n in names})
    if any(s.startswith("vrend") for s in servers):
        need.append("virgl_test_server")
    missing = [p for p in need if not shutil.which(p)]
    if missing:
        log(f"SKIP: {', '.join(missing)} not installed")
        return SKIP
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    if os.environ.get("CHECK_TRACES_PRIVATE_TMP") != "1":
        # Re-run inside a private /tmp; tools/private-tmp.sh exits 77 where it cannot.
        env = dict(os.environ, CHECK_TRACES_PRIVATE_TMP="1")
        keep = [os.path.abspath(args.virgl_exec)] + ([os.path.abspath(args.out)] if args.out else [])
        env["PRIVATE_TMP_KEEP"] = ":".join(keep + [HERE])
        return subprocess.run([f"{ROOT}/tools/private-tmp.sh", sys.executable] + sys.argv,
                              env=env).returncode

    work = tempfile.mkdtemp(prefix="check-traces-")
    out = args.out or work
    env = dict(os.environ, LIBGL_ALWAYS_SOFTWARE="1", MESA_SHADER_CACHE_DISABLE="true",
               HOME=work)
    env.pop("GALLIUM_DRIVER", None)
    xvfb, env["DISPLAY"] = start_xvfb(out)
    calls = {n: frame_calls(f"{HERE}/{n}.trace", TRACES[n][1]) for n in names}
    results, failed, passed, todo = {}, 0, 0, 0
    try:
        for srv in servers:
            argv = SERVERS[srv]
            if argv is not None:
                argv = [a.format(vexec=os.path.abspath(args.virgl_exec)) for a in argv]
            server = Server(argv, f"{out}/{srv}-server.log")
            senv = dict(env, GALLIUM_DRIVER="virpipe") if argv else env
            try:
                for n in names:
                    t0 = time.time()
                    retracer, frames = TRACES[n]
                    shots, err = replay(retracer, f"{HERE}/{n}.trace", calls[n], senv,
                                        f"{out}/{srv}-{n}.log")
                    results[srv, n] = shots
                    took = time.time() - t0
                    if srv == "native":
                        if err:
                            log(f"FAIL {n} native: {err} (the reference; see {out}/{srv}-{n}.log)")
                            failed += 1
                        continue
                    ref = results["native", n]
                    if ref is None:
                        continue
                    if err:
                        log(f"FAIL {n} {srv}: {err} (see {out}/{srv}-{n}.log)")
                        failed += 1
                        continue
                    worst, bad, exact, top = (0, frames[0]), [], 0, 0
                    for f, c in zip(frames, calls[n]):
                        w, h, rgb = shots[c]
                        rw, rh, rrgb = ref[c]
                        if args.save_all:
                            write_ppm(f"{out}/{n}-{f}-{srv}.ppm", shots[c])
                            write_ppm(f"{out}/{n}-{f}-native.ppm", ref[c])
                        if (w, h) != (rw, rh):
                            bad.append(f"frame {f}: {w}x{h}, native {rw}x{rh}")
                            continue
                        over, differ, d = compare(rrgb, rgb, w)
                        share = over / (w * h)
                        worst = max(worst, (share, f))
                        exact += differ == 0
                        top = max(top, d)
                        if share > AREA_TOLERANCE:
                            bad.append(f"frame {f}: {share:.2%} of pixels differ")
                            write_ppm(f"{out}/{n}-{f}-native.ppm", ref[c])
                            write_ppm(f"{out}/{n}-{f}-{srv}.ppm", shots[c])
                    summary = (f"{len(frames)} frames, {exact} identical, worst {worst[0]:.3%} "
                               f"of pixels over tolerance (frame {worst[1]}), largest channel "
                               f"difference {top}, {took:.1f} s")
                    known = KNOWN.get((n, srv))
                    if bad and known:
                        log(f"todo {n} {srv}: {'; '.join(bad)} ({summary}): {known}")
                        todo += 1
                    elif bad:
                        log(f"FAIL {n} {srv}: {'; '.join(bad)} ({summary}; frames in {out})")
                        failed += 1
                    else:
                        log(f"ok   {n} {srv}: {summary}" +
                            (f" (listed as a known difference: {known})" if known else ""))
                        passed += 1
            finally:
                server.stop()
            if argv and srv.startswith("vexec"):
                # A real application's stream should never be refused, nor trip a sanitizer.
                with open(f"{out}/{srv}-server.log", errors="replace") as f:
                    bad = [l.rstrip() for l in f if any(k in l for k in SERVER_ERRORS)]
                if bad:
                    log(f"FAIL {srv} logged errors (see {out}/{srv}-server.log):")
                    for l in bad[:10]:
                        log("     " + l)
                    failed += 1
    finally:
        xvfb.terminate()
        xvfb.wait()
        if not args.out:
            shutil.rmtree(work, ignore_errors=True)
    if todo:
        log(f"{todo} known difference(s), not counted")
    log(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
