/* Diagnostics as values: each carries a location and a message; library code never prints. */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stdbool.h>

#include "arena.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

typedef struct diag {
    enum diag_severity severity;
    int line, col; /* 1-based; 0 when the diagnostic has no source position */
    const char *message;
    struct diag *next;
} diag;

typedef struct diag_list {
    arena *a;
    const char *filename; /* used when formatting */
    diag *head, *tail;
    int num_errors;
} diag_list;

void diag_init(diag_list *d, arena *a, const char *filename);
void diag_error(diag_list *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(diag_list *d, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_verror(diag_list *d, int line, int col, const char *fmt, va_list ap);
/* "out of memory", naming the arena's limit when the limit is what refused an allocation. */
void diag_out_of_memory(diag_list *d, int line, int col);
/* A memory size for messages: "256 MiB", or "1000000 bytes" when not whole MiB. */
const char *diag_size_text(char buf[32], size_t bytes);
static inline bool diag_has_errors(const diag_list *d) { return d->num_errors > 0; }
/* "file:line:col: error: message\n" for every diagnostic, one string on the arena. */
const char *diag_format_all(const diag_list *d);

#endif
