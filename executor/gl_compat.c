/* gl_compat.c: DSA on desktop GL, bind-to-edit on GLES, behind one set of calls (gl_compat.h). */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"

/* ------------------------------------------------------------------ buffers */

/* The target buffers are edited through: ES 2.0 has only the array and element targets, and
 * the array binding is no vertex array's state (the element binding is). */
static GLenum edit_target(const struct vrend_renderer *r)
{
    return r->es2 ? GL_ARRAY_BUFFER : GL_COPY_WRITE_BUFFER;
}

void glc_buffer_create(struct vrend_renderer *r, GLuint *id)
{
    if (!r->gles) {
        glCreateBuffers(1, id);
        return;
    }
    /* A generated name is an object only once bound. */
    glGenBuffers(1, id);
    glBindBuffer(edit_target(r), *id);
}

void glc_buffer_data(struct vrend_renderer *r, GLuint id, GLsizeiptr size, const void *data,
                     GLenum usage)
{
    if (!r->gles) {
        glNamedBufferData(id, size, data, usage);
        return;
    }
    glBindBuffer(edit_target(r), id);
    glBufferData(edit_target(r), size, data, usage);
}

void glc_buffer_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off, GLsizeiptr size,
                         const void *data)
{
    if (!r->gles) {
        glNamedBufferSubData(id, off, size, data);
        return;
    }
    glBindBuffer(edit_target(r), id);
    glBufferSubData(edit_target(r), off, size, data);
}

void glc_buffer_get_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off,
                             GLsizeiptr size, void *data)
{
    if (!r->gles) {
        glGetNamedBufferSubData(id, off, size, data);
        return;
    }
    if (r->es2) {
        /* ES 2.0 reads a buffer back only through GL_EXT_map_buffer_range; without it the
         * guest reads zeros (logged once per call site by the caller's checks). */
        const void *p = NULL;
        glBindBuffer(GL_ARRAY_BUFFER, id);
        if (r->es2x.map_buffer_range)
            p = glMapBufferRangeEXT(GL_ARRAY_BUFFER, off, size, GL_MAP_READ_BIT_EXT);
        if (p) {
            memcpy(data, p, size);
            glUnmapBufferOES(GL_ARRAY_BUFFER);
        } else {
            memset(data, 0, size);
        }
        return;
    }
    /* GLES reads buffers only by mapping them. */
    glBindBuffer(GL_COPY_READ_BUFFER, id);
    const void *p = glMapBufferRange(GL_COPY_READ_BUFFER, off, size, GL_MAP_READ_BIT);
    if (p) {
        memcpy(data, p, size);
        glUnmapBuffer(GL_COPY_READ_BUFFER);
    }
}

void glc_buffer_get_written_data(struct vrend_renderer *r, GLuint id, GLintptr off,
                                 GLsizeiptr size, void *data)
{
    if (!r->gles || r->gl_version >= 31)
        glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
    glc_buffer_get_sub_data(r, id, off, size, data);
}

void glc_buffer_copy(struct vrend_renderer *r, GLuint src, GLuint dst, GLintptr src_off,
                     GLintptr dst_off, GLsizeiptr size)
{
    if (!r->gles) {
        glCopyNamedBufferSubData(src, dst, src_off, dst_off, size);
        return;
    }
    if (r->es2) {
        /* No buffer-to-buffer copy in ES 2.0: through memory. */
        void *tmp = malloc(size > 0 ? (size_t)size : 1);
        if (!tmp)
            return;
        glc_buffer_get_sub_data(r, src, src_off, size, tmp);
        glc_buffer_sub_data(r, dst, dst_off, size, tmp);
        free(tmp);
        return;
    }
    glBindBuffer(GL_COPY_READ_BUFFER, src);
    glBindBuffer(GL_COPY_WRITE_BUFFER, dst);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, src_off, dst_off, size);
}

/* ------------------------------------------------------------------ textures */

void glc_texture_create(struct vrend_renderer *r, GLenum target, GLuint *id)
{
    if (!r->gles) {
        glCreateTextures(target, 1, id);
        return;
    }
    glGenTextures(1, id);
    glBindTexture(target, *id);
}

void glc_texture_parameteri(struct vrend_renderer *r, GLenum target, GLuint id, GLenum pname,
                            GLint v)
{
    if (!r->gles) {
        glTextureParameteri(id, pname, v);
        return;
    }
    glBindTexture(target, id);
    glTexParameteri(target, pname, v);
}

void glc_texture_swizzle(struct vrend_renderer *r, GLenum target, GLuint id, const GLint sw[4])
{
    if (!r->gles) {
        glTextureParameteriv(id, GL_TEXTURE_SWIZZLE_RGBA, sw);
        return;
    }
    /* GLES has only the per-channel names. */
    static const GLenum pn[4] = { GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G,
                                  GL_TEXTURE_SWIZZLE_B, GL_TEXTURE_SWIZZLE_A };
    glBindTexture(target, id);
    for (int i = 0; i < 4; i++)
        glTexParameteri(target, pn[i], sw[i]);
}

void glc_bind_texture_unit(struct vrend_renderer *r, GLuint unit, GLenum target, GLuint id)
{
    if (!r->gles) {
        glBindTextureUnit(unit, id);
        return;
    }
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(target, id);
    glActiveTexture(GL_TEXTURE0);
}

void glc_texture_buffer(struct vrend_renderer *r, GLuint tex, GLenum internal, GLuint buf,
                        GLintptr off, GLsizeiptr size)
{
    if (!r->gles) {
        if (size)
            glTextureBufferRange(tex, internal, buf, off, size);
        else
            glTextureBuffer(tex, internal, buf);
        return;
    }
    glBindTexture(GL_TEXTURE_BUFFER, tex);
    if (size)
        glTexBufferRange(GL_TEXTURE_BUFFER, internal, buf, off, size);
    else
        glTexBuffer(GL_TEXTURE_BUFFER, internal, buf);
}

/* ------------------------------------------------------------------ framebuffers */

/* ES 2.0 has one framebuffer binding, GL_FRAMEBUFFER, for drawing and reading. */
static GLenum fb_target(const struct vrend_renderer *r, GLenum t)
{
    return r->es2 ? GL_FRAMEBUFFER : t;
}

void glc_fb_create(struct vrend_renderer *r, GLuint *fbo)
{
    if (!r->gles) {
        glCreateFramebuffers(1, fbo);
        return;
    }
    glGenFramebuffers(1, fbo);
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), *fbo);
}

void glc_fb_texture(struct vrend_renderer *r, GLuint fbo, GLenum point, GLuint tex, GLint level)
{
    if (!r->gles) {
        glNamedFramebufferTexture(fbo, point, tex, level);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    if (r->es2) {
        /* No layered attachments: the texture's first image (face or slice).  No
         * GL_DEPTH_STENCIL_ATTACHMENT either: a packed depth/stencil texture
         * (GL_OES_packed_depth_stencil) is attached at both points. */
        if (point == GL_DEPTH_STENCIL_ATTACHMENT) {
            glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, tex, level);
            point = GL_STENCIL_ATTACHMENT;
        }
        glFramebufferTexture2D(GL_FRAMEBUFFER, point, GL_TEXTURE_2D, tex, level);
        return;
    }
    glFramebufferTexture(fb_target(r, GL_DRAW_FRAMEBUFFER), point, tex, level);
}

void glc_fb_texture_layer(struct vrend_renderer *r, GLuint fbo, GLenum point, GLenum tex_target,
                          GLuint tex, GLint level, GLint layer)
{
    if (!r->gles) {
        glNamedFramebufferTextureLayer(fbo, point, tex, level, layer);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    /* GLES attaches cube faces only through the face target, and non-array 2D textures
     * (1D and rectangle resources live there on GLES) only as a whole level. */
    if (tex_target == GL_TEXTURE_CUBE_MAP)
        glFramebufferTexture2D(fb_target(r, GL_DRAW_FRAMEBUFFER), point, GL_TEXTURE_CUBE_MAP_POSITIVE_X + layer,
                               tex, level);
    else if (tex_target == GL_TEXTURE_2D || tex_target == GL_TEXTURE_2D_MULTISAMPLE)
        glFramebufferTexture2D(fb_target(r, GL_DRAW_FRAMEBUFFER), point, tex_target, tex, level);
    else
        glFramebufferTextureLayer(fb_target(r, GL_DRAW_FRAMEBUFFER), point, tex, level, layer);
}

void glc_fb_draw_buffers(struct vrend_renderer *r, GLuint fbo, GLsizei n, const GLenum *bufs)
{
    if (!r->gles) {
        glNamedFramebufferDrawBuffers(fbo, n, bufs);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    if (r->es2) {
        if (r->es2x.draw_buffers)
            glDrawBuffersEXT(n, bufs);
        return;
    }
    glDrawBuffers(n, bufs);
}

void glc_fb_read_buffer(struct vrend_renderer *r, GLuint fbo, GLenum buf)
{
    if (!r->gles) {
        glNamedFramebufferReadBuffer(fbo, buf);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_READ_FRAMEBUFFER), fbo);
    if (r->es2) {
        if (r->es2x.read_buffer)
            glReadBufferNV(buf);
        return;
    }
    glReadBuffer(buf);
}

void glc_fb_parameteri(struct vrend_renderer *r, GLuint fbo, GLenum pname, GLint v)
{
    if (!r->gles) {
        glNamedFramebufferParameteri(fbo, pname, v);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    glFramebufferParameteri(fb_target(r, GL_DRAW_FRAMEBUFFER), pname, v);
}

GLenum glc_fb_status(struct vrend_renderer *r, GLuint fbo)
{
    if (!r->gles)
        return glCheckNamedFramebufferStatus(fbo, fb_target(r, GL_DRAW_FRAMEBUFFER));
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    return glCheckFramebufferStatus(fb_target(r, GL_DRAW_FRAMEBUFFER));
}

void glc_clear_fb_fv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLfloat *v)
{
    if (!r->gles) {
        glClearNamedFramebufferfv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    if (r->es2) {
        /* No glClearBuffer: the colour clear of the whole framebuffer (the caller has one
         * attachment bound for it), or depth. */
        if (buf == GL_COLOR) {
            glClearColor(v[0], v[1], v[2], v[3]);
            glClear(GL_COLOR_BUFFER_BIT);
        } else if (buf == GL_DEPTH) {
            glClearDepthf(v[0]);
            glClear(GL_DEPTH_BUFFER_BIT);
        }
        return;
    }
    glClearBufferfv(buf, i, v);
}

void glc_clear_fb_iv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLint *v)
{
    if (!r->gles) {
        glClearNamedFramebufferiv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    if (r->es2) {
        /* Stencil (ES 2.0 has no integer colour buffers). */
        if (buf == GL_STENCIL) {
            glClearStencil(v[0]);
            glClear(GL_STENCIL_BUFFER_BIT);
        }
        return;
    }
    glClearBufferiv(buf, i, v);
}

void glc_clear_fb_uiv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLuint *v)
{
    if (!r->gles) {
        glClearNamedFramebufferuiv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    glClearBufferuiv(buf, i, v);
}

void glc_clear_fb_fi(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, GLfloat d,
                     GLint s)
{
    if (!r->gles) {
        glClearNamedFramebufferfi(fbo, buf, i, d, s);
        return;
    }
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), fbo);
    if (r->es2) {
        glClearDepthf(d);
        glClearStencil(s);
        glClear(GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        return;
    }
    glClearBufferfi(buf, i, d, s);
}

void glc_blit_fb(struct vrend_renderer *r, GLuint src, GLuint dst, GLint sx0, GLint sy0,
                 GLint sx1, GLint sy1, GLint dx0, GLint dy0, GLint dx1, GLint dy1,
                 GLbitfield mask, GLenum filter)
{
    if (!r->gles) {
        glBlitNamedFramebuffer(src, dst, sx0, sy0, sx1, sy1, dx0, dy0, dx1, dy1, mask, filter);
        return;
    }
    if (r->es2)
        return; /* no blit in ES 2.0 on this host: gles_blit.c draws instead */
    glBindFramebuffer(fb_target(r, GL_READ_FRAMEBUFFER), src);
    glBindFramebuffer(fb_target(r, GL_DRAW_FRAMEBUFFER), dst);
    glBlitFramebuffer(sx0, sy0, sx1, sy1, dx0, dy0, dx1, dy1, mask, filter);
}

/* ------------------------------------------------------------------ vertex arrays */

void glc_vao_create(struct vrend_renderer *r, GLuint *vao)
{
    if (!r->gles) {
        glCreateVertexArrays(1, vao);
        return;
    }
    glGenVertexArrays(1, vao);
    glBindVertexArray(*vao);
}

void glc_vao_disable(struct vrend_renderer *r, GLuint vao, GLuint i)
{
    if (!r->gles) {
        glDisableVertexArrayAttrib(vao, i);
        return;
    }
    glBindVertexArray(vao);
    glDisableVertexAttribArray(i);
}

void glc_vao_attrib(struct vrend_renderer *r, GLuint vao, GLuint i, GLuint buf, GLintptr off,
                    GLsizei stride, GLint comps, GLenum type, GLboolean norm,
                    enum glc_attrib_kind kind, GLuint divisor)
{
    if (!r->gles) {
        glVertexArrayVertexBuffer(vao, i, buf, off, stride);
        if (kind == GLC_ATTRIB_INT)
            glVertexArrayAttribIFormat(vao, i, comps, type, 0);
        else
            glVertexArrayAttribFormat(vao, i, comps, type, norm, 0);
        glVertexArrayAttribBinding(vao, i, i);
        glVertexArrayBindingDivisor(vao, i, divisor);
        glEnableVertexArrayAttrib(vao, i);
        return;
    }
    /* GLES 3.1 has the separate attribute format / binding model, on the bound VAO.  It
     * has no double formats; the caps never offer them. */
    glBindVertexArray(vao);
    if (r->es2) {
        /* ES 2.0: float attributes, the buffer captured by the pointer; no divisor. */
        glBindBuffer(GL_ARRAY_BUFFER, buf);
        glVertexAttribPointer(i, comps, type, norm, stride, (const void *)off);
        glEnableVertexAttribArray(i);
        return;
    }
    glBindVertexBuffer(i, buf, off, stride);
    if (kind == GLC_ATTRIB_INT)
        glVertexAttribIFormat(i, comps, type, 0);
    else
        glVertexAttribFormat(i, comps, type, norm, 0);
    glVertexAttribBinding(i, i);
    glVertexBindingDivisor(i, divisor);
    glEnableVertexAttribArray(i);
}

void glc_vao_vertex_buffer(struct vrend_renderer *r, GLuint vao, GLuint i, GLuint buf,
                           GLintptr off, GLsizei stride)
{
    if (!r->gles) {
        glVertexArrayVertexBuffer(vao, i, buf, off, stride);
        return;
    }
    glBindVertexArray(vao);
    glBindVertexBuffer(i, buf, off, stride);
}

void glc_vao_element_buffer(struct vrend_renderer *r, GLuint vao, GLuint buf)
{
    if (!r->gles) {
        glVertexArrayElementBuffer(vao, buf);
        return;
    }
    glBindVertexArray(vao);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, buf);
}
