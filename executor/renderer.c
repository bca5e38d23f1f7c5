/* renderer.c: the host GL context (EGL surfaceless, an EGL device, or the caller's), fences
 * and the host probe. */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gles_blit.h"
#include "vrend_priv.h"


#if defined(__SANITIZE_ADDRESS__)
/* Sanitizer builds only: the host GL stack unloads its driver when a context ends, and
 * LeakSanitizer then cannot name the module behind an allocation, so lsan.supp's rules for
 * Mesa's own process-lifetime allocations cannot apply.  Every library loaded once EGL is up
 * stays loaded (one more reference, never dropped). */
static int keep_loaded(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (info->dlpi_name && info->dlpi_name[0])
        dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    return 0;
}
#endif

#ifndef EGL_DRM_RENDER_NODE_FILE_EXT
#define EGL_DRM_RENDER_NODE_FILE_EXT 0x3377   /* EGL_EXT_device_drm_render_node */
#endif

/* The EGL device whose DRM render node is `node` (EGL_EXT_device_enumeration). */
static EGLDeviceEXT device_for_node(const char *node, char *err, size_t err_len)
{
    PFNEGLQUERYDEVICESEXTPROC query_devices =
        (PFNEGLQUERYDEVICESEXTPROC)eglGetProcAddress("eglQueryDevicesEXT");
    PFNEGLQUERYDEVICESTRINGEXTPROC query_string =
        (PFNEGLQUERYDEVICESTRINGEXTPROC)eglGetProcAddress("eglQueryDeviceStringEXT");
    EGLDeviceEXT devs[16];
    EGLint n = 0;
    if (!query_devices || !query_string || !query_devices(16, devs, &n)) {
        snprintf(err, err_len, "--rendernode %s: EGL cannot list devices", node);
        return EGL_NO_DEVICE_EXT;
    }
    for (EGLint i = 0; i < n; i++) {
        const char *exts = query_string(devs[i], EGL_EXTENSIONS), *file = NULL;
        if (exts && strstr(exts, "EGL_EXT_device_drm_render_node"))
            file = query_string(devs[i], EGL_DRM_RENDER_NODE_FILE_EXT);
        if ((!file || strcmp(file, node)) && exts && strstr(exts, "EGL_EXT_device_drm"))
            file = query_string(devs[i], EGL_DRM_DEVICE_FILE_EXT);
        if (file && !strcmp(file, node))
            return devs[i];
    }
    snprintf(err, err_len, "--rendernode %s: no EGL device has that node (%d devices)", node,
             (int)n);
    return EGL_NO_DEVICE_EXT;
}

static bool init_egl(struct vrend_renderer *r, char *err, size_t err_len)
{
    PFNEGLGETPLATFORMDISPLAYEXTPROC get_dpy =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    if (get_dpy && r->opts.render_node) {
        EGLDeviceEXT dev = device_for_node(r->opts.render_node, err, err_len);
        if (dev == EGL_NO_DEVICE_EXT)
            return false;
        r->dpy = get_dpy(EGL_PLATFORM_DEVICE_EXT, dev, NULL);
    } else if (get_dpy) {
        r->dpy = get_dpy(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    }
    if (!r->dpy || r->dpy == EGL_NO_DISPLAY) {
        snprintf(err, err_len, "no EGL %s display", r->opts.render_node ? "device" : "surfaceless");
        return false;
    }
    EGLint maj, min;
    if (!eglInitialize(r->dpy, &maj, &min)) {
        snprintf(err, err_len, "eglInitialize failed (0x%x)", eglGetError());
        return false;
    }
    if (!eglBindAPI(r->gles ? EGL_OPENGL_ES_API : EGL_OPENGL_API)) {
        snprintf(err, err_len, "eglBindAPI failed");
        return false;
    }
    /* Try the newest versions first; llvmpipe gives 4.5 core / ES 3.2. */
    static const int gl_versions[][2] = { { 4, 6 }, { 4, 5 }, { 4, 3 }, { 4, 1 }, { 3, 3 } };
    /* ES 2.0 last: the lowest common denominator (caps_es2.c says what it can do). */
    static const int es_versions[][2] = { { 3, 2 }, { 3, 1 }, { 3, 0 }, { 2, 0 } };
    const int (*vers)[2] = r->gles ? es_versions : gl_versions;
    int nvers = r->gles ? 4 : 5;
    for (int i = 0; i < nvers && !r->egl_ctx; i++) {
        EGLint attrs[] = {
            EGL_CONTEXT_MAJOR_VERSION, vers[i][0], EGL_CONTEXT_MINOR_VERSION, vers[i][1],
            r->gles ? EGL_NONE : EGL_CONTEXT_OPENGL_PROFILE_MASK,
            EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE
        };
        EGLContext c = eglCreateContext(r->dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
        if (c != EGL_NO_CONTEXT)
            r->egl_ctx = c;
    }
    if (!r->egl_ctx) {
        snprintf(err, err_len, "eglCreateContext failed (0x%x)", eglGetError());
        return false;
    }
    if (!eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, r->egl_ctx)) {
        snprintf(err, err_len, "eglMakeCurrent failed (0x%x)", eglGetError());
        return false;
    }
    return true;
}

/* The caller's context (a display's): the newest version it makes, current. */
static bool init_provided(struct vrend_renderer *r, char *err, size_t err_len)
{
    const struct vrend_gl_provider *gl = r->opts.gl;
    static const int gl_versions[][2] = { { 4, 6 }, { 4, 5 }, { 4, 3 }, { 4, 1 }, { 3, 3 } };
    static const int es_versions[][2] = { { 3, 2 }, { 3, 1 }, { 3, 0 }, { 2, 0 } };
    const int (*vers)[2] = r->gles ? es_versions : gl_versions;
    int nvers = r->gles ? 4 : 5;
    for (int i = 0; i < nvers && !r->gl_ctx; i++)
        r->gl_ctx = gl->create(gl->user, vers[i][0], vers[i][1]);
    if (!r->gl_ctx) {
        snprintf(err, err_len, "the display made no GL %scontext of version %d.%d or newer",
                 r->gles ? "ES " : "", vers[nvers - 1][0], vers[nvers - 1][1]);
        return false;
    }
    gl->make_current(gl->user, r->gl_ctx);
    /* The display decides the API: what it made is what the shaders are written for. */
    r->gles = !epoxy_is_desktop_gl();
    return true;
}

const char *vrend_renderer_describe(const struct vrend_renderer *r)
{
    return r->description;
}

bool vrend_renderer_make_current(struct vrend_renderer *r)
{
    if (r->opts.gl) {
        r->opts.gl->make_current(r->opts.gl->user, r->gl_ctx);
        return true;
    }
    return eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, r->egl_ctx);
}

void vrend_renderer_flush(struct vrend_renderer *r)
{
    if (!r->unflushed)
        return;
    r->unflushed = false;
    glFlush();
}

struct vrend_fence *vrend_fence_create(struct vrend_renderer *r)
{
    if (r->es2) {
        /* ES 2.0 has no sync objects: the fence is the end of the work itself. */
        glFinish();
        return NULL;
    }
    GLsync s = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glFlush();
    return (struct vrend_fence *)s;
}

bool vrend_fence_signalled(struct vrend_renderer *r, struct vrend_fence *f)
{
    (void)r;
    if (!f)
        return true;    /* no sync object: nothing to wait for that glFlush did not send */
    GLenum e = glClientWaitSync((GLsync)f, 0, 0);
    return e == GL_ALREADY_SIGNALED || e == GL_CONDITION_SATISFIED || e == GL_WAIT_FAILED;
}

void vrend_fence_destroy(struct vrend_renderer *r, struct vrend_fence *f)
{
    (void)r;
    if (f)
        glDeleteSync((GLsync)f);
}

static void choose_target(struct vrend_renderer *r)
{
    int v = r->gl_version;
    if (r->gles) {
        r->target = v >= 32 ? T2G_TARGET_ESSL320 : v >= 31 ? T2G_TARGET_ESSL310
                    : v >= 30 ? T2G_TARGET_ESSL300 : T2G_TARGET_ESSL100;
    } else {
        static const struct { int v; enum t2g_target t; } map[] = {
            { 46, T2G_TARGET_GLSL460 }, { 45, T2G_TARGET_GLSL450 }, { 44, T2G_TARGET_GLSL440 },
            { 43, T2G_TARGET_GLSL430 }, { 42, T2G_TARGET_GLSL420 }, { 41, T2G_TARGET_GLSL410 },
            { 40, T2G_TARGET_GLSL400 }, { 33, T2G_TARGET_GLSL330 }, { 0, T2G_TARGET_GLSL150 },
        };
        for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
            if (v >= map[i].v) {
                r->target = map[i].t;
                break;
            }
    }
    struct { const char *ext; uint32_t bit; } feats[] = {
        { "GL_ARB_gpu_shader_fp64", T2G_HOST_FP64 },
        { "GL_ARB_gpu_shader_int64", T2G_HOST_INT64 },
        { "GL_ARB_shader_clock", T2G_HOST_SHADER_CLOCK },
        { "GL_ARB_texture_cube_map_array", T2G_HOST_TEXTURE_CUBE_ARRAY },
        { "GL_ARB_sample_shading", T2G_HOST_SAMPLE_SHADING },
        { "GL_OES_sample_variables", T2G_HOST_SAMPLE_SHADING },
        { "GL_EXT_geometry_shader", T2G_HOST_GEOMETRY_SHADER },
        { "GL_EXT_tessellation_shader", T2G_HOST_TESSELLATION },
        { "GL_EXT_clip_cull_distance", T2G_HOST_CLIP_CULL_DISTANCE },
        { "GL_OES_viewport_array", T2G_HOST_VIEWPORT_ARRAY },
        { "GL_EXT_texture_buffer", T2G_HOST_TEXTURE_BUFFER },
        { "GL_OES_shader_image_atomic", T2G_HOST_SHADER_IMAGE_ATOMIC },
        { "GL_ARB_conservative_depth", T2G_HOST_CONSERVATIVE_DEPTH },
        { "GL_ARB_derivative_control", T2G_HOST_DERIVATIVE_CONTROL },
        { "GL_EXT_shader_framebuffer_fetch", T2G_HOST_FRAMEBUFFER_FETCH },
        { "GL_ARB_shader_group_vote", T2G_HOST_SHADER_GROUP_VOTE },
        { "GL_KHR_blend_equation_advanced", T2G_HOST_BLEND_EQUATION_ADVANCED },
        { "GL_EXT_texture_shadow_lod", T2G_HOST_TEXTURE_SHADOW_LOD },
        { "GL_NV_image_formats", T2G_HOST_IMAGE_FORMATS },
        { "GL_EXT_texture_norm16", T2G_HOST_TEXTURE_NORM16 },
    };
    for (unsigned i = 0; i < sizeof feats / sizeof feats[0]; i++)
        if (epoxy_has_gl_extension(feats[i].ext))
            r->host_features |= feats[i].bit;
    /* gl_BaseVertex, gl_BaseInstance, gl_DrawID: the backend writes them with
     * GL_ARB_shader_draw_parameters below GLSL 4.60 (caps.c offers them to the guest). */
    r->draw_parameters = !r->gles && (v >= 46 || epoxy_has_gl_extension(
                                                     "GL_ARB_shader_draw_parameters"));
    r->mirror_clamp = !r->gles && epoxy_has_gl_extension("GL_EXT_texture_mirror_clamp");
    r->border_clamp = !r->gles || v >= 32 ||
                      epoxy_has_gl_extension("GL_EXT_texture_border_clamp") ||
                      epoxy_has_gl_extension("GL_OES_texture_border_clamp");
    if (!r->gles) {
        if (v >= 40)
            r->host_features |= T2G_HOST_FP64 | T2G_HOST_TEXTURE_CUBE_ARRAY |
                                T2G_HOST_SAMPLE_SHADING | T2G_HOST_GEOMETRY_SHADER |
                                T2G_HOST_TESSELLATION | T2G_HOST_TEXTURE_BUFFER |
                                T2G_HOST_CLIP_CULL_DISTANCE;
        if (v >= 42)
            r->host_features |= T2G_HOST_CONSERVATIVE_DEPTH | T2G_HOST_SHADER_IMAGE_ATOMIC;
        if (v >= 45)
            r->host_features |= T2G_HOST_DERIVATIVE_CONTROL;
    } else if (v >= 32) {
        r->host_features |= T2G_HOST_GEOMETRY_SHADER | T2G_HOST_TESSELLATION |
                            T2G_HOST_TEXTURE_BUFFER | T2G_HOST_SAMPLE_SHADING |
                            T2G_HOST_SHADER_IMAGE_ATOMIC | T2G_HOST_TEXTURE_CUBE_ARRAY |
                            T2G_HOST_BLEND_EQUATION_ADVANCED;
    }
}

static void GLAPIENTRY gl_debug(GLenum source, GLenum type, GLuint id, GLenum severity,
                               GLsizei length, const GLchar *msg, const void *user)
{
    if (type == GL_DEBUG_TYPE_ERROR)
        vlog((struct vrend_renderer *)user, VREND_LOG_DEBUG, "GL: %s", msg);
}

struct vrend_renderer *vrend_renderer_create(const struct vrend_renderer_opts *opts,
                                             char *err, size_t err_len)
{
    struct vrend_renderer *r = calloc(1, sizeof(*r));
    if (!r) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    if (opts)
        r->opts = *opts;
    r->gles = r->opts.gles;
    bool gl_ok = r->opts.gl ? init_provided(r, err, err_len) : init_egl(r, err, err_len);
#if defined(__SANITIZE_ADDRESS__)
    dl_iterate_phdr(keep_loaded, NULL);
#endif
    if (!gl_ok) {
        vrend_renderer_destroy(r);
        return NULL;
    }
    r->gl_version = epoxy_gl_version();
    r->es2 = r->gles && r->gl_version < 30;
    if (r->opts.verbose && getenv("VIRGL_EXEC_TRACE")) {
        glEnable(GL_DEBUG_OUTPUT);
        glDebugMessageCallback(gl_debug, r);
    }
    choose_target(r);
    if (r->es2) {
        caps_es2_probe(r);
        r->compare_in_shader = !(r->host_features & T2G_HOST_SHADOW_SAMPLERS);
    } else {
        caps_probe(r);
        formats_probe(r);
        if (r->gles)
            caps_gles_probe(r);
    }
    const char *name = (const char *)glGetString(GL_RENDERER);
    snprintf(r->renderer_name, sizeof r->renderer_name, "virgl-exec (%s)", name ? name : "?");
    snprintf(r->description, sizeof r->description, "%s, %s %d.%d, shaders as %s",
             name ? name : "?", r->gles ? "GLES" : "GL", r->gl_version / 10, r->gl_version % 10,
             t2g_target_name(r->target));
    vlog(r, VREND_LOG_INFO, "host %s", r->description);
    return r;
}

void vrend_renderer_destroy(struct vrend_renderer *r)
{
    if (!r)
        return;
    if (r->gl_ctx || r->egl_ctx)
        vrend_renderer_make_current(r);
    while (r->contexts)
        vrend_context_destroy(r->contexts);
    for (uint32_t i = 0; i < r->res.cap; i++)
        if (r->res.keys[i] && r->res.vals[i])
            vrend_resource_unref(r, r->res.keys[i]);
    htable_free(&r->res);
    if (r->gl_ctx) {
        gles_blitter_free(r->blitter);
        r->opts.gl->destroy(r->opts.gl->user, r->gl_ctx);
    }
    if (r->dpy) {
        gles_blitter_free(r->blitter);
        eglMakeCurrent(r->dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        if (r->egl_ctx)
            eglDestroyContext(r->dpy, r->egl_ctx);
        eglTerminate(r->dpy);
    }
    free(r);
}
