/* draw.c: DRAW_VBO (vertex layout, index buffer, direct/indirect/instanced draws) and
 * LAUNCH_GRID. */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_draw.h"
#include "vrend_priv.h"

static void setup_vertex_arrays(struct vrend_context *ctx, struct program *p)
{
    struct sub_ctx *s = ctx->sub;
    GLuint vao = s->vao;
    glBindVertexArray(vao);
    uint32_t n = s->ve ? s->ve->u.ve->count : 0;
    uint32_t max = ctx->r->lim.max_vertex_attribs < 32 ? ctx->r->lim.max_vertex_attribs : 32;
    for (uint32_t i = 0; i < max; i++) {
        const struct vertex_element *el = i < n ? &s->ve->u.ve->el[i] : NULL;
        const struct vformat *f = el ? vformat_get(el->format) : NULL;
        const struct vbuf *vb = el && el->vb_index < MAX_VBUFS ? &s->vbufs[el->vb_index] : NULL;
        if (!f || !f->vcomps || !vb || !vb->res || !vb->res->is_buffer) {
            glc_vao_disable(ctx->r, vao, i);
            continue;
        }
        bool integer = (f->flags & (FMT_INT | FMT_UINT)) != 0;
        enum glc_attrib_kind kind = f->vtype == GL_DOUBLE ? GLC_ATTRIB_DOUBLE
                                    : integer ? GLC_ATTRIB_INT : GLC_ATTRIB_FLOAT;
        glc_vao_attrib(ctx->r, vao, i, vb->res->id, (GLintptr)vb->offset + el->src_offset,
                       vb->stride, f->vcomps, f->vtype, f->vnorm, kind, el->divisor);
    }
}

static bool begin_streamout(struct vrend_context *ctx, GLenum mode)
{
    (void)ctx;
    (void)mode;
    /* Transform feedback needs varyings named at link time from the stream-output
     * declaration; not wired yet, so draws simply run without capture. */
    return false;
}

bool cmd_draw_vbo(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t start = p[0], count = p[1], mode = p[2], indexed = p[3], instances = p[4];
    int32_t index_bias = (int32_t)p[5];
    uint32_t start_instance = p[6], restart = p[7], restart_index = p[8];
    if (mode > 14 || (mode >= 7 && mode <= 9))
        return ctx_err(ctx, "draw: primitive %u", mode);
    uint32_t patch_vertices = len >= 13 ? p[12] : 0;
    struct vres *indirect = len >= 19 && p[14] ? ctx_res(ctx, p[14]) : NULL;
    if (!indirect && (!count || !instances))
        return true;
    if (!fb_bind(ctx))
        return true;
    s->draw_mode = mode;
    struct program *prog = program_for_draw(ctx, false);
    if (!prog)
        return true;
    bool flipped = fb_flipped(s);
    vlog(ctx->r, VREND_LOG_DEBUG, "draw mode %u start %u count %u prog %u flipped %d vp %g %g %g %g",
         mode, start, count, prog->id, flipped, s->vp_scale[0][0], s->vp_scale[0][1],
         s->vp_trans[0][0], s->vp_trans[0][1]);
    while (glGetError() != GL_NO_ERROR)
        ;
    state_apply(ctx, flipped);
    GLenum e0 = glGetError();
    glUseProgram(prog->id);
    program_bind_resources(ctx, prog);
    GLenum e1 = glGetError();
    setup_vertex_arrays(ctx, prog);
    GLenum e2 = glGetError();
    if (e0 || e1 || e2)
        vlog(ctx->r, VREND_LOG_DEBUG, "draw setup errors: state 0x%x resources 0x%x arrays 0x%x",
             e0, e1, e2);
    if (mode == 14 && patch_vertices)
        glPatchParameteri(GL_PATCH_VERTICES, patch_vertices);
    if (ctx->r->gles) {
        /* GLES restarts only at the all-ones index of the index type. */
        if (restart)
            glEnable(GL_PRIMITIVE_RESTART_FIXED_INDEX);
        else
            glDisable(GL_PRIMITIVE_RESTART_FIXED_INDEX);
    } else if (restart) {
        glEnable(GL_PRIMITIVE_RESTART);
        glPrimitiveRestartIndex(restart_index);
    } else {
        glDisable(GL_PRIMITIVE_RESTART);
    }
    GLenum type = 0;
    uint32_t isize = 0;
    if (indexed) {
        if (!s->ib || !s->ib->is_buffer)
            return true;
        isize = s->ib_size;
        type = isize == 1 ? GL_UNSIGNED_BYTE : isize == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
        glc_vao_element_buffer(ctx->r, s->vao, s->ib->id);
        /* Mesa folds the first index into the index buffer offset (offset = start * size),
         * so the offset alone locates the indices. */
        if (!indirect && (uint64_t)count * isize + s->ib_offset > s->ib->d.width) {
            vlog(ctx->r, VREND_LOG_WARN, "draw: index range beyond the index buffer, skipped");
            return true;
        }
    }
    bool so = begin_streamout(ctx, mode);
    render_condition_begin(ctx);
    if (indirect) {
        uint32_t ioff = p[15], stride = p[16], draw_count = p[17];
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, indirect->id);
        if (draw_count <= 1 || ctx->r->gles) {
            /* GLES has no multi-draw-indirect: one draw per record. */
            for (uint32_t i = 0; i < (draw_count ? draw_count : 1); i++) {
                const void *rec = (const void *)(uintptr_t)(ioff + (uint64_t)i * stride);
                if (indexed)
                    glDrawElementsIndirect(mode, type, rec);
                else
                    glDrawArraysIndirect(mode, rec);
            }
        } else {
            if (indexed)
                glMultiDrawElementsIndirect(mode, type, (void *)(uintptr_t)ioff, draw_count, stride);
            else
                glMultiDrawArraysIndirect(mode, (void *)(uintptr_t)ioff, draw_count, stride);
        }
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, 0);
    } else if (indexed) {
        const void *off = (const void *)(uintptr_t)s->ib_offset;
        GLuint restart_ib = ctx->r->gles && restart
            ? gles_restart_indices(ctx->r, s->ib->id, s->ib_offset, count, isize, restart_index)
            : 0;
        if (restart_ib) {
            glc_vao_element_buffer(ctx->r, s->vao, restart_ib);
            off = NULL;
        }
        glDrawElementsInstancedBaseVertexBaseInstance(mode, count, type, off, instances,
                                                      index_bias, start_instance);
        if (restart_ib) {
            glc_vao_element_buffer(ctx->r, s->vao, s->ib->id);
            glDeleteBuffers(1, &restart_ib);
        }
    } else {
        glDrawArraysInstancedBaseInstance(mode, start, count, instances, start_instance);
    }
    render_condition_end(ctx);
    if (ctx->r->opts.verbose && getenv("VIRGL_EXEC_TRACE")) {
        uint8_t px[4] = { 0 };
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        GLint fbo = 0, prog = 0, rd = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fbo);
        glGetIntegerv(GL_CURRENT_PROGRAM, &prog);
        glGetIntegerv(GL_RASTERIZER_DISCARD, &rd);
        vlog(ctx->r, VREND_LOG_DEBUG, "after draw: pixel %u %u %u %u fbo %d prog %d discard %d err 0x%x",
             px[0], px[1], px[2], px[3], fbo, prog, rd, glGetError());
    }
    if (so)
        glEndTransformFeedback();
    GLenum e = glGetError();
    if (e != GL_NO_ERROR)
        vlog(ctx->r, VREND_LOG_WARN, "context %s: draw raised GL error 0x%x", ctx->name, e);
    return true;
}

bool cmd_launch_grid(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    struct program *prog = program_for_draw(ctx, true);
    if (!prog)
        return true;
    glUseProgram(prog->id);
    program_bind_resources(ctx, prog);
    struct vres *indirect = p[6] ? ctx_res(ctx, p[6]) : NULL;
    if (indirect && indirect->is_buffer) {
        if ((uint64_t)p[7] + 12 > indirect->d.width)
            return ctx_err(ctx, "launch_grid: indirect offset %u out of bounds", p[7]);
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, indirect->id);
        glDispatchComputeIndirect(p[7]);
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, 0);
    } else {
        glDispatchCompute(p[3], p[4], p[5]);
    }
    while (glGetError() != GL_NO_ERROR)
        ;
    return true;
}
