/* libtgsi2glsl: compiles Gallium TGSI text into GLSL or GLSL ES for a host GL driver.
 *
 * A compile is a pure function of (TGSI text, key): no global state, safe to call from any
 * number of threads at once.  Errors come back as values, never printed.
 *
 * Example (tests/lib compiles and runs these lines as they stand):
 *
 *   struct t2g_key key;
 *   t2g_key_init(&key, T2G_TARGET_GLSL450);
 *   struct t2g_result *r = t2g_compile(text, len, &key, 0, "shader.tgsi");
 *   if (!r)
 *       return -1;  // out of memory
 *   if (!r->ok)
 *       fputs(r->diagnostics, stderr);
 *   else
 *       use(r->source, &r->reflection);
 *   t2g_result_free(r);
 *
 * `text` is `len` bytes of TGSI; it need not be NUL-terminated (a NUL byte within it is an
 * error), and the library keeps no pointer to it or to the key: both may go as soon as
 * t2g_compile returns.  What the result points to (source, diagnostics, ir_dump, and the
 * reflection it holds) lives until t2g_result_free.
 */
#ifndef TGSI2GLSL_H
#define TGSI2GLSL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define T2G_VERSION_MAJOR 0
#define T2G_VERSION_MINOR 1

/* The library's version, "MAJOR.MINOR.PATCH" (the meson project version it was built as):
 * a caller can compare it with the header it was compiled against. */
const char *t2g_version(void);

enum t2g_target {
    T2G_TARGET_GLSL140, T2G_TARGET_GLSL150, T2G_TARGET_GLSL330,
    T2G_TARGET_GLSL400, T2G_TARGET_GLSL410, T2G_TARGET_GLSL420, T2G_TARGET_GLSL430,
    T2G_TARGET_GLSL440, T2G_TARGET_GLSL450, T2G_TARGET_GLSL460,
    T2G_TARGET_ESSL300, T2G_TARGET_ESSL310, T2G_TARGET_ESSL320,
    /* GLSL ES 1.00 (an ES 2.0 host): appended, so the values above keep their numbers.
     * attribute/varying, gl_FragData, texture2D() & co., constants as uniform arrays
     * (t2g_resource.uniform_array), no unsigned integers, bit operations or flat varyings. */
    T2G_TARGET_ESSL100,
    T2G_TARGET_COUNT
};

enum t2g_stage {
    T2G_STAGE_VERTEX, T2G_STAGE_FRAGMENT, T2G_STAGE_GEOMETRY,
    T2G_STAGE_TESS_CTRL, T2G_STAGE_TESS_EVAL, T2G_STAGE_COMPUTE, T2G_STAGE_COUNT
};

/* The values the key and the reflection carry for semantics, interpolation, texture targets
 * and texel return types: Gallium's numbering (p_shader_tokens.h), so a renderer passes a
 * guest's values through unchanged.  The lists give each value's name, which is also its
 * TGSI spelling (CUBE_ARRAY is printed CUBEARRAY in TGSI text). */
#define T2G_SEMANTICS(X) \
    X(POSITION) X(COLOR) X(BCOLOR) X(FOG) X(PSIZE) X(GENERIC) X(NORMAL) X(FACE) X(EDGEFLAG) \
    X(PRIMID) X(INSTANCEID) X(VERTEXID) X(STENCIL) X(CLIPVERTEX) X(CLIPDIST) X(CULLDIST) \
    X(SAMPLEID) X(SAMPLEPOS) X(SAMPLEMASK) X(INVOCATIONID) X(VERTEXID_NOBASE) X(BASEVERTEX) \
    X(PATCH) X(TESSCOORD) X(TESSOUTER) X(TESSINNER) X(VERTICESIN) X(HELPER_INVOCATION) \
    X(BASEINSTANCE) X(DRAWID) X(WORK_DIM) X(SUBGROUP_SIZE) X(SUBGROUP_INVOCATION) \
    X(SUBGROUP_EQ_MASK) X(SUBGROUP_GE_MASK) X(SUBGROUP_GT_MASK) X(SUBGROUP_LE_MASK) \
    X(SUBGROUP_LT_MASK) X(CS_USER_DATA_AMD) X(VIEWPORT_INDEX) X(LAYER) X(TEXCOORD) \
    X(PCOORD) X(VIEWPORT_MASK) X(GRID_SIZE) X(BLOCK_ID) X(BLOCK_SIZE) X(THREAD_ID) \
    X(TESSCOORD_UNUSED_DUMMY)
#define T2G_TEXTURES(X) \
    X(BUFFER) X(1D) X(2D) X(3D) X(CUBE) X(RECT) X(SHADOW1D) X(SHADOW2D) X(SHADOWRECT) \
    X(1D_ARRAY) X(2D_ARRAY) X(SHADOW1D_ARRAY) X(SHADOW2D_ARRAY) X(SHADOWCUBE) X(2D_MSAA) \
    X(2D_ARRAY_MSAA) X(CUBE_ARRAY) X(SHADOWCUBE_ARRAY) X(UNKNOWN)

#define T2G_X_ENUM(prefix, name) prefix##name,
#define T2G_X_SEMANTIC(name) T2G_X_ENUM(T2G_SEMANTIC_, name)
#define T2G_X_TEXTURE(name) T2G_X_ENUM(T2G_TEXTURE_, name)
enum t2g_semantic { T2G_SEMANTICS(T2G_X_SEMANTIC) T2G_SEMANTIC_COUNT };
enum t2g_texture { T2G_TEXTURES(T2G_X_TEXTURE) T2G_TEXTURE_COUNT };
#undef T2G_X_SEMANTIC
#undef T2G_X_TEXTURE
#undef T2G_X_ENUM
enum t2g_interp { T2G_INTERP_CONSTANT, T2G_INTERP_LINEAR, T2G_INTERP_PERSPECTIVE,
                  T2G_INTERP_COLOR, T2G_INTERP_COUNT };
enum t2g_interp_location { T2G_INTERP_LOC_CENTER, T2G_INTERP_LOC_CENTROID,
                           T2G_INTERP_LOC_SAMPLE, T2G_INTERP_LOC_COUNT };
enum t2g_return_type { T2G_RETURN_UNORM, T2G_RETURN_SNORM, T2G_RETURN_SINT, T2G_RETURN_UINT,
                       T2G_RETURN_FLOAT, T2G_RETURN_UNKNOWN, T2G_RETURN_COUNT };

/* "GENERIC" for T2G_SEMANTIC_GENERIC (the TGSI spelling); NULL past the last semantic. */
const char *t2g_semantic_name(unsigned semantic);

/* "glsl450" <-> T2G_TARGET_GLSL450; lookup returns -1 for an unknown name. */
const char *t2g_target_name(enum t2g_target t);
int t2g_target_lookup(const char *name);
bool t2g_target_is_es(enum t2g_target t);
unsigned t2g_target_version(enum t2g_target t); /* 140 .. 460, 100, 300 .. 320 */

/* Optional host features beyond what the target version guarantees. */
enum {
    T2G_HOST_FP64 = 1u << 0,            /* GL_ARB_gpu_shader_fp64 (core in 4.00) */
    T2G_HOST_INT64 = 1u << 1,           /* GL_ARB_gpu_shader_int64 */
    T2G_HOST_SHADER_CLOCK = 1u << 2,    /* GL_ARB_shader_clock */
    T2G_HOST_TEXTURE_CUBE_ARRAY = 1u << 3,
    T2G_HOST_SAMPLE_SHADING = 1u << 4,  /* GL_ARB_sample_shading (core in 4.00); ES: OES_sample_variables */
    T2G_HOST_GEOMETRY_SHADER = 1u << 5, /* ES 3.1: EXT_geometry_shader */
    T2G_HOST_TESSELLATION = 1u << 6,    /* GL_ARB_tessellation_shader (core in 4.00); ES 3.1: EXT_tessellation_shader */
    T2G_HOST_CLIP_CULL_DISTANCE = 1u << 7, /* ES: EXT_clip_cull_distance */
    T2G_HOST_TEXTURE_BUFFER = 1u << 8,  /* ES 3.1: EXT_texture_buffer */
    T2G_HOST_SHADER_IMAGE_ATOMIC = 1u << 9, /* ES: OES_shader_image_atomic */
    T2G_HOST_CONSERVATIVE_DEPTH = 1u << 10,
    T2G_HOST_DERIVATIVE_CONTROL = 1u << 11,
    T2G_HOST_FRAMEBUFFER_FETCH = 1u << 12,
    T2G_HOST_DEMOTE_TO_HELPER = 1u << 13, /* GL_EXT_demote_to_helper_invocation */
    T2G_HOST_SHADER_GROUP_VOTE = 1u << 14, /* GL_ARB_shader_group_vote */
    T2G_HOST_SHADER_BALLOT = 1u << 15,  /* GL_ARB_shader_ballot (with GL_ARB_gpu_shader_int64) */
    /* glTransformFeedbackVaryings takes gl_SkipComponentsN / gl_NextBuffer (GL 4.0,
     * ARB_transform_feedback3): assumed on desktop targets, probed on GLES hosts (some
     * accept them). */
    T2G_HOST_TRANSFORM_FEEDBACK3 = 1u << 16,
    T2G_HOST_VIEWPORT_ARRAY = 1u << 17, /* GL_ARB_viewport_array (core in 4.10); ES: OES_viewport_array (gl_ViewportIndex) */
    /* Without it, vertex inputs and fragment outputs are declared without layout(location)
     * and the renderer binds them by name (t2g_io.location_in_source). */
    T2G_HOST_EXPLICIT_ATTRIB_LOCATION = 1u << 18, /* GL_ARB_explicit_attrib_location (core in 3.30) */
    /* Without it, layout(binding) is left out and the renderer binds resources by name
     * (t2g_resource.binding_in_source). */
    T2G_HOST_SHADING_LANGUAGE_420PACK = 1u << 19, /* GL_ARB_shading_language_420pack (core in 4.20) */
    /* GLSL ES 1.00 hosts (ES 2.0): the extensions that bring back what ES 3.0 made core. */
    T2G_HOST_TEXTURE_3D = 1u << 20,         /* GL_OES_texture_3D: sampler3D, texture3D() */
    T2G_HOST_SHADOW_SAMPLERS = 1u << 21,    /* GL_EXT_shadow_samplers: sampler2DShadow */
    T2G_HOST_STANDARD_DERIVATIVES = 1u << 22, /* GL_OES_standard_derivatives: dFdx, dFdy, fwidth */
    T2G_HOST_FRAG_DEPTH = 1u << 23,         /* GL_EXT_frag_depth: gl_FragDepthEXT */
    T2G_HOST_DRAW_BUFFERS = 1u << 24,       /* GL_EXT_draw_buffers: gl_FragData[n > 0] */
    T2G_HOST_SHADER_TEXTURE_LOD = 1u << 25, /* GL_EXT_shader_texture_lod: explicit LOD/gradients in FS */
    /* Since 0.2.  GL_KHR_blend_equation_advanced (core in ES 3.2): layout(blend_support_*). */
    T2G_HOST_BLEND_EQUATION_ADVANCED = 1u << 26,
    /* Since 0.2.  GL_EXT_texture_shadow_lod: textureLod on shadow cube and array samplers,
     * a bias on shadow array samplers. */
    T2G_HOST_TEXTURE_SHADOW_LOD = 1u << 27,
    /* Since 0.2.  GL_NV_image_formats (GLSL ES 3.10+): desktop GL's image formats beyond
     * ES's (rg32f, r16f, r11f_g11f_b10f, rgb10_a2, rg8, r8i, ...); the 16-bit normalized
     * ones also need T2G_HOST_TEXTURE_NORM16. */
    T2G_HOST_IMAGE_FORMATS = 1u << 28,
    /* Since 0.2.  GL_EXT_texture_norm16 (GLSL ES): with T2G_HOST_IMAGE_FORMATS, images of
     * rgba16, rg16, r16 and their snorm forms. */
    T2G_HOST_TEXTURE_NORM16 = 1u << 29,
};

/* Comparison functions (GL's order, as pipe_compare_func): alpha test. */
enum t2g_compare { T2G_NEVER, T2G_LESS, T2G_EQUAL, T2G_LEQUAL, T2G_GREATER, T2G_NOTEQUAL,
                   T2G_GEQUAL, T2G_ALWAYS };
/* key.sampler_compare: 0 leaves comparisons to the host, 1 + enum t2g_compare compares in
 * the shader, and this value returns the depth uncompared. */
#define T2G_SAMPLER_COMPARE_OFF (T2G_ALWAYS + 2)

enum t2g_varying_type { T2G_VARYING_FLOAT, T2G_VARYING_INT, T2G_VARYING_UINT };

/* One varying of a neighbouring stage: semantic (enum t2g_semantic) and index,
 * interpolation (enum t2g_interp) and location qualifier (enum t2g_interp_location). */
struct t2g_varying {
    uint8_t semantic;
    uint8_t interp;
    uint8_t location;
    uint8_t pad;
    uint32_t semantic_index;
};

#define T2G_MAX_VARYINGS 64
#define T2G_MAX_RENDER_TARGETS 8
#define T2G_MAX_VERTEX_ATTRIBS 32
#define T2G_MAX_IMAGES 32
#define T2G_MAX_SAMPLERS 32

/* What a channel of a depth comparison's result holds (key.shadow_swizzle). */
enum t2g_shadow_channel { T2G_SHADOW_RESULT = 0, T2G_SHADOW_ZERO, T2G_SHADOW_ONE };
/* Where a channel of a lookup's result comes from (key.sampler_swizzle): Gallium's
 * PIPE_SWIZZLE_* numbering. */
enum t2g_swizzle { T2G_SWIZZLE_R = 0, T2G_SWIZZLE_G, T2G_SWIZZLE_B, T2G_SWIZZLE_A,
                   T2G_SWIZZLE_0, T2G_SWIZZLE_1 };
/* A sampler's mipmap filter (Gallium's PIPE_TEX_MIPFILTER_*). */
enum t2g_mip_filter { T2G_MIP_FILTER_NEAREST = 0, T2G_MIP_FILTER_LINEAR, T2G_MIP_FILTER_NONE };

/* The level-of-detail state of a sampler and the view bound with it (key.sampler_lod). */
struct t2g_sampler_lod {
    float bias;                  /* the sampler's LOD bias */
    float min_lod, max_lod;      /* the sampler's LOD range */
    uint8_t mip_filter;          /* enum t2g_mip_filter */
    uint8_t levels;              /* levels of the view from its base level; 0 = 1 */
};

/* GLSL image format qualifiers, for images whose TGSI declaration has no format (the guest
 * driver leaves it NONE when the shader only stores; GLSL ES needs one on every image). */
enum t2g_image_format {
    T2G_IMAGE_FORMAT_UNKNOWN = 0,
    T2G_IMAGE_FORMAT_RGBA32F, T2G_IMAGE_FORMAT_RGBA16F, T2G_IMAGE_FORMAT_RG32F,
    T2G_IMAGE_FORMAT_RG16F, T2G_IMAGE_FORMAT_R11F_G11F_B10F, T2G_IMAGE_FORMAT_R32F,
    T2G_IMAGE_FORMAT_R16F, T2G_IMAGE_FORMAT_RGBA16, T2G_IMAGE_FORMAT_RGB10_A2,
    T2G_IMAGE_FORMAT_RGBA8, T2G_IMAGE_FORMAT_RG16, T2G_IMAGE_FORMAT_RG8, T2G_IMAGE_FORMAT_R16,
    T2G_IMAGE_FORMAT_R8, T2G_IMAGE_FORMAT_RGBA16_SNORM, T2G_IMAGE_FORMAT_RGBA8_SNORM,
    T2G_IMAGE_FORMAT_RG16_SNORM, T2G_IMAGE_FORMAT_RG8_SNORM, T2G_IMAGE_FORMAT_R16_SNORM,
    T2G_IMAGE_FORMAT_R8_SNORM, T2G_IMAGE_FORMAT_RGBA32I, T2G_IMAGE_FORMAT_RGBA16I,
    T2G_IMAGE_FORMAT_RGBA8I, T2G_IMAGE_FORMAT_RG32I, T2G_IMAGE_FORMAT_RG16I,
    T2G_IMAGE_FORMAT_RG8I, T2G_IMAGE_FORMAT_R32I, T2G_IMAGE_FORMAT_R16I, T2G_IMAGE_FORMAT_R8I,
    T2G_IMAGE_FORMAT_RGBA32UI, T2G_IMAGE_FORMAT_RGBA16UI, T2G_IMAGE_FORMAT_RGB10_A2UI,
    T2G_IMAGE_FORMAT_RGBA8UI, T2G_IMAGE_FORMAT_RG32UI, T2G_IMAGE_FORMAT_RG16UI,
    T2G_IMAGE_FORMAT_RG8UI, T2G_IMAGE_FORMAT_R32UI, T2G_IMAGE_FORMAT_R16UI,
    T2G_IMAGE_FORMAT_R8UI,
    T2G_IMAGE_FORMAT_COUNT
};

/* One captured output of transform feedback (gallium's pipe_stream_output): components
 * [start_component, start_component + num_components) of output register OUT[register_index]
 * go to buffer output_buffer at dword dst_offset of each vertex's record. */
struct t2g_stream_output {
    uint8_t register_index;
    uint8_t start_component;     /* 0..3 */
    uint8_t num_components;      /* 1..4, start + num <= 4 */
    uint8_t output_buffer;       /* 0..3 */
    uint16_t dst_offset;         /* dwords */
    uint8_t stream;              /* geometry shader vertex stream 0..3 */
    uint8_t pad;
};

#define T2G_MAX_SO_OUTPUTS 64
#define T2G_MAX_SO_BUFFERS 4

/* The pipeline state that changes generated code.  The guest driver leaves these emulations
 * to the host; each is a lowering pass driven by the key.  Zero means "off" everywhere.
 *
 * The key can grow without breaking the soname: later versions add members only at its
 * end, and struct_size tells the library which of them the caller knows.  t2g_key_init (a
 * macro passing sizeof(*key)) sets it; the library gives members past it their
 * t2g_key_init value.  A key from a newer header than the library's is accepted when every
 * byte the library does not know is zero, and refused otherwise (like Linux's
 * copy_struct_from_user).  A key never passed through t2g_key_init (struct_size 0) is
 * refused.  The element structs (t2g_varying, t2g_stream_output, t2g_sampler_lod) keep their
 * size, and a member added to one may only take what was padding; the array bounds
 * (T2G_MAX_*) never change. */
struct t2g_key {
    uint32_t struct_size;                /* sizeof(struct t2g_key) as the caller knows it */
    enum t2g_target target;
    uint32_t host_features;              /* T2G_HOST_* */

    /* Linkage.  When has_prev_outputs, inputs the previous stage does not write read as
     * (0,0,0,1) for colours and 0 otherwise, so the program links. */
    bool has_prev_outputs;
    uint32_t num_prev_outputs;
    struct t2g_varying prev_outputs[T2G_MAX_VARYINGS];
    /* When has_next_inputs, outputs take the interpolation the next stage declares, and
     * outputs it does not read are still written (GL ignores them). */
    bool has_next_inputs;
    uint32_t num_next_inputs;
    struct t2g_varying next_inputs[T2G_MAX_VARYINGS];
    /* Vertex shader attribute types (vertex element formats): integer formats must be read
     * through ivec4/uvec4 inputs. */
    uint8_t vs_attrib_type[T2G_MAX_VERTEX_ATTRIBS];    /* enum t2g_varying_type */
    /* Fragment outputs bound to integer colour buffers. */
    uint8_t fs_output_type[T2G_MAX_RENDER_TARGETS];    /* enum t2g_varying_type */
    /* FS_COLOR0_WRITES_ALL_CBUFS replicates colour 0 to this many buffers. */
    uint8_t fs_num_cbufs;
    /* Colour buffers whose channels the host stores elsewhere than the guest's format says
     * (an alpha format kept in red): stored channel c of buffer i takes output component
     * fs_output_swizzle[i][c] - 1; 0 leaves channel c as written. */
    uint8_t fs_output_swizzle[T2G_MAX_RENDER_TARGETS][4];
    /* Depth comparisons through sampler n: channel c of the result is
     * shadow_swizzle[n][c] (enum t2g_shadow_channel).  Gallium applies the sampler view's
     * swizzle (how Mesa encodes GL_DEPTH_TEXTURE_MODE) to the comparison; a GLSL shadow
     * lookup returns the comparison alone.  All zero: the result in every channel. */
    uint8_t shadow_swizzle[T2G_MAX_SAMPLERS][4];
    /* Mip levels of the view bound at sampler n (0 = unknown), for targets without
     * textureQueryLevels() (GLSL ES): a nonzero count replaces the query.  The reflection
     * marks the samplers so replaced (t2g_resource.queries_levels). */
    uint8_t sampler_levels[T2G_MAX_SAMPLERS];

    /* Fragment emulations. */
    uint8_t alpha_func;                  /* enum t2g_compare; ALWAYS or 0 (NEVER off) -> see alpha_test */
    bool alpha_test;                     /* compare colour 0 alpha with driver.alpha_ref */
    bool polygon_stipple;                /* discard by driver.stipple[32] and gl_FragCoord */
    bool two_sided_color;                /* COLOR inputs pick BCOLOR on back faces */
    bool flatshade;                      /* COLOR inputs/outputs are flat */
    uint8_t sprite_coord_enable;         /* bit n: TEXCOORD[n] (or GENERIC[n]) := gl_PointCoord */
    bool sprite_coord_upper_left;        /* else lower-left origin: y := 1 - y */
    bool sprite_coord_generic;           /* sprite replacement applies to GENERIC, not TEXCOORD */
    bool point_coord_y_flip;             /* the shader's gl_PointCoord reads get y := 1 - y */
    /* The host framebuffer is y-inverted relative to the guest's: gl_FragCoord.y and the
     * winding of gl_FrontFacing are corrected with driver.fragcoord_y. */
    bool fragcoord_y_flip;
    /* Vertex-side emulations (last pre-rasterization stage). */
    uint8_t clip_plane_enable;           /* user clip planes from driver.clip_planes via CLIPVERTEX or position */
    bool clip_halfz_to_minus_one;        /* guest uses [0,1] depth, host needs [-1,1] */
    bool flip_y_in_vertex;               /* negate gl_Position.y (rendering to a flipped FBO) */
    bool point_size_from_driver;         /* write gl_PointSize = driver.point_size if unwritten */

    /* Bindings: the backend numbers each resource class from these bases (GL binding points
     * are shared between stages of one program).  Targets without layout(binding) get the
     * names in the reflection instead. */
    uint32_t ubo_binding_base, sampler_binding_base, image_binding_base;
    uint32_t ssbo_binding_base, atomic_binding_base;
    uint32_t driver_ubo_binding;         /* binding of the driver uniform block */

    /* Host limits (0 = the target's minimum). */
    uint32_t max_ubos, max_samplers, max_images, max_ssbos, max_clip_distances;

    /* Formats of the images bound at IMAGE[n] (enum t2g_image_format), used where the
     * declaration says none; 0 = unknown. */
    uint8_t image_format[T2G_MAX_IMAGES];
    /* Stage limits that shader properties are checked against (0 = GL's minimum maximum:
     * compute block 1024 x 1024 x 64 with 1024 invocations, 256 geometry output vertices,
     * 32 geometry invocations, 32 patch vertices). */
    uint32_t max_cs_block[3], max_cs_invocations;
    uint32_t max_gs_output_vertices, max_gs_invocations, max_patch_vertices;
    /* The host's GL_MIN/MAX_PROGRAM_TEXEL_OFFSET: a constant texel offset outside them does
     * not compile, so such a lookup is refused.  Both 0: GL's minimum range, -8..7. */
    int32_t min_texel_offset, max_texel_offset;

    /* Transform feedback, for the last vertex-processing stage (VS, TES or GS): each
     * captured output gets its own output variable holding exactly the captured components,
     * and the reflection lists the names to link with (so_varyings). */
    uint32_t num_so_outputs;
    uint32_t so_stride[T2G_MAX_SO_BUFFERS];              /* dwords per vertex record */
    struct t2g_stream_output so_outputs[T2G_MAX_SO_OUTPUTS];

    /* Since 0.2.  For targets whose samplers have no LOD bias (GLES has no
     * GL_TEXTURE_LOD_BIAS) and which have no textureQueryLod() (GLSL ES): with
     * sampler_lod_in_shader, lookups through sampler n add sampler_lod[n].bias to their level
     * of detail, and textureQueryLod() is computed from derivatives and sampler_lod[n].  The
     * reflection marks the samplers (t2g_resource.lod_bias_in_shader, queries_lod), whose
     * state the renderer then keys. */
    bool sampler_lod_in_shader;
    struct t2g_sampler_lod sampler_lod[T2G_MAX_SAMPLERS];

    /* Since 0.2.  For hosts whose textures have neither views nor swizzles nor sRGB formats
     * (ES 2.0), what the sampler view bound at sampler n would have done to a lookup's
     * result: with bit n of sampler_srgb_decode the red, green and blue the lookup returns
     * are decoded from sRGB (after filtering, as EXT_texture_sRGB allows: exact for nearest
     * filtering); then with bit n of sampler_swizzle_mask channel c of the result is
     * sampler_swizzle[n][c] (enum t2g_swizzle) of it.  Depth comparisons take
     * shadow_swizzle instead. */
    uint32_t sampler_srgb_decode;
    uint32_t sampler_swizzle_mask;
    uint8_t sampler_swizzle[T2G_MAX_SAMPLERS][4];
    /* Since 0.2.  With sampler_lod_in_shader, the shader reads each sampler's bias, LOD range
     * and highest level from the driver uniforms (struct t2g_driver_sampler_lod) instead of
     * sampler_lod[n], so one variant serves every value of them; only
     * sampler_lod[n].mip_filter is still read (NEAREST rounds textureQueryLod()'s level). */
    bool sampler_lod_from_driver;
    /* Since 0.2.  The colour logic op for hosts without one (GLES), through framebuffer fetch
     * (T2G_HOST_FRAMEBUFFER_FETCH): Gallium's PIPE_LOGICOP_* plus one, 0 off.  It applies to
     * the colour outputs of buffer i when logic_op_bits[i] (1..16) gives the bits of each of
     * its normalized channels; 0 leaves buffer i alone (float buffers, as GL does). */
    uint8_t logic_op;
    uint8_t logic_op_bits[T2G_MAX_RENDER_TARGETS];
    /* Since 0.2.  GL_CLAMP for hosts without it (core profiles, GLES): with linear filtering
     * GL_CLAMP blends the border colour in at the edge, which is GL_CLAMP_TO_BORDER on a
     * coordinate clamped to [0, 1].  Bit n of sampler_gl_clamp[i] clamps coordinate i (s, t,
     * r; never an array layer) of the lookups through sampler n to [0, 1], or to [0, size]
     * on rectangle textures; the renderer samples with GL_CLAMP_TO_BORDER on that axis. */
    uint32_t sampler_gl_clamp[3];
    /* Since 0.2.  Depth comparisons for hosts that cannot make them (GLSL ES 1.00 without
     * GL_EXT_shadow_samplers).  A nonzero sampler_compare[n] has the lookups through sampler
     * n read the depth as a plain texel and compare it in the shader: 1 + enum t2g_compare is
     * the sampler's compare function, T2G_SAMPLER_COMPARE_OFF returns the depth itself (the
     * guest's compare mode NONE).  The reference is clamped to [0, 1] first, as GL does for
     * the fixed-point depth formats such hosts have.  The reflection marks those samplers
     * (T2G_RES_COMPARE_IN_SHADER); the renderer samples them without comparison. */
    uint8_t sampler_compare[T2G_MAX_SAMPLERS];
    /* Since 0.2.  Polygon offset for polygons the host cannot offset (drawn as points on
     * GLES, which offsets filled polygons only): the last vertex stage adds
     * driver.depth_offset * w to the clip-space z of every vertex. */
    bool depth_offset_from_driver;
    /* Since 0.2.  Samples of the multisample view bound at sampler n (0 = unknown), for
     * targets without textureSamples() (GLSL ES): a nonzero count replaces the query, and
     * the reflection marks the samplers so replaced (T2G_RES_QUERIES_SAMPLES). */
    uint8_t sampler_samples[T2G_MAX_SAMPLERS];
};

/* Fills `size` bytes of *key with the defaults for `target` (what the target version
 * guarantees, every emulation off) and records `size` in struct_size.  Call it through the
 * macro, which passes the size of the struct the caller was compiled with. */
void t2g_key_init_sized(struct t2g_key *key, enum t2g_target target, size_t size);
#define t2g_key_init(key, target) t2g_key_init_sized((key), (target), sizeof(*(key)))
/* Every T2G_HOST_* feature some extension can bring to a target (what a capable host of that
 * API offers); tools without a real host use it to compile as much as the target allows. */
uint32_t t2g_target_extension_features(enum t2g_target target);

/* The driver uniform block (std140, named reflection.driver_ubo_name: "t2g_driver" after the
 * stage prefix) that key-driven lowerings read.  The renderer fills it when
 * reflection.uses_driver_ubo is set. */
struct t2g_driver_uniforms {
    float clip_planes[8][4];
    uint32_t stipple[32];        /* rows of the 32x32 polygon stipple pattern, bit 31 leftmost */
    float alpha_ref;
    float point_size;
    float fragcoord_y[2];        /* y' = fragcoord_y[0] * y + fragcoord_y[1] */
    float viewport_size[2];
    float depth_offset;          /* clip-space z per unit of w, with key.depth_offset_from_driver */
    float pad;
};

/* Since 0.2.  With key.sampler_lod_from_driver the driver uniforms go on after struct
 * t2g_driver_uniforms with one of these per sampler slot n and stage st (enum t2g_stage), at
 * vec4 sizeof(struct t2g_driver_uniforms) / 16 + n * T2G_STAGE_COUNT + st.  A shader declares
 * the driver uniforms only as far as the last vec4 it reads (reflection.driver_uniform_slots). */
struct t2g_driver_sampler_lod {
    float bias;                  /* the sampler's LOD bias */
    float min_lod, max_lod;      /* the sampler's LOD range */
    float max_level;             /* the view's levels - 1 from its base; 0 without mipmapping */
};

/* ---------------------------------------------------------------- reflection */

#define T2G_NAME_MAX 32

struct t2g_io {
    char name[T2G_NAME_MAX];     /* GLSL identifier, or a gl_ builtin */
    uint8_t semantic;            /* enum t2g_semantic */
    uint32_t semantic_index;
    uint8_t usage_mask;
    uint8_t interp;              /* emitted interpolation (enum t2g_interp) */
    uint8_t interp_location;     /* emitted location qualifier (enum t2g_interp_location) */
    bool patch;
    bool builtin;
    /* location: of a vertex input or fragment output; -1 for the others (matched by name).
     * Without location_in_source the shader does not say it (no layout(location) on the
     * target): the renderer binds it by name (glBindAttribLocation, glBindFragDataLocation). */
    bool location_in_source;
    int32_t location;
    uint8_t type;                /* enum t2g_varying_type */
};

enum t2g_resource_kind { T2G_RES_UBO, T2G_RES_SAMPLER, T2G_RES_IMAGE, T2G_RES_SSBO,
                         T2G_RES_ATOMIC };

struct t2g_resource {
    enum t2g_resource_kind kind;
    char name[T2G_NAME_MAX];     /* block name (UBO/SSBO) or uniform name; every resource name
                                  * starts with the stage's prefix (vs_, fs_, gs_, tcs_, tes_,
                                  * cs_) so the stages of one program never share a name */
    uint32_t tgsi_index;         /* CONST[b], SVIEW/SAMP[n], IMAGE[n], BUFFER[n], HWATOMIC[b] */
    uint32_t binding;            /* binding point / texture unit / image unit */
    bool binding_in_source;      /* layout(binding=) was emitted; else set it by name */
    uint32_t size;               /* UBO: vec4 slots declared; SSBO/atomic: 0 = unsized */
    uint8_t texture;             /* samplers/images: enum t2g_texture, as TGSI declares it */
    uint8_t return_type;         /* enum t2g_return_type */
    bool shadow;
    bool writable;
    bool queries_levels;         /* sampler: its level count came from key.sampler_levels */
    /* The texture target the host must create and bind: differs from `texture` where the
     * target has no such textures and the shader emulates them (GLSL ES: 1D as 2D with one
     * row, 1D arrays as 2D arrays, RECT as 2D with unnormalized coordinates). */
    uint8_t host_texture;
    /* Since 0.2, in what was padding (an older library leaves it 0): T2G_RES_* below. */
    uint8_t flags;
};

enum {
    /* sampler: lookups add key.sampler_lod[n].bias */
    T2G_RES_LOD_BIAS_IN_SHADER = 1u << 0,
    /* sampler: textureQueryLod() reads all of key.sampler_lod[n] */
    T2G_RES_QUERIES_LOD = 1u << 1,
    /* UBO on a target without uniform blocks (GLSL ES 1.00): `name` is a plain
     * `uniform vec4 name[size]`, uploaded with glUniform4fv at its location. */
    T2G_RES_UNIFORM_ARRAY = 1u << 2,
    /* shadow sampler: the shader compares (key.sampler_compare); sample without comparison */
    T2G_RES_COMPARE_IN_SHADER = 1u << 3,
    /* sampler: its textureSamples() came from key.sampler_samples[n] */
    T2G_RES_QUERIES_SAMPLES = 1u << 4,
};

#define T2G_MAX_IO 80
#define T2G_MAX_SO_VARYINGS 128
#define T2G_MAX_RESOURCES 128

struct t2g_reflection {
    enum t2g_stage stage;
    uint32_t num_inputs, num_outputs;
    struct t2g_io inputs[T2G_MAX_IO];
    struct t2g_io outputs[T2G_MAX_IO];
    uint32_t num_resources;
    struct t2g_resource resources[T2G_MAX_RESOURCES];
    bool uses_driver_ubo;
    char driver_ubo_name[T2G_NAME_MAX];
    uint32_t num_clip_distances, num_cull_distances;
    bool writes_depth, writes_stencil, writes_sample_mask, uses_discard;
    uint32_t shared_memory_bytes;
    uint32_t cs_block[3];
    uint32_t gs_max_vertices, gs_invocations, gs_input_prim, gs_output_prim;
    uint32_t tcs_vertices_out;
    uint32_t tes_prim_mode, tes_spacing;
    bool tes_cw, tes_point_mode;
    uint32_t fs_color0_writes_all_cbufs;

    /* Transform feedback (key.num_so_outputs): pass so_varyings in this order to
     * glTransformFeedbackVaryings with GL_SEPARATE_ATTRIBS when so_separate, else
     * GL_INTERLEAVED_ATTRIBS.  Gaps and buffer changes are gl_SkipComponentsN /
     * gl_NextBuffer on desktop targets and where the key has T2G_HOST_TRANSFORM_FEEDBACK3;
     * otherwise (GLSL ES) a layout that needs them leaves num_so_varyings 0 with
     * so_unsupported set. */
    uint32_t num_so_varyings;
    bool so_separate, so_unsupported;
    char so_varyings[T2G_MAX_SO_VARYINGS][T2G_NAME_MAX];

    /* Since 0.2.  The driver uniforms are `uniform vec4 driver_ubo_name[N]` (GLSL ES 1.00,
     * no blocks): struct t2g_driver_uniforms' vec4s go up with glUniform4fv, the uint
     * stipple rows as their float values' bits (no lowering that reads them runs on such a
     * target). */
    bool driver_uniform_array;
    /* Since 0.2.  The vec4s of the driver uniforms the shader declares (with uses_driver_ubo):
     * sizeof(struct t2g_driver_uniforms) / 16, or more where it reads the
     * t2g_driver_sampler_lod entries that follow them. */
    uint32_t driver_uniform_slots;
    /* Since 0.2.  Fragment shaders: the advanced blend equations the shader declares
     * (TGSI's FS_BLEND_EQUATION_ADVANCED), bit n for mode n, Mesa's enum
     * gl_advanced_blend_mode (1 multiply, 2 screen ... 15 hsl_luminosity).
     * The renderer may set an advanced glBlendEquation (GL_MULTIPLY_KHR & co.) only for a declared mode. */
    uint32_t fs_blend_support;
    /* Since 0.2.  A vertex stage writes EDGEFLAG, an output that has no GLSL builtin (not
     * in outputs unless the key's next_inputs read it, as the varying ef0): a renderer
     * applies the edge flags itself, e.g. with a geometry shader that reads it. */
    bool writes_edge_flag;
};

/* The library allocates results, so t2g_result and its reflection grow without breaking the
 * soname: later versions add members only at the end of t2g_reflection (the result's last
 * member); a member added to t2g_io or t2g_resource only takes what was padding, and no
 * T2G_MAX_* bound is ever raised.
 * struct_size is the size of the result the library wrote; T2G_RESULT_HAS(r, member) tells a
 * caller built against a newer header whether an older library filled that member. */
struct t2g_result {
    uint32_t struct_size;
    bool ok;
    const char *source;          /* NUL-terminated GLSL, NULL when !ok */
    size_t source_len;
    const char *diagnostics;     /* "file:line:col: error: ..." lines; "" when none */
    const char *ir_dump;         /* only with T2G_COMPILE_DUMP_IR */
    struct t2g_reflection reflection;
};

#define T2G_RESULT_HAS(r, member) \
    (offsetof(struct t2g_result, member) + sizeof((r)->member) <= (r)->struct_size)

enum {
    T2G_COMPILE_DUMP_IR = 1u << 0,   /* fill result->ir_dump with the optimized IR */
    T2G_COMPILE_NO_OPT = 1u << 1,    /* skip optimization passes (lowerings still run) */
    T2G_COMPILE_VALIDATE_IR = 1u << 2, /* run the IR validator after every pass */
};

/* Compiles `len` bytes of TGSI at `tgsi` (not necessarily NUL-terminated; NULL with len 0 is
 * an empty input); never returns NULL except when out of memory.  `filename` only labels
 * diagnostics (may be NULL); like `tgsi` and `key`, it is not used after the call returns.
 * The result's strings and reflection stay valid until t2g_result_free. */
struct t2g_result *t2g_compile(const char *tgsi, size_t len, const struct t2g_key *key,
                               uint32_t flags, const char *filename);
void t2g_result_free(struct t2g_result *r);

/* Which stage a TGSI text declares (its header line), or -1. */
int t2g_detect_stage(const char *tgsi, size_t len);

#ifdef __cplusplus
}
#endif

#endif
