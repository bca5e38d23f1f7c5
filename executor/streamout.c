/* streamout.c: transform feedback.  Each set of stream-output targets the guest sets gets a
 * GL transform feedback object with the targets' ranges bound; a draw whose program captures
 * begins (or resumes) it and pauses it afterwards.  So the next draw, or the guest setting
 * the same targets again (how gallium resumes and switches between transform feedback
 * objects), continues where the last one stopped.  An object ends when a draw needs its
 * vertex count, when one of its targets is destroyed, when it is evicted, or when the
 * sub-context goes. */
#include <string.h>

#include "gl_compat.h"
#include "vrend_priv.h"

bool so_target_create(struct vrend_context *ctx, struct so_target *t,
                      const struct create_so_target *c)
{
    struct vres *res = ctx_res(ctx, c->res_handle);
    uint32_t offset = c->offset, size = c->size;
    if (!res || !res->is_buffer)
        return ctx_err(ctx, "streamout target: resource %u is not a buffer", c->res_handle);
    if (offset % 4 || size % 4 || offset >= res->d.width)
        return ctx_err(ctx, "streamout target: range %u+%u of a %u-byte buffer", offset, size,
                       res->d.width);
    /* GL lets a bound range pass the end of its buffer (only the part inside is written). */
    if (size > res->d.width - offset)
        size = res->d.width - offset;
    vres_ref(res);
    t->res = res;
    t->offset = offset;
    t->size = size;
    return true;
}

static void so_end(struct so_object *o)
{
    if (o->state != SO_PAUSED)
        return;
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, o->id);
    glEndTransformFeedback();
    o->state = SO_ENDED;
}

static void so_free(struct sub_ctx *s, struct so_object *o)
{
    so_end(o);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0);
    glDeleteTransformFeedbacks(1, &o->id);
    if (o->count_query)
        glDeleteQueries(1, &o->count_query);
    if (s->so_cur == o)
        s->so_cur = NULL;
    memset(o, 0, sizeof *o);
}

/* The object for this target set: the existing one, or a new one with the ranges bound
 * (evicting the least recently used when all slots are taken). */
static struct so_object *so_object_for(struct sub_ctx *s, struct so_target *const t[4])
{
    struct so_object *o = NULL, *lru = &s->so_objs[0];
    for (int i = 0; i < MAX_SO_OBJECTS && !o; i++) {
        struct so_object *c = &s->so_objs[i];
        if (c->id && !memcmp(c->t, t, sizeof c->t))
            o = c;
        else if (!c->id || (lru->id && c->used < lru->used))
            lru = c;
    }
    if (!o) {
        o = lru;
        if (o->id)
            so_free(s, o);
        glGenTransformFeedbacks(1, &o->id);
        memcpy(o->t, t, sizeof o->t);
        glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, o->id);
        for (uint32_t i = 0; i < 4; i++)
            if (t[i] && t[i]->size)
                glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, i, t[i]->res->id, t[i]->offset,
                                  t[i]->size);
        o->state = SO_NEED_BEGIN;
    }
    o->used = ++s->so_clock;
    return o;
}

bool exec_set_streamout_targets(struct vrend_context *ctx,
                                const struct cmd_set_streamout_targets *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct sub_ctx *s = ctx->sub;
    struct so_target *t[4] = { NULL, NULL, NULL, NULL };
    bool any = false;
    for (uint32_t i = 0; i < c->count; i++) {
        if (!c->handles[i])
            continue;
        struct vobj *o = sub_obj(s, c->handles[i], OBJ_STREAMOUT_TARGET);
        if (!o)
            return ctx_err(ctx, "streamout targets: %u is not a target", c->handles[i]);
        t[i] = &o->u.so;
        any = true;
    }
    vlog(ctx->r, VREND_LOG_DEBUG, "streamout targets %u %u %u %u append 0x%x", c->handles[0],
         c->handles[1], c->handles[2], c->handles[3], c->append_bitmask);
    /* No targets: gallium's pause or end (the next set says which). */
    s->so_capture = any;
    if (!any)
        return true;
    /* The same targets again continue where they paused: Mesa's guest sends no append bits
     * (always 0) but makes new targets for each glBeginTransformFeedback after an end, so
     * only a resume or a switch back to a paused object sets targets it set before.  Append
     * bits from other guests say the same. */
    s->so_cur = so_object_for(s, t);
    return true;
}

/* The primitive transform feedback records for a draw: the last vertex stage's output. */
static GLenum capture_prim(const struct program *p, uint32_t mode)
{
    const struct shader_variant *gs = p->v[SHADER_GEOMETRY], *tes = p->v[SHADER_TESS_EVAL];
    if (gs) {
        uint32_t prim = gs->refl->gs_output_prim;
        return prim == PIPE_PRIM_POINTS ? GL_POINTS
               : prim == PIPE_PRIM_LINE_STRIP || prim == PIPE_PRIM_LINES ? GL_LINES
                                                                         : GL_TRIANGLES;
    }
    if (tes) {
        if (tes->refl->tes_point_mode)
            return GL_POINTS;
        return tes->refl->tes_prim_mode == PIPE_PRIM_LINES ? GL_LINES : GL_TRIANGLES;
    }
    switch (mode) {
    case PIPE_PRIM_POINTS:
        return GL_POINTS;
    case PIPE_PRIM_LINES: case PIPE_PRIM_LINE_LOOP: case PIPE_PRIM_LINE_STRIP:
    case PIPE_PRIM_LINES_ADJACENCY: case PIPE_PRIM_LINE_STRIP_ADJACENCY:
        return GL_LINES;
    default:
        return GL_TRIANGLES;
    }
}

bool streamout_before_draw(struct vrend_context *ctx, struct program *p, uint32_t mode)
{
    struct sub_ctx *s = ctx->sub;
    struct so_object *o = s->so_cur;
    if (!p->captures || !s->so_capture || !o)
        return false;
    GLenum prim = capture_prim(p, mode);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, o->id);
    if (o->state == SO_PAUSED && (prim != o->prim || p->id != o->prog)) {
        /* GL resumes only with the program and primitive it began with; beginning again
         * writes from the start of the ranges. */
        vlog(ctx->r, VREND_LOG_WARN, "streamout: program or primitive changed, restarted");
        glEndTransformFeedback();
        o->state = SO_NEED_BEGIN;
    }
    if (o->state == SO_PAUSED) {
        glResumeTransformFeedback();
    } else {
        glBeginTransformFeedback(prim);
        o->prim = prim;
        o->prog = p->id;
        o->vertices = 0;
        o->count_valid = true;
    }
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        /* Typically a range too small for the draw (GLES checks): this draw does not
         * capture, and the next one begins afresh. */
        vlog(ctx->r, VREND_LOG_WARN, "streamout: begin/resume raised GL error 0x%x", e);
        GLint active = 0;
        glGetIntegerv(GL_TRANSFORM_FEEDBACK_ACTIVE, &active);
        if (active)
            glEndTransformFeedback();
        o->state = SO_NEED_BEGIN;
        return false;
    }
    o->state = SO_ACTIVE;
    if (ctx->r->gles && o->count_valid) {
        if (ctx->xfb_written_queries) {
            o->count_valid = false;
        } else {
            if (!o->count_query)
                glGenQueries(1, &o->count_query);
            glBeginQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN, o->count_query);
            o->counting = true;
        }
    }
    return true;
}

void streamout_after_draw(struct vrend_context *ctx)
{
    struct so_object *o = ctx->sub->so_cur;
    if (!o || o->state != SO_ACTIVE)
        return;
    glPauseTransformFeedback();
    o->state = SO_PAUSED;
    if (o->counting) {
        GLuint prims = 0;
        glEndQuery(GL_TRANSFORM_FEEDBACK_PRIMITIVES_WRITTEN);
        glGetQueryObjectuiv(o->count_query, GL_QUERY_RESULT, &prims);
        o->vertices += prims * (o->prim == GL_POINTS ? 1 : o->prim == GL_LINES ? 2 : 3);
        o->counting = false;
    }
}

struct so_object *streamout_count_source(struct vrend_context *ctx)
{
    struct sub_ctx *s = ctx->sub;
    /* The guest names no target (the word is the target's size, only a flag here): the
     * count is the one the last capturing object recorded, readable once it has ended. */
    struct so_object *best = s->so_cur;
    if (!best || (best->state != SO_PAUSED && best->state != SO_ENDED)) {
        best = NULL;
        for (int i = 0; i < MAX_SO_OBJECTS; i++) {
            struct so_object *o = &s->so_objs[i];
            if (o->id && (o->state == SO_PAUSED || o->state == SO_ENDED) &&
                (!best || o->used > best->used))
                best = o;
        }
    }
    if (!best)
        return NULL;
    so_end(best);
    return best;
}

void streamout_target_destroyed(struct sub_ctx *s, struct so_target *t)
{
    /* A later target may be allocated where this one was: never resume into it. */
    for (int i = 0; i < MAX_SO_OBJECTS; i++)
        for (int k = 0; k < 4; k++)
            if (s->so_objs[i].id && s->so_objs[i].t[k] == t) {
                so_free(s, &s->so_objs[i]);
                break;
            }
}

void streamout_sub_destroy(struct sub_ctx *s)
{
    for (int i = 0; i < MAX_SO_OBJECTS; i++)
        if (s->so_objs[i].id)
            so_free(s, &s->so_objs[i]);
}
