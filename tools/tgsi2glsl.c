/* tgsi2glsl: the command-line compiler.  Exit 0 on success, 1 on bad input or an output that
 * could not be written, 2 on bad usage (a bad --key file included). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_json.h"
#include "glslang_check.h"
#include "tgsi2glsl.h"

static void usage(FILE *f)
{
    fputs("usage: tgsi2glsl [OPTIONS] [FILE|-]\n"
          "Compiles TGSI text (FILE, or standard input for '-') to GLSL on standard output.\n"
          "  --target TARGET   glsl450 (the default) or one of", f);
    for (int t = 0; t < T2G_TARGET_COUNT; t++)
        if (t != T2G_TARGET_GLSL450)
            fprintf(f, "%s%s", t == 0 || t == 6 ? "\n                    " : " ",
                    t2g_target_name((enum t2g_target)t));
    fputs("\n"
          "  --target-only     assume no host extensions beyond what the target version has\n"
          "                    (default: any extension the target's API offers may be used)\n"
          "  --key FILE.json   take the compile key from FILE.json (format below); --target\n"
          "                    and --target-only on the command line override it\n"
          "  --print-key       print the compile key as JSON and exit (a template for --key)\n"
          "  -o FILE           write the GLSL to FILE\n"
          "  --reflect[=FILE]  write the reflection as JSON to FILE, or without FILE to\n"
          "                    standard output instead of the GLSL (-o FILE then takes it)\n"
          "  --dump-ir         print the optimized SSA IR to stderr\n"
          "  --validate        check the output with glslang in-process\n"
          "  --no-opt          skip the optimization passes\n"
          "  --validate-ir     run the IR validator after every pass\n"
          "  --version         print the version and exit\n"
          "  -h, --help        print this help and exit\n"
          "Exit status: 0 compiled; 1 bad input (FILE:LINE:COL: error: ...) or an output that\n"
          "could not be written; 2 bad usage or a bad --key file.\n"
          "\n"
          "Key file: a JSON object with any fields of struct t2g_key (include/tgsi2glsl.h),\n"
          "named as there; a field left out keeps t2g_key_init()'s value for the target.\n"
          "  \"target\": \"glsl330\"\n"
          "  \"host_features\": [\"FP64\", ...] (or one number, the T2G_HOST_* mask), names:\n", f);
    key_print_host_feature_names(f, "      ", 88);
    fputs("  booleans and numbers as such: \"alpha_test\": true, \"ubo_binding_base\": 1\n"
          "  arrays from index 0, the rest 0: \"sampler_levels\": [1, 4], \"so_stride\": [4];\n"
          "    \"fs_output_swizzle\" and \"shadow_swizzle\" are arrays of 4-element arrays\n"
          "  enumerations by name or number: alpha_func NEVER..ALWAYS; vs_attrib_type and\n"
          "    fs_output_type float|int|uint; shadow_swizzle result|zero|one; image_format\n"
          "    unknown|rgba32f|rgba8|r32ui|... (GLSL format qualifiers)\n"
          "  \"prev_outputs\", \"next_inputs\": null (no linkage) or [{\"semantic\": \"GENERIC\",\n"
          "    \"semantic_index\": 0, \"interp\": \"PERSPECTIVE\", \"location\": \"CENTER\"}, ...]\n"
          "    (TGSI spellings; has_X and num_X follow from them)\n"
          "  \"so_outputs\": [{\"register_index\": 0, \"start_component\": 0, \"num_components\": 4,\n"
          "    \"output_buffer\": 0, \"dst_offset\": 0, \"stream\": 0}, ...] (num_so_outputs too)\n"
          "--print-key writes every field.\n", f);
}

/* Usage errors: the message, where to look, exit status 2. */
__attribute__((format(printf, 1, 2)))
static int bad_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tgsi2glsl: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n(tgsi2glsl --help shows the usage)\n", stderr);
    return 2;
}

static void list_targets(FILE *f)
{
    for (int t = 0; t < T2G_TARGET_COUNT; t++)
        fprintf(f, " %s", t2g_target_name((enum t2g_target)t));
    fputc('\n', f);
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

static char *read_path(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = read_all(f, len);
    int err = errno;
    fclose(f);
    errno = err;
    return text;
}

/* An output stream: stdout, or a file opened when first needed. */
typedef struct output {
    const char *path; /* NULL: stdout */
    FILE *f;
} output;

static const char *output_name(const output *o) { return o->path ? o->path : "<stdout>"; }

static FILE *output_open(output *o)
{
    if (!o->f) {
        o->f = o->path ? fopen(o->path, "wb") : stdout;
        if (!o->f)
            fprintf(stderr, "tgsi2glsl: cannot open %s: %s\n", o->path, strerror(errno));
    }
    return o->f;
}

/* Flushes and closes; a write that failed at any point is reported here, with its cause. */
static bool output_close(output *o)
{
    if (!o->f)
        return true;
    errno = 0;
    bool ok = fflush(o->f) == 0 && !ferror(o->f);
    int err = errno;
    if (o->f != stdout && fclose(o->f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    o->f = NULL;
    if (!ok)
        fprintf(stderr, "tgsi2glsl: error writing %s: %s\n", output_name(o),
                strerror(err ? err : EIO));
    return ok;
}

typedef struct options {
    const char *target_name, *out_path, *in_path, *key_path, *reflect_path;
    bool reflect, print_key, validate, target_only, version;
    uint32_t flags;
} options;

/* -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        /* options that take a value, as "--opt VALUE" or "--opt=VALUE" */
        static const struct { const char *name, *what; size_t field; } valued[] = {
            { "--target", "a target", offsetof(options, target_name) },
            { "-o", "a file name", offsetof(options, out_path) },
            { "--key", "a JSON file", offsetof(options, key_path) },
        };
        bool done = false;
        for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]) && !done; k++) {
            size_t n = strlen(valued[k].name);
            const char **dst = (const char **)((char *)o + valued[k].field);
            if (!strcmp(a, valued[k].name)) {
                if (i + 1 >= argc || (argv[i + 1][0] == '-' && argv[i + 1][1])) {
                    if (k == 0) {
                        fputs("tgsi2glsl: --target needs a value; the targets are:", stderr);
                        list_targets(stderr);
                        return 2;
                    }
                    return bad_usage("%s needs %s", a, valued[k].what);
                }
                *dst = argv[++i];
                done = true;
            } else if (n > 2 && !strncmp(a, valued[k].name, n) && a[n] == '=') {
                *dst = a + n + 1;
                done = true;
            }
        }
        if (done)
            continue;
        if (!strcmp(a, "--reflect"))
            o->reflect = true;
        else if (!strncmp(a, "--reflect=", 10) && a[10]) {
            o->reflect = true;
            o->reflect_path = a + 10;
        } else if (!strcmp(a, "--print-key"))
            o->print_key = true;
        else if (!strcmp(a, "--dump-ir"))
            o->flags |= T2G_COMPILE_DUMP_IR;
        else if (!strcmp(a, "--validate"))
            o->validate = true;
        else if (!strcmp(a, "--no-opt"))
            o->flags |= T2G_COMPILE_NO_OPT;
        else if (!strcmp(a, "--target-only"))
            o->target_only = true;
        else if (!strcmp(a, "--validate-ir"))
            o->flags |= T2G_COMPILE_VALIDATE_IR;
        else if (!strcmp(a, "--version"))
            o->version = true;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            output out = { NULL, stdout };
            return output_close(&out) ? 0 : 1;
        } else if ((a[0] != '-' || !strcmp(a, "-")) && !o->in_path)
            o->in_path = a;
        else if (a[0] != '-' || !strcmp(a, "-"))
            return bad_usage("more than one input file ('%s' and '%s')", o->in_path, a);
        else
            return bad_usage("unknown option '%s'", a);
    }
    return -1;
}

/* err is "LINE:COL: message" from the JSON reader or the key loader. */
static void key_error(const char *path, const char *err)
{
    const char *msg = strchr(err, ' ');
    if (msg)
        fprintf(stderr, "%s:%.*s error:%s\n", path, (int)(msg - err), err, msg);
    else
        fprintf(stderr, "%s: error: %s\n", path, err);
}

/* The key: t2g_key_init for the target, the CLI's host assumption, then the --key file. */
static int build_key(const options *o, struct t2g_key *key)
{
    json_value *doc = NULL;
    char err[512];
    int file_target = -1;
    if (o->key_path) {
        size_t len = 0;
        char *text = read_path(o->key_path, &len);
        if (!text) {
            fprintf(stderr, "tgsi2glsl: cannot read %s: %s\n", o->key_path, strerror(errno));
            return 2;
        }
        doc = json_parse(text, len, err, sizeof(err));
        free(text);
        if (doc)
            file_target = key_json_target(doc, err, sizeof(err));
        if (!doc || file_target < -1) {
            key_error(o->key_path, err);
            json_free(doc);
            return 2;
        }
    }
    int target = o->target_name ? t2g_target_lookup(o->target_name)
                 : file_target >= 0 ? file_target : T2G_TARGET_GLSL450;
    if (target < 0) {
        json_free(doc);
        fprintf(stderr, "tgsi2glsl: unknown target '%s'; the targets are:", o->target_name);
        list_targets(stderr);
        return 2;
    }
    t2g_key_init(key, (enum t2g_target)target);
    if (!o->target_only)
        key->host_features |= t2g_target_extension_features((enum t2g_target)target);
    uint32_t base_features = key->host_features;
    if (doc) {
        bool ok = key_apply_json(doc, key, err, sizeof(err));
        json_free(doc);
        if (!ok) {
            key_error(o->key_path, err);
            return 2;
        }
    }
    key->target = (enum t2g_target)target;
    if (o->target_only)
        key->host_features = base_features;
    return -1;
}

static int compile_and_write(const options *o, const struct t2g_key *key)
{
    if (!o->in_path && isatty(STDIN_FILENO)) {
        usage(stderr);
        fputs("tgsi2glsl: no input file (use '-' to read a terminal)\n", stderr);
        return 2;
    }
    const char *label = o->in_path && strcmp(o->in_path, "-") ? o->in_path : "<stdin>";
    size_t len = 0;
    char *text = label == o->in_path ? read_path(o->in_path, &len) : read_all(stdin, &len);
    if (!text) {
        fprintf(stderr, "tgsi2glsl: cannot read %s: %s\n", label,
                errno ? strerror(errno) : "read error or out of memory");
        return 1;
    }
    struct t2g_result *r = t2g_compile(text, len, key, o->flags, label);
    free(text);
    if (!r) {
        fprintf(stderr, "tgsi2glsl: out of memory\n");
        return 1;
    }
    fputs(r->diagnostics, stderr);
    if (r->ir_dump)
        fputs(r->ir_dump, stderr);
    int status = r->ok ? 0 : 1;
    if (r->ok && o->validate) {
        char log[4096];
        if (!glslang_check(r->source, r->reflection.stage, log, sizeof(log))) {
            fprintf(stderr, "%s: error: glslang rejects the generated %s:\n%s\n", label,
                    t2g_target_name(key->target), log);
            status = 1;
        }
    }
    if (r->ok) {
        /* --reflect alone puts the JSON on stdout in place of the GLSL, as spirv-cross does */
        output glsl = { o->out_path, NULL }, refl = { o->reflect_path, NULL };
        bool write_glsl = !o->reflect || o->reflect_path || o->out_path;
        if (write_glsl && output_open(&glsl))
            fwrite(r->source, 1, r->source_len, glsl.f);
        else if (write_glsl)
            status = 1;
        if (!output_close(&glsl))
            status = 1;
        if (o->reflect && output_open(&refl)) {
            json_writer w;
            jw_init(&w, refl.f);
            reflection_write_json(&w, &r->reflection);
        } else if (o->reflect) {
            status = 1;
        }
        if (!output_close(&refl))
            status = 1;
    }
    t2g_result_free(r);
    return status;
}

int main(int argc, char **argv)
{
    options o = { 0 };
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;
    if (o.version) {
        printf("tgsi2glsl %s", TGSI2GLSL_VERSION);
        if (strcmp(t2g_version(), TGSI2GLSL_VERSION) != 0)
            printf(" (libtgsi2glsl %s)", t2g_version());
        putchar('\n');
        output out = { NULL, stdout };
        return output_close(&out) ? 0 : 1;
    }
    struct t2g_key key;
    status = build_key(&o, &key);
    if (status >= 0)
        return status;
    if (o.print_key) {
        output out = { NULL, stdout };
        json_writer w;
        jw_init(&w, stdout);
        key_write_json(&w, &key);
        return output_close(&out) ? 0 : 1;
    }
    return compile_and_write(&o, &key);
}
