/*
** analyse.h: from one area's dataset to its results.
**
** For every indicator in the registry whose required inputs the dataset
** has (or those the caller selects), ind_analyse aligns the inputs on one
** run of consecutive periods, calls the plug-in's compute, turns its outputs
** into measures, and analyses every measure the same way: value and
** interval per period, change against earlier periods, runs of rises and
** falls, compound growth, a trend line, and then the statistics of issue
** three: the significance of every change (signif.h), trend tests
** (trendtest.h), a projection by the method asked for (project.h) and an
** XmR chart (spc.h). None of these is fitted across a break in the
** definition of an input; a change across one is not tested. A plug-in says
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
#include "project.h"
#include "registry.h"
#include "spc.h"
#include "trendtest.h"

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

/* Whether a change between two periods is more than noise. */
typedef enum ind_verdict {
    IND_VERDICT_NOT_TESTED = 0, /* no test applies (see note) */
    IND_VERDICT_HIGHER,         /* significantly higher at the run's level */
    IND_VERDICT_LOWER,          /* significantly lower */
    IND_VERDICT_NO_CHANGE       /* no significant change */
} ind_verdict;

typedef struct ind_significance {
    ind_verdict verdict;
    const char *method;  /* "poisson-rate-ratio", "newcombe-difference", ...;
                            NULL when not tested */
    const char *note;    /* why not tested, or a caveat; may be NULL */
    double estimate;     /* counts and rates: the ratio later / earlier;
                            proportions: the difference later - earlier */
    double lower, upper; /* interval for the estimate at the run's level */
    double p;            /* two-sided p-value */
} ind_significance;

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

/* Trend tests over the values after the last break. A test not computed
** has status IND_EDOMAIN and says why in its note. */
typedef struct ind_trend_tests {
    size_t first, last;          /* index range tested */
    int mk_status;
    const char *mk_note;
    ind_mann_kendall mk;
    int sen_status;
    const char *sen_note;
    ind_sen_slope sen;           /* slope per period */
    int ca_status;               /* proportions only */
    const char *ca_note;
    ind_cochran_armitage ca;     /* scores are period indices */
} ind_trend_tests;

/* The projection of a measure, horizon periods past its last period. */
typedef struct ind_measure_projection {
    ind_projection fit;          /* fit.first, fit.last index the measure */
    const char *note;            /* fit.note, plus where it was fitted from
                                    after a break */
    const char *const *label;    /* [horizon] the periods projected */
    double *value, *lower, *upper; /* [horizon] */
    unsigned char *clamped;      /* [horizon] */
} ind_measure_projection;

/* An XmR chart of a measure: limits recalculated at every break (and at
** rebases asked for), see spc.h. */
typedef struct ind_measure_spc {
    int status;                  /* IND_OK, or IND_EDOMAIN: no limits */
    const char *note;
    ind_spc_chart chart;         /* chart.point [n], chart.segment */
    double target;               /* NaN for none */
    int screened;                /* moving ranges were screened */
} ind_measure_spc;

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
    ind_significance *significance; /* [n * max_lag] like change, or NULL
                                       when the analysis did not test */
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

    ind_trend_tests tests;
    ind_measure_projection projection;
    ind_measure_spc spc;
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

/* Its significance, or NULL when t < lag or nothing was tested. */
const ind_significance *ind_measure_significance(const ind_measure *m, size_t t,
                                                 int lag);

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
    int is_aggregate;                 /* the dataset is a total (Scotland) */
    double level;
    size_t n_indicators;
    ind_indicator_result *indicator;  /* in id order */
    size_t n_measures;
    ind_measure *measure;             /* grouped by indicator */
    ind_arena *arena;
} ind_result;

/* Analyses a run may leave out (ind_analysis_opts.skip), for batch runs
** that need only some figures: a left-out analysis is marked not computed
** (IND_EDOMAIN with a note), its significance NULL. Changes, intervals,
** the trend line and projections are always computed. */
enum {
    IND_SKIP_SIGNIFICANCE = 1u << 0, /* the tests of each change */
    IND_SKIP_TREND_TESTS = 1u << 1,  /* Mann-Kendall, Sen, chi-square for trend */
    IND_SKIP_SPC = 1u << 2           /* the XmR chart */
};

typedef struct ind_analysis_opts {
    double level;                    /* 0 means 0.95 */
    const char *const *indicators;   /* ids to compute; NULL for all that apply */
    size_t n_indicators;
    ind_projection_method method;    /* projection method; 0 is auto */
    size_t horizon;                  /* periods projected; 0 means 1 */
    int no_screen;                   /* SPC: keep every moving range */
    unsigned skip;                   /* IND_SKIP_* bits; 0 computes all */
} ind_analysis_opts;

/* Analyses ds with every applicable indicator in reg (or the selected ones:
** a selected indicator whose inputs ds lacks is IND_ENOTFOUND naming the
** missing series). Input rules that only a computed figure can break (a
** numerator above its denominator) are IND_EDATA naming the file, series
** and period. On success *out is a result the caller frees. */
int ind_analyse(const ind_registry *reg, const ind_dataset *ds,
                const ind_analysis_opts *opts, ind_result **out,
                ind_error *err);

/* One raw series of ds analysed as a count or amount measure (kind COUNT,
** unit and title from the series, the polarity given), for charting a
** series no indicator reads. Its changes are tested only when the unit is
** "count" or absent. IND_ENOTFOUND when ds has no such series. The result
** has no indicators and one measure whose entry is NULL. */
int ind_analyse_series(const ind_dataset *ds, const char *series_id, int polarity,
                       const ind_analysis_opts *opts, ind_result **out,
                       ind_error *err);

/* What an XmR chart of a measure takes beyond the run's options. */
typedef struct ind_spc_request {
    const int32_t *rebase;   /* period ordinals from which limits are
                                recalculated, besides the breaks */
    size_t n_rebase;
    double target;           /* NaN for none; a proportion as a fraction */
    int no_screen;           /* keep every moving range */
} ind_spc_request;

/* (Re)computes m->spc with the request, allocating from r's arena. A rebase
** period outside the measure's span is IND_ENOTFOUND. */
int ind_measure_spc_compute(ind_result *r, ind_measure *m, const ind_spc_request *rq,
                            ind_error *err);

/* The measure with this id in r, or NULL. */
ind_measure *ind_result_find_measure(const ind_result *r, const char *id);

/* The verdict's name: "higher", "lower", "no_significant_change",
** "not_tested". */
const char *ind_verdict_name(ind_verdict v);

/* Frees a result. NULL is a no-op. */
void ind_result_free(ind_result *r);

/* "count", "proportion", "rate", "ratio". */
const char *ind_measure_kind_name(ind_measure_kind kind);

#ifdef __cplusplus
}
#endif
#endif
