/*
** ratio.c: confidence intervals for proportions (Wilson), Poisson counts
** (exact Garwood and Byar's approximation), rates built on them, and the
** stage-to-stage conversions of a funnel. docs/methods.md gives the formulas.
*/
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "indicate/format.h"
#include "indicate/ratio.h"

/* Levels must leave a positive tail on each side, or the quantiles are
** infinite (GSL would report an error instead). */
static int level_ok(double level)
{
    return isfinite(level) && level > 0.0 && level < 1.0;
}

static int count_ok(double x)
{
    return isfinite(x) && x >= 0.0;
}

double ind_ratio_z(double level)
{
    if (!level_ok(level))
        return NAN;
    return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}

/* The Wilson bounds for a proportion p of n (0 <= p <= 1) at quantile z.
** The lower bound is taken from the product of the quadratic's roots,
** p^2 / (1 + z^2/n), rather than centre - half, which cancels badly when p
** is small and n large. */
static void wilson_bounds(double p, double n, double z, double *lower,
                          double *upper)
{
    double a = z * z / n;
    double centre = p + a / 2.0;
    double half = z * sqrt(p * (1.0 - p) / n + a / (4.0 * n));
    double hi = (centre + half) / (1.0 + a);
    if (p == 1.0 || hi > 1.0)
        hi = 1.0;
    *upper = hi;
    *lower = p * p / ((1.0 + a) * hi);
}

int ind_ratio_wilson(double k, double n, double level, double *lower,
                     double *upper)
{
    if (lower == NULL || upper == NULL)
        return IND_EINVAL;
    if (!level_ok(level) || !count_ok(k) || !count_ok(n) || n == 0.0 || k > n)
        return IND_EDOMAIN;
    wilson_bounds(k / n, n, ind_ratio_z(level), lower, upper);
    return IND_OK;
}

/* Chi-square quantiles for the exact interval come from gsl_cdf_chisq_Pinv
** when its answer can be confirmed. For large counts it cannot be trusted:
** the inverse stops converging at about 2 x 10^5 degrees of freedom, and
** the distribution function it inverts is wrong in two regions (see
** gamma_p; and above a shape of 10^6 gsl_cdf_chisq_P takes the upper tail
** from an asymptotic series meant for far larger x, so that 0.975 comes out
** as 0.992 at 2 x 10^9 degrees of freedom). Each answer is therefore
** checked to bracket the target probability within a relative 10^-10
** using gamma_p, and when it does not the quantile is found by Brent's
** method on gamma_p instead. */
#define QUANTILE_REL_TOL 1e-10

/* Up to this shape GSL computes P(a, x) just below the mean by a continued
** fraction; above it, by a uniform asymptotic expansion that is accurate. */
#define GSL_GAMMA_CF_MAX_SHAPE 1.0e6

/* The regularized lower incomplete gamma function P(a, x), through
** gsl_sf_gamma_inc_P_e except in one band: for x just below a
** ((a - x)^2 < a) and a up to 10^6, GSL's continued fraction stops early
** without saying so, and P is off by up to 5 x 10^-6 for shapes between
** 10^4 and 10^6. There P is moved away from the mean by the recurrence
**     P(a, x) = P(a + m, x) + sum_{j < m} x^(a+j) e^(-x) / Gamma(a + j + 1)
** with m about 2 sqrt(a), where GSL uses its power series. */
static int gamma_p(double a, double x, double *p)
{
    gsl_sf_result r;
    int in_band = x < a && (a - x) * (a - x) < a && a <= GSL_GAMMA_CF_MAX_SHAPE;
    if (!in_band) {
        int status = gsl_sf_gamma_inc_P_e(a, x, &r);
        *p = r.val;
        return status;
    }
    double m = ceil(2.0 * sqrt(a)) + 1.0;
    gsl_sf_result lg;
    int status = gsl_sf_gamma_inc_P_e(a + m, x, &r);
    if (status == GSL_SUCCESS)
        status = gsl_sf_lngamma_e(a + 1.0, &lg);
    if (status != GSL_SUCCESS)
        return status;
    double term = exp(a * log(x) - x - lg.val);  /* the Poisson(x) mass at a */
    double sum = 0.0;
    for (double j = 0.0; j < m; j++) {
        sum += term;
        term *= x / (a + j + 1.0);
    }
    *p = r.val + sum;
    return GSL_SUCCESS;
}

typedef struct chisq_target {
    double nu, p;
    int status;  /* the first failing GSL status met while solving */
} chisq_target;

static double chisq_gap(double q, void *params)
{
    chisq_target *t = params;
    double p = NAN;
    int status = gamma_p(t->nu / 2.0, q / 2.0, &p);
    if (status != GSL_SUCCESS && t->status == GSL_SUCCESS)
        t->status = status;
    return p - t->p;
}

/* Widens [lo, hi] around the mean until the quantile lies inside. */
static int chisq_bracket(chisq_target *t, double *lo, double *hi)
{
    double w = 10.0 * sqrt(2.0 * t->nu) + 10.0;
    for (int i = 0; i < 64; i++, w *= 2.0) {
        *lo = t->nu - w > 0.0 ? t->nu - w : 0.0;
        *hi = t->nu + w;
        if (chisq_gap(*lo, t) <= 0.0 && chisq_gap(*hi, t) >= 0.0)
            return t->status == GSL_SUCCESS ? IND_OK : IND_ENUMERIC;
    }
    return IND_ENUMERIC;
}

static int chisq_iterate(gsl_root_fsolver *s, const chisq_target *t)
{
    int status = GSL_CONTINUE;
    for (int i = 0; status == GSL_CONTINUE && i < 200; i++) {
        status = gsl_root_fsolver_iterate(s);
        if (status != GSL_SUCCESS || t->status != GSL_SUCCESS)
            return IND_ENUMERIC;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                        gsl_root_fsolver_x_upper(s), 0.0,
                                        4.0 * GSL_DBL_EPSILON);
    }
    return status == GSL_SUCCESS ? IND_OK : IND_ENUMERIC;
}

static int chisq_solve(double p, double nu, double *q)
{
    chisq_target t = {nu, p, GSL_SUCCESS};
    double lo, hi;
    if (chisq_bracket(&t, &lo, &hi) != IND_OK)
        return IND_ENUMERIC;
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return IND_ENOMEM;
    gsl_function f = {chisq_gap, &t};
    int rc = gsl_root_fsolver_set(s, &f, lo, hi) == GSL_SUCCESS
                 ? chisq_iterate(s, &t)
                 : IND_ENUMERIC;
    *q = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    return rc == IND_OK && isfinite(*q) ? IND_OK : IND_ENUMERIC;
}

/* Whether q is within QUANTILE_REL_TOL of the quantile: the distribution
** function crosses p between q (1 - tol) and q (1 + tol). */
static int chisq_confirmed(double p, double nu, double q)
{
    if (!isfinite(q) || q <= 0.0)
        return 0;
    chisq_target t = {nu, p, GSL_SUCCESS};
    double below = chisq_gap(q * (1.0 - QUANTILE_REL_TOL), &t);
    double above = chisq_gap(q * (1.0 + QUANTILE_REL_TOL), &t);
    return t.status == GSL_SUCCESS && below <= 0.0 && above >= 0.0;
}

/* The chi-square quantile with probability p below it. */
static int chisq_quantile(double p, double nu, double *q)
{
    *q = gsl_cdf_chisq_Pinv(p, nu);
    if (chisq_confirmed(p, nu, *q))
        return IND_OK;
    /* A tiny fractional count can put the quantile below the smallest
    ** normal double, where no solver can close in on it: it is 0. */
    chisq_target t = {nu, p, GSL_SUCCESS};
    if (chisq_gap(DBL_MIN, &t) >= 0.0 && t.status == GSL_SUCCESS) {
        *q = 0.0;
        return IND_OK;
    }
    return chisq_solve(p, nu, q);
}

int ind_ratio_poisson_exact(double x, double level, double *lower,
                            double *upper)
{
    if (lower == NULL || upper == NULL)
        return IND_EINVAL;
    if (!level_ok(level) || !count_ok(x))
        return IND_EDOMAIN;
    double alpha = 1.0 - level;
    /* The upper bound inverts the distribution at 1 - alpha/2, which must
    ** differ from 1 (levels within about 1e-16 of 1 do not). */
    if (1.0 - alpha / 2.0 == 1.0)
        return IND_EDOMAIN;
    double lo = 0.0, hi;
    /* With no events the lower bound is 0 by definition; chi-square with
    ** zero degrees of freedom is not a distribution GSL accepts. */
    int rc = x == 0.0 ? IND_OK : chisq_quantile(alpha / 2.0, 2.0 * x, &lo);
    if (rc == IND_OK)
        rc = chisq_quantile(1.0 - alpha / 2.0, 2.0 * x + 2.0, &hi);
    if (rc != IND_OK)
        return rc;
    *lower = lo / 2.0;
    *upper = hi / 2.0;
    return IND_OK;
}

int ind_ratio_byar(double x, double level, double *lower, double *upper)
{
    if (lower == NULL || upper == NULL)
        return IND_EINVAL;
    if (!level_ok(level) || !count_ok(x) || x == 0.0)
        return IND_EDOMAIN;
    double z = ind_ratio_z(level);
    double a = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));
    double x1 = x + 1.0;
    double b = 1.0 - 1.0 / (9.0 * x1) + z / (3.0 * sqrt(x1));
    /* For a handful of events at a high level the bracket goes negative and
    ** the cube with it; a count's bound cannot be below 0. */
    *lower = a > 0.0 ? x * a * a * a : 0.0;
    *upper = x1 * b * b * b;
    return IND_OK;
}

int ind_ratio_rate(double events, double population, double multiplier,
                   double level, double *value, double *lower, double *upper)
{
    if (value == NULL || lower == NULL || upper == NULL)
        return IND_EINVAL;
    if (!count_ok(events) || !isfinite(population) || population <= 0.0 ||
        !isfinite(multiplier) || multiplier <= 0.0 || !level_ok(level))
        return IND_EDOMAIN;
    double lo, hi;
    int rc = events < IND_BYAR_MIN_EVENTS
                 ? ind_ratio_poisson_exact(events, level, &lo, &hi)
                 : ind_ratio_byar(events, level, &lo, &hi);
    if (rc != IND_OK)
        return rc;
    double scale = multiplier / population;
    *value = events * scale;
    *lower = lo * scale;
    *upper = hi * scale;
    return IND_OK;
}

static int is_missing(double v)
{
    return isnan(v);
}

/* A count for a message, exactly as it reads back ("768", "12.25"). */
static const char *count_text(double v, char *buf, size_t size)
{
    if (ind_format_shortest(v, buf, size) < 0)
        snprintf(buf, size, "%g", v);  /* inf, nan */
    return buf;
}

/* Every present count must be finite and non-negative, and no stage may
** hold more than the last present stage before it (a funnel only narrows). */
static int funnel_check(size_t n_stages, const double *counts, ind_error *err)
{
    char a[IND_FORMAT_MAX], b[IND_FORMAT_MAX];
    size_t prev = n_stages;  /* none yet */
    for (size_t i = 0; i < n_stages; i++) {
        double c = counts[i];
        if (is_missing(c))
            continue;
        if (!count_ok(c))
            return ind_error_set(err, IND_EDOMAIN,
                                 "stage %zu count %s is not a finite "
                                 "non-negative number",
                                 i, count_text(c, a, sizeof a));
        if (prev < n_stages && c > counts[prev])
            return ind_error_set(err, IND_EDATA,
                                 "stage %zu (%s) is above stage %zu (%s)", i,
                                 count_text(c, a, sizeof a), prev,
                                 count_text(counts[prev], b, sizeof b));
        prev = i;
    }
    return IND_OK;
}

/* One conversion; NaN throughout when a count is missing or the base is 0. */
static ind_conversion conversion(size_t from, size_t to, const double *counts,
                                 double z)
{
    ind_conversion c = {from, to, counts[to], counts[from], NAN, NAN, NAN};
    if (is_missing(c.k) || is_missing(c.n) || c.n == 0.0)
        return c;
    c.value = c.k / c.n;
    wilson_bounds(c.value, c.n, z, &c.lower, &c.upper);
    return c;
}

int ind_ratio_funnel(size_t n_stages, const double *counts, double level,
                     ind_conversion *step, ind_conversion *overall,
                     ind_error *err)
{
    if (counts == NULL || step == NULL || overall == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "a funnel needs its counts and somewhere to put "
                             "the conversions");
    if (n_stages < 2)
        return ind_error_set(err, IND_EINVAL,
                             "a funnel needs at least 2 stages, not %zu",
                             n_stages);
    if (!level_ok(level))
        return ind_error_set(err, IND_EDOMAIN,
                             "confidence level %g is not between 0 and 1",
                             level);
    int rc = funnel_check(n_stages, counts, err);
    if (rc != IND_OK)
        return rc;
    double z = ind_ratio_z(level);
    for (size_t i = 0; i + 1 < n_stages; i++)
        step[i] = conversion(i, i + 1, counts, z);
    *overall = conversion(0, n_stages - 1, counts, z);
    return IND_OK;
}
