/* corpus_dump TARGET OUTDIR FILE...: compiles each TGSI file with the library and writes the
 * GLSL as OUTDIR/<name>.<stage ext>; refusals go to OUTDIR/<name>.refused with the
 * diagnostics.  The acceptance check (check_corpus.py) validates the outputs with the
 * independent glslangValidator and judges the refusals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tgsi2glsl.h"

static const char *const ext[T2G_STAGE_COUNT] = { "vert", "frag", "geom", "tesc", "tese", "comp" };

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n > 0 ? n : 1);
    *len = buf ? fread(buf, 1, n, f) : 0;
    fclose(f);
    return buf;
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fwrite(data, 1, len, f);
    return fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: corpus_dump TARGET OUTDIR FILE...\n");
        return 2;
    }
    int target = t2g_target_lookup(argv[1]);
    if (target < 0) {
        fprintf(stderr, "corpus_dump: unknown target %s\n", argv[1]);
        return 2;
    }
    struct t2g_key key;
    t2g_key_init(&key, (enum t2g_target)target);
    key.host_features |= t2g_target_extension_features((enum t2g_target)target);
    int compiled = 0, refused = 0;
    for (int i = 3; i < argc; i++) {
        size_t len;
        char *text = slurp(argv[i], &len);
        if (!text) {
            fprintf(stderr, "corpus_dump: cannot read %s\n", argv[i]);
            return 1;
        }
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        char name[1024];
        snprintf(name, sizeof(name), "%.*s", (int)(strcspn(base, ".")), base);
        struct t2g_result *r = t2g_compile(text, len, &key, T2G_COMPILE_VALIDATE_IR, argv[i]);
        char path[4096];
        if (r && r->ok) {
            snprintf(path, sizeof(path), "%s/%s.%s", argv[2], name, ext[r->reflection.stage]);
            write_file(path, r->source, r->source_len);
            compiled++;
        } else {
            snprintf(path, sizeof(path), "%s/%s.refused", argv[2], name);
            const char *d = r ? r->diagnostics : "out of memory\n";
            write_file(path, d, strlen(d));
            refused++;
        }
        t2g_result_free(r);
        free(text);
    }
    printf("%s: %d compiled, %d refused\n", argv[1], compiled, refused);
    return 0;
}
