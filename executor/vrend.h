/* vrend.h: transport-independent core of virgl-exec; runs a virgl command stream on host GL.
 *
 * The core knows nothing about sockets or fds.  A front end (vtest_server.c, a replay tool, a
 * virtio-gpu device later) creates one renderer per process/thread that owns the host GL
 * context, one context per guest context, and hands it resources with caller-owned backing
 * memory and command buffers of dwords.
 *
 *   struct vrend_renderer *r = vrend_renderer_create(&opts, err, sizeof err);
 *   struct vrend_context *c = vrend_context_create(r, "glxgears");
 *   vrend_resource_create(c, 1, &desc, shm_ptr, shm_size);
 *   vrend_submit(c, dwords, ndwords);           // false: context is broken, end the client
 *   vrend_transfer(c, &xfer);                   // backing <-> GL
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

#ifdef __cplusplus
extern "C" {
#endif

struct vrend_renderer;
struct vrend_context;

enum vrend_log_level { VREND_LOG_ERROR, VREND_LOG_WARN, VREND_LOG_INFO, VREND_LOG_DEBUG };
typedef void (*vrend_log_fn)(void *user, enum vrend_log_level level, const char *msg);

struct vrend_renderer_opts {
    bool gles;                  /* GLES 3.x host context (shaders compiled for essl3xx) */
    bool verbose;               /* log at INFO/DEBUG as well */
    vrend_log_fn log;           /* NULL: stderr */
    void *log_user;
    /* Resource memory one context may hold: the host storage its resources need (estimated
     * from size, format, levels, layers and samples) plus the guest memory backing them.  A
     * resource creation past it fails (-ENOMEM), so a guest asking for gigabytes loses that
     * command instead of the host its memory.  0: VREND_DEFAULT_CLIENT_MEMORY; UINT64_MAX:
     * no limit. */
    uint64_t client_memory_limit;
    /* Work one direct draw (vertices x instances) or compute grid (threads) may ask for; a
     * command past it ends the context.  0: no limit (virgl-exec bounds a client's time with
     * --message-timeout instead, which an in-process caller such as the fuzz harness cannot
     * use: a mutated instance count of two billion keeps llvmpipe busy for many minutes). */
    uint64_t max_invocations;
};
#define VREND_DEFAULT_CLIENT_MEMORY ((uint64_t)1 << 30)

/* Creates the host EGL/GL context (surfaceless) and probes host capabilities.  NULL on
 * failure with a message in err. */
struct vrend_renderer *vrend_renderer_create(const struct vrend_renderer_opts *opts,
                                             char *err, size_t err_len);
void vrend_renderer_destroy(struct vrend_renderer *r);

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

/* Creates resource `handle` (nonzero, unused) in ctx.  backing/backing_size is the guest
 * visible memory the transfers copy from/to (caller owned, must outlive the resource; may
 * be NULL/0 for resources without backing, e.g. MSAA).  Returns 0 or a negative errno. */
int vrend_resource_create(struct vrend_context *ctx, uint32_t handle,
                          const struct vrend_resource_desc *desc,
                          void *backing, size_t backing_size);
void vrend_resource_unref(struct vrend_context *ctx, uint32_t handle);

/* One copy between a resource's backing and its GL object.  stride/layer_stride 0 mean the
 * level's natural packing (what vtest protocol 2 uses); offset is the backing byte offset of
 * the box origin. */
struct vrend_transfer {
    uint32_t handle, level;
    uint32_t x, y, z, w, h, d;
    uint32_t stride, layer_stride;
    uint64_t offset;
    bool to_host;               /* backing -> GL; else GL -> backing */
};
int vrend_transfer(struct vrend_context *ctx, const struct vrend_transfer *t);

/* Busy query / wait on the GL work that touches a resource (handle 0: any).  Returns 1 if
 * still busy (only when !wait), 0 when idle, negative errno on a bad handle. */
int vrend_resource_busy(struct vrend_context *ctx, uint32_t handle, bool wait);

#ifdef __cplusplus
}
#endif

#endif
