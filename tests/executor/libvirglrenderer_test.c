/* libvirglrenderer_test.c: the drop-in libvirglrenderer.so.1 driven as QEMU 7.2's
 * virtio-gpu-gl drives it (the call sequence in executor/libvirglrenderer.c), with this
 * program as the display: its EGL surfaceless contexts share objects, as SDL's do.
 *   - capsets asked before init; init through the display's context callbacks;
 *   - the guest console: a 2D resource backed by scattered guest pages, written by context 0,
 *     whose scanout texture the display reads in its own context;
 *   - a guest context rendering into an attached resource, read back through iovecs;
 *   - fences retired in order through write_fence from poll();
 *   - hostile input: bad handles, boxes, lengths and a garbage command buffer are errors that
 *     leave the other contexts working; the cursor and resource info of unknown handles.
 * Exits 77 (skip) without an EGL surfaceless host. */
#include <epoxy/egl.h>
#include <epoxy/gl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

#include "libvirglrenderer.h"
#include "virgl_wire.h"

#include "core_test_util.h"

/* VIRGL_FORMAT_*, the virtio-gpu resource flag and the command type QEMU passes to
 * create_fence for a submission. */
enum { FMT_B8G8R8X8 = 2, FMT_R8G8B8A8 = 67, Y_0_TOP = 1, CMD_TYPE_SUBMIT = 0x207 };

/* ------------------------------------------------------------------ the display */

static EGLDisplay dpy;
static EGLContext display_ctx;
static int contexts_made, contexts_alive;
static uint32_t last_fence;
static int cookie_value;

static virgl_renderer_gl_context create_gl_context(void *cookie, int scanout,
                                                   struct virgl_renderer_gl_ctx_param *p)
{
    CHECK(cookie == &cookie_value && scanout == 0 && p->version == 1);
    /* Like llvmpipe under GLX: nothing newer than 4.5. */
    if (p->major_ver * 10 + p->minor_ver > 45)
        return NULL;
    EGLint attrs[] = { EGL_CONTEXT_MAJOR_VERSION, p->major_ver, EGL_CONTEXT_MINOR_VERSION,
                       p->minor_ver, EGL_CONTEXT_OPENGL_PROFILE_MASK,
                       EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE };
    EGLContext c = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, display_ctx, attrs);
    if (c == EGL_NO_CONTEXT)
        return NULL;
    contexts_made++;
    contexts_alive++;
    return c;
}

static void destroy_gl_context(void *cookie, virgl_renderer_gl_context c)
{
    (void)cookie;
    eglDestroyContext(dpy, c);
    contexts_alive--;
}

static int make_current(void *cookie, int scanout, virgl_renderer_gl_context c)
{
    (void)cookie;
    (void)scanout;
    return eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, c) ? 0 : -1;
}

static void write_fence(void *cookie, uint32_t fence)
{
    (void)cookie;
    CHECK(fence >= last_fence);     /* in order */
    last_fence = fence;
}

static struct virgl_renderer_callbacks cbs = {
    .version = 1, .write_fence = write_fence, .create_gl_context = create_gl_context,
    .destroy_gl_context = destroy_gl_context, .make_current = make_current,
};

static bool display_open(void)
{
    PFNEGLGETPLATFORMDISPLAYEXTPROC get =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    dpy = get ? get(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL) : EGL_NO_DISPLAY;
    if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, NULL, NULL) || !eglBindAPI(EGL_OPENGL_API))
        return false;
    EGLint attrs[] = { EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                       EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                       EGL_NONE };
    display_ctx = eglCreateContext(dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
    return display_ctx != EGL_NO_CONTEXT;
}

/* What the display shows of a scanout texture: its pixels read in the display's context. */
static void display_read(GLuint tex, int w, int h, uint8_t *out)
{
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, display_ctx);
    GLuint fbo;
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    CHECK(glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_BGRA, GL_UNSIGNED_BYTE, out);
    glDeleteFramebuffers(1, &fbo);
}

/* Guest pages: the memory cut into pieces of uneven size, as guest-physical pages map. */
static int scatter(uint8_t *mem, size_t size, struct iovec *iov, int max)
{
    static const size_t sizes[] = { 4096, 100, 3000, 7, 4096 };
    int n = 0;
    for (size_t off = 0; off < size && n < max; n++) {
        size_t k = sizes[n % 5] < size - off ? sizes[n % 5] : size - off;
        iov[n] = (struct iovec){ mem + off, k };
        off += k;
    }
    return n;
}

static void poll_fences(uint32_t want)
{
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        virgl_renderer_poll();
        clock_gettime(CLOCK_MONOTONIC, &t);
    } while (last_fence < want && t.tv_sec - t0.tv_sec < 10);
}

/* ------------------------------------------------------------------ tests */

enum { W = 64, H = 32, PITCH = W * 4 };

static void test_console(void)
{
    /* QEMU's 2D console resource: created without backing, then given scattered pages. */
    static uint8_t fb[PITCH * H];
    struct iovec *pages = calloc(64, sizeof *pages);
    int npages = scatter(fb, sizeof fb, pages, 64);
    struct virgl_renderer_resource_create_args a = {
        .handle = 2, .target = PIPE_TEXTURE_2D, .format = FMT_B8G8R8X8,
        .bind = VIRGL_BIND_RENDER_TARGET, .width = W, .height = H, .depth = 1, .array_size = 1,
        .flags = Y_0_TOP,
    };
    CHECK(virgl_renderer_resource_create(&a, NULL, 0) == 0);
    CHECK(virgl_renderer_resource_create(&a, NULL, 0) != 0);   /* handle in use */
    CHECK(virgl_renderer_resource_attach_iov(2, pages, npages) == 0);
    for (size_t i = 0; i < sizeof fb; i++)
        fb[i] = (uint8_t)(i * 31 + 7);
    for (size_t i = 3; i < sizeof fb; i += 4)
        fb[i] = 0xff;
    struct virgl_box box = { 0, 0, 0, W, H, 1 };
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 0, 0, 0, &box, 0, NULL, 0) == 0);
    /* A console update of a small box in the middle (the blinking cursor). */
    struct virgl_box small = { 8, 4, 0, 8, 16, 1 };
    for (int y = 4; y < 20; y++)
        memset(fb + y * PITCH + 8 * 4, 0x55, 8 * 4);
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 0, 0, 0, &small, 4 * PITCH + 32, NULL, 0) == 0);

    struct virgl_renderer_resource_info info;
    CHECK(virgl_renderer_resource_get_info(2, &info) == 0);
    CHECK(info.tex_id != 0 && info.width == W && info.height == H && info.stride == PITCH);
    /* The texture holds the guest's rows in order (its row 0 is the top the guest wrote
     * first): not upside down, so the display must flip it, and the flag says so. */
    CHECK(info.flags == 0 && info.virgl_format == FMT_B8G8R8X8);
    CHECK(virgl_renderer_resource_get_info(999, &info) == -1);
    static uint8_t shown[PITCH * H];
    display_read(info.tex_id, W, H, shown);
    /* Rows as the guest wrote them, row 0 at GL's y 0. */
    bool same = true;
    for (size_t i = 0; i < sizeof fb; i++)
        if ((i % 4) != 3 && shown[i] != fb[i])
            same = false;
    CHECK(same);

    /* Out of the resource, past the pages, a bad level: errors, nothing written. */
    struct virgl_box past = { 60, 0, 0, 8, 1, 1 };
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 0, 0, 0, &past, 0, NULL, 0) != 0);
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 0, 0, 0, &box, 8, NULL, 0) != 0);
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 3, 0, 0, &box, 0, NULL, 0) != 0);
    CHECK(virgl_renderer_transfer_write_iov(77, 0, 0, 0, 0, &box, 0, NULL, 0) != 0);

    /* Detach hands back the caller's own iovec array. */
    struct iovec *back = NULL;
    int nback = 0;
    virgl_renderer_resource_detach_iov(2, &back, &nback);
    CHECK(back == pages && nback == npages);
    CHECK(virgl_renderer_transfer_write_iov(2, 0, 0, 0, 0, &box, 0, NULL, 0) != 0);
    free(pages);
    virgl_renderer_resource_unref(2);
    CHECK(virgl_renderer_resource_get_info(2, &info) == -1);
}

static uint32_t clear_cmds(uint32_t *cmd, uint32_t surf, uint32_t res, const float rgba[4])
{
    uint32_t n = 0;
    cmd[n++] = HDR(CCMD_CREATE_OBJECT, OBJ_SURFACE, 5);
    cmd[n++] = surf; cmd[n++] = res; cmd[n++] = FMT_R8G8B8A8; cmd[n++] = 0; cmd[n++] = 0;
    cmd[n++] = HDR(CCMD_SET_FRAMEBUFFER_STATE, 0, 3);
    cmd[n++] = 1; cmd[n++] = 0; cmd[n++] = surf;
    cmd[n++] = HDR(CCMD_CLEAR, 0, 8);
    cmd[n++] = PIPE_CLEAR_COLOR0;
    memcpy(cmd + n, rgba, 16);
    n += 4;
    cmd[n++] = 0; cmd[n++] = 0; cmd[n++] = 0;
    return n;
}

static void test_guest_contexts(void)
{
    static const char name[] = "glmark2-es2-drm";
    CHECK(virgl_renderer_context_create(1, sizeof name - 1, name) == 0);
    CHECK(virgl_renderer_context_create(1, 4, "dupe") != 0);
    CHECK(virgl_renderer_context_create(0, 4, "zero") != 0);
    CHECK(virgl_renderer_context_create_with_flags(3, 4 /* Venus */, 5, "venus") != 0);
    CHECK(virgl_renderer_context_create(2, 6, "victim") == 0);

    static uint8_t mem[2][W * H * 4];
    for (uint32_t k = 0; k < 2; k++) {
        struct iovec iov = { mem[k], sizeof mem[k] };
        struct virgl_renderer_resource_create_args a = {
            .handle = 10 + k, .target = PIPE_TEXTURE_2D, .format = FMT_R8G8B8A8,
            .bind = VIRGL_BIND_RENDER_TARGET, .width = W, .height = H, .depth = 1, .array_size = 1,
        };
        CHECK(virgl_renderer_resource_create(&a, &iov, 1) == 0);
        virgl_renderer_ctx_attach_resource(1 + k, 10 + k);
    }
    uint32_t cmd[64];
    const float green[4] = { 0, 1, 0, 1 }, blue[4] = { 0, 0, 1, 1 };
    /* Context 1 clears its resource green; context 2 may not name it. */
    uint32_t n = clear_cmds(cmd, 100, 10, green);
    virgl_renderer_force_ctx_0();
    CHECK(virgl_renderer_submit_cmd(cmd, 1, (int)n) == 0);
    CHECK(virgl_renderer_create_fence(1, CMD_TYPE_SUBMIT) == 0);
    struct virgl_box box = { 0, 0, 0, W, H, 1 };
    struct iovec out_iov[8];
    static uint8_t out[W * H * 4];
    int nout = scatter(out, sizeof out, out_iov, 8);
    CHECK(virgl_renderer_transfer_read_iov(10, 1, 0, 0, 0, &box, 0, out_iov, nout) == 0);
    CHECK(out[0] == 0 && out[1] == 255 && out[2] == 0 && out[3] == 255);
    CHECK(out[sizeof out - 3] == 255);
    CHECK(virgl_renderer_transfer_read_iov(10, 2, 0, 0, 0, &box, 0, out_iov, nout) != 0);
    CHECK(virgl_renderer_transfer_read_iov(10, 9, 0, 0, 0, &box, 0, out_iov, nout) != 0);

    /* A garbage buffer breaks context 2 only; its later work is refused. */
    uint32_t junk[16];
    for (int i = 0; i < 16; i++)
        junk[i] = 0xdead0000u + (uint32_t)i * 0x01010101u;
    CHECK(virgl_renderer_submit_cmd(junk, 2, 16) != 0);
    n = clear_cmds(cmd, 101, 11, blue);
    CHECK(virgl_renderer_submit_cmd(cmd, 2, (int)n) != 0);
    CHECK(virgl_renderer_submit_cmd(cmd, 2, -1) != 0);
    CHECK(virgl_renderer_submit_cmd(cmd, 42, (int)n) != 0);
    /* A length past the buffer's own words is refused before it is read. */
    uint32_t lying[2] = { HDR(CCMD_CLEAR, 0, 1000), 0 };
    CHECK(virgl_renderer_submit_cmd(lying, 1, 2) != 0);
    /* Context 1 was broken by that; context 3 starts fresh and still renders. */
    CHECK(virgl_renderer_context_create(3, 5, "third") == 0);
    virgl_renderer_ctx_attach_resource(3, 11);
    CHECK(virgl_renderer_submit_cmd(cmd, 3, (int)n) == 0);
    CHECK(virgl_renderer_create_fence(2, CMD_TYPE_SUBMIT) == 0);
    CHECK(virgl_renderer_create_fence(3, CMD_TYPE_SUBMIT) == 0);
    CHECK(virgl_renderer_transfer_read_iov(11, 3, 0, 0, 0, &box, 0, out_iov, nout) == 0);
    CHECK(out[0] == 0 && out[1] == 0 && out[2] == 255 && out[3] == 255);
    poll_fences(3);
    CHECK(last_fence == 3);

    /* A small cursor image comes back top row first, as the guest stored it. */
    static uint8_t row0[W * 4];
    memset(row0, 0x11, sizeof row0);
    struct iovec row_iov = { row0, sizeof row0 };
    struct virgl_box first_row = { 0, 0, 0, W, 1, 1 };
    CHECK(virgl_renderer_transfer_write_iov(11, 3, 0, 0, 0, &first_row, 0, &row_iov, 1) == 0);
    uint32_t cw = 0, ch = 0;
    uint8_t *cursor = virgl_renderer_get_cursor_data(11, &cw, &ch);
    CHECK(cursor && cw == W && ch == H);
    CHECK(cursor && cursor[0] == 0x11 && cursor[W * 4 * (H - 1) + 2] == 255);
    free(cursor);
    CHECK(virgl_renderer_get_cursor_data(555, &cw, &ch) == NULL);

    virgl_renderer_ctx_detach_resource(1, 10);
    CHECK(virgl_renderer_transfer_read_iov(10, 1, 0, 0, 0, &box, 0, out_iov, nout) != 0);
    virgl_renderer_context_destroy(1);
    virgl_renderer_context_destroy(2);
    virgl_renderer_context_destroy(2);      /* twice: ignored */
    virgl_renderer_resource_unref(10);
    virgl_renderer_resource_unref(10);
    /* Context 3 is left with its resource for reset to clear. */
}

int main(void)
{
    /* Asked at device realize, before init. */
    uint32_t ver = 0, size = 0;
    virgl_renderer_get_cap_set(2, &ver, &size);
    CHECK(ver == 2 && size >= 1376);
    virgl_renderer_get_cap_set(7, &ver, &size);
    CHECK(ver == 0 && size == 0);
    if (!display_open()) {
        fprintf(stderr, "no EGL surfaceless display: skipped\n");
        return 77;
    }
    CHECK(virgl_renderer_init(NULL, 0, &cbs) != 0);
    CHECK(virgl_renderer_init(&cookie_value, 0, &cbs) == 0);
    CHECK(contexts_made >= 1);
    virgl_renderer_get_cap_set(2, &ver, &size);
    uint32_t *caps = calloc(1, size);
    virgl_renderer_fill_caps(2, 2, caps);
    CHECK(caps[0] == 2);    /* max_version */
    free(caps);

    test_console();
    test_guest_contexts();

    virgl_renderer_reset();
    CHECK(virgl_renderer_resource_get_priv(11) == NULL);
    struct virgl_renderer_resource_info info;
    CHECK(virgl_renderer_resource_get_info(11, &info) == -1);
    /* Not offered: clean errors. */
    CHECK(virgl_renderer_resource_create_blob(NULL) != 0);
    CHECK(virgl_renderer_get_fd_for_texture(1, &(int){ 0 }) != 0);
    virgl_renderer_cleanup(&cookie_value);
    CHECK(contexts_alive == 0);
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
