/* vtest_server.c: the socket side of virgl-exec: listens, forks a process per client (the
 * EGL context lives in the child, so a crashing client session cannot take the server down)
 * and reads each client's messages for its session. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "record.h"
#include "vrend.h"
#include "vtest_io.h"
#include "vtest_protocol.h"
#include "vtest_server.h"
#include "vtest_session.h"

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    stop_requested = 1;
}

static void on_child(int sig)
{
    /* Only here to interrupt poll() so children are reaped promptly. */
}

static void install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static int listen_on(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof addr.sun_path) {
        vtest_log("socket path too long: %s", path);
        return -1;
    }
    /* Bound under a temporary name and renamed once listening, so that a client that waits
     * for the path to exist never finds a socket that refuses connections. */
    int n = snprintf(addr.sun_path, sizeof addr.sun_path, "%s.%d", path, (int)getpid());
    if (n < 0 || (size_t)n >= sizeof addr.sun_path)
        snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        vtest_log("socket: %s", strerror(errno));
        return -1;
    }
    unlink(addr.sun_path);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 64) < 0 ||
        (strcmp(addr.sun_path, path) && rename(addr.sun_path, path) < 0)) {
        vtest_log("cannot listen on %s: %s", path, strerror(errno));
        unlink(addr.sun_path);
        close(fd);
        return -1;
    }
    return fd;
}

/* Reaps finished client processes; an abnormal end is logged, never fatal. */
static void reap(pid_t want, int *want_status)
{
    int st;
    pid_t pid;
    for (;;) {
        pid = waitpid(want ? want : -1, &st, want ? 0 : WNOHANG);
        if (pid < 0 && errno == EINTR)
            continue;
        if (pid <= 0)
            break;
        if (WIFSIGNALED(st))
            vtest_log("client process %d died of signal %d (%s)", (int)pid, WTERMSIG(st),
                      strsignal(WTERMSIG(st)));
        else if (WIFEXITED(st) && WEXITSTATUS(st))
            vtest_log("client process %d ended its client on an error", (int)pid);
        if (pid == want) {
            *want_status = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
            return;
        }
    }
}

static char *record_path_for(const char *base, unsigned client_no)
{
    char *p = NULL;
    if (client_no == 0)
        return strdup(base);
    if (asprintf(&p, "%s.%u", base, client_no) < 0)
        return NULL;
    return p;
}

/* Grows *buf to at least n bytes (malloc alignment keeps the dwords aligned). */
static bool reserve(uint8_t **buf, size_t *cap, size_t n)
{
    if (n <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 4096;
    while (ncap < n)
        ncap *= 2;
    uint8_t *nb = realloc(*buf, ncap);
    if (!nb)
        return false;
    *buf = nb;
    *cap = ncap;
    return true;
}

/* The watchdog of a client process: a message (a command buffer, a transfer, a wait) that
 * runs for longer than the limit means a guest that keeps the host busy on purpose, e.g. a
 * draw of 2^31 vertices or a shader that never leaves its loop.  The GL driver cannot be
 * interrupted in the middle of such a call, so the process that serves only this client
 * ends, as a GPU's hang check resets the context; the server and other clients go on. */
static char timeout_line[128];
static size_t timeout_line_len;

static void on_message_timeout(int sig)
{
    (void)!write(2, timeout_line, timeout_line_len);
    _exit(1);
}

static void arm_message_timeout(unsigned seconds)
{
    int n = snprintf(timeout_line, sizeof timeout_line,
                     "virgl-exec[%d]: a client message ran for more than %u s; client ended\n",
                     (int)getpid(), seconds);
    timeout_line_len = n > 0 && (size_t)n < sizeof timeout_line ? (size_t)n : 0;
    install(SIGALRM, on_message_timeout, 0);
}

/* Reads and runs messages until the client disconnects (0) or must be ended (1).  With a
 * message timeout, only running a message counts, not waiting for the client. */
static int client_loop(int fd, struct vtest_session *s, unsigned message_timeout)
{
    uint8_t *buf = NULL;
    size_t cap = 0;
    int status = 1;
    char err[160];
    for (;;) {
        uint32_t hdr[VTEST_HDR_DWORDS];
        int rc = vtest_read_full(fd, hdr, sizeof hdr);
        if (rc == 0) {
            status = 0;
            break;
        }
        size_t head, tail;
        /* A client that exits with our last reply unread resets the connection; between
         * messages that is an ordinary end of session, not an error. */
        if (rc < 0 && errno == ECONNRESET) {
            status = 0;
            break;
        }
        if (rc < 0) {
            vtest_log("client read failed: %s", strerror(errno));
            break;
        }
        if (vtest_frame_head(hdr, &head, err, sizeof err) < 0) {
            vtest_log("malformed message after %llu: %s",
                      (unsigned long long)vtest_session_messages(s), err);
            break;
        }
        if (!reserve(&buf, &cap, sizeof hdr + head)) {
            vtest_log("out of memory for a %zu byte message", head);
            break;
        }
        memcpy(buf, hdr, sizeof hdr);
        if (head && vtest_read_full(fd, buf + sizeof hdr, head) != 1) {
            vtest_log("client went away in the middle of a message");
            break;
        }
        if (vtest_frame_tail(hdr, buf + sizeof hdr, &tail, err, sizeof err) < 0) {
            vtest_log("malformed message after %llu: %s",
                      (unsigned long long)vtest_session_messages(s), err);
            break;
        }
        if (!reserve(&buf, &cap, sizeof hdr + head + tail)) {
            vtest_log("out of memory for a %zu byte message", tail);
            break;
        }
        if (tail && vtest_read_full(fd, buf + sizeof hdr + head, tail) != 1) {
            vtest_log("client went away in the middle of a message");
            break;
        }
        if (message_timeout)
            alarm(message_timeout);
        int dispatched = vtest_session_dispatch(s, buf, sizeof hdr + head + tail);
        if (message_timeout)
            alarm(0);
        if (dispatched < 0)
            break;
    }
    free(buf);
    return status;
}

int vtest_serve_client(int fd, const struct vtest_server_opts *opts, unsigned client_no)
{
    char err[256];
    struct vrend_renderer_opts ro = { .gles = opts->gles, .verbose = opts->verbose,
                                      .client_memory_limit = opts->client_memory_limit };
    struct vrend_renderer *r = vrend_renderer_create(&ro, err, sizeof err);
    if (!r) {
        vtest_log("cannot create the renderer: %s", err);
        return 1;
    }
    struct vtest_recorder *rec = NULL;
    if (opts->record_path) {
        char *path = record_path_for(opts->record_path, client_no);
        rec = path ? vtest_recorder_open(path, err, sizeof err) : NULL;
        if (!rec)
            vtest_log("not recording: %s", path ? err : "out of memory");
        free(path);
    }
    struct vtest_session_opts so = { .renderer = r, .out_fd = fd, .rec = rec };
    struct vtest_session *s = vtest_session_create(&so);
    int status = 1;
    /* In-process clients (--no-fork, a debugging mode) would take the server down with them. */
    unsigned timeout = opts->no_fork ? 0 : opts->message_timeout;
    if (timeout)
        arm_message_timeout(timeout);
    if (s)
        status = client_loop(fd, s, timeout);
    else
        vtest_log("out of memory for a session");
    vtest_session_destroy(s);
    vtest_recorder_close(rec, (uint32_t)status);
    vrend_renderer_destroy(r);
    return status;
}

int vtest_server_run(const struct vtest_server_opts *opts)
{
    const char *path = opts->socket_path ? opts->socket_path : VTEST_DEFAULT_SOCKET;
    vtest_log_verbose = opts->verbose;
    /* No SA_RESTART: SIGTERM and SIGCHLD must wake poll().  A second SIGTERM/SIGINT kills,
     * for a --no-fork server stuck in a client. */
    install(SIGTERM, on_stop, SA_RESETHAND);
    install(SIGINT, on_stop, SA_RESETHAND);
    install(SIGCHLD, on_child, SA_NOCLDSTOP);
    install(SIGPIPE, SIG_IGN, 0);

    int lfd = listen_on(path);
    if (lfd < 0)
        return 1;
    vtest_debug("listening on %s (%s)", path, opts->no_fork ? "in-process" : "a process per client");
    unsigned client_no = 0;
    int status = 0;
    while (!stop_requested) {
        reap(0, NULL);
        struct pollfd pfd = { .fd = lfd, .events = POLLIN };
        if (poll(&pfd, 1, 1000) <= 0)
            continue;
        int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
        if (cfd < 0)
            continue;
        unsigned no = client_no++;
        if (opts->no_fork) {
            status = vtest_serve_client(cfd, opts, no);
            close(cfd);
        } else {
            fflush(NULL);
            pid_t pid = fork();
            if (pid == 0) {
                close(lfd);
                install(SIGTERM, SIG_DFL, 0);
                install(SIGINT, SIG_DFL, 0);
                install(SIGCHLD, SIG_DFL, 0);
                /* A client process must not outlive its server. */
                prctl(PR_SET_PDEATHSIG, SIGTERM);
                if (getppid() == 1)
                    _exit(1);
                exit(vtest_serve_client(cfd, opts, no));
            }
            if (pid < 0)
                vtest_log("fork: %s; client dropped", strerror(errno));
            close(cfd);
            if (opts->once && pid > 0)
                reap(pid, &status);
        }
        if (opts->once)
            break;
    }
    close(lfd);
    unlink(path);
    return status;
}
