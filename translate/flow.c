/* Control flow: IF/UIF/ELSE/ENDIF, BGNLOOP/ENDLOOP/BRK/CONT, SWITCH/CASE/DEFAULT/ENDSWITCH
 * and RET become structured IR nodes; channel maps are saved at each construct and merged
 * with phis where the incoming maps differ. */
#include "tr_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *op_name(enum tgsi_opcode op)
{
    return op < TGSI_OPCODE_COUNT ? tgsi_opcode_infos[op].name : "?";
}

/* Rejects what cannot become structured control flow before anything is built. */
bool tr_check_structure(tr *t)
{
    const ast_program *p = t->prog;
    struct open { enum tgsi_opcode op; ast_loc loc; bool has_else; } *stack;
    stack = arena_alloc_uninit(t->a, sizeof(struct open) * (TR_MAX_NESTING + 1)); /* pushed before read */
    if (!stack) {
        tr_out_of_memory(t, (ast_loc){ 0, 0 });
        return false;
    }
    size_t depth = 0;
    bool ok = true;
    for (size_t i = 0; i < p->num_insns && ok; i++) {
        const ast_insn *in = &p->insns[i];
        enum tgsi_opcode op = in->opcode;
        struct open *top = depth ? &stack[depth - 1] : NULL;
        switch (op) {
        case TGSI_OPCODE_IF:
        case TGSI_OPCODE_UIF:
        case TGSI_OPCODE_BGNLOOP:
        case TGSI_OPCODE_SWITCH:
            if (depth == TR_MAX_NESTING) {
                tr_error(t, in->loc, "control flow nested deeper than %d levels", TR_MAX_NESTING);
                ok = false;
                break;
            }
            stack[depth++] = (struct open){ op, in->loc, false };
            break;
        case TGSI_OPCODE_ELSE:
            if (!top || (top->op != TGSI_OPCODE_IF && top->op != TGSI_OPCODE_UIF) || top->has_else) {
                tr_error(t, in->loc, "ELSE without a matching IF");
                ok = false;
            } else {
                top->has_else = true;
            }
            break;
        case TGSI_OPCODE_ENDIF:
        case TGSI_OPCODE_ENDLOOP:
        case TGSI_OPCODE_ENDSWITCH: {
            bool match = top && (op == TGSI_OPCODE_ENDIF
                                     ? top->op == TGSI_OPCODE_IF || top->op == TGSI_OPCODE_UIF
                                 : op == TGSI_OPCODE_ENDLOOP ? top->op == TGSI_OPCODE_BGNLOOP
                                                             : top->op == TGSI_OPCODE_SWITCH);
            if (!match) {
                tr_error(t, in->loc, "%s without a matching %s", op_name(op),
                         op == TGSI_OPCODE_ENDIF ? "IF" : op == TGSI_OPCODE_ENDLOOP ? "BGNLOOP" : "SWITCH");
                ok = false;
            } else {
                depth--;
            }
            break;
        }
        case TGSI_OPCODE_CASE:
        case TGSI_OPCODE_DEFAULT:
            if (!top || top->op != TGSI_OPCODE_SWITCH) {
                tr_error(t, in->loc, "%s outside a SWITCH", op_name(op));
                ok = false;
            }
            break;
        case TGSI_OPCODE_BRK:
        case TGSI_OPCODE_CONT: {
            bool found = false;
            for (size_t k = depth; k-- > 0 && !found;)
                found = stack[k].op == TGSI_OPCODE_BGNLOOP ||
                        (op == TGSI_OPCODE_BRK && stack[k].op == TGSI_OPCODE_SWITCH);
            if (!found) {
                tr_error(t, in->loc, "%s outside a loop", op_name(op));
                ok = false;
            }
            break;
        }
        case TGSI_OPCODE_CAL:
        case TGSI_OPCODE_BGNSUB:
        case TGSI_OPCODE_ENDSUB:
            tr_error(t, in->loc, "subroutines (%s) are not supported", op_name(op));
            ok = false;
            break;
        case TGSI_OPCODE_END:
            if (depth) {
                tr_error(t, stack[depth - 1].loc, "%s is not closed before END",
                         op_name(stack[depth - 1].op));
                ok = false;
            }
            break;
        default:
            break;
        }
    }
    if (ok && depth) {
        tr_error(t, stack[depth - 1].loc, "%s is never closed", op_name(stack[depth - 1].op));
        ok = false;
    }
    return ok;
}

/* Calls fn for each SSA channel an instruction reads: every swizzle letter of a source or
 * texture offset counts, whether the opcode uses that component or not, and so do the
 * registers that index others. */
typedef void (*chan_fn)(tr *t, uint32_t ch, uint32_t at);

static void reg_reads(tr *t, const ast_reg *r, const uint8_t *swz, unsigned n, chan_fn fn,
                      uint32_t at)
{
    if (!tr_reg_is_ssa(t, r))
        return;
    uint32_t base = tr_reg_slot(t, r) * 4;
    for (unsigned c = 0; c < n; c++)
        fn(t, base + (swz[c] & 3), at);
}

static void index_reads(tr *t, const ast_reg *r, chan_fn fn, uint32_t at)
{
    if (r->indirect) {
        ast_reg ind = { .file = r->ind.file, .index = r->ind.index };
        reg_reads(t, &ind, &r->ind.swizzle, 1, fn, at);
    }
    if (r->dim_indirect) {
        ast_reg ind = { .file = r->dim_ind.file, .index = r->dim_ind.index };
        reg_reads(t, &ind, &r->dim_ind.swizzle, 1, fn, at);
    }
}

static void insn_reads(tr *t, const ast_insn *in, chan_fn fn, uint32_t at)
{
    for (unsigned k = 0; k < in->num_src && k < AST_MAX_SRC; k++) {
        reg_reads(t, &in->src[k].reg, in->src[k].swizzle, 4, fn, at);
        index_reads(t, &in->src[k].reg, fn, at);
    }
    for (unsigned k = 0; k < in->num_dst && k < AST_MAX_DST; k++)
        index_reads(t, &in->dst[k].reg, fn, at);
    for (unsigned k = 0; k < in->num_tex_offsets && k < AST_MAX_TEX_OFFSETS; k++) {
        reg_reads(t, &in->tex_offsets[k].reg, in->tex_offsets[k].swizzle, 3, fn, at);
        index_reads(t, &in->tex_offsets[k].reg, fn, at);
    }
}

static void note_last_read(tr *t, uint32_t ch, uint32_t at) { t->last_read[ch] = at; }

static bool build_liveness(tr *t)
{
    if (t->last_read)
        return true;
    t->last_read = ARENA_NEW_ARRAY(t->a, uint32_t, t->num_slots * 4 + 1);
    t->loop_carried = ARENA_NEW_ARRAY(t->a, uint32_t, t->num_slots * 4 + 1);
    if (!t->last_read || !t->loop_carried)
        return false;
    for (size_t i = 0; i < t->prog->num_insns; i++)
        insn_reads(t, &t->prog->insns[i], note_last_read, (uint32_t)i + 1);
    return true;
}

static tr_frame *push(tr *t, enum tr_frame_kind kind)
{
    if (!build_liveness(t))
        return NULL;
    if (t->num_frames == t->frames_cap) {
        unsigned cap = t->frames_cap ? t->frames_cap * 2 : 16;
        tr_frame *n = arena_realloc(t->a, t->frames, sizeof(tr_frame) * t->frames_cap,
                                    sizeof(tr_frame) * cap);
        if (!n)
            return NULL;
        t->frames = n;
        t->frames_cap = cap;
    }
    tr_frame *f = &t->frames[t->num_frames++];
    memset(f, 0, sizeof(*f));
    f->kind = kind;
    f->saved = tr_map_copy(t, t->map);
    f->entry = t->b.block;
    f->wlog_start = t->wlog_len;
    return f;
}

/* Leaves a construct; outside all of them no merge needs the write log. */
static void pop(tr *t)
{
    if (--t->num_frames == 0)
        t->wlog_len = 0;
}

/* Appends an edge as it is (its map is not copied). */
static void edge_push(tr *t, tr_edges *e, tr_edge edge)
{
    if (e->n >= UINT16_MAX - 2) { /* phis count their sources in 16 bits */
        tr_error(t, t->insn->loc, "more than %u branches to one point", UINT16_MAX - 2);
        return;
    }
    if (e->n == e->cap) {
        unsigned cap = e->cap ? e->cap * 2 : 4;
        tr_edge *n = arena_realloc(t->a, e->v, sizeof(tr_edge) * e->cap, sizeof(tr_edge) * cap);
        if (!n) {
            tr_out_of_memory(t, t->insn->loc);
            return;
        }
        e->v = n;
        e->cap = cap;
    }
    e->v[e->n++] = edge;
}

/* Appends an edge from `from` with (a copy of) map, into the end of a construct whose
 * writes begin at wlog_start. */
static void edge_add(tr *t, tr_edges *e, ir_block *from, const tr_chan *map, uint32_t wlog_start)
{
    edge_push(t, e, tr_edge_make(t, from, map, wlog_start));
}

static tr_frame *innermost(tr *t, bool loop_only)
{
    for (unsigned i = t->num_frames; i-- > 0;) {
        tr_frame *f = &t->frames[i];
        if (f->kind == TR_FRAME_LOOP || (!loop_only && f->kind == TR_FRAME_SWITCH))
            return f;
    }
    return NULL;
}

/* Index of the instruction closing the construct opened at `open`. */
static size_t matching_end(const ast_program *p, size_t open)
{
    int depth = 0;
    for (size_t i = open; i < p->num_insns; i++) {
        enum tgsi_opcode op = p->insns[i].opcode;
        if (op == TGSI_OPCODE_IF || op == TGSI_OPCODE_UIF || op == TGSI_OPCODE_BGNLOOP ||
            op == TGSI_OPCODE_SWITCH)
            depth++;
        else if (op == TGSI_OPCODE_ENDIF || op == TGSI_OPCODE_ENDLOOP || op == TGSI_OPCODE_ENDSWITCH)
            if (--depth == 0)
                return i;
    }
    return p->num_insns;
}

/* ---------------------------------------------------------------- if */

static void flow_if(tr *t, const ast_insn *in)
{
    bool uif = in->opcode == TGSI_OPCODE_UIF;
    ir_base base = uif ? IR_U32 : IR_F32;
    ir_src x = tr_read_scalar(t, &in->src[0], 0, base);
    ir_src zero = uif ? tr_const(t, IR_U32, 1, 0) : tr_const_f32(t, 0.0f, 1);
    ir_src cond = ir_src_for(ir_build_alu2(&t->b, IR_OP_NE, ir_type_make(IR_BOOL, 1), x, zero));
    tr_frame *f = push(t, TR_FRAME_IF);
    if (!f)
        return;
    f->nif = ir_build_if(&t->b, cond);
}

static void flow_else(tr *t)
{
    tr_frame *f = &t->frames[t->num_frames - 1];
    if (!t->dead) {
        f->then_edge = tr_edge_make(t, t->b.block, t->map, f->wlog_start);
        f->then_live = true;
    }
    tr_map_restore(t, f->saved, f->wlog_start);
    f->has_else = true;
    t->dead = false;
    ir_builder_else(&t->b, f->nif);
}

static void flow_endif(tr *t)
{
    tr_frame *f = &t->frames[t->num_frames - 1];
    tr_edge edges[2];
    unsigned n = 0;
    if (f->has_else) {
        if (f->then_live)
            edges[n++] = f->then_edge;
        if (!t->dead)
            edges[n++] = tr_edge_make(t, t->b.block, t->map, f->wlog_start);
    } else {
        if (!t->dead)
            edges[n++] = tr_edge_make(t, t->b.block, t->map, f->wlog_start);
        edges[n++] = (tr_edge){ ir_cf_last_block(&f->nif->else_list), f->saved, 0 };
    }
    ir_builder_after_cf(&t->b, &f->nif->cf);
    if (n)
        tr_merge(t, edges, n, f->wlog_start, f->saved);
    else
        tr_map_restore(t, f->saved, f->wlog_start);
    t->dead = false;
    pop(t);
}

/* ---------------------------------------------------------------- loops */

static ir_base dst_hint(const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    switch (info->dst_type) {
    case TGSI_TYPE_I: return IR_I32;
    case TGSI_TYPE_U: return IR_U32;
    case TGSI_TYPE_D: case TGSI_TYPE_I64: case TGSI_TYPE_U64: return IR_U32;
    default: return IR_F32;
    }
}

/* t->loop_written flags while a loop body is scanned */
enum { LW_WRITTEN = 1, LW_DEFINED = 2, LW_EXPOSED = 4 };

static void note_exposed(tr *t, uint32_t ch, uint32_t at)
{
    if (!(t->loop_written[ch] & LW_DEFINED))
        t->loop_written[ch] |= LW_EXPOSED;
}

static void clear_flags(tr *t, uint32_t ch, uint32_t at) { t->loop_written[ch] = 0; }

/* The channels the loop body writes that need a header phi, with a type hint for each: those
 * read in an iteration before the body's top level has written them (a write inside an if or
 * an inner loop may not happen), or read after the loop.  A channel written before every
 * read in the body is dead at the header.  t->loop_hint and t->loop_written are scratch of
 * one byte per channel, reused by every loop and left cleared. */
static bool written_channels(tr *t, uint32_t **out, uint32_t *count)
{
    uint32_t nch = t->num_slots * 4, n = 0, cap = 0;
    uint32_t *chs = NULL;
    if (!t->loop_written) {
        t->loop_written = ARENA_NEW_ARRAY(t->a, uint8_t, nch + 1);
        t->loop_hint = ARENA_NEW_ARRAY(t->a, uint8_t, nch + 1);
        if (!t->loop_written || !t->loop_hint || !build_liveness(t))
            return false;
    }
    size_t end = matching_end(t->prog, t->pc);
    int depth = 0;
    for (size_t i = t->pc + 1; i < end; i++) {
        const ast_insn *in = &t->prog->insns[i];
        insn_reads(t, in, note_exposed, 0);
        enum tgsi_opcode op = in->opcode;
        if (op == TGSI_OPCODE_IF || op == TGSI_OPCODE_UIF || op == TGSI_OPCODE_BGNLOOP ||
            op == TGSI_OPCODE_SWITCH)
            depth++;
        else if (op == TGSI_OPCODE_ENDIF || op == TGSI_OPCODE_ENDLOOP || op == TGSI_OPCODE_ENDSWITCH)
            depth--;
        for (unsigned k = 0; k < in->num_dst && k < AST_MAX_DST; k++) {
            const ast_reg *r = &in->dst[k].reg;
            if (!tr_reg_is_ssa(t, r))
                continue;
            for (unsigned c = 0; c < 4; c++) {
                uint32_t ch = tr_reg_slot(t, r) * 4 + c;
                if (!(in->dst[k].writemask & (1u << c)))
                    continue;
                if (depth == 0)
                    t->loop_written[ch] |= LW_DEFINED;
                if (t->loop_written[ch] & LW_WRITTEN)
                    continue;
                if (n == cap) {
                    uint32_t nc = cap ? cap * 2 : 16;
                    uint32_t *nv = arena_realloc(t->a, chs, sizeof(uint32_t) * cap, sizeof(uint32_t) * nc);
                    if (!nv)
                        return false;
                    chs = nv;
                    cap = nc;
                }
                chs[n++] = ch;
                t->loop_written[ch] |= LW_WRITTEN;
                t->loop_hint[ch] = (uint8_t)(r->file == TGSI_FILE_ADDRESS ? IR_I32 : dst_hint(in));
            }
        }
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t ch = chs[i];
        if ((t->loop_written[ch] & LW_EXPOSED) || t->last_read[ch] > end + 1)
            chs[kept++] = ch;
        t->loop_written[ch] = 0;
    }
    n = kept;
    /* reads flagged channels the body does not write too */
    for (size_t i = t->pc + 1; i < end; i++)
        insn_reads(t, &t->prog->insns[i], clear_flags, 0);
    if (n > 1)
        qsort(chs, n, sizeof(uint32_t), tr_cmp_u32); /* phis in register order */
    *out = chs;
    *count = n;
    return true;
}

static void flow_bgnloop(tr *t)
{
    uint32_t n, *chs;
    if (!written_channels(t, &chs, &n)) {
        tr_out_of_memory(t, t->insn->loc);
        return;
    }
    tr_frame *f = push(t, TR_FRAME_LOOP);
    if (!f)
        return;
    f->loop = ir_build_loop(&t->b);
    f->first_value = t->s->next_value_index;
    f->phis = ARENA_NEW_ARRAY(t->a, tr_loop_phi, n + 1);
    if (!f->phis) {
        tr_out_of_memory(t, t->insn->loc);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t ch = chs[i];
        ir_base base = t->map[ch].def ? (ir_base)t->map[ch].def->type.base : (ir_base)t->loop_hint[ch];
        ir_instr *phi = ir_build_phi(&t->b, ir_type_make(base, 1), 0);
        f->phis[f->num_phis++] = (tr_loop_phi){ ch, phi };
        t->loop_carried[ch]++;
        t->map[ch].def = phi;
        t->map[ch].comp = 0;
        tr_note_write(t, ch);
    }
    /* the loop entry map, for code after a loop that never breaks */
    f->then_edge.map = tr_map_copy(t, t->map);
}

/* Replacements of this loop's header phis: repl[i] for value index base + i. */
typedef struct phi_repl {
    ir_src *v;
    uint32_t base, size;
} phi_repl;

static ir_src resolve(const phi_repl *r, ir_src v)
{
    while (v.def && v.def->index >= r->base && v.def->index - r->base < r->size &&
           r->v[v.def->index - r->base].def) {
        ir_src n = r->v[v.def->index - r->base];
        uint8_t c = n.swizzle[0];
        v = (ir_src){ n.def, { c, c, c, c } };
    }
    return v;
}

static void patch_chan(tr_chan *m, uint32_t i, const phi_repl *r)
{
    if (!m[i].def || m[i].def->index < r->base)
        return;
    ir_src v = resolve(r, ir_src_swizzle(m[i].def, m[i].comp, 0, 0, 0));
    m[i].def = v.def;
    m[i].comp = v.swizzle[0];
}

/* The channels an edge's map holds: all, or those of a partial edge (see tr_edge). */
static void patch_map(tr *t, const tr_edge *e, uint32_t wlog_start, const phi_repl *r)
{
    if (!e->partial) {
        for (uint32_t i = 0; i < t->num_slots * 4; i++)
            patch_chan(e->map, i, r);
        return;
    }
    for (uint32_t k = wlog_start; k < e->partial - 1; k++)
        patch_chan(e->map, t->wlog[k], r);
}

static void patch_src(const phi_repl *r, ir_src *s)
{
    if (!s->def || s->def->index < r->base)
        return;
    ir_src v = resolve(r, *s);
    if (v.def != s->def)
        *s = v; /* header phis are scalars: every component read is .x */
}

/* Uses of a loop's header phis are all inside its body: the code after it is not built yet
 * and reaches them only through the channel maps.  So only the body is rewritten, which keeps
 * many loops linear. */
static void patch_list(const phi_repl *r, ir_cf_list *l)
{
    for (ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            IR_FOREACH_INSTR((ir_block *)n, in)
                for (unsigned i = 0; i < in->num_srcs; i++)
                    patch_src(r, &in->srcs[i]);
            break;
        case IR_CF_IF:
            patch_src(r, &((ir_if *)n)->cond);
            patch_list(r, &((ir_if *)n)->then_list);
            patch_list(r, &((ir_if *)n)->else_list);
            break;
        case IR_CF_LOOP:
            patch_list(r, &((ir_loop *)n)->body);
            break;
        case IR_CF_SWITCH: {
            ir_switch *sw = (ir_switch *)n;
            patch_src(r, &sw->selector);
            for (uint32_t i = 0; i < sw->num_cases; i++)
                patch_list(r, &sw->cases[i].body);
            break;
        }
        }
    }
}

/* Header phis whose sources are all one value (or the phi itself) are that value. */
static void remove_trivial_phis(tr *t, tr_frame *f)
{
    /* the loop's header phis took the value numbers right after first_value */
    phi_repl r = { NULL, f->first_value, f->num_phis };
    r.v = ARENA_NEW_ARRAY(t->a, ir_src, r.size + 1);
    if (!r.v)
        return; /* the phis stay: correct, only larger */
    bool any = false, changed = true;
    while (changed) {
        changed = false;
        for (uint32_t k = 0; k < f->num_phis; k++) {
            ir_instr *phi = f->phis[k].phi;
            if (!phi)
                continue;
            ir_src same = ir_src_none();
            bool trivial = true;
            for (unsigned e = 0; e < phi->num_srcs && trivial; e++) {
                ir_src v = resolve(&r, phi->srcs[e]);
                if (v.def == phi)
                    continue;
                if (!same.def)
                    same = v;
                else if (same.def != v.def || same.swizzle[0] != v.swizzle[0])
                    trivial = false;
            }
            if (!trivial)
                continue;
            if (!same.def)
                same = ir_src_for(tr_undef(t, (ir_base)phi->type.base));
            uint8_t c = same.swizzle[0];
            r.v[phi->index - r.base] = (ir_src){ same.def, { c, c, c, c } };
            ir_instr_remove(phi);
            f->phis[k].phi = NULL;
            any = changed = true;
        }
    }
    if (!any)
        return;
    patch_list(&r, &f->loop->body);
    for (unsigned i = 0; i < f->breaks.n; i++)
        patch_map(t, &f->breaks.v[i], f->wlog_start, &r);
    patch_map(t, &f->then_edge, f->wlog_start, &r);
}

static void flow_endloop(tr *t)
{
    tr_frame *f = &t->frames[t->num_frames - 1];
    /* The header phis read these maps right away, and only in their channels, which every
     * partial edge of the loop holds (the phis are the loop's first writes): no copies. */
    tr_edges preds = { 0 };
    edge_push(t, &preds, (tr_edge){ f->entry, f->saved, 0 });
    for (unsigned i = 0; i < f->conts.n; i++)
        edge_push(t, &preds, f->conts.v[i]);
    if (!t->dead)
        edge_push(t, &preds, (tr_edge){ t->b.block, t->map, 0 });
    if (t->failed)
        return;
    for (uint32_t k = 0; k < f->num_phis; k++) {
        ir_instr *phi = f->phis[k].phi;
        uint32_t ch = f->phis[k].ch;
        phi->num_srcs = (uint16_t)preds.n;
        phi->srcs = ARENA_NEW_ARRAY(t->a, ir_src, preds.n);
        phi->phi_preds = ARENA_NEW_ARRAY(t->a, ir_block *, preds.n);
        if (!phi->srcs || !phi->phi_preds) {
            tr_out_of_memory(t, t->insn->loc);
            return;
        }
        for (unsigned e = 0; e < preds.n; e++)
            ir_phi_set_src(phi, e, preds.v[e].from,
                           tr_chan_value(t, preds.v[e].map[ch], (ir_base)phi->type.base,
                                         preds.v[e].from));
    }
    remove_trivial_phis(t, f);
    for (uint32_t k = 0; k < f->num_phis; k++)
        t->loop_carried[f->phis[k].ch]--;
    ir_builder_after_cf(&t->b, &f->loop->cf);
    if (f->breaks.n)
        tr_merge(t, f->breaks.v, f->breaks.n, f->wlog_start, f->saved);
    else
        tr_map_restore(t, f->then_edge.map, f->wlog_start);
    t->dead = false;
    pop(t);
}

static void flow_jump(tr *t, enum tgsi_opcode op)
{
    if (op == TGSI_OPCODE_BRK || op == TGSI_OPCODE_CONT) {
        tr_frame *f = innermost(t, op == TGSI_OPCODE_CONT);
        if (!f)
            return; /* rejected by tr_check_structure */
        edge_add(t, op == TGSI_OPCODE_BRK ? &f->breaks : &f->conts, t->b.block, t->map,
                 f->wlog_start);
        ir_build_jump(&t->b, op == TGSI_OPCODE_BRK ? IR_OP_BREAK : IR_OP_CONTINUE);
    } else {
        ir_build_jump(&t->b, IR_OP_RETURN);
    }
    t->dead = true;
}

/* ---------------------------------------------------------------- switch */

static void flow_switch(tr *t, const ast_insn *in)
{
    ir_src sel = tr_read_scalar(t, &in->src[0], 0, IR_U32);
    size_t end = matching_end(t->prog, t->pc);
    uint32_t n = 0;
    int depth = 0;
    for (size_t i = t->pc + 1; i < end; i++) {
        enum tgsi_opcode op = t->prog->insns[i].opcode;
        if (op == TGSI_OPCODE_SWITCH)
            depth++;
        else if (op == TGSI_OPCODE_ENDSWITCH)
            depth--;
        else if (depth == 0 && (op == TGSI_OPCODE_CASE || op == TGSI_OPCODE_DEFAULT))
            n++;
    }
    tr_frame *f = push(t, TR_FRAME_SWITCH);
    if (!f)
        return;
    f->sw = ir_build_switch(&t->b, sel, n);
    f->case_index = -1;
    t->dead = true; /* nothing runs before the first CASE */
}

static void flow_case(tr *t, const ast_insn *in)
{
    tr_frame *f = &t->frames[t->num_frames - 1];
    uint32_t i = (uint32_t)++f->case_index;
    if (i >= f->sw->num_cases)
        return;
    tr_edge edges[2];
    unsigned n = 0;
    edges[n++] = (tr_edge){ f->entry, f->saved, 0 };
    if (i > 0 && !t->dead)
        edges[n++] = tr_edge_make(t, t->b.block, t->map, f->wlog_start);
    ir_switch_case *c = &f->sw->cases[i];
    if (in->opcode == TGSI_OPCODE_DEFAULT) {
        c->is_default = true;
        f->has_default = true;
    } else {
        const ast_src *s = &in->src[0];
        if (s->reg.file != TGSI_FILE_IMMEDIATE || s->reg.indirect || s->reg.index < 0 ||
            (uint32_t)s->reg.index >= t->num_imms || !t->imms[s->reg.index]) {
            tr_error(t, s->loc, "CASE needs an immediate value");
            return;
        }
        c->values = ARENA_NEW_ARRAY(t->a, uint32_t, 1);
        c->values[0] = t->imms[s->reg.index]->words[s->swizzle[0] & 3];
        c->num_values = 1;
    }
    ir_builder_case(&t->b, f->sw, i);
    tr_merge(t, edges, n, f->wlog_start, f->saved);
    t->dead = false;
}

static void flow_endswitch(tr *t)
{
    tr_frame *f = &t->frames[t->num_frames - 1];
    if (!t->dead && f->case_index >= 0)
        edge_add(t, &f->breaks, t->b.block, t->map, f->wlog_start);
    if (!f->has_default)
        edge_push(t, &f->breaks, (tr_edge){ f->entry, f->saved, 0 });
    ir_builder_after_cf(&t->b, &f->sw->cf);
    if (f->breaks.n)
        tr_merge(t, f->breaks.v, f->breaks.n, f->wlog_start, f->saved);
    else
        tr_map_restore(t, f->saved, f->wlog_start);
    t->dead = false;
    pop(t);
}

void tr_flow(tr *t, const ast_insn *in)
{
    switch (in->opcode) {
    case TGSI_OPCODE_IF:
    case TGSI_OPCODE_UIF: flow_if(t, in); break;
    case TGSI_OPCODE_ELSE: flow_else(t); break;
    case TGSI_OPCODE_ENDIF: flow_endif(t); break;
    case TGSI_OPCODE_BGNLOOP: flow_bgnloop(t); break;
    case TGSI_OPCODE_ENDLOOP: flow_endloop(t); break;
    case TGSI_OPCODE_BRK:
    case TGSI_OPCODE_CONT:
    case TGSI_OPCODE_RET: flow_jump(t, in->opcode); break;
    case TGSI_OPCODE_SWITCH: flow_switch(t, in); break;
    case TGSI_OPCODE_CASE:
    case TGSI_OPCODE_DEFAULT: flow_case(t, in); break;
    case TGSI_OPCODE_ENDSWITCH: flow_endswitch(t); break;
    default:
        tr_error(t, in->loc, "%s is not supported", op_name(in->opcode));
        break;
    }
}
