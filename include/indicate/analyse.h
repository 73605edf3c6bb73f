/*
** analyse.h: from one area's dataset to its results.
**
** For every indicator in the registry whose required inputs the dataset
** has (or those the caller selects), ind_analyse aligns the inputs on one
** run of consecutive periods, calls the plug-in's compute, turns its outputs
** into measures, and analyses every measure the same way: value and
** interval per period, change against earlier periods, runs of rises and
** falls, compound growth, and a trend line with a projection. A plug-in says
** what an indicator is; everything here is generic.
**
** Measures: a COUNT, PROPORTION, RATE or RATIO indicator gives one measure
** with the indicator's id. A FUNNEL of k stages gives k - 1 stage
** conversions, ids "<indicator>.<from>_to_<to>", then the overall one from
** the first stage to the last, flagged is_overall.
**
** Values: a proportion is a fraction in [0, 1] (its interval too); a rate is
** events / population * multiplier; a ratio is numerator / denominator *
** multiplier; a count is as computed. The JSON output documents each field
** (docs/result-format.md).
**
** Ownership: a result owns everything it points to (one arena) except the
** registry entries it refers to: the registry must outlive the result.
*/
#ifndef INDICATE_ANALYSE_H
#define INDICATE_ANALYSE_H

#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "dataset.h"
#include "error.h"
#include "period.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_measure_kind {
    IND_MEASURE_COUNT = 1,
    IND_MEASURE_PROPORTION,
    IND_MEASURE_RATE,
    IND_MEASURE_RATIO
} ind_measure_kind;

/* Point flags. */
enum {
    IND_POINT_MISSING = 1u << 0,     /* no value for this period */
    IND_POINT_GAP = 1u << 1,         /* no input had this period at all */
    IND_POINT_SUPPRESSED = 1u << 2,  /* an input value was suppressed */
    IND_POINT_PROVISIONAL = 1u << 3, /* an input value is provisional */
    IND_POINT_BREAK = 1u << 4        /* first period after a change of definition */
};

typedef struct ind_point {
    double value;        /* NaN when missing */
    double numerator;    /* proportion, rate, ratio; NaN for counts */
    double denominator;
    double lower, upper; /* interval at the run's level; NaN when none */
    unsigned flags;
} ind_point;

/* A straight-line trend and where it leads. */
typedef struct ind_trend_line {
    int status;          /* IND_OK, or IND_EDOMAIN when too few points */
    const char *note;    /* why not, or what was done ("fitted from 2023-24,
                            after a break"); NULL when nothing to say */
    size_t n_used;       /* points fitted */
    size_t first, last;  /* index range fitted (after the last break) */
    double slope;        /* per period */
    double slope_se;
    double slope_p;      /* two-sided p for slope = 0 */
    double intercept;    /* fitted value at index `first` */
    ind_period next;     /* the projected period */
    char next_label[IND_PERIOD_LABEL_MAX];
    double projection;   /* fitted value there */
    double lower, upper; /* prediction interval at the run's level */
    int clamped;         /* a bound was held at 0 (counts) or in [0, 1] */
} ind_trend_line;

typedef struct ind_measure {
    const char *id;
    const char *title;
    const char *unit;
    ind_measure_kind kind;
    int polarity;
    double multiplier;        /* rate and ratio scale; 1 otherwise */
    const ind_entry *entry;   /* the indicator (owned by the registry) */
    int is_overall;           /* funnel: first-to-last conversion */
    int is_flow;              /* every input is counted over its period */
    const char *stage_from;   /* funnel stage names; NULL otherwise */
    const char *stage_to;

    size_t n;                 /* aligned periods */
    ind_period_kind period_kind;
    const int32_t *ordinal;   /* [n] consecutive */
    const char *const *label; /* [n] as in the input, canonical for gaps */
    ind_point *point;         /* [n] */
    ind_point *ytd;           /* [n] year to date, or NULL: see below */

    int max_lag;              /* >= 1 */
    ind_change *change;       /* [n * max_lag]: see ind_measure_change */
    unsigned char *across_break; /* [n * max_lag]: the comparison spans a break */
    int *run;                 /* [n] signed runs of rises/falls (change.h) */

    ind_change since_first;   /* first non-missing value to the last one */
    size_t since_first_from, since_first_to; /* their indices */
    int since_first_across_break;

    int cagr_status;          /* IND_OK or IND_EDOMAIN (and for proportions) */
    double cagr;              /* per year, first to last non-missing value
                                 after the last break */
    size_t cagr_first, cagr_last;

    ind_trend_line trend;
} ind_measure;

/* Year to date: for a flow measure over quarters or months, ytd[t] sums the
** counts (numerators and denominators) of the financial year up to and
** including t, with an interval on the sums: the "year to date" figure of
** quarterly reports (268 of 364 inducted within 5 days by Q2). It is
** missing when a period of the year so far is missing or before the data
** begins. NULL for annual periods and for snapshots. */

/* The change at period t against lag periods earlier (1 <= lag <= max_lag),
** or NULL when t < lag. */
const ind_change *ind_measure_change(const ind_measure *m, size_t t, int lag);

/* One indicator's place in a result. */
typedef struct ind_indicator_result {
    const ind_entry *entry;
    const char *plugin_name;
    const char *plugin_version;
    size_t first_measure;
    size_t n_measures;
} ind_indicator_result;

typedef struct ind_arena ind_arena;

typedef struct ind_result {
    const char *area;
    const char *code;
    const char *source;
    const char *file;
    double level;
    size_t n_indicators;
    ind_indicator_result *indicator;  /* in id order */
    size_t n_measures;
    ind_measure *measure;             /* grouped by indicator */
    ind_arena *arena;
} ind_result;

typedef struct ind_analysis_opts {
    double level;                    /* 0 means 0.95 */
    const char *const *indicators;   /* ids to compute; NULL for all that apply */
    size_t n_indicators;
} ind_analysis_opts;

/* Analyses ds with every applicable indicator in reg (or the selected ones:
** a selected indicator whose inputs ds lacks is IND_ENOTFOUND naming the
** missing series). Input rules that only a computed figure can break (a
** numerator above its denominator) are IND_EDATA naming the file, series
** and period. On success *out is a result the caller frees. */
int ind_analyse(const ind_registry *reg, const ind_dataset *ds,
                const ind_analysis_opts *opts, ind_result **out,
                ind_error *err);

/* Frees a result. NULL is a no-op. */
void ind_result_free(ind_result *r);

/* "count", "proportion", "rate", "ratio". */
const char *ind_measure_kind_name(ind_measure_kind kind);

#ifdef __cplusplus
}
#endif
#endif
