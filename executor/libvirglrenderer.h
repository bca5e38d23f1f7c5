/* libvirglrenderer.h: the C interface of libvirglrenderer.so.1 as virglrenderer 0.10.4
 * defines it (the version Debian 12's QEMU 7.2 is built against), written down for the
 * drop-in front (libvirglrenderer.c).  Sizes and offsets must match 0.10.4's header exactly:
 * tests/executor/abi_test.c compares them with Debian's libvirglrenderer-dev where it is
 * installed.  Only what a caller passes or reads is here; the meaning of each call is at
 * its definition. */
#ifndef LIBVIRGLRENDERER_H
#define LIBVIRGLRENDERER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

struct iovec;

#define VIRGL_EXPORT __attribute__((visibility("default")))

typedef void *virgl_renderer_gl_context;

struct virgl_renderer_gl_ctx_param {
    int version;
    bool shared;
    int major_ver;
    int minor_ver;
};

/* Version 1: write_fence and the three GL context calls; version 2 adds get_drm_fd; 3 and 4
 * (virglrenderer's unstable API) add more that this front never calls. */
struct virgl_renderer_callbacks {
    int version;
    void (*write_fence)(void *cookie, uint32_t fence);
    virgl_renderer_gl_context (*create_gl_context)(void *cookie, int scanout_idx,
                                                   struct virgl_renderer_gl_ctx_param *param);
    void (*destroy_gl_context)(void *cookie, virgl_renderer_gl_context ctx);
    int (*make_current)(void *cookie, int scanout_idx, virgl_renderer_gl_context ctx);
    int (*get_drm_fd)(void *cookie);
};

/* virgl_renderer_init flags. */
#define VIRGL_RENDERER_USE_EGL 1
#define VIRGL_RENDERER_THREAD_SYNC 2
#define VIRGL_RENDERER_USE_GLX (1 << 2)
#define VIRGL_RENDERER_USE_SURFACELESS (1 << 3)
#define VIRGL_RENDERER_USE_GLES (1 << 4)

/* The box of a transfer (QEMU passes its virtio_gpu_box, the same six words). */
struct virgl_box {
    uint32_t x, y, z, w, h, d;
};

struct virgl_renderer_resource_create_args {
    uint32_t handle, target, format, bind;
    uint32_t width, height, depth, array_size, last_level, nr_samples;
    uint32_t flags;
};

struct virgl_renderer_resource_info {
    uint32_t handle;
    uint32_t virgl_format;
    uint32_t width, height, depth;
    uint32_t flags;
    uint32_t tex_id;
    uint32_t stride;
    int drm_fourcc;
};

/* virgl_renderer_execute's structures. */
enum {
    VIRGL_RENDERER_STRUCTURE_TYPE_NONE = 0,
    VIRGL_RENDERER_STRUCTURE_TYPE_EXPORT_QUERY = 1 << 0,
    VIRGL_RENDERER_STRUCTURE_TYPE_SUPPORTED_STRUCTURES = 1 << 1,
};
struct virgl_renderer_hdr {
    uint32_t stype, stype_version, size;
};
struct virgl_renderer_export_query {
    struct virgl_renderer_hdr hdr;
    uint32_t in_resource_id;
    uint32_t out_num_fds;
    uint32_t in_export_fds;
    uint32_t out_fourcc;
    uint32_t pad;
    int32_t out_fds[4];
    uint32_t out_strides[4];
    uint32_t out_offsets[4];
    uint64_t out_modifier;
};
struct virgl_renderer_supported_structures {
    struct virgl_renderer_hdr hdr;
    uint32_t in_stype_version;
    uint32_t out_supported_structures_mask;
};

struct virgl_renderer_resource_create_blob_args {
    uint32_t res_handle;
    uint32_t ctx_id;
    uint32_t blob_mem;
    uint32_t blob_flags;
    uint64_t blob_id;
    uint64_t size;
    const struct iovec *iovecs;
    uint32_t num_iovs;
};
struct virgl_renderer_resource_import_blob_args {
    uint32_t res_handle;
    uint32_t blob_mem;
    uint32_t fd_type;
    int fd;
    uint64_t size;
};

typedef void (*virgl_debug_callback_type)(const char *fmt, va_list ap);

VIRGL_EXPORT int virgl_renderer_init(void *cookie, int flags, struct virgl_renderer_callbacks *cb);
VIRGL_EXPORT void virgl_renderer_poll(void);
VIRGL_EXPORT void *virgl_renderer_get_cursor_data(uint32_t resource_id, uint32_t *width,
                                                  uint32_t *height);
VIRGL_EXPORT void virgl_renderer_get_rect(int resource_id, struct iovec *iov,
                                          unsigned int num_iovs, uint32_t offset, int x, int y,
                                          int width, int height);
VIRGL_EXPORT int virgl_renderer_get_fd_for_texture(uint32_t tex_id, int *fd);
VIRGL_EXPORT int virgl_renderer_get_fd_for_texture2(uint32_t tex_id, int *fd, int *stride,
                                                    int *offset);
VIRGL_EXPORT int virgl_renderer_resource_create(struct virgl_renderer_resource_create_args *args,
                                                struct iovec *iov, uint32_t num_iovs);
VIRGL_EXPORT int virgl_renderer_resource_import_eglimage(
    struct virgl_renderer_resource_create_args *args, void *image);
VIRGL_EXPORT void virgl_renderer_resource_unref(uint32_t res_handle);
VIRGL_EXPORT void virgl_renderer_resource_set_priv(uint32_t res_handle, void *priv);
VIRGL_EXPORT void *virgl_renderer_resource_get_priv(uint32_t res_handle);
VIRGL_EXPORT int virgl_renderer_context_create(uint32_t handle, uint32_t nlen, const char *name);
VIRGL_EXPORT int virgl_renderer_context_create_with_flags(uint32_t ctx_id, uint32_t ctx_flags,
                                                          uint32_t nlen, const char *name);
VIRGL_EXPORT void virgl_renderer_context_destroy(uint32_t handle);
VIRGL_EXPORT int virgl_renderer_submit_cmd(void *buffer, int ctx_id, int ndw);
VIRGL_EXPORT int virgl_renderer_transfer_read_iov(uint32_t handle, uint32_t ctx_id,
                                                  uint32_t level, uint32_t stride,
                                                  uint32_t layer_stride, struct virgl_box *box,
                                                  uint64_t offset, struct iovec *iov,
                                                  int iovec_cnt);
VIRGL_EXPORT int virgl_renderer_transfer_write_iov(uint32_t handle, uint32_t ctx_id, int level,
                                                   uint32_t stride, uint32_t layer_stride,
                                                   struct virgl_box *box, uint64_t offset,
                                                   struct iovec *iovec,
                                                   unsigned int iovec_cnt);
VIRGL_EXPORT void virgl_renderer_get_cap_set(uint32_t set, uint32_t *max_ver,
                                             uint32_t *max_size);
VIRGL_EXPORT void virgl_renderer_fill_caps(uint32_t set, uint32_t version, void *caps);
VIRGL_EXPORT int virgl_renderer_resource_attach_iov(int res_handle, struct iovec *iov,
                                                    int num_iovs);
VIRGL_EXPORT void virgl_renderer_resource_detach_iov(int res_handle, struct iovec **iov,
                                                     int *num_iovs);
VIRGL_EXPORT int virgl_renderer_create_fence(int client_fence_id, uint32_t ctx_id);
VIRGL_EXPORT void virgl_renderer_force_ctx_0(void);
VIRGL_EXPORT void virgl_renderer_ctx_attach_resource(int ctx_id, int res_handle);
VIRGL_EXPORT void virgl_renderer_ctx_detach_resource(int ctx_id, int res_handle);
VIRGL_EXPORT virgl_debug_callback_type virgl_set_debug_callback(virgl_debug_callback_type cb);
VIRGL_EXPORT int virgl_renderer_resource_get_info(int res_handle,
                                                  struct virgl_renderer_resource_info *info);
VIRGL_EXPORT void virgl_renderer_cleanup(void *cookie);
VIRGL_EXPORT void virgl_renderer_reset(void);
VIRGL_EXPORT int virgl_renderer_get_poll_fd(void);
VIRGL_EXPORT int virgl_renderer_execute(void *execute_args, uint32_t execute_size);
VIRGL_EXPORT int virgl_renderer_resource_create_blob(
    const struct virgl_renderer_resource_create_blob_args *args);
VIRGL_EXPORT int virgl_renderer_resource_map(uint32_t res_handle, void **map, uint64_t *out_size);
VIRGL_EXPORT int virgl_renderer_resource_unmap(uint32_t res_handle);
VIRGL_EXPORT int virgl_renderer_resource_get_map_info(uint32_t res_handle, uint32_t *map_info);
VIRGL_EXPORT int virgl_renderer_resource_export_blob(uint32_t res_id, uint32_t *fd_type, int *fd);
VIRGL_EXPORT int virgl_renderer_resource_import_blob(
    const struct virgl_renderer_resource_import_blob_args *args);
VIRGL_EXPORT int virgl_renderer_export_fence(uint32_t client_fence_id, int *fd);
VIRGL_EXPORT int virgl_renderer_context_create_fence(uint32_t ctx_id, uint32_t flags,
                                                     uint32_t ring_idx, uint64_t fence_id);
VIRGL_EXPORT void virgl_renderer_context_poll(uint32_t ctx_id);
VIRGL_EXPORT int virgl_renderer_context_get_poll_fd(uint32_t ctx_id);

#endif
