/* tgsi2glsl: the command-line compiler.  Exit 0 on success, 1 on bad input, 2 on bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tgsi2glsl.h"
#include "glslang_check.h"

static void usage(FILE *f)
{
    fputs("usage: tgsi2glsl [--target TARGET] [-o FILE] [--dump-ir] [--validate] [--no-opt]\n"
          "                 [--validate-ir] [FILE|-]\n"
          "  TARGET: glsl140 glsl150 glsl330 glsl400 glsl410 glsl420 glsl430 glsl440\n"
          "          glsl450 (default) glsl460 essl300 essl310 essl320\n"
          "  --dump-ir     print the optimized SSA IR to stderr\n"
          "  --validate    check the output with glslang in-process\n"
          "  --no-opt      skip the optimization passes\n"
          "  --validate-ir run the IR validator after every pass\n"
          "  --target-only assume no host extensions beyond what the target version has\n"
          "                (default: any extension the target's API offers may be used)\n", f);
}

/* Reads all of a stream; NULL on read error or when out of memory. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            return NULL;
        }
        buf = nb;
        cap *= 2;
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *target_name = "glsl450", *out_path = NULL, *in_path = NULL;
    uint32_t flags = 0;
    bool validate = false, target_only = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--target") && i + 1 < argc)
            target_name = argv[++i];
        else if (!strncmp(a, "--target=", 9))
            target_name = a + 9;
        else if (!strcmp(a, "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(a, "--dump-ir"))
            flags |= T2G_COMPILE_DUMP_IR;
        else if (!strcmp(a, "--validate"))
            validate = true;
        else if (!strcmp(a, "--no-opt"))
            flags |= T2G_COMPILE_NO_OPT;
        else if (!strcmp(a, "--target-only"))
            target_only = true;
        else if (!strcmp(a, "--validate-ir"))
            flags |= T2G_COMPILE_VALIDATE_IR;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if ((a[0] != '-' || !strcmp(a, "-")) && !in_path)
            in_path = a;
        else {
            fprintf(stderr, "tgsi2glsl: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    int target = t2g_target_lookup(target_name);
    if (target < 0) {
        fprintf(stderr, "tgsi2glsl: unknown target '%s'\n", target_name);
        usage(stderr);
        return 2;
    }
    const char *label = in_path && strcmp(in_path, "-") ? in_path : "<stdin>";
    FILE *in = label == in_path ? fopen(in_path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "tgsi2glsl: %s: %s\n", in_path, strerror(errno));
        return 1;
    }
    size_t len = 0;
    char *text = read_all(in, &len);
    if (in != stdin)
        fclose(in);
    if (!text) {
        fprintf(stderr, "tgsi2glsl: %s: cannot read input\n", label);
        return 1;
    }

    struct t2g_key key;
    t2g_key_init(&key, (enum t2g_target)target);
    if (!target_only)
        key.host_features |= t2g_target_extension_features((enum t2g_target)target);
    struct t2g_result *r = t2g_compile(text, len, &key, flags, label);
    free(text);
    if (!r) {
        fprintf(stderr, "tgsi2glsl: out of memory\n");
        return 1;
    }
    fputs(r->diagnostics, stderr);
    if (r->ir_dump)
        fputs(r->ir_dump, stderr);
    int status = r->ok ? 0 : 1;
    if (r->ok && validate) {
        char log[4096];
        if (!glslang_check(r->source, r->reflection.stage, log, sizeof(log))) {
            fprintf(stderr, "%s: error: glslang rejects the generated %s:\n%s\n", label,
                    target_name, log);
            status = 1;
        }
    }
    if (r->ok) {
        FILE *out = out_path ? fopen(out_path, "wb") : stdout;
        if (!out) {
            fprintf(stderr, "tgsi2glsl: %s: %s\n", out_path, strerror(errno));
            status = 1;
        } else {
            fwrite(r->source, 1, r->source_len, out);
            if (out != stdout && fclose(out) != 0)
                status = 1;
        }
    }
    t2g_result_free(r);
    return status;
}
