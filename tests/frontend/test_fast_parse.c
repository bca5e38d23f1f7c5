/* The fast reader against the bison grammar: over every .tgsi file in the directories given,
 * the fast reader must accept exactly the texts the grammar accepts (it may give up on no
 * well-formed shader, or tgsi_parse reads it twice) and build the same AST, source locations
 * included.  On texts the grammar rejects it must give up without leaving diagnostics. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast_compare.h"
#include "frontend/ast.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(n > 0 ? (size_t)n : 1);
    *len = buf ? fread(buf, 1, (size_t)n, f) : 0;
    fclose(f);
    return buf;
}

static bool same_loc(ast_loc a, ast_loc b) { return a.line == b.line && a.col == b.col; }

/* ast_equal leaves locations out; messages of later stages point at them. */
static const char *loc_difference(const ast_program *a, const ast_program *b)
{
    for (size_t i = 0; i < a->num_insns; i++) {
        const ast_insn *x = &a->insns[i], *y = &b->insns[i];
        if (!same_loc(x->loc, y->loc))
            return "instruction location";
        for (unsigned d = 0; d < x->num_dst; d++)
            if (!same_loc(x->dst[d].loc, y->dst[d].loc))
                return "destination location";
        for (unsigned s = 0; s < x->num_src; s++)
            if (!same_loc(x->src[s].loc, y->src[s].loc))
                return "source location";
    }
    for (size_t i = 0; i < a->num_decls; i++)
        if (!same_loc(a->decls[i].loc, b->decls[i].loc))
            return "declaration location";
    for (size_t i = 0; i < a->num_imms; i++)
        if (!same_loc(a->imms[i].loc, b->imms[i].loc))
            return "immediate location";
    for (size_t i = 0; i < a->num_props; i++)
        if (!same_loc(a->props[i].loc, b->props[i].loc))
            return "property location";
    return NULL;
}

static int check(const char *path, unsigned *accepted, unsigned *rejected)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    arena *a = arena_create();
    diag_list dg, df;
    diag_init(&dg, a, path);
    diag_init(&df, a, path);
    ast_program *g = tgsi_parse_grammar(a, text, len, &dg);
    ast_program *f = tgsi_parse_fast(a, text, len, &df);
    int bad = 0;
    char why[256] = "";
    const char *loc;
    if (df.head) {
        fprintf(stderr, "%s: the fast reader left diagnostics\n", path);
        bad = 1;
    } else if (!g && f) {
        fprintf(stderr, "%s: the fast reader accepts what the grammar rejects:\n%s", path,
                diag_format_all(&dg));
        bad = 1;
    } else if (g && !f) {
        fprintf(stderr, "%s: the fast reader gives up on a text the grammar accepts\n", path);
        bad = 1;
    } else if (g && !ast_equal(g, f, why, sizeof(why))) {
        fprintf(stderr, "%s: ASTs differ: %s\n", path, why);
        bad = 1;
    } else if (g && (loc = loc_difference(g, f))) {
        fprintf(stderr, "%s: ASTs differ: %s\n", path, loc);
        bad = 1;
    }
    ++*(g ? accepted : rejected);
    arena_destroy(a);
    free(text);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR...\n", argv[0]);
        return 2;
    }
    unsigned accepted = 0, rejected = 0;
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        DIR *dir = opendir(argv[i]);
        if (!dir) {
            fprintf(stderr, "cannot open %s\n", argv[i]);
            return 2;
        }
        for (struct dirent *de; (de = readdir(dir));) {
            size_t l = strlen(de->d_name);
            if (l < 6 || strcmp(de->d_name + l - 5, ".tgsi"))
                continue;
            char path[4096];
            snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
            failures += check(path, &accepted, &rejected);
        }
        closedir(dir);
    }
    printf("%u texts the grammar accepts, %u it rejects; %d disagreements\n", accepted, rejected,
           failures);
    return failures != 0 || accepted == 0;
}
