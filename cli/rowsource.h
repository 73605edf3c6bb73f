/*
** rowsource.h: the rows (rows.h) of a result set written earlier.
**
** A result set is any of:
**   JSON Lines  `indicate batch` (one area's result per line)
**   JSON        `indicate run --format json` (a document with "areas")
**   CSV         `indicate run --format csv` or `indicate batch --format csv`
**   a store     `indicate batch --format sqlite` (its results table)
** told apart by content: SQLite's file header, then the first character
** ('{' or '[' for JSON). CSV carries neither a measure's polarity nor its
** multiplier: what needs them (compare) asks for the other forms. Target
** statuses are read from every form (a JSON period's "status" object, the
** CSV `status` column, the store's `status` column) into the words rows
** hold (rows_status_canonical); a store of schema version 1, or a file
** written before batch wrote statuses, reads as having none.
**
** Errors are printed, naming the file and the line or JSON path; functions
** return CLI exit codes. A callback's non-zero return stops the reading and
** is returned.
*/
#ifndef INDICATE_CLI_ROWSOURCE_H
#define INDICATE_CLI_ROWSOURCE_H

#include "rows.h"

typedef struct sqlite3 sqlite3;

typedef enum rowsource_kind {
    ROWSOURCE_JSON = 1,   /* JSON or JSON Lines */
    ROWSOURCE_CSV,
    ROWSOURCE_STORE
} rowsource_kind;

/* What path holds, by content ("-" is standard input, never a store). */
int rowsource_detect(const char *path, rowsource_kind *kind);

/* Every row of the result set at path, in file order (a store's in key
** order: area, measure, period, row). */
int rowsource_read(const char *path, row_fn fn, void *ctx);

/* Every row of an open store's results table, observed rows only when
** observed_only; key order. */
int rowsource_read_store(sqlite3 *db, const char *path, int observed_only, row_fn fn,
                         void *ctx);

#endif
