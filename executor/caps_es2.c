/* caps_es2.c: an ES 2.0 host (no ES 3.x context to be had).  Such a host runs GL 2.1
 * guests: GET_CAPS says GLSL 1.20 and no native integers (Mesa's virgl driver reads
 * glsl_level >= 130 as PIPE_SHADER_CAP_INTEGERS, so the guest lowers integers to floats
 * before the TGSI reaches us), no texture arrays, stream output or multisampling, and the
 * formats ES 2.0 can store.  The optional ES 2.0 extensions that bring back pieces of ES 3.0
 * are probed here, once, into r->es2x. */
#include <string.h>

#include "vrend_priv.h"

static bool has(const char *ext) { return epoxy_has_gl_extension(ext); }

static uint32_t umin(uint32_t a, uint32_t b) { return a < b ? a : b; }

void caps_es2_probe(struct vrend_renderer *r)
{
    struct host_limits *l = &r->lim;
    const char *exts = (const char *)glGetString(GL_EXTENSIONS);
    vlog(r, VREND_LOG_INFO, "ES 2.0 host extensions: %s", exts ? exts : "");
    r->es2x.vao = has("GL_OES_vertex_array_object");
    r->es2x.instancing = has("GL_EXT_instanced_arrays") || has("GL_ANGLE_instanced_arrays");
    r->es2x.texture_3d = has("GL_OES_texture_3D");
    r->es2x.draw_buffers = has("GL_EXT_draw_buffers");
    r->es2x.map_buffer_range = has("GL_EXT_map_buffer_range");
    r->es2x.texture_storage = has("GL_EXT_texture_storage");
    r->es2x.depth_texture = has("GL_OES_depth_texture");
    r->es2x.packed_depth_stencil = has("GL_OES_packed_depth_stencil");
    r->es2x.float_textures = has("GL_OES_texture_float");
    r->es2x.half_float_textures = has("GL_OES_texture_half_float");
    r->es2x.rgb8_rgba8 = has("GL_OES_rgb8_rgba8");
    r->es2x.texture_rg = has("GL_EXT_texture_rg");
    r->es2x.unpack_subimage = has("GL_EXT_unpack_subimage");
    r->es2x.pack_subimage = has("GL_NV_pack_subimage");
    r->es2x.framebuffer_blit = has("GL_NV_framebuffer_blit") || has("GL_ANGLE_framebuffer_blit");
    r->es2x.read_buffer = has("GL_NV_read_buffer");
    r->es2x.occlusion_query = has("GL_EXT_occlusion_query_boolean");
    r->es2x.element_index_uint = has("GL_OES_element_index_uint");
    r->es2x.bgra = has("GL_EXT_texture_format_BGRA8888");

    struct { bool ok; uint32_t bit; } feats[] = {
        { r->es2x.texture_3d, T2G_HOST_TEXTURE_3D },
        { has("GL_EXT_shadow_samplers"), T2G_HOST_SHADOW_SAMPLERS },
        { has("GL_OES_standard_derivatives"), T2G_HOST_STANDARD_DERIVATIVES },
        { has("GL_EXT_frag_depth"), T2G_HOST_FRAG_DEPTH },
        { r->es2x.draw_buffers, T2G_HOST_DRAW_BUFFERS },
        { has("GL_EXT_shader_texture_lod"), T2G_HOST_SHADER_TEXTURE_LOD },
    };
    r->host_features = 0;
    for (unsigned i = 0; i < sizeof feats / sizeof feats[0]; i++)
        if (feats[i].ok)
            r->host_features |= feats[i].bit;

    l->max_tex_2d = caps_geti(GL_MAX_TEXTURE_SIZE, 2048);
    l->max_tex_3d = r->es2x.texture_3d ? caps_geti(GL_MAX_3D_TEXTURE_SIZE_OES, 256) : 0;
    l->max_tex_cube = caps_geti(GL_MAX_CUBE_MAP_TEXTURE_SIZE, 2048);
    l->max_array_layers = 1;   /* every texture has its one layer (GET_CAPS says 0: no arrays) */
    l->max_samples = 0;
    l->max_rts = r->es2x.draw_buffers ? caps_geti(GL_MAX_DRAW_BUFFERS_EXT, 1) : 1;
    l->max_tex_units = caps_geti(GL_MAX_TEXTURE_IMAGE_UNITS, 8);
    l->max_tex_units_combined = caps_geti(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS, 8);
    l->max_vertex_attribs = caps_geti(GL_MAX_VERTEX_ATTRIBS, 8);
    l->max_vertex_outputs = caps_geti(GL_MAX_VARYING_VECTORS, 8);
    l->max_viewports = 1;
    l->max_clip_distances = 0;
    l->min_texel_off = l->max_texel_off = 0;
    l->max_vertex_stride = 2048;
    glGetFloatv(GL_ALIASED_LINE_WIDTH_RANGE, l->line_range);
    glGetFloatv(GL_ALIASED_POINT_SIZE_RANGE, l->point_range);
    memcpy(l->smooth_line_range, l->line_range, sizeof l->line_range);
    l->max_lod_bias = 2;
    if (has("GL_EXT_texture_filter_anisotropic"))
        glGetFloatv(GL_MAX_TEXTURE_MAX_ANISOTROPY_EXT, &l->max_aniso);
    while (glGetError() != GL_NO_ERROR)
        ;
    /* One constant buffer per stage (the default uniform block): uniform arrays. */
    r->ubos_per_stage = 1;
    r->samplers_per_stage = umin(MAX_SLOTS, umin((uint32_t)l->max_tex_units_combined / 2,
                                                 (uint32_t)l->max_tex_units));
    r->images_per_stage = r->ssbos_per_stage = 0;
    r->driver_ubo_binding = 0;
    formats_es2_probe(r);
}

/* The formats ES 2.0 stores as they are: an unsized internal format equal to the pixel
 * format, with the types ES 2.0 (or the probed extension) accepts.  No texture swizzle
 * exists, so only formats whose channels are stored where the guest expects them. */
bool es2_format_ok(const struct vrend_renderer *r, const struct vformat *f)
{
    if (!f->internal)
        return false;
    switch (f->format) {
    case GL_RGBA: case GL_RGB:
        if (f->type == GL_UNSIGNED_BYTE || f->type == GL_UNSIGNED_SHORT_5_6_5)
            return true;
        return f->type == GL_FLOAT && r->es2x.float_textures;
    case GL_BGRA:
        return r->es2x.bgra && f->type == GL_UNSIGNED_BYTE;
    case GL_DEPTH_COMPONENT:
        return r->es2x.depth_texture &&
               (f->type == GL_UNSIGNED_SHORT || f->type == GL_UNSIGNED_INT);
    case GL_DEPTH_STENCIL:
        return r->es2x.depth_texture && r->es2x.packed_depth_stencil &&
               f->type == GL_UNSIGNED_INT_24_8;
    default:
        return false;
    }
}

static bool es2_vertex_ok(const struct vformat *f)
{
    if (f->flags & (FMT_INT | FMT_UINT))
        return false;
    switch (f->vtype) {
    case GL_FLOAT: case GL_BYTE: case GL_UNSIGNED_BYTE: case GL_SHORT: case GL_UNSIGNED_SHORT:
        return f->vcomps >= 1 && f->vcomps <= 4;
    default:
        return false;
    }
}

void formats_es2_probe(struct vrend_renderer *r)
{
    for (uint32_t id = 1; id < VIRGL_FORMAT_TABLE_MAX; id++) {
        const struct vformat *f = vformat_get(id);
        if (!f || f->virgl != id)
            continue;
        uint16_t fl = f->flags;
        /* swizzle is four chars, not a string. */
        bool plain = !memcmp(f->swizzle, "rgba", 4) || !memcmp(f->swizzle, "rgb1", 4) ||
                     (fl & FMT_DEPTH);
        if (!es2_format_ok(r, f) || !plain || (fl & FMT_COMPRESSED))
            fl &= ~(FMT_SAMPLE | FMT_RENDER | FMT_DEPTH);
        /* sRGB: the encoded bytes in a plain texture, decoded by the shader after filtering
         * (key.sampler_srgb_decode); nothing encodes a rendered colour. */
        if (fl & FMT_SRGB)
            fl &= ~FMT_RENDER;
        /* Float colour buffers need GL_EXT_color_buffer_half_float & co.: not offered. */
        if (fl & FMT_FLOAT)
            fl &= ~FMT_RENDER;
        if ((fl & FMT_VERTEX) && !es2_vertex_ok(f))
            fl &= ~FMT_VERTEX;
        r->fmt_caps[id] = fl;
    }
}

/* GET_CAPS for a GL 2.1 guest: GLSL 1.20 (no integers: the guest lowers them), no
 * texture arrays, stream output, multisampling, UBOs or compute; one constant buffer.
 * What Mesa's virgl driver reads of each field is in its virgl_screen.c. */
void caps_es2_fill(struct vrend_renderer *r, struct virgl_caps_v2 *c, bool v2)
{
    const struct host_limits *l = &r->lim;
    struct virgl_caps_v1 *c1 = &c->v1;
    c1->max_version = 2;
    for (unsigned f = 1; f < VIRGL_FORMAT_TABLE_MAX && f < 512; f++) {
        uint16_t fl = r->fmt_caps[f];
        if (fl & (FMT_SAMPLE | FMT_DEPTH))
            caps_mask_set(&c1->sampler, f);
        if (fl & (FMT_RENDER | FMT_DEPTH))
            caps_mask_set(&c1->render, f);
        if (fl & FMT_DEPTH)
            caps_mask_set(&c1->depthstencil, f);
        if (fl & FMT_VERTEX)
            caps_mask_set(&c1->vertexbuffer, f);
    }
    /* Both window-coordinate origins and pixel centers: the compiler places gl_FragCoord
     * with the driver uniforms.  Without the bit the guest flips y itself and still says
     * LOWER_LEFT, which the compiler would flip a second time. */
    uint32_t b = (1u << BSET_BLEND_EQ_SEP) | (1u << BSET_FRAGMENT_COORD_CONVENTIONS);
    if (r->es2x.instancing)
        b |= 1u << BSET_VERTEX_ELEMENT_DIVISOR;
    if (r->es2x.occlusion_query)
        b |= 1u << BSET_OCCLUSION_QUERY;
    c1->bset = b;
    c1->glsl_level = 120;
    c1->max_texture_array_layers = 0;
    c1->max_streamout_buffers = 0;
    c1->max_dual_source_render_targets = 0;
    c1->max_render_targets = umin((uint32_t)l->max_rts, 8);
    c1->max_samples = 0;
    /* Points, lines, loops, strips, triangles, fans: quads and polygons are the guest's. */
    c1->prim_mask = 0x7f;
    c1->max_tbo_size = 0;
    c1->max_uniform_blocks = 1;
    c1->max_viewports = 1;
    c1->max_texture_gather_components = 0;
    if (!v2)
        return;
    c->min_aliased_point_size = l->point_range[0];
    c->max_aliased_point_size = l->point_range[1];
    c->min_smooth_point_size = l->point_range[0];
    c->max_smooth_point_size = l->point_range[1];
    c->min_aliased_line_width = l->line_range[0];
    c->max_aliased_line_width = l->line_range[1];
    c->min_smooth_line_width = l->smooth_line_range[0];
    c->max_smooth_line_width = l->smooth_line_range[1];
    c->max_texture_lod_bias = l->max_lod_bias;
    c->max_vertex_outputs = umin((uint32_t)l->max_vertex_outputs, 32);
    c->max_vertex_attribs = umin((uint32_t)l->max_vertex_attribs, 32);
    c->max_vertex_attrib_stride = l->max_vertex_stride;
    c->uniform_buffer_offset_alignment = 16;
    c->texture_buffer_offset_alignment = 16;
    c->shader_buffer_offset_alignment = 16;
    c->capability_bits = VIRGL_CAP_HOST_IS_GLES | VIRGL_CAP_FBO_MIXED_COLOR_FORMATS |
                         VIRGL_CAP_TRANSFER | VIRGL_CAP_COPY_TRANSFER;
    c->capability_bits_v2 = VIRGL_CAP_V2_STRING_MARKER;
    c->max_anisotropy = l->max_aniso;
    c->max_texture_2d_size = (uint32_t)l->max_tex_2d;
    c->max_texture_3d_size = (uint32_t)l->max_tex_3d;
    c->max_texture_cube_size = (uint32_t)l->max_tex_cube;
    c->max_texture_samplers = r->samplers_per_stage;
    c->max_uniform_block_size = 4096 * 16;
    for (int i = 0; i < 6; i++)
        c->max_const_buffer_size[i] = 4096 * 16;
    c->host_feature_check_version = 15;
    c->supported_readback_formats = c1->sampler;
    memcpy(c->renderer, r->renderer_name, sizeof c->renderer - 1);
}
