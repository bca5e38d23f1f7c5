/* The translator's driver: declarations, then one pass over the instructions dispatching on
 * the opcode table's kind column, skipping code no path reaches. */
#include "tr_internal.h"

#include <stdarg.h>
#include <string.h>

void tr_error(tr *t, ast_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_verror(t->diags, loc.line, loc.col, fmt, ap);
    va_end(ap);
    t->failed = true;
}

void tr_out_of_memory(tr *t, ast_loc loc)
{
    diag_out_of_memory(t->diags, loc.line, loc.col);
    t->failed = true;
}

ir_base tr_base_of(enum tgsi_type ty)
{
    static const ir_base bases[] = {
        [TGSI_TYPE_F] = IR_F32, [TGSI_TYPE_I] = IR_I32, [TGSI_TYPE_U] = IR_U32,
        [TGSI_TYPE_D] = IR_F64, [TGSI_TYPE_I64] = IR_I64, [TGSI_TYPE_U64] = IR_U64,
        [TGSI_TYPE_X] = IR_VOID, [TGSI_TYPE_N] = IR_VOID,
    };
    return ty <= TGSI_TYPE_N ? bases[ty] : IR_VOID;
}

static void copy_properties(tr *t)
{
    for (size_t i = 0; i < t->prog->num_props; i++) {
        const ast_property *p = &t->prog->props[i];
        if (p->prop >= TGSI_PROPERTY_COUNT)
            continue;
        t->s->props[tr_prop(p->prop)] = p->value;
        t->s->props_set |= 1ull << tr_prop(p->prop);
    }
}

static bool opens(enum tgsi_opcode op)
{
    return op == TGSI_OPCODE_IF || op == TGSI_OPCODE_UIF || op == TGSI_OPCODE_BGNLOOP ||
           op == TGSI_OPCODE_SWITCH;
}

static bool closes(enum tgsi_opcode op)
{
    return op == TGSI_OPCODE_ENDIF || op == TGSI_OPCODE_ENDLOOP || op == TGSI_OPCODE_ENDSWITCH;
}

static bool continues(enum tgsi_opcode op)
{
    return op == TGSI_OPCODE_ELSE || op == TGSI_OPCODE_CASE || op == TGSI_OPCODE_DEFAULT;
}

/* Code after BRK/CONT/RET up to the end of its construct runs on no path: it is skipped,
 * nested constructs included, and translation resumes where the construct continues. */
static bool skip_dead(tr *t, enum tgsi_opcode op)
{
    if (opens(op)) {
        t->skip_depth++;
        return true;
    }
    if (closes(op) || continues(op)) {
        if (!t->skip_depth)
            return false;
        if (closes(op))
            t->skip_depth--;
        return true;
    }
    return op != TGSI_OPCODE_END || t->skip_depth;
}

/* Stages an opcode exists in (bit per TGSI_PROCESSOR_*; 0: every stage): GLSL has
 * derivatives, discard, helper and interpolation queries only in fragment shaders, vertex
 * emission only in geometry shaders and barrier() only in TCS and compute shaders. */
static unsigned opcode_stages(enum tgsi_opcode op)
{
    switch (op) {
    case TGSI_OPCODE_DDX: case TGSI_OPCODE_DDY: case TGSI_OPCODE_DDX_FINE:
    case TGSI_OPCODE_DDY_FINE: case TGSI_OPCODE_KILL: case TGSI_OPCODE_KILL_IF:
    case TGSI_OPCODE_DEMOTE: case TGSI_OPCODE_READ_HELPER: case TGSI_OPCODE_INTERP_CENTROID:
    case TGSI_OPCODE_INTERP_SAMPLE: case TGSI_OPCODE_INTERP_OFFSET: case TGSI_OPCODE_LODQ:
    case TGSI_OPCODE_FBFETCH:
        return 1u << TGSI_PROCESSOR_FRAGMENT;
    case TGSI_OPCODE_EMIT: case TGSI_OPCODE_ENDPRIM:
        return 1u << TGSI_PROCESSOR_GEOMETRY;
    case TGSI_OPCODE_BARRIER:
        return (1u << TGSI_PROCESSOR_TESS_CTRL) | (1u << TGSI_PROCESSOR_COMPUTE);
    default:
        return 0;
    }
}

static void translate_insn(tr *t, const ast_insn *in)
{
    const tgsi_opcode_info *info = &tgsi_opcode_infos[in->opcode];
    unsigned stages = opcode_stages(in->opcode);
    if (stages && !(stages & (1u << t->s->stage))) {
        tr_error(t, in->loc, "%s has no meaning in a %s shader", info->name,
                 tgsi_processor_names[t->s->stage]);
        return;
    }
    if (info->kind != TGSI_KIND_FLOW && info->kind != TGSI_KIND_TEX &&
        (in->num_src < info->num_src || in->num_dst < info->num_dst)) {
        tr_error(t, in->loc, "%s takes %u destination(s) and %u source(s)", info->name,
                 info->num_dst, info->num_src);
        return;
    }
    switch (info->kind) {
    case TGSI_KIND_FLOW: tr_flow(t, in); break;
    case TGSI_KIND_TEX: tr_texture(t, in); break;
    case TGSI_KIND_MEM: tr_memory(t, in); break;
    case TGSI_KIND_COMP:
    case TGSI_KIND_REPL: tr_alu(t, in); break;
    default: tr_other(t, in); break;
    }
}

ir_shader *translate_tgsi(arena *a, const ast_program *prog, diag_list *diags)
{
    translate_options none = { 0, 0 };
    return translate_tgsi_opts(a, prog, &none, diags);
}

/* Translation stops once the compile has used half its memory limit, leaving the passes and
 * the backend the other half.  Before the first instruction no instruction is to blame: the
 * parsed shader (and the tables sized from it) took that much. */
static void memory_stop_passed(tr *t, size_t limit, const ast_insn *at)
{
    char half[32], all[32];
    diag_size_text(half, t->memory_stop);
    diag_size_text(all, limit);
    if (at)
        tr_error(t, at->loc, "out of memory: translating the shader takes more than %s, the half "
                 "of the %s compile limit that parsing and translation may use", half, all);
    else
        tr_error(t, (ast_loc){ 0, 0 }, "out of memory: the parsed shader takes more than "
                 "%s, the half of the %s compile limit that parsing and translation may use",
                 half, all);
}

ir_shader *translate_tgsi_opts(arena *a, const ast_program *prog, const translate_options *opts,
                               diag_list *diags)
{
    if (!prog || prog->processor >= TGSI_PROCESSOR_COUNT) {
        diag_error(diags, 0, 0, "no program to translate");
        return NULL;
    }
    tr t;
    memset(&t, 0, sizeof(t));
    t.a = a;
    t.prog = prog;
    t.diags = diags;
    t.host_features = opts ? opts->host_features : 0;
    /* Half the arena is the translator's: the rest stays for the passes and the backend, and
     * no single instruction comes near using it, so no IR allocation can fail. */
    t.memory_stop = opts ? opts->memory_limit / 2 : 0;
    t.s = ir_shader_create(a, tr_stage(prog->processor), diags);
    if (!t.s)
        return NULL;
    ir_builder_init(&t.b, t.s);
    copy_properties(&t);
    if (!tr_check_structure(&t) || !tr_declare(&t))
        return NULL;
    tr_regs_init(&t);
    if (!t.map)
        return NULL;

    for (size_t pc = 0; pc < prog->num_insns && !t.failed; pc++) {
        const ast_insn *in = &prog->insns[pc];
        if (t.memory_stop && arena_used(a) > t.memory_stop) {
            memory_stop_passed(&t, opts->memory_limit, pc ? in : NULL);
            break;
        }
        if (in->opcode >= TGSI_OPCODE_COUNT) {
            tr_error(&t, in->loc, "unknown opcode");
            break;
        }
        if (t.dead && skip_dead(&t, in->opcode))
            continue;
        if (in->opcode == TGSI_OPCODE_END && t.num_frames == 0)
            break;
        t.insn = in;
        t.pc = pc;
        translate_insn(&t, in);
    }
    if (t.failed)
        return NULL;
    return t.s;
}
