/* resource.c: guest resources as GL buffers/textures, and copies between them and memory
 * (backing store, inline data) with full bounds checking. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_textures.h"
#include "vrend_priv.h"

static uint32_t minify(uint32_t v, uint32_t level)
{
    v = level < 32 ? v >> level : 0;
    return v ? v : 1;
}

uint32_t vres_level_width(const struct vres *r, uint32_t l) { return minify(r->d.width, l); }
uint32_t vres_level_height(const struct vres *r, uint32_t l)
{
    if (r->d.target == PIPE_TEXTURE_1D || r->d.target == PIPE_TEXTURE_1D_ARRAY)
        return 1;
    return minify(r->d.height, l);
}
uint32_t vres_level_depth(const struct vres *r, uint32_t l)
{
    return r->d.target == PIPE_TEXTURE_3D ? minify(r->d.depth, l) : 1;
}
uint32_t vres_layers(const struct vres *r)
{
    switch (r->d.target) {
    case PIPE_TEXTURE_CUBE: return 6;
    case PIPE_TEXTURE_1D_ARRAY: case PIPE_TEXTURE_2D_ARRAY: case PIPE_TEXTURE_CUBE_ARRAY:
        return r->d.array_size ? r->d.array_size : 1;
    default: return 1;
    }
}

static GLenum gl_target(const struct vrend_resource_desc *d)
{
    bool ms = d->nr_samples > 1;
    switch (d->target) {
    case PIPE_TEXTURE_1D: return GL_TEXTURE_1D;
    case PIPE_TEXTURE_2D: return ms ? GL_TEXTURE_2D_MULTISAMPLE : GL_TEXTURE_2D;
    case PIPE_TEXTURE_3D: return GL_TEXTURE_3D;
    case PIPE_TEXTURE_CUBE: return GL_TEXTURE_CUBE_MAP;
    case PIPE_TEXTURE_RECT: return GL_TEXTURE_RECTANGLE;
    case PIPE_TEXTURE_1D_ARRAY: return GL_TEXTURE_1D_ARRAY;
    case PIPE_TEXTURE_2D_ARRAY: return ms ? GL_TEXTURE_2D_MULTISAMPLE_ARRAY : GL_TEXTURE_2D_ARRAY;
    case PIPE_TEXTURE_CUBE_ARRAY: return GL_TEXTURE_CUBE_MAP_ARRAY;
    default: return 0;
    }
}

static bool validate_desc(struct vrend_context *ctx, const struct vrend_resource_desc *d)
{
    const struct host_limits *l = &ctx->r->lim;
    if (d->target >= PIPE_MAX_TEXTURE_TYPES)
        return false;
    if (d->target == PIPE_BUFFER)
        return d->width > 0 && d->height <= 1 && d->depth <= 1;
    const struct vformat *f = vformat_get(d->format);
    if (!f || !f->internal || !d->width || !d->height || !d->depth || d->last_level > 15)
        return false;
    if (d->width > (uint32_t)l->max_tex_2d || d->height > (uint32_t)l->max_tex_2d)
        return false;
    if (d->target == PIPE_TEXTURE_3D && d->depth > (uint32_t)l->max_tex_3d)
        return false;
    if (d->array_size > (uint32_t)l->max_array_layers * 6)
        return false;
    if (d->nr_samples > 1 && d->target != PIPE_TEXTURE_2D && d->target != PIPE_TEXTURE_2D_ARRAY)
        return false;
    if (d->target == PIPE_TEXTURE_CUBE_ARRAY && (d->array_size % 6))
        return false;
    return true;
}

/* Bytes of host storage a resource needs: every level of every layer and sample, whole
 * compression blocks; saturates at UINT64_MAX. */
static uint64_t storage_bytes(const struct vrend_resource_desc *d, const struct vformat *f)
{
    if (d->target == PIPE_BUFFER)
        return d->width;
    uint64_t bw = f && f->block_w ? f->block_w : 1, bh = f && f->block_h ? f->block_h : 1;
    uint64_t bytes = f && f->block_bytes ? f->block_bytes : 16;
    uint64_t layers = d->target == PIPE_TEXTURE_CUBE ? 6 : d->array_size ? d->array_size : 1;
    uint64_t samples = d->nr_samples > 1 ? d->nr_samples : 1, total = 0;
    for (uint32_t l = 0; l <= d->last_level && l < 16; l++) {
        uint64_t w = minify(d->width, l), h = minify(d->height, l);
        uint64_t depth = d->target == PIPE_TEXTURE_3D ? minify(d->depth, l) : 1, v;
        if (__builtin_mul_overflow((w + bw - 1) / bw, (h + bh - 1) / bh, &v) ||
            __builtin_mul_overflow(v, depth, &v) || __builtin_mul_overflow(v, layers, &v) ||
            __builtin_mul_overflow(v, samples, &v) || __builtin_mul_overflow(v, bytes, &v) ||
            __builtin_add_overflow(total, v, &total))
            return UINT64_MAX;
    }
    return total;
}

static uint64_t client_memory_limit(const struct vrend_renderer *r)
{
    return r->opts.client_memory_limit ? r->opts.client_memory_limit : VREND_DEFAULT_CLIENT_MEMORY;
}

int vrend_resource_create(struct vrend_context *ctx, uint32_t handle,
                          const struct vrend_resource_desc *d, void *backing, size_t size)
{
    if (!handle || htable_get(&ctx->res, handle)) {
        vlog(ctx->r, VREND_LOG_ERROR, "resource create: bad or used handle %u", handle);
        return -EINVAL;
    }
    if (!validate_desc(ctx, d)) {
        vlog(ctx->r, VREND_LOG_ERROR, "resource create %u: invalid target %u format %u %ux%ux%u",
             handle, d->target, d->format, d->width, d->height, d->depth);
        return -EINVAL;
    }
    uint64_t charge = storage_bytes(d, vformat_get(d->format)), limit = client_memory_limit(ctx->r);
    if (__builtin_add_overflow(charge, (uint64_t)size, &charge) || charge > limit ||
        ctx->res_bytes > limit - charge) {
        vlog(ctx->r, VREND_LOG_ERROR,
             "resource create %u: %llu bytes (target %u format %u %ux%ux%u[%u], %u levels, "
             "%u samples) past the client's memory budget (%llu of %llu bytes in use)", handle,
             (unsigned long long)charge, d->target, d->format, d->width, d->height, d->depth,
             d->array_size, d->last_level + 1, d->nr_samples,
             (unsigned long long)ctx->res_bytes, (unsigned long long)limit);
        return -ENOMEM;
    }
    struct vres *r = calloc(1, sizeof(*r));
    if (!r)
        return -ENOMEM;
    r->handle = handle;
    r->refs = 1;
    r->d = *d;
    r->backing = backing;
    r->backing_size = size;
    r->fmt = vformat_get(d->format);
    while (glGetError() != GL_NO_ERROR)
        ;
    if (d->target == PIPE_BUFFER) {
        r->is_buffer = true;
        r->target = GL_ARRAY_BUFFER;
        glc_buffer_create(ctx->r, &r->id);
        glc_buffer_data(ctx->r, r->id, d->width, NULL, GL_STREAM_DRAW);
    } else if (ctx->r->gles) {
        gles_texture_create(ctx->r, r, gl_target(d));
    } else {
        r->target = gl_target(d);
        GLsizei levels = d->last_level + 1, w = d->width, h = d->height;
        GLenum in = r->fmt->internal;
        glCreateTextures(r->target, 1, &r->id);
        switch (r->target) {
        case GL_TEXTURE_1D: glTextureStorage1D(r->id, levels, in, w); break;
        case GL_TEXTURE_1D_ARRAY: glTextureStorage2D(r->id, levels, in, w, vres_layers(r)); break;
        case GL_TEXTURE_2D: case GL_TEXTURE_RECTANGLE: case GL_TEXTURE_CUBE_MAP:
            glTextureStorage2D(r->id, r->target == GL_TEXTURE_RECTANGLE ? 1 : levels, in, w, h);
            break;
        case GL_TEXTURE_3D: glTextureStorage3D(r->id, levels, in, w, h, d->depth); break;
        case GL_TEXTURE_2D_ARRAY: case GL_TEXTURE_CUBE_MAP_ARRAY:
            glTextureStorage3D(r->id, levels, in, w, h, vres_layers(r));
            break;
        case GL_TEXTURE_2D_MULTISAMPLE:
            glTextureStorage2DMultisample(r->id, d->nr_samples, in, w, h, GL_TRUE);
            break;
        case GL_TEXTURE_2D_MULTISAMPLE_ARRAY:
            glTextureStorage3DMultisample(r->id, d->nr_samples, in, w, h, vres_layers(r), GL_TRUE);
            break;
        }
        if (r->target != GL_TEXTURE_2D_MULTISAMPLE && r->target != GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
            glTextureParameteri(r->id, GL_TEXTURE_MAX_LEVEL, d->last_level);
    }
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        vlog(ctx->r, VREND_LOG_ERROR, "resource create %u: GL error 0x%x (format %u)", handle, e,
             d->format);
        if (r->is_buffer)
            glDeleteBuffers(1, &r->id);
        else
            glDeleteTextures(1, &r->id);
        free(r);
        return -EINVAL;
    }
    if (!htable_put(&ctx->res, handle, r)) {
        vres_unref(ctx, r);
        return -ENOMEM;
    }
    r->charged = charge;
    ctx->res_bytes += charge;
    return 0;
}

void vres_ref(struct vres *r) { r->refs++; }

void vres_unref(struct vrend_context *ctx, struct vres *r)
{
    (void)ctx;
    if (!r || --r->refs > 0)
        return;
    if (r->is_buffer)
        glDeleteBuffers(1, &r->id);
    else
        glDeleteTextures(1, &r->id);
    if (r->tbo)
        glDeleteTextures(1, &r->tbo);
    free(r);
}

void vrend_resource_unref(struct vrend_context *ctx, uint32_t handle)
{
    struct vres *r = htable_remove(&ctx->res, handle);
    if (!r)
        return;
    /* Objects may still hold the GL object; only the guest-visible memory goes away (and
     * leaves the budget: what objects keep alive is bounded by the objects). */
    ctx->res_bytes -= r->charged;
    r->charged = 0;
    r->backing = NULL;
    r->backing_size = 0;
    vres_unref(ctx, r);
}

struct vres *ctx_res(struct vrend_context *ctx, uint32_t handle)
{
    return htable_get(&ctx->res, handle);
}

GLuint vres_texture_buffer(struct vrend_renderer *rr, struct vres *r, uint32_t format)
{
    const struct vformat *f = vformat_get(format);
    if (!f || !f->internal)
        return 0;
    if (!r->tbo)
        glc_texture_create(rr, GL_TEXTURE_BUFFER, &r->tbo);
    if (r->tbo_format != f->internal) {
        glc_texture_buffer(rr, r->tbo, f->internal, r->id, 0, 0);
        r->tbo_format = f->internal;
    }
    return r->tbo;
}

/* Copies one box between `mem` (the layout t describes) and r.  Every size is checked
 * against the resource and the memory before GL sees it. */
int vres_copy(struct vrend_context *ctx, struct vres *r, const struct vrend_transfer *t,
              uint8_t *mem, size_t mem_size)
{
    if (!mem)
        return -EINVAL;
    if (r->is_buffer) {
        if (t->level || t->y || t->z || t->h > 1 || t->d > 1 || !t->w ||
            (uint64_t)t->x + t->w > r->d.width || t->offset + t->w > mem_size)
            return -EINVAL;
        vlog(ctx->r, VREND_LOG_DEBUG, "buffer transfer %s res %u x %u w %u offset %llu",
             t->to_host ? "to" : "from", r->handle, t->x, t->w, (unsigned long long)t->offset);
        if (t->to_host)
            glc_buffer_sub_data(ctx->r, r->id, t->x, t->w, mem + t->offset);
        else {
            /* Shader writes (storage buffers, atomic counters) reach a read-back only
             * through a barrier; the guest's own barrier orders only its GL calls. */
            if (!ctx->r->gles || ctx->r->gl_version >= 31)
                glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
            glc_buffer_get_sub_data(ctx->r, r->id, t->x, t->w, mem + t->offset);
        }
        return 0;
    }
    /* Gallium puts a 1D array's layers in z (st/mesa moves GL's y there); below they are
     * read from y, one row per layer, so the layer stride becomes the row stride. */
    struct vrend_transfer layers_in_y;
    if (r->d.target == PIPE_TEXTURE_1D_ARRAY && (t->z || t->d > 1) && !t->y && t->h == 1) {
        layers_in_y = *t;
        layers_in_y.y = t->z;
        layers_in_y.h = t->d;
        layers_in_y.z = 0;
        layers_in_y.d = 1;
        if (t->layer_stride)
            layers_in_y.stride = t->layer_stride;
        layers_in_y.layer_stride = 0;
        t = &layers_in_y;
    }
    const struct vformat *f = r->fmt;
    if (t->level > r->d.last_level || !t->w || !t->h || !t->d)
        return -EINVAL;
    if (r->d.nr_samples > 1)
        return -EINVAL;
    uint32_t lw = vres_level_width(r, t->level), lh = vres_level_height(r, t->level);
    uint32_t ldepth = r->d.target == PIPE_TEXTURE_3D ? vres_level_depth(r, t->level)
                                                     : vres_layers(r);
    /* 1D arrays carry their layer in y on the guest side. */
    uint32_t zlimit = r->d.target == PIPE_TEXTURE_1D_ARRAY ? 1 : ldepth;
    uint32_t ylimit = r->d.target == PIPE_TEXTURE_1D_ARRAY ? vres_layers(r) : lh;
    if ((uint64_t)t->x + t->w > lw || (uint64_t)t->y + t->h > ylimit ||
        (uint64_t)t->z + t->d > zlimit)
        return -EINVAL;
    uint32_t bw = f->block_w, bh = f->block_h;
    uint64_t wblocks = (t->w + bw - 1) / bw, hblocks = (t->h + bh - 1) / bh;
    uint64_t stride = t->stride ? t->stride : ((lw + bw - 1) / bw) * f->block_bytes;
    uint64_t layer_stride = t->layer_stride ? t->layer_stride
                                            : stride * ((ylimit + bh - 1) / bh);
    if (stride < wblocks * f->block_bytes || stride % f->block_bytes)
        return -EINVAL;
    if (t->d > 1 && layer_stride < stride * hblocks)
        return -EINVAL;
    uint64_t need = (t->d - 1) * layer_stride + (hblocks - 1) * stride + wblocks * f->block_bytes;
    if (t->offset > mem_size || need > mem_size - t->offset)
        return -EINVAL;
    uint8_t *p = mem + t->offset;
    bool compressed = f->flags & FMT_COMPRESSED;
    if (ctx->r->gles) {
        if (t->to_host)
            gles_texture_upload(ctx->r, r, t, p, stride, layer_stride);
        else if (gles_texture_readback(ctx->r, r, t, p, stride, layer_stride) < 0)
            return -EINVAL;
    } else if (t->to_host) {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, compressed ? 0 : (GLint)(stride / f->block_bytes));
        glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, t->d > 1 ? (GLint)(layer_stride / stride) : 0);
        if (compressed) {
            /* Compressed uploads need tight rows; go row of blocks by row of blocks when the
             * guest stride is padded. */
            uint32_t size = wblocks * f->block_bytes;
            for (uint32_t z = 0; z < t->d; z++)
                for (uint32_t by = 0; by < hblocks; by++) {
                    uint32_t y = t->y + by * bh, h = t->h - by * bh < bh ? t->h - by * bh : bh;
                    const uint8_t *row = p + z * layer_stride + by * stride;
                    if (r->target == GL_TEXTURE_2D || r->target == GL_TEXTURE_RECTANGLE)
                        glCompressedTextureSubImage2D(r->id, t->level, t->x, y, t->w, h,
                                                      f->internal, size, row);
                    else
                        glCompressedTextureSubImage3D(r->id, t->level, t->x, y, t->z + z, t->w,
                                                      h, 1, f->internal, size, row);
                }
        } else {
            switch (r->target) {
            case GL_TEXTURE_1D:
                glTextureSubImage1D(r->id, t->level, t->x, t->w, f->format, f->type, p);
                break;
            case GL_TEXTURE_1D_ARRAY: case GL_TEXTURE_2D: case GL_TEXTURE_RECTANGLE:
                glTextureSubImage2D(r->id, t->level, t->x, t->y, t->w, t->h, f->format, f->type, p);
                break;
            default:
                glTextureSubImage3D(r->id, t->level, t->x, t->y, t->z, t->w, t->h, t->d,
                                    f->format, f->type, p);
                break;
            }
        }
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, 0);
    } else {
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glPixelStorei(GL_PACK_ROW_LENGTH, compressed ? 0 : (GLint)(stride / f->block_bytes));
        glPixelStorei(GL_PACK_IMAGE_HEIGHT, t->d > 1 ? (GLint)(layer_stride / stride) : 0);
        uint32_t y = t->y, h = t->h, z = t->z, d = t->d;
        if (r->target == GL_TEXTURE_1D) {
            y = 0; h = 1;
        }
        if (compressed) {
            uint32_t size = wblocks * f->block_bytes;
            for (uint32_t zz = 0; zz < d; zz++)
                for (uint32_t by = 0; by < hblocks; by++) {
                    uint32_t yy = y + by * bh, hh = h - by * bh < bh ? h - by * bh : bh;
                    glGetCompressedTextureSubImage(r->id, t->level, t->x, yy, z + zz, t->w, hh, 1,
                                                   size, p + zz * layer_stride + by * stride);
                }
        } else {
            glGetTextureSubImage(r->id, t->level, t->x, y, z, t->w, h, d, f->format, f->type,
                                 (GLsizei)(mem_size - t->offset), p);
        }
        glPixelStorei(GL_PACK_ROW_LENGTH, 0);
        glPixelStorei(GL_PACK_IMAGE_HEIGHT, 0);
    }
    /* The guest picks the offset, so p may be unaligned: read the dword bytewise. */
    uint32_t first = 0;
    if (need >= 4)
        memcpy(&first, p, sizeof(first));
    vlog(ctx->r, VREND_LOG_DEBUG, "transfer %s res %u level %u box %u,%u,%u %ux%ux%u stride %u "
         "offset %llu first dword %08x", t->to_host ? "to" : "from", r->handle, t->level, t->x,
         t->y, t->z, t->w, t->h, t->d, (unsigned)stride, (unsigned long long)t->offset, first);
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        vlog(ctx->r, VREND_LOG_WARN, "transfer %s res %u fmt %u level %u: GL error 0x%x",
             t->to_host ? "to host" : "from host", r->handle, r->d.format, t->level, e);
    }
    return 0;
}

int vrend_transfer(struct vrend_context *ctx, const struct vrend_transfer *t)
{
    struct vres *r = ctx_res(ctx, t->handle);
    if (!r)
        return -EINVAL;
    return vres_copy(ctx, r, t, r->backing, r->backing_size);
}

int vrend_resource_busy(struct vrend_context *ctx, uint32_t handle, bool wait)
{
    if (handle && !ctx_res(ctx, handle))
        return -EINVAL;
    /* Every command completes before vrend_submit returns except the GPU's own queue;
     * results the guest reads back are synchronous (glGet*SubImage), so nothing is busy. */
    (void)wait;
    return 0;
}
