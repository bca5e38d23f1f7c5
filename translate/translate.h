/* The TGSI -> SSA IR translator's entry point. */
#ifndef TRANSLATE_H
#define TRANSLATE_H

#include "../frontend/ast.h"
#include "../ir/ir.h"

/* What the translation may assume about the host and the compile. */
typedef struct translate_options {
    uint32_t host_features;  /* T2G_HOST_*: FBFETCH needs T2G_HOST_FRAMEBUFFER_FETCH */
    size_t memory_limit;     /* the arena's limit (0: none); translation stops with a
                              * diagnostic well before it, so no allocation can fail */
} translate_options;

/* Translates a parsed program into SSA IR allocated on `a`.  Returns NULL, with
 * diagnostics carrying the AST's line:col, for anything it cannot translate. */
ir_shader *translate_tgsi_opts(arena *a, const ast_program *prog, const translate_options *opts,
                               diag_list *diags);
/* The same with no host features and no memory limit. */
ir_shader *translate_tgsi(arena *a, const ast_program *prog, diag_list *diags);

#endif
