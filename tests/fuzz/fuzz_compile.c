/* Fuzz target: the whole t2g_compile pipeline.  A finding is a memory error, a failure
 * without a diagnostic, or output that glslang rejects (the compiler promised valid GLSL).
 *
 * Input: TGSI text, optionally followed by a NUL and option bytes that pick the target and
 * key emulations.  Plain text (every seed) compiles for each of the default targets. */
#include <string.h>

#include "fuzz_common.h"
#include "tgsi2glsl.h"
#include "glslang_check.h"

/* Desktop old and new, and ES: the versions whose rules differ the most. */
static const enum t2g_target default_targets[] = {
    T2G_TARGET_GLSL330, T2G_TARGET_GLSL450, T2G_TARGET_ESSL310,
};
static const enum t2g_target option_targets[] = {
    T2G_TARGET_GLSL140, T2G_TARGET_GLSL330, T2G_TARGET_GLSL400, T2G_TARGET_GLSL450,
    T2G_TARGET_GLSL460, T2G_TARGET_ESSL300, T2G_TARGET_ESSL310, T2G_TARGET_ESSL320,
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static uint8_t opt(const uint8_t *o, size_t n, size_t i) { return i < n ? o[i] : 0; }

/* The option bytes after the NUL: 0 target, 1 emulation switches, 2 sprite coords, 3 clip
 * planes, 4-5 and 7 host features (bits 0-15, 16-23), 6 alpha function and compile flags,
 * 8 shadow swizzle of samplers 0 and 1, 9 their level counts, 10 colour buffer 0's output
 * swizzle, 11 vertex attribute and colour buffer types, 12-14 transform feedback captures. */
static void key_from_options(struct t2g_key *key, uint32_t *flags, const uint8_t *o, size_t n)
{
    t2g_key_init(key, option_targets[opt(o, n, 0) % COUNT(option_targets)]);
    uint8_t sw = opt(o, n, 1);
    key->alpha_test = sw & 1;
    key->polygon_stipple = sw & 2;
    key->two_sided_color = sw & 4;
    key->flatshade = sw & 8;
    key->fragcoord_y_flip = sw & 16;
    key->clip_halfz_to_minus_one = sw & 32;
    key->flip_y_in_vertex = sw & 64;
    key->point_size_from_driver = sw & 128;
    key->depth_offset_from_driver = sw & 128;   /* GLES's points for polygons have both */
    key->sprite_coord_enable = opt(o, n, 2);
    key->sprite_coord_upper_left = opt(o, n, 2) & 1;
    key->clip_plane_enable = opt(o, n, 3);
    /* Framebuffer fetch is left out: glslang does not know its extension. */
    key->host_features = (opt(o, n, 4) | (uint32_t)opt(o, n, 5) << 8 |
                          (uint32_t)opt(o, n, 7) << 16) & ~T2G_HOST_FRAMEBUFFER_FETCH;
    key->alpha_func = opt(o, n, 6) & 7;
    key->fs_num_cbufs = (opt(o, n, 6) >> 3) & 7;
    *flags = T2G_COMPILE_VALIDATE_IR | ((opt(o, n, 6) & 0x40) ? T2G_COMPILE_NO_OPT : 0);
    /* What the executor fills from bound state: view swizzles and level counts of depth
     * textures, colour buffers stored in other channels, integer attributes and buffers. */
    for (unsigned c = 0; c < 4; c++) {
        key->shadow_swizzle[c >> 1][c & 1 ? 3 : 0] = (opt(o, n, 8) >> (2 * c)) % 3;
        key->fs_output_swizzle[0][c] = (opt(o, n, 10) >> (2 * c)) & 3;
        key->vs_attrib_type[c] = ((opt(o, n, 11) >> c) & 1) ? 1 + (c & 1) : 0;
        key->fs_output_type[c] = ((opt(o, n, 11) >> (4 + c)) & 1) ? 1 + (c & 1) : 0;
    }
    key->sampler_levels[0] = opt(o, n, 9) & 15;
    key->sampler_levels[1] = opt(o, n, 9) >> 4;
    key->sampler_samples[0] = opt(o, n, 9) & 7;
    /* Up to three captured outputs, in one or two buffers. */
    key->num_so_outputs = opt(o, n, 12) & 3;
    for (unsigned i = 0; i < key->num_so_outputs; i++) {
        uint8_t b = opt(o, n, 13 + (i & 1));
        struct t2g_stream_output *so = &key->so_outputs[i];
        so->register_index = (uint8_t)(b & 7);
        so->start_component = (uint8_t)((b >> 3) & 3);
        so->num_components = (uint8_t)(1 + ((b >> 5) & 3) % (4 - so->start_component));
        so->output_buffer = (uint8_t)(i & (opt(o, n, 12) >> 2) & 1);
        so->dst_offset = (uint16_t)(4 * i);
        so->stream = 0;
    }
    for (unsigned b = 0; b < 2; b++)
        key->so_stride[b] = 4 * key->num_so_outputs;
}

/* Output that enables an extension glslang does not know is the host driver's to judge
 * (tests/corpus/check_corpus.py counts such shaders as unchecked the same way). */
static bool glslang_can_check(const char *src)
{
    return !strstr(src, "#extension GL_EXT_clip_cull_distance") &&
           !strstr(src, "#extension GL_OES_viewport_array") &&
           !strstr(src, "#extension GL_EXT_texture_shadow_lod") &&
           !strstr(src, "#extension GL_NV_image_formats");
}

static void compile_and_check(const char *text, size_t len, const struct t2g_key *key,
                              uint32_t flags)
{
    struct t2g_result *r = t2g_compile(text, len, key, flags, "fuzz.tgsi");
    if (!r)
        return; /* out of memory: not the input's fault */
    if (!r->diagnostics)
        fuzz_finding("result without a diagnostics string");
    if (!r->ok) {
        if (r->diagnostics && !r->diagnostics[0])
            fuzz_finding("compile failed without a diagnostic");
        t2g_result_free(r);
        return;
    }
    if (!r->source || strlen(r->source) != r->source_len) {
        fuzz_finding("ok result with a missing or mis-sized source");
        t2g_result_free(r);
        return;
    }
    char log[4096];
    if (glslang_can_check(r->source) && !glslang_check(r->source, r->reflection.stage, log, sizeof(log)))
        fuzz_finding("glslang rejects the output for %s:\n%s\n--- glslang:\n%s\n--- input:\n%.*s",
                     t2g_target_name(key->target), r->source, log, (int)len, text);
    t2g_result_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t text_len = nul ? (size_t)(nul - data) : size;
    /* The compiler gets its own exact-size copy so that reads past the text are caught. */
    char *text = malloc(text_len ? text_len : 1);
    if (!text)
        return 0;
    memcpy(text, data, text_len);
    struct t2g_key key;
    uint32_t flags;
    if (nul) {
        key_from_options(&key, &flags, nul + 1, size - text_len - 1);
        compile_and_check(text, text_len, &key, flags);
    } else {
        for (size_t i = 0; i < COUNT(default_targets); i++) {
            t2g_key_init(&key, default_targets[i]);
            compile_and_check(text, text_len, &key, T2G_COMPILE_VALIDATE_IR);
        }
    }
    free(text);
    return 0;
}
