/* Walks a recorded or fuzzed vtest client->server byte stream message by message; shared by
 * the vrend fuzz target and the hostile client.  Header-only: the protocol numbers here are
 * the wire's (vtest_protocol.h), not the executor's internals. */
#ifndef VTEST_STREAM_H
#define VTEST_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum vtest_cmd {
    VT_GET_CAPS = 1, VT_RESOURCE_CREATE = 2, VT_RESOURCE_UNREF = 3, VT_TRANSFER_GET = 4,
    VT_TRANSFER_PUT = 5, VT_SUBMIT_CMD = 6, VT_RESOURCE_BUSY_WAIT = 7, VT_CREATE_RENDERER = 8,
    VT_GET_CAPS2 = 9, VT_PING_PROTOCOL_VERSION = 10, VT_PROTOCOL_VERSION = 11,
    VT_RESOURCE_CREATE2 = 12, VT_TRANSFER_GET2 = 13, VT_TRANSFER_PUT2 = 14,
};

/* Payload sizes in dwords of the fixed-size messages. */
enum { VT_RES_CREATE_DW = 10, VT_RES_CREATE2_DW = 11, VT_TRANSFER_DW = 11, VT_TRANSFER2_DW = 10,
       VT_BUSY_WAIT_DW = 2 };

typedef struct vtest_msg {
    uint32_t cmd;
    uint32_t len_field;          /* the header's length word as sent */
    const uint8_t *payload;      /* what the length word covers */
    size_t payload_len;          /* in bytes, clamped to what the stream holds */
    const uint8_t *data;         /* TRANSFER_PUT's inline data after its header */
    size_t data_len;
    size_t offset, size;         /* where the whole message sits in the stream */
    bool truncated;              /* the stream ended inside this message */
} vtest_msg;

static inline uint32_t vt_rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* The payload's n-th dword, 0 when the payload is shorter. */
static inline uint32_t vt_arg(const vtest_msg *m, size_t n)
{
    return (n + 1) * 4 <= m->payload_len ? vt_rd32(m->payload + n * 4) : 0;
}

/* Next message at *pos; false at the end of the stream.  Lengths are never trusted: a
 * message claiming more than the stream holds comes back clamped and marked truncated. */
static inline bool vtest_next(const uint8_t *buf, size_t len, size_t *pos, vtest_msg *m)
{
    size_t p = *pos;
    if (p + 8 > len)
        return false;
    memset(m, 0, sizeof(*m));
    m->offset = p;
    m->len_field = vt_rd32(buf + p);
    m->cmd = vt_rd32(buf + p + 4);
    p += 8;
    /* CREATE_RENDERER counts bytes (a name string); every other length counts dwords. */
    uint64_t want = m->cmd == VT_CREATE_RENDERER ? m->len_field : (uint64_t)m->len_field * 4;
    size_t avail = len - p;
    m->payload = buf + p;
    m->payload_len = want <= avail ? (size_t)want : avail;
    m->truncated = want > avail;
    p += m->payload_len;
    if (m->cmd == VT_TRANSFER_PUT && !m->truncated && m->payload_len >= VT_TRANSFER_DW * 4) {
        uint64_t dlen = vt_arg(m, 10);
        avail = len - p;
        m->data = buf + p;
        m->data_len = dlen <= avail ? (size_t)dlen : avail;
        m->truncated = dlen > avail;
        p += m->data_len;
    }
    m->size = p - m->offset;
    *pos = p;
    return true;
}

/* virgl command buffer header: command 0-7, object 8-15, payload dwords 16-31. */
#define VIRGL_HDR(cmd, obj, len) ((uint32_t)(cmd) | (uint32_t)(obj) << 8 | (uint32_t)(len) << 16)
#define VIRGL_HDR_CMD(h) ((h) & 0xff)
#define VIRGL_HDR_LEN(h) ((h) >> 16)

#endif
