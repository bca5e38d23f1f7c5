/* draw.c: DRAW_VBO (vertex layout, index buffer, direct/indirect/instanced draws) and
 * LAUNCH_GRID. */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_draw.h"
#include "vrend_priv.h"

/* layout: specify every attribute again (the vertex elements changed); otherwise only
 * the buffer bindings changed, and an attribute whose format stays is only rebound. */
static void setup_vertex_arrays(struct vrend_context *ctx, bool layout)
{
    struct sub_ctx *s = ctx->sub;
    GLuint vao = s->vao;
    glBindVertexArray(vao);
    uint32_t n = s->ve ? s->ve->u.ve->count : 0;
    uint32_t max = ctx->r->lim.max_vertex_attribs < 32 ? ctx->r->lim.max_vertex_attribs : 32;
    uint32_t was = layout ? 0 : s->vao_enabled, now = 0;
    for (uint32_t i = 0; i < max; i++) {
        const struct vertex_element *el = i < n ? &s->ve->u.ve->el[i] : NULL;
        const struct vformat *f = el ? vformat_get(el->format) : NULL;
        const struct vbuf *vb = el && el->vb_index < MAX_VBUFS ? &s->vbufs[el->vb_index] : NULL;
        if (!f || !f->vcomps || !vb || !vb->res || !vb->res->is_buffer) {
            if (s->vao_enabled & (1u << i))
                glc_vao_disable(ctx->r, vao, i);
            continue;
        }
        now |= 1u << i;
        GLintptr off = (GLintptr)vb->offset + el->src_offset;
        if (was & (1u << i)) {
            glc_vao_vertex_buffer(ctx->r, vao, i, vb->res->id, off, vb->stride);
            continue;
        }
        bool integer = (f->flags & (FMT_INT | FMT_UINT)) != 0;
        enum glc_attrib_kind kind = f->vtype == GL_DOUBLE ? GLC_ATTRIB_DOUBLE
                                    : integer ? GLC_ATTRIB_INT : GLC_ATTRIB_FLOAT;
        glc_vao_attrib(ctx->r, vao, i, vb->res->id, off, vb->stride, f->vcomps, f->vtype,
                       f->vnorm, kind, el->divisor);
    }
    s->vao_enabled = now;
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
    if (!indirect && ((!count && !p[11]) || !instances))
        return true;
    uint64_t limit = ctx->r->opts.max_invocations;
    if (!indirect && limit && (uint64_t)count * instances > limit)
        return ctx_err(ctx, "draw: %u vertices x %u instances, more than the limit %llu", count,
                       instances, (unsigned long long)limit);
    if (!fb_bind(ctx))
        return true;
    /* Draws of one submission reuse the previous draw's program, state, resource bindings
     * and vertex arrays as far as the commands between them left those valid; the program
     * also depends on the primitive (point sprites), so another mode chooses again. */
    uint32_t dirty = ctx->draw_dirty;
    if (s->draw_mode != mode)
        dirty |= DRAW_PROG;
    s->draw_mode = mode;
    if (mode == 14 && s->patch_vertices != patch_vertices) {
        /* GLES sizes the pass-through control shader to the patch. */
        s->patch_vertices = patch_vertices;
        if (ctx->r->gles)
            dirty |= DRAW_PROG;
    }
    struct program *prog = ctx->draw_prog;
    if (!prog)
        dirty = DRAW_ALL;
    if (dirty & DRAW_PROG) {
        prog = program_for_draw(ctx, false);
        if (!prog) {
            ctx->draw_dirty = DRAW_ALL;
            return true;
        }
        /* Bindings and uniform blocks are the program's: another one needs all of them. */
        if (prog != ctx->draw_prog || dirty == DRAW_ALL)
            dirty |= DRAW_RESOURCES;
    }
    vlog(ctx->r, VREND_LOG_DEBUG, "draw mode %u start %u count %u prog %u vp %g %g %g %g", mode,
         start, count, prog->id, s->vp_scale[0][0], s->vp_scale[0][1], s->vp_trans[0][0],
         s->vp_trans[0][1]);
    if (dirty) {
        while (glGetError() != GL_NO_ERROR)
            ;
        if (dirty & DRAW_FIXED)
            state_apply(ctx, dirty);
        if (dirty == DRAW_ALL || prog != ctx->draw_prog)
            glUseProgram(prog->id);
        GLenum e0 = glGetError();
        if (dirty & DRAW_RESOURCES)
            program_bind_resources(ctx, prog, dirty);
        GLenum e1 = glGetError();
        if (dirty & (DRAW_VE | DRAW_VBUFS))
            setup_vertex_arrays(ctx, dirty & DRAW_VE);
        GLenum e2 = glGetError();
        if (e0 || e1 || e2)
            vlog(ctx->r, VREND_LOG_DEBUG, "draw setup errors: state 0x%x resources 0x%x arrays 0x%x",
                 e0, e1, e2);
        ctx->draw_dirty = 0;
        ctx->draw_prog = prog;
    }
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
    /* DrawTransformFeedback: as many vertices as the target's last capture recorded. */
    struct so_object *count_from = p[11] && !indirect ? streamout_count_source(ctx) : NULL;
    if (p[11] && !indirect &&
        (!count_from || indexed || (ctx->r->gles && !count_from->count_valid))) {
        vlog(ctx->r, VREND_LOG_WARN, "draw: count from stream output, but no count recorded; "
             "skipped");
        return true;
    }
    streamout_before_draw(ctx, prog, mode);
    render_condition_begin(ctx);
    if (count_from) {
        if (ctx->r->gles)
            glDrawArraysInstanced(mode, 0, (GLsizei)count_from->vertices, instances);
        else
            glDrawTransformFeedbackInstanced(mode, count_from->id, instances);
    } else if (indirect) {
        uint32_t ioff = p[15], stride = p[16], draw_count = p[17];
        /* ARB_indirect_parameters (offered only where the host has it, caps.c): the draw
         * count is read from a buffer, at most draw_count; the guest writes query results
         * there through QBOs. */
        struct vres *count_buf = len >= 20 && p[19] ? ctx_res(ctx, p[19]) : NULL;
        glBindBuffer(GL_DRAW_INDIRECT_BUFFER, indirect->id);
        if (count_buf && count_buf->is_buffer && ctx->r->indirect_params &&
            (uint64_t)p[18] + 4 <= count_buf->d.width) {
            glBindBuffer(GL_PARAMETER_BUFFER_ARB, count_buf->id);
            if (indexed)
                glMultiDrawElementsIndirectCountARB(mode, type, (void *)(uintptr_t)ioff, p[18],
                                                    draw_count, stride);
            else
                glMultiDrawArraysIndirectCountARB(mode, (void *)(uintptr_t)ioff, p[18],
                                                  draw_count, stride);
            glBindBuffer(GL_PARAMETER_BUFFER_ARB, 0);
        } else if (draw_count <= 1 || ctx->r->gles) {
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
    streamout_after_draw(ctx);
    GLenum e = glGetError();
    if (e != GL_NO_ERROR)
        vlog(ctx->r, VREND_LOG_WARN, "context %s: draw raised GL error 0x%x", ctx->name, e);
    return true;
}

/* Threads of a direct grid: block size x grid size, saturating at UINT64_MAX. */
static uint64_t grid_threads(const uint32_t *p)
{
    uint64_t n = 1;
    for (int i = 0; i < 6; i++) {
        if (p[i] && n > UINT64_MAX / p[i])
            return UINT64_MAX;
        n *= p[i];
    }
    return n;
}

bool cmd_launch_grid(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *indirect = p[6] ? ctx_res(ctx, p[6]) : NULL;
    if (indirect && !indirect->is_buffer)
        indirect = NULL; /* the grid in the command, as for no indirect buffer */
    uint64_t limit = ctx->r->opts.max_invocations;
    if (limit && !indirect && grid_threads(p) > limit)
        return ctx_err(ctx, "launch_grid: %u x %u x %u blocks of %u x %u x %u threads, more than "
                       "the limit %llu", p[3], p[4], p[5], p[0], p[1], p[2],
                       (unsigned long long)limit);
    struct program *prog = program_for_draw(ctx, true);
    if (!prog)
        return true;
    glUseProgram(prog->id);
    program_bind_resources(ctx, prog, DRAW_RESOURCES);
    /* GL orders a dispatch after the rendering before it, but llvmpipe's dispatch does not
     * wait for the rasterizer's pending work: a depth clear then a texelFetch of that depth
     * read the old value (piglit clearbuffer-depth-cs-probe, which fails natively on
     * llvmpipe too).  A texture-fetch barrier makes llvmpipe finish that work first. */
    glMemoryBarrier(GL_TEXTURE_FETCH_BARRIER_BIT);
    if (indirect) {
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
