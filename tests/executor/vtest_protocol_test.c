/* vtest_protocol_test.c: drives a virgl-exec (argv[1]) over its socket the way Mesa's vtest
 * client does: handshake, caps, shared-memory resources, transfers through a buffer and a 2D
 * texture, then malformed messages, each of which must end just that client. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "virgl_wire.h"
#include "vtest_io.h"
#include "vtest_protocol.h"

#define FMT_R8_UNORM 64
#define FMT_R8G8B8A8_UNORM 67

static char sock_path[100];
static pid_t server;
static int failures;

static void check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s: ", ok ? "ok" : "FAIL");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    if (!ok)
        failures++;
}

static void die(const char *what)
{
    printf("FAIL: %s: %s\n", what, strerror(errno));
    if (server > 0)
        kill(server, SIGKILL);
    exit(1);
}

static int dial(void)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof a.sun_path, "%s", sock_path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
        die("connect");
    /* A server that wedges must fail the test, not hang it. */
    struct timeval tv = { 20, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static void send_msg(int fd, uint32_t id, uint32_t len, const void *payload, size_t bytes)
{
    uint32_t hdr[2] = { len, id };
    if (vtest_write_all(fd, hdr, sizeof hdr) < 0 || (bytes && vtest_write_all(fd, payload, bytes) < 0))
        die("send");
}

static void recv_exact(int fd, void *buf, size_t n, const char *what)
{
    if (vtest_read_full(fd, buf, n) != 1)
        die(what);
}

/* CREATE_RENDERER, Mesa's version probe (PING then a dummy BUSY_WAIT) and the version. */
static uint32_t handshake(int fd, uint32_t want)
{
    const char name[] = "vtest_protocol_test";
    send_msg(fd, VCMD_CREATE_RENDERER, sizeof name, name, sizeof name);
    send_msg(fd, VCMD_PING_PROTOCOL_VERSION, 0, NULL, 0);
    uint32_t bw[2] = { 0, 0 };
    send_msg(fd, VCMD_RESOURCE_BUSY_WAIT, 2, bw, sizeof bw);
    uint32_t hdr[2], v;
    recv_exact(fd, hdr, sizeof hdr, "ping reply");
    check(hdr[0] == 0 && hdr[1] == VCMD_PING_PROTOCOL_VERSION, "ping answered [%u, %u]", hdr[0], hdr[1]);
    recv_exact(fd, hdr, sizeof hdr, "busy wait reply");
    recv_exact(fd, &v, 4, "busy wait reply");
    check(hdr[0] == 1 && hdr[1] == VCMD_RESOURCE_BUSY_WAIT && v <= 1, "dummy busy wait answered");
    send_msg(fd, VCMD_PROTOCOL_VERSION, 1, &want, 4);
    recv_exact(fd, hdr, sizeof hdr, "version reply");
    recv_exact(fd, &v, 4, "version reply");
    check(hdr[0] == 1 && hdr[1] == VCMD_PROTOCOL_VERSION, "version reply header");
    return v;
}

static void get_caps(int fd)
{
    /* Exactly what Mesa sends: both requests at once, then both replies. */
    uint32_t req[4] = { 0, VCMD_GET_CAPS2, 0, VCMD_GET_CAPS };
    if (vtest_write_all(fd, req, sizeof req) < 0)
        die("send caps");
    uint32_t hdr[2];
    recv_exact(fd, hdr, sizeof hdr, "caps2 reply");
    size_t size = hdr[0] - 1;
    check(hdr[1] == VCAPS_REPLY_ID_V2, "GET_CAPS2 reply id %u", hdr[1]);
    check(size >= sizeof(struct virgl_caps_v1) + 64 && size <= 65536,
          "GET_CAPS2 size %zu (ours %zu)", size, sizeof(struct virgl_caps_v2));
    struct virgl_caps_v2 *c = calloc(1, size > sizeof *c ? size : sizeof *c);
    recv_exact(fd, c, size, "caps2 body");
    check(c->v1.max_version >= 1, "caps max_version %u", c->v1.max_version);
    check(c->v1.glsl_level >= 130 && c->v1.glsl_level <= 460, "caps glsl_level %u", c->v1.glsl_level);
    check(c->v1.max_render_targets >= 1 && c->v1.max_render_targets <= 32,
          "caps max_render_targets %u", c->v1.max_render_targets);
    check(c->v1.sampler.bitmask[FMT_R8G8B8A8_UNORM / 32] & (1u << FMT_R8G8B8A8_UNORM % 32),
          "caps: RGBA8 is a sampler format");
    check(c->v1.render.bitmask[FMT_R8G8B8A8_UNORM / 32] & (1u << FMT_R8G8B8A8_UNORM % 32),
          "caps: RGBA8 is a render format");
    if (size >= sizeof *c) {
        check(c->max_texture_2d_size >= 2048 && c->max_texture_2d_size <= 65536,
              "caps max_texture_2d_size %u", c->max_texture_2d_size);
        check(memchr(c->renderer, 0, sizeof c->renderer) && c->renderer[0],
              "caps renderer string \"%.64s\"", c->renderer);
    }
    free(c);
    recv_exact(fd, hdr, sizeof hdr, "caps1 reply");
    check(hdr[1] == VCAPS_REPLY_ID_V1 && hdr[0] - 1 == sizeof(struct virgl_caps_v1),
          "GET_CAPS reply [%u, %u]", hdr[0], hdr[1]);
    struct virgl_caps_v1 c1;
    recv_exact(fd, &c1, sizeof c1, "caps1 body");
    check(c1.glsl_level >= 130, "caps v1 glsl_level %u", c1.glsl_level);
}

static ino_t last_inode;     /* of the memory create2 mapped last */

static uint8_t *create2(int fd, uint32_t handle, uint32_t target, uint32_t format, uint32_t bind,
                        uint32_t w, uint32_t h, uint32_t size)
{
    uint32_t p[VRES_CREATE2_DWORDS] = { handle, target, format, bind, w, h, 1, 1, 0, 0, size };
    send_msg(fd, VCMD_RESOURCE_CREATE2, VRES_CREATE2_DWORDS, p, sizeof p);
    int mfd = vtest_recv_fd(fd);
    check(mfd >= 0, "RESOURCE_CREATE2 %u passed an fd", handle);
    if (mfd < 0)
        die("no fd");
    struct stat st;
    check(fstat(mfd, &st) == 0 && st.st_size >= size, "shared memory of %u has %u bytes", handle, size);
    last_inode = st.st_ino;
    uint8_t *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    close(mfd);
    if (m == MAP_FAILED)
        die("mmap");
    return m;
}

static void transfer2(int fd, uint32_t id, uint32_t handle, uint32_t x, uint32_t y, uint32_t w,
                      uint32_t h, uint32_t size, uint32_t offset)
{
    uint32_t p[VXFER2_DWORDS] = { handle, 0, x, y, 0, w, h, 1, size, offset };
    uint32_t len = VXFER2_DWORDS + (id == VCMD_TRANSFER_PUT2 ? (size + 3) / 4 : 0);
    send_msg(fd, id, len, p, sizeof p);
}

static uint32_t busy_wait(int fd, uint32_t handle, uint32_t flags);

/* The server reads the shared memory when it gets to the message; like Mesa, wait before
 * touching the memory again. */
static void put2(int fd, uint32_t handle, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
                 uint32_t size, uint32_t offset)
{
    transfer2(fd, VCMD_TRANSFER_PUT2, handle, x, y, w, h, size, offset);
    busy_wait(fd, handle, VBUSY_FLAG_WAIT);
}

static uint32_t busy_wait(int fd, uint32_t handle, uint32_t flags)
{
    uint32_t p[2] = { handle, flags }, hdr[2], v = 99;
    send_msg(fd, VCMD_RESOURCE_BUSY_WAIT, 2, p, sizeof p);
    recv_exact(fd, hdr, sizeof hdr, "busy wait");
    recv_exact(fd, &v, 4, "busy wait");
    return v;
}

static void fill(uint8_t *m, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++)
        m[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 8)) ^ seed);
}

/* Fills buffer `handle`'s n bytes of memory m (a copy in want), PUT2s them, clears m and
 * GET2s them back; returns the waiting BUSY_WAIT's answer. */
static uint32_t buffer_roundtrip(int fd, uint32_t handle, uint8_t *m, uint32_t n, uint8_t *want)
{
    fill(m, n, handle);
    memcpy(want, m, n);
    put2(fd, handle, 0, 0, n, 1, n, 0);
    memset(m, 0, n);
    transfer2(fd, VCMD_TRANSFER_GET2, handle, 0, 0, n, 1, n, 0);
    return busy_wait(fd, handle, VBUSY_FLAG_WAIT);
}

static void test_buffer(int fd)
{
    enum { N = 4096 };
    uint8_t *m = create2(fd, 1, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, N, 1, N);
    uint8_t want[N];
    check(buffer_roundtrip(fd, 1, m, N, want) == 0, "buffer idle after a waiting BUSY_WAIT");
    check(!memcmp(m, want, N), "buffer: PUT2 then GET2 round-trips %d bytes", N);

    /* A sub-range: only bytes 1000..1099 change on the host. */
    fill(m + 1000, 100, 9);
    memcpy(want + 1000, m + 1000, 100);
    put2(fd, 1, 1000, 0, 100, 1, 100, 1000);
    memset(m, 0xee, N);
    transfer2(fd, VCMD_TRANSFER_GET2, 1, 0, 0, N, 1, N, 0);
    busy_wait(fd, 1, VBUSY_FLAG_WAIT);
    check(!memcmp(m, want, N), "buffer: a 100-byte PUT2 at offset 1000 changes just that range");
    munmap(m, N);
}

static void test_texture(int fd)
{
    enum { W = 64, H = 32, S = W * 4, N = S * H };
    uint8_t *m = create2(fd, 2, PIPE_TEXTURE_2D, FMT_R8G8B8A8_UNORM,
                         VIRGL_BIND_SAMPLER_VIEW | VIRGL_BIND_RENDER_TARGET, W, H, N);
    uint8_t want[N];
    fill(m, N, 2);
    memcpy(want, m, N);
    put2(fd, 2, 0, 0, W, H, N, 0);
    memset(m, 0, N);
    transfer2(fd, VCMD_TRANSFER_GET2, 2, 0, 0, W, H, N, 0);
    busy_wait(fd, 2, VBUSY_FLAG_WAIT);
    check(!memcmp(m, want, N), "2D RGBA8 %dx%d: PUT2 then GET2 round-trips", W, H);

    /* A 16x8 box at (8,4): rows lie a level stride apart in the shared memory. */
    memset(m, 0, N);
    uint32_t off = 4 * S + 8 * 4;
    transfer2(fd, VCMD_TRANSFER_GET2, 2, 8, 4, 16, 8, 16 * 4 * 8, off);
    busy_wait(fd, 2, VBUSY_FLAG_WAIT);
    int ok = 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < S; x++) {
            int in = y >= 4 && y < 12 && x >= 32 && x < 32 + 64;
            if (m[y * S + x] != (in ? want[y * S + x] : 0))
                ok = 0;
        }
    check(ok, "2D: GET2 of a 16x8 box fills exactly that box");

    /* Mesa sizes a multi-row box as level stride x rows, so a box that starts mid-row
     * claims bytes past the end of the memory; the transfer itself stays inside.
     * Regression: the front end ended copyteximage and a dozen other piglit clients. */
    uint32_t last = (H - 2) * S + 40 * 4;
    transfer2(fd, VCMD_TRANSFER_GET2, 2, 40, H - 2, 24, 2, 2 * S, last);
    check(busy_wait(fd, 2, VBUSY_FLAG_WAIT) == 0 && !memcmp(m + last, want + last, 24 * 4),
          "2D: GET2 of the bottom-right box with a stride x rows size");
    munmap(m, N);
}

/* Protocol 0: inline data through RESOURCE_CREATE / TRANSFER_PUT / TRANSFER_GET. */
static void test_inline(int fd)
{
    enum { N = 256 };
    uint32_t c[VRES_CREATE_DWORDS] = { 3, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, N, 1, 1, 1, 0, 0 };
    send_msg(fd, VCMD_RESOURCE_CREATE, VRES_CREATE_DWORDS, c, sizeof c);
    struct { uint32_t h[VXFER_DWORDS]; uint8_t d[N]; } put = { { 3, 0, 0, 0, 0, 0, 0, N, 1, 1, N }, { 0 } };
    fill(put.d, N, 3);
    send_msg(fd, VCMD_TRANSFER_PUT, VXFER_DWORDS + N / 4, &put, sizeof put);
    uint32_t get[VXFER_DWORDS] = { 3, 0, 0, 0, 0, 0, 0, N, 1, 1, N };
    send_msg(fd, VCMD_TRANSFER_GET, VXFER_DWORDS, get, sizeof get);
    uint8_t back[N];
    recv_exact(fd, back, N, "inline get");
    check(!memcmp(back, put.d, N), "protocol 0: inline TRANSFER_PUT/GET round-trip %d bytes", N);
    uint32_t unref = 3;
    send_msg(fd, VCMD_RESOURCE_UNREF, 1, &unref, 4);
}

static void unref(int fd, uint32_t handle)
{
    send_msg(fd, VCMD_RESOURCE_UNREF, 1, &handle, 4);
}

/* Mesa makes an 8-byte fence resource per frame: freed small memory serves the next one,
 * zeroed, and still carries transfers; other sizes get memory of their own. */
static void test_shm_reuse(int fd)
{
    enum { N = 8 };
    uint8_t *m = create2(fd, 20, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_CUSTOM, N, 1, N);
    ino_t first = last_inode;
    memset(m, 0xab, N);
    munmap(m, N);
    unref(fd, 20);
    m = create2(fd, 21, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_CUSTOM, N, 1, N);
    check(last_inode == first, "a freed 8-byte resource's memory serves the next one");
    static const uint8_t zero[N];
    check(!memcmp(m, zero, N), "reused memory comes back zeroed");
    uint8_t want[N];
    buffer_roundtrip(fd, 21, m, N, want);
    check(!memcmp(m, want, N), "reused memory: PUT2 then GET2 round-trips");
    uint8_t *big = create2(fd, 22, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, 20000, 1,
                           20000);
    check(last_inode != first, "a 20000-byte resource does not get the 8-byte one's memory");
    munmap(big, 20000);
    munmap(m, N);
    unref(fd, 22);
    unref(fd, 21);
}

static void test_submit(int fd)
{
    uint32_t nop = 0;       /* one CCMD_NOP with no payload */
    send_msg(fd, VCMD_SUBMIT_CMD, 0, NULL, 0);
    send_msg(fd, VCMD_SUBMIT_CMD, 1, &nop, 4);
    check(busy_wait(fd, 0, VBUSY_FLAG_WAIT) == 0, "empty and NOP command buffers accepted");
}

/* True when the server closes the connection within the receive timeout. */
static int ended(int fd)
{
    char b[256];
    for (;;) {
        ssize_t n = read(fd, b, sizeof b);
        if (n == 0 || (n < 0 && errno == ECONNRESET))
            return 1;
        if (n < 0)
            return 0;   /* timeout */
        /* Replies to the valid messages before the bad one are fine; keep draining. */
    }
}

struct bad {
    const char *what;
    int handshake;          /* do CREATE_RENDERER etc. first */
    uint32_t words[16];
    int nwords;
};

static const struct bad bads[] = {
    { "unknown command 99", 1, { 0, 99 }, 2 },
    { "SYNC_CREATE (protocol 3) on a protocol 2 session", 1, { 2, 19, 0, 0 }, 4 },
    { "RESOURCE_CREATE2 of 5 dwords", 1, { 5, VCMD_RESOURCE_CREATE2, 9, 2, 67, 2, 4, 4, 1 }, 7 },
    { "GET_CAPS before CREATE_RENDERER", 0, { 0, VCMD_GET_CAPS }, 2 },
    { "CREATE_RENDERER twice", 1, { 4, VCMD_CREATE_RENDERER, 0x00616161 }, 3 },
    { "CREATE_RENDERER with a 16 MiB name", 0, { 16u << 20, VCMD_CREATE_RENDERER, 0 }, 3 },
    { "TRANSFER_PUT2 to an unknown resource", 1, { 11, VCMD_TRANSFER_PUT2, 77, 0, 0, 0, 0, 4, 1, 1, 4, 0 }, 12 },
    { "TRANSFER_PUT2 whose length does not match its size", 1, { 10, VCMD_TRANSFER_PUT2, 77, 0, 0, 0, 0, 4, 1, 1, 400, 0 }, 12 },
    { "SUBMIT_CMD of 2^31 dwords", 1, { 0x80000000u, VCMD_SUBMIT_CMD, 0 }, 3 },
    { "BUSY_WAIT with unknown flags", 1, { 2, VCMD_RESOURCE_BUSY_WAIT, 0, 0x100 }, 4 },
    { "BUSY_WAIT on an unknown resource", 1, { 2, VCMD_RESOURCE_BUSY_WAIT, 4242, 1 }, 4 },
    { "a command buffer whose packet overruns it", 1, { 2, VCMD_SUBMIT_CMD, 100u << 16 | 1, 0 }, 4 },
    { "RESOURCE_CREATE2 asking 2 GiB for a 16-byte buffer", 1,
      { 11, VCMD_RESOURCE_CREATE2, 9, 0, 64, 16, 16, 1, 1, 1, 0, 0, 0x80000000u }, 13 },
    { "RESOURCE_CREATE2 of handle 0", 1, { 11, VCMD_RESOURCE_CREATE2, 0, 0, 64, 16, 16, 1, 1, 1, 0, 0, 16 }, 13 },
    { "a header cut short", 1, { 11 }, 1 },
};

static void test_malformed(void)
{
    /* A well-behaved client stays connected through all of it. */
    int keep = dial();
    handshake(keep, 2);
    for (size_t i = 0; i < sizeof bads / sizeof *bads; i++) {
        const struct bad *b = &bads[i];
        int fd = dial();
        if (b->handshake)
            handshake(fd, 2);
        if (vtest_write_all(fd, b->words, b->nwords * 4u) < 0)
            die("send bad");
        if (b->nwords == 1)
            shutdown(fd, SHUT_WR);
        check(ended(fd), "malformed (%s): client ended", b->what);
        close(fd);
        check(kill(server, 0) == 0, "server alive after: %s", b->what);
        int next = dial();
        check(handshake(next, 2) == 2, "new client accepted after: %s", b->what);
        close(next);
    }
    check(busy_wait(keep, 0, 0) <= 1, "the first client still works after all of them");
    close(keep);
}

static pid_t spawn(char *const *args)
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(args[0], args);
        _exit(127);
    }
    return pid;
}

static int wait_status(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void wait_for_socket(void)
{
    for (int i = 0; i < 1200 && access(sock_path, F_OK); i++)
        nanosleep(&(struct timespec){ 0, 25000000 }, NULL);
    if (access(sock_path, F_OK))
        die("server socket never appeared");
}

/* --once --record, then --replay of the trace: it must run to its end; a cut copy must not. */
static void test_record_replay(char *exe, const char *dir)
{
    char trace[160], cut[170];
    snprintf(trace, sizeof trace, "%s/session.vtrace", dir);
    snprintf(cut, sizeof cut, "%s.cut", trace);
    char *args[] = { exe, "--once", "--record", trace, "--socket-path", sock_path, NULL };
    server = spawn(args);
    wait_for_socket();
    int fd = dial();
    handshake(fd, 2);
    test_buffer(fd);
    test_texture(fd);
    test_inline(fd);
    close(fd);
    check(wait_status(server) == 0, "--once server exits 0 after its client");
    server = 0;

    char *replay[] = { exe, "--replay", trace, NULL };
    check(wait_status(spawn(replay)) == 0, "replay of the recorded session runs to its end");

    FILE *in = fopen(trace, "rb"), *out = fopen(cut, "wb");
    if (!in || !out)
        die("trace copy");
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    char *buf = malloc(size);
    if (!buf || fread(buf, 1, size, in) != (size_t)size)
        die("trace read");
    /* Guest memory must be in the trace: the texture pattern (seed 2) is nowhere else. */
    uint8_t pattern[64];
    fill(pattern, sizeof pattern, 2);
    check(memmem(buf, size, pattern, sizeof pattern) != NULL,
          "the trace holds the guest memory PUT2 read (%ld bytes)", size);
    fwrite(buf, 1, size / 2, out);
    fclose(in);
    fclose(out);
    free(buf);
    char *replay_cut[] = { exe, "--replay", cut, NULL };
    check(wait_status(spawn(replay_cut)) == 1, "replay of a cut trace reports failure");
    unlink(trace);
    unlink(cut);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* --message-timeout: one command buffer that keeps the host busy (20,000 copies of a 16 MiB
 * buffer, hundreds of GB of memory traffic) ends its client after about the limit; the
 * server and the next client are fine.  With 2,000 copies the buffer sometimes finished
 * inside the limit (untouched pages copy fast), about one run in five, and the client
 * was rightly left alone. */
static void test_message_timeout(char *exe)
{
    char *args[] = { exe, "--message-timeout", "1", "--socket-path", sock_path, NULL };
    server = spawn(args);
    wait_for_socket();
    int fd = dial();
    handshake(fd, 2);
    enum { SIZE = 16 << 20, COPIES = 20000, DW = 14 };
    munmap(create2(fd, 1, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, SIZE, 1, SIZE), SIZE);
    munmap(create2(fd, 2, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, SIZE, 1, SIZE), SIZE);
    uint32_t *cmd = calloc(COPIES * DW, 4);
    if (!cmd)
        die("calloc");
    for (int i = 0; i < COPIES; i++) {
        uint32_t *c = cmd + i * DW;
        c[0] = (DW - 1) << 16 | CCMD_RESOURCE_COPY_REGION;
        c[1] = 2;               /* dst, level 0, at 0,0,0 */
        c[6] = 1;               /* src, level 0, box 0,0,0 SIZE x 1 x 1 */
        c[11] = SIZE;
        c[12] = 1;
        c[13] = 1;
    }
    double t0 = seconds_now();
    send_msg(fd, VCMD_SUBMIT_CMD, COPIES * DW, cmd, COPIES * DW * 4u);
    free(cmd);
    check(ended(fd), "a command buffer past --message-timeout 1 ends its client");
    double took = seconds_now() - t0;
    check(took >= 0.9 && took < 10, "... after %.1f s", took);
    close(fd);
    check(kill(server, 0) == 0, "server alive after the timeout");
    int next = dial();
    check(handshake(next, 2) == 2, "new client accepted after the timeout");
    close(next);
    kill(server, SIGTERM);
    check(wait_status(server) == 0, "server exits 0 on SIGTERM");
}

/* A creation past the client's memory budget fails like an allocation on a GPU out of
 * memory: the client gets a descriptor it cannot map (Mesa: GL_OUT_OF_MEMORY) and goes on
 * (piglit ppgtt_memory_alignment allocates past 1 GiB and expects the error). */
static void test_memory_budget(char *exe)
{
    char *args[] = { exe, "--client-memory", "1", "--socket-path", sock_path, NULL };
    server = spawn(args);
    wait_for_socket();
    int fd = dial();
    handshake(fd, 2);
    enum { BIG = 4 << 20, SMALL = 4096 };
    uint32_t p[VRES_CREATE2_DWORDS] = { 1, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER,
                                        BIG, 1, 1, 1, 0, 0, BIG };
    send_msg(fd, VCMD_RESOURCE_CREATE2, VRES_CREATE2_DWORDS, p, sizeof p);
    int mfd = vtest_recv_fd(fd);
    check(mfd >= 0, "a creation past the budget is answered with a descriptor");
    void *m = mfd >= 0 ? mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0) : NULL;
    check(m == MAP_FAILED, "... which cannot be mapped");
    if (mfd >= 0)
        close(mfd);
    munmap(create2(fd, 2, PIPE_BUFFER, FMT_R8_UNORM, VIRGL_BIND_VERTEX_BUFFER, SMALL, 1, SMALL),
           SMALL);
    check(busy_wait(fd, 2, 0) == 0, "the client goes on after a failed creation");
    close(fd);
    kill(server, SIGTERM);
    check(wait_status(server) == 0, "server exits 0 on SIGTERM");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s VIRGL_EXEC\n", argv[0]);
        return 2;
    }
    char dir[] = "/tmp/vtest-protocol-XXXXXX";
    if (!mkdtemp(dir))
        die("mkdtemp");
    snprintf(sock_path, sizeof sock_path, "%s/sock", dir);
    char *args[] = { argv[1], "--socket-path", sock_path, NULL };
    server = spawn(args);
    wait_for_socket();

    int fd = dial();
    check(handshake(fd, 3) == 2, "asking protocol 3 negotiates 2");
    get_caps(fd);
    test_buffer(fd);
    test_texture(fd);
    test_inline(fd);
    test_shm_reuse(fd);
    test_submit(fd);
    close(fd);

    test_malformed();

    kill(server, SIGTERM);
    check(wait_status(server) == 0, "server exits 0 on SIGTERM");
    check(access(sock_path, F_OK) != 0, "server removed its socket");

    test_record_replay(argv[1], dir);
    test_message_timeout(argv[1]);
    test_memory_budget(argv[1]);
    rmdir(dir);
    printf("%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
