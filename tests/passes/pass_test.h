/* Shared helpers for pass tests: build IR with the builder, run a pass, compare the printed
 * result with the expected text, and require the validator to accept it. */
#ifndef PASS_TEST_H
#define PASS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/ir.h"
#include "passes/passes.h"

static int failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

typedef struct ctx {
    arena *a;
    diag_list d;
    ir_shader *s;
    ir_builder b;
} ctx;

static inline void ctx_init(ctx *c)
{
    c->a = arena_create();
    diag_init(&c->d, c->a, "test");
    c->s = ir_shader_create(c->a, T2G_STAGE_FRAGMENT, &c->d);
    ir_builder_init(&c->b, c->s);
}

static inline const char *print_ir(ctx *c)
{
    strbuf sb;
    strbuf_init(&sb, c->a);
    ir_print(c->s, &sb);
    return sb.data ? sb.data : "";
}

/* Body text only (after the header and variables), to keep expectations short. */
static inline const char *body_text(ctx *c)
{
    const char *t = print_ir(c);
    const char *b = strstr(t, "b0:\n");
    return b ? b : t;
}

static inline void expect_body(ctx *c, const char *want, int line)
{
    if (!ir_validate(c->s, "test")) {
        fprintf(stderr, "%s:%d: validator rejected the result:\n%s%s", __FILE__, line,
                diag_format_all(&c->d), print_ir(c));
        failures++;
        return;
    }
    const char *got = body_text(c);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "%s:%d: IR differs\n--- want\n%s--- got\n%s", __FILE__, line, want, got);
        failures++;
    }
}

/* Keeps values alive: stores them to an output. */
static inline void use_value(ctx *c, ir_instr *v)
{
    ir_var *o = ir_var_create(c->s, IR_VAR_OUTPUT, v->type, 0);
    ir_build_store_var(&c->b, o, 0, ir_src_none(), 0, ir_src_none(), ir_src_for(v),
                       (uint8_t)((1u << v->type.comps) - 1));
}

static inline ir_instr *const_u32(ctx *c, uint32_t v) { return ir_build_const_u32(&c->b, v); }
static inline ir_instr *const_i32(ctx *c, int32_t v) { return ir_build_const_i32(&c->b, v); }
static inline ir_instr *const_f32(ctx *c, float v) { return ir_build_const_f32(&c->b, v); }

static inline ir_instr *input_vec4(ctx *c)
{
    ir_var *v = ir_var_create(c->s, IR_VAR_INPUT, ir_type_make(IR_F32, 4), 0);
    return ir_build_load_var(&c->b, v, 0, ir_src_none(), 0, ir_src_none());
}

static inline int finish(const char *name)
{
    if (failures)
        fprintf(stderr, "%s: %d failure(s)\n", name, failures);
    else
        printf("%s: passed\n", name);
    return failures != 0;
}

#endif
