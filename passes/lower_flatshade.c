/* Flat shading: colours are not interpolated (glShadeModel(GL_FLAT) on the guest). */
#include "lower.h"

bool lower_flatshade(ir_shader *s, const struct t2g_key *key)
{
    if (!key->flatshade || s->stage == TGSI_PROCESSOR_COMPUTE)
        return false;
    bool progress = false;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        bool io = v->kind == IR_VAR_INPUT || v->kind == IR_VAR_OUTPUT;
        bool color = v->semantic == TGSI_SEMANTIC_COLOR || v->semantic == TGSI_SEMANTIC_BCOLOR;
        if (!io || !color || v->interp == TGSI_INTERPOLATE_CONSTANT)
            continue;
        /* A colour the fragment shader declares smooth or noperspective keeps it: flat
         * shading applies to the rasterizer's choice (TGSI_INTERPOLATE_COLOR) only. */
        if (s->stage == TGSI_PROCESSOR_FRAGMENT && v->interp != TGSI_INTERPOLATE_COLOR)
            continue;
        /* Vertex shader inputs have no interpolation; fragment outputs neither. */
        if ((s->stage == TGSI_PROCESSOR_VERTEX && v->kind == IR_VAR_INPUT) ||
            (s->stage == TGSI_PROCESSOR_FRAGMENT && v->kind == IR_VAR_OUTPUT))
            continue;
        v->interp = TGSI_INTERPOLATE_CONSTANT;
        progress = true;
    }
    return progress;
}
