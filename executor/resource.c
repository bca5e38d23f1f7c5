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
uint32_t vres_level_layers(const struct vres *r, uint32_t level)
{
    return r->d.target == PIPE_TEXTURE_3D ? vres_level_depth(r, level) : vres_layers(r);
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

static bool validate_desc(struct vrend_renderer *rr, const struct vrend_resource_desc *d)
{
    const struct host_limits *l = &rr->lim;
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

/* Whether `bytes` more fit the client's budget beside the `others` already counted. */
static bool within_budget(const struct vrend_renderer *rr, uint64_t others, uint64_t bytes)
{
    uint64_t limit = client_memory_limit(rr);
    return bytes <= limit && others <= limit - bytes;
}

bool vres_charge(struct vrend_renderer *rr, struct vres *r, uint64_t bytes)
{
    if (!within_budget(rr, rr->res_bytes, bytes))
        return false;
    rr->res_bytes += bytes;
    r->charged += bytes;
    return true;
}

/* The bytes of guest memory in the pieces; false when they overflow or a piece with bytes
 * has no address. */
static bool iov_total(const struct vrend_iovec *iov, unsigned niov, size_t *total)
{
    *total = 0;
    for (unsigned i = 0; i < niov; i++)
        if (__builtin_add_overflow(*total, iov[i].len, total) || (!iov[i].base && iov[i].len))
            return false;
    return true;
}

/* Makes r's backing a copy of the pieces (checked by iov_total, `total` bytes in all). */
static bool set_backing(struct vres *r, const struct vrend_iovec *iov, unsigned niov,
                        size_t total)
{
    struct vrend_iovec *copy = NULL;
    if (niov) {
        copy = malloc(niov * sizeof *copy);
        if (!copy)
            return false;
        memcpy(copy, iov, niov * sizeof *copy);
    }
    free(r->iov);
    r->iov = copy;
    r->niov = niov;
    r->backing_size = total;
    return true;
}

/* A compressed format on a target whose textures the host cannot compress (rectangle and
 * 1D in every GL, 3D for most formats): the guest's Mesa creates such resources while it
 * answers format queries (ARB_internalformat_query2).  They are kept as the nearest target
 * the host can compress, which takes the same transfers; 0: none to try. */
static GLenum compressed_fallback(const struct vrend_renderer *rr, const struct vres *r,
                                  GLenum target)
{
    if (!(r->fmt->flags & FMT_COMPRESSED))
        return 0;
    switch (target) {
    case GL_TEXTURE_RECTANGLE: case GL_TEXTURE_1D: return GL_TEXTURE_2D;
    case GL_TEXTURE_1D_ARRAY: return GL_TEXTURE_2D_ARRAY;
    case GL_TEXTURE_3D: return rr->gles ? 0 : GL_TEXTURE_2D_ARRAY;
    default: return 0;
    }
}

/* The texture's storage as a texture of target (a desktop target); GL errors are left for
 * the caller. */
static void texture_create(struct vrend_renderer *rr, struct vres *r, GLenum target)
{
    const struct vrend_resource_desc *d = &r->d;
    if (rr->gles) {
        gles_texture_create(rr, r, target);
        return;
    }
    r->target = target;
    GLsizei levels = d->last_level + 1, w = d->width, h = d->height;
    /* A 3D texture kept as an array: a layer for each slice of level 0. */
    GLsizei layers = d->target == PIPE_TEXTURE_3D ? (GLsizei)d->depth : (GLsizei)vres_layers(r);
    GLenum in = r->fmt->internal;
    glCreateTextures(r->target, 1, &r->id);
    switch (r->target) {
    case GL_TEXTURE_1D: glTextureStorage1D(r->id, levels, in, w); break;
    case GL_TEXTURE_1D_ARRAY: glTextureStorage2D(r->id, levels, in, w, layers); break;
    case GL_TEXTURE_2D: case GL_TEXTURE_RECTANGLE: case GL_TEXTURE_CUBE_MAP:
        glTextureStorage2D(r->id, r->target == GL_TEXTURE_RECTANGLE ? 1 : levels, in, w, h);
        break;
    case GL_TEXTURE_3D: glTextureStorage3D(r->id, levels, in, w, h, d->depth); break;
    case GL_TEXTURE_2D_ARRAY: case GL_TEXTURE_CUBE_MAP_ARRAY:
        glTextureStorage3D(r->id, levels, in, w, h, layers);
        break;
    case GL_TEXTURE_2D_MULTISAMPLE:
        glTextureStorage2DMultisample(r->id, d->nr_samples, in, w, h, GL_TRUE);
        break;
    case GL_TEXTURE_2D_MULTISAMPLE_ARRAY:
        glTextureStorage3DMultisample(r->id, d->nr_samples, in, w, h, layers, GL_TRUE);
        break;
    }
    if (r->target != GL_TEXTURE_2D_MULTISAMPLE && r->target != GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
        glTextureParameteri(r->id, GL_TEXTURE_MAX_LEVEL, d->last_level);
}

int vrend_resource_create(struct vrend_renderer *rr, uint32_t handle,
                          const struct vrend_resource_desc *d, const struct vrend_iovec *iov,
                          unsigned niov)
{
    if (!handle || htable_get(&rr->res, handle)) {
        vlog(rr, VREND_LOG_ERROR, "resource create: bad or used handle %u", handle);
        return -EINVAL;
    }
    if (!validate_desc(rr, d)) {
        vlog(rr, VREND_LOG_ERROR, "resource create %u: invalid target %u format %u %ux%ux%u",
             handle, d->target, d->format, d->width, d->height, d->depth);
        return -EINVAL;
    }
    vlog(rr, VREND_LOG_DEBUG, "resource create %u: target %u format %u %ux%ux%u array %u "
         "levels %u samples %u bind 0x%x", handle, d->target, d->format, d->width, d->height,
         d->depth, d->array_size, d->last_level + 1, d->nr_samples, d->bind);
    size_t size;
    if (!iov_total(iov, niov, &size))
        return -EINVAL;
    uint64_t charge = storage_bytes(d, vformat_get(d->format));
    if (__builtin_add_overflow(charge, (uint64_t)size, &charge) ||
        !within_budget(rr, rr->res_bytes, charge)) {
        vlog(rr, VREND_LOG_ERROR,
             "resource create %u: %llu bytes (target %u format %u %ux%ux%u[%u], %u levels, "
             "%u samples) past the client's memory budget (%llu of %llu bytes in use)", handle,
             (unsigned long long)charge, d->target, d->format, d->width, d->height, d->depth,
             d->array_size, d->last_level + 1, d->nr_samples,
             (unsigned long long)rr->res_bytes, (unsigned long long)client_memory_limit(rr));
        return -ENOMEM;
    }
    struct vres *r = calloc(1, sizeof(*r));
    if (!r)
        return -ENOMEM;
    r->handle = handle;
    r->refs = 1;
    r->d = *d;
    if (!set_backing(r, iov, niov, size)) {
        free(r);
        return -ENOMEM;
    }
    r->fmt = vformat_get(d->format);
    while (glGetError() != GL_NO_ERROR)
        ;
    if (d->target == PIPE_BUFFER) {
        r->is_buffer = true;
        r->target = GL_ARRAY_BUFFER;
        glc_buffer_create(rr, &r->id);
        glc_buffer_data(rr, r->id, d->width, NULL, GL_STREAM_DRAW);
    } else {
        GLenum target = gl_target(d), other = compressed_fallback(rr, r, target);
        texture_create(rr, r, target);
        if (other && glGetError() != GL_NO_ERROR) {
            glDeleteTextures(1, &r->id);
            texture_create(rr, r, other);
        }
    }
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        vlog(rr, VREND_LOG_ERROR, "resource create %u: GL error 0x%x (format %u)", handle, e,
             d->format);
        r->charged = 0;
        vres_unref(NULL, r);
        return -EINVAL;
    }
    if (!htable_put(&rr->res, handle, r)) {
        vres_unref(NULL, r);
        return -ENOMEM;
    }
    r->charged = charge;
    rr->res_bytes += charge;
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
    free(r->shadow);
    free(r->iov);
    free(r);
}

void vrend_resource_unref(struct vrend_renderer *rr, uint32_t handle)
{
    struct vres *r = htable_remove(&rr->res, handle);
    if (!r)
        return;
    for (struct vrend_context *c = rr->contexts; c; c = c->next)
        vrend_context_detach_resource(c, handle);
    /* Objects may still hold the GL object; only the guest-visible memory goes away (and
     * leaves the budget: what objects keep alive is bounded by the objects). */
    rr->res_bytes -= r->charged;
    r->charged = 0;
    set_backing(r, NULL, 0, 0);
    vres_unref(NULL, r);
}

int vrend_resource_attach_backing(struct vrend_renderer *rr, uint32_t handle,
                                  const struct vrend_iovec *iov, unsigned niov)
{
    struct vres *r = htable_get(&rr->res, handle);
    if (!r)
        return -EINVAL;
    size_t size;
    if (!iov_total(iov, niov, &size))
        return -EINVAL;
    /* The budget counts guest memory too: swap the old backing's share for the new one. */
    uint64_t rest = rr->res_bytes - r->charged, charge = r->charged - r->backing_size + size;
    if (!within_budget(rr, rest, charge))
        return -ENOMEM;
    if (!set_backing(r, iov, niov, size))
        return -ENOMEM;
    rr->res_bytes = rest + charge;
    r->charged = charge;
    return 0;
}

void vrend_resource_detach_backing(struct vrend_renderer *rr, uint32_t handle)
{
    struct vres *r = htable_get(&rr->res, handle);
    if (!r)
        return;
    rr->res_bytes -= r->backing_size;
    r->charged -= r->backing_size;
    set_backing(r, NULL, 0, 0);
}

int vrend_context_attach_resource(struct vrend_context *ctx, uint32_t handle)
{
    struct vres *r = htable_get(&ctx->r->res, handle);
    if (!r)
        return -EINVAL;
    if (htable_get(&ctx->res, handle) == r)
        return 0;
    struct vres *old = htable_get(&ctx->res, handle);
    if (!htable_put(&ctx->res, handle, r))
        return -ENOMEM;
    vres_ref(r);
    vres_unref(ctx, old);
    return 0;
}

void vrend_context_detach_resource(struct vrend_context *ctx, uint32_t handle)
{
    vres_unref(ctx, htable_remove(&ctx->res, handle));
}

bool vrend_context_has_resource(const struct vrend_context *ctx, uint32_t handle)
{
    return htable_get(&ctx->res, handle) != NULL;
}

struct vres *ctx_res(struct vrend_context *ctx, uint32_t handle)
{
    return htable_get(&ctx->res, handle);
}

int vrend_resource_get_info(struct vrend_renderer *rr, uint32_t handle,
                            struct vrend_resource_info *info)
{
    const struct vres *r = htable_get(&rr->res, handle);
    if (!r)
        return -EINVAL;
    const struct vformat *f = r->fmt;
    uint32_t bw = f && f->block_w ? f->block_w : 1, bytes = f ? f->block_bytes : 1;
    *info = (struct vrend_resource_info){
        .handle = handle, .format = r->d.format, .width = r->d.width, .height = r->d.height,
        .depth = r->d.depth, .flags = r->d.flags,
        .stride = (r->d.width + bw - 1) / bw * bytes,
        .gl_texture = r->is_buffer ? 0 : r->id,
    };
    return 0;
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

/* Gallium puts a 1D array's layers in z (st/mesa moves GL's y there); the copies read them
 * from y, one row per layer, so the layer stride becomes the row stride.  Returns t, or
 * *tmp holding t so changed. */
static const struct vrend_transfer *layers_in_y(const struct vres *r,
                                                const struct vrend_transfer *t,
                                                struct vrend_transfer *tmp)
{
    if (r->is_buffer || r->d.target != PIPE_TEXTURE_1D_ARRAY || !(t->z || t->d > 1) || t->y ||
        t->h != 1)
        return t;
    *tmp = *t;
    tmp->y = t->z;
    tmp->h = t->d;
    tmp->z = 0;
    tmp->d = 1;
    if (t->layer_stride)
        tmp->stride = t->layer_stride;
    tmp->layer_stride = 0;
    return tmp;
}

/* The layout of a texture transfer's memory, once checked against the resource: strides in
 * bytes and the bytes it touches from its offset on.  False for a box or layout the
 * resource cannot take. */
struct copy_layout {
    uint64_t stride, layer_stride, need, wblocks, hblocks;
};
static bool texture_layout(const struct vres *r, const struct vrend_transfer *t,
                           struct copy_layout *l)
{
    const struct vformat *f = r->fmt;
    if (t->level > r->d.last_level || !t->w || !t->h || !t->d)
        return false;
    if (r->d.nr_samples > 1)
        return false;
    uint32_t lw = vres_level_width(r, t->level), lh = vres_level_height(r, t->level);
    uint32_t ldepth = vres_level_layers(r, t->level);
    /* 1D arrays carry their layer in y on the guest side. */
    uint32_t zlimit = r->d.target == PIPE_TEXTURE_1D_ARRAY ? 1 : ldepth;
    uint32_t ylimit = r->d.target == PIPE_TEXTURE_1D_ARRAY ? vres_layers(r) : lh;
    if ((uint64_t)t->x + t->w > lw || (uint64_t)t->y + t->h > ylimit ||
        (uint64_t)t->z + t->d > zlimit)
        return false;
    uint32_t bw = f->block_w, bh = f->block_h;
    l->wblocks = (t->w + bw - 1) / bw;
    l->hblocks = (t->h + bh - 1) / bh;
    l->stride = t->stride ? t->stride : ((lw + bw - 1) / bw) * f->block_bytes;
    l->layer_stride = t->layer_stride ? t->layer_stride : l->stride * ((ylimit + bh - 1) / bh);
    if (l->stride < l->wblocks * f->block_bytes || l->stride % f->block_bytes)
        return false;
    if (t->d > 1 && l->layer_stride < l->stride * l->hblocks)
        return false;
    l->need = (t->d - 1) * l->layer_stride + (l->hblocks - 1) * l->stride +
              l->wblocks * f->block_bytes;
    return true;
}

/* Bytes of memory a transfer touches from its offset on; false when it is not valid. */
static bool transfer_extent(const struct vres *r, const struct vrend_transfer *t,
                            uint64_t *need)
{
    if (r->is_buffer) {
        if (t->level || t->y || t->z || t->h > 1 || t->d > 1 || !t->w ||
            (uint64_t)t->x + t->w > r->d.width)
            return false;
        *need = t->w;
        return true;
    }
    struct vrend_transfer tmp;
    struct copy_layout l;
    if (!texture_layout(r, layers_in_y(r, t, &tmp), &l))
        return false;
    *need = l.need;
    return true;
}

/* The BGRA formats are stored as GL_RGBA8 (GL has no immutable BGRA storage), which Mesa
 * keeps in RGBA order; a read-back as GL_BGRA then goes through its per-pixel conversion, at
 * several times the cost of a copy.  The guest's display reads its back buffer so every
 * frame: it is read in the stored order and its red and blue swapped here instead. */
static bool reads_bgra_as_rgba(const struct vformat *f)
{
    return f->format == GL_BGRA && f->type == GL_UNSIGNED_BYTE &&
           (f->internal == GL_RGBA8 || f->internal == GL_SRGB8_ALPHA8);
}

/* Swaps bytes 0 and 2 of every 4-byte pixel of a w x h x d box at p (rows stride bytes
 * apart, slices slice_stride); p need not be aligned.  Four pixels at a time in a vector
 * register: with a byte shuffle (SSSE3's pshufb, where the CPU has it) a frame's read-back
 * then costs about one more memcpy of its bytes. */
typedef uint32_t pixels4 __attribute__((vector_size(16)));
typedef uint8_t bytes16 __attribute__((vector_size(16)));

static inline uint32_t swap_rb(uint32_t v)
{
    return (v & 0xff00ff00u) | ((v >> 16) & 0xffu) | ((v & 0xffu) << 16);
}

static inline __attribute__((always_inline)) void swap_rows(uint8_t *p, uint32_t w, uint32_t h,
                                                            uint32_t d, uint64_t stride,
                                                            uint64_t slice_stride, bool shuffle)
{
    for (uint32_t z = 0; z < d; z++)
        for (uint32_t y = 0; y < h; y++) {
            uint8_t *row = p + z * slice_stride + y * stride;
            uint32_t x = 0;
            for (; x + 4 <= w; x += 4) {
                if (shuffle) {
                    bytes16 v;
                    memcpy(&v, row + 4 * x, sizeof v);
                    v = __builtin_shufflevector(v, v, 2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14,
                                                13, 12, 15);
                    memcpy(row + 4 * x, &v, sizeof v);
                } else {
                    pixels4 v;
                    memcpy(&v, row + 4 * x, sizeof v);
                    v = (v & 0xff00ff00u) | ((v >> 16) & 0xffu) | ((v & 0xffu) << 16);
                    memcpy(row + 4 * x, &v, sizeof v);
                }
            }
            for (; x < w; x++) {
                uint32_t v;
                memcpy(&v, row + 4 * x, 4);
                v = swap_rb(v);
                memcpy(row + 4 * x, &v, 4);
            }
        }
}

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("ssse3"))) static void swap_rows_ssse3(uint8_t *p, uint32_t w, uint32_t h,
                                                            uint32_t d, uint64_t stride,
                                                            uint64_t slice_stride)
{
    swap_rows(p, w, h, d, stride, slice_stride, true);
}
#endif

static void swap_red_blue(uint8_t *p, uint32_t w, uint32_t h, uint32_t d, uint64_t stride,
                          uint64_t slice_stride)
{
#if defined(__x86_64__) || defined(__i386__)
    /* Baseline x86-64 has no byte shuffle: the masks and shifts take three times as long. */
    if (__builtin_cpu_supports("ssse3")) {
        swap_rows_ssse3(p, w, h, d, stride, slice_stride);
        return;
    }
    swap_rows(p, w, h, d, stride, slice_stride, false);
#else
    swap_rows(p, w, h, d, stride, slice_stride, true);
#endif
}

int vres_copy(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
              uint8_t *mem, size_t mem_size)
{
    if (!mem)
        return -EINVAL;
    if (r->is_buffer) {
        uint64_t need;
        if (!transfer_extent(r, t, &need) || t->offset > mem_size || need > mem_size - t->offset)
            return -EINVAL;
        vlog(rr, VREND_LOG_DEBUG, "buffer transfer %s res %u x %u w %u offset %llu",
             t->to_host ? "to" : "from", r->handle, t->x, t->w, (unsigned long long)t->offset);
        if (t->to_host)
            glc_buffer_sub_data(rr, r->id, t->x, t->w, mem + t->offset);
        else
            glc_buffer_get_written_data(rr, r->id, t->x, t->w, mem + t->offset);
        return 0;
    }
    struct vrend_transfer tmp;
    t = layers_in_y(r, t, &tmp);
    struct copy_layout l;
    if (!texture_layout(r, t, &l))
        return -EINVAL;
    const struct vformat *f = r->fmt;
    uint32_t bh = f->block_h;
    uint64_t stride = l.stride, layer_stride = l.layer_stride, need = l.need;
    uint64_t wblocks = l.wblocks, hblocks = l.hblocks;
    if (t->offset > mem_size || need > mem_size - t->offset)
        return -EINVAL;
    uint8_t *p = mem + t->offset;
    bool compressed = f->flags & FMT_COMPRESSED;
    if (rr->gles) {
        if (t->to_host)
            gles_texture_upload(rr, r, t, p, stride, layer_stride);
        else if (gles_texture_readback(rr, r, t, p, stride, layer_stride) < 0)
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
        } else if (reads_bgra_as_rgba(f)) {
            glGetTextureSubImage(r->id, t->level, t->x, y, z, t->w, h, d, GL_RGBA, f->type,
                                 (GLsizei)(mem_size - t->offset), p);
            /* Slices lie GL_PACK_IMAGE_HEIGHT whole rows apart. */
            swap_red_blue(p, t->w, h, d, stride, d > 1 ? layer_stride / stride * stride : 0);
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
    vlog(rr, VREND_LOG_DEBUG, "transfer %s res %u level %u box %u,%u,%u %ux%ux%u stride %u "
         "offset %llu first dword %08x", t->to_host ? "to" : "from", r->handle, t->level, t->x,
         t->y, t->z, t->w, t->h, t->d, (unsigned)stride, (unsigned long long)t->offset, first);
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        vlog(rr, VREND_LOG_WARN, "transfer %s res %u fmt %u level %u: GL error 0x%x",
             t->to_host ? "to host" : "from host", r->handle, r->d.format, t->level, e);
    }
    return 0;
}

/* Copies n bytes between buf and the memory pieces, from byte off of them on; false when
 * the pieces end first. */
static bool iov_copy(const struct vrend_iovec *iov, unsigned niov, uint64_t off, uint8_t *buf,
                     size_t n, bool to_iov)
{
    for (unsigned i = 0; i < niov && n; i++) {
        if (off >= iov[i].len) {
            off -= iov[i].len;
            continue;
        }
        size_t k = iov[i].len - off < n ? iov[i].len - off : n;
        uint8_t *piece = (uint8_t *)iov[i].base + off;
        if (to_iov)
            memcpy(piece, buf, k);
        else
            memcpy(buf, piece, k);
        buf += k;
        n -= k;
        off = 0;
    }
    return n == 0;
}

bool vres_backing_write(struct vres *r, uint64_t off, const void *src, size_t n)
{
    if (off > r->backing_size || n > r->backing_size - off)
        return false;
    return iov_copy(r->iov, r->niov, off, (uint8_t *)src, n, true);
}

int vres_copy_iov(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                  const struct vrend_iovec *iov, unsigned niov)
{
    if (!iov) {
        iov = r->iov;
        niov = r->niov;
    }
    uint64_t need;
    if (!transfer_extent(r, t, &need))
        return -EINVAL;
    /* The bytes the box touches lie in one piece (always so for the vtest front's single
     * piece, and for small boxes of a guest's pages): copy in place. */
    uint64_t start = 0;
    for (unsigned i = 0; i < niov; i++) {
        if (t->offset >= start && t->offset - start < iov[i].len) {
            if (need <= iov[i].len - (t->offset - start)) {
                struct vrend_transfer local = *t;
                local.offset = t->offset - start;
                return vres_copy(rr, r, &local, iov[i].base, iov[i].len);
            }
            break;
        }
        start += iov[i].len;
    }
    /* Across pieces: through a buffer of its own.  Read-backs gather it first too, so the
     * bytes between rows that GL leaves alone go back unchanged. */
    if (need > SIZE_MAX)
        return -EINVAL;
    uint8_t *buf = malloc(need ? need : 1);
    if (!buf)
        return -ENOMEM;
    int ret = -EINVAL;
    if (iov_copy(iov, niov, t->offset, buf, need, false)) {
        struct vrend_transfer local = *t;
        local.offset = 0;
        ret = vres_copy(rr, r, &local, buf, need);
        if (ret == 0 && !t->to_host)
            iov_copy(iov, niov, t->offset, buf, need, true);
    }
    free(buf);
    return ret;
}

int vrend_transfer(struct vrend_renderer *rr, const struct vrend_transfer *t,
                   const struct vrend_iovec *iov, unsigned niov)
{
    struct vres *r = htable_get(&rr->res, t->handle);
    if (!r)
        return -EINVAL;
    return vres_copy_iov(rr, r, t, iov, niov);
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
