/* TGSI text grammar (the format tgsi_dump prints and tgsi_text reads).  Actions only collect;
 * the checks and the AST building live in parse_decl.c, parse_insn.c and parse_header.c. */
%code requires {
#include "parse_ctx.h"
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

program: header stmts ;

header: T_IDENT { set_processor(ctx, &$1); } ;

stmts: %empty | stmts stmt ;

stmt: decl
    | imm
    | property
    | insn
    | T_IDENT { perr(ctx, &$1, "unknown opcode '%.*s'", (int)$1.len, $1.s); YYABORT; }
    | T_INSNUM T_IDENT { perr(ctx, &$2, "unknown opcode '%.*s'", (int)$2.len, $2.s); YYABORT; }
    ;

/* ---- declarations: DCL FILE[range](.mask)?(, attribute)* */

decl: T_DCL T_FILE { decl_begin(ctx, &$1, &$2); } dcl_brackets swz_opt { decl_mask(ctx, &$5); }
      dcl_attrs { decl_finish(ctx); } ;

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

imm: T_FILE '[' T_UINT ']' T_IDENT { if (!imm_begin(ctx, &$1, &$3, &$5)) YYABORT; }
     '{' imm_values '}' { imm_finish(ctx); }
   | T_FILE T_IDENT { if (!imm_begin(ctx, &$1, NULL, &$2)) YYABORT; }
     '{' imm_values '}' { imm_finish(ctx); }
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

insn: insnum_opt T_OPCODE { insn_begin(ctx, &$1, &$2); } operand operands label_opt {
        insn_finish(ctx, &$6);
      }
    | insnum_opt T_OPCODE0 { insn_begin(ctx, &$1, &$2); } label_opt { insn_finish(ctx, &$4); }
    ;

insnum_opt: %empty { $$ = no_tok; } | T_INSNUM { $$ = $1; $$.flags |= TOK_PRESENT; } ;

label_opt: %empty { $$ = no_tok; } | T_BRLABEL { $$ = $1; $$.flags |= TOK_PRESENT; } ;

operands: %empty
        | operands ',' operand
        | operands ',' word { insn_word_operand(ctx, &$3); }
        ;

operand: reg swz_opt { insn_reg_operand(ctx, &$1, false, false, &$2); }
       | '-' reg swz_opt { insn_reg_operand(ctx, &$1, true, false, &$3); }
       | '|' reg swz_opt '|' { insn_reg_operand(ctx, &$1, false, true, &$3); }
       | '-' '|' reg swz_opt '|' { insn_reg_operand(ctx, &$1, true, true, &$4); }
       ;

reg: T_FILE brackets { reg_finish(ctx, &$1); $$ = $1; } ;

brackets: bracket | brackets bracket ;

bracket: '[' T_UINT ']' array_opt { br_direct(ctx, &$2, &$4); }
       | '[' T_FILE '[' T_UINT ']' swz_opt offset_opt ']' array_opt {
           br_indirect(ctx, &$2, &$4, &$6, &$7, &$9);
       }
       ;

offset_opt: %empty { $$ = no_tok; }
          | '+' T_UINT { $$ = $2; $$.flags |= TOK_PRESENT; }
          | '-' T_UINT { $$ = $2; $$.flags |= TOK_PRESENT | TOK_NEGATIVE; }
          ;

array_opt: %empty { $$ = no_tok; } | '(' T_UINT ')' { $$ = $2; $$.flags |= TOK_PRESENT; } ;

/* ".xyzw" as one token, or "." and a name when written with a space */
swz_opt: %empty { $$ = no_tok; }
       | T_SWZ { $$ = $1; $$.s++; $$.len--; $$.flags |= TOK_PRESENT; }
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
    char list[160] = "";
    for (int i = 0; i < n; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof(list) - l, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
                 yysymbol_name(expected[i]));
    }
    perr(ctx, &at, "expected %s, got %s", list, what);
    return 0;
}
