/* The optimization and lowering passes: each is one file exporting one entry point that
 * returns whether it changed the shader. */
#ifndef PASSES_H
#define PASSES_H

#include <stdbool.h>

#include "../ir/ir.h"

struct t2g_key;

/* Optimizations.  A pass keeps per-value state of its own in ir_instr.pass_data or in
 * ir_scratch tables; num_uses is read only after ir_count_uses() (see ir_shader.uses_valid). */
bool opt_dce(ir_shader *s);
bool opt_constant_folding(ir_shader *s);
bool opt_copy_propagation(ir_shader *s);
bool opt_type_inference(ir_shader *s);
bool opt_cse(ir_shader *s);
bool opt_peephole_select(ir_shader *s);

/* Lowerings the target's dialect asks for, after the optimizations. */
/* Doubles as uvec2 words and soft-fp64 calls, for targets without double precision;
 * refuses (an error in the shader's diagnostics) what it cannot lower. */
bool lower_fp64_to_uvec2(ir_shader *s);

/* Runs the optimizations to a fixed point (bounded); with validate_each, ir_validate after
 * every pass that made progress (errors land in the shader's diagnostics). */
void passes_optimize(ir_shader *s, bool validate_each);

/* What the output's validity needs when the optimizations are off: constant folding, which
 * also settles constant indices (the host's GLSL compiler folds index expressions and rejects
 * constant indices outside their array). */
void passes_legalize(ir_shader *s, bool validate_each);

#endif
