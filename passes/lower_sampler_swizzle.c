/* Sampler view swizzles the host cannot apply (ES 2.0 has no texture swizzles; GL has none
 * for texture buffers, where an intensity buffer is kept in red): Gallium applies a view's
 * swizzle to what a lookup returns, and Mesa relies on it (GL_RGB in a format with an
 * unused alpha byte reads alpha as one, luminance and alpha formats stored in other
 * channels, GL_TEXTURE_SWIZZLE).  Each colour lookup through a sampler whose bit is set in
 * key.sampler_swizzle_mask takes its channels from key.sampler_swizzle.  Depth comparisons
 * have their own (lower_shadow_swizzle). */
#include "lower.h"

/* 0 or 1 in the lookup's type (integer textures return integers). */
static ir_instr *constant(ir_builder *b, ir_base base, unsigned v)
{
    if (base == IR_I32)
        return ir_build_const_i32(b, (int32_t)v);
    if (base == IR_U32)
        return ir_build_const_u32(b, v);
    return ir_build_const_f32(b, (float)v);
}

bool lower_sampler_swizzle(ir_shader *s, const struct t2g_key *key)
{
    if (!key->sampler_swizzle_mask)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        uint32_t slot;
        if (!lower_masked_lookup(tex, key->sampler_swizzle_mask, &slot))
            continue;
        const uint8_t *swz = key->sampler_swizzle[slot];
        ir_builder b;
        lower_builder_after(&b, s, tex);
        ir_src c[4];
        for (unsigned k = 0; k < 4; k++) {
            if (swz[k] == T2G_SWIZZLE_0 || swz[k] == T2G_SWIZZLE_1)
                c[k] = ir_src_for(constant(&b, tex->type.base, swz[k] == T2G_SWIZZLE_1));
            else
                c[k] = ir_src_swizzle(tex, swz[k] & 3, 0, 0, 0);
        }
        ir_instr *out = ir_build_vec(&b, tex->type, c, 4);
        lower_replace_uses_after_rewrite(s, tex, ir_src_for(out));
        progress = true;
    }
    return progress;
}
