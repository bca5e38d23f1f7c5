/* libvirglrenderer.c: the drop-in libvirglrenderer.so.1 front.  QEMU's virtio-gpu-gl device
 * (and vhost-user-gpu) load it in place of virglrenderer and drive the renderer core through
 * virglrenderer 0.10.4's C interface (libvirglrenderer.h).
 *
 * How the interface maps onto the core (vrend.h):
 * - one renderer for the process, made in virgl_renderer_init on a GL context from QEMU's
 *   callbacks (so the textures it samples for scanout are in its share group), or on an EGL
 *   surfaceless context of the core's own when the caller gives none (vhost-user-gpu);
 * - guest contexts by id; resources by handle, global, attached to contexts, backed by the
 *   guest pages QEMU maps (iovecs it owns and frees after detaching);
 * - fences: a GL sync object per create_fence, retired in order from virgl_renderer_poll()
 *   through write_fence (QEMU polls on a 10 ms timer; vhost-user-gpu waits on the poll fd).
 *
 * Everything runs inside the caller's process: guest input is untrusted, and nothing it sends
 * may crash or stall the caller.  A malformed command buffer marks its context broken (its
 * later submissions are refused, as virglrenderer does), bad handles and boxes are errors,
 * and one draw's work is bounded (TGSI2GLSL_MAX_INVOCATIONS).  GL is made current on entry
 * to every call that uses it: QEMU's display makes its own context current in between. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/uio.h>
#include <unistd.h>

#include "libvirglrenderer.h"
#include "virgl_wire.h"
#include "vrend.h"

#define MAX_CURSOR 128                  /* virglrenderer's bound on cursor images */
#define VIRTIO_GPU_RESOURCE_FLAG_Y_0_TOP 1
#define DEFAULT_MAX_INVOCATIONS ((uint64_t)1 << 28)
#define DEFAULT_MEMORY_MIB 4096
#define BUCKETS 256

/* A guest context. */
struct gctx {
    struct gctx *next;
    uint32_t id;
    struct vrend_context *ctx;
    bool reported;              /* its rejection was logged once */
};

/* What the front keeps of a resource: the caller's iovec array, handed back on detach. */
struct gres {
    struct gres *next;
    uint32_t handle;
    struct iovec *iov;
    int niov;
    void *priv;
};

struct fence {
    uint32_t id;
    struct vrend_fence *f;
};

static struct {
    bool initialized;
    void *cookie;
    struct virgl_renderer_callbacks *cb;
    struct vrend_gl_provider gl;
    struct vrend_renderer *r;
    struct gctx *ctxs[BUCKETS];
    struct gres *res[BUCKETS];
    struct fence *fences;
    size_t num_fences, cap_fences;
    int poll_fd;
    bool debug;
    virgl_debug_callback_type debug_cb;
} lib = { .poll_fd = -1 };

/* ------------------------------------------------------------------ logging */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (lib.debug_cb) {
        lib.debug_cb(fmt, ap);
    } else {
        fputs("virglrenderer (tgsi2glsl): ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
}

static void core_log(void *user, enum vrend_log_level level, const char *msg)
{
    (void)user;
    if (level <= VREND_LOG_ERROR || lib.debug)
        say("%s", msg);
}

/* ------------------------------------------------------------------ tables */

static unsigned bucket(uint32_t id) { return (id * 2654435761u) >> 24; }

static struct gctx **ctx_slot(uint32_t id)
{
    struct gctx **p = &lib.ctxs[bucket(id)];
    while (*p && (*p)->id != id)
        p = &(*p)->next;
    return p;
}

static struct gctx *ctx_get(uint32_t id) { return *ctx_slot(id); }

static struct gres **res_slot(uint32_t handle)
{
    struct gres **p = &lib.res[bucket(handle)];
    while (*p && (*p)->handle != handle)
        p = &(*p)->next;
    return p;
}

static struct gres *res_get(uint32_t handle) { return handle ? *res_slot(handle) : NULL; }

/* ------------------------------------------------------------------ GL contexts */

static void *gl_create(void *user, int major, int minor)
{
    (void)user;
    struct virgl_renderer_gl_ctx_param p = {
        .version = 1, .shared = false, .major_ver = major, .minor_ver = minor,
    };
    return lib.cb->create_gl_context(lib.cookie, 0, &p);
}

static void gl_destroy(void *user, void *ctx)
{
    (void)user;
    lib.cb->destroy_gl_context(lib.cookie, ctx);
}

static void gl_make_current(void *user, void *ctx)
{
    (void)user;
    /* QEMU's displays answer 0 (SDL) or EGL_TRUE (gtk) for success: nothing to read. */
    lib.cb->make_current(lib.cookie, 0, ctx);
}

/* Makes the renderer's context current; false before init. */
static bool current(void)
{
    if (!lib.initialized)
        return false;
    vrend_renderer_make_current(lib.r);
    return true;
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return dflt;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    return *end ? dflt : n;
}

/* ------------------------------------------------------------------ init and teardown */

int virgl_renderer_init(void *cookie, int flags, struct virgl_renderer_callbacks *cb)
{
    if (lib.initialized)
        return 0;
    if (!cookie || !cb || cb->version < 1 || cb->version > 4)
        return -1;
    lib.debug = getenv("TGSI2GLSL_DEBUG") && *getenv("TGSI2GLSL_DEBUG") != '0';
    lib.cookie = cookie;
    lib.cb = cb;
    struct vrend_renderer_opts o = {
        .gles = flags & VIRGL_RENDERER_USE_GLES,
        .verbose = lib.debug,
        .log = core_log,
        .max_invocations = env_u64("TGSI2GLSL_MAX_INVOCATIONS", DEFAULT_MAX_INVOCATIONS),
        .client_memory_limit = env_u64("TGSI2GLSL_MEMORY_MIB", DEFAULT_MEMORY_MIB) << 20,
    };
    /* The caller's contexts when it offers them (QEMU's displays do); else our own. */
    if (cb->create_gl_context && cb->destroy_gl_context && cb->make_current) {
        lib.gl = (struct vrend_gl_provider){
            .create = gl_create, .destroy = gl_destroy, .make_current = gl_make_current,
        };
        o.gl = &lib.gl;
    }
    char err[256];
    lib.r = vrend_renderer_create(&o, err, sizeof err);
    if (!lib.r) {
        say("cannot start the renderer: %s", err);
        return -1;
    }
    lib.poll_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    lib.initialized = true;
    if (lib.debug)
        say("renderer started (%s host)", o.gl ? "the caller's GL" : "EGL surfaceless");
    return 0;
}

static void drop_fences(void)
{
    for (size_t i = 0; i < lib.num_fences; i++)
        vrend_fence_destroy(lib.r, lib.fences[i].f);
    lib.num_fences = 0;
}

/* Every guest context and resource goes; the renderer stays. */
static void drop_guest_state(void)
{
    for (int b = 0; b < BUCKETS; b++) {
        while (lib.ctxs[b]) {
            struct gctx *c = lib.ctxs[b];
            lib.ctxs[b] = c->next;
            vrend_context_destroy(c->ctx);
            free(c);
        }
        while (lib.res[b]) {
            struct gres *g = lib.res[b];
            lib.res[b] = g->next;
            vrend_resource_unref(lib.r, g->handle);
            free(g);
        }
    }
    drop_fences();
}

void virgl_renderer_reset(void)
{
    if (!current())
        return;
    drop_guest_state();
}

void virgl_renderer_cleanup(void *cookie)
{
    (void)cookie;
    if (!current())
        return;
    drop_guest_state();
    free(lib.fences);
    lib.fences = NULL;
    lib.cap_fences = 0;
    vrend_renderer_destroy(lib.r);
    lib.r = NULL;
    if (lib.poll_fd >= 0)
        close(lib.poll_fd);
    lib.poll_fd = -1;
    lib.initialized = false;
}

virgl_debug_callback_type virgl_set_debug_callback(virgl_debug_callback_type cb)
{
    virgl_debug_callback_type old = lib.debug_cb;
    lib.debug_cb = cb;
    return old;
}

/* ------------------------------------------------------------------ capabilities */

/* Asked before init (QEMU sizes its capset answers at device realize). */
void virgl_renderer_get_cap_set(uint32_t set, uint32_t *max_ver, uint32_t *max_size)
{
    uint32_t ver = 0, size = 0;
    if (set == 1) {
        ver = 1;
        size = sizeof(struct virgl_caps_v1);
    } else if (set == 2) {
        ver = 2;
        size = sizeof(struct virgl_caps_v2);
    }
    if (max_ver)
        *max_ver = ver;
    if (max_size)
        *max_size = size;
}

void virgl_renderer_fill_caps(uint32_t set, uint32_t version, void *caps)
{
    (void)version;
    uint32_t ver, size;
    virgl_renderer_get_cap_set(set, &ver, &size);
    if (!caps || !size)
        return;
    if (!current()) {
        memset(caps, 0, size);
        return;
    }
    vrend_fill_caps(lib.r, set, caps, size);
}

/* ------------------------------------------------------------------ contexts */

int virgl_renderer_context_create_with_flags(uint32_t ctx_id, uint32_t ctx_flags, uint32_t nlen,
                                             const char *name)
{
    /* Capset 0 (unspecified), 1 and 2 are virgl's; Venus, DRM and the rest are not ours. */
    uint32_t capset = ctx_flags & 0xff;
    if (!ctx_id || capset > 2 || (ctx_flags & ~0xffu))
        return EINVAL;
    if (!current())
        return EINVAL;
    if (ctx_get(ctx_id))
        return EEXIST;
    char label[64];
    size_t n = 0;
    for (; name && n < nlen && n < sizeof label - 1 && name[n]; n++)
        label[n] = (unsigned char)name[n] >= 0x20 && (unsigned char)name[n] < 0x7f ? name[n] : '?';
    label[n] = 0;
    struct gctx *c = calloc(1, sizeof *c);
    if (!c)
        return ENOMEM;
    c->id = ctx_id;
    c->ctx = vrend_context_create(lib.r, n ? label : "guest");
    if (!c->ctx) {
        free(c);
        return ENOMEM;
    }
    struct gctx **slot = ctx_slot(ctx_id);
    *slot = c;
    return 0;
}

int virgl_renderer_context_create(uint32_t handle, uint32_t nlen, const char *name)
{
    return virgl_renderer_context_create_with_flags(handle, 0, nlen, name);
}

void virgl_renderer_context_destroy(uint32_t handle)
{
    struct gctx **slot = ctx_slot(handle);
    if (!*slot || !current())
        return;
    struct gctx *c = *slot;
    *slot = c->next;
    vrend_context_destroy(c->ctx);
    free(c);
}

int virgl_renderer_submit_cmd(void *buffer, int ctx_id, int ndw)
{
    struct gctx *c = ctx_get((uint32_t)ctx_id);
    if (!c || ndw < 0 || (ndw && !buffer) || !current())
        return EINVAL;
    if (vrend_context_broken(c->ctx))
        return EINVAL;
    if (!vrend_submit(c->ctx, buffer, (size_t)ndw)) {
        /* The core logged the command; the guest's later work on this context is refused
         * (its state is unknown), the rest of the virtual machine goes on. */
        if (!c->reported)
            say("context %d: command buffer rejected; the context is broken and its later "
                "submissions are ignored", ctx_id);
        c->reported = true;
        return EINVAL;
    }
    return 0;
}

void virgl_renderer_ctx_attach_resource(int ctx_id, int res_handle)
{
    struct gctx *c = ctx_get((uint32_t)ctx_id);
    if (c && current())
        vrend_context_attach_resource(c->ctx, (uint32_t)res_handle);
}

void virgl_renderer_ctx_detach_resource(int ctx_id, int res_handle)
{
    struct gctx *c = ctx_get((uint32_t)ctx_id);
    if (c && current())
        vrend_context_detach_resource(c->ctx, (uint32_t)res_handle);
}

/* ------------------------------------------------------------------ resources */

/* The caller's iovecs as the core's (the same two words, named apart). */
static struct vrend_iovec *core_iov(const struct iovec *iov, int n)
{
    struct vrend_iovec *v = calloc(n > 0 ? (size_t)n : 1, sizeof *v);
    for (int i = 0; v && i < n; i++)
        v[i] = (struct vrend_iovec){ iov[i].iov_base, iov[i].iov_len };
    return v;
}

int virgl_renderer_resource_create(struct virgl_renderer_resource_create_args *args,
                                   struct iovec *iov, uint32_t num_iovs)
{
    if (!args || !args->handle || (num_iovs && !iov) || num_iovs > INT32_MAX || !current())
        return EINVAL;
    if (res_get(args->handle))
        return EINVAL;
    struct vrend_resource_desc d = {
        .target = args->target, .format = args->format, .bind = args->bind,
        .width = args->width, .height = args->height, .depth = args->depth,
        .array_size = args->array_size, .last_level = args->last_level,
        .nr_samples = args->nr_samples, .flags = args->flags,
    };
    struct gres *g = calloc(1, sizeof *g);
    struct vrend_iovec *v = core_iov(iov, (int)num_iovs);
    if (!g || !v) {
        free(g);
        free(v);
        return ENOMEM;
    }
    int ret = vrend_resource_create(lib.r, args->handle, &d, v, num_iovs);
    free(v);
    if (ret < 0) {
        free(g);
        return -ret;
    }
    g->handle = args->handle;
    g->iov = iov;
    g->niov = (int)num_iovs;
    *res_slot(args->handle) = g;
    return 0;
}

int virgl_renderer_resource_import_eglimage(struct virgl_renderer_resource_create_args *args,
                                            void *image)
{
    (void)args;
    (void)image;
    return EINVAL;
}

void virgl_renderer_resource_unref(uint32_t res_handle)
{
    struct gres **slot = res_slot(res_handle);
    if (!res_handle || !*slot || !current())
        return;
    struct gres *g = *slot;
    *slot = g->next;
    vrend_resource_unref(lib.r, res_handle);
    free(g);
}

void virgl_renderer_resource_set_priv(uint32_t res_handle, void *priv)
{
    struct gres *g = res_get(res_handle);
    if (g)
        g->priv = priv;
}

void *virgl_renderer_resource_get_priv(uint32_t res_handle)
{
    struct gres *g = res_get(res_handle);
    return g ? g->priv : NULL;
}

int virgl_renderer_resource_attach_iov(int res_handle, struct iovec *iov, int num_iovs)
{
    struct gres *g = res_get((uint32_t)res_handle);
    if (!g || num_iovs < 0 || (num_iovs && !iov) || !current())
        return EINVAL;
    struct vrend_iovec *v = core_iov(iov, num_iovs);
    if (!v)
        return ENOMEM;
    int ret = vrend_resource_attach_backing(lib.r, (uint32_t)res_handle, v, (unsigned)num_iovs);
    free(v);
    if (ret < 0)
        return -ret;
    g->iov = iov;
    g->niov = num_iovs;
    return 0;
}

void virgl_renderer_resource_detach_iov(int res_handle, struct iovec **iov, int *num_iovs)
{
    struct gres *g = res_get((uint32_t)res_handle);
    if (iov)
        *iov = g ? g->iov : NULL;
    if (num_iovs)
        *num_iovs = g ? g->niov : 0;
    if (!g || !current())
        return;
    vrend_resource_detach_backing(lib.r, (uint32_t)res_handle);
    g->iov = NULL;
    g->niov = 0;
}

/* DRM fourcc codes of the formats a scanout is made of (QEMU 7.2 does not read it; a newer
 * display may). */
static int drm_fourcc(uint32_t virgl_format)
{
#define FOURCC(a, b, c, d) ((int)((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24))
    /* VIRGL_FORMAT_B8G8R8A8_UNORM 1, B8G8R8X8_UNORM 2, R8G8B8A8_UNORM 67, R8G8B8X8_UNORM 134 */
    switch (virgl_format) {
    case 1: return FOURCC('A', 'R', '2', '4');
    case 2: return FOURCC('X', 'R', '2', '4');
    case 67: return FOURCC('A', 'B', '2', '4');
    case 134: return FOURCC('X', 'B', '2', '4');
    default: return 0;
    }
#undef FOURCC
}

int virgl_renderer_resource_get_info(int res_handle, struct virgl_renderer_resource_info *info)
{
    /* QEMU 7.2 takes only -1 for an error (virglrenderer answers EINVAL, which QEMU then
     * uses as if the info were there). */
    struct vrend_resource_info ri;
    if (!info || !lib.initialized || vrend_resource_get_info(lib.r, (uint32_t)res_handle, &ri) < 0)
        return -1;
    /* The core keeps every texture in the guest memory's row order (row 0 of the texture is
     * the guest's row 0, which a scanout shows at the top), whatever the guest's Y_0_TOP
     * flag says; virglrenderer instead stores Y_0_TOP resources upside down and reports the
     * flag, for which QEMU's display does not flip.  So the flag reported is the fact about
     * the texture: its row 0 is never GL's bottom row, and the display always flips. */
    *info = (struct virgl_renderer_resource_info){
        .handle = ri.handle, .virgl_format = ri.format, .width = ri.width, .height = ri.height,
        .depth = ri.depth, .flags = ri.flags & ~(uint32_t)VIRTIO_GPU_RESOURCE_FLAG_Y_0_TOP,
        .tex_id = ri.gl_texture, .stride = ri.stride, .drm_fourcc = drm_fourcc(ri.format),
    };
    return 0;
}

/* ------------------------------------------------------------------ transfers */

static int transfer(uint32_t handle, uint32_t ctx_id, uint32_t level, uint32_t stride,
                    uint32_t layer_stride, const struct virgl_box *box, uint64_t offset,
                    const struct iovec *iov, int niov, bool to_host)
{
    if (!box || niov < 0 || (niov && !iov) || !current() || !res_get(handle))
        return EINVAL;
    /* A context transfers only what is attached to it; context 0 is QEMU's own (2D). */
    if (ctx_id) {
        struct gctx *c = ctx_get(ctx_id);
        if (!c || !vrend_context_has_resource(c->ctx, handle))
            return EINVAL;
    }
    struct vrend_transfer t = {
        .handle = handle, .level = level, .x = box->x, .y = box->y, .z = box->z,
        .w = box->w, .h = box->h, .d = box->d, .stride = stride, .layer_stride = layer_stride,
        .offset = offset, .to_host = to_host,
    };
    struct vrend_iovec *v = NULL;
    if (iov && niov) {
        v = core_iov(iov, niov);
        if (!v)
            return ENOMEM;
    }
    int ret = vrend_transfer(lib.r, &t, v, v ? (unsigned)niov : 0);
    free(v);
    return ret < 0 ? -ret : 0;
}

int virgl_renderer_transfer_read_iov(uint32_t handle, uint32_t ctx_id, uint32_t level,
                                     uint32_t stride, uint32_t layer_stride,
                                     struct virgl_box *box, uint64_t offset, struct iovec *iov,
                                     int iovec_cnt)
{
    return transfer(handle, ctx_id, level, stride, layer_stride, box, offset, iov, iovec_cnt,
                    false);
}

int virgl_renderer_transfer_write_iov(uint32_t handle, uint32_t ctx_id, int level,
                                      uint32_t stride, uint32_t layer_stride,
                                      struct virgl_box *box, uint64_t offset,
                                      struct iovec *iovec, unsigned int iovec_cnt)
{
    if (level < 0 || iovec_cnt > INT32_MAX)
        return EINVAL;
    return transfer(handle, ctx_id, (uint32_t)level, stride, layer_stride, box, offset, iovec,
                    (int)iovec_cnt, true);
}

/* The pixels of a cursor resource, top row first (the texture's row order: see
 * virgl_renderer_resource_get_info); the caller frees them. */
void *virgl_renderer_get_cursor_data(uint32_t resource_id, uint32_t *width, uint32_t *height)
{
    struct vrend_resource_info ri;
    if (!current() || vrend_resource_get_info(lib.r, resource_id, &ri) < 0 || !ri.gl_texture ||
        ri.width > MAX_CURSOR || ri.height > MAX_CURSOR || ri.depth > 1 || ri.stride != ri.width * 4)
        return NULL;
    size_t size = (size_t)ri.stride * ri.height;
    uint8_t *data = malloc(size);
    struct vrend_iovec v = { data, size };
    struct vrend_transfer t = { .handle = resource_id, .w = ri.width, .h = ri.height, .d = 1 };
    if (!data || vrend_transfer(lib.r, &t, &v, 1) < 0) {
        free(data);
        return NULL;
    }
    if (width)
        *width = ri.width;
    if (height)
        *height = ri.height;
    return data;
}

void virgl_renderer_get_rect(int resource_id, struct iovec *iov, unsigned int num_iovs,
                             uint32_t offset, int x, int y, int width, int height)
{
    struct vrend_resource_info ri;
    if (x < 0 || y < 0 || width <= 0 || height <= 0 || !iov || !num_iovs ||
        num_iovs > INT32_MAX || !current() ||
        vrend_resource_get_info(lib.r, (uint32_t)resource_id, &ri) < 0)
        return;
    struct virgl_box box = { (uint32_t)x, (uint32_t)y, 0, (uint32_t)width, (uint32_t)height, 1 };
    transfer((uint32_t)resource_id, 0, 0, ri.stride, 0, &box, offset, iov, (int)num_iovs, false);
}

/* ------------------------------------------------------------------ fences */

/* Makes the poll fd readable (an eventfd: a saturated counter is readable already). */
static void wake_poller(void)
{
    uint64_t one = 1;
    if (lib.poll_fd >= 0 && write(lib.poll_fd, &one, sizeof one) < 0 && errno != EAGAIN)
        say("poll fd: %s", strerror(errno));
}

int virgl_renderer_create_fence(int client_fence_id, uint32_t ctx_id)
{
    /* QEMU 7.2 passes the command type as ctx_id: a fence covers all work so far. */
    (void)ctx_id;
    if (!current())
        return EINVAL;
    if (lib.num_fences == lib.cap_fences) {
        size_t cap = lib.cap_fences ? lib.cap_fences * 2 : 64;
        struct fence *f = realloc(lib.fences, cap * sizeof *f);
        if (!f)
            return ENOMEM;
        lib.fences = f;
        lib.cap_fences = cap;
    }
    lib.fences[lib.num_fences++] = (struct fence){ (uint32_t)client_fence_id,
                                                   vrend_fence_create(lib.r) };
    wake_poller();
    return 0;
}

/* Retires the fences whose work is done, oldest first, and tells the caller the last. */
void virgl_renderer_poll(void)
{
    if (!current())
        return;
    uint64_t pending;
    if (lib.poll_fd >= 0 && read(lib.poll_fd, &pending, sizeof pending) < 0 && errno != EAGAIN)
        say("poll fd: %s", strerror(errno));
    size_t done = 0;
    while (done < lib.num_fences && vrend_fence_signalled(lib.r, lib.fences[done].f))
        done++;
    uint32_t last = done ? lib.fences[done - 1].id : 0;
    for (size_t i = 0; i < done; i++)
        vrend_fence_destroy(lib.r, lib.fences[i].f);
    memmove(lib.fences, lib.fences + done, (lib.num_fences - done) * sizeof *lib.fences);
    lib.num_fences -= done;
    if (lib.num_fences)
        wake_poller();      /* still pending: a poll-fd caller comes back */
    if (done)
        lib.cb->write_fence(lib.cookie, last);
}

int virgl_renderer_get_poll_fd(void)
{
    return lib.poll_fd;
}

void virgl_renderer_force_ctx_0(void)
{
    current();
}

/* ------------------------------------------------------------------ not offered */

/* Texture sharing by dma-buf (vhost-user-gpu's scanout) needs a DRM device; this front runs
 * on GL contexts without one. */
int virgl_renderer_get_fd_for_texture(uint32_t tex_id, int *fd)
{
    (void)tex_id;
    (void)fd;
    return EINVAL;
}

int virgl_renderer_get_fd_for_texture2(uint32_t tex_id, int *fd, int *stride, int *offset)
{
    (void)tex_id;
    (void)fd;
    (void)stride;
    (void)offset;
    return EINVAL;
}

int virgl_renderer_execute(void *execute_args, uint32_t execute_size)
{
    struct virgl_renderer_hdr *hdr = execute_args;
    if (!hdr || execute_size < sizeof *hdr || hdr->size != execute_size)
        return -EINVAL;
    if (hdr->stype == VIRGL_RENDERER_STRUCTURE_TYPE_SUPPORTED_STRUCTURES &&
        execute_size >= sizeof(struct virgl_renderer_supported_structures)) {
        struct virgl_renderer_supported_structures *s = execute_args;
        s->out_supported_structures_mask = 0;   /* no resource export */
        return 0;
    }
    return -EINVAL;
}

/* Blob resources (host-visible memory) are virglrenderer's newer path; QEMU 7.2 uses them
 * only with the device's blob=true property. */
int virgl_renderer_resource_create_blob(const struct virgl_renderer_resource_create_blob_args *args)
{
    (void)args;
    return -EINVAL;
}

int virgl_renderer_resource_map(uint32_t res_handle, void **map, uint64_t *out_size)
{
    (void)res_handle;
    (void)map;
    (void)out_size;
    return -EINVAL;
}

int virgl_renderer_resource_unmap(uint32_t res_handle)
{
    (void)res_handle;
    return -EINVAL;
}

int virgl_renderer_resource_get_map_info(uint32_t res_handle, uint32_t *map_info)
{
    (void)res_handle;
    (void)map_info;
    return -EINVAL;
}

int virgl_renderer_resource_export_blob(uint32_t res_id, uint32_t *fd_type, int *fd)
{
    (void)res_id;
    (void)fd_type;
    (void)fd;
    return -EINVAL;
}

int virgl_renderer_resource_import_blob(const struct virgl_renderer_resource_import_blob_args *args)
{
    (void)args;
    return -EINVAL;
}

int virgl_renderer_export_fence(uint32_t client_fence_id, int *fd)
{
    (void)client_fence_id;
    (void)fd;
    return -EINVAL;
}

/* Per-context fences need version 3 callbacks (write_context_fence), which this front does
 * not take up: contexts share the global fence timeline. */
int virgl_renderer_context_create_fence(uint32_t ctx_id, uint32_t flags, uint32_t ring_idx,
                                        uint64_t fence_id)
{
    (void)ctx_id;
    (void)flags;
    (void)ring_idx;
    (void)fence_id;
    return -EINVAL;
}

void virgl_renderer_context_poll(uint32_t ctx_id)
{
    (void)ctx_id;
    virgl_renderer_poll();
}

int virgl_renderer_context_get_poll_fd(uint32_t ctx_id)
{
    (void)ctx_id;
    return -1;
}
