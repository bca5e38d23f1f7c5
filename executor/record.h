/* record.h: the session trace that `virgl-exec --record` writes and `--replay` re-executes.
 *
 * A trace is self-contained: the client's byte stream, cut into messages, plus the bytes of
 * guest shared memory the server read, which the socket never carries.  All integers are
 * little-endian (the host's order; virgl-exec runs on little-endian hosts only).
 *
 *   file    := magic "VTESTREC" (8 bytes), u32 format (VTREC_FORMAT), u32 reserved (0),
 *              record*
 *   record  := u32 kind, u32 size (bytes of body), body, then 0-3 zero bytes so the next
 *              record starts on a 4-byte boundary
 *   VTREC_MSG  body: one client message exactly as read from the socket: the two header
 *              dwords [length, id] and every payload byte the server consumed for it.
 *   VTREC_SHM  body: u32 handle, u32 reserved, u64 offset, then the bytes.  Guest memory of
 *              resource `handle` at `offset` had these bytes when the next message (a
 *              TRANSFER_PUT2, TRANSFER_GET2, or SUBMIT_CMD with TRANSFER3D/COPY_TRANSFER3D
 *              packets that read it) ran.  Only ranges that changed since the resource's
 *              last SHM record or GET2 are written (shared memory starts zeroed; a GET2 writes
 *              the same bytes in the replay, which READBACK checks), so a replay that
 *              applies them in order sees exactly the memory the live server saw.
 *   VTREC_READBACK body: u32 handle, u32 reserved, u64 offset, u64 size, u64 hash: after
 *              the previous message (a TRANSFER_GET2) ran, guest memory of `handle` at
 *              [offset, offset + size) had this FNV-1a hash.  A replay compares, so a replay
 *              that renders differently from the live session is caught.
 *   VTREC_END  body: u32 status: 0 the client disconnected cleanly, 1 the server ended it
 *              on an error.  Missing when the server died mid-session.
 *
 * A replay feeds MSG records through the same dispatcher as the socket (replies are
 * dropped, RESOURCE_CREATE2 maps anonymous memory instead of passing an fd) and copies SHM
 * records into the resource's memory before the message that follows them.
 */
#ifndef VTEST_RECORD_H
#define VTEST_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define VTREC_MAGIC "VTESTREC"
#define VTREC_FORMAT 1u

enum vtrec_kind { VTREC_MSG = 1, VTREC_SHM = 2, VTREC_END = 3, VTREC_READBACK = 4 };

struct vtest_recorder;

/* NULL with a message in err on failure. */
struct vtest_recorder *vtest_recorder_open(const char *path, char *err, size_t err_len);
/* Each returns 0, or -1 once a write failed (the recorder then stays silent). */
int vtest_record_message(struct vtest_recorder *rec, const void *msg, size_t len);
int vtest_record_shm(struct vtest_recorder *rec, uint32_t handle, uint64_t offset,
                     const void *data, size_t len);
int vtest_record_readback(struct vtest_recorder *rec, uint32_t handle, uint64_t offset,
                          uint64_t size, uint64_t hash);
/* FNV-1a over len bytes: the READBACK hash. */
uint64_t vtest_trace_hash(const void *data, size_t len);
/* Writes the END record and closes the file. */
void vtest_recorder_close(struct vtest_recorder *rec, uint32_t status);

#endif
