/* core_gles_test.c: the executor core on a GLES 3.x host context (vrend.h, no transport):
 * the caps a GLES host offers, and data round trips through every texture kind GLES stores
 * differently (1D and rectangle as 2D, 1D arrays as 2D arrays, cube faces, 3D slices) and
 * through the read-back path GLES needs (framebuffer + glReadPixels, mapped buffers).
 * Exits 77 (skip) without an EGL surfaceless GLES 3 host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl_wire.h"
#include "vrend.h"

#include "core_test_util.h"

enum { FMT_BGRA8 = 1, FMT_Z24S8 = 20, FMT_Z32F = 18, FMT_R32F = 28, FMT_RGBA8 = 67,
       FMT_R3G3B2 = 139, FMT_X24S8 = 136, FMT_DOUBLE = 24 };

static void quiet(void *u, enum vrend_log_level l, const char *m) { (void)u; (void)l; (void)m; }

static bool mask_has(const struct virgl_format_mask *m, unsigned f)
{
    return (m->bitmask[f / 32] >> (f % 32)) & 1;
}

static void test_caps(struct vrend_renderer *r)
{
    struct virgl_caps_v2 c;
    memset(&c, 0, sizeof c);
    CHECK(vrend_fill_caps(r, 2, &c, sizeof c) == sizeof c);
    /* Withheld on ES 3.1 hosts: the guest would drop every double instruction. */
    CHECK(!(c.capability_bits & VIRGL_CAP_HOST_IS_GLES));
    CHECK(mask_has(&c.v1.sampler, FMT_RGBA8) && mask_has(&c.v1.render, FMT_RGBA8));
    CHECK(mask_has(&c.v1.depthstencil, FMT_Z24S8));
    /* GLES has no 3-3-2 pixels, no double attributes: the probe must drop them. */
    CHECK(!mask_has(&c.v1.sampler, FMT_R3G3B2) && !mask_has(&c.v1.render, FMT_R3G3B2));
    CHECK(!mask_has(&c.v1.vertexbuffer, FMT_DOUBLE));
    /* Stencil views of Z24S8 are sampled (regression: probed on a stencil-only attachment
     * and lost, which cost the guest ARB_stencil_texturing and GL 4.3). */
    CHECK(mask_has(&c.v1.sampler, FMT_X24S8));
    /* Read-back formats on GLES are the ones a framebuffer can hold, and the compressed
     * ones sampled (read back from the copy of the guest's uploads; Mesa 22.3's guest
     * crashed converting them otherwise). */
    CHECK(mask_has(&c.supported_readback_formats, FMT_RGBA8));
    CHECK(mask_has(&c.v1.sampler, 105));                   /* DXT1 */
    CHECK(mask_has(&c.supported_readback_formats, 105));
    CHECK(!mask_has(&c.supported_readback_formats, FMT_R3G3B2));
    /* Version-gating features the host has as extensions (llvmpipe has them all). */
    CHECK(c.v1.bset & (1u << BSET_DEPTH_CLIP_DISABLE));
    /* Doubles: exact soft-fp64 in GLSL ES 3.10, offered to the guest. */
    CHECK(c.v1.bset & (1u << BSET_HAS_FP64));
    /* Inverted render conditions test the query on the CPU; draw counts from a buffer are
     * read back; textureSamples() comes from the key; packed small-float attributes are
     * converted (session 16). */
    CHECK(c.v1.bset & (1u << BSET_CONDITIONAL_RENDER_INVERTED));
    CHECK(c.capability_bits & VIRGL_CAP_INDIRECT_PARAMS);
    CHECK(c.capability_bits & VIRGL_CAP_TXQS);
    CHECK(mask_has(&c.v1.vertexbuffer, 124));              /* R11G11B10_FLOAT */
    CHECK(!(c.capability_bits & VIRGL_CAP_TEXTURE_BARRIER));
}

/* Uploads `bytes` of a pattern into the box, clears the backing, reads the box back and
 * compares.  The backing holds the whole resource in natural packing. */
static void roundtrip(struct vrend_context *c, uint32_t handle,
                      const struct vrend_resource_desc *d, size_t bytes,
                      struct vrend_transfer t, const char *what)
{
    uint8_t *backing = calloc(1, bytes), *want = malloc(bytes);
    CHECK(res_create(c, handle, d, backing, bytes) == 0);
    for (size_t i = 0; i < bytes; i++)
        want[i] = backing[i] = (uint8_t)(i * 7 + 3);
    t.handle = handle;
    t.to_host = true;
    CHECK(xfer(&t) == 0);
    memset(backing, 0, bytes);
    t.to_host = false;
    CHECK(xfer(&t) == 0);
    if (memcmp(backing, want, bytes)) {
        fprintf(stderr, "%s: read back differs\n", what);
        failures++;
    }
    res_unref(handle);
    free(backing);
    free(want);
}

static void test_texture_kinds(struct vrend_context *c)
{
    struct vrend_resource_desc d = { .format = FMT_RGBA8, .bind = VIRGL_BIND_SAMPLER_VIEW,
                                     .depth = 1, .array_size = 1 };
    d.target = PIPE_TEXTURE_1D, d.width = 8, d.height = 1;
    roundtrip(c, 1, &d, 8 * 4, (struct vrend_transfer){ .w = 8, .h = 1, .d = 1 }, "1D");
    /* A 1D array's layers are the guest's rows. */
    d.target = PIPE_TEXTURE_1D_ARRAY, d.width = 4, d.array_size = 3;
    roundtrip(c, 2, &d, 4 * 4 * 3, (struct vrend_transfer){ .w = 4, .h = 3, .d = 1 },
              "1D array");
    /* ... or in z, as gallium sends them (regression: the box was refused as out of
     * bounds, which ended arb_copy_image-targets on both hosts). */
    roundtrip(c, 10, &d, 4 * 4 * 3, (struct vrend_transfer){ .w = 4, .h = 1, .d = 3 },
              "1D array, layers in z");
    d.target = PIPE_TEXTURE_RECT, d.width = 5, d.height = 3, d.array_size = 1;
    roundtrip(c, 3, &d, 5 * 3 * 4, (struct vrend_transfer){ .w = 5, .h = 3, .d = 1 },
              "rectangle");
    d.target = PIPE_TEXTURE_CUBE, d.width = 4, d.height = 4, d.array_size = 6;
    roundtrip(c, 4, &d, 4 * 4 * 4 * 6, (struct vrend_transfer){ .w = 4, .h = 4, .d = 6 },
              "cube, all faces");
    d.target = PIPE_TEXTURE_3D, d.width = 4, d.height = 2, d.depth = 3, d.array_size = 1;
    roundtrip(c, 5, &d, 4 * 2 * 3 * 4, (struct vrend_transfer){ .w = 4, .h = 2, .d = 3 },
              "3D");
    d.target = PIPE_TEXTURE_2D_ARRAY, d.width = 2, d.height = 2, d.depth = 1, d.array_size = 4;
    roundtrip(c, 6, &d, 2 * 2 * 4 * 4, (struct vrend_transfer){ .w = 2, .h = 2, .d = 4 },
              "2D array");
    d.target = PIPE_TEXTURE_2D, d.width = 3, d.height = 2, d.array_size = 1, d.format = FMT_R32F;
    roundtrip(c, 7, &d, 3 * 2 * 4, (struct vrend_transfer){ .w = 3, .h = 2, .d = 1 }, "R32F");
    /* Compressed texels come back from the copy of what was uploaded: DXT1, 8 bytes a 4x4
     * block, a 2D array of two layers of 2x2 blocks. */
    d.format = 105, d.target = PIPE_TEXTURE_2D_ARRAY, d.width = 8, d.height = 8;
    d.array_size = 2;
    roundtrip(c, 11, &d, 2 * 2 * 8 * 2, (struct vrend_transfer){ .w = 8, .h = 8, .d = 2 },
              "DXT1 array");
    d.target = PIPE_TEXTURE_2D, d.width = 3, d.height = 2, d.array_size = 1;
    d.format = FMT_BGRA8;   /* BGRA through GL_MESA_bgra / EXT_texture_format_BGRA8888 */
    roundtrip(c, 8, &d, 3 * 2 * 4, (struct vrend_transfer){ .w = 3, .h = 2, .d = 1 }, "BGRA8");
    struct vrend_resource_desc b = { .target = PIPE_BUFFER, .format = 64, .width = 100,
                                     .height = 1, .depth = 1, .array_size = 1 };
    roundtrip(c, 9, &b, 100, (struct vrend_transfer){ .w = 100, .h = 1, .d = 1 }, "buffer");
}

/* Depth clear then read-back (GLES reads depth only through NV_read_depth). */
static void test_depth_clear(struct vrend_context *c)
{
    static float backing[4 * 4];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_Z32F,
        .bind = VIRGL_BIND_DEPTH_STENCIL, .width = 4, .height = 4, .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 20, &d, backing, sizeof backing) == 0);
    uint32_t cmd[32], n = 0;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = 200; cmd[n++] = 20; cmd[n++] = FMT_Z32F; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 2);
    cmd[n++] = 0; cmd[n++] = 200;
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8);
    cmd[n++] = PIPE_CLEAR_DEPTH;
    for (int i = 0; i < 4; i++)
        cmd[n++] = 0;   /* colour: unused */
    double depth = 0.25;
    memcpy(cmd + n, &depth, sizeof depth);
    n += 2;
    cmd[n++] = 0;   /* stencil */
    CHECK(vrend_submit(c, cmd, n));
    struct vrend_transfer t = { .handle = 20, .w = 4, .h = 4, .d = 1 };
    CHECK(xfer(&t) == 0);
    CHECK(backing[0] == 0.25f && backing[15] == 0.25f);
}

static void blit(struct vrend_context *c, uint32_t dst, uint32_t src, uint32_t w, uint32_t h)
{
    uint32_t cmd[22] = { HDR(CCMD_BLIT, 0, 21), 0xf /* RGBA */, 0, 0, dst, 0, FMT_RGBA8,
                         0, 0, 0, w, h, 1, src, 0, FMT_RGBA8, 0, 0, 0, w, h, 1 };
    CHECK(vrend_submit(c, cmd, 22));
}

/* GLES refuses glBlitFramebuffer into a multisample target: the executor draws instead.
 * Up to 4x MSAA and back down (a plain resolve) must give the source back. */
static void test_msaa_blit(struct vrend_context *c)
{
    enum { BW = 8, BH = 4 };
    static uint8_t src_mem[BW * BH * 4], dst_mem[BW * BH * 4];
    struct vrend_resource_desc d = { .target = PIPE_TEXTURE_2D, .format = FMT_RGBA8,
        .bind = VIRGL_BIND_RENDER_TARGET | VIRGL_BIND_SAMPLER_VIEW, .width = BW, .height = BH,
        .depth = 1, .array_size = 1 };
    CHECK(res_create(c, 30, &d, src_mem, sizeof src_mem) == 0);
    CHECK(res_create(c, 31, &d, dst_mem, sizeof dst_mem) == 0);
    d.nr_samples = 4;
    CHECK(res_create(c, 32, &d, NULL, 0) == 0);
    for (size_t i = 0; i < sizeof src_mem; i++)
        src_mem[i] = (uint8_t)(i * 13 + 1);
    struct vrend_transfer t = { .handle = 30, .w = BW, .h = BH, .d = 1, .to_host = true };
    CHECK(xfer(&t) == 0);
    blit(c, 32, 30, BW, BH);
    blit(c, 31, 32, BW, BH);
    t.handle = 31;
    t.to_host = false;
    CHECK(xfer(&t) == 0);
    CHECK(!memcmp(src_mem, dst_mem, sizeof src_mem));
}

int main(void)
{
    char err[256];
    struct vrend_renderer_opts o = { .gles = true, .log = quiet };
    struct vrend_renderer *r = vrend_renderer_create(&o, err, sizeof err);
    the_renderer = r;
    if (!r) {
        fprintf(stderr, "skip: %s\n", err);
        return 77;
    }
    test_caps(r);
    struct vrend_context *c = vrend_context_create(r, "core-gles-test");
    test_texture_kinds(c);
    test_depth_clear(c);
    test_msaa_blit(c);
    CHECK(!vrend_context_broken(c));
    ctx_done(c);
    vrend_renderer_destroy(r);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
