/* The operation table: one row per line of ir_ops.def. */
#include "ir.h"

const ir_op_info ir_op_infos[IR_OP_COUNT] = {
#define OP(name, nsrc, flags, glsl) [IR_OP_##name] = { #name, nsrc, flags, glsl },
#include "ir_ops.def"
#undef OP
};
