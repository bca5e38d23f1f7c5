/* The GLSL / GLSL ES emitter's entry: plans the shader in the dialect the library hands
 * it, writes main() and the declarations, then the version line and the #extensions the
 * body turned out to need.  A shader the target cannot express is refused with a diagnostic, never emitted.
 *
 * Naming scheme (virgl-exec links programs by these names; keep it exact):
 *   values            t<N> (N = IR value index), phi variables p<N>, parallel-copy
 *                     temporaries pt<N>_<B>, umulExtended low halves lo<N>, atomics run as
 *                     a compare-and-swap loop: cas<N> (old value), casw<N> (swap result),
 *                     the 16-bit pieces of a high product before GLSL 4.00: mh{a,b,l,r,m}<N>
 *   varyings          GENERIC[n] g<n>, TEXCOORD[n] tc<n>, COLOR[n] c<n>, BCOLOR[n] bc<n>,
 *                     FOG fog (fog<n> for n > 0), PATCH[n] patch<n> (`patch` qualifier);
 *                     always vec4 of float, matched by name (no locations).  Where the
 *                     target has I/O blocks each varying is alone in a block named
 *                     B_<name> (`out B_g0 { vec4 g0; };`); per-vertex stage I/O are
 *                     unsized block arrays `in B_g0 { vec4 g0; } i_g0[];` (TCS outputs
 *                     o_g0[]) read as i_g0[v].g0.  Without I/O blocks (GLSL 1.40, ESSL
 *                     3.00) they are plain `in vec4 g0;`
 *   vertex inputs     layout(location = N) in vec4|ivec4|uvec4 a<N>  (key->vs_attrib_type)
 *   fragment outputs  layout(location = n) out vec4|ivec4|uvec4 o<n> (key->fs_output_type)
 *                     (without explicit locations, GLSL < 3.30 on a host without
 *                     GL_ARB_explicit_attrib_location, no layout: the renderer binds by name)
 *   other semantics   GLSL builtins; outputs core GLSL lacks (EDGEFLAG, CLIPVERTEX) go to
 *                     a private `vec4 priv<id>`, or, where the next vertex stage reads
 *                     them, to the varyings ef<n> and cv<n>
 *   CONST[b]          layout(std140) uniform cb<b> { vec4 u<b>[N]; }  (the member is u<b>,
 *                     not c<b>, so it cannot collide with the COLOR varying c<b>)
 *   samplers          uniform sampler* s<n> (SVIEW/SAMP index n; s<n>[k] for arrays);
 *                     where the dialect lacks 1D / RECT textures (GLSL ES) they are
 *                     declared 2D and addressed as glsl_remap.c describes, and the
 *                     reflection's host_texture names the target the executor must bind
 *   images            uniform image* img<n>; a declaration without a format takes
 *                     key->image_format[n]
 *   BUFFER[n]         layout(std430) buffer ssbo<n> { uint ssbo<n>_data[]; }; signed
 *                     min/max atomics add an int view at the same binding, `buffer
 *                     ssbo<n>_i { int ssbo<n>_idata[]; }` (ac<b>_i / ac<b>_idata alike)
 *   HWATOMIC[b]       layout(std430) buffer ac<b> { uint ac<b>_data[]; } — counters live
 *                     in a storage buffer so every TGSI atomic maps to atomic*()
 *   shared MEMORY[n]  shared uint shm<n>[]
 *   driver uniforms   layout(std140) uniform t2g_driver { vec4 drv[N]; }
 *   TEMP arrays       local vec4 r<id>[N]; indirect IMM: const uvec4 imm<id>[N]
 *   indirectly indexed I/O arrays are copied through a local vec4 io<id>[N]
 *   transform feedback captures (key->so_outputs[i]) out float|vecN t2g_so<i>, outside any
 *                     block; reflection.so_varyings lists them for the link
 * Bindings are key->*_binding_base + TGSI index, written as layout(binding=) where the
 * target has it (GLSL >= 4.20, or GL_ARB_shading_language_420pack where the key's host
 * features have it; ESSL >= 3.10).
 *
 * Approximations, documented: ES has no noperspective (perspective is used); DEMOTE is
 * discard unless the host has GL_EXT_demote_to_helper_invocation (then demote, and helper
 * reads use helperInvocationEXT()); fine derivatives fall back to dFdx/dFdy without
 * derivative control. */
#include "glsl_priv.h"

#include <stddef.h>
#include <stdio.h>

static void emit_extensions(glsl_ctx *c, strbuf *out)
{
    const char *done[GF_COUNT];
    unsigned ndone = 0;
    for (unsigned f = 0; f < GF_COUNT; f++) {
        if (!c->ext_used[f])
            continue;
        const char *e = c->d->rules[f].ext;
        bool dup = false;
        for (unsigned i = 0; i < ndone; i++)
            dup |= !strcmp(done[i], e);
        if (dup)
            continue;
        done[ndone++] = e;
        strbuf_append(out, "#extension ");
        strbuf_append(out, e);
        strbuf_append(out, " : require\n");
    }
}

static void check_stage(glsl_ctx *c)
{
    switch (c->stage) {
    case T2G_STAGE_GEOMETRY:
        glsl_need(c, GF_GEOMETRY, "a geometry shader");
        break;
    case T2G_STAGE_TESS_CTRL: case T2G_STAGE_TESS_EVAL:
        glsl_need(c, GF_TESS, "a tessellation shader");
        break;
    case T2G_STAGE_COMPUTE:
        glsl_need(c, GF_COMPUTE, "a compute shader");
        break;
    default:
        break;
    }
}

/* GL_EXT_clip_cull_distance adds gl_ClipDistance and gl_CullDistance to gl_PerVertex, and
 * GL_EXT_tessellation_point_size adds gl_PointSize; Mesa links a tessellation control
 * shader's gl_out[] with the evaluation shader's gl_in[] only when both blocks have the same
 * members: a TES writing clip planes or a point size enables the extension, so both stages
 * enable both wherever they reach gl_in or gl_out. */
static void match_per_vertex_blocks(glsl_ctx *c)
{
    if (c->stage != T2G_STAGE_TESS_CTRL && c->stage != T2G_STAGE_TESS_EVAL)
        return;
    for (uint32_t i = 0; i < c->s->num_vars; i++) {
        const ir_var *v = c->s->vars[i];
        if (v->per_vertex && (v->semantic == T2G_SEMANTIC_POSITION ||
                              v->semantic == T2G_SEMANTIC_PSIZE ||
                              v->semantic == T2G_SEMANTIC_CLIPDIST ||
                              v->semantic == T2G_SEMANTIC_CULLDIST)) {
            (void)glsl_has(c, GF_CLIP_DISTANCE);
            (void)glsl_has(c, GF_TESS_POINT_SIZE);
            return;
        }
    }
}

const char *glsl_emit(ir_shader *s, const struct t2g_key *key, const glsl_dialect *d,
                      struct t2g_reflection *refl, size_t *out_len)
{
    glsl_ctx ctx, *c = &ctx;
    memset(c, 0, sizeof(*c));
    c->s = s;
    c->a = s->arena;
    c->key = key;
    c->refl = refl;
    c->stage = s->stage;
    c->rp = glsl_resource_prefix(s->stage);
    if (out_len)
        *out_len = 0;
    /* The reflection is 20 KB, nearly all of it arrays of which a shader uses a few elements;
     * refl_io, refl_res and the stream-output list clear each element they hand out. */
    memset(refl, 0, offsetof(struct t2g_reflection, inputs));
    refl->num_resources = 0;
    memset(&refl->uses_driver_ubo, 0,
           offsetof(struct t2g_reflection, so_varyings) -
           offsetof(struct t2g_reflection, uses_driver_ubo));
    /* Members added after so_varyings (the reflection grows at its end). */
    size_t tail = offsetof(struct t2g_reflection, so_varyings) + sizeof(refl->so_varyings);
    memset((char *)refl + tail, 0, sizeof(*refl) - tail);
    refl->stage = (enum t2g_stage)s->stage;
    c->d = d;
    if (!c->d) {
        diag_error(s->diags, 0, 0, "unknown GLSL target %d", (int)key->target);
        return NULL;
    }
    check_stage(c);
    match_per_vertex_blocks(c);
    /* A geometry or tessellation stage has inputs and outputs of the same semantic, and GL
     * links by name: every varying gets a block of its own (B_g0 { vec4 g0; }) so the
     * input can be reached as i_g0[v].g0 beside the output g0.  All stages of a target do
     * the same so they link; targets without I/O blocks only have VS and FS. */
    c->io_blocks = glsl_has(c, GF_IO_BLOCKS);
    if (!c->io_blocks && c->stage != T2G_STAGE_VERTEX && c->stage != T2G_STAGE_FRAGMENT &&
        c->stage != T2G_STAGE_COMPUTE)
        glsl_need(c, GF_IO_BLOCKS, "varyings of a geometry/tessellation stage (I/O blocks)");
    strbuf_init(&c->body, c->a);
    strbuf_init(&c->decls, c->a);
    io_prepare(c);
    if (!c->failed)
        cf_plan(c);
    if (c->failed)
        return NULL;
    c->o = &c->body;
    c->indent = 1;
    io_prologue(c);
    cf_emit_body(c);
    c->o = &c->decls;
    c->indent = 0;
    io_declare_stage(c);
    io_declare_resources(c);
    io_reflect_stream_output(c);
    if (c->failed)
        return NULL;

    strbuf out;
    strbuf_init(&out, c->a);
    strbuf_append(&out, c->d->version_line);
    emit_extensions(c, &out);
    strbuf_append(&out, c->d->preamble);
    glsl_fp64_helpers(c, &out);
    strbuf_appendn(&out, c->decls.data ? c->decls.data : "", c->decls.len);
    strbuf_append(&out, "void main()\n{\n");
    strbuf_appendn(&out, c->body.data ? c->body.data : "", c->body.len);
    strbuf_append(&out, "}\n");
    if (!out.data || out.failed || c->decls.failed || c->body.failed) {
        glsl_out_of_memory(c); /* never a truncated shader */
        return NULL;
    }
    if (out_len)
        *out_len = out.len;
    return out.data;
}
