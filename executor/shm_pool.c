/* shm_pool.c: shared memory for RESOURCE_CREATE2, with small pieces reused.  Mesa's vtest
 * client makes a fence out of an 8-byte resource every frame and frees an older one; a
 * memfd's creation, mapping and teardown cost the server more than drawing a simple frame.
 * A freed small piece therefore waits, zeroed when taken again, for the next creation of
 * its size.  Reuse needs the memfd, so a small piece keeps its descriptor open while it
 * lives, but only the newest kept_max do: a client that holds more small resources costs no
 * more descriptors than that, and the oldest are the ones that give theirs up.  Mesa's
 * client frees a fence about a second after making it (its resource cache's timeout), so
 * a client drawing N frames a second holds N fences, and reuse needs kept_max above N. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "shm_pool.h"

/* The descriptors the pool may hold: of what the process may open, a reserve is left for
 * everything else; of the rest, half may go to live pieces and a quarter to freed ones.
 * Freed pieces are many because a client's count of live fences swings by hundreds with
 * its frame rate; each swing that empties the free list costs a memfd per fence again. */
#define KEPT_CEILING 8192
#define FD_RESERVE 512

void shm_pool_init(struct shm_pool *pool)
{
    memset(pool, 0, sizeof *pool);
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return;
    if (rl.rlim_cur < rl.rlim_max) {
        struct rlimit raised = { rl.rlim_max, rl.rlim_max };
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl = raised;
    }
    if (rl.rlim_cur <= FD_RESERVE)
        return;
    rlim_t spare = rl.rlim_cur - FD_RESERVE;
    pool->kept_max = spare / 2 < KEPT_CEILING ? (unsigned)(spare / 2) : KEPT_CEILING;
    pool->free_max = spare / 4 < SHM_POOL_FREE_SLOTS ? (unsigned)(spare / 4) : SHM_POOL_FREE_SLOTS;
}

static void unlink_kept(struct shm_pool *pool, struct shm_piece *p)
{
    *(p->older ? &p->older->newer : &pool->oldest) = p->newer;
    *(p->newer ? &p->newer->older : &pool->newest) = p->older;
    p->older = p->newer = NULL;
    pool->kept--;
}

static void link_kept(struct shm_pool *pool, struct shm_piece *p)
{
    if (pool->kept == pool->kept_max) {
        struct shm_piece *old = pool->oldest;
        unlink_kept(pool, old);
        close(old->fd);
        old->fd = -1;
    }
    p->older = pool->newest;
    p->newer = NULL;
    *(pool->newest ? &pool->newest->newer : &pool->oldest) = p;
    pool->newest = p;
    pool->kept++;
}

static void unmap(struct shm_piece *p)
{
    munmap(p->mem, p->map_size);
    if (p->fd >= 0)
        close(p->fd);
    free(p);
}

static int reuse(struct shm_pool *pool, size_t map_size, struct shm_piece **piece)
{
    for (unsigned i = pool->nfree; i-- > 0;) {
        struct shm_piece *p = pool->free[i];
        if (p->map_size != map_size)
            continue;
        int fd = fcntl(p->fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        memmove(pool->free + i, pool->free + i + 1, (--pool->nfree - i) * sizeof *pool->free);
        pool->free_bytes -= p->map_size;
        /* As fresh as a new memfd: nothing of the old resource shows through. */
        memset(p->mem, 0, p->map_size);
        link_kept(pool, p);
        *piece = p;
        return fd;
    }
    errno = ENOENT;
    return -1;
}

int shm_pool_get(struct shm_pool *pool, size_t size, struct shm_piece **piece)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t whole = (size + page - 1) / page * page;
    bool small = whole <= SHM_PIECE_REUSE_MAX;
    int fd;
    if (small && (fd = reuse(pool, whole, piece)) >= 0)
        return fd;
    struct shm_piece *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    p->fd = -1;
    p->map_size = small ? whole : size;
    fd = memfd_create("virgl-exec-res", MFD_CLOEXEC);
    if (fd < 0) {
        free(p);
        return -1;
    }
    void *m = MAP_FAILED;
    if (ftruncate(fd, (off_t)p->map_size) == 0)
        m = mmap(NULL, p->map_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
        int e = errno;
        close(fd);
        free(p);
        errno = e;
        return -1;
    }
    p->mem = m;
    if (small && pool->kept_max && (p->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) >= 0)
        link_kept(pool, p);
    *piece = p;
    return fd;
}

void shm_pool_put(struct shm_pool *pool, struct shm_piece *p)
{
    if (p->fd < 0) {
        unmap(p);
        return;
    }
    unlink_kept(pool, p);
    /* Full: the pieces freed longest ago go, whatever their size, so sizes the client no
     * longer makes do not keep out those it does. */
    while (pool->nfree && (pool->nfree >= pool->free_max ||
                           pool->free_bytes + p->map_size > SHM_POOL_FREE_BYTES)) {
        pool->free_bytes -= pool->free[0]->map_size;
        unmap(pool->free[0]);
        memmove(pool->free, pool->free + 1, --pool->nfree * sizeof *pool->free);
    }
    if (pool->nfree >= pool->free_max) {
        unmap(p);
        return;
    }
    pool->free[pool->nfree++] = p;
    pool->free_bytes += p->map_size;
}

void shm_pool_fini(struct shm_pool *pool)
{
    while (pool->nfree)
        unmap(pool->free[--pool->nfree]);
    pool->free_bytes = 0;
    pool->free_max = 0;
}
