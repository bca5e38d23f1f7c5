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

#define NUM_PASSES (sizeof(optimizations) / sizeof(optimizations[0]))

void passes_optimize(ir_shader *s, bool validate_each)
{
    /* A fixed point: every pass has run once without progress since the last change. */
    unsigned since_change = 0;
    for (unsigned step = 0; step < MAX_ROUNDS * NUM_PASSES && since_change < NUM_PASSES; step++) {
        const pass *p = &optimizations[step % NUM_PASSES];
        if (p->run(s)) {
            since_change = 0;
            if (validate_each && !ir_validate(s, p->name))
                return;
        } else {
            since_change++;
        }
    }
}
