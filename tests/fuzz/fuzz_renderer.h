/* The GL fuzz targets' host renderer: llvmpipe through EGL surfaceless, one per process,
 * quiet unless FUZZ_VREND_VERBOSE is set (1: the executor's warnings; 2: its debug lines
 * too, and with VIRGL_EXEC_TRACE=1 every command it decodes). */
#ifndef FUZZ_RENDERER_H
#define FUZZ_RENDERER_H

#include "fuzz_common.h"
#include "executor/vrend.h"

static void fuzz_quiet_log(void *user, enum vrend_log_level level, const char *msg)
{
    (void)user;
    (void)level;
    (void)msg;
}

/* Creates the renderer into *out; the value LLVMFuzzerInitialize returns (a replay without
 * a GL context is skipped, libFuzzer stops). */
static inline int fuzz_renderer_init(const char *target, struct vrend_renderer **out)
{
    const char *verbose = getenv("FUZZ_VREND_VERBOSE");
    struct vrend_renderer_opts opts = {
        .log = verbose ? NULL : fuzz_quiet_log,
        .verbose = verbose && atoi(verbose) >= 2,
        .max_invocations = FUZZ_MAX_INVOCATIONS,
    };
    char err[256] = "";
    *out = vrend_renderer_create(&opts, err, sizeof(err));
    if (*out)
        return 0;
    fprintf(stderr, "%s: no renderer (%s)\n", target, err);
#ifdef FUZZ_REPLAY
    return FUZZ_EXIT_SKIP;
#else
    exit(1);
#endif
}

#endif
