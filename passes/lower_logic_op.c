/* The colour logic op where the host has none (GLES has no glLogicOp), through framebuffer
 * fetch: at the fragment shader's exit each colour output bound to a normalized buffer of
 * key.logic_op_bits[i] bits per channel becomes op(source, destination) on the channels as
 * unsigned integers, as GL applies it to fixed-point buffers, and is written back
 * normalized.  The output swizzle has run before, so both sides are in the host's channel
 * order.  key.logic_op is Gallium's PIPE_LOGICOP_* plus one (0: off); COPY changes nothing. */
#include "lower.h"

enum { LOGICOP_COPY = 12 };

/* op(s, d) on uvec4s, Gallium's (and GL's) numbering from CLEAR to SET. */
static ir_instr *logic(ir_builder *b, unsigned op, ir_src s, ir_src d)
{
    ir_type u = ir_type_make(IR_U32, 4);
#define NOT(x) ir_src_for(ir_build_alu1(b, IR_OP_NOT, u, (x)))
#define BIN(o, x, y) ir_build_alu2(b, IR_OP_##o, u, (x), (y))
    switch (op) {
    case 0: return ir_build_const_u32(b, 0);                        /* CLEAR */
    case 1: return ir_build_alu1(b, IR_OP_NOT, u, ir_src_for(BIN(OR, s, d)));   /* NOR */
    case 2: return BIN(AND, NOT(s), d);                             /* AND_INVERTED */
    case 3: return ir_build_alu1(b, IR_OP_NOT, u, s);               /* COPY_INVERTED */
    case 4: return BIN(AND, s, NOT(d));                             /* AND_REVERSE */
    case 5: return ir_build_alu1(b, IR_OP_NOT, u, d);               /* INVERT */
    case 6: return BIN(XOR, s, d);                                  /* XOR */
    case 7: return ir_build_alu1(b, IR_OP_NOT, u, ir_src_for(BIN(AND, s, d)));  /* NAND */
    case 8: return BIN(AND, s, d);                                  /* AND */
    case 9: return ir_build_alu1(b, IR_OP_NOT, u, ir_src_for(BIN(XOR, s, d)));  /* EQUIV */
    case 10: return BIN(OR, d, ir_src_for(ir_build_const_u32(b, 0)));           /* NOOP */
    case 11: return BIN(OR, NOT(s), d);                             /* OR_INVERTED */
    case 13: return BIN(OR, s, NOT(d));                             /* OR_REVERSE */
    case 14: return BIN(OR, s, d);                                  /* OR */
    default: return ir_build_const_u32(b, ~0u);                     /* SET */
    }
#undef NOT
#undef BIN
}

/* uvec4(round(clamp(v, 0, 1) * max)) */
static ir_src to_fixed(ir_builder *b, ir_src v, ir_src max)
{
    ir_type f = ir_type_make(IR_F32, 4);
    ir_instr *c = ir_build_alu2(b, IR_OP_MAX, f, v, ir_src_for(ir_build_const_f32(b, 0.0f)));
    c = ir_build_alu2(b, IR_OP_MIN, f, ir_src_for(c), ir_src_for(ir_build_const_f32(b, 1.0f)));
    c = ir_build_alu2(b, IR_OP_MUL, f, ir_src_for(c), max);
    c = ir_build_alu1(b, IR_OP_ROUND, f, ir_src_for(c));
    return ir_src_for(ir_build_alu1(b, IR_OP_CONVERT, ir_type_make(IR_U32, 4), ir_src_for(c)));
}

bool lower_logic_op(ir_shader *s, const struct t2g_key *key)
{
    unsigned op = key->logic_op ? key->logic_op - 1u : LOGICOP_COPY;
    if (s->stage != T2G_STAGE_FRAGMENT || op == LOGICOP_COPY || op > 15 ||
        !(key->host_features & T2G_HOST_FRAMEBUFFER_FETCH))
        return false;
    bool progress = false;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (v->kind != IR_VAR_OUTPUT || v->semantic != T2G_SEMANTIC_COLOR ||
            v->type.base != IR_F32 || v->type.comps != 4)
            continue;
        uint32_t n = v->array_len ? v->array_len : 1;
        for (uint32_t e = 0; e < n; e++) {
            uint32_t rt = v->semantic_index + e;
            unsigned bits = rt < T2G_MAX_RENDER_TARGETS ? key->logic_op_bits[rt] : 0;
            if (!bits || bits > 16)
                continue;
            ir_builder b;
            lower_builder_at_exit(&b, s);
            ir_type f = ir_type_make(IR_F32, 4), u = ir_type_make(IR_U32, 4);
            uint32_t mask = (1u << bits) - 1;
            ir_src max = ir_src_for(ir_build_const_f32(&b, (float)mask));
            ir_instr *src = ir_build_load_var(&b, v, (int32_t)e, ir_src_none(), 0, ir_src_none());
            ir_instr *dst = ir_instr_create(s, IR_OP_FBFETCH, v->type, 0);
            dst->u.access.var = v;
            dst->u.access.index = (int32_t)e;
            ir_build(&b, dst);
            ir_instr *r = logic(&b, op, to_fixed(&b, ir_src_for(src), max),
                                to_fixed(&b, ir_src_for(dst), max));
            r = ir_build_alu2(&b, IR_OP_AND, u, ir_src_for(r),
                              ir_src_for(ir_build_const_u32(&b, mask)));
            ir_instr *out = ir_build_alu2(&b, IR_OP_DIV, f,
                                          ir_src_for(ir_build_alu1(&b, IR_OP_CONVERT, f,
                                                                   ir_src_for(r))),
                                          max);
            ir_build_store_var(&b, v, (int32_t)e, ir_src_none(), 0, ir_src_none(),
                               ir_src_for(out), 0xf);
            progress = true;
        }
    }
    return progress;
}
