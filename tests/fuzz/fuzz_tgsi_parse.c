/* Fuzz target: the TGSI text parser.  Beyond memory safety it checks that errors are values
 * (a rejected input has a located diagnostic) and that print(parse(x)) is a fixed point. */
#include <string.h>

#include "fuzz_common.h"
#include "frontend/ast.h"

/* Parses far beyond any real shader's needs still fit; past it the parser must fail cleanly. */
#define PARSE_MEMORY_LIMIT (64u << 20)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static const char *print_program(arena *a, const ast_program *p, size_t *len)
{
    strbuf s;
    strbuf_init(&s, a);
    ast_print(p, &s);
    *len = s.len;
    return s.data ? s.data : "";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_create();
    if (!a)
        return 0;
    arena_set_limit(a, PARSE_MEMORY_LIMIT);
    diag_list d;
    diag_init(&d, a, "fuzz.tgsi");
    ast_program *p = tgsi_parse(a, (const char *)data, size, &d);
    const char *msgs = diag_format_all(&d);
    if (!p) {
        if (!diag_has_errors(&d) && arena_used(a) < PARSE_MEMORY_LIMIT / 2)
            fuzz_finding("tgsi_parse returned NULL without an error diagnostic");
        arena_destroy(a);
        return 0;
    }
    if (diag_has_errors(&d)) {
        arena_destroy(a);
        return 0;
    }
    (void)msgs;

    /* Round trip: what the printer writes must parse again and print identically. */
    size_t len1, len2;
    const char *text1 = print_program(a, p, &len1);
    diag_list d2;
    diag_init(&d2, a, "printed.tgsi");
    ast_program *p2 = tgsi_parse(a, text1, len1, &d2);
    if (!p2 || diag_has_errors(&d2)) {
        if (arena_used(a) < PARSE_MEMORY_LIMIT / 2)
            fuzz_finding("printed program does not parse again:\n%s\n--- errors:\n%s", text1,
                         diag_format_all(&d2));
    } else {
        const char *text2 = print_program(a, p2, &len2);
        if (len1 != len2 || memcmp(text1, text2, len1) != 0)
            fuzz_finding("print(parse(print(parse(x)))) differs:\n%s\n--- second:\n%s", text1,
                         text2);
    }
    arena_destroy(a);
    return 0;
}
