/* Expressions: constants that round-trip exactly, sources with swizzles, and each ALU op's
 * GLSL spelling with only the parentheses GLSL's precedence needs. */
#include "glsl_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---------------------------------------------------------------- small printers */

/* Value numbers and indices, nearly all of a few digits: counted first, then written in
 * place from the last one.  Near the end of the buffer the general append grows it. */
static __attribute__((noinline)) void out_u_append(glsl_ctx *c, uint64_t v)
{
    char buf[20];
    size_t n = glsl_digits(buf, v);
    strbuf_appendn(c->o, buf + sizeof(buf) - n, n);
}

/* "00", "01", ... "99": the digits go two per division. */
static const char digit_pairs[200] =
    "00010203040506070809"
    "10111213141516171819"
    "20212223242526272829"
    "30313233343536373839"
    "40414243444546474849"
    "50515253545556575859"
    "60616263646566676869"
    "70717273747576777879"
    "80818283848586878889"
    "90919293949596979899";

void out_u(glsl_ctx *c, uint64_t v)
{
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && v >= p; p *= 10)
        n++;
    char *d = out_room(c, n);
    if (!d) {
        out_u_append(c, v);
        return;
    }
    size_t i = n;
    for (; i >= 2; i -= 2, v /= 100)
        memcpy(d + i - 2, digit_pairs + 2 * (v % 100), 2);
    if (i)
        d[0] = (char)('0' + v);
    out_commit(c, n);
}

void out_i(glsl_ctx *c, int64_t v)
{
    if (v < 0) {
        out_c(c, '-');
        out_u(c, (uint64_t)0 - (uint64_t)v);
    } else {
        out_u(c, (uint64_t)v);
    }
}

void out_indent(glsl_ctx *c)
{
    size_t n = c->indent > 0 ? (size_t)c->indent : 0;
    char *d = out_room(c, n);
    for (size_t i = 0; i < n; i++) {
        if (d)
            d[i] = '\t';
        else
            out_c(c, '\t');
    }
    if (d)
        out_commit(c, n);
}

static const char *const type_names[IR_BASE_COUNT][5] = {
    [IR_VOID] = { "void", "void", "void", "void", "void" },
    [IR_BOOL] = { "bool", "bool", "bvec2", "bvec3", "bvec4" },
    [IR_F32] = { "float", "float", "vec2", "vec3", "vec4" },
    [IR_I32] = { "int", "int", "ivec2", "ivec3", "ivec4" },
    [IR_U32] = { "uint", "uint", "uvec2", "uvec3", "uvec4" },
    [IR_F64] = { "double", "double", "dvec2", "dvec3", "dvec4" },
    [IR_I64] = { "int64_t", "int64_t", "i64vec2", "i64vec3", "i64vec4" },
    [IR_U64] = { "uint64_t", "uint64_t", "u64vec2", "u64vec3", "u64vec4" },
};

const char *glsl_type_name(ir_base b, unsigned comps)
{
    if (b >= IR_BASE_COUNT)
        b = IR_F32;
    return type_names[b][comps > 4 ? 4 : comps];
}

void out_type(glsl_ctx *c, ir_base b, unsigned comps)
{
    if (b == IR_U32)
        glsl_need(c, GF_UNSIGNED, "unsigned integers");
    out_s(c, glsl_type_name(b, comps));
}

void out_swz(glsl_ctx *c, const uint8_t *swz, unsigned n)
{
    char buf[4];
    n = n > 4 ? 4 : n;
    char *d = out_room(c, n);
    for (unsigned i = 0; i < n; i++)
        (d ? d : buf)[i] = "xyzw"[swz[i] & 3];
    if (d)
        out_commit(c, n);
    else
        strbuf_appendn(c->o, buf, n);
}

void out_value_name(glsl_ctx *c, const ir_instr *def)
{
    if (def->op == IR_OP_PHI) {
        if (c->rename && c->rename[def->index]) {
            out_s(c, c->rename[def->index]);
            return;
        }
        out_c(c, 'p');
    } else {
        out_c(c, 't');
    }
    out_u(c, def->index);
}

/* ---------------------------------------------------------------- constants */

uint32_t const_u32(ir_src s, unsigned comp)
{
    return s.def->u.value.u32[s.swizzle[comp] & 3];
}

static bool float_needs_bits(float f)
{
    return isnan(f) || isinf(f) || fpclassify(f) == FP_SUBNORMAL;
}

/* Shortest decimal that reads back to the same float (glsl_float.c). */
static void out_float(glsl_ctx *c, uint32_t bits)
{
    float f;
    memcpy(&f, &bits, 4);
    if (float_needs_bits(f)) {
        glsl_need(c, GF_BIT_ENCODING, "a NaN/Inf/denormal float constant");
        out_s(c, "uintBitsToFloat(0x");
        char buf[12];
        snprintf(buf, sizeof(buf), "%xu)", bits);
        out_s(c, buf);
        return;
    }
    if (f == 0.0f) {
        out_s(c, signbit(f) ? "-0.0" : "0.0");
        return;
    }
    if (f == truncf(f) && fabsf(f) < 16777216.0f) {
        out_i(c, (int64_t)f);
        out_s(c, ".0");
        return;
    }
    char buf[40];
    strbuf_appendn(c->o, buf, glsl_float_text(bits, buf, sizeof(buf)));
    if (!strpbrk(buf, ".e"))
        out_s(c, ".0");
}

static void out_double(glsl_ctx *c, uint64_t bits)
{
    double f;
    memcpy(&f, &bits, 8);
    if (isnan(f) || isinf(f) || fpclassify(f) == FP_SUBNORMAL) {
        out_s(c, "packDouble2x32(uvec2(");
        out_u(c, (uint32_t)bits);
        out_s(c, "u, ");
        out_u(c, (uint32_t)(bits >> 32));
        out_s(c, "u))");
        return;
    }
    if (f == 0.0) {
        out_s(c, signbit(f) ? "-0.0lf" : "0.0lf");
        return;
    }
    if (f == trunc(f) && fabs(f) < 9007199254740992.0) {
        out_i(c, (int64_t)f); /* the digits of "%.0f", without printf */
        out_s(c, ".0lf");
        return;
    }
    char buf[48];
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, sizeof(buf), "%.*g", p, f);
        if (strtod(buf, NULL) == f)
            break;
    }
    if (!strpbrk(buf, ".e"))
        strcat(buf, ".0");
    out_s(c, buf);
    out_s(c, "lf");
}

void emit_const_scalar(glsl_ctx *c, ir_base b, uint64_t bits)
{
    switch (b) {
    case IR_BOOL:
        out_s(c, bits ? "true" : "false");
        break;
    case IR_F32:
        out_float(c, (uint32_t)bits);
        break;
    case IR_I32:
        if ((uint32_t)bits == 0x80000000u)
            out_s(c, "int(0x80000000u)");
        else
            out_i(c, (int32_t)(uint32_t)bits);
        break;
    case IR_U32:
        out_u(c, (uint32_t)bits);
        out_c(c, 'u');
        break;
    case IR_F64:
        out_double(c, bits);
        break;
    case IR_I64:
        if (bits == 0x8000000000000000ull) {
            out_s(c, "int64_t(0x8000000000000000ul)");
        } else {
            out_i(c, (int64_t)bits);
            out_c(c, 'l');
        }
        break;
    case IR_U64:
        out_u(c, bits);
        out_s(c, "ul");
        break;
    default:
        out_c(c, '0');
        break;
    }
}

static bool const_is_negative(ir_base b, uint64_t bits)
{
    switch (b) {
    case IR_F32: {
        float f;
        uint32_t w = (uint32_t)bits;
        memcpy(&f, &w, 4);
        return signbit(f) && !float_needs_bits(f);
    }
    case IR_I32:
        return (int32_t)(uint32_t)bits < 0 && (uint32_t)bits != 0x80000000u;
    case IR_F64: {
        double f;
        memcpy(&f, &bits, 8);
        return signbit(f) && !isnan(f) && !isinf(f);
    }
    case IR_I64:
        return (int64_t)bits < 0 && bits != 0x8000000000000000ull;
    default:
        return false;
    }
}

static uint64_t const_bits(const ir_instr *def, unsigned comp)
{
    if (def->op != IR_OP_CONST)
        return 0; /* UNDEF reads as zero */
    comp &= 3;
    return ir_base_is_64((ir_base)def->type.base) ? def->u.value.u64[comp] : def->u.value.u32[comp];
}

/* Constant components reinterpreted as base `as` (same bit size). */
static void emit_const(glsl_ctx *c, ir_src src, unsigned comps, ir_base as, int min_prec)
{
    const ir_instr *def = src.def;
    if (comps <= 1) {
        uint64_t bits = const_bits(def, src.swizzle[0]);
        bool paren = const_is_negative(as, bits) && min_prec > P_UNARY;
        if (paren)
            out_c(c, '(');
        emit_const_scalar(c, as, bits);
        if (paren)
            out_c(c, ')');
        return;
    }
    out_type(c, as, comps);
    out_c(c, '(');
    bool same = true;
    for (unsigned i = 1; i < comps; i++)
        if (const_bits(def, src.swizzle[i]) != const_bits(def, src.swizzle[0]))
            same = false;
    for (unsigned i = 0; i < (same ? 1 : comps); i++) {
        if (i)
            out_s(c, ", ");
        emit_const_scalar(c, as, const_bits(def, src.swizzle[i]));
    }
    out_c(c, ')');
}

/* ---------------------------------------------------------------- sources */

const char *bitcast_fn(glsl_ctx *c, ir_base from, ir_base to, unsigned comps)
{
    if (from == to)
        return "";
    if ((from == IR_F32 && ir_base_is_int(to)) || (to == IR_F32 && ir_base_is_int(from)))
        glsl_need(c, GF_BIT_ENCODING, "float bit casts");
    switch (from) {
    case IR_F32:
        if (to == IR_U32) return "floatBitsToUint";
        if (to == IR_I32) return "floatBitsToInt";
        break;
    case IR_U32:
        if (to == IR_F32) return "uintBitsToFloat";
        if (to == IR_I32) return glsl_type_name(IR_I32, comps);
        break;
    case IR_I32:
        if (to == IR_F32) return "intBitsToFloat";
        if (to == IR_U32) return glsl_type_name(IR_U32, comps);
        break;
    case IR_F64:
        if (to == IR_U64) return "doubleBitsToUint64";
        if (to == IR_I64) return "doubleBitsToInt64";
        break;
    case IR_U64:
        if (to == IR_F64) return "uint64BitsToDouble";
        if (to == IR_I64) return glsl_type_name(IR_I64, comps);
        break;
    case IR_I64:
        if (to == IR_F64) return "int64BitsToDouble";
        if (to == IR_U64) return glsl_type_name(IR_U64, comps);
        break;
    default:
        break;
    }
    /* bool <-> integers and other mismatches: a value conversion is the only spelling. */
    return glsl_type_name(to, comps);
}

static bool swz_identity(const ir_src *s, unsigned comps, unsigned def_comps)
{
    if (comps != def_comps)
        return false;
    for (unsigned i = 0; i < comps; i++)
        if (s->swizzle[i] != i)
            return false;
    return true;
}

bool src_is_scalar_splat(ir_src s, unsigned comps, uint8_t *comp)
{
    if (!s.def)
        return false;
    if (s.def->op == IR_OP_CONST || s.def->op == IR_OP_UNDEF) {
        for (unsigned i = 1; i < comps; i++)
            if (const_bits(s.def, s.swizzle[i]) != const_bits(s.def, s.swizzle[0]))
                return false;
    } else {
        for (unsigned i = 1; i < comps; i++)
            if (s.swizzle[i] != s.swizzle[0])
                return false;
    }
    if (comp)
        *comp = s.swizzle[0];
    return true;
}

static int src_prec(glsl_ctx *c, ir_src s, unsigned comps)
{
    const ir_instr *def = s.def;
    if (!def)
        return P_POSTFIX;
    if (def->op == IR_OP_CONST || def->op == IR_OP_UNDEF) {
        if (comps > 1)
            return P_POSTFIX;
        return const_is_negative((ir_base)def->type.base, const_bits(def, s.swizzle[0])) ? P_UNARY
                                                                                         : P_POSTFIX;
    }
    if (def->type.comps <= 1 && comps <= 1)
        return value_prec(c, def);
    if (swz_identity(&s, comps, def->type.comps))
        return value_prec(c, def);
    return P_POSTFIX;
}

static void emit_value(glsl_ctx *c, ir_instr *def, int min_prec)
{
    gval *v = val_of(c, def);
    if (v->mode == GV_NAMED || v->mode == GV_PHI) {
        out_value_name(c, def);
        return;
    }
    bool paren = value_prec(c, def) < min_prec;
    if (paren)
        out_c(c, '(');
    emit_expr(c, def);
    if (paren)
        out_c(c, ')');
}

void emit_src(glsl_ctx *c, ir_src src, unsigned comps, int min_prec)
{
    ir_instr *def = src.def;
    if (!def) {
        out_c(c, '0');
        return;
    }
    if (comps == 0)
        comps = 1;
    if (def->op == IR_OP_CONST || def->op == IR_OP_UNDEF) {
        emit_const(c, src, comps, (ir_base)def->type.base, min_prec);
        return;
    }
    unsigned dc = def->type.comps ? def->type.comps : 1;
    if (dc == 1) {
        if (comps == 1) {
            emit_value(c, def, min_prec);
        } else {
            out_type(c, (ir_base)def->type.base, comps);
            out_c(c, '(');
            emit_value(c, def, P_NONE);
            out_c(c, ')');
        }
        return;
    }
    if (swz_identity(&src, comps, dc)) {
        emit_value(c, def, min_prec);
        return;
    }
    emit_value(c, def, P_POSTFIX);
    out_c(c, '.');
    out_swz(c, src.swizzle, comps);
}

void emit_src_as(glsl_ctx *c, ir_src src, unsigned comps, ir_base to, int min_prec)
{
    if (!src.def || src.def->type.base == to) {
        emit_src(c, src, comps, min_prec);
        return;
    }
    ir_base from = (ir_base)src.def->type.base;
    if ((src.def->op == IR_OP_CONST || src.def->op == IR_OP_UNDEF) && from != IR_BOOL &&
        to != IR_BOOL && ir_base_is_64(from) == ir_base_is_64(to)) {
        emit_const(c, src, comps ? comps : 1, to, min_prec);
        return;
    }
    const char *fn = bitcast_fn(c, from, to, comps);
    if ((from == IR_F32 || to == IR_F32) && ir_base_is_int(from) != ir_base_is_int(to))
        glsl_need(c, GF_BIT_ENCODING, "float bit casts");
    out_s(c, fn);
    out_c(c, '(');
    emit_src(c, src, comps, P_NONE);
    out_c(c, ')');
}

void emit_src_comp(glsl_ctx *c, ir_src src, unsigned comp, ir_base to, int min_prec)
{
    ir_src one = src;
    one.swizzle[0] = src.swizzle[comp & 3];
    emit_src_as(c, one, 1, to, min_prec);
}

/* ---------------------------------------------------------------- ALU */

static bool is_bool_vec(const ir_instr *in)
{
    return in->type.base == IR_BOOL && in->type.comps > 1;
}

static int expr_prec(glsl_ctx *c, const ir_instr *in);

int value_prec(glsl_ctx *c, const ir_instr *in)
{
    gval *v = val_of(c, in);
    if (v->mode == GV_NAMED || v->mode == GV_PHI)
        return P_POSTFIX;
    return expr_prec(c, in);
}

/* The precedence of the expression emit_expr prints for `in`. */
static int expr_prec(glsl_ctx *c, const ir_instr *in)
{
    unsigned n = in->type.comps ? in->type.comps : 1;
    switch (in->op) {
    case IR_OP_CONST: case IR_OP_UNDEF: {
        ir_src s = ir_src_for((ir_instr *)in);
        return src_prec(c, s, n);
    }
    case IR_OP_MOV:
        return src_prec(c, in->srcs[0], n);
    case IR_OP_BITCAST: case IR_OP_CONVERT:
        if (in->srcs[0].def && in->srcs[0].def->type.base == in->type.base)
            return src_prec(c, in->srcs[0], n);
        return P_POSTFIX;
    case IR_OP_ABS:
        return in->type.base == IR_U32 ? src_prec(c, in->srcs[0], n) : P_POSTFIX;
    case IR_OP_ADD: case IR_OP_SUB: case IR_OP_MAD:
        return P_ADD;
    case IR_OP_MUL: case IR_OP_DIV: case IR_OP_MOD: case IR_OP_RCP:
        return P_MUL;
    case IR_OP_NEG:
        return P_UNARY;
    case IR_OP_NOT:
        return is_bool_vec(in) ? P_POSTFIX : P_UNARY;
    case IR_OP_SHL: case IR_OP_SHR:
        return P_SHIFT;
    case IR_OP_LT: case IR_OP_GE:
        return n > 1 ? P_POSTFIX : P_REL;
    case IR_OP_EQ: case IR_OP_NE:
        return n > 1 ? P_POSTFIX : P_EQ;
    case IR_OP_AND:
        return in->type.base == IR_BOOL ? (n > 1 ? P_POSTFIX : P_LAND) : P_BAND;
    case IR_OP_OR:
        return in->type.base == IR_BOOL ? (n > 1 ? P_POSTFIX : P_LOR) : P_BOR;
    case IR_OP_XOR:
        return in->type.base == IR_BOOL ? (n > 1 ? P_POSTFIX : P_LXOR) : P_BXOR;
    case IR_OP_SELECT:
        return n > 1 && !src_is_scalar_splat(in->srcs[0], n, NULL) ? P_POSTFIX : P_COND;
    case IR_OP_ANY: case IR_OP_ALL:
        if (ir_src_comps(in, 0) <= 1)
            return src_prec(c, in->srcs[0], 1);
        return P_POSTFIX;
    default:
        return P_POSTFIX;
    }
}

/* GLSL's function for an op written as a call of it on the sources (the generic case at the
 * end of emit_expr, and the subgroup builtins); operators are infix()'s. */
static const char *const call_names[IR_OP_COUNT] = {
    [IR_OP_ABS] = "abs", [IR_OP_SIGN] = "sign", [IR_OP_MIN] = "min", [IR_OP_MAX] = "max",
    [IR_OP_FMA] = "fma", [IR_OP_FLOOR] = "floor", [IR_OP_CEIL] = "ceil", [IR_OP_TRUNC] = "trunc",
    [IR_OP_ROUND] = "roundEven", [IR_OP_FRACT] = "fract", [IR_OP_SQRT] = "sqrt",
    [IR_OP_RSQ] = "inversesqrt", [IR_OP_EXP2] = "exp2", [IR_OP_LOG2] = "log2", [IR_OP_POW] = "pow",
    [IR_OP_SIN] = "sin", [IR_OP_COS] = "cos", [IR_OP_DDX] = "dFdx", [IR_OP_DDY] = "dFdy",
    [IR_OP_DDX_FINE] = "dFdxFine", [IR_OP_DDY_FINE] = "dFdyFine", [IR_OP_LDEXP] = "ldexp",
    [IR_OP_BFE] = "bitfieldExtract", [IR_OP_BFI] = "bitfieldInsert",
    [IR_OP_BITREV] = "bitfieldReverse", [IR_OP_POPCNT] = "bitCount", [IR_OP_FIND_LSB] = "findLSB",
    [IR_OP_FIND_MSB] = "findMSB",
    [IR_OP_VOTE_ANY] = "anyInvocationARB", [IR_OP_VOTE_ALL] = "allInvocationsARB",
    [IR_OP_VOTE_EQ] = "allInvocationsEqualARB", [IR_OP_READ_FIRST] = "readFirstInvocationARB",
    [IR_OP_READ_INVOC] = "readInvocationARB",
};

/* GLSL 1.30's functions that ESSL 1.00 lacks, written with its own: trunc as
 * sign * floor(abs), round (to even in GLSL 1.30) as floor(x + 0.5), which differs on
 * exact halves only.  True when it wrote the expression. */
static void emit_call(glsl_ctx *c, const char *fn, const ir_instr *in, unsigned nsrcs);

static bool emit_es100_builtin(glsl_ctx *c, ir_instr *in)
{
    unsigned n = in->type.comps ? in->type.comps : 1;
    switch (in->op) {
    case IR_OP_TRUNC:
        out_c(c, '(');
        emit_call(c, "sign", in, 1);
        out_s(c, " * floor(abs(");
        emit_src(c, in->srcs[0], n, P_NONE);
        out_s(c, ")))");
        return true;
    case IR_OP_ROUND:
        (void)n;
        out_s(c, "floor(");
        emit_src(c, in->srcs[0], n, P_ADD);
        out_s(c, " + 0.5)");
        return true;
    case IR_OP_DDX: case IR_OP_DDY:
        glsl_need(c, GF_DERIVATIVES, "derivatives");
        return false;
    default:
        return false;
    }
}

static const char *infix(const ir_instr *in)
{
    bool b = in->type.base == IR_BOOL;
    switch (in->op) {
    case IR_OP_AND: return b ? " && " : " & ";
    case IR_OP_OR: return b ? " || " : " | ";
    case IR_OP_XOR: return b ? " ^^ " : " ^ ";
    case IR_OP_ADD: return " + ";
    case IR_OP_SUB: return " - ";
    case IR_OP_MUL: return " * ";
    case IR_OP_DIV: return " / ";
    case IR_OP_MOD: return " % ";
    case IR_OP_SHL: return " << ";
    case IR_OP_SHR: return " >> ";
    case IR_OP_LT: return " < ";
    case IR_OP_GE: return " >= ";
    case IR_OP_EQ: return " == ";
    case IR_OP_NE: return " != ";
    default: return NULL;
    }
}

static void emit_call(glsl_ctx *c, const char *fn, const ir_instr *in, unsigned nsrcs)
{
    out_s(c, fn);
    out_c(c, '(');
    for (unsigned i = 0; i < nsrcs; i++) {
        if (i)
            out_s(c, ", ");
        ir_type t = ir_src_type(in, i);
        emit_src_as(c, in->srcs[i], t.comps, (ir_base)t.base, P_NONE);
    }
    out_c(c, ')');
}

/* The translator already masks shift counts (x & 31): no need to mask twice. */
static bool count_is_masked(const ir_instr *d, unsigned mask)
{
    if (!d || d->op != IR_OP_AND)
        return false;
    for (unsigned i = 0; i < 2; i++) {
        const ir_src *k = &d->srcs[i];
        if (!k->def || k->def->op != IR_OP_CONST || ir_base_is_64((ir_base)k->def->type.base))
            continue;
        bool ok = true;
        for (unsigned j = 0; j < d->type.comps; j++)
            ok &= (k->def->u.value.u32[k->swizzle[j] & 3] & ~mask) == 0;
        if (ok)
            return true;
    }
    return false;
}

static void emit_binary(glsl_ctx *c, ir_instr *in, const char *op, int prec)
{
    unsigned n = in->type.comps ? in->type.comps : 1;
    ir_type t0 = ir_src_type(in, 0), t1 = ir_src_type(in, 1);
    unsigned n0 = t0.comps, n1 = t1.comps;
    bool shift = in->op == IR_OP_SHL || in->op == IR_OP_SHR;
    /* GLSL mixes a scalar with a vector in these operators: print a splat as its scalar. */
    if (n > 1 && !(in->op == IR_OP_LT || in->op == IR_OP_GE || in->op == IR_OP_EQ ||
                   in->op == IR_OP_NE) && in->type.base != IR_BOOL) {
        if (src_is_scalar_splat(in->srcs[1], n1, NULL))
            n1 = 1;
        else if (!shift && src_is_scalar_splat(in->srcs[0], n0, NULL))
            n0 = 1;
    }
    emit_src_as(c, in->srcs[0], n0, (ir_base)t0.base, prec);
    out_s(c, op);
    if (shift) {
        /* The IR shifts by the low 5 (6) bits; GLSL leaves larger counts undefined. */
        unsigned mask = ir_base_is_64((ir_base)in->type.base) ? 63 : 31;
        ir_src s = in->srcs[1];
        ir_base sb = (ir_base)t1.base;
        if (s.def && s.def->op == IR_OP_CONST && n1 == 1) {
            emit_const_scalar(c, sb, const_bits(s.def, s.swizzle[0]) & mask);
        } else if (count_is_masked(s.def, mask)) {
            emit_src_as(c, s, n1, sb, prec + 1);
        } else {
            out_c(c, '(');
            emit_src_as(c, s, n1, sb, P_BAND + 1);
            out_s(c, sb == IR_U32 ? " & " : " & ");
            emit_const_scalar(c, sb == IR_U32 ? IR_U32 : IR_I32, mask);
            out_c(c, ')');
        }
        return;
    }
    emit_src_as(c, in->srcs[1], n1, (ir_base)t1.base, prec + 1);
}

static const char *cmp_fn(unsigned op)
{
    switch (op) {
    case IR_OP_LT: return "lessThan";
    case IR_OP_GE: return "greaterThanEqual";
    case IR_OP_EQ: return "equal";
    default: return "notEqual";
    }
}

/* Component-wise expansion: T(f(a.x, b.x), f(a.y, b.y), ...) for functions GLSL only has
 * with scalar parameters; the planner made the sources cheap to repeat. */
static void emit_percomp(glsl_ctx *c, ir_instr *in, const char *fn, unsigned nsrcs)
{
    unsigned n = in->type.comps;
    out_type(c, (ir_base)in->type.base, n);
    out_c(c, '(');
    for (unsigned k = 0; k < n; k++) {
        if (k)
            out_s(c, ", ");
        if (in->op == IR_OP_SELECT) {
            emit_src_comp(c, in->srcs[0], k, IR_BOOL, P_LOR);
            out_s(c, " ? ");
            emit_src_comp(c, in->srcs[1], k, (ir_base)in->type.base, P_COND + 1);
            out_s(c, " : ");
            emit_src_comp(c, in->srcs[2], k, (ir_base)in->type.base, P_COND);
            continue;
        }
        out_s(c, fn);
        out_c(c, '(');
        for (unsigned i = 0; i < nsrcs; i++) {
            if (i)
                out_s(c, ", ");
            emit_src_comp(c, in->srcs[i], k, (ir_base)ir_src_type(in, i).base, P_NONE);
        }
        out_c(c, ')');
    }
    out_c(c, ')');
}

/* Before GLSL 4.00 (no bitfieldExtract/Insert), component k with shifts and masks:
 *   extract  bits == 0 ? 0 : value << (32 - offset - bits) >> (32 - bits)  (arithmetic
 *            right shift for int, so the field is sign-extended)
 *   insert   bits == 0 ? base : base & ~(m << offset) | insert << offset & m << offset,
 *            m = 0xffffffffu >> (32 - bits), computed in uint. */
static bool comp_const(ir_src s, unsigned k, uint32_t *v)
{
    if (!s.def || s.def->op != IR_OP_CONST)
        return false;
    *v = const_u32(s, k);
    return true;
}

/* `32 - a - b` (b may be absent), folded when the operands are constants. */
static void emit_32_minus(glsl_ctx *c, ir_instr *in, unsigned k, int a, int b)
{
    uint32_t va = 0, vb = 0;
    bool ca = comp_const(in->srcs[a], k, &va), cb = b < 0 || comp_const(in->srcs[b], k, &vb);
    if (ca && cb) {
        out_i(c, 32 - (int64_t)(int32_t)va - (int64_t)(int32_t)vb);
        return;
    }
    out_s(c, "(32 - ");
    emit_src_comp(c, in->srcs[a], k, IR_I32, P_ADD + 1);
    if (b >= 0) {
        out_s(c, " - ");
        emit_src_comp(c, in->srcs[b], k, IR_I32, P_ADD + 1);
    }
    out_c(c, ')');
}

/* Before GLSL 4.00 (no bitfieldExtract/Insert), component k with shifts and masks:
 *   extract  bits == 0 ? 0 : value << (32 - offset - bits) >> (32 - bits)  (arithmetic
 *            right shift for int, so the field is sign-extended)
 *   insert   bits == 0 ? base : base & ~(m << offset) | insert << offset & m << offset,
 *            m = 0xffffffffu >> (32 - bits), computed in uint. */
static void emit_bitfield_comp(glsl_ctx *c, ir_instr *in, unsigned k)
{
    ir_base b = (ir_base)in->type.base;
    unsigned bits = in->op == IR_OP_BFE ? 2 : 3;
    uint32_t nbits;
    bool known = comp_const(in->srcs[bits], k, &nbits);
    if (known && nbits == 0) {
        if (in->op == IR_OP_BFE)
            emit_const_scalar(c, b, 0);
        else
            emit_src_comp(c, in->srcs[0], k, b, P_NONE);
        return;
    }
    out_c(c, '(');
    if (!known) {
        emit_src_comp(c, in->srcs[bits], k, IR_I32, P_EQ + 1);
        out_s(c, " == 0 ? ");
        if (in->op == IR_OP_BFE)
            emit_const_scalar(c, b, 0);
        else
            emit_src_comp(c, in->srcs[0], k, b, P_COND + 1);
        out_s(c, " : ");
    }
    if (in->op == IR_OP_BFE) {
        emit_src_comp(c, in->srcs[0], k, b, P_SHIFT);
        out_s(c, " << ");
        emit_32_minus(c, in, k, 1, 2);
        out_s(c, " >> ");
        emit_32_minus(c, in, k, 2, -1);
        out_c(c, ')');
        return;
    }
    if (b == IR_I32)
        out_s(c, "int(");
    emit_src_comp(c, in->srcs[0], k, IR_U32, P_BAND);
    out_s(c, " & ~(0xffffffffu >> ");
    emit_32_minus(c, in, k, 3, -1);
    out_s(c, " << ");
    emit_src_comp(c, in->srcs[2], k, IR_I32, P_SHIFT + 1);
    out_s(c, ") | ");
    emit_src_comp(c, in->srcs[1], k, IR_U32, P_SHIFT);
    out_s(c, " << ");
    emit_src_comp(c, in->srcs[2], k, IR_I32, P_SHIFT + 1);
    out_s(c, " & 0xffffffffu >> ");
    emit_32_minus(c, in, k, 3, -1);
    out_s(c, " << ");
    emit_src_comp(c, in->srcs[2], k, IR_I32, P_SHIFT + 1);
    if (b == IR_I32)
        out_c(c, ')');
    out_c(c, ')');
}

/* bitfieldExtract/Insert take scalar int offset and bits: fine for vectors only when every
 * component uses the same ones. */
static void emit_bitfield(glsl_ctx *c, ir_instr *in)
{
    const char *fn = in->op == IR_OP_BFE ? "bitfieldExtract" : "bitfieldInsert";
    unsigned first_scalar = in->op == IR_OP_BFE ? 1 : 2, n = in->type.comps;
    if (!glsl_has(c, GF_GPU_SHADER5)) {
        if (n > 1) {
            out_type(c, (ir_base)in->type.base, n);
            out_c(c, '(');
        }
        for (unsigned k = 0; k < n; k++) {
            if (k)
                out_s(c, ", ");
            emit_bitfield_comp(c, in, k);
        }
        if (n > 1)
            out_c(c, ')');
        return;
    }
    bool uniform = true;
    for (unsigned i = first_scalar; i < in->num_srcs; i++)
        if (n > 1 && !src_is_scalar_splat(in->srcs[i], n, NULL))
            uniform = false;
    if (!uniform) {
        emit_percomp(c, in, fn, in->num_srcs);
        return;
    }
    out_s(c, fn);
    out_c(c, '(');
    for (unsigned i = 0; i < in->num_srcs; i++) {
        if (i)
            out_s(c, ", ");
        if (i < first_scalar)
            emit_src_as(c, in->srcs[i], n, (ir_base)in->type.base, P_NONE);
        else
            emit_src_comp(c, in->srcs[i], 0, IR_I32, P_NONE);
    }
    out_c(c, ')');
}

static void emit_vec(glsl_ctx *c, ir_instr *in)
{
    unsigned n = in->num_srcs;
    ir_base b = (ir_base)in->type.base;
    /* Runs of components from one value print as one swizzle: vec4(t1.xy, t2.z, 1.0). */
    ir_instr *d0 = in->srcs[0].def;
    bool one = d0 && d0->op != IR_OP_CONST && d0->op != IR_OP_UNDEF && d0->type.base == b;
    for (unsigned i = 1; i < n && one; i++)
        one = in->srcs[i].def == d0;
    if (one) {
        ir_src s = { d0, { 0 } };
        for (unsigned i = 0; i < n; i++)
            s.swizzle[i] = in->srcs[i].swizzle[0];
        emit_src(c, s, n, P_NONE);
        return;
    }
    out_type(c, b, n);
    out_c(c, '(');
    for (unsigned i = 0; i < n;) {
        if (i)
            out_s(c, ", ");
        ir_src s = in->srcs[i];
        unsigned run = 1;
        if (s.def && s.def->op != IR_OP_CONST && s.def->op != IR_OP_UNDEF) {
            while (i + run < n && in->srcs[i + run].def == s.def) {
                s.swizzle[run] = in->srcs[i + run].swizzle[0];
                run++;
            }
        }
        emit_src_as(c, s, run, b, P_NONE);
        i += run;
    }
    out_c(c, ')');
}

static void emit_pack64(glsl_ctx *c, ir_instr *in)
{
    ir_base b = (ir_base)in->type.base;
    unsigned n = in->type.comps;
    const char *fn = b == IR_F64 ? "packDouble2x32" : "packUint2x32";
    if (n > 1) {
        out_type(c, b, n);
        out_c(c, '(');
    }
    for (unsigned k = 0; k < n; k++) {
        if (k)
            out_s(c, ", ");
        if (b == IR_I64)
            out_s(c, "int64_t(");
        out_s(c, fn);
        out_c(c, '(');
        ir_src s = in->srcs[0];
        s.swizzle[0] = in->srcs[0].swizzle[2 * k];
        s.swizzle[1] = in->srcs[0].swizzle[2 * k + 1];
        emit_src_as(c, s, 2, IR_U32, P_NONE);
        out_c(c, ')');
        if (b == IR_I64)
            out_c(c, ')');
    }
    if (n > 1)
        out_c(c, ')');
}

static void emit_unpack64(glsl_ctx *c, ir_instr *in)
{
    ir_src s = in->srcs[0];
    ir_base sb = s.def ? (ir_base)s.def->type.base : IR_U64;
    unsigned n = in->type.comps / 2 ? in->type.comps / 2 : 1;
    const char *fn = sb == IR_F64 ? "unpackDouble2x32" : "unpackUint2x32";
    if (n > 1)
        out_s(c, "uvec4(");
    for (unsigned k = 0; k < n; k++) {
        if (k)
            out_s(c, ", ");
        out_s(c, fn);
        out_c(c, '(');
        ir_src one = s;
        one.swizzle[0] = s.swizzle[k];
        emit_src_as(c, one, 1, sb == IR_I64 ? IR_U64 : sb, P_NONE);
        out_c(c, ')');
    }
    if (n > 1)
        out_c(c, ')');
}

/* Results GLSL types as int (bitCount, findLSB, findMSB) into an unsigned instruction. */
static void emit_int_result(glsl_ctx *c, ir_instr *in, const char *fn)
{
    glsl_need(c, GF_GPU_SHADER5, fn);
    bool wrap = in->type.base != IR_I32;
    if (wrap) {
        out_type(c, (ir_base)in->type.base, in->type.comps);
        out_c(c, '(');
    }
    emit_call(c, fn, in, 1);
    if (wrap)
        out_c(c, ')');
}

void emit_expr(glsl_ctx *c, ir_instr *in)
{
    unsigned n = in->type.comps ? in->type.comps : 1;
    ir_base b = (ir_base)in->type.base;
    const char *op;
    switch (in->op) {
    case IR_OP_CONST: case IR_OP_UNDEF:
        emit_src(c, ir_src_for(in), n, P_NONE);
        return;
    case IR_OP_MOV:
        emit_src_as(c, in->srcs[0], n, b, P_NONE);
        return;
    case IR_OP_VEC:
        emit_vec(c, in);
        return;
    case IR_OP_NEG:
        out_c(c, '-');
        emit_src(c, in->srcs[0], n, P_POSTFIX);
        return;
    case IR_OP_NOT:
        if (b == IR_BOOL && n > 1) {
            emit_call(c, "not", in, 1);
        } else {
            out_c(c, b == IR_BOOL ? '!' : '~');
            emit_src(c, in->srcs[0], n, P_UNARY);
        }
        return;
    case IR_OP_MAD:
        emit_src(c, in->srcs[0], n, P_MUL);
        out_s(c, " * ");
        emit_src(c, in->srcs[1], n, P_MUL + 1);
        out_s(c, " + ");
        emit_src(c, in->srcs[2], n, P_ADD + 1);
        return;
    case IR_OP_RCP:
        out_s(c, b == IR_F64 ? "1.0lf / " : "1.0 / ");
        emit_src(c, in->srcs[0], n, P_MUL + 1);
        return;
    case IR_OP_LRP:
        out_s(c, "mix(");
        emit_src(c, in->srcs[2], n, P_NONE);
        out_s(c, ", ");
        emit_src(c, in->srcs[1], n, P_NONE);
        out_s(c, ", ");
        emit_src(c, in->srcs[0], n, P_NONE);
        out_c(c, ')');
        return;
    case IR_OP_FMA:
        glsl_need(c, GF_FMA, "fma()");
        emit_call(c, "fma", in, 3);
        return;
    case IR_OP_LDEXP:
        glsl_need(c, GF_GPU_SHADER5, "ldexp()");
        emit_call(c, "ldexp", in, 2);
        return;
    case IR_OP_DDX_FINE: case IR_OP_DDY_FINE: {
        glsl_need(c, GF_DERIVATIVES, "derivatives");
        /* dFdx may be fine or coarse; without derivative control it is the closest spelling. */
        bool fine = glsl_has(c, GF_DERIVATIVE_CONTROL);
        const char *fn = in->op == IR_OP_DDX_FINE ? (fine ? "dFdxFine" : "dFdx")
                                                  : (fine ? "dFdyFine" : "dFdy");
        emit_call(c, fn, in, 1);
        return;
    }
    case IR_OP_DOT: {
        unsigned k = ir_src_comps(in, 0);
        out_s(c, k > 1 ? "dot(" : "(");
        emit_src(c, in->srcs[0], k, k > 1 ? P_NONE : P_MUL);
        out_s(c, k > 1 ? ", " : " * ");
        emit_src(c, in->srcs[1], k, k > 1 ? P_NONE : P_MUL + 1);
        out_c(c, ')');
        return;
    }
    case IR_OP_ANY: case IR_OP_ALL: {
        unsigned k = ir_src_comps(in, 0);
        if (k <= 1) {
            emit_src(c, in->srcs[0], 1, P_NONE);
            return;
        }
        out_s(c, in->op == IR_OP_ANY ? "any(" : "all(");
        emit_src(c, in->srcs[0], k, P_NONE);
        out_c(c, ')');
        return;
    }
    case IR_OP_LT: case IR_OP_GE: case IR_OP_EQ: case IR_OP_NE:
        if (n > 1) {
            emit_call(c, cmp_fn(in->op), in, 2);
            return;
        }
        emit_binary(c, in, infix(in), in->op == IR_OP_LT || in->op == IR_OP_GE ? P_REL : P_EQ);
        return;
    case IR_OP_AND: case IR_OP_OR: case IR_OP_XOR:
        if (b == IR_BOOL && n > 1) {
            if (in->op == IR_OP_XOR) {
                emit_call(c, "notEqual", in, 2);
                return;
            }
            if (!glsl_could(c, GF_UNSIGNED)) {
                /* No uvec either (ESSL 1.00): as floats, a product is an and, a sum an or. */
                out_type(c, IR_BOOL, n);
                out_c(c, '(');
                out_type(c, IR_F32, n);
                out_c(c, '(');
                emit_src(c, in->srcs[0], n, P_NONE);
                out_s(c, in->op == IR_OP_AND ? ") * " : ") + ");
                out_type(c, IR_F32, n);
                out_c(c, '(');
                emit_src(c, in->srcs[1], n, P_NONE);
                out_s(c, "))");
                return;
            }
            /* GLSL has no && on bvecs: go through uvec. */
            out_type(c, IR_BOOL, n);
            out_c(c, '(');
            out_type(c, IR_U32, n);
            out_c(c, '(');
            emit_src(c, in->srcs[0], n, P_NONE);
            out_s(c, in->op == IR_OP_AND ? ") & " : ") | ");
            out_type(c, IR_U32, n);
            out_c(c, '(');
            emit_src(c, in->srcs[1], n, P_NONE);
            out_s(c, "))");
            return;
        }
        if (b != IR_BOOL)
            glsl_need(c, GF_INTEGER_OPS, "bit operations");
        emit_binary(c, in, infix(in), expr_prec(c, in));
        return;
    case IR_OP_ADD: case IR_OP_SUB: case IR_OP_MUL: case IR_OP_DIV: case IR_OP_MOD:
    case IR_OP_SHL: case IR_OP_SHR:
        if (in->op == IR_OP_MOD || in->op == IR_OP_SHL || in->op == IR_OP_SHR ||
            (in->op == IR_OP_DIV && !ir_base_is_float(b)))
            glsl_need(c, GF_INTEGER_OPS, "integer division, remainder and shifts");
        emit_binary(c, in, infix(in), expr_prec(c, in));
        return;
    case IR_OP_SELECT:
        /* ?: takes vectors when the condition is one bool. */
        if (n == 1 || src_is_scalar_splat(in->srcs[0], n, NULL)) {
            ir_src cond = in->srcs[0];
            cond.swizzle[0] = in->srcs[0].swizzle[0];
            emit_src(c, cond, 1, P_LOR);
            out_s(c, " ? ");
            emit_src(c, in->srcs[1], n, P_COND + 1);
            out_s(c, " : ");
            emit_src(c, in->srcs[2], n, P_COND);
            return;
        }
        if (0) {
            emit_src(c, in->srcs[0], 1, P_LOR);
            out_s(c, " ? ");
            emit_src(c, in->srcs[1], 1, P_COND + 1);
            out_s(c, " : ");
            emit_src(c, in->srcs[2], 1, P_COND);
            return;
        }
        if (b == IR_F32 && !glsl_could(c, GF_NEW_BUILTINS)) {
            /* ESSL 1.00 has no mix() with a bvec: the float blend with 0.0/1.0 weights,
             * exact for finite values. */
            out_s(c, "mix(");
            emit_src(c, in->srcs[2], n, P_NONE);
            out_s(c, ", ");
            emit_src(c, in->srcs[1], n, P_NONE);
            out_s(c, ", ");
            out_type(c, IR_F32, n);
            out_c(c, '(');
            emit_src(c, in->srcs[0], n, P_NONE);
            out_s(c, "))");
            return;
        }
        if (ir_base_is_float(b) || glsl_has(c, GF_INTEGER_MIX)) {
            out_s(c, "mix(");
            emit_src(c, in->srcs[2], n, P_NONE);
            out_s(c, ", ");
            emit_src(c, in->srcs[1], n, P_NONE);
            out_s(c, ", ");
            emit_src(c, in->srcs[0], n, P_NONE);
            out_c(c, ')');
            return;
        }
        emit_percomp(c, in, NULL, 3);
        return;
    case IR_OP_CONVERT: {
        ir_base from = in->srcs[0].def ? (ir_base)in->srcs[0].def->type.base : b;
        if (from == b) {
            emit_src(c, in->srcs[0], n, P_NONE);
            return;
        }
        out_type(c, b, n);
        out_c(c, '(');
        emit_src(c, in->srcs[0], n, P_NONE);
        out_c(c, ')');
        return;
    }
    case IR_OP_BITCAST:
        emit_src_as(c, in->srcs[0], n, b, P_NONE);
        return;
    case IR_OP_PACK64:
        emit_pack64(c, in);
        return;
    case IR_OP_UNPACK64:
        emit_unpack64(c, in);
        return;
    case IR_OP_PACK_HALF:
        glsl_need(c, GF_PACK_HALF, "packHalf2x16()");
        emit_call(c, "packHalf2x16", in, 1);
        return;
    case IR_OP_UNPACK_HALF:
        glsl_need(c, GF_PACK_HALF, "unpackHalf2x16()");
        if (n == 2) {
            emit_call(c, "unpackHalf2x16", in, 1);
        } else {
            emit_call(c, "unpackHalf2x16", in, 1);
            out_s(c, n == 1 ? ".x" : ".xy");
        }
        return;
    case IR_OP_BFE: case IR_OP_BFI:
        emit_bitfield(c, in);
        return;
    case IR_OP_BITREV:
        glsl_need(c, GF_GPU_SHADER5, "bitfieldReverse()");
        emit_call(c, "bitfieldReverse", in, 1);
        return;
    case IR_OP_POPCNT:
        emit_int_result(c, in, "bitCount");
        return;
    case IR_OP_FIND_LSB:
        emit_int_result(c, in, "findLSB");
        return;
    case IR_OP_FIND_MSB:
        emit_int_result(c, in, "findMSB");
        return;
    case IR_OP_CLOCK:
        glsl_need(c, GF_SHADER_CLOCK, "clock2x32ARB()");
        out_s(c, "clock2x32ARB()");
        return;
    case IR_OP_READ_HELPER:
        /* After demote, only helperInvocationEXT() sees the lanes it turned into helpers. */
        if (c->uses_demote && glsl_has(c, GF_DEMOTE)) {
            out_s(c, "helperInvocationEXT()");
            return;
        }
        glsl_need(c, GF_HELPER_INVOCATION, "gl_HelperInvocation");
        out_s(c, "gl_HelperInvocation");
        return;
    case IR_OP_VOTE_ANY: case IR_OP_VOTE_ALL: case IR_OP_VOTE_EQ:
        glsl_need(c, GF_GROUP_VOTE, "subgroup votes");
        out_s(c, call_names[in->op]);
        out_c(c, '(');
        emit_src_comp(c, in->srcs[0], 0, IR_BOOL, P_NONE);
        out_c(c, ')');
        return;
    case IR_OP_BALLOT:
        /* ballotARB() is a uint64_t mask; the IR wants it as uvec2 (.x = lanes 0-31) */
        glsl_need(c, GF_BALLOT, "ballotARB()");
        glsl_need(c, GF_INT64, "ballotARB()'s 64-bit mask");
        out_s(c, "unpackUint2x32(ballotARB(");
        emit_src_comp(c, in->srcs[0], 0, IR_U32, P_EQ + 1);
        out_s(c, " != 0u))");
        return;
    case IR_OP_READ_FIRST: case IR_OP_READ_INVOC:
        glsl_need(c, GF_BALLOT, call_names[in->op]);
        out_s(c, call_names[in->op]);
        out_c(c, '(');
        emit_src_as(c, in->srcs[0], n, b, P_NONE);
        if (in->op == IR_OP_READ_INVOC) {
            out_s(c, ", ");
            emit_src_comp(c, in->srcs[1], 0, IR_U32, P_NONE);
        }
        out_c(c, ')');
        return;
    case IR_OP_FBFETCH:
        emit_fbfetch(c, in);
        return;
    case IR_OP_CALL_FP64:
        glsl_fp64_call(c, in);
        return;
    case IR_OP_LOAD_VAR:
        emit_load_var(c, in);
        return;
    case IR_OP_INTERP:
        emit_interp(c, in);
        return;
    case IR_OP_TEX:
        emit_tex(c, in);
        return;
    case IR_OP_IMAGE_LOAD: case IR_OP_IMAGE_ATOMIC: case IR_OP_IMAGE_SIZE:
    case IR_OP_IMAGE_SAMPLES:
        emit_image_expr(c, in);
        return;
    case IR_OP_BUFFER_LOAD: case IR_OP_BUFFER_ATOMIC: case IR_OP_BUFFER_SIZE:
        emit_buffer_expr(c, in);
        return;
    default:
        break;
    }
    if (!ir_base_is_float(b) && b != IR_BOOL &&
        (in->op == IR_OP_ABS || in->op == IR_OP_MIN || in->op == IR_OP_MAX ||
         in->op == IR_OP_SIGN))
        glsl_need(c, GF_INTEGER_OPS, "integer abs(), sign(), min() and max()");
    if (!glsl_could(c, GF_NEW_BUILTINS) && emit_es100_builtin(c, in))
        return;
    op = call_names[in->op];
    if (op && op[0] && (ir_op_infos[in->op].flags & (IR_ALU | IR_CMP)) &&
        !(in->op == IR_OP_ABS && b == IR_U32)) {
        int ns = ir_op_infos[in->op].num_srcs;
        emit_call(c, op, in, ns > 0 ? (unsigned)ns : in->num_srcs);
        return;
    }
    if (in->op == IR_OP_ABS) { /* abs of an unsigned value is the value */
        emit_src(c, in->srcs[0], n, P_NONE);
        return;
    }
    glsl_refuse(c, "the GLSL backend cannot express IR op %s of type %s",
                ir_op_infos[in->op].name, glsl_type_name(b, n));
    out_c(c, '0');
}
