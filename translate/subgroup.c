/* Opcodes that read beyond the invocation's own registers: the subgroup family (VOTE_ANY,
 * VOTE_ALL, VOTE_EQ, BALLOT, READ_FIRST, READ_INVOC), FBFETCH and the sample queries
 * (SAMPLE_INFO; SAMPLE_POS, IMG2HND and SAMP2HND are refused by name).  Subgroup ops move raw 32-bit
 * lanes as uints, so one IR op serves every TGSI type. */
#include "tr_internal.h"

#include "tgsi2glsl.h"

#include <string.h>

/* A TGSI boolean (~0 / 0) the shader computed itself: the condition of its SELECT. */
static ir_src known_bool(ir_src v)
{
    ir_instr *d = v.def;
    if (d && d->op == IR_OP_SELECT && d->srcs[0].def && d->srcs[0].def->type.base == IR_BOOL &&
        ir_src_is_const(d->srcs[1]) && ir_src_is_const(d->srcs[2]) &&
        ir_src_const_bits(d->srcs[1], v.swizzle[0]) == 0xffffffffu &&
        ir_src_const_bits(d->srcs[2], v.swizzle[0]) == 0) {
        uint8_t c = d->srcs[0].swizzle[v.swizzle[0] & 3];
        return (ir_src){ d->srcs[0].def, { c, c, c, c } };
    }
    return ir_src_none();
}

static ir_src scalar_op(tr *t, enum ir_op op, ir_type type, ir_src a)
{
    return ir_src_for(ir_build_alu1(&t->b, op, type, tr_exact(t, a, type.comps)));
}

static void vote(tr *t, const ast_insn *in)
{
    ir_type b1 = ir_type_make(IR_BOOL, 1), u1 = ir_type_make(IR_U32, 1);
    ir_src x = tr_read_scalar(t, &in->src[0], 0, IR_U32);
    ir_src cond = known_bool(x);
    ir_src r;
    if (in->opcode == TGSI_OPCODE_VOTE_EQ && !cond.def) {
        /* any 32-bit value: equal everywhere iff equal to the first active invocation's */
        ir_src first = scalar_op(t, IR_OP_READ_FIRST, u1, x);
        ir_src same = ir_src_for(ir_build_alu2(&t->b, IR_OP_EQ, b1, x, first));
        r = scalar_op(t, IR_OP_VOTE_ALL, b1, same);
    } else {
        if (!cond.def)
            cond = ir_src_for(ir_build_alu2(&t->b, IR_OP_NE, b1, x, tr_const(t, IR_U32, 1, 0)));
        enum ir_op op = in->opcode == TGSI_OPCODE_VOTE_ANY ? IR_OP_VOTE_ANY
                        : in->opcode == TGSI_OPCODE_VOTE_ALL ? IR_OP_VOTE_ALL : IR_OP_VOTE_EQ;
        r = scalar_op(t, op, b1, cond);
    }
    tr_write_repl(t, &in->dst[0], tr_bitcast(t, r, 1, IR_U32));
}

/* BALLOT: the 64-bit mask of invocations where src.x is true, in .xy (and again in .zw). */
static void ballot(tr *t, const ast_insn *in)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    if (!n)
        return;
    ir_src x = tr_exact(t, tr_read_scalar(t, &in->src[0], 0, IR_U32), 1);
    ir_instr *m = ir_build_alu1(&t->b, IR_OP_BALLOT, ir_type_make(IR_U32, 2), x);
    ir_src v = ir_src_for(m);
    for (unsigned i = 0; i < n; i++)
        v.swizzle[i] = chans[i] & 1;
    tr_write(t, &in->dst[0], v, chans, n);
}

/* READ_FIRST / READ_INVOC: every written channel from one other invocation. */
static void read_lane(tr *t, const ast_insn *in)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    if (!n)
        return;
    ir_type uv = ir_type_make(IR_U32, n);
    ir_src v = tr_exact(t, tr_read(t, &in->src[0], chans, n, IR_U32), n);
    ir_instr *r;
    if (in->opcode == TGSI_OPCODE_READ_FIRST) {
        r = ir_build_alu1(&t->b, IR_OP_READ_FIRST, uv, v);
    } else {
        ir_src lane = tr_exact(t, tr_read_scalar(t, &in->src[1], 0, IR_U32), 1);
        r = ir_build_alu2(&t->b, IR_OP_READ_INVOC, uv, v, lane);
    }
    tr_write(t, &in->dst[0], ir_src_for(r), chans, n);
}

/* FBFETCH dst, OUT[n]: the colour output's framebuffer value, where the host can fetch it. */
static void fbfetch(tr *t, const ast_insn *in)
{
    const ast_src *s = &in->src[0];
    if (!(t->host_features & T2G_HOST_FRAMEBUFFER_FETCH)) {
        tr_error(t, in->loc, "FBFETCH needs framebuffer fetch, which the host does not offer "
                 "(T2G_HOST_FRAMEBUFFER_FETCH)");
        return;
    }
    if (t->prog->processor != TGSI_PROCESSOR_FRAGMENT || s->reg.file != TGSI_FILE_OUTPUT ||
        s->reg.indirect) {
        tr_error(t, s->loc, "FBFETCH reads a fragment shader's OUT register directly");
        return;
    }
    int32_t index;
    ir_var *v = tr_reg_var(t, &s->reg, s->loc, &index);
    if (!v)
        return;
    if (v->semantic != T2G_SEMANTIC_COLOR) {
        tr_error(t, s->loc, "FBFETCH reads COLOR outputs only, OUT[%d] is %s", s->reg.index,
                 tgsi_semantic_names[v->semantic]);
        return;
    }
    ir_instr *r = ir_instr_create(t->s, IR_OP_FBFETCH, v->type, 0);
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

/* SAMPLE_INFO dst, SVIEW[n]: (samples, 0, 0, 0) of a multisampled view.  The render-target
 * form (a TEMP source) would need gl_NumSamples, which the IR does not carry. */
static void sample_info(tr *t, const ast_insn *in)
{
    const ast_src *s = &in->src[0];
    if (s->reg.file != TGSI_FILE_SAMPLER_VIEW) {
        tr_error(t, s->loc, "SAMPLE_INFO of the render target is not supported (only of an SVIEW)");
        return;
    }
    int32_t vi = s->reg.index;
    const ast_decl *vd = vi >= 0 && (uint32_t)vi < t->num_sviews ? t->sviews[vi] : NULL;
    if (!vd) {
        tr_error(t, s->loc, "SVIEW[%d] is not declared", vi);
        return;
    }
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    ir_src count;
    if (tgsi_texture_is_msaa(vd->texture)) {
        ir_src sidx;
        ir_var *sampler = tr_sampler(t, &s->reg, s->loc, vd->texture, &sidx);
        if (!sampler)
            return;
        tex_build tb = { .n = 0 };
        ir_tex tx = tr_tex_begin(sampler, vd->texture);
        tx.kind = IR_TEX_QUERY_SAMPLES;
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        count = ir_src_for(tr_tex_emit(t, ir_type_make(IR_I32, 1), &tb, &tx));
    } else {
        count = tr_const(t, IR_I32, 1, 1); /* tgsi.rst: 1 for a single-sampled resource */
    }
    /* the source swizzle reorders (n, 0, 0, 0) */
    for (unsigned i = 0; i < n; i++) {
        ir_src v = (s->swizzle[chans[i]] & 3) == 0 ? count : tr_const(t, IR_I32, 1, 0);
        tr_write(t, &in->dst[0], v, &chans[i], 1);
    }
}

bool tr_subgroup(tr *t, const ast_insn *in)
{
    switch (in->opcode) {
    case TGSI_OPCODE_VOTE_ANY: case TGSI_OPCODE_VOTE_ALL: case TGSI_OPCODE_VOTE_EQ:
        vote(t, in);
        return true;
    case TGSI_OPCODE_BALLOT:
        ballot(t, in);
        return true;
    case TGSI_OPCODE_READ_FIRST: case TGSI_OPCODE_READ_INVOC:
        read_lane(t, in);
        return true;
    case TGSI_OPCODE_FBFETCH:
        fbfetch(t, in);
        return true;
    case TGSI_OPCODE_SAMPLE_INFO:
        sample_info(t, in);
        return true;
    case TGSI_OPCODE_SAMPLE_POS:
        /* GLSL has gl_SamplePosition for the invocation's own sample only, and no query of
         * another sample's position in a render target or a texture */
        tr_error(t, in->loc, "SAMPLE_POS is not supported: GLSL cannot query the position of an "
                 "arbitrary sample");
        return true;
    case TGSI_OPCODE_IMG2HND: case TGSI_OPCODE_SAMP2HND:
        tr_error(t, in->loc, "%s is not supported: bindless handles have no GLSL equivalent here",
                 tgsi_opcode_infos[in->opcode].name);
        return true;
    default:
        return false;
    }
}
