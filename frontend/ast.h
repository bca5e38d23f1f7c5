/* The parsed TGSI program: a faithful, typed record of the text, before any translation. */
#ifndef AST_H
#define AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/diag.h"
#include "tgsi.h"
#include "tgsi_opcodes.h"

typedef struct ast_loc {
    int line, col;
} ast_loc;

/* ADDR[0].x, TEMP[2].y or a system value used as an index. */
typedef struct ast_indirect {
    enum tgsi_file file;
    int32_t index;
    uint8_t swizzle; /* component read: TGSI_SWIZZLE_* */
    uint16_t array_id;
} ast_indirect;

/* A register reference.  For two-dimensional registers tgsi_dump prints FILE[dim][index]:
 * CONST[buffer][slot], IN[vertex][slot], HWATOMIC[buffer][slot]. */
typedef struct ast_reg {
    enum tgsi_file file;
    int32_t index;          /* constant part of the (last) index */
    bool indirect;          /* index = ind + index */
    ast_indirect ind;
    bool has_dim;
    int32_t dim;            /* constant part of the first bracket */
    bool dim_indirect;
    ast_indirect dim_ind;
    uint16_t array_id;      /* "(n)" after the last bracket, 0 when absent; when indirect also
                             * in ind.array_id.  One after the first bracket: dim_ind.array_id */
} ast_reg;

typedef struct ast_src {
    ast_reg reg;
    uint8_t swizzle[4];     /* TGSI_SWIZZLE_* per destination channel; .x alone means xxxx */
    bool negate, absolute;
    ast_loc loc;
} ast_src;

typedef struct ast_dst {
    ast_reg reg;
    uint8_t writemask;      /* TGSI_WRITEMASK bits, x = 1 */
    ast_loc loc;
} ast_dst;

/* Texture offset operand of TEX-family instructions: a register and three components. */
typedef struct ast_tex_offset {
    ast_reg reg;
    uint8_t swizzle[3];
} ast_tex_offset;

#define AST_MAX_DST 2
#define AST_MAX_SRC 5
#define AST_MAX_TEX_OFFSETS 4

typedef struct ast_insn {
    ast_loc loc;
    uint32_t seq;               /* statement number in the text (see ast_program) */
    uint32_t number;            /* the "N:" in front, as printed */
    enum tgsi_opcode opcode;
    bool saturate, precise;
    uint8_t num_dst, num_src;
    ast_dst dst[AST_MAX_DST];
    ast_src src[AST_MAX_SRC];
    /* TEX family */
    bool has_texture;
    enum tgsi_texture texture;
    enum tgsi_return_type tex_return_type; /* for SVIEW-less sampling; TGSI_RETURN_UNKNOWN else */
    uint8_t num_tex_offsets;
    ast_tex_offset tex_offsets[AST_MAX_TEX_OFFSETS];
    /* LOAD/STORE/ATOM*: memory qualifier flags, image target and format when printed */
    uint32_t memory_qualifier;
    bool has_memory_texture;
    enum tgsi_texture memory_texture;
    const char *memory_format;  /* "PIPE_FORMAT_..." or NULL */
    /* IF/UIF/ELSE/BGNLOOP/ENDLOOP/CAL/SWITCH...: the ":N" label, -1 when absent */
    int32_t label;
} ast_insn;

typedef struct ast_decl {
    ast_loc loc;
    uint32_t seq;
    enum tgsi_file file;
    uint32_t first, last;       /* the register range */
    bool has_dim;               /* CONST[b][..], IN[][..] (dim unsized: dim_first == UINT32_MAX) */
    uint32_t dim_first, dim_last;
    uint8_t usage_mask;         /* .xyzw after the range; 0xf when absent */
    uint16_t array_id;          /* ARRAY(n), 0 when absent */
    bool has_semantic;
    enum tgsi_semantic semantic;
    uint32_t semantic_index;
    bool has_interp;
    enum tgsi_interpolate interp;
    enum tgsi_interp_location interp_location;
    bool invariant, local;
    uint8_t stream[4];          /* STREAM(a, b, c, d) on GS outputs */
    /* SVIEW */
    enum tgsi_texture texture;
    enum tgsi_return_type return_type[4];
    /* IMAGE: texture above, plus format, WR and RAW; BUFFER: ATOMIC; MEMORY: SHARED etc. */
    const char *image_format;   /* "PIPE_FORMAT_..." */
    bool writable, raw, atomic;
    uint32_t memory_type;       /* 0 global, 1 shared, 2 private, 3 input (TGSI_MEMORY_TYPE_*) */
} ast_decl;

typedef struct ast_imm {
    ast_loc loc;
    uint32_t seq;
    uint32_t index;             /* IMM[n] */
    enum tgsi_imm_type type;
    uint8_t num_values;         /* 32-bit words used: 1..4 (64-bit types use two per value) */
    uint32_t words[4];          /* raw bits; a 64-bit value is little-endian word pair */
} ast_imm;

typedef struct ast_property {
    ast_loc loc;
    uint32_t seq;
    enum tgsi_property prop;
    uint32_t value;             /* names (prims, origins, spacing...) mapped to their enums */
} ast_property;

/* The statements by kind.  Each carries its statement number (seq) so that the text's
 * interleaving (DCL after IMM, as ureg emits it) can be printed back. */
typedef struct ast_program {
    enum tgsi_processor processor;
    ast_property *props;
    size_t num_props;
    ast_decl *decls;
    size_t num_decls;
    ast_imm *imms;
    size_t num_imms;
    ast_insn *insns;
    size_t num_insns;
} ast_program;

/* Parses TGSI text (need not be NUL-terminated).  Returns NULL, with errors in diags, on
 * malformed input.  All memory comes from the arena. */
ast_program *tgsi_parse(arena *a, const char *text, size_t len, diag_list *diags);

/* Writes the program back in tgsi_dump's format (for tests and round trips). */
void ast_print(const ast_program *p, strbuf *out);

#endif
