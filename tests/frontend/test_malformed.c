/* Malformed inputs: each must fail with its diagnostic at the right line:col, and nothing may
 * crash or leak on truncated, mutated or random input (run under ASan/UBSan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ast.h"

typedef struct bad {
    const char *text;
    size_t len; /* 0: strlen(text) */
    int line, col;
    const char *message; /* a substring of the first diagnostic */
} bad;

static const bad cases[] = {
    { "", 0, 1, 1, "end of input" },
    { "BLAH\nEND\n", 0, 1, 1, "unknown processor 'BLAH'" },
    { "FRAG\nFOO TEMP[0]\n", 0, 2, 1, "unknown opcode 'FOO'" },
    { "FRAG\n  0: FOO TEMP[0]\n", 0, 2, 6, "unknown opcode 'FOO'" },
    { "FRAG\n  0: MOV_FOO TEMP[0], IN[0]\n", 0, 2, 6, "unknown opcode 'MOV_FOO'" },
    { "FRAG\nDCL TEMP[0..3", 0, 2, 14, "expected ']', got end of input" },
    { "FRAG\nMOV TEMP[4294967296], IN[0]\n", 0, 2, 10,
      "register index 4294967296 out of range" },
    { "FRAG\nDCL TEMP[0..4000000000]\n", 0, 2, 13,
      "register index 4000000000 out of range (maximum 65535)" },
    { "FRAG\nDCL TEMP[99999999999999999999999999]\n", 0, 2, 10, "out of range" },
    { "FRAG\nDCL TEMP[5..3]\n", 0, 2, 13, "register range 5..3 is reversed" },
    { "FRAG\nDCL IN[]\n", 0, 2, 7, "needs a register range" },
    { "FRAG\nTEX TEMP[0], IN[0], 2D\n", 0, 2, 1, "TEX expects 2 source operands, got 1" },
    { "FRAG\nTEX TEMP[0], IN[0], SAMP[0]\n", 0, 2, 1, "TEX expects a texture target" },
    { "FRAG\nTEX TEMP[0], IN[0], SAMP[0], 5D\n", 0, 2, 30, "unknown texture target '5D'" },
    { "FRAG\nADD TEMP[0], IN[0], IN[1], IN[2]\n", 0, 2, 28,
      "ADD expects 2 source operands, got 3" },
    { "FRAG\nADD TEMP[0], IN[0]\n", 0, 2, 1, "ADD expects 2 source operands, got 1" },
    { "FRAG\nSTORE\n", 0, 3, 1, "end of input" },
    { "FRAG\n", 0, 2, 1, "end of input without END" },
    { "FRAG\nDCL OUT[0], COLOR\nMOV OUT[0], IMM[0]\n", 0, 4, 1, "end of input without END" },
    { "FRAG\nMOV TEMP[0], IN[0]", 0, 2, 19, "end of input without END" },
    { "FRAG\nELSE TEMP[0]\n", 0, 2, 6, "ELSE takes no operands" },
    { "FRAG\nMOV TEMP[0], IN[0] :5\n", 0, 2, 20, "MOV takes no label" },
    { "FRAG\nUIF TEMP[0].xxxx :99999999999\n", 0, 2, 18, "label 99999999999 out of range" },
    { "FRAG\n 99999999999: END\n", 0, 2, 2, "instruction number 99999999999 out of range" },
    { "FRAG\nMOV TEMP[0], IN[0]\0\n", 25, 2, 19, "unexpected NUL byte" },
    { "FRAG\nMOV TEMP[0], \x01\n", 0, 2, 14, "unexpected byte 0x01" },
    { "FRAG\nMOV TEMP[0], \xc3\xa9\n", 0, 2, 14, "unexpected byte 0xc3" },
    { "FRAG\nMOV TEMP[0], IN[0]; comment\n", 0, 2, 19, "unexpected character ';'" },
    { "FRAG\nMOV TEMP[0].xyzw, IN[0].xy\n", 0, 2, 25, "invalid swizzle '.xy'" },
    { "FRAG\nMOV TEMP[0].yx, IN[0]\n", 0, 2, 13, "invalid write mask '.yx'" },
    { "FRAG\nMOV TEMP[0], IN[0].xyzq\n", 0, 2, 20, "invalid swizzle '.xyzq'" },
    { "FRAG\nMOV TEMP[0], IN [0].xyzq\n", 0, 2, 21, "invalid swizzle '.xyzq'" },
    { "FRAG\nMOV -TEMP[0], IN[0]\n", 0, 2, 5, "cannot be negated" },
    { "FRAG\nMOV TEMP[ADDR[0].xy], IN[0]\n", 0, 2, 18, "needs one component" },
    { "FRAG\nMOV TEMP[0], IN[0][1][2]\n", 0, 2, 14, "has 3 brackets" },
    { "FRAG\nMOV TEMP[0], TEMP[ADDR[0].x+70000]\n", 0, 2, 29, "register offset 70000" },
    { "FRAG\nIMM[1] FLT32 {1.0, 0, 0, 0}\n", 0, 2, 5, "out of order: expected IMM[0]" },
    { "FRAG\nIMM[0] UINT32 {4294967296}\n", 0, 2, 16, "invalid UINT32 value '4294967296'" },
    { "FRAG\nIMM[0] INT32 {-2147483649}\n", 0, 2, 15, "invalid INT32 value '-2147483649'" },
    { "FRAG\nIMM[0] FLT32 {1.0, 2.0, 3.0, 4.0, 5.0}\n", 0, 2, 35, "too many values" },
    { "FRAG\nIMM[0] FLT64 {1.0, 2.0, 3.0}\n", 0, 2, 25, "too many values" },
    { "FRAG\nIMM[0] FLT32 {banana}\n", 0, 2, 15, "invalid FLT32 value 'banana'" },
    { "FRAG\nIMM[0] FLT32 {0x1234567890}\n", 0, 2, 15, "invalid FLT32 value" },
    { "FRAG\nIMM[0] UINT64 {18446744073709551616}\n", 0, 2, 16, "invalid UINT64 value" },
    { "FRAG\nIMM[0] REAL32 {1}\n", 0, 2, 8, "unknown immediate type 'REAL32'" },
    { "FRAG\nIMM[0] FLT32 {1.0\n", 0, 3, 1, "got end of input" },
    { "FRAG\nPROPERTY FOO 1\n", 0, 2, 10, "unknown property 'FOO'" },
    { "FRAG\nPROPERTY GS_INPUT_PRIMITIVE BANANAS\n", 0, 2, 29,
      "invalid value 'BANANAS' for property GS_INPUT_PRIMITIVE" },
    { "FRAG\nPROPERTY NEXT_SHADER 9\n", 0, 2, 22, "NEXT_SHADER 9" },
    { "FRAG\nDCL SVIEW[0], 2D, FLOAT, FLOAT\n", 0, 2, 1, "1 or 4 return types, got 2" },
    { "FRAG\nDCL SVIEW[0], FLOAT\n", 0, 2, 1, "needs a texture target" },
    { "FRAG\nDCL IN[0], BANANA\n", 0, 2, 12, "unexpected 'BANANA' in IN declaration" },
    { "FRAG\nDCL IN[0], PERSPECTIVE, GENERIC[0]\n", 0, 2, 25, "unexpected 'GENERIC'" },
    { "FRAG\nDCL TEMP[0], ARRAY(70000)\n", 0, 2, 20, "array id 70000 out of range" },
    { "GEOM\nDCL OUT[0], GENERIC[0], STREAM(0, 4, 0, 0)\n", 0, 2, 35, "stream 4 out of range" },
    { "FRAG\nDCL OUT[0], GENERIC(3)\n", 0, 2, 13, "semantic index goes in brackets" },
};

static int check_case(const bad *c)
{
    size_t len = c->len ? c->len : strlen(c->text);
    arena *a = arena_create();
    diag_list d;
    diag_init(&d, a, "bad");
    ast_program *p = tgsi_parse(a, c->text, len, &d);
    int fail = 0;
    if (p || !d.head) {
        fprintf(stderr, "FAIL: no error for %.60s\n", c->text);
        fail = 1;
    } else if (d.head->line != c->line || d.head->col != c->col ||
               !strstr(d.head->message, c->message)) {
        fprintf(stderr, "FAIL: for %.60s\n  want %d:%d: ...%s...\n  got  %s", c->text, c->line,
                c->col, c->message, diag_format_all(&d));
        fail = 1;
    }
    arena_destroy(a);
    return fail;
}

/* A very long line and a huge range: still one precise diagnostic. */
static int check_long_line(void)
{
    size_t pad = 200000;
    char *text = malloc(pad + 64);
    strcpy(text, "FRAG\nMOV TEMP[0], IN[0]");
    size_t n = strlen(text);
    memset(text + n, ' ', pad);
    strcpy(text + n + pad, "X\n");
    bad c = { text, 0, 2, (int)(n - 5 + pad + 1), "unknown opcode 'X'" };
    int fail = check_case(&c);
    free(text);
    return fail;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

/* Parses without checking the result: only that nothing crashes (the sanitizers watch). */
static void parse_any(const char *text, size_t len)
{
    arena *a = arena_create();
    arena_set_limit(a, 64u << 20);
    diag_list d;
    diag_init(&d, a, "fuzz");
    ast_program *p = tgsi_parse(a, text, len, &d);
    if (p) {
        strbuf s;
        strbuf_init(&s, a);
        ast_print(p, &s);
    } else {
        diag_format_all(&d);
    }
    arena_destroy(a);
}

static const char sample[] =
    "GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nDCL IN[][0], POSITION\n"
    "DCL OUT[0], GENERIC[0], STREAM(1, 0, 0, 0)\nDCL TEMP[0..3], ARRAY(1)\nDCL ADDR[0]\n"
    "DCL CONST[1][0..3]\nDCL SVIEW[0], 2D, FLOAT\nDCL IMAGE[0], 2D, PIPE_FORMAT_R8_UNORM, WR\n"
    "IMM[0] FLT32 {0x3f800000, 1.5000, -2.0000, 0x00000000}\n"
    "IMM[1] INT64 {-5, 7}\n"
    "  0: UARL ADDR[0].x, IN[0][0].xxxx\n"
    "  1: MOV TEMP[ADDR[0].x+1](1), -|CONST[1][ADDR[0].y].wzyx|\n"
    "  2: TEX TEMP[0], TEMP[1], SAMP[0], 2D, IMM[0].xyx\n"
    "  3: UIF TEMP[0].xxxx :5\n"
    "  4:   LOAD TEMP[2], IMAGE[0], TEMP[0], COHERENT, 2D, PIPE_FORMAT_R8_UNORM\n"
    "  5: ENDIF\n"
    "  6: EMIT IMM[0].xxxx\n"
    "  7: END\n";

static void stress(void)
{
    size_t n = sizeof(sample) - 1;
    /* every truncation */
    for (size_t i = 0; i <= n; i++)
        parse_any(sample, i);
    /* byte mutations, including NULs and high bytes */
    char *buf = malloc(n);
    for (int iter = 0; iter < 20000; iter++) {
        memcpy(buf, sample, n);
        int muts = 1 + (int)(next_rand() % 4);
        for (int m = 0; m < muts; m++) {
            size_t at = next_rand() % n;
            uint32_t r = next_rand();
            buf[at] = (r & 3) == 0 ? 0 : (r & 3) == 1 ? (char)(r >> 8) : "[]().,-|:{}0x9"[r % 14];
        }
        parse_any(buf, n);
    }
    /* random garbage */
    for (int iter = 0; iter < 2000; iter++) {
        size_t len = next_rand() % 300;
        char *g = malloc(len + 1);
        for (size_t i = 0; i < len; i++)
            g[i] = (char)next_rand();
        parse_any(g, len);
        free(g);
    }
    free(buf);
}

/* Under every arena limit the parse gives a program or a diagnostic: a limit reached by a
 * small allocation once left no room for the message, and the compile failed silently. */
static int check_memory_limits(void)
{
    int fails = 0;
    size_t n = sizeof(sample) - 1;
    for (size_t limit = 16; limit < 64 * 1024; limit += limit < 4096 ? 16 : 512) {
        arena *a = arena_create();
        arena_set_limit(a, limit);
        diag_list d;
        diag_init(&d, a, "limit");
        ast_program *p = tgsi_parse(a, sample, n, &d);
        const char *msg = p ? NULL : diag_format_all(&d);
        if (!p && (!d.head || !strstr(msg, "out of memory"))) {
            fprintf(stderr, "FAIL: arena limit %zu: no program and no out-of-memory diagnostic "
                    "(%s)\n", limit, msg ? msg : "");
            fails++;
        }
        arena_destroy(a);
    }
    return fails;
}

int main(void)
{
    int fails = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        fails += check_case(&cases[i]);
    fails += check_long_line();
    fails += check_memory_limits();
    stress();
    if (fails)
        fprintf(stderr, "%d malformed-input case(s) failed\n", fails);
    else
        printf("%zu malformed inputs diagnosed at the right place; stress inputs survived\n",
               sizeof(cases) / sizeof(cases[0]) + 1);
    return fails != 0;
}
