/* IR core: creating shaders, variables, blocks, control-flow nodes and instructions, editing
 * their lists, structural predecessors, use counting and use replacement. */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

ir_shader *ir_shader_create(arena *a, enum t2g_stage stage, diag_list *diags)
{
    ir_shader *s = ARENA_NEW(a, ir_shader);
    if (!s)
        return NULL;
    s->arena = a;
    s->stage = stage;
    s->diags = diags;
    s->body.owner = NULL;
    ir_cf_list_append(&s->body, &ir_block_create(s)->cf);
    return s;
}

ir_var *ir_var_create(ir_shader *s, ir_var_kind kind, ir_type type, uint32_t array_len)
{
    if (s->num_vars == s->vars_cap) {
        uint32_t cap = s->vars_cap ? s->vars_cap * 2 : 16;
        ir_var **nv = arena_realloc(s->arena, s->vars, sizeof(*nv) * s->vars_cap, sizeof(*nv) * cap);
        if (!nv)
            return NULL;
        s->vars = nv;
        s->vars_cap = cap;
    }
    ir_var *v = ARENA_NEW(s->arena, ir_var);
    if (!v)
        return NULL;
    v->kind = kind;
    v->id = s->num_vars;
    v->type = type;
    v->array_len = array_len;
    s->vars[s->num_vars++] = v;
    return v;
}

ir_block *ir_block_create(ir_shader *s)
{
    ir_block *b = ARENA_NEW(s->arena, ir_block);
    b->cf.kind = IR_CF_BLOCK;
    b->index = s->next_block_index++;
    return b;
}

static void list_init(ir_shader *s, ir_cf_list *l, ir_cf_node *owner)
{
    l->owner = owner;
    ir_cf_list_append(l, &ir_block_create(s)->cf);
}

ir_if *ir_if_create(ir_shader *s)
{
    ir_if *n = ARENA_NEW(s->arena, ir_if);
    n->cf.kind = IR_CF_IF;
    list_init(s, &n->then_list, &n->cf);
    list_init(s, &n->else_list, &n->cf);
    return n;
}

ir_loop *ir_loop_create(ir_shader *s)
{
    ir_loop *n = ARENA_NEW(s->arena, ir_loop);
    n->cf.kind = IR_CF_LOOP;
    list_init(s, &n->body, &n->cf);
    return n;
}

ir_switch *ir_switch_create(ir_shader *s, uint32_t num_cases)
{
    ir_switch *n = ARENA_NEW(s->arena, ir_switch);
    n->cf.kind = IR_CF_SWITCH;
    n->num_cases = num_cases;
    n->cases = ARENA_NEW_ARRAY(s->arena, ir_switch_case, num_cases ? num_cases : 1);
    for (uint32_t i = 0; i < num_cases; i++)
        list_init(s, &n->cases[i].body, &n->cf);
    return n;
}

ir_instr *ir_instr_create(ir_shader *s, enum ir_op op, ir_type type, unsigned num_srcs)
{
    /* One allocation for the instruction and its source array (and a phi's predecessors):
     * a compile makes a few hundred instructions, nearly all with sources. */
    bool phi = op == IR_OP_PHI;
    ir_uses_changed(s); /* its sources will be uses nobody counted */
    ir_instr *in = arena_alloc(s->arena, sizeof(ir_instr) + num_srcs * (sizeof(ir_src) +
                                                                     (phi ? sizeof(ir_block *) : 0)));
    in->op = (uint16_t)op;
    in->type = type;
    in->index = s->next_value_index++;
    in->num_srcs = (uint16_t)num_srcs;
    if (num_srcs)
        in->srcs = (ir_src *)(in + 1);
    if (phi && num_srcs)
        in->phi_preds = (ir_block **)(in->srcs + num_srcs);
    return in;
}

void *ir_scratch(ir_shader *s, unsigned slot, size_t bytes)
{
    /* Whole 64-byte blocks, so ir_scratch_zeroed can clear with vector stores. */
    size_t cap = (bytes + 63) & ~(size_t)63;
    if (slot >= IR_SCRATCH_SLOTS || cap < bytes)
        return NULL;
    if (s->scratch_cap[slot] < cap) {
        void *p = arena_alloc_uninit(s->arena, cap);
        if (!p)
            return NULL;
        s->scratch[slot] = p;
        s->scratch_cap[slot] = cap;
    }
    return s->scratch[slot];
}

void *ir_scratch_zeroed(ir_shader *s, unsigned slot, size_t bytes)
{
    void *p = ir_scratch(s, slot, bytes);
    if (p)
        arena_zero_blocks(p, bytes);
    return p;
}

/* ---------------------------------------------------------------- CF lists */

void ir_cf_list_append(ir_cf_list *list, ir_cf_node *node)
{
    node->list = list;
    node->next = NULL;
    node->prev = list->tail;
    if (list->tail)
        list->tail->next = node;
    else
        list->head = node;
    list->tail = node;
}

void ir_cf_node_insert_after(ir_cf_node *pos, ir_cf_node *node)
{
    ir_cf_list *l = pos->list;
    node->list = l;
    node->prev = pos;
    node->next = pos->next;
    if (pos->next)
        pos->next->prev = node;
    else
        l->tail = node;
    pos->next = node;
}

void ir_cf_node_remove(ir_cf_node *node)
{
    ir_cf_list *l = node->list;
    if (node->prev)
        node->prev->next = node->next;
    else
        l->head = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else
        l->tail = node->prev;
    node->prev = node->next = NULL;
    node->list = NULL;
}

/* ---------------------------------------------------------------- instruction lists */

void ir_instr_insert_before(ir_instr *pos, ir_instr *in)
{
    ir_block *b = pos->block;
    in->block = b;
    in->next = pos;
    in->prev = pos->prev;
    if (pos->prev)
        pos->prev->next = in;
    else
        b->first = in;
    pos->prev = in;
}

void ir_instr_insert_after(ir_instr *pos, ir_instr *in)
{
    ir_block *b = pos->block;
    in->block = b;
    in->prev = pos;
    in->next = pos->next;
    if (pos->next)
        pos->next->prev = in;
    else
        b->last = in;
    pos->next = in;
}

void ir_instr_append(ir_block *b, ir_instr *in)
{
    in->block = b;
    in->next = NULL;
    in->prev = b->last;
    if (b->last)
        b->last->next = in;
    else
        b->first = in;
    b->last = in;
}

void ir_instr_remove(ir_instr *in)
{
    ir_block *b = in->block;
    if (in->prev)
        in->prev->next = in->next;
    else
        b->first = in->next;
    if (in->next)
        in->next->prev = in->prev;
    else
        b->last = in->prev;
    in->prev = in->next = NULL;
    in->block = NULL;
}

ir_instr *ir_block_jump(const ir_block *b)
{
    ir_instr *l = b->last;
    return l && (ir_op_infos[l->op].flags & IR_JUMP) ? l : NULL;
}

ir_instr *ir_block_first_non_phi(const ir_block *b)
{
    ir_instr *in = b->first;
    while (in && in->op == IR_OP_PHI)
        in = in->next;
    return in;
}

/* ---------------------------------------------------------------- predecessors */

typedef struct pred_set {
    ir_block **preds;
    unsigned n, max;
} pred_set;

static void pred_add(pred_set *p, ir_block *b)
{
    if (p->n < p->max)
        p->preds[p->n] = b;
    p->n++;
}

static bool ends_in(const ir_block *b, enum ir_op op)
{
    ir_instr *j = ir_block_jump(b);
    return j && j->op == op;
}

/* Blocks of `list` ending in `op` that target the construct owning the walk: BREAK stops at
 * nested loops and switches (they own their breaks), CONTINUE only at nested loops. */
static void collect_jumps(const ir_cf_list *list, enum ir_op op, pred_set *p)
{
    for (ir_cf_node *n = list->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            if (ends_in((ir_block *)n, op))
                pred_add(p, (ir_block *)n);
            break;
        case IR_CF_IF:
            collect_jumps(&((ir_if *)n)->then_list, op, p);
            collect_jumps(&((ir_if *)n)->else_list, op, p);
            break;
        case IR_CF_LOOP:
            break;
        case IR_CF_SWITCH:
            if (op == IR_OP_CONTINUE) {
                ir_switch *sw = (ir_switch *)n;
                for (uint32_t i = 0; i < sw->num_cases; i++)
                    collect_jumps(&sw->cases[i].body, op, p);
            }
            break;
        }
    }
}

static bool switch_has_default(const ir_switch *sw)
{
    for (uint32_t i = 0; i < sw->num_cases; i++)
        if (sw->cases[i].is_default)
            return true;
    return false;
}

static void add_fallthrough(pred_set *p, const ir_cf_list *l)
{
    ir_block *last = ir_cf_last_block(l);
    if (!ir_block_jump(last))
        pred_add(p, last);
}

unsigned ir_block_preds(const ir_block *b, ir_block **preds, unsigned max)
{
    pred_set p = { preds, 0, max };
    const ir_cf_node *n = &b->cf;
    if (n->prev) {
        /* The block after an if/loop/switch. */
        ir_cf_node *prev = n->prev;
        switch (prev->kind) {
        case IR_CF_IF:
            add_fallthrough(&p, &((ir_if *)prev)->then_list);
            add_fallthrough(&p, &((ir_if *)prev)->else_list);
            break;
        case IR_CF_LOOP:
            collect_jumps(&((ir_loop *)prev)->body, IR_OP_BREAK, &p);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)prev;
            /* Without a default case an unmatched selector jumps straight here. */
            if (!switch_has_default(sw) && prev->prev)
                pred_add(&p, (ir_block *)prev->prev);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                collect_jumps(&sw->cases[i].body, IR_OP_BREAK, &p);
            if (sw->num_cases)
                add_fallthrough(&p, &sw->cases[sw->num_cases - 1].body);
            break;
        }
        case IR_CF_BLOCK:
            pred_add(&p, (ir_block *)prev); /* not a valid list shape, but be exact */
            break;
        }
        return p.n;
    }
    ir_cf_list *l = n->list;
    ir_cf_node *owner = l ? l->owner : NULL;
    if (!owner)
        return 0; /* shader entry */
    ir_block *before = ir_cf_as_block(owner->prev);
    switch (owner->kind) {
    case IR_CF_IF:
        if (before)
            pred_add(&p, before);
        break;
    case IR_CF_LOOP: {
        ir_loop *loop = (ir_loop *)owner;
        if (before)
            pred_add(&p, before);
        collect_jumps(&loop->body, IR_OP_CONTINUE, &p);
        /* A body's last block that ends in CONTINUE was collected already. */
        add_fallthrough(&p, &loop->body);
        break;
    }
    case IR_CF_SWITCH: {
        ir_switch *sw = (ir_switch *)owner;
        if (before)
            pred_add(&p, before);
        for (uint32_t i = 1; i < sw->num_cases; i++)
            if (&sw->cases[i].body == l)
                add_fallthrough(&p, &sw->cases[i - 1].body);
        break;
    }
    case IR_CF_BLOCK:
        break;
    }
    return p.n;
}

/* ---------------------------------------------------------------- walking */

void ir_foreach_block(ir_cf_list *list, ir_block_fn fn, void *ctx)
{
    for (ir_cf_node *n = list->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            fn((ir_block *)n, ctx);
            break;
        case IR_CF_IF:
            ir_foreach_block(&((ir_if *)n)->then_list, fn, ctx);
            ir_foreach_block(&((ir_if *)n)->else_list, fn, ctx);
            break;
        case IR_CF_LOOP:
            ir_foreach_block(&((ir_loop *)n)->body, fn, ctx);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                ir_foreach_block(&sw->cases[i].body, fn, ctx);
            break;
        }
        }
    }
}

/* Calls fn on every source in the list: instruction sources, if conditions and switch
 * selectors (the latter two are uses at the end of the block before the node). */
typedef void (*src_fn)(ir_src *src, void *ctx);

static void foreach_src(ir_cf_list *list, src_fn fn, void *ctx)
{
    for (ir_cf_node *n = list->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            IR_FOREACH_INSTR((ir_block *)n, in)
                for (unsigned i = 0; i < in->num_srcs; i++)
                    if (in->srcs[i].def)
                        fn(&in->srcs[i], ctx);
            break;
        case IR_CF_IF: {
            ir_if *nif = (ir_if *)n;
            if (nif->cond.def)
                fn(&nif->cond, ctx);
            foreach_src(&nif->then_list, fn, ctx);
            foreach_src(&nif->else_list, fn, ctx);
            break;
        }
        case IR_CF_LOOP:
            foreach_src(&((ir_loop *)n)->body, fn, ctx);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            if (sw->selector.def)
                fn(&sw->selector, ctx);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                foreach_src(&sw->cases[i].body, fn, ctx);
            break;
        }
        }
    }
}

static void zero_uses(ir_block *b, void *ctx)
{
    (void)ctx;
    IR_FOREACH_INSTR(b, in)
        in->num_uses = 0;
}

static void count_src(ir_src *src, void *ctx)
{
    (void)ctx;
    src->def->num_uses++;
}

void ir_count_uses(ir_shader *s)
{
    ir_foreach_block(&s->body, zero_uses, NULL);
    foreach_src(&s->body, count_src, NULL);
    s->uses_valid = true;
}

struct replace_one {
    ir_instr *old;
    ir_src with;
};

static void replace_one_src(ir_src *src, void *ctx)
{
    struct replace_one *r = ctx;
    if (src->def == r->old)
        *src = ir_src_compose(r->with, src->swizzle);
}

void ir_replace_uses(ir_shader *s, ir_instr *old, ir_src with)
{
    struct replace_one r = { old, with };
    foreach_src(&s->body, replace_one_src, &r);
    ir_uses_changed(s);
}

static void replace_map_src(ir_src *src, void *ctx)
{
    const ir_src *map = ctx;
    /* Chains are short in practice; the bound only guards against a cycle in the map. */
    for (unsigned guard = 0; guard < 64 && map[src->def->index].def; guard++)
        *src = ir_src_compose(map[src->def->index], src->swizzle);
}

void ir_replace_uses_map(ir_shader *s, const ir_src *map)
{
    foreach_src(&s->body, replace_map_src, (void *)map);
    ir_uses_changed(s);
}

/* ---------------------------------------------------------------- sources */

/* ---------------------------------------------------------------- source shapes */

unsigned ir_src_comps(const ir_instr *in, unsigned i)
{
    const ir_instr *d = i < in->num_srcs ? in->srcs[i].def : NULL;
    unsigned dc = d && d->type.comps ? d->type.comps : 1;
    unsigned n = in->type.comps ? in->type.comps : 1;
    switch ((enum ir_comps_rule)ir_op_infos[in->op].comps) {
    case IR_COMPS_LANES:
        return n;
    case IR_COMPS_ONE:
        return 1;
    case IR_COMPS_TWO:
        return 2;
    case IR_COMPS_READ:
        return in->src_comps ? in->src_comps : dc;
    case IR_COMPS_PACK64:
        return n * 2 > 4 ? 4 : n * 2;
    case IR_COMPS_UNPACK64:
        return n / 2 ? n / 2 : 1;
    case IR_COMPS_STORE:
        if (i == 0)
            return in->u.access.var && in->u.access.var->type.comps ? in->u.access.var->type.comps : dc;
        return 1;
    case IR_COMPS_INTERP:
        if (i == 0)
            return 1;
        return in->u.access.interp_mode == 2 ? 2 : 1;
    case IR_COMPS_WHOLE:
    default:
        /* Textures, images and memory: the producer decides; read the whole value. */
        return dc;
    }
}

ir_type ir_src_type(const ir_instr *in, unsigned i)
{
    unsigned comps = ir_src_comps(in, i);
    const ir_instr *d = i < in->num_srcs ? in->srcs[i].def : NULL;
    ir_base own = (ir_base)in->type.base;
    ir_base db = d ? (ir_base)d->type.base : own;
    ir_base b = own;
    switch (ir_op_src_rule(in->op, i)) {
    case IR_SRC_T:
        break;
    case IR_SRC_C: {
        const ir_instr *d0 = in->num_srcs ? in->srcs[0].def : NULL;
        b = d0 ? (ir_base)d0->type.base : db;
        break;
    }
    case IR_SRC_B: b = IR_BOOL; break;
    case IR_SRC_I: b = IR_I32; break;
    case IR_SRC_U: b = IR_U32; break;
    case IR_SRC_F: b = IR_F32; break;
    case IR_SRC_N: b = ir_base_is_int(db) ? db : IR_U32; break;
    case IR_SRC_W: b = ir_base_is_64(db) ? db : IR_U64; break;
    case IR_SRC_V: b = in->u.access.var ? (ir_base)in->u.access.var->type.base : IR_I32; break;
    case IR_SRC_O: b = IR_I32; break;
    case IR_SRC_X: b = in->u.access.interp_mode == 2 ? IR_F32 : IR_I32; break;
    case IR_SRC_S: case IR_SRC_P: b = db; break;
    }
    return ir_type_make(b, comps);
}

uint32_t ir_gs_input_vertices(const ir_shader *s)
{
    uint32_t prim = ir_prop_is_set(s, IR_PROP_GS_INPUT_PRIMITIVE)
                        ? s->props[IR_PROP_GS_INPUT_PRIMITIVE] : IR_PRIM_TRIANGLES;
    switch (prim) {
    case IR_PRIM_POINTS: return 1;
    case IR_PRIM_LINES: case IR_PRIM_LINE_STRIP: case IR_PRIM_LINE_LOOP: return 2;
    case IR_PRIM_LINES_ADJACENCY: case IR_PRIM_LINE_STRIP_ADJACENCY: return 4;
    case IR_PRIM_TRIANGLES_ADJACENCY: case IR_PRIM_TRIANGLE_STRIP_ADJACENCY: return 6;
    default: return 3;
    }
}

uint8_t ir_texture_without_shadow(uint8_t texture)
{
    switch (texture) {
    case T2G_TEXTURE_SHADOW1D: return T2G_TEXTURE_1D;
    case T2G_TEXTURE_SHADOW2D: return T2G_TEXTURE_2D;
    case T2G_TEXTURE_SHADOWRECT: return T2G_TEXTURE_RECT;
    case T2G_TEXTURE_SHADOW1D_ARRAY: return T2G_TEXTURE_1D_ARRAY;
    case T2G_TEXTURE_SHADOW2D_ARRAY: return T2G_TEXTURE_2D_ARRAY;
    case T2G_TEXTURE_SHADOWCUBE: return T2G_TEXTURE_CUBE;
    case T2G_TEXTURE_SHADOWCUBE_ARRAY: return T2G_TEXTURE_CUBE_ARRAY;
    default: return texture;
    }
}
