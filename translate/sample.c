/* The sampler-view family (SAMPLE, SAMPLE_B/C/C_LZ/D/L/I/I_MS, GATHER4, SVIEWINFO, LOD): the
 * target comes from the SVIEW declaration, not the instruction, and the sampler state SAMP[m]
 * is separate.  GLSL has combined samplers only, so the sampler is keyed by the SVIEW index
 * (the renderer binds SAMP[m]'s state to that unit); the SVIEW operand's swizzle reorders the
 * fetched texel. */
#include "tr_internal.h"

#include <string.h>

bool tr_is_sample_op(enum tgsi_opcode op)
{
    switch (op) {
    case TGSI_OPCODE_SAMPLE: case TGSI_OPCODE_SAMPLE_I: case TGSI_OPCODE_SAMPLE_I_MS:
    case TGSI_OPCODE_SAMPLE_B: case TGSI_OPCODE_SAMPLE_C: case TGSI_OPCODE_SAMPLE_C_LZ:
    case TGSI_OPCODE_SAMPLE_D: case TGSI_OPCODE_SAMPLE_L: case TGSI_OPCODE_GATHER4:
    case TGSI_OPCODE_SVIEWINFO: case TGSI_OPCODE_LOD:
        return true;
    default:
        return false;
    }
}

/* The comparison target SAMPLE_C and SAMPLE_C_LZ sample a view of `tex` through. */
static enum tgsi_texture shadow_target(enum tgsi_texture tex)
{
    switch (tex) {
    case TGSI_TEXTURE_1D: return TGSI_TEXTURE_SHADOW1D;
    case TGSI_TEXTURE_2D: return TGSI_TEXTURE_SHADOW2D;
    case TGSI_TEXTURE_RECT: return TGSI_TEXTURE_SHADOWRECT;
    case TGSI_TEXTURE_1D_ARRAY: return TGSI_TEXTURE_SHADOW1D_ARRAY;
    case TGSI_TEXTURE_2D_ARRAY: return TGSI_TEXTURE_SHADOW2D_ARRAY;
    case TGSI_TEXTURE_CUBE: return TGSI_TEXTURE_SHADOWCUBE;
    case TGSI_TEXTURE_CUBE_ARRAY: return TGSI_TEXTURE_SHADOWCUBE_ARRAY;
    default: return tgsi_texture_is_shadow(tex) ? tex : TGSI_TEXTURE_UNKNOWN;
    }
}

/* Writes a 4-component texel, reordered by the view's swizzle. */
static void write_texel(tr *t, const ast_insn *in, ir_instr *r, const uint8_t *view_swz)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    ir_src v = ir_src_for(r);
    for (unsigned i = 0; i < n; i++)
        v.swizzle[i] = view_swz[chans[i]] & 3;
    tr_write(t, &in->dst[0], v, chans, n);
}

/* LOD: (accessed level, computed lambda, 0, 0). */
static void write_lod(tr *t, const ast_insn *in, ir_instr *r)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(&in->dst[0], chans);
    for (unsigned i = 0; i < n; i++) {
        ir_src v = chans[i] < 2 ? ir_src_swizzle(r, chans[i], 0, 0, 0) : tr_const_f32(t, 0.0f, 1);
        tr_write(t, &in->dst[0], v, &chans[i], 1);
    }
}

void tr_sample(tr *t, const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    enum tgsi_opcode op = in->opcode;
    if (in->num_src < info->num_src || in->num_dst < 1) {
        tr_error(t, in->loc, "%s takes %u sources", info->name, info->num_src);
        return;
    }
    /* SVIEWINFO names the view second, every other member of the family too */
    const ast_src *view = &in->src[1];
    if (view->reg.file != TGSI_FILE_SAMPLER_VIEW) {
        tr_error(t, view->loc, "%s needs an SVIEW operand as its second source", info->name);
        return;
    }
    if (op != TGSI_OPCODE_SAMPLE_I && op != TGSI_OPCODE_SAMPLE_I_MS && op != TGSI_OPCODE_SVIEWINFO &&
        in->src[2].reg.file != TGSI_FILE_SAMPLER) {
        tr_error(t, in->src[2].loc, "%s needs a SAMP operand as its third source", info->name);
        return;
    }
    int32_t vi = view->reg.index;
    const ast_decl *vd = vi >= 0 && (uint32_t)vi < t->num_sviews ? t->sviews[vi] : NULL;
    if (!vd) {
        tr_error(t, view->loc, "SVIEW[%d] is not declared", vi);
        return;
    }
    enum tgsi_texture tex = vd->texture;
    if (tex >= TGSI_TEXTURE_UNKNOWN) {
        tr_error(t, view->loc, "%s: SVIEW[%d] declares no texture target", info->name, vi);
        return;
    }
    bool compare = op == TGSI_OPCODE_SAMPLE_C || op == TGSI_OPCODE_SAMPLE_C_LZ;
    enum tgsi_texture target = compare ? shadow_target(tex) : tex;
    if (target == TGSI_TEXTURE_UNKNOWN) {
        tr_error(t, in->loc, "%s cannot compare on a %s view", info->name, tgsi_texture_names[tex]);
        return;
    }
    bool msaa = tgsi_texture_is_msaa(tex);
    bool fetch = op == TGSI_OPCODE_SAMPLE_I || op == TGSI_OPCODE_SAMPLE_I_MS;
    if (!fetch && op != TGSI_OPCODE_SVIEWINFO && (msaa || tex == TGSI_TEXTURE_BUFFER)) {
        tr_error(t, in->loc, "%s cannot filter a %s view", info->name, tgsi_texture_names[tex]);
        return;
    }
    if (op == TGSI_OPCODE_SAMPLE_I_MS && !msaa) {
        tr_error(t, in->loc, "SAMPLE_I_MS needs a multisampled view, SVIEW[%d] is %s", vi,
                 tgsi_texture_names[tex]);
        return;
    }
    if (op == TGSI_OPCODE_SAMPLE_I && msaa) {
        tr_error(t, in->loc, "SAMPLE_I cannot fetch from multisampled SVIEW[%d]: use SAMPLE_I_MS", vi);
        return;
    }
    /* GL forbids a shadow and a plain sampler on one unit, so one view cannot be both */
    if (op != TGSI_OPCODE_SVIEWINFO && !view->reg.indirect) {
        if (!t->sview_use)
            t->sview_use = ARENA_NEW_ARRAY(t->a, uint8_t, t->num_sviews);
        if (!t->sview_use) {
            tr_out_of_memory(t, in->loc);
            return;
        }
        uint8_t use = compare ? 2 : 1;
        if (t->sview_use[vi] && t->sview_use[vi] != use) {
            tr_error(t, view->loc, "SVIEW[%d] is sampled both with and without comparison, which "
                     "GLSL cannot bind to one unit", vi);
            return;
        }
        t->sview_use[vi] = use;
    }
    ir_src sidx;
    ir_var *sampler = tr_sampler(t, &view->reg, view->loc, target, &sidx);
    if (!sampler)
        return;
    if (op == TGSI_OPCODE_SVIEWINFO) {
        tr_tex_query(t, in, sampler, sidx, tex);
        return;
    }

    tex_build tb = { .n = 0 };
    ir_tex tx = tr_tex_begin(sampler, target);
    ir_base rbase = (ir_base)sampler->type.base;
    const ast_src *c = &in->src[0];
    unsigned cc = tr_tex_coord_comps(tex);

    if (fetch) {
        tx.kind = IR_TEX_FETCH;
        tx.coord = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, c, 0, cc, IR_I32), cc);
        tx.coord_comps = (uint8_t)cc;
        if (msaa)
            tx.sample = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[2], 0, IR_I32), 1);
        else if (tex != TGSI_TEXTURE_BUFFER && tex != TGSI_TEXTURE_RECT)
            tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, c, 3, IR_I32), 1);
        tr_tex_offset(t, in, tex, &tb, &tx);
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        write_texel(t, in, tr_tex_emit(t, ir_type_make(rbase, 4), &tb, &tx), view->swizzle);
        return;
    }

    if (op == TGSI_OPCODE_LOD) {
        unsigned dims = (unsigned)tgsi_texture_coord_dims(tex);
        tx.kind = IR_TEX_QUERY_LOD;
        tx.coord = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, c, 0, dims, IR_F32), dims);
        tx.coord_comps = (uint8_t)dims;
        if (sidx.def)
            tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
        write_lod(t, in, tr_tex_emit(t, ir_type_make(IR_F32, 2), &tb, &tx));
        return;
    }

    tx.coord = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, c, 0, cc, IR_F32), cc);
    tx.coord_comps = (uint8_t)cc;
    if (compare) {
        tx.ref = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[3], 0, IR_F32), 1);
        tx.shadow = true;
    }
    unsigned dims = (unsigned)tgsi_texture_coord_dims(tex);
    switch (op) {
    case TGSI_OPCODE_SAMPLE_B:
        tx.kind = IR_TEX_SAMPLE_BIAS;
        tx.bias = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[3], 0, IR_F32), 1);
        break;
    case TGSI_OPCODE_SAMPLE_L:
        tx.kind = IR_TEX_SAMPLE_LOD;
        tx.lod = tr_tex_add_src(t, &tb, tr_read_scalar(t, &in->src[3], 0, IR_F32), 1);
        break;
    case TGSI_OPCODE_SAMPLE_D:
        tx.kind = IR_TEX_SAMPLE_GRAD;
        tx.ddx = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, &in->src[3], 0, dims, IR_F32), dims);
        tx.ddy = tr_tex_add_src(t, &tb, tr_tex_read_chans(t, &in->src[4], 0, dims, IR_F32), dims);
        break;
    case TGSI_OPCODE_SAMPLE_C_LZ:
        /* GLSL has no explicit-LOD comparison on cube and 2D-array targets; zero gradients
         * select level 0 just the same */
        if (tgsi_texture_is_array(tex) && tex != TGSI_TEXTURE_1D_ARRAY) {
            tx.kind = IR_TEX_SAMPLE_GRAD;
            tx.ddx = tr_tex_add_src(t, &tb, tr_const_f32(t, 0.0f, dims), dims);
            tx.ddy = tr_tex_add_src(t, &tb, tr_const_f32(t, 0.0f, dims), dims);
        } else if (tex == TGSI_TEXTURE_CUBE) {
            tx.kind = IR_TEX_SAMPLE_GRAD;
            tx.ddx = tr_tex_add_src(t, &tb, tr_const_f32(t, 0.0f, dims), dims);
            tx.ddy = tr_tex_add_src(t, &tb, tr_const_f32(t, 0.0f, dims), dims);
        } else {
            tx.kind = IR_TEX_SAMPLE_LOD;
            tx.lod = tr_tex_add_src(t, &tb, tr_const_f32(t, 0.0f, 1), 1);
        }
        break;
    case TGSI_OPCODE_GATHER4:
        tx.kind = IR_TEX_GATHER;
        /* the view swizzle picks the gathered channel, as D3D's gather4 does */
        tx.component = tr_tex_add_src(t, &tb, tr_const(t, IR_I32, 1, view->swizzle[0] & 3), 1);
        break;
    default:
        tx.kind = IR_TEX_SAMPLE;
        break;
    }
    tr_tex_offset(t, in, tex, &tb, &tx);
    if (sidx.def)
        tx.sampler_index = tr_tex_add_src(t, &tb, sidx, 1);
    if (compare) {
        tr_tex_write_shadow(t, in, tr_tex_emit(t, ir_type_make(IR_F32, 1), &tb, &tx));
        return;
    }
    static const uint8_t identity[4] = { 0, 1, 2, 3 };
    ir_instr *r = tr_tex_emit(t, ir_type_make(rbase, 4), &tb, &tx);
    write_texel(t, in, r, op == TGSI_OPCODE_GATHER4 ? identity : view->swizzle);
}
