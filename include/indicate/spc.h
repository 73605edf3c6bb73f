/*
** spc.h: statistical process control the Making Data Count way: an XmR
** chart with its special-cause rules, variation icon and assurance.
**
** Limits (per segment: the whole series, or the stretch from each rebase or
** break on): mean +/- 2.66 x the mean moving range. By default the moving
** ranges are screened first, as NHSRplotthedots does: those at or above
** 3.267 x their mean are left out and the mean recomputed.
**
** Rules, in order of precedence (a point takes the first that flags it):
**   1 outside       beyond a process limit
**   2 trend         seven points in a row each higher (or each lower) than
**                   the one before
**   3 two of three  two of three consecutive points beyond two-thirds of
**                   the way from the mean to a limit, on the same side
**   4 shift         seven points in a row on the same side of the mean
** A point on the mean breaks a shift, an equal value a trend, a missing
** value both; no rule looks across a segment boundary. A flagged point is
** an improvement when its direction (the side of the mean; for a trend,
** its direction) is the polarity's good one, a concern otherwise, and
** neutral for a neutral measure. The variation icon is the latest point's.
** Assurance compares a target with the latest limits: a target outside
** them is consistently passed or failed, one inside them hit and miss.
**
** Pure; the caller provides the arrays. docs/methods.md has the details.
*/
#ifndef INDICATE_SPC_H
#define INDICATE_SPC_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_SPC_LIMIT 2.66        /* limits: mean +/- this x mean moving range */
#define IND_SPC_RANGE_LIMIT 3.267 /* moving ranges screened from this x their mean */
#define IND_SPC_RUN 7             /* points in a trend or a shift */
#define IND_SPC_MIN_POINTS 2      /* values a segment needs for limits */
#define IND_SPC_SHORT 12          /* fewer values than this: limits unreliable
                                     (NHSRplotthedots warns below 12) */

typedef enum ind_spc_rule {
    IND_SPC_RULE_NONE = 0,
    IND_SPC_RULE_OUTSIDE,
    IND_SPC_RULE_TREND,
    IND_SPC_RULE_TWO_OF_THREE,
    IND_SPC_RULE_SHIFT
} ind_spc_rule;

#define IND_SPC_BIT(rule) (1u << (rule))

typedef enum ind_spc_type {
    IND_SPC_COMMON = 0,  /* common cause */
    IND_SPC_IMPROVEMENT, /* special cause in the good direction */
    IND_SPC_CONCERN,     /* special cause in the bad direction */
    IND_SPC_NEUTRAL      /* special cause, measure without a polarity */
} ind_spc_type;

typedef enum ind_spc_assurance {
    IND_SPC_ASSURANCE_NONE = 0, /* no target, or a neutral measure */
    IND_SPC_PASS,               /* consistently passing */
    IND_SPC_FAIL,               /* consistently failing */
    IND_SPC_HIT_AND_MISS        /* the target lies within the limits */
} ind_spc_assurance;

typedef struct ind_spc_point {
    size_t segment;
    double moving_range; /* |x[t] - x[t-1]| within the segment, else NaN */
    int range_used;      /* counted in the segment's mean moving range */
    unsigned rules;      /* IND_SPC_BIT of every rule that flags the point */
    ind_spc_rule rule;   /* the first of them in precedence */
    int side;            /* +1 high, -1 low: the direction of that rule */
    ind_spc_type type;
} ind_spc_point;

typedef struct ind_spc_segment {
    int status;              /* IND_OK, or IND_EDOMAIN: too few values */
    size_t first, last;      /* index range */
    size_t values;           /* values present */
    size_t ranges, screened; /* moving ranges, and those screened out */
    double mean, mean_range;
    double lower, upper;           /* process limits */
    double near_lower, near_upper; /* two-thirds of the way to them */
    int is_short;            /* fewer than IND_SPC_SHORT values */
} ind_spc_segment;

typedef struct ind_spc_opts {
    int polarity;          /* +1 higher is better, -1 lower, 0 neutral */
    int no_screen;         /* keep every moving range */
    const size_t *rebase;  /* increasing indices in 1..n-1 where limits are
                              recalculated (breaks and rebases) */
    size_t n_rebase;
    double target;         /* NaN for none */
} ind_spc_opts;

typedef struct ind_spc_chart {
    ind_spc_point *point;     /* [n], the caller's */
    ind_spc_segment *segment; /* [n_rebase + 1], the caller's */
    size_t n_segments;
    size_t latest;            /* last index with a value; n when none */
    ind_spc_type variation;   /* the latest point's type */
    int variation_side;       /* and its direction (0: common cause) */
    ind_spc_assurance assurance;
} ind_spc_chart;

/* The XmR chart of y[0..n-1] (NaN for missing). chart->point and
** chart->segment must be set by the caller. IND_EINVAL for bad rebase
** indices. */
int ind_spc_xmr(const double *y, size_t n, const ind_spc_opts *o,
                ind_spc_chart *chart, ind_error *err);

/* "outside", "trend", "two_of_three", "shift"; NULL for none. */
const char *ind_spc_rule_name(ind_spc_rule r);
/* "common_cause", "improvement", "concern", "neutral". */
const char *ind_spc_type_name(ind_spc_type t);
/* NULL, "consistently_passing", "consistently_failing", "hit_and_miss". */
const char *ind_spc_assurance_name(ind_spc_assurance a);

#ifdef __cplusplus
}
#endif
#endif
