/* Unit tests of the TGSI parser: each construct of the text format, asserting parsed fields. */
#include <stdio.h>
#include <string.h>

#include "ast_compare.h"
#include "frontend/ast.h"

static int failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,      \
                    __func__, #cond);                                                 \
            failures++;                                                               \
        }                                                                             \
    } while (0)

typedef struct parsed {
    arena *a;
    ast_program *p;
} parsed;

/* Parses text, which must succeed, and checks that printing and re-parsing keeps the AST. */
static parsed parse_ok(const char *text)
{
    parsed r = { arena_create(), NULL };
    diag_list d;
    diag_init(&d, r.a, "test");
    r.p = tgsi_parse(r.a, text, strlen(text), &d);
    if (!r.p) {
        fprintf(stderr, "unexpected parse failure:\n%s%s", text, diag_format_all(&d));
        failures++;
        return r;
    }
    strbuf s;
    strbuf_init(&s, r.a);
    ast_print(r.p, &s);
    diag_list d2;
    diag_init(&d2, r.a, "printed");
    ast_program *q = tgsi_parse(r.a, s.data, s.len, &d2);
    char why[256];
    if (!q || !ast_equal(r.p, q, why, sizeof(why))) {
        fprintf(stderr, "round trip failed for:\n%s--- printed:\n%s%s%s\n", text, s.data,
                q ? why : "", q ? "" : diag_format_all(&d2));
        failures++;
    }
    return r;
}

static void done(parsed *r) { arena_destroy(r->a); }

static void test_header_and_properties(void)
{
    parsed r = parse_ok("GEOM\n"
                        "PROPERTY GS_INPUT_PRIMITIVE TRIANGLES\n"
                        "PROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\n"
                        "PROPERTY GS_MAX_OUTPUT_VERTICES 3\n"
                        "PROPERTY FS_COORD_ORIGIN LOWER_LEFT\n"
                        "PROPERTY FS_COORD_PIXEL_CENTER INTEGER\n"
                        "PROPERTY TES_SPACING FRACTIONAL_ODD\n"
                        "PROPERTY TES_SPACING 2\n"
                        "PROPERTY TES_PRIM_MODE 7\n"
                        "PROPERTY FS_DEPTH_LAYOUT LESS\n"
                        "PROPERTY NEXT_SHADER FRAG\n"
                        "END\n");
    ast_program *p = r.p;
    if (!p)
        return;
    CHECK(p->processor == TGSI_PROCESSOR_GEOMETRY);
    CHECK(p->num_props == 10);
    CHECK(p->props[0].prop == TGSI_PROPERTY_GS_INPUT_PRIMITIVE &&
          p->props[0].value == TGSI_PRIM_TRIANGLES);
    CHECK(p->props[1].value == TGSI_PRIM_TRIANGLE_STRIP);
    CHECK(p->props[2].prop == TGSI_PROPERTY_GS_MAX_OUTPUT_VERTICES && p->props[2].value == 3);
    CHECK(p->props[3].value == TGSI_FS_COORD_ORIGIN_LOWER_LEFT);
    CHECK(p->props[4].value == TGSI_FS_COORD_PIXEL_CENTER_INTEGER);
    CHECK(p->props[5].value == TGSI_SPACING_FRACTIONAL_ODD);
    CHECK(p->props[6].value == TGSI_SPACING_EQUAL); /* pipe_tess_spacing numbering */
    CHECK(p->props[7].value == TGSI_PRIM_QUADS);
    CHECK(p->props[8].value == TGSI_FS_DEPTH_LAYOUT_LESS);
    CHECK(p->props[9].prop == TGSI_PROPERTY_NEXT_SHADER &&
          p->props[9].value == TGSI_PROCESSOR_FRAGMENT);
    CHECK(p->num_insns == 1 && p->insns[0].opcode == TGSI_OPCODE_END);
    done(&r);
}

static void test_declarations(void)
{
    parsed r = parse_ok("FRAG\n"
                        "DCL IN[0..3].xy, GENERIC[5], PERSPECTIVE, CENTROID\n"
                        "DCL IN[4], COLOR, COLOR\n"
                        "DCL IN[5].x, FACE, CONSTANT\n"
                        "DCL IN[6], GENERIC[1], LINEAR, SAMPLE\n"
                        "DCL OUT[0], COLOR, INVARIANT\n"
                        "DCL TEMP[0..7], ARRAY(2), LOCAL\n"
                        "DCL CONST[1][0..3]\n"
                        "DCL ADDR[0..1]\n"
                        "DCL SAMP[2]\n"
                        "DCL SVIEW[0], 2D_ARRAY, FLOAT\n"
                        "DCL SVIEW[1], CUBEARRAY, SINT, SINT, UINT, FLOAT\n"
                        "DCL IMAGE[0], 2D, PIPE_FORMAT_R32G32B32A32_FLOAT, WR, RAW\n"
                        "DCL IMAGE[1], BUFFER\n"
                        "DCL BUFFER[0], ATOMIC\n"
                        "DCL MEMORY[0], SHARED\n"
                        "DCL HWATOMIC[0][1..3]\n"
                        "DCL SV[0], INSTANCEID\n"
                        "DCL SV[1], PRIM_ID\n"
                        "  0: END\n");
    ast_program *p = r.p;
    if (!p)
        return;
    CHECK(p->num_decls == 18);
    ast_decl *d = p->decls;
    CHECK(d[0].file == TGSI_FILE_INPUT && d[0].first == 0 && d[0].last == 3);
    CHECK(d[0].usage_mask == 0x3 && d[0].has_semantic && d[0].semantic == TGSI_SEMANTIC_GENERIC);
    CHECK(d[0].semantic_index == 5 && d[0].has_interp);
    CHECK(d[0].interp == TGSI_INTERPOLATE_PERSPECTIVE);
    CHECK(d[0].interp_location == TGSI_INTERPOLATE_LOC_CENTROID);
    /* the first COLOR is the semantic, the second the interpolation */
    CHECK(d[1].semantic == TGSI_SEMANTIC_COLOR && d[1].interp == TGSI_INTERPOLATE_COLOR);
    CHECK(d[2].usage_mask == 1 && d[2].semantic == TGSI_SEMANTIC_FACE &&
          d[2].interp == TGSI_INTERPOLATE_CONSTANT);
    CHECK(d[3].interp == TGSI_INTERPOLATE_LINEAR &&
          d[3].interp_location == TGSI_INTERPOLATE_LOC_SAMPLE);
    CHECK(d[4].file == TGSI_FILE_OUTPUT && d[4].invariant && !d[4].has_interp);
    CHECK(d[5].file == TGSI_FILE_TEMPORARY && d[5].last == 7 && d[5].array_id == 2 &&
          d[5].local);
    CHECK(d[6].file == TGSI_FILE_CONSTANT && d[6].has_dim && d[6].dim_first == 1 &&
          d[6].dim_last == 1 && d[6].first == 0 && d[6].last == 3);
    CHECK(d[7].file == TGSI_FILE_ADDRESS && d[7].last == 1);
    CHECK(d[8].file == TGSI_FILE_SAMPLER && d[8].first == 2);
    CHECK(d[9].file == TGSI_FILE_SAMPLER_VIEW && d[9].texture == TGSI_TEXTURE_2D_ARRAY);
    for (int i = 0; i < 4; i++)
        CHECK(d[9].return_type[i] == TGSI_RETURN_FLOAT);
    CHECK(d[10].texture == TGSI_TEXTURE_CUBE_ARRAY && d[10].return_type[0] == TGSI_RETURN_SINT &&
          d[10].return_type[2] == TGSI_RETURN_UINT && d[10].return_type[3] == TGSI_RETURN_FLOAT);
    CHECK(d[11].file == TGSI_FILE_IMAGE && d[11].texture == TGSI_TEXTURE_2D && d[11].writable &&
          d[11].raw && d[11].image_format &&
          !strcmp(d[11].image_format, "PIPE_FORMAT_R32G32B32A32_FLOAT"));
    CHECK(d[12].texture == TGSI_TEXTURE_BUFFER && !d[12].image_format && !d[12].writable);
    CHECK(d[13].file == TGSI_FILE_BUFFER && d[13].atomic);
    CHECK(d[14].file == TGSI_FILE_MEMORY && d[14].memory_type == 1);
    CHECK(d[15].file == TGSI_FILE_HW_ATOMIC && d[15].has_dim && d[15].dim_first == 0 &&
          d[15].first == 1 && d[15].last == 3);
    CHECK(d[16].file == TGSI_FILE_SYSTEM_VALUE && d[16].semantic == TGSI_SEMANTIC_INSTANCEID);
    CHECK(d[17].semantic == TGSI_SEMANTIC_PRIMID);
    done(&r);

    r = parse_ok("GEOM\n"
                 "DCL IN[][0], POSITION\n"
                 "DCL IN[3][1], GENERIC[1]\n"
                 "DCL OUT[0], GENERIC[0], STREAM(1, 0, 2, 3)\n"
                 "END\n");
    if (r.p) {
        d = r.p->decls;
        CHECK(d[0].has_dim && d[0].dim_first == UINT32_MAX && d[0].first == 0);
        CHECK(d[0].semantic == TGSI_SEMANTIC_POSITION);
        CHECK(d[1].has_dim && d[1].dim_first == 3 && d[1].first == 1);
        CHECK(d[2].stream[0] == 1 && d[2].stream[1] == 0 && d[2].stream[2] == 2 &&
              d[2].stream[3] == 3);
    }
    done(&r);
}

static uint64_t word_pair(const ast_imm *imm, int i)
{
    return imm->words[i] | (uint64_t)imm->words[i + 1] << 32;
}

static void test_immediates(void)
{
    parsed r = parse_ok("VERT\n"
                        "IMM[0] FLT32 {0x3f800000, 1.5000, -0.5000, 0x00000000}\n"
                        "IMM[1] UINT32 {4294967295, 0, 7, 1065353216}\n"
                        "IMM[2] INT32 {-1, 2147483647, -2147483648, 0}\n"
                        "IMM[3] FLT64 {1.00000000, -2.50000000}\n"
                        "IMM[4] UINT64 {18446744073709551615, 0x10}\n"
                        "IMM[5] INT64 {-9223372036854775808, 5}\n"
                        "END\n");
    ast_program *p = r.p;
    if (!p)
        return;
    CHECK(p->num_imms == 6);
    ast_imm *m = p->imms;
    CHECK(m[0].type == TGSI_IMM_FLT32 && m[0].num_values == 4);
    CHECK(m[0].words[0] == 0x3f800000 && m[0].words[1] == 0x3fc00000 &&
          m[0].words[2] == 0xbf000000 && m[0].words[3] == 0);
    CHECK(m[1].words[0] == 0xffffffffu && m[1].words[3] == 1065353216);
    CHECK(m[2].words[0] == 0xffffffffu && m[2].words[1] == 0x7fffffff &&
          m[2].words[2] == 0x80000000u);
    CHECK(m[3].type == TGSI_IMM_FLT64 && m[3].num_values == 4);
    CHECK(word_pair(&m[3], 0) == 0x3ff0000000000000ull &&
          word_pair(&m[3], 2) == 0xc004000000000000ull);
    CHECK(word_pair(&m[4], 0) == UINT64_MAX && word_pair(&m[4], 2) == 16);
    CHECK(word_pair(&m[5], 0) == 0x8000000000000000ull && word_pair(&m[5], 2) == 5);
    CHECK(m[5].index == 5);
    done(&r);
}

static void test_instructions(void)
{
    parsed r = parse_ok("FRAG\n"
                        "DCL TEMP[0..3]\n"
                        "  0: MOV_SAT TEMP[0].xz, IN[0].yyyy\n"
                        "  1: MAD_PRECISE TEMP[1], -|TEMP[0].x|, CONST[1][2].wzyx, -IN[1]\n"
                        "  2: MOV TEMP[2], TEMP[ADDR[0].x+3]\n"
                        "  3: MOV TEMP[2], TEMP[ADDR[1].y-2](1)\n"
                        "  4: MOV TEMP[3], CONST[1][ADDR[0].z]\n"
                        "  5: MOV TEMP[3], CONST[ADDR[2].w][7]\n"
                        "  6: TEX TEMP[0], IN[0].xyyy, SAMP[0], 2D, IMM[0].xyx, TEMP[1].zzz\n"
                        "  7: SAMPLE TEMP[0], IN[0], SVIEW[0], SAMP[0], IMM[1].xyz\n"
                        "  8: LOAD TEMP[1], IMAGE[0], TEMP[0], COHERENT, VOLATILE, 2D, "
                        "PIPE_FORMAT_R8_UNORM\n"
                        "  9: UIF TEMP[0].xxxx :12\n"
                        " 10:   BGNLOOP :11\n"
                        " 11:   ENDLOOP :10\n"
                        " 12: ELSE :13\n"
                        " 13: ENDIF\n"
                        " 14: ATOMUADD TEMP[0].x, HWATOMIC[0][ADDR[2].x+2], TEMP[1].xxxx, "
                        "IMM[1].yyyy\n"
                        " 15: STORE BUFFER[0].xy, TEMP[2].xxxx, TEMP[0].xyxx\n"
                        " 16: END\n");
    ast_program *p = r.p;
    if (!p)
        return;
    CHECK(p->num_insns == 17);
    ast_insn *in = p->insns;
    CHECK(in[0].opcode == TGSI_OPCODE_MOV && in[0].saturate && !in[0].precise);
    CHECK(in[0].num_dst == 1 && in[0].num_src == 1 && in[0].dst[0].writemask == 0x5);
    CHECK(in[0].src[0].swizzle[0] == 1 && in[0].src[0].swizzle[3] == 1);
    CHECK(in[0].loc.line == 3 && in[0].loc.col == 3);
    CHECK(in[0].src[0].loc.line == 3 && in[0].src[0].loc.col == 26);
    CHECK(in[1].opcode == TGSI_OPCODE_MAD && in[1].precise && !in[1].saturate);
    CHECK(in[1].src[0].negate && in[1].src[0].absolute);
    CHECK(in[1].src[0].swizzle[1] == TGSI_SWIZZLE_X); /* .x means .xxxx */
    CHECK(in[1].src[1].reg.file == TGSI_FILE_CONSTANT && in[1].src[1].reg.has_dim &&
          in[1].src[1].reg.dim == 1 && in[1].src[1].reg.index == 2);
    CHECK(in[1].src[1].swizzle[0] == 3 && in[1].src[1].swizzle[3] == 0);
    CHECK(in[1].src[2].negate && !in[1].src[2].absolute);
    ast_reg *g = &in[2].src[0].reg;
    CHECK(g->indirect && g->ind.file == TGSI_FILE_ADDRESS && g->ind.index == 0 &&
          g->ind.swizzle == TGSI_SWIZZLE_X && g->index == 3);
    g = &in[3].src[0].reg;
    CHECK(g->indirect && g->ind.index == 1 && g->ind.swizzle == TGSI_SWIZZLE_Y &&
          g->index == -2 && g->array_id == 1 && g->ind.array_id == 1);
    g = &in[4].src[0].reg;
    CHECK(g->has_dim && g->dim == 1 && !g->dim_indirect && g->indirect &&
          g->ind.swizzle == TGSI_SWIZZLE_Z);
    g = &in[5].src[0].reg;
    CHECK(g->has_dim && g->dim_indirect && g->dim_ind.index == 2 &&
          g->dim_ind.swizzle == TGSI_SWIZZLE_W && !g->indirect && g->index == 7);
    CHECK(in[6].opcode == TGSI_OPCODE_TEX && in[6].has_texture &&
          in[6].texture == TGSI_TEXTURE_2D && in[6].num_src == 2);
    CHECK(in[6].num_tex_offsets == 2 && in[6].tex_offsets[0].reg.file == TGSI_FILE_IMMEDIATE &&
          in[6].tex_offsets[0].swizzle[2] == 0 && in[6].tex_offsets[1].swizzle[0] == 2);
    CHECK(in[7].opcode == TGSI_OPCODE_SAMPLE && !in[7].has_texture && in[7].num_src == 3 &&
          in[7].num_tex_offsets == 1);
    CHECK(in[8].memory_qualifier == (TGSI_MEMORY_COHERENT | TGSI_MEMORY_VOLATILE));
    CHECK(in[8].has_memory_texture && in[8].memory_texture == TGSI_TEXTURE_2D);
    CHECK(in[8].memory_format && !strcmp(in[8].memory_format, "PIPE_FORMAT_R8_UNORM"));
    CHECK(in[9].opcode == TGSI_OPCODE_UIF && in[9].label == 12);
    CHECK(in[10].label == 11 && in[11].label == 10 && in[12].label == 13);
    CHECK(in[13].label == -1 && in[13].opcode == TGSI_OPCODE_ENDIF);
    g = &in[14].src[0].reg;
    CHECK(g->file == TGSI_FILE_HW_ATOMIC && g->has_dim && g->dim == 0 && g->indirect &&
          g->ind.index == 2 && g->index == 2);
    CHECK(in[15].dst[0].reg.file == TGSI_FILE_BUFFER && in[15].dst[0].writemask == 3);
    CHECK(in[16].number == 16);
    done(&r);
}

/* tgsi_text accepts whitespace between elements, lower case and no instruction numbers. */
static void test_free_form(void)
{
    parsed r = parse_ok("vert\r\n"
                        "dcl in [ 0 ]\n"
                        "dcl temp[ 0 .. 1 ]\n"
                        "mov temp [ 0 ] . xyzw , - in[0] .x\n"
                        "add_sat temp[1].y, temp[ addr[0] . x + 1 ], in[0]\n"
                        "ret mov temp[0], in[0] end");
    ast_program *p = r.p;
    if (!p)
        return;
    CHECK(p->processor == TGSI_PROCESSOR_VERTEX);
    CHECK(p->num_decls == 2 && p->decls[1].last == 1);
    CHECK(p->num_insns == 5);
    CHECK(p->insns[0].dst[0].writemask == 0xf && p->insns[0].src[0].negate);
    CHECK(p->insns[0].number == 0 && p->insns[1].number == 1);
    CHECK(p->insns[1].saturate && p->insns[1].src[0].reg.indirect &&
          p->insns[1].src[0].reg.index == 1);
    CHECK(p->insns[2].opcode == TGSI_OPCODE_RET && p->insns[4].opcode == TGSI_OPCODE_END);
    done(&r);
}

/* Every register file, in either case, as the one-token FILE[N].swz form the lexer names
 * in its DFA and as FILE[N][M] (the second-bracket path): the file must be the one spelled. */
static void test_register_files(void)
{
    for (int f = 1; f < TGSI_FILE_COUNT; f++) {
        for (int lower = 0; lower < 2; lower++) {
            char name[32], text[256];
            size_t n = strlen(tgsi_file_names[f]);
            for (size_t i = 0; i <= n; i++)
                name[i] = (char)(lower && tgsi_file_names[f][i] >= 'A' && tgsi_file_names[f][i] <= 'Z'
                                     ? tgsi_file_names[f][i] - 'A' + 'a'
                                     : tgsi_file_names[f][i]);
            snprintf(text, sizeof(text), "FRAG\nMOV TEMP[0], %s[7].yxxx\nMOV TEMP[1], %s[2][3]\nEND\n",
                     name, name);
            arena *a = arena_create();
            diag_list d;
            diag_init(&d, a, "files");
            ast_program *p = tgsi_parse(a, text, strlen(text), &d);
            if (!p)
                fprintf(stderr, "%s%s", text, diag_format_all(&d));
            CHECK(p && p->num_insns == 3);
            if (p && p->num_insns == 3) {
                CHECK(p->insns[0].src[0].reg.file == (enum tgsi_file)f);
                CHECK(p->insns[0].src[0].reg.index == 7 && !p->insns[0].src[0].reg.has_dim);
                CHECK(p->insns[0].src[0].swizzle[0] == 1 && p->insns[0].src[0].swizzle[1] == 0);
                CHECK(p->insns[1].src[0].reg.file == (enum tgsi_file)f);
                CHECK(p->insns[1].src[0].reg.has_dim && p->insns[1].src[0].reg.dim == 2 &&
                      p->insns[1].src[0].reg.index == 3);
            }
            arena_destroy(a);
        }
    }
}

/* The input need not be NUL-terminated: parse a prefix of a longer buffer. */
static void test_not_nul_terminated(void)
{
    const char text[] = "FRAG\nMOV OUT[0], IN[0]\nEND\nGARBAGE";
    arena *a = arena_create();
    diag_list d;
    diag_init(&d, a, "test");
    ast_program *p = tgsi_parse(a, text, strlen(text) - strlen("GARBAGE"), &d);
    CHECK(p && p->num_insns == 2);
    p = tgsi_parse(a, text, strlen(text) - strlen("ND\nGARBAGE"), &d); /* ends in "E" */
    CHECK(!p && d.head && strstr(d.head->message, "'E'"));
    arena_destroy(a);
}

static void test_opcode_table(void)
{
    CHECK(tgsi_opcode_lookup("MOV", 3) == TGSI_OPCODE_MOV);
    CHECK(tgsi_opcode_lookup("mov", 3) == TGSI_OPCODE_MOV);
    CHECK(tgsi_opcode_lookup("MOVX", 4) == -1);
    CHECK(tgsi_opcode_lookup("ATOMDEC_WRAP", 12) == TGSI_OPCODE_ATOMDEC_WRAP);
    CHECK(tgsi_opcode_infos[TGSI_OPCODE_TEX].num_src == 2);
    CHECK(tgsi_opcode_flags[TGSI_OPCODE_TXQ] & TGSI_OPF_TEX_TARGET);
    CHECK(!(tgsi_opcode_flags[TGSI_OPCODE_SAMPLE] & TGSI_OPF_TEX_TARGET));
    CHECK(tgsi_texture_is_shadow(TGSI_TEXTURE_SHADOWCUBE_ARRAY));
    CHECK(tgsi_texture_is_array(TGSI_TEXTURE_SHADOWCUBE_ARRAY));
    CHECK(!tgsi_texture_is_array(TGSI_TEXTURE_3D) && tgsi_texture_coord_dims(TGSI_TEXTURE_3D) == 3);
    CHECK(tgsi_texture_is_msaa(TGSI_TEXTURE_2D_ARRAY_MSAA));
    CHECK(!strcmp(tgsi_semantic_names[TGSI_SEMANTIC_PRIMID], "PRIM_ID"));
    CHECK(!strcmp(tgsi_texture_names[TGSI_TEXTURE_CUBE_ARRAY], "CUBEARRAY"));
}

/* ast_print gives tgsi_dump's layout, including the nesting indentation. */
static void test_print_layout(void)
{
    const char *text = "FRAG\n"
                       "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
                       "DCL OUT[0], COLOR\n"
                       "IMM[0] FLT32 {0x3f800000, 0x00000000, 0x00000000, 0x00000000}\n"
                       "DCL TEMP[0]\n"
                       "  0: UIF IN[0].xxxx :3\n"
                       "  1:   MOV OUT[0], -|IN[0].yxzw|\n"
                       "  2: ELSE :3\n"
                       "  3:   MOV OUT[0].xw, IMM[0].xxxx\n"
                       "  4: ENDIF\n"
                       "  5: END\n";
    parsed r = parse_ok(text);
    if (!r.p)
        return;
    strbuf s;
    strbuf_init(&s, r.a);
    ast_print(r.p, &s);
    CHECK(!strcmp(s.data, text));
    if (strcmp(s.data, text))
        fprintf(stderr, "printed:\n%s", s.data);
    done(&r);
}

int main(void)
{
    test_header_and_properties();
    test_declarations();
    test_immediates();
    test_instructions();
    test_free_form();
    test_not_nul_terminated();
    test_register_files();
    test_opcode_table();
    test_print_layout();
    if (failures)
        fprintf(stderr, "%d check(s) failed\n", failures);
    else
        printf("frontend unit tests passed\n");
    return failures != 0;
}
