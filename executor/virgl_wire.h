/* virgl_wire.h: the virgl command stream's numbers (commands, objects, gallium enums, caps
 * layout) as Mesa's virgl driver encodes them; one place so handlers never use magic numbers. */
#ifndef VIRGL_WIRE_H
#define VIRGL_WIRE_H

#include <stdint.h>

enum virgl_obj {
    OBJ_NULL, OBJ_BLEND, OBJ_RASTERIZER, OBJ_DSA, OBJ_SHADER, OBJ_VERTEX_ELEMENTS,
    OBJ_SAMPLER_VIEW, OBJ_SAMPLER_STATE, OBJ_SURFACE, OBJ_QUERY, OBJ_STREAMOUT_TARGET,
    OBJ_MSAA_SURFACE, OBJ_COUNT
};

enum virgl_ccmd {
    CCMD_NOP, CCMD_CREATE_OBJECT, CCMD_BIND_OBJECT, CCMD_DESTROY_OBJECT, CCMD_SET_VIEWPORT_STATE,
    CCMD_SET_FRAMEBUFFER_STATE, CCMD_SET_VERTEX_BUFFERS, CCMD_CLEAR, CCMD_DRAW_VBO,
    CCMD_RESOURCE_INLINE_WRITE, CCMD_SET_SAMPLER_VIEWS, CCMD_SET_INDEX_BUFFER,
    CCMD_SET_CONSTANT_BUFFER, CCMD_SET_STENCIL_REF, CCMD_SET_BLEND_COLOR, CCMD_SET_SCISSOR_STATE,
    CCMD_BLIT, CCMD_RESOURCE_COPY_REGION, CCMD_BIND_SAMPLER_STATES, CCMD_BEGIN_QUERY,
    CCMD_END_QUERY, CCMD_GET_QUERY_RESULT, CCMD_SET_POLYGON_STIPPLE, CCMD_SET_CLIP_STATE,
    CCMD_SET_SAMPLE_MASK, CCMD_SET_STREAMOUT_TARGETS, CCMD_SET_RENDER_CONDITION,
    CCMD_SET_UNIFORM_BUFFER, CCMD_SET_SUB_CTX, CCMD_CREATE_SUB_CTX, CCMD_DESTROY_SUB_CTX,
    CCMD_BIND_SHADER, CCMD_SET_TESS_STATE, CCMD_SET_MIN_SAMPLES, CCMD_SET_SHADER_BUFFERS,
    CCMD_SET_SHADER_IMAGES, CCMD_MEMORY_BARRIER, CCMD_LAUNCH_GRID,
    CCMD_SET_FRAMEBUFFER_STATE_NO_ATTACH, CCMD_TEXTURE_BARRIER, CCMD_SET_ATOMIC_BUFFERS,
    CCMD_SET_DEBUG_FLAGS, CCMD_GET_QUERY_RESULT_QBO, CCMD_TRANSFER3D, CCMD_END_TRANSFERS,
    CCMD_COPY_TRANSFER3D, CCMD_SET_TWEAKS, CCMD_CLEAR_TEXTURE, CCMD_PIPE_RESOURCE_CREATE,
    CCMD_PIPE_RESOURCE_SET_TYPE, CCMD_GET_MEMORY_INFO, CCMD_SEND_STRING_MARKER,
    CCMD_LINK_SHADER, CCMD_COUNT
};

/* Header dword: command in bits 0-7, object type 8-15, payload length (dwords) 16-31. */
#define CMD_ID(h) ((h) & 0xff)
#define CMD_OBJ(h) (((h) >> 8) & 0xff)
#define CMD_LEN(h) ((h) >> 16)

enum pipe_target {
    PIPE_BUFFER, PIPE_TEXTURE_1D, PIPE_TEXTURE_2D, PIPE_TEXTURE_3D, PIPE_TEXTURE_CUBE,
    PIPE_TEXTURE_RECT, PIPE_TEXTURE_1D_ARRAY, PIPE_TEXTURE_2D_ARRAY, PIPE_TEXTURE_CUBE_ARRAY,
    PIPE_MAX_TEXTURE_TYPES
};

/* Gallium primitive types (DRAW_VBO mode, GS output and TES primitive properties). */
enum pipe_prim_type {
    PIPE_PRIM_POINTS, PIPE_PRIM_LINES, PIPE_PRIM_LINE_LOOP, PIPE_PRIM_LINE_STRIP,
    PIPE_PRIM_TRIANGLES, PIPE_PRIM_TRIANGLE_STRIP, PIPE_PRIM_TRIANGLE_FAN, PIPE_PRIM_QUADS,
    PIPE_PRIM_QUAD_STRIP, PIPE_PRIM_POLYGON, PIPE_PRIM_LINES_ADJACENCY,
    PIPE_PRIM_LINE_STRIP_ADJACENCY, PIPE_PRIM_TRIANGLES_ADJACENCY,
    PIPE_PRIM_TRIANGLE_STRIP_ADJACENCY, PIPE_PRIM_PATCHES
};

/* Gallium polygon fill modes (the rasterizer state's fill_front and fill_back). */
enum pipe_polygon_mode { PIPE_POLYGON_MODE_FILL, PIPE_POLYGON_MODE_LINE, PIPE_POLYGON_MODE_POINT };

enum pipe_shader_type { SHADER_VERTEX, SHADER_FRAGMENT, SHADER_GEOMETRY, SHADER_TESS_CTRL,
                        SHADER_TESS_EVAL, SHADER_COMPUTE, SHADER_TYPES };

/* Sampler view swizzle, 3 bits a channel (pipe_swizzle): 0-3 pick r, g, b, a. */
enum { PIPE_SWIZZLE_0 = 4, PIPE_SWIZZLE_1 = 5 };
/* Gallium's wrap mode for GL_CLAMP (pipe_tex_wrap: REPEAT, CLAMP, CLAMP_TO_EDGE, ...). */
enum { PIPE_TEX_WRAP_CLAMP = 1 };

#define VIRGL_BIND_DEPTH_STENCIL (1u << 0)
#define VIRGL_BIND_RENDER_TARGET (1u << 1)
#define VIRGL_BIND_SAMPLER_VIEW (1u << 3)
#define VIRGL_BIND_VERTEX_BUFFER (1u << 4)
#define VIRGL_BIND_INDEX_BUFFER (1u << 5)
#define VIRGL_BIND_CONSTANT_BUFFER (1u << 6)
#define VIRGL_BIND_DISPLAY_TARGET (1u << 7)
#define VIRGL_BIND_COMMAND_ARGS (1u << 8)
#define VIRGL_BIND_STREAM_OUTPUT (1u << 11)
#define VIRGL_BIND_SHADER_BUFFER (1u << 14)
#define VIRGL_BIND_QUERY_BUFFER (1u << 15)
#define VIRGL_BIND_CURSOR (1u << 16)
#define VIRGL_BIND_CUSTOM (1u << 17)
#define VIRGL_BIND_SCANOUT (1u << 18)
#define VIRGL_BIND_STAGING (1u << 19)
#define VIRGL_BIND_SHARED (1u << 20)

#define PIPE_CLEAR_DEPTH (1u << 0)
#define PIPE_CLEAR_STENCIL (1u << 1)
#define PIPE_CLEAR_COLOR0 (1u << 2)

#define PIPE_MASK_RGBA 0xfu
#define PIPE_MASK_Z (1u << 4)
#define PIPE_MASK_S (1u << 5)

/* Query types as the wire numbers them (VIRGL_QUERY_*, virgl_protocol.h); not gallium's
 * pipe_query_type order, which the guest maps from. */
enum virgl_query_type {
    VIRGL_QUERY_OCCLUSION_COUNTER = 0, VIRGL_QUERY_OCCLUSION_PREDICATE = 1,
    VIRGL_QUERY_TIMESTAMP = 2, VIRGL_QUERY_TIMESTAMP_DISJOINT = 3, VIRGL_QUERY_TIME_ELAPSED = 4,
    VIRGL_QUERY_PRIMITIVES_GENERATED = 5, VIRGL_QUERY_PRIMITIVES_EMITTED = 6,
    VIRGL_QUERY_SO_STATISTICS = 7, VIRGL_QUERY_SO_OVERFLOW_PREDICATE = 8,
    VIRGL_QUERY_GPU_FINISHED = 9, VIRGL_QUERY_PIPELINE_STATISTICS = 10,
    VIRGL_QUERY_OCCLUSION_PREDICATE_CONSERVATIVE = 11,
    VIRGL_QUERY_SO_OVERFLOW_ANY_PREDICATE = 12, VIRGL_QUERY_TYPES
};

/* Written into a query's resource for the guest to poll. */
#define VIRGL_QUERY_STATE_NEW 0
#define VIRGL_QUERY_STATE_DONE 1
#define VIRGL_QUERY_STATE_WAIT_HOST 2
struct virgl_host_query_state {
    uint32_t query_state;
    uint32_t result_size;
    uint64_t result;
};

#define VIRGL_SHADER_OFFSET_CONT (1u << 31)

/* virgl_caps_v2.capability_bits */
#define VIRGL_CAP_TGSI_INVARIANT (1u << 0)
#define VIRGL_CAP_TEXTURE_VIEW (1u << 1)
#define VIRGL_CAP_SET_MIN_SAMPLES (1u << 2)
#define VIRGL_CAP_COPY_IMAGE (1u << 3)
#define VIRGL_CAP_TGSI_PRECISE (1u << 4)
#define VIRGL_CAP_TXQS (1u << 5)
#define VIRGL_CAP_MEMORY_BARRIER (1u << 6)
#define VIRGL_CAP_COMPUTE_SHADER (1u << 7)
#define VIRGL_CAP_FB_NO_ATTACH (1u << 8)
#define VIRGL_CAP_ROBUST_BUFFER_ACCESS (1u << 9)
#define VIRGL_CAP_TGSI_FBFETCH (1u << 10)
#define VIRGL_CAP_SHADER_CLOCK (1u << 11)
#define VIRGL_CAP_TEXTURE_BARRIER (1u << 12)
#define VIRGL_CAP_TGSI_COMPONENTS (1u << 13)
#define VIRGL_CAP_GUEST_MAY_INIT_LOG (1u << 14)
#define VIRGL_CAP_SRGB_WRITE_CONTROL (1u << 15)
#define VIRGL_CAP_QBO (1u << 16)
#define VIRGL_CAP_TRANSFER (1u << 17)
#define VIRGL_CAP_FBO_MIXED_COLOR_FORMATS (1u << 18)
#define VIRGL_CAP_HOST_IS_GLES (1u << 19)
#define VIRGL_CAP_BIND_COMMAND_ARGS (1u << 20)
#define VIRGL_CAP_MULTI_DRAW_INDIRECT (1u << 21)
#define VIRGL_CAP_INDIRECT_PARAMS (1u << 22)
#define VIRGL_CAP_TRANSFORM_FEEDBACK3 (1u << 23)
#define VIRGL_CAP_3D_ASTC (1u << 24)
#define VIRGL_CAP_INDIRECT_INPUT_ADDR (1u << 25)
#define VIRGL_CAP_COPY_TRANSFER (1u << 26)
#define VIRGL_CAP_CLIP_HALFZ (1u << 27)
#define VIRGL_CAP_APP_TWEAK_SUPPORT (1u << 28)
#define VIRGL_CAP_BGRA_SRGB_IS_EMULATED (1u << 29)
#define VIRGL_CAP_CLEAR_TEXTURE (1u << 30)
#define VIRGL_CAP_ARB_BUFFER_STORAGE (1u << 31)

#define VIRGL_CAP_V2_BLEND_EQUATION (1u << 0)
#define VIRGL_CAP_V2_UNTYPED_RESOURCE (1u << 1)
#define VIRGL_CAP_V2_VIDEO_MEMORY (1u << 2)
#define VIRGL_CAP_V2_MEMINFO (1u << 3)
#define VIRGL_CAP_V2_STRING_MARKER (1u << 4)
#define VIRGL_CAP_V2_DIFFERENT_GPU (1u << 5)
#define VIRGL_CAP_V2_IMPLICIT_MSAA (1u << 6)
#define VIRGL_CAP_V2_COPY_TRANSFER_BOTH_DIRECTIONS (1u << 7)
#define VIRGL_CAP_V2_SCANOUT_USES_GBM (1u << 8)
#define VIRGL_CAP_V2_SSO (1u << 9)
#define VIRGL_CAP_V2_TEXTURE_SHADOW_LOD (1u << 10)
#define VIRGL_CAP_V2_VS_VERTEX_LAYER (1u << 11)
#define VIRGL_CAP_V2_VS_VIEWPORT_INDEX (1u << 12)
#define VIRGL_CAP_V2_PIPELINE_STATISTICS_QUERY (1u << 13)
#define VIRGL_CAP_V2_DRAW_PARAMETERS (1u << 14)
#define VIRGL_CAP_V2_GROUP_VOTE (1u << 15)
#define VIRGL_CAP_V2_MIRROR_CLAMP_TO_EDGE (1u << 16)
#define VIRGL_CAP_V2_MIRROR_CLAMP (1u << 17)

/* virgl_caps_bool_set1 bits (a C bitfield on the guest, LSB first). */
enum {
    BSET_INDEP_BLEND_ENABLE, BSET_INDEP_BLEND_FUNC, BSET_CUBE_MAP_ARRAY,
    BSET_SHADER_STENCIL_EXPORT, BSET_CONDITIONAL_RENDER, BSET_START_INSTANCE,
    BSET_PRIMITIVE_RESTART, BSET_BLEND_EQ_SEP, BSET_INSTANCEID, BSET_VERTEX_ELEMENT_DIVISOR,
    BSET_SEAMLESS_CUBE_MAP, BSET_OCCLUSION_QUERY, BSET_TIMER_QUERY, BSET_STREAMOUT_PAUSE_RESUME,
    BSET_TEXTURE_MULTISAMPLE, BSET_FRAGMENT_COORD_CONVENTIONS, BSET_DEPTH_CLIP_DISABLE,
    BSET_SEAMLESS_CUBE_MAP_PER_TEXTURE, BSET_UBO, BSET_COLOR_CLAMPING, BSET_POLY_STIPPLE,
    BSET_MIRROR_CLAMP, BSET_TEXTURE_QUERY_LOD, BSET_HAS_FP64, BSET_HAS_TESSELLATION,
    BSET_HAS_INDIRECT_DRAW, BSET_HAS_SAMPLE_SHADING, BSET_HAS_CULL,
    BSET_CONDITIONAL_RENDER_INVERTED, BSET_DERIVATIVE_CONTROL, BSET_POLYGON_OFFSET_CLAMP,
    BSET_TRANSFORM_FEEDBACK_OVERFLOW_QUERY
};

struct virgl_format_mask { uint32_t bitmask[16]; };

struct virgl_caps_v1 {
    uint32_t max_version;
    struct virgl_format_mask sampler, render, depthstencil, vertexbuffer;
    uint32_t bset;
    uint32_t glsl_level;
    uint32_t max_texture_array_layers;
    uint32_t max_streamout_buffers;
    uint32_t max_dual_source_render_targets;
    uint32_t max_render_targets;
    uint32_t max_samples;
    uint32_t prim_mask;
    uint32_t max_tbo_size;
    uint32_t max_uniform_blocks;
    uint32_t max_viewports;
    uint32_t max_texture_gather_components;
};

struct virgl_caps_v2 {
    struct virgl_caps_v1 v1;
    float min_aliased_point_size, max_aliased_point_size;
    float min_smooth_point_size, max_smooth_point_size;
    float min_aliased_line_width, max_aliased_line_width;
    float min_smooth_line_width, max_smooth_line_width;
    float max_texture_lod_bias;
    uint32_t max_geom_output_vertices;
    uint32_t max_geom_total_output_components;
    uint32_t max_vertex_outputs;
    uint32_t max_vertex_attribs;
    uint32_t max_shader_patch_varyings;
    int32_t min_texel_offset, max_texel_offset;
    int32_t min_texture_gather_offset, max_texture_gather_offset;
    uint32_t texture_buffer_offset_alignment;
    uint32_t uniform_buffer_offset_alignment;
    uint32_t shader_buffer_offset_alignment;
    uint32_t capability_bits;
    uint32_t sample_locations[8];
    uint32_t max_vertex_attrib_stride;
    uint32_t max_shader_buffer_frag_compute;
    uint32_t max_shader_buffer_other_stages;
    uint32_t max_shader_image_frag_compute;
    uint32_t max_shader_image_other_stages;
    uint32_t max_image_samples;
    uint32_t max_compute_work_group_invocations;
    uint32_t max_compute_shared_memory_size;
    uint32_t max_compute_grid_size[3];
    uint32_t max_compute_block_size[3];
    uint32_t max_texture_2d_size, max_texture_3d_size, max_texture_cube_size;
    uint32_t max_combined_shader_buffers;
    uint32_t max_atomic_counters[6];
    uint32_t max_atomic_counter_buffers[6];
    uint32_t max_combined_atomic_counters;
    uint32_t max_combined_atomic_counter_buffers;
    uint32_t host_feature_check_version;
    struct virgl_format_mask supported_readback_formats;
    struct virgl_format_mask scanout;
    uint32_t capability_bits_v2;
    uint32_t max_video_memory;
    char renderer[64];
    float max_anisotropy;
    uint32_t max_texture_samplers;
    struct virgl_format_mask supported_multisample_formats;
    uint32_t max_const_buffer_size[6];
    uint32_t num_video_caps;
    uint32_t video_caps[32][4];
    uint32_t max_uniform_block_size;
    uint32_t max_tcs_outputs;
    uint32_t max_tes_outputs;
    uint32_t max_shader_storage_blocks[6];
};

#endif
