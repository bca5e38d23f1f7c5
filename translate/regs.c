/* Registers: the per-channel SSA map of TEMP/ADDR, reading operands (swizzles, modifiers,
 * type changes) and writing destinations (write masks, saturate, variables). */
#include "tr_internal.h"

#include <stdlib.h>
#include <string.h>

void tr_regs_init(tr *t)
{
    t->num_slots = t->num_ssa_temps + t->num_addrs;
    t->map = ARENA_NEW_ARRAY(t->a, tr_chan, (size_t)t->num_slots * 4 + 1);
}

bool tr_reg_is_ssa(const tr *t, const ast_reg *r)
{
    if (r->indirect)
        return false;
    if (r->file == TGSI_FILE_ADDRESS)
        return r->index >= 0 && (uint32_t)r->index < t->num_addrs;
    if (r->file == TGSI_FILE_TEMPORARY)
        return tr_temp_slot(t, r->index) >= 0;
    return false;
}

uint32_t tr_reg_slot(const tr *t, const ast_reg *r)
{
    return r->file == TGSI_FILE_ADDRESS ? t->num_ssa_temps + (uint32_t)r->index
                                        : (uint32_t)tr_temp_slot(t, r->index);
}

tr_chan *tr_map_copy(tr *t, const tr_chan *m)
{
    /* Not zeroed: the copy below fills it (every construct copies the map, so this adds up). */
    tr_chan *c = arena_alloc_uninit(t->a, sizeof(tr_chan) * ((size_t)t->num_slots * 4 + 1));
    if (!c) {
        /* the arena's limit: stop after this instruction; the live map stands in */
        tr_out_of_memory(t, t->insn ? t->insn->loc : (ast_loc){ 0, 0 });
        return t->map;
    }
    memmove(c, m, sizeof(tr_chan) * t->num_slots * 4);
    return c;
}

tr_edge tr_edge_make(tr *t, ir_block *from, const tr_chan *m, uint32_t wlog_start)
{
    uint32_t nch = t->num_slots * 4;
    /* a log with more entries than channels (repeats): a plain copy is cheaper */
    if (t->wlog_lost || wlog_start > t->wlog_len || t->wlog_len - wlog_start > nch)
        return (tr_edge){ from, tr_map_copy(t, m), 0 };
    tr_chan *c = arena_alloc_uninit(t->a, sizeof(tr_chan) * ((size_t)nch + 1));
    if (!c) {
        tr_out_of_memory(t, t->insn ? t->insn->loc : (ast_loc){ 0, 0 });
        return (tr_edge){ from, t->map, 0 };
    }
    for (uint32_t k = wlog_start; k < t->wlog_len; k++)
        c[t->wlog[k]] = m[t->wlog[k]];
    return (tr_edge){ from, c, t->wlog_len + 1 };
}

void tr_map_restore(tr *t, const tr_chan *m, uint32_t wlog_start)
{
    if (t->wlog_lost || wlog_start > t->wlog_len ||
        t->wlog_len - wlog_start > t->num_slots * 4) {
        memmove(t->map, m, sizeof(tr_chan) * t->num_slots * 4);
        return;
    }
    for (uint32_t k = wlog_start; k < t->wlog_len; k++)
        t->map[t->wlog[k]] = m[t->wlog[k]];
}

/* UNDEFs live at the head of the shader's first block so they dominate every use. */
/* Undefs and constants go to the top of the entry block, in the order they are made. */
static void insert_at_entry(tr *t, ir_instr *in)
{
    ir_block *first = ir_cf_first_block(&t->s->body);
    if (t->entry_top)
        ir_instr_insert_after(t->entry_top, in);
    else if (first->first)
        ir_instr_insert_before(first->first, in);
    else
        ir_instr_append(first, in);
    t->entry_top = in;
}

ir_instr *tr_undef(tr *t, ir_base base)
{
    if (t->undef[base])
        return t->undef[base];
    ir_instr *u = ir_instr_create(t->s, IR_OP_UNDEF, ir_type_make(base, 1), 0);
    insert_at_entry(t, u);
    return t->undef[base] = u;
}

static uint32_t const_hash(const ir_instr *k)
{
    uint64_t h = (uint64_t)k->type.base << 8 | k->type.comps;
    for (unsigned c = 0; c < k->type.comps && c < 4; c++)
        h = (h ^ k->u.value.u64[c]) * 0x9e3779b97f4a7c15ull;
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

static bool const_same(const ir_instr *a, const ir_instr *b)
{
    if (!ir_type_eq(a->type, b->type))
        return false;
    for (unsigned c = 0; c < a->type.comps && c < 4; c++)
        if (a->u.value.u64[c] != b->u.value.u64[c])
            return false;
    return true;
}

static bool const_insert(ir_instr **table, uint32_t cap, ir_instr *k)
{
    for (uint32_t slot = const_hash(k) & (cap - 1);; slot = (slot + 1) & (cap - 1)) {
        if (!table[slot]) {
            table[slot] = k;
            return true;
        }
    }
}

/* Translation reads the same immediates over and over; making each constant once saves
 * every later pass from walking the copies until CSE merges them.  Constants go to the top
 * of the entry block, which dominates every use. */
ir_instr *tr_const_words(tr *t, ir_type type, const uint32_t *words)
{
    ir_instr key = { .op = IR_OP_CONST, .type = type };
    for (unsigned c = 0; c < type.comps && c < 4; c++) {
        if (ir_base_is_64((ir_base)type.base))
            key.u.value.u64[c] = words[2 * c] | (uint64_t)words[2 * c + 1] << 32;
        else
            key.u.value.u32[c] = words[c];
    }
    if (t->num_consts * 2 >= t->consts_cap) {
        uint32_t cap = t->consts_cap ? t->consts_cap * 2 : 64;
        ir_instr **table = ARENA_NEW_ARRAY(t->a, ir_instr *, cap);
        if (table) {
            for (uint32_t i = 0; i < t->consts_cap; i++)
                if (t->consts[i])
                    const_insert(table, cap, t->consts[i]);
            t->consts = table;
            t->consts_cap = cap;
        }
    }
    uint32_t slot = 0;
    if (t->consts) {
        slot = const_hash(&key) & (t->consts_cap - 1);
        for (; t->consts[slot]; slot = (slot + 1) & (t->consts_cap - 1))
            if (const_same(t->consts[slot], &key))
                return t->consts[slot];
    }
    ir_instr *k = ir_instr_create(t->s, IR_OP_CONST, type, 0);
    k->u = key.u;
    if (t->consts && t->num_consts * 2 < t->consts_cap) {
        t->consts[slot] = k;
        t->num_consts++;
    }
    insert_at_entry(t, k);
    return k;
}

static ir_src swz_src(ir_instr *def, const uint8_t *comps, unsigned n)
{
    ir_src s = { def, { 0, 0, 0, 0 } };
    for (unsigned i = 0; i < 4; i++)
        s.swizzle[i] = comps[i < n ? i : n - 1];
    return s;
}

ir_src tr_const(tr *t, ir_base base, unsigned n, uint32_t word)
{
    uint32_t w[8];
    for (unsigned i = 0; i < 8; i++)
        w[i] = ir_base_is_64(base) ? ((i & 1) ? 0 : word) : word;
    return ir_src_for(tr_const_words(t, ir_type_make(base, n), w));
}

ir_src tr_const_f32(tr *t, float f, unsigned n)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return tr_const(t, IR_F32, n, w);
}

ir_src tr_exact(tr *t, ir_src v, unsigned n)
{
    if (!v.def)
        return v;
    bool same = v.def->type.comps == n;
    for (unsigned i = 0; i < n && same; i++)
        same = v.swizzle[i] == i;
    if (same)
        return v;
    return ir_src_for(ir_build_alu1(&t->b, IR_OP_MOV, ir_type_make((ir_base)v.def->type.base, n), v));
}

ir_base tr_src_base(ir_src v, unsigned n)
{
    (void)n;
    return v.def ? (ir_base)v.def->type.base : IR_F32;
}

ir_src tr_bitcast(tr *t, ir_src v, unsigned n, ir_base to)
{
    if (!v.def || v.def->type.base == to)
        return v;
    if (v.def->op == IR_OP_UNDEF) {
        ir_instr *u = tr_undef(t, to);
        return ir_src_for(u);
    }
    if (v.def->type.base == IR_BOOL) {
        ir_src cond = v;
        return ir_src_for(ir_build_alu3(&t->b, IR_OP_SELECT, ir_type_make(to, n), cond,
                                        tr_const(t, to, n, ~0u), tr_const(t, to, n, 0)));
    }
    return ir_src_for(ir_build_bitcast(&t->b, to, v, n));
}

ir_src tr_chan_value(tr *t, tr_chan c, ir_base base, ir_block *at)
{
    if (!c.def)
        return ir_src_for(tr_undef(t, base));
    ir_src v = ir_src_swizzle(c.def, c.comp, c.comp, c.comp, c.comp);
    if (c.def->type.base == base)
        return v;
    if (!at)
        return tr_bitcast(t, v, 1, base);
    ir_builder saved = t->b;
    ir_instr *j = ir_block_jump(at);
    if (j)
        ir_builder_before(&t->b, j);
    else
        ir_builder_at_end(&t->b, at);
    v = tr_bitcast(t, v, 1, base);
    t->b = saved;
    return v;
}

/* Gathers channels into one source: a swizzle of one def when they share it, else a VEC. */
static ir_src combine(tr *t, const tr_chan *c, unsigned n, ir_base want)
{
    bool same = c[0].def != NULL;
    for (unsigned i = 1; i < n && same; i++)
        same = c[i].def == c[0].def;
    if (same) {
        uint8_t comps[4];
        for (unsigned i = 0; i < n; i++)
            comps[i] = c[i].comp;
        ir_src v = swz_src(c[0].def, comps, n);
        if (want == IR_VOID)
            want = (ir_base)c[0].def->type.base;
        return tr_bitcast(t, v, n, want);
    }
    if (want == IR_VOID) {
        want = IR_F32;
        for (unsigned i = 0; i < n; i++)
            if (c[i].def) {
                want = (ir_base)c[i].def->type.base;
                break;
            }
    }
    ir_src parts[4];
    for (unsigned i = 0; i < n; i++)
        parts[i] = tr_chan_value(t, c[i], want, NULL);
    if (n == 1)
        return parts[0];
    return ir_src_for(ir_build_vec(&t->b, ir_type_make(want, n), parts, n));
}

ir_src tr_index(tr *t, const ast_indirect *ind, ast_loc loc)
{
    ast_src s;
    memset(&s, 0, sizeof(s));
    s.reg.file = ind->file;
    s.reg.index = ind->index;
    s.reg.array_id = ind->array_id;
    for (unsigned i = 0; i < 4; i++)
        s.swizzle[i] = ind->swizzle & 3;
    s.loc = loc;
    if (ind->file != TGSI_FILE_ADDRESS && ind->file != TGSI_FILE_TEMPORARY &&
        ind->file != TGSI_FILE_SYSTEM_VALUE && ind->file != TGSI_FILE_CONSTANT &&
        ind->file != TGSI_FILE_IMMEDIATE && ind->file != TGSI_FILE_INPUT) {
        tr_error(t, loc, "register file %s cannot be used as an index",
                 ind->file < TGSI_FILE_COUNT ? tgsi_file_names[ind->file] : "?");
        return ir_src_for(tr_undef(t, IR_I32));
    }
    return tr_read_scalar(t, &s, 0, IR_I32);
}

/* How many vertices a per-vertex array has: the geometry shader's input primitive (as the
 * backend declares it), the TCS's output patch, or GL's minimum patch size for the other
 * tessellation inputs; a constant index past it does not compile. */
static uint32_t per_vertex_count(const tr *t, const ir_var *v)
{
    const ir_shader *s = t->s;
    if (s->stage == T2G_STAGE_GEOMETRY)
        return ir_gs_input_vertices(s);
    if (s->stage == T2G_STAGE_TESS_CTRL && v->kind == IR_VAR_OUTPUT &&
        ir_prop_is_set(s, IR_PROP_TCS_VERTICES_OUT))
        return s->props[IR_PROP_TCS_VERTICES_OUT];
    return 32;
}

/* Vertex index of a per-vertex access: the first bracket, or the invocation for TCS outputs
 * written without one. */
static void var_dim(tr *t, ir_var *v, const ast_reg *r, ast_loc loc, int32_t *dim, ir_src *dim_src)
{
    *dim = 0;
    *dim_src = ir_src_none();
    if (!v->per_vertex)
        return;
    if (r->has_dim) {
        *dim = r->dim;
        uint32_t count = per_vertex_count(t, v);
        if (!r->dim_indirect && (uint32_t)r->dim >= count) {
            tr_error(t, loc, "vertex index %d is past the %u vertices of this per-vertex %s", r->dim, count,
                     v->kind == IR_VAR_OUTPUT ? "output" : "input");
            *dim = 0;
        }
        if (r->dim_indirect)
            *dim_src = tr_index(t, &r->dim_ind, loc);
    } else if (t->invocation_id) {
        *dim_src = tr_bitcast(t, ir_src_for(ir_build_load_var(&t->b, t->invocation_id, 0,
                                  ir_src_none(), 0, ir_src_none())), 1, IR_I32);
    }
}

/* GLSL lets a TCS write gl_out[] / per-vertex outputs only at [gl_InvocationID]: true when
 * a vertex index is the invocation ID (through moves, bit casts and conversions, as UARL
 * from SV INVOCATIONID gives it). */
static bool tcs_own_vertex(int32_t dim, ir_src dim_src)
{
    const ir_instr *def = dim_src.def;
    while (def && (def->op == IR_OP_MOV || def->op == IR_OP_BITCAST || def->op == IR_OP_CONVERT) &&
           def->num_srcs == 1)
        def = def->srcs[0].def;
    return dim == 0 && def && def->op == IR_OP_LOAD_VAR &&
           def->u.access.var->kind == IR_VAR_SYSTEM_VALUE &&
           def->u.access.var->semantic == T2G_SEMANTIC_INVOCATIONID;
}

/* CONST[ADDR[a].x+b][i]: GLSL cannot index separate uniform blocks dynamically, so every
 * declared buffer holding slot i is loaded and the one the index names is selected. */
static ir_instr *load_const_dim_indirect(tr *t, const ast_reg *r, ast_loc loc)
{
    ir_src which = tr_index(t, &r->dim_ind, loc);
    ir_type i1 = ir_type_make(IR_I32, 1), v4 = ir_type_make(IR_F32, 4);
    which = ir_src_for(ir_build_alu2(&t->b, IR_OP_ADD, i1, which, tr_const(t, IR_I32, 1, (uint32_t)r->dim)));
    ir_src ind = r->indirect ? tr_index(t, &r->ind, loc) : ir_src_none();
    ir_instr *acc = NULL;
    for (uint32_t b = 0; b < t->num_cbufs; b++) {
        ir_var *v = t->cbufs[b];
        if (!v || (!r->indirect && (r->index < 0 || (uint32_t)r->index >= v->size)))
            continue;
        ir_instr *ld = ir_build_load_var(&t->b, v, r->index, ind, 0, ir_src_none());
        if (!acc) {
            acc = ld;
            continue;
        }
        ir_src is_b = ir_src_for(ir_build_alu2(&t->b, IR_OP_EQ, ir_type_make(IR_BOOL, 1), which,
                                               tr_const(t, IR_I32, 1, b)));
        is_b.swizzle[1] = is_b.swizzle[2] = is_b.swizzle[3] = 0;
        acc = ir_build_alu3(&t->b, IR_OP_SELECT, v4, is_b, ir_src_for(ld), ir_src_for(acc));
    }
    if (!acc)
        tr_error(t, loc, "CONST[..][%d] is outside every constant buffer", r->index);
    return acc;
}

/* IN[ADDR+k] / OUT[ADDR+k] on a variable that is not an array: the TGSI Mesa sends (as
 * recorded, without array ids) declares each element of a varying array on its own, and
 * GLSL cannot index separate variables, so the element is chosen among the declarations of
 * that file indexed like this one (same semantic, per-vertex/patch kind and type: a Mesa
 * array never mixes GENERIC with a builtin).  Fills `cand` with
 * one variable per register slot (NULL where none fits) and returns the slot count, or 0
 * when the plain access is right. */
static bool span_fits(const ir_var *c, const ir_var *v)
{
    return c && !c->array_len && c->semantic == v->semantic && c->per_vertex == v->per_vertex &&
           c->patch == v->patch && c->kind == v->kind && c->type.base == v->type.base &&
           c->type.comps == v->type.comps;
}

static uint32_t span_candidates(tr *t, const ast_reg *r, const ir_var *v, ir_var ***cand)
{
    if (!r->indirect || v->array_len || (r->file != TGSI_FILE_INPUT && r->file != TGSI_FILE_OUTPUT))
        return 0;
    ir_var **tab = r->file == TGSI_FILE_INPUT ? t->in_vars : t->out_vars;
    uint32_t len = r->file == TGSI_FILE_INPUT ? t->num_in : t->num_out, n = 0;
    for (uint32_t s = 0; s < len; s++)
        n += tab[s] != v && span_fits(tab[s], v);
    if (!n)
        return 0;
    *cand = tab;
    return len;
}

/* The register slot an indirect access names: ADDR + k. */
static ir_src span_slot(tr *t, const ast_reg *r, ast_loc loc)
{
    return ir_src_for(ir_build_alu2(&t->b, IR_OP_ADD, ir_type_make(IR_I32, 1),
                                    tr_index(t, &r->ind, loc),
                                    tr_const(t, IR_I32, 1, (uint32_t)r->index)));
}

static ir_src span_is(tr *t, ir_src slot, uint32_t s)
{
    ir_src is = ir_src_for(ir_build_alu2(&t->b, IR_OP_EQ, ir_type_make(IR_BOOL, 1), slot,
                                         tr_const(t, IR_I32, 1, s)));
    is.swizzle[1] = is.swizzle[2] = is.swizzle[3] = 0;
    return is;
}

/* Loads the element a variable operand names. */
static ir_instr *load_operand(tr *t, const ast_reg *r, ast_loc loc)
{
    if (r->file == TGSI_FILE_CONSTANT && r->dim_indirect)
        return load_const_dim_indirect(t, r, loc);
    int32_t index;
    ir_var *v = tr_reg_var(t, r, loc, &index);
    if (!v)
        return NULL;
    int32_t dim;
    ir_src dim_src;
    var_dim(t, v, r, loc, &dim, &dim_src);
    ir_var **cand;
    uint32_t slots = span_candidates(t, r, v, &cand);
    ir_instr *ld;
    if (slots) {
        ir_src slot = span_slot(t, r, loc);
        ld = ir_build_load_var(&t->b, v, 0, ir_src_none(), dim, dim_src);
        for (uint32_t s = 0; s < slots; s++) {
            if (cand[s] == v || !span_fits(cand[s], v))
                continue;
            ir_instr *c = ir_build_load_var(&t->b, cand[s], 0, ir_src_none(), dim, dim_src);
            ld = ir_build_alu3(&t->b, IR_OP_SELECT, v->type, span_is(t, slot, s),
                               ir_src_for(c), ir_src_for(ld));
        }
    } else {
        ir_src ind = r->indirect ? tr_index(t, &r->ind, loc) : ir_src_none();
        ld = ir_build_load_var(&t->b, v, index, ind, dim, dim_src);
    }
    if (v->type.base == IR_BOOL) {
        unsigned n = v->type.comps;
        ld = ir_build_alu3(&t->b, IR_OP_SELECT, ir_type_make(IR_U32, n), ir_src_for(ld),
                           tr_const(t, IR_U32, n, ~0u), tr_const(t, IR_U32, n, 0));
    }
    return ld;
}

static const ast_imm *find_imm(tr *t, int32_t index)
{
    if (index < 0 || (uint32_t)index >= t->num_imms)
        return NULL;
    return t->imms[index];
}

static ir_base imm_base(enum tgsi_imm_type ty)
{
    switch (ty) {
    case TGSI_IMM_FLT32: return IR_F32;
    case TGSI_IMM_INT32: return IR_I32;
    default: return IR_U32; /* 64-bit immediates are word pairs in 32-bit channels */
    }
}

static ir_src apply_modifiers(tr *t, const ast_src *s, ir_src v, unsigned n)
{
    ir_base base = tr_src_base(v, n);
    if (s->absolute)
        v = ir_src_for(ir_build_alu1(&t->b, IR_OP_ABS, ir_type_make(base, n), v));
    if (s->negate)
        v = ir_src_for(ir_build_alu1(&t->b, IR_OP_NEG, ir_type_make(base, n), v));
    return v;
}

/* Reads n 32-bit channels of the operand (register channels regch[]) without modifiers. */
static ir_src read_raw(tr *t, const ast_src *s, const uint8_t *regch, unsigned n, ir_base want)
{
    const ast_reg *r = &s->reg;
    if (r->file == TGSI_FILE_IMMEDIATE && !r->indirect) {
        const ast_imm *imm = find_imm(t, r->index);
        if (!imm) {
            tr_error(t, s->loc, "IMM[%d] is not declared", r->index);
            return ir_src_for(tr_undef(t, want == IR_VOID ? IR_F32 : want));
        }
        ir_base base = want != IR_VOID ? want : imm_base(imm->type);
        uint32_t w[4];
        for (unsigned i = 0; i < n; i++)
            w[i] = regch[i] < imm->num_values ? imm->words[regch[i]] : 0;
        return ir_src_for(tr_const_words(t, ir_type_make(base, n), w));
    }
    tr_chan c[4] = { { NULL, 0 } };
    if (n == 0 || n > 4)
        return ir_src_none();
    if (tr_reg_is_ssa(t, r)) {
        const tr_chan *m = &t->map[tr_reg_slot(t, r) * 4];
        for (unsigned i = 0; i < n; i++)
            c[i] = m[regch[i]];
    } else {
        if (r->file == TGSI_FILE_TEMPORARY && !r->indirect &&
            !tr_temp_declared(t, r->index)) {
            tr_error(t, s->loc, "TEMP[%d] is outside the declared temporaries", r->index);
            return ir_src_for(tr_undef(t, want == IR_VOID ? IR_F32 : want));
        }
        if (r->file == TGSI_FILE_ADDRESS) {
            tr_error(t, s->loc, "ADDR[%d] is outside the declared address registers", r->index);
            return ir_src_for(tr_undef(t, want == IR_VOID ? IR_I32 : want));
        }
        ir_instr *ld = load_operand(t, r, s->loc);
        if (!ld)
            return ir_src_for(tr_undef(t, want == IR_VOID ? IR_F32 : want));
        unsigned comps = ld->type.comps ? ld->type.comps : 1;
        for (unsigned i = 0; i < n; i++) {
            c[i].def = ld;
            c[i].comp = regch[i] < comps ? regch[i] : (uint8_t)(comps - 1);
        }
    }
    return combine(t, c, n, want);
}

ir_src tr_read(tr *t, const ast_src *s, const uint8_t *chans, unsigned n, ir_base want)
{
    uint8_t regch[4];
    for (unsigned i = 0; i < n; i++)
        regch[i] = s->swizzle[chans[i] & 3] & 3;
    if (want == IR_VOID && (s->negate || s->absolute))
        want = IR_F32;
    ir_src v = read_raw(t, s, regch, n, want);
    return apply_modifiers(t, s, v, n);
}

ir_src tr_read_scalar(tr *t, const ast_src *s, unsigned chan, ir_base want)
{
    uint8_t c = (uint8_t)chan;
    return tr_read(t, s, &c, 1, want);
}

ir_src tr_read64(tr *t, const ast_src *s, const uint8_t *pairs, unsigned n, ir_base want)
{
    /* A register holds two 64-bit values; 32-bit results written to all four channels
     * (D2F .xyzw, DSLT .xyzw) read them more than once, so each pair is packed once. */
    uint8_t uniq[2], lane[4], regch[4];
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned p = pairs[i] & 1, j = 0;
        while (j < k && uniq[j] != p)
            j++;
        if (j == k)
            uniq[k++] = (uint8_t)p;
        lane[i] = (uint8_t)j;
    }
    for (unsigned j = 0; j < k; j++) {
        regch[2 * j] = s->swizzle[uniq[j] * 2] & 3;
        regch[2 * j + 1] = s->swizzle[uniq[j] * 2 + 1] & 3;
    }
    ir_src words = read_raw(t, s, regch, 2 * k, IR_U32);
    ir_src v = ir_src_for(ir_build_alu1(&t->b, IR_OP_PACK64, ir_type_make(want, k), words));
    v = apply_modifiers(t, s, v, k);
    ir_src r = v;
    for (unsigned i = 0; i < 4; i++)
        r.swizzle[i] = v.swizzle[lane[i < n ? i : n - 1]];
    return r;
}

unsigned tr_dst_chans(const ast_dst *d, uint8_t *chans)
{
    unsigned n = 0;
    for (unsigned c = 0; c < 4; c++)
        if (d->writemask & (1u << c))
            chans[n++] = (uint8_t)c;
    return n;
}

unsigned tr_dst_pairs(const ast_dst *d, uint8_t *pairs)
{
    unsigned n = 0;
    if (d->writemask & 0x3)
        pairs[n++] = 0;
    if (d->writemask & 0xc)
        pairs[n++] = 1;
    return n;
}

static ir_src saturate(tr *t, ir_src v, unsigned n)
{
    ir_base base = tr_src_base(v, n);
    if (base == IR_F64) {
        uint32_t zero[8] = { 0 }, one[8];
        for (unsigned i = 0; i < 4; i++) {
            one[2 * i] = 0;
            one[2 * i + 1] = 0x3ff00000u;
        }
        ir_type ty = ir_type_make(IR_F64, n);
        ir_src lo = ir_src_for(tr_const_words(t, ty, zero));
        ir_src hi = ir_src_for(tr_const_words(t, ty, one));
        v = ir_src_for(ir_build_alu2(&t->b, IR_OP_MAX, ty, v, lo));
        return ir_src_for(ir_build_alu2(&t->b, IR_OP_MIN, ty, v, hi));
    }
    v = tr_bitcast(t, v, n, IR_F32);
    ir_type ty = ir_type_make(IR_F32, n);
    v = ir_src_for(ir_build_alu2(&t->b, IR_OP_MAX, ty, v, tr_const_f32(t, 0.0f, n)));
    return ir_src_for(ir_build_alu2(&t->b, IR_OP_MIN, ty, v, tr_const_f32(t, 1.0f, n)));
}

static void write_lanes(tr *t, const ast_dst *d, ir_src v, const uint8_t *chans, unsigned n)
{
    const ast_reg *r = &d->reg;
    if (n == 0 || r->file == TGSI_FILE_NULL)
        return;
    if (tr_reg_is_ssa(t, r)) {
        uint32_t base = tr_reg_slot(t, r) * 4;
        for (unsigned i = 0; i < n; i++) {
            t->map[base + (chans[i] & 3)].def = v.def;
            t->map[base + (chans[i] & 3)].comp = v.swizzle[i];
            tr_note_write(t, base + (chans[i] & 3));
        }
        return;
    }
    if (r->file != TGSI_FILE_OUTPUT && r->file != TGSI_FILE_TEMPORARY) {
        tr_error(t, d->loc, "cannot write to register file %s",
                 r->file < TGSI_FILE_COUNT ? tgsi_file_names[r->file] : "?");
        return;
    }
    if (r->file == TGSI_FILE_TEMPORARY && !r->indirect &&
        !tr_temp_declared(t, r->index)) {
        tr_error(t, d->loc, "TEMP[%d] is outside the declared temporaries", r->index);
        return;
    }
    int32_t index;
    ir_var *var = tr_reg_var(t, r, d->loc, &index);
    if (!var)
        return;
    ir_src ind = r->indirect ? tr_index(t, &r->ind, d->loc) : ir_src_none();
    int32_t dim;
    ir_src dim_src;
    var_dim(t, var, r, d->loc, &dim, &dim_src);
    if (var->kind == IR_VAR_OUTPUT && var->per_vertex && t->s->stage == T2G_STAGE_TESS_CTRL &&
        r->has_dim && !tcs_own_vertex(dim, dim_src)) {
        tr_error(t, d->loc, "a TCS writes per-vertex outputs only at its own vertex "
                 "(OUT[ADDR].. loaded from INVOCATIONID, or no vertex index)");
        return;
    }
    if (v.def && v.def->type.base != var->type.base) {
        v = tr_bitcast(t, v, n, (ir_base)var->type.base);
        for (unsigned i = 0; i < 4; i++)
            v.swizzle[i] = (uint8_t)(i < n ? i : 0);
    }
    if (!v.def)
        v = ir_src_for(tr_undef(t, (ir_base)var->type.base));
    ir_src value = { v.def, { v.swizzle[0], v.swizzle[0], v.swizzle[0], v.swizzle[0] } };
    uint8_t mask = 0;
    for (unsigned i = 0; i < n; i++) {
        value.swizzle[chans[i] & 3] = v.swizzle[i];
        mask |= (uint8_t)(1u << (chans[i] & 3));
    }
    unsigned comps = var->type.comps ? var->type.comps : 1;
    mask &= (uint8_t)((1u << comps) - 1);
    ir_var **cand;
    uint32_t slots = mask ? span_candidates(t, r, var, &cand) : 0;
    if (slots) {
        /* Stored only where the slot matches: other invocations may own the rest. */
        ir_src slot = span_slot(t, r, d->loc);
        for (uint32_t s = 0; s < slots; s++) {
            if (cand[s] != var && !span_fits(cand[s], var))
                continue;
            ir_if *nif = ir_build_if(&t->b, span_is(t, slot, s));
            ir_build_store_var(&t->b, cand[s], 0, ir_src_none(), dim, dim_src, value, mask);
            ir_builder_after_cf(&t->b, &nif->cf);
        }
    } else if (mask) {
        ir_build_store_var(&t->b, var, index, ind, dim, dim_src, value, mask);
    }
}

void tr_write(tr *t, const ast_dst *d, ir_src v, const uint8_t *chans, unsigned n)
{
    if (t->insn && t->insn->saturate && v.def) {
        ir_src s = saturate(t, v, n);
        v = s;
    }
    write_lanes(t, d, v, chans, n);
}

void tr_write64(tr *t, const ast_dst *d, ir_src v, const uint8_t *pairs, unsigned n)
{
    if (t->insn && t->insn->saturate)
        v = saturate(t, v, n);
    ir_instr *un = ir_build_alu1(&t->b, IR_OP_UNPACK64, ir_type_make(IR_U32, 2 * n), v);
    uint8_t chans[4], comps[4];
    unsigned m = 0;
    for (unsigned i = 0; i < n; i++)
        for (unsigned k = 0; k < 2; k++) {
            unsigned ch = (pairs[i] & 1) * 2 + k;
            if (d->writemask & (1u << ch)) {
                chans[m] = (uint8_t)ch;
                comps[m++] = (uint8_t)(2 * i + k);
            }
        }
    if (m)
        write_lanes(t, d, swz_src(un, comps, m), chans, m);
}

void tr_write_repl(tr *t, const ast_dst *d, ir_src scalar)
{
    uint8_t chans[4];
    unsigned n = tr_dst_chans(d, chans);
    ir_src v = scalar;
    for (unsigned i = 1; i < 4; i++)
        v.swizzle[i] = v.swizzle[0];
    tr_write(t, d, v, chans, n);
}

/* ---------------------------------------------------------------- merges */

static bool chan_eq(tr_chan a, tr_chan b)
{
    return a.def == b.def && (a.def == NULL || a.comp == b.comp);
}

void tr_note_write(tr *t, uint32_t ch)
{
    if (!t->num_frames || t->wlog_lost)
        return;
    if (t->wlog_len == t->wlog_cap) {
        uint32_t cap = t->wlog_cap ? t->wlog_cap * 2 : 256;
        uint32_t *n = arena_realloc(t->a, t->wlog, sizeof(uint32_t) * t->wlog_cap, sizeof(uint32_t) * cap);
        if (!n) {
            t->wlog_lost = true;
            return;
        }
        t->wlog = n;
        t->wlog_cap = cap;
    }
    t->wlog[t->wlog_len++] = ch;
}

/* The channels written since `start`, each once, in register order (phis get made in that
 * order); NULL when every channel must be looked at. */
static uint32_t *written_since(tr *t, uint32_t start, uint32_t *count)
{
    uint32_t nch = t->num_slots * 4;
    if (t->wlog_lost || start > t->wlog_len)
        return NULL;
    if (!t->merge_seen) {
        t->merge_seen = ARENA_NEW_ARRAY(t->a, uint32_t, nch + 1);
        t->edge_seen = ARENA_NEW_ARRAY(t->a, uint32_t, nch + 1);
        if (!t->merge_seen || !t->edge_seen) {
            t->merge_seen = NULL;
            return NULL;
        }
    }
    uint32_t *list = ARENA_NEW_ARRAY(t->a, uint32_t, t->wlog_len - start + 1);
    if (!list)
        return NULL;
    uint32_t serial = ++t->merge_serial, n = 0;
    for (uint32_t k = start; k < t->wlog_len; k++) {
        uint32_t ch = t->wlog[k];
        if (t->merge_seen[ch] != serial) {
            t->merge_seen[ch] = serial;
            list[n++] = ch;
        }
    }
    if (n > 1 && (size_t)n * 16 >= nch) { /* many: pick them out in order */
        n = 0;
        for (uint32_t ch = 0; ch < nch; ch++)
            if (t->merge_seen[ch] == serial)
                list[n++] = ch;
    } else if (n > 1) {
        qsort(list, n, sizeof(uint32_t), tr_cmp_u32);
    }
    *count = n;
    return list;
}

static void merge_chan(tr *t, const tr_edge *edges, unsigned n, uint32_t i)
{
    /* Most channels agree on every edge: compare pointers only, and look at the values'
     * types (a cache miss each) just for the channels that need a phi. */
    unsigned e = 1;
    while (e < n && chan_eq(edges[e].map[i], edges[0].map[i]))
        e++;
    if (e == n)
        return;
    if (t->last_read[i] <= t->pc + 1 && !t->loop_carried[i])
        return; /* dead from here on: nothing reads the merged value */
    ir_base base = IR_VOID;
    for (e = 0; e < n && base == IR_VOID; e++)
        if (edges[e].map[i].def)
            base = (ir_base)edges[e].map[i].def->type.base;
    ir_instr *phi = ir_build_phi(&t->b, ir_type_make(base, 1), n);
    for (unsigned e = 0; e < n; e++)
        ir_phi_set_src(phi, e, edges[e].from, tr_chan_value(t, edges[e].map[i], base, edges[e].from));
    t->map[i].def = phi;
    t->map[i].comp = 0;
}

/* A partial edge made whole: the construct's entry map with the edge's own channels. */
static void edge_complete_all(tr *t, tr_edge *e, const tr_chan *saved, uint32_t wlog_start)
{
    if (!e->partial)
        return;
    size_t bytes = sizeof(tr_chan) * t->num_slots * 4;
    tr_chan *m = arena_alloc_uninit(t->a, bytes + sizeof(tr_chan));
    if (!m) {
        /* out of memory, the translation fails: just leave nothing unset */
        tr_out_of_memory(t, t->insn ? t->insn->loc : (ast_loc){ 0, 0 });
        memmove(e->map, saved, bytes);
    } else {
        memmove(m, saved, bytes);
        for (uint32_t k = wlog_start; k < e->partial - 1; k++)
            m[t->wlog[k]] = e->map[t->wlog[k]];
        e->map = m;
    }
    e->partial = 0;
}

/* The channels chans[0..count) of a partial edge that were written after it was taken still
 * hold the construct's entry values there. */
static void edge_complete(tr *t, tr_edge *e, const tr_chan *saved, uint32_t wlog_start,
                          const uint32_t *chans, uint32_t count)
{
    if (!e->partial)
        return;
    uint32_t serial = ++t->edge_serial;
    for (uint32_t k = wlog_start; k < e->partial - 1; k++)
        t->edge_seen[t->wlog[k]] = serial;
    for (uint32_t k = 0; k < count; k++)
        if (t->edge_seen[chans[k]] != serial)
            e->map[chans[k]] = saved[chans[k]];
}

void tr_merge(tr *t, tr_edge *edges, unsigned n, uint32_t wlog_start, const tr_chan *saved)
{
    if (n == 0)
        return;
    uint32_t count = 0;
    uint32_t *chans = written_since(t, wlog_start, &count);
    if (!chans) {
        for (unsigned e = 0; e < n; e++)
            edge_complete_all(t, &edges[e], saved, wlog_start);
        memmove(t->map, edges[0].map, sizeof(tr_chan) * t->num_slots * 4);
        if (n == 1)
            return;
        for (uint32_t i = 0; i < t->num_slots * 4; i++)
            merge_chan(t, edges, n, i);
        return;
    }
    /* t->map already holds the entry values in the channels not written since */
    for (unsigned e = 0; e < n; e++)
        edge_complete(t, &edges[e], saved, wlog_start, chans, count);
    for (uint32_t k = 0; k < count; k++)
        t->map[chans[k]] = edges[0].map[chans[k]];
    if (n == 1)
        return;
    for (uint32_t k = 0; k < count; k++)
        merge_chan(t, edges, n, chans[k]);
}
