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
 * saturate (NaN -> 0); SIGN of NaN is 0.  Add and subtract follow Berkeley SoftFloat's
 * float64 (the 32-bit-word version Mesa's float64.glsl also descends from); multiply and fma
 * are written here on full-width integer products, divide and square root on Newton
 * reciprocals whose last bit the exact remainder settles.
 *
 * What the host compiles matters as much as what it computes: llvmpipe inlines every call,
 * so an operation is one copy of all it calls, and it compiles a loop among much
 * straight-line code very slowly.  Hence one shift, one normalization and one rounding per
 * operation, selects rather than branches where both sides are cheap, and no loops
 * (tests/backend/soft_fp64_exact --bench prints each operation's compile).
 *
 * Conventions inside: a significand M has its leading bit at bit 52 (bit 20 of the high
 * word m0); t2g_rpack(s, e, f0, f1, f2) rounds the value (f0:f1 + f2 / 2^32) * 2^(e - 1074)
 * with f2 holding the round bit (bit 31) and sticky bits, and packs it with sign s. */
#include "glsl_priv.h"

enum fp64_helper {
    H_ISNAN, H_QNAN, H_SHR96, H_SHL64, H_RPACK, H_NRPACK, H_UNPK, H_MUL64, H_W128, H_RCPSTEP,
    H_RSQSTEP,
    /* the functions IR_OP_CALL_FP64 names, after everything they call */
    H_DADD, H_DSUB, H_DNEG, H_DABS, H_DMUL, H_DMAD, H_DFMA, H_DDIV, H_DRCP, H_DSQRT, H_DRSQ,
    H_DLT, H_DGE, H_DEQ, H_DNE, H_DMIN, H_DMAX, H_DSIGN, H_F2D, H_D2F, H_I2D, H_U2D, H_D2I,
    H_D2U, H_B2D, H_D2B, H_DINT, H_DTRUNC, H_DFLOOR, H_DCEIL, H_DFRACT, H_DROUND, H_DLDEXP,
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
    /* (a0:a1:a2) >> n for 0 <= n < 64, the bits shifted out of a2 kept as a sticky bit in its
     * bit 0; ((x << 1) << (31 - k)) is x << (32 - k), 0 for k = 0 */
    [H_SHR96] = { 0,
        "void t2g_shr96(inout uint a0, inout uint a1, inout uint a2, int n)\n{\n"
        "    bool w = n >= 32;\n"
        "    uint k = uint(n) & 31u, st = w ? a2 : 0u;\n"
        "    uvec3 v = w ? uvec3(0u, a0, a1) : uvec3(a0, a1, a2);\n"
        "    uvec3 c = (v << 1u) << (31u - k);\n"
        "    st |= c.z;\n"
        "    v = (v >> k) | uvec3(0u, c.xy);\n"
        "    a0 = v.x; a1 = v.y; a2 = v.z | uint(st != 0u);\n}\n" },
    /* 0 <= n < 64 */
    [H_SHL64] = { 0,
        "void t2g_shl64(inout uint a0, inout uint a1, int n)\n{\n"
        "    uint k = uint(n) & 31u;\n"
        "    uint h = (a0 << k) | ((a1 >> 1u) >> (31u - k)), l = a1 << k;\n"
        "    a0 = n >= 32 ? l : h;\n"
        "    a1 = n >= 32 ? 0u : l;\n}\n" },
    /* The significand's leading bit adds 1 to the exponent field: e is the field less 1.  Below
     * the normal range the value is shifted right (a shift by 63 already leaves only a sticky
     * bit below the round bit); a carry out of rounding carries into the exponent. */
    [H_RPACK] = { D(SHR96),
        "uvec2 t2g_rpack(uint s, int e, uint f0, uint f1, uint f2)\n{\n"
        "    if (e < 0) {\n"
        "        t2g_shr96(f0, f1, f2, min(-e, 63));\n"
        "        e = 0;\n"
        "    }\n"
        "    uint up = f2 >> 31;\n"
        "    f1 += up;\n"
        "    f0 += up & uint(f1 == 0u);\n"
        "    f1 &= ~uint(f2 == 0x80000000u);\n"
        "    uint hi = (f0 | f1) == 0u ? 0u : (uint(e) << 20) + f0;\n"
        "    if (e > 0x7fd || hi >= 0x7ff00000u)\n"
        "        return uvec2(0u, s | 0x7ff00000u);\n"
        "    return uvec2(f1, s | hi);\n}\n" },
    /* (f0:f1) * 2^(e - 1074), any nonzero f0:f1, rounded: its leading bit moved to bit 63 */
    [H_NRPACK] = { D(SHL64) | D(RPACK),
        "uvec2 t2g_nrpack(uint s, int e, uint f0, uint f1)\n{\n"
        "    int sh = f0 != 0u ? 31 - findMSB(f0) : 63 - findMSB(f1);\n"
        "    t2g_shl64(f0, f1, sh);\n"
        "    return t2g_rpack(s, e + 11 - sh, f0 >> 11, (f0 << 21) | (f1 >> 11), f1 << 21);\n}\n" },
    /* finite nonzero a: |a| = (m0:m1) * 2^(e - 1075), m0:m1 in [2^52, 2^53); returns e */
    [H_UNPK] = { D(SHL64),
        "int t2g_unpk(uvec2 a, out uint m0, out uint m1)\n{\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    m0 = (a.y & 0xfffffu) | (e != 0 ? 0x100000u : 0u);\n"
        "    m1 = a.x;\n"
        "    int sh = e != 0 ? 0 : m0 == 0u ? 52 - findMSB(m1) : 20 - findMSB(m0);\n"
        "    t2g_shl64(m0, m1, sh);\n"
        "    return e != 0 ? e : 1 - sh;\n}\n" },
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
    /* 128-bit words, .x the most significant; v >> n for n >= 0 on v < 2^127 (a shift by 127
     * already leaves only the sticky bit), what is shifted out jammed into bit 0 */
    [H_W128] = { 0,
        "uvec4 t2g_shr128(uvec4 v, int n)\n{\n"
        "    n = min(n, 127);\n"
        "    uint st = n >= 64 ? v.z | v.w : 0u;\n"
        "    v = n >= 64 ? uvec4(0u, 0u, v.xy) : v;\n"
        "    st |= (n & 32) != 0 ? v.w : 0u;\n"
        "    v = (n & 32) != 0 ? uvec4(0u, v.xyz) : v;\n"
        "    uint k = uint(n) & 31u;\n"
        "    uvec4 c = (v << 1u) << (31u - k);\n"
        "    v = (v >> k) | uvec4(0u, c.xyz);\n"
        "    v.w |= uint((st | c.w) != 0u);\n"
        "    return v;\n"
        "}\n"
        "/* 0 <= n < 128 */\n"
        "uvec4 t2g_shl128(uvec4 v, int n)\n{\n"
        "    v = n >= 64 ? uvec4(v.zw, 0u, 0u) : v;\n"
        "    v = (n & 32) != 0 ? uvec4(v.yzw, 0u) : v;\n"
        "    uint k = uint(n) & 31u;\n"
        "    uvec4 c = (v >> 1u) >> (31u - k);\n"
        "    return (v << k) | uvec4(c.yzw, 0u);\n"
        "}\n"
        "uvec4 t2g_add128(uvec4 a, uvec4 b)\n{\n"
        "    uvec4 r;\n"
        "    uint c, k;\n"
        "    r.w = uaddCarry(a.w, b.w, c);\n"
        "    r.z = uaddCarry(a.z, b.z, k); r.z = uaddCarry(r.z, c, c); c += k;\n"
        "    r.y = uaddCarry(a.y, b.y, k); r.y = uaddCarry(r.y, c, c); c += k;\n"
        "    r.x = a.x + b.x + c;\n"
        "    return r;\n"
        "}\n"
        "uvec4 t2g_sub128(uvec4 a, uvec4 b)\n{\n"
        "    uvec4 r;\n"
        "    uint c, k;\n"
        "    r.w = usubBorrow(a.w, b.w, c);\n"
        "    r.z = usubBorrow(a.z, b.z, k); r.z = usubBorrow(r.z, c, c); c += k;\n"
        "    r.y = usubBorrow(a.y, b.y, k); r.y = usubBorrow(r.y, c, c); c += k;\n"
        "    r.x = a.x - b.x - c;\n"
        "    return r;\n"
        "}\n"
        "int t2g_clz128(uvec4 v)\n{\n"
        "    return v.x != 0u ? 31 - findMSB(v.x) : v.y != 0u ? 63 - findMSB(v.y)\n"
        "         : v.z != 0u ? 95 - findMSB(v.z) : 127 - findMSB(v.w);\n}\n" },
    /* The larger magnitude first; both significands 10 bits up (leading bit at bit 62 of the
     * 64), the smaller aligned with the bits shifted out jammed into bit 0, which keeps the
     * rounding exact (SoftFloat's subFloat64Sigs); added or subtracted; normalized and rounded
     * once. */
    [H_DADD] = { D(QNAN) | D(SHR96) | D(NRPACK),
        "uvec2 t2g_dadd(uvec2 a, uvec2 b)\n{\n"
        "    uvec2 ma = a & uvec2(0xffffffffu, 0x7fffffffu), mb = b & uvec2(0xffffffffu, 0x7fffffffu);\n"
        "    bool swap = ma.y < mb.y || (ma.y == mb.y && ma.x < mb.x);\n"
        "    uvec2 t = swap ? b : a; b = swap ? a : b; a = t;\n"
        "    t = swap ? mb : ma; mb = swap ? ma : mb; ma = t;\n"
        "    uint s = a.y & 0x80000000u;\n"
        "    bool sub = s != (b.y & 0x80000000u);\n"
        "    if (ma.y >= 0x7ff00000u) {\n"
        "        if (ma != uvec2(0u, 0x7ff00000u))\n"
        "            return t2g_qnan(a, b);\n"
        "        return sub && ma == mb ? uvec2(0u, 0x7ff80000u) : a;\n"
        "    }\n"
        "    if (sub && ma == mb)\n"
        "        return uvec2(0u);\n"
        "    if ((mb.x | mb.y) == 0u)\n"
        "        return a;\n"
        "    int ea = int(ma.y >> 20), eb = int(mb.y >> 20);\n"
        "    uint a0 = (ma.y & 0xfffffu) | (ea != 0 ? 0x100000u : 0u), a1 = a.x;\n"
        "    uint b0 = (mb.y & 0xfffffu) | (eb != 0 ? 0x100000u : 0u), b1 = b.x, st = 0u;\n"
        "    a0 = (a0 << 10) | (a1 >> 22); a1 <<= 10;\n"
        "    b0 = (b0 << 10) | (b1 >> 22); b1 <<= 10;\n"
        "    t2g_shr96(b0, b1, st, min(max(ea, 1) - max(eb, 1), 63));\n"
        "    b1 |= uint(st != 0u);\n"
        "    uint d1 = a1 - b1, d0 = a0 - b0 - uint(a1 < b1), s1 = a1 + b1, s0 = a0 + b0 + uint(s1 < a1);\n"
        "    return t2g_nrpack(s, max(ea, 1) - 11, sub ? d0 : s0, sub ? d1 : s1);\n}\n" },
    [H_DSUB] = { D(DADD),
        "uvec2 t2g_dsub(uvec2 a, uvec2 b)\n{\n"
        "    return t2g_dadd(a, b ^ uvec2(0u, 0x80000000u));\n}\n" },
    [H_DNEG] = { 0,
        "uvec2 t2g_dneg(uvec2 a)\n{\n    return a ^ uvec2(0u, 0x80000000u);\n}\n" },
    [H_DABS] = { 0,
        "uvec2 t2g_dabs(uvec2 a)\n{\n    return a & uvec2(0xffffffffu, 0x7fffffffu);\n}\n" },
    /* The significands' 106-bit product, b's shifted to fill 64 bits */
    [H_DMUL] = { D(ISNAN) | D(QNAN) | D(RPACK) | D(UNPK) | D(MUL64),
        "uvec2 t2g_dmul(uvec2 a, uvec2 b)\n{\n"
        "    uint s = (a.y ^ b.y) & 0x80000000u;\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    if ((a.y & 0x7ff00000u) == 0x7ff00000u || (b.y & 0x7ff00000u) == 0x7ff00000u) {\n"
        "        if (t2g_isnan(a) || t2g_isnan(b))\n"
        "            return t2g_qnan(a, b);\n"
        "        return (az || bz) ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    }\n"
        "    if (az || bz)\n"
        "        return uvec2(0u, s);\n"
        "    uint a0, a1, b0, b1, p0, p1, p2, p3;\n"
        "    int e = t2g_unpk(a, a0, a1) + t2g_unpk(b, b0, b1) - 1023;\n"
        "    b0 = (b0 << 11) | (b1 >> 21); b1 <<= 11;\n"
        "    t2g_mul64(a0, a1, b0, b1, p0, p1, p2, p3);\n"
        "    uint sh = uint(p0 < 0x100000u);\n"
        "    p0 = (p0 << sh) | ((p1 >> 31) & sh); p1 = (p1 << sh) | ((p2 >> 31) & sh);\n"
        "    p2 = (p2 << sh) | ((p3 >> 31) & sh); p3 <<= sh;\n"
        "    return t2g_rpack(s, e - int(sh), p0, p1, p2 | uint(p3 != 0u));\n}\n" },
    [H_DMAD] = { D(DADD) | D(DMUL),
        "uvec2 t2g_dmad(uvec2 a, uvec2 b, uvec2 c)\n{\n"
        "    return t2g_dadd(t2g_dmul(a, b), c);\n}\n" },
    /* The exact product and c, aligned in 128 bits (leading bits at 124/125, what is
     * shifted out kept as a sticky bit), added, normalized, rounded once. */
    [H_DFMA] = { D(ISNAN) | D(QNAN) | D(RPACK) | D(UNPK) | D(MUL64) | D(W128),
        "uvec2 t2g_dfma(uvec2 a, uvec2 b, uvec2 c)\n{\n"
        "    if (t2g_isnan(a) || t2g_isnan(b) || t2g_isnan(c))\n"
        "        return t2g_qnan(t2g_isnan(c) ? c : a, b);\n"
        "    uint sp = (a.y ^ b.y) & 0x80000000u, sc = c.y & 0x80000000u;\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    bool cz = ((c.y & 0x7fffffffu) | c.x) == 0u;\n"
        "    bool pinf = (a.y & 0x7ff00000u) == 0x7ff00000u || (b.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    bool cinf = (c.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    if (pinf) {\n"
        "        if (az || bz || (cinf && sc != sp))\n"
        "            return uvec2(0u, 0x7ff80000u);\n"
        "        return uvec2(0u, sp | 0x7ff00000u);\n"
        "    }\n"
        "    if (cinf)\n"
        "        return c;\n"
        "    if (az || bz) /* c, or an exact 0 + 0 */\n"
        "        return cz ? uvec2(0u, sp & sc) : c;\n"
        "    uint a0, a1, b0, b1, c0, c1, p0, p1, p2, p3;\n"
        "    int ea = t2g_unpk(a, a0, a1), eb = t2g_unpk(b, b0, b1), ec = t2g_unpk(c, c0, c1);\n"
        "    t2g_mul64(a0, a1, b0, b1, p0, p1, p2, p3);\n"
        "    uvec4 P = uvec4((p0 << 20) | (p1 >> 12), (p1 << 20) | (p2 >> 12), (p2 << 20) | (p3 >> 12),\n"
        "                    p3 << 20);\n"
        "    uvec4 C = cz ? uvec4(0u) : uvec4((c0 << 8) | (c1 >> 24), c1 << 8, 0u, 0u);\n"
        "    int kp = ea + eb - 2170, kc = cz ? kp : ec - 1147, k = max(kp, kc);\n"
        "    P = t2g_shr128(P, k - kp);\n"
        "    C = t2g_shr128(C, k - kc);\n"
        "    uvec4 R = sp == sc ? t2g_add128(P, C) : t2g_sub128(P, C);\n"
        "    bool neg = R.x >= 0x80000000u;\n"
        "    uint s = neg ? sc : sp;\n"
        "    R = neg ? t2g_sub128(uvec4(0u), R) : R;\n"
        "    if (R == uvec4(0u))\n"
        "        return uvec2(0u);\n"
        "    int lz = t2g_clz128(R);\n"
        "    R = t2g_shl128(R, lz);\n"
        "    uint f2 = (R.y << 21) | (R.z >> 11) | uint(((R.z << 21) | R.w) != 0u);\n"
        "    return t2g_rpack(s, k - lz + 1149, R.x >> 11, (R.x << 21) | (R.y >> 11), f2);\n}\n" },
    /* One Newton step of y towards 2^127 / b for b in [2^63, 2^64), from below: y += y e / 2^127
     * with e = 2^127 - b y, which is under 2^108 while y is within 2^-19 of its goal; every
     * truncation keeps y below. */
    [H_RCPSTEP] = { D(MUL64) | D(W128),
        "void t2g_rcpstep(uint b0, uint b1, inout uint y0, inout uint y1)\n{\n"
        "    uint t0, t1, t2, t3, d0, d1, d2, d3;\n"
        "    t2g_mul64(b0, b1, y0, y1, t0, t1, t2, t3);\n"
        "    uvec4 e = t2g_sub128(uvec4(0x80000000u, 0u, 0u, 0u), uvec4(t0, t1, t2, t3));\n"
        "    t2g_mul64(y0, y1, (e.x << 20) | (e.y >> 12), (e.y << 20) | (e.z >> 12), d0, d1, d2, d3);\n"
        "    uint l = y1 + ((d0 << 13) | (d1 >> 19));\n"
        "    y0 += (d0 >> 19) + uint(l < y1);\n"
        "    y1 = l;\n}\n" },
    /* Without a loop (a host compiler handles a loop among much straight code slowly):
     * Q = floor(A 2^54 / B) for the significands, A shifted so that A >= B, is A times a
     * reciprocal of B that a float estimate and two Newton steps make exact to about 2^-62, from
     * below, so Q is its value or one less; the remainder says which and gives the sticky bit. */
    [H_DDIV] = { D(ISNAN) | D(QNAN) | D(RPACK) | D(UNPK) | D(MUL64) | D(RCPSTEP),
        "uvec2 t2g_ddiv(uvec2 a, uvec2 b)\n{\n"
        "    uint s = (a.y ^ b.y) & 0x80000000u;\n"
        "    if (t2g_isnan(a) || t2g_isnan(b))\n"
        "        return t2g_qnan(a, b);\n"
        "    bool az = ((a.y & 0x7fffffffu) | a.x) == 0u, bz = ((b.y & 0x7fffffffu) | b.x) == 0u;\n"
        "    bool ainf = (a.y & 0x7ff00000u) == 0x7ff00000u, binf = (b.y & 0x7ff00000u) == 0x7ff00000u;\n"
        "    if (ainf)\n"
        "        return binf ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    if (binf)\n"
        "        return uvec2(0u, s);\n"
        "    if (bz)\n"
        "        return az ? uvec2(0u, 0x7ff80000u) : uvec2(0u, s | 0x7ff00000u);\n"
        "    if (az)\n"
        "        return uvec2(0u, s);\n"
        "    uint a0, a1, b0, b1;\n"
        "    int e = t2g_unpk(a, a0, a1) - t2g_unpk(b, b0, b1);\n"
        "    uint sh = uint(a0 < b0 || (a0 == b0 && a1 < b1));\n"
        "    a0 = (a0 << sh) | ((a1 >> 31) & sh); a1 <<= sh;\n"
        "    e -= int(sh);\n"
        "    /* y0:y1 ~ 2^127 / (B << 11) = 2^116 / B; 2^55 / (B's top 24 bits + 8) is below its\n"
        "     * high word even with the float division's error */\n"
        "    uint n0 = (b0 << 11) | (b1 >> 21), n1 = b1 << 11;\n"
        "    uint y0 = uint(36028797018963968.0 / (float((b0 << 3) | (b1 >> 29)) + 8.0)), y1 = 0u;\n"
        "    t2g_rcpstep(n0, n1, y0, y1);\n"
        "    t2g_rcpstep(n0, n1, y0, y1);\n"
        "    uint p0, p1, p2, p3, h, l;\n"
        "    t2g_mul64(a0, a1, y0, y1, p0, p1, p2, p3);\n"
        "    uint q0 = (p0 << 2) | (p1 >> 30), q1 = (p1 << 2) | (p2 >> 30);\n"
        "    /* A 2^54 - Q B is in [0, 2B): its low 64 bits are all of it */\n"
        "    umulExtended(q1, b1, h, l);\n"
        "    uint r1 = 0u - l, r0 = (a1 << 22) - (h + q1 * b0 + q0 * b1) - uint(l != 0u);\n"
        "    bool up = r0 > b0 || (r0 == b0 && r1 >= b1);\n"
        "    r0 = up ? r0 - b0 - uint(r1 < b1) : r0;\n"
        "    r1 = up ? r1 - b1 : r1;\n"
        "    q1 += uint(up);\n"
        "    q0 += uint(up && q1 == 0u);\n"
        "    uint f2 = (q1 << 30) | uint((r0 | r1) != 0u);\n"
        "    return t2g_rpack(s, e + 1022, q0 >> 2, (q1 >> 2) | (q0 << 30), f2);\n}\n" },
    [H_DRCP] = { D(DDIV),
        "uvec2 t2g_drcp(uvec2 a)\n{\n    return t2g_ddiv(uvec2(0u, 0x3ff00000u), a);\n}\n" },
    /* One Newton step of y towards 2^62 / sqrt(n / 2^64) for n in [2^62, 2^64):
     * y (3 - v y^2) / 2 in fixed point, v = n / 2^64; below its goal after a step from
     * either side, but for the truncations of v y^2, which raise it by a few units. */
    [H_RSQSTEP] = { D(MUL64),
        "void t2g_rsqstep(uint n0, uint n1, inout uint y0, inout uint y1)\n{\n"
        "    uint s0, s1, s2, s3, e0, e1, e2, e3, d0, d1, d2, d3;\n"
        "    t2g_mul64(y0, y1, y0, y1, s0, s1, s2, s3);\n"
        "    /* E = n y^2 / 2^188 ~ 2^62, and 3 2^62 - E ~ 2^63 */\n"
        "    t2g_mul64(n0, n1, (s0 << 2) | (s1 >> 30), (s1 << 2) | (s2 >> 30), e0, e1, e2, e3);\n"
        "    uint f1 = 0u - e1, f0 = 0xc0000000u - e0 - uint(e1 != 0u);\n"
        "    t2g_mul64(y0, y1, f0, f1, d0, d1, d2, d3);\n"
        "    y0 = (d0 << 1) | (d1 >> 31);\n"
        "    y1 = (d1 << 1) | (d2 >> 31);\n}\n" },
    /* Without a loop, like DDIV: R = floor(sqrt(M 2^56)), 55 root bits of the significand
     * with its exponent made even, is N Y / 2^71 for N = M 2^10 and a reciprocal square root
     * Y that a float estimate and two Newton steps make exact to about 2^-58, from below, so
     * R is that or one more; the remainder M 2^56 - R^2 says which and gives the sticky bit. */
    [H_DSQRT] = { D(ISNAN) | D(QNAN) | D(SHL64) | D(RPACK) | D(UNPK) | D(MUL64) | D(W128) |
                  D(RSQSTEP),
        "uvec2 t2g_dsqrt(uvec2 a)\n{\n"
        "    if (t2g_isnan(a))\n        return t2g_qnan(a, a);\n"
        "    if (((a.y & 0x7fffffffu) | a.x) == 0u)\n        return a;\n"
        "    if ((a.y & 0x80000000u) != 0u)\n        return uvec2(0u, 0x7ff80000u);\n"
        "    if (a.y >= 0x7ff00000u)\n        return a;\n"
        "    uint m0, m1;\n"
        "    int e = t2g_unpk(a, m0, m1) - 1023;\n"
        "    uint odd = uint(e & 1);\n"
        "    t2g_shl64(m0, m1, int(odd));\n"
        "    e -= int(odd);\n"
        "    uint n0 = (m0 << 10) | (m1 >> 22), n1 = m1 << 10;\n"
        "    /* y0:y1 ~ 2^62 / sqrt(N / 2^64), the float estimate lowered by 2^-20 */\n"
        "    uint y0 = uint(inversesqrt(float(n0) * 2.3283064e-10) * 1073740800.0), y1 = 0u;\n"
        "    t2g_rsqstep(n0, n1, y0, y1);\n"
        "    t2g_rsqstep(n0, n1, y0, y1);\n"
        "    /* the steps' truncations of n y^2 can leave y a few units high: 16 units below\n"
        "     * (2^-58) keeps R from above without taking it two below */\n"
        "    y0 -= uint(y1 < 16u);\n"
        "    y1 -= 16u;\n"
        "    uint p0, p1, p2, p3, q0, q1, q2, q3;\n"
        "    t2g_mul64(n0, n1, y0, y1, p0, p1, p2, p3);\n"
        "    uint r0 = p0 >> 7, r1 = (p0 << 25) | (p1 >> 7);\n"
        "    /* M 2^56 - R^2, in [0, 2R + 1) once R is right */\n"
        "    t2g_mul64(r0, r1, r0, r1, q0, q1, q2, q3);\n"
        "    uvec4 x = t2g_sub128(uvec4(n0 >> 18, (n0 << 14) | (n1 >> 18), n1 << 14, 0u),\n"
        "                         uvec4(q0, q1, q2, q3));\n"
        "    uvec4 d = t2g_sub128(x, uvec4(0u, 0u, (r0 << 1) | (r1 >> 31), (r1 << 1) | 1u));\n"
        "    bool up = d.x < 0x80000000u;\n"
        "    x = up ? d : x;\n"
        "    r1 += uint(up);\n"
        "    r0 += uint(up && r1 == 0u);\n"
        "    uint f2 = (r1 << 30) | uint(x != uvec4(0u));\n"
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
    /* a rounded to an integer: mode 0 towards zero, 1 down, 2 up, 3 to nearest even.  The
     * fraction bits are masked off and, where the mode says, one unit of the integer's last
     * place added to the pattern, a carry running into the exponent as it should. */
    [H_DINT] = { 0,
        "uvec2 t2g_dint(uvec2 a, int mode)\n{\n"
        "    int e = int((a.y >> 20) & 0x7ffu);\n"
        "    if (e >= 1075)\n"
        "        return a;\n"
        "    uint s = a.y & 0x80000000u;\n"
        "    bool nz = ((a.y & 0x7fffffffu) | a.x) != 0u;\n"
        "    bool bump;\n"
        "    if (e < 1023) {\n"
        "        bump = mode == 1 ? s != 0u && nz : mode == 2 ? s == 0u && nz\n"
        "             : mode == 3 && e == 1022 && ((a.y & 0xfffffu) | a.x) != 0u;\n"
        "        return uvec2(0u, s | (bump ? 0x3ff00000u : 0u));\n"
        "    }\n"
        "    int fb = 1075 - e;\n"
        "    uint b = 1u << (fb & 31);\n"
        "    uvec2 u = fb >= 32 ? uvec2(0u, b) : uvec2(b, 0u), mask = u - uvec2(1u, uint(u.x == 0u));\n"
        "    uvec2 f = a & mask, t = a & ~mask, h = uvec2((u.x >> 1) | (u.y << 31), u.y >> 1);\n"
        "    bool frac = (f.x | f.y) != 0u;\n"
        "    bool above = f.y > h.y || (f.y == h.y && f.x > h.x);\n"
        "    bump = mode == 1 ? s != 0u && frac : mode == 2 ? s == 0u && frac\n"
        "         : mode == 3 && (above || (f == h && (t & u) != uvec2(0u)));\n"
        "    u = bump ? u : uvec2(0u);\n"
        "    uint lo = t.x + u.x;\n"
        "    return uvec2(lo, t.y + u.y + uint(lo < t.x));\n}\n" },
    [H_DTRUNC] = { D(DINT),
        "uvec2 t2g_dtrunc(uvec2 a)\n{\n"
        "    return t2g_dint(a, 0);\n}\n" },
    [H_DFLOOR] = { D(DINT),
        "uvec2 t2g_dfloor(uvec2 a)\n{\n"
        "    return t2g_dint(a, 1);\n}\n" },
    [H_DCEIL] = { D(DINT),
        "uvec2 t2g_dceil(uvec2 a)\n{\n"
        "    return t2g_dint(a, 2);\n}\n" },
    [H_DFRACT] = { D(DFLOOR) | D(DADD),
        "uvec2 t2g_dfract(uvec2 a)\n{\n"
        "    return t2g_dadd(a, t2g_dfloor(a) ^ uvec2(0u, 0x80000000u));\n}\n" },
    [H_DROUND] = { D(DINT),
        "uvec2 t2g_dround(uvec2 a)\n{\n"
        "    return t2g_dint(a, 3);\n}\n" },
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

/* uvec4 t2g_dadd(uvec4 a1, uvec4 a2) { return uvec4(t2g_dadd(a1.xy, a2.xy), ...); }
 * (not one call in a two-iteration loop: llvmpipe compiles loops among much straight-line
 * code slowly) */
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
