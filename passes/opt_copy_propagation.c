/* Copy propagation: uses of a value that merely renames another read the original instead.
 * MOVs, VECs gathering components of one value, phis whose sources all agree, and bitcasts
 * to the type their source already has are replaced (swizzles composed) and removed. */
#include "passes.h"


typedef struct copy_prop {
    ir_src *map;   /* by value index: what replaces it (def NULL: nothing) */
    bool progress;
} copy_prop;

/* The value a source reads after the replacements found so far. */
static ir_src resolve(const copy_prop *cp, ir_src s)
{
    for (unsigned guard = 0; guard < 64 && s.def && cp->map[s.def->index].def; guard++)
        s = ir_src_compose(cp->map[s.def->index], s.swizzle);
    return s;
}

static bool src_equal(ir_src a, ir_src b, unsigned comps)
{
    if (a.def != b.def)
        return false;
    for (unsigned c = 0; c < comps; c++)
        if (a.swizzle[c] != b.swizzle[c])
            return false;
    return true;
}

/* A phi whose sources are all one value (or the phi itself, around a loop) is that value. */
static bool phi_value(const copy_prop *cp, ir_instr *phi, ir_src *out)
{
    unsigned n = phi->type.comps;
    ir_src v = { 0 };
    for (unsigned i = 0; i < phi->num_srcs; i++) {
        ir_src s = resolve(cp, phi->srcs[i]);
        if (s.def == phi) {
            /* Only the identity self-reference carries the value around unchanged. */
            for (unsigned c = 0; c < n; c++)
                if (s.swizzle[c] != c)
                    return false;
            continue;
        }
        if (!v.def)
            v = s;
        else if (!src_equal(v, s, n))
            return false;
    }
    if (!v.def)
        return false;
    *out = v;
    return true;
}

static bool find_copy(const copy_prop *cp, ir_instr *in, ir_src *out)
{
    switch (in->op) {
    case IR_OP_MOV:
        *out = resolve(cp, in->srcs[0]);
        return out->def && out->def->type.base == in->type.base;
    case IR_OP_BITCAST: {
        ir_src s = resolve(cp, in->srcs[0]);
        if (!s.def || s.def->type.base != in->type.base)
            return false;
        *out = s;
        return true;
    }
    case IR_OP_VEC: {
        ir_src first = resolve(cp, in->srcs[0]);
        if (!first.def || first.def->type.base != in->type.base)
            return false;
        ir_src r = { first.def, { 0 } };
        for (unsigned c = 0; c < in->num_srcs && c < 4; c++) {
            ir_src s = resolve(cp, in->srcs[c]);
            if (s.def != first.def)
                return false;
            r.swizzle[c] = s.swizzle[0];
        }
        for (unsigned c = in->num_srcs; c < 4; c++)
            r.swizzle[c] = r.swizzle[0];
        *out = r;
        return true;
    }
    case IR_OP_PHI:
        return phi_value(cp, in, out);
    default:
        return false;
    }
}

static void scan_block(ir_block *b, void *ctx)
{
    copy_prop *cp = ctx;
    IR_FOREACH_INSTR(b, in) {
        ir_src r;
        if (find_copy(cp, in, &r) && r.def != in) {
            cp->map[in->index] = r;
            cp->progress = true;
        }
    }
}

static void remove_copies(ir_block *b, void *ctx)
{
    copy_prop *cp = ctx;
    IR_FOREACH_INSTR_SAFE(b, in, nx)
        if (cp->map[in->index].def)
            ir_instr_remove(in);
}

bool opt_copy_propagation(ir_shader *s)
{
    copy_prop cp = { ir_scratch_zeroed(s, 0, (s->next_value_index + (size_t)1) * sizeof(ir_src)), false };
    if (!cp.map)
        return false;
    ir_foreach_block(&s->body, scan_block, &cp);
    if (cp.progress) {
        ir_replace_uses_map(s, cp.map);
        ir_foreach_block(&s->body, remove_copies, &cp);
    }
    return cp.progress;
}
