/* Dead-code elimination: removes pure instructions whose values nothing live reads.
 * Liveness is propagated from side effects and control flow, so cycles of phis that only
 * feed each other die too. */
#include "passes.h"


typedef struct dce {
    uint8_t *live;
    ir_instr **stack;
    uint32_t sp;
} dce;

static void mark(dce *d, ir_instr *in)
{
    if (in && !d->live[in->index]) {
        d->live[in->index] = 1;
        d->stack[d->sp++] = in;
    }
}

static void mark_roots(ir_block *b, void *ctx)
{
    IR_FOREACH_INSTR(b, in)
        if (!(ir_op_infos[in->op].flags & IR_PURE))
            mark(ctx, in);
}

static void mark_cf_roots(dce *d, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        if (n->kind == IR_CF_IF) {
            mark(d, ((ir_if *)n)->cond.def);
            mark_cf_roots(d, &((ir_if *)n)->then_list);
            mark_cf_roots(d, &((ir_if *)n)->else_list);
        } else if (n->kind == IR_CF_LOOP) {
            mark_cf_roots(d, &((ir_loop *)n)->body);
        } else if (n->kind == IR_CF_SWITCH) {
            ir_switch *sw = (ir_switch *)n;
            mark(d, sw->selector.def);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                mark_cf_roots(d, &sw->cases[i].body);
        }
    }
}

typedef struct sweep {
    const uint8_t *live;
    bool progress;
} sweep;

static void remove_dead(ir_block *b, void *ctx)
{
    sweep *sw = ctx;
    IR_FOREACH_INSTR_SAFE(b, in, nx) {
        if (!sw->live[in->index]) {
            ir_instr_remove(in);
            sw->progress = true;
        }
    }
}

bool opt_dce(ir_shader *s)
{
    size_t n = s->next_value_index + (size_t)1;
    dce d = { ir_scratch_zeroed(s, 0, n), ir_scratch(s, 1, sizeof(ir_instr *) * n), 0 };
    if (!d.live || !d.stack)
        return false;
    ir_foreach_block(&s->body, mark_roots, &d);
    mark_cf_roots(&d, &s->body);
    while (d.sp) {
        ir_instr *in = d.stack[--d.sp];
        for (unsigned i = 0; i < in->num_srcs; i++)
            mark(&d, in->srcs[i].def);
    }
    sweep sw = { d.live, false };
    ir_foreach_block(&s->body, remove_dead, &sw);
    return sw.progress;
}
