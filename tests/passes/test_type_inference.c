/* opt_type_inference on the shapes the translator produces for untyped TGSI registers. */
#include "pass_test.h"

static const ir_type f1 = { IR_F32, 1 }, i1 = { IR_I32, 1 }, u1 = { IR_U32, 1 }, b1 = { IR_BOOL, 1 };

static ir_instr *mask(ctx *c, ir_instr *cond, ir_base base)
{
    uint32_t ones = ~0u, zero = 0;
    ir_instr *t = ir_build_const(&c->b, ir_type_make(base, 1), &ones);
    ir_instr *f = ir_build_const(&c->b, ir_type_make(base, 1), &zero);
    return ir_build_alu3(&c->b, IR_OP_SELECT, ir_type_make(base, 1), ir_src_for(cond), ir_src_for(t), ir_src_for(f));
}

/* USNE/USEQ masks tested by UIF, combined with AND, and SLT's 1.0/0.0. */
static void test_masks(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *lt = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(x, 0, 0, 0, 0), ir_src_swizzle(x, 1, 1, 1, 1));
    ir_instr *ge = ir_build_alu2(&c.b, IR_OP_GE, b1, ir_src_swizzle(x, 2, 2, 2, 2), ir_src_swizzle(x, 3, 3, 3, 3));
    /* TEMP[0].x = mask(lt) stored as float bits, TEMP[0].y = mask(ge) */
    ir_instr *m0 = ir_build_bitcast(&c.b, IR_F32, ir_src_for(mask(&c, lt, IR_U32)), 1);
    ir_instr *m1 = ir_build_bitcast(&c.b, IR_F32, ir_src_for(mask(&c, ge, IR_U32)), 1);
    /* AND TEMP[1].x, TEMP[0].x, TEMP[0].y ; UIF TEMP[1].x */
    ir_instr *a0 = ir_build_bitcast(&c.b, IR_U32, ir_src_for(m0), 1);
    ir_instr *a1 = ir_build_bitcast(&c.b, IR_U32, ir_src_for(m1), 1);
    ir_instr *and = ir_build_alu2(&c.b, IR_OP_AND, u1, ir_src_for(a0), ir_src_for(a1));
    ir_instr *ne = ir_build_alu2(&c.b, IR_OP_NE, b1, ir_src_for(and), ir_src_for(const_u32(&c, 0)));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(ne));
    /* SLT TEMP[2].x, IN.x, IN.y written to an output */
    ir_instr *slt = ir_build_alu3(&c.b, IR_OP_SELECT, f1, ir_src_for(lt), ir_src_for(const_f32(&c, 1.0f)),
                                  ir_src_for(const_f32(&c, 0.0f)));
    use_value(&c, slt);
    ir_builder_after_cf(&c.b, &nif->cf);
    /* AND TEMP[3].x, TEMP[0].x, IMM(1.0) -> lt ? 1.0 : 0.0 */
    ir_instr *k1 = ir_build_bitcast(&c.b, IR_U32, ir_src_for(const_f32(&c, 1.0f)), 1);
    ir_instr *and2 = ir_build_alu2(&c.b, IR_OP_AND, u1, ir_src_for(a0), ir_src_for(k1));
    use_value(&c, ir_build_bitcast(&c.b, IR_F32, ir_src_for(and2), 1));
    CHECK(ir_validate(c.s, "build"));
    passes_optimize(c.s, true);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = lt bool %0.x, %0.y\n"
                "    %2 = ge bool %0.z, %0.w\n"
                "    %29 = and bool %1.x, %2.x\n"
                "if %29.x {\n"
                "    b1:\n"
                "        %18 = convert float %1.x\n"
                "        store_var @1[0] .x %18.x\n"
                "} else {\n"
                "    b2:\n"
                "}\n"
                "b3:\n"
                "    %23 = convert float %1.x\n"
                "    store_var @2[0] .x %23.x\n",
                __LINE__);
    arena_destroy(c.a);
}

/* A loop counter kept in a float register and used as int: the phi becomes int. */
static void test_phi_retype(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *zero = const_f32(&c, 0.0f);
    ir_instr *one = const_i32(&c, 1), *ten = const_i32(&c, 10);
    ir_block *entry = c.b.block;
    ir_loop *loop = ir_build_loop(&c.b);
    ir_instr *p = ir_build_phi(&c.b, f1, 2);
    ir_instr *pi = ir_build_bitcast(&c.b, IR_I32, ir_src_for(p), 1);
    ir_instr *ge = ir_build_alu2(&c.b, IR_OP_GE, b1, ir_src_for(pi), ir_src_for(ten));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(ge));
    ir_block *brk = c.b.block;
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *pi2 = ir_build_bitcast(&c.b, IR_I32, ir_src_for(p), 1);
    ir_instr *inc = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(pi2), ir_src_for(one));
    ir_instr *back = ir_build_bitcast(&c.b, IR_F32, ir_src_for(inc), 1);
    ir_phi_set_src(p, 0, entry, ir_src_for(zero));
    ir_phi_set_src(p, 1, c.b.block, ir_src_for(back));
    ir_builder_after_cf(&c.b, &loop->cf);
    ir_instr *e = ir_build_phi(&c.b, f1, 1);
    ir_phi_set_src(e, 0, brk, ir_src_for(p));
    use_value(&c, e); /* the register is also read as a float once */
    CHECK(ir_validate(c.s, "build"));
    passes_optimize(c.s, true);
    expect_body(&c,
                "b0:\n"
                "    %1 = const int (1)\n"
                "    %2 = const int (10)\n"
                "    %13 = const int (0)\n"
                "loop {\n"
                "    b1:\n"
                "        %3 = phi int [b0: %13.x], [b5: %8.x]\n"
                "        %12 = bitcast float %3.x\n"
                "        %5 = ge bool %3.x, %2.x\n"
                "    if %5.x {\n"
                "        b3:\n"
                "            break\n"
                "    } else {\n"
                "        b4:\n"
                "    }\n"
                "    b5:\n"
                "        %8 = add int %3.x, %1.x\n"
                "}\n"
                "b2:\n"
                "    store_var @0[0] .x %12.x\n",
                __LINE__);
    arena_destroy(c.a);
}

/* A temporary array only ever holding ints: declared as ivec4, no casts at either end. */
static void test_var_retype(void)
{
    ctx c;
    ctx_init(&c);
    ir_type v4 = ir_type_make(IR_F32, 4), iv4 = ir_type_make(IR_I32, 4);
    ir_var *arr = ir_var_create(c.s, IR_VAR_TEMP_ARRAY, v4, 2);
    ir_instr *x = input_vec4(&c);
    ir_instr *xi = ir_build_bitcast(&c.b, IR_I32, ir_src_for(x), 4);
    ir_instr *sum = ir_build_alu2(&c.b, IR_OP_ADD, iv4, ir_src_for(xi), ir_src_for(xi));
    ir_instr *sf = ir_build_bitcast(&c.b, IR_F32, ir_src_for(sum), 4);
    ir_build_store_var(&c.b, arr, 1, ir_src_none(), 0, ir_src_none(), ir_src_for(sf), 0xf);
    ir_instr *ld = ir_build_load_var(&c.b, arr, 1, ir_src_none(), 0, ir_src_none());
    ir_instr *li = ir_build_bitcast(&c.b, IR_I32, ir_src_for(ld), 4);
    ir_instr *m = ir_build_alu2(&c.b, IR_OP_MUL, iv4, ir_src_for(li), ir_src_for(xi));
    use_value(&c, ir_build_bitcast(&c.b, IR_F32, ir_src_for(m), 4));
    passes_optimize(c.s, true);
    CHECK(arr->type.base == IR_I32);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @1[0]\n"
                "    %1 = bitcast ivec4 %0.xyzw\n"
                "    %2 = add ivec4 %1.xyzw, %1.xyzw\n"
                "    store_var @0[1] .xyzw %2.xyzw\n"
                "    %5 = load_var ivec4 @0[1]\n"
                "    %7 = mul ivec4 %5.xyzw, %1.xyzw\n"
                "    %8 = bitcast vec4 %7.xyzw\n"
                "    store_var @2[0] .xyzw %8.xyzw\n",
                __LINE__);
    arena_destroy(c.a);
}

int main(void)
{
    test_var_retype();
    test_masks();
    test_phi_retype();
    return finish("type inference");
}
