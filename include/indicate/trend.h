/*
** trend.h: a straight line through a short series, and where it leads.
**
** Ordinary least squares of value on period index, with the slope's standard
** error and prediction intervals for future periods from the t distribution
** on n - 2 degrees of freedom. A prediction interval adds the residual
** variance to the fitted mean's variance:
**     se_pred(x) = s * sqrt(1 + 1/n + (x - xbar)^2 / Sxx)
** (GSL's gsl_fit_linear_est gives only the mean's part.) At least three
** points are needed; missing values are skipped. Pure functions.
*/
#ifndef INDICATE_TREND_H
#define INDICATE_TREND_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_TREND_MIN_POINTS 3

typedef struct ind_ols {
    size_t n;          /* points used (finite x and y) */
    double intercept;  /* at x = 0 */
    double slope;      /* change in value per unit of x */
    double slope_se;   /* standard error of the slope */
    double sigma;      /* residual standard error, sqrt(RSS / (n - 2)) */
    double r2;         /* coefficient of determination; NaN for a constant y */
    double x_mean;     /* mean of the x used */
    double sxx;        /* sum of (x - x_mean)^2 */
} ind_ols;

/* Fits y = intercept + slope * x over the points where both are finite.
** Returns IND_EDOMAIN with fewer than IND_TREND_MIN_POINTS such points or
** when every x is the same, IND_ENUMERIC when the sums overflow. */
int ind_trend_ols(const double *x, const double *y, size_t n, ind_ols *fit,
                  ind_error *err);

/* The fitted value at x and its prediction interval at level (0.95). */
int ind_trend_predict(const ind_ols *fit, double x, double level,
                      double *value, double *lower, double *upper);

/* The two-sided p-value of the slope against zero (t test, n - 2 df); NaN
** when sigma is 0 and the slope is exactly 0. */
double ind_trend_slope_p(const ind_ols *fit);

#ifdef __cplusplus
}
#endif
#endif
