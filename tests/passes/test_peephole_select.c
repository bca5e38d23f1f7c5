/* opt_peephole_select: small ifs become selects; constant conditions keep the taken side. */
#include "pass_test.h"

static const ir_type v4 = { IR_F32, 4 }, b1 = { IR_BOOL, 1 };

static void test_select(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *cond = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(x, 0, 0, 0, 0), ir_src_swizzle(x, 1, 1, 1, 1));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(cond));
    ir_instr *t = ir_build_alu1(&c.b, IR_OP_FLOOR, v4, ir_src_for(x));
    ir_block *tb = c.b.block;
    ir_builder_else(&c.b, nif);
    ir_block *eb = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *phi = ir_build_phi(&c.b, v4, 2);
    ir_phi_set_src(phi, 0, tb, ir_src_for(t));
    ir_phi_set_src(phi, 1, eb, ir_src_swizzle(x, 3, 2, 1, 0));
    /* a second if, whose then side has a store: stays */
    ir_if *keep = ir_build_if(&c.b, ir_src_for(cond));
    use_value(&c, phi);
    ir_builder_after_cf(&c.b, &keep->cf);
    /* if (true) { y = ceil(x) } else { discard-free } -> y */
    ir_instr *k = ir_build_const(&c.b, b1, (uint32_t[]){ 1 });
    ir_if *cif = ir_build_if(&c.b, ir_src_for(k));
    ir_instr *y = ir_build_alu1(&c.b, IR_OP_CEIL, v4, ir_src_for(x));
    ir_block *ctb = c.b.block;
    ir_builder_else(&c.b, cif);
    ir_block *ceb = c.b.block;
    ir_builder_after_cf(&c.b, &cif->cf);
    ir_instr *cphi = ir_build_phi(&c.b, v4, 2);
    ir_phi_set_src(cphi, 0, ctb, ir_src_for(y));
    ir_phi_set_src(cphi, 1, ceb, ir_src_for(x));
    use_value(&c, cphi);
    CHECK(ir_validate(c.s, "build"));
    CHECK(opt_peephole_select(c.s));
    CHECK(!opt_peephole_select(c.s));
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = lt bool %0.x, %0.y\n"
                "    %2 = floor vec4 %0.xyzw\n"
                "    %3 = select vec4 %1.xxxx, %2.xyzw, %0.wzyx\n"
                "if %1.x {\n"
                "    b4:\n"
                "        store_var @1[0] .xyzw %3.xyzw\n"
                "} else {\n"
                "    b5:\n"
                "}\n"
                "b6:\n"
                "    %5 = const bool (true)\n"
                "    %6 = ceil vec4 %0.xyzw\n"
                "    %7 = mov vec4 %6.xyzw\n"
                "    store_var @2[0] .xyzw %7.xyzw\n",
                __LINE__);
    arena_destroy(c.a);
}

/* A guarded indirect load stays behind its branch: the guard may keep the index in range. */
static void test_guarded_load(void)
{
    ctx c;
    ctx_init(&c);
    ir_var *arr = ir_var_create(c.s, IR_VAR_TEMP_ARRAY, v4, 4);
    ir_instr *x = input_vec4(&c);
    ir_instr *i = ir_build_bitcast(&c.b, IR_I32, ir_src_swizzle(x, 0, 0, 0, 0), 1);
    ir_instr *ok = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_for(i), ir_src_for(const_i32(&c, 4)));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(ok));
    ir_instr *ld = ir_build_load_var(&c.b, arr, 0, ir_src_for(i), 0, ir_src_none());
    ir_block *tb = c.b.block;
    ir_builder_else(&c.b, nif);
    ir_block *eb = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *phi = ir_build_phi(&c.b, v4, 2);
    ir_phi_set_src(phi, 0, tb, ir_src_for(ld));
    ir_phi_set_src(phi, 1, eb, ir_src_for(x));
    use_value(&c, phi);
    CHECK(!opt_peephole_select(c.s));
    arena_destroy(c.a);
}

int main(void)
{
    test_guarded_load();
    test_select();
    return finish("peephole select");
}
