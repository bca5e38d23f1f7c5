/* Statements: which values are inlined, named or phi variables (the plan), where named
 * values must be declared so every use sees them, structured control flow, and out-of-SSA
 * phi copies at the end of each predecessor, sequentialized as a parallel copy. */
#include "glsl_priv.h"

/* ---------------------------------------------------------------- use analysis */

static void count_use(glsl_ctx *c, ir_instr *def, ir_instr *user, ir_block *blk)
{
    gval *v = &c->v[def->index];
    v->uses++;
    v->user = user;
    v->use_block = blk;
}

static bool list_within(const ir_cf_list *l, const ir_cf_list *anc)
{
    for (; l; l = l->owner ? l->owner->list : NULL)
        if (l == anc)
            return true;
    return false;
}

/* A named value or phi variable used in block blk must be declared in a list enclosing
 * that block too.  (A loop's only exit may follow a definition in its body: the value then
 * dominates the code after the loop, outside the body that declares it.) */
static void widen_scope(glsl_ctx *c, ir_instr *def, ir_block *blk)
{
    gval *v = &c->v[def->index];
    if ((v->mode != GV_NAMED && v->mode != GV_PHI) || !blk)
        return;
    ir_cf_list *l = blk->cf.list;
    if (l == v->scope || list_within(l, v->scope))
        return;
    /* The nearest list enclosing both: walk up from the current scope. */
    ir_cf_list *s = v->scope;
    while (s && !list_within(l, s))
        s = s->owner ? s->owner->list : NULL;
    v->scope = s ? s : &c->s->body;
}

/* ---------------------------------------------------------------- planning */

static void mark_printed_twice(glsl_ctx *c, const ir_instr *in, unsigned first, unsigned end)
{
    for (unsigned i = first; i < end && i < in->num_srcs; i++)
        if (in->srcs[i].def)
            c->v[in->srcs[i].def->index].multi_print = true;
}

/* Marks the sources whose GLSL `in` prints more than once: they cannot be inlined, or their
 * expression would be evaluated (and printed) as many times.  One switch per instruction:
 * most ops print each source once. */
static void note_sources_printed_twice(glsl_ctx *c, const ir_instr *in)
{
    unsigned n = in->type.comps, all = in->num_srcs;
    switch (in->op) {
    case IR_OP_SELECT:
        if (n > 1 && !ir_base_is_float((ir_base)in->type.base) && !glsl_has(c, GF_INTEGER_MIX) &&
            !src_is_scalar_splat(in->srcs[0], n, NULL))
            mark_printed_twice(c, in, 0, all);
        break;
    case IR_OP_BFE: case IR_OP_BFI: {
        unsigned first = in->op == IR_OP_BFE ? 1 : 2;
        bool twice = !glsl_could(c, GF_GPU_SHADER5); /* the shift-and-mask form repeats them */
        for (unsigned k = first; !twice && n > 1 && k < in->num_srcs; k++)
            twice = !src_is_scalar_splat(in->srcs[k], n, NULL);
        if (twice)
            mark_printed_twice(c, in, 0, all);
        break;
    }
    case IR_OP_PACK64:
        if (n > 1)
            mark_printed_twice(c, in, 0, all);
        break;
    case IR_OP_UNPACK64:
        if (n > 2)
            mark_printed_twice(c, in, 0, all);
        break;
    case IR_OP_STORE_VAR:
        if (io_store_prints_value_twice(c, in))
            mark_printed_twice(c, in, 0, 1);
        if (io_access_prints_index_twice(c, in))
            mark_printed_twice(c, in, 1, all);
        break;
    case IR_OP_LOAD_VAR: case IR_OP_INTERP:
        if (io_access_prints_index_twice(c, in))
            mark_printed_twice(c, in, 0, all);
        break;
    case IR_OP_TEX:
        /* TXP's q is read beside the coordinate; an emulated RECT names its sampler again
         * in textureSize(). */
        for (unsigned i = 0; i < all; i++)
            if ((in->u.tex.projective && (int)i == in->u.tex.coord) ||
                ((int)i == in->u.tex.sampler_index &&
                 tex_remap(c, in->u.tex.texture) == REMAP_RECT) ||
                (((int)i == in->u.tex.coord || (int)i == in->u.tex.bias) &&
                 remap_grad_offset(c, in)))
                mark_printed_twice(c, in, i, i + 1);
        break;
    case IR_OP_BUFFER_LOAD: case IR_OP_BUFFER_STORE:
        for (unsigned i = 0; i < all; i++)
            if (in->srcs[i].def && mem_prints_src_twice(c, in, i))
                mark_printed_twice(c, in, i, i + 1);
        break;
    default:
        break;
    }
}

static bool is_atom(glsl_ctx *c, ir_instr *in)
{
    switch (in->op) {
    case IR_OP_CONST: case IR_OP_UNDEF:
        return true;
    case IR_OP_LOAD_VAR:
        return io_load_is_atom(c, in);
    case IR_OP_MOV: {
        ir_instr *d = in->srcs[0].def;
        if (!d || d->type.base != in->type.base)
            return false;
        uint8_t m = c->v[d->index].mode;
        return m == GV_ATOM || m == GV_NAMED || m == GV_PHI;
    }
    default:
        return false;
    }
}

static bool writes_var(const ir_instr *in, const ir_var *v)
{
    switch (in->op) {
    case IR_OP_STORE_VAR:
        return in->u.access.var == v;
    case IR_OP_BARRIER: case IR_OP_MEMORY_BARRIER: case IR_OP_EMIT: case IR_OP_END_PRIMITIVE:
        return true;
    default:
        return false;
    }
}

/* The list where a phi is declared unless a use needs a wider scope: a loop header's phis
 * at their first assignment, before the loop; a merge's before the construct it follows. */
static ir_cf_list *phi_home(ir_block *b)
{
    ir_cf_node *owner = b->cf.list->owner;
    if (!b->cf.prev && owner && owner->kind == IR_CF_LOOP)
        return owner->list;
    return b->cf.list;
}

/* Modes for one block, and the positions where inlined values are really evaluated.  The
 * block's uses widen the scopes of the named values they read: a definition in an earlier
 * block has its final mode by now, and one in this block needs no widening. */
static void plan_block(glsl_ctx *c, ir_block *b)
{
    IR_FOREACH_INSTR(b, in) {
        gval *v = &c->v[in->index];
        const ir_op_info *info = &ir_op_infos[in->op];
        if (in->op == IR_OP_PHI) {
            v->mode = v->uses ? GV_PHI : GV_DEAD;
            v->scope = phi_home(b);
            continue; /* its sources are used at the predecessors: phi_uses_widen */
        }
        for (unsigned i = 0; i < in->num_srcs; i++)
            if (in->srcs[i].def)
                widen_scope(c, in->srcs[i].def, b);
        if (!(info->flags & IR_DEF) || in->type.base == IR_VOID) {
            v->mode = GV_NAMED; /* a statement */
            continue;
        }
        if (!v->uses) {
            v->mode = (info->flags & IR_PURE) ? GV_DEAD : GV_NAMED;
            continue;
        }
        if (is_atom(c, in)) {
            v->mode = GV_ATOM;
            continue;
        }
        bool same_block = v->use_block == b;
        if ((info->flags & IR_PURE) && v->uses == 1 && same_block && !v->multi_print &&
            !in->precise && !mem_needs_stmt(c, in) &&
            !(in->op == IR_OP_TEX && c->stage != T2G_STAGE_FRAGMENT && 0))
            v->mode = GV_INLINE;
        else
            v->mode = GV_NAMED;
    }
    /* Reverse walk: an inlined value is evaluated where its user's statement is. */
    for (ir_instr *in = b->last; in; in = in->prev) {
        gval *v = &c->v[in->index];
        if (v->mode != GV_INLINE) {
            v->emit_pos = v->pos;
            continue;
        }
        if (v->user && v->user->block == b)
            v->emit_pos = c->v[v->user->index].mode == GV_INLINE ? c->v[v->user->index].emit_pos
                                                                 : c->v[v->user->index].pos;
        else
            v->emit_pos = GV_END;
        if (in->op == IR_OP_LOAD_VAR && var_is_writable(in->u.access.var)) {
            /* A load must not move past a store to its variable. */
            for (ir_instr *x = in->next; x && (v->emit_pos == GV_END || c->v[x->index].pos < v->emit_pos);
                 x = x->next) {
                if (writes_var(x, in->u.access.var)) {
                    v->mode = GV_NAMED;
                    v->emit_pos = v->pos;
                    break;
                }
            }
        }
    }
}

static void plan_list(glsl_ctx *c, ir_cf_list *l);

static void plan_node_blocks(glsl_ctx *c, ir_cf_node *n)
{
    switch (n->kind) {
    case IR_CF_BLOCK:
        plan_block(c, (ir_block *)n);
        break;
    case IR_CF_IF: {
        ir_if *nif = (ir_if *)n;
        if (nif->cond.def)
            widen_scope(c, nif->cond.def, (ir_block *)n->prev);
        plan_list(c, &nif->then_list);
        plan_list(c, &nif->else_list);
        break;
    }
    case IR_CF_LOOP:
        plan_list(c, &((ir_loop *)n)->body);
        break;
    case IR_CF_SWITCH: {
        ir_switch *sw = (ir_switch *)n;
        if (sw->selector.def)
            widen_scope(c, sw->selector.def, (ir_block *)n->prev);
        for (uint32_t i = 0; i < sw->num_cases; i++)
            plan_list(c, &sw->cases[i].body);
        break;
    }
    }
}

/* Program order matters: a MOV is an atom only once its source's mode is known. */
static void plan_list(glsl_ctx *c, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next)
        plan_node_blocks(c, n);
}

static void predeclare(glsl_ctx *c, ir_block *at, ir_instr *in)
{
    gval *v = &c->v[in->index];
    v->next_decl = c->predecl[at->index];
    c->predecl[at->index] = in->index + 1;
}

typedef struct plan_walk {
    glsl_ctx *c;
    uint32_t max_block;
} plan_walk;

/* The first walk, in program order: each value's table entries (cleared here: the tables
 * are indexed by value number, which counts the values the optimizer removed too) and its
 * uses.  A definition dominates its uses, so its entry is cleared before any of them is
 * counted; only phi sources can come later (loop back edges): phi_uses_count. */
static void index_block(glsl_ctx *c, ir_block *b)
{
    c->blocks[b->index] = b;
    uint32_t pos = 0;
    IR_FOREACH_INSTR(b, in) {
        c->v[in->index] = (gval){ .pos = pos++, .scope = b->cf.list };
        c->rename[in->index] = NULL;
        c->instrs[in->index] = in;
        ir_base base = (ir_base)in->type.base;
        if (base == IR_F64)
            glsl_need(c, GF_FP64, "double precision");
        else if (base == IR_I64 || base == IR_U64)
            glsl_need(c, GF_INT64, "64-bit integers");
        if (in->op == IR_OP_PHI)
            continue;
        for (unsigned i = 0; i < in->num_srcs; i++)
            if (in->srcs[i].def)
                count_use(c, in->srcs[i].def, in, b);
        note_sources_printed_twice(c, in);
    }
}

/* If conditions and switch selectors are used at the end of the block before the node. */
static void index_list(glsl_ctx *c, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            index_block(c, (ir_block *)n);
            break;
        case IR_CF_IF: {
            ir_if *nif = (ir_if *)n;
            if (nif->cond.def)
                count_use(c, nif->cond.def, NULL, (ir_block *)n->prev);
            index_list(c, &nif->then_list);
            index_list(c, &nif->else_list);
            break;
        }
        case IR_CF_LOOP:
            index_list(c, &((ir_loop *)n)->body);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            if (sw->selector.def)
                count_use(c, sw->selector.def, NULL, (ir_block *)n->prev);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                index_list(c, &sw->cases[i].body);
            break;
        }
        }
    }
}

/* Phis lead their blocks; each source is used at the end of its predecessor. */
static void phi_uses_count(glsl_ctx *c)
{
    for (uint32_t i = 0; i < c->nblocks; i++) {
        ir_block *b = c->blocks[i];
        for (ir_instr *in = b ? b->first : NULL; in && in->op == IR_OP_PHI; in = in->next)
            for (unsigned k = 0; k < in->num_srcs; k++)
                if (in->srcs[k].def)
                    count_use(c, in->srcs[k].def, NULL, in->phi_preds[k]);
    }
}

static void phi_uses_widen(glsl_ctx *c)
{
    for (uint32_t i = 0; i < c->nblocks; i++) {
        ir_block *b = c->blocks[i];
        for (ir_instr *in = b ? b->first : NULL; in && in->op == IR_OP_PHI; in = in->next)
            for (unsigned k = 0; k < in->num_srcs; k++)
                if (in->srcs[k].def)
                    widen_scope(c, in->srcs[k].def, in->phi_preds[k]);
    }
}

static void max_block(ir_block *b, void *p)
{
    plan_walk *w = p;
    if (b->index + 1 > w->max_block)
        w->max_block = b->index + 1;
}

static void hoist_and_copies(ir_block *b, void *p)
{
    glsl_ctx *c = ((plan_walk *)p)->c;
    IR_FOREACH_INSTR(b, in) {
        gval *v = &c->v[in->index];
        if (v->mode == GV_NAMED && v->scope && v->scope != b->cf.list) {
            /* Declare before the node of the scope's list that holds the definition. */
            ir_cf_node *n = &b->cf;
            while (n->list != v->scope)
                n = n->list->owner;
            v->hoisted = true;
            predeclare(c, (ir_block *)n->prev, in);
        }
        if (in->op != IR_OP_PHI || v->mode != GV_PHI)
            continue;
        if (v->scope != phi_home(b)) {
            /* A use outside the phi's home: declare it before the enclosing construct. */
            ir_cf_node *n = &b->cf;
            while (n->list != v->scope)
                n = n->list->owner;
            predeclare(c, (ir_block *)n->prev, in);
        }
        for (unsigned i = 0; i < in->num_srcs; i++) {
            ir_block *pred = in->phi_preds[i];
            if (!pred || !in->srcs[i].def)
                continue;
            gcopy *cp = ARENA_NEW(c->a, gcopy);
            if (!cp) {
                glsl_out_of_memory(c);
                return;
            }
            cp->phi = in;
            cp->src = in->srcs[i];
            cp->next = c->copies[pred->index];
            c->copies[pred->index] = cp;
        }
        /* Merge phis are declared before the construct they follow; loop header phis at
         * their first assignment, in the block before the loop. */
        ir_cf_node *prev = b->cf.prev;
        if (v->scope == b->cf.list && prev && prev->kind != IR_CF_BLOCK && prev->prev)
            predeclare(c, (ir_block *)prev->prev, in);
    }
}

void cf_plan(glsl_ctx *c)
{
    ir_shader *s = c->s;
    plan_walk w = { c, s->next_block_index };
    ir_foreach_block(&s->body, max_block, &w);
    c->nvals = s->next_value_index;
    c->nblocks = w.max_block;
    /* The per-value tables are indexed by value number, which counts the values the
     * optimizer removed too: index_block clears the entries of the live ones only. */
    c->v = arena_alloc_uninit(c->a, sizeof(gval) * (c->nvals + 1));
    c->copies = ARENA_NEW_ARRAY(c->a, gcopy *, c->nblocks + 1);
    c->predecl = ARENA_NEW_ARRAY(c->a, uint32_t, c->nblocks + 1);
    c->blocks = ARENA_NEW_ARRAY(c->a, ir_block *, c->nblocks + 1);
    c->rename = arena_alloc_uninit(c->a, sizeof(const char *) * (c->nvals + 1));
    c->instrs = arena_alloc_uninit(c->a, sizeof(ir_instr *) * (c->nvals + 1));
    if (!c->instrs ||!c->v || !c->copies || !c->predecl || !c->blocks || !c->rename) {
        glsl_out_of_memory(c);
        return;
    }
    index_list(c, &s->body);
    phi_uses_count(c);
    plan_list(c, &s->body);
    phi_uses_widen(c);
    ir_foreach_block(&s->body, hoist_and_copies, &w);
}

/* ---------------------------------------------------------------- statements */

static void out_decl_type(glsl_ctx *c, const ir_instr *in)
{
    if (in->precise && glsl_has(c, GF_FMA))
        out_s(c, "precise ");
    out_type(c, (ir_base)in->type.base, in->type.comps ? in->type.comps : 1);
    out_c(c, ' ');
}

static void mh_name(glsl_ctx *c, const ir_instr *in, char which)
{
    out_s(c, "mh");
    out_c(c, which);
    out_u(c, in->index);
}

/* The high half of a 32 x 32-bit product without umulExtended (before GLSL 4.00), in
 * 16-bit pieces: a = ah:al, b = bh:bl, hi = ah*bh + (al*bh >> 16) + (ah*bl >> 16) + carry
 * of the middle column.  The signed high half subtracts b where a < 0 and a where b < 0. */
static void emit_mul_hi_pieces(glsl_ctx *c, ir_instr *in, gval *v)
{
    bool sgn = ir_base_is_signed((ir_base)in->type.base);
    unsigned n = in->type.comps;
    const char *ut = glsl_type_name(IR_U32, n);
    out_indent(c);
    out_s(c, ut);
    out_c(c, ' ');
    mh_name(c, in, 'a');
    out_s(c, " = ");
    emit_src_as(c, in->srcs[0], n, IR_U32, P_NONE);
    out_s(c, ", ");
    mh_name(c, in, 'b');
    out_s(c, " = ");
    emit_src_as(c, in->srcs[1], n, IR_U32, P_NONE);
    out_s(c, ";\n");
    out_indent(c);
    out_s(c, ut);
    out_c(c, ' ');
    mh_name(c, in, 'l');
    out_s(c, " = (");
    mh_name(c, in, 'a');
    out_s(c, " & 0xffffu) * (");
    mh_name(c, in, 'b');
    out_s(c, " >> 16u), ");
    mh_name(c, in, 'r');
    out_s(c, " = (");
    mh_name(c, in, 'a');
    out_s(c, " >> 16u) * (");
    mh_name(c, in, 'b');
    out_s(c, " & 0xffffu);\n");
    out_indent(c);
    out_s(c, ut);
    out_c(c, ' ');
    mh_name(c, in, 'm');
    out_s(c, " = ((");
    mh_name(c, in, 'a');
    out_s(c, " & 0xffffu) * (");
    mh_name(c, in, 'b');
    out_s(c, " & 0xffffu) >> 16u) + (");
    mh_name(c, in, 'l');
    out_s(c, " & 0xffffu) + (");
    mh_name(c, in, 'r');
    out_s(c, " & 0xffffu);\n");
    out_indent(c);
    if (!v->hoisted) {
        out_type(c, (ir_base)in->type.base, n);
        out_c(c, ' ');
    }
    out_value_name(c, in);
    out_s(c, " = ");
    if (sgn) {
        out_type(c, IR_I32, n);
        out_c(c, '(');
    }
    out_s(c, "(");
    mh_name(c, in, 'a');
    out_s(c, " >> 16u) * (");
    mh_name(c, in, 'b');
    out_s(c, " >> 16u) + (");
    mh_name(c, in, 'l');
    out_s(c, " >> 16u) + (");
    mh_name(c, in, 'r');
    out_s(c, " >> 16u) + (");
    mh_name(c, in, 'm');
    out_s(c, " >> 16u)");
    for (int i = 0; sgn && i < 2; i++) {
        char x = i ? 'b' : 'a', y = i ? 'a' : 'b';
        out_s(c, " - ");
        if (n == 1) {
            out_s(c, "(int(");
            mh_name(c, in, x);
            out_s(c, ") < 0 ? ");
            mh_name(c, in, y);
            out_s(c, " : 0u)");
        } else {
            out_s(c, ut);
            out_s(c, "(lessThan(");
            out_type(c, IR_I32, n);
            out_c(c, '(');
            mh_name(c, in, x);
            out_s(c, "), ");
            out_type(c, IR_I32, n);
            out_s(c, "(0))) * ");
            mh_name(c, in, y);
        }
    }
    if (sgn)
        out_c(c, ')');
    out_s(c, ";\n");
}

static void emit_mul_hi(glsl_ctx *c, ir_instr *in, gval *v)
{
    bool sgn = ir_base_is_signed((ir_base)in->type.base);
    if (!glsl_has(c, GF_GPU_SHADER5)) {
        emit_mul_hi_pieces(c, in, v);
        return;
    }
    unsigned n = in->type.comps;
    out_indent(c);
    out_type(c, (ir_base)in->type.base, n);
    out_c(c, ' ');
    if (!v->hoisted) {
        out_value_name(c, in);
        out_s(c, ", ");
    }
    out_s(c, "lo");
    out_u(c, in->index);
    out_s(c, ";\n");
    out_indent(c);
    out_s(c, sgn ? "imulExtended(" : "umulExtended(");
    emit_src(c, in->srcs[0], n, P_NONE);
    out_s(c, ", ");
    emit_src(c, in->srcs[1], n, P_NONE);
    out_s(c, ", ");
    out_value_name(c, in);
    out_s(c, ", lo");
    out_u(c, in->index);
    out_s(c, ");\n");
}

static void emit_membar(glsl_ctx *c, uint32_t flags)
{
    bool fine = glsl_has(c, GF_BARRIERS_430);
    bool cs = c->stage == T2G_STAGE_COMPUTE;
    uint32_t all = IR_MEMBAR_SHADER_BUFFER | IR_MEMBAR_ATOMIC_BUFFER |
                   IR_MEMBAR_SHADER_IMAGE | IR_MEMBAR_SHARED;
    if (!fine || (flags & all) == all || !flags) {
        glsl_need(c, GF_IMAGES, "memoryBarrier()");
        out_indent(c);
        out_s(c, "memoryBarrier();\n");
        return;
    }
    static const struct { uint32_t flag; const char *fn; bool cs_only; } bars[] = {
        { IR_MEMBAR_SHADER_BUFFER | IR_MEMBAR_ATOMIC_BUFFER, "memoryBarrierBuffer();\n", false },
        { IR_MEMBAR_SHADER_IMAGE, "memoryBarrierImage();\n", false },
        { IR_MEMBAR_SHARED, "memoryBarrierShared();\n", true },
        { IR_MEMBAR_THREAD_GROUP, "groupMemoryBarrier();\n", true },
    };
    for (size_t i = 0; i < sizeof(bars) / sizeof(bars[0]); i++) {
        if (!(flags & bars[i].flag))
            continue;
        out_indent(c);
        out_s(c, bars[i].cs_only && !cs ? "memoryBarrier();\n" : bars[i].fn);
    }
}

static void emit_stmt(glsl_ctx *c, ir_instr *in)
{
    gval *v = &c->v[in->index];
    switch (in->op) {
    case IR_OP_PHI:
        return;
    case IR_OP_STORE_VAR:
        emit_store_var(c, in);
        return;
    case IR_OP_IMAGE_STORE:
        glsl_need(c, GF_IMAGES, "imageStore()");
        emit_mem_stmt(c, in);
        return;
    case IR_OP_BUFFER_STORE:
        emit_mem_stmt(c, in);
        return;
    case IR_OP_BARRIER:
        out_indent(c);
        out_s(c, "barrier();\n");
        return;
    case IR_OP_MEMORY_BARRIER:
        emit_membar(c, in->u.flags);
        return;
    case IR_OP_EMIT: case IR_OP_END_PRIMITIVE: {
        bool emit = in->op == IR_OP_EMIT;
        if (emit)
            io_epilogue(c);
        out_indent(c);
        if (in->u.flags) {
            glsl_need(c, GF_GS_STREAMS, "geometry shader streams");
            if (in->u.flags >= 4)
                glsl_refuse(c, "geometry shader stream %u (GL has 4)", in->u.flags);
            out_s(c, emit ? "EmitStreamVertex(" : "EndStreamPrimitive(");
            out_u(c, in->u.flags);
            out_s(c, ");\n");
        } else {
            out_s(c, emit ? "EmitVertex();\n" : "EndPrimitive();\n");
        }
        return;
    }
    case IR_OP_DISCARD: case IR_OP_DEMOTE:
        /* Without demote-to-helper, discard is the closest GLSL has: derivatives of the
         * neighbouring pixels after it are undefined rather than helper-computed. */
        c->refl->uses_discard = true;
        out_indent(c);
        out_s(c, in->op == IR_OP_DEMOTE && glsl_has(c, GF_DEMOTE) ? "demote;\n" : "discard;\n");
        return;
    default:
        break;
    }
    if (v->mode != GV_NAMED)
        return;
    if (mem_atomic_is_loop(c, in)) {
        emit_atomic_loop(c, in);
        if (!v->uses)
            return;
    }
    if (in->op == IR_OP_MUL_HI) {
        emit_mul_hi(c, in, v);
        return;
    }
    out_indent(c);
    if (v->uses) {
        if (!v->hoisted)
            out_decl_type(c, in);
        out_value_name(c, in);
        out_s(c, " = ");
    }
    emit_expr(c, in);
    out_s(c, ";\n");
}

/* Whether the expression of `def` (through inlined values) reads phi variable `phi`. */
static bool reads_phi(glsl_ctx *c, const ir_instr *def, const ir_instr *phi, int depth)
{
    if (!def || depth > 64)
        return depth > 64;
    if (def == phi)
        return true;
    uint8_t m = c->v[def->index].mode;
    if (m != GV_INLINE && m != GV_ATOM)
        return false;
    for (unsigned i = 0; i < def->num_srcs; i++)
        if (reads_phi(c, def->srcs[i].def, phi, depth + 1))
            return true;
    return false;
}

static void emit_copy(glsl_ctx *c, gcopy *cp)
{
    gval *pv = &c->v[cp->phi->index];
    out_indent(c);
    if (!pv->declared) {
        out_decl_type(c, cp->phi);
        pv->declared = true;
    }
    out_c(c, 'p'); /* the destination itself, never a renamed copy of it */
    out_u(c, cp->phi->index);
    out_s(c, " = ");
    emit_src(c, cp->src, cp->phi->type.comps, P_NONE);
    out_s(c, ";\n");
}

/* The phi copies of a block as a parallel copy: a copy waits while another pending copy
 * still reads its destination; a cycle is broken through a temporary. */
static void emit_copies(glsl_ctx *c, ir_block *b)
{
    gcopy *pending[64];
    unsigned n = 0;
    for (gcopy *cp = c->copies[b->index]; cp; cp = cp->next) {
        const ir_src *s = &cp->src;
        bool identity = s->def == cp->phi;
        for (unsigned i = 0; identity && i < cp->phi->type.comps; i++)
            identity = s->swizzle[i] == i;
        if (identity)
            continue;
        if (n == 64) {
            glsl_refuse(c, "more than 64 phis merge at one block");
            return;
        }
        pending[n++] = cp;
    }
    /* Copies were prepended: restore program order for stable output. */
    for (unsigned i = 0; i < n / 2; i++) {
        gcopy *t = pending[i];
        pending[i] = pending[n - 1 - i];
        pending[n - 1 - i] = t;
    }
    const ir_instr *renamed[64];
    unsigned nrenamed = 0;
    while (n) {
        unsigned pick = n;
        for (unsigned i = 0; i < n && pick == n; i++) {
            bool blocked = false;
            for (unsigned j = 0; j < n && !blocked; j++) {
                if (j == i)
                    continue;
                bool was_renamed = false;
                for (unsigned r = 0; r < nrenamed; r++)
                    was_renamed |= renamed[r] == pending[i]->phi;
                blocked = !was_renamed && reads_phi(c, pending[j]->src.def, pending[i]->phi, 0);
            }
            if (!blocked)
                pick = i;
        }
        if (pick == n) {
            /* Every pending copy's destination is still read: save one and read the copy. */
            const ir_instr *phi = pending[0]->phi;
            char *name = arena_printf(c->a, "pt%u_%u", phi->index, b->index);
            out_indent(c);
            out_type(c, (ir_base)phi->type.base, phi->type.comps);
            out_c(c, ' ');
            out_s(c, name);
            out_s(c, " = ");
            out_value_name(c, phi);
            out_s(c, ";\n");
            c->rename[phi->index] = name;
            renamed[nrenamed++] = phi;
            continue;
        }
        emit_copy(c, pending[pick]);
        pending[pick] = pending[--n];
    }
    for (unsigned r = 0; r < nrenamed; r++)
        c->rename[renamed[r]->index] = NULL;
}

static void emit_predecls(glsl_ctx *c, ir_block *b)
{
    for (uint32_t i = c->predecl[b->index]; i; i = c->v[i - 1].next_decl) {
        ir_instr *in = c->instrs[i - 1];
        if (!in)
            continue;
        out_indent(c);
        out_decl_type(c, in);
        out_value_name(c, in);
        out_s(c, ";\n");
        if (in->op == IR_OP_PHI)
            c->v[i - 1].declared = true;
    }
}

static void emit_list(glsl_ctx *c, ir_cf_list *l);

static bool block_is_empty(glsl_ctx *c, ir_block *b)
{
    if (c->copies[b->index] || c->predecl[b->index])
        return false;
    IR_FOREACH_INSTR(b, in) {
        uint8_t m = c->v[in->index].mode;
        if (in->op == IR_OP_PHI)
            continue;
        if (m == GV_NAMED || ir_op_infos[in->op].flags & IR_JUMP)
            return false;
    }
    return true;
}

static bool list_is_empty(glsl_ctx *c, ir_cf_list *l)
{
    return l->head == l->tail && block_is_empty(c, (ir_block *)l->head);
}

static void emit_block(glsl_ctx *c, ir_block *b)
{
    ir_instr *jump = ir_block_jump(b);
    IR_FOREACH_INSTR(b, in) {
        if (in == jump)
            break;
        emit_stmt(c, in);
    }
    emit_predecls(c, b);
    emit_copies(c, b);
    if (!jump)
        return;
    if (jump->op == IR_OP_RETURN)
        io_epilogue(c);
    out_indent(c);
    out_s(c, jump->op == IR_OP_BREAK ? "break;\n" : jump->op == IR_OP_CONTINUE ? "continue;\n"
                                                                               : "return;\n");
}

static void emit_case_value(glsl_ctx *c, ir_switch *sw, uint32_t v)
{
    ir_base b = sw->selector.def ? (ir_base)sw->selector.def->type.base : IR_I32;
    emit_const_scalar(c, b == IR_U32 ? IR_U32 : IR_I32, v);
}

static void emit_list(glsl_ctx *c, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            emit_block(c, (ir_block *)n);
            break;
        case IR_CF_IF: {
            ir_if *nif = (ir_if *)n;
            bool then_empty = list_is_empty(c, &nif->then_list);
            bool else_empty = list_is_empty(c, &nif->else_list);
            if (then_empty && else_empty)
                break;
            out_indent(c);
            if (then_empty) {
                out_s(c, "if (!");
                emit_src(c, nif->cond, 1, P_UNARY);
                out_s(c, ") {\n");
            } else {
                out_s(c, "if (");
                emit_src(c, nif->cond, 1, P_NONE);
                out_s(c, ") {\n");
            }
            c->indent++;
            emit_list(c, then_empty ? &nif->else_list : &nif->then_list);
            c->indent--;
            if (!then_empty && !else_empty) {
                out_indent(c);
                out_s(c, "} else {\n");
                c->indent++;
                emit_list(c, &nif->else_list);
                c->indent--;
            }
            out_indent(c);
            out_s(c, "}\n");
            break;
        }
        case IR_CF_LOOP:
            out_indent(c);
            out_s(c, "while (true) {\n");
            c->indent++;
            emit_list(c, &((ir_loop *)n)->body);
            c->indent--;
            out_indent(c);
            out_s(c, "}\n");
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            out_indent(c);
            out_s(c, "switch (");
            emit_src(c, sw->selector, 1, P_NONE);
            out_s(c, ") {\n");
            for (uint32_t i = 0; i < sw->num_cases; i++) {
                ir_switch_case *cs = &sw->cases[i];
                for (uint32_t k = 0; k < cs->num_values; k++) {
                    out_indent(c);
                    out_s(c, "case ");
                    emit_case_value(c, sw, cs->values[k]);
                    out_s(c, ":\n");
                }
                if (cs->is_default) {
                    out_indent(c);
                    out_s(c, "default:\n");
                }
                c->indent++;
                if (i + 1 == sw->num_cases && list_is_empty(c, &cs->body)) {
                    out_indent(c);
                    out_s(c, "break;\n");
                } else {
                    emit_list(c, &cs->body);
                }
                c->indent--;
            }
            out_indent(c);
            out_s(c, "}\n");
            break;
        }
        }
    }
}

void cf_emit_body(glsl_ctx *c)
{
    emit_list(c, &c->s->body);
    io_epilogue(c);
}
