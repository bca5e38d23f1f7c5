/* Point size from the rasterizer state on a host whose last vertex stage must write
 * gl_PointSize (GLES has no glPointSize, and a point whose size is unwritten is undefined
 * there): a shader that writes no size writes driver.point_size where its vertex is final. */
#include "lower.h"

struct point_size_ctx {
    ir_shader *s;
    ir_var *psize;
};

static void store_size(ir_builder *b, const ir_instr *at_emit, void *data)
{
    struct point_size_ctx *c = data;
    (void)at_emit;
    ir_instr *misc = lower_load_driver(b, c->s, DRIVER_SLOT_MISC);
    ir_build_store_var(b, c->psize, 0, ir_src_none(), 0, ir_src_none(),
                       ir_src_swizzle(misc, 1, 1, 1, 1), 0x1);
}

bool lower_point_size(ir_shader *s, const struct t2g_key *key)
{
    if (!key->point_size_from_driver || !lower_emits_vertices(s))
        return false;
    if (lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_PSIZE, 0))
        return false;
    struct point_size_ctx c = { s, lower_get_io_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_PSIZE, 0) };
    if (!c.psize)
        return false;
    return lower_at_vertex_end(s, store_size, &c) > 0;
}
