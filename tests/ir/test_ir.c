/* IR core tests: shaders built with the builder must validate and print as expected; broken
 * ones must be rejected with a diagnostic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"

static int failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

typedef struct ctx {
    arena *a;
    diag_list d;
    ir_shader *s;
    ir_builder b;
} ctx;

static void ctx_init(ctx *c)
{
    c->a = arena_create();
    diag_init(&c->d, c->a, "test");
    c->s = ir_shader_create(c->a, T2G_STAGE_FRAGMENT, &c->d);
    ir_builder_init(&c->b, c->s);
}

static const char *print(ctx *c)
{
    strbuf sb;
    strbuf_init(&sb, c->a);
    ir_print(c->s, &sb);
    return sb.data ? sb.data : "";
}

static void expect_text(ctx *c, const char *want, int line)
{
    const char *got = print(c);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s:%d: printed IR differs\n--- want\n%s--- got\n%s", __FILE__, line, want, got);
        failures++;
    }
}

static void expect_valid(ctx *c, int line)
{
    if (!ir_validate(c->s, "test")) {
        fprintf(stderr, "%s:%d: validator rejected:\n%s%s", __FILE__, line, diag_format_all(&c->d), print(c));
        failures++;
    }
}

/* The validator must fail and say `needle`. */
static void expect_invalid(ctx *c, const char *needle, int line)
{
    bool ok = ir_validate(c->s, "test");
    const char *msgs = diag_format_all(&c->d);
    if (ok || !strstr(msgs, needle)) {
        fprintf(stderr, "%s:%d: expected rejection mentioning \"%s\", got %s:\n%s%s", __FILE__, line,
                needle, ok ? "valid" : "other errors", msgs, print(c));
        failures++;
    }
}

static ir_type vec4 = { IR_F32, 4 }, f1 = { IR_F32, 1 }, b1 = { IR_BOOL, 1 }, i1 = { IR_I32, 1 };

static ir_var *input(ctx *c)
{
    ir_var *v = ir_var_create(c->s, IR_VAR_INPUT, vec4, 0);
    v->semantic = T2G_SEMANTIC_GENERIC;
    return v;
}

static void test_straight_line(void)
{
    ctx c;
    ctx_init(&c);
    ir_var *in = input(&c);
    ir_var *out = ir_var_create(c.s, IR_VAR_OUTPUT, vec4, 0);
    out->semantic = T2G_SEMANTIC_COLOR;
    ir_instr *x = ir_build_load_var(&c.b, in, 0, ir_src_none(), 0, ir_src_none());
    ir_instr *k = ir_build_const_f32(&c.b, 0.5f);
    ir_instr *m = ir_build_alu2(&c.b, IR_OP_MUL, vec4, ir_src_for(x), ir_src_for(k));
    ir_instr *d = ir_build_dot(&c.b, IR_F32, ir_src_for(m), ir_src_swizzle(x, 3, 2, 1, 0), 3);
    ir_src parts[4] = { ir_src_for(d), ir_src_for(k), ir_src_swizzle(x, 1, 1, 1, 1), ir_src_for(k) };
    ir_instr *v = ir_build_vec(&c.b, vec4, parts, 4);
    ir_build_store_var(&c.b, out, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(v), 0xf);
    expect_valid(&c, __LINE__);
    expect_text(&c,
                "shader FRAG\n"
                "var @0 input vec4 GENERIC.0 tgsi[0..0]\n"
                "var @1 output vec4 COLOR.0 tgsi[0..0]\n"
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = const float (0.5)\n"
                "    %2 = mul vec4 %0.xyzw, %1.xxxx\n"
                "    %3 = dot float %2.xyz, %0.wzy\n"
                "    %4 = vec vec4 %3.x, %1.x, %0.y, %1.x\n"
                "    store_var @1[0] .xyzw %4.xyzw\n",
                __LINE__);
    ir_count_uses(c.s);
    CHECK(x->num_uses == 3 && k->num_uses == 3 && m->num_uses == 1 && v->num_uses == 1);
    arena_destroy(c.a);
}

/* if (c) { t = x + 1 } else { t = x } ; phi at the merge. */
static void test_if_phi(void)
{
    ctx c;
    ctx_init(&c);
    ir_var *in = input(&c);
    ir_instr *x = ir_build_load_var(&c.b, in, 0, ir_src_none(), 0, ir_src_none());
    ir_instr *zero = ir_build_const_f32(&c.b, 0.0f);
    ir_instr *cond = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(x, 0, 0, 0, 0), ir_src_for(zero));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cond));
    ir_instr *one = ir_build_const_f32(&c.b, 1.0f);
    ir_instr *t = ir_build_alu2(&c.b, IR_OP_ADD, vec4, ir_src_for(x), ir_src_for(one));
    ir_block *then_end = c.b.block;
    ir_builder_else(&c.b, nif);
    ir_block *else_end = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_block *preds[4];
    CHECK(ir_block_preds(c.b.block, preds, 4) == 2 && preds[0] == then_end && preds[1] == else_end);
    CHECK(ir_block_preds(then_end, preds, 4) == 1 && preds[0] == ir_cf_first_block(&c.s->body));
    ir_instr *phi = ir_build_phi(&c.b, vec4, 2);
    ir_phi_set_src(phi, 0, then_end, ir_src_for(t));
    ir_phi_set_src(phi, 1, else_end, ir_src_for(x));
    ir_build_alu1(&c.b, IR_OP_FLOOR, vec4, ir_src_for(phi));
    expect_valid(&c, __LINE__);
    expect_text(&c,
                "shader FRAG\n"
                "var @0 input vec4 GENERIC.0 tgsi[0..0]\n"
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = const float (0.0)\n"
                "    %2 = lt bool %0.x, %1.x\n"
                "if %2.x {\n"
                "    b1:\n"
                "        %3 = const float (1.0)\n"
                "        %4 = add vec4 %0.xyzw, %3.xxxx\n"
                "} else {\n"
                "    b2:\n"
                "}\n"
                "b3:\n"
                "    %5 = phi vec4 [b1: %4.xyzw], [b2: %0.xyzw]\n"
                "    %6 = floor vec4 %5.xyzw\n",
                __LINE__);

    /* Using the then-side value directly at the merge breaks dominance. */
    ir_builder_at_end(&c.b, c.b.block);
    ir_instr *bad = ir_build_alu1(&c.b, IR_OP_FLOOR, vec4, ir_src_for(t));
    expect_invalid(&c, "does not dominate", __LINE__);
    ir_instr_remove(bad);

    /* Swapped predecessors. */
    c.d.head = c.d.tail = NULL;
    c.d.num_errors = 0;
    ir_phi_set_src(phi, 0, ir_cf_first_block(&c.s->body), ir_src_for(t));
    expect_invalid(&c, "not a predecessor", __LINE__);
    ir_phi_set_src(phi, 0, then_end, ir_src_for(t));

    /* A phi source from the then-branch named as coming from the else block. */
    c.d.head = c.d.tail = NULL;
    c.d.num_errors = 0;
    ir_phi_set_src(phi, 0, else_end, ir_src_for(x));
    ir_phi_set_src(phi, 1, then_end, ir_src_for(t));
    expect_valid(&c, __LINE__);
    ir_phi_set_src(phi, 0, then_end, ir_src_for(x));
    ir_phi_set_src(phi, 1, else_end, ir_src_for(t));
    expect_invalid(&c, "does not dominate", __LINE__);
    arena_destroy(c.a);
}

/* i = 0; loop { if (i >= 4) break; i = i + 1; } ; exit phi. */
static void test_loop(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *zero = ir_build_const_i32(&c.b, 0);
    ir_block *entry = c.b.block;
    ir_loop *loop = ir_build_loop(&c.b);
    ir_block *header = c.b.block;
    ir_instr *i = ir_build_phi(&c.b, i1, 2);
    ir_instr *four = ir_build_const_i32(&c.b, 4);
    ir_instr *ge = ir_build_alu2(&c.b, IR_OP_GE, b1, ir_src_for(i), ir_src_for(four));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(ge));
    ir_block *brk = c.b.block;
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *one = ir_build_const_i32(&c.b, 1);
    ir_instr *next = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(i), ir_src_for(one));
    ir_block *latch = c.b.block;
    ir_phi_set_src(i, 0, entry, ir_src_for(zero));
    ir_phi_set_src(i, 1, latch, ir_src_for(next));
    ir_builder_after_cf(&c.b, &loop->cf);
    ir_block *preds[4];
    CHECK(ir_block_preds(header, preds, 4) == 2 && preds[0] == entry && preds[1] == latch);
    CHECK(ir_block_preds(c.b.block, preds, 4) == 1 && preds[0] == brk);
    ir_instr *exit = ir_build_phi(&c.b, i1, 1);
    ir_phi_set_src(exit, 0, brk, ir_src_for(i));
    ir_build_alu1(&c.b, IR_OP_NEG, i1, ir_src_for(exit));
    expect_valid(&c, __LINE__);
    expect_text(&c,
                "shader FRAG\n"
                "b0:\n"
                "    %0 = const int (0)\n"
                "loop {\n"
                "    b1:\n"
                "        %1 = phi int [b0: %0.x], [b5: %6.x]\n"
                "        %2 = const int (4)\n"
                "        %3 = ge bool %1.x, %2.x\n"
                "    if %3.x {\n"
                "        b3:\n"
                "            break\n"
                "    } else {\n"
                "        b4:\n"
                "    }\n"
                "    b5:\n"
                "        %5 = const int (1)\n"
                "        %6 = add int %1.x, %5.x\n"
                "}\n"
                "b2:\n"
                "    %7 = phi int [b3: %1.x]\n"
                "    %8 = neg int %7.x\n",
                __LINE__);
    arena_destroy(c.a);
}

static void test_switch(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *sel = ir_build_const_u32(&c.b, 2);
    ir_block *entry = c.b.block;
    ir_switch *sw = ir_build_switch(&c.b, ir_src_for(sel), 3);
    static uint32_t v0[] = { 1 }, v1[] = { 2, 3 };
    sw->cases[0].values = v0;
    sw->cases[0].num_values = 1;
    sw->cases[1].values = v1;
    sw->cases[1].num_values = 2;
    sw->cases[2].is_default = true;
    ir_instr *a = ir_build_const_f32(&c.b, 1.0f);
    ir_block *c0 = c.b.block;
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_case(&c.b, sw, 1);
    ir_instr *bb = ir_build_const_f32(&c.b, 2.0f);
    ir_block *c1 = c.b.block; /* falls through */
    ir_builder_case(&c.b, sw, 2);
    ir_block *c2 = c.b.block;
    ir_block *preds[4];
    CHECK(ir_block_preds(c2, preds, 4) == 2 && preds[0] == entry && preds[1] == c1);
    ir_instr *cp = ir_build_phi(&c.b, f1, 2);
    ir_instr *k = ir_build_const_f32(&c.b, 3.0f);
    ir_phi_set_src(cp, 0, entry, ir_src_for(k));
    ir_phi_set_src(cp, 1, c1, ir_src_for(bb));
    ir_builder_after_cf(&c.b, &sw->cf);
    CHECK(ir_block_preds(c.b.block, preds, 4) == 2 && preds[0] == c0 && preds[1] == c2);
    ir_instr *phi = ir_build_phi(&c.b, f1, 2);
    ir_phi_set_src(phi, 0, c0, ir_src_for(a));
    ir_phi_set_src(phi, 1, c2, ir_src_for(cp));
    /* k is defined after the phi that uses it: dominance must catch that. */
    expect_invalid(&c, "does not dominate", __LINE__);
    c.d.head = c.d.tail = NULL;
    c.d.num_errors = 0;
    ir_phi_set_src(cp, 0, entry, ir_src_for(sel));
    expect_invalid(&c, "source 0 is uint, expected float", __LINE__);
    c.d.head = c.d.tail = NULL;
    c.d.num_errors = 0;
    ir_instr_remove(k);
    ir_builder_at_end(&c.b, entry);
    k = ir_build_const_f32(&c.b, 3.0f);
    ir_phi_set_src(cp, 0, entry, ir_src_for(k));
    expect_valid(&c, __LINE__);
    const char *text = print(&c);
    CHECK(strstr(text, "switch %0.x {\ncase 1:\n    b1:\n        %1 = const float (1.0)\n        break\n"
                       "case 2, 3:\n    b2:\n        %3 = const float (2.0)\ndefault:\n    b3:\n"
                       "        %4 = phi float [b0: %7.x], [b2: %3.x]\n}\n"
                       "b4:\n    %6 = phi float [b1: %1.x], [b3: %4.x]\n") != NULL);
    arena_destroy(c.a);
}

static void test_broken(void)
{
    /* use before def in one block */
    ctx c;
    ctx_init(&c);
    ir_instr *k = ir_build_const_f32(&c.b, 1.0f);
    ir_instr *n = ir_build_alu1(&c.b, IR_OP_NEG, f1, ir_src_for(k));
    ir_instr_remove(k);
    ir_instr_insert_after(n, k);
    expect_invalid(&c, "does not dominate", __LINE__);
    arena_destroy(c.a);

    /* type mismatch */
    ctx_init(&c);
    ir_instr *u = ir_build_const_u32(&c.b, 1);
    ir_build_alu2(&c.b, IR_OP_ADD, f1, ir_src_for(u), ir_src_for(u));
    expect_invalid(&c, "expected float", __LINE__);
    arena_destroy(c.a);

    /* jump not last, and break outside a loop */
    ctx_init(&c);
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_build_const_u32(&c.b, 1);
    expect_invalid(&c, "not the last instruction", __LINE__);
    CHECK(strstr(diag_format_all(&c.d), "break outside a loop"));
    arena_destroy(c.a);

    /* swizzle past the value */
    ctx_init(&c);
    ir_instr *s2 = ir_build_const(&c.b, ir_type_make(IR_F32, 2), (uint32_t[]){ 0, 0 });
    ir_build_alu1(&c.b, IR_OP_FLOOR, vec4, ir_src_swizzle(s2, 0, 1, 2, 3));
    expect_invalid(&c, "reads .z", __LINE__);
    arena_destroy(c.a);

    /* bool arithmetic */
    ctx_init(&c);
    ir_instr *t = ir_build_const(&c.b, b1, (uint32_t[]){ 1 });
    ir_build_alu2(&c.b, IR_OP_ADD, b1, ir_src_for(t), ir_src_for(t));
    expect_invalid(&c, "type bool not allowed", __LINE__);
    arena_destroy(c.a);

    /* continue in a switch that is not in a loop */
    ctx_init(&c);
    ir_switch *sw = ir_build_switch(&c.b, ir_src_for(ir_build_const_i32(&c.b, 0)), 1);
    ir_build_jump(&c.b, IR_OP_CONTINUE);
    (void)sw;
    expect_invalid(&c, "continue outside a loop", __LINE__);
    arena_destroy(c.a);

    /* a phi with too few sources for its block */
    ctx_init(&c);
    ir_instr *cnd = ir_build_const(&c.b, b1, (uint32_t[]){ 1 });
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cnd));
    ir_block *tb = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *phi = ir_build_phi(&c.b, b1, 1);
    ir_phi_set_src(phi, 0, tb, ir_src_for(cnd));
    expect_invalid(&c, "phi has 1 sources but b3 has 2 predecessors", __LINE__);
    arena_destroy(c.a);
}

/* Splitting a block with the builder keeps phis pointing at the right predecessor. */
static void test_split(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *zero = ir_build_const_i32(&c.b, 0);
    ir_instr *cnd = ir_build_const(&c.b, b1, (uint32_t[]){ 1 });
    ir_loop *loop = ir_build_loop(&c.b);
    ir_instr *i = ir_build_phi(&c.b, i1, 2);
    ir_if *brk = ir_build_if(&c.b, ir_src_for(cnd));
    ir_block *brk_block = c.b.block;
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_after_cf(&c.b, &brk->cf);
    ir_instr *next = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(i), ir_src_for(zero));
    ir_instr *tail = ir_build_alu1(&c.b, IR_OP_NEG, i1, ir_src_for(next));
    ir_phi_set_src(i, 0, ir_cf_first_block(&c.s->body), ir_src_for(zero));
    ir_phi_set_src(i, 1, c.b.block, ir_src_for(tail));
    ir_builder_after_cf(&c.b, &loop->cf);
    ir_instr *exit = ir_build_phi(&c.b, i1, 1);
    ir_phi_set_src(exit, 0, brk_block, ir_src_for(i));
    expect_valid(&c, __LINE__);
    /* Insert `if (cnd) {}` between %next and %tail: the back edge now comes from the block
     * after the new if, which holds %tail. */
    ir_builder_before(&c.b, tail);
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cnd));
    ir_builder_after_cf(&c.b, &nif->cf);
    CHECK(c.b.before == tail);
    CHECK(i->phi_preds[1] == tail->block && tail->block != next->block);
    expect_valid(&c, __LINE__);
    arena_destroy(c.a);
}

static void test_replace(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *k = ir_build_const(&c.b, vec4, (uint32_t[]){ 0, 1, 2, 3 });
    ir_instr *m = ir_build_alu1(&c.b, IR_OP_MOV, vec4, ir_src_swizzle(k, 3, 2, 1, 0));
    ir_instr *u = ir_build_alu1(&c.b, IR_OP_FLOOR, ir_type_make(IR_F32, 2), ir_src_swizzle(m, 1, 0, 0, 0));
    ir_count_uses(c.s);
    CHECK(c.s->uses_valid && m->num_uses == 1);
    ir_replace_uses(c.s, m, ir_src_swizzle(k, 3, 2, 1, 0));
    CHECK(u->srcs[0].def == k && u->srcs[0].swizzle[0] == 2 && u->srcs[0].swizzle[1] == 3);
    CHECK(!c.s->uses_valid); /* the counts no longer hold */
    expect_valid(&c, __LINE__);
    arena_destroy(c.a);
}

/* The op table's columns agree with each other (ir_ops.def). */
static void table_check(bool ok, const char *op, const char *what)
{
    if (!ok) {
        fprintf(stderr, "ir_ops.def: %s: %s\n", op, what);
        failures++;
    }
}

static void test_op_table(void)
{
    for (unsigned op = 0; op < IR_OP_COUNT; op++) {
        const ir_op_info *info = &ir_op_infos[op];
        table_check(!(info->flags & (IR_ALU | IR_CMP)) || info->comps == IR_COMPS_LANES,
                    info->name, "component-wise, yet reads other than its lanes");
        table_check(info->fold == IR_FOLD_NONE ||
                    (info->flags & (IR_PURE | IR_DEF)) == (IR_PURE | IR_DEF),
                    info->name, "folded, yet not a pure value");
        table_check(!(info->flags & IR_CMP) ||
                    (info->fold == IR_FOLD_CMP && ir_op_src_rule(op, 1) == IR_SRC_C),
                    info->name, "a comparison folded or typed otherwise");
        table_check(!(info->flags & IR_JUMP) || !(info->flags & IR_DEF), info->name,
                    "a jump that defines a value");
    }
}

/* While uses_valid is set the validator holds num_uses to the real count. */
static void test_stale_uses(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *k = ir_build_const(&c.b, vec4, (uint32_t[]){ 0, 1, 2, 3 });
    ir_instr *m = ir_build_alu1(&c.b, IR_OP_MOV, vec4, ir_src_for(k));
    ir_build_alu2(&c.b, IR_OP_ADD, vec4, ir_src_for(m), ir_src_for(k));
    ir_count_uses(c.s);
    CHECK(k->num_uses == 2 && m->num_uses == 1);
    expect_valid(&c, __LINE__);
    k->num_uses = 1; /* as if a pass had dropped a use without saying so */
    expect_invalid(&c, "num_uses is 1, but it has 2 uses", __LINE__);
    ir_uses_changed(c.s);
    expect_valid(&c, __LINE__);
    arena_destroy(c.a);
}

int main(void)
{
    test_straight_line();
    test_if_phi();
    test_loop();
    test_switch();
    test_broken();
    test_split();
    test_replace();
    test_stale_uses();
    test_op_table();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    else
        printf("ir tests passed\n");
    return failures != 0;
}
