/*
** report.h: what the reports for people (HTML, Markdown, the workbook)
** show of one area, in the order they show it.
**
** An area's report is its scorecard (the status table at the top) and a
** list of groups, each a heading and the measures under it:
**
**   - every indicator of the result, with its measures (a funnel's stage
**     conversions, then the overall one);
**   - every raw series a target of the dataset is set on: the scorecard
**     read the series as a measure to judge it, and that measure is shown;
**   - every raw series asked for by name (report --series), analysed on
**     its own by the caller (ind_analyse_series).
**
** Nothing here computes a figure: a measure's status at a period comes
** from the library (ind_scorecard_measure_status), or from the scorecard
** for a series target (judged at the reporting period only).
*/
#ifndef INDICATE_REPORT_H
#define INDICATE_REPORT_H

#include <stddef.h>

#include "indicate/analyse.h"
#include "indicate/scorecard.h"
#include "indicate/vocab.h"

typedef struct report_item {
    const ind_result *result;   /* the result the measure's run belongs to */
    const ind_measure *measure;
    const ind_status *card;     /* the scorecard's item for it, or NULL */
    int judged_per_period;      /* statuses come from the dataset's target on
                                   the measure at every period */
} report_item;

typedef struct report_group {
    const char *id;             /* indicator or series id */
    const char *title;
    size_t first, n;            /* its items */
} report_group;

typedef struct report_area {
    const ind_result *result;
    const ind_dataset *dataset;
    const ind_scorecard *card;  /* NULL: no status table */
    report_item *items;
    size_t n_items;
    report_group *groups;
    size_t n_groups;
} report_area;

typedef struct report_opts {
    int decimals;                       /* of percentages, rates and ratios */
    const ind_vocab *vocab;             /* status words; NULL for the default */
    const ind_scorecard_opts *status;   /* how statuses are judged; NULL for
                                           the defaults */
    const char *title;                  /* the document's title; NULL for
                                           "<area>: performance report" */
    int zero_based;                     /* charts of counts start at zero */
} report_opts;

/* Lays out the report of area r (dataset ds, scorecard sc or NULL) with
** the single-series results extra[0..n_extra): the analysis of a series a
** target is set on takes that target's place (and its status from sc); the
** others are appended, one group each. A series target without an
** analysis among them is left out of the groups (it stays in sc's table).
** The area points into everything given, which must outlive it. 0, or -1
** when out of memory. */
int report_area_init(report_area *a, const ind_result *r, const ind_dataset *ds,
                     const ind_scorecard *sc, ind_result *const *extra, size_t n_extra);

/* Analyses each raw series sc judges against a target (ind_analyse_series,
** with the polarity the target gives it), for report_area_init: appends
** the results to (*extra)[*n_extra..], growing the array, which is the
** caller's to free with the results. IND_OK or the library's error. */
int report_analyse_targets(const ind_dataset *ds, const ind_scorecard *sc,
                           const ind_analysis_opts *ao, ind_result ***extra,
                           size_t *n_extra, ind_error *err);

/* The reports of several areas with what they own: for run and status,
** which hand them to the Markdown and workbook writers. */
typedef struct report_set {
    report_area *areas;       /* [n] */
    size_t n;
    ind_scorecard **cards;    /* [n] built here when asked, else borrowed */
    int own_cards;
    ind_result ***extra;      /* [n] each area's series analyses (owned) */
    size_t *n_extra;          /* [n] */
} report_set;

/* Lays out results[0..n) of datasets ds[0..n). cards gives each area's
** scorecard, or NULL to build them here with so (NULL: none, for a run of
** selected indicators, whose targets may name measures not computed).
** Series targets are analysed with ao. On failure fills err; the set is
** then empty and needs no freeing. */
int report_set_build(report_set *rs, ind_result *const *results,
                     ind_dataset *const *ds, size_t n, ind_scorecard *const *cards,
                     const ind_scorecard_opts *so, const ind_analysis_opts *ao,
                     ind_error *err);

/* Frees what report_set_build made. */
void report_set_free(report_set *rs);

/* Frees what report_area_init allocated. */
void report_area_free(report_area *a);

/* The status of item it at period t: 1 with *st filled when a target
** applies there, else 0. */
int report_status_at(const report_area *a, const report_item *it, size_t t,
                     const report_opts *o, ind_status *st);

/* Whether any period of the item has a status. */
int report_has_status(const report_area *a, const report_item *it, const report_opts *o);

/* The period the item is presented at: the period the scorecard judged
** when it judged one, else the latest period with a value; -1 when none. */
long report_latest(const report_item *it);

/* The vocabulary's word for a level. */
const char *report_word(const report_opts *o, ind_level level);

/* The measure's unit as an axis or column reads it: "%" for proportions,
** "per 1,000" for rates, the unit for counts ("hours", "GBP"), or "" for
** plain counts. Writes into buf. */
void report_unit(const ind_measure *m, char *buf, size_t size);

/* "Financial year", "Financial quarter", "Month", ...: the periods'
** kind as an axis title. */
const char *report_period_name(ind_period_kind kind);

#endif
