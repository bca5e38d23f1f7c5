/* Rendering with a y-inverted viewport (gallium's negative viewport scale, which GL's
 * glViewport cannot express): the last vertex stage negates gl_Position.y where the vertex
 * is final, and the renderer sets the viewport with the scale's magnitude.  Runs after the
 * clip planes, which are dotted with the guest's own clip-space position. */
#include "lower.h"

static void negate_y(ir_builder *b, const ir_instr *at_emit, void *ctx)
{
    ir_var *pos = ctx;
    ir_instr *v = ir_build_load_var(b, pos, 0, ir_src_none(), 0, ir_src_none());
    ir_src p = ir_src_for(v);
    if (pos->type.base != IR_F32)
        p = ir_src_for(ir_build_bitcast(b, IR_F32, p, pos->type.comps));
    ir_src neg = ir_src_for(ir_build_alu1(b, IR_OP_NEG, ir_type_make(IR_F32, pos->type.comps), p));
    if (pos->type.base != IR_F32)
        neg = ir_src_for(ir_build_bitcast(b, (ir_base)pos->type.base, neg, pos->type.comps));
    ir_build_store_var(b, pos, 0, ir_src_none(), 0, ir_src_none(), neg, 0x2);
}

bool lower_flip_y(ir_shader *s, const struct t2g_key *key)
{
    if (!key->flip_y_in_vertex || !lower_emits_vertices(s))
        return false;
    ir_var *pos = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_POSITION, 0);
    if (!pos || pos->type.comps < 2)
        return false;
    return lower_at_vertex_end(s, negate_y, pos) > 0;
}
