/*
** signif.h: is a change between two periods more than noise?
**
**   counts and rates   exact conditional test of the ratio of two Poisson
**                      rates: given x0 + x1 events, x1 is binomial with
**                      p = t1 / (t0 + t1) when the rates are equal. The
**                      interval for the rate ratio comes from the
**                      Clopper-Pearson interval for that binomial p, and the
**                      p-value is the central one (twice the smaller tail),
**                      so that the interval excludes 1 exactly when p < alpha.
**                      It is R's poisson.test(c(x1, x0), c(t1, t0)) interval.
**   proportions        Newcombe's hybrid score interval for p1 - p0 (method
**                      10 of Newcombe 1998, from the two Wilson intervals)
**                      and the pooled two-proportion z test (R's
**                      prop.test(correct = FALSE)). These two can disagree
**                      near the boundary: the verdict counts a change as
**                      significant only when both do.
**
** Every function is pure and allocates nothing. docs/methods.md gives the
** formulas, sources and edge cases.
*/
#ifndef INDICATE_SIGNIF_H
#define INDICATE_SIGNIF_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_signif_test {
    double estimate;     /* rate ratio later / earlier, or p1 - p0 */
    double lower, upper; /* interval at the level asked for; a ratio's upper
                            bound is +infinity when the earlier count is 0 */
    double p;            /* two-sided p-value */
    int direction;       /* +1 significantly higher, -1 lower, 0 neither */
    int disagree;        /* the interval and the test disagree (the verdict
                            is then 0); only possible for proportions */
} ind_signif_test;

/* Exact test and interval for the ratio (x1 / t1) / (x0 / t0) of two
** Poisson rates: x0, x1 whole numbers >= 0 with x0 + x1 > 0, exposures
** t0, t1 > 0 (1 for plain counts). IND_EDOMAIN for arguments out of range,
** IND_ENUMERIC when the incomplete beta function fails (counts beyond about
** 10^7). */
int ind_signif_rate_ratio(double x0, double t0, double x1, double t1,
                          double level, ind_signif_test *out, ind_error *err);

/* Newcombe's hybrid score interval for k1/n1 - k0/n0 and the pooled z test.
** 0 <= k <= n, n > 0; k need not be whole. When both proportions are 0, or
** both 1, the difference is 0 and p is 1. */
int ind_signif_prop_diff(double k0, double n0, double k1, double n1,
                         double level, ind_signif_test *out, ind_error *err);

/* Clopper-Pearson ("exact") interval for a binomial proportion k of n,
** k and n whole, 0 <= k <= n, n > 0: lower is 0 when k = 0, upper 1 when
** k = n. */
int ind_signif_clopper_pearson(double k, double n, double level,
                               double *lower, double *upper);

/* The central two-sided binomial p-value of k successes in n at p0:
** min(1, 2 min(P(X <= k), P(X >= k))). NaN when an argument is out of range
** or the incomplete beta function fails. */
double ind_signif_binom_central_p(double k, double n, double p0);

#ifdef __cplusplus
}
#endif
#endif
