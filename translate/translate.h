/* The TGSI -> SSA IR translator's entry point. */
#ifndef TRANSLATE_H
#define TRANSLATE_H

#include "../frontend/ast.h"
#include "../ir/ir.h"

/* Translates a parsed program into SSA IR allocated on `a`.  Returns NULL, with
 * diagnostics carrying the AST's line:col, for anything it cannot translate. */
ir_shader *translate_tgsi(arena *a, const ast_program *prog, diag_list *diags);

#endif
