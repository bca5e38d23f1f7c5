/* Runs the usage example of include/tgsi2glsl.h (extracted into header_example.c) against the
 * public library only: a shader held in a buffer with no NUL after it (ASan sees a read past
 * it), freed as soon as the call returns, and a truncated one that takes the error path. */
#include <stdlib.h>
#include <string.h>

#include "example_harness.h"

static int uses;

void use(const char *source, const struct t2g_reflection *reflection)
{
    if (strncmp(source, "#version 450\n", 13) != 0 || reflection->stage != T2G_STAGE_FRAGMENT) {
        fprintf(stderr, "unexpected result:\n%s", source);
        exit(1);
    }
    uses++;
}

static int run(const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    memcpy(copy, text, len);
    int rc = example(copy, len);
    free(copy);
    return rc;
}

int main(void)
{
    static const char shader[] =
        "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n"
        "  0: MOV OUT[0], IN[0]\n  1: END\n";
    if (run(shader, strlen(shader)) != 0 || uses != 1) {
        fprintf(stderr, "the example did not compile the shader\n");
        return 1;
    }
    /* cut before END: diagnostics on stderr, no use() */
    if (run(shader, strlen(shader) - strlen("  1: END\n")) != 0 || uses != 1) {
        fprintf(stderr, "the example compiled a truncated shader\n");
        return 1;
    }
    char want[32];
    snprintf(want, sizeof(want), "%d.%d.", T2G_VERSION_MAJOR, T2G_VERSION_MINOR);
    if (strncmp(t2g_version(), want, strlen(want)) != 0) {
        fprintf(stderr, "t2g_version() is %s, the header says %s\n", t2g_version(), want);
        return 1;
    }
    printf("the header's example compiles and runs (library %s)\n", t2g_version());
    return 0;
}
