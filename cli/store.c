/*
** store.c: the SQLite results store (see store.h).
**
** Statements are prepared once per run and reused for every row; rows are
** bound, stepped and reset, so a run costs no allocation per value beyond
** SQLite's own page cache. NaN is stored as NULL.
**
** Schema versions: 1 had no `status` column in results; 2 adds it as the
** last column (so the positional INSERT below names every column in
** order). A store of version 1 is brought to version 2 inside the run's
** transaction (migrate): the column is added, NULL in the rows it holds,
** and every stored input hash is voided, so that every indicator is
** recomputed, with its statuses, when its area is next in a run.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "indicate/batch.h"
#include "store.h"

#define BUSY_TIMEOUT_MS 10000

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta("
    " key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS computed("
    " area TEXT NOT NULL, indicator TEXT NOT NULL, input_hash TEXT NOT NULL,"
    " plugin TEXT NOT NULL, plugin_version TEXT NOT NULL, engine TEXT NOT NULL,"
    " PRIMARY KEY(area, indicator)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS results("
    " area TEXT NOT NULL, code TEXT, aggregate INTEGER NOT NULL,"
    " indicator TEXT NOT NULL, measure TEXT NOT NULL, kind TEXT NOT NULL,"
    " unit TEXT, polarity INTEGER NOT NULL, multiplier REAL,"
    " period_type TEXT, period TEXT NOT NULL, row TEXT NOT NULL, method TEXT,"
    " value REAL, numerator REAL, denominator REAL, lower REAL, upper REAL,"
    " change REAL, change_percent REAL, change_status TEXT,"
    " significance TEXT, significance_p REAL, flags TEXT NOT NULL, display TEXT,"
    " plugin TEXT, plugin_version TEXT, engine TEXT NOT NULL,"
    " input_hash TEXT NOT NULL, status TEXT,"
    " PRIMARY KEY(area, measure, period, row)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS results_by_indicator ON results(area, indicator);";

enum { ST_DELETE_ROWS, ST_DELETE_COMPUTED, ST_PUT_COMPUTED, ST_PUT_ROW, ST_COUNT };

static const char *const statements[ST_COUNT] = {
    [ST_DELETE_ROWS] = "DELETE FROM results WHERE area = ?1 AND indicator = ?2",
    [ST_DELETE_COMPUTED] = "DELETE FROM computed WHERE area = ?1 AND indicator = ?2",
    [ST_PUT_COMPUTED] = "INSERT OR REPLACE INTO computed(area, indicator, input_hash,"
                        " plugin, plugin_version, engine) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_PUT_ROW] = "INSERT OR REPLACE INTO results VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                   " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
                   " ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
};

struct store {
    char *path;
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    int in_transaction;
    int migrated;       /* brought from schema version 1 in this run */
};

struct store_reader {
    sqlite3 *db;
    sqlite3_stmt *hashes;
};

/* ---- errors ---------------------------------------------------------------- */

int store_fail(const store *s, const char *what)
{
    cli_error("%s: %s: %s", s->path, what, s->db != NULL ? sqlite3_errmsg(s->db) : "cannot open");
    return EXIT_IO;
}

int store_migrated(const store *s)
{
    return s->migrated;
}

const char *store_path(const store *s)
{
    return s->path;
}

sqlite3 *store_db(store *s)
{
    return s->db;
}

int store_is_sqlite(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return 0;
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return n == sizeof head && memcmp(head, magic, sizeof magic) == 0;
}

/* ---- opening ----------------------------------------------------------------- */

static int exec(store *s, const char *sql, const char *what)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
        return EXIT_OK_;
    cli_error("%s: %s: %s", s->path, what, msg != NULL ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return EXIT_IO;
}

int store_has_column(sqlite3 *db, const char *db_name, const char *table,
                     const char *column)
{
    /* The database's name is the pragma function's optional last argument. */
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1, ?2) WHERE name = ?3", -1,
                           &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, db_name != NULL ? db_name : "main", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, column, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Version 1 to 2, inside the run's transaction: a run that fails or is
** killed leaves the store at version 1, as it was. The hashes are voided
** (an empty input_hash matches no computed hash in practice: it reads as
** 0) rather than the rows deleted, so an area not in this run keeps its
** results, without statuses, until a run recomputes it; the areas of this
** run are recomputed now (store_migrated), since the worker threads read
** hashes as of the last commit and would not see them voided. */
static int migrate(store *s)
{
    int has = store_has_column(s->db, NULL, "results", "status");
    if (has < 0)
        return store_fail(s, "cannot read the layout of the results table");
    int rc = has ? EXIT_OK_
                 : exec(s, "ALTER TABLE results ADD COLUMN status TEXT",
                        "cannot add the status column");
    if (rc == EXIT_OK_)
        rc = exec(s, "UPDATE computed SET input_hash = ''", "cannot void the input hashes");
    if (rc == EXIT_OK_)
        rc = exec(s, "UPDATE meta SET value = '" STORE_SCHEMA_VERSION "' WHERE key = 'schema'",
                  "cannot write the schema version");
    s->migrated = rc == EXIT_OK_;
    return rc;
}

/* A store made by another schema version is migrated when it is the one
** before this (version 1) and refused otherwise rather than mixed. Runs
** inside the run's transaction. */
static int check_version(store *s)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'schema'", -1, &q,
                                NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, "cannot read the schema version");
    int found = sqlite3_step(q) == SQLITE_ROW;
    char version[32] = "";
    if (found)
        snprintf(version, sizeof version, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (!found)
        return exec(s, "INSERT INTO meta VALUES ('schema', '" STORE_SCHEMA_VERSION "')",
                    "cannot write the schema version");
    if (strcmp(version, "1") == 0)
        return migrate(s);
    if (strcmp(version, STORE_SCHEMA_VERSION) != 0) {
        cli_error("%s: a results store of schema version %s; this indicate writes version %s",
                  s->path, version, STORE_SCHEMA_VERSION);
        return EXIT_DATA;
    }
    return EXIT_OK_;
}

/* Tables from another program in the same file: not ours to write into. */
static int check_is_store(store *s)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                  " AND name NOT IN ('meta', 'computed', 'results',"
                                  " 'comparisons')", -1, &q, NULL) != SQLITE_OK) {
        /* Not a database at all: SQLite says "file is not a database". */
        cli_error("%s: not a results store: %s", s->path, sqlite3_errmsg(s->db));
        return EXIT_DATA;
    }
    int others = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    if (others > 0) {
        cli_error("%s: not a results store (it holds other tables)", s->path);
        return EXIT_DATA;
    }
    return EXIT_OK_;
}

static int prepare_all(store *s)
{
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->st[i], NULL) != SQLITE_OK)
            return store_fail(s, "cannot prepare a statement");
    return EXIT_OK_;
}

static int setup(store *s)
{
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    int rc = check_is_store(s);
    if (rc == EXIT_OK_)
        rc = exec(s, "PRAGMA journal_mode = WAL", "cannot use write-ahead logging");
    if (rc == EXIT_OK_)
        rc = exec(s, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536",
                  "cannot set up");
    /* The tables are committed before the run, so that the workers' own
    ** connections find them in a new store; the version is checked, and an
    ** old store migrated, inside the run's transaction. */
    if (rc == EXIT_OK_)
        rc = exec(s, schema, "cannot create the tables");
    if (rc == EXIT_OK_)
        rc = exec(s, "BEGIN IMMEDIATE", "cannot begin writing (is another run using it?)");
    s->in_transaction = rc == EXIT_OK_;
    if (rc == EXIT_OK_)
        rc = check_version(s);
    if (rc == EXIT_OK_)
        rc = prepare_all(s);
    return rc;
}

int store_open(const char *path, store **out)
{
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (s == NULL || (s->path = strdup(path)) == NULL) {
        free(s);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        int rc = store_fail(s, "cannot open");
        store_close(s);
        return rc;
    }
    int rc = setup(s);
    if (rc != EXIT_OK_) {
        store_close(s);
        return rc;
    }
    *out = s;
    return EXIT_OK_;
}

int store_commit(store *s)
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
    if (!s->in_transaction)
        return EXIT_OK_;
    s->in_transaction = 0;
    if (exec(s, "COMMIT", "cannot commit the run") != EXIT_OK_) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return EXIT_IO;
    }
    /* Fold the log back into the database so the file stands alone. */
    sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return EXIT_OK_;
}

void store_close(store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    if (s->in_transaction)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- readers ---------------------------------------------------------------- */

int store_reader_open(const store *s, store_reader **out, ind_error *err)
{
    *out = NULL;
    store_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(s->path, &r->db, flags, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(r->db, "SELECT indicator, input_hash FROM computed WHERE area = ?1",
                           -1, SQLITE_PREPARE_PERSISTENT, &r->hashes, NULL) != SQLITE_OK) {
        ind_error_set(err, IND_EIO, "%s: cannot read the store: %s", s->path,
                      r->db != NULL ? sqlite3_errmsg(r->db) : "cannot open");
        store_reader_close(r);
        return IND_EIO;
    }
    sqlite3_busy_timeout(r->db, BUSY_TIMEOUT_MS);
    *out = r;
    return IND_OK;
}

void store_reader_close(store_reader *r)
{
    if (r == NULL)
        return;
    sqlite3_finalize(r->hashes);
    sqlite3_close(r->db);
    free(r);
}

static uint64_t parse_hex(const unsigned char *s)
{
    uint64_t h = 0;
    for (; s != NULL && *s != '\0'; s++) {
        unsigned c = *s;
        unsigned d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
        h = h << 4 | d;
    }
    return h;
}

int store_reader_hashes(store_reader *r, const char *area,
                        void (*fn)(void *ctx, const char *indicator, uint64_t hash),
                        void *ctx, ind_error *err)
{
    sqlite3_stmt *q = r->hashes;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, area, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn(ctx, (const char *)sqlite3_column_text(q, 0),
           parse_hex(sqlite3_column_text(q, 1)));
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return ind_error_set(err, IND_EIO, "cannot read the store: %s", sqlite3_errmsg(r->db));
    return IND_OK;
}

/* ---- writing ------------------------------------------------------------------ */

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

static int step(store *s, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? EXIT_OK_ : store_fail(s, what);
}

int store_remove_indicator(store *s, const char *area, const char *indicator)
{
    for (int i = ST_DELETE_ROWS; i <= ST_DELETE_COMPUTED; i++) {
        sqlite3_stmt *q = s->st[i];
        bind_text(q, 1, area);
        bind_text(q, 2, indicator);
        int rc = step(s, q, "cannot delete old results");
        if (rc != EXIT_OK_)
            return rc;
    }
    return EXIT_OK_;
}

int store_replace_indicator(store *s, const char *area, const char *indicator,
                            uint64_t hash, const char *plugin,
                            const char *plugin_version)
{
    int rc = store_remove_indicator(s, area, indicator);
    if (rc != EXIT_OK_)
        return rc;
    char hex[17];
    ind_batch_hash_hex(hash, hex);
    sqlite3_stmt *q = s->st[ST_PUT_COMPUTED];
    bind_text(q, 1, area);
    bind_text(q, 2, indicator);
    bind_text(q, 3, hex);
    bind_text(q, 4, plugin);
    bind_text(q, 5, plugin_version);
    bind_text(q, 6, ind_version());
    return step(s, q, "cannot record provenance");
}

int store_put_row(store *s, const row *r, uint64_t hash)
{
    char hex[17];
    ind_batch_hash_hex(hash, hex);
    sqlite3_stmt *q = s->st[ST_PUT_ROW];
    int i = 1;
    bind_text(q, i++, r->area);
    bind_text(q, i++, r->code);
    sqlite3_bind_int(q, i++, r->aggregate != 0);
    bind_text(q, i++, r->indicator);
    bind_text(q, i++, r->measure);
    bind_text(q, i++, r->kind);
    bind_text(q, i++, r->unit);
    sqlite3_bind_int(q, i++, r->polarity);
    bind_number(q, i++, r->multiplier);
    bind_text(q, i++, r->period_type);
    bind_text(q, i++, r->period);
    bind_text(q, i++, r->row);
    bind_text(q, i++, r->method);
    bind_number(q, i++, r->value);
    bind_number(q, i++, r->numerator);
    bind_number(q, i++, r->denominator);
    bind_number(q, i++, r->lower);
    bind_number(q, i++, r->upper);
    bind_number(q, i++, r->change);
    bind_number(q, i++, r->change_percent);
    bind_text(q, i++, r->change_status);
    bind_text(q, i++, r->significance);
    bind_number(q, i++, r->significance_p);
    bind_text(q, i++, r->flags);
    bind_text(q, i++, r->display);
    bind_text(q, i++, r->plugin);
    bind_text(q, i++, r->plugin_version);
    bind_text(q, i++, ind_version());
    bind_text(q, i++, hex);
    bind_text(q, i++, r->status);
    return step(s, q, "cannot write a result");
}

int store_count_computed(store *s, int64_t *n)
{
    sqlite3_stmt *q = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM computed", -1, &q, NULL) != SQLITE_OK)
        return store_fail(s, "cannot count results");
    if (sqlite3_step(q) == SQLITE_ROW)
        *n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return EXIT_OK_;
}
