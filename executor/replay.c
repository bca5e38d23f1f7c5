/* replay.c: `virgl-exec --replay FILE`: re-executes a recorded session (record.h) on a fresh
 * renderer without a client, and says whether it ran to its end without errors. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "replay.h"
#include "vrend.h"
#include "vtest_io.h"
#include "vtest_session.h"

/* Reads one record into *buf (grown as needed).  1: a record, 0: clean end of file, -1:
 * truncated or malformed (message in err). */
static int next_record(FILE *f, uint32_t *kind, uint8_t **buf, size_t *cap, uint32_t *size,
                       char *err, size_t err_len)
{
    uint32_t head[2];
    size_t n = fread(head, 1, sizeof head, f);
    if (n == 0 && feof(f))
        return 0;
    if (n != sizeof head) {
        snprintf(err, err_len, "truncated record header");
        return -1;
    }
    *kind = head[0];
    *size = head[1];
    size_t padded = ((size_t)*size + 3) & ~(size_t)3;
    if (*size > VTEST_MAX_MESSAGE + 64 && *kind != VTREC_SHM) {
        snprintf(err, err_len, "record of %u bytes is too large", *size);
        return -1;
    }
    if (padded > *cap) {
        uint8_t *nb = realloc(*buf, padded);
        if (!nb) {
            snprintf(err, err_len, "out of memory for a %u byte record", *size);
            return -1;
        }
        *buf = nb;
        *cap = padded;
    }
    if (padded && fread(*buf, 1, padded, f) != padded) {
        snprintf(err, err_len, "truncated record (kind %u, %u bytes)", *kind, *size);
        return -1;
    }
    return 1;
}

int vtest_replay(const char *path, const struct vrend_renderer_opts *ro)
{
    char err[256];
    FILE *f = fopen(path, "rb");
    if (!f) {
        vtest_log("replay: cannot open %s: %s", path, strerror(errno));
        return 1;
    }
    char magic[8];
    uint32_t head[2];
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, VTREC_MAGIC, 8) ||
        fread(head, sizeof head, 1, f) != 1 || head[0] != VTREC_FORMAT) {
        vtest_log("replay: %s is not a virgl-exec trace (format %u)", path, VTREC_FORMAT);
        fclose(f);
        return 1;
    }
    struct vrend_renderer *r = vrend_renderer_create(ro, err, sizeof err);
    if (!r) {
        vtest_log("replay: cannot create the renderer: %s", err);
        fclose(f);
        return 1;
    }
    struct vtest_session_opts so = { .renderer = r, .out_fd = -1 };
    struct vtest_session *s = vtest_session_create(&so);

    uint8_t *buf = NULL;
    size_t cap = 0;
    uint64_t records = 0, shm_bytes = 0, readbacks = 0, differ = 0;
    int result = -1;            /* -1 running, 0 reached END cleanly, 1 failed */
    const char *why = "";
    uint32_t recorded_status = 0;
    while (s && result < 0) {
        uint32_t kind, size;
        int rc = next_record(f, &kind, &buf, &cap, &size, err, sizeof err);
        if (rc <= 0) {
            why = rc == 0 ? "the trace ends without an END record (the server died?)" : err;
            result = 1;
            break;
        }
        records++;
        switch (kind) {
        case VTREC_MSG:
            if (vtest_session_dispatch(s, buf, size) < 0) {
                why = "a message failed";
                result = 1;
            }
            break;
        case VTREC_SHM: {
            uint32_t h[4];
            if (size < sizeof h) {
                why = "short SHM record";
                result = 1;
                break;
            }
            memcpy(h, buf, sizeof h);
            uint64_t offset = h[2] | (uint64_t)h[3] << 32;
            if (vtest_session_write_shm(s, h[0], offset, buf + sizeof h, size - sizeof h) < 0) {
                why = "a SHM record does not fit its resource";
                result = 1;
            }
            shm_bytes += size - sizeof h;
            break;
        }
        case VTREC_READBACK: {
            uint64_t b[4], hash;
            if (size < sizeof b) {
                why = "short READBACK record";
                result = 1;
                break;
            }
            memcpy(b, buf, sizeof b);
            readbacks++;
            if (vtest_session_hash(s, (uint32_t)b[0], b[1], b[2], &hash) < 0 || hash != b[3]) {
                if (!differ)
                    vtest_log("replay: readback %llu (resource %u, %llu bytes at %llu) differs "
                              "from the recorded one", (unsigned long long)readbacks,
                              (unsigned)b[0], (unsigned long long)b[2],
                              (unsigned long long)b[1]);
                differ++;
            }
            break;
        }
        case VTREC_END:
            if (size >= 4)
                memcpy(&recorded_status, buf, 4);
            result = 0;
            break;
        default:
            why = "unknown record kind";
            result = 1;
        }
    }
    if (!s)
        why = "out of memory";
    uint64_t msgs = s ? vtest_session_messages(s) : 0;
    vtest_session_destroy(s);
    vrend_renderer_destroy(r);
    free(buf);
    fclose(f);
    if (result == 0 && !differ) {
        printf("replay: %s: %llu messages, %llu guest memory bytes, %llu identical readbacks: "
               "ran to the end without errors%s\n", path, (unsigned long long)msgs,
               (unsigned long long)shm_bytes, (unsigned long long)readbacks,
               recorded_status ? " (the recorded client was ended on an error, though)" : "");
        return recorded_status ? 1 : 0;
    }
    if (result == 0) {
        printf("replay: %s: FAILED: ran to the end, but %llu of %llu readbacks differ from the "
               "recording\n", path, (unsigned long long)differ, (unsigned long long)readbacks);
        return 1;
    }
    printf("replay: %s: FAILED after %llu records (%llu messages): %s\n", path,
           (unsigned long long)records, (unsigned long long)msgs, why);
    return 1;
}
