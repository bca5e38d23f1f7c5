/* Runs the key-driven lowerings in dependency order: what sampler views do first, the shadow
 * swizzle, then depth comparisons made in the shader (they replace the comparison the swizzle
 * reads), sRGB decoding of the stored channels and then the swizzle that moves them (the
 * alpha test and the output swizzle must see the values they make); colour selection and sprite
 * replacement create inputs that linkage may then drop; fragcoord fixes the FACE reads
 * two-sided colour adds; the exit-time emulations come last: the alpha test before the
 * output swizzle (it tests the guest's alpha), the logic op after it (it combines stored
 * channels with the fetched framebuffer's), the clip planes before transform feedback
 * (which captures the distances they write), both before the y flip (they take the guest's
 * clip-space position), and noperspective last (it scales the final outputs by the final w). */
#include "lower.h"

typedef bool (*lowering_fn)(ir_shader *s, const struct t2g_key *key);
typedef bool (*lowering_opts_fn)(ir_shader *s, const struct t2g_key *key,
                                 const lower_options *opts);

/* fn, or fn_opts for a lowering that also depends on the dialect. */
static const struct {
    const char *name;
    lowering_fn fn;
    lowering_opts_fn fn_opts;
} lowerings[] = {
    { "lower_shadow_swizzle", lower_shadow_swizzle },
    { "lower_shadow_compare", lower_shadow_compare },
    { "lower_srgb_decode", lower_srgb_decode },
    { "lower_sampler_swizzle", lower_sampler_swizzle },
    { "lower_query_levels", lower_query_levels },
    { "lower_query_lod", lower_query_lod },
    { "lower_gl_clamp", lower_gl_clamp },
    { "lower_lod_bias", lower_lod_bias },
    { "lower_two_sided_color", lower_two_sided_color },
    { "lower_sprite_coord", lower_sprite_coord },
    { "lower_unlinked_inputs", lower_unlinked_inputs },
    { "lower_flatshade", lower_flatshade },
    { "lower_fragcoord", NULL, lower_fragcoord },
    { "lower_polygon_stipple", lower_polygon_stipple },
    { "lower_alpha_test", lower_alpha_test },
    { "lower_fs_output_swizzle", lower_fs_output_swizzle },
    { "lower_logic_op", lower_logic_op },
    { "lower_clip_planes", lower_clip_planes },
    { "lower_stream_output", lower_stream_output },
    { "lower_point_size", lower_point_size },
    { "lower_depth_offset", lower_depth_offset },
    { "lower_flip_y", lower_flip_y },
};

bool lower_for_key(ir_shader *s, const struct t2g_key *key, const lower_options *opts)
{
    if (opts->ints_are_floats && lower_int_shifts_on_floats(s)) {
        ir_uses_changed(s);
        if (opts->validate_each && !ir_validate(s, "lower_int_shifts_on_floats"))
            return false;
    }
    /* After the shifts: an index * 2 + 1 adds to what the shift became. */
    if (opts->ints_are_floats && lower_int_arith_on_floats(s)) {
        ir_uses_changed(s);
        if (opts->validate_each && !ir_validate(s, "lower_int_arith_on_floats"))
            return false;
    }
    for (size_t i = 0; i < sizeof(lowerings) / sizeof(lowerings[0]); i++) {
        if (!(lowerings[i].fn ? lowerings[i].fn(s, key) : lowerings[i].fn_opts(s, key, opts)))
            continue;
        ir_uses_changed(s);
        if (opts->validate_each && !ir_validate(s, lowerings[i].name))
            return false;
    }
    if (opts->no_noperspective && lower_noperspective(s, key)) {
        ir_uses_changed(s);
        if (opts->validate_each && !ir_validate(s, "lower_noperspective"))
            return false;
    }
    return true;
}
