/* decode.c: the command-buffer walker and the one table of VIRGL_CCMD_* handlers.  Each
 * handler marks what it changes of the next draw's setup (ctx->draw_dirty, DRAW_* bits). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vrend_priv.h"

static bool cmd_nop(struct vrend_context *c, const uint32_t *p, uint32_t len, uint32_t h)
{
    (void)c; (void)p; (void)len; (void)h;
    return true;
}

struct cmd_entry {
    cmd_fn fn;
    uint32_t min_len;   /* payload dwords a well-formed packet has at least */
    const char *name;
};

#define E(id, f, m) [CCMD_##id] = { f, m, #id }
static const struct cmd_entry table[CCMD_COUNT] = {
    E(NOP, cmd_nop, 0),
    E(CREATE_OBJECT, cmd_create_object, 1),
    E(BIND_OBJECT, cmd_bind_object, 1),
    E(DESTROY_OBJECT, cmd_destroy_object, 1),
    E(SET_VIEWPORT_STATE, cmd_set_viewport, 1),
    E(SET_FRAMEBUFFER_STATE, cmd_set_framebuffer, 2),
    E(SET_VERTEX_BUFFERS, cmd_set_vertex_buffers, 0),
    E(CLEAR, cmd_clear, 8),
    E(DRAW_VBO, cmd_draw_vbo, 12),
    E(RESOURCE_INLINE_WRITE, cmd_resource_inline_write, 11),
    E(SET_SAMPLER_VIEWS, cmd_set_sampler_views, 2),
    E(SET_INDEX_BUFFER, cmd_set_index_buffer, 1),
    E(SET_CONSTANT_BUFFER, cmd_set_constant_buffer, 2),
    E(SET_STENCIL_REF, cmd_set_stencil_ref, 1),
    E(SET_BLEND_COLOR, cmd_set_blend_color, 4),
    E(SET_SCISSOR_STATE, cmd_set_scissor, 1),
    E(BLIT, cmd_blit, 21),
    E(RESOURCE_COPY_REGION, cmd_resource_copy_region, 13),
    E(BIND_SAMPLER_STATES, cmd_bind_sampler_states, 2),
    E(BEGIN_QUERY, cmd_begin_query, 1),
    E(END_QUERY, cmd_end_query, 1),
    E(GET_QUERY_RESULT, cmd_get_query_result, 2),
    E(SET_POLYGON_STIPPLE, cmd_set_polygon_stipple, 32),
    E(SET_CLIP_STATE, cmd_set_clip_state, 32),
    E(SET_SAMPLE_MASK, cmd_set_sample_mask, 1),
    E(SET_STREAMOUT_TARGETS, cmd_set_streamout_targets, 1),
    E(SET_RENDER_CONDITION, cmd_set_render_condition, 3),
    E(SET_UNIFORM_BUFFER, cmd_set_uniform_buffer, 5),
    E(SET_SUB_CTX, cmd_set_sub_ctx, 1),
    E(CREATE_SUB_CTX, cmd_create_sub_ctx, 1),
    E(DESTROY_SUB_CTX, cmd_destroy_sub_ctx, 1),
    E(BIND_SHADER, cmd_bind_shader, 2),
    E(SET_TESS_STATE, cmd_set_tess_state, 6),
    E(SET_MIN_SAMPLES, cmd_set_min_samples, 1),
    E(SET_SHADER_BUFFERS, cmd_set_shader_buffers, 2),
    E(SET_SHADER_IMAGES, cmd_set_shader_images, 2),
    E(MEMORY_BARRIER, cmd_memory_barrier, 1),
    E(LAUNCH_GRID, cmd_launch_grid, 8),
    E(SET_FRAMEBUFFER_STATE_NO_ATTACH, cmd_set_framebuffer_no_attach, 2),
    E(TEXTURE_BARRIER, cmd_texture_barrier, 0),
    E(SET_ATOMIC_BUFFERS, cmd_set_atomic_buffers, 1),
    E(SET_DEBUG_FLAGS, cmd_nop, 0),
    E(GET_QUERY_RESULT_QBO, cmd_get_query_result_qbo, 6),
    E(TRANSFER3D, cmd_transfer3d, 13),
    E(END_TRANSFERS, cmd_nop, 0),
    E(COPY_TRANSFER3D, cmd_copy_transfer3d, 14),
    E(SET_TWEAKS, cmd_nop, 0),
    E(CLEAR_TEXTURE, cmd_clear_texture, 12),
    E(SEND_STRING_MARKER, cmd_nop, 0),
    E(LINK_SHADER, cmd_link_shader, 6),
};

bool vrend_submit(struct vrend_context *ctx, const uint32_t *cmds, size_t n)
{
    if (ctx->broken)
        return false;
    ctx->draw_dirty = DRAW_ALL;
    size_t i = 0;
    while (i < n) {
        uint32_t hdr = cmds[i];
        uint32_t id = CMD_ID(hdr), len = CMD_LEN(hdr);
        if (len > n - i - 1)
            return ctx_err(ctx, "command %u length %u overruns the buffer (%zu left)", id, len,
                           n - i - 1);
        const uint32_t *p = cmds + i + 1;
        i += 1 + len;
        if (id >= CCMD_COUNT || !table[id].fn) {
            vlog(ctx->r, VREND_LOG_WARN, "context %s: unsupported command %u (len %u) ignored",
                 ctx->name, id, len);
            continue;
        }
        if (ctx->r->opts.verbose && getenv("VIRGL_EXEC_TRACE")) {
            char buf[256];
            int o = 0;
            for (uint32_t k = 0; k < len && k < 24 && o < (int)sizeof buf - 10; k++)
                o += snprintf(buf + o, sizeof buf - o, " %08x", p[k]);
            buf[o] = 0;
            vlog(ctx->r, VREND_LOG_DEBUG, "cmd %s obj %u len %u:%s", table[id].name,
                 CMD_OBJ(hdr), len, buf);
        }
        if (len < table[id].min_len)
            return ctx_err(ctx, "%s: %u dwords, needs %u", table[id].name, len, table[id].min_len);
        if (!table[id].fn(ctx, p, len, hdr)) {
            if (!ctx->broken)
                ctx_err(ctx, "%s failed", table[id].name);
            return false;
        }
    }
    return true;
}
