/* Texture targets a dialect lacks (GLSL ES: 1D, 1D array, rectangle), emulated on 2D ones.
 *
 * Convention shared with the executor (reflection: t2g_resource.host_texture says which
 * target the host must create and bind):
 *   1D        -> 2D of height 1, sampled at y = 0.5, fetched at y = 0; 1D arrays -> 2D
 *                arrays the same way (layer last); textureSize(...).x / .xz
 *   RECT      -> 2D with one level: sampling divides the unnormalized coordinate (and
 *                gradients) by textureSize(s, 0); texelFetch and textureSize use level 0
 * Images of those targets become image2D / image2DArray with y = 0. */
#include "glsl_priv.h"

int tex_remap(const glsl_ctx *c, int texture)
{
    switch (texture) {
    case T2G_TEXTURE_1D: case T2G_TEXTURE_SHADOW1D: case T2G_TEXTURE_1D_ARRAY:
    case T2G_TEXTURE_SHADOW1D_ARRAY:
        return glsl_could(c, GF_TEXTURE_1D) ? REMAP_NONE : REMAP_1D;
    case T2G_TEXTURE_RECT: case T2G_TEXTURE_SHADOWRECT:
        return glsl_could(c, GF_TEXTURE_RECT) ? REMAP_NONE : REMAP_RECT;
    default:
        return REMAP_NONE;
    }
}

int tex_host_target(const glsl_ctx *c, int texture)
{
    static const uint8_t to_2d[T2G_TEXTURE_COUNT] = {
        [T2G_TEXTURE_1D] = T2G_TEXTURE_2D, [T2G_TEXTURE_SHADOW1D] = T2G_TEXTURE_SHADOW2D,
        [T2G_TEXTURE_1D_ARRAY] = T2G_TEXTURE_2D_ARRAY,
        [T2G_TEXTURE_SHADOW1D_ARRAY] = T2G_TEXTURE_SHADOW2D_ARRAY,
        [T2G_TEXTURE_RECT] = T2G_TEXTURE_2D, [T2G_TEXTURE_SHADOWRECT] = T2G_TEXTURE_SHADOW2D,
    };
    if (texture < 0 || texture >= T2G_TEXTURE_COUNT || tex_remap(c, texture) == REMAP_NONE)
        return texture;
    return to_2d[texture];
}

static void out_size_of(glsl_ctx *c, const ir_instr *in)
{
    out_s(c, " / vec2(textureSize(");
    emit_sampler_ref(c, in);
    out_s(c, ", 0))");
}

/* The spatial part of a sampling coordinate: `x, 0.5` (1D) or `xy / vec2(size)` (RECT),
 * projected by hand (TXP) since the host call is never textureProj. */
static void emit_spatial(glsl_ctx *c, const ir_instr *in, bool rect, bool proj)
{
    ir_src coord = tex_src(in, in->u.tex.coord);
    emit_src_range_prec(c, coord, 0, rect ? 2 : 1, IR_F32, rect || proj ? P_MUL : P_NONE);
    if (proj) {
        out_s(c, " / ");
        emit_src_comp(c, coord, 3, IR_F32, P_MUL + 1);
    }
    if (rect)
        out_size_of(c, in);
    else
        out_s(c, ", 0.5");
}

/* GLSL has neither textureOffset nor a bias argument on sampler2DArrayShadow: a 1D shadow
 * array's offset or biased lookup becomes textureGrad(Offset) with the derivatives implicit
 * LOD would use (scaled by 2^bias; zero outside the fragment shader, where implicit LOD is
 * level 0).  (piglit glsl-fs-shadow1DArray-bias on a GLES host.) */
bool remap_grad_offset(const glsl_ctx *c, const ir_instr *in)
{
    const ir_tex *t = &in->u.tex;
    const tex_target_info *ti = tex_target(t->texture);
    if (tex_remap(c, t->texture) != REMAP_1D || !ti->array || !(ti->shadow || t->shadow))
        return false;
    bool offset = t->has_const_offset || tex_src(in, t->offset).def;
    return t->kind == IR_TEX_SAMPLE_BIAS || (offset && t->kind == IR_TEX_SAMPLE);
}

static void emit_implicit_grad(glsl_ctx *c, const ir_instr *in, bool dy)
{
    const ir_tex *t = &in->u.tex;
    out_s(c, ", vec2(");
    if (c->stage != T2G_STAGE_FRAGMENT) {
        out_s(c, "0.0)");
        return;
    }
    out_s(c, dy ? "dFdy(" : "dFdx(");
    emit_src_comp(c, tex_src(in, t->coord), 0, IR_F32, P_NONE);
    out_c(c, ')');
    if (t->kind == IR_TEX_SAMPLE_BIAS) {
        out_s(c, " * exp2(");
        emit_src_comp(c, tex_src(in, t->bias), 0, IR_F32, P_NONE);
        out_c(c, ')');
    }
    out_s(c, ", 0.0)");
}

static void emit_sample(glsl_ctx *c, ir_instr *in, const tex_target_info *ti, bool rect)
{
    const ir_tex *t = &in->u.tex;
    bool shadow = ti->shadow || t->shadow;
    ir_base sb = t->sampler ? (ir_base)t->sampler->type.base : IR_F32;
    bool lod_fn = t->kind == IR_TEX_SAMPLE_LOD, grad = t->kind == IR_TEX_SAMPLE_GRAD;
    bool has_offset = t->has_const_offset || tex_src(in, t->offset).def;
    bool implicit_grad = remap_grad_offset(c, in);
    if (shadow && lod_fn && ti->array)
        glsl_need(c, GF_TEXTURE_SHADOW_LOD, "explicit-LOD shadow lookups on cube/array textures");
    if (t->kind == IR_TEX_SAMPLE_BIAS && c->stage != T2G_STAGE_FRAGMENT)
        glsl_refuse(c, "a LOD bias outside the fragment shader");
    adapt a;
    adapt_open(c, &a, in, shadow ? IR_F32 : sb, shadow ? 1 : 4, shadow);
    if (glsl_es100(c)) {
        if (rect || ti->array)
            glsl_refuse(c, "rectangle and 1D array textures (ES 2.0 has no texture size query "
                           "or arrays)");
        out_es100_tex_fn(c, T2G_TEXTURE_2D, shadow, false, t->kind, has_offset);
    } else {
        out_s(c, lod_fn ? "textureLod" : grad || implicit_grad ? "textureGrad" : "texture");
        if (has_offset)
            out_s(c, "Offset");
    }
    out_c(c, '(');
    emit_sampler_ref(c, in);
    out_s(c, ", ");
    unsigned n = 2 + (ti->array ? 1 : 0) + (shadow ? 1 : 0);
    if (n > 2 || !rect) {
        out_type(c, IR_F32, n);
        out_c(c, '(');
    }
    emit_spatial(c, in, rect, t->projective);
    if (ti->array) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->coord), ti->coords - 1, IR_F32, P_NONE);
    }
    if (shadow) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->ref), 0, IR_F32, t->projective ? P_MUL : P_NONE);
        if (t->projective) {
            out_s(c, " / ");
            emit_src_comp(c, tex_src(in, t->coord), 3, IR_F32, P_MUL + 1);
        }
    }
    if (n > 2 || !rect)
        out_c(c, ')');
    if (lod_fn) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->lod), 0, IR_F32, P_NONE);
    }
    for (int d = 0; grad && d < 2; d++) {
        ir_src g = tex_src(in, d ? t->ddy : t->ddx);
        out_s(c, ", ");
        if (rect) {
            emit_src_range_prec(c, g, 0, 2, IR_F32, P_MUL);
            out_size_of(c, in);
        } else {
            out_s(c, "vec2(");
            emit_src_comp(c, g, 0, IR_F32, P_NONE);
            out_s(c, ", 0.0)");
        }
    }
    if (implicit_grad) {
        emit_implicit_grad(c, in, false);
        emit_implicit_grad(c, in, true);
    }
    if (has_offset)
        emit_offset_arg(c, in, rect ? 2 : 1, false, !rect);
    if (t->kind == IR_TEX_SAMPLE_BIAS && !implicit_grad) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->bias), 0, IR_F32, P_NONE);
    }
    out_c(c, ')');
    adapt_close(c, &a);
}

/* `ivec2(x, 0)` / `ivec3(x, 0, layer)` for 1D, the coordinate itself for RECT. */
static void emit_int_coord(glsl_ctx *c, ir_src coord, const tex_target_info *ti, bool rect)
{
    if (rect) {
        emit_src_range_prec(c, coord, 0, 2, IR_I32, P_NONE);
        return;
    }
    out_type(c, IR_I32, ti->array ? 3 : 2);
    out_c(c, '(');
    emit_src_comp(c, coord, 0, IR_I32, P_NONE);
    out_s(c, ", 0");
    if (ti->array) {
        out_s(c, ", ");
        emit_src_comp(c, coord, 1, IR_I32, P_NONE);
    }
    out_c(c, ')');
}

static void emit_lod_arg(glsl_ctx *c, const ir_instr *in, bool rect)
{
    ir_src lod = tex_src(in, in->u.tex.lod);
    out_s(c, ", ");
    if (lod.def && !rect)
        emit_src_comp(c, lod, 0, IR_I32, P_NONE);
    else
        out_c(c, '0'); /* rectangle textures have one level */
}

void emit_remapped_tex(glsl_ctx *c, ir_instr *in)
{
    const ir_tex *t = &in->u.tex;
    const tex_target_info *ti = tex_target(t->texture);
    bool rect = tex_remap(c, t->texture) == REMAP_RECT;
    ir_base sb = t->sampler ? (ir_base)t->sampler->type.base : IR_F32;
    adapt a;
    switch (t->kind) {
    case IR_TEX_QUERY_SIZE:
        adapt_open(c, &a, in, IR_I32, ti->size_comps, false);
        out_s(c, "textureSize(");
        emit_sampler_ref(c, in);
        emit_lod_arg(c, in, rect);
        out_c(c, ')');
        if (!rect)
            out_s(c, ti->array ? ".xz" : ".x");
        adapt_close(c, &a);
        return;
    case IR_TEX_FETCH: {
        bool has_offset = t->has_const_offset || tex_src(in, t->offset).def;
        adapt_open(c, &a, in, sb, 4, false);
        out_s(c, has_offset ? "texelFetchOffset(" : "texelFetch(");
        emit_sampler_ref(c, in);
        out_s(c, ", ");
        emit_int_coord(c, tex_src(in, t->coord), ti, rect);
        emit_lod_arg(c, in, rect);
        if (has_offset)
            emit_offset_arg(c, in, rect ? 2 : 1, false, !rect);
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    case IR_TEX_GATHER: case IR_TEX_QUERY_LOD:
        /* GL has no gather on 1D textures, and neither exists where RECT is emulated
         * without GLSL ES 3.10's gather: refuse like the native path would. */
        if (t->kind == IR_TEX_QUERY_LOD) {
            glsl_need(c, GF_TEXTURE_QUERY_LOD, "textureQueryLod()");
        } else if (!rect) {
            glsl_refuse(c, "textureGather() on a 1D texture");
        } else {
            ir_src comp = tex_src(in, t->component);
            bool shadow = ti->shadow || t->shadow;
            glsl_need(c, GF_TEXTURE_GATHER, "textureGather()");
            if (comp.def && comp.def->op != IR_OP_CONST)
                glsl_refuse(c, "textureGather() with a non-constant component");
            uint32_t cval = comp.def ? const_u32(comp, 0) : 0;
            bool has_offset = t->has_const_offset || tex_src(in, t->offset).def;
            if (cval || shadow || has_offset)
                glsl_need(c, GF_GATHER_EXT, "textureGather() with a component, reference or offset");
            adapt_open(c, &a, in, shadow ? IR_F32 : sb, 4, false);
            out_s(c, has_offset ? "textureGatherOffset(" : "textureGather(");
            emit_sampler_ref(c, in);
            out_s(c, ", ");
            emit_src_range_prec(c, tex_src(in, t->coord), 0, 2, IR_F32, P_MUL);
            out_size_of(c, in);
            if (shadow) {
                out_s(c, ", ");
                emit_src_comp(c, tex_src(in, t->ref), 0, IR_F32, P_NONE);
            }
            if (has_offset)
                emit_offset_arg(c, in, 2, true, false);
            if (!shadow && cval) {
                out_s(c, ", ");
                out_u(c, cval & 3);
            }
            out_c(c, ')');
            adapt_close(c, &a);
        }
        return;
    case IR_TEX_QUERY_LEVELS:
        glsl_need(c, GF_TEXTURE_QUERY_LEVELS, "textureQueryLevels()");
        return;
    case IR_TEX_QUERY_SAMPLES:
        glsl_need(c, GF_TEXTURE_SAMPLES, "textureSamples()");
        return;
    default:
        emit_sample(c, in, ti, rect);
        return;
    }
}

void emit_remapped_image_coord(glsl_ctx *c, const ir_instr *in, const tex_target_info *ti)
{
    emit_int_coord(c, in->srcs[0], ti, false);
}
