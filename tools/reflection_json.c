/* struct t2g_reflection as JSON (--reflect): stage, inputs and outputs, resources by class
 * with names and bindings, and the stage's properties, named as in the struct. */
#include "cli_json.h"

#include <string.h>

#include "frontend/tgsi.h"

static const char *const stage_names[T2G_STAGE_COUNT] = {
    "vertex", "fragment", "geometry", "tess_ctrl", "tess_eval", "compute"
};
static const char *const varying_type_names[] = { "float", "int", "uint" };

/* A char[T2G_NAME_MAX] of the reflection, terminated or not. */
static void write_fixed(json_writer *w, const char *key, const char *s)
{
    char buf[T2G_NAME_MAX + 1];
    memcpy(buf, s, T2G_NAME_MAX);
    buf[T2G_NAME_MAX] = 0;
    jw_string(w, key, buf);
}

/* A name from a table, or the number when the table has none for it. */
static void write_name(json_writer *w, const char *key, const char *const *names, unsigned n,
                       unsigned v)
{
    if (v < n && names[v])
        jw_string(w, key, names[v]);
    else
        jw_uint(w, key, v);
}

static void write_io(json_writer *w, const char *key, const struct t2g_io *io, uint32_t n)
{
    jw_array_begin(w, key, false);
    for (uint32_t i = 0; i < n && i < T2G_MAX_IO; i++) {
        const struct t2g_io *v = &io[i];
        jw_object_begin(w, NULL);
        write_fixed(w, "name", v->name);
        write_name(w, "semantic", tgsi_semantic_names, TGSI_SEMANTIC_COUNT, v->semantic);
        jw_uint(w, "semantic_index", v->semantic_index);
        jw_uint(w, "usage_mask", v->usage_mask);
        write_name(w, "interp", tgsi_interpolate_names, TGSI_INTERPOLATE_COUNT, v->interp);
        write_name(w, "interp_location", tgsi_interp_location_names, TGSI_INTERPOLATE_LOC_COUNT,
                   v->interp_location);
        jw_bool(w, "patch", v->patch);
        jw_bool(w, "builtin", v->builtin);
        jw_int(w, "location", v->location);
        jw_bool(w, "location_in_source", v->location_in_source);
        write_name(w, "type", varying_type_names, 3, v->type);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void write_resources(json_writer *w, const char *key, const struct t2g_reflection *r,
                            enum t2g_resource_kind kind)
{
    jw_array_begin(w, key, false);
    for (uint32_t i = 0; i < r->num_resources && i < T2G_MAX_RESOURCES; i++) {
        const struct t2g_resource *res = &r->resources[i];
        if (res->kind != kind)
            continue;
        jw_object_begin(w, NULL);
        write_fixed(w, "name", res->name);
        jw_uint(w, "tgsi_index", res->tgsi_index);
        jw_uint(w, "binding", res->binding);
        jw_bool(w, "binding_in_source", res->binding_in_source);
        if (kind == T2G_RES_SAMPLER || kind == T2G_RES_IMAGE) {
            write_name(w, "texture", tgsi_texture_names, TGSI_TEXTURE_COUNT, res->texture);
            write_name(w, "host_texture", tgsi_texture_names, TGSI_TEXTURE_COUNT, res->host_texture);
            write_name(w, "return_type", tgsi_return_type_names, TGSI_RETURN_COUNT,
                       res->return_type);
        }
        if (kind == T2G_RES_SAMPLER) {
            jw_bool(w, "shadow", res->shadow);
            jw_bool(w, "queries_levels", res->queries_levels);
            if (res->flags & T2G_RES_COMPARE_IN_SHADER)
                jw_bool(w, "compare_in_shader", true);
            if (res->flags & T2G_RES_QUERIES_SAMPLES)
                jw_bool(w, "queries_samples", true);
        }
        if (kind == T2G_RES_IMAGE || kind == T2G_RES_SSBO)
            jw_bool(w, "writable", res->writable);
        if (kind == T2G_RES_UBO || kind == T2G_RES_SSBO || kind == T2G_RES_ATOMIC)
            jw_uint(w, "size", res->size);
        jw_object_end(w);
    }
    jw_array_end(w);
}

static void write_prim(json_writer *w, const char *key, uint32_t v)
{
    write_name(w, key, tgsi_prim_names, TGSI_PRIM_COUNT, v);
}

/* The properties of the reflection's stage only: the others are zero and would read as
 * values (0 is POINTS). */
static void write_properties(json_writer *w, const struct t2g_reflection *r)
{
    jw_object_begin(w, "properties");
    switch (r->stage) {
    case T2G_STAGE_FRAGMENT:
        jw_bool(w, "writes_depth", r->writes_depth);
        jw_bool(w, "writes_stencil", r->writes_stencil);
        jw_bool(w, "writes_sample_mask", r->writes_sample_mask);
        jw_bool(w, "uses_discard", r->uses_discard);
        jw_uint(w, "fs_color0_writes_all_cbufs", r->fs_color0_writes_all_cbufs);
        if (r->fs_blend_support)
            jw_uint(w, "fs_blend_support", r->fs_blend_support);
        break;
    case T2G_STAGE_GEOMETRY:
        jw_uint(w, "gs_max_vertices", r->gs_max_vertices);
        jw_uint(w, "gs_invocations", r->gs_invocations);
        write_prim(w, "gs_input_prim", r->gs_input_prim);
        write_prim(w, "gs_output_prim", r->gs_output_prim);
        break;
    case T2G_STAGE_TESS_CTRL:
        jw_uint(w, "tcs_vertices_out", r->tcs_vertices_out);
        break;
    case T2G_STAGE_TESS_EVAL:
        write_prim(w, "tes_prim_mode", r->tes_prim_mode);
        write_name(w, "tes_spacing", tgsi_tess_spacing_names, 3, r->tes_spacing);
        jw_bool(w, "tes_cw", r->tes_cw);
        jw_bool(w, "tes_point_mode", r->tes_point_mode);
        break;
    case T2G_STAGE_COMPUTE:
        jw_array_begin(w, "cs_block", true);
        for (int i = 0; i < 3; i++)
            jw_uint(w, NULL, r->cs_block[i]);
        jw_array_end(w);
        jw_uint(w, "shared_memory_bytes", r->shared_memory_bytes);
        break;
    default:
        break;
    }
    if (r->stage != T2G_STAGE_FRAGMENT && r->stage != T2G_STAGE_COMPUTE) {
        jw_uint(w, "num_clip_distances", r->num_clip_distances);
        jw_uint(w, "num_cull_distances", r->num_cull_distances);
    }
    if (r->writes_edge_flag)
        jw_bool(w, "writes_edge_flag", true);
    jw_object_end(w);
}

void reflection_write_json(json_writer *w, const struct t2g_reflection *r)
{
    jw_object_begin(w, NULL);
    write_name(w, "stage", stage_names, T2G_STAGE_COUNT, r->stage);
    write_io(w, "inputs", r->inputs, r->num_inputs);
    write_io(w, "outputs", r->outputs, r->num_outputs);
    write_resources(w, "uniform_blocks", r, T2G_RES_UBO);
    write_resources(w, "storage_blocks", r, T2G_RES_SSBO);
    write_resources(w, "samplers", r, T2G_RES_SAMPLER);
    write_resources(w, "images", r, T2G_RES_IMAGE);
    write_resources(w, "atomic_buffers", r, T2G_RES_ATOMIC);
    jw_bool(w, "uses_driver_ubo", r->uses_driver_ubo);
    if (r->uses_driver_ubo) {
        write_fixed(w, "driver_ubo_name", r->driver_ubo_name);
        jw_uint(w, "driver_uniform_slots", r->driver_uniform_slots);
    }
    write_properties(w, r);
    if (r->num_so_varyings || r->so_unsupported) {
        jw_object_begin(w, "transform_feedback");
        jw_array_begin(w, "so_varyings", false);
        for (uint32_t i = 0; i < r->num_so_varyings && i < T2G_MAX_SO_VARYINGS; i++)
            write_fixed(w, NULL, r->so_varyings[i]);
        jw_array_end(w);
        jw_bool(w, "so_separate", r->so_separate);
        jw_bool(w, "so_unsupported", r->so_unsupported);
        jw_object_end(w);
    }
    jw_object_end(w);
    jw_finish(w);
}
