/* Translator tests: `case X.tgsi X.ir [FEATURES]` compares the printed IR with the fixture
 * (UPDATE=1 rewrites it; FEATURES: T2G_HOST_* mask the host offers), `corpus DIR` translates
 * and validates every .tgsi in DIR, `bad X.tgsi` expects a diagnostic with a position
 * instead of a shader, `oom X.tgsi BYTES` translates under an arena limit of BYTES and
 * expects a clean "out of memory" diagnostic (never a crash). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ast.h"
#include "ir/ir.h"
#include "translate/translate.h"

static char *read_file(const char *path, size_t *len)
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
    fclose(f);
    if (buf)
        buf[n] = 0;
    *len = (size_t)n;
    return buf;
}

/* Parses, translates and validates; returns the printed IR or NULL with the diagnostics. */
static uint32_t host_features;
static size_t memory_limit;

static const char *translate_file(arena *a, const char *path, diag_list *d, bool *parsed)
{
    size_t len;
    char *text = read_file(path, &len);
    *parsed = false;
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", path);
        return NULL;
    }
    diag_init(d, a, path);
    if (memory_limit)
        arena_set_limit(a, memory_limit);
    ast_program *p = tgsi_parse(a, text, len, d);
    free(text);
    if (!p || diag_has_errors(d))
        return NULL;
    *parsed = true;
    translate_options opts = { host_features, memory_limit };
    ir_shader *s = translate_tgsi_opts(a, p, &opts, d);
    if (!s)
        return NULL;
    if (!ir_validate(s, "translate"))
        return NULL;
    strbuf out;
    strbuf_init(&out, a);
    ir_print(s, &out);
    return out.data ? out.data : "";
}

static int run_case(const char *tgsi, const char *expected_path)
{
    arena *a = arena_create();
    diag_list d;
    bool parsed;
    const char *ir = translate_file(a, tgsi, &d, &parsed);
    int rc = 0;
    if (!ir) {
        fprintf(stderr, "%s: translation failed\n%s", tgsi, diag_format_all(&d));
        rc = 1;
    } else if (getenv("UPDATE")) {
        FILE *f = fopen(expected_path, "wb");
        if (!f || fputs(ir, f) < 0)
            rc = 1;
        if (f)
            fclose(f);
    } else {
        size_t len;
        char *want = read_file(expected_path, &len);
        if (!want || strcmp(want, ir)) {
            fprintf(stderr, "%s: IR differs from %s\n--- got\n%s--- expected\n%s", tgsi,
                    expected_path, ir, want ? want : "(missing)\n");
            rc = 1;
        }
        free(want);
    }
    arena_destroy(a);
    return rc;
}

static int run_bad(const char *tgsi)
{
    arena *a = arena_create();
    diag_list d;
    bool parsed;
    const char *ir = translate_file(a, tgsi, &d, &parsed);
    int rc = 0;
    if (ir || !parsed) {
        fprintf(stderr, "%s: expected a translation error, got %s\n", tgsi,
                ir ? "a shader" : "a parse error");
        fputs(diag_format_all(&d), stderr);
        rc = 1;
    } else if (!d.head || d.head->line <= 0) {
        fprintf(stderr, "%s: the diagnostic has no position\n%s", tgsi, diag_format_all(&d));
        rc = 1;
    } else {
        printf("%s", diag_format_all(&d));
    }
    arena_destroy(a);
    return rc;
}

static int run_oom(const char *tgsi)
{
    arena *a = arena_create();
    diag_list d;
    bool parsed;
    const char *ir = translate_file(a, tgsi, &d, &parsed);
    const char *msg = diag_format_all(&d);
    int rc = 0;
    if (ir || !msg || !strstr(msg, "out of memory")) {
        fprintf(stderr, "%s: expected an out-of-memory diagnostic, got %s\n%s", tgsi,
                ir ? "a shader" : "other errors", msg ? msg : "");
        rc = 1;
    } else {
        printf("%s", msg);
    }
    arena_destroy(a);
    return rc;
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int run_corpus(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "%s: cannot open\n", dir);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dp));) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".tgsi"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            names = realloc(names, cap * sizeof(*names));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof(*names), cmp_names);
    size_t ok = 0, parse_fail = 0, fail = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        arena *a = arena_create();
        diag_list d;
        bool parsed;
        const char *ir = translate_file(a, path, &d, &parsed);
        if (ir) {
            ok++;
        } else if (!parsed) {
            parse_fail++;
        } else {
            if (fail < 20)
                fprintf(stderr, "%s", diag_format_all(&d));
            fail++;
        }
        arena_destroy(a);
        free(names[i]);
    }
    free(names);
    printf("corpus: %zu files, %zu translated and validated, %zu failed, %zu did not parse\n",
           n, ok, fail, parse_fail);
    return n == 0 || fail || parse_fail ? 1 : 0;
}

int main(int argc, char **argv)
{
    if ((argc == 4 || argc == 5) && !strcmp(argv[1], "case")) {
        if (argc == 5)
            host_features = (uint32_t)strtoul(argv[4], NULL, 0);
        return run_case(argv[2], argv[3]);
    }
    if (argc == 4 && !strcmp(argv[1], "oom")) {
        memory_limit = (size_t)strtoull(argv[3], NULL, 0);
        return run_oom(argv[2]);
    }
    if (argc == 3 && !strcmp(argv[1], "bad"))
        return run_bad(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "corpus"))
        return run_corpus(argv[2]);
    fprintf(stderr, "usage: %s case X.tgsi X.ir [FEATURES] | oom X.tgsi BYTES | bad X.tgsi | corpus DIR\n", argv[0]);
    return 2;
}
