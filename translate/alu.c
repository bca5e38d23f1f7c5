/* Arithmetic: component-wise ops that map onto one IR op (the table at the end says which),
 * plus the few that need more (comparisons, replicated scalars, guarded division, shifts, bitfields,
 * 64-bit conversions).  64-bit operands live in channel pairs: xy is value 0, zw value 1. */
#include "tr_internal.h"

#include <string.h>

/* Lanes an instruction computes: written channels, or written pairs for 64-bit results. */
typedef struct lanes {
    uint8_t v[4];
    unsigned n;
    bool is64;
} lanes;

static lanes dst_lanes(const ast_insn *in, enum tgsi_type dst_type)
{
    lanes l;
    l.is64 = tr_type_is64(dst_type);
    l.n = l.is64 ? tr_dst_pairs(&in->dst[0], l.v) : tr_dst_chans(&in->dst[0], l.v);
    return l;
}

/* Source i for every lane: a 32-bit operand feeding a 64-bit lane p reads channel p (F2D:
 * dst.xy from src.x, dst.zw from src.y); a 64-bit operand feeding 32-bit channels reads
 * pair k for the k-th channel written, as tgsi_exec and Mesa's TGSI emitters do (D2F .y
 * alone reads src.xy; D2F .xy reads src.xy then src.zw). */
/* The source pair a 32-bit result lane of a 64-bit operation reads: the k-th lane written
 * takes pair k.  Mesa never writes more than two lanes; with more, each keeps `wide`, the
 * pair the TGSI documentation gives its channel. */
static uint8_t pair_of_lane(const lanes *l, unsigned k, uint8_t wide)
{
    return l->n <= 2 ? (uint8_t)k : wide;
}

static ir_src operand(tr *t, const ast_insn *in, unsigned i, enum tgsi_type ty, const lanes *l)
{
    ir_base want = tr_base_of(ty);
    if (tr_type_is64(ty)) {
        uint8_t pairs[4];
        /* A 64-bit result written to .zw alone reads its operands' first value: Mesa's
         * emitter leaves the operand unswizzled there (a dvec3's third component computed
         * into TEMP.zw from TEMP.xy), and virglrenderer reads it so; where Mesa swizzles
         * the operand (.xyxy, .zwzw) both pairs are the same value anyway. */
        for (unsigned k = 0; k < l->n && k < 4; k++)
            pairs[k] = pair_of_lane(l, k, l->is64 ? l->v[k] : l->v[k] & 1);
        return tr_read64(t, &in->src[i], pairs, l->n, want);
    }
    return tr_read(t, &in->src[i], l->v, l->n, want);
}

static void write_lanes(tr *t, const ast_insn *in, const lanes *l, ir_src v)
{
    if (l->is64)
        tr_write64(t, &in->dst[0], v, l->v, l->n);
    else
        tr_write(t, &in->dst[0], v, l->v, l->n);
}

static ir_src build(tr *t, enum ir_op op, ir_base base, unsigned n, const ir_src *s, unsigned ns)
{
    ir_type ty = ir_type_make(base, n);
    ir_instr *r;
    switch (ns) {
    case 1: r = ir_build_alu1(&t->b, op, ty, s[0]); break;
    case 2: r = ir_build_alu2(&t->b, op, ty, s[0], s[1]); break;
    case 3: r = ir_build_alu3(&t->b, op, ty, s[0], s[1], s[2]); break;
    default: r = ir_build_alu4(&t->b, op, ty, s[0], s[1], s[2], s[3]); break;
    }
    return ir_src_for(r);
}

typedef struct alu_special alu_special;
typedef void (*alu_fn)(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp);
struct alu_special {
    alu_fn fn;
    int16_t op;      /* ir op the handler builds */
    uint8_t swap;    /* comparisons: operands swapped (SGT = LT(b, a)) */
    uint8_t base;    /* result base override (POPC & co. return int) */
};

/* The plain case: one IR op per lane set, sources typed by the table. */
static void alu_generic(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, (enum tgsi_type)info->dst_type);
    if (!l.n)
        return;
    ir_src s[AST_MAX_SRC];
    for (unsigned i = 0; i < info->num_src; i++)
        s[i] = operand(t, in, i, (enum tgsi_type)info->src_type, &l);
    ir_base base = sp->base ? (ir_base)sp->base : tr_base_of((enum tgsi_type)info->dst_type);
    write_lanes(t, in, &l, build(t, (enum ir_op)sp->op, base, l.n, s, info->num_src));
}

/* MOV and UARL copy channels: no instruction unless a modifier or type change needs one. */
static void alu_mov(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_X);
    if (!l.n)
        return;
    ir_base want = info->dst_type == TGSI_TYPE_I ? IR_I32 : IR_VOID;
    write_lanes(t, in, &l, tr_read(t, &in->src[0], l.v, l.n, want));
}

/* ARL/ARR: float to address integer, rounding down / to nearest. */
static void alu_to_addr(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_I);
    if (!l.n)
        return;
    ir_src x = tr_read(t, &in->src[0], l.v, l.n, IR_F32);
    x = build(t, (enum ir_op)sp->op, IR_F32, l.n, &x, 1);
    write_lanes(t, in, &l, build(t, IR_OP_CONVERT, IR_I32, l.n, &x, 1));
}

/* Scalar ops on .x replicated to every written channel. */
static void alu_repl(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    ir_src s[2];
    for (unsigned i = 0; i < info->num_src; i++)
        s[i] = tr_read_scalar(t, &in->src[i], 0, IR_F32);
    tr_write_repl(t, &in->dst[0], build(t, (enum ir_op)sp->op, IR_F32, 1, s, info->num_src));
}

/* RSQ is 1/sqrt(|x|) in TGSI. */
static void alu_rsq(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    ir_src x = tr_read_scalar(t, &in->src[0], 0, IR_F32);
    x = build(t, IR_OP_ABS, IR_F32, 1, &x, 1);
    tr_write_repl(t, &in->dst[0], build(t, IR_OP_RSQ, IR_F32, 1, &x, 1));
}

static void alu_dot(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    static const uint8_t xyzw[4] = { 0, 1, 2, 3 };
    unsigned n = sp->base; /* components */
    ir_src a = tr_read(t, &in->src[0], xyzw, n, IR_F32);
    ir_src b = tr_read(t, &in->src[1], xyzw, n, IR_F32);
    tr_write_repl(t, &in->dst[0], ir_src_for(ir_build_dot(&t->b, IR_F32, a, b, n)));
}

static ir_src compare(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp,
                      const lanes *l)
{
    enum tgsi_type ty = (enum tgsi_type)info->src_type;
    ir_src s[2];
    for (unsigned i = 0; i < 2; i++) {
        if (tr_type_is64(ty)) {
            uint8_t pairs[4];
            for (unsigned k = 0; k < l->n; k++)
                pairs[k] = pair_of_lane(l, k, l->v[k] >> 1);
            s[i] = tr_read64(t, &in->src[i], pairs, l->n, tr_base_of(ty));
        } else {
            s[i] = operand(t, in, i, ty, l);
        }
    }
    if (sp->swap) {
        ir_src tmp = s[0];
        s[0] = s[1];
        s[1] = tmp;
    }
    return build(t, (enum ir_op)sp->op, IR_BOOL, l->n, s, 2);
}

/* SLT & co.: 1.0 / 0.0. */
static void alu_set(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_F);
    if (!l.n)
        return;
    ir_src b = compare(t, in, info, sp, &l);
    write_lanes(t, in, &l, build(t, IR_OP_CONVERT, IR_F32, l.n, &b, 1));
}

/* FSEQ, USLT, DSNE, I64SLT & co.: ~0 / 0. */
static void alu_set_mask(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_U);
    if (!l.n)
        return;
    ir_src s[3] = { compare(t, in, info, sp, &l), tr_const(t, IR_U32, l.n, ~0u),
                    tr_const(t, IR_U32, l.n, 0) };
    write_lanes(t, in, &l, build(t, IR_OP_SELECT, IR_U32, l.n, s, 3));
}

/* TGSI masks shift counts to the operand width; GLSL leaves larger counts undefined.  The
 * 64-bit shifts take their count from channel x (value 0) or y (value 1). */
static void alu_shift(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    enum tgsi_type ty = (enum tgsi_type)info->src_type;
    lanes l = dst_lanes(in, ty);
    if (!l.n)
        return;
    ir_base base = tr_base_of(ty);
    ir_src s[2];
    s[0] = operand(t, in, 0, ty, &l);
    ir_src count;
    uint32_t mask = 31;
    if (l.is64) {
        uint8_t chans[4];
        for (unsigned k = 0; k < l.n; k++)
            chans[k] = l.v[k];
        count = tr_read(t, &in->src[1], chans, l.n, IR_U32);
        mask = 63;
    } else {
        count = operand(t, in, 1, ty, &l);
    }
    ir_base cb = tr_src_base(count, l.n);
    ir_src m[2] = { count, tr_const(t, cb, l.n, mask) };
    s[1] = build(t, IR_OP_AND, cb, l.n, m, 2);
    write_lanes(t, in, &l, build(t, (enum ir_op)sp->op, base, l.n, s, 2));
}

/* CMP: src0 < 0 ? src1 : src2. */
static void alu_cmp(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_F);
    if (!l.n)
        return;
    ir_src c[2] = { tr_read(t, &in->src[0], l.v, l.n, IR_F32), tr_const_f32(t, 0.0f, l.n) };
    ir_src s[3] = { build(t, IR_OP_LT, IR_BOOL, l.n, c, 2),
                    tr_read(t, &in->src[1], l.v, l.n, IR_F32),
                    tr_read(t, &in->src[2], l.v, l.n, IR_F32) };
    write_lanes(t, in, &l, build(t, IR_OP_SELECT, IR_F32, l.n, s, 3));
}

/* UCMP: src0 != 0 ? src1 : src2, moving src1/src2 in their own type when they agree. */
static void alu_ucmp(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    lanes l = dst_lanes(in, TGSI_TYPE_U);
    if (!l.n)
        return;
    ir_src c[2] = { tr_read(t, &in->src[0], l.v, l.n, IR_U32), tr_const(t, IR_U32, l.n, 0) };
    ir_src cond = build(t, IR_OP_NE, IR_BOOL, l.n, c, 2);
    ir_src a = tr_read(t, &in->src[1], l.v, l.n, IR_VOID);
    ir_base base = tr_src_base(a, l.n);
    ir_src b = tr_read(t, &in->src[2], l.v, l.n, base);
    ir_src s[3] = { cond, a, b };
    write_lanes(t, in, &l, build(t, IR_OP_SELECT, base, l.n, s, 3));
}

/* Integer division and remainder: GLSL leaves x / 0 undefined, TGSI (after D3D) gives ~0. */
static void alu_divmod(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    enum tgsi_type ty = (enum tgsi_type)info->src_type;
    lanes l = dst_lanes(in, ty);
    if (!l.n)
        return;
    ir_base base = tr_base_of(ty);
    ir_src a = operand(t, in, 0, ty, &l);
    ir_src b = operand(t, in, 1, ty, &l);
    ir_src zero = tr_const(t, base, l.n, 0);
    ir_src ones = tr_const(t, base, l.n, ~0u);
    if (ir_base_is_64(base)) {
        uint32_t w[8];
        memset(w, 0xff, sizeof(w));
        ones = ir_src_for(tr_const_words(t, ir_type_make(base, l.n), w));
    }
    ir_src z[2] = { b, zero };
    ir_src is_zero = build(t, IR_OP_EQ, IR_BOOL, l.n, z, 2);
    ir_src ab[2] = { a, b };
    ir_src q = build(t, (enum ir_op)sp->op, base, l.n, ab, 2);
    ir_src s[3] = { is_zero, ones, q };
    write_lanes(t, in, &l, build(t, IR_OP_SELECT, base, l.n, s, 3));
}

/* LDEXP / DLDEXP: the exponent is a 32-bit int (channel x / z for the 64-bit form). */
static void alu_ldexp(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    enum tgsi_type ty = (enum tgsi_type)info->src_type;
    lanes l = dst_lanes(in, ty);
    if (!l.n)
        return;
    ir_src s[2];
    s[0] = operand(t, in, 0, ty, &l);
    uint8_t chans[4];
    for (unsigned k = 0; k < l.n; k++)
        chans[k] = (uint8_t)(l.is64 ? l.v[k] * 2 : l.v[k]);
    s[1] = tr_read(t, &in->src[1], chans, l.n, IR_I32);
    write_lanes(t, in, &l, build(t, IR_OP_LDEXP, tr_base_of(ty), l.n, s, 2));
}

/* IBFE/UBFE (value, offset, bits) and BFI (base, insert, offset, bits): offsets and widths
 * are ints in GLSL. */
static void alu_bitfield(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    enum tgsi_type ty = (enum tgsi_type)info->src_type;
    lanes l = dst_lanes(in, ty);
    if (!l.n)
        return;
    unsigned nvalues = sp->op == IR_OP_BFI ? 2 : 1;
    ir_src s[4];
    for (unsigned i = 0; i < info->num_src; i++)
        s[i] = tr_read(t, &in->src[i], l.v, l.n, i < nvalues ? tr_base_of(ty) : IR_I32);
    write_lanes(t, in, &l, build(t, (enum ir_op)sp->op, tr_base_of(ty), l.n, s, info->num_src));
}

/* PK2H: two floats of .xy to one uint of halves, replicated. */
static void alu_pack_half(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    static const uint8_t xy[2] = { 0, 1 };
    ir_src v = tr_read(t, &in->src[0], xy, 2, IR_F32);
    tr_write_repl(t, &in->dst[0],
                  ir_src_for(ir_build_alu1(&t->b, IR_OP_PACK_HALF, ir_type_make(IR_U32, 1), v)));
}

/* UP2H: the halves of src.x to .x/.y (and again to .z/.w). */
static void alu_unpack_half(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    if (!n)
        return;
    ir_src x = tr_read_scalar(t, &in->src[0], 0, IR_U32);
    ir_instr *v = ir_build_alu1(&t->b, IR_OP_UNPACK_HALF, ir_type_make(IR_F32, 2), x);
    ir_src r = ir_src_for(v);
    for (unsigned i = 0; i < n; i++)
        r.swizzle[i] = chans[i] & 1;
    tr_write(t, &in->dst[0], r, chans, n);
}

/* UP2US / UP4B / UP4UB: the inverses of PK2US / PK4B / PK4UB (tgsi.rst leaves them "TBD"):
 * field (c mod fields) of src.x as a normalized value, as unpackUnorm2x16, unpackSnorm4x8 and
 * unpackUnorm4x8 define it.  sp->base: bits per field; sp->swap: signed. */
static void alu_unpack_norm(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    if (!n)
        return;
    unsigned bits = sp->base, fields = 32 / bits;
    bool is_signed = sp->swap;
    ir_base ib = is_signed ? IR_I32 : IR_U32;
    ir_src x = tr_read_scalar(t, &in->src[0], 0, ib);
    uint32_t offs[4], widths[4];
    for (unsigned i = 0; i < n; i++) {
        offs[i] = (chans[i] % fields) * bits;
        widths[i] = bits;
    }
    ir_src off = ir_src_for(tr_const_words(t, ir_type_make(IR_I32, n), offs));
    ir_src width = ir_src_for(tr_const_words(t, ir_type_make(IR_I32, n), widths));
    ir_src f = ir_src_for(ir_build_alu3(&t->b, IR_OP_BFE, ir_type_make(ib, n), x, off, width));
    ir_type fv = ir_type_make(IR_F32, n);
    f = ir_src_for(ir_build_alu1(&t->b, IR_OP_CONVERT, fv, f));
    float scale = (float)((1u << (bits - (is_signed ? 1 : 0))) - 1);
    f = ir_src_for(ir_build_alu2(&t->b, IR_OP_DIV, fv, f, tr_const_f32(t, scale, n)));
    if (is_signed) /* -128 / 127 clamps to -1 */
        f = ir_src_for(ir_build_alu2(&t->b, IR_OP_MAX, fv, f, tr_const_f32(t, -1.0f, n)));
    tr_write(t, &in->dst[0], f, chans, n);
}

/* An op per lane set (COMP) or on .x, replicated (REPL), as the opcode's kind says. */
static void alu_direct(tr *t, const ast_insn *in, const tgsi_opcode_info *info, const alu_special *sp)
{
    if (info->kind == TGSI_KIND_REPL)
        alu_repl(t, in, info, sp);
    else
        alu_generic(t, in, info, sp);
}

/* How each arithmetic opcode becomes IR: the IR op, and the handler that builds it. */
#define OP(o) { alu_direct, IR_OP_##o, 0, 0 }
#define GEN(o) { alu_generic, IR_OP_##o, 0, 0 }
#define SET(o, sw) { alu_set, IR_OP_##o, sw, 0 }
#define MASK(o) { alu_set_mask, IR_OP_##o, 0, 0 }
static const alu_special alu_ops[TGSI_OPCODE_COUNT] = {
    [TGSI_OPCODE_RCP] = OP(RCP), [TGSI_OPCODE_MUL] = OP(MUL), [TGSI_OPCODE_ADD] = OP(ADD),
    [TGSI_OPCODE_MIN] = OP(MIN), [TGSI_OPCODE_MAX] = OP(MAX), [TGSI_OPCODE_MAD] = OP(MAD),
    [TGSI_OPCODE_LRP] = OP(LRP), [TGSI_OPCODE_FMA] = OP(FMA), [TGSI_OPCODE_SQRT] = OP(SQRT),
    [TGSI_OPCODE_FRC] = OP(FRACT), [TGSI_OPCODE_FLR] = OP(FLOOR),
    [TGSI_OPCODE_ROUND] = OP(ROUND), [TGSI_OPCODE_EX2] = OP(EXP2), [TGSI_OPCODE_LG2] = OP(LOG2),
    [TGSI_OPCODE_POW] = OP(POW), [TGSI_OPCODE_COS] = OP(COS), [TGSI_OPCODE_DDX] = OP(DDX),
    [TGSI_OPCODE_DDY] = OP(DDY), [TGSI_OPCODE_SIN] = OP(SIN), [TGSI_OPCODE_SSG] = OP(SIGN),
    [TGSI_OPCODE_DIV] = OP(DIV), [TGSI_OPCODE_DDX_FINE] = OP(DDX_FINE),
    [TGSI_OPCODE_DDY_FINE] = OP(DDY_FINE), [TGSI_OPCODE_CEIL] = OP(CEIL),
    [TGSI_OPCODE_I2F] = OP(CONVERT), [TGSI_OPCODE_NOT] = OP(NOT),
    [TGSI_OPCODE_TRUNC] = OP(TRUNC), [TGSI_OPCODE_AND] = OP(AND), [TGSI_OPCODE_OR] = OP(OR),
    [TGSI_OPCODE_MOD] = OP(MOD), [TGSI_OPCODE_XOR] = OP(XOR), [TGSI_OPCODE_DFMA] = OP(FMA),
    [TGSI_OPCODE_F2I] = OP(CONVERT), [TGSI_OPCODE_IMAX] = OP(MAX), [TGSI_OPCODE_IMIN] = OP(MIN),
    [TGSI_OPCODE_INEG] = OP(NEG), [TGSI_OPCODE_F2U] = OP(CONVERT),
    [TGSI_OPCODE_U2F] = OP(CONVERT), [TGSI_OPCODE_UADD] = OP(ADD), [TGSI_OPCODE_UMAD] = OP(MAD),
    [TGSI_OPCODE_UMAX] = OP(MAX), [TGSI_OPCODE_UMIN] = OP(MIN), [TGSI_OPCODE_UMUL] = OP(MUL),
    [TGSI_OPCODE_IABS] = OP(ABS), [TGSI_OPCODE_ISSG] = OP(SIGN),
    [TGSI_OPCODE_IMUL_HI] = OP(MUL_HI), [TGSI_OPCODE_UMUL_HI] = OP(MUL_HI),
    [TGSI_OPCODE_BREV] = OP(BITREV), [TGSI_OPCODE_F2D] = OP(CONVERT),
    [TGSI_OPCODE_D2F] = OP(CONVERT), [TGSI_OPCODE_DABS] = OP(ABS), [TGSI_OPCODE_DNEG] = OP(NEG),
    [TGSI_OPCODE_DADD] = OP(ADD), [TGSI_OPCODE_DMUL] = OP(MUL), [TGSI_OPCODE_DMAX] = OP(MAX),
    [TGSI_OPCODE_DMIN] = OP(MIN), [TGSI_OPCODE_DRCP] = OP(RCP), [TGSI_OPCODE_DSQRT] = OP(SQRT),
    [TGSI_OPCODE_DMAD] = OP(MAD), [TGSI_OPCODE_DFRAC] = OP(FRACT),
    [TGSI_OPCODE_D2I] = OP(CONVERT), [TGSI_OPCODE_I2D] = OP(CONVERT),
    [TGSI_OPCODE_D2U] = OP(CONVERT), [TGSI_OPCODE_U2D] = OP(CONVERT),
    [TGSI_OPCODE_DRSQ] = OP(RSQ), [TGSI_OPCODE_DTRUNC] = OP(TRUNC),
    [TGSI_OPCODE_DCEIL] = OP(CEIL), [TGSI_OPCODE_DFLR] = OP(FLOOR),
    [TGSI_OPCODE_DROUND] = OP(ROUND), [TGSI_OPCODE_DSSG] = OP(SIGN),
    [TGSI_OPCODE_I64MIN] = OP(MIN), [TGSI_OPCODE_U64MIN] = OP(MIN),
    [TGSI_OPCODE_I64MAX] = OP(MAX), [TGSI_OPCODE_U64MAX] = OP(MAX),
    [TGSI_OPCODE_I64ABS] = OP(ABS), [TGSI_OPCODE_I64SSG] = OP(SIGN),
    [TGSI_OPCODE_I64NEG] = OP(NEG), [TGSI_OPCODE_U64ADD] = OP(ADD),
    [TGSI_OPCODE_U64MUL] = OP(MUL), [TGSI_OPCODE_DDIV] = OP(DIV),
    [TGSI_OPCODE_MOV] = { alu_mov, IR_OP_MOV, 0, 0 },
    [TGSI_OPCODE_UARL] = { alu_mov, IR_OP_MOV, 0, 0 },
    [TGSI_OPCODE_ARL] = { alu_to_addr, IR_OP_FLOOR, 0, 0 },
    [TGSI_OPCODE_ARR] = { alu_to_addr, IR_OP_ROUND, 0, 0 },
    [TGSI_OPCODE_RSQ] = { alu_rsq, IR_OP_RSQ, 0, 0 },
    [TGSI_OPCODE_DP2] = { alu_dot, IR_OP_DOT, 0, 2 },
    [TGSI_OPCODE_DP3] = { alu_dot, IR_OP_DOT, 0, 3 },
    [TGSI_OPCODE_DP4] = { alu_dot, IR_OP_DOT, 0, 4 },
    [TGSI_OPCODE_SLT] = SET(LT, 0), [TGSI_OPCODE_SGE] = SET(GE, 0),
    [TGSI_OPCODE_SEQ] = SET(EQ, 0), [TGSI_OPCODE_SNE] = SET(NE, 0),
    [TGSI_OPCODE_SGT] = SET(LT, 1), [TGSI_OPCODE_SLE] = SET(GE, 1),
    [TGSI_OPCODE_FSEQ] = MASK(EQ), [TGSI_OPCODE_FSGE] = MASK(GE),
    [TGSI_OPCODE_FSLT] = MASK(LT), [TGSI_OPCODE_FSNE] = MASK(NE),
    [TGSI_OPCODE_ISGE] = MASK(GE), [TGSI_OPCODE_ISLT] = MASK(LT),
    [TGSI_OPCODE_USEQ] = MASK(EQ), [TGSI_OPCODE_USGE] = MASK(GE),
    [TGSI_OPCODE_USLT] = MASK(LT), [TGSI_OPCODE_USNE] = MASK(NE),
    [TGSI_OPCODE_DSEQ] = MASK(EQ), [TGSI_OPCODE_DSGE] = MASK(GE),
    [TGSI_OPCODE_DSLT] = MASK(LT), [TGSI_OPCODE_DSNE] = MASK(NE),
    [TGSI_OPCODE_U64SEQ] = MASK(EQ), [TGSI_OPCODE_U64SNE] = MASK(NE),
    [TGSI_OPCODE_I64SLT] = MASK(LT), [TGSI_OPCODE_U64SLT] = MASK(LT),
    [TGSI_OPCODE_I64SGE] = MASK(GE), [TGSI_OPCODE_U64SGE] = MASK(GE),
    [TGSI_OPCODE_SHL] = { alu_shift, IR_OP_SHL, 0, 0 },
    [TGSI_OPCODE_ISHR] = { alu_shift, IR_OP_SHR, 0, 0 },
    [TGSI_OPCODE_USHR] = { alu_shift, IR_OP_SHR, 0, 0 },
    [TGSI_OPCODE_U64SHL] = { alu_shift, IR_OP_SHL, 0, 0 },
    [TGSI_OPCODE_I64SHR] = { alu_shift, IR_OP_SHR, 0, 0 },
    [TGSI_OPCODE_U64SHR] = { alu_shift, IR_OP_SHR, 0, 0 },
    [TGSI_OPCODE_CMP] = { alu_cmp, IR_OP_SELECT, 0, 0 },
    [TGSI_OPCODE_UCMP] = { alu_ucmp, IR_OP_SELECT, 0, 0 },
    [TGSI_OPCODE_IDIV] = { alu_divmod, IR_OP_DIV, 0, 0 },
    [TGSI_OPCODE_UDIV] = { alu_divmod, IR_OP_DIV, 0, 0 },
    [TGSI_OPCODE_UMOD] = { alu_divmod, IR_OP_MOD, 0, 0 },
    [TGSI_OPCODE_I64DIV] = { alu_divmod, IR_OP_DIV, 0, 0 },
    [TGSI_OPCODE_U64DIV] = { alu_divmod, IR_OP_DIV, 0, 0 },
    [TGSI_OPCODE_I64MOD] = { alu_divmod, IR_OP_MOD, 0, 0 },
    [TGSI_OPCODE_U64MOD] = { alu_divmod, IR_OP_MOD, 0, 0 },
    [TGSI_OPCODE_LDEXP] = { alu_ldexp, IR_OP_LDEXP, 0, 0 },
    [TGSI_OPCODE_DLDEXP] = { alu_ldexp, IR_OP_LDEXP, 0, 0 },
    [TGSI_OPCODE_IBFE] = { alu_bitfield, IR_OP_BFE, 0, 0 },
    [TGSI_OPCODE_UBFE] = { alu_bitfield, IR_OP_BFE, 0, 0 },
    [TGSI_OPCODE_BFI] = { alu_bitfield, IR_OP_BFI, 0, 0 },
    [TGSI_OPCODE_POPC] = { alu_generic, IR_OP_POPCNT, 0, IR_I32 },
    [TGSI_OPCODE_LSB] = { alu_generic, IR_OP_FIND_LSB, 0, IR_I32 },
    [TGSI_OPCODE_IMSB] = { alu_generic, IR_OP_FIND_MSB, 0, IR_I32 },
    [TGSI_OPCODE_UMSB] = { alu_generic, IR_OP_FIND_MSB, 0, IR_I32 },
    [TGSI_OPCODE_F2U64] = GEN(CONVERT), [TGSI_OPCODE_F2I64] = GEN(CONVERT),
    [TGSI_OPCODE_U2I64] = GEN(CONVERT), [TGSI_OPCODE_I2I64] = GEN(CONVERT),
    [TGSI_OPCODE_D2U64] = GEN(CONVERT), [TGSI_OPCODE_D2I64] = GEN(CONVERT),
    [TGSI_OPCODE_U642D] = GEN(CONVERT), [TGSI_OPCODE_U642F] = GEN(CONVERT),
    [TGSI_OPCODE_I642F] = GEN(CONVERT), [TGSI_OPCODE_I642D] = GEN(CONVERT),
    [TGSI_OPCODE_PK2H] = { alu_pack_half, IR_OP_PACK_HALF, 0, 0 },
    [TGSI_OPCODE_UP2H] = { alu_unpack_half, IR_OP_UNPACK_HALF, 0, 0 },
    [TGSI_OPCODE_UP2US] = { alu_unpack_norm, IR_OP_BFE, 0, 16 },
    [TGSI_OPCODE_UP4B] = { alu_unpack_norm, IR_OP_BFE, 1, 8 },
    [TGSI_OPCODE_UP4UB] = { alu_unpack_norm, IR_OP_BFE, 0, 8 },
};

void tr_alu(tr *t, const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    const alu_special *sp = &alu_ops[in->opcode];
    if (sp->fn) {
        t->b.precise = in->precise;
        sp->fn(t, in, info, sp);
        t->b.precise = false;
        return;
    }
    tr_error(t, in->loc, "%s is not supported", info->name);
}
