/* Diagnostic list: collected during a compile, formatted on request. */
#include "diag.h"

#include <stdio.h>

void diag_init(diag_list *d, arena *a, const char *filename)
{
    d->a = a;
    d->filename = filename ? filename : "<input>";
    d->head = d->tail = NULL;
    d->num_errors = 0;
}

/* Past this many, further diagnostics add nothing a user can act on and cost memory. */
#define DIAG_MAX 100

static void diag_add(diag_list *d, enum diag_severity sev, int line, int col, const char *fmt,
                     va_list ap)
{
    if (sev == DIAG_ERROR)
        d->num_errors++;
    if (d->num_errors > DIAG_MAX)
        return;
    arena_open_reserve(d->a); /* when the limit was reached: the report still needs room */
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    diag *g = ARENA_NEW(d->a, diag);
    if (!g)
        return;
    g->severity = sev;
    g->line = line;
    g->col = col;
    g->message = arena_strdup(d->a, buf);
    if (d->tail)
        d->tail->next = g;
    else
        d->head = g;
    d->tail = g;
}

void diag_verror(diag_list *d, int line, int col, const char *fmt, va_list ap)
{
    diag_add(d, DIAG_ERROR, line, col, fmt, ap);
}

void diag_error(diag_list *d, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, DIAG_ERROR, line, col, fmt, ap);
    va_end(ap);
}

void diag_warning(diag_list *d, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, DIAG_WARNING, line, col, fmt, ap);
    va_end(ap);
}

const char *diag_size_text(char buf[32], size_t bytes)
{
    if (bytes && bytes % (1u << 20) == 0)
        snprintf(buf, 32, "%zu MiB", bytes >> 20);
    else
        snprintf(buf, 32, "%zu bytes", bytes);
    return buf;
}

void diag_out_of_memory(diag_list *d, int line, int col)
{
    char limit[32];
    if (arena_limit_hit(d->a))
        diag_error(d, line, col, "out of memory: the shader needs more than the %s a compile may use",
                   diag_size_text(limit, arena_limit(d->a)));
    else
        diag_error(d, line, col, "out of memory");
}

const char *diag_format_all(const diag_list *d)
{
    arena_open_reserve(d->a);
    strbuf s;
    strbuf_init(&s, d->a);
    strbuf_append(&s, "");
    for (const diag *g = d->head; g; g = g->next) {
        const char *sev = g->severity == DIAG_ERROR ? "error" : "warning";
        if (g->line > 0)
            strbuf_printf(&s, "%s:%d:%d: %s: %s\n", d->filename, g->line, g->col, sev, g->message);
        else
            strbuf_printf(&s, "%s: %s: %s\n", d->filename, sev, g->message);
    }
    if (d->num_errors > DIAG_MAX)
        strbuf_printf(&s, "%s: error: %d more errors not shown\n", d->filename,
                      d->num_errors - DIAG_MAX);
    return s.data ? s.data : "";
}
