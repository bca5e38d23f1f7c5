/* gles_draw.c: draw-time substitutes on a GLES host: query targets GLES has, primitive
 * restart at an index GLES cannot restart at, polygons drawn as points, and the first
 * vertex's flat values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    bool polygon = mode >= PIPE_PRIM_TRIANGLES && mode <= PIPE_PRIM_POLYGON;
    return rs && vertex_only && polygon && rs->fill_front == PIPE_POLYGON_MODE_POINT &&
           rs->fill_back == PIPE_POLYGON_MODE_POINT;
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

/* Appends the list primitives of one run of n indices (no restart inside) of a `mode` draw,
 * each with its vertices rotated so that the first-vertex convention's provoking vertex is
 * first, or with `last` last.  A cyclic rotation keeps a triangle's winding. */
static uint32_t first_vertex_run(GLenum mode, const uint32_t *in, uint32_t n, uint32_t *out,
                                 bool last)
{
    uint32_t k = 0;
    /* Each primitive is given provoking vertex first; `last` rotates it to the end. */
#define TRI(p, a, b) (last ? (out[k++] = (a), out[k++] = (b), out[k++] = (p)) \
                           : (out[k++] = (p), out[k++] = (a), out[k++] = (b)))
#define LINE(p, a) (last ? (out[k++] = (a), out[k++] = (p)) : (out[k++] = (p), out[k++] = (a)))
    switch (mode) {
    case GL_TRIANGLES:
        for (uint32_t i = 0; i + 2 < n; i += 3)
            TRI(in[i], in[i + 1], in[i + 2]);
        break;
    case GL_TRIANGLE_STRIP:
        /* Triangle i is (i, i+1, i+2), odd ones wound (i+1, i, i+2); i provokes. */
        for (uint32_t i = 0; i + 2 < n; i++) {
            if (i & 1)
                TRI(in[i], in[i + 2], in[i + 1]);
            else
                TRI(in[i], in[i + 1], in[i + 2]);
        }
        break;
    case GL_TRIANGLE_FAN:
        /* Triangle i is (0, i+1, i+2); i+1 provokes. */
        for (uint32_t i = 0; i + 2 < n; i++)
            TRI(in[i + 1], in[i + 2], in[0]);
        break;
    case GL_LINES:
        for (uint32_t i = 0; i + 1 < n; i += 2)
            LINE(in[i], in[i + 1]);
        break;
    case GL_LINE_STRIP:
    case GL_LINE_LOOP:
        for (uint32_t i = 0; i + 1 < n; i++)
            LINE(in[i], in[i + 1]);
        if (mode == GL_LINE_LOOP && n > 1)
            LINE(in[n - 1], in[0]);
        break;
    }
#undef TRI
#undef LINE
    return k;
}

bool gles_first_vertex_indices(struct vrend_renderer *rr, GLenum *mode, GLuint ib,
                               uint64_t offset, uint32_t *count, uint32_t isize, bool restart,
                               uint32_t restart_index, uint32_t start, bool last,
                               GLuint *buf)
{
    GLenum m = *mode;
    bool triangles = m == GL_TRIANGLES || m == GL_TRIANGLE_STRIP || m == GL_TRIANGLE_FAN;
    bool lines = m == GL_LINES || m == GL_LINE_STRIP || m == GL_LINE_LOOP;
    uint32_t n = *count;
    /* The output has at most three indices per input index (strips and fans); larger
     * draws keep the host's convention rather than take 48 MB of indices. */
    if ((!triangles && !lines) || !n || n > (1u << 22))
        return false;
    uint32_t *in = malloc((size_t)n * 4), *out = malloc((size_t)n * 3 * 4);
    uint8_t *raw = isize ? malloc((size_t)n * isize) : NULL;
    if (!in || !out || (isize && !raw)) {
        free(in);
        free(out);
        free(raw);
        return false;
    }
    if (isize)
        glc_buffer_get_sub_data(rr, ib, (GLintptr)offset, (GLsizeiptr)n * isize, raw);
    for (uint32_t i = 0; i < n; i++)
        in[i] = isize == 1 ? raw[i] : isize == 2 ? ((const uint16_t *)raw)[i]
              : isize == 4 ? ((const uint32_t *)raw)[i] : start + i;
    free(raw);
    uint32_t k = 0, run = 0;
    for (uint32_t i = 0; i <= n; i++) {
        if (i < n && !(restart && isize && in[i] == restart_index))
            continue;
        k += first_vertex_run(m, in + run, i - run, out + k, last);
        run = i + 1;
    }
    free(in);
    *buf = 0;
    if (k) {
        glc_buffer_create(rr, buf);
        glc_buffer_data(rr, *buf, (GLsizeiptr)k * 4, out, GL_STREAM_DRAW);
    }
    free(out);
    *mode = triangles ? GL_TRIANGLES : GL_LINES;
    *count = k;
    return true;
}

/* Past this, a converted attribute is left unset rather than converted on every draw. */
#define FLOAT_COPY_MAX (64u << 20)

bool gles_converts_attrib(GLenum type)
{
    return type == GL_DOUBLE || type == GL_UNSIGNED_INT_10F_11F_11F_REV;
}

/* The unsigned float of `mbits` mantissa bits in the low bits of v, its 5 exponent bits
 * above them (a channel of GL_R11F_G11F_B10F). */
static float small_float(uint32_t v, unsigned mbits)
{
    uint32_t m = v & ((1u << mbits) - 1), e = (v >> mbits) & 31;
    if (e == 31)
        return m ? NAN : INFINITY;
    if (e == 0)
        return ldexpf((float)m, -14 - (int)mbits);
    return ldexpf((float)(m | (1u << mbits)), (int)e - 15 - (int)mbits);
}

/* The `comps` floats of the attribute at p. */
static void attrib_to_floats(const uint8_t *p, GLenum type, uint32_t comps, float *out)
{
    if (type == GL_UNSIGNED_INT_10F_11F_11F_REV) {
        uint32_t v;
        memcpy(&v, p, sizeof v);
        out[0] = small_float(v, 6);
        out[1] = small_float(v >> 11, 6);
        out[2] = small_float(v >> 22, 5);
        return;
    }
    for (uint32_t c = 0; c < comps; c++) {
        double d;
        memcpy(&d, p + c * sizeof d, sizeof d);
        out[c] = (float)d;
    }
}

bool gles_float_attrib(struct vrend_renderer *rr, const struct vres *buf, uint64_t off,
                       uint32_t stride, GLenum type, uint32_t comps, GLuint *copy)
{
    uint64_t size = buf->d.width;
    uint64_t elem = type == GL_DOUBLE ? (uint64_t)comps * sizeof(double) : sizeof(uint32_t);
    if (type == GL_UNSIGNED_INT_10F_11F_11F_REV)
        comps = 3;
    if (rr->es2 || !gles_converts_attrib(type) || off > size || size - off < elem)
        return false;
    /* Every vertex the buffer holds from off on: the draw's range is not known here (an
     * index buffer may point anywhere); stride 0 is one constant vertex. */
    uint64_t n = stride ? (size - off - elem) / stride + 1 : 1;
    uint64_t span = (n - 1) * stride + elem;
    if (n * comps * sizeof(float) > FLOAT_COPY_MAX)
        return false;
    float *out = malloc(n * comps * sizeof(float));
    if (!out)
        return false;
    glBindBuffer(GL_COPY_READ_BUFFER, buf->id);
    const uint8_t *in = glMapBufferRange(GL_COPY_READ_BUFFER, (GLintptr)off, (GLsizeiptr)span,
                                         GL_MAP_READ_BIT);
    if (!in) {
        glBindBuffer(GL_COPY_READ_BUFFER, 0);
        free(out);
        return false;
    }
    for (uint64_t v = 0; v < n; v++)
        attrib_to_floats(in + v * stride, type, comps, out + v * comps);
    glUnmapBuffer(GL_COPY_READ_BUFFER);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);
    if (!*copy)
        glGenBuffers(1, copy);
    glBindBuffer(GL_COPY_WRITE_BUFFER, *copy);
    glBufferData(GL_COPY_WRITE_BUFFER, (GLsizeiptr)(n * comps * sizeof(float)), out,
                 GL_STREAM_DRAW);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    free(out);
    return true;
}
