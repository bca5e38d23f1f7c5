/* glsl_float_text against its definition: the first snprintf("%.{6..9}g") that strtof
 * reads back as the float.  The integer path must give the same bytes for every float it
 * takes; this checks a sweep of bit patterns, every exponent around powers of two (where
 * the rounding interval is lopsided) and the short decimals shaders are written with. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-glsl/glsl_priv.h"

static unsigned long checked, failed;

static void check(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, 4);
    if (isnan(f) || isinf(f))
        return;
    char want[40], got[40];
    for (int p = 6; p <= 9; p++) {
        snprintf(want, sizeof(want), "%.*g", p, (double)f);
        if (strtof(want, NULL) == f)
            break;
    }
    size_t n = glsl_float_text(bits, got, sizeof(got));
    checked++;
    if (n != strlen(want) || strcmp(got, want)) {
        if (failed++ < 10)
            fprintf(stderr, "float 0x%08x: got '%s', want '%s'\n", bits, got, want);
    }
}

int main(void)
{
    for (uint64_t b = 5; b < 0x80000000u; b += 4099) {
        check((uint32_t)b);
        check((uint32_t)b | 0x80000000u);
    }
    for (uint32_t be = 1; be < 255; be++)
        for (int dm = -40; dm <= 40; dm++)
            check((be << 23) + (uint32_t)dm);
    char s[32];
    for (int e = -9; e <= 9; e++)
        for (int d = 1; d < 100000; d += 7) {
            snprintf(s, sizeof(s), "%de%d", d, e);
            float f = strtof(s, NULL);
            uint32_t b;
            memcpy(&b, &f, 4);
            check(b);
            check(b + 1);
        }
    printf("%lu floats, %lu differ\n", checked, failed);
    return failed != 0;
}
