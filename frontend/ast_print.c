/* Prints an AST in tgsi_dump's format (as virgl sends it: floats as hex bits), statements in
 * their original order, so that text -> AST -> text is the identity on dumps. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"

static const char swizzle_chars[] = "xyzw";

static void print_index(strbuf *o, int32_t index, bool indirect, const ast_indirect *ind)
{
    if (!indirect) {
        strbuf_printf(o, "[%d]", index);
        return;
    }
    strbuf_printf(o, "[%s[%d].%c", tgsi_file_names[ind->file], ind->index,
                  swizzle_chars[ind->swizzle & 3]);
    if (index)
        strbuf_printf(o, "%+d", index);
    strbuf_putc(o, ']');
}

static void print_reg(strbuf *o, const ast_reg *r)
{
    strbuf_append(o, tgsi_file_names[r->file]);
    if (r->has_dim) {
        print_index(o, r->dim, r->dim_indirect, &r->dim_ind);
        if (r->dim_ind.array_id)
            strbuf_printf(o, "(%u)", r->dim_ind.array_id);
    }
    print_index(o, r->index, r->indirect, &r->ind);
    if (r->array_id)
        strbuf_printf(o, "(%u)", r->array_id);
}

static void print_mask(strbuf *o, unsigned mask)
{
    if (mask == TGSI_WRITEMASK_XYZW)
        return;
    strbuf_putc(o, '.');
    for (int c = 0; c < 4; c++)
        if (mask & (1u << c))
            strbuf_putc(o, swizzle_chars[c]);
}

static void print_name(strbuf *o, unsigned v, const char *const *names, unsigned count)
{
    if (v < count && names[v])
        strbuf_append(o, names[v]);
    else
        strbuf_printf(o, "%u", v);
}

/* The properties tgsi_dump prints as words; the rest are numbers. */
static const struct {
    const char *const *names;
    unsigned count;
} property_words[TGSI_PROPERTY_COUNT] = {
    [TGSI_PROPERTY_GS_INPUT_PRIMITIVE] = { tgsi_prim_names, TGSI_PRIM_COUNT },
    [TGSI_PROPERTY_GS_OUTPUT_PRIMITIVE] = { tgsi_prim_names, TGSI_PRIM_COUNT },
    [TGSI_PROPERTY_FS_COORD_ORIGIN] = { tgsi_fs_coord_origin_names, 2 },
    [TGSI_PROPERTY_FS_COORD_PIXEL_CENTER] = { tgsi_fs_coord_pixel_center_names, 2 },
    [TGSI_PROPERTY_NEXT_SHADER] = { tgsi_processor_names, TGSI_PROCESSOR_COUNT },
};

static void print_property(strbuf *o, const ast_property *p)
{
    strbuf_printf(o, "PROPERTY %s ", tgsi_property_names[p->prop]);
    print_name(o, p->value, property_words[p->prop].names, property_words[p->prop].count);
    strbuf_putc(o, '\n');
}

static void print_decl(strbuf *o, const ast_decl *d)
{
    strbuf_printf(o, "DCL %s", tgsi_file_names[d->file]);
    if (d->has_dim) {
        if (d->dim_first == UINT32_MAX)
            strbuf_append(o, "[]");
        else if (d->dim_first == d->dim_last)
            strbuf_printf(o, "[%u]", d->dim_first);
        else
            strbuf_printf(o, "[%u..%u]", d->dim_first, d->dim_last);
    }
    if (d->first == d->last)
        strbuf_printf(o, "[%u]", d->first);
    else
        strbuf_printf(o, "[%u..%u]", d->first, d->last);
    print_mask(o, d->usage_mask);
    if (d->array_id)
        strbuf_printf(o, ", ARRAY(%u)", d->array_id);
    /* Resource attributes before LOCAL, the semantic and STREAM: the order the parser (and
     * tgsi_text) reads them in, so that any accepted declaration prints back parseable. */
    if (d->file == TGSI_FILE_IMAGE) {
        strbuf_printf(o, ", %s", tgsi_texture_names[d->texture]);
        if (d->image_format)
            strbuf_printf(o, ", %s", d->image_format);
        if (d->writable)
            strbuf_append(o, ", WR");
        if (d->raw)
            strbuf_append(o, ", RAW");
    }
    if (d->file == TGSI_FILE_BUFFER && d->atomic)
        strbuf_append(o, ", ATOMIC");
    if (d->file == TGSI_FILE_MEMORY)
        strbuf_printf(o, ", %s", tgsi_memory_type_names[d->memory_type & 3]);
    if (d->file == TGSI_FILE_SAMPLER_VIEW) {
        const enum tgsi_return_type *r = d->return_type;
        strbuf_printf(o, ", %s, %s", tgsi_texture_names[d->texture], tgsi_return_type_names[r[0]]);
        if (r[1] != r[0] || r[2] != r[0] || r[3] != r[0])
            strbuf_printf(o, ", %s, %s, %s", tgsi_return_type_names[r[1]],
                          tgsi_return_type_names[r[2]], tgsi_return_type_names[r[3]]);
    }
    if (d->local)
        strbuf_append(o, ", LOCAL");
    if (d->has_semantic) {
        strbuf_printf(o, ", %s", tgsi_semantic_names[d->semantic]);
        if (d->semantic_index || d->semantic == TGSI_SEMANTIC_GENERIC ||
            d->semantic == TGSI_SEMANTIC_TEXCOORD)
            strbuf_printf(o, "[%u]", d->semantic_index);
    }
    if (d->stream[0] | d->stream[1] | d->stream[2] | d->stream[3])
        strbuf_printf(o, ", STREAM(%u, %u, %u, %u)", d->stream[0], d->stream[1], d->stream[2],
                      d->stream[3]);
    if (d->has_interp)
        strbuf_printf(o, ", %s", tgsi_interpolate_names[d->interp]);
    if (d->interp_location != TGSI_INTERPOLATE_LOC_CENTER)
        strbuf_printf(o, ", %s", tgsi_interp_location_names[d->interp_location]);
    if (d->invariant)
        strbuf_append(o, ", INVARIANT");
    strbuf_putc(o, '\n');
}

/* %10.8f as tgsi_dump, unless that loses bits: then enough digits to read back exactly. */
static void print_double(strbuf *o, uint64_t bits)
{
    double d;
    memcpy(&d, &bits, 8);
    char buf[400];
    snprintf(buf, sizeof(buf), "%10.8f", d);
    double back = strtod(buf, NULL);
    if (memcmp(&back, &d, 8) != 0)
        snprintf(buf, sizeof(buf), "%.17g", d);
    strbuf_append(o, buf);
}

static void print_imm(strbuf *o, const ast_imm *imm)
{
    strbuf_printf(o, "IMM[%u] %s {", imm->index, tgsi_imm_type_names[imm->type]);
    bool wide = imm->type == TGSI_IMM_FLT64 || imm->type == TGSI_IMM_UINT64 ||
                imm->type == TGSI_IMM_INT64;
    for (unsigned i = 0; i < imm->num_values; i += wide ? 2 : 1) {
        uint32_t w = imm->words[i];
        uint64_t q = w | (wide && i + 1 < 4 ? (uint64_t)imm->words[i + 1] << 32 : 0);
        if (i)
            strbuf_append(o, ", ");
        switch (imm->type) {
        case TGSI_IMM_FLT32: strbuf_printf(o, "0x%08x", w); break;
        case TGSI_IMM_UINT32: strbuf_printf(o, "%u", w); break;
        case TGSI_IMM_INT32: strbuf_printf(o, "%d", (int32_t)w); break;
        case TGSI_IMM_FLT64: print_double(o, q); break;
        case TGSI_IMM_UINT64: strbuf_printf(o, "%" PRIu64, q); break;
        case TGSI_IMM_INT64: strbuf_printf(o, "%" PRId64, (int64_t)q); break;
        default: break;
        }
    }
    strbuf_append(o, "}\n");
}

static void print_insn(strbuf *o, const ast_insn *in, int *indent)
{
    unsigned flags = tgsi_opcode_flags[in->opcode];
    strbuf_printf(o, "%3u: ", in->number);
    /* tgsi_dump's nesting counter may go negative on unbalanced input; it then prints none. */
    if (flags & TGSI_OPF_DEDENT)
        (*indent)--;
    for (int i = 0; i < *indent; i++)
        strbuf_append(o, "  ");
    if (flags & TGSI_OPF_INDENT)
        (*indent)++;
    strbuf_append(o, tgsi_opcode_infos[in->opcode].name);
    if (in->saturate)
        strbuf_append(o, "_SAT");
    if (in->precise)
        strbuf_append(o, "_PRECISE");
    const char *sep = " ";
    for (unsigned i = 0; i < in->num_dst; i++, sep = ", ") {
        strbuf_append(o, sep);
        print_reg(o, &in->dst[i].reg);
        print_mask(o, in->dst[i].writemask);
    }
    for (unsigned i = 0; i < in->num_src; i++, sep = ", ") {
        const ast_src *s = &in->src[i];
        strbuf_append(o, sep);
        if (s->negate)
            strbuf_putc(o, '-');
        if (s->absolute)
            strbuf_putc(o, '|');
        print_reg(o, &s->reg);
        if (s->swizzle[0] != 0 || s->swizzle[1] != 1 || s->swizzle[2] != 2 || s->swizzle[3] != 3)
            strbuf_printf(o, ".%c%c%c%c", swizzle_chars[s->swizzle[0] & 3],
                          swizzle_chars[s->swizzle[1] & 3], swizzle_chars[s->swizzle[2] & 3],
                          swizzle_chars[s->swizzle[3] & 3]);
        if (s->absolute)
            strbuf_putc(o, '|');
    }
    if (in->has_texture)
        strbuf_printf(o, ", %s", tgsi_texture_names[in->texture]);
    for (unsigned i = 0; i < in->num_tex_offsets; i++) {
        const ast_tex_offset *t = &in->tex_offsets[i];
        strbuf_append(o, ", ");
        print_reg(o, &t->reg);
        strbuf_printf(o, ".%c%c%c", swizzle_chars[t->swizzle[0] & 3],
                      swizzle_chars[t->swizzle[1] & 3], swizzle_chars[t->swizzle[2] & 3]);
    }
    for (unsigned b = 0; b < 4; b++)
        if (in->memory_qualifier & (1u << b))
            strbuf_printf(o, ", %s", tgsi_memory_qualifier_names[b]);
    if (in->has_memory_texture)
        strbuf_printf(o, ", %s", tgsi_texture_names[in->memory_texture]);
    if (in->memory_format)
        strbuf_printf(o, ", %s", in->memory_format);
    if (in->label >= 0)
        strbuf_printf(o, " :%d", in->label);
    strbuf_putc(o, '\n');
}

void ast_print(const ast_program *p, strbuf *out)
{
    strbuf_printf(out, "%s\n", tgsi_processor_names[p->processor]);
    size_t ip = 0, id = 0, ii = 0, in = 0;
    int indent = 0;
    /* Merge the four statement lists back into text order. */
    for (;;) {
        uint32_t best = UINT32_MAX;
        int which = -1;
        if (ip < p->num_props && p->props[ip].seq < best)
            best = p->props[ip].seq, which = 0;
        if (id < p->num_decls && p->decls[id].seq < best)
            best = p->decls[id].seq, which = 1;
        if (ii < p->num_imms && p->imms[ii].seq < best)
            best = p->imms[ii].seq, which = 2;
        if (in < p->num_insns && p->insns[in].seq < best)
            best = p->insns[in].seq, which = 3;
        switch (which) {
        case 0: print_property(out, &p->props[ip++]); break;
        case 1: print_decl(out, &p->decls[id++]); break;
        case 2: print_imm(out, &p->imms[ii++]); break;
        case 3: print_insn(out, &p->insns[in++], &indent); break;
        default: return;
        }
    }
}
