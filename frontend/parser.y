/* TGSI text grammar (the format tgsi_dump prints and tgsi_text reads).  Actions only collect;
 * the checks and the AST building live in parse_decl.c, parse_insn.c and parse_header.c. */
%code requires {
#include "frontend/parse_ctx.h"
}

%code {
#include <stdio.h>
#include <string.h>

static int tgsi_yylex(TGSI_YYSTYPE *lval, parse_ctx *ctx) { return tgsi_lex(lval, ctx); }
static const tgsi_tok no_tok;
/* Bison reports only stack exhaustion here; syntax errors go to yyreport_syntax_error. */
static void tgsi_yyerror(parse_ctx *ctx, const char *msg)
{
    tgsi_tok at = { .line = ctx->tok_line, .col = ctx->tok_col };
    perr(ctx, &at, "%s", msg);
}
}

%define api.pure full
%define api.prefix {tgsi_yy}
%define api.value.type {tgsi_tok}
%define parse.error custom
%param {parse_ctx *ctx}

%token T_EOF 0 "end of input"
%token T_IDENT "name"
%token T_OPCODE "opcode"
%token T_OPCODE0 "operandless opcode"
%token T_FILE "register"
%token T_REG "register "
%token T_REG_MORE "register  "
%token T_UINT "integer"
%token T_FLOAT "number"
%token T_HEX "hex number"
%token T_SWZ "swizzle"
%token T_INSNUM "instruction number"
%token T_BRLABEL "label"
%token T_DCL "DCL"
%token T_PROPERTY "PROPERTY"
%token T_DOTDOT "'..'"
%token T_BAD "bad character"

%%

/* The rules are flattened where it pays: plain FILE[N] operands and numbered instructions go
 * through one reduction each, since a shader is mostly those. */

program: header
       | program decl
       | program imm
       | program property
       | program insn
       | program T_IDENT { perr(ctx, &$2, "unknown opcode '%.*s'", (int)$2.len, $2.s); YYABORT; }
       | program T_INSNUM T_IDENT {
           perr(ctx, &$3, "unknown opcode '%.*s'", (int)$3.len, $3.s);
           YYABORT;
       }
       ;

header: T_IDENT { set_processor(ctx, &$1); } ;

/* ---- declarations: DCL FILE[range](.mask)?(, attribute)* */

decl: decl_head dcl_attrs { decl_finish(ctx); } ;

decl_head: T_DCL T_REG {
             decl_begin(ctx, &$1, $2.file);
             decl_range_reg(ctx, &$2);
             tgsi_tok mask = swizzle_tok(&$2);
             decl_mask(ctx, &mask);
         }
         | dcl_2d { decl_mask(ctx, &no_tok); }
         | dcl_2d swz { decl_mask(ctx, &$2); }
         ;

dcl_2d: T_DCL T_REG_MORE { decl_begin(ctx, &$1, $2.file); decl_range_reg(ctx, &$2); } dcl_bracket
      | T_DCL T_FILE { decl_begin(ctx, &$1, $2.v); } dcl_brackets
      ;

dcl_brackets: dcl_bracket | dcl_bracket dcl_bracket ;

dcl_bracket: '[' ']' { decl_range(ctx, &$1, NULL, NULL); }
           | '[' T_UINT ']' { decl_range(ctx, &$1, &$2, NULL); }
           | '[' T_UINT T_DOTDOT T_UINT ']' { decl_range(ctx, &$1, &$2, &$4); }
           ;

dcl_attrs: %empty | dcl_attrs ',' dcl_attr ;

dcl_attr: word { decl_attr(ctx, &$1, NULL, 0, false); }
        | word '[' T_UINT ']' { decl_attr(ctx, &$1, &$3, 1, true); }
        | word '(' T_UINT ')' { decl_attr(ctx, &$1, &$3, 1, false); }
        | word '(' T_UINT ',' T_UINT ',' T_UINT ',' T_UINT ')' {
            tgsi_tok args[4] = { $3, $5, $7, $9 };
            decl_attr(ctx, &$1, args, 4, false);
        }
        ;

word: T_IDENT | T_OPCODE | T_OPCODE0 | T_FILE ;

/* ---- immediates: IMM[n] TYPE {v, ...} */

imm: imm_head '{' imm_values '}' { imm_finish(ctx); } ;

imm_head: stmt_reg T_IDENT {
            if ($1.swz_len) {
                perr(ctx, &$1, "expected an immediate type after IMM[n]");
                YYABORT;
            }
            tgsi_tok index = reg_index_tok(&$1);
            tgsi_tok file = $1;
            file.v = $1.file;
            if (!imm_begin(ctx, &file, &index, &$2))
                YYABORT;
        }
        | T_FILE '[' T_UINT ']' T_IDENT { if (!imm_begin(ctx, &$1, &$3, &$5)) YYABORT; }
        | T_FILE T_IDENT { if (!imm_begin(ctx, &$1, NULL, &$2)) YYABORT; }
        ;

/* A statement that starts with FILE[N] must be IMM[n]; say so before reading further. */
stmt_reg: T_REG {
            if ($1.file != TGSI_FILE_IMMEDIATE) {
                tgsi_tok file = $1;
                file.v = $1.file;
                imm_begin(ctx, &file, NULL, NULL);
                YYABORT;
            }
        }
        ;

imm_values: imm_value | imm_values ',' imm_value ;

imm_value: number { imm_value(ctx, NULL, &$1); }
         | '-' number { imm_value(ctx, &$1, &$2); }
         | '+' number { imm_value(ctx, &$1, &$2); }
         ;

number: T_UINT | T_FLOAT | T_HEX | T_IDENT ;

/* ---- PROPERTY NAME value */

property: T_PROPERTY T_IDENT T_UINT { add_property(ctx, &$2, &$3); }
        | T_PROPERTY T_IDENT T_IDENT { add_property(ctx, &$2, &$3); }
        ;

/* ---- instructions: (N:)? OPCODE operand (, operand)* (:label)? */

insn: insn_head operands { insn_finish(ctx, &no_tok); }
    | insn_head operands T_BRLABEL { $3.flags |= TOK_PRESENT; insn_finish(ctx, &$3); }
    | insn0_head { insn_finish(ctx, &no_tok); }
    | insn0_head T_BRLABEL { $2.flags |= TOK_PRESENT; insn_finish(ctx, &$2); }
    ;

insn_head: T_INSNUM T_OPCODE { insn_begin(ctx, &$1, &$2); }
         | T_OPCODE { insn_begin(ctx, &no_tok, &$1); }
         ;

insn0_head: T_INSNUM T_OPCODE0 { insn_begin(ctx, &$1, &$2); }
          | T_OPCODE0 { insn_begin(ctx, &no_tok, &$1); }
          ;

/* A plain register operand is taken without a reduction of its own: it is most of them. */
operands: T_REG { insn_plain_operand(ctx, &$1, false, false, &$1); }
        | operand
        | operands ',' T_REG { insn_plain_operand(ctx, &$3, false, false, &$3); }
        | operands ',' operand
        | operands ',' word { insn_word_operand(ctx, &$3); }
        ;

operand: opnd { insn_reg_operand(ctx, &ctx->reg_at, false, false, &$1); }
       | '-' T_REG { insn_plain_operand(ctx, &$1, true, false, &$2); }
       | '-' opnd { insn_reg_operand(ctx, &$1, true, false, &$2); }
       | '|' T_REG '|' { insn_plain_operand(ctx, &$1, false, true, &$2); }
       | '|' opnd '|' { insn_reg_operand(ctx, &$1, false, true, &$2); }
       | '-' '|' T_REG '|' { insn_plain_operand(ctx, &$1, true, true, &$3); }
       | '-' '|' opnd '|' { insn_reg_operand(ctx, &$1, true, true, &$3); }
       ;

/* A register that is not a plain FILE[N](.xyzw) token; its value is the swizzle. */
opnd: T_REG swz {
        reg_simple(ctx, &$1);
        if ($1.swz_len)
            perr(ctx, &$2, "register has two swizzles");
        $$ = $2;
    }
    | reg { $$ = no_tok; }
    | reg swz { $$ = $2; }
    ;

/* Registers with more than FILE[N]: 2D, indirect, array ids, or written with spaces. */
reg: T_FILE brackets { reg_finish(ctx, &$1, $1.v); $$ = $1; }
   | reg_more { reg_finish(ctx, &$1, $1.file); $$ = $1; }
   | reg_more brackets { reg_finish(ctx, &$1, $1.file); $$ = $1; }
   ;

reg_more: T_REG_MORE { tgsi_tok i = reg_index_tok(&$1); br_direct(ctx, &i, &no_tok); }
        | T_REG_MORE array_id {
            tgsi_tok i = reg_index_tok(&$1);
            br_direct(ctx, &i, &$2);
        }
        ;

brackets: bracket | brackets bracket ;

bracket: '[' T_UINT ']' { br_direct(ctx, &$2, &no_tok); }
       | '[' T_UINT ']' array_id { br_direct(ctx, &$2, &$4); }
       | '[' ind_reg swz_opt offset_opt ']' { br_indirect(ctx, &$2, &$3, &$4, &no_tok); }
       | '[' ind_reg swz_opt offset_opt ']' array_id { br_indirect(ctx, &$2, &$3, &$4, &$6); }
       ;

/* The indirect register as a T_REG token whatever its spelling. */
ind_reg: T_REG
       | T_FILE '[' T_UINT ']' { $$ = $3; $$.file = (uint16_t)$1.v; }
       ;

offset_opt: %empty { $$ = no_tok; }
          | '+' T_UINT { $$ = $2; $$.flags |= TOK_PRESENT; }
          | '-' T_UINT { $$ = $2; $$.flags |= TOK_PRESENT | TOK_NEGATIVE; }
          ;

array_id: '(' T_UINT ')' { $$ = $2; $$.flags |= TOK_PRESENT; } ;

/* ".xyzw" as one token, or "." and a name when written with a space */
swz_opt: %empty { $$ = no_tok; } | swz ;

swz: T_SWZ { $$ = $1; $$.s++; $$.len--; $$.col++; $$.flags |= TOK_PRESENT; }
   | '.' T_IDENT { $$ = $2; $$.flags |= TOK_PRESENT; }
   ;

%%

static int yyreport_syntax_error(const yypcontext_t *yyctx, parse_ctx *ctx)
{
    yysymbol_kind_t got = yypcontext_token(yyctx);
    if (got == YYSYMBOL_T_BAD || ctx->lex_error)
        return 0; /* the lexer said what was wrong */
    yysymbol_kind_t expected[4];
    int n = yypcontext_expected_tokens(yyctx, expected, 4);
    char what[96];
    if (got == YYSYMBOL_YYEOF) {
        snprintf(what, sizeof(what), "end of input");
    } else {
        int len = (int)(ctx->cur - ctx->tok);
        snprintf(what, sizeof(what), "'%.*s%s'", len > 40 ? 40 : len, ctx->tok,
                 len > 40 ? "..." : "");
    }
    tgsi_tok at = { .line = ctx->tok_line, .col = ctx->tok_col };
    if (n <= 0 || n > 3) {
        perr(ctx, &at, "unexpected %s", what);
        return 0;
    }
    /* Some tokens share a name (the register token kinds differ by trailing blanks only). */
    const char *names[4];
    int num = 0;
    for (int i = 0; i < n; i++) {
        const char *name = yysymbol_name(expected[i]);
        size_t l = strcspn(name, " ");
        if (name[l] == ' ' && !name[l + 1 + strspn(name + l + 1, " ")])
            name = "register";
        bool dup = false;
        for (int j = 0; j < num; j++)
            dup |= !strcmp(names[j], name);
        if (!dup)
            names[num++] = name;
    }
    char list[160] = "";
    for (int i = 0; i < num; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof(list) - l, "%s%s", i == 0 ? "" : i == num - 1 ? " or " : ", ",
                 names[i]);
    }
    perr(ctx, &at, "expected %s, got %s", list, what);
    return 0;
}
