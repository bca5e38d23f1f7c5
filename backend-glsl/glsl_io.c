/* Variables: names of inputs, outputs, builtins and resources, their declarations and
 * reflection, and the loads/stores that reach them (bit casts where the declared GLSL type
 * differs from the IR's). */
#include "glsl_priv.h"

#include <stdio.h>

/* ---------------------------------------------------------------- builtins */

#define ST(x) (1u << T2G_STAGE_##x)

/* First match wins; stages 0 = every stage. */
static const glsl_builtin builtins[] = {
    { T2G_SEMANTIC_POSITION, B_IN, ST(FRAGMENT), "gl_FragCoord", NULL, IR_F32, 4, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_POSITION, B_OUT, ST(FRAGMENT), "gl_FragDepth", "gl_FragDepthEXT", IR_F32, 1, 2, BF_PLAIN, GF_FRAG_DEPTH },
    { T2G_SEMANTIC_POSITION, B_ANY, 0, "gl_Position", NULL, IR_F32, 4, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_PSIZE, B_ANY, 0, "gl_PointSize", NULL, IR_F32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_CLIPDIST, B_ANY, 0, "gl_ClipDistance", NULL, IR_F32, 4, 0, BF_CLIP, GF_CLIP_DISTANCE },
    { T2G_SEMANTIC_CULLDIST, B_ANY, 0, "gl_CullDistance", NULL, IR_F32, 4, 0, BF_ARRAY, GF_CULL_DISTANCE },
    { T2G_SEMANTIC_FACE, B_IN, ST(FRAGMENT), "gl_FrontFacing", NULL, IR_F32, 1, 0, BF_FACE, NOFEAT },
    { T2G_SEMANTIC_PRIMID, B_IN, ST(GEOMETRY), "gl_PrimitiveIDIn", NULL, IR_I32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_PRIMID, B_IN, ST(FRAGMENT), "gl_PrimitiveID", NULL, IR_I32, 1, 0, BF_PLAIN, GF_PRIMID_IN_FS },
    { T2G_SEMANTIC_PRIMID, B_ANY, 0, "gl_PrimitiveID", NULL, IR_I32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_INSTANCEID, B_IN, 0, "gl_InstanceID", NULL, IR_I32, 1, 0, BF_PLAIN, GF_NEW_BUILTINS },
    { T2G_SEMANTIC_VERTEXID, B_IN, 0, "gl_VertexID", NULL, IR_I32, 1, 0, BF_PLAIN, GF_NEW_BUILTINS },
    { T2G_SEMANTIC_VERTEXID_NOBASE, B_IN, 0, "gl_BaseVertex", "gl_BaseVertexARB", IR_I32, 1, 0, BF_NOBASE, GF_DRAW_PARAMETERS },
    { T2G_SEMANTIC_BASEVERTEX, B_IN, 0, "gl_BaseVertex", "gl_BaseVertexARB", IR_I32, 1, 0, BF_PLAIN, GF_DRAW_PARAMETERS },
    { T2G_SEMANTIC_BASEINSTANCE, B_IN, 0, "gl_BaseInstance", "gl_BaseInstanceARB", IR_I32, 1, 0, BF_PLAIN, GF_DRAW_PARAMETERS },
    { T2G_SEMANTIC_DRAWID, B_IN, 0, "gl_DrawID", "gl_DrawIDARB", IR_I32, 1, 0, BF_PLAIN, GF_DRAW_PARAMETERS },
    { T2G_SEMANTIC_STENCIL, B_OUT, ST(FRAGMENT), "gl_FragStencilRefARB", NULL, IR_I32, 1, 1, BF_PLAIN, GF_STENCIL_EXPORT },
    { T2G_SEMANTIC_SAMPLEID, B_IN, 0, "gl_SampleID", NULL, IR_I32, 1, 0, BF_PLAIN, GF_SAMPLE_VARIABLES },
    { T2G_SEMANTIC_SAMPLEPOS, B_IN, 0, "gl_SamplePosition", NULL, IR_F32, 2, 0, BF_PLAIN, GF_SAMPLE_VARIABLES },
    { T2G_SEMANTIC_SAMPLEMASK, B_IN, 0, "gl_SampleMaskIn", NULL, IR_I32, 1, 0, BF_INDEX0, GF_SAMPLE_MASK_IN },
    { T2G_SEMANTIC_SAMPLEMASK, B_OUT, 0, "gl_SampleMask", NULL, IR_I32, 1, 0, BF_INDEX0, GF_SAMPLE_VARIABLES },
    { T2G_SEMANTIC_INVOCATIONID, B_IN, 0, "gl_InvocationID", NULL, IR_I32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_TESSCOORD, B_IN, 0, "gl_TessCoord", NULL, IR_F32, 3, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_TESSOUTER, B_ANY, 0, "gl_TessLevelOuter", NULL, IR_F32, 4, 0, BF_ARRAY, NOFEAT },
    { T2G_SEMANTIC_TESSINNER, B_ANY, 0, "gl_TessLevelInner", NULL, IR_F32, 2, 0, BF_ARRAY, NOFEAT },
    { T2G_SEMANTIC_VERTICESIN, B_IN, 0, "gl_PatchVerticesIn", NULL, IR_I32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_HELPER_INVOCATION, B_IN, 0, "gl_HelperInvocation", NULL, IR_BOOL, 1, 0, BF_PLAIN, GF_HELPER_INVOCATION },
    { T2G_SEMANTIC_VIEWPORT_INDEX, B_IN, ST(FRAGMENT), "gl_ViewportIndex", NULL, IR_I32, 1, 0, BF_PLAIN, GF_VIEWPORT_IN_FS },
    { T2G_SEMANTIC_VIEWPORT_INDEX, B_ANY, 0, "gl_ViewportIndex", NULL, IR_I32, 1, 0, BF_PLAIN, GF_VIEWPORT_INDEX },
    { T2G_SEMANTIC_LAYER, B_IN, ST(FRAGMENT), "gl_Layer", NULL, IR_I32, 1, 0, BF_PLAIN, GF_LAYER_IN_FS },
    { T2G_SEMANTIC_LAYER, B_ANY, 0, "gl_Layer", NULL, IR_I32, 1, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_PCOORD, B_IN, ST(FRAGMENT), "gl_PointCoord", NULL, IR_F32, 2, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_THREAD_ID, B_IN, 0, "gl_LocalInvocationID", NULL, IR_U32, 3, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_BLOCK_ID, B_IN, 0, "gl_WorkGroupID", NULL, IR_U32, 3, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_GRID_SIZE, B_IN, 0, "gl_NumWorkGroups", NULL, IR_U32, 3, 0, BF_PLAIN, NOFEAT },
    { T2G_SEMANTIC_BLOCK_SIZE, B_IN, 0, "gl_WorkGroupSize", NULL, IR_U32, 3, 0, BF_PLAIN, NOFEAT },
    /* Outputs core GLSL has no home for: written to a private variable (the lowerings turn
     * CLIPVERTEX into clip distances when user clip planes are on). */
    { T2G_SEMANTIC_CLIPVERTEX, B_OUT, 0, NULL, NULL, IR_F32, 4, 0, BF_PRIVATE, NOFEAT },
    { T2G_SEMANTIC_EDGEFLAG, B_ANY, 0, NULL, NULL, IR_F32, 4, 0, BF_PRIVATE, NOFEAT },
};

static bool is_varying_semantic(unsigned sem)
{
    return sem == T2G_SEMANTIC_GENERIC || sem == T2G_SEMANTIC_TEXCOORD ||
           sem == T2G_SEMANTIC_COLOR || sem == T2G_SEMANTIC_BCOLOR || sem == T2G_SEMANTIC_FOG ||
           sem == T2G_SEMANTIC_PATCH;
}

/* CLIPVERTEX and EDGEFLAG pass between vertex stages as user varyings (a TCS, TES or GS
 * reads the stage before's gl_ClipVertex; the renderer's edge-flag geometry shader reads
 * the vertex shader's edge flags); an output no next stage reads stays private, for the
 * clip-plane lowering of the last vertex stage. */
static bool private_output_varying(glsl_ctx *c, const ir_var *v)
{
    if (v->semantic != T2G_SEMANTIC_CLIPVERTEX && v->semantic != T2G_SEMANTIC_EDGEFLAG)
        return false;
    if (v->kind == IR_VAR_INPUT)
        return c->stage != T2G_STAGE_VERTEX && c->stage != T2G_STAGE_FRAGMENT;
    if (v->kind != IR_VAR_OUTPUT || !c->key->has_next_inputs)
        return false;
    uint32_t n = c->key->num_next_inputs < T2G_MAX_VARYINGS ? c->key->num_next_inputs
                                                             : T2G_MAX_VARYINGS;
    for (uint32_t i = 0; i < n; i++)
        if (c->key->next_inputs[i].semantic == v->semantic)
            return true;
    return false;
}

static const glsl_builtin *find_builtin(glsl_ctx *c, const ir_var *v)
{
    if (v->kind != IR_VAR_INPUT && v->kind != IR_VAR_OUTPUT && v->kind != IR_VAR_SYSTEM_VALUE)
        return NULL;
    if (c->stage == T2G_STAGE_VERTEX && v->kind == IR_VAR_INPUT)
        return NULL;
    if (c->stage == T2G_STAGE_FRAGMENT && v->kind == IR_VAR_OUTPUT &&
        v->semantic == T2G_SEMANTIC_COLOR)
        return NULL;
    if (v->kind != IR_VAR_SYSTEM_VALUE &&
        (is_varying_semantic(v->semantic) || private_output_varying(c, v)))
        return NULL;
    unsigned dir = v->kind == IR_VAR_OUTPUT ? B_OUT : B_IN;
    /* Where no stage can write gl_ViewportIndex (GLSL ES, GLSL 1.40) there is one
     * viewport, and the fragment shader's viewport index is 0. */
    static const glsl_builtin viewport_zero = { T2G_SEMANTIC_VIEWPORT_INDEX, B_IN,
        ST(FRAGMENT), NULL, NULL, IR_I32, 1, 0, BF_ZERO, NOFEAT };
    if (v->semantic == T2G_SEMANTIC_VIEWPORT_INDEX && dir == B_IN &&
        c->stage == T2G_STAGE_FRAGMENT && !glsl_could(c, GF_VIEWPORT_INDEX))
        return &viewport_zero;
    /* With early fragment tests the depth a fragment shader computes has no effect (GL 4.6
     * section 14.9), and GLSL ES makes writing gl_FragDepth then an error: the write goes
     * to a private variable. */
    static const glsl_builtin depth_ignored = { T2G_SEMANTIC_POSITION, B_OUT, ST(FRAGMENT),
        NULL, NULL, IR_F32, 4, 0, BF_PRIVATE, NOFEAT };
    if (v->semantic == T2G_SEMANTIC_POSITION && dir == B_OUT && c->stage == T2G_STAGE_FRAGMENT &&
        c->d->es && glsl_prop(c, IR_PROP_FS_EARLY_DEPTH_STENCIL, 0))
        return &depth_ignored;
    for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
        const glsl_builtin *b = &builtins[i];
        if (b->semantic == v->semantic && (b->dir & dir) &&
            (!b->stages || (b->stages & (1u << c->stage))))
            return b;
    }
    return NULL;
}

bool var_is_writable(const ir_var *v)
{
    switch (v->kind) {
    case IR_VAR_TEMP_ARRAY: case IR_VAR_OUTPUT: case IR_VAR_BUFFER: case IR_VAR_SHARED:
    case IR_VAR_ATOMIC_BUFFER: case IR_VAR_IMAGE:
        return true;
    default:
        return false;
    }
}

static bool per_vertex_block_member(const ir_var *v)
{
    return v->per_vertex && (v->semantic == T2G_SEMANTIC_POSITION ||
                             v->semantic == T2G_SEMANTIC_PSIZE ||
                             v->semantic == T2G_SEMANTIC_CLIPDIST ||
                             v->semantic == T2G_SEMANTIC_CULLDIST);
}

/* ---------------------------------------------------------------- names */

/* Prefix and number of a non-builtin I/O element's GLSL name (number < 0: none). */
static const char *io_prefix(glsl_ctx *c, const ir_var *v, uint32_t elem, int64_t *num)
{
    *num = (int64_t)v->semantic_index + elem;
    if (v->so_capture) {
        *num = v->so_capture - 1;
        return "t2g_so";
    }
    if (c->stage == T2G_STAGE_VERTEX && v->kind == IR_VAR_INPUT) {
        *num = (int64_t)v->tgsi_first + elem;
        return "a";
    }
    if (c->stage == T2G_STAGE_FRAGMENT && v->kind == IR_VAR_OUTPUT)
        return v->semantic == T2G_SEMANTIC_COLOR ? "o" : "fo";
    switch (v->semantic) {
    case T2G_SEMANTIC_GENERIC:
        if (v->semantic_index >= IR_GENERIC_CLIP_W) {
            *num -= IR_GENERIC_CLIP_W;
            return "t2g_clipw";
        }
        return "g";
    case T2G_SEMANTIC_TEXCOORD: return "tc";
    case T2G_SEMANTIC_COLOR: return "c";
    case T2G_SEMANTIC_BCOLOR: return "bc";
    case T2G_SEMANTIC_PATCH: return "patch";
    case T2G_SEMANTIC_CLIPVERTEX:
    case T2G_SEMANTIC_EDGEFLAG:
        if (v->kind == IR_VAR_INPUT || private_output_varying(c, v))
            return v->semantic == T2G_SEMANTIC_EDGEFLAG ? "ef" : "cv";
        *num = v->id;
        return "priv";
    case T2G_SEMANTIC_FOG:
        if (*num == 0)
            *num = -1;
        return "fog";
    default:
        *num = v->id;
        return "priv";
    }
}

static void out_io_name(glsl_ctx *c, const ir_var *v, uint32_t elem)
{
    int64_t num;
    out_s(c, io_prefix(c, v, elem, &num));
    if (num >= 0)
        out_u(c, (uint64_t)num);
}

/* Appends s[0..len) at buf[at] as far as it fits before the NUL; the length as if it did. */
static size_t name_put(char *buf, size_t n, size_t at, const char *s, size_t len)
{
    if (at + 1 < n)
        memcpy(buf + at, s, len < n - 1 - at ? len : n - 1 - at);
    return at + len;
}

void glsl_name_num(char *buf, size_t n, const char *rp, const char *prefix, uint64_t num,
                   const char *suffix)
{
    char digits[20];
    size_t nd = glsl_digits(digits, num);
    size_t at = name_put(buf, n, 0, rp, strlen(rp));
    at = name_put(buf, n, at, prefix, strlen(prefix));
    at = name_put(buf, n, at, digits + sizeof(digits) - nd, nd);
    at = name_put(buf, n, at, suffix, strlen(suffix));
    if (n)
        buf[at < n ? at : n - 1] = 0;
}

void glsl_name_copy(char *buf, size_t n, const char *src)
{
    size_t at = name_put(buf, n, 0, src, strlen(src));
    if (n)
        buf[at < n ? at : n - 1] = 0;
}

void io_name_buf(glsl_ctx *c, const ir_var *v, uint32_t elem, char *buf, size_t n)
{
    int64_t num;
    const char *p = io_prefix(c, v, elem, &num);
    if (num >= 0)
        glsl_name_num(buf, n, "", p, (uint64_t)num, "");
    else
        glsl_name_copy(buf, n, p);
}

/* The GLSL base type an I/O element is declared with. */
ir_base io_decl_base(glsl_ctx *c, const ir_var *v, uint32_t elem)
{
    static const uint8_t bases[] = { IR_F32, IR_I32, IR_U32 };
    if (c->stage == T2G_STAGE_VERTEX && v->kind == IR_VAR_INPUT) {
        uint32_t loc = v->tgsi_first + elem;
        if (loc < T2G_MAX_VERTEX_ATTRIBS && c->key->vs_attrib_type[loc] < 3)
            return (ir_base)bases[c->key->vs_attrib_type[loc]];
    }
    if (c->stage == T2G_STAGE_FRAGMENT && v->kind == IR_VAR_OUTPUT &&
        v->semantic == T2G_SEMANTIC_COLOR) {
        uint32_t loc = v->semantic_index + elem;
        if (loc < T2G_MAX_RENDER_TARGETS && c->key->fs_output_type[loc] < 3)
            return (ir_base)bases[c->key->fs_output_type[loc]];
    }
    return IR_F32; /* varyings are float vectors in every stage, so stages link by name */
}

void mem_array_name(glsl_ctx *c, ir_var *v)
{
    switch (v->kind) {
    case IR_VAR_BUFFER:
        out_s(c, c->rp); out_s(c, "ssbo"); out_u(c, v->tgsi_first); out_s(c, "_data");
        break;
    case IR_VAR_ATOMIC_BUFFER:
        out_s(c, c->rp); out_s(c, "ac"); out_u(c, v->tgsi_dim); out_s(c, "_data");
        break;
    default: out_s(c, "shm"); out_u(c, v->tgsi_first); break;
    }
}

/* ---------------------------------------------------------------- preparation */

static void note_access(glsl_ctx *c, ir_instr *in, void *unused)
{
    (void)unused;
    switch (in->op) {
    case IR_OP_DEMOTE:
        c->uses_demote = true;
        break;
    case IR_OP_FBFETCH:
        if (in->u.access.var)
            gv_of(in->u.access.var)->fetched = true;
        break;
    case IR_OP_LOAD_VAR: case IR_OP_STORE_VAR: case IR_OP_INTERP: {
        ir_var *v = in->u.access.var;
        gvar *g = gv_of(v);
        unsigned idx_src = in->op == IR_OP_STORE_VAR ? 1 : 0;
        bool indirect = idx_src < in->num_srcs && in->srcs[idx_src].def;
        if (indirect && !g->builtin && v->array_len > 0 && in->op != IR_OP_INTERP &&
            (v->kind == IR_VAR_INPUT || v->kind == IR_VAR_OUTPUT)) {
            if (v->per_vertex)
                g->select = true;
            else
                g->local = true;
        }
        if (in->op == IR_OP_STORE_VAR)
            g->stored = true;
        else
            g->loaded = true;
        break;
    }
    case IR_OP_TEX:
        if (in->u.tex.sampler && gv_of(in->u.tex.sampler)->texture < 0)
            gv_of(in->u.tex.sampler)->texture = in->u.tex.texture;
        break;
    case IR_OP_IMAGE_LOAD: case IR_OP_IMAGE_STORE: case IR_OP_IMAGE_ATOMIC:
    case IR_OP_BUFFER_LOAD: case IR_OP_BUFFER_STORE: case IR_OP_BUFFER_ATOMIC: {
        ir_var *v = in->u.mem.var;
        if (!v)
            break;
        gvar *g = gv_of(v);
        g->qualifiers |= in->u.mem.qualifiers;
        if (in->op == IR_OP_IMAGE_LOAD || in->op == IR_OP_BUFFER_LOAD)
            g->loaded = true;
        else if (in->op == IR_OP_IMAGE_STORE || in->op == IR_OP_BUFFER_STORE)
            g->stored = true;
        else
            g->atomics = true;
        if (atomic_wants_int_view(in))
            g->int_view = true;
        break;
    }
    default:
        break;
    }
}

typedef struct walk_ctx { glsl_ctx *c; } walk_ctx;

static void note_block(ir_block *b, void *p)
{
    glsl_ctx *c = ((walk_ctx *)p)->c;
    IR_FOREACH_INSTR(b, in)
        note_access(c, in, NULL);
}

void io_prepare(glsl_ctx *c)
{
    ir_shader *s = c->s;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        gvar *g = ARENA_NEW(c->a, gvar);
        if (!g) {
            glsl_out_of_memory(c);
            return;
        }
        g->texture = v->kind == IR_VAR_SAMPLER && v->texture != T2G_TEXTURE_UNKNOWN ? v->texture : -1;
        v->backend_data = g;
        g->builtin = find_builtin(c, v);
        if (!g->builtin && (v->kind == IR_VAR_SYSTEM_VALUE ||
                            (!is_varying_semantic(v->semantic) && !private_output_varying(c, v) &&
                             !(c->stage == T2G_STAGE_VERTEX && v->kind == IR_VAR_INPUT) &&
                             !(c->stage == T2G_STAGE_FRAGMENT && v->kind == IR_VAR_OUTPUT) &&
                             (v->kind == IR_VAR_INPUT || v->kind == IR_VAR_OUTPUT)))) {
            glsl_refuse(c, "%s %s has no GLSL equivalent",
                        v->kind == IR_VAR_OUTPUT ? "output" : "input",
                        ir_semantic_name(v->semantic));
        }
    }
    walk_ctx w = { c };
    ir_foreach_block(&s->body, note_block, &w);

    /* Int views of storage blocks are extra blocks at the same binding: only while the
     * host's per-stage block limit leaves room (else signed min/max loop on a CAS). */
    uint32_t blocks = 0, views = 0;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        if (v->kind == IR_VAR_BUFFER || v->kind == IR_VAR_ATOMIC_BUFFER) {
            blocks++;
            views += gv_of(v)->int_view;
        }
    }
    if (views && ((c->key->max_ssbos && blocks + views > c->key->max_ssbos) ||
                  !glsl_has(c, GF_BINDING)))
        for (uint32_t i = 0; i < s->num_vars; i++)
            gv_of(s->vars[i])->int_view = false;

    /* TGSI packs clip then cull distances into the CLIPDIST slots. */
    c->num_clip = ir_prop_is_set(s, IR_PROP_NUM_CLIPDIST_ENABLED)
                      ? s->props[IR_PROP_NUM_CLIPDIST_ENABLED] : 8;
    c->num_cull = ir_prop_is_set(s, IR_PROP_NUM_CULLDIST_ENABLED)
                      ? s->props[IR_PROP_NUM_CULLDIST_ENABLED] : 0;
    if (!ir_prop_is_set(s, IR_PROP_NUM_CLIPDIST_ENABLED) && c->num_cull)
        c->num_clip = 0;

    if (c->stage == T2G_STAGE_FRAGMENT &&
        ir_prop_is_set(s, IR_PROP_FS_COLOR0_WRITES_ALL_CBUFS) &&
        s->props[IR_PROP_FS_COLOR0_WRITES_ALL_CBUFS]) {
        for (uint32_t i = 0; i < s->num_vars; i++) {
            ir_var *v = s->vars[i];
            if (v->kind == IR_VAR_OUTPUT && v->semantic == T2G_SEMANTIC_COLOR &&
                v->semantic_index == 0 && !v->array_len) {
                c->color0 = v;
                c->color0_copies = c->key->fs_num_cbufs ? c->key->fs_num_cbufs : 1;
                if (c->color0_copies > T2G_MAX_RENDER_TARGETS)
                    c->color0_copies = T2G_MAX_RENDER_TARGETS;
            }
        }
    }
}

/* ---------------------------------------------------------------- builtin access */

/* Index bounds.  GLSL leaves an array index out of range undefined and drivers take that at
 * its word: llvmpipe read before a tessellation control shader's input patch for a fuzzed
 * i_g0[-gl_InvocationID].  The guest's indices are not trusted, so an index that is not a
 * constant in range is clamped into [0, bound) as an unsigned value (a negative one lands
 * on the last element).  BOUND_PATCH: the patch's vertex count, known only at the draw. */

static bool is_invocation_id(ir_src s)
{
    const ir_instr *d = s.def;
    return d && d->op == IR_OP_LOAD_VAR && d->u.access.var->kind == IR_VAR_SYSTEM_VALUE &&
           d->u.access.var->semantic == T2G_SEMANTIC_INVOCATIONID && s.swizzle[0] == 0;
}

/* The vertex count a per-vertex array's first index stays below. */
static uint32_t vertex_bound(glsl_ctx *c, const ir_var *v)
{
    bool tess = c->stage == T2G_STAGE_TESS_CTRL || c->stage == T2G_STAGE_TESS_EVAL;
    if (v->kind == IR_VAR_INPUT && tess)
        return BOUND_PATCH;
    if (v->kind == IR_VAR_INPUT && c->stage == T2G_STAGE_GEOMETRY)
        return ir_gs_input_vertices(c->s);
    if (v->kind == IR_VAR_OUTPUT && c->stage == T2G_STAGE_TESS_CTRL) {
        uint32_t n = glsl_prop(c, IR_PROP_TCS_VERTICES_OUT, 1);
        return n ? n : 1;
    }
    return v->vertices;
}

/* `ind + k` (or `- |k|`) in type `as` (a uint constant takes its suffix). */
static void emit_index_plus(glsl_ctx *c, ir_src ind, ir_base as, int64_t k)
{
    emit_src_as(c, ind, 1, as, k ? P_ADD : P_NONE);
    if (!k)
        return;
    out_s(c, k < 0 ? " - " : " + ");
    out_i(c, k < 0 ? -k : k);
    if (as == IR_U32)
        out_c(c, 'u');
}

/* [base + ind], clamped into [0, bound) unless it is a constant within it.  gl_InvocationID,
 * the only index a TCS may write its outputs with, is below the output patch's size. */
void out_index(glsl_ctx *c, int32_t base, ir_src ind, uint32_t bound)
{
    int64_t k = base;
    if (ind.def && ind.def->op == IR_OP_CONST) {
        k += (int32_t)const_u32(ind, 0);
        ind = ir_src_none();
    }
    out_c(c, '[');
    if (!ind.def) {
        if (bound == BOUND_PATCH && k != 0) {
            if (k > 0) {
                out_s(c, "min(");
                out_i(c, k);
                out_s(c, ", ");
            }
            out_s(c, "gl_PatchVerticesIn - 1");
            if (k > 0)
                out_c(c, ')');
        } else if (bound != BOUND_NONE && (k < 0 || k >= bound)) {
            out_u(c, bound - 1);
        } else {
            out_i(c, k);
        }
        out_c(c, ']');
        return;
    }
    if (bound == BOUND_NONE || (k == 0 && bound != BOUND_PATCH && is_invocation_id(ind))) {
        emit_index_plus(c, ind, IR_I32, k);
        out_c(c, ']');
        return;
    }
    if (!glsl_could(c, GF_UNSIGNED)) {
        /* ESSL 1.00 has neither uint nor an integer clamp(): clamp as a float, exact for
         * every index below 2^24. */
        out_s(c, "int(clamp(float(");
        emit_index_plus(c, ind, IR_I32, k);
        out_s(c, "), 0.0, ");
        out_u(c, bound - 1);
        out_s(c, ".0))]");
        return;
    }
    out_s(c, "min(");
    emit_index_plus(c, ind, IR_U32, k);
    if (bound == BOUND_PATCH) {
        out_s(c, ", uint(gl_PatchVerticesIn - 1))]");
    } else {
        out_s(c, ", ");
        out_u(c, bound - 1);
        out_s(c, "u)]");
    }
}

/* Where a variable access names its vertex and element. */
typedef struct access {
    ir_var *var;
    int32_t index, dim;
    ir_src index_src, dim_src;
} access;

static access access_of(const ir_instr *in)
{
    access a = { in->u.access.var, in->u.access.index, in->u.access.dim, ir_src_none(), ir_src_none() };
    unsigned first = in->op == IR_OP_STORE_VAR ? 1 : 0;
    if (first < in->num_srcs)
        a.index_src = in->srcs[first];
    if (in->op != IR_OP_INTERP && first + 1 < in->num_srcs)
        a.dim_src = in->srcs[first + 1];
    if (in->op == IR_OP_INTERP && in->num_srcs > 2)
        a.dim_src = in->srcs[2];
    return a;
}

static const char *builtin_name(glsl_ctx *c, const glsl_builtin *b)
{
    if (b->ext_name && b->feature != NOFEAT && c->d->rules[b->feature].core == 0)
        return b->ext_name;
    if (b->ext_name && b->feature != NOFEAT && c->d->version < c->d->rules[b->feature].core)
        return b->ext_name;
    return b->name;
}

/* Prints natural component k (k < 0: the whole builtin) of element a.index. */
static void builtin_comp(glsl_ctx *c, const access *a, const glsl_builtin *b, int k)
{
    const ir_var *v = a->var;
    if (per_vertex_block_member(v)) {
        bool out = v->kind == IR_VAR_OUTPUT;
        out_s(c, out ? "gl_out" : "gl_in");
        out_index(c, a->dim, a->dim_src, vertex_bound(c, v));
        out_c(c, '.');
    }
    if (b->form == BF_CLIP) {
        uint32_t d = 4 * (v->semantic_index + (uint32_t)a->index) + (uint32_t)k;
        if (d < c->num_clip) {
            out_s(c, "gl_ClipDistance[");
            out_u(c, d);
        } else {
            glsl_need(c, GF_CULL_DISTANCE, "cull distances");
            out_s(c, "gl_CullDistance[");
            out_u(c, d - c->num_clip);
        }
        out_c(c, ']');
        return;
    }
    if (b->form == BF_NOBASE) {
        out_s(c, "(gl_VertexID - ");
        out_s(c, builtin_name(c, b));
        out_c(c, ')');
        return;
    }
    out_s(c, builtin_name(c, b));
    switch (b->form) {
    case BF_PLAIN:
        if (b->comps > 1 && k >= 0) {
            out_c(c, '.');
            out_c(c, "xyzw"[k]);
        }
        break;
    case BF_ARRAY:
        out_c(c, '[');
        out_u(c, (b->semantic == T2G_SEMANTIC_CULLDIST ? 4 * (v->semantic_index + (uint32_t)a->index) : 0) + (uint32_t)k);
        out_c(c, ']');
        break;
    case BF_INDEX0:
        out_s(c, "[0]");
        break;
    default:
        break;
    }
}

static bool clip_comp_exists(glsl_ctx *c, const access *a, unsigned k)
{
    uint32_t d = 4 * (a->var->semantic_index + (uint32_t)a->index) + k;
    return d < c->num_clip + c->num_cull;
}

static void out_zero(glsl_ctx *c, ir_base b)
{
    emit_const_scalar(c, b, 0);
}

/* One natural scalar converted to base `to`. */
static void builtin_scalar(glsl_ctx *c, const access *a, const glsl_builtin *b, int k, ir_base to)
{
    if (b->form == BF_FACE) {
        /* TGSI's FACE is +1.0 for front faces, -1.0 for back faces. */
        if (to != IR_F32) {
            out_s(c, bitcast_fn(c, IR_F32, to, 1));
            out_c(c, '(');
        }
        out_s(c, "(gl_FrontFacing ? 1.0 : -1.0)");
        if (to != IR_F32)
            out_c(c, ')');
        return;
    }
    ir_base nb = (ir_base)b->base;
    if ((nb == IR_F32) != (to == IR_F32) && to != IR_BOOL)
        glsl_need(c, GF_BIT_ENCODING, "bit casts");
    if (nb == IR_BOOL && to != IR_BOOL) {
        /* TGSI booleans are ~0 / 0. */
        if (to == IR_F32)
            out_s(c, "intBitsToFloat");
        out_c(c, '(');
        builtin_comp(c, a, b, k);
        out_s(c, to == IR_U32 ? " ? 0xffffffffu : 0u)" : " ? -1 : 0)");
        if (to == IR_F32)
            out_c(c, ')');
        return;
    }
    const char *fn = bitcast_fn(c, nb, to, 1);
    if (fn[0]) {
        out_s(c, fn);
        out_c(c, '(');
    }
    builtin_comp(c, a, b, k);
    if (fn[0])
        out_c(c, ')');
}

/* Features a builtin needs beyond its own row: point size in geometry/tessellation on ES. */
static void builtin_features(glsl_ctx *c, const glsl_builtin *b)
{
    glsl_need(c, b->feature == NOFEAT ? GF_COUNT : (enum glsl_feature)b->feature, b->name);
    if (b->semantic == T2G_SEMANTIC_PSIZE && c->stage == T2G_STAGE_GEOMETRY)
        glsl_need(c, GF_GS_POINT_SIZE, "gl_PointSize in a geometry shader");
    if (b->semantic == T2G_SEMANTIC_PSIZE &&
        (c->stage == T2G_STAGE_TESS_CTRL || c->stage == T2G_STAGE_TESS_EVAL))
        glsl_need(c, GF_TESS_POINT_SIZE, "gl_PointSize in a tessellation shader");
}

static void builtin_read(glsl_ctx *c, const access *a, const glsl_builtin *b, ir_base to, unsigned n)
{
    if (b->form == BF_ZERO) {
        if (n > 1)
            out_type(c, to, n);
        if (n > 1)
            out_c(c, '(');
        out_zero(c, to);
        if (n > 1)
            out_c(c, ')');
        return;
    }
    builtin_features(c, b);
    if (b->form == BF_PLAIN && b->first == 0 && n <= b->comps && b->base != IR_BOOL) {
        const char *fn = bitcast_fn(c, (ir_base)b->base, to, n);
        if (fn[0]) {
            if (b->base == IR_F32 || to == IR_F32)
                glsl_need(c, GF_BIT_ENCODING, "bit casts");
            out_s(c, fn);
            out_c(c, '(');
        }
        builtin_comp(c, a, b, -1);
        if (n < b->comps) {
            out_c(c, '.');
            strbuf_appendn(c->o, "xyzw", n);
        }
        if (fn[0])
            out_c(c, ')');
        return;
    }
    if (n > 1) {
        out_type(c, to, n);
        out_c(c, '(');
    }
    for (unsigned i = 0; i < n; i++) {
        if (i)
            out_s(c, ", ");
        int k = (int)i - b->first;
        bool exists = k >= 0 && k < b->comps;
        if (b->form == BF_CLIP)
            exists = clip_comp_exists(c, a, i);
        if (exists)
            builtin_scalar(c, a, b, k, to);
        else
            out_zero(c, to);
    }
    if (n > 1)
        out_c(c, ')');
}

/* ---------------------------------------------------------------- loads */

/* The GLSL variable of element `elem` of a varying: g0, i_g0[v].g0, o_g0[v].g0. */
static void out_elem_access_named(glsl_ctx *c, const access *a, uint32_t elem)
{
    ir_var *v = a->var;
    if (v->per_vertex && c->io_blocks && !v->patch) {
        out_s(c, v->kind == IR_VAR_INPUT ? "i_" : "o_");
        out_io_name(c, v, elem);
        out_index(c, a->dim, a->dim_src, vertex_bound(c, v));
        out_c(c, '.');
        out_io_name(c, v, elem);
        return;
    }
    out_io_name(c, v, elem);
    if (v->per_vertex)
        out_index(c, a->dim, a->dim_src, vertex_bound(c, v));
}

static void out_elem_access(glsl_ctx *c, const access *a, uint32_t elem_known)
{
    ir_var *v = a->var;
    gvar *g = gv_of(v);
    if (g->local) {
        out_s(c, "io");
        out_u(c, v->id);
        if (v->per_vertex)
            out_index(c, a->dim, a->dim_src, vertex_bound(c, v));
        out_index(c, a->index, a->index_src, v->array_len);
        return;
    }
    if (g->builtin && g->builtin->form == BF_PRIVATE) {
        out_s(c, "priv");
        out_u(c, v->id);
        if (v->array_len)
            out_index(c, a->index, a->index_src, v->array_len);
        return;
    }
    out_elem_access_named(c, a, elem_known);
}

bool io_load_is_atom(glsl_ctx *c, const ir_instr *in)
{
    ir_var *v = in->u.access.var;
    if (var_is_writable(v))
        return false;
    for (unsigned i = 0; i < in->num_srcs; i++)
        if (in->srcs[i].def && in->srcs[i].def->op != IR_OP_CONST)
            return false;
    gvar *g = gv_of(v);
    return !g->local;
}

bool io_access_prints_index_twice(glsl_ctx *c, const ir_instr *in)
{
    gvar *g = gv_of(in->u.access.var);
    bool interp_select = in->op == IR_OP_INTERP && in->num_srcs > 0 && in->srcs[0].def;
    return g->builtin != NULL || g->select || interp_select;
}

/* `vec4[N](elem0, elem1, ...)[index]`: an indirectly indexed element of I/O that is not
 * one GLSL array (each varying is its own variable); `interp` wraps each element in
 * interpolateAt*(elem, extra). */
static void select_elem(glsl_ctx *c, const access *a, const char *interp, const ir_instr *in)
{
    ir_var *v = a->var;
    uint32_t n = v->array_len ? v->array_len : 1;
    out_s(c, "vec4[");
    out_u(c, n);
    out_s(c, "](");
    for (uint32_t e = 0; e < n; e++) {
        if (e)
            out_s(c, ", ");
        ir_base db = io_decl_base(c, v, e);
        const char *fn = interp ? "" : bitcast_fn(c, db, IR_F32, 4);
        out_s(c, fn[0] ? fn : "");
        if (fn[0])
            out_c(c, '(');
        if (interp)
            out_s(c, interp);
        access one = *a;
        one.index = (int32_t)e;
        one.index_src = ir_src_none();
        out_elem_access_named(c, &one, e);
        if (interp && in && in->u.access.interp_mode == 1) {
            out_s(c, ", ");
            emit_src_comp(c, in->srcs[1], 0, IR_I32, P_NONE);
        } else if (interp && in && in->u.access.interp_mode == 2) {
            out_s(c, ", ");
            emit_src_as(c, in->srcs[1], 2, IR_F32, P_NONE);
        }
        if (interp || fn[0])
            out_c(c, ')');
    }
    out_c(c, ')');
    out_index(c, a->index, a->index_src, n);
}

/* The element count a register-file array is declared with (glsl_decl.c, io_prologue); the
 * driver block is indexed only by the lowerings' own constants. */
static uint32_t declared_len(const ir_var *v)
{
    if (v->kind == IR_VAR_DRIVER)
        return BOUND_NONE;
    if (v->array_len)
        return v->array_len;
    return v->kind == IR_VAR_CONST_BUFFER && v->size ? v->size : 1;
}

/* A register-file element (arrays, constants): name[index], bit cast to the load's type. */
static void array_load(glsl_ctx *c, ir_instr *in, const char *rp, const char *prefix, int64_t num,
                       ir_type elem)
{
    access a = access_of(in);
    unsigned n = in->type.comps;
    ir_base to = (ir_base)in->type.base;
    const char *fn = bitcast_fn(c, (ir_base)elem.base, to, n);
    if (fn[0]) {
        if (elem.base == IR_F32 || to == IR_F32)
            glsl_need(c, GF_BIT_ENCODING, "bit casts");
        out_s(c, fn);
        out_c(c, '(');
    }
    out_s(c, rp);
    out_s(c, prefix);
    if (num >= 0)
        out_u(c, (uint64_t)num);
    if (a.var->array_len || a.var->kind == IR_VAR_CONST_BUFFER)
        out_index(c, a.index, a.index_src, declared_len(a.var));
    if (n < elem.comps) {
        out_c(c, '.');
        strbuf_appendn(c->o, "xyzw", n);
    }
    if (fn[0])
        out_c(c, ')');
}

void emit_load_var(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.access.var;
    gvar *g = gv_of(v);
    unsigned n = in->type.comps;
    ir_base to = (ir_base)in->type.base;
    switch (v->kind) {
    case IR_VAR_TEMP_ARRAY:
        array_load(c, in, "", "r", v->id, v->type);
        return;
    case IR_VAR_IMMEDIATES:
        array_load(c, in, "", "imm", v->id, v->type);
        return;
    case IR_VAR_CONST_BUFFER:
        array_load(c, in, c->rp, "u", v->tgsi_dim, v->type);
        return;
    case IR_VAR_DRIVER:
        array_load(c, in, c->rp, "drv", -1, v->type);
        return;
    default:
        break;
    }
    access a = access_of(in);
    if (g->builtin && g->builtin->form != BF_PRIVATE) {
        builtin_read(c, &a, g->builtin, to, n);
        return;
    }
    bool select = g->select && a.index_src.def;
    ir_base db = g->local || g->builtin || select ? (ir_base)v->type.base
                                                  : io_decl_base(c, v, (uint32_t)a.index);
    const char *fn = bitcast_fn(c, db, to, n);
    if (fn[0]) {
        if (db == IR_F32 || to == IR_F32)
            glsl_need(c, GF_BIT_ENCODING, "bit casts");
        out_s(c, fn);
        out_c(c, '(');
    }
    if (select)
        select_elem(c, &a, NULL, NULL);
    else
        out_elem_access(c, &a, (uint32_t)a.index);
    if (n < 4) {
        out_c(c, '.');
        strbuf_appendn(c->o, "xyzw", n);
    }
    if (fn[0])
        out_c(c, ')');
}

void emit_interp(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.access.var;
    gvar *g = gv_of(v);
    unsigned n = in->type.comps;
    glsl_need(c, GF_SAMPLE_INTERPOLATION, "interpolateAt*()");
    if (g->builtin || v->kind != IR_VAR_INPUT || v->per_vertex) {
        glsl_refuse(c, "interpolation at a sample/offset of a builtin");
        return;
    }
    access a = access_of(in);
    static const char *const fns[] = { "interpolateAtCentroid(", "interpolateAtSample(",
                                       "interpolateAtOffset(" };
    unsigned mode = in->u.access.interp_mode < 3 ? in->u.access.interp_mode : 0;
    const char *fn = bitcast_fn(c, IR_F32, (ir_base)in->type.base, n);
    if (fn[0]) {
        out_s(c, fn);
        out_c(c, '(');
    }
    if (a.index_src.def) {
        /* interpolateAt* needs the input itself, never a local copy: pick the element. */
        select_elem(c, &a, fns[mode], in);
        if (n < 4) {
            out_c(c, '.');
            strbuf_appendn(c->o, "xyzw", n);
        }
        if (fn[0])
            out_c(c, ')');
        return;
    }
    out_s(c, fns[mode]);
    out_elem_access_named(c, &a, (uint32_t)a.index);
    if (mode == 1) {
        out_s(c, ", ");
        emit_src_comp(c, in->srcs[1], 0, IR_I32, P_NONE);
    } else if (mode == 2) {
        out_s(c, ", ");
        emit_src_as(c, in->srcs[1], 2, IR_F32, P_NONE);
    }
    out_c(c, ')');
    if (n < 4) {
        out_c(c, '.');
        strbuf_appendn(c->o, "xyzw", n);
    }
    if (fn[0])
        out_c(c, ')');
}

/* ---------------------------------------------------------------- stores */

bool io_store_prints_value_twice(glsl_ctx *c, const ir_instr *in)
{
    ir_var *v = in->u.access.var;
    gvar *g = gv_of(v);
    if (v == c->color0 && c->color0_copies > 1)
        return true;
    if (g->select)
        return true;
    if (!g->builtin)
        return false;
    const glsl_builtin *b = g->builtin;
    return b->form == BF_ARRAY || b->form == BF_CLIP || b->form == BF_INDEX0 ||
           (b->form == BF_PLAIN && b->comps == 1);
}

static void store_line_begin(glsl_ctx *c)
{
    out_indent(c);
}

/* `dst.mask = value.swz;` for the written components `comps`. */
static void store_masked(glsl_ctx *c, ir_src value, const uint8_t *comps, unsigned n,
                         unsigned elem_comps, ir_base to)
{
    if (n < elem_comps) {
        out_c(c, '.');
        out_swz(c, comps, n);
    }
    out_s(c, " = ");
    ir_src s = value;
    for (unsigned i = 0; i < n; i++)
        s.swizzle[i] = value.swizzle[comps[i]];
    emit_src_as(c, s, n, to, P_NONE);
    out_s(c, ";\n");
}

static void builtin_store(glsl_ctx *c, const access *a, const glsl_builtin *b, ir_src value,
                          unsigned mask)
{
    builtin_features(c, b);
    if (b->form == BF_PLAIN && b->comps > 1) {
        uint8_t comps[4], nat[4];
        unsigned n = 0;
        for (unsigned i = 0; i < 4; i++) {
            int k = (int)i - b->first;
            if ((mask >> i & 1) && k >= 0 && k < b->comps) {
                comps[n] = (uint8_t)i;
                nat[n++] = (uint8_t)k;
            }
        }
        if (!n)
            return;
        store_line_begin(c);
        builtin_comp(c, a, b, -1);
        if (n < b->comps) {
            out_c(c, '.');
            out_swz(c, nat, n);
        }
        out_s(c, " = ");
        ir_src s = value;
        for (unsigned i = 0; i < n; i++)
            s.swizzle[i] = value.swizzle[comps[i]];
        emit_src_as(c, s, n, (ir_base)b->base, P_NONE);
        out_s(c, ";\n");
        return;
    }
    for (unsigned i = 0; i < 4; i++) {
        int k = (int)i - b->first;
        if (!(mask >> i & 1) || k < 0 || k >= b->comps)
            continue;
        if (b->form == BF_CLIP && !clip_comp_exists(c, a, i))
            continue;
        store_line_begin(c);
        builtin_comp(c, a, b, b->form == BF_CLIP ? (int)i : k);
        out_s(c, " = ");
        emit_src_comp(c, value, i, (ir_base)b->base, P_NONE);
        out_s(c, ";\n");
    }
}

void emit_store_var(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.access.var;
    gvar *g = gv_of(v);
    access a = access_of(in);
    ir_src value = in->srcs[0];
    unsigned mask = in->u.access.writemask ? in->u.access.writemask : 0xf;
    unsigned ec = v->type.comps ? v->type.comps : 1;
    mask &= (1u << ec) - 1;
    if (g->builtin && g->builtin->form != BF_PRIVATE) {
        builtin_store(c, &a, g->builtin, value, mask);
        return;
    }
    uint8_t comps[4];
    unsigned n = 0;
    for (unsigned i = 0; i < ec; i++)
        if (mask >> i & 1)
            comps[n++] = (uint8_t)i;
    if (!n)
        return;
    if (v->kind == IR_VAR_TEMP_ARRAY) {
        store_line_begin(c);
        out_c(c, 'r');
        out_u(c, v->id);
        out_index(c, a.index, a.index_src, v->array_len ? v->array_len : 1);
        store_masked(c, value, comps, n, ec, (ir_base)v->type.base);
        return;
    }
    if (g->select && a.index_src.def) {
        /* switch (index) { case e: o_g<e>[v].g<e> = value; break; ... } */
        out_indent(c);
        out_s(c, "switch (");
        emit_src_as(c, a.index_src, 1, IR_I32, P_ADD);
        if (a.index) {
            out_s(c, a.index < 0 ? " - " : " + ");
            out_i(c, a.index < 0 ? -(int64_t)a.index : a.index);
        }
        out_s(c, ") {\n");
        for (uint32_t e = 0; e < v->array_len; e++) {
            out_indent(c);
            out_s(c, "case ");
            out_u(c, e);
            out_s(c, ":\n");
            c->indent++;
            store_line_begin(c);
            out_elem_access_named(c, &a, e);
            store_masked(c, value, comps, n, ec, io_decl_base(c, v, e));
            out_indent(c);
            out_s(c, "break;\n");
            c->indent--;
        }
        out_indent(c);
        out_s(c, "}\n");
        return;
    }
    unsigned copies = v == c->color0 ? c->color0_copies : 1;
    for (unsigned k = 0; k < copies; k++) {
        store_line_begin(c);
        out_elem_access(c, &a, (uint32_t)a.index + k);
        ir_base db = g->local || g->builtin ? (ir_base)v->type.base
                                            : io_decl_base(c, v, (uint32_t)a.index + k);
        store_masked(c, value, comps, n, ec, db);
    }
}

/* ---------------------------------------------------------------- local I/O arrays */

/* FBFETCH reads what the framebuffer held before this invocation: the inout output as
 * main() starts, before the shader writes it. */
void emit_fbfetch(glsl_ctx *c, ir_instr *in)
{
    ir_var *v = in->u.access.var;
    uint32_t e = (uint32_t)in->u.access.index;
    unsigned n = in->type.comps ? in->type.comps : 4;
    const char *fn = bitcast_fn(c, io_decl_base(c, v, e), (ir_base)in->type.base, n);
    if (fn[0]) {
        out_s(c, fn);
        out_c(c, '(');
    }
    out_s(c, "fb");
    out_u(c, v->semantic_index + e);
    if (n < 4) {
        out_c(c, '.');
        strbuf_appendn(c->o, "xyzw", n);
    }
    if (fn[0])
        out_c(c, ')');
}

static void fbfetch_prologue(glsl_ctx *c, ir_var *v)
{
    glsl_need(c, GF_FRAMEBUFFER_FETCH, "framebuffer fetch");
    uint32_t n = v->array_len ? v->array_len : 1;
    for (uint32_t e = 0; e < n; e++) {
        out_s(c, "\t");
        out_type(c, io_decl_base(c, v, e), 4);
        out_s(c, " fb");
        out_u(c, v->semantic_index + e);
        out_s(c, " = ");
        out_io_name(c, v, e);
        out_s(c, ";\n");
    }
}

void io_prologue(glsl_ctx *c)
{
    ir_shader *s = c->s;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        gvar *g = gv_of(v);
        if (g->fetched)
            fbfetch_prologue(c, v);
        if (v->kind == IR_VAR_TEMP_ARRAY) {
            out_s(c, "\t");
            out_type(c, (ir_base)v->type.base, v->type.comps);
            out_s(c, " r");
            out_u(c, v->id);
            out_c(c, '[');
            out_u(c, v->array_len ? v->array_len : 1);
            out_s(c, "];\n");
            continue;
        }
        if (!g->local)
            continue;
        if (v->per_vertex) {
            glsl_refuse(c, "indirect addressing of a per-vertex %s array",
                        v->kind == IR_VAR_INPUT ? "input" : "output");
            return;
        }
        out_s(c, "\tvec4 io");
        out_u(c, v->id);
        out_c(c, '[');
        out_u(c, v->array_len);
        out_c(c, ']');
        if (v->kind == IR_VAR_INPUT) {
            out_s(c, " = vec4[](");
            for (uint32_t e = 0; e < v->array_len; e++) {
                if (e)
                    out_s(c, ", ");
                ir_base db = io_decl_base(c, v, e);
                const char *fn = bitcast_fn(c, db, IR_F32, 4);
                out_s(c, fn);
                if (fn[0])
                    out_c(c, '(');
                out_io_name(c, v, e);
                if (fn[0])
                    out_c(c, ')');
            }
            out_c(c, ')');
        } else {
            c->has_local_outputs = true;
        }
        out_s(c, ";\n");
    }
}

void io_epilogue(glsl_ctx *c)
{
    if (!c->has_local_outputs)
        return;
    ir_shader *s = c->s;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        gvar *g = gv_of(v);
        if (!g->local || v->kind != IR_VAR_OUTPUT)
            continue;
        for (uint32_t e = 0; e < v->array_len; e++) {
            out_indent(c);
            out_io_name(c, v, e);
            out_s(c, " = ");
            ir_base db = io_decl_base(c, v, e);
            const char *fn = bitcast_fn(c, IR_F32, db, 4);
            out_s(c, fn);
            if (fn[0])
                out_c(c, '(');
            out_s(c, "io");
            out_u(c, v->id);
            out_c(c, '[');
            out_u(c, e);
            out_c(c, ']');
            if (fn[0])
                out_c(c, ')');
            out_s(c, ";\n");
        }
    }
}
