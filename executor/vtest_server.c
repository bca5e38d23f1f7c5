/* vtest_server.c: the socket side of virgl-exec: listens, forks a process per client (the
 * EGL context lives in the child, so a crashing client session cannot take the server down)
 * and reads each client's messages for its session. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_json.h"
#include "record.h"
#include "vrend.h"
#include "vtest_io.h"
#include "vtest_protocol.h"
#include "vtest_server.h"
#include "vtest_session.h"

static volatile sig_atomic_t stop_requested;
/* The client this process is serving (-1: none).  SIGINT/SIGTERM end its session as if it
 * had disconnected, so that the renderer is torn down (GL contexts, the EGL display): a
 * GALLIUM_TRACE or a leak checker then sees the process's whole life. */
static volatile sig_atomic_t serving_fd = -1;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
    /* shutdown() is async-signal-safe; a read blocked on the client (or the next one)
     * returns the end of the stream, whenever the signal came. */
    int fd = serving_fd;
    if (fd >= 0)
        shutdown(fd, SHUT_RD);
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

/* A server owns its socket path through a lock file beside it (PATH.lock, holding its pid):
 * a second server on the same path refuses instead of replacing the first one's socket
 * (which the first one's exit would later unlink), and a path that is not a socket is never
 * deleted.  Returns the lock's fd (kept open for the server's life), or -1 (logged). */
static int claim_path(const char *path)
{
    char lock_path[4096];
    if (snprintf(lock_path, sizeof lock_path, "%s.lock", path) >= (int)sizeof lock_path) {
        vtest_log("socket path too long: %s", path);
        return -1;
    }
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        vtest_log("cannot open the lock file %s: %s", lock_path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = 0;
        pid[strcspn(pid, "\n")] = 0;
        vtest_log("%s is served by another server%s%s%s (it holds %s); not taking it over",
                  path, pid[0] ? " (pid " : "", pid, pid[0] ? ")" : "", lock_path);
        close(fd);
        return -1;
    }
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode)) {
        vtest_log("%s exists and is not a socket; not replacing it", path);
        close(fd);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)n, 0) != n)
        vtest_log("cannot write the lock file %s: %s", lock_path, strerror(errno));
    return fd;
}

/* systemd socket activation: the listening socket passed as fd 3 (sd_listen_fds(3)), or -1. */
static int activated_socket(void)
{
    const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
    if (!pid || !fds || atol(pid) != (long)getpid() || atoi(fds) < 1)
        return -1;
    unsetenv("LISTEN_PID");
    unsetenv("LISTEN_FDS");
    unsetenv("LISTEN_FDNAMES");
    int fd = 3;
    int type = 0;
    socklen_t len = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_STREAM) {
        vtest_log("LISTEN_FDS: fd 3 is not a stream socket");
        return -2;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

static struct vrend_renderer_opts renderer_opts(const struct vtest_server_opts *o);

/* Makes and drops a renderer in a child process (the server itself never holds a GL
 * context: client processes are forked from it), so that a host without GL or a bad
 * --rendernode fails at start-up and the start-up line can name the host. */
static bool probe_host(const struct vtest_server_opts *o, char *desc, size_t len)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) {
        snprintf(desc, len, "pipe: %s", strerror(errno));
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        char line[512], err[256];
        struct vrend_renderer_opts ro = renderer_opts(o);
        ro.verbose = false;
        struct vrend_renderer *r = vrend_renderer_create(&ro, err, sizeof err);
        int n = snprintf(line, sizeof line, "%c%s", r ? '+' : '-', r ? vrend_renderer_describe(r) : err);
        (void)!write(p[1], line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        /* Torn down like a client's renderer, so that GALLIUM_TRACE and leak checkers
         * following children see a complete process here too. */
        vrend_renderer_destroy(r);
        _exit(r ? 0 : 1);
    }
    close(p[1]);
    char line[512];
    ssize_t n;
    do
        n = pid < 0 ? -1 : read(p[0], line, sizeof line - 1);
    while (n < 0 && errno == EINTR);    /* a stop now ends the server after the probe */
    close(p[0]);
    int st = 0;
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    line[n > 0 ? n : 0] = 0;
    if (pid < 0 || n <= 1 || line[0] != '+') {
        snprintf(desc, len, "%s", n > 1 ? line + 1 : pid < 0 ? strerror(errno)
                                                             : "the probe process died");
        return false;
    }
    snprintf(desc, len, "%s", line + 1);
    return true;
}

/* A --record path that cannot be written is an error at start-up, not at the first client. */
static bool record_path_ok(const char *path)
{
    bool existed = access(path, F_OK) == 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        vtest_log("cannot write the trace %s: %s", path, strerror(errno));
        return false;
    }
    close(fd);
    if (!existed)
        unlink(path);
    return true;
}

/* CLOCK_MONOTONIC_COARSE in ms: deadlines that need no precision. */
static uint64_t coarse_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* The server's live client processes, so that a stop can end them and wait for them. */
static pid_t *children;
static size_t nchildren, children_cap;

static void child_started(pid_t pid)
{
    if (nchildren == children_cap) {
        size_t cap = children_cap ? children_cap * 2 : 16;
        pid_t *p = realloc(children, cap * sizeof *p);
        if (!p)
            return;     /* not waited for at a stop; PR_SET_PDEATHSIG still ends it */
        children = p;
        children_cap = cap;
    }
    children[nchildren++] = pid;
}

static void child_ended(pid_t pid)
{
    for (size_t i = 0; i < nchildren; i++)
        if (children[i] == pid) {
            children[i] = children[--nchildren];
            return;
        }
}

/* Reaps finished client processes; an abnormal end is logged, never fatal. */
static void reap(pid_t want, int *want_status)
{
    int st;
    pid_t pid;
    bool passed_on = false;
    for (;;) {
        pid = waitpid(want ? want : -1, &st, want ? 0 : WNOHANG);
        if (pid < 0 && errno == EINTR) {
            /* A stop while waiting for the one client of --once goes on to it. */
            if (want && stop_requested && !passed_on) {
                kill(want, SIGTERM);
                passed_on = true;
            }
            continue;
        }
        if (pid <= 0)
            break;
        child_ended(pid);
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

/* A stopping server passes the stop on to its client processes, which end their sessions
 * and tear their renderers down, and waits for them: whoever stopped the server finds
 * their traces complete once it has gone.  One that is still busy after STOP_GRACE_S (a
 * message running; the watchdog's limit may be far longer) is killed. */
static void stop_children(void)
{
    enum { STOP_GRACE_S = 10 };
    for (size_t i = 0; i < nchildren; i++)
        kill(children[i], SIGTERM);
    uint64_t deadline = coarse_ms() + STOP_GRACE_S * 1000;
    while (nchildren && coarse_ms() < deadline) {
        reap(0, NULL);
        if (nchildren) {
            struct timespec nap = { 0, 20 * 1000 * 1000 };
            nanosleep(&nap, NULL);
        }
    }
    for (size_t i = 0; i < nchildren; i++) {
        vtest_log("client process %d did not end within %d s of the stop; killed",
                  (int)children[i], STOP_GRACE_S);
        kill(children[i], SIGKILL);
    }
    while (nchildren) {
        pid_t pid = children[0];
        reap(pid, &(int){ 0 });
        child_ended(pid);   /* gone even where waitpid found nothing to reap */
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
static unsigned timeout_seconds;
/* When the running message began (CLOCK_MONOTONIC_COARSE, ms; 0 between messages).  A
 * thread watches it instead of an alarm() before and after each message: a frame is about
 * ten messages, and two system calls each cost more than the whole check. */
static _Atomic uint64_t message_began;

static void *watchdog(void *arg)
{
    (void)arg;
    for (;;) {
        /* A tenth of the limit between looks: the client ends at most 10% late. */
        struct timespec nap = { timeout_seconds / 10, (long)(timeout_seconds % 10) * 100000000L };
        nanosleep(&nap, NULL);
        uint64_t began = atomic_load_explicit(&message_began, memory_order_relaxed);
        /* began is the start time | 1, so it can be 1 ms past a clock read in the same
         * tick: without the first test the difference wraps and an honest client ends. */
        uint64_t now = coarse_ms();
        if (began && now > began && now - began >= (uint64_t)timeout_seconds * 1000) {
            (void)!write(2, timeout_line, timeout_line_len);
            _exit(1);
        }
    }
    return NULL;
}

static void arm_message_timeout(unsigned seconds)
{
    int n = snprintf(timeout_line, sizeof timeout_line,
                     "virgl-exec[%d]: a client message ran for more than %u s; client ended\n",
                     (int)getpid(), seconds);
    timeout_line_len = n > 0 && (size_t)n < sizeof timeout_line ? (size_t)n : 0;
    timeout_seconds = seconds;
    /* Every signal stays with the main thread (the GL driver's threads block them too). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t t;
    if (pthread_create(&t, NULL, watchdog, NULL) == 0)
        pthread_detach(t);
    else
        vtest_log("no message watchdog: %s", strerror(errno));
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The client has sent nothing more: the GL work so far goes to the driver, which renders
 * while the client reads our answer and sends what follows (a frame's fence, its
 * read-back), instead of starting when the read-back asks for the pixels. */
static void session_idle(void *session)
{
    vtest_session_flush(session);
}

/* Reads and runs messages until the client disconnects (0) or must be ended (1).  With a
 * message timeout, only running a message counts, not waiting for the client. */
static int client_loop(int fd, struct vtest_session *s, unsigned message_timeout)
{
    uint8_t *buf = NULL;
    size_t cap = 0;
    int status = 1;
    char err[160];
    struct vtest_reader *rd = calloc(1, sizeof *rd);
    if (!rd) {
        vtest_log("out of memory for a session");
        return 1;
    }
    rd->fd = fd;
    rd->idle = session_idle;
    rd->idle_user = s;
    for (;;) {
        uint32_t hdr[VTEST_HDR_DWORDS];
        /* Stopped (SIGINT/SIGTERM): the session ends between messages, cleanly. */
        if (stop_requested) {
            vtest_debug("stopped by a signal: ending the client's session");
            status = 0;
            break;
        }
        int rc = vtest_reader_read(rd, hdr, sizeof hdr);
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
        if (head && vtest_reader_read(rd, buf + sizeof hdr, head) != 1) {
            if (stop_requested)
                continue;   /* the stop cut the read short, not the client */
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
        if (tail && vtest_reader_read(rd, buf + sizeof hdr + head, tail) != 1) {
            if (stop_requested)
                continue;
            vtest_log("client went away in the middle of a message");
            break;
        }
        if (message_timeout)
            atomic_store_explicit(&message_began, coarse_ms() | 1, memory_order_relaxed);
        int dispatched = vtest_session_dispatch(s, buf, sizeof hdr + head + tail);
        if (message_timeout)
            atomic_store_explicit(&message_began, 0, memory_order_relaxed);
        if (dispatched < 0)
            break;
    }
    free(buf);
    free(rd);
    return status;
}

/* The renderer's own lines go out as the server's, naming the client: errors always, its
 * warnings (a guest's odd but harmless commands) as client events at -v; its INFO and DEBUG
 * lines reach here only at -vv (renderer_opts). */
static void renderer_log(void *user, enum vrend_log_level level, const char *msg)
{
    const struct vtest_server_opts *o = user;
    if (level <= VREND_LOG_ERROR || o->verbosity >= 1)
        vtest_log("%s", msg);
}

/* --dump-shaders: DIR/c<client>-<n>-<stage>.tgsi, .json (the key, as tgsi2glsl --key reads
 * it) and .glsl (absent where the compiler refused the shader), so that
 *   tgsi2glsl --key X.json X.tgsi
 * writes X.glsl again. */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        vtest_log("--dump-shaders: cannot write %s", path);
}

static void dump_shader(void *user, const char *stage, const char *tgsi,
                        const struct t2g_key *key, const char *glsl)
{
    const struct vtest_server_opts *o = user;
    static unsigned n;
    char base[4096], path[4200];
    snprintf(base, sizeof base, "%s/c%d-%04u-%s", o->dump_dir,
             vtest_log_client < 0 ? 0 : vtest_log_client, ++n, stage);
    snprintf(path, sizeof path, "%s.tgsi", base);
    write_file(path, tgsi);
    snprintf(path, sizeof path, "%s.json", base);
    FILE *f = fopen(path, "w");
    if (f) {
        json_writer w;
        jw_init(&w, f);
        key_write_json(&w, key);
    }
    if (!f || fclose(f) != 0)
        vtest_log("--dump-shaders: cannot write %s", path);
    if (glsl) {
        snprintf(path, sizeof path, "%s.glsl", base);
        write_file(path, glsl);
    }
}

static struct vrend_renderer_opts renderer_opts(const struct vtest_server_opts *o)
{
    return (struct vrend_renderer_opts){
        .gles = o->gles, .verbose = o->verbosity >= 2, .log = renderer_log,
        .log_user = (void *)o,
        .shader_compiled = o->dump_dir ? dump_shader : NULL, .shader_user = (void *)o,
        .client_memory_limit = o->client_memory_limit, .render_node = o->render_node,
    };
}

int vtest_serve_client(int fd, const struct vtest_server_opts *opts, unsigned client_no)
{
    char err[256];
    vtest_log_client = (int)client_no;
    struct vrend_renderer_opts ro = renderer_opts(opts);
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
    if (s) {
        serving_fd = fd;
        status = client_loop(fd, s, timeout);
        serving_fd = -1;
    } else
        vtest_log("out of memory for a session");
    vtest_session_destroy(s);
    vtest_recorder_close(rec, (uint32_t)status);
    vrend_renderer_destroy(r);
    vtest_log_client = -1;
    return status;
}

int vtest_server_run(const struct vtest_server_opts *opts)
{
    const char *path = opts->socket_path ? opts->socket_path : VTEST_DEFAULT_SOCKET;
    vtest_log_verbose = opts->verbosity >= 1;
    /* No SA_RESTART: SIGTERM and SIGCHLD must wake poll().  A second SIGTERM/SIGINT kills,
     * for a --no-fork server stuck in a client. */
    install(SIGTERM, on_stop, SA_RESETHAND);
    install(SIGINT, on_stop, SA_RESETHAND);
    install(SIGCHLD, on_child, SA_NOCLDSTOP);
    install(SIGPIPE, SIG_IGN, 0);

    char host[512];
    if (!probe_host(opts, host, sizeof host)) {
        vtest_log("no host GL: %s", host);
        return 1;
    }
    if (opts->record_path && !record_path_ok(opts->record_path))
        return 1;
    if (opts->dump_dir && access(opts->dump_dir, W_OK | X_OK) != 0) {
        vtest_log("--dump-shaders %s: %s", opts->dump_dir, strerror(errno));
        return 1;
    }
    int lock_fd = -1, lfd = activated_socket();
    bool activated = lfd >= 0;
    if (lfd == -2)
        return 1;
    if (!activated) {
        lock_fd = claim_path(path);
        if (lock_fd < 0)
            return 1;
        lfd = listen_on(path);
        if (lfd < 0) {
            close(lock_fd);
            return 1;
        }
    }
    vtest_log("serving %s on %s (%s)", activated ? "the socket systemd passed" : path, host,
              opts->no_fork ? "in this process" : "a process per client");
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
                /* The path is the server's, not a client's: a client process still ending
                 * after its server must not keep the next server off it. */
                if (lock_fd >= 0)
                    close(lock_fd);
                /* A stop (the server's, or the terminal's SIGINT to the whole group) ends
                 * the session cleanly; a second one kills. */
                install(SIGTERM, on_stop, SA_RESETHAND);
                install(SIGINT, on_stop, SA_RESETHAND);
                install(SIGCHLD, SIG_DFL, 0);
                /* A client process must not outlive its server. */
                prctl(PR_SET_PDEATHSIG, SIGTERM);
                if (getppid() == 1)
                    _exit(1);
                exit(vtest_serve_client(cfd, opts, no));
            }
            if (pid < 0)
                vtest_log("fork: %s; client dropped", strerror(errno));
            else
                child_started(pid);
            close(cfd);
            if (opts->once && pid > 0)
                reap(pid, &status);
        }
        if (opts->once)
            break;
    }
    close(lfd);
    stop_children();
    /* The socket goes with its server; the lock file stays (unlinking it would let a server
     * that opened it just before lock an orphan while a third takes the path). */
    if (!activated) {
        unlink(path);
        close(lock_fd);
    }
    return status;
}
