/* GL_CLAMP where the host has none (core profiles, GLES).  With linear filtering GL_CLAMP
 * clamps the coordinate to [0, 1] and then blends the border colour in over the last half
 * texel, which is GL_CLAMP_TO_BORDER sampling a clamped coordinate; the renderer sets that
 * wrap mode and bit n of key.sampler_gl_clamp[i] for each axis i of sampler n so wrapped.
 * Each lookup through it clamps those coordinates, to [0, size] on rectangles, whose
 * coordinates are in texels.  Array layers are left alone; cube maps, buffers and
 * multisample textures have no such wrap. */
#include "lower.h"

static bool samples(const ir_instr *tex)
{
    switch (tex->u.tex.kind) {
    case IR_TEX_SAMPLE: case IR_TEX_SAMPLE_BIAS: case IR_TEX_SAMPLE_LOD:
    case IR_TEX_SAMPLE_GRAD: case IR_TEX_GATHER:
        return true;
    default:
        return false;
    }
}

/* The axes of the lookup to clamp, bit i for coordinate i. */
static unsigned clamped_axes(const ir_instr *tex, const struct t2g_key *key, unsigned dims)
{
    uint32_t slot;
    if (!samples(tex) || !dims || !lower_sampler_slot(tex, &slot))
        return 0;
    unsigned axes = 0;
    for (unsigned i = 0; i < dims; i++)
        if (key->sampler_gl_clamp[i] & (1u << slot))
            axes |= 1u << i;
    return axes;
}

static void clamp_lookup(ir_shader *s, ir_instr *tex, unsigned axes, unsigned dims)
{
    const ir_tex *t = &tex->u.tex;
    bool rect = t->texture == T2G_TEXTURE_RECT || t->texture == T2G_TEXTURE_SHADOWRECT;
    ir_type f = ir_type_make(IR_F32, 1);
    ir_builder b;
    ir_builder_init(&b, s);
    ir_builder_before(&b, tex);
    ir_instr *size = rect ? lower_build_base_size(&b, s, tex, dims) : NULL;
    ir_src zero = ir_src_for(ir_build_const_f32(&b, 0.0f));
    ir_src one = ir_src_for(ir_build_const_f32(&b, 1.0f));
    ir_src coord = tex->srcs[t->coord];
    ir_src c[4];
    for (unsigned i = 0; i < t->coord_comps && i < 4; i++) {
        uint8_t k = (uint8_t)i;
        c[i] = ir_src_swizzle(coord.def, coord.swizzle[k], 0, 0, 0);
        if (!(axes & (1u << i)))
            continue;
        ir_src hi = size ? ir_src_swizzle(size, k, 0, 0, 0) : one;
        ir_instr *lo = ir_build_alu2(&b, IR_OP_MAX, f, c[i], zero);
        c[i] = ir_src_for(ir_build_alu2(&b, IR_OP_MIN, f, ir_src_for(lo), hi));
    }
    tex->srcs[t->coord] = t->coord_comps == 1
                              ? c[0]
                              : ir_src_for(ir_build_vec(&b, ir_type_make(IR_F32, t->coord_comps),
                                                        c, t->coord_comps));
}

bool lower_gl_clamp(ir_shader *s, const struct t2g_key *key)
{
    if (!(key->sampler_gl_clamp[0] | key->sampler_gl_clamp[1] | key->sampler_gl_clamp[2]))
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        unsigned dims = lower_tex_spatial_dims(texs[i]->u.tex.texture);
        unsigned axes = clamped_axes(texs[i], key, dims);
        if (!axes)
            continue;
        clamp_lookup(s, texs[i], axes, dims);
        progress = true;
    }
    return progress;
}
