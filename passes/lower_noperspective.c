/* For dialects without noperspective (GLSL ES: lower_for_key runs this only there).  A
 * varying the fragment shader reads with LINEAR interpolation is written multiplied by the
 * vertex's clip w, so that perspective-correct interpolation gives sum(b v) / sum(b / w);
 * the fragment shader multiplies by gl_FragCoord.w, which is sum(b / w), leaving the
 * screen-linear sum(b v).  The last vertex stage learns which outputs those are from
 * key.next_inputs (only fragment inputs are LINEAR there). */
#include "lower.h"

static bool scalable(const ir_var *v)
{
    return !v->array_len && !v->patch && v->type.base == IR_F32 &&
           v->semantic != T2G_SEMANTIC_POSITION && v->semantic != T2G_SEMANTIC_FACE;
}

static bool next_reads_linear(const struct t2g_key *key, const ir_var *v)
{
    if (!key->has_next_inputs)
        return false;
    for (uint32_t i = 0; i < key->num_next_inputs && i < T2G_MAX_VARYINGS; i++)
        if (key->next_inputs[i].semantic == v->semantic &&
            key->next_inputs[i].semantic_index == v->semantic_index)
            return key->next_inputs[i].interp == T2G_INTERP_LINEAR;
    return false;
}

static ir_src times(ir_builder *b, ir_src v, unsigned comps, ir_src scale)
{
    ir_src s = ir_src_compose(scale, (uint8_t[4]){ 3, 3, 3, 3 });
    return ir_src_for(ir_build_alu2(b, IR_OP_MUL, ir_type_make(IR_F32, comps), v, s));
}

/* Outputs the fragment shader reads LINEAR, times gl_Position.w, at the builder. */
static void scale_outputs(ir_builder *b, ir_shader *s, const struct t2g_key *key, ir_var *pos)
{
    ir_src w = ir_src_for(ir_build_load_var(b, pos, 0, ir_src_none(), 0, ir_src_none()));
    if (pos->type.base != IR_F32)
        w = ir_src_for(ir_build_bitcast(b, IR_F32, w, pos->type.comps));
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (v->kind != IR_VAR_OUTPUT || !scalable(v) || !next_reads_linear(key, v))
            continue;
        ir_instr *ld = ir_build_load_var(b, v, 0, ir_src_none(), 0, ir_src_none());
        unsigned n = v->type.comps;
        ir_build_store_var(b, v, 0, ir_src_none(), 0, ir_src_none(),
                           times(b, ir_src_for(ld), n, w), (uint8_t)((1u << n) - 1));
    }
}

static bool lower_outputs(ir_shader *s, const struct t2g_key *key)
{
    ir_var *pos = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_POSITION, 0);
    if (!pos || pos->array_len || pos->type.comps != 4)
        return false;
    bool any = false;
    for (uint32_t i = 0; i < s->num_vars; i++)
        any |= s->vars[i]->kind == IR_VAR_OUTPUT && scalable(s->vars[i]) &&
               next_reads_linear(key, s->vars[i]);
    if (!any)
        return false;
    ir_builder b;
    if (s->stage == T2G_STAGE_GEOMETRY) {
        ir_instr **emits;
        unsigned n = lower_collect_instrs(s, IR_OP_EMIT, &emits);
        for (unsigned i = 0; i < n; i++) {
            ir_builder_init(&b, s);
            ir_builder_before(&b, emits[i]);
            scale_outputs(&b, s, key, pos);
        }
        return n > 0;
    }
    lower_builder_at_exit(&b, s);
    scale_outputs(&b, s, key, pos);
    return true;
}

static bool lower_inputs(ir_shader *s)
{
    ir_instr **loads;
    unsigned n = lower_collect_instrs(s, IR_OP_LOAD_VAR, &loads);
    ir_var *pos = NULL;
    bool progress = false;
    for (unsigned i = 0; i < n; i++) {
        ir_instr *ld = loads[i];
        ir_var *v = ld->u.access.var;
        if (v->kind != IR_VAR_INPUT || v->interp != T2G_INTERP_LINEAR || !scalable(v) ||
            ld->type.base != IR_F32)
            continue;
        if (!pos)
            pos = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_POSITION, 0);
        if (!pos)
            return progress;
        ir_builder b;
        lower_builder_after(&b, s, ld);
        ir_src w = ir_src_for(ir_build_load_var(&b, pos, 0, ir_src_none(), 0, ir_src_none()));
        if (pos->type.base != IR_F32)
            w = ir_src_for(ir_build_bitcast(&b, IR_F32, w, pos->type.comps));
        ir_src fixed = times(&b, ir_src_for(ld), ld->type.comps, w);
        lower_replace_uses_after_rewrite(s, ld, fixed);
        progress = true;
    }
    return progress;
}

bool lower_noperspective(ir_shader *s, const struct t2g_key *key)
{
    switch (s->stage) {
    case T2G_STAGE_FRAGMENT:
        return lower_inputs(s);
    case T2G_STAGE_VERTEX:
    case T2G_STAGE_GEOMETRY:
    case T2G_STAGE_TESS_EVAL:
        return lower_outputs(s, key);
    default:
        return false;
    }
}
