/* Private state shared by the re2c lexer, the bison grammar and the action helpers. */
#ifndef PARSE_CTX_H
#define PARSE_CTX_H

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

/* Register indices and ranges above this are rejected: no real shader comes near it and it
 * keeps every later array sized by an index small. */
#define TGSI_MAX_INDEX 65535u

/* A token as the lexer hands it to the grammar: its text and where it starts. */
typedef struct tgsi_tok {
    const char *s;
    uint32_t len;
    int line, col;
    uint32_t v;     /* T_UINT/T_INSNUM/T_BRLABEL/T_REG: value; T_FILE: file; T_OPCODE: opcode */
    uint16_t flags; /* TOK_* */
    uint8_t file;   /* T_REG, T_REG_MORE: the register file */
    uint8_t swz_len; /* T_REG: letters of the ".xyzw" the token ends with, 0 if none */
} tgsi_tok;

enum {
    TOK_BIG = 1,       /* number does not fit in 32 bits (v is then meaningless) */
    TOK_SAT = 2,       /* opcode carried _SAT */
    TOK_PRECISE = 4,   /* opcode carried _PRECISE */
    TOK_PRESENT = 8,   /* an optional element was there */
    TOK_NEGATIVE = 16, /* a signed offset was '-' */
};

/* One "[...]" of an operand, collected until the register is complete. */
typedef struct pbracket {
    tgsi_tok at;       /* the index (or the indirect file) token, for messages */
    bool indirect;
    tgsi_tok index;    /* T_UINT: direct index, or the indirect register's index */
    enum tgsi_file ind_file;
    tgsi_tok swz;      /* swizzle of the indirect register (flags & TOK_PRESENT) */
    tgsi_tok offset;   /* "+N"/"-N" after an indirect register */
    tgsi_tok array_id; /* "(N)" after the bracket */
} pbracket;

typedef struct parse_ctx {
    arena *a;
    diag_list *diags;
    int errors_at_start;

    /* lexer: buf is a NUL-terminated copy of the input; lim points at that NUL */
    const char *buf, *lim, *cur, *tok, *line_start;
    int line;
    int tok_line, tok_col;  /* the last token returned, i.e. the grammar's lookahead */
    bool lex_error;         /* the lexer already reported the current bad token */

    ast_program *prog;
    size_t cap_props, cap_decls, cap_imms, cap_insns;
    uint32_t seq;           /* statements so far, to keep the source order */

    /* register being parsed */
    pbracket br[2];
    unsigned num_br;
    ast_reg reg;
    tgsi_tok reg_at;        /* its first token */

    /* instruction being parsed */
    ast_insn *insn;
    tgsi_tok op_tok;
    unsigned num_regs;      /* register operands seen */
    bool insn_after_word;   /* a non-register operand was seen */
    bool insn_failed;
    unsigned prev_zero_operand; /* opcode+1 of the previous statement when it took none */

    /* declaration being parsed */
    ast_decl *decl;
    unsigned decl_stage, num_return_types, decl_brackets;
    bool decl_empty;        /* the last bracket was "[]" */
    bool decl_has_texture;
    tgsi_tok decl_open;     /* its '[' */

    /* immediate being parsed */
    ast_imm *imm;
    unsigned imm_values;
    bool imm_failed;

    /* where a statement goes when its array cannot grow (out of memory; the parse fails) */
    bool out_of_memory;     /* reported already */
    ast_insn oom_insn;
    ast_decl oom_decl;
    ast_imm oom_imm;

    locale_t c_locale;      /* for strtod: the caller's locale may use ',' as decimal point */
} parse_ctx;

/* lexer.re */
int tgsi_lex(void *lval, parse_ctx *ctx);

/* parse.c: shared helpers */
void perr(parse_ctx *ctx, const tgsi_tok *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool tok_is(const tgsi_tok *t, const char *word);
int tok_lookup(const tgsi_tok *t, const char *const *names, unsigned count);
bool tok_index(parse_ctx *ctx, const tgsi_tok *t, const char *what, uint32_t *out);
void *grow_array(parse_ctx *ctx, void *arr, size_t *cap, size_t num, size_t elem);
bool tok_is_format(const tgsi_tok *t);
const char *intern_format(parse_ctx *ctx, const tgsi_tok *t);

/* parse_header.c: processor, properties, immediates */
void set_processor(parse_ctx *ctx, const tgsi_tok *t);
void add_property(parse_ctx *ctx, const tgsi_tok *name, const tgsi_tok *value);
bool imm_begin(parse_ctx *ctx, const tgsi_tok *file, const tgsi_tok *index, const tgsi_tok *type);
void imm_value(parse_ctx *ctx, const tgsi_tok *sign, const tgsi_tok *num);
void imm_finish(parse_ctx *ctx);

/* parse_decl.c */
void decl_begin(parse_ctx *ctx, const tgsi_tok *dcl, unsigned file);
void decl_range_reg(parse_ctx *ctx, const tgsi_tok *reg);
void decl_range(parse_ctx *ctx, const tgsi_tok *open, const tgsi_tok *first,
                const tgsi_tok *last);
void decl_mask(parse_ctx *ctx, const tgsi_tok *mask);
void decl_attr(parse_ctx *ctx, const tgsi_tok *word, const tgsi_tok *args, unsigned num_args,
               bool brackets);
void decl_finish(parse_ctx *ctx);

/* parse_insn.c */
void br_direct(parse_ctx *ctx, const tgsi_tok *index, const tgsi_tok *array_id);
void br_indirect(parse_ctx *ctx, const tgsi_tok *reg, const tgsi_tok *swz,
                 const tgsi_tok *offset, const tgsi_tok *array_id);
tgsi_tok reg_index_tok(const tgsi_tok *reg);
tgsi_tok swizzle_tok(const tgsi_tok *t);
void reg_simple(parse_ctx *ctx, const tgsi_tok *reg);
void reg_finish(parse_ctx *ctx, const tgsi_tok *at, unsigned file);
void insn_begin(parse_ctx *ctx, const tgsi_tok *number, const tgsi_tok *opcode);
void insn_reg_operand(parse_ctx *ctx, const tgsi_tok *first, bool negate, bool absolute,
                      const tgsi_tok *swz);
void insn_plain_operand(parse_ctx *ctx, const tgsi_tok *first, bool negate, bool absolute,
                        const tgsi_tok *reg);
void insn_word_operand(parse_ctx *ctx, const tgsi_tok *word);
void insn_finish(parse_ctx *ctx, const tgsi_tok *label);

#endif
