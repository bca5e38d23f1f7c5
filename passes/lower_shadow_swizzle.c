/* Depth comparisons take the sampler view's swizzle.  Gallium applies a view's swizzle to
 * what a comparison returns, and Mesa encodes GL_DEPTH_TEXTURE_MODE that way (luminance:
 * (r, r, r, 1), alpha: (0, 0, 0, r), red: (r, 0, 0, 1)); a GLSL shadow lookup returns the
 * comparison alone, which the translator replicates to every channel.  Each comparison
 * through a sampler whose key.shadow_swizzle is set gets its channels from the key instead.
 *
 * The translator hands every comparison to its destination through a vec4 MOV of the scalar
 * result (tr_tex_write_shadow); that MOV is where the channels are known, so it is replaced
 * here by a VEC of the result and constants. */
#include "lower.h"

#include <string.h>

static bool swizzled(const uint8_t swz[4])
{
    return swz[0] || swz[1] || swz[2] || swz[3];
}

/* The swizzle for a comparison through `tex`, or NULL where the key sets none.  A sampler
 * array indexed at run time takes its swizzle only when every element has the same one. */
static const uint8_t *swizzle_for(const struct t2g_key *key, const ir_instr *tex)
{
    const ir_var *v = tex->u.tex.sampler;
    if (!v)
        return NULL;
    uint32_t first = v->tgsi_first, n = v->array_len ? v->array_len : 1;
    if (tex->u.tex.sampler_index >= 0) {
        ir_src idx = tex->srcs[tex->u.tex.sampler_index];
        if (ir_src_is_const(idx)) {
            first += (uint32_t)ir_src_const_bits(idx, 0);
            n = 1;
        }
    } else {
        n = 1;
    }
    if (first >= T2G_MAX_SAMPLERS || n > T2G_MAX_SAMPLERS - first)
        return NULL;
    const uint8_t *swz = key->shadow_swizzle[first];
    for (uint32_t i = 1; i < n; i++)
        if (memcmp(swz, key->shadow_swizzle[first + i], 4))
            return NULL;
    return swizzled(swz) ? swz : NULL;
}

bool lower_shadow_swizzle(ir_shader *s, const struct t2g_key *key)
{
    bool any = false;
    for (unsigned i = 0; i < T2G_MAX_SAMPLERS && !any; i++)
        any = swizzled(key->shadow_swizzle[i]);
    if (!any)
        return false;
    ir_instr **movs;
    unsigned n = lower_collect_instrs(s, IR_OP_MOV, &movs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *mov = movs[i];
        ir_instr *tex = mov->srcs[0].def;
        if (!tex || tex->op != IR_OP_TEX || !tex->u.tex.shadow ||
            tex->u.tex.kind == IR_TEX_GATHER || tex->type.comps != 1 || mov->type.comps != 4)
            continue;
        const uint8_t *swz = swizzle_for(key, tex);
        if (!swz)
            continue;
        ir_builder b;
        lower_builder_after(&b, s, mov);
        ir_src c[4];
        for (unsigned k = 0; k < 4; k++) {
            if (swz[k] == T2G_SHADOW_ZERO)
                c[k] = ir_src_for(ir_build_const_f32(&b, 0.0f));
            else if (swz[k] == T2G_SHADOW_ONE)
                c[k] = ir_src_for(ir_build_const_f32(&b, 1.0f));
            else
                c[k] = ir_src_swizzle(tex, 0, 0, 0, 0);
        }
        ir_instr *vec = ir_build_vec(&b, mov->type, c, 4);
        ir_replace_uses(s, mov, ir_src_for(vec));
        progress = true;
    }
    return progress;
}
