/* Polygon stipple: discard fragments whose bit in the 32x32 pattern (driver.stipple, one row
 * per uint, bit 31 leftmost) is clear, indexed by window coordinates modulo 32. */
#include "lower.h"

bool lower_polygon_stipple(ir_shader *s, const struct t2g_key *key)
{
    if (s->stage != T2G_STAGE_FRAGMENT || !key->polygon_stipple)
        return false;
    ir_var *pos = lower_get_io_var(s, IR_VAR_INPUT, T2G_SEMANTIC_POSITION, 0);
    ir_builder b;
    lower_builder_at_entry(&b, s);
    const ir_type u1 = ir_type_make(IR_U32, 1), i1 = ir_type_make(IR_I32, 1);
    const ir_type b1 = ir_type_make(IR_BOOL, 1);
    ir_instr *fc = ir_build_load_var(&b, pos, 0, ir_src_none(), 0, ir_src_none());
    ir_src fcs = ir_src_for(fc);
    if (pos->type.base != IR_F32)
        fcs = ir_src_for(ir_build_bitcast(&b, IR_F32, fcs, pos->type.comps));
    ir_src c31 = ir_src_for(ir_build_const_u32(&b, 31));
    ir_src x = ir_src_for(ir_build_alu1(&b, IR_OP_CONVERT, u1, ir_src_compose(fcs, (uint8_t[4]){ 0, 0, 0, 0 })));
    ir_src y = ir_src_for(ir_build_alu1(&b, IR_OP_CONVERT, u1, ir_src_compose(fcs, (uint8_t[4]){ 1, 1, 1, 1 })));
    /* Gallium's pattern has the leftmost pixel in bit 31 (Mesa unpacks glPolygonStipple's
     * bytes most significant bit first): column x is bit 31 - x, that is x ^ 31. */
    x = ir_src_for(ir_build_alu2(&b, IR_OP_XOR, u1,
                                 ir_src_for(ir_build_alu2(&b, IR_OP_AND, u1, x, c31)), c31));
    y = ir_src_for(ir_build_alu2(&b, IR_OP_AND, u1, y, c31));
    /* Row y lives in slot STIPPLE + y / 4, component y % 4. */
    ir_src slot = ir_src_for(ir_build_alu1(&b, IR_OP_BITCAST, i1,
        ir_src_for(ir_build_alu2(&b, IR_OP_SHR, u1, y, ir_src_for(ir_build_const_u32(&b, 2))))));
    ir_instr *rows = ir_build_load_var(&b, lower_get_driver_var(s), DRIVER_SLOT_STIPPLE, slot, 0,
                                       ir_src_none());
    ir_src urows = ir_src_for(ir_build_bitcast(&b, IR_U32, ir_src_for(rows), 4));
    ir_src comp = ir_src_for(ir_build_alu2(&b, IR_OP_AND, u1, y, ir_src_for(ir_build_const_u32(&b, 3))));
    ir_src row = ir_src_compose(urows, (uint8_t[4]){ 3, 3, 3, 3 });
    for (int c = 2; c >= 0; c--) {
        ir_src is_c = ir_src_for(ir_build_alu2(&b, IR_OP_EQ, b1, comp,
                                               ir_src_for(ir_build_const_u32(&b, (uint32_t)c))));
        row = ir_src_for(ir_build_alu3(&b, IR_OP_SELECT, u1, is_c,
                                       ir_src_compose(urows, (uint8_t[4]){ c, c, c, c }), row));
    }
    ir_src bit = ir_src_for(ir_build_alu2(&b, IR_OP_AND, u1,
        ir_src_for(ir_build_alu2(&b, IR_OP_SHR, u1, row, x)), ir_src_for(ir_build_const_u32(&b, 1))));
    ir_src clear = ir_src_for(ir_build_alu2(&b, IR_OP_EQ, b1, bit, ir_src_for(ir_build_const_u32(&b, 0))));
    lower_build_discard_if(&b, clear);
    return true;
}
