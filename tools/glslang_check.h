/* In-process GLSL validation with glslang, for the CLI's --validate and the tests. */
#ifndef GLSLANG_CHECK_H
#define GLSLANG_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Compiles `source` (with its own #version line) as the given t2g_stage; true when glslang
 * accepts it.  On failure the info log goes to `log` (truncated to log_size). */
bool glslang_check(const char *source, int t2g_stage, char *log, size_t log_size);

#endif
