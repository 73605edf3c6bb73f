/*
** store.h: the SQLite results store of `indicate batch --format sqlite`.
**
** Tables (docs/batch.md describes every column):
**   results      one row per (area, measure, period, row) with every figure
**                of rows.h and its provenance: engine version, plug-in name
**                and version, and the hash of the inputs it was computed from
**   computed     one row per (area, indicator): the input hash, plug-in and
**                engine behind that indicator's rows (what a re-run checks)
**   comparisons  benchmarking across areas (comparison.h), when asked for
**   meta         the store's schema version (2: results has a status
**                column; a store of version 1 is migrated when a run
**                opens it, see store.c)
**
** A run is one write transaction: everything it changes appears at once
** when it commits, and a run that is interrupted (killed, crashed, out of
** disk) leaves the store as the previous run left it. The store is in WAL
** mode so that worker threads can read the previous run's hashes through
** their own read-only connections while the run writes: they see the state
** before the run, which is what "unchanged" is measured against.
**
** Errors are printed here (the functions return CLI exit codes), naming the
** store's path and SQLite's message.
*/
#ifndef INDICATE_CLI_STORE_H
#define INDICATE_CLI_STORE_H

#include <stdint.h>

#include "rows.h"

typedef struct sqlite3 sqlite3;

typedef struct store store;
typedef struct store_reader store_reader;

#define STORE_SCHEMA_VERSION "2"

/* Non-zero when path exists and begins with SQLite's file header. */
int store_is_sqlite(const char *path);

/* Opens the store at path, creating it when absent, and begins the run's
** write transaction. A file that is not a results store, or a store of a
** schema version other than this one and the one before, is EXIT_DATA. A
** store of the version before is migrated within the transaction. */
int store_open(const char *path, store **out);

/* Non-zero when store_open migrated the store from the version before: its
** stored hashes are void and every area of the run is to be recomputed. */
int store_migrated(const store *s);

/* 1 when table of the database db_name ("main" when NULL, or the name it
** is attached under) has the column, 0 when not, -1 when the layout cannot
** be read. Used for stores of the version before, which have no status
** column. */
int store_has_column(sqlite3 *db, const char *db_name, const char *table,
                     const char *column);

/* Commits the run. On failure the store is unchanged. */
int store_commit(store *s);

/* Closes, rolling back anything not committed. NULL is a no-op. */
void store_close(store *s);

/* The path given to store_open. */
const char *store_path(const store *s);

/* ---- reading the previous run's hashes, on any thread --------------------- */

/* A read-only connection of its own, for one thread. Returns an IND_ status. */
int store_reader_open(const store *s, store_reader **out, ind_error *err);
void store_reader_close(store_reader *r);

/* Calls fn(ctx, indicator, hash) for every indicator the store holds for
** area, as of the last committed run. Returns an IND_ status. */
int store_reader_hashes(store_reader *r, const char *area,
                        void (*fn)(void *ctx, const char *indicator, uint64_t hash),
                        void *ctx, ind_error *err);

/* ---- writing, on the thread that opened the store ------------------------ */

/* Replaces what the store holds for (area, indicator): its rows are deleted,
** its provenance recorded; the new rows follow through store_put_row. */
int store_replace_indicator(store *s, const char *area, const char *indicator,
                            uint64_t hash, const char *plugin,
                            const char *plugin_version);

/* Deletes what the store holds for (area, indicator) (no longer computed). */
int store_remove_indicator(store *s, const char *area, const char *indicator);

/* Inserts one result row with the hash of the inputs it was computed from. */
int store_put_row(store *s, const row *r, uint64_t hash);

/* Number of rows (area, indicator) in computed, for messages. */
int store_count_computed(store *s, int64_t *n);

/* The underlying connection, for the comparisons table (comparison.c). */
sqlite3 *store_db(store *s);

/* Prints "indicate: PATH: what: SQLite's message" and returns EXIT_IO. */
int store_fail(const store *s, const char *what);

#endif
