/* textureQueryLevels() and textureSamples() where the target has neither (GLSL ES): the
 * renderer knows the level count and the sample count of the view it binds, so
 * key.sampler_levels[n] and key.sampler_samples[n] replace each query through sampler n by
 * that constant, and the sampler is marked (reflection queries_levels, flag
 * T2G_RES_QUERIES_SAMPLES) so the renderer knows to key this shader by the count.  A query
 * through a sampler array indexed at run time is replaced only when every element has the
 * same count. */
#include "lower.h"

/* The count table[] gives the lookup's sampler, or 0 where it is not one constant. */
static unsigned count_for(const uint8_t table[T2G_MAX_SAMPLERS], const ir_instr *tex)
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
        if (table[first + i] != table[first])
            return 0;
    return table[first];
}

static bool any_count(const uint8_t table[T2G_MAX_SAMPLERS])
{
    for (unsigned i = 0; i < T2G_MAX_SAMPLERS; i++)
        if (table[i])
            return true;
    return false;
}

bool lower_query_levels(ir_shader *s, const struct t2g_key *key)
{
    bool samples = any_count(key->sampler_samples);
    if (!any_count(key->sampler_levels) && !samples)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *tex = texs[i];
        bool levels = tex->u.tex.kind == IR_TEX_QUERY_LEVELS;
        if (!levels && !(samples && tex->u.tex.kind == IR_TEX_QUERY_SAMPLES))
            continue;
        unsigned count = count_for(levels ? key->sampler_levels : key->sampler_samples, tex);
        if (!count)
            continue;
        ir_builder b;
        lower_builder_after(&b, s, tex);
        ir_instr *c = ir_build_const_i32(&b, (int32_t)count);
        ir_replace_uses(s, tex, ir_src_for(c));
        if (levels)
            tex->u.tex.sampler->queries_levels = true;
        else
            tex->u.tex.sampler->queries_samples = true;
        ir_instr_remove(tex);
        progress = true;
    }
    return progress;
}
