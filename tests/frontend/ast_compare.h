/* Test helper: structural AST equality (source locations excluded) naming the first difference. */
#ifndef AST_COMPARE_H
#define AST_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend/ast.h"

bool ast_equal(const ast_program *a, const ast_program *b, char *why, size_t why_size);

#endif
