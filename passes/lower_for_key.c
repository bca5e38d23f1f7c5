/* Runs the key-driven lowerings in dependency order: colour selection and sprite replacement
 * create inputs that linkage may then drop; fragcoord fixes the FACE reads two-sided colour
 * adds; the exit-time emulations (alpha test, clip planes) come last, and transform feedback
 * after them so it captures the clip distances the planes write. */
#include "lower.h"

typedef bool (*lowering_fn)(ir_shader *s, const struct t2g_key *key);

static const struct {
    const char *name;
    lowering_fn fn;
} lowerings[] = {
    { "lower_two_sided_color", lower_two_sided_color },
    { "lower_sprite_coord", lower_sprite_coord },
    { "lower_unlinked_inputs", lower_unlinked_inputs },
    { "lower_flatshade", lower_flatshade },
    { "lower_fragcoord", lower_fragcoord },
    { "lower_polygon_stipple", lower_polygon_stipple },
    { "lower_alpha_test", lower_alpha_test },
    { "lower_clip_planes", lower_clip_planes },
    { "lower_stream_output", lower_stream_output },
};

bool lower_for_key(ir_shader *s, const struct t2g_key *key, bool validate_each)
{
    for (size_t i = 0; i < sizeof(lowerings) / sizeof(lowerings[0]); i++) {
        if (lowerings[i].fn(s, key) && validate_each && !ir_validate(s, lowerings[i].name))
            return false;
    }
    return true;
}
