/* The soft-fp64 library of the ES targets: GLSL ES 3.10 functions implementing IEEE
 * binary64 exactly on uvec2(lo, hi) words, which IR_OP_CALL_FP64 calls (see
 * passes/lower_fp64_to_uvec2.c for why calls).  A shader gets only the functions it calls
 * and what they call, each once, before main(); a two-lane call (uvec4 words) gets an
 * overload that applies the one-lane function to each lane.
 *
 * Rounding is to nearest, ties to even; NaN in gives a quiet NaN out (one of the inputs',
 * quietened), invalid operations give 0x7ff8000000000000; subnormal inputs and results are
 * exact (no flushing); -0 behaves as IEEE says.  MAD rounds the product and the sum (TGSI
 * DMAD is unfused), FMA once.  RSQ is 1 / sqrt(x), two correctly rounded steps.  MIN/MAX
 * return the other operand for one NaN and order -0 below +0.  D2I/D2U truncate and
 * saturate (NaN -> 0); SIGN of NaN is 0.  The arithmetic follows Berkeley SoftFloat's
 * float64 (the 32-bit-word version Mesa's float64.glsl also descends from) for add and
 * subtract; multiply, divide, square root and fma are written here on full-width integer
 * products and bit-by-bit quotients and roots, which are simpler to see exact.
 *
 * Conventions inside: a significand M has its leading bit at bit 52 (bit 20 of the high
 * word m0); t2g_rpack(s, e, f0, f1, f2) rounds the value (f0:f1 + f2 / 2^32) * 2^(e - 1074)
 * with f2 holding the round bit (bit 31) and sticky bits, and packs it with sign s. */
#include "glsl_priv.h"

enum fp64_helper {
    H_ISNAN, H_QNAN, H_SHR96, H_SHL64, H_RPACK, H_NRPACK, H_UNPK, H_MUL64, H_W128, H_ADDMAG,
    H_SUBMAG,
    /* the functions IR_OP_CALL_FP64 names, after everything they call */
    H_DADD, H_DSUB, H_DNEG, H_DABS, H_DMUL, H_DMAD, H_DFMA, H_DDIV, H_DRCP, H_DSQRT, H_DRSQ,
    H_DLT, H_DGE, H_DEQ, H_DNE, H_DMIN, H_DMAX, H_DSIGN, H_F2D, H_D2F, H_I2D, H_U2D, H_D2I,
    H_D2U, H_B2D, H_D2B, H_DTRUNC, H_DFLOOR, H_DCEIL, H_DFRACT, H_DROUND, H_DLDEXP,
    H_COUNT
};

#define D(h) (1ull << H_##h)

typedef struct fp64_helper_def {
    uint64_t deps;
    const char *text;
} fp64_helper_def;

static const fp64_helper_def helpers[H_COUNT] = {
    [H_ISNAN] = { 0,
        "bool t2g_isnan(uvec2 a)\n{\n"
        "    uint h = a.y & 0x7fffffffu;\n"
        "    return h > 0x7ff00000u || (h == 0x7ff00000u && a.x != 0u);\n}\n" },
    [H_QNAN] = { D(ISNAN),
        "uvec2 t2g_qnan(uvec2 a, uvec2 b)\n{\n"
        "    return (t2g_isnan(a) ? a : b) | uvec2(0u, 0x80000u);\n}\n" },
    /* (a0:a1:a2) >> n, the bits shifted out of a2 kept as a sticky bit in its bit 0 */
    [H_SHR96] = { 0,
        "void t2g_shr96(inout uint a0, inout uint a1, inout uint a2, int n)\n{\n"
        "    if (n <= 0)\n        return;\n"
        "    uint st = a2, z0 = 0u, z1 = 0u, z2 = 0u;\n"
        "    int m = (32 - (n & 31)) & 31;\n"
        "    if (n < 32) {\n"
        "        z2 = a1 << m; z1 = (a0 << m) | (a1 >> n); z0 = a0 >> n;\n"
        "    } else if (n == 32) {\n"
        "        z2 = a1; z1 = a0;\n"
        "    } else if (n < 64) {\n"
        "        st |= a1; z2 = a0 << m; z1 = a0 >> (n - 32);\n"
        "    } else if (n == 64) {\n"
        "        st |= a1; z2 = a0;\n"
        "    } else {\n"
        "        st |= a1 | a0;\n"
        "    }\n"
        "    a0 = z0; a1 = z1; a2 = z2 | uint(st != 0u);\n}\n" },
    [H_SHL64] = { 0,
        "void t2g_shl64(inout uint a0, inout uint a1, int n)\n{\n"
        "    if (n <= 0)\n        return;\n"
        "    if (n >= 32) {\n        a0 = a1 << (n - 32); a1 = 0u;\n        return;\n    }\n"
        "    a0 = (a0 << n) | (a1 >> (32 - n)); a1 <<= n;\n}\n" },
    /* The significand's leading bit adds 1 to the exponent field: e is the field less 1. */
    [H_RPACK] = { D(SHR96),
        "uvec2 t2g_rpack(uint s, int e, uint f0, uint f1, uint f2)\n{\n"
        "    if (e >= 0x7fd) {\n"
        "        if (e > 0x7fd || (f0 == 0x1fffffu && f1 == 0xffffffffu && f2 >= 0x80000000u))\n"
        "            return uvec2(0u, s | 0x7ff00000u);\n"
        "    } else if (e < 0) {\n"
        "        t2g_shr96(f0, f1, f2, -e);\n"
        "        e = 0;\n"
        "    }\n"
        "    if (f2 >= 0x80000000u) {\n"
        "        f1 += 1u;\n"
        "        f0 += uint(f1 == 0u);\n"
        "        if (f2 == 0x80000000u)\n            f1 &= ~1u;\n"
        "    } else if ((f0 | f1) == 0u) {\n"
        "        e = 0;\n"
        "    }\n"
        "    return uvec2(f1, s + (uint(e) << 20) + f0);\n}\n" },
    /* (f0:f1) * 2^(e - 1074), any f0:f1, rounded */
    [H_NRPACK] = { D(SHR96) | D(SHL64) | D(RPACK),
        "uvec2 t2g_nrpack(uint s, int e, uint f0, uint f1)\n{\n"
        "    if (f0 == 0u) {\n        f0 = f1; f1 = 0u; e -= 32;\n    }\n"
        "    int sh = 20 - findMSB(f0);\n"
        "    uint f2 = 0u;\n"
        "    if (sh >= 0)\n        t2g_shl64(f0, f1, sh);\n"
        "    else\n        t2g_shr96(f0, f1, f2, -sh);\n"
        "    return t2g_rpack(s, e - sh, f0, f1, f2);\n}\n" },
    /* finite nonzero a: |a| = (m0:m1) * 2^(e - 1075), m0:m1 in [2^52, 2^53); returns e */
    [H_UNPK] = { D(SHL64),
        "int t2g_unpk(uvec2 a, out uint m0, out uint m1)\n{\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    m0 = a.y & 0xfffffu; m1 = a.x;\n"
        "    if (e != 0) {\n        m0 |= 0x100000u;\n        return e;\n    }\n"
        "    int sh = m0 == 0u ? 52 - findMSB(m1) : 20 - findMSB(m0);\n"
        "    t2g_shl64(m0, m1, sh);\n"
        "    return 1 - sh;\n}\n" },
    /* (a0:a1) * (b0:b1) = z0:z1:z2:z3 */
    [H_MUL64] = { 0,
        "void t2g_mul64(uint a0, uint a1, uint b0, uint b1, out uint z0, out uint z1, out uint z2,\n"
        "               out uint z3)\n{\n"
        "    uint h, l1h, l1l, l2h, l2l, hh, hl, c, k;\n"
        "    umulExtended(a1, b1, h, z3);\n"
        "    umulExtended(a1, b0, l1h, l1l);\n"
        "    umulExtended(a0, b1, l2h, l2l);\n"
        "    umulExtended(a0, b0, hh, hl);\n"
        "    z2 = uaddCarry(h, l1l, c);\n"
        "    z2 = uaddCarry(z2, l2l, k); c += k;\n"
        "    z1 = uaddCarry(hl, l1h, k);\n"
        "    uint c1 = k;\n"
        "    z1 = uaddCarry(z1, l2h, k); c1 += k;\n"
        "    z1 = uaddCarry(z1, c, k); c1 += k;\n"
        "    z0 = hh + c1;\n}\n" },
    /* 128-bit words, .x the most significant */
    [H_W128] = { 0,
        "uvec4 t2g_shr128(uvec4 v, int n)\n{\n"
        "    if (n <= 0)\n        return v;\n"
        "    if (n >= 128)\n        return uvec4(0u, 0u, 0u, uint(any(notEqual(v, uvec4(0u)))));\n"
        "    uint st = 0u;\n"
        "    for (; n >= 32; n -= 32) {\n        st |= v.w; v = uvec4(0u, v.xyz);\n    }\n"
        "    if (n > 0) {\n"
        "        int m = 32 - n;\n"
        "        st |= v.w << m;\n"
        "        v = uvec4(v.x >> n, (v.y >> n) | (v.x << m), (v.z >> n) | (v.y << m),\n"
        "                  (v.w >> n) | (v.z << m));\n"
        "    }\n"
        "    v.w |= uint(st != 0u);\n"
        "    return v;\n}\n"
        "uvec4 t2g_shl128(uvec4 v, int n)\n{\n"
        "    for (; n >= 32; n -= 32)\n        v = uvec4(v.yzw, 0u);\n"
        "    if (n > 0) {\n"
        "        int m = 32 - n;\n"
        "        v = uvec4((v.x << n) | (v.y >> m), (v.y << n) | (v.z >> m), (v.z << n) | (v.w >> m),\n"
        "                  v.w << n);\n"
        "    }\n"
        "    return v;\n}\n"
        "uvec4 t2g_add128(uvec4 a, uvec4 b)\n{\n"
        "    uvec4 r;\n    uint c, k;\n"
        "    r.w = uaddCarry(a.w, b.w, c);\n"
        "    r.z = uaddCarry(a.z, b.z, k); r.z = uaddCarry(r.z, c, c); c += k;\n"
        "    r.y = uaddCarry(a.y, b.y, k); r.y = uaddCarry(r.y, c, c); c += k;\n"
        "    r.x = a.x + b.x + c;\n"
        "    return r;\n}\n"
        "uvec4 t2g_sub128(uvec4 a, uvec4 b)\n{\n"
        "    uvec4 r;\n    uint c, k;\n"
        "    r.w = usubBorrow(a.w, b.w, c);\n"
        "    r.z = usubBorrow(a.z, b.z, k); r.z = usubBorrow(r.z, c, c); c += k;\n"
        "    r.y = usubBorrow(a.y, b.y, k); r.y = usubBorrow(r.y, c, c); c += k;\n"
        "    r.x = a.x - b.x - c;\n"
        "    return r;\n}\n"
        "bool t2g_lt128(uvec4 a, uvec4 b)\n{\n"
        "    if (a.x != b.x)\n        return a.x < b.x;\n"
        "    if (a.y != b.y)\n        return a.y < b.y;\n"
        "    if (a.z != b.z)\n        return a.z < b.z;\n"
        "    return a.w < b.w;\n}\n"
        "int t2g_clz128(uvec4 v)\n{\n"
        "    if (v.x != 0u)\n        return 31 - findMSB(v.x);\n"
        "    if (v.y != 0u)\n        return 63 - findMSB(v.y);\n"
        "    if (v.z != 0u)\n        return 95 - findMSB(v.z);\n"
        "    return 127 - findMSB(v.w);\n}\n" },
    /* |a| + |b| with sign s */
    [H_ADDMAG] = { D(QNAN) | D(SHR96) | D(RPACK),
        "uvec2 t2g_addmag(uvec2 a, uvec2 b, uint s)\n{\n"
        "    int ae = int((a.y >> 20) & 0x7ffu), be = int((b.y >> 20) & 0x7ffu);\n"
        "    if (ae < be) {\n"
        "        uvec2 t = a; a = b; b = t;\n"
        "        int te = ae; ae = be; be = te;\n"
        "    }\n"
        "    uint a0 = a.y & 0xfffffu, a1 = a.x, b0 = b.y & 0xfffffu, b1 = b.x, z0, z1, z2 = 0u;\n"
        "    if (ae == 0x7ff)\n"
        "        return ((a0 | a1) != 0u || (be == 0x7ff && (b0 | b1) != 0u)) ? t2g_qnan(a, b)\n"
        "                                                                   : uvec2(0u, s | 0x7ff00000u);\n"
        "    int d = ae - be;\n"
        "    if (d == 0) {\n"
        "        z1 = a1 + b1; z0 = a0 + b0 + uint(z1 < a1);\n"
        "        if (ae == 0)\n            return uvec2(z1, s | z0);\n"
        "        z0 |= 0x200000u;\n"
        "        t2g_shr96(z0, z1, z2, 1);\n"
        "        return t2g_rpack(s, ae, z0, z1, z2);\n"
        "    }\n"
        "    if (be == 0)\n        d -= 1;\n    else\n        b0 |= 0x100000u;\n"
        "    t2g_shr96(b0, b1, z2, d);\n"
        "    a0 |= 0x100000u;\n"
        "    z1 = a1 + b1; z0 = a0 + b0 + uint(z1 < a1);\n"
        "    int ze = ae - 1;\n"
        "    if (z0 >= 0x200000u) {\n        ze += 1;\n        t2g_shr96(z0, z1, z2, 1);\n    }\n"
        "    return t2g_rpack(s, ze, z0, z1, z2);\n}\n" },
    /* |a| - |b| with the sign s of a (flipped when |b| is larger) */
    [H_SUBMAG] = { D(ISNAN) | D(QNAN) | D(SHR96) | D(SHL64) | D(NRPACK),
        "uvec2 t2g_submag(uvec2 a, uvec2 b, uint s)\n{\n"
        "    int ae = int((a.y >> 20) & 0x7ffu), be = int((b.y >> 20) & 0x7ffu);\n"
        "    if (ae == 0x7ff || be == 0x7ff) {\n"
        "        if (t2g_isnan(a) || t2g_isnan(b))\n            return t2g_qnan(a, b);\n"
        "        if (ae == be)\n            return uvec2(0u, 0x7ff80000u);\n"
        "        return uvec2(0u, (ae == 0x7ff ? s : s ^ 0x80000000u) | 0x7ff00000u);\n"
        "    }\n"
        "    uint a0 = a.y & 0xfffffu, a1 = a.x, b0 = b.y & 0xfffffu, b1 = b.x, z2 = 0u;\n"
        "    t2g_shl64(a0, a1, 10);\n"
        "    t2g_shl64(b0, b1, 10);\n"
        "    int d = ae - be;\n"
        "    if (d == 0) {\n"
        "        if (ae == 0)\n            ae = 1;\n"
        "        if (a0 == b0 && a1 == b1)\n            return uvec2(0u);\n"
        "    } else {\n"
        "        if (d < 0) {\n"
        "            uint t = a0; a0 = b0; b0 = t; t = a1; a1 = b1; b1 = t;\n"
        "            ae = be; be = int((a.y >> 20) & 0x7ffu); d = -d; s ^= 0x80000000u;\n"
        "        }\n"
        "        if (be == 0)\n            d -= 1;\n        else\n            b0 |= 0x40000000u;\n"
        "        t2g_shr96(b0, b1, z2, d);\n"
        "        b1 |= uint(z2 != 0u);\n"
        "        a0 |= 0x40000000u;\n"
        "    }\n"
        "    if (b0 > a0 || (b0 == a0 && b1 > a1)) {\n"
        "        uint t = a0; a0 = b0; b0 = t; t = a1; a1 = b1; b1 = t; s ^= 0x80000000u;\n"
        "    }\n"
        "    uint z1 = a1 - b1, z0 = a0 - b0 - uint(a1 < b1);\n"
        "    return t2g_nrpack(s, ae - 11, z0, z1);\n}\n" },
    [H_DADD] = { D(ADDMAG) | D(SUBMAG),
        "uvec2 t2g_dadd(uvec2 a, uvec2 b)\n{\n"
        "    uint sa = a.y & 0x80000000u;\n"
        "    return sa == (b.y & 0x80000000u) ? t2g_addmag(a, b, sa) : t2g_submag(a, b, sa);\n}\n" },
    [H_DSUB] = { D(DADD),
        "uvec2 t2g_dsub(uvec2 a, uvec2 b)\n{\n"
        "    return t2g_dadd(a, b ^ uvec2(0u, 0x80000000u));\n}\n" },
    [H_DNEG] = { 0,
        "uvec2 t2g_dneg(uvec2 a)\n{\n    return a ^ uvec2(0u, 0x80000000u);\n}\n" },
    [H_DABS] = { 0,
        "uvec2 t2g_dabs(uvec2 a)\n{\n    return a & uvec2(0xffffffffu, 0x7fffffffu);\n}\n" },
    /* The significands' 106-bit product, b's shifted to fill 64 bits */
    [H_DMUL] = { D(ISNAN) | D(QNAN) | D(SHL64) | D(RPACK) | D(UNPK) | D(MUL64),
        "uvec2 t2g_dmul(uvec2 a, uvec2 b)\n{\n"
        "    uint s = (a.y ^ b.y) & 0x80000000u;\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    if ((a.y & 0x7ff00000u) == 0x7ff00000u || (b.y & 0x7ff00000u) == 0x7ff00000u) {\n"
        "        if (t2g_isnan(a) || t2g_isnan(b))\n            return t2g_qnan(a, b);\n"
        "        return (az || bz) ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    }\n"
        "    if (az || bz)\n        return uvec2(0u, s);\n"
        "    uint a0, a1, b0, b1, p0, p1, p2, p3;\n"
        "    int e = t2g_unpk(a, a0, a1) + t2g_unpk(b, b0, b1) - 1023;\n"
        "    t2g_shl64(b0, b1, 11);\n"
        "    t2g_mul64(a0, a1, b0, b1, p0, p1, p2, p3);\n"
        "    if (p0 < 0x100000u) {\n"
        "        p0 = (p0 << 1) | (p1 >> 31); p1 = (p1 << 1) | (p2 >> 31);\n"
        "        p2 = (p2 << 1) | (p3 >> 31); p3 <<= 1;\n"
        "        e -= 1;\n"
        "    }\n"
        "    return t2g_rpack(s, e, p0, p1, p2 | uint(p3 != 0u));\n}\n" },
    [H_DMAD] = { D(DADD) | D(DMUL),
        "uvec2 t2g_dmad(uvec2 a, uvec2 b, uvec2 c)\n{\n"
        "    return t2g_dadd(t2g_dmul(a, b), c);\n}\n" },
    /* The exact product and c, aligned in 128 bits (leading bits at 124/125, what is
     * shifted out kept as a sticky bit), added, normalized, rounded once. */
    [H_DFMA] = { D(ISNAN) | D(QNAN) | D(RPACK) | D(UNPK) | D(MUL64) | D(W128) | D(DADD) | D(DMUL),
        "uvec2 t2g_dfma(uvec2 a, uvec2 b, uvec2 c)\n{\n"
        "    if (t2g_isnan(a) || t2g_isnan(b) || t2g_isnan(c))\n"
        "        return t2g_isnan(c) ? t2g_qnan(c, c) : t2g_qnan(a, b);\n"
        "    uint sp = (a.y ^ b.y) & 0x80000000u, sc = c.y & 0x80000000u;\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    bool pinf = (a.y & 0x7ff00000u) == 0x7ff00000u || (b.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    bool cinf = (c.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    if (pinf) {\n"
        "        if (az || bz || (cinf && sc != sp))\n            return uvec2(0u, 0x7ff80000u);\n"
        "        return uvec2(0u, sp | 0x7ff00000u);\n"
        "    }\n"
        "    if (cinf)\n        return c;\n"
        "    if (az || bz)\n        return t2g_dadd(uvec2(0u, sp), c);\n"
        "    if (((c.y & 0x7fffffffu) | c.x) == 0u)\n        return t2g_dmul(a, b);\n"
        "    uint a0, a1, b0, b1, c0, c1, p0, p1, p2, p3;\n"
        "    int ea = t2g_unpk(a, a0, a1), eb = t2g_unpk(b, b0, b1), ec = t2g_unpk(c, c0, c1);\n"
        "    t2g_mul64(a0, a1, b0, b1, p0, p1, p2, p3);\n"
        "    uvec4 P = t2g_shl128(uvec4(p0, p1, p2, p3), 20);\n"
        "    uvec4 C = t2g_shl128(uvec4(c0, c1, 0u, 0u), 8);\n"
        "    int kp = ea + eb - 2170, kc = ec - 1147, k = max(kp, kc);\n"
        "    P = t2g_shr128(P, k - kp);\n"
        "    C = t2g_shr128(C, k - kc);\n"
        "    uint s = sp;\n"
        "    uvec4 R;\n"
        "    if (sp == sc) {\n"
        "        R = t2g_add128(P, C);\n"
        "    } else if (t2g_lt128(P, C)) {\n"
        "        R = t2g_sub128(C, P); s = sc;\n"
        "    } else {\n"
        "        R = t2g_sub128(P, C);\n"
        "    }\n"
        "    if (all(equal(R, uvec4(0u))))\n        return uvec2(0u);\n"
        "    int lz = t2g_clz128(R);\n"
        "    R = t2g_shl128(R, lz);\n"
        "    uint f2 = (R.y << 21) | (R.z >> 11) | uint(((R.z << 21) | R.w) != 0u);\n"
        "    return t2g_rpack(s, k - lz + 1149, R.x >> 11, (R.x << 21) | (R.y >> 11), f2);\n}\n" },
    /* 55 quotient bits one at a time, the remainder's being nonzero the sticky bit */
    [H_DDIV] = { D(ISNAN) | D(QNAN) | D(SHL64) | D(RPACK) | D(UNPK),
        "uvec2 t2g_ddiv(uvec2 a, uvec2 b)\n{\n"
        "    uint s = (a.y ^ b.y) & 0x80000000u;\n"
        "    if (t2g_isnan(a) || t2g_isnan(b))\n        return t2g_qnan(a, b);\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    bool ainf = (a.y & 0x7ff00000u) == 0x7ff00000u, binf = (b.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    if (ainf)\n        return binf ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    if (binf)\n        return uvec2(0u, s);\n"
        "    if (bz)\n        return az ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    if (az)\n        return uvec2(0u, s);\n"
        "    uint a0, a1, b0, b1;\n"
        "    int e = t2g_unpk(a, a0, a1) - t2g_unpk(b, b0, b1);\n"
        "    if (a0 < b0 || (a0 == b0 && a1 < b1)) {\n        t2g_shl64(a0, a1, 1);\n        e -= 1;\n    }\n"
        "    uint q0 = 0u, q1 = 0u;\n"
        "    for (int i = 0; i < 55; i++) {\n"
        "        q0 = (q0 << 1) | (q1 >> 31); q1 <<= 1;\n"
        "        if (a0 > b0 || (a0 == b0 && a1 >= b1)) {\n"
        "            a0 -= b0 + uint(a1 < b1); a1 -= b1; q1 |= 1u;\n"
        "        }\n"
        "        a0 = (a0 << 1) | (a1 >> 31); a1 <<= 1;\n"
        "    }\n"
        "    uint f2 = (q1 << 30) | uint((a0 | a1) != 0u);\n"
        "    return t2g_rpack(s, e + 1022, q0 >> 2, (q1 >> 2) | (q0 << 30), f2);\n}\n" },
    [H_DRCP] = { D(DDIV),
        "uvec2 t2g_drcp(uvec2 a)\n{\n    return t2g_ddiv(uvec2(0u, 0x3ff00000u), a);\n}\n" },
    /* 55 root bits one at a time from the significand, its exponent made even */
    [H_DSQRT] = { D(ISNAN) | D(QNAN) | D(SHL64) | D(RPACK) | D(UNPK),
        "uvec2 t2g_dsqrt(uvec2 a)\n{\n"
        "    if (t2g_isnan(a))\n        return t2g_qnan(a, a);\n"
        "    if (((a.y & 0x7fffffffu) | a.x) == 0u)\n        return a;\n"
        "    if ((a.y & 0x80000000u) != 0u)\n        return uvec2(0u, 0x7ff80000u);\n"
        "    if (a.y >= 0x7ff00000u)\n        return a;\n"
        "    uint m0, m1;\n"
        "    int e = t2g_unpk(a, m0, m1) - 1023;\n"
        "    if ((e & 1) != 0) {\n        t2g_shl64(m0, m1, 1);\n        e -= 1;\n    }\n"
        "    uint r0 = 0u, r1 = 0u, x0 = 0u, x1 = 0u;\n"
        "    for (int i = 0; i < 55; i++) {\n"
        "        int p = 52 - 2 * i;\n"
        "        uint two = p < 0 ? 0u : p >= 32 ? (m0 >> (p - 32)) & 3u : (m1 >> p) & 3u;\n"
        "        x0 = (x0 << 2) | (x1 >> 30); x1 = (x1 << 2) | two;\n"
        "        uint t0 = (r0 << 2) | (r1 >> 30), t1 = (r1 << 2) | 1u;\n"
        "        r0 = (r0 << 1) | (r1 >> 31); r1 <<= 1;\n"
        "        if (x0 > t0 || (x0 == t0 && x1 >= t1)) {\n"
        "            x0 -= t0 + uint(x1 < t1); x1 -= t1; r1 |= 1u;\n"
        "        }\n"
        "    }\n"
        "    uint f2 = (r1 << 30) | uint((x0 | x1) != 0u);\n"
        "    return t2g_rpack(0u, e / 2 + 1022, r0 >> 2, (r1 >> 2) | (r0 << 30), f2);\n}\n" },
    [H_DRSQ] = { D(DDIV) | D(DSQRT),
        "uvec2 t2g_drsq(uvec2 a)\n{\n"
        "    return t2g_ddiv(uvec2(0u, 0x3ff00000u), t2g_dsqrt(a));\n}\n" },
    [H_DLT] = { D(ISNAN),
        "bool t2g_dlt(uvec2 a, uvec2 b)\n{\n"
        "    if (t2g_isnan(a) || t2g_isnan(b))\n        return false;\n"
        "    bool sa = (a.y & 0x80000000u) != 0u;\n"
        "    if (sa != ((b.y & 0x80000000u) != 0u))\n"
        "        return sa && (((a.y | b.y) & 0x7fffffffu) | a.x | b.x) != 0u;\n"
        "    bool lt = a.y < b.y || (a.y == b.y && a.x < b.x);\n"
        "    return sa ? !lt && a != b : lt;\n}\n" },
    [H_DGE] = { D(ISNAN) | D(DLT),
        "bool t2g_dge(uvec2 a, uvec2 b)\n{\n"
        "    return !t2g_isnan(a) && !t2g_isnan(b) && !t2g_dlt(a, b);\n}\n" },
    [H_DEQ] = { D(ISNAN),
        "bool t2g_deq(uvec2 a, uvec2 b)\n{\n"
        "    if (t2g_isnan(a) || t2g_isnan(b))\n        return false;\n"
        "    return a == b || (((a.y | b.y) & 0x7fffffffu) | a.x | b.x) == 0u;\n}\n" },
    [H_DNE] = { D(DEQ),
        "bool t2g_dne(uvec2 a, uvec2 b)\n{\n    return !t2g_deq(a, b);\n}\n" },
    [H_DMIN] = { D(ISNAN) | D(DLT),
        "uvec2 t2g_dmin(uvec2 a, uvec2 b)\n{\n"
        "    if (t2g_isnan(a))\n        return b;\n"
        "    if (t2g_isnan(b))\n        return a;\n"
        "    if ((((a.y | b.y) & 0x7fffffffu) | a.x | b.x) == 0u)\n"
        "        return uvec2(0u, (a.y | b.y) & 0x80000000u);\n"
        "    return t2g_dlt(b, a) ? b : a;\n}\n" },
    [H_DMAX] = { D(ISNAN) | D(DLT),
        "uvec2 t2g_dmax(uvec2 a, uvec2 b)\n{\n"
        "    if (t2g_isnan(a))\n        return b;\n"
        "    if (t2g_isnan(b))\n        return a;\n"
        "    if ((((a.y | b.y) & 0x7fffffffu) | a.x | b.x) == 0u)\n"
        "        return uvec2(0u, a.y & b.y & 0x80000000u);\n"
        "    return t2g_dlt(a, b) ? b : a;\n}\n" },
    [H_DSIGN] = { D(ISNAN),
        "uvec2 t2g_dsign(uvec2 a)\n{\n"
        "    if (t2g_isnan(a) || ((a.y & 0x7fffffffu) | a.x) == 0u)\n        return uvec2(0u);\n"
        "    return uvec2(0u, (a.y & 0x80000000u) | 0x3ff00000u);\n}\n" },
    [H_F2D] = { D(NRPACK),
        "uvec2 t2g_f2d(float f)\n{\n"
        "    uint x = floatBitsToUint(f), s = x & 0x80000000u, e = (x >> 23) & 0xffu, m = x & 0x7fffffu;\n"
        "    if (e == 0xffu)\n"
        "        return uvec2(m << 29, s | 0x7ff00000u | (m != 0u ? 0x80000u | (m >> 3) : 0u));\n"
        "    if (e == 0u)\n        return t2g_nrpack(s, 925, 0u, m);\n"
        "    return uvec2(m << 29, s | ((e + 896u) << 20) | (m >> 3));\n}\n" },
    /* SoftFloat's float64_to_float32: 30 significand bits and a sticky bit, then its
     * roundAndPackFloat32 */
    [H_D2F] = { 0,
        "float t2g_d2f(uvec2 a)\n{\n"
        "    uint s = a.y & 0x80000000u, m0 = a.y & 0xfffffu, m1 = a.x;\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    if (e == 0x7ff)\n"
        "        return uintBitsToFloat(s | 0x7f800000u |\n"
        "                               ((m0 | m1) != 0u ? 0x400000u | (m0 << 3) | (m1 >> 29) : 0u));\n"
        "    uint z = (m0 << 10) | (m1 >> 22) | uint((m1 & 0x3fffffu) != 0u);\n"
        "    if (e == 0 && z == 0u)\n        return uintBitsToFloat(s);\n"
        "    if (e != 0)\n        z |= 0x40000000u;\n"
        "    int ze = e - 0x381;\n"
        "    if (ze >= 0xfd) {\n"
        "        if (ze > 0xfd || z + 0x40u >= 0x80000000u)\n"
        "            return uintBitsToFloat(s | 0x7f800000u);\n"
        "    } else if (ze < 0) {\n"
        "        z = ze < -31 ? uint(z != 0u) : (z >> -ze) | uint((z << (32 + ze)) != 0u);\n"
        "        ze = 0;\n"
        "    }\n"
        "    uint rb = z & 0x7fu;\n"
        "    z = (z + 0x40u) >> 7;\n"
        "    if (rb == 0x40u)\n        z &= ~1u;\n"
        "    if (z == 0u)\n        ze = 0;\n"
        "    return uintBitsToFloat(s + (uint(ze) << 23) + z);\n}\n" },
    [H_I2D] = { D(NRPACK),
        "uvec2 t2g_i2d(int i)\n{\n"
        "    uint u = uint(i), s = u & 0x80000000u;\n"
        "    return t2g_nrpack(s, 1074, 0u, s != 0u ? 0u - u : u);\n}\n" },
    [H_U2D] = { D(NRPACK),
        "uvec2 t2g_u2d(uint u)\n{\n    return t2g_nrpack(0u, 1074, 0u, u);\n}\n" },
    [H_D2I] = { D(ISNAN),
        "int t2g_d2i(uvec2 a)\n{\n"
        "    if (t2g_isnan(a))\n        return 0;\n"
        "    bool neg = (a.y & 0x80000000u) != 0u;\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    if (e < 1023)\n        return 0;\n"
        "    if (e > 1054)\n        return neg ? int(0x80000000u) : 0x7fffffff;\n"
        "    uint m0 = (a.y & 0xfffffu) | 0x100000u;\n"
        "    int sh = 1075 - e;\n"
        "    uint v = sh >= 32 ? m0 >> (sh - 32) : (m0 << (32 - sh)) | (a.x >> sh);\n"
        "    if (neg)\n        return int(0u - min(v, 0x80000000u));\n"
        "    return int(min(v, 0x7fffffffu));\n}\n" },
    [H_D2U] = { D(ISNAN),
        "uint t2g_d2u(uvec2 a)\n{\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    if (t2g_isnan(a) || (a.y & 0x80000000u) != 0u || e < 1023)\n        return 0u;\n"
        "    if (e > 1054)\n        return 0xffffffffu;\n"
        "    uint m0 = (a.y & 0xfffffu) | 0x100000u;\n"
        "    int sh = 1075 - e;\n"
        "    return sh >= 32 ? m0 >> (sh - 32) : (m0 << (32 - sh)) | (a.x >> sh);\n}\n" },
    [H_B2D] = { 0,
        "uvec2 t2g_b2d(bool b)\n{\n    return uvec2(0u, b ? 0x3ff00000u : 0u);\n}\n" },
    [H_D2B] = { 0,
        "bool t2g_d2b(uvec2 a)\n{\n    return ((a.y & 0x7fffffffu) | a.x) != 0u;\n}\n" },
    [H_DTRUNC] = { 0,
        "uvec2 t2g_dtrunc(uvec2 a)\n{\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    if (e >= 1075)\n        return a;\n"
        "    if (e < 1023)\n        return uvec2(0u, a.y & 0x80000000u);\n"
        "    int fb = 1075 - e;\n"
        "    if (fb >= 32)\n        return uvec2(0u, a.y & ~((1u << (fb - 32)) - 1u));\n"
        "    return uvec2(a.x & ~((1u << fb) - 1u), a.y);\n}\n" },
    [H_DFLOOR] = { D(DTRUNC) | D(DADD),
        "uvec2 t2g_dfloor(uvec2 a)\n{\n"
        "    uvec2 t = t2g_dtrunc(a);\n"
        "    return ((a.y & 0x80000000u) != 0u && t != a) ? t2g_dadd(t, uvec2(0u, 0xbff00000u)) : t;\n}\n" },
    [H_DCEIL] = { D(DTRUNC) | D(DADD),
        "uvec2 t2g_dceil(uvec2 a)\n{\n"
        "    uvec2 t = t2g_dtrunc(a);\n"
        "    return ((a.y & 0x80000000u) == 0u && t != a) ? t2g_dadd(t, uvec2(0u, 0x3ff00000u)) : t;\n}\n" },
    [H_DFRACT] = { D(DFLOOR) | D(DADD),
        "uvec2 t2g_dfract(uvec2 a)\n{\n"
        "    return t2g_dadd(a, t2g_dfloor(a) ^ uvec2(0u, 0x80000000u));\n}\n" },
    /* |a| < 2^52: adding and taking away 2^52 rounds to an integer, ties to even */
    [H_DROUND] = { D(DADD),
        "uvec2 t2g_dround(uvec2 a)\n{\n"
        "    if (((a.y >> 20) & 0x7ffu) >= 1075u)\n        return a;\n"
        "    uvec2 r = t2g_dadd(a & uvec2(0xffffffffu, 0x7fffffffu), uvec2(0u, 0x43300000u));\n"
        "    r = t2g_dadd(r, uvec2(0u, 0xc3300000u));\n"
        "    return uvec2(r.x, r.y | (a.y & 0x80000000u));\n}\n" },
    [H_DLDEXP] = { D(UNPK) | D(RPACK),
        "uvec2 t2g_dldexp(uvec2 a, int n)\n{\n"
        "    if ((a.y & 0x7ff00000u) == 0x7ff00000u || ((a.y & 0x7fffffffu) | a.x) == 0u)\n"
        "        return a;\n"
        "    uint m0, m1;\n"
        "    int e = t2g_unpk(a, m0, m1) + clamp(n, -4000, 4000) - 1;\n"
        "    return t2g_rpack(a.y & 0x80000000u, e, m0, m1, 0u);\n}\n" },
};

/* The helper of each function IR_OP_CALL_FP64 names. */
static const enum fp64_helper fn_helper[IR_FP64_COUNT] = {
#define X(name, sig) [IR_FP64_##name] = H_##name,
    IR_FP64_FNS(X)
#undef X
};

static void out_fn_name(strbuf *o, enum ir_fp64_fn fn)
{
    strbuf_append(o, "t2g_");
    for (const char *p = ir_fp64_fns[fn].name; *p; p++)
        strbuf_appendn(o, (const char[]){ (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p) }, 1);
}

static const char *kind_type(char kind, unsigned lanes)
{
    switch (kind) {
    case 'D': return lanes == 1 ? "uvec2" : "uvec4";
    case 'F': return lanes == 1 ? "float" : "vec2";
    case 'I': return lanes == 1 ? "int" : "ivec2";
    case 'U': return lanes == 1 ? "uint" : "uvec2";
    default: return lanes == 1 ? "bool" : "bvec2";
    }
}

static ir_base kind_base(char kind)
{
    switch (kind) {
    case 'F': return IR_F32;
    case 'I': return IR_I32;
    case 'B': return IR_BOOL;
    default: return IR_U32;
    }
}

void glsl_fp64_call(glsl_ctx *c, const ir_instr *in)
{
    glsl_need(c, GF_SOFT_FP64, "double precision");
    enum ir_fp64_fn fn = (enum ir_fp64_fn)in->u.flags;
    const char *sig = ir_fp64_fns[fn].sig;
    unsigned lanes = sig[0] == 'D' ? in->type.comps / 2 : in->type.comps;
    c->fp64_used[lanes == 2] |= 1ull << fn;
    out_fn_name(c->o, fn);
    out_c(c, '(');
    for (unsigned i = 0; i < in->num_srcs; i++) {
        if (i)
            out_s(c, ", ");
        emit_src_as(c, in->srcs[i], sig[i + 1] == 'D' ? 2 * lanes : lanes, kind_base(sig[i + 1]),
                    P_NONE);
    }
    out_c(c, ')');
}

/* uvec4 t2g_dadd(uvec4 a0, uvec4 a1) { return uvec4(t2g_dadd(a0.xy, a1.xy), ...); } */
static void out_two_lanes(strbuf *o, enum ir_fp64_fn fn)
{
    const char *sig = ir_fp64_fns[fn].sig;
    strbuf_append(o, kind_type(sig[0], 2));
    strbuf_append(o, " ");
    out_fn_name(o, fn);
    strbuf_append(o, "(");
    for (unsigned i = 1; sig[i]; i++)
        strbuf_printf(o, "%s%s a%u", i > 1 ? ", " : "", kind_type(sig[i], 2), i);
    strbuf_printf(o, ")\n{\n    return %s(", kind_type(sig[0], 2));
    for (unsigned lane = 0; lane < 2; lane++) {
        if (lane)
            strbuf_append(o, ", ");
        out_fn_name(o, fn);
        strbuf_append(o, "(");
        for (unsigned i = 1; sig[i]; i++)
            strbuf_printf(o, "%sa%u.%s", i > 1 ? ", " : "", i,
                          sig[i] == 'D' ? (lane ? "zw" : "xy") : (lane ? "y" : "x"));
        strbuf_append(o, ")");
    }
    strbuf_append(o, ");\n}\n");
}

void glsl_fp64_helpers(const glsl_ctx *c, strbuf *o)
{
    uint64_t need = 0;
    for (unsigned fn = 0; fn < IR_FP64_COUNT; fn++)
        if ((c->fp64_used[0] | c->fp64_used[1]) >> fn & 1)
            need |= 1ull << fn_helper[fn];
    if (!need)
        return;
    /* Everything a helper calls comes before it in the table. */
    for (int h = H_COUNT - 1; h >= 0; h--)
        if (need >> h & 1)
            need |= helpers[h].deps;
    for (unsigned h = 0; h < H_COUNT; h++) {
        if (!(need >> h & 1))
            continue;
        strbuf_append(o, helpers[h].text);
        for (unsigned fn = 0; fn < IR_FP64_COUNT; fn++)
            if (fn_helper[fn] == h && (c->fp64_used[1] >> fn & 1))
                out_two_lanes(o, (enum ir_fp64_fn)fn);
    }
}
