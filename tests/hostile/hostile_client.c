/* hostile-client: replays recorded vtest sessions with mutations against a vtest server, to
 * show that a guest cannot crash, hang or corrupt the host renderer.
 *
 *   hostile-client [--socket PATH] [--seed N] [--commands N] [--seconds S] REC...
 *
 * Each session is one recorded client stream (vtest-record's conn-*.bin) sent on a fresh
 * connection with some of its messages and virgl commands mutated: bit flips, truncation,
 * lying lengths, huge counts, wrong and stale handles, out-of-range transfers, objects
 * destroyed before use.  Replies are drained (and passed fds closed) without being read.  It
 * stops after --commands mutated commands or --seconds, and prints one summary line.  Server
 * deaths show as refused connections; the harness (run-hostile.sh) counts them exactly. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strdup, CMSG_*, MSG_CMSG_CLOEXEC */
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../fuzz/vtest_stream.h"

/* A session that makes no progress this long is counted as stalled and dropped. */
#define STALL_MS 5000
/* How long to wait for a dead server to come back (the harness restarts it). */
#define RECONNECT_MS 20000

typedef struct bytes {
    uint8_t *p;
    size_t len, cap;
} bytes;

typedef struct recording {
    const char *name;
    uint8_t *data;
    size_t len;
} recording;

typedef struct stats {
    uint64_t sessions, mutated, messages, virgl_cmds, bytes_sent;
    uint64_t completed, closed_by_server, stalled, reconnects;
} stats;

/* ------------------------------------------------------------------ randomness */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static uint32_t below(uint32_t n) { return n ? rnd() % n : 0; }
static bool chance(uint32_t one_in) { return below(one_in) == 0; }

/* Values that break arithmetic: wrap-arounds, sign flips, powers of two, off by one. */
static uint32_t evil_value(uint32_t old)
{
    static const uint32_t table[] = { 0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0xffffu,
                                      0x10000u, 0x40000000u, 0x3fffffffu, 4096, 16384, 65535 };
    switch (below(4)) {
    case 0: return old + 1;
    case 1: return old - 1;
    case 2: return old ^ (1u << below(32));
    default: return table[below(sizeof(table) / sizeof(table[0]))];
    }
}

/* ------------------------------------------------------------------ output buffer */

static void put(bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            perror("realloc");
            exit(2);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void put32(bytes *b, uint32_t v) { put(b, &v, 4); }

static void put_msg(bytes *b, uint32_t len_field, uint32_t cmd, const void *payload, size_t n)
{
    put32(b, len_field);
    put32(b, cmd);
    put(b, payload, n);
}

/* ------------------------------------------------------------------ mutations */

/* Handles seen in this session, so that mutations pick live or just-destroyed ones: those
 * reach deeper than random numbers, which are mostly rejected at lookup. */
typedef struct handles {
    uint32_t res[64], obj[256];
    size_t num_res, num_obj;
} handles;

static void remember(uint32_t *set, size_t *n, size_t cap, uint32_t h)
{
    if (*n < cap)
        set[(*n)++] = h;
    else
        set[below((uint32_t)cap)] = h;
}

static uint32_t some_handle(const handles *h, bool resource)
{
    size_t n = resource ? h->num_res : h->num_obj;
    if (n == 0 || chance(8))
        return chance(2) ? below(64) : evil_value(0);
    return resource ? h->res[below((uint32_t)n)] : h->obj[below((uint32_t)n)];
}

/* One virgl command (header + payload dwords) mutated in place or replaced; returns how many
 * dwords of `out` it wrote.  out has room for len + 8 dwords. */
static size_t mutate_virgl_cmd(const uint32_t *cmd, size_t len, uint32_t *out, handles *h)
{
    memcpy(out, cmd, len * 4);
    uint32_t hdr = cmd[0];
    switch (below(9)) {
    case 0: /* bit flip anywhere in the command */
        out[below((uint32_t)len)] ^= 1u << below(32);
        return len;
    case 1: /* the header lies about the payload length */
        out[0] = (hdr & 0xffff) | (evil_value(VIRGL_HDR_LEN(hdr)) & 0xffff) << 16;
        return len;
    case 2: /* a count, size or index becomes huge */
        if (len > 1) {
            size_t k = 1 + below((uint32_t)len - 1);
            out[k] = evil_value(out[k]);
        }
        return len;
    case 3: /* a handle-sized field names another (or a dead, or no) object or resource */
        if (len > 1)
            out[1 + below((uint32_t)len - 1)] = some_handle(h, chance(2));
        return len;
    case 4: /* an object is destroyed right after it is created, then used as recorded */
        if (VIRGL_HDR_CMD(hdr) == 1 && len > 1) {
            out[len] = VIRGL_HDR(3, (hdr >> 8) & 0xff, 1);
            out[len + 1] = cmd[1];
            return len + 2;
        }
        out[0] = VIRGL_HDR(3, below(16), 1);
        out[1] = some_handle(h, false);
        return 2;
    case 5: /* unknown command or object type */
        out[0] = (hdr & 0xffff0000u) | (chance(2) ? 53 + below(203) : (hdr & 0xff)) |
                 (chance(2) ? below(256) : (hdr >> 8) & 0xff) << 8;
        return len;
    case 6: /* the command repeated: double creates, double destroys */
        memcpy(out + len, cmd, (len < 8 ? len : 8) * 4);
        return len < 8 ? 2 * len : len;
    case 7: /* payload cut short, header unchanged */
        return 1 + below((uint32_t)len);
    default: /* every payload dword random-ish */
        for (size_t i = 1; i < len; i++)
            if (chance(3))
                out[i] = evil_value(out[i]);
        return len;
    }
}

/* Rewrites a SUBMIT_CMD payload command by command. */
static void mutate_submit(const uint8_t *payload, size_t n_bytes, uint32_t one_in, bytes *out,
                          handles *h, stats *st)
{
    size_t n = n_bytes / 4;
    uint32_t *in = malloc(n * 4 + 4), *tmp = NULL;
    size_t tmp_cap = 0;
    bytes body = { 0 };
    memcpy(in, payload, n * 4);
    for (size_t i = 0; i < n;) {
        size_t len = 1 + VIRGL_HDR_LEN(in[i]);
        if (len > n - i)
            len = n - i;
        uint32_t cmd = VIRGL_HDR_CMD(in[i]);
        if (cmd == 1 && len > 1)
            remember(h->obj, &h->num_obj, 256, in[i + 1]);
        st->virgl_cmds++;
        if (chance(one_in)) {
            if (tmp_cap < 2 * len + 8) {
                tmp_cap = 2 * len + 8;
                tmp = realloc(tmp, tmp_cap * 4);
            }
            size_t w = mutate_virgl_cmd(in + i, len, tmp, h);
            put(&body, tmp, w * 4);
            st->mutated++;
        } else {
            put(&body, in + i, len * 4);
        }
        i += len;
    }
    put_msg(out, (uint32_t)(body.len / 4), VT_SUBMIT_CMD, body.p, body.len);
    free(body.p);
    free(tmp);
    free(in);
}

/* Mutates one vtest message; returns false when the session should end here (truncation). */
static bool mutate_message(const vtest_msg *m, bytes *out, handles *h, stats *st)
{
    st->mutated++;
    uint8_t *copy = malloc(m->payload_len + 64);
    memcpy(copy, m->payload, m->payload_len);
    size_t n = m->payload_len;
    switch (below(8)) {
    case 0: /* bit flip in the header or payload */
        if (n && chance(2))
            copy[below((uint32_t)n)] ^= 1u << below(8);
        else {
            put_msg(out, m->len_field ^ (1u << below(32)), m->cmd, copy, n);
            free(copy);
            return true;
        }
        break;
    case 1: /* the stream ends inside this message */
        put(out, m->payload - 8, below((uint32_t)(n + 8)));
        free(copy);
        return false;
    case 2: /* oversized length: the server must not allocate it or wait forever */
        put_msg(out, evil_value(m->len_field), m->cmd, copy, n);
        free(copy);
        return chance(2);
    case 3: /* another resource handle: live, destroyed, or never created */
        if (n >= 4) {
            uint32_t v = some_handle(h, true);
            memcpy(copy, &v, 4);
        }
        break;
    case 4: /* transfer boxes, levels, offsets and sizes out of range */
        for (size_t i = 4; i + 4 <= n; i += 4)
            if (chance(3)) {
                uint32_t v;
                memcpy(&v, copy + i, 4);
                v = evil_value(v);
                memcpy(copy + i, &v, 4);
            }
        break;
    case 5: /* use after destroy: the resource goes away, the session goes on using it */
        put_msg(out, m->len_field, m->cmd, copy, n);
        if (h->num_res) {
            uint32_t victim = h->res[below((uint32_t)h->num_res)];
            put_msg(out, 1, VT_RESOURCE_UNREF, &victim, 4);
        }
        free(copy);
        return true;
    case 6: /* the message twice, or not at all */
        if (chance(2))
            put_msg(out, m->len_field, m->cmd, copy, n);
        else {
            free(copy);
            return true;
        }
        break;
    default: /* unknown command */
        put_msg(out, m->len_field, chance(2) ? 15 + below(64) : rnd(), copy, n);
        free(copy);
        return true;
    }
    put_msg(out, m->len_field, m->cmd, copy, n);
    if (m->data_len)
        put(out, m->data, m->data_len);
    free(copy);
    return true;
}

/* The session to send: the recording with mutations at the chosen rates. */
static void build_session(const recording *r, bytes *out, stats *st)
{
    handles h = { 0 };
    /* Some sessions are nearly clean (a mutation deep in a long, valid session), some are
     * dense; both find different bugs. */
    static const uint32_t cmd_rates[] = { 1000, 150, 30, 6 };
    static const uint32_t msg_rates[] = { 2000, 300, 60, 15 };
    uint32_t level = below(4);
    size_t pos = 0;
    vtest_msg m;
    out->len = 0;
    while (vtest_next(r->data, r->len, &pos, &m)) {
        st->messages++;
        if ((m.cmd == VT_RESOURCE_CREATE2 || m.cmd == VT_RESOURCE_CREATE) && m.payload_len >= 4)
            remember(h.res, &h.num_res, 64, vt_arg(&m, 0));
        /* The handshake stays intact most of the time so that sessions get past it. */
        bool handshake = m.cmd == VT_CREATE_RENDERER || m.cmd == VT_PROTOCOL_VERSION ||
                         m.cmd == VT_PING_PROTOCOL_VERSION;
        if (chance(handshake ? msg_rates[level] * 4 : msg_rates[level])) {
            if (!mutate_message(&m, out, &h, st))
                return;
        } else if (m.cmd == VT_SUBMIT_CMD && !m.truncated) {
            mutate_submit(m.payload, m.payload_len, cmd_rates[level], out, &h, st);
        } else {
            put(out, r->data + m.offset, m.size);
        }
    }
}

/* ------------------------------------------------------------------ transport */

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int dial(const char *path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    snprintf(un.sun_path, sizeof(un.sun_path), "%s", path);
    if (connect(fd, (struct sockaddr *)&un, sizeof(un)) != 0) {
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* Reads and discards whatever the server sent; closes passed fds.  False on EOF/error. */
static bool drain(int fd)
{
    for (;;) {
        uint8_t buf[65536];
        union {
            struct cmsghdr h;
            char space[CMSG_SPACE(sizeof(int) * 16)];
        } ctl;
        struct iovec iov = { buf, sizeof(buf) };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
                              .msg_controllen = sizeof(ctl.space) };
        ssize_t n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                int *fds = (int *)CMSG_DATA(c);
                for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++)
                    close(fds[i]);
            }
        if (n == 0)
            return false;
    }
}

enum outcome { SENT_ALL, CLOSED_BY_SERVER, STALLED };

/* Sends the session while draining replies; then waits for the server to end it. */
static enum outcome run_session(int fd, const bytes *s, stats *st)
{
    size_t off = 0;
    uint64_t last = now_ms();
    bool write_done = false;
    for (;;) {
        if (!write_done && off == s->len) {
            shutdown(fd, SHUT_WR);
            write_done = true;
            last = now_ms();
        }
        struct pollfd p = { fd, POLLIN | (write_done ? 0 : POLLOUT), 0 };
        int r = poll(&p, 1, 100);
        if (r < 0 && errno != EINTR)
            return CLOSED_BY_SERVER;
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            if (!drain(fd))
                return write_done ? SENT_ALL : CLOSED_BY_SERVER;
            last = now_ms();
        }
        if (!write_done && (p.revents & POLLOUT)) {
            ssize_t n = send(fd, s->p + off, s->len - off, MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                return CLOSED_BY_SERVER;
            if (n > 0) {
                off += (size_t)n;
                st->bytes_sent += (uint64_t)n;
                last = now_ms();
            }
        }
        if (now_ms() - last > STALL_MS)
            return STALLED;
    }
}

/* ------------------------------------------------------------------ main */

/* SIGINT/SIGTERM end the run after the current session, so the summary still comes out. */
static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static bool load(recording *r, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    r->name = path;
    r->data = malloc(n > 0 ? (size_t)n : 1);
    r->len = n > 0 && fread(r->data, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
    fclose(f);
    return r->len > 0;
}

int main(int argc, char **argv)
{
    const char *sock = "/tmp/.virgl_test";
    uint64_t max_mutated = 100000, max_seconds = 3600;
    uint64_t seed = 1;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (i + 1 >= argc)
            break;
        if (!strcmp(argv[i], "--socket"))
            sock = argv[++i];
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--commands"))
            max_mutated = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--seconds"))
            max_seconds = strtoull(argv[++i], NULL, 0);
        else
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [--socket PATH] [--seed N] [--commands N] [--seconds S] "
                        "RECORDING...\n", argv[0]);
        return 2;
    }
    rng_state ^= seed * 0x100000001b3ull;
    size_t num = 0;
    recording *recs = calloc((size_t)(argc - i), sizeof(*recs));
    for (; i < argc; i++)
        if (load(&recs[num], argv[i]))
            num++;
        else
            fprintf(stderr, "hostile-client: cannot read %s\n", argv[i]);
    if (!num)
        return 2;

    stats st = { 0 };
    bytes session = { 0 };
    uint64_t start = now_ms();
    int rc = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    while (!stop_requested && st.mutated < max_mutated && now_ms() - start < max_seconds * 1000) {
        build_session(&recs[below((uint32_t)num)], &session, &st);
        int fd = dial(sock);
        uint64_t waited = now_ms();
        while (fd < 0 && now_ms() - waited < RECONNECT_MS) {
            usleep(100 * 1000);
            fd = dial(sock);
        }
        if (fd < 0) {
            fprintf(stderr, "hostile-client: server gone for %d ms, giving up\n", RECONNECT_MS);
            rc = 1;
            break;
        }
        if (now_ms() - waited > 150)
            st.reconnects++;
        st.sessions++;
        switch (run_session(fd, &session, &st)) {
        case SENT_ALL: st.completed++; break;
        case CLOSED_BY_SERVER: st.closed_by_server++; break;
        case STALLED: st.stalled++; break;
        }
        close(fd);
        /* Long runs are watched and may be stopped early: leave a trail of where they were. */
        if (st.sessions % 500 == 0)
            fprintf(stderr, "hostile-client: progress sessions %llu mutated_commands %llu "
                    "seconds %.0f\n", (unsigned long long)st.sessions,
                    (unsigned long long)st.mutated, (double)(now_ms() - start) / 1000.0);
    }
    printf("hostile-client: sessions %llu mutated_commands %llu messages %llu virgl_commands %llu "
           "bytes %llu completed %llu closed_by_server %llu stalled %llu reconnects %llu "
           "seconds %.1f\n",
           (unsigned long long)st.sessions, (unsigned long long)st.mutated,
           (unsigned long long)st.messages, (unsigned long long)st.virgl_cmds,
           (unsigned long long)st.bytes_sent, (unsigned long long)st.completed,
           (unsigned long long)st.closed_by_server, (unsigned long long)st.stalled,
           (unsigned long long)st.reconnects, (double)(now_ms() - start) / 1000.0);
    free(session.p);
    for (size_t k = 0; k < num; k++)
        free(recs[k].data);
    free(recs);
    return rc;
}
