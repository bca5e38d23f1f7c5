/* Actions for the processor header, PROPERTY lines and IMM lines, including the conversion
 * of immediate values to the raw bits tgsi_text would store. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parse_ctx.h"

void set_processor(parse_ctx *ctx, const tgsi_tok *t)
{
    int p = tok_lookup(t, tgsi_processor_names, TGSI_PROCESSOR_COUNT);
    if (p < 0)
        perr(ctx, t, "unknown processor '%.*s' (expected VERT, FRAG, GEOM, TESS_CTRL, "
             "TESS_EVAL or COMP)", (int)t->len, t->s);
    ctx->prog->processor = p < 0 ? TGSI_PROCESSOR_VERTEX : (enum tgsi_processor)p;
}

/* ---- properties */

enum prop_kind { PK_UINT, PK_PRIM, PK_ORIGIN, PK_CENTER, PK_DEPTH_LAYOUT, PK_SPACING,
                 PK_PROCESSOR };

#define X_KIND(name, kind) PK_##kind,
static const uint8_t property_kinds[TGSI_PROPERTY_COUNT] = { TGSI_PROPERTIES(X_KIND) };
#undef X_KIND

/* Words a property value may be spelled with, by kind; the value is the word's index. */
static const struct {
    const char *const *names;
    unsigned count;
} value_names[] = {
    [PK_UINT] = { NULL, 0 },
    [PK_PRIM] = { tgsi_prim_names, TGSI_PRIM_COUNT },
    [PK_ORIGIN] = { tgsi_fs_coord_origin_names, 2 },
    [PK_CENTER] = { tgsi_fs_coord_pixel_center_names, 2 },
    [PK_DEPTH_LAYOUT] = { tgsi_fs_depth_layout_names, 5 },
    [PK_SPACING] = { tgsi_tess_spacing_names, 3 },
    [PK_PROCESSOR] = { tgsi_processor_names, TGSI_PROCESSOR_COUNT },
};

/* NEXT_SHADER numbers are Mesa's pipe_shader_type, whose order differs from ours. */
static const uint8_t pipe_shader_to_processor[] = {
    TGSI_PROCESSOR_VERTEX, TGSI_PROCESSOR_TESS_CTRL, TGSI_PROCESSOR_TESS_EVAL,
    TGSI_PROCESSOR_GEOMETRY, TGSI_PROCESSOR_FRAGMENT, TGSI_PROCESSOR_COMPUTE,
};

void add_property(parse_ctx *ctx, const tgsi_tok *name, const tgsi_tok *value)
{
    ctx->prev_zero_operand = 0;
    int prop = tok_lookup(name, tgsi_property_names, TGSI_PROPERTY_COUNT);
    if (prop < 0) {
        perr(ctx, name, "unknown property '%.*s'", (int)name->len, name->s);
        return;
    }
    enum prop_kind kind = property_kinds[prop];
    uint32_t v;
    if (value->s[0] >= '0' && value->s[0] <= '9') {
        if (value->flags & TOK_BIG) {
            perr(ctx, value, "property value %.*s out of range", (int)value->len, value->s);
            return;
        }
        v = value->v;
        if (kind == PK_PROCESSOR) {
            if (v >= sizeof(pipe_shader_to_processor)) {
                perr(ctx, value, "NEXT_SHADER %u is not a shader stage", v);
                return;
            }
            v = pipe_shader_to_processor[v];
        }
    } else {
        int i = tok_lookup(value, value_names[kind].names, value_names[kind].count);
        if (i < 0) {
            perr(ctx, value, "invalid value '%.*s' for property %s", (int)value->len,
                 value->s, tgsi_property_names[prop]);
            return;
        }
        v = (uint32_t)i;
    }
    ast_program *p = ctx->prog;
    ast_property *props = grow_array(ctx, p->props, &ctx->cap_props, p->num_props,
                                     sizeof(ast_property));
    if (!props)
        return;
    p->props = props;
    props[p->num_props++] = (ast_property){
        .loc = { name->line, name->col }, .seq = ctx->seq++,
        .prop = (enum tgsi_property)prop, .value = v,
    };
}

/* ---- immediates */

bool imm_begin(parse_ctx *ctx, const tgsi_tok *file, const tgsi_tok *index,
               const tgsi_tok *type)
{
    if (file->v != TGSI_FILE_IMMEDIATE) {
        if (ctx->prev_zero_operand)
            perr(ctx, file, "%s takes no operands",
                 tgsi_opcode_infos[ctx->prev_zero_operand - 1].name);
        else
            perr(ctx, file, "expected a statement, got register '%.*s'", (int)file->len,
                 file->s);
        return false;
    }
    ctx->prev_zero_operand = 0;
    ast_program *p = ctx->prog;
    ast_imm *imm = grow_array(ctx, p->imms, &ctx->cap_imms, p->num_imms, sizeof(ast_imm));
    if (imm) {
        p->imms = imm;
        imm = &p->imms[p->num_imms];
    } else {
        imm = &ctx->oom_imm;
    }
    memset(imm, 0, sizeof(*imm));
    ctx->imm = imm;
    ctx->imm_values = 0;
    ctx->imm_failed = false;
    imm->loc = (ast_loc){ file->line, file->col };
    imm->seq = ctx->seq++;
    imm->index = (uint32_t)p->num_imms;
    /* tgsi_text numbers immediates itself and insists the text agrees. */
    if (index && ((index->flags & TOK_BIG) || index->v != p->num_imms))
        perr(ctx, index, "immediate IMM[%.*s] out of order: expected IMM[%zu]",
             (int)index->len, index->s, p->num_imms);
    int t = tok_lookup(type, tgsi_imm_type_names, TGSI_IMM_COUNT);
    if (t < 0) {
        perr(ctx, type, "unknown immediate type '%.*s'", (int)type->len, type->s);
        ctx->imm_failed = true;
        t = 0;
    }
    imm->type = (enum tgsi_imm_type)t;
    return true;
}

static bool is_64bit(enum tgsi_imm_type t)
{
    return t == TGSI_IMM_FLT64 || t == TGSI_IMM_UINT64 || t == TGSI_IMM_INT64;
}

/* The C library's strtod in the "C" locale, on a NUL-terminated copy of the token. */
static bool convert_float(parse_ctx *ctx, const tgsi_tok *sign, const tgsi_tok *num,
                          bool single, uint64_t *bits)
{
    char buf[512];
    size_t n = 0;
    if (num->len + 2 > sizeof(buf))
        return false;
    if (sign)
        buf[n++] = sign->s[0];
    memcpy(buf + n, num->s, num->len);
    buf[n + num->len] = 0;
    if (!ctx->c_locale) {
        ctx->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (!ctx->c_locale)
            return false;
    }
    char *end;
    if (single) {
        float f = strtof_l(buf, &end, ctx->c_locale);
        uint32_t u;
        memcpy(&u, &f, 4);
        *bits = u;
    } else {
        double d = strtod_l(buf, &end, ctx->c_locale);
        memcpy(bits, &d, 8);
    }
    return *end == 0 && end != buf;
}

/* An integer token as tgsi_text's strtoull(.., 0) reads it: decimal, 0x hex or 0 octal. */
static bool convert_u64(const tgsi_tok *num, uint64_t *out)
{
    const char *s = num->s, *e = num->s + num->len;
    unsigned base = 10;
    if (num->len > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
        base = 16;
        s += 2;
    } else if (num->len > 1 && s[0] == '0') {
        base = 8;
    }
    uint64_t v = 0;
    for (; s < e; s++) {
        unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
                     : ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f') ? (unsigned)((*s | 0x20) - 'a' + 10)
                                                                  : 99;
        if (d >= base || v > (UINT64_MAX - d) / base)
            return false;
        v = v * base + d;
    }
    *out = v;
    return true;
}

static bool is_number_token(const tgsi_tok *num)
{
    char c = num->s[0];
    return (c >= '0' && c <= '9') || c == '.';
}

void imm_value(parse_ctx *ctx, const tgsi_tok *sign, const tgsi_tok *num)
{
    ast_imm *imm = ctx->imm;
    if (ctx->imm_failed)
        return;
    unsigned words = is_64bit(imm->type) ? 2 : 1;
    if (ctx->imm_values + words > 4) {
        perr(ctx, num, "too many values for %s immediate (at most %u)",
             tgsi_imm_type_names[imm->type], 4 / words);
        ctx->imm_failed = true;
        return;
    }
    bool neg = sign && sign->s[0] == '-';
    bool hex = num->len > 2 && num->s[0] == '0' && (num->s[1] | 0x20) == 'x';
    uint64_t bits = 0, u = 0;
    bool ok;
    switch (imm->type) {
    case TGSI_IMM_FLT32:
        /* virgl prints float bits as 0x%08x (TGSI_DUMP_FLOAT_AS_HEX); decimals are values. */
        if (hex)
            ok = !sign && convert_u64(num, &bits) && bits <= UINT32_MAX;
        else
            ok = convert_float(ctx, sign, num, true, &bits);
        break;
    case TGSI_IMM_FLT64:
        ok = convert_float(ctx, sign, num, false, &bits);
        break;
    case TGSI_IMM_UINT32:
        ok = !neg && is_number_token(num) && convert_u64(num, &bits) && bits <= UINT32_MAX;
        break;
    case TGSI_IMM_INT32:
        ok = is_number_token(num) && convert_u64(num, &u) && u <= (neg ? 0x80000000u : 0x7fffffffu);
        bits = (uint32_t)(neg ? 0u - (uint32_t)u : (uint32_t)u);
        break;
    case TGSI_IMM_UINT64:
        ok = !neg && is_number_token(num) && convert_u64(num, &bits);
        break;
    case TGSI_IMM_INT64:
        ok = is_number_token(num) && convert_u64(num, &u) &&
             u <= (neg ? (uint64_t)1 << 63 : (uint64_t)INT64_MAX);
        bits = neg ? 0 - u : u;
        break;
    default:
        ok = false;
    }
    if (!ok) {
        perr(ctx, sign ? sign : num, "invalid %s value '%s%.*s'", tgsi_imm_type_names[imm->type],
             sign ? (neg ? "-" : "+") : "", (int)(num->len > 40 ? 40 : num->len), num->s);
        ctx->imm_failed = true;
        return;
    }
    imm->words[ctx->imm_values] = (uint32_t)bits;
    if (words == 2)
        imm->words[ctx->imm_values + 1] = (uint32_t)(bits >> 32);
    ctx->imm_values += words;
}

void imm_finish(parse_ctx *ctx)
{
    ast_imm *imm = ctx->imm;
    imm->num_values = (uint8_t)ctx->imm_values;
    if (imm != &ctx->oom_imm)
        ctx->prog->num_imms++;
}
