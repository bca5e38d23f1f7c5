/* The operation table: one row per line of ir_ops.def. */
#include "ir.h"

/* SOURCES: the rules of sources 0..3, the last given repeating. */
#define SRCS4(a, b, c, d) \
    (IR_SRC_##a | IR_SRC_##b << 4 | IR_SRC_##c << 8 | IR_SRC_##d << 12)
#define S1(a) SRCS4(a, a, a, a)
#define S2(a, b) SRCS4(a, b, b, b)
#define S3(a, b, c) SRCS4(a, b, c, c)

const ir_op_info ir_op_infos[IR_OP_COUNT] = {
#define OP(name, nsrc, flags, result, srcs, comps, fold) \
    [IR_OP_##name] = { #name, nsrc, flags, IR_BASES_##result, IR_COMPS_##comps, IR_FOLD_##fold, \
                       srcs },
#include "ir_ops.def"
#undef OP
};

/* The soft-fp64 functions of IR_OP_CALL_FP64. */
const ir_fp64_fn_info ir_fp64_fns[IR_FP64_COUNT] = {
#define X(name, sig) [IR_FP64_##name] = { #name, sig },
    IR_FP64_FNS(X)
#undef X
};
