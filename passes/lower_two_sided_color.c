/* Two-sided colour: on back faces a fragment shader's COLOR[i] input reads BCOLOR[i] (which
 * the previous stage writes), chosen by the FACE input. */
#include "lower.h"

bool lower_two_sided_color(ir_shader *s, const struct t2g_key *key)
{
    if (s->stage != T2G_STAGE_FRAGMENT || !key->two_sided_color)
        return false;
    ir_instr **loads;
    unsigned n = lower_collect_instrs(s, IR_OP_LOAD_VAR, &loads);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *ld = loads[i];
        ir_var *v = ld->u.access.var;
        if (v->kind != IR_VAR_INPUT || v->semantic != T2G_SEMANTIC_COLOR || v->semantic_index > 1)
            continue;
        ir_var *back = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_BCOLOR, v->semantic_index);
        ir_var *face = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_FACE, 0);
        back->interp = v->interp;
        back->interp_location = v->interp_location;
        back->type = v->type;
        ir_builder b;
        lower_builder_after(&b, s, ld);
        ir_instr *bc = ir_build_load_var(&b, back, ld->u.access.index, ir_src_none(), 0, ir_src_none());
        ir_src f = ir_src_swizzle(ir_build_load_var(&b, face, 0, ir_src_none(), 0, ir_src_none()), 0, 0, 0, 0);
        if (face->type.base != IR_F32)
            f = ir_src_for(ir_build_bitcast(&b, IR_F32, f, 1));
        /* TGSI's FACE is positive for front faces. */
        ir_instr *front = ir_build_alu2(&b, IR_OP_LT, ir_type_make(IR_BOOL, 1),
                                        ir_src_for(ir_build_const_f32(&b, 0.0f)), f);
        ir_instr *sel = ir_build_alu3(&b, IR_OP_SELECT, ld->type, ir_src_for(front),
                                      ir_src_for(ld), ir_src_for(bc));
        lower_replace_uses_after_rewrite(s, ld, ir_src_for(sel));
        progress = true;
    }
    return progress;
}
