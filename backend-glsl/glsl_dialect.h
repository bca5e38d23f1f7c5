/* What differs between GLSL dialects: the version line, which features are core, which need
 * an #extension (and whether the host must advertise it), and a few spellings.  The common
 * emitter asks this table; backend-glsl/ fills it for desktop GL, backend-essl/ for ES, and
 * the library chooses which one a compile gets. */
#ifndef GLSL_DIALECT_H
#define GLSL_DIALECT_H

#include <stdbool.h>
#include <stdint.h>

#include "tgsi2glsl.h"

/* Language features the emitter may need, beyond what GLSL 1.40 / ESSL 3.00 always have.
 * The last ones (TEXTURE_3D ... BLOCKS_AND_ARRAYS) are what ESSL 1.00 lacks of those two:
 * core in both, extensions or nothing in 1.00.  NEW_BUILTINS: the functions GLSL 1.30
 * added (trunc, round, isnan, sinh...); INTEGER_OPS: %, bit operators and integer
 * abs/min/max; BLOCKS_AND_ARRAYS: interface blocks and array constructors. */
#define GLSL_FEATURES(X) \
    X(BIT_ENCODING) X(EXPLICIT_LOCATION) X(BINDING) X(FP64) X(INT64) X(GEOMETRY) X(TESS) \
    X(COMPUTE) X(GPU_SHADER5) X(FMA) X(IMAGES) X(IMAGE_ATOMIC) X(IMAGE_FORMATLESS_STORE) \
    X(SSBO) X(TEXTURE_BUFFER) X(CUBE_ARRAY) X(MSAA_TEXTURE) X(MSAA_ARRAY_TEXTURE) \
    X(TEXTURE_1D) X(TEXTURE_RECT) X(TEXTURE_GATHER) X(TEXTURE_QUERY_LOD) \
    X(TEXTURE_QUERY_LEVELS) X(TEXTURE_SAMPLES) X(SAMPLE_VARIABLES) X(SAMPLE_INTERPOLATION) \
    X(CLIP_DISTANCE) X(CULL_DISTANCE) X(DERIVATIVE_CONTROL) X(SHADER_CLOCK) \
    X(DRAW_PARAMETERS) X(VIEWPORT_INDEX) X(LAYER_IN_FS) X(PRIMID_IN_FS) X(STENCIL_EXPORT) \
    X(CONSERVATIVE_DEPTH) X(EARLY_FRAGMENT_TESTS) X(HELPER_INVOCATION) X(PACK_HALF) \
    X(INTEGER_MIX) X(BARRIERS_430) X(FRAG_COORD_CONVENTIONS) X(NOPERSPECTIVE) \
    X(GS_STREAMS) X(GS_INVOCATIONS) X(TEXTURE_SHADOW_LOD) X(IMAGE_SAMPLES) X(DEMOTE) \
    X(UNIFORM_BLOCKS) X(SHADOW_CUBE_ARRAY) X(NONCONST_GATHER_OFFSET) X(IO_BLOCKS) \
    X(IMAGE_SIZE) X(IMAGE_MSAA) X(SAMPLE_MASK_IN) X(DYNAMIC_SAMPLER_INDEX) X(GATHER_EXT) \
    X(GS_POINT_SIZE) X(TESS_POINT_SIZE) X(VIEWPORT_IN_FS) X(GROUP_VOTE) X(BALLOT) \
    X(FRAMEBUFFER_FETCH) X(SOFT_FP64) X(TEXTURE_3D) X(SHADOW_SAMPLER) X(DERIVATIVES) X(FRAG_DEPTH) \
    X(DRAW_BUFFERS) X(TEXTURE_LOD_FS) X(UNSIGNED) X(INTEGER_OPS) X(NEW_BUILTINS) X(FLAT) \
    X(BLOCKS_AND_ARRAYS) X(BLEND_EQUATION_ADVANCED) X(IMAGE_FORMATS_NV)

#define X_ENUM(name) GF_##name,
enum glsl_feature { GLSL_FEATURES(X_ENUM) GF_COUNT };
#undef X_ENUM

/* core: first version where the feature is core (0 = never).  ext: the extension that gives
 * it from version ext_min on; host_flag: T2G_HOST_* the key must carry for the extension
 * (0: assumed present on every host of that version). */
typedef struct glsl_feature_rule {
    uint16_t core;
    uint16_t ext_min;
    const char *ext;
    uint32_t host_flag;
} glsl_feature_rule;

typedef struct glsl_dialect {
    const char *version_line;   /* "#version 450\n" */
    unsigned version;           /* 140 .. 460, 100, 300 .. 320 */
    bool es;
    const char *preamble;       /* default precision statements ("" on desktop) */
    const char *opaque_precision; /* written before sampler/image types: "highp " on ES */
    const glsl_feature_rule *rules; /* GF_COUNT entries */
} glsl_dialect;

extern const char *const glsl_feature_names[GF_COUNT];

/* The desktop dialect of a GLSL target; NULL for ES targets.  (The ES dialects are
 * backend-essl/'s: the library picks one of the two and hands it to glsl_emit.) */
const glsl_dialect *glsl_desktop_dialect(enum t2g_target t);

#endif
