/* For dialects without noperspective (GLSL ES: lower_for_key runs this only there).  A
 * varying the fragment shader reads with LINEAR interpolation is written multiplied by the
 * vertex's clip w, so that perspective-correct interpolation gives sum(b v) / sum(b / w);
 * the fragment shader multiplies by gl_FragCoord.w, which is sum(b / w) at the pixel
 * centre, leaving the screen-linear sum(b v).  Elsewhere (centroid and sample inputs,
 * interpolateAt*()) gl_FragCoord.w is at the wrong place: there the fragment shader
 * divides by the clip w itself, carried by a varying of the same location qualifier and
 * interpolated the same way, which is 1 / sum(b / w) at that place.  The last vertex stage
 * learns which outputs those are from key.next_inputs (only fragment inputs are LINEAR
 * there; the clip w varyings are GENERIC from IR_GENERIC_CLIP_W). */
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

static bool is_clip_w(const struct t2g_varying *n)
{
    return n->semantic == T2G_SEMANTIC_GENERIC && n->semantic_index >= IR_GENERIC_CLIP_W &&
           n->semantic_index < IR_GENERIC_CLIP_W + T2G_INTERP_LOC_COUNT;
}

/* v times (op MUL) or over (op DIV) component c of scale. */
static ir_src scaled(ir_builder *b, enum ir_op op, ir_src v, unsigned comps, ir_src scale,
                     uint8_t c)
{
    ir_src s = ir_src_compose(scale, (uint8_t[4]){ c, c, c, c });
    return ir_src_for(ir_build_alu2(b, op, ir_type_make(IR_F32, comps), v, s));
}

static ir_src times(ir_builder *b, ir_src v, unsigned comps, ir_src scale)
{
    return scaled(b, IR_OP_MUL, v, comps, scale, 3);
}

/* Outputs the fragment shader reads LINEAR, times gl_Position.w, and the clip w varyings it
 * reads, at the builder. */
static void scale_outputs(ir_builder *b, ir_shader *s, const struct t2g_key *key, ir_var *pos)
{
    ir_src w = ir_src_for(ir_build_load_var(b, pos, 0, ir_src_none(), 0, ir_src_none()));
    if (pos->type.base != IR_F32)
        w = ir_src_for(ir_build_bitcast(b, IR_F32, w, pos->type.comps));
    for (uint32_t i = 0; i < key->num_next_inputs && i < T2G_MAX_VARYINGS; i++) {
        if (!is_clip_w(&key->next_inputs[i]))
            continue;
        ir_var *cw = lower_get_io_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_GENERIC,
                                      key->next_inputs[i].semantic_index);
        if (cw)
            ir_build_store_var(b, cw, 0, ir_src_none(), 0, ir_src_none(),
                               ir_src_compose(w, (uint8_t[4]){ 3, 3, 3, 3 }), 0xf);
    }
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
    for (uint32_t i = 0; key->has_next_inputs && i < key->num_next_inputs &&
                         i < T2G_MAX_VARYINGS; i++)
        any |= is_clip_w(&key->next_inputs[i]);
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

/* The clip w input interpolated at location loc. */
static ir_var *clip_w_input(ir_shader *s, unsigned loc)
{
    ir_var *v = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_GENERIC, IR_GENERIC_CLIP_W + loc);
    if (v)
        v->interp_location = (uint8_t)loc;
    return v;
}

/* The screen-linear value of a LINEAR input read by in (a load or an interpolateAt*()),
 * built after it. */
static ir_src screen_linear(ir_shader *s, ir_instr *in, ir_var **fragcoord)
{
    ir_var *v = in->u.access.var;
    ir_builder b;
    lower_builder_after(&b, s, in);
    if (in->op == IR_OP_LOAD_VAR && v->interp_location == T2G_INTERP_LOC_CENTER) {
        if (!*fragcoord)
            *fragcoord = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_POSITION, 0);
        if (!*fragcoord)
            return ir_src_none();
        ir_src w = ir_src_for(ir_build_load_var(&b, *fragcoord, 0, ir_src_none(), 0,
                                                ir_src_none()));
        if ((*fragcoord)->type.base != IR_F32)
            w = ir_src_for(ir_build_bitcast(&b, IR_F32, w, (*fragcoord)->type.comps));
        return times(&b, ir_src_for(in), in->type.comps, w);
    }
    ir_var *cw = clip_w_input(s, v->interp_location);
    if (!cw)
        return ir_src_none();
    ir_instr *w;
    if (in->op == IR_OP_LOAD_VAR) {
        w = ir_build_load_var(&b, cw, 0, ir_src_none(), 0, ir_src_none());
    } else {
        /* The same interpolation function at the same place: interpolateAt*() ignores
         * the variable's own location qualifier. */
        w = ir_instr_create(s, IR_OP_INTERP, cw->type, 3);
        w->srcs[0] = ir_src_none();
        w->srcs[1] = in->srcs[1];
        w->srcs[2] = ir_src_none();
        w->u.access.var = cw;
        w->u.access.index = 0;
        w->u.access.interp_mode = in->u.access.interp_mode;
        ir_build(&b, w);
    }
    return scaled(&b, IR_OP_DIV, ir_src_for(in), in->type.comps, ir_src_for(w), 0);
}

static bool lower_inputs(ir_shader *s)
{
    bool progress = false;
    ir_var *fragcoord = NULL;
    static const enum ir_op ops[] = { IR_OP_LOAD_VAR, IR_OP_INTERP };
    for (unsigned o = 0; o < 2; o++) {
        ir_instr **reads;
        unsigned n = lower_collect_instrs(s, ops[o], &reads);
        for (unsigned i = 0; i < n; i++) {
            ir_instr *in = reads[i];
            ir_var *v = in->u.access.var;
            if (v->kind != IR_VAR_INPUT || v->interp != T2G_INTERP_LINEAR || !scalable(v) ||
                in->type.base != IR_F32)
                continue;
            ir_src fixed = screen_linear(s, in, &fragcoord);
            if (!fixed.def)
                return progress;
            lower_replace_uses_after_rewrite(s, in, fixed);
            progress = true;
        }
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
