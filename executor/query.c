/* query.c: queries (results written into the query's guest-visible resource), query buffer
 * objects and conditional rendering. */
#include <string.h>

#include "gl_compat.h"
#include "vrend_priv.h"

static struct query *get_query(struct vrend_context *ctx, uint32_t handle)
{
    struct vobj *o = sub_obj(ctx->sub, handle, OBJ_QUERY);
    if (!o || !o->u.query)
        vlog(ctx->r, VREND_LOG_WARN, "unknown query %u", handle);
    return o ? o->u.query : NULL;
}

static void write_state(struct query *q, uint32_t state, uint64_t result)
{
    struct vres *r = q->res;
    struct virgl_host_query_state st = { state, 8, result };
    if (r)
        vres_backing_write(r, q->offset, &st, sizeof st);
}

static uint64_t fetch(struct query *q)
{
    GLuint64 v = 0;
    if (q->type == VIRGL_QUERY_GPU_FINISHED) {
        glFinish();
        return 1;
    }
    if (!q->id)
        return 0;
    glGetQueryObjectui64v(q->id, GL_QUERY_RESULT, &v);
    return v > q->extra ? v - q->extra : 0;
}

bool exec_begin_query(struct vrend_context *ctx, const struct cmd_query *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct query *q = get_query(ctx, c->handle);
    if (!q)
        return true;
    write_state(q, VIRGL_QUERY_STATE_NEW, 0);
    vlog(ctx->r, VREND_LOG_DEBUG, "begin query %u type %u index %u", c->handle, q->type,
         q->index);
    if (!q->id || q->type == VIRGL_QUERY_TIMESTAMP)
        return true;
    if (ctx->r->gles)
        glBeginQuery(q->gl_target, q->id);   /* GLES queries have no index */
    else
        glBeginQueryIndexed(q->gl_target, q->index, q->id);
    q->active = glGetError() == GL_NO_ERROR;
    q->extra_at_begin = ctx->extra_primitives;
    q->extra = 0;
    if (q->active && q->gl_target == GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN)
        ctx->xfb_written_queries++;
    return true;
}

bool exec_end_query(struct vrend_context *ctx, const struct cmd_query *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct query *q = get_query(ctx, c->handle);
    if (!q)
        return true;
    if (q->type == VIRGL_QUERY_TIMESTAMP && q->id) {
        glQueryCounter(q->id, GL_TIMESTAMP);
    } else if (q->active) {
        if (ctx->r->gles)
            glEndQuery(q->gl_target);
        else
            glEndQueryIndexed(q->gl_target, q->index);
        q->active = false;
        if (q->gl_target == GL_PRIMITIVES_GENERATED)
            q->extra = ctx->extra_primitives - q->extra_at_begin;
        if (q->gl_target == GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN && ctx->xfb_written_queries)
            ctx->xfb_written_queries--;
    }
    /* Results are fetched at once: the guest polls the resource and the host has no
     * asynchronous completion path to report later. */
    write_state(q, VIRGL_QUERY_STATE_DONE, fetch(q));
    return true;
}

bool exec_get_query_result(struct vrend_context *ctx, const struct cmd_get_query_result *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    /* Results are fetched at once, waited for or not. */
    struct query *q = get_query(ctx, c->handle);
    if (q && !q->active)
        write_state(q, VIRGL_QUERY_STATE_DONE, fetch(q));
    return true;
}

bool exec_get_query_result_qbo(struct vrend_context *ctx,
                               const struct cmd_get_query_result_qbo *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct query *q = get_query(ctx, c->handle);
    struct vres *qbo = ctx_res(ctx, c->qbo_handle);
    if (!q || !qbo || !qbo->is_buffer || !q->id)
        return true;
    uint32_t type = c->result_type, offset = c->offset;
    int32_t index = c->index;
    uint32_t size = type >= 2 ? 8 : 4;
    if ((uint64_t)offset + size > qbo->d.width)
        return ctx_err(ctx, "query qbo: offset %u out of bounds", offset);
    GLenum pname = index < 0 ? GL_QUERY_RESULT_AVAILABLE : GL_QUERY_RESULT;
    if (ctx->r->gles) {
        /* No query buffer objects: results are synchronous here anyway, so write them. */
        uint64_t v = index < 0 ? 1 : fetch(q);
        uint32_t v32 = type == 0 && v > INT32_MAX ? INT32_MAX : v > UINT32_MAX ? UINT32_MAX : v;
        if (size == 8)
            glc_buffer_sub_data(ctx->r, qbo->id, offset, 8, &v);
        else
            glc_buffer_sub_data(ctx->r, qbo->id, offset, 4, &v32);
        return true;
    }
    switch (type) {
    case 0: glGetQueryBufferObjectiv(q->id, qbo->id, pname, offset); break;
    case 1: glGetQueryBufferObjectuiv(q->id, qbo->id, pname, offset); break;
    case 2: glGetQueryBufferObjecti64v(q->id, qbo->id, pname, offset); break;
    default: glGetQueryBufferObjectui64v(q->id, qbo->id, pname, offset); break;
    }
    return true;
}

bool exec_set_render_condition(struct vrend_context *ctx,
                               const struct cmd_set_render_condition *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    s->cond_query = c->handle ? get_query(ctx, c->handle) : NULL;
    s->cond_invert = c->condition;
    s->cond_mode = c->mode;
    return true;
}
