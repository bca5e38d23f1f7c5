/* Corpus round trip: every shader parses; parse -> ast_print -> parse gives the same AST; and
 * how many printed texts equal their originals up to whitespace.  With --bench N it times N
 * parse-only passes over the corpus instead. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ast_compare.h"
#include "frontend/ast.h"

typedef struct file {
    char *name, *text;
    size_t len;
} file;

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

static int by_name(const void *a, const void *b)
{
    return strcmp(((const file *)a)->name, ((const file *)b)->name);
}

/* Lines with runs of blanks collapsed and ends trimmed; blank lines dropped. */
static char *normalize(const char *s, size_t len)
{
    char *out = malloc(len + 2), *o = out;
    const char *e = s + len;
    while (s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        const char *le = nl ? nl : e;
        char *line = o;
        bool space = false;
        for (const char *p = s; p < le; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\r') {
                space = o != line;
                continue;
            }
            if (space)
                *o++ = ' ';
            space = false;
            *o++ = *p;
        }
        if (o != line)
            *o++ = '\n';
        s = le + 1;
    }
    *o = 0;
    return out;
}

static void free_files(file *files, size_t num)
{
    for (size_t i = 0; i < num; i++) {
        free(files[i].name);
        free(files[i].text);
    }
    free(files);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [--bench N]\n", argv[0]);
        return 2;
    }
    int bench = argc > 3 && !strcmp(argv[2], "--bench") ? atoi(argv[3]) : 0;
    DIR *dir = opendir(argv[1]);
    if (!dir) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    file *files = NULL;
    size_t num = 0, cap = 0, bytes = 0;
    for (struct dirent *de; (de = readdir(dir));) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".tgsi"))
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", argv[1], de->d_name);
        if (num == cap)
            files = realloc(files, (cap = cap ? cap * 2 : 256) * sizeof(file));
        files[num].name = strdup(de->d_name);
        files[num].text = read_file(path, &files[num].len);
        if (!files[num].text) {
            fprintf(stderr, "cannot read %s\n", path);
            return 2;
        }
        bytes += files[num].len;
        num++;
    }
    closedir(dir);
    qsort(files, num, sizeof(file), by_name);
    if (num == 0) {
        fprintf(stderr, "no .tgsi files in %s\n", argv[1]);
        return 1;
    }

    if (bench) {
        double best = 1e30;
        for (int r = 0; r < bench; r++) {
            double t0 = now();
            for (size_t i = 0; i < num; i++) {
                arena *a = arena_create();
                diag_list d;
                diag_init(&d, a, files[i].name);
                if (!tgsi_parse(a, files[i].text, files[i].len, &d)) {
                    fprintf(stderr, "%s", diag_format_all(&d));
                    return 1;
                }
                arena_destroy(a);
            }
            double t = now() - t0;
            if (t < best)
                best = t;
        }
        printf("parse only: %zu shaders, %.2f MB in %.3f ms: %.0f shaders/s, %.1f MB/s\n", num,
               bytes / 1e6, best * 1e3, num / best, bytes / 1e6 / best);
        free_files(files, num);
        return 0;
    }

    size_t failed = 0, mismatched = 0, exact = 0;
    for (size_t i = 0; i < num; i++) {
        arena *a = arena_create();
        diag_list d;
        diag_init(&d, a, files[i].name);
        ast_program *p = tgsi_parse(a, files[i].text, files[i].len, &d);
        if (!p) {
            fprintf(stderr, "FAIL parse %s\n%s", files[i].name, diag_format_all(&d));
            failed++;
            arena_destroy(a);
            continue;
        }
        strbuf out;
        strbuf_init(&out, a);
        ast_print(p, &out);
        diag_list d2;
        diag_init(&d2, a, "printed");
        ast_program *q = tgsi_parse(a, out.data, out.len, &d2);
        char why[256];
        if (!q) {
            fprintf(stderr, "FAIL reparse %s\n%s", files[i].name, diag_format_all(&d2));
            mismatched++;
        } else if (!ast_equal(p, q, why, sizeof(why))) {
            fprintf(stderr, "FAIL round trip %s: %s\n", files[i].name, why);
            mismatched++;
        }
        char *n1 = normalize(files[i].text, files[i].len), *n2 = normalize(out.data, out.len);
        if (!strcmp(n1, n2))
            exact++;
        else if (getenv("SHOW_DIFF"))
            fprintf(stderr, "text differs: %s\n", files[i].name);
        free(n1);
        free(n2);
        arena_destroy(a);
    }
    printf("corpus: %zu shaders, %zu parse failures, %zu round-trip mismatches, "
           "%zu/%zu printed texts identical to the original (whitespace-normalized)\n",
           num, failed, mismatched, exact, num);
    free_files(files, num);
    return failed || mismatched ? 1 : 0;
}
