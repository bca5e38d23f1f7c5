/* opt_constant_folding: values per type, what must not fold, and the exact identities. */
#include <math.h>

#include "pass_test.h"

static uint32_t fbits(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

/* Builds `op base(a), base(b)` (scalars, result `rt`), folds, and returns whether it became
 * a constant; *out gets its bits. */
static bool fold(enum ir_op op, ir_base base, ir_base rt, unsigned nsrc, uint64_t a, uint64_t b,
                 uint64_t c3, uint64_t *out)
{
    ctx c;
    ctx_init(&c);
    uint64_t vals[3] = { a, b, c3 };
    ir_src s[3];
    for (unsigned i = 0; i < nsrc; i++) {
        uint32_t w[2] = { (uint32_t)vals[i], (uint32_t)(vals[i] >> 32) };
        s[i] = ir_src_for(ir_build_const(&c.b, ir_type_make(base, 1), w));
    }
    if (op == IR_OP_SELECT) {
        uint32_t w = (uint32_t)a;
        s[0] = ir_src_for(ir_build_const(&c.b, ir_type_make(IR_BOOL, 1), &w));
    }
    ir_instr *r = nsrc == 1 ? ir_build_alu1(&c.b, op, ir_type_make(rt, 1), s[0])
                : nsrc == 2 ? ir_build_alu2(&c.b, op, ir_type_make(rt, 1), s[0], s[1])
                            : ir_build_alu3(&c.b, op, ir_type_make(rt, 1), s[0], s[1], s[2]);
    use_value(&c, r);
    /* BFE/BFI take int offsets: build those sources as int. */
    if (op == IR_OP_BFE || op == IR_OP_BFI)
        for (unsigned i = 1; i < nsrc; i++)
            s[i].def->type.base = IR_I32;
    if (!ir_validate(c.s, "build")) {
        fprintf(stderr, "%s: %s", ir_op_infos[op].name, diag_format_all(&c.d));
        failures++;
    }
    bool changed = opt_constant_folding(c.s);
    bool folded = r->op == IR_OP_CONST;
    CHECK(changed == folded);
    CHECK(ir_validate(c.s, "opt_constant_folding"));
    *out = ir_base_is_64(rt) ? r->u.value.u64[0] : r->u.value.u32[0];
    arena_destroy(c.a);
    return folded;
}

#define FOLDS(op, base, rt, n, a, b, c, want)                                             \
    do {                                                                                  \
        uint64_t got_;                                                                    \
        bool ok_ = fold(op, base, rt, n, a, b, c, &got_);                                 \
        if (!ok_ || got_ != (uint64_t)(want)) {                                           \
            fprintf(stderr, "%s:%d: %s folded=%d got 0x%llx want 0x%llx\n", __FILE__,     \
                    __LINE__, #op, ok_, (unsigned long long)got_, (unsigned long long)(want)); \
            failures++;                                                                   \
        }                                                                                 \
    } while (0)

#define KEEPS(op, base, rt, n, a, b, c)                                                  \
    do {                                                                                 \
        uint64_t got_;                                                                   \
        if (fold(op, base, rt, n, a, b, c, &got_)) {                                     \
            fprintf(stderr, "%s:%d: %s must not fold\n", __FILE__, __LINE__, #op);       \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

static void test_values(void)
{
    /* 32-bit integers wrap; shifts take the count's low 5 bits. */
    FOLDS(IR_OP_ADD, IR_I32, IR_I32, 2, 0x7fffffff, 1, 0, 0x80000000u);
    FOLDS(IR_OP_MUL, IR_U32, IR_U32, 2, 0x10000, 0x10000, 0, 0);
    FOLDS(IR_OP_SHL, IR_U32, IR_U32, 2, 1, 33, 0, 2);
    FOLDS(IR_OP_SHR, IR_I32, IR_I32, 2, 0x80000000u, 31, 0, 0xffffffffu);
    FOLDS(IR_OP_SHR, IR_U32, IR_U32, 2, 0x80000000u, 31, 0, 1);
    FOLDS(IR_OP_DIV, IR_I32, IR_I32, 2, 7, 2, 0, 3);
    KEEPS(IR_OP_DIV, IR_U32, IR_U32, 2, 7, 0, 0);
    KEEPS(IR_OP_MOD, IR_I32, IR_I32, 2, 7, 0, 0);
    KEEPS(IR_OP_DIV, IR_I32, IR_I32, 2, 0x80000000u, 0xffffffffu, 0);
    FOLDS(IR_OP_MIN, IR_I32, IR_I32, 2, 0xffffffffu, 1, 0, 0xffffffffu);
    FOLDS(IR_OP_MIN, IR_U32, IR_U32, 2, 0xffffffffu, 1, 0, 1);
    FOLDS(IR_OP_MUL_HI, IR_U32, IR_U32, 2, 0x80000000u, 4, 0, 2);
    FOLDS(IR_OP_MUL_HI, IR_I32, IR_I32, 2, 0x80000000u, 4, 0, 0xfffffffeu);
    FOLDS(IR_OP_BFE, IR_I32, IR_I32, 3, 0xf0, 4, 4, 0xffffffffu);
    FOLDS(IR_OP_BFE, IR_U32, IR_U32, 3, 0xf0, 4, 4, 0xf);
    FOLDS(IR_OP_FIND_MSB, IR_I32, IR_I32, 1, 0xffffffffu, 0, 0, 0xffffffffu);
    FOLDS(IR_OP_FIND_LSB, IR_U32, IR_I32, 1, 8, 0, 0, 3);
    FOLDS(IR_OP_POPCNT, IR_U32, IR_I32, 1, 0xff, 0, 0, 8);
    FOLDS(IR_OP_BITREV, IR_U32, IR_U32, 1, 1, 0, 0, 0x80000000u);
    /* 64-bit */
    FOLDS(IR_OP_ADD, IR_U64, IR_U64, 2, 0xffffffffull, 1, 0, 0x100000000ull);
    FOLDS(IR_OP_SHL, IR_I64, IR_I64, 2, 1, 65, 0, 2);
    /* floats: IEEE, but nothing GLSL leaves undefined */
    FOLDS(IR_OP_ADD, IR_F32, IR_F32, 2, fbits(1.5f), fbits(2.25f), 0, fbits(3.75f));
    FOLDS(IR_OP_MAD, IR_F32, IR_F32, 3, fbits(3.0f), fbits(0.1f), fbits(-0.3f), fbits(3.0f * 0.1f - 0.3f));
    FOLDS(IR_OP_FLOOR, IR_F32, IR_F32, 1, fbits(-1.5f), 0, 0, fbits(-2.0f));
    FOLDS(IR_OP_ROUND, IR_F32, IR_F32, 1, fbits(2.5f), 0, 0, fbits(2.0f));
    FOLDS(IR_OP_FRACT, IR_F32, IR_F32, 1, fbits(-0.25f), 0, 0, fbits(0.75f));
    FOLDS(IR_OP_NEG, IR_F32, IR_F32, 1, fbits(0.0f), 0, 0, fbits(-0.0f));
    FOLDS(IR_OP_SQRT, IR_F32, IR_F32, 1, fbits(4.0f), 0, 0, fbits(2.0f));
    FOLDS(IR_OP_DDX, IR_F32, IR_F32, 1, fbits(4.0f), 0, 0, 0);
    KEEPS(IR_OP_SQRT, IR_F32, IR_F32, 1, fbits(-4.0f), 0, 0);
    KEEPS(IR_OP_DIV, IR_F32, IR_F32, 2, fbits(1.0f), fbits(0.0f), 0);
    KEEPS(IR_OP_MIN, IR_F32, IR_F32, 2, fbits(NAN), fbits(1.0f), 0);
    KEEPS(IR_OP_LOG2, IR_F32, IR_F32, 1, fbits(0.0f), 0, 0);
    KEEPS(IR_OP_POW, IR_F32, IR_F32, 2, fbits(-2.0f), fbits(2.0f), 0);
    /* doubles */
    {
        double a = 0.1, b = 0.2, r = a + b;
        uint64_t ab, bb, rb;
        memcpy(&ab, &a, 8);
        memcpy(&bb, &b, 8);
        memcpy(&rb, &r, 8);
        FOLDS(IR_OP_ADD, IR_F64, IR_F64, 2, ab, bb, 0, rb);
    }
    /* comparisons: IEEE (NaN compares unordered: != is true) */
    FOLDS(IR_OP_LT, IR_I32, IR_BOOL, 2, 0xffffffffu, 0, 0, 1);
    FOLDS(IR_OP_LT, IR_U32, IR_BOOL, 2, 0xffffffffu, 0, 0, 0);
    FOLDS(IR_OP_NE, IR_F32, IR_BOOL, 2, fbits(NAN), fbits(NAN), 0, 1);
    FOLDS(IR_OP_EQ, IR_F32, IR_BOOL, 2, fbits(0.0f), fbits(-0.0f), 0, 1);
    /* conversions */
    FOLDS(IR_OP_CONVERT, IR_F32, IR_I32, 1, fbits(-2.75f), 0, 0, 0xfffffffeu);
    KEEPS(IR_OP_CONVERT, IR_F32, IR_I32, 1, fbits(3e9f), 0, 0);
    KEEPS(IR_OP_CONVERT, IR_F32, IR_U32, 1, fbits(-1.0f), 0, 0);
    FOLDS(IR_OP_CONVERT, IR_U32, IR_F32, 1, 0xffffffffu, 0, 0, fbits(4294967296.0f));
    FOLDS(IR_OP_CONVERT, IR_I32, IR_I64, 1, 0xffffffffu, 0, 0, ~0ull);
    FOLDS(IR_OP_CONVERT, IR_BOOL, IR_F32, 1, 1, 0, 0, fbits(1.0f));
    FOLDS(IR_OP_BITCAST, IR_F32, IR_U32, 1, fbits(1.0f), 0, 0, 0x3f800000u);
    FOLDS(IR_OP_SELECT, IR_U32, IR_U32, 3, 0, 5, 6, 6);
}

/* Identities turn instructions into MOVs of a source; copy propagation and DCE finish. */
static void test_identities(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_type v4 = ir_type_make(IR_F32, 4), i1 = ir_type_make(IR_I32, 1);
    ir_instr *pz = const_f32(&c, 0.0f), *nz = const_f32(&c, -0.0f), *one = const_f32(&c, 1.0f);
    ir_instr *zero = ir_build_const_f32(&c.b, 0.0f);
    ir_instr *a = ir_build_alu2(&c.b, IR_OP_ADD, v4, ir_src_for(x), ir_src_for(pz));  /* kept */
    ir_instr *b = ir_build_alu2(&c.b, IR_OP_ADD, v4, ir_src_for(a), ir_src_for(nz));  /* -> a */
    ir_instr *m = ir_build_alu2(&c.b, IR_OP_MUL, v4, ir_src_for(one), ir_src_for(b)); /* -> a */
    ir_instr *z = ir_build_alu2(&c.b, IR_OP_MUL, v4, ir_src_for(m), ir_src_for(zero)); /* kept */
    ir_instr *n1 = ir_build_alu1(&c.b, IR_OP_NEG, v4, ir_src_swizzle(z, 3, 2, 1, 0));
    ir_instr *n2 = ir_build_alu1(&c.b, IR_OP_NEG, v4, ir_src_swizzle(n1, 1, 1, 0, 0)); /* z.zzww */
    ir_instr *bc = ir_build_bitcast(&c.b, IR_U32, ir_src_for(n2), 4);
    ir_instr *bb = ir_build_bitcast(&c.b, IR_F32, ir_src_for(bc), 4);                /* -> n2 */
    use_value(&c, bb);
    ir_instr *k = const_i32(&c, 7);
    ir_instr *ones = const_i32(&c, -1);
    ir_instr *and = ir_build_alu2(&c.b, IR_OP_AND, i1, ir_src_for(ones), ir_src_for(k));
    ir_instr *x0 = ir_build_bitcast(&c.b, IR_I32, ir_src_swizzle(x, 1, 1, 1, 1), 1);
    ir_instr *sh = ir_build_alu2(&c.b, IR_OP_SHL, i1, ir_src_for(x0), ir_src_for(const_i32(&c, 32)));
    ir_instr *mz = ir_build_alu2(&c.b, IR_OP_MUL, i1, ir_src_for(sh), ir_src_for(const_i32(&c, 0)));
    ir_instr *sum = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(and), ir_src_for(mz));
    ir_instr *s2 = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(sum), ir_src_for(sh));
    use_value(&c, s2);
    passes_optimize(c.s, true);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = const float (0.0)\n"
                "    %5 = add vec4 %0.xyzw, %1.xxxx\n"
                "    %8 = mul vec4 %5.xyzw, %1.xxxx\n"
                "    store_var @1[0] .xyzw %8.zzww\n"
                "    %14 = const int (7)\n"
                "    %17 = bitcast int %0.y\n"
                "    %23 = add int %14.x, %17.x\n"
                "    store_var @2[0] .x %23.x\n",
                __LINE__);
    arena_destroy(c.a);
}

/* pack64(unpack64(x)) and unpack64(pack64(v)) cancel; constants of 64-bit types fold. */
static void test_pack(void)
{
    ctx c;
    ctx_init(&c);
    ir_instr *x = input_vec4(&c);
    ir_instr *u = ir_build_bitcast(&c.b, IR_U32, ir_src_for(x), 4);
    ir_instr *p = ir_build_alu1(&c.b, IR_OP_PACK64, ir_type_make(IR_F64, 2), ir_src_for(u));
    ir_instr *q = ir_build_alu1(&c.b, IR_OP_UNPACK64, ir_type_make(IR_U32, 4), ir_src_swizzle(p, 1, 0, 0, 0));
    use_value(&c, q); /* u.zwxy */
    ir_instr *r = ir_build_alu1(&c.b, IR_OP_PACK64, ir_type_make(IR_F64, 1), ir_src_swizzle(q, 2, 3, 0, 0));
    use_value(&c, r); /* q.zw = p.x = pack64(u.xy) */
    ir_instr *k = ir_build_const(&c.b, ir_type_make(IR_U32, 2), (uint32_t[]){ 0, 0x3ff00000u });
    ir_instr *kp = ir_build_alu1(&c.b, IR_OP_PACK64, ir_type_make(IR_F64, 1), ir_src_for(k));
    use_value(&c, kp);
    passes_optimize(c.s, true);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %1 = bitcast uvec4 %0.xyzw\n"
                "    store_var @1[0] .xyzw %1.zwxy\n"
                "    %5 = pack64 double %1.xy\n"
                "    store_var @2[0] .x %5.x\n"
                "    %8 = const double (1.0)\n"
                "    store_var @3[0] .x %8.x\n",
                __LINE__);
    arena_destroy(c.a);
}

/* Sign identities that are exact for floats: x * -1 -> -x, x + -y -> x - y, x - -y -> x + y. */
static void test_signs(void)
{
    ctx c;
    ctx_init(&c);
    ir_type v4 = ir_type_make(IR_F32, 4);
    ir_instr *x = input_vec4(&c);
    ir_instr *m = ir_build_alu2(&c.b, IR_OP_MUL, v4, ir_src_for(const_f32(&c, -1.0f)), ir_src_swizzle(x, 1, 0, 3, 2));
    ir_instr *a = ir_build_alu2(&c.b, IR_OP_ADD, v4, ir_src_for(x), ir_src_swizzle(m, 1, 0, 3, 2));
    ir_instr *d = ir_build_alu2(&c.b, IR_OP_SUB, v4, ir_src_for(a), ir_src_for(m));
    use_value(&c, d);
    CHECK(opt_constant_folding(c.s));
    opt_dce(c.s);
    expect_body(&c,
                "b0:\n"
                "    %0 = load_var vec4 @0[0]\n"
                "    %3 = sub vec4 %0.xyzw, %0.xyzw\n"
                "    %4 = add vec4 %3.xyzw, %0.yxwz\n"
                "    store_var @1[0] .xyzw %4.xyzw\n",
                __LINE__);
    arena_destroy(c.a);
}

int main(void)
{
    test_signs();
    test_values();
    test_identities();
    test_pack();
    return finish("constant folding");
}
