/*
** ratio.h: proportions, rates and funnels with their confidence intervals.
**
**   proportion k/n    Wilson score interval (Wilson 1927; Newcombe 1998 method 3)
**   rate x/p * m      exact Poisson (Garwood 1936) for x < 10, Byar's
**                     approximation (Breslow & Day 1987) for x >= 10, as
**                     PHEindicatormethods does
**   funnel            a chain of stage counts: each consecutive stage's
**                     conversion and the overall first-to-last conversion,
**                     each a proportion with its Wilson interval
**
** level is the two-sided confidence level (0.95 by default, 0.998 as in
** Fingertips); any 0 < level < 1 is accepted, except one so close to 1 that
** 1 - alpha/2 rounds to 1 (IND_EDOMAIN). Pure functions; GSL is used
** for quantiles, with arguments checked first so that its error handler is
** never reached. docs/methods.md gives each formula.
*/
#ifndef INDICATE_RATIO_H
#define INDICATE_RATIO_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Events below this use the exact Poisson interval for a rate, from it Byar's. */
#define IND_BYAR_MIN_EVENTS 10

/* The standard normal quantile for a two-sided level: 1.959964 for 0.95. */
double ind_ratio_z(double level);

/* Wilson score interval for k successes of n. Requires 0 <= k <= n, n > 0,
** all finite; else IND_EDOMAIN. k and n need not be integers. */
int ind_ratio_wilson(double k, double n, double level, double *lower,
                     double *upper);

/* Exact (Garwood) interval for a Poisson count x >= 0, from chi-square
** quantiles: lower = chi2(a/2, 2x)/2 (0 when x = 0), upper =
** chi2(1-a/2, 2x+2)/2. */
int ind_ratio_poisson_exact(double x, double level, double *lower,
                            double *upper);

/* Byar's approximation to the Poisson interval for a count x > 0. A lower
** bound the approximation puts below zero (x = 1 at 99.8%) is held at 0. */
int ind_ratio_byar(double x, double level, double *lower, double *upper);

/* A rate: value = events / population * multiplier with its interval, exact
** below IND_BYAR_MIN_EVENTS events, Byar's from it. population > 0,
** events >= 0, multiplier > 0. */
int ind_ratio_rate(double events, double population, double multiplier,
                   double level, double *value, double *lower, double *upper);

/* One conversion of a funnel: k of n with its interval. */
typedef struct ind_conversion {
    size_t from, to;            /* stage indices */
    double k, n;                /* counts at stage `to` and stage `from` */
    double value;               /* k / n, NaN when either is missing or n = 0 */
    double lower, upper;        /* Wilson interval; NaN when value is NaN */
} ind_conversion;

/* For stage counts counts[0..n_stages-1] (NaN for missing) fills step[i]
** with the conversion from stage i to i+1 (n_stages - 1 of them) and
** *overall with stage 0 to the last. A later stage above an earlier one is
** IND_EDATA, with the stages named in err; missing stages give NaN
** conversions, not errors. n_stages >= 2. */
int ind_ratio_funnel(size_t n_stages, const double *counts, double level,
                     ind_conversion *step, ind_conversion *overall,
                     ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
