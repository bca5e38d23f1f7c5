/* Textures: the TEX family becomes IR_OP_TEX with the coordinate, shadow reference, lod,
 * bias, derivatives and offsets taken from the channels tgsi.rst assigns per target. */
#include "tr_internal.h"

#include <string.h>

ir_tex tr_tex_begin(ir_var *sampler, enum tgsi_texture target)
{
    ir_tex tx;
    memset(&tx, 0, sizeof(tx));
    tx.coord = tx.ref = tx.lod = tx.bias = tx.ddx = tx.ddy = -1;
    tx.offset = tx.sample = tx.component = tx.sampler_index = -1;
    tx.sampler = sampler;
    tx.texture = tr_target(target);
    return tx;
}

int8_t tr_tex_add_src(tr *t, tex_build *tb, ir_src s, unsigned comps)
{
    tb->srcs[tb->n] = tr_exact(t, s, comps);
    return (int8_t)tb->n++;
}

/* Coordinate components including the array layer (the layer stays last, as GLSL has it). */
unsigned tr_tex_coord_comps(enum tgsi_texture tex)
{
    if (tex == TGSI_TEXTURE_BUFFER)
        return 1;
    return (unsigned)tgsi_texture_coord_dims(tex) + (tgsi_texture_is_array(tex) ? 1 : 0);
}

/* Components textureSize returns for a target. */
static unsigned size_comps(enum tgsi_texture tex)
{
    switch (tex) {
    case TGSI_TEXTURE_BUFFER: case TGSI_TEXTURE_1D: case TGSI_TEXTURE_SHADOW1D:
        return 1;
    case TGSI_TEXTURE_3D: case TGSI_TEXTURE_2D_ARRAY: case TGSI_TEXTURE_SHADOW2D_ARRAY:
    case TGSI_TEXTURE_CUBE_ARRAY: case TGSI_TEXTURE_SHADOWCUBE_ARRAY:
    case TGSI_TEXTURE_2D_ARRAY_MSAA:
        return 3;
    default:
        return 2;
    }
}

ir_src tr_tex_read_chans(tr *t, const ast_src *s, unsigned first, unsigned n, ir_base base)
{
    uint8_t chans[4];
    for (unsigned i = 0; i < n; i++)
        chans[i] = (uint8_t)(first + i);
    return tr_read(t, s, chans, n, base);
}

/* Texel offsets: immediates become constant offsets, anything else an int source. */
void tr_tex_offset(tr *t, const ast_insn *in, enum tgsi_texture tex, tex_build *tb, ir_tex *tx)
{
    if (!in->num_tex_offsets)
        return;
    const ast_tex_offset *o = &in->tex_offsets[0];
    unsigned dims = (unsigned)tgsi_texture_coord_dims(tex);
    if (o->reg.file == TGSI_FILE_IMMEDIATE && !o->reg.indirect && o->reg.index >= 0 &&
        (uint32_t)o->reg.index < t->num_imms && t->imms[o->reg.index]) {
        const ast_imm *imm = t->imms[o->reg.index];
        for (unsigned i = 0; i < 3; i++)
            tx->const_offset[i] = i < dims ? (int8_t)imm->words[o->swizzle[i] & 3] : 0;
        tx->has_const_offset = true;
        return;
    }
    ast_src s;
    memset(&s, 0, sizeof(s));
    s.reg = o->reg;
    for (unsigned i = 0; i < 4; i++)
        s.swizzle[i] = o->swizzle[i < 3 ? i : 2];
    s.loc = in->loc;
    tx->offset = tr_tex_add_src(t, tb, tr_tex_read_chans(t, &s, 0, dims, IR_I32), dims);
}

static ir_src div_by(tr *t, ir_src v, unsigned n, ir_src q)
{
    ir_src qs = q;
    for (unsigned i = 1; i < 4; i++)
        qs.swizzle[i] = q.swizzle[0];
    return ir_src_for(ir_build_alu2(&t->b, IR_OP_DIV, ir_type_make(IR_F32, n), v, qs));
}

void tr_tex_write(tr *t, const ast_insn *in, ir_instr *r, bool replicate)
{
    if (replicate) {
        tr_write_repl(t, &in->dst[0], ir_src_for(r));
        return;
    }
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    unsigned comps = r->type.comps ? r->type.comps : 1;
    ir_src v = ir_src_for(r);
    for (unsigned i = 0; i < n; i++)
        v.swizzle[i] = chans[i] < comps ? chans[i] : (uint8_t)(comps - 1);
    tr_write(t, &in->dst[0], v, chans, n);
}

/* A comparison's scalar result reaches the destination through a vec4 MOV that replicates
 * it: lower_shadow_swizzle finds the channels there (copy propagation removes the MOV). */
void tr_tex_write_shadow(tr *t, const ast_insn *in, ir_instr *r)
{
    ir_instr *splat = ir_build_alu1(&t->b, IR_OP_MOV, ir_type_make(IR_F32, 4),
                                    ir_src_swizzle(r, 0, 0, 0, 0));
    tr_tex_write(t, in, splat, false);
}

ir_instr *tr_tex_emit(tr *t, ir_type type, const tex_build *tb, const ir_tex *tx)
{
    ir_instr *r = ir_instr_create(t->s, IR_OP_TEX, type, tb->n);
    for (unsigned i = 0; i < tb->n; i++)
        r->srcs[i] = tb->srcs[i];
    r->u.tex = *tx;
    return ir_build(&t->b, r);
}

/* TXQ: size at src0.x's level in .xyz, the level count in .w. */
void tr_tex_query(tr *t, const ast_insn *in, ir_var *sampler, ir_src sidx, enum tgsi_texture tex)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    ir_tex base = tr_tex_begin(sampler, tex);
    unsigned sc = size_comps(tex);
    bool want_size = false, want_levels = false;
    for (unsigned i = 0; i < n; i++) {
        if (chans[i] == 3)
            want_levels = true;
        else
            want_size = true;
    }
    ir_instr *size = NULL, *levels = NULL;
    if (want_size) {
        tex_build tb = { .n = 0 };
        ir_tex tx = base;
        tx.kind = IR_TEX_QUERY_SIZE;
        if (!tgsi_texture_is_msaa(tex) && tex != TGSI_TEXTURE_BUFFER && tex != TGSI_TEXTURE_RECT &&
            tex != TGSI_TEXTURE_SHADOWRECT)
            tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[0], 0, IR_I32), 1);
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        size = tr_tex_emit(t, ir_type_make(IR_I32, sc), &tb, &tx);
    }
    if (want_levels) {
        tex_build tb = { .n = 0 };
        ir_tex tx = base;
        tx.kind = IR_TEX_QUERY_LEVELS;
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        levels = tr_tex_emit(t, ir_type_make(IR_I32, 1), &tb, &tx);
    }
    uint8_t wc[4], lanes[4];
    unsigned m = 0;
    for (unsigned i = 0; i < n; i++)
        if (chans[i] != 3 && chans[i] < sc) {
            wc[m] = chans[i];
            lanes[m++] = chans[i];
        }
    if (m) {
        ir_src v = ir_src_for(size);
        for (unsigned i = 0; i < m; i++)
            v.swizzle[i] = lanes[i];
        tr_write(t, &in->dst[0], v, wc, m);
    }
    for (unsigned i = 0; i < n; i++)
        if (chans[i] != 3 && chans[i] >= sc)
            tr_write(t, &in->dst[0], tr_const(t, IR_I32, 1, 0), &chans[i], 1);
    if (levels) {
        uint8_t w = 3;
        tr_write(t, &in->dst[0], ir_src_for(levels), &w, 1);
    }
}

void tr_texture(tr *t, const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    enum tgsi_opcode op = in->opcode;
    if (tr_is_sample_op(op)) {
        tr_sample(t, in);
        return;
    }
    if (op != TGSI_OPCODE_TEX && op != TGSI_OPCODE_TXP && op != TGSI_OPCODE_TXB &&
        op != TGSI_OPCODE_TXL && op != TGSI_OPCODE_TXD && op != TGSI_OPCODE_TXF &&
        op != TGSI_OPCODE_TXQ && op != TGSI_OPCODE_TXQS && op != TGSI_OPCODE_TG4 &&
        op != TGSI_OPCODE_LODQ && op != TGSI_OPCODE_TEX2 && op != TGSI_OPCODE_TXB2 &&
        op != TGSI_OPCODE_TXL2) {
        tr_error(t, in->loc, "%s is not supported", info->name);
        return;
    }
    if (in->num_src < info->num_src || in->num_dst < 1) {
        tr_error(t, in->loc, "%s takes %u sources", info->name, info->num_src);
        return;
    }
    enum tgsi_texture tex = in->has_texture ? in->texture : TGSI_TEXTURE_UNKNOWN;
    if (tex >= TGSI_TEXTURE_UNKNOWN) {
        tr_error(t, in->loc, "%s needs a texture target", info->name);
        return;
    }
    const ast_src *samp = &in->src[info->num_src - 1];
    ir_src sidx;
    ir_var *sampler = tr_sampler(t, &samp->reg, samp->loc, tex, &sidx);
    if (!sampler)
        return;
    if (op == TGSI_OPCODE_TXQ) {
        tr_tex_query(t, in, sampler, sidx, tex);
        return;
    }

    tex_build tb = { .n = 0 };
    ir_tex tx = tr_tex_begin(sampler, tex);
    ir_base rbase = (ir_base)sampler->type.base;
    bool shadow = tgsi_texture_is_shadow(tex);
    const ast_src *c = &in->src[0];

    if (op == TGSI_OPCODE_TXQS) {
        tx.kind = IR_TEX_QUERY_SAMPLES;
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        tr_tex_write(t, in, tr_tex_emit(t, ir_type_make(IR_I32, 1), &tb, &tx), true);
        return;
    }

    unsigned cc = tr_tex_coord_comps(tex);
    if (op == TGSI_OPCODE_TXF) {
        tx.kind = IR_TEX_FETCH;
        tx.coord = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, c, 0, cc, IR_I32), cc);
        tx.coord_comps = (uint8_t)cc;
        if (tgsi_texture_is_msaa(tex))
            tx.sample = tr_tex_add_src(t, &tb, tr_read_scalar(t, c, 3, IR_I32), 1);
        else if (tex != TGSI_TEXTURE_BUFFER && tex != TGSI_TEXTURE_RECT)
            tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, c, 3, IR_I32), 1);
        tr_tex_offset(t, in, tex, &tb, &tx);
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        tr_tex_write(t, in, tr_tex_emit(t, ir_type_make(rbase, 4), &tb, &tx), false);
        return;
    }

    if (op == TGSI_OPCODE_LODQ) {
        unsigned dims = (unsigned)tgsi_texture_coord_dims(tex);
        tx.kind = IR_TEX_QUERY_LOD;
        tx.coord = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, c, 0, dims, IR_F32), dims);
        tx.coord_comps = (uint8_t)dims;
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        tr_tex_write(t, in, tr_tex_emit(t, ir_type_make(IR_F32, 2), &tb, &tx), false);
        return;
    }

    /* Sampling: the coordinate, then the shadow reference at its per-target channel. */
    ir_src coord = tr_tex_read_chans(t, c, 0, cc, IR_F32);
    ir_src ref = ir_src_none();
    bool two = op == TGSI_OPCODE_TEX2 || op == TGSI_OPCODE_TXB2 || op == TGSI_OPCODE_TXL2;
    if (shadow) {
        if (cc < 3)
            ref = tr_read_scalar(t, c, 2, IR_F32);
        else if (cc == 3)
            ref = tr_read_scalar(t, c, 3, IR_F32);
        else if (op == TGSI_OPCODE_TEX2 || op == TGSI_OPCODE_TG4)
            ref = tr_read_scalar(t, &in->src[1], 0, IR_F32);
        else if (two)
            ref = tr_read_scalar(t, &in->src[1], 1, IR_F32);
        else {
            tr_error(t, in->loc, "%s cannot sample %s", info->name, tgsi_texture_names[tex]);
            return;
        }
    }
    if (op == TGSI_OPCODE_TXP) {
        ir_src q = tr_read_scalar(t, c, 3, IR_F32);
        coord = div_by(t, coord, cc, q);
        if (ref.def)
            ref = div_by(t, ref, 1, q);
    }
    tx.coord = tr_tex_add_src(t, &tb, coord, cc);
    tx.coord_comps = (uint8_t)cc;
    if (ref.def) {
        tx.ref = tr_tex_add_src(t, &tb, ref, 1);
        tx.shadow = true;
    }
    switch (op) {
    case TGSI_OPCODE_TXB:
        tx.kind = IR_TEX_SAMPLE_BIAS;
        tx.bias = tr_tex_add_src(t, &tb, tr_read_scalar(t, c, 3, IR_F32), 1);
        break;
    case TGSI_OPCODE_TXB2:
        tx.kind = IR_TEX_SAMPLE_BIAS;
        tx.bias = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[1], 0, IR_F32), 1);
        break;
    case TGSI_OPCODE_TXL:
        tx.kind = IR_TEX_SAMPLE_LOD;
        tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, c, 3, IR_F32), 1);
        break;
    case TGSI_OPCODE_TXL2:
        tx.kind = IR_TEX_SAMPLE_LOD;
        tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[1], 0, IR_F32), 1);
        break;
    case TGSI_OPCODE_TXD: {
        unsigned dims = (unsigned)tgsi_texture_coord_dims(tex);
        tx.kind = IR_TEX_SAMPLE_GRAD;
        tx.ddx = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, &in->src[1], 0, dims, IR_F32), dims);
        tx.ddy = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, &in->src[2], 0, dims, IR_F32), dims);
        break;
    }
    case TGSI_OPCODE_TG4:
        /* GLSL's textureGather* exist only for these sampler types. */
        if (tex != TGSI_TEXTURE_2D && tex != TGSI_TEXTURE_2D_ARRAY && tex != TGSI_TEXTURE_CUBE &&
            tex != TGSI_TEXTURE_CUBE_ARRAY && tex != TGSI_TEXTURE_RECT &&
            tex != TGSI_TEXTURE_SHADOW2D && tex != TGSI_TEXTURE_SHADOW2D_ARRAY &&
            tex != TGSI_TEXTURE_SHADOWCUBE && tex != TGSI_TEXTURE_SHADOWCUBE_ARRAY &&
            tex != TGSI_TEXTURE_SHADOWRECT) {
            tr_error(t, in->loc, "TG4 cannot gather from a %s texture (2D, RECT, CUBE and their "
                     "array and shadow forms only)", tgsi_texture_names[tex]);
            return;
        }
        tx.kind = IR_TEX_GATHER;
        if (!shadow) {
            const ast_src *cs = &in->src[1];
            uint32_t comp = 0;
            if (cs->reg.file == TGSI_FILE_IMMEDIATE && !cs->reg.indirect && cs->reg.index >= 0 &&
                (uint32_t)cs->reg.index < t->num_imms && t->imms[cs->reg.index])
                comp = t->imms[cs->reg.index]->words[cs->swizzle[0] & 3] & 3;
            else if (cs->reg.file != TGSI_FILE_SAMPLER) {
                tr_error(t, cs->loc, "TG4 needs an immediate component");
                return;
            }
            tx.component = tr_tex_add_src(t, &tb, tr_const(t, IR_I32, 1, comp), 1);
        }
        break;
    default:
        tx.kind = IR_TEX_SAMPLE;
        break;
    }
    tr_tex_offset(t, in, tex, &tb, &tx);
    if (sidx.def)
        tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
    if (shadow && op != TGSI_OPCODE_TG4) {
        tr_tex_write_shadow(t, in, tr_tex_emit(t, ir_type_make(IR_F32, 1), &tb, &tx));
        return;
    }
    tr_tex_write(t, in, tr_tex_emit(t, ir_type_make(shadow ? IR_F32 : rbase, 4), &tb, &tx), false);
}
