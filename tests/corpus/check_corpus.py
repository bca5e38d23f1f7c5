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
# What each target may refuse, as patterns over the refusal diagnostic: features the target
# (with the extensions its API offers) does not have.  A refusal matching none of these is a
# failure, so a new reason has to be argued for here, where the README's table comes from.
DESKTOP_4X_ONLY = [
    "a compute shader is not available", "imageSize\\(\\) is not available",
    "geometry shader invocations is not available", "dynamically indexed samplers is not available",
    "shader storage buffers is not available", "interpolateAt\\*\\(\\) is not available",
    "atomic counters .* is not available", "textureQueryLevels\\(\\) is not available",
    "gl_ViewportIndex is not available", "gl_SampleMaskIn is not available",
    "findLSB is not available", "tessellation .*is not available",
    "geometry shader streams is not available",
]
ES_LACKS = [
    "64-bit integers? .*not available",
    "multisample images is not available", "this image target is not available",
    "gl_ClipDistance is not available", "gl_CullDistance is not available",
    "image format \\w+ is not available in GLSL ES", "gl_ViewportIndex is not available",
    "gl_FragStencilRefARB is not available", "textureQueryLevels\\(\\) is not available",
    "clock\\w*\\(\\) is not available", "this texture target is not available",
    "image stores without a format is not available",
]
ALLOWED = {
    "glsl450": [], "glsl460": [],
    "glsl330": DESKTOP_4X_ONLY + ["double precision is not available"],
    "essl310": ES_LACKS, "essl320": ES_LACKS,
}
# Extensions glslangValidator does not know: output that enables one cannot be checked by it,
# and is counted as compiled but unchecked instead (the host driver is its judge).
UNCHECKABLE = ["#extension GL_EXT_clip_cull_distance", "#extension GL_OES_viewport_array",
               "#extension GL_EXT_texture_shadow_lod", "#extension GL_NV_image_formats"]

# Stages each target can express at all (no extension can add the others).
STAGES = {
    "glsl140": {"vert", "frag"}, "glsl150": {"vert", "frag", "geom"},
    "glsl330": {"vert", "frag", "geom"}, "essl300": {"vert", "frag"},
}


def stage_of(text):
    head = text.lstrip().split(None, 1)[0] if text.strip() else ""
    return STAGE_HEAD.get(head)


def refusal_reason(target, text, diagnostic):
    """The allowed reason for this refusal, or None when the target must compile the shader."""
    st = stage_of(text)
    if st not in STAGES.get(target, {"vert", "frag", "geom", "tesc", "tese", "comp"}):
        return f"{st} stage does not exist in {target}"
    for pat in ALLOWED.get(target, []):
        m = re.search(pat, diagnostic)
        if m:
            return m.group(0)
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
        unchecked = [f for f in glsl if any(x in open(f).read() for x in UNCHECKABLE)]
        glsl = [f for f in glsl if f not in set(unchecked)]
        refused = {f[:-8]: open(os.path.join(out, f)).read() for f in produced if f.endswith(".refused")}
        half = (len(glsl) + 1) // 2
        with ThreadPoolExecutor(2) as ex:
            rejected = {}
            for r in ex.map(glslang, [glsl[:half], glsl[half:]]):
                rejected.update(r)
        unexpected = {n: d for n, d in refused.items() if refusal_reason(a.target, texts[n], d) is None}
        reasons = {}
        for n, d in refused.items():
            why = refusal_reason(a.target, texts[n], d) or "unexpected"
            reasons[why] = reasons.get(why, 0) + 1
        total = len(srcs)
        valid = len(glsl) - len(rejected)
        print(f"{a.target}: {total} shaders: {valid} validated by glslangValidator, "
              f"{len(rejected)} rejected, {len(refused)} refused, "
              f"{len(unchecked)} unchecked (extensions glslang does not know) "
              + "".join(f"\n  refused {c}: {w}" for w, c in sorted(reasons.items(), key=lambda x: -x[1])))
        for f, log in sorted(rejected.items())[:10]:
            print(f"REJECTED {os.path.basename(f)}:\n{log[:1500]}\n")
        for n, d in sorted(unexpected.items())[:10]:
            print(f"REFUSED WITHOUT CAUSE {n}:\n{d[:800]}")
        if a.report:
            with open(a.report, "w") as f:
                f.write(f"{a.target} {total} {valid} {len(rejected)} {len(refused)}\n")
        ok = not rejected and not unexpected and valid + len(unchecked) + len(refused) == total
        print(f"{valid + len(unchecked) + len(refused) - len(unexpected)} passed, "
              f"{len(rejected) + len(unexpected)} failed")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
