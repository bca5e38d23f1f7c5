/* vtest_io.c: blocking socket helpers and the log line of the vtest front end. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vtest_io.h"

bool vtest_log_verbose;
int vtest_log_client = -1;

/* A read returned 0: a clean end between messages (0), or a message cut short (-1, EPIPE). */
static int stream_ended(size_t got)
{
    if (got == 0)
        return 0;
    errno = EPIPE;
    return -1;
}

int vtest_read_full(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return stream_ended(got);
        got += (size_t)n;
    }
    return 1;
}

/* One read of at most cap bytes; before it would block, the idle hook.  Returns read()'s. */
static ssize_t read_some(struct vtest_reader *rd, void *dst, size_t cap)
{
    ssize_t n;
    if (!rd->not_socket) {
        do
            n = recv(rd->fd, dst, cap, MSG_DONTWAIT);
        while (n < 0 && errno == EINTR);
        if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTSOCK))
            return n;
        if (errno == ENOTSOCK)
            rd->not_socket = true;
    }
    if (rd->idle)
        rd->idle(rd->idle_user);
    do
        n = read(rd->fd, dst, cap);
    while (n < 0 && errno == EINTR);
    return n;
}

int vtest_reader_read(struct vtest_reader *rd, void *buf, size_t len)
{
    unsigned char *p = buf;
    size_t got = 0;
    while (got < len) {
        if (rd->pos < rd->len) {
            size_t k = rd->len - rd->pos < len - got ? rd->len - rd->pos : len - got;
            memcpy(p + got, rd->buf + rd->pos, k);
            rd->pos += k;
            got += k;
            continue;
        }
        bool direct = len - got >= sizeof rd->buf;
        ssize_t n = direct ? read_some(rd, p + got, len - got)
                           : read_some(rd, rd->buf, sizeof rd->buf);
        if (n < 0)
            return -1;
        if (n == 0)
            return stream_ended(got);
        if (direct) {
            got += (size_t)n;
        } else {
            rd->pos = 0;
            rd->len = (size_t)n;
        }
    }
    return 1;
}

int vtest_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        /* send() with MSG_NOSIGNAL so a vanished client is an error, not a SIGPIPE; plain
         * write() for non-sockets (a replay writes replies nowhere, tests use pipes). */
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK)
            n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int vtest_send_fd(int sock, int fd)
{
    char byte = 0;
    struct iovec iov = { &byte, 1 };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    ssize_t n;
    do
        n = sendmsg(sock, &msg, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n == 1 ? 0 : -1;
}

int vtest_recv_fd(int sock)
{
    char byte;
    struct iovec iov = { &byte, 1 };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
    ssize_t n;
    do
        n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    while (n < 0 && errno == EINTR);
    if (n != 1)
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
        c->cmsg_len != CMSG_LEN(sizeof(int)))
        return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return fd;
}

void vtest_log(const char *fmt, ...)
{
    /* Shader sources and link logs come through here whole (the renderer's lines). */
    static char line[16384], out[16384 + 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One write per line so lines of concurrent clients do not interleave. */
    int n = vtest_log_client < 0
                ? snprintf(out, sizeof out, "virgl-exec[%d]: %s\n", (int)getpid(), line)
                : snprintf(out, sizeof out, "virgl-exec[%d] client %d: %s\n", (int)getpid(),
                           vtest_log_client, line);
    if (n > 0)
        (void)!write(2, out, (size_t)n < sizeof out ? (size_t)n : sizeof out - 1);
}
