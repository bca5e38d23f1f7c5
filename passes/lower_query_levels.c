/* textureQueryLevels() where the target has none (GLSL ES): the renderer knows the level
 * count of the view it binds, so key.sampler_levels[n] replaces each query through sampler
 * n by that constant, and the sampler is marked (reflection queries_levels) so the renderer
 * knows to key this shader by the count.  A query through a sampler array indexed at run
 * time is replaced only when every element has the same count. */
#include "lower.h"

static unsigned levels_for(const struct t2g_key *key, const ir_instr *tex)
{
    const ir_var *v = tex->u.tex.sampler;
    if (!v)
        return 0;
    uint32_t first = v->tgsi_first, n = 1;
    if (tex->u.tex.sampler_index >= 0) {
        ir_src idx = tex->srcs[tex->u.tex.sampler_index];
        if (ir_src_is_const(idx))
            first += (uint32_t)ir_src_const_bits(idx, 0);
        else
            n = v->array_len ? v->array_len : 1;
    }
    if (first >= T2G_MAX_SAMPLERS || n > T2G_MAX_SAMPLERS - first)
        return 0;
    for (uint32_t i = 1; i < n; i++)
        if (key->sampler_levels[first + i] != key->sampler_levels[first])
            return 0;
    return key->sampler_levels[first];
}

bool lower_query_levels(ir_shader *s, const struct t2g_key *key)
{
    bool any = false;
    for (unsigned i = 0; i < T2G_MAX_SAMPLERS && !any; i++)
        any = key->sampler_levels[i] != 0;
    if (!any)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        if (tex->u.tex.kind != IR_TEX_QUERY_LEVELS)
            continue;
        unsigned levels = levels_for(key, tex);
        if (!levels)
            continue;
        ir_builder b;
        lower_builder_after(&b, s, tex);
        ir_instr *c = ir_build_const_i32(&b, (int32_t)levels);
        ir_replace_uses(s, tex, ir_src_for(c));
        tex->u.tex.sampler->queries_levels = true;
        ir_instr_remove(tex);
        progress = true;
    }
    return progress;
}
