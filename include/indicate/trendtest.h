/*
** trendtest.h: is a short series going somewhere? Tests that assume no
** particular shape of trend.
**
**   Mann-Kendall   Kendall's S between the values and their order, with the
**                  variance corrected for ties; the p-value is exact (from
**                  the distribution of S over all orderings) for fewer than
**                  50 values without ties, else the normal approximation
**                  with a continuity correction, as R's
**                  cor.test(y, t, method = "kendall") does.
**   Sen's slope    the median of the slopes between every pair of values,
**                  with Sen's (1968) distribution-free interval from the
**                  Mann-Kendall variance (Gilbert 1987, section 16.5).
**   Cochran-       the chi-square test for a linear trend in proportions
**   Armitage       k[i] of n[i] over scores (period indices), as R's
**                  prop.trend.test.
**
** Missing values (NaN) are skipped: the tests use the order of the values
** that are present, and Sen's slopes their period indices. Nothing here
** allocates; Sen's slope takes a caller's work array. docs/methods.md gives
** the formulas, sources and edge cases.
*/
#ifndef INDICATE_TRENDTEST_H
#define INDICATE_TRENDTEST_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fewest values for any of the tests. */
#define IND_TRENDTEST_MIN_POINTS 3
/* Below this many values without ties, Mann-Kendall's p-value is exact. */
#define IND_MK_EXACT_BELOW 50

typedef struct ind_mann_kendall {
    size_t n;       /* values used */
    double s;       /* Kendall's S: concordant minus discordant pairs */
    double var_s;   /* its variance under no trend, corrected for ties */
    double tau;     /* S / (n (n - 1) / 2) */
    double z;       /* (S - sign(S)) / sqrt(var_s); NaN when exact */
    double p;       /* two-sided */
    int exact;      /* p from the exact distribution of S */
    size_t ties;    /* values sharing their value with an earlier one */
} ind_mann_kendall;

/* Mann-Kendall test of y[0..n-1] in order. IND_EDOMAIN with fewer than
** IND_TRENDTEST_MIN_POINTS values or when every value is the same. */
int ind_trendtest_mann_kendall(const double *y, size_t n, ind_mann_kendall *out,
                               ind_error *err);

typedef struct ind_sen_slope {
    size_t n;            /* values used */
    size_t pairs;        /* slopes computed: n (n - 1) / 2 */
    double slope;        /* median pairwise slope, per unit of x */
    double intercept;    /* median of y - slope * x */
    double lower, upper; /* Sen's interval at the level asked for */
} ind_sen_slope;

/* Work array length ind_trendtest_sen needs for n points. */
size_t ind_trendtest_sen_work(size_t n);

/* Sen's slope of y on x (x strictly increasing where y is present) and its
** interval; work holds at least ind_trendtest_sen_work(n) doubles.
** IND_EDOMAIN with fewer than IND_TRENDTEST_MIN_POINTS values. */
int ind_trendtest_sen(const double *x, const double *y, size_t n, double level,
                      double *work, ind_sen_slope *out, ind_error *err);

typedef struct ind_cochran_armitage {
    size_t groups;   /* periods used (n[i] > 0, both present) */
    double chi2;     /* on 1 degree of freedom */
    double z;        /* signed square root: > 0 when the proportion rises */
    double p;        /* two-sided */
    double slope;    /* weighted least-squares change in the proportion per
                        unit of score */
} ind_cochran_armitage;

/* Chi-square test for trend in proportions k[i] / n[i] with scores
** score[i]. IND_EDOMAIN with fewer than IND_TRENDTEST_MIN_POINTS usable
** groups, every score the same, or a pooled proportion of 0 or 1 (no
** variation to test). */
int ind_trendtest_cochran_armitage(const double *k, const double *n,
                                   const double *score, size_t m,
                                   ind_cochran_armitage *out, ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
