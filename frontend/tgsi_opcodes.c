/* The opcode table generated from tgsi_opcodes.def, the text-format flags, and name lookup. */
#include "tgsi_opcodes.h"

#include <string.h>

#define OPC(name, ndst, nsrc, kind, st, dt) \
    [TGSI_OPCODE_##name] = { #name, ndst, nsrc, TGSI_KIND_##kind, TGSI_TYPE_##st, TGSI_TYPE_##dt },
const tgsi_opcode_info tgsi_opcode_infos[TGSI_OPCODE_COUNT] = {
#include "tgsi_opcodes.def"
};
#undef OPC

enum {
    TEX = TGSI_OPF_TEX_TARGET | TGSI_OPF_TEX_OFFSETS,
    SAMPLE = TGSI_OPF_TEX_OFFSETS,
    MEM = TGSI_OPF_MEMORY,
    LABEL = TGSI_OPF_LABEL,
    IN = TGSI_OPF_INDENT,
    OUT = TGSI_OPF_DEDENT,
};

const uint8_t tgsi_opcode_flags[TGSI_OPCODE_COUNT] = {
    [TGSI_OPCODE_TEX] = TEX, [TGSI_OPCODE_TXD] = TEX, [TGSI_OPCODE_TXP] = TEX,
    [TGSI_OPCODE_TXB] = TEX, [TGSI_OPCODE_TXL] = TEX, [TGSI_OPCODE_TXF] = TEX,
    [TGSI_OPCODE_TXQ] = TEX, [TGSI_OPCODE_TXQS] = TEX, [TGSI_OPCODE_TEX2] = TEX,
    [TGSI_OPCODE_TXB2] = TEX, [TGSI_OPCODE_TXL2] = TEX, [TGSI_OPCODE_TG4] = TEX,
    [TGSI_OPCODE_LODQ] = TEX, [TGSI_OPCODE_SAMP2HND] = TEX | MEM,
    /* SAMPLE..GATHER4 carry a Texture token (for offsets) but print no target. */
    [TGSI_OPCODE_SAMPLE] = SAMPLE, [TGSI_OPCODE_SAMPLE_I] = SAMPLE,
    [TGSI_OPCODE_SAMPLE_I_MS] = SAMPLE, [TGSI_OPCODE_SAMPLE_B] = SAMPLE,
    [TGSI_OPCODE_SAMPLE_C] = SAMPLE, [TGSI_OPCODE_SAMPLE_C_LZ] = SAMPLE,
    [TGSI_OPCODE_SAMPLE_D] = SAMPLE, [TGSI_OPCODE_SAMPLE_L] = SAMPLE,
    [TGSI_OPCODE_GATHER4] = SAMPLE,
    [TGSI_OPCODE_LOAD] = MEM, [TGSI_OPCODE_STORE] = MEM, [TGSI_OPCODE_RESQ] = MEM,
    [TGSI_OPCODE_IMG2HND] = MEM, [TGSI_OPCODE_BARRIER] = MEM,
    [TGSI_OPCODE_ATOMUADD] = MEM, [TGSI_OPCODE_ATOMXCHG] = MEM, [TGSI_OPCODE_ATOMCAS] = MEM,
    [TGSI_OPCODE_ATOMAND] = MEM, [TGSI_OPCODE_ATOMOR] = MEM, [TGSI_OPCODE_ATOMXOR] = MEM,
    [TGSI_OPCODE_ATOMUMIN] = MEM, [TGSI_OPCODE_ATOMUMAX] = MEM, [TGSI_OPCODE_ATOMIMIN] = MEM,
    [TGSI_OPCODE_ATOMIMAX] = MEM, [TGSI_OPCODE_ATOMFADD] = MEM,
    [TGSI_OPCODE_ATOMINC_WRAP] = MEM, [TGSI_OPCODE_ATOMDEC_WRAP] = MEM,
    [TGSI_OPCODE_IF] = LABEL | IN, [TGSI_OPCODE_UIF] = LABEL | IN,
    [TGSI_OPCODE_ELSE] = LABEL | OUT | IN, [TGSI_OPCODE_ENDIF] = OUT,
    [TGSI_OPCODE_BGNLOOP] = LABEL | IN, [TGSI_OPCODE_ENDLOOP] = LABEL | OUT,
    [TGSI_OPCODE_CAL] = LABEL, [TGSI_OPCODE_BGNSUB] = LABEL | IN,
    [TGSI_OPCODE_ENDSUB] = OUT,
};

static int upper(int c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; }

int tgsi_opcode_lookup(const char *name, unsigned len)
{
    for (int i = 0; i < TGSI_OPCODE_COUNT; i++) {
        const char *n = tgsi_opcode_infos[i].name;
        unsigned j = 0;
        while (j < len && n[j] && n[j] == upper((unsigned char)name[j]))
            j++;
        if (j == len && !n[j])
            return i;
    }
    return -1;
}
