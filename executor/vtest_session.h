/* vtest_session.h: one vtest client's state and the dispatcher of its messages, independent
 * of where the messages come from (a socket, or a trace being replayed). */
#ifndef VTEST_SESSION_H
#define VTEST_SESSION_H

#include <stddef.h>
#include <stdint.h>

struct vrend_renderer;
struct vtest_recorder;
struct vtest_session;

struct vtest_session_opts {
    struct vrend_renderer *renderer;
    int out_fd;                     /* replies and fds go here; -1 drops them (replay) */
    struct vtest_recorder *rec;     /* NULL: not recording */
};

struct vtest_session *vtest_session_create(const struct vtest_session_opts *opts);
/* Frees every resource, mapping and the guest context the client held. */
void vtest_session_destroy(struct vtest_session *s);

/* Framing, in two steps because one message (TRANSFER_PUT v1) carries its data size inside
 * its payload: vtest_frame_head gives the payload bytes that follow the header;
 * vtest_frame_tail the bytes that follow those.  Both return 0, or -1 with a reason in err
 * when the header is malformed. */
int vtest_frame_head(const uint32_t hdr[2], size_t *head_bytes, char *err, size_t err_len);
int vtest_frame_tail(const uint32_t hdr[2], const void *head, size_t *tail_bytes,
                     char *err, size_t err_len);
/* The largest message the server accepts, in bytes. */
#define VTEST_MAX_MESSAGE (256u << 20)

/* Executes one whole message (header, head and tail).  Returns 0, or -1 after logging why
 * the client must be ended. */
int vtest_session_dispatch(struct vtest_session *s, const void *msg, size_t len);

/* Replay: copies recorded guest bytes into resource `handle`'s memory. */
int vtest_session_write_shm(struct vtest_session *s, uint32_t handle, uint64_t offset,
                            const void *data, size_t len);

/* Replay: the READBACK hash of resource `handle`'s memory at [offset, offset + len); -1
 * when the range is not inside it. */
int vtest_session_hash(struct vtest_session *s, uint32_t handle, uint64_t offset, uint64_t len,
                       uint64_t *hash);

/* Messages executed so far (for log lines). */
/* Hands the session's GL work so far to the driver (vrend_renderer_flush). */
void vtest_session_flush(struct vtest_session *s);
uint64_t vtest_session_messages(const struct vtest_session *s);

#endif
