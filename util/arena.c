/* Bump allocator with chained chunks; one free releases a whole compile. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} chunk;

struct arena {
    chunk *head;
    size_t used, limit;
};

arena *arena_create(void)
{
    return calloc(1, sizeof(arena));
}

void arena_destroy(arena *a)
{
    if (!a)
        return;
    for (chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    free(a);
}

void arena_set_limit(arena *a, size_t bytes) { a->limit = bytes; }
size_t arena_used(const arena *a) { return a->used; }

void *arena_alloc(arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size || (a->limit && (a->used + need < a->used || a->used + need > a->limit)))
        return NULL;
    chunk *c = a->head;
    if (!c || c->size - c->used < need) {
        size_t csize = need > CHUNK_MIN ? need : CHUNK_MIN;
        /* Chunks grow with the arena so large compiles make few mallocs. */
        if (c && csize < c->size * 2 && c->size * 2 <= 16 * 1024 * 1024)
            csize = c->size * 2;
        c = malloc(sizeof(chunk) + csize);
        if (!c)
            return NULL;
        c->size = csize;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    a->used += need;
    memset(p, 0, need);
    return p;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size)
{
    if (new_size <= old_size)
        return old;
    /* Growing the most recent allocation in place avoids a copy for appended arrays. */
    chunk *c = a->head;
    size_t old_need = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    size_t new_need = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (old && c && (unsigned char *)old + old_need == c->data + c->used &&
        c->size - c->used + old_need >= new_need &&
        (!a->limit || a->used + (new_need - old_need) <= a->limit)) {
        memset((unsigned char *)old + old_need, 0, new_need - old_need);
        c->used += new_need - old_need;
        a->used += new_need - old_need;
        return old;
    }
    void *p = arena_alloc(a, new_size);
    if (p && old)
        memcpy(p, old, old_size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

static char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void strbuf_init(strbuf *s, arena *a)
{
    s->a = a;
    s->data = NULL;
    s->len = s->cap = 0;
}

/* Makes room for n more bytes plus the terminating NUL; false when out of memory, in which
 * case the buffer keeps what it had (emitters check for truncation through the arena limit). */
static int strbuf_reserve(strbuf *s, size_t n)
{
    if (s->len + n + 1 <= s->cap)
        return 1;
    size_t cap = s->cap ? s->cap * 2 : 256;
    while (cap < s->len + n + 1)
        cap *= 2;
    char *p = arena_realloc(s->a, s->data, s->cap, cap);
    if (!p)
        return 0;
    s->data = p;
    s->cap = cap;
    return 1;
}

void strbuf_appendn(strbuf *s, const char *str, size_t n)
{
    if (!strbuf_reserve(s, n))
        return;
    memcpy(s->data + s->len, str, n);
    s->len += n;
    s->data[s->len] = 0;
}

void strbuf_append(strbuf *s, const char *str) { strbuf_appendn(s, str, strlen(str)); }

void strbuf_putc(strbuf *s, char c)
{
    if (!strbuf_reserve(s, 1))
        return;
    s->data[s->len++] = c;
    s->data[s->len] = 0;
}

void strbuf_printf(strbuf *s, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        strbuf_appendn(s, small, (size_t)n);
        return;
    }
    if (!strbuf_reserve(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->data + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}
