/* Structural AST equality for the round-trip tests: every field but source locations. */
#include "ast_compare.h"

#include <stdio.h>
#include <string.h>

typedef struct cmp {
    char *why;
    size_t size;
    bool differ;
} cmp;

#define SAME(c, what, idx, x, y)                                                          \
    do {                                                                                  \
        if (!(c)->differ && (x) != (y)) {                                                 \
            snprintf((c)->why, (c)->size, "%s %zu: %s differs (%lld vs %lld)", what,       \
                     (size_t)(idx), #x, (long long)(x), (long long)(y));                   \
            (c)->differ = true;                                                           \
        }                                                                                 \
    } while (0)

static void cmp_ind(cmp *c, const char *w, size_t i, const ast_indirect *a, const ast_indirect *b)
{
    SAME(c, w, i, a->file, b->file);
    SAME(c, w, i, a->index, b->index);
    SAME(c, w, i, a->swizzle, b->swizzle);
    SAME(c, w, i, a->array_id, b->array_id);
}

static void cmp_reg(cmp *c, const char *w, size_t i, const ast_reg *a, const ast_reg *b)
{
    SAME(c, w, i, a->file, b->file);
    SAME(c, w, i, a->index, b->index);
    SAME(c, w, i, a->indirect, b->indirect);
    if (a->indirect)
        cmp_ind(c, w, i, &a->ind, &b->ind);
    SAME(c, w, i, a->has_dim, b->has_dim);
    SAME(c, w, i, a->dim, b->dim);
    SAME(c, w, i, a->dim_indirect, b->dim_indirect);
    cmp_ind(c, w, i, &a->dim_ind, &b->dim_ind);
    SAME(c, w, i, a->array_id, b->array_id);
}

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static void cmp_insn(cmp *c, size_t i, const ast_insn *a, const ast_insn *b)
{
    const char *w = "instruction";
    SAME(c, w, i, a->seq, b->seq);
    SAME(c, w, i, a->number, b->number);
    SAME(c, w, i, a->opcode, b->opcode);
    SAME(c, w, i, a->saturate, b->saturate);
    SAME(c, w, i, a->precise, b->precise);
    SAME(c, w, i, a->num_dst, b->num_dst);
    SAME(c, w, i, a->num_src, b->num_src);
    for (unsigned k = 0; k < a->num_dst && k < AST_MAX_DST; k++) {
        cmp_reg(c, w, i, &a->dst[k].reg, &b->dst[k].reg);
        SAME(c, w, i, a->dst[k].writemask, b->dst[k].writemask);
    }
    for (unsigned k = 0; k < a->num_src && k < AST_MAX_SRC; k++) {
        cmp_reg(c, w, i, &a->src[k].reg, &b->src[k].reg);
        for (int s = 0; s < 4; s++)
            SAME(c, w, i, a->src[k].swizzle[s], b->src[k].swizzle[s]);
        SAME(c, w, i, a->src[k].negate, b->src[k].negate);
        SAME(c, w, i, a->src[k].absolute, b->src[k].absolute);
    }
    SAME(c, w, i, a->has_texture, b->has_texture);
    SAME(c, w, i, a->texture, b->texture);
    SAME(c, w, i, a->tex_return_type, b->tex_return_type);
    SAME(c, w, i, a->num_tex_offsets, b->num_tex_offsets);
    for (unsigned k = 0; k < a->num_tex_offsets && k < AST_MAX_TEX_OFFSETS; k++) {
        cmp_reg(c, w, i, &a->tex_offsets[k].reg, &b->tex_offsets[k].reg);
        for (int s = 0; s < 3; s++)
            SAME(c, w, i, a->tex_offsets[k].swizzle[s], b->tex_offsets[k].swizzle[s]);
    }
    SAME(c, w, i, a->memory_qualifier, b->memory_qualifier);
    SAME(c, w, i, a->has_memory_texture, b->has_memory_texture);
    SAME(c, w, i, a->memory_texture, b->memory_texture);
    SAME(c, w, i, str_eq(a->memory_format, b->memory_format), 1);
    SAME(c, w, i, a->label, b->label);
}

static void cmp_decl(cmp *c, size_t i, const ast_decl *a, const ast_decl *b)
{
    const char *w = "declaration";
    SAME(c, w, i, a->seq, b->seq);
    SAME(c, w, i, a->file, b->file);
    SAME(c, w, i, a->first, b->first);
    SAME(c, w, i, a->last, b->last);
    SAME(c, w, i, a->has_dim, b->has_dim);
    SAME(c, w, i, a->dim_first, b->dim_first);
    SAME(c, w, i, a->dim_last, b->dim_last);
    SAME(c, w, i, a->usage_mask, b->usage_mask);
    SAME(c, w, i, a->array_id, b->array_id);
    SAME(c, w, i, a->has_semantic, b->has_semantic);
    SAME(c, w, i, a->semantic, b->semantic);
    SAME(c, w, i, a->semantic_index, b->semantic_index);
    SAME(c, w, i, a->has_interp, b->has_interp);
    SAME(c, w, i, a->interp, b->interp);
    SAME(c, w, i, a->interp_location, b->interp_location);
    SAME(c, w, i, a->invariant, b->invariant);
    SAME(c, w, i, a->local, b->local);
    for (int k = 0; k < 4; k++) {
        SAME(c, w, i, a->stream[k], b->stream[k]);
        SAME(c, w, i, a->return_type[k], b->return_type[k]);
    }
    SAME(c, w, i, a->texture, b->texture);
    SAME(c, w, i, str_eq(a->image_format, b->image_format), 1);
    SAME(c, w, i, a->writable, b->writable);
    SAME(c, w, i, a->raw, b->raw);
    SAME(c, w, i, a->atomic, b->atomic);
    SAME(c, w, i, a->memory_type, b->memory_type);
}

bool ast_equal(const ast_program *a, const ast_program *b, char *why, size_t why_size)
{
    cmp c = { why, why_size, false };
    SAME(&c, "program", 0, a->processor, b->processor);
    SAME(&c, "program", 0, a->num_props, b->num_props);
    SAME(&c, "program", 0, a->num_decls, b->num_decls);
    SAME(&c, "program", 0, a->num_imms, b->num_imms);
    SAME(&c, "program", 0, a->num_insns, b->num_insns);
    if (c.differ)
        return false;
    for (size_t i = 0; i < a->num_props; i++) {
        SAME(&c, "property", i, a->props[i].seq, b->props[i].seq);
        SAME(&c, "property", i, a->props[i].prop, b->props[i].prop);
        SAME(&c, "property", i, a->props[i].value, b->props[i].value);
    }
    for (size_t i = 0; i < a->num_imms; i++) {
        const ast_imm *x = &a->imms[i], *y = &b->imms[i];
        SAME(&c, "immediate", i, x->seq, y->seq);
        SAME(&c, "immediate", i, x->index, y->index);
        SAME(&c, "immediate", i, x->type, y->type);
        SAME(&c, "immediate", i, x->num_values, y->num_values);
        for (unsigned k = 0; k < x->num_values && k < 4; k++)
            SAME(&c, "immediate", i, x->words[k], y->words[k]);
    }
    for (size_t i = 0; i < a->num_decls; i++)
        cmp_decl(&c, i, &a->decls[i], &b->decls[i]);
    for (size_t i = 0; i < a->num_insns; i++)
        cmp_insn(&c, i, &a->insns[i], &b->insns[i]);
    return !c.differ;
}
