/* Per-compile bump allocator: everything a compile allocates comes from one arena, freed at once. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

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
void strbuf_append(strbuf *s, const char *str);
void strbuf_appendn(strbuf *s, const char *str, size_t n);
void strbuf_printf(strbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_putc(strbuf *s, char c);

#endif
