/* The shortest decimal spelling of a float that reads back as the same float: the text of
 * snprintf("%.*g", p) for the first p in 6..9 that strtof maps back to the value.  Shaders
 * are full of such constants and printf plus strtof cost thousands of instructions each, so
 * where 128-bit integers exist the same text is computed exactly in integers: the float is
 * m * 2^e, i.e. the integer N = m * 5^k over 10^k (k = -e), rounded to p digits half to
 * even as glibc's printf does, and kept when it lies inside the float's rounding interval.
 * Values outside the range where N fits (below about 1e-6, above about 1e30) take the
 * printf way, which gives the same text. */
#include "glsl_priv.h"

#include <stdio.h>
#include <stdlib.h>

static size_t float_text_printf(float f, char *buf, size_t n)
{
    for (int p = 6; p <= 9; p++) {
        snprintf(buf, n, "%.*g", p, (double)f);
        if (strtof(buf, NULL) == f)
            break;
    }
    return strlen(buf);
}

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;
#define U128(hi, lo) (((u128)(hi) << 64) | (lo))

static const u128 pow10_128[39] = {
    U128(0x0ull, 0x1ull), U128(0x0ull, 0xaull), U128(0x0ull, 0x64ull), U128(0x0ull, 0x3e8ull),
    U128(0x0ull, 0x2710ull), U128(0x0ull, 0x186a0ull), U128(0x0ull, 0xf4240ull),
    U128(0x0ull, 0x989680ull), U128(0x0ull, 0x5f5e100ull), U128(0x0ull, 0x3b9aca00ull),
    U128(0x0ull, 0x2540be400ull), U128(0x0ull, 0x174876e800ull), U128(0x0ull, 0xe8d4a51000ull),
    U128(0x0ull, 0x9184e72a000ull), U128(0x0ull, 0x5af3107a4000ull),
    U128(0x0ull, 0x38d7ea4c68000ull), U128(0x0ull, 0x2386f26fc10000ull),
    U128(0x0ull, 0x16345785d8a0000ull), U128(0x0ull, 0xde0b6b3a7640000ull),
    U128(0x0ull, 0x8ac7230489e80000ull), U128(0x5ull, 0x6bc75e2d63100000ull),
    U128(0x36ull, 0x35c9adc5dea00000ull), U128(0x21eull, 0x19e0c9bab2400000ull),
    U128(0x152dull, 0x2c7e14af6800000ull), U128(0xd3c2ull, 0x1bcecceda1000000ull),
    U128(0x84595ull, 0x161401484a000000ull), U128(0x52b7d2ull, 0xdcc80cd2e4000000ull),
    U128(0x33b2e3cull, 0x9fd0803ce8000000ull), U128(0x204fce5eull, 0x3e25026110000000ull),
    U128(0x1431e0faeull, 0x6d7217caa0000000ull), U128(0xc9f2c9cd0ull, 0x4674edea40000000ull),
    U128(0x7e37be2022ull, 0xc0914b2680000000ull), U128(0x4ee2d6d415bull, 0x85acef8100000000ull),
    U128(0x314dc6448d93ull, 0x38c15b0a00000000ull), U128(0x1ed09bead87c0ull, 0x378d8e6400000000ull),
    U128(0x13426172c74d82ull, 0x2b878fe800000000ull),
    U128(0xc097ce7bc90715ull, 0xb34b9f1000000000ull),
    U128(0x785ee10d5da46d9ull, 0xf436a000000000ull),
    U128(0x4b3b4ca85a86c47aull, 0x98a224000000000ull),
};

/* 5^k for k <= 43: 10^k = 5^k * 2^k. */
static u128 pow5_128(unsigned k)
{
    unsigned t = k < 38 ? k : 38;
    u128 p = pow10_128[t] >> t;
    for (; t < k; t++)
        p *= 5;
    return p;
}

/* printf's %.{p}g of q * 10^(x - p + 1), q holding exactly p digits: fixed notation while
 * -4 <= x < p, else d.ddde+XX; trailing zeros of the fraction and a bare point dropped. */
static size_t format_g(char *buf, bool neg, uint64_t q, int p, int x)
{
    char dig[20];
    size_t nd = glsl_digits(dig, q);
    const char *d = dig + sizeof(dig) - nd;
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    char *o = buf;
    if (neg)
        *o++ = '-';
    if (x < -4 || x >= p) {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, nd - 1);
            o += nd - 1;
        }
        *o++ = 'e';
        *o++ = x < 0 ? '-' : '+';
        unsigned ax = (unsigned)(x < 0 ? -x : x);
        if (ax >= 100)
            *o++ = (char)('0' + ax / 100);
        *o++ = (char)('0' + ax / 10 % 10);
        *o++ = (char)('0' + ax % 10);
    } else if (x >= 0) {
        for (int i = 0; i <= x; i++)
            *o++ = (size_t)i < nd ? d[i] : '0';
        if (nd > (size_t)x + 1) {
            *o++ = '.';
            memcpy(o, d + x + 1, nd - (size_t)x - 1);
            o += nd - (size_t)x - 1;
        }
    } else {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > x; i--)
            *o++ = '0';
        memcpy(o, d, nd);
        o += nd;
    }
    *o = 0;
    return (size_t)(o - buf);
}

/* False where N would not fit: the caller prints. */
static bool float_text_exact(uint32_t bits, char *buf, size_t *len)
{
    unsigned be = bits >> 23 & 0xff;
    uint32_t m = (bits & 0x7fffff) | 0x800000;
    int e = (int)be - 150;
    if (be == 0 || be == 0xff || e < -43 || e > 100)
        return false;
    /* The value is N / 10^k; its neighbours are half an ulp up (hi) and down (lo) away,
     * all scaled by 4 so the halves stay integers.  The ulp below is half as big at a
     * power of two. */
    unsigned k = e < 0 ? (unsigned)-e : 0;
    u128 n = e < 0 ? m * pow5_128(k) : (u128)m << e;
    u128 hi = e < 0 ? 2 * pow5_128(k) : (u128)2 << e;
    u128 lo = m == 0x800000 && be > 1 ? hi / 2 : hi;
    unsigned bl = 128 - (n >> 64 ? (unsigned)__builtin_clzll((uint64_t)(n >> 64))
                                 : 64 + (unsigned)__builtin_clzll((uint64_t)n));
    unsigned nd = bl * 1233 >> 12; /* <= log10(2^bl): the digit count is at least this */
    while (n >= pow10_128[nd])
        nd++;
    for (int p = 6; p <= 9; p++) {
        int drop = (int)nd - p, x = (int)nd - 1 - (int)k;
        uint64_t q;
        if (drop <= 0) {
            q = (uint64_t)(n * pow10_128[-drop]); /* exact: reads back as itself */
        } else {
            u128 unit = pow10_128[drop];
            q = (uint64_t)(n / unit);
            u128 r = n - q * unit, half = unit / 2;
            if (r > half || (r == half && (q & 1)))
                q++;
            /* Reads back as this float when inside its rounding interval (a tie goes to
             * the even mantissa). */
            u128 c4 = 4 * (u128)q * unit, n4 = 4 * n;
            bool even = !(m & 1);
            bool back = c4 >= n4 ? (c4 - n4 < hi || (c4 - n4 == hi && even))
                                 : (n4 - c4 < lo || (n4 - c4 == lo && even));
            if (!back && p < 9)
                continue;
            if (q == (uint64_t)pow10_128[p]) { /* rounded up to 10^p: one more digit left */
                q /= 10;
                x++;
            }
        }
        *len = format_g(buf, bits >> 31, q, p, x);
        return true;
    }
    return false;
}

#endif

size_t glsl_float_text(uint32_t bits, char *buf, size_t n)
{
#ifdef __SIZEOF_INT128__
    size_t len;
    if (n >= 24 && float_text_exact(bits, buf, &len))
        return len;
#endif
    float f;
    memcpy(&f, &bits, 4);
    return float_text_printf(f, buf, n);
}
