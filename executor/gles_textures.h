/* gles_textures.h: texture resources on a GLES host (gles_textures.c). */
#ifndef GLES_TEXTURES_H
#define GLES_TEXTURES_H

#include "vrend_priv.h"

/* The GLES target that stores a desktop target's data (1D -> 2D, 1D array -> 2D array,
 * rectangle -> 2D; others unchanged). */
GLenum gles_target(GLenum desktop_target);
/* Creates r->id with immutable storage for r->d and sets r->target; GL errors are left for
 * the caller to check. */
bool gles_texture_create(struct vrend_renderer *rr, struct vres *r, GLenum desktop_target);
/* One checked box (vres_copy's bounds already hold) between memory at p and the texture. */
void gles_texture_upload(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                         const uint8_t *p, uint64_t stride, uint64_t layer_stride);
/* Returns -1 where GLES cannot read the format back (compressed). */
int gles_texture_readback(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                          uint8_t *p, uint64_t stride, uint64_t layer_stride);

#endif
