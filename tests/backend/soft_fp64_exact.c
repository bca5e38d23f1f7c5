/* Exactness of the ES targets' soft-fp64: for each double operation TGSI has, a compute
 * shader (TGSI, compiled for essl310 through the library, so the emitted helpers and calls
 * are what runs) applies it to operand pairs from a storage buffer on the host's GLES 3.1
 * (EGL surfaceless: llvmpipe here), and every result is compared bit for bit with the CPU's
 * IEEE doubles (any NaN matches any NaN).  Operands: edge values (zeros, subnormals, the
 * normal and overflow boundaries, infinities, NaNs, integers and halves), raw random bits,
 * short significands (exact and halfway products and sums), near-cancelling pairs, and
 * exponents steered to the underflow and overflow boundaries of the operation.
 *
 *   soft_fp64_exact [--count N] [--seed S] [--only OP] [--bench]
 * N operand records per operation (two lanes each; default 65536, a multiple of 64).
 * --bench prints, per operation, the host's compile + link + first dispatch (where Mesa
 * generates the machine code) of the emitted GLSL ES and the lanes per second.  Exit 77 (skip) without EGL/GLES 3.1. */
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLES3/gl31.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tgsi2glsl.h"

/* What the lane result is and how the CPU computes it. */
enum res { R_D, R_F, R_I, R_U, R_MASK };

typedef struct op_case {
    const char *name, *line; /* the TGSI instruction: TEMP[1] = a, TEMP[2] = b, TEMP[4] = c */
    enum res res;
    int srcs;                /* doubles read: 1..3; 0: a 32-bit source (a's low word) */
} op_case;

static const op_case cases[] = {
    { "DADD", "DADD TEMP[3], TEMP[1], TEMP[2]", R_D, 2 },
    { "DMUL", "DMUL TEMP[3], TEMP[1], TEMP[2]", R_D, 2 },
    { "DDIV", "DDIV TEMP[3], TEMP[1], TEMP[2]", R_D, 2 },
    { "DMAD", "DMAD TEMP[3], TEMP[1], TEMP[2], TEMP[4]", R_D, 3 },
    { "DFMA", "DFMA TEMP[3], TEMP[1], TEMP[2], TEMP[4]", R_D, 3 },
    { "DRCP", "DRCP TEMP[3], TEMP[1]", R_D, 1 },
    { "DSQRT", "DSQRT TEMP[3], TEMP[1]", R_D, 1 },
    { "DRSQ", "DRSQ TEMP[3], TEMP[1]", R_D, 1 },
    { "DMIN", "DMIN TEMP[3], TEMP[1], TEMP[2]", R_D, 2 },
    { "DMAX", "DMAX TEMP[3], TEMP[1], TEMP[2]", R_D, 2 },
    { "DABS", "DABS TEMP[3], TEMP[1]", R_D, 1 },
    { "DNEG", "DNEG TEMP[3], TEMP[1]", R_D, 1 },
    { "DSSG", "DSSG TEMP[3], TEMP[1]", R_D, 1 },
    { "DSLT", "DSLT TEMP[3].xy, TEMP[1], TEMP[2]", R_MASK, 2 },
    { "DSGE", "DSGE TEMP[3].xy, TEMP[1], TEMP[2]", R_MASK, 2 },
    { "DSEQ", "DSEQ TEMP[3].xy, TEMP[1], TEMP[2]", R_MASK, 2 },
    { "DSNE", "DSNE TEMP[3].xy, TEMP[1], TEMP[2]", R_MASK, 2 },
    { "D2F", "D2F TEMP[3].xy, TEMP[1]", R_F, 1 },
    { "F2D", "F2D TEMP[3], TEMP[1]", R_D, 0 },
    { "I2D", "I2D TEMP[3], TEMP[1]", R_D, 0 },
    { "U2D", "U2D TEMP[3], TEMP[1]", R_D, 0 },
    { "D2I", "D2I TEMP[3].xy, TEMP[1]", R_I, 1 },
    { "D2U", "D2U TEMP[3].xy, TEMP[1]", R_U, 1 },
    { "DFRAC", "DFRAC TEMP[3], TEMP[1]", R_D, 1 },
    { "DFLR", "DFLR TEMP[3], TEMP[1]", R_D, 1 },
    { "DCEIL", "DCEIL TEMP[3], TEMP[1]", R_D, 1 },
    { "DTRUNC", "DTRUNC TEMP[3], TEMP[1]", R_D, 1 },
    { "DROUND", "DROUND TEMP[3], TEMP[1]", R_D, 1 },
    { "DLDEXP", "DLDEXP TEMP[3], TEMP[1], TEMP[2]", R_D, 1 },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* A record: a (two lanes), b, c, then the two lanes' result words. */
enum { REC_WORDS = 16 };

static const char shader_head[] =
    "COMP\n"
    "PROPERTY CS_FIXED_BLOCK_WIDTH 64\n"
    "PROPERTY CS_FIXED_BLOCK_HEIGHT 1\n"
    "PROPERTY CS_FIXED_BLOCK_DEPTH 1\n"
    "DCL SV[0], THREAD_ID\n"
    "DCL SV[1], BLOCK_ID\n"
    "DCL BUFFER[0]\n"
    "DCL TEMP[0..4]\n"
    "IMM[0] UINT32 {64, 64, 16, 32}\n"
    "IMM[1] UINT32 {48, 0, 0, 0}\n"
    "  0: UMAD TEMP[0].x, SV[1].xxxx, IMM[0].yyyy, SV[0].xxxx\n"
    "  1: UMUL TEMP[0].y, TEMP[0].xxxx, IMM[0].xxxx\n"
    "  2: LOAD TEMP[1], BUFFER[0], TEMP[0].yyyy\n"
    "  3: UADD TEMP[0].z, TEMP[0].yyyy, IMM[0].zzzz\n"
    "  4: LOAD TEMP[2], BUFFER[0], TEMP[0].zzzz\n"
    "  5: UADD TEMP[0].w, TEMP[0].yyyy, IMM[0].wwww\n"
    "  6: LOAD TEMP[4], BUFFER[0], TEMP[0].wwww\n"
    "  7: MOV TEMP[3], IMM[1].yyyy\n";
static const char shader_tail[] =
    "  9: UADD TEMP[0].z, TEMP[0].yyyy, IMM[1].xxxx\n"
    " 10: STORE BUFFER[0], TEMP[0].zzzz, TEMP[3]\n"
    " 11: END\n";

/* ---------------------------------------------------------------- CPU reference */

static double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t u_of(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t fu_of(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* Kept from contracting a * b + c into an fma. */
static double mul_then_add(double a, double b, double c)
{
    volatile double p = a * b;
    return p + c;
}

static uint64_t ref_min_max(double a, double b, bool max)
{
    if (isnan(a)) return u_of(b);
    if (isnan(b)) return u_of(a);
    if (a == 0 && b == 0)
        return max ? (u_of(a) & u_of(b)) : (u_of(a) | u_of(b));
    return u_of(max ? (a < b ? b : a) : (b < a ? b : a));
}

static int32_t ref_d2i(double a)
{
    if (isnan(a)) return 0;
    double t = trunc(a);
    if (t >= 2147483647.0) return INT32_MAX;
    if (t <= -2147483648.0) return INT32_MIN;
    return (int32_t)t;
}

static uint32_t ref_d2u(double a)
{
    if (isnan(a) || a <= 0) return 0;
    double t = trunc(a);
    return t >= 4294967295.0 ? UINT32_MAX : (uint32_t)t;
}

/* The expected lane result: 64 bits for doubles, else the low 32. */
static uint64_t reference(const op_case *oc, uint64_t ua, uint64_t ub, uint64_t uc)
{
    double a = d_of(ua), b = d_of(ub), c = d_of(uc);
    uint32_t lo = (uint32_t)ua;
    const char *n = oc->name;
    if (!strcmp(n, "DADD")) return u_of(a + b);
    if (!strcmp(n, "DMUL")) return u_of(a * b);
    if (!strcmp(n, "DDIV")) return u_of(a / b);
    if (!strcmp(n, "DMAD")) return u_of(mul_then_add(a, b, c));
    if (!strcmp(n, "DFMA")) return u_of(fma(a, b, c));
    if (!strcmp(n, "DRCP")) return u_of(1.0 / a);
    if (!strcmp(n, "DSQRT")) return u_of(sqrt(a));
    if (!strcmp(n, "DRSQ")) return u_of(1.0 / sqrt(a));
    if (!strcmp(n, "DMIN")) return ref_min_max(a, b, false);
    if (!strcmp(n, "DMAX")) return ref_min_max(a, b, true);
    if (!strcmp(n, "DABS")) return ua & ~(1ull << 63);
    if (!strcmp(n, "DNEG")) return ua ^ (1ull << 63);
    if (!strcmp(n, "DSSG")) return u_of(isnan(a) || a == 0 ? 0.0 : a > 0 ? 1.0 : -1.0);
    if (!strcmp(n, "DSLT")) return a < b ? ~0u : 0;
    if (!strcmp(n, "DSGE")) return a >= b ? ~0u : 0;
    if (!strcmp(n, "DSEQ")) return a == b ? ~0u : 0;
    if (!strcmp(n, "DSNE")) return a != b ? ~0u : 0;
    if (!strcmp(n, "D2F")) return fu_of((float)a);
    if (!strcmp(n, "F2D")) return u_of((double)f_of(lo));
    if (!strcmp(n, "I2D")) return u_of((double)(int32_t)lo);
    if (!strcmp(n, "U2D")) return u_of((double)lo);
    if (!strcmp(n, "D2I")) return (uint32_t)ref_d2i(a);
    if (!strcmp(n, "D2U")) return ref_d2u(a);
    if (!strcmp(n, "DFRAC")) return u_of(a - floor(a));
    if (!strcmp(n, "DFLR")) return u_of(floor(a));
    if (!strcmp(n, "DCEIL")) return u_of(ceil(a));
    if (!strcmp(n, "DTRUNC")) return u_of(trunc(a));
    if (!strcmp(n, "DROUND")) return u_of(nearbyint(a));
    if (!strcmp(n, "DLDEXP")) return u_of(ldexp(a, (int32_t)(uint32_t)ub));
    return 0;
}

static bool same(enum res r, uint64_t want, uint64_t got)
{
    if (r == R_D)
        return want == got || (isnan(d_of(want)) && isnan(d_of(got)));
    if (r == R_F)
        return (uint32_t)want == (uint32_t)got ||
               (isnan(f_of((uint32_t)want)) && isnan(f_of((uint32_t)got)));
    return (uint32_t)want == (uint32_t)got;
}

/* ---------------------------------------------------------------- operands */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static const uint64_t edges[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull, 0x8000000000000001ull,
    0x000fffffffffffffull, 0x800fffffffffffffull, 0x0010000000000000ull, 0x8010000000000000ull,
    0x0008000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x4000000000000000ull,
    0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull, 0xbff8000000000000ull,
    0x4004000000000000ull, 0xc004000000000000ull, 0x3ff0000000000001ull, 0x3fefffffffffffffull,
    0x7fefffffffffffffull, 0xffefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0xfff8000000000000ull, 0x7ff0000000000001ull, 0x7ff4000000000000ull,
    0x4330000000000000ull, 0x4330000000000001ull, 0x432fffffffffffffull, 0xc330000000000000ull,
    0x41dfffffffc00000ull, 0xc1e0000000000000ull, 0x41efffffffe00000ull, 0x41f0000000000000ull,
    0x41e0000000000000ull, 0xc1e0000000200000ull, 0x47efffffe0000000ull, 0x47efffffefffffffull,
    0x47effffff0000000ull, 0x36a0000000000000ull, 0x3690000000000000ull, 0x3810000000000000ull,
    0x380fffffffffffffull, 0x3ca0000000000000ull, 0x3c90000000000000ull, 0x3cb0000000000000ull,
    0x7fe0000000000000ull, 0x0020000000000000ull, 0x3fd5555555555555ull, 0x400921fb54442d18ull,
};
#define NEDGES (sizeof(edges) / sizeof(edges[0]))

/* A double with a random exponent in [lo, hi] (biased), a significand of `bits` random
 * leading bits, and a random sign. */
static uint64_t with_exp(int lo, int hi, int bits)
{
    uint64_t r = rnd();
    int e = lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
    uint64_t m = r & 0xfffffffffffffull;
    if (bits < 52)
        m &= ~((1ull << (52 - bits)) - 1);
    return (r & (1ull << 63)) | ((uint64_t)e << 52) | m;
}

static int exp_of(uint64_t u) { return (int)((u >> 52) & 0x7ff); }

/* One operand given the ones chosen before it (related draws use them). */
static uint64_t operand(const op_case *oc, int which, uint64_t a, uint64_t b)
{
    int bits = (int)(rnd() % 53);
    switch (rnd() % 10) {
    case 0:
        return edges[rnd() % NEDGES];
    case 1:
        return rnd();
    case 2: /* small integers and halves: rounding functions, conversions */
        return u_of((double)((int64_t)(rnd() % 4001) - 2000) / (double)(1 << (rnd() % 3)));
    case 3: /* near a: cancellation, ties, equality */
        if (which == 0)
            return with_exp(1000, 1046, bits);
        {
            uint64_t r = (a ^ (rnd() & (1ull << 63))) + (rnd() % 5) - 2;
            if (rnd() & 1)
                r = (r & ~(0x7ffull << 52)) |
                    ((uint64_t)((exp_of(a) - (int)(rnd() % 60)) & 0x7ff) << 52);
            return r;
        }
    case 4: /* steered to the result's underflow or overflow boundary */
        if (which == 0)
            return with_exp(1, 2046, bits);
        {
            int target = rnd() & 1 ? (int)(rnd() % 60) - 50 : 2046 - (int)(rnd() % 8);
            int ea = exp_of(a);
            int e = !strcmp(oc->name, "DDIV") ? ea - target + 1023 : target - ea + 1023;
            if (which == 2) /* fma addend: near the product */
                e = exp_of(a) + exp_of(b) - 1023 - (int)(rnd() % 110) + 55;
            if (e < 0) e = 0;
            if (e > 2046) e = 2046;
            return (rnd() & (1ull << 63)) | ((uint64_t)e << 52) | (rnd() & ((1ull << 52) - 1) &
                   ~((bits < 52) ? (1ull << (52 - bits)) - 1 : 0));
        }
    case 5: /* subnormals */
        return (rnd() & (1ull << 63)) | (rnd() >> (12 + rnd() % 52));
    case 6: /* squares of doubles of up to 26 bits, exact: square roots with no remainder */
        {
            double r = ldexp((double)(rnd() % (1u << 26) + 1), (int)(rnd() % 80) - 60);
            return u_of(r * r);
        }
    default: /* short significands around 1: exact results and halfway cases */
        return with_exp(1013, 1033, bits);
    }
}

/* 32-bit sources (F2D, I2D, U2D) and DLDEXP's exponent: in the low word. */
static uint32_t word_operand(const op_case *oc)
{
    uint32_t r = (uint32_t)rnd();
    if (!strcmp(oc->name, "DLDEXP"))
        return rnd() % 4 ? (uint32_t)((int)(rnd() % 2200) - 1100) : r;
    switch (rnd() % 4) {
    case 0: return (uint32_t)edges[rnd() % NEDGES] ^ (uint32_t)(edges[rnd() % NEDGES] >> 32);
    case 1: return r >> (rnd() % 32);
    case 2: return r & 0x807fffffu; /* float subnormals and zeros */
    default: return r;
    }
}

/* ---------------------------------------------------------------- GLES */

static bool gl_init(void)
{
    PFNEGLGETPLATFORMDISPLAYEXTPROC get_display =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    if (!get_display)
        return false;
    EGLDisplay d = get_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    if (d == EGL_NO_DISPLAY || !eglInitialize(d, NULL, NULL) || !eglBindAPI(EGL_OPENGL_ES_API))
        return false;
    static const EGLint attrs[] = { EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 1,
                                    EGL_NONE };
    EGLContext ctx = eglCreateContext(d, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attrs);
    return ctx != EGL_NO_CONTEXT && eglMakeCurrent(d, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx);
}

static GLuint build_program(const char *src, const char *what)
{
    GLuint sh = glCreateShader(GL_COMPUTE_SHADER);
    glShaderSource(sh, 1, &src, NULL);
    glCompileShader(sh);
    GLint ok = 0;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[4096];
        glGetShaderInfoLog(sh, sizeof(log), NULL, log);
        fprintf(stderr, "%s: the host rejects the shader:\n%s\n", what, log);
        return 0;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, sh);
    glLinkProgram(p);
    glDeleteShader(sh);
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        fprintf(stderr, "%s: link failed\n", what);
        return 0;
    }
    return p;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the whole process: on a loaded machine it tells the compile's cost where the
 * wall clock does not */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs one operation over `n` records; returns the mismatching lanes (-1: could not run). */
static long run_case(const op_case *oc, uint32_t n, bool bench)
{
    char tgsi[2048];
    snprintf(tgsi, sizeof(tgsi), "%s  8: %s\n%s", shader_head, oc->line, shader_tail);
    struct t2g_key key;
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), &key, T2G_COMPILE_VALIDATE_IR, oc->name);
    if (!r || !r->ok) {
        fprintf(stderr, "%s: does not compile for essl310:\n%s\n", oc->name, r ? r->diagnostics : "");
        t2g_result_free(r);
        return -1;
    }
    double t0 = now(), c0 = cpu_now();
    GLuint prog = build_program(r->source, oc->name);
    double t_build = now() - t0, c_build = cpu_now() - c0;
    t2g_result_free(r);
    if (!prog)
        return -1;

    uint32_t *data = malloc((size_t)n * REC_WORDS * 4);
    if (!data)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t *rec = data + (size_t)i * REC_WORDS;
        for (int lane = 0; lane < 2; lane++) {
            uint64_t a = operand(oc, 0, 0, 0), b = operand(oc, 1, a, 0), c = operand(oc, 2, a, b);
            if (oc->srcs == 0) /* a 32-bit source: channel x / y of TEMP[1] */
                a = (a & ~0xffffffffull) | word_operand(oc);
            if (!strcmp(oc->name, "DLDEXP")) /* the exponent: channel x / z of TEMP[2] */
                b = word_operand(oc);
            uint64_t v[3] = { a, b, c };
            for (int k = 0; k < 3; k++) {
                rec[4 * k + 2 * lane] = (uint32_t)v[k];
                rec[4 * k + 2 * lane + 1] = (uint32_t)(v[k] >> 32);
            }
        }
        if (oc->srcs == 0) /* lane 1 reads channel y: lane 0's high word */
            rec[1] = rec[2];
    }
    GLuint buf;
    glGenBuffers(1, &buf);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, buf);
    glBufferData(GL_SHADER_STORAGE_BUFFER, (GLsizeiptr)n * REC_WORDS * 4, data, GL_DYNAMIC_COPY);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, buf);
    glUseProgram(prog);
    if (bench) { /* Mesa compiles to machine code at the first dispatch: time that too */
        t0 = now();
        c0 = cpu_now();
        glDispatchCompute(1, 1, 1);
        glFinish();
        t_build += now() - t0;
        c_build += cpu_now() - c0;
    }
    t0 = now();
    glDispatchCompute(n / 64, 1, 1);
    glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
    const uint32_t *out = glMapBufferRange(GL_SHADER_STORAGE_BUFFER, 0,
                                           (GLsizeiptr)n * REC_WORDS * 4, GL_MAP_READ_BIT);
    double t_run = now() - t0;
    long bad = out ? 0 : -1;
    for (uint32_t i = 0; out && i < n; i++) {
        const uint32_t *rec = data + (size_t)i * REC_WORDS, *res = out + (size_t)i * REC_WORDS + 12;
        for (int lane = 0; lane < 2; lane++) {
            uint64_t v[3];
            for (int k = 0; k < 3; k++)
                v[k] = rec[4 * k + 2 * lane] | (uint64_t)rec[4 * k + 2 * lane + 1] << 32;
            if (oc->srcs == 0)
                v[0] = lane ? rec[1] : rec[0];
            if (!strcmp(oc->name, "DLDEXP"))
                v[1] = rec[4 + 2 * lane];
            uint64_t got = oc->res == R_D ? res[2 * lane] | (uint64_t)res[2 * lane + 1] << 32
                                          : res[lane];
            uint64_t want = reference(oc, v[0], v[1], v[2]);
            if (!same(oc->res, want, got) && bad++ < 5)
                fprintf(stderr, "%s(%016llx, %016llx, %016llx): want %016llx, got %016llx\n",
                        oc->name, (unsigned long long)v[0], (unsigned long long)v[1],
                        (unsigned long long)v[2], (unsigned long long)want,
                        (unsigned long long)got);
        }
    }
    if (out)
        glUnmapBuffer(GL_SHADER_STORAGE_BUFFER);
    glDeleteBuffers(1, &buf);
    glDeleteProgram(prog);
    free(data);
    if (bench)
        printf("%-7s host compile+link+first dispatch %6.1f ms (CPU %6.1f ms), %7.2f M lanes/s\n",
               oc->name, t_build * 1e3, c_build * 1e3, 2.0 * n / t_run / 1e6);
    return bad;
}

int main(int argc, char **argv)
{
    uint32_t n = 65536;
    const char *only = NULL;
    bool bench = false;
    rng_state = 0x5eed;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--count") && i + 1 < argc)
            n = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            rng_state = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--bench"))
            bench = true;
        else {
            fprintf(stderr, "usage: %s [--count N] [--seed S] [--only OP] [--bench]\n", argv[0]);
            return 2;
        }
    }
    n = (n + 63) / 64 * 64;
    if (!gl_init()) {
        printf("SKIP: no EGL surfaceless GLES 3.1 context\n");
        return 77;
    }
    int failed = 0;
    for (size_t i = 0; i < NCASES; i++) {
        if (only && strcmp(only, cases[i].name))
            continue;
        long bad = run_case(&cases[i], n, bench);
        if (bad)
            failed++;
        if (bad > 0)
            fprintf(stderr, "%s: %ld of %u lanes differ from the CPU\n", cases[i].name, bad, 2 * n);
    }
    printf("%s: %u lanes per operation, %d of %zu operations wrong\n",
           failed ? "FAIL" : "PASS", 2 * n, failed, NCASES);
    return failed ? 1 : 0;
}
