#!/usr/bin/env python3
"""The tgsi2glsl command line as a user meets it: --version, usage on a terminal, truncated
input, output write errors, --target mistakes, the memory limit's diagnostics, --reflect
JSON, --key / --print-key round trips and bad key files.
  run_cli.py CLI SOURCE_ROOT VERSION [TEST...]"""
import json, os, pty, re, shutil, subprocess, sys, tempfile

cli, root, version = sys.argv[1], sys.argv[2], sys.argv[3]
only = set(sys.argv[4:])
SAMPLE = os.path.join(root, "tests/golden/cases/sample.tgsi")
GEOMETRY = os.path.join(root, "tests/golden/cases/geometry.tgsi")
COMPUTE = os.path.join(root, "tests/translate/cases/memory.tgsi")
ATOMIC = os.path.join(root, "tests/corpus/extra/78eb9347869f3c66.tgsi")
TCS = os.path.join(root, "tests/translate/cases/tcs_outputs.tgsi")
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


def reflect(args):
    p = run(["--reflect"] + args)
    check(p.returncode == 0, f"--reflect {args} compiles", p)
    return json.loads(p.stdout) if p.returncode == 0 else {}


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
    p = run(["--reflect=/dev/full", SAMPLE])
    check(p.returncode == 1 and b"tgsi2glsl: error writing /dev/full: No space left on device"
          in p.stderr, "--reflect=/dev/full: error, exit 1", p)
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


# ------------------------------------------------------------------ item 6: --reflect

def test_reflect():
    r = reflect([SAMPLE])
    check(r.get("stage") == "fragment", "sample: stage")
    check([(i["name"], i["semantic"], i["semantic_index"], i["interp"]) for i in r.get("inputs", [])]
          == [("g0", "GENERIC", 0, "PERSPECTIVE"), ("g1", "GENERIC", 1, "PERSPECTIVE")],
          "sample: inputs")
    check([(o["name"], o["semantic"], o["location"]) for o in r.get("outputs", [])]
          == [("o0", "COLOR", 0)], "sample: outputs")
    check([(u["name"], u["binding"], u["size"]) for u in r.get("uniform_blocks", [])]
          == [("fs_cb0", 0, 2)], "sample: uniform block")
    check([(s["name"], s["tgsi_index"], s["texture"], s["return_type"], s["shadow"])
           for s in r.get("samplers", [])] == [("fs_s0", 0, "2D", "FLOAT", False)],
          "sample: sampler")
    check(r.get("properties", {}).get("fs_color0_writes_all_cbufs") == 1, "sample: properties")

    r = reflect([GEOMETRY])
    props = r.get("properties", {})
    check(r.get("stage") == "geometry" and props.get("gs_input_prim") == "TRIANGLES" and
          props.get("gs_output_prim") == "TRIANGLE_STRIP" and props.get("gs_max_vertices") == 3,
          "geometry: stage properties")

    r = reflect([COMPUTE])
    check(r.get("properties", {}).get("cs_block") == [64, 1, 1] and
          r["properties"].get("shared_memory_bytes", 0) > 0, "compute: block and shared memory")
    check([(b["name"], b["binding"], b["writable"]) for b in r.get("storage_blocks", [])]
          == [("cs_ssbo0", 0, True)], "compute: storage block")
    check([(i["name"], i["texture"], i["writable"]) for i in r.get("images", [])]
          == [("cs_img0", "2D", True)], "compute: image")

    r = reflect([ATOMIC])
    check([(a["name"], a["tgsi_index"]) for a in r.get("atomic_buffers", [])] == [("fs_ac0", 0)],
          "atomic buffer")
    r = reflect([TCS])
    check(r.get("stage") == "tess_ctrl" and r["properties"].get("tcs_vertices_out", 0) > 0,
          "tess control: vertices out")

    # --reflect=FILE leaves the GLSL on stdout, byte for byte what a plain compile writes.
    plain = run([SAMPLE])
    path = os.path.join(tmp, "r.json")
    p = run([f"--reflect={path}", SAMPLE])
    check(p.returncode == 0 and p.stdout == plain.stdout and
          json.load(open(path)).get("stage") == "fragment", "--reflect=FILE beside the GLSL", p)
    # --reflect with -o: GLSL to the file, JSON on stdout.
    out = os.path.join(tmp, "o.glsl")
    p = run(["--reflect", "-o", out, SAMPLE])
    check(p.returncode == 0 and open(out, "rb").read() == plain.stdout and
          json.loads(p.stdout).get("stage") == "fragment", "--reflect with -o", p)
    # A failed compile writes no reflection.
    bad = write("bad.tgsi", "FRAG\nFOO\n")
    p = run(["--reflect", bad])
    check(p.returncode == 1 and not p.stdout, "--reflect of a bad shader: nothing on stdout", p)


# ------------------------------------------------------------------ --target-only

VS = ("VERT\nDCL IN[0]\nDCL IN[1]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n"
      "  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[1]\n  2: END\n")
FS_SAMPLEID = ("FRAG\nDCL SV[0], SAMPLEID\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
               "  0: U2F TEMP[0], SV[0].xxxx\n  1: MOV OUT[0], TEMP[0]\n  2: END\n")


def test_target_only():
    # No extension without its host feature: written without it, or refused by name.
    vs = write("vs.tgsi", VS)
    for t in ("glsl140", "glsl150", "glsl330"):
        for src in (SAMPLE, vs):
            p = run(["--validate", "--target", t, "--target-only", src])
            check(p.returncode == 0 and b"#extension" not in p.stdout,
                  f"{t} --target-only {os.path.basename(src)}: no #extension, validates", p)
    r = reflect(["--target", "glsl150", "--target-only", vs])
    check([(i["location"], i["location_in_source"]) for i in r.get("inputs", [])]
          == [(0, False), (1, False)], "glsl150 --target-only: locations to bind by name")
    r = reflect(["--target", "glsl330", "--target-only", SAMPLE])
    check([(u["binding"], u["binding_in_source"]) for u in r.get("uniform_blocks", [])]
          == [(0, False)], "glsl330 --target-only: bindings set by name")
    # A host with the extensions (the default) still gets them, and the reflection says so.
    p = run(["--target", "glsl150", SAMPLE])
    check(b"#extension GL_ARB_explicit_attrib_location : require" in p.stdout and
          b"#extension GL_ARB_shading_language_420pack : require" in p.stdout,
          "glsl150 on a capable host: both extensions", p)
    r = reflect(["--target", "glsl150", vs])
    check([i["location_in_source"] for i in r.get("inputs", [])] == [True, True],
          "glsl150: locations in the source")
    # What cannot be written without the extension is refused, naming it.
    fs = write("fs_sampleid.tgsi", FS_SAMPLEID)
    p = run(["--target", "glsl330", "--target-only", fs])
    check(p.returncode == 1 and b"GL_ARB_sample_shading, which the host does not advertise"
          in p.stderr, "glsl330 --target-only gl_SampleID: refused naming the extension", p)
    p = run(["--validate", "--target", "glsl330", fs])
    check(p.returncode == 0 and b"#extension GL_ARB_sample_shading" in p.stdout,
          "glsl330 gl_SampleID on a capable host", p)
    p = run(["--target", "glsl330", "--target-only", TCS])
    check(p.returncode == 1 and b"GL_ARB_tessellation_shader, which the host does not advertise"
          in p.stderr, "glsl330 --target-only TCS: refused naming the extension", p)


# ------------------------------------------------------------------ item 6: --key

def key_members_of_header():
    """The member names of struct t2g_key, from the public header."""
    hdr = open(os.path.join(root, "include/tgsi2glsl.h")).read()
    body = re.search(r"struct t2g_key \{(.*?)\n\};", hdr, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    names = []
    for decl in body.split(";"):
        decl = " ".join(decl.split())
        if decl:
            rest = re.sub(r"^(enum |struct )?\w+ ", "", decl)
            names += [re.sub(r"\[.*", "", n).strip() for n in rest.split(",")]
    return names


def test_key_coverage():
    p = run(["--print-key"])
    check(p.returncode == 0, "--print-key", p)
    printed = json.loads(p.stdout)
    implied = {"has_prev_outputs": "prev_outputs", "num_prev_outputs": "prev_outputs",
               "has_next_inputs": "next_inputs", "num_next_inputs": "next_inputs",
               "num_so_outputs": "so_outputs"}
    # struct_size is the struct's own bookkeeping (set by t2g_key_init), not state to replay.
    members = [m for m in key_members_of_header() if m != "struct_size"]
    check(len(members) > 40, f"parsed struct t2g_key from the header ({len(members)} members)")
    missing = [m for m in members if implied.get(m, m) not in printed]
    check(not missing, f"--print-key writes every member of struct t2g_key (missing {missing})")
    extra = [k for k in printed if k not in members and k not in implied.values()]
    check(not extra, f"--print-key writes no field the struct lacks ({extra})")


KEY = {
    "target": "essl310",
    "host_features": ["FP64", "TESSELLATION", "VIEWPORT_ARRAY", 1 << 30],
    "prev_outputs": [{"semantic": "GENERIC", "semantic_index": 3, "interp": "LINEAR",
                      "location": "CENTROID"}],
    "next_inputs": [{"semantic": "COLOR", "semantic_index": 1, "interp": "COLOR",
                     "location": "SAMPLE"},
                    {"semantic": "PRIM_ID", "semantic_index": 0, "interp": "CONSTANT",
                     "location": "CENTER"}],
    "vs_attrib_type": ["float", "int", "uint"],
    "fs_output_type": ["uint"],
    "fs_num_cbufs": 3,
    "fs_output_swizzle": [[0, 0, 0, 0], [4, 3, 2, 1]],
    "shadow_swizzle": [["result", "zero", "one", "result"]],
    "sampler_levels": [0, 7],
    "sampler_lod_in_shader": True,
    "sampler_lod": [{"bias": 0, "min_lod": 0, "max_lod": 0, "mip_filter": "NEAREST", "levels": 0},
                    {"bias": 1.5, "min_lod": -2, "max_lod": 1000, "mip_filter": "NONE", "levels": 4}],
    "alpha_func": "GEQUAL",
    "alpha_test": True, "polygon_stipple": True, "two_sided_color": True, "flatshade": True,
    "sprite_coord_enable": 5, "sprite_coord_upper_left": True, "sprite_coord_generic": True,
    "point_coord_y_flip": True,
    "fragcoord_y_flip": True, "clip_plane_enable": 63, "clip_halfz_to_minus_one": True,
    "flip_y_in_vertex": True, "point_size_from_driver": True,
    "ubo_binding_base": 1, "sampler_binding_base": 2, "image_binding_base": 3,
    "ssbo_binding_base": 4, "atomic_binding_base": 5, "driver_ubo_binding": 6,
    "max_ubos": 12, "max_samplers": 16, "max_images": 8, "max_ssbos": 9,
    "max_clip_distances": 6,
    "image_format": ["unknown", "r32ui", "rgba8"],
    "max_cs_block": [512, 256, 32], "max_cs_invocations": 512,
    "max_gs_output_vertices": 128, "max_gs_invocations": 16, "max_patch_vertices": 30,
    "min_texel_offset": -16, "max_texel_offset": 15,
    "so_stride": [4, 0, 8],
    "so_outputs": [{"register_index": 1, "start_component": 1, "num_components": 3,
                    "output_buffer": 0, "dst_offset": 0, "stream": 0},
                   {"register_index": 2, "start_component": 0, "num_components": 4,
                    "output_buffer": 2, "dst_offset": 8, "stream": 1}],
    "sampler_srgb_decode": 5, "sampler_swizzle_mask": 2,
    "sampler_swizzle": [[0, 0, 0, 0], [0, 1, 2, 5]],
    "sampler_lod_from_driver": True,
    "logic_op": 7,
    "logic_op_bits": [8, 0, 16],
    "sampler_gl_clamp": [3, 1, 5],
    "sampler_compare": [4, 0, 9],
    "depth_offset_from_driver": True,
    "sampler_samples": [0, 4, 2],
}


def test_key_round_trip():
    path = write("key.json", json.dumps(KEY, indent=1))
    p = run(["--key", path, "--print-key"])
    check(p.returncode == 0 and json.loads(p.stdout) == KEY,
          "a key with every field set survives --key / --print-key", p)
    # The printed default key reads back to itself, for every target.
    for t in TARGETS:
        p = run(["--target", t, "--print-key"])
        path = write("default.json", p.stdout.decode())
        q = run(["--key", path, "--print-key"])
        check(q.returncode == 0 and q.stdout == p.stdout, f"default {t} key round trip", q)
    # Fields left out keep t2g_key_init's value; the command line overrides the file.
    path = write("partial.json", '{"ubo_binding_base": 3, "sampler_binding_base": 5}')
    printed = json.loads(run(["--key", path, "--target", "glsl330", "--print-key"]).stdout)
    check(printed["target"] == "glsl330" and printed["alpha_func"] == "ALWAYS" and
          printed["ubo_binding_base"] == 3, "a partial key over the defaults")
    path = write("essl.json", '{"target": "essl310"}')
    p = run(["--key", path, SAMPLE])
    check(p.returncode == 0 and p.stdout.startswith(b"#version 310 es"), "the key's target", p)
    p = run(["--key", path, "--target", "glsl330", SAMPLE])
    check(p.returncode == 0 and p.stdout.startswith(b"#version 330"), "--target over the key", p)
    # The key reaches the compile: binding bases show in the reflection.
    path = write("bind.json", '{"ubo_binding_base": 3, "sampler_binding_base": 5}')
    r = reflect(["--key", path, SAMPLE])
    check([u["binding"] for u in r.get("uniform_blocks", [])] == [3] and
          [s["binding"] for s in r.get("samplers", [])] == [5], "key bindings in the reflection")


BAD_KEYS = [
    ('{"alpha_test": true,}', "trailing comma"),
    ('{"alpha_test": tru}', "invalid literal"),
    ('{"no_such_field": 1}', "unknown key field 'no_such_field'"),
    ('{"alpha_test": 1}', "expected true or false"),
    ('{"fs_num_cbufs": 256}', "expected an integer from 0 to 255"),
    ('{"fs_num_cbufs": 1.5}', "expected an integer"),
    ('{"min_texel_offset": -2147483649}', "expected an integer"),
    ('{"alpha_func": "SOMETIMES"}', "unknown name 'SOMETIMES'"),
    ('{"target": "glsl999"}', "target"),
    ('{"host_features": ["WARP_DRIVE"]}', "unknown feature 'WARP_DRIVE'"),
    ('{"max_ubos": 1, "max_ubos": 2}', "given twice"),
    ('{"sampler_levels": [' + ", ".join(["1"] * 33) + "]}", "at most 32"),
    ('{"shadow_swizzle": [[0, 0, 0, 0, 0]]}', "at most 4"),
    ('{"prev_outputs": [{"semantic": "GENERIC", "colour": 1}]}', "unknown field 'colour'"),
    ('{"so_outputs": [{"dst_offset": 65536}]}', "from 0 to 65535"),
    ('[1, 2]', "must be a JSON object"),
    ('{"alpha_test": "\\q"}', "invalid escape"),
    ('{"alpha_test": "\\ud800"}', "unpaired surrogate"),
    ('{"alpha_test": true', "expected ',' or '}'"),
    ('', "expected a value"),
    ('{} {}', "unexpected text after the value"),
    ('[' * 100000, "nested deeper than"),
    ('{"a": "\x01"}', "control character"),
    ('{"alpha_test": 01}', "leading zero"),
]


def test_bad_keys():
    for text, want in BAD_KEYS:
        path = write("bad.json", text)
        p = run(["--key", path, SAMPLE])
        err = p.stderr.decode(errors="replace")
        check(p.returncode == 2 and not p.stdout and
              re.match(re.escape(path) + r":\d+:\d+: error: ", err) and want in err,
              f"bad key {text[:40]!r}: located error mentioning {want!r}, exit 2", p)
    p = run(["--key", os.path.join(tmp, "missing.json"), SAMPLE])
    check(p.returncode == 2 and b"cannot read" in p.stderr, "a missing key file", p)


tests = [(n[5:], f) for n, f in sorted(globals().items()) if n.startswith("test_")]
for name, fn in tests:
    if not only or name in only:
        print(f"-- {name}")
        fn()
shutil.rmtree(tmp, ignore_errors=True)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
