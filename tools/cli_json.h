/* The CLI's JSON files: the compile key (read with --key, written with --print-key) and the
 * reflection (--reflect).  Field names are those of struct t2g_key / t2g_reflection. */
#ifndef CLI_JSON_H
#define CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "json.h"
#include "tgsi2glsl.h"

/* Every field of the key, arrays without their trailing zeros. */
void key_write_json(json_writer *w, const struct t2g_key *key);

/* The target the key file names ("target"), or -1 when it names none.  Call on a parsed
 * file before key_apply_json, to initialize the key for the right target. */
int key_json_target(const json_value *doc, char *err, size_t err_size);
/* Sets the fields the file gives; the others keep their value.  false with
 * "LINE:COL: message" in err on a field that is unknown, repeated, of the wrong type or out
 * of range. */
bool key_apply_json(const json_value *doc, struct t2g_key *key, char *err, size_t err_size);

/* The T2G_HOST_* names, space-separated (for the usage text). */
void key_print_host_feature_names(FILE *f, const char *indent, int width);

void reflection_write_json(json_writer *w, const struct t2g_reflection *r);

#endif
