/* The fast reader: the grammar of parser.y by recursive descent, for well-formed text only.
 * It calls the same actions in the same order as the bison grammar, so a text it accepts
 * gives the same AST.  It gives up at the first token or action that is not part of a
 * well-formed shader; tgsi_parse then reads the text again with the grammar, which owns every
 * message about malformed input.  Bison's table-driven shifts and reductions, each copying a
 * token value, cost about as much as the lexer; a shader is nearly all plain instructions. */
#include "parse_ctx.h"
#include "parser.h"

typedef struct reader {
    parse_ctx *ctx;
    tgsi_tok t; /* the lookahead */
    int k;      /* its kind */
} reader;

static const tgsi_tok no_tok;

static inline void next(reader *r) { r->k = tgsi_lex(&r->t, r->ctx); }

/* Takes a token of kind k into *out, or fails. */
static inline bool take(reader *r, int k, tgsi_tok *out)
{
    if (r->k != k)
        return false;
    if (out)
        *out = r->t;
    next(r);
    return true;
}

static inline bool at_swizzle(const reader *r) { return r->k == T_SWZ || r->k == '.'; }

/* swz: T_SWZ | '.' T_IDENT */
static bool swizzle(reader *r, tgsi_tok *out)
{
    if (r->k == T_SWZ) {
        *out = r->t;
        out->s++;
        out->len--;
        out->col++;
    } else if (!take(r, '.', NULL) || r->k != T_IDENT) {
        return false;
    } else {
        *out = r->t;
    }
    out->flags |= TOK_PRESENT;
    next(r);
    return true;
}

/* array_id: '(' T_UINT ')' */
static bool array_id(reader *r, tgsi_tok *out)
{
    if (!take(r, '(', NULL) || !take(r, T_UINT, out) || !take(r, ')', NULL))
        return false;
    out->flags |= TOK_PRESENT;
    return true;
}

static bool array_id_opt(reader *r, tgsi_tok *out)
{
    *out = no_tok;
    return r->k != '(' || array_id(r, out);
}

/* bracket: '[' T_UINT ']' array_id? | '[' ind_reg swz_opt offset_opt ']' array_id? */
static bool bracket(reader *r)
{
    tgsi_tok index, aid;
    if (!take(r, '[', NULL))
        return false;
    if (take(r, T_UINT, &index)) {
        if (!take(r, ']', NULL) || !array_id_opt(r, &aid))
            return false;
        br_direct(r->ctx, &index, &aid);
        return true;
    }
    tgsi_tok ind, file, swz = no_tok, offset = no_tok;
    if (take(r, T_FILE, &file)) {
        if (!take(r, '[', NULL) || !take(r, T_UINT, &ind) || !take(r, ']', NULL))
            return false;
        ind.file = (uint8_t)file.v;
    } else if (!take(r, T_REG, &ind)) {
        return false;
    }
    if (at_swizzle(r) && !swizzle(r, &swz))
        return false;
    if (r->k == '+' || r->k == '-') {
        uint16_t flags = r->k == '-' ? TOK_PRESENT | TOK_NEGATIVE : TOK_PRESENT;
        next(r);
        if (!take(r, T_UINT, &offset))
            return false;
        offset.flags |= flags;
    }
    if (!take(r, ']', NULL) || !array_id_opt(r, &aid))
        return false;
    br_indirect(r->ctx, &ind, &swz, &offset, &aid);
    return true;
}

/* reg: T_FILE brackets | T_REG_MORE array_id? brackets?, with the T_FILE or T_REG_MORE token
 * already taken into *first. */
static bool reg_rest(reader *r, const tgsi_tok *first, int kind)
{
    unsigned file = first->file;
    if (kind == T_FILE) {
        file = first->v;
        if (r->k != '[')
            return false;
    } else {
        tgsi_tok aid;
        if (!array_id_opt(r, &aid))
            return false;
        tgsi_tok index = reg_index_tok(first);
        br_direct(r->ctx, &index, &aid);
    }
    while (r->k == '[')
        if (!bracket(r))
            return false;
    reg_finish(r->ctx, first, file);
    return true;
}

/* One register operand (the '-' and '|' already taken; neg_at is the first of them, or NULL):
 * T_REG | T_REG swz | reg swz?, then insn_reg_operand as the grammar's rules call it. */
static bool reg_operand(reader *r, const tgsi_tok *neg_at, bool negate, bool absolute)
{
    parse_ctx *ctx = r->ctx;
    tgsi_tok first = r->t, swz = no_tok;
    int kind = r->k;
    if (kind != T_REG && kind != T_REG_MORE && kind != T_FILE)
        return false;
    next(r);
    if (kind == T_REG) {
        if (!at_swizzle(r)) {
            reg_simple(ctx, &first);
            insn_reg_operand(ctx, neg_at ? neg_at : &first, negate, absolute, &first);
            return true;
        }
        if (!swizzle(r, &swz) || first.swz_len)
            return false; /* two swizzles: the grammar says so */
        reg_simple(ctx, &first);
    } else {
        if (!reg_rest(r, &first, kind))
            return false;
        if (at_swizzle(r) && !swizzle(r, &swz))
            return false;
    }
    insn_reg_operand(ctx, neg_at ? neg_at : &ctx->reg_at, negate, absolute, &swz);
    return true;
}

/* operand, or after a ',' also a word (texture target, memory qualifier, format). */
static bool operand(reader *r, bool word_ok)
{
    tgsi_tok sign = no_tok;
    switch (r->k) {
    case '-':
        take(r, '-', &sign);
        if (!take(r, '|', NULL))
            return reg_operand(r, &sign, true, false);
        return reg_operand(r, &sign, true, true) && take(r, '|', NULL);
    case '|':
        take(r, '|', &sign);
        return reg_operand(r, &sign, false, true) && take(r, '|', NULL);
    case T_FILE: {
        if (!word_ok)
            return reg_operand(r, NULL, false, false);
        /* after a ',': a register when a '[' follows, else a word */
        tgsi_tok word = r->t, swz = no_tok;
        next(r);
        if (r->k != '[') {
            insn_word_operand(r->ctx, &word);
            return true;
        }
        if (!reg_rest(r, &word, T_FILE) || (at_swizzle(r) && !swizzle(r, &swz)))
            return false;
        insn_reg_operand(r->ctx, &r->ctx->reg_at, false, false, &swz);
        return true;
    }
    case T_IDENT:
    case T_OPCODE:
    case T_OPCODE0:
        if (!word_ok)
            return false;
        insn_word_operand(r->ctx, &r->t);
        next(r);
        return true;
    default:
        return reg_operand(r, NULL, false, false);
    }
}

/* insn: T_INSNUM? (T_OPCODE operands | T_OPCODE0) T_BRLABEL? */
static bool insn(reader *r)
{
    parse_ctx *ctx = r->ctx;
    tgsi_tok number = no_tok, op, label = no_tok;
    take(r, T_INSNUM, &number);
    if (take(r, T_OPCODE0, &op)) {
        insn_begin(ctx, &number, &op);
    } else {
        if (!take(r, T_OPCODE, &op))
            return false;
        insn_begin(ctx, &number, &op);
        if (!operand(r, false))
            return false;
        while (take(r, ',', NULL))
            if (!operand(r, true))
                return false;
    }
    if (take(r, T_BRLABEL, &label))
        label.flags |= TOK_PRESENT;
    insn_finish(ctx, &label);
    return true;
}

/* dcl_bracket: '[' ']' | '[' T_UINT ']' | '[' T_UINT T_DOTDOT T_UINT ']' */
static bool dcl_bracket(reader *r)
{
    tgsi_tok open, first, last;
    if (!take(r, '[', &open))
        return false;
    if (take(r, ']', NULL)) {
        decl_range(r->ctx, &open, NULL, NULL);
        return true;
    }
    if (!take(r, T_UINT, &first))
        return false;
    bool range = take(r, T_DOTDOT, NULL);
    if ((range && !take(r, T_UINT, &last)) || !take(r, ']', NULL))
        return false;
    decl_range(r->ctx, &open, &first, range ? &last : NULL);
    return true;
}

static bool at_word(const reader *r)
{
    return r->k == T_IDENT || r->k == T_OPCODE || r->k == T_OPCODE0 || r->k == T_FILE;
}

/* dcl_attr: word | word '[' T_UINT ']' | word '(' T_UINT ')' | word '(' 4 x T_UINT ')' */
static bool dcl_attr(reader *r)
{
    tgsi_tok word = r->t, args[4];
    if (!at_word(r))
        return false;
    next(r);
    if (take(r, '[', NULL)) {
        if (!take(r, T_UINT, &args[0]) || !take(r, ']', NULL))
            return false;
        decl_attr(r->ctx, &word, args, 1, true);
    } else if (take(r, '(', NULL)) {
        unsigned n = 0;
        do {
            if (n == 4 || !take(r, T_UINT, &args[n++]))
                return false;
        } while (take(r, ',', NULL));
        if ((n != 1 && n != 4) || !take(r, ')', NULL))
            return false;
        decl_attr(r->ctx, &word, args, n, false);
    } else {
        decl_attr(r->ctx, &word, NULL, 0, false);
    }
    return true;
}

/* decl: T_DCL (T_REG | T_REG_MORE dcl_bracket swz? | T_FILE dcl_bracket{1,2} swz?)
 *       (',' dcl_attr)* */
static bool decl(reader *r)
{
    parse_ctx *ctx = r->ctx;
    tgsi_tok dcl, reg;
    take(r, T_DCL, &dcl);
    if (take(r, T_REG, &reg)) {
        decl_begin(ctx, &dcl, reg.file);
        decl_range_reg(ctx, &reg);
        tgsi_tok mask = swizzle_tok(&reg);
        decl_mask(ctx, &mask);
    } else {
        if (take(r, T_REG_MORE, &reg)) {
            decl_begin(ctx, &dcl, reg.file);
            decl_range_reg(ctx, &reg);
            if (!dcl_bracket(r))
                return false;
        } else if (take(r, T_FILE, &reg)) {
            decl_begin(ctx, &dcl, reg.v);
            if (!dcl_bracket(r) || (r->k == '[' && !dcl_bracket(r)))
                return false;
        } else {
            return false;
        }
        tgsi_tok mask = no_tok;
        if (at_swizzle(r) && !swizzle(r, &mask))
            return false;
        decl_mask(ctx, &mask);
    }
    while (take(r, ',', NULL))
        if (!dcl_attr(r))
            return false;
    decl_finish(ctx);
    return true;
}

static bool at_number(const reader *r)
{
    return r->k == T_UINT || r->k == T_FLOAT || r->k == T_HEX || r->k == T_IDENT;
}

/* imm: (IMM[n] T_IDENT | T_FILE '[' T_UINT ']' T_IDENT | T_FILE T_IDENT)
 *      '{' ('-'|'+')? number (',' ('-'|'+')? number)* '}' */
static bool imm(reader *r)
{
    parse_ctx *ctx = r->ctx;
    tgsi_tok first = r->t, index, type;
    if (take(r, T_REG, NULL)) {
        if (first.file != TGSI_FILE_IMMEDIATE || first.swz_len || !take(r, T_IDENT, &type))
            return false;
        index = reg_index_tok(&first);
        first.v = first.file;
        if (!imm_begin(ctx, &first, &index, &type))
            return false;
    } else if (take(r, T_FILE, NULL)) {
        bool has_index = take(r, '[', NULL);
        if (has_index && (!take(r, T_UINT, &index) || !take(r, ']', NULL)))
            return false;
        if (!take(r, T_IDENT, &type) || !imm_begin(ctx, &first, has_index ? &index : NULL, &type))
            return false;
    } else {
        return false;
    }
    if (!take(r, '{', NULL))
        return false;
    do {
        tgsi_tok sign = no_tok;
        bool has_sign = r->k == '-' || r->k == '+';
        if (has_sign)
            take(r, r->k, &sign);
        if (!at_number(r))
            return false;
        imm_value(ctx, has_sign ? &sign : NULL, &r->t);
        next(r);
    } while (take(r, ',', NULL));
    if (!take(r, '}', NULL))
        return false;
    imm_finish(ctx);
    return true;
}

/* program: header (decl | imm | property | insn)* */
bool tgsi_read_fast(parse_ctx *ctx)
{
    reader rd = { .ctx = ctx }, *r = &rd;
    int errors = ctx->diags->num_errors;
    tgsi_tok name, value;
    next(r);
    if (!take(r, T_IDENT, &name))
        return false;
    set_processor(ctx, &name);
    while (ctx->diags->num_errors == errors) {
        bool ok;
        switch (r->k) {
        case T_EOF:
            return true;
        case T_DCL:
            ok = decl(r);
            break;
        case T_PROPERTY:
            next(r);
            ok = take(r, T_IDENT, &name) && (take(r, T_UINT, &value) || take(r, T_IDENT, &value));
            if (ok)
                add_property(ctx, &name, &value);
            break;
        case T_REG:
        case T_FILE:
            ok = imm(r);
            break;
        default:
            ok = insn(r);
            break;
        }
        if (!ok)
            return false;
    }
    return false;
}
