/* abi_test.c: the front's interface (executor/libvirglrenderer.h) has the layout of Debian's
 * virglrenderer 0.10.4 header, entry by entry (see abi_layout.c).  A struct that grew, such
 * as the resource info of newer virglrenderer releases, would overwrite QEMU 7.2's stack. */
#include <stdio.h>

size_t abi_layout_system(size_t *out, size_t max);
size_t abi_layout_ours(size_t *out, size_t max);

int main(void)
{
    size_t sys[64], ours[64];
    size_t n = abi_layout_system(sys, 64), m = abi_layout_ours(ours, 64);
    int failures = n != m;
    for (size_t i = 0; i < n && i < m; i++)
        if (sys[i] != ours[i]) {
            fprintf(stderr, "entry %zu: virglrenderer 0.10.4 %zu, ours %zu\n", i, sys[i], ours[i]);
            failures++;
        }
    if (sys[12] != 36)
        fprintf(stderr, "note: the system header's resource info is %zu bytes, not 0.10.4's 36\n",
                sys[12]);
    printf("%zu layout facts compared, %d differ\n", n, failures);
    return failures ? 1 : 0;
}
