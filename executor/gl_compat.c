/* gl_compat.c: DSA on desktop GL, bind-to-edit on GLES, behind one set of calls (gl_compat.h). */
#include <string.h>

#include "gl_compat.h"

/* ------------------------------------------------------------------ buffers */

void glc_buffer_create(struct vrend_renderer *r, GLuint *id)
{
    if (!r->gles) {
        glCreateBuffers(1, id);
        return;
    }
    /* A generated name is an object only once bound. */
    glGenBuffers(1, id);
    glBindBuffer(GL_COPY_WRITE_BUFFER, *id);
}

void glc_buffer_data(struct vrend_renderer *r, GLuint id, GLsizeiptr size, const void *data,
                     GLenum usage)
{
    if (!r->gles) {
        glNamedBufferData(id, size, data, usage);
        return;
    }
    glBindBuffer(GL_COPY_WRITE_BUFFER, id);
    glBufferData(GL_COPY_WRITE_BUFFER, size, data, usage);
}

void glc_buffer_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off, GLsizeiptr size,
                         const void *data)
{
    if (!r->gles) {
        glNamedBufferSubData(id, off, size, data);
        return;
    }
    glBindBuffer(GL_COPY_WRITE_BUFFER, id);
    glBufferSubData(GL_COPY_WRITE_BUFFER, off, size, data);
}

void glc_buffer_get_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off,
                             GLsizeiptr size, void *data)
{
    if (!r->gles) {
        glGetNamedBufferSubData(id, off, size, data);
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

void glc_buffer_copy(struct vrend_renderer *r, GLuint src, GLuint dst, GLintptr src_off,
                     GLintptr dst_off, GLsizeiptr size)
{
    if (!r->gles) {
        glCopyNamedBufferSubData(src, dst, src_off, dst_off, size);
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

void glc_fb_create(struct vrend_renderer *r, GLuint *fbo)
{
    if (!r->gles) {
        glCreateFramebuffers(1, fbo);
        return;
    }
    glGenFramebuffers(1, fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, *fbo);
}

void glc_fb_texture(struct vrend_renderer *r, GLuint fbo, GLenum point, GLuint tex, GLint level)
{
    if (!r->gles) {
        glNamedFramebufferTexture(fbo, point, tex, level);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glFramebufferTexture(GL_DRAW_FRAMEBUFFER, point, tex, level);
}

void glc_fb_texture_layer(struct vrend_renderer *r, GLuint fbo, GLenum point, GLenum tex_target,
                          GLuint tex, GLint level, GLint layer)
{
    if (!r->gles) {
        glNamedFramebufferTextureLayer(fbo, point, tex, level, layer);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    /* GLES attaches cube faces only through the face target, and non-array 2D textures
     * (1D and rectangle resources live there on GLES) only as a whole level. */
    if (tex_target == GL_TEXTURE_CUBE_MAP)
        glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, point, GL_TEXTURE_CUBE_MAP_POSITIVE_X + layer,
                               tex, level);
    else if (tex_target == GL_TEXTURE_2D || tex_target == GL_TEXTURE_2D_MULTISAMPLE)
        glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, point, tex_target, tex, level);
    else
        glFramebufferTextureLayer(GL_DRAW_FRAMEBUFFER, point, tex, level, layer);
}

void glc_fb_draw_buffers(struct vrend_renderer *r, GLuint fbo, GLsizei n, const GLenum *bufs)
{
    if (!r->gles) {
        glNamedFramebufferDrawBuffers(fbo, n, bufs);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glDrawBuffers(n, bufs);
}

void glc_fb_read_buffer(struct vrend_renderer *r, GLuint fbo, GLenum buf)
{
    if (!r->gles) {
        glNamedFramebufferReadBuffer(fbo, buf);
        return;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glReadBuffer(buf);
}

void glc_fb_parameteri(struct vrend_renderer *r, GLuint fbo, GLenum pname, GLint v)
{
    if (!r->gles) {
        glNamedFramebufferParameteri(fbo, pname, v);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glFramebufferParameteri(GL_DRAW_FRAMEBUFFER, pname, v);
}

GLenum glc_fb_status(struct vrend_renderer *r, GLuint fbo)
{
    if (!r->gles)
        return glCheckNamedFramebufferStatus(fbo, GL_DRAW_FRAMEBUFFER);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    return glCheckFramebufferStatus(GL_DRAW_FRAMEBUFFER);
}

void glc_clear_fb_fv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLfloat *v)
{
    if (!r->gles) {
        glClearNamedFramebufferfv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glClearBufferfv(buf, i, v);
}

void glc_clear_fb_iv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLint *v)
{
    if (!r->gles) {
        glClearNamedFramebufferiv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glClearBufferiv(buf, i, v);
}

void glc_clear_fb_uiv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLuint *v)
{
    if (!r->gles) {
        glClearNamedFramebufferuiv(fbo, buf, i, v);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
    glClearBufferuiv(buf, i, v);
}

void glc_clear_fb_fi(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, GLfloat d,
                     GLint s)
{
    if (!r->gles) {
        glClearNamedFramebufferfi(fbo, buf, i, d, s);
        return;
    }
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
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
    glBindFramebuffer(GL_READ_FRAMEBUFFER, src);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dst);
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
        if (kind == GLC_ATTRIB_DOUBLE)
            glVertexArrayAttribLFormat(vao, i, comps, GL_DOUBLE, 0);
        else if (kind == GLC_ATTRIB_INT)
            glVertexArrayAttribIFormat(vao, i, comps, type, 0);
        else
            glVertexArrayAttribFormat(vao, i, comps, type, norm, 0);
        glVertexArrayAttribBinding(vao, i, i);
        glVertexArrayBindingDivisor(vao, i, divisor);
        glEnableVertexArrayAttrib(vao, i);
        return;
    }
    /* GLES 3.1 has the separate attribute format / binding model, on the bound VAO.  It
     * has no double attributes; the caps never offer them. */
    if (kind == GLC_ATTRIB_DOUBLE) {
        glc_vao_disable(r, vao, i);
        return;
    }
    glBindVertexArray(vao);
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
