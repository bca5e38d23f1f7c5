/* Cast minimization.  TGSI registers are untyped, so the translator bitcasts wherever a use
 * wants another type and turns booleans into ~0/0 masks.  This pass recovers types so the
 * GLSL needs few floatBitsToInt-style casts and tests bools directly:
 *   - compares of a mask with a constant become the bool:  ne(select(b, ~0, 0), 0) -> b
 *   - bitcasts move through selects and vecs whose inputs come from the target type
 *   - and/or of masks become bool logic: and(select(a,~0,0), select(b,~0,0)) -> select(a&&b, ~0, 0)
 *   - select(b, 1.0, 0.0) becomes float(b) (TGSI's SLT/SGE results)
 *   - phis, constant buffers and temporary arrays take the type most of their definitions
 *     and uses want. */
#include "passes.h"

#include <stdlib.h>
#include <string.h>

typedef struct ti {
    ir_shader *s;
    bool progress;
    uint32_t num_slots;  /* tracked values (phis, loads of retypable variables), numbered in
                          * their pass_data field */
    uint32_t *bc_uses;   /* [slot * IR_BASE_COUNT + base]: bitcasts of a tracked value to
                          * base; [.. + IR_VOID]: all its uses */
    /* The tracked values by slot, and the stores to retypable variables, in program order:
     * the decisions look at these only, not at every instruction again. */
    ir_instr **tracked, **stores;
    uint32_t num_stores, tracked_cap, stores_cap;
    bool oom;
} ti;

/* ---------------------------------------------------------------- helpers */

static void insert_at_end(ir_block *b, ir_instr *in)
{
    ir_instr *j = ir_block_jump(b);
    if (j)
        ir_instr_insert_before(j, in);
    else
        ir_instr_append(b, in);
}

/* A constant with the bits of component swz[c] of `k` for c < comps, typed `base`. */
static ir_instr *const_like(ir_shader *s, ir_base base, ir_src k, unsigned comps)
{
    ir_instr *in = ir_instr_create(s, IR_OP_CONST, ir_type_make(base, comps), 0);
    for (unsigned c = 0; c < comps; c++) {
        uint64_t v = ir_src_const_bits(k, c);
        if (ir_base_is_64(base))
            in->u.value.u64[c] = v;
        else
            in->u.value.u32[c] = base == IR_BOOL ? (v != 0) : (uint32_t)v;
    }
    return in;
}

static ir_instr *const_bits(ir_shader *s, ir_base base, unsigned comps, const uint64_t *bits)
{
    ir_instr *in = ir_instr_create(s, IR_OP_CONST, ir_type_make(base, comps), 0);
    for (unsigned c = 0; c < comps; c++) {
        if (ir_base_is_64(base))
            in->u.value.u64[c] = bits[c];
        else
            in->u.value.u32[c] = (uint32_t)bits[c];
    }
    return in;
}

static uint64_t one_bits(ir_base b)
{
    switch (b) {
    case IR_F32: return 0x3f800000u;
    case IR_F64: return 0x3ff0000000000000ull;
    default: return 1;
    }
}

static uint64_t width_mask(ir_base b)
{
    return ir_base_is_64(b) ? ~0ull : b == IR_BOOL ? 1 : 0xffffffffull;
}

/* A value that is `cond ? t : f` per component with constant t/f: SELECT of constants or
 * CONVERT from bool.  Reads the components `src` selects, `n` of them. */
typedef struct mask_sel {
    ir_src cond;
    uint64_t t[4], f[4];
} mask_sel;

static bool as_mask_sel(ir_src src, unsigned n, mask_sel *m)
{
    ir_instr *d = src.def;
    if (!d)
        return false;
    ir_base b = (ir_base)d->type.base;
    if (d->op == IR_OP_SELECT && ir_src_is_const(d->srcs[1]) && ir_src_is_const(d->srcs[2])) {
        m->cond = ir_src_compose(d->srcs[0], src.swizzle);
        for (unsigned c = 0; c < n; c++) {
            unsigned k = src.swizzle[c] & 3;
            m->t[c] = ir_src_const_bits(d->srcs[1], k) & width_mask(b);
            m->f[c] = ir_src_const_bits(d->srcs[2], k) & width_mask(b);
        }
        return true;
    }
    if (d->op == IR_OP_CONVERT && d->srcs[0].def && d->srcs[0].def->type.base == IR_BOOL &&
        b != IR_BOOL) {
        m->cond = ir_src_compose(d->srcs[0], src.swizzle);
        for (unsigned c = 0; c < n; c++) {
            m->t[c] = one_bits(b);
            m->f[c] = 0;
        }
        return true;
    }
    return false;
}

/* EQ/NE of two constant bit patterns of base b (floats compare as numbers). */
static bool const_eq(ir_base b, uint64_t x, uint64_t y)
{
    if (b == IR_F32) {
        float p, q;
        uint32_t a = (uint32_t)x, c = (uint32_t)y;
        memcpy(&p, &a, 4);
        memcpy(&q, &c, 4);
        return p == q;
    }
    if (b == IR_F64) {
        double p, q;
        memcpy(&p, &x, 8);
        memcpy(&q, &y, 8);
        return p == q;
    }
    return (x & width_mask(b)) == (y & width_mask(b));
}

static void set_srcs(ir_shader *s, ir_instr *in, unsigned n)
{
    if (n > in->num_srcs) {
        ir_src *ns = ARENA_NEW_ARRAY(s->arena, ir_src, n);
        for (unsigned i = 0; i < in->num_srcs; i++)
            ns[i] = in->srcs[i];
        in->srcs = ns;
    }
    in->num_srcs = (uint16_t)n;
}

static bool retypable_var(const ir_var *v)
{
    return v && (v->kind == IR_VAR_CONST_BUFFER || v->kind == IR_VAR_TEMP_ARRAY) &&
           v->type.base != IR_BOOL && !ir_base_is_64((ir_base)v->type.base);
}

/* A value whose type a retyping may change: a phi, or a load of a retypable variable. */
static bool tracked(const ir_instr *d)
{
    return d && (d->op == IR_OP_PHI || (d->op == IR_OP_LOAD_VAR && retypable_var(d->u.access.var)));
}

/* ---------------------------------------------------------------- local rules */

/* eq/ne(mask, K) -> b or !b when the mask's arms compare differently with K. */
static bool rule_compare_mask(ti *t, ir_instr *in)
{
    if (in->op != IR_OP_EQ && in->op != IR_OP_NE)
        return false;
    unsigned n = in->type.comps;
    for (unsigned side = 0; side < 2; side++) {
        mask_sel m;
        ir_src k = in->srcs[1 - side];
        if (!ir_src_is_const(k) || !as_mask_sel(in->srcs[side], n, &m))
            continue;
        ir_base b = (ir_base)in->srcs[side].def->type.base;
        bool same = true, inv = true;
        for (unsigned c = 0; c < n; c++) {
            bool tv = const_eq(b, m.t[c], ir_src_const_bits(k, c));
            bool fv = const_eq(b, m.f[c], ir_src_const_bits(k, c));
            if (in->op == IR_OP_NE) {
                tv = !tv;
                fv = !fv;
            }
            same &= tv && !fv;
            inv &= !tv && fv;
        }
        if (!same && !inv)
            continue;
        in->op = same ? IR_OP_MOV : IR_OP_NOT;
        in->num_srcs = 1;
        in->srcs[0] = m.cond;
        (void)t;
        return true;
    }
    return false;
}

/* A source usable as type `to` without a new cast: a constant (retyped copy), an undef, or
 * a bitcast from `to`.  Writes the replacement, creating constants before `at`. */
static bool retypable(ir_src s, ir_base to)
{
    ir_instr *d = s.def;
    return d && (d->op == IR_OP_CONST ||
                 (d->op == IR_OP_BITCAST && d->srcs[0].def && d->srcs[0].def->type.base == to));
}

static ir_src retype_src(ti *t, ir_src s, ir_base to, unsigned comps, ir_instr *at_before, ir_block *at_end)
{
    ir_instr *d = s.def;
    if (d->op == IR_OP_BITCAST)
        return ir_src_compose(d->srcs[0], s.swizzle);
    ir_instr *k = const_like(t->s, to, s, comps);
    if (at_before)
        ir_instr_insert_before(at_before, k);
    else
        insert_at_end(at_end, k);
    return ir_src_for(k);
}

/* bitcast(select(b, x, y)) -> select(b, x', y') and bitcast(vec(..)) -> vec(..') when every
 * input is a constant or comes from the target type. */
static bool rule_push_bitcast(ti *t, ir_instr *in)
{
    if (in->op != IR_OP_BITCAST)
        return false;
    ir_src s = in->srcs[0];
    ir_instr *d = s.def;
    ir_base to = (ir_base)in->type.base;
    unsigned n = in->type.comps;
    if (d->op == IR_OP_SELECT) {
        if (!retypable(d->srcs[1], to) || !retypable(d->srcs[2], to))
            return false;
        ir_src x = retype_src(t, ir_src_compose(d->srcs[1], s.swizzle), to, n, in, NULL);
        ir_src y = retype_src(t, ir_src_compose(d->srcs[2], s.swizzle), to, n, in, NULL);
        set_srcs(t->s, in, 3);
        in->op = IR_OP_SELECT;
        in->srcs[0] = ir_src_compose(d->srcs[0], s.swizzle);
        in->srcs[1] = x;
        in->srcs[2] = y;
        return true;
    }
    if (d->op == IR_OP_VEC) {
        for (unsigned c = 0; c < n; c++)
            if (!retypable(d->srcs[s.swizzle[c] & 3], to))
                return false;
        ir_src parts[4];
        for (unsigned c = 0; c < n; c++)
            parts[c] = retype_src(t, d->srcs[s.swizzle[c] & 3], to, 1, in, NULL);
        set_srcs(t->s, in, n);
        in->op = IR_OP_VEC;
        for (unsigned c = 0; c < n; c++)
            in->srcs[c] = parts[c];
        return true;
    }
    if (d->op == IR_OP_CONVERT && d->srcs[0].def && d->srcs[0].def->type.base == IR_BOOL) {
        /* bitcast(float(b)) -> select(b, bits of 1.0, 0) */
        mask_sel m;
        as_mask_sel(s, n, &m);
        ir_instr *kt = const_bits(t->s, to, n, m.t), *kf = const_bits(t->s, to, n, m.f);
        ir_instr_insert_before(in, kt);
        ir_instr_insert_before(in, kf);
        set_srcs(t->s, in, 3);
        in->op = IR_OP_SELECT;
        in->srcs[0] = m.cond;
        in->srcs[1] = ir_src_for(kt);
        in->srcs[2] = ir_src_for(kf);
        return true;
    }
    return false;
}

static bool all_ones(const uint64_t *v, unsigned n, ir_base b)
{
    for (unsigned c = 0; c < n; c++)
        if ((v[c] & width_mask(b)) != width_mask(b))
            return false;
    return true;
}

static bool all_zero(const uint64_t *v, unsigned n)
{
    for (unsigned c = 0; c < n; c++)
        if (v[c])
            return false;
    return true;
}

/* and/or/not of ~0/0 masks become bool logic under one select. */
static bool rule_mask_logic(ti *t, ir_instr *in)
{
    ir_base b = (ir_base)in->type.base;
    unsigned n = in->type.comps;
    if (!ir_base_is_int(b))
        return false;
    if (in->op == IR_OP_NOT) {
        mask_sel m;
        if (!as_mask_sel(in->srcs[0], n, &m) || in->srcs[0].def->op != IR_OP_SELECT)
            return false;
        for (unsigned c = 0; c < n; c++) {
            m.t[c] = ~m.t[c] & width_mask(b);
            m.f[c] = ~m.f[c] & width_mask(b);
        }
        ir_instr *kt = const_bits(t->s, b, n, m.t), *kf = const_bits(t->s, b, n, m.f);
        ir_instr_insert_before(in, kt);
        ir_instr_insert_before(in, kf);
        set_srcs(t->s, in, 3);
        in->op = IR_OP_SELECT;
        in->srcs[0] = m.cond;
        in->srcs[1] = ir_src_for(kt);
        in->srcs[2] = ir_src_for(kf);
        return true;
    }
    if (in->op != IR_OP_AND && in->op != IR_OP_OR)
        return false;
    bool is_and = in->op == IR_OP_AND;
    for (unsigned side = 0; side < 2; side++) {
        mask_sel m;
        if (!as_mask_sel(in->srcs[side], n, &m) || !all_ones(m.t, n, b) || !all_zero(m.f, n))
            continue;
        ir_src other = in->srcs[1 - side];
        mask_sel o;
        if (as_mask_sel(other, n, &o) && all_zero(o.f, n) && (is_and || all_ones(o.t, n, b))) {
            /* and(a?~0:0, b?K:0) -> (a&&b)?K:0 ; or(a?~0:0, b?~0:0) -> (a||b)?~0:0 */
            ir_instr *l = ir_instr_create(t->s, in->op, ir_type_make(IR_BOOL, n), 2);
            l->srcs[0] = m.cond;
            l->srcs[1] = o.cond;
            ir_instr_insert_before(in, l);
            ir_instr *kt = const_bits(t->s, b, n, o.t), *kf = const_bits(t->s, b, n, o.f);
            ir_instr_insert_before(in, kt);
            ir_instr_insert_before(in, kf);
            set_srcs(t->s, in, 3);
            in->op = IR_OP_SELECT;
            in->srcs[0] = ir_src_for(l);
            in->srcs[1] = ir_src_for(kt);
            in->srcs[2] = ir_src_for(kf);
            return true;
        }
        /* and(a?~0:0, x) -> a ? x : 0 ; or(a?~0:0, x) -> a ? ~0 : x */
        uint64_t zero[4] = { 0 };
        ir_instr *k = is_and ? const_bits(t->s, b, n, zero) : const_bits(t->s, b, n, m.t);
        ir_instr_insert_before(in, k);
        set_srcs(t->s, in, 3);
        in->op = IR_OP_SELECT;
        in->srcs[0] = m.cond;
        in->srcs[1] = is_and ? other : ir_src_for(k);
        in->srcs[2] = is_and ? ir_src_for(k) : other;
        return true;
    }
    return false;
}

/* select(b, 1, 0) -> convert(b): float(b) in GLSL, TGSI's SLT/SGE/SEQ results. */
static bool rule_select_to_convert(ti *t, ir_instr *in)
{
    if (in->op != IR_OP_SELECT || !ir_base_is_float((ir_base)in->type.base))
        return false;
    mask_sel m;
    ir_src self = ir_src_for(in);
    if (!as_mask_sel(self, in->type.comps, &m))
        return false;
    ir_base b = (ir_base)in->type.base;
    for (unsigned c = 0; c < in->type.comps; c++)
        if (m.t[c] != one_bits(b) || m.f[c] != 0)
            return false;
    in->op = IR_OP_CONVERT;
    in->num_srcs = 1;
    (void)t;
    return true;
}

static void push_instr(ti *t, ir_instr ***arr, uint32_t *cap, uint32_t at, ir_instr *in)
{
    if (at == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 64;
        ir_instr **n = arena_realloc(t->s->arena, *arr, *cap * sizeof(**arr), nc * sizeof(**arr));
        if (!n) {
            t->oom = true;
            return;
        }
        *arr = n;
        *cap = nc;
    }
    (*arr)[at] = in;
}

static void local_rules(ir_block *b, void *ctx)
{
    ti *t = ctx;
    IR_FOREACH_INSTR(b, in) {
        bool p = false;
        switch (in->op) {
        case IR_OP_EQ: case IR_OP_NE: p = rule_compare_mask(t, in); break;
        case IR_OP_BITCAST: p = rule_push_bitcast(t, in); break;
        case IR_OP_AND: case IR_OP_OR: case IR_OP_NOT: p = rule_mask_logic(t, in); break;
        case IR_OP_SELECT: p = rule_select_to_convert(t, in); break;
        default: break;
        }
        t->progress |= p;
        if (tracked(in)) {
            in->pass_data = t->num_slots;
            push_instr(t, &t->tracked, &t->tracked_cap, t->num_slots++, in);
        } else if (in->op == IR_OP_STORE_VAR && retypable_var(in->u.access.var)) {
            push_instr(t, &t->stores, &t->stores_cap, t->num_stores++, in);
        }
    }
}

/* ---------------------------------------------------------------- retyping values */

/* Phis, and variables TGSI leaves untyped (constant buffers, temporary arrays), take the
 * type their uses and definitions want most.  Decisions come from counts; the rewrite is one
 * walk over all sources for the whole batch. */

typedef struct var_score {
    int gain[IR_BASE_COUNT], cost[IR_BASE_COUNT];
} var_score;

static uint32_t *uses_of(ti *t, const ir_instr *d)
{
    return &t->bc_uses[d->pass_data * IR_BASE_COUNT];
}



static void count_uses_block(ir_block *b, void *ctx)
{
    ti *t = ctx;
    IR_FOREACH_INSTR(b, in) {
        for (unsigned i = 0; i < in->num_srcs; i++) {
            ir_instr *d = in->srcs[i].def;
            if (!tracked(d))
                continue;
            uses_of(t, d)[IR_VOID]++;
            if (in->op == IR_OP_BITCAST)
                uses_of(t, d)[in->type.base]++;
        }
    }
}

/* Gain and cost of giving a value (or a variable's stored value) type b: sources that are
 * bitcasts from b are saved, others cost a new cast; constants and undefs are free. */
static void score_def(ir_src s, ir_base b, int *gain, int *cost, const ir_instr *self)
{
    ir_instr *d = s.def;
    if (!d || d == self || d->op == IR_OP_CONST || d->op == IR_OP_UNDEF)
        return;
    if (d->op == IR_OP_BITCAST && d->srcs[0].def && d->srcs[0].def->type.base == b)
        (*gain)++;
    else
        (*cost)++;
}

/* Uses: bitcasts to b are saved; any other use costs one shared cast back. */
static void score_uses(ti *t, const ir_instr *d, ir_base b, unsigned self_uses, int *gain, int *cost)
{
    uint32_t *u = uses_of(t, d);
    *gain += (int)u[b];
    if (u[IR_VOID] > u[b] + self_uses)
        (*cost)++;
}

static const ir_base candidates32[] = { IR_F32, IR_I32, IR_U32 };
static const ir_base candidates64[] = { IR_F64, IR_I64, IR_U64 };

static ir_base best_of(const int *gain, const int *cost, ir_base current)
{
    const ir_base *cand = ir_base_is_64(current) ? candidates64 : candidates32;
    int best_gain = 0;
    ir_base best = IR_VOID;
    for (unsigned k = 0; k < 3; k++) {
        ir_base b = cand[k];
        if (b != current && gain[b] - cost[b] > best_gain) {
            best_gain = gain[b] - cost[b];
            best = b;
        }
    }
    return best;
}

typedef struct retype {
    ti *t;
    var_score *vars;          /* by var id */
    ir_base *var_to;          /* by var id: new base, IR_VOID = unchanged */
    ir_instr **back;          /* by slot: bitcast to the old type, for other uses */
    ir_instr **retyped;       /* values retyped, in order */
    uint32_t num_retyped;
} retype;

static void score_var_access(retype *r, ir_instr *in)
{
    var_score *vs = &r->vars[in->u.access.var->id];
    for (unsigned k = 0; k < 3; k++) {
        ir_base cb = candidates32[k];
        if (in->op == IR_OP_LOAD_VAR)
            score_uses(r->t, in, cb, 0, &vs->gain[cb], &vs->cost[cb]);
        else
            score_def(in->srcs[0], cb, &vs->gain[cb], &vs->cost[cb], NULL);
    }
}

static void score_vars(retype *r)
{
    ti *t = r->t;
    for (uint32_t i = 0; i < t->num_slots; i++)
        if (t->tracked[i]->op == IR_OP_LOAD_VAR)
            score_var_access(r, t->tracked[i]);
    for (uint32_t i = 0; i < t->num_stores; i++)
        score_var_access(r, t->stores[i]);
}

static void mark_retyped(retype *r, ir_instr *in, ir_base to)
{
    ir_instr *back = ir_instr_create(r->t->s, IR_OP_BITCAST, in->type, 1);
    back->srcs[0] = ir_src_for(in);
    in->type.base = (uint8_t)to;
    if (in->op == IR_OP_PHI) {
        ir_instr *first = ir_block_first_non_phi(in->block);
        if (first)
            ir_instr_insert_before(first, back);
        else
            ir_instr_append(in->block, back);
    } else {
        ir_instr_insert_after(in, back);
    }
    r->back[in->pass_data] = back;
    r->retyped[r->num_retyped++] = in;
}

static void decide(retype *r)
{
    for (uint32_t slot = 0; slot < r->t->num_slots; slot++) {
        ir_instr *in = r->t->tracked[slot];
        if (in->op == IR_OP_LOAD_VAR && retypable_var(in->u.access.var)) {
            ir_base to = r->var_to[in->u.access.var->id];
            if (to != IR_VOID)
                mark_retyped(r, in, to);
            continue;
        }
        if (in->op != IR_OP_PHI || in->type.base == IR_BOOL)
            continue;
        int gain[IR_BASE_COUNT] = { 0 }, cost[IR_BASE_COUNT] = { 0 };
        unsigned self_uses = 0;
        for (unsigned i = 0; i < in->num_srcs; i++)
            self_uses += in->srcs[i].def == in;
        const ir_base *cand = ir_base_is_64((ir_base)in->type.base) ? candidates64 : candidates32;
        for (unsigned k = 0; k < 3; k++) {
            ir_base cb = cand[k];
            for (unsigned i = 0; i < in->num_srcs; i++)
                score_def(in->srcs[i], cb, &gain[cb], &cost[cb], in);
            score_uses(r->t, in, cb, self_uses, &gain[cb], &cost[cb]);
        }
        ir_base to = best_of(gain, cost, (ir_base)in->type.base);
        if (to != IR_VOID)
            mark_retyped(r, in, to);
    }
}

/* Every use of a retyped value: bitcasts to the new type become MOVs, the rest read the
 * bitcast back to the old type. */
static void retarget_src(retype *r, ir_instr *user, ir_src *src)
{
    ir_instr *d = src->def;
    if (!tracked(d) || !r->back[d->pass_data] || user == r->back[d->pass_data])
        return;
    if (user && user->op == IR_OP_BITCAST && user->type.base == d->type.base) {
        user->op = IR_OP_MOV; /* copy propagation removes it */
        return;
    }
    src->def = r->back[d->pass_data];
}

static void retarget_list(retype *r, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            IR_FOREACH_INSTR((ir_block *)n, in)
                for (unsigned i = 0; i < in->num_srcs; i++)
                    retarget_src(r, in, &in->srcs[i]);
            break;
        case IR_CF_IF:
            retarget_src(r, NULL, &((ir_if *)n)->cond);
            retarget_list(r, &((ir_if *)n)->then_list);
            retarget_list(r, &((ir_if *)n)->else_list);
            break;
        case IR_CF_LOOP:
            retarget_list(r, &((ir_loop *)n)->body);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            retarget_src(r, NULL, &sw->selector);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                retarget_list(r, &sw->cases[i].body);
            break;
        }
        }
    }
}

/* Makes a source that must now have type `to` (a phi's or a store's value) have it: through
 * a bitcast's source, a retyped constant or undef, or a new bitcast placed by `place`. */
static ir_src convert_src(ti *t, ir_src s, ir_base to, unsigned comps, ir_block *pred_end, ir_instr *before)
{
    ir_instr *d = s.def;
    if (!d || d->type.base == to)
        return s;
    if (d->op == IR_OP_BITCAST && d->srcs[0].def && d->srcs[0].def->type.base == to)
        return ir_src_compose(d->srcs[0], s.swizzle);
    ir_instr *nv;
    if (d->op == IR_OP_CONST) {
        nv = const_like(t->s, to, s, comps);
    } else if (d->op == IR_OP_UNDEF) {
        nv = ir_instr_create(t->s, IR_OP_UNDEF, ir_type_make(to, comps), 0);
    } else {
        nv = ir_instr_create(t->s, IR_OP_BITCAST, ir_type_make(to, comps), 1);
        nv->srcs[0] = s;
        for (unsigned c = comps; c < 4; c++)
            nv->srcs[0].swizzle[c] = s.swizzle[0];
    }
    if (before)
        ir_instr_insert_before(before, nv);
    else
        insert_at_end(pred_end, nv);
    return ir_src_for(nv);
}

static void fix_stores(retype *r)
{
    for (uint32_t i = 0; i < r->t->num_stores; i++) {
        ir_instr *in = r->t->stores[i];
        ir_var *v = in->u.access.var;
        if (r->var_to[v->id] == IR_VOID)
            continue;
        in->srcs[0] = convert_src(r->t, in->srcs[0], (ir_base)v->type.base, v->type.comps, NULL, in);
    }
}

static void retype_values(ti *t)
{
    ir_shader *s = t->s;
    uint32_t n = t->num_slots;
    retype r = { t, ARENA_NEW_ARRAY(s->arena, var_score, s->num_vars + 1),
                 ARENA_NEW_ARRAY(s->arena, ir_base, s->num_vars + 1),
                 ARENA_NEW_ARRAY(s->arena, ir_instr *, n + 1),
                 arena_alloc_uninit(s->arena, (n + 1) * sizeof(ir_instr *)), 0 };
    if (!r.vars || !r.var_to || !r.back || !r.retyped)
        return;
    score_vars(&r);
    bool any_var = false;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (!retypable_var(v))
            continue;
        ir_base to = best_of(r.vars[i].gain, r.vars[i].cost, (ir_base)v->type.base);
        r.var_to[i] = to;
        if (to != IR_VOID) {
            v->type.base = (uint8_t)to;
            any_var = true;
        }
    }
    decide(&r);
    if (!r.num_retyped && !any_var)
        return;
    t->progress = true;
    retarget_list(&r, &s->body);
    for (uint32_t i = 0; i < r.num_retyped; i++) {
        ir_instr *x = r.retyped[i];
        r.back[x->pass_data]->srcs[0] = ir_src_for(x);
    }
    /* Sources of retyped phis now read the old-typed values (or the bitcasts back); make
     * them the new type at the end of each predecessor. */
    for (uint32_t i = 0; i < r.num_retyped; i++) {
        ir_instr *p = r.retyped[i];
        if (p->op != IR_OP_PHI)
            continue;
        for (unsigned k = 0; k < p->num_srcs; k++)
            p->srcs[k] = convert_src(t, p->srcs[k], (ir_base)p->type.base, p->type.comps, p->phi_preds[k], NULL);
    }
    if (any_var)
        fix_stores(&r);
}

bool opt_type_inference(ir_shader *s)
{
    ti t = { .s = s };
    ir_foreach_block(&s->body, local_rules, &t);
    if (t.num_slots && !t.oom) {
        t.bc_uses = ARENA_NEW_ARRAY(s->arena, uint32_t, (size_t)t.num_slots * IR_BASE_COUNT);
        if (t.bc_uses) {
            ir_foreach_block(&s->body, count_uses_block, &t);
            retype_values(&t);
        }
    }
    return t.progress;
}
