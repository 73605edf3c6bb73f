/*
** io_json.c: area objects from JSON, walked key by key into the dataset
** builder.
**
** cJSON parses; this file checks the shape (known keys, no key given twice,
** types, equal array lengths) and hands every value to the builder, which
** checks the rules of the data model. The keys of an object are matched
** against a table. The area table has a handler per key, run in table order
** whatever the order in the file, so a new top-level key is one row and one
** function. cJSON's global error pointer is never read: the parse end
** pointer gives the position of a syntax error.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dataset_internal.h"
#include "indicate/io_json.h"

#define PATH_MAX_LEN 256
#define LOC_MAX 512

typedef struct walk {
    const char *file;
    const char *path; /* of the area object */
    int line;         /* the JSON Lines record's line, or 0 */
    ind_dataset_builder *b;
    const char *area, *code, *source;
    int aggregate;
    int area_begun;
} walk;

typedef int (*key_handler)(walk *w, const cJSON *value, const char *path,
                           ind_error *err);

typedef struct json_key {
    const char *name;
    int required;
    key_handler handle; /* area keys; NULL where the caller reads the slot */
} json_key;

static int jfail(const walk *w, ind_error *err, int code, const char *path,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int jfail(const walk *w, ind_error *err, int code, const char *path,
                 const char *fmt, ...)
{
    char loc[LOC_MAX], msg[IND_ERROR_MAX];
    ind_location(loc, sizeof loc, w->file, path, w->line, NULL, -1);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ind_error_set(err, code, "%s: %s", loc, msg);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an unknown value";
}

static int type_error(const walk *w, ind_error *err, const char *path,
                      const char *expected, const cJSON *found)
{
    return jfail(w, err, IND_EDATA, path, "expected %s, found %s", expected,
                 type_name(found));
}

/* Paths are built by hand, not with printf: one is made for every series
** read. They stay far below the buffer size; one cut short still locates. */
static size_t path_put(char *buf, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len > PATH_MAX_LEN - 1 - n)
        len = PATH_MAX_LEN - 1 - n;
    memcpy(buf + n, s, len);
    buf[n + len] = '\0';
    return n + len;
}

static void member_path(char *buf, const char *path, const char *key)
{
    size_t n = path_put(buf, 0, path);
    n = path_put(buf, n, ".");
    path_put(buf, n, key);
}

/* path[i], or path.key[i] when key is not NULL. */
static void index_path(char *buf, const char *path, const char *key, int i)
{
    char digits[16];
    size_t d = sizeof digits;
    digits[--d] = '\0';
    digits[--d] = ']';
    unsigned u = (unsigned)i;
    do {
        digits[--d] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0 && d > 1);
    digits[--d] = '[';
    size_t n = path_put(buf, 0, path);
    if (key != NULL) {
        n = path_put(buf, n, ".");
        n = path_put(buf, n, key);
    }
    path_put(buf, n, digits + d);
}

/* Matches each key of obj to its slot in the table (case-sensitive),
** refusing unknown keys, keys given twice and missing required keys. */
static int collect_keys(const walk *w, const cJSON *obj, const char *path,
                        const json_key *table, size_t n, const cJSON **slot,
                        ind_error *err)
{
    char q[IND_QUOTE_MAX];
    for (size_t k = 0; k < n; k++)
        slot[k] = NULL;
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        const char *key = c->string != NULL ? c->string : "";
        size_t k = 0;
        while (k < n && strcmp(table[k].name, key) != 0)
            k++;
        if (k < n && slot[k] == NULL) {
            slot[k] = c;
            continue;
        }
        ind_quote(q, sizeof q, key, strlen(key));
        if (k == n)
            return jfail(w, err, IND_EDATA, path, "unknown key %s", q);
        return jfail(w, err, IND_EDATA, path, "key %s given twice", q);
    }
    for (size_t k = 0; k < n; k++) {
        if (table[k].required && slot[k] == NULL)
            return jfail(w, err, IND_EDATA, path, "missing key \"%s\"",
                         table[k].name);
    }
    return IND_OK;
}

/* An optional string member: *out stays NULL when absent. */
static int get_string(const walk *w, const cJSON *v, const char *path,
                      const char *key, const char **out, ind_error *err)
{
    if (v == NULL)
        return IND_OK;
    if (!cJSON_IsString(v)) {
        char p[PATH_MAX_LEN];
        member_path(p, path, key);
        return type_error(w, err, p, "a string", v);
    }
    *out = v->valuestring;
    return IND_OK;
}

static int get_bool(const walk *w, const cJSON *v, const char *path,
                    const char *key, int *out, ind_error *err)
{
    if (v == NULL)
        return IND_OK;
    if (!cJSON_IsBool(v)) {
        char p[PATH_MAX_LEN];
        member_path(p, path, key);
        return type_error(w, err, p, "a boolean", v);
    }
    *out = cJSON_IsTrue(v);
    return IND_OK;
}

static int get_array(const walk *w, const cJSON *v, const char *path,
                     const char *key, int *n, ind_error *err)
{
    *n = 0;
    if (v == NULL)
        return IND_OK;
    if (!cJSON_IsArray(v)) {
        char p[PATH_MAX_LEN];
        member_path(p, path, key);
        return type_error(w, err, p, "an array", v);
    }
    *n = cJSON_GetArraySize(v);
    return IND_OK;
}

/* ---- series ------------------------------------------------------------------ */

enum {
    S_ID, S_TITLE, S_UNIT, S_SOURCE, S_NOTE, S_PERIOD_TYPE, S_NATURE, S_SIGNED,
    S_PERIODS, S_VALUES, S_FLAGS, S_BREAKS, S_COUNT
};

static const json_key SERIES_KEYS[S_COUNT] = {
    [S_ID] = {"id", 1, NULL},
    [S_TITLE] = {"title", 0, NULL},
    [S_UNIT] = {"unit", 0, NULL},
    [S_SOURCE] = {"source", 0, NULL},
    [S_NOTE] = {"note", 0, NULL},
    [S_PERIOD_TYPE] = {"period_type", 0, NULL},
    [S_NATURE] = {"nature", 0, NULL},
    [S_SIGNED] = {"signed", 0, NULL},
    [S_PERIODS] = {"periods", 1, NULL},
    [S_VALUES] = {"values", 1, NULL},
    [S_FLAGS] = {"flags", 0, NULL},
    [S_BREAKS] = {"breaks", 0, NULL},
};

enum { B_FROM, B_NOTE, B_COUNT };

static const json_key BREAK_KEYS[B_COUNT] = {
    [B_FROM] = {"from", 1, NULL},
    [B_NOTE] = {"note", 0, NULL},
};

static int series_strings(const walk *w, const cJSON **slot, const char *path,
                          ind_series_spec *spec, ind_error *err)
{
    int rc;
    if ((rc = get_string(w, slot[S_ID], path, "id", &spec->id, err)) ||
        (rc = get_string(w, slot[S_TITLE], path, "title", &spec->title, err)) ||
        (rc = get_string(w, slot[S_UNIT], path, "unit", &spec->unit, err)) ||
        (rc = get_string(w, slot[S_SOURCE], path, "source", &spec->source, err)) ||
        (rc = get_string(w, slot[S_NOTE], path, "note", &spec->note, err)))
        return rc;
    return get_bool(w, slot[S_SIGNED], path, "signed", &spec->is_signed, err);
}

static int series_kinds(const walk *w, const cJSON **slot, const char *path,
                        ind_series_spec *spec, ind_error *err)
{
    const char *type = NULL, *nature = NULL;
    char p[PATH_MAX_LEN], q[IND_QUOTE_MAX];
    int rc;
    if ((rc = get_string(w, slot[S_PERIOD_TYPE], path, "period_type", &type, err)) ||
        (rc = get_string(w, slot[S_NATURE], path, "nature", &nature, err)))
        return rc;
    if (type != NULL) {
        spec->period_kind = ind_period_kind_from_name(type);
        if (spec->period_kind == IND_PERIOD_NONE) {
            member_path(p, path, "period_type");
            ind_quote(q, sizeof q, type, strlen(type));
            return jfail(w, err, IND_EDATA, p,
                         "unknown period type %s (expected financial-year, "
                         "reporting-year, calendar-year, financial-quarter or "
                         "month)", q);
        }
    }
    if (nature == NULL || strcmp(nature, "flow") == 0)
        spec->nature = IND_NATURE_FLOW;
    else if (strcmp(nature, "snapshot") == 0)
        spec->nature = IND_NATURE_SNAPSHOT;
    else {
        member_path(p, path, "nature");
        ind_quote(q, sizeof q, nature, strlen(nature));
        return jfail(w, err, IND_EDATA, p,
                     "unknown nature %s (expected flow or snapshot)", q);
    }
    return IND_OK;
}

/* periods, values and flags: arrays of one length. */
static int series_lengths(const walk *w, const cJSON **slot, const char *path,
                          ind_error *err)
{
    int np, nv, nf, nb, rc;
    if ((rc = get_array(w, slot[S_PERIODS], path, "periods", &np, err)) ||
        (rc = get_array(w, slot[S_VALUES], path, "values", &nv, err)) ||
        (rc = get_array(w, slot[S_FLAGS], path, "flags", &nf, err)) ||
        (rc = get_array(w, slot[S_BREAKS], path, "breaks", &nb, err)))
        return rc;
    const char *entries = np == 1 ? "entry" : "entries";
    if (np != nv)
        return jfail(w, err, IND_EDATA, path,
                     "periods has %d %s but values has %d", np, entries, nv);
    if (slot[S_FLAGS] != NULL && nf != np)
        return jfail(w, err, IND_EDATA, path,
                     "periods has %d %s but flags has %d", np, entries, nf);
    return IND_OK;
}

static int value_of(const walk *w, const cJSON *v, const char *path, int i,
                    double *out, ind_error *err)
{
    if (cJSON_IsNumber(v)) {
        *out = v->valuedouble;
        return IND_OK;
    }
    if (cJSON_IsNull(v)) {
        *out = NAN;
        return IND_OK;
    }
    char p[PATH_MAX_LEN];
    index_path(p, path, "values", i);
    return type_error(w, err, p, "a number or null", v);
}

static int flag_of(const walk *w, const cJSON *f, const char *path, int i,
                   unsigned *out, ind_error *err)
{
    *out = 0;
    if (f == NULL || cJSON_IsNull(f))
        return IND_OK;
    char p[PATH_MAX_LEN], q[IND_QUOTE_MAX];
    index_path(p, path, "flags", i);
    if (!cJSON_IsString(f))
        return type_error(w, err, p, "a string or null", f);
    if (strcmp(f->valuestring, "suppressed") == 0)
        *out = IND_VALUE_SUPPRESSED;
    else if (strcmp(f->valuestring, "provisional") == 0)
        *out = IND_VALUE_PROVISIONAL;
    else {
        ind_quote(q, sizeof q, f->valuestring, strlen(f->valuestring));
        return jfail(w, err, IND_EDATA, p,
                     "unknown flag %s (expected \"suppressed\", "
                     "\"provisional\" or null)", q);
    }
    return IND_OK;
}

/* Walks periods, values and flags side by side: cJSON arrays are lists, so
** indexing them would be quadratic. */
static int series_values(const walk *w, const cJSON **slot, const char *path,
                         ind_error *err)
{
    const cJSON *p = slot[S_PERIODS]->child, *v = slot[S_VALUES]->child;
    const cJSON *f = slot[S_FLAGS] != NULL ? slot[S_FLAGS]->child : NULL;
    for (int i = 0; p != NULL && v != NULL; i++) {
        if (!cJSON_IsString(p)) {
            char pp[PATH_MAX_LEN];
            index_path(pp, path, "periods", i);
            return type_error(w, err, pp, "a string", p);
        }
        double value = 0;
        unsigned flags = 0;
        int rc;
        if ((rc = value_of(w, v, path, i, &value, err)) ||
            (rc = flag_of(w, f, path, i, &flags, err)) ||
            (rc = ind_dataset_builder_value(w->b, p->valuestring, value, flags,
                                            i, err)))
            return rc;
        p = p->next;
        v = v->next;
        f = f != NULL ? f->next : NULL;
    }
    return IND_OK;
}

static int series_breaks(const walk *w, const cJSON *breaks, const char *path,
                         ind_error *err)
{
    if (breaks == NULL)
        return IND_OK;
    int i = 0;
    for (const cJSON *e = breaks->child; e != NULL; e = e->next, i++) {
        char p[PATH_MAX_LEN];
        index_path(p, path, "breaks", i);
        if (!cJSON_IsObject(e))
            return type_error(w, err, p, "an object", e);
        const cJSON *slot[B_COUNT];
        const char *from = NULL, *note = NULL;
        int rc;
        if ((rc = collect_keys(w, e, p, BREAK_KEYS, B_COUNT, slot, err)) ||
            (rc = get_string(w, slot[B_FROM], p, "from", &from, err)) ||
            (rc = get_string(w, slot[B_NOTE], p, "note", &note, err)) ||
            (rc = ind_dataset_builder_break(w->b, from, note, err)))
            return rc;
    }
    return IND_OK;
}

static int series_one(const walk *w, const cJSON *obj, const char *path,
                      ind_error *err)
{
    if (!cJSON_IsObject(obj))
        return type_error(w, err, path, "a series object", obj);
    const cJSON *slot[S_COUNT];
    ind_series_spec spec;
    memset(&spec, 0, sizeof spec);
    int rc;
    if ((rc = collect_keys(w, obj, path, SERIES_KEYS, S_COUNT, slot, err)) ||
        (rc = series_strings(w, slot, path, &spec, err)) ||
        (rc = series_kinds(w, slot, path, &spec, err)) ||
        (rc = series_lengths(w, slot, path, err)))
        return rc;
    spec.origin.file = w->file;
    spec.origin.path = path;
    spec.origin.line = w->line;
    if ((rc = ind_dataset_builder_series(w->b, &spec, err)) ||
        (rc = series_values(w, slot, path, err)) ||
        (rc = series_breaks(w, slot[S_BREAKS], path, err)))
        return rc;
    return ind_dataset_builder_end_series(w->b, err);
}

/* ---- area ---------------------------------------------------------------------- */

/* Gives the builder the area once its own fields are known; every handler of
** content (series, and whatever follows) calls it first. */
static int begin_area(walk *w, ind_error *err)
{
    if (w->area_begun)
        return IND_OK;
    w->area_begun = 1;
    return ind_dataset_builder_area(w->b, w->area, w->code, w->source,
                                    w->aggregate, err);
}

static int take_string(walk *w, const cJSON *v, const char *path,
                       const char **out, ind_error *err)
{
    if (!cJSON_IsString(v))
        return type_error(w, err, path, "a string", v);
    *out = v->valuestring;
    return IND_OK;
}

static int area_name(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    return take_string(w, v, path, &w->area, err);
}

static int area_code(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    return take_string(w, v, path, &w->code, err);
}

static int area_source(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    return take_string(w, v, path, &w->source, err);
}

static int area_aggregate(walk *w, const cJSON *v, const char *path,
                          ind_error *err)
{
    if (!cJSON_IsBool(v))
        return type_error(w, err, path, "a boolean", v);
    w->aggregate = cJSON_IsTrue(v);
    return IND_OK;
}

static int area_series(walk *w, const cJSON *v, const char *path,
                       ind_error *err)
{
    if (!cJSON_IsArray(v))
        return type_error(w, err, path, "an array", v);
    int rc = begin_area(w, err);
    int i = 0;
    for (const cJSON *s = v->child; rc == IND_OK && s != NULL; s = s->next, i++) {
        char p[PATH_MAX_LEN];
        index_path(p, path, NULL, i);
        rc = series_one(w, s, p, err);
    }
    return rc;
}

/* The keys of an area object, handled in this order: the area's own fields
** first, then its content. A new top-level key is one row here. */
static const json_key AREA_KEYS[] = {
    {"area", 1, area_name},
    {"code", 0, area_code},
    {"source", 0, area_source},
    {"aggregate", 0, area_aggregate},
    {"series", 1, area_series},
};

#define AREA_KEY_COUNT (sizeof AREA_KEYS / sizeof AREA_KEYS[0])

static int walk_area(walk *w, const cJSON *obj, ind_error *err)
{
    const cJSON *slot[AREA_KEY_COUNT];
    int rc = collect_keys(w, obj, w->path, AREA_KEYS, AREA_KEY_COUNT, slot, err);
    for (size_t k = 0; rc == IND_OK && k < AREA_KEY_COUNT; k++) {
        if (slot[k] == NULL)
            continue;
        char p[PATH_MAX_LEN];
        member_path(p, w->path, AREA_KEYS[k].name);
        rc = AREA_KEYS[k].handle(w, slot[k], p, err);
    }
    return rc == IND_OK ? begin_area(w, err) : rc;
}

/* Builds into b, which is freed or finished in every case. */
static int build_with(ind_dataset_builder *b, const char *file, const char *path,
                      int line, const cJSON *obj, ind_dataset **out,
                      ind_error *err)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.file = file;
    w.path = path != NULL ? path : "$";
    w.line = line;
    w.b = b;
    int rc = IND_OK;
    if (!cJSON_IsObject(obj))
        rc = type_error(&w, err, w.path, "an area object", obj);
    else if (ind_dataset_builder_origin(b, w.path, line) != IND_OK)
        rc = ind_error_set(err, IND_ENOMEM, "%s: out of memory",
                           file != NULL ? file : "-");
    else
        rc = walk_area(&w, obj, err);
    if (rc != IND_OK) {
        ind_dataset_builder_free(b);
        return rc;
    }
    return ind_dataset_builder_finish(b, out, err);
}

static int no_builder(const char *file, ind_error *err)
{
    return ind_error_set(err, IND_ENOMEM, "%s: out of memory",
                         file != NULL ? file : "-");
}

int ind_json_build_area(const char *file, const char *path, int line,
                        const cJSON *obj, const ind_limits *limits,
                        ind_dataset **out, ind_error *err)
{
    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_json_build_area: no output");
    *out = NULL;
    ind_dataset_builder *b = ind_dataset_builder_new(file, limits);
    if (b == NULL)
        return no_builder(file, err);
    return build_with(b, file, path, line, obj, out, err);
}

/* ---- text ------------------------------------------------------------------------ */

static int syntax_error(const char *file, int first_line, const char *text,
                        size_t pos, ind_error *err)
{
    long line = first_line, col = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    if (file == NULL)
        return ind_error_set(err, IND_EPARSE, "line %ld, column %ld: malformed JSON",
                             line, col);
    return ind_error_set(err, IND_EPARSE, "%s:%ld:%ld: malformed JSON", file,
                         line, col);
}

int ind_json_parse_text(const char *file, int first_line, const char *text,
                        size_t size, cJSON **root, ind_error *err)
{
    *root = NULL;
    if (text == NULL) {
        text = "";
        size = 0;
    }
    const char *end = NULL;
    cJSON *r = cJSON_ParseWithLengthOpts(text, size, &end, 0);
    if (end == NULL || end < text || end > text + size)
        end = text;
    if (r == NULL)
        return syntax_error(file, first_line, text, (size_t)(end - text), err);
    /* cJSON stops after one value; anything but white space after it is
    ** an error, as cJSON's own skipping counts every control byte as space. */
    while (end < text + size && (unsigned char)*end <= ' ')
        end++;
    if (end != text + size) {
        cJSON_Delete(r);
        return syntax_error(file, first_line, text, (size_t)(end - text), err);
    }
    *root = r;
    return IND_OK;
}

int ind_json_parse_area(const char *file, const char *path, int line,
                        const char *text, size_t size,
                        const ind_limits *limits, ind_dataset **out,
                        ind_error *err)
{
    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_json_parse_area: no output");
    *out = NULL;
    ind_limits lim = {0};
    if (limits != NULL)
        lim = *limits;
    ind_limits_defaults(&lim);
    if (size > lim.max_document) {
        char words[64];
        ind_size_words(words, sizeof words, lim.max_document);
        return ind_error_set(err, IND_ELIMIT,
                             "%s: larger than the %s limit for a JSON document",
                             file != NULL ? file : "-", words);
    }
    cJSON *root;
    int rc = ind_json_parse_text(file, line > 0 ? line : 1, text, size, &root, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_json_build_area(file, path, line, root, limits, out, err);
    cJSON_Delete(root);
    return rc;
}
