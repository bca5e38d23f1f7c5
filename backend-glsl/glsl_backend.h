/* The GLSL / GLSL ES backend's entry point: SSA IR -> source text plus reflection. */
#ifndef GLSL_BACKEND_H
#define GLSL_BACKEND_H

#include <stddef.h>

#include "tgsi2glsl.h"
#include "glsl_dialect.h"
#include "../ir/ir.h"

/* Emits `s` in dialect `d` (the one of key->target: glsl_desktop_dialect's or, for ES
 * targets, backend-essl's glsl_es_dialect).  Returns NUL-terminated source on the shader's arena (its length
 * in *out_len), or NULL with an error in s->diags when the target cannot express the shader;
 * never returns invalid source on purpose.  `refl` is filled completely on success. */
const char *glsl_emit(ir_shader *s, const struct t2g_key *key, const glsl_dialect *d,
                      struct t2g_reflection *refl, size_t *out_len);

#endif
