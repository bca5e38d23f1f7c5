/* state_cmds.c: the SET_* / BIND_* commands that only record pipeline state in the
 * sub-context (applied to GL at draw time), run from their decoded form (decode.c). */
#include <stdlib.h>
#include <string.h>

#include "vrend_priv.h"

static void set_res(struct vrend_context *ctx, struct vres **slot, uint32_t handle)
{
    struct vres *r = handle ? ctx_res(ctx, handle) : NULL;
    if (handle && !r)
        vlog(ctx->r, VREND_LOG_WARN, "context %s: unknown resource %u bound", ctx->name, handle);
    if (r)
        vres_ref(r);
    vres_unref(ctx, *slot);
    *slot = r;
}

bool exec_set_viewport(struct vrend_context *ctx, const struct cmd_set_viewport *c)
{
    ctx->draw_dirty |= DRAW_VIEWPORT | DRAW_DRIVER;   /* driver uniforms: the viewport size */
    bool flipped = fb_flipped(ctx->sub);
    for (uint32_t i = 0; i < c->count; i++)
        for (int k = 0; k < 3; k++) {
            ctx->sub->vp_scale[c->start + i][k] = c->scale[i][k];
            ctx->sub->vp_trans[c->start + i][k] = c->translate[i][k];
        }
    /* The sign picks the vertex stage's y negation, a key input (window_space.h). */
    if (fb_flipped(ctx->sub) != flipped)
        ctx->draw_dirty |= DRAW_PROG;
    return true;
}

static struct surface *lookup_surface(struct vrend_context *ctx, uint32_t handle)
{
    if (!handle)
        return NULL;
    struct vobj *o = sub_obj(ctx->sub, handle, OBJ_SURFACE);
    if (!o)
        o = sub_obj(ctx->sub, handle, OBJ_MSAA_SURFACE);
    if (!o || !o->u.surf) {
        vlog(ctx->r, VREND_LOG_WARN, "framebuffer: unknown surface %u", handle);
        return NULL;
    }
    o->u.surf->refs++;
    return o->u.surf;
}

bool exec_set_framebuffer(struct vrend_context *ctx, const struct cmd_set_framebuffer *c)
{
    struct sub_ctx *s = ctx->sub;
    struct surface *z = lookup_surface(ctx, c->zsurf_handle);
    /* Mesa sends the framebuffer again with every frame's first draw; the same surfaces
     * (held, so no new one can have an old one's address) change nothing. */
    bool same = z == s->zsurf && c->nr_cbufs == s->nr_cbufs;
    surface_unref(s->zsurf);
    s->zsurf = z;
    for (uint32_t i = 0; i < 8; i++) {
        struct surface *cb = i < c->nr_cbufs ? lookup_surface(ctx, c->cbuf_handles[i]) : NULL;
        same = same && cb == s->cbufs[i];
        surface_unref(s->cbufs[i]);
        s->cbufs[i] = cb;
    }
    s->nr_cbufs = c->nr_cbufs;
    if (!same) {
        ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
        s->fb_dirty = true;
    }
    return true;
}

bool exec_set_framebuffer_no_attach(struct vrend_context *ctx,
                                    const struct cmd_set_framebuffer_no_attach *c)
{
    struct sub_ctx *s = ctx->sub;
    if (s->fb_noattach_w == c->width && s->fb_noattach_h == c->height &&
        s->fb_noattach_layers == c->layers && s->fb_noattach_samples == c->samples)
        return true;
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    s->fb_noattach_w = c->width;
    s->fb_noattach_h = c->height;
    s->fb_noattach_layers = c->layers;
    s->fb_noattach_samples = c->samples;
    /* Mesa sends this right after every SET_FRAMEBUFFER_STATE: it only supplies the
     * default size used when nothing is attached, and keeps the attachments. */
    s->fb_dirty = true;
    return true;
}

bool exec_set_vertex_buffers(struct vrend_context *ctx, const struct cmd_set_vertex_buffers *c)
{
    ctx->draw_dirty |= DRAW_VBUFS;   /* vertex buffer bindings only */
    struct sub_ctx *s = ctx->sub;
    for (uint32_t i = 0; i < MAX_VBUFS; i++) {
        if (i < c->count) {
            s->vbufs[i].stride = c->vb[i].stride;
            s->vbufs[i].offset = c->vb[i].offset;
            set_res(ctx, &s->vbufs[i].res, c->vb[i].handle);
        } else {
            set_res(ctx, &s->vbufs[i].res, 0);
        }
    }
    s->num_vbufs = c->count;
    return true;
}

bool exec_set_index_buffer(struct vrend_context *ctx, const struct cmd_set_index_buffer *c)
{
    struct sub_ctx *s = ctx->sub;
    set_res(ctx, &s->ib, c->handle);
    if (c->has_layout) {
        s->ib_size = c->index_size;
        s->ib_offset = c->offset;
    }
    vlog(ctx->r, VREND_LOG_DEBUG, "index buffer res %u size %u offset %u", c->handle,
         s->ib_size, s->ib_offset);
    return true;
}

bool exec_set_constant_buffer(struct vrend_context *ctx, const struct cmd_set_constant_buffer *c)
{
    ctx->draw_dirty |= DRAW_UBOS;
    struct sub_ctx *s = ctx->sub;
    uint32_t st = c->stage, index = c->index, bytes = c->bytes;
    if (bytes > s->consts_size[st][index] || !s->consts[st][index]) {
        uint8_t *n = realloc(s->consts[st][index], bytes ? bytes : 16);
        if (!n)
            return false;
        s->consts[st][index] = n;
    }
    memcpy(s->consts[st][index], c->data, bytes);
    s->consts_size[st][index] = bytes;
    s->consts_dirty[st][index] = true;
    /* Inline data replaces a buffer bound to the same slot. */
    set_res(ctx, &s->ubos[st][index].res, 0);
    return true;
}

bool exec_set_uniform_buffer(struct vrend_context *ctx, const struct cmd_set_uniform_buffer *c)
{
    ctx->draw_dirty |= DRAW_UBOS;
    struct ubo_slot *u = &ctx->sub->ubos[c->stage][c->index];
    set_res(ctx, &u->res, c->handle);
    u->offset = c->offset;
    u->size = c->length;
    return true;
}

bool exec_set_sampler_views(struct vrend_context *ctx, const struct cmd_slot_handles *c)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t st = c->stage, start = c->start;
    /* Shadow samplers' view swizzles are in the key (shaders.c), and on ES 2.0 hosts every
     * view's swizzle and sRGB decoding; GLES hosts send the views' level counts as driver
     * uniforms. */
    ctx->draw_dirty |= DRAW_TEX0 << st;
    if (ctx->r->gles)
        ctx->draw_dirty |= DRAW_DRIVER;
    if (ctx->r->es2 || shader_key_view_slots(s->shaders[st]) >> start)
        ctx->draw_dirty |= DRAW_PROG;
    for (uint32_t i = 0; i < c->count; i++) {
        struct vobj *o = c->handles[i] ? sub_obj(s, c->handles[i], OBJ_SAMPLER_VIEW) : NULL;
        struct sampler_view *v = o ? o->u.view : NULL;
        if (v)
            v->refs++;
        view_unref(s->views[st][start + i]);
        s->views[st][start + i] = v;
    }
    return true;
}

bool exec_bind_sampler_states(struct vrend_context *ctx, const struct cmd_slot_handles *c)
{
    struct sub_ctx *s = ctx->sub;
    ctx->draw_dirty |= DRAW_TEX0 << c->stage;
    /* On GLES hosts LOD state is a driver uniform, and a LOD query's mipmap filter in the
     * key (shaders.c). */
    if (ctx->r->gles)
        ctx->draw_dirty |= DRAW_DRIVER;
    if (shader_key_sampler_slots(s->shaders[c->stage]) >> c->start)
        ctx->draw_dirty |= DRAW_PROG;
    for (uint32_t i = 0; i < c->count; i++) {
        struct vobj *o = c->handles[i] ? sub_obj(s, c->handles[i], OBJ_SAMPLER_STATE) : NULL;
        struct sampler_state **slot = &s->samplers[c->stage][c->start + i];
        struct sampler_state *ss = o ? o->u.sampler : NULL;
        /* GL_CLAMP emulated in the shader is in the key (key.sampler_gl_clamp). */
        if ((*slot && (*slot)->gl_clamp) || (ss && ss->gl_clamp))
            ctx->draw_dirty |= DRAW_PROG;
        /* So are comparisons made in the shader (key.sampler_compare). */
        if (ctx->r->compare_in_shader && (*slot ? (*slot)->compare : 0) != (ss ? ss->compare : 0))
            ctx->draw_dirty |= DRAW_PROG;
        *slot = ss;
    }
    return true;
}

bool exec_set_stencil_ref(struct vrend_context *ctx, const struct cmd_set_stencil_ref *c)
{
    ctx->draw_dirty |= DRAW_DSA;
    ctx->sub->stencil_ref[0] = c->ref[0];
    ctx->sub->stencil_ref[1] = c->ref[1];
    return true;
}

bool exec_set_blend_color(struct vrend_context *ctx, const struct cmd_set_blend_color *c)
{
    ctx->draw_dirty |= DRAW_BLEND_COLOR;
    memcpy(ctx->sub->blend_color, c->color, sizeof ctx->sub->blend_color);
    return true;
}

bool exec_set_scissor(struct vrend_context *ctx, const struct cmd_set_scissor *c)
{
    ctx->draw_dirty |= DRAW_SCISSOR;
    for (uint32_t i = 0; i < c->count; i++)
        ctx->sub->scissor[c->start + i] = c->s[i];
    return true;
}

bool exec_set_polygon_stipple(struct vrend_context *ctx, const struct cmd_set_polygon_stipple *c)
{
    ctx->draw_dirty |= DRAW_DRIVER;   /* the pattern is a driver uniform */
    memcpy(ctx->sub->stipple, c->pattern, sizeof ctx->sub->stipple);
    return true;
}

bool exec_set_clip_state(struct vrend_context *ctx, const struct cmd_set_clip_state *c)
{
    ctx->draw_dirty |= DRAW_DRIVER;   /* clip planes are driver uniforms */
    memcpy(ctx->sub->clip_planes, c->planes, sizeof ctx->sub->clip_planes);
    return true;
}

bool exec_set_sample_mask(struct vrend_context *ctx, const struct cmd_set_sample_mask *c)
{
    ctx->draw_dirty |= DRAW_SAMPLE;
    ctx->sub->sample_mask = c->mask;
    return true;
}

bool exec_set_min_samples(struct vrend_context *ctx, const struct cmd_set_min_samples *c)
{
    ctx->draw_dirty |= DRAW_SAMPLE;
    ctx->sub->min_samples = c->min_samples;
    return true;
}

bool exec_set_tess_state(struct vrend_context *ctx, const struct cmd_set_tess_state *c)
{
    ctx->draw_dirty |= DRAW_TESS;
    memcpy(ctx->sub->tess_outer, c->outer, sizeof ctx->sub->tess_outer);
    memcpy(ctx->sub->tess_inner, c->inner, sizeof ctx->sub->tess_inner);
    /* GLES has no default levels: the pass-through control shader writes them. */
    if (ctx->r->gles)
        ctx->draw_dirty = DRAW_ALL;
    return true;
}

bool exec_set_shader_buffers(struct vrend_context *ctx, const struct cmd_set_shader_buffers *c)
{
    ctx->draw_dirty |= DRAW_SSBOS;
    for (uint32_t i = 0; i < c->count; i++) {
        struct ssbo_slot *b = &ctx->sub->ssbos[c->stage][c->start + i];
        b->offset = c->b[i].offset;
        b->size = c->b[i].length;
        set_res(ctx, &b->res, c->b[i].handle);
    }
    return true;
}

bool exec_set_shader_images(struct vrend_context *ctx, const struct cmd_set_shader_images *c)
{
    /* GLES creates buffer textures for images on unit 0, which a stage's sampler may use;
     * image formats are in the key (below). */
    ctx->draw_dirty |= DRAW_IMAGES | (ctx->r->gles ? DRAW_TEX_ALL : 0);
    /* Slots past ours (MAX_IMAGES, what the caps advertise) are accepted and ignored, since
     * no shader we accept can use them. */
    for (uint32_t i = 0; i < c->count && c->start + i < MAX_IMAGES; i++) {
        struct image_slot *im = &ctx->sub->images[c->stage][c->start + i];
        /* The key has the format of each bound image (shaders.c build_key). */
        bool bound = c->im[i].handle != 0;
        if (bound != (im->res != NULL) ||
            (bound && image_format_for(im->format) != image_format_for(c->im[i].format)))
            ctx->draw_dirty |= DRAW_PROG;
        im->format = c->im[i].format;
        im->access = c->im[i].access;
        im->layer_offset = c->im[i].layer_offset;
        im->level_size = c->im[i].level_size;
        set_res(ctx, &im->res, c->im[i].handle);
    }
    return true;
}

bool exec_set_atomic_buffers(struct vrend_context *ctx, const struct cmd_set_atomic_buffers *c)
{
    ctx->draw_dirty |= DRAW_SSBOS;
    for (uint32_t i = 0; i < c->count; i++) {
        struct ubo_slot *b = &ctx->sub->atomics[c->start + i];
        b->offset = c->b[i].offset;
        b->size = c->b[i].length;
        set_res(ctx, &b->res, c->b[i].handle);
    }
    return true;
}

bool exec_memory_barrier(struct vrend_context *ctx, const struct cmd_memory_barrier *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    glMemoryBarrier(GL_ALL_BARRIER_BITS);   /* whatever the flags: the cheap, safe answer */
    return true;
}

bool exec_texture_barrier(struct vrend_context *ctx, const struct cmd_texture_barrier *c)
{
    enum { BARRIER_SAMPLER = 1u << 0, BARRIER_FRAMEBUFFER = 1u << 1 };  /* PIPE_TEXTURE_BARRIER_* */
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    if (!ctx->r->gles)
        glTextureBarrier();
    /* The guest's glBlendBarrier (KHR_blend_equation_advanced, caps.c). */
    if ((c->flags & BARRIER_FRAMEBUFFER) &&
        (ctx->r->host_features & T2G_HOST_BLEND_EQUATION_ADVANCED))
        glBlendBarrierKHR();
    return true;
}

bool exec_bind_shader(struct vrend_context *ctx, const struct cmd_bind_shader *c)
{
    ctx->draw_dirty |= DRAW_PROG;   /* another program gets all its resources bound (draw.c) */
    struct sub_ctx *s = ctx->sub;
    struct shader_obj *sh = NULL;
    if (c->handle) {
        struct vobj *o = sub_obj(s, c->handle, OBJ_SHADER);
        if (!o || !o->u.shader || o->u.shader->type != c->type) {
            vlog(ctx->r, VREND_LOG_WARN, "bind shader: no type-%u shader %u", c->type,
                 c->handle);
        } else {
            sh = o->u.shader;
            sh->refs++;
        }
    }
    if (s->shaders[c->type])
        shader_unref(s->shaders[c->type]);
    s->shaders[c->type] = sh;
    return true;
}

bool exec_link_shader(struct vrend_context *ctx, const struct cmd_link_shader *c)
{
    /* Programs are linked lazily per draw (the key depends on draw-time state). */
    return true;
}
