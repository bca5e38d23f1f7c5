/* The IR validator: list shape, jump placement, source counts and types per op, swizzles,
 * phi predecessors, SSA dominance (computed on the structured CFG) and, while the shader
 * says they are current, use counts.  Run after every pass in debug builds and tests; errors
 * go to the shader's diagnostics. */
#include "ir.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B(x) IR_BASE_BIT(x)
#define INT32 IR_BASES_INT32

/* The producer decides a source's type (textures, images, memory): not checked. */
static bool loose_source(enum ir_op op, unsigned i)
{
    return ir_op_src_rule(op, i) == IR_SRC_P;
}

typedef struct vstate {
    ir_shader *s;
    const char *pass;
    bool ok;
    unsigned errors;
    /* per block (by ir_block.index) */
    ir_block **blocks;       /* program order */
    uint32_t *order;         /* program position of block index, UINT32_MAX if not seen */
    uint32_t *idom;          /* program position of the immediate dominator */
    uint32_t *pred_start, *preds; /* CSR over program positions */
    uint32_t num_blocks;
    /* per instruction (by ir_instr.index) */
    uint32_t *pos;           /* position within its block */
    uint8_t *seen;
    uint32_t *uses;          /* uses counted here, to hold num_uses to when uses_valid */
} vstate;

static void err(vstate *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void err(vstate *v, const char *fmt, ...)
{
    v->ok = false;
    if (++v->errors > 20 || !v->s->diags)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_error(v->s->diags, 0, 0, "invalid IR after %s: %s", v->pass ? v->pass : "(start)", msg);
}

/* ---------------------------------------------------------------- shape */

static void check_list(vstate *v, ir_cf_list *l, ir_cf_node *owner, unsigned loops, unsigned breakables);

static void check_block(vstate *v, ir_block *b, unsigned loops, unsigned breakables)
{
    if (b->index >= v->s->next_block_index) {
        err(v, "block index %u out of range", b->index);
        return;
    }
    if (v->order[b->index] != UINT32_MAX) {
        err(v, "block b%u appears twice", b->index);
        return;
    }
    v->order[b->index] = v->num_blocks;
    v->blocks[v->num_blocks++] = b;
    uint32_t p = 0;
    bool phis_done = false;
    ir_instr *prev = NULL;
    IR_FOREACH_INSTR(b, in) {
        if (in->prev != prev || in->block != b)
            err(v, "b%u: broken instruction links at %%%u", b->index, in->index);
        prev = in;
        if (in->op >= IR_OP_COUNT) {
            err(v, "b%u: bad op %u", b->index, in->op);
            continue;
        }
        if (in->index >= v->s->next_value_index || v->seen[in->index]) {
            err(v, "b%u: value index %u reused or out of range", b->index, in->index);
            continue;
        }
        v->seen[in->index] = 1;
        v->pos[in->index] = p++;
        if (in->op == IR_OP_PHI) {
            if (phis_done)
                err(v, "%%%u: phi after a non-phi instruction in b%u", in->index, b->index);
        } else {
            phis_done = true;
        }
        if (ir_op_infos[in->op].flags & IR_JUMP) {
            if (in->next)
                err(v, "b%u: %s is not the last instruction", b->index, ir_op_infos[in->op].name);
            if (in->op == IR_OP_BREAK && !breakables)
                err(v, "b%u: break outside a loop or switch", b->index);
            if (in->op == IR_OP_CONTINUE && !loops)
                err(v, "b%u: continue outside a loop", b->index);
        }
    }
    if (b->last != prev)
        err(v, "b%u: last instruction link is wrong", b->index);
}

static void check_list(vstate *v, ir_cf_list *l, ir_cf_node *owner, unsigned loops, unsigned breakables)
{
    if (l->owner != owner)
        err(v, "list owner is wrong");
    if (!l->head || l->head->kind != IR_CF_BLOCK || !l->tail || l->tail->kind != IR_CF_BLOCK) {
        err(v, "a control-flow list must start and end with a block");
        if (!l->head)
            return;
    }
    ir_cf_node *prev = NULL;
    for (ir_cf_node *n = l->head; n; prev = n, n = n->next) {
        if (n->list != l || n->prev != prev)
            err(v, "broken control-flow links");
        if (prev && (prev->kind == IR_CF_BLOCK) == (n->kind == IR_CF_BLOCK))
            err(v, "control-flow list does not alternate blocks and if/loop/switch nodes");
        switch (n->kind) {
        case IR_CF_BLOCK:
            check_block(v, (ir_block *)n, loops, breakables);
            break;
        case IR_CF_IF:
            check_list(v, &((ir_if *)n)->then_list, n, loops, breakables);
            check_list(v, &((ir_if *)n)->else_list, n, loops, breakables);
            break;
        case IR_CF_LOOP:
            check_list(v, &((ir_loop *)n)->body, n, loops + 1, breakables + 1);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                check_list(v, &sw->cases[i].body, n, loops, breakables + 1);
            break;
        }
        }
    }
    if (prev != l->tail)
        err(v, "list tail link is wrong");
}

/* ---------------------------------------------------------------- dominance */

static uint32_t intersect(const vstate *v, uint32_t a, uint32_t b)
{
    while (a != b) {
        while (a > b)
            a = v->idom[a];
        while (b > a)
            b = v->idom[b];
    }
    return a;
}

/* Where an unreachable block would hang in the dominator tree: the block structurally
 * before it (before its node, or before the node owning its list). */
static uint32_t structural_parent(const vstate *v, const ir_block *b)
{
    const ir_cf_node *n = &b->cf;
    for (;;) {
        if (n->prev) {
            ir_block *p = ir_cf_as_block(n->prev);
            if (p)
                return v->order[p->index];
            n = n->prev;
            continue;
        }
        if (!n->list || !n->list->owner)
            return 0;
        n = n->list->owner;
    }
}

/* Cooper, Harvey and Kennedy's iterative algorithm; program order is a topological order
 * of the forward edges, which is all it needs. */
static void compute_dominators(vstate *v)
{
    const uint32_t undef = UINT32_MAX;
    for (uint32_t i = 0; i < v->num_blocks; i++)
        v->idom[i] = undef;
    if (!v->num_blocks)
        return;
    v->idom[0] = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t i = 1; i < v->num_blocks; i++) {
            uint32_t nd = undef;
            for (uint32_t k = v->pred_start[i]; k < v->pred_start[i + 1]; k++) {
                uint32_t p = v->preds[k];
                if (v->idom[p] == undef)
                    continue;
                nd = nd == undef ? p : intersect(v, p, nd);
            }
            if (nd != v->idom[i]) {
                v->idom[i] = nd;
                changed = true;
            }
        }
    }
    for (uint32_t i = 1; i < v->num_blocks; i++)
        if (v->idom[i] == undef)
            v->idom[i] = structural_parent(v, v->blocks[i]);
}

static bool block_dominates(const vstate *v, uint32_t a, uint32_t b)
{
    for (unsigned guard = 0; guard <= v->num_blocks; guard++) {
        if (a == b)
            return true;
        if (b == 0 || v->idom[b] >= b)
            return false;
        b = v->idom[b];
    }
    return false;
}

/* ---------------------------------------------------------------- sources */

static bool value_ok(vstate *v, const ir_instr *def)
{
    return def->index < v->s->next_value_index && v->seen[def->index] && def->block &&
           def->block->index < v->s->next_block_index && v->order[def->block->index] != UINT32_MAX;
}

/* A use at position `pos` of block `bpos` (pos UINT32_MAX: the block's end). */
static void check_dominance(vstate *v, const char *what, unsigned user, const ir_instr *def,
                            uint32_t bpos, uint32_t pos)
{
    uint32_t dpos = v->order[def->block->index];
    if (dpos == bpos ? v->pos[def->index] < pos : block_dominates(v, dpos, bpos))
        return;
    err(v, "%s %u uses %%%u, which does not dominate it", what, user, def->index);
}

static void check_src_shape(vstate *v, const ir_instr *in, unsigned i, ir_type want)
{
    ir_src s = in->srcs[i];
    ir_type dt = s.def->type;
    if (!(ir_op_infos[s.def->op].flags & IR_DEF) || dt.base == IR_VOID) {
        err(v, "%%%u: source %u refers to %%%u, which defines no value", in->index, i, s.def->index);
        return;
    }
    for (unsigned c = 0; c < want.comps && c < 4; c++)
        if (s.swizzle[c] >= dt.comps)
            err(v, "%%%u: source %u swizzle component %u reads .%c of a %u-component value",
                in->index, i, c, "xyzw"[s.swizzle[c] & 3], dt.comps);
    if (!loose_source((enum ir_op)in->op, i) && want.base != dt.base)
        err(v, "%%%u (%s): source %u is %s, expected %s", in->index, ir_op_infos[in->op].name, i,
            ir_type_name(ir_type_make(dt.base, 1)), ir_type_name(ir_type_make(want.base, 1)));
}

/* Index offsets, INTERP's sample or offset, and what the producer decides may be absent. */
static bool src_optional(enum ir_op op, unsigned i)
{
    enum ir_src_rule r = ir_op_src_rule(op, i);
    return r == IR_SRC_O || r == IR_SRC_X || r == IR_SRC_P;
}

/* A soft-fp64 call: its function's result and source kinds, on one or two lanes (a double
 * lane is two uint words). */
static ir_base fp64_kind_base(char kind)
{
    switch (kind) {
    case 'D': case 'U': return IR_U32;
    case 'F': return IR_F32;
    case 'I': return IR_I32;
    case 'B': return IR_BOOL;
    default: return IR_VOID;
    }
}

static void check_fp64_call(vstate *v, const ir_instr *in)
{
    if (in->u.flags >= IR_FP64_COUNT) {
        err(v, "%%%u: call_fp64 of unknown function %u", in->index, in->u.flags);
        return;
    }
    const char *name = ir_fp64_fns[in->u.flags].name, *sig = ir_fp64_fns[in->u.flags].sig;
    unsigned lanes = sig[0] == 'D' ? in->type.comps / 2 : in->type.comps;
    if (lanes < 1 || lanes > 2 || in->type.base != fp64_kind_base(sig[0]) ||
        (sig[0] == 'D' && (in->type.comps & 1)))
        err(v, "%%%u: call_fp64 %s makes %s", in->index, name, ir_type_name(in->type));
    if (in->num_srcs != strlen(sig) - 1) {
        err(v, "%%%u: call_fp64 %s with %u sources", in->index, name, in->num_srcs);
        return;
    }
    for (unsigned i = 0; i < in->num_srcs; i++)
        if (!in->srcs[i].def || in->srcs[i].def->type.base != fp64_kind_base(sig[i + 1]))
            err(v, "%%%u: call_fp64 %s source %u has the wrong type", in->index, name, i);
}

/* Rules beyond "sources share the instruction's type" that the table cannot say. */
static void check_op_types(vstate *v, const ir_instr *in)
{
    enum ir_op op = (enum ir_op)in->op;
    const ir_op_info *info = &ir_op_infos[op];
    ir_type t = in->type;
    bool defines = info->flags & IR_DEF;
    if (defines ? (t.base == IR_VOID || t.base >= IR_BASE_COUNT || t.comps < 1 || t.comps > 4)
                : t.base != IR_VOID) {
        err(v, "%%%u (%s): bad result type %s", in->index, info->name, ir_type_name(t));
        return;
    }
    if (info->num_srcs >= 0 && in->num_srcs != info->num_srcs)
        err(v, "%%%u (%s): %u sources, expected %d", in->index, info->name, in->num_srcs, info->num_srcs);
    uint16_t allowed = info->result;
    ir_base checked = (ir_base)t.base;
    if (info->flags & IR_CMP) {
        if (t.base != IR_BOOL)
            err(v, "%%%u (%s): comparison result must be bool", in->index, info->name);
        checked = in->num_srcs && in->srcs[0].def ? (ir_base)in->srcs[0].def->type.base : IR_VOID;
    }
    if (allowed && !(allowed & B(checked)))
        err(v, "%%%u (%s): type %s not allowed", in->index, info->name,
            ir_type_name(ir_type_make(checked, 1)));
    switch (op) {
    case IR_OP_VEC:
        if (in->num_srcs != t.comps)
            err(v, "%%%u: vec of %u sources makes a %s", in->index, in->num_srcs, ir_type_name(t));
        break;
    case IR_OP_DOT: case IR_OP_ANY: case IR_OP_ALL:
        if (t.comps != 1)
            err(v, "%%%u (%s): result must be scalar", in->index, info->name);
        break;
    case IR_OP_BITCAST:
        if (in->srcs[0].def && (in->srcs[0].def->type.base == IR_BOOL ||
                                ir_base_is_64((ir_base)in->srcs[0].def->type.base) != ir_base_is_64((ir_base)t.base)))
            err(v, "%%%u: bitcast between types of different size", in->index);
        break;
    case IR_OP_PACK64:
        if (t.comps > 2)
            err(v, "%%%u: pack64 makes at most two components", in->index);
        break;
    case IR_OP_UNPACK64:
        if (t.comps & 1)
            err(v, "%%%u: unpack64 makes an even number of components", in->index);
        break;
    case IR_OP_PACK_HALF:
        if (t.comps != 1)
            err(v, "%%%u: pack_half makes a uint", in->index);
        break;
    case IR_OP_UNPACK_HALF:
        if (t.comps != 2)
            err(v, "%%%u: unpack_half makes a vec2", in->index);
        break;
    case IR_OP_LOAD_VAR: case IR_OP_STORE_VAR: case IR_OP_INTERP:
        if (!in->u.access.var)
            err(v, "%%%u (%s): no variable", in->index, info->name);
        break;
    case IR_OP_TEX:
        if (!in->u.tex.sampler)
            err(v, "%%%u: texture op without a sampler", in->index);
        break;
    case IR_OP_CALL_FP64:
        check_fp64_call(v, in);
        break;
    default:
        break;
    }
}

static void check_instr(vstate *v, ir_instr *in, uint32_t bpos)
{
    enum ir_op op = (enum ir_op)in->op;
    check_op_types(v, in);
    if (op == IR_OP_PHI) {
        uint32_t first = v->pred_start[bpos], n = v->pred_start[bpos + 1] - first;
        if (in->num_srcs != n) {
            err(v, "%%%u: phi has %u sources but b%u has %u predecessors", in->index,
                in->num_srcs, v->blocks[bpos]->index, n);
            return;
        }
        for (unsigned i = 0; i < in->num_srcs; i++) {
            ir_block *pb = in->phi_preds ? in->phi_preds[i] : NULL;
            bool found = false, dup = false;
            for (uint32_t k = 0; pb && k < n; k++)
                found |= v->blocks[v->preds[first + k]] == pb;
            for (unsigned j = 0; j < i; j++)
                dup |= in->phi_preds[j] == pb;
            if (!found || dup) {
                err(v, "%%%u: phi source %u names b%u, %s", in->index, i, pb ? pb->index : 0u,
                    dup ? "twice" : "which is not a predecessor");
                continue;
            }
            if (!in->srcs[i].def) {
                err(v, "%%%u: phi source %u is missing", in->index, i);
                continue;
            }
            if (!value_ok(v, in->srcs[i].def)) {
                err(v, "%%%u: phi source %u is not in the shader", in->index, i);
                continue;
            }
            v->uses[in->srcs[i].def->index]++;
            check_src_shape(v, in, i, ir_src_type(in, i));
            check_dominance(v, "phi", in->index, in->srcs[i].def, v->order[pb->index], UINT32_MAX);
        }
        return;
    }
    for (unsigned i = 0; i < in->num_srcs; i++) {
        ir_src s = in->srcs[i];
        if (!s.def) {
            if (!src_optional(op, i))
                err(v, "%%%u (%s): source %u is missing", in->index, ir_op_infos[op].name, i);
            continue;
        }
        if (!value_ok(v, s.def)) {
            err(v, "%%%u: source %u (%%%u) is not in the shader", in->index, i, s.def->index);
            continue;
        }
        v->uses[s.def->index]++;
        ir_type want = ir_src_type(in, i);
        /* Index offsets may be int or uint (and so may the other sources of a variable
         * access that want int: INTERP's sample, a stored value of an int variable). */
        enum ir_src_rule r = ir_op_src_rule(op, i);
        if ((r == IR_SRC_O || r == IR_SRC_X || r == IR_SRC_V) && want.base == IR_I32 &&
            s.def->type.base == IR_U32)
            want.base = IR_U32;
        check_src_shape(v, in, i, want);
        check_dominance(v, "instruction", in->index, s.def, bpos, v->pos[in->index]);
    }
}

static void check_node_src(vstate *v, ir_cf_node *n, ir_src s, const char *what, uint32_t ok_bases)
{
    ir_block *before = ir_cf_as_block(n->prev);
    if (!s.def) {
        err(v, "%s without a source", what);
        return;
    }
    if (!value_ok(v, s.def)) {
        err(v, "%s uses %%%u, which is not in the shader", what, s.def->index);
        return;
    }
    v->uses[s.def->index]++;
    if (s.def->type.comps < 1 || s.swizzle[0] >= s.def->type.comps || !(ok_bases & B(s.def->type.base)))
        err(v, "%s: %%%u is not a usable scalar", what, s.def->index);
    if (before)
        check_dominance(v, what, 0, s.def, v->order[before->index], UINT32_MAX);
}

static void check_nodes(vstate *v, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            break;
        case IR_CF_IF:
            check_node_src(v, n, ((ir_if *)n)->cond, "if condition", B(IR_BOOL));
            check_nodes(v, &((ir_if *)n)->then_list);
            check_nodes(v, &((ir_if *)n)->else_list);
            break;
        case IR_CF_LOOP:
            check_nodes(v, &((ir_loop *)n)->body);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            check_node_src(v, n, sw->selector, "switch selector", INT32);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                check_nodes(v, &sw->cases[i].body);
            break;
        }
        }
    }
}

bool ir_validate(ir_shader *s, const char *after_pass)
{
    vstate v = { .s = s, .pass = after_pass, .ok = true };
    size_t nb = s->next_block_index + 1, nv = s->next_value_index + 1;
    v.blocks = calloc(nb, sizeof(*v.blocks));
    v.order = malloc(nb * sizeof(*v.order));
    v.idom = calloc(nb, sizeof(*v.idom));
    v.pred_start = calloc(nb + 1, sizeof(*v.pred_start));
    v.pos = calloc(nv, sizeof(*v.pos));
    v.seen = calloc(nv, 1);
    v.uses = calloc(nv, sizeof(*v.uses));
    uint32_t *preds = NULL;
    ir_block **tmp = NULL;
    if (!v.blocks || !v.order || !v.idom || !v.pred_start || !v.pos || !v.seen || !v.uses) {
        err(&v, "out of memory");
        goto out;
    }
    memset(v.order, 0xff, nb * sizeof(*v.order));

    check_list(&v, &s->body, NULL, 0, 0);
    if (!v.ok)
        goto out; /* the rest assumes a well-formed structure */

    /* Predecessors in CSR form over program positions. */
    size_t total = 0, cap = 64;
    preds = malloc(cap * sizeof(*preds));
    tmp = malloc(v.num_blocks * sizeof(*tmp) + sizeof(*tmp));
    if (!preds || !tmp) {
        err(&v, "out of memory");
        goto out;
    }
    for (uint32_t i = 0; i < v.num_blocks; i++) {
        unsigned n = ir_block_preds(v.blocks[i], tmp, v.num_blocks);
        v.pred_start[i] = (uint32_t)total;
        if (total + n > cap) {
            while (total + n > cap)
                cap *= 2;
            uint32_t *np = realloc(preds, cap * sizeof(*preds));
            if (!np) {
                err(&v, "out of memory");
                goto out;
            }
            preds = np;
        }
        for (unsigned k = 0; k < n && k < v.num_blocks; k++)
            preds[total++] = v.order[tmp[k]->index];
    }
    v.pred_start[v.num_blocks] = (uint32_t)total;
    v.preds = preds;
    compute_dominators(&v);

    for (uint32_t i = 0; i < v.num_blocks; i++)
        IR_FOREACH_INSTR(v.blocks[i], in)
            check_instr(&v, in, i);
    check_nodes(&v, &s->body);
    if (s->uses_valid && v.ok)
        for (uint32_t i = 0; i < v.num_blocks; i++)
            IR_FOREACH_INSTR(v.blocks[i], in)
                if (in->num_uses != v.uses[in->index])
                    err(&v, "%%%u: num_uses is %u, but it has %u uses (uses_valid is set)",
                        in->index, in->num_uses, v.uses[in->index]);

out:
    free(v.blocks);
    free(v.order);
    free(v.idom);
    free(v.pred_start);
    free(v.pos);
    free(v.seen);
    free(v.uses);
    free(preds);
    free(tmp);
    return v.ok;
}
