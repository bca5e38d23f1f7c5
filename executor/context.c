/* context.c: guest contexts and their sub-contexts (object tables and bound state). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "vrend_priv.h"

/* The object a handle names in a sub-context, if it is of that type. */
struct vobj *sub_obj(struct sub_ctx *s, uint32_t handle, uint32_t type)
{
    struct vobj *o = htable_get(&s->objs, handle);
    return o && o->type == type ? o : NULL;
}

struct sub_ctx *sub_create(struct vrend_context *ctx, uint32_t id)
{
    struct sub_ctx *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->id = id;
    s->sample_mask = ~0u;
    glc_fb_create(ctx->r, &s->fbo);
    glc_vao_create(ctx->r, &s->vao);
    glc_buffer_create(ctx->r, &s->driver_ubo);
    glc_buffer_data(ctx->r, s->driver_ubo, sizeof(struct driver_block), NULL,
                    GL_STREAM_DRAW);
    s->fb_dirty = true;
    if (!htable_put(&ctx->subs, id ? id : UINT32_MAX, s)) {
        free(s);
        return NULL;
    }
    return s;
}

void sub_destroy(struct vrend_context *ctx, struct sub_ctx *s)
{
    struct htable *t = &s->objs;
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->keys[i] && t->vals[i]) {
            obj_destroy(ctx, s, t->vals[i]);
            t->vals[i] = NULL;
        }
    htable_free(t);
    shader_unref(s->tcs_passthrough);
    shader_unref(s->edge_flag_gs);
    for (int st = 0; st < SHADER_TYPES; st++) {
        if (s->shaders[st])
            shader_unref(s->shaders[st]);
        for (int i = 0; i < MAX_SLOTS; i++)
            view_unref(s->views[st][i]);
        for (int i = 0; i < MAX_UBOS; i++)
            vres_unref(ctx, s->ubos[st][i].res);
        for (int i = 0; i < MAX_SSBOS; i++)
            vres_unref(ctx, s->ssbos[st][i].res);
        for (int i = 0; i < MAX_IMAGES; i++)
            vres_unref(ctx, s->images[st][i].res);
        for (int i = 0; i < MAX_UBOS; i++)
            free(s->consts[st][i]);
        glDeleteBuffers(MAX_UBOS, s->const_bufs[st]);
    }
    for (int i = 0; i < MAX_SSBOS; i++)
        vres_unref(ctx, s->atomics[i].res);
    for (int i = 0; i < MAX_VBUFS; i++)
        vres_unref(ctx, s->vbufs[i].res);
    vres_unref(ctx, s->ib);
    for (int i = 0; i < 8; i++)
        surface_unref(s->cbufs[i]);
    surface_unref(s->zsurf);
    programs_free(s);
    glDeleteFramebuffers(1, &s->fbo);
    glDeleteVertexArrays(1, &s->vao);
    glDeleteBuffers(32, s->float_copies);
    glDeleteBuffers(1, &s->driver_ubo);
    streamout_sub_destroy(s);
    free(s);
}

struct vrend_context *vrend_context_create(struct vrend_renderer *r, const char *name)
{
    struct vrend_context *ctx = calloc(1, sizeof(*ctx));
    if (!ctx)
        return NULL;
    ctx->r = r;
    snprintf(ctx->name, sizeof ctx->name, "%s", name ? name : "?");
    ctx->sub = sub_create(ctx, 0);
    if (!ctx->sub) {
        free(ctx);
        return NULL;
    }
    ctx->next = r->contexts;
    r->contexts = ctx;
    return ctx;
}

void vrend_context_destroy(struct vrend_context *ctx)
{
    if (!ctx)
        return;
    struct vrend_context **link = &ctx->r->contexts;
    while (*link && *link != ctx)
        link = &(*link)->next;
    if (*link)
        *link = ctx->next;
    for (uint32_t i = 0; i < ctx->subs.cap; i++)
        if (ctx->subs.keys[i] && ctx->subs.vals[i])
            sub_destroy(ctx, ctx->subs.vals[i]);
    htable_free(&ctx->subs);
    for (uint32_t i = 0; i < ctx->res.cap; i++)
        if (ctx->res.keys[i] && ctx->res.vals[i])
            vres_unref(ctx, ctx->res.vals[i]);
    htable_free(&ctx->res);
    free(ctx);
}

bool vrend_context_broken(const struct vrend_context *ctx) { return ctx->broken; }

static uint32_t sub_key(uint32_t id) { return id ? id : UINT32_MAX; }

bool exec_create_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    if (htable_get(&ctx->subs, sub_key(c->id)))
        return true;
    return sub_create(ctx, c->id) != NULL;
}

bool exec_set_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = htable_get(&ctx->subs, sub_key(c->id));
    if (!s) {
        vlog(ctx->r, VREND_LOG_WARN, "set_sub_ctx: unknown sub context %u", c->id);
        return true;
    }
    /* Mesa switches to its one sub context at the start of every command buffer. */
    if (s == ctx->sub)
        return true;
    ctx->sub = s;
    s->fb_dirty = true;
    return true;
}

bool exec_destroy_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    /* Sub-context 0 lives as long as the context; sub_key() gives id 0xffffffff its key too,
     * so that id must not destroy it either (it left ctx->sub NULL for the next command). */
    if (sub_key(c->id) == sub_key(0))
        return true;
    struct sub_ctx *s = htable_remove(&ctx->subs, sub_key(c->id));
    if (!s)
        return true;
    if (ctx->sub == s)
        ctx->sub = htable_get(&ctx->subs, sub_key(0));
    sub_destroy(ctx, s);
    return true;
}
