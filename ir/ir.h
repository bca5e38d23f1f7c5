/* The SSA IR: typed vector values, structured control flow (blocks, if, loop, switch) with
 * phis at merge points, and variables for what cannot be SSA (arrays, I/O, resources).
 * Every phase includes this header; data structures first, functions after. */
#ifndef IR_H
#define IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tgsi2glsl.h"
#include "../util/arena.h"
#include "../util/diag.h"

/* ---------------------------------------------------------------- vocabulary */

/* Stages, semantics, interpolation, texture targets and return types are the library's
 * public values (enum t2g_stage, t2g_semantic, t2g_interp, t2g_interp_location, t2g_texture,
 * t2g_return_type); the rest below is the IR's own.  translate/ maps TGSI's onto them. */

/* Shader properties (the stage's layout and execution modes), with the values below. */
#define IR_PROPERTIES(X) \
    X(GS_INPUT_PRIMITIVE) X(GS_OUTPUT_PRIMITIVE) X(GS_MAX_OUTPUT_VERTICES) \
    X(FS_COORD_ORIGIN) X(FS_COORD_PIXEL_CENTER) X(FS_COLOR0_WRITES_ALL_CBUFS) \
    X(FS_DEPTH_LAYOUT) X(VS_PROHIBIT_UCPS) X(GS_INVOCATIONS) X(VS_WINDOW_SPACE_POSITION) \
    X(TCS_VERTICES_OUT) X(TES_PRIM_MODE) X(TES_SPACING) X(TES_VERTEX_ORDER_CW) \
    X(TES_POINT_MODE) X(NUM_CLIPDIST_ENABLED) X(NUM_CULLDIST_ENABLED) \
    X(FS_EARLY_DEPTH_STENCIL) X(FS_POST_DEPTH_COVERAGE) X(NEXT_SHADER) \
    X(CS_FIXED_BLOCK_WIDTH) X(CS_FIXED_BLOCK_HEIGHT) X(CS_FIXED_BLOCK_DEPTH) \
    X(MUL_ZERO_WINS) X(VS_BLIT_SGPRS_AMD) X(CS_USER_DATA_COMPONENTS_AMD) \
    X(LAYER_VIEWPORT_RELATIVE) X(FS_BLEND_EQUATION_ADVANCED) X(SEPARABLE_PROGRAM) \
    X(LEGACY_MATH_RULES)
#define X_ENUM(name) IR_PROP_##name,
enum ir_prop { IR_PROPERTIES(X_ENUM) IR_PROP_COUNT };
#undef X_ENUM

/* Primitives of GS_INPUT/OUTPUT_PRIMITIVE and TES_PRIM_MODE (pipe_prim_type's numbering,
 * which the reflection reports). */
enum ir_prim {
    IR_PRIM_POINTS, IR_PRIM_LINES, IR_PRIM_LINE_LOOP, IR_PRIM_LINE_STRIP, IR_PRIM_TRIANGLES,
    IR_PRIM_TRIANGLE_STRIP, IR_PRIM_TRIANGLE_FAN, IR_PRIM_QUADS, IR_PRIM_QUAD_STRIP,
    IR_PRIM_POLYGON, IR_PRIM_LINES_ADJACENCY, IR_PRIM_LINE_STRIP_ADJACENCY,
    IR_PRIM_TRIANGLES_ADJACENCY, IR_PRIM_TRIANGLE_STRIP_ADJACENCY, IR_PRIM_PATCHES,
    IR_PRIM_COUNT
};
/* FS_COORD_ORIGIN, FS_COORD_PIXEL_CENTER, FS_DEPTH_LAYOUT and TES_SPACING values (the
 * spacing is pipe_tess_spacing's, which the reflection reports). */
enum { IR_FS_COORD_ORIGIN_UPPER_LEFT, IR_FS_COORD_ORIGIN_LOWER_LEFT };
enum { IR_FS_COORD_PIXEL_CENTER_HALF_INTEGER, IR_FS_COORD_PIXEL_CENTER_INTEGER };
enum { IR_FS_DEPTH_LAYOUT_NONE, IR_FS_DEPTH_LAYOUT_ANY, IR_FS_DEPTH_LAYOUT_GREATER,
       IR_FS_DEPTH_LAYOUT_LESS, IR_FS_DEPTH_LAYOUT_UNCHANGED };
enum { IR_SPACING_FRACTIONAL_ODD, IR_SPACING_FRACTIONAL_EVEN, IR_SPACING_EQUAL };

/* Memory qualifiers of an access (ir_mem.qualifiers) and MEMORY_BARRIER flags. */
enum {
    IR_MEMORY_COHERENT = 1 << 0,
    IR_MEMORY_RESTRICT = 1 << 1,
    IR_MEMORY_VOLATILE = 1 << 2,
    IR_MEMORY_STREAM_CACHE_POLICY = 1 << 3,
};
enum {
    IR_MEMBAR_SHADER_BUFFER = 1 << 0,
    IR_MEMBAR_ATOMIC_BUFFER = 1 << 1,
    IR_MEMBAR_SHADER_IMAGE = 1 << 2,
    IR_MEMBAR_SHARED = 1 << 3,
    IR_MEMBAR_THREAD_GROUP = 1 << 4,
};

/* ---------------------------------------------------------------- types */

typedef enum ir_base {
    IR_VOID, IR_BOOL, IR_F32, IR_I32, IR_U32, IR_F64, IR_I64, IR_U64, IR_BASE_COUNT
} ir_base;

typedef struct ir_type {
    uint8_t base;  /* ir_base */
    uint8_t comps; /* 1..4; 0 for void */
} ir_type;

static inline ir_type ir_type_make(ir_base b, unsigned comps) { return (ir_type){ (uint8_t)b, (uint8_t)comps }; }
static inline bool ir_type_eq(ir_type a, ir_type b) { return a.base == b.base && a.comps == b.comps; }
static inline bool ir_base_is_64(ir_base b) { return b == IR_F64 || b == IR_I64 || b == IR_U64; }
static inline bool ir_base_is_float(ir_base b) { return b == IR_F32 || b == IR_F64; }
static inline bool ir_base_is_int(ir_base b) { return b == IR_I32 || b == IR_U32 || b == IR_I64 || b == IR_U64; }
static inline bool ir_base_is_signed(ir_base b) { return b == IR_I32 || b == IR_I64; }
#define IR_TYPE_VOID ((ir_type){ IR_VOID, 0 })

/* ---------------------------------------------------------------- ops */

/* Every fact about an op is one row of ir_ops.def, which says what each column means. */
enum ir_op {
#define OP(name, ...) IR_OP_##name,
#include "ir_ops.def"
#undef OP
    IR_OP_COUNT
};

enum { IR_PURE = 1, IR_DEF = 2, IR_ALU = 4, IR_CMP = 8, IR_JUMP = 16 };

/* RESULT: sets of base types. */
#define IR_BASE_BIT(b) (1u << (b))
enum {
    IR_BASES_0 = 0,
    IR_BASES_BOOL = IR_BASE_BIT(IR_BOOL),
    IR_BASES_F32 = IR_BASE_BIT(IR_F32),
    IR_BASES_U32 = IR_BASE_BIT(IR_U32),
    IR_BASES_FLT = IR_BASE_BIT(IR_F32) | IR_BASE_BIT(IR_F64),
    IR_BASES_INT32 = IR_BASE_BIT(IR_I32) | IR_BASE_BIT(IR_U32),
    IR_BASES_INT = IR_BASES_INT32 | IR_BASE_BIT(IR_I64) | IR_BASE_BIT(IR_U64),
    IR_BASES_SNUM = IR_BASES_FLT | IR_BASE_BIT(IR_I32) | IR_BASE_BIT(IR_I64),
    IR_BASES_NUM = IR_BASES_FLT | IR_BASES_INT,
    IR_BASES_LOGIC = IR_BASES_INT | IR_BASES_BOOL,
    IR_BASES_ANY = IR_BASES_NUM | IR_BASES_BOOL,
    IR_BASES_B64 = IR_BASE_BIT(IR_F64) | IR_BASE_BIT(IR_I64) | IR_BASE_BIT(IR_U64),
};
/* SOURCES: the base type of a source (four bits per source in ir_op_info.srcs). */
enum ir_src_rule {
    IR_SRC_T, IR_SRC_C, IR_SRC_B, IR_SRC_I, IR_SRC_U, IR_SRC_F, IR_SRC_N, IR_SRC_W,
    IR_SRC_S, IR_SRC_V, IR_SRC_O, IR_SRC_X, IR_SRC_P
};
/* COMPS: the components read from a source. */
enum ir_comps_rule {
    IR_COMPS_LANES, IR_COMPS_ONE, IR_COMPS_TWO, IR_COMPS_READ, IR_COMPS_PACK64,
    IR_COMPS_UNPACK64, IR_COMPS_STORE, IR_COMPS_INTERP, IR_COMPS_WHOLE
};
/* FOLD: how constant folding evaluates the op. */
enum ir_fold {
    IR_FOLD_NONE, IR_FOLD_ARITH, IR_FOLD_CMP, IR_FOLD_CONVERT, IR_FOLD_COUNT, IR_FOLD_LDEXP,
    IR_FOLD_SHAPE
};

typedef struct ir_op_info {
    const char *name;
    int8_t num_srcs;  /* -1: variable */
    uint8_t flags;    /* IR_PURE | IR_DEF | ... */
    uint8_t result;   /* IR_BASES_*: allowed result bases (comparisons: source bases); 0 any */
    uint8_t comps;    /* enum ir_comps_rule */
    uint8_t fold;     /* enum ir_fold */
    uint16_t srcs;    /* enum ir_src_rule of sources 0..3, four bits each; the last repeats */
} ir_op_info;

extern const ir_op_info ir_op_infos[IR_OP_COUNT];

/* The soft-fp64 functions IR_OP_CALL_FP64 names (u.flags): NAME, then the kinds of its
 * result and sources, one letter each: D a double (uvec2 words, uvec4 for two lanes), F
 * float, I int, U uint, B bool (one lane each).  The GLSL ES helpers that implement them
 * are the backend's (backend-glsl/glsl_soft_fp64.c). */
#define IR_FP64_FNS(X) \
    X(DADD, "DDD") X(DSUB, "DDD") X(DMUL, "DDD") X(DMAD, "DDDD") X(DFMA, "DDDD") \
    X(DDIV, "DDD") X(DRCP, "DD") X(DSQRT, "DD") X(DRSQ, "DD") X(DMIN, "DDD") X(DMAX, "DDD") \
    X(DABS, "DD") X(DNEG, "DD") X(DSIGN, "DD") X(DLT, "BDD") X(DGE, "BDD") X(DEQ, "BDD") \
    X(DNE, "BDD") X(F2D, "DF") X(D2F, "FD") X(I2D, "DI") X(U2D, "DU") X(D2I, "ID") \
    X(D2U, "UD") X(B2D, "DB") X(D2B, "BD") X(DFRACT, "DD") X(DFLOOR, "DD") X(DCEIL, "DD") \
    X(DTRUNC, "DD") X(DROUND, "DD") X(DLDEXP, "DDI")

enum ir_fp64_fn {
#define X(name, sig) IR_FP64_##name,
    IR_FP64_FNS(X)
#undef X
    IR_FP64_COUNT
};

typedef struct ir_fp64_fn_info {
    const char *name;      /* as printed: DADD */
    const char *sig;       /* result kind, then one kind per source */
} ir_fp64_fn_info;
extern const ir_fp64_fn_info ir_fp64_fns[IR_FP64_COUNT];

/* The SOURCES rule of source i of an op. */
static inline enum ir_src_rule ir_op_src_rule(unsigned op, unsigned i)
{
    return (enum ir_src_rule)(ir_op_infos[op].srcs >> (4 * (i < 3 ? i : 3)) & 15);
}

/* ---------------------------------------------------------------- variables */

typedef enum ir_var_kind {
    IR_VAR_TEMP_ARRAY,   /* TEMP/ADDR ranges that are indirectly addressed or declared ARRAY */
    IR_VAR_INPUT,        /* IN: element vec4 (or a builtin's type) */
    IR_VAR_OUTPUT,       /* OUT */
    IR_VAR_SYSTEM_VALUE, /* SV */
    IR_VAR_CONST_BUFFER, /* CONST[b]: a uniform block of vec4 slots */
    IR_VAR_IMMEDIATES,   /* IMM read with an indirect index: a constant array */
    IR_VAR_SAMPLER,      /* SVIEW+SAMP pair (or SAMP alone for legacy TEX) */
    IR_VAR_IMAGE,
    IR_VAR_BUFFER,       /* BUFFER: shader storage block of uints */
    IR_VAR_SHARED,       /* MEMORY declared shared: array of uints */
    IR_VAR_ATOMIC_BUFFER,/* HWATOMIC */
    IR_VAR_DRIVER,       /* the driver uniform block the key lowerings read (t2g_driver_uniforms) */
    IR_VAR_KIND_COUNT
} ir_var_kind;

/* GENERIC varyings from this index on (above any TGSI can name) are lower_noperspective's
 * own: the clip-space w, perspective-interpolated at location IR_GENERIC_CLIP_W +
 * enum t2g_interp_location; the backend names them t2g_clipw<location>. */
#define IR_GENERIC_CLIP_W 0x10000u

typedef struct ir_var {
    ir_var_kind kind;
    uint32_t id;            /* unique within the shader, in creation order */
    ir_type type;           /* element type (vec4 f32 for registers; u32 for memory) */
    uint32_t array_len;     /* elements; 0 = not an array */
    /* where it came from in TGSI */
    uint32_t tgsi_first, tgsi_last;
    uint32_t tgsi_dim;      /* buffer index of CONST[b], HWATOMIC[b] */
    uint16_t array_id;
    /* I/O */
    uint8_t semantic;       /* enum t2g_semantic */
    uint32_t semantic_index;
    uint8_t interp;         /* enum t2g_interp */
    uint8_t interp_location;/* enum t2g_interp_location */
    uint8_t usage_mask;
    bool invariant;
    bool patch;             /* per-patch tessellation I/O */
    bool per_vertex;        /* indexed by vertex first: GS/TCS/TES inputs, TCS outputs */
    uint32_t vertices;      /* per_vertex array size, 0 = unsized */
    uint8_t stream;         /* GS output stream */
    /* Transform feedback capture output: 1 + its index in key->so_outputs, 0 otherwise.
     * Declared as t2g_so<index> with exactly type.comps components. */
    uint8_t so_capture;
    /* resources */
    uint8_t texture;        /* enum t2g_texture of a sampler or image */
    uint8_t return_type;    /* enum t2g_return_type */
    bool shadow;            /* sampler used with a shadow target */
    bool compare_in_shader; /* shadow sampler whose comparisons lower_shadow_compare made */
    bool queries_levels;    /* sampler whose level count lower_query_levels replaced */
    bool queries_samples;   /* sampler whose sample count lower_query_levels replaced */
    bool lod_bias_in_shader; /* sampler whose lookups lower_lod_bias biased */
    bool queries_lod;       /* sampler whose LOD queries lower_query_lod computed */
    const char *image_format; /* PIPE_FORMAT_... */
    bool writable, raw;
    uint32_t size;          /* const buffer slots; shared memory bytes (0 = unsized) */
    const uint32_t *init;   /* IR_VAR_IMMEDIATES: array_len * 4 words */
    void *backend_data;     /* owned by the backend while it runs */
} ir_var;

/* ---------------------------------------------------------------- instructions */

typedef struct ir_instr ir_instr;
typedef struct ir_block ir_block;

/* A use of a value: the value's components selected by swizzle.  How many components are
 * read is the user's business (the instruction's type for ALU ops).  def == NULL: absent. */
typedef struct ir_src {
    ir_instr *def;
    uint8_t swizzle[4];
} ir_src;

/* Texture sampling and queries (IR_OP_TEX).  Sources are in srcs[] at the positions named
 * by the fields below (-1 = absent).  Coordinates follow GLSL's convention: the array layer
 * is the last coordinate component; for shadow lookups the reference value is separate. */
typedef enum ir_tex_kind {
    IR_TEX_SAMPLE,       /* texture / textureOffset / textureProj(*) */
    IR_TEX_SAMPLE_BIAS,
    IR_TEX_SAMPLE_LOD,
    IR_TEX_SAMPLE_GRAD,
    IR_TEX_FETCH,        /* texelFetch (int coords, lod or sample index) */
    IR_TEX_GATHER,
    IR_TEX_QUERY_LOD,    /* textureQueryLod */
    IR_TEX_QUERY_SIZE,   /* textureSize at src lod */
    IR_TEX_QUERY_LEVELS, /* textureQueryLevels */
    IR_TEX_QUERY_SAMPLES /* textureSamples */
} ir_tex_kind;

typedef struct ir_tex {
    ir_tex_kind kind;
    ir_var *sampler;
    uint8_t texture;        /* enum t2g_texture the instruction uses */
    bool projective;        /* divide coords by the last component first (TXP) */
    bool shadow;
    int8_t coord, ref, lod, bias, ddx, ddy, offset, sample, component, sampler_index;
    uint8_t coord_comps;    /* components of the coordinate source incl. array layer */
    int8_t const_offset[3]; /* constant texel offset when has_const_offset */
    bool has_const_offset;
} ir_tex;

typedef enum ir_atomic_op {
    IR_ATOMIC_ADD, IR_ATOMIC_XCHG, IR_ATOMIC_CAS, IR_ATOMIC_AND, IR_ATOMIC_OR, IR_ATOMIC_XOR,
    IR_ATOMIC_UMIN, IR_ATOMIC_UMAX, IR_ATOMIC_IMIN, IR_ATOMIC_IMAX, IR_ATOMIC_FADD,
    IR_ATOMIC_INC_WRAP, IR_ATOMIC_DEC_WRAP
} ir_atomic_op;

/* Images, buffers, shared memory and atomic counters.  Images: src0 = coordinate (int),
 * src1 = sample index (MSAA) or absent, then data sources.  Buffers/shared/atomic counters:
 * src0 = byte offset (uint), then data.  Loads/stores move `comps` consecutive uints. */
typedef struct ir_mem {
    ir_var *var;
    ir_atomic_op atomic;
    uint32_t qualifiers;   /* IR_MEMORY_* */
    uint8_t comps;
    uint8_t texture;       /* image target */
    uint8_t writemask;     /* stores */
    /* Images: 1 + the srcs[] position of the element index into an image array (var with
     * array_len), 0 when the op names the variable itself. */
    uint8_t element;
} ir_mem;

/* Variable access (LOAD_VAR / STORE_VAR / INTERP): element `index`, plus src index offset
 * when present; per-vertex variables take the vertex in `dim` plus src dim offset. */
typedef struct ir_var_access {
    ir_var *var;
    int32_t index;
    int32_t dim;
    uint8_t writemask;      /* STORE_VAR: components of the element written */
    uint8_t interp_mode;    /* INTERP: 0 centroid, 1 sample, 2 offset */
} ir_var_access;

struct ir_instr {
    uint16_t op;            /* enum ir_op */
    ir_type type;           /* result type; void when the op defines nothing */
    uint32_t index;         /* value number, unique in the shader (printer, backend names) */
    ir_block *block;
    ir_instr *prev, *next;
    uint16_t num_srcs;
    uint32_t pass_data;     /* the running pass's scratch (a slot number, a mark): any pass
                             * may write it, none may read what an earlier pass left */
    ir_src *srcs;
    ir_block **phi_preds;   /* PHI: predecessor block of each source */
    uint32_t num_uses;      /* current while the shader's uses_valid is set (ir_count_uses) */
    bool precise;
    uint8_t src_comps;      /* DOT, ANY, ALL: components read from each source (builders
                             * set it; ALU ops take theirs from `type`) */
    union {
        union {             /* CONST: 32-bit base types use u32, 64-bit ones u64; bool
                             * is 0 or 1 (folding writes 1, readers treat nonzero as true) */
            uint32_t u32[4];
            uint64_t u64[4];
        } value;
        ir_tex tex;
        ir_mem mem;
        ir_var_access access;
        uint32_t flags;     /* MEMORY_BARRIER flags, EMIT/END_PRIMITIVE stream */
    } u;
    void *backend_data;
};

/* ---------------------------------------------------------------- control flow */

typedef enum ir_cf_kind { IR_CF_BLOCK, IR_CF_IF, IR_CF_LOOP, IR_CF_SWITCH } ir_cf_kind;

typedef struct ir_cf_node ir_cf_node;

/* A list of control-flow nodes.  Invariant: it starts and ends with a block, and no two
 * blocks are adjacent: block (if|loop|switch block)*. */
typedef struct ir_cf_list {
    ir_cf_node *head, *tail;
    ir_cf_node *owner;      /* the if/loop/switch holding it; NULL for the shader body */
} ir_cf_list;

struct ir_cf_node {
    ir_cf_kind kind;
    ir_cf_node *prev, *next;
    ir_cf_list *list;       /* the list this node is in */
};

struct ir_block {
    ir_cf_node cf;
    uint32_t index;
    ir_instr *first, *last; /* phis first, then the rest; a jump can only be last */
};

typedef struct ir_if {
    ir_cf_node cf;
    ir_src cond;            /* scalar bool */
    ir_cf_list then_list, else_list;
} ir_if;

/* Header phis live at the start of the body's first block.  Their predecessors: the block
 * before the loop, every block of the body ending in CONTINUE of this loop, and the body's
 * last block unless it ends in a jump.  Exit phis live at the start of the block after the
 * loop, with one predecessor per block ending in BREAK of this loop. */
typedef struct ir_loop {
    ir_cf_node cf;
    ir_cf_list body;
} ir_loop;

typedef struct ir_switch_case {
    uint32_t *values;
    uint32_t num_values;
    bool is_default;
    ir_cf_list body;        /* falls through into the next case unless it ends in a jump */
} ir_switch_case;

/* BREAK inside a case leaves the switch.  Phis at the start of the block after the switch
 * take the blocks ending in BREAK of this switch and the last case's last block. */
typedef struct ir_switch {
    ir_cf_node cf;
    ir_src selector;        /* scalar u32 or i32 */
    ir_switch_case *cases;
    uint32_t num_cases;
} ir_switch;

/* ---------------------------------------------------------------- shader */

#define IR_SCRATCH_SLOTS 2

typedef struct ir_shader {
    arena *arena;
    enum t2g_stage stage;
    uint32_t props[IR_PROP_COUNT];
    uint64_t props_set;     /* bit per enum ir_prop */
    ir_var **vars;
    uint32_t num_vars, vars_cap;
    ir_cf_list body;
    uint32_t next_value_index, next_block_index;
    diag_list *diags;
    /* Every num_uses is current: ir_count_uses sets it; creating instructions, replacing
     * uses and every pass that makes progress (the drivers see to it) clear it, and the
     * validator checks the counts while it is set. */
    bool uses_valid;
    /* gl_FragCoord is declared `layout(origin_upper_left)`: lower_fragcoord left the y flip
     * to the host (the emitter writes the declaration). */
    bool fragcoord_upper_left;
    /* Per-value tables of pass runs (ir_scratch), reused by the next run. */
    void *scratch[IR_SCRATCH_SLOTS];
    size_t scratch_cap[IR_SCRATCH_SLOTS];
} ir_shader;

static inline bool ir_prop_is_set(const ir_shader *s, enum ir_prop p) { return (s->props_set >> p) & 1; }
/* The vertices of a geometry shader's input primitive (triangles where the shader says none). */
uint32_t ir_gs_input_vertices(const ir_shader *s);

/* ---------------------------------------------------------------- core (ir.c) */

ir_shader *ir_shader_create(arena *a, enum t2g_stage stage, diag_list *diags);
ir_var *ir_var_create(ir_shader *s, ir_var_kind kind, ir_type type, uint32_t array_len);
ir_block *ir_block_create(ir_shader *s);
ir_if *ir_if_create(ir_shader *s);
ir_loop *ir_loop_create(ir_shader *s);
ir_switch *ir_switch_create(ir_shader *s, uint32_t num_cases);
ir_instr *ir_instr_create(ir_shader *s, enum ir_op op, ir_type type, unsigned num_srcs);

/* CF list editing (keeps the block/non-block alternation when callers use the builder). */
void ir_cf_list_append(ir_cf_list *list, ir_cf_node *node);
void ir_cf_node_insert_after(ir_cf_node *pos, ir_cf_node *node);
void ir_cf_node_remove(ir_cf_node *node);
static inline ir_block *ir_cf_as_block(ir_cf_node *n) { return n && n->kind == IR_CF_BLOCK ? (ir_block *)n : NULL; }
static inline ir_if *ir_cf_as_if(ir_cf_node *n) { return n && n->kind == IR_CF_IF ? (ir_if *)n : NULL; }
static inline ir_loop *ir_cf_as_loop(ir_cf_node *n) { return n && n->kind == IR_CF_LOOP ? (ir_loop *)n : NULL; }
static inline ir_switch *ir_cf_as_switch(ir_cf_node *n) { return n && n->kind == IR_CF_SWITCH ? (ir_switch *)n : NULL; }
static inline ir_block *ir_cf_first_block(const ir_cf_list *l) { return (ir_block *)l->head; }
static inline ir_block *ir_cf_last_block(const ir_cf_list *l) { return (ir_block *)l->tail; }

void ir_instr_insert_before(ir_instr *pos, ir_instr *in);
void ir_instr_insert_after(ir_instr *pos, ir_instr *in);
void ir_instr_append(ir_block *b, ir_instr *in);
void ir_instr_remove(ir_instr *in);

/* The last instruction if it is a jump, else NULL. */
ir_instr *ir_block_jump(const ir_block *b);
/* The first instruction that is not a phi, or NULL. */
ir_instr *ir_block_first_non_phi(const ir_block *b);
/* Predecessors of a block, computed from the structure (see the comments above); returns the
 * count and fills at most `max` entries. */
unsigned ir_block_preds(const ir_block *b, ir_block **preds, unsigned max);

/* Phis in the structural successors of `from` that name it as predecessor name `to`
 * instead (for passes that move the end of a block elsewhere). */
void ir_block_retarget_succs(ir_block *from, ir_block *to);

/* Walks every block / instruction in program order (nested lists included). */
typedef void (*ir_block_fn)(ir_block *b, void *ctx);
void ir_foreach_block(ir_cf_list *list, ir_block_fn fn, void *ctx);
#define IR_FOREACH_INSTR(b, in) for (ir_instr *in = (b)->first; in; in = in->next)
#define IR_FOREACH_INSTR_SAFE(b, in, nx) \
    for (ir_instr *in = (b)->first, *nx = in ? in->next : NULL; in; in = nx, nx = in ? in->next : NULL)

/* Recounts num_uses of every instruction (sources, if conditions, switch selectors) and
 * sets uses_valid.  A pass that reads num_uses calls it first; one that then edits sources
 * keeps the counts right itself or stops reading them. */
void ir_count_uses(ir_shader *s);
/* The shader's sources changed in a way num_uses does not follow. */
static inline void ir_uses_changed(ir_shader *s) { s->uses_valid = false; }
/* Replaces every use of `old` by `with`, composing swizzles: a use old.yx becomes
 * with.(swizzle of y, swizzle of x).  It walks the whole shader: a pass replacing many
 * values collects them into one ir_replace_uses_map. */
void ir_replace_uses(ir_shader *s, ir_instr *old, ir_src with);
/* The same for many values in one walk (passes use this to stay linear): map is indexed by
 * value index (next_value_index entries); map[i].def != NULL replaces value i, and chains
 * (a replaced by b, b replaced by c) are followed. */
void ir_replace_uses_map(ir_shader *s, const ir_src *map);

/* Scratch memory for a pass run, `bytes` long (16-byte aligned): valid until the next call
 * with the same slot, so a pass holds up to IR_SCRATCH_SLOTS tables at once.  Later runs
 * reuse the memory instead of taking more from the arena each time.  NULL when out of
 * memory.  ir_scratch_zeroed clears it. */
void *ir_scratch(ir_shader *s, unsigned slot, size_t bytes);
void *ir_scratch_zeroed(ir_shader *s, unsigned slot, size_t bytes);

/* Source helpers: inline, since every pass and the translator call them per source. */

/* The value with the identity swizzle; past its last component the swizzle repeats it, so
 * a scalar broadcasts. */
static inline ir_src ir_src_for(ir_instr *def)
{
    unsigned n = def && def->type.comps ? def->type.comps : 1;
    ir_src s = { def, { 0, 1, 2, 3 } };
    for (unsigned c = n; c < 4; c++)
        s.swizzle[c] = (uint8_t)(n - 1);
    return s;
}

static inline ir_src ir_src_swizzle(ir_instr *def, unsigned x, unsigned y, unsigned z, unsigned w)
{
    return (ir_src){ def, { (uint8_t)x, (uint8_t)y, (uint8_t)z, (uint8_t)w } };
}

/* (def.outer).swz */
static inline ir_src ir_src_compose(ir_src outer_of, const uint8_t swz[4])
{
    ir_src r = { outer_of.def, { 0 } };
    for (unsigned c = 0; c < 4; c++)
        r.swizzle[c] = outer_of.swizzle[swz[c] & 3];
    return r;
}

static inline ir_src ir_src_none(void) { return (ir_src){ 0 }; }

static inline bool ir_src_is_const(ir_src s) { return s.def && s.def->op == IR_OP_CONST; }

/* Component `c` of a constant source as raw bits. */
static inline uint64_t ir_src_const_bits(ir_src s, unsigned c)
{
    unsigned k = s.swizzle[c & 3] & 3;
    if (ir_base_is_64((ir_base)s.def->type.base))
        return s.def->u.value.u64[k];
    return s.def->u.value.u32[k];
}

/* Number of components an instruction reads from source i (from its type and op).
 * PACK64 makes N (1..2) 64-bit components from 2N uints; UNPACK64 the reverse. */
unsigned ir_src_comps(const ir_instr *in, unsigned i);
/* The type source i is expected to have (base type; comps per ir_src_comps). */
ir_type ir_src_type(const ir_instr *in, unsigned i);

/* ---------------------------------------------------------------- builder (builder.c) */

/* Appends at the end of `block`, or before `before` when set. */
typedef struct ir_builder {
    ir_shader *shader;
    ir_block *block;
    ir_instr *before;
    /* The arithmetic built while set is precise (TGSI's _PRECISE): no optimization may
     * change its result, and the backend writes it with GLSL's `precise`. */
    bool precise;
} ir_builder;

void ir_builder_init(ir_builder *b, ir_shader *s); /* positions at the end of the body */
void ir_builder_at_end(ir_builder *b, ir_block *block);
void ir_builder_before(ir_builder *b, ir_instr *before);
ir_instr *ir_build(ir_builder *b, ir_instr *in); /* inserts a created instruction */

ir_instr *ir_build_const(ir_builder *b, ir_type type, const uint32_t *words); /* 1 or 2 words per comp */
ir_instr *ir_build_const_u32(ir_builder *b, uint32_t v);
ir_instr *ir_build_const_i32(ir_builder *b, int32_t v);
ir_instr *ir_build_const_f32(ir_builder *b, float v);
ir_instr *ir_build_undef(ir_builder *b, ir_type type);
ir_instr *ir_build_alu1(ir_builder *b, enum ir_op op, ir_type type, ir_src a);
ir_instr *ir_build_alu2(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c);
ir_instr *ir_build_alu3(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c, ir_src d);
ir_instr *ir_build_alu4(ir_builder *b, enum ir_op op, ir_type type, ir_src a, ir_src c, ir_src d, ir_src e);
/* VEC takes one scalar source per component: n == type.comps. */
ir_instr *ir_build_vec(ir_builder *b, ir_type type, const ir_src *srcs, unsigned n);
/* DOT of the first `comps` components of a and c; scalar result of `base`. */
ir_instr *ir_build_dot(ir_builder *b, ir_base base, ir_src a, ir_src c, unsigned comps);
/* ANY/ALL of the first `comps` components of a bool source. */
ir_instr *ir_build_reduce(ir_builder *b, enum ir_op op, ir_src a, unsigned comps);
ir_instr *ir_build_bitcast(ir_builder *b, ir_base to, ir_src a, unsigned comps);
ir_instr *ir_build_load_var(ir_builder *b, ir_var *v, int32_t index, ir_src indirect,
                            int32_t dim, ir_src dim_indirect);
ir_instr *ir_build_store_var(ir_builder *b, ir_var *v, int32_t index, ir_src indirect,
                             int32_t dim, ir_src dim_indirect, ir_src value, uint8_t writemask);
ir_instr *ir_build_jump(ir_builder *b, enum ir_op op);  /* BREAK/CONTINUE/RETURN */
/* Phi with room for n sources; fill with ir_phi_set_src. */
ir_instr *ir_build_phi(ir_builder *b, ir_type type, unsigned n);
void ir_phi_set_src(ir_instr *phi, unsigned i, ir_block *pred, ir_src value);

/* Control flow: each call appends the node after the current block, plus a fresh block
 * after it, and leaves the builder inside the node's first list; ir_builder_after_cf moves
 * to the block following the node. */
ir_if *ir_build_if(ir_builder *b, ir_src cond);       /* builder in the then-list */
void ir_builder_else(ir_builder *b, ir_if *nif);      /* builder in the else-list */
ir_loop *ir_build_loop(ir_builder *b);                /* builder in the body */
ir_switch *ir_build_switch(ir_builder *b, ir_src selector, uint32_t num_cases);
void ir_builder_case(ir_builder *b, ir_switch *sw, uint32_t i);
void ir_builder_after_cf(ir_builder *b, ir_cf_node *node);

/* ---------------------------------------------------------------- checks and text */

/* Checks every invariant (types of sources per op, SSA dominance, phi predecessors, list
 * shape, jump placement); errors go to the shader's diags.  Returns true when valid. */
bool ir_validate(ir_shader *s, const char *after_pass);
void ir_print(const ir_shader *s, strbuf *out);
const char *ir_type_name(ir_type t); /* "vec4", "uint", "bvec2", "dvec2", "i64vec3"... */
const char *ir_semantic_name(unsigned semantic); /* "GENERIC" (TGSI's spelling); "?" */

/* The texture target a shadow target samples without comparison (SHADOW2D: 2D); other
 * targets unchanged. */
uint8_t ir_texture_without_shadow(uint8_t texture);

#endif
