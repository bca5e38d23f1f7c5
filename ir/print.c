/* The IR as readable text (what `tgsi2glsl --dump-ir` shows and what pass tests compare):
 *   %12 = add vec4 %3.xyzw, %7.xxxx
 * with if/loop/switch nesting and phis listing [pred block: src]. */
#include "ir.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Stages by their TGSI header words. */
static const char *const stage_names[T2G_STAGE_COUNT] = {
    [T2G_STAGE_VERTEX] = "VERT", [T2G_STAGE_FRAGMENT] = "FRAG", [T2G_STAGE_GEOMETRY] = "GEOM",
    [T2G_STAGE_TESS_CTRL] = "TESS_CTRL", [T2G_STAGE_TESS_EVAL] = "TESS_EVAL",
    [T2G_STAGE_COMPUTE] = "COMP",
};
#define X_NAME(name) #name,
static const char *const prop_names[] = { IR_PROPERTIES(X_NAME) };
static const char *const sem_names[] = { T2G_SEMANTICS(X_NAME) };
#undef X_NAME

const char *ir_semantic_name(unsigned semantic)
{
    return semantic < T2G_SEMANTIC_COUNT ? sem_names[semantic] : "?";
}

static const char *const var_kind_names[IR_VAR_KIND_COUNT] = {
    [IR_VAR_TEMP_ARRAY] = "temp_array", [IR_VAR_INPUT] = "input", [IR_VAR_OUTPUT] = "output",
    [IR_VAR_SYSTEM_VALUE] = "system_value", [IR_VAR_CONST_BUFFER] = "const_buffer",
    [IR_VAR_IMMEDIATES] = "immediates", [IR_VAR_SAMPLER] = "sampler", [IR_VAR_IMAGE] = "image",
    [IR_VAR_BUFFER] = "buffer", [IR_VAR_SHARED] = "shared",
    [IR_VAR_ATOMIC_BUFFER] = "atomic_buffer", [IR_VAR_DRIVER] = "driver",
};

static const char *const tex_kind_names[] = {
    "sample", "sample_bias", "sample_lod", "sample_grad", "fetch", "gather", "query_lod",
    "query_size", "query_levels", "query_samples",
};

static const char *const atomic_names[] = {
    "add", "xchg", "cas", "and", "or", "xor", "umin", "umax", "imin", "imax", "fadd",
    "inc_wrap", "dec_wrap",
};

/* GLSL spellings, indexed [base][comps]. */
static const char *const type_names[IR_BASE_COUNT][5] = {
    [IR_VOID] = { "void", "void", "void", "void", "void" },
    [IR_BOOL] = { "bool", "bool", "bvec2", "bvec3", "bvec4" },
    [IR_F32] = { "float", "float", "vec2", "vec3", "vec4" },
    [IR_I32] = { "int", "int", "ivec2", "ivec3", "ivec4" },
    [IR_U32] = { "uint", "uint", "uvec2", "uvec3", "uvec4" },
    [IR_F64] = { "double", "double", "dvec2", "dvec3", "dvec4" },
    [IR_I64] = { "int64_t", "int64_t", "i64vec2", "i64vec3", "i64vec4" },
    [IR_U64] = { "uint64_t", "uint64_t", "u64vec2", "u64vec3", "u64vec4" },
};

const char *ir_type_name(ir_type t)
{
    if (t.base >= IR_BASE_COUNT || t.comps > 4)
        return "?";
    return type_names[t.base][t.comps];
}

static void print_op_name(strbuf *out, enum ir_op op)
{
    for (const char *p = ir_op_infos[op].name; *p; p++)
        strbuf_putc(out, (char)tolower((unsigned char)*p));
}

static void print_src(strbuf *out, ir_src s, unsigned comps)
{
    if (!s.def) {
        strbuf_append(out, "_");
        return;
    }
    strbuf_printf(out, "%%%u.", s.def->index);
    for (unsigned c = 0; c < comps && c < 4; c++)
        strbuf_putc(out, "xyzw"[s.swizzle[c] & 3]);
}

static void print_float(strbuf *out, double v, int digits)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.*g", digits, v);
    strbuf_append(out, buf);
    if (!strpbrk(buf, ".eni")) /* keep floats recognisable: 1 -> 1.0 */
        strbuf_append(out, ".0");
}

/* One constant component as text: floats in shortest round-trip form, bools as words. */
static void print_const_comp(strbuf *out, const ir_instr *in, unsigned c)
{
    uint32_t w = in->u.value.u32[c];
    uint64_t q = in->u.value.u64[c];
    switch (in->type.base) {
    case IR_BOOL: strbuf_append(out, w ? "true" : "false"); break;
    case IR_F32: { float f; memcpy(&f, &w, 4); print_float(out, f, 9); break; }
    case IR_I32: strbuf_printf(out, "%" PRId32, (int32_t)w); break;
    case IR_U32: strbuf_printf(out, "%" PRIu32, w); break;
    case IR_F64: { double d; memcpy(&d, &q, 8); print_float(out, d, 17); break; }
    case IR_I64: strbuf_printf(out, "%" PRId64, (int64_t)q); break;
    case IR_U64: strbuf_printf(out, "%" PRIu64, q); break;
    default: strbuf_append(out, "?"); break;
    }
}

static void print_access(strbuf *out, const ir_instr *in, unsigned index_src, unsigned dim_src)
{
    const ir_var_access *a = &in->u.access;
    strbuf_printf(out, " @%u", a->var ? a->var->id : 0u);
    if ((a->var && a->var->per_vertex) || in->srcs[dim_src].def || a->dim) {
        strbuf_printf(out, "[%" PRId32, a->dim);
        if (in->srcs[dim_src].def) {
            strbuf_append(out, " + ");
            print_src(out, in->srcs[dim_src], 1);
        }
        strbuf_append(out, "]");
    }
    strbuf_printf(out, "[%" PRId32, a->index);
    if (in->srcs[index_src].def) {
        strbuf_append(out, " + ");
        print_src(out, in->srcs[index_src], 1);
    }
    strbuf_append(out, "]");
}

static void print_writemask(strbuf *out, unsigned mask)
{
    strbuf_append(out, " .");
    for (unsigned c = 0; c < 4; c++)
        if (mask & (1u << c))
            strbuf_putc(out, "xyzw"[c]);
}

static void print_tex(strbuf *out, const ir_instr *in)
{
    const ir_tex *t = &in->u.tex;
    static const char *const names[] = { "coord", "ref", "lod", "bias", "ddx", "ddy", "offset",
                                         "sample", "component", "sampler_index" };
    const int8_t pos[] = { t->coord, t->ref, t->lod, t->bias, t->ddx, t->ddy, t->offset,
                           t->sample, t->component, t->sampler_index };
    strbuf_printf(out, " %s @%u tex%u", t->kind < 10 ? tex_kind_names[t->kind] : "?",
                  t->sampler ? t->sampler->id : 0u, t->texture);
    if (t->projective)
        strbuf_append(out, " proj");
    if (t->shadow)
        strbuf_append(out, " shadow");
    for (unsigned k = 0; k < sizeof(pos); k++) {
        if (pos[k] < 0 || pos[k] >= in->num_srcs)
            continue;
        strbuf_printf(out, " %s=", names[k]);
        print_src(out, in->srcs[pos[k]], ir_src_comps(in, (unsigned)pos[k]));
    }
    if (t->has_const_offset)
        strbuf_printf(out, " offset(%d, %d, %d)", t->const_offset[0], t->const_offset[1],
                      t->const_offset[2]);
}

static void indent(strbuf *out, unsigned depth)
{
    for (unsigned i = 0; i < depth; i++)
        strbuf_append(out, "    ");
}

static void print_instr(strbuf *out, const ir_instr *in, unsigned depth)
{
    enum ir_op op = (enum ir_op)in->op;
    indent(out, depth + 1);
    if (ir_op_infos[op].flags & IR_DEF)
        strbuf_printf(out, "%%%u = ", in->index);
    if (in->precise)
        strbuf_append(out, "precise ");
    print_op_name(out, op);
    if (in->type.base != IR_VOID)
        strbuf_printf(out, " %s", ir_type_name(in->type));

    unsigned first_src = 0;
    switch (op) {
    case IR_OP_CONST:
        strbuf_append(out, " (");
        for (unsigned c = 0; c < in->type.comps && c < 4; c++) {
            if (c)
                strbuf_append(out, ", ");
            print_const_comp(out, in, c);
        }
        strbuf_append(out, ")");
        break;
    case IR_OP_PHI:
        for (unsigned i = 0; i < in->num_srcs; i++) {
            strbuf_printf(out, "%s[b%u: ", i ? ", " : " ",
                          in->phi_preds && in->phi_preds[i] ? in->phi_preds[i]->index : 0u);
            print_src(out, in->srcs[i], ir_src_comps(in, i));
            strbuf_append(out, "]");
        }
        strbuf_putc(out, '\n');
        return;
    case IR_OP_LOAD_VAR:
        print_access(out, in, 0, 1);
        first_src = 2;
        break;
    case IR_OP_STORE_VAR:
        print_access(out, in, 1, 2);
        print_writemask(out, in->u.access.writemask);
        strbuf_append(out, " ");
        print_src(out, in->srcs[0], ir_src_comps(in, 0));
        first_src = 3;
        break;
    case IR_OP_INTERP:
        strbuf_printf(out, " %s", in->u.access.interp_mode == 0 ? "centroid"
                                  : in->u.access.interp_mode == 1 ? "sample" : "offset");
        print_access(out, in, 0, 2);
        if (in->srcs[1].def) {
            strbuf_append(out, " ");
            print_src(out, in->srcs[1], ir_src_comps(in, 1));
        }
        first_src = 3;
        break;
    case IR_OP_TEX:
        print_tex(out, in);
        first_src = in->num_srcs;
        break;
    case IR_OP_IMAGE_LOAD: case IR_OP_IMAGE_STORE: case IR_OP_IMAGE_ATOMIC:
    case IR_OP_IMAGE_SIZE: case IR_OP_IMAGE_SAMPLES: case IR_OP_BUFFER_LOAD:
    case IR_OP_BUFFER_STORE: case IR_OP_BUFFER_ATOMIC: case IR_OP_BUFFER_SIZE:
        strbuf_printf(out, " @%u", in->u.mem.var ? in->u.mem.var->id : 0u);
        if (op == IR_OP_IMAGE_ATOMIC || op == IR_OP_BUFFER_ATOMIC)
            strbuf_printf(out, " %s", in->u.mem.atomic < 13 ? atomic_names[in->u.mem.atomic] : "?");
        if (in->u.mem.comps)
            strbuf_printf(out, " x%u", in->u.mem.comps);
        if (op == IR_OP_IMAGE_STORE || op == IR_OP_BUFFER_STORE)
            print_writemask(out, in->u.mem.writemask);
        break;
    case IR_OP_MEMORY_BARRIER: case IR_OP_EMIT: case IR_OP_END_PRIMITIVE:
        strbuf_printf(out, " %u", in->u.flags);
        break;
    case IR_OP_CALL_FP64:
        strbuf_printf(out, " %s", in->u.flags < IR_FP64_COUNT ? ir_fp64_fns[in->u.flags].name : "?");
        break;
    default:
        break;
    }
    for (unsigned i = first_src; i < in->num_srcs; i++) {
        strbuf_append(out, i == first_src ? " " : ", ");
        print_src(out, in->srcs[i], ir_src_comps(in, i));
    }
    strbuf_putc(out, '\n');
}

static void print_list(strbuf *out, const ir_cf_list *l, unsigned depth);

static void print_block(strbuf *out, const ir_block *b, unsigned depth)
{
    indent(out, depth);
    strbuf_printf(out, "b%u:\n", b->index);
    IR_FOREACH_INSTR(b, in)
        print_instr(out, in, depth);
}

static void print_list(strbuf *out, const ir_cf_list *l, unsigned depth)
{
    for (const ir_cf_node *n = l->head; n; n = n->next) {
        switch (n->kind) {
        case IR_CF_BLOCK:
            print_block(out, (const ir_block *)n, depth);
            break;
        case IR_CF_IF: {
            const ir_if *nif = (const ir_if *)n;
            indent(out, depth);
            strbuf_append(out, "if ");
            print_src(out, nif->cond, 1);
            strbuf_append(out, " {\n");
            print_list(out, &nif->then_list, depth + 1);
            indent(out, depth);
            strbuf_append(out, "} else {\n");
            print_list(out, &nif->else_list, depth + 1);
            indent(out, depth);
            strbuf_append(out, "}\n");
            break;
        }
        case IR_CF_LOOP:
            indent(out, depth);
            strbuf_append(out, "loop {\n");
            print_list(out, &((const ir_loop *)n)->body, depth + 1);
            indent(out, depth);
            strbuf_append(out, "}\n");
            break;
        case IR_CF_SWITCH: {
            const ir_switch *sw = (const ir_switch *)n;
            indent(out, depth);
            strbuf_append(out, "switch ");
            print_src(out, sw->selector, 1);
            strbuf_append(out, " {\n");
            for (uint32_t i = 0; i < sw->num_cases; i++) {
                const ir_switch_case *c = &sw->cases[i];
                indent(out, depth);
                strbuf_append(out, c->is_default ? "default" : "case");
                for (uint32_t k = 0; k < c->num_values; k++)
                    strbuf_printf(out, "%s%" PRId32, k ? ", " : " ", (int32_t)c->values[k]);
                strbuf_append(out, ":\n");
                print_list(out, &c->body, depth + 1);
            }
            indent(out, depth);
            strbuf_append(out, "}\n");
            break;
        }
        }
    }
}

static void print_var(strbuf *out, const ir_var *v)
{
    strbuf_printf(out, "var @%u %s %s", v->id,
                  v->kind < IR_VAR_KIND_COUNT ? var_kind_names[v->kind] : "?", ir_type_name(v->type));
    if (v->array_len)
        strbuf_printf(out, "[%u]", v->array_len);
    if (v->kind == IR_VAR_INPUT || v->kind == IR_VAR_OUTPUT || v->kind == IR_VAR_SYSTEM_VALUE)
        strbuf_printf(out, " %s.%u", ir_semantic_name(v->semantic), v->semantic_index);
    strbuf_printf(out, " tgsi[%u..%u]", v->tgsi_first, v->tgsi_last);
    if (v->tgsi_dim)
        strbuf_printf(out, " dim %u", v->tgsi_dim);
    if (v->per_vertex)
        strbuf_append(out, " per_vertex");
    if (v->patch)
        strbuf_append(out, " patch");
    strbuf_putc(out, '\n');
}

void ir_print(const ir_shader *s, strbuf *out)
{
    strbuf_printf(out, "shader %s\n", s->stage < T2G_STAGE_COUNT ? stage_names[s->stage] : "?");
    for (unsigned p = 0; p < IR_PROP_COUNT && p < 64; p++)
        if (ir_prop_is_set(s, (enum ir_prop)p))
            strbuf_printf(out, "property %s %u\n", prop_names[p], s->props[p]);
    for (uint32_t i = 0; i < s->num_vars; i++)
        print_var(out, s->vars[i]);
    print_list(out, &s->body, 0);
}
