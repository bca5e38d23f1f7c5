/* Per-compile bump allocator: everything a compile allocates comes from one arena, freed at once. */
#ifndef ARENA_H
#define ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct arena arena;

/* Public so the allocation fast path can be inline (a compile makes a few hundred
 * allocations, most of them instructions); only arena.c changes the fields. */
struct arena {
    unsigned char *cur;   /* free space of the head chunk */
    unsigned char *stop;  /* where the inline path stops: the chunk's end, or before it where
                           * the limit would be passed */
    unsigned char *end;   /* the head chunk's end: bytes between cur and it may be written */
    unsigned char *start; /* the head chunk's first byte */
    size_t base;          /* bytes handed out before the head chunk */
    size_t limit;         /* arena_set_limit's cap; 0 = none */
    size_t reserve;       /* bytes allowed past the limit (arena_open_reserve) */
    bool limit_hit;       /* the limit has refused an allocation */
    struct arena_chunk *head;
};

arena *arena_create(void);
void arena_destroy(arena *a);
/* The slow path of the allocations: a new chunk, or NULL at the limit or out of memory. */
void *arena_alloc_slow(arena *a, size_t size);

/* Like arena_alloc but not zeroed: for buffers every byte of which the caller writes before
 * reading (copies, arrays whose elements are initialized as they are used). */
static inline void *arena_alloc_uninit(arena *a, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    if (need >= size && need <= (size_t)(a->stop - a->cur)) {
        void *p = a->cur;
        a->cur += need;
        return p;
    }
    return arena_alloc_slow(a, size);
}

/* Zeroes n bytes at p rounded up to whole 64-byte blocks, with vector stores (memset of a
 * length not known at compile time is a libc call, of a known 128 or more `rep stos`):
 * p must be 16-byte aligned with that much room. */
static inline void arena_zero_blocks(void *p, size_t n)
{
    /* 16 zero bytes; may_alias since the memory is then used as any type. */
    typedef unsigned char zero16 __attribute__((vector_size(16), may_alias));
    for (size_t i = 0; i < n; i += 64) {
        zero16 *z = (zero16 *)((unsigned char *)p + i);
        z[0] = z[1] = z[2] = z[3] = (zero16){ 0 };
    }
}

/* Zeroed, 16-byte aligned; NULL only when the system is out of memory or the arena's limit
 * (arena_set_limit) would be passed. */
static inline void *arena_alloc(arena *a, size_t size)
{
    unsigned char *p = arena_alloc_uninit(a, size);
    if (!p)
        return NULL;
    /* Most allocations are instructions (112 bytes and 16 per source) or a few dozen bytes:
     * clear whole blocks when the chunk has room, the bytes past this allocation being free
     * space that later allocations initialize. */
    size_t blocks = (size + 63) & ~(size_t)63;
    if (blocks >= size && blocks <= (size_t)(a->end - p))
        arena_zero_blocks(p, blocks);
    else
        memset(p, 0, size);
    return p;
}

void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far, and a cap on them (0 = none) so hostile input cannot exhaust memory. */
static inline size_t arena_used(const arena *a) { return a->base + (size_t)(a->cur - a->start); }
void arena_set_limit(arena *a, size_t bytes);
static inline size_t arena_limit(const arena *a) { return a->limit; }
/* Whether the limit (not the system) has refused an allocation. */
static inline bool arena_limit_hit(const arena *a) { return a->limit_hit; }
/* Once the limit has refused an allocation, lets the arena pass it by a small fixed reserve
 * (64 KiB, granted once) so that the failure can still be reported on it. */
void arena_open_reserve(arena *a);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_NEW_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/* Growable byte string on an arena, for emitting source text. */
typedef struct strbuf {
    arena *a;
    char *data;
    size_t len, cap;
    bool failed; /* an append did not fit: the text is truncated */
} strbuf;

void strbuf_init(strbuf *s, arena *a);
void strbuf_printf(strbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes room for n more bytes and the NUL; false when out of memory (the text stays as is). */
bool strbuf_grow(strbuf *s, size_t n);

/* The appends are inline: the emitters call them for every token, mostly with literals,
 * whose length the compiler then knows. */
static inline void strbuf_appendn(strbuf *s, const char *str, size_t n)
{
    if (s->len + n + 1 > s->cap && !strbuf_grow(s, n))
        return;
    memcpy(s->data + s->len, str, n);
    s->len += n;
    s->data[s->len] = 0;
}

static inline void strbuf_append(strbuf *s, const char *str) { strbuf_appendn(s, str, strlen(str)); }

static inline void strbuf_putc(strbuf *s, char c)
{
    if (s->len + 2 > s->cap && !strbuf_grow(s, 1))
        return;
    s->data[s->len++] = c;
    s->data[s->len] = 0;
}

#endif
