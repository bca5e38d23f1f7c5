/* TEMP register layout: which declared ranges become arrays (ARRAY(n) or indexed indirectly)
 * and which registers stay SSA.  Everything is sized by what the instructions use, not by
 * the declared ranges, and found by binary search: a hostile TEMP[0..65535] costs nothing
 * until it is used, and every construct's copy of the channel map stays small. */
#include "tr_internal.h"

#include <stdlib.h>
#include <string.h>

struct tr_temp_range {
    uint32_t first, last;
    uint16_t array_id;
    bool indirect;          /* some operand indexes it indirectly */
    int score;              /* > 0: mostly moved as integers */
    ir_var *var;            /* the array, when it is one */
    const ast_decl *decl;
};

static int cmp_range(const void *a, const void *b)
{
    const tr_temp_range *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* qsort order of uint32_t values (register numbers, channels), shared by temps.c, flow.c
 * and regs.c. */
int tr_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static tr_temp_range *find_range(const tr *t, int32_t index)
{
    if (index < 0)
        return NULL;
    if ((uint32_t)index < t->range_of_len) {
        uint32_t r = t->range_of[index];
        return r ? &t->temp_ranges[r - 1] : NULL;
    }
    uint32_t lo = 0, hi = t->num_temp_ranges;
    while (lo < hi) { /* first range starting after index */
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->temp_ranges[mid].first <= (uint32_t)index)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo || t->temp_ranges[lo - 1].last < (uint32_t)index)
        return NULL;
    return &t->temp_ranges[lo - 1];
}

/* The range an operand refers to: an indirect operand naming an array by id means that
 * array wherever its index points. */
static tr_temp_range *operand_range(const tr *t, const ast_reg *r)
{
    if (r->file != TGSI_FILE_TEMPORARY)
        return NULL;
    if (r->indirect && r->array_id) {
        uint32_t lo = 0, hi = t->num_temp_ranges;
        while (lo < hi) { /* by_array: array id << 32 | range, sorted */
            uint32_t mid = lo + (hi - lo) / 2;
            if ((t->by_array[mid] >> 32) < r->array_id)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < t->num_temp_ranges && (t->by_array[lo] >> 32) == r->array_id)
            return &t->temp_ranges[(uint32_t)t->by_array[lo]];
        return NULL;
    }
    return find_range(t, r->index);
}

ir_var *tr_temp_operand_var(const tr *t, const ast_reg *r, int32_t *index)
{
    tr_temp_range *rg = operand_range(t, r);
    if (!rg || !rg->var)
        return NULL;
    *index = r->index - (int32_t)rg->first;
    return rg->var;
}

bool tr_temp_declared(const tr *t, int32_t index)
{
    return find_range(t, index) != NULL;
}

ir_var *tr_temp_var(const tr *t, int32_t index)
{
    tr_temp_range *rg = find_range(t, index);
    return rg ? rg->var : NULL;
}

int64_t tr_temp_slot(const tr *t, int32_t index)
{
    if (t->temp_slot)
        return index >= 0 && (uint32_t)index < t->temp_slot_len ? t->temp_slot[index] : -1;
    uint32_t lo = 0, hi = t->num_ssa_temps;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->ssa_temps[mid] < (uint32_t)index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return index >= 0 && lo < t->num_ssa_temps && t->ssa_temps[lo] == (uint32_t)index ? (int64_t)lo : -1;
}

static int type_score(enum tgsi_type ty)
{
    return ty == TGSI_TYPE_F ? -1 : ty == TGSI_TYPE_I || ty == TGSI_TYPE_U ? 1 : 0;
}

/* The TEMP registers instructions name directly (SSA candidates, repeats allowed). */
typedef struct temp_list {
    uint32_t *v;
    size_t n, cap;
} temp_list;

static bool list_grow(tr *t, temp_list *l)
{
    size_t nc = l->cap * 2;
    uint32_t *nv = arena_alloc_uninit(t->a, sizeof(uint32_t) * nc);
    if (!nv)
        return false;
    memcpy(nv, l->v, sizeof(uint32_t) * l->n);
    l->v = nv;
    l->cap = nc;
    return true;
}

static inline bool list_add(tr *t, temp_list *l, uint32_t index)
{
    if (l->n == l->cap && !list_grow(t, l))
        return false;
    l->v[l->n++] = index;
    return true;
}

/* An index register: a TEMP one inside a declared range is read directly. */
static inline bool scan_index(tr *t, const ast_indirect *ind, temp_list *l)
{
    return ind->file != TGSI_FILE_TEMPORARY || !find_range(t, ind->index) ||
           list_add(t, l, (uint32_t)ind->index);
}

/* One operand: what it tells about its range (indexed indirectly, moved as integers) and
 * the TEMP registers it names directly, its own and its index registers.  Called for every
 * operand of the shader, so the common cases (not TEMP, no index) stay short. */
static inline bool scan_reg(tr *t, const ast_reg *r, int score, temp_list *l)
{
    if (r->file == TGSI_FILE_TEMPORARY) {
        tr_temp_range *rg = operand_range(t, r);
        if (rg) {
            rg->score += score;
            if (r->indirect)
                rg->indirect = true;
            else if (!list_add(t, l, (uint32_t)r->index))
                return false;
        }
    }
    return (!r->indirect || scan_index(t, &r->ind, l)) &&
           (!r->dim_indirect || scan_index(t, &r->dim_ind, l));
}

/* The usual shader names TEMP[0..k] with few gaps: then a table indexed by register gives
 * each operand its slot without a search, and filling it in register order sorts and dedups
 * the list with no qsort.  The table is sized by the operands scanned, so a hostile
 * TEMP[65535] alone still takes the sorted-list path.  False: not dense, nothing changed. */
static bool dense_slots(tr *t, uint32_t *ssa, size_t n)
{
    uint32_t max = 0;
    for (size_t i = 0; i < n; i++)
        max = ssa[i] > max ? ssa[i] : max;
    size_t len = n ? (size_t)max + 1 : 0;
    if (len > 4 * n + 64)
        return false;
    int32_t *slot = arena_alloc_uninit(t->a, sizeof(int32_t) * (len + 1));
    if (!slot)
        return false;
    memset(slot, 0xff, sizeof(int32_t) * len);
    for (size_t i = 0; i < n; i++)
        slot[ssa[i]] = 0;
    uint32_t m = 0;
    for (uint32_t r = 0; r < len; r++) {
        if (slot[r] < 0)
            continue;
        if (tr_temp_var(t, (int32_t)r)) {
            slot[r] = -1;
            continue;
        }
        ssa[m] = r;
        slot[r] = (int32_t)m++;
    }
    t->ssa_temps = ssa;
    t->num_ssa_temps = m;
    t->temp_slot = slot;
    t->temp_slot_len = (uint32_t)len;
    return true;
}

bool tr_declare_temps(tr *t)
{
    const ast_program *p = t->prog;
    uint32_t ranges = 0;
    for (size_t i = 0; i < p->num_decls; i++) {
        const ast_decl *d = &p->decls[i];
        if (d->file == TGSI_FILE_TEMPORARY)
            ranges++;
        if (d->file == TGSI_FILE_ADDRESS && d->last + 1 > t->num_addrs)
            t->num_addrs = d->last + 1;
        if (d->file == TGSI_FILE_TEMPORARY && d->last >= (1u << 16)) {
            tr_error(t, d->loc, "TEMP[%u] is beyond the 65536 temporaries TGSI allows", d->last);
            return false;
        }
    }
    if (t->num_addrs > 64) {
        tr_error(t, (ast_loc){ 0, 0 }, "too many address registers declared");
        return false;
    }
    t->temp_ranges = ARENA_NEW_ARRAY(t->a, tr_temp_range, ranges + 1);
    if (!t->temp_ranges) {
        tr_out_of_memory(t, (ast_loc){ 0, 0 });
        return false;
    }
    for (size_t i = 0; i < p->num_decls; i++) {
        const ast_decl *d = &p->decls[i];
        if (d->file == TGSI_FILE_TEMPORARY)
            t->temp_ranges[t->num_temp_ranges++] =
                (tr_temp_range){ d->first, d->last, d->array_id, false, 0, NULL, d };
    }
    /* Declarations usually come in register order: sort only when they do not. */
    bool in_order = true;
    for (uint32_t i = 1; i < t->num_temp_ranges && in_order; i++)
        in_order = t->temp_ranges[i - 1].first <= t->temp_ranges[i].first;
    if (!in_order)
        qsort(t->temp_ranges, t->num_temp_ranges, sizeof(tr_temp_range), cmp_range);
    for (uint32_t i = 1; i < t->num_temp_ranges; i++)
        if (t->temp_ranges[i].first <= t->temp_ranges[i - 1].last) {
            tr_error(t, t->temp_ranges[i].decl->loc, "TEMP[%u..%u] overlaps an earlier declaration",
                     t->temp_ranges[i].first, t->temp_ranges[i].last);
            return false;
        }

    /* Operands find their range in a table by register when the declared registers are
     * few for the shader's length (a hostile TEMP[65535] is searched for instead). */
    uint32_t span = t->num_temp_ranges ? t->temp_ranges[t->num_temp_ranges - 1].last + 1 : 0;
    if (span && span <= 4 * p->num_insns + 64) {
        uint32_t *range_of = ARENA_NEW_ARRAY(t->a, uint32_t, span);
        if (!range_of) {
            tr_out_of_memory(t, (ast_loc){ 0, 0 });
            return false;
        }
        for (uint32_t i = 0; i < t->num_temp_ranges; i++)
            for (uint32_t r = t->temp_ranges[i].first; r <= t->temp_ranges[i].last; r++)
                range_of[r] = i + 1;
        t->range_of = range_of;
        t->range_of_len = span;
    }

    t->by_array = ARENA_NEW_ARRAY(t->a, uint64_t, t->num_temp_ranges + 1);
    if (!t->by_array) {
        tr_out_of_memory(t, (ast_loc){ 0, 0 });
        return false;
    }
    for (uint32_t i = 0; i < t->num_temp_ranges; i++)
        t->by_array[i] = (uint64_t)t->temp_ranges[i].array_id << 32 | i;
    in_order = true;
    for (uint32_t i = 1; i < t->num_temp_ranges && in_order; i++)
        in_order = t->by_array[i - 1] <= t->by_array[i];
    if (!in_order)
        qsort(t->by_array, t->num_temp_ranges, sizeof(uint64_t), cmp_u64);

    /* Without TEMP declarations no operand changes anything. */
    temp_list l = { NULL, 0, 4 * p->num_insns + 16 };
    if (t->num_temp_ranges) {
        l.v = arena_alloc_uninit(t->a, sizeof(uint32_t) * l.cap);
        if (!l.v) {
            tr_out_of_memory(t, (ast_loc){ 0, 0 });
            return false;
        }
    }
    for (size_t i = 0; i < p->num_insns && t->num_temp_ranges; i++) {
        const ast_insn *in = &p->insns[i];
        const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode < TGSI_OPCODE_COUNT ? in->opcode : 0];
        int dst_score = type_score((enum tgsi_type)info->dst_type);
        int src_score = type_score((enum tgsi_type)info->src_type);
        bool ok = true;
        for (unsigned k = 0; k < in->num_dst && k < AST_MAX_DST && ok; k++)
            ok = scan_reg(t, &in->dst[k].reg, dst_score, &l);
        for (unsigned k = 0; k < in->num_src && k < AST_MAX_SRC && ok; k++)
            ok = scan_reg(t, &in->src[k].reg, src_score, &l);
        for (unsigned k = 0; k < in->num_tex_offsets && k < AST_MAX_TEX_OFFSETS && ok; k++)
            ok = scan_reg(t, &in->tex_offsets[k].reg, 0, &l);
        if (!ok) {
            tr_out_of_memory(t, in->loc);
            return false;
        }
    }
    uint32_t *ssa = l.v;
    size_t n = l.n;

    for (uint32_t i = 0; i < t->num_temp_ranges; i++) {
        tr_temp_range *rg = &t->temp_ranges[i];
        if (!rg->array_id && !rg->indirect)
            continue;
        rg->var = tr_range_var(t, rg->decl, IR_VAR_TEMP_ARRAY,
                               ir_type_make(rg->score > 0 ? IR_U32 : IR_F32, 4));
        if (!rg->var) {
            tr_out_of_memory(t, rg->decl->loc);
            return false;
        }
        if (!rg->var->array_len)
            rg->var->array_len = 1;
    }

    /* SSA registers: those named directly outside arrays, sorted, once each */
    if (dense_slots(t, ssa, n))
        return true;
    if (n)
        qsort(ssa, n, sizeof(uint32_t), tr_cmp_u32);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((!m || ssa[m - 1] != ssa[i]) && !tr_temp_var(t, (int32_t)ssa[i]))
            ssa[m++] = ssa[i];
    t->ssa_temps = ssa;
    t->num_ssa_temps = (uint32_t)m;
    return true;
}
