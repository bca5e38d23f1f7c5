/* Declarations and reflection: stage layouts, varyings (matched by name between stages),
 * vertex attributes and fragment outputs (explicit locations), and every resource with its
 * binding. */
#include "glsl_priv.h"

#include <stdio.h>

static void copy_name(char *dst, const char *src)
{
    glsl_name_copy(dst, T2G_NAME_MAX, src);
}

/* ---------------------------------------------------------------- varyings */

static const struct t2g_varying *next_input(glsl_ctx *c, const ir_var *v, uint32_t si)
{
    const struct t2g_key *k = c->key;
    if (!k->has_next_inputs)
        return NULL;
    for (uint32_t i = 0; i < k->num_next_inputs && i < T2G_MAX_VARYINGS; i++)
        if (k->next_inputs[i].semantic == v->semantic && k->next_inputs[i].semantic_index == si)
            return &k->next_inputs[i];
    return NULL;
}

/* The TGSI interpolation and location an element is emitted with. */
static void io_interp(glsl_ctx *c, const ir_var *v, uint32_t e, unsigned *interp, unsigned *loc)
{
    *interp = T2G_INTERP_PERSPECTIVE;
    *loc = T2G_INTERP_LOC_CENTER;
    if (v->patch)
        return;
    bool color = v->semantic == T2G_SEMANTIC_COLOR || v->semantic == T2G_SEMANTIC_BCOLOR;
    /* The fragment shader's own qualifier, where known: flat shading makes flat only the
     * colours it leaves to the rasterizer (T2G_INTERP_COLOR, which lower_flatshade
     * has turned into CONSTANT in the fragment shader itself). */
    bool declared = false;
    if (v->kind == IR_VAR_INPUT && c->stage == T2G_STAGE_FRAGMENT) {
        /* Only fragment inputs carry an interpolation in TGSI; elsewhere it reads as 0. */
        *interp = v->interp;
        *loc = v->interp_location;
        declared = true;
    } else if (v->kind == IR_VAR_OUTPUT) {
        /* Outputs take the interpolation the next stage declares; inputs of other stages
         * are not interpolated and stay unqualified, so their blocks match the outputs
         * they link with. */
        const struct t2g_varying *n = next_input(c, v, v->semantic_index + e);
        if (n) {
            *interp = n->interp;
            *loc = n->location;
            declared = true;   /* 0 (CONSTANT) where the next stage is not a fragment shader */
        }
    }
    bool smooth = *interp == T2G_INTERP_PERSPECTIVE || *interp == T2G_INTERP_LINEAR;
    if (color && c->key->flatshade && !(declared && smooth))
        *interp = T2G_INTERP_CONSTANT;
}

static void out_interp(glsl_ctx *c, unsigned interp, unsigned loc)
{
    /* ESSL 1.00 has neither flat nor centroid: every varying is smooth.  Flat colours
     * (glShadeModel(GL_FLAT)) then blend across the primitive, exact where its vertices
     * agree, as lit faces of one normal do; documented, not refused, since GL 2.1
     * programs flat-shade routinely. */
    if (!glsl_could(c, GF_FLAT))
        return;
    if (interp == T2G_INTERP_CONSTANT)
        out_s(c, "flat ");
    else if (interp == T2G_INTERP_LINEAR && glsl_has(c, GF_NOPERSPECTIVE))
        out_s(c, "noperspective "); /* ES has none: perspective is the nearest */
    if (interp == T2G_INTERP_CONSTANT)
        return;
    if (loc == T2G_INTERP_LOC_CENTROID)
        out_s(c, "centroid ");
    else if (loc == T2G_INTERP_LOC_SAMPLE && glsl_has(c, GF_SAMPLE_INTERPOLATION))
        out_s(c, "sample ");
}

static struct t2g_io *refl_io(glsl_ctx *c, bool out)
{
    struct t2g_reflection *r = c->refl;
    uint32_t *n = out ? &r->num_outputs : &r->num_inputs;
    if (*n >= T2G_MAX_IO) {
        glsl_refuse(c, "more than %d %s", T2G_MAX_IO, out ? "outputs" : "inputs");
        return NULL;
    }
    struct t2g_io *io = out ? &r->outputs[*n] : &r->inputs[*n];
    (*n)++;
    memset(io, 0, sizeof(*io));
    io->location = -1;
    return io;
}

static uint8_t varying_type(ir_base b)
{
    return b == IR_I32 ? T2G_VARYING_INT : b == IR_U32 ? T2G_VARYING_UINT : T2G_VARYING_FLOAT;
}

/* TGSI may declare one register twice (component-packed declarations); both variables
 * then name the same GLSL variable, declared once. */
static bool already_declared(glsl_ctx *c, bool out, const char *name)
{
    const struct t2g_reflection *r = c->refl;
    const struct t2g_io *io = out ? r->outputs : r->inputs;
    uint32_t n = out ? r->num_outputs : r->num_inputs;
    for (uint32_t i = 0; i < n; i++)
        if (!io[i].builtin && !strcmp(io[i].name, name))
            return true;
    return false;
}

/* ESSL 1.00: float attributes (bound by name), varyings, and fragment outputs that are
 * the builtin gl_FragData[n] under the output's own name (a #define, so every write and
 * swizzle of it stays as the common emitter prints it). */
static void declare_io_elem_es100(glsl_ctx *c, ir_var *v, uint32_t e, ir_base db,
                                  const char *name, int32_t location)
{
    bool out = v->kind == IR_VAR_OUTPUT;
    bool fs_out = c->stage == T2G_STAGE_FRAGMENT && out;
    if (db != IR_F32)
        glsl_refuse(c, "integer %s (GLSL ES 1.00 has float ones only)",
                    fs_out ? "colour outputs" : c->stage == T2G_STAGE_VERTEX && !out
                                                    ? "vertex attributes" : "varyings");
    unsigned interp = T2G_INTERP_PERSPECTIVE, loc = T2G_INTERP_LOC_CENTER;
    if (fs_out) {
        if (location > 0)
            glsl_need(c, GF_DRAW_BUFFERS, "fragment outputs past the first");
        out_s(c, "#define ");
        out_s(c, name);
        out_s(c, " gl_FragData[");
        out_u(c, (uint64_t)location);
        out_s(c, "]\n");
    } else if (c->stage == T2G_STAGE_VERTEX && !out) {
        out_s(c, "attribute vec4 ");
        out_s(c, name);
        out_s(c, ";\n");
    } else {
        io_interp(c, v, e, &interp, &loc);
        out_s(c, "varying vec4 ");
        out_s(c, name);
        out_s(c, ";\n");
    }
    struct t2g_io *io = refl_io(c, out);
    if (!io)
        return;
    copy_name(io->name, name);
    io->semantic = v->semantic;
    io->semantic_index = v->semantic_index + e;
    io->usage_mask = v->usage_mask ? v->usage_mask : 0xf;
    io->interp = (uint8_t)interp;
    io->interp_location = (uint8_t)loc;
    io->location = location;
    /* gl_FragData[n] is output n; attributes are bound by name. */
    io->location_in_source = fs_out;
    io->type = T2G_VARYING_FLOAT;
}

static void declare_io_elem(glsl_ctx *c, ir_var *v, uint32_t e, ir_base db, const char *name)
{
    bool out = v->kind == IR_VAR_OUTPUT;
    if (already_declared(c, out, name))
        return;
    bool vs_in = c->stage == T2G_STAGE_VERTEX && !out;
    bool fs_out = c->stage == T2G_STAGE_FRAGMENT && out;
    unsigned interp = T2G_INTERP_PERSPECTIVE, loc = T2G_INTERP_LOC_CENTER;
    int32_t location = -1;
    if (vs_in) {
        location = (int32_t)(v->tgsi_first + e);
        if (v->tgsi_first + e >= T2G_MAX_VERTEX_ATTRIBS) {
            glsl_refuse(c, "vertex attribute %u (at most %d)", v->tgsi_first + e,
                        T2G_MAX_VERTEX_ATTRIBS);
            return;
        }
    } else if (fs_out) {
        location = (int32_t)(v->semantic_index + e);
        if (v->semantic_index + e >= T2G_MAX_RENDER_TARGETS) {
            glsl_refuse(c, "fragment output %u (GL guarantees %d draw buffers)",
                        v->semantic_index + e, T2G_MAX_RENDER_TARGETS);
            return;
        }
    } else {
        io_interp(c, v, e, &interp, &loc);
    }
    if (glsl_es100(c)) {
        declare_io_elem_es100(c, v, e, db, name, location);
        return;
    }
    /* Without explicit locations the reflection tells the renderer to bind by name. */
    bool location_in_source = location >= 0 && glsl_has(c, GF_EXPLICIT_LOCATION);
    if (location_in_source) {
        out_s(c, "layout(location = ");
        out_u(c, (uint64_t)location);
        out_s(c, ") ");
    }
    if (out && c->stage == T2G_STAGE_GEOMETRY && v->stream) {
        glsl_need(c, GF_GS_STREAMS, "geometry shader streams");
        if (v->stream >= 4)
            glsl_refuse(c, "geometry shader stream %u (GL has 4)", v->stream);
        out_s(c, "layout(stream = ");
        out_u(c, v->stream);
        out_s(c, ") ");
    }
    bool block = c->io_blocks && !vs_in && !fs_out && !v->patch;
    /* invariant qualifies a variable, so a block's member rather than the block. */
    bool invariant = v->invariant && out && !c->d->es;
    if (invariant && !block)
        out_s(c, "invariant ");
    if (v->patch)
        out_s(c, "patch ");
    if (block) {
        out_s(c, out ? "out B_" : "in B_");
        out_s(c, name);
        out_s(c, " { ");
        if (invariant)
            out_s(c, "invariant ");
    }
    if (!vs_in && !fs_out && !v->patch && !(out && c->stage == T2G_STAGE_TESS_CTRL))
        out_interp(c, interp, loc);
    if (!block)
        out_s(c, fs_out && gv_of(v)->fetched ? "inout " : out ? "out " : "in ");
    out_type(c, db, 4);
    out_c(c, ' ');
    out_s(c, name);
    if (block) {
        out_s(c, "; }");
        if (v->per_vertex) {
            out_s(c, out ? " o_" : " i_");
            out_s(c, name);
        }
    }
    if (v->per_vertex)
        out_s(c, "[]");
    out_s(c, ";\n");

    struct t2g_io *io = refl_io(c, out);
    if (!io)
        return;
    copy_name(io->name, name);
    io->semantic = v->semantic;
    io->semantic_index = v->semantic_index + e;
    io->usage_mask = v->usage_mask ? v->usage_mask : 0xf;
    io->interp = (uint8_t)interp;
    io->interp_location = (uint8_t)loc;
    io->patch = v->patch;
    io->location = location;
    io->location_in_source = location_in_source;
    io->type = varying_type(db);
}

static void reflect_builtin(glsl_ctx *c, ir_var *v, const char *name)
{
    struct t2g_io *io = refl_io(c, v->kind == IR_VAR_OUTPUT);
    if (!io)
        return;
    copy_name(io->name, name ? name : "");
    io->semantic = v->semantic;
    io->semantic_index = v->semantic_index;
    io->usage_mask = v->usage_mask ? v->usage_mask : 0xf;
    io->builtin = true;
    io->patch = v->patch;
    io->type = varying_type((ir_base)v->type.base);
}

/* A transform feedback capture (lower_stream_output.c): exactly the captured components,
 * outside any interface block so glTransformFeedbackVaryings can name it, and not in the
 * reflection's outputs since no later stage reads it. */
static void declare_capture(glsl_ctx *c, ir_var *v)
{
    if (c->stage == T2G_STAGE_GEOMETRY && v->stream) {
        glsl_need(c, GF_GS_STREAMS, "geometry shader streams");
        out_s(c, "layout(stream = ");
        out_u(c, v->stream);
        out_s(c, ") ");
    }
    out_s(c, "out ");
    out_type(c, IR_F32, v->type.comps);
    out_s(c, " t2g_so");
    out_u(c, v->so_capture - 1u);
    out_s(c, ";\n");
}

static void declare_io(glsl_ctx *c, ir_var *v)
{
    gvar *g = gv_of(v);
    char name[T2G_NAME_MAX];
    if (v->so_capture) {
        declare_capture(c, v);
        return;
    }
    if (v->kind == IR_VAR_OUTPUT && v->semantic == T2G_SEMANTIC_EDGEFLAG)
        c->refl->writes_edge_flag = true;
    if (g->builtin) {
        if (g->builtin->form == BF_ZERO)
            return; /* read as a constant, nothing to declare */
        if (!g->builtin->name) {
            out_s(c, "vec4 priv");
            out_u(c, v->id);
            if (v->array_len) {
                out_c(c, '[');
                out_u(c, v->array_len);
                out_c(c, ']');
            }
            out_s(c, ";\n");
            return;
        }
        reflect_builtin(c, v, g->builtin->name);
        if (v->semantic == T2G_SEMANTIC_POSITION && v->kind == IR_VAR_OUTPUT &&
            c->stage == T2G_STAGE_FRAGMENT)
            c->refl->writes_depth = true;
        if (v->semantic == T2G_SEMANTIC_STENCIL && v->kind == IR_VAR_OUTPUT)
            c->refl->writes_stencil = true;
        if (v->semantic == T2G_SEMANTIC_SAMPLEMASK && v->kind == IR_VAR_OUTPUT)
            c->refl->writes_sample_mask = true;
        if (v->invariant && v->semantic == T2G_SEMANTIC_POSITION && v->kind == IR_VAR_OUTPUT &&
            !v->per_vertex && c->stage != T2G_STAGE_FRAGMENT)
            out_s(c, "invariant gl_Position;\n");
        return;
    }
    uint32_t n = v->array_len ? v->array_len : 1;
    unsigned copies = v == c->color0 ? c->color0_copies : 1;
    for (uint32_t e = 0; e < n + copies - 1; e++) {
        io_name_buf(c, v, e, name, sizeof(name));
        declare_io_elem(c, v, e, io_decl_base(c, v, e), name);
    }
}

/* ---------------------------------------------------------------- stage layouts */

static const char *gs_in_prim(unsigned p)
{
    switch (p) {
    case IR_PRIM_POINTS: return "points";
    case IR_PRIM_LINES: case IR_PRIM_LINE_STRIP: case IR_PRIM_LINE_LOOP: return "lines";
    case IR_PRIM_LINES_ADJACENCY: case IR_PRIM_LINE_STRIP_ADJACENCY: return "lines_adjacency";
    case IR_PRIM_TRIANGLES_ADJACENCY: case IR_PRIM_TRIANGLE_STRIP_ADJACENCY:
        return "triangles_adjacency";
    default: return "triangles";
    }
}

/* TGSI does not carry the shared size (the compute state does): what the variable says,
 * else the smallest maximum every ES 3.1 / GL 4.3 host offers. */
uint32_t shared_words(const ir_var *v)
{
    uint32_t bytes = v->size ? v->size : 16384;
    return (uint32_t)(((uint64_t)bytes + 3) / 4);
}

static const char *gs_out_prim(unsigned p)
{
    switch (p) {
    case IR_PRIM_POINTS: return "points";
    case IR_PRIM_LINES: case IR_PRIM_LINE_STRIP: case IR_PRIM_LINE_LOOP: return "line_strip";
    default: return "triangle_strip";
    }
}

uint32_t glsl_prop(glsl_ctx *c, enum ir_prop p, uint32_t dflt)
{
    return ir_prop_is_set(c->s, p) ? c->s->props[p] : dflt;
}

/* A property value printed into a layout qualifier must be within the host's limit (or
 * GL's minimum maximum when the key gives none): beyond it the source would not compile. */
static bool within(glsl_ctx *c, const char *what, uint64_t value, uint32_t key_limit,
                   uint32_t gl_min_max)
{
    uint32_t limit = key_limit ? key_limit : gl_min_max;
    if (value <= limit)
        return true;
    glsl_refuse(c, "%s %llu exceeds the host's limit of %u", what, (unsigned long long)value,
                limit);
    return false;
}

/* KHR_blend_equation_advanced: one layout(blend_support_X) per mode the guest declared;
 * the host refuses a draw whose blend equation the fragment shader did not declare. */
static void emit_blend_support(glsl_ctx *c)
{
    /* Mesa's enum gl_advanced_blend_mode, from 1 (bit n of the property is mode n). */
    static const char *const modes[16] = {
        NULL, "multiply", "screen", "overlay", "darken", "lighten", "colordodge", "colorburn",
        "hardlight", "softlight", "difference", "exclusion", "hsl_hue", "hsl_saturation",
        "hsl_color", "hsl_luminosity",
    };
    uint32_t mask = glsl_prop(c, IR_PROP_FS_BLEND_EQUATION_ADVANCED, 0);
    if (!mask)
        return;
    if (mask & ~0xfffeu) {
        glsl_refuse(c, "advanced blend equation bits 0x%x (modes are bits 1 to 15)", mask);
        return;
    }
    if (!glsl_need(c, GF_BLEND_EQUATION_ADVANCED, "advanced blend equations"))
        return;
    for (unsigned m = 1; m < 16; m++) {
        if (!(mask & (1u << m)))
            continue;
        out_s(c, "layout(blend_support_");
        out_s(c, modes[m]);
        out_s(c, ") out;\n");
    }
    c->refl->fs_blend_support = mask;
}

void io_declare_stage(glsl_ctx *c)
{
    struct t2g_reflection *r = c->refl;
    switch (c->stage) {
    case T2G_STAGE_GEOMETRY: {
        uint32_t in = glsl_prop(c, IR_PROP_GS_INPUT_PRIMITIVE, IR_PRIM_TRIANGLES);
        uint32_t outp = glsl_prop(c, IR_PROP_GS_OUTPUT_PRIMITIVE, IR_PRIM_TRIANGLE_STRIP);
        uint32_t maxv = glsl_prop(c, IR_PROP_GS_MAX_OUTPUT_VERTICES, 1);
        uint32_t inv = glsl_prop(c, IR_PROP_GS_INVOCATIONS, 1);
        r->gs_input_prim = in;
        r->gs_output_prim = outp;
        r->gs_max_vertices = maxv;
        r->gs_invocations = inv ? inv : 1;
        if (!within(c, "geometry shader max_vertices", maxv, c->key->max_gs_output_vertices, 256) ||
            !within(c, "geometry shader invocations", inv, c->key->max_gs_invocations, 32))
            return;
        out_s(c, "layout(");
        out_s(c, gs_in_prim(in));
        if (inv > 1) {
            glsl_need(c, GF_GS_INVOCATIONS, "geometry shader invocations");
            out_s(c, ", invocations = ");
            out_u(c, inv);
        }
        out_s(c, ") in;\nlayout(");
        out_s(c, gs_out_prim(outp));
        out_s(c, ", max_vertices = ");
        out_u(c, maxv);
        out_s(c, ") out;\n");
        break;
    }
    case T2G_STAGE_TESS_CTRL: {
        uint32_t n = glsl_prop(c, IR_PROP_TCS_VERTICES_OUT, 1);
        r->tcs_vertices_out = n;
        if (!within(c, "tessellation control output vertices", n, c->key->max_patch_vertices, 32))
            return;
        out_s(c, "layout(vertices = ");
        out_u(c, n ? n : 1);
        out_s(c, ") out;\n");
        break;
    }
    case T2G_STAGE_TESS_EVAL: {
        uint32_t mode = glsl_prop(c, IR_PROP_TES_PRIM_MODE, IR_PRIM_TRIANGLES);
        uint32_t spacing = glsl_prop(c, IR_PROP_TES_SPACING, IR_SPACING_EQUAL);
        bool cw = glsl_prop(c, IR_PROP_TES_VERTEX_ORDER_CW, 0) != 0;
        bool points = glsl_prop(c, IR_PROP_TES_POINT_MODE, 0) != 0;
        r->tes_prim_mode = mode;
        r->tes_spacing = spacing;
        r->tes_cw = cw;
        r->tes_point_mode = points;
        out_s(c, "layout(");
        out_s(c, mode == IR_PRIM_QUADS ? "quads" : mode == IR_PRIM_LINES ? "isolines" : "triangles");
        out_s(c, spacing == IR_SPACING_FRACTIONAL_ODD ? ", fractional_odd_spacing"
                 : spacing == IR_SPACING_FRACTIONAL_EVEN ? ", fractional_even_spacing"
                                                           : ", equal_spacing");
        out_s(c, cw ? ", cw" : ", ccw");
        if (points)
            out_s(c, ", point_mode");
        out_s(c, ") in;\n");
        break;
    }
    case T2G_STAGE_COMPUTE: {
        static const enum ir_prop p[3] = { IR_PROP_CS_FIXED_BLOCK_WIDTH,
                                                 IR_PROP_CS_FIXED_BLOCK_HEIGHT,
                                                 IR_PROP_CS_FIXED_BLOCK_DEPTH };
        static const uint32_t gl_max[3] = { 1024, 1024, 64 };
        static const char *const names[3] = { "compute block width", "compute block height",
                                               "compute block depth" };
        uint64_t total = 1;
        for (int i = 0; i < 3; i++) {
            uint32_t n = glsl_prop(c, p[i], 1);
            r->cs_block[i] = n ? n : 1;
            total *= r->cs_block[i];
            if (!within(c, names[i], r->cs_block[i], c->key->max_cs_block[i], gl_max[i]))
                return;
        }
        if (!within(c, "compute block invocations", total, c->key->max_cs_invocations, 1024))
            return;
        out_s(c, "layout(");
        for (int i = 0; i < 3; i++) {
            out_s(c, i == 0 ? "local_size_x = " : i == 1 ? ", local_size_y = " : ", local_size_z = ");
            out_u(c, r->cs_block[i]);
        }
        out_s(c, ") in;\n");
        break;
    }
    case T2G_STAGE_FRAGMENT: {
        if (glsl_prop(c, IR_PROP_FS_EARLY_DEPTH_STENCIL, 0)) {
            glsl_need(c, GF_EARLY_FRAGMENT_TESTS, "early fragment tests");
            out_s(c, "layout(early_fragment_tests) in;\n");
        }
        if (c->s->fragcoord_upper_left) {
            glsl_need(c, GF_FRAG_COORD_CONVENTIONS, "gl_FragCoord origin");
            out_s(c, "layout(origin_upper_left) in vec4 gl_FragCoord;\n");
        }
        uint32_t layout = glsl_prop(c, IR_PROP_FS_DEPTH_LAYOUT, 0);
        bool writes_depth = false;
        for (uint32_t i = 0; i < c->s->num_vars; i++)
            if (c->s->vars[i]->kind == IR_VAR_OUTPUT &&
                c->s->vars[i]->semantic == T2G_SEMANTIC_POSITION)
                writes_depth = true;
        /* A depth layout only promises; without the extension it is simply left out. */
        if (layout && writes_depth && glsl_has(c, GF_CONSERVATIVE_DEPTH)) {
            static const char *const names[] = { "", "depth_any", "depth_greater", "depth_less",
                                                 "depth_unchanged" };
            out_s(c, "layout(");
            out_s(c, layout < 5 ? names[layout] : "depth_any");
            out_s(c, ") out float gl_FragDepth;\n");
        }
        if (c->color0) {
            r->fs_color0_writes_all_cbufs = c->color0_copies;
        }
        emit_blend_support(c);
        break;
    }
    default:
        break;
    }
}

/* ---------------------------------------------------------------- resources */

static struct t2g_resource *refl_res(glsl_ctx *c, enum t2g_resource_kind kind, uint32_t index,
                                     uint32_t binding, bool in_source)
{
    struct t2g_reflection *r = c->refl;
    if (r->num_resources >= T2G_MAX_RESOURCES) {
        glsl_refuse(c, "more than %d resources", T2G_MAX_RESOURCES);
        return NULL;
    }
    struct t2g_resource *res = &r->resources[r->num_resources++];
    memset(res, 0, sizeof(*res));
    res->kind = kind;
    res->tgsi_index = index;
    res->binding = binding;
    res->binding_in_source = in_source;
    return res;
}

/* Element e of sampler or image variable v, named `<prefix><first>` or, in an array,
 * `<prefix><first>[e]`: the renderer binds each element as a resource of its own. */
static struct t2g_resource *refl_elem(glsl_ctx *c, enum t2g_resource_kind kind, const ir_var *v,
                                      const char *prefix, uint32_t e, uint32_t binding,
                                      bool in_source)
{
    struct t2g_resource *res = refl_res(c, kind, v->tgsi_first + e, binding + e, in_source);
    if (!res)
        return NULL;
    if (v->array_len)
        snprintf(res->name, T2G_NAME_MAX, "%s%s%u[%u]", c->rp, prefix, v->tgsi_first, e);
    else
        glsl_name_num(res->name, T2G_NAME_MAX, c->rp, prefix, v->tgsi_first, "");
    return res;
}

/* Resource indices beyond the host's per-stage limit (the key's, else the smallest the
 * target guarantees) would not link; without a key limit the binding itself is also kept
 * below the target's guaranteed total, which is what a validator enforces. */
enum res_limit { RL_SAMPLER, RL_IMAGE, RL_UBO, RL_SSBO };

static bool resource_fits(glsl_ctx *c, enum res_limit kind, const ir_var *v, uint32_t index,
                          uint32_t binding)
{
    static const char *const what[] = { "sampler", "image", "uniform buffer", "storage buffer" };
    const struct t2g_key *k = c->key;
    /* Sampler and image arrays take a binding per element; a block's array is its member. */
    uint32_t n = v->array_len && (kind == RL_SAMPLER || kind == RL_IMAGE) ? v->array_len : 1;
    uint32_t key_limit = kind == RL_SAMPLER ? k->max_samplers : kind == RL_IMAGE ? k->max_images
                         : kind == RL_UBO ? k->max_ubos : k->max_ssbos;
    uint64_t last_index = (uint64_t)index + n - 1, last_binding = (uint64_t)binding + n - 1;
    if (key_limit) {
        if (last_index < key_limit)
            return true;
        glsl_refuse(c, "%s %llu is beyond the host's %u per stage", what[kind],
                    (unsigned long long)last_index, key_limit);
        return false;
    }
    /* GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS: 48 (GL 3.x, ES 3.1), 32 (ES 3.0), 80 (GL 4.x;
     * ES 3.2 guarantees 96 but 80 is what validators assume); image units 8, ES 4;
     * uniform buffer bindings 36, ES 3.0 24.  Storage buffer bindings: 8 everywhere. */
    unsigned ver = c->d->version;
    uint32_t total;
    switch (kind) {
    case RL_SAMPLER:
        total = ver == 300 ? 32 : (c->d->es ? ver >= 320 : ver >= 400) ? 80 : 48;
        break;
    case RL_IMAGE: total = c->d->es ? 4 : 8; break;
    case RL_UBO: total = ver == 300 ? 24 : 36; break;
    default: total = 8; break;
    }
    if (last_binding < total)
        return true;
    glsl_refuse(c, "%s binding %llu is beyond the %u the target guarantees", what[kind],
                (unsigned long long)last_binding, total);
    return false;
}

/* Opens `layout(` with the binding when the target can say it; returns whether it did. */
static bool layout_binding(glsl_ctx *c, const char *first, uint32_t binding)
{
    bool b = glsl_has(c, GF_BINDING);
    if (!first && !b)
        return false;
    out_s(c, "layout(");
    if (first)
        out_s(c, first);
    if (b) {
        out_s(c, first ? ", binding = " : "binding = ");
        out_u(c, binding);
    }
    out_s(c, ") ");
    return b;
}

/* Where GLSL ES has a format qualifier: not at all, in ES 3.10, or through
 * GL_NV_image_formats (the 16-bit normalized ones, ES_NV16, where the host has
 * GL_EXT_texture_norm16 as well). */
enum { ES_NO, ES_CORE, ES_NV, ES_NV16 };

/* GLSL format qualifiers: the gallium format a TGSI declaration names, the key's enum
 * t2g_image_format, the texel base type, and where GLSL ES has it. */
typedef struct image_format_info {
    const char *pipe, *glsl;
    uint8_t key;
    uint8_t base;
    uint8_t es;
} image_format_info;

#define F(pipe, glsl, key, base, es) { pipe, glsl, T2G_IMAGE_FORMAT_##key, base, es }
static const image_format_info image_formats[] = {
    F("R32G32B32A32_FLOAT", "rgba32f", RGBA32F, IR_F32, ES_CORE),
    F("R16G16B16A16_FLOAT", "rgba16f", RGBA16F, IR_F32, ES_CORE),
    F("R32G32_FLOAT", "rg32f", RG32F, IR_F32, ES_NV), F("R16G16_FLOAT", "rg16f", RG16F, IR_F32, ES_NV),
    F("R11G11B10_FLOAT", "r11f_g11f_b10f", R11F_G11F_B10F, IR_F32, ES_NV),
    F("R32_FLOAT", "r32f", R32F, IR_F32, ES_CORE), F("R16_FLOAT", "r16f", R16F, IR_F32, ES_NV),
    F("R16G16B16A16_UNORM", "rgba16", RGBA16, IR_F32, ES_NV16),
    F("R10G10B10A2_UNORM", "rgb10_a2", RGB10_A2, IR_F32, ES_NV),
    F("R8G8B8A8_UNORM", "rgba8", RGBA8, IR_F32, ES_CORE), F("R16G16_UNORM", "rg16", RG16, IR_F32, ES_NV16),
    F("R8G8_UNORM", "rg8", RG8, IR_F32, ES_NV), F("R16_UNORM", "r16", R16, IR_F32, ES_NV16),
    F("R8_UNORM", "r8", R8, IR_F32, ES_NV),
    F("R16G16B16A16_SNORM", "rgba16_snorm", RGBA16_SNORM, IR_F32, ES_NV16),
    F("R8G8B8A8_SNORM", "rgba8_snorm", RGBA8_SNORM, IR_F32, ES_CORE),
    F("R16G16_SNORM", "rg16_snorm", RG16_SNORM, IR_F32, ES_NV16),
    F("R8G8_SNORM", "rg8_snorm", RG8_SNORM, IR_F32, ES_NV),
    F("R16_SNORM", "r16_snorm", R16_SNORM, IR_F32, ES_NV16),
    F("R8_SNORM", "r8_snorm", R8_SNORM, IR_F32, ES_NV),
    F("R32G32B32A32_SINT", "rgba32i", RGBA32I, IR_I32, ES_CORE),
    F("R16G16B16A16_SINT", "rgba16i", RGBA16I, IR_I32, ES_CORE),
    F("R8G8B8A8_SINT", "rgba8i", RGBA8I, IR_I32, ES_CORE), F("R32G32_SINT", "rg32i", RG32I, IR_I32, ES_NV),
    F("R16G16_SINT", "rg16i", RG16I, IR_I32, ES_NV), F("R8G8_SINT", "rg8i", RG8I, IR_I32, ES_NV),
    F("R32_SINT", "r32i", R32I, IR_I32, ES_CORE), F("R16_SINT", "r16i", R16I, IR_I32, ES_NV),
    F("R8_SINT", "r8i", R8I, IR_I32, ES_NV),
    F("R32G32B32A32_UINT", "rgba32ui", RGBA32UI, IR_U32, ES_CORE),
    F("R16G16B16A16_UINT", "rgba16ui", RGBA16UI, IR_U32, ES_CORE),
    F("R10G10B10A2_UINT", "rgb10_a2ui", RGB10_A2UI, IR_U32, ES_NV),
    F("R8G8B8A8_UINT", "rgba8ui", RGBA8UI, IR_U32, ES_CORE),
    F("R32G32_UINT", "rg32ui", RG32UI, IR_U32, ES_NV), F("R16G16_UINT", "rg16ui", RG16UI, IR_U32, ES_NV),
    F("R8G8_UINT", "rg8ui", RG8UI, IR_U32, ES_NV), F("R32_UINT", "r32ui", R32UI, IR_U32, ES_CORE),
    F("R16_UINT", "r16ui", R16UI, IR_U32, ES_NV), F("R8_UINT", "r8ui", R8UI, IR_U32, ES_NV),
};
#undef F

/* The format an image is declared with: its TGSI declaration's, else the one the key
 * gives for its unit (guest drivers leave store-only images without one). */
static const image_format_info *image_format_of(const glsl_ctx *c, const ir_var *v)
{
    const char *f = v->image_format;
    size_t n = sizeof(image_formats) / sizeof(image_formats[0]);
    if (f && !strncmp(f, "PIPE_FORMAT_", 12))
        f += 12;
    for (size_t i = 0; f && i < n; i++)
        if (!strcmp(f, image_formats[i].pipe))
            return &image_formats[i];
    uint8_t k = v->tgsi_first < T2G_MAX_IMAGES ? c->key->image_format[v->tgsi_first] : 0;
    for (size_t i = 0; k && i < n; i++)
        if (image_formats[i].key == k)
            return &image_formats[i];
    return NULL;
}

ir_base image_base(const glsl_ctx *c, const ir_var *v)
{
    const image_format_info *f = v ? image_format_of(c, v) : NULL;
    return f ? (ir_base)f->base : v ? (ir_base)v->type.base : IR_F32;
}

static void declare_image(glsl_ctx *c, ir_var *v)
{
    gvar *g = gv_of(v);
    glsl_need(c, GF_IMAGES, "images");
    int host_texture = tex_host_target(c, v->texture);
    const tex_target_info *t = tex_target(host_texture);
    if (t->feature != GF_COUNT)
        glsl_need(c, (enum glsl_feature)t->feature, "this image target");
    if (t->shadow)
        glsl_refuse(c, "shadow image target");
    if (t->msaa)
        glsl_need(c, GF_IMAGE_MSAA, "multisample images");
    const image_format_info *fi = image_format_of(c, v);
    const char *fmt = fi ? fi->glsl : NULL;
    uint8_t es = fi ? fi->es : ES_NO;
    ir_base base = image_base(c, v);
    bool readonly = !g->stored && !g->atomics;
    bool writeonly = !g->loaded && !g->atomics;
    if (readonly && writeonly)
        readonly = false; /* unused: declare it plainly */
    if (c->d->es && fmt) {
        if (es == ES_NO)
            glsl_refuse(c, "image format %s is not available in GLSL ES", fmt);
        else if (es == ES_NV16 && !(c->key->host_features & T2G_HOST_TEXTURE_NORM16))
            glsl_refuse(c, "image format %s needs GL_EXT_texture_norm16, which the host does "
                        "not advertise", fmt);
        if (es >= ES_NV)
            glsl_need(c, GF_IMAGE_FORMATS_NV, "this image format");
        if (!readonly && !writeonly && strcmp(fmt, "r32f") && strcmp(fmt, "r32i") &&
            strcmp(fmt, "r32ui"))
            glsl_refuse(c, "GLSL ES images of format %s cannot be both read and written", fmt);
    }
    if (!fmt) {
        if (!writeonly)
            glsl_refuse(c, "image IMAGE[%u] is read without a known format", v->tgsi_first);
        else
            glsl_need(c, GF_IMAGE_FORMATLESS_STORE, "image stores without a format");
    }
    uint32_t binding = c->key->image_binding_base + v->tgsi_first;
    if (!resource_fits(c, RL_IMAGE, v, v->tgsi_first, binding))
        return;
    bool in_src = layout_binding(c, fmt, binding);
    uint32_t n = v->array_len ? v->array_len : 1;
    for (uint32_t e = 0; e < n; e++) {
        struct t2g_resource *res = refl_elem(c, T2G_RES_IMAGE, v, "img", e, binding, in_src);
        if (!res)
            break;
        res->texture = v->texture;
        res->host_texture = (uint8_t)host_texture;
        res->return_type = base == IR_I32 ? T2G_RETURN_SINT
                           : base == IR_U32 ? T2G_RETURN_UINT : T2G_RETURN_FLOAT;
        res->writable = !readonly;
    }
    out_s(c, "uniform ");
    if (g->qualifiers & IR_MEMORY_COHERENT)
        out_s(c, "coherent ");
    if (g->qualifiers & IR_MEMORY_VOLATILE)
        out_s(c, "volatile ");
    if (g->qualifiers & IR_MEMORY_RESTRICT)
        out_s(c, "restrict ");
    if (readonly)
        out_s(c, "readonly ");
    if (writeonly)
        out_s(c, "writeonly ");
    out_s(c, c->d->opaque_precision);
    out_s(c, base == IR_I32 ? "iimage" : base == IR_U32 ? "uimage" : "image");
    out_s(c, t->suffix);
    out_c(c, ' ');
    out_s(c, c->rp);
    out_s(c, "img");
    out_u(c, v->tgsi_first);
    if (v->array_len) {
        out_c(c, '[');
        out_u(c, v->array_len);
        out_c(c, ']');
    }
    out_s(c, ";\n");
}

void out_sampler_type(glsl_ctx *c, ir_var *v)
{
    gvar *g = gv_of(v);
    int declared = g->texture >= 0 ? g->texture : T2G_TEXTURE_2D;
    /* Comparisons made in the shader read the depth through the plain target. */
    if (v->compare_in_shader)
        declared = ir_texture_without_shadow((uint8_t)declared);
    int texture = tex_host_target(c, declared);
    const tex_target_info *t = tex_target(texture);
    if (v->shadow && !t->shadow && t->shadow_of >= 0) {
        texture = t->shadow_of;
        t = tex_target(texture);
    }
    if (t->feature != GF_COUNT)
        glsl_need(c, (enum glsl_feature)t->feature, "this texture target");
    if (glsl_es100(c)) {
        if (v->type.base != IR_F32 && !t->shadow)
            glsl_refuse(c, "integer textures");
        if (texture == T2G_TEXTURE_3D)
            glsl_need(c, GF_TEXTURE_3D, "3D textures");
        else if (texture == T2G_TEXTURE_SHADOW2D)
            glsl_need(c, GF_SHADOW_SAMPLER, "depth comparisons");
        else if (texture != T2G_TEXTURE_2D && texture != T2G_TEXTURE_CUBE)
            glsl_refuse(c, "this texture target (ES 2.0 has 2D, cube and 3D textures)");
    }
    out_s(c, c->d->opaque_precision);
    if (!t->shadow)
        out_s(c, v->type.base == IR_I32 ? "i" : v->type.base == IR_U32 ? "u" : "");
    out_s(c, "sampler");
    out_s(c, t->suffix);
    if (t->shadow)
        out_s(c, "Shadow");
}

static void declare_block(glsl_ctx *c, const char *layout, const char *kind, const char *block,
                          uint32_t bnum, const char *member_type, const char *member,
                          uint32_t mnum, const char *suffix, uint32_t size, bool *in_src,
                          uint32_t binding, const char *qual)
{
    *in_src = layout_binding(c, layout, binding);
    out_s(c, qual);
    out_s(c, kind);
    out_s(c, c->rp);
    out_s(c, block);
    if (bnum != UINT32_MAX)
        out_u(c, bnum);
    out_s(c, " { ");
    out_s(c, member_type);
    out_c(c, ' ');
    out_s(c, c->rp);
    out_s(c, member);
    if (mnum != UINT32_MAX)
        out_u(c, mnum);
    out_s(c, suffix);
    out_c(c, '[');
    if (size)
        out_u(c, size);
    out_s(c, "]; };\n");
}

/* Where there are no uniform blocks (ESSL 1.00): the block's member alone, a plain uniform
 * array under the member's name, so every access reads as it does in a block. */
static void declare_uniform_array(glsl_ctx *c, const char *type, const char *member,
                                  uint32_t mnum, uint32_t size)
{
    if (strcmp(type, "vec4") && strcmp(type, "float") && strncmp(type, "vec", 3))
        glsl_refuse(c, "constants read as integers (GLSL ES 1.00 uniforms here are vec4)");
    out_s(c, "uniform ");
    out_s(c, type);
    out_c(c, ' ');
    out_s(c, c->rp);
    out_s(c, member);
    if (mnum != UINT32_MAX)
        out_u(c, mnum);
    out_c(c, '[');
    out_u(c, size ? size : 1);
    out_s(c, "];\n");
}

void io_declare_resources(glsl_ctx *c)
{
    ir_shader *s = c->s;
    const struct t2g_key *k = c->key;
    for (uint32_t i = 0; i < s->num_vars; i++) {
        ir_var *v = s->vars[i];
        gvar *g = gv_of(v);
        bool in_src = false;
        struct t2g_resource *res;
        switch (v->kind) {
        case IR_VAR_INPUT: case IR_VAR_OUTPUT: case IR_VAR_SYSTEM_VALUE:
            declare_io(c, v);
            break;
        case IR_VAR_CONST_BUFFER: {
            uint32_t n = v->array_len ? v->array_len : v->size ? v->size : 1;
            uint32_t binding = k->ubo_binding_base + v->tgsi_dim;
            if (!resource_fits(c, RL_UBO, v, v->tgsi_dim, binding))
                break;
            if (!glsl_could(c, GF_UNIFORM_BLOCKS)) {
                declare_uniform_array(c, glsl_type_name((ir_base)v->type.base, v->type.comps),
                                      "u", v->tgsi_dim, n);
                res = refl_res(c, T2G_RES_UBO, v->tgsi_dim, binding, false);
                if (res) {
                    glsl_name_num(res->name, T2G_NAME_MAX, c->rp, "u", v->tgsi_dim, "");
                    res->size = n;
                    res->flags |= T2G_RES_UNIFORM_ARRAY;
                }
                break;
            }
            declare_block(c, "std140", "uniform ", "cb", v->tgsi_dim,
                          glsl_type_name((ir_base)v->type.base, v->type.comps), "u", v->tgsi_dim,
                          "", n, &in_src, binding, "");
            res = refl_res(c, T2G_RES_UBO, v->tgsi_dim, binding, in_src);
            if (res) {
                glsl_name_num(res->name, T2G_NAME_MAX, c->rp, "cb", v->tgsi_dim, "");
                res->size = n;
            }
            break;
        }
        case IR_VAR_DRIVER: {
            uint32_t n = v->array_len ? v->array_len
                                      : (uint32_t)(sizeof(struct t2g_driver_uniforms) / 16);
            if (!glsl_could(c, GF_UNIFORM_BLOCKS)) {
                declare_uniform_array(c, "vec4", "drv", UINT32_MAX, n);
                c->refl->uses_driver_ubo = true;
                c->refl->driver_uniform_array = true;
                c->refl->driver_uniform_slots = n;
                snprintf(c->refl->driver_ubo_name, T2G_NAME_MAX, "%sdrv", c->rp);
                break;
            }
            declare_block(c, "std140", "uniform ", "t2g_driver", UINT32_MAX, "vec4", "drv",
                          UINT32_MAX, "", n, &in_src, k->driver_ubo_binding, "");
            c->refl->uses_driver_ubo = true;
            c->refl->driver_uniform_slots = n;
            snprintf(c->refl->driver_ubo_name, T2G_NAME_MAX, "%st2g_driver", c->rp);
            break;
        }
        case IR_VAR_SAMPLER: {
            uint32_t binding = k->sampler_binding_base + v->tgsi_first;
            if (!resource_fits(c, RL_SAMPLER, v, v->tgsi_first, binding))
                break;
            in_src = layout_binding(c, NULL, binding);
            out_s(c, "uniform ");
            out_sampler_type(c, v);
            out_c(c, ' ');
            out_s(c, c->rp);
            out_c(c, 's');
            out_u(c, v->tgsi_first);
            if (v->array_len) {
                out_c(c, '[');
                out_u(c, v->array_len);
                out_c(c, ']');
            }
            out_s(c, ";\n");
            uint32_t n = v->array_len ? v->array_len : 1;
            for (uint32_t e = 0; e < n; e++) {
                res = refl_elem(c, T2G_RES_SAMPLER, v, "s", e, binding, in_src);
                if (!res)
                    break;
                res->texture = (uint8_t)(g->texture >= 0 ? g->texture : T2G_TEXTURE_2D);
                res->host_texture = (uint8_t)tex_host_target(c, res->texture);
                res->return_type = v->return_type;
                res->shadow = v->shadow || v->compare_in_shader;
                res->queries_levels = v->queries_levels;
                res->flags |= (v->lod_bias_in_shader ? T2G_RES_LOD_BIAS_IN_SHADER : 0) |
                              (v->queries_lod ? T2G_RES_QUERIES_LOD : 0) |
                              (v->compare_in_shader ? T2G_RES_COMPARE_IN_SHADER : 0) |
                              (v->queries_samples ? T2G_RES_QUERIES_SAMPLES : 0);
            }
            break;
        }
        case IR_VAR_IMAGE:
            declare_image(c, v);
            break;
        case IR_VAR_BUFFER: case IR_VAR_ATOMIC_BUFFER: {
            bool atomic = v->kind == IR_VAR_ATOMIC_BUFFER;
            uint32_t idx = atomic ? v->tgsi_dim : v->tgsi_first;
            glsl_need(c, GF_SSBO, atomic ? "atomic counters (kept in a storage buffer)"
                                         : "shader storage buffers");
            uint32_t binding = (atomic ? k->atomic_binding_base : k->ssbo_binding_base) + idx;
            if (!atomic && !resource_fits(c, RL_SSBO, v, idx, binding))
                break;
            const char *q = (g->qualifiers & IR_MEMORY_COHERENT) || atomic ? "coherent " : "";
            char member[32];
            snprintf(member, sizeof(member), "%s%u_data", atomic ? "ac" : "ssbo", idx);
            declare_block(c, "std430", "buffer ", atomic ? "ac" : "ssbo", idx, "uint", member,
                          UINT32_MAX, "", 0, &in_src, binding, q);
            if (g->int_view) {
                /* Same memory seen as ints for atomicMin/Max (glsl_mem.c); no reflection
                 * entry: the binding is in the source and the buffer is bound once. */
                char block[32];
                snprintf(block, sizeof(block), "%s%u_i", atomic ? "ac" : "ssbo", idx);
                snprintf(member, sizeof(member), "%s%u_idata", atomic ? "ac" : "ssbo", idx);
                declare_block(c, "std430", "buffer ", block, UINT32_MAX, "int", member,
                              UINT32_MAX, "", 0, &in_src, binding, q);
                snprintf(member, sizeof(member), "%s%u_data", atomic ? "ac" : "ssbo", idx);
            }
            res = refl_res(c, atomic ? T2G_RES_ATOMIC : T2G_RES_SSBO, idx, binding, in_src);
            if (res) {
                snprintf(res->name, T2G_NAME_MAX, "%s%s%u", c->rp, atomic ? "ac" : "ssbo", idx);
                res->writable = true;
                res->size = atomic ? v->array_len * 4 : 0;
            }
            break;
        }
        case IR_VAR_SHARED: {
            glsl_need(c, GF_COMPUTE, "shared memory");
            out_s(c, "shared uint shm");
            out_u(c, v->tgsi_first);
            out_c(c, '[');
            out_u(c, shared_words(v));
            out_s(c, "];\n");
            c->refl->shared_memory_bytes += shared_words(v) * 4;
            break;
        }
        case IR_VAR_IMMEDIATES: {
            uint32_t n = v->array_len ? v->array_len : 1;
            glsl_need(c, GF_BLOCKS_AND_ARRAYS, "indirectly addressed immediates (const arrays)");
            out_s(c, "const uvec4 imm");
            out_u(c, v->id);
            out_c(c, '[');
            out_u(c, n);
            out_s(c, "] = uvec4[](");
            for (uint32_t e = 0; e < n; e++) {
                out_s(c, e ? ", uvec4(" : "uvec4(");
                for (int j = 0; j < 4; j++) {
                    if (j)
                        out_s(c, ", ");
                    out_u(c, v->init ? v->init[e * 4 + j] : 0);
                    out_c(c, 'u');
                }
                out_c(c, ')');
            }
            out_s(c, ");\n");
            break;
        }
        default:
            break;
        }
    }
}
