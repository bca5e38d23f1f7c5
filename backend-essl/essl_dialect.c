/* The GLSL ES dialects (1.00, 3.00, 3.10, 3.20): default precisions, what each version has core,
 * the EXT/OES extensions that bring 3.20 features to 3.10 (and a few to 3.00), and what ES
 * lacks outright (double, int64, 1D and rectangle textures, noperspective, query functions,
 * multisample images).  Doubles become exact soft-fp64 on uint words instead (SOFT_FP64),
 * which needs 3.10's umulExtended/uaddCarry/findMSB.  Clip/cull distances
 * (GL_EXT_clip_cull_distance) and the viewport index (GL_OES_viewport_array) are emitted
 * when the key says the host has the extension (glslang knows neither: tests count such
 * output as unchecked).  Conservative depth exists as an extension glslang cannot check
 * either, and is still refused. */
#include "essl_dialect.h"

#include <stddef.h>

#define CORE(v) { (v), 0, NULL, 0 }
#define NONE { 0, 0, NULL, 0 }
#define EXT(v, min, name, flag) { (v), (min), (name), (flag) }

static const glsl_feature_rule es_rules[GF_COUNT] = {
    [GF_BIT_ENCODING] = CORE(300),
    [GF_EXPLICIT_LOCATION] = CORE(300),
    [GF_BINDING] = CORE(310),
    [GF_FP64] = NONE,
    [GF_INT64] = NONE,
    [GF_GEOMETRY] = EXT(320, 310, "GL_EXT_geometry_shader", T2G_HOST_GEOMETRY_SHADER),
    [GF_TESS] = EXT(320, 310, "GL_EXT_tessellation_shader", T2G_HOST_TESSELLATION),
    [GF_COMPUTE] = CORE(310),
    [GF_GPU_SHADER5] = CORE(310),
    [GF_FMA] = EXT(320, 310, "GL_EXT_gpu_shader5", 0),
    [GF_IMAGES] = CORE(310),
    [GF_IMAGE_ATOMIC] = EXT(320, 310, "GL_OES_shader_image_atomic", T2G_HOST_SHADER_IMAGE_ATOMIC),
    [GF_IMAGE_FORMATLESS_STORE] = NONE,
    [GF_SSBO] = CORE(310),
    [GF_TEXTURE_BUFFER] = EXT(320, 310, "GL_EXT_texture_buffer", T2G_HOST_TEXTURE_BUFFER),
    [GF_CUBE_ARRAY] = EXT(320, 310, "GL_EXT_texture_cube_map_array", T2G_HOST_TEXTURE_CUBE_ARRAY),
    [GF_SHADOW_CUBE_ARRAY] = EXT(320, 310, "GL_EXT_texture_cube_map_array", T2G_HOST_TEXTURE_CUBE_ARRAY),
    [GF_MSAA_TEXTURE] = CORE(310),
    [GF_MSAA_ARRAY_TEXTURE] = EXT(320, 310, "GL_OES_texture_storage_multisample_2d_array", 0),
    [GF_TEXTURE_1D] = NONE,
    [GF_TEXTURE_RECT] = NONE,
    [GF_TEXTURE_GATHER] = CORE(310),
    [GF_TEXTURE_QUERY_LOD] = NONE,
    [GF_TEXTURE_QUERY_LEVELS] = NONE,
    [GF_TEXTURE_SAMPLES] = NONE,
    [GF_IMAGE_SAMPLES] = NONE,
    [GF_SAMPLE_VARIABLES] = EXT(320, 300, "GL_OES_sample_variables", T2G_HOST_SAMPLE_SHADING),
    [GF_SAMPLE_INTERPOLATION] = EXT(320, 300, "GL_OES_shader_multisample_interpolation",
                                    T2G_HOST_SAMPLE_SHADING),
    [GF_CLIP_DISTANCE] = EXT(0, 300, "GL_EXT_clip_cull_distance", T2G_HOST_CLIP_CULL_DISTANCE),
    [GF_CULL_DISTANCE] = EXT(0, 300, "GL_EXT_clip_cull_distance", T2G_HOST_CLIP_CULL_DISTANCE),
    [GF_DERIVATIVE_CONTROL] = NONE,
    [GF_SHADER_CLOCK] = NONE,
    [GF_DRAW_PARAMETERS] = NONE,
    [GF_VIEWPORT_INDEX] = EXT(0, 310, "GL_OES_viewport_array", T2G_HOST_VIEWPORT_ARRAY),
    [GF_LAYER_IN_FS] = EXT(320, 310, "GL_EXT_geometry_shader", T2G_HOST_GEOMETRY_SHADER),
    [GF_PRIMID_IN_FS] = EXT(320, 310, "GL_EXT_geometry_shader", T2G_HOST_GEOMETRY_SHADER),
    [GF_STENCIL_EXPORT] = NONE,
    [GF_CONSERVATIVE_DEPTH] = NONE,
    [GF_EARLY_FRAGMENT_TESTS] = CORE(310),
    [GF_HELPER_INVOCATION] = CORE(320),
    [GF_PACK_HALF] = CORE(300),
    [GF_INTEGER_MIX] = CORE(310),
    [GF_BARRIERS_430] = CORE(310),
    [GF_FRAG_COORD_CONVENTIONS] = NONE,
    [GF_NOPERSPECTIVE] = NONE,
    [GF_GS_STREAMS] = NONE,
    [GF_GS_INVOCATIONS] = EXT(320, 310, "GL_EXT_geometry_shader", T2G_HOST_GEOMETRY_SHADER),
    [GF_TEXTURE_SHADOW_LOD] = EXT(0, 300, "GL_EXT_texture_shadow_lod",
                                  T2G_HOST_TEXTURE_SHADOW_LOD),
    [GF_DEMOTE] = EXT(0, 300, "GL_EXT_demote_to_helper_invocation", T2G_HOST_DEMOTE_TO_HELPER),
    [GF_UNIFORM_BLOCKS] = CORE(300),
    [GF_NONCONST_GATHER_OFFSET] = EXT(320, 310, "GL_EXT_gpu_shader5", 0),
    [GF_IMAGE_SIZE] = CORE(310),
    [GF_IMAGE_MSAA] = NONE,
    [GF_IMAGE_FORMATS_NV] = EXT(0, 310, "GL_NV_image_formats", T2G_HOST_IMAGE_FORMATS),
    [GF_SAMPLE_MASK_IN] = EXT(320, 300, "GL_OES_sample_variables", T2G_HOST_SAMPLE_SHADING),
    [GF_DYNAMIC_SAMPLER_INDEX] = EXT(320, 310, "GL_EXT_gpu_shader5", 0),
    [GF_GATHER_EXT] = CORE(310),
    [GF_GS_POINT_SIZE] = EXT(0, 310, "GL_EXT_geometry_point_size", 0),
    [GF_TESS_POINT_SIZE] = EXT(0, 310, "GL_EXT_tessellation_point_size", 0),
    [GF_VIEWPORT_IN_FS] = EXT(0, 310, "GL_OES_viewport_array", T2G_HOST_VIEWPORT_ARRAY),
    [GF_IO_BLOCKS] = EXT(320, 310, "GL_EXT_shader_io_blocks", T2G_HOST_GEOMETRY_SHADER),
    [GF_GROUP_VOTE] = NONE,
    [GF_BALLOT] = NONE,
    [GF_FRAMEBUFFER_FETCH] = EXT(0, 300, "GL_EXT_shader_framebuffer_fetch",
                                 T2G_HOST_FRAMEBUFFER_FETCH),
    /* doubles as passes/lower_fp64_to_uvec2.c leaves them: uint words and helper calls */
    [GF_SOFT_FP64] = CORE(310),
    /* Core in 3.00; ESSL 1.00 has some of them as extensions of ES 2.0. */
    [GF_TEXTURE_3D] = EXT(300, 100, "GL_OES_texture_3D", T2G_HOST_TEXTURE_3D),
    [GF_SHADOW_SAMPLER] = EXT(300, 100, "GL_EXT_shadow_samplers", T2G_HOST_SHADOW_SAMPLERS),
    [GF_DERIVATIVES] = EXT(300, 100, "GL_OES_standard_derivatives", T2G_HOST_STANDARD_DERIVATIVES),
    [GF_FRAG_DEPTH] = EXT(300, 100, "GL_EXT_frag_depth", T2G_HOST_FRAG_DEPTH),
    [GF_DRAW_BUFFERS] = EXT(300, 100, "GL_EXT_draw_buffers", T2G_HOST_DRAW_BUFFERS),
    [GF_TEXTURE_LOD_FS] = EXT(300, 100, "GL_EXT_shader_texture_lod", T2G_HOST_SHADER_TEXTURE_LOD),
    [GF_UNSIGNED] = CORE(300),
    [GF_INTEGER_OPS] = CORE(300),
    [GF_NEW_BUILTINS] = CORE(300),
    [GF_FLAT] = CORE(300),
    [GF_BLOCKS_AND_ARRAYS] = CORE(300),
    [GF_BLEND_EQUATION_ADVANCED] = EXT(320, 300, "GL_KHR_blend_equation_advanced",
                                       T2G_HOST_BLEND_EQUATION_ADVANCED),
};

/* Every ES shader states its precisions: float has no default in fragment shaders, and the
 * translator's integer arithmetic needs 32 bits everywhere.  Opaque types other than
 * sampler2D/samplerCube have no default at all, so each declaration carries highp. */
#define ES_PREAMBLE "precision highp float;\nprecision highp int;\n"
/* ES 2.0 makes highp optional in fragment shaders; Mesa and most GPUs have it, and the
 * vertex stage always does.  A host without it gets mediump rather than a compile error. */
#define ES100_PREAMBLE                                                                      \
    "#if defined(GL_FRAGMENT_PRECISION_HIGH) || !defined(GL_ES)\n"                           \
    "precision highp float;\nprecision highp int;\n#else\n"                                 \
    "precision mediump float;\nprecision mediump int;\n#endif\n"

static const glsl_dialect es[] = {
    { "#version 300 es\n", 300, true, ES_PREAMBLE, "highp ", es_rules },
    { "#version 310 es\n", 310, true, ES_PREAMBLE, "highp ", es_rules },
    { "#version 320 es\n", 320, true, ES_PREAMBLE, "highp ", es_rules },
};
/* sampler3D and sampler2DShadow have no default precision in ESSL 1.00: every sampler is
 * declared highp, as on 3.x. */
static const glsl_dialect es100 = { "#version 100\n", 100, true, ES100_PREAMBLE, "highp ", es_rules };

const glsl_dialect *glsl_es_dialect(enum t2g_target t)
{
    if (t == T2G_TARGET_ESSL100)
        return &es100;
    if (t < T2G_TARGET_ESSL300 || t > T2G_TARGET_ESSL320)
        return NULL;
    return &es[t - T2G_TARGET_ESSL300];
}
