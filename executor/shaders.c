/* shaders.c: shader objects (TGSI text, possibly in pieces), per-key variants compiled
 * through t2g_compile, linked programs cached by their variants, and resource binding
 * driven by the compiler's reflection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gl_compat.h"
#include "gles_draw.h"
#include "vrend_priv.h"

static const char *stage_names[SHADER_TYPES] = { "VS", "FS", "GS", "TCS", "TES", "CS" };
static const GLenum gl_stage[SHADER_TYPES] = { GL_VERTEX_SHADER, GL_FRAGMENT_SHADER,
                                               GL_GEOMETRY_SHADER, GL_TESS_CONTROL_SHADER,
                                               GL_TESS_EVALUATION_SHADER, GL_COMPUTE_SHADER };

static void key_base(struct vrend_renderer *r, struct t2g_key *k, uint32_t stage)
{
    memset(k, 0, sizeof *k);
    t2g_key_init(k, r->target);
    k->host_features = r->host_features;
    uint32_t slot = stage == SHADER_COMPUTE ? 0 : stage;
    k->ubo_binding_base = slot * r->ubos_per_stage;
    k->sampler_binding_base = slot * r->samplers_per_stage;
    k->image_binding_base = slot * r->images_per_stage;
    k->ssbo_binding_base = slot * r->ssbos_per_stage;
    k->atomic_binding_base = (uint32_t)r->lim.max_ssbo_bindings > ATOMIC_SSBO_BINDINGS
                                 ? (uint32_t)r->lim.max_ssbo_bindings - ATOMIC_SSBO_BINDINGS : 0;
    k->driver_ubo_binding = r->driver_ubo_binding;
    k->max_ubos = r->ubos_per_stage;
    k->max_samplers = r->samplers_per_stage;
    k->max_images = r->images_per_stage;
    k->max_ssbos = r->ssbos_per_stage;
    k->max_clip_distances = r->lim.max_clip_distances;
    k->min_texel_offset = r->lim.min_texel_off;
    k->max_texel_offset = r->lim.max_texel_off;
    /* GLES samplers have no LOD bias and GLSL ES no textureQueryLod(): the shader applies
     * and computes them from the driver uniforms (fill_driver_uniforms), so one variant
     * serves every bias. */
    k->sampler_lod_in_shader = r->gles;
    k->sampler_lod_from_driver = r->gles;
    /* The guest's window coordinates count rows from the first row in memory, as the host's
     * gl_FragCoord does; gallium's LOWER_LEFT origin is the one that needs y' = h - y. */
    k->fragcoord_y_flip = true;
    /* Without shadow samplers every depth comparison is made in the shader; sampler_keys
     * puts each bound sampler's compare function in. */
    if (r->compare_in_shader)
        memset(k->sampler_compare, T2G_SAMPLER_COMPARE_OFF, sizeof k->sampler_compare);
}

static void shader_finish(struct vrend_context *ctx, struct shader_obj *sh)
{
    sh->complete = true;
    sh->text[sh->text_len] = 0;
    sh->text_len = strlen(sh->text);
    struct t2g_key k;
    key_base(ctx->r, &k, sh->type);
    /* This compile only gives the I/O reflection; images bound at draw time supply their
     * real formats to the variants, so any format lets a store-only image (no format in
     * TGSI, which GLSL ES cannot declare) through here. */
    memset(k.image_format, T2G_IMAGE_FORMAT_R32UI, sizeof k.image_format);
    /* GLSL ES has no textureQueryLevels(): draws give the bound views' level counts; any
     * count lets such a shader through here, and the reflection names the samplers.
     * textureSamples() gives the guest's sample count on every host: a host may make more
     * samples than asked for (llvmpipe makes 4 of 2), and GLSL ES has no such query. */
    if (ctx->r->gles)
        memset(k.sampler_levels, 1, sizeof k.sampler_levels);
    memset(k.sampler_samples, 1, sizeof k.sampler_samples);
    struct t2g_result *res = t2g_compile(sh->text, sh->text_len, &k, 0, stage_names[sh->type]);
    if (!res)
        return;
    if (res->ok) {
        sh->base = malloc(sizeof *sh->base);
        if (sh->base)
            *sh->base = res->reflection;
        sh->base_ok = sh->base != NULL;
    } else {
        vlog(ctx->r, VREND_LOG_WARN, "context %s: %s shader does not compile; draws using it "
             "are skipped:\n%s", ctx->name, stage_names[sh->type], res->diagnostics);
    }
    t2g_result_free(res);
}

/* Copies a packet's piece of the text to offset; the text's declared length bounds it. */
static bool shader_add_text(struct vrend_context *ctx, struct shader_obj *sh,
                            const struct create_shader *c, uint32_t offset)
{
    uint64_t bytes = c->text_bytes;
    if (offset > sh->text_len)
        return ctx_err(ctx, "shader: continuation offset %u beyond length %u", offset,
                       sh->text_len);
    if (bytes > sh->text_len - offset)
        bytes = sh->text_len - offset;
    memcpy(sh->text + offset, c->text, bytes);
    sh->filled = offset + bytes;
    if (sh->filled >= sh->text_len)
        shader_finish(ctx, sh);
    return true;
}

struct shader_obj *shader_create(struct vrend_context *ctx, const struct create_shader *c)
{
    struct shader_obj *sh = calloc(1, sizeof(*sh));
    if (!sh)
        return NULL;
    sh->refs = 1;
    sh->type = c->type;
    sh->so_num = c->so_num;
    memcpy(sh->so_stride, c->so_stride, sizeof sh->so_stride);
    memcpy(sh->so, c->so, c->so_num * sizeof *sh->so);
    sh->text_len = c->total;
    sh->text = calloc(1, (size_t)c->total + 1);
    if (!sh->text || !shader_add_text(ctx, sh, c, 0)) {
        shader_unref(sh);
        return NULL;
    }
    return sh;
}

struct shader_obj *shader_from_text(struct vrend_context *ctx, uint32_t type, char *text)
{
    struct shader_obj *sh = calloc(1, sizeof(*sh));
    if (!sh) {
        free(text);
        return NULL;
    }
    sh->refs = 1;
    sh->type = type;
    sh->text = text;
    sh->text_len = (uint32_t)strlen(text);
    shader_finish(ctx, sh);
    return sh;
}

/* GLES links no program with a tessellation evaluation shader but no control shader (GL
 * hands the patch straight to the TES), so such draws get a control shader, written as
 * TGSI: each invocation copies its vertex's VS outputs, and the levels are the guest's
 * defaults (SET_TESS_STATE).  Remade when the patch size, the levels or the VS change. */
static struct shader_obj *passthrough_tcs(struct vrend_context *ctx, const struct shader_obj *vs)
{
    struct sub_ctx *s = ctx->sub;
    const struct t2g_reflection *r = vs->base;
    size_t cap = 1024 + (size_t)r->num_outputs * 96;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n = 0;
#define PUT(...) (n += (size_t)snprintf(text + n, n < cap ? cap - n : 0, __VA_ARGS__))
    uint32_t verts = s->patch_vertices ? s->patch_vertices : 3;
    PUT("TESS_CTRL\nPROPERTY TCS_VERTICES_OUT %u\n", verts > 32 ? 32 : verts);
    uint32_t k = 0;
    for (uint32_t i = 0; i < r->num_outputs; i++) {
        const struct t2g_io *o = &r->outputs[i];
        /* Varyings a TES can read as user inputs or gl_Position; the others (point size,
         * clip distances, layer) need extensions on GLES and are left out. */
        if (o->semantic != T2G_SEMANTIC_POSITION && o->semantic != T2G_SEMANTIC_COLOR &&
            o->semantic != T2G_SEMANTIC_BCOLOR && o->semantic != T2G_SEMANTIC_FOG &&
            o->semantic != T2G_SEMANTIC_GENERIC && o->semantic != T2G_SEMANTIC_TEXCOORD &&
            o->semantic != T2G_SEMANTIC_CLIPVERTEX)
            continue;
        PUT("DCL IN[][%u], %s[%u]\nDCL OUT[][%u], %s[%u]\n", k,
            t2g_semantic_name(o->semantic), o->semantic_index, k,
            t2g_semantic_name(o->semantic), o->semantic_index);
        k++;
    }
    uint32_t w[6];
    memcpy(w, s->tess_outer, 16);
    memcpy(w + 4, s->tess_inner, 8);
    PUT("DCL SV[0], INVOCATIONID\nDCL OUT[%u], TESSOUTER\nDCL OUT[%u].xy, TESSINNER\n"
        "DCL ADDR[0]\nIMM[0] UINT32 {%u, %u, %u, %u}\nIMM[1] UINT32 {%u, %u, 0, 0}\n"
        "  0: UARL ADDR[0].x, SV[0].xxxx\n", k, k + 1, w[0], w[1], w[2], w[3], w[4], w[5]);
    for (uint32_t i = 0; i < k; i++)
        PUT("  %u: MOV OUT[ADDR[0].x][%u], IN[ADDR[0].x][%u]\n", i + 1, i, i);
    PUT("  %u: MOV OUT[%u], IMM[0]\n  %u: MOV OUT[%u].xy, IMM[1].xyxx\n  %u: END\n", k + 1, k,
        k + 2, k + 1, k + 3);
#undef PUT
    if (n >= cap) {
        free(text);
        return NULL;
    }
    struct shader_obj *old = s->tcs_passthrough;
    if (old && old->text && !strcmp(old->text, text)) {
        free(text);
        return old;
    }
    struct shader_obj *sh = shader_from_text(ctx, SHADER_TESS_CTRL, text);
    shader_unref(old);
    s->tcs_passthrough = sh;
    return sh;
}

bool shader_continue(struct vrend_context *ctx, struct shader_obj *sh,
                     const struct create_shader *c)
{
    if (sh->complete)
        return ctx_err(ctx, "shader: continuation after the text was complete");
    return shader_add_text(ctx, sh, c, c->offset);
}

void shader_unref(struct shader_obj *sh)
{
    if (!sh || --sh->refs > 0)
        return;
    for (struct shader_variant *v = sh->variants, *n; v; v = n) {
        n = v->next;
        if (v->id)
            glDeleteShader(v->id);
        free(v->key);
        free(v->refl);
        free(v);
    }
    free(sh->base);
    free(sh->text);
    free(sh);
}


/* Keys are hashed on every draw: eight bytes a step. */
static uint64_t hash_bytes(const void *data, size_t n)
{
    const uint8_t *p = data;
    uint64_t h = 1469598103934665603ull, w;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

static struct shader_variant *get_variant(struct vrend_context *ctx, struct shader_obj *sh,
                                          const struct t2g_key *k)
{
    if (sh->last && sh->last->key && !memcmp(sh->last->key, k, sizeof *k))
        return sh->last->id ? sh->last : NULL;
    uint64_t h = hash_bytes(k, sizeof *k);
    for (struct shader_variant *v = sh->variants; v; v = v->next)
        if (v->key_hash == h && !memcmp(v->key, k, sizeof *k)) {
            sh->last = v;
            return v->id ? v : NULL;
        }
    struct shader_variant *v = calloc(1, sizeof(*v));
    if (!v)
        return NULL;
    v->key_hash = h;
    v->serial = ++ctx->r->last_variant_serial;
    v->key = malloc(sizeof *k);
    if (v->key)
        memcpy(v->key, k, sizeof *k);
    v->next = sh->variants;
    sh->variants = v;
    struct t2g_result *res = t2g_compile(sh->text, sh->text_len, k, 0, stage_names[sh->type]);
    if (ctx->r->opts.shader_compiled)
        ctx->r->opts.shader_compiled(ctx->r->opts.shader_user, stage_names[sh->type], sh->text,
                                     k, res && res->ok ? res->source : NULL);
    if (!res || !res->ok) {
        vlog(ctx->r, VREND_LOG_WARN, "context %s: %s variant does not compile:\n%s", ctx->name,
             stage_names[sh->type], res ? res->diagnostics : "out of memory");
        t2g_result_free(res);
        return NULL;
    }
    v->refl = malloc(sizeof *v->refl);
    if (v->refl)
        *v->refl = res->reflection;
    GLuint id = glCreateShader(gl_stage[sh->type]);
    const char *src = res->source;
    if (ctx->r->opts.verbose && getenv("VIRGL_EXEC_TRACE"))
        vlog(ctx->r, VREND_LOG_DEBUG, "%s TGSI:\n%s\nGLSL:\n%s", stage_names[sh->type], sh->text, src);
    glShaderSource(id, 1, &src, NULL);
    glCompileShader(id);
    GLint ok = 0;
    glGetShaderiv(id, GL_COMPILE_STATUS, &ok);
    if (!ok || !v->refl) {
        char log[4096] = "";
        glGetShaderInfoLog(id, sizeof log, NULL, log);
        vlog(ctx->r, VREND_LOG_WARN, "context %s: host rejected %s GLSL:\n%s\n--- source ---\n%s",
             ctx->name, stage_names[sh->type], log, res->source);
        glDeleteShader(id);
        t2g_result_free(res);
        return NULL;
    }
    t2g_result_free(res);
    v->id = id;
    sh->last = v;
    return v;
}

static void linkage(struct t2g_varying *out, uint32_t *n, const struct t2g_io *io, uint32_t count)
{
    *n = 0;
    for (uint32_t i = 0; i < count && *n < T2G_MAX_VARYINGS; i++) {
        struct t2g_varying *v = &out[(*n)++];
        v->semantic = io[i].semantic;
        v->semantic_index = io[i].semantic_index;
        v->interp = io[i].interp;
        /* centroid/sample too: block members must match the next stage's exactly. */
        v->location = io[i].interp_location;
    }
}

static bool fmt_is(uint32_t format, uint16_t flag)
{
    const struct vformat *f = vformat_get(format);
    return f && (f->flags & flag);
}

/* PIPE_PRIM_* numbering, which the GS and TES properties share. */
enum { PRIM_POINTS = 0, PRIM_LINES = 1, PRIM_LINE_STRIP = 3, PRIM_TRIANGLES = 4,
       PRIM_LINES_ADJ = 10, PRIM_LINE_STRIP_ADJ = 11 };

/* What the rasterizer draws: the geometry shader's output, a tessellation evaluation
 * shader's point mode, or else the draw's own primitive; for polygons, their fill mode
 * (the host fills both faces in the front face's mode). */
enum raster_class { RASTER_POINTS, RASTER_LINES, RASTER_FILLED };

static enum raster_class rasterized(const struct sub_ctx *s, struct shader_obj *const *st)
{
    uint32_t prim = s->draw_mode;
    if (st[SHADER_GEOMETRY] && st[SHADER_GEOMETRY]->base_ok)
        prim = st[SHADER_GEOMETRY]->base->gs_output_prim;
    else if (st[SHADER_TESS_EVAL] && st[SHADER_TESS_EVAL]->base_ok)
        prim = st[SHADER_TESS_EVAL]->base->tes_point_mode ? PRIM_POINTS
               : st[SHADER_TESS_EVAL]->base->tes_prim_mode;
    if (prim == PRIM_POINTS)
        return RASTER_POINTS;
    if ((prim >= PRIM_LINES && prim <= PRIM_LINE_STRIP) || prim == PRIM_LINES_ADJ ||
        prim == PRIM_LINE_STRIP_ADJ)
        return RASTER_LINES;
    uint32_t front = s->rs ? s->rs->u.rs.fill_front : 0, back = s->rs ? s->rs->u.rs.fill_back : 0;
    if (front == PIPE_POLYGON_MODE_POINT || back == PIPE_POLYGON_MODE_POINT)
        return RASTER_POINTS;
    if (front == PIPE_POLYGON_MODE_LINE)
        return RASTER_LINES;
    return RASTER_FILLED;
}

/* A format stored in other channels ("000r": alpha kept in red) gets each stored channel
 * from the output component its sampling swizzle reads it back as, as clears do. */
static void output_swizzle(uint32_t format, uint8_t swz[4])
{
    const struct vformat *f = vformat_get(format);
    for (int c = 0; f && c < 4; c++) {
        int j = vformat_stored_as(f, c);
        if (j >= 0 && j != c)
            swz[c] = (uint8_t)(j + 1);
    }
}

/* Depth comparisons take the bound view's swizzle (the guest's GL_DEPTH_TEXTURE_MODE):
 * ZERO and ONE channels are constants, every other channel the comparison.  GLSL ES, which
 * cannot query a texture's level count, gets the bound views' counts for the samplers the
 * shader queries, and every host the guest's sample counts.  Views the host cannot swizzle
 * have the shader swizzle them, GL_CLAMP with linear filtering has the shader clamp the
 * coordinates, and hosts without shadow samplers have it compare with the bound sampler's
 * function. */
static void sampler_keys(const struct vrend_renderer *r, const struct sub_ctx *s,
                         uint32_t stage, const struct t2g_reflection *base, struct t2g_key *k)
{
    bool gles = r->gles;
    for (uint32_t i = 0; i < base->num_resources; i++) {
        const struct t2g_resource *res = &base->resources[i];
        uint32_t idx = res->tgsi_index;
        if (res->kind != T2G_RES_SAMPLER || idx >= T2G_MAX_SAMPLERS || idx >= MAX_SLOTS)
            continue;
        const struct sampler_view *v = s->views[stage][idx];
        if (gles && res->queries_levels)
            k->sampler_levels[idx] = v && v->last >= v->first && v->last - v->first < 255
                                         ? (uint8_t)(v->last - v->first + 1) : 1;
        /* The guest's count; a single-sample texture has one, as does a view of none. */
        if (res->flags & T2G_RES_QUERIES_SAMPLES) {
            uint32_t samples = v && v->res ? v->res->d.nr_samples : 0;
            k->sampler_samples[idx] = (uint8_t)(samples < 1 ? 1 : samples > 255 ? 255 : samples);
        }
        /* The LOD values are driver uniforms; only whether textureQueryLod() rounds to the
         * nearest level changes the code. */
        const struct sampler_state *ss = s->samplers[stage][idx];
        if (gles && ss && (res->flags & T2G_RES_QUERIES_LOD))
            k->sampler_lod[idx].mip_filter = ss->mip_filter == T2G_MIP_FILTER_NEAREST
                                                 ? T2G_MIP_FILTER_NEAREST
                                                 : T2G_MIP_FILTER_LINEAR;
        for (int a = 0; ss && a < 3; a++)
            if (ss->gl_clamp & (1u << a))
                k->sampler_gl_clamp[a] |= 1u << idx;
        if (v && v->swizzle_in_shader && !res->shadow) {
            static const uint8_t identity[4] = { 0, 1, 2, 3 };
            if (v->shader_srgb)
                k->sampler_srgb_decode |= 1u << idx;
            if (memcmp(v->shader_swizzle, identity, 4)) {
                k->sampler_swizzle_mask |= 1u << idx;
                memcpy(k->sampler_swizzle[idx], v->shader_swizzle, 4);
            }
        }
        if (res->shadow && r->compare_in_shader)
            k->sampler_compare[idx] = ss && ss->compare ? ss->compare : T2G_SAMPLER_COMPARE_OFF;
        if (!res->shadow || !v)
            continue;
        for (int c = 0; c < 4; c++) {
            uint32_t x = v->swizzle[c];
            k->shadow_swizzle[idx][c] = x == PIPE_SWIZZLE_0 ? T2G_SHADOW_ZERO
                                        : x == PIPE_SWIZZLE_1 ? T2G_SHADOW_ONE
                                                              : T2G_SHADOW_RESULT;
        }
    }
}

/* vars: the variants already compiled for this draw (or NULL).  A stage's outputs follow
 * the next stage's inputs as that stage's variant emits them, not as its unkeyed compile
 * did: GLSL ES links only when interpolation qualifiers agree, and keys change them (a GS
 * input takes the flat shading its FS asks for). */
static void build_key(struct vrend_context *ctx, uint32_t stage, struct t2g_key *k,
                      struct shader_obj **st, struct shader_variant *const *vars,
                      bool last_vertex_stage)
{
    struct sub_ctx *s = ctx->sub;
    key_base(ctx->r, k, stage);
    enum raster_class raster = rasterized(s, st);
    static const int order[] = { SHADER_VERTEX, SHADER_TESS_CTRL, SHADER_TESS_EVAL,
                                 SHADER_GEOMETRY, SHADER_FRAGMENT };
    int pos = 0;
    while (pos < 5 && order[pos] != (int)stage)
        pos++;
    /* Compute is not in the pipeline order (pos == 5): it has no neighbours to link with. */
    for (int i = pos - 1; pos < 5 && i >= 0; i--)
        if (st[order[i]] && st[order[i]]->base_ok) {
            const struct t2g_reflection *pr = st[order[i]]->base;
            k->has_prev_outputs = true;
            linkage(k->prev_outputs, &k->num_prev_outputs, pr->outputs, pr->num_outputs);
            break;
        }
    for (int i = pos + 1; i < 5; i++)
        if (st[order[i]] && st[order[i]]->base_ok) {
            const struct t2g_reflection *nr = st[order[i]]->base;
            if (vars && vars[order[i]] && vars[order[i]]->refl)
                nr = vars[order[i]]->refl;
            k->has_next_inputs = true;
            linkage(k->next_inputs, &k->num_next_inputs, nr->inputs, nr->num_inputs);
            break;
        }
    const struct rs_state *rs = s->rs ? &s->rs->u.rs : NULL;
    if (st[stage] && st[stage]->base_ok)
        sampler_keys(ctx->r, s, stage, st[stage]->base, k);
    for (uint32_t i = 0; i < MAX_IMAGES && i < T2G_MAX_IMAGES; i++)
        if (s->images[stage][i].res)
            k->image_format[i] = image_format_for(s->images[stage][i].format);
    if (stage == SHADER_VERTEX && s->ve) {
        for (uint32_t i = 0; i < s->ve->u.ve->count && i < T2G_MAX_VERTEX_ATTRIBS; i++) {
            uint32_t f = s->ve->u.ve->el[i].format;
            k->vs_attrib_type[i] = fmt_is(f, FMT_UINT) ? T2G_VARYING_UINT
                                   : fmt_is(f, FMT_INT) ? T2G_VARYING_INT : T2G_VARYING_FLOAT;
        }
    }
    if (stage == SHADER_FRAGMENT) {
        for (uint32_t i = 0; i < 8; i++) {
            struct surface *c = s->cbufs[i];
            if (!c)
                continue;
            k->fs_output_type[i] = fmt_is(c->format, FMT_UINT) ? T2G_VARYING_UINT
                                   : fmt_is(c->format, FMT_INT) ? T2G_VARYING_INT
                                                                : T2G_VARYING_FLOAT;
            output_swizzle(c->format, k->fs_output_swizzle[i]);
        }
        k->fs_num_cbufs = s->nr_cbufs;
        /* GLES has no glLogicOp: the shader combines its colours with the fetched
         * framebuffer's, on the 8- and 16-bit normalized buffers (apply_blend turns blending
         * off then, as GL does under a logic op). */
        const struct blend_state *bl = s->blend ? &s->blend->u.blend : NULL;
        if (ctx->r->gles && bl && bl->logicop_enable && bl->logicop_func != LOGICOP_COPY &&
            (ctx->r->host_features & T2G_HOST_FRAMEBUFFER_FETCH)) {
            k->logic_op = (uint8_t)(bl->logicop_func + 1);
            for (int i = 0; i < 8 && i < T2G_MAX_RENDER_TARGETS; i++) {
                const struct vformat *f = s->cbufs[i] ? vformat_get(s->cbufs[i]->format) : NULL;
                bool plain = f && !(f->flags & (FMT_FLOAT | FMT_INT | FMT_UINT | FMT_SRGB |
                                                FMT_DEPTH | FMT_COMPRESSED));
                k->logic_op_bits[i] = !plain ? 0 : f->type == GL_UNSIGNED_BYTE ? 8
                                      : f->type == GL_UNSIGNED_SHORT ? 16 : 0;
            }
        }
        if (s->dsa && s->dsa->u.dsa.alpha_enabled) {
            k->alpha_test = true;
            k->alpha_func = s->dsa->u.dsa.alpha_func;
        }
        if (rs) {
            /* Polygon stipple is for filled polygons only (piglit point-line-no-cull). */
            k->polygon_stipple = rs->poly_stipple_enable && raster == RASTER_FILLED;
            k->two_sided_color = rs->light_twoside;
            k->flatshade = rs->flatshade;
            /* Coordinate replacement is for points only (a triangle's FS reads its own
             * texture coordinates with sprites enabled). */
            if (raster == RASTER_POINTS)
                k->sprite_coord_enable = rs->sprite_coord_enable & 0xff;
            /* The desktop host moves gl_PointCoord's origin (apply_rasterizer), so the
             * replacement keeps it; GLES keeps it upper-left, so the replacement and the
             * shader's own point coordinate flip y where desktop would move it. */
            k->sprite_coord_upper_left = true;
            if (ctx->r->gles && !rs->sprite_coord_mode) {
                k->sprite_coord_upper_left = false;
                k->point_coord_y_flip = true;
            }
        }
    }
    /* The guest gives the layout with every shader that may be last; only the last one
     * captures. */
    if (last_vertex_stage && st[stage] && st[stage]->so_num) {
        const struct shader_obj *sh = st[stage];
        k->num_so_outputs = sh->so_num;
        memcpy(k->so_stride, sh->so_stride, sizeof k->so_stride);
        memcpy(k->so_outputs, sh->so, sh->so_num * sizeof sh->so[0]);
    }
    if (last_vertex_stage && rs) {
        k->clip_plane_enable = rs->clip_plane_enable;
        k->flip_y_in_vertex = fb_flipped(s);
        /* GLES has no glPointSize: a point's size comes from the shader. */
        k->point_size_from_driver = ctx->r->gles && raster == RASTER_POINTS;
        /* Nor polygon offset for the points GLES draws for polygons in point mode. */
        k->depth_offset_from_driver =
            ctx->r->gles && rs->offset_point &&
            gles_polygons_as_points(rs, s->draw_mode,
                                    !st[SHADER_GEOMETRY] && !st[SHADER_TESS_EVAL]);
        k->flatshade = rs->flatshade;
    }
}

static void link_bindings(struct vrend_context *ctx, struct program *p)
{
    glUseProgram(p->id);
    for (int st = 0; st < SHADER_TYPES; st++) {
        struct shader_variant *v = p->v[st];
        if (!v)
            continue;
        for (uint32_t i = 0; i < v->refl->num_resources; i++) {
            const struct t2g_resource *res = &v->refl->resources[i];
            if (res->binding_in_source || (res->flags & T2G_RES_UNIFORM_ARRAY))
                continue;
            if (res->kind == T2G_RES_UBO) {
                GLuint idx = glGetUniformBlockIndex(p->id, res->name);
                if (idx != GL_INVALID_INDEX)
                    glUniformBlockBinding(p->id, idx, res->binding);
            } else if (res->kind == T2G_RES_SAMPLER || res->kind == T2G_RES_IMAGE) {
                GLint loc = glGetUniformLocation(p->id, res->name);
                if (loc >= 0)
                    glUniform1i(loc, res->binding);
            } else if (res->kind == T2G_RES_SSBO) {
                GLuint idx = glGetProgramResourceIndex(p->id, GL_SHADER_STORAGE_BLOCK, res->name);
                if (idx != GL_INVALID_INDEX)
                    glShaderStorageBlockBinding(p->id, idx, res->binding);
            }
        }
        if (v->refl->uses_driver_ubo && !v->refl->driver_uniform_array) {
            GLuint idx = glGetUniformBlockIndex(p->id, v->refl->driver_ubo_name);
            if (idx != GL_INVALID_INDEX)
                glUniformBlockBinding(p->id, idx, ctx->r->driver_ubo_binding);
        }
    }
}

static int last_vertex_stage(struct shader_obj *const *sh)
{
    return sh[SHADER_GEOMETRY] ? SHADER_GEOMETRY
           : sh[SHADER_TESS_EVAL] ? SHADER_TESS_EVAL : SHADER_VERTEX;
}

/* Names the last vertex stage's capture outputs for the link; true when it captures. */
static bool capture_varyings(struct vrend_context *ctx, GLuint prog,
                             const struct shader_variant *last)
{
    const struct t2g_reflection *r = last ? last->refl : NULL;
    if (!r)
        return false;
    if (r->so_unsupported)
        vlog(ctx->r, VREND_LOG_WARN, "context %s: the host cannot express this stream-output "
             "layout; draws will not capture", ctx->name);
    if (!r->num_so_varyings)
        return false;
    const char *names[T2G_MAX_SO_VARYINGS];
    for (uint32_t i = 0; i < r->num_so_varyings; i++)
        names[i] = r->so_varyings[i];
    glTransformFeedbackVaryings(prog, (GLsizei)r->num_so_varyings, names,
                                r->so_separate ? GL_SEPARATE_ATTRIBS : GL_INTERLEAVED_ATTRIBS);
    return true;
}

struct program *program_for_draw(struct vrend_context *ctx, bool compute)
{
    struct sub_ctx *s = ctx->sub;
    struct shader_obj **sh = s->shaders;
    struct shader_variant *v[SHADER_TYPES] = { 0 };
    struct shader_obj *with_tcs[SHADER_TYPES];
    if (!compute && ctx->r->gles && sh[SHADER_TESS_EVAL] && !sh[SHADER_TESS_CTRL] &&
        sh[SHADER_VERTEX] && sh[SHADER_VERTEX]->base_ok) {
        memcpy(with_tcs, sh, sizeof with_tcs);
        with_tcs[SHADER_TESS_CTRL] = passthrough_tcs(ctx, sh[SHADER_VERTEX]);
        if (!with_tcs[SHADER_TESS_CTRL])
            return NULL;
        sh = with_tcs;
    }
    struct shader_obj *with_gs[SHADER_TYPES];
    struct shader_obj *edge_gs = compute ? NULL : edge_flag_gs(ctx, sh);
    if (edge_gs) {
        memcpy(with_gs, sh, sizeof with_gs);
        with_gs[SHADER_GEOMETRY] = edge_gs;
        sh = with_gs;
    }
    if (compute) {
        if (!sh[SHADER_COMPUTE] || !sh[SHADER_COMPUTE]->base_ok)
            return NULL;
        struct t2g_key k;
        build_key(ctx, SHADER_COMPUTE, &k, sh, NULL, false);
        k.has_prev_outputs = k.has_next_inputs = false;
        if (!(v[SHADER_COMPUTE] = get_variant(ctx, sh[SHADER_COMPUTE], &k)))
            return NULL;
    } else {
        if (!sh[SHADER_VERTEX] || !sh[SHADER_FRAGMENT])
            return NULL;
        int last = last_vertex_stage(sh);
        /* Last stage first, so each stage links against its successor's variant. */
        static const int rev[] = { SHADER_FRAGMENT, SHADER_GEOMETRY, SHADER_TESS_EVAL,
                                   SHADER_TESS_CTRL, SHADER_VERTEX };
        for (int ri = 0; ri < 5; ri++) {
            int st = rev[ri];
            if (!sh[st])
                continue;
            if (!sh[st]->base_ok)
                return NULL;
            struct t2g_key *k = malloc(sizeof *k);
            if (!k)
                return NULL;
            build_key(ctx, st, k, sh, v, st == last);
            v[st] = get_variant(ctx, sh[st], k);
            free(k);
            if (!v[st])
                return NULL;
        }
    }
    uint64_t serial[SHADER_TYPES] = { 0 };
    for (int st = 0; st < SHADER_TYPES; st++)
        serial[st] = v[st] ? v[st]->serial : 0;
    for (struct program *p = s->programs; p; p = p->next)
        if (!memcmp(p->serial, serial, sizeof serial))
            return p->id ? p : NULL;
    struct program *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    memcpy(p->v, v, sizeof v);
    memcpy(p->serial, serial, sizeof serial);
    p->next = s->programs;
    s->programs = p;
    GLuint id = glCreateProgram();
    for (int st = 0; st < SHADER_TYPES; st++)
        if (v[st])
            glAttachShader(id, v[st]->id);
    p->captures = !compute && capture_varyings(ctx, id, v[last_vertex_stage(sh)]);
    /* Targets without layout(location) (GLSL ES 1.00) name their attributes instead. */
    if (v[SHADER_VERTEX])
        for (uint32_t i = 0; i < v[SHADER_VERTEX]->refl->num_inputs; i++) {
            const struct t2g_io *in = &v[SHADER_VERTEX]->refl->inputs[i];
            if (!in->builtin && !in->location_in_source && in->location >= 0)
                glBindAttribLocation(id, (GLuint)in->location, in->name);
        }
    glLinkProgram(id);
    GLint ok = 0;
    glGetProgramiv(id, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[4096] = "";
        glGetProgramInfoLog(id, sizeof log, NULL, log);
        vlog(ctx->r, VREND_LOG_WARN, "context %s: program link failed: %s", ctx->name, log);
        glDeleteProgram(id);
        return NULL;
    }
    p->id = id;
    link_bindings(ctx, p);
    return p;
}

void programs_free(struct sub_ctx *s)
{
    for (struct program *p = s->programs, *n; p; p = n) {
        n = p->next;
        if (p->id)
            glDeleteProgram(p->id);
        free(p);
    }
    s->programs = NULL;
}



/* Constants declared as a plain `uniform vec4 name[size]` (GLSL ES 1.00): glUniform4fv from
 * the guest's constants; what the guest did not set reads as zero. */
static void upload_uniform_array(struct vrend_context *ctx, GLuint prog, uint32_t st,
                                 const struct t2g_resource *res)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t idx = res->tgsi_index;
    GLint loc = glGetUniformLocation(prog, res->name);
    if (loc < 0 || idx >= MAX_UBOS || !res->size)
        return;
    uint32_t have = s->consts[st][idx] ? s->consts_size[st][idx] : 0;
    uint32_t n = res->size;
    if (have >= n * 16) {
        glUniform4fv(loc, (GLsizei)n, (const GLfloat *)s->consts[st][idx]);
        return;
    }
    float *tmp = calloc(n, 16);
    if (!tmp)
        return;
    if (have)
        memcpy(tmp, s->consts[st][idx], have);
    glUniform4fv(loc, (GLsizei)n, tmp);
    free(tmp);
}

static void bind_ubo(struct vrend_context *ctx, uint32_t st, const struct t2g_resource *res)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t idx = res->tgsi_index;
    uint32_t need = res->size * 16;
    if (idx < MAX_UBOS && s->ubos[st][idx].res) {
        struct ubo_slot *u = &s->ubos[st][idx];
        uint64_t size = u->size;
        if ((uint64_t)u->offset + size > u->res->d.width)
            size = u->offset < u->res->d.width ? u->res->d.width - u->offset : 0;
        if (size)
            glBindBufferRange(GL_UNIFORM_BUFFER, res->binding, u->res->id, u->offset, size);
        return;
    }
    if (idx < MAX_UBOS && s->consts[st][idx]) {
        uint32_t have = s->consts_size[st][idx];
        uint32_t size = have > need ? have : need;
        if (!size)
            size = 16;
        if (!s->const_bufs[st][idx])
            glc_buffer_create(ctx->r, &s->const_bufs[st][idx]);
        GLuint buf = s->const_bufs[st][idx];
        /* Draws mostly reuse the constants: re-uploading (a new host allocation each time)
         * made every draw as slow as a buffer transfer. */
        if (s->consts_dirty[st][idx] || size > s->const_buf_size[st][idx]) {
            /* New storage (a buffer a pending draw reads is not overwritten), filled in
             * the same call where the constants cover it. */
            glc_buffer_data(ctx->r, buf, size, have == size ? s->consts[st][idx] : NULL,
                            GL_STREAM_DRAW);
            if (have && have != size)
                glc_buffer_sub_data(ctx->r, buf, 0, have, s->consts[st][idx]);
            s->const_buf_size[st][idx] = size;
            s->consts_dirty[st][idx] = false;
        }
        glBindBufferRange(GL_UNIFORM_BUFFER, res->binding, buf, 0, size);
    }
}

static void bind_sampler(struct vrend_context *ctx, uint32_t st, const struct t2g_resource *res)
{
    struct sub_ctx *s = ctx->sub;
    uint32_t idx = res->tgsi_index;
    if (idx >= MAX_SLOTS)
        return;
    struct sampler_view *v = s->views[st][idx];
    GLuint tex = v ? (v->view ? v->view : v->res->id) : 0;
    if (v && res->shadow && v->red_moved)
        tex = view_compare_texture(v);
    glc_bind_texture_unit(ctx->r, res->binding, v ? v->target : GL_TEXTURE_2D, tex);
    struct sampler_state *ss = s->samplers[st][idx];
    if (ctx->r->es2) {
        /* No sampler objects: the state goes on the texture just bound, through its unit
         * (glc_bind_texture_unit leaves unit 0 active, whose texture it is not). */
        if (ss && v) {
            glActiveTexture(GL_TEXTURE0 + res->binding);
            sampler_apply_to_texture(ctx->r, v->target, ss);
            glActiveTexture(GL_TEXTURE0);
        }
        return;
    }
    GLuint sampler = 0;
    if (ss && v && v->target != GL_TEXTURE_BUFFER) {
        bool one_d = v->target == GL_TEXTURE_1D || v->target == GL_TEXTURE_1D_ARRAY;
        sampler = one_d && ss->id_1d ? ss->id_1d : ss->id;
        sampler = sampler_for_format(ss, sampler, vformat_get(v->format));
    }
    glBindSampler(res->binding, sampler);
}

static void bind_image(struct vrend_context *ctx, uint32_t st, const struct t2g_resource *res)
{
    struct image_slot *im = res->tgsi_index < MAX_IMAGES ? &ctx->sub->images[st][res->tgsi_index]
                                                         : NULL;
    if (!im || !im->res)
        return;
    const struct vformat *f = vformat_get(im->format);
    GLenum fmt = f && f->internal ? f->internal : GL_R32UI;
    GLenum access = (im->access & 3) == 1 ? GL_READ_ONLY : (im->access & 3) == 2 ? GL_WRITE_ONLY
                                                                                  : GL_READ_WRITE;
    if (im->res->is_buffer) {
        glBindImageTexture(res->binding, vres_texture_buffer(ctx->r, im->res, im->format), 0, GL_FALSE, 0,
                           access, fmt);
        return;
    }
    uint32_t first = im->layer_offset & 0xffff, last = im->layer_offset >> 16;
    bool layered = first != last || vres_layers(im->res) > 1 || im->res->target == GL_TEXTURE_3D;
    glBindImageTexture(res->binding, im->res->id, im->level_size & 0xff,
                       layered && first == 0 && last + 1 >= vres_layers(im->res), first, access,
                       fmt);
}

uint32_t shader_key_view_slots(const struct shader_obj *sh)
{
    uint32_t m = 0;
    if (!sh || !sh->base_ok)
        return 0;
    for (uint32_t i = 0; i < sh->base->num_resources; i++) {
        const struct t2g_resource *res = &sh->base->resources[i];
        if (res->kind == T2G_RES_SAMPLER &&
            (res->shadow || res->queries_levels ||
             (res->flags & (T2G_RES_QUERIES_LOD | T2G_RES_QUERIES_SAMPLES))) &&
            res->tgsi_index < 32)
            m |= 1u << res->tgsi_index;
    }
    return m;
}

/* The samplers whose state is in the shader's key (GLES hosts: the mipmap filter of LOD
 * queries). */
uint32_t shader_key_sampler_slots(const struct shader_obj *sh)
{
    uint32_t m = 0;
    if (!sh || !sh->base_ok)
        return 0;
    for (uint32_t i = 0; i < sh->base->num_resources; i++) {
        const struct t2g_resource *res = &sh->base->resources[i];
        if (res->kind == T2G_RES_SAMPLER && (res->flags & T2G_RES_QUERIES_LOD) &&
            res->tgsi_index < 32)
            m |= 1u << res->tgsi_index;
    }
    return m;
}

void program_bind_resources(struct vrend_context *ctx, struct program *p, uint32_t what)
{
    struct sub_ctx *s = ctx->sub;
    bool driver = false;
    for (int st = 0; st < SHADER_TYPES; st++) {
        struct shader_variant *v = p->v[st];
        if (!v)
            continue;
        driver |= v->refl->uses_driver_ubo;
        bool tex = what & (DRAW_TEX0 << st);
        for (uint32_t i = 0; i < v->refl->num_resources; i++) {
            const struct t2g_resource *res = &v->refl->resources[i];
            switch (res->kind) {
            case T2G_RES_UBO:
                if (res->flags & T2G_RES_UNIFORM_ARRAY)
                    upload_uniform_array(ctx, p->id, st, res);
                else if (what & DRAW_UBOS)
                    bind_ubo(ctx, st, res);
                break;
            case T2G_RES_SAMPLER:
                if (tex)
                    bind_sampler(ctx, st, res);
                break;
            case T2G_RES_IMAGE:
                if (what & DRAW_IMAGES)
                    bind_image(ctx, st, res);
                break;
            case T2G_RES_SSBO: {
                struct ssbo_slot *b = res->tgsi_index < MAX_SSBOS ? &s->ssbos[st][res->tgsi_index]
                                                                 : NULL;
                if ((what & DRAW_SSBOS) && b && b->res &&
                    (uint64_t)b->offset + b->size <= b->res->d.width && b->size)
                    glBindBufferRange(GL_SHADER_STORAGE_BUFFER, res->binding, b->res->id,
                                      b->offset, b->size);
                break;
            }
            case T2G_RES_ATOMIC: {
                struct ubo_slot *b = res->tgsi_index < MAX_SSBOS ? &s->atomics[res->tgsi_index]
                                                                 : NULL;
                if ((what & DRAW_SSBOS) && b && b->res &&
                    (uint64_t)b->offset + b->size <= b->res->d.width && b->size)
                    /* The compiler declares counters as a storage buffer of uints. */
                    glBindBufferRange(GL_SHADER_STORAGE_BUFFER, res->binding, b->res->id,
                                      b->offset, b->size);
                break;
            }
            }
        }
    }
    if (driver && ctx->r->es2) {
        /* Uniform arrays are program state: each program gets its own copy. */
        struct driver_block u;
        fill_driver_uniforms(ctx, &u);
        for (int st = 0; st < SHADER_TYPES; st++) {
            struct shader_variant *v = p->v[st];
            GLint loc = v && v->refl->driver_uniform_array
                            ? glGetUniformLocation(p->id, v->refl->driver_ubo_name) : -1;
            uint32_t n = v ? v->refl->driver_uniform_slots : 0;
            if (loc >= 0 && n && n <= sizeof u / 16)
                glUniform4fv(loc, (GLsizei)n, (const GLfloat *)&u);
        }
    } else if (driver && (what & DRAW_DRIVER)) {
        struct driver_block u;
        fill_driver_uniforms(ctx, &u);
        if (!s->driver_sent_valid || memcmp(&u, &s->driver_sent, sizeof u)) {
            glc_buffer_sub_data(ctx->r, s->driver_ubo, 0, sizeof u, &u);
            s->driver_sent = u;
            s->driver_sent_valid = true;
        }
        glBindBufferBase(GL_UNIFORM_BUFFER, ctx->r->driver_ubo_binding, s->driver_ubo);
    }
}
