/* textureQueryLod() where the target has none (GLSL ES), computed as GL defines it with
 * the sampler and view state the query reads: key.sampler_lod[n], or with
 * key.sampler_lod_from_driver the driver uniforms' t2g_driver_sampler_lod (then only the
 * key's mip_filter, NEAREST or not, changes the code):
 *   y = lambda' = log2(rho) + bias, rho the larger length of the coordinates' screen
 *       derivatives in texels (dFdx, dFdy scaled by textureSize at the base level);
 *   x = the level a lookup would use: 0 without mipmapping; else lambda' clamped to
 *       [min_lod, max_lod], rounded as NEAREST mipmapping rounds (ceil(l + 0.5) - 1),
 *       and clamped to the view's levels [0, levels - 1].
 * The sampler is marked (reflection queries_lod) so the renderer supplies that state.
 * Cube maps (whose derivatives are taken on the selected face) are left alone, and so
 * refused by the target. */
#include "lower.h"

/* Squared length of the screen derivative (ddx or ddy) of the coordinate in texels. */
static ir_instr *texel_derivative2(ir_builder *b, enum ir_op ddx, ir_src coord, ir_src size,
                                   unsigned dims)
{
    ir_type vt = ir_type_make(IR_F32, dims);
    ir_instr *d = ir_build_alu1(b, ddx, vt, coord);
    if (size.def)
        d = ir_build_alu2(b, IR_OP_MUL, vt, ir_src_for(d), size);
    return ir_build_dot(b, IR_F32, ir_src_for(d), ir_src_for(d), dims);
}

static ir_instr *clamp_src(ir_builder *b, ir_instr *v, ir_src lo, ir_src hi)
{
    ir_type f = ir_type_make(IR_F32, 1);
    ir_instr *m = ir_build_alu2(b, IR_OP_MAX, f, ir_src_for(v), lo);
    return ir_build_alu2(b, IR_OP_MIN, f, ir_src_for(m), hi);
}

static ir_src constf(ir_builder *b, float v)
{
    return ir_src_for(ir_build_const_f32(b, v));
}

static void lower_one(ir_shader *s, ir_instr *tex, const struct t2g_sampler_lod *l,
                      bool from_driver, uint32_t slot, unsigned dims)
{
    const ir_tex *t = &tex->u.tex;
    ir_type f = ir_type_make(IR_F32, 1);
    ir_builder b;
    ir_builder_init(&b, s);
    ir_builder_before(&b, tex);
    ir_src size = ir_src_none();
    if (t->texture != T2G_TEXTURE_RECT && t->texture != T2G_TEXTURE_SHADOWRECT)
        size = ir_src_for(lower_build_base_size(&b, s, tex, dims));
    ir_src coord = tex->srcs[t->coord];
    ir_instr *dx2 = texel_derivative2(&b, IR_OP_DDX, coord, size, dims);
    ir_instr *dy2 = texel_derivative2(&b, IR_OP_DDY, coord, size, dims);
    ir_instr *rho2 = ir_build_alu2(&b, IR_OP_MAX, f, ir_src_for(dx2), ir_src_for(dy2));
    /* log2(rho) = log2(rho^2) / 2 */
    ir_instr *lambda = ir_build_alu2(&b, IR_OP_MUL, f,
                                     ir_src_for(ir_build_alu1(&b, IR_OP_LOG2, f, ir_src_for(rho2))),
                                     constf(&b, 0.5f));
    /* (bias, min_lod, max_lod, max_level) */
    ir_instr *drv = from_driver ? lower_load_driver_sampler_lod(&b, s, slot) : NULL;
    if (drv)
        lambda = ir_build_alu2(&b, IR_OP_ADD, f, ir_src_for(lambda), ir_src_swizzle(drv, 0, 0, 0, 0));
    else if (l->bias != 0.0f)
        lambda = ir_build_alu2(&b, IR_OP_ADD, f, ir_src_for(lambda), constf(&b, l->bias));
    ir_instr *x;
    if (!drv && l->mip_filter == T2G_MIP_FILTER_NONE) {
        x = ir_build_const_f32(&b, 0.0f);
    } else {
        x = drv ? clamp_src(&b, lambda, ir_src_swizzle(drv, 1, 1, 1, 1), ir_src_swizzle(drv, 2, 2, 2, 2))
                : clamp_src(&b, lambda, constf(&b, l->min_lod), constf(&b, l->max_lod));
        if (l->mip_filter == T2G_MIP_FILTER_NEAREST) {
            ir_instr *up = ir_build_alu2(&b, IR_OP_ADD, f, ir_src_for(x), constf(&b, 0.5f));
            x = ir_build_alu2(&b, IR_OP_SUB, f, ir_src_for(ir_build_alu1(&b, IR_OP_CEIL, f,
                                                                         ir_src_for(up))),
                              constf(&b, 1.0f));
        }
        x = clamp_src(&b, x, constf(&b, 0.0f),
                      drv ? ir_src_swizzle(drv, 3, 3, 3, 3)
                          : constf(&b, (float)(l->levels > 1 ? l->levels - 1 : 0)));
    }
    ir_src parts[4] = { ir_src_for(x), ir_src_for(lambda) };
    unsigned comps = tex->type.comps;
    for (unsigned i = 2; i < comps && i < 4; i++)
        parts[i] = ir_src_for(ir_build_const_f32(&b, 0.0f));
    ir_instr *r = ir_build_vec(&b, tex->type, parts, comps);
    ir_replace_uses(s, tex, ir_src_for(r));
    ir_instr_remove(tex);
}

bool lower_query_lod(ir_shader *s, const struct t2g_key *key)
{
    if (!key->sampler_lod_in_shader || s->stage != T2G_STAGE_FRAGMENT)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        uint32_t slot;
        unsigned dims = lower_tex_spatial_dims(tex->u.tex.texture);
        if (tex->u.tex.kind != IR_TEX_QUERY_LOD || !dims || !lower_sampler_slot(tex, &slot))
            continue;
        tex->u.tex.sampler->queries_lod = true;
        lower_one(s, tex, &key->sampler_lod[slot], key->sampler_lod_from_driver, slot, dims);
        progress = true;
    }
    return progress;
}
