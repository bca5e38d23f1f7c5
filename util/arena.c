/* Bump allocator with chained chunks; one free releases a whole compile. */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN 16

typedef struct arena_chunk {
    struct arena_chunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
} chunk;

/* The fast path's stop: the chunk's end, or where the limit would be passed. */
static void set_stop(arena *a)
{
    a->stop = a->end;
    if (a->limit) {
        size_t used = arena_used(a), cap = a->limit + a->reserve;
        size_t left = cap > used ? cap - used : 0;
        if (left < (size_t)(a->end - a->cur))
            a->stop = a->cur + left;
    }
}

/* Starts a chunk with room for `need` bytes; the rest of the old head chunk is left unused. */
static bool new_chunk(arena *a, size_t need)
{
    size_t csize = need > CHUNK_MIN ? need : CHUNK_MIN;
    /* Chunks grow with the arena so large compiles make few mallocs. */
    chunk *h = a->head;
    if (h && csize < h->size * 2 && h->size * 2 <= 16 * 1024 * 1024)
        csize = h->size * 2;
    if (csize > SIZE_MAX - sizeof(chunk))
        return false;
    chunk *c = malloc(sizeof(chunk) + csize);
    if (!c)
        return false;
    c->size = csize;
    c->next = h;
    a->base = h ? arena_used(a) : 0;
    a->head = c;
    a->start = a->cur = c->data;
    a->end = c->data + csize;
    set_stop(a);
    return true;
}

/* The first chunk comes with the arena, so the pointers of the inline paths are never NULL. */
arena *arena_create(void)
{
    arena *a = calloc(1, sizeof(arena));
    if (a && !new_chunk(a, 0)) {
        free(a);
        return NULL;
    }
    return a;
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

/* A new limit starts afresh: no refusal seen, no reserve. */
void arena_set_limit(arena *a, size_t bytes)
{
    a->limit = bytes;
    a->reserve = 0;
    a->limit_hit = false;
    set_stop(a);
}

/* Diagnostics live on the arena: without a reserve, the message saying that the limit was
 * reached could not be allocated when the limit was reached by a small allocation. */
#define REPORT_RESERVE (64 * 1024)

void arena_open_reserve(arena *a)
{
    if (!a->limit || !a->limit_hit || a->reserve)
        return;
    a->reserve = REPORT_RESERVE;
    set_stop(a);
}

/* Reserves `size` bytes (rounded up); NULL when that would pass the limit or no memory is left. */
static void *bump(arena *a, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    size_t used = arena_used(a);
    if (need < size)
        return NULL;
    if (a->limit && (used + need < used || used + need > a->limit + a->reserve)) {
        a->limit_hit = true;
        return NULL;
    }
    if ((size_t)(a->end - a->cur) < need && !new_chunk(a, need))
        return NULL;
    void *p = a->cur;
    a->cur += need;
    return p;
}

void *arena_alloc_slow(arena *a, size_t size) { return bump(a, size); }

/* Grows the most recent allocation in place when it can (appended arrays, strings), else
 * moves it; the new bytes are zeroed when `zero`. */
static void *grow(arena *a, void *old, size_t old_size, size_t new_size, bool zero)
{
    if (new_size <= old_size)
        return old;
    size_t old_need = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    size_t new_need = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    void *p = old;
    if (old && new_need >= new_size && (unsigned char *)old + old_need == a->cur &&
        (size_t)(a->stop - (unsigned char *)old) >= new_need) {
        a->cur += new_need - old_need;
    } else {
        p = arena_alloc_uninit(a, new_size);
        if (!p)
            return NULL;
        if (old)
            memcpy(p, old, old_size);
    }
    if (zero)
        memset((unsigned char *)p + old_size, 0, new_size - old_size);
    return p;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size)
{
    return grow(a, old, old_size, new_size, true);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc_uninit(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
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
    char *p = arena_alloc_uninit(a, (size_t)n + 1);
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
    s->failed = false;
}

/* The slow path of the inline appends: a bigger buffer.  When out of memory the buffer
 * keeps what it had and is marked failed (emitters check it before using the text). */
bool strbuf_grow(strbuf *s, size_t n)
{
    if (s->len + n + 1 <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap * 2 : 256;
    while (cap < s->len + n + 1)
        cap *= 2;
    char *p = grow(s->a, s->data, s->cap, cap, false);
    if (!p) {
        s->failed = true;
        return false;
    }
    s->data = p;
    s->cap = cap;
    return true;
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
    if (!strbuf_grow(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->data + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}
