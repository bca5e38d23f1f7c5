/* vrend_priv.h: the executor core's internal data structures, shared by its topic files. */
#ifndef VREND_PRIV_H
#define VREND_PRIV_H

#include <epoxy/gl.h>
#include <epoxy/egl.h>
#include <stdarg.h>

#include "tgsi2glsl.h"
#include "virgl_wire.h"
#include "vrend.h"

/* ------------------------------------------------------------------ handle table */

/* Open-addressing map from nonzero 32-bit handles to pointers (guest handles are small and
 * dense, but nothing trusts that). */
struct htable {
    uint32_t *keys;
    void **vals;
    uint32_t cap, count;
};
void *htable_get(const struct htable *t, uint32_t key);
bool htable_put(struct htable *t, uint32_t key, void *val);   /* replaces */
void *htable_remove(struct htable *t, uint32_t key);
void htable_free(struct htable *t);
/* Iteration: for (i = 0; i < t->cap; i++) if (t->keys[i] && t->vals[i]) ... */

/* ------------------------------------------------------------------ formats */

enum {
    FMT_SAMPLE = 1u << 0, FMT_RENDER = 1u << 1, FMT_DEPTH = 1u << 2, FMT_VERTEX = 1u << 3,
    FMT_INT = 1u << 4, FMT_UINT = 1u << 5, FMT_COMPRESSED = 1u << 6, FMT_STENCIL = 1u << 7,
    FMT_SRGB = 1u << 8, FMT_HAS_DEPTH = 1u << 9, FMT_BUFFER = 1u << 10, FMT_FLOAT = 1u << 11,
    /* Host only (fmt_caps, GLES): glReadPixels refuses the format's own pixel format, so
     * read-back reads GL_RGBA of the same type and keeps the format's channels. */
    FMT_READ_AS_RGBA = 1u << 12,
    /* Table only: offered on desktop hosts alone (the GLES read-back and mipmap paths lose
     * these luminance-alpha and intensity layouts). */
    FMT_DESKTOP = 1u << 13,
};

struct vformat {
    uint16_t virgl;                 /* VIRGL_FORMAT_* */
    GLenum internal, format, type;  /* texture storage and pixel transfer */
    uint8_t block_bytes, block_w, block_h;
    uint16_t flags;
    char swizzle[4];                /* "rgba", "rrr1" (luminance), "000r" (alpha) ... */
    /* Vertex attribute view: components (VCOMPS_BGRA: four in BGRA order), GL type,
     * normalized (0 = not a vertex format). */
    uint8_t vcomps;
    GLenum vtype;
    bool vnorm;
};
#define VCOMPS_BGRA 0x80
/* The size argument of glVertexAttribFormat for f: GL_BGRA or the component count. */
static inline GLint vformat_vsize(const struct vformat *f)
{
    return f->vcomps == VCOMPS_BGRA ? GL_BGRA : f->vcomps;
}
const struct vformat *vformat_get(uint32_t virgl_format);  /* NULL when unknown */
/* The component (0-3) that stored channel c of f is read back as, or -1 for none. */
int vformat_stored_as(const struct vformat *f, int c);
/* The framebuffer point through which data of format f, with capabilities fl, is read
 * back: depth and/or stencil, else colour 0. */
GLenum vformat_read_point(const struct vformat *f, uint16_t fl);
#define VIRGL_FORMAT_TABLE_MAX 512

/* ------------------------------------------------------------------ resources */

struct vres {
    uint32_t handle;
    int refs;                       /* guest reference + views/surfaces holding it */
    struct vrend_resource_desc d;
    const struct vformat *fmt;
    GLenum target;                  /* GL target; GL_ARRAY_BUFFER for buffers */
    GLuint id;                      /* texture or buffer object */
    GLuint tbo;                     /* texture-buffer view of a buffer (lazily created) */
    GLenum tbo_format;
    /* Guest memory (vrend_iovec pieces, copied array); backing_size is their sum. */
    struct vrend_iovec *iov;
    unsigned niov;
    size_t backing_size;
    uint64_t charged;               /* bytes counted against the renderer's memory budget */
    bool is_buffer;
    /* GLES cannot read compressed texels back: what the guest uploads into a compressed
     * texture is kept here too (gles_textures.c), NULL until the first upload. */
    uint8_t *shadow;
};
void vres_ref(struct vres *r);
void vres_unref(struct vrend_context *ctx, struct vres *r);
uint32_t vres_level_width(const struct vres *r, uint32_t level);
uint32_t vres_level_height(const struct vres *r, uint32_t level);
uint32_t vres_level_depth(const struct vres *r, uint32_t level);
uint32_t vres_layers(const struct vres *r);   /* array layers (cube faces count) */
/* Counts bytes more of r against the client's memory budget; false where they exceed it. */
bool vres_charge(struct vrend_renderer *rr, struct vres *r, uint64_t bytes);
/* The layers a surface or transfer on one level can name: a 3D level's slices, else
 * vres_layers. */
uint32_t vres_level_layers(const struct vres *r, uint32_t level);
GLuint vres_texture_buffer(struct vrend_renderer *rr, struct vres *r, uint32_t format);
/* Copies one box between memory laid out as t says and r's GL object; every size is
 * checked against r and the memory first.  vres_copy_iov takes guest memory in pieces
 * (iov NULL: r's backing). */
int vres_copy(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
              uint8_t *mem, size_t mem_size);
int vres_copy_iov(struct vrend_renderer *rr, struct vres *r, const struct vrend_transfer *t,
                  const struct vrend_iovec *iov, unsigned niov);
/* Reads or writes n bytes of r's backing at off; false when they are not all there. */
bool vres_backing_write(struct vres *r, uint64_t off, const void *src, size_t n);

/* ------------------------------------------------------------------ state objects */

/* The blend, depth/stencil/alpha and rasterizer objects hold gallium's state as decode.c
 * unpacks it from the wire: enums are gallium's (PIPE_BLEND_*, PIPE_BLENDFACTOR_*,
 * PIPE_FUNC_*, PIPE_STENCIL_OP_*, PIPE_FACE_*, PIPE_POLYGON_MODE_*). */
struct blend_rt {
    bool blend_enable;
    uint8_t rgb_func, rgb_src_factor, rgb_dst_factor;
    uint8_t alpha_func, alpha_src_factor, alpha_dst_factor;
    uint8_t colormask;              /* PIPE_MASK_RGBA bits */
};
struct blend_state {
    bool independent, logicop_enable, alpha_to_coverage, alpha_to_one, dither;
    uint32_t logicop_func;          /* PIPE_LOGICOP_* */
    /* KHR_blend_equation_advanced: Mesa's enum gl_advanced_blend_mode (1 multiply .. 15
     * hsl_luminosity), 0 none.  Mesa's virgl sends it in rt[0]'s alpha source factor with
     * every rt's blending off and factors 0 (no real factor is 0: PIPE_BLENDFACTOR_ZERO is
     * 0x11). */
    uint8_t advanced;
#define LOGICOP_COPY 12             /* PIPE_LOGICOP_COPY: no logic op */
    struct blend_rt rt[8];          /* rt[0] serves all buffers unless independent */
};

struct stencil_state {
    bool enabled;
    uint8_t func, fail_op, zpass_op, zfail_op, valuemask, writemask;
};
struct dsa_state {
    bool depth_enabled, depth_writemask;
    uint8_t depth_func;
    bool alpha_enabled;
    uint8_t alpha_func;
    struct stencil_state stencil[2];   /* front, back (enabled: two-sided) */
    float alpha_ref;
};

struct rs_state {
    bool flatshade, depth_clip, clip_halfz, rasterizer_discard, flatshade_first;
    bool light_twoside, sprite_coord_mode, point_quad_rasterization;
    uint8_t cull_face, fill_front, fill_back;
    bool scissor, front_ccw, clamp_vertex_color, clamp_fragment_color;
    bool offset_line, offset_point, offset_tri, poly_smooth, poly_stipple_enable;
    bool point_smooth, point_size_per_vertex, multisample, line_smooth, line_stipple_enable;
    bool line_last_pixel, half_pixel_center, bottom_edge_rule, force_persample_interp;
    uint32_t sprite_coord_enable;   /* generic inputs replaced by point coordinates */
    uint16_t line_stipple_pattern;
    uint8_t line_stipple_factor;
    uint8_t clip_plane_enable;
    float point_size, line_width, offset_units, offset_scale, offset_clamp;
};

struct shader_variant {
    struct shader_variant *next;
    uint64_t key_hash;
    struct t2g_key *key;
    GLuint id;                      /* 0: compile failed */
    struct t2g_reflection *refl;
    uint64_t serial;                /* unique in the renderer (see struct program) */
};

struct shader_obj {
    uint32_t type;                  /* SHADER_* */
    char *text;                     /* TGSI text, NUL-terminated when complete */
    uint32_t text_len, text_cap, filled;
    bool complete, base_ok;
    struct t2g_reflection *base;    /* reflection of the unlinked compile */
    struct shader_variant *variants;
    struct shader_variant *last;    /* the variant the last draw used: consecutive draws mostly
                                     * build the same key, compared before any hashing */
    /* Stream output (transform feedback) declaration. */
    uint32_t so_num, so_stride[4];
    struct t2g_stream_output so[T2G_MAX_SO_OUTPUTS];
    int refs;
};

struct vertex_element {
    uint32_t src_offset, divisor, vb_index, format;
};
struct vertex_elements {
    uint32_t count;
    struct vertex_element el[32];
};

struct sampler_view {
    struct vres *res;
    uint32_t format, first, last;   /* first/last: levels or buffer elements */
    uint8_t swizzle[4];             /* PIPE_SWIZZLE_* of r, g, b, a */
    uint32_t first_layer, last_layer;
    GLuint view;                    /* texture view (0 = use res->id) */
    GLenum target;
    int refs;
    /* Depth comparisons read the host swizzle's red channel; where the view's red is not
     * red (depth mode alpha: (0, 0, 0, r)) they sample compare_view, made on first use with
     * the identity swizzle (the shader applies the guest's: lower_shadow_swizzle). */
    bool red_moved;
    GLuint compare_view;
    GLenum internal;
    uint32_t nlayers;
    /* Views the host cannot swizzle (every view on ES 2.0, which has no texture views,
     * swizzles or sRGB formats; texture buffers everywhere): swizzle_in_shader, with the
     * view's swizzle composed with its format's (enum t2g_swizzle), and whether it decodes
     * sRGB, which the shader applies (key.sampler_swizzle, sampler_srgb_decode). */
    bool swizzle_in_shader;
    uint8_t shader_swizzle[4];
    bool shader_srgb;
};

/* The driver uniforms as the executor sends them: struct t2g_driver_uniforms, then each
 * sampler's LOD state for the shaders that apply it (GLES hosts, key.sampler_lod_from_driver),
 * indexed [slot][stage] as the library reads them. */
struct driver_block {
    struct t2g_driver_uniforms u;
    struct t2g_driver_sampler_lod lod[T2G_MAX_SAMPLERS][T2G_STAGE_COUNT];
};
_Static_assert((int)SHADER_TYPES == (int)T2G_STAGE_COUNT, "shader stages are numbered as the library's");

struct sampler_state {
    GLuint id;
    GLuint id_1d;      /* the same without anisotropy, for 1D views (0: id serves them) */
    /* GLES hosts apply these in the shader (driver uniforms): GLES samplers have no LOD
     * bias, and GLSL ES no textureQueryLod(). */
    float lod_bias, min_lod, max_lod, border[4];
    /* ES 2.0 hosts: no sampler objects; the state goes onto each texture bound with it. */
    uint8_t wrap[3], min_filter, mip_filter, mag_filter;
    /* Depth comparison: 0 off, else 1 + PIPE_FUNC_* (hosts without shadow samplers compare
     * in the shader: key.sampler_compare). */
    uint8_t compare;
    uint8_t gl_clamp;  /* bit i: wrap mode i is GL_CLAMP the shader emulates (objects.c) */
    bool uses_border;  /* some wrap mode reads the border colour */
    /* A twin of id_base with the border colour moved to the channels a format stores its
     * colour in (sampler_for_format), made on first use. */
    GLuint id_moved, id_moved_base;
    char moved_swizzle[4];
};
/* ES 2.0 (objects.c): the sampler's state as parameters of the texture bound at `target`. */
void sampler_apply_to_texture(struct vrend_renderer *r, GLenum target,
                              const struct sampler_state *ss);
/* The GL sampler (`id`, or its 1D twin) to sample a view of format f with: where f keeps its
 * colour in other channels ("000r": alpha in red) and the sampler reads the border colour,
 * one whose border colour is stored the same way (the host's swizzle then moves it back). */
GLuint sampler_for_format(struct sampler_state *ss, GLuint id, const struct vformat *f);

struct surface {
    struct vres *res;
    uint32_t format, level, first_layer, last_layer;   /* buffers: first/last element */
    GLuint view;                    /* texture view when the format differs */
    int refs;
};

struct query {
    uint32_t type, index;
    struct vres *res;               /* result written here */
    uint32_t offset;
    GLuint id;
    GLenum gl_target;
    bool active;
    uint64_t extra_at_begin, extra;   /* ctx->extra_primitives at begin; seen by the end */
};

struct so_target {
    struct vres *res;
    uint32_t offset, size;
};

struct vobj {
    uint32_t type;
    union {
        struct blend_state blend;
        struct dsa_state dsa;
        struct rs_state rs;
        struct shader_obj *shader;
        struct vertex_elements *ve;
        struct sampler_view *view;
        struct sampler_state *sampler;
        struct surface *surf;
        struct query *query;
        struct so_target so;
    } u;
};

/* The decoded commands, some of which carry the state objects above. */
#include "commands.h"

/* ------------------------------------------------------------------ sub-context */

#define MAX_VBUFS 32
#define MAX_SLOTS 32
#define MAX_UBOS 16
#define MAX_SSBOS 16
/* Storage-buffer bindings reserved for atomic counter buffers (see caps.c). */
#define ATOMIC_SSBO_BINDINGS 8
#define MAX_IMAGES 16
#define WIRE_MAX_IMAGES 32 /* PIPE_MAX_SHADER_IMAGES: the slots SET_SHADER_IMAGES may name */

struct vbuf { struct vres *res; uint32_t stride, offset; };
struct ubo_slot { struct vres *res; uint32_t offset, size; };
struct ssbo_slot { struct vres *res; uint32_t offset, size; };
struct image_slot { struct vres *res; uint32_t format, access, layer_offset, level_size; };

struct program {
    struct program *next;
    GLuint id;
    struct shader_variant *v[SHADER_TYPES];
    /* Programs are found by their variants' serials, not addresses: a destroyed shader's
     * variants are freed while its programs stay cached, and a new variant may be
     * allocated at a freed one's address (it picked another shader's program). */
    uint64_t serial[SHADER_TYPES];
    bool captures;                  /* linked with transform feedback varyings */
};

/* A GL transform feedback object for one set of targets (streamout.c).  NEED_BEGIN: ranges
 * bound, not begun; ACTIVE: begun, during a draw; PAUSED: begun, between draws; ENDED:
 * ended, its vertex count readable. */
enum so_state { SO_NEED_BEGIN, SO_ACTIVE, SO_PAUSED, SO_ENDED };
struct so_object {
    GLuint id;                      /* 0: free slot */
    struct so_target *t[4];
    enum so_state state;
    GLenum prim;                    /* what it began with, which a resume must match */
    GLuint prog;
    uint64_t used;                  /* for eviction */
    /* GLES has no glDrawTransformFeedback: vertices captured since the begin, counted with
     * a primitives-written query around each draw (valid unless a guest query was in the
     * way). */
    GLuint count_query;
    uint32_t vertices;
    bool count_valid, counting;
};
#define MAX_SO_OBJECTS 8

struct sub_ctx {
    uint32_t id;
    struct htable objs;
    /* Bound objects (pointers into objs; cleared when the object is destroyed). */
    struct vobj *blend, *dsa, *rs, *ve;
    struct shader_obj *shaders[SHADER_TYPES];
    /* GLES: the pass-through control shader draws with a TES and no TCS get (shaders.c),
     * made for the patch size of the draw (patch_vertices) and the default levels. */
    struct shader_obj *tcs_passthrough;
    uint32_t patch_vertices;
    /* Polygons in line or point mode with per-vertex edge flags: the geometry shader that
     * draws only their flagged edges or vertices (edge_flags.c). */
    struct shader_obj *edge_flag_gs;
    struct vbuf vbufs[MAX_VBUFS];
    uint32_t num_vbufs;
    struct vres *ib; uint32_t ib_size, ib_offset;
    struct sampler_view *views[SHADER_TYPES][MAX_SLOTS];
    struct sampler_state *samplers[SHADER_TYPES][MAX_SLOTS];
    struct ubo_slot ubos[SHADER_TYPES][MAX_UBOS];
    uint8_t *consts[SHADER_TYPES][MAX_UBOS];   /* inline (user) constant buffers */
    uint32_t consts_size[SHADER_TYPES][MAX_UBOS];
    struct ssbo_slot ssbos[SHADER_TYPES][MAX_SSBOS];
    struct image_slot images[SHADER_TYPES][MAX_IMAGES];
    struct ubo_slot atomics[MAX_SSBOS];
    struct surface *cbufs[8], *zsurf;
    uint32_t nr_cbufs;
    uint32_t fb_noattach_w, fb_noattach_h, fb_noattach_layers, fb_noattach_samples;
    GLuint fbo;
    bool fb_dirty;
    GLenum fb_status;           /* of fbo as fb_bind last attached it */
    float vp_scale[16][3], vp_trans[16][3];
    struct scissor scissor[16];
    float blend_color[4];
    uint32_t stencil_ref[2];        /* front, back */
    uint32_t stipple[32];
    float clip_planes[8][4];
    uint32_t sample_mask, min_samples;
    uint32_t draw_mode;             /* PIPE_PRIM_* of the draw being prepared */
    float tess_outer[4], tess_inner[2];
    /* Transform feedback (streamout.c): one object per target set the guest switches
     * between, so each resumes where it paused; so_cur is the one last set. */
    struct so_object so_objs[MAX_SO_OBJECTS];
    struct so_object *so_cur;
    bool so_capture;                /* targets are set (none set: gallium paused) */
    uint64_t so_clock;
    struct query *cond_query; uint32_t cond_mode; bool cond_invert;
    bool cond_begun;                 /* glBeginConditionalRender is in effect */
    struct program *programs;
    GLuint vao;
    uint32_t vao_enabled;           /* attributes enabled in vao (the rest are disabled) */
    uint32_t vao_converted;         /* GLES: attributes read from float copies (gles_float_attrib) */
    GLuint float_copies[32];        /* GLES: those copies, one buffer per attribute */
    GLuint const_bufs[SHADER_TYPES][MAX_UBOS], driver_ubo;
    /* What the host buffers hold, so draws upload only what changed: the inline constants
     * since SET_CONSTANT_BUFFER (and the host buffer's size), the driver uniforms last sent. */
    bool consts_dirty[SHADER_TYPES][MAX_UBOS];
    uint32_t const_buf_size[SHADER_TYPES][MAX_UBOS];
    struct driver_block driver_sent;
    bool driver_sent_valid;
};

/* Parts of a draw's setup (vrend_context.draw_dirty). */
enum {
    DRAW_PROG = 1u << 0,            /* choose the program again (key inputs changed) */
    DRAW_BLEND = 1u << 1,
    DRAW_BLEND_COLOR = 1u << 2,
    DRAW_DSA = 1u << 3,             /* depth/stencil state and stencil reference */
    DRAW_RS = 1u << 4,              /* rasterizer state */
    DRAW_VIEWPORT = 1u << 5,        /* viewports and depth ranges */
    DRAW_SCISSOR = 1u << 6,
    DRAW_SAMPLE = 1u << 7,          /* sample mask, sample shading */
    DRAW_TESS = 1u << 8,            /* default tessellation levels */
    DRAW_UBOS = 1u << 9,            /* uniform buffers and inline constants */
    DRAW_IMAGES = 1u << 10,
    DRAW_SSBOS = 1u << 11,          /* storage and atomic counter buffers */
    DRAW_DRIVER = 1u << 12,         /* the driver uniform block */
    DRAW_VE = 1u << 13,             /* vertex layout (the vertex elements object) */
    DRAW_VBUFS = 1u << 14,          /* vertex buffer bindings only */
    DRAW_TEX0 = 1u << 15,           /* sampler views and states of stage i: DRAW_TEX0 << i */
    DRAW_TEX_ALL = ((1u << SHADER_TYPES) - 1) << 15,
    DRAW_FIXED = DRAW_BLEND | DRAW_BLEND_COLOR | DRAW_DSA | DRAW_RS | DRAW_VIEWPORT |
                 DRAW_SCISSOR | DRAW_SAMPLE | DRAW_TESS,
    DRAW_RESOURCES = DRAW_UBOS | DRAW_IMAGES | DRAW_SSBOS | DRAW_DRIVER | DRAW_TEX_ALL,
    DRAW_ALL = ~0u,
};

struct vrend_context {
    struct vrend_renderer *r;
    char name[64];
    bool broken;
    struct vrend_context *next;     /* the renderer's contexts */
    struct htable res;              /* handle -> struct vres attached here (a reference) */
    struct htable subs;             /* id -> struct sub_ctx */
    struct sub_ctx *sub;
    /* What the next draw must set up again (DRAW_* bits below): the previous draw's
     * program, GL state, bindings and vertex arrays stay as long as no command since
     * touched them.  Every new submission starts with all of it; each command's handler
     * marks what it changes (a command with GL work of its own, DRAW_ALL). */
    uint32_t draw_dirty;
    struct program *draw_prog;
    /* Guest queries of primitives written now active: GLES allows one per target, so the
     * executor's own count (streamout.c) stands aside while there is one. */
    uint32_t xfb_written_queries;
    /* Primitives the executor drew beyond the guest's (GLES first-vertex draws under stream
     * output, draw.c): a primitives-generated query takes off what it saw of them. */
    uint64_t extra_primitives;
};

/* ------------------------------------------------------------------ renderer */

struct host_limits {
    GLint max_tex_2d, max_tex_3d, max_tex_cube, max_array_layers, max_samples, max_rts;
    GLint max_ubo_bindings, max_ubos_per_stage, max_ubo_size, max_tex_units_combined,
        max_tex_units, max_vertex_attribs, max_vertex_outputs, max_tbo_size, max_viewports,
        max_ssbo_bindings, max_image_units, max_atomic_bindings, max_dual_src,
        max_geom_out_vertices, max_geom_total_out, max_patch_varyings, max_tfb_buffers,
        max_clip_distances, max_ssbo_per_stage, max_images_per_stage, ubo_align, ssbo_align,
        tbo_align, max_cs_invocations, max_cs_shared, max_cs_grid[3], max_cs_block[3],
        min_texel_off, max_texel_off, min_gather_off, max_gather_off, max_vertex_stride;
    GLfloat point_range[2], line_range[2], smooth_line_range[2], max_lod_bias, max_aniso;
    /* Sample positions as GET_CAPS packs them: a byte per sample (x << 4 | y, in 16ths),
     * 2x in word 0, 4x in word 1, 8x in words 2-3, 16x in words 4-7. */
    uint32_t sample_locations[8];
};

struct vrend_renderer {
    struct vrend_renderer_opts opts;
    uint64_t last_variant_serial;
    struct htable res;              /* handle -> struct vres (the guest's reference) */
    uint64_t res_bytes;             /* resources' memory charged (vrend_renderer_opts) */
    struct vrend_context *contexts;
    /* The host GL context: opts.gl's gl_ctx, or an EGL surfaceless one of our own. */
    void *gl_ctx;
    EGLDisplay dpy;
    EGLContext egl_ctx;
    bool gles;
    bool es2;                       /* an ES 2.0 context (caps_es2.c): GL 2.1 guests only */
    bool compare_in_shader;         /* no shadow samplers (ES 2.0): key.sampler_compare */
    bool unflushed;                 /* a command buffer ran since vrend_renderer_flush */
    int gl_version;                 /* major*10 + minor */
    enum t2g_target target;
    uint32_t host_features;
    struct host_limits lim;
    /* Per-stage binding bases (so the stages of one program never share a binding). */
    uint32_t ubos_per_stage, samplers_per_stage, images_per_stage, ssbos_per_stage;
    uint32_t driver_ubo_binding;
    char renderer_name[64];
    char description[160];          /* vrend_renderer_describe() */
    uint16_t fmt_caps[VIRGL_FORMAT_TABLE_MAX];   /* FMT_* actually usable on this host */
    /* GLES hosts: extension paths the core takes when present (caps_gles.c). */
    bool gles_depth_clamp, gles_clip_control, gles_offset_clamp, gles_srgb_write_control;
    bool indirect_params;           /* glMultiDraw*IndirectCountARB (GL 4.6 / ARB ext) */
    bool draw_parameters;           /* gl_BaseVertex & co. (GLSL 4.60 / ARB ext) */
    bool mirror_clamp;              /* GL_EXT_texture_mirror_clamp's wrap modes */
    bool border_clamp;              /* GL_CLAMP_TO_BORDER (GL, GLES 3.2, EXT/OES ext) */
    /* The host's blend equation is an advanced one (framebuffer.c): the host checks it
     * against every later program while blending is on, so leaving it is a call of its own. */
    bool blend_advanced_set;
    struct gles_blitter *blitter;   /* gles_blit.c, built on first use */
    /* ES 2.0 hosts: the extensions that bring back ES 3.0 pieces (caps_es2.c). */
    struct {
        bool vao, instancing, texture_3d, draw_buffers, map_buffer_range, texture_storage;
        bool depth_texture, packed_depth_stencil, float_textures, half_float_textures;
        bool rgb8_rgba8, texture_rg, unpack_subimage, pack_subimage, framebuffer_blit;
        bool read_buffer, occlusion_query, element_index_uint, bgra;
    } es2x;
};

/* ------------------------------------------------------------------ log.c */

void vlog(struct vrend_renderer *r, enum vrend_log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Logs a rejected command and marks the context broken; returns false for `return ctx_err()`. */
bool ctx_err(struct vrend_context *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------------ caps.c, formats.c */

void caps_probe(struct vrend_renderer *r);
/* glGetIntegerv(e), or dflt where the host raises an error; one format bit of a caps mask. */
GLint caps_geti(GLenum e, GLint dflt);
void caps_mask_set(struct virgl_format_mask *m, unsigned f);
void formats_probe(struct vrend_renderer *r);
/* GLES hosts (caps_gles.c, formats_gles.c): extension probe and honest format flags; the
 * fixup removes from a filled GET_CAPS answer what GLES or the ESSL backend cannot do. */
void caps_gles_probe(struct vrend_renderer *r);
/* ES 2.0 hosts (caps_es2.c): limits, extensions and formats in one probe, and the GL 2.1
 * answer to GET_CAPS. */
void caps_es2_probe(struct vrend_renderer *r);
void caps_es2_fill(struct vrend_renderer *r, struct virgl_caps_v2 *c, bool v2);
void formats_es2_probe(struct vrend_renderer *r);
/* Whether ES 2.0 stores f as glTexImage2D(format, format, type) (caps_es2.c). */
bool es2_format_ok(const struct vrend_renderer *r, const struct vformat *f);
/* key.image_format value for an image bound with this virgl format (image_format.c). */
uint8_t image_format_for(uint32_t virgl_format);
void formats_gles_probe(struct vrend_renderer *r);
unsigned rgba_channels(const struct vformat *f);
void caps_gles_fixup(struct vrend_renderer *r, struct virgl_caps_v2 *c, bool v2);

/* ------------------------------------------------------------------ resource.c, context.c */

struct vres *ctx_res(struct vrend_context *ctx, uint32_t handle);
struct vobj *sub_obj(struct sub_ctx *s, uint32_t handle, uint32_t type);
struct sub_ctx *sub_create(struct vrend_context *ctx, uint32_t id);
void sub_destroy(struct vrend_context *ctx, struct sub_ctx *s);
/* objects.c */
void obj_destroy(struct vrend_context *ctx, struct sub_ctx *s, struct vobj *o);

/* ------------------------------------------------------------------ views.c */

void surface_unref(struct surface *s);
void view_unref(struct sampler_view *v);
/* The texture depth comparisons through this view sample (see red_moved). */
GLuint view_compare_texture(struct sampler_view *v);

/* Shaders (shaders.c). */
struct shader_obj *shader_create(struct vrend_context *ctx, const struct create_shader *c);
bool shader_continue(struct vrend_context *ctx, struct shader_obj *sh,
                     const struct create_shader *c);
void shader_unref(struct shader_obj *sh);
/* A shader the renderer writes itself, from its TGSI text (taken; freed with it). */
struct shader_obj *shader_from_text(struct vrend_context *ctx, uint32_t type, char *text);
/* edge_flags.c: the geometry shader that applies the vertex shader's edge flags to this
 * draw's polygons drawn as lines or points; NULL where none is needed or it cannot. */
struct shader_obj *edge_flag_gs(struct vrend_context *ctx, struct shader_obj *const *sh);
/* Builds keys from the bound state, compiles and links; NULL when it cannot (logged). */
struct program *program_for_draw(struct vrend_context *ctx, bool compute);
/* streamout.c */
bool so_target_create(struct vrend_context *ctx, struct so_target *t,
                      const struct create_so_target *c);
void streamout_target_destroyed(struct sub_ctx *s, struct so_target *t);
void streamout_sub_destroy(struct sub_ctx *s);
/* Begins or resumes capture for a draw with p (false: the draw captures nothing);
 * after_draw pauses it again. */
bool streamout_before_draw(struct vrend_context *ctx, struct program *p, uint32_t mode);
void streamout_after_draw(struct vrend_context *ctx);
/* The transform feedback object whose vertex count a count-from-stream-output draw uses
 * (NULL: none); ended, so GL can read its count. */
struct so_object *streamout_count_source(struct vrend_context *ctx);
/* Binds what p reads of the DRAW_* resource bits in `what` (DRAW_RESOURCES: all of it). */
void program_bind_resources(struct vrend_context *ctx, struct program *p, uint32_t what);
/* The sampler slots of a stage whose view the stage's key reads (shadow samplers). */
uint32_t shader_key_view_slots(const struct shader_obj *sh);
uint32_t shader_key_sampler_slots(const struct shader_obj *sh);
void programs_free(struct sub_ctx *s);

/* Framebuffer (framebuffer.c). */
bool fb_bind(struct vrend_context *ctx);   /* binds the sub-context FBO, (re)attaching */
/* Applies the DRAW_* fixed-function state bits in `what` (DRAW_FIXED: all of it). */
void state_apply(struct vrend_context *ctx, uint32_t what, const struct program *prog);
/* The guest renders y-inverted (a negative viewport y scale): the last vertex stage
 * negates y (window_space.h). */
bool fb_flipped(struct sub_ctx *s);
void fill_driver_uniforms(struct vrend_context *ctx, struct driver_block *d);
/* False where the guest's render condition discards the command: skip it. */
bool render_condition_begin(struct vrend_context *ctx);
void render_condition_end(struct vrend_context *ctx);

static inline float u2f(uint32_t u) { union { uint32_t u; float f; } x = { .u = u }; return x.f; }

#endif
