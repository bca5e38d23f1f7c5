/* Transform feedback: GL captures whole output variables, the guest captures any components
 * of any output register.  Each captured output gets its own output variable holding exactly
 * those components (t2g_so<i>), copied from the register where the vertex is final: before
 * each EmitVertex of its stream in a geometry shader, at the exit of a vertex or tessellation
 * evaluation shader.  The backend names them and lists them for glTransformFeedbackVaryings. */
#include "lower.h"

/* The output variable holding OUT[reg] and the element within it, or NULL. */
static ir_var *find_register(ir_shader *s, unsigned reg, uint32_t *elem)
{
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (v->kind == IR_VAR_OUTPUT && !v->so_capture && reg >= v->tgsi_first &&
            reg <= v->tgsi_last) {
            *elem = reg - v->tgsi_first;
            return v;
        }
    }
    return NULL;
}

static void copy_capture(ir_builder *b, ir_shader *s, ir_var *dst,
                         const struct t2g_stream_output *so)
{
    unsigned n = so->num_components;
    uint32_t elem = 0;
    ir_var *src = find_register(s, so->register_index, &elem);
    ir_src value;
    if (!src) {
        /* A register the shader never declares captures zeros, as it would on hardware
         * where an unwritten output is undefined. */
        value = ir_src_for(ir_build_const_f32(b, 0.0f));
        value.swizzle[1] = value.swizzle[2] = value.swizzle[3] = 0;
    } else {
        ir_instr *load = ir_build_load_var(b, src, (int32_t)elem, ir_src_none(), 0,
                                           ir_src_none());
        unsigned have = src->type.comps ? src->type.comps : 1;
        value = ir_src_for(load);
        for (unsigned c = 0; c < 4; c++) {
            unsigned from = so->start_component + (c < n ? c : 0);
            value.swizzle[c] = (uint8_t)(from < have ? from : have - 1);
        }
        /* Integer outputs travel as their bits: the buffer holds what the guest wrote. */
        if (src->type.base != IR_F32)
            value = ir_src_for(ir_build_bitcast(b, IR_F32, value, n));
    }
    ir_build_store_var(b, dst, 0, ir_src_none(), 0, ir_src_none(), value,
                       (uint8_t)((1u << n) - 1));
}

static bool valid_output(ir_shader *s, const struct t2g_stream_output *so, unsigned i)
{
    if (so->num_components >= 1 && so->num_components <= 4 && so->start_component < 4 &&
        so->start_component + so->num_components <= 4 && so->output_buffer < T2G_MAX_SO_BUFFERS &&
        so->stream < 4)
        return true;
    diag_error(s->diags, 0, 0,
               "stream output %u: components %u+%u of OUT[%u] to buffer %u stream %u "
               "is not a valid capture", i, so->start_component, so->num_components,
               so->register_index, so->output_buffer, so->stream);
    return false;
}

typedef struct captures {
    ir_shader *s;
    const struct t2g_key *key;
    ir_var **dst;
} captures;

/* Before a geometry shader's EmitVertex, the captures of that vertex stream. */
static void copy_captures(ir_builder *b, const ir_instr *at_emit, void *ctx)
{
    const captures *c = ctx;
    for (unsigned i = 0; i < c->key->num_so_outputs; i++)
        if (!at_emit || c->key->so_outputs[i].stream == at_emit->u.flags)
            copy_capture(b, c->s, c->dst[i], &c->key->so_outputs[i]);
}

bool lower_stream_output(ir_shader *s, const struct t2g_key *key)
{
    unsigned n = key->num_so_outputs;
    if (!n || !lower_emits_vertices(s))
        return false;
    if (n > T2G_MAX_SO_OUTPUTS) {
        diag_error(s->diags, 0, 0, "%u stream outputs (at most %d)", n, T2G_MAX_SO_OUTPUTS);
        return false;
    }
    ir_var *dst[T2G_MAX_SO_OUTPUTS];
    for (unsigned i = 0; i < n; i++) {
        const struct t2g_stream_output *so = &key->so_outputs[i];
        if (!valid_output(s, so, i))
            return false;
        dst[i] = ir_var_create(s, IR_VAR_OUTPUT, ir_type_make(IR_F32, so->num_components), 0);
        if (!dst[i])
            return false;
        dst[i]->so_capture = (uint8_t)(i + 1);
        dst[i]->semantic = T2G_SEMANTIC_GENERIC;
        dst[i]->usage_mask = (uint8_t)((1u << so->num_components) - 1);
        dst[i]->stream = so->stream;
        dst[i]->tgsi_first = dst[i]->tgsi_last = 0xffff - dst[i]->id;
    }
    captures c = { s, key, dst };
    lower_at_vertex_end(s, copy_captures, &c);
    return true;
}
