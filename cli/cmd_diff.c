/*
** cmd_diff.c: `indicate diff OLD NEW`: what changed between two result sets,
** the question after a data revision or a new plug-in version.
**
** Both sides are loaded into a private temporary SQLite database (on disk,
** so result sets of any size need little memory), keyed by (area, measure,
** period, row); a store is copied in with one INSERT ... SELECT. The two are
** then walked together in key order: a key on one side only is a row added
** or removed; a key on both whose figures differ is a row changed, with
** every field that changed. Output is in key order, so it is the same for
** the same two result sets.
*/
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "csvw.h"
#include "indicate/dtoa.h"
#include "jsonw.h"
#include "rowsource.h"
#include "store.h"

static void help(void)
{
    printf("Usage: indicate diff OLD NEW [OPTION]...\n"
           "List what changed between two result sets: rows added and removed, and\n"
           "for rows in both, every figure that changed: value, numerator,\n"
           "denominator, interval, the status of the change against the previous\n"
           "period, its significance, the flags, the projection method, and the\n"
           "status against the area's target (Blue, Green, Amber, Red, Report\n"
           "later, Contextual). Rows are keyed by area, measure, period and row\n"
           "(observed, or the projection).\n"
           "\n"
           "OLD and NEW are each a results store (`indicate batch --format sqlite`),\n"
           "the JSON Lines or CSV of `indicate batch`, or the JSON or CSV of\n"
           "`indicate run`; - reads standard input (for one of them).\n"
           "\n"
           "Options:\n"
           "  -f, --format FORMAT  table (default), csv (one line per changed field)\n"
           "                       or jsonl (one object per row)\n"
           "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
           "  --tolerance REL      figures within REL of each other (relative, e.g.\n"
           "                       1e-12) count as the same; 0, the default, is exact\n"
           "  -q, --quiet          write nothing: only the exit status says\n"
           "  -h, --help           this help\n"
           "\n"
           "Exit status: 0 when the result sets hold the same figures, 1 when they\n"
           "differ, and otherwise as below. A one-line count goes to standard error.\n"
           "\n" CLI_EXIT_HELP);
}

enum { DIFF_TABLE, DIFF_CSV, DIFF_JSONL };

typedef struct diff_opts {
    int format;
    const char *output;
    double tolerance;
    int quiet;
} diff_opts;

static int parse(int argc, char **argv, diff_opts *o)
{
    enum { OPT_TOLERANCE = OPT_FIRST_VERB_OPTION };
    static const struct option options[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "tolerance", required_argument, NULL, OPT_TOLERANCE },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":f:o:qh", options, NULL)) != -1) {
        char *end;
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                o->format = DIFF_TABLE;
            else if (strcmp(optarg, "csv") == 0)
                o->format = DIFF_CSV;
            else if (strcmp(optarg, "jsonl") == 0)
                o->format = DIFF_JSONL;
            else
                return cli_usage("diff", "unknown format '%s' (table, csv or jsonl)", optarg);
            break;
        case 'o': o->output = optarg; break;
        case 'q': o->quiet = 1; break;
        case OPT_TOLERANCE:
            o->tolerance = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(o->tolerance >= 0 && o->tolerance < 1))
                return cli_usage("diff", "--tolerance takes a relative difference from 0 to "
                                         "below 1, not '%s'", optarg);
            break;
        default:
            return cli_option_error("diff", argv, opt);
        }
    }
    if (argc - optind != 2)
        return cli_usage("diff", "two result sets are needed, OLD and NEW (%d given)",
                         argc - optind);
    if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
        return cli_usage("diff", "standard input (-) can be only one of OLD and NEW");
    return EXIT_OK_;
}

/* ---- loading both sides ------------------------------------------------------------- */

#define FIELDS \
    "value, numerator, denominator, lower, upper, change_status, significance, flags, method," \
    " status"

typedef struct loader {
    sqlite3 *db;
    sqlite3_stmt *insert;
    const char *path;
    const char *side;
} loader;

static int db_fail(sqlite3 *db, const char *what)
{
    cli_error("diff: %s: %s", what, sqlite3_errmsg(db));
    return EXIT_IO;
}

static int exec(sqlite3 *db, const char *sql, const char *what)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? EXIT_OK_ : db_fail(db, what);
}

static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
    if (s == NULL)
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
}

static void bind_number(sqlite3_stmt *q, int i, double x)
{
    if (isfinite(x))
        sqlite3_bind_double(q, i, x);
    else
        sqlite3_bind_null(q, i);
}

static int insert_row(void *arg, const row *r)
{
    loader *ld = arg;
    sqlite3_stmt *q = ld->insert;
    bind_text(q, 1, r->area);
    bind_text(q, 2, r->measure);
    bind_text(q, 3, r->period);
    bind_text(q, 4, r->row);
    bind_number(q, 5, r->value);
    bind_number(q, 6, r->numerator);
    bind_number(q, 7, r->denominator);
    bind_number(q, 8, r->lower);
    bind_number(q, 9, r->upper);
    bind_text(q, 10, r->change_status);
    bind_text(q, 11, r->significance);
    bind_text(q, 12, r->flags);
    bind_text(q, 13, r->method);
    bind_text(q, 14, r->status);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc == SQLITE_DONE)
        return EXIT_OK_;
    if (rc == SQLITE_CONSTRAINT) {
        cli_error("%s: area \"%s\", measure %s, period %s (%s) appears twice", ld->path,
                  r->area, r->measure, r->period, r->row);
        return EXIT_DATA;
    }
    return db_fail(ld->db, "cannot hold a row");
}

/* A store is attached under a name of its own per side (a database cannot
** be detached inside the loading transaction) and copied in one statement.
** A store of schema version 1 has no status column: its rows have none. */
static int load_store(sqlite3 *db, const char *path, const char *side)
{
    char sql[512];
    snprintf(sql, sizeof sql, "ATTACH DATABASE ?1 AS %s_store", side);
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
        rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK) {
        cli_error("%s: cannot open: %s", path, sqlite3_errmsg(db));
        return EXIT_IO;
    }
    char attached[32];
    snprintf(attached, sizeof attached, "%s_store", side);
    int has_status = store_has_column(db, attached, "results", "status") == 1;
    /* A store holds statuses in the words rows hold (store_put_row): no
    ** translation is needed. */
    snprintf(sql, sizeof sql,
             "INSERT INTO %s SELECT area, measure, period, row, value, numerator,"
             " denominator, lower, upper, change_status, significance, flags, method, %s"
             " FROM %s_store.results",
             side, has_status ? "status" : "NULL", side);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        cli_error("%s: not a results store of this indicate: %s", path, sqlite3_errmsg(db));
        return EXIT_DATA;
    }
    return EXIT_OK_;
}

static int load(sqlite3 *db, const char *path, const char *side)
{
    rowsource_kind kind;
    int rc = rowsource_detect(path, &kind);
    if (rc != EXIT_OK_)
        return rc;
    if (kind == ROWSOURCE_STORE)
        return load_store(db, path, side);
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                              " ?10, ?11, ?12, ?13, ?14)", side);
    loader ld = { .db = db, .path = path, .side = side };
    if (sqlite3_prepare_v2(db, sql, -1, &ld.insert, NULL) != SQLITE_OK)
        return db_fail(db, "cannot prepare");
    rc = rowsource_read(path, insert_row, &ld);
    sqlite3_finalize(ld.insert);
    return rc;
}

static int open_scratch(sqlite3 **db)
{
    /* An empty name: a private database in a temporary file, deleted on close. */
    if (sqlite3_open("", db) != SQLITE_OK)
        return db_fail(*db, "cannot make a scratch database");
    static const char tables[] =
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE old(area TEXT, measure TEXT, period TEXT, row TEXT, value REAL,"
        " numerator REAL, denominator REAL, lower REAL, upper REAL, change_status TEXT,"
        " significance TEXT, flags TEXT, method TEXT, status TEXT,"
        " PRIMARY KEY(area, measure, period, row)) WITHOUT ROWID;"
        "CREATE TABLE new(area TEXT, measure TEXT, period TEXT, row TEXT, value REAL,"
        " numerator REAL, denominator REAL, lower REAL, upper REAL, change_status TEXT,"
        " significance TEXT, flags TEXT, method TEXT, status TEXT,"
        " PRIMARY KEY(area, measure, period, row)) WITHOUT ROWID;";
    return exec(*db, tables, "cannot make a scratch database");
}

/* ---- walking both in key order ----------------------------------------------------------- */

static const char *const number_fields[] = { "value", "numerator", "denominator", "lower",
                                             "upper" };
static const char *const text_fields[] = { "change_status", "significance", "flags",
                                           "method", "status" };
#define N_NUMBERS 5
#define N_TEXTS 5
#define KEY_COLUMNS 4

typedef struct walk {
    const diff_opts *o;
    FILE *fp;
    size_t changed, added, removed, same;
    int csv_header;
} walk;

static int key_cmp(sqlite3_stmt *a, sqlite3_stmt *b)
{
    for (int i = 0; i < KEY_COLUMNS; i++) {
        const char *x = (const char *)sqlite3_column_text(a, i);
        const char *y = (const char *)sqlite3_column_text(b, i);
        int c = strcmp(x != NULL ? x : "", y != NULL ? y : "");
        if (c != 0)
            return c;
    }
    return 0;
}

static int same_number(sqlite3_stmt *a, sqlite3_stmt *b, int col, double tol)
{
    int na = sqlite3_column_type(a, col) == SQLITE_NULL;
    int nb = sqlite3_column_type(b, col) == SQLITE_NULL;
    if (na || nb)
        return na && nb;
    double x = sqlite3_column_double(a, col), y = sqlite3_column_double(b, col);
    double scale = fmax(fabs(x), fabs(y));
    return x == y || fabs(x - y) <= tol * scale;
}

static int same_text(sqlite3_stmt *a, sqlite3_stmt *b, int col)
{
    const char *x = (const char *)sqlite3_column_text(a, col);
    const char *y = (const char *)sqlite3_column_text(b, col);
    if (x == NULL || y == NULL)
        return x == y;
    return strcmp(x, y) == 0;
}

static void number_text(sqlite3_stmt *q, int col, char *buf, size_t size)
{
    if (q == NULL || sqlite3_column_type(q, col) == SQLITE_NULL ||
        ind_dtoa_shortest(sqlite3_column_double(q, col), buf, size) < 0)
        snprintf(buf, size, "%s", "null");
}

static const char *text_or_null(sqlite3_stmt *q, int col)
{
    const char *s = q != NULL ? (const char *)sqlite3_column_text(q, col) : NULL;
    return s != NULL ? s : "null";
}

/* The field's old and new values as text, for the table and CSV. */
static void field_texts(sqlite3_stmt *a, sqlite3_stmt *b, int f, char *x, char *y, size_t size)
{
    int col = KEY_COLUMNS + f;
    if (f < N_NUMBERS) {
        number_text(a, col, x, size);
        number_text(b, col, y, size);
    } else {
        snprintf(x, size, "%s", text_or_null(a, col));
        snprintf(y, size, "%s", text_or_null(b, col));
    }
}

static const char *field_name(int f)
{
    return f < N_NUMBERS ? number_fields[f] : text_fields[f - N_NUMBERS];
}

static int field_same(sqlite3_stmt *a, sqlite3_stmt *b, int f, double tol)
{
    return f < N_NUMBERS ? same_number(a, b, KEY_COLUMNS + f, tol)
                         : same_text(a, b, KEY_COLUMNS + f);
}

static void write_key_csv(FILE *fp, const char *change, sqlite3_stmt *k)
{
    csvw_text(fp, change, 0);
    for (int i = 0; i < KEY_COLUMNS; i++)
        csvw_text(fp, (const char *)sqlite3_column_text(k, i), 0);
}

/* A field's old or new value: a bare number, or guarded text; empty when
** the row is absent on that side or the value is NULL. */
static void csv_field_value(FILE *fp, sqlite3_stmt *q, int f, int last)
{
    int col = KEY_COLUMNS + f;
    if (q == NULL || sqlite3_column_type(q, col) == SQLITE_NULL)
        csvw_text(fp, NULL, last);
    else if (f < N_NUMBERS)
        csvw_number(fp, sqlite3_column_double(q, col), last);
    else
        csvw_text(fp, (const char *)sqlite3_column_text(q, col), last);
}

static void write_key_json(jsonw *w, const char *change, sqlite3_stmt *k)
{
    static const char *const keys[KEY_COLUMNS] = { "area", "measure", "period", "row" };
    jw_kstring(w, "change", change);
    for (int i = 0; i < KEY_COLUMNS; i++)
        jw_kstring(w, keys[i], (const char *)sqlite3_column_text(k, i));
}

static void json_field(jsonw *w, sqlite3_stmt *q, int f)
{
    int col = KEY_COLUMNS + f;
    if (q == NULL || sqlite3_column_type(q, col) == SQLITE_NULL)
        jw_null(w);
    else if (f < N_NUMBERS)
        jw_number(w, sqlite3_column_double(q, col));
    else
        jw_string(w, (const char *)sqlite3_column_text(q, col));
}

/* One row's report. a is the old row (NULL when added), b the new (NULL
** when removed). */
static void report(walk *wk, const char *change, sqlite3_stmt *a, sqlite3_stmt *b)
{
    FILE *fp = wk->fp;
    sqlite3_stmt *k = a != NULL ? a : b;
    char x[IND_DTOA_MAX + 64], y[IND_DTOA_MAX + 64];
    int n_fields = N_NUMBERS + N_TEXTS;
    if (wk->o->format == DIFF_JSONL) {
        jsonw w;
        jw_init(&w, fp, 0);
        jw_object(&w);
        write_key_json(&w, change, k);
        jw_key(&w, "fields");
        jw_object(&w);
        for (int f = 0; f < n_fields; f++) {
            if (a != NULL && b != NULL && field_same(a, b, f, wk->o->tolerance))
                continue;
            jw_key(&w, field_name(f));
            jw_object(&w);
            jw_key(&w, "old");
            json_field(&w, a, f);
            jw_key(&w, "new");
            json_field(&w, b, f);
            jw_end_object(&w);
        }
        jw_end_object(&w);
        jw_end_object(&w);
        jw_finish(&w);
        return;
    }
    if (wk->o->format == DIFF_CSV) {
        if (!wk->csv_header) {
            fputs("change,area,measure,period,row,field,old,new\r\n", fp);
            wk->csv_header = 1;
        }
        for (int f = 0; f < (a != NULL && b != NULL ? n_fields : 1); f++) {
            if (a != NULL && b != NULL && field_same(a, b, f, wk->o->tolerance))
                continue;
            write_key_csv(fp, change, k);
            csvw_text(fp, field_name(f), 0);
            csv_field_value(fp, a, f, 0);
            csv_field_value(fp, b, f, 1);
        }
        return;
    }
    fprintf(fp, "%-8s %s | %s | %s | %s", change, sqlite3_column_text(k, 0),
            sqlite3_column_text(k, 1), sqlite3_column_text(k, 2), sqlite3_column_text(k, 3));
    const char *sep = ": ";
    for (int f = 0; f < n_fields; f++) {
        if (a != NULL && b != NULL && field_same(a, b, f, wk->o->tolerance))
            continue;
        if ((a == NULL || b == NULL) && f > 0)
            break; /* an added or removed row shows its value */
        field_texts(a, b, f, x, y, sizeof x);
        if (a != NULL && b != NULL)
            fprintf(fp, "%s%s %s -> %s", sep, field_name(f), x, y);
        else
            fprintf(fp, "%s%s %s", sep, field_name(f), a != NULL ? x : y);
        sep = ", ";
    }
    fputc('\n', fp);
}

static int row_differs(walk *wk, sqlite3_stmt *a, sqlite3_stmt *b)
{
    for (int f = 0; f < N_NUMBERS + N_TEXTS; f++)
        if (!field_same(a, b, f, wk->o->tolerance))
            return 1;
    return 0;
}

static int step(sqlite3 *db, sqlite3_stmt *q, int *has)
{
    int rc = sqlite3_step(q);
    *has = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? EXIT_OK_ : db_fail(db, "cannot read");
}

static int walk_both(sqlite3 *db, walk *wk)
{
    sqlite3_stmt *a = NULL, *b = NULL;
    const char *sql_a = "SELECT area, measure, period, row, " FIELDS " FROM old"
                        " ORDER BY area, measure, period, row";
    const char *sql_b = "SELECT area, measure, period, row, " FIELDS " FROM new"
                        " ORDER BY area, measure, period, row";
    if (sqlite3_prepare_v2(db, sql_a, -1, &a, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql_b, -1, &b, NULL) != SQLITE_OK) {
        sqlite3_finalize(a);
        return db_fail(db, "cannot compare");
    }
    int has_a, has_b;
    int rc = step(db, a, &has_a);
    if (rc == EXIT_OK_)
        rc = step(db, b, &has_b);
    while (rc == EXIT_OK_ && (has_a || has_b)) {
        int c = !has_a ? 1 : !has_b ? -1 : key_cmp(a, b);
        int quiet = wk->o->quiet;
        if (c < 0) {
            wk->removed++;
            if (!quiet)
                report(wk, "removed", a, NULL);
            rc = step(db, a, &has_a);
        } else if (c > 0) {
            wk->added++;
            if (!quiet)
                report(wk, "added", NULL, b);
            rc = step(db, b, &has_b);
        } else {
            if (row_differs(wk, a, b)) {
                wk->changed++;
                if (!quiet)
                    report(wk, "changed", a, b);
            } else {
                wk->same++;
            }
            rc = step(db, a, &has_a);
            if (rc == EXIT_OK_)
                rc = step(db, b, &has_b);
        }
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return rc;
}

/* ---- the verb ------------------------------------------------------------------------------ */

static int load_both(sqlite3 *db, const char *old_path, const char *new_path)
{
    int rc = exec(db, "BEGIN", "cannot begin");
    if (rc == EXIT_OK_)
        rc = load(db, old_path, "old");
    if (rc == EXIT_OK_)
        rc = load(db, new_path, "new");
    if (rc == EXIT_OK_)
        rc = exec(db, "COMMIT", "cannot hold the rows");
    return rc;
}

int cmd_diff(int argc, char **argv)
{
    diff_opts o = { .format = DIFF_TABLE };
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;
    const char *old_path = argv[optind], *new_path = argv[optind + 1];
    sqlite3 *db = NULL;
    rc = open_scratch(&db);
    if (rc == EXIT_OK_)
        rc = load_both(db, old_path, new_path);
    cli_output out = { 0 };
    walk wk = { .o = &o };
    if (rc == EXIT_OK_ && !o.quiet)
        rc = cli_output_open(&out, o.output);
    if (rc == EXIT_OK_) {
        wk.fp = out.fp;
        rc = walk_both(db, &wk);
        if (!o.quiet)
            rc = rc == EXIT_OK_ ? cli_output_commit(&out) : (cli_output_abort(&out), rc);
    }
    sqlite3_close(db);
    if (rc != EXIT_OK_)
        return rc;
    if (!o.quiet)
        fprintf(stderr, "indicate: diff: %zu rows changed, %zu added, %zu removed, %zu the same\n",
                wk.changed, wk.added, wk.removed, wk.same);
    return wk.changed + wk.added + wk.removed > 0 ? EXIT_CHECK : EXIT_OK_;
}
