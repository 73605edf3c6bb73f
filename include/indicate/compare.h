/*
** compare.h: benchmarking areas against each other on one measure and period.
**
** The arithmetic of the Local Government Benchmarking Framework, with
** funnel-plot limits so that small areas are not ranked on noise:
**
**   rank          1 is best: the highest value when higher is better or the
**                 polarity is neutral, the lowest when lower is better. Ties
**                 share the best rank of their run and the next rank skips
**                 ("competition" ranking: 1, 2, 2, 4), as R's
**                 rank(ties.method = "min") on the ordered values.
**   quartile      ceil(4 * rank / ranked): with 32 councils ranks 1-8 are
**                 quartile 1 (best), 9-16 quartile 2, and so on. Tied areas
**                 share a quartile.
**   family group  the unweighted mean of the values of the group's members
**                 that have one (LGBF's family-group average: 8 councils of
**                 similar deprivation or rurality), and how many there were
**   pooled        the value of all areas taken together: the sum of the
**                 numerators over the sum of the denominators (times the
**                 multiplier for rates and ratios), never a mean of the
**                 areas' rates; for counts, the total
**   funnel        control limits around the pooled proportion or rate for
**                 each area's own denominator at 95% and 99.8% (two-sided),
**                 exact with Spiegelhalter's interpolation (below), and where
**                 the area's value lies against them
**
** Aggregates (a row such as Scotland in the input) are reported with the
** others but never pooled, ranked or counted in a family group. Areas with no
** value are not ranked.
**
** Funnel limits (Spiegelhalter, "Funnel plots for comparing institutional
** performance", Statistics in Medicine 24 (2005) 1185-1202, appendix A.1):
** for a proportion with pooled value t and denominator n, let r be the
** smallest count with P(R <= r) >= p for R ~ Binomial(n, t), and
**     alpha = (P(R <= r) - p) / (P(R <= r) - P(R <= r - 1));
** the limit is (r - alpha) / n, for p = 0.001, 0.025, 0.975 and 0.999, held
** within [0, 1] (the interpolation goes below 0 when r is 0). For a rate the
** same with R ~ Poisson(n * t) and the limit (r - alpha) / n, held at 0 or
** above, times the multiplier. Counts and ratios (no binomial or Poisson model) get no
** limits. A proportion's denominator must be a whole number.
**
** Pure functions, no global state; ind_compare allocates its working arrays
** once per call.
*/
#ifndef INDICATE_COMPARE_H
#define INDICATE_COMPARE_H

#include <stddef.h>

#include "analyse.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What is being compared. */
typedef struct ind_compare_spec {
    ind_measure_kind kind;
    int polarity;          /* IND_HIGHER_IS_BETTER, IND_LOWER_IS_BETTER, IND_NEUTRAL */
    double multiplier;     /* rates and ratios; 1 otherwise (0 means 1) */
} ind_compare_spec;

/* One area's figure for the measure and period. */
typedef struct ind_compare_input {
    double value;          /* as in the result: NaN when missing */
    double numerator;      /* NaN for counts */
    double denominator;
    int aggregate;         /* a total: reported, never pooled or ranked */
    long group;            /* family group from 0, or -1 for none */
} ind_compare_input;

typedef enum ind_funnel_position {
    IND_FUNNEL_NONE = 0,   /* no limits (a count, a ratio, no value, an aggregate) */
    IND_FUNNEL_WITHIN,     /* inside the 95% limits */
    IND_FUNNEL_HIGH_95,    /* above the upper 95% limit, inside 99.8% */
    IND_FUNNEL_HIGH_998,   /* above the upper 99.8% limit */
    IND_FUNNEL_LOW_95,     /* below the lower 95% limit, inside 99.8% */
    IND_FUNNEL_LOW_998     /* below the lower 99.8% limit */
} ind_funnel_position;

typedef struct ind_compare_output {
    size_t rank;           /* 1 is best; 0 when not ranked */
    int quartile;          /* 1 (best) to 4; 0 when not ranked */
    double group_mean;     /* NaN without a group or values in it */
    size_t group_n;        /* values averaged */
    double lower95, upper95, lower998, upper998; /* NaN when none */
    ind_funnel_position funnel;
} ind_compare_output;

typedef struct ind_compare_summary {
    size_t ranked;           /* areas ranked */
    size_t pooled_areas;     /* areas in the pool */
    double pooled;           /* NaN when nothing could be pooled */
    double pooled_numerator; /* the sums behind it (counts: the total, NaN) */
    double pooled_denominator;
} ind_compare_summary;

/* Compares in[0..n) (one per area) and fills out[0..n) and *sum. n_groups
** bounds the group indices (every group < n_groups). IND_EINVAL for bad
** arguments, IND_ENOMEM. */
int ind_compare(const ind_compare_spec *spec, const ind_compare_input *in,
                size_t n, size_t n_groups, ind_compare_output *out,
                ind_compare_summary *sum, ind_error *err);

/* One funnel limit for a proportion: n trials (a whole number > 0), pooled
** proportion theta in [0, 1], probability p in (0, 1). */
int ind_compare_binomial_limit(double n, double theta, double p, double *limit);

/* One funnel limit for a rate: population n > 0, pooled events per unit of
** population lambda >= 0, probability p in (0, 1); the limit is per unit
** (multiply by the rate's multiplier). */
int ind_compare_poisson_limit(double n, double lambda, double p, double *limit);

/* "within", "high_95", "high_998", "low_95", "low_998", or "" for none. */
const char *ind_funnel_position_name(ind_funnel_position f);

#ifdef __cplusplus
}
#endif
#endif
