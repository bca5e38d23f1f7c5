/* TGSI text lexer: one re2c DFA pass over a NUL-terminated copy of the input. */
#include <stdio.h>
#include <string.h>

#include "frontend/parse_ctx.h"
#include "parser.h"

/* The keyword a whole word spells (an opcode, a register file, DCL or PROPERTY) as its token
 * kind, with *value the opcode or file; T_IDENT, *value untouched, when it is none.  The word
 * must be followed by a character that cannot continue it.  The rules are generated from the
 * tables (gen_keywords.c), so the DFA names the keyword with no hashing or comparing; they live
 * in a DFA of their own, kept out of tgsi_lex so that the common path stays small. */
static int keyword(const char *s, uint32_t *value)
{
    const char *cur = s;
#define KEYWORD(kind, v) do { *value = (v); return (kind); } while (0)
    /*!re2c
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = "cur";
    re2c:define:YYPEEK = "(unsigned char)*cur";
    re2c:define:YYSKIP = "++cur;";
    re2c:yyfill:enable = 0;

    !include "tgsi_keywords.re";
    [A-Za-z0-9_]+ { return T_IDENT; } /* a longer word */
    * { return T_IDENT; }
    */
#undef KEYWORD
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool has_suffix(const char *s, uint32_t len, const char *sfx, uint32_t n)
{
    if (len <= n)
        return false;
    for (uint32_t i = 0; i < n; i++)
        if ((s[len - n + i] & 0xdf) != (sfx[i] & 0xdf))
            return false;
    return true;
}

/* A word: a keyword (opcodes may carry _SAT and/or _PRECISE, in that order) or a name. */
static int word_token(tgsi_tok *t)
{
    int kind = keyword(t->s, &t->v);
    if (kind != T_IDENT)
        return kind;
    uint32_t len = t->len;
    uint16_t flags = 0;
    if (has_suffix(t->s, len, "_PRECISE", 8)) {
        len -= 8;
        flags |= TOK_PRECISE;
    }
    if (has_suffix(t->s, len, "_SAT", 4)) {
        len -= 4;
        flags |= TOK_SAT;
    }
    /* The name without its suffix, ended for keyword(). */
    char base[TGSI_KEYWORD_MAX_LEN + 1];
    if (!flags || len > TGSI_KEYWORD_MAX_LEN)
        return T_IDENT;
    memcpy(base, t->s, len);
    base[len] = 0;
    uint32_t op;
    kind = keyword(base, &op);
    if (kind != T_OPCODE && kind != T_OPCODE0)
        return T_IDENT;
    t->flags |= flags;
    t->v = op;
    return kind;
}

/* Decimal value of a run of digits, or TOK_BIG when it does not fit in 32 bits. */
static void number_value(tgsi_tok *t, const char *s, const char *e)
{
    uint64_t v = 0;
    for (; s < e; s++) {
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX) {
            t->flags |= TOK_BIG;
            return;
        }
    }
    t->v = (uint32_t)v;
}

/* The FILE[N](.swizzle) token once the file is known: the index, and where the token ends. */
static int reg_token(parse_ctx *ctx, tgsi_tok *t, unsigned file, const char *digits,
                     const char *close, const char *more)
{
    t->file = (uint8_t)file;
    number_value(t, digits, close);
    if (more) {
        ctx->cur--;
        t->len = (uint32_t)(ctx->cur - ctx->tok);
        return T_REG_MORE;
    }
    if (ctx->cur > close + 1) {
        if (is_word_char(*ctx->cur))
            ctx->cur = close + 1; /* ".xyzq": let the grammar see '.' and the name */
        else
            t->swz_len = (uint8_t)(ctx->cur - close - 2);
    }
    t->len = (uint32_t)(ctx->cur - ctx->tok);
    return T_REG;
}

static int bad_char(parse_ctx *ctx, tgsi_tok *t)
{
    unsigned char c = (unsigned char)*t->s;
    if (c == 0)
        perr(ctx, t, "unexpected NUL byte");
    else if (c >= 0x20 && c < 0x7f)
        perr(ctx, t, "unexpected character '%c'", c);
    else
        perr(ctx, t, "unexpected byte 0x%02x", c);
    ctx->lex_error = true;
    return T_BAD;
}

int tgsi_lex(void *lvalp, parse_ctx *ctx)
{
    tgsi_tok *lval = lvalp;
    const char *digits_end, *word_end, *digits, *close, *more;
    /* The DFA's cursor lives in a local (a register) and goes back to ctx at each return. */
    const char *cur = ctx->cur, *tok, *marker = NULL;
    /*!stags:re2c format = 'const char *@@;\n'; */
    /* The token's position fields are written once, when it is returned (a token never
 * spans a newline); blanks between tokens only restart the DFA. */
#define SYNC()                                                                                \
    do {                                                                                      \
        ctx->cur = cur;                                                                       \
        ctx->tok = tok;                                                                       \
        lval->s = tok;                                                                        \
        lval->line = ctx->tok_line = ctx->line;                                               \
        lval->col = ctx->tok_col = (int)(tok - ctx->line_start) + 1;                          \
    } while (0)
    lval->flags = 0;
    lval->v = 0;
    lval->file = 0;
    lval->swz_len = 0;
    for (;;) {
        tok = cur;
#define TOKEN(t) do { lval->len = (uint32_t)(cur - tok); SYNC(); return (t); } while (0)
        /*!re2c
        re2c:api:style = free-form;
        re2c:define:YYCTYPE = "unsigned char";
        re2c:define:YYCURSOR = "cur";
        re2c:define:YYMARKER = "marker";
        re2c:define:YYPEEK = "(unsigned char)*cur";
        re2c:define:YYSKIP = "++cur;";
        re2c:define:YYBACKUP = "marker = cur;";
        re2c:define:YYRESTORE = "cur = marker;";
        re2c:define:YYSTAGP = "@@{tag} = cur;";
        re2c:define:YYSTAGN = "@@{tag} = NULL;";
        re2c:define:YYSHIFTSTAG = "@@{tag} += @@{shift};";
        re2c:yyfill:enable = 0;
        re2c:flags:tags = 1;

        ws = [ \t\r\v\f]+;
        digits = [0-9]+;
        ident = [A-Za-z_][A-Za-z0-9_]*;
        exp = [eE] [+-]? digits;

        "\x00" {
            if (tok == ctx->lim) {
                cur = tok; /* stay at the end if asked again */
                lval->len = 0;
                SYNC();
                return T_EOF;
            }
            lval->len = 1;
            SYNC();
            return bad_char(ctx, lval);
        }
        "\n" { ctx->line++; ctx->line_start = cur; continue; }
        ws { continue; }

        /* FILE[N] and FILE[N].swizzle as one token: most operands are just that.  T_REG_MORE
         * when a second bracket or an array id follows, so the grammar's common path stays
         * short.  The register files are spelled out so the DFA names the file (no keyword
         * lookup for the commonest token); other words before "[N]" go through keyword(). */
        regtail = @word_end "[" @digits digits @close "]" (@more [[(] | "." [xyzwXYZW]{1,8})?;
        'TEMP' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_TEMPORARY, digits, close, more); }
        'IN' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_INPUT, digits, close, more); }
        'OUT' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_OUTPUT, digits, close, more); }
        'CONST' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_CONSTANT, digits, close, more); }
        'IMM' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_IMMEDIATE, digits, close, more); }
        'SAMP' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_SAMPLER, digits, close, more); }
        'SVIEW' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_SAMPLER_VIEW, digits, close, more); }
        'ADDR' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_ADDRESS, digits, close, more); }
        'SV' regtail { SYNC(); return reg_token(ctx, lval, TGSI_FILE_SYSTEM_VALUE, digits, close, more); }
        ident regtail {
            lval->len = (uint32_t)(word_end - tok);
            uint32_t file;
            if (keyword(tok, &file) != T_FILE) {
                cur = word_end; /* GENERIC[1] and the like: the name alone */
                SYNC();
                return word_token(lval);
            }
            SYNC();
            return reg_token(ctx, lval, file, digits, close, more);
        }
        ident { lval->len = (uint32_t)(cur - tok); SYNC(); return word_token(lval); }
        '0x' [0-9a-fA-F]+ { TOKEN(T_HEX); }
        (digits "." digits | "." digits | digits) exp | digits "." digits | "." digits {
            TOKEN(T_FLOAT);
        }
        digits [A-Za-z_] [A-Za-z0-9_]* { TOKEN(T_IDENT); } /* 2D, 1D_ARRAY, ... */
        digits @digits_end [ \t]* ":" {
            number_value(lval, tok, digits_end);
            TOKEN(T_INSNUM);
        }
        ":" [ \t]* @digits_end digits {
            number_value(lval, digits_end, cur);
            TOKEN(T_BRLABEL);
        }
        digits { number_value(lval, tok, cur); TOKEN(T_UINT); }
        "." [xyzwXYZW]+ {
            if (is_word_char(*cur)) {
                cur = tok + 1; /* ".xyzq": '.' and a name, reported as a swizzle */
                TOKEN('.');
            }
            TOKEN(T_SWZ);
        }
        ".." { TOKEN(T_DOTDOT); }
        [[\](){},+\-|.] { TOKEN((unsigned char)*tok); }
        * { lval->len = 1; SYNC(); return bad_char(ctx, lval); }
        */
    }
}
