/* shm_pool.h: the shared memory behind a vtest client's RESOURCE_CREATE2 resources, with
 * small pieces reused instead of made and torn down again. */
#ifndef SHM_POOL_H
#define SHM_POOL_H

#include <stddef.h>
#include <stdint.h>

/* Pieces of up to SHM_PIECE_REUSE_MAX bytes may be reused. */
#define SHM_PIECE_REUSE_MAX (64 * 1024)
#define SHM_POOL_FREE_SLOTS 2048
/* Freed pieces hold at most this much memory. */
#define SHM_POOL_FREE_BYTES (8u << 20)

struct shm_piece {
    uint8_t *mem;
    size_t map_size;
    int fd;                     /* kept for reuse while the piece is one of the newest; or -1 */
    struct shm_piece *older, *newer;    /* the live pieces that keep their descriptor */
};

struct shm_pool {
    struct shm_piece *free[SHM_POOL_FREE_SLOTS];   /* freed pieces, freed longest ago first */
    unsigned nfree, free_max;
    size_t free_bytes;
    struct shm_piece *oldest, *newest;
    unsigned kept, kept_max;
};

/* Sizes the pool to the descriptors the process may open (raising its soft limit to the
 * hard one). */
void shm_pool_init(struct shm_pool *pool);

/* size bytes of zeroed shared memory in *piece; returns a descriptor of it for the client,
 * which the caller closes once passed, or -1 (errno set). */
int shm_pool_get(struct shm_pool *pool, size_t size, struct shm_piece **piece);
/* The piece's resource is gone: the piece is kept for reuse or unmapped. */
void shm_pool_put(struct shm_pool *pool, struct shm_piece *piece);
/* Unmaps the freed pieces; pieces put afterwards are unmapped at once. */
void shm_pool_fini(struct shm_pool *pool);

#endif
