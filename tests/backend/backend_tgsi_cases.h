/* The backend's TGSI regression cases (included by backend_tgsi.c): one row per target and
 * expectation.  Each comment says which bug or emulation the case pins down. */

#define FS_SSBO_HEAD "FRAG\nDCL IN[0], GENERIC[0], CONSTANT\nDCL OUT[0], COLOR\nDCL BUFFER[0]\n" \
                     "DCL TEMP[0..1]\nIMM[0] UINT32 {16, 0, 0, 0}\n  0: F2I TEMP[1], IN[0]\n"
#define CS_SHARED_HEAD "COMP\nPROPERTY CS_FIXED_BLOCK_WIDTH 8\nPROPERTY CS_FIXED_BLOCK_HEIGHT 1\n" \
                       "PROPERTY CS_FIXED_BLOCK_DEPTH 1\nDCL SV[0], THREAD_ID\nDCL BUFFER[0]\n" \
                       "DCL MEMORY[0], SHARED\nDCL TEMP[0..1]\nIMM[0] UINT32 {0, 4, 0, 0}\n"

static const tgsi_case cases[] = {
    /* Corpus 6e1037803047a95e: signed max on a storage buffer (no GLSL function on uint
     * memory) goes through an int view of the same block. */
    { "ssbo_imax", T2G_TARGET_GLSL450,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: ATOMIMIN TEMP[0].y, BUFFER[0], IMM[0].yyyy, TEMP[1].yyyy\n"
      "  3: MOV OUT[0], TEMP[0]\n  4: END\n",
      NULL, { "buffer ssbo0_i { int ssbo0_idata[]; };", "atomicMax(ssbo0_idata[4]",
              "atomicMin(ssbo0_idata[0]" }, { "atomicCompSwap" }, NULL, false, NULL },
    { "ssbo_imax", T2G_TARGET_ESSL310,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "binding = 0) buffer ssbo0_i", "atomicMax(ssbo0_idata[4]" }, { NULL }, NULL,
      false, NULL },
    /* No room for another block under the host's limit: a compare-and-swap loop instead. */
    { "ssbo_imax_loop", T2G_TARGET_GLSL450,
      FS_SSBO_HEAD "  1: ATOMIMAX TEMP[0].x, BUFFER[0], IMM[0].xxxx, TEMP[1].xxxx\n"
      "  2: MOV OUT[0], TEMP[0]\n  3: END\n",
      NULL, { "atomicCompSwap(ssbo0_data[4], cas", "uint(max(int(cas" }, { "ssbo0_i" },
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
};
