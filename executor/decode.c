/* decode.c: the command-buffer walker and the one table of VIRGL_CCMD_* handlers.  Each row
 * decodes its command's payload into the command's struct (commands.h), checking the length
 * exactly and every field the packet alone decides (enums, slot ranges), then hands the
 * struct to the command's exec_* function, which checks it against the context's state and
 * runs it.  Each exec_* marks what it changes of the next draw's setup (ctx->draw_dirty,
 * DRAW_* bits). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virgl_layout.h"
#include "vrend_priv.h"

/* One command's payload as the decoders see it; why says what was wrong with it. */
struct payload {
    const uint32_t *p;
    uint32_t len;                   /* dwords */
    uint32_t hdr;
    char why[160];
};

static bool reject(struct payload *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool reject(struct payload *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->why, sizeof w->why, fmt, ap);
    va_end(ap);
    return false;
}

static bool length_is(struct payload *w, uint32_t want)
{
    return w->len == want || reject(w, "%u dwords, the command has %u", w->len, want);
}

static bool length_at_least(struct payload *w, uint32_t min)
{
    return w->len >= min || reject(w, "%u dwords, needs %u", w->len, min);
}

/* ------------------------------------------------------------------ draw.c */

static bool decode_draw_vbo(struct cmd_draw_vbo *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != DRAW_VBO_SIZE && w->len != DRAW_VBO_SIZE_TESS &&
        w->len != DRAW_VBO_SIZE_INDIRECT)
        return reject(w, "%u dwords, the command has %u, %u or %u", w->len, DRAW_VBO_SIZE,
                      DRAW_VBO_SIZE_TESS, DRAW_VBO_SIZE_INDIRECT);
    c->start = p[DRAW_VBO_START];
    c->count = p[DRAW_VBO_COUNT];
    c->mode = p[DRAW_VBO_MODE];
    c->indexed = p[DRAW_VBO_INDEXED] != 0;
    c->instance_count = p[DRAW_VBO_INSTANCE_COUNT];
    c->index_bias = (int32_t)p[DRAW_VBO_INDEX_BIAS];
    c->start_instance = p[DRAW_VBO_START_INSTANCE];
    c->primitive_restart = p[DRAW_VBO_PRIMITIVE_RESTART] != 0;
    c->restart_index = p[DRAW_VBO_RESTART_INDEX];
    c->min_index = p[DRAW_VBO_MIN_INDEX];
    c->max_index = p[DRAW_VBO_MAX_INDEX];
    c->count_from_so = p[DRAW_VBO_COUNT_FROM_SO] != 0;
    if (w->len >= DRAW_VBO_SIZE_TESS) {
        c->vertices_per_patch = p[DRAW_VBO_VERTICES_PER_PATCH];
        c->drawid = p[DRAW_VBO_DRAWID];
    }
    if (w->len == DRAW_VBO_SIZE_INDIRECT) {
        c->indirect_handle = p[DRAW_VBO_INDIRECT_HANDLE];
        c->indirect_offset = p[DRAW_VBO_INDIRECT_OFFSET];
        c->indirect_stride = p[DRAW_VBO_INDIRECT_STRIDE];
        c->indirect_draw_count = p[DRAW_VBO_INDIRECT_DRAW_COUNT];
        c->indirect_count_offset = p[DRAW_VBO_INDIRECT_DRAW_COUNT_OFFSET];
        c->indirect_count_handle = p[DRAW_VBO_INDIRECT_DRAW_COUNT_HANDLE];
    }
    /* Host GL has no quads, quad strips or polygons: gallium lowers them for virgl. */
    if (c->mode > PIPE_PRIM_PATCHES ||
        (c->mode >= PIPE_PRIM_QUADS && c->mode <= PIPE_PRIM_POLYGON))
        return reject(w, "primitive %u", c->mode);
    return true;
}

static bool decode_launch_grid(struct cmd_launch_grid *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (!length_is(w, LAUNCH_GRID_SIZE))
        return false;
    for (int i = 0; i < 3; i++) {
        c->block[i] = p[LAUNCH_BLOCK_X + i];
        c->grid[i] = p[LAUNCH_GRID_X + i];
    }
    c->indirect_handle = p[LAUNCH_INDIRECT_HANDLE];
    c->indirect_offset = p[LAUNCH_INDIRECT_OFFSET];
    return true;
}

/* ------------------------------------------------------------------ framebuffer.c */

static bool decode_clear(struct cmd_clear *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (!length_is(w, CLEAR_SIZE))
        return false;
    c->buffers = p[CLEAR_BUFFERS];
    memcpy(c->color, p + CLEAR_COLOR_0, sizeof c->color);
    memcpy(&c->depth, p + CLEAR_DEPTH, sizeof c->depth);
    c->stencil = p[CLEAR_STENCIL];
    return true;
}

static bool decode_clear_texture(struct cmd_clear_texture *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (!length_is(w, CLEAR_TEXTURE_SIZE))
        return false;
    c->handle = p[CLEAR_TEXTURE_HANDLE];
    c->level = p[CLEAR_TEXTURE_LEVEL];
    c->x = p[CLEAR_TEXTURE_X];
    c->y = p[CLEAR_TEXTURE_Y];
    c->z = p[CLEAR_TEXTURE_Z];
    c->w = p[CLEAR_TEXTURE_W];
    c->h = p[CLEAR_TEXTURE_H];
    c->d = p[CLEAR_TEXTURE_D];
    memcpy(c->data, p + CLEAR_TEXTURE_DATA, sizeof c->data);
    return true;
}

static void blit_side_decode(struct blit_side *s, const uint32_t *p)
{
    s->handle = p[BLIT_SIDE_RES_HANDLE];
    s->level = p[BLIT_SIDE_LEVEL];
    s->format = p[BLIT_SIDE_FORMAT];
    s->x = (int32_t)p[BLIT_SIDE_X];
    s->y = (int32_t)p[BLIT_SIDE_Y];
    s->z = (int32_t)p[BLIT_SIDE_Z];
    s->w = (int32_t)p[BLIT_SIDE_W];
    s->h = (int32_t)p[BLIT_SIDE_H];
    s->d = (int32_t)p[BLIT_SIDE_D];
}

static bool decode_blit(struct cmd_blit *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (!length_is(w, BLIT_SIZE))
        return false;
    uint32_t s0 = p[BLIT_S0];
    c->mask = BLIT_S0_MASK(s0);
    c->filter = BLIT_S0_FILTER(s0);
    c->scissor_enable = BLIT_S0_SCISSOR_ENABLE(s0);
    c->render_condition_enable = BLIT_S0_RENDER_CONDITION_ENABLE(s0);
    c->alpha_blend = BLIT_S0_ALPHA_BLEND(s0);
    c->scissor_minx = p[BLIT_SCISSOR_MINX_MINY] & 0xffff;
    c->scissor_miny = p[BLIT_SCISSOR_MINX_MINY] >> 16;
    c->scissor_maxx = p[BLIT_SCISSOR_MAXX_MAXY] & 0xffff;
    c->scissor_maxy = p[BLIT_SCISSOR_MAXX_MAXY] >> 16;
    blit_side_decode(&c->dst, p + BLIT_DST);
    blit_side_decode(&c->src, p + BLIT_SRC);
    return true;
}

static bool decode_resource_copy_region(struct cmd_resource_copy_region *c, struct payload *w)
{
    const uint32_t *p = w->p;
    if (!length_is(w, RCR_SIZE))
        return false;
    c->dst_handle = p[RCR_DST_RES_HANDLE];
    c->dst_level = p[RCR_DST_LEVEL];
    c->dst_x = p[RCR_DST_X];
    c->dst_y = p[RCR_DST_Y];
    c->dst_z = p[RCR_DST_Z];
    c->src_handle = p[RCR_SRC_RES_HANDLE];
    c->src_level = p[RCR_SRC_LEVEL];
    c->src_x = p[RCR_SRC_X];
    c->src_y = p[RCR_SRC_Y];
    c->src_z = p[RCR_SRC_Z];
    c->w = p[RCR_SRC_W];
    c->h = p[RCR_SRC_H];
    c->d = p[RCR_SRC_D];
    return true;
}

/* ------------------------------------------------------------------ objects.c */

static bool decode_blend(struct blend_state *b, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_BLEND_SIZE)
        return reject(w, "blend: %u dwords", w->len);
    uint32_t s0 = p[OBJ_BLEND_S0];
    b->independent = OBJ_BLEND_S0_INDEPENDENT_BLEND_ENABLE(s0);
    b->logicop_enable = OBJ_BLEND_S0_LOGICOP_ENABLE(s0);
    b->dither = OBJ_BLEND_S0_DITHER(s0);
    b->alpha_to_coverage = OBJ_BLEND_S0_ALPHA_TO_COVERAGE(s0);
    b->alpha_to_one = OBJ_BLEND_S0_ALPHA_TO_ONE(s0);
    b->logicop_func = OBJ_BLEND_S1_LOGICOP_FUNC(p[OBJ_BLEND_S1]);
    for (int i = 0; i < 8; i++) {
        uint32_t s2 = p[OBJ_BLEND_S2 + i];
        struct blend_rt *rt = &b->rt[i];
        rt->blend_enable = OBJ_BLEND_S2_RT_BLEND_ENABLE(s2);
        rt->rgb_func = OBJ_BLEND_S2_RT_RGB_FUNC(s2);
        rt->rgb_src_factor = OBJ_BLEND_S2_RT_RGB_SRC_FACTOR(s2);
        rt->rgb_dst_factor = OBJ_BLEND_S2_RT_RGB_DST_FACTOR(s2);
        rt->alpha_func = OBJ_BLEND_S2_RT_ALPHA_FUNC(s2);
        rt->alpha_src_factor = OBJ_BLEND_S2_RT_ALPHA_SRC_FACTOR(s2);
        rt->alpha_dst_factor = OBJ_BLEND_S2_RT_ALPHA_DST_FACTOR(s2);
        rt->colormask = OBJ_BLEND_S2_RT_COLORMASK(s2);
    }
    const struct blend_rt *rt0 = &b->rt[0];
    b->advanced = !rt0->blend_enable && !rt0->alpha_dst_factor && rt0->alpha_src_factor <= 15
                  ? rt0->alpha_src_factor : 0;
    return true;
}

static bool decode_dsa(struct dsa_state *d, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_DSA_SIZE)
        return reject(w, "dsa: %u dwords", w->len);
    uint32_t s0 = p[OBJ_DSA_S0];
    d->depth_enabled = OBJ_DSA_S0_DEPTH_ENABLE(s0);
    d->depth_writemask = OBJ_DSA_S0_DEPTH_WRITEMASK(s0);
    d->depth_func = OBJ_DSA_S0_DEPTH_FUNC(s0);
    d->alpha_enabled = OBJ_DSA_S0_ALPHA_ENABLED(s0);
    d->alpha_func = OBJ_DSA_S0_ALPHA_FUNC(s0);
    for (int face = 0; face < 2; face++) {
        uint32_t s1 = p[face ? OBJ_DSA_S2 : OBJ_DSA_S1];
        struct stencil_state *st = &d->stencil[face];
        st->enabled = OBJ_DSA_S1_STENCIL_ENABLED(s1);
        st->func = OBJ_DSA_S1_STENCIL_FUNC(s1);
        st->fail_op = OBJ_DSA_S1_STENCIL_FAIL_OP(s1);
        st->zpass_op = OBJ_DSA_S1_STENCIL_ZPASS_OP(s1);
        st->zfail_op = OBJ_DSA_S1_STENCIL_ZFAIL_OP(s1);
        st->valuemask = OBJ_DSA_S1_STENCIL_VALUEMASK(s1);
        st->writemask = OBJ_DSA_S1_STENCIL_WRITEMASK(s1);
    }
    d->alpha_ref = u2f(p[OBJ_DSA_ALPHA_REF]);
    return true;
}

static bool decode_rasterizer(struct rs_state *r, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_RS_SIZE)
        return reject(w, "rasterizer: %u dwords", w->len);
    uint32_t s0 = p[OBJ_RS_S0], s3 = p[OBJ_RS_S3];
    r->flatshade = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_FLATSHADE);
    r->depth_clip = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_DEPTH_CLIP);
    r->clip_halfz = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_CLIP_HALFZ);
    r->rasterizer_discard = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_RASTERIZER_DISCARD);
    r->flatshade_first = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_FLATSHADE_FIRST);
    r->light_twoside = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_LIGHT_TWOSIDE);
    r->sprite_coord_mode = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_SPRITE_COORD_MODE);
    r->point_quad_rasterization = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_POINT_QUAD_RASTERIZATION);
    r->cull_face = OBJ_RS_S0_2BITS(s0, OBJ_RS_S0_CULL_FACE);
    r->fill_front = OBJ_RS_S0_2BITS(s0, OBJ_RS_S0_FILL_FRONT);
    r->fill_back = OBJ_RS_S0_2BITS(s0, OBJ_RS_S0_FILL_BACK);
    r->scissor = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_SCISSOR);
    r->front_ccw = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_FRONT_CCW);
    r->clamp_vertex_color = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_CLAMP_VERTEX_COLOR);
    r->clamp_fragment_color = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_CLAMP_FRAGMENT_COLOR);
    r->offset_line = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_OFFSET_LINE);
    r->offset_point = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_OFFSET_POINT);
    r->offset_tri = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_OFFSET_TRI);
    r->poly_smooth = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_POLY_SMOOTH);
    r->poly_stipple_enable = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_POLY_STIPPLE_ENABLE);
    r->point_smooth = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_POINT_SMOOTH);
    r->point_size_per_vertex = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_POINT_SIZE_PER_VERTEX);
    r->multisample = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_MULTISAMPLE);
    r->line_smooth = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_LINE_SMOOTH);
    r->line_stipple_enable = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_LINE_STIPPLE_ENABLE);
    r->line_last_pixel = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_LINE_LAST_PIXEL);
    r->half_pixel_center = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_HALF_PIXEL_CENTER);
    r->bottom_edge_rule = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_BOTTOM_EDGE_RULE);
    r->force_persample_interp = OBJ_RS_S0_BIT(s0, OBJ_RS_S0_FORCE_PERSAMPLE_INTERP);
    r->point_size = u2f(p[OBJ_RS_POINT_SIZE]);
    r->sprite_coord_enable = p[OBJ_RS_SPRITE_COORD_ENABLE];
    r->line_stipple_pattern = OBJ_RS_S3_LINE_STIPPLE_PATTERN(s3);
    r->line_stipple_factor = OBJ_RS_S3_LINE_STIPPLE_FACTOR(s3);
    r->clip_plane_enable = OBJ_RS_S3_CLIP_PLANE_ENABLE(s3);
    r->line_width = u2f(p[OBJ_RS_LINE_WIDTH]);
    r->offset_units = u2f(p[OBJ_RS_OFFSET_UNITS]);
    r->offset_scale = u2f(p[OBJ_RS_OFFSET_SCALE]);
    r->offset_clamp = u2f(p[OBJ_RS_OFFSET_CLAMP]);
    return true;
}

static bool decode_vertex_elements(struct vertex_elements *ve, struct payload *w)
{
    uint32_t n = (w->len - OBJ_VE_ELEMENTS) / VE_SIZE;
    if ((w->len - OBJ_VE_ELEMENTS) % VE_SIZE || n > 32)
        return reject(w, "vertex elements: %u dwords", w->len);
    ve->count = n;
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t *e = w->p + OBJ_VE_ELEMENTS + VE_SIZE * i;
        ve->el[i].src_offset = e[VE_SRC_OFFSET];
        ve->el[i].divisor = e[VE_INSTANCE_DIVISOR];
        ve->el[i].vb_index = e[VE_VERTEX_BUFFER_INDEX];
        ve->el[i].format = e[VE_SRC_FORMAT];
    }
    return true;
}

static bool decode_sampler_view(struct create_sampler_view *v, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_SAMPLER_VIEW_SIZE)
        return reject(w, "sampler view: %u dwords", w->len);
    v->res_handle = p[OBJ_SAMPLER_VIEW_RES_HANDLE];
    v->format = p[OBJ_SAMPLER_VIEW_FORMAT] & 0xffffff;
    v->target = p[OBJ_SAMPLER_VIEW_FORMAT] >> 24;
    v->first_element = p[OBJ_SAMPLER_VIEW_BUFFER_FIRST_ELEMENT];
    v->last_element = p[OBJ_SAMPLER_VIEW_BUFFER_LAST_ELEMENT];
    v->first_layer = p[OBJ_SAMPLER_VIEW_TEXTURE_LAYER] & 0xffff;
    v->last_layer = p[OBJ_SAMPLER_VIEW_TEXTURE_LAYER] >> 16;
    v->first_level = p[OBJ_SAMPLER_VIEW_TEXTURE_LEVEL] & 0xff;
    v->last_level = (p[OBJ_SAMPLER_VIEW_TEXTURE_LEVEL] >> 8) & 0xff;
    for (int c = 0; c < 4; c++)
        v->swizzle[c] = OBJ_SAMPLER_VIEW_SWIZZLE_CHANNEL(p[OBJ_SAMPLER_VIEW_SWIZZLE], c);
    return true;
}

static bool decode_sampler_state(struct create_sampler_state *ss, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_SAMPLER_STATE_SIZE)
        return reject(w, "sampler state: %u dwords", w->len);
    uint32_t s0 = p[OBJ_SAMPLER_STATE_S0];
    ss->wrap_s = OBJ_SAMPLER_STATE_S0_WRAP_S(s0);
    ss->wrap_t = OBJ_SAMPLER_STATE_S0_WRAP_T(s0);
    ss->wrap_r = OBJ_SAMPLER_STATE_S0_WRAP_R(s0);
    ss->min_img_filter = OBJ_SAMPLER_STATE_S0_MIN_IMG_FILTER(s0);
    ss->min_mip_filter = OBJ_SAMPLER_STATE_S0_MIN_MIP_FILTER(s0);
    ss->mag_img_filter = OBJ_SAMPLER_STATE_S0_MAG_IMG_FILTER(s0);
    ss->compare_mode = OBJ_SAMPLER_STATE_S0_COMPARE_MODE(s0);
    ss->compare_func = OBJ_SAMPLER_STATE_S0_COMPARE_FUNC(s0);
    ss->seamless_cube_map = OBJ_SAMPLER_STATE_S0_SEAMLESS_CUBE_MAP(s0);
    ss->max_anisotropy = OBJ_SAMPLER_STATE_S0_MAX_ANISOTROPY(s0);
    ss->lod_bias = u2f(p[OBJ_SAMPLER_STATE_LOD_BIAS]);
    ss->min_lod = u2f(p[OBJ_SAMPLER_STATE_MIN_LOD]);
    ss->max_lod = u2f(p[OBJ_SAMPLER_STATE_MAX_LOD]);
    memcpy(ss->border_color, p + OBJ_SAMPLER_STATE_BORDER_COLOR, sizeof ss->border_color);
    return true;
}

static bool decode_surface(struct create_surface *sf, struct payload *w, bool msaa)
{
    const uint32_t *p = w->p;
    if (w->len != (msaa ? OBJ_MSAA_SURFACE_SIZE : OBJ_SURFACE_SIZE))
        return reject(w, "surface: %u dwords", w->len);
    sf->res_handle = p[OBJ_SURFACE_RES_HANDLE];
    sf->format = p[OBJ_SURFACE_FORMAT];
    sf->first_element = p[OBJ_SURFACE_BUFFER_FIRST_ELEMENT];
    sf->last_element = p[OBJ_SURFACE_BUFFER_LAST_ELEMENT];
    sf->level = p[OBJ_SURFACE_TEXTURE_LEVEL];
    sf->first_layer = p[OBJ_SURFACE_TEXTURE_LAYERS] & 0xffff;
    sf->last_layer = p[OBJ_SURFACE_TEXTURE_LAYERS] >> 16;
    sf->nr_samples = msaa ? p[OBJ_SURFACE_SAMPLE_COUNT] : 0;
    return true;
}

static bool decode_query(struct create_query *q, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_QUERY_SIZE)
        return reject(w, "query: %u dwords", w->len);
    q->type = p[OBJ_QUERY_TYPE_INDEX] & 0xffff;
    q->index = p[OBJ_QUERY_TYPE_INDEX] >> 16;
    q->offset = p[OBJ_QUERY_OFFSET];
    q->res_handle = p[OBJ_QUERY_RES_HANDLE];
    return true;
}

static bool decode_so_target(struct create_so_target *t, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len != OBJ_STREAMOUT_SIZE)
        return reject(w, "streamout target: %u dwords", w->len);
    t->res_handle = p[OBJ_STREAMOUT_RES_HANDLE];
    t->offset = p[OBJ_STREAMOUT_BUFFER_OFFSET];
    t->size = p[OBJ_STREAMOUT_BUFFER_SIZE];
    return true;
}

/* The stream-output declaration of a shader's first packet: each output must fit in four
 * components, one of the buffers, and that buffer's stride. */
static bool decode_stream_output(struct create_shader *sh, const uint32_t *p, struct payload *w)
{
    for (int i = 0; i < 4; i++) {
        sh->so_stride[i] = p[OBJ_SHADER_SO_STRIDE + i];
        if (sh->so_stride[i] > 1024)
            return reject(w, "shader: stream output stride %u dwords", sh->so_stride[i]);
    }
    for (uint32_t i = 0; i < sh->so_num; i++) {
        uint32_t o0 = p[OBJ_SHADER_SO_OUTPUT(i)];
        struct t2g_stream_output *o = &sh->so[i];
        o->register_index = OBJ_SHADER_SO_OUTPUT_REGISTER_INDEX(o0);
        o->start_component = OBJ_SHADER_SO_OUTPUT_START_COMPONENT(o0);
        o->num_components = OBJ_SHADER_SO_OUTPUT_NUM_COMPONENTS(o0);
        o->output_buffer = OBJ_SHADER_SO_OUTPUT_BUFFER(o0);
        o->dst_offset = (uint16_t)OBJ_SHADER_SO_OUTPUT_DST_OFFSET(o0);
        o->stream = OBJ_SHADER_SO_OUTPUT_STREAM(p[OBJ_SHADER_SO_OUTPUT_SO(i)]);
        if (!o->num_components || o->start_component + o->num_components > 4 ||
            o->output_buffer >= T2G_MAX_SO_BUFFERS ||
            o->dst_offset + o->num_components > sh->so_stride[o->output_buffer])
            return reject(w, "shader: stream output %u: OUT[%u] components %u+%u to "
                          "buffer %u at dword %u (stride %u)", i, o->register_index,
                          o->start_component, o->num_components, o->output_buffer,
                          o->dst_offset,
                          o->output_buffer < 4 ? sh->so_stride[o->output_buffer] : 0);
    }
    return true;
}

/* A shader's text may come in pieces: the first packet gives the whole length, each
 * continuation the offset of its piece.  Each packet's header is as long as its own
 * stream-output count says (continuations send none). */
static bool decode_shader(struct create_shader *sh, struct payload *w)
{
    const uint32_t *p = w->p;
    if (w->len < OBJ_SHADER_HDR_SIZE(0))
        return reject(w, "shader: %u dwords", w->len);
    sh->type = p[OBJ_SHADER_TYPE];
    sh->continuation = (p[OBJ_SHADER_OFFSET] & VIRGL_SHADER_OFFSET_CONT) != 0;
    uint32_t val = OBJ_SHADER_OFFSET_VAL(p[OBJ_SHADER_OFFSET]);
    sh->num_tokens = p[OBJ_SHADER_NUM_TOKENS];
    /* A compute shader's NUM_OUTPUTS dword is its shared-memory size, not a stream-output
     * count (read as one, it moved the text start and the shader never completed). */
    uint32_t so = sh->type == SHADER_COMPUTE ? 0 : p[OBJ_SHADER_SO_NUM_OUTPUTS];
    if (sh->continuation) {
        sh->offset = val;
    } else {
        sh->total = val;
        if (sh->type >= SHADER_TYPES || so > T2G_MAX_SO_OUTPUTS || sh->total == 0 ||
            sh->total > (64u << 20))
            return reject(w, "shader: type %u, length %u, %u stream outputs", sh->type,
                          sh->total, so);
    }
    uint32_t hdr = OBJ_SHADER_HDR_SIZE(so);
    if (so > T2G_MAX_SO_OUTPUTS || w->len < hdr)
        return reject(w, "shader: %u dwords, header needs %u", w->len, hdr);
    if (!sh->continuation) {
        sh->so_num = so;
        if (so && !decode_stream_output(sh, p, w))
            return false;
    }
    sh->text = (const char *)(p + hdr);
    sh->text_bytes = (w->len - hdr) * 4;
    return true;
}

static bool decode_create_object(struct cmd_create_object *c, struct payload *w)
{
    c->type = CMD_OBJ(w->hdr);
    c->handle = w->len > OBJ_CREATE_HANDLE ? w->p[OBJ_CREATE_HANDLE] : 0;
    if (!c->handle || c->type == OBJ_NULL || c->type >= OBJ_COUNT)
        return reject(w, "type %u handle %u", c->type, c->handle);
    switch (c->type) {
    case OBJ_BLEND: return decode_blend(&c->u.blend, w);
    case OBJ_RASTERIZER: return decode_rasterizer(&c->u.rs, w);
    case OBJ_DSA: return decode_dsa(&c->u.dsa, w);
    case OBJ_SHADER: return decode_shader(&c->u.shader, w);
    case OBJ_VERTEX_ELEMENTS: return decode_vertex_elements(&c->u.ve, w);
    case OBJ_SAMPLER_VIEW: return decode_sampler_view(&c->u.view, w);
    case OBJ_SAMPLER_STATE: return decode_sampler_state(&c->u.sampler, w);
    case OBJ_SURFACE: return decode_surface(&c->u.surface, w, false);
    case OBJ_MSAA_SURFACE: return decode_surface(&c->u.surface, w, true);
    case OBJ_QUERY: return decode_query(&c->u.query, w);
    case OBJ_STREAMOUT_TARGET: return decode_so_target(&c->u.so_target, w);
    }
    return true;
}

static bool decode_bind_object(struct cmd_bind_object *c, struct payload *w)
{
    if (!length_is(w, OBJ_BIND_SIZE))
        return false;
    c->type = CMD_OBJ(w->hdr);
    c->handle = w->p[OBJ_BIND_HANDLE];
    return true;
}

static bool decode_destroy_object(struct cmd_destroy_object *c, struct payload *w)
{
    if (!length_is(w, OBJ_DESTROY_SIZE))
        return false;
    c->handle = w->p[OBJ_DESTROY_HANDLE];
    return true;
}

/* ------------------------------------------------------------------ state_cmds.c */

/* The element count of a payload of `head` dwords then elements of `size` dwords each, or
 * -1 when the length is not of that form. */
static int64_t elements(const struct payload *w, uint32_t head, uint32_t size)
{
    if (w->len < head || (w->len - head) % size)
        return -1;
    return (w->len - head) / size;
}

static bool decode_set_viewport(struct cmd_set_viewport *c, struct payload *w)
{
    int64_t n = elements(w, VIEWPORT_STATES, VIEWPORT_SIZE);
    c->start = w->len ? w->p[VIEWPORT_START_SLOT] : 0;
    if (n < 0 || c->start >= 16 || n > 16 - c->start)
        return reject(w, "start %u, %u dwords", c->start, w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++) {
        const uint32_t *v = w->p + VIEWPORT_STATES + VIEWPORT_SIZE * i;
        for (int k = 0; k < 3; k++) {
            c->scale[i][k] = u2f(v[VIEWPORT_SCALE + k]);
            c->translate[i][k] = u2f(v[VIEWPORT_TRANSLATE + k]);
        }
    }
    return true;
}

static bool decode_set_scissor(struct cmd_set_scissor *c, struct payload *w)
{
    int64_t n = elements(w, SCISSOR_STATES, SCISSOR_SIZE);
    c->start = w->len ? w->p[SCISSOR_START_SLOT] : 0;
    if (n < 0 || c->start >= 16 || n > 16 - c->start)
        return reject(w, "start %u, %u dwords", c->start, w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++) {
        const uint32_t *v = w->p + SCISSOR_STATES + SCISSOR_SIZE * i;
        c->s[i].minx = v[SCISSOR_MINX_MINY] & 0xffff;
        c->s[i].miny = v[SCISSOR_MINX_MINY] >> 16;
        c->s[i].maxx = v[SCISSOR_MAXX_MAXY] & 0xffff;
        c->s[i].maxy = v[SCISSOR_MAXX_MAXY] >> 16;
    }
    return true;
}

static bool decode_set_framebuffer(struct cmd_set_framebuffer *c, struct payload *w)
{
    c->nr_cbufs = w->len ? w->p[FRAMEBUFFER_NR_CBUFS] : 0;
    if (c->nr_cbufs > 8 || w->len != FRAMEBUFFER_CBUF_HANDLES + c->nr_cbufs)
        return reject(w, "%u cbufs in %u dwords", c->nr_cbufs, w->len);
    c->zsurf_handle = w->p[FRAMEBUFFER_ZSURF_HANDLE];
    memcpy(c->cbuf_handles, w->p + FRAMEBUFFER_CBUF_HANDLES, c->nr_cbufs * sizeof(uint32_t));
    return true;
}

static bool decode_set_framebuffer_no_attach(struct cmd_set_framebuffer_no_attach *c,
                                             struct payload *w)
{
    if (!length_is(w, FB_NO_ATTACH_SIZE))
        return false;
    c->width = w->p[FB_NO_ATTACH_WIDTH_HEIGHT] & 0xffff;
    c->height = w->p[FB_NO_ATTACH_WIDTH_HEIGHT] >> 16;
    c->layers = w->p[FB_NO_ATTACH_LAYERS_SAMPLES] & 0xffff;
    c->samples = (w->p[FB_NO_ATTACH_LAYERS_SAMPLES] >> 16) & 0xff;
    return true;
}

static bool decode_set_vertex_buffers(struct cmd_set_vertex_buffers *c, struct payload *w)
{
    _Static_assert(sizeof c->vb / sizeof c->vb[0] == MAX_VBUFS, "one entry a slot");
    int64_t n = elements(w, 0, VERTEX_BUFFER_SIZE);
    if (n < 0 || n > MAX_VBUFS)
        return reject(w, "%u dwords", w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++) {
        const uint32_t *v = w->p + VERTEX_BUFFER_SIZE * i;
        c->vb[i].stride = v[VERTEX_BUFFER_STRIDE];
        c->vb[i].offset = v[VERTEX_BUFFER_OFFSET];
        c->vb[i].handle = v[VERTEX_BUFFER_HANDLE];
    }
    return true;
}

static bool decode_set_index_buffer(struct cmd_set_index_buffer *c, struct payload *w)
{
    if (w->len != 1 && w->len != INDEX_BUFFER_SIZE)
        return reject(w, "%u dwords, the command has 1 or %u", w->len, INDEX_BUFFER_SIZE);
    c->handle = w->p[INDEX_BUFFER_HANDLE];
    c->has_layout = w->len == INDEX_BUFFER_SIZE;
    if (c->has_layout) {
        c->index_size = w->p[INDEX_BUFFER_INDEX_SIZE];
        c->offset = w->p[INDEX_BUFFER_OFFSET];
        if (c->index_size != 1 && c->index_size != 2 && c->index_size != 4)
            return reject(w, "index size %u", c->index_size);
    }
    return true;
}

static bool decode_set_constant_buffer(struct cmd_set_constant_buffer *c, struct payload *w)
{
    if (w->len < CONSTANT_BUFFER_DATA)
        return reject(w, "%u dwords, needs %u", w->len, CONSTANT_BUFFER_DATA);
    c->stage = w->p[CONSTANT_BUFFER_SHADER_TYPE];
    c->index = w->p[CONSTANT_BUFFER_INDEX];
    if (c->stage >= SHADER_TYPES || c->index >= MAX_UBOS)
        return reject(w, "shader %u index %u", c->stage, c->index);
    c->data = w->p + CONSTANT_BUFFER_DATA;
    c->bytes = (w->len - CONSTANT_BUFFER_DATA) * 4;
    return true;
}

static bool decode_set_uniform_buffer(struct cmd_set_uniform_buffer *c, struct payload *w)
{
    if (!length_is(w, UNIFORM_BUFFER_SIZE))
        return false;
    c->stage = w->p[UNIFORM_BUFFER_SHADER_TYPE];
    c->index = w->p[UNIFORM_BUFFER_INDEX];
    if (c->stage >= SHADER_TYPES || c->index >= MAX_UBOS)
        return reject(w, "shader %u index %u", c->stage, c->index);
    c->offset = w->p[UNIFORM_BUFFER_OFFSET];
    c->length = w->p[UNIFORM_BUFFER_LENGTH];
    c->handle = w->p[UNIFORM_BUFFER_RES_HANDLE];
    return true;
}

static bool decode_slot_handles(struct cmd_slot_handles *c, struct payload *w)
{
    _Static_assert((int)SAMPLER_VIEWS_HANDLES == (int)SAMPLER_STATES_HANDLES, "one layout");
    _Static_assert(sizeof c->handles / sizeof c->handles[0] == MAX_SLOTS, "one entry a slot");
    if (w->len < SAMPLER_VIEWS_HANDLES)
        return reject(w, "%u dwords, needs %u", w->len, SAMPLER_VIEWS_HANDLES);
    c->stage = w->p[SAMPLER_VIEWS_SHADER_TYPE];
    c->start = w->p[SAMPLER_VIEWS_START_SLOT];
    c->count = w->len - SAMPLER_VIEWS_HANDLES;
    if (c->stage >= SHADER_TYPES || c->start >= MAX_SLOTS || c->count > MAX_SLOTS - c->start)
        return reject(w, "shader %u start %u count %u", c->stage, c->start, c->count);
    memcpy(c->handles, w->p + SAMPLER_VIEWS_HANDLES, c->count * sizeof(uint32_t));
    return true;
}

static bool decode_set_stencil_ref(struct cmd_set_stencil_ref *c, struct payload *w)
{
    if (!length_is(w, STENCIL_REF_SIZE))
        return false;
    c->ref[0] = w->p[STENCIL_REF] & 0xff;
    c->ref[1] = (w->p[STENCIL_REF] >> 8) & 0xff;
    return true;
}

static bool decode_set_blend_color(struct cmd_set_blend_color *c, struct payload *w)
{
    if (!length_is(w, BLEND_COLOR_SIZE))
        return false;
    for (int i = 0; i < 4; i++)
        c->color[i] = u2f(w->p[BLEND_COLOR + i]);
    return true;
}

static bool decode_set_polygon_stipple(struct cmd_set_polygon_stipple *c, struct payload *w)
{
    if (!length_is(w, POLYGON_STIPPLE_SIZE))
        return false;
    memcpy(c->pattern, w->p + POLYGON_STIPPLE, sizeof c->pattern);
    return true;
}

static bool decode_set_clip_state(struct cmd_set_clip_state *c, struct payload *w)
{
    if (!length_is(w, CLIP_STATE_SIZE))
        return false;
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++)
            c->planes[i][k] = u2f(w->p[CLIP_STATE + 4 * i + k]);
    return true;
}

static bool decode_set_sample_mask(struct cmd_set_sample_mask *c, struct payload *w)
{
    if (!length_is(w, SAMPLE_MASK_SIZE))
        return false;
    c->mask = w->p[SAMPLE_MASK];
    return true;
}

static bool decode_set_min_samples(struct cmd_set_min_samples *c, struct payload *w)
{
    if (!length_is(w, MIN_SAMPLES_SIZE))
        return false;
    c->min_samples = w->p[MIN_SAMPLES];
    return true;
}

static bool decode_set_tess_state(struct cmd_set_tess_state *c, struct payload *w)
{
    if (!length_is(w, TESS_STATE_SIZE))
        return false;
    for (int i = 0; i < 4; i++)
        c->outer[i] = u2f(w->p[TESS_OUTER + i]);
    for (int i = 0; i < 2; i++)
        c->inner[i] = u2f(w->p[TESS_INNER + i]);
    return true;
}

static void buffer_range_decode(struct buffer_range *b, const uint32_t *v)
{
    _Static_assert((int)SHADER_BUFFER_OFFSET == (int)ATOMIC_BUFFER_OFFSET &&
                   (int)SHADER_BUFFER_LENGTH == (int)ATOMIC_BUFFER_LENGTH &&
                   (int)SHADER_BUFFER_RES_HANDLE == (int)ATOMIC_BUFFER_RES_HANDLE, "one layout");
    b->offset = v[SHADER_BUFFER_OFFSET];
    b->length = v[SHADER_BUFFER_LENGTH];
    b->handle = v[SHADER_BUFFER_RES_HANDLE];
}

static bool decode_set_shader_buffers(struct cmd_set_shader_buffers *c, struct payload *w)
{
    _Static_assert(sizeof c->b / sizeof c->b[0] == MAX_SSBOS, "one entry a slot");
    int64_t n = elements(w, SHADER_BUFFER_ELEMENTS, SHADER_BUFFER_SIZE);
    c->stage = w->len > SHADER_BUFFER_SHADER_TYPE ? w->p[SHADER_BUFFER_SHADER_TYPE] : 0;
    c->start = w->len > SHADER_BUFFER_START_SLOT ? w->p[SHADER_BUFFER_START_SLOT] : 0;
    if (n < 0 || c->stage >= SHADER_TYPES || c->start >= MAX_SSBOS || n > MAX_SSBOS - c->start)
        return reject(w, "shader %u start %u, %u dwords", c->stage, c->start, w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++)
        buffer_range_decode(&c->b[i], w->p + SHADER_BUFFER_ELEMENTS + SHADER_BUFFER_SIZE * i);
    return true;
}

static bool decode_set_atomic_buffers(struct cmd_set_atomic_buffers *c, struct payload *w)
{
    _Static_assert(sizeof c->b / sizeof c->b[0] == MAX_SSBOS, "one entry a slot");
    int64_t n = elements(w, ATOMIC_BUFFER_ELEMENTS, ATOMIC_BUFFER_SIZE);
    c->start = w->len > ATOMIC_BUFFER_START_SLOT ? w->p[ATOMIC_BUFFER_START_SLOT] : 0;
    if (n < 0 || c->start >= MAX_SSBOS || n > MAX_SSBOS - c->start)
        return reject(w, "start %u, %u dwords", c->start, w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++)
        buffer_range_decode(&c->b[i], w->p + ATOMIC_BUFFER_ELEMENTS + ATOMIC_BUFFER_SIZE * i);
    return true;
}

/* Mesa's context teardown unbinds PIPE_MAX_SHADER_IMAGES (32) slots per stage whatever the
 * caps say, as virglrenderer accepts: all 32 decode (state_cmds.c ignores the slots past
 * what the caps advertise). */
static bool decode_set_shader_images(struct cmd_set_shader_images *c, struct payload *w)
{
    _Static_assert(sizeof c->im / sizeof c->im[0] == WIRE_MAX_IMAGES, "one entry a slot");
    int64_t n = elements(w, SHADER_IMAGE_ELEMENTS, SHADER_IMAGE_SIZE);
    c->stage = w->len > SHADER_IMAGE_SHADER_TYPE ? w->p[SHADER_IMAGE_SHADER_TYPE] : 0;
    c->start = w->len > SHADER_IMAGE_START_SLOT ? w->p[SHADER_IMAGE_START_SLOT] : 0;
    if (n < 0 || c->stage >= SHADER_TYPES || c->start >= WIRE_MAX_IMAGES ||
        n > WIRE_MAX_IMAGES - c->start)
        return reject(w, "shader %u start %u, %u dwords", c->stage, c->start, w->len);
    c->count = (uint32_t)n;
    for (uint32_t i = 0; i < c->count; i++) {
        const uint32_t *v = w->p + SHADER_IMAGE_ELEMENTS + SHADER_IMAGE_SIZE * i;
        c->im[i].format = v[SHADER_IMAGE_FORMAT];
        c->im[i].access = v[SHADER_IMAGE_ACCESS];
        c->im[i].layer_offset = v[SHADER_IMAGE_LAYER_OFFSET];
        c->im[i].level_size = v[SHADER_IMAGE_LEVEL_SIZE];
        c->im[i].handle = v[SHADER_IMAGE_RES_HANDLE];
    }
    return true;
}

static bool decode_memory_barrier(struct cmd_memory_barrier *c, struct payload *w)
{
    if (!length_is(w, MEMORY_BARRIER_SIZE))
        return false;
    c->flags = w->p[MEMORY_BARRIER_FLAGS];
    return true;
}

static bool decode_texture_barrier(struct cmd_texture_barrier *c, struct payload *w)
{
    if (!length_is(w, TEXTURE_BARRIER_SIZE))
        return false;
    c->flags = w->p[TEXTURE_BARRIER_FLAGS];
    return true;
}

static bool decode_bind_shader(struct cmd_bind_shader *c, struct payload *w)
{
    if (!length_is(w, BIND_SHADER_SIZE))
        return false;
    c->handle = w->p[BIND_SHADER_HANDLE];
    c->type = w->p[BIND_SHADER_TYPE];
    if (c->type >= SHADER_TYPES)
        return reject(w, "type %u", c->type);
    return true;
}

static bool decode_link_shader(struct cmd_link_shader *c, struct payload *w)
{
    if (!length_is(w, LINK_SHADER_SIZE))
        return false;
    memcpy(c->handles, w->p + LINK_SHADER_HANDLES, sizeof c->handles);
    return true;
}

/* ------------------------------------------------------------------ query.c */

static bool decode_query_handle(struct cmd_query *c, struct payload *w)
{
    _Static_assert((int)QUERY_BEGIN_HANDLE == (int)QUERY_END_HANDLE &&
                   (int)QUERY_BEGIN_SIZE == (int)QUERY_END_SIZE, "one layout");
    if (!length_is(w, QUERY_BEGIN_SIZE))
        return false;
    c->handle = w->p[QUERY_BEGIN_HANDLE];
    return true;
}

static bool decode_get_query_result(struct cmd_get_query_result *c, struct payload *w)
{
    if (!length_is(w, QUERY_RESULT_SIZE))
        return false;
    c->handle = w->p[QUERY_RESULT_HANDLE];
    c->wait = w->p[QUERY_RESULT_WAIT] != 0;
    return true;
}

static bool decode_get_query_result_qbo(struct cmd_get_query_result_qbo *c, struct payload *w)
{
    if (!length_is(w, QUERY_RESULT_QBO_SIZE))
        return false;
    c->handle = w->p[QUERY_RESULT_QBO_HANDLE];
    c->qbo_handle = w->p[QUERY_RESULT_QBO_QBO_HANDLE];
    c->wait = w->p[QUERY_RESULT_QBO_WAIT] != 0;
    c->result_type = w->p[QUERY_RESULT_QBO_RESULT_TYPE];
    c->offset = w->p[QUERY_RESULT_QBO_OFFSET];
    c->index = (int32_t)w->p[QUERY_RESULT_QBO_INDEX];
    return true;
}

static bool decode_set_render_condition(struct cmd_set_render_condition *c, struct payload *w)
{
    if (!length_is(w, RENDER_CONDITION_SIZE))
        return false;
    c->handle = w->p[RENDER_CONDITION_HANDLE];
    c->condition = w->p[RENDER_CONDITION_CONDITION] != 0;
    c->mode = w->p[RENDER_CONDITION_MODE];
    return true;
}

/* ------------------------------------------------------------------ streamout.c */

static bool decode_set_streamout_targets(struct cmd_set_streamout_targets *c, struct payload *w)
{
    if (w->len < STREAMOUT_TARGETS_HANDLES)
        return reject(w, "%u dwords, needs %u", w->len, STREAMOUT_TARGETS_HANDLES);
    c->append_bitmask = w->p[STREAMOUT_TARGETS_APPEND_BITMASK];
    c->count = w->len - STREAMOUT_TARGETS_HANDLES;
    if (c->count > 4)
        return reject(w, "%u targets", c->count);
    memcpy(c->handles, w->p + STREAMOUT_TARGETS_HANDLES, c->count * sizeof(uint32_t));
    return true;
}

/* ------------------------------------------------------------------ context.c */

static bool decode_sub_ctx(struct cmd_sub_ctx *c, struct payload *w)
{
    if (!length_is(w, SUB_CTX_SIZE))
        return false;
    c->id = w->p[SUB_CTX_ID];
    return true;
}

/* ------------------------------------------------------------------ transfer_cmds.c */

static struct vrend_transfer decode_box(const uint32_t *p)
{
    return (struct vrend_transfer){
        .handle = p[XFER_HANDLE], .level = p[XFER_LEVEL], .stride = p[XFER_STRIDE],
        .layer_stride = p[XFER_LAYER_STRIDE], .x = p[XFER_X], .y = p[XFER_Y], .z = p[XFER_Z],
        .w = p[XFER_W], .h = p[XFER_H], .d = p[XFER_D],
    };
}

static bool decode_resource_inline_write(struct cmd_resource_inline_write *c, struct payload *w)
{
    if (!length_at_least(w, INLINE_WRITE_DATA))
        return false;
    c->t = decode_box(w->p);
    c->t.to_host = true;
    c->data = (const uint8_t *)(w->p + INLINE_WRITE_DATA);
    c->data_size = (size_t)(w->len - INLINE_WRITE_DATA) * 4;
    return true;
}

static bool decode_transfer3d(struct cmd_transfer3d *c, struct payload *w)
{
    if (!length_is(w, TRANSFER3D_SIZE))
        return false;
    uint32_t dir = w->p[TRANSFER3D_DIRECTION];
    if (dir != TRANSFER3D_TO_HOST && dir != TRANSFER3D_FROM_HOST)
        return reject(w, "direction %u", dir);
    c->t = decode_box(w->p);
    c->t.offset = w->p[TRANSFER3D_OFFSET];
    c->t.to_host = dir == TRANSFER3D_TO_HOST;
    return true;
}

static bool decode_copy_transfer3d(struct cmd_copy_transfer3d *c, struct payload *w)
{
    if (!length_is(w, COPY_TRANSFER3D_SIZE))
        return false;
    c->t = decode_box(w->p);
    c->src_handle = w->p[COPY_TRANSFER3D_SRC_HANDLE];
    c->t.offset = w->p[COPY_TRANSFER3D_SRC_OFFSET];
    c->t.to_host = !(w->p[COPY_TRANSFER3D_FLAGS] & COPY_TRANSFER3D_READ_FROM_HOST);
    return true;
}

/* ------------------------------------------------------------------ the table */

/* A row's step: decode into the command's struct, then execute it. */
typedef bool (*step_fn)(struct vrend_context *ctx, struct payload *w);

#define STEP_AS(name, type, decode)                                                       \
    static bool step_##name(struct vrend_context *ctx, struct payload *w)                 \
    {                                                                                     \
        struct type c = { 0 };                                                            \
        return decode(&c, w) && exec_##name(ctx, &c);                                     \
    }
#define STEP(name) STEP_AS(name, cmd_##name, decode_##name)
STEP(draw_vbo)
STEP(launch_grid)
STEP(clear)
STEP(clear_texture)
STEP(blit)
STEP(resource_copy_region)
STEP(create_object)
STEP(bind_object)
STEP(destroy_object)
STEP(set_viewport)
STEP(set_scissor)
STEP(set_framebuffer)
STEP(set_framebuffer_no_attach)
STEP(set_vertex_buffers)
STEP(set_index_buffer)
STEP(set_constant_buffer)
STEP(set_uniform_buffer)
STEP_AS(set_sampler_views, cmd_slot_handles, decode_slot_handles)
STEP_AS(bind_sampler_states, cmd_slot_handles, decode_slot_handles)
STEP(set_stencil_ref)
STEP(set_blend_color)
STEP(set_polygon_stipple)
STEP(set_clip_state)
STEP(set_sample_mask)
STEP(set_min_samples)
STEP(set_tess_state)
STEP(set_shader_buffers)
STEP(set_atomic_buffers)
STEP(set_shader_images)
STEP(memory_barrier)
STEP(texture_barrier)
STEP(bind_shader)
STEP(link_shader)
STEP_AS(begin_query, cmd_query, decode_query_handle)
STEP_AS(end_query, cmd_query, decode_query_handle)
STEP(get_query_result)
STEP(get_query_result_qbo)
STEP(set_render_condition)
STEP(set_streamout_targets)
STEP_AS(set_sub_ctx, cmd_sub_ctx, decode_sub_ctx)
STEP_AS(create_sub_ctx, cmd_sub_ctx, decode_sub_ctx)
STEP_AS(destroy_sub_ctx, cmd_sub_ctx, decode_sub_ctx)
STEP(resource_inline_write)
STEP(transfer3d)
STEP(copy_transfer3d)

/* Commands with nothing for this host to do: NOP, debug flags, string markers and
 * END_TRANSFERS (padding to the end of Mesa's transfer buffer) of any length; SET_TWEAKS of
 * its size. */
static bool step_nop(struct vrend_context *ctx, struct payload *w)
{
    return true;
}

static bool step_set_tweaks(struct vrend_context *ctx, struct payload *w)
{
    return length_is(w, SET_TWEAKS_SIZE);
}

struct cmd_entry {
    step_fn step;
    const char *name;
};

#define E(id, name) [CCMD_##id] = { step_##name, #id }
static const struct cmd_entry table[CCMD_COUNT] = {
    E(NOP, nop),
    E(CREATE_OBJECT, create_object),
    E(BIND_OBJECT, bind_object),
    E(DESTROY_OBJECT, destroy_object),
    E(SET_VIEWPORT_STATE, set_viewport),
    E(SET_FRAMEBUFFER_STATE, set_framebuffer),
    E(SET_VERTEX_BUFFERS, set_vertex_buffers),
    E(CLEAR, clear),
    E(DRAW_VBO, draw_vbo),
    E(RESOURCE_INLINE_WRITE, resource_inline_write),
    E(SET_SAMPLER_VIEWS, set_sampler_views),
    E(SET_INDEX_BUFFER, set_index_buffer),
    E(SET_CONSTANT_BUFFER, set_constant_buffer),
    E(SET_STENCIL_REF, set_stencil_ref),
    E(SET_BLEND_COLOR, set_blend_color),
    E(SET_SCISSOR_STATE, set_scissor),
    E(BLIT, blit),
    E(RESOURCE_COPY_REGION, resource_copy_region),
    E(BIND_SAMPLER_STATES, bind_sampler_states),
    E(BEGIN_QUERY, begin_query),
    E(END_QUERY, end_query),
    E(GET_QUERY_RESULT, get_query_result),
    E(SET_POLYGON_STIPPLE, set_polygon_stipple),
    E(SET_CLIP_STATE, set_clip_state),
    E(SET_SAMPLE_MASK, set_sample_mask),
    E(SET_STREAMOUT_TARGETS, set_streamout_targets),
    E(SET_RENDER_CONDITION, set_render_condition),
    E(SET_UNIFORM_BUFFER, set_uniform_buffer),
    E(SET_SUB_CTX, set_sub_ctx),
    E(CREATE_SUB_CTX, create_sub_ctx),
    E(DESTROY_SUB_CTX, destroy_sub_ctx),
    E(BIND_SHADER, bind_shader),
    E(SET_TESS_STATE, set_tess_state),
    E(SET_MIN_SAMPLES, set_min_samples),
    E(SET_SHADER_BUFFERS, set_shader_buffers),
    E(SET_SHADER_IMAGES, set_shader_images),
    E(MEMORY_BARRIER, memory_barrier),
    E(LAUNCH_GRID, launch_grid),
    E(SET_FRAMEBUFFER_STATE_NO_ATTACH, set_framebuffer_no_attach),
    E(TEXTURE_BARRIER, texture_barrier),
    E(SET_ATOMIC_BUFFERS, set_atomic_buffers),
    E(SET_DEBUG_FLAGS, nop),
    E(GET_QUERY_RESULT_QBO, get_query_result_qbo),
    E(TRANSFER3D, transfer3d),
    E(END_TRANSFERS, nop),
    E(COPY_TRANSFER3D, copy_transfer3d),
    E(SET_TWEAKS, set_tweaks),
    E(CLEAR_TEXTURE, clear_texture),
    E(SEND_STRING_MARKER, nop),
    E(LINK_SHADER, link_shader),
};

bool vrend_submit(struct vrend_context *ctx, const uint32_t *cmds, size_t n)
{
    if (ctx->broken)
        return false;
    ctx->draw_dirty = DRAW_ALL;
    ctx->r->unflushed = true;
    size_t i = 0;
    while (i < n) {
        uint32_t hdr = cmds[i];
        uint32_t id = CMD_ID(hdr), len = CMD_LEN(hdr);
        if (len > n - i - 1)
            return ctx_err(ctx, "command %u length %u overruns the buffer (%zu left)", id, len,
                           n - i - 1);
        struct payload w;   /* why is set only when a decoder rejects */
        w.p = cmds + i + 1;
        w.len = len;
        w.hdr = hdr;
        w.why[0] = 0;
        i += 1 + len;
        if (id >= CCMD_COUNT || !table[id].step) {
            vlog(ctx->r, VREND_LOG_WARN, "context %s: unsupported command %u (len %u) ignored",
                 ctx->name, id, len);
            continue;
        }
        if (ctx->r->opts.verbose && getenv("VIRGL_EXEC_TRACE")) {
            char buf[256];
            int o = 0;
            for (uint32_t k = 0; k < len && k < 24 && o < (int)sizeof buf - 10; k++)
                o += snprintf(buf + o, sizeof buf - o, " %08x", w.p[k]);
            buf[o] = 0;
            vlog(ctx->r, VREND_LOG_DEBUG, "cmd %s obj %u len %u:%s", table[id].name,
                 CMD_OBJ(hdr), len, buf);
        }
        if (!table[id].step(ctx, &w)) {
            if (w.why[0])
                return ctx_err(ctx, "%s: %s", table[id].name, w.why);
            if (!ctx->broken)
                ctx_err(ctx, "%s failed", table[id].name);
            return false;
        }
    }
    return true;
}
