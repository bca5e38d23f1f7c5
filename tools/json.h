/* A small JSON writer (streaming, indented) and reader (a tree with line:col on every value)
 * for the CLI's reflection and key files.  The library itself knows nothing of JSON. */
#ifndef T2G_JSON_H
#define T2G_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- writer: every call names the member when inside an object (key), NULL in arrays and
 * at the top.  Write errors are left in the stream (ferror) for the caller to report. */

#define JSON_MAX_DEPTH 64

typedef struct json_writer {
    FILE *f;
    int depth;
    bool first[JSON_MAX_DEPTH];   /* nothing written yet at this depth */
    bool inline_[JSON_MAX_DEPTH]; /* an array written on one line */
} json_writer;

void jw_init(json_writer *w, FILE *f);
void jw_object_begin(json_writer *w, const char *key);
void jw_object_end(json_writer *w);
/* one_line: the elements go on the array's line (short arrays of numbers or names). */
void jw_array_begin(json_writer *w, const char *key, bool one_line);
void jw_array_end(json_writer *w);
void jw_string(json_writer *w, const char *key, const char *s);
void jw_uint(json_writer *w, const char *key, uint64_t v);
void jw_int(json_writer *w, const char *key, int64_t v);
void jw_float(json_writer *w, const char *key, float v); /* shortest exact, finite only */
void jw_bool(json_writer *w, const char *key, bool v);
void jw_null(json_writer *w, const char *key);
/* Ends the document with a newline. */
void jw_finish(json_writer *w);

/* ---- reader */

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY,
                         JSON_OBJECT } json_type;

typedef struct json_value json_value;
struct json_value {
    json_type type;
    int line, col;          /* where the value starts, 1-based */
    bool boolean;
    bool is_int;            /* a number written without fraction or exponent that fits */
    int64_t integer;
    double number;
    char *string;           /* NUL-terminated (a \u0000 escape is refused) */
    size_t count;           /* array elements or object members */
    json_value *items;      /* elements, or member values */
    char **keys;            /* object member names, in file order (duplicates kept) */
};

/* Parses a whole document (nesting at most JSON_MAX_DEPTH).  NULL on error, with
 * "LINE:COL: message" in err. */
json_value *json_parse(const char *text, size_t len, char *err, size_t err_size);
void json_free(json_value *v);
const char *json_type_name(json_type t);

#endif
