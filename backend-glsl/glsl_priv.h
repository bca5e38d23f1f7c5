/* Internals shared by the emitter's files: the per-compile context, the per-value plan
 * (inline / named / phi), per-variable naming, and the helpers each file exports. */
#ifndef GLSL_PRIV_H
#define GLSL_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "glsl_backend.h"
#include "glsl_dialect.h"

/* How a value reaches its users. */
enum gv_mode {
    GV_DEAD,    /* pure and unused: never printed */
    GV_INLINE,  /* printed inside its single user */
    GV_ATOM,    /* cheap and side-effect free: printed at every use (constants, uniforms) */
    GV_NAMED,   /* `type tN = expr;` at its definition */
    GV_PHI,     /* a variable pN assigned at the end of each predecessor */
};

#define GV_END UINT32_MAX  /* use position: after the block's instructions (phi copy, if) */

typedef struct gval {
    uint8_t mode;
    bool hoisted;          /* declared before an enclosing construct; the def only assigns */
    bool declared;         /* phis: declaration already written */
    bool multi_print;      /* a user prints this source more than once */
    uint32_t uses;
    uint32_t pos;          /* position in its block */
    uint32_t emit_pos;     /* where an inlined value is really evaluated (its user's statement) */
    uint32_t next_decl;    /* chain of declarations written at a block's end (index + 1) */
    ir_instr *user;        /* the single user; NULL for a phi copy / if / switch use */
    ir_block *use_block;   /* block of the single use */
    ir_cf_list *scope;     /* named values and phis: the list that must hold the declaration */
} gval;

typedef struct gcopy {
    ir_instr *phi;
    ir_src src;
    struct gcopy *next;
} gcopy;

enum { BF_PLAIN, BF_ARRAY, BF_INDEX0, BF_FACE, BF_CLIP, BF_NOBASE, BF_PRIVATE, BF_ZERO };
enum { B_IN = 1, B_OUT = 2, B_ANY = 3 };
#define NOFEAT 0xff

typedef struct glsl_builtin {
    uint8_t semantic, dir, stages;
    const char *name;
    const char *ext_name;  /* spelling under the extension (draw parameters) */
    uint8_t base, comps, first, form, feature;
} glsl_builtin;

/* Per-variable facts, hung on ir_var.backend_data while the backend runs. */
typedef struct gvar {
    const struct glsl_builtin *builtin;
    bool local;            /* indirectly addressed I/O array: a local copy io<id>[] */
    bool select;           /* per-vertex I/O array addressed indirectly: each access picks
                            * its element from an array constructor (loads) or a switch
                            * (stores), since per-vertex arrays cannot be copied locally */
    bool declared;
    bool loaded, stored, atomics; /* images: how it is used */
    bool fetched;          /* colour output read by FBFETCH: declared inout */
    uint32_t qualifiers;   /* union of IR_MEMORY_* of its accesses */
    bool int_view;         /* buffers: signed min/max go through an int alias block */
    int texture;           /* sampler target resolved from uses when the declaration lacks it */
} gvar;

typedef struct glsl_ctx {
    ir_shader *s;
    arena *a;
    const struct t2g_key *key;
    const glsl_dialect *d;
    struct t2g_reflection *refl;
    enum t2g_stage stage;
    const char *rp;        /* stage prefix of resource names: stages share one GL namespace */
    strbuf body, decls, *o;
    int indent;
    gval *v;
    uint32_t nvals;
    gcopy **copies;        /* by block index */
    uint32_t *predecl;     /* by block index: chain head (value index + 1) */
    ir_block **blocks;     /* by block index */
    ir_instr **instrs;     /* by value index */
    uint32_t nblocks;
    const char **rename;   /* by value index, while a parallel copy is written */
    bool ext_used[GF_COUNT]; /* features enabled through their extension */
    bool failed;
    bool has_local_outputs;/* epilogue copies outputs from local arrays */
    bool io_blocks;        /* varyings live in one interface block each (see glsl_emit.c) */
    bool uses_demote;      /* DEMOTE somewhere: helper reads go through the extension */
    uint32_t num_clip, num_cull;
    uint64_t fp64_used[2]; /* bit per enum ir_fp64_fn called on one / two lanes */
    ir_var *color0;        /* FS_COLOR0_WRITES_ALL_CBUFS: replicate this output */
    unsigned color0_copies;
} glsl_ctx;

/* GLSL ES 1.00 (ES 2.0 hosts): attribute/varying, gl_FragData, texture2D() & co. */
static inline bool glsl_es100(const glsl_ctx *c)
{
    return c->d->es && c->d->version < 300;
}

/* Resource names (blocks, their members, samplers, images) start with the stage's prefix:
 * a renderer links the stages into one program, where same-named uniforms and blocks of
 * different stages would have to agree. */
static inline const char *glsl_resource_prefix(enum t2g_stage stage)
{
    static const char *const prefix[T2G_STAGE_COUNT] = {
        [T2G_STAGE_VERTEX] = "vs_", [T2G_STAGE_FRAGMENT] = "fs_",
        [T2G_STAGE_GEOMETRY] = "gs_", [T2G_STAGE_TESS_CTRL] = "tcs_",
        [T2G_STAGE_TESS_EVAL] = "tes_", [T2G_STAGE_COMPUTE] = "cs_",
    };
    return (unsigned)stage < T2G_STAGE_COUNT ? prefix[stage] : "";
}

/* ---- glsl_features.c: what the target has, and refusing what it lacks */
bool glsl_has(glsl_ctx *c, enum glsl_feature f);            /* enables its extension if needed */
bool glsl_could(const glsl_ctx *c, enum glsl_feature f);    /* the same question, enabling nothing */
bool glsl_need(glsl_ctx *c, enum glsl_feature f, const char *what); /* refuses when missing */
void glsl_refuse(glsl_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void glsl_out_of_memory(glsl_ctx *c);                         /* fails with a diagnostic */

/* Decimal digits of v, written at the end of out[20] (a uint64_t has at most 20): returns
 * their count, so they start at out + 20 - count. */
static inline size_t glsl_digits(char out[20], uint64_t v)
{
    size_t n = 0;
    do {
        out[19 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return n;
}

/* ---- glsl_soft_fp64.c: the soft-fp64 calls (IR_OP_CALL_FP64) of the ES targets */
void glsl_fp64_call(glsl_ctx *c, const ir_instr *in);      /* writes the call, notes it */
void glsl_fp64_helpers(const glsl_ctx *c, strbuf *o);       /* the functions the calls need */

/* ---- glsl_float.c: the first "%.{6..9}g" of a float that reads back as the same float
 * (%g strips trailing zeros, so that is the shortest); buf of n bytes, at least 40; returns
 * the length. */
size_t glsl_float_text(uint32_t bits, char *buf, size_t n);

/* ---- output helpers (glsl_expr.c) */
/* Where n more bytes (and the NUL) fit without growing the buffer, else NULL.  The small
 * printers write straight there and out_commit; when the buffer would have to grow they
 * take the general appends, so running out of memory truncates just as those do. */
static inline char *out_room(glsl_ctx *c, size_t n)
{
    strbuf *o = c->o;
    return o->len + n + 1 <= o->cap ? o->data + o->len : NULL;
}
static inline void out_commit(glsl_ctx *c, size_t n)
{
    c->o->len += n;
    c->o->data[c->o->len] = 0;
}

/* Always inlined, and written in place: nearly every call passes a literal, whose length
 * and copy the compiler then folds into a few moves (the util appends, left out of line,
 * would strlen and memcpy each one at run time). */
static inline __attribute__((always_inline)) void out_s(glsl_ctx *c, const char *s)
{
    size_t n = strlen(s);
    char *d = out_room(c, n);
    if (!d) {
        strbuf_appendn(c->o, s, n);
        return;
    }
    memcpy(d, s, n);
    out_commit(c, n);
}
static inline __attribute__((always_inline)) void out_c(glsl_ctx *c, char ch)
{
    char *d = out_room(c, 1);
    if (!d) {
        strbuf_putc(c->o, ch);
        return;
    }
    *d = ch;
    out_commit(c, 1);
}
void out_u(glsl_ctx *c, uint64_t v);
void out_i(glsl_ctx *c, int64_t v);
void out_indent(glsl_ctx *c);
void out_type(glsl_ctx *c, ir_base b, unsigned comps);
const char *glsl_type_name(ir_base b, unsigned comps);
void out_swz(glsl_ctx *c, const uint8_t *swz, unsigned n);
void out_value_name(glsl_ctx *c, const ir_instr *def);

/* Precedence levels (higher binds tighter). */
enum { P_NONE = 0, P_COND = 3, P_LOR = 4, P_LXOR = 5, P_LAND = 6, P_BOR = 7, P_BXOR = 8,
       P_BAND = 9, P_EQ = 10, P_REL = 11, P_SHIFT = 12, P_ADD = 13, P_MUL = 14, P_UNARY = 15,
       P_POSTFIX = 17 };

/* Prints source `src` as `comps` components of its own base type, parenthesized when its
 * precedence is below min_prec. */
void emit_src(glsl_ctx *c, ir_src src, unsigned comps, int min_prec);
/* Same, converted (bitcast) to base `to` when the value's base differs. */
void emit_src_as(glsl_ctx *c, ir_src src, unsigned comps, ir_base to, int min_prec);
/* One component of a source as a scalar. */
void emit_src_comp(glsl_ctx *c, ir_src src, unsigned comp, ir_base to, int min_prec);
/* The defining expression of a value, in its own type. */
void emit_expr(glsl_ctx *c, ir_instr *in);
int value_prec(glsl_ctx *c, const ir_instr *in);
void emit_const_scalar(glsl_ctx *c, ir_base b, uint64_t bits);
bool src_is_scalar_splat(ir_src s, unsigned comps, uint8_t *comp);
/* Bitcast wrapper names: returns the function that turns `from` bits into `to`, "" if none. */
const char *bitcast_fn(glsl_ctx *c, ir_base from, ir_base to, unsigned comps);
uint32_t const_u32(ir_src s, unsigned comp);

/* ---- glsl_io.c: variables, declarations, reflection */
void io_prepare(glsl_ctx *c);
void io_prologue(glsl_ctx *c);       /* local copies of indirectly read input arrays */
void io_epilogue(glsl_ctx *c);       /* output copies before return/emit */
/* [base + ind] clamped into [0, bound) (glsl_io.c: why); BOUND_PATCH: gl_PatchVerticesIn. */
enum { BOUND_NONE = 0, BOUND_PATCH = UINT32_MAX };
void out_index(glsl_ctx *c, int32_t base, ir_src ind, uint32_t bound);
void emit_load_var(glsl_ctx *c, ir_instr *in);
void emit_interp(glsl_ctx *c, ir_instr *in);
void emit_fbfetch(glsl_ctx *c, ir_instr *in);   /* fb<n>, copied from o<n> at the start */
void emit_store_var(glsl_ctx *c, ir_instr *in);
bool io_load_is_atom(glsl_ctx *c, const ir_instr *in);
bool io_store_prints_value_twice(glsl_ctx *c, const ir_instr *in);
bool io_access_prints_index_twice(glsl_ctx *c, const ir_instr *in);
bool var_is_writable(const ir_var *v);
void mem_array_name(glsl_ctx *c, ir_var *v); /* "ssbo0_data", "shm", "ac0_data" */

/* ---- glsl_mem.c: textures, images, buffers, shared memory */
void out_es100_tex_fn(glsl_ctx *c, int host_texture, bool shadow, bool proj, int kind,
                      bool offset);
void emit_tex(glsl_ctx *c, ir_instr *in);
void emit_image_expr(glsl_ctx *c, ir_instr *in);
void emit_buffer_expr(glsl_ctx *c, ir_instr *in);
void emit_mem_stmt(glsl_ctx *c, ir_instr *in);      /* stores; loads needing several words */
bool mem_needs_stmt(glsl_ctx *c, const ir_instr *in);
bool mem_prints_src_twice(glsl_ctx *c, const ir_instr *in, unsigned i);
/* Atomics GLSL has no function for on uint memory (signed min/max on shared memory, float
 * add, wrapping increment/decrement) run as an atomicCompSwap loop before their statement. */
bool mem_atomic_is_loop(glsl_ctx *c, const ir_instr *in);
void emit_atomic_loop(glsl_ctx *c, ir_instr *in);
bool atomic_wants_int_view(const ir_instr *in);
int tex_result_comps(int texture, ir_tex_kind kind);

/* Wraps a call whose GLSL result is `nb` x nc into the instruction's type: bit casts,
 * truncation by swizzle, padding with zeros, or a splat (shadow comparisons). */
typedef struct adapt {
    ir_base nb, wb;
    unsigned nc, wn;
    bool splat;
    const char *fn;
} adapt;
void adapt_open(glsl_ctx *c, adapt *a, const ir_instr *in, ir_base nb, unsigned nc, bool splat);
void adapt_close(glsl_ctx *c, adapt *a);
ir_src tex_src(const ir_instr *in, int8_t pos);
void emit_sampler_ref(glsl_ctx *c, const ir_instr *in);
/* Components [first, first+n) of a source as base b. */
void emit_src_range_prec(glsl_ctx *c, ir_src s, unsigned first, unsigned n, ir_base b, int prec);
/* `, offset` (`, ivec2(offset, 0)` with pad_1d: a 1D offset on a texture emulated as 2D). */
void emit_offset_arg(glsl_ctx *c, const ir_instr *in, unsigned dims, bool allow_dynamic,
                     bool pad_1d);

/* ---- texture target facts (glsl_mem.c) */
typedef struct tex_target_info {
    const char *suffix;    /* "2DArray" */
    uint8_t coords;        /* coordinate components incl. the layer (cube: 3) */
    uint8_t size_comps;    /* textureSize()/imageSize() result components */
    bool array, shadow, msaa, cube;
    int8_t shadow_of;      /* the shadow counterpart, or -1 */
    uint8_t feature;       /* GF_* needed, GF_COUNT = none */
} tex_target_info;
const tex_target_info *tex_target(int texture);

/* ---- glsl_decl.c: the declarations of the stage's layout and of resources */
void out_sampler_type(glsl_ctx *c, ir_var *v);
/* The texel type an image is declared with (its format's, which the key may supply). */
ir_base image_base(const glsl_ctx *c, const ir_var *v);
void io_declare_resources(glsl_ctx *c);
void io_declare_stage(glsl_ctx *c);
/* A shader property, dflt where the shader does not set it. */
uint32_t glsl_prop(glsl_ctx *c, enum ir_prop p, uint32_t dflt);
/* The words shared memory is declared with. */
uint32_t shared_words(const ir_var *v);

/* ---- glsl_xfb.c: reflection.so_varyings for the capture outputs */
void io_reflect_stream_output(glsl_ctx *c);

/* ---- glsl_io.c: names of variables */
void io_name_buf(glsl_ctx *c, const ir_var *v, uint32_t elem, char *buf, size_t n);
/* rp, prefix, num in decimal and suffix into buf of n bytes, cut and NUL-terminated as
 * snprintf would: names are made for every variable and resource, and snprintf costs ten
 * times as much. */
void glsl_name_num(char *buf, size_t n, const char *rp, const char *prefix, uint64_t num,
                   const char *suffix);
/* src into buf of n bytes, cut and NUL-terminated as snprintf would */
void glsl_name_copy(char *buf, size_t n, const char *src);
ir_base io_decl_base(glsl_ctx *c, const ir_var *v, uint32_t elem);

/* ---- glsl_remap.c: texture targets the dialect lacks, emulated on 2D ones */
enum { REMAP_NONE, REMAP_1D, REMAP_RECT };
int tex_remap(const glsl_ctx *c, int texture);        /* REMAP_* for a TGSI target */
int tex_host_target(const glsl_ctx *c, int texture);  /* the target actually declared */
void emit_remapped_tex(glsl_ctx *c, ir_instr *in);
bool remap_grad_offset(const glsl_ctx *c, const ir_instr *in); /* repeats coord and bias */
/* Image coordinates and sizes of 1D images emulated as 2D. */
void emit_remapped_image_coord(glsl_ctx *c, const ir_instr *in, const tex_target_info *ti);

/* ---- glsl_cf.c: planning, out-of-SSA, statements */
void cf_plan(glsl_ctx *c);
void cf_emit_body(glsl_ctx *c);

static inline gvar *gv_of(const ir_var *v) { return (gvar *)v->backend_data; }
static inline gval *val_of(glsl_ctx *c, const ir_instr *in) { return &c->v[in->index]; }

#endif
