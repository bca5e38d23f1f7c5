/* Point sprites: texture coordinates the rasterizer replaces with the point coordinate.  The
 * host's gl_PointCoord has its origin upper-left; a lower-left guest gets y = 1 - y.  The
 * shader's own reads of the point coordinate (PCOORD) get the same where the key says the
 * host's origin is not the guest's (point_coord_y_flip: a host that cannot move it). */
#include "lower.h"

bool lower_sprite_coord(ir_shader *s, const struct t2g_key *key)
{
    if (s->stage != T2G_STAGE_FRAGMENT ||
        (!key->sprite_coord_enable && !key->point_coord_y_flip))
        return false;
    unsigned semantic = key->sprite_coord_generic ? T2G_SEMANTIC_GENERIC : T2G_SEMANTIC_TEXCOORD;
    ir_instr **loads;
    unsigned n = lower_collect_instrs(s, IR_OP_LOAD_VAR, &loads);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *ld = loads[i];
        ir_var *v = ld->u.access.var;
        bool pcoord = v->kind == IR_VAR_INPUT && v->semantic == T2G_SEMANTIC_PCOORD &&
                      key->point_coord_y_flip;
        bool replaced = v->kind == IR_VAR_INPUT && v->semantic == semantic &&
                        v->semantic_index < 8 &&
                        (key->sprite_coord_enable & (1u << v->semantic_index));
        if (!pcoord && !replaced)
            continue;
        ir_var *pc = pcoord ? v : lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_PCOORD, 0);
        ir_builder b;
        ir_builder_init(&b, s);
        ir_builder_before(&b, ld);
        ir_src p = ir_src_for(ir_build_load_var(&b, pc, 0, ir_src_none(), 0, ir_src_none()));
        if (pc->type.base != IR_F32)
            p = ir_src_for(ir_build_bitcast(&b, IR_F32, p, pc->type.comps));
        ir_src x = ir_src_compose(p, (uint8_t[4]){ 0, 0, 0, 0 });
        ir_src y = ir_src_compose(p, (uint8_t[4]){ 1, 1, 1, 1 });
        const ir_type f1 = ir_type_make(IR_F32, 1);
        if (pcoord || !key->sprite_coord_upper_left)
            y = ir_src_for(ir_build_alu2(&b, IR_OP_SUB, f1, ir_src_for(ir_build_const_f32(&b, 1.0f)), y));
        ir_src comps[4] = { x, y, ir_src_for(ir_build_const_f32(&b, 0.0f)),
                            ir_src_for(ir_build_const_f32(&b, 1.0f)) };
        ir_src value = ir_src_for(ir_build_vec(&b, ir_type_make(IR_F32, 4), comps, 4));
        if (ld->type.base != IR_F32)
            value = ir_src_for(ir_build_bitcast(&b, (ir_base)ld->type.base, value, 4));
        ir_replace_uses(s, ld, value);
        ir_instr_remove(ld);
        progress = true;
    }
    return progress;
}
