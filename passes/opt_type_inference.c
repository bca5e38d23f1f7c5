/* Cast minimization.  TGSI registers are untyped, so the translator bitcasts wherever a use
 * wants another type and turns booleans into ~0/0 masks.  This pass recovers types so the
 * GLSL needs few floatBitsToInt-style casts and tests bools directly:
 *   - compares of a mask with a constant become the bool:  ne(select(b, ~0, 0), 0) -> b
 *   - bitcasts move through selects and vecs whose inputs come from the target type
 *   - and/or of masks become bool logic: and(select(a,~0,0), select(b,~0,0)) -> select(a&&b, ~0, 0)
 *   - select(b, 1.0, 0.0) becomes float(b) (TGSI's SLT/SGE results)
 *   - phis take the type most of their sources and uses want. */
#include "passes.h"

#include <stdlib.h>
#include <string.h>

typedef struct ti {
    ir_shader *s;
    bool progress;
    unsigned num_phis;
    uint32_t *bc_uses;   /* [value * IR_BASE_COUNT + base]: bitcasts of a phi to base;
                          * [value * IR_BASE_COUNT + IR_VOID]: all uses of a phi */
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

static void local_rules(ir_block *b, void *ctx)
{
    ti *t = ctx;
    IR_FOREACH_INSTR(b, in) {
        t->num_phis += in->op == IR_OP_PHI;
        if (rule_compare_mask(t, in) || rule_push_bitcast(t, in) || rule_mask_logic(t, in) ||
            rule_select_to_convert(t, in))
            t->progress = true;
    }
}

/* ---------------------------------------------------------------- phis */

static void count_bitcasts(ir_block *b, void *ctx)
{
    ti *t = ctx;
    IR_FOREACH_INSTR(b, in) {
        for (unsigned i = 0; i < in->num_srcs; i++) {
            ir_instr *d = in->srcs[i].def;
            if (d && d->op == IR_OP_PHI) {
                t->bc_uses[d->index * IR_BASE_COUNT + IR_VOID]++;
                if (in->op == IR_OP_BITCAST)
                    t->bc_uses[d->index * IR_BASE_COUNT + in->type.base]++;
            }
        }
    }
}

typedef struct retarget {
    ir_instr *phi, *back;   /* back: bitcast of the retyped phi to its old type */
    ir_base to;
} retarget;

static void retarget_src(retarget *r, ir_instr *user, ir_src *src)
{
    if (src->def != r->phi || user == r->phi || user == r->back)
        return;
    if (user && user->op == IR_OP_BITCAST && user->type.base == r->to) {
        user->op = IR_OP_MOV; /* copy propagation removes it */
        return;
    }
    src->def = r->back;
}

static void retarget_list(retarget *r, ir_cf_list *l)
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

static const ir_base candidates32[] = { IR_F32, IR_I32, IR_U32 };
static const ir_base candidates64[] = { IR_F64, IR_I64, IR_U64 };

static bool retype_phi(ti *t, ir_instr *p)
{
    ir_base a = (ir_base)p->type.base;
    if (a == IR_BOOL)
        return false;
    const ir_base *cand = ir_base_is_64(a) ? candidates64 : candidates32;
    unsigned self_uses = 0;
    for (unsigned i = 0; i < p->num_srcs; i++)
        self_uses += p->srcs[i].def == p;
    int best_gain = 0;
    ir_base best = IR_VOID;
    for (unsigned k = 0; k < 3; k++) {
        ir_base b = cand[k];
        if (b == a)
            continue;
        uint32_t bc = t->bc_uses[p->index * IR_BASE_COUNT + b];
        int gain = (int)bc, cost = 0;
        for (unsigned i = 0; i < p->num_srcs; i++) {
            ir_instr *d = p->srcs[i].def;
            if (!d)
                return false;
            if (d == p || d->op == IR_OP_CONST || d->op == IR_OP_UNDEF)
                continue;
            if (d->op == IR_OP_BITCAST && d->srcs[0].def->type.base == b)
                gain++;
            else
                cost++;
        }
        if (t->bc_uses[p->index * IR_BASE_COUNT + IR_VOID] > bc + self_uses)
            cost++;
        if (gain - cost > best_gain) {
            best_gain = gain - cost;
            best = b;
        }
    }
    if (best == IR_VOID)
        return false;

    unsigned n = p->type.comps;
    for (unsigned i = 0; i < p->num_srcs; i++) {
        ir_src s = p->srcs[i];
        ir_block *pred = p->phi_preds[i];
        if (s.def == p)
            continue;
        if (s.def->op == IR_OP_BITCAST && s.def->srcs[0].def->type.base == best) {
            p->srcs[i] = ir_src_compose(s.def->srcs[0], s.swizzle);
            continue;
        }
        ir_instr *nv;
        if (s.def->op == IR_OP_CONST) {
            nv = const_like(t->s, best, s, n);
        } else if (s.def->op == IR_OP_UNDEF) {
            nv = ir_instr_create(t->s, IR_OP_UNDEF, ir_type_make(best, n), 0);
        } else {
            nv = ir_instr_create(t->s, IR_OP_BITCAST, ir_type_make(best, n), 1);
            nv->srcs[0] = s;
        }
        insert_at_end(pred, nv);
        p->srcs[i] = ir_src_for(nv);
    }
    p->type.base = (uint8_t)best;
    /* Uses that wanted the old type read a bitcast back (DCE drops it when none do). */
    retarget r = { p, ir_instr_create(t->s, IR_OP_BITCAST, ir_type_make(a, n), 1), best };
    r.back->srcs[0] = ir_src_for(p);
    ir_instr *first = ir_block_first_non_phi(p->block);
    if (first)
        ir_instr_insert_before(first, r.back);
    else
        ir_instr_append(p->block, r.back);
    retarget_list(&r, &t->s->body);
    return true;
}

static void retype_phis(ir_block *b, void *ctx)
{
    ti *t = ctx;
    IR_FOREACH_INSTR(b, in) {
        if (in->op != IR_OP_PHI)
            break;
        if (retype_phi(t, in))
            t->progress = true;
    }
}

bool opt_type_inference(ir_shader *s)
{
    ti t = { s, false, 0, NULL };
    ir_foreach_block(&s->body, local_rules, &t);
    if (!t.num_phis)
        return t.progress;
    t.bc_uses = calloc((size_t)(s->next_value_index + 1) * IR_BASE_COUNT, sizeof(uint32_t));
    if (!t.bc_uses)
        return t.progress;
    /* Uses by if conditions and switch selectors are not counted: they only make a
     * retyping look cheaper than it is, and retarget_list still rewrites them. */
    ir_foreach_block(&s->body, count_bitcasts, &t);
    ir_foreach_block(&s->body, retype_phis, &t);
    free(t.bc_uses);
    return t.progress;
}
