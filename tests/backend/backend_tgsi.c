/* Backend regressions as TGSI text through the whole pipeline: each case names a target,
 * the key tweaks it needs, and what must come out -- source glslang accepts containing the
 * `want` strings and none of the `unwanted`, or a refusal whose diagnostic says `refusal`.
 * Cases live in backend_tgsi_cases.h, one table row each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/tgsi.h"  /* TGSI texture targets in reflection */
#include "glslang_check.h"
#include "tgsi2glsl.h"

typedef void (*key_fn)(struct t2g_key *k);
/* Returns a message when the reflection is wrong, NULL when right. */
typedef const char *(*refl_fn)(const struct t2g_reflection *r);

typedef struct tgsi_case {
    const char *name;
    enum t2g_target target;
    const char *tgsi;
    const char *refusal;        /* NULL: must compile */
    const char *want[4];        /* substrings the source must contain */
    const char *unwanted[2];    /* substrings it must not contain */
    key_fn key;                 /* optional key changes */
    bool target_only;           /* no host extensions beyond the target version */
    refl_fn check;              /* optional reflection check */
    uint32_t flags;             /* extra T2G_COMPILE_* flags */
    bool unchecked;             /* glslang does not know an extension the output uses */
} tgsi_case;

/* ---------------------------------------------------------------- key tweaks */

static void key_ssbo_limit_1(struct t2g_key *k) { k->max_ssbos = 1; }
static void key_cs_64(struct t2g_key *k) { k->max_cs_invocations = 64; }
static void key_samplers_4(struct t2g_key *k) { k->max_samplers = 4; }
static void key_image0_r32ui(struct t2g_key *k) { k->image_format[0] = T2G_IMAGE_FORMAT_R32UI; }
static void key_image0_rgba8(struct t2g_key *k) { k->image_format[0] = T2G_IMAGE_FORMAT_RGBA8; }
static void key_image0_rgba32f(struct t2g_key *k) { k->image_format[0] = T2G_IMAGE_FORMAT_RGBA32F; }
static void key_image0_rg16f(struct t2g_key *k) { k->image_format[0] = T2G_IMAGE_FORMAT_RG16F; }
static void key_image0_r16(struct t2g_key *k) { k->image_format[0] = T2G_IMAGE_FORMAT_R16; }
static void key_image0_r16_nv_only(struct t2g_key *k)
{
    k->image_format[0] = T2G_IMAGE_FORMAT_R16;
    k->host_features &= ~(uint32_t)T2G_HOST_TEXTURE_NORM16;
}
static void key_image0_bad(struct t2g_key *k) { k->image_format[0] = 0xee; }
static void key_demote(struct t2g_key *k) { k->host_features |= T2G_HOST_DEMOTE_TO_HELPER; }
static void key_fbfetch(struct t2g_key *k) { k->host_features |= T2G_HOST_FRAMEBUFFER_FETCH; }
static void key_next_generic0_flat(struct t2g_key *k)
{
    /* What virgl-exec passes when the fragment shader reads GENERIC[0] flat. */
    k->has_next_inputs = true;
    k->num_next_inputs = 1;
    k->next_inputs[0].semantic = TGSI_SEMANTIC_GENERIC;
    k->next_inputs[0].interp = TGSI_INTERPOLATE_CONSTANT;
}

static void key_next_generic0_centroid(struct t2g_key *k)
{
    /* A fragment shader reading GENERIC[0] centroid: the block member must say so too. */
    k->has_next_inputs = true;
    k->num_next_inputs = 1;
    k->next_inputs[0].semantic = TGSI_SEMANTIC_GENERIC;
    k->next_inputs[0].interp = TGSI_INTERPOLATE_PERSPECTIVE;
    k->next_inputs[0].location = TGSI_INTERPOLATE_LOC_CENTROID;
}

/* GLSL ES 1.00: constants are a uniform array the renderer uploads by name, and so are the
 * driver uniforms; attributes are bound by name, gl_FragData[n] is output n. */
static const char *refl_es100_uniform_arrays(const struct t2g_reflection *r)
{
    bool cb = false;
    for (uint32_t i = 0; i < r->num_resources; i++)
        if (r->resources[i].kind == T2G_RES_UBO)
            cb = (r->resources[i].flags & T2G_RES_UNIFORM_ARRAY) && !strcmp(r->resources[i].name, "vs_u0") &&
                 r->resources[i].size == 2;
    if (!cb)
        return "CONST[0] should be the uniform array vs_u0[2]";
    if (!r->uses_driver_ubo || !r->driver_uniform_array || strcmp(r->driver_ubo_name, "vs_drv"))
        return "the driver uniforms should be the uniform array vs_drv";
    if (r->num_inputs != 1 || r->inputs[0].location_in_source || r->inputs[0].location != 0 ||
        strcmp(r->inputs[0].name, "a0"))
        return "IN[0] should be attribute a0, bound by name at 0";
    return NULL;
}
static void key_es100_clip_plane(struct t2g_key *k) { k->clip_plane_enable = 0; k->point_size_from_driver = true; }
static void key_es100_plain(struct t2g_key *k) { k->host_features = 0; }
/* An sRGB view at sampler 0, and a view that reads alpha as one at sampler 1 (GL_RGB in
 * R8G8B8X8: ES 2.0 has neither sRGB formats nor texture swizzles). */
static void key_es100_views(struct t2g_key *k)
{
    k->sampler_srgb_decode = 1u << 0;
    k->sampler_swizzle_mask = 1u << 1;
    memcpy(k->sampler_swizzle[1], (uint8_t[]){ T2G_SWIZZLE_R, T2G_SWIZZLE_G, T2G_SWIZZLE_B,
                                               T2G_SWIZZLE_1 }, 4);
}

/* Reflection checks. */
static const char *refl_sampler0_1d_as_2d(const struct t2g_reflection *r)
{
    for (uint32_t i = 0; i < r->num_resources; i++)
        if (r->resources[i].kind == T2G_RES_SAMPLER && r->resources[i].tgsi_index == 0)
            return r->resources[i].texture == TGSI_TEXTURE_1D &&
                   r->resources[i].host_texture == TGSI_TEXTURE_2D
                       ? NULL : "sampler 0 should be 1D emulated on 2D";
    return "no sampler 0";
}

static const char *refl_sampler0_native_rect(const struct t2g_reflection *r)
{
    for (uint32_t i = 0; i < r->num_resources; i++)
        if (r->resources[i].kind == T2G_RES_SAMPLER && r->resources[i].tgsi_index == 0)
            return r->resources[i].texture == TGSI_TEXTURE_RECT &&
                   r->resources[i].host_texture == TGSI_TEXTURE_RECT
                       ? NULL : "sampler 0 should be a native RECT";
    return "no sampler 0";
}

static const char *refl_image0_1darray_as_2darray(const struct t2g_reflection *r)
{
    for (uint32_t i = 0; i < r->num_resources; i++)
        if (r->resources[i].kind == T2G_RES_IMAGE && r->resources[i].tgsi_index == 0)
            return r->resources[i].host_texture == TGSI_TEXTURE_2D_ARRAY
                       ? NULL : "image 0 should be bound as a 2D array";
    return "no image 0";
}

static const char *refl_image_array(const struct t2g_reflection *r)
{
    unsigned images = 0;
    for (uint32_t i = 0; i < r->num_resources; i++) {
        const struct t2g_resource *res = &r->resources[i];
        if (res->kind != T2G_RES_IMAGE)
            continue;
        images++;
        if (res->tgsi_index == 3 &&
            (strcmp(res->name, "fs_img0[3]") || res->binding != 3 || !res->writable))
            return "IMAGE[3] should be the writable element fs_img0[3] at binding 3";
    }
    return images == 5 ? NULL : "each of the 5 images should be a resource of its own";
}

static const char *refl_blend_multiply_screen(const struct t2g_reflection *r)
{
    return r->fs_blend_support == 6 ? NULL : "fs_blend_support should be 6 (multiply, screen)";
}
static const char *refl_input0_centroid(const struct t2g_reflection *r)
{
    for (uint32_t i = 0; i < r->num_inputs; i++)
        if (r->inputs[i].semantic == TGSI_SEMANTIC_GENERIC && r->inputs[i].semantic_index == 0)
            return r->inputs[i].interp_location == TGSI_INTERPOLATE_LOC_CENTROID
                       ? NULL : "GENERIC[0] should reflect its centroid location";
    return "no GENERIC[0] input";
}

#include "backend_tgsi_cases.h"

static int run_case(const tgsi_case *tc)
{
    struct t2g_key key;
    t2g_key_init(&key, tc->target);
    if (!tc->target_only)
        key.host_features |= t2g_target_extension_features(tc->target);
    if (tc->key)
        tc->key(&key);
    const char *tname = t2g_target_name(tc->target);
    struct t2g_result *r = t2g_compile(tc->tgsi, strlen(tc->tgsi), &key,
                                       T2G_COMPILE_VALIDATE_IR | tc->flags, tc->name);
    if (!r) {
        fprintf(stderr, "%s.%s: out of memory\n", tc->name, tname);
        return 1;
    }
    int bad = 0;
    char log[4096];
    if (tc->refusal) {
        if (r->ok || !strstr(r->diagnostics, tc->refusal)) {
            fprintf(stderr, "%s.%s: expected a refusal saying '%s', got:\n%s%s\n", tc->name, tname,
                    tc->refusal, r->diagnostics, r->ok ? r->source : "");
            bad = 1;
        }
    } else if (!r->ok) {
        fprintf(stderr, "%s.%s: does not compile:\n%s", tc->name, tname, r->diagnostics);
        bad = 1;
    } else {
        if (!tc->unchecked && !glslang_check(r->source, r->reflection.stage, log, sizeof(log))) {
            fprintf(stderr, "%s.%s: glslang rejects:\n%s\n", tc->name, tname, log);
            bad = 1;
        }
        for (int i = 0; i < 4 && tc->want[i]; i++)
            if (!strstr(r->source, tc->want[i])) {
                fprintf(stderr, "%s.%s: missing '%s'\n", tc->name, tname, tc->want[i]);
                bad = 1;
            }
        for (int i = 0; i < 2 && tc->unwanted[i]; i++)
            if (strstr(r->source, tc->unwanted[i])) {
                fprintf(stderr, "%s.%s: unexpected '%s'\n", tc->name, tname, tc->unwanted[i]);
                bad = 1;
            }
        if (bad)
            fprintf(stderr, "%s", r->source);
    }
    const char *why = !bad && r->ok && tc->check ? tc->check(&r->reflection) : NULL;
    if (why) {
        fprintf(stderr, "%s.%s: reflection: %s\n", tc->name, tname, why);
        bad = 1;
    }
    t2g_result_free(r);
    return bad;
}

int main(int argc, char **argv)
{
    int failures = 0, run = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (argc > 1 && !strstr(cases[i].name, argv[1]))
            continue;
        run++;
        failures += run_case(&cases[i]);
    }
    printf("%d passed, %d failed\n", run - failures, failures);
    return failures ? 1 : 0;
}
