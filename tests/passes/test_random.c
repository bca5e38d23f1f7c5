/* Random shaders through the optimizer: builds many valid shaders (arithmetic on every 32-bit
 * type, bitcasts, masks, ifs with phis, loops with counters and breaks, switches), then runs
 * passes_optimize with validation after every pass.  Any validator complaint is a pass bug,
 * and so is any difference in the outputs when the reference interpreter runs the shader
 * before and after. */
#include "pass_test.h"
#include "ir_interp.h"

typedef struct gen {
    ctx *c;
    uint64_t rng;
    ir_instr *avail[4096];   /* values available at the cursor (structural scoping) */
    unsigned navail;
    ir_var *out;
    unsigned depth;
} gen;

static uint32_t rnd(gen *g, uint32_t n)
{
    g->rng = g->rng * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(g->rng >> 33) % n;
}

static const ir_base bases[] = { IR_F32, IR_I32, IR_U32, IR_BOOL };

static void push(gen *g, ir_instr *v)
{
    if (v && g->navail < 4096)
        g->avail[g->navail++] = v;
}

/* A source of `base` with `n` components: an available value of that base, else a constant. */
static ir_src pick(gen *g, ir_base base, unsigned n)
{
    for (unsigned tries = 0; tries < 16 && g->navail && rnd(g, 8); tries++) {
        ir_instr *v = g->avail[rnd(g, g->navail)];
        if (v->type.base != base)
            continue;
        ir_src s = { v, { 0 } };
        for (unsigned c = 0; c < 4; c++)
            s.swizzle[c] = (uint8_t)rnd(g, v->type.comps);
        return s;
    }
    uint32_t w[4];
    for (unsigned c = 0; c < 4; c++) {
        uint32_t r = rnd(g, 6);
        float f = r == 0 ? 0.0f : r == 1 ? 1.0f : r == 2 ? -0.0f : r == 3 ? -1.0f : (float)rnd(g, 100) - 50;
        w[c] = base == IR_F32 ? 0 : base == IR_BOOL ? rnd(g, 2) : r == 3 ? ~0u : rnd(g, 40);
        if (base == IR_F32)
            memcpy(&w[c], &f, 4);
    }
    return ir_src_for(ir_build_const(&g->c->b, ir_type_make(base, n), w));
}

static const enum ir_op arith[] = { IR_OP_ADD, IR_OP_SUB, IR_OP_MUL, IR_OP_MIN, IR_OP_MAX, IR_OP_DIV,
                                    IR_OP_NEG };
static const enum ir_op logic[] = { IR_OP_AND, IR_OP_OR, IR_OP_XOR };

static ir_instr *gen_value(gen *g)
{
    ir_builder *b = &g->c->b;
    ir_base base = bases[rnd(g, 4)];
    unsigned n = 1 + rnd(g, 4);
    ir_type t = ir_type_make(base, n);
    switch (rnd(g, 10)) {
    case 0: case 1:
        if (base == IR_BOOL)
            return ir_build_alu2(b, logic[rnd(g, 3)], t, pick(g, base, n), pick(g, base, n));
        {
            enum ir_op op = arith[rnd(g, 7)];
            if (op == IR_OP_NEG)
                return ir_build_alu1(b, op, t, pick(g, base, n));
            return ir_build_alu2(b, op, t, pick(g, base, n), pick(g, base, n));
        }
    case 2: {
        ir_base sb = bases[rnd(g, 3)];
        enum ir_op op = (enum ir_op)(IR_OP_LT + rnd(g, 4));
        return ir_build_alu2(b, op, ir_type_make(IR_BOOL, n), pick(g, sb, n), pick(g, sb, n));
    }
    case 3:
        return ir_build_alu3(b, IR_OP_SELECT, t, pick(g, IR_BOOL, n), pick(g, base, n), pick(g, base, n));
    case 4:
        if (base == IR_BOOL)
            return ir_build_alu1(b, IR_OP_NOT, t, pick(g, base, n));
        return ir_build_bitcast(b, base, pick(g, bases[rnd(g, 3)], n), n);
    case 5: {
        if (base == IR_BOOL || base == IR_F32)
            return ir_build_alu1(b, IR_OP_CONVERT, t, pick(g, bases[rnd(g, 4)], n));
        return ir_build_alu2(b, logic[rnd(g, 3)], t, pick(g, base, n), pick(g, base, n));
    }
    case 6: {
        ir_src parts[4];
        for (unsigned c = 0; c < n; c++)
            parts[c] = pick(g, base, 1);
        return ir_build_vec(b, t, parts, n);
    }
    case 7:
        return ir_build_alu1(b, IR_OP_MOV, t, pick(g, base, n));
    case 8:
        if (base == IR_I32 || base == IR_U32)
            return ir_build_alu2(b, rnd(g, 2) ? IR_OP_SHL : IR_OP_SHR, t, pick(g, base, n), pick(g, base, n));
        return ir_build_alu1(b, base == IR_F32 ? IR_OP_FLOOR : IR_OP_NOT, t, pick(g, base, n));
    default:
        if (base == IR_BOOL && rnd(g, 2)) {
            /* TGSI's USNE/UIF shape: a float-typed mask tested against zero */
            ir_instr *m = ir_build_alu3(b, IR_OP_SELECT, ir_type_make(IR_F32, n), pick(g, IR_BOOL, n),
                                        ir_src_for(ir_build_const(b, ir_type_make(IR_F32, n), (uint32_t[]){ ~0u, ~0u, ~0u, ~0u })),
                                        ir_src_for(ir_build_const(b, ir_type_make(IR_F32, n), (uint32_t[]){ 0, 0, 0, 0 })));
            ir_instr *u = ir_build_bitcast(b, IR_U32, ir_src_for(m), n);
            if (rnd(g, 2))
                u = ir_build_alu2(b, rnd(g, 2) ? IR_OP_AND : IR_OP_OR, ir_type_make(IR_U32, n), ir_src_for(u), pick(g, IR_U32, n));
            return ir_build_alu2(b, rnd(g, 2) ? IR_OP_NE : IR_OP_EQ, t, ir_src_for(u),
                                 ir_src_for(ir_build_const(b, ir_type_make(IR_U32, n), (uint32_t[]){ 0, 0, 0, 0 })));
        }
        if (base == IR_BOOL)
            return ir_build_alu2(b, IR_OP_NE, t, pick(g, IR_U32, n), pick(g, IR_U32, n));
        /* the translator's bool-to-mask */
        return ir_build_alu3(b, IR_OP_SELECT, t, pick(g, IR_BOOL, n),
                             ir_src_for(ir_build_const(b, t, (uint32_t[]){ ~0u, ~0u, ~0u, ~0u })),
                             ir_src_for(ir_build_const(b, t, (uint32_t[]){ 0, 0, 0, 0 })));
    }
}

static void gen_list(gen *g, unsigned len);

static void gen_store(gen *g)
{
    ir_base base = bases[rnd(g, 4)];
    ir_src v = pick(g, base, 4);
    if (base == IR_BOOL)
        v = ir_src_for(ir_build_alu1(&g->c->b, IR_OP_CONVERT, ir_type_make(IR_F32, 4), v));
    else if (base != IR_F32)
        v = ir_src_for(ir_build_bitcast(&g->c->b, IR_F32, v, 4));
    ir_build_store_var(&g->c->b, g->out, 0, ir_src_none(), 0, ir_src_none(), v, (uint8_t)(1 + rnd(g, 15)));
}

static void gen_if(gen *g)
{
    ir_builder *b = &g->c->b;
    ir_if *nif = ir_build_if(b, pick(g, IR_BOOL, 1));
    unsigned mark = g->navail;
    gen_list(g, 1 + rnd(g, 4));
    ir_block *tb = b->block;
    ir_instr *tv = g->navail > mark ? g->avail[g->navail - 1] : NULL;
    g->navail = mark;
    ir_builder_else(b, nif);
    gen_list(g, rnd(g, 4));
    ir_block *eb = b->block;
    ir_base base = tv ? (ir_base)tv->type.base : IR_F32;
    unsigned n = tv ? tv->type.comps : 1;
    ir_src ev = pick(g, base, n);
    g->navail = mark;
    ir_builder_after_cf(b, &nif->cf);
    if (tv) {
        ir_instr *phi = ir_build_phi(b, tv->type, 2);
        ir_phi_set_src(phi, 0, tb, ir_src_for(tv));
        ir_phi_set_src(phi, 1, eb, ev);
        push(g, phi);
    }
}

/* i = phi(start, i + 1); if (i >= limit) break; body */
static void gen_loop(gen *g)
{
    ir_builder *b = &g->c->b;
    ir_base cb = rnd(g, 2) ? IR_F32 : IR_I32;
    ir_instr *start = ir_build_const(b, ir_type_make(cb, 1), (uint32_t[]){ 0 });
    ir_instr *one = cb == IR_F32 ? const_f32(g->c, 1.0f) : const_i32(g->c, 1);
    ir_block *pre = b->block;
    ir_loop *loop = ir_build_loop(b);
    ir_instr *i = ir_build_phi(b, ir_type_make(cb, 1), 2);
    ir_instr *ii = cb == IR_F32 ? ir_build_bitcast(b, IR_I32, ir_src_for(i), 1) : i;
    ir_instr *lim = ir_build_alu2(b, IR_OP_GE, ir_type_make(IR_BOOL, 1), ir_src_for(ii),
                                  ir_src_for(const_i32(g->c, (int32_t)rnd(g, 5))));
    unsigned mark = g->navail;
    push(g, i);
    ir_if *ex = ir_build_if(b, ir_src_for(lim));
    ir_block *brk = b->block;
    ir_instr *exit_val = ir_build_alu1(b, IR_OP_MOV, i->type, ir_src_for(i));
    ir_build_jump(b, IR_OP_BREAK);
    ir_builder_after_cf(b, &ex->cf);
    gen_list(g, 1 + rnd(g, 3));
    ir_instr *next;
    if (cb == IR_F32) {
        ir_instr *n = ir_build_alu2(b, IR_OP_ADD, ir_type_make(IR_I32, 1), ir_src_for(ii),
                                    ir_src_for(const_i32(g->c, 1)));
        next = ir_build_bitcast(b, IR_F32, ir_src_for(n), 1);
        (void)one;
    } else {
        next = ir_build_alu2(b, IR_OP_ADD, i->type, ir_src_for(i), ir_src_for(one));
    }
    ir_phi_set_src(i, 0, pre, ir_src_for(start));
    ir_phi_set_src(i, 1, b->block, ir_src_for(next));
    g->navail = mark;
    ir_builder_after_cf(b, &loop->cf);
    ir_instr *e = ir_build_phi(b, i->type, 1);
    ir_phi_set_src(e, 0, brk, ir_src_for(exit_val));
    push(g, e);
}

static void gen_switch(gen *g)
{
    ir_builder *b = &g->c->b;
    ir_switch *sw = ir_build_switch(b, pick(g, IR_U32, 1), 2);
    uint32_t *vals = ARENA_NEW_ARRAY(g->c->a, uint32_t, 1);
    vals[0] = rnd(g, 3);
    sw->cases[0].values = vals;
    sw->cases[0].num_values = 1;
    sw->cases[1].is_default = true;
    unsigned mark = g->navail;
    gen_list(g, 1 + rnd(g, 2));
    if (rnd(g, 2))
        ir_build_jump(b, IR_OP_BREAK);
    g->navail = mark;
    ir_builder_case(b, sw, 1);
    gen_list(g, 1 + rnd(g, 2));
    g->navail = mark;
    ir_builder_after_cf(b, &sw->cf);
}

static void gen_list(gen *g, unsigned len)
{
    g->depth++;
    for (unsigned k = 0; k < len; k++) {
        unsigned r = rnd(g, 20);
        if (g->depth < 4 && r == 0)
            gen_if(g);
        else if (g->depth < 4 && r == 1)
            gen_loop(g);
        else if (g->depth < 4 && r == 2)
            gen_switch(g);
        else if (r < 7)
            gen_store(g);
        else
            push(g, gen_value(g));
    }
    g->depth--;
}

/* Inputs, so that not everything folds to constants. */
static void seed_values(gen *g)
{
    for (unsigned k = 0; k < 2; k++) {
        ir_instr *x = input_vec4(g->c);
        push(g, x);
        push(g, ir_build_bitcast(&g->c->b, IR_I32, ir_src_for(x), 4));
        push(g, ir_build_bitcast(&g->c->b, IR_U32, ir_src_for(x), 4));
        push(g, ir_build_alu2(&g->c->b, IR_OP_LT, ir_type_make(IR_BOOL, 4), ir_src_for(x),
                              ir_src_swizzle(x, 1, 2, 3, 0)));
    }
}

int main(int argc, char **argv)
{
    unsigned count = argc > 1 ? (unsigned)atoi(argv[1]) : 3000;
    unsigned instrs = 0, executed = 0;
    for (unsigned seed = 1; seed <= count; seed++) {
        ctx c;
        ctx_init(&c);
        gen g = { .c = &c, .rng = seed * 0x9e3779b97f4a7c15ull };
        g.out = ir_var_create(c.s, IR_VAR_OUTPUT, ir_type_make(IR_F32, 4), 0);
        seed_values(&g);
        gen_list(&g, 10 + rnd(&g, 40));
        for (unsigned k = 0; k < 4; k++)
            gen_store(&g);
        if (!ir_validate(c.s, "generator")) {
            fprintf(stderr, "seed %u: generator made invalid IR:\n%s%s", seed, diag_format_all(&c.d), print_ir(&c));
            failures++;
            arena_destroy(c.a);
            break;
        }
        instrs += c.s->next_value_index;
        uint32_t before[8][4], after[8][4];
        uint64_t trace_before, trace_after;
        uint32_t (*vals)[4] = calloc(c.s->next_value_index + 1, 16);
        bool ran = ir_interp_run(c.s, seed, before, &trace_before, vals);
        free(vals);
        passes_optimize(c.s, true);
        if (diag_has_errors(&c.d)) {
            fprintf(stderr, "seed %u:\n%s%s", seed, diag_format_all(&c.d), print_ir(&c));
            failures++;
            arena_destroy(c.a);
            break;
        }
        if (ran) {
            vals = calloc(c.s->next_value_index + 1, 16);
            bool ran2 = ir_interp_run(c.s, seed, after, &trace_after, vals);
            free(vals);
            bool same = ran2 && trace_before == trace_after;
            for (unsigned k = 0; k < 4 && same; k++) {
                float x, y;
                memcpy(&x, &before[0][k], 4);
                memcpy(&y, &after[0][k], 4);
                same = before[0][k] == after[0][k] || (isnan(x) && isnan(y));
            }
            if (!same) {
                fprintf(stderr, "seed %u: outputs differ after optimization (ran %d): %08x %08x %08x %08x -> %08x %08x %08x %08x\n%s",
                        seed, ran2, before[0][0], before[0][1], before[0][2], before[0][3],
                        after[0][0], after[0][1], after[0][2], after[0][3], print_ir(&c));
                failures++;
                arena_destroy(c.a);
                break;
            }
            executed++;
        }
        arena_destroy(c.a);
    }
    printf("%u random shaders (%u executed and compared), %u instructions\n", count, executed, instrs);
    return finish("random shaders");
}
