/* Colour buffers the host stores in other channels than the guest's format (an alpha
 * format kept in red): at the exit each such colour output is rewritten so that every stored
 * channel holds the component the guest meant for it (key.fs_output_swizzle).  A shader
 * that replicates colour 0 to every buffer (FS_COLOR0_WRITES_ALL_CBUFS) gets one output per
 * buffer instead, since the buffers may want different swizzles. */
#include "lower.h"

static bool swizzled(const uint8_t swz[4])
{
    return swz[0] || swz[1] || swz[2] || swz[3];
}

/* Stores `value` into `out` with the swizzle of out's buffer. */
static void store_swizzled(ir_builder *b, ir_var *out, ir_instr *value, const uint8_t swz[4])
{
    unsigned c[4];
    for (unsigned i = 0; i < 4; i++)
        c[i] = swz[i] ? swz[i] - 1u : i;
    ir_build_store_var(b, out, 0, ir_src_none(), 0, ir_src_none(),
                       ir_src_swizzle(value, c[0], c[1], c[2], c[3]), 0xf);
}

bool lower_fs_output_swizzle(ir_shader *s, const struct t2g_key *key)
{
    if (s->stage != T2G_STAGE_FRAGMENT)
        return false;
    bool any = false;
    for (unsigned i = 0; i < T2G_MAX_RENDER_TARGETS; i++)
        any |= swizzled(key->fs_output_swizzle[i]);
    if (!any)
        return false;
    ir_builder b;
    ir_var *color0 = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0);
    bool broadcast = color0 && !color0->array_len && color0->type.comps == 4 &&
                     ir_prop_is_set(s, IR_PROP_FS_COLOR0_WRITES_ALL_CBUFS) &&
                     s->props[IR_PROP_FS_COLOR0_WRITES_ALL_CBUFS];
    if (broadcast) {
        unsigned n = key->fs_num_cbufs ? key->fs_num_cbufs : 1;
        if (n > T2G_MAX_RENDER_TARGETS)
            n = T2G_MAX_RENDER_TARGETS;
        lower_builder_at_exit(&b, s);
        ir_instr *value = ir_build_load_var(&b, color0, 0, ir_src_none(), 0, ir_src_none());
        for (unsigned i = 1; i < n; i++) {
            ir_var *out = lower_get_io_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, i);
            out->type = color0->type;
            store_swizzled(&b, out, value, key->fs_output_swizzle[i]);
        }
        store_swizzled(&b, color0, value, key->fs_output_swizzle[0]);
        s->props[IR_PROP_FS_COLOR0_WRITES_ALL_CBUFS] = 0;
        return true;
    }
    bool progress = false;
    for (unsigned i = 0; i < T2G_MAX_RENDER_TARGETS; i++) {
        if (!swizzled(key->fs_output_swizzle[i]))
            continue;
        ir_var *out = lower_find_var(s, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, i);
        if (!out || out->array_len || out->type.comps != 4)
            continue;
        lower_builder_at_exit(&b, s);
        ir_instr *value = ir_build_load_var(&b, out, 0, ir_src_none(), 0, ir_src_none());
        store_swizzled(&b, out, value, key->fs_output_swizzle[i]);
        progress = true;
    }
    return progress;
}
