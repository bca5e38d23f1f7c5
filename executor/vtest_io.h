/* vtest_io.h: blocking socket helpers for the vtest front end (whole reads and writes, fd
 * passing) and its log line; shared by the server, the replay tool and the protocol test. */
#ifndef VTEST_IO_H
#define VTEST_IO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads exactly len bytes.  Returns 1 on success, 0 on end of file before the first byte,
 * -1 on an error or an end of file in the middle (errno set; EPIPE for the latter). */
int vtest_read_full(int fd, void *buf, size_t len);
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
