/* Fuzz target: the drop-in libvirglrenderer.so.1 front (executor/libvirglrenderer.c), in
 * process, as QEMU's virtio-gpu-gl drives it.  A vtest-framed stream (the seeds are recorded
 * piglit sessions) is turned into the calls a guest's traffic becomes inside QEMU: resources
 * created with guest pages (cut into uneven pieces) and attached to a guest context,
 * transfers through context 0 and through the context, command buffers, fences retired by
 * poll, and a device reset at the end of each input.  What the front must survive is all of
 * it: nothing may crash, hang or leak into the next input (QEMU would be the casualty). */
#include <epoxy/egl.h>
#include <string.h>
#include <sys/uio.h>

#include "fuzz_common.h"
#include "vtest_stream.h"
#include "executor/libvirglrenderer.h"

#define MAX_BACKING (16u << 20)
#define V1_BACKING (256u << 10)
#define MAX_RESOURCES 256
#define MAX_SESSION_BACKING (64u << 20)
#define CTX 1

static EGLDisplay dpy;
static EGLContext display_ctx;
static int cookie;

static virgl_renderer_gl_context create_gl_context(void *c, int scanout,
                                                   struct virgl_renderer_gl_ctx_param *p)
{
    (void)c;
    (void)scanout;
    EGLint attrs[] = { EGL_CONTEXT_MAJOR_VERSION, p->major_ver, EGL_CONTEXT_MINOR_VERSION,
                       p->minor_ver, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                       EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE };
    EGLContext ctx = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, display_ctx, attrs);
    return ctx == EGL_NO_CONTEXT ? NULL : ctx;
}

static void destroy_gl_context(void *c, virgl_renderer_gl_context ctx)
{
    (void)c;
    eglDestroyContext(dpy, ctx);
}

static int make_current(void *c, int scanout, virgl_renderer_gl_context ctx)
{
    (void)c;
    (void)scanout;
    return eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx) ? 0 : -1;
}

static void write_fence(void *c, uint32_t fence)
{
    (void)c;
    (void)fence;
}

static struct virgl_renderer_callbacks cbs = {
    .version = 1, .write_fence = write_fence, .create_gl_context = create_gl_context,
    .destroy_gl_context = destroy_gl_context, .make_current = make_current,
};

static void quiet(const char *fmt, va_list ap)
{
    (void)fmt;
    (void)ap;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char limit[32];
    snprintf(limit, sizeof limit, "%llu", (unsigned long long)FUZZ_MAX_INVOCATIONS);
    setenv("TGSI2GLSL_MAX_INVOCATIONS", limit, 1);
    if (!getenv("FUZZ_VREND_VERBOSE"))
        virgl_set_debug_callback(quiet);
    PFNEGLGETPLATFORMDISPLAYEXTPROC get =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    dpy = get ? get(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL) : EGL_NO_DISPLAY;
    if (dpy != EGL_NO_DISPLAY && eglInitialize(dpy, NULL, NULL) && eglBindAPI(EGL_OPENGL_API))
        display_ctx = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, NULL);
    if (display_ctx == EGL_NO_CONTEXT || virgl_renderer_init(&cookie, 0, &cbs) != 0) {
        fprintf(stderr, "fuzz_libvirglrenderer: no GL display\n");
#ifdef FUZZ_REPLAY
        return FUZZ_EXIT_SKIP;
#else
        exit(1);
#endif
    }
    return 0;
}

typedef struct gres {
    uint32_t handle;
    uint8_t *mem;
    size_t size;
    struct iovec *pages;
} gres;

typedef struct session {
    gres res[MAX_RESOURCES];
    size_t num_res;
    size_t backing_total;
    uint32_t fence;
} session;

static gres *find(session *s, uint32_t handle)
{
    for (size_t i = 0; handle && i < s->num_res; i++)
        if (s->res[i].handle == handle)
            return &s->res[i];
    return NULL;
}

/* Guest pages of uneven sizes (the handle picks the pattern), as guest-physical memory maps. */
static int cut_pages(uint8_t *mem, size_t size, uint32_t handle, struct iovec **out)
{
    size_t piece = 512 + (handle % 7) * 613, n = size / piece + 1;
    struct iovec *v = calloc(n, sizeof *v);
    int k = 0;
    for (size_t off = 0; v && off < size; k++) {
        size_t len = piece + (k % 3) * 97;
        len = len < size - off ? len : size - off;
        v[k] = (struct iovec){ mem + off, len };
        off += len;
    }
    *out = v;
    return v ? k : -1;
}

static void create(session *s, const vtest_msg *m, size_t backing_size)
{
    if (s->num_res == MAX_RESOURCES || backing_size > MAX_BACKING ||
        s->backing_total + backing_size > MAX_SESSION_BACKING)
        return;
    uint32_t handle = vt_arg(m, 0);
    struct virgl_renderer_resource_create_args a = {
        .handle = handle, .target = vt_arg(m, 1), .format = vt_arg(m, 2), .bind = vt_arg(m, 3),
        .width = vt_arg(m, 4), .height = vt_arg(m, 5), .depth = vt_arg(m, 6),
        .array_size = vt_arg(m, 7), .last_level = vt_arg(m, 8), .nr_samples = vt_arg(m, 9),
    };
    gres g = { .handle = handle, .size = backing_size };
    g.mem = backing_size ? calloc(1, backing_size) : NULL;
    if (backing_size && !g.mem)
        return;
    /* QEMU creates without backing and attaches the pages next. */
    if (virgl_renderer_resource_create(&a, NULL, 0) != 0) {
        free(g.mem);
        return;
    }
    int npages = g.mem ? cut_pages(g.mem, backing_size, handle, &g.pages) : 0;
    if (npages > 0)
        virgl_renderer_resource_attach_iov((int)handle, g.pages, npages);
    virgl_renderer_ctx_attach_resource(CTX, (int)handle);
    s->res[s->num_res++] = g;
    s->backing_total += backing_size;
}

static void release(gres *g)
{
    struct iovec *back = NULL;
    int n = 0;
    virgl_renderer_ctx_detach_resource(CTX, (int)g->handle);
    virgl_renderer_resource_detach_iov((int)g->handle, &back, &n);
    if (back != g->pages)
        abort();    /* QEMU frees what detach hands back: it must be its own array */
    virgl_renderer_resource_unref(g->handle);
    free(g->pages);
    free(g->mem);
    g->handle = 0;
    g->pages = NULL;
    g->mem = NULL;
}

static void transfer(const vtest_msg *m, bool v2, bool to_host, session *s)
{
    uint32_t handle = vt_arg(m, 0), level = vt_arg(m, 1);
    size_t b = v2 ? 2 : 4;
    struct virgl_box box = { vt_arg(m, b), vt_arg(m, b + 1), vt_arg(m, b + 2),
                             vt_arg(m, b + 3), vt_arg(m, b + 4), vt_arg(m, b + 5) };
    uint32_t stride = v2 ? 0 : vt_arg(m, 2), layer_stride = v2 ? 0 : vt_arg(m, 3);
    uint64_t offset = v2 ? vt_arg(m, 9) : 0;
    gres *g = find(s, handle);
    if (to_host && !v2 && g && g->mem && m->data && m->data_len)
        memcpy(g->mem, m->data, m->data_len < g->size ? m->data_len : g->size);
    /* Odd handles go through context 0 (QEMU's 2D path), even ones through the context. */
    uint32_t ctx = handle & 1 ? 0 : CTX;
    if (to_host)
        virgl_renderer_transfer_write_iov(handle, ctx, (int)level, stride, layer_stride, &box,
                                          offset, NULL, 0);
    else
        virgl_renderer_transfer_read_iov(handle, ctx, level, stride, layer_stride, &box, offset,
                                         NULL, 0);
}

static void submit(session *s, const vtest_msg *m)
{
    size_t n = m->payload_len / 4;
    uint32_t *cmds = malloc(n ? n * 4 : 4);
    if (!cmds)
        return;
    memcpy(cmds, m->payload, n * 4);
    virgl_renderer_force_ctx_0();
    virgl_renderer_submit_cmd(cmds, CTX, (int)n);
    virgl_renderer_create_fence((int)++s->fence, 0x207);
    virgl_renderer_poll();
    free(cmds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    session s = { .fence = 0 };
    if (virgl_renderer_context_create(CTX, 4, "fuzz") != 0)
        return 0;
    size_t pos = 0;
    vtest_msg m;
    uint32_t caps[1024];
    uint32_t ver, max;
    while (vtest_next(data, size, &pos, &m)) {
        switch (m.cmd) {
        case VT_GET_CAPS: case VT_GET_CAPS2:
            virgl_renderer_get_cap_set(m.cmd == VT_GET_CAPS ? 1 : 2, &ver, &max);
            if (max <= sizeof caps)
                virgl_renderer_fill_caps(m.cmd == VT_GET_CAPS ? 1 : 2, ver, caps);
            break;
        case VT_RESOURCE_CREATE: create(&s, &m, V1_BACKING); break;
        case VT_RESOURCE_CREATE2: create(&s, &m, vt_arg(&m, 10)); break;
        case VT_RESOURCE_UNREF: {
            gres *g = find(&s, vt_arg(&m, 0));
            if (g)
                release(g);
            break;
        }
        case VT_TRANSFER_GET: transfer(&m, false, false, &s); break;
        case VT_TRANSFER_PUT: transfer(&m, false, true, &s); break;
        case VT_TRANSFER_GET2: transfer(&m, true, false, &s); break;
        case VT_TRANSFER_PUT2: transfer(&m, true, true, &s); break;
        case VT_SUBMIT_CMD: submit(&s, &m); break;
        case VT_RESOURCE_BUSY_WAIT: {
            struct virgl_renderer_resource_info info;
            virgl_renderer_resource_get_info((int)vt_arg(&m, 0), &info);
            uint32_t w, h;
            free(virgl_renderer_get_cursor_data(vt_arg(&m, 0), &w, &h));
            break;
        }
        default: break;
        }
    }
    virgl_renderer_context_destroy(CTX);
    for (size_t i = 0; i < s.num_res; i++)
        if (s.res[i].handle)
            release(&s.res[i]);
    /* What is left (nothing, if the front keeps its tables right) goes with a device reset. */
    virgl_renderer_reset();
    return 0;
}
