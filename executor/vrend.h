/* vrend.h: transport-independent core of virgl-exec; runs a virgl command stream on host GL.
 *
 * The core knows nothing about sockets or fds.  A front end (vtest_server.c, a replay tool,
 * the libvirglrenderer.so.1 that QEMU loads) creates one renderer per process/thread that
 * owns the host GL context, one context per guest context, and hands it resources with
 * caller-owned backing memory and command buffers of dwords.
 *
 *   struct vrend_renderer *r = vrend_renderer_create(&opts, err, sizeof err);
 *   struct vrend_context *c = vrend_context_create(r, "glxgears");
 *   vrend_resource_create(r, 1, &desc, &(struct vrend_iovec){ shm_ptr, shm_size }, 1);
 *   vrend_context_attach_resource(c, 1);
 *   vrend_submit(c, dwords, ndwords);           // false: context is broken, end the client
 *   vrend_transfer(r, &xfer, NULL, 0);          // backing <-> GL
 *   vrend_context_destroy(c); vrend_renderer_destroy(r);
 *
 * All calls on one renderer and its contexts must come from one thread (the GL context is
 * current on it).  Errors are logged through opts.log and returned; nothing aborts on bad
 * guest input.
 */
#ifndef VREND_H
#define VREND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tgsi2glsl.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vrend_renderer;
struct vrend_context;

enum vrend_log_level { VREND_LOG_ERROR, VREND_LOG_WARN, VREND_LOG_INFO, VREND_LOG_DEBUG };
typedef void (*vrend_log_fn)(void *user, enum vrend_log_level level, const char *msg);

/* A caller-provided source of host GL contexts (see vrend_renderer_opts.gl). */
struct vrend_gl_provider {
    void *user;
    /* A context of the given version (desktop core or GLES, as the provider's display
     * makes them); NULL when it cannot. */
    void *(*create)(void *user, int major, int minor);
    void (*destroy)(void *user, void *gl_ctx);
    void (*make_current)(void *user, void *gl_ctx);
};

struct vrend_renderer_opts {
    bool gles;                  /* GLES 3.x host context (shaders compiled for essl3xx) */
    bool verbose;               /* log at INFO/DEBUG as well */
    vrend_log_fn log;           /* NULL: stderr */
    void *log_user;
    /* Resource memory the renderer's resources may hold (the vtest front runs a renderer
     * per client): the host storage they need (estimated from size, format, levels, layers
     * and samples) plus the guest memory backing them.  A resource creation past it fails
     * (-ENOMEM), so a guest asking for gigabytes loses that command instead of the host its
     * memory.  0: VREND_DEFAULT_CLIENT_MEMORY; UINT64_MAX:
     * no limit. */
    uint64_t client_memory_limit;
    /* Work one direct draw (vertices x instances) or compute grid (threads) may ask for; a
     * command past it ends the context.  0: no limit (virgl-exec bounds a client's time with
     * --message-timeout instead, which an in-process caller such as the fuzz harness cannot
     * use: a mutated instance count of two billion keeps llvmpipe busy for many minutes). */
    uint64_t max_invocations;
    /* Where the host GL context comes from: NULL, an EGL surfaceless context of the
     * renderer's own; else the caller's (a display that shows resources' textures), whose
     * contexts share objects with the caller's own. */
    const struct vrend_gl_provider *gl;
    /* With no provider: the DRM render node (e.g. /dev/dri/renderD129) whose GPU the EGL
     * context runs on, through EGL's device platform; NULL: EGL surfaceless's choice. */
    const char *render_node;
    /* Called for every shader variant compiled: the stage ("VS", "FS", ...), its TGSI, the key
     * and the GLSL written for it (NULL when the compiler refused the shader); what
     * virgl-exec --dump-shaders writes out. */
    void (*shader_compiled)(void *user, const char *stage, const char *tgsi,
                            const struct t2g_key *key, const char *glsl);
    void *shader_user;
};

#define VREND_DEFAULT_CLIENT_MEMORY ((uint64_t)1 << 30)

/* Creates the host GL context (opts.gl's, or EGL surfaceless) and probes host capabilities.  NULL on
 * failure with a message in err. */
struct vrend_renderer *vrend_renderer_create(const struct vrend_renderer_opts *opts,
                                             char *err, size_t err_len);
void vrend_renderer_destroy(struct vrend_renderer *r);
/* One line on what the renderer runs on: the host's GL renderer, API version and shading
 * language target, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), GL 4.5, shaders as glsl450". */
const char *vrend_renderer_describe(const struct vrend_renderer *r);

/* Capability sets as the guest expects them (virgl_caps_v1 for set 1, virgl_caps_v2 for
 * set 2), computed from the host context.  Returns the number of bytes the set has; writes
 * at most max bytes of it into out. */
size_t vrend_fill_caps(struct vrend_renderer *r, uint32_t set, void *out, size_t max);

/* A guest context.  debug_name only labels log lines. */
struct vrend_context *vrend_context_create(struct vrend_renderer *r, const char *debug_name);
void vrend_context_destroy(struct vrend_context *ctx);
/* True once a bad command was rejected; the front end should end the client. */
bool vrend_context_broken(const struct vrend_context *ctx);

/* Executes a command buffer (VIRGL_CCMD_* packets).  Returns false and marks the context
 * broken on the first malformed command. */
bool vrend_submit(struct vrend_context *ctx, const uint32_t *cmds, size_t num_dwords);

/* Resource description (the RESOURCE_CREATE fields; target is PIPE_TEXTURE_* / PIPE_BUFFER,
 * format a VIRGL_FORMAT_*, bind VIRGL_BIND_*). */
struct vrend_resource_desc {
    uint32_t target, format, bind;
    uint32_t width, height, depth, array_size, last_level, nr_samples;
    uint32_t flags;
};

/* Guest memory: a list of pieces (a guest's pages, as a virtual machine maps them) that
 * together form one run of bytes.  The vtest front passes one piece. */
struct vrend_iovec {
    void *base;
    size_t len;
};

/* Resources belong to the renderer; a context sees those attached to it (the handles of
 * its command stream name them).  Creates resource `handle` (nonzero, unused) with the
 * given backing (caller owned; may be empty, e.g. for MSAA, and attached later).  The
 * iovec array itself is copied.  Returns 0 or a negative errno (-ENOMEM: past the memory
 * budget). */
int vrend_resource_create(struct vrend_renderer *r, uint32_t handle,
                          const struct vrend_resource_desc *desc,
                          const struct vrend_iovec *iov, unsigned niov);
/* Replaces / drops the backing.  Detaching returns nothing: the caller owns the memory. */
int vrend_resource_attach_backing(struct vrend_renderer *r, uint32_t handle,
                                  const struct vrend_iovec *iov, unsigned niov);
void vrend_resource_detach_backing(struct vrend_renderer *r, uint32_t handle);
/* Drops the handle: every context loses it; GL objects live while state objects use them. */
void vrend_resource_unref(struct vrend_renderer *r, uint32_t handle);
int vrend_context_attach_resource(struct vrend_context *ctx, uint32_t handle);
void vrend_context_detach_resource(struct vrend_context *ctx, uint32_t handle);
bool vrend_context_has_resource(const struct vrend_context *ctx, uint32_t handle);

/* What a display needs to show a resource: its GL texture (0 for buffers), format and
 * size, the creation flags (VIRGL_RESOURCE_Y_0_TOP) and the row stride of level 0. */
struct vrend_resource_info {
    uint32_t handle, format, width, height, depth, flags, stride;
    uint32_t gl_texture;
};
int vrend_resource_get_info(struct vrend_renderer *r, uint32_t handle,
                            struct vrend_resource_info *info);

/* One copy between guest memory and a resource's GL object.  stride/layer_stride 0 mean
 * the level's natural packing (what vtest protocol 2 uses); offset is the byte offset of
 * the box origin in the memory. */
struct vrend_transfer {
    uint32_t handle, level;
    uint32_t x, y, z, w, h, d;
    uint32_t stride, layer_stride;
    uint64_t offset;
    bool to_host;               /* memory -> GL; else GL -> memory */
};
/* iov NULL: the resource's backing. */
int vrend_transfer(struct vrend_renderer *r, const struct vrend_transfer *t,
                   const struct vrend_iovec *iov, unsigned niov);

/* Busy query / wait on the GL work that touches a resource (handle 0: any).  Returns 1 if
 * still busy (only when !wait), 0 when idle, negative errno on a bad handle. */
int vrend_resource_busy(struct vrend_context *ctx, uint32_t handle, bool wait);

/* A point in the host GL command stream: signalled once the GL work submitted before it
 * has completed. */
struct vrend_fence;
struct vrend_fence *vrend_fence_create(struct vrend_renderer *r);
bool vrend_fence_signalled(struct vrend_renderer *r, struct vrend_fence *f);
void vrend_fence_destroy(struct vrend_renderer *r, struct vrend_fence *f);

/* Hands the GL work submitted since the last call to the host driver without waiting for
 * it (glFlush), so that a threaded driver (llvmpipe) renders while the front end waits for
 * its client's next message; nothing when no command buffer came since.  A front end calls
 * it before it blocks on its client. */
void vrend_renderer_flush(struct vrend_renderer *r);

/* Makes the renderer's GL context current on the calling thread (after a caller that shares
 * the thread with other GL contexts, as a display does, made its own current). */
bool vrend_renderer_make_current(struct vrend_renderer *r);

#ifdef __cplusplus
}
#endif

#endif
