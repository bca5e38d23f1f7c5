/* Key-driven lowerings: each emulates one piece of pipeline state the guest driver leaves to
 * the host, by rewriting the IR before optimization.  Each returns whether it changed the
 * shader.  lower_for_key() runs the ones the key asks for, in a fixed order. */
#ifndef LOWER_H
#define LOWER_H

#include <stdbool.h>

#include "ir/ir.h"
#include "tgsi2glsl.h"

bool lower_unlinked_inputs(ir_shader *s, const struct t2g_key *key);
bool lower_two_sided_color(ir_shader *s, const struct t2g_key *key);
bool lower_sprite_coord(ir_shader *s, const struct t2g_key *key);
bool lower_flatshade(ir_shader *s, const struct t2g_key *key);
bool lower_polygon_stipple(ir_shader *s, const struct t2g_key *key);
bool lower_alpha_test(ir_shader *s, const struct t2g_key *key);
bool lower_clip_planes(ir_shader *s, const struct t2g_key *key);
bool lower_flip_y(ir_shader *s, const struct t2g_key *key);
bool lower_point_size(ir_shader *s, const struct t2g_key *key);
bool lower_depth_offset(ir_shader *s, const struct t2g_key *key);
bool lower_fs_output_swizzle(ir_shader *s, const struct t2g_key *key);
bool lower_logic_op(ir_shader *s, const struct t2g_key *key);
bool lower_stream_output(ir_shader *s, const struct t2g_key *key);
bool lower_noperspective(ir_shader *s, const struct t2g_key *key);
bool lower_shadow_swizzle(ir_shader *s, const struct t2g_key *key);
bool lower_shadow_compare(ir_shader *s, const struct t2g_key *key);
bool lower_query_levels(ir_shader *s, const struct t2g_key *key);
bool lower_query_lod(ir_shader *s, const struct t2g_key *key);
bool lower_lod_bias(ir_shader *s, const struct t2g_key *key);
bool lower_int_shifts_on_floats(ir_shader *s);
bool lower_int_arith_on_floats(ir_shader *s);
bool lower_srgb_decode(ir_shader *s, const struct t2g_key *key);
bool lower_sampler_swizzle(ir_shader *s, const struct t2g_key *key);
bool lower_gl_clamp(ir_shader *s, const struct t2g_key *key);

/* What the library tells the lowerings beyond the key: facts of the dialect it chose. */
typedef struct lower_options {
    bool validate_each;       /* run the validator after each lowering that changed the IR */
    bool no_noperspective;    /* the dialect has no noperspective: lower_noperspective runs */
    bool ints_are_floats;     /* the guest lowered integers to floats (GLSL ES 1.00 hosts):
                               * lower_int_shifts_on_floats and
                               * lower_int_arith_on_floats run */
    bool fragcoord_origin;    /* the dialect can declare gl_FragCoord's origin (GLSL 1.50+):
                               * lower_fragcoord flips y through the declaration */
} lower_options;

bool lower_fragcoord(ir_shader *s, const struct t2g_key *key, const lower_options *opts);

/* Runs every lowering the key enables; validates after each when asked.  False when the IR
 * failed validation (the diagnostics say which lowering broke it). */
bool lower_for_key(ir_shader *s, const struct t2g_key *key, const lower_options *opts);

/* ---- shared by the lowerings (lower_util.c) */

/* Slots (vec4) of struct t2g_driver_uniforms in the driver uniform block. */
enum {
    DRIVER_SLOT_CLIP_PLANES = 0,   /* 8 slots */
    DRIVER_SLOT_STIPPLE = 8,       /* 8 slots of 4 uint rows */
    DRIVER_SLOT_MISC = 16,         /* alpha_ref, point_size, fragcoord_y[2] */
    DRIVER_SLOT_VIEWPORT = 17,     /* viewport_size[2], depth_offset, pad */
    DRIVER_SLOTS = 18,
};

ir_var *lower_find_var(ir_shader *s, ir_var_kind kind, unsigned semantic, uint32_t index);
/* Finds the variable or creates a vec4 f32 one for a semantic. */
ir_var *lower_get_io_var(ir_shader *s, ir_var_kind kind, unsigned semantic, uint32_t index);
ir_var *lower_get_driver_var(ir_shader *s);
/* Loads a driver uniform slot (vec4 f32) at the builder's position. */
ir_instr *lower_load_driver(ir_builder *b, ir_shader *s, unsigned slot);
/* Loads the struct t2g_driver_sampler_lod of sampler slot n in this shader's stage. */
ir_instr *lower_load_driver_sampler_lod(ir_builder *b, ir_shader *s, uint32_t sampler);
/* Positions the builder at the end of the shader body, after everything the program does
 * on its normal exit path. */
void lower_builder_at_exit(ir_builder *b, ir_shader *s);
/* Positions the builder before the first instruction of the shader. */
void lower_builder_at_entry(ir_builder *b, ir_shader *s);
/* Positions the builder right after an instruction. */
void lower_builder_after(ir_builder *b, ir_shader *s, ir_instr *in);
/* Replaces the uses of `old` by `with` (identity swizzle), except in the instructions just
 * built right after `old` up to `with` itself: the rewrite that reads `old`. */
void lower_replace_uses_after_rewrite(ir_shader *s, ir_instr *old, ir_src with);
/* Every instruction with the given op, in program order, in an arena array; the count. */
unsigned lower_collect_instrs(ir_shader *s, enum ir_op op, ir_instr ***out);
/* Whether the stage's vertices can be the rasterizer's (the vertex, tessellation evaluation
 * and geometry stages): the ones the key's vertex-side emulations apply to. */
static inline bool lower_emits_vertices(const ir_shader *s)
{
    return s->stage == T2G_STAGE_VERTEX || s->stage == T2G_STAGE_GEOMETRY ||
           s->stage == T2G_STAGE_TESS_EVAL;
}
/* Calls emit() with a builder where a vertex is final: before each EmitVertex of a geometry
 * shader (`at_emit` is that EMIT), at the exit of another stage (`at_emit` NULL).  Returns
 * how many places that was. */
typedef void (*lower_vertex_end_fn)(ir_builder *b, const ir_instr *at_emit, void *ctx);
unsigned lower_at_vertex_end(ir_shader *s, lower_vertex_end_fn emit, void *ctx);
/* The sampler slot (SAMP[n]) a texture instruction reads: false when it has no sampler
 * or indexes a sampler array at run time. */
bool lower_sampler_slot(const ir_instr *tex, uint32_t *slot);
/* Whether a texture instruction is a lookup that returns colour (not a depth comparison,
 * a gather or a query): what a sampler view's swizzle and sRGB decoding apply to. */
bool lower_is_colour_lookup(const ir_instr *tex);
/* Whether a texture instruction is such a lookup through a sampler slot whose bit is set in
 * mask (a key's per-sampler bits); *slot then holds the slot. */
bool lower_masked_lookup(const ir_instr *tex, uint32_t mask, uint32_t *slot);
/* Spatial coordinate components of a sampling target (1 to 3; 0 for cube maps, buffers and
 * multisample targets, whose coordinates no lowering reshapes). */
unsigned lower_tex_spatial_dims(unsigned texture);
/* The float size of level 0 of the view a lookup reads, its first `dims` components
 * (a rectangle's whole size), built at the builder. */
ir_instr *lower_build_base_size(ir_builder *b, ir_shader *s, const ir_instr *tex, unsigned dims);
/* if (cond) discard; at the builder, leaving the builder after it. */
ir_instr *lower_build_discard_if(ir_builder *b, ir_src cond);

#endif
