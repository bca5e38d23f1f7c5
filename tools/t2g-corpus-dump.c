/* t2g-corpus-dump: compiles every .tgsi of the given directories for every target, with and
 * without the extensions the target's API offers, and writes all that comes out (GLSL,
 * diagnostics, IR dump, reflection JSON) to one file per target and directory.  Two builds'
 * dumps compare with `diff -r`: a refactoring must leave them byte-identical.
 *   t2g-corpus-dump OUT_DIR CORPUS_DIR...     (tools/corpus-diff.sh drives it) */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_json.h"
#include "tgsi2glsl.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .tgsi names of a directory, sorted; NULL when it cannot be read. */
static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t n = 0, cap = 256;
    char **v = malloc(cap * sizeof(*v));
    for (struct dirent *e; v && (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 5, ".tgsi"))
            continue;
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof(*v));
        if (v)
            v[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (v)
        qsort(v, n, sizeof(*v), by_name);
    *count = n;
    return v;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
    *len = text ? fread(text, 1, (size_t)sz, f) : 0;
    fclose(f);
    return text;
}

static void dump_one(FILE *out, const char *dir, const char *name, const struct t2g_key *key)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(out, "=== %s unreadable\n", name);
        return;
    }
    struct t2g_result *r = t2g_compile(text, len, key, T2G_COMPILE_DUMP_IR, name);
    free(text);
    if (!r) {
        fprintf(out, "=== %s out of memory\n", name);
        return;
    }
    fprintf(out, "=== %s ok=%d\n", name, r->ok);
    if (r->ok)
        fwrite(r->source, 1, r->source_len, out);
    fprintf(out, "--- diagnostics\n%s--- ir\n%s", r->diagnostics, r->ir_dump ? r->ir_dump : "");
    if (r->ok) {
        fputs("--- reflection\n", out);
        json_writer w;
        jw_init(&w, out);
        reflection_write_json(&w, &r->reflection);
    }
    t2g_result_free(r);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: t2g-corpus-dump OUT_DIR CORPUS_DIR...\n", stderr);
        return 2;
    }
    for (int c = 2; c < argc; c++) {
        size_t n = 0;
        char **names = list_dir(argv[c], &n);
        if (!names) {
            fprintf(stderr, "t2g-corpus-dump: cannot read %s: %s\n", argv[c], strerror(errno));
            return 1;
        }
        const char *base = strrchr(argv[c], '/') ? strrchr(argv[c], '/') + 1 : argv[c];
        for (int t = 0; t < T2G_TARGET_COUNT; t++) {
            for (int only = 0; only < 2; only++) {
                struct t2g_key key;
                t2g_key_init(&key, (enum t2g_target)t);
                if (!only)
                    key.host_features |= t2g_target_extension_features((enum t2g_target)t);
                char path[4096];
                snprintf(path, sizeof(path), "%s/%s%s.%s.txt", argv[1],
                         t2g_target_name((enum t2g_target)t), only ? "-only" : "", base);
                FILE *out = fopen(path, "wb");
                if (!out) {
                    fprintf(stderr, "t2g-corpus-dump: cannot write %s: %s\n", path,
                            strerror(errno));
                    return 1;
                }
                for (size_t i = 0; i < n; i++)
                    dump_one(out, argv[c], names[i], &key);
                fclose(out);
            }
        }
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
    }
    return 0;
}
