/* opt_copy_propagation and opt_dce. */
#include "pass_test.h"

static const ir_type v4 = { IR_F32, 4 }, f1 = { IR_F32, 1 }, i1 = { IR_I32, 1 }, b1 = { IR_BOOL, 1 };

/* MOV and VEC of one value's components become swizzles of it. */
static void test_mov_vec(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *m = ir_build_alu1(&c.b, IR_OP_MOV, v4, ir_src_swizzle(x, 3, 2, 1, 0));
    ir_src parts[4] = { ir_src_swizzle(m, 0, 0, 0, 0), ir_src_swizzle(m, 2, 2, 2, 2),
                        ir_src_swizzle(x, 1, 1, 1, 1), ir_src_swizzle(m, 3, 3, 3, 3) };
    ir_instr *v = ir_build_vec(&c.b, v4, parts, 4);       /* x.wyyx */
    ir_instr *f = ir_build_alu1(&c.b, IR_OP_FLOOR, ir_type_make(IR_F32, 2), ir_src_swizzle(v, 1, 0, 0, 0));
    use_value(&c, f);
    CHECK(opt_copy_propagation(c.s));
    CHECK(!opt_copy_propagation(c.s));
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %3 = floor vec2 %0.yw\n"
                "    store_var @1[0] .xy %3.xy\n",
                __LINE__);
    arena_destroy(c.a);
}

/* A phi of one value on both sides, and a loop phi that only carries its entry value. */
static void test_phis(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *cond = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(x, 0, 0, 0, 0), ir_src_swizzle(x, 1, 1, 1, 1));
    ir_block *entry = c.b.block;
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cond));
    ir_block *tb = c.b.block;
    ir_builder_else(&c.b, nif);
    ir_block *eb = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *p = ir_build_phi(&c.b, f1, 2);
    ir_phi_set_src(p, 0, tb, ir_src_swizzle(x, 2, 2, 2, 2));
    ir_phi_set_src(p, 1, eb, ir_src_swizzle(x, 2, 2, 2, 2));
    ir_instr *one = const_i32(&c, 1);
    ir_block *pre = c.b.block;
    (void)entry;
    ir_loop *loop = ir_build_loop(&c.b);
    ir_instr *h = ir_build_phi(&c.b, f1, 2);
    ir_instr *dead_ctr = ir_build_phi(&c.b, i1, 2); /* feeds only itself: dead */
    ir_instr *inc = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(dead_ctr), ir_src_for(one));
    ir_instr *brk_c = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_for(h), ir_src_for(p));
    ir_if *bif = ir_build_if(&c.b, ir_src_for(brk_c));
    ir_block *bb = c.b.block;
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_after_cf(&c.b, &bif->cf);
    ir_block *latch = c.b.block;
    ir_phi_set_src(h, 0, pre, ir_src_for(p));
    ir_phi_set_src(h, 1, latch, ir_src_for(h));
    ir_phi_set_src(dead_ctr, 0, pre, ir_src_for(one));
    ir_phi_set_src(dead_ctr, 1, latch, ir_src_for(inc));
    ir_builder_after_cf(&c.b, &loop->cf);
    ir_instr *e = ir_build_phi(&c.b, f1, 1);
    ir_phi_set_src(e, 0, bb, ir_src_for(h));
    use_value(&c, e);
    CHECK(ir_validate(c.s, "build"));
    passes_optimize(c.s, true);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "loop {\n"
                "    b4:\n"
                "        %7 = lt bool %0.z, %0.z\n"
                "    if %7.x {\n"
                "        b6:\n"
                "            break\n"
                "    } else {\n"
                "        b7:\n"
                "    }\n"
                "    b8:\n"
                "}\n"
                "b5:\n"
                "    store_var @1[0] .x %0.z\n",
                __LINE__);
    arena_destroy(c.a);
}

/* DCE keeps side effects and what they read, drops the rest. */
static void test_dce(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *a = ir_build_alu1(&c.b, IR_OP_FLOOR, v4, ir_src_for(x));
    ir_build_alu1(&c.b, IR_OP_CEIL, v4, ir_src_for(a)); /* dead */
    ir_build_alu1(&c.b, IR_OP_DISCARD, IR_TYPE_VOID, ir_src_none())->num_srcs = 0;
    use_value(&c, a);
    CHECK(opt_dce(c.s));
    CHECK(!opt_dce(c.s));
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = floor vec4 %0.xyzw\n"
                "    discard\n"
                "    store_var @1[0] .xyzw %1.xyzw\n",
                __LINE__);
    arena_destroy(c.a);
}

int main(void)
{
    test_mov_vec();
    test_phis();
    test_dce();
    return finish("copy propagation and dce");
}
