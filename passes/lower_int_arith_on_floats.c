/* Integer additions and multiplications of floats in a shader whose integers are floats.  A
 * guest without native integers (an ES 2.0 host: GLSL level 120) lowers its integer
 * arithmetic to float arithmetic, but Mesa 22.3 computes some array indices after that
 * lowering: a mat3 varying array's column at a uniform index is UMUL index, 3 then UADD 1,
 * where the index is a float and the constants are integers (IMM FLT32 {0x3, 0x1}).  Read as
 * bits, the float's bits times 3 point nowhere.  Such an operation is what its float
 * counterpart means, with each integer constant made the float of its value.
 *
 * Only operations that take a float's bits (a bit cast from a float, or an earlier such
 * operation) are rewritten: the translator's own integer arithmetic on addresses starts from
 * converted values (ARL's floor), which stay integers. */
#include "lower.h"

#include <string.h>

enum { FLOAT_MEANT = 1 };

static bool is_int_arith(const ir_instr *in)
{
    return (in->op == IR_OP_ADD || in->op == IR_OP_MUL || in->op == IR_OP_MAD) &&
           (in->type.base == IR_I32 || in->type.base == IR_U32);
}

static bool carries_float_bits(ir_src s)
{
    if (!s.def)
        return false;
    if (s.def->pass_data == FLOAT_MEANT)
        return true;
    return s.def->op == IR_OP_BITCAST && s.def->srcs[0].def &&
           s.def->srcs[0].def->type.base == IR_F32;
}

/* A constant operand as floats: integer bit patterns (those that as floats would be
 * denormals, NaNs or negative infinity) become the float of their value; other bits are
 * already a float's. */
static ir_instr *float_const(ir_builder *b, ir_src s, unsigned comps)
{
    uint32_t words[4];
    for (unsigned c = 0; c < comps; c++) {
        uint32_t bits = (uint32_t)ir_src_const_bits(s, c);
        float f;
        if (bits < 0x00800000u || bits >= 0xff800000u) {
            f = (float)(int32_t)bits;
            memcpy(&words[c], &f, sizeof f);
        } else {
            words[c] = bits;
        }
    }
    return ir_build_const(b, ir_type_make(IR_F32, comps), words);
}

typedef struct {
    ir_shader *s;
    bool progress;
} arith_ctx;

static void lower_block(ir_block *blk, void *data)
{
    arith_ctx *c = data;
    IR_FOREACH_INSTR(blk, in) {
        if (!is_int_arith(in))
            continue;
        bool from_float = false;
        for (unsigned i = 0; i < in->num_srcs; i++)
            from_float |= carries_float_bits(in->srcs[i]);
        if (!from_float)
            continue;
        unsigned comps = in->type.comps;
        ir_type f = ir_type_make(IR_F32, comps);
        ir_builder b;
        lower_builder_after(&b, c->s, in);
        ir_src fs[3];
        for (unsigned i = 0; i < in->num_srcs && i < 3; i++)
            fs[i] = ir_src_for(ir_src_is_const(in->srcs[i])
                                   ? float_const(&b, in->srcs[i], comps)
                                   : ir_build_bitcast(&b, IR_F32, in->srcs[i], comps));
        ir_instr *r = in->op == IR_OP_MAD ? ir_build_alu3(&b, IR_OP_MAD, f, fs[0], fs[1], fs[2])
                                          : ir_build_alu2(&b, (enum ir_op)in->op, f, fs[0], fs[1]);
        ir_instr *back = ir_build_bitcast(&b, (ir_base)in->type.base, ir_src_for(r), comps);
        back->pass_data = FLOAT_MEANT;
        ir_replace_uses(c->s, in, ir_src_for(back));
        c->progress = true;
    }
}

static void clear_block(ir_block *blk, void *data)
{
    (void)data;
    IR_FOREACH_INSTR(blk, in)
        in->pass_data = 0;
}

bool lower_int_arith_on_floats(ir_shader *s)
{
    arith_ctx c = { s, false };
    ir_foreach_block(&s->body, clear_block, NULL);
    ir_foreach_block(&s->body, lower_block, &c);
    return c.progress;
}
