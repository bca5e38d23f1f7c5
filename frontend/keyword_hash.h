/* The hash of a word for the keyword table that gen_keywords.c builds at compile time and the
 * lexer probes; case-insensitive (c & 0xdf folds a-z onto A-Z and keeps digits and '_' apart). */
#ifndef KEYWORD_HASH_H
#define KEYWORD_HASH_H

#include <stdint.h>

#define KW_TABLE_SIZE 1024u /* a power of two, about four times the keywords */

enum kw_kind { KW_NONE, KW_OPCODE, KW_FILE, KW_DCL, KW_PROPERTY };

typedef struct keyword {
    const char *name; /* upper case */
    uint8_t len, kind;
    uint16_t value;   /* opcode or file */
} keyword;

static inline uint32_t keyword_hash(const char *s, uint32_t len)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)(s[i] & 0xdf)) * 16777619u;
    return h ^ (h >> 15);
}

#endif
