/* TGSI vocabulary: register files, semantics, targets and properties, as X-macro lists with
 * the spellings tgsi_dump prints, shared by the parser, the translator and the backends. */
#ifndef TGSI_H
#define TGSI_H

#include <stdint.h>

#define TGSI_PROCESSORS(X) \
    X(VERTEX, "VERT") X(FRAGMENT, "FRAG") X(GEOMETRY, "GEOM") \
    X(TESS_CTRL, "TESS_CTRL") X(TESS_EVAL, "TESS_EVAL") X(COMPUTE, "COMP")

#define TGSI_FILES(X) \
    X(NULL, "NULL") X(CONSTANT, "CONST") X(INPUT, "IN") X(OUTPUT, "OUT") X(TEMPORARY, "TEMP") \
    X(SAMPLER, "SAMP") X(ADDRESS, "ADDR") X(IMMEDIATE, "IMM") X(SYSTEM_VALUE, "SV") \
    X(IMAGE, "IMAGE") X(SAMPLER_VIEW, "SVIEW") X(BUFFER, "BUFFER") X(MEMORY, "MEMORY") \
    X(CONSTBUF, "CONSTBUF") X(HW_ATOMIC, "HWATOMIC")

#define TGSI_SEMANTICS(X) \
    X(POSITION) X(COLOR) X(BCOLOR) X(FOG) X(PSIZE) X(GENERIC) X(NORMAL) X(FACE) X(EDGEFLAG) \
    X(PRIMID) X(INSTANCEID) X(VERTEXID) X(STENCIL) X(CLIPVERTEX) X(CLIPDIST) X(CULLDIST) \
    X(SAMPLEID) X(SAMPLEPOS) X(SAMPLEMASK) X(INVOCATIONID) X(VERTEXID_NOBASE) X(BASEVERTEX) \
    X(PATCH) X(TESSCOORD) X(TESSOUTER) X(TESSINNER) X(VERTICESIN) X(HELPER_INVOCATION) \
    X(BASEINSTANCE) X(DRAWID) X(WORK_DIM) X(SUBGROUP_SIZE) X(SUBGROUP_INVOCATION) \
    X(SUBGROUP_EQ_MASK) X(SUBGROUP_GE_MASK) X(SUBGROUP_GT_MASK) X(SUBGROUP_LE_MASK) \
    X(SUBGROUP_LT_MASK) X(CS_USER_DATA_AMD) X(VIEWPORT_INDEX) X(LAYER) X(TEXCOORD) \
    X(PCOORD) X(VIEWPORT_MASK) X(GRID_SIZE) X(BLOCK_ID) X(BLOCK_SIZE) X(THREAD_ID) \
    X(TESSCOORD_UNUSED_DUMMY)

/* Texture targets as printed after TEX-family instructions and in SVIEW/IMAGE declarations. */
#define TGSI_TEXTURES(X) \
    X(BUFFER, "BUFFER") X(1D, "1D") X(2D, "2D") X(3D, "3D") X(CUBE, "CUBE") X(RECT, "RECT") \
    X(SHADOW1D, "SHADOW1D") X(SHADOW2D, "SHADOW2D") X(SHADOWRECT, "SHADOWRECT") \
    X(1D_ARRAY, "1D_ARRAY") X(2D_ARRAY, "2D_ARRAY") X(SHADOW1D_ARRAY, "SHADOW1D_ARRAY") \
    X(SHADOW2D_ARRAY, "SHADOW2D_ARRAY") X(SHADOWCUBE, "SHADOWCUBE") X(2D_MSAA, "2D_MSAA") \
    X(2D_ARRAY_MSAA, "2D_ARRAY_MSAA") X(CUBE_ARRAY, "CUBEARRAY") \
    X(SHADOWCUBE_ARRAY, "SHADOWCUBEARRAY") X(UNKNOWN, "UNKNOWN")

#define TGSI_RETURN_TYPES(X) X(UNORM) X(SNORM) X(SINT) X(UINT) X(FLOAT) X(UNKNOWN)

#define TGSI_INTERPOLATES(X) X(CONSTANT) X(LINEAR) X(PERSPECTIVE) X(COLOR)
#define TGSI_INTERP_LOCATIONS(X) X(CENTER) X(CENTROID) X(SAMPLE)

#define TGSI_IMM_TYPES(X) X(FLT32) X(UINT32) X(INT32) X(FLT64) X(UINT64) X(INT64)

/* Properties; the value column says how tgsi_dump prints the value. */
#define TGSI_PROPERTIES(X) \
    X(GS_INPUT_PRIMITIVE, PRIM) X(GS_OUTPUT_PRIMITIVE, PRIM) X(GS_MAX_OUTPUT_VERTICES, UINT) \
    X(FS_COORD_ORIGIN, ORIGIN) X(FS_COORD_PIXEL_CENTER, CENTER) \
    X(FS_COLOR0_WRITES_ALL_CBUFS, UINT) X(FS_DEPTH_LAYOUT, DEPTH_LAYOUT) \
    X(VS_PROHIBIT_UCPS, UINT) X(GS_INVOCATIONS, UINT) X(VS_WINDOW_SPACE_POSITION, UINT) \
    X(TCS_VERTICES_OUT, UINT) X(TES_PRIM_MODE, PRIM) X(TES_SPACING, SPACING) \
    X(TES_VERTEX_ORDER_CW, UINT) X(TES_POINT_MODE, UINT) X(NUM_CLIPDIST_ENABLED, UINT) \
    X(NUM_CULLDIST_ENABLED, UINT) X(FS_EARLY_DEPTH_STENCIL, UINT) \
    X(FS_POST_DEPTH_COVERAGE, UINT) X(NEXT_SHADER, PROCESSOR) X(CS_FIXED_BLOCK_WIDTH, UINT) \
    X(CS_FIXED_BLOCK_HEIGHT, UINT) X(CS_FIXED_BLOCK_DEPTH, UINT) X(MUL_ZERO_WINS, UINT) \
    X(VS_BLIT_SGPRS_AMD, UINT) X(CS_USER_DATA_COMPONENTS_AMD, UINT) \
    X(LAYER_VIEWPORT_RELATIVE, UINT) X(FS_BLEND_EQUATION_ADVANCED, UINT) \
    X(SEPARABLE_PROGRAM, UINT) X(LEGACY_MATH_RULES, UINT)

/* Primitive names (pipe_prim_type order) used by GS/TES properties. */
#define TGSI_PRIMS(X) \
    X(POINTS) X(LINES) X(LINE_LOOP) X(LINE_STRIP) X(TRIANGLES) X(TRIANGLE_STRIP) \
    X(TRIANGLE_FAN) X(QUADS) X(QUAD_STRIP) X(POLYGON) X(LINES_ADJACENCY) \
    X(LINE_STRIP_ADJACENCY) X(TRIANGLES_ADJACENCY) X(TRIANGLE_STRIP_ADJACENCY) X(PATCHES)

#define X_ENUM(name, ...) TGSI_PROCESSOR_##name,
enum tgsi_processor { TGSI_PROCESSORS(X_ENUM) TGSI_PROCESSOR_COUNT };
#undef X_ENUM
#define X_ENUM(name, ...) TGSI_FILE_##name,
enum tgsi_file { TGSI_FILES(X_ENUM) TGSI_FILE_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_SEMANTIC_##name,
enum tgsi_semantic { TGSI_SEMANTICS(X_ENUM) TGSI_SEMANTIC_COUNT };
#undef X_ENUM
#define X_ENUM(name, ...) TGSI_TEXTURE_##name,
enum tgsi_texture { TGSI_TEXTURES(X_ENUM) TGSI_TEXTURE_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_RETURN_##name,
enum tgsi_return_type { TGSI_RETURN_TYPES(X_ENUM) TGSI_RETURN_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_INTERPOLATE_##name,
enum tgsi_interpolate { TGSI_INTERPOLATES(X_ENUM) TGSI_INTERPOLATE_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_INTERPOLATE_LOC_##name,
enum tgsi_interp_location { TGSI_INTERP_LOCATIONS(X_ENUM) TGSI_INTERPOLATE_LOC_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_IMM_##name,
enum tgsi_imm_type { TGSI_IMM_TYPES(X_ENUM) TGSI_IMM_COUNT };
#undef X_ENUM
#define X_ENUM(name, kind) TGSI_PROPERTY_##name,
enum tgsi_property { TGSI_PROPERTIES(X_ENUM) TGSI_PROPERTY_COUNT };
#undef X_ENUM
#define X_ENUM(name) TGSI_PRIM_##name,
enum tgsi_prim { TGSI_PRIMS(X_ENUM) TGSI_PRIM_COUNT };
#undef X_ENUM

/* FS_COORD_ORIGIN / FS_COORD_PIXEL_CENTER / FS_DEPTH_LAYOUT / TES_SPACING values. */
enum { TGSI_FS_COORD_ORIGIN_UPPER_LEFT, TGSI_FS_COORD_ORIGIN_LOWER_LEFT };
enum { TGSI_FS_COORD_PIXEL_CENTER_HALF_INTEGER, TGSI_FS_COORD_PIXEL_CENTER_INTEGER };
enum { TGSI_FS_DEPTH_LAYOUT_NONE, TGSI_FS_DEPTH_LAYOUT_ANY, TGSI_FS_DEPTH_LAYOUT_GREATER,
       TGSI_FS_DEPTH_LAYOUT_LESS, TGSI_FS_DEPTH_LAYOUT_UNCHANGED };
/* Spacing values are pipe_tess_spacing's: tgsi_dump prints TES_SPACING as this number. */
enum { TGSI_SPACING_FRACTIONAL_ODD, TGSI_SPACING_FRACTIONAL_EVEN, TGSI_SPACING_EQUAL };

/* Memory qualifiers on LOAD/STORE/ATOM* and MEMBAR flags (bit values as in Mesa). */
enum {
    TGSI_MEMORY_COHERENT = 1 << 0,
    TGSI_MEMORY_RESTRICT = 1 << 1,
    TGSI_MEMORY_VOLATILE = 1 << 2,
    TGSI_MEMORY_STREAM_CACHE_POLICY = 1 << 3,
};
enum {
    TGSI_MEMBAR_SHADER_BUFFER = 1 << 0,
    TGSI_MEMBAR_ATOMIC_BUFFER = 1 << 1,
    TGSI_MEMBAR_SHADER_IMAGE = 1 << 2,
    TGSI_MEMBAR_SHARED = 1 << 3,
    TGSI_MEMBAR_THREAD_GROUP = 1 << 4,
};

enum { TGSI_SWIZZLE_X, TGSI_SWIZZLE_Y, TGSI_SWIZZLE_Z, TGSI_SWIZZLE_W };
enum { TGSI_WRITEMASK_XYZW = 0xf };

/* Spelling tables (defined in frontend/tgsi_names.c), indexed by the enums above. */
extern const char *const tgsi_processor_names[TGSI_PROCESSOR_COUNT];
extern const char *const tgsi_file_names[TGSI_FILE_COUNT];
extern const char *const tgsi_semantic_names[TGSI_SEMANTIC_COUNT];
extern const char *const tgsi_texture_names[TGSI_TEXTURE_COUNT];
extern const char *const tgsi_return_type_names[TGSI_RETURN_COUNT];
extern const char *const tgsi_interpolate_names[TGSI_INTERPOLATE_COUNT];
extern const char *const tgsi_interp_location_names[TGSI_INTERPOLATE_LOC_COUNT];
extern const char *const tgsi_imm_type_names[TGSI_IMM_COUNT];
extern const char *const tgsi_property_names[TGSI_PROPERTY_COUNT];
extern const char *const tgsi_prim_names[TGSI_PRIM_COUNT];
/* Words for property values and qualifiers, indexed by the value / bit number. */
extern const char *const tgsi_fs_coord_origin_names[2];
extern const char *const tgsi_fs_coord_pixel_center_names[2];
extern const char *const tgsi_fs_depth_layout_names[5];
extern const char *const tgsi_tess_spacing_names[3];
extern const char *const tgsi_memory_qualifier_names[4]; /* bit n of TGSI_MEMORY_* */
extern const char *const tgsi_memory_type_names[4];      /* DCL MEMORY: GLOBAL, SHARED, ... */

/* Texture-target facts used by the translator and the backends. */
int tgsi_texture_is_shadow(enum tgsi_texture t);
int tgsi_texture_is_array(enum tgsi_texture t);
int tgsi_texture_is_msaa(enum tgsi_texture t);
int tgsi_texture_coord_dims(enum tgsi_texture t); /* spatial dimensions: 1, 2 or 3 (cube: 3) */

#endif
