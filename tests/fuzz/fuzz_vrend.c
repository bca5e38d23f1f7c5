/* Fuzz target: the executor core (executor/vrend.h) driven by a vtest-framed stream, without
 * sockets: resource creation, transfers and command submission run on host GL (llvmpipe via
 * EGL surfaceless), so the decoder, its validation and the GL calls it makes are all
 * exercised.  Seeds are recorded piglit sessions. */
#include <string.h>

#include "fuzz_renderer.h"
#include "vtest_stream.h"
#include "executor/vrend.h"

/* Bounds on what one input may make this harness allocate for backings (the executor's own
 * limits are what is under test; these only keep the harness inside libFuzzer's RSS cap). */
#define MAX_BACKING (16u << 20)
#define V1_BACKING (256u << 10)
#define MAX_RESOURCES 256
#define MAX_SESSION_BACKING (64u << 20)

static struct vrend_renderer *renderer;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return fuzz_renderer_init("fuzz_vrend", &renderer);
}

typedef struct backing {
    uint32_t handle;
    uint8_t *mem;
    size_t size;
} backing;

typedef struct session {
    struct vrend_context *ctx;
    backing res[MAX_RESOURCES];
    size_t num_res;
    size_t backing_total;
} session;

static backing *find(session *s, uint32_t handle)
{
    if (!handle)
        return NULL;
    for (size_t i = 0; i < s->num_res; i++)
        if (s->res[i].handle == handle)
            return &s->res[i];
    return NULL;
}

static void create(session *s, const vtest_msg *m, size_t backing_size)
{
    if (s->num_res == MAX_RESOURCES || backing_size > MAX_BACKING ||
        s->backing_total + backing_size > MAX_SESSION_BACKING)
        return;
    struct vrend_resource_desc desc = {
        .target = vt_arg(m, 1), .format = vt_arg(m, 2), .bind = vt_arg(m, 3),
        .width = vt_arg(m, 4), .height = vt_arg(m, 5), .depth = vt_arg(m, 6),
        .array_size = vt_arg(m, 7), .last_level = vt_arg(m, 8), .nr_samples = vt_arg(m, 9),
    };
    uint8_t *mem = backing_size ? calloc(1, backing_size) : NULL;
    if (backing_size && !mem)
        return;
    uint32_t handle = vt_arg(m, 0);
    struct vrend_iovec iov = { mem, backing_size };
    if (vrend_resource_create(renderer, handle, &desc, &iov, mem ? 1 : 0) != 0) {
        free(mem);
        return;
    }
    if (vrend_context_attach_resource(s->ctx, handle) != 0) {
        vrend_resource_unref(renderer, handle);
        free(mem);
        return;
    }
    /* Earlier backings under the same handle stay allocated until the session ends, so an
     * executor that wrongly keeps using one is caught by ASan in the executor, not here. */
    backing *old = find(s, handle);
    if (old)
        old->handle = 0;
    s->res[s->num_res++] = (backing){ handle, mem, backing_size };
    s->backing_total += backing_size;
}

static void unref(session *s, uint32_t handle)
{
    vrend_resource_unref(renderer, handle);
    backing *b = find(s, handle);
    if (b)
        b->handle = 0; /* freed with the session: see create() */
}

/* Protocol 0/1 transfers carry stride and layer stride; PUT brings its data inline. */
static void transfer_v1(session *s, const vtest_msg *m, bool to_host)
{
    struct vrend_transfer t = {
        .handle = vt_arg(m, 0), .level = vt_arg(m, 1), .stride = vt_arg(m, 2),
        .layer_stride = vt_arg(m, 3), .x = vt_arg(m, 4), .y = vt_arg(m, 5), .z = vt_arg(m, 6),
        .w = vt_arg(m, 7), .h = vt_arg(m, 8), .d = vt_arg(m, 9), .offset = 0, .to_host = to_host,
    };
    backing *b = find(s, t.handle);
    /* A message without inline data has data == NULL: memcpy may not be handed that. */
    if (to_host && b && b->mem && m->data && m->data_len)
        memcpy(b->mem, m->data, m->data_len < b->size ? m->data_len : b->size);
    vrend_transfer(renderer, &t, NULL, 0);
}

static void transfer_v2(session *s, const vtest_msg *m, bool to_host)
{
    struct vrend_transfer t = {
        .handle = vt_arg(m, 0), .level = vt_arg(m, 1), .x = vt_arg(m, 2), .y = vt_arg(m, 3),
        .z = vt_arg(m, 4), .w = vt_arg(m, 5), .h = vt_arg(m, 6), .d = vt_arg(m, 7),
        .offset = vt_arg(m, 9), .to_host = to_host,
    };
    vrend_transfer(renderer, &t, NULL, 0);
}

static void submit(session *s, const vtest_msg *m)
{
    size_t n = m->payload_len / 4;
    /* An aligned, exact-size copy: the executor may read the buffer as dwords. */
    uint32_t *cmds = malloc(n ? n * 4 : 4);
    if (!cmds)
        return;
    memcpy(cmds, m->payload, n * 4);
    vrend_submit(s->ctx, cmds, n);
    free(cmds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    session s = { .ctx = vrend_context_create(renderer, "fuzz") };
    if (!s.ctx)
        return 0;
    size_t pos = 0;
    vtest_msg m;
    uint8_t caps[4096];
    while (vtest_next(data, size, &pos, &m) && !vrend_context_broken(s.ctx)) {
        switch (m.cmd) {
        case VT_GET_CAPS: vrend_fill_caps(renderer, 1, caps, sizeof(caps)); break;
        case VT_GET_CAPS2: vrend_fill_caps(renderer, 2, caps, sizeof(caps)); break;
        case VT_RESOURCE_CREATE: create(&s, &m, V1_BACKING); break;
        case VT_RESOURCE_CREATE2: create(&s, &m, vt_arg(&m, 10)); break;
        case VT_RESOURCE_UNREF: unref(&s, vt_arg(&m, 0)); break;
        case VT_TRANSFER_GET: transfer_v1(&s, &m, false); break;
        case VT_TRANSFER_PUT: transfer_v1(&s, &m, true); break;
        case VT_TRANSFER_GET2: transfer_v2(&s, &m, false); break;
        case VT_TRANSFER_PUT2: transfer_v2(&s, &m, true); break;
        case VT_SUBMIT_CMD: submit(&s, &m); break;
        case VT_RESOURCE_BUSY_WAIT:
            vrend_resource_busy(s.ctx, vt_arg(&m, 0), vt_arg(&m, 1) & 1);
            break;
        default: break; /* handshake messages have nothing for the core */
        }
    }
    /* Destroying the context with resources still live is the normal end of a session. */
    vrend_context_destroy(s.ctx);
    /* Resources belong to the renderer, which outlives the session. */
    for (size_t i = 0; i < s.num_res; i++)
        if (s.res[i].handle)
            vrend_resource_unref(renderer, s.res[i].handle);
    for (size_t i = 0; i < s.num_res; i++)
        free(s.res[i].mem);
    return 0;
}
