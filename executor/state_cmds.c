/* state_cmds.c: the SET_* / BIND_* commands that only record pipeline state in the
 * sub-context (applied to GL at draw time). */
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

bool cmd_set_viewport(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_VIEWPORT | DRAW_DRIVER;   /* driver uniforms: the viewport size */
    uint32_t start = p[0], n = (len - 1) / 6;
    if ((len - 1) % 6 || start >= 16 || n > 16 - start)
        return ctx_err(ctx, "viewport: start %u, %u dwords", start, len);
    bool flipped = fb_flipped(ctx->sub);
    for (uint32_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++) {
            ctx->sub->vp_scale[start + i][c] = u2f(p[1 + 6 * i + c]);
            ctx->sub->vp_trans[start + i][c] = u2f(p[4 + 6 * i + c]);
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

bool cmd_set_framebuffer(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    uint32_t n = p[0];
    if (n > 8 || len < 2 + n)
        return ctx_err(ctx, "framebuffer: %u cbufs in %u dwords", n, len);
    struct surface *z = lookup_surface(ctx, p[1]);
    surface_unref(s->zsurf);
    s->zsurf = z;
    for (uint32_t i = 0; i < 8; i++) {
        struct surface *c = i < n ? lookup_surface(ctx, p[2 + i]) : NULL;
        surface_unref(s->cbufs[i]);
        s->cbufs[i] = c;
    }
    s->nr_cbufs = n;
    s->fb_dirty = true;
    return true;
}

bool cmd_set_framebuffer_no_attach(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                                   uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    s->fb_noattach_w = p[0] & 0xffff;
    s->fb_noattach_h = p[0] >> 16;
    s->fb_noattach_layers = p[1] & 0xffff;
    s->fb_noattach_samples = (p[1] >> 16) & 0xff;
    /* Mesa sends this right after every SET_FRAMEBUFFER_STATE: it only supplies the
     * default size used when nothing is attached, and keeps the attachments. */
    s->fb_dirty = true;
    return true;
}

bool cmd_set_vertex_buffers(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                            uint32_t h)
{
    ctx->draw_dirty |= DRAW_VBUFS;   /* vertex buffer bindings only */
    struct sub_ctx *s = ctx->sub;
    uint32_t n = len / 3;
    if (len % 3 || n > MAX_VBUFS)
        return ctx_err(ctx, "vertex buffers: %u dwords", len);
    for (uint32_t i = 0; i < MAX_VBUFS; i++) {
        if (i < n) {
            s->vbufs[i].stride = p[3 * i];
            s->vbufs[i].offset = p[3 * i + 1];
            set_res(ctx, &s->vbufs[i].res, p[3 * i + 2]);
        } else {
            set_res(ctx, &s->vbufs[i].res, 0);
        }
    }
    s->num_vbufs = n;
    return true;
}

bool cmd_set_index_buffer(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    struct sub_ctx *s = ctx->sub;
    set_res(ctx, &s->ib, p[0]);
    if (len >= 3) {
        s->ib_size = p[1];
        s->ib_offset = p[2];
        if (s->ib_size != 1 && s->ib_size != 2 && s->ib_size != 4)
            return ctx_err(ctx, "index buffer: index size %u", s->ib_size);
    }
    return true;
}

bool cmd_set_constant_buffer(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                             uint32_t h)
{
    ctx->draw_dirty |= DRAW_UBOS;
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], index = p[1], bytes = (len - 2) * 4;
    if (st >= SHADER_TYPES || index >= MAX_UBOS)
        return ctx_err(ctx, "constant buffer: shader %u index %u", st, index);
    if (bytes > s->consts_size[st][index] || !s->consts[st][index]) {
        uint8_t *n = realloc(s->consts[st][index], bytes ? bytes : 16);
        if (!n)
            return false;
        s->consts[st][index] = n;
    }
    memcpy(s->consts[st][index], p + 2, bytes);
    s->consts_size[st][index] = bytes;
    s->consts_dirty[st][index] = true;
    /* Inline data replaces a buffer bound to the same slot. */
    set_res(ctx, &s->ubos[st][index].res, 0);
    return true;
}

bool cmd_set_uniform_buffer(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                            uint32_t h)
{
    ctx->draw_dirty |= DRAW_UBOS;
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], index = p[1];
    if (st >= SHADER_TYPES || index >= MAX_UBOS)
        return ctx_err(ctx, "uniform buffer: shader %u index %u", st, index);
    set_res(ctx, &s->ubos[st][index].res, p[4]);
    s->ubos[st][index].offset = p[2];
    s->ubos[st][index].size = p[3];
    return true;
}

bool cmd_set_sampler_views(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                           uint32_t h)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], start = p[1], n = len - 2;
    if (st >= SHADER_TYPES || start >= MAX_SLOTS || n > MAX_SLOTS - start)
        return ctx_err(ctx, "sampler views: shader %u start %u count %u", st, start, n);
    /* Shadow samplers' view swizzles are in the key (shaders.c). */
    ctx->draw_dirty |= DRAW_TEX0 << st;
    if (shader_key_view_slots(s->shaders[st]) >> start)
        ctx->draw_dirty |= DRAW_PROG;
    for (uint32_t i = 0; i < n; i++) {
        struct vobj *o = p[2 + i] ? sub_obj(s, p[2 + i], OBJ_SAMPLER_VIEW) : NULL;
        struct sampler_view *v = o ? o->u.view : NULL;
        if (v)
            v->refs++;
        view_unref(s->views[st][start + i]);
        s->views[st][start + i] = v;
    }
    return true;
}

bool cmd_bind_sampler_states(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                             uint32_t h)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], start = p[1], n = len - 2;
    if (st >= SHADER_TYPES || start >= MAX_SLOTS || n > MAX_SLOTS - start)
        return ctx_err(ctx, "sampler states: shader %u start %u count %u", st, start, n);
    ctx->draw_dirty |= DRAW_TEX0 << st;
    for (uint32_t i = 0; i < n; i++) {
        struct vobj *o = p[2 + i] ? sub_obj(s, p[2 + i], OBJ_SAMPLER_STATE) : NULL;
        s->samplers[st][start + i] = o ? o->u.sampler : NULL;
    }
    return true;
}

bool cmd_set_stencil_ref(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_DSA;
    ctx->sub->stencil_ref = p[0];
    return true;
}

bool cmd_set_blend_color(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_BLEND_COLOR;
    for (int i = 0; i < 4; i++)
        ctx->sub->blend_color[i] = u2f(p[i]);
    return true;
}

bool cmd_set_scissor(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_SCISSOR;
    uint32_t start = p[0], n = (len - 1) / 2;
    if ((len - 1) % 2 || start >= 16 || n > 16 - start)
        return ctx_err(ctx, "scissor: start %u, %u dwords", start, len);
    for (uint32_t i = 0; i < n; i++) {
        ctx->sub->scissor[start + i][0] = p[1 + 2 * i];
        ctx->sub->scissor[start + i][1] = p[2 + 2 * i];
    }
    return true;
}

bool cmd_set_polygon_stipple(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                             uint32_t h)
{
    ctx->draw_dirty |= DRAW_DRIVER;   /* the pattern is a driver uniform */
    memcpy(ctx->sub->stipple, p, sizeof ctx->sub->stipple);
    return true;
}

bool cmd_set_clip_state(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_DRIVER;   /* clip planes are driver uniforms */
    for (int i = 0; i < 8; i++)
        for (int c = 0; c < 4; c++)
            ctx->sub->clip_planes[i][c] = u2f(p[4 * i + c]);
    return true;
}

bool cmd_set_sample_mask(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_SAMPLE;
    ctx->sub->sample_mask = p[0];
    return true;
}

bool cmd_set_min_samples(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_SAMPLE;
    ctx->sub->min_samples = p[0];
    return true;
}

bool cmd_set_tess_state(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_TESS;
    for (int i = 0; i < 4; i++)
        ctx->sub->tess_outer[i] = u2f(p[i]);
    for (int i = 0; i < 2; i++)
        ctx->sub->tess_inner[i] = u2f(p[4 + i]);
    /* GLES has no default levels: the pass-through control shader writes them. */
    if (ctx->r->gles)
        ctx->draw_dirty = DRAW_ALL;
    return true;
}

bool cmd_set_shader_buffers(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                            uint32_t h)
{
    ctx->draw_dirty |= DRAW_SSBOS;
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], start = p[1], n = (len - 2) / 3;
    if ((len - 2) % 3 || st >= SHADER_TYPES || start >= MAX_SSBOS || n > MAX_SSBOS - start)
        return ctx_err(ctx, "shader buffers: shader %u start %u, %u dwords", st, start, len);
    for (uint32_t i = 0; i < n; i++) {
        struct ssbo_slot *b = &s->ssbos[st][start + i];
        b->offset = p[2 + 3 * i];
        b->size = p[3 + 3 * i];
        set_res(ctx, &b->res, p[4 + 3 * i]);
    }
    return true;
}

bool cmd_set_shader_images(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                           uint32_t h)
{
    /* GLES creates buffer textures for images on unit 0, which a stage's sampler may use;
     * image formats are in the key (below). */
    ctx->draw_dirty |= DRAW_IMAGES | (ctx->r->gles ? DRAW_TEX_ALL : 0);
    struct sub_ctx *s = ctx->sub;
    uint32_t st = p[0], start = p[1], n = (len - 2) / 5;
    /* Mesa's context teardown unbinds PIPE_MAX_SHADER_IMAGES (32) slots per stage whatever
     * the caps say, as virglrenderer accepts: slots past ours (MAX_IMAGES, what the caps
     * advertise) are accepted and ignored, since no shader we accept can use them. */
    if ((len - 2) % 5 || st >= SHADER_TYPES || start >= WIRE_MAX_IMAGES ||
        n > WIRE_MAX_IMAGES - start)
        return ctx_err(ctx, "shader images: shader %u start %u, %u dwords", st, start, len);
    for (uint32_t i = 0; i < n && start + i < MAX_IMAGES; i++) {
        struct image_slot *im = &s->images[st][start + i];
        /* The key has the format of each bound image (shaders.c build_key). */
        bool bound = p[6 + 5 * i] != 0;
        if (bound != (im->res != NULL) ||
            (bound && image_format_for(im->format) != image_format_for(p[2 + 5 * i])))
            ctx->draw_dirty |= DRAW_PROG;
        im->format = p[2 + 5 * i];
        im->access = p[3 + 5 * i];
        im->layer_offset = p[4 + 5 * i];
        im->level_size = p[5 + 5 * i];
        set_res(ctx, &im->res, p[6 + 5 * i]);
    }
    return true;
}

bool cmd_set_atomic_buffers(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                            uint32_t h)
{
    ctx->draw_dirty |= DRAW_SSBOS;
    struct sub_ctx *s = ctx->sub;
    uint32_t start = p[0], n = (len - 1) / 3;
    if ((len - 1) % 3 || start >= MAX_SSBOS || n > MAX_SSBOS - start)
        return ctx_err(ctx, "atomic buffers: start %u, %u dwords", start, len);
    for (uint32_t i = 0; i < n; i++) {
        struct ubo_slot *b = &s->atomics[start + i];
        b->offset = p[1 + 3 * i];
        b->size = p[2 + 3 * i];
        set_res(ctx, &b->res, p[3 + 3 * i]);
    }
    return true;
}

bool cmd_memory_barrier(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    glMemoryBarrier(GL_ALL_BARRIER_BITS);
    return true;
}

bool cmd_texture_barrier(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    if (!ctx->r->gles)
        glTextureBarrier();
    return true;
}

bool cmd_bind_shader(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty |= DRAW_PROG;   /* another program gets all its resources bound (draw.c) */
    struct sub_ctx *s = ctx->sub;
    uint32_t handle = p[0], type = p[1];
    if (type >= SHADER_TYPES)
        return ctx_err(ctx, "bind shader: type %u", type);
    struct shader_obj *sh = NULL;
    if (handle) {
        struct vobj *o = sub_obj(s, handle, OBJ_SHADER);
        if (!o || !o->u.shader || o->u.shader->type != type) {
            vlog(ctx->r, VREND_LOG_WARN, "bind shader: no type-%u shader %u", type, handle);
        } else {
            sh = o->u.shader;
            sh->refs++;
        }
    }
    if (s->shaders[type])
        shader_unref(s->shaders[type]);
    s->shaders[type] = sh;
    return true;
}

bool cmd_link_shader(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    /* Programs are linked lazily per draw (the key depends on draw-time state). */
    return true;
}
