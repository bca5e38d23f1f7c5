/* Shifts in a shader whose integers are floats.  A guest without native integers (an ES 2.0
 * host: GLSL level 120) lowers its integer arithmetic to float arithmetic, but Mesa 22.3
 * leaves the shifts its optimizer made of multiplications by powers of two (a mat2 array's
 * index * 2 becomes index << 1) and only turns their constants into floats: SHL x, 1.0.
 * Read as bits that shifts by 0x3f800000 & 31 = 0.  On such targets every value is a float,
 * so a shift is what the multiplication meant: x << n = x * 2^n, x >> n = floor(x / 2^n). */
#include "lower.h"

/* The count without the translator's AND with 31 (TGSI shifts take the count's low bits). */
static ir_src shift_count(const ir_instr *in)
{
    ir_src c = in->srcs[1];
    if (c.def && c.def->op == IR_OP_AND && c.def->num_srcs == 2 &&
        ir_src_is_const(c.def->srcs[1]) && ir_src_const_bits(c.def->srcs[1], 0) == 31) {
        ir_src v = c.def->srcs[0];
        for (unsigned k = 0; k < 4; k++)
            v.swizzle[k] = c.def->srcs[0].swizzle[c.swizzle[k] & 3];
        return v;
    }
    return c;
}

bool lower_int_shifts_on_floats(ir_shader *s)
{
    ir_instr **shifts[2];
    unsigned n[2] = { lower_collect_instrs(s, IR_OP_SHL, &shifts[0]),
                      lower_collect_instrs(s, IR_OP_SHR, &shifts[1]) };
    bool progress = false;
    for (int right = 0; right < 2; right++)
        for (unsigned i = 0; i < n[right]; i++) {
            ir_instr *in = shifts[right][i];
            if (ir_base_is_64(in->type.base))
                continue;
            unsigned comps = in->type.comps;
            ir_builder b;
            lower_builder_after(&b, s, in);
            ir_type f = ir_type_make(IR_F32, comps);
            ir_instr *x = ir_build_bitcast(&b, IR_F32, in->srcs[0], comps);
            ir_instr *k = ir_build_bitcast(&b, IR_F32, shift_count(in), comps);
            if (right)
                k = ir_build_alu1(&b, IR_OP_NEG, f, ir_src_for(k));
            ir_instr *scale = ir_build_alu1(&b, IR_OP_EXP2, f, ir_src_for(k));
            ir_instr *r = ir_build_alu2(&b, IR_OP_MUL, f, ir_src_for(x), ir_src_for(scale));
            if (right)
                r = ir_build_alu1(&b, IR_OP_FLOOR, f, ir_src_for(r));
            ir_replace_uses(s, in, ir_src_for(ir_build_bitcast(&b, in->type.base, ir_src_for(r),
                                                                comps)));
            progress = true;
        }
    return progress;
}
