/*
** dataset.h: one area's raw series, as read from a dataset file.
**
** A dataset is one area (a council, or an aggregate such as Scotland) with
** its series. A series is a run of values over periods of one kind, kept
** sorted by period with no duplicates; missing values are NaN. Everything a
** dataset points to lives in the dataset's own arena and is freed with it by
** ind_dataset_free(): callers never free a series or a string separately, and
** no pointer into a dataset outlives it.
**
** Datasets are built by the readers (reader.h, io_json.h, io_csv.h) or by a
** program through ind_dataset_builder, which checks every rule of the data
** model (docs/dataset-format.md) before a dataset exists: a dataset that
** exists is valid.
**
** Besides its series, a dataset may carry what its figures are judged
** against (target.h, docs/targets.md): targets on measures or series,
** project milestones, the date the data are correct as at, and default
** status rules. The readers fill them from the JSON keys "targets",
** "projects", "as_at" and "status_rules".
*/
#ifndef INDICATE_DATASET_H
#define INDICATE_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "period.h"
#include "series.h"
#include "target.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_arena ind_arena;

typedef struct ind_dataset {
    const char *area;        /* area name, never NULL or empty */
    const char *code;        /* GSS code such as "S12000050", or NULL */
    const char *source;      /* source reference for the dataset, or NULL */
    int is_aggregate;        /* a total such as Scotland: never pooled with areas */
    size_t n_series;
    const ind_series *series;/* [n_series], sorted by id, ids unique */
    const char *file;        /* the file it was read from, or NULL */
    ind_arena *arena;        /* owns all of the above and below */

    /* What the figures are judged against (target.h); all empty when the
    ** dataset states none. */
    size_t n_targets;
    const ind_target *targets;   /* [n_targets], in the order given */
    size_t n_projects;
    const ind_milestone *projects; /* [n_projects], in the order given */
    int has_as_at;
    ind_date as_at;              /* the date the data are correct as at */
    ind_status_rules rules;      /* the dataset's default tolerances */
} ind_dataset;

/* Frees a dataset and everything it points to. NULL is a no-op. */
void ind_dataset_free(ind_dataset *ds);

/* The series with this id, or NULL. Binary search: O(log n). The pointer is
** owned by ds. */
const ind_series *ind_dataset_find(const ind_dataset *ds, const char *id);

/* ---- Building a dataset ------------------------------------------------
**
** Readers, tests and embedding programs build datasets the same way, so the
** rules are checked in one place. Strings passed in are copied. The builder
** owns everything until ind_dataset_builder_finish hands over the dataset.
*/
typedef struct ind_dataset_builder ind_dataset_builder;

/* Limits on what one dataset may hold; zero fields take the defaults below. */
typedef struct ind_limits {
    size_t max_series;        /* series per area */
    size_t max_periods;       /* periods per series, and the aligned span */
    size_t max_string;        /* bytes in any one string */
    size_t max_document;      /* bytes in one JSON document or CSV file read whole */
    size_t max_line;          /* bytes in one JSON Lines record or CSV record */
} ind_limits;

#define IND_DEFAULT_MAX_SERIES 10000
#define IND_DEFAULT_MAX_PERIODS 10000
#define IND_DEFAULT_MAX_STRING 4096
#define IND_DEFAULT_MAX_DOCUMENT (256u * 1024u * 1024u)
#define IND_DEFAULT_MAX_LINE (64u * 1024u * 1024u)

/* Fills zero fields of *limits with the defaults. */
void ind_limits_defaults(ind_limits *limits);

/* Starts a dataset for area; file may be NULL. limits may be NULL for the
** defaults. Returns NULL only when out of memory. */
ind_dataset_builder *ind_dataset_builder_new(const char *file,
                                             const ind_limits *limits);

int ind_dataset_builder_area(ind_dataset_builder *b, const char *area,
                             const char *code, const char *source,
                             int is_aggregate, ind_error *err);

/* What describes a series apart from its values. Strings are copied. */
typedef struct ind_series_spec {
    const char *id;            /* required */
    const char *title, *unit, *source, *note; /* each may be NULL */
    ind_period_kind period_kind; /* IND_PERIOD_NONE to infer from the labels */
    ind_nature nature;
    int is_signed;
    ind_origin origin;         /* for messages */
} ind_series_spec;

/* Begins a series about to receive values, ending any series begun before.
** An id already in the dataset, or an invalid id, is an error. */
int ind_dataset_builder_series(ind_dataset_builder *b,
                               const ind_series_spec *spec, ind_error *err);

/* Appends one value to the current series. value is NaN for missing.
** position is the index or line reported in messages for this value. The
** label is parsed when the series ends (so the kind can be inferred from all
** of them); checks on the value itself (finite, sign) happen here. */
int ind_dataset_builder_value(ind_dataset_builder *b, const char *label,
                              double value, unsigned flags, int32_t position,
                              ind_error *err);

/* Adds a break to the current series from the period labelled label. */
int ind_dataset_builder_break(ind_dataset_builder *b, const char *label,
                              const char *note, ind_error *err);

/* Ends the current series: parses labels, infers or checks the kind, sorts,
** refuses duplicates and mixed kinds. Called implicitly by the next
** ind_dataset_builder_series and by finish. */
int ind_dataset_builder_end_series(ind_dataset_builder *b, ind_error *err);

/* ---- Targets, projects and status rules -------------------------------
**
** Strings, steps and origins are copied. Each call checks what it can on
** its own and locates a failure at the origin's JSON path: a target names
** exactly one of measure and series, with valid ids; a series target (which
** no indicator describes) states its polarity; a tolerance is not negative;
** the steps' periods parse and none repeats another; a project id is valid
** and not repeated. ind_dataset_builder_finish checks the rest: a series
** target names a series of the dataset, and no measure or series has two
** targets (one target's steps say how it changes by period).
*/

/* Adds a target. The steps' from_day are worked out here from their
** labels (the values passed are ignored). */
int ind_dataset_builder_target(ind_dataset_builder *b, const ind_target *t,
                               ind_error *err);

/* Adds a project milestone. */
int ind_dataset_builder_project(ind_dataset_builder *b, const ind_milestone *p,
                                ind_error *err);

/* Sets the date the data are correct as at. */
int ind_dataset_builder_as_at(ind_dataset_builder *b, ind_date as_at,
                              ind_error *err);

/* Sets the dataset's default rules: a tolerance that is a percent of the
** target (or NONE), and slippage days (negative for the default). */
int ind_dataset_builder_rules(ind_dataset_builder *b,
                              const ind_status_rules *rules, ind_error *err);

/* The builder's arena: what is allocated from it becomes the dataset's. */
ind_arena *ind_dataset_builder_arena(ind_dataset_builder *b);

/* Finishes: checks the dataset as a whole and hands it to the caller, who
** frees it with ind_dataset_free. The builder is freed in every case. */
int ind_dataset_builder_finish(ind_dataset_builder *b, ind_dataset **out,
                               ind_error *err);

/* Abandons a build. NULL is a no-op. */
void ind_dataset_builder_free(ind_dataset_builder *b);

#ifdef __cplusplus
}
#endif
#endif
