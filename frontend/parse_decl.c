/* Declaration actions: register ranges (1D and 2D), usage masks and the attribute list, read
 * in tgsi_text's order (ARRAY, resource, LOCAL, semantic, STREAM, interpolation, location,
 * INVARIANT) because words like COLOR mean different things at different places. */
#include <string.h>

#include "parse_ctx.h"

void decl_begin(parse_ctx *ctx, const tgsi_tok *dcl, unsigned file)
{
    ast_program *p = ctx->prog;
    ast_decl *d = grow_array(ctx, p->decls, &ctx->cap_decls, p->num_decls, sizeof(ast_decl));
    if (d) {
        p->decls = d;
        d = &p->decls[p->num_decls];
    } else {
        d = &ctx->oom_decl;
    }
    memset(d, 0, sizeof(*d));
    ctx->decl = d;
    ctx->prev_zero_operand = 0;
    d->loc = (ast_loc){ dcl->line, dcl->col };
    d->seq = ctx->seq++;
    d->file = (enum tgsi_file)file;
    d->usage_mask = TGSI_WRITEMASK_XYZW;
    d->texture = TGSI_TEXTURE_UNKNOWN;
    for (int i = 0; i < 4; i++)
        d->return_type[i] = TGSI_RETURN_UNKNOWN;
    d->interp_location = TGSI_INTERPOLATE_LOC_CENTER;
    ctx->decl_stage = 0;
    ctx->num_return_types = 0;
    ctx->decl_brackets = 0;
    ctx->decl_has_texture = false;
}

/* "[]" (first == NULL), "[a]" or "[a..b]".  A second bracket makes the first the dimension. */
void decl_range(parse_ctx *ctx, const tgsi_tok *open, const tgsi_tok *first,
                const tgsi_tok *last)
{
    ast_decl *d = ctx->decl;
    unsigned n = ctx->decl_brackets++;
    if (n == 1) {
        d->has_dim = true;
        d->dim_first = d->first;
        d->dim_last = d->last;
        if (ctx->decl_empty)
            d->dim_first = d->dim_last = UINT32_MAX;
    }
    ctx->decl_empty = first == NULL;
    ctx->decl_open = *open;
    d->first = d->last = 0;
    if (!first)
        return;
    tok_index(ctx, first, "register index", &d->first);
    d->last = d->first;
    if (last && tok_index(ctx, last, "register index", &d->last) && d->last < d->first)
        perr(ctx, last, "register range %u..%u is reversed", d->first, d->last);
}

void decl_range_reg(parse_ctx *ctx, const tgsi_tok *reg)
{
    tgsi_tok index = reg_index_tok(reg);
    decl_range(ctx, reg, &index, NULL);
}

void decl_mask(parse_ctx *ctx, const tgsi_tok *mask)
{
    ast_decl *d = ctx->decl;
    if (ctx->decl_empty)
        perr(ctx, &ctx->decl_open, "declaration needs a register range, got '[]'");
    if (!(mask->flags & TOK_PRESENT))
        return;
    unsigned m = 0, last = 0;
    for (uint32_t i = 0; i < mask->len; i++) {
        const char *xyzw = "xyzw";
        const char *c = memchr(xyzw, mask->s[i] | 0x20, 4);
        unsigned bit = c ? 1u << (c - xyzw) : 0;
        if (bit <= last) {
            perr(ctx, mask, "invalid usage mask '.%.*s'", (int)mask->len, mask->s);
            return;
        }
        last = bit;
        m |= bit;
    }
    d->usage_mask = (uint8_t)m;
}

/* The attribute kinds in the order tgsi_text reads them. */
enum stage {
    ST_NONE, ST_ARRAY, ST_RESOURCE, ST_RESOURCE_ATTR, ST_LOCAL, ST_SEMANTIC, ST_STREAM,
    ST_INTERP, ST_LOCATION, ST_INVARIANT,
};

typedef struct attr {
    const tgsi_tok *word, *args;
    unsigned num_args;
    bool brackets;
} attr;

enum match { NO_MATCH, MATCHED };

static bool plain(parse_ctx *ctx, const attr *a)
{
    if (a->num_args == 0)
        return true;
    perr(ctx, a->word, "'%.*s' takes no arguments", (int)a->word->len, a->word->s);
    return false;
}

static enum match m_array(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (!tok_is(a->word, "ARRAY"))
        return NO_MATCH;
    uint32_t v;
    if (a->num_args != 1 || a->brackets)
        perr(ctx, a->word, "ARRAY needs an id: ARRAY(n)");
    else if (tok_index(ctx, &a->args[0], "array id", &v))
        d->array_id = (uint16_t)v;
    return MATCHED;
}

static enum match m_resource(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (d->file != TGSI_FILE_IMAGE && d->file != TGSI_FILE_SAMPLER_VIEW)
        return NO_MATCH;
    int t = tok_lookup(a->word, tgsi_texture_names, TGSI_TEXTURE_COUNT);
    if (t < 0)
        return NO_MATCH;
    d->texture = (enum tgsi_texture)t;
    ctx->decl_has_texture = true;
    plain(ctx, a);
    return MATCHED;
}

static enum match m_resource_attr(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (d->file == TGSI_FILE_IMAGE) {
        if (tok_is(a->word, "WR"))
            d->writable = true;
        else if (tok_is(a->word, "RAW"))
            d->raw = true;
        else if (tok_is_format(a->word))
            d->image_format = intern_format(ctx, a->word);
        else
            return NO_MATCH;
    } else if (d->file == TGSI_FILE_SAMPLER_VIEW) {
        /* UNKNOWN is our "absent", not a return type of the text. */
        int t = tok_lookup(a->word, tgsi_return_type_names, TGSI_RETURN_UNKNOWN);
        if (t < 0)
            return NO_MATCH;
        if (ctx->num_return_types == 4)
            perr(ctx, a->word, "SVIEW takes at most 4 return types");
        else
            d->return_type[ctx->num_return_types++] = (enum tgsi_return_type)t;
    } else if (d->file == TGSI_FILE_BUFFER && tok_is(a->word, "ATOMIC")) {
        d->atomic = true;
    } else if (d->file == TGSI_FILE_MEMORY) {
        int t = tok_lookup(a->word, tgsi_memory_type_names, 4);
        if (t < 0)
            return NO_MATCH;
        d->memory_type = (uint32_t)t;
    } else {
        return NO_MATCH;
    }
    plain(ctx, a);
    return MATCHED;
}

static enum match m_local(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (!tok_is(a->word, "LOCAL"))
        return NO_MATCH;
    d->local = true;
    plain(ctx, a);
    return MATCHED;
}

static enum match m_semantic(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    int s = tok_lookup(a->word, tgsi_semantic_names, TGSI_SEMANTIC_COUNT);
    if (s < 0)
        return NO_MATCH;
    d->has_semantic = true;
    d->semantic = (enum tgsi_semantic)s;
    if (a->num_args == 1 && a->brackets)
        tok_index(ctx, &a->args[0], "semantic index", &d->semantic_index);
    else if (a->num_args)
        perr(ctx, a->word, "semantic index goes in brackets: %.*s[n]", (int)a->word->len,
             a->word->s);
    return MATCHED;
}

static enum match m_stream(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (!tok_is(a->word, "STREAM"))
        return NO_MATCH;
    if (a->num_args != 4 || a->brackets) {
        perr(ctx, a->word, "STREAM needs four streams: STREAM(x, y, z, w)");
        return MATCHED;
    }
    for (int i = 0; i < 4; i++) {
        if ((a->args[i].flags & TOK_BIG) || a->args[i].v > 3)
            perr(ctx, &a->args[i], "stream %.*s out of range (0 to 3)", (int)a->args[i].len,
                 a->args[i].s);
        else
            d->stream[i] = (uint8_t)a->args[i].v;
    }
    return MATCHED;
}

static enum match m_interp(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    int i = tok_lookup(a->word, tgsi_interpolate_names, TGSI_INTERPOLATE_COUNT);
    if (i < 0)
        return NO_MATCH;
    d->has_interp = true;
    d->interp = (enum tgsi_interpolate)i;
    plain(ctx, a);
    return MATCHED;
}

static enum match m_location(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    int i = tok_lookup(a->word, tgsi_interp_location_names, TGSI_INTERPOLATE_LOC_COUNT);
    if (i < 0)
        return NO_MATCH;
    d->interp_location = (enum tgsi_interp_location)i;
    plain(ctx, a);
    return MATCHED;
}

static enum match m_invariant(parse_ctx *ctx, ast_decl *d, const attr *a)
{
    if (!tok_is(a->word, "INVARIANT"))
        return NO_MATCH;
    d->invariant = true;
    plain(ctx, a);
    return MATCHED;
}

static const struct {
    enum stage stage;
    bool repeats; /* may follow itself: image flags, SVIEW return types */
    enum match (*match)(parse_ctx *, ast_decl *, const attr *);
} matchers[] = {
    { ST_ARRAY, false, m_array },
    { ST_RESOURCE, false, m_resource },
    { ST_RESOURCE_ATTR, true, m_resource_attr },
    { ST_LOCAL, false, m_local },
    { ST_SEMANTIC, false, m_semantic },
    { ST_STREAM, false, m_stream },
    { ST_INTERP, false, m_interp },
    { ST_LOCATION, false, m_location },
    { ST_INVARIANT, false, m_invariant },
};

void decl_attr(parse_ctx *ctx, const tgsi_tok *word, const tgsi_tok *args, unsigned num_args,
               bool brackets)
{
    attr a = { word, args, num_args, brackets };
    for (size_t i = 0; i < sizeof(matchers) / sizeof(matchers[0]); i++) {
        enum stage st = matchers[i].stage;
        if (st < ctx->decl_stage || (st == ctx->decl_stage && !matchers[i].repeats))
            continue;
        if (matchers[i].match(ctx, ctx->decl, &a) == MATCHED) {
            ctx->decl_stage = st;
            return;
        }
    }
    perr(ctx, word, "unexpected '%.*s' in %s declaration", (int)word->len, word->s,
         tgsi_file_names[ctx->decl->file]);
}

void decl_finish(parse_ctx *ctx)
{
    ast_decl *d = ctx->decl;
    const tgsi_tok at = { .line = d->loc.line, .col = d->loc.col };
    if ((d->file == TGSI_FILE_IMAGE || d->file == TGSI_FILE_SAMPLER_VIEW) &&
        !ctx->decl_has_texture)
        perr(ctx, &at, "%s declaration needs a texture target", tgsi_file_names[d->file]);
    if (d->file == TGSI_FILE_SAMPLER_VIEW) {
        unsigned n = ctx->num_return_types;
        if (n == 1)
            for (int i = 1; i < 4; i++)
                d->return_type[i] = d->return_type[0];
        else if (n != 4)
            perr(ctx, &at, "SVIEW declaration needs 1 or 4 return types, got %u", n);
    }
    if (d != &ctx->oom_decl)
        ctx->prog->num_decls++;
}
