/* core_test.c: the executor core (vrend.h) without any transport: caps, resources, inline
 * writes, transfers, clears through surfaces, and rejection of malformed command buffers.
 * Needs an EGL surfaceless host (exits 77 = skip without one). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl_wire.h"
#include "vrend.h"

#include "core_test_util.h"

enum { FMT_RGBA8 = 67, FMT_Z32F = 18, W = 4, H = 4 };

/* Silent unless CORE_TEST_LOG is set (then warnings and errors, to see why a check fails). */
static void quiet(void *u, enum vrend_log_level l, const char *m)
{
    (void)u;
    if (getenv("CORE_TEST_LOG") && l <= VREND_LOG_WARN)
        fprintf(stderr, "%s\n", m);
}

static bool mask_has(const struct virgl_format_mask *m, unsigned f)
{
    return (m->bitmask[f / 32] >> (f % 32)) & 1;
}

static uint32_t caps_v2(struct vrend_renderer *r)
{
    struct virgl_caps_v2 c;
    memset(&c, 0, sizeof c);
    vrend_fill_caps(r, 2, &c, sizeof c);
    return c.capability_bits_v2;
}

static void test_caps(struct vrend_renderer *r)
{
    struct virgl_caps_v2 c;
    memset(&c, 0, sizeof c);
    size_t n = vrend_fill_caps(r, 2, &c, sizeof c);
    CHECK(n == sizeof c);
    CHECK(c.v1.max_version == 2);
    CHECK(mask_has(&c.v1.sampler, FMT_RGBA8));
    CHECK(mask_has(&c.v1.render, FMT_RGBA8));
    CHECK(mask_has(&c.v1.sampler, FMT_Z32F));
    /* The guest's Mesa samples GL_RGB8UI & co. through the first format offered to sample:
     * the RGB integer formats GL cannot render must not be, their RGBX forms must render. */
    static const unsigned rgb_int[] = { 179, 183, 187, 191 }, rgbx_int[] = { 231, 232, 237, 238 };
    for (unsigned i = 0; i < 4; i++) {
        CHECK(!mask_has(&c.v1.sampler, rgb_int[i]));
        CHECK(mask_has(&c.v1.vertexbuffer, rgb_int[i]));
        CHECK(mask_has(&c.v1.render, rgbx_int[i]));
    }
    /* R32G32B32X32_FLOAT/UINT/SINT: what GL_RGB32F & co. render to (R32G32B32 is buffers only). */
    for (unsigned f = 239; f <= 241; f++)
        CHECK(mask_has(&c.v1.render, f) && mask_has(&c.v1.sampler, f));
    CHECK(c.v1.glsl_level >= 330);
    CHECK(c.capability_bits & VIRGL_CAP_TRANSFER);
    CHECK(vrend_fill_caps(r, 1, NULL, 0) == sizeof(struct virgl_caps_v1));
}

/* Inline write then readback through the backing: the bytes must round-trip. */
static void test_inline_write_roundtrip(struct vrend_context *c)
{
    static uint8_t backing[W * H * 4];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
        .bind = VIRGL_BIND_SAMPLER_VIEW | VIRGL_BIND_RENDER_TARGET, .width = W, .height = H,
        .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 10, &d, backing, sizeof backing) == 0);
    CHECK(res_create(c, 10, &d, backing, sizeof backing) < 0); /* handle in use */
    uint32_t cmd[1 + 11 + W * H];
    cmd[0] = HDR(CCMD_RESOURCE_INLINE_WRITE, 0, 11 + W * H);
    uint32_t hdr[11] = { 10, 0, 0, W * 4, 0, 0, 0, 0, W, H, 1 };
    memcpy(cmd + 1, hdr, sizeof hdr);
    for (int i = 0; i < W * H; i++)
        cmd[12 + i] = 0x01020304u * (i + 1);
    CHECK(vrend_submit(c, cmd, sizeof cmd / 4));
    struct vrend_transfer t = { .handle = 10, .w = W, .h = H, .d = 1, .to_host = false };
    CHECK(xfer(&t) == 0);
    CHECK(!memcmp(backing, cmd + 12, sizeof backing));
    /* A box outside the texture is refused, not clipped. */
    struct vrend_transfer bad = { .handle = 10, .x = 2, .w = W, .h = 1, .d = 1 };
    CHECK(xfer(&bad) < 0);
}

/* B8G8R8A8 is stored as GL_RGBA8 and read back in the stored order with red and blue
 * swapped by the core (resource.c): a box of an odd width (vector and scalar pixels),
 * padded rows, two layers and an unaligned offset must come back byte for byte as written,
 * the padding untouched. */
static void test_bgra_readback(struct vrend_context *c)
{
    enum { FMT_BGRA8 = 1, BW = 7, BH = 3, LAYERS = 2, STRIDE = BW * 4 + 8,
           LSTRIDE = STRIDE * BH, OFF = 1 };
    static uint8_t backing[OFF + LSTRIDE * LAYERS], want[sizeof backing];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D_ARRAY, .format = FMT_BGRA8,
        .bind = VIRGL_BIND_SAMPLER_VIEW | VIRGL_BIND_RENDER_TARGET, .width = BW, .height = BH,
        .depth = 1, .array_size = LAYERS };
    CHECK(res_create(c, 19, &d, backing, sizeof backing) == 0);
    for (size_t i = 0; i < sizeof want; i++)
        want[i] = (uint8_t)(i * 7 + 3);
    memcpy(backing, want, sizeof backing);
    struct vrend_transfer t = { .handle = 19, .w = BW, .h = BH, .d = LAYERS, .stride = STRIDE,
        .layer_stride = LSTRIDE, .offset = OFF, .to_host = true };
    CHECK(xfer(&t) == 0);
    memset(backing, 0xee, sizeof backing);
    for (int z = 0; z < LAYERS; z++)    /* the padding of the read-back keeps its bytes */
        for (int y = 0; y < BH; y++)
            memset(want + OFF + z * LSTRIDE + y * STRIDE + BW * 4, 0xee, STRIDE - BW * 4);
    want[0] = 0xee;
    t.to_host = false;
    CHECK(xfer(&t) == 0);
    CHECK(!memcmp(backing, want, sizeof backing));
}

/* Clear through a surface; also the regression that SET_FRAMEBUFFER_STATE_NO_ATTACH, which
 * Mesa sends after every framebuffer change, must not drop the attachments. */
static void test_clear(struct vrend_context *c)
{
    static uint8_t backing[W * H * 4];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
        .bind = VIRGL_BIND_RENDER_TARGET, .width = W, .height = H, .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 11, &d, backing, sizeof backing) == 0);
    float red[4] = { 1, 0, 0, 1 };
    uint32_t cmd[64], n = 0;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = 100; cmd[n++] = 11; cmd[n++] = FMT_RGBA8; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 3);
    cmd[n++] = 1; cmd[n++] = 0; cmd[n++] = 100;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE_NO_ATTACH, 0, 2);
    cmd[n++] = W | (H << 16); cmd[n++] = 1;
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8);
    cmd[n++] = PIPE_CLEAR_COLOR0;
    memcpy(cmd + n, red, sizeof red);
    n += 4;
    cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0;
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 11, .w = W, .h = H, .d = 1 };
    CHECK(xfer(&t) == 0);
    CHECK(backing[0] == 255 && backing[1] == 0 && backing[2] == 0 && backing[3] == 255);
    CHECK(backing[W * H * 4 - 4] == 255);
}

/* An alpha-only surface (A8, stored by the host as R8 and sampled as "000r") clears with
 * the clear colour's alpha in the stored byte (regression: it took the red component). */
static void test_clear_alpha_format(struct vrend_context *c)
{
    enum { FMT_A8 = 10 };
    static uint8_t backing[W * H];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_A8,
        .bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW, .width = W, .height = H,
        .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 12, &d, backing, sizeof backing) == 0);
    float color[4] = { 1, 0, 0, 0.5f };
    uint32_t cmd[64], n = 0;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = 101; cmd[n++] = 12; cmd[n++] = FMT_A8; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 3);
    cmd[n++] = 1; cmd[n++] = 0; cmd[n++] = 101;
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8);
    cmd[n++] = PIPE_CLEAR_COLOR0;
    memcpy(cmd + n, color, sizeof color);
    n += 4;
    cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0;
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 12, .w = W, .h = H, .d = 1 };
    CHECK(xfer(&t) == 0);
    CHECK(backing[0] >= 127 && backing[0] <= 128);
    CHECK(backing[W * H - 1] >= 127 && backing[W * H - 1] <= 128);
}

/* A compute shader whose CREATE_SHADER carries a shared-memory size runs (regression: the
 * size was read as a stream-output count, the text start moved and the shader never
 * completed): it stores 42 through shared memory into a buffer. */
static void test_compute_shared_memory(struct vrend_context *c)
{
    static const char text[] =
        "COMP\n"
        "PROPERTY CS_FIXED_BLOCK_WIDTH 1\n"
        "PROPERTY CS_FIXED_BLOCK_HEIGHT 1\n"
        "PROPERTY CS_FIXED_BLOCK_DEPTH 1\n"
        "DCL BUFFER[0]\n"
        "DCL MEMORY[0], SHARED\n"
        "DCL TEMP[0]\n"
        "IMM[0] UINT32 {0, 42, 0, 0}\n"
        "  0: STORE MEMORY[0].x, IMM[0].xxxx, IMM[0].yyyy\n"
        "  1: LOAD TEMP[0].x, MEMORY[0], IMM[0].xxxx\n"
        "  2: STORE BUFFER[0].x, IMM[0].xxxx, TEMP[0].xxxx\n"
        "  3: END\n";
    static uint8_t backing[16];
    struct vrend_resource_desc d = { .target = PIPE_BUFFER, .format = 64,
        .bind = VIRGL_BIND_SHADER_BUFFER, .width = sizeof backing, .height = 1, .depth = 1,
        .array_size = 1 };
    CHECK(res_create(c, 13, &d, backing, sizeof backing) == 0);
    enum { TW = (sizeof text + 3) / 4 };
    uint32_t cmd[64 + TW], n = 0;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 5 + TW);
    cmd[n++] = 102; cmd[n++] = SHADER_COMPUTE; cmd[n++] = sizeof text; cmd[n++] = 64;
    cmd[n++] = 16;   /* shared memory bytes */
    memset(cmd + n, 0, TW * 4);
    memcpy(cmd + n, text, sizeof text);
    n += TW;
    cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2);
    cmd[n++] = 102; cmd[n++] = SHADER_COMPUTE;
    cmd[n++] = HDR(CCMD_SET_SHADER_BUFFERS, 0, 5);
    cmd[n++] = SHADER_COMPUTE; cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = sizeof backing;
    cmd[n++] = 13;
    cmd[n++] = HDR(CCMD_LAUNCH_GRID, 0, 8);
    cmd[n++] = 1; cmd[n++] = 1; cmd[n++] = 1; cmd[n++] = 1; cmd[n++] = 1; cmd[n++] = 1;
    cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_MEMORY_BARRIER, 0, 1);
    cmd[n++] = ~0u;
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 13, .w = sizeof backing, .h = 1, .d = 1 };
    CHECK(xfer(&t) == 0);
    uint32_t got;
    memcpy(&got, backing, sizeof got);
    CHECK(got == 42);
}

/* Appends a CREATE_OBJECT for a shader of `type` with TGSI `text`. */
static uint32_t put_shader(uint32_t *cmd, uint32_t n, uint32_t handle, uint32_t type,
                           const char *text)
{
    uint32_t bytes = (uint32_t)strlen(text) + 1, words = (bytes + 3) / 4;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 5 + words);
    cmd[n++] = handle; cmd[n++] = type; cmd[n++] = bytes; cmd[n++] = 64; cmd[n++] = 0;
    memset(cmd + n, 0, words * 4);
    memcpy(cmd + n, text, bytes);
    return n + words;
}

/* A W x H RGBA8 render target `rt_handle` backed by rt, and the vertex buffer `vb_handle`
 * holding `count` equal columns across clip space, two triangles each, uploaded. */
static bool target_and_columns(struct vrend_context *c, uint32_t rt_handle, uint8_t *rt,
                               uint32_t vb_handle, float (*quads)[6][4], int count)
{
    for (int q = 0; q < count; q++) {
        float x0 = -1 + 2.0f * q / count, x1 = -1 + 2.0f * (q + 1) / count;
        float v[6][2] = { { x0, -1 }, { x1, -1 }, { x1, 1 }, { x0, -1 }, { x1, 1 }, { x0, 1 } };
        for (int i = 0; i < 6; i++) {
            quads[q][i][0] = v[i][0]; quads[q][i][1] = v[i][1];
            quads[q][i][2] = 0; quads[q][i][3] = 1;
        }
    }
    uint32_t bytes = (uint32_t)(sizeof quads[0] * count);
    struct vrend_resource_desc td = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
        .bind = VIRGL_BIND_RENDER_TARGET, .width = W, .height = H, .depth = 1, .array_size = 1 };
    struct vrend_resource_desc bd = { .target = PIPE_BUFFER, .format = 64,
        .bind = VIRGL_BIND_VERTEX_BUFFER, .width = bytes, .height = 1, .depth = 1,
        .array_size = 1 };
    struct vrend_transfer up = { .handle = vb_handle, .w = bytes, .h = 1, .d = 1,
                                 .to_host = true };
    return res_create(c, rt_handle, &td, rt, (size_t)W * H * 4) == 0 &&
           res_create(c, vb_handle, &bd, quads, bytes) == 0 && xfer(&up) == 0;
}

/* Commands creating and binding rasterizer `rs` (state word s0: no culling, fill mode) and
 * vertex elements `ve` (one R32G32B32A32_FLOAT attribute), and a viewport over W x H; the
 * word count after them. */
static uint32_t put_raster_and_viewport(uint32_t *cmd, uint32_t n, uint32_t rs, uint32_t s0,
                                        uint32_t ve)
{
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_RASTERIZER, 9); cmd[n++] = rs;
    cmd[n++] = s0;
    cmd[n++] = 0x3f800000; cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0x3f800000;
    cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_RASTERIZER, 1); cmd[n++] = rs;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_VERTEX_ELEMENTS, 5);
    cmd[n++] = ve; cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 31;
    cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_VERTEX_ELEMENTS, 1); cmd[n++] = ve;
    float vp[6] = { W / 2.0f, H / 2.0f, 0.5f, W / 2.0f, H / 2.0f, 0.5f };
    cmd[n++] = HDR(CCMD_SET_VIEWPORT_STATE, 0, 7); cmd[n++] = 0;
    memcpy(cmd + n, vp, sizeof vp);
    return n + 6;
}

/* Draws of one submission reuse the previous draw's setup except what the commands between
 * them changed (decode.c draw_setup_invalidate): a draw after only SET_VERTEX_BUFFERS,
 * SET_CONSTANT_BUFFER, SET_SCISSOR_STATE or a blend state bind must still see that change.
 * Four draws, one per column of a 4x4 target, each after one such command. */
static void test_partial_draw_setup(struct vrend_context *c)
{
    static const char vs[] =
        "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\n  0: MOV OUT[0], IN[0]\n  1: END\n";
    static const char fs[] =
        "FRAG\nDCL OUT[0], COLOR\nDCL CONST[0][0]\n  0: MOV OUT[0], CONST[0][0]\n  1: END\n";
    static uint8_t rt[W * H * 4];
    static float quads[4][6][4];   /* one column x in [x0, x0 + 0.5] each */
    CHECK(target_and_columns(c, 40, rt, 41, quads, 4));

    static uint32_t cmd[1024];
    uint32_t n = 0;
    n = put_shader(cmd, n, 300, SHADER_VERTEX, vs);
    n = put_shader(cmd, n, 301, SHADER_FRAGMENT, fs);
    cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 300; cmd[n++] = SHADER_VERTEX;
    cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 301; cmd[n++] = SHADER_FRAGMENT;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = 302; cmd[n++] = 40; cmd[n++] = FMT_RGBA8; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 3); cmd[n++] = 1; cmd[n++] = 0; cmd[n++] = 302;
    /* Blend: colour writes on (mask in bits 27-30). */
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_BLEND, 11); cmd[n++] = 303; cmd[n++] = 0;
    cmd[n++] = 0; cmd[n++] = 0xfu << 27;
    for (int i = 1; i < 8; i++)
        cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_BLEND, 1); cmd[n++] = 303;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_BLEND, 11); cmd[n++] = 306;
    for (int i = 0; i < 10; i++)
        cmd[n++] = 0;
    /* Rasterizer: depth clip, scissor test (bit 14), CCW, no culling. */
    n = put_raster_and_viewport(cmd, n, 304, (1u << 1) | (1u << 14) | (1u << 15) | (1u << 29),
                                305);
    cmd[n++] = HDR(CCMD_SET_SCISSOR_STATE, 0, 3); cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = W | (H << 16);
    /* Clear to black, then draw column 0 red. */
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8); cmd[n++] = PIPE_CLEAR_COLOR0;
    for (int i = 0; i < 7; i++)
        cmd[n++] = 0;
    static const float colors[4][4] = { { 1, 0, 0, 1 }, { 0, 1, 0, 1 }, { 0, 0, 1, 1 },
                                        { 1, 1, 1, 1 } };
    for (int q = 0; q < 4; q++) {
        if (q == 0 || q == 1) {
            /* q 1: only the constants and the vertex buffer offset change. */
            cmd[n++] = HDR(CCMD_SET_CONSTANT_BUFFER, 0, 6); cmd[n++] = SHADER_FRAGMENT;
            cmd[n++] = 0;
            memcpy(cmd + n, colors[q], 16);
            n += 4;
        }
        if (q == 2) {
            /* Only the scissor changes: the old constants stay, so column 2 would be green;
             * the scissor keeps the draw out of columns 0, 1 (which it also covers). */
            cmd[n++] = HDR(CCMD_SET_SCISSOR_STATE, 0, 3); cmd[n++] = 0;
            cmd[n++] = 2 | (0 << 16); cmd[n++] = W | (H << 16);
        }
        if (q == 3) {
            /* Only the blend state: colour writes off, column 3 stays black. */
            cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_BLEND, 1); cmd[n++] = 306;
        }
        cmd[n++] = HDR(CCMD_SET_VERTEX_BUFFERS, 0, 3);
        cmd[n++] = 16; cmd[n++] = q == 2 ? 0 : q * 6 * 16; cmd[n++] = 41;
        cmd[n++] = HDR(CCMD_DRAW_VBO, 0, 12);
        cmd[n++] = 0; cmd[n++] = q == 2 ? 18 : 6; cmd[n++] = 4 /* triangles */;
        cmd[n++] = 0; cmd[n++] = 1;
        for (int i = 0; i < 7; i++)
            cmd[n++] = 0;
    }
    CHECK(n <= sizeof cmd / 4);
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 40, .w = W, .h = H, .d = 1 };
    CHECK(xfer(&t) == 0);
    for (int y = 0; y < H; y++) {
        const uint8_t *px = rt + y * W * 4;
        CHECK(px[0] == 255 && px[1] == 0 && px[2] == 0);         /* column 0: red */
        CHECK(px[4] == 0 && px[5] == 255 && px[6] == 0);         /* 1: green */
        CHECK(px[8] == 0 && px[9] == 255 && px[10] == 0);        /* 2: green, scissored */
        CHECK(px[12] == 0 && px[13] == 0 && px[14] == 0);        /* 3: writes off */
    }
}

/* KHR_blend_equation_advanced as Mesa's virgl sends it: the mode (1, multiply) in rt[0]'s
 * alpha source factor with blending off, the fragment shader declaring the modes it allows
 * (FS_BLEND_EQUATION_ADVANCED, bit n for mode n).  The left half multiplies the clear
 * colour by the shader's; the right half's shader does not declare multiply and is drawn
 * without blending (the host would refuse the draw), then again with an ordinary blend
 * state, which must leave the advanced mode (ONE + ONE doubles the colour). */
static void test_blend_advanced(struct vrend_context *c, bool host_has_it)
{
    static const char vs[] =
        "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\n  0: MOV OUT[0], IN[0]\n  1: END\n";
    static const char fs_multiply[] =
        "FRAG\nPROPERTY FS_BLEND_EQUATION_ADVANCED 2\nDCL OUT[0], COLOR\n"
        "IMM[0] FLT32 {0.5, 0.0, 1.0, 0.0}\n  0: MOV OUT[0], IMM[0].xxyz\n  1: END\n";
    static const char fs_screen[] =
        "FRAG\nPROPERTY FS_BLEND_EQUATION_ADVANCED 4\nDCL OUT[0], COLOR\n"
        "IMM[0] FLT32 {0.5, 0.0, 1.0, 0.0}\n  0: MOV OUT[0], IMM[0].xxyz\n  1: END\n";
    static uint8_t rt[W * H * 4];
    static float quads[2][6][4];   /* columns 0-1 and 2-3 */
    CHECK(target_and_columns(c, 50, rt, 51, quads, 2));

    static uint32_t cmd[1024];
    uint32_t n = 0;
    n = put_shader(cmd, n, 400, SHADER_VERTEX, vs);
    n = put_shader(cmd, n, 401, SHADER_FRAGMENT, fs_multiply);
    n = put_shader(cmd, n, 402, SHADER_FRAGMENT, fs_screen);
    cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 400; cmd[n++] = SHADER_VERTEX;
    cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 401; cmd[n++] = SHADER_FRAGMENT;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = 403; cmd[n++] = 50; cmd[n++] = FMT_RGBA8; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 3); cmd[n++] = 1; cmd[n++] = 0; cmd[n++] = 403;
    /* Advanced: mode 1 in the alpha source factor (bits 17-21), colour writes on. */
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_BLEND, 11); cmd[n++] = 404; cmd[n++] = 0;
    cmd[n++] = 0; cmd[n++] = (1u << 17) | (0xfu << 27);
    for (int i = 1; i < 8; i++)
        cmd[n++] = 0;
    /* Ordinary: ADD, ONE, ONE (bit 0 on, factors 0x01 at bits 4, 9, 17, 22). */
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_BLEND, 11); cmd[n++] = 405; cmd[n++] = 0;
    cmd[n++] = 0;
    cmd[n++] = 1u | (1u << 4) | (1u << 9) | (1u << 17) | (1u << 22) | (0xfu << 27);
    for (int i = 1; i < 8; i++)
        cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_BLEND, 1); cmd[n++] = 404;
    n = put_raster_and_viewport(cmd, n, 406, (1u << 1) | (1u << 15) | (1u << 29), 407);
    /* Clear to (1, 0.5, 0.5, 1). */
    static const float clear[4] = { 1, 0.5f, 0.5f, 1 };
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8); cmd[n++] = PIPE_CLEAR_COLOR0;
    memcpy(cmd + n, clear, sizeof clear);
    n += 4;
    for (int i = 0; i < 3; i++)
        cmd[n++] = 0;
    for (int q = 0; q < 3; q++) {
        if (q == 1) {
            cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 402; cmd[n++] = SHADER_FRAGMENT;
        }
        if (q == 2) {   /* column 1 again, ordinary blending: adds */
            cmd[n++] = HDR(CCMD_BIND_SHADER, 0, 2); cmd[n++] = 401; cmd[n++] = SHADER_FRAGMENT;
            cmd[n++] = HDR(CCMD_BIND_OBJECT, OBJ_BLEND, 1); cmd[n++] = 405;
        }
        cmd[n++] = HDR(CCMD_SET_VERTEX_BUFFERS, 0, 3);
        cmd[n++] = 16; cmd[n++] = q == 0 ? 0 : 6 * 16; cmd[n++] = 51;
        cmd[n++] = HDR(CCMD_DRAW_VBO, 0, 12);
        cmd[n++] = 0; cmd[n++] = 6; cmd[n++] = 4 /* triangles */;
        cmd[n++] = 0; cmd[n++] = 1;
        for (int i = 0; i < 7; i++)
            cmd[n++] = 0;
    }
    CHECK(n <= sizeof cmd / 4);
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 50, .w = W, .h = H, .d = 1 };
    CHECK(xfer(&t) == 0);
#define NEAR(v, want) ((v) + 2 >= (want) && (v) <= (want) + 2)
    const uint8_t *px = rt + W * 4;   /* row 1: columns 0 and 2 */
    if (host_has_it)   /* (1, 0.5, 0.5) x (0.5, 0.5, 0) */
        CHECK(NEAR(px[0], 128) && NEAR(px[1], 64) && px[2] == 0 && px[3] == 255);
    /* Undeclared mode: no blending, then ONE + ONE: (0.5, 0.5, 0) + (0.5, 0.5, 0). */
    CHECK(px[8] == 255 && px[9] == 255 && px[10] == 0);
#undef NEAR
}

/* Inline constants for a slot other than 0 are legal (regression: once rejected). */
static void test_constant_buffer_slots(struct vrend_context *c)
{
    uint32_t cmd[] = { HDR(CCMD_SET_CONSTANT_BUFFER, 0, 6), SHADER_VERTEX, 1, 1, 2, 3, 4 };
    CHECK(vrend_submit(c, cmd, sizeof cmd / 4));
    uint32_t bad[] = { HDR(CCMD_SET_CONSTANT_BUFFER, 0, 3), 9, 0, 0 };
    CHECK(!vrend_submit(c, bad, sizeof bad / 4));
}

/* Mesa's context teardown unbinds all 32 image slots of every stage (2 + 5 * 32 dwords), more
 * than the caps advertise (regression: rejected, so every piglit client's last command buffer
 * ended its connection, and a client still reading then died of ECONNRESET). */
static void test_shader_images_teardown(struct vrend_renderer *r)
{
    struct vrend_context *c = vrend_context_create(r, "images");
    static uint32_t cmd[1 + 2 + 5 * 32];
    cmd[0] = HDR(CCMD_SET_SHADER_IMAGES, 0, 2 + 5 * 32);
    cmd[1] = SHADER_FRAGMENT;
    CHECK(vrend_submit(c, cmd, 1 + 2 + 5 * 32));
    CHECK(!vrend_context_broken(c));
    /* Two slots from 31: past slot 31, rejected. */
    uint32_t past[13] = { HDR(CCMD_SET_SHADER_IMAGES, 0, 12), SHADER_FRAGMENT, 31 };
    CHECK(!vrend_submit(c, past, 13));
    ctx_done(c);
}

static void test_malformed(struct vrend_renderer *r)
{
    struct vrend_context *c = vrend_context_create(r, "malformed");
    uint32_t overrun[] = { HDR(CCMD_CLEAR, 0, 100), 1, 2 };
    CHECK(!vrend_submit(c, overrun, 3));
    CHECK(vrend_context_broken(c));
    CHECK(!vrend_submit(c, (uint32_t[]){ HDR(CCMD_NOP, 0, 0) }, 1));
    ctx_done(c);

    c = vrend_context_create(r, "short");
    uint32_t shortdraw[] = { HDR(CCMD_DRAW_VBO, 0, 3), 0, 3, 4 };
    CHECK(!vrend_submit(c, shortdraw, 4));
    ctx_done(c);

    /* A fixed-size command has exactly its size (virgl_layout.h): a dword more is as
     * malformed as a dword less. */
    static const struct { const char *what; uint32_t cmd[24]; uint32_t n; } wrong[] = {
        { "DRAW_VBO of 13 dwords", { HDR(CCMD_DRAW_VBO, 0, 13) }, 14 },
        { "DRAW_VBO of quads", { HDR(CCMD_DRAW_VBO, 0, 12), 0, 4, PIPE_PRIM_QUADS, 0, 1 }, 13 },
        { "CLEAR of 9 dwords", { HDR(CCMD_CLEAR, 0, 9) }, 10 },
        { "blend state of 12 dwords", { HDR(CCMD_CREATE_OBJECT, OBJ_BLEND, 12), 9 }, 13 },
        { "framebuffer with a spare dword", { HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 4), 1 }, 5 },
        { "index buffer of 2 dwords", { HDR(CCMD_SET_INDEX_BUFFER, 0, 2) }, 3 },
        { "BIND_OBJECT of 2 dwords", { HDR(CCMD_BIND_OBJECT, OBJ_BLEND, 2) }, 3 },
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        c = vrend_context_create(r, wrong[i].what);
        if (vrend_submit(c, wrong[i].cmd, wrong[i].n)) {
            fprintf(stderr, "malformed: %s: accepted\n", wrong[i].what);
            failures++;
        }
        vrend_context_destroy(c);
    }

    c = vrend_context_create(r, "transfer");
    static uint8_t backing[64];
    struct vrend_resource_desc d = { .target = PIPE_BUFFER, .format = 64, .width = 64,
                                     .height = 1, .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 1, &d, backing, sizeof backing) == 0);
    /* TRANSFER3D whose data offset lies past the backing store. */
    uint32_t xfer[] = { HDR(CCMD_TRANSFER3D, 0, 13), 1, 0, 0, 0, 0, 0, 0, 0, 16, 1, 1, 60, 1 };
    CHECK(!vrend_submit(c, xfer, sizeof xfer / 4));
    ctx_done(c);
}

/* Query types are the wire's VIRGL_QUERY_* numbers (regression: read in gallium's order,
 * type 2 ran as a conservative occlusion query and a timestamp came back 0, and a
 * primitives-generated query ran as time-elapsed). */
static void test_query_types(struct vrend_renderer *r)
{
    struct vrend_context *c = vrend_context_create(r, "queries");
    static uint8_t backing[64];
    struct vrend_resource_desc d = { .target = PIPE_BUFFER, .format = 64,
        .bind = VIRGL_BIND_QUERY_BUFFER, .width = sizeof backing, .height = 1, .depth = 1,
        .array_size = 1 };
    CHECK(res_create(c, 21, &d, backing, sizeof backing) == 0);
    uint32_t cmd[] = {
        HDR(CCMD_CREATE_OBJECT, OBJ_QUERY, 4), 22, VIRGL_QUERY_TIMESTAMP, 0, 21,
        HDR(CCMD_END_QUERY, 0, 1), 22,
        HDR(CCMD_CREATE_OBJECT, OBJ_QUERY, 4), 23, VIRGL_QUERY_PRIMITIVES_GENERATED, 16, 21,
        HDR(CCMD_BEGIN_QUERY, 0, 1), 23,
        HDR(CCMD_END_QUERY, 0, 1), 23,
    };
    CHECK(vrend_submit(c, cmd, sizeof cmd / 4));
    struct virgl_host_query_state ts, prims;
    memcpy(&ts, backing, sizeof ts);
    memcpy(&prims, backing + 16, sizeof prims);
    CHECK(ts.query_state == VIRGL_QUERY_STATE_DONE && ts.result != 0);
    CHECK(prims.query_state == VIRGL_QUERY_STATE_DONE && prims.result == 0);
    ctx_done(c);
}

/* Stream-output values from the guest are checked before use: each bad one rejects its
 * command buffer, the good ones go through. */
static void test_streamout_validation(struct vrend_renderer *r)
{
    static uint8_t backing[64];
    struct vrend_resource_desc d = { .target = PIPE_BUFFER, .format = 64,
        .bind = VIRGL_BIND_STREAM_OUTPUT, .width = sizeof backing, .height = 1, .depth = 1,
        .array_size = 1 };
    struct {
        const char *what;
        uint32_t cmd[24];
        uint32_t n;
        bool ok;
    } cases[] = {
        { "target inside the buffer", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 1, 16, 48 }, 5, true },
        { "target range clamped to the buffer", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 1, 16, 4096 }, 5, true },
        { "target starting past the buffer", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 1, 64, 4 }, 5, false },
        { "target misaligned", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 1, 2, 8 }, 5, false },
        { "target of no resource", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 99, 0, 8 }, 5, false },
        { "targets set", { HDR(CCMD_CREATE_OBJECT, OBJ_STREAMOUT_TARGET, 4), 7, 1, 0, 64,
                           HDR(CCMD_SET_STREAMOUT_TARGETS, 0, 3), 0, 7, 0 }, 9, true },
        { "unknown target set", { HDR(CCMD_SET_STREAMOUT_TARGETS, 0, 2), 0, 8 }, 3, false },
        { "five targets set", { HDR(CCMD_SET_STREAMOUT_TARGETS, 0, 6), 0, 0, 0, 0, 0, 0 }, 7, false },
        /* VS with one stream output: strides 4,0,0,0; OUT[0] xyzw to buffer 0 at 0. */
        { "shader stream output", { HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 12), 5, SHADER_VERTEX,
                                    4, 0, 1, 4, 0, 0, 0, 4u << 10, 0, 0x54524556 /* VERT */ }, 13, true },
        { "shader stream output to buffer 5", { HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 12), 5,
                                    SHADER_VERTEX, 4, 0, 1, 4, 0, 0, 0, (4u << 10) | (5u << 13), 0,
                                    0x54524556 }, 13, false },
        { "shader stream output past its stride", { HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 12), 5,
                                    SHADER_VERTEX, 4, 0, 1, 4, 0, 0, 0, (4u << 10) | (2u << 16), 0,
                                    0x54524556 }, 13, false },
        { "shader stream output of no components", { HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 12), 5,
                                    SHADER_VERTEX, 4, 0, 1, 4, 0, 0, 0, 0, 0, 0x54524556 }, 13, false },
        /* A continuation's header is as long as its own stream-output count says: Mesa sends
         * none after the first packet (the first packet's count made it 11 dwords long). */
        { "shader text continued after a stream-output header",
          { HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 12), 5, SHADER_VERTEX, 8, 0, 1, 4, 0, 0, 0,
            4u << 10, 0, 0x54524556,
            HDR(CCMD_CREATE_OBJECT, OBJ_SHADER, 6), 5, SHADER_VERTEX, 4u | (1u << 31), 0, 0,
            0x0a0a0a0a }, 20, true },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct vrend_context *c = vrend_context_create(r, cases[i].what);
        CHECK(res_create(c, 1, &d, backing, sizeof backing) == 0);
        bool ok = vrend_submit(c, cases[i].cmd, cases[i].n);
        if (ok != cases[i].ok) {
            fprintf(stderr, "streamout: %s: submit %s\n", cases[i].what, ok ? "accepted" : "rejected");
            failures++;
        }
        ctx_done(c);
    }
}

/* Per-client resource memory budget (vrend_renderer_opts.client_memory_limit): a creation
 * past it fails with -ENOMEM before any host memory is taken; unref gives the bytes back. */
/* Guest memory in pieces (a virtual machine's pages): a box whose rows cross pieces goes up
 * and comes back intact, the bytes between its rows untouched; and resources are the
 * renderer's, seen by a context only once attached. */
static void test_scattered_backing(struct vrend_renderer *r)
{
    enum { TW = 16, TH = 8, PITCH = TW * 4, SIZE = PITCH * TH };
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
                                     .width = TW, .height = TH, .depth = 1, .array_size = 1 };
    /* Pieces of 100, 37 and the rest bytes: no row starts at a piece's start. */
    static uint8_t mem[SIZE], back[SIZE];
    struct vrend_iovec iov[3] = { { mem, 100 }, { mem + 100, 37 }, { mem + 137, SIZE - 137 } };
    struct vrend_iovec back_iov[2] = { { back, 50 }, { back + 50, SIZE - 50 } };
    for (unsigned i = 0; i < SIZE; i++)
        mem[i] = (uint8_t)(i * 13 + 1);
    CHECK(vrend_resource_create(r, 70, &d, iov, 3) == 0);
    struct vrend_transfer t = { .handle = 70, .x = 3, .y = 1, .w = 9, .h = 5, .d = 1,
                                .offset = 1 * PITCH + 3 * 4, .to_host = true };
    CHECK(vrend_transfer(r, &t, NULL, 0) == 0);
    memset(back, 0xee, sizeof back);
    t.to_host = false;
    CHECK(vrend_transfer(r, &t, back_iov, 2) == 0);
    for (unsigned y = 0; y < TH; y++)
        for (unsigned x = 0; x < TW * 4; x++) {
            unsigned o = y * PITCH + x;
            bool inside = y >= 1 && y < 6 && x >= 12 && x < 12 + 9 * 4;
            if (back[o] != (inside ? mem[o] : 0xee)) {
                fprintf(stderr, "scattered read-back: byte %u (row %u) is %02x\n", o, y, back[o]);
                failures++;
                y = TH;
                break;
            }
        }
    /* Past the pieces' end. */
    struct vrend_transfer past = { .handle = 70, .w = TW, .h = TH, .d = 1, .offset = 4 };
    CHECK(vrend_transfer(r, &past, NULL, 0) < 0);

    /* A context knows a handle (vrend_resource_busy answers for it) once attached. */
    struct vrend_context *a = vrend_context_create(r, "attach-a");
    struct vrend_context *b = vrend_context_create(r, "attach-b");
    CHECK(vrend_resource_busy(b, 70, false) == -EINVAL);
    CHECK(vrend_context_attach_resource(b, 70) == 0);
    CHECK(vrend_context_attach_resource(a, 70) == 0);
    CHECK(vrend_resource_busy(b, 70, false) == 0);
    CHECK(vrend_context_attach_resource(b, 71) < 0);
    vrend_context_detach_resource(b, 70);
    CHECK(vrend_resource_busy(b, 70, false) == -EINVAL);
    CHECK(vrend_resource_busy(a, 70, false) == 0);
    /* Unref takes the handle from every context. */
    vrend_resource_unref(r, 70);
    CHECK(vrend_resource_busy(a, 70, false) == -EINVAL);
    struct vrend_resource_info info;
    CHECK(vrend_resource_get_info(r, 70, &info) < 0);
    vrend_context_destroy(a);
    vrend_context_destroy(b);
}

static void test_memory_budget(struct vrend_renderer *r, bool small)
{
    struct vrend_context *c = vrend_context_create(r, "budget");
    struct vrend_resource_desc buf = { .target = PIPE_BUFFER, .format = 64, .width = 0x80000000u,
                                       .height = 1, .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 1, &buf, NULL, 0) == -ENOMEM);   /* a 2 GiB buffer */
    struct vrend_resource_desc tex = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
                                       .width = 16384, .height = 16384, .depth = 1,
                                       .array_size = 1, .last_level = 14 };
    CHECK(res_create(c, 2, &tex, NULL, 0) == -ENOMEM);   /* 1.3 GiB of texels */
    if (small) {
        /* 1 MiB: two 400 KiB buffers fit, a third does not until one is gone. */
        buf.width = 400 << 10;
        CHECK(res_create(c, 3, &buf, NULL, 0) == 0);
        CHECK(res_create(c, 4, &buf, NULL, 0) == 0);
        CHECK(res_create(c, 5, &buf, NULL, 0) == -ENOMEM);
        res_unref(3);
        CHECK(res_create(c, 5, &buf, NULL, 0) == 0);
        /* The guest backing counts too: 16 KiB of storage, 1 MiB of backing. */
        static uint8_t backing[1 << 20];
        buf.width = 16 << 10;
        res_unref(4);
        res_unref(5);
        CHECK(res_create(c, 6, &buf, backing, sizeof backing) == -ENOMEM);
        CHECK(res_create(c, 6, &buf, backing, 64 << 10) == 0);
    }
    ctx_done(c);
}

int main(void)
{
    char err[256];
    struct vrend_renderer_opts o = { .log = quiet };
    struct vrend_renderer *r = vrend_renderer_create(&o, err, sizeof err);
    the_renderer = r;
    if (!r) {
        fprintf(stderr, "skip: %s\n", err);
        return 77;
    }
    test_caps(r);
    struct vrend_context *c = vrend_context_create(r, "core-test");
    test_inline_write_roundtrip(c);
    test_bgra_readback(c);
    test_clear(c);
    test_clear_alpha_format(c);
    test_compute_shared_memory(c);
    test_partial_draw_setup(c);
    test_blend_advanced(c, caps_v2(r) & VIRGL_CAP_V2_BLEND_EQUATION);
    test_constant_buffer_slots(c);
    ctx_done(c);
    test_query_types(r);
    test_malformed(r);
    test_shader_images_teardown(r);
    test_streamout_validation(r);
    test_scattered_backing(r);
    test_memory_budget(r, false);
    vrend_renderer_destroy(r);
    o.client_memory_limit = 1 << 20;
    r = vrend_renderer_create(&o, err, sizeof err);
    the_renderer = r;
    CHECK(r != NULL);
    if (r) {
        test_memory_budget(r, true);
        vrend_renderer_destroy(r);
    }
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
