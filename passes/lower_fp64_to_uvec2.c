/* Double precision for targets without it (GLSL ES): every double value becomes its two
 * 32-bit words, uvec2(lo, hi) (a dvec2 becomes uvec4), and every operation on doubles a
 * call of an exact soft-fp64 function (IR_OP_CALL_FP64) on those words.
 *
 * Why calls and not inline integer IR: an IEEE operation with rounding, NaN, infinities and
 * denormals is tens to hundreds of integer operations with branches and loops; written as
 * GLSL functions once (backend-glsl/glsl_soft_fp64.c) they are emitted once per shader and
 * only when used, the output stays readable, and the host compiler inlines or not as it
 * likes.  The IR keeps what it knows about the ops (one CALL_FP64 per TGSI instruction), and
 * the folder has already evaluated constant doubles exactly on the CPU: this pass runs after
 * the optimizations, just before emission.
 *
 * TGSI keeps doubles in pairs of 32-bit channels, so the translator reads them through
 * PACK64 (uvec2 -> double) and writes them through UNPACK64: those become moves, and loads,
 * stores, varyings, uniforms and buffers of doubles stay the bit moves they already are.
 * A double value has one or two lanes (a TGSI register holds two); more is refused. */
#include "passes.h"

#include <string.h>

#define MARK_DOUBLE 1u

typedef struct fp64_lower {
    ir_shader *s;
    bool progress, failed;
} fp64_lower;

static void refuse(fp64_lower *l, const ir_instr *in, const char *why)
{
    if (!l->failed)
        diag_error(l->s->diags, 0, 0, "double precision on this target: %s (%s, value %%%u)",
                   why, ir_op_infos[in->op].name, in->index);
    l->failed = true;
}

static bool is_double(const ir_instr *def)
{
    return def && def->pass_data == MARK_DOUBLE;
}

static void mark_block(ir_block *b, void *ctx)
{
    fp64_lower *l = ctx;
    IR_FOREACH_INSTR(b, in) {
        in->pass_data = in->type.base == IR_F64 ? MARK_DOUBLE : 0;
        if (in->type.base == IR_F64) {
            l->progress = true;
            if (in->type.comps > 2)
                refuse(l, in, "more than two doubles in one value");
        }
    }
}

/* A source reading `lanes` doubles now reads their 2 * lanes words. */
static void widen_src(ir_src *s, unsigned lanes)
{
    uint8_t sw[4];
    for (unsigned i = 0; i < lanes && i < 2; i++) {
        sw[2 * i] = (uint8_t)(2 * s->swizzle[i]);
        sw[2 * i + 1] = (uint8_t)(2 * s->swizzle[i] + 1);
    }
    for (unsigned i = 2 * lanes; i < 4; i++)
        sw[i] = sw[2 * lanes - 1];
    memcpy(s->swizzle, sw, 4);
}

/* A bool condition of `lanes` lanes selecting between double lanes: each lane twice. */
static void double_cond(ir_src *s, unsigned lanes)
{
    uint8_t sw[4];
    for (unsigned i = 0; i < 4; i++)
        sw[i] = s->swizzle[i / 2 < lanes ? i / 2 : lanes - 1];
    memcpy(s->swizzle, sw, 4);
}

static ir_type words(unsigned lanes)
{
    return ir_type_make(IR_U32, 2 * lanes);
}

/* The function for an arithmetic op, a comparison or a conversion; IR_FP64_COUNT: none. */
static enum ir_fp64_fn fn_for(const ir_instr *in, ir_base from, ir_base to)
{
    switch (in->op) {
    case IR_OP_ADD: return IR_FP64_DADD;
    case IR_OP_SUB: return IR_FP64_DSUB;
    case IR_OP_MUL: return IR_FP64_DMUL;
    case IR_OP_MAD: return IR_FP64_DMAD;
    case IR_OP_FMA: return IR_FP64_DFMA;
    case IR_OP_DIV: return IR_FP64_DDIV;
    case IR_OP_RCP: return IR_FP64_DRCP;
    case IR_OP_SQRT: return IR_FP64_DSQRT;
    case IR_OP_RSQ: return IR_FP64_DRSQ;
    case IR_OP_MIN: return IR_FP64_DMIN;
    case IR_OP_MAX: return IR_FP64_DMAX;
    case IR_OP_ABS: return IR_FP64_DABS;
    case IR_OP_NEG: return IR_FP64_DNEG;
    case IR_OP_SIGN: return IR_FP64_DSIGN;
    case IR_OP_FRACT: return IR_FP64_DFRACT;
    case IR_OP_FLOOR: return IR_FP64_DFLOOR;
    case IR_OP_CEIL: return IR_FP64_DCEIL;
    case IR_OP_TRUNC: return IR_FP64_DTRUNC;
    case IR_OP_ROUND: return IR_FP64_DROUND;
    case IR_OP_LDEXP: return IR_FP64_DLDEXP;
    case IR_OP_LT: return IR_FP64_DLT;
    case IR_OP_GE: return IR_FP64_DGE;
    case IR_OP_EQ: return IR_FP64_DEQ;
    case IR_OP_NE: return IR_FP64_DNE;
    case IR_OP_CONVERT:
        if (to == IR_F64) {
            switch (from) {
            case IR_F32: return IR_FP64_F2D;
            case IR_I32: return IR_FP64_I2D;
            case IR_U32: return IR_FP64_U2D;
            case IR_BOOL: return IR_FP64_B2D;
            default: return IR_FP64_COUNT;
            }
        }
        switch (to) {
        case IR_F32: return IR_FP64_D2F;
        case IR_I32: return IR_FP64_D2I;
        case IR_U32: return IR_FP64_D2U;
        case IR_BOOL: return IR_FP64_D2B;
        default: return IR_FP64_COUNT;
        }
    default:
        return IR_FP64_COUNT;
    }
}

static ir_base kind_base(char kind)
{
    switch (kind) {
    case 'F': return IR_F32;
    case 'I': return IR_I32;
    case 'B': return IR_BOOL;
    default: return IR_U32;
    }
}

/* Rewrites an op on doubles into a call, its double sources already widened. */
static void make_call(fp64_lower *l, ir_instr *in, enum ir_fp64_fn fn, unsigned lanes)
{
    const char *sig = ir_fp64_fns[fn].sig;
    if (in->num_srcs != strlen(sig) - 1) {
        refuse(l, in, "unexpected source count");
        return;
    }
    in->op = IR_OP_CALL_FP64;
    in->u.flags = fn;
    in->type = sig[0] == 'D' ? words(lanes) : ir_type_make(kind_base(sig[0]), lanes);
}

/* VEC of double components: each source gives its two words. */
static void split_vec(fp64_lower *l, ir_instr *in)
{
    unsigned n = in->num_srcs;
    ir_src *srcs = ARENA_NEW_ARRAY(l->s->arena, ir_src, 2 * n);
    if (!srcs) {
        refuse(l, in, "out of memory");
        return;
    }
    for (unsigned i = 0; i < n; i++)
        for (unsigned k = 0; k < 2; k++) {
            srcs[2 * i + k] = in->srcs[i];
            memset(srcs[2 * i + k].swizzle, 2 * in->srcs[i].swizzle[0] + k, 4);
        }
    in->srcs = srcs;
    in->num_srcs = (uint16_t)(2 * n);
    in->type = words(n);
}

static void lower_instr(fp64_lower *l, ir_instr *in)
{
    bool result_double = in->pass_data == MARK_DOUBLE;
    bool reads_double = false;
    for (unsigned i = 0; i < in->num_srcs; i++)
        reads_double |= is_double(in->srcs[i].def);
    if (!result_double && !reads_double)
        return;
    unsigned n = in->type.comps ? in->type.comps : 1;
    ir_base from = reads_double ? IR_F64 : (in->num_srcs && in->srcs[0].def
                                             ? (ir_base)in->srcs[0].def->type.base : IR_VOID);
    ir_base to = (ir_base)in->type.base;

    switch (in->op) {
    case IR_OP_CONST: {
        uint64_t v[2] = { in->u.value.u64[0], in->u.value.u64[1] };
        for (unsigned i = 0; i < n; i++) {
            in->u.value.u32[2 * i] = (uint32_t)v[i];
            in->u.value.u32[2 * i + 1] = (uint32_t)(v[i] >> 32);
        }
        in->type = words(n);
        return;
    }
    case IR_OP_UNDEF:
        in->type = words(n);
        return;
    case IR_OP_MOV: case IR_OP_PHI:
        for (unsigned i = 0; i < in->num_srcs; i++)
            widen_src(&in->srcs[i], n);
        in->type = words(n);
        return;
    case IR_OP_SELECT:
        double_cond(&in->srcs[0], n);
        widen_src(&in->srcs[1], n);
        widen_src(&in->srcs[2], n);
        in->type = words(n);
        return;
    case IR_OP_VEC:
        split_vec(l, in);
        return;
    case IR_OP_PACK64:
        if (to == IR_F64) { /* the words are the double */
            in->op = IR_OP_MOV;
            in->type = words(n);
            return;
        }
        break;
    case IR_OP_UNPACK64:
        widen_src(&in->srcs[0], n / 2);
        in->op = IR_OP_MOV;
        return;
    case IR_OP_BITCAST:
        if (to == IR_F64) { /* from a 64-bit integer: its words */
            in->op = IR_OP_UNPACK64;
            in->type = words(n);
            return;
        }
        widen_src(&in->srcs[0], n);
        in->op = IR_OP_PACK64;
        return;
    default:
        break;
    }
    enum ir_fp64_fn fn = fn_for(in, from, result_double ? IR_F64 : to);
    if (fn == IR_FP64_COUNT) {
        refuse(l, in, "no soft-fp64 function for this operation");
        return;
    }
    /* One lane count for the call; the sources that are doubles give two words a lane. */
    for (unsigned i = 0; i < in->num_srcs; i++)
        if (is_double(in->srcs[i].def))
            widen_src(&in->srcs[i], n);
    make_call(l, in, fn, n);
}

static void lower_block(ir_block *b, void *ctx)
{
    fp64_lower *l = ctx;
    IR_FOREACH_INSTR(b, in)
        lower_instr(l, in);
}

/* If conditions and switch selectors are bool or int: never doubles. */
bool lower_fp64_to_uvec2(ir_shader *s)
{
    fp64_lower l = { s, false, false };
    ir_foreach_block(&s->body, mark_block, &l);
    if (!l.progress || l.failed)
        return false;
    ir_foreach_block(&s->body, lower_block, &l);
    return true;
}
