/*
** comparison.h: benchmarking across areas for `indicate batch --compare` and
** `indicate compare`.
**
** Observed rows (rows.h) are collected from any number of areas, compactly:
** strings are held once and each observation is a few numbers. Then, for
** every measure and period, the areas are compared (compare.h) and one
** comparison row per area is written as CSV, JSON Lines, or into the
** results store's `comparisons` table.
**
** Family groups and aggregates come from an optional area-attributes file
** (CSV with a header: `area` and any of `family_group`, `aggregate`,
** `code`); an area is also an aggregate when its dataset said so, when it
** is named with --aggregate, or when its code is Scotland's GSS code
** S92000003. Memory grows with areas x measures x periods (about 40 bytes
** an observation): every area of a measure must be present to rank it.
*/
#ifndef INDICATE_CLI_COMPARISON_H
#define INDICATE_CLI_COMPARISON_H

#include <stdio.h>

#include "rows.h"

typedef struct sqlite3 sqlite3;

typedef struct comparison comparison;

/* NULL when out of memory. */
comparison *comparison_new(void);
void comparison_free(comparison *c);

/* Reads the area-attributes file. Errors are printed; returns an exit code. */
int comparison_load_areas(comparison *c, const char *path);

/* Marks an area as an aggregate (--aggregate NAME). */
int comparison_mark_aggregate(comparison *c, const char *area);

/* Restricts the comparison to these indicators (NULL or 0: all). The
** strings must outlive c. */
void comparison_select(comparison *c, const char *const *indicators, size_t n);

/* Collects one row (observed rows only; others are ignored). `where` names
** the source for messages. Returns an exit code after printing. */
int comparison_add(comparison *c, const row *r, const char *where);

/* Collects every observed row of every area in a result file: JSON Lines of
** `indicate batch`, a JSON document of `indicate run`, or a results store. */
int comparison_add_file(comparison *c, const char *path);

typedef enum comparison_format {
    COMPARISON_CSV = 0,
    COMPARISON_JSONL
} comparison_format;

/* Collects the observed rows of an open results store. */
int comparison_add_store(comparison *c, sqlite3 *db, const char *path);

/* Compares and writes every measure and period. Returns an exit code. */
int comparison_write(comparison *c, FILE *fp, comparison_format f);

/* Compares and replaces the store's comparisons table (inside the run's
** transaction). */
int comparison_write_store(comparison *c, sqlite3 *db, const char *path);

/* Number of observations collected. */
size_t comparison_size(const comparison *c);

#endif
