/* Polygon offset where the host cannot apply it: GLES offsets filled polygons only, so the
 * renderer draws a guest's polygons in point mode as points and moves their depth here.  The
 * last vertex stage adds driver.depth_offset * w to the clip-space z where the vertex is
 * final, which moves the window depth by the offset the renderer computed from the
 * rasterizer state and the depth buffer (units times its resolvable difference, over the
 * viewport's depth scale).  Runs after stream output, which captures the guest's own z. */
#include "lower.h"

static void offset_z(ir_builder *b, const ir_instr *at_emit, void *ctx)
{
    ir_var *pos = ctx;
    (void)at_emit;
    ir_instr *v = ir_build_load_var(b, pos, 0, ir_src_none(), 0, ir_src_none());
    if (pos->type.base != IR_F32)
        v = ir_build_bitcast(b, IR_F32, ir_src_for(v), pos->type.comps);
    ir_instr *vp = lower_load_driver(b, b->shader, DRIVER_SLOT_VIEWPORT);
    /* z' = depth_offset * w + z. */
    ir_src z = ir_src_for(ir_build_alu3(b, IR_OP_MAD, ir_type_make(IR_F32, 1),
                                        ir_src_swizzle(vp, 2, 2, 2, 2),
                                        ir_src_swizzle(v, 3, 3, 3, 3),
                                        ir_src_swizzle(v, 2, 2, 2, 2)));
    if (pos->type.base != IR_F32)
        z = ir_src_for(ir_build_bitcast(b, (ir_base)pos->type.base, z, 1));
    ir_build_store_var(b, pos, 0, ir_src_none(), 0, ir_src_none(), z, 0x4);
}

bool lower_depth_offset(ir_shader *s, const struct t2g_key *key)
{
    if (!key->depth_offset_from_driver || !lower_emits_vertices(s))
        return false;
    ir_var *pos = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_POSITION, 0);
    if (!pos || pos->type.comps < 4)
        return false;
    return lower_at_vertex_end(s, offset_z, pos) > 0;
}
