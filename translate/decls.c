/* Declarations: which TEMP ranges stay SSA, and the variables for everything else (I/O,
 * system values, constants, arrays, samplers, images, buffers, shared memory, counters). */
#include "tr_internal.h"

#include <string.h>

/* The type of each system value as its GLSL builtin has it; vec4 f32 when absent. */
static const struct { uint8_t base, comps; } sv_types[TGSI_SEMANTIC_COUNT] = {
    [TGSI_SEMANTIC_FACE] = { IR_F32, 1 },
    [TGSI_SEMANTIC_PRIMID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_INSTANCEID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_VERTEXID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_SAMPLEID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_SAMPLEPOS] = { IR_F32, 2 },
    [TGSI_SEMANTIC_SAMPLEMASK] = { IR_I32, 1 },
    [TGSI_SEMANTIC_INVOCATIONID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_VERTEXID_NOBASE] = { IR_I32, 1 },
    [TGSI_SEMANTIC_BASEVERTEX] = { IR_I32, 1 },
    [TGSI_SEMANTIC_TESSCOORD] = { IR_F32, 3 },
    [TGSI_SEMANTIC_TESSOUTER] = { IR_F32, 4 },
    [TGSI_SEMANTIC_TESSINNER] = { IR_F32, 2 },
    [TGSI_SEMANTIC_VERTICESIN] = { IR_I32, 1 },
    [TGSI_SEMANTIC_HELPER_INVOCATION] = { IR_BOOL, 1 },
    [TGSI_SEMANTIC_BASEINSTANCE] = { IR_I32, 1 },
    [TGSI_SEMANTIC_DRAWID] = { IR_I32, 1 },
    [TGSI_SEMANTIC_WORK_DIM] = { IR_U32, 1 },
    [TGSI_SEMANTIC_SUBGROUP_SIZE] = { IR_U32, 1 },
    [TGSI_SEMANTIC_SUBGROUP_INVOCATION] = { IR_U32, 1 },
    [TGSI_SEMANTIC_GRID_SIZE] = { IR_U32, 3 },
    [TGSI_SEMANTIC_BLOCK_ID] = { IR_U32, 3 },
    [TGSI_SEMANTIC_BLOCK_SIZE] = { IR_U32, 3 },
    [TGSI_SEMANTIC_THREAD_ID] = { IR_U32, 3 },
};

ir_base tr_return_base(unsigned rt)
{
    return rt == TGSI_RETURN_SINT ? IR_I32 : rt == TGSI_RETURN_UINT ? IR_U32 : IR_F32;
}

ir_base tr_format_base(const char *format)
{
    if (!format)
        return IR_F32;
    size_t n = strlen(format);
    if (n >= 5 && !strcmp(format + n - 5, "_SINT"))
        return IR_I32;
    if (n >= 5 && !strcmp(format + n - 5, "_UINT"))
        return IR_U32;
    return IR_F32;
}

/* Grows a per-index table so `index` fits. */
static bool table_fit(tr *t, ir_var ***tab, uint32_t *len, uint32_t index)
{
    if (index < *len)
        return true;
    if (index > (1u << 20))
        return false;
    uint32_t n = index + 1;
    ir_var **nt = arena_realloc(t->a, *tab, sizeof(ir_var *) * *len, sizeof(ir_var *) * n);
    if (!nt)
        return false;
    *tab = nt;
    *len = n;
    return true;
}

static bool is_patch(const ast_decl *d)
{
    return d->has_semantic && (d->semantic == TGSI_SEMANTIC_PATCH ||
                               d->semantic == TGSI_SEMANTIC_TESSOUTER ||
                               d->semantic == TGSI_SEMANTIC_TESSINNER);
}

ir_var *tr_range_var(tr *t, const ast_decl *d, ir_var_kind kind, ir_type type)
{
    uint32_t len = d->last - d->first + 1;
    ir_var *v = ir_var_create(t->s, kind, type, len > 1 ? len : 0);
    if (!v)
        return NULL;
    v->tgsi_first = d->first;
    v->tgsi_last = d->last;
    v->array_id = d->array_id;
    v->usage_mask = d->usage_mask;
    if (d->has_semantic) {
        v->semantic = tr_semantic(d->semantic);
        v->semantic_index = d->semantic_index;
    }
    if (d->has_interp) {
        v->interp = tr_interp(d->interp);
        v->interp_location = tr_interp_location(d->interp_location);
    }
    v->invariant = d->invariant;
    v->patch = is_patch(d);
    if (d->has_dim && !v->patch) {
        v->per_vertex = true;
        v->vertices = d->dim_first == UINT32_MAX ? 0 : d->dim_last + 1;
    }
    v->stream = d->stream[0];
    return v;
}

static bool map_range(tr *t, ir_var ***tab, uint32_t *len, const ast_decl *d, ir_var *v)
{
    if (!table_fit(t, tab, len, d->last)) {
        tr_error(t, d->loc, "register range too large");
        return false;
    }
    /* An image or buffer is one GLSL variable named by its index: a second declaration
     * would define it twice. */
    if (d->file == TGSI_FILE_IMAGE || d->file == TGSI_FILE_BUFFER)
        for (uint32_t i = d->first; i <= d->last; i++)
            if ((*tab)[i]) {
                tr_error(t, d->loc, "%s[%u] is declared twice", tgsi_file_names[d->file], i);
                return false;
            }
    for (uint32_t i = d->first; i <= d->last; i++)
        (*tab)[i] = v;
    return true;
}

ir_var *tr_system_value(tr *t, enum tgsi_semantic sem)
{
    for (uint32_t i = 0; i < t->s->num_vars; i++) {
        ir_var *v = t->s->vars[i];
        if (v->kind == IR_VAR_SYSTEM_VALUE && v->semantic == sem)
            return v;
    }
    unsigned base = sv_types[sem].comps ? sv_types[sem].base : IR_F32;
    unsigned comps = sv_types[sem].comps ? sv_types[sem].comps : 4;
    ir_var *v = ir_var_create(t->s, IR_VAR_SYSTEM_VALUE, ir_type_make((ir_base)base, comps), 0);
    if (v) {
        v->semantic = tr_semantic(sem);
        v->tgsi_first = v->tgsi_last = UINT32_MAX;
    }
    return v;
}

/* Which stages may declare each semantic as an input, an output or a system value (bit per
 * TGSI_PROCESSOR_*).  The guest's text may pair any semantic with any stage; a pairing that
 * no GLSL stage has (a vertex shader writing tessellation levels, a fragment shader reading
 * gl_InstanceID) would reach the backend as a builtin the stage does not declare, so it is
 * refused here with a diagnostic. */
#define S_VS (1u << TGSI_PROCESSOR_VERTEX)
#define S_FS (1u << TGSI_PROCESSOR_FRAGMENT)
#define S_GS (1u << TGSI_PROCESSOR_GEOMETRY)
#define S_TCS (1u << TGSI_PROCESSOR_TESS_CTRL)
#define S_TES (1u << TGSI_PROCESSOR_TESS_EVAL)
#define S_CS (1u << TGSI_PROCESSOR_COMPUTE)
#define S_MID (S_GS | S_TCS | S_TES)
#define S_PRE (S_VS | S_MID)
#define S_GFX (S_PRE | S_FS)
static const struct { uint8_t in, out, sv; } semantic_stages[TGSI_SEMANTIC_COUNT] = {
    [TGSI_SEMANTIC_POSITION] = { S_GFX, S_GFX, S_FS },
    [TGSI_SEMANTIC_COLOR] = { S_GFX, S_GFX, 0 },
    [TGSI_SEMANTIC_BCOLOR] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_FOG] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_PSIZE] = { S_PRE, S_PRE, 0 },
    [TGSI_SEMANTIC_GENERIC] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_NORMAL] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_FACE] = { S_VS | S_FS, 0, S_FS },
    [TGSI_SEMANTIC_EDGEFLAG] = { S_VS | S_GS, S_PRE, 0 },
    [TGSI_SEMANTIC_PRIMID] = { S_VS | S_GS | S_FS, S_GS, S_GS | S_TCS | S_TES | S_FS },
    [TGSI_SEMANTIC_INSTANCEID] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_VERTEXID] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_STENCIL] = { S_VS, S_FS, 0 },
    [TGSI_SEMANTIC_CLIPVERTEX] = { S_PRE, S_PRE, 0 },
    [TGSI_SEMANTIC_CLIPDIST] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_CULLDIST] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_SAMPLEID] = { S_VS, 0, S_FS },
    [TGSI_SEMANTIC_SAMPLEPOS] = { S_VS, 0, S_FS },
    [TGSI_SEMANTIC_SAMPLEMASK] = { S_VS, S_FS, S_FS },
    [TGSI_SEMANTIC_INVOCATIONID] = { S_VS, 0, S_GS | S_TCS },
    [TGSI_SEMANTIC_VERTEXID_NOBASE] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_BASEVERTEX] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_PATCH] = { S_TES, S_TCS, 0 },
    [TGSI_SEMANTIC_TESSCOORD] = { S_VS, 0, S_TES },
    [TGSI_SEMANTIC_TESSOUTER] = { S_TES, S_TCS, S_TCS | S_TES },
    [TGSI_SEMANTIC_TESSINNER] = { S_TES, S_TCS, S_TCS | S_TES },
    [TGSI_SEMANTIC_VERTICESIN] = { S_VS, 0, S_TCS | S_TES },
    [TGSI_SEMANTIC_HELPER_INVOCATION] = { S_VS, 0, S_FS },
    [TGSI_SEMANTIC_BASEINSTANCE] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_DRAWID] = { S_VS, 0, S_VS },
    [TGSI_SEMANTIC_WORK_DIM] = { S_VS, 0, S_CS },
    [TGSI_SEMANTIC_SUBGROUP_SIZE] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_INVOCATION] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_EQ_MASK] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_GE_MASK] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_GT_MASK] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_LE_MASK] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_SUBGROUP_LT_MASK] = { S_VS, 0, S_GFX | S_CS },
    [TGSI_SEMANTIC_CS_USER_DATA_AMD] = { S_VS, 0, 0 },
    [TGSI_SEMANTIC_VIEWPORT_INDEX] = { S_VS | S_FS, S_PRE, S_FS },
    [TGSI_SEMANTIC_LAYER] = { S_VS | S_FS, S_PRE, S_FS },
    [TGSI_SEMANTIC_TEXCOORD] = { S_GFX, S_PRE, 0 },
    [TGSI_SEMANTIC_PCOORD] = { S_VS | S_FS, 0, S_FS },
    [TGSI_SEMANTIC_VIEWPORT_MASK] = { S_VS, S_PRE, 0 },
    [TGSI_SEMANTIC_GRID_SIZE] = { S_VS, 0, S_CS },
    [TGSI_SEMANTIC_BLOCK_ID] = { S_VS, 0, S_CS },
    [TGSI_SEMANTIC_BLOCK_SIZE] = { S_VS, 0, S_CS },
    [TGSI_SEMANTIC_THREAD_ID] = { S_VS, 0, S_CS },
    [TGSI_SEMANTIC_TESSCOORD_UNUSED_DUMMY] = { S_VS, 0, 0 },
};

/* Vertex shader inputs are attributes whatever their semantic (the table's VS column is set
 * for every semantic but the patch ones); per-vertex arrays (IN[][i]) exist only in the
 * geometry and tessellation stages, per-vertex outputs only in the TCS. */
static bool check_stage(tr *t, const ast_decl *d)
{
    unsigned stage = t->s->stage, bit = 1u << stage;
    bool in = d->file == TGSI_FILE_INPUT, out = d->file == TGSI_FILE_OUTPUT;
    const char *what = in ? "an input" : out ? "an output" : "a system value";
    if (d->has_semantic && d->semantic < TGSI_SEMANTIC_COUNT) {
        uint8_t m = in ? semantic_stages[d->semantic].in
                  : out ? semantic_stages[d->semantic].out : semantic_stages[d->semantic].sv;
        if (!(m & bit)) {
            tr_error(t, d->loc, "semantic %s is not %s of a %s shader",
                     tgsi_semantic_names[d->semantic], what, tgsi_processor_names[stage]);
            return false;
        }
    } else if (stage == T2G_STAGE_COMPUTE && (in || out)) {
        tr_error(t, d->loc, "a COMP shader has no %ss", in ? "input" : "output");
        return false;
    }
    if (d->has_dim && !is_patch(d) &&
        ((in && !(bit & S_MID)) || (out && stage != T2G_STAGE_TESS_CTRL) ||
         d->file == TGSI_FILE_SYSTEM_VALUE)) {
        tr_error(t, d->loc, "a %s shader has no per-vertex %ss", tgsi_processor_names[stage],
                 in ? "input" : out ? "output" : "system value");
        return false;
    }
    /* The other way round: there, every input (TCS: every output) but the patch ones is an
     * array over the vertices, and the patch ones are not. */
    bool per_vertex_file = (in && (bit & S_MID)) || (out && stage == T2G_STAGE_TESS_CTRL);
    if (per_vertex_file && d->has_dim == is_patch(d)) {
        tr_error(t, d->loc, is_patch(d) ? "%s %s of a %s shader is per-patch, not per-vertex"
                                        : "%s %s of a %s shader must be per-vertex ([][n])",
                 in ? "input" : "output",
                 d->has_semantic && d->semantic < TGSI_SEMANTIC_COUNT
                     ? tgsi_semantic_names[d->semantic] : "without a semantic",
                 tgsi_processor_names[stage]);
        return false;
    }
    return true;
}

/* Mesa declares an array of images as one IMAGE declaration per element, all alike.  When the
 * shader indexes IMAGE indirectly, a declaration that continues the previous one (the next
 * index, the same target, format and access) extends that image into a GLSL array. */
static ir_var *image_array_to_extend(tr *t, const ast_decl *d)
{
    if (!t->image_arrays || d->first == 0 || d->first - 1 >= t->num_images)
        return NULL;
    ir_var *prev = t->images[d->first - 1];
    if (!prev || prev->tgsi_last != d->first - 1 || prev->texture != tr_target(d->texture) ||
        prev->writable != d->writable || prev->raw != d->raw ||
        !prev->image_format != !d->image_format ||
        (prev->image_format && strcmp(prev->image_format, d->image_format)))
        return NULL;
    uint32_t len = prev->array_len ? prev->array_len : 1;
    prev->array_len = len + (d->last - d->first + 1);
    prev->tgsi_last = d->last;
    return prev;
}

static bool declare_one(tr *t, const ast_decl *d)
{
    if ((d->file == TGSI_FILE_INPUT || d->file == TGSI_FILE_OUTPUT ||
         d->file == TGSI_FILE_SYSTEM_VALUE) && !check_stage(t, d))
        return false;
    ir_type vec4 = ir_type_make(IR_F32, 4);
    ir_var *v;
    switch (d->file) {
    case TGSI_FILE_INPUT:
        v = tr_range_var(t, d, IR_VAR_INPUT, vec4);
        return v && map_range(t, &t->in_vars, &t->num_in, d, v);
    case TGSI_FILE_OUTPUT:
        v = tr_range_var(t, d, IR_VAR_OUTPUT, vec4);
        return v && map_range(t, &t->out_vars, &t->num_out, d, v);
    case TGSI_FILE_SYSTEM_VALUE: {
        enum tgsi_semantic sem = d->has_semantic ? d->semantic : TGSI_SEMANTIC_COUNT;
        ir_type ty = vec4;
        if (sem < TGSI_SEMANTIC_COUNT && sv_types[sem].comps)
            ty = ir_type_make((ir_base)sv_types[sem].base, sv_types[sem].comps);
        v = tr_range_var(t, d, IR_VAR_SYSTEM_VALUE, ty);
        return v && map_range(t, &t->sv_vars, &t->num_sv, d, v);
    }
    case TGSI_FILE_CONSTANT: {
        uint32_t b = d->has_dim && d->dim_first != UINT32_MAX ? d->dim_first : 0;
        if (!table_fit(t, &t->cbufs, &t->num_cbufs, b)) {
            tr_error(t, d->loc, "constant buffer index too large");
            return false;
        }
        v = t->cbufs[b];
        if (!v) {
            v = ir_var_create(t->s, IR_VAR_CONST_BUFFER, vec4, 0);
            if (!v)
                return false;
            v->tgsi_dim = b;
            t->cbufs[b] = v;
        }
        if (d->last + 1 > v->size)
            v->size = d->last + 1;
        v->array_len = v->size;
        v->tgsi_last = v->size - 1;
        return true;
    }
    case TGSI_FILE_HW_ATOMIC: {
        uint32_t b = d->has_dim && d->dim_first != UINT32_MAX ? d->dim_first : 0;
        if (!table_fit(t, &t->atomics, &t->num_atomics, b)) {
            tr_error(t, d->loc, "atomic buffer index too large");
            return false;
        }
        v = t->atomics[b];
        if (!v) {
            v = ir_var_create(t->s, IR_VAR_ATOMIC_BUFFER, ir_type_make(IR_U32, 1), 0);
            if (!v)
                return false;
            v->tgsi_dim = b;
            t->atomics[b] = v;
        }
        if (d->last + 1 > v->array_len)
            v->array_len = d->last + 1;
        v->tgsi_last = v->array_len - 1;
        return true;
    }
    case TGSI_FILE_SAMPLER_VIEW: {
        if (d->last > 4096) {
            tr_error(t, d->loc, "sampler view index too large");
            return false;
        }
        if (d->last >= t->num_sviews) {
            const ast_decl **n = arena_realloc(t->a, t->sviews, sizeof(*n) * t->num_sviews,
                                               sizeof(*n) * (d->last + 1));
            if (!n)
                return false;
            t->sviews = n;
            t->num_sviews = d->last + 1;
        }
        for (uint32_t i = d->first; i <= d->last; i++)
            t->sviews[i] = d;
        return true;
    }
    case TGSI_FILE_SAMPLER:
        if (!table_fit(t, &t->samplers, &t->num_samplers, d->last)) {
            tr_error(t, d->loc, "sampler index too large");
            return false;
        }
        return true; /* variables are made at first use, when the target is known */
    case TGSI_FILE_IMAGE:
        v = image_array_to_extend(t, d);
        if (v)
            return map_range(t, &t->images, &t->num_images, d, v);
        v = tr_range_var(t, d, IR_VAR_IMAGE, ir_type_make(tr_format_base(d->image_format), 4));
        if (!v)
            return false;
        v->texture = tr_target(d->texture);
        v->image_format = d->image_format;
        v->writable = d->writable;
        v->raw = d->raw;
        return map_range(t, &t->images, &t->num_images, d, v);
    case TGSI_FILE_BUFFER:
        v = tr_range_var(t, d, IR_VAR_BUFFER, ir_type_make(IR_U32, 1));
        if (!v)
            return false;
        v->writable = true;
        return map_range(t, &t->buffers, &t->num_buffers, d, v);
    case TGSI_FILE_MEMORY:
        if (d->memory_type != 1) {
            /* global memory is addressed by raw pointers, private and input memory are
             * unsized: GLSL has no storage for any of them */
            tr_error(t, d->loc, "MEMORY of type %s is not supported (only SHARED)",
                     d->memory_type < 4 ? tgsi_memory_type_names[d->memory_type] : "?");
            return false;
        }
        if (t->s->stage != T2G_STAGE_COMPUTE) {
            tr_error(t, d->loc, "SHARED memory exists only in COMP shaders");
            return false;
        }
        /* ureg prints a MEMORY declaration's memory type as its index; instructions count
         * the declarations, so the table is in declaration order */
        v = tr_range_var(t, d, IR_VAR_SHARED, ir_type_make(IR_U32, 1));
        if (!v || !table_fit(t, &t->memories, &t->num_memories, t->num_memories))
            return false;
        t->memories[t->num_memories - 1] = v;
        return true;
    case TGSI_FILE_TEMPORARY:
    case TGSI_FILE_ADDRESS:
        return true;
    default:
        tr_error(t, d->loc, "cannot declare register file %s",
                 d->file < TGSI_FILE_COUNT ? tgsi_file_names[d->file] : "?");
        return false;
    }
}

static bool uses_indirect(const ast_program *p, enum tgsi_file file)
{
    for (size_t i = 0; i < p->num_insns; i++) {
        const ast_insn *in = &p->insns[i];
        for (unsigned k = 0; k < in->num_src && k < AST_MAX_SRC; k++)
            if (in->src[k].reg.file == file && in->src[k].reg.indirect)
                return true;
        for (unsigned k = 0; k < in->num_dst && k < AST_MAX_DST; k++)
            if (in->dst[k].reg.file == file && in->dst[k].reg.indirect)
                return true;
    }
    return false;
}

bool tr_declare(tr *t)
{
    const ast_program *p = t->prog;
    for (size_t i = 0; i < p->num_imms; i++)
        if (p->imms[i].index + 1 > t->num_imms)
            t->num_imms = p->imms[i].index + 1;
    if (t->num_imms > (1u << 20)) {
        tr_error(t, p->imms[0].loc, "too many immediates");
        return false;
    }
    t->imms = ARENA_NEW_ARRAY(t->a, const ast_imm *, t->num_imms + 1);
    for (size_t i = 0; i < p->num_imms; i++)
        t->imms[p->imms[i].index] = &p->imms[i];

    if (!tr_declare_temps(t))
        return false;
    t->image_arrays = uses_indirect(p, TGSI_FILE_IMAGE);
    for (size_t i = 0; i < p->num_decls; i++)
        if (!declare_one(t, &p->decls[i]))
            return false;

    if (uses_indirect(p, TGSI_FILE_IMMEDIATE) && t->num_imms) {
        ir_var *v = ir_var_create(t->s, IR_VAR_IMMEDIATES, ir_type_make(IR_U32, 4), t->num_imms);
        uint32_t *init = ARENA_NEW_ARRAY(t->a, uint32_t, (size_t)t->num_imms * 4);
        if (!v || !init)
            return false;
        for (uint32_t i = 0; i < t->num_imms; i++)
            if (t->imms[i])
                memcpy(&init[i * 4], t->imms[i]->words, 16);
        v->init = init;
        v->tgsi_last = t->num_imms - 1;
        t->imm_array = v;
    }
    if (uses_indirect(p, TGSI_FILE_SAMPLER) && t->num_samplers) {
        ir_var *v = ir_var_create(t->s, IR_VAR_SAMPLER, ir_type_make(IR_F32, 4), t->num_samplers);
        if (!v)
            return false;
        const ast_decl *sv = t->num_sviews ? t->sviews[0] : NULL;
        v->texture = tr_target(sv ? sv->texture : TGSI_TEXTURE_2D);
        v->return_type = tr_return_type(sv ? sv->return_type[0] : TGSI_RETURN_FLOAT);
        v->type = ir_type_make(tr_return_base(v->return_type), 4);
        v->tgsi_last = t->num_samplers - 1;
        t->sampler_array = v;
    }
    /* TCS outputs written without a vertex index address the invocation's own vertex. */
    if (p->processor == TGSI_PROCESSOR_TESS_CTRL)
        for (size_t i = 0; i < p->num_decls; i++)
            if (p->decls[i].file == TGSI_FILE_OUTPUT && p->decls[i].has_dim) {
                t->invocation_id = tr_system_value(t, TGSI_SEMANTIC_INVOCATIONID);
                break;
            }
    return !t->failed;
}

static const char *file_name(enum tgsi_file f)
{
    return f < TGSI_FILE_COUNT ? tgsi_file_names[f] : "?";
}

ir_var *tr_reg_var(tr *t, const ast_reg *r, ast_loc loc, int32_t *index)
{
    ir_var **tab = NULL;
    uint32_t len = 0;
    switch (r->file) {
    case TGSI_FILE_TEMPORARY: {
        ir_var *v = tr_temp_operand_var(t, r, index);
        if (!v)
            tr_error(t, loc, "TEMP[%d] is outside its declaration", r->index);
        return v;
    }
    case TGSI_FILE_INPUT: tab = t->in_vars; len = t->num_in; break;
    case TGSI_FILE_OUTPUT: tab = t->out_vars; len = t->num_out; break;
    case TGSI_FILE_SYSTEM_VALUE: tab = t->sv_vars; len = t->num_sv; break;
    case TGSI_FILE_CONSTANT: {
        if (r->dim_indirect) {
            tr_error(t, loc, "indirectly indexed constant buffers are not supported");
            return NULL;
        }
        int32_t b = r->has_dim ? r->dim : 0;
        ir_var *v = b >= 0 && (uint32_t)b < t->num_cbufs ? t->cbufs[b] : NULL;
        if (!v || r->index < 0 || (!r->indirect && (uint32_t)r->index >= v->size)) {
            tr_error(t, loc, "CONST[%d][%d] is outside its declaration", b, r->index);
            return NULL;
        }
        *index = r->index;
        return v;
    }
    case TGSI_FILE_IMMEDIATE:
        if (!t->imm_array || r->index < 0 || (uint32_t)r->index >= t->num_imms) {
            tr_error(t, loc, "IMM[%d] is not declared", r->index);
            return NULL;
        }
        *index = r->index;
        return t->imm_array;
    default:
        tr_error(t, loc, "register file %s cannot be an operand here", file_name(r->file));
        return NULL;
    }
    if (r->index < 0 || (uint32_t)r->index >= len || !tab[r->index]) {
        tr_error(t, loc, "%s[%d] is outside its declaration", file_name(r->file), r->index);
        return NULL;
    }
    ir_var *v = tab[r->index];
    *index = r->index - (int32_t)v->tgsi_first;
    return v;
}

/* A target with its shadow comparison taken away: what the GLSL type's shape depends on. */
enum tgsi_texture tr_texture_shape(enum tgsi_texture tex)
{
    switch (tex) {
    case TGSI_TEXTURE_SHADOW1D: return TGSI_TEXTURE_1D;
    case TGSI_TEXTURE_SHADOW2D: return TGSI_TEXTURE_2D;
    case TGSI_TEXTURE_SHADOWRECT: return TGSI_TEXTURE_RECT;
    case TGSI_TEXTURE_SHADOW1D_ARRAY: return TGSI_TEXTURE_1D_ARRAY;
    case TGSI_TEXTURE_SHADOW2D_ARRAY: return TGSI_TEXTURE_2D_ARRAY;
    case TGSI_TEXTURE_SHADOWCUBE: return TGSI_TEXTURE_CUBE;
    case TGSI_TEXTURE_SHADOWCUBE_ARRAY: return TGSI_TEXTURE_CUBE_ARRAY;
    default: return tex;
    }
}

ir_var *tr_sampler(tr *t, const ast_reg *r, ast_loc loc, enum tgsi_texture target, ir_src *index)
{
    *index = ir_src_none();
    if (r->file != TGSI_FILE_SAMPLER && r->file != TGSI_FILE_SAMPLER_VIEW) {
        tr_error(t, loc, "expected a SAMP or SVIEW operand, found %s", file_name(r->file));
        return NULL;
    }
    if (r->index < 0 || (r->file == TGSI_FILE_SAMPLER && (uint32_t)r->index >= t->num_samplers) ||
        (r->file == TGSI_FILE_SAMPLER_VIEW &&
         ((uint32_t)r->index >= t->num_sviews || !t->sviews[r->index]))) {
        tr_error(t, loc, "%s[%d] is not declared", file_name(r->file), r->index);
        return NULL;
    }
    if (t->sampler_array) {
        ir_src base = tr_const(t, IR_I32, 1, (uint32_t)r->index);
        if (r->indirect)
            base = ir_src_for(ir_build_alu2(&t->b, IR_OP_ADD, ir_type_make(IR_I32, 1), base,
                                            tr_index(t, &r->ind, loc)));
        *index = base;
        if (tgsi_texture_is_shadow(target))
            t->sampler_array->shadow = true;
        return t->sampler_array;
    }
    if ((uint32_t)r->index >= t->num_samplers &&
        !table_fit(t, &t->samplers, &t->num_samplers, (uint32_t)r->index))
        return NULL;
    ir_var *v = t->samplers[r->index];
    if (!v) {
        const ast_decl *sv = (uint32_t)r->index < t->num_sviews ? t->sviews[r->index] : NULL;
        unsigned rt = sv ? sv->return_type[0] : TGSI_RETURN_FLOAT;
        if (!sv && t->insn && t->insn->tex_return_type != TGSI_RETURN_UNKNOWN)
            rt = t->insn->tex_return_type;
        v = ir_var_create(t->s, IR_VAR_SAMPLER, ir_type_make(tr_return_base(rt), 4), 0);
        if (!v)
            return NULL;
        v->texture = tr_target(sv && sv->texture != TGSI_TEXTURE_UNKNOWN ? sv->texture : target);
        v->return_type = tr_return_type(rt);
        v->tgsi_first = v->tgsi_last = (uint32_t)r->index;
        t->samplers[r->index] = v;
    }
    /* The variable's GLSL type comes from its declaration (or first use); an instruction
     * whose target has another shape (a 1D lookup on a 2D view) has no GLSL overload. */
    if (v->texture < TGSI_TEXTURE_UNKNOWN && target < TGSI_TEXTURE_UNKNOWN &&
        tr_texture_shape((enum tgsi_texture)v->texture) != tr_texture_shape(target)) {
        tr_error(t, loc, "%s[%d] is %s, used as %s", file_name(r->file), r->index,
                 tgsi_texture_names[v->texture], tgsi_texture_names[target]);
        return NULL;
    }
    if (tgsi_texture_is_shadow(target))
        v->shadow = true;
    return v;
}
