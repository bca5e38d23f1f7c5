/* Opcode enum and property table generated from tgsi_opcodes.def. */
#ifndef TGSI_OPCODES_H
#define TGSI_OPCODES_H

#include <stdint.h>

enum tgsi_opcode {
#define OPC(name, ndst, nsrc, kind, st, dt) TGSI_OPCODE_##name,
#include "tgsi_opcodes.def"
#undef OPC
    TGSI_OPCODE_COUNT
};

enum tgsi_opcode_kind { TGSI_KIND_COMP, TGSI_KIND_REPL, TGSI_KIND_TEX, TGSI_KIND_MEM,
                        TGSI_KIND_FLOW, TGSI_KIND_OTHER };

/* Operand value types; 64-bit ones occupy a channel pair. */
enum tgsi_type { TGSI_TYPE_F, TGSI_TYPE_I, TGSI_TYPE_U, TGSI_TYPE_D, TGSI_TYPE_I64,
                 TGSI_TYPE_U64, TGSI_TYPE_X, TGSI_TYPE_N };

typedef struct tgsi_opcode_info {
    const char *name;
    uint8_t num_dst, num_src;
    uint8_t kind;      /* enum tgsi_opcode_kind */
    uint8_t src_type;  /* enum tgsi_type */
    uint8_t dst_type;  /* enum tgsi_type */
} tgsi_opcode_info;

extern const tgsi_opcode_info tgsi_opcode_infos[TGSI_OPCODE_COUNT];

/* Syntax facts of the text format (Mesa's tgsi_info is_tex/is_branch/indent and the opcode
 * ranges tgsi_text gives a Texture or Memory token), in a table beside the .def. */
enum tgsi_opcode_flag {
    TGSI_OPF_TEX_TARGET = 1 << 0,  /* a texture target follows the sources: TEX ..., 2D */
    TGSI_OPF_TEX_OFFSETS = 1 << 1, /* texture offset registers may follow */
    TGSI_OPF_MEMORY = 1 << 2,      /* qualifiers, image target and format may follow */
    TGSI_OPF_LABEL = 1 << 3,       /* a ":N" branch label may follow */
    TGSI_OPF_INDENT = 1 << 4,      /* tgsi_dump indents the following instructions */
    TGSI_OPF_DEDENT = 1 << 5,      /* tgsi_dump outdents this instruction */
};
extern const uint8_t tgsi_opcode_flags[TGSI_OPCODE_COUNT];

/* No opcode or register file name is longer (gen_keywords.c checks): the lexer sizes a buffer
 * for a name with it. */
#define TGSI_KEYWORD_MAX_LEN 31

/* Looks an opcode up by name (without _SAT/_PRECISE); -1 when unknown. */
int tgsi_opcode_lookup(const char *name, unsigned len);

#endif
