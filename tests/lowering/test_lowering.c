/* Key-driven lowerings through the public API: each key setting must change the generated
 * code in the way the emulation needs, and the result must still validate with glslang. */
#include <stdio.h>
#include <string.h>

#include "tgsi2glsl.h"
#include "glslang_check.h"

static int failures, passes;

static const char *FS =
    "FRAG\n"
    "PROPERTY FS_COORD_ORIGIN LOWER_LEFT\n"
    "DCL IN[0], COLOR, COLOR\n"
    "DCL IN[1], TEXCOORD[0], PERSPECTIVE\n"
    "DCL IN[2], POSITION, LINEAR\n"
    "DCL OUT[0], COLOR\n"
    "DCL TEMP[0], LOCAL\n"
    "IMM[0] FLT32 {    0.5000,     0.0000,     0.0000,     0.0000}\n"
    "  0: ADD TEMP[0], IN[0], IN[1]\n"
    "  1: MAD OUT[0], IN[2].yyyy, IMM[0].xxxx, TEMP[0]\n"
    "  2: END\n";

/* Integer pixel centres (Mesa's staging shader in piglit texelFetch *-sampler2DMS). */
static const char *FS_INTEGER_CENTRE =
    "FRAG\n"
    "PROPERTY FS_COORD_ORIGIN LOWER_LEFT\n"
    "PROPERTY FS_COORD_PIXEL_CENTER INTEGER\n"
    "DCL IN[0], POSITION, LINEAR\n"
    "DCL OUT[0], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: END\n";

/* A noperspective varying (glsl-1.30 interpolation-noperspective-*). */
static const char *FS_LINEAR =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], LINEAR\n"
    "DCL OUT[0], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: END\n";

/* A colour the shader declares smooth (glsl-1.30 interpolation-smooth-gl_FrontColor-flat-*). */
/* noperspective centroid, and interpolateAt*() of noperspective inputs
 * (arb_gpu_shader5-interpolateatcentroid-noperspective and its siblings). */
static const char *FS_LINEAR_CENTROID_INTERP =
    "FRAG\n"
    "DCL IN[0], GENERIC[9], LINEAR\n"
    "DCL IN[1], GENERIC[10], LINEAR, CENTROID\n"
    "DCL IN[2], GENERIC[11], LINEAR, SAMPLE\n"
    "DCL OUT[0], COLOR\n"
    "DCL TEMP[0..2], LOCAL\n"
    "IMM[0] FLT32 {    0.2500,     0.0000,     0.0000,     0.0000}\n"
    "  0: INTERP_CENTROID TEMP[0].xy, IN[0]\n"
    "  1: INTERP_SAMPLE TEMP[1].xy, IN[0], IMM[0].yyyy\n"
    "  2: INTERP_OFFSET TEMP[2].xy, IN[0], IMM[0].xxxx\n"
    "  3: ADD TEMP[0].xy, TEMP[0].xyyy, -IN[1].xyyy\n"
    "  4: ADD TEMP[1].xy, TEMP[1].xyyy, -IN[2].xyyy\n"
    "  5: ADD TEMP[0].xy, TEMP[0].xyyy, TEMP[2].xyyy\n"
    "  6: MOV OUT[0].xy, TEMP[0].xyxx\n"
    "  7: MOV OUT[0].zw, TEMP[1].xyxy\n"
    "  8: END\n";

static const char *FS_SMOOTH_COLOR =
    "FRAG\n"
    "DCL IN[0], COLOR, PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: END\n";

/* A shader reading the point coordinate itself (piglit glsl-fs-pointcoord). */
static const char *FS_PCOORD =
    "FRAG\n"
    "DCL IN[0], PCOORD, PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: END\n";

static const char *VS_GENERIC =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], GENERIC[0]\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[0]\n"
    "  2: END\n";

/* Mesa's clear quad: colour 0 replicated to every buffer. */
static const char *FS_ALL_CBUFS =
    "FRAG\n"
    "PROPERTY FS_COLOR0_WRITES_ALL_CBUFS 1\n"
    "DCL OUT[0], COLOR\n"
    "DCL CONST[0]\n"
    "  0: MOV OUT[0], CONST[0]\n"
    "  1: END\n";

/* piglit ext_texture_array glsl-fs-shadow2DArray-01 (depth mode luminance) and -07 (alpha),
 * and a comparison through an indirectly indexed sampler array. */
static const char *FS_SHADOW =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D_ARRAY, FLOAT\n"
    "  0: TEX OUT[0], IN[0], SAMP[0], SHADOW2D_ARRAY\n"
    "  1: END\n";

/* piglit glsl-fs-shadow2DProj on an ES 2.0 host: shadow2DProj through sampler 0 and
 * shadow2D through sampler 1, as Mesa's GL 2.1 guest sends them. */
static const char *FS_SHADOW_PROJ =
    "FRAG\n"
    "DCL IN[0], TEXCOORD[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SAMP[1]\n"
    "DCL SVIEW[0], SHADOW2D, FLOAT\n"
    "DCL SVIEW[1], SHADOW2D, FLOAT\n"
    "DCL TEMP[0..1]\n"
    "  0: TXP TEMP[0], IN[0], SAMP[0], SHADOW2D\n"
    "  1: TEX TEMP[1], IN[0], SAMP[1], SHADOW2D\n"
    "  2: MUL OUT[0], TEMP[0], TEMP[1]\n"
    "  3: END\n";

/* piglit texwrap 2d proj bordercolor (GL_CLAMP, linear) and its rectangle and array kin. */
static const char *FS_TXP_2D =
    "FRAG\n"
    "DCL IN[0], TEXCOORD[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D, FLOAT\n"
    "  0: TXP OUT[0], IN[0], SAMP[0], 2D\n"
    "  1: END\n";
static const char *FS_RECT_AND_ARRAY =
    "FRAG\n"
    "DCL IN[0], TEXCOORD[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL OUT[1], COLOR[1]\n"
    "DCL SAMP[0]\n"
    "DCL SAMP[1]\n"
    "DCL SVIEW[0], RECT, FLOAT\n"
    "DCL SVIEW[1], 2D_ARRAY, FLOAT\n"
    "  0: TEX OUT[0], IN[0], SAMP[0], RECT\n"
    "  1: TEX OUT[1], IN[0], SAMP[1], 2D_ARRAY\n"
    "  2: END\n";

static const char *FS_BUFFER_UINT =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], CONSTANT\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], BUFFER, UINT\n"
    "DCL TEMP[0]\n"
    "  0: F2I TEMP[0].x, IN[0].xxxx\n"
    "  1: TXF TEMP[0], TEMP[0].xxxx, SAMP[0], BUFFER\n"
    "  2: U2F OUT[0], TEMP[0]\n"
    "  3: END\n";

static const char *FS_SHADOW_ARRAY =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[1..2]\n"
    "DCL SVIEW[1..2], 2D, FLOAT\n"
    "DCL ADDR[0]\n"
    "  0: UARL ADDR[0].x, IN[0].wwww\n"
    "  1: TEX OUT[0], IN[0], SAMP[ADDR[0].x+1], SHADOW2D\n"
    "  2: END\n";

/* piglit arb_texture_query_levels fs-maxlevel through virgl-exec --gles: GLSL ES has no
 * textureQueryLevels(), so the shader was refused and nothing drew. */
static const char *FS_QUERY_LEVELS =
    "FRAG\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D, FLOAT\n"
    "DCL TEMP[0]\n"
    "IMM[0] INT32 {0, 0, 0, 0}\n"
    "  0: TXQ TEMP[0], IMM[0], SAMP[0], 2D\n"
    "  1: I2F OUT[0], TEMP[0].wwww\n"
    "  2: END\n";

/* piglit arb_shader_texture_image_samples texturesamples@fs-*: GLSL ES has no
 * textureSamples(). */
static const char *FS_QUERY_SAMPLES =
    "FRAG\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D_MSAA, FLOAT\n"
    "DCL TEMP[0]\n"
    "  0: TXQS TEMP[0].x, SAMP[0], 2D_MSAA\n"
    "  1: I2F OUT[0], TEMP[0].xxxx\n"
    "  2: END\n";

/* piglit arb_texture_query_lod fs-textureQueryLOD-*: GLSL ES has no textureQueryLod(). */
static const char *FS_QUERY_LOD =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D, FLOAT\n"
    "  0: LODQ OUT[0].xy, IN[0], SAMP[0], 2D\n"
    "  1: END\n";

/* piglit variable-indexing fs-varying-array-mat3-index-rd through virgl-exec on an ES 2.0
 * host: the guest, whose integers are floats, still computes a mat3 column's index with
 * UMUL/UADD of its float index and integer constants, and ESSL 1.00 cannot reinterpret
 * bits, so the shader was refused.  The relative address's own + 1 stays an integer. */
static const char *FS_INT_ARITH_ON_FLOATS =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL IN[1], GENERIC[1], PERSPECTIVE\n"
    "DCL IN[2], GENERIC[2], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL CONST[0]\n"
    "DCL TEMP[0..2], ARRAY(1), LOCAL\n"
    "DCL TEMP[3..4]\n"
    "DCL ADDR[0]\n"
    "IMM[0] FLT32 {0x00000003, 0x00000001, 0x00000000, 0x3f800000}\n"
    "  0: MOV TEMP[0], IN[0]\n"
    "  1: MOV TEMP[1], IN[1]\n"
    "  2: MOV TEMP[2], IN[2]\n"
    "  3: UMUL TEMP[3].x, CONST[0].xxxx, IMM[0].xxxx\n"
    "  4: UADD TEMP[4].x, IMM[0].yyyy, TEMP[3].xxxx\n"
    "  5: ARL ADDR[0].x, TEMP[4].xxxx\n"
    "  6: ADD OUT[0], TEMP[ADDR[0].x](1), TEMP[ADDR[0].x+1](1)\n"
    "  7: END\n";

/* A plain lookup in each stage: GLES samplers have no LOD bias (piglit
 * fs-texturelod-miplevels-biased, vs-texturelod-miplevels-biased). */
static const char *FS_TEX =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D, FLOAT\n"
    "  0: TEX OUT[0], IN[0], SAMP[0], 2D\n"
    "  1: END\n";
static const char *VS_TEX =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL OUT[0], POSITION\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 2D, FLOAT\n"
    "  0: TEX OUT[0], IN[0], SAMP[0], 2D\n"
    "  1: END\n";

/* A 3D lookup with explicit derivatives (piglit tex-miplevel-selection textureGrad 3D with
 * a sampler LOD bias): GLSL has no biased textureGrad. */
static const char *FS_TXD_3D =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 3D, FLOAT\n"
    "DCL CONST[0][0..1]\n"
    "  0: TXD OUT[0], IN[0], CONST[0][0], CONST[0][1], SAMP[0], 3D\n"
    "  1: END\n";

/* The driver uniforms a shader declares: how many vec4s, 0 without. */
static uint32_t driver_slots(const char *tgsi, const struct t2g_key *key)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, 0, "slots");
    uint32_t n = r && r->ok && r->reflection.uses_driver_ubo ? r->reflection.driver_uniform_slots
                                                               : 0;
    t2g_result_free(r);
    return n;
}

/* piglit vs-tcs-tes-clip-vertex-* and vs-gs-clip-vertex-*: gl_ClipVertex read by a later
 * vertex stage was refused ("input CLIPVERTEX has no GLSL equivalent"). */
static const char *TCS_CLIPVERTEX =
    "TESS_CTRL\n"
    "PROPERTY TCS_VERTICES_OUT 3\n"
    "DCL IN[][0], POSITION\n"
    "DCL IN[][1], CLIPVERTEX\n"
    "DCL SV[0], INVOCATIONID\n"
    "DCL OUT[][0], POSITION\n"
    "DCL OUT[][1], CLIPVERTEX\n"
    "DCL OUT[2], TESSOUTER\n"
    "DCL OUT[3].xy, TESSINNER\n"
    "DCL ADDR[0]\n"
    "IMM[0] UINT32 {1065353216, 0, 0, 0}\n"
    "  0: UARL ADDR[0].x, SV[0].xxxx\n"
    "  1: MOV OUT[ADDR[0].x][0], IN[ADDR[0].x][0]\n"
    "  2: MOV OUT[ADDR[0].x][1], IN[ADDR[0].x][1]\n"
    "  3: MOV OUT[2], IMM[0].xxxx\n"
    "  4: MOV OUT[3].xy, IMM[0].xxxx\n"
    "  5: END\n";

static const char *VS_CLIPVERTEX =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], CLIPVERTEX\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[0].yxzw\n"
    "  2: END\n";

/* piglit gl-1.0-edgeflag, point-vertex-id: the vertex shader's edge flags reach the
 * renderer's geometry shader (executor/edge_flags.c), which was refused ("input EDGEFLAG"). */
static const char *VS_EDGEFLAG =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL IN[1]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], EDGEFLAG\n"
    "  0: MOV OUT[1], IN[1]\n"
    "  1: MOV OUT[0], IN[0]\n"
    "  2: END\n";

static const char *GS_EDGEFLAG =
    "GEOM\n"
    "PROPERTY GS_INPUT_PRIMITIVE TRIANGLES\n"
    "PROPERTY GS_OUTPUT_PRIMITIVE POINTS\n"
    "PROPERTY GS_MAX_OUTPUT_VERTICES 1\n"
    "PROPERTY GS_INVOCATIONS 1\n"
    "DCL IN[][0], POSITION\n"
    "DCL IN[][1], EDGEFLAG\n"
    "DCL OUT[0], POSITION\n"
    "DCL TEMP[0]\n"
    "IMM[0] FLT32 {0.5, 0.0, 0.0, 0.0}\n"
    "IMM[1] UINT32 {0, 0, 0, 0}\n"
    "  0: FSLT TEMP[0].x, IMM[0].xxxx, IN[1][1].xxxx\n"
    "  1: UIF TEMP[0].xxxx\n"
    "  2:   MOV OUT[0], IN[1][0]\n"
    "  3:   EMIT IMM[1].xxxx\n"
    "  4: ENDIF\n"
    "  5: END\n";

/* The reflection's writes_edge_flag, or false where the shader does not compile. */
static bool writes_edge_flag(const char *tgsi, const struct t2g_key *key)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, 0, "edgeflag");
    bool w = r && r->ok && r->reflection.writes_edge_flag;
    t2g_result_free(r);
    return w;
}

/* piglit glsl-fs-shadow1DArray-bias on a GLES host: a 1D shadow array is a 2D shadow
 * array there, and texture() takes no bias on sampler2DArrayShadow. */
static const char *FS_SHADOW1DARRAY_BIAS =
    "FRAG\n"
    "DCL IN[0], GENERIC[0], PERSPECTIVE\n"
    "DCL OUT[0], COLOR\n"
    "DCL SAMP[0]\n"
    "DCL SVIEW[0], 1D_ARRAY, FLOAT\n"
    "  0: TXB OUT[0], IN[0], SAMP[0], SHADOW1D_ARRAY\n"
    "  1: END\n";

static const char *VS =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], COLOR\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[0]\n"
    "  2: END\n";

/* Transform feedback sources: an integer output captured in part, and a geometry shader
 * with two vertex streams. */
static const char *VS_SO =
    "VERT\n"
    "DCL IN[0]\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], GENERIC[0]\n"
    "DCL OUT[2], GENERIC[1]\n"
    "IMM[0] UINT32 {7, 8, 9, 10}\n"
    "  0: MOV OUT[0], IN[0]\n"
    "  1: MOV OUT[1], IN[0].wzyx\n"
    "  2: MOV OUT[2], IMM[0]\n"
    "  3: END\n";

static const char *GS_SO =
    "GEOM\n"
    "PROPERTY GS_INPUT_PRIMITIVE POINTS\n"
    "PROPERTY GS_OUTPUT_PRIMITIVE POINTS\n"
    "PROPERTY GS_MAX_OUTPUT_VERTICES 2\n"
    "PROPERTY GS_INVOCATIONS 1\n"
    "DCL IN[][0], POSITION\n"
    "DCL OUT[0], POSITION\n"
    "DCL OUT[1], GENERIC[0]\n"
    "IMM[0] UINT32 {0, 1, 0, 0}\n"
    "  0: MOV OUT[0], IN[0][0]\n"
    "  1: MOV OUT[1], IN[0][0].yxzw\n"
    "  2: EMIT IMM[0].xxxx\n"
    "  3: MOV OUT[1], IN[0][0].zzzz\n"
    "  4: EMIT IMM[0].yyyy\n"
    "  5: END\n";

static void add_so(struct t2g_key *k, unsigned reg, unsigned start, unsigned n, unsigned buffer,
                   unsigned offset, unsigned stream)
{
    struct t2g_stream_output *so = &k->so_outputs[k->num_so_outputs++];
    so->register_index = (uint8_t)reg;
    so->start_component = (uint8_t)start;
    so->num_components = (uint8_t)n;
    so->output_buffer = (uint8_t)buffer;
    so->dst_offset = (uint16_t)offset;
    so->stream = (uint8_t)stream;
}

/* The reflection's varying list must be exactly `want` (NULL-terminated). */
static void check_so_list(const char *what, const char *tgsi, const struct t2g_key *key,
                          const char *const *want, bool separate)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, T2G_COMPILE_VALIDATE_IR, what);
    bool ok = r && r->ok;
    unsigned n = 0;
    while (want && want[n])
        n++;
    if (!ok) {
        printf("FAIL %s: compile failed:\n%s\n", what, r ? r->diagnostics : "no result");
    } else if (!want && !r->reflection.so_unsupported) {
        printf("FAIL %s: layout accepted, expected so_unsupported\n", what);
        ok = false;
    } else if (want && (r->reflection.num_so_varyings != n ||
                        r->reflection.so_separate != separate)) {
        printf("FAIL %s: %u varyings (separate %d), expected %u (separate %d)\n", what,
               r->reflection.num_so_varyings, r->reflection.so_separate, n, separate);
        ok = false;
    }
    for (unsigned i = 0; ok && i < n; i++)
        if (strcmp(r->reflection.so_varyings[i], want[i])) {
            printf("FAIL %s: varying %u is %s, expected %s\n", what, i,
                   r->reflection.so_varyings[i], want[i]);
            ok = false;
        }
    if (ok)
        printf("ok   %s\n", what);
    ok ? passes++ : failures++;
    t2g_result_free(r);
}

/* Compiles with the key; checks validity and that every `want` string occurs and every
 * `avoid` string does not. */
static void check(const char *what, const char *tgsi, const struct t2g_key *key,
                  const char *const *want, const char *const *avoid)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, T2G_COMPILE_VALIDATE_IR, what);
    bool ok = r && r->ok;
    char log[4096] = "";
    if (ok && !glslang_check(r->source, r->reflection.stage, log, sizeof(log))) {
        printf("FAIL %s: glslang rejects:\n%s\n%s\n", what, log, r->source);
        ok = false;
    } else if (!ok) {
        printf("FAIL %s: compile failed:\n%s\n", what, r ? r->diagnostics : "no result");
    }
    for (int i = 0; ok && want && want[i]; i++)
        if (!strstr(r->source, want[i])) {
            printf("FAIL %s: output lacks '%s':\n%s\n", what, want[i], r->source);
            ok = false;
        }
    for (int i = 0; ok && avoid && avoid[i]; i++)
        if (strstr(r->source, avoid[i])) {
            printf("FAIL %s: output has '%s':\n%s\n", what, avoid[i], r->source);
            ok = false;
        }
    if (ok)
        printf("ok   %s\n", what);
    ok ? passes++ : failures++;
    t2g_result_free(r);
}

/* Compiles with the key and checks that it is refused with a diagnostic saying `says`. */
static void check_refused(const char *what, const char *tgsi, const struct t2g_key *key,
                          const char *says)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, 0, what);
    bool ok = r && !r->ok && strstr(r->diagnostics, says);
    if (ok)
        printf("ok   %s\n", what);
    else
        printf("FAIL %s: %s\n", what, r ? (r->ok ? r->source : r->diagnostics) : "no result");
    ok ? passes++ : failures++;
    t2g_result_free(r);
}

/* Compiles with the key and checks that the reflection marks a sampler with `flag`
 * (T2G_RES_*), or as queries_levels where flag is 0. */
static void check_sampler_marked(const char *what, const char *tgsi, const struct t2g_key *key,
                                 uint32_t flag)
{
    struct t2g_result *r = t2g_compile(tgsi, strlen(tgsi), key, 0, what);
    bool marked = false;
    for (uint32_t i = 0; r && r->ok && i < r->reflection.num_resources; i++) {
        const struct t2g_resource *res = &r->reflection.resources[i];
        marked |= res->kind == T2G_RES_SAMPLER &&
                  (flag ? (res->flags & flag) != 0 : res->queries_levels);
    }
    printf("%s %s\n", marked ? "ok  " : "FAIL", what);
    marked ? passes++ : failures++;
    t2g_result_free(r);
}

int main(void)
{
    struct t2g_key key;
    const char *fs_src = NULL;
    (void)fs_src;

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("plain fragment shader has no emulation", FS, &key, NULL,
          (const char *[]){ "discard", "t2g_driver", "gl_PointCoord", NULL });

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.alpha_test = true;
    key.alpha_func = T2G_GREATER;
    check("alpha test discards and reads the driver block", FS, &key,
          (const char *[]){ "discard", "t2g_driver", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.alpha_test = true;
    key.alpha_func = T2G_ALWAYS;
    check("alpha test ALWAYS is free", FS, &key, NULL, (const char *[]){ "discard", NULL });

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.polygon_stipple = true;
    check("polygon stipple reads gl_FragCoord and discards", FS, &key,
          (const char *[]){ "gl_FragCoord", "discard", "t2g_driver", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.two_sided_color = true;
    check("two-sided colour reads the back colour by facing", FS, &key,
          (const char *[]){ "bc0", "gl_FrontFacing", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.sprite_coord_enable = 1;
    check("sprite coordinates replace TEXCOORD[0]", FS, &key,
          (const char *[]){ "gl_PointCoord", NULL }, (const char *[]){ "in vec4 tc0", NULL });

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.flatshade = true;
    check("flat shading makes colour inputs flat", FS, &key, (const char *[]){ "flat vec4 c0", NULL }, NULL);
    check("flat shading makes colour outputs flat", VS, &key, (const char *[]){ "flat vec4 c0", NULL }, NULL);
    /* piglit interpolation-smooth-gl_FrontColor-flat-none: glShadeModel(GL_FLAT) leaves
     * a colour declared smooth interpolated, on both sides of the link. */
    check("flat shading keeps a colour declared smooth", FS_SMOOTH_COLOR, &key, NULL,
          (const char *[]){ "flat", NULL });
    key.has_next_inputs = true;
    key.num_next_inputs = 1;
    key.next_inputs[0].semantic = 1;          /* TGSI_SEMANTIC_COLOR */
    key.next_inputs[0].interp = 2;            /* TGSI_INTERPOLATE_PERSPECTIVE */
    check("flat shading keeps an output the next stage declares smooth", VS, &key, NULL,
          (const char *[]){ "flat", NULL });
    key.next_inputs[0].interp = 3;            /* TGSI_INTERPOLATE_COLOR */
    check("flat shading flattens an output the rasterizer interpolates", VS, &key,
          (const char *[]){ "flat vec4 c0", NULL }, NULL);

    /* piglit arb_point_sprite-checkerboard through virgl-exec --gles: GLES has no
     * glPointSize, so a vertex shader writing no size drew nothing. */
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    check("no point size is written by default", VS, &key, NULL,
          (const char *[]){ "gl_PointSize", NULL });
    key.point_size_from_driver = true;
    check("point_size_from_driver writes the rasterizer's size", VS, &key,
          (const char *[]){ "gl_PointSize = ", "vs_drv[16].y", NULL }, NULL);

    /* piglit polygon-offset through virgl-exec --gles: GLES offsets filled polygons only,
     * and polygons in point mode are drawn as points there, at the unmoved depth. */
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    check("no depth offset by default", VS, &key, NULL, (const char *[]){ "vs_drv", NULL });
    key.depth_offset_from_driver = true;
    check("depth_offset_from_driver moves z by the offset times w", VS, &key,
          (const char *[]){ "gl_Position.z = vs_drv[17].z * t4.w + t4.z;", NULL }, NULL);
    check("depth offset is for the vertex stages only", FS, &key, NULL,
          (const char *[]){ "drv", NULL });

    /* piglit glsl-fs-pointcoord on screen through virgl-exec --gles: GLES cannot move
     * gl_PointCoord's origin, so the shader's own read must flip where the guest's origin
     * is the other one; without the flag the read stays as it is. */
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    check("gl_PointCoord is read as is by default", FS_PCOORD, &key,
          (const char *[]){ "gl_PointCoord", NULL }, (const char *[]){ "1.0 - ", NULL });
    key.point_coord_y_flip = true;
    check("point_coord_y_flip mirrors the shader's gl_PointCoord", FS_PCOORD, &key,
          (const char *[]){ "1.0 - vec4(gl_PointCoord.x, gl_PointCoord.y", NULL }, NULL);

    /* GLSL 1.50 declares the origin and the host flips; an ES host, GLSL 1.40 and polygon
     * stipple (which reads the host's rows) keep the driver transform. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.fragcoord_y_flip = true;
    check("fragcoord flip declares an upper-left gl_FragCoord", FS, &key,
          (const char *[]){ "layout(origin_upper_left) in vec4 gl_FragCoord;", NULL },
          (const char *[]){ "t2g_driver", NULL });
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("no flip, no origin declaration", FS, &key, (const char *[]){ "gl_FragCoord", NULL },
          (const char *[]){ "origin_upper_left", "t2g_driver", NULL });
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    key.fragcoord_y_flip = true;
    check("fragcoord flip on ES uses the driver transform", FS, &key,
          (const char *[]){ "fs_drv[16].z * gl_FragCoord.y + fs_drv[16].w", NULL },
          (const char *[]){ "origin_upper_left", NULL });
    t2g_key_init(&key, T2G_TARGET_GLSL140);
    key.fragcoord_y_flip = true;
    check("fragcoord flip on GLSL 1.40 uses the driver transform", FS, &key,
          (const char *[]){ "fs_drv[16].z * gl_FragCoord.y + fs_drv[16].w", NULL },
          (const char *[]){ "origin_upper_left", NULL });
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.fragcoord_y_flip = true;
    key.polygon_stipple = true;
    check("fragcoord flip under polygon stipple uses the driver transform", FS, &key,
          (const char *[]){ "fs_drv[16].z * gl_FragCoord.y + fs_drv[16].w", NULL },
          (const char *[]){ "origin_upper_left", NULL });

    /* piglit texelFetch 4-fs-sampler2DMS through virgl-exec: the 0.5 came off before the
     * flip, so every row read as the one below it (h - y instead of h - 1 - y). */
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    key.fragcoord_y_flip = true;
    check("integer centres are taken after the flip", FS_INTEGER_CENTRE, &key,
          (const char *[]){ "fs_drv[16].z * gl_FragCoord.y + fs_drv[16].w - 0.5", NULL },
          (const char *[]){ "gl_FragCoord.y - 0.5", NULL });
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.fragcoord_y_flip = true;
    check("integer centres are taken from the host-flipped y", FS_INTEGER_CENTRE, &key,
          (const char *[]){ "layout(origin_upper_left) in vec4 gl_FragCoord;",
                            "gl_FragCoord.y - 0.5", NULL },
          (const char *[]){ "t2g_driver", NULL });

    /* piglit fbo-readdrawpix through virgl-exec: Mesa's glDrawPixels quad comes with a
     * negative viewport height; the key asked for the flip and nothing made it. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.flip_y_in_vertex = true;
    check("a flipped viewport negates gl_Position.y", VS, &key,
          (const char *[]){ "gl_Position.y = (-gl_Position).y;", NULL }, NULL);

    /* piglit fbo-clear-formats / ext_framebuffer_multisample formats through virgl-exec:
     * GL_ALPHA8 is kept in red, so the red channel must get the shader's alpha. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.fs_output_swizzle[0][0] = 4;
    check("an alpha buffer kept in red gets alpha in red", FS, &key,
          (const char *[]){ "o0 = o0.wyzw;", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.fs_num_cbufs = 2;
    key.fs_output_swizzle[1][0] = 4;
    check("replicated colour 0 gets each buffer's swizzle", FS_ALL_CBUFS, &key,
          (const char *[]){ "layout(location = 1) out vec4 o1;", ".wyzw;", NULL }, NULL);

    /* GLSL returns a comparison alone; gallium swizzles it with the view (depth texture
     * mode): luminance (r, r, r, 1) wanted alpha 1 and got r. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("a comparison without a swizzle replicates the result", FS_SHADOW, &key,
          (const char *[]){ "o0 = vec4(texture(", NULL }, (const char *[]){ "1.0", NULL });
    key.shadow_swizzle[0][3] = T2G_SHADOW_ONE;
    check("depth mode luminance: alpha is one", FS_SHADOW, &key,
          (const char *[]){ "vec4(", ", 1.0)", NULL }, NULL);
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    for (int c = 0; c < 3; c++)
        key.shadow_swizzle[0][c] = T2G_SHADOW_ZERO;
    check("depth mode alpha on ES: (0, 0, 0, r)", FS_SHADOW, &key,
          (const char *[]){ "vec4(0.0, 0.0, 0.0, ", NULL }, NULL);
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.shadow_swizzle[0][3] = T2G_SHADOW_ONE;
    check("another sampler's swizzle leaves this one alone", FS_SHADOW_ARRAY, &key, NULL,
          (const char *[]){ "1.0", NULL });
    key.shadow_swizzle[1][3] = T2G_SHADOW_ONE;
    check("a sampler array's elements disagree: no swizzle", FS_SHADOW_ARRAY, &key, NULL,
          (const char *[]){ "1.0", NULL });
    key.shadow_swizzle[2][3] = T2G_SHADOW_ONE;
    check("a sampler array's elements agree: swizzled", FS_SHADOW_ARRAY, &key,
          (const char *[]){ ", 1.0)", NULL }, NULL);

    /* piglit arb_texture_buffer_object formats through virgl-exec: GL has no swizzle for
     * texture buffers, so an integer intensity buffer kept in red read (i, 0, 0, 1). */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.sampler_swizzle_mask = 1;
    key.sampler_swizzle[0][1] = T2G_SWIZZLE_0;
    key.sampler_swizzle[0][3] = T2G_SWIZZLE_1;
    check("an integer buffer lookup is swizzled with integer constants", FS_BUFFER_UINT, &key,
          (const char *[]){ "texelFetch(", "0u", "1u", NULL }, (const char *[]){ "1.0", NULL });

    /* GL_CLAMP with linear filtering: the renderer samples with clamp to border, the shader
     * clamps the projected coordinate to [0, 1] (piglit texwrap * bordercolor). */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("without GL_CLAMP a projected lookup is not clamped", FS_TXP_2D, &key, NULL,
          (const char *[]){ "min(", "max(", NULL });
    key.sampler_gl_clamp[0] = 1;
    key.sampler_gl_clamp[1] = 1;
    check("GL_CLAMP clamps s and t after the projection", FS_TXP_2D, &key,
          (const char *[]){ "tc0.xy / tc0.w", "vec2(min(max(", ", 0.0), 1.0), min(max(", NULL },
          NULL);
    key.sampler_gl_clamp[1] = 0;
    check("GL_CLAMP on s alone leaves t alone", FS_TXP_2D, &key,
          (const char *[]){ ", 0.0), 1.0), ", NULL }, (const char *[]){ "1.0), min(", NULL });
    key.sampler_gl_clamp[0] = 3;
    key.sampler_gl_clamp[1] = 3;
    key.sampler_gl_clamp[2] = 3;
    check("GL_CLAMP clamps rectangles to their size and never an array layer",
          FS_RECT_AND_ARRAY, &key,
          (const char *[]){ "textureSize(fs_s0)", "max(tc0.x, 0.0)", "min(", ", 1.0), tc0.z)", NULL },
          (const char *[]){ "max(tc0.z", NULL });
    uint32_t clamps[3];
    memcpy(clamps, key.sampler_gl_clamp, sizeof clamps);
    t2g_key_init(&key, T2G_TARGET_ESSL310);
    memcpy(key.sampler_gl_clamp, clamps, sizeof clamps);
    check("GL_CLAMP on ESSL", FS_RECT_AND_ARRAY, &key,
          (const char *[]){ "max(tc0.x, 0.0)", "/ vec2(textureSize(fs_s0, 0))", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_ESSL310);
    check_refused("ES without level counts refuses textureQueryLevels", FS_QUERY_LEVELS, &key,
                  "textureQueryLevels");
    key.sampler_levels[0] = 3;
    check("ES takes the level count from the key", FS_QUERY_LEVELS, &key,
          (const char *[]){ "o0 = vec4(3.0);", NULL }, (const char *[]){ "textureQueryLevels", NULL });
    check_sampler_marked("the reflection marks the sampler whose count was replaced",
                         FS_QUERY_LEVELS, &key, 0);

    t2g_key_init(&key, T2G_TARGET_ESSL320);
    check_refused("ES without sample counts refuses textureSamples", FS_QUERY_SAMPLES, &key,
                  "textureSamples");
    key.sampler_samples[0] = 4;
    check("ES takes the sample count from the key", FS_QUERY_SAMPLES, &key,
          (const char *[]){ "o0 = vec4(4.0);", NULL }, (const char *[]){ "textureSamples", NULL });
    check_sampler_marked("the reflection marks the sampler whose sample count was replaced",
                         FS_QUERY_SAMPLES, &key, T2G_RES_QUERIES_SAMPLES);

    t2g_key_init(&key, T2G_TARGET_ESSL320);
    check_refused("ES without the sampler LOD state refuses textureQueryLod", FS_QUERY_LOD, &key,
                  "textureQueryLod");
    key.sampler_lod_in_shader = true;
    key.sampler_lod[0] = (struct t2g_sampler_lod){ .bias = 1.0f, .min_lod = 0.0f,
                                                   .max_lod = 1000.0f, .levels = 4,
                                                   .mip_filter = T2G_MIP_FILTER_NEAREST };
    check("ES computes textureQueryLod from derivatives, bias and levels", FS_QUERY_LOD, &key,
          (const char *[]){ "textureSize(fs_s0, 0)", "dFdx(", "dFdy(", "log2(", "ceil(", "3.0",
                            NULL },
          (const char *[]){ "textureQueryLod", NULL });
    check_sampler_marked("the reflection marks the sampler whose LOD query was computed",
                         FS_QUERY_LOD, &key, T2G_RES_QUERIES_LOD);
    key.sampler_lod[0].mip_filter = T2G_MIP_FILTER_NONE;
    check("ES textureQueryLod without mipmaps: level 0", FS_QUERY_LOD, &key,
          (const char *[]){ "log2(", NULL }, (const char *[]){ "ceil(", NULL });
    key.sampler_lod[0].bias = 2.5f;
    check("ES fragment lookup takes the sampler's bias", FS_TEX, &key,
          (const char *[]){ "texture(fs_s0, ", ", 2.5)", NULL }, NULL);
    check("ES vertex lookup takes the sampler's bias as its level", VS_TEX, &key,
          (const char *[]){ "textureLod(vs_s0, ", ", 2.5)", NULL }, NULL);
    key.sampler_lod[0].bias = 0.0f;
    check("ES lookup without a bias is left alone", FS_TEX, &key,
          (const char *[]){ "texture(fs_s0, ", NULL }, (const char *[]){ ", 0.0)", NULL });
    key.sampler_lod[0].bias = 1.0f;
    check("ES textureGrad takes the sampler's bias as scaled derivatives", FS_TXD_3D, &key,
          (const char *[]){ "textureGrad(fs_s0, ", "fs_u0[0].xyz * 2.0", NULL }, NULL);

    /* The LOD state from the driver uniforms: one variant for every bias (piglit lodbias). */
    key.sampler_lod_from_driver = true;
    key.sampler_lod[0].bias = 0.0f;
    check("ES fragment lookup adds the driver uniforms' bias", FS_TEX, &key,
          (const char *[]){ "texture(fs_s0, ", "fs_drv[19].x)", NULL }, NULL);
    check("ES vertex lookup takes the driver uniforms' bias as its level", VS_TEX, &key,
          (const char *[]){ "textureLod(vs_s0, ", "vs_drv[18].x)", NULL }, NULL);
    check("ES textureGrad scales by the driver uniforms' bias", FS_TXD_3D, &key,
          (const char *[]){ "textureGrad(fs_s0, ", "exp2(fs_drv[19].x)", NULL }, NULL);
    key.sampler_lod[0].mip_filter = T2G_MIP_FILTER_NEAREST;
    check("ES textureQueryLod reads bias, range and levels from the driver uniforms",
          FS_QUERY_LOD, &key, (const char *[]){ "fs_drv[19].x", "fs_drv[19].y", "fs_drv[19].z",
                                                 "fs_drv[19].w", "ceil(", NULL },
          (const char *[]){ "3.0", NULL });
    uint32_t slots = driver_slots(FS_TEX, &key), plain = (uint32_t)(sizeof(struct t2g_driver_uniforms) / 16);
    bool sized = slots == plain + 0 * T2G_STAGE_COUNT + T2G_STAGE_FRAGMENT + 1;
    printf("%s the driver uniforms end at the last sampler entry read (%u vec4s)\n",
           sized ? "ok  " : "FAIL", slots);
    sized ? passes++ : failures++;
    key.sampler_lod_in_shader = false;
    key.alpha_test = true;
    key.alpha_func = 1;
    slots = driver_slots(FS, &key);
    printf("%s without sampler entries the driver uniforms are struct t2g_driver_uniforms (%u)\n",
           slots == plain ? "ok  " : "FAIL", slots);
    slots == plain ? passes++ : failures++;

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("a TCS reads and writes gl_ClipVertex as a varying", TCS_CLIPVERTEX, &key,
          (const char *[]){ "i_cv0[min(uint(gl_InvocationID), uint(gl_PatchVerticesIn - 1))].cv0", NULL },
          NULL);
    check("the last vertex stage keeps gl_ClipVertex private", VS_CLIPVERTEX, &key, NULL,
          (const char *[]){ "cv0", NULL });
    key.has_next_inputs = true;
    key.num_next_inputs = 1;
    key.next_inputs[0].semantic = 13;  /* CLIPVERTEX */
    check("gl_ClipVertex a next stage reads is an output varying", VS_CLIPVERTEX, &key,
          (const char *[]){ "cv0 = ", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("the last vertex stage keeps its edge flag private", VS_EDGEFLAG, &key, NULL,
          (const char *[]){ "ef0", NULL });
    bool reflected = writes_edge_flag(VS_EDGEFLAG, &key) && !writes_edge_flag(VS_CLIPVERTEX, &key);
    printf("%s the reflection says which vertex shader writes an edge flag\n",
           reflected ? "ok  " : "FAIL");
    reflected ? passes++ : failures++;
    key.has_next_inputs = true;
    key.num_next_inputs = 1;
    key.next_inputs[0].semantic = T2G_SEMANTIC_EDGEFLAG;
    check("an edge flag a geometry shader reads is an output varying", VS_EDGEFLAG, &key,
          (const char *[]){ "ef0 = ", NULL }, (const char *[]){ "priv", NULL });
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("a geometry shader reads edge flags as a varying", GS_EDGEFLAG, &key,
          (const char *[]){ "i_ef0[1].ef0.x", NULL }, NULL);
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    check("and so does a GLSL ES one", GS_EDGEFLAG, &key, (const char *[]){ "ef0", NULL }, NULL);

    /* GLES has no glLogicOp (piglit gl-1.1-xor, gl-1.0-logicop): through framebuffer fetch. */
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    key.host_features = T2G_HOST_FRAMEBUFFER_FETCH;
    key.logic_op = 6 + 1;   /* PIPE_LOGICOP_XOR */
    key.logic_op_bits[0] = 8;
    /* glslang knows no GL_EXT_shader_framebuffer_fetch: the text is checked, not validated
     * (llvmpipe's GLES compiles it: piglit gl-1.1-xor through virgl-exec --gles). */
    struct t2g_result *lo = t2g_compile(FS, strlen(FS), &key, T2G_COMPILE_VALIDATE_IR, "logic");
    bool xored = lo && lo->ok && strstr(lo->source, "GL_EXT_shader_framebuffer_fetch") &&
                 strstr(lo->source, "inout vec4 o0") && strstr(lo->source, ") ^ uvec4(") &&
                 strstr(lo->source, "& 255u) / 255.0");
    printf("%s ES logic op XORs the output with the fetched framebuffer as 8-bit integers\n",
           xored ? "ok  " : "FAIL");
    if (!xored && lo)
        printf("%s\n", lo->ok ? lo->source : lo->diagnostics);
    xored ? passes++ : failures++;
    t2g_result_free(lo);
    key.logic_op_bits[0] = 0;
    check("ES logic op leaves a float buffer alone", FS, &key, NULL,
          (const char *[]){ "framebuffer_fetch", NULL });
    key.logic_op_bits[0] = 8;
    key.host_features = 0;
    check("ES logic op needs the host's framebuffer fetch", FS, &key, NULL,
          (const char *[]){ "framebuffer_fetch", NULL });

    t2g_key_init(&key, T2G_TARGET_ESSL310);
    check("ES biased 1D shadow array lookup goes through textureGrad", FS_SHADOW1DARRAY_BIAS,
          &key, (const char *[]){ "textureGrad(", "exp2(", NULL }, NULL);

    /* ES has no noperspective: the vertex side scales by w, the fragment side by
     * gl_FragCoord.w (= interpolated 1/w); desktop keeps the qualifier. */
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    key.has_next_inputs = true;
    key.num_next_inputs = 1;
    key.next_inputs[0].semantic = 5;   /* GENERIC[0] */
    key.next_inputs[0].interp = 1;     /* LINEAR */
    check("ES noperspective: outputs times gl_Position.w", VS_GENERIC, &key,
          (const char *[]){ "g0 = g0 * gl_Position.w;", NULL }, NULL);
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    check("ES noperspective: inputs times gl_FragCoord.w", FS_LINEAR, &key,
          (const char *[]){ "gl_FragCoord.w", NULL }, NULL);
    /* Away from the pixel centre gl_FragCoord.w is at the wrong place: centroid and sample
     * inputs and interpolateAt*() divide by the clip w interpolated the same way. */
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    check("ES noperspective centroid/sample/interpolateAt: divided by the clip w there",
          FS_LINEAR_CENTROID_INTERP, &key,
          (const char *[]){ "in B_t2g_clipw1 { centroid vec4 t2g_clipw1; };",
                            "in B_t2g_clipw2 { sample vec4 t2g_clipw2; };",
                            "in B_t2g_clipw0 { vec4 t2g_clipw0; };",
                            "g10 / t2g_clipw1.x", "g11 / t2g_clipw2.x",
                            "interpolateAtCentroid(g9) / interpolateAtCentroid(t2g_clipw0).x",
                            "interpolateAtSample(g9, 0) / interpolateAtSample(t2g_clipw0, 0).x",
                            "/ interpolateAtOffset(t2g_clipw0, vec2(0.25)).x", NULL },
          (const char *[]){ "gl_FragCoord", NULL });
    t2g_key_init(&key, T2G_TARGET_ESSL320);
    key.has_next_inputs = true;
    key.num_next_inputs = 2;
    key.next_inputs[0].semantic = 5;   /* GENERIC[0] */
    key.next_inputs[0].interp = 1;     /* LINEAR */
    key.next_inputs[0].location = 1;   /* CENTROID */
    key.next_inputs[1].semantic = 5;   /* the clip w varying the fragment shader reads */
    key.next_inputs[1].semantic_index = 0x10001;
    key.next_inputs[1].interp = 2;     /* PERSPECTIVE */
    key.next_inputs[1].location = 1;   /* CENTROID */
    check("ES noperspective centroid: the vertex stage writes the clip w", VS_GENERIC, &key,
          (const char *[]){ "out B_t2g_clipw1 { centroid vec4 t2g_clipw1; };",
                            "t2g_clipw1 = ", ".wwww;", "g0 = g0 * ", NULL }, NULL);
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    check("desktop noperspective stays a qualifier", FS_LINEAR, &key,
          (const char *[]){ "noperspective", NULL }, (const char *[]){ "gl_FragCoord", NULL });

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.clip_plane_enable = 0x5;
    check("user clip planes write gl_ClipDistance", VS, &key,
          (const char *[]){ "gl_ClipDistance", "t2g_driver", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    key.has_prev_outputs = true;
    key.num_prev_outputs = 1;
    key.prev_outputs[0].semantic = 1; /* COLOR[0] only: TEXCOORD[0] is not written */
    check("unlinked inputs become constants", FS, &key, NULL, (const char *[]){ "in vec4 tc0", NULL });

    t2g_key_init(&key, T2G_TARGET_ESSL310);
    key.alpha_test = true;
    key.alpha_func = T2G_LESS;
    key.polygon_stipple = true;
    key.two_sided_color = true;
    check("emulations combine on ES", FS, &key, (const char *[]){ "discard", NULL }, NULL);

    /* Transform feedback: OUT[1].yz and all of OUT[2] (integer bits) in buffer 0 with a gap
     * and a padded stride, the position's x alone in buffer 2. */
    t2g_key_init(&key, T2G_TARGET_GLSL450);
    add_so(&key, 1, 1, 2, 0, 0, 0);
    add_so(&key, 2, 0, 4, 0, 3, 0);
    add_so(&key, 0, 0, 1, 2, 0, 0);
    key.so_stride[0] = 8;
    key.so_stride[2] = 1;
    check("stream output captures partial and integer outputs", VS_SO, &key,
          (const char *[]){ "out vec2 t2g_so0;", "out vec4 t2g_so1;", "out float t2g_so2;",
                            "t2g_so0 = ", "t2g_so2 = ", NULL }, NULL);
    check_so_list("stream output varyings skip gaps and change buffers", VS_SO, &key,
                  (const char *[]){ "t2g_so0", "gl_SkipComponents1", "t2g_so1",
                                    "gl_SkipComponents1", "gl_NextBuffer", "gl_NextBuffer",
                                    "t2g_so2", NULL }, false);
    check_so_list("GLSL ES cannot express skipped components", VS_SO,
                  (key.target = T2G_TARGET_ESSL310, &key), NULL, false);
    key.host_features |= T2G_HOST_TRANSFORM_FEEDBACK3;
    check_so_list("GLSL ES on a host that takes gl_SkipComponents/gl_NextBuffer", VS_SO, &key,
                  (const char *[]){ "t2g_so0", "gl_SkipComponents1", "t2g_so1",
                                    "gl_SkipComponents1", "gl_NextBuffer", "gl_NextBuffer",
                                    "t2g_so2", NULL }, false);

    t2g_key_init(&key, T2G_TARGET_ESSL300);
    add_so(&key, 0, 0, 4, 0, 0, 0);
    add_so(&key, 1, 0, 3, 1, 0, 0);
    key.so_stride[0] = 4;
    key.so_stride[1] = 3;
    check("stream output on ES 3.00", VS_SO, &key,
          (const char *[]){ "out vec4 t2g_so0;", "out vec3 t2g_so1;", NULL }, NULL);
    check_so_list("GLSL ES one capture per buffer is separate", VS_SO, &key,
                  (const char *[]){ "t2g_so0", "t2g_so1", NULL }, true);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    add_so(&key, 1, 0, 2, 0, 0, 0);
    add_so(&key, 1, 2, 1, 1, 0, 1);
    key.so_stride[0] = 2;
    key.so_stride[1] = 1;
    check("stream output in a geometry shader copies per stream at each emit", GS_SO, &key,
          (const char *[]){ "out vec2 t2g_so0;", "layout(stream = 1) out float t2g_so1;",
                            "EmitStreamVertex(1)", NULL }, NULL);

    t2g_key_init(&key, T2G_TARGET_GLSL450);
    add_so(&key, 1, 3, 2, 0, 0, 0);
    struct t2g_result *bad = t2g_compile(VS_SO, strlen(VS_SO), &key, 0, "bad so");
    if (bad && !bad->ok && strstr(bad->diagnostics, "not a valid capture")) {
        printf("ok   components past w are refused\n");
        passes++;
    } else {
        printf("FAIL components past w are refused: %s\n", bad ? bad->diagnostics : "no result");
        failures++;
    }
    t2g_result_free(bad);

    /* Depth comparisons where the host has no shadow samplers (ES 2.0 without
     * GL_EXT_shadow_samplers): a plain lookup and a compare of the clamped reference. */
    t2g_key_init(&key, T2G_TARGET_ESSL100);
    key.sampler_compare[0] = 1 + T2G_LEQUAL;
    key.sampler_compare[1] = 1 + T2G_GREATER;
    key.shadow_swizzle[1][3] = T2G_SHADOW_ONE;
    check("comparisons in the shader: ref <= depth, projected; ref > depth, alpha one",
          FS_SHADOW_PROJ, &key,
          (const char *[]){ "uniform highp sampler2D fs_s0;", "uniform highp sampler2D fs_s1;",
                            "= tc0.z / tc0.w;", "texture2D(fs_s0, tc0.xy / tc0.w).x >= min(max(t",
                            "texture2D(fs_s1, tc0.xy).x < min(max(tc0.z, 0.0), 1.0)", ", 1.0)",
                            NULL },
          (const char *[]){ "Shadow", "shadow2D", NULL });
    key.sampler_compare[0] = T2G_SAMPLER_COMPARE_OFF;
    key.sampler_compare[1] = 1 + T2G_NEVER;
    check("compare mode off returns the depth; NEVER is 0", FS_SHADOW_PROJ, &key,
          (const char *[]){ "texture2D(fs_s0, tc0.xy / tc0.w).x", NULL },
          (const char *[]){ "Shadow", "texture2D(fs_s1", ">=", NULL });
    struct t2g_result *sc = t2g_compile(FS_SHADOW_PROJ, strlen(FS_SHADOW_PROJ), &key, 0, "sc");
    bool both_marked = sc && sc->ok && sc->reflection.num_resources == 2;
    for (uint32_t i = 0; both_marked && i < 2; i++)
        both_marked = sc->reflection.resources[i].shadow &&
                 (sc->reflection.resources[i].flags & T2G_RES_COMPARE_IN_SHADER);
    printf("%s the reflection marks both samplers shadow, compared in the shader\n",
           both_marked ? "ok  " : "FAIL");
    both_marked ? passes++ : failures++;
    t2g_result_free(sc);
    t2g_key_init(&key, T2G_TARGET_ESSL100);
    key.sampler_compare[1] = 1 + T2G_LEQUAL;
    sc = t2g_compile(FS_SHADOW_PROJ, strlen(FS_SHADOW_PROJ), &key, 0, "sc");
    bool needs_ext = sc && !sc->ok && strstr(sc->diagnostics, "GL_EXT_shadow_samplers");
    printf("%s a sampler left to the host still needs shadow samplers\n",
           needs_ext ? "ok  " : "FAIL");
    needs_ext ? passes++ : failures++;
    t2g_result_free(sc);

    t2g_key_init(&key, T2G_TARGET_ESSL100);
    check("integer arithmetic on a no-integer guest's floats multiplies floats",
          FS_INT_ARITH_ON_FLOATS, &key,
          (const char *[]){ "floor(1.0 + fs_u0[0].x * 3.0)", " + 1), 0.0, 2.0)", NULL },
          (const char *[]){ "floatBits", NULL });

    printf("%d passed, %d failed\n", passes, failures);
    return failures ? 1 : 0;
}
