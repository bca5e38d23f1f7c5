#!/usr/bin/env python3
"""The tgsi2glsl command line as a user meets it: --version, usage on a terminal, truncated
input, output write errors, --target mistakes, the memory limit's diagnostics.
  run_cli.py CLI SOURCE_ROOT VERSION [TEST...]"""
import os, pty, re, shutil, subprocess, sys, tempfile

cli, root, version = sys.argv[1], sys.argv[2], sys.argv[3]
only = set(sys.argv[4:])
SAMPLE = os.path.join(root, "tests/golden/cases/sample.tgsi")
TARGETS = ["glsl140", "glsl150", "glsl330", "glsl400", "glsl410", "glsl420", "glsl430",
           "glsl440", "glsl450", "glsl460", "essl300", "essl310", "essl320"]
tmp = tempfile.mkdtemp(prefix="t2g-cli-")
failures = []


def run(args, stdin=None, timeout=60, **kw):
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([cli] + args, input=stdin, timeout=timeout, **kw)


def check(cond, what, p=None):
    if not cond:
        detail = ""
        if p is not None:
            detail = f" (exit {p.returncode}, stderr {p.stderr.decode(errors='replace')[:600]!r})"
        failures.append(what + detail)
        print("FAIL " + what + detail)
    return cond


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ------------------------------------------------------------------ item 1: version, usage

def test_version():
    p = run(["--version"])
    check(p.returncode == 0 and p.stdout.decode() == f"tgsi2glsl {version}\n" and not p.stderr,
          f"--version prints 'tgsi2glsl {version}'", p)


def test_usage_on_terminal():
    # No file and a terminal on stdin: usage and exit 2 instead of waiting for input.
    master, slave = pty.openpty()
    try:
        p = subprocess.run([cli], stdin=slave, capture_output=True, timeout=10)
    except subprocess.TimeoutExpired:
        check(False, "no input file on a terminal: usage instead of waiting (timed out)")
        return
    finally:
        os.close(slave)
        os.close(master)
    check(p.returncode == 2 and b"usage: tgsi2glsl" in p.stderr and not p.stdout,
          "no input file on a terminal: usage on stderr, exit 2", p)
    # A pipe is not a terminal: stdin is read.
    p = run([], stdin=open(SAMPLE, "rb").read())
    check(p.returncode == 0 and p.stdout.startswith(b"#version 450"), "stdin from a pipe", p)


# ------------------------------------------------------------------ item 2: truncation

def test_truncated():
    lines = open(SAMPLE).read().splitlines(True)
    for cut in (1, 9, len(lines) - 1):
        p = run(["-"], stdin="".join(lines[:cut]).encode())
        check(p.returncode == 1 and not p.stdout and
              re.match(rf"<stdin>:{cut + 1}:1: error: end of input without END", p.stderr.decode()),
              f"sample cut after line {cut}: located error, exit 1", p)


# ------------------------------------------------------------------ item 3: write errors

def test_write_errors():
    if not os.path.exists("/dev/full"):
        print("skip write errors: no /dev/full")
        return
    with open("/dev/full", "wb") as full:
        p = run([SAMPLE], stdout=full, stderr=subprocess.PIPE)
        check(p.returncode == 1 and b"tgsi2glsl: error writing <stdout>: No space left on device"
              in p.stderr, "GLSL to a full stdout: error, exit 1", p)
        p = run(["--version"], stdout=full, stderr=subprocess.PIPE)
        check(p.returncode == 1 and b"error writing <stdout>" in p.stderr,
              "--version to a full stdout: error, exit 1", p)
    p = run(["-o", "/dev/full", SAMPLE])
    check(p.returncode == 1 and b"tgsi2glsl: error writing /dev/full: No space left on device"
          in p.stderr, "-o /dev/full: error, exit 1", p)
    p = run(["-o", os.path.join(tmp, "no/such/dir.glsl"), SAMPLE])
    check(p.returncode == 1 and b"cannot open" in p.stderr, "-o into a missing folder", p)


# ------------------------------------------------------------------ item 5: --target

def test_target_errors():
    for args, what in ((["--target"], "--target without a value"),
                       (["--target", "--validate", SAMPLE], "--target followed by an option"),
                       (["--target", "glsl999", SAMPLE], "an unknown target"),
                       (["--target=", SAMPLE], "--target= empty")):
        p = run(args)
        err = p.stderr.decode()
        check(p.returncode == 2 and all(t in err for t in TARGETS) and not p.stdout,
              f"{what}: message listing every target, exit 2", p)
    p = run(["-o"])
    check(p.returncode == 2 and b"-o needs a file name" in p.stderr, "-o without a value", p)
    p = run(["--no-such-option", SAMPLE])
    check(p.returncode == 2 and b"unknown option '--no-such-option'" in p.stderr,
          "an unknown option", p)


# ------------------------------------------------------------------ item 4: memory limit

def big_shader(name, n):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write("FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL TEMP[0..3]\n")
        f.write("".join(f"ADD TEMP[{i % 4}], TEMP[{(i + 1) % 4}], IN[0]\n" for i in range(n)))
        f.write("MOV OUT[0], TEMP[0]\nEND\n")
    return path


def test_memory_limit():
    # The parse alone passes half of the 256 MiB limit: no instruction is to blame.
    path = big_shader("parsed.tgsi", 200000)
    p = run([path], timeout=120)
    check(p.returncode == 1 and p.stderr.decode() ==
          f"{path}: error: out of memory: the parsed shader takes more than 128 MiB, the half of "
          "the 256 MiB compile limit that parsing and translation may use\n",
          "memory: parse past half the limit, no location", p)
    # The translation passes it at some instruction.
    path = big_shader("translated.tgsi", 160000)
    p = run([path], timeout=120)
    check(p.returncode == 1 and re.fullmatch(
          re.escape(path) + r":\d+:1: error: out of memory: translating the shader takes more "
          r"than 128 MiB, the half of the 256 MiB compile limit that parsing and translation "
          r"may use\n", p.stderr.decode()), "memory: translation past half the limit", p)
    # The parse reaches the limit itself: one message at the statement, not one per line.
    path = big_shader("parse-limit.tgsi", 400000)
    p = run([path], timeout=120)
    check(p.returncode == 1 and re.fullmatch(
          re.escape(path) + r":\d+:1: error: out of memory: the shader needs more than the "
          r"256 MiB a compile may use\n", p.stderr.decode()), "memory: the parse at the limit", p)
    for f in ("parsed.tgsi", "translated.tgsi", "parse-limit.tgsi"):
        os.unlink(os.path.join(tmp, f))


tests = [(n[5:], f) for n, f in sorted(globals().items()) if n.startswith("test_")]
for name, fn in tests:
    if not only or name in only:
        print(f"-- {name}")
        fn()
shutil.rmtree(tmp, ignore_errors=True)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
