/* opt_cse: equal pure values merge where one is available to the other, never across
 * sibling branches, and loads of writable variables stay. */
#include "pass_test.h"

static const ir_type v4 = { IR_F32, 4 }, b1 = { IR_BOOL, 1 };

static void test_cse(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *x2 = ir_build_load_var(&c.b, x->u.access.var, 0, ir_src_none(), 0, ir_src_none());
    ir_instr *k1 = const_f32(&c, 2.0f), *k2 = const_f32(&c, 2.0f);
    ir_instr *a = ir_build_alu2(&c.b, IR_OP_MUL, v4, ir_src_for(x), ir_src_for(k1));
    ir_instr *a2 = ir_build_alu2(&c.b, IR_OP_MUL, v4, ir_src_for(x2), ir_src_for(k2)); /* == a */
    ir_instr *cond = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(a, 0, 0, 0, 0), ir_src_swizzle(a2, 1, 1, 1, 1));
    ir_var *tmp = ir_var_create(c.s, IR_VAR_TEMP_ARRAY, v4, 2);
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cond));
    ir_instr *t1 = ir_build_alu1(&c.b, IR_OP_FLOOR, v4, ir_src_for(a2));  /* floor(a), kept */
    ir_build_store_var(&c.b, tmp, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(t1), 0xf);
    ir_builder_else(&c.b, nif);
    ir_instr *e1 = ir_build_alu1(&c.b, IR_OP_FLOOR, v4, ir_src_for(a));   /* not merged with t1 */
    ir_build_store_var(&c.b, tmp, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(e1), 0xf);
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *l1 = ir_build_load_var(&c.b, tmp, 0, ir_src_none(), 0, ir_src_none());
    ir_build_store_var(&c.b, tmp, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(a), 0xf);
    ir_instr *l2 = ir_build_load_var(&c.b, tmp, 0, ir_src_none(), 0, ir_src_none());
    use_value(&c, ir_build_alu2(&c.b, IR_OP_ADD, v4, ir_src_for(l1), ir_src_for(l2)));
    CHECK(opt_cse(c.s));
    /* duplicates became MOVs of the value kept; copy propagation and DCE remove them */
    CHECK(opt_copy_propagation(c.s));
    opt_dce(c.s);
    CHECK(!opt_cse(c.s));
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %2 = const float (2.0)\n"
                "    %4 = mul vec4 %0.xyzw, %2.xxxx\n"
                "    %6 = lt bool %4.x, %4.y\n"
                "if %6.x {\n"
                "    b1:\n"
                "        %7 = floor vec4 %4.xyzw\n"
                "        store_var @1[0] .xyzw %7.xyzw\n"
                "} else {\n"
                "    b2:\n"
                "        %9 = floor vec4 %4.xyzw\n"
                "        store_var @1[0] .xyzw %9.xyzw\n"
                "}\n"
                "b3:\n"
                "    %11 = load_var vec4 @1[0]\n"
                "    store_var @1[0] .xyzw %4.xyzw\n"
                "    %13 = load_var vec4 @1[0]\n"
                "    %14 = add vec4 %11.xyzw, %13.xyzw\n"
                "    store_var @2[0] .xyzw %14.xyzw\n",
                __LINE__);
    arena_destroy(c.a);
}

int main(void)
{
    test_cse();
    return finish("cse");
}
