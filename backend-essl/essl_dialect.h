/* The GLSL ES dialects (backend-essl/): the library hands the one of its target to glsl_emit. */
#ifndef ESSL_DIALECT_H
#define ESSL_DIALECT_H

#include "../backend-glsl/glsl_dialect.h"

/* The ES dialect of an ESSL target; NULL for desktop targets. */
const glsl_dialect *glsl_es_dialect(enum t2g_target t);

#endif
