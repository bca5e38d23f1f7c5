/* transfer_cmds.c: the in-stream transfer commands (TRANSFER3D, COPY_TRANSFER3D,
 * RESOURCE_INLINE_WRITE), all routed through vres_copy's bounds checks. */
#include "vrend_priv.h"

/* Dwords 1..11 of these commands share RESOURCE_INLINE_WRITE's layout. */
static struct vrend_transfer decode_box(const uint32_t *p)
{
    struct vrend_transfer t = {
        .handle = p[0], .level = p[1], .stride = p[3], .layer_stride = p[4],
        .x = p[5], .y = p[6], .z = p[7], .w = p[8], .h = p[9], .d = p[10],
    };
    return t;
}

bool cmd_resource_inline_write(struct vrend_context *ctx, const uint32_t *p, uint32_t len,
                               uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vrend_transfer t = decode_box(p);
    struct vres *r = ctx_res(ctx, t.handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "inline write: unknown resource %u", t.handle);
        return true;
    }
    t.to_host = true;
    t.offset = 0;
    if (vres_copy(ctx->r, r, &t, (uint8_t *)(p + 11), (size_t)(len - 11) * 4) < 0)
        return ctx_err(ctx, "inline write to %u: box/stride out of bounds", t.handle);
    return true;
}

bool cmd_transfer3d(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vrend_transfer t = decode_box(p);
    t.offset = p[11];
    uint32_t dir = p[12];
    if (dir != 1 && dir != 2)
        return ctx_err(ctx, "transfer3d: direction %u", dir);
    t.to_host = dir == 1;
    struct vres *r = ctx_res(ctx, t.handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "transfer3d: unknown resource %u", t.handle);
        return true;
    }
    if (vres_copy_iov(ctx->r, r, &t, NULL, 0) < 0)
        return ctx_err(ctx, "transfer3d res %u: box/stride/offset out of bounds", t.handle);
    return true;
}

bool cmd_copy_transfer3d(struct vrend_context *ctx, const uint32_t *p, uint32_t len, uint32_t h)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vrend_transfer t = decode_box(p);
    struct vres *dst = ctx_res(ctx, t.handle), *src = ctx_res(ctx, p[11]);
    if (!dst || !src) {
        vlog(ctx->r, VREND_LOG_WARN, "copy_transfer3d: unknown resource %u/%u", t.handle, p[11]);
        return true;
    }
    t.offset = p[12];
    t.to_host = !(p[13] & 2);
    if (vres_copy_iov(ctx->r, dst, &t, src->iov, src->niov) < 0)
        return ctx_err(ctx, "copy_transfer3d %u <-> %u: out of bounds", p[11], t.handle);
    return true;
}
