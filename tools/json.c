/* JSON for the CLI: a streaming writer with two-space indentation, and a strict reader
 * (RFC 8259: no comments, no trailing commas) that builds a tree and says where it stopped. */
#include "json.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- writer */

void jw_init(json_writer *w, FILE *f)
{
    memset(w, 0, sizeof(*w));
    w->f = f;
    w->first[0] = true;
}

static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* The separator and member name before a value at the current depth. */
static void before_value(json_writer *w, const char *key)
{
    int d = w->depth;
    if (d > 0) {
        if (!w->first[d])
            fputc(',', w->f);
        if (w->inline_[d]) {
            if (!w->first[d])
                fputc(' ', w->f);
        } else {
            fprintf(w->f, "\n%*s", 2 * d, "");
        }
    }
    w->first[d] = false;
    if (key) {
        put_string(w->f, key);
        fputs(": ", w->f);
    }
}

static void container_open(json_writer *w, const char *key, char c, bool one_line)
{
    before_value(w, key);
    fputc(c, w->f);
    if (w->depth + 1 < JSON_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
    w->inline_[w->depth] = one_line;
}

static void container_close(json_writer *w, char c)
{
    int d = w->depth;
    if (!w->first[d] && !w->inline_[d])
        fprintf(w->f, "\n%*s", 2 * (d - 1), "");
    if (w->depth > 0)
        w->depth--;
    fputc(c, w->f);
}

void jw_object_begin(json_writer *w, const char *key) { container_open(w, key, '{', false); }
void jw_object_end(json_writer *w) { container_close(w, '}'); }
void jw_array_begin(json_writer *w, const char *key, bool one_line) { container_open(w, key, '[', one_line); }
void jw_array_end(json_writer *w) { container_close(w, ']'); }

void jw_string(json_writer *w, const char *key, const char *s)
{
    before_value(w, key);
    put_string(w->f, s);
}

void jw_uint(json_writer *w, const char *key, uint64_t v)
{
    before_value(w, key);
    fprintf(w->f, "%llu", (unsigned long long)v);
}

void jw_float(json_writer *w, const char *key, float v)
{
    before_value(w, key);
    fprintf(w->f, "%.9g", isfinite(v) ? (double)v : 0.0);
}

void jw_int(json_writer *w, const char *key, int64_t v)
{
    before_value(w, key);
    fprintf(w->f, "%lld", (long long)v);
}

void jw_bool(json_writer *w, const char *key, bool v)
{
    before_value(w, key);
    fputs(v ? "true" : "false", w->f);
}

void jw_null(json_writer *w, const char *key)
{
    before_value(w, key);
    fputs("null", w->f);
}

void jw_finish(json_writer *w) { fputc('\n', w->f); }

/* ---------------------------------------------------------------- reader */

typedef struct reader {
    const char *p, *end, *line_start;
    int line;
    int depth;
    char *err;
    size_t err_size;
    bool failed;
} reader;

static int col_of(const reader *r, const char *at) { return (int)(at - r->line_start) + 1; }

__attribute__((format(printf, 3, 4)))
static bool fail(reader *r, const char *at, const char *fmt, ...)
{
    if (r->failed)
        return false;
    r->failed = true;
    int n = snprintf(r->err, r->err_size, "%d:%d: ", r->line, col_of(r, at));
    if (n >= 0 && (size_t)n < r->err_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err + n, r->err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

static void skip_ws(reader *r)
{
    while (r->p < r->end) {
        char c = *r->p;
        if (c == '\n') {
            r->line++;
            r->line_start = r->p + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        r->p++;
    }
}

/* What is at p, for messages. */
static const char *describe(const reader *r)
{
    return r->p >= r->end ? "end of input" : "an unexpected character";
}

static bool expect_word(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, r->p, "invalid literal (expected '%s')", word);
    r->p += n;
    return true;
}

static void put_utf8(char *out, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        out[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*n)++] = (char)(0xc0 | cp >> 6);
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out[(*n)++] = (char)(0xe0 | cp >> 12);
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    } else {
        out[(*n)++] = (char)(0xf0 | cp >> 18);
        out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[(*n)++] = (char)(0x80 | (cp & 0x3f));
    }
}

static bool hex4(reader *r, uint32_t *out)
{
    if (r->end - r->p < 4)
        return fail(r, r->p, "truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = r->p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return fail(r, r->p + i, "invalid hex digit in \\u escape");
        v = v << 4 | (uint32_t)d;
    }
    r->p += 4;
    *out = v;
    return true;
}

/* At the opening quote; the decoded text is never longer than the source. */
static char *parse_string(reader *r)
{
    const char *start = ++r->p;
    const char *q = start;
    while (q < r->end && *q != '"')
        q += *q == '\\' && q + 1 < r->end ? 2 : 1;
    if (q >= r->end) {
        fail(r, start - 1, "unterminated string");
        return NULL;
    }
    char *out = malloc((size_t)(q - start) + 1);
    if (!out) {
        fail(r, start, "out of memory");
        return NULL;
    }
    size_t n = 0;
    while (*r->p != '"') {
        unsigned char c = (unsigned char)*r->p;
        if (c < 0x20) {
            fail(r, r->p, "control character 0x%02x in a string (escape it)", c);
            break;
        }
        if (c != '\\') {
            out[n++] = (char)c;
            r->p++;
            continue;
        }
        const char *esc = r->p++;
        char e = *r->p++;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            out[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            continue;
        }
        if (e != 'u') {
            fail(r, esc, "invalid escape '\\%c'", e >= 0x20 && e < 0x7f ? e : '?');
            break;
        }
        uint32_t cp;
        if (!hex4(r, &cp))
            break;
        if (cp >= 0xd800 && cp < 0xdc00) {
            uint32_t lo;
            if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u') {
                fail(r, esc, "unpaired surrogate in \\u escape");
                break;
            }
            r->p += 2;
            if (!hex4(r, &lo))
                break;
            if (lo < 0xdc00 || lo >= 0xe000) {
                fail(r, esc, "unpaired surrogate in \\u escape");
                break;
            }
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        } else if (cp >= 0xdc00 && cp < 0xe000) {
            fail(r, esc, "unpaired surrogate in \\u escape");
            break;
        } else if (cp == 0) {
            fail(r, esc, "\\u0000 is not allowed in a string here");
            break;
        }
        put_utf8(out, &n, cp); /* at most 4 bytes from a 6- or 12-byte escape */
    }
    if (r->failed) {
        free(out);
        return NULL;
    }
    r->p++; /* the closing quote */
    out[n] = 0;
    return out;
}

static bool parse_number(reader *r, json_value *v)
{
    const char *s = r->p, *q = s;
    if (q < r->end && *q == '-')
        q++;
    if (q >= r->end || *q < '0' || *q > '9')
        return fail(r, s, "invalid number");
    if (*q == '0' && q + 1 < r->end && q[1] >= '0' && q[1] <= '9')
        return fail(r, s, "invalid number (leading zero)");
    while (q < r->end && *q >= '0' && *q <= '9')
        q++;
    bool is_int = true;
    if (q < r->end && *q == '.') {
        is_int = false;
        if (++q >= r->end || *q < '0' || *q > '9')
            return fail(r, q, "invalid number (digit expected after '.')");
        while (q < r->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < r->end && (*q == 'e' || *q == 'E')) {
        is_int = false;
        if (++q < r->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= r->end || *q < '0' || *q > '9')
            return fail(r, q, "invalid number (digit expected in exponent)");
        while (q < r->end && *q >= '0' && *q <= '9')
            q++;
    }
    /* strtod/strtoll need a terminated copy: the input need not end after the number. */
    char buf[64];
    size_t n = (size_t)(q - s);
    if (n >= sizeof(buf))
        return fail(r, s, "number too long");
    memcpy(buf, s, n);
    buf[n] = 0;
    v->type = JSON_NUMBER;
    v->number = strtod(buf, NULL);
    if (is_int) {
        errno = 0;
        long long i = strtoll(buf, NULL, 10);
        v->is_int = errno == 0;
        v->integer = i;
    }
    r->p = q;
    return true;
}

static bool parse_value(reader *r, json_value *v);

/* Appends one slot to a container; slots live in a realloc'ed array. */
static json_value *push(reader *r, json_value *c, size_t *cap)
{
    if (c->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        json_value *items = realloc(c->items, ncap * sizeof(*items));
        if (!items) {
            fail(r, r->p, "out of memory");
            return NULL;
        }
        c->items = items;
        if (c->type == JSON_OBJECT) {
            char **keys = realloc(c->keys, ncap * sizeof(*keys));
            if (!keys) {
                fail(r, r->p, "out of memory");
                return NULL;
            }
            c->keys = keys;
        }
        *cap = ncap;
    }
    json_value *slot = &c->items[c->count];
    memset(slot, 0, sizeof(*slot));
    return slot;
}

static bool parse_container(reader *r, json_value *v, bool object)
{
    const char close_c = object ? '}' : ']';
    v->type = object ? JSON_OBJECT : JSON_ARRAY;
    if (++r->depth > JSON_MAX_DEPTH)
        return fail(r, r->p, "nested deeper than %d levels", JSON_MAX_DEPTH);
    r->p++;
    size_t cap = 0;
    skip_ws(r);
    if (r->p < r->end && *r->p == close_c) {
        r->p++;
        r->depth--;
        return true;
    }
    for (;;) {
        skip_ws(r);
        json_value *slot = push(r, v, &cap);
        if (!slot)
            return false;
        if (object) {
            if (r->p >= r->end || *r->p != '"')
                return fail(r, r->p, "expected a member name in quotes, got %s", describe(r));
            char *key = parse_string(r);
            if (!key)
                return false;
            v->keys[v->count] = key;
            skip_ws(r);
            if (r->p >= r->end || *r->p != ':') {
                v->items[v->count++].type = JSON_NULL; /* so json_free sees the key */
                return fail(r, r->p, "expected ':' after member name");
            }
            r->p++;
            skip_ws(r);
        }
        v->count++;
        if (!parse_value(r, slot))
            return false;
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            skip_ws(r);
            if (r->p < r->end && *r->p == close_c)
                return fail(r, r->p, "trailing comma before '%c'", close_c);
            continue;
        }
        if (r->p < r->end && *r->p == close_c) {
            r->p++;
            r->depth--;
            return true;
        }
        return fail(r, r->p, "expected ',' or '%c', got %s", close_c, describe(r));
    }
}

static bool parse_value(reader *r, json_value *v)
{
    skip_ws(r);
    v->line = r->line;
    v->col = col_of(r, r->p);
    if (r->p >= r->end)
        return fail(r, r->p, "expected a value, got end of input");
    switch (*r->p) {
    case '{': return parse_container(r, v, true);
    case '[': return parse_container(r, v, false);
    case '"':
        v->type = JSON_STRING;
        v->string = parse_string(r);
        return v->string != NULL;
    case 't': v->type = JSON_BOOL; v->boolean = true; return expect_word(r, "true");
    case 'f': v->type = JSON_BOOL; return expect_word(r, "false");
    case 'n': v->type = JSON_NULL; return expect_word(r, "null");
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
            return parse_number(r, v);
        return fail(r, r->p, "expected a value, got %s", describe(r));
    }
}

static void free_contents(json_value *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free_contents(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
}

json_value *json_parse(const char *text, size_t len, char *err, size_t err_size)
{
    reader r = { .p = text, .end = text + len, .line_start = text, .line = 1, .err = err,
                 .err_size = err_size };
    if (err_size)
        err[0] = 0;
    json_value *v = calloc(1, sizeof(*v));
    if (!v) {
        snprintf(err, err_size, "1:1: out of memory");
        return NULL;
    }
    if (parse_value(&r, v)) {
        skip_ws(&r);
        if (r.p < r.end)
            fail(&r, r.p, "unexpected text after the value");
    }
    if (r.failed) {
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json_value *v)
{
    if (!v)
        return;
    free_contents(v);
    free(v);
}

const char *json_type_name(json_type t)
{
    static const char *const names[] = { "null", "a boolean", "a number", "a string",
                                         "an array", "an object" };
    return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "?";
}
