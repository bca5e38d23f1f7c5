#!/usr/bin/env python3
"""Corpus acceptance: every TGSI shader compiles for the target and the output passes the
independent glslangValidator; refusals are allowed only where the target truly lacks what
the shader needs (its stage, or 64-bit arithmetic), and are counted and listed.

  check_corpus.py CORPUS_DUMP CORPUS_DIR TARGET [--report FILE]
"""
import argparse, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

STAGE_HEAD = {"VERT": "vert", "FRAG": "frag", "GEOM": "geom", "TESS_CTRL": "tesc",
              "TESS_EVAL": "tese", "COMP": "comp"}
# Stages each target can express at all (no extension can add the others).
STAGES = {
    "glsl140": {"vert", "frag"}, "glsl150": {"vert", "frag", "geom"},
    "glsl330": {"vert", "frag", "geom"},
    "essl300": {"vert", "frag"}, "essl310": {"vert", "frag", "comp", "geom", "tesc", "tese"},
}
FP64_OPS = re.compile(r"^\s*\d+: (D[A-Z0-9_]+|I2D|U2D|F2D|I64\w+|U64\w+|\w+2I64|\w+2U64|I64\w*|U642\w+|I642\w+)\b", re.M)


def stage_of(text):
    head = text.lstrip().split(None, 1)[0] if text.strip() else ""
    return STAGE_HEAD.get(head)


def may_refuse(target, text):
    """Why this target may refuse the shader, or None when it must compile it."""
    st = stage_of(text)
    if st not in STAGES.get(target, {"vert", "frag", "geom", "tesc", "tese", "comp"}):
        return f"{st} stage not in {target}"
    # GL_ARB_gpu_shader_fp64 brings doubles to GLSL 1.50 and later; ES has no such extension.
    es_or_old = target.startswith("essl") or target == "glsl140"
    m = FP64_OPS.search(text)
    if es_or_old and m and m.group(1) not in ("DDX", "DDY", "DDX_FINE", "DDY_FINE", "DIV", "DP2", "DP3", "DP4", "DEFAULT", "DEMOTE"):
        return "64-bit arithmetic"
    return None


def glslang(files):
    """Returns {file: log} for the files glslangValidator rejects.  One run checks many
    files; it prints each file's name before that file's messages."""
    bad = {}
    for i in range(0, len(files), 64):
        chunk = files[i:i + 64]
        p = subprocess.run(["glslangValidator"] + chunk, capture_output=True, text=True)
        if p.returncode == 0:
            continue
        names = set(chunk)
        current, logs = None, {}
        for line in (p.stdout + p.stderr).splitlines():
            if line in names:
                current = line
                logs[current] = []
            elif current:
                logs[current].append(line)
        for f, lines in logs.items():
            if any(l.startswith("ERROR") for l in lines):
                bad[f] = "\n".join(lines).strip()
        if not bad.keys() & names:   # failed without a per-file error: report the chunk
            bad[chunk[0]] = (p.stdout + p.stderr).strip()[:2000]
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("corpus")
    ap.add_argument("target")
    ap.add_argument("--report")
    a = ap.parse_args()
    srcs = sorted(os.path.join(a.corpus, f) for f in os.listdir(a.corpus) if f.endswith(".tgsi"))
    texts = {os.path.basename(f)[:-5]: open(f, encoding="utf-8", errors="replace").read() for f in srcs}
    with tempfile.TemporaryDirectory() as out:
        for i in range(0, len(srcs), 500):
            p = subprocess.run([a.dump, a.target, out] + srcs[i:i + 500], capture_output=True, text=True)
            if p.returncode != 0:
                print(p.stdout, p.stderr, file=sys.stderr)
                return 1
        produced = sorted(os.listdir(out))
        glsl = [os.path.join(out, f) for f in produced if not f.endswith(".refused")]
        refused = {f[:-8]: open(os.path.join(out, f)).read() for f in produced if f.endswith(".refused")}
        half = (len(glsl) + 1) // 2
        with ThreadPoolExecutor(2) as ex:
            rejected = {}
            for r in ex.map(glslang, [glsl[:half], glsl[half:]]):
                rejected.update(r)
        unexpected = {n: d for n, d in refused.items() if may_refuse(a.target, texts[n]) is None}
        reasons = {}
        for n in refused:
            why = may_refuse(a.target, texts[n]) or "unexpected"
            reasons[why] = reasons.get(why, 0) + 1
        total = len(srcs)
        valid = len(glsl) - len(rejected)
        print(f"{a.target}: {total} shaders: {valid} validated by glslangValidator, "
              f"{len(rejected)} rejected, {len(refused)} refused "
              + ", ".join(f"({c} {w})" for w, c in sorted(reasons.items())))
        for f, log in sorted(rejected.items())[:10]:
            print(f"REJECTED {os.path.basename(f)}:\n{log[:1500]}\n")
        for n, d in sorted(unexpected.items())[:10]:
            print(f"REFUSED WITHOUT CAUSE {n}:\n{d[:800]}")
        if a.report:
            with open(a.report, "w") as f:
                f.write(f"{a.target} {total} {valid} {len(rejected)} {len(refused)}\n")
        ok = not rejected and not unexpected and valid + len(refused) == total
        print(f"{valid + len(refused) - len(unexpected)} passed, {len(rejected) + len(unexpected)} failed")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
