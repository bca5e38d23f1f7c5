/* objects.c: CREATE/BIND/DESTROY_OBJECT for every object type: making each object from its
 * decoded fields (decode.c) and checking them against the context's resources. */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_draw.h"
#include "gles_textures.h"
#include "vrend_priv.h"




static GLenum view_target(uint32_t pipe_target, uint32_t samples)
{
    static const GLenum t[] = { GL_TEXTURE_BUFFER, GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D,
                                GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE, GL_TEXTURE_1D_ARRAY,
                                GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY };
    if (pipe_target >= PIPE_MAX_TEXTURE_TYPES)
        return 0;
    if (samples > 1 && pipe_target == PIPE_TEXTURE_2D)
        return GL_TEXTURE_2D_MULTISAMPLE;
    if (samples > 1 && pipe_target == PIPE_TEXTURE_2D_ARRAY)
        return GL_TEXTURE_2D_MULTISAMPLE_ARRAY;
    return t[pipe_target];
}

static GLint swz_to_gl(uint32_t s)
{
    static const GLint m[] = { GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA, GL_ZERO, GL_ONE };
    return s < 6 ? m[s] : GL_ZERO;
}

/* The format's emulation swizzle ("rrr1" for luminance) composed with the view's. */
static GLint compose_swizzle(const struct vformat *f, uint32_t s)
{
    if (s >= 4)
        return swz_to_gl(s);
    switch (f->swizzle[s]) {
    case 'r': return GL_RED;
    case 'g': return GL_GREEN;
    case 'b': return GL_BLUE;
    case 'a': return GL_ALPHA;
    case '0': return GL_ZERO;
    default: return GL_ONE;
    }
}

/* Where the host cannot swizzle the view, the swizzle the shader applies instead
 * (key.sampler_swizzle, PIPE_SWIZZLE_* numbering): the view's composed with the format's. */
static void set_shader_swizzle(struct sampler_view *v, const struct vformat *f)
{
    static const GLint gl[] = { GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA, GL_ZERO, GL_ONE };
    for (int i = 0; i < 4; i++) {
        GLint c = compose_swizzle(f, v->swizzle[i]);
        for (uint8_t k = 0; k < 6; k++)
            if (gl[k] == c)
                v->shader_swizzle[i] = k;
    }
    v->swizzle_in_shader = true;
}

static bool create_view(struct vrend_context *ctx, struct vobj *o,
                        const struct create_sampler_view *c)
{
    struct vres *r = ctx_res(ctx, c->res_handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "sampler view: unknown resource %u", c->res_handle);
        return true;
    }
    uint32_t format = c->format, ptarget = c->target;
    const struct vformat *f = vformat_get(format);
    if (!f || !f->internal) {
        vlog(ctx->r, VREND_LOG_WARN, "sampler view: unsupported format %u", format);
        f = r->fmt;
        format = r->d.format;
    }
    struct sampler_view *v = calloc(1, sizeof(*v));
    if (!v)
        return false;
    v->refs = 1;
    v->res = r;
    vres_ref(r);
    v->format = format;
    memcpy(v->swizzle, c->swizzle, sizeof v->swizzle);
    o->u.view = v;
    if (r->is_buffer) {
        v->first = c->first_element;
        v->last = c->last_element;
        v->target = GL_TEXTURE_BUFFER;
        uint64_t bytes = ((uint64_t)v->last + 1) * f->block_bytes;
        if (v->last < v->first || bytes > r->d.width) {
            vlog(ctx->r, VREND_LOG_WARN, "sampler view: buffer range out of bounds");
            v->first = 0;
            v->last = r->d.width / (f->block_bytes ? f->block_bytes : 1);
        }
        glc_texture_create(ctx->r, GL_TEXTURE_BUFFER, &v->view);
        uint64_t off = (uint64_t)v->first * f->block_bytes;
        uint64_t size = ((uint64_t)v->last - v->first + 1) * f->block_bytes;
        if (off + size > r->d.width)
            size = r->d.width - off;
        glc_texture_buffer(ctx->r, v->view, f->internal, r->id, off, size);
        /* GL has no swizzle for texture buffers (an intensity buffer is kept in red). */
        set_shader_swizzle(v, f);
        return true;
    }
    v->first_layer = c->first_layer;
    v->last_layer = c->last_layer;
    v->first = c->first_level;
    v->last = c->last_level;
    if (!ptarget && r->d.target != PIPE_BUFFER)
        ptarget = r->d.target;
    v->target = view_target(ptarget, r->d.nr_samples);
    if (ctx->r->gles)
        v->target = gles_target(v->target);
    uint32_t layers = vres_layers(r);
    if (v->last > r->d.last_level)
        v->last = r->d.last_level;
    if (v->first > v->last)
        v->first = v->last;
    if (v->last_layer >= layers)
        v->last_layer = layers - 1;
    if (v->first_layer > v->last_layer)
        v->first_layer = v->last_layer;
    uint32_t nlayers = v->last_layer - v->first_layer + 1;
    if (r->d.target == PIPE_TEXTURE_3D) {
        v->first_layer = 0;
        nlayers = 1;
    }
    v->nlayers = nlayers;
    if (ctx->r->es2) {
        /* ES 2.0 has no texture views (nor swizzles): the resource's texture serves, with
         * all its levels, and the shader swizzles and decodes sRGB. */
        v->internal = r->fmt->internal;
        set_shader_swizzle(v, f);
        v->shader_srgb = (f->flags & FMT_SRGB) != 0;
        return true;
    }
    /* A texture view gives every sampler view its own format, level/layer range and
     * swizzle without touching the resource's texture. */
    while (glGetError() != GL_NO_ERROR)
        ;
    glGenTextures(1, &v->view);
    glTextureView(v->view, v->target, r->id, f->internal, v->first, v->last - v->first + 1,
                  v->first_layer, nlayers);
    v->internal = f->internal;
    v->nlayers = nlayers;
    bool own_range = true;   /* the view has the guest's levels and layers */
    if (glGetError() != GL_NO_ERROR) {
        own_range = false;
        glDeleteTextures(1, &v->view);
        v->view = 0;
        glGenTextures(1, &v->view);
        glTextureView(v->view, r->target, r->id, r->fmt->internal, 0, r->d.last_level + 1, 0,
                      r->target == GL_TEXTURE_3D ? 1 : layers);
        if (glGetError() != GL_NO_ERROR) {
            vlog(ctx->r, VREND_LOG_WARN, "sampler view on resource %u: no texture view", r->handle);
            glDeleteTextures(1, &v->view);
            v->view = 0;
            return true;
        }
        v->target = r->target;
    }
    GLint sw[4];
    for (int i = 0; i < 4; i++)
        sw[i] = compose_swizzle(f, v->swizzle[i]);
    glc_texture_swizzle(ctx->r, v->target, v->view, sw);
    v->red_moved = own_range && sw[0] != GL_RED && (f->flags & FMT_HAS_DEPTH);
    if ((f->flags & FMT_DEPTH) && (f->flags & FMT_STENCIL) && !(f->flags & FMT_HAS_DEPTH))
        glc_texture_parameteri(ctx->r, v->target, v->view, GL_DEPTH_STENCIL_TEXTURE_MODE,
                               GL_STENCIL_INDEX);
    return true;
}


/* PIPE_TEX_WRAP_* to GL.  GL_CLAMP is not in core profiles: with both filters linear it is
 * clamp to border on a coordinate the shader clamps to [0, 1] (key.sampler_gl_clamp, set
 * from sampler_state.gl_clamp), with nearest filtering clamp to edge.  The mirror-clamp modes
 * are EXT_texture_mirror_clamp's where the host has it (caps.c offers them to the guest only
 * then), else the nearest core mode. */
static GLenum wrap_to_gl(const struct vrend_renderer *r, uint32_t w, bool clamp_to_border)
{
    static const GLenum m[] = { GL_REPEAT, GL_CLAMP_TO_EDGE, GL_CLAMP_TO_EDGE,
                                GL_CLAMP_TO_BORDER, GL_MIRRORED_REPEAT, GL_MIRROR_CLAMP_TO_EDGE,
                                GL_MIRROR_CLAMP_TO_EDGE, GL_MIRROR_CLAMP_TO_EDGE };
    if (r->mirror_clamp && (w & 7) == 5)
        return GL_MIRROR_CLAMP_EXT;
    if (r->mirror_clamp && (w & 7) == 7)
        return GL_MIRROR_CLAMP_TO_BORDER_EXT;
    if ((w & 7) == PIPE_TEX_WRAP_CLAMP && clamp_to_border)
        return GL_CLAMP_TO_BORDER;
    return m[w & 7];
}

/* The axes (bit i: wrap mode i) whose GL_CLAMP the shader emulates: linear filtering, on a
 * host with border clamping. */
static uint8_t gl_clamp_axes(const struct vrend_renderer *r, const uint8_t wrap[3],
                             uint8_t min_filter, uint8_t mag_filter)
{
    if (!(min_filter & 1) || !(mag_filter & 1) || !r->border_clamp)
        return 0;
    uint8_t axes = 0;
    for (int i = 0; i < 3; i++)
        if ((wrap[i] & 7) == PIPE_TEX_WRAP_CLAMP)
            axes |= (uint8_t)(1u << i);
    return axes;
}

void sampler_apply_to_texture(struct vrend_renderer *r, GLenum target,
                              const struct sampler_state *ss)
{
    static const GLenum minf[2][3] = {
        { GL_NEAREST_MIPMAP_NEAREST, GL_NEAREST_MIPMAP_LINEAR, GL_NEAREST },
        { GL_LINEAR_MIPMAP_NEAREST, GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR },
    };
    static const GLenum pnames[3] = { GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R_OES };
    for (int i = 0; i < (target == GL_TEXTURE_3D ? 3 : 2); i++)
        glTexParameteri(target, pnames[i],
                        (GLint)wrap_to_gl(r, ss->wrap[i], ss->gl_clamp & (1u << i)));
    glTexParameteri(target, GL_TEXTURE_MIN_FILTER,
                    (GLint)minf[ss->min_filter & 1][ss->mip_filter < 3 ? ss->mip_filter : 2]);
    glTexParameteri(target, GL_TEXTURE_MAG_FILTER, ss->mag_filter & 1 ? GL_LINEAR : GL_NEAREST);
    if (epoxy_has_gl_extension("GL_EXT_texture_border_clamp"))
        glTexParameterfv(target, GL_TEXTURE_BORDER_COLOR_EXT, ss->border);
    /* With GL_EXT_shadow_samplers the host compares; without, the shader does. */
    if (r->host_features & T2G_HOST_SHADOW_SAMPLERS) {
        glTexParameteri(target, GL_TEXTURE_COMPARE_MODE,
                        ss->compare ? GL_COMPARE_REF_TO_TEXTURE : GL_NONE);
        if (ss->compare)
            glTexParameteri(target, GL_TEXTURE_COMPARE_FUNC, GL_NEVER + ss->compare - 1);
    }
    while (glGetError() != GL_NO_ERROR)
        ;
}

/* A GL sampler object with the guest's state, clamping to the border on the gl_clamp axes
 * (sampler_state.gl_clamp); anisotropy only when `aniso` is set. */
static GLuint make_sampler(struct vrend_context *ctx, const struct create_sampler_state *c,
                           uint8_t gl_clamp, bool aniso)
{
    GLuint id = 0;
    if (ctx->r->gles)
        glGenSamplers(1, &id);
    else
        glCreateSamplers(1, &id);
    static const GLenum pnames[3] = { GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R };
    const uint8_t wrap[3] = { c->wrap_s, c->wrap_t, c->wrap_r };
    for (int i = 0; i < 3; i++)
        glSamplerParameteri(id, pnames[i], wrap_to_gl(ctx->r, wrap[i], gl_clamp & (1u << i)));
    /* PIPE_TEX_FILTER_NEAREST/LINEAR; PIPE_TEX_MIPFILTER_NEAREST/LINEAR/NONE. */
    bool min_linear = c->min_img_filter & 1, mag_linear = c->mag_img_filter & 1;
    uint32_t mip = c->min_mip_filter;
    static const GLenum minf[2][3] = {
        { GL_NEAREST_MIPMAP_NEAREST, GL_NEAREST_MIPMAP_LINEAR, GL_NEAREST },
        { GL_LINEAR_MIPMAP_NEAREST, GL_LINEAR_MIPMAP_LINEAR, GL_LINEAR },
    };
    glSamplerParameteri(id, GL_TEXTURE_MIN_FILTER, minf[min_linear][mip < 3 ? mip : 2]);
    glSamplerParameteri(id, GL_TEXTURE_MAG_FILTER, mag_linear ? GL_LINEAR : GL_NEAREST);
    glSamplerParameteri(id, GL_TEXTURE_COMPARE_MODE,
                        c->compare_mode ? GL_COMPARE_REF_TO_TEXTURE : GL_NONE);
    glSamplerParameteri(id, GL_TEXTURE_COMPARE_FUNC, GL_NEVER + c->compare_func);
    if (!ctx->r->gles) {
        glSamplerParameterf(id, GL_TEXTURE_LOD_BIAS, c->lod_bias);
        glSamplerParameteri(id, GL_TEXTURE_CUBE_MAP_SEAMLESS, c->seamless_cube_map);
    }
    glSamplerParameterf(id, GL_TEXTURE_MIN_LOD, c->min_lod);
    glSamplerParameterf(id, GL_TEXTURE_MAX_LOD, c->max_lod);
    if (aniso)
        glSamplerParameterf(id, GL_TEXTURE_MAX_ANISOTROPY_EXT, c->max_anisotropy);
    /* Border colours are raw bits: the same 4 dwords serve float and integer textures. */
    glSamplerParameterIuiv(id, GL_TEXTURE_BORDER_COLOR, c->border_color);
    while (glGetError() != GL_NO_ERROR)
        ;
    return id;
}

GLuint sampler_for_format(struct sampler_state *ss, GLuint id, const struct vformat *f)
{
    char swz[4];
    bool moved = false;
    for (int c = 0; c < 4; c++) {
        swz[c] = f ? f->swizzle[c] : "rgba"[c];
        moved |= swz[c] != "rgba"[c];
    }
    if (!moved || !ss->uses_border || !id)
        return id;
    if (ss->id_moved && ss->id_moved_base == id && !memcmp(ss->moved_swizzle, swz, 4))
        return ss->id_moved;
    if (!ss->id_moved)
        glGenSamplers(1, &ss->id_moved);
    static const GLenum ints[] = { GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R,
                                   GL_TEXTURE_MIN_FILTER, GL_TEXTURE_MAG_FILTER,
                                   GL_TEXTURE_COMPARE_MODE, GL_TEXTURE_COMPARE_FUNC };
    static const GLenum floats[] = { GL_TEXTURE_MIN_LOD, GL_TEXTURE_MAX_LOD,
                                     GL_TEXTURE_LOD_BIAS, GL_TEXTURE_MAX_ANISOTROPY_EXT };
    for (unsigned i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        GLint v;
        glGetSamplerParameteriv(id, ints[i], &v);
        glSamplerParameteri(ss->id_moved, ints[i], v);
    }
    for (unsigned i = 0; i < sizeof floats / sizeof floats[0]; i++) {
        GLfloat v = 0.0f;
        glGetSamplerParameterfv(id, floats[i], &v);
        if (glGetError() == GL_NO_ERROR)   /* no LOD bias on GLES, no anisotropy maybe */
            glSamplerParameterf(ss->id_moved, floats[i], v);
    }
    /* Stored channel j takes the border of the first channel c read from it. */
    uint32_t guest[4], host[4];
    memcpy(guest, ss->border, sizeof guest);
    memcpy(host, guest, sizeof host);
    bool set[4] = { false };
    for (int c = 0; c < 4; c++) {
        const char *at = memchr("rgba", swz[c], 4);
        int j = at ? (int)(at - "rgba") : -1;
        if (j >= 0 && !set[j]) {
            host[j] = guest[c];
            set[j] = true;
        }
    }
    glSamplerParameterIuiv(ss->id_moved, GL_TEXTURE_BORDER_COLOR, host);
    while (glGetError() != GL_NO_ERROR)
        ;
    ss->id_moved_base = id;
    memcpy(ss->moved_swizzle, swz, 4);
    return ss->id_moved;
}

/* Anisotropy has no meaning for a 1D footprint, and Mesa 22.3's llvmpipe crashes generating
 * code for a 1D texture sampled with it (fuzz_vrend: the guest's sampler state with
 * anisotropy 16 on a sampler1D's R8 view).  Samplers with anisotropy get a twin without it,
 * which 1D views are bound with (shaders.c). */
static bool create_sampler(struct vrend_context *ctx, struct vobj *o,
                           const struct create_sampler_state *c)
{
    struct sampler_state *ss = calloc(1, sizeof(*ss));
    if (!ss)
        return false;
    o->u.sampler = ss;
    memcpy(ss->wrap, (uint8_t[3]){ c->wrap_s, c->wrap_t, c->wrap_r }, 3);
    ss->min_filter = c->min_img_filter;
    ss->mip_filter = c->min_mip_filter;
    ss->mag_filter = c->mag_img_filter;
    ss->compare = c->compare_mode ? (uint8_t)(1 + (c->compare_func & 7)) : 0;
    memcpy(ss->border, c->border_color, sizeof ss->border);
    ss->gl_clamp = gl_clamp_axes(ctx->r, ss->wrap, ss->min_filter, ss->mag_filter);
    /* The odd modes read the border: CLAMP (linear), CLAMP_TO_BORDER and the mirrored two. */
    for (int i = 0; i < 3; i++)
        ss->uses_border |= ss->wrap[i] & 1;
    if (ctx->r->es2)
        return true;
    bool aniso = c->max_anisotropy > 1 && ctx->r->lim.max_aniso > 0;
    ss->id = make_sampler(ctx, c, ss->gl_clamp, aniso);
    if (aniso)
        ss->id_1d = make_sampler(ctx, c, ss->gl_clamp, false);
    ss->lod_bias = c->lod_bias;
    ss->min_lod = c->min_lod;
    ss->max_lod = c->max_lod;
    return true;
}

static bool create_surface(struct vrend_context *ctx, struct vobj *o,
                           const struct create_surface *c)
{
    struct vres *r = ctx_res(ctx, c->res_handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "surface: unknown resource %u", c->res_handle);
        return true;
    }
    struct surface *sf = calloc(1, sizeof(*sf));
    if (!sf)
        return false;
    sf->refs = 1;
    sf->res = r;
    vres_ref(r);
    sf->format = c->format;
    if (r->is_buffer) {
        sf->first_layer = c->first_element;
        sf->last_layer = c->last_element;
    } else {
        sf->level = c->level;
        sf->first_layer = c->first_layer;
        sf->last_layer = c->last_layer;
        if (sf->level > r->d.last_level)
            sf->level = r->d.last_level;
        /* A 3D level's slices are its layers (glFramebufferTexture3D's zoffset). */
        if (sf->last_layer >= vres_level_layers(r, sf->level))
            sf->last_layer = vres_level_layers(r, sf->level) - 1;
        if (sf->first_layer > sf->last_layer)
            sf->first_layer = sf->last_layer;
        /* A surface format that differs in GL storage (sRGB vs linear, a different
         * channel order of the same size) renders through a view. */
        const struct vformat *f = vformat_get(sf->format);
        /* A layered surface on some of the layers (a view of part of an array) attaches
         * only those: through a view of that layer range. */
        GLenum range_target = r->target == GL_TEXTURE_1D_ARRAY ? GL_TEXTURE_1D_ARRAY
                              : r->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY
                                  ? GL_TEXTURE_2D_MULTISAMPLE_ARRAY
                              : r->target == GL_TEXTURE_2D_ARRAY ||
                                      r->target == GL_TEXTURE_CUBE_MAP ||
                                      r->target == GL_TEXTURE_CUBE_MAP_ARRAY
                                  ? GL_TEXTURE_2D_ARRAY : 0;
        /* ES 2.0 has no texture views: the resource's texture is attached as it is. */
        bool views = !ctx->r->es2;
        bool sub_range = views && range_target && sf->first_layer != sf->last_layer &&
                         (sf->first_layer || sf->last_layer + 1 != vres_layers(r));
        if (sub_range) {
            while (glGetError() != GL_NO_ERROR)
                ;
            glGenTextures(1, &sf->view);
            glTextureView(sf->view, range_target, r->id,
                          f && f->internal ? f->internal : r->fmt->internal, 0,
                          r->d.last_level + 1, sf->first_layer,
                          sf->last_layer - sf->first_layer + 1);
            if (glGetError() != GL_NO_ERROR) {
                glDeleteTextures(1, &sf->view);
                sf->view = 0;
            }
        } else if (views && f && f->internal && f->internal != r->fmt->internal) {
            while (glGetError() != GL_NO_ERROR)
                ;
            glGenTextures(1, &sf->view);
            glTextureView(sf->view, r->target, r->id, f->internal, 0, r->d.last_level + 1, 0,
                          r->target == GL_TEXTURE_3D ? 1 : vres_layers(r));
            if (glGetError() != GL_NO_ERROR) {
                glDeleteTextures(1, &sf->view);
                sf->view = 0;
            }
        }
    }
    o->u.surf = sf;
    return true;
}

static bool create_query(struct vrend_context *ctx, struct vobj *o, const struct create_query *c)
{
    struct query *q = calloc(1, sizeof(*q));
    if (!q)
        return false;
    q->type = c->type;
    q->index = c->index;
    q->offset = c->offset;
    q->res = ctx_res(ctx, c->res_handle);
    if (q->res)
        vres_ref(q->res);
    static const GLenum targets[VIRGL_QUERY_TYPES] = {
        [VIRGL_QUERY_OCCLUSION_COUNTER] = GL_SAMPLES_PASSED,
        [VIRGL_QUERY_OCCLUSION_PREDICATE] = GL_ANY_SAMPLES_PASSED,
        [VIRGL_QUERY_OCCLUSION_PREDICATE_CONSERVATIVE] = GL_ANY_SAMPLES_PASSED_CONSERVATIVE,
        [VIRGL_QUERY_TIMESTAMP] = GL_TIMESTAMP,
        [VIRGL_QUERY_TIME_ELAPSED] = GL_TIME_ELAPSED,
        [VIRGL_QUERY_PRIMITIVES_GENERATED] = GL_PRIMITIVES_GENERATED,
        [VIRGL_QUERY_PRIMITIVES_EMITTED] = GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN,
        [VIRGL_QUERY_SO_OVERFLOW_PREDICATE] = GL_TRANSFORM_FEEDBACK_STREAM_OVERFLOW,
        [VIRGL_QUERY_SO_OVERFLOW_ANY_PREDICATE] = GL_TRANSFORM_FEEDBACK_OVERFLOW,
    };
    q->gl_target = q->type < VIRGL_QUERY_TYPES ? targets[q->type] : 0;
    if (ctx->r->gles)
        q->gl_target = gles_query_target(q->gl_target);
    if (q->gl_target)
        glGenQueries(1, &q->id);
    o->u.query = q;
    return true;
}

/* Logs the vertex elements no draw can use (their attributes stay disabled, draw.c). */
static void vertex_elements_check(struct vrend_context *ctx, const struct vertex_elements *ve)
{
    for (uint32_t i = 0; i < ve->count; i++) {
        const struct vformat *f = vformat_get(ve->el[i].format);
        if (!f || !f->vcomps || ve->el[i].vb_index >= MAX_VBUFS)
            vlog(ctx->r, VREND_LOG_WARN, "vertex element %u: format %u / buffer %u unusable",
                 i, ve->el[i].format, ve->el[i].vb_index);
    }
}

bool exec_create_object(struct vrend_context *ctx, const struct cmd_create_object *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    uint32_t type = c->type, handle = c->handle;

    /* Shader text may arrive in pieces; a continuation extends an existing object. */
    if (type == OBJ_SHADER && c->u.shader.continuation) {
        struct vobj *o = sub_obj(s, handle, OBJ_SHADER);
        if (!o || !o->u.shader)
            return ctx_err(ctx, "shader continuation for unknown handle %u", handle);
        return shader_continue(ctx, o->u.shader, &c->u.shader);
    }
    if (htable_get(&s->objs, handle)) {
        vlog(ctx->r, VREND_LOG_WARN, "create object: handle %u already used, replacing", handle);
        obj_destroy(ctx, s, htable_remove(&s->objs, handle));
    }
    struct vobj *o = calloc(1, sizeof(*o));
    if (!o)
        return false;
    o->type = type;
    bool ok = true;
    switch (type) {
    case OBJ_BLEND:
        o->u.blend = c->u.blend;
        break;
    case OBJ_RASTERIZER:
        o->u.rs = c->u.rs;
        break;
    case OBJ_DSA:
        o->u.dsa = c->u.dsa;
        break;
    case OBJ_SHADER:
        o->u.shader = shader_create(ctx, &c->u.shader);
        ok = o->u.shader != NULL;
        break;
    case OBJ_VERTEX_ELEMENTS:
        o->u.ve = malloc(sizeof *o->u.ve);
        ok = o->u.ve != NULL;
        if (ok) {
            *o->u.ve = c->u.ve;
            vertex_elements_check(ctx, o->u.ve);
        }
        break;
    case OBJ_SAMPLER_VIEW:
        ok = create_view(ctx, o, &c->u.view);
        break;
    case OBJ_SAMPLER_STATE:
        ok = create_sampler(ctx, o, &c->u.sampler);
        break;
    case OBJ_SURFACE:
    case OBJ_MSAA_SURFACE:
        ok = create_surface(ctx, o, &c->u.surface);
        break;
    case OBJ_QUERY:
        ok = create_query(ctx, o, &c->u.query);
        break;
    case OBJ_STREAMOUT_TARGET:
        ok = so_target_create(ctx, &o->u.so, &c->u.so_target);
        break;
    }
    if (!ok || !htable_put(&s->objs, handle, o)) {
        obj_destroy(ctx, s, o);
        return false;
    }
    return true;
}

void obj_destroy(struct vrend_context *ctx, struct sub_ctx *s, struct vobj *o)
{
    if (!o)
        return;
    if (s->blend == o) s->blend = NULL;
    if (s->dsa == o) s->dsa = NULL;
    if (s->rs == o) s->rs = NULL;
    if (s->ve == o) s->ve = NULL;
    switch (o->type) {
    case OBJ_SHADER:
        if (o->u.shader)
            shader_unref(o->u.shader);
        break;
    case OBJ_VERTEX_ELEMENTS:
        free(o->u.ve);
        break;
    case OBJ_SAMPLER_VIEW:
        view_unref(o->u.view);
        break;
    case OBJ_SAMPLER_STATE:
        if (o->u.sampler) {
            for (int st = 0; st < SHADER_TYPES; st++)
                for (int i = 0; i < MAX_SLOTS; i++)
                    if (s->samplers[st][i] == o->u.sampler)
                        s->samplers[st][i] = NULL;
            if (o->u.sampler->id)   /* none on ES 2.0 hosts */
                glDeleteSamplers(1, &o->u.sampler->id);
            if (o->u.sampler->id_1d)
                glDeleteSamplers(1, &o->u.sampler->id_1d);
            if (o->u.sampler->id_moved)
                glDeleteSamplers(1, &o->u.sampler->id_moved);
            free(o->u.sampler);
        }
        break;
    case OBJ_SURFACE:
    case OBJ_MSAA_SURFACE:
        surface_unref(o->u.surf);
        break;
    case OBJ_QUERY:
        if (o->u.query) {
            if (s->cond_query == o->u.query)
                s->cond_query = NULL;
            if (o->u.query->active &&
                o->u.query->gl_target == GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN &&
                ctx->xfb_written_queries)
                ctx->xfb_written_queries--;
            if (o->u.query->id)
                glDeleteQueries(1, &o->u.query->id);
            vres_unref(ctx, o->u.query->res);
            free(o->u.query);
        }
        break;
    case OBJ_STREAMOUT_TARGET:
        streamout_target_destroyed(s, &o->u.so);
        vres_unref(ctx, o->u.so.res);
        break;
    }
    free(o);
}

bool exec_bind_object(struct vrend_context *ctx, const struct cmd_bind_object *c)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t type = c->type, handle = c->handle;
    struct vobj *o = handle ? sub_obj(s, handle, type) : NULL;
    if (handle && !o) {
        vlog(ctx->r, VREND_LOG_WARN, "bind object: no type-%u object %u", type, handle);
        return true;
    }
    /* The key reads the depth/stencil/alpha state (alpha test) and the rasterizer state
     * (point sprites, clip planes, flat shading, stipple, two-sided colour), and the
     * driver uniforms some of both (alpha reference, point size); the rasterizer state
     * also decides the depth range mode of the viewports. */
    switch (type) {
    case OBJ_BLEND:
        s->blend = o;
        /* GLES hosts key the fragment shader by the logic op (shaders.c). */
        ctx->draw_dirty |= DRAW_BLEND | (ctx->r->gles ? DRAW_PROG : 0);
        break;
    case OBJ_DSA: s->dsa = o; ctx->draw_dirty |= DRAW_DSA | DRAW_PROG | DRAW_DRIVER; break;
    case OBJ_RASTERIZER:
        s->rs = o;
        ctx->draw_dirty |= DRAW_RS | DRAW_VIEWPORT | DRAW_PROG | DRAW_DRIVER;
        break;
    case OBJ_VERTEX_ELEMENTS: s->ve = o; ctx->draw_dirty |= DRAW_VE | DRAW_PROG; break;
    default:
        return ctx_err(ctx, "bind object: type %u cannot be bound", type);
    }
    return true;
}

bool exec_destroy_object(struct vrend_context *ctx, const struct cmd_destroy_object *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vobj *o = htable_remove(&ctx->sub->objs, c->handle);
    if (o)
        obj_destroy(ctx, ctx->sub, o);
    return true;
}
