/* abi_layout.c: the sizes and field offsets of the libvirglrenderer.so.1 interface, compiled
 * twice: against Debian's virglrenderer 0.10.4 header (-DSYSTEM_HEADER) and against the
 * front's own (executor/libvirglrenderer.h).  abi_test.c compares the two lists. */
#include <stddef.h>
#include <stdint.h>

#ifdef SYSTEM_HEADER
#include <virgl/virglrenderer.h>
#define LAYOUT abi_layout_system
#else
#include "libvirglrenderer.h"
#define LAYOUT abi_layout_ours
#endif

#define S(t) sizeof(struct t)
#define O(t, f) offsetof(struct t, f)

/* Fills out (at most max entries) and returns the count. */
size_t LAYOUT(size_t *out, size_t max);
size_t LAYOUT(size_t *out, size_t max)
{
    const size_t v[] = {
        S(virgl_renderer_gl_ctx_param), O(virgl_renderer_gl_ctx_param, shared),
        O(virgl_renderer_gl_ctx_param, major_ver), O(virgl_renderer_gl_ctx_param, minor_ver),
        O(virgl_renderer_callbacks, write_fence), O(virgl_renderer_callbacks, create_gl_context),
        O(virgl_renderer_callbacks, destroy_gl_context), O(virgl_renderer_callbacks, make_current),
        O(virgl_renderer_callbacks, get_drm_fd),
        S(virgl_renderer_resource_create_args), O(virgl_renderer_resource_create_args, flags),
        O(virgl_renderer_resource_create_args, nr_samples),
        S(virgl_renderer_resource_info), O(virgl_renderer_resource_info, tex_id),
        O(virgl_renderer_resource_info, stride), O(virgl_renderer_resource_info, drm_fourcc),
        S(virgl_renderer_hdr), S(virgl_renderer_export_query),
        O(virgl_renderer_export_query, out_fds), O(virgl_renderer_export_query, out_modifier),
        S(virgl_renderer_supported_structures),
        S(virgl_renderer_resource_create_blob_args),
        O(virgl_renderer_resource_create_blob_args, blob_id),
        O(virgl_renderer_resource_create_blob_args, iovecs),
        O(virgl_renderer_resource_create_blob_args, num_iovs),
        VIRGL_RENDERER_USE_EGL, VIRGL_RENDERER_THREAD_SYNC, VIRGL_RENDERER_USE_GLX,
        VIRGL_RENDERER_USE_SURFACELESS, VIRGL_RENDERER_USE_GLES,
        VIRGL_RENDERER_STRUCTURE_TYPE_EXPORT_QUERY,
        VIRGL_RENDERER_STRUCTURE_TYPE_SUPPORTED_STRUCTURES,
    };
    size_t n = sizeof v / sizeof v[0];
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = v[i];
    return n;
}
