/* Shared by the fuzz targets: how a logical finding (not a memory error) is reported. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The GL targets' bound on one direct draw or compute grid (vrend_renderer_opts.
 * max_invocations): in a server, --message-timeout ends a client whose draw runs for
 * minutes; in process nothing can, and libFuzzer would report every mutated instance count
 * or grid size in the billions as a timeout or out-of-memory.  The recorded piglit
 * sessions ask for far less than this. */
#define FUZZ_MAX_INVOCATIONS (1u << 20)

/* Exit status that the replay driver passes on as meson's "skipped". */
#define FUZZ_EXIT_SKIP 77

/* A logical finding: abort() so libFuzzer saves the input as a crash and a replay test
 * fails.  With FUZZ_CONTINUE=1 in the environment (the CI smoke run) it is only reported,
 * so one known compiler bug does not hide memory errors behind it; callers therefore go on
 * safely after it returns. */
static inline void __attribute__((format(printf, 1, 2))) fuzz_finding(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FUZZ FINDING: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    const char *cont = getenv("FUZZ_CONTINUE");
    if (!cont || cont[0] != '1')
        abort();
}

#endif
