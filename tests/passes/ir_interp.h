/* A small reference interpreter for the IR subset the random-shader test generates (ALU ops
 * on 32-bit types, phis, if/loop/switch, input loads and output stores), so the optimizer's
 * output can be compared with its input by running both. */
#ifndef IR_INTERP_H
#define IR_INTERP_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ir/ir.h"

enum { INTERP_NORMAL, INTERP_BREAK, INTERP_CONTINUE, INTERP_RETURN, INTERP_FAIL };

typedef struct interp {
    uint32_t (*vals)[4];     /* by value index */
    uint32_t out[8][4];      /* outputs by var id (first 8) */
    uint64_t trace;          /* hash of every store executed, in order */
    ir_block *prev;
    unsigned steps;
    uint64_t input_seed;
    bool unsupported;
} interp;

static float ip_f(uint32_t w) { float f; memcpy(&f, &w, 4); return f; }
static uint32_t ip_w(float f) { uint32_t w; memcpy(&w, &f, 4); return w; }

static uint32_t ip_src(interp *ip, ir_src s, unsigned c)
{
    if (s.def->op == IR_OP_CONST)
        return s.def->u.value.u32[s.swizzle[c] & 3];
    return ip->vals[s.def->index][s.swizzle[c] & 3];
}

static uint32_t ip_alu(interp *ip, enum ir_op op, ir_base t, ir_base sb, const uint32_t *a)
{
    float x = ip_f(a[0]), y = ip_f(a[1]);
    int32_t i = (int32_t)a[0], j = (int32_t)a[1];
    uint32_t u = a[0], v = a[1];
    switch (op) {
    case IR_OP_MOV: return u;
    case IR_OP_ADD: return t == IR_F32 ? ip_w(x + y) : u + v;
    case IR_OP_SUB: return t == IR_F32 ? ip_w(x - y) : u - v;
    case IR_OP_MUL: return t == IR_F32 ? ip_w(x * y) : u * v;
    case IR_OP_DIV:
        if (t == IR_F32)
            return ip_w(x / y);
        if (v == 0)
            return 0;
        if (t == IR_I32)
            return (i == INT32_MIN && j == -1) ? u : (uint32_t)(i / j);
        return u / v;
    case IR_OP_MIN:
        if (t == IR_F32)
            return ip_w(y < x ? y : x);
        return t == IR_I32 ? (j < i ? v : u) : (v < u ? v : u);
    case IR_OP_MAX:
        if (t == IR_F32)
            return ip_w(x < y ? y : x);
        return t == IR_I32 ? (i < j ? v : u) : (u < v ? v : u);
    case IR_OP_AND: return u & v;
    case IR_OP_OR: return u | v;
    case IR_OP_XOR: return u ^ v;
    case IR_OP_NOT: return t == IR_BOOL ? !u : ~u;
    case IR_OP_SHL: return u << (v & 31);
    case IR_OP_SHR: return t == IR_I32 ? (uint32_t)(i >> (v & 31)) : u >> (v & 31);
    case IR_OP_FLOOR: return ip_w(floorf(x));
    case IR_OP_NEG: return t == IR_F32 ? ip_w(-x) : 0 - u;
    case IR_OP_LT: case IR_OP_GE: case IR_OP_EQ: case IR_OP_NE: {
        bool lt, eq;
        if (sb == IR_F32) {
            lt = x < y;
            eq = x == y;
            if (op == IR_OP_GE)
                return x >= y;
        } else {
            lt = sb == IR_I32 ? i < j : u < v;
            eq = u == v;
        }
        return op == IR_OP_LT ? lt : op == IR_OP_GE ? !lt : op == IR_OP_EQ ? eq : !eq;
    }
    case IR_OP_SELECT: return u ? a[1] : a[2];
    case IR_OP_BITCAST: return u;
    case IR_OP_CONVERT:
        if (t == IR_BOOL)
            return sb == IR_F32 ? (x != 0.0f) : (u != 0);
        if (sb == IR_BOOL)
            return t == IR_F32 ? ip_w(u ? 1.0f : 0.0f) : (u ? 1 : 0);
        if (t == IR_F32)
            return ip_w(sb == IR_I32 ? (float)i : sb == IR_U32 ? (float)u : x);
        if (sb == IR_F32) {
            if (!(x > -2147483648.0f && x < 2147483648.0f))
                return 0;
            if (t == IR_U32 && x < 0)
                return 0;
            return t == IR_I32 ? (uint32_t)(int32_t)x : (uint32_t)x;
        }
        return u;
    default:
        ip->unsupported = true;
        return 0;
    }
}

static void ip_instr(interp *ip, ir_instr *in)
{
    enum ir_op op = (enum ir_op)in->op;
    uint32_t *r = ip->vals[in->index];
    switch (op) {
    case IR_OP_CONST:
        memcpy(r, in->u.value.u32, 16);
        return;
    case IR_OP_UNDEF:
        memset(r, 0, 16);
        return;
    case IR_OP_LOAD_VAR:
        for (unsigned c = 0; c < 4; c++) {
            uint64_t h = (ip->input_seed + in->u.access.var->id * 4 + c) * 0x9e3779b97f4a7c15ull;
            unsigned k = (unsigned)(h >> 60);
            r[c] = k < 4 ? ip_w((float)(int)((h >> 20) % 7) - 3.0f) : k < 6 ? 0 : k < 8 ? ~0u : (uint32_t)(h >> 27);
        }
        return;
    case IR_OP_STORE_VAR:
        for (unsigned c = 0; c < 4; c++)
            if (in->u.access.writemask & (1u << c) && in->u.access.var->id < 8) {
                uint32_t v = ip_src(ip, in->srcs[0], c);
                if (isnan(ip_f(v)))
                    v = 0x7fc00000u; /* NaN payloads are not observable */
                ip->out[in->u.access.var->id][c] = v;
                ip->trace = (ip->trace ^ v ^ (uint64_t)c << 32) * 0x100000001b3ull;
            }
        return;
    case IR_OP_VEC:
        for (unsigned c = 0; c < in->num_srcs; c++)
            r[c] = ip_src(ip, in->srcs[c], 0);
        return;
    default:
        break;
    }
    if (!(ir_op_infos[op].flags & (IR_ALU | IR_CMP))) {
        ip->unsupported = true;
        return;
    }
    uint32_t tmp[4];
    ir_base sb = in->num_srcs ? (ir_base)in->srcs[in->num_srcs - 1].def->type.base : IR_VOID;
    if (op == IR_OP_CONVERT || op == IR_OP_BITCAST || (ir_op_infos[op].flags & IR_CMP))
        sb = (ir_base)in->srcs[0].def->type.base;
    for (unsigned c = 0; c < in->type.comps; c++) {
        uint32_t a[3] = { 0 };
        for (unsigned i = 0; i < in->num_srcs && i < 3; i++)
            a[i] = ip_src(ip, in->srcs[i], c);
        tmp[c] = ip_alu(ip, op, (ir_base)in->type.base, sb, a);
    }
    memcpy(r, tmp, 4 * in->type.comps);
}

static int ip_block(interp *ip, ir_block *b)
{
    /* Phis read their sources all at once, as of the edge taken. */
    uint32_t tmp[64][4];
    unsigned n = 0;
    IR_FOREACH_INSTR(b, in) {
        if (in->op != IR_OP_PHI)
            break;
        unsigned k = 0;
        while (k < in->num_srcs && in->phi_preds[k] != ip->prev)
            k++;
        if (k == in->num_srcs || n == 64)
            return INTERP_FAIL;
        for (unsigned c = 0; c < in->type.comps; c++)
            tmp[n][c] = ip_src(ip, in->srcs[k], c);
        n++;
    }
    n = 0;
    IR_FOREACH_INSTR(b, in) {
        if (in->op == IR_OP_PHI) {
            memcpy(ip->vals[in->index], tmp[n++], 16);
            continue;
        }
        if (++ip->steps > 100000)
            return INTERP_FAIL;
        if (in->op == IR_OP_BREAK || in->op == IR_OP_CONTINUE || in->op == IR_OP_RETURN) {
            ip->prev = b;
            return in->op == IR_OP_BREAK ? INTERP_BREAK : in->op == IR_OP_CONTINUE ? INTERP_CONTINUE : INTERP_RETURN;
        }
        ip_instr(ip, in);
    }
    ip->prev = b;
    return INTERP_NORMAL;
}

static int ip_list(interp *ip, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        int st = INTERP_NORMAL;
        switch (n->kind) {
        case IR_CF_BLOCK:
            st = ip_block(ip, (ir_block *)n);
            break;
        case IR_CF_IF: {
            ir_if *nif = (ir_if *)n;
            st = ip_list(ip, ip_src(ip, nif->cond, 0) ? &nif->then_list : &nif->else_list);
            break;
        }
        case IR_CF_LOOP:
            for (;;) {
                st = ip_list(ip, &((ir_loop *)n)->body);
                if (st == INTERP_BREAK) {
                    st = INTERP_NORMAL;
                    break;
                }
                if (st == INTERP_RETURN || st == INTERP_FAIL)
                    break;
            }
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            uint32_t sel = ip_src(ip, sw->selector, 0);
            int start = -1;
            for (uint32_t i = 0; i < sw->num_cases && start < 0; i++)
                for (uint32_t k = 0; k < sw->cases[i].num_values; k++)
                    if (sw->cases[i].values[k] == sel)
                        start = (int)i;
            for (uint32_t i = 0; i < sw->num_cases && start < 0; i++)
                if (sw->cases[i].is_default)
                    start = (int)i;
            for (uint32_t i = start < 0 ? sw->num_cases : (uint32_t)start; i < sw->num_cases; i++) {
                st = ip_list(ip, &sw->cases[i].body);
                if (st != INTERP_NORMAL)
                    break;
            }
            if (st == INTERP_BREAK)
                st = INTERP_NORMAL;
            break;
        }
        }
        if (st != INTERP_NORMAL)
            return st;
    }
    return INTERP_NORMAL;
}

/* Runs the shader; false when it uses something the interpreter does not model or loops. */
static bool ir_interp_run(ir_shader *s, uint64_t input_seed, uint32_t out[8][4], uint64_t *trace,
                          uint32_t (*vals)[4])
{
    interp ip = { .vals = vals, .input_seed = input_seed };
    int st = ip_list(&ip, &s->body);
    memcpy(out, ip.out, sizeof(ip.out));
    *trace = ip.trace;
    return st != INTERP_FAIL && !ip.unsupported;
}

#endif
