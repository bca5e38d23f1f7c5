/* Memory and the rest: LOAD, STORE, the atomics and RESQ on images, buffers, shared memory and
 * counters, plus the side-effecting odds and ends (EMIT, KILL, barriers, interpolation,
 * CLOCK). */
#include "tr_internal.h"

#include <string.h>

static const int8_t atomic_ops[TGSI_OPCODE_COUNT] = {
    [TGSI_OPCODE_ATOMUADD] = IR_ATOMIC_ADD + 1, [TGSI_OPCODE_ATOMXCHG] = IR_ATOMIC_XCHG + 1,
    [TGSI_OPCODE_ATOMCAS] = IR_ATOMIC_CAS + 1, [TGSI_OPCODE_ATOMAND] = IR_ATOMIC_AND + 1,
    [TGSI_OPCODE_ATOMOR] = IR_ATOMIC_OR + 1, [TGSI_OPCODE_ATOMXOR] = IR_ATOMIC_XOR + 1,
    [TGSI_OPCODE_ATOMUMIN] = IR_ATOMIC_UMIN + 1, [TGSI_OPCODE_ATOMUMAX] = IR_ATOMIC_UMAX + 1,
    [TGSI_OPCODE_ATOMIMIN] = IR_ATOMIC_IMIN + 1, [TGSI_OPCODE_ATOMIMAX] = IR_ATOMIC_IMAX + 1,
    [TGSI_OPCODE_ATOMFADD] = IR_ATOMIC_FADD + 1,
    [TGSI_OPCODE_ATOMINC_WRAP] = IR_ATOMIC_INC_WRAP + 1,
    [TGSI_OPCODE_ATOMDEC_WRAP] = IR_ATOMIC_DEC_WRAP + 1,
};

/* Image coordinates as GLSL's image functions take them (cube arrays fold the face). */
static unsigned image_coord_comps(enum tgsi_texture tex)
{
    switch (tex) {
    case TGSI_TEXTURE_BUFFER: case TGSI_TEXTURE_1D:
        return 1;
    case TGSI_TEXTURE_3D: case TGSI_TEXTURE_CUBE: case TGSI_TEXTURE_2D_ARRAY:
    case TGSI_TEXTURE_CUBE_ARRAY: case TGSI_TEXTURE_2D_ARRAY_MSAA:
        return 3;
    default:
        return 2;
    }
}

static ir_var *resource(tr *t, const ast_insn *in, const ast_reg *r, ast_loc loc, ir_src *offset)
{
    ir_var **tab;
    uint32_t len;
    int32_t index = r->index;
    *offset = ir_src_none();
    switch (r->file) {
    case TGSI_FILE_IMAGE: tab = t->images; len = t->num_images; break;
    case TGSI_FILE_BUFFER: tab = t->buffers; len = t->num_buffers; break;
    case TGSI_FILE_MEMORY: tab = t->memories; len = t->num_memories; break;
    case TGSI_FILE_HW_ATOMIC: {
        /* HWATOMIC[buffer][counter]: the counter's byte offset in its buffer */
        int32_t b = r->has_dim ? r->dim : 0;
        ir_var *v = b >= 0 && (uint32_t)b < t->num_atomics ? t->atomics[b] : NULL;
        if (!v || index < 0 || (!r->indirect && (uint32_t)index >= v->array_len)) {
            tr_error(t, loc, "HWATOMIC[%d][%d] is outside its declaration", b, index);
            return NULL;
        }
        ir_src off = tr_const(t, IR_U32, 1, (uint32_t)index * 4);
        if (r->indirect) {
            ir_src i = tr_bitcast(t, tr_index(t, &r->ind, loc), 1, IR_U32);
            ir_type u = ir_type_make(IR_U32, 1);
            i = ir_src_for(ir_build_alu2(&t->b, IR_OP_MUL, u, i, tr_const(t, IR_U32, 1, 4)));
            off = ir_src_for(ir_build_alu2(&t->b, IR_OP_ADD, u, off, i));
        }
        *offset = off;
        return v;
    }
    default:
        tr_error(t, loc, "register file %s is not a memory resource",
                 r->file < TGSI_FILE_COUNT ? tgsi_file_names[r->file] : "?");
        return NULL;
    }
    if (r->indirect && r->file != TGSI_FILE_IMAGE) {
        tr_error(t, loc, "indirectly indexed %s is not supported", tgsi_file_names[r->file]);
        return NULL;
    }
    if (index < 0 || (uint32_t)index >= len || !tab[index]) {
        tr_error(t, loc, "%s[%d] is not declared", tgsi_file_names[r->file], index);
        return NULL;
    }
    /* An element of an image array (see image_array_to_extend) is named by its index in
     * *offset.  An indirect index on a lone image can only name that image (anything else
     * is outside every declaration, which GL leaves undefined). */
    if (r->file == TGSI_FILE_IMAGE && tab[index]->array_len) {
        ir_src e = tr_const(t, IR_I32, 1, (uint32_t)(index - (int32_t)tab[index]->tgsi_first));
        if (r->indirect)
            e = ir_src_for(ir_build_alu2(&t->b, IR_OP_ADD, ir_type_make(IR_I32, 1), e,
                                         tr_index(t, &r->ind, loc)));
        *offset = e;
    }
    /* The image's GLSL type is its declaration's; an instruction naming another target
     * (a 1D store to a 2D image) has no GLSL overload. */
    ir_var *v = tab[index];
    if (r->file == TGSI_FILE_IMAGE && in->has_memory_texture &&
        v->texture < TGSI_TEXTURE_UNKNOWN && in->memory_texture < TGSI_TEXTURE_UNKNOWN &&
        tr_texture_shape((enum tgsi_texture)v->texture) != tr_texture_shape(in->memory_texture)) {
        tr_error(t, loc, "IMAGE[%d] is %s, used as %s", index, tgsi_texture_names[v->texture],
                 tgsi_texture_names[in->memory_texture]);
        return NULL;
    }
    return v;
}

/* `element`: the index into an image array (resource's *offset), or none. */
static ir_instr *mem_instr(tr *t, enum ir_op op, ir_type type, const ir_src *srcs, unsigned n,
                           ir_var *v, const ast_insn *in, ir_src element)
{
    ir_instr *r = ir_instr_create(t->s, op, type, n + (element.def != NULL));
    for (unsigned i = 0; i < n; i++)
        r->srcs[i] = srcs[i];
    if (element.def) {
        r->srcs[n] = tr_exact(t, element, 1);
        r->u.mem.element = (uint8_t)(n + 1);
    }
    r->u.mem.var = v;
    r->u.mem.qualifiers = in->memory_qualifier;
    r->u.mem.texture = in->has_memory_texture ? tr_target(in->memory_texture) : v->texture;
    return ir_build(&t->b, r);
}

/* Image address: coordinate, then the sample index (.w) of multisampled images or none. */
static unsigned image_address(tr *t, const ast_insn *in, const ast_src *addr, ir_var *v, ir_src *s)
{
    enum tgsi_texture tex = in->has_memory_texture ? in->memory_texture : (enum tgsi_texture)v->texture;
    uint8_t chans[4] = { 0, 1, 2, 3 };
    unsigned n = image_coord_comps(tex);
    s[0] = tr_exact(t, tr_read(t, addr, chans, n, IR_I32), n);
    s[1] = tgsi_texture_is_msaa(tex) ? tr_exact(t, tr_read_scalar(t, addr, 3, IR_I32), 1)
                                     : ir_src_none();
    return 2;
}

static unsigned highest_chan(uint8_t mask)
{
    unsigned n = 0;
    for (unsigned c = 0; c < 4; c++)
        if (mask & (1u << c))
            n = c + 1;
    return n;
}

static void write_vec(tr *t, const ast_insn *in, ir_instr *r)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    unsigned comps = r->type.comps ? r->type.comps : 1;
    ir_src v = ir_src_for(r);
    for (unsigned i = 0; i < n; i++)
        v.swizzle[i] = chans[i] < comps ? chans[i] : (uint8_t)(comps - 1);
    tr_write(t, &in->dst[0], v, chans, n);
}

static void mem_load(tr *t, const ast_insn *in)
{
    ir_src off;
    ir_var *v = resource(t, in, &in->src[0].reg, in->src[0].loc, &off);
    if (!v)
        return;
    ir_src s[2];
    if (v->kind == IR_VAR_IMAGE) {
        ir_base base = in->memory_format ? tr_format_base(in->memory_format) : (ir_base)v->type.base;
        unsigned n = image_address(t, in, &in->src[1], v, s);
        ir_instr *r = mem_instr(t, IR_OP_IMAGE_LOAD, ir_type_make(base, 4), s, n, v, in, off);
        r->u.mem.comps = 4;
        write_vec(t, in, r);
        return;
    }
    unsigned comps = highest_chan(in->dst[0].writemask);
    if (!comps)
        return;
    if (v->kind == IR_VAR_ATOMIC_BUFFER)
        comps = 1;
    s[0] = tr_exact(t, off.def ? off : tr_read_scalar(t, &in->src[1], 0, IR_U32), 1);
    ir_instr *r = mem_instr(t, IR_OP_BUFFER_LOAD, ir_type_make(IR_U32, comps), s, 1, v, in, ir_src_none());
    r->u.mem.comps = (uint8_t)comps;
    write_vec(t, in, r);
}

static void mem_store(tr *t, const ast_insn *in)
{
    ir_src off;
    const ast_dst *d = &in->dst[0];
    ir_var *v = resource(t, in, &d->reg, d->loc, &off);
    if (!v)
        return;
    uint8_t xyzw[4] = { 0, 1, 2, 3 };
    ir_src s[3];
    if (v->kind == IR_VAR_IMAGE) {
        ir_base base = in->memory_format ? tr_format_base(in->memory_format) : (ir_base)v->type.base;
        unsigned n = image_address(t, in, &in->src[0], v, s);
        s[n++] = tr_exact(t, tr_read(t, &in->src[1], xyzw, 4, base), 4);
        ir_instr *r = mem_instr(t, IR_OP_IMAGE_STORE, IR_TYPE_VOID, s, n, v, in, off);
        r->u.mem.comps = 4;
        r->u.mem.writemask = d->writemask;
        return;
    }
    if (v->kind == IR_VAR_ATOMIC_BUFFER) {
        tr_error(t, in->loc, "atomic counters cannot be stored to");
        return;
    }
    unsigned comps = highest_chan(d->writemask);
    if (!comps)
        return;
    s[0] = tr_exact(t, tr_read_scalar(t, &in->src[0], 0, IR_U32), 1);
    s[1] = tr_exact(t, tr_read(t, &in->src[1], xyzw, comps, IR_U32), comps);
    ir_instr *r = mem_instr(t, IR_OP_BUFFER_STORE, IR_TYPE_VOID, s, 2, v, in, ir_src_none());
    r->u.mem.comps = (uint8_t)comps;
    r->u.mem.writemask = d->writemask;
}

static void mem_atomic(tr *t, const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    ir_src off;
    ir_var *v = resource(t, in, &in->src[0].reg, in->src[0].loc, &off);
    if (!v)
        return;
    /* GLSL allows image atomics on r32i and r32ui images only, exchange also on r32f. */
    if (v->kind == IR_VAR_IMAGE && v->image_format &&
        strcmp(v->image_format, "PIPE_FORMAT_R32_SINT") &&
        strcmp(v->image_format, "PIPE_FORMAT_R32_UINT") &&
        (in->opcode != TGSI_OPCODE_ATOMXCHG || strcmp(v->image_format, "PIPE_FORMAT_R32_FLOAT"))) {
        tr_error(t, in->loc, "%s on an image declared %s: image atomics need R32_SINT or "
                 "R32_UINT (exchange also R32_FLOAT)", tgsi_opcode_infos[in->opcode].name,
                 v->image_format);
        return;
    }
    ir_base base = tr_base_of((enum tgsi_type)info->src_type);
    if (v->kind == IR_VAR_IMAGE && base != IR_F32)
        base = (ir_base)v->type.base == IR_I32 ? IR_I32 : base == IR_I32 ? IR_I32 : IR_U32;
    ir_src s[5];
    unsigned n;
    enum ir_op op;
    if (v->kind == IR_VAR_IMAGE) {
        n = image_address(t, in, &in->src[1], v, s);
        op = IR_OP_IMAGE_ATOMIC;
    } else {
        s[0] = tr_exact(t, off.def ? off : tr_read_scalar(t, &in->src[1], 0, IR_U32), 1);
        n = 1;
        op = IR_OP_BUFFER_ATOMIC;
    }
    for (unsigned i = 2; i < info->num_src; i++)
        s[n++] = tr_exact(t, tr_read_scalar(t, &in->src[i], 0, base), 1);
    ir_instr *r = mem_instr(t, op, ir_type_make(base, 1), s, n, v, in,
                            op == IR_OP_IMAGE_ATOMIC ? off : ir_src_none());
    r->u.mem.atomic = (ir_atomic_op)(atomic_ops[in->opcode] - 1);
    r->u.mem.comps = 1;
    tr_write_repl(t, &in->dst[0], ir_src_for(r));
}

static void mem_resq(tr *t, const ast_insn *in)
{
    ir_src off;
    ir_var *v = resource(t, in, &in->src[0].reg, in->src[0].loc, &off);
    if (!v)
        return;
    if (v->kind == IR_VAR_IMAGE) {
        enum tgsi_texture tex = in->has_memory_texture ? in->memory_texture : (enum tgsi_texture)v->texture;
        unsigned comps = tex == TGSI_TEXTURE_CUBE ? 2 : image_coord_comps(tex);
        write_vec(t, in, mem_instr(t, IR_OP_IMAGE_SIZE, ir_type_make(IR_I32, comps), NULL, 0, v, in, off));
        return;
    }
    if (v->kind != IR_VAR_BUFFER) {
        tr_error(t, in->loc, "RESQ needs an IMAGE or BUFFER");
        return;
    }
    tr_write_repl(t, &in->dst[0],
                  ir_src_for(mem_instr(t, IR_OP_BUFFER_SIZE, ir_type_make(IR_I32, 1), NULL, 0, v, in,
                                           ir_src_none())));
}

void tr_memory(tr *t, const ast_insn *in)
{
    switch (in->opcode) {
    case TGSI_OPCODE_LOAD: mem_load(t, in); break;
    case TGSI_OPCODE_STORE: mem_store(t, in); break;
    case TGSI_OPCODE_RESQ: mem_resq(t, in); break;
    default:
        if (atomic_ops[in->opcode])
            mem_atomic(t, in);
        else
            tr_error(t, in->loc, "%s is not supported", tgsi_opcode_infos[in->opcode].name);
        break;
    }
}

/* ---------------------------------------------------------------- the rest */

static bool imm_value(tr *t, const ast_src *s, uint32_t *out)
{
    const ast_reg *r = &s->reg;
    if (r->file != TGSI_FILE_IMMEDIATE || r->indirect || r->index < 0 ||
        (uint32_t)r->index >= t->num_imms || !t->imms[r->index]) {
        tr_error(t, s->loc, "expected an immediate operand");
        return false;
    }
    *out = t->imms[r->index]->words[s->swizzle[0] & 3];
    return true;
}

static void simple(tr *t, enum ir_op op, uint32_t flags)
{
    ir_instr *r = ir_instr_create(t->s, op, IR_TYPE_VOID, 0);
    r->u.flags = flags;
    ir_build(&t->b, r);
}

/* KILL_IF: discard when any component is negative. */
static void kill_if(tr *t, const ast_insn *in)
{
    uint8_t xyzw[4] = { 0, 1, 2, 3 };
    ir_src x = tr_read(t, &in->src[0], xyzw, 4, IR_F32);
    ir_src lt = ir_src_for(ir_build_alu2(&t->b, IR_OP_LT, ir_type_make(IR_BOOL, 4), x,
                                         tr_const_f32(t, 0.0f, 4)));
    ir_src any = ir_src_for(ir_build_reduce(&t->b, IR_OP_ANY, lt, 4));
    ir_if *nif = ir_build_if(&t->b, any);
    simple(t, IR_OP_DISCARD, 0);
    ir_builder_after_cf(&t->b, &nif->cf);
}

static void interp(tr *t, const ast_insn *in)
{
    const ast_src *s = &in->src[0];
    if (s->reg.file != TGSI_FILE_INPUT) {
        tr_error(t, s->loc, "%s needs an IN operand", tgsi_opcode_infos[in->opcode].name);
        return;
    }
    int32_t index;
    ir_var *v = tr_reg_var(t, &s->reg, s->loc, &index);
    if (!v)
        return;
    ir_src ind = s->reg.indirect ? tr_index(t, &s->reg.ind, s->loc) : ir_src_none();
    ir_src where = ir_src_none();
    uint8_t mode = 0;
    if (in->opcode == TGSI_OPCODE_INTERP_SAMPLE) {
        where = tr_exact(t, tr_read_scalar(t, &in->src[1], 0, IR_I32), 1);
        mode = 1;
    } else if (in->opcode == TGSI_OPCODE_INTERP_OFFSET) {
        uint8_t xy[2] = { 0, 1 };
        where = tr_exact(t, tr_read(t, &in->src[1], xy, 2, IR_F32), 2);
        mode = 2;
    }
    ir_instr *r = ir_instr_create(t->s, IR_OP_INTERP, v->type, 3);
    r->srcs[0] = ind;
    r->srcs[1] = where;
    r->u.access.interp_mode = mode;
    r->u.access.var = v;
    r->u.access.index = index;
    ir_build(&t->b, r);
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    ir_src val = ir_src_for(r);
    for (unsigned i = 0; i < n; i++)
        val.swizzle[i] = s->swizzle[chans[i]] & 3;
    tr_write(t, &in->dst[0], val, chans, n);
}

void tr_other(tr *t, const ast_insn *in)
{
    uint32_t v;
    if (tr_subgroup(t, in))
        return;
    switch (in->opcode) {
    case TGSI_OPCODE_NOP:
        break;
    case TGSI_OPCODE_EMIT:
    case TGSI_OPCODE_ENDPRIM:
        if (imm_value(t, &in->src[0], &v))
            simple(t, in->opcode == TGSI_OPCODE_EMIT ? IR_OP_EMIT : IR_OP_END_PRIMITIVE, v);
        break;
    case TGSI_OPCODE_MEMBAR:
        if (imm_value(t, &in->src[0], &v))
            simple(t, IR_OP_MEMORY_BARRIER, v);
        break;
    case TGSI_OPCODE_KILL: simple(t, IR_OP_DISCARD, 0); break;
    case TGSI_OPCODE_KILL_IF: kill_if(t, in); break;
    case TGSI_OPCODE_DEMOTE: simple(t, IR_OP_DEMOTE, 0); break;
    case TGSI_OPCODE_BARRIER: simple(t, IR_OP_BARRIER, 0); break;
    case TGSI_OPCODE_INTERP_CENTROID:
    case TGSI_OPCODE_INTERP_SAMPLE:
    case TGSI_OPCODE_INTERP_OFFSET:
        interp(t, in);
        break;
    case TGSI_OPCODE_CLOCK: {
        ir_instr *r = ir_instr_create(t->s, IR_OP_CLOCK, ir_type_make(IR_U32, 2), 0);
        ir_build(&t->b, r);
        uint8_t chans[4];
        unsigned n = tr_dst_chans(&in->dst[0], chans);
        ir_src val = ir_src_for(r);
        for (unsigned i = 0; i < n; i++)
            val.swizzle[i] = chans[i] & 1;
        tr_write(t, &in->dst[0], val, chans, n);
        break;
    }
    case TGSI_OPCODE_READ_HELPER: {
        ir_instr *r = ir_instr_create(t->s, IR_OP_READ_HELPER, ir_type_make(IR_BOOL, 1), 0);
        ir_build(&t->b, r);
        tr_write_repl(t, &in->dst[0], tr_bitcast(t, ir_src_for(r), 1, IR_U32));
        break;
    }
    case TGSI_OPCODE_UP2H:
    case TGSI_OPCODE_UP2US:
    case TGSI_OPCODE_UP4B:
    case TGSI_OPCODE_UP4UB:
        tr_alu(t, in);
        break;
    default:
        tr_error(t, in->loc, "%s is not supported", tgsi_opcode_infos[in->opcode].name);
        break;
    }
}
