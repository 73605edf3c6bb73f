/*
** io_json.c: area objects from JSON, walked key by key into the dataset
** builder.
**
** cJSON parses; this file checks the shape (known keys, no key given twice,
** types, equal array lengths) and hands every value to the builder, which
** checks the rules of the data model. The keys of an object are matched
** against a table. The area table has a handler per key, run in table order
** whatever the order in the file, so a new top-level key is one row and one
** function: the series first, then what they are judged against (targets,
** projects, the "as at" date and default status rules, docs/targets.md).
** cJSON's global error pointer is never read: the parse end pointer gives
** the position of a syntax error.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "dataset_internal.h"
#include "indicate/io_json.h"

#define PATH_MAX_LEN 256
#define LOC_MAX 512

/* cJSON's type tests as cJSON.h defines them, inline: they run for every
** value read, and the library's own functions are calls into it. */
#define IS_TYPE(v, t) ((v) != NULL && ((v)->type & 0xFF) == (t))

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

const char *ind_json_type_name(const struct cJSON *v)
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
                 ind_json_type_name(found));
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
        while (k < n && (table[k].name[0] != key[0] || strcmp(table[k].name, key) != 0))
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
    if (!IS_TYPE(v, cJSON_String)) {
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
    if (!IS_TYPE(v, cJSON_Array)) {
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
    if (IS_TYPE(v, cJSON_Number)) {
        *out = v->valuedouble;
        return IND_OK;
    }
    if (IS_TYPE(v, cJSON_NULL)) {
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
    if (f == NULL || IS_TYPE(f, cJSON_NULL))
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
        if (!IS_TYPE(p, cJSON_String)) {
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
    if (!IS_TYPE(obj, cJSON_Object))
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

/* ---- targets, projects and status rules ---------------------------------- */

enum {
    T_MEASURE, T_SERIES, T_TITLE, T_TARGET, T_SCHEDULE, T_FROM, T_POLARITY,
    T_SCOPE, T_TOLERANCE, T_SOURCE, T_NOTE, T_COUNT
};

static const json_key TARGET_KEYS[T_COUNT] = {
    [T_MEASURE] = {"measure", 0, NULL},
    [T_SERIES] = {"series", 0, NULL},
    [T_TITLE] = {"title", 0, NULL},
    [T_TARGET] = {"target", 0, NULL},
    [T_SCHEDULE] = {"schedule", 0, NULL},
    [T_FROM] = {"from", 0, NULL},
    [T_POLARITY] = {"polarity", 0, NULL},
    [T_SCOPE] = {"scope", 0, NULL},
    [T_TOLERANCE] = {"tolerance", 0, NULL},
    [T_SOURCE] = {"source", 0, NULL},
    [T_NOTE] = {"note", 0, NULL},
};

enum { ST_FROM, ST_TARGET, ST_COUNT };

static const json_key STEP_KEYS[ST_COUNT] = {
    [ST_FROM] = {"from", 1, NULL},
    [ST_TARGET] = {"target", 1, NULL},
};

enum {
    P_ID, P_TITLE, P_DUE, P_REVISED, P_COMPLETED, P_REPORTED, P_SLIPPAGE,
    P_SOURCE, P_NOTE, P_COUNT
};

static const json_key PROJECT_KEYS[P_COUNT] = {
    [P_ID] = {"id", 1, NULL},
    [P_TITLE] = {"title", 0, NULL},
    [P_DUE] = {"due", 0, NULL},
    [P_REVISED] = {"revised", 0, NULL},
    [P_COMPLETED] = {"completed", 0, NULL},
    [P_REPORTED] = {"reported", 0, NULL},
    [P_SLIPPAGE] = {"slippage_days", 0, NULL},
    [P_SOURCE] = {"source", 0, NULL},
    [P_NOTE] = {"note", 0, NULL},
};

enum { R_TOLERANCE, R_SLIPPAGE, R_COUNT };

static const json_key RULE_KEYS[R_COUNT] = {
    [R_TOLERANCE] = {"tolerance", 0, NULL},
    [R_SLIPPAGE] = {"slippage_days", 0, NULL},
};

#define MAX_SLIPPAGE_DAYS 36525 /* a century: anything more is a typing error */

/* A JSON number as an exact decimal. */
static int number_amount(const walk *w, const cJSON *v, const char *path,
                         ind_amount *out, ind_error *err)
{
    out->form = IND_AMOUNT_NUMBER;
    if (ind_decimal_from_double(v->valuedouble, &out->value) != IND_OK)
        return jfail(w, err, IND_EDATA, path,
                     "the number %.15g cannot be held exactly (at most 18 "
                     "significant digits and 18 decimal places)", v->valuedouble);
    return IND_OK;
}

/* A target value: a number, a percentage string, or null for none. */
static int target_value(const walk *w, const cJSON *v, const char *path,
                        ind_target_step *st, ind_error *err)
{
    char why[256], q[IND_QUOTE_MAX];
    st->has_target = 0;
    if (cJSON_IsNull(v))
        return IND_OK;
    st->has_target = 1;
    if (cJSON_IsNumber(v))
        return number_amount(w, v, path, &st->target, err);
    if (!cJSON_IsString(v))
        return type_error(w, err, path, "a number, a percentage string or null", v);
    ind_quote(q, sizeof q, v->valuestring, strlen(v->valuestring));
    if (ind_amount_parse(v->valuestring, &st->target, why, sizeof why) != IND_OK)
        return jfail(w, err, IND_EDATA, path, "target %s: %s", q, why);
    if (st->target.form != IND_AMOUNT_PERCENT)
        return jfail(w, err, IND_EDATA, path,
                     "target %s: percentage points are a tolerance, not a "
                     "target (write the target as a number or a percentage "
                     "such as \"75%%\")", q);
    return IND_OK;
}

static int tolerance_value(const walk *w, const cJSON *v, const char *path,
                           ind_amount *out, ind_error *err)
{
    char why[256], q[IND_QUOTE_MAX];
    if (cJSON_IsNumber(v)) {
        int rc = number_amount(w, v, path, out, err);
        if (rc == IND_OK && out->value.digits < 0)
            return jfail(w, err, IND_EDATA, path, "the tolerance is negative");
        return rc;
    }
    if (!cJSON_IsString(v))
        return type_error(w, err, path, "a string such as \"10%\" or \"5 pp\", or a number", v);
    ind_quote(q, sizeof q, v->valuestring, strlen(v->valuestring));
    if (ind_amount_parse(v->valuestring, out, why, sizeof why) != IND_OK)
        return jfail(w, err, IND_EDATA, path, "tolerance %s: %s", q, why);
    if (out->value.digits < 0)
        return jfail(w, err, IND_EDATA, path, "tolerance %s is negative", q);
    return IND_OK;
}

static int enum_value(const walk *w, const cJSON *v, const char *path,
                      const char *const *names, int n, const char *expected,
                      int *out, ind_error *err)
{
    char q[IND_QUOTE_MAX];
    if (!cJSON_IsString(v))
        return type_error(w, err, path, "a string", v);
    for (int i = 0; i < n; i++)
        if (strcmp(v->valuestring, names[i]) == 0) {
            *out = i;
            return IND_OK;
        }
    ind_quote(q, sizeof q, v->valuestring, strlen(v->valuestring));
    return jfail(w, err, IND_EDATA, path, "unknown value %s (expected %s)", q, expected);
}

static int target_kinds(const walk *w, const cJSON **slot, const char *path,
                        ind_target *t, ind_error *err)
{
    static const char *const polarities[] = {
        "higher_is_better", "lower_is_better", "closer_is_better"};
    static const char *const scopes[] = {"period", "year-to-date", "pro-rata"};
    char p[PATH_MAX_LEN];
    int i = 0, rc;
    if (slot[T_POLARITY] != NULL) {
        member_path(p, path, "polarity");
        if ((rc = enum_value(w, slot[T_POLARITY], p, polarities, 3,
                             "higher_is_better, lower_is_better or closer_is_better",
                             &i, err)) != IND_OK)
            return rc;
        t->polarity = (ind_target_polarity)(i + 1);
    }
    if (slot[T_SCOPE] != NULL) {
        member_path(p, path, "scope");
        if ((rc = enum_value(w, slot[T_SCOPE], p, scopes, 3,
                             "period, year-to-date or pro-rata", &i, err)) != IND_OK)
            return rc;
        t->scope = (ind_target_scope)i;
    }
    if (slot[T_TOLERANCE] != NULL) {
        member_path(p, path, "tolerance");
        return tolerance_value(w, slot[T_TOLERANCE], p, &t->tolerance, err);
    }
    return IND_OK;
}

/* The one step of "target" (with an optional "from"). */
static int single_step(const walk *w, const cJSON **slot, const char *path,
                       ind_target_step *st, ind_error *err)
{
    char p[PATH_MAX_LEN];
    memset(st, 0, sizeof *st);
    st->position = -1;
    int rc = get_string(w, slot[T_FROM], path, "from", &st->from, err);
    if (rc != IND_OK)
        return rc;
    member_path(p, path, "target");
    return target_value(w, slot[T_TARGET], p, st, err);
}

static int schedule_steps(const walk *w, const cJSON *schedule, const char *path,
                          ind_target_step *steps, ind_error *err)
{
    int i = 0;
    for (const cJSON *e = schedule->child; e != NULL; e = e->next, i++) {
        char p[PATH_MAX_LEN], pt[PATH_MAX_LEN];
        const cJSON *slot[ST_COUNT];
        index_path(p, path, "schedule", i);
        if (!cJSON_IsObject(e))
            return type_error(w, err, p, "an object {\"from\", \"target\"}", e);
        ind_target_step *st = &steps[i];
        memset(st, 0, sizeof *st);
        st->position = i;
        int rc = collect_keys(w, e, p, STEP_KEYS, ST_COUNT, slot, err);
        if (rc == IND_OK)
            rc = get_string(w, slot[ST_FROM], p, "from", &st->from, err);
        member_path(pt, p, "target");
        if (rc == IND_OK)
            rc = target_value(w, slot[ST_TARGET], pt, st, err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

/* "target" (and "from") or "schedule": exactly one form. */
static int target_form(const walk *w, const cJSON **slot, const char *path,
                       ind_error *err)
{
    char p[PATH_MAX_LEN];
    if (slot[T_TARGET] == NULL && slot[T_SCHEDULE] == NULL)
        return jfail(w, err, IND_EDATA, path,
                     "missing key \"target\" (or a \"schedule\" of targets by period)");
    if (slot[T_TARGET] != NULL && slot[T_SCHEDULE] != NULL)
        return jfail(w, err, IND_EDATA, path,
                     "give \"target\" or \"schedule\", not both");
    if (slot[T_SCHEDULE] != NULL && slot[T_FROM] != NULL)
        return jfail(w, err, IND_EDATA, path,
                     "\"from\" belongs in each step of the \"schedule\"");
    if (slot[T_SCHEDULE] != NULL && cJSON_GetArraySize(slot[T_SCHEDULE]) == 0) {
        member_path(p, path, "schedule");
        return jfail(w, err, IND_EDATA, p, "the schedule has no steps");
    }
    return IND_OK;
}

static int target_one(walk *w, const cJSON *obj, const char *path, ind_error *err)
{
    if (!cJSON_IsObject(obj))
        return type_error(w, err, path, "a target object", obj);
    const cJSON *slot[T_COUNT];
    ind_target t;
    memset(&t, 0, sizeof t);
    int n_steps = 1, rc;
    if ((rc = collect_keys(w, obj, path, TARGET_KEYS, T_COUNT, slot, err)) ||
        (rc = get_string(w, slot[T_MEASURE], path, "measure", &t.measure, err)) ||
        (rc = get_string(w, slot[T_SERIES], path, "series", &t.series, err)) ||
        (rc = get_string(w, slot[T_TITLE], path, "title", &t.title, err)) ||
        (rc = get_string(w, slot[T_SOURCE], path, "source", &t.source, err)) ||
        (rc = get_string(w, slot[T_NOTE], path, "note", &t.note, err)) ||
        (rc = target_kinds(w, slot, path, &t, err)) ||
        (rc = get_array(w, slot[T_SCHEDULE], path, "schedule", &n_steps, err)) ||
        (rc = target_form(w, slot, path, err)))
        return rc;
    if (slot[T_SCHEDULE] == NULL)
        n_steps = 1;
    ind_target_step *steps = calloc((size_t)n_steps, sizeof *steps);
    if (steps == NULL)
        return jfail(w, err, IND_ENOMEM, path, "out of memory");
    rc = slot[T_SCHEDULE] != NULL ? schedule_steps(w, slot[T_SCHEDULE], path, steps, err)
                                  : single_step(w, slot, path, steps, err);
    if (rc == IND_OK) {
        t.n_steps = (size_t)n_steps;
        t.steps = steps;
        t.origin.file = w->file;
        t.origin.path = path;
        t.origin.line = w->line;
        rc = ind_dataset_builder_target(w->b, &t, err);
    }
    free(steps);
    return rc;
}

static int area_targets(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    if (!cJSON_IsArray(v))
        return type_error(w, err, path, "an array", v);
    int rc = begin_area(w, err);
    int i = 0;
    for (const cJSON *e = v->child; rc == IND_OK && e != NULL; e = e->next, i++) {
        char p[PATH_MAX_LEN];
        index_path(p, path, NULL, i);
        rc = target_one(w, e, p, err);
    }
    return rc;
}

/* An optional ISO date member: *has stays 0 when absent. */
static int get_date(const walk *w, const cJSON *v, const char *path,
                    const char *key, int *has, ind_date *out, ind_error *err)
{
    char p[PATH_MAX_LEN], why[128], q[IND_QUOTE_MAX];
    *has = 0;
    if (v == NULL)
        return IND_OK;
    member_path(p, path, key);
    if (!cJSON_IsString(v))
        return type_error(w, err, p, "a date string such as \"2024-01-31\"", v);
    ind_quote(q, sizeof q, v->valuestring, strlen(v->valuestring));
    if (ind_date_parse(v->valuestring, out, why, sizeof why) != IND_OK)
        return jfail(w, err, IND_EDATA, p, "date %s: %s", q, why);
    *has = 1;
    return IND_OK;
}

/* A whole number of days, 0 to a century. */
static int get_days(const walk *w, const cJSON *v, const char *path,
                    const char *key, int32_t *out, ind_error *err)
{
    char p[PATH_MAX_LEN];
    if (v == NULL)
        return IND_OK;
    member_path(p, path, key);
    if (!cJSON_IsNumber(v))
        return type_error(w, err, p, "a whole number of days", v);
    double d = v->valuedouble;
    if (!(d >= 0 && d <= MAX_SLIPPAGE_DAYS) || d != (double)(int32_t)d)
        return jfail(w, err, IND_EDATA, p,
                     "%.17g is not a whole number of days from 0 to %d", d,
                     MAX_SLIPPAGE_DAYS);
    *out = (int32_t)d;
    return IND_OK;
}

static int project_one(walk *w, const cJSON *obj, const char *path, ind_error *err)
{
    if (!cJSON_IsObject(obj))
        return type_error(w, err, path, "a project object", obj);
    const cJSON *slot[P_COUNT];
    ind_milestone pr;
    memset(&pr, 0, sizeof pr);
    pr.reported = 1;
    pr.slippage_days = -1;
    int rc;
    if ((rc = collect_keys(w, obj, path, PROJECT_KEYS, P_COUNT, slot, err)) ||
        (rc = get_string(w, slot[P_ID], path, "id", &pr.id, err)) ||
        (rc = get_string(w, slot[P_TITLE], path, "title", &pr.title, err)) ||
        (rc = get_string(w, slot[P_SOURCE], path, "source", &pr.source, err)) ||
        (rc = get_string(w, slot[P_NOTE], path, "note", &pr.note, err)) ||
        (rc = get_date(w, slot[P_DUE], path, "due", &pr.has_due, &pr.due, err)) ||
        (rc = get_date(w, slot[P_REVISED], path, "revised", &pr.has_revised,
                       &pr.revised, err)) ||
        (rc = get_date(w, slot[P_COMPLETED], path, "completed", &pr.has_completed,
                       &pr.completed, err)) ||
        (rc = get_bool(w, slot[P_REPORTED], path, "reported", &pr.reported, err)) ||
        (rc = get_days(w, slot[P_SLIPPAGE], path, "slippage_days", &pr.slippage_days, err)))
        return rc;
    if (pr.has_revised && !pr.has_due) {
        char p[PATH_MAX_LEN];
        member_path(p, path, "revised");
        return jfail(w, err, IND_EDATA, p, "a revised date needs the original \"due\" date");
    }
    pr.origin.file = w->file;
    pr.origin.path = path;
    pr.origin.line = w->line;
    return ind_dataset_builder_project(w->b, &pr, err);
}

static int area_projects(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    if (!cJSON_IsArray(v))
        return type_error(w, err, path, "an array", v);
    int rc = begin_area(w, err);
    int i = 0;
    for (const cJSON *e = v->child; rc == IND_OK && e != NULL; e = e->next, i++) {
        char p[PATH_MAX_LEN];
        index_path(p, path, NULL, i);
        rc = project_one(w, e, p, err);
    }
    return rc;
}

static int area_as_at(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    char why[128], q[IND_QUOTE_MAX];
    ind_date d;
    int rc = begin_area(w, err);
    if (rc != IND_OK)
        return rc;
    if (!cJSON_IsString(v))
        return type_error(w, err, path, "a date string such as \"2023-12-20\"", v);
    ind_quote(q, sizeof q, v->valuestring, strlen(v->valuestring));
    if (ind_date_parse(v->valuestring, &d, why, sizeof why) != IND_OK)
        return jfail(w, err, IND_EDATA, path, "date %s: %s", q, why);
    return ind_dataset_builder_as_at(w->b, d, err);
}

static int area_rules(walk *w, const cJSON *v, const char *path, ind_error *err)
{
    char p[PATH_MAX_LEN];
    const cJSON *slot[R_COUNT];
    ind_status_rules rules;
    memset(&rules, 0, sizeof rules);
    rules.slippage_days = -1;
    int rc = begin_area(w, err);
    if (rc == IND_OK && !cJSON_IsObject(v))
        rc = type_error(w, err, path, "an object", v);
    if (rc == IND_OK)
        rc = collect_keys(w, v, path, RULE_KEYS, R_COUNT, slot, err);
    if (rc == IND_OK && slot[R_TOLERANCE] != NULL) {
        member_path(p, path, "tolerance");
        rc = tolerance_value(w, slot[R_TOLERANCE], p, &rules.tolerance, err);
        if (rc == IND_OK && rules.tolerance.form != IND_AMOUNT_PERCENT)
            rc = jfail(w, err, IND_EDATA, p,
                       "the default tolerance is a percent of the target, such "
                       "as \"10%%\" (points or amounts suit only some measures: "
                       "set them on a target)");
    }
    if (rc == IND_OK)
        rc = get_days(w, slot[R_SLIPPAGE], path, "slippage_days", &rules.slippage_days, err);
    if (rc == IND_OK)
        rc = ind_dataset_builder_rules(w->b, &rules, err);
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
    {"as_at", 0, area_as_at},
    {"status_rules", 0, area_rules},
    {"targets", 0, area_targets},
    {"projects", 0, area_projects},
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

/* Builds the area in b (new or restarted), which it hands over. */
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
    return rc != IND_OK ? rc : ind_dataset_builder_take(b, out, err);
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
    int rc = build_with(b, file, path, line, obj, out, err);
    ind_dataset_builder_free(b);
    return rc;
}

int ind_json_build_area_in(ind_dataset_builder *b, size_t chunk, const char *file,
                           const char *path, int line, const cJSON *obj,
                           ind_dataset **out, ind_error *err)
{
    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_json_build_area: no output");
    *out = NULL;
    if (ind_dataset_builder_restart(b, chunk) != IND_OK)
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

/* The first arena chunk for the dataset of a record of size bytes: a
** dataset takes about twice the bytes of its JSON (a value's label pointer,
** ordinal, position and double against its text), so most areas fit in
** the one chunk and none wastes much. */
static size_t chunk_for(size_t size)
{
    return size / 2 * 3 + 1024;
}

int ind_json_parse_area_in(ind_dataset_builder *b, const char *file,
                           const char *path, int line, const char *text,
                           size_t size, const ind_limits *limits,
                           ind_dataset **out, struct cJSON **tree,
                           ind_error *err)
{
    if (tree != NULL)
        *tree = NULL;
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
    /* The builder's new arena is allocated once the tree is built: the nodes
    ** of the record before, freed, are reused by the parse, not merged. */
    rc = ind_json_build_area_in(b, chunk_for(size), file, path, line, root, out, err);
    if (tree != NULL)
        *tree = root;
    else
        cJSON_Delete(root);
    return rc;
}

int ind_json_parse_area(const char *file, const char *path, int line,
                        const char *text, size_t size,
                        const ind_limits *limits, ind_dataset **out,
                        ind_error *err)
{
    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_json_parse_area: no output");
    *out = NULL;
    ind_dataset_builder *b = ind_dataset_builder_new(file, limits);
    if (b == NULL)
        return no_builder(file, err);
    int rc = ind_json_parse_area_in(b, file, path, line, text, size, limits, out,
                                    NULL, err);
    ind_dataset_builder_free(b);
    return rc;
}
