/*
** trend.c: an ordinary least-squares line through the finite points of a
** series, its slope's standard error and t-test, and prediction intervals.
**
** The sums are taken directly, skipping missing points in place, rather
** than through gsl_fit_linear, which would need the finite points copied
** out first. Deviations from the means are summed (two passes) so that
** period ordinals such as 2015..2024 lose no precision.
*/
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "indicate/trend.h"

static int pair_ok(double x, double y)
{
    return isfinite(x) && isfinite(y);
}

/* Count and means of the usable points. */
static size_t pair_means(const double *x, const double *y, size_t n,
                         double *x_mean, double *y_mean)
{
    size_t used = 0;
    double sx = 0.0, sy = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!pair_ok(x[i], y[i]))
            continue;
        used++;
        sx += x[i];
        sy += y[i];
    }
    *x_mean = used ? sx / (double)used : NAN;
    *y_mean = used ? sy / (double)used : NAN;
    return used;
}

typedef struct sums {
    double sxx, sxy, syy;
} sums;

static sums centred_sums(const double *x, const double *y, size_t n,
                         double x_mean, double y_mean)
{
    sums s = {0.0, 0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        if (!pair_ok(x[i], y[i]))
            continue;
        double dx = x[i] - x_mean, dy = y[i] - y_mean;
        s.sxx += dx * dx;
        s.sxy += dx * dy;
        s.syy += dy * dy;
    }
    return s;
}

/* Residuals are summed directly: Syy - slope * Sxy can come out slightly
** negative for a near-perfect fit. */
static double residual_ss(const double *x, const double *y, size_t n,
                          double x_mean, double y_mean, double slope)
{
    double rss = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!pair_ok(x[i], y[i]))
            continue;
        double r = (y[i] - y_mean) - slope * (x[i] - x_mean);
        rss += r * r;
    }
    return rss;
}

int ind_trend_ols(const double *x, const double *y, size_t n, ind_ols *fit,
                  ind_error *err)
{
    if (fit == NULL || (n > 0 && (x == NULL || y == NULL)))
        return ind_error_set(err, IND_EINVAL,
                             "a trend needs x, y and a fit to fill");
    double x_mean, y_mean;
    size_t used = pair_means(x, y, n, &x_mean, &y_mean);
    if (used < IND_TREND_MIN_POINTS)
        return ind_error_set(err, IND_EDOMAIN,
                             "%zu point(s) with values; a trend needs at "
                             "least %d", used, IND_TREND_MIN_POINTS);
    sums s = centred_sums(x, y, n, x_mean, y_mean);
    if (s.sxx == 0.0)
        return ind_error_set(err, IND_EDOMAIN,
                             "every point has the same x; a trend needs "
                             "at least two");
    double slope = s.sxy / s.sxx;
    double rss = residual_ss(x, y, n, x_mean, y_mean, slope);
    double sigma = sqrt(rss / (double)(used - 2));
    /* Values near the limits of a double overflow their squares. */
    if (!isfinite(s.sxx) || !isfinite(slope) || !isfinite(sigma))
        return ind_error_set(err, IND_ENUMERIC,
                             "values too large for a least-squares fit");
    fit->n = used;
    fit->slope = slope;
    fit->intercept = y_mean - slope * x_mean;
    fit->sigma = sigma;
    fit->slope_se = sigma / sqrt(s.sxx);
    fit->r2 = s.syy == 0.0 ? NAN : 1.0 - rss / s.syy;
    fit->x_mean = x_mean;
    fit->sxx = s.sxx;
    return IND_OK;
}

static int fit_ok(const ind_ols *fit)
{
    return fit->n >= IND_TREND_MIN_POINTS && isfinite(fit->sxx) &&
           fit->sxx > 0.0 && isfinite(fit->sigma) && fit->sigma >= 0.0;
}

int ind_trend_predict(const ind_ols *fit, double x, double level,
                      double *value, double *lower, double *upper)
{
    if (fit == NULL || value == NULL || lower == NULL || upper == NULL)
        return IND_EINVAL;
    if (!fit_ok(fit) || !isfinite(x) || !isfinite(level) || level <= 0.0 ||
        level >= 1.0)
        return IND_EDOMAIN;
    double df = (double)(fit->n - 2);
    double t = gsl_cdf_tdist_Qinv((1.0 - level) / 2.0, df);
    if (!isfinite(t))
        return IND_ENUMERIC;
    double dx = x - fit->x_mean;
    double se = fit->sigma *
                sqrt(1.0 + 1.0 / (double)fit->n + dx * dx / fit->sxx);
    double v = fit->intercept + fit->slope * x;
    *value = v;
    *lower = v - t * se;
    *upper = v + t * se;
    return IND_OK;
}

double ind_trend_slope_p(const ind_ols *fit)
{
    if (fit == NULL || !fit_ok(fit) || !isfinite(fit->slope))
        return NAN;
    /* A perfect fit: no slope at all is no evidence either way, any other
    ** slope is certain. */
    if (fit->sigma == 0.0)
        return fit->slope == 0.0 ? NAN : 0.0;
    double t = fabs(fit->slope / fit->slope_se);
    return 2.0 * gsl_cdf_tdist_Q(t, (double)(fit->n - 2));
}
