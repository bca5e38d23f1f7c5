#!/usr/bin/env python3
"""Writes the hand-made hostile vtest streams of tests/regress/vtest/ (replayed through the
executor's session dispatcher, and through the core API by the vrend target).  Each is a real
handshake followed by one kind of abuse.

  make_hostile_vtest.py OUTDIR
"""
import os
import struct
import sys

GET_CAPS, RES_CREATE, RES_UNREF, XFER_GET, XFER_PUT, SUBMIT, BUSY_WAIT, CREATE_RENDERER = range(1, 9)
GET_CAPS2, PING, PROTOCOL_VERSION, RES_CREATE2, XFER_GET2, XFER_PUT2 = range(9, 15)
PIPE_BUFFER, PIPE_TEXTURE_2D = 0, 2
RGBA8 = 67     # VIRGL_FORMAT_R8G8B8A8_UNORM
Z24S8 = 7      # VIRGL_FORMAT_Z24_UNORM_S8_UINT-ish depth format used by piglit sessions
CREATE_OBJECT, BIND_OBJECT, DESTROY_OBJECT = 1, 2, 3
SET_FRAMEBUFFER_STATE, CLEAR, DRAW_VBO, INLINE_WRITE = 5, 7, 8, 9
SET_SAMPLER_VIEWS, SET_CONSTANT_BUFFER, BLIT, COPY_REGION = 10, 12, 16, 17
SET_SUB_CTX, CREATE_SUB_CTX, DESTROY_SUB_CTX, BIND_SHADER = 28, 29, 30, 31
TRANSFER3D = 43
OBJ_BLEND, OBJ_SHADER, OBJ_SAMPLER_VIEW, OBJ_SURFACE = 1, 4, 6, 8


def msg(cmd, *words, raw=None, length=None):
    body = raw if raw is not None else struct.pack(f"<{len(words)}I", *words)
    if length is None:
        length = len(body) if cmd == CREATE_RENDERER else len(body) // 4
    return struct.pack("<II", length, cmd) + body


def vcmd(cmd, obj, *words, length=None):
    return struct.pack("<I", cmd | obj << 8 | (len(words) if length is None else length) << 16) + \
        struct.pack(f"<{len(words)}I", *words)


def submit(*cmds, length=None):
    body = b"".join(cmds)
    return msg(SUBMIT, raw=body, length=length)


def handshake():
    return msg(CREATE_RENDERER, raw=b"hostile\0") + msg(PING) + msg(PROTOCOL_VERSION, 2) + \
        msg(GET_CAPS2) + msg(GET_CAPS) + submit(vcmd(CREATE_SUB_CTX, 0, 1), vcmd(SET_SUB_CTX, 0, 1))


def create2(handle, target=PIPE_TEXTURE_2D, fmt=RGBA8, bind=0xa, w=64, h=64, d=1, layers=1,
            levels=0, samples=0, size=None):
    if size is None:
        size = w * h * d * layers * 4
    return msg(RES_CREATE2, handle, target, fmt, bind, w, h, d, layers, levels, samples, size)


def shader_text(handle, stage, text, offlen=None, ntok=300):
    data = text.encode() + b"\0"
    data += b"\0" * (-len(data) % 4)
    words = struct.unpack(f"<{len(data) // 4}I", data)
    return vcmd(CREATE_OBJECT, OBJ_SHADER, handle, stage,
                len(data) if offlen is None else offlen, ntok, 0, *words)


def cases():
    hs = handshake()
    yield "handshake-only", hs
    yield "no-create-renderer", msg(SUBMIT, raw=vcmd(CLEAR, 0, 7, 0, 0, 0, 0, 0, 0, 0))
    yield "oversized-submit", hs + msg(SUBMIT, raw=b"\0" * 64, length=0x40000000)
    yield "max-length", hs + msg(SUBMIT, raw=b"", length=0xffffffff)
    yield "truncated-header", hs + b"\x05\x00\x00"
    yield "unknown-vtest-cmd", hs + msg(0x7fffffff, 1, 2, 3) + msg(0, 0)
    yield "huge-texture", hs + create2(1, w=0x7fffffff, h=0x7fffffff, size=4096) + \
        create2(2, w=65536, h=65536, layers=2048, levels=31, samples=64, size=0xffffffff)
    yield "zero-and-dup-handles", hs + create2(0) + create2(5) + create2(5) + \
        msg(RES_UNREF, 5) + msg(RES_UNREF, 5) + msg(RES_UNREF, 0xffffffff)
    yield "transfer-out-of-range", hs + create2(1) + \
        msg(XFER_GET2, 1, 0, 60, 60, 0, 10, 10, 1, 4096, 0) + \
        msg(XFER_PUT2, 1, 9, 0, 0, 0, 1, 1, 1, 4, 0) + \
        msg(XFER_PUT2, 1, 0, 0, 0, 0, 64, 64, 1, 16384, 0xfffff000) + \
        msg(XFER_GET2, 1, 0, 0xffffffff, 0xffffffff, 0, 2, 2, 1, 16, 0) + \
        msg(XFER_GET2, 77, 0, 0, 0, 0, 1, 1, 1, 4, 0)
    yield "transfer-v1-lies", hs + msg(RES_CREATE, 1, PIPE_TEXTURE_2D, RGBA8, 0xa, 16, 16, 1, 1, 0, 0) + \
        msg(XFER_PUT, 1, 0, 64, 1024, 0, 0, 0, 16, 16, 1, 0xffffff00) + \
        msg(XFER_PUT, 1, 0, 1, 1, 0, 0, 0, 16, 16, 1, 8, raw=None) + b"\1" * 8
    # The guest picks the offset into the backing: an odd one left the first-dword trace line
    # loading a uint32_t from an unaligned address (UBSan, found by the hostile run, seed 23).
    yield "transfer-unaligned-offset", hs + create2(1) + \
        msg(XFER_PUT2, 1, 0, 0, 0, 0, 1, 1, 1, 4, 1) + \
        msg(XFER_GET2, 1, 0, 1, 1, 0, 2, 1, 1, 8, 4093) + \
        submit(vcmd(TRANSFER3D, 0, 1, 0, 0, 2, 2, 0, 1, 1, 1, 4, 0, 4095, 1),
               vcmd(TRANSFER3D, 0, 1, 0, 0, 3, 3, 0, 1, 1, 1, 4, 0, 4091, 2))
    yield "use-after-unref", hs + create2(1) + msg(RES_UNREF, 1) + \
        msg(XFER_GET2, 1, 0, 0, 0, 0, 1, 1, 1, 4, 0) + msg(BUSY_WAIT, 1, 1) + \
        submit(vcmd(CREATE_OBJECT, OBJ_SURFACE, 3, 1, RGBA8, 0, 0),
               vcmd(SET_FRAMEBUFFER_STATE, 0, 1, 0, 3),
               vcmd(CLEAR, 0, 4, 0, 0, 0, 0, 0, 0, 0))
    yield "buffer-overrun", hs + create2(1, target=PIPE_BUFFER, bind=0x10, w=64, h=1, size=64) + \
        submit(vcmd(INLINE_WRITE, 0, 1, 0, 0, 0, 0, 0, 0, 0xfffffff0, 1, 1, 0xdead),
               vcmd(TRANSFER3D, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x10000, 1, 1, 0, 0, 1),
               vcmd(COPY_REGION, 0, 1, 0, 0xfffffff0, 0, 0, 1, 0, 0, 0, 0, 64, 1, 1))
    yield "submit-length-lies", hs + submit(
        vcmd(CLEAR, 0, 7, 0, 0, 0, 0, 0, 0, 0, length=0xffff),
        vcmd(DRAW_VBO, 0, length=12))
    yield "object-type-confusion", hs + create2(1) + submit(
        vcmd(CREATE_OBJECT, OBJ_BLEND, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
        vcmd(BIND_OBJECT, OBJ_SHADER, 10), vcmd(BIND_SHADER, 0, 10, 1),
        vcmd(CREATE_OBJECT, OBJ_SAMPLER_VIEW, 10, 1, RGBA8, 0, 0, 0),
        vcmd(SET_SAMPLER_VIEWS, 0, 1, 0, 10, 10, 10, 10),
        vcmd(DESTROY_OBJECT, OBJ_SURFACE, 10), vcmd(DESTROY_OBJECT, 0xff, 10))
    fs = "FRAG\nDCL OUT[0], COLOR\nIMM[0] FLT32 {1.0, 0.0, 0.0, 1.0}\n  0: MOV OUT[0], IMM[0]\n  1: END\n"
    yield "shader-chunk-lies", hs + submit(
        shader_text(20, 1, fs, offlen=0x7fffffff),
        shader_text(20, 1, fs, offlen=0x80000000 | 0x7ffffff0),
        shader_text(21, 1, fs, offlen=4), shader_text(22, 9, fs), shader_text(23, 1, fs, ntok=0xffffffff),
        vcmd(BIND_SHADER, 0, 20, 1), vcmd(BIND_SHADER, 0, 21, 1))
    yield "shader-garbage-text", hs + submit(
        shader_text(30, 0, "VERT\nDCL TEMP[0..4294967295]\n  0: MOV OUT[0], TEMP[ADDR[0].x+7]\n"),
        shader_text(31, 1, "\xff\xfe" * 100), vcmd(BIND_SHADER, 0, 30, 0),
        vcmd(BIND_SHADER, 0, 31, 1), vcmd(DRAW_VBO, 0, *([0] * 12)))
    yield "sub-ctx-abuse", hs + submit(
        vcmd(CREATE_SUB_CTX, 0, 1), vcmd(CREATE_SUB_CTX, 0, 0xffffffff), vcmd(SET_SUB_CTX, 0, 77),
        vcmd(DESTROY_SUB_CTX, 0, 1), vcmd(CLEAR, 0, 7, 0, 0, 0, 0, 0, 0, 0),
        vcmd(DESTROY_SUB_CTX, 0, 0), vcmd(SET_SUB_CTX, 0, 1))
    yield "unknown-virgl-cmds", hs + submit(*(vcmd(c, o, 1, 2, 3) for c in (53, 99, 255) for o in (0, 12, 255)))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, data in cases():
        with open(os.path.join(out, name + ".vtest"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
