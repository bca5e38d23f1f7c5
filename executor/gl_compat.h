/* gl_compat.h: the object-editing calls the core makes, as one API over both hosts: direct
 * state access on desktop GL 4.5, bind-to-edit on GLES 3.x (which has no DSA).  Each takes
 * the renderer only to know which; the GLES paths leave the edited object bound to a
 * scratch target (GL_COPY_WRITE_BUFFER, the texture's own target, GL_DRAW_FRAMEBUFFER),
 * which is harmless because the core binds what it draws with right before each draw. */
#ifndef GL_COMPAT_H
#define GL_COMPAT_H

#include "vrend_priv.h"

/* Buffers. */
void glc_buffer_create(struct vrend_renderer *r, GLuint *id);
void glc_buffer_data(struct vrend_renderer *r, GLuint id, GLsizeiptr size, const void *data,
                     GLenum usage);
void glc_buffer_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off, GLsizeiptr size,
                         const void *data);
void glc_buffer_get_sub_data(struct vrend_renderer *r, GLuint id, GLintptr off,
                             GLsizeiptr size, void *data);
/* glc_buffer_get_sub_data of a buffer shaders may have written (storage buffers, atomic
 * counters): such writes reach a read-back only through a buffer barrier, which hosts with
 * one (desktop, GLES 3.1) get first; the guest's own barrier orders only its GL calls. */
void glc_buffer_get_written_data(struct vrend_renderer *r, GLuint id, GLintptr off,
                                 GLsizeiptr size, void *data);
void glc_buffer_copy(struct vrend_renderer *r, GLuint src, GLuint dst, GLintptr src_off,
                     GLintptr dst_off, GLsizeiptr size);

/* Textures (target: the texture's GL target, needed by every bind-to-edit call). */
void glc_texture_create(struct vrend_renderer *r, GLenum target, GLuint *id);
void glc_texture_parameteri(struct vrend_renderer *r, GLenum target, GLuint id, GLenum pname,
                            GLint v);
void glc_texture_swizzle(struct vrend_renderer *r, GLenum target, GLuint id, const GLint sw[4]);
void glc_bind_texture_unit(struct vrend_renderer *r, GLuint unit, GLenum target, GLuint id);
/* A buffer texture over [off, off + size) of buf (size 0: the whole buffer). */
void glc_texture_buffer(struct vrend_renderer *r, GLuint tex, GLenum internal, GLuint buf,
                        GLintptr off, GLsizeiptr size);

/* Framebuffers. */
void glc_fb_create(struct vrend_renderer *r, GLuint *fbo);
/* Attaches a whole level (layered when the texture has layers). */
void glc_fb_texture(struct vrend_renderer *r, GLuint fbo, GLenum point, GLuint tex,
                    GLint level);
/* Attaches one layer (a cube face for cube maps) of a level; tex_target is the texture's. */
void glc_fb_texture_layer(struct vrend_renderer *r, GLuint fbo, GLenum point, GLenum tex_target,
                          GLuint tex, GLint level, GLint layer);
void glc_fb_draw_buffers(struct vrend_renderer *r, GLuint fbo, GLsizei n, const GLenum *bufs);
void glc_fb_read_buffer(struct vrend_renderer *r, GLuint fbo, GLenum buf);
void glc_fb_parameteri(struct vrend_renderer *r, GLuint fbo, GLenum pname, GLint v);
GLenum glc_fb_status(struct vrend_renderer *r, GLuint fbo);
void glc_clear_fb_fv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLfloat *v);
void glc_clear_fb_iv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, const GLint *v);
void glc_clear_fb_uiv(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i,
                      const GLuint *v);
void glc_clear_fb_fi(struct vrend_renderer *r, GLuint fbo, GLenum buf, GLint i, GLfloat d,
                     GLint s);
void glc_blit_fb(struct vrend_renderer *r, GLuint src, GLuint dst, GLint sx0, GLint sy0,
                 GLint sx1, GLint sy1, GLint dx0, GLint dy0, GLint dx1, GLint dy1,
                 GLbitfield mask, GLenum filter);

/* Per-buffer blend state and colour masks: ES 2.0 has one set, for buffer 0 (the others
 * follow it). */
static inline void glc_color_mask(struct vrend_renderer *r, GLuint i, GLboolean red,
                                  GLboolean green, GLboolean blue, GLboolean alpha)
{
    if (!r->es2)
        glColorMaski(i, red, green, blue, alpha);
    else if (i == 0)
        glColorMask(red, green, blue, alpha);
}

static inline void glc_scissor0(struct vrend_renderer *r, GLint x, GLint y, GLsizei w, GLsizei h)
{
    if (r->es2)
        glScissor(x, y, w, h);
    else
        glScissorIndexed(0, x, y, w, h);
}

/* Vertex arrays. */
enum glc_attrib_kind { GLC_ATTRIB_FLOAT, GLC_ATTRIB_INT };
void glc_vao_create(struct vrend_renderer *r, GLuint *vao);
void glc_vao_disable(struct vrend_renderer *r, GLuint vao, GLuint i);
void glc_vao_attrib(struct vrend_renderer *r, GLuint vao, GLuint i, GLuint buf, GLintptr off,
                    GLsizei stride, GLint comps, GLenum type, GLboolean norm,
                    enum glc_attrib_kind kind, GLuint divisor);
/* Rebinds only the buffer of attribute i's binding (its format stays). */
void glc_vao_vertex_buffer(struct vrend_renderer *r, GLuint vao, GLuint i, GLuint buf,
                           GLintptr off, GLsizei stride);
void glc_vao_element_buffer(struct vrend_renderer *r, GLuint vao, GLuint buf);

#endif
