/* Runs every TGSI file of a directory through the whole pipeline for one target and checks
 * the GLSL with glslang in-process: prints validated / refused (with reason) / rejected
 * counts, and the first lines of each rejection.  Fails when glslang rejects anything. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tgsi2glsl.h"
#include "glslang_check.h"

static char *slurp(const char *path, size_t *len)
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
    *len = (size_t)n;
    return buf;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: backend_corpus TARGET DIR [--host-all] [--dump OUTDIR]\n");
        return 2;
    }
    int target = t2g_target_lookup(argv[1]);
    if (target < 0) {
        fprintf(stderr, "unknown target %s\n", argv[1]);
        return 2;
    }
    bool host_all = false;
    const char *dump = NULL;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--host-all"))
            host_all = true;
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump = argv[++i];
    }
    DIR *d = opendir(argv[2]);
    if (!d) {
        perror(argv[2]);
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".tgsi"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            names = realloc(names, cap * sizeof(*names));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp);
    struct t2g_key key;
    t2g_key_init(&key, (enum t2g_target)target);
    if (host_all)
        key.host_features = ~0u;
    unsigned ok = 0, refused = 0, rejected = 0, failed = 0;
    size_t bytes = 0;
    char log[8192];
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", argv[2], names[i]);
        size_t len;
        char *text = slurp(path, &len);
        if (!text)
            continue;
        struct t2g_result *r = t2g_compile(text, len, &key, 0, names[i]);
        if (!r || !r->ok) {
            const char *diag = r ? r->diagnostics : "out of memory";
            if (strstr(diag, "cannot express")) {
                refused++;
                const char *m = strstr(diag, "cannot express");
                printf("REFUSED %s: %.*s\n", names[i], (int)strcspn(m, "\n"), m);
            } else {
                failed++;
                printf("FAILED %s: %.*s\n", names[i], (int)strcspn(diag, "\n"), diag);
            }
        } else if (!glslang_check(r->source, r->reflection.stage, log, sizeof(log))) {
            rejected++;
            printf("REJECTED %s: %.*s\n", names[i], (int)strcspn(log, "\n"), log);
            if (dump) {
                snprintf(path, sizeof(path), "%s/%s.glsl", dump, names[i]);
                FILE *f = fopen(path, "w");
                if (f) {
                    fputs(r->source, f);
                    fclose(f);
                }
            }
        } else {
            ok++;
            bytes += r->source_len;
        }
        t2g_result_free(r);
        free(text);
        free(names[i]);
    }
    free(names);
    printf("%s: %u validated, %u refused, %u rejected by glslang, %u failed before the backend"
           " (avg %zu bytes of GLSL)\n", argv[1], ok, refused, rejected, failed,
           ok ? bytes / ok : 0);
    return rejected ? 1 : 0;
}
