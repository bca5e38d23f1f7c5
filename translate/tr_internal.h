/* Shared state of the TGSI -> IR translator, split by topic over regs.c (channel maps and
 * operands), decls.c (variables), flow.c (control flow and phis), alu.c, texture.c and
 * memory.c (instruction families). */
#ifndef TR_INTERNAL_H
#define TR_INTERNAL_H

#include "translate.h"

/* Deepest IF/LOOP/SWITCH nesting accepted: later phases walk the structure recursively. */
#define TR_MAX_NESTING 256

/* One 32-bit TGSI register channel held in SSA: component `comp` of `def`; def NULL means
 * never written (reads give UNDEF). */
typedef struct tr_chan {
    ir_instr *def;
    uint8_t comp;
} tr_chan;

/* A control-flow edge into a merge point, with the channel map at its end.  Inside a
 * construct a map differs from the one on entry (tr_frame.saved) only in the channels
 * written since (the write log), so most edges copy only those: partial = 1 + the log length
 * when it was taken, and the map holds the channels logged before that; the other entries
 * are unset until tr_merge fills in the entry values it needs.  partial = 0: every entry is
 * set. */
typedef struct tr_edge {
    ir_block *from;
    tr_chan *map;
    uint32_t partial;
} tr_edge;

typedef struct tr_edges {
    tr_edge *v;
    unsigned n, cap;
} tr_edges;

enum tr_frame_kind { TR_FRAME_IF, TR_FRAME_LOOP, TR_FRAME_SWITCH };

typedef struct tr_loop_phi {
    uint32_t ch;            /* slot channel */
    ir_instr *phi;          /* NULL once found trivial */
} tr_loop_phi;

typedef struct tr_frame {
    enum tr_frame_kind kind;
    tr_chan *saved;         /* channel map on entry */
    ir_block *entry;        /* the block before the construct */
    /* IF */
    ir_if *nif;
    bool has_else, then_live;
    tr_edge then_edge;
    /* LOOP */
    ir_loop *loop;
    tr_loop_phi *phis;      /* header phis of the channels the body writes */
    uint32_t num_phis;
    uint32_t first_value;   /* value index when the loop began: its phis come after */
    tr_edges conts;
    /* LOOP and SWITCH */
    tr_edges breaks;
    /* SWITCH */
    ir_switch *sw;
    int case_index;
    bool has_default;
    /* where this construct's writes begin in tr.wlog */
    uint32_t wlog_start;
} tr_frame;

typedef struct tr_temp_range tr_temp_range;

typedef struct tr {
    arena *a;
    const ast_program *prog;
    diag_list *diags;
    ir_shader *s;
    ir_builder b;
    bool failed;
    uint32_t host_features; /* T2G_HOST_* */
    size_t memory_stop;     /* arena use at which translation stops (0: never) */
    const ast_insn *insn;   /* the instruction being translated (for locations) */
    size_t pc;              /* its index */

    /* SSA channels: TEMP registers held in SSA (ssa_temps, sorted), then ADDR registers;
     * 4 channels each. */
    uint32_t num_addrs, num_slots;
    uint32_t *ssa_temps;
    uint32_t num_ssa_temps;
    /* slot of TEMP[i] (-1: not SSA) for i < temp_slot_len, when the named registers are dense
     * enough for a table (NULL otherwise: tr_temp_slot searches ssa_temps) */
    int32_t *temp_slot;
    uint32_t temp_slot_len;
    tr_temp_range *temp_ranges; /* TEMP declarations sorted by first register (temps.c) */
    uint32_t num_temp_ranges;
    uint64_t *by_array;         /* array id << 32 | range index, sorted */
    /* 1 + the range holding TEMP[i] (0: none) for i < range_of_len, when the declared
     * registers are few enough for a table (NULL: search temp_ranges) */
    uint32_t *range_of;
    uint32_t range_of_len;
    tr_chan *map;
    uint8_t *loop_written, *loop_hint; /* scratch per channel for BGNLOOP (flow.c) */
    /* Liveness of the SSA channels, built at the first control-flow construct (flow.c), so
     * merges make phis only for channels something still reads: per channel, 1 + the index of
     * the last instruction reading it (0: none), and how many enclosing loops carry it in a
     * header phi (its value flows around their back edges). */
    uint32_t *last_read, *loop_carried;
    bool dead;              /* after BRK/CONT/RET until the enclosing construct continues */
    unsigned skip_depth;    /* constructs opened inside dead code */

    /* Register files held in variables, indexed by register index (NULL: none). */
    ir_var **in_vars, **out_vars, **sv_vars;
    uint32_t num_in, num_out, num_sv;
    ir_var **cbufs;         /* CONST buffers by dimension */
    uint32_t num_cbufs;
    ir_var **atomics;       /* HWATOMIC buffers by dimension */
    uint32_t num_atomics;
    ir_var **samplers;      /* SAMP index -> sampler (one per index unless indexed indirectly) */
    uint32_t num_samplers;
    ir_var *sampler_array;  /* all samplers as one array when SAMP is indexed indirectly */
    /* IMAGE is indexed indirectly: runs of alike declarations become one image array. */
    bool image_arrays;
    const ast_decl **sviews;
    uint32_t num_sviews;
    uint8_t *sview_use;     /* per SVIEW: 1 sampled plainly, 2 with comparison (sample.c) */
    ir_var **images, **buffers, **memories;
    uint32_t num_images, num_buffers, num_memories;
    ir_var *imm_array;      /* immediates read with an indirect index */
    const ast_imm **imms;   /* IMM index -> immediate */
    uint32_t num_imms;
    ir_var *invocation_id;  /* TCS: the vertex of per-vertex outputs written without one */

    ir_instr *undef[IR_BASE_COUNT];
    /* Constants made so far, each once, at the top of the entry block: open addressing on
     * type and value (regs.c tr_const_words). */
    ir_instr **consts;
    uint32_t consts_cap, num_consts;
    ir_instr *entry_top;    /* the last undef or constant placed there */
    /* SSA channels written inside open constructs, in order (repeats allowed): a merge only
     * compares the channels written since its construct began instead of every channel.
     * wlog_lost: the log could not grow, merges look at every channel. */
    uint32_t *wlog, wlog_len, wlog_cap;
    bool wlog_lost;
    uint32_t *merge_seen, merge_serial; /* per channel: the last merge that listed it */
    uint32_t *edge_seen, edge_serial;   /* per channel: the last partial edge holding it */

    tr_frame *frames;
    unsigned num_frames, frames_cap;
} tr;

/* ---- TGSI's values onto the IR's
 * The IR speaks the library's vocabulary (ir.h).  Where TGSI names the same things it
 * numbers them the same way (Gallium's order): these checks hold the two lists to that, so
 * mapping a value is a change of type, made at the point where it enters the IR. */
#define TR_SAME(tgsi, ir, name) \
    _Static_assert((int)TGSI_##tgsi##name == (int)ir##name, "TGSI " #tgsi #name " differs");
#define TR_SAME_STAGE(name, str) TR_SAME(PROCESSOR_, T2G_STAGE_, name)
#define TR_SAME_SEMANTIC(name) TR_SAME(SEMANTIC_, T2G_SEMANTIC_, name)
#define TR_SAME_TEXTURE(name, str) TR_SAME(TEXTURE_, T2G_TEXTURE_, name)
#define TR_SAME_RETURN(name) TR_SAME(RETURN_, T2G_RETURN_, name)
#define TR_SAME_INTERP(name) TR_SAME(INTERPOLATE_, T2G_INTERP_, name)
#define TR_SAME_LOC(name) TR_SAME(INTERPOLATE_LOC_, T2G_INTERP_LOC_, name)
#define TR_SAME_PROP(name, kind) TR_SAME(PROPERTY_, IR_PROP_, name)
#define TR_SAME_PRIM(name) TR_SAME(PRIM_, IR_PRIM_, name)
TGSI_PROCESSORS(TR_SAME_STAGE) TR_SAME(PROCESSOR_, T2G_STAGE_, COUNT)
TGSI_SEMANTICS(TR_SAME_SEMANTIC) TR_SAME(SEMANTIC_, T2G_SEMANTIC_, COUNT)
TGSI_TEXTURES(TR_SAME_TEXTURE) TR_SAME(TEXTURE_, T2G_TEXTURE_, COUNT)
TGSI_RETURN_TYPES(TR_SAME_RETURN) TR_SAME(RETURN_, T2G_RETURN_, COUNT)
TGSI_INTERPOLATES(TR_SAME_INTERP) TR_SAME(INTERPOLATE_, T2G_INTERP_, COUNT)
TGSI_INTERP_LOCATIONS(TR_SAME_LOC) TR_SAME(INTERPOLATE_LOC_, T2G_INTERP_LOC_, COUNT)
TGSI_PROPERTIES(TR_SAME_PROP) TR_SAME(PROPERTY_, IR_PROP_, COUNT)
TGSI_PRIMS(TR_SAME_PRIM) TR_SAME(PRIM_, IR_PRIM_, COUNT)
TR_SAME(MEMORY_, IR_MEMORY_, COHERENT) TR_SAME(MEMORY_, IR_MEMORY_, RESTRICT)
TR_SAME(MEMORY_, IR_MEMORY_, VOLATILE) TR_SAME(MEMORY_, IR_MEMORY_, STREAM_CACHE_POLICY)
TR_SAME(MEMBAR_, IR_MEMBAR_, SHADER_BUFFER) TR_SAME(MEMBAR_, IR_MEMBAR_, ATOMIC_BUFFER)
TR_SAME(MEMBAR_, IR_MEMBAR_, SHADER_IMAGE) TR_SAME(MEMBAR_, IR_MEMBAR_, SHARED)
TR_SAME(MEMBAR_, IR_MEMBAR_, THREAD_GROUP)
TR_SAME(FS_, IR_FS_, COORD_ORIGIN_LOWER_LEFT) TR_SAME(FS_, IR_FS_, COORD_PIXEL_CENTER_INTEGER)
TR_SAME(FS_, IR_FS_, DEPTH_LAYOUT_UNCHANGED) TR_SAME(SPACING_, IR_SPACING_, EQUAL)

static inline enum t2g_stage tr_stage(enum tgsi_processor p) { return (enum t2g_stage)p; }
static inline enum ir_prop tr_prop(enum tgsi_property p) { return (enum ir_prop)p; }
static inline uint8_t tr_semantic(enum tgsi_semantic s) { return (uint8_t)(enum t2g_semantic)s; }
static inline uint8_t tr_target(enum tgsi_texture t) { return (uint8_t)(enum t2g_texture)t; }
static inline uint8_t tr_interp(enum tgsi_interpolate i) { return (uint8_t)(enum t2g_interp)i; }
static inline uint8_t tr_interp_location(enum tgsi_interp_location l)
{
    return (uint8_t)(enum t2g_interp_location)l;
}
static inline uint8_t tr_return_type(enum tgsi_return_type r)
{
    return (uint8_t)(enum t2g_return_type)r;
}

/* ---- translate.c */
void tr_error(tr *t, ast_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void tr_out_of_memory(tr *t, ast_loc loc);
ir_base tr_base_of(enum tgsi_type ty);          /* I32 for I, F64 for D...; VOID for X/N */
static inline bool tr_type_is64(enum tgsi_type ty)
{
    return ty == TGSI_TYPE_D || ty == TGSI_TYPE_I64 || ty == TGSI_TYPE_U64;
}

/* ---- temps.c */
bool tr_declare_temps(tr *t);
bool tr_temp_declared(const tr *t, int32_t index);
ir_var *tr_temp_var(const tr *t, int32_t index);     /* the array holding TEMP[index] */
ir_var *tr_temp_operand_var(const tr *t, const ast_reg *r, int32_t *index);
int64_t tr_temp_slot(const tr *t, int32_t index);    /* SSA slot, -1 when not SSA */

/* ---- decls.c */
bool tr_declare(tr *t);
ir_var *tr_range_var(tr *t, const ast_decl *d, ir_var_kind kind, ir_type type);
/* The variable holding register `r` of a non-SSA file, with its element index. */
ir_var *tr_reg_var(tr *t, const ast_reg *r, ast_loc loc, int32_t *index);
enum tgsi_texture tr_texture_shape(enum tgsi_texture tex);
ir_var *tr_sampler(tr *t, const ast_reg *r, ast_loc loc, enum tgsi_texture target, ir_src *index);
ir_var *tr_system_value(tr *t, enum tgsi_semantic sem);
ir_base tr_return_base(unsigned return_type);
ir_base tr_format_base(const char *format);

/* ---- regs.c */
void tr_regs_init(tr *t);
bool tr_reg_is_ssa(const tr *t, const ast_reg *r);
uint32_t tr_reg_slot(const tr *t, const ast_reg *r);
ir_instr *tr_undef(tr *t, ir_base base);
/* The constant of `type` with these words (two per component for 64-bit types). */
ir_instr *tr_const_words(tr *t, ir_type type, const uint32_t *words);
ir_src tr_const(tr *t, ir_base base, unsigned n, uint32_t word);    /* splat */
ir_src tr_const_f32(tr *t, float f, unsigned n);
ir_src tr_bitcast(tr *t, ir_src v, unsigned n, ir_base to);          /* when needed */
ir_base tr_src_base(ir_src v, unsigned n);
/* v as a value of exactly n components (a MOV unless it already is): sources of texture and
 * memory instructions are read whole, so they must not carry extra components. */
ir_src tr_exact(tr *t, ir_src v, unsigned n);
/* 32-bit lanes: lane i reads the operand's swizzle[chans[i]].  want IR_VOID: native type. */
ir_src tr_read(tr *t, const ast_src *s, const uint8_t *chans, unsigned n, ir_base want);
ir_src tr_read_scalar(tr *t, const ast_src *s, unsigned chan, ir_base want);
/* 64-bit lanes: lane i reads the pair pairs[i] (0: .xy, 1: .zw) of the swizzled operand. */
ir_src tr_read64(tr *t, const ast_src *s, const uint8_t *pairs, unsigned n, ir_base want);
ir_src tr_index(tr *t, const ast_indirect *ind, ast_loc loc);   /* i32 scalar */
/* Writes lane i of v (n 32-bit components) to channel chans[i] of the destination. */
void tr_write(tr *t, const ast_dst *d, ir_src v, const uint8_t *chans, unsigned n);
/* Writes 64-bit lane i of v to the channel pair pairs[i], limited to the write mask. */
void tr_write64(tr *t, const ast_dst *d, ir_src v, const uint8_t *pairs, unsigned n);
/* Channels (or pairs) the destination writes; returns the count. */
unsigned tr_dst_chans(const ast_dst *d, uint8_t *chans);
unsigned tr_dst_pairs(const ast_dst *d, uint8_t *pairs);
/* Writes one scalar to every written channel. */
void tr_write_repl(tr *t, const ast_dst *d, ir_src scalar);
tr_chan *tr_map_copy(tr *t, const tr_chan *m);
/* An edge from `from` with map m, inside a construct whose writes begin at wlog_start:
 * partial where the log allows. */
tr_edge tr_edge_make(tr *t, ir_block *from, const tr_chan *m, uint32_t wlog_start);
/* Merges the maps of n edges into t->map, with phis where they differ; only channels written
 * since wlog_start can differ, the others hold `saved`, the construct's map on entry (which
 * also completes partial edges). */
void tr_merge(tr *t, tr_edge *edges, unsigned n, uint32_t wlog_start, const tr_chan *saved);
/* Sets t->map back to m (a full map that differs from it only in channels written since
 * wlog_start). */
void tr_map_restore(tr *t, const tr_chan *m, uint32_t wlog_start);
void tr_note_write(tr *t, uint32_t ch);
/* qsort comparison of uint32_t values (temps.c). */
int tr_cmp_u32(const void *a, const void *b);
/* A value of a channel as a scalar source of `base`, converting in block `at` if needed. */
ir_src tr_chan_value(tr *t, tr_chan c, ir_base base, ir_block *at);

/* ---- flow.c */
bool tr_check_structure(tr *t);
void tr_flow(tr *t, const ast_insn *in);

/* ---- alu.c */
void tr_alu(tr *t, const ast_insn *in);

/* ---- texture.c: the TEX family, and helpers the SVIEW family shares */
typedef struct tex_build {
    ir_src srcs[10];
    unsigned n;
} tex_build;

void tr_texture(tr *t, const ast_insn *in);
/* A texture operation on `sampler` with no sources yet (every source slot -1). */
ir_tex tr_tex_begin(ir_var *sampler, enum tgsi_texture target);
int8_t tr_tex_add_src(tr *t, tex_build *tb, ir_src s, unsigned comps);
unsigned tr_tex_coord_comps(enum tgsi_texture tex);
ir_src tr_tex_read_chans(tr *t, const ast_src *s, unsigned first, unsigned n, ir_base base);
void tr_tex_offset(tr *t, const ast_insn *in, enum tgsi_texture tex, tex_build *tb, ir_tex *tx);
void tr_tex_write(tr *t, const ast_insn *in, ir_instr *r, bool replicate);
void tr_tex_write_shadow(tr *t, const ast_insn *in, ir_instr *r);
ir_instr *tr_tex_emit(tr *t, ir_type type, const tex_build *tb, const ir_tex *tx);
void tr_tex_query(tr *t, const ast_insn *in, ir_var *sampler, ir_src sidx, enum tgsi_texture tex);

/* ---- sample.c: SAMPLE*, GATHER4, SVIEWINFO, LOD (sampler view + separate sampler state) */
bool tr_is_sample_op(enum tgsi_opcode op);
void tr_sample(tr *t, const ast_insn *in);

/* ---- subgroup.c: VOTE_*, BALLOT, READ_FIRST, READ_INVOC, FBFETCH; false: not one of them */
bool tr_subgroup(tr *t, const ast_insn *in);

/* ---- memory.c */
void tr_memory(tr *t, const ast_insn *in);
void tr_other(tr *t, const ast_insn *in);

#endif
