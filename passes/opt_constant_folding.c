/* Constant folding and exact algebraic identities.  An instruction whose sources are
 * constants becomes a constant in place; one that reduces to a source becomes a MOV of it
 * (copy propagation removes those).  Only what GLSL would compute the same way is folded:
 * no float x+0 -> x (-0.0), no x*0 -> 0 for floats (NaN/Inf), no integer division by zero,
 * nothing in a domain GLSL leaves undefined.  Constant indices of variable accesses are
 * folded into the access (fold_access). */
#include "passes.h"

#include <math.h>
#include <string.h>

static float f32_of(uint64_t bits)
{
    uint32_t w = (uint32_t)bits;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static double f64_of(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

static uint64_t bits_of_f32(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

static uint64_t bits_of_f64(double d)
{
    uint64_t q;
    memcpy(&q, &d, 8);
    return q;
}

static double as_float(ir_base b, uint64_t bits)
{
    return b == IR_F64 ? f64_of(bits) : (double)f32_of(bits);
}

static uint64_t float_bits(ir_base b, double v)
{
    return b == IR_F64 ? bits_of_f64(v) : bits_of_f32((float)v);
}

static unsigned base_bits(ir_base b)
{
    return ir_base_is_64(b) ? 64 : 32;
}

static uint64_t mask_of(unsigned bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static int64_t sext(uint64_t v, unsigned bits)
{
    return bits == 64 ? (int64_t)v : (int64_t)(int32_t)(uint32_t)v;
}

/* ---------------------------------------------------------------- evaluation */

/* Rounds an intermediate to the operation's precision; double rounding of one +,-,*,/ or
 * sqrt through double is exact for float (double has more than 2p+2 bits). */
static double rnd(bool is32, double x)
{
    return is32 ? (double)(float)x : x;
}

static bool eval_float(enum ir_op op, bool is32, const double *s, double *r)
{
    double a = s[0], b = s[1], c = s[2];
    switch (op) {
    case IR_OP_MOV: *r = a; return true;
    case IR_OP_ADD: *r = rnd(is32, a + b); return true;
    case IR_OP_SUB: *r = rnd(is32, a - b); return true;
    case IR_OP_MUL: *r = rnd(is32, a * b); return true;
    case IR_OP_DIV:
        if (b == 0.0)
            return false; /* undefined before GLSL 4.60's IEEE rules */
        *r = rnd(is32, a / b);
        return true;
    case IR_OP_NEG: *r = -a; return true;
    case IR_OP_ABS: *r = fabs(a); return true;
    case IR_OP_SIGN:
        if (isnan(a))
            return false;
        *r = a > 0 ? 1.0 : a < 0 ? -1.0 : 0.0;
        return true;
    case IR_OP_MIN: case IR_OP_MAX:
        if (isnan(a) || isnan(b))
            return false; /* GLSL leaves min/max of NaN undefined */
        *r = op == IR_OP_MIN ? (b < a ? b : a) : (a < b ? b : a);
        return true;
    case IR_OP_MAD: *r = rnd(is32, rnd(is32, a * b) + c); return true;
    case IR_OP_FMA: *r = is32 ? (double)fmaf((float)a, (float)b, (float)c) : fma(a, b, c); return true;
    case IR_OP_FLOOR: *r = floor(a); return true;
    case IR_OP_CEIL: *r = ceil(a); return true;
    case IR_OP_TRUNC: *r = trunc(a); return true;
    case IR_OP_ROUND: *r = nearbyint(a); return true;  /* default rounding: to even */
    case IR_OP_FRACT:
        if (!isfinite(a))
            return false;
        *r = rnd(is32, a - floor(a));
        return true;
    case IR_OP_SQRT:
        if (!(a >= 0))
            return false;
        *r = rnd(is32, sqrt(a));
        return true;
    case IR_OP_RSQ:
        if (!(a > 0))
            return false;
        *r = rnd(is32, 1.0 / sqrt(a));
        return true;
    case IR_OP_RCP:
        if (a == 0 || isnan(a))
            return false;
        *r = rnd(is32, 1.0 / a);
        return true;
    case IR_OP_EXP2: *r = is32 ? (double)exp2f((float)a) : exp2(a); return true;
    case IR_OP_LOG2:
        if (!(a > 0))
            return false;
        *r = is32 ? (double)log2f((float)a) : log2(a);
        return true;
    case IR_OP_POW:
        if (!(a > 0) || isnan(b))
            return false; /* undefined for x < 0, or x == 0 and y <= 0 */
        *r = is32 ? (double)powf((float)a, (float)b) : pow(a, b);
        return true;
    case IR_OP_SIN: *r = is32 ? (double)sinf((float)a) : sin(a); return isfinite(a);
    case IR_OP_COS: *r = is32 ? (double)cosf((float)a) : cos(a); return isfinite(a);
    case IR_OP_DDX: case IR_OP_DDY: case IR_OP_DDX_FINE: case IR_OP_DDY_FINE:
        *r = 0.0; /* a constant does not vary across the quad */
        return true;
    case IR_OP_LRP: *r = rnd(is32, rnd(is32, a * b) + rnd(is32, rnd(is32, 1.0 - a) * c)); return true;
    default:
        return false;
    }
}

static unsigned popcount64(uint64_t v)
{
    unsigned n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static int find_msb(uint64_t v, unsigned bits, bool is_signed)
{
    if (is_signed && sext(v, bits) < 0)
        v = ~v & mask_of(bits);
    for (int i = (int)bits - 1; i >= 0; i--)
        if (v >> i & 1)
            return i;
    return -1;
}

static bool eval_int(enum ir_op op, unsigned bits, bool sgn, const uint64_t *s, uint64_t *r)
{
    uint64_t m = mask_of(bits), a = s[0] & m, b = s[1] & m, c = s[2] & m, d = s[3] & m;
    int64_t sa = sext(a, bits), sb = sext(b, bits);
    switch (op) {
    case IR_OP_MOV: *r = a; break;
    case IR_OP_ADD: *r = a + b; break;
    case IR_OP_SUB: *r = a - b; break;
    case IR_OP_MUL: *r = a * b; break;
    case IR_OP_MAD: *r = a * b + c; break;
    case IR_OP_DIV: case IR_OP_MOD:
        if (b == 0)
            return false;
        if (sgn) {
            if (sa < 0 || sb < 0)
                return false; /* INT_MIN / -1 overflows; GLSL's % of negatives is undefined */
            *r = (uint64_t)(op == IR_OP_DIV ? sa / sb : sa % sb);
        } else {
            *r = op == IR_OP_DIV ? a / b : a % b;
        }
        break;
    case IR_OP_NEG: *r = 0 - a; break;
    case IR_OP_ABS: *r = sa < 0 ? 0 - a : a; break;
    case IR_OP_SIGN: *r = (uint64_t)(sa > 0 ? 1 : sa < 0 ? -1 : 0); break;
    case IR_OP_MIN: *r = sgn ? (sb < sa ? b : a) : (b < a ? b : a); break;
    case IR_OP_MAX: *r = sgn ? (sa < sb ? b : a) : (a < b ? b : a); break;
    case IR_OP_AND: *r = a & b; break;
    case IR_OP_OR: *r = a | b; break;
    case IR_OP_XOR: *r = a ^ b; break;
    case IR_OP_NOT: *r = ~a; break;
    case IR_OP_SHL: *r = a << (b & (bits - 1)); break;
    case IR_OP_SHR:
        *r = sgn ? (uint64_t)(sa >> (b & (bits - 1))) : a >> (b & (bits - 1));
        break;
    case IR_OP_MUL_HI:
        if (bits != 32)
            return false;
        *r = sgn ? (uint64_t)((sa * sb) >> 32) : (a * b) >> 32;
        break;
    case IR_OP_BFE: {
        int32_t off = (int32_t)b, cnt = (int32_t)c;
        if (off < 0 || cnt < 0 || off + cnt > 32)
            return false;
        if (cnt == 0) {
            *r = 0;
            break;
        }
        uint64_t f = (a >> off) & mask_of((unsigned)cnt);
        if (sgn && (f >> (cnt - 1) & 1))
            f |= ~mask_of((unsigned)cnt);
        *r = f;
        break;
    }
    case IR_OP_BFI: {
        int32_t off = (int32_t)c, cnt = (int32_t)d;
        if (off < 0 || cnt < 0 || off + cnt > 32)
            return false;
        uint64_t fm = mask_of((unsigned)cnt) << off;
        *r = (a & ~fm) | ((b << off) & fm);
        break;
    }
    case IR_OP_BITREV: {
        uint64_t v = 0;
        for (unsigned i = 0; i < bits; i++)
            v |= (a >> i & 1) << (bits - 1 - i);
        *r = v;
        break;
    }
    default:
        return false;
    }
    *r &= m;
    return true;
}

/* Result bits for ops whose result type differs from their sources'. */
static bool eval_bitcount(enum ir_op op, ir_base src, uint64_t a, uint64_t *r)
{
    unsigned bits = base_bits(src);
    a &= mask_of(bits);
    int v;
    switch (op) {
    case IR_OP_POPCNT: v = (int)popcount64(a); break;
    case IR_OP_FIND_LSB: v = a ? __builtin_ctzll(a) : -1; break;
    case IR_OP_FIND_MSB: v = find_msb(a, bits, ir_base_is_signed(src)); break;
    default: return false;
    }
    *r = (uint32_t)v;
    return true;
}

static bool eval_cmp(enum ir_op op, ir_base b, uint64_t x, uint64_t y, uint64_t *r)
{
    bool v;
    if (ir_base_is_float(b)) {
        double p = as_float(b, x), q = as_float(b, y);
        v = op == IR_OP_LT ? p < q : op == IR_OP_GE ? p >= q : op == IR_OP_EQ ? p == q : p != q;
    } else if (b == IR_BOOL) {
        bool p = x != 0, q = y != 0;
        if (op != IR_OP_EQ && op != IR_OP_NE)
            return false;
        v = op == IR_OP_EQ ? p == q : p != q;
    } else {
        unsigned bits = base_bits(b);
        uint64_t m = mask_of(bits);
        x &= m;
        y &= m;
        bool lt = ir_base_is_signed(b) ? sext(x, bits) < sext(y, bits) : x < y;
        v = op == IR_OP_LT ? lt : op == IR_OP_GE ? !lt : op == IR_OP_EQ ? x == y : x != y;
    }
    *r = v;
    return true;
}

/* GLSL's constructor conversions; out-of-range float -> int is undefined, so not folded. */
static bool eval_convert(ir_base from, ir_base to, uint64_t x, uint64_t *r)
{
    unsigned fb = base_bits(from), tb = base_bits(to);
    if (to == IR_BOOL) {
        if (ir_base_is_float(from)) {
            double d = as_float(from, x);
            if (isnan(d))
                return false;
            *r = d != 0.0;
        } else {
            *r = (x & mask_of(fb)) != 0;
        }
        return true;
    }
    if (from == IR_BOOL) {
        *r = ir_base_is_float(to) ? float_bits(to, x ? 1.0 : 0.0) : (x ? 1 : 0);
        return true;
    }
    if (ir_base_is_float(from)) {
        double d = as_float(from, x);
        if (ir_base_is_float(to)) {
            *r = float_bits(to, d);
            return true;
        }
        if (isnan(d))
            return false;
        double t = trunc(d);
        if (ir_base_is_signed(to)) {
            double lim = tb == 64 ? 9223372036854775808.0 : 2147483648.0;
            if (t < -lim || t >= lim)
                return false;
            *r = (uint64_t)(int64_t)t & mask_of(tb);
        } else {
            double lim = tb == 64 ? 18446744073709551616.0 : 4294967296.0;
            if (t < 0 || t >= lim)
                return false;
            *r = (uint64_t)t;
        }
        return true;
    }
    /* integer source */
    uint64_t v = x & mask_of(fb);
    bool neg = ir_base_is_signed(from) && sext(v, fb) < 0;
    if (ir_base_is_float(to)) {
        double d = ir_base_is_signed(from) ? (double)sext(v, fb) : (double)v;
        /* Integer -> float must round once, to the target precision. */
        if (to == IR_F32)
            *r = bits_of_f32(ir_base_is_signed(from) ? (float)sext(v, fb) : (float)v);
        else
            *r = bits_of_f64(d);
        return true;
    }
    uint64_t wide = neg ? (uint64_t)sext(v, fb) : v;
    *r = wide & mask_of(tb);
    return true;
}

/* ---------------------------------------------------------------- rewriting in place */

static void make_const(ir_instr *in, const uint64_t *vals)
{
    in->op = IR_OP_CONST;
    in->num_srcs = 0;
    in->precise = false;
    memset(&in->u, 0, sizeof(in->u));
    for (unsigned c = 0; c < in->type.comps && c < 4; c++) {
        if (ir_base_is_64((ir_base)in->type.base))
            in->u.value.u64[c] = vals[c];
        else
            in->u.value.u32[c] = in->type.base == IR_BOOL ? (vals[c] != 0) : (uint32_t)vals[c];
    }
}

static void make_mov(ir_instr *in, ir_src s)
{
    in->op = IR_OP_MOV;
    in->num_srcs = 1;
    in->srcs[0] = s;
}

/* An undefined value counts as the constant the backend prints for it (zero): the host's
 * compiler folds it like any literal, so leaving such expressions unfolded here would hide
 * constant array indices from opt_constant_index. */
static bool all_const(const ir_instr *in)
{
    for (unsigned i = 0; i < in->num_srcs; i++) {
        const ir_instr *d = in->srcs[i].def;
        if (!d || (d->op != IR_OP_CONST && d->op != IR_OP_UNDEF))
            return false;
    }
    return in->num_srcs > 0;
}

static uint64_t cbits(const ir_instr *in, unsigned i, unsigned c)
{
    return ir_src_const_bits(in->srcs[i], c);
}

/* IR_FOLD_SHAPE: ops that move components (all sources constant). */
static void fold_shape(ir_instr *in, uint64_t *out)
{
    enum ir_op op = (enum ir_op)in->op;
    ir_base t = (ir_base)in->type.base;
    unsigned n = in->type.comps;

    switch (op) {
    case IR_OP_VEC:
        for (unsigned c = 0; c < n; c++)
            out[c] = cbits(in, c, 0);
        make_const(in, out);
        return;
    case IR_OP_BITCAST:
        for (unsigned c = 0; c < n; c++)
            out[c] = cbits(in, 0, c);
        make_const(in, out);
        return;
    case IR_OP_PACK64:
        for (unsigned c = 0; c < n; c++)
            out[c] = (cbits(in, 0, 2 * c) & 0xffffffffu) | cbits(in, 0, 2 * c + 1) << 32;
        make_const(in, out);
        return;
    case IR_OP_UNPACK64:
        for (unsigned c = 0; c < n; c++)
            out[c] = (uint32_t)(cbits(in, 0, c / 2) >> (c & 1 ? 32 : 0));
        make_const(in, out);
        return;
    case IR_OP_DOT: {
        bool is32 = t == IR_F32;
        double acc = 0;
        for (unsigned c = 0; c < ir_src_comps(in, 0); c++) {
            double p = rnd(is32, as_float(t, cbits(in, 0, c)) * as_float(t, cbits(in, 1, c)));
            acc = c ? rnd(is32, acc + p) : p;
        }
        out[0] = float_bits(t, acc);
        make_const(in, out);
        return;
    }
    case IR_OP_ANY: case IR_OP_ALL: {
        bool any = false, all = true;
        for (unsigned c = 0; c < ir_src_comps(in, 0); c++) {
            bool v = cbits(in, 0, c) != 0;
            any |= v;
            all &= v;
        }
        out[0] = op == IR_OP_ANY ? any : all;
        make_const(in, out);
        return;
    }
    case IR_OP_SELECT:
        for (unsigned c = 0; c < n; c++)
            out[c] = cbits(in, cbits(in, 0, c) ? 1 : 2, c);
        make_const(in, out);
        return;
    default:
        return; /* not IR_FOLD_SHAPE */
    }
}

/* IR_FOLD_ARITH: by the arithmetic of the instruction's type. */
static bool eval_arith(enum ir_op op, ir_base t, const uint64_t *s, uint64_t *r)
{
    if (ir_base_is_float(t)) {
        double a[3], v = 0;
        for (unsigned i = 0; i < 3; i++)
            a[i] = as_float(t, s[i]);
        bool ok = eval_float(op, t == IR_F32, a, &v);
        *r = float_bits(t, v);
        return ok;
    }
    if (t == IR_BOOL) {
        bool a = s[0] != 0, b = s[1] != 0;
        *r = op == IR_OP_AND ? (a && b) : op == IR_OP_OR ? (a || b)
           : op == IR_OP_XOR ? (a != b) : op == IR_OP_NOT ? !a : a;
        return op == IR_OP_AND || op == IR_OP_OR || op == IR_OP_XOR || op == IR_OP_NOT ||
               op == IR_OP_MOV;
    }
    return eval_int(op, base_bits(t), ir_base_is_signed(t), s, r);
}

/* Folds an instruction whose sources are all constants; false when it must stay. */
static bool fold_all_const(ir_instr *in)
{
    enum ir_op op = (enum ir_op)in->op;
    ir_base t = (ir_base)in->type.base;
    unsigned n = in->type.comps;
    uint64_t out[4] = { 0 };
    ir_base sb = (ir_base)in->srcs[0].def->type.base;
    enum ir_fold fold = (enum ir_fold)ir_op_infos[op].fold;

    if (fold == IR_FOLD_NONE)
        return false;
    if (fold == IR_FOLD_SHAPE) {
        fold_shape(in, out);
        return true;
    }
    for (unsigned c = 0; c < n; c++) {
        uint64_t s[4] = { 0 };
        for (unsigned i = 0; i < in->num_srcs && i < 4; i++)
            s[i] = cbits(in, i, c);
        bool ok;
        switch (fold) {
        case IR_FOLD_CMP:
            ok = eval_cmp(op, sb, s[0], s[1], &out[c]);
            break;
        case IR_FOLD_CONVERT:
            ok = eval_convert(sb, t, s[0], &out[c]);
            break;
        case IR_FOLD_COUNT:
            ok = eval_bitcount(op, sb, s[0], &out[c]);
            break;
        case IR_FOLD_LDEXP: {
            double x = as_float(t, s[0]);
            int e = (int32_t)s[1];
            double v = ldexp(x, e);
            ok = isfinite(x) && isfinite(rnd(t == IR_F32, v)) && e > -300 && e < 300;
            out[c] = float_bits(t, v);
            break;
        }
        default: /* IR_FOLD_ARITH */
            ok = eval_arith(op, t, s, &out[c]);
            break;
        }
        if (!ok)
            return false;
    }
    make_const(in, out);
    return true;
}

/* ---------------------------------------------------------------- identities */

/* Whether every component the instruction reads from source i is the constant `bits`
 * (compared within the type's width; `bits` of all ones means all ones). */
static bool src_is(const ir_instr *in, unsigned i, uint64_t bits)
{
    if (!ir_src_is_const(in->srcs[i]))
        return false;
    unsigned w = base_bits((ir_base)in->srcs[i].def->type.base);
    for (unsigned c = 0; c < ir_src_comps(in, i); c++)
        if ((ir_src_const_bits(in->srcs[i], c) & mask_of(w)) != (bits & mask_of(w)))
            return false;
    return true;
}

static bool same_src(const ir_instr *in, unsigned i, unsigned j)
{
    if (in->srcs[i].def != in->srcs[j].def)
        return false;
    for (unsigned c = 0; c < in->type.comps; c++)
        if (in->srcs[i].swizzle[c] != in->srcs[j].swizzle[c])
            return false;
    return true;
}

static ir_instr *src_op(const ir_instr *in, unsigned i, enum ir_op op)
{
    ir_instr *d = in->srcs[i].def;
    return d && d->op == op ? d : NULL;
}

static bool fold_identity(ir_instr *in)
{
    enum ir_op op = (enum ir_op)in->op;
    ir_base t = (ir_base)in->type.base;
    bool is_int = ir_base_is_int(t), is_bool = t == IR_BOOL, is_flt = ir_base_is_float(t);
    uint64_t one = is_flt ? float_bits(t, 1.0) : 1, zero[4] = { 0 }, ones[4] = { ~0ull, ~0ull, ~0ull, ~0ull };
    uint64_t negzero = is_flt ? float_bits(t, -0.0) : 0;
    uint64_t tru = is_bool ? 1 : ~0ull;

    switch (op) {
    case IR_OP_ADD:
        for (unsigned i = 0; i < 2; i++) {
            if ((is_int && src_is(in, i, 0)) || (is_flt && src_is(in, i, negzero))) {
                make_mov(in, in->srcs[1 - i]); /* x + -0.0 == x for every float */
                return true;
            }
            /* x + -y is x - y by definition, for floats too */
            ir_instr *ng = src_op(in, i, IR_OP_NEG);
            if (ng && ng->type.base == t) {
                ir_src y = ir_src_compose(ng->srcs[0], in->srcs[i].swizzle);
                in->op = IR_OP_SUB;
                in->srcs[0] = in->srcs[1 - i];
                in->srcs[1] = y;
                return true;
            }
        }
        break;
    case IR_OP_SUB: {
        if ((is_int || is_flt) && src_is(in, 1, 0)) { /* x - +0.0 == x for every float */
            make_mov(in, in->srcs[0]);
            return true;
        }
        ir_instr *ng = src_op(in, 1, IR_OP_NEG);
        if (ng && ng->type.base == t) {
            in->op = IR_OP_ADD;
            in->srcs[1] = ir_src_compose(ng->srcs[0], in->srcs[1].swizzle);
            return true;
        }
        break;
    }
    case IR_OP_MUL:
        for (unsigned i = 0; i < 2; i++) {
            if ((is_int || is_flt) && src_is(in, i, one)) {
                make_mov(in, in->srcs[1 - i]);
                return true;
            }
            /* x * -1 flips the sign bit exactly as negation does */
            if ((is_int || is_flt) && src_is(in, i, is_flt ? float_bits(t, -1.0) : ~0ull)) {
                in->op = IR_OP_NEG;
                in->num_srcs = 1;
                in->srcs[0] = in->srcs[1 - i];
                return true;
            }
            if (is_int && src_is(in, i, 0)) {
                make_const(in, zero);
                return true;
            }
        }
        break;
    case IR_OP_DIV:
        if ((is_int || is_flt) && src_is(in, 1, one)) {
            make_mov(in, in->srcs[0]);
            return true;
        }
        break;
    case IR_OP_AND: case IR_OP_OR:
        if (same_src(in, 0, 1)) {
            make_mov(in, in->srcs[0]);
            return true;
        }
        for (unsigned i = 0; i < 2; i++) {
            bool neutral = src_is(in, i, op == IR_OP_AND ? tru : 0);
            bool absorbing = src_is(in, i, op == IR_OP_AND ? 0 : tru);
            if (neutral) {
                make_mov(in, in->srcs[1 - i]);
                return true;
            }
            if (absorbing) {
                make_const(in, op == IR_OP_AND ? zero : is_bool ? (uint64_t[4]){ 1, 1, 1, 1 } : ones);
                return true;
            }
        }
        break;
    case IR_OP_XOR:
        for (unsigned i = 0; i < 2; i++)
            if (src_is(in, i, 0)) {
                make_mov(in, in->srcs[1 - i]);
                return true;
            }
        if (same_src(in, 0, 1)) {
            make_const(in, zero);
            return true;
        }
        break;
    case IR_OP_SHL: case IR_OP_SHR:
        if (ir_src_is_const(in->srcs[1])) {
            unsigned mask = base_bits(t) - 1;
            bool all_zero = true;
            for (unsigned c = 0; c < in->type.comps; c++)
                all_zero &= (ir_src_const_bits(in->srcs[1], c) & mask) == 0;
            if (all_zero) {
                make_mov(in, in->srcs[0]);
                return true;
            }
        }
        break;
    case IR_OP_MIN: case IR_OP_MAX:
        if (same_src(in, 0, 1)) {
            make_mov(in, in->srcs[0]);
            return true;
        }
        break;
    case IR_OP_SELECT: {
        if (same_src(in, 1, 2)) {
            make_mov(in, in->srcs[1]);
            return true;
        }
        if (ir_src_is_const(in->srcs[0])) {
            bool all_t = true, all_f = true;
            for (unsigned c = 0; c < in->type.comps; c++) {
                bool v = ir_src_const_bits(in->srcs[0], c) != 0;
                all_t &= v;
                all_f &= !v;
            }
            if (all_t || all_f) {
                make_mov(in, in->srcs[all_t ? 1 : 2]);
                return true;
            }
        }
        break;
    }
    case IR_OP_NOT: case IR_OP_NEG: {
        ir_instr *inner = src_op(in, 0, op);
        if (inner && inner->type.base == in->type.base) {
            make_mov(in, ir_src_compose(inner->srcs[0], in->srcs[0].swizzle));
            return true;
        }
        break;
    }
    case IR_OP_BITCAST: {
        ir_instr *inner = src_op(in, 0, IR_OP_BITCAST);
        if (inner) {
            ir_src x = ir_src_compose(inner->srcs[0], in->srcs[0].swizzle);
            if (x.def->type.base == in->type.base)
                make_mov(in, x);
            else
                in->srcs[0] = x;
            return true;
        }
        if (in->srcs[0].def->type.base == in->type.base) {
            make_mov(in, in->srcs[0]);
            return true;
        }
        break;
    }
    case IR_OP_PACK64: {
        /* pack64(unpack64(x)) -> x when the pairs stay together and in order. */
        ir_instr *inner = src_op(in, 0, IR_OP_UNPACK64);
        if (!inner)
            break;
        uint8_t swz[4] = { 0, 0, 0, 0 };
        for (unsigned c = 0; c < in->type.comps; c++) {
            uint8_t lo = in->srcs[0].swizzle[2 * c], hi = in->srcs[0].swizzle[2 * c + 1];
            if ((lo & 1) || hi != lo + 1)
                return false;
            swz[c] = lo / 2;
        }
        for (unsigned c = in->type.comps; c < 4; c++)
            swz[c] = swz[0];
        ir_src x = ir_src_compose(inner->srcs[0], swz);
        if (x.def->type.base == in->type.base)
            make_mov(in, x);
        else {
            in->op = IR_OP_BITCAST;
            in->srcs[0] = x;
        }
        return true;
    }
    case IR_OP_UNPACK64: {
        ir_instr *inner = src_op(in, 0, IR_OP_PACK64);
        if (!inner)
            break;
        uint8_t swz[4] = { 0, 0, 0, 0 };
        for (unsigned c = 0; c < in->type.comps / 2; c++) {
            unsigned k = in->srcs[0].swizzle[c] & 3;
            swz[2 * c] = inner->srcs[0].swizzle[(2 * k) & 3];
            swz[2 * c + 1] = inner->srcs[0].swizzle[(2 * k + 1) & 3];
        }
        ir_src x = { inner->srcs[0].def, { swz[0], swz[1], swz[2], swz[3] } };
        make_mov(in, x);
        return true;
    }
    default:
        break;
    }
    return false;
}

/* Elements an index may name, or 0 when the declaration does not bound it. */
static uint32_t index_bound(const ir_var *v)
{
    if (v->array_len)
        return v->array_len;
    if (v->kind == IR_VAR_CONST_BUFFER)
        return v->size;
    return 0;
}

/* The constant value of an index source, when it is one. */
static bool const_index(ir_src s, int64_t *value)
{
    if (!s.def || (s.def->op != IR_OP_CONST && s.def->op != IR_OP_UNDEF))
        return false;
    uint32_t bits = (uint32_t)ir_src_const_bits(s, 0);
    *value = s.def->type.base == IR_U32 ? (int64_t)bits : (int64_t)(int32_t)bits;
    return true;
}

/* Folds one constant index source into its constant part; false when it lands outside
 * `bound` (0: unbounded). */
static bool fold_index(ir_src *src, int32_t *base, uint32_t bound, bool *progress)
{
    int64_t v;
    if (!const_index(*src, &v))
        return true;
    int64_t total = (int64_t)*base + v;
    if (total < 0 || total > INT32_MAX || (bound && total >= bound))
        return false;
    *base = (int32_t)total;
    *src = ir_src_none();
    *progress = true;
    return true;
}

/* An access whose index folded to a constant becomes a direct access.  Besides saving
 * work, this keeps the output valid: GLSL compilers fold constant index expressions and
 * reject a constant index outside the array, while in TGSI such a read is only undefined (a
 * guest may send CONST[ADDR[0].x] with ADDR from immediates or from an unwritten register).
 * An access outside its array reads zero and writes nothing, as robust buffer access does. */
static void fold_access(ir_instr *in, bool *progress)
{
    ir_var *v = in->u.access.var;
    unsigned first = in->op == IR_OP_STORE_VAR ? 1 : 0;
    unsigned dim = in->op == IR_OP_INTERP ? 2 : first + 1;
    bool inside = true;
    if (first < in->num_srcs)
        inside = fold_index(&in->srcs[first], &in->u.access.index, index_bound(v), progress);
    if (inside && dim < in->num_srcs && v->per_vertex)
        inside = fold_index(&in->srcs[dim], &in->u.access.dim, v->vertices, progress);
    if (inside)
        return;
    *progress = true;
    if (in->op == IR_OP_STORE_VAR) {
        ir_instr_remove(in);
        return;
    }
    in->op = IR_OP_CONST;
    in->num_srcs = 0;
    memset(&in->u, 0, sizeof(in->u));
}

static void fold_block(ir_block *b, void *ctx)
{
    bool *progress = ctx;
    IR_FOREACH_INSTR_SAFE(b, in, nx) {
        if (in->op == IR_OP_LOAD_VAR || in->op == IR_OP_STORE_VAR || in->op == IR_OP_INTERP) {
            if (in->num_srcs > (in->op == IR_OP_STORE_VAR ? 1u : 0u))
                fold_access(in, progress);
            continue;
        }
        if (in->op == IR_OP_CONST || in->op == IR_OP_MOV || in->op == IR_OP_PHI ||
            !(ir_op_infos[in->op].flags & IR_PURE) || in->type.base == IR_VOID)
            continue;
        if (in->op == IR_OP_TEX || in->op == IR_OP_UNDEF)
            continue;
        if (all_const(in) ? fold_all_const(in) : fold_identity(in))
            *progress = true;
    }
}

bool opt_constant_folding(ir_shader *s)
{
    bool progress = false;
    ir_foreach_block(&s->body, fold_block, &progress);
    return progress;
}
