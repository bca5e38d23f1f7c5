/* struct t2g_key as JSON, one table for both directions: --print-key writes what --key reads,
 * so a harness can replay exactly the key a renderer compiled with. */
#include "cli_json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "frontend/tgsi.h"

typedef struct name_table {
    const char *const *v;
    unsigned n;
} name_table;

#define TABLE(arr) { arr, sizeof(arr) / sizeof(arr[0]) }

static const char *const compare_names[] = { "NEVER", "LESS", "EQUAL", "LEQUAL", "GREATER",
                                             "NOTEQUAL", "GEQUAL", "ALWAYS" };
static const char *const varying_type_names[] = { "float", "int", "uint" };
static const char *const shadow_names[] = { "result", "zero", "one" };
#define F(e, s) [T2G_IMAGE_FORMAT_##e] = s
static const char *const image_format_names[T2G_IMAGE_FORMAT_COUNT] = {
    F(UNKNOWN, "unknown"), F(RGBA32F, "rgba32f"), F(RGBA16F, "rgba16f"), F(RG32F, "rg32f"),
    F(RG16F, "rg16f"), F(R11F_G11F_B10F, "r11f_g11f_b10f"), F(R32F, "r32f"), F(R16F, "r16f"),
    F(RGBA16, "rgba16"), F(RGB10_A2, "rgb10_a2"), F(RGBA8, "rgba8"), F(RG16, "rg16"),
    F(RG8, "rg8"), F(R16, "r16"), F(R8, "r8"), F(RGBA16_SNORM, "rgba16_snorm"),
    F(RGBA8_SNORM, "rgba8_snorm"), F(RG16_SNORM, "rg16_snorm"), F(RG8_SNORM, "rg8_snorm"),
    F(R16_SNORM, "r16_snorm"), F(R8_SNORM, "r8_snorm"), F(RGBA32I, "rgba32i"),
    F(RGBA16I, "rgba16i"), F(RGBA8I, "rgba8i"), F(RG32I, "rg32i"), F(RG16I, "rg16i"),
    F(RG8I, "rg8i"), F(R32I, "r32i"), F(R16I, "r16i"), F(R8I, "r8i"), F(RGBA32UI, "rgba32ui"),
    F(RGBA16UI, "rgba16ui"), F(RGB10_A2UI, "rgb10_a2ui"), F(RGBA8UI, "rgba8ui"),
    F(RG32UI, "rg32ui"), F(RG16UI, "rg16ui"), F(RG8UI, "rg8ui"), F(R32UI, "r32ui"),
    F(R16UI, "r16ui"), F(R8UI, "r8ui"),
};
#undef F

static const name_table compares = TABLE(compare_names), varying_types = TABLE(varying_type_names),
                        shadows = TABLE(shadow_names), image_formats = TABLE(image_format_names),
                        semantics = { tgsi_semantic_names, TGSI_SEMANTIC_COUNT },
                        interps = { tgsi_interpolate_names, TGSI_INTERPOLATE_COUNT },
                        locations = { tgsi_interp_location_names, TGSI_INTERPOLATE_LOC_COUNT };

#define H(name) { T2G_HOST_##name, #name }
static const struct { uint32_t bit; const char *name; } host_features[] = {
    H(FP64), H(INT64), H(SHADER_CLOCK), H(TEXTURE_CUBE_ARRAY), H(SAMPLE_SHADING),
    H(GEOMETRY_SHADER), H(TESSELLATION), H(CLIP_CULL_DISTANCE), H(TEXTURE_BUFFER),
    H(SHADER_IMAGE_ATOMIC), H(CONSERVATIVE_DEPTH), H(DERIVATIVE_CONTROL), H(FRAMEBUFFER_FETCH),
    H(DEMOTE_TO_HELPER), H(SHADER_GROUP_VOTE), H(SHADER_BALLOT), H(TRANSFORM_FEEDBACK3),
    H(VIEWPORT_ARRAY), H(EXPLICIT_ATTRIB_LOCATION), H(SHADING_LANGUAGE_420PACK),
    H(TEXTURE_3D), H(SHADOW_SAMPLERS), H(STANDARD_DERIVATIVES), H(FRAG_DEPTH),
    H(DRAW_BUFFERS), H(SHADER_TEXTURE_LOD), H(BLEND_EQUATION_ADVANCED),
    H(TEXTURE_SHADOW_LOD), H(IMAGE_FORMATS), H(TEXTURE_NORM16),
};
#undef H
#define NUM_HOST_FEATURES (sizeof(host_features) / sizeof(host_features[0]))

/* ---------------------------------------------------------------- the field table */

enum kind {
    K_BOOL, K_U8, K_U32, K_I32,
    K_TARGET, K_HOST_FEATURES,
    K_VARYINGS,   /* has_X, num_X and X[] of struct t2g_varying */
    K_SO_OUTPUTS, /* num_so_outputs and so_outputs[] */
    K_SAMPLER_LOD, /* sampler_lod[] of struct t2g_sampler_lod */
};

typedef struct field {
    const char *name;
    enum kind kind;
    size_t offset;
    unsigned count;          /* array elements; 0 for a scalar */
    unsigned inner;          /* elements of each element ([8][4]: count 8, inner 4); 0 if none */
    const name_table *names; /* an enumeration, written by name */
    size_t has_offset, num_offset;
} field;

#define MEMBER(f) (((struct t2g_key *)0)->f)
#define LEN(f) (unsigned)(sizeof(MEMBER(f)) / sizeof(MEMBER(f)[0]))
#define LEN2(f) (unsigned)(sizeof(MEMBER(f)[0]) / sizeof(MEMBER(f)[0][0]))
#define AT(f) offsetof(struct t2g_key, f)
#define SCALAR(f, k) { #f, k, AT(f), 0, 0, NULL, 0, 0 }
#define ENUM(f, t) { #f, K_U8, AT(f), 0, 0, &t, 0, 0 }
#define ARRAY(f, k) { #f, k, AT(f), LEN(f), 0, NULL, 0, 0 }
#define ENUM_ARRAY(f, t) { #f, K_U8, AT(f), LEN(f), 0, &t, 0, 0 }
#define ARRAY2(f, t) { #f, K_U8, AT(f), LEN(f), LEN2(f), t, 0, 0 }
#define VARYINGS(f) { #f, K_VARYINGS, AT(f), LEN(f), 0, NULL, AT(has_##f), AT(num_##f) }

/* In struct order; tests/cli checks that every member of struct t2g_key is here. */
static const field fields[] = {
    SCALAR(target, K_TARGET),
    SCALAR(host_features, K_HOST_FEATURES),
    VARYINGS(prev_outputs),
    VARYINGS(next_inputs),
    ENUM_ARRAY(vs_attrib_type, varying_types),
    ENUM_ARRAY(fs_output_type, varying_types),
    SCALAR(fs_num_cbufs, K_U8),
    ARRAY2(fs_output_swizzle, NULL),
    ARRAY2(shadow_swizzle, &shadows),
    ARRAY(sampler_levels, K_U8),
    ENUM(alpha_func, compares),
    SCALAR(alpha_test, K_BOOL),
    SCALAR(polygon_stipple, K_BOOL),
    SCALAR(two_sided_color, K_BOOL),
    SCALAR(flatshade, K_BOOL),
    SCALAR(sprite_coord_enable, K_U8),
    SCALAR(sprite_coord_upper_left, K_BOOL),
    SCALAR(sprite_coord_generic, K_BOOL),
    SCALAR(point_coord_y_flip, K_BOOL),
    SCALAR(fragcoord_y_flip, K_BOOL),
    SCALAR(clip_plane_enable, K_U8),
    SCALAR(clip_halfz_to_minus_one, K_BOOL),
    SCALAR(flip_y_in_vertex, K_BOOL),
    SCALAR(point_size_from_driver, K_BOOL),
    SCALAR(ubo_binding_base, K_U32),
    SCALAR(sampler_binding_base, K_U32),
    SCALAR(image_binding_base, K_U32),
    SCALAR(ssbo_binding_base, K_U32),
    SCALAR(atomic_binding_base, K_U32),
    SCALAR(driver_ubo_binding, K_U32),
    SCALAR(max_ubos, K_U32),
    SCALAR(max_samplers, K_U32),
    SCALAR(max_images, K_U32),
    SCALAR(max_ssbos, K_U32),
    SCALAR(max_clip_distances, K_U32),
    ENUM_ARRAY(image_format, image_formats),
    ARRAY(max_cs_block, K_U32),
    SCALAR(max_cs_invocations, K_U32),
    SCALAR(max_gs_output_vertices, K_U32),
    SCALAR(max_gs_invocations, K_U32),
    SCALAR(max_patch_vertices, K_U32),
    SCALAR(min_texel_offset, K_I32),
    SCALAR(max_texel_offset, K_I32),
    ARRAY(so_stride, K_U32),
    { "so_outputs", K_SO_OUTPUTS, AT(so_outputs), T2G_MAX_SO_OUTPUTS, 0, NULL, 0,
      AT(num_so_outputs) },
    SCALAR(sampler_lod_in_shader, K_BOOL),
    { "sampler_lod", K_SAMPLER_LOD, AT(sampler_lod), LEN(sampler_lod), 0, NULL, 0, 0 },
    SCALAR(sampler_srgb_decode, K_U32),
    SCALAR(sampler_swizzle_mask, K_U32),
    ARRAY2(sampler_swizzle, NULL),
    SCALAR(sampler_lod_from_driver, K_BOOL),
    SCALAR(logic_op, K_U8),
    ARRAY(logic_op_bits, K_U8),
    ARRAY(sampler_gl_clamp, K_U32),
    ARRAY(sampler_compare, K_U8),
    SCALAR(depth_offset_from_driver, K_BOOL),
    ARRAY(sampler_samples, K_U8),
};

static size_t elem_size(enum kind k) { return k == K_U8 || k == K_BOOL ? 1 : 4; }

static int64_t get_int(const void *p, enum kind k)
{
    switch (k) {
    case K_BOOL: return *(const bool *)p;
    case K_U8: return *(const uint8_t *)p;
    case K_I32: return *(const int32_t *)p;
    default: return *(const uint32_t *)p;
    }
}

static void set_int(void *p, enum kind k, int64_t v)
{
    switch (k) {
    case K_BOOL: *(bool *)p = v != 0; break;
    case K_U8: *(uint8_t *)p = (uint8_t)v; break;
    case K_I32: *(int32_t *)p = (int32_t)v; break;
    default: *(uint32_t *)p = (uint32_t)v; break;
    }
}

/* ---------------------------------------------------------------- writing */

static void write_enum(json_writer *w, const char *key, const name_table *t, int64_t v)
{
    if (t && v >= 0 && v < t->n && t->v[v])
        jw_string(w, key, t->v[v]);
    else
        jw_int(w, key, v);
}

static void write_host_features(json_writer *w, uint32_t bits)
{
    jw_array_begin(w, "host_features", false);
    for (size_t i = 0; i < NUM_HOST_FEATURES; i++)
        if (bits & host_features[i].bit) {
            jw_string(w, NULL, host_features[i].name);
            bits &= ~host_features[i].bit;
        }
    if (bits) /* bits this CLI has no name for still round-trip */
        jw_uint(w, NULL, bits);
    jw_array_end(w);
}

static void write_varyings(json_writer *w, const field *f, const struct t2g_key *key)
{
    const unsigned char *base = (const unsigned char *)key;
    if (!*(const bool *)(base + f->has_offset)) {
        jw_null(w, f->name);
        return;
    }
    uint32_t n = *(const uint32_t *)(base + f->num_offset);
    const struct t2g_varying *v = (const struct t2g_varying *)(base + f->offset);
    jw_array_begin(w, f->name, false);
    for (uint32_t i = 0; i < n && i < f->count; i++) {
        jw_object_begin(w, NULL);
        write_enum(w, "semantic", &semantics, v[i].semantic);
        jw_uint(w, "semantic_index", v[i].semantic_index);
        write_enum(w, "interp", &interps, v[i].interp);
        write_enum(w, "location", &locations, v[i].location);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void write_so_outputs(json_writer *w, const struct t2g_key *key)
{
    jw_array_begin(w, "so_outputs", false);
    for (uint32_t i = 0; i < key->num_so_outputs && i < T2G_MAX_SO_OUTPUTS; i++) {
        const struct t2g_stream_output *o = &key->so_outputs[i];
        jw_object_begin(w, NULL);
        jw_uint(w, "register_index", o->register_index);
        jw_uint(w, "start_component", o->start_component);
        jw_uint(w, "num_components", o->num_components);
        jw_uint(w, "output_buffer", o->output_buffer);
        jw_uint(w, "dst_offset", o->dst_offset);
        jw_uint(w, "stream", o->stream);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static const char *const mip_filters[] = { "NEAREST", "LINEAR", "NONE" };
static const name_table mip_filter_names = TABLE(mip_filters);

/* Samplers up to the last one with state, each an object. */
static void write_sampler_lod(json_writer *w, const struct t2g_key *key)
{
    unsigned n = T2G_MAX_SAMPLERS;
    while (n > 0 && all_zero((const unsigned char *)&key->sampler_lod[n - 1],
                             sizeof key->sampler_lod[0]))
        n--;
    jw_array_begin(w, "sampler_lod", false);
    for (unsigned i = 0; i < n; i++) {
        const struct t2g_sampler_lod *l = &key->sampler_lod[i];
        jw_object_begin(w, NULL);
        jw_float(w, "bias", l->bias);
        jw_float(w, "min_lod", l->min_lod);
        jw_float(w, "max_lod", l->max_lod);
        write_enum(w, "mip_filter", &mip_filter_names, l->mip_filter);
        jw_uint(w, "levels", l->levels);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void write_array(json_writer *w, const field *f, const unsigned char *p)
{
    size_t es = elem_size(f->kind), row = f->inner ? f->inner * es : es;
    unsigned n = f->count;
    while (n > 0 && all_zero(p + (n - 1) * row, row)) /* trailing zeros are implied */
        n--;
    jw_array_begin(w, f->name, !f->inner);
    for (unsigned i = 0; i < n; i++) {
        if (f->inner) {
            jw_array_begin(w, NULL, true);
            for (unsigned j = 0; j < f->inner; j++)
                write_enum(w, NULL, f->names, get_int(p + i * row + j * es, f->kind));
            jw_array_end(w);
        } else {
            write_enum(w, NULL, f->names, get_int(p + i * es, f->kind));
        }
    }
    jw_array_end(w);
}

void key_write_json(json_writer *w, const struct t2g_key *key)
{
    const unsigned char *base = (const unsigned char *)key;
    jw_object_begin(w, NULL);
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        const field *f = &fields[i];
        const unsigned char *p = base + f->offset;
        switch (f->kind) {
        case K_TARGET: jw_string(w, f->name, t2g_target_name(key->target)); break;
        case K_HOST_FEATURES: write_host_features(w, key->host_features); break;
        case K_VARYINGS: write_varyings(w, f, key); break;
        case K_SO_OUTPUTS: write_so_outputs(w, key); break;
        case K_SAMPLER_LOD: write_sampler_lod(w, key); break;
        case K_BOOL: jw_bool(w, f->name, *(const bool *)p); break;
        default:
            if (f->count)
                write_array(w, f, p);
            else
                write_enum(w, f->name, f->names, get_int(p, f->kind));
        }
    }
    jw_object_end(w);
    jw_finish(w);
}

void key_print_host_feature_names(FILE *out, const char *indent, int width)
{
    int col = 0;
    for (size_t i = 0; i < NUM_HOST_FEATURES; i++) {
        int len = (int)strlen(host_features[i].name);
        if (col && col + 1 + len > width) {
            fputc('\n', out);
            col = 0;
        }
        col += fprintf(out, "%s%s", col ? " " : indent, host_features[i].name);
    }
    fputc('\n', out);
}

/* ---------------------------------------------------------------- reading */

typedef struct reader {
    char *err;
    size_t err_size;
} reader;

__attribute__((format(printf, 3, 4)))
static bool fail(reader *r, const json_value *at, const char *fmt, ...)
{
    int n = snprintf(r->err, r->err_size, "%d:%d: ", at->line, at->col);
    if (n >= 0 && (size_t)n < r->err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static int lookup(const name_table *t, const char *s)
{
    for (unsigned i = 0; t && i < t->n; i++)
        if (t->v[i] && !strcasecmp(t->v[i], s))
            return (int)i;
    return -1;
}

/* A number in [lo, hi], or for an enumeration one of its names. */
static bool read_int(reader *r, const json_value *v, const char *what, const name_table *names,
                     int64_t lo, int64_t hi, int64_t *out)
{
    if (v->type == JSON_STRING && names) {
        int i = lookup(names, v->string);
        if (i < 0)
            return fail(r, v, "%s: unknown name '%s'", what, v->string);
        *out = i;
        return true;
    }
    if (v->type != JSON_NUMBER)
        return fail(r, v, "%s: expected %s, got %s", what, names ? "a name or a number" : "a number",
                    json_type_name(v->type));
    if (!v->is_int || v->integer < lo || v->integer > hi)
        return fail(r, v, "%s: expected an integer from %lld to %lld", what, (long long)lo,
                    (long long)hi);
    *out = v->integer;
    return true;
}

static bool read_scalar(reader *r, const json_value *v, const char *what, enum kind k,
                        const name_table *names, void *p)
{
    int64_t x;
    if (k == K_BOOL) {
        if (v->type != JSON_BOOL)
            return fail(r, v, "%s: expected true or false, got %s", what, json_type_name(v->type));
        *(bool *)p = v->boolean;
        return true;
    }
    int64_t lo = k == K_I32 ? INT32_MIN : 0, hi = k == K_U8 ? UINT8_MAX : k == K_I32 ? INT32_MAX
                                                                                      : UINT32_MAX;
    if (!read_int(r, v, what, names, lo, hi, &x))
        return false;
    set_int(p, k, x);
    return true;
}

static bool expect_array(reader *r, const json_value *v, const char *what, unsigned max)
{
    if (v->type != JSON_ARRAY)
        return fail(r, v, "%s: expected an array, got %s", what, json_type_name(v->type));
    if (v->count > max)
        return fail(r, v, "%s: %zu elements, at most %u", what, v->count, max);
    return true;
}

static bool read_array(reader *r, const json_value *v, const field *f, unsigned char *p)
{
    if (!expect_array(r, v, f->name, f->count))
        return false;
    size_t es = elem_size(f->kind), row = f->inner ? f->inner * es : es;
    memset(p, 0, f->count * row); /* what the file leaves out is 0 */
    for (size_t i = 0; i < v->count; i++) {
        const json_value *e = &v->items[i];
        if (!f->inner) {
            if (!read_scalar(r, e, f->name, f->kind, f->names, p + i * es))
                return false;
            continue;
        }
        if (!expect_array(r, e, f->name, f->inner))
            return false;
        for (size_t j = 0; j < e->count; j++)
            if (!read_scalar(r, &e->items[j], f->name, f->kind, f->names, p + i * row + j * es))
                return false;
    }
    return true;
}

/* Members of a small object, each at most once, none unknown. */
static bool object_members(reader *r, const json_value *v, const char *what,
                           const char *const *names, unsigned n, const json_value **out)
{
    if (v->type != JSON_OBJECT)
        return fail(r, v, "%s: expected an object, got %s", what, json_type_name(v->type));
    memset(out, 0, n * sizeof(*out));
    for (size_t i = 0; i < v->count; i++) {
        unsigned k = 0;
        while (k < n && strcmp(names[k], v->keys[i]) != 0)
            k++;
        if (k == n)
            return fail(r, &v->items[i], "%s: unknown field '%s'", what, v->keys[i]);
        if (out[k])
            return fail(r, &v->items[i], "%s: field '%s' given twice", what, v->keys[i]);
        out[k] = &v->items[i];
    }
    return true;
}

static bool read_varyings(reader *r, const json_value *v, const field *f, struct t2g_key *key)
{
    unsigned char *base = (unsigned char *)key;
    bool *has = (bool *)(base + f->has_offset);
    uint32_t *num = (uint32_t *)(base + f->num_offset);
    struct t2g_varying *out = (struct t2g_varying *)(base + f->offset);
    memset(out, 0, f->count * sizeof(*out));
    *num = 0;
    *has = v->type != JSON_NULL; /* null: nothing known of the neighbouring stage */
    if (!*has)
        return true;
    if (!expect_array(r, v, f->name, f->count))
        return false;
    static const char *const names[] = { "semantic", "semantic_index", "interp", "location" };
    for (size_t i = 0; i < v->count; i++) {
        const json_value *m[4];
        int64_t x[4] = { 0, 0, 0, 0 };
        if (!object_members(r, &v->items[i], f->name, names, 4, m))
            return false;
        const name_table *tables[4] = { &semantics, NULL, &interps, &locations };
        for (int k = 0; k < 4; k++)
            if (m[k] && !read_int(r, m[k], names[k], tables[k], 0, k == 1 ? UINT32_MAX : UINT8_MAX,
                                  &x[k]))
                return false;
        out[i] = (struct t2g_varying){ .semantic = (uint8_t)x[0], .semantic_index = (uint32_t)x[1],
                                       .interp = (uint8_t)x[2], .location = (uint8_t)x[3] };
    }
    *num = (uint32_t)v->count;
    return true;
}

static bool read_so_outputs(reader *r, const json_value *v, struct t2g_key *key)
{
    memset(key->so_outputs, 0, sizeof(key->so_outputs));
    key->num_so_outputs = 0;
    if (!expect_array(r, v, "so_outputs", T2G_MAX_SO_OUTPUTS))
        return false;
    static const char *const names[] = { "register_index", "start_component", "num_components",
                                         "output_buffer", "dst_offset", "stream" };
    for (size_t i = 0; i < v->count; i++) {
        const json_value *m[6];
        int64_t x[6] = { 0 };
        if (!object_members(r, &v->items[i], "so_outputs", names, 6, m))
            return false;
        for (int k = 0; k < 6; k++)
            if (m[k] && !read_int(r, m[k], names[k], NULL, 0, k == 4 ? UINT16_MAX : UINT8_MAX, &x[k]))
                return false;
        key->so_outputs[i] = (struct t2g_stream_output){
            .register_index = (uint8_t)x[0], .start_component = (uint8_t)x[1],
            .num_components = (uint8_t)x[2], .output_buffer = (uint8_t)x[3],
            .dst_offset = (uint16_t)x[4], .stream = (uint8_t)x[5] };
    }
    key->num_so_outputs = (uint32_t)v->count;
    return true;
}

static bool read_sampler_lod(reader *r, const json_value *v, struct t2g_key *key)
{
    memset(key->sampler_lod, 0, sizeof(key->sampler_lod));
    if (!expect_array(r, v, "sampler_lod", T2G_MAX_SAMPLERS))
        return false;
    static const char *const names[] = { "bias", "min_lod", "max_lod", "mip_filter", "levels" };
    for (size_t i = 0; i < v->count; i++) {
        const json_value *m[5];
        if (!object_members(r, &v->items[i], "sampler_lod", names, 5, m))
            return false;
        float f[3] = { 0, 0, 0 };
        for (int k = 0; k < 3; k++) {
            if (m[k] && m[k]->type != JSON_NUMBER)
                return fail(r, m[k], "%s: expected a number", names[k]);
            if (m[k])
                f[k] = (float)m[k]->number;
        }
        int64_t filter = 0, levels = 0;
        if ((m[3] && !read_int(r, m[3], names[3], &mip_filter_names, 0, 2, &filter)) ||
            (m[4] && !read_int(r, m[4], names[4], NULL, 0, UINT8_MAX, &levels)))
            return false;
        key->sampler_lod[i] = (struct t2g_sampler_lod){
            .bias = f[0], .min_lod = f[1], .max_lod = f[2], .mip_filter = (uint8_t)filter,
            .levels = (uint8_t)levels };
    }
    return true;
}

static bool read_host_features(reader *r, const json_value *v, uint32_t *out)
{
    if (v->type == JSON_NUMBER) {
        int64_t x;
        if (!read_int(r, v, "host_features", NULL, 0, UINT32_MAX, &x))
            return false;
        *out = (uint32_t)x;
        return true;
    }
    if (!expect_array(r, v, "host_features", 64))
        return false;
    uint32_t bits = 0;
    for (size_t i = 0; i < v->count; i++) {
        const json_value *e = &v->items[i];
        if (e->type == JSON_STRING) {
            size_t k = 0;
            while (k < NUM_HOST_FEATURES && strcasecmp(host_features[k].name, e->string) != 0)
                k++;
            if (k == NUM_HOST_FEATURES)
                return fail(r, e, "host_features: unknown feature '%s'", e->string);
            bits |= host_features[k].bit;
        } else {
            int64_t x;
            if (!read_int(r, e, "host_features", NULL, 0, UINT32_MAX, &x))
                return false;
            bits |= (uint32_t)x;
        }
    }
    *out = bits;
    return true;
}

int key_json_target(const json_value *doc, char *err, size_t err_size)
{
    reader r = { err, err_size };
    if (doc->type != JSON_OBJECT) {
        fail(&r, doc, "the key must be a JSON object, got %s", json_type_name(doc->type));
        return -2;
    }
    for (size_t i = 0; i < doc->count; i++) {
        if (strcmp(doc->keys[i], "target") != 0)
            continue;
        const json_value *v = &doc->items[i];
        int t = v->type == JSON_STRING ? t2g_target_lookup(v->string) : -1;
        if (t < 0) {
            fail(&r, v, "target: expected one of the target names (see --help)");
            return -2;
        }
        return t;
    }
    return -1;
}

bool key_apply_json(const json_value *doc, struct t2g_key *key, char *err, size_t err_size)
{
    reader r = { err, err_size };
    if (doc->type != JSON_OBJECT)
        return fail(&r, doc, "the key must be a JSON object, got %s", json_type_name(doc->type));
    enum { NUM_FIELDS = sizeof(fields) / sizeof(fields[0]) };
    bool seen[NUM_FIELDS] = { false };
    unsigned char *base = (unsigned char *)key;
    for (size_t i = 0; i < doc->count; i++) {
        const json_value *v = &doc->items[i];
        size_t k = 0;
        while (k < NUM_FIELDS && strcmp(fields[k].name, doc->keys[i]) != 0)
            k++;
        if (k == NUM_FIELDS)
            return fail(&r, v, "unknown key field '%s'", doc->keys[i]);
        if (seen[k])
            return fail(&r, v, "field '%s' given twice", doc->keys[i]);
        seen[k] = true;
        const field *f = &fields[k];
        bool ok;
        switch (f->kind) {
        case K_TARGET: {
            int t = v->type == JSON_STRING ? t2g_target_lookup(v->string) : -1;
            ok = t >= 0 || fail(&r, v, "target: expected one of the target names (see --help)");
            if (ok)
                key->target = (enum t2g_target)t;
            break;
        }
        case K_HOST_FEATURES: ok = read_host_features(&r, v, &key->host_features); break;
        case K_VARYINGS: ok = read_varyings(&r, v, f, key); break;
        case K_SO_OUTPUTS: ok = read_so_outputs(&r, v, key); break;
        case K_SAMPLER_LOD: ok = read_sampler_lod(&r, v, key); break;
        default:
            ok = f->count ? read_array(&r, v, f, base + f->offset)
                          : read_scalar(&r, v, f->name, f->kind, f->names, base + f->offset);
        }
        if (!ok)
            return false;
    }
    return true;
}
