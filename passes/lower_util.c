/* Helpers the key-driven lowerings share: finding or creating I/O and driver variables. */
#include "lower.h"

ir_var *lower_find_var(ir_shader *s, ir_var_kind kind, unsigned semantic, uint32_t index)
{
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (v->kind == kind && v->semantic == semantic && v->semantic_index == index)
            return v;
    }
    return NULL;
}

ir_var *lower_get_io_var(ir_shader *s, ir_var_kind kind, unsigned semantic, uint32_t index)
{
    ir_var *v = lower_find_var(s, kind, semantic, index);
    if (v)
        return v;
    v = ir_var_create(s, kind, ir_type_make(IR_F32, 4), 0);
    if (!v)
        return NULL;
    v->semantic = (uint8_t)semantic;
    v->semantic_index = index;
    v->usage_mask = 0xf;
    v->interp = T2G_INTERP_PERSPECTIVE;
    /* Not from TGSI: give it a register number no declaration uses so names stay unique. */
    v->tgsi_first = v->tgsi_last = 0xffff - v->id;
    return v;
}

_Static_assert(DRIVER_SLOTS * 16 == sizeof(struct t2g_driver_uniforms),
               "the sampler LOD slots follow the driver uniforms");

ir_var *lower_get_driver_var(ir_shader *s)
{
    for (uint32_t i = 0; i < s->num_vars; i++)
        if (s->vars[i]->kind == IR_VAR_DRIVER)
            return s->vars[i];
    ir_var *v = ir_var_create(s, IR_VAR_DRIVER, ir_type_make(IR_F32, 4), DRIVER_SLOTS);
    if (v)
        v->size = DRIVER_SLOTS;
    return v;
}

ir_instr *lower_load_driver(ir_builder *b, ir_shader *s, unsigned slot)
{
    ir_var *v = lower_get_driver_var(s);
    /* The block is declared as long as the last slot read (the sampler LOD slots follow
     * struct t2g_driver_uniforms). */
    if (v && slot >= v->array_len)
        v->array_len = v->size = slot + 1;
    return ir_build_load_var(b, v, (int32_t)slot, ir_src_none(), 0, ir_src_none());
}

ir_instr *lower_load_driver_sampler_lod(ir_builder *b, ir_shader *s, uint32_t sampler)
{
    return lower_load_driver(b, s, DRIVER_SLOTS + sampler * T2G_STAGE_COUNT + s->stage);
}

void lower_builder_at_exit(ir_builder *b, ir_shader *s)
{
    ir_builder_init(b, s);
    ir_block *last = ir_cf_last_block(&s->body);
    ir_instr *jump = ir_block_jump(last);
    if (jump)
        ir_builder_before(b, jump);
    else
        ir_builder_at_end(b, last);
}

unsigned lower_at_vertex_end(ir_shader *s, lower_vertex_end_fn emit, void *ctx)
{
    ir_builder b;
    if (s->stage != T2G_STAGE_GEOMETRY) {
        lower_builder_at_exit(&b, s);
        emit(&b, NULL, ctx);
        return 1;
    }
    ir_instr **emits;
    unsigned n = lower_collect_instrs(s, IR_OP_EMIT, &emits);
    for (unsigned i = 0; i < n; i++) {
        ir_builder_init(&b, s);
        ir_builder_before(&b, emits[i]);
        emit(&b, emits[i], ctx);
    }
    return n;
}

ir_instr *lower_build_discard_if(ir_builder *b, ir_src cond)
{
    ir_if *nif = ir_build_if(b, cond);
    ir_instr *d = ir_build(b, ir_instr_create(b->shader, IR_OP_DISCARD, IR_TYPE_VOID, 0));
    ir_builder_after_cf(b, &nif->cf);
    return d;
}

void lower_builder_at_entry(ir_builder *b, ir_shader *s)
{
    ir_builder_init(b, s);
    ir_block *first = ir_cf_first_block(&s->body);
    ir_instr *in = ir_block_first_non_phi(first);
    if (in)
        ir_builder_before(b, in);
    else
        ir_builder_at_end(b, first);
}

typedef struct collect_ctx {
    ir_shader *s;
    enum ir_op op;
    ir_instr **v;
    unsigned n, cap;
} collect_ctx;

static void collect_block(ir_block *blk, void *data)
{
    collect_ctx *c = data;
    IR_FOREACH_INSTR(blk, in) {
        if (in->op != c->op)
            continue;
        if (c->n == c->cap) {
            unsigned cap = c->cap ? c->cap * 2 : 16;
            ir_instr **v = arena_realloc(c->s->arena, c->v, c->cap * sizeof(*v), cap * sizeof(*v));
            if (!v)
                return;
            c->v = v;
            c->cap = cap;
        }
        c->v[c->n++] = in;
    }
}

unsigned lower_collect_instrs(ir_shader *s, enum ir_op op, ir_instr ***out)
{
    collect_ctx c = { s, op, NULL, 0, 0 };
    ir_foreach_block(&s->body, collect_block, &c);
    *out = c.v;
    return c.n;
}

void lower_builder_after(ir_builder *b, ir_shader *s, ir_instr *in)
{
    ir_builder_init(b, s);
    if (in->next)
        ir_builder_before(b, in->next);
    else
        ir_builder_at_end(b, in->block);
}

void lower_replace_uses_after_rewrite(ir_shader *s, ir_instr *old, ir_src with)
{
    ir_replace_uses(s, old, with);
    for (ir_instr *in = old->next; in; in = in->next) {
        for (unsigned k = 0; k < in->num_srcs; k++)
            if (in->srcs[k].def == with.def && in != with.def)
                in->srcs[k].def = old;
        if (in == with.def) {
            for (unsigned k = 0; k < in->num_srcs; k++)
                if (in->srcs[k].def == with.def)
                    in->srcs[k].def = old;
            break;
        }
    }
}

bool lower_sampler_slot(const ir_instr *tex, uint32_t *slot)
{
    const ir_var *v = tex->u.tex.sampler;
    if (!v)
        return false;
    uint32_t n = v->tgsi_first;
    if (tex->u.tex.sampler_index >= 0) {
        ir_src idx = tex->srcs[tex->u.tex.sampler_index];
        if (!ir_src_is_const(idx))
            return false;
        n += (uint32_t)ir_src_const_bits(idx, 0);
    }
    if (n >= T2G_MAX_SAMPLERS)
        return false;
    *slot = n;
    return true;
}

/* The lookups that return a texel (float or integer): comparisons, gathers and queries
 * are left. */
bool lower_is_colour_lookup(const ir_instr *tex)
{
    const ir_tex *t = &tex->u.tex;
    if (t->shadow || tex->type.comps != 4)
        return false;
    switch (t->kind) {
    case IR_TEX_SAMPLE: case IR_TEX_SAMPLE_BIAS: case IR_TEX_SAMPLE_LOD:
    case IR_TEX_SAMPLE_GRAD: case IR_TEX_FETCH:
        return true;
    default:
        return false;
    }
}

bool lower_masked_lookup(const ir_instr *tex, uint32_t mask, uint32_t *slot)
{
    return lower_is_colour_lookup(tex) && lower_sampler_slot(tex, slot) && *slot < 32 &&
           (mask & (1u << *slot));
}

unsigned lower_tex_spatial_dims(unsigned texture)
{
    switch (texture) {
    case T2G_TEXTURE_1D: case T2G_TEXTURE_SHADOW1D: case T2G_TEXTURE_1D_ARRAY:
    case T2G_TEXTURE_SHADOW1D_ARRAY:
        return 1;
    case T2G_TEXTURE_2D: case T2G_TEXTURE_SHADOW2D: case T2G_TEXTURE_2D_ARRAY:
    case T2G_TEXTURE_SHADOW2D_ARRAY: case T2G_TEXTURE_RECT: case T2G_TEXTURE_SHADOWRECT:
        return 2;
    case T2G_TEXTURE_3D:
        return 3;
    default:
        return 0;
    }
}

ir_instr *lower_build_base_size(ir_builder *b, ir_shader *s, const ir_instr *tex, unsigned dims)
{
    const ir_tex *t = &tex->u.tex;
    /* textureSize as wide as the target's size (the layer count of arrays too). */
    unsigned size_comps = dims + (t->texture == T2G_TEXTURE_1D_ARRAY ||
                                  t->texture == T2G_TEXTURE_SHADOW1D_ARRAY ||
                                  t->texture == T2G_TEXTURE_2D_ARRAY ||
                                  t->texture == T2G_TEXTURE_SHADOW2D_ARRAY);
    unsigned nsrc = t->sampler_index >= 0 ? 2 : 1;
    ir_instr *q = ir_instr_create(s, IR_OP_TEX, ir_type_make(IR_I32, size_comps), nsrc);
    q->u.tex = *t;
    q->u.tex.kind = IR_TEX_QUERY_SIZE;
    q->u.tex.coord = q->u.tex.ref = q->u.tex.bias = q->u.tex.ddx = q->u.tex.ddy = -1;
    q->u.tex.offset = q->u.tex.sample = q->u.tex.component = q->u.tex.sampler_index = -1;
    q->u.tex.coord_comps = 0;
    q->u.tex.projective = false;
    q->u.tex.has_const_offset = false;
    q->srcs[0] = ir_src_for(ir_build_const_i32(b, 0));
    q->u.tex.lod = 0;
    if (t->sampler_index >= 0) {
        q->srcs[1] = tex->srcs[t->sampler_index];
        q->u.tex.sampler_index = 1;
    }
    ir_build(b, q);
    return ir_build_alu1(b, IR_OP_CONVERT, ir_type_make(IR_F32, dims), ir_src_for(q));
}
