/* vtest_io.h: blocking socket helpers for the vtest front end (whole reads and writes, fd
 * passing) and its log line; shared by the server, the replay tool and the protocol test. */
#ifndef VTEST_IO_H
#define VTEST_IO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads exactly len bytes.  Returns 1 on success, 0 on end of file before the first byte,
 * -1 on an error or an end of file in the middle (errno set; EPIPE for the latter). */
int vtest_read_full(int fd, void *buf, size_t len);
/* A client's messages through a buffer: one read() takes whatever the client has sent (a
 * frame's small messages arrive together), reads of at least the buffer's size go straight
 * to their destination, and `idle` runs whenever the next read would wait for the client
 * (the server flushes its GL work then, so the driver renders meanwhile). */
#define VTEST_READER_BUFFER 65536
struct vtest_reader {
    int fd;
    bool not_socket;            /* a pipe (tests): no non-blocking probe */
    void (*idle)(void *user);
    void *idle_user;
    size_t pos, len;
    unsigned char buf[VTEST_READER_BUFFER];
};
/* vtest_read_full's contract, through the reader's buffer. */
int vtest_reader_read(struct vtest_reader *rd, void *buf, size_t len);
/* Writes all of buf; never raises SIGPIPE on sockets.  Returns 0 or -1 (errno set). */
int vtest_write_all(int fd, const void *buf, size_t len);
/* Passes fd over a unix socket with one dummy byte, as the vtest client expects. */
int vtest_send_fd(int sock, int fd);
/* Receives an fd sent by vtest_send_fd; -1 on failure. */
int vtest_recv_fd(int sock);

/* "virgl-exec[pid]: msg" on stderr. */
void vtest_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool vtest_log_verbose;
/* In a client's process: its number, which every log line names (-1 in the server). */
extern int vtest_log_client;
#define vtest_debug(...) do { if (vtest_log_verbose) vtest_log(__VA_ARGS__); } while (0)

#endif
