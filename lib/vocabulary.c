/* The names of the public header's values (their TGSI spellings), as the IR spells them. */
#include "tgsi2glsl.h"
#include "ir/ir.h"

#include <stddef.h>

__attribute__((visibility("default"))) const char *t2g_semantic_name(unsigned semantic)
{
    return semantic < T2G_SEMANTIC_COUNT ? ir_semantic_name(semantic) : NULL;
}
