/* User clip planes: gl_ClipDistance[i] = dot(clip vertex, driver.clip_planes[i]) for every
 * enabled plane, written where the vertex is final: before each EmitVertex in a geometry
 * shader, at the exit of a vertex or tessellation evaluation shader. */
#include "lower.h"

typedef struct clip_planes {
    ir_shader *s;
    ir_var *src, *dist[2];
    unsigned enable;
} clip_planes;

static void write_distances(ir_builder *b, const ir_instr *at_emit, void *ctx)
{
    const clip_planes *cp = ctx;
    ir_shader *s = cp->s;
    ir_var *src = cp->src;
    unsigned enable = cp->enable;
    ir_instr *v = ir_build_load_var(b, src, 0, ir_src_none(), 0, ir_src_none());
    ir_src pos = ir_src_for(v);
    if (src->type.base != IR_F32)
        pos = ir_src_for(ir_build_bitcast(b, IR_F32, pos, src->type.comps));
    for (unsigned group = 0; group < 2; group++) {
        unsigned mask = (enable >> (group * 4)) & 0xf;
        if (!mask)
            continue;
        ir_src comps[4];
        for (unsigned c = 0; c < 4; c++) {
            if (mask & (1u << c)) {
                ir_instr *plane = lower_load_driver(b, s, DRIVER_SLOT_CLIP_PLANES + group * 4 + c);
                comps[c] = ir_src_for(ir_build_dot(b, IR_F32, pos, ir_src_for(plane), 4));
            } else {
                comps[c] = ir_src_for(ir_build_const_f32(b, 0.0f));
            }
        }
        ir_instr *value = ir_build_vec(b, ir_type_make(IR_F32, 4), comps, 4);
        ir_build_store_var(b, cp->dist[group], 0, ir_src_none(), 0, ir_src_none(), ir_src_for(value),
                           (uint8_t)mask);
    }
}

bool lower_clip_planes(ir_shader *s, const struct t2g_key *key)
{
    unsigned enable = key->clip_plane_enable;
    if (!enable || !lower_emits_vertices(s))
        return false;
    /* A shader that writes its own distances already does what the planes would. */
    if (lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_CLIPDIST, 0))
        return false;
    ir_var *src = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_CLIPVERTEX, 0);
    if (!src)
        src = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_POSITION, 0);
    if (!src)
        return false;
    clip_planes cp = { s, src, { NULL, NULL }, enable };
    for (unsigned group = 0; group < 2; group++) {
        unsigned mask = (enable >> (group * 4)) & 0xf;
        if (!mask)
            continue;
        cp.dist[group] = lower_get_io_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_CLIPDIST, group);
        cp.dist[group]->usage_mask = (uint8_t)mask;
        cp.dist[group]->interp = T2G_INTERP_PERSPECTIVE;
    }
    lower_at_vertex_end(s, write_distances, &cp);
    return true;
}
