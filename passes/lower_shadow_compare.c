/* Depth comparisons in the shader, for hosts without shadow samplers (ES 2.0 without
 * GL_EXT_shadow_samplers).  Each comparison through a sampler with key.sampler_compare set
 * becomes a plain lookup of the depth (the host samples the depth texture without
 * comparison) and a compare of the reference with it, as GL defines the comparison:
 * result = ref OP depth ? 1 : 0, the reference clamped to [0, 1] first (fixed-point depth),
 * divided by q first in projective lookups.  The sampler variable is declared with the plain
 * target (compare_in_shader).
 *
 * Runs after lower_shadow_swizzle, which reads the comparison's scalar result: that result
 * is replaced here by the compare, so the swizzle takes the compare's value. */
#include "lower.h"

/* The key's compare value for every element of a sampler variable, or 0 where the elements
 * differ or any leaves the comparison to the host: one variable has one GLSL type. */
static uint8_t var_compare(const ir_var *v, const struct t2g_key *key)
{
    uint32_t first = v->tgsi_first, n = v->array_len ? v->array_len : 1;
    if (first >= T2G_MAX_SAMPLERS || n > T2G_MAX_SAMPLERS - first)
        return 0;
    uint8_t c = key->sampler_compare[first];
    for (uint32_t i = 1; i < n; i++)
        if (key->sampler_compare[first + i] != c)
            return 0;
    return c <= T2G_SAMPLER_COMPARE_OFF ? c : 0;
}

static bool samples(const ir_instr *tex)
{
    switch (tex->u.tex.kind) {
    case IR_TEX_SAMPLE: case IR_TEX_SAMPLE_BIAS: case IR_TEX_SAMPLE_LOD:
    case IR_TEX_SAMPLE_GRAD:
        return true;
    default:
        return false;
    }
}

/* ref OP depth as a bool. */
static ir_instr *build_test(ir_builder *b, uint8_t func, ir_src ref, ir_src depth)
{
    const ir_type t = ir_type_make(IR_BOOL, 1);
    switch (func) {
    case T2G_LESS: return ir_build_alu2(b, IR_OP_LT, t, ref, depth);
    case T2G_EQUAL: return ir_build_alu2(b, IR_OP_EQ, t, ref, depth);
    case T2G_LEQUAL: return ir_build_alu2(b, IR_OP_GE, t, depth, ref);
    case T2G_GREATER: return ir_build_alu2(b, IR_OP_LT, t, depth, ref);
    case T2G_NOTEQUAL: return ir_build_alu2(b, IR_OP_NE, t, ref, depth);
    case T2G_GEQUAL: return ir_build_alu2(b, IR_OP_GE, t, ref, depth);
    default: {
        uint32_t v = func == T2G_ALWAYS;
        return ir_build_const(b, t, &v);
    }
    }
}

static void compare_lookup(ir_shader *s, ir_instr *tex, uint8_t compare)
{
    ir_tex *t = &tex->u.tex;
    const ir_type f = ir_type_make(IR_F32, 1);
    ir_src ref = tex->srcs[t->ref];
    ir_src coord = tex->srcs[t->coord];
    bool projective = t->projective;
    t->shadow = false;
    t->texture = ir_texture_without_shadow(t->texture);
    t->ref = -1;
    tex->type = ir_type_make(IR_F32, 4);

    ir_builder b;
    lower_builder_after(&b, s, tex);
    ir_src depth = ir_src_swizzle(tex, 0, 0, 0, 0);
    ir_instr *result;
    if (compare == T2G_SAMPLER_COMPARE_OFF) {
        result = ir_build_alu1(&b, IR_OP_MOV, f, depth);
    } else {
        ir_src r = ir_src_swizzle(ref.def, ref.swizzle[0], 0, 0, 0);
        if (projective) {
            ir_src q = ir_src_swizzle(coord.def, coord.swizzle[3], 0, 0, 0);
            r = ir_src_for(ir_build_alu2(&b, IR_OP_DIV, f, r, q));
        }
        ir_src zero = ir_src_for(ir_build_const_f32(&b, 0.0f));
        ir_src one = ir_src_for(ir_build_const_f32(&b, 1.0f));
        r = ir_src_for(ir_build_alu2(&b, IR_OP_MAX, f, r, zero));
        r = ir_src_for(ir_build_alu2(&b, IR_OP_MIN, f, r, one));
        ir_instr *pass = build_test(&b, (uint8_t)(compare - 1), r, depth);
        result = ir_build_alu3(&b, IR_OP_SELECT, f, ir_src_for(pass), one, zero);
    }
    lower_replace_uses_after_rewrite(s, tex, ir_src_for(result));
}

/* Whether every comparison through v can be made in the shader (gathers cannot). */
static bool all_lookups_compare(ir_instr **texs, unsigned n, const ir_var *v)
{
    for (unsigned i = 0; i < n; i++)
        if (texs[i]->u.tex.sampler == v && texs[i]->u.tex.shadow &&
            (texs[i]->u.tex.ref < 0 || !samples(texs[i])))
            return false;
    return true;
}

bool lower_shadow_compare(ir_shader *s, const struct t2g_key *key)
{
    bool any = false;
    for (unsigned i = 0; i < T2G_MAX_SAMPLERS && !any; i++)
        any = key->sampler_compare[i] != 0;
    if (!any)
        return false;
    ir_instr **texs;
    unsigned n = lower_collect_instrs(s, IR_OP_TEX, &texs);
    bool progress = false;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        uint8_t compare = v->kind == IR_VAR_SAMPLER && v->shadow ? var_compare(v, key) : 0;
        if (!compare || !all_lookups_compare(texs, n, v))
            continue;
        for (unsigned k = 0; k < n; k++)
            if (texs[k]->u.tex.sampler == v && texs[k]->u.tex.shadow)
                compare_lookup(s, texs[k], compare);
        /* Declared as the plain target: no comparison through it is left. */
        v->shadow = false;
        v->compare_in_shader = true;
        progress = true;
    }
    return progress;
}
