/*
** rowsource.c: reading result sets back as rows (see rowsource.h).
**
** JSON Lines are read a line at a time and each line parsed alone, so a
** result file of any size needs memory for one area; a pretty-printed
** document of `indicate run` is read whole. CSV goes through libcsv with the
** header naming the columns. A store is read with one SELECT.
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <csv.h>
#include <sqlite3.h>

#include "rowsource.h"
#include "store.h"

#define MAX_FIELDS 64

static int oom(void)
{
    cli_error("out of memory");
    return EXIT_INTERNAL;
}

/* ---- what a file holds ---------------------------------------------------------- */

int rowsource_detect(const char *path, rowsource_kind *kind)
{
    if (strcmp(path, "-") != 0 && store_is_sqlite(path)) {
        *kind = ROWSOURCE_STORE;
        return EXIT_OK_;
    }
    if (strcmp(path, "-") == 0) {
        *kind = ROWSOURCE_JSON; /* standard input: decided by rowsource_read */
        return EXIT_OK_;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_IO;
    }
    int c;
    while ((c = fgetc(fp)) != EOF && isspace(c))
        ;
    fclose(fp);
    *kind = c == '{' || c == '[' ? ROWSOURCE_JSON : ROWSOURCE_CSV;
    return EXIT_OK_;
}

/* ---- JSON and JSON Lines -------------------------------------------------------- */

static int json_area(const cJSON *area, const char *where, row_fn fn, void *ctx)
{
    ind_error err = { 0 };
    int rc = rows_from_json_area(area, where, fn, ctx, &err);
    if (rc == IND_EDATA) {
        cli_error("%s", err.message);
        return EXIT_DATA;
    }
    return rc;
}

/* A document of `indicate run` ({"areas": [...]}), or one area object. */
static int json_document(const char *path, const char *text, size_t len, row_fn fn, void *ctx)
{
    cJSON *doc = cJSON_ParseWithLength(text, len);
    if (doc == NULL) {
        cli_error("%s: malformed JSON (not a result file of indicate run or batch)", path);
        return EXIT_PARSE;
    }
    const cJSON *areas = cJSON_GetObjectItemCaseSensitive(doc, "areas");
    char where[512];
    int rc = EXIT_OK_;
    if (cJSON_IsArray(areas)) {
        int i = 0;
        const cJSON *a;
        cJSON_ArrayForEach(a, areas) {
            snprintf(where, sizeof where, "%s: $.areas[%d]", path, i++);
            if ((rc = json_area(a, where, fn, ctx)) != EXIT_OK_)
                break;
        }
    } else {
        snprintf(where, sizeof where, "%s: $", path);
        rc = json_area(doc, where, fn, ctx);
    }
    cJSON_Delete(doc);
    return rc;
}

/* What is left of fp after `head` (already read), whole. */
static char *slurp_rest(FILE *fp, const char *head, size_t head_len, size_t *size)
{
    size_t room = head_len + 65536, len = head_len;
    char *text = malloc(room);
    if (text == NULL)
        return NULL;
    memcpy(text, head, head_len);
    size_t got;
    while ((got = fread(text + len, 1, room - len, fp)) > 0) {
        len += got;
        if (len == room) {
            char *bigger = realloc(text, room *= 2);
            if (bigger == NULL) {
                free(text);
                return NULL;
            }
            text = bigger;
        }
    }
    *size = len;
    return text;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* One area per line; a first line that is not a whole JSON value means a
** pretty-printed document, read whole. */
static int json_file(const char *path, FILE *fp, row_fn fn, void *ctx)
{
    char *line = NULL, where[512];
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int rc = EXIT_OK_, first = 1;
    while (rc == EXIT_OK_ && (len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        if (blank(line, (size_t)len))
            continue;
        cJSON *area = cJSON_ParseWithLength(line, (size_t)len);
        if (area == NULL && first) {
            size_t size;
            char *text = slurp_rest(fp, line, (size_t)len, &size);
            free(line);
            if (text == NULL)
                return oom();
            rc = json_document(path, text, size, fn, ctx);
            free(text);
            return rc;
        }
        first = 0;
        snprintf(where, sizeof where, "%s:%ld", path, lineno);
        if (area == NULL) {
            cli_error("%s: malformed JSON", where);
            rc = EXIT_PARSE;
            break;
        }
        rc = cJSON_GetObjectItemCaseSensitive(area, "areas") != NULL
                 ? json_document(path, line, (size_t)len, fn, ctx)
                 : json_area(area, where, fn, ctx);
        cJSON_Delete(area);
    }
    free(line);
    return rc;
}

/* ---- CSV -------------------------------------------------------------------------- */

enum {
    C_AREA, C_CODE, C_INDICATOR, C_MEASURE, C_KIND, C_UNIT, C_PERIOD, C_ROW, C_VALUE,
    C_NUMERATOR, C_DENOMINATOR, C_LOWER, C_UPPER, C_CHANGE, C_CHANGE_PERCENT,
    C_CHANGE_STATUS, C_SIGNIFICANCE, C_SIGNIFICANCE_P, C_FLAGS, C_DISPLAY, C_METHOD, C_STATUS,
    N_COLUMNS
};

static const char *const column_names[N_COLUMNS] = {
    "area", "code", "indicator", "measure", "kind", "unit", "period", "row", "value",
    "numerator", "denominator", "lower", "upper", "change", "change_percent",
    "change_status", "significance", "significance_p", "flags", "display", "method",
    "status",
};

typedef struct csv_reader {
    const char *path;
    long line;
    int column[MAX_FIELDS];   /* file column -> C_*, or -1 */
    size_t n_fields;
    char *field[MAX_FIELDS];
    size_t field_cap[MAX_FIELDS];
    char *value[N_COLUMNS];   /* this record's values by C_* (into field) */
    row_fn fn;
    void *ctx;
    int rc;
} csv_reader;

/* A text cell guarded against spreadsheets (csvw.h) gets its text back:
** one leading apostrophe before =, +, -, @, a tab or a carriage return. */
static int guarded(const char *data, size_t len)
{
    return len >= 2 && data[0] == '\'' && strchr("=+-@\t\r", data[1]) != NULL &&
           data[1] != '\0';
}

static void csv_field(void *data, size_t len, void *arg)
{
    csv_reader *cr = arg;
    if (cr->rc != EXIT_OK_)
        return;
    if (data != NULL && guarded(data, len)) {
        data = (char *)data + 1;
        len--;
    }
    size_t i = cr->n_fields++;
    if (i >= MAX_FIELDS) {
        cli_error("%s:%ld: more than %d columns", cr->path, cr->line, MAX_FIELDS);
        cr->rc = EXIT_DATA;
        return;
    }
    if (cr->field_cap[i] < len + 1) {
        char *grown = realloc(cr->field[i], len + 1);
        if (grown == NULL) {
            cr->rc = oom();
            return;
        }
        cr->field[i] = grown;
        cr->field_cap[i] = len + 1;
    }
    if (len > 0)
        memcpy(cr->field[i], data, len);
    cr->field[i][len] = '\0';
}

static int csv_header(csv_reader *cr)
{
    int seen[N_COLUMNS] = { 0 };
    for (size_t i = 0; i < cr->n_fields; i++) {
        cr->column[i] = -1;
        for (int k = 0; k < N_COLUMNS; k++)
            if (strcmp(cr->field[i], column_names[k]) == 0) {
                cr->column[i] = k;
                seen[k] = 1;
            }
    }
    if (!seen[C_AREA] || !seen[C_MEASURE] || !seen[C_PERIOD] || !seen[C_ROW] || !seen[C_VALUE]) {
        cli_error("%s:1: not a result file of indicate (a CSV result needs the columns "
                  "area, measure, period, row and value)", cr->path);
        return EXIT_DATA;
    }
    return EXIT_OK_;
}

static int csv_number(csv_reader *cr, int k, double *out)
{
    const char *s = cr->value[k];
    *out = NAN;
    if (s == NULL || s[0] == '\0')
        return EXIT_OK_;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0) {
        cli_error("%s:%ld: column %s: \"%s\" is not a number", cr->path, cr->line,
                  column_names[k], s);
        return EXIT_DATA;
    }
    *out = x;
    return EXIT_OK_;
}

static int csv_row(csv_reader *cr)
{
    memset(cr->value, 0, sizeof cr->value);
    for (size_t i = 0; i < cr->n_fields; i++)
        if (cr->column[i] >= 0)
            cr->value[cr->column[i]] = cr->field[i];
    row r;
    memset(&r, 0, sizeof r);
    r.area = cr->value[C_AREA];
    r.code = cr->value[C_CODE] != NULL && cr->value[C_CODE][0] != '\0' ? cr->value[C_CODE]
                                                                      : NULL;
    r.indicator = cr->value[C_INDICATOR];
    r.measure = cr->value[C_MEASURE];
    r.kind = cr->value[C_KIND];
    r.unit = cr->value[C_UNIT];
    r.multiplier = NAN;
    r.period = cr->value[C_PERIOD];
    r.row = cr->value[C_ROW];
    const char *st = cr->value[C_CHANGE_STATUS];
    r.change_status = st != NULL && st[0] != '\0' ? st
                      : r.row != NULL && strcmp(r.row, "observed") == 0 ? "missing" : NULL;
    const char *sig = cr->value[C_SIGNIFICANCE];
    r.significance = sig != NULL && sig[0] != '\0' ? sig : NULL;
    snprintf(r.flags, sizeof r.flags, "%s", cr->value[C_FLAGS] != NULL ? cr->value[C_FLAGS] : "");
    r.display = cr->value[C_DISPLAY];
    r.status = rows_status_canonical(cr->value[C_STATUS]);
    /* The method column names the test of an observed row's change, and the
    ** projection method of a projection row. */
    if (r.row != NULL && strcmp(r.row, "observed") != 0 && cr->value[C_METHOD] != NULL &&
        cr->value[C_METHOD][0] != '\0')
        r.method = cr->value[C_METHOD];
    static const int numbers[] = { C_VALUE, C_NUMERATOR, C_DENOMINATOR, C_LOWER, C_UPPER,
                                   C_CHANGE, C_CHANGE_PERCENT, C_SIGNIFICANCE_P };
    double *dest[] = { &r.value, &r.numerator, &r.denominator, &r.lower, &r.upper,
                       &r.change, &r.change_percent, &r.significance_p };
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        int rc = csv_number(cr, numbers[i], dest[i]);
        if (rc != EXIT_OK_)
            return rc;
    }
    if (r.area == NULL || r.measure == NULL || r.period == NULL || r.row == NULL) {
        cli_error("%s:%ld: a row without its area, measure, period or row", cr->path, cr->line);
        return EXIT_DATA;
    }
    return cr->fn(cr->ctx, &r);
}

static void csv_record(int term, void *arg)
{
    (void)term;
    csv_reader *cr = arg;
    if (cr->rc == EXIT_OK_)
        cr->rc = cr->line == 1 ? csv_header(cr) : csv_row(cr);
    cr->line++;
    cr->n_fields = 0;
}

static int csv_file(const char *path, FILE *fp, row_fn fn, void *ctx)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return oom();
    csv_reader cr = { .path = path, .line = 1, .fn = fn, .ctx = ctx, .rc = EXIT_OK_ };
    char buf[65536];
    size_t n;
    while (cr.rc == EXIT_OK_ && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, csv_field, csv_record, &cr) != n && cr.rc == EXIT_OK_) {
            cli_error("%s:%ld: malformed CSV: %s", path, cr.line, csv_strerror(csv_error(&p)));
            cr.rc = EXIT_PARSE;
        }
    if (cr.rc == EXIT_OK_ && csv_fini(&p, csv_field, csv_record, &cr) != 0) {
        cli_error("%s:%ld: malformed CSV: %s", path, cr.line, csv_strerror(csv_error(&p)));
        cr.rc = EXIT_PARSE;
    }
    csv_free(&p);
    for (size_t i = 0; i < MAX_FIELDS; i++)
        free(cr.field[i]);
    return cr.rc;
}

/* ---- a store ------------------------------------------------------------------------ */

static const char *text_at(sqlite3_stmt *q, int i)
{
    return (const char *)sqlite3_column_text(q, i);
}

static double number_at(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? NAN : sqlite3_column_double(q, i);
}

static void store_row(sqlite3_stmt *q, row *r)
{
    memset(r, 0, sizeof *r);
    int i = 0;
    r->area = text_at(q, i++);
    r->code = text_at(q, i++);
    r->aggregate = sqlite3_column_int(q, i++);
    r->indicator = text_at(q, i++);
    r->plugin = text_at(q, i++);
    r->plugin_version = text_at(q, i++);
    r->measure = text_at(q, i++);
    r->kind = text_at(q, i++);
    r->unit = text_at(q, i++);
    r->polarity = sqlite3_column_int(q, i++);
    r->multiplier = number_at(q, i++);
    r->period_type = text_at(q, i++);
    r->period = text_at(q, i++);
    r->row = text_at(q, i++);
    r->method = text_at(q, i++);
    r->value = number_at(q, i++);
    r->numerator = number_at(q, i++);
    r->denominator = number_at(q, i++);
    r->lower = number_at(q, i++);
    r->upper = number_at(q, i++);
    r->change = number_at(q, i++);
    r->change_percent = number_at(q, i++);
    r->change_status = text_at(q, i++);
    r->significance = text_at(q, i++);
    r->significance_p = number_at(q, i++);
    const char *flags = text_at(q, i++);
    snprintf(r->flags, sizeof r->flags, "%s", flags != NULL ? flags : "");
    r->display = text_at(q, i++);
    r->status = rows_status_canonical(text_at(q, i++));
}

int rowsource_read_store(sqlite3 *db, const char *path, int observed_only, row_fn fn,
                         void *ctx)
{
    /* A store of schema version 1, read as it is, has no statuses. */
    int has_status = store_has_column(db, NULL, "results", "status") == 1;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT area, code, aggregate, indicator, plugin, plugin_version, measure, kind,"
             " unit, polarity, multiplier, period_type, period, row, method, value, numerator,"
             " denominator, lower, upper, change, change_percent, change_status,"
             " significance, significance_p, flags, display, %s FROM results%s"
             " ORDER BY area, measure, period, row",
             has_status ? "status" : "NULL", observed_only ? " WHERE row = 'observed'" : "");
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        cli_error("%s: not a results store of this indicate: %s", path, sqlite3_errmsg(db));
        return EXIT_DATA;
    }
    int rc = EXIT_OK_, s;
    while (rc == EXIT_OK_ && (s = sqlite3_step(q)) == SQLITE_ROW) {
        row r;
        store_row(q, &r);
        rc = fn(ctx, &r);
    }
    if (rc == EXIT_OK_ && s != SQLITE_DONE) {
        cli_error("%s: cannot read: %s", path, sqlite3_errmsg(db));
        rc = EXIT_IO;
    }
    sqlite3_finalize(q);
    return rc;
}

static int store_file(const char *path, row_fn fn, void *ctx)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        cli_error("%s: cannot open: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return EXIT_IO;
    }
    int rc = rowsource_read_store(db, path, 0, fn, ctx);
    sqlite3_close(db);
    return rc;
}

/* ---- the entry point ------------------------------------------------------------------ */

int rowsource_read(const char *path, row_fn fn, void *ctx)
{
    rowsource_kind kind;
    int rc = rowsource_detect(path, &kind);
    if (rc != EXIT_OK_)
        return rc;
    if (kind == ROWSOURCE_STORE)
        return store_file(path, fn, ctx);
    int is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_IO;
    }
    if (is_stdin) {
        /* Tell JSON from CSV by the first character, then put it back. */
        int c;
        while ((c = fgetc(fp)) != EOF && isspace(c))
            ;
        kind = c == '{' || c == '[' ? ROWSOURCE_JSON : ROWSOURCE_CSV;
        if (c != EOF)
            ungetc(c, fp);
    }
    rc = kind == ROWSOURCE_JSON ? json_file(path, fp, fn, ctx) : csv_file(path, fp, fn, ctx);
    if (rc == EXIT_OK_ && ferror(fp)) {
        cli_error("%s: cannot read: %s", path, strerror(errno));
        rc = EXIT_IO;
    }
    if (!is_stdin)
        fclose(fp);
    return rc;
}
