/* gles_blit.h: blits glBlitFramebuffer refuses (on GLES, or from a compressed source),
 * drawn instead (gles_blit.c). */
#ifndef GLES_BLIT_H
#define GLES_BLIT_H

#include "vrend_priv.h"

/* Rectangles are x0, y0, x1, y1 as glBlitFramebuffer takes them. */
bool gles_blit_needs_draw(const struct vrend_renderer *rr, const struct vres *src,
                          const struct vres *dst, GLbitfield bits, const int32_t s[4],
                          const int32_t d[4]);
/* Draws layer `layer` of src's level, rectangle s, into rectangle d of dst_fbo's colour
 * attachment 0, or its depth when bits has depth (scissor as the caller left it).  Colour
 * converts from format `from` to `to` (what each stored channel of either means: a
 * luminance-alpha source read into RGBA gives (L, L, L, A)).  Leaves program, VAO, viewport
 * and fixed-function state changed: the core sets them again before its next draw. */
bool gles_blit_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level, uint32_t layer,
                    GLuint dst_fbo, const int32_t s[4], const int32_t d[4], GLbitfield bits,
                    GLenum filter, const struct vformat *from, const struct vformat *to);
/* ES 2.0 hosts, colour only: draws rectangle s of src's level, held by src_fbo's colour
 * attachment 0, into rectangle d of dst_fbo's (scissor as the caller left it; state changed
 * as gles_blit_draw leaves it). */
bool es2_blit_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level, GLuint src_fbo,
                   GLuint dst_fbo, const int32_t s[4], const int32_t d[4], GLenum filter);
/* ES 2.0 hosts, depth: draws rectangle s of src's depth into rectangle d of dst_fbo's depth
 * attachment, written as each fragment's depth (GL_EXT_frag_depth).  Only the first level of
 * a 2D texture can be sampled alone; false (nothing drawn) for others or without the
 * extension.  State changed as gles_blit_draw leaves it. */
bool es2_blit_depth_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level,
                         GLuint dst_fbo, const int32_t s[4], const int32_t d[4]);
/* Desktop hosts: whether glBlitFramebuffer cannot do this one (a compressed source). */
bool blit_needs_draw_desktop(const struct vres *src, const struct vres *dst, GLbitfield bits);
void gles_blitter_free(struct gles_blitter *b);
/* Copies (resolves) layer `layer` of src's level, w x h, into a new single-sample 2D texture
 * of the same format; `point` is GL_COLOR_ATTACHMENT0 or GL_DEPTH_ATTACHMENT. */
GLuint single_sample_copy(struct vrend_renderer *rr, struct vres *src, uint32_t level,
                          uint32_t layer, uint32_t w, uint32_t h, GLenum point);

#endif
