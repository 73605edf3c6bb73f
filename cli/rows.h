/*
** rows.h: results as flat rows keyed by (area, measure, period, row).
**
** The results store, `indicate diff` and `indicate compare` all see a result
** set the same way: one row per area, measure and period ("observed"); one
** per period projected by the measure's projection method ("projection",
** the damped Holt forecast when there are enough values: the same rows as
** `indicate run --format csv`); and one for the straight-line trend's
** projection of the next period with its prediction interval ("trend").
** A row holds every figure a committee paper may quote and that a data
** revision can change: value, counts, interval, the change against the
** previous period with its status and significance, flags, and the
** period's status against the area's target (docs/targets.md).
**
** The target status is held in one vocabulary whatever a result file was
** written in: IMPROVe's words (Blue, Green, Amber, Red, Report later,
** Contextual), as the `status` column of `indicate run --format csv`
** writes them. A level name ("met") or another vocabulary's word ("OK")
** read back from a file is put into those words, so that two result sets
** compare like with like.
**
** Rows come from a computed result (rows_from_result) or from a result file
** written earlier, a JSON document of `indicate run` or the JSON Lines of
** `indicate batch` (rows_from_json_area). Strings in a row point into the
** result or the JSON tree: a row is valid only during the callback.
*/
#ifndef INDICATE_CLI_ROWS_H
#define INDICATE_CLI_ROWS_H

#include <cjson/cJSON.h>

#include "cli.h"

typedef struct row {
    const char *area;
    const char *code;          /* may be NULL */
    int aggregate;             /* the area is a total such as Scotland */
    const char *indicator;
    const char *plugin;        /* may be NULL (a result file without it) */
    const char *plugin_version;
    const char *measure;
    const char *kind;          /* "count", "proportion", "rate", "ratio" */
    const char *unit;
    int polarity;              /* 1 higher is better, -1 lower, 0 neutral */
    double multiplier;
    const char *period_type;   /* "financial-year", ... */
    const char *period;
    const char *row;           /* "observed", "projection" or "trend" */
    const char *method;        /* projections: "holt", "linear", ...; NULL */
    double value, numerator, denominator, lower, upper;
    double change, change_percent; /* against the previous period */
    const char *change_status; /* "ok", "undefined", "missing"; NULL for projections */
    const char *significance;  /* ind_verdict_name() of the change's test;
                                  NULL when the result has no significance */
    double significance_p;
    char flags[64];            /* "missing;gap", "" when none */
    const char *display;
    const char *status;        /* the observed period's status against the
                                  area's target, in IMPROVe's words
                                  (rows_status_word); NULL when no target
                                  applies to the measure, and for projections */
} row;

typedef int (*row_fn)(void *ctx, const row *r);

/* Calls fn for every row of a computed result, measures in result order and
** periods in order, each measure's projection after its periods. Stops at
** the first non-zero return of fn and returns it. aggregate is the dataset's
** flag (a result does not carry it). decimals are those of the display
** strings; -1 leaves display NULL (for callers that need only figures).
** targets is the area's dataset, whose targets give each observed row its
** status with the default rules, as `indicate run` judges it; NULL leaves
** every status NULL (for callers that need only figures). */
int rows_from_result(const ind_result *res, int aggregate, int decimals,
                     const ind_dataset *targets, row_fn fn, void *ctx);

/* The word rows hold for a status level: IMPROVe's ("Green" for met). */
const char *rows_status_word(ind_level level);

/* A status as a result file wrote it, in the words rows hold: a level name
** ("met") or a word of any built-in vocabulary ("Green", "OK") gives
** rows_status_word of its level; NULL or "" gives NULL; anything else is
** returned as it is, to be compared as written. */
const char *rows_status_canonical(const char *text);

/* The same for one area object of a JSON result file. Missing fields read
** as NULL or NaN; an object that is not an area result is IND_EDATA with a
** message in err naming `where`. */
int rows_from_json_area(const cJSON *area, const char *where, row_fn fn,
                        void *ctx, ind_error *err);

/* +1, -1 or 0 from "higher_is_better", "lower_is_better", anything else. */
int rows_polarity_from_name(const char *name);

#endif
