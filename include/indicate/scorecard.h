/*
** scorecard.h: the status of every measure of a result and of every
** project of its dataset at a reporting period, and the summary table
** committees read (South Lanarkshire's Q2 report 2023/24, section 5.2).
**
** Statistical items are every measure of the result (with its target from
** the dataset, or none: CONTEXT), then every target the dataset sets on a
** raw series (judged without a plug-in: the series is read as a count
** measure). Project items are the dataset's projects. Each item has its
** level (target.h), the figures behind it, a one-line reason in neutral
** words, and, for statistical items, the commentary sentence for the
** period judged (commentary.h).
**
** The reporting period P is the caller's, or by default the latest period
** with a figure among the measures that have targets (among all measures
** when none has): the one ending last, the coarsest kind on a tie. Each
** measure is judged at its own period that contains the last day of P, so
** an annual target is judged at the year holding a quarter, and a quarterly
** measure at the last quarter of a year. Projects are judged at the
** caller's date, else the dataset's "as at" date, else the last day of P.
**
** The summary table counts items by row (the levels, with PENDING and
** CONTEXT in one row as IMPROVe prints them) and by class (statistical,
** project), with each row's share of all items as whole percentages that
** sum to 100 by the largest remainder method.
**
** Ownership: a scorecard owns its items (one arena) and points into the
** result and dataset it was built from, which must outlive it.
*/
#ifndef INDICATE_SCORECARD_H
#define INDICATE_SCORECARD_H

#include <stddef.h>
#include <stdint.h>

#include "analyse.h"
#include "commentary.h"
#include "dataset.h"
#include "target.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_item_class {
    IND_ITEM_STATISTICAL = 0,
    IND_ITEM_PROJECT = 1
} ind_item_class;

#define IND_ITEM_CLASSES 2

/* "statistical", "project". */
const char *ind_item_class_name(ind_item_class c);

#define IND_REASON_MAX 640
#define IND_STATUS_TEXT 192

typedef struct ind_status {
    ind_item_class item_class;
    const char *id;              /* measure, series or project id */
    const char *title;           /* the target's title, else the measure's,
                                    series' or project's (may be NULL) */
    ind_level level;
    /* Why, in neutral words, as three cells and one line:
    **   figure      "73.6% (268 of 364) year to date"  "revised to 2024-06-30"
    **   target      "75%"                             "due 2024-01-31"
    **   assessment  "1.8% short of the target, within the 10% tolerance
    **                (67.5% or more)"                 "151 days' slippage, ..."
    **   reason      "<figure> against a target of <target>: <assessment>" */
    char figure_text[IND_STATUS_TEXT];
    char target_text[IND_STATUS_TEXT];
    char assessment[IND_STATUS_TEXT];
    char reason[IND_REASON_MAX];
    char commentary[IND_COMMENTARY_MAX]; /* statistical items; "" for projects */

    /* statistical items */
    const ind_measure *measure;  /* for a series target, a measure the
                                    scorecard built from the series */
    const ind_target *target;    /* NULL when the dataset sets none */
    long t;                      /* the period judged in measure, or -1 when
                                    the measure does not reach it */
    char period[IND_PERIOD_LABEL_MAX]; /* its label */
    ind_point figure;            /* the figure judged (the period's, or the
                                    year to date); value NaN when missing */
    int part, whole;             /* pro rata: part of whole periods of the
                                    year; 1 and 1 otherwise */
    const ind_target_step *step; /* the step in force, or NULL */
    ind_target_polarity polarity;/* as applied (the indicator's when the
                                    target sets none) */
    ind_judgement judgement;     /* when a target applies */

    /* project items */
    const ind_milestone *project;
    ind_progress progress;
} ind_status;

#define IND_SUMMARY_ROWS 5

typedef struct ind_summary {
    size_t count[IND_SUMMARY_ROWS][IND_ITEM_CLASSES];
    size_t row_total[IND_SUMMARY_ROWS];
    size_t class_total[IND_ITEM_CLASSES];
    size_t total;
    unsigned percent[IND_SUMMARY_ROWS]; /* sum to 100 when total > 0 */
} ind_summary;

typedef struct ind_scorecard {
    const char *area, *code, *file;  /* from the dataset */
    char period[IND_PERIOD_LABEL_MAX]; /* the reporting period; "" when there
                                          are no statistical items */
    int has_as_at;
    char as_at[11];                  /* the date projects were judged at */
    size_t n_items;
    ind_status *items;               /* statistical, then projects */
    ind_summary summary;
    ind_result **series_results;     /* series targets' measures, analysed
                                        for the scorecard and freed with it */
    size_t n_series_results;
    ind_arena *arena;
} ind_scorecard;

typedef struct ind_scorecard_opts {
    const char *period;      /* reporting period label; NULL for the default */
    const char *as_of;       /* ISO date projects are judged at; NULL for the
                                dataset's "as at", else the period's end */
    ind_amount tolerance;    /* default tolerance (PERCENT); NONE for the
                                dataset's, else 10% */
    int32_t slippage_days;   /* negative for the dataset's, else 183; 0 is a
                                tolerance of no days */
    int decimals;            /* places of percentages in figures (0 to 6) */
    ind_commentary_opts commentary;
} ind_scorecard_opts;

/* Fills o with the defaults: no period or date, the dataset's tolerances,
** one decimal, sentences at lag 1 and no decimals. */
void ind_scorecard_opts_init(ind_scorecard_opts *o);

/* Builds the scorecard of result r of dataset ds. opts may be NULL for the
** defaults of ind_scorecard_opts_init. Errors: IND_EINVAL for a period or
** date that does not parse; IND_ENOTFOUND for a period no measure's data
** overlap, or a target naming a measure the result lacks; IND_EDATA for a
** target the
** measure cannot take (a bare-number target for a proportion, a neutral
** indicator's target without a polarity, pro rata for a proportion, ...),
** located at the target's JSON path. On success *out is the caller's to
** free with ind_scorecard_free. */
int ind_scorecard_build(const ind_result *r, const ind_dataset *ds,
                        const ind_scorecard_opts *opts, ind_scorecard **out,
                        ind_error *err);

/* Frees a scorecard. NULL is a no-op. */
void ind_scorecard_free(ind_scorecard *sc);

/* The item with this id and class, or NULL. */
const ind_status *ind_scorecard_find(const ind_scorecard *sc, ind_item_class c,
                                     const char *id);

/* The status of measure m at its period t against ds's target for m (the
** target whose "measure" is m->id; CONTEXT when there is none), with its
** reason and commentary: what `indicate run` shows per period. Errors as
** ind_scorecard_build. */
int ind_scorecard_measure_status(const ind_dataset *ds, const ind_measure *m,
                                 size_t t, const ind_scorecard_opts *opts,
                                 ind_status *out, ind_error *err);

/* The summary row of a level: 0 COMPLETE, 1 MET, 2 NEAR, 3 MISSED, 4
** PENDING and CONTEXT together. */
int ind_scorecard_row(ind_level level);

/* Counts items by row and class, and the rows' percentages. */
void ind_scorecard_summarise(const ind_status *items, size_t n,
                             ind_summary *out);

/* Whole percentages of counts[0..n) that sum to 100, by the largest
** remainder method: each row gets the floor of its exact share, and the
** points left go one each to the largest remainders (ties: the larger
** count, then the earlier row). All zero, and IND_EDOMAIN, when the counts
** sum to 0. */
int ind_scorecard_percentages(const size_t *counts, size_t n, unsigned *out);

#ifdef __cplusplus
}
#endif
#endif
