/* Backend tests: small shaders built with the IR builder are emitted for several targets,
 * compared with golden GLSL (golden/<case>.<target>.glsl) and checked with glslang; shaders
 * a target cannot express must be refused with a diagnostic.  `backend_test GOLDEN_DIR
 * --update` rewrites the golden files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-essl/essl_dialect.h"
#include "backend-glsl/glsl_backend.h"
#include "glslang_check.h"
#include "ir/ir.h"
#include "tgsi2glsl.h"

static int failures;
static const char *golden_dir;
static bool update;

typedef struct ctx {
    arena *a;
    diag_list d;
    ir_shader *s;
    ir_builder b;
} ctx;

static const ir_type f1 = { IR_F32, 1 }, f4 = { IR_F32, 4 }, i1 = { IR_I32, 1 }, b1 = { IR_BOOL, 1 };

/* The dialect the library would hand the emitter for this target. */
static const glsl_dialect *dialect_of(enum t2g_target t)
{
    return t2g_target_is_es(t) ? glsl_es_dialect(t) : glsl_desktop_dialect(t);
}

static void ctx_init(ctx *c, enum t2g_stage stage)
{
    c->a = arena_create();
    diag_init(&c->d, c->a, "test");
    c->s = ir_shader_create(c->a, stage, &c->d);
    ir_builder_init(&c->b, c->s);
}

static ir_var *io_var(ctx *c, ir_var_kind kind, unsigned sem, unsigned index, unsigned interp)
{
    ir_var *v = ir_var_create(c->s, kind, f4, 0);
    v->semantic = (uint8_t)sem;
    v->semantic_index = index;
    v->interp = (uint8_t)interp;
    v->tgsi_first = v->tgsi_last = index;
    return v;
}

static ir_instr *load(ctx *c, ir_var *v)
{
    return ir_build_load_var(&c->b, v, 0, ir_src_none(), 0, ir_src_none());
}

static void store(ctx *c, ir_var *v, ir_instr *val, unsigned mask)
{
    ir_build_store_var(&c->b, v, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(val), (uint8_t)mask);
}

static ir_instr *cvec4(ctx *c, float x, float y, float z, float w)
{
    float f[4] = { x, y, z, w };
    uint32_t u[4];
    memcpy(u, f, sizeof(u));
    return ir_build_const(&c->b, f4, u);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = 0;
    fclose(f);
    return buf;
}

static const char *target_name(enum t2g_target t)
{
    static const char *const names[] = { "glsl140", "glsl150", "glsl330", "glsl400", "glsl410",
                                         "glsl420", "glsl430", "glsl440", "glsl450", "glsl460",
                                         "essl300", "essl310", "essl320" };
    return names[t];
}

/* Emits, validates with glslang and compares with the golden file. */
static void expect_golden(ctx *c, const char *name, enum t2g_target target, uint32_t host)
{
    struct t2g_key key;
    memset(&key, 0, sizeof(key));
    key.target = target;
    key.host_features = host;
    struct t2g_reflection refl;
    size_t len;
    const char *src = glsl_emit(c->s, &key, dialect_of(key.target), &refl, &len);
    if (!src) {
        fprintf(stderr, "%s.%s: refused: %s", name, target_name(target), diag_format_all(&c->d));
        failures++;
        return;
    }
    if (strlen(src) != len) {
        fprintf(stderr, "%s.%s: length %zu != strlen %zu\n", name, target_name(target), len, strlen(src));
        failures++;
    }
    char log[4096];
    if (!glslang_check(src, (int)c->s->stage, log, sizeof(log))) {
        fprintf(stderr, "%s.%s: glslang rejects:\n%s\n%s", name, target_name(target), log, src);
        failures++;
    }
    char path[512];
    snprintf(path, sizeof(path), "%s/%s.%s.glsl", golden_dir, name, target_name(target));
    if (update) {
        FILE *f = fopen(path, "w");
        if (f) {
            fputs(src, f);
            fclose(f);
        }
        return;
    }
    char *want = read_file(path);
    if (!want || strcmp(want, src) != 0) {
        fprintf(stderr, "%s: differs from golden\n--- want\n%s--- got\n%s", path, want ? want : "(missing)\n", src);
        failures++;
    }
    free(want);
}

static void expect_refused(ctx *c, const char *name, enum t2g_target target, const char *needle)
{
    struct t2g_key key;
    memset(&key, 0, sizeof(key));
    key.target = target;
    struct t2g_reflection refl;
    size_t len;
    const char *src = glsl_emit(c->s, &key, dialect_of(key.target), &refl, &len);
    const char *diags = diag_format_all(&c->d);
    if (src || !strstr(diags, needle)) {
        fprintf(stderr, "%s.%s: expected a refusal mentioning '%s', got %s\n%s", name,
                target_name(target), needle, src ? "source" : "diagnostics", src ? src : diags);
        failures++;
    }
}

static void reset_diags(ctx *c)
{
    diag_init(&c->d, c->a, "test");
    c->s->diags = &c->d;
}

/* o0 = g0 * k + 1: MAD inlined with GLSL precedence, exact float constants. */
static void test_fs_mad(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    ir_var *in = io_var(&c, IR_VAR_INPUT, T2G_SEMANTIC_GENERIC, 0, T2G_INTERP_PERSPECTIVE);
    ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0, 0);
    ir_instr *x = load(&c, in);
    ir_instr *k = cvec4(&c, 0.5f, 2.0f, 0.1f, -3.25f);
    ir_instr *one = cvec4(&c, 1, 1, 1, 1);
    ir_instr *sum = ir_build_alu2(&c.b, IR_OP_ADD, f4, ir_src_for(x), ir_src_for(one));
    ir_instr *m = ir_build_alu3(&c.b, IR_OP_MAD, f4, ir_src_for(x), ir_src_for(k), ir_src_for(sum));
    ir_instr *neg = ir_build_alu1(&c.b, IR_OP_NEG, f4, ir_src_for(m));
    store(&c, out, neg, 0xf);
    expect_golden(&c, "fs_mad", T2G_TARGET_GLSL330, 0);
    expect_golden(&c, "fs_mad", T2G_TARGET_ESSL300, 0);
    arena_destroy(c.a);
}

/* Emission under every arena limit from what the IR left to what it needs: the shader comes
 * out whole or not at all (a failed append used to leave truncated GLSL that passed as
 * compiled), and a refusal says it ran out of memory. */
static void test_emit_memory_limits(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    /* Eight outputs: the text outgrows the first buffers of each piece. */
    ir_var *in = io_var(&c, IR_VAR_INPUT, T2G_SEMANTIC_GENERIC, 0, T2G_INTERP_PERSPECTIVE);
    ir_instr *x = load(&c, in);
    for (unsigned i = 0; i < 8; i++) {
        ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, i, 0);
        ir_instr *k = cvec4(&c, 0.5f + (float)i, 2, 3, 4);
        store(&c, out, ir_build_alu3(&c.b, IR_OP_MAD, f4, ir_src_for(x), ir_src_for(k), ir_src_for(x)),
              0xf);
    }
    struct t2g_key key;
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    struct t2g_reflection refl;
    size_t len;
    const char *full = glsl_emit(c.s, &key, dialect_of(key.target), &refl, &len);
    char *want = full ? strdup(full) : NULL;
    bool whole = false;
    for (size_t extra = 0; want && !whole && extra < (1u << 20); extra += 16) {
        reset_diags(&c);
        arena_set_limit(c.a, arena_used(c.a) + extra);
        const char *src = glsl_emit(c.s, &key, dialect_of(key.target), &refl, &len);
        arena_set_limit(c.a, 0);
        whole = src != NULL;
        if (src ? strcmp(src, want) != 0 : !strstr(diag_format_all(&c.d), "out of memory")) {
            fprintf(stderr, "emit under a limit %zu bytes above use: %s\n%s", extra,
                    src ? "different source" : "no out-of-memory diagnostic",
                    src ? src : diag_format_all(&c.d));
            failures++;
            break;
        }
    }
    if (!whole) {
        fprintf(stderr, "emit under memory limits: never emitted the whole shader\n");
        failures++;
    }
    free(want);
    arena_destroy(c.a);
}

/* A loop whose header phis swap each other on the back edge: the parallel copy needs a
 * temporary; the header phis are used after the loop. */
static void test_loop_swap(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_VERTEX);
    ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_GENERIC, 0, 0);
    ir_instr *zero = ir_build_const_i32(&c.b, 0);
    ir_instr *fa = ir_build_const_f32(&c.b, 1.0f), *fb = ir_build_const_f32(&c.b, 2.0f);
    ir_block *entry = c.b.block;
    ir_loop *loop = ir_build_loop(&c.b);
    ir_instr *i = ir_build_phi(&c.b, i1, 2);
    ir_instr *x = ir_build_phi(&c.b, f1, 2);
    ir_instr *y = ir_build_phi(&c.b, f1, 2);
    ir_instr *four = ir_build_const_i32(&c.b, 4);
    ir_instr *ge = ir_build_alu2(&c.b, IR_OP_GE, b1, ir_src_for(i), ir_src_for(four));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(ge));
    ir_build_jump(&c.b, IR_OP_BREAK);
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *one = ir_build_const_i32(&c.b, 1);
    ir_instr *next = ir_build_alu2(&c.b, IR_OP_ADD, i1, ir_src_for(i), ir_src_for(one));
    ir_block *latch = c.b.block;
    ir_phi_set_src(i, 0, entry, ir_src_for(zero));
    ir_phi_set_src(i, 1, latch, ir_src_for(next));
    ir_phi_set_src(x, 0, entry, ir_src_for(fa));
    ir_phi_set_src(x, 1, latch, ir_src_for(y));
    ir_phi_set_src(y, 0, entry, ir_src_for(fb));
    ir_phi_set_src(y, 1, latch, ir_src_for(x));
    ir_builder_after_cf(&c.b, &loop->cf);
    ir_instr *zf = ir_build_const_f32(&c.b, 0.0f);
    ir_src parts[4] = { ir_src_for(x), ir_src_for(y), ir_src_for(zf), ir_src_for(fa) };
    ir_instr *v = ir_build_vec(&c.b, f4, parts, 4);
    store(&c, out, v, 0xf);
    ir_count_uses(c.s);
    if (!ir_validate(c.s, "test")) {
        fprintf(stderr, "loop_swap: invalid IR: %s", diag_format_all(&c.d));
        failures++;
    }
    expect_golden(&c, "loop_swap", T2G_TARGET_GLSL450, 0);
    expect_golden(&c, "loop_swap", T2G_TARGET_ESSL300, 0);
    arena_destroy(c.a);
}

/* if/else with a merge phi; a value defined before the if and used after it; a temp array
 * load that must not move past the store to the same array. */
static void test_if_phi(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    ir_var *in = io_var(&c, IR_VAR_INPUT, T2G_SEMANTIC_GENERIC, 1, T2G_INTERP_LINEAR);
    ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0, 0);
    ir_var *arr = ir_var_create(c.s, IR_VAR_TEMP_ARRAY, f4, 3);
    ir_instr *x = load(&c, in);
    store(&c, arr, x, 0xf);
    ir_instr *old = ir_build_load_var(&c.b, arr, 0, ir_src_none(), 0, ir_src_none());
    ir_instr *k = cvec4(&c, 0.25f, 0.25f, 0.25f, 0.25f);
    ir_build_store_var(&c.b, arr, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(k), 0x3);
    ir_instr *half = ir_build_const_f32(&c.b, 0.5f);
    ir_instr *lt = ir_build_alu2(&c.b, IR_OP_LT, b1, ir_src_swizzle(x, 0, 0, 0, 0), ir_src_for(half));
    ir_if *nif = ir_build_if(&c.b, ir_src_for(lt));
    ir_instr *two = cvec4(&c, 2, 2, 2, 2);
    ir_instr *a = ir_build_alu2(&c.b, IR_OP_MUL, f4, ir_src_for(old), ir_src_for(two));
    ir_block *then_end = c.b.block;
    ir_builder_else(&c.b, nif);
    ir_instr *again = ir_build_load_var(&c.b, arr, 0, ir_src_none(), 0, ir_src_none());
    ir_instr *b = ir_build_alu2(&c.b, IR_OP_SUB, f4, ir_src_for(again), ir_src_for(x));
    ir_block *else_end = c.b.block;
    ir_builder_after_cf(&c.b, &nif->cf);
    ir_instr *phi = ir_build_phi(&c.b, f4, 2);
    ir_phi_set_src(phi, 0, then_end, ir_src_for(a));
    ir_phi_set_src(phi, 1, else_end, ir_src_for(b));
    ir_instr *r = ir_build_alu2(&c.b, IR_OP_ADD, f4, ir_src_for(phi), ir_src_for(old));
    store(&c, out, r, 0xf);
    ir_count_uses(c.s);
    if (!ir_validate(c.s, "test")) {
        fprintf(stderr, "if_phi: invalid IR: %s", diag_format_all(&c.d));
        failures++;
    }
    expect_golden(&c, "if_phi", T2G_TARGET_GLSL450, 0);
    expect_golden(&c, "if_phi", T2G_TARGET_ESSL300, 0);
    arena_destroy(c.a);
}

/* Constants that do not survive decimal printing are written as bits. */
static void test_consts(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    ir_var *o0 = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0, 0);
    ir_var *o1 = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 1, 0);
    uint32_t w0[4] = { 0x7fc00000u, 0x7f800000u, 0x00000001u, 0x80000000u };
    ir_instr *k0 = ir_build_const(&c.b, f4, w0);
    store(&c, o0, k0, 0xf);
    uint32_t w1[4] = { 0x3dcccccdu /* 0.1 */, 0x7f7fffffu /* FLT_MAX */, 0x3eaaaaabu /* 1/3 */, 0xc2c80000u /* -100 */ };
    ir_instr *k1 = ir_build_const(&c.b, f4, w1);
    uint32_t wi[4] = { 0x80000000u, (uint32_t)-5, 7, 0x7fffffffu };
    ir_instr *ki = ir_build_const(&c.b, ir_type_make(IR_I32, 4), wi);
    ir_instr *bits = ir_build_bitcast(&c.b, IR_F32, ir_src_for(ki), 4);
    ir_instr *sum = ir_build_alu2(&c.b, IR_OP_ADD, f4, ir_src_for(k1), ir_src_for(bits));
    store(&c, o1, sum, 0xf);
    expect_golden(&c, "consts", T2G_TARGET_GLSL330, 0);
    arena_destroy(c.a);
}

/* Shadow sampling puts the reference into the coordinate vector. */
static void test_tex_shadow(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    ir_var *in = io_var(&c, IR_VAR_INPUT, T2G_SEMANTIC_TEXCOORD, 0, T2G_INTERP_PERSPECTIVE);
    ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0, 0);
    ir_var *s = ir_var_create(c.s, IR_VAR_SAMPLER, f4, 0);
    s->texture = T2G_TEXTURE_SHADOW2D;
    s->shadow = true;
    s->tgsi_first = s->tgsi_last = 2;
    ir_instr *x = load(&c, in);
    ir_instr *t = ir_instr_create(c.s, IR_OP_TEX, f4, 2);
    t->srcs[0] = ir_src_for(x);
    t->srcs[1] = ir_src_swizzle(x, 2, 2, 2, 2);
    t->u.tex = (ir_tex){ .kind = IR_TEX_SAMPLE, .sampler = s, .texture = T2G_TEXTURE_SHADOW2D,
                         .shadow = true, .coord = 0, .ref = 1, .lod = -1, .bias = -1, .ddx = -1,
                         .ddy = -1, .offset = -1, .sample = -1, .component = -1,
                         .sampler_index = -1, .coord_comps = 2 };
    ir_build(&c.b, t);
    store(&c, out, t, 0xf);
    expect_golden(&c, "tex_shadow", T2G_TARGET_GLSL330, 0);
    expect_golden(&c, "tex_shadow", T2G_TARGET_ESSL300, 0);
    arena_destroy(c.a);
}

/* What a target cannot express is refused, with the reason. */
static void test_refusals(void)
{
    ctx c;
    ctx_init(&c, T2G_STAGE_FRAGMENT);
    ir_var *out = io_var(&c, IR_VAR_OUTPUT, T2G_SEMANTIC_COLOR, 0, 0);
    ir_var *in = io_var(&c, IR_VAR_INPUT, T2G_SEMANTIC_GENERIC, 0, T2G_INTERP_PERSPECTIVE);
    ir_instr *x = load(&c, in);
    ir_instr *d = ir_build_alu1(&c.b, IR_OP_CONVERT, ir_type_make(IR_F64, 4), ir_src_for(x));
    ir_instr *sq = ir_build_alu1(&c.b, IR_OP_SQRT, ir_type_make(IR_F64, 4), ir_src_for(d));
    ir_instr *back = ir_build_alu1(&c.b, IR_OP_CONVERT, f4, ir_src_for(sq));
    store(&c, out, back, 0xf);
    expect_refused(&c, "fp64", T2G_TARGET_ESSL310, "double precision");
    reset_diags(&c);
    expect_refused(&c, "fp64", T2G_TARGET_GLSL330, "GL_ARB_gpu_shader_fp64");
    reset_diags(&c);
    expect_golden(&c, "fp64", T2G_TARGET_GLSL330, T2G_HOST_FP64);
    arena_destroy(c.a);

    ctx_init(&c, T2G_STAGE_GEOMETRY);
    ir_instr *e = ir_instr_create(c.s, IR_OP_EMIT, IR_TYPE_VOID, 0);
    ir_build(&c.b, e);
    expect_refused(&c, "gs", T2G_TARGET_GLSL140, "geometry shader");
    reset_diags(&c);
    expect_refused(&c, "gs", T2G_TARGET_ESSL300, "geometry shader");
    reset_diags(&c);
    expect_refused(&c, "gs", T2G_TARGET_ESSL310, "GL_EXT_geometry_shader");
    arena_destroy(c.a);
}


/* Regressions found by the corpus, compiled from TGSI through the whole pipeline: the
 * result must pass glslang (or be refused saying `refusal`), contain `want` and not
 * contain `unwanted`. */
static void expect_tgsi(const char *name, const char *tgsi, enum t2g_target target,
                        const char *refusal, const char *want, const char *unwanted)
{
    struct t2g_key key;
    t2g_key_init(&key, target);
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), &key, 0, name);
    if (!r) {
        failures++;
        return;
    }
    char log[4096];
    if (refusal) {
        if (r->ok || !strstr(r->diagnostics, refusal)) {
            fprintf(stderr, "%s: expected a refusal with '%s':\n%s%s\n", name, refusal,
                    r->diagnostics, r->ok ? r->source : "");
            failures++;
        }
    } else if (!r->ok) {
        fprintf(stderr, "%s: does not compile:\n%s", name, r->diagnostics);
        failures++;
    } else if (!glslang_check(r->source, r->reflection.stage, log, sizeof(log)) ||
               (want && !strstr(r->source, want)) || (unwanted && strstr(r->source, unwanted))) {
        fprintf(stderr, "%s: bad GLSL (want '%s', not '%s'):\n%s\n%s", name, want ? want : "",
                unwanted ? unwanted : "", log, r->source);
        failures++;
    }
    t2g_result_free(r);
}

static void test_tgsi_regressions(void)
{
    /* A TCS reads and writes GENERIC[0]: both must be declared without a clash. */
    expect_tgsi("tcs_same_name",
                "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 4\nDCL IN[][0], GENERIC[0]\n"
                "DCL SV[0], INVOCATIONID\nDCL OUT[0], TESSOUTER\nDCL OUT[][1], GENERIC[0]\n"
                "DCL TEMP[0]\n  0: MOV OUT[SV[0].x][1], IN[SV[0].x][0]\n"
                "  1: MOV OUT[0], IN[0][0]\n  2: END\n",
                T2G_TARGET_GLSL450, NULL,
                "o_g0[gl_InvocationID].g0 = i_g0[min(uint(gl_InvocationID), "
                "uint(gl_PatchVerticesIn - 1))].g0;", NULL);
    /* A register declared twice is declared once in GLSL. */
    expect_tgsi("twice_declared",
                "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[1]\n"
                "DCL OUT[1], GENERIC[1]\n  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1], IN[0]\n"
                "  2: END\n",
                T2G_TARGET_GLSL330, NULL, "out B_g1", NULL);
    /* The translator masks shift counts already; the backend must not mask again. */
    expect_tgsi("shift_mask",
                "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
                "  0: SHL TEMP[0], IN[0], IN[0].yyyy\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
                T2G_TARGET_GLSL450, NULL, NULL, "& 31u) & 31u");
    /* gl_ViewportIndex in a fragment shader: GLSL 4.30; ES has a single viewport, so it
     * reads as 0 there (corpus 543dbbf584d95cda was rejected by glslang). */
    expect_tgsi("fs_viewport",
                "FRAG\nDCL IN[0].x, VIEWPORT_INDEX, CONSTANT\nDCL OUT[0], COLOR\n"
                "  0: MOV OUT[0], IN[0].xxxx\n  1: END\n",
                T2G_TARGET_ESSL320, NULL, "o0 = vec4(0.0)", "gl_ViewportIndex");
    /* Multisample textures are not reachable from GLSL 1.40 (glslang has no
     * GL_ARB_texture_multisample functions there). */
    expect_tgsi("msaa_140",
                "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
                "DCL SVIEW[0], 2D_MSAA, FLOAT\nDCL TEMP[0]\nIMM[0] INT32 {0, 0, 0, 0}\n"
                "  0: F2I TEMP[0], IN[0]\n  1: MOV TEMP[0].w, IMM[0].xxxx\n"
                "  2: TXF OUT[0], TEMP[0], SAMP[0], 2D_MSAA\n  3: END\n",
                T2G_TARGET_GLSL140, "this texture target", NULL, NULL);
    /* A named statement's own operator needs no parentheses around its operands. */
    expect_tgsi("named_prec",
                "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL TEMP[0..1]\n"
                "  0: ADD TEMP[0], IN[0], IN[0].yzwx\n  1: ADD TEMP[0], TEMP[0], IN[0].zwxy\n"
                "  2: MUL OUT[0], TEMP[0], TEMP[0]\n  3: END\n",
                T2G_TARGET_GLSL330, NULL, "= g0 + g0.yzwx + g0.zwxy;", NULL);
}

int main(int argc, char **argv)
{
    golden_dir = argc > 1 ? argv[1] : "golden";
    update = argc > 2 && !strcmp(argv[2], "--update");
    test_fs_mad();
    test_loop_swap();
    test_if_phi();
    test_consts();
    test_tex_shadow();
    test_refusals();
    test_tgsi_regressions();
    test_emit_memory_limits();
    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
