/* The sampler's LOD bias where samplers have none (GLES has no GL_TEXTURE_LOD_BIAS): GL
 * adds it to the level of detail of texture() (with or without the shader's own bias) and
 * of textureLod(), so with key.sampler_lod_in_shader each such lookup through sampler n
 * adds the bias itself: a bias source gains it, an implicit lookup becomes a biased one in
 * fragment shaders and an explicit-LOD one elsewhere (where GL's implicit level is 0), and
 * textureGrad() (GLSL has no biased form) scales its derivatives by 2^bias.  The bias is
 * key.sampler_lod[n].bias, or with key.sampler_lod_from_driver the driver uniforms' (one
 * variant for every bias).  The sampler is marked (reflection lod_bias_in_shader) whatever
 * the bias, so the renderer knows to supply it.  Not biased: lookups that GLSL ES has no
 * biased form of (shadow 2D and cube arrays). */
#include "lower.h"

static bool biasable(const ir_instr *tex, bool fragment)
{
    const ir_tex *t = &tex->u.tex;
    bool array_shadow = t->texture == T2G_TEXTURE_SHADOW2D_ARRAY ||
                        t->texture == T2G_TEXTURE_SHADOWCUBE_ARRAY;
    switch (t->kind) {
    case IR_TEX_SAMPLE_BIAS:
    case IR_TEX_SAMPLE_GRAD:
        return true;
    case IR_TEX_SAMPLE:
        return !array_shadow && (fragment || !(t->shadow || t->texture == T2G_TEXTURE_SHADOWCUBE));
    case IR_TEX_SAMPLE_LOD:
        return !array_shadow && t->texture != T2G_TEXTURE_SHADOWCUBE;
    default:
        return false;
    }
}

/* tex with one more source, `bias` or `lod` set to it: the same instruction otherwise. */
static ir_instr *with_lod_src(ir_shader *s, ir_builder *b, const ir_instr *tex, ir_tex_kind kind,
                              ir_src value)
{
    ir_instr *n = ir_instr_create(s, IR_OP_TEX, tex->type, tex->num_srcs + 1u);
    for (unsigned i = 0; i < tex->num_srcs; i++)
        n->srcs[i] = tex->srcs[i];
    n->srcs[tex->num_srcs] = value;
    n->u.tex = tex->u.tex;
    n->u.tex.kind = kind;
    if (kind == IR_TEX_SAMPLE_BIAS)
        n->u.tex.bias = (int8_t)tex->num_srcs;
    else
        n->u.tex.lod = (int8_t)tex->num_srcs;
    return ir_build(b, n);
}

bool lower_lod_bias(ir_shader *s, const struct t2g_key *key)
{
    if (!key->sampler_lod_in_shader)
        return false;
    bool fragment = s->stage == T2G_STAGE_FRAGMENT;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        const ir_tex *t = &tex->u.tex;
        uint32_t slot;
        if (!biasable(tex, fragment) || !lower_sampler_slot(tex, &slot))
            continue;
        if (!t->sampler->lod_bias_in_shader) {
            t->sampler->lod_bias_in_shader = true;
            progress = true;
        }
        bool from_driver = key->sampler_lod_from_driver;
        float bias = key->sampler_lod[slot].bias;
        if (!from_driver && bias == 0.0f)
            continue;
        ir_builder b;
        ir_builder_init(&b, s);
        ir_builder_before(&b, tex);
        ir_type f = ir_type_make(IR_F32, 1);
        ir_src k = from_driver
                       ? ir_src_swizzle(lower_load_driver_sampler_lod(&b, s, slot), 0, 0, 0, 0)
                       : ir_src_for(ir_build_const_f32(&b, bias));
        if (t->kind == IR_TEX_SAMPLE_GRAD) {
            /* lambda = log2(rho): scaling both derivatives by 2^bias adds bias to it. */
            ir_src scale = ir_src_for(ir_build_alu1(&b, IR_OP_EXP2, f, k));
            int8_t at[2] = { t->ddx, t->ddy };
            for (int i = 0; i < 2; i++) {
                ir_type vt = ir_type_make(IR_F32, ir_src_comps(tex, (unsigned)at[i]));
                tex->srcs[at[i]] = ir_src_for(ir_build_alu2(&b, IR_OP_MUL, vt, tex->srcs[at[i]],
                                                            scale));
            }
        } else if (t->kind == IR_TEX_SAMPLE_BIAS || t->kind == IR_TEX_SAMPLE_LOD) {
            int8_t at = t->kind == IR_TEX_SAMPLE_BIAS ? t->bias : t->lod;
            tex->srcs[at] = ir_src_for(ir_build_alu2(&b, IR_OP_ADD, f, tex->srcs[at], k));
        } else {
            ir_instr *nt = with_lod_src(s, &b, tex, fragment ? IR_TEX_SAMPLE_BIAS
                                                              : IR_TEX_SAMPLE_LOD, k);
            ir_replace_uses(s, tex, ir_src_for(nt));
            ir_instr_remove(tex);
        }
        progress = true;
    }
    return progress;
}
