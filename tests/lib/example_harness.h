/* What the header's usage example needs around it: the includes a caller has, `use`, and
 * the function the extracted lines become the body of (tests/lib/example_main.c runs it). */
#ifndef EXAMPLE_HARNESS_H
#define EXAMPLE_HARNESS_H

#include <stddef.h>
#include <stdio.h>

#include "tgsi2glsl.h"

void use(const char *source, const struct t2g_reflection *reflection);
int example(const char *text, size_t len);

#endif
