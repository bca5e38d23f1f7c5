#!/usr/bin/env python3
"""record-corpus.py: records the project's TGSI corpus: runs a list of piglit tests through
virgl-exec (Mesa's virgl driver as the guest) with --record, and writes every distinct TGSI
shader text the guest sent to OUTDIR/<first 16 hex digits of its SHA-1>.tgsi, as the files of
tests/corpus/extra and ../shared/corpus/tgsi are named.

  tools/record-corpus.py [--list tests/corpus/recorded-list.txt] [--out tests/corpus/recorded]
                         [--server build/executor/virgl-exec] [--batch 100] [--jobs 2]

The tests run in batches through tools/piglit-run.py (which gives the server a private /tmp);
each batch's traces are read and deleted before the next, so disk use stays at one batch's
traces.  OUTDIR's .tgsi files are replaced by what this run recorded.  The trace format is
in executor/record.h; the shader command in executor/objects.c and executor/shaders.c.
"""
import argparse, hashlib, json, os, shutil, struct, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VTREC_MSG = 1
VCMD_SUBMIT_CMD = 6
CCMD_CREATE_OBJECT, OBJ_SHADER = 1, 4
PIPE_SHADER_COMPUTE = 5
SHADER_OFFSET_CONT = 0x80000000
STAGES = ("VERT", "FRAG", "GEOM", "TESS_CTRL", "TESS_EVAL", "COMP")


def trace_messages(data):
    """The client messages of one trace (header dwords included)."""
    if data[:8] != b"VTESTREC":
        raise ValueError("not a virgl-exec trace")
    p = 16
    while p + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, p)
        p += 8
        if kind == VTREC_MSG:
            yield data[p:p + size]
        p += (size + 3) & ~3


def shader_texts(data):
    """Yields each complete shader text that a trace's SUBMIT_CMD buffers create.  A text
    longer than one command comes in pieces: the first carries the total length, the others
    the CONT bit and their byte offset; every piece repeats the header (with the
    stream-output words, except for compute, whose fifth word is its shared-memory size)."""
    pending = {}
    for msg in trace_messages(data):
        if len(msg) < 8 or struct.unpack_from("<I", msg, 4)[0] != VCMD_SUBMIT_CMD:
            continue
        w = struct.unpack_from(f"<{(len(msg) - 8) // 4}I", msg, 8)
        i = 0
        while i < len(w):
            hdr = w[i]
            n = hdr >> 16
            args = w[i + 1:i + 1 + n]
            i += 1 + n
            if hdr & 0xff != CCMD_CREATE_OBJECT or (hdr >> 8) & 0xff != OBJ_SHADER or n < 5:
                continue
            handle, stage, offlen, _tokens, so = args[:5]
            start = 5 + (4 + 2 * so if so and stage != PIPE_SHADER_COMPUTE else 0)
            piece = struct.pack(f"<{max(n - start, 0)}I", *args[start:])
            if offlen & SHADER_OFFSET_CONT:
                if handle not in pending:
                    continue
                total, text = pending[handle]
                off = offlen & ~SHADER_OFFSET_CONT
                text[off:off + len(piece)] = piece
            else:
                total, text = offlen, bytearray(piece)
            if len(text) < total:
                pending[handle] = (total, text)
                continue
            pending.pop(handle, None)
            yield bytes(text[:total]).split(b"\0")[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=os.path.join(ROOT, "tests/corpus/recorded-list.txt"))
    ap.add_argument("--out", default=os.path.join(ROOT, "tests/corpus/recorded"))
    ap.add_argument("--server", default=os.path.join(ROOT, "build/executor/virgl-exec"))
    ap.add_argument("--batch", type=int, default=100, help="tests per server run")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    server = os.path.abspath(a.server)
    names = [l.split("#", 1)[0].strip() for l in open(a.list)]
    names = [n for n in names if n]
    # piglit-run.py keeps the folder of its --server-log visible in its private /tmp.
    work = tempfile.mkdtemp(prefix="record-corpus-")
    shaders, counts = {}, {}
    try:
        for b in range(0, len(names), a.batch):
            batch = os.path.join(work, "list.txt")
            open(batch, "w").write("".join(n + "\n" for n in names[b:b + a.batch]))
            trace = os.path.join(work, "trace")
            r = subprocess.run([sys.executable, os.path.join(ROOT, "tools/piglit-run.py"),
                                "--list", batch, "--mode", "vtest", "--jobs", str(a.jobs),
                                "--timeout", str(a.timeout), "--out", os.path.join(work, "r.json"),
                                "--server-log", os.path.join(work, "server.log"),
                                "--server", f"{server} --record {trace}"],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"record-corpus: piglit-run failed:\n{r.stdout}{r.stderr}")
            for st, c in json.load(open(os.path.join(work, "r.json")))["summary"]["counts"].items():
                counts[st] = counts.get(st, 0) + c
            for f in sorted(os.listdir(work)):
                if f == "trace" or f.startswith("trace."):
                    for text in shader_texts(open(os.path.join(work, f), "rb").read()):
                        shaders.setdefault(hashlib.sha1(text).hexdigest()[:16], text)
                    os.unlink(os.path.join(work, f))
            print(f"record-corpus: {min(b + a.batch, len(names))}/{len(names)} tests, "
                  f"{len(shaders)} distinct shaders", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):
        if f.endswith(".tgsi"):
            os.unlink(os.path.join(a.out, f))
    stages = {}
    for h, text in shaders.items():
        open(os.path.join(a.out, h + ".tgsi"), "wb").write(text)
        head = text.split(None, 1)[0].decode(errors="replace") if text.strip() else "?"
        stages[head] = stages.get(head, 0) + 1
    print(f"record-corpus: piglit {json.dumps(counts)}; {len(shaders)} shaders in {a.out}: "
          + ", ".join(f"{stages.get(s, 0)} {s}" for s in STAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
