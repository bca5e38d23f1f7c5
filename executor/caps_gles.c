/* caps_gles.c: what a GLES 3.x host can really do, for the core (which extension paths to
 * take) and for the guest (the GET_CAPS answer loses every bit the host or the ESSL backend
 * cannot honour, so the guest falls back to its own emulation instead of failing). */
#include <string.h>

#include "vrend_priv.h"

/* Whether glTransformFeedbackVaryings links with gl_SkipComponents1 / gl_NextBuffer (core
 * GLES 3.2 has neither name; Mesa's GLES accepts both). */
static bool links_tf3_names(void)
{
    static const char *const vs = "#version 300 es\nout float a;\nout float b;\n"
                                  "void main() { a = 1.0; b = 2.0; gl_Position = vec4(0.0); }\n";
    static const char *const fs = "#version 300 es\nprecision mediump float;\nout vec4 c;\n"
                                  "void main() { c = vec4(0.0); }\n";
    static const char *const names[] = { "a", "gl_SkipComponents1", "gl_NextBuffer", "b" };
    GLuint prog = glCreateProgram(), sh[2] = { glCreateShader(GL_VERTEX_SHADER),
                                               glCreateShader(GL_FRAGMENT_SHADER) };
    glShaderSource(sh[0], 1, &vs, NULL);
    glShaderSource(sh[1], 1, &fs, NULL);
    for (int i = 0; i < 2; i++) {
        glCompileShader(sh[i]);
        glAttachShader(prog, sh[i]);
    }
    glTransformFeedbackVaryings(prog, 4, names, GL_INTERLEAVED_ATTRIBS);
    glLinkProgram(prog);
    GLint ok = 0;
    glGetProgramiv(prog, GL_LINK_STATUS, &ok);
    glDeleteShader(sh[0]);
    glDeleteShader(sh[1]);
    glDeleteProgram(prog);
    while (glGetError() != GL_NO_ERROR)
        ;
    return ok != 0;
}

void caps_gles_probe(struct vrend_renderer *r)
{
    if (links_tf3_names())
        r->host_features |= T2G_HOST_TRANSFORM_FEEDBACK3;
    r->gles_depth_clamp = epoxy_has_gl_extension("GL_EXT_depth_clamp");
    r->gles_clip_control = epoxy_has_gl_extension("GL_EXT_clip_control");
    r->gles_offset_clamp = epoxy_has_gl_extension("GL_EXT_polygon_offset_clamp");
    r->gles_srgb_write_control = epoxy_has_gl_extension("GL_EXT_sRGB_write_control");
    formats_gles_probe(r);
}

static bool has(const char *ext) { return epoxy_has_gl_extension(ext); }

void caps_gles_fixup(struct vrend_renderer *r, struct virgl_caps_v2 *c, bool v2)
{
    struct virgl_caps_v1 *c1 = &c->v1;
    /* GLES has no form of these at all. */
    static const int never[] = {
        BSET_SHADER_STENCIL_EXPORT, BSET_DERIVATIVE_CONTROL,
        BSET_TRANSFORM_FEEDBACK_OVERFLOW_QUERY, BSET_MIRROR_CLAMP,
        BSET_COLOR_CLAMPING, BSET_SEAMLESS_CUBE_MAP_PER_TEXTURE,
    };
    for (unsigned i = 0; i < sizeof never / sizeof never[0]; i++)
        c1->bset &= ~(1u << never[i]);
    /* These exist as GLES extensions: offered exactly when the host has them.  (The guest
     * needs depth clamp for GL 3.2 and LOD queries for 4.0; the ESSL backend does not
     * spell cull distances yet, so shaders using them are refused.)  LOD queries are
     * computed in the shader (lower_query_lod), with or without the extension. */
    struct { int bit; bool ok; } ext_bits[] = {
        { BSET_DEPTH_CLIP_DISABLE, r->gles_depth_clamp },
        { BSET_POLYGON_OFFSET_CLAMP, r->gles_offset_clamp },
        { BSET_TEXTURE_QUERY_LOD, true },
        { BSET_HAS_CULL, has("GL_EXT_clip_cull_distance") },
        { BSET_CONDITIONAL_RENDER, has("GL_NV_conditional_render") },
        /* Inverted conditions test the query's result on the CPU (framebuffer.c). */
        { BSET_CONDITIONAL_RENDER_INVERTED, has("GL_NV_conditional_render") },
        { BSET_START_INSTANCE, has("GL_EXT_base_instance") },
        { BSET_TIMER_QUERY, has("GL_EXT_disjoint_timer_query") },
        { BSET_CUBE_MAP_ARRAY, r->gl_version >= 32 || has("GL_EXT_texture_cube_map_array") },
        /* Exact doubles in GLSL ES 3.10's integer functions (the compiler's soft-fp64) */
        { BSET_HAS_FP64, r->gl_version >= 31 },
    };
    for (unsigned i = 0; i < sizeof ext_bits / sizeof ext_bits[0]; i++) {
        if (ext_bits[i].ok)
            c1->bset |= 1u << ext_bits[i].bit;
        else
            c1->bset &= ~(1u << ext_bits[i].bit);
    }
    if (!v2)
        return;
    uint32_t drop = VIRGL_CAP_TEXTURE_BARRIER | VIRGL_CAP_TRANSFORM_FEEDBACK3 |
                    VIRGL_CAP_SHADER_CLOCK;
    /* Indirect draws (their counts read back, draw.c) and multisample textures (whose
     * textureSamples() the key gives, key.sampler_samples) are GLES 3.1's. */
    if (r->gl_version < 31)
        drop |= VIRGL_CAP_INDIRECT_PARAMS | VIRGL_CAP_TXQS;
    /* glMinSampleShading is GLES 3.2's (framebuffer.c applies it there). */
    if (r->gl_version < 32)
        drop |= VIRGL_CAP_SET_MIN_SAMPLES;
    if (!has("GL_EXT_texture_view") && !has("GL_OES_texture_view"))
        drop |= VIRGL_CAP_TEXTURE_VIEW;
    if (r->gl_version < 32 && !has("GL_EXT_copy_image") && !has("GL_OES_copy_image"))
        drop |= VIRGL_CAP_COPY_IMAGE;
    if (!r->gles_srgb_write_control)
        drop |= VIRGL_CAP_SRGB_WRITE_CONTROL;
    if (!r->gles_clip_control)
        drop |= VIRGL_CAP_CLIP_HALFZ;
    if (!has("GL_EXT_clear_texture"))
        drop |= VIRGL_CAP_CLEAR_TEXTURE;
    if (!has("GL_KHR_robust_buffer_access_behavior"))
        drop |= VIRGL_CAP_ROBUST_BUFFER_ACCESS;
    c->capability_bits &= ~drop;
    /* Mesa's virgl driver drops every double instruction from the shaders it sends a host
     * that says it is GLES (virgl_tgsi.c: fake_fp64 = HOST_IS_GLES, whatever has_fp64
     * says), so doubles would read 0.  Where the compiler's soft-fp64 gives exact doubles
     * (ES 3.1) the bit is withheld.  The guest's other uses of it: mirror clamp (withheld
     * above), read-back from non-renderable formats (the list below has only renderable
     * ones), and lowering offsets of 2D array shadow lookups (without it such a lookup
     * reaches the compiler, which remaps or refuses it).  The GLES piglit list passes the
     * same either way. */
    if (r->gl_version < 31)
        c->capability_bits |= VIRGL_CAP_HOST_IS_GLES;
    /* GLES reads back only what a framebuffer can hold, and compressed textures from the
     * copy of the guest's uploads (gles_textures.c): the guest must not ask for more.  Mesa
     * 22.3's guest crashes converting a compressed format it may not read back. */
    memset(&c->supported_readback_formats, 0, sizeof c->supported_readback_formats);
    for (unsigned f = 1; f < VIRGL_FORMAT_TABLE_MAX; f++) {
        const struct vformat *vf = vformat_get(f);
        bool compressed = vf && (vf->flags & FMT_COMPRESSED) && (r->fmt_caps[f] & FMT_SAMPLE);
        if ((r->fmt_caps[f] & (FMT_RENDER | FMT_DEPTH)) || compressed)
            c->supported_readback_formats.bitmask[f / 32] |= 1u << (f % 32);
    }
    c->max_image_samples = 0;
}
