/* Flat shading: colours are not interpolated (glShadeModel(GL_FLAT) on the guest). */
#include "lower.h"

bool lower_flatshade(ir_shader *s, const struct t2g_key *key)
{
    if (!key->flatshade || s->stage == T2G_STAGE_COMPUTE)
        return false;
    bool progress = false;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        bool io = v->kind == IR_VAR_INPUT || v->kind == IR_VAR_OUTPUT;
        bool color = v->semantic == T2G_SEMANTIC_COLOR || v->semantic == T2G_SEMANTIC_BCOLOR;
        if (!io || !color || v->interp == T2G_INTERP_CONSTANT)
            continue;
        /* A colour the fragment shader declares smooth or noperspective keeps it: flat
         * shading applies to the rasterizer's choice (T2G_INTERP_COLOR) only. */
        if (s->stage == T2G_STAGE_FRAGMENT && v->interp != T2G_INTERP_COLOR)
            continue;
        /* Vertex shader inputs have no interpolation; fragment outputs neither. */
        if ((s->stage == T2G_STAGE_VERTEX && v->kind == IR_VAR_INPUT) ||
            (s->stage == T2G_STAGE_FRAGMENT && v->kind == IR_VAR_OUTPUT))
            continue;
        v->interp = T2G_INTERP_CONSTANT;
        progress = true;
    }
    return progress;
}
