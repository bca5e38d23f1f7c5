/* tgsi_parse(): sets up the lexer over a sentinel-terminated copy and runs the grammar; plus
 * the small helpers every action file uses. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parse_ctx.h"
#include "parser.h"

void perr(parse_ctx *ctx, const tgsi_tok *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(ctx->diags, at ? at->line : 0, at ? at->col : 0, fmt, ap);
    va_end(ap);
}

bool tok_is(const tgsi_tok *t, const char *word)
{
    return strlen(word) == t->len && strncasecmp(t->s, word, t->len) == 0;
}

/* Index of the token's spelling in a name table (case-insensitive, as tgsi_text), or -1. */
int tok_lookup(const tgsi_tok *t, const char *const *names, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        if (names[i] && tok_is(t, names[i]))
            return (int)i;
    return -1;
}

bool tok_index(parse_ctx *ctx, const tgsi_tok *t, const char *what, uint32_t *out)
{
    if ((t->flags & TOK_BIG) || t->v > TGSI_MAX_INDEX) {
        perr(ctx, t, "%s %.*s out of range (maximum %u)", what, (int)t->len, t->s,
             TGSI_MAX_INDEX);
        *out = 0;
        return false;
    }
    *out = t->v;
    return true;
}

void *grow_array(parse_ctx *ctx, void *arr, size_t *cap, size_t num, size_t elem)
{
    if (num < *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = arena_realloc(ctx->a, arr, *cap * elem, ncap * elem);
    if (!p) {
        /* The parse goes on into scratch (the result is NULL): one report is enough, at the
         * statement that did not fit. */
        if (!ctx->out_of_memory)
            diag_out_of_memory(ctx->diags, ctx->tok_line, ctx->tok_col);
        ctx->out_of_memory = true;
        return NULL;
    }
    *cap = ncap;
    return p;
}

bool tok_is_format(const tgsi_tok *t)
{
    return t->len > 12 && strncasecmp(t->s, "PIPE_FORMAT_", 12) == 0;
}

/* PIPE_FORMAT_* names are kept as upper-case strings; a shader names few, so share them. */
const char *intern_format(parse_ctx *ctx, const tgsi_tok *t)
{
    char *s = arena_strndup(ctx->a, t->s, t->len);
    if (!s)
        return NULL;
    for (char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return s;
}

/* '\n' bytes in p[0..n), eight at a time (a memchr call per line costs more than the
 * counting). */
static size_t count_newlines(const char *p, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7f7f7f7f7f7f7f7full;
    size_t count = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        w ^= ones * '\n';                      /* newline bytes become zero */
        uint64_t nonzero = ((w & low7) + low7) | w; /* high bit of each nonzero byte */
        count += (((~nonzero >> 7) & ones) * ones) >> 56;
    }
    for (; i < n; i++)
        count += p[i] == '\n';
    return count;
}

ast_program *tgsi_parse(arena *a, const char *text, size_t len, diag_list *diags)
{
    if (len > INT_MAX / 2) {
        diag_error(diags, 0, 0, "input too large (%zu bytes)", len);
        return NULL;
    }
    char *buf = arena_alloc_uninit(a, len + 1);
    ast_program *prog = ARENA_NEW(a, ast_program);
    if (!buf || !prog) {
        diag_out_of_memory(diags, 0, 0);
        return NULL;
    }
    if (len)
        memcpy(buf, text, len);
    buf[len] = 0; /* the lexer's end sentinel */

    parse_ctx ctx = {
        .a = a, .diags = diags, .errors_at_start = diags->num_errors,
        .buf = buf, .lim = buf + len, .cur = buf, .line_start = buf, .line = 1,
        .prog = prog,
    };
    /* Dumps put one instruction per line: size the instruction array once from the line
     * count instead of growing it.  insn_begin clears each element it uses, so the array
     * (mostly declaration lines' worth of slack) is not zeroed. */
    size_t lines = 1 + count_newlines(buf, len);
    ctx.cap_insns = lines < 1u << 20 ? lines : 1u << 20;
    prog->insns = arena_alloc_uninit(a, sizeof(ast_insn) * ctx.cap_insns);
    if (!prog->insns)
        ctx.cap_insns = 0;

    int rc = tgsi_yyparse(&ctx);
    if (ctx.c_locale)
        freelocale(ctx.c_locale);
    if (rc != 0 && diags->num_errors == ctx.errors_at_start)
        diag_error(diags, ctx.tok_line, ctx.tok_col, "parse failed");
    if (rc != 0 || diags->num_errors > ctx.errors_at_start)
        return NULL;
    /* The grammar takes end of input after any statement, so a shader cut at a line boundary
     * parses; tgsi_dump always writes END, and without it the cut is silent (an empty or
     * partial main).  END is the last instruction or comes before the subroutines, so the
     * scan from the back is short.  The lexer stopped at the end: the lookahead is there. */
    size_t i = prog->num_insns;
    while (i > 0 && prog->insns[i - 1].opcode != TGSI_OPCODE_END)
        i--;
    if (i == 0) {
        diag_error(diags, ctx.tok_line, ctx.tok_col,
                   "end of input without END (is the shader truncated?)");
        return NULL;
    }
    return prog;
}
