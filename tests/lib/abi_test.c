/* The growth rules of include/tgsi2glsl.h, checked against the shared library alone:
 *  - every member of the public structs keeps the offset and size it had in 0.1 (x86-64
 *    layout below); element structs never change size; the key, the reflection and the
 *    result only grow;
 *  - t2g_key_init records the caller's sizeof and writes nothing past it;
 *  - t2g_compile takes a key from a newer header when what it does not know is zero, and
 *    refuses one that sets it, or one that never went through t2g_key_init;
 *  - results say their size, and T2G_RESULT_HAS reads it. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tgsi2glsl.h"

static int failures;

#define CHECK(cond, ...)                                                                      \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                              \
            fprintf(stderr, __VA_ARGS__);                                                     \
            fputc('\n', stderr);                                                              \
            failures++;                                                                       \
        }                                                                                     \
    } while (0)

struct layout {
    const char *what;
    size_t offset, size, want_offset, want_size;
    int kind; /* 0 member, 1 frozen struct, 2 struct that may grow, 3 last member that may grow */
};

#define M(s, m, o, n) { #s "." #m, offsetof(struct s, m), sizeof(((struct s *)0)->m), o, n, 0 }
#define FROZEN(s, n) { "sizeof " #s, 0, sizeof(struct s), 0, n, 1 }
#define GROWS(s, n) { "sizeof " #s, 0, sizeof(struct s), 0, n, 2 }
/* The struct's last member, which grows with it (the result's reflection). */
#define M_GROWS(s, m, o, n) { #s "." #m, offsetof(struct s, m), sizeof(((struct s *)0)->m), o, n, 3 }

#if defined(__x86_64__)
/* Written from 0.1's header on x86-64. */
static const struct layout layout[] = {
    FROZEN(t2g_varying, 8), FROZEN(t2g_stream_output, 8), FROZEN(t2g_driver_uniforms, 288),
    FROZEN(t2g_io, 56), FROZEN(t2g_resource, 60),
    GROWS(t2g_key, 1944), GROWS(t2g_reflection, 20860), GROWS(t2g_result, 20904),
    M(t2g_varying, semantic, 0, 1),
    M(t2g_varying, interp, 1, 1),
    M(t2g_varying, location, 2, 1),
    M(t2g_varying, pad, 3, 1),
    M(t2g_varying, semantic_index, 4, 4),
    M(t2g_stream_output, register_index, 0, 1),
    M(t2g_stream_output, start_component, 1, 1),
    M(t2g_stream_output, num_components, 2, 1),
    M(t2g_stream_output, output_buffer, 3, 1),
    M(t2g_stream_output, dst_offset, 4, 2),
    M(t2g_stream_output, stream, 6, 1),
    M(t2g_stream_output, pad, 7, 1),
    M(t2g_key, struct_size, 0, 4),
    M(t2g_key, target, 4, 4),
    M(t2g_key, host_features, 8, 4),
    M(t2g_key, has_prev_outputs, 12, 1),
    M(t2g_key, num_prev_outputs, 16, 4),
    M(t2g_key, prev_outputs, 20, 512),
    M(t2g_key, has_next_inputs, 532, 1),
    M(t2g_key, num_next_inputs, 536, 4),
    M(t2g_key, next_inputs, 540, 512),
    M(t2g_key, vs_attrib_type, 1052, 32),
    M(t2g_key, fs_output_type, 1084, 8),
    M(t2g_key, fs_num_cbufs, 1092, 1),
    M(t2g_key, fs_output_swizzle, 1093, 32),
    M(t2g_key, shadow_swizzle, 1125, 128),
    M(t2g_key, sampler_levels, 1253, 32),
    M(t2g_key, alpha_func, 1285, 1),
    M(t2g_key, alpha_test, 1286, 1),
    M(t2g_key, polygon_stipple, 1287, 1),
    M(t2g_key, two_sided_color, 1288, 1),
    M(t2g_key, flatshade, 1289, 1),
    M(t2g_key, sprite_coord_enable, 1290, 1),
    M(t2g_key, sprite_coord_upper_left, 1291, 1),
    M(t2g_key, sprite_coord_generic, 1292, 1),
    M(t2g_key, point_coord_y_flip, 1293, 1),
    M(t2g_key, fragcoord_y_flip, 1294, 1),
    M(t2g_key, clip_plane_enable, 1295, 1),
    M(t2g_key, clip_halfz_to_minus_one, 1296, 1),
    M(t2g_key, flip_y_in_vertex, 1297, 1),
    M(t2g_key, point_size_from_driver, 1298, 1),
    M(t2g_key, ubo_binding_base, 1300, 4),
    M(t2g_key, sampler_binding_base, 1304, 4),
    M(t2g_key, image_binding_base, 1308, 4),
    M(t2g_key, ssbo_binding_base, 1312, 4),
    M(t2g_key, atomic_binding_base, 1316, 4),
    M(t2g_key, driver_ubo_binding, 1320, 4),
    M(t2g_key, max_ubos, 1324, 4),
    M(t2g_key, max_samplers, 1328, 4),
    M(t2g_key, max_images, 1332, 4),
    M(t2g_key, max_ssbos, 1336, 4),
    M(t2g_key, max_clip_distances, 1340, 4),
    M(t2g_key, image_format, 1344, 32),
    M(t2g_key, max_cs_block, 1376, 12),
    M(t2g_key, max_cs_invocations, 1388, 4),
    M(t2g_key, max_gs_output_vertices, 1392, 4),
    M(t2g_key, max_gs_invocations, 1396, 4),
    M(t2g_key, max_patch_vertices, 1400, 4),
    M(t2g_key, min_texel_offset, 1404, 4),
    M(t2g_key, max_texel_offset, 1408, 4),
    M(t2g_key, num_so_outputs, 1412, 4),
    M(t2g_key, so_stride, 1416, 16),
    M(t2g_key, so_outputs, 1432, 512),
    M(t2g_driver_uniforms, clip_planes, 0, 128),
    M(t2g_driver_uniforms, stipple, 128, 128),
    M(t2g_driver_uniforms, alpha_ref, 256, 4),
    M(t2g_driver_uniforms, point_size, 260, 4),
    M(t2g_driver_uniforms, fragcoord_y, 264, 8),
    M(t2g_driver_uniforms, viewport_size, 272, 8),
    M(t2g_driver_uniforms, depth_offset, 280, 4),
    M(t2g_driver_uniforms, pad, 284, 4),
    M(t2g_io, name, 0, 32),
    M(t2g_io, semantic, 32, 1),
    M(t2g_io, semantic_index, 36, 4),
    M(t2g_io, usage_mask, 40, 1),
    M(t2g_io, interp, 41, 1),
    M(t2g_io, interp_location, 42, 1),
    M(t2g_io, patch, 43, 1),
    M(t2g_io, builtin, 44, 1),
    M(t2g_io, location_in_source, 45, 1),
    M(t2g_io, location, 48, 4),
    M(t2g_io, type, 52, 1),
    M(t2g_resource, kind, 0, 4),
    M(t2g_resource, name, 4, 32),
    M(t2g_resource, tgsi_index, 36, 4),
    M(t2g_resource, binding, 40, 4),
    M(t2g_resource, binding_in_source, 44, 1),
    M(t2g_resource, size, 48, 4),
    M(t2g_resource, texture, 52, 1),
    M(t2g_resource, return_type, 53, 1),
    M(t2g_resource, shadow, 54, 1),
    M(t2g_resource, writable, 55, 1),
    M(t2g_resource, queries_levels, 56, 1),
    M(t2g_resource, host_texture, 57, 1),
    M(t2g_reflection, stage, 0, 4),
    M(t2g_reflection, num_inputs, 4, 4),
    M(t2g_reflection, num_outputs, 8, 4),
    M(t2g_reflection, inputs, 12, 4480),
    M(t2g_reflection, outputs, 4492, 4480),
    M(t2g_reflection, num_resources, 8972, 4),
    M(t2g_reflection, resources, 8976, 7680),
    M(t2g_reflection, uses_driver_ubo, 16656, 1),
    M(t2g_reflection, driver_ubo_name, 16657, 32),
    M(t2g_reflection, num_clip_distances, 16692, 4),
    M(t2g_reflection, num_cull_distances, 16696, 4),
    M(t2g_reflection, writes_depth, 16700, 1),
    M(t2g_reflection, writes_stencil, 16701, 1),
    M(t2g_reflection, writes_sample_mask, 16702, 1),
    M(t2g_reflection, uses_discard, 16703, 1),
    M(t2g_reflection, shared_memory_bytes, 16704, 4),
    M(t2g_reflection, cs_block, 16708, 12),
    M(t2g_reflection, gs_max_vertices, 16720, 4),
    M(t2g_reflection, gs_invocations, 16724, 4),
    M(t2g_reflection, gs_input_prim, 16728, 4),
    M(t2g_reflection, gs_output_prim, 16732, 4),
    M(t2g_reflection, tcs_vertices_out, 16736, 4),
    M(t2g_reflection, tes_prim_mode, 16740, 4),
    M(t2g_reflection, tes_spacing, 16744, 4),
    M(t2g_reflection, tes_cw, 16748, 1),
    M(t2g_reflection, tes_point_mode, 16749, 1),
    M(t2g_reflection, fs_color0_writes_all_cbufs, 16752, 4),
    M(t2g_reflection, num_so_varyings, 16756, 4),
    M(t2g_reflection, so_separate, 16760, 1),
    M(t2g_reflection, so_unsupported, 16761, 1),
    M(t2g_reflection, so_varyings, 16762, 4096),
    M(t2g_result, struct_size, 0, 4),
    M(t2g_result, ok, 4, 1),
    M(t2g_result, source, 8, 8),
    M(t2g_result, source_len, 16, 8),
    M(t2g_result, diagnostics, 24, 8),
    M(t2g_result, ir_dump, 32, 8),
    M_GROWS(t2g_result, reflection, 40, 20860),
};
#endif

static void check_layout(void)
{
#if defined(__x86_64__)
    for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
        const struct layout *l = &layout[i];
        if (l->kind == 2)
            CHECK(l->size >= l->want_size, "%s shrank: %zu, was %zu", l->what, l->size, l->want_size);
        else if (l->kind == 3)
            CHECK(l->offset == l->want_offset && l->size >= l->want_size,
                  "%s moved or shrank: offset %zu size %zu, was offset %zu size %zu", l->what,
                  l->offset, l->size, l->want_offset, l->want_size);
        else
            CHECK(l->offset == l->want_offset && l->size == l->want_size,
                  "%s moved: offset %zu size %zu, was offset %zu size %zu", l->what, l->offset,
                  l->size, l->want_offset, l->want_size);
    }
    printf("%zu layout facts of 0.1 checked\n", sizeof(layout) / sizeof(layout[0]));
#else
    printf("layout facts are recorded for x86-64 only; skipped\n");
#endif
}

static const char shader[] = "FRAG\n"
                             "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
                             "DCL OUT[0], COLOR\n"
                             "  0: MOV OUT[0], IN[0]\n"
                             "  1: END\n";

static struct t2g_result *compile(const struct t2g_key *key)
{
    struct t2g_result *r = t2g_compile(shader, sizeof(shader) - 1, key, 0, "abi.tgsi");
    if (!r) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return r;
}

static void check_key_init(void)
{
    /* A caller built against an older, smaller header: nothing past its size is written. */
    unsigned char buf[sizeof(struct t2g_key) + 64];
    memset(buf, 0xaa, sizeof(buf));
    size_t older = offsetof(struct t2g_key, so_outputs);
    t2g_key_init_sized((struct t2g_key *)buf, T2G_TARGET_GLSL330, older);
    size_t i = older;
    while (i < sizeof(buf) && buf[i] == 0xaa)
        i++;
    CHECK(i == sizeof(buf), "t2g_key_init_sized(%zu) wrote byte %zu", older, i);
    struct t2g_key key;
    memcpy(&key, buf, older);
    CHECK(key.struct_size == older && key.target == T2G_TARGET_GLSL330 &&
              key.alpha_func == T2G_ALWAYS,
          "a smaller key gets the defaults it has room for (size %u)", key.struct_size);

    /* The macro passes the caller's sizeof. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    CHECK(key.struct_size == sizeof(struct t2g_key), "t2g_key_init records %u, sizeof is %zu",
          key.struct_size, sizeof(struct t2g_key));
}

static void check_compile_keys(void)
{
    struct t2g_key key;
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    struct t2g_result *base = compile(&key);
    CHECK(base->ok, "the plain key compiles: %s", base->diagnostics);

    /* A key from a newer header: members this library lacks are zero, so it compiles the
     * same; one set is refused, naming why. */
    unsigned char *newer = calloc(1, sizeof(struct t2g_key) + 64);
    t2g_key_init_sized((struct t2g_key *)newer, T2G_TARGET_GLSL450, sizeof(struct t2g_key) + 64);
    struct t2g_result *r = compile((struct t2g_key *)newer);
    CHECK(r->ok && base->ok && strcmp(r->source, base->source) == 0,
          "a newer caller's zero-tailed key compiles as the plain one: %s", r->diagnostics);
    t2g_result_free(r);
    newer[sizeof(struct t2g_key) + 10] = 1;
    r = compile((struct t2g_key *)newer);
    CHECK(!r->ok && strstr(r->diagnostics, "newer tgsi2glsl.h"),
          "a key setting members unknown here is refused: %s", r->diagnostics);
    t2g_result_free(r);
    free(newer);

    /* A key filled by hand without t2g_key_init, and one too small for any version. */
    struct t2g_key raw;
    memset(&raw, 0, sizeof(raw));
    raw.target = T2G_TARGET_GLSL450;
    r = compile(&raw);
    CHECK(!r->ok && strstr(r->diagnostics, "t2g_key_init"),
          "a key without struct_size is refused: %s", r->diagnostics);
    t2g_result_free(r);
    raw = key;
    raw.struct_size = offsetof(struct t2g_key, so_outputs);
    r = compile(&raw);
    CHECK(!r->ok, "a key smaller than 0.1's is refused");
    t2g_result_free(r);

    /* Members past so_varyings are set too (meson's MALLOC_PERTURB_ fills fresh memory). */
    CHECK(!base->reflection.driver_uniform_array, "reflection members added at its end are set");

    /* Results say how big they are. */
    CHECK(base->struct_size == sizeof(struct t2g_result), "result struct_size %u, sizeof %zu",
          base->struct_size, sizeof(struct t2g_result));
    CHECK(T2G_RESULT_HAS(base, reflection), "T2G_RESULT_HAS(reflection)");
    base->struct_size = offsetof(struct t2g_result, reflection);
    CHECK(!T2G_RESULT_HAS(base, reflection) && T2G_RESULT_HAS(base, diagnostics),
          "T2G_RESULT_HAS on an older library's smaller result");
    t2g_result_free(base);
}

int main(void)
{
    check_layout();
    check_key_init();
    check_compile_keys();
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures ? 1 : 0;
}
