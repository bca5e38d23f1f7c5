/* htable.c: the handle -> pointer map used for resources, objects and sub-contexts. */
#include <stdlib.h>
#include <string.h>

#include "vrend_priv.h"

static uint32_t slot_of(uint32_t key, uint32_t cap)
{
    return (key * 2654435761u) & (cap - 1);
}

void *htable_get(const struct htable *t, uint32_t key)
{
    if (!key || !t->cap)
        return NULL;
    for (uint32_t i = slot_of(key, t->cap);; i = (i + 1) & (t->cap - 1)) {
        if (t->keys[i] == key)
            return t->vals[i];
        if (!t->keys[i])
            return NULL;
    }
}

static bool grow(struct htable *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : 64;
    struct htable n = { calloc(ncap, sizeof(uint32_t)), calloc(ncap, sizeof(void *)), ncap, 0 };
    if (!n.keys || !n.vals) {
        free(n.keys);
        free(n.vals);
        return false;
    }
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->keys[i] && t->vals[i])
            htable_put(&n, t->keys[i], t->vals[i]);
    free(t->keys);
    free(t->vals);
    *t = n;
    return true;
}

/* Removed entries keep their key with a NULL value (a tombstone) so probing stays intact;
 * they are dropped on the next grow. */
bool htable_put(struct htable *t, uint32_t key, void *val)
{
    if (!key)
        return false;
    if ((t->count + 1) * 4 >= t->cap * 3 && !grow(t))
        return false;
    uint32_t i = slot_of(key, t->cap), tomb = UINT32_MAX;
    for (;; i = (i + 1) & (t->cap - 1)) {
        if (t->keys[i] == key) {
            t->vals[i] = val;
            return true;
        }
        if (t->keys[i] && !t->vals[i] && tomb == UINT32_MAX)
            tomb = i;
        if (!t->keys[i])
            break;
    }
    if (tomb != UINT32_MAX) {
        /* The key may still sit further on in the probe chain only if it was inserted
         * after the tombstone; the loop above found it first in that case. */
        i = tomb;
    } else {
        t->count++;
    }
    t->keys[i] = key;
    t->vals[i] = val;
    return true;
}

void *htable_remove(struct htable *t, uint32_t key)
{
    if (!key || !t->cap)
        return NULL;
    for (uint32_t i = slot_of(key, t->cap);; i = (i + 1) & (t->cap - 1)) {
        if (t->keys[i] == key) {
            void *v = t->vals[i];
            t->vals[i] = NULL;
            return v;
        }
        if (!t->keys[i])
            return NULL;
    }
}

void htable_free(struct htable *t)
{
    free(t->keys);
    free(t->vals);
    memset(t, 0, sizeof(*t));
}
