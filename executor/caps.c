/* caps.c: host limit probe and the GET_CAPS v1/v2 answer built from it. */
#include <string.h>

#include "vrend_priv.h"

GLint caps_geti(GLenum e, GLint dflt)
{
    GLint v = dflt;
    glGetIntegerv(e, &v);
    while (glGetError() != GL_NO_ERROR)
        v = dflt;
    return v;
}

static uint32_t umin(uint32_t a, uint32_t b) { return a < b ? a : b; }

/* The guest answers glGetMultisamplefv(GL_SAMPLE_POSITION) from the caps, and tests
 * compare it with where the host really samples (interpolateAtSample, centroid), so ask the
 * host: a multisample framebuffer of each count, its positions read back. */
static void probe_sample_locations(struct host_limits *l)
{
    static const unsigned counts[4] = { 2, 4, 8, 16 };
    static const unsigned first_word[4] = { 0, 1, 2, 4 };
    GLuint fbo, tex;
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    for (int i = 0; i < 4 && (GLint)counts[i] <= l->max_samples; i++) {
        glGenTextures(1, &tex);
        glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex);
        glTexStorage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, counts[i], GL_RGBA8, 16, 16,
                                  GL_TRUE);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE,
                               tex, 0);
        GLint samples = 0;
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE)
            glGetIntegerv(GL_SAMPLES, &samples);
        /* The guest's count of samples (a host may round the count up and place more). */
        for (unsigned k = 0; samples > 0 && k < counts[i]; k++) {
            GLfloat pos[2] = { 0.5f, 0.5f };
            glGetMultisamplefv(GL_SAMPLE_POSITION, k, pos);
            uint32_t x = (uint32_t)(pos[0] * 16.0f) & 0xf, y = (uint32_t)(pos[1] * 16.0f) & 0xf;
            l->sample_locations[first_word[i] + k / 4] |= (x << 4 | y) << (8 * (k % 4));
        }
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE,
                               0, 0);
        glDeleteTextures(1, &tex);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &fbo);
    while (glGetError() != GL_NO_ERROR)
        ;
}

void caps_probe(struct vrend_renderer *r)
{
    struct host_limits *l = &r->lim;
    r->indirect_params = !r->gles && (r->gl_version >= 46 ||
                                      epoxy_has_gl_extension("GL_ARB_indirect_parameters"));
    l->max_tex_2d = caps_geti(GL_MAX_TEXTURE_SIZE, 2048);
    l->max_tex_3d = caps_geti(GL_MAX_3D_TEXTURE_SIZE, 256);
    l->max_tex_cube = caps_geti(GL_MAX_CUBE_MAP_TEXTURE_SIZE, 2048);
    l->max_array_layers = caps_geti(GL_MAX_ARRAY_TEXTURE_LAYERS, 256);
    l->max_samples = caps_geti(GL_MAX_SAMPLES, 4);
    l->max_rts = caps_geti(GL_MAX_DRAW_BUFFERS, 8);
    l->max_ubo_bindings = caps_geti(GL_MAX_UNIFORM_BUFFER_BINDINGS, 36);
    l->max_ubos_per_stage = caps_geti(GL_MAX_FRAGMENT_UNIFORM_BLOCKS, 12);
    l->max_ubo_size = caps_geti(GL_MAX_UNIFORM_BLOCK_SIZE, 16384);
    l->max_tex_units_combined = caps_geti(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS, 48);
    l->max_tex_units = caps_geti(GL_MAX_TEXTURE_IMAGE_UNITS, 16);
    l->max_vertex_attribs = caps_geti(GL_MAX_VERTEX_ATTRIBS, 16);
    l->max_vertex_outputs = caps_geti(GL_MAX_VERTEX_OUTPUT_COMPONENTS, 64) / 4;
    l->max_tbo_size = caps_geti(GL_MAX_TEXTURE_BUFFER_SIZE, 65536);
    l->max_viewports = caps_geti(GL_MAX_VIEWPORTS, 1);
    l->max_ssbo_bindings = caps_geti(GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, 0);
    l->max_ssbo_per_stage = caps_geti(GL_MAX_FRAGMENT_SHADER_STORAGE_BLOCKS, 0);
    l->max_image_units = caps_geti(GL_MAX_IMAGE_UNITS, 0);
    l->max_images_per_stage = caps_geti(GL_MAX_FRAGMENT_IMAGE_UNIFORMS, 0);
    l->max_atomic_bindings = caps_geti(GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS, 0);
    l->max_dual_src = caps_geti(GL_MAX_DUAL_SOURCE_DRAW_BUFFERS, 0);
    l->max_geom_out_vertices = caps_geti(GL_MAX_GEOMETRY_OUTPUT_VERTICES, 256);
    l->max_geom_total_out = caps_geti(GL_MAX_GEOMETRY_TOTAL_OUTPUT_COMPONENTS, 1024);
    l->max_patch_varyings = caps_geti(GL_MAX_TESS_PATCH_COMPONENTS, 120) / 4;
    l->max_tfb_buffers = caps_geti(GL_MAX_TRANSFORM_FEEDBACK_BUFFERS, 4);
    l->max_clip_distances = caps_geti(GL_MAX_CLIP_DISTANCES, 8);
    l->ubo_align = caps_geti(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT, 256);
    l->ssbo_align = caps_geti(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT, 256);
    l->tbo_align = caps_geti(GL_TEXTURE_BUFFER_OFFSET_ALIGNMENT, 256);
    l->max_cs_invocations = caps_geti(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS, 0);
    l->max_cs_shared = caps_geti(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE, 0);
    for (int i = 0; i < 3; i++) {
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_COUNT, i, &l->max_cs_grid[i]);
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_SIZE, i, &l->max_cs_block[i]);
    }
    while (glGetError() != GL_NO_ERROR)
        ;
    l->min_texel_off = caps_geti(GL_MIN_PROGRAM_TEXEL_OFFSET, -8);
    l->max_texel_off = caps_geti(GL_MAX_PROGRAM_TEXEL_OFFSET, 7);
    l->min_gather_off = caps_geti(GL_MIN_PROGRAM_TEXTURE_GATHER_OFFSET, -8);
    l->max_gather_off = caps_geti(GL_MAX_PROGRAM_TEXTURE_GATHER_OFFSET, 7);
    l->max_vertex_stride = caps_geti(GL_MAX_VERTEX_ATTRIB_STRIDE, 2048);
    glGetFloatv(GL_ALIASED_LINE_WIDTH_RANGE, l->line_range);
    if (!r->gles) {
        glGetFloatv(GL_POINT_SIZE_RANGE, l->point_range);
        glGetFloatv(GL_SMOOTH_LINE_WIDTH_RANGE, l->smooth_line_range);
        glGetFloatv(GL_MAX_TEXTURE_LOD_BIAS, &l->max_lod_bias);
    } else {
        glGetFloatv(GL_ALIASED_POINT_SIZE_RANGE, l->point_range);
        memcpy(l->smooth_line_range, l->line_range, sizeof l->line_range);
        l->max_lod_bias = 16;   /* applied by the shader (lower_lod_bias): any range */
    }
    probe_sample_locations(l);
    if (epoxy_has_gl_extension("GL_EXT_texture_filter_anisotropic"))
        glGetFloatv(GL_MAX_TEXTURE_MAX_ANISOTROPY_EXT, &l->max_aniso);
    while (glGetError() != GL_NO_ERROR)
        ;

    /* Each of the five graphics stages gets its own range of binding points; the driver
     * uniform block takes the last UBO binding. */
    r->ubos_per_stage = umin(MAX_UBOS, umin((uint32_t)(l->max_ubo_bindings - 1) / 5,
                                            (uint32_t)l->max_ubos_per_stage));
    r->samplers_per_stage = umin(MAX_SLOTS, umin((uint32_t)l->max_tex_units_combined / 5,
                                                 (uint32_t)l->max_tex_units));
    r->images_per_stage = umin(MAX_IMAGES, umin((uint32_t)l->max_image_units / 5,
                                                (uint32_t)l->max_images_per_stage));
    /* The compiler keeps atomic counters in storage buffers: the last ATOMIC_SSBO_BINDINGS
     * storage bindings hold them (shared by all stages, as GL's counter bindings are). */
    uint32_t ssbo_room = (uint32_t)l->max_ssbo_bindings > ATOMIC_SSBO_BINDINGS
                             ? (uint32_t)l->max_ssbo_bindings - ATOMIC_SSBO_BINDINGS : 0;
    /* A stage's counter buffers are storage blocks of that stage on the host: half its
     * blocks (at most ATOMIC_SSBO_BINDINGS) are left to them, as Mesa splits storage blocks
     * where counters have no hardware of their own.  A 16-block host gives GL 4.3's 8
     * storage blocks and 8 counter bindings (piglit uses binding 7). */
    uint32_t per_stage = (uint32_t)l->max_ssbo_per_stage;
    uint32_t atomic_room = umin(ATOMIC_SSBO_BINDINGS, per_stage / 2);
    r->ssbos_per_stage = umin(MAX_SSBOS, umin(ssbo_room / 5, per_stage - atomic_room));
    r->driver_ubo_binding = l->max_ubo_bindings - 1;
}

void caps_mask_set(struct virgl_format_mask *m, unsigned f)
{
    m->bitmask[f / 32] |= 1u << (f % 32);
}

static void fill_v1(struct vrend_renderer *r, struct virgl_caps_v1 *c)
{
    const struct host_limits *l = &r->lim;
    c->max_version = 2;
    for (unsigned f = 1; f < VIRGL_FORMAT_TABLE_MAX && f < 512; f++) {
        uint16_t fl = r->fmt_caps[f];
        if (!fl)
            continue;
        if (fl & (FMT_SAMPLE | FMT_DEPTH))
            caps_mask_set(&c->sampler, f);
        if ((fl & FMT_RENDER) || (fl & FMT_DEPTH))
            caps_mask_set(&c->render, f);
        if (fl & FMT_DEPTH)
            caps_mask_set(&c->depthstencil, f);
        if (fl & FMT_VERTEX)
            caps_mask_set(&c->vertexbuffer, f);
    }
    uint32_t b = 0;
    static const int always[] = {
        BSET_INDEP_BLEND_ENABLE, BSET_INDEP_BLEND_FUNC, BSET_SHADER_STENCIL_EXPORT,
        BSET_CONDITIONAL_RENDER, BSET_START_INSTANCE, BSET_PRIMITIVE_RESTART, BSET_BLEND_EQ_SEP,
        BSET_INSTANCEID, BSET_VERTEX_ELEMENT_DIVISOR, BSET_SEAMLESS_CUBE_MAP,
        BSET_OCCLUSION_QUERY, BSET_TIMER_QUERY, BSET_STREAMOUT_PAUSE_RESUME,
        BSET_TEXTURE_MULTISAMPLE, BSET_FRAGMENT_COORD_CONVENTIONS, BSET_DEPTH_CLIP_DISABLE,
        BSET_UBO, BSET_TEXTURE_QUERY_LOD, BSET_HAS_INDIRECT_DRAW, BSET_HAS_CULL,
        BSET_CONDITIONAL_RENDER_INVERTED, BSET_POLYGON_OFFSET_CLAMP,
        BSET_TRANSFORM_FEEDBACK_OVERFLOW_QUERY,
    };
    for (unsigned i = 0; i < sizeof always / sizeof always[0]; i++)
        b |= 1u << always[i];
    if (r->host_features & T2G_HOST_TEXTURE_CUBE_ARRAY)
        b |= 1u << BSET_CUBE_MAP_ARRAY;
    if (r->host_features & T2G_HOST_FP64)
        b |= 1u << BSET_HAS_FP64;
    if (r->host_features & T2G_HOST_TESSELLATION)
        b |= 1u << BSET_HAS_TESSELLATION;
    if (r->host_features & T2G_HOST_SAMPLE_SHADING)
        b |= 1u << BSET_HAS_SAMPLE_SHADING;
    if (r->host_features & T2G_HOST_DERIVATIVE_CONTROL)
        b |= 1u << BSET_DERIVATIVE_CONTROL;
    if (r->mirror_clamp)
        b |= 1u << BSET_MIRROR_CLAMP;   /* objects.c wrap_to_gl */
    if (r->gles)
        b &= ~((1u << BSET_DEPTH_CLIP_DISABLE) | (1u << BSET_MIRROR_CLAMP) |
               (1u << BSET_TEXTURE_QUERY_LOD) | (1u << BSET_POLYGON_OFFSET_CLAMP));
    c->bset = b;
    unsigned v = t2g_target_version(r->target);
    c->glsl_level = r->gles ? (v >= 320 ? 450 : v >= 310 ? 430 : 330) : v;
    c->max_texture_array_layers = l->max_array_layers;
    c->max_streamout_buffers = umin(l->max_tfb_buffers, 4);
    c->max_dual_source_render_targets = l->max_dual_src ? 1 : 0;
    c->max_render_targets = umin(l->max_rts, 8);
    c->max_samples = l->max_samples;
    /* Every gallium primitive except quads, quad strips and polygons (not in core GL). */
    c->prim_mask = 0x7f | (0x1f << 10);
    c->max_tbo_size = l->max_tbo_size;
    c->max_uniform_blocks = r->ubos_per_stage;
    c->max_viewports = umin(l->max_viewports, 16);
    c->max_texture_gather_components = 4;
}

static void fill_v2(struct vrend_renderer *r, struct virgl_caps_v2 *c)
{
    const struct host_limits *l = &r->lim;
    fill_v1(r, &c->v1);
    c->min_aliased_point_size = l->point_range[0];
    c->max_aliased_point_size = l->point_range[1];
    c->min_smooth_point_size = l->point_range[0];
    c->max_smooth_point_size = l->point_range[1];
    c->min_aliased_line_width = l->line_range[0];
    c->max_aliased_line_width = l->line_range[1];
    c->min_smooth_line_width = l->smooth_line_range[0];
    c->max_smooth_line_width = l->smooth_line_range[1];
    c->max_texture_lod_bias = l->max_lod_bias;
    c->max_geom_output_vertices = l->max_geom_out_vertices;
    c->max_geom_total_output_components = l->max_geom_total_out;
    c->max_vertex_outputs = umin(l->max_vertex_outputs, 32);
    c->max_vertex_attribs = umin(l->max_vertex_attribs, 32);
    c->max_shader_patch_varyings = l->max_patch_varyings;
    c->min_texel_offset = l->min_texel_off;
    c->max_texel_offset = l->max_texel_off;
    c->min_texture_gather_offset = l->min_gather_off;
    c->max_texture_gather_offset = l->max_gather_off;
    c->texture_buffer_offset_alignment = l->tbo_align;
    c->uniform_buffer_offset_alignment = l->ubo_align;
    c->shader_buffer_offset_alignment = l->ssbo_align;
    c->capability_bits = VIRGL_CAP_TGSI_INVARIANT | VIRGL_CAP_TEXTURE_VIEW |
        VIRGL_CAP_SET_MIN_SAMPLES | VIRGL_CAP_COPY_IMAGE | VIRGL_CAP_TGSI_PRECISE |
        VIRGL_CAP_TXQS | VIRGL_CAP_MEMORY_BARRIER | VIRGL_CAP_COMPUTE_SHADER |
        VIRGL_CAP_FB_NO_ATTACH | VIRGL_CAP_ROBUST_BUFFER_ACCESS | VIRGL_CAP_TEXTURE_BARRIER | VIRGL_CAP_TGSI_COMPONENTS |
        VIRGL_CAP_SRGB_WRITE_CONTROL | VIRGL_CAP_QBO | VIRGL_CAP_TRANSFER |
        VIRGL_CAP_FBO_MIXED_COLOR_FORMATS | VIRGL_CAP_BIND_COMMAND_ARGS |
        VIRGL_CAP_MULTI_DRAW_INDIRECT |
        VIRGL_CAP_TRANSFORM_FEEDBACK3 | VIRGL_CAP_INDIRECT_INPUT_ADDR |
        VIRGL_CAP_COPY_TRANSFER | VIRGL_CAP_CLIP_HALFZ | VIRGL_CAP_CLEAR_TEXTURE;
    if (r->host_features & T2G_HOST_SHADER_CLOCK)
        c->capability_bits |= VIRGL_CAP_SHADER_CLOCK;
    /* Draw counts read from a buffer (draw.c): glMultiDraw*IndirectCountARB, or the count
     * read back where the host has no such draw. */
    c->capability_bits |= VIRGL_CAP_INDIRECT_PARAMS;
    c->capability_bits_v2 = VIRGL_CAP_V2_STRING_MARKER |
                            VIRGL_CAP_V2_COPY_TRANSFER_BOTH_DIRECTIONS;
    /* Shader features the compiler writes and the host has: Mesa's virgl driver offers
     * ARB_shader_group_vote and ARB_shader_draw_parameters on these bits. */
    if (r->host_features & T2G_HOST_SHADER_GROUP_VOTE)
        c->capability_bits_v2 |= VIRGL_CAP_V2_GROUP_VOTE;
    if (r->draw_parameters)
        c->capability_bits_v2 |= VIRGL_CAP_V2_DRAW_PARAMETERS;
    /* KHR_blend_equation_advanced, which ES 3.2 needs: the guest's shaders declare their
     * modes (layout(blend_support_*)), its blend state names the mode (decode.c), its
     * glBlendBarrier is a framebuffer texture barrier (state_cmds.c). */
    if (r->host_features & T2G_HOST_BLEND_EQUATION_ADVANCED)
        c->capability_bits_v2 |= VIRGL_CAP_V2_BLEND_EQUATION;
    /* EXT_texture_shadow_lod: textureLod on shadow cube and array samplers (TXL, TXL2). */
    if (r->host_features & T2G_HOST_TEXTURE_SHADOW_LOD)
        c->capability_bits_v2 |= VIRGL_CAP_V2_TEXTURE_SHADOW_LOD;
    memcpy(c->sample_locations, l->sample_locations, sizeof c->sample_locations);
    c->max_vertex_attrib_stride = l->max_vertex_stride;
    c->max_shader_buffer_frag_compute = r->ssbos_per_stage;
    c->max_shader_buffer_other_stages = r->ssbos_per_stage;
    c->max_shader_image_frag_compute = r->images_per_stage;
    c->max_shader_image_other_stages = r->images_per_stage;
    c->max_image_samples = 0;
    c->max_compute_work_group_invocations = l->max_cs_invocations;
    c->max_compute_shared_memory_size = l->max_cs_shared;
    for (int i = 0; i < 3; i++) {
        c->max_compute_grid_size[i] = l->max_cs_grid[i];
        c->max_compute_block_size[i] = l->max_cs_block[i];
    }
    c->max_texture_2d_size = l->max_tex_2d;
    c->max_texture_3d_size = l->max_tex_3d;
    c->max_texture_cube_size = l->max_tex_cube;
    c->max_combined_shader_buffers = r->ssbos_per_stage * 5;
    /* Counter buffers are storage buffers at the ATOMIC_SSBO_BINDINGS bindings all stages
     * share, as GL's counter binding points are: a stage may use each of them, beside its own
     * storage buffers. */
    uint32_t stage_room = (uint32_t)l->max_ssbo_per_stage > r->ssbos_per_stage
                              ? (uint32_t)l->max_ssbo_per_stage - r->ssbos_per_stage : 0;
    uint32_t ac = l->max_ssbo_bindings > ATOMIC_SSBO_BINDINGS
                      ? umin(umin((uint32_t)l->max_atomic_bindings, ATOMIC_SSBO_BINDINGS),
                             stage_room) : 0;
    for (int i = 0; i < 6; i++) {
        c->max_atomic_counters[i] = ac ? 4096 : 0;
        c->max_atomic_counter_buffers[i] = ac;
        c->max_const_buffer_size[i] = l->max_ubo_size;
        c->max_shader_storage_blocks[i] = r->ssbos_per_stage;
    }
    c->max_combined_atomic_counters = ac ? 4096 : 0;
    c->max_combined_atomic_counter_buffers = ac * 5;
    /* What virglrenderer 0.10.4 reports; Mesa gates a few workarounds on it. */
    c->host_feature_check_version = 15;
    c->supported_readback_formats = c->v1.sampler;
    memcpy(c->renderer, r->renderer_name, sizeof c->renderer - 1);
    c->max_anisotropy = l->max_aniso;
    c->max_texture_samplers = r->samplers_per_stage;
    for (unsigned f = 1; f < 512; f++)
        if (r->fmt_caps[f] & (FMT_RENDER | FMT_DEPTH))
            caps_mask_set(&c->supported_multisample_formats, f);
    /* Format 0 (PIPE_FORMAT_NONE) is a framebuffer without attachments: Mesa rounds its
     * default sample count to what this bit allows, to none without it. */
    if (l->max_samples > 1)
        caps_mask_set(&c->supported_multisample_formats, 0);
    c->max_uniform_block_size = l->max_ubo_size;
    c->max_tcs_outputs = 32;
    c->max_tes_outputs = 32;
}

size_t vrend_fill_caps(struct vrend_renderer *r, uint32_t set, void *out, size_t max)
{
    struct virgl_caps_v2 c;
    memset(&c, 0, sizeof c);
    size_t size = set == 1 ? sizeof(struct virgl_caps_v1) : sizeof c;
    if (r->es2)
        caps_es2_fill(r, &c, set != 1);
    else if (set == 1)
        fill_v1(r, &c.v1);
    else
        fill_v2(r, &c);
    if (r->gles && !r->es2)
        caps_gles_fixup(r, &c, set != 1);
    if (out && max)
        memcpy(out, &c, size < max ? size : max);
    return size;
}
