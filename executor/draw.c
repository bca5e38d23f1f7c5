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
    /* ES 2.0 has no separate buffer binding: every attribute is specified again. */
    uint32_t was = layout || ctx->r->es2 ? 0 : s->vao_enabled & ~s->vao_converted, now = 0;
    uint32_t converted = 0;
    for (uint32_t i = 0; i < max; i++) {
        const struct vertex_element *el = i < n ? &s->ve->u.ve->el[i] : NULL;
        const struct vformat *f = el ? vformat_get(el->format) : NULL;
        const struct vbuf *vb = el && el->vb_index < MAX_VBUFS ? &s->vbufs[el->vb_index] : NULL;
        if (!f || !f->vcomps || !vb || !vb->res || !vb->res->is_buffer) {
            if (s->vao_enabled & (1u << i))
                glc_vao_disable(ctx->r, vao, i);
            continue;
        }
        GLuint buf = vb->res->id;
        GLintptr off = (GLintptr)vb->offset + el->src_offset;
        GLsizei stride = (GLsizei)vb->stride;
        GLenum type = f->vtype;
        if (ctx->r->gles && gles_converts_attrib(type)) {
            /* Read from a float copy, made again for every draw: the buffer's contents may
             * have changed. */
            if (!gles_float_attrib(ctx->r, vb->res, (uint64_t)off, vb->stride, type,
                                   (uint32_t)vformat_vsize(f), &s->float_copies[i])) {
                if (s->vao_enabled & (1u << i))
                    glc_vao_disable(ctx->r, vao, i);
                continue;
            }
            converted |= 1u << i;
            buf = s->float_copies[i];
            off = 0;
            stride = vformat_vsize(f) * (GLsizei)sizeof(float);
            type = GL_FLOAT;
        }
        now |= 1u << i;
        if (was & (1u << i)) {
            glc_vao_vertex_buffer(ctx->r, vao, i, buf, off, stride);
            continue;
        }
        /* 64-bit float formats come from glVertexPointer(GL_DOUBLE) and the like, whose
         * values the shader reads as floats: GL converts them.  Mesa splits the attributes
         * a shader reads as doubles into 32-bit formats. */
        bool integer = (f->flags & (FMT_INT | FMT_UINT)) != 0;
        enum glc_attrib_kind kind = integer ? GLC_ATTRIB_INT : GLC_ATTRIB_FLOAT;
        glc_vao_attrib(ctx->r, vao, i, buf, off, stride, vformat_vsize(f), type, f->vnorm, kind,
                       el->divisor);
    }
    s->vao_enabled = now;
    s->vao_converted = converted;
}

/* Whether the draw has anything to draw and stays within the invocation limit; false with
 * *ok set: skip it (ok) or reject it (not ok). */
static bool draw_validate(struct vrend_context *ctx, const struct cmd_draw_vbo *c,
                          const struct vres *indirect, bool *ok)
{
    *ok = true;
    if (!indirect && ((!c->count && !c->count_from_so) || !c->instance_count))
        return false;
    uint64_t limit = ctx->r->opts.max_invocations;
    if (!indirect && limit && (uint64_t)c->count * c->instance_count > limit) {
        *ok = ctx_err(ctx, "draw: %u vertices x %u instances, more than the limit %llu",
                      c->count, c->instance_count, (unsigned long long)limit);
        return false;
    }
    return true;
}

/* Makes the draw's program current with its state, resources and vertex arrays; NULL when
 * there is none to draw with (logged).  Draws of one submission reuse the previous draw's
 * program, state, resource bindings and vertex arrays as far as the commands between them
 * left those valid; the program also depends on the primitive (point sprites), so another
 * mode chooses again. */
static struct program *draw_bind(struct vrend_context *ctx, const struct cmd_draw_vbo *c)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t dirty = ctx->draw_dirty;
    if (s->draw_mode != c->mode)
        dirty |= DRAW_PROG;
    s->draw_mode = c->mode;
    if (c->mode == PIPE_PRIM_PATCHES && s->patch_vertices != c->vertices_per_patch) {
        /* GLES sizes the pass-through control shader to the patch. */
        s->patch_vertices = c->vertices_per_patch;
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
            return NULL;
        }
        /* Bindings and uniform blocks are the program's: another one needs all of them. */
        if (prog != ctx->draw_prog || dirty == DRAW_ALL)
            dirty |= DRAW_RESOURCES;
        /* An advanced blend equation is set only for a fragment shader that declares it. */
        if (s->blend && s->blend->u.blend.advanced)
            dirty |= DRAW_BLEND;
    }
    vlog(ctx->r, VREND_LOG_DEBUG, "draw mode %u start %u count %u prog %u vp %g %g %g %g",
         c->mode, c->start, c->count, prog->id, s->vp_scale[0][0], s->vp_scale[0][1],
         s->vp_trans[0][0], s->vp_trans[0][1]);
    if (dirty) {
        while (glGetError() != GL_NO_ERROR)
            ;
        if (dirty & DRAW_FIXED)
            state_apply(ctx, dirty, prog);
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
        /* Converted attributes are copied again for the next draw. */
        ctx->draw_dirty = ctx->sub->vao_converted ? DRAW_VBUFS : 0;
        ctx->draw_prog = prog;
    }
    return prog;
}

/* The indirect draws: draw_count records from the indirect buffer, or as many as the count
 * buffer says (ARB_indirect_parameters, offered only where the host has it, caps.c; the
 * guest writes query results there through QBOs). */
static void draw_indirect(struct vrend_context *ctx, const struct cmd_draw_vbo *c,
                          struct vres *indirect, GLenum type)
{
    uint32_t ioff = c->indirect_offset, stride = c->indirect_stride;
    uint32_t draw_count = c->indirect_draw_count;
    GLenum mode = c->mode;
    struct vres *count_buf = c->indirect_count_handle ? ctx_res(ctx, c->indirect_count_handle)
                                                      : NULL;
    bool counted = count_buf && count_buf->is_buffer &&
                   (uint64_t)c->indirect_count_offset + 4 <= count_buf->d.width;
    glBindBuffer(GL_DRAW_INDIRECT_BUFFER, indirect->id);
    if (counted && !ctx->r->indirect_params) {
        /* No glMultiDraw*IndirectCount (GLES, older desktop hosts): the count is read back
         * here, waiting for what writes it, and bounds the records drawn below. */
        uint32_t n = 0;
        glc_buffer_get_written_data(ctx->r, count_buf->id, c->indirect_count_offset, 4, &n);
        draw_count = n < draw_count ? n : draw_count;
        if (!draw_count) {
            glBindBuffer(GL_DRAW_INDIRECT_BUFFER, 0);
            return;
        }
    }
    if (counted && ctx->r->indirect_params) {
        glBindBuffer(GL_PARAMETER_BUFFER_ARB, count_buf->id);
        if (c->indexed)
            glMultiDrawElementsIndirectCountARB(mode, type, (void *)(uintptr_t)ioff,
                                                c->indirect_count_offset, draw_count, stride);
        else
            glMultiDrawArraysIndirectCountARB(mode, (void *)(uintptr_t)ioff,
                                              c->indirect_count_offset, draw_count, stride);
        glBindBuffer(GL_PARAMETER_BUFFER_ARB, 0);
    } else if (draw_count <= 1 || ctx->r->gles) {
        /* GLES has no multi-draw-indirect: one draw per record. */
        for (uint32_t i = 0; i < (draw_count ? draw_count : 1); i++) {
            const void *rec = (const void *)(uintptr_t)(ioff + (uint64_t)i * stride);
            if (c->indexed)
                glDrawElementsIndirect(mode, type, rec);
            else
                glDrawArraysIndirect(mode, rec);
        }
    } else {
        if (c->indexed)
            glMultiDrawElementsIndirect(mode, type, (void *)(uintptr_t)ioff, draw_count, stride);
        else
            glMultiDrawArraysIndirect(mode, (void *)(uintptr_t)ioff, draw_count, stride);
    }
    glBindBuffer(GL_DRAW_INDIRECT_BUFFER, 0);
}

/* Whether a GLES host must reorder the draw's vertices for its flat values: the guest asks
 * for the first vertex's, and the fragment shader has flat inputs.  Not with a geometry or
 * tessellation stage (their output primitives are the ones the convention applies to). */
static bool needs_first_vertex(const struct vrend_context *ctx, const struct program *prog)
{
    const struct sub_ctx *s = ctx->sub;
    const struct rs_state *rs = s->rs ? &s->rs->u.rs : NULL;
    const struct shader_variant *fs = prog->v[SHADER_FRAGMENT];
    if (!ctx->r->gles || ctx->r->es2 || !rs || !rs->flatshade_first || !fs ||
        prog->v[SHADER_GEOMETRY] || prog->v[SHADER_TESS_EVAL])
        return false;
    for (uint32_t i = 0; i < fs->refl->num_inputs; i++) {
        uint8_t interp = fs->refl->inputs[i].interp;
        if (interp == T2G_INTERP_CONSTANT || (interp == T2G_INTERP_COLOR && rs->flatshade))
            return true;
    }
    return false;
}

/* One list draw of the draw's primitives with the first vertex last, or with !last first. */
static bool draw_list(struct vrend_context *ctx, const struct cmd_draw_vbo *c, GLenum mode,
                      uint64_t ib_first, uint32_t isize, bool last, uint64_t *primitives)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t n = c->count;
    GLuint buf;
    if (!gles_first_vertex_indices(ctx->r, &mode, c->indexed ? s->ib->id : 0, ib_first, &n,
                                   isize, c->primitive_restart, c->restart_index, c->start,
                                   last, &buf))
        return false;
    *primitives = (uint64_t)(n / (mode == GL_TRIANGLES ? 3 : 2)) * c->instance_count;
    if (!buf)
        return true;
    glc_vao_element_buffer(ctx->r, s->vao, buf);
    glDrawElementsInstancedBaseVertexBaseInstance(mode, (GLsizei)n, GL_UNSIGNED_INT, NULL,
                                                  c->instance_count,
                                                  c->indexed ? c->index_bias : 0,
                                                  c->start_instance);
    glc_vao_element_buffer(ctx->r, s->vao, c->indexed ? s->ib->id : 0);
    glDeleteBuffers(1, &buf);
    return true;
}

/* The draw as lists with each primitive's first vertex last (gles_first_vertex_indices);
 * false where the mode has no provoking vertex to move.  Under stream output the capture
 * takes the primitives first-vertex first, as GL captures them under that convention,
 * without rasterizing; then they are drawn for the rasterizer with the capture paused, and
 * primitives-generated queries take that second draw off. */
static bool draw_first_vertex(struct vrend_context *ctx, const struct cmd_draw_vbo *c,
                              GLenum mode, uint64_t ib_first, uint32_t isize)
{
    struct sub_ctx *s = ctx->sub;
    bool capturing = s->so_cur && s->so_cur->state == SO_ACTIVE;
    uint64_t primitives = 0;
    if (!capturing)
        return draw_list(ctx, c, mode, ib_first, isize, true, &primitives);
    bool discard = s->rs && s->rs->u.rs.rasterizer_discard;
    glEnable(GL_RASTERIZER_DISCARD);
    bool drawn = draw_list(ctx, c, mode, ib_first, isize, false, &primitives);
    if (discard)
        return drawn;
    glDisable(GL_RASTERIZER_DISCARD);
    if (drawn) {
        glPauseTransformFeedback();
        if (draw_list(ctx, c, mode, ib_first, isize, true, &primitives))
            ctx->extra_primitives += primitives;
        glResumeTransformFeedback();
    }
    return drawn;
}

/* Issues the draw with prog bound: restart state, index buffer, then the GL draw call. */
static void draw_issue(struct vrend_context *ctx, const struct cmd_draw_vbo *c,
                       struct program *prog, struct vres *indirect)
{
    struct sub_ctx *s = ctx->sub;
    GLenum mode = c->mode;
    if (ctx->r->gles)
        mode = gles_polygon_point_mode(s->rs ? &s->rs->u.rs : NULL, mode,
                                       !prog->v[SHADER_GEOMETRY] && !prog->v[SHADER_TESS_EVAL]);
    if (mode == PIPE_PRIM_PATCHES && c->vertices_per_patch)
        glPatchParameteri(GL_PATCH_VERTICES, c->vertices_per_patch);
    if (ctx->r->es2) {
        /* No primitive restart in ES 2.0 (GET_CAPS offers none). */
    } else if (ctx->r->gles) {
        /* GLES restarts only at the all-ones index of the index type. */
        if (c->primitive_restart)
            glEnable(GL_PRIMITIVE_RESTART_FIXED_INDEX);
        else
            glDisable(GL_PRIMITIVE_RESTART_FIXED_INDEX);
    } else if (c->primitive_restart) {
        glEnable(GL_PRIMITIVE_RESTART);
        glPrimitiveRestartIndex(c->restart_index);
    } else {
        glDisable(GL_PRIMITIVE_RESTART);
    }
    GLenum type = 0;
    uint32_t isize = 0;
    uint64_t ib_first = s->ib_offset;
    if (c->indexed) {
        if (!s->ib || !s->ib->is_buffer)
            return;
        isize = s->ib_size;
        type = isize == 1 ? GL_UNSIGNED_BYTE : isize == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
        glc_vao_element_buffer(ctx->r, s->vao, s->ib->id);
        /* Mesa 22.3's virgl folds a buffer object's first index into the offset (offset =
         * start * size: the offset alone locates the indices), but sends indices it uploads
         * from user memory at offset + start * size (the upload's offset less the start, which
         * a multi-draw's later draws have non-zero).  An offset of exactly start * size is
         * the first kind. */
        if (!indirect && s->ib_offset != (uint64_t)c->start * isize)
            ib_first = s->ib_offset + (uint64_t)c->start * isize;
        if (!indirect && (uint64_t)c->count * isize + ib_first > s->ib->d.width) {
            vlog(ctx->r, VREND_LOG_WARN, "draw: index range beyond the index buffer, skipped");
            return;
        }
    }
    /* DrawTransformFeedback: as many vertices as the target's last capture recorded. */
    bool from_so = c->count_from_so && !indirect;
    struct so_object *count_from = from_so ? streamout_count_source(ctx) : NULL;
    if (from_so && (!count_from || c->indexed || (ctx->r->gles && !count_from->count_valid))) {
        vlog(ctx->r, VREND_LOG_WARN, "draw: count from stream output, but no count recorded; "
             "skipped");
        return;
    }
    if (!render_condition_begin(ctx))
        return;   /* discarded by the render condition */
    streamout_before_draw(ctx, prog, mode);
    if (count_from) {
        if (ctx->r->gles)
            glDrawArraysInstanced(mode, 0, (GLsizei)count_from->vertices, c->instance_count);
        else
            glDrawTransformFeedbackInstanced(mode, count_from->id, c->instance_count);
    } else if (indirect) {
        draw_indirect(ctx, c, indirect, type);
    } else if (ctx->r->es2) {
        /* One instance (GET_CAPS offers no instancing); a base vertex through
         * GL_OES_draw_elements_base_vertex where the host has it. */
        const void *off = (const void *)(uintptr_t)ib_first;
        if (!c->indexed)
            glDrawArrays(mode, c->start, c->count);
        else if (c->index_bias && epoxy_has_gl_extension("GL_OES_draw_elements_base_vertex"))
            glDrawElementsBaseVertexOES(mode, c->count, type, off, c->index_bias);
        else
            glDrawElements(mode, c->count, type, off);
    } else if (needs_first_vertex(ctx, prog) && draw_first_vertex(ctx, c, mode, ib_first, isize)) {
        /* Drawn as lists with the guest's provoking vertex last. */
    } else if (c->indexed) {
        const void *off = (const void *)(uintptr_t)ib_first;
        GLuint restart_ib = ctx->r->gles && c->primitive_restart
            ? gles_restart_indices(ctx->r, s->ib->id, (uint32_t)ib_first, c->count, isize,
                                   c->restart_index)
            : 0;
        if (restart_ib) {
            glc_vao_element_buffer(ctx->r, s->vao, restart_ib);
            off = NULL;
        }
        glDrawElementsInstancedBaseVertexBaseInstance(mode, c->count, type, off,
                                                      c->instance_count, c->index_bias,
                                                      c->start_instance);
        if (restart_ib) {
            glc_vao_element_buffer(ctx->r, s->vao, s->ib->id);
            glDeleteBuffers(1, &restart_ib);
        }
    } else {
        glDrawArraysInstancedBaseInstance(mode, c->start, c->count, c->instance_count,
                                          c->start_instance);
    }
    render_condition_end(ctx);
    if (ctx->r->opts.verbose && getenv("VIRGL_EXEC_TRACE")) {
        uint8_t px[4] = { 0 };
        glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
        GLint fbo = 0, cur = 0, rd = 0;
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &fbo);
        glGetIntegerv(GL_CURRENT_PROGRAM, &cur);
        glGetIntegerv(GL_RASTERIZER_DISCARD, &rd);
        vlog(ctx->r, VREND_LOG_DEBUG, "after draw: pixel %u %u %u %u fbo %d prog %d discard %d err 0x%x",
             px[0], px[1], px[2], px[3], fbo, cur, rd, glGetError());
    }
    streamout_after_draw(ctx);
    GLenum e = glGetError();
    if (e != GL_NO_ERROR)
        vlog(ctx->r, VREND_LOG_WARN, "context %s: draw raised GL error 0x%x", ctx->name, e);
}

bool exec_draw_vbo(struct vrend_context *ctx, const struct cmd_draw_vbo *c)
{
    struct vres *indirect = c->indirect_handle ? ctx_res(ctx, c->indirect_handle) : NULL;
    bool ok;
    if (!draw_validate(ctx, c, indirect, &ok))
        return ok;
    if (!fb_bind(ctx))
        return true;
    struct program *prog = draw_bind(ctx, c);
    if (prog)
        draw_issue(ctx, c, prog, indirect);
    return true;
}

/* Threads of a direct grid: block size x grid size, saturating at UINT64_MAX. */
static uint64_t grid_threads(const struct cmd_launch_grid *c)
{
    uint64_t n = 1;
    for (int i = 0; i < 6; i++) {
        uint32_t k = i < 3 ? c->block[i] : c->grid[i - 3];
        if (k && n > UINT64_MAX / k)
            return UINT64_MAX;
        n *= k;
    }
    return n;
}

bool exec_launch_grid(struct vrend_context *ctx, const struct cmd_launch_grid *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *indirect = c->indirect_handle ? ctx_res(ctx, c->indirect_handle) : NULL;
    if (indirect && !indirect->is_buffer)
        indirect = NULL; /* the grid in the command, as for no indirect buffer */
    uint64_t limit = ctx->r->opts.max_invocations;
    if (limit && !indirect && grid_threads(c) > limit)
        return ctx_err(ctx, "launch_grid: %u x %u x %u blocks of %u x %u x %u threads, more than "
                       "the limit %llu", c->grid[0], c->grid[1], c->grid[2], c->block[0],
                       c->block[1], c->block[2], (unsigned long long)limit);
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
        if ((uint64_t)c->indirect_offset + 12 > indirect->d.width)
            return ctx_err(ctx, "launch_grid: indirect offset %u out of bounds",
                           c->indirect_offset);
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, indirect->id);
        glDispatchComputeIndirect(c->indirect_offset);
        glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, 0);
    } else {
        glDispatchCompute(c->grid[0], c->grid[1], c->grid[2]);
    }
    while (glGetError() != GL_NO_ERROR)
        ;
    return true;
}
