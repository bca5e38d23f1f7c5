/* vtest_session.c: executes one vtest client's messages on the renderer core: validates and
 * frames each message, keeps the client's resources and their guest memory, and answers. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "record.h"
#include "shm_pool.h"
#include "virgl_wire.h"
#include "vrend.h"
#include "vtest_io.h"
#include "vtest_protocol.h"
#include "vtest_session.h"

/* Guest memory larger than this is refused; shared memory is mapped lazily, but a client
 * must not be able to make the host reserve unbounded address space. */
#define MAX_BACKING ((uint64_t)1 << 30)

/* A client resource as the front end sees it: the guest-visible memory the core's transfers
 * copy from and to.  RESOURCE_CREATE2 resources share it with the client through a memfd;
 * v1 resources get private scratch memory that inline transfer data passes through. */
struct fres {
    struct fres *next;
    uint32_t handle;
    uint8_t *mem;
    size_t size;
    struct shm_piece *shm;      /* where mem is shared with the client; else mem is private */
    uint8_t *shadow;            /* recording: memory as of the last SHM record */
};

/* Mesa's client holds a fence resource per frame of the last second: thousands. */
#define RES_BUCKET_BITS 12
#define RES_BUCKETS (1u << RES_BUCKET_BITS)

struct vtest_session {
    struct vrend_renderer *r;
    struct vrend_context *ctx;
    int out_fd;
    struct vtest_recorder *rec;
    uint32_t version;
    char name[64];              /* the client's process name, for log lines */
    uint64_t messages;
    struct fres *res[RES_BUCKETS];
    struct shm_pool shm;
};

/* ------------------------------------------------------------------ resources */

static struct fres **res_slot(struct vtest_session *s, uint32_t handle)
{
    struct fres **p = &s->res[(handle * 2654435761u) >> (32 - RES_BUCKET_BITS)];
    while (*p && (*p)->handle != handle)
        p = &(*p)->next;
    return p;
}

static struct fres *res_get(struct vtest_session *s, uint32_t handle)
{
    return handle ? *res_slot(s, handle) : NULL;
}

/* Gives back the guest-visible memory: shared pieces to the pool, private memory unmapped. */
static void res_unmap(struct vtest_session *s, struct fres *r)
{
    if (r->shm)
        shm_pool_put(&s->shm, r->shm);
    else if (r->mem)
        munmap(r->mem, r->size);
}

static void res_free(struct vtest_session *s, struct fres *r)
{
    vrend_resource_unref(s->r, r->handle);
    res_unmap(s, r);
    free(r->shadow);
    free(r);
}

/* An upper bound of the memory Mesa lays out for a resource: 32 bytes per texel is the
 * widest format (4 x 64 bit) and a full mip chain at most doubles it.  Buffers are width
 * bytes.  The slack covers block-compressed levels rounded up to whole blocks. */
static uint64_t backing_bound(const struct vrend_resource_desc *d)
{
    if (d->target == PIPE_BUFFER)
        return (uint64_t)d->width + 65536;
    uint64_t v = 64, dims[4] = { d->width, d->height, d->depth, d->array_size };
    for (int i = 0; i < 4; i++)
        if (__builtin_mul_overflow(v, dims[i] ? dims[i] : 1, &v))
            return UINT64_MAX;
    return v + 65536;
}

static void *map_anonymous(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Shared memory for RESOURCE_CREATE2, which the client maps through *fd (to be closed once
 * passed).  In a replay nobody else maps it: private memory, *fd -1. */
static bool map_shared(struct vtest_session *s, struct fres *r, int *fd)
{
    *fd = -1;
    if (s->out_fd < 0)
        return (r->mem = map_anonymous(r->size)) != NULL;
    if ((*fd = shm_pool_get(&s->shm, r->size, &r->shm)) < 0)
        return false;
    r->mem = r->shm->mem;
    return true;
}

/* ------------------------------------------------------------------ replies */

static int reply(struct vtest_session *s, const void *buf, size_t len)
{
    if (s->out_fd < 0)
        return 0;
    if (vtest_write_all(s->out_fd, buf, len) < 0) {
        vtest_log("client '%s': reply failed: %s", s->name, strerror(errno));
        return -1;
    }
    return 0;
}

static int reply_dwords(struct vtest_session *s, uint32_t id, const uint32_t *data, uint32_t n)
{
    uint32_t buf[VTEST_HDR_DWORDS + 4] = { n, id };
    if (n) /* PING replies with no data: memcpy from NULL is undefined even for 0 bytes */
        memcpy(buf + VTEST_HDR_DWORDS, data, n * sizeof *data);
    return reply(s, buf, (VTEST_HDR_DWORDS + n) * sizeof *data);
}

#define FAIL(s, fmt, ...) (vtest_log("client '%s': " fmt, (s)->name, ##__VA_ARGS__), -1)

/* ------------------------------------------------------------------ handlers */

typedef int (*cmd_fn)(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                      const uint8_t *tail);

static int cmd_create_renderer(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                               const uint8_t *tail)
{
    if (s->ctx)
        return FAIL(s, "CREATE_RENDERER sent twice");
    size_t n = hdr[VTEST_HDR_LEN] < sizeof s->name - 1 ? hdr[VTEST_HDR_LEN] : sizeof s->name - 1;
    char name[sizeof s->name];
    memcpy(name, p, n);
    name[n] = 0;
    for (size_t i = 0; name[i]; i++)
        if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7e)
            name[i] = '?';
    snprintf(s->name, sizeof s->name, "%s", name[0] ? name : "(unnamed)");
    s->ctx = vrend_context_create(s->r, s->name);
    if (!s->ctx)
        return FAIL(s, "cannot create a guest context");
    vtest_debug("client '%s': client connected", s->name);
    return 0;
}

static int cmd_ping(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                    const uint8_t *tail)
{
    return reply_dwords(s, VCMD_PING_PROTOCOL_VERSION, NULL, 0);
}

static int cmd_protocol_version(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                                const uint8_t *tail)
{
    uint32_t v = p[0] < VTEST_PROTOCOL_MAX ? p[0] : VTEST_PROTOCOL_MAX;
    /* Version 1 is deprecated: clients that cannot do 2 get the inline-data protocol 0. */
    if (v == 1)
        v = 0;
    s->version = v;
    vtest_debug("client '%s': protocol %u (client asked %u)", s->name, v, p[0]);
    return reply_dwords(s, VCMD_PROTOCOL_VERSION, &v, 1);
}

static int send_caps(struct vtest_session *s, uint32_t set, uint32_t reply_id)
{
    size_t size = vrend_fill_caps(s->r, set, NULL, 0);
    if (!size || size > (1u << 20))
        return FAIL(s, "caps set %u unavailable", set);
    uint32_t *buf = calloc(1, VTEST_HDR_DWORDS * 4 + size);
    if (!buf)
        return FAIL(s, "out of memory");
    vrend_fill_caps(s->r, set, buf + VTEST_HDR_DWORDS, size);
    buf[VTEST_HDR_LEN] = (uint32_t)size + 1;
    buf[VTEST_HDR_ID] = reply_id;
    int ret = reply(s, buf, VTEST_HDR_DWORDS * 4 + size);
    free(buf);
    return ret;
}

static int cmd_get_caps(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                        const uint8_t *tail)
{
    return send_caps(s, 1, VCAPS_REPLY_ID_V1);
}

static int cmd_get_caps2(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                         const uint8_t *tail)
{
    return send_caps(s, 2, VCAPS_REPLY_ID_V2);
}

/* A descriptor that mmap refuses (a pipe), in answer to a RESOURCE_CREATE2 that failed. */
static int send_unmappable_fd(struct vtest_session *s)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return FAIL(s, "pipe: %s", strerror(errno));
    int ret = vtest_send_fd(s->out_fd, fds[0]);
    close(fds[0]);
    close(fds[1]);
    return ret < 0 ? FAIL(s, "cannot answer a failed resource creation: %s", strerror(errno)) : 0;
}

static int create_resource(struct vtest_session *s, const uint32_t *p, bool v2)
{
    uint32_t handle = p[VRES_HANDLE];
    struct vrend_resource_desc d = {
        .target = p[VRES_TARGET], .format = p[VRES_FORMAT], .bind = p[VRES_BIND],
        .width = p[VRES_WIDTH], .height = p[VRES_HEIGHT], .depth = p[VRES_DEPTH],
        .array_size = p[VRES_ARRAY_SIZE], .last_level = p[VRES_LAST_LEVEL],
        .nr_samples = p[VRES_NR_SAMPLES],
    };
    if (!handle)
        return FAIL(s, "resource handle 0");
    if (res_get(s, handle))
        return FAIL(s, "resource %u created twice", handle);
    if (d.target >= PIPE_MAX_TEXTURE_TYPES)
        return FAIL(s, "resource %u: bad target %u", handle, d.target);
    uint64_t bound = backing_bound(&d);
    uint64_t size = v2 ? p[VRES_DATA_SIZE] : (bound < MAX_BACKING ? bound : MAX_BACKING);
    if (size > bound || size > MAX_BACKING)
        return FAIL(s, "resource %u: %llu bytes of guest memory for a %ux%ux%u[%u] resource",
                    handle, (unsigned long long)size, d.width, d.height, d.depth, d.array_size);

    struct fres *r = calloc(1, sizeof *r);
    if (!r)
        return FAIL(s, "out of memory");
    r->handle = handle;
    r->size = (size_t)size;
    int fd = -1;
    if (size) {
        bool mapped = v2 ? map_shared(s, r, &fd) : (r->mem = map_anonymous(r->size)) != NULL;
        if (!mapped) {
            free(r);
            return FAIL(s, "resource %u: cannot map %zu bytes: %s", handle, (size_t)size,
                        strerror(errno));
        }
    }
    struct vrend_iovec mem = { r->mem, r->size };
    int ret = vrend_resource_create(s->r, handle, &d, &mem, r->mem ? 1 : 0);
    if (ret == 0 && (ret = vrend_context_attach_resource(s->ctx, handle)) < 0)
        vrend_resource_unref(s->r, handle);
    if (ret < 0) {
        if (fd >= 0)
            close(fd);
        res_unmap(s, r);
        free(r);
        /* Past the client's memory budget the creation fails as on a GPU out of memory:
         * the client is told (a v2 client gets a descriptor it cannot map, which Mesa
         * reports as GL_OUT_OF_MEMORY) and goes on; the handle stays unused. */
        if (ret == -ENOMEM)
            return v2 && size ? send_unmappable_fd(s) : 0;
        return FAIL(s, "resource %u (target %u format %u %ux%ux%u): %s", handle, d.target,
                    d.format, d.width, d.height, d.depth, strerror(-ret));
    }
    *res_slot(s, handle) = r;
    if (fd >= 0) {
        ret = vtest_send_fd(s->out_fd, fd);
        close(fd);              /* the mapping stays */
        if (ret < 0)
            return FAIL(s, "cannot pass the memory of resource %u: %s", handle, strerror(errno));
    }
    return 0;
}

static int cmd_resource_create(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                               const uint8_t *tail)
{
    return create_resource(s, p, false);
}

static int cmd_resource_create2(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                                const uint8_t *tail)
{
    return create_resource(s, p, true);
}

static int cmd_resource_unref(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                              const uint8_t *tail)
{
    struct fres **slot = res_slot(s, p[0]);
    if (!p[0] || !*slot) {
        /* virglrenderer ignores these too; a client bug, not an attack. */
        vtest_log("client '%s': RESOURCE_UNREF of unknown resource %u ignored", s->name, p[0]);
        return 0;
    }
    struct fres *r = *slot;
    *slot = r->next;
    res_free(s, r);
    return 0;
}

static int cmd_submit(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                      const uint8_t *tail)
{
    if (!vrend_submit(s->ctx, p, hdr[VTEST_HDR_LEN]))
        return FAIL(s, "command buffer of %u dwords rejected (message %llu)", hdr[VTEST_HDR_LEN],
                    (unsigned long long)s->messages);
    return 0;
}

static int cmd_busy_wait(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                         const uint8_t *tail)
{
    uint32_t handle = p[0], flags = p[1];
    if (flags & ~VBUSY_FLAG_WAIT)
        return FAIL(s, "RESOURCE_BUSY_WAIT: unknown flags 0x%x", flags);
    if (handle && !res_get(s, handle))
        return FAIL(s, "RESOURCE_BUSY_WAIT: unknown resource %u", handle);
    int busy = vrend_resource_busy(s->ctx, handle, flags & VBUSY_FLAG_WAIT);
    if (busy < 0)
        return FAIL(s, "RESOURCE_BUSY_WAIT on %u: %s", handle, strerror(-busy));
    uint32_t v = busy ? 1 : 0;
    return reply_dwords(s, VCMD_RESOURCE_BUSY_WAIT, &v, 1);
}

/* Records the guest memory a TRANSFER_PUT2 is about to read: the ranges that changed since
 * the last record, compared in chunks so that a few changed bytes cost one small record. */
static void record_changes(struct vtest_session *s, struct fres *r)
{
    enum { CHUNK = 256 };
    if (!r->shadow && !(r->shadow = calloc(1, r->size))) {
        vtest_log("client '%s': recording: out of memory; trace incomplete", s->name);
        return;
    }
    size_t i = 0;
    while (i < r->size) {
        size_t n = r->size - i < CHUNK ? r->size - i : CHUNK;
        if (!memcmp(r->mem + i, r->shadow + i, n)) {
            i += n;
            continue;
        }
        size_t start = i;
        while (i < r->size) {
            n = r->size - i < CHUNK ? r->size - i : CHUNK;
            if (!memcmp(r->mem + i, r->shadow + i, n))
                break;
            i += n;
        }
        memcpy(r->shadow + start, r->mem + start, i - start);
        vtest_record_shm(s->rec, r->handle, start, r->mem + start, i - start);
    }
}

static void record_resource(struct vtest_session *s, uint32_t handle)
{
    struct fres *r = res_get(s, handle);
    if (r && r->mem)
        record_changes(s, r);
}

/* Command-stream transfers read guest memory too: TRANSFER3D from its resource's memory,
 * COPY_TRANSFER3D from its source buffer's (dword 12 of the packet, after the 11 that
 * TRANSFER3D shares with RESOURCE_INLINE_WRITE).  A buffer that cannot be walked (the core
 * will reject it) records nothing more. */
static void record_submit_reads(struct vtest_session *s, const uint32_t *cmds, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t id = CMD_ID(cmds[i]), len = CMD_LEN(cmds[i]);
        if (len >= n - i)
            break;
        if ((id == CCMD_TRANSFER3D || id == CCMD_COPY_TRANSFER3D) && len >= 1)
            record_resource(s, cmds[i + 1]);
        if (id == CCMD_COPY_TRANSFER3D && len >= 12)
            record_resource(s, cmds[i + 12]);
        i += 1 + (size_t)len;
    }
}

static int transfer(struct vtest_session *s, struct fres *r, const uint32_t *box,
                    uint32_t level, uint32_t stride, uint32_t layer_stride, uint64_t offset,
                    bool to_host)
{
    struct vrend_transfer t = {
        .handle = r->handle, .level = level,
        .x = box[0], .y = box[1], .z = box[2], .w = box[3], .h = box[4], .d = box[5],
        .stride = stride, .layer_stride = layer_stride, .offset = offset, .to_host = to_host,
    };
    int ret = vrend_transfer(s->r, &t, NULL, 0);
    if (ret < 0)
        return FAIL(s, "transfer %s resource %u level %u box %u,%u,%u %ux%ux%u offset %llu: %s",
                    to_host ? "to" : "from", r->handle, level, t.x, t.y, t.z, t.w, t.h, t.d,
                    (unsigned long long)offset, strerror(-ret));
    return 0;
}

/* TRANSFER_GET2 / PUT2: the data lives in the resource's shared memory at offset. */
static int transfer2(struct vtest_session *s, const uint32_t *p, bool put)
{
    struct fres *r = res_get(s, p[VXFER2_HANDLE]);
    if (!r)
        return FAIL(s, "TRANSFER_%s2: unknown resource %u", put ? "PUT" : "GET", p[VXFER2_HANDLE]);
    /* DATA_SIZE is the guest's loose estimate (whole strides for the last row too, so it can
     * pass the end of the store for a box at the end); the core checks the exact bytes the
     * box touches against the store. */
    uint64_t offset = p[VXFER2_OFFSET], size = p[VXFER2_DATA_SIZE];
    if (!r->mem || offset > r->size)
        return FAIL(s, "TRANSFER_%s2: %llu bytes at %llu outside the %zu bytes of resource %u",
                    put ? "PUT" : "GET", (unsigned long long)size, (unsigned long long)offset,
                    r->size, r->handle);
    return transfer(s, r, p + VXFER2_X, p[VXFER2_LEVEL], 0, 0, offset, put);
}

static int cmd_transfer_get2(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                             const uint8_t *tail)
{
    return transfer2(s, p, false);
}

static int cmd_transfer_put2(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                             const uint8_t *tail)
{
    return transfer2(s, p, true);
}

/* TRANSFER_GET / PUT (protocol 0): the data travels inline; it passes through the start of
 * the resource's memory. */
static int transfer1(struct vtest_session *s, const uint32_t *p, const uint8_t *tail, bool put)
{
    struct fres *r = res_get(s, p[VXFER_HANDLE]);
    if (!r)
        return FAIL(s, "TRANSFER_%s: unknown resource %u", put ? "PUT" : "GET", p[VXFER_HANDLE]);
    size_t size = p[VXFER_DATA_SIZE];
    if (size > r->size)
        return FAIL(s, "TRANSFER_%s: %zu bytes for the %zu bytes of resource %u",
                    put ? "PUT" : "GET", size, r->size, r->handle);
    if (put)
        memcpy(r->mem, tail, size);
    if (transfer(s, r, p + VXFER_X, p[VXFER_LEVEL], p[VXFER_STRIDE], p[VXFER_LAYER_STRIDE], 0,
                 put) < 0)
        return -1;
    return put ? 0 : reply(s, r->mem, size);
}

static int cmd_transfer_get(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                            const uint8_t *tail)
{
    return transfer1(s, p, tail, false);
}

static int cmd_transfer_put(struct vtest_session *s, const uint32_t *hdr, const uint32_t *p,
                            const uint8_t *tail)
{
    return transfer1(s, p, tail, true);
}

/* ------------------------------------------------------------------ command table */

enum frame {
    FRAME_DWORDS,       /* length dwords of payload */
    FRAME_BYTES,        /* length bytes (CREATE_RENDERER) */
    FRAME_PUT,          /* 11 dwords, then data_size bytes (length: 11 + data dwords) */
    FRAME_PUT2,         /* 10 dwords (length: 10 + data dwords, which stay in shm) */
};

struct vcmd {
    const char *name;
    enum frame frame;
    uint32_t min_len, max_len;      /* bounds of the header's length field */
    cmd_fn run;
};

static const struct vcmd cmds[VCMD_MAX] = {
    [VCMD_GET_CAPS] = { "GET_CAPS", FRAME_DWORDS, 0, 0, cmd_get_caps },
    [VCMD_RESOURCE_CREATE] = { "RESOURCE_CREATE", FRAME_DWORDS, VRES_CREATE_DWORDS,
                               VRES_CREATE_DWORDS, cmd_resource_create },
    [VCMD_RESOURCE_UNREF] = { "RESOURCE_UNREF", FRAME_DWORDS, 1, 1, cmd_resource_unref },
    [VCMD_TRANSFER_GET] = { "TRANSFER_GET", FRAME_DWORDS, VXFER_DWORDS, VXFER_DWORDS,
                            cmd_transfer_get },
    [VCMD_TRANSFER_PUT] = { "TRANSFER_PUT", FRAME_PUT, VXFER_DWORDS, VTEST_MAX_MESSAGE / 4,
                            cmd_transfer_put },
    [VCMD_SUBMIT_CMD] = { "SUBMIT_CMD", FRAME_DWORDS, 0, VTEST_MAX_MESSAGE / 4, cmd_submit },
    [VCMD_RESOURCE_BUSY_WAIT] = { "RESOURCE_BUSY_WAIT", FRAME_DWORDS, VBUSY_WAIT_DWORDS,
                                  VBUSY_WAIT_DWORDS, cmd_busy_wait },
    [VCMD_CREATE_RENDERER] = { "CREATE_RENDERER", FRAME_BYTES, 1, 1024, cmd_create_renderer },
    [VCMD_GET_CAPS2] = { "GET_CAPS2", FRAME_DWORDS, 0, 0, cmd_get_caps2 },
    [VCMD_PING_PROTOCOL_VERSION] = { "PING_PROTOCOL_VERSION", FRAME_DWORDS, 0, 0, cmd_ping },
    [VCMD_PROTOCOL_VERSION] = { "PROTOCOL_VERSION", FRAME_DWORDS, 1, 1, cmd_protocol_version },
    [VCMD_RESOURCE_CREATE2] = { "RESOURCE_CREATE2", FRAME_DWORDS, VRES_CREATE2_DWORDS,
                                VRES_CREATE2_DWORDS, cmd_resource_create2 },
    [VCMD_TRANSFER_GET2] = { "TRANSFER_GET2", FRAME_DWORDS, VXFER2_DWORDS, VXFER2_DWORDS,
                             cmd_transfer_get2 },
    [VCMD_TRANSFER_PUT2] = { "TRANSFER_PUT2", FRAME_PUT2, VXFER2_DWORDS, VTEST_MAX_MESSAGE / 4,
                             cmd_transfer_put2 },
};

static const struct vcmd *lookup(const uint32_t hdr[2], char *err, size_t err_len)
{
    uint32_t id = hdr[VTEST_HDR_ID], len = hdr[VTEST_HDR_LEN];
    const struct vcmd *c = id < VCMD_MAX && cmds[id].run ? &cmds[id] : NULL;
    if (!c) {
        snprintf(err, err_len, "unknown or unsupported command %u (length %u)", id, len);
        return NULL;
    }
    if (len < c->min_len || len > c->max_len) {
        snprintf(err, err_len, "%s with length %u (expected %u..%u)", c->name, len, c->min_len,
                 c->max_len);
        return NULL;
    }
    return c;
}

int vtest_frame_head(const uint32_t hdr[2], size_t *head_bytes, char *err, size_t err_len)
{
    const struct vcmd *c = lookup(hdr, err, err_len);
    if (!c)
        return -1;
    switch (c->frame) {
    case FRAME_DWORDS: *head_bytes = (size_t)hdr[VTEST_HDR_LEN] * 4; break;
    case FRAME_BYTES: *head_bytes = hdr[VTEST_HDR_LEN]; break;
    case FRAME_PUT: *head_bytes = VXFER_DWORDS * 4; break;
    case FRAME_PUT2: *head_bytes = VXFER2_DWORDS * 4; break;
    }
    return 0;
}

int vtest_frame_tail(const uint32_t hdr[2], const void *head, size_t *tail_bytes,
                     char *err, size_t err_len)
{
    const struct vcmd *c = lookup(hdr, err, err_len);
    if (!c)
        return -1;
    *tail_bytes = 0;
    if (c->frame != FRAME_PUT && c->frame != FRAME_PUT2)
        return 0;
    uint32_t fixed = c->frame == FRAME_PUT ? VXFER_DWORDS : VXFER2_DWORDS;
    uint32_t data_size;
    memcpy(&data_size, (const uint32_t *)head + (c->frame == FRAME_PUT ? VXFER_DATA_SIZE
                                                                       : VXFER2_DATA_SIZE),
           sizeof data_size);
    if (hdr[VTEST_HDR_LEN] != fixed + (uint64_t)(data_size + 3ull) / 4) {
        snprintf(err, err_len, "%s: length %u does not match data size %u", c->name,
                 hdr[VTEST_HDR_LEN], data_size);
        return -1;
    }
    if (c->frame == FRAME_PUT)
        *tail_bytes = data_size;
    return 0;
}

int vtest_session_dispatch(struct vtest_session *s, const void *msg, size_t len)
{
    char err[160];
    const uint32_t *hdr = msg;
    size_t head, tail;
    if (len < VTEST_HDR_DWORDS * 4 || (uintptr_t)msg % 4)
        return FAIL(s, "message of %zu bytes has no header", len);
    if (vtest_frame_head(hdr, &head, err, sizeof err) < 0 ||
        len < VTEST_HDR_DWORDS * 4 + head ||
        vtest_frame_tail(hdr, hdr + VTEST_HDR_DWORDS, &tail, err, sizeof err) < 0)
        return FAIL(s, "malformed message: %s", len < 8 + head ? "truncated" : err);
    if (len != VTEST_HDR_DWORDS * 4 + head + tail)
        return FAIL(s, "malformed message: %zu bytes framed as %zu", len, 8 + head + tail);
    uint32_t id = hdr[VTEST_HDR_ID];
    if (!s->ctx && id != VCMD_CREATE_RENDERER)
        return FAIL(s, "%s before CREATE_RENDERER", cmds[id].name);

    if (s->rec) {
        /* Guest memory first: a replay applies it before running the message.  Before a
         * GET2 too, so that the readback hash covers memory the replay has identically. */
        if (id == VCMD_TRANSFER_PUT2 || id == VCMD_TRANSFER_GET2)
            record_resource(s, hdr[2 + VXFER2_HANDLE]);
        else if (id == VCMD_SUBMIT_CMD)
            record_submit_reads(s, hdr + 2, hdr[VTEST_HDR_LEN]);
        vtest_record_message(s->rec, msg, len);
    }
    s->messages++;
    const uint8_t *body = (const uint8_t *)msg + VTEST_HDR_DWORDS * 4;
    int ret = cmds[id].run(s, hdr, (const uint32_t *)body, body + head);
    if (s->rec && ret == 0 && id == VCMD_TRANSFER_GET2) {
        /* What the client got back: a replay must read back the same bytes. */
        const uint32_t *p = hdr + VTEST_HDR_DWORDS;
        /* DATA_SIZE may pass the end of the memory (see transfer2): hash what is there. */
        struct fres *res = res_get(s, p[VXFER2_HANDLE]);
        uint64_t hash, n = p[VXFER2_DATA_SIZE];
        if (res && p[VXFER2_OFFSET] < res->size && n > res->size - p[VXFER2_OFFSET])
            n = res->size - p[VXFER2_OFFSET];
        if (vtest_session_hash(s, p[VXFER2_HANDLE], p[VXFER2_OFFSET], n, &hash) == 0)
            vtest_record_readback(s->rec, p[VXFER2_HANDLE], p[VXFER2_OFFSET], n, hash);
        /* The replay writes the same bytes (the hash checks it), so they are not news: the
         * next SHM record holds only what the client changes afterwards. */
        struct fres *r = res_get(s, p[VXFER2_HANDLE]);
        if (r && r->shadow)
            memcpy(r->shadow, r->mem, r->size);
    }
    return ret;
}

int vtest_session_hash(struct vtest_session *s, uint32_t handle, uint64_t offset, uint64_t len,
                       uint64_t *hash)
{
    struct fres *r = res_get(s, handle);
    if (!r || !r->mem || offset > r->size || len > r->size - offset)
        return -1;
    *hash = vtest_trace_hash(r->mem + offset, (size_t)len);
    return 0;
}

/* ------------------------------------------------------------------ lifetime */

struct vtest_session *vtest_session_create(const struct vtest_session_opts *opts)
{
    struct vtest_session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->r = opts->renderer;
    s->out_fd = opts->out_fd;
    s->rec = opts->rec;
    snprintf(s->name, sizeof s->name, "(new client)");
    if (s->out_fd >= 0)
        shm_pool_init(&s->shm);
    return s;
}

void vtest_session_destroy(struct vtest_session *s)
{
    if (!s)
        return;
    shm_pool_fini(&s->shm);
    for (unsigned b = 0; b < RES_BUCKETS; b++) {
        while (s->res[b]) {
            struct fres *r = s->res[b];
            s->res[b] = r->next;
            res_free(s, r);
        }
    }
    if (s->ctx)
        vrend_context_destroy(s->ctx);
    free(s);
}

int vtest_session_write_shm(struct vtest_session *s, uint32_t handle, uint64_t offset,
                            const void *data, size_t len)
{
    struct fres *r = res_get(s, handle);
    if (!r || !r->mem || offset > r->size || len > r->size - offset)
        return FAIL(s, "trace: %zu guest bytes at %llu for resource %u that has %zu", len,
                    (unsigned long long)offset, handle, r ? r->size : 0);
    memcpy(r->mem + offset, data, len);
    return 0;
}

void vtest_session_flush(struct vtest_session *s)
{
    vrend_renderer_flush(s->r);
}

uint64_t vtest_session_messages(const struct vtest_session *s)
{
    return s->messages;
}
