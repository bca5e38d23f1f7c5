/* User clip planes: gl_ClipDistance[i] = dot(clip vertex, driver.clip_planes[i]) for every
 * enabled plane, written where the vertex is final: before each EmitVertex in a geometry
 * shader, at the exit of a vertex or tessellation evaluation shader. */
#include "lower.h"

static void write_distances(ir_builder *b, ir_shader *s, ir_var *src, ir_var *dist[2],
                            unsigned enable)
{
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
        ir_build_store_var(b, dist[group], 0, ir_src_none(), 0, ir_src_none(), ir_src_for(value),
                           (uint8_t)mask);
    }
}

bool lower_clip_planes(ir_shader *s, const struct t2g_key *key)
{
    unsigned enable = key->clip_plane_enable;
    if (!enable || (s->stage != TGSI_PROCESSOR_VERTEX && s->stage != TGSI_PROCESSOR_GEOMETRY &&
                    s->stage != TGSI_PROCESSOR_TESS_EVAL))
        return false;
    /* A shader that writes its own distances already does what the planes would. */
    if (lower_find_var(s, IR_VAR_OUTPUT, TGSI_SEMANTIC_CLIPDIST, 0))
        return false;
    ir_var *src = lower_find_var(s, IR_VAR_OUTPUT, TGSI_SEMANTIC_CLIPVERTEX, 0);
    if (!src)
        src = lower_find_var(s, IR_VAR_OUTPUT, TGSI_SEMANTIC_POSITION, 0);
    if (!src)
        return false;
    ir_var *dist[2] = { NULL, NULL };
    for (unsigned group = 0; group < 2; group++) {
        unsigned mask = (enable >> (group * 4)) & 0xf;
        if (!mask)
            continue;
        dist[group] = lower_get_io_var(s, IR_VAR_OUTPUT, TGSI_SEMANTIC_CLIPDIST, group);
        dist[group]->usage_mask = (uint8_t)mask;
        dist[group]->interp = TGSI_INTERPOLATE_PERSPECTIVE;
    }
    ir_builder b;
    if (s->stage == TGSI_PROCESSOR_GEOMETRY) {
        ir_instr **emits;
        unsigned n = lower_collect_instrs(s, IR_OP_EMIT, &emits);
        for (unsigned i = 0; i < n; i++) {
            ir_builder_init(&b, s);
            ir_builder_before(&b, emits[i]);
            write_distances(&b, s, src, dist, enable);
        }
    } else {
        lower_builder_at_exit(&b, s);
        write_distances(&b, s, src, dist, enable);
    }
    return true;
}
