/* The optimization driver: runs the passes until none makes progress. */
#include "passes.h"

typedef struct pass {
    const char *name;
    bool (*run)(ir_shader *s);
} pass;

static const pass optimizations[] = {
    { "opt_constant_folding", opt_constant_folding },
    { "opt_type_inference", opt_type_inference },
    { "opt_copy_propagation", opt_copy_propagation },
    { "opt_peephole_select", opt_peephole_select },
    { "opt_cse", opt_cse },
    { "opt_dce", opt_dce },
};

/* Each round shrinks or simplifies the shader; the cap only stops a pair of passes that
 * would undo each other from looping forever. */
#define MAX_ROUNDS 16

void passes_optimize(ir_shader *s, bool validate_each)
{
    bool progress;
    unsigned round = 0;
    do {
        progress = false;
        for (unsigned i = 0; i < sizeof(optimizations) / sizeof(optimizations[0]); i++) {
            bool p = optimizations[i].run(s);
            if (p && validate_each && !ir_validate(s, optimizations[i].name))
                return;
            progress |= p;
        }
    } while (progress && ++round < MAX_ROUNDS);
}
