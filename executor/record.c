/* record.c: writes the session trace described in record.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

struct vtest_recorder {
    FILE *f;
    int failed;
};

struct vtest_recorder *vtest_recorder_open(const char *path, char *err, size_t err_len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, err_len, "cannot create %s: %s", path, strerror(errno));
        return NULL;
    }
    struct vtest_recorder *rec = calloc(1, sizeof *rec);
    uint32_t head[2] = { VTREC_FORMAT, 0 };
    if (!rec || fwrite(VTREC_MAGIC, 8, 1, f) != 1 || fwrite(head, sizeof head, 1, f) != 1) {
        snprintf(err, err_len, "cannot write %s", path);
        fclose(f);
        free(rec);
        return NULL;
    }
    rec->f = f;
    return rec;
}

static int put_record(struct vtest_recorder *rec, uint32_t kind, const void *a, size_t alen,
                      const void *b, size_t blen)
{
    static const char pad[4];
    if (rec->failed)
        return -1;
    if (alen + blen > UINT32_MAX - 4) {
        rec->failed = 1;
        return -1;
    }
    uint32_t head[2] = { kind, (uint32_t)(alen + blen) };
    size_t padding = (4 - (alen + blen) % 4) % 4;
    if (fwrite(head, sizeof head, 1, rec->f) != 1 ||
        (alen && fwrite(a, alen, 1, rec->f) != 1) ||
        (blen && fwrite(b, blen, 1, rec->f) != 1) ||
        (padding && fwrite(pad, padding, 1, rec->f) != 1) ||
        /* Flushed per record so a server that crashes leaves a trace up to the crash. */
        fflush(rec->f) != 0) {
        rec->failed = 1;
        return -1;
    }
    return 0;
}

int vtest_record_message(struct vtest_recorder *rec, const void *msg, size_t len)
{
    return put_record(rec, VTREC_MSG, msg, len, NULL, 0);
}

int vtest_record_shm(struct vtest_recorder *rec, uint32_t handle, uint64_t offset,
                     const void *data, size_t len)
{
    uint32_t head[4] = { handle, 0, (uint32_t)offset, (uint32_t)(offset >> 32) };
    return put_record(rec, VTREC_SHM, head, sizeof head, data, len);
}

int vtest_record_readback(struct vtest_recorder *rec, uint32_t handle, uint64_t offset,
                          uint64_t size, uint64_t hash)
{
    uint64_t body[4] = { handle, offset, size, hash };
    return put_record(rec, VTREC_READBACK, body, sizeof body, NULL, 0);
}

uint64_t vtest_trace_hash(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

void vtest_recorder_close(struct vtest_recorder *rec, uint32_t status)
{
    if (!rec)
        return;
    put_record(rec, VTREC_END, &status, sizeof status, NULL, 0);
    fclose(rec->f);
    free(rec);
}
