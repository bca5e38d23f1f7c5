/* The backend's TGSI regression cases (included by backend_tgsi.c): one row per target and
 * expectation.  Each comment says which bug or emulation the case pins down. */

#define FS_SSBO_HEAD "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL BUFFER[0]\n" \
                     "DCL TEMP[0..1]\nIMM[0] UINT32 {16, 0, 0, 0}\n  0: F2I TEMP[1], IN[0]\n"
#define CS_SHARED_HEAD "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 8\nPROPERTY CS_FIXED_BLOCK_HEIGHT 1\n" \
                       "PROPERTY CS_FIXED_BLOCK_DEPTH 1\nDCL SV[0], THREAD_ID\nDCL BUFFER[0]\n" \
                       "DCL MEMORY[0], SHARED\nDCL TEMP[0..1]\nIMM[0] UINT32 {0, 4, 0, 0}\n"

#define CS_IMAGE_STORE "COMP\nDCL SV[0], THREAD_ID\nDCL IMAGE[0], 2D, PIPE_FORMAT_NONE, WR\n" \
                       "IMM[0] FLT32 {0.0, 1.0, 0.5, 1.0}\n" \
                       "  0: STORE IMAGE[0], SV[0].xyyy, IMM[0], 2D\n  1: END\n"

#define FS_DEMOTE "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL TEMP[0]\n" \
                  "IMM[0] FLT32 {0.5, 1.0, 0.0, 0.0}\n  0: FSLT TEMP[0].x, IN[0].xxxx, IMM[0].xxxx\n" \
                  "  1: UIF TEMP[0].xxxx\n  2: DEMOTE\n  3: ENDIF\n  4: READ_HELPER TEMP[0].x\n" \
                  "  5: UCMP OUT[0], TEMP[0].xxxx, IMM[0].yyyy, IN[0]\n  6: END\n"

#define FS_BLEND_ADVANCED(modes) "FRAG\nPROPERTY FS_BLEND_EQUATION_ADVANCED " modes "\n" \
                                 "DCL OUT[0], COLOR\nIMM[0] FLT32 {0.5, 1.0, 0.0, 0.0}\n" \
                                 "  0: MOV OUT[0], IMM[0]\n  1: END\n"

#define FS_SHADOW_TEX(target, op, lod) \
    "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n" \
    "DCL SVIEW[0], " target ", FLOAT\nDCL TEMP[0]\nIMM[0] FLT32 {0.5, 1.0, 0.0, 0.0}\n" \
    "  0: ADD TEMP[0], IN[0], IMM[0].xxxx\n  1: " op " OUT[0], TEMP[0]" lod ", SAMP[0], " \
    target "\n  2: END\n"

#define FS_IMAGE_HEAD "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\n"
#define R32UI_2D(n) "DCL IMAGE[" #n "], 2D, PIPE_FORMAT_R32_UINT, WR\n"

static const tgsi_case cases[] = {
    /* piglit arb_shader_image_load_store indexing, imagestore-array, invalid: Mesa declares
     * an image array one IMAGE per element and indexes it through ADDR.  Alike neighbours
     * become one GLSL array (a differing format starts another image); atomics and stores
     * keep their data operands apart from the element index. */
    { "image_array_indirect", T2G_TARGET_GLSL450,
      FS_IMAGE_HEAD R32UI_2D(0) R32UI_2D(1) R32UI_2D(2) R32UI_2D(3)
      "DCL IMAGE[4], 2D, PIPE_FORMAT_R32_FLOAT, WR\nDCL ADDR[0]\nDCL TEMP[0..1]\n"
      "IMM[0] UINT32 {1, 2, 3, 4}\n  0: F2I TEMP[0], IN[0]\n  1: UARL ADDR[0].x, TEMP[0].zzzz\n"
      "  2: ATOMUADD TEMP[1].x, IMAGE[ADDR[0].x+1], TEMP[0], IMM[0].xxxx, 2D, PIPE_FORMAT_R32_UINT\n"
      "  3: STORE IMAGE[ADDR[0].x], TEMP[0], IMM[0], 2D, PIPE_FORMAT_R32_UINT\n"
      "  4: LOAD TEMP[0], IMAGE[2], TEMP[0], 2D, PIPE_FORMAT_R32_UINT\n  5: U2F OUT[0], TEMP[0]\n"
      "  6: END\n",
      NULL, { "uniform uimage2D fs_img0[4];", "imageAtomicAdd(fs_img0[min(uint(1 + ",
              "imageStore(fs_img0[min(uint(t1.z), 3u)], t1.xy, uvec4(1u, 2u, 3u, 4u));",
              "imageLoad(fs_img0[2], " },
      { "fs_img1", NULL }, NULL, false, refl_image_array },
    /* piglit arb_shader_image_load_store early-z on a GLES host: GLSL ES forbids writing
     * gl_FragDepth under early_fragment_tests, where GL ignores the value; desktop keeps it. */
    { "es_early_tests_depth_write", T2G_TARGET_ESSL320,
      "FRAG\nPROPERTY FS_EARLY_DEPTH_STENCIL 1\nDCL OUT[0], POSITION\nDCL OUT[1], COLOR\n"
      "IMM[0] FLT32 {0.5, 1.0, 0.0, 0.0}\n  0: MOV OUT[0].z, IMM[0].xxxx\n"
      "  1: MOV OUT[1], IMM[0].yyyy\n  2: END\n",
      NULL, { "layout(early_fragment_tests) in;" }, { "gl_FragDepth", NULL }, NULL, false, NULL },
    { "early_tests_depth_write", T2G_TARGET_GLSL450,
      "FRAG\nPROPERTY FS_EARLY_DEPTH_STENCIL 1\nDCL OUT[0], POSITION\nDCL OUT[1], COLOR\n"
      "IMM[0] FLT32 {0.5, 1.0, 0.0, 0.0}\n  0: MOV OUT[0].z, IMM[0].xxxx\n"
      "  1: MOV OUT[1], IMM[0].yyyy\n  2: END\n",
      NULL, { "layout(early_fragment_tests) in;", "gl_FragDepth = 0.5;" }, { NULL }, NULL, false,
      NULL },
    /* The same on GLSL ES, which indexes image arrays with constant expressions only (Mesa:
     * "image arrays indexed with non-constant expressions are forbidden"): a computed
     * element picks among the elements. */
    { "es_image_array_indirect", T2G_TARGET_ESSL320,
      FS_IMAGE_HEAD R32UI_2D(0) R32UI_2D(1) R32UI_2D(2) R32UI_2D(3)
      "DCL ADDR[0]\nDCL TEMP[0..1]\n"
      "IMM[0] UINT32 {1, 2, 3, 4}\n  0: F2I TEMP[0], IN[0]\n  1: UARL ADDR[0].x, TEMP[0].zzzz\n"
      "  2: ATOMUADD TEMP[1].x, IMAGE[ADDR[0].x+1], TEMP[0], IMM[0].xxxx, 2D, PIPE_FORMAT_R32_UINT\n"
      "  3: STORE IMAGE[ADDR[0].x], TEMP[0], IMM[0], 2D, PIPE_FORMAT_R32_UINT\n"
      "  4: LOAD TEMP[0], IMAGE[2], TEMP[0], 2D, PIPE_FORMAT_R32_UINT\n  5: U2F OUT[0], TEMP[0]\n"
      "  6: END\n",
      NULL, { "(1 + t1.z == 0 ? imageAtomicAdd(fs_img0[0], t1.xy, 1u) : (1 + t1.z == 1 ? ",
              ": imageAtomicAdd(fs_img0[3], t1.xy, 1u))));",
              "else if (t1.z == 2) imageStore(fs_img0[2], t1.xy, uvec4(1u, 2u, 3u, 4u));",
              "imageLoad(fs_img0[2], " },
      { "min(", NULL }, NULL, false, NULL },
    /* A GLES host sees the guest's shadow lookups with offsets (virgl-exec withholds the
     * host-is-GLES bit that made the guest lower them).  GLSL ES has no textureOffset() on
     * sampler2DArrayShadow: the offset moves the coordinate by level-0 texels. */
    { "es_shadow_2d_array_offset", T2G_TARGET_ESSL320,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], 2D_ARRAY, FLOAT\nIMM[0] INT32 {1, -1, 0, 0}\n"
      "  0: TEX OUT[0], IN[0], SAMP[0], SHADOW2D_ARRAY, IMM[0].xyx\n  1: END\n",
      NULL, { "texture(fs_s0, vec4(g0.xy + vec2(ivec2(1, -1)) / vec2(textureSize(fs_s0, 0).xy), "
              "g0.z, g0.w))" }, { "textureOffset", NULL }, NULL, false, NULL },
    { "shadow_2d_array_offset", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], 2D_ARRAY, FLOAT\nIMM[0] INT32 {1, -1, 0, 0}\n"
      "  0: TEX OUT[0], IN[0], SAMP[0], SHADOW2D_ARRAY, IMM[0].xyx\n  1: END\n",
      NULL, { "textureOffset(fs_s0, vec4(g0.xyz, g0.w), ivec2(1, -1))" }, { NULL }, NULL, false,
      NULL },
    /* An indirect index on a lone image can only name that image. */
    { "image_lone_indirect", T2G_TARGET_GLSL450,
      FS_IMAGE_HEAD R32UI_2D(0) "DCL CONST[0]\nDCL ADDR[0]\nDCL TEMP[0]\n"
      "  0: F2I TEMP[0], IN[0]\n  1: UARL ADDR[0].x, CONST[0].xxxx\n"
      "  2: LOAD TEMP[0], IMAGE[ADDR[0].x], TEMP[0], 2D, PIPE_FORMAT_R32_UINT\n"
      "  3: U2F OUT[0], TEMP[0]\n  4: END\n",
      NULL, { "uniform readonly uimage2D fs_img0;", "imageLoad(fs_img0, " }, { NULL }, NULL,
      false, NULL },
    /* piglit out-of-ssa-dfs-pre-order through virgl-exec: `+` binds tighter than `>>`, so
     * the words after .x of a STORE at a computed byte address need (offset >> 2u) + k. */
    { "ssbo_store_word_index", T2G_TARGET_GLSL450,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 1\nPROPERTY CS_FIXED_BLOCK_HEIGHT 1\n"
      "PROPERTY CS_FIXED_BLOCK_DEPTH 1\nDCL SV[0], BLOCK_ID\nDCL BUFFER[0]\nDCL TEMP[0]\n"
      "IMM[0] UINT32 {4, 1, 2, 3}\n  0: SHL TEMP[0].x, SV[0].xxxx, IMM[0].xxxx\n"
      "  1: STORE BUFFER[0], TEMP[0].xxxx, IMM[0]\n  2: END\n",
      NULL, { ">> 2u) + 1u] = 1u;", ">> 2u) + 3u] = 3u;" }, { ">> 2u + " }, NULL, false, NULL },
    /* piglit double-array-vs-tcs-tes: a TES input took the fragment shader's flat from
     * key.next_inputs, so its block no longer matched the TCS output block it links with.
     * Only outputs take the next stage's interpolation. */
    { "tes_input_not_flat", T2G_TARGET_GLSL450,
      "TESS_EVAL\nPROPERTY TES_PRIM_MODE 4\nPROPERTY TES_SPACING 2\nPROPERTY TES_VERTEX_ORDER_CW 0\n"
      "PROPERTY TES_POINT_MODE 0\nDCL IN[][0], POSITION\nDCL IN[][1], GENERIC[0]\n"
      "DCL SV[0], TESSCOORD\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n"
      "  0: MOV OUT[0], IN[0][0]\n  1: MOV OUT[1], IN[0][1]\n  2: END\n",
      NULL, { "in B_g0 { vec4 g0; } i_g0[];", "out B_g0 { flat vec4 g0; };" }, { NULL },
      key_next_generic0_flat, false, NULL },
    /* piglit ext_framebuffer_multisample interpolation 0 centroid-edges through virgl-exec:
     * the executor keys the VS with the FS's inputs as reflected, and the reflection had no
     * centroid, so `out B_g0 { vec4 g0; }` met `in B_g0 { centroid vec4 g0; }` and the
     * link failed.  The FS reflects its location; the VS emits what the key says. */
    { "fs_input_reflects_centroid", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0].xyz, GENERIC[0], PERSPECTIVE, CENTROID\nDCL OUT[0], COLOR\n"
      "  0: MOV OUT[0], IN[0]\n  1: END\n",
      NULL, { "in B_g0 { centroid vec4 g0; };" }, { NULL }, NULL, false, refl_input0_centroid },
    { "vs_output_takes_centroid", T2G_TARGET_GLSL450,
      "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL OUT[1].xyz, GENERIC[0]\n"
      "  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1].xyz, IN[0].xyzx\n  2: END\n",
      NULL, { "out B_g0 { centroid vec4 g0; };" }, { NULL }, key_next_generic0_centroid, false,
      NULL },
    /* piglit fs-clip-distance-interpolated through virgl-exec --gles: the GLES 3.2 host has
     * GL_EXT_clip_cull_distance, so clip distances are emitted with it (glslang does not
     * know the extension: unchecked); a host without it still gets a refusal. */
    { "essl_clip_distance_ext", T2G_TARGET_ESSL320,
      "VERT\nPROPERTY NUM_CLIPDIST_ENABLED 2\nDCL IN[0]\nDCL OUT[0], POSITION\n"
      "DCL OUT[1].xy, CLIPDIST[0]\n  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1].xy, IN[0].xyxx\n"
      "  2: END\n",
      NULL, { "#extension GL_EXT_clip_cull_distance : require", "gl_ClipDistance[1] = " },
      { NULL }, NULL, false, NULL, 0, true },
    /* piglit vs-tcs-tes-clip-vertex-enables through virgl-exec --gles: the TES writing clip
     * planes enables GL_EXT_clip_cull_distance, which adds members to its gl_in[]; Mesa
     * links it with the TCS's gl_out[] only when the TCS enables it too.  The same for
     * GL_EXT_tessellation_point_size, which a point-mode TES enables (piglit
     * arb_shader_atomic_counters unused-result). */
    { "essl_tcs_per_vertex_with_clip_ext", T2G_TARGET_ESSL320,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 3\nDCL IN[][0], POSITION\nDCL SV[0], INVOCATIONID\n"
      "DCL OUT[][0], POSITION\nDCL OUT[1], TESSOUTER\nDCL OUT[2], TESSINNER\n"
      "IMM[0] FLT32 {1.0, 0.0, 0.0, 0.0}\n"
      "  0: MOV OUT[SV[0].x][0], IN[SV[0].x][0]\n  1: MOV OUT[1], IMM[0].xxxx\n"
      "  2: MOV OUT[2], IMM[0].xxxx\n  3: END\n",
      NULL, { "#extension GL_EXT_clip_cull_distance : require",
              "#extension GL_EXT_tessellation_point_size : require", "gl_out[" },
      { NULL }, NULL, false, NULL, 0, true },
    { "essl_tcs_per_vertex_no_clip_ext", T2G_TARGET_ESSL320,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 3\nDCL IN[][0], POSITION\nDCL SV[0], INVOCATIONID\n"
      "DCL OUT[][0], POSITION\nDCL OUT[1], TESSOUTER\nDCL OUT[2], TESSINNER\n"
      "IMM[0] FLT32 {1.0, 0.0, 0.0, 0.0}\n"
      "  0: MOV OUT[SV[0].x][0], IN[SV[0].x][0]\n  1: MOV OUT[1], IMM[0].xxxx\n"
      "  2: MOV OUT[2], IMM[0].xxxx\n  3: END\n",
      NULL, { "gl_out[" }, { "GL_EXT_clip_cull_distance" }, NULL, true, NULL },
    { "essl_clip_distance_no_ext", T2G_TARGET_ESSL320,
      "VERT\nPROPERTY NUM_CLIPDIST_ENABLED 2\nDCL IN[0]\nDCL OUT[0], POSITION\n"
      "DCL OUT[1].xy, CLIPDIST[0]\n  0: MOV OUT[0], IN[0]\n  1: MOV OUT[1].xy, IN[0].xyxx\n"
      "  2: END\n",
      "gl_ClipDistance needs GL_EXT_clip_cull_distance", { NULL }, { NULL }, NULL, true, NULL },
    /* piglit viewport-gs-write-simple through virgl-exec --gles: GL_OES_viewport_array gives
     * ES gl_ViewportIndex (unchecked: glslang does not know the extension). */
    { "essl_viewport_index_ext", T2G_TARGET_ESSL320,
      "GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nPROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\n"
      "PROPERTY GS_MAX_OUTPUT_VERTICES 3\nPROPERTY GS_INVOCATIONS 1\nDCL IN[][0], POSITION\n"
      "DCL OUT[0], POSITION\nDCL OUT[1], VIEWPORT_INDEX\nIMM[0] INT32 {1, 0, 0, 0}\n"
      "  0: MOV OUT[0], IN[0][0]\n  1: MOV OUT[1].x, IMM[0].xxxx\n  2: EMIT IMM[0].yyyy\n"
      "  3: END\n",
      NULL, { "#extension GL_OES_viewport_array : require", "gl_ViewportIndex = " },
      { NULL }, NULL, false, NULL, 0, true },
    /* Corpus 6e1037803047a95e: signed max on a storage buffer (no GLSL function on uint
     * memory) goes through an int view of the same block. */
    { "ssbo_imax", T2G_TARGET_GLSL450,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: ATOMIMIN TEMP[0].y, BUFFER[0], IMM[0].yyyy, TEMP[1].yyyy\n"
      "  3: MOV OUT[0], TEMP[0]\n  4: END\n",
      NULL, { "buffer fs_ssbo0_i { int fs_ssbo0_idata[]; };", "atomicMax(fs_ssbo0_idata[4]",
              "atomicMin(fs_ssbo0_idata[0]" }, { "atomicCompSwap" }, NULL, false, NULL },
    { "ssbo_imax", T2G_TARGET_ESSL310,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "binding = 0) buffer fs_ssbo0_i", "atomicMax(fs_ssbo0_idata[4]" }, { NULL }, NULL,
      false, NULL },
    /* No room for another block under the host's limit: a compare-and-swap loop instead. */
    { "ssbo_imax_loop", T2G_TARGET_GLSL450,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "atomicCompSwap(fs_ssbo0_data[4], cas", "uint(max(int(cas" }, { "ssbo0_i" },
      key_ssbo_limit_1, false, NULL },
    /* Shared memory cannot be aliased: signed min through a CAS loop, result used. */
    { "shared_imin", T2G_TARGET_GLSL450,
      CS_SHARED_HEAD "  0: ATOMIMIN TEMP[0].x, MEMORY[0], IMM[0].yyyy, SV[0].xxxx\n"
      "  1: STORE BUFFER[0].x, IMM[0].xxxx, TEMP[0].xxxx\n  2: END\n",
      NULL, { "atomicCompSwap(shm0[1], cas", "uint(min(int(cas", "= int(cas" },
      { NULL }, NULL, false, NULL },
    { "shared_imin", T2G_TARGET_ESSL310,
      CS_SHARED_HEAD "  0: ATOMIMAX TEMP[0].x, MEMORY[0], IMM[0].yyyy, SV[0].xxxx\n"
      "  1: STORE BUFFER[0].x, IMM[0].xxxx, TEMP[0].xxxx\n  2: END\n",
      NULL, { "atomicCompSwap(shm0[1], cas", "uint(max(int(cas" }, { NULL }, NULL, false, NULL },
    /* Float add has no GLSL atomic on uint memory anywhere (4.60 included). */
    { "ssbo_fadd", T2G_TARGET_GLSL450,
      FS_SSBO_HEAD "  1: ATOMFADD TEMP[0].x, BUFFER[0], IMM[0].xxxx, IN[0].xxxx\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "floatBitsToUint(uintBitsToFloat(cas" }, { NULL }, NULL, false, NULL },
    /* Wrapping increment/decrement (result unused: the loop alone). */
    { "shared_wrap", T2G_TARGET_ESSL310,
      CS_SHARED_HEAD "  0: ATOMINC_WRAP TEMP[0].x, MEMORY[0], IMM[0].xxxx, IMM[0].yyyy\n"
      "  1: ATOMDEC_WRAP TEMP[0].y, MEMORY[0], IMM[0].yyyy, IMM[0].yyyy\n  2: END\n",
      NULL, { ">= 4u ? 0u : cas", "== 0u || cas" }, { NULL }, NULL, false, NULL },

    /* Corpus 543dbbf584d95cda: the fragment viewport index, glslang rejected it on ES.  An
     * ES host without GL_OES_viewport_array has one viewport (no stage can write
     * gl_ViewportIndex there): it reads as 0.  With the extension it is read (unchecked). */
    { "fs_viewport", T2G_TARGET_ESSL320,
      "FRAG\nDCL IN[0].x, VIEWPORT_INDEX, CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: IMAX TEMP[0], IN[0], IN[0]\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { NULL }, { "gl_ViewportIndex" }, NULL, true, NULL },
    { "fs_viewport_ext", T2G_TARGET_ESSL320,
      "FRAG\nDCL IN[0].x, VIEWPORT_INDEX, CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: IMAX TEMP[0], IN[0], IN[0]\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { "#extension GL_OES_viewport_array : require", "gl_ViewportIndex" }, { NULL }, NULL,
      false, NULL, 0, true },
    { "fs_viewport", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0].x, VIEWPORT_INDEX, CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: IMAX TEMP[0], IN[0], IN[0]\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { "gl_ViewportIndex" }, { NULL }, NULL, false, NULL },
    /* GLSL 3.30: a geometry shader may write it (GL_ARB_viewport_array), the fragment
     * shader cannot read it. */
    { "fs_viewport", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0].x, VIEWPORT_INDEX, CONSTANT\nDCL OUT[0], COLOR\n"
      "  0: MOV OUT[0], IN[0].xxxx\n  1: END\n",
      "gl_ViewportIndex is not available", { NULL }, { NULL }, NULL, false, NULL },

    /* Fuzz finding tests/regress/tgsi_parse/cs-huge-block.tgsi: layout values beyond GL's
     * limits are refused, never printed. */
    { "cs_huge_block", T2G_TARGET_GLSL450,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 4294967295\nPROPERTY CS_FIXED_BLOCK_HEIGHT 0\n"
      "PROPERTY CS_FIXED_BLOCK_DEPTH 65536\nDCL MEMORY[0], SHARED\n  0: END\n",
      "compute block width 4294967295 exceeds the host's limit of 1024", { NULL }, { NULL },
      NULL, false, NULL },
    { "cs_block_depth", T2G_TARGET_ESSL310,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 1\nPROPERTY CS_FIXED_BLOCK_DEPTH 65\n  0: END\n",
      "compute block depth 65 exceeds", { NULL }, { NULL }, NULL, false, NULL },
    { "cs_block_total", T2G_TARGET_GLSL450,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 64\nPROPERTY CS_FIXED_BLOCK_HEIGHT 32\n  0: END\n",
      "compute block invocations 2048 exceeds the host's limit of 1024", { NULL }, { NULL },
      NULL, false, NULL },
    { "cs_block_key", T2G_TARGET_GLSL450,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 8\nPROPERTY CS_FIXED_BLOCK_HEIGHT 16\n  0: END\n",
      "compute block invocations 128 exceeds the host's limit of 64", { NULL }, { NULL },
      key_cs_64, false, NULL },
    { "cs_block_ok", T2G_TARGET_GLSL450,
      "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 1024\n  0: END\n",
      NULL, { "local_size_x = 1024, local_size_y = 1, local_size_z = 1" }, { NULL }, NULL,
      false, NULL },
    { "gs_max_vertices", T2G_TARGET_GLSL450,
      "GEOM\nPROPERTY GS_INPUT_PRIMITIVE POINTS\nPROPERTY GS_OUTPUT_PRIMITIVE POINTS\n"
      "PROPERTY GS_MAX_OUTPUT_VERTICES 257\nPROPERTY GS_INVOCATIONS 1\n  0: END\n",
      "geometry shader max_vertices 257 exceeds", { NULL }, { NULL }, NULL, false, NULL },
    { "gs_invocations", T2G_TARGET_GLSL450,
      "GEOM\nPROPERTY GS_INPUT_PRIMITIVE POINTS\nPROPERTY GS_OUTPUT_PRIMITIVE POINTS\n"
      "PROPERTY GS_MAX_OUTPUT_VERTICES 4\nPROPERTY GS_INVOCATIONS 33\n  0: END\n",
      "geometry shader invocations 33 exceeds", { NULL }, { NULL }, NULL, false, NULL },
    { "tcs_vertices", T2G_TARGET_GLSL450,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 33\n  0: END\n",
      "tessellation control output vertices 33 exceeds", { NULL }, { NULL }, NULL, false, NULL },
    /* Bindings and locations beyond what the host (key) or target guarantees. */
    { "sampler_beyond_key", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[4]\n"
      "DCL SVIEW[4], 2D, FLOAT\n  0: TEX OUT[0], IN[0], SAMP[4], 2D\n  1: END\n",
      "sampler 4 is beyond the host's 4 per stage", { NULL }, { NULL }, key_samplers_4, false,
      NULL },
    { "sampler_beyond_target", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[200]\n"
      "DCL SVIEW[200], 2D, FLOAT\n  0: TEX OUT[0], IN[0], SAMP[200], 2D\n  1: END\n",
      "sampler binding 200 is beyond the 48", { NULL }, { NULL }, NULL, false, NULL },
    { "fs_output_location", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR[20]\n"
      "  0: MOV OUT[0], IN[0]\n  1: END\n",
      "fragment output 20", { NULL }, { NULL }, NULL, false, NULL },
    { "vs_attrib_location", T2G_TARGET_GLSL450,
      "VERT\nDCL IN[100]\nDCL OUT[0], POSITION\n  0: MOV OUT[0], IN[100]\n  1: END\n",
      "vertex attribute 100", { NULL }, { NULL }, NULL, false, NULL },

    /* Corpus 80a3750b6cd1ae24 / 864df868a07c0d56 / extra fe1b7796b66177aa: GLSL 3.30 has no
     * bitfieldExtract/Insert or umulExtended; shifts, masks and 16-bit pieces instead
     * (their arithmetic is checked against 64-bit products in the commit that added them). */
    { "bfe_330", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "IMM[0] INT32 {8, 4, 0, 0}\n"
      "  0: IBFE TEMP[0].x, IN[0].xxxx, IMM[0].xxxx, IMM[0].yyyy\n"
      "  1: UBFE TEMP[0].y, IN[0].xxxx, IN[0].yyyy, IN[0].zzzz\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { " << 20 >> 28", " == 0 ? 0u : " }, { "bitfieldExtract" }, NULL, false, NULL },
    { "bfi_330", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: BFI TEMP[0], IN[0], IN[0].yzwx, IN[0].zwxy, IN[0].wxyz\n"
      "  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { " & ~(0xffffffffu >> (32 - " }, { "bitfieldInsert" }, NULL, false, NULL },
    { "mul_hi_330", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0..1]\n"
      "  0: IMUL_HI TEMP[0], IN[0], IN[0].yzwx\n  1: IMUL_HI TEMP[1].x, IN[0].xxxx, IN[0].yyyy\n"
      "  2: ADD OUT[0], TEMP[0], TEMP[1].xxxx\n  3: END\n",
      NULL, { "uvec4(lessThan(ivec4(mha", "(int(mha" }, { "mulExtended" }, NULL, false, NULL },
    { "mul_hi_450", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: IMUL_HI TEMP[0], IN[0], IN[0].yzwx\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { "imulExtended(" }, { "mha" }, NULL, false, NULL },
    { "umul_hi_330", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: UMUL_HI TEMP[0], IN[0], IN[0].yzwx\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      NULL, { "uvec4 mhm", "+ (mhm" }, { "lessThan", "mulExtended" }, NULL, false, NULL },

    /* GLSL ES has no 1D or rectangle textures: 1D is a 2D texture of one row sampled at
     * y = 0.5 (fetched at y = 0), RECT a 2D texture addressed by coord / textureSize. */
    { "es_1d_sample", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], 1D, FLOAT\nDCL TEMP[0..2]\nIMM[0] INT32 {0, 0, 0, 0}\n"
      "  0: TEX TEMP[0], IN[0], SAMP[0], 1D\n  1: TXP TEMP[1], IN[0], SAMP[0], 1D\n"
      "  2: TXQ TEMP[2].x, IMM[0].xxxx, SAMP[0], 1D\n"
      "  3: ADD TEMP[0], TEMP[0], TEMP[1]\n  4: I2F TEMP[2].x, TEMP[2].xxxx\n"
      "  5: ADD OUT[0], TEMP[0], TEMP[2].xxxx\n  6: END\n",
      NULL, { "highp sampler2D fs_s0;", "texture(fs_s0, vec2(tc0.x, 0.5))",
              "texture(fs_s0, vec2(tc0.x / tc0.w, 0.5))", "textureSize(fs_s0, 0).x" },
      { "sampler1D", "textureProj" }, NULL, false, refl_sampler0_1d_as_2d },
    { "es_1d_fetch_offset", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], 1D, FLOAT\nDCL TEMP[0..1]\nIMM[0] INT32 {2, 0, 0, 0}\n"
      "  0: F2I TEMP[0], IN[0]\n  1: TXF TEMP[1], TEMP[0], SAMP[0], 1D\n"
      "  2: TEX TEMP[0], IN[0], SAMP[0], 1D, IMM[0].xxx\n  3: ADD OUT[0], TEMP[0], TEMP[1]\n  4: END\n",
      NULL, { "texelFetch(fs_s0, ivec2(", ", 0), ", "ivec2(2, 0))" }, { NULL }, NULL, false, NULL },
    { "es_1d_array_shadow", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], SHADOW1D_ARRAY, FLOAT\nDCL TEMP[0..1]\nIMM[0] INT32 {-1, 0, 0, 0}\n"
      "  0: TEX TEMP[0].x, IN[0], SAMP[0], SHADOW1D_ARRAY\n"
      "  1: TEX TEMP[1].x, IN[0], SAMP[0], SHADOW1D_ARRAY, IMM[0].xxx\n"
      "  2: ADD OUT[0], TEMP[0].xxxx, TEMP[1].xxxx\n  3: END\n",
      NULL, { "sampler2DArrayShadow fs_s0;", "texture(fs_s0, vec4(tc0.x, 0.5, tc0.y, tc0.z))",
              "textureGradOffset(fs_s0, vec4(tc0.x, 0.5, tc0.y, tc0.z), vec2(dFdx(tc0.x), 0.0)",
              "ivec2(-1, 0))" }, { NULL }, NULL, false, NULL },
    { "es_1d_array_size", T2G_TARGET_ESSL320,
      "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL SAMP[0]\nDCL SVIEW[0], 1D_ARRAY, FLOAT\n"
      "DCL TEMP[0]\nIMM[0] INT32 {0, 0, 0, 0}\n"
      "  0: TXQ TEMP[0].xy, IMM[0].xxxx, SAMP[0], 1D_ARRAY\n  1: I2F TEMP[0], TEMP[0]\n"
      "  2: TXL TEMP[0], IN[0], SAMP[0], 1D_ARRAY\n  3: MOV OUT[0], TEMP[0]\n  4: END\n",
      NULL, { "textureLod(vs_s0, vec3(a0.x, 0.5, a0.y), a0.w)" }, { NULL }, NULL, false, NULL },
    { "es_1d_image", T2G_TARGET_ESSL310,
      "COMP\nDCL SV[0], THREAD_ID\nDCL IMAGE[0], 1D_ARRAY, PIPE_FORMAT_R32G32B32A32_FLOAT\n"
      "DCL TEMP[0]\n  0: RESQ TEMP[0].xy, IMAGE[0], 1D_ARRAY, PIPE_FORMAT_R32G32B32A32_FLOAT\n"
      "  1: STORE IMAGE[0], SV[0].xyyy, TEMP[0], 1D_ARRAY, PIPE_FORMAT_R32G32B32A32_FLOAT\n"
      "  2: END\n",
      NULL, { "image2DArray cs_img0;", "imageSize(cs_img0).xz", "imageStore(cs_img0, ivec3(" },
      { NULL }, NULL, false, refl_image0_1darray_as_2darray },
    { "es_rect", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], RECT, FLOAT\nDCL TEMP[0..2]\nIMM[0] INT32 {0, 0, 0, 0}\n"
      "  0: TEX TEMP[0], IN[0], SAMP[0], RECT\n  1: F2I TEMP[1], IN[0]\n"
      "  2: TXF TEMP[1], TEMP[1], SAMP[0], RECT\n  3: TXQ TEMP[2].xy, IMM[0].xxxx, SAMP[0], RECT\n"
      "  4: I2F TEMP[2].xy, TEMP[2].xyyy\n  5: TXP TEMP[2].zw, IN[0], SAMP[0], RECT\n"
      "  6: ADD TEMP[0], TEMP[0], TEMP[1]\n  7: ADD OUT[0], TEMP[0], TEMP[2]\n  8: END\n",
      NULL, { "texture(fs_s0, tc0.xy / vec2(textureSize(fs_s0, 0)))", "texelFetch(fs_s0, ",
              "textureSize(fs_s0, 0)", "tc0.xy / tc0.w / vec2(textureSize(fs_s0, 0))" },
      { "2DRect" }, NULL, false, NULL },
    { "es_rect_shadow_grad", T2G_TARGET_ESSL310,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL IN[1], TEXCOORD[1], PERSPECTIVE\n"
      "DCL OUT[0], COLOR\nDCL SAMP[0]\nDCL SVIEW[0], SHADOWRECT, FLOAT\nDCL SAMP[1]\n"
      "DCL SVIEW[1], RECT, FLOAT\nDCL TEMP[0..1]\n"
      "  0: TEX TEMP[0].x, IN[0], SAMP[0], SHADOWRECT\n"
      "  1: TXD TEMP[1], IN[0], IN[1], IN[1].yxzw, SAMP[1], RECT\n"
      "  2: ADD OUT[0], TEMP[0].xxxx, TEMP[1]\n  3: END\n",
      NULL, { "sampler2DShadow fs_s0;", "texture(fs_s0, vec3(tc0.xy / vec2(textureSize(fs_s0, 0)), tc0.z))",
              "textureGrad(fs_s1, tc0.xy / vec2(textureSize(fs_s1, 0)), tc1.xy / vec2(textureSize(fs_s1, 0))" },
      { NULL }, NULL, false, NULL },
    /* Desktop keeps its native targets. */
    { "rect_desktop", T2G_TARGET_GLSL330,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], RECT, FLOAT\n  0: TEX OUT[0], IN[0], SAMP[0], RECT\n  1: END\n",
      NULL, { "sampler2DRect fs_s0;", "texture(fs_s0, tc0.xy)" }, { NULL }, NULL, false,
      refl_sampler0_native_rect },

    /* Store-only images are declared without a format (corpus: 116 shaders); the key's
     * image_format gives it, on desktop too; unknown stays a refusal on ES. */
    { "image_key_format", T2G_TARGET_ESSL310, CS_IMAGE_STORE,
      NULL, { "layout(rgba8, binding = 0) uniform writeonly highp image2D cs_img0;" }, { NULL },
      key_image0_rgba8, false, NULL },
    { "image_key_format_uint", T2G_TARGET_ESSL320, CS_IMAGE_STORE,
      NULL, { "layout(r32ui, binding = 0) uniform writeonly highp uimage2D cs_img0;",
              "imageStore(cs_img0, ivec2(gl_LocalInvocationID.xy), uvec4(0u, 1065353216u, " },
      { NULL }, key_image0_r32ui, false, NULL },
    { "image_key_format", T2G_TARGET_GLSL450, CS_IMAGE_STORE,
      NULL, { "layout(rgba32f, binding = 0) uniform writeonly image2D cs_img0;" }, { NULL },
      key_image0_rgba32f, false, NULL },
    /* Desktop formats beyond ES's come through GL_NV_image_formats where the host has it
     * (llvmpipe's GLES does); the 16-bit normalized ones need GL_EXT_texture_norm16 too. */
    { "image_key_format_not_es", T2G_TARGET_ESSL310, CS_IMAGE_STORE,
      "this image format needs GL_NV_image_formats, which the host does not advertise",
      { NULL }, { NULL }, key_image0_rg16f, true, NULL },
    { "image_key_format_nv", T2G_TARGET_ESSL310, CS_IMAGE_STORE,
      NULL, { "#extension GL_NV_image_formats : require",
              "layout(rg16f, binding = 0) uniform writeonly highp image2D cs_img0;" },
      { NULL }, key_image0_rg16f, false, NULL, 0, true },
    { "image_key_format_norm16", T2G_TARGET_ESSL320, CS_IMAGE_STORE,
      NULL, { "#extension GL_NV_image_formats : require",
              "layout(r16, binding = 0) uniform writeonly highp image2D cs_img0;" },
      { NULL }, key_image0_r16, false, NULL, 0, true },
    { "image_key_format_no_norm16", T2G_TARGET_ESSL320, CS_IMAGE_STORE,
      "image format r16 needs GL_EXT_texture_norm16", { NULL }, { NULL }, key_image0_r16_nv_only,
      false, NULL },
    { "image_key_format_unknown", T2G_TARGET_ESSL310, CS_IMAGE_STORE,
      "image stores without a format is not available", { NULL }, { NULL }, key_image0_bad,
      false, NULL },
    { "image_no_format_desktop", T2G_TARGET_GLSL450, CS_IMAGE_STORE,
      NULL, { "layout(binding = 0) uniform writeonly image2D cs_img0;" }, { NULL }, NULL, false,
      NULL },

    /* DEMOTE: demote-to-helper where the host has the extension (helper reads then see the
     * demoted lanes), else discard. */
    { "demote_ext", T2G_TARGET_GLSL450, FS_DEMOTE,
      NULL, { "#extension GL_EXT_demote_to_helper_invocation : require", "demote;",
              "helperInvocationEXT()" }, { "discard" }, key_demote, true, NULL },
    { "demote_ext", T2G_TARGET_ESSL320, FS_DEMOTE,
      NULL, { "demote;", "helperInvocationEXT()" }, { "discard" }, key_demote, true, NULL },
    { "demote_discard", T2G_TARGET_GLSL450, FS_DEMOTE,
      NULL, { "discard;", "gl_HelperInvocation" }, { "demote", "GL_EXT_demote" }, NULL, true,
      NULL },

    /* Indices the guest computes are clamped into the array they index: GLSL leaves an
     * index out of range undefined, and llvmpipe read before a TCS's input patch for the
     * fuzzed IN[-SV[0].x] (tests/regress/vtest/tcs-negative-vertex-index-llvmpipe-oob-read).
     * Tessellation inputs are bounded by the patch's size at the draw; gl_InvocationID, the
     * only index a TCS output may be written with, needs no clamp. */
    { "index_clamp_tcs", T2G_TARGET_GLSL450,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 4\nDCL IN[][0], GENERIC[0]\nDCL SV[0], INVOCATIONID\n"
      "DCL OUT[0], TESSOUTER\nDCL OUT[][1], GENERIC[0]\nDCL TEMP[0]\nDCL ADDR[0]\n"
      "  0: UARL ADDR[0].x, -SV[0].xxxx\n  1: MOV TEMP[0], IN[ADDR[0].x][0]\n"
      "  2: MOV OUT[SV[0].x][1], TEMP[0]\n  3: MOV OUT[0], IN[2][0]\n  4: END\n",
      NULL, { "o_g0[gl_InvocationID].g0 = i_g0[min(uint(-gl_InvocationID), "
              "uint(gl_PatchVerticesIn - 1))].g0;",
              "i_g0[min(2, gl_PatchVerticesIn - 1)].g0.x" }, { NULL }, NULL, false, NULL },
    { "index_clamp_tcs", T2G_TARGET_ESSL320,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 4\nDCL IN[][0], GENERIC[0]\nDCL SV[0], INVOCATIONID\n"
      "DCL OUT[0], TESSOUTER\nDCL OUT[][1], GENERIC[0]\nDCL TEMP[0]\nDCL ADDR[0]\n"
      "  0: UARL ADDR[0].x, -SV[0].xxxx\n  1: MOV TEMP[0], IN[ADDR[0].x][0]\n"
      "  2: MOV OUT[SV[0].x][1], TEMP[0]\n  3: MOV OUT[0], IN[2][0]\n  4: END\n",
      NULL, { "i_g0[min(uint(-gl_InvocationID), uint(gl_PatchVerticesIn - 1))]" }, { NULL },
      NULL, false, NULL },
    /* Temporary arrays (reads and writes) and constant buffers by their declared sizes. */
    { "index_clamp_temps_consts", T2G_TARGET_GLSL450,
      "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL CONST[0..7]\nDCL TEMP[0..3], ARRAY(1)\n"
      "DCL ADDR[0]\n  0: ARL ADDR[0].x, IN[0].xxxx\n  1: MOV TEMP[0], IN[0]\n"
      "  2: MOV TEMP[1], CONST[ADDR[0].x+2]\n  3: MOV TEMP[ADDR[0].x+1], IN[0]\n"
      "  4: ADD OUT[0], TEMP[ADDR[0].x], TEMP[1]\n  5: END\n",
      NULL, { "vs_u0[min(uint(t2) + 2u, 7u)]", "r0[min(uint(t2) + 1u, 3u)] = a0;",
              "r0[min(uint(t2), 3u)]", "r0[1]" }, { NULL }, NULL, false, NULL },
    /* Geometry inputs by the input primitive's vertex count. */
    { "index_clamp_gs_vertex", T2G_TARGET_GLSL450,
      "GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nPROPERTY GS_OUTPUT_PRIMITIVE POINTS\n"
      "PROPERTY GS_MAX_OUTPUT_VERTICES 1\nPROPERTY GS_INVOCATIONS 1\nDCL IN[][0], POSITION\n"
      "DCL OUT[0], POSITION\nDCL ADDR[0]\nIMM[0] UINT32 {0, 0, 0, 0}\n"
      "  0: ARL ADDR[0].x, IN[0][0].xxxx\n  1: MOV OUT[0], IN[ADDR[0].x][0]\n"
      "  2: EMIT IMM[0].xxxx\n  3: END\n",
      NULL, { "gl_in[min(uint(t2), 2u)].gl_Position" }, { NULL }, NULL, false, NULL },
    /* Shared memory by its declared words (storage buffers are the driver's to bound). */
    { "index_clamp_shared", T2G_TARGET_GLSL450,
      CS_SHARED_HEAD "  0: LOAD TEMP[0].x, BUFFER[0], IMM[0].xxxx\n"
      "  1: STORE MEMORY[0].x, TEMP[0].xxxx, SV[0].xxxx\n"
      "  2: LOAD TEMP[1].x, MEMORY[0], SV[0].xxxx\n  3: STORE BUFFER[0].x, IMM[0].yyyy, TEMP[1].xxxx\n"
      "  4: END\n",
      NULL, { "shm0[min(t1 >> 2u, 4095u)] = ", "shm0[min(gl_LocalInvocationID.x >> 2u, 4095u)]",
              "ssbo0_data[1] = " }, { NULL }, NULL, false, NULL },
    /* Sampler arrays by their length. */
    { "index_clamp_sampler_array", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0..3]\n"
      "DCL SVIEW[0..3], 2D, FLOAT\nDCL ADDR[2]\n  0: UARL ADDR[2].x, IN[0].xxxx\n"
      "  1: TEX OUT[0], IN[0], SAMP[ADDR[2].x], 2D\n  2: END\n",
      NULL, { "fs_s0[min(uint(floatBitsToInt(g0.x)), 3u)]" }, { NULL }, NULL, false, NULL },

    /* Per-vertex I/O arrays addressed indirectly (each varying is its own block array, so
     * there is no GLSL array to index): loads pick from an array constructor, stores
     * switch on the index.  interpolateAt* on an indirectly indexed input likewise. */
    { "gs_indirect_input", T2G_TARGET_GLSL450,
      "GEOM\nPROPERTY GS_INPUT_PRIMITIVE TRIANGLES\nPROPERTY GS_OUTPUT_PRIMITIVE TRIANGLE_STRIP\n"
      "PROPERTY GS_MAX_OUTPUT_VERTICES 3\nPROPERTY GS_INVOCATIONS 1\nDCL IN[][0], POSITION\n"
      "DCL IN[][1..3], ARRAY(1), GENERIC[1]\nDCL OUT[0], POSITION\nDCL OUT[1], GENERIC[0]\n"
      "DCL ADDR[0]\nIMM[0] FLT32 {1.0, 0.0, 0.0, 0.0}\n  0: ARL ADDR[0].x, IN[0][0].xxxx\n"
      "  1: MOV OUT[0], IN[0][0]\n  2: MOV OUT[1], IN[1][ADDR[0].x+2]\n  3: EMIT IMM[0].yyyy\n"
      "  4: END\n",
      NULL, { "vec4[3](i_g1[1].g1, i_g2[1].g2, i_g3[1].g3)[min(uint(t", ") + 1u, 2u)]" }, { NULL }, NULL,
      false, NULL },
    { "tcs_indirect_output", T2G_TARGET_ESSL320,
      "TESS_CTRL\nPROPERTY TCS_VERTICES_OUT 3\nDCL IN[][0], GENERIC[0]\nDCL SV[0], INVOCATIONID\n"
      "DCL OUT[0], TESSOUTER\nDCL OUT[][1..2], ARRAY(1), GENERIC[1]\nDCL ADDR[0]\n"
      "  0: ARL ADDR[0].x, IN[0][0].xxxx\n  1: MOV OUT[SV[0].x][ADDR[0].x+1].xy, IN[SV[0].x][0]\n"
      "  2: MOV OUT[0], OUT[0][ADDR[0].x+1]\n  3: END\n",
      NULL, { "case 1:\n\t\to_g2[gl_InvocationID].g2.xy = ", "vec4[2](o_g1[0].g1, o_g2[0].g2)[" },
      { NULL }, NULL, false, NULL },
    { "interp_indirect", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0..2], ARRAY(1), GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL ADDR[0]\n"
      "DCL TEMP[0..1]\nIMM[0] FLT32 {0.1, 0.2, 0.0, 0.0}\n  0: ARL ADDR[0].x, IN[0].xxxx\n"
      "  1: INTERP_OFFSET TEMP[0], IN[ADDR[0].x+1], IMM[0].xyyy\n  2: MOV TEMP[1], IN[ADDR[0].x]\n"
      "  3: ADD OUT[0], TEMP[0], TEMP[1]\n  4: END\n",
      NULL, { "vec4[3](interpolateAtOffset(g0, vec2(0.1, 0.2)), interpolateAtOffset(g1, ",
              "vec4 io0[3] = vec4[](g0, g1, g2);" }, { NULL }, NULL, false, NULL },
    { "interp_indirect", T2G_TARGET_ESSL320,
      "FRAG\nDCL IN[0..2], ARRAY(1), GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL ADDR[0]\n"
      "DCL TEMP[0]\n  0: ARL ADDR[0].x, IN[0].xxxx\n"
      "  1: INTERP_CENTROID TEMP[0], IN[ADDR[0].x]\n  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "vec4[3](interpolateAtCentroid(g0), interpolateAtCentroid(g1), " }, { "io0" },
      NULL, false, NULL },

    /* The translator's subgroup ops (GL_ARB_shader_group_vote / _ballot) and framebuffer
     * fetch (GL_EXT_shader_framebuffer_fetch: inout output copied as main() starts; glslang
     * does not know the extension, so that case is not validated). */
    { "subgroup", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0..2]\n"
      "IMM[0] UINT32 {3, 0, 0, 0}\n  0: VOTE_ANY TEMP[0].x, IN[0].xxxx\n"
      "  1: VOTE_ALL TEMP[0].y, IN[0].yyyy\n  2: BALLOT TEMP[1].xy, IN[0].zzzz\n"
      "  3: READ_FIRST TEMP[2].xy, IN[0]\n  4: READ_INVOC TEMP[2].zw, IN[0], IMM[0].xxxx\n"
      "  5: ADD TEMP[0], TEMP[0], TEMP[1]\n  6: ADD OUT[0], TEMP[0], TEMP[2]\n  7: END\n",
      NULL, { "anyInvocationARB(floatBitsToUint(g0.x) != 0u)",
              "unpackUint2x32(ballotARB(floatBitsToUint(g0.z) != 0u))",
              "readFirstInvocationARB(floatBitsToUint(g0.xy))", "readInvocationARB(" },
      { NULL }, NULL, false, NULL, T2G_COMPILE_NO_OPT, false },
    { "subgroup", T2G_TARGET_ESSL320,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: VOTE_ANY TEMP[0].x, IN[0].xxxx\n  1: MOV OUT[0], TEMP[0]\n  2: END\n",
      "subgroup votes is not available", { NULL }, { NULL }, NULL, false, NULL,
      T2G_COMPILE_NO_OPT, false },
    { "fbfetch", T2G_TARGET_GLSL450,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: FBFETCH TEMP[0], OUT[0]\n  1: ADD OUT[0], TEMP[0], IN[0]\n  2: END\n",
      NULL, { "#extension GL_EXT_shader_framebuffer_fetch : require",
              "layout(location = 0) inout vec4 o0;", "\tvec4 fb0 = o0;\n", " = fb0;\n" },
      { NULL }, key_fbfetch, true, NULL, 0, true },
    /* ES 2.0 hosts (essl100): the GL 2.1 guest's usual vertex shader -- constants,
     * attributes by name, a driver uniform (the point size GLES takes from the shader). */
    { "es100_vs", T2G_TARGET_ESSL100,
      "VERT\nDCL IN[0]\nDCL OUT[0], POSITION\nDCL OUT[1], COLOR\nDCL CONST[0][0..1]\n"
      "DCL TEMP[0]\n  0: MUL TEMP[0], IN[0], CONST[0][0]\n  1: ADD OUT[0], TEMP[0], CONST[0][1]\n"
      "  2: MOV OUT[1], IN[0]\n  3: END\n",
      NULL, { "#version 100", "attribute vec4 a0;", "uniform vec4 vs_u0[2];", "varying vec4 c0;" },
      { "layout", " in " }, key_es100_clip_plane, false, refl_es100_uniform_arrays },
    /* ... and fragment shader: gl_FragData, texture2D, no flat (glShadeModel(GL_FLAT) is
     * smooth there), derivatives through GL_OES_standard_derivatives. */
    { "es100_fs_texture", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], COLOR, COLOR\nDCL IN[1], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\n"
      "DCL SAMP[0]\nDCL SVIEW[0], 2D, FLOAT\nDCL TEMP[0]\n"
      "  0: TEX TEMP[0], IN[1], SAMP[0], 2D\n  1: DDX TEMP[0].w, IN[1].xxxx\n"
      "  2: MUL OUT[0], TEMP[0], IN[0]\n  3: END\n",
      NULL, { "#define o0 gl_FragData[0]", "texture2D(fs_s0, tc0.xy)", "varying vec4 c0;",
              "#extension GL_OES_standard_derivatives : require" },
      { "flat", "texture(" }, NULL, false, NULL },
    { "es100_fs_txp_shadow_3d", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\nDCL SAMP[1]\n"
      "DCL SVIEW[0], SHADOW2D, FLOAT\nDCL SVIEW[1], 3D, FLOAT\nDCL TEMP[0..1]\n"
      "  0: TXP TEMP[0], IN[0], SAMP[0], SHADOW2D\n  1: TEX TEMP[1], IN[0], SAMP[1], 3D\n"
      "  2: ADD OUT[0], TEMP[0], TEMP[1]\n  3: END\n",
      NULL, { "shadow2DEXT(fs_s0, vec3(tc0.xy / tc0.w", "texture3D(fs_s1, tc0.xyz)",
              "#extension GL_EXT_shadow_samplers : require",
              "#extension GL_OES_texture_3D : require" },
      { NULL }, NULL, false, NULL, 0, true },
    /* A register array read at a computed index: clamped into the array without uint or an
     * integer clamp(), which GLSL ES 1.00 lacks (glmark2's loop and conditionals scenes). */
    { "es100_temp_array_index_clamp", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\n"
      "DCL TEMP[0..2], ARRAY(1), LOCAL\nDCL ADDR[0]\n"
      "  0: MOV TEMP[0], IN[0]\n  1: MOV TEMP[1], IN[0].yyyy\n  2: MOV TEMP[2], IN[0].zzzz\n"
      "  3: ARL ADDR[0].x, IN[0].wwww\n  4: MOV OUT[0], TEMP[ADDR[0].x](1)\n  5: END\n",
      NULL, { "[int(clamp(float(", "), 0.0, 2.0))]" }, { "uint", "min(" }, NULL, false, NULL },
    /* Integers are floats in the guest's TGSI: a shift its optimizer left (a mat2 array's
     * index * 2 as index << 1, the count a float 1.0) multiplies (piglit
     * fs-temp-array-mat2-index-col-row-rd); the count's bits would shift by 0. */
    { "es100_shift_of_floats", T2G_TARGET_ESSL100,
      "FRAG\nDCL OUT[0], COLOR\nDCL CONST[0..9]\nDCL TEMP[0..1]\nDCL ADDR[0]\n"
      "IMM[0] FLT32 {0x3f800000, 0x00000000, 0x00000000, 0x00000000}\n"
      "  0: SHL TEMP[0].x, CONST[0].xxxx, IMM[0].xxxx\n  1: ADD TEMP[1].x, TEMP[0].xxxx, CONST[1].xxxx\n"
      "  2: ARL ADDR[0].x, TEMP[1].xxxx\n  3: MOV OUT[0], CONST[ADDR[0].x+4]\n"
      "  4: USHR TEMP[0].x, CONST[2].xxxx, IMM[0].xxxx\n  5: MOV OUT[0].x, TEMP[0].xxxx\n  6: END\n",
      NULL, { "fs_u0[0].x * 2.0 + fs_u0[1].x", "floor(fs_u0[2].x * 0.5)" }, { "uint", ">>" },
      NULL, false, NULL },
    /* What an ES 2.0 host's texture cannot do, the shader does: sRGB decoded after the
     * lookup (piglit ext_texture_srgb tex-srgb), a view's swizzle (glmark2's desktop
     * scenes: an RGB texture whose unused byte is not one). */
    { "es100_sampler_views", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], TEXCOORD[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\nDCL SAMP[1]\n"
      "DCL SVIEW[0], 2D, FLOAT\nDCL SVIEW[1], 2D, FLOAT\nDCL TEMP[0..1]\n"
      "  0: TEX TEMP[0], IN[0], SAMP[0], 2D\n  1: TEX TEMP[1], IN[0], SAMP[1], 2D\n"
      "  2: ADD OUT[0], TEMP[0], TEMP[1]\n  3: END\n",
      NULL, { "pow((t", " + 0.055) / 1.055, vec3(2.4))", "/ 12.92", ".xyz, 1.0)" },
      { NULL }, key_es100_views, false, NULL },
    /* What the dialect cannot say is refused, with the reason. */
    { "es100_refuses_uint", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL TEMP[0]\n"
      "  0: F2U TEMP[0].x, IN[0].xxxx\n  1: UADD TEMP[0].x, TEMP[0].xxxx, TEMP[0].xxxx\n"
      "  2: U2F OUT[0], TEMP[0].xxxx\n  3: END\n",
      "GLSL ES 1.00 cannot express this shader: unsigned integers", { NULL }, { NULL }, NULL,
      false, NULL },
    { "es100_refuses_mrt_without_ext", T2G_TARGET_ESSL100,
      "FRAG\nDCL OUT[0], COLOR\nDCL OUT[1], COLOR[1]\nIMM[0] FLT32 {0.0, 1.0, 0.0, 0.0}\n"
      "  0: MOV OUT[0], IMM[0].xxxx\n  1: MOV OUT[1], IMM[0].yyyy\n  2: END\n",
      "fragment outputs past the first needs GL_EXT_draw_buffers", { NULL }, { NULL },
      key_es100_plain, true, NULL },
    { "es100_refuses_txf", T2G_TARGET_ESSL100,
      "FRAG\nDCL IN[0], GENERIC[0], PERSPECTIVE\nDCL OUT[0], COLOR\nDCL SAMP[0]\n"
      "DCL SVIEW[0], 2D, FLOAT\n  0: TXF OUT[0], IN[0], SAMP[0], 2D\n  1: END\n",
      "texel fetches", { NULL }, { NULL }, NULL, false, NULL },
    /* KHR_blend_equation_advanced (ES 3.2 needs it; piglit glsl-bug-110796 asks for an ES
     * 3.2 context): the modes the guest's shader declares, bit n for Mesa's mode n, become
     * layout(blend_support_*) and the reflection's fs_blend_support, which the renderer
     * checks before setting an advanced equation.  Core in ESSL 3.20, an extension before
     * and on desktop GL, refused where the host lacks it or for a bit that is no mode. */
    { "blend_support", T2G_TARGET_GLSL450, FS_BLEND_ADVANCED("6"),
      NULL, { "#extension GL_KHR_blend_equation_advanced : require",
              "layout(blend_support_multiply) out;", "layout(blend_support_screen) out;" },
      { "blend_support_overlay", NULL }, NULL, false, refl_blend_multiply_screen },
    { "es_blend_support", T2G_TARGET_ESSL320, FS_BLEND_ADVANCED("32768"),
      NULL, { "layout(blend_support_hsl_luminosity) out;" },
      { "#extension GL_KHR_blend_equation_advanced", NULL }, NULL, true, NULL },
    { "es310_blend_support", T2G_TARGET_ESSL310, FS_BLEND_ADVANCED("2"),
      NULL, { "#extension GL_KHR_blend_equation_advanced : require",
              "layout(blend_support_multiply) out;" }, { NULL }, NULL, false, NULL },
    { "blend_support_refused_without_ext", T2G_TARGET_GLSL450, FS_BLEND_ADVANCED("2"),
      "advanced blend equations needs GL_KHR_blend_equation_advanced", { NULL }, { NULL },
      NULL, true, NULL },
    { "blend_support_refuses_mode_0", T2G_TARGET_GLSL450, FS_BLEND_ADVANCED("3"),
      "advanced blend equation bits 0x3", { NULL }, { NULL }, NULL, false, NULL },
    /* EXT_texture_shadow_lod (piglit ext_texture_shadow_lod): textureLod on shadow cube and
     * 2D array samplers (TXL2, TXL), a bias on shadow cube arrays (TXB2); refused where the
     * host lacks the extension. */
    { "shadow_lod_cube", T2G_TARGET_GLSL450, FS_SHADOW_TEX("SHADOWCUBE", "TXL2", ", IMM[0].xxxx"),
      NULL, { "#extension GL_EXT_texture_shadow_lod : require",
              "textureLod(fs_s0, vec4(", ", 0.5));" }, { NULL }, NULL, false, NULL, 0, true },
    { "es_shadow_lod_2d_array", T2G_TARGET_ESSL320, FS_SHADOW_TEX("SHADOW2D_ARRAY", "TXL", ""),
      NULL, { "#extension GL_EXT_texture_shadow_lod : require",
              "textureLod(fs_s0, vec4(" }, { NULL }, NULL, false, NULL, 0, true },
    { "shadow_bias_cube_array", T2G_TARGET_GLSL450,
      FS_SHADOW_TEX("SHADOWCUBEARRAY", "TXB2", ", IMM[0].xxxx"),
      NULL, { "#extension GL_EXT_texture_shadow_lod : require", ", 0.5, 0.5)" }, { NULL },
      NULL, false, NULL, 0, true },
    { "shadow_lod_refused_without_ext", T2G_TARGET_GLSL450,
      FS_SHADOW_TEX("SHADOWCUBE", "TXL2", ", IMM[0].xxxx"),
      "explicit-LOD shadow lookups on cube/array textures needs GL_EXT_texture_shadow_lod",
      { NULL }, { NULL }, NULL, true, NULL },
};
