/* Instruction actions: registers with their brackets, operands assigned to destinations,
 * sources, texture target/offsets and memory qualifiers, checked against the opcode table. */
#include <stddef.h>
#include <string.h>

#include "parse_ctx.h"

static const char *opname(const parse_ctx *ctx)
{
    return tgsi_opcode_infos[ctx->insn->opcode].name;
}

void br_direct(parse_ctx *ctx, const tgsi_tok *index, const tgsi_tok *array_id)
{
    if (ctx->num_br < 2)
        ctx->br[ctx->num_br] = (pbracket){ .at = *index, .index = *index, .array_id = *array_id };
    ctx->num_br++;
}

/* The index part of a FILE[N] token, as a token of its own for messages. */
tgsi_tok reg_index_tok(const tgsi_tok *reg)
{
    tgsi_tok t = *reg;
    const char *open = memchr(reg->s, '[', reg->len);
    if (!open)
        return t; /* already a plain number */
    uint32_t skip = (uint32_t)(open + 1 - reg->s);
    t.s += skip;
    t.col += (int)skip;
    t.len = 0;
    while (t.s[t.len] >= '0' && t.s[t.len] <= '9')
        t.len++;
    return t;
}

/* The swizzle a token carries: a FILE[N].xyzw token's letters, or a separate ".xyzw". */
tgsi_tok swizzle_tok(const tgsi_tok *t)
{
    tgsi_tok s = *t;
    if (t->swz_len) {
        s.s += t->len - t->swz_len;
        s.col += (int)(t->len - t->swz_len);
        s.len = t->swz_len;
        s.flags = TOK_PRESENT;
    } else if (!(t->flags & TOK_PRESENT)) {
        s.len = 0;
        s.flags = 0;
    }
    return s;
}

void br_indirect(parse_ctx *ctx, const tgsi_tok *reg, const tgsi_tok *swz,
                 const tgsi_tok *offset, const tgsi_tok *array_id)
{
    tgsi_tok reg_swz = swizzle_tok(reg);
    if ((reg_swz.flags & TOK_PRESENT) && (swz->flags & TOK_PRESENT))
        perr(ctx, swz, "register has two swizzles");
    if (ctx->num_br < 2)
        ctx->br[ctx->num_br] = (pbracket){ .at = *reg, .indirect = true,
                                           .index = reg_index_tok(reg),
                                           .ind_file = (enum tgsi_file)reg->file,
                                           .swz = reg_swz.flags & TOK_PRESENT ? reg_swz : *swz,
                                           .offset = *offset, .array_id = *array_id };
    ctx->num_br++;
}

/* The common case, FILE[N], without the bracket bookkeeping. */
void reg_simple(parse_ctx *ctx, const tgsi_tok *reg)
{
    ast_reg *r = &ctx->reg;
    memset(r, 0, sizeof(*r));
    ctx->reg_at = *reg;
    r->file = (enum tgsi_file)reg->file;
    if ((reg->flags & TOK_BIG) || reg->v > TGSI_MAX_INDEX) {
        tgsi_tok index = reg_index_tok(reg);
        uint32_t v;
        tok_index(ctx, &index, "register index", &v);
    } else {
        r->index = (int32_t)reg->v;
    }
}

static int swizzle_of(char c)
{
    switch (c | 0x20) {
    case 'x': return TGSI_SWIZZLE_X;
    case 'y': return TGSI_SWIZZLE_Y;
    case 'z': return TGSI_SWIZZLE_Z;
    case 'w': return TGSI_SWIZZLE_W;
    default: return -1;
    }
}

/* Swizzle letters into out[0..n); false when a letter is not x/y/z/w. */
static bool parse_swizzle(const tgsi_tok *t, uint8_t *out)
{
    for (uint32_t i = 0; i < t->len; i++) {
        int s = swizzle_of(t->s[i]);
        if (s < 0)
            return false;
        out[i] = (uint8_t)s;
    }
    return true;
}

/* One bracket's contents: the constant part of the index and the indirect register. */
static void fill_index(parse_ctx *ctx, const pbracket *b, int32_t *index, bool *indirect,
                       ast_indirect *ind)
{
    uint32_t v;
    *indirect = b->indirect;
    if (!b->indirect) {
        tok_index(ctx, &b->index, "register index", &v);
        *index = (int32_t)v;
        return;
    }
    ind->file = b->ind_file;
    tok_index(ctx, &b->index, "register index", &v);
    ind->index = (int32_t)v;
    ind->swizzle = TGSI_SWIZZLE_X;
    if (b->swz.flags & TOK_PRESENT) {
        uint8_t s[4];
        if (b->swz.len != 1 || !parse_swizzle(&b->swz, s))
            perr(ctx, &b->swz, "indirect register needs one component, got '.%.*s'",
                 (int)b->swz.len, b->swz.s);
        else
            ind->swizzle = s[0];
    }
    *index = 0;
    if (b->offset.flags & TOK_PRESENT) {
        tok_index(ctx, &b->offset, "register offset", &v);
        *index = b->offset.flags & TOK_NEGATIVE ? -(int32_t)v : (int32_t)v;
    }
}

static uint16_t array_id_of(parse_ctx *ctx, const pbracket *b)
{
    uint32_t v = 0;
    if (b->array_id.flags & TOK_PRESENT)
        tok_index(ctx, &b->array_id, "array id", &v);
    return (uint16_t)v;
}

void reg_finish(parse_ctx *ctx, const tgsi_tok *at, unsigned file)
{
    ast_reg *r = &ctx->reg;
    memset(r, 0, sizeof(*r));
    ctx->reg_at = *at;
    r->file = (enum tgsi_file)file;
    unsigned n = ctx->num_br;
    ctx->num_br = 0;
    if (n > 2) {
        perr(ctx, at, "register %s has %u brackets; at most 2 are allowed",
             tgsi_file_names[file], n);
        n = 2;
    }
    const pbracket *last = &ctx->br[n - 1];
    fill_index(ctx, last, &r->index, &r->indirect, &r->ind);
    r->array_id = array_id_of(ctx, last);
    if (r->indirect)
        r->ind.array_id = r->array_id;
    if (n == 2) {
        r->has_dim = true;
        fill_index(ctx, &ctx->br[0], &r->dim, &r->dim_indirect, &r->dim_ind);
        r->dim_ind.array_id = array_id_of(ctx, &ctx->br[0]);
    }
}

void insn_begin(parse_ctx *ctx, const tgsi_tok *number, const tgsi_tok *opcode)
{
    ast_program *p = ctx->prog;
    ctx->prev_zero_operand = 0;
    ast_insn *in = grow_array(ctx, p->insns, &ctx->cap_insns, p->num_insns, sizeof(ast_insn));
    if (in) {
        p->insns = in;
        in = &p->insns[p->num_insns];
    } else {
        in = &ctx->oom_insn; /* out of memory: parse on into scratch; the result is NULL */
    }
    /* Clear all but the operand arrays (692 of the 760 bytes): insn_reg_operand fills
     * every field of the operands it counts, and nothing reads past the counts. */
    memset(in, 0, offsetof(ast_insn, dst));
    memset(&in->has_texture, 0, offsetof(ast_insn, tex_offsets) - offsetof(ast_insn, has_texture));
    memset(&in->memory_qualifier, 0, sizeof(*in) - offsetof(ast_insn, memory_qualifier));
    ctx->insn = in;
    in->loc = (ast_loc){ opcode->line, opcode->col };
    in->seq = ctx->seq++;
    in->number = (uint32_t)p->num_insns;
    if (number->len) { /* absent: no_tok */
        in->loc = (ast_loc){ number->line, number->col };
        if (number->flags & TOK_BIG)
            perr(ctx, number, "instruction number %.*s out of range",
                 (int)strspn(number->s, "0123456789"), number->s);
        else
            in->number = number->v;
    }
    in->opcode = (enum tgsi_opcode)opcode->v;
    in->saturate = !!(opcode->flags & TOK_SAT);
    in->precise = !!(opcode->flags & TOK_PRECISE);
    in->texture = TGSI_TEXTURE_UNKNOWN;
    in->tex_return_type = TGSI_RETURN_UNKNOWN;
    in->label = -1;
    ctx->op_tok = *opcode;
    ctx->num_regs = 0;
    ctx->insn_after_word = false;
    ctx->insn_failed = false;
}

static void count_error(parse_ctx *ctx, const tgsi_tok *at, unsigned got)
{
    unsigned want = tgsi_opcode_infos[ctx->insn->opcode].num_src;
    perr(ctx, at, "%s expects %u source operand%s, got %u", opname(ctx), want,
         want == 1 ? "" : "s", got);
    ctx->insn_failed = true;
}

static bool parse_writemask(const tgsi_tok *t, uint8_t *mask)
{
    /* tgsi_text accepts the letters in xyzw order, each at most once. */
    unsigned m = 0, last = 0;
    for (uint32_t i = 0; i < t->len; i++) {
        int s = swizzle_of(t->s[i]);
        if (s < 0 || (unsigned)(1 << s) <= last)
            return false;
        last = 1u << s;
        m |= last;
    }
    *mask = (uint8_t)m;
    return m != 0;
}

void insn_reg_operand(parse_ctx *ctx, const tgsi_tok *first, bool negate, bool absolute,
                      const tgsi_tok *swz_from)
{
    tgsi_tok swz_tok = swizzle_tok(swz_from);
    const tgsi_tok *swz = &swz_tok;
    ast_insn *in = ctx->insn;
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    unsigned flags = tgsi_opcode_flags[in->opcode];
    unsigned i = ctx->num_regs++;
    ast_loc loc = { first->line, first->col };
    bool has_swz = swz->flags & TOK_PRESENT;

    if (i < info->num_dst) {
        ast_dst *d = &in->dst[i];
        d->reg = ctx->reg;
        d->loc = loc;
        d->writemask = TGSI_WRITEMASK_XYZW;
        in->num_dst = (uint8_t)(i + 1);
        if (negate || absolute)
            perr(ctx, first, "destination operand of %s cannot be negated or absolute",
                 opname(ctx));
        if (has_swz && !parse_writemask(swz, &d->writemask))
            perr(ctx, swz, "invalid write mask '.%.*s'", (int)swz->len, swz->s);
        return;
    }
    if (i < info->num_dst + info->num_src) {
        ast_src *s = &in->src[i - info->num_dst];
        s->reg = ctx->reg;
        s->loc = loc;
        s->negate = negate;
        s->absolute = absolute;
        in->num_src = (uint8_t)(i - info->num_dst + 1);
        for (int c = 0; c < 4; c++)
            s->swizzle[c] = (uint8_t)c;
        if (!has_swz)
            return;
        uint8_t sw[4];
        if ((swz->len != 1 && swz->len != 4) || !parse_swizzle(swz, sw)) {
            perr(ctx, swz, "invalid swizzle '.%.*s' (1 or 4 of x, y, z, w)", (int)swz->len,
                 swz->s);
            return;
        }
        for (int c = 0; c < 4; c++)
            s->swizzle[c] = sw[swz->len == 1 ? 0 : c];
        return;
    }
    /* Past the sources: texture offsets, after the target where the opcode prints one. */
    bool offsets_ok = (flags & TGSI_OPF_TEX_OFFSETS) &&
                      (!(flags & TGSI_OPF_TEX_TARGET) || in->has_texture);
    if (!offsets_ok) {
        if (!ctx->insn_failed)
            count_error(ctx, first, i + 1 - info->num_dst);
        return;
    }
    if (in->num_tex_offsets >= AST_MAX_TEX_OFFSETS) {
        perr(ctx, first, "%s takes at most %d texture offsets", opname(ctx),
             AST_MAX_TEX_OFFSETS);
        return;
    }
    ast_tex_offset *o = &in->tex_offsets[in->num_tex_offsets++];
    o->reg = ctx->reg;
    o->swizzle[0] = TGSI_SWIZZLE_X;
    o->swizzle[1] = TGSI_SWIZZLE_Y;
    o->swizzle[2] = TGSI_SWIZZLE_Z;
    if (negate || absolute || ctx->reg.indirect || ctx->reg.has_dim)
        perr(ctx, first, "texture offset must be a plain register");
    uint8_t sw[4];
    if (has_swz) {
        if ((swz->len != 1 && swz->len != 3) || !parse_swizzle(swz, sw))
            perr(ctx, swz, "invalid texture offset swizzle '.%.*s' (1 or 3 of x, y, z, w)",
                 (int)swz->len, swz->s);
        else
            for (int c = 0; c < 3; c++)
                o->swizzle[c] = sw[swz->len == 1 ? 0 : c];
    }
}

/* x, y, z, w (either case, as the lexer guarantees in a T_REG token) to TGSI_SWIZZLE_*. */
static unsigned swizzle_letter(char c)
{
    return (unsigned)((c | 0x20) - 'x') & 3;
}

/* reg_simple() and insn_reg_operand() for an operand that insn_plain_operand() leaves to them;
 * kept out of line so that the common path saves no registers. */
__attribute__((noinline)) static void plain_operand_general(parse_ctx *ctx, const tgsi_tok *first,
                                                            bool negate, bool absolute,
                                                            const tgsi_tok *reg)
{
    reg_simple(ctx, reg);
    insn_reg_operand(ctx, first, negate, absolute, reg);
}

/* A FILE[N](.xyzw) token as a whole operand, possibly negated and/or absolute: most operands
 * are, so it is written straight into the instruction.  Anything that needs a message (an index
 * out of range, a bad mask or swizzle, a modifier on a destination, an operand past the sources)
 * takes the general path, reg_simple() and insn_reg_operand(), which says it exactly as for
 * every other operand. */
void insn_plain_operand(parse_ctx *ctx, const tgsi_tok *first, bool negate, bool absolute,
                        const tgsi_tok *reg)
{
    ast_insn *in = ctx->insn;
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    unsigned i = ctx->num_regs;
    unsigned n = reg->swz_len;
    const char *letters = reg->s + reg->len - n;
    if ((reg->flags & TOK_BIG) || reg->v > TGSI_MAX_INDEX)
        goto general;
    if (i < info->num_dst) {
        unsigned mask = n ? 0 : TGSI_WRITEMASK_XYZW, last = 0;
        for (unsigned k = 0; k < n; k++) {
            unsigned bit = 1u << swizzle_letter(letters[k]);
            if (bit <= last)
                goto general; /* out of xyzw order or repeated */
            mask |= last = bit;
        }
        if (negate || absolute)
            goto general;
        ast_dst *d = &in->dst[i];
        d->reg = (ast_reg){ .file = (enum tgsi_file)reg->file, .index = (int32_t)reg->v };
        d->writemask = (uint8_t)mask;
        d->loc = (ast_loc){ first->line, first->col };
        in->num_dst = (uint8_t)(i + 1);
    } else if (i < (unsigned)info->num_dst + info->num_src) {
        if (n != 0 && n != 1 && n != 4)
            goto general;
        ast_src *s = &in->src[i - info->num_dst];
        s->reg = (ast_reg){ .file = (enum tgsi_file)reg->file, .index = (int32_t)reg->v };
        for (unsigned c = 0; c < 4; c++)
            s->swizzle[c] = (uint8_t)(n == 0 ? c : swizzle_letter(letters[n == 1 ? 0 : c]));
        s->negate = negate;
        s->absolute = absolute;
        s->loc = (ast_loc){ first->line, first->col };
        in->num_src = (uint8_t)(i - info->num_dst + 1);
    } else {
        goto general;
    }
    ctx->num_regs = i + 1;
    return;
general:
    plain_operand_general(ctx, first, negate, absolute, reg);
}

void insn_word_operand(parse_ctx *ctx, const tgsi_tok *w)
{
    ast_insn *in = ctx->insn;
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    unsigned flags = tgsi_opcode_flags[in->opcode];
    ctx->insn_after_word = true;
    if (ctx->num_regs < (unsigned)info->num_dst + info->num_src) {
        if (!ctx->insn_failed)
            count_error(ctx, &ctx->op_tok,
                        ctx->num_regs > info->num_dst ? ctx->num_regs - info->num_dst : 0);
        return;
    }
    int v;
    if ((flags & TGSI_OPF_TEX_TARGET) && !in->has_texture) {
        v = tok_lookup(w, tgsi_texture_names, TGSI_TEXTURE_COUNT);
        if (v < 0) {
            perr(ctx, w, "unknown texture target '%.*s'", (int)w->len, w->s);
            ctx->insn_failed = true;
        }
        in->has_texture = true;
        in->texture = v < 0 ? TGSI_TEXTURE_UNKNOWN : (enum tgsi_texture)v;
        return;
    }
    if (!(flags & TGSI_OPF_MEMORY)) {
        perr(ctx, w, "unexpected '%.*s' after the operands of %s", (int)w->len, w->s,
             opname(ctx));
        return;
    }
    if ((v = tok_lookup(w, tgsi_memory_qualifier_names, 4)) >= 0) {
        in->memory_qualifier |= 1u << v;
    } else if ((v = tok_lookup(w, tgsi_texture_names, TGSI_TEXTURE_COUNT)) >= 0) {
        in->has_memory_texture = true;
        in->memory_texture = (enum tgsi_texture)v;
    } else if (tok_is_format(w)) {
        in->memory_format = intern_format(ctx, w);
    } else {
        perr(ctx, w, "expected a memory qualifier, texture target or format, got '%.*s'",
             (int)w->len, w->s);
    }
}

void insn_finish(parse_ctx *ctx, const tgsi_tok *label)
{
    ast_insn *in = ctx->insn;
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    unsigned flags = tgsi_opcode_flags[in->opcode];
    if (label->flags & TOK_PRESENT) {
        const char *digits = label->s + 1 + strspn(label->s + 1, " \t");
        if (!(flags & TGSI_OPF_LABEL))
            perr(ctx, label, "%s takes no label", opname(ctx));
        else if (label->flags & TOK_BIG || label->v > INT32_MAX)
            perr(ctx, label, "label %.*s out of range", (int)strspn(digits, "0123456789"),
                 digits);
        else
            in->label = (int32_t)label->v;
    }
    if (!ctx->insn_failed) {
        if (ctx->num_regs < (unsigned)info->num_dst + info->num_src)
            count_error(ctx, &ctx->op_tok,
                        ctx->num_regs > info->num_dst ? ctx->num_regs - info->num_dst : 0);
        else if ((flags & TGSI_OPF_TEX_TARGET) && !in->has_texture)
            perr(ctx, &ctx->op_tok, "%s expects a texture target after its operands",
                 opname(ctx));
    }
    if (info->num_dst + info->num_src == 0 && !(flags & TGSI_OPF_TEX_TARGET))
        ctx->prev_zero_operand = in->opcode + 1u;
    if (in != &ctx->oom_insn)
        ctx->prog->num_insns++;
}
