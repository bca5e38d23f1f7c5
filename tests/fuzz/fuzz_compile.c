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
 * planes, 4-5 host features, 6 alpha function and compile flags. */
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
    key->sprite_coord_enable = opt(o, n, 2);
    key->sprite_coord_upper_left = opt(o, n, 2) & 1;
    key->clip_plane_enable = opt(o, n, 3);
    /* Framebuffer fetch is left out: glslang does not know its extension. */
    key->host_features = (opt(o, n, 4) | (uint32_t)opt(o, n, 5) << 8) & ~T2G_HOST_FRAMEBUFFER_FETCH;
    key->alpha_func = opt(o, n, 6) & 7;
    key->fs_num_cbufs = (opt(o, n, 6) >> 3) & 7;
    *flags = T2G_COMPILE_VALIDATE_IR | ((opt(o, n, 6) & 0x40) ? T2G_COMPILE_NO_OPT : 0);
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
    if (!glslang_check(r->source, r->reflection.stage, log, sizeof(log)))
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
