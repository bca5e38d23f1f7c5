/* t2g_compile: the pipeline parse -> translate -> lower (key) -> optimize -> emit, on one arena. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tgsi2glsl.h"
#include "frontend/ast.h"
#include "ir/ir.h"
#include "passes/lower.h"
#include "passes/passes.h"
#include "translate/translate.h"
#include "backend-glsl/glsl_backend.h"
#include "backend-essl/essl_dialect.h"

/* A hostile shader must not be able to make one compile take unbounded memory. */
#define COMPILE_MEMORY_LIMIT (256u * 1024 * 1024)

typedef struct result_impl {
    struct t2g_result pub;
    arena *arena;
} result_impl;

/* The end of the last member of the first key that had struct_size (0.1's so_outputs):
 * no caller's key can be smaller. */
#define KEY_SIZE_FIRST (offsetof(struct t2g_key, so_outputs) + sizeof(((struct t2g_key *)0)->so_outputs))

/* The caller's key as this library's struct (see struct t2g_key): members the caller's
 * header lacks get their t2g_key_init value; members of a newer header must be zero.
 * Returns an error message, or NULL. */
static const char *key_adopt(const struct t2g_key *in, struct t2g_key *out)
{
    if (!in)
        return "no compile key";
    size_t n = in->struct_size;
    if (n < KEY_SIZE_FIRST)
        return "invalid compile key (struct_size is not that of a struct t2g_key: set it up "
               "with t2g_key_init)";
    for (size_t i = sizeof(*out); i < n; i++)
        if (((const unsigned char *)in)[i])
            return "invalid compile key (it sets members this version of the library does not "
                   "know: built against a newer tgsi2glsl.h)";
    if ((unsigned)in->target >= T2G_TARGET_COUNT)
        return "invalid compile key (target out of range)";
    t2g_key_init_sized(out, in->target, sizeof(*out));
    memcpy(out, in, n < sizeof(*out) ? n : sizeof(*out));
    out->struct_size = sizeof(*out);
    return NULL;
}

static bool validate_after(ir_shader *s, uint32_t flags, const char *what)
{
    if (!(flags & T2G_COMPILE_VALIDATE_IR))
        return true;
    return ir_validate(s, what);
}

static const char *compile(arena *a, diag_list *d, const char *tgsi, size_t len,
                           const struct t2g_key *key, uint32_t flags, struct t2g_result *r)
{
    ast_program *prog = tgsi_parse(a, tgsi, len, d);
    if (!prog || diag_has_errors(d))
        return NULL;
    translate_options topts = { key->host_features, COMPILE_MEMORY_LIMIT };
    ir_shader *s = translate_tgsi_opts(a, prog, &topts, d);
    if (!s || diag_has_errors(d))
        return NULL;
    if (!validate_after(s, flags, "translate"))
        return NULL;
    /* Only ES 2.0 hosts make the guest lower integers to floats (GLSL level 120). */
    /* GLSL 1.50 declares gl_FragCoord's origin (layout(origin_upper_left)); GLSL ES cannot. */
    lower_options lopts = { (flags & T2G_COMPILE_VALIDATE_IR) != 0, t2g_target_is_es(key->target),
                            key->target == T2G_TARGET_ESSL100,
                            !t2g_target_is_es(key->target) && key->target != T2G_TARGET_GLSL140 };
    if (!lower_for_key(s, key, &lopts) || diag_has_errors(d))
        return NULL;
    if (!(flags & T2G_COMPILE_NO_OPT))
        passes_optimize(s, (flags & T2G_COMPILE_VALIDATE_IR) != 0);
    else
        passes_legalize(s, (flags & T2G_COMPILE_VALIDATE_IR) != 0);
    if (diag_has_errors(d))
        return NULL;
    /* ES has no doubles: words and exact soft-fp64 calls instead, the moves that leaves
     * (PACK64/UNPACK64 of the words) propagated away. */
    if (t2g_target_is_es(key->target) && lower_fp64_to_uvec2(s)) {
        ir_uses_changed(s);
        if (!validate_after(s, flags, "lower_fp64_to_uvec2"))
            return NULL;
        if (opt_copy_propagation(s)) {
            ir_uses_changed(s);
            opt_dce(s);
            ir_uses_changed(s);
        }
    }
    if (diag_has_errors(d))
        return NULL;
    if (flags & T2G_COMPILE_DUMP_IR) {
        strbuf out;
        strbuf_init(&out, a);
        ir_print(s, &out);
        r->ir_dump = out.data ? out.data : "";
    }
    size_t out_len = 0;
    const glsl_dialect *dialect = t2g_target_is_es(key->target) ? glsl_es_dialect(key->target)
                                                                : glsl_desktop_dialect(key->target);
    const char *src = glsl_emit(s, key, dialect, &r->reflection, &out_len);
    if (!src || diag_has_errors(d))
        return NULL;
    r->source_len = out_len;
    return src;
}

__attribute__((visibility("default"))) struct t2g_result *
t2g_compile(const char *tgsi, size_t len, const struct t2g_key *key, uint32_t flags,
            const char *filename)
{
    /* The 16 KB reflection is left to glsl_emit, which zeroes and fills it; it is zeroed here
     * only when the compile fails (before or during emission). */
    result_impl *ri = malloc(sizeof(*ri));
    if (!ri)
        return NULL;
    memset(ri, 0, offsetof(result_impl, pub.reflection));
    ri->arena = arena_create();
    if (!ri->arena) {
        free(ri);
        return NULL;
    }
    arena_set_limit(ri->arena, COMPILE_MEMORY_LIMIT);
    struct t2g_result *r = &ri->pub;
    r->struct_size = sizeof(*r);
    r->diagnostics = "";
    diag_list d;
    diag_init(&d, ri->arena, filename);
    struct t2g_key k;
    const char *key_error = key_adopt(key, &k);
    if (key_error) {
        diag_error(&d, 0, 0, "%s", key_error);
    } else if (!tgsi && len) {
        diag_error(&d, 0, 0, "no input");
    } else {
        r->source = compile(ri->arena, &d, tgsi ? tgsi : "", len, &k, flags, r);
        if (!r->source && !diag_has_errors(&d))
            diag_out_of_memory(&d, 0, 0);
    }
    r->ok = r->source != NULL;
    if (!r->ok) {
        r->source_len = 0;
        memset(&r->reflection, 0, sizeof(r->reflection));
    }
    r->diagnostics = diag_format_all(&d);
    if (!r->diagnostics)
        r->diagnostics = "";
    return r;
}

__attribute__((visibility("default"))) void t2g_result_free(struct t2g_result *r)
{
    if (!r)
        return;
    result_impl *ri = (result_impl *)r;
    arena_destroy(ri->arena);
    free(ri);
}

__attribute__((visibility("default"))) int t2g_detect_stage(const char *tgsi, size_t len)
{
    static const struct { const char *name; int stage; } heads[] = {
        { "VERT", T2G_STAGE_VERTEX }, { "FRAG", T2G_STAGE_FRAGMENT },
        { "GEOM", T2G_STAGE_GEOMETRY }, { "TESS_CTRL", T2G_STAGE_TESS_CTRL },
        { "TESS_EVAL", T2G_STAGE_TESS_EVAL }, { "COMP", T2G_STAGE_COMPUTE },
    };
    size_t i = 0;
    while (i < len && (tgsi[i] == ' ' || tgsi[i] == '\t' || tgsi[i] == '\n' || tgsi[i] == '\r'))
        i++;
    size_t j = i;
    while (j < len && ((tgsi[j] >= 'A' && tgsi[j] <= 'Z') || tgsi[j] == '_'))
        j++;
    for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
        if (strlen(heads[k].name) == j - i && memcmp(heads[k].name, tgsi + i, j - i) == 0)
            return heads[k].stage;
    return -1;
}
