/* gles_draw.h: draw-time substitutes on a GLES host (gles_draw.c). */
#ifndef GLES_DRAW_H
#define GLES_DRAW_H

#include "vrend_priv.h"

/* The GLES query target for a desktop one: occlusion counts become any-samples-passed
 * (GLES counts no samples); targets GLES lacks give 0 (no query object). */
GLenum gles_query_target(GLenum desktop_target);

/* GLES restarts primitives only at the index type's all-ones value: for another restart
 * index, a temporary element buffer holding the `count` indices at `offset` of ib with that
 * index replaced (0 when the draw needs none; the caller deletes it). */
GLuint gles_restart_indices(struct vrend_renderer *rr, GLuint ib, uint32_t offset,
                            uint32_t count, uint32_t isize, uint32_t restart_index);

/* GLES has no glPolygonMode: polygons filled as points (both faces, no geometry or
 * tessellation stage) are drawn as their vertices, as GL_POINTS; otherwise `mode`. */
bool gles_polygons_as_points(const struct rs_state *rs, uint32_t mode, bool vertex_only);
GLenum gles_polygon_point_mode(const struct rs_state *rs, GLenum mode, bool vertex_only);

/* GLES offsets filled polygons only: the clip-space z per unit of w that moves the points
 * drawn for polygons in point mode by the guest's polygon offset (key.depth_offset_from_
 * driver), for a depth buffer of guest format zformat and a viewport depth scale. */
float gles_points_depth_offset(const struct rs_state *rs, uint32_t zformat, float depth_scale);

/* GLES has no glProvokingVertex: a flat value is the last vertex's.  For a guest that asks
 * for the first vertex's, a draw of lines or triangles (mode, count indices from offset of
 * element buffer ib, isize bytes each, or with isize 0 the vertices from start) becomes a
 * list whose primitives have that vertex last (or with !last first, the order stream output
 * captures them in under that convention): *buf an element buffer of 32-bit indices (0
 * where no whole primitive is left) that the caller deletes, *mode and *count the list's.
 * False, changing nothing, for other modes or where it cannot be made. */
bool gles_first_vertex_indices(struct vrend_renderer *rr, GLenum *mode, GLuint ib,
                               uint64_t offset, uint32_t *count, uint32_t isize, bool restart,
                               uint32_t restart_index, uint32_t start, bool last,
                               GLuint *buf);

/* Vertex types GLES has not: doubles (glVertexPointer(GL_DOUBLE) reaches the host as
 * 64-bit formats, whatever the caps say) and GL_UNSIGNED_INT_10F_11F_11F_REV.  Whether
 * gles_float_attrib converts `type`. */
bool gles_converts_attrib(GLenum type);
/* The attribute of `type` with `comps` components (3 for the packed type) of every vertex
 * of buffer `buf` from byte `off` on, `stride` apart, copied as floats into *copy (made on
 * first use, the caller deletes it), tightly packed.  False where there is nothing to read
 * (or the copy would pass its size limit, or the host cannot read buffers back: ES 2.0). */
bool gles_float_attrib(struct vrend_renderer *rr, const struct vres *buf, uint64_t off,
                       uint32_t stride, GLenum type, uint32_t comps, GLuint *copy);

#endif
