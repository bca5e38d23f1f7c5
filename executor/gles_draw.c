/* gles_draw.c: draw-time substitutes on a GLES host: query targets GLES has, primitive
 * restart at an index GLES cannot restart at, and polygons drawn as points. */
#include <stdlib.h>

#include "gl_compat.h"
#include "gles_draw.h"

GLenum gles_query_target(GLenum t)
{
    switch (t) {
    case GL_SAMPLES_PASSED: return GL_ANY_SAMPLES_PASSED;
    case GL_TRANSFORM_FEEDBACK_STREAM_OVERFLOW: case GL_TRANSFORM_FEEDBACK_OVERFLOW: return 0;
    /* Timer queries only through EXT_disjoint_timer_query (glQueryCounter included). */
    case GL_TIME_ELAPSED: case GL_TIMESTAMP:
        return epoxy_has_gl_extension("GL_EXT_disjoint_timer_query") ? t : 0;
    default: return t;
    }
}

GLuint gles_restart_indices(struct vrend_renderer *rr, GLuint ib, uint32_t offset,
                            uint32_t count, uint32_t isize, uint32_t restart_index)
{
    uint32_t all_ones = isize == 1 ? 0xffu : isize == 2 ? 0xffffu : 0xffffffffu;
    if (restart_index == all_ones || !count)
        return 0;
    uint8_t *data = malloc((size_t)count * isize);
    if (!data)
        return 0;
    glc_buffer_get_sub_data(rr, ib, offset, (GLsizeiptr)count * isize, data);
    for (uint32_t i = 0; i < count; i++) {
        if (isize == 1 && data[i] == restart_index)
            data[i] = 0xff;
        else if (isize == 2 && ((uint16_t *)data)[i] == restart_index)
            ((uint16_t *)data)[i] = 0xffff;
        else if (isize == 4 && ((uint32_t *)data)[i] == restart_index)
            ((uint32_t *)data)[i] = 0xffffffffu;
    }
    GLuint buf;
    glc_buffer_create(rr, &buf);
    glc_buffer_data(rr, buf, (GLsizeiptr)count * isize, data, GL_STREAM_DRAW);
    free(data);
    return buf;
}

/* Each vertex of a polygon drawn in point mode is one point; culling and edge flags, which
 * would drop some, are not applied (a point has no facing on GLES). */
bool gles_polygons_as_points(const struct rs_state *rs, uint32_t mode, bool vertex_only)
{
    enum { POLYGON_MODE_POINT = 2 };
    bool polygon = mode >= PIPE_PRIM_TRIANGLES && mode <= PIPE_PRIM_POLYGON;
    return rs && vertex_only && polygon && rs->fill_front == POLYGON_MODE_POINT &&
           rs->fill_back == POLYGON_MODE_POINT;
}

GLenum gles_polygon_point_mode(const struct rs_state *rs, GLenum mode, bool vertex_only)
{
    return gles_polygons_as_points(rs, mode, vertex_only) ? GL_POINTS : mode;
}

float gles_points_depth_offset(const struct rs_state *rs, uint32_t zformat, float depth_scale)
{
    if (!rs || !rs->offset_point || depth_scale == 0)
        return 0;
    /* The smallest difference the depth buffer resolves; a float buffer's depends on the
     * depth itself, taken as that of 24 bits, which a depth in [0.5, 1) has. */
    const struct vformat *f = vformat_get(zformat);
    GLenum internal = f ? f->internal : GL_DEPTH_COMPONENT24;
    double r = internal == GL_DEPTH_COMPONENT16   ? 1.0 / 65535.0
               : internal == GL_DEPTH_COMPONENT32 ? 1.0 / 4294967295.0
                                                  : 1.0 / 16777215.0;
    /* A point has no slope: the units alone, clamped as GL clamps the whole offset. */
    double o = rs->offset_units * r;
    if (rs->offset_clamp > 0 && o > rs->offset_clamp)
        o = rs->offset_clamp;
    else if (rs->offset_clamp < 0 && o < rs->offset_clamp)
        o = rs->offset_clamp;
    /* Window depth is z_ndc * scale + translate. */
    return (float)(o / depth_scale);
}
