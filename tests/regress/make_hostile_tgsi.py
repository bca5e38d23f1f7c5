#!/usr/bin/env python3
"""Writes the hand-made hostile TGSI inputs of tests/regress/tgsi_parse/ (replayed through the
parser and through the whole compile pipeline).  Kept so the set can be regenerated or
extended; fuzz findings are added beside them as found.

  make_hostile_tgsi.py OUTDIR
"""
import os
import sys

VS_HEAD = "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL TEMP[0..3]\n"
FS_HEAD = "FRAG\nDCL OUT[0], COLOR\nDCL TEMP[0..3]\nIMM[0] FLT32 {1.0, 0.0, 0.5, 2.0}\n"


def numbered(lines):
    return "".join(f"{i:3}: {l}\n" for i, l in enumerate(lines))


def cases():
    yield "empty", ""
    yield "header-only", "FRAG\n"
    yield "no-header", "DCL TEMP[0]\n  0: END\n"
    yield "unknown-header", "PIXEL\n  0: END\n"
    yield "nul-inside", "FRAG\nDCL OUT[0], COLOR\n  0: MOV OUT[0], \0IMM[0]\n  1: END\n"
    yield "binary-garbage", "VERT\n" + "".join(chr(c) for c in range(1, 256)) + "\n"
    yield "no-final-newline", FS_HEAD + "  0: MOV OUT[0], IMM[0]\n  1: END"
    yield "huge-index", FS_HEAD + numbered(["MOV OUT[0], TEMP[4294967295]", "END"])
    yield "index-overflow", FS_HEAD + numbered(["MOV OUT[0], TEMP[99999999999999999999]", "END"])
    yield "negative-index", FS_HEAD + numbered(["MOV OUT[0], TEMP[-1]", "END"])
    yield "huge-temp-range", "FRAG\nDCL OUT[0], COLOR\nDCL TEMP[0..4294967295]\n" + \
        numbered(["MOV OUT[0], TEMP[4294967294]", "END"])
    yield "reversed-range", "FRAG\nDCL OUT[0], COLOR\nDCL TEMP[7..2]\n" + numbered(["END"])
    yield "huge-array-decl", "VERT\nDCL OUT[0], POSITION\nDCL TEMP[0..1000000], ARRAY(1)\n" + \
        numbered(["MOV OUT[0], TEMP[ADDR[0].x+999999](1)", "END"])
    yield "undeclared-indirect", FS_HEAD + numbered(
        ["MOV OUT[0], TEMP[ADDR[0].x+100000]", "MOV OUT[0], CONST[ADDR[3].w][ADDR[9].x]", "END"])
    yield "unbalanced-endif", FS_HEAD + numbered(["ENDIF", "ELSE", "ENDLOOP", "BRK", "CONT", "END"])
    yield "unclosed-if", FS_HEAD + numbered(["IF IMM[0].xxxx :2", "MOV OUT[0], IMM[0]", "END"])
    yield "crossed-flow", FS_HEAD + numbered(
        ["BGNLOOP :4", "IF IMM[0].xxxx :3", "ENDLOOP :1", "ENDIF", "END"])
    yield "label-nowhere", FS_HEAD + numbered(["CAL :99999", "IF IMM[0].xxxx :4294967295",
                                               "ENDIF", "RET", "END"])
    yield "sub-recursion", FS_HEAD + numbered(["CAL :2", "END", "BGNSUB", "CAL :2", "RET",
                                               "ENDSUB"])
    depth = 3000
    yield "deep-if", FS_HEAD + numbered(
        ["IF IMM[0].xxxx :0"] * depth + ["MOV OUT[0], IMM[0]"] + ["ENDIF"] * depth + ["END"])
    yield "deep-loop", FS_HEAD + numbered(
        ["BGNLOOP :0"] * depth + ["BRK"] + ["ENDLOOP :0"] * depth + ["END"])
    yield "long-identifier", FS_HEAD + "  0: " + "A" * 100000 + " OUT[0], IMM[0]\n  1: END\n"
    yield "long-number", FS_HEAD.replace("1.0,", "1" + "0" * 100000 + ".0,") + numbered(["END"])
    yield "many-decls", "VERT\n" + "".join(f"DCL TEMP[{i}]\n" for i in range(5000)) + \
        numbered(["END"])
    yield "many-imms", "FRAG\nDCL OUT[0], COLOR\n" + "".join(
        f"IMM[{i}] FLT32 {{{i}.0, 0.0, 0.0, 1.0}}\n" for i in range(5000)) + \
        numbered(["MOV OUT[0], IMM[4999]", "END"])
    yield "imm-too-many-values", "FRAG\nIMM[0] FLT32 {1.0, 2.0, 3.0, 4.0, 5.0}\n" + numbered(["END"])
    yield "imm-fp64-odd", "FRAG\nIMM[0] FLT64 {1.0, 2.0, 3.0}\n" + numbered(["END"])
    yield "imm-bad-values", "FRAG\nIMM[0] FLT32 {nan, -inf, 1e999, 0x}\nIMM[1] UINT32 " \
        "{4294967296, -1, 0, 0}\n" + numbered(["END"])
    yield "imm-index-gap", "FRAG\nDCL OUT[0], COLOR\nIMM[7] FLT32 {1.0, 0.0, 0.0, 1.0}\n" + \
        numbered(["MOV OUT[0], IMM[3]", "END"])
    yield "swizzle-too-long", FS_HEAD + numbered(["MOV OUT[0].xyzwxyzw, IMM[0].xyzwxyzwq", "END"])
    yield "bad-modifiers", FS_HEAD + numbered(["MOV OUT[0], -|-|IMM[0]|", "MOV_SAT_SAT OUT[0], "
                                               "|IMM[0]", "END"])
    yield "wrong-operand-count", FS_HEAD + numbered(
        ["MAD OUT[0], IMM[0]", "MOV OUT[0], IMM[0], IMM[0], IMM[0], IMM[0], IMM[0], IMM[0]",
         "ADD", "END"])
    yield "write-to-input", "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n" + \
        numbered(["MOV IN[0], OUT[0]", "MOV IMM[0], IN[0]", "MOV CONST[0][0], IN[0]", "END"])
    yield "bad-semantics", "FRAG\nDCL IN[0], BOGUS[0]\nDCL IN[1], GENERIC[4294967295], " \
        "LINEAR, CENTROID, SAMPLE\nDCL OUT[0], COLOR[99999]\nDCL OUT[0], COLOR\n" + numbered(["END"])
    yield "bad-properties", "GEOM\nPROPERTY GS_INPUT_PRIMITIVE NOT_A_PRIM\n" \
        "PROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\nPROPERTY GS_MAX_OUTPUT_VERTICES 4294967295\n" \
        "PROPERTY GS_INVOCATIONS 0\nPROPERTY NO_SUCH_PROPERTY 1\n" + numbered(["END"])
    yield "cs-huge-block", "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 4294967295\n" \
        "PROPERTY CS_FIXED_BLOCK_HEIGHT 0\nPROPERTY CS_FIXED_BLOCK_DEPTH 65536\n" \
        "DCL MEMORY[0], SHARED\n" + numbered(["END"])
    yield "sampler-out-of-range", FS_HEAD + "DCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\n" + numbered(
        ["TEX OUT[0], IMM[0], SAMP[65535], 2D", "TEX OUT[0], IMM[0], SAMP[0], NOT_A_TARGET",
         "TXF OUT[0], IMM[0], SVIEW[4000000000], BUFFER", "END"])
    yield "sview-partial", "FRAG\nDCL SVIEW[0], 2D, FLOAT, FLOAT\nDCL SVIEW[1], \n" + numbered(["END"])
    yield "tex-offsets-many", FS_HEAD + "DCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\n" + numbered(
        ["TEX OUT[0], IMM[0], SAMP[0], 2D, " + ", ".join(["IMM[0].xyz"] * 40), "END"])
    yield "image-bad-format", "COMP\nDCL IMAGE[0], 2D, PIPE_FORMAT_NOT_REAL, WR\n" \
        "DCL IMAGE[1], 2D, , WR\nDCL BUFFER[4294967295], ATOMIC\n" + numbered(
            ["LOAD TEMP[0], IMAGE[7], IMM[0], 2D, PIPE_FORMAT_R32_FLOAT", "END"])
    yield "two-dim-abuse", "GEOM\nDCL IN[][0], POSITION\nDCL OUT[0], POSITION\n" + numbered(
        ["MOV OUT[0], IN[4294967295][0]", "MOV OUT[0], IN[ADDR[0].x][ADDR[1].y][3]", "EMIT",
         "END"])
    yield "code-after-end", FS_HEAD + numbered(["END", "MOV OUT[0], IMM[0]", "END", "END"])
    yield "instruction-numbers", FS_HEAD + "  7: MOV OUT[0], IMM[0]\n  7: MOV OUT[0], " \
        "IMM[0]\n4294967296: END\n"
    yield "only-whitespace", " \t\r\n" * 1000
    yield "crlf", FS_HEAD.replace("\n", "\r\n") + "  0: MOV OUT[0], IMM[0]\r\n  1: END\r\n"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in cases():
        with open(os.path.join(out, name + ".tgsi"), "wb") as f:
            f.write(text.encode("latin-1"))


if __name__ == "__main__":
    main()
