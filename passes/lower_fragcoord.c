/* Fragment coordinate conventions.  The host's gl_FragCoord is lower-left with half-integer
 * centres.  A shader asking for integer centres gets xy - 0.5; one whose origin differs from
 * the host framebuffer's orientation (upper-left origin XOR key.fragcoord_y_flip) gets
 * y' = h - y.  Where the dialect can say so (GLSL 1.50), gl_FragCoord is declared
 * `layout(origin_upper_left)` and the host flips it: llvmpipe applies its own y transform
 * to every gl_FragCoord, so ours was a second multiply-add and a load from the driver block
 * per fragment (5-11% of the fragment cost of glmark2's function and loop shaders).
 * Otherwise, and under polygon stipple (lowered after this, it reads the host's rows), the
 * shader computes y' = driver.fragcoord_y[0] * y + driver.fragcoord_y[1], which the
 * renderer fills with (-1, framebuffer height).  A y-flipped framebuffer also inverts the
 * facing. */
#include "lower.h"

static ir_src fix_position(ir_builder *b, ir_shader *s, ir_instr *ld, bool integer, bool flip)
{
    const ir_type f1 = ir_type_make(IR_F32, 1);
    ir_src p = ir_src_for(ld);
    if (ld->type.base != IR_F32)
        p = ir_src_for(ir_build_bitcast(b, IR_F32, p, ld->type.comps));
    ir_src c[4];
    for (unsigned i = 0; i < 4; i++)
        c[i] = ir_src_compose(p, (uint8_t[4]){ i, i, i, i });
    /* Flip the half-integer centre first: h - (y + 0.5) - 0.5 is row h - 1 - y, where
     * h - y would be one row off. */
    if (flip) {
        ir_instr *misc = lower_load_driver(b, s, DRIVER_SLOT_MISC);
        c[1] = ir_src_for(ir_build_alu3(b, IR_OP_MAD, f1, ir_src_swizzle(misc, 2, 2, 2, 2), c[1],
                                        ir_src_swizzle(misc, 3, 3, 3, 3)));
    }
    if (integer) {
        ir_src half = ir_src_for(ir_build_const_f32(b, 0.5f));
        c[0] = ir_src_for(ir_build_alu2(b, IR_OP_SUB, f1, c[0], half));
        c[1] = ir_src_for(ir_build_alu2(b, IR_OP_SUB, f1, c[1], half));
    }
    ir_src v = ir_src_for(ir_build_vec(b, ir_type_make(IR_F32, 4), c, 4));
    if (ld->type.base != IR_F32)
        v = ir_src_for(ir_build_bitcast(b, (ir_base)ld->type.base, v, 4));
    return v;
}

bool lower_fragcoord(ir_shader *s, const struct t2g_key *key, const lower_options *opts)
{
    if (s->stage != T2G_STAGE_FRAGMENT)
        return false;
    bool upper_left = ir_prop_is_set(s, IR_PROP_FS_COORD_ORIGIN) &&
                      s->props[IR_PROP_FS_COORD_ORIGIN] == IR_FS_COORD_ORIGIN_UPPER_LEFT;
    bool integer = ir_prop_is_set(s, IR_PROP_FS_COORD_PIXEL_CENTER) &&
                   s->props[IR_PROP_FS_COORD_PIXEL_CENTER] == IR_FS_COORD_PIXEL_CENTER_INTEGER;
    bool flip = upper_left != key->fragcoord_y_flip;
    if (!integer && !flip && !key->fragcoord_y_flip)
        return false;
    bool host_flip = flip && opts->fragcoord_origin && !key->polygon_stipple;
    ir_instr **loads;
    unsigned n = lower_collect_instrs(s, IR_OP_LOAD_VAR, &loads);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *ld = loads[i];
        ir_var *v = ld->u.access.var;
        bool input = v->kind == IR_VAR_INPUT || v->kind == IR_VAR_SYSTEM_VALUE;
        if (!input || ld->type.comps != 4)
            continue;
        ir_builder b;
        lower_builder_after(&b, s, ld);
        ir_src fixed;
        if (v->semantic == T2G_SEMANTIC_POSITION && host_flip && !s->fragcoord_upper_left) {
            s->fragcoord_upper_left = true;
            progress = true;
        }
        if (v->semantic == T2G_SEMANTIC_POSITION && (integer || (flip && !host_flip))) {
            fixed = fix_position(&b, s, ld, integer, flip && !host_flip);
        } else if (v->semantic == T2G_SEMANTIC_FACE && key->fragcoord_y_flip) {
            ir_src f = ir_src_for(ld);
            if (ld->type.base != IR_F32)
                f = ir_src_for(ir_build_bitcast(&b, IR_F32, f, 4));
            fixed = ir_src_for(ir_build_alu1(&b, IR_OP_NEG, ir_type_make(IR_F32, 4), f));
            if (ld->type.base != IR_F32)
                fixed = ir_src_for(ir_build_bitcast(&b, (ir_base)ld->type.base, fixed, 4));
        } else {
            continue;
        }
        lower_replace_uses_after_rewrite(s, ld, fixed);
        progress = true;
    }
    return progress;
}
