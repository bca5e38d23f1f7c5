/* gles_blit.c: the blits GLES's glBlitFramebuffer refuses (colour into a multisample target,
 * from a multisample source whose rectangle or format differs; depth between different
 * depth formats), done as a textured quad: the source layer is first copied (resolved) into
 * a single-sample 2D texture of its own format, which GLES allows, then drawn into the
 * target rectangle (depth written as gl_FragDepth; stencil cannot be, and is left).
 * Blits from a compressed texture (Mesa blits from one to generate its mipmaps on the CPU)
 * are drawn too, since glBlitFramebuffer cannot read one: desktop reads the level back
 * decompressed, GLES samples a 2D source directly. */
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_blit.h"

enum { KIND_FLOAT, KIND_INT, KIND_UINT, KIND_DEPTH, KIND_DEPTH_LINEAR, KINDS };

struct gles_blitter {
    GLuint prog[KINDS], vao;
    GLint rect_loc[KINDS];
    GLuint es2_prog, es2_vbo;   /* ES 2.0 hosts (es2_blit_draw): built instead of the above */
    GLint es2_rect_loc;
    GLuint es2_depth_prog;      /* es2_blit_depth_draw, built on first use */
    GLint es2_depth_rect_loc;
};

static const char *const vs_src =
    "#version 300 es\n"
    "uniform vec4 rect;\n"   /* source texcoords: x0, y0, x1, y1 */
    "out vec2 uv;\n"
    "void main() {\n"
    "    vec2 c = vec2(gl_VertexID & 1, gl_VertexID >> 1);\n"
    "    uv = mix(rect.xy, rect.zw, c);\n"
    "    gl_Position = vec4(c * 2.0 - 1.0, 0.0, 1.0);\n"
    "}\n";

/* Integer textures cannot be filtered: they are fetched at the nearest texel. */
static const char *const fs_src[KINDS] = {
    "#version 300 es\nprecision highp float;\nuniform highp sampler2D t;\nin vec2 uv;\n"
    "out vec4 o;\nvoid main() { o = texture(t, uv); }\n",
    "#version 300 es\nprecision highp float;\nuniform highp isampler2D t;\nin vec2 uv;\n"
    "out ivec4 o;\nvoid main() { o = texelFetch(t, ivec2(uv * vec2(textureSize(t, 0))), 0); }\n",
    "#version 300 es\nprecision highp float;\nuniform highp usampler2D t;\nin vec2 uv;\n"
    "out uvec4 o;\nvoid main() { o = texelFetch(t, ivec2(uv * vec2(textureSize(t, 0))), 0); }\n",
    "#version 300 es\nprecision highp float;\nuniform highp sampler2D t;\nin vec2 uv;\n"
    "void main() { gl_FragDepth = texture(t, uv).r; }\n",
    /* GL filters a linear depth blit (Mesa generates depth mipmaps so); depth textures
     * are not filterable on GLES, so the four nearest texels are weighed here. */
    "#version 300 es\nprecision highp float;\nuniform highp sampler2D t;\nin vec2 uv;\n"
    "float at(ivec2 p) { return texelFetch(t, clamp(p, ivec2(0), textureSize(t, 0) - 1), 0).r; }\n"
    "void main() {\n"
    "    vec2 p = uv * vec2(textureSize(t, 0)) - 0.5;\n"
    "    ivec2 i = ivec2(floor(p));\n"
    "    vec2 f = p - floor(p);\n"
    "    gl_FragDepth = mix(mix(at(i), at(i + ivec2(1, 0)), f.x),\n"
    "                       mix(at(i + ivec2(0, 1)), at(i + ivec2(1, 1)), f.x), f.y);\n"
    "}\n",
};

static GLuint compile(GLenum stage, const char *src)
{
    GLuint s = glCreateShader(stage);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    return s;
}

static bool build(struct gles_blitter *b)
{
    GLuint vs = compile(GL_VERTEX_SHADER, vs_src);
    bool ok = true;
    for (int k = 0; k < KINDS; k++) {
        GLuint fs = compile(GL_FRAGMENT_SHADER, fs_src[k]);
        GLuint p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        glDeleteShader(fs);
        GLint linked = 0;
        glGetProgramiv(p, GL_LINK_STATUS, &linked);
        ok &= linked != 0;
        b->prog[k] = p;
        b->rect_loc[k] = glGetUniformLocation(p, "rect");
    }
    glDeleteShader(vs);
    glGenVertexArrays(1, &b->vao);
    return ok;
}

void gles_blitter_free(struct gles_blitter *b)
{
    if (!b)
        return;
    for (int k = 0; k < KINDS; k++)
        glDeleteProgram(b->prog[k]);
    glDeleteVertexArrays(1, &b->vao);
    glDeleteProgram(b->es2_prog);
    glDeleteProgram(b->es2_depth_prog);
    glDeleteBuffers(1, &b->es2_vbo);
    free(b);
}

static bool unreadable(const struct vrend_renderer *rr, const struct vres *src);

bool gles_blit_needs_draw(const struct vrend_renderer *rr, const struct vres *src,
                          const struct vres *dst, GLbitfield bits, const int32_t s[4],
                          const int32_t d[4])
{
    /* GLES resolves a multisampled source only into the very same rectangle and format. */
    bool moved_resolve = src->d.nr_samples > 1 &&
                         (s[0] != d[0] || s[1] != d[1] || s[2] != d[2] || s[3] != d[3] ||
                          src->fmt->internal != dst->fmt->internal);
    /* A depth copy from a window with a multisample visual (Mesa reads it bottom-up: a
     * mirrored rectangle) is drawn too; its stencil cannot be. */
    if ((bits & GL_DEPTH_BUFFER_BIT) &&
        (src->fmt->internal != dst->fmt->internal || moved_resolve))
        return true;
    if (bits != GL_COLOR_BUFFER_BIT)
        return false;
    if (unreadable(rr, src) && !(dst->fmt->flags & FMT_COMPRESSED))
        return true;
    if (dst->d.nr_samples > 1)
        return true;
    return moved_resolve;
}

GLuint single_sample_copy(struct vrend_renderer *rr, struct vres *src, uint32_t level,
                          uint32_t layer, uint32_t w, uint32_t h, GLenum point)
{
    GLbitfield bit = point == GL_COLOR_ATTACHMENT0 ? GL_COLOR_BUFFER_BIT : GL_DEPTH_BUFFER_BIT;
    GLuint tex, rf, df;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexStorage2D(GL_TEXTURE_2D, 1, src->fmt->internal, w, h);
    glGenFramebuffers(1, &rf);
    glGenFramebuffers(1, &df);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, rf);
    if (src->target == GL_TEXTURE_2D || src->target == GL_TEXTURE_2D_MULTISAMPLE)
        glFramebufferTexture2D(GL_READ_FRAMEBUFFER, point, src->target, src->id, level);
    else if (src->target == GL_TEXTURE_CUBE_MAP)
        glFramebufferTexture2D(GL_READ_FRAMEBUFFER, point, GL_TEXTURE_CUBE_MAP_POSITIVE_X + layer,
                               src->id, level);
    else
        glFramebufferTextureLayer(GL_READ_FRAMEBUFFER, point, src->id, level, layer);
    glReadBuffer(bit == GL_COLOR_BUFFER_BIT ? point : GL_NONE);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, df);
    glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, point, GL_TEXTURE_2D, tex, 0);
    glDrawBuffers(1, (GLenum[]){ bit == GL_COLOR_BUFFER_BIT ? point : GL_NONE });
    /* The whole level is resolved: a blit's scissor rectangle is the guest's destination's,
     * and applies where the copy is drawn, not here. */
    GLboolean scissor = glIsEnabled(GL_SCISSOR_TEST);
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, bit, GL_NEAREST);
    if (scissor)
        glEnable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &rf);
    glDeleteFramebuffers(1, &df);
    (void)rr;
    return tex;
}

/* GLES cannot read a compressed texture back, nor attach one whose format it cannot render
 * to (RGB integer formats: Mesa reads those back by blitting into a renderable format), but
 * can sample either: a 2D one is drawn from directly, its level chosen by the base/max
 * levels, which are put back afterwards with the other parameters the blit sets. */
static bool unreadable(const struct vrend_renderer *rr, const struct vres *src)
{
    uint16_t caps = rr->fmt_caps[src->fmt->virgl];
    bool colour = !(src->fmt->flags & (FMT_DEPTH | FMT_HAS_DEPTH | FMT_STENCIL));
    bool unattachable = (src->fmt->flags & FMT_COMPRESSED) ||
                        (colour && (caps & FMT_SAMPLE) && !(caps & FMT_RENDER));
    return rr->gles && unattachable && src->d.nr_samples <= 1;
}

static bool samples_source(const struct vrend_renderer *rr, const struct vres *src)
{
    return unreadable(rr, src) && src->target == GL_TEXTURE_2D;
}

/* A layer (or cube face, or 3D slice) of such a texture that is not 2D is copied first, as
 * it is stored, into a 2D texture of its format: image copies take compressed and
 * unrenderable formats. */
static GLuint layer_copy(const struct vres *src, uint32_t level, uint32_t layer, uint32_t w,
                         uint32_t h)
{
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexStorage2D(GL_TEXTURE_2D, 1, src->fmt->internal, w, h);
    glCopyImageSubData(src->id, src->target, level, 0, 0, layer, tex, GL_TEXTURE_2D, 0, 0, 0, 0,
                       w, h, 1);
    return tex;
}

static const GLenum saved_params[] = { GL_TEXTURE_BASE_LEVEL, GL_TEXTURE_MAX_LEVEL,
                                       GL_TEXTURE_MIN_FILTER, GL_TEXTURE_MAG_FILTER,
                                       GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T };
enum { SAVED_PARAMS = sizeof saved_params / sizeof saved_params[0] };

bool blit_needs_draw_desktop(const struct vres *src, const struct vres *dst, GLbitfield bits)
{
    return bits == GL_COLOR_BUFFER_BIT && (src->fmt->flags & FMT_COMPRESSED) &&
           !(dst->fmt->flags & FMT_COMPRESSED) && src->d.nr_samples <= 1;
}

/* Desktop only (glGetTexImage): layer `layer` of a compressed level, decompressed by the
 * host into a float texture (sRGB stays encoded, so sampling decodes as the blit would). */
static GLuint decompressed_copy(struct vres *src, uint32_t level, uint32_t layer, uint32_t w,
                                uint32_t h)
{
    size_t size = (size_t)w * h * 4 * sizeof(float);
    float *px = malloc(size);
    if (!px)
        return 0;
    bool layered = src->target != GL_TEXTURE_2D && src->target != GL_TEXTURE_RECTANGLE &&
                   src->target != GL_TEXTURE_1D;
    glGetTextureSubImage(src->id, level, 0, 0, layered ? layer : 0, w, h, 1, GL_RGBA, GL_FLOAT,
                         size, px);
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexStorage2D(GL_TEXTURE_2D, 1, src->fmt->flags & FMT_SRGB ? GL_SRGB8_ALPHA8 : GL_RGBA32F,
                   w, h);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_FLOAT, px);
    free(px);
    return tex;
}

/* The texture swizzle that makes a sample of format `from`'s storage the storage of `to`:
 * stored channel j of `to` holds the component that `from` keeps where its swizzle says
 * (a channel `to` does not store reads 0, alpha 1). */
static void conversion_swizzle(const struct vformat *from, const struct vformat *to, GLint sw[4])
{
    static const GLint gl[] = { GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA };
    for (int j = 0; j < 4; j++) {
        int i = 0;
        while (i < 4 && to->swizzle[i] != "rgba"[j])
            i++;
        char c = i < 4 ? from->swizzle[i] : j == 3 ? '1' : '0';
        const char *at = strchr("rgba", c);
        sw[j] = c && at ? gl[at - "rgba"] : c == '1' ? GL_ONE : GL_ZERO;
    }
}

/* A blit's quad: it covers the target rectangle d (the viewport x, y, w, h), and samples
 * source rectangle s of a w x h level as texcoords tc (x0, y0, x1, y1); reversed
 * rectangles mirror the texcoords. */
struct quad {
    int32_t x, y, w, h;
    float tc[4];
};

static struct quad quad_for(const int32_t s[4], const int32_t d[4], uint32_t w, uint32_t h)
{
    struct quad q;
    q.x = d[0] < d[2] ? d[0] : d[2];
    q.y = d[1] < d[3] ? d[1] : d[3];
    q.w = (d[0] < d[2] ? d[2] : d[0]) - q.x;
    q.h = (d[1] < d[3] ? d[3] : d[1]) - q.y;
    bool mx = d[0] > d[2], my = d[1] > d[3];
    q.tc[0] = (float)s[mx ? 2 : 0] / w;
    q.tc[2] = (float)s[mx ? 0 : 2] / w;
    q.tc[1] = (float)s[my ? 3 : 1] / h;
    q.tc[3] = (float)s[my ? 1 : 3] / h;
    return q;
}

bool gles_blit_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level, uint32_t layer,
                    GLuint dst_fbo, const int32_t s[4], const int32_t d[4], GLbitfield bits,
                    GLenum filter, const struct vformat *from, const struct vformat *to)
{
    if (!rr->blitter) {
        rr->blitter = calloc(1, sizeof *rr->blitter);
        if (!rr->blitter || !build(rr->blitter)) {
            vlog(rr, VREND_LOG_WARN, "GLES blitter: programs do not build");
            return false;
        }
    }
    struct gles_blitter *b = rr->blitter;
    uint32_t w = vres_level_width(src, level), h = vres_level_height(src, level);
    bool depth = bits & GL_DEPTH_BUFFER_BIT;
    int kind = depth ? (filter == GL_LINEAR ? KIND_DEPTH_LINEAR : KIND_DEPTH)
               : src->fmt->flags & FMT_UINT ? KIND_UINT
               : src->fmt->flags & FMT_INT ? KIND_INT : KIND_FLOAT;
    bool direct = samples_source(rr, src);
    GLint saved[SAVED_PARAMS];
    GLuint tex;
    if (direct) {
        tex = src->id;
        glBindTexture(GL_TEXTURE_2D, tex);
        for (int i = 0; i < SAVED_PARAMS; i++)
            glGetTexParameteriv(GL_TEXTURE_2D, saved_params[i], &saved[i]);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, (GLint)level);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, (GLint)level);
    } else if (unreadable(rr, src)) {
        tex = layer_copy(src, level, layer, w, h);
    } else {
        tex = !rr->gles && (src->fmt->flags & FMT_COMPRESSED)
                  ? decompressed_copy(src, level, layer, w, h)
                  : single_sample_copy(rr, src, level, layer, w, h,
                                       depth ? GL_DEPTH_ATTACHMENT : GL_COLOR_ATTACHMENT0);
    }
    if (!tex)
        return false;
    if (kind != KIND_FLOAT)
        filter = GL_NEAREST;   /* integer and depth textures are not filterable */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    /* A blit with sRGB conversion off copies the stored values; sampling would decode.
     * Desktop hosts draw this way from compressed sRGB sources (Mesa reads them back by
     * blitting through their linear format). */
    bool skip_decode = (src->fmt->flags & FMT_SRGB) &&
                       (!rr->gles || epoxy_has_gl_extension("GL_EXT_sRGB_write_control")) &&
                       epoxy_has_gl_extension("GL_EXT_texture_sRGB_decode") &&
                       !glIsEnabled(GL_FRAMEBUFFER_SRGB);
    if (skip_decode)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SRGB_DECODE_EXT, GL_SKIP_DECODE_EXT);
    static const GLenum swizzle_names[4] = { GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G,
                                             GL_TEXTURE_SWIZZLE_B, GL_TEXTURE_SWIZZLE_A };
    GLint sw[4] = { GL_RED, GL_GREEN, GL_BLUE, GL_ALPHA };
    if (!depth && from && to)
        conversion_swizzle(from, to, sw);
    for (int i = 0; i < 4; i++)
        glTexParameteri(GL_TEXTURE_2D, swizzle_names[i], sw[i]);

    struct quad q = quad_for(s, d, w, h);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, dst_fbo);
    glViewport(q.x, q.y, q.w, q.h);
    glDisable(GL_BLEND);
    if (depth) {
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_ALWAYS);
        glDepthMask(GL_TRUE);
    } else {
        glDisable(GL_DEPTH_TEST);
    }
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SAMPLE_MASK);
    glDisable(GL_SAMPLE_ALPHA_TO_COVERAGE);
    if (!rr->gles) {
        /* Guest state GLES does not have, left as the last draw set it. */
        glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
        for (int i = 0; i < 8; i++)
            glDisable(GL_CLIP_DISTANCE0 + i);
    }
    glUseProgram(b->prog[kind]);
    glUniform4f(b->rect_loc[kind], q.tc[0], q.tc[1], q.tc[2], q.tc[3]);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, tex);
    glBindSampler(0, 0);
    glBindVertexArray(b->vao);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    if (direct) {
        for (int i = 0; i < SAVED_PARAMS; i++)
            glTexParameteri(GL_TEXTURE_2D, saved_params[i], saved[i]);
        /* The resource's own texture keeps the identity (views carry the guest's). */
        for (int i = 0; i < 4; i++)
            glTexParameteri(GL_TEXTURE_2D, swizzle_names[i], GL_RED + i);
        if (skip_decode)
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SRGB_DECODE_EXT, GL_DECODE_EXT);
    } else {
        glDeleteTextures(1, &tex);
    }
    return true;
}

/* ---------------------------------------------------------------- ES 2.0 hosts */

/* ES 2.0 has no glBlitFramebuffer, no base level to sample one level by, and no
 * gl_VertexID: the quad's corners come from a buffer, and the source level is first copied
 * whole (glCopyTexImage2D from the framebuffer that holds it) into a 2D texture of its own,
 * which also keeps a blit between two levels of one texture (mipmap generation) free of
 * feedback. */
static const char *const es2_vs_src =
    "#version 100\n"
    "attribute vec2 c;\n"
    "uniform vec4 rect;\n"
    "varying vec2 uv;\n"
    "void main() {\n"
    "    uv = mix(rect.xy, rect.zw, c);\n"
    "    gl_Position = vec4(c * 2.0 - 1.0, 0.0, 1.0);\n"
    "}\n";
static const char *const es2_fs_src =
    "#version 100\n"
    "#ifdef GL_FRAGMENT_PRECISION_HIGH\nprecision highp float;\n"
    "#else\nprecision mediump float;\n#endif\n"
    "uniform sampler2D t;\n"
    "varying vec2 uv;\n"
    "void main() { gl_FragColor = texture2D(t, uv); }\n";

/* Depth: the source texture sampled as a plain texture (GL_OES_depth_texture gives the
 * depth in red) and written as the fragment's depth (GL_EXT_frag_depth). */
static const char *const es2_depth_fs_src =
    "#version 100\n"
    "#extension GL_EXT_frag_depth : require\n"
    "#ifdef GL_FRAGMENT_PRECISION_HIGH\nprecision highp float;\n"
    "#else\nprecision mediump float;\n#endif\n"
    "uniform sampler2D t;\n"
    "varying vec2 uv;\n"
    "void main() { gl_FragDepthEXT = texture2D(t, uv).x; }\n";

static GLuint es2_link(struct vrend_renderer *rr, const char *fs_src, GLint *rect_loc)
{
    GLuint vs = compile(GL_VERTEX_SHADER, es2_vs_src), fs = compile(GL_FRAGMENT_SHADER, fs_src);
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glBindAttribLocation(p, 0, "c");
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint linked = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &linked);
    if (!linked) {
        vlog(rr, VREND_LOG_WARN, "ES 2.0 blitter: a program does not link");
        glDeleteProgram(p);
        return 0;
    }
    *rect_loc = glGetUniformLocation(p, "rect");
    glUseProgram(p);
    glUniform1i(glGetUniformLocation(p, "t"), 0);
    return p;
}

static bool es2_build(struct vrend_renderer *rr, struct gles_blitter *b)
{
    b->es2_prog = es2_link(rr, es2_fs_src, &b->es2_rect_loc);
    static const GLfloat corners[8] = { 0, 0, 1, 0, 0, 1, 1, 1 };
    glGenBuffers(1, &b->es2_vbo);
    glBindBuffer(GL_ARRAY_BUFFER, b->es2_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    return b->es2_prog != 0;
}

/* Draws the blit quad q with prog into dst_fbo: colour with the fixed functions off, or
 * (depth) only the depth its fragments write. */
static void es2_draw_quad(struct vrend_renderer *rr, GLuint prog, GLint rect_loc,
                          GLuint dst_fbo, struct quad q, bool depth)
{
    glBindFramebuffer(GL_FRAMEBUFFER, dst_fbo);
    glViewport(q.x, q.y, q.w, q.h);
    glDisable(GL_BLEND);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SAMPLE_ALPHA_TO_COVERAGE);
    if (depth) {
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_ALWAYS);
        glDepthMask(GL_TRUE);
        glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
    } else {
        glDisable(GL_DEPTH_TEST);
    }
    glUseProgram(prog);
    glUniform4f(rect_loc, q.tc[0], q.tc[1], q.tc[2], q.tc[3]);
    /* The core specifies every attribute again before each draw on ES 2.0 (draw.c). */
    if (rr->es2x.vao)
        glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, rr->blitter->es2_vbo);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, NULL);
    glEnableVertexAttribArray(0);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glDisableVertexAttribArray(0);
    if (depth)
        glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

bool es2_blit_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level, GLuint src_fbo,
                   GLuint dst_fbo, const int32_t s[4], const int32_t d[4], GLenum filter)
{
    if (!rr->blitter) {
        rr->blitter = calloc(1, sizeof *rr->blitter);
        if (!rr->blitter || !es2_build(rr, rr->blitter))
            return false;
    }
    struct gles_blitter *b = rr->blitter;
    uint32_t w = vres_level_width(src, level), h = vres_level_height(src, level);
    GLuint tex;
    glGenTextures(1, &tex);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, tex);
    glBindFramebuffer(GL_FRAMEBUFFER, src_fbo);
    /* The framebuffer's channels as the source format has them: RGB reads alpha as one. */
    GLenum fmt = src->fmt->format == GL_RGB ? GL_RGB : GL_RGBA;
    glCopyTexImage2D(GL_TEXTURE_2D, 0, fmt, 0, 0, (GLsizei)w, (GLsizei)h, 0);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    es2_draw_quad(rr, b->es2_prog, b->es2_rect_loc, dst_fbo, quad_for(s, d, w, h), false);
    glDeleteTextures(1, &tex);
    return true;
}

bool es2_blit_depth_draw(struct vrend_renderer *rr, struct vres *src, uint32_t level,
                         GLuint dst_fbo, const int32_t s[4], const int32_t d[4])
{
    /* Without a base level only a texture's first level can be sampled alone. */
    if (src->target != GL_TEXTURE_2D || level != 0 || !(rr->host_features & T2G_HOST_FRAG_DEPTH))
        return false;
    if (!rr->blitter) {
        rr->blitter = calloc(1, sizeof *rr->blitter);
        if (!rr->blitter || !es2_build(rr, rr->blitter))
            return false;
    }
    struct gles_blitter *b = rr->blitter;
    if (!b->es2_depth_prog)
        b->es2_depth_prog = es2_link(rr, es2_depth_fs_src, &b->es2_depth_rect_loc);
    if (!b->es2_depth_prog)
        return false;
    uint32_t w = vres_level_width(src, level), h = vres_level_height(src, level);
    /* The guest's sampler state lives on the texture (ES 2.0 has no sampler objects): read
     * level 0 unfiltered, then put it back. */
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, src->id);
    GLint minf = GL_NEAREST, magf = GL_NEAREST, cmp = GL_NONE;
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, &minf);
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, &magf);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    bool shadow = rr->host_features & T2G_HOST_SHADOW_SAMPLERS;
    if (shadow) {
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, &cmp);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_NONE);
    }

    es2_draw_quad(rr, b->es2_depth_prog, b->es2_depth_rect_loc, dst_fbo, quad_for(s, d, w, h),
                  true);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, minf);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, magf);
    if (shadow)
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, cmp);
    return true;
}
