/* If flattening: an if whose branches are single blocks of a few pure instructions becomes
 * straight-line code with its merge phis turned into selects (TGSI's IF/MOV/ELSE/MOV/ENDIF
 * becomes `x = c ? a : b`), and an if on a constant condition keeps only the branch taken. */
#include "passes.h"

/* Instructions worth evaluating unconditionally to save a branch. */
#define MAX_SPECULATED 8

static bool flat_block_list(const ir_cf_list *l)
{
    return l->head == l->tail && !ir_block_jump(ir_cf_first_block(l));
}

/* Whether a list contains any jump: discarding it would leave phis naming its blocks. */
static bool has_jump(const ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            if (ir_block_jump((ir_block *)n))
                return true;
            break;
        case IR_CF_IF:
            if (has_jump(&((ir_if *)n)->then_list) || has_jump(&((ir_if *)n)->else_list))
                return true;
            break;
        case IR_CF_LOOP:
            if (has_jump(&((ir_loop *)n)->body))
                return true;
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                if (has_jump(&sw->cases[i].body))
                    return true;
            break;
        }
        }
    }
    return false;
}

static bool speculatable(const ir_cf_list *l)
{
    unsigned cost = 0;
    IR_FOREACH_INSTR(ir_cf_first_block(l), in) {
        if (!(ir_op_infos[in->op].flags & IR_PURE) || in->op == IR_OP_PHI || in->op == IR_OP_TEX ||
            in->op == IR_OP_INTERP)
            return false;
        /* The branch may be what keeps an indirect index in bounds. */
        if (in->op == IR_OP_LOAD_VAR && (in->srcs[0].def || in->srcs[1].def))
            return false;
        cost += in->op == IR_OP_CONST ? 0 : 1;
    }
    return cost <= MAX_SPECULATED;
}

static void move_all(ir_block *from, ir_block *to)
{
    IR_FOREACH_INSTR_SAFE(from, in, nx) {
        ir_instr_remove(in);
        ir_instr_append(to, in);
    }
}

/* Replaces `nif` and the block after it by straight-line code at the end of the block before
 * it.  taken: -1 both branches run (speculated), 0 then only, 1 else only. */
static void flatten(ir_shader *s, ir_if *nif, int taken)
{
    ir_block *before = (ir_block *)nif->cf.prev;
    ir_block *after = (ir_block *)nif->cf.next;
    ir_block *tb = ir_cf_first_block(&nif->then_list), *eb = ir_cf_first_block(&nif->else_list);
    ir_src cond = nif->cond;
    for (unsigned c = 1; c < 4; c++)
        cond.swizzle[c] = cond.swizzle[0];
    if (taken != 1)
        move_all(tb, before);
    if (taken != 0)
        move_all(eb, before);
    /* Merge phis: a select of the two sides, or the side taken. */
    IR_FOREACH_INSTR(after, in) {
        if (in->op != IR_OP_PHI)
            break;
        ir_src from_then = in->srcs[0], from_else = in->num_srcs > 1 ? in->srcs[1] : in->srcs[0];
        for (unsigned i = 0; i < in->num_srcs; i++) {
            if (in->phi_preds[i] == tb)
                from_then = in->srcs[i];
            else if (in->phi_preds[i] == eb)
                from_else = in->srcs[i];
        }
        in->phi_preds = NULL;
        if (taken >= 0) {
            in->op = IR_OP_MOV;
            in->num_srcs = 1;
            in->srcs[0] = taken == 0 ? from_then : from_else;
            continue;
        }
        ir_src *ns = ARENA_NEW_ARRAY(s->arena, ir_src, 3);
        ns[0] = cond;
        ns[1] = from_then;
        ns[2] = from_else;
        in->srcs = ns;
        in->num_srcs = 3;
        in->op = IR_OP_SELECT;
    }
    ir_block_retarget_succs(after, before);
    move_all(after, before);
    ir_cf_node_remove(&after->cf);
    ir_cf_node_remove(&nif->cf);
}

static bool visit_list(ir_shader *s, ir_cf_list *l)
{
    bool progress = false;
    for (ir_cf_node *n = l->head; n;) {
        ir_cf_node *next = n->next;
        if (n->kind == IR_CF_IF) {
            ir_if *nif = (ir_if *)n;
            progress |= visit_list(s, &nif->then_list);
            progress |= visit_list(s, &nif->else_list);
            ir_block *before = ir_cf_as_block(n->prev);
            if (before && !ir_block_jump(before) && ir_cf_as_block(n->next)) {
                int taken = -2;
                if (ir_src_is_const(nif->cond)) {
                    bool v = ir_src_const_bits(nif->cond, 0) != 0;
                    if (flat_block_list(v ? &nif->then_list : &nif->else_list) &&
                        !has_jump(v ? &nif->else_list : &nif->then_list))
                        taken = v ? 0 : 1;
                } else if (flat_block_list(&nif->then_list) && flat_block_list(&nif->else_list) &&
                           speculatable(&nif->then_list) && speculatable(&nif->else_list)) {
                    taken = -1;
                }
                if (taken != -2) {
                    next = n->next->next; /* the node after the merged block */
                    flatten(s, nif, taken);
                    progress = true;
                }
            }
        } else if (n->kind == IR_CF_LOOP) {
            progress |= visit_list(s, &((ir_loop *)n)->body);
        } else if (n->kind == IR_CF_SWITCH) {
            ir_switch *sw = (ir_switch *)n;
            for (uint32_t i = 0; i < sw->num_cases; i++)
                progress |= visit_list(s, &sw->cases[i].body);
        }
        n = next;
    }
    return progress;
}

bool opt_peephole_select(ir_shader *s)
{
    return visit_list(s, &s->body);
}
