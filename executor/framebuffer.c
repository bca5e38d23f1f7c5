/* framebuffer.c: the sub-context FBO, fixed-function state applied per draw, and the
 * framebuffer-level commands (clear, clear_texture, blit, copy_region). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_blit.h"
#include "gles_draw.h"
#include "vrend_priv.h"
#include "window_space.h"

static void attach(struct vrend_renderer *rr, GLuint fbo, GLenum point, struct surface *sf)
{
    if (!sf || sf->res->is_buffer) {
        glc_fb_texture(rr, fbo, point, 0, 0);
        return;
    }
    struct vres *r = sf->res;
    GLuint tex = sf->view ? sf->view : r->id;
    bool layered_res = r->target == GL_TEXTURE_3D || r->target == GL_TEXTURE_CUBE_MAP ||
                       vres_layers(r) > 1;
    if (layered_res && sf->first_layer == sf->last_layer)
        glc_fb_texture_layer(rr, fbo, point, r->target, tex, sf->level, sf->first_layer);
    else
        glc_fb_texture(rr, fbo, point, tex, sf->level);
}

/* Where data of format f attaches as the depth/stencil buffer: never a colour point, so a
 * guest that sets a colour format there cannot displace colour buffer 0. A NULL format (a
 * buffer of any format: attach() detaches buffer surfaces whatever the point) takes both. */
static GLenum zs_point_of(const struct vformat *f)
{
    if (!f)
        return GL_DEPTH_STENCIL_ATTACHMENT;
    bool d = f->flags & FMT_HAS_DEPTH, s = f->flags & FMT_STENCIL;
    return d && s ? GL_DEPTH_STENCIL_ATTACHMENT : s ? GL_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT;
}

static GLenum zs_point(const struct surface *z)
{
    const struct vformat *f = vformat_get(z->format);
    return zs_point_of(f ? f : z->res->fmt);
}

bool fb_bind(struct vrend_context *ctx)
{
    struct sub_ctx *s = ctx->sub;
    if (s->fb_dirty) {
        GLenum bufs[8];
        for (int i = 0; i < 8; i++) {
            attach(ctx->r, s->fbo, GL_COLOR_ATTACHMENT0 + i, s->cbufs[i]);
            bufs[i] = s->cbufs[i] ? GL_COLOR_ATTACHMENT0 + i : GL_NONE;
        }
        glc_fb_texture(ctx->r, s->fbo, GL_DEPTH_STENCIL_ATTACHMENT, 0, 0);
        if (s->zsurf)
            attach(ctx->r, s->fbo, zs_point(s->zsurf), s->zsurf);
        glc_fb_draw_buffers(ctx->r, s->fbo, 8, bufs);
        glc_fb_read_buffer(ctx->r, s->fbo, s->cbufs[0] ? GL_COLOR_ATTACHMENT0 : GL_NONE);
        if (!s->nr_cbufs && !s->zsurf) {
            struct vrend_renderer *rr = ctx->r;
            glc_fb_parameteri(rr, s->fbo, GL_FRAMEBUFFER_DEFAULT_WIDTH, s->fb_noattach_w);
            glc_fb_parameteri(rr, s->fbo, GL_FRAMEBUFFER_DEFAULT_HEIGHT, s->fb_noattach_h);
            glc_fb_parameteri(rr, s->fbo, GL_FRAMEBUFFER_DEFAULT_LAYERS, s->fb_noattach_layers);
            glc_fb_parameteri(rr, s->fbo, GL_FRAMEBUFFER_DEFAULT_SAMPLES, s->fb_noattach_samples);
        }
        /* Completeness changes only with the attachments: surfaces hold their resources,
         * whose storage is immutable. */
        s->fb_status = glc_fb_status(ctx->r, s->fbo);
        s->fb_dirty = false;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, s->fbo);
    if (s->fb_status != GL_FRAMEBUFFER_COMPLETE) {
        vlog(ctx->r, VREND_LOG_WARN, "context %s: framebuffer incomplete (0x%x)", ctx->name,
             s->fb_status);
        return false;
    }
    return true;
}

/* Height of the framebuffer, for the y-flip terms of the driver uniforms. */
static uint32_t fb_height(struct sub_ctx *s)
{
    struct surface *sf = s->cbufs[0] ? s->cbufs[0] : s->zsurf;
    for (int i = 0; !sf && i < 8; i++)
        sf = s->cbufs[i];
    if (!sf)
        return s->fb_noattach_h;
    return vres_level_height(sf->res, sf->level);
}

bool fb_flipped(struct sub_ctx *s)
{
    return s->vp_scale[0][1] < 0;
}

static GLenum blend_factor(uint32_t f)
{
    switch (f) {
    case 0x01: return GL_ONE;
    case 0x02: return GL_SRC_COLOR;
    case 0x03: return GL_SRC_ALPHA;
    case 0x04: return GL_DST_ALPHA;
    case 0x05: return GL_DST_COLOR;
    case 0x06: return GL_SRC_ALPHA_SATURATE;
    case 0x07: return GL_CONSTANT_COLOR;
    case 0x08: return GL_CONSTANT_ALPHA;
    case 0x09: return GL_SRC1_COLOR;
    case 0x0a: return GL_SRC1_ALPHA;
    case 0x12: return GL_ONE_MINUS_SRC_COLOR;
    case 0x13: return GL_ONE_MINUS_SRC_ALPHA;
    case 0x14: return GL_ONE_MINUS_DST_ALPHA;
    case 0x15: return GL_ONE_MINUS_DST_COLOR;
    case 0x17: return GL_ONE_MINUS_CONSTANT_COLOR;
    case 0x18: return GL_ONE_MINUS_CONSTANT_ALPHA;
    case 0x19: return GL_ONE_MINUS_SRC1_COLOR;
    case 0x1a: return GL_ONE_MINUS_SRC1_ALPHA;
    default: return GL_ZERO;
    }
}

static GLenum blend_func(uint32_t f)
{
    static const GLenum m[] = { GL_FUNC_ADD, GL_FUNC_SUBTRACT, GL_FUNC_REVERSE_SUBTRACT, GL_MIN,
                                GL_MAX };
    return f < 5 ? m[f] : GL_FUNC_ADD;
}

static GLenum stencil_op(uint32_t o)
{
    static const GLenum m[] = { GL_KEEP, GL_ZERO, GL_REPLACE, GL_INCR, GL_DECR, GL_INCR_WRAP,
                                GL_DECR_WRAP, GL_INVERT };
    return m[o & 7];
}

static void enable(GLenum cap, bool on)
{
    if (on)
        glEnable(cap);
    else
        glDisable(cap);
}

/* A colour mask as the host stores the surface's format: a format kept in other channels
 * ("000r": alpha in red) writes each stored channel under the mask bit of the component
 * it is read back as (the shader moves the outputs alike, shaders.c output_swizzle). */
static uint32_t stored_mask(const struct surface *sf, uint32_t guest_mask)
{
    const struct vformat *f = sf ? vformat_get(sf->format) : NULL;
    if (!f || !memcmp(f->swizzle, "rgba", 4))
        return guest_mask;
    uint32_t m = 0;
    for (int c = 0; c < 4; c++) {
        int j = vformat_stored_as(f, c);
        if (j >= 0)
            m |= ((guest_mask >> j) & 1u) << c;
    }
    return m;
}

/* A buffer whose format has no alpha (its swizzle reads 1: RGBX kept in RGBA storage) has a
 * destination alpha of 1 in GL, whatever its storage holds: the factors that read it
 * become constants (SRC_ALPHA_SATURATE = min(As, 1 - Ad) is 0 for colour, 1 for alpha). */
static uint32_t no_dst_alpha_factor(uint32_t f, bool alpha)
{
    enum { ONE = 0x01, DST_ALPHA = 0x04, SATURATE = 0x06, ZERO = 0x11, INV_DST_ALPHA = 0x14 };
    switch (f) {
    case DST_ALPHA: return ONE;
    case INV_DST_ALPHA: return ZERO;
    case SATURATE: return alpha ? ONE : ZERO;
    default: return f;
    }
}

/* The host's advanced equation for the blend state and program, 0 for none: Mesa's enum
 * gl_advanced_blend_mode, set only where the fragment shader declares the mode (the host
 * would refuse the draw; Mesa checked it in the guest already). */
static GLenum advanced_equation(struct vrend_context *ctx, const struct blend_state *b,
                                const struct program *prog)
{
    static const GLenum eq[16] = {
        0, GL_MULTIPLY_KHR, GL_SCREEN_KHR, GL_OVERLAY_KHR, GL_DARKEN_KHR, GL_LIGHTEN_KHR,
        GL_COLORDODGE_KHR, GL_COLORBURN_KHR, GL_HARDLIGHT_KHR, GL_SOFTLIGHT_KHR,
        GL_DIFFERENCE_KHR, GL_EXCLUSION_KHR, GL_HSL_HUE_KHR, GL_HSL_SATURATION_KHR,
        GL_HSL_COLOR_KHR, GL_HSL_LUMINOSITY_KHR,
    };
    const struct shader_variant *fs = prog ? prog->v[SHADER_FRAGMENT] : NULL;
    if (!b->advanced || b->advanced >= 16 || !fs || ctx->r->es2 ||
        !(ctx->r->host_features & T2G_HOST_BLEND_EQUATION_ADVANCED))
        return 0;
    if (!((fs->refl->fs_blend_support >> b->advanced) & 1)) {
        vlog(ctx->r, VREND_LOG_WARN, "advanced blend mode %u: the fragment shader does not "
             "declare it, drawn without blending", b->advanced);
        return 0;
    }
    return eq[b->advanced];
}

/* A buffer that keeps alpha in red ("000r") blends its red channel with the guest's alpha
 * equation: the factors that read an alpha read red (the destination's stored alpha, the
 * constant's alpha); the shader writes the source alpha to red and alpha alike. */
static uint32_t alpha_in_red_factor(uint32_t f)
{
    enum { ONE = 0x01, SRC_COLOR = 0x02, SRC_ALPHA = 0x03, DST_ALPHA = 0x04, DST_COLOR = 0x05,
           SATURATE = 0x06, CONST_COLOR = 0x07, CONST_ALPHA = 0x08, SRC1_COLOR = 0x09,
           SRC1_ALPHA = 0x0a, INV = 0x10 };
    switch (f & ~(uint32_t)INV) {
    case SRC_COLOR: return (f & INV) | SRC_ALPHA;
    case DST_ALPHA: return (f & INV) | DST_COLOR;
    case CONST_COLOR: return (f & INV) | CONST_ALPHA;
    case SRC1_COLOR: return (f & INV) | SRC1_ALPHA;
    case SATURATE: return f == SATURATE ? ONE : f;   /* min(As, 1 - Ad) is 1 for alpha */
    default: return f;
    }
}

static void apply_blend(struct vrend_context *ctx, struct sub_ctx *s, const struct program *prog)
{
    static const GLenum logic[16] = {
        GL_CLEAR, GL_NOR, GL_AND_INVERTED, GL_COPY_INVERTED, GL_AND_REVERSE, GL_INVERT, GL_XOR,
        GL_NAND, GL_AND, GL_EQUIV, GL_NOOP, GL_OR_INVERTED, GL_COPY, GL_OR_REVERSE, GL_OR, GL_SET,
    };
    struct blend_state dflt = { .rt = { { .colormask = PIPE_MASK_RGBA } } };
    const struct blend_state *b = s->blend ? &s->blend->u.blend : &dflt;
    bool gles = ctx->r->gles;   /* GLES has neither logic ops nor alpha-to-one */
    if (!gles)
        enable(GL_COLOR_LOGIC_OP, b->logicop_enable);
    if (!gles && b->logicop_enable)
        glLogicOp(logic[b->logicop_func]);
    enable(GL_SAMPLE_ALPHA_TO_COVERAGE, b->alpha_to_coverage);
    if (!gles)
        enable(GL_SAMPLE_ALPHA_TO_ONE, b->alpha_to_one);
    enable(GL_DITHER, b->dither);
    GLenum advanced = advanced_equation(ctx, b, prog);
    if (advanced) {
        glBlendEquation(advanced);   /* no per-buffer form */
        ctx->r->blend_advanced_set = true;
    } else if (ctx->r->blend_advanced_set) {
        glBlendEquation(GL_FUNC_ADD);
        ctx->r->blend_advanced_set = false;
    }
    for (int i = 0; i < 8; i++) {
        struct blend_rt fixed = b->rt[b->independent ? i : 0];
        const struct vformat *f = s->cbufs[i] ? vformat_get(s->cbufs[i]->format) : NULL;
        if (f && f->swizzle[3] == '1') {
            fixed.rgb_src_factor = no_dst_alpha_factor(fixed.rgb_src_factor, false);
            fixed.rgb_dst_factor = no_dst_alpha_factor(fixed.rgb_dst_factor, false);
            fixed.alpha_src_factor = no_dst_alpha_factor(fixed.alpha_src_factor, true);
            fixed.alpha_dst_factor = no_dst_alpha_factor(fixed.alpha_dst_factor, true);
        }
        if (f && !memcmp(f->swizzle, "000r", 4)) {
            fixed.rgb_func = fixed.alpha_func;
            fixed.rgb_src_factor = alpha_in_red_factor(fixed.alpha_src_factor);
            fixed.rgb_dst_factor = alpha_in_red_factor(fixed.alpha_dst_factor);
        }
        /* A logic op the shader applies (GLES, shaders.c) replaces blending. */
        if (gles && b->logicop_enable && b->logicop_func != LOGICOP_COPY &&
            (ctx->r->host_features & T2G_HOST_FRAMEBUFFER_FETCH))
            fixed.blend_enable = false;
        const struct blend_rt *rt = &fixed;
        if (advanced) {
            /* Buffer 0 only: the one KHR_blend_equation_advanced blends. */
            if (i == 0)
                glEnablei(GL_BLEND, 0);
            else
                glDisablei(GL_BLEND, i);
        } else if (ctx->r->es2) {
            if (i == 0 && rt->blend_enable) {
                glEnable(GL_BLEND);
                glBlendEquationSeparate(blend_func(rt->rgb_func), blend_func(rt->alpha_func));
                glBlendFuncSeparate(blend_factor(rt->rgb_src_factor),
                                    blend_factor(rt->rgb_dst_factor),
                                    blend_factor(rt->alpha_src_factor),
                                    blend_factor(rt->alpha_dst_factor));
            } else if (i == 0) {
                glDisable(GL_BLEND);
            }
        } else if (rt->blend_enable) {
            glEnablei(GL_BLEND, i);
            glBlendEquationSeparatei(i, blend_func(rt->rgb_func), blend_func(rt->alpha_func));
            glBlendFuncSeparatei(i, blend_factor(rt->rgb_src_factor),
                                 blend_factor(rt->rgb_dst_factor),
                                 blend_factor(rt->alpha_src_factor),
                                 blend_factor(rt->alpha_dst_factor));
        } else {
            glDisablei(GL_BLEND, i);
        }
        uint32_t m = stored_mask(s->cbufs[i], rt->colormask);
        glc_color_mask(ctx->r, i, m & 1, (m >> 1) & 1, (m >> 2) & 1, (m >> 3) & 1);
    }
}

static void apply_dsa(struct sub_ctx *s)
{
    struct dsa_state dflt = { 0 };
    const struct dsa_state *d = s->dsa ? &s->dsa->u.dsa : &dflt;
    enable(GL_DEPTH_TEST, d->depth_enabled);
    glDepthMask(d->depth_writemask);
    glDepthFunc(GL_NEVER + d->depth_func);
    bool st = d->stencil[0].enabled;
    enable(GL_STENCIL_TEST, st);
    if (st) {
        for (int face = 0; face < 2; face++) {
            /* Two-sided stencil off: the back face follows the front, its reference value
             * included (Mesa's clear quad sets only the front one). */
            int src = face == 1 && !d->stencil[1].enabled ? 0 : face;
            const struct stencil_state *w = &d->stencil[src];
            GLenum gface = ws_face(face ? 2 : 1);
            uint32_t ref = s->stencil_ref[src];
            glStencilFuncSeparate(gface, GL_NEVER + w->func, ref, w->valuemask);
            glStencilOpSeparate(gface, stencil_op(w->fail_op), stencil_op(w->zfail_op),
                                stencil_op(w->zpass_op));
            glStencilMaskSeparate(gface, w->writemask);
        }
    }
}

static void apply_rasterizer(struct vrend_context *ctx, struct sub_ctx *s)
{
    struct rs_state dflt = { .depth_clip = true, .front_ccw = true, .half_pixel_center = true,
                             .line_width = 1, .point_size = 1 };
    const struct rs_state *r = s->rs ? &s->rs->u.rs : &dflt;
    bool gles = ctx->r->gles;
    /* On GLES depth clamp and clip control come from extensions (caps_gles.c offers the
     * guest only what the host has). */
    if (!gles || ctx->r->gles_depth_clamp)
        enable(GL_DEPTH_CLAMP, !r->depth_clip);
    if (!gles || ctx->r->gles_clip_control)
        glClipControl(GL_LOWER_LEFT, r->clip_halfz ? GL_ZERO_TO_ONE : GL_NEGATIVE_ONE_TO_ONE);
    if (!ctx->r->es2)
        enable(GL_RASTERIZER_DISCARD, r->rasterizer_discard);
    if (!gles)
        glProvokingVertex(r->flatshade_first ? GL_FIRST_VERTEX_CONVENTION
                                             : GL_LAST_VERTEX_CONVENTION);
    /* The host's origin does the whole sprite_coord_mode, the shader does not flip. */
    if (!gles)
        glPointParameteri(GL_POINT_SPRITE_COORD_ORIGIN, ws_sprite_origin(r->sprite_coord_mode));
    uint32_t cull = r->cull_face;
    enable(GL_CULL_FACE, cull != 0);
    if (cull)
        glCullFace(ws_face(cull));
    if (!gles) {
        static const GLenum fill[] = { GL_FILL, GL_LINE, GL_POINT, GL_FILL };
        glPolygonMode(GL_FRONT_AND_BACK, fill[r->fill_front & 3]);
    }
    enable(GL_SCISSOR_TEST, r->scissor);
    bool ccw = r->front_ccw;
    /* The host's front is the guest's back, whatever the viewport's sign (window_space.h). */
    glFrontFace(ws_front_face(ccw));
    if (!gles) {
        enable(GL_POLYGON_OFFSET_LINE, r->offset_line);
        enable(GL_POLYGON_OFFSET_POINT, r->offset_point);
        enable(GL_POLYGON_OFFSET_FILL, r->offset_tri);
        enable(GL_POLYGON_SMOOTH, r->poly_smooth);
        enable(GL_PROGRAM_POINT_SIZE, r->point_size_per_vertex);
        enable(GL_MULTISAMPLE, r->multisample);
        enable(GL_LINE_SMOOTH, r->line_smooth);
        glPointSize(r->point_size > 0 ? r->point_size : 1);
    } else {
        /* GLES fills polygons in line mode, so they take the guest's line offset; the
         * points drawn for point mode move in the shader (key.depth_offset_from_driver). */
        enable(GL_POLYGON_OFFSET_FILL,
               r->fill_front == PIPE_POLYGON_MODE_LINE    ? r->offset_line
               : r->fill_front == PIPE_POLYGON_MODE_POINT ? r->offset_point
                                                          : r->offset_tri);
    }
    glLineWidth(r->line_width > 0 ? r->line_width : 1);
    if ((!gles || ctx->r->gles_offset_clamp) && r->offset_clamp != 0)
        glPolygonOffsetClamp(r->offset_scale, r->offset_units, r->offset_clamp);
    else
        glPolygonOffset(r->offset_scale, r->offset_units);
    for (int i = 0; i < 8 && !ctx->r->es2; i++)
        enable(GL_CLIP_DISTANCE0 + i, (r->clip_plane_enable >> i) & 1);
}

void state_apply(struct vrend_context *ctx, uint32_t what, const struct program *prog)
{
    struct sub_ctx *s = ctx->sub;
    if (what & DRAW_BLEND)
        apply_blend(ctx, s, prog);
    if (what & (DRAW_BLEND | DRAW_BLEND_COLOR))
        glBlendColor(s->blend_color[0], s->blend_color[1], s->blend_color[2], s->blend_color[3]);
    if (what & DRAW_DSA)
        apply_dsa(s);
    if (what & DRAW_RS)
        apply_rasterizer(ctx, s);
    bool halfz = s->rs && s->rs->u.rs.clip_halfz;
    int nvp = ctx->r->lim.max_viewports < 16 ? ctx->r->lim.max_viewports : 16;
    for (int i = 0; i < nvp && (what & DRAW_VIEWPORT); i++) {
        float sx = s->vp_scale[i][0], sy = s->vp_scale[i][1], sz = s->vp_scale[i][2];
        float tx = s->vp_trans[i][0], ty = s->vp_trans[i][1], tz = s->vp_trans[i][2];
        float ax = sx < 0 ? -sx : sx, ay = sy < 0 ? -sy : sy;
        double n = halfz ? tz : tz - sz, f = tz + sz;
        if (ctx->r->es2) {
            /* One viewport; glViewport takes integers (the guest's are whole pixels). */
            glViewport((GLint)(tx - ax), (GLint)(ty - ay), (GLsizei)(2 * ax), (GLsizei)(2 * ay));
            glDepthRangef((GLfloat)n, (GLfloat)f);
            continue;
        }
        glViewportIndexedf(i, tx - ax, ty - ay, 2 * ax, 2 * ay);
        if (ctx->r->gles)
            glDepthRangeIndexedfOES(i, (GLfloat)n, (GLfloat)f);
        else
            glDepthRangeIndexed(i, n, f);
    }
    for (int i = 0; i < nvp && (what & DRAW_SCISSOR); i++) {
        /* Rows as the guest counts them (window_space.h). */
        int minx = s->scissor[i].minx, miny = s->scissor[i].miny, maxx = s->scissor[i].maxx,
            maxy = s->scissor[i].maxy;
        if (ctx->r->es2)
            glScissor(minx, miny, maxx > minx ? maxx - minx : 0, maxy > miny ? maxy - miny : 0);
        else
            glScissorIndexed(i, minx, miny, maxx > minx ? maxx - minx : 0,
                             maxy > miny ? maxy - miny : 0);
    }
    if ((what & DRAW_SAMPLE) && !ctx->r->es2) {
        enable(GL_SAMPLE_MASK, s->sample_mask != ~0u);
        glSampleMaski(0, s->sample_mask);
        /* Sample shading: desktop GL 4.0, GLES 3.2. */
        if (!ctx->r->gles || ctx->r->gl_version >= 32) {
            enable(GL_SAMPLE_SHADING, s->min_samples > 1);
            if (s->min_samples > 1)
                glMinSampleShading(1.0f);
        }
    }
    if (!ctx->r->gles && (what & DRAW_TESS)) {
        glPatchParameterfv(GL_PATCH_DEFAULT_OUTER_LEVEL, s->tess_outer);
        glPatchParameterfv(GL_PATCH_DEFAULT_INNER_LEVEL, s->tess_inner);
    }
    /* Blits may turn sRGB writes off; any command but the few that only set draw state
     * dirties everything, so this runs after each of them. */
    if ((what & DRAW_FIXED) == DRAW_FIXED && (!ctx->r->gles || ctx->r->gles_srgb_write_control))
        glEnable(GL_FRAMEBUFFER_SRGB);
}

/* The LOD state of the sampler and view at one slot, as lower_lod_bias and lower_query_lod
 * read it: the highest level a lookup can reach is 0 without mipmapping. */
static void fill_sampler_lod(const struct sampler_state *ss, const struct sampler_view *v,
                             struct t2g_driver_sampler_lod *l)
{
    uint32_t levels = v && v->last >= v->first ? v->last - v->first + 1 : 1;
    l->bias = ss->lod_bias;
    l->min_lod = ss->min_lod;
    l->max_lod = ss->max_lod;
    l->max_level = ss->mip_filter == T2G_MIP_FILTER_NONE ? 0.0f : (float)(levels - 1);
}

void fill_driver_uniforms(struct vrend_context *ctx, struct driver_block *d)
{
    struct sub_ctx *s = ctx->sub;
    memset(d, 0, sizeof *d);
    if (ctx->r->gles)
        for (int st = 0; st < SHADER_TYPES; st++)
            for (int n = 0; n < MAX_SLOTS && n < T2G_MAX_SAMPLERS; n++)
                if (s->samplers[st][n])
                    fill_sampler_lod(s->samplers[st][n], s->views[st][n], &d->lod[n][st]);
    struct t2g_driver_uniforms *u = &d->u;
    memcpy(u->clip_planes, s->clip_planes, sizeof u->clip_planes);
    memcpy(u->stipple, s->stipple, sizeof u->stipple);
    u->alpha_ref = s->dsa ? s->dsa->u.dsa.alpha_ref : 0;
    u->point_size = s->rs ? s->rs->u.rs.point_size : 1;
    float h = (float)fb_height(s);
    u->fragcoord_y[0] = -1.0f;
    u->fragcoord_y[1] = h;
    u->viewport_size[0] = 2 * (s->vp_scale[0][0] < 0 ? -s->vp_scale[0][0] : s->vp_scale[0][0]);
    u->viewport_size[1] = 2 * (s->vp_scale[0][1] < 0 ? -s->vp_scale[0][1] : s->vp_scale[0][1]);
    if (ctx->r->gles && s->zsurf)
        u->depth_offset = gles_points_depth_offset(s->rs ? &s->rs->u.rs : NULL, s->zsurf->format,
                                                   s->vp_scale[0][2]);
}

/* Puts the guest's render condition on the commands that follow; false where it discards
 * them.  GLES's GL_NV_conditional_render has no inverted modes: there the query's result
 * is waited for and tested here (a no-wait mode may wait: GL lets it draw either way). */
static bool begin_cond(struct vrend_context *ctx)
{
    struct sub_ctx *s = ctx->sub;
    if (!s->cond_query || !s->cond_query->id)
        return true;
    if (s->cond_invert && ctx->r->gles) {
        GLuint passed = 0;
        glGetQueryObjectuiv(s->cond_query->id, GL_QUERY_RESULT, &passed);
        return passed == 0;
    }
    static const GLenum modes[] = { GL_QUERY_WAIT, GL_QUERY_NO_WAIT, GL_QUERY_BY_REGION_WAIT,
                                    GL_QUERY_BY_REGION_NO_WAIT };
    GLenum m = modes[s->cond_mode & 3];
    if (s->cond_invert)
        m = m - GL_QUERY_WAIT + GL_QUERY_WAIT_INVERTED;
    glBeginConditionalRender(s->cond_query->id, m);
    s->cond_begun = true;
    return true;
}

static void end_cond(struct vrend_context *ctx)
{
    if (ctx->sub->cond_begun)
        glEndConditionalRender();
    ctx->sub->cond_begun = false;
}

bool render_condition_begin(struct vrend_context *ctx) { return begin_cond(ctx); }
void render_condition_end(struct vrend_context *ctx) { end_cond(ctx); }

/* Formats the host stores in other channels (alpha and luminance in red, "000r" / "rrr1")
 * are cleared in storage order: each stored channel takes the clear component that the
 * sampling swizzle reads from it (an A8 clear writes its alpha into red). */
static void clear_color_to_storage(const struct vformat *f, const uint32_t in[4], uint32_t out[4])
{
    memcpy(out, in, 4 * sizeof *out);
    if (!memcmp(f->swizzle, "rgba", 4))
        return;
    for (int c = 0; c < 4; c++)
        for (int j = 0; j < 4; j++)
            if (f->swizzle[j] == "rgba"[c]) {
                out[c] = in[j];
                break;
            }
}

bool exec_clear(struct vrend_context *ctx, const struct cmd_clear *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    uint32_t buffers = c->buffers, stencil = c->stencil;
    double depth = c->depth;
    if (!fb_bind(ctx))
        return true;
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_RASTERIZER_DISCARD);
    /* As for draws (state_apply): the surface's format (an sRGB or a linear view) says
     * whether to encode, so encoding stays on; a blit may have turned it off. */
    if (!ctx->r->gles || ctx->r->gles_srgb_write_control)
        glEnable(GL_FRAMEBUFFER_SRGB);
    if (!begin_cond(ctx))
        return true;
    for (uint32_t i = 0; i < 8; i++) {
        if (!(buffers & (PIPE_CLEAR_COLOR0 << i)) || !s->cbufs[i])
            continue;
        glc_color_mask(ctx->r, i, GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
        const struct vformat *f = vformat_get(s->cbufs[i]->format);
        if (!f)
            f = s->cbufs[i]->res->fmt;
        uint32_t color[4];
        clear_color_to_storage(f, c->color, color);
        if (f->flags & FMT_UINT)
            glc_clear_fb_uiv(ctx->r, s->fbo, GL_COLOR, i, color);
        else if (f->flags & FMT_INT)
            glc_clear_fb_iv(ctx->r, s->fbo, GL_COLOR, i, (const GLint *)color);
        else
            glc_clear_fb_fv(ctx->r, s->fbo, GL_COLOR, i, (const GLfloat *)color);
    }
    bool cd = (buffers & PIPE_CLEAR_DEPTH) && s->zsurf;
    bool cs = (buffers & PIPE_CLEAR_STENCIL) && s->zsurf;
    if (cd)
        glDepthMask(GL_TRUE);
    if (cs)
        glStencilMask(0xff);
    GLenum zp = s->zsurf ? zs_point(s->zsurf) : 0;
    if (cd && cs && zp == GL_DEPTH_STENCIL_ATTACHMENT)
        glc_clear_fb_fi(ctx->r, s->fbo, GL_DEPTH_STENCIL, 0, (GLfloat)depth, (GLint)stencil);
    else if (cd && zp != GL_STENCIL_ATTACHMENT) {
        GLfloat d = (GLfloat)depth;
        glc_clear_fb_fv(ctx->r, s->fbo, GL_DEPTH, 0, &d);
    } else if (cs && zp != GL_DEPTH_ATTACHMENT) {
        GLint st = stencil;
        glc_clear_fb_iv(ctx->r, s->fbo, GL_STENCIL, 0, &st);
    }
    end_cond(ctx);
    return true;
}

bool exec_clear_texture(struct vrend_context *ctx, const struct cmd_clear_texture *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *r = ctx_res(ctx, c->handle);
    if (!r || r->is_buffer) {
        vlog(ctx->r, VREND_LOG_WARN, "clear_texture: bad resource %u", c->handle);
        return true;
    }
    if (c->level > r->d.last_level)
        return ctx_err(ctx, "clear_texture: level %u", c->level);
    const struct vformat *f = r->fmt;
    glClearTexSubImage(r->id, c->level, c->x, c->y, c->z, c->w, c->h, c->d, f->format, f->type,
                       c->data);
    while (glGetError() != GL_NO_ERROR)
        ;
    return true;
}

/* A throwaway FBO with one level/layer of a resource (or of `view`, a view of it, when
 * nonzero) attached at `point`. */
static GLuint temp_fbo_of(struct vrend_renderer *rr, struct vres *r, GLuint view, uint32_t level,
                          uint32_t layer, GLenum point)
{
    GLuint fbo;
    glc_fb_create(rr, &fbo);
    bool layered = r->target == GL_TEXTURE_3D || r->target == GL_TEXTURE_CUBE_MAP ||
                   vres_layers(r) > 1;
    GLuint tex = view ? view : r->id;
    if (layered)
        glc_fb_texture_layer(rr, fbo, point, r->target, tex, level, layer);
    else
        glc_fb_texture(rr, fbo, point, tex, level);
    bool color = point >= GL_COLOR_ATTACHMENT0 && point <= GL_COLOR_ATTACHMENT7;
    glc_fb_read_buffer(rr, fbo, color ? point : GL_NONE);
    glc_fb_draw_buffers(rr, fbo, 1, color ? &point : &(GLenum){ GL_NONE });
    return fbo;
}

static GLuint temp_fbo(struct vrend_renderer *rr, struct vres *r, uint32_t level,
                       uint32_t layer, GLenum point)
{
    return temp_fbo_of(rr, r, 0, level, layer, point);
}

/* A blit that names a colour format of another layout than its resource's (a GL_RGBA8
 * view of GL_R32F storage) reads or writes the stored bits as that format: a texture view
 * of the whole resource in it, or 0 where none is needed or possible.  sRGB variants are
 * left to GL_FRAMEBUFFER_SRGB as ever. */
static GLuint blit_view(struct vrend_renderer *rr, const struct vres *r, const struct vformat *f)
{
    const struct vformat *rf = r->fmt;
    uint32_t not_plain = FMT_SRGB | FMT_COMPRESSED | FMT_DEPTH | FMT_HAS_DEPTH | FMT_STENCIL;
    if (rr->es2 || !f || !f->internal || f->internal == rf->internal ||
        ((f->flags | rf->flags) & not_plain) || f->block_bytes != rf->block_bytes)
        return 0;
    while (glGetError() != GL_NO_ERROR)
        ;
    GLuint view;
    glGenTextures(1, &view);
    glTextureView(view, r->target, r->id, f->internal, 0, r->d.last_level + 1, 0,
                  r->target == GL_TEXTURE_3D ? 1 : vres_layers(r));
    if (glGetError() != GL_NO_ERROR) {
        glDeleteTextures(1, &view);
        return 0;
    }
    return view;
}

/* Reverses the rows (and, for mirror_x, each row) of a w x h array of floats. */
static void mirror_floats(float *px, int32_t w, int32_t h, bool mirror_x, bool mirror_y)
{
    for (int32_t y = 0; mirror_y && y < h / 2; y++)
        for (int32_t x = 0; x < w; x++) {
            float t = px[(size_t)y * w + x];
            px[(size_t)y * w + x] = px[(size_t)(h - 1 - y) * w + x];
            px[(size_t)(h - 1 - y) * w + x] = t;
        }
    for (int32_t y = 0; mirror_x && y < h; y++)
        for (int32_t x = 0; x < w / 2; x++) {
            float t = px[(size_t)y * w + x];
            px[(size_t)y * w + x] = px[(size_t)y * w + w - 1 - x];
            px[(size_t)y * w + w - 1 - x] = t;
        }
}

/* Desktop glBlitFramebuffer refuses depth blits between different depth formats (Mesa
 * copies the window's Z24S8 into a Z16 or Z32F texture this way for glCopyTexImage), so an
 * unscaled depth copy between formats goes through host memory as floats instead.  A
 * reversed rectangle mirrors, as in glBlitFramebuffer: Mesa reads a window-system
 * (y-inverted) source bottom-up with a negative height.  Returns whether it copied. */
static bool blit_depth_by_readback(struct vrend_renderer *rr, struct vres *src,
                                   uint32_t slevel, uint32_t sl, struct vres *dst,
                                   uint32_t dlevel, uint32_t dl, const int32_t s_in[4],
                                   const int32_t d_in[4])
{
    int32_t s[4], d[4];
    bool mirror[2];
    for (int c = 0; c < 2; c++) {
        bool sr = s_in[c] > s_in[c + 2], dr = d_in[c] > d_in[c + 2];
        mirror[c] = sr != dr;
        s[c] = sr ? s_in[c + 2] : s_in[c];
        s[c + 2] = sr ? s_in[c] : s_in[c + 2];
        d[c] = dr ? d_in[c + 2] : d_in[c];
        d[c + 2] = dr ? d_in[c] : d_in[c + 2];
    }
    int32_t w = d[2] - d[0], h = d[3] - d[1];
    if (w <= 0 || h <= 0 || s[2] - s[0] != w || s[3] - s[1] != h ||
        dst->target == GL_TEXTURE_2D_MULTISAMPLE ||
        dst->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
        return false;
    float *px = malloc((size_t)w * (size_t)h * sizeof *px);
    if (!px)
        return false;
    GLuint rf;
    /* A multisampled source (a window with a multisample visual) is resolved first. */
    GLuint resolved = 0;
    if (src->target == GL_TEXTURE_2D_MULTISAMPLE || src->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
        resolved = single_sample_copy(rr, src, slevel, sl, vres_level_width(src, slevel),
                                      vres_level_height(src, slevel), GL_DEPTH_ATTACHMENT);
    glGenFramebuffers(1, &rf);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, rf);
    bool layered = src->target == GL_TEXTURE_3D || src->target == GL_TEXTURE_CUBE_MAP ||
                   vres_layers(src) > 1;
    if (resolved)
        glFramebufferTexture(GL_READ_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, resolved, 0);
    else if (layered)
        glFramebufferTextureLayer(GL_READ_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, src->id, slevel, sl);
    else
        glFramebufferTexture(GL_READ_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, src->id, slevel);
    glReadBuffer(GL_NONE);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glReadPixels(s[0], s[1], w, h, GL_DEPTH_COMPONENT, GL_FLOAT, px);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &rf);
    if (resolved)
        glDeleteTextures(1, &resolved);
    mirror_floats(px, w, h, mirror[0], mirror[1]);
    /* Gallium keeps 1D-array layers in z; GL keeps them in y. */
    switch (dst->target) {
    case GL_TEXTURE_1D:
        glTextureSubImage1D(dst->id, dlevel, d[0], w, GL_DEPTH_COMPONENT, GL_FLOAT, px);
        break;
    case GL_TEXTURE_1D_ARRAY:
        glTextureSubImage2D(dst->id, dlevel, d[0], dl, w, 1, GL_DEPTH_COMPONENT, GL_FLOAT, px);
        break;
    case GL_TEXTURE_2D: case GL_TEXTURE_RECTANGLE:
        glTextureSubImage2D(dst->id, dlevel, d[0], d[1], w, h, GL_DEPTH_COMPONENT, GL_FLOAT, px);
        break;
    default:   /* arrays, cube (faces as z), 3D */
        glTextureSubImage3D(dst->id, dlevel, d[0], d[1], dl, w, h, 1, GL_DEPTH_COMPONENT,
                            GL_FLOAT, px);
        break;
    }
    free(px);
    return glGetError() == GL_NO_ERROR;
}

/* Blit boxes come from the guest as signed 32-bit origin + extent: the far edge must be
 * representable too, and the z range must name layers the level has (a huge depth would
 * otherwise loop over billions of layers). */
static bool span_fits(int32_t origin, int32_t extent)
{
    int64_t end = (int64_t)origin + extent;
    return end >= INT32_MIN && end <= INT32_MAX;
}

static bool layers_fit(const struct vres *r, uint32_t level, int32_t z, int32_t count)
{
    uint32_t have = vres_level_layers(r, level);
    return z >= 0 && (int64_t)z + (count > 0 ? count : 1) <= have;
}

/* Mesa copies images between textures of different formats of one texel size
 * (glCopyImageSubData) as an unscaled blit in one format on both sides: a copy of the stored
 * bits.  A GLES host draws every blit into a multisampled destination, and a draw converts
 * values (an R8I source drawn into an R8UI texture does not keep its bits), so there the
 * bits are copied as such. */
static bool blit_is_bit_copy(const struct vrend_context *ctx, const struct cmd_blit *c,
                             const struct vres *src, const struct vres *dst)
{
    const struct vformat *f = vformat_get(c->src.format);
    uint32_t not_plain = FMT_COMPRESSED | FMT_DEPTH | FMT_HAS_DEPTH | FMT_STENCIL;
    return ctx->r->gles && !ctx->r->es2 && dst->d.nr_samples > 1 &&
           src->d.nr_samples == dst->d.nr_samples && f && c->src.format == c->dst.format &&
           c->mask == PIPE_MASK_RGBA && !c->scissor_enable && !c->render_condition_enable &&
           !c->alpha_blend && c->src.w > 0 && c->src.h > 0 && c->src.w == c->dst.w &&
           c->src.h == c->dst.h && c->src.d == c->dst.d &&
           !((f->flags | src->fmt->flags | dst->fmt->flags) & not_plain) &&
           f->block_bytes == src->fmt->block_bytes && f->block_bytes == dst->fmt->block_bytes &&
           !memcmp(src->fmt->swizzle, dst->fmt->swizzle, 4);
}

bool exec_blit(struct vrend_context *ctx, const struct cmd_blit *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *dst = ctx_res(ctx, c->dst.handle), *src = ctx_res(ctx, c->src.handle);
    if (!dst || !src || dst->is_buffer || src->is_buffer) {
        vlog(ctx->r, VREND_LOG_WARN, "blit: bad resources %u -> %u", c->src.handle,
             c->dst.handle);
        return true;
    }
    uint32_t dlevel = c->dst.level, slevel = c->src.level;
    if (dlevel > dst->d.last_level || slevel > src->d.last_level)
        return ctx_err(ctx, "blit: level out of range");
    int32_t dx = c->dst.x, dy = c->dst.y, dz = c->dst.z, dw = c->dst.w, dh = c->dst.h,
            dd = c->dst.d;
    int32_t sx = c->src.x, sy = c->src.y, sz = c->src.z, sw = c->src.w, sh = c->src.h,
            sd = c->src.d;
    if (!span_fits(dx, dw) || !span_fits(dy, dh) || !span_fits(sx, sw) || !span_fits(sy, sh) ||
        !layers_fit(dst, dlevel, dz, dd) || !layers_fit(src, slevel, sz, sd))
        return ctx_err(ctx, "blit: box out of range");
    uint32_t mask = c->mask;
    GLbitfield bits = 0;
    /* Each side's depth/stencil attachment point is its own format's: a stencil-only or
     * depth-only buffer is blitted to or from a combined one (piglit's multisample
     * no-color tests; GL compares only the bits that are copied). */
    GLenum point = GL_COLOR_ATTACHMENT0, spoint = GL_COLOR_ATTACHMENT0;
    if (mask & PIPE_MASK_RGBA)
        bits |= GL_COLOR_BUFFER_BIT;
    if (mask & (PIPE_MASK_Z | PIPE_MASK_S)) {
        if (mask & PIPE_MASK_Z)
            bits |= GL_DEPTH_BUFFER_BIT;
        if (mask & PIPE_MASK_S)
            bits |= GL_STENCIL_BUFFER_BIT;
        /* A buffer only one side has is not copied, as GL ignores it. */
        uint16_t both = dst->fmt->flags & src->fmt->flags;
        point = zs_point_of(dst->fmt);
        spoint = zs_point_of(src->fmt);
        if (!(both & FMT_HAS_DEPTH))
            bits &= ~GL_DEPTH_BUFFER_BIT;
        if (!(both & FMT_STENCIL))
            bits &= ~GL_STENCIL_BUFFER_BIT;
    }
    if (!bits)
        return true;
    if (blit_is_bit_copy(ctx, c, src, dst)) {
        glCopyImageSubData(src->id, src->target, slevel, sx, sy, sz, dst->id, dst->target,
                           dlevel, dx, dy, dz, sw, sh, sd > 0 ? sd : 1);
        return true;
    }
    GLenum filter = c->filter && bits == GL_COLOR_BUFFER_BIT ? GL_LINEAR : GL_NEAREST;
    /* A scaled linear blit of depth (Mesa's mipmap generation) averages depth as GL's blit
     * does; glBlitFramebuffer only copies depth at the nearest texel. */
    bool linear_depth = c->filter && (bits & GL_DEPTH_BUFFER_BIT) && src->d.nr_samples <= 1 &&
                        (sw != dw || sh != dh);
    glDisable(GL_RASTERIZER_DISCARD);
    glc_color_mask(ctx->r, 0, GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthMask(GL_TRUE);
    glStencilMask(0xff);
    if (c->scissor_enable) {
        glEnable(GL_SCISSOR_TEST);
        glc_scissor0(ctx->r, c->scissor_minx, c->scissor_miny, c->scissor_maxx - c->scissor_minx,
                         c->scissor_maxy - c->scissor_miny);
    } else {
        glDisable(GL_SCISSOR_TEST);
    }
    /* sRGB-ness follows the blit formats: the host decodes an sRGB source and encodes an
     * sRGB destination only with GL_FRAMEBUFFER_SRGB on, so it is on when the guest asked
     * for an sRGB format on either side (srgb_to_linear blits decode the source). */
    const struct vformat *dfmt = vformat_get(c->dst.format), *sfmt = vformat_get(c->src.format);
    bool srgb = (!dfmt || (dfmt->flags & FMT_SRGB)) || (sfmt && (sfmt->flags & FMT_SRGB));
    if (srgb)
        glEnable(GL_FRAMEBUFFER_SRGB);
    else
        glDisable(GL_FRAMEBUFFER_SRGB);
    GLuint sview = bits == GL_COLOR_BUFFER_BIT ? blit_view(ctx->r, src, sfmt) : 0;
    GLuint dview = bits == GL_COLOR_BUFFER_BIT ? blit_view(ctx->r, dst, dfmt) : 0;
    bool cond = c->render_condition_enable;
    int32_t layers = dd > 0 ? dd : 1;
    if (cond && !begin_cond(ctx))
        layers = 0;   /* discarded by the render condition */
    for (int32_t i = 0; i < layers; i++) {
        int32_t sl = sz + (sd == dd ? i : (int32_t)((int64_t)i * sd / (dd ? dd : 1)));
        if (!ctx->r->gles && (bits & GL_DEPTH_BUFFER_BIT) && src->fmt != dst->fmt) {
            const int32_t sr[4] = { sx, sy, sx + sw, sy + sh };
            const int32_t dr[4] = { dx, dy, dx + dw, dy + dh };
            /* Stencil between different formats cannot be blitted either; depth is what
             * a copy between depth formats is for. */
            if (blit_depth_by_readback(ctx->r, src, slevel, sl, dst, dlevel, dz + i, sr, dr))
                continue;
        }
        const int32_t srect[4] = { sx, sy, sx + sw, sy + sh };
        const int32_t drect[4] = { dx, dy, dx + dw, dy + dh };
        if (ctx->r->es2) {
            /* No blit in ES 2.0: colour and depth are drawn; stencil is not copied. */
            if (bits != GL_COLOR_BUFFER_BIT) {
                GLuint df = temp_fbo(ctx->r, dst, dlevel, dz + i, point);
                bool drawn = (bits & GL_DEPTH_BUFFER_BIT) &&
                             es2_blit_depth_draw(ctx->r, src, slevel, df, srect, drect);
                glDeleteFramebuffers(1, &df);
                if (!drawn || (bits & GL_STENCIL_BUFFER_BIT))
                    vlog(ctx->r, VREND_LOG_WARN, "blit: %s on an ES 2.0 host, skipped",
                         drawn ? "stencil" : "depth/stencil");
                continue;
            }
            GLuint rf = temp_fbo(ctx->r, src, slevel, sl, spoint);
            GLuint df = temp_fbo(ctx->r, dst, dlevel, dz + i, point);
            es2_blit_draw(ctx->r, src, slevel, rf, df, srect, drect, filter);
            glDeleteFramebuffers(1, &rf);
            glDeleteFramebuffers(1, &df);
            continue;
        }
        if (linear_depth) {
            /* Drawn with the depth filtered (glBlitFramebuffer filters no depth); a stencil
             * part is blitted as ever. */
            GLuint df = temp_fbo(ctx->r, dst, dlevel, dz + i, point);
            gles_blit_draw(ctx->r, src, slevel, sl, df, srect, drect, GL_DEPTH_BUFFER_BIT,
                           GL_LINEAR, NULL, NULL);
            glDeleteFramebuffers(1, &df);
            if (!(bits & GL_STENCIL_BUFFER_BIT))
                continue;
        }
        GLbitfield rest = linear_depth ? bits & ~(GLbitfield)GL_DEPTH_BUFFER_BIT : bits;
        if (ctx->r->gles ? gles_blit_needs_draw(ctx->r, src, dst, rest, srect, drect)
                         : blit_needs_draw_desktop(src, dst, bits)) {
            GLuint df = temp_fbo(ctx->r, dst, dlevel, dz + i, point);
            gles_blit_draw(ctx->r, src, slevel, sl, df, srect, drect, rest, filter,
                           sfmt ? sfmt : src->fmt, dfmt ? dfmt : dst->fmt);
            glDeleteFramebuffers(1, &df);
            continue;
        }
        GLuint rf = temp_fbo_of(ctx->r, src, sview, slevel, sl, spoint);
        GLuint df = temp_fbo_of(ctx->r, dst, dview, dlevel, dz + i, point);
        glc_blit_fb(ctx->r, rf, df, sx, sy, sx + sw, sy + sh, dx, dy, dx + dw, dy + dh, rest,
                    filter);
        glDeleteFramebuffers(1, &rf);
        glDeleteFramebuffers(1, &df);
    }
    if (cond)
        end_cond(ctx);
    glDeleteTextures(1, &sview);
    glDeleteTextures(1, &dview);
    while (glGetError() != GL_NO_ERROR)
        ;
    return true;
}

bool exec_resource_copy_region(struct vrend_context *ctx,
                               const struct cmd_resource_copy_region *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *dst = ctx_res(ctx, c->dst_handle), *src = ctx_res(ctx, c->src_handle);
    if (!dst || !src) {
        vlog(ctx->r, VREND_LOG_WARN, "copy_region: bad resources %u -> %u", c->src_handle,
             c->dst_handle);
        return true;
    }
    uint32_t dx = c->dst_x, dy = c->dst_y, dz = c->dst_z, sx = c->src_x, sy = c->src_y,
             sz = c->src_z;
    uint32_t w = c->w, hh = c->h, d = c->d;
    if (dst->is_buffer != src->is_buffer)
        return ctx_err(ctx, "copy_region: buffer/texture mix");
    if (dst->is_buffer) {
        if ((uint64_t)sx + w > src->d.width || (uint64_t)dx + w > dst->d.width)
            return ctx_err(ctx, "copy_region: buffer range out of bounds");
        glc_buffer_copy(ctx->r, src->id, dst->id, sx, dx, w);
        return true;
    }
    if (c->dst_level > dst->d.last_level || c->src_level > src->d.last_level)
        return ctx_err(ctx, "copy_region: level out of range");
    if (ctx->r->es2) {
        /* No image copy in ES 2.0: the source level read through a framebuffer into the
         * destination with glCopyTexSubImage2D, one face at a time (2D and cube colour
         * textures; the caps offer no others to render to). */
        GLuint fbo;
        glGenFramebuffers(1, &fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glBindTexture(dst->target, dst->id);
        for (uint32_t z = 0; z < d; z++) {
            GLenum st = src->target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X + sz + z
                                                           : src->target;
            GLenum dt = dst->target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X + dz + z
                                                           : dst->target;
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, st, src->id,
                                   c->src_level);
            if (dt == GL_TEXTURE_2D || dst->target == GL_TEXTURE_CUBE_MAP)
                glCopyTexSubImage2D(dt, c->dst_level, dx, dy, sx, sy, w, hh);
        }
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glDeleteFramebuffers(1, &fbo);
    } else {
        glCopyImageSubData(src->id, src->target, c->src_level, sx, sy, sz, dst->id,
                           dst->target, c->dst_level, dx, dy, dz, w, hh, d);
    }
    GLenum e = glGetError();
    if (e != GL_NO_ERROR)
        vlog(ctx->r, VREND_LOG_WARN, "copy_region %u -> %u: GL error 0x%x", c->src_handle,
             c->dst_handle, e);
    return true;
}
