/* Linkage: inputs the previous stage does not write would fail to link by name, so their
 * reads become constants ((0,0,0,1) for colours and texture coordinates, 0 otherwise) and the
 * variable goes away. */
#include "lower.h"

static bool is_linked_semantic(unsigned sem)
{
    switch (sem) {
    case T2G_SEMANTIC_GENERIC: case T2G_SEMANTIC_TEXCOORD: case T2G_SEMANTIC_COLOR:
    case T2G_SEMANTIC_BCOLOR: case T2G_SEMANTIC_FOG: case T2G_SEMANTIC_PATCH:
        return true;
    default:
        return false;
    }
}

static bool written_by_prev(const struct t2g_key *key, const ir_var *v)
{
    uint32_t n = key->num_prev_outputs < T2G_MAX_VARYINGS ? key->num_prev_outputs : T2G_MAX_VARYINGS;
    for (uint32_t i = 0; i < n; i++)
        if (key->prev_outputs[i].semantic == v->semantic &&
            key->prev_outputs[i].semantic_index == v->semantic_index)
            return true;
    return false;
}

static void remove_var(ir_shader *s, ir_var *v)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < s->num_vars; i++)
        if (s->vars[i] != v)
            s->vars[j++] = s->vars[i];
    s->num_vars = j;
}

bool lower_unlinked_inputs(ir_shader *s, const struct t2g_key *key)
{
    if (!key->has_prev_outputs || s->stage == T2G_STAGE_VERTEX ||
        s->stage == T2G_STAGE_COMPUTE)
        return false;
    bool progress = false;
    ir_instr **uses = NULL;
    unsigned n = 0;
    for (uint32_t vi = 0; vi < s->num_vars; vi++) {
        ir_var *v = s->vars[vi];
        if (v->kind != IR_VAR_INPUT || !is_linked_semantic(v->semantic) || written_by_prev(key, v))
            continue;
        if (!uses)
            n = lower_collect_instrs(s, IR_OP_LOAD_VAR, &uses);
        bool one = v->semantic == T2G_SEMANTIC_COLOR || v->semantic == T2G_SEMANTIC_BCOLOR ||
                   v->semantic == T2G_SEMANTIC_TEXCOORD;
        bool still_used = false;
        for (unsigned i = 0; i < n; i++) {
            ir_instr *ld = uses[i];
            if (!ld || ld->u.access.var != v)
                continue;
            uint32_t words[8] = { 0 };
            if (one)
                words[3] = ir_base_is_float((ir_base)ld->type.base) ? 0x3f800000u : 1u;
            ir_builder b;
            ir_builder_init(&b, s);
            ir_builder_before(&b, ld);
            ir_instr *c = ir_build_const(&b, ir_type_make((ir_base)ld->type.base, 4), words);
            ir_replace_uses(s, ld, ir_src_for(c));
            ir_instr_remove(ld);
            uses[i] = NULL;
        }
        /* Interpolation functions name the variable itself; keep it for those. */
        ir_instr **interps;
        unsigned ni = lower_collect_instrs(s, IR_OP_INTERP, &interps);
        for (unsigned i = 0; i < ni; i++)
            still_used |= interps[i]->u.access.var == v;
        if (!still_used) {
            remove_var(s, v);
            vi--;
        }
        progress = true;
    }
    return progress;
}
