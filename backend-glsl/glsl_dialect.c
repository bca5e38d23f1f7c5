/* The desktop GL dialects (GLSL 1.40 .. 4.60): which version makes each feature core and
 * which ARB extension provides it earlier. */
#include "glsl_dialect.h"

#include <stddef.h>

#define X_NAME(name) #name,
const char *const glsl_feature_names[GF_COUNT] = { GLSL_FEATURES(X_NAME) };
#undef X_NAME

#define CORE(v) { (v), 0, NULL, 0 }
#define EXT(v, min, name, flag) { (v), (min), (name), (flag) }

/* Where glslang (our oracle) only partly implements an extension on older versions
 * (GL_ARB_gpu_shader5's integer functions, interpolateAt*, invocations, sampler indexing) or
 * not at all (GL_ARB_cull_distance, GL_ARB_conservative_depth, GL_ARB_texture_query_levels,
 * GL_ARB_fragment_layer_viewport), the feature is taken as core-only: refusing is better
 * than emitting source we cannot check. */

static const glsl_feature_rule desktop_rules[GF_COUNT] = {
    [GF_BIT_ENCODING] = EXT(330, 150, "GL_ARB_shader_bit_encoding", 0),
    [GF_EXPLICIT_LOCATION] = EXT(330, 140, "GL_ARB_explicit_attrib_location",
                                 T2G_HOST_EXPLICIT_ATTRIB_LOCATION),
    [GF_BINDING] = EXT(420, 140, "GL_ARB_shading_language_420pack",
                       T2G_HOST_SHADING_LANGUAGE_420PACK),
    [GF_FP64] = EXT(400, 150, "GL_ARB_gpu_shader_fp64", T2G_HOST_FP64),
    [GF_INT64] = EXT(0, 400, "GL_ARB_gpu_shader_int64", T2G_HOST_INT64),
    [GF_GEOMETRY] = CORE(150),
    [GF_TESS] = EXT(400, 150, "GL_ARB_tessellation_shader", T2G_HOST_TESSELLATION),
    [GF_COMPUTE] = EXT(430, 420, "GL_ARB_compute_shader", 0),
    [GF_GPU_SHADER5] = CORE(400),
    [GF_FMA] = CORE(400),
    [GF_IMAGES] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_IMAGE_ATOMIC] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_IMAGE_FORMATLESS_STORE] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_SSBO] = EXT(430, 420, "GL_ARB_shader_storage_buffer_object", 0),
    [GF_TEXTURE_BUFFER] = CORE(140),
    [GF_CUBE_ARRAY] = EXT(400, 140, "GL_ARB_texture_cube_map_array", T2G_HOST_TEXTURE_CUBE_ARRAY),
    [GF_SHADOW_CUBE_ARRAY] = EXT(400, 140, "GL_ARB_texture_cube_map_array", T2G_HOST_TEXTURE_CUBE_ARRAY),
    [GF_MSAA_TEXTURE] = CORE(150),
    [GF_MSAA_ARRAY_TEXTURE] = CORE(150),
    [GF_TEXTURE_1D] = CORE(140),
    [GF_TEXTURE_RECT] = CORE(140),
    [GF_TEXTURE_GATHER] = EXT(400, 140, "GL_ARB_texture_gather", 0),
    [GF_TEXTURE_QUERY_LOD] = EXT(400, 140, "GL_ARB_texture_query_lod", 0),
    [GF_TEXTURE_QUERY_LEVELS] = CORE(430),
    [GF_TEXTURE_SAMPLES] = EXT(450, 150, "GL_ARB_shader_texture_image_samples", 0),
    [GF_IMAGE_SAMPLES] = EXT(450, 150, "GL_ARB_shader_texture_image_samples", 0),
    [GF_SAMPLE_VARIABLES] = EXT(400, 140, "GL_ARB_sample_shading", T2G_HOST_SAMPLE_SHADING),
    [GF_SAMPLE_INTERPOLATION] = CORE(400),
    [GF_CLIP_DISTANCE] = CORE(140),
    [GF_CULL_DISTANCE] = CORE(450),
    [GF_DERIVATIVE_CONTROL] = EXT(450, 400, "GL_ARB_derivative_control", T2G_HOST_DERIVATIVE_CONTROL),
    [GF_SHADER_CLOCK] = EXT(0, 140, "GL_ARB_shader_clock", T2G_HOST_SHADER_CLOCK),
    [GF_DRAW_PARAMETERS] = EXT(460, 140, "GL_ARB_shader_draw_parameters", 0),
    [GF_VIEWPORT_INDEX] = EXT(410, 150, "GL_ARB_viewport_array", T2G_HOST_VIEWPORT_ARRAY),
    [GF_LAYER_IN_FS] = CORE(430),
    [GF_PRIMID_IN_FS] = CORE(150),
    [GF_STENCIL_EXPORT] = EXT(0, 140, "GL_ARB_shader_stencil_export", 0),
    [GF_CONSERVATIVE_DEPTH] = CORE(420),
    [GF_EARLY_FRAGMENT_TESTS] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_HELPER_INVOCATION] = CORE(450),
    [GF_PACK_HALF] = EXT(420, 140, "GL_ARB_shading_language_packing", 0),
    [GF_INTEGER_MIX] = CORE(450),
    [GF_BARRIERS_430] = CORE(430),
    [GF_FRAG_COORD_CONVENTIONS] = EXT(150, 140, "GL_ARB_fragment_coord_conventions", 0),
    [GF_NOPERSPECTIVE] = CORE(140),
    /* ARB_gpu_shader5 gives GLSL 1.50+ EmitStreamVertex, but glslang (the oracle the
     * output is held to) has it only from 4.00: stream emission needs 4.00. */
    [GF_GS_STREAMS] = CORE(400),
    [GF_GS_INVOCATIONS] = CORE(400),
    [GF_TEXTURE_SHADOW_LOD] = EXT(0, 140, "GL_EXT_texture_shadow_lod",
                                  T2G_HOST_TEXTURE_SHADOW_LOD),
    [GF_DEMOTE] = EXT(0, 140, "GL_EXT_demote_to_helper_invocation", T2G_HOST_DEMOTE_TO_HELPER),
    [GF_UNIFORM_BLOCKS] = CORE(140),
    [GF_NONCONST_GATHER_OFFSET] = EXT(400, 150, "GL_ARB_gpu_shader5", 0),
    [GF_IO_BLOCKS] = CORE(150),
    [GF_VIEWPORT_IN_FS] = CORE(430),
    [GF_IMAGE_SIZE] = CORE(430),
    [GF_IMAGE_MSAA] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_IMAGE_FORMATS_NV] = EXT(420, 150, "GL_ARB_shader_image_load_store", 0),
    [GF_SAMPLE_MASK_IN] = CORE(400),
    [GF_DYNAMIC_SAMPLER_INDEX] = CORE(400),
    [GF_GATHER_EXT] = EXT(400, 150, "GL_ARB_gpu_shader5", 0),
    [GF_GS_POINT_SIZE] = CORE(140),
    [GF_TESS_POINT_SIZE] = CORE(140),
    /* glslang knows the vote functions from 4.30 and ballotARB() from 4.50 */
    [GF_GROUP_VOTE] = EXT(0, 430, "GL_ARB_shader_group_vote", T2G_HOST_SHADER_GROUP_VOTE),
    [GF_BALLOT] = EXT(0, 450, "GL_ARB_shader_ballot", T2G_HOST_SHADER_BALLOT),
    [GF_FRAMEBUFFER_FETCH] = EXT(0, 140, "GL_EXT_shader_framebuffer_fetch",
                                 T2G_HOST_FRAMEBUFFER_FETCH),
    [GF_TEXTURE_3D] = CORE(140),
    [GF_SHADOW_SAMPLER] = CORE(140),
    [GF_DERIVATIVES] = CORE(140),
    [GF_FRAG_DEPTH] = CORE(140),
    [GF_DRAW_BUFFERS] = CORE(140),
    [GF_TEXTURE_LOD_FS] = CORE(140),
    [GF_UNSIGNED] = CORE(140),
    [GF_INTEGER_OPS] = CORE(140),
    [GF_NEW_BUILTINS] = CORE(140),
    [GF_FLAT] = CORE(140),
    [GF_BLOCKS_AND_ARRAYS] = CORE(140),
    [GF_BLEND_EQUATION_ADVANCED] = EXT(0, 140, "GL_KHR_blend_equation_advanced",
                                       T2G_HOST_BLEND_EQUATION_ADVANCED),
};

static const glsl_dialect desktop[] = {
    [T2G_TARGET_GLSL140] = { "#version 140\n", 140, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL150] = { "#version 150\n", 150, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL330] = { "#version 330\n", 330, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL400] = { "#version 400\n", 400, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL410] = { "#version 410\n", 410, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL420] = { "#version 420\n", 420, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL430] = { "#version 430\n", 430, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL440] = { "#version 440\n", 440, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL450] = { "#version 450\n", 450, false, "", "", desktop_rules },
    [T2G_TARGET_GLSL460] = { "#version 460\n", 460, false, "", "", desktop_rules },
};

const glsl_dialect *glsl_desktop_dialect(enum t2g_target t)
{
    if ((unsigned)t > T2G_TARGET_GLSL460)
        return NULL;
    return &desktop[t];
}
