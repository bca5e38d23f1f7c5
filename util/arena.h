/* Per-compile bump allocator: everything a compile allocates comes from one arena, freed at once. */
#ifndef ARENA_H
#define ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct arena arena;

arena *arena_create(void);
void arena_destroy(arena *a);
/* Zeroed, 16-byte aligned; NULL only when the system is out of memory or the arena's limit
 * (arena_set_limit) would be passed. */
void *arena_alloc(arena *a, size_t size);
/* Like arena_alloc but not zeroed: for buffers every byte of which the caller writes before
 * reading (copies, arrays whose elements are initialized as they are used). */
void *arena_alloc_uninit(arena *a, size_t size);
void *arena_realloc(arena *a, void *old, size_t old_size, size_t new_size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far, and a cap on them (0 = none) so hostile input cannot exhaust memory. */
size_t arena_used(const arena *a);
void arena_set_limit(arena *a, size_t bytes);

#define ARENA_NEW(a, type) ((type *)arena_alloc((a), sizeof(type)))
#define ARENA_NEW_ARRAY(a, type, n) ((type *)arena_alloc((a), sizeof(type) * (size_t)(n)))

/* Growable byte string on an arena, for emitting source text. */
typedef struct strbuf {
    arena *a;
    char *data;
    size_t len, cap;
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
