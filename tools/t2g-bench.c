/* t2g-bench: compiles a directory of TGSI shaders repeatedly on one thread and prints
 * throughput (shaders/s, MB/s of TGSI in) and output size, for comparison with the anchor
 * measured for virglrenderer's translator on this machine kind. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tgsi2glsl.h"

/* virglrenderer 0.10.4's TGSI -> GLSL (parse + emit, no optimization) on this machine kind,
 * one core, over ../shared/corpus/tgsi (issue #2). */
#define ANCHOR_SHADERS_PER_S 10700.0
#define ANCHOR_BYTES_OUT 5200.0

typedef struct shader {
    char *text;
    size_t len;
} shader;

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* This thread's CPU time: on a machine shared with builds the wall clock mostly measures the
 * other jobs, while CPU time stays close to what an idle core would give. */
static double cpu_now(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

static int load(const char *dir, shader **out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0, cap = 0;
    shader *v = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 5, ".tgsi"))
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long sz = ftell(f);
        fseek(f, 0, SEEK_SET);
        if (n == cap)
            v = realloc(v, sizeof(*v) * (cap = cap ? cap * 2 : 256));
        v[n].text = malloc(sz + 1);
        v[n].len = fread(v[n].text, 1, sz, f);
        fclose(f);
        n++;
    }
    closedir(d);
    *out = v;
    return n;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/corpus/recorded";
    const char *tname = argc > 2 ? argv[2] : "glsl450";
    double min_seconds = argc > 3 ? atof(argv[3]) : 2.0;
    int target = t2g_target_lookup(tname);
    if (target < 0) {
        fprintf(stderr, "usage: t2g-bench [DIR] [TARGET] [SECONDS]\n");
        return 2;
    }
    shader *v;
    int n = load(dir, &v);
    if (n <= 0) {
        fprintf(stderr, "t2g-bench: no .tgsi files in %s\n", dir);
        return 1;
    }
    struct t2g_key key;
    t2g_key_init(&key, (enum t2g_target)target);
    key.host_features |= t2g_target_extension_features((enum t2g_target)target);

    size_t bytes_in = 0, bytes_out = 0;
    int ok = 0;
    for (int i = 0; i < n; i++) {
        bytes_in += v[i].len;
        struct t2g_result *r = t2g_compile(v[i].text, v[i].len, &key, 0, NULL);
        if (r && r->ok) {
            ok++;
            bytes_out += r->source_len;
        }
        t2g_result_free(r);
    }
    long rounds = 0;
    double t0 = now(), c0 = cpu_now(), t;
    do {
        for (int i = 0; i < n; i++)
            t2g_result_free(t2g_compile(v[i].text, v[i].len, &key, 0, NULL));
        rounds++;
        t = now() - t0;
    } while (t < min_seconds);
    double cpu = cpu_now() - c0;

    double sps = rounds * n / t;
    double mbps = rounds * (double)bytes_in / t / 1e6;
    double avg_out = ok ? (double)bytes_out / ok : 0;
    printf("corpus: %d shaders (%d compiled, %d refused), %.2f MB of TGSI, target %s\n", n, ok,
           n - ok, bytes_in / 1e6, tname);
    printf("throughput: %.0f shaders/s, %.1f MB/s in (one thread, %ld rounds, %.2f s)\n", sps,
           mbps, rounds, t);
    printf("cpu time: %.0f shaders/s, %.1f MB/s in (%.2f s of this thread's CPU; the figure an "
           "idle core gives when the machine is loaded)\n",
           rounds * n / cpu, rounds * (double)bytes_in / cpu / 1e6, cpu);
    printf("output: %.0f bytes of GLSL per compiled shader on average\n", avg_out);
    /* The anchor was measured on an idle core, so it compares with the CPU-time figure; and
     * over one corpus, so it compares only when DIR is that corpus. */
    if (!strstr(dir, "shared/corpus/tgsi")) {
        printf("(no ratio to the virglrenderer anchor: it was measured over "
               "../shared/corpus/tgsi, not this corpus)\n");
    } else {
        printf("vs virglrenderer anchor (%.0f shaders/s, %.0f bytes/shader, measured over "
               "../shared/corpus/tgsi): speed %.2fx (cpu time; %.2fx wall), size %.2fx\n",
               ANCHOR_SHADERS_PER_S, ANCHOR_BYTES_OUT, rounds * n / cpu / ANCHOR_SHADERS_PER_S,
               sps / ANCHOR_SHADERS_PER_S, avg_out / ANCHOR_BYTES_OUT);
    }
    for (int i = 0; i < n; i++)
        free(v[i].text);
    free(v);
    return 0;
}
