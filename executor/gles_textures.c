/* gles_textures.c: texture resources on a GLES host: 1D and rectangle resources stored as
 * 2D (1D arrays as 2D arrays of height 1, the layout the ESSL backend samples with y = 0.5),
 * uploads through bind-to-edit, and read-back through a framebuffer and glReadPixels since
 * GLES has no glGetTexImage. */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_textures.h"

GLenum gles_target(GLenum t)
{
    switch (t) {
    case GL_TEXTURE_1D: case GL_TEXTURE_RECTANGLE: return GL_TEXTURE_2D;
    case GL_TEXTURE_1D_ARRAY: return GL_TEXTURE_2D_ARRAY;
    default: return t;
    }
}

/* ES 2.0: no immutable storage (an extension at best): each level is specified, with the
 * unsized internal format ES 2.0 takes (the pixel format itself, caps_es2.c). */
static bool es2_texture_create(struct vrend_renderer *rr, struct vres *r, GLsizei levels,
                               GLsizei w, GLsizei h)
{
    const struct vformat *f = r->fmt;
    if (!es2_format_ok(rr, f))
        return false;
    GLenum fmt = f->format == GL_BGRA ? GL_BGRA_EXT : f->format;
    GLenum type = f->type;
    if (fmt == GL_DEPTH_STENCIL)
        type = GL_UNSIGNED_INT_24_8_OES;
    for (GLsizei lv = 0; lv < levels; lv++) {
        GLsizei lw = w >> lv > 0 ? w >> lv : 1, lh = h >> lv > 0 ? h >> lv : 1;
        GLsizei ld = r->d.depth >> lv > 0 ? (GLsizei)r->d.depth >> lv : 1;
        switch (r->target) {
        case GL_TEXTURE_2D:
            glTexImage2D(GL_TEXTURE_2D, lv, (GLint)fmt, lw, lh, 0, fmt, type, NULL);
            break;
        case GL_TEXTURE_CUBE_MAP:
            for (GLenum face = 0; face < 6; face++)
                glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + face, lv, (GLint)fmt, lw, lh, 0,
                             fmt, type, NULL);
            break;
        case GL_TEXTURE_3D:
            if (!rr->es2x.texture_3d)
                return false;
            glTexImage3DOES(GL_TEXTURE_3D, lv, fmt, lw, lh, ld, 0, fmt, type, NULL);
            break;
        default:
            return false;
        }
    }
    return true;
}

bool gles_texture_create(struct vrend_renderer *rr, struct vres *r, GLenum desktop_target)
{
    const struct vrend_resource_desc *d = &r->d;
    GLenum in = r->fmt->internal;
    GLsizei levels = d->last_level + 1, w = d->width, h = d->height;
    if (desktop_target == GL_TEXTURE_1D || desktop_target == GL_TEXTURE_1D_ARRAY)
        h = 1;
    if (desktop_target == GL_TEXTURE_RECTANGLE)
        levels = 1;
    r->target = gles_target(desktop_target);
    glc_texture_create(rr, r->target, &r->id);
    if (rr->es2)
        return es2_texture_create(rr, r, levels, w, h);
    switch (r->target) {
    case GL_TEXTURE_2D: case GL_TEXTURE_CUBE_MAP:
        glTexStorage2D(r->target, levels, in, w, h);
        break;
    case GL_TEXTURE_3D:
        glTexStorage3D(r->target, levels, in, w, h, d->depth);
        break;
    case GL_TEXTURE_2D_ARRAY: case GL_TEXTURE_CUBE_MAP_ARRAY:
        glTexStorage3D(r->target, levels, in, w, h, vres_layers(r));
        break;
    case GL_TEXTURE_2D_MULTISAMPLE:
        glTexStorage2DMultisample(r->target, d->nr_samples, in, w, h, GL_TRUE);
        break;
    case GL_TEXTURE_2D_MULTISAMPLE_ARRAY:
        glTexStorage3DMultisample(r->target, d->nr_samples, in, w, h, vres_layers(r), GL_TRUE);
        break;
    default:
        return false;
    }
    if (r->target != GL_TEXTURE_2D_MULTISAMPLE && r->target != GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
        glTexParameteri(r->target, GL_TEXTURE_MAX_LEVEL, levels - 1);
    return true;
}

/* The guest's box in host coordinates: a 1D array carries its layers in y. */
struct host_box { uint32_t x, y, z, w, h, d; };

static struct host_box host_box(const struct vres *r, const struct vrend_transfer *t)
{
    struct host_box b = { t->x, t->y, t->z, t->w, t->h, t->d };
    if (r->d.target == PIPE_TEXTURE_1D_ARRAY) {
        b.z = t->y;
        b.d = t->h;
        b.y = 0;
        b.h = 1;
    } else if (r->d.target == PIPE_TEXTURE_1D) {
        b.y = 0;
        b.h = 1;
    }
    return b;
}

/* The compressed shadow of r (struct vres): each level's layers (or slices) of tight rows
 * of blocks, one level after the other.  Where level starts, with the bytes of one of its
 * rows of blocks and of one of its layers; past the last level, the whole size. */
static uint64_t shadow_level(const struct vres *r, uint32_t level, uint64_t *row_bytes,
                             uint64_t *layer_bytes)
{
    const struct vformat *f = r->fmt;
    uint64_t off = 0;
    *row_bytes = *layer_bytes = 0;
    for (uint32_t l = 0; l <= r->d.last_level; l++) {
        uint64_t wb = (vres_level_width(r, l) + f->block_w - 1) / f->block_w;
        uint64_t hb = (vres_level_height(r, l) + f->block_h - 1) / f->block_h;
        if (l == level) {
            *row_bytes = wb * f->block_bytes;
            *layer_bytes = *row_bytes * hb;
            return off;
        }
        off += wb * f->block_bytes * hb * vres_level_layers(r, l);
    }
    return off;
}

/* Copies a box of blocks between guest memory p (stride, layer_stride) and the shadow,
 * allocating it on the first upload; false where the box is not whole blocks inside the
 * level, or there is no shadow to read. */
static bool shadow_copy(struct vrend_renderer *rr, struct vres *r, uint32_t level,
                        const struct host_box *b, uint8_t *p, uint64_t stride,
                        uint64_t layer_stride, bool to_shadow)
{
    const struct vformat *f = r->fmt;
    uint64_t row, layer;
    if (!r->shadow) {
        /* The copy counts against the client's budget like the texture itself. */
        uint64_t size = shadow_level(r, r->d.last_level + 1, &row, &layer);
        if (!to_shadow || !size || size > SIZE_MAX || !(r->shadow = calloc(1, (size_t)size)))
            return false;
        if (!vres_charge(rr, r, size)) {
            free(r->shadow);
            r->shadow = NULL;
            return false;
        }
    }
    uint64_t start = shadow_level(r, level, &row, &layer);
    uint64_t x = b->x / f->block_w * (uint64_t)f->block_bytes;
    uint64_t n = (uint64_t)(b->w + f->block_w - 1) / f->block_w * f->block_bytes;
    uint32_t by = b->y / f->block_h, rows = (b->h + f->block_h - 1) / f->block_h;
    if (level > r->d.last_level || b->x % f->block_w || b->y % f->block_h || x + n > row ||
        (uint64_t)(by + rows) * row > layer || b->z + b->d > vres_level_layers(r, level))
        return false;
    for (uint32_t z = 0; z < b->d; z++)
        for (uint32_t i = 0; i < rows; i++) {
            uint8_t *s = r->shadow + start + (b->z + z) * layer + (by + i) * row + x;
            uint8_t *g = p + z * layer_stride + i * stride;
            if (to_shadow)
                memcpy(s, g, n);
            else
                memcpy(g, s, n);
        }
    return true;
}

void gles_texture_upload(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                         const uint8_t *p, uint64_t stride, uint64_t layer_stride)
{
    const struct vformat *f = r->fmt;
    struct host_box b = host_box(r, t);
    bool is_1d_array = r->d.target == PIPE_TEXTURE_1D_ARRAY;
    glBindTexture(r->target, r->id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (f->flags & FMT_COMPRESSED) {
        shadow_copy(rr, r, t->level, &b, (uint8_t *)p, stride, layer_stride, true);
        /* Compressed uploads take tight rows of blocks: one call per row of blocks. */
        uint32_t bw = f->block_w, bh = f->block_h;
        uint32_t size = (b.w + bw - 1) / bw * f->block_bytes, rows = (b.h + bh - 1) / bh;
        for (uint32_t z = 0; z < b.d; z++)
            for (uint32_t by = 0; by < rows; by++) {
                uint32_t y = b.y + by * bh, h = b.h - by * bh < bh ? b.h - by * bh : bh;
                const uint8_t *row = p + z * layer_stride + by * stride;
                if (r->target == GL_TEXTURE_2D)
                    glCompressedTexSubImage2D(r->target, t->level, b.x, y, b.w, h, f->internal,
                                              size, row);
                else if (r->target == GL_TEXTURE_CUBE_MAP)
                    glCompressedTexSubImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + b.z + z, t->level,
                                              b.x, y, b.w, h, f->internal, size, row);
                else
                    glCompressedTexSubImage3D(r->target, t->level, b.x, y, b.z + z, b.w, h, 1,
                                              f->internal, size, row);
            }
        return;
    }
    glPixelStorei(GL_UNPACK_ROW_LENGTH, (GLint)(stride / f->block_bytes));
    /* A 1D array's layers are the guest's rows; otherwise layers are layer_stride apart. */
    if (!rr->es2)
        glPixelStorei(GL_UNPACK_IMAGE_HEIGHT,
                      is_1d_array ? 1 : b.d > 1 ? (GLint)(layer_stride / stride) : 0);
    if (rr->es2 && r->target == GL_TEXTURE_3D) {
        /* GL_OES_texture_3D has no image height: a slice at a time. */
        for (uint32_t z = 0; z < b.d; z++)
            glTexSubImage3DOES(r->target, t->level, b.x, b.y, b.z + z, b.w, b.h, 1, f->format,
                               f->type, p + z * layer_stride);
    } else if (r->target == GL_TEXTURE_2D) {
        glTexSubImage2D(r->target, t->level, b.x, b.y, b.w, b.h, f->format, f->type, p);
    } else if (r->target == GL_TEXTURE_CUBE_MAP) {
        for (uint32_t z = 0; z < b.d; z++)
            glTexSubImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + b.z + z, t->level, b.x, b.y, b.w,
                            b.h, f->format, f->type, p + z * layer_stride);
    } else {
        glTexSubImage3D(r->target, t->level, b.x, b.y, b.z, b.w, b.h, b.d, f->format, f->type, p);
    }
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    if (!rr->es2)
        glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, 0);
}

/* A format GLES reads only as GL_RGBA of its type (FMT_READ_AS_RGBA): read the box into
 * tmp and keep each pixel's first channels. */
static void read_as_rgba(const struct vformat *f, const struct host_box *b, uint8_t *dst,
                         uint64_t stride, uint8_t *tmp)
{
    size_t px = f->block_bytes, channel = px / rgba_channels(f);
    glReadPixels(b->x, b->y, b->w, b->h, GL_RGBA, f->type, tmp);
    for (uint32_t y = 0; y < b->h; y++)
        for (uint32_t x = 0; x < b->w; x++)
            memcpy(dst + y * stride + x * px, tmp + ((size_t)y * b->w + x) * 4 * channel, px);
}

int gles_texture_readback(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                          uint8_t *p, uint64_t stride, uint64_t layer_stride)
{
    const struct vformat *f = r->fmt;
    struct host_box b = host_box(r, t);
    /* GLES cannot read compressed data back: the guest's own uploads are. */
    if (f->flags & FMT_COMPRESSED)
        return shadow_copy(rr, r, t->level, &b, p, stride, layer_stride, false) ? 0 : -1;
    bool is_1d_array = r->d.target == PIPE_TEXTURE_1D_ARRAY;
    GLenum point = vformat_read_point(f, f->flags);
    GLuint fbo;
    glGenFramebuffers(1, &fbo);
    /* ES 2.0 has one framebuffer binding and reads its colour attachment 0. */
    GLenum rfb = rr->es2 ? GL_FRAMEBUFFER : GL_READ_FRAMEBUFFER;
    glBindFramebuffer(rfb, fbo);
    if (!rr->es2)
        glReadBuffer(point == GL_COLOR_ATTACHMENT0 ? point : GL_NONE);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, (GLint)(stride / f->block_bytes));
    bool layered = r->target != GL_TEXTURE_2D;
    uint8_t *rgba = NULL;
    if (rr->fmt_caps[f->virgl] & FMT_READ_AS_RGBA) {
        rgba = malloc((size_t)b.w * b.h * 4 * (f->block_bytes / rgba_channels(f)));
        if (!rgba)
            return -1;
        glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    }
    for (uint32_t z = 0; z < b.d; z++) {
        if (r->target == GL_TEXTURE_CUBE_MAP)
            glFramebufferTexture2D(rfb, point, GL_TEXTURE_CUBE_MAP_POSITIVE_X + b.z + z, r->id,
                                   t->level);
        else if (layered && rr->es2)
            glFramebufferTexture3DOES(rfb, point, r->target, r->id, t->level, b.z + z);
        else if (layered)
            glFramebufferTextureLayer(rfb, point, r->id, t->level, b.z + z);
        else if (rr->es2)   /* packed depth/stencil at both attachment points */
            glc_fb_texture(rr, fbo, point, r->id, (GLint)t->level);
        else
            glFramebufferTexture2D(rfb, point, GL_TEXTURE_2D, r->id, t->level);
        uint8_t *dst = p + z * (is_1d_array ? stride : layer_stride);
        if (rgba)
            read_as_rgba(f, &b, dst, stride, rgba);
        else
            glReadPixels(b.x, b.y, b.w, b.h, f->format, f->type, dst);
    }
    free(rgba);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glBindFramebuffer(rfb, 0);
    glDeleteFramebuffers(1, &fbo);
    return 0;
}
