/* Spelling tables for the TGSI vocabulary (as tgsi_dump prints it) and texture-target facts. */
#include "tgsi.h"

#define X_STR(name, str) str,
#define X_NAME(name, ...) #name,

const char *const tgsi_processor_names[TGSI_PROCESSOR_COUNT] = { TGSI_PROCESSORS(X_STR) };
const char *const tgsi_file_names[TGSI_FILE_COUNT] = { TGSI_FILES(X_STR) };
const char *const tgsi_texture_names[TGSI_TEXTURE_COUNT] = { TGSI_TEXTURES(X_STR) };
const char *const tgsi_return_type_names[TGSI_RETURN_COUNT] = { TGSI_RETURN_TYPES(X_NAME) };
const char *const tgsi_interpolate_names[TGSI_INTERPOLATE_COUNT] = { TGSI_INTERPOLATES(X_NAME) };
const char *const tgsi_interp_location_names[TGSI_INTERPOLATE_LOC_COUNT] = {
    TGSI_INTERP_LOCATIONS(X_NAME)
};
const char *const tgsi_imm_type_names[TGSI_IMM_COUNT] = { TGSI_IMM_TYPES(X_NAME) };
const char *const tgsi_property_names[TGSI_PROPERTY_COUNT] = { TGSI_PROPERTIES(X_NAME) };
const char *const tgsi_prim_names[TGSI_PRIM_COUNT] = { TGSI_PRIMS(X_NAME) };

const char *const tgsi_fs_coord_origin_names[2] = { "UPPER_LEFT", "LOWER_LEFT" };
const char *const tgsi_fs_coord_pixel_center_names[2] = { "HALF_INTEGER", "INTEGER" };
const char *const tgsi_fs_depth_layout_names[5] = { "NONE", "ANY", "GREATER", "LESS",
                                                    "UNCHANGED" };
const char *const tgsi_tess_spacing_names[3] = { "FRACTIONAL_ODD", "FRACTIONAL_EVEN", "EQUAL" };
const char *const tgsi_memory_qualifier_names[4] = { "COHERENT", "RESTRICT", "VOLATILE",
                                                     "STREAM_CACHE_POLICY" };
const char *const tgsi_memory_type_names[4] = { "GLOBAL", "SHARED", "PRIVATE", "INPUT" };

/* Semantic spellings equal the enum names except PRIMID, which Mesa prints as PRIM_ID. */
#define X_SEM(name) [TGSI_SEMANTIC_##name] = #name,
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
const char *const tgsi_semantic_names[TGSI_SEMANTIC_COUNT] = {
    TGSI_SEMANTICS(X_SEM)
    [TGSI_SEMANTIC_PRIMID] = "PRIM_ID",
};
#pragma GCC diagnostic pop
#undef X_SEM

enum { TEX_SHADOW = 1, TEX_ARRAY = 2, TEX_MSAA = 4 };

static const struct {
    unsigned char dims, flags;
} texture_facts[TGSI_TEXTURE_COUNT] = {
    [TGSI_TEXTURE_BUFFER] = { 1, 0 },
    [TGSI_TEXTURE_1D] = { 1, 0 },
    [TGSI_TEXTURE_2D] = { 2, 0 },
    [TGSI_TEXTURE_3D] = { 3, 0 },
    [TGSI_TEXTURE_CUBE] = { 3, 0 },
    [TGSI_TEXTURE_RECT] = { 2, 0 },
    [TGSI_TEXTURE_SHADOW1D] = { 1, TEX_SHADOW },
    [TGSI_TEXTURE_SHADOW2D] = { 2, TEX_SHADOW },
    [TGSI_TEXTURE_SHADOWRECT] = { 2, TEX_SHADOW },
    [TGSI_TEXTURE_1D_ARRAY] = { 1, TEX_ARRAY },
    [TGSI_TEXTURE_2D_ARRAY] = { 2, TEX_ARRAY },
    [TGSI_TEXTURE_SHADOW1D_ARRAY] = { 1, TEX_SHADOW | TEX_ARRAY },
    [TGSI_TEXTURE_SHADOW2D_ARRAY] = { 2, TEX_SHADOW | TEX_ARRAY },
    [TGSI_TEXTURE_SHADOWCUBE] = { 3, TEX_SHADOW },
    [TGSI_TEXTURE_2D_MSAA] = { 2, TEX_MSAA },
    [TGSI_TEXTURE_2D_ARRAY_MSAA] = { 2, TEX_ARRAY | TEX_MSAA },
    [TGSI_TEXTURE_CUBE_ARRAY] = { 3, TEX_ARRAY },
    [TGSI_TEXTURE_SHADOWCUBE_ARRAY] = { 3, TEX_SHADOW | TEX_ARRAY },
    [TGSI_TEXTURE_UNKNOWN] = { 0, 0 },
};

static unsigned texture_flags(enum tgsi_texture t)
{
    return (unsigned)t < TGSI_TEXTURE_COUNT ? texture_facts[t].flags : 0;
}

int tgsi_texture_is_shadow(enum tgsi_texture t) { return !!(texture_flags(t) & TEX_SHADOW); }
int tgsi_texture_is_array(enum tgsi_texture t) { return !!(texture_flags(t) & TEX_ARRAY); }
int tgsi_texture_is_msaa(enum tgsi_texture t) { return !!(texture_flags(t) & TEX_MSAA); }

int tgsi_texture_coord_dims(enum tgsi_texture t)
{
    return (unsigned)t < TGSI_TEXTURE_COUNT ? texture_facts[t].dims : 0;
}
