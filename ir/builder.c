/* The builder: one call per instruction or control-flow node, inserting at a cursor. */
#include "ir.h"

#include <string.h>

void ir_builder_init(ir_builder *b, ir_shader *s)
{
    b->shader = s;
    b->block = ir_cf_last_block(&s->body);
    b->before = NULL;
    b->precise = false;
}

void ir_builder_at_end(ir_builder *b, ir_block *block)
{
    b->block = block;
    b->before = NULL;
}

void ir_builder_before(ir_builder *b, ir_instr *before)
{
    b->block = before->block;
    b->before = before;
}

ir_instr *ir_build(ir_builder *b, ir_instr *in)
{
    if (!in)
        return NULL;
    if (b->precise && (ir_op_infos[in->op].flags & (IR_ALU | IR_CMP)))
        in->precise = true;
    if (b->before)
        ir_instr_insert_before(b->before, in);
    else
        ir_instr_append(b->block, in);
    return in;
}

/* ---------------------------------------------------------------- values */

ir_instr *ir_build_const(ir_builder *b, ir_type type, const uint32_t *words)
{
    ir_instr *in = ir_instr_create(b->shader, IR_OP_CONST, type, 0);
    for (unsigned c = 0; c < type.comps && c < 4; c++) {
        if (ir_base_is_64((ir_base)type.base))
            in->u.value.u64[c] = words[2 * c] | (uint64_t)words[2 * c + 1] << 32;
        else
            in->u.value.u32[c] = words[c];
    }
    return ir_build(b, in);
}

ir_instr *ir_build_const_u32(ir_builder *b, uint32_t v)
{
    return ir_build_const(b, ir_type_make(IR_U32, 1), &v);
}

ir_instr *ir_build_const_i32(ir_builder *b, int32_t v)
{
    uint32_t w = (uint32_t)v;
    return ir_build_const(b, ir_type_make(IR_I32, 1), &w);
}

ir_instr *ir_build_const_f32(ir_builder *b, float v)
{
    uint32_t w;
    memcpy(&w, &v, 4);
    return ir_build_const(b, ir_type_make(IR_F32, 1), &w);
}

ir_instr *ir_build_undef(ir_builder *b, ir_type type)
{
    return ir_build(b, ir_instr_create(b->shader, IR_OP_UNDEF, type, 0));
}

static unsigned min_def_comps(const ir_src *srcs, unsigned n)
{
    unsigned m = 4;
    for (unsigned i = 0; i < n; i++)
        if (srcs[i].def && srcs[i].def->type.comps && srcs[i].def->type.comps < m)
            m = srcs[i].def->type.comps;
    return m;
}

static ir_instr *build_n(ir_builder *b, enum ir_op op, ir_type type, const ir_src *srcs, unsigned n)
{
    ir_instr *in = ir_instr_create(b->shader, op, type, n);
    for (unsigned i = 0; i < n; i++)
        in->srcs[i] = srcs[i];
    if (op == IR_OP_DOT || op == IR_OP_ANY || op == IR_OP_ALL)
        in->src_comps = (uint8_t)min_def_comps(srcs, n);
    return ir_build(b, in);
}

ir_instr *ir_build_alu1(ir_builder *b, enum ir_op op, ir_type type, ir_src a)
{
    return build_n(b, op, type, &a, 1);
}

ir_instr *ir_build_alu2(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c)
{
    ir_src s[2] = { a, c };
    return build_n(b, op, type, s, 2);
}

ir_instr *ir_build_alu3(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c, ir_src d)
{
    ir_src s[3] = { a, c, d };
    return build_n(b, op, type, s, 3);
}

ir_instr *ir_build_alu4(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c, ir_src d, ir_src e)
{
    ir_src s[4] = { a, c, d, e };
    return build_n(b, op, type, s, 4);
}

ir_instr *ir_build_vec(ir_builder *b, ir_type type, const ir_src *srcs, unsigned n)
{
    return build_n(b, IR_OP_VEC, type, srcs, n);
}

ir_instr *ir_build_dot(ir_builder *b, ir_base base, ir_src a, ir_src c, unsigned comps)
{
    ir_instr *in = ir_build_alu2(b, IR_OP_DOT, ir_type_make(base, 1), a, c);
    in->src_comps = (uint8_t)comps;
    return in;
}

ir_instr *ir_build_reduce(ir_builder *b, enum ir_op op, ir_src a, unsigned comps)
{
    ir_instr *in = ir_build_alu1(b, op, ir_type_make(IR_BOOL, 1), a);
    in->src_comps = (uint8_t)comps;
    return in;
}

ir_instr *ir_build_bitcast(ir_builder *b, ir_base to, ir_src a, unsigned comps)
{
    return ir_build_alu1(b, IR_OP_BITCAST, ir_type_make(to, comps), a);
}

ir_instr *ir_build_load_var(ir_builder *b, ir_var *v, int32_t index, ir_src indirect,
                            int32_t dim, ir_src dim_indirect)
{
    ir_instr *in = ir_instr_create(b->shader, IR_OP_LOAD_VAR, v->type, 2);
    in->srcs[0] = indirect;
    in->srcs[1] = dim_indirect;
    in->u.access.var = v;
    in->u.access.index = index;
    in->u.access.dim = dim;
    return ir_build(b, in);
}

ir_instr *ir_build_store_var(ir_builder *b, ir_var *v, int32_t index, ir_src indirect,
                             int32_t dim, ir_src dim_indirect, ir_src value, uint8_t writemask)
{
    ir_instr *in = ir_instr_create(b->shader, IR_OP_STORE_VAR, IR_TYPE_VOID, 3);
    in->srcs[0] = value;
    in->srcs[1] = indirect;
    in->srcs[2] = dim_indirect;
    in->u.access.var = v;
    in->u.access.index = index;
    in->u.access.dim = dim;
    in->u.access.writemask = writemask;
    return ir_build(b, in);
}

ir_instr *ir_build_jump(ir_builder *b, enum ir_op op)
{
    return ir_build(b, ir_instr_create(b->shader, op, IR_TYPE_VOID, 0));
}

ir_instr *ir_build_phi(ir_builder *b, ir_type type, unsigned n)
{
    /* Phis go after the block's other phis wherever the cursor is. */
    ir_instr *in = ir_instr_create(b->shader, IR_OP_PHI, type, n);
    ir_block *blk = b->block;
    ir_instr *first;
    /* The common cases in O(1): a block of phis only, or a cursor right after the phis. */
    if (!blk->last || blk->last->op == IR_OP_PHI)
        first = NULL;
    else if (b->before && b->before->block == blk && b->before->op != IR_OP_PHI &&
             (!b->before->prev || b->before->prev->op == IR_OP_PHI))
        first = b->before;
    else
        first = ir_block_first_non_phi(blk);
    if (first)
        ir_instr_insert_before(first, in);
    else
        ir_instr_append(blk, in);
    return in;
}

void ir_phi_set_src(ir_instr *phi, unsigned i, ir_block *pred, ir_src value)
{
    phi->srcs[i] = value;
    phi->phi_preds[i] = pred;
}

/* ---------------------------------------------------------------- control flow */

static void retarget_phis(ir_block *b, ir_block *from, ir_block *to)
{
    if (!b)
        return;
    IR_FOREACH_INSTR(b, in) {
        if (in->op != IR_OP_PHI)
            break;
        for (unsigned i = 0; i < in->num_srcs; i++)
            if (in->phi_preds[i] == from)
                in->phi_preds[i] = to;
    }
}

static ir_block *block_after(ir_cf_node *n)
{
    return n ? ir_cf_as_block(n->next) : NULL;
}

/* Phis naming `from` as predecessor can only sit in its structural successors; point them
 * at `to`, which takes over the end of `from`. */
void ir_block_retarget_succs(ir_block *from, ir_block *to)
{
    ir_cf_node *n = from->cf.next;
    if (n) {
        if (n->kind == IR_CF_LOOP) {
            retarget_phis(ir_cf_first_block(&((ir_loop *)n)->body), from, to);
        } else if (n->kind == IR_CF_SWITCH) {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                retarget_phis(ir_cf_first_block(&sw->cases[i].body), from, to);
            retarget_phis(block_after(n), from, to); /* no default case */
        }
    } else if (from->cf.list && from->cf.list->owner) {
        ir_cf_node *o = from->cf.list->owner;
        if (o->kind == IR_CF_LOOP) {
            retarget_phis(ir_cf_first_block(&((ir_loop *)o)->body), from, to);
        } else if (o->kind == IR_CF_SWITCH) {
            ir_switch *sw = (ir_switch *)o;
            for (uint32_t i = 0; i + 1 < sw->num_cases; i++)
                if (&sw->cases[i].body == from->cf.list)
                    retarget_phis(ir_cf_first_block(&sw->cases[i + 1].body), from, to);
        }
        retarget_phis(block_after(o), from, to);
    }
    ir_instr *j = ir_block_jump(from);
    if (!j)
        return;
    for (ir_cf_node *o = from->cf.list ? from->cf.list->owner : NULL; o;
         o = o->list ? o->list->owner : NULL) {
        if (o->kind == IR_CF_LOOP) {
            retarget_phis(j->op == IR_OP_CONTINUE ? ir_cf_first_block(&((ir_loop *)o)->body)
                                                  : block_after(o), from, to);
            return;
        }
        if (o->kind == IR_CF_SWITCH && j->op == IR_OP_BREAK) {
            retarget_phis(block_after(o), from, to);
            return;
        }
    }
}

/* Places `node` after the cursor's block followed by a fresh block.  A cursor in the middle
 * of a block splits it: the instructions from the cursor on move to the fresh block, which
 * then is the predecessor that phis of the old block's successors name. */
static void insert_cf(ir_builder *b, ir_cf_node *node)
{
    ir_block *cur = b->block;
    ir_block *after = ir_block_create(b->shader);
    ir_block_retarget_succs(cur, after);
    ir_cf_node_insert_after(&cur->cf, node);
    ir_cf_node_insert_after(node, &after->cf);
    for (ir_instr *in = b->before; in;) {
        ir_instr *nx = in->next;
        ir_instr_remove(in);
        ir_instr_append(after, in);
        in = nx;
    }
    /* The rest of the old block waits in `after`; ir_builder_after_cf continues before it. */
}

ir_if *ir_build_if(ir_builder *b, ir_src cond)
{
    ir_if *nif = ir_if_create(b->shader);
    nif->cond = cond;
    insert_cf(b, &nif->cf);
    ir_builder_at_end(b, ir_cf_last_block(&nif->then_list));
    return nif;
}

void ir_builder_else(ir_builder *b, ir_if *nif)
{
    ir_builder_at_end(b, ir_cf_last_block(&nif->else_list));
}

ir_loop *ir_build_loop(ir_builder *b)
{
    ir_loop *loop = ir_loop_create(b->shader);
    insert_cf(b, &loop->cf);
    ir_builder_at_end(b, ir_cf_first_block(&loop->body));
    return loop;
}

ir_switch *ir_build_switch(ir_builder *b, ir_src selector, uint32_t num_cases)
{
    ir_switch *sw = ir_switch_create(b->shader, num_cases);
    sw->selector = selector;
    insert_cf(b, &sw->cf);
    if (num_cases)
        ir_builder_at_end(b, ir_cf_last_block(&sw->cases[0].body));
    else
        ir_builder_after_cf(b, &sw->cf);
    return sw;
}

void ir_builder_case(ir_builder *b, ir_switch *sw, uint32_t i)
{
    ir_builder_at_end(b, ir_cf_last_block(&sw->cases[i].body));
}

void ir_builder_after_cf(ir_builder *b, ir_cf_node *node)
{
    ir_block *next = (ir_block *)node->next;
    b->block = next;
    b->before = ir_block_first_non_phi(next);
}
