/* commands.h: the virgl commands as the executor core runs them, one struct per command with
 * the wire's fields named and unpacked.  decode.c makes them from a command buffer; each
 * exec_* function (in the file of its topic) runs one and never sees a payload dword.
 * vrend_priv.h includes this after the state objects some commands carry. */
#ifndef COMMANDS_H
#define COMMANDS_H

#include <stdbool.h>
#include <stdint.h>

struct vrend_context;

/* ------------------------------------------------------------------ draw.c */

struct cmd_draw_vbo {
    uint32_t start, count;
    uint32_t mode;                  /* PIPE_PRIM_*, never quads, quad strips or polygons */
    bool indexed;
    uint32_t instance_count;
    int32_t index_bias;
    uint32_t start_instance;
    bool primitive_restart;
    uint32_t restart_index;
    uint32_t min_index, max_index;
    bool count_from_so;             /* as many vertices as the last capture recorded */
    uint32_t vertices_per_patch;    /* 0: not sent */
    uint32_t drawid;
    /* Indirect draws (indirect_handle 0: a direct draw): records at offset, stride apart;
     * draw_count of them, or as many as the count buffer says when it is named. */
    uint32_t indirect_handle, indirect_offset, indirect_stride, indirect_draw_count;
    uint32_t indirect_count_offset, indirect_count_handle;
};
bool exec_draw_vbo(struct vrend_context *ctx, const struct cmd_draw_vbo *c);

struct cmd_launch_grid {
    uint32_t block[3], grid[3];
    uint32_t indirect_handle, indirect_offset;  /* handle 0: the grid above */
};
bool exec_launch_grid(struct vrend_context *ctx, const struct cmd_launch_grid *c);

/* ------------------------------------------------------------------ framebuffer.c */

struct cmd_clear {
    uint32_t buffers;               /* PIPE_CLEAR_* */
    uint32_t color[4];              /* bits: float, int or uint as each buffer's format says */
    double depth;
    uint32_t stencil;
};
bool exec_clear(struct vrend_context *ctx, const struct cmd_clear *c);

struct cmd_clear_texture {
    uint32_t handle, level;
    uint32_t x, y, z, w, h, d;
    uint32_t data[4];               /* one texel of the texture's format */
};
bool exec_clear_texture(struct vrend_context *ctx, const struct cmd_clear_texture *c);

struct blit_side {
    uint32_t handle, level, format;
    int32_t x, y, z, w, h, d;       /* a negative extent mirrors */
};
struct cmd_blit {
    uint32_t mask;                  /* PIPE_MASK_* */
    uint32_t filter;                /* 0: nearest */
    bool scissor_enable, render_condition_enable, alpha_blend;
    uint32_t scissor_minx, scissor_miny, scissor_maxx, scissor_maxy;
    struct blit_side dst, src;
};
bool exec_blit(struct vrend_context *ctx, const struct cmd_blit *c);

struct cmd_resource_copy_region {
    uint32_t dst_handle, dst_level, dst_x, dst_y, dst_z;
    uint32_t src_handle, src_level, src_x, src_y, src_z;
    uint32_t w, h, d;
};
bool exec_resource_copy_region(struct vrend_context *ctx,
                               const struct cmd_resource_copy_region *c);

/* ------------------------------------------------------------------ objects.c */

/* The fields of each object type CREATE_OBJECT makes.  Views and surfaces name either a
 * buffer's element range or a texture's levels and layers, by their resource, which only
 * execution knows: both readings are decoded. */
struct create_sampler_view {
    uint32_t res_handle, format;
    uint32_t target;                /* PIPE_TEXTURE_*; 0 (PIPE_BUFFER): the resource's own */
    uint32_t first_element, last_element;
    uint32_t first_layer, last_layer, first_level, last_level;
    uint8_t swizzle[4];             /* PIPE_SWIZZLE_* of r, g, b, a */
};
struct create_sampler_state {
    uint8_t wrap_s, wrap_t, wrap_r;             /* PIPE_TEX_WRAP_* */
    uint8_t min_img_filter, min_mip_filter, mag_img_filter;   /* PIPE_TEX_FILTER/MIPFILTER_* */
    bool compare_mode;                          /* compare to the reference */
    uint8_t compare_func;                       /* PIPE_FUNC_* */
    bool seamless_cube_map;
    uint8_t max_anisotropy;
    float lod_bias, min_lod, max_lod;
    uint32_t border_color[4];       /* bits: float or integer by the sampled texture */
};
struct create_surface {
    uint32_t res_handle, format;
    uint32_t first_element, last_element;
    uint32_t level, first_layer, last_layer;
    uint32_t nr_samples;            /* MSAA surfaces only */
};
struct create_query {
    uint32_t type;                  /* VIRGL_QUERY_* */
    uint32_t index;
    uint32_t offset, res_handle;    /* where the result goes */
};
struct create_so_target {
    uint32_t res_handle, offset, size;
};
struct create_shader {
    uint32_t type;                  /* SHADER_* */
    bool continuation;              /* more text for the existing object */
    uint32_t total;                 /* first packet: the text's length in bytes */
    uint32_t offset;                /* continuation: where this piece goes */
    uint32_t num_tokens;
    uint32_t so_num;                /* stream outputs: first packet, not compute */
    uint32_t so_stride[4];          /* dwords */
    struct t2g_stream_output so[T2G_MAX_SO_OUTPUTS];
    const char *text;               /* this packet's piece, text_bytes long */
    uint32_t text_bytes;
};

struct cmd_create_object {
    uint32_t type;                  /* OBJ_* */
    uint32_t handle;
    union {
        struct blend_state blend;
        struct dsa_state dsa;
        struct rs_state rs;
        struct vertex_elements ve;
        struct create_sampler_view view;
        struct create_sampler_state sampler;
        struct create_surface surface;
        struct create_query query;
        struct create_so_target so_target;
        struct create_shader shader;
    } u;
};
bool exec_create_object(struct vrend_context *ctx, const struct cmd_create_object *c);

struct cmd_bind_object { uint32_t type, handle; };
bool exec_bind_object(struct vrend_context *ctx, const struct cmd_bind_object *c);

struct cmd_destroy_object { uint32_t handle; };
bool exec_destroy_object(struct vrend_context *ctx, const struct cmd_destroy_object *c);

/* ------------------------------------------------------------------ state_cmds.c */

struct cmd_set_viewport {
    uint32_t start, count;          /* start + count <= 16 */
    float scale[16][3], translate[16][3];
};
bool exec_set_viewport(struct vrend_context *ctx, const struct cmd_set_viewport *c);

struct scissor { uint32_t minx, miny, maxx, maxy; };
struct cmd_set_scissor {
    uint32_t start, count;          /* start + count <= 16 */
    struct scissor s[16];
};
bool exec_set_scissor(struct vrend_context *ctx, const struct cmd_set_scissor *c);

struct cmd_set_framebuffer {
    uint32_t nr_cbufs;              /* <= 8 */
    uint32_t zsurf_handle, cbuf_handles[8];
};
bool exec_set_framebuffer(struct vrend_context *ctx, const struct cmd_set_framebuffer *c);

struct cmd_set_framebuffer_no_attach { uint32_t width, height, layers, samples; };
bool exec_set_framebuffer_no_attach(struct vrend_context *ctx,
                                    const struct cmd_set_framebuffer_no_attach *c);

struct cmd_set_vertex_buffers {
    uint32_t count;                 /* <= MAX_VBUFS; the slots after it are unbound */
    struct { uint32_t stride, offset, handle; } vb[32];
};
bool exec_set_vertex_buffers(struct vrend_context *ctx, const struct cmd_set_vertex_buffers *c);

struct cmd_set_index_buffer {
    uint32_t handle;
    bool has_layout;                /* index size and offset sent (else kept) */
    uint32_t index_size, offset;    /* index_size 1, 2 or 4 */
};
bool exec_set_index_buffer(struct vrend_context *ctx, const struct cmd_set_index_buffer *c);

struct cmd_set_constant_buffer {
    uint32_t stage, index;          /* < SHADER_TYPES, < MAX_UBOS */
    const void *data;
    uint32_t bytes;
};
bool exec_set_constant_buffer(struct vrend_context *ctx, const struct cmd_set_constant_buffer *c);

struct cmd_set_uniform_buffer {
    uint32_t stage, index;          /* < SHADER_TYPES, < MAX_UBOS */
    uint32_t offset, length, handle;
};
bool exec_set_uniform_buffer(struct vrend_context *ctx, const struct cmd_set_uniform_buffer *c);

/* SET_SAMPLER_VIEWS and BIND_SAMPLER_STATES: object handles for count slots from start. */
struct cmd_slot_handles {
    uint32_t stage, start, count;   /* stage < SHADER_TYPES, start + count <= MAX_SLOTS */
    uint32_t handles[32];
};
bool exec_set_sampler_views(struct vrend_context *ctx, const struct cmd_slot_handles *c);
bool exec_bind_sampler_states(struct vrend_context *ctx, const struct cmd_slot_handles *c);

struct cmd_set_stencil_ref { uint32_t ref[2]; };   /* front, back */
bool exec_set_stencil_ref(struct vrend_context *ctx, const struct cmd_set_stencil_ref *c);

struct cmd_set_blend_color { float color[4]; };
bool exec_set_blend_color(struct vrend_context *ctx, const struct cmd_set_blend_color *c);

struct cmd_set_polygon_stipple { uint32_t pattern[32]; };
bool exec_set_polygon_stipple(struct vrend_context *ctx, const struct cmd_set_polygon_stipple *c);

struct cmd_set_clip_state { float planes[8][4]; };
bool exec_set_clip_state(struct vrend_context *ctx, const struct cmd_set_clip_state *c);

struct cmd_set_sample_mask { uint32_t mask; };
bool exec_set_sample_mask(struct vrend_context *ctx, const struct cmd_set_sample_mask *c);

struct cmd_set_min_samples { uint32_t min_samples; };
bool exec_set_min_samples(struct vrend_context *ctx, const struct cmd_set_min_samples *c);

struct cmd_set_tess_state { float outer[4], inner[2]; };
bool exec_set_tess_state(struct vrend_context *ctx, const struct cmd_set_tess_state *c);

struct buffer_range { uint32_t offset, length, handle; };
struct cmd_set_shader_buffers {
    uint32_t stage, start, count;   /* stage < SHADER_TYPES, start + count <= MAX_SSBOS */
    struct buffer_range b[16];
};
bool exec_set_shader_buffers(struct vrend_context *ctx, const struct cmd_set_shader_buffers *c);

struct cmd_set_atomic_buffers {
    uint32_t start, count;          /* start + count <= MAX_SSBOS */
    struct buffer_range b[16];
};
bool exec_set_atomic_buffers(struct vrend_context *ctx, const struct cmd_set_atomic_buffers *c);

struct cmd_set_shader_images {
    uint32_t stage, start, count;   /* stage < SHADER_TYPES, start + count <= WIRE_MAX_IMAGES */
    struct { uint32_t format, access, layer_offset, level_size, handle; } im[32];
};
bool exec_set_shader_images(struct vrend_context *ctx, const struct cmd_set_shader_images *c);

struct cmd_memory_barrier { uint32_t flags; };
bool exec_memory_barrier(struct vrend_context *ctx, const struct cmd_memory_barrier *c);

struct cmd_texture_barrier { uint32_t flags; };
bool exec_texture_barrier(struct vrend_context *ctx, const struct cmd_texture_barrier *c);

struct cmd_bind_shader { uint32_t handle, type; };   /* type < SHADER_TYPES */
bool exec_bind_shader(struct vrend_context *ctx, const struct cmd_bind_shader *c);

struct cmd_link_shader { uint32_t handles[6]; };     /* per stage, SHADER_* order */
bool exec_link_shader(struct vrend_context *ctx, const struct cmd_link_shader *c);

/* ------------------------------------------------------------------ query.c */

/* BEGIN_QUERY, END_QUERY */
struct cmd_query { uint32_t handle; };
bool exec_begin_query(struct vrend_context *ctx, const struct cmd_query *c);
bool exec_end_query(struct vrend_context *ctx, const struct cmd_query *c);

struct cmd_get_query_result { uint32_t handle; bool wait; };
bool exec_get_query_result(struct vrend_context *ctx, const struct cmd_get_query_result *c);

struct cmd_get_query_result_qbo {
    uint32_t handle, qbo_handle;
    bool wait;
    uint32_t result_type;           /* 0 int32, 1 uint32, 2 int64, 3 uint64 */
    uint32_t offset;
    int32_t index;                  /* < 0: whether the result is available */
};
bool exec_get_query_result_qbo(struct vrend_context *ctx,
                               const struct cmd_get_query_result_qbo *c);

struct cmd_set_render_condition {
    uint32_t handle;                /* 0: render unconditionally */
    bool condition;                 /* render when the result is this */
    uint32_t mode;                  /* PIPE_RENDER_COND_*: wait, no wait, by region... */
};
bool exec_set_render_condition(struct vrend_context *ctx,
                               const struct cmd_set_render_condition *c);

/* ------------------------------------------------------------------ streamout.c */

struct cmd_set_streamout_targets {
    uint32_t append_bitmask;
    uint32_t count;                 /* <= 4 */
    uint32_t handles[4];
};
bool exec_set_streamout_targets(struct vrend_context *ctx,
                                const struct cmd_set_streamout_targets *c);

/* ------------------------------------------------------------------ context.c */

/* SET_SUB_CTX, CREATE_SUB_CTX, DESTROY_SUB_CTX */
struct cmd_sub_ctx { uint32_t id; };
bool exec_set_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c);
bool exec_create_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c);
bool exec_destroy_sub_ctx(struct vrend_context *ctx, const struct cmd_sub_ctx *c);

/* ------------------------------------------------------------------ transfer_cmds.c */

/* RESOURCE_INLINE_WRITE: the box (to the host, offset 0 in the data) and the data that
 * follows it in the packet. */
struct cmd_resource_inline_write {
    struct vrend_transfer t;
    const uint8_t *data;
    size_t data_size;
};
bool exec_resource_inline_write(struct vrend_context *ctx,
                                const struct cmd_resource_inline_write *c);

/* TRANSFER3D: between the resource and its own backing, at t.offset. */
struct cmd_transfer3d { struct vrend_transfer t; };
bool exec_transfer3d(struct vrend_context *ctx, const struct cmd_transfer3d *c);

/* COPY_TRANSFER3D: between resource t.handle and the backing of buffer src_handle. */
struct cmd_copy_transfer3d {
    struct vrend_transfer t;
    uint32_t src_handle;
};
bool exec_copy_transfer3d(struct vrend_context *ctx, const struct cmd_copy_transfer3d *c);

#endif
