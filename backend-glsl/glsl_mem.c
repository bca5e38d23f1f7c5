/* Textures, images, storage buffers, shared memory and atomic counters: GLSL's function for
 * each IR texture/memory operation, coordinate packing (shadow reference, projection) and
 * result conversion to the instruction's type. */
#include "glsl_priv.h"

#define NF GF_COUNT
static const tex_target_info targets[T2G_TEXTURE_COUNT] = {
    [T2G_TEXTURE_BUFFER] = { "Buffer", 1, 1, false, false, false, false, -1, GF_TEXTURE_BUFFER },
    [T2G_TEXTURE_1D] = { "1D", 1, 1, false, false, false, false, T2G_TEXTURE_SHADOW1D, GF_TEXTURE_1D },
    [T2G_TEXTURE_2D] = { "2D", 2, 2, false, false, false, false, T2G_TEXTURE_SHADOW2D, NF },
    [T2G_TEXTURE_3D] = { "3D", 3, 3, false, false, false, false, -1, NF },
    [T2G_TEXTURE_CUBE] = { "Cube", 3, 2, false, false, false, true, T2G_TEXTURE_SHADOWCUBE, NF },
    [T2G_TEXTURE_RECT] = { "2DRect", 2, 2, false, false, false, false, T2G_TEXTURE_SHADOWRECT, GF_TEXTURE_RECT },
    [T2G_TEXTURE_SHADOW1D] = { "1D", 1, 1, false, true, false, false, -1, GF_TEXTURE_1D },
    [T2G_TEXTURE_SHADOW2D] = { "2D", 2, 2, false, true, false, false, -1, NF },
    [T2G_TEXTURE_SHADOWRECT] = { "2DRect", 2, 2, false, true, false, false, -1, GF_TEXTURE_RECT },
    [T2G_TEXTURE_1D_ARRAY] = { "1DArray", 2, 2, true, false, false, false, T2G_TEXTURE_SHADOW1D_ARRAY, GF_TEXTURE_1D },
    [T2G_TEXTURE_2D_ARRAY] = { "2DArray", 3, 3, true, false, false, false, T2G_TEXTURE_SHADOW2D_ARRAY, NF },
    [T2G_TEXTURE_SHADOW1D_ARRAY] = { "1DArray", 2, 2, true, true, false, false, -1, GF_TEXTURE_1D },
    [T2G_TEXTURE_SHADOW2D_ARRAY] = { "2DArray", 3, 3, true, true, false, false, -1, NF },
    [T2G_TEXTURE_SHADOWCUBE] = { "Cube", 3, 2, false, true, false, true, -1, NF },
    [T2G_TEXTURE_2D_MSAA] = { "2DMS", 2, 2, false, false, true, false, -1, GF_MSAA_TEXTURE },
    [T2G_TEXTURE_2D_ARRAY_MSAA] = { "2DMSArray", 3, 3, true, false, true, false, -1, GF_MSAA_ARRAY_TEXTURE },
    [T2G_TEXTURE_CUBE_ARRAY] = { "CubeArray", 4, 3, true, false, false, true, T2G_TEXTURE_SHADOWCUBE_ARRAY, GF_CUBE_ARRAY },
    [T2G_TEXTURE_SHADOWCUBE_ARRAY] = { "CubeArray", 4, 3, true, true, false, true, -1, GF_SHADOW_CUBE_ARRAY },
    [T2G_TEXTURE_UNKNOWN] = { "2D", 2, 2, false, false, false, false, T2G_TEXTURE_SHADOW2D, NF },
};

const tex_target_info *tex_target(int texture)
{
    if (texture < 0 || texture >= T2G_TEXTURE_COUNT)
        texture = T2G_TEXTURE_2D;
    return &targets[texture];
}

/* ---------------------------------------------------------------- result conversion */

void adapt_open(glsl_ctx *c, adapt *a, const ir_instr *in, ir_base nb, unsigned nc, bool splat)
{
    a->nb = nb;
    a->nc = nc;
    a->wb = (ir_base)in->type.base;
    a->wn = in->type.comps ? in->type.comps : 1;
    a->splat = splat;
    a->fn = bitcast_fn(c, nb, a->wb, a->nc < a->wn ? a->nc : a->wn);
    if (a->fn[0] && (nb == IR_F32 || a->wb == IR_F32) && nb != IR_BOOL)
        glsl_need(c, GF_BIT_ENCODING, "bit casts");
    if (a->nc < a->wn) {
        out_type(c, a->wb, a->wn);
        out_c(c, '(');
    }
    if (a->fn[0]) {
        out_s(c, a->fn);
        out_c(c, '(');
    }
}

void adapt_close(glsl_ctx *c, adapt *a)
{
    if (a->nc > a->wn) {
        out_c(c, '.');
        strbuf_appendn(c->o, "xyzw", a->wn);
    }
    if (a->fn[0])
        out_c(c, ')');
    if (a->nc < a->wn) {
        if (!a->splat)
            for (unsigned i = a->nc; i < a->wn; i++) {
                out_s(c, ", ");
                emit_const_scalar(c, a->wb, 0);
            }
        out_c(c, ')');
    }
}

/* ---------------------------------------------------------------- textures */

ir_src tex_src(const ir_instr *in, int8_t pos)
{
    if (pos < 0 || pos >= in->num_srcs)
        return ir_src_none();
    return in->srcs[pos];
}

void emit_src_range_prec(glsl_ctx *c, ir_src s, unsigned first, unsigned n, ir_base b, int prec)
{
    ir_src r = s;
    for (unsigned i = 0; i < n; i++)
        r.swizzle[i] = s.swizzle[(first + i) & 3];
    emit_src_as(c, r, n, b, prec);
}

static void emit_src_range(glsl_ctx *c, ir_src s, unsigned first, unsigned n, ir_base b)
{
    emit_src_range_prec(c, s, first, n, b, P_NONE);
}

/* The texel offset as an ivecN (int) expression. */
static void emit_offset_value(glsl_ctx *c, const ir_instr *in, unsigned dims, bool allow_dynamic,
                              bool pad_1d)
{
    const ir_tex *t = &in->u.tex;
    ir_src s = tex_src(in, t->offset);
    if (pad_1d)
        out_s(c, "ivec2(");
    if (t->has_const_offset || (s.def && s.def->op == IR_OP_CONST)) {
        if (dims > 1) {
            out_type(c, IR_I32, dims);
            out_c(c, '(');
        }
        int32_t lo = c->key->min_texel_offset, hi = c->key->max_texel_offset;
        if (!lo && !hi) {
            lo = -8;
            hi = 7;
        }
        for (unsigned i = 0; i < dims; i++) {
            if (i)
                out_s(c, ", ");
            int32_t o = t->has_const_offset ? t->const_offset[i] : (int32_t)const_u32(s, i);
            /* Gathers have their own (host-wider) range, which glslang does not check. */
            if (!allow_dynamic && (o < lo || o > hi))
                glsl_refuse(c, "texel offset %d is outside the host's range %d..%d", (int)o,
                            (int)lo, (int)hi);
            out_i(c, o);
        }
        if (dims > 1)
            out_c(c, ')');
    } else {
        if (!allow_dynamic || !glsl_has(c, GF_NONCONST_GATHER_OFFSET))
            glsl_refuse(c, "a texel offset that is not a constant");
        emit_src_range(c, s, 0, dims, IR_I32);
    }
    if (pad_1d)
        out_s(c, ", 0)");
}

void emit_offset_arg(glsl_ctx *c, const ir_instr *in, unsigned dims, bool allow_dynamic,
                     bool pad_1d)
{
    out_s(c, ", ");
    emit_offset_value(c, in, dims, allow_dynamic, pad_1d);
}

static void emit_offset(glsl_ctx *c, const ir_instr *in, unsigned dims, bool allow_dynamic)
{
    emit_offset_arg(c, in, dims, allow_dynamic, false);
}

void emit_sampler_ref(glsl_ctx *c, const ir_instr *in)
{
    const ir_tex *t = &in->u.tex;
    ir_var *v = t->sampler;
    out_s(c, c->rp);
    out_c(c, 's');
    out_u(c, v ? v->tgsi_first : 0);
    if (v && v->array_len) {
        ir_src idx = tex_src(in, t->sampler_index);
        if (idx.def && idx.def->op != IR_OP_CONST)
            glsl_need(c, GF_DYNAMIC_SAMPLER_INDEX, "dynamically indexed samplers");
        out_index(c, 0, idx, v->array_len);
    }
}

int tex_result_comps(int texture, ir_tex_kind kind)
{
    const tex_target_info *ti = tex_target(texture);
    switch (kind) {
    case IR_TEX_QUERY_SIZE: return ti->size_comps;
    case IR_TEX_QUERY_LEVELS: case IR_TEX_QUERY_SAMPLES: return 1;
    case IR_TEX_QUERY_LOD: return 2;
    default: return 4;
    }
}

/* ESSL 1.00's lookups, one function per target: texture2D, texture3D (GL_OES_texture_3D),
 * textureCube, shadow2DEXT (GL_EXT_shadow_samplers), each +Proj; explicit LOD is +Lod in
 * vertex shaders and +LodEXT in fragment shaders, gradients +GradEXT, both of
 * GL_EXT_shader_texture_lod there.  No offsets, arrays, fetches or queries. */
void out_es100_tex_fn(glsl_ctx *c, int host_texture, bool shadow, bool proj, int kind,
                      bool offset)
{
    bool lod = kind == IR_TEX_SAMPLE_LOD, grad = kind == IR_TEX_SAMPLE_GRAD;
    if (offset)
        glsl_refuse(c, "texel offsets");
    if (kind != IR_TEX_SAMPLE && kind != IR_TEX_SAMPLE_BIAS && !lod && !grad)
        glsl_refuse(c, "texel fetches, gathers and texture queries");
    const char *base = NULL;
    switch (host_texture) {
    case T2G_TEXTURE_2D:
        base = shadow ? "shadow2D" : "texture2D";
        break;
    case T2G_TEXTURE_SHADOW2D:
        base = "shadow2D";
        break;
    case T2G_TEXTURE_3D:
        glsl_need(c, GF_TEXTURE_3D, "3D textures");
        base = "texture3D";
        break;
    case T2G_TEXTURE_CUBE:
        base = "textureCube";
        break;
    default:
        glsl_refuse(c, "this texture target (ES 2.0 has 2D, cube and 3D textures)");
        base = "texture2D";
        break;
    }
    bool ext = false;
    if (base[0] == 's') {
        glsl_need(c, GF_SHADOW_SAMPLER, "depth comparisons");
        if (lod || grad)
            glsl_refuse(c, "explicit-LOD depth comparisons");
        ext = true;
    }
    if ((lod && c->stage == T2G_STAGE_FRAGMENT) || grad) {
        glsl_need(c, GF_TEXTURE_LOD_FS, grad ? "explicit gradients" : "explicit LOD in fragment shaders");
        if (host_texture == T2G_TEXTURE_3D)
            glsl_refuse(c, "explicit LOD or gradients on 3D textures");
        ext = true;
    }
    out_s(c, base);
    if (proj)
        out_s(c, "Proj");
    if (lod)
        out_s(c, "Lod");
    if (grad)
        out_s(c, "Grad");
    if (ext)
        out_s(c, "EXT");
}

void emit_tex(glsl_ctx *c, ir_instr *in)
{
    const ir_tex *t = &in->u.tex;
    if (glsl_es100(c) && t->kind != IR_TEX_SAMPLE && t->kind != IR_TEX_SAMPLE_BIAS &&
        t->kind != IR_TEX_SAMPLE_LOD && t->kind != IR_TEX_SAMPLE_GRAD) {
        glsl_refuse(c, "texel fetches, gathers and texture queries");
        return;
    }
    if (tex_remap(c, t->texture) != REMAP_NONE) {
        emit_remapped_tex(c, in);
        return;
    }
    const tex_target_info *ti = tex_target(t->texture);
    bool shadow = ti->shadow || t->shadow;
    ir_var *v = t->sampler;
    ir_base sb = v ? (ir_base)v->type.base : IR_F32;
    unsigned spatial = ti->coords - (ti->array ? 1 : 0); /* coordinates without the layer */
    if (ti->cube)
        spatial = 3;
    ir_src coord = tex_src(in, t->coord), ref = tex_src(in, t->ref);
    bool has_offset = t->has_const_offset || tex_src(in, t->offset).def;
    adapt a;
    const char *fn;

    switch (t->kind) {
    case IR_TEX_QUERY_SIZE: {
        adapt_open(c, &a, in, IR_I32, ti->size_comps, false);
        out_s(c, "textureSize(");
        emit_sampler_ref(c, in);
        if (!ti->msaa && t->texture != T2G_TEXTURE_RECT && t->texture != T2G_TEXTURE_SHADOWRECT &&
            t->texture != T2G_TEXTURE_BUFFER) {
            out_s(c, ", ");
            ir_src lod = tex_src(in, t->lod);
            if (lod.def)
                emit_src_comp(c, lod, 0, IR_I32, P_NONE);
            else
                out_c(c, '0');
        }
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    case IR_TEX_QUERY_LEVELS: case IR_TEX_QUERY_SAMPLES: {
        bool levels = t->kind == IR_TEX_QUERY_LEVELS;
        glsl_need(c, levels ? GF_TEXTURE_QUERY_LEVELS : GF_TEXTURE_SAMPLES,
                  levels ? "textureQueryLevels()" : "textureSamples()");
        adapt_open(c, &a, in, IR_I32, 1, false);
        out_s(c, levels ? "textureQueryLevels(" : "textureSamples(");
        emit_sampler_ref(c, in);
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    case IR_TEX_QUERY_LOD:
        glsl_need(c, GF_TEXTURE_QUERY_LOD, "textureQueryLod()");
        adapt_open(c, &a, in, IR_F32, 2, false);
        out_s(c, "textureQueryLod(");
        emit_sampler_ref(c, in);
        out_s(c, ", ");
        emit_src_range(c, coord, 0, spatial, IR_F32);
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    case IR_TEX_FETCH: {
        adapt_open(c, &a, in, sb, 4, false);
        out_s(c, has_offset ? "texelFetchOffset(" : "texelFetch(");
        emit_sampler_ref(c, in);
        out_s(c, ", ");
        emit_src_range(c, coord, 0, ti->coords > 3 ? 3 : ti->coords, IR_I32);
        if (ti->msaa) {
            out_s(c, ", ");
            ir_src smp = tex_src(in, t->sample);
            if (smp.def)
                emit_src_comp(c, smp, 0, IR_I32, P_NONE);
            else
                out_c(c, '0');
        } else if (t->texture != T2G_TEXTURE_RECT && t->texture != T2G_TEXTURE_BUFFER &&
                   t->texture != T2G_TEXTURE_SHADOWRECT) {
            out_s(c, ", ");
            ir_src lod = tex_src(in, t->lod);
            if (lod.def)
                emit_src_comp(c, lod, 0, IR_I32, P_NONE);
            else
                out_c(c, '0');
        }
        if (has_offset)
            emit_offset(c, in, spatial, false);
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    case IR_TEX_GATHER: {
        glsl_need(c, GF_TEXTURE_GATHER, "textureGather()");
        ir_src comp = tex_src(in, t->component);
        uint32_t cval = comp.def && comp.def->op == IR_OP_CONST ? const_u32(comp, 0) : 0;
        if (comp.def && comp.def->op != IR_OP_CONST)
            glsl_refuse(c, "textureGather() with a non-constant component");
        if (cval || shadow || has_offset || t->texture == T2G_TEXTURE_RECT)
            glsl_need(c, GF_GATHER_EXT, "textureGather() with a component, reference or offset");
        adapt_open(c, &a, in, shadow ? IR_F32 : sb, 4, false);
        out_s(c, has_offset ? "textureGatherOffset(" : "textureGather(");
        emit_sampler_ref(c, in);
        out_s(c, ", ");
        emit_src_range(c, coord, 0, ti->coords, IR_F32);
        if (shadow) {
            out_s(c, ", ");
            emit_src_comp(c, ref, 0, IR_F32, P_NONE);
        }
        if (has_offset)
            emit_offset(c, in, spatial, true);
        if (!shadow && cval) {
            out_s(c, ", ");
            out_u(c, cval & 3);
        }
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    default:
        break;
    }

    /* texture / textureLod / textureGrad (+Proj, +Offset) */
    bool proj = t->projective;
    if (proj && (ti->array || ti->cube || ti->msaa || t->texture == T2G_TEXTURE_BUFFER))
        glsl_refuse(c, "projective sampling of an array or cube texture");
    bool lod_fn = t->kind == IR_TEX_SAMPLE_LOD, grad = t->kind == IR_TEX_SAMPLE_GRAD;
    if (shadow && lod_fn && (ti->cube || (ti->array && t->texture != T2G_TEXTURE_SHADOW1D_ARRAY &&
                                           t->texture != T2G_TEXTURE_1D_ARRAY)))
        glsl_need(c, GF_TEXTURE_SHADOW_LOD, "explicit-LOD shadow lookups on cube/array textures");
    if (shadow && t->kind == IR_TEX_SAMPLE_BIAS && ti->array &&
        (ti->cube || t->texture == T2G_TEXTURE_SHADOW2D_ARRAY))
        glsl_need(c, GF_TEXTURE_SHADOW_LOD, "a LOD bias on 2D array and cube array shadow lookups");
    if (t->kind == IR_TEX_SAMPLE_BIAS && c->stage != T2G_STAGE_FRAGMENT)
        glsl_refuse(c, "a LOD bias outside the fragment shader");
    fn = lod_fn ? (proj ? "textureProjLod" : "textureLod")
         : grad ? (proj ? "textureProjGrad" : "textureGrad")
                : (proj ? "textureProj" : "texture");
    /* GLSL ES has no textureOffset() on 2D array shadow samplers, with or without a bias:
     * the offset moves the coordinate by that many level-0 texels, as a guest driver
     * lowers it for a GLES host. */
    bool offset_in_coord = has_offset && c->d->es && shadow && ti->array && !ti->cube &&
                           spatial == 2 && !lod_fn && !grad && !proj;
    adapt_open(c, &a, in, shadow ? IR_F32 : sb, shadow ? 1 : 4, shadow);
    if (glsl_es100(c)) {
        out_es100_tex_fn(c, tex_host_target(c, t->texture), shadow, proj, t->kind, has_offset);
    } else {
        out_s(c, fn);
        if (has_offset && !offset_in_coord)
            out_s(c, "Offset");
    }
    out_c(c, '(');
    emit_sampler_ref(c, in);
    out_s(c, ", ");
    bool cube_array_shadow = shadow && ti->cube && ti->array;
    unsigned n = ti->coords + (shadow && !cube_array_shadow ? 1 : 0) +
                 (t->texture == T2G_TEXTURE_SHADOW1D ? 1 : 0) + (proj ? 1 : 0);
    if (n == 1) {
        emit_src_comp(c, coord, 0, IR_F32, P_NONE);
    } else if (n == ti->coords) {
        emit_src_range(c, coord, 0, n, IR_F32);
    } else {
        out_type(c, IR_F32, n);
        out_c(c, '(');
        if (offset_in_coord) {
            emit_src_range(c, coord, 0, 2, IR_F32);
            out_s(c, " + vec2(");
            emit_offset_value(c, in, 2, false, false);
            out_s(c, ") / vec2(textureSize(");
            emit_sampler_ref(c, in);
            out_s(c, ", 0).xy), ");
            emit_src_comp(c, coord, 2, IR_F32, P_NONE);
        } else {
            emit_src_range(c, coord, 0, ti->coords, IR_F32);
        }
        if (t->texture == T2G_TEXTURE_SHADOW1D)
            out_s(c, ", 0.0");
        if (shadow && !cube_array_shadow) {
            out_s(c, ", ");
            emit_src_comp(c, ref, 0, IR_F32, P_NONE);
        }
        if (proj) {
            out_s(c, ", ");
            emit_src_comp(c, coord, 3, IR_F32, P_NONE);
        }
        out_c(c, ')');
    }
    if (cube_array_shadow) {
        out_s(c, ", ");
        emit_src_comp(c, ref, 0, IR_F32, P_NONE);
    }
    if (lod_fn) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->lod), 0, IR_F32, P_NONE);
    }
    if (grad) {
        out_s(c, ", ");
        emit_src_range(c, tex_src(in, t->ddx), 0, spatial, IR_F32);
        out_s(c, ", ");
        emit_src_range(c, tex_src(in, t->ddy), 0, spatial, IR_F32);
    }
    if (has_offset && !offset_in_coord)
        emit_offset(c, in, spatial, false);
    if (t->kind == IR_TEX_SAMPLE_BIAS) {
        out_s(c, ", ");
        emit_src_comp(c, tex_src(in, t->bias), 0, IR_F32, P_NONE);
    }
    out_c(c, ')');
    adapt_close(c, &a);
}

/* ---------------------------------------------------------------- images */

static unsigned image_coords(const tex_target_info *ti)
{
    return ti->cube ? 3 : ti->coords;
}

/* The image an op names; `e` >= 0 picks that element of an image array (image_choice). */
static void image_ref(glsl_ctx *c, const ir_instr *in, int e)
{
    ir_var *v = in->u.mem.var;
    out_s(c, c->rp);
    out_s(c, "img");
    out_u(c, v ? v->tgsi_first : 0);
    if (v && v->array_len && e >= 0) {
        out_c(c, '[');
        out_u(c, (uint32_t)e);
        out_c(c, ']');
    } else if (v && v->array_len && in->u.mem.element) {
        ir_src idx = in->srcs[in->u.mem.element - 1];
        if (idx.def && idx.def->op != IR_OP_CONST)
            glsl_need(c, GF_DYNAMIC_SAMPLER_INDEX, "dynamically indexed images");
        out_index(c, 0, idx, v->array_len);
    }
}

/* The sources an image op's data ends before: an array element index comes after them. */
static unsigned image_data_end(const ir_instr *in)
{
    return in->num_srcs - (in->u.mem.element ? 1u : 0u);
}

static int image_target(const ir_instr *in)
{
    ir_var *v = in->u.mem.var;
    return in->u.mem.texture ? in->u.mem.texture : v ? v->texture : T2G_TEXTURE_2D;
}

static void image_coord_args(glsl_ctx *c, const ir_instr *in, const tex_target_info *ti, int e)
{
    image_ref(c, in, e);
    out_s(c, ", ");
    if (tex_remap(c, image_target(in)) == REMAP_1D)
        emit_remapped_image_coord(c, in, ti);
    else
        emit_src_range(c, in->srcs[0], 0, image_coords(ti), IR_I32);
    if (ti->msaa) {
        out_s(c, ", ");
        if (in->num_srcs > 1 && in->srcs[1].def)
            emit_src_comp(c, in->srcs[1], 0, IR_I32, P_NONE);
        else
            out_c(c, '0');
    }
}

static const char *const image_atomic_fns[] = {
    [IR_ATOMIC_ADD] = "imageAtomicAdd(", [IR_ATOMIC_XCHG] = "imageAtomicExchange(",
    [IR_ATOMIC_CAS] = "imageAtomicCompSwap(", [IR_ATOMIC_AND] = "imageAtomicAnd(",
    [IR_ATOMIC_OR] = "imageAtomicOr(", [IR_ATOMIC_XOR] = "imageAtomicXor(",
    [IR_ATOMIC_UMIN] = "imageAtomicMin(", [IR_ATOMIC_UMAX] = "imageAtomicMax(",
    [IR_ATOMIC_IMIN] = "imageAtomicMin(", [IR_ATOMIC_IMAX] = "imageAtomicMax(",
};

static const char *const buffer_atomic_fns[] = {
    [IR_ATOMIC_ADD] = "atomicAdd(", [IR_ATOMIC_XCHG] = "atomicExchange(",
    [IR_ATOMIC_CAS] = "atomicCompSwap(", [IR_ATOMIC_AND] = "atomicAnd(",
    [IR_ATOMIC_OR] = "atomicOr(", [IR_ATOMIC_XOR] = "atomicXor(",
    [IR_ATOMIC_UMIN] = "atomicMin(", [IR_ATOMIC_UMAX] = "atomicMax(",
    [IR_ATOMIC_IMIN] = "atomicMin(", [IR_ATOMIC_IMAX] = "atomicMax(", /* on the int view */
};

/* GLSL ES indexes image arrays with constant expressions only.  There a computed element
 * becomes a choice among the elements, `i == 0 ? f(img[0]) : i == 1 ? f(img[1]) : f(img[2])`
 * (?: evaluates only the operand it picks, so an atomic runs once); an index past the end
 * takes the last element, as out_index clamps it elsewhere.  Returns the elements to choose
 * among, 0 where the op names its image directly. */
static uint32_t image_choices(glsl_ctx *c, const ir_instr *in)
{
    ir_var *v = in->u.mem.var;
    if (!c->d->es || !v || !v->array_len || !in->u.mem.element)
        return 0;
    ir_src idx = in->srcs[in->u.mem.element - 1];
    return idx.def && idx.def->op != IR_OP_CONST ? v->array_len : 0;
}

static void image_choice_open(glsl_ctx *c, const ir_instr *in, uint32_t e)
{
    out_s(c, "(");
    emit_src_comp(c, in->srcs[in->u.mem.element - 1], 0, IR_I32, P_EQ + 1);
    out_s(c, " == ");
    out_u(c, e);
    out_s(c, " ? ");
}

/* One image function call on element `e` (-1: as the op names it). */
static void image_call(glsl_ctx *c, ir_instr *in, const tex_target_info *ti, ir_base ib, int e)
{
    switch (in->op) {
    case IR_OP_IMAGE_LOAD:
        out_s(c, "imageLoad(");
        image_coord_args(c, in, ti, e);
        out_c(c, ')');
        return;
    case IR_OP_IMAGE_SIZE:
        out_s(c, "imageSize(");
        image_ref(c, in, e);
        out_c(c, ')');
        if (tex_remap(c, image_target(in)) == REMAP_1D)
            out_s(c, ti->array ? ".xz" : ".x");
        return;
    case IR_OP_IMAGE_SAMPLES:
        out_s(c, "imageSamples(");
        image_ref(c, in, e);
        out_c(c, ')');
        return;
    case IR_OP_IMAGE_ATOMIC: {
        out_s(c, image_atomic_fns[in->u.mem.atomic]);
        image_coord_args(c, in, ti, e);
        unsigned last = image_data_end(in) - 1;
        if (in->u.mem.atomic == IR_ATOMIC_CAS) {
            out_s(c, ", ");
            emit_src_comp(c, in->srcs[last - 1], 0, ib, P_NONE);
        }
        out_s(c, ", ");
        emit_src_comp(c, in->srcs[last], 0, ib, P_NONE);
        out_c(c, ')');
        return;
    }
    default:
        return;
    }
}

static void image_calls(glsl_ctx *c, ir_instr *in, const tex_target_info *ti, ir_base ib)
{
    uint32_t n = image_choices(c, in);
    if (!n) {
        image_call(c, in, ti, ib, -1);
        return;
    }
    for (uint32_t e = 0; e + 1 < n; e++) {
        image_choice_open(c, in, e);
        image_call(c, in, ti, ib, (int)e);
        out_s(c, " : ");
    }
    image_call(c, in, ti, ib, (int)n - 1);
    for (uint32_t e = 0; e + 1 < n; e++)
        out_c(c, ')');
}

void emit_image_expr(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.mem.var;
    const tex_target_info *ti = tex_target(in->u.mem.texture ? in->u.mem.texture
                                           : v ? v->texture : T2G_TEXTURE_2D);
    ir_base ib = image_base(c, v);
    ir_base result = ib;
    unsigned comps = 4;
    switch (in->op) {
    case IR_OP_IMAGE_LOAD:
        break;
    case IR_OP_IMAGE_SIZE:
        glsl_need(c, GF_IMAGE_SIZE, "imageSize()");
        result = IR_I32;
        comps = ti->size_comps;
        break;
    case IR_OP_IMAGE_SAMPLES:
        glsl_need(c, GF_IMAGE_SAMPLES, "imageSamples()");
        result = IR_I32;
        comps = 1;
        break;
    case IR_OP_IMAGE_ATOMIC: {
        ir_atomic_op op = in->u.mem.atomic;
        glsl_need(c, GF_IMAGE_ATOMIC, "image atomics");
        if (op >= sizeof(image_atomic_fns) / sizeof(image_atomic_fns[0]) || !image_atomic_fns[op]) {
            glsl_refuse(c, "image atomic operation %d has no GLSL equivalent", (int)op);
            return;
        }
        if (ib == IR_F32 && op != IR_ATOMIC_XCHG) {
            glsl_refuse(c, "float image atomics other than exchange");
            return;
        }
        comps = 1;
        break;
    }
    default:
        return;
    }
    adapt a;
    adapt_open(c, &a, in, result, comps, false);
    image_calls(c, in, ti, ib);
    adapt_close(c, &a);
}

/* ---------------------------------------------------------------- buffers */

/* arr[(offset >> 2) + k]; `ints`: the int alias of a storage block (ssbo<n>_idata).  Shared
 * memory is an array of the host's workgroup memory that nothing else bounds: its word index
 * is clamped to the declared size as out_index clamps register arrays.  Storage blocks are
 * unsized; the driver bounds them by the bound buffer's size. */
static void buffer_elem_of(glsl_ctx *c, const ir_instr *in, unsigned k, bool ints)
{
    ir_var *v = in->u.mem.var;
    uint32_t words = v->kind == IR_VAR_SHARED ? shared_words(v) : 0;
    if (ints) {
        out_s(c, c->rp);
        out_s(c, v->kind == IR_VAR_ATOMIC_BUFFER ? "ac" : "ssbo");
        out_u(c, v->kind == IR_VAR_ATOMIC_BUFFER ? v->tgsi_dim : v->tgsi_first);
        out_s(c, "_idata");
    } else {
        mem_array_name(c, v);
    }
    out_c(c, '[');
    ir_src off = in->srcs[0];
    if (off.def && off.def->op == IR_OP_CONST) {
        uint64_t w = const_u32(off, 0) / 4 + (uint64_t)k;
        out_u(c, words && w >= words ? words - 1 : w);
    } else {
        if (words)
            out_s(c, "min(");
        /* `+` binds tighter than `>>`: the word index needs its own parentheses. */
        if (k)
            out_c(c, '(');
        emit_src_comp(c, off, 0, IR_U32, P_SHIFT + 1);
        out_s(c, " >> 2u");
        if (k) {
            out_s(c, ") + ");
            out_u(c, k);
            out_c(c, 'u');
        }
        if (words) {
            out_s(c, ", ");
            out_u(c, words - 1);
            out_s(c, "u)");
        }
    }
    out_c(c, ']');
}

static void buffer_elem(glsl_ctx *c, const ir_instr *in, unsigned k)
{
    buffer_elem_of(c, in, k, false);
}

/* Signed min/max on a storage or counter block: GLSL's atomicMin/Max are typed by the
 * memory, so they run on an int view of the same block (same binding; aliasing blocks is
 * legal).  Shared memory cannot be aliased: it takes the compare-and-swap loop. */
bool atomic_wants_int_view(const ir_instr *in)
{
    ir_var *v = in->u.mem.var;
    return in->op == IR_OP_BUFFER_ATOMIC && v &&
           (v->kind == IR_VAR_BUFFER || v->kind == IR_VAR_ATOMIC_BUFFER) &&
           (in->u.mem.atomic == IR_ATOMIC_IMIN || in->u.mem.atomic == IR_ATOMIC_IMAX);
}

bool mem_atomic_is_loop(glsl_ctx *c, const ir_instr *in)
{
    (void)c;
    if (in->op != IR_OP_BUFFER_ATOMIC)
        return false;
    switch (in->u.mem.atomic) {
    case IR_ATOMIC_IMIN: case IR_ATOMIC_IMAX:
        return !(in->u.mem.var && gv_of(in->u.mem.var)->int_view);
    case IR_ATOMIC_FADD: case IR_ATOMIC_INC_WRAP: case IR_ATOMIC_DEC_WRAP:
        return true;
    default:
        return false;
    }
}

static void cas_name(glsl_ctx *c, const ir_instr *in, bool got)
{
    out_s(c, got ? "casw" : "cas");
    out_u(c, in->index);
}

/* `uint cas<N> = mem; while (true) { uint casw<N> = atomicCompSwap(mem, cas<N>, f(cas<N>));
 * if (casw<N> == cas<N>) break; cas<N> = casw<N>; }` -- cas<N> ends as the value the
 * operation replaced, which is its result.  Every invocation's loop ends: a failed swap
 * means another invocation's succeeded. */
void emit_atomic_loop(glsl_ctx *c, ir_instr *in)
{
    ir_src d = in->srcs[in->num_srcs - 1];
    out_indent(c);
    out_s(c, "uint ");
    cas_name(c, in, false);
    out_s(c, " = ");
    buffer_elem(c, in, 0);
    out_s(c, ";\n");
    out_indent(c);
    out_s(c, "while (true) {\n");
    c->indent++;
    out_indent(c);
    out_s(c, "uint ");
    cas_name(c, in, true);
    out_s(c, " = atomicCompSwap(");
    buffer_elem(c, in, 0);
    out_s(c, ", ");
    cas_name(c, in, false);
    out_s(c, ", ");
    switch (in->u.mem.atomic) {
    case IR_ATOMIC_IMIN: case IR_ATOMIC_IMAX:
        out_s(c, in->u.mem.atomic == IR_ATOMIC_IMIN ? "uint(min(int(" : "uint(max(int(");
        cas_name(c, in, false);
        out_s(c, "), ");
        emit_src_comp(c, d, 0, IR_I32, P_NONE);
        out_s(c, "))");
        break;
    case IR_ATOMIC_FADD:
        glsl_need(c, GF_BIT_ENCODING, "float atomic add (bit casts)");
        out_s(c, "floatBitsToUint(uintBitsToFloat(");
        cas_name(c, in, false);
        out_s(c, ") + ");
        emit_src_comp(c, d, 0, IR_F32, P_ADD + 1);
        out_c(c, ')');
        break;
    case IR_ATOMIC_INC_WRAP: /* old >= d ? 0 : old + 1 */
        cas_name(c, in, false);
        out_s(c, " >= ");
        emit_src_comp(c, d, 0, IR_U32, P_REL + 1);
        out_s(c, " ? 0u : ");
        cas_name(c, in, false);
        out_s(c, " + 1u");
        break;
    default: /* DEC_WRAP: old == 0 || old > d ? d : old - 1 */
        cas_name(c, in, false);
        out_s(c, " == 0u || ");
        cas_name(c, in, false);
        out_s(c, " > ");
        emit_src_comp(c, d, 0, IR_U32, P_REL + 1);
        out_s(c, " ? ");
        emit_src_comp(c, d, 0, IR_U32, P_COND + 1);
        out_s(c, " : ");
        cas_name(c, in, false);
        out_s(c, " - 1u");
        break;
    }
    out_s(c, ");\n");
    out_indent(c);
    out_s(c, "if (");
    cas_name(c, in, true);
    out_s(c, " == ");
    cas_name(c, in, false);
    out_s(c, ")\n");
    out_indent(c);
    out_s(c, "\tbreak;\n");
    out_indent(c);
    cas_name(c, in, false);
    out_s(c, " = ");
    cas_name(c, in, true);
    out_s(c, ";\n");
    c->indent--;
    out_indent(c);
    out_s(c, "}\n");
}

bool mem_prints_src_twice(glsl_ctx *c, const ir_instr *in, unsigned i)
{
    if (mem_atomic_is_loop(c, in))
        return true;
    if (in->op == IR_OP_BUFFER_LOAD)
        return i == 0 && in->u.mem.comps > 1;
    if (in->op == IR_OP_BUFFER_STORE)
        return __builtin_popcount(in->u.mem.writemask ? in->u.mem.writemask : 1) > 1;
    return false;
}

bool mem_needs_stmt(glsl_ctx *c, const ir_instr *in)
{
    (void)c;
    return in->op == IR_OP_MUL_HI;
}

void emit_buffer_expr(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.mem.var;
    adapt a;
    switch (in->op) {
    case IR_OP_BUFFER_LOAD: {
        unsigned n = in->u.mem.comps ? in->u.mem.comps : in->type.comps;
        adapt_open(c, &a, in, IR_U32, n, false);
        if (n > 1) {
            out_type(c, IR_U32, n);
            out_c(c, '(');
        }
        for (unsigned k = 0; k < n; k++) {
            if (k)
                out_s(c, ", ");
            buffer_elem(c, in, k);
        }
        if (n > 1)
            out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    case IR_OP_BUFFER_SIZE:
        adapt_open(c, &a, in, IR_U32, 1, false);
        if (v && v->kind == IR_VAR_SHARED) {
            out_u(c, (v->size ? v->size : 16384) / 4 * 4);
            out_c(c, 'u');
        } else {
            out_s(c, "uint(");
            mem_array_name(c, v);
            out_s(c, ".length()) * 4u");
        }
        adapt_close(c, &a);
        return;
    case IR_OP_BUFFER_ATOMIC: {
        ir_atomic_op op = in->u.mem.atomic;
        if (mem_atomic_is_loop(c, in)) {
            /* emit_atomic_loop ran before this statement */
            adapt_open(c, &a, in, IR_U32, 1, false);
            cas_name(c, in, false);
            adapt_close(c, &a);
            return;
        }
        if (op >= sizeof(buffer_atomic_fns) / sizeof(buffer_atomic_fns[0]) || !buffer_atomic_fns[op]) {
            glsl_refuse(c, "buffer atomic operation %d has no GLSL equivalent on uint memory", (int)op);
            return;
        }
        bool ints = atomic_wants_int_view(in);
        ir_base mb = ints ? IR_I32 : IR_U32;
        adapt_open(c, &a, in, mb, 1, false);
        out_s(c, buffer_atomic_fns[op]);
        buffer_elem_of(c, in, 0, ints);
        unsigned last = in->num_srcs - 1;
        if (op == IR_ATOMIC_CAS) {
            out_s(c, ", ");
            emit_src_comp(c, in->srcs[last - 1], 0, mb, P_NONE);
        }
        out_s(c, ", ");
        emit_src_comp(c, in->srcs[last], 0, mb, P_NONE);
        out_c(c, ')');
        adapt_close(c, &a);
        return;
    }
    default:
        return;
    }
}

void emit_mem_stmt(glsl_ctx *c, ir_instr *in)
{
    if (in->op == IR_OP_IMAGE_STORE) {
        ir_var *v = in->u.mem.var;
        const tex_target_info *ti = tex_target(in->u.mem.texture ? in->u.mem.texture
                                               : v ? v->texture : T2G_TEXTURE_2D);
        uint32_t n = image_choices(c, in);
        for (uint32_t e = 0; e < (n ? n : 1); e++) {
            out_indent(c);
            if (n && e + 1 < n) {
                out_s(c, e ? "else if (" : "if (");
                emit_src_comp(c, in->srcs[in->u.mem.element - 1], 0, IR_I32, P_EQ + 1);
                out_s(c, " == ");
                out_u(c, e);
                out_s(c, ") ");
            } else if (n) {
                out_s(c, "else ");
            }
            out_s(c, "imageStore(");
            image_coord_args(c, in, ti, n ? (int)e : -1);
            out_s(c, ", ");
            emit_src_as(c, in->srcs[image_data_end(in) - 1], 4, image_base(c, v), P_NONE);
            out_s(c, ");\n");
        }
        return;
    }
    if (in->op == IR_OP_BUFFER_STORE) {
        unsigned mask = in->u.mem.writemask ? in->u.mem.writemask
                                            : (1u << (in->u.mem.comps ? in->u.mem.comps : 1)) - 1;
        ir_src data = in->srcs[in->num_srcs - 1];
        for (unsigned k = 0; k < 4; k++) {
            if (!(mask >> k & 1))
                continue;
            out_indent(c);
            buffer_elem(c, in, k);
            out_s(c, " = ");
            emit_src_comp(c, data, k, IR_U32, P_NONE);
            out_s(c, ";\n");
        }
    }
}
