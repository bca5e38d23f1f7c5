/* transfer_cmds.c: the in-stream transfer commands (RESOURCE_INLINE_WRITE, TRANSFER3D,
 * COPY_TRANSFER3D), decoded in decode.c and all routed through vres_copy's bounds checks. */
#include "vrend_priv.h"
#include "commands.h"

bool exec_resource_inline_write(struct vrend_context *ctx,
                                const struct cmd_resource_inline_write *c)
{
    ctx->draw_dirty = DRAW_ALL;   /* GL state of its own: the next draw sets up all */
    struct vres *r = ctx_res(ctx, c->t.handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "inline write: unknown resource %u", c->t.handle);
        return true;
    }
    if (vres_copy(ctx->r, r, &c->t, (uint8_t *)c->data, c->data_size) < 0)
        return ctx_err(ctx, "inline write to %u: box/stride out of bounds", c->t.handle);
    return true;
}

bool exec_transfer3d(struct vrend_context *ctx, const struct cmd_transfer3d *c)
{
    ctx->draw_dirty = DRAW_ALL;
    struct vres *r = ctx_res(ctx, c->t.handle);
    if (!r) {
        vlog(ctx->r, VREND_LOG_WARN, "transfer3d: unknown resource %u", c->t.handle);
        return true;
    }
    if (vres_copy_iov(ctx->r, r, &c->t, NULL, 0) < 0)
        return ctx_err(ctx, "transfer3d res %u: box/stride/offset out of bounds", c->t.handle);
    return true;
}

bool exec_copy_transfer3d(struct vrend_context *ctx, const struct cmd_copy_transfer3d *c)
{
    ctx->draw_dirty = DRAW_ALL;
    struct vres *dst = ctx_res(ctx, c->t.handle), *src = ctx_res(ctx, c->src_handle);
    if (!dst || !src) {
        vlog(ctx->r, VREND_LOG_WARN, "copy_transfer3d: unknown resource %u/%u", c->t.handle,
             c->src_handle);
        return true;
    }
    if (vres_copy_iov(ctx->r, dst, &c->t, src->iov, src->niov) < 0)
        return ctx_err(ctx, "copy_transfer3d %u <-> %u: out of bounds", c->src_handle,
                       c->t.handle);
    return true;
}
