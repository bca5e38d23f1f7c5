/* sRGB textures on hosts without them (ES 2.0 without GL_EXT_sRGB): the renderer stores the
 * encoded bytes in a plain 8-bit texture and sets bit n of key.sampler_srgb_decode for a
 * view of an sRGB format at sampler n.  Each colour lookup through it decodes red, green
 * and blue with the sRGB transfer function (alpha is linear).  This decodes after filtering,
 * which EXT_texture_sRGB permits; the result is exact for nearest filtering and differs by
 * the curvature of the function between the texels a linear filter blends. */
#include "lower.h"

static ir_src splat(ir_builder *b, float v)
{
    return ir_src_swizzle(ir_build_const_f32(b, v), 0, 0, 0, 0);
}

bool lower_srgb_decode(ir_shader *s, const struct t2g_key *key)
{
    if (!key->sampler_srgb_decode)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        uint32_t slot;
        if (tex->type.base != IR_F32 ||
            !lower_masked_lookup(tex, key->sampler_srgb_decode, &slot))
            continue;
        ir_builder b;
        lower_builder_after(&b, s, tex);
        ir_type v3 = ir_type_make(IR_F32, 3);
        ir_src c = ir_src_swizzle(tex, 0, 1, 2, 2);
        /* c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055)^2.4 */
        ir_instr *lo = ir_build_alu2(&b, IR_OP_DIV, v3, c, splat(&b, 12.92f));
        ir_instr *sh = ir_build_alu2(&b, IR_OP_ADD, v3, c, splat(&b, 0.055f));
        ir_instr *sc = ir_build_alu2(&b, IR_OP_DIV, v3, ir_src_for(sh), splat(&b, 1.055f));
        ir_instr *hi = ir_build_alu2(&b, IR_OP_POW, v3, ir_src_for(sc), splat(&b, 2.4f));
        ir_instr *small = ir_build_alu2(&b, IR_OP_GE, ir_type_make(IR_BOOL, 3), splat(&b, 0.04045f), c);
        ir_instr *rgb = ir_build_alu3(&b, IR_OP_SELECT, v3, ir_src_for(small), ir_src_for(lo),
                                      ir_src_for(hi));
        ir_src parts[4] = { ir_src_swizzle(rgb, 0, 0, 0, 0), ir_src_swizzle(rgb, 1, 1, 1, 1),
                            ir_src_swizzle(rgb, 2, 2, 2, 2), ir_src_swizzle(tex, 3, 3, 3, 3) };
        ir_instr *out = ir_build_vec(&b, tex->type, parts, 4);
        lower_replace_uses_after_rewrite(s, tex, ir_src_for(out));
        progress = true;
    }
    return progress;
}
