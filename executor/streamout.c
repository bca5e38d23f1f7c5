/* streamout.c: transform feedback.  The sub-context's stream-output targets are bound to its
 * own GL transform feedback object; a draw whose program captures begins (or resumes) it and
 * pauses it afterwards, so the next draw, or the guest re-setting the same targets with
 * their append bits (how gallium pauses and resumes), continues where the last one stopped.
 * It ends only when other targets are set, when a draw needs its vertex count, or when the
 * sub-context goes. */
#include "gl_compat.h"
#include "vrend_priv.h"

bool so_target_create(struct vrend_context *ctx, struct so_target *t, const uint32_t *p,
                      uint32_t len)
{
    if (len < 4)
        return ctx_err(ctx, "streamout target: %u dwords", len);
    struct vres *res = ctx_res(ctx, p[1]);
    uint32_t offset = p[2], size = p[3];
    if (!res || !res->is_buffer)
        return ctx_err(ctx, "streamout target: resource %u is not a buffer", p[1]);
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

static void bind_tfb(struct sub_ctx *s)
{
    if (!s->tfb)
        glGenTransformFeedbacks(1, &s->tfb);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, s->tfb);
}

static void so_end(struct sub_ctx *s)
{
    if (s->so_state != SO_PAUSED)
        return;
    bind_tfb(s);
    glEndTransformFeedback();
    s->so_state = SO_ENDED;
}

bool cmd_set_streamout_targets(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                               uint32_t h)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t n = len - 1, append = p[0];
    if (n > 4)
        return ctx_err(ctx, "streamout targets: %u", n);
    struct so_target *t[4] = { NULL, NULL, NULL, NULL };
    for (uint32_t i = 0; i < n; i++) {
        if (!p[1 + i])
            continue;
        struct vobj *o = sub_obj(s, p[1 + i], OBJ_STREAMOUT_TARGET);
        if (!o)
            return ctx_err(ctx, "streamout targets: %u is not a target", p[1 + i]);
        t[i] = &o->u.so;
    }
    /* No targets: gallium's pause (or end; the next set says which). */
    s->so_capture = n > 0;
    if (!n)
        return true;
    bool same = true, all_append = true;
    for (uint32_t i = 0; i < 4; i++) {
        same &= t[i] == s->so_targets[i];
        if (t[i] && !(append >> i & 1))
            all_append = false;
    }
    if (same && all_append && s->so_state != SO_IDLE)
        return true;   /* resume: keep appending through the paused object */
    so_end(s);
    bind_tfb(s);
    for (uint32_t i = 0; i < 4; i++) {
        s->so_targets[i] = t[i];
        if (t[i] && t[i]->size)
            glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, i, t[i]->res->id, t[i]->offset,
                              t[i]->size);
        else
            glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, i, 0);
    }
    s->num_so_targets = n;
    s->so_state = SO_NEED_BEGIN;
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
    if (!p->captures || !s->so_capture || s->so_state == SO_IDLE)
        return false;
    GLenum prim = capture_prim(p, mode);
    bind_tfb(s);
    if (s->so_state == SO_PAUSED && (prim != s->so_prim || p->id != s->so_prog)) {
        /* GL resumes only with the program and primitive it began with; beginning again
         * writes from the start of the ranges. */
        vlog(ctx->r, VREND_LOG_DEBUG, "streamout: program or primitive changed, restarted");
        glEndTransformFeedback();
        s->so_state = SO_NEED_BEGIN;
    }
    if (s->so_state == SO_PAUSED) {
        glResumeTransformFeedback();
    } else {
        glBeginTransformFeedback(prim);
        s->so_prim = prim;
        s->so_prog = p->id;
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
        s->so_state = SO_NEED_BEGIN;
        return false;
    }
    s->so_state = SO_ACTIVE;
    return true;
}

void streamout_after_draw(struct vrend_context *ctx)
{
    struct sub_ctx *s = ctx->sub;
    if (s->so_state != SO_ACTIVE)
        return;
    glPauseTransformFeedback();
    s->so_state = SO_PAUSED;
}

GLuint streamout_count_source(struct vrend_context *ctx, uint32_t handle)
{
    struct sub_ctx *s = ctx->sub;
    struct vobj *o = sub_obj(s, handle, OBJ_STREAMOUT_TARGET);
    if (!o)
        return 0;
    bool bound = false;
    for (int i = 0; i < 4; i++)
        bound |= s->so_targets[i] == &o->u.so;
    /* The vertex count lives in the object that captured into the target, readable once
     * it has ended. */
    if (!bound || s->so_state == SO_NEED_BEGIN || s->so_state == SO_IDLE)
        return 0;
    so_end(s);
    return s->tfb;
}

void streamout_target_destroyed(struct sub_ctx *s, struct so_target *t)
{
    for (int i = 0; i < 4; i++) {
        if (s->so_targets[i] != t)
            continue;
        /* A later target may be allocated where this one was: never resume into it. */
        so_end(s);
        s->so_targets[i] = NULL;
    }
}

void streamout_sub_destroy(struct sub_ctx *s)
{
    if (!s->tfb)
        return;
    so_end(s);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0);
    glDeleteTransformFeedbacks(1, &s->tfb);
    s->tfb = 0;
}
