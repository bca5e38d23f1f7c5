/* Alpha test: the guest's fixed-function alpha test, done at the fragment shader's exit by
 * comparing colour 0's alpha with driver.alpha_ref and discarding on failure. */
#include "lower.h"

bool lower_alpha_test(ir_shader *s, const struct t2g_key *key)
{
    if (s->stage != T2G_STAGE_FRAGMENT || !key->alpha_test || key->alpha_func == T2G_ALWAYS)
        return false;
    ir_var *color = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0);
    if (!color)
        return false;
    ir_builder b;
    lower_builder_at_exit(&b, s);
    const ir_type cmp = ir_type_make(IR_BOOL, 1);
    ir_src alpha = ir_src_swizzle(ir_build_load_var(&b, color, 0, ir_src_none(), 0, ir_src_none()), 3, 3, 3, 3);
    ir_src ref = ir_src_swizzle(lower_load_driver(&b, s, DRIVER_SLOT_MISC), 0, 0, 0, 0);
    if (color->type.base != IR_F32)
        alpha = ir_src_for(ir_build_bitcast(&b, IR_F32, alpha, 1));
    ir_instr *fail;
    /* Each case computes "the test fails", so a NaN alpha fails the ordered comparisons
     * the way GL's alpha test does. */
    switch (key->alpha_func) {
    case T2G_LESS: fail = ir_build_alu2(&b, IR_OP_GE, cmp, alpha, ref); break;
    case T2G_EQUAL: fail = ir_build_alu2(&b, IR_OP_NE, cmp, alpha, ref); break;
    case T2G_LEQUAL: fail = ir_build_alu2(&b, IR_OP_LT, cmp, ref, alpha); break;
    case T2G_GREATER: fail = ir_build_alu2(&b, IR_OP_GE, cmp, ref, alpha); break;
    case T2G_NOTEQUAL: fail = ir_build_alu2(&b, IR_OP_EQ, cmp, alpha, ref); break;
    case T2G_GEQUAL: fail = ir_build_alu2(&b, IR_OP_LT, cmp, alpha, ref); break;
    default: { /* NEVER */
        uint32_t t = 1;
        fail = ir_build_const(&b, cmp, &t);
        break;
    }
    }
    lower_build_discard_if(&b, ir_src_for(fail));
    return true;
}
