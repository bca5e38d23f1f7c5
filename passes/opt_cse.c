/* Common subexpression elimination: a pure instruction equal to one that is available
 * (earlier in its list, or in a list enclosing it) becomes a MOV of it, which copy
 * propagation then removes.  Availability follows the structure, which is dominance without
 * the loop-exit cases and exactly GLSL scoping. */
#include "passes.h"

#include <string.h>

typedef struct cse {
    ir_instr **table;      /* open addressing; NULL = empty */
    uint32_t mask;
    uint32_t *undo;        /* slots filled, in order, for popping scopes */
    uint32_t undo_len;
    bool progress;
    arena *arena;
} cse;

/* Loads of variables nothing writes during the shader; loads of others may differ. */
static bool readonly_var(const ir_var *v)
{
    return v && (v->kind == IR_VAR_INPUT || v->kind == IR_VAR_SYSTEM_VALUE ||
                 v->kind == IR_VAR_CONST_BUFFER || v->kind == IR_VAR_IMMEDIATES ||
                 v->kind == IR_VAR_DRIVER);
}

static bool candidate(const ir_instr *in)
{
    switch (in->op) {
    case IR_OP_PHI: case IR_OP_UNDEF: case IR_OP_TEX: case IR_OP_INTERP:
    case IR_OP_DDX: case IR_OP_DDY: case IR_OP_DDX_FINE: case IR_OP_DDY_FINE:
    case IR_OP_READ_HELPER: case IR_OP_IMAGE_SIZE: case IR_OP_IMAGE_SAMPLES: case IR_OP_BUFFER_SIZE:
        return false; /* derivatives and helpers depend on where they run */
    case IR_OP_LOAD_VAR:
        return readonly_var(in->u.access.var);
    default:
        return (ir_op_infos[in->op].flags & (IR_PURE | IR_DEF)) == (IR_PURE | IR_DEF);
    }
}

static uint32_t mix(uint32_t h, uint64_t v)
{
    uint64_t x = (h ^ v) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(x >> 32) ^ (uint32_t)x;
}

/* Components read from source i; ALU ops (the common case), VECs and loads without a call. */
static unsigned comps_read(const ir_instr *in, unsigned i)
{
    if (ir_op_infos[in->op].flags & (IR_ALU | IR_CMP))
        return in->type.comps;
    if (in->op == IR_OP_VEC || in->op == IR_OP_LOAD_VAR)
        return 1;
    return ir_src_comps(in, i);
}

/* The swizzle bytes of the components read, as one word (zero past them): two sources
 * read the same when their defs and these words are equal. */
static uint32_t swizzle_key(const ir_src *s, unsigned comps)
{
    uint32_t w;
    memcpy(&w, s->swizzle, sizeof(w));
    return comps >= 4 ? w : w & ((1u << (8 * comps)) - 1);
}

static uint32_t hash_instr(const ir_instr *in)
{
    uint32_t h = mix(in->op, (uint64_t)in->type.base << 8 | in->type.comps | (uint64_t)in->precise << 16);
    for (unsigned i = 0; i < in->num_srcs; i++) {
        const ir_src *s = &in->srcs[i];
        h = mix(h, (uint64_t)(s->def ? s->def->index : 0xffffffffu) << 32 | swizzle_key(s, comps_read(in, i)));
    }
    if (in->op == IR_OP_CONST) {
        if (ir_base_is_64((ir_base)in->type.base))
            for (unsigned c = 0; c < in->type.comps && c < 4; c++)
                h = mix(h, in->u.value.u64[c]);
        else
            for (unsigned c = 0; c < in->type.comps && c < 4; c += 2)
                h = mix(h, in->u.value.u32[c] | (c + 1 < in->type.comps ? (uint64_t)in->u.value.u32[c + 1] << 32 : 0));
    }
    if (in->op == IR_OP_LOAD_VAR)
        h = mix(mix(h, in->u.access.var->id), (uint64_t)(uint32_t)in->u.access.index << 32 | (uint32_t)in->u.access.dim);
    return h;
}

static bool equal_instr(const ir_instr *a, const ir_instr *b)
{
    if (a->op != b->op || !ir_type_eq(a->type, b->type) || a->num_srcs != b->num_srcs ||
        a->precise != b->precise || a->src_comps != b->src_comps)
        return false;
    for (unsigned i = 0; i < a->num_srcs; i++) {
        if (a->srcs[i].def != b->srcs[i].def)
            return false;
        unsigned n = comps_read(a, i);
        if (swizzle_key(&a->srcs[i], n) != swizzle_key(&b->srcs[i], n))
            return false;
    }
    if (a->op == IR_OP_CONST) {
        for (unsigned c = 0; c < a->type.comps && c < 4; c++)
            if (ir_base_is_64((ir_base)a->type.base) ? a->u.value.u64[c] != b->u.value.u64[c]
                                                      : a->u.value.u32[c] != b->u.value.u32[c])
                return false;
    }
    if (a->op == IR_OP_LOAD_VAR)
        return a->u.access.var == b->u.access.var && a->u.access.index == b->u.access.index &&
               a->u.access.dim == b->u.access.dim;
    return true;
}

/* Reads through MOVs (ours and others), so equal expressions over copies compare equal. */
static ir_src resolve(ir_src s)
{
    for (unsigned guard = 0; guard < 64 && s.def && s.def->op == IR_OP_MOV &&
                             s.def->srcs[0].def && s.def->srcs[0].def->type.base == s.def->type.base;
         guard++)
        s = ir_src_compose(s.def->srcs[0], s.swizzle);
    return s;
}

static void visit_block(cse *c, ir_block *b)
{
    IR_FOREACH_INSTR(b, in) {
        if (in->op != IR_OP_PHI)
            for (unsigned i = 0; i < in->num_srcs; i++)
                if (in->srcs[i].def && in->srcs[i].def->op == IR_OP_MOV)
                    in->srcs[i] = resolve(in->srcs[i]);
        if (!candidate(in))
            continue;
        uint32_t slot = hash_instr(in) & c->mask;
        for (;;) {
            ir_instr *e = c->table[slot];
            if (!e) {
                c->table[slot] = in;
                c->undo[c->undo_len++] = slot;
                break;
            }
            if (equal_instr(e, in)) {
                if (!in->srcs) /* constants have no source array */
                    in->srcs = ARENA_NEW_ARRAY(c->arena, ir_src, 1);
                in->op = IR_OP_MOV;
                in->num_srcs = 1;
                in->srcs[0] = ir_src_for(e);
                in->precise = false;
                c->progress = true;
                break;
            }
            slot = (slot + 1) & c->mask;
        }
    }
}

static void visit_list(cse *c, ir_cf_list *l)
{
    uint32_t mark = c->undo_len;
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            visit_block(c, (ir_block *)n);
            break;
        case IR_CF_IF:
            visit_list(c, &((ir_if *)n)->then_list);
            visit_list(c, &((ir_if *)n)->else_list);
            break;
        case IR_CF_LOOP:
            visit_list(c, &((ir_loop *)n)->body);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                visit_list(c, &sw->cases[i].body);
            break;
        }
        }
    }
    /* Linear probing allows removal in reverse insertion order. */
    while (c->undo_len > mark)
        c->table[c->undo[--c->undo_len]] = NULL;
}

bool opt_cse(ir_shader *s)
{
    uint32_t n = s->next_value_index + 1, cap = 16;
    while (cap < n + n / 2)
        cap *= 2;
    cse c = { ir_scratch_zeroed(s, 0, cap * sizeof(ir_instr *)), cap - 1,
              ir_scratch(s, 1, n * sizeof(uint32_t)), 0, false, s->arena };
    if (c.table && c.undo)
        visit_list(&c, &s->body);
    return c.progress;
}
