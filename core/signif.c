/*
** signif.c: tests and intervals for a change between two periods: the exact
** conditional test of a Poisson rate ratio (through binomial tails and the
** Clopper-Pearson interval) and Newcombe's interval for a difference of
** proportions with the pooled z test.
**
** Binomial tails are regularized incomplete beta functions
** (gsl_sf_beta_inc_e, whose status is checked). Beta quantiles are found
** here by a bracketed Illinois iteration on that function rather than by
** gsl_cdf_beta_Pinv, which loops for shapes around 10^6 and returns NaN at
** k = n - 1, and rather than a GSL root solver, which would allocate on
** every call (a test runs for every change of every measure).
*/
#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "indicate/ratio.h"
#include "indicate/signif.h"

#define MAX_ITER 400

static int whole(double x)
{
    return isfinite(x) && x >= 0 && x == floor(x) && x < 9007199254740992.0;
}

static int level_ok(double level)
{
    return isfinite(level) && level > 0 && level < 1 && 1 - (1 - level) / 2 < 1;
}

/* I_t(a, b), or NaN when GSL reports a failure. */
static double beta_cdf(double a, double b, double t)
{
    if (t <= 0)
        return 0;
    if (t >= 1)
        return 1;
    gsl_sf_result r;
    int status = gsl_sf_beta_inc_e(a, b, t, &r);
    if (status == GSL_EUNDRFLW)
        return 0; /* far in a tail: smaller than the smallest double */
    if (status != GSL_SUCCESS || !isfinite(r.val))
        return NAN;
    return r.val;
}

/* The next point to try in (lo, hi): the Illinois step, or a bisection
** (geometric when the bracket spans orders of magnitude, so that tiny
** quantiles are found to full relative precision) when the bracket is
** shrinking too slowly. */
static double next_point(double lo, double hi, double flo, double fhi, int slow)
{
    double t = (lo * fhi - hi * flo) / (fhi - flo);
    if (!slow && t > lo && t < hi)
        return t;
    if (lo > 0 && hi / lo > 4)
        return sqrt(lo * hi);
    if (lo == 0)
        return hi / 16;
    return lo + (hi - lo) / 2;
}

/* The q quantile of Beta(a, b): t with I_t(a, b) = q, 0 < q < 1. */
static int beta_quantile(double a, double b, double q, double *out)
{
    double lo = 0, hi = 1, flo = -q, fhi = 1 - q, width = 1;
    int side = 0;
    for (int i = 0; i < MAX_ITER; i++) {
        int slow = i % 3 == 2 && hi - lo > width / 2;
        if (i % 3 == 2)
            width = hi - lo;
        double t = next_point(lo, hi, flo, fhi, slow);
        if (!(t > lo && t < hi))
            break; /* the bracket is down to adjacent doubles */
        double f = beta_cdf(a, b, t);
        if (isnan(f))
            return IND_ENUMERIC;
        f -= q;
        if (f == 0) {
            *out = t;
            return IND_OK;
        }
        if (f < 0) {
            lo = t;
            flo = f;
            if (side < 0)
                fhi /= 2;
            side = -1;
        } else {
            hi = t;
            fhi = f;
            if (side > 0)
                flo /= 2;
            side = 1;
        }
        if (hi - lo <= 2 * DBL_EPSILON * hi)
            break;
    }
    *out = fabs(flo) < fabs(fhi) ? lo : hi;
    return IND_OK;
}

int ind_signif_clopper_pearson(double k, double n, double level, double *lower,
                               double *upper)
{
    if (!whole(k) || !whole(n) || n <= 0 || k > n || !level_ok(level))
        return IND_EDOMAIN;
    double half = (1 - level) / 2, lo = 0, q = 0;
    if (k > 0 && beta_quantile(k, n - k + 1, half, &lo) != IND_OK)
        return IND_ENUMERIC;
    /* upper = 1 - q where q is the half quantile of Beta(n - k, k + 1). */
    if (k < n && beta_quantile(n - k, k + 1, half, &q) != IND_OK)
        return IND_ENUMERIC;
    *lower = lo;
    *upper = 1 - q;
    return IND_OK;
}

double ind_signif_binom_central_p(double k, double n, double p0)
{
    if (!whole(k) || !whole(n) || n <= 0 || k > n || !(p0 > 0 && p0 < 1))
        return NAN;
    /* P(X >= k) = I_p0(k, n - k + 1); P(X <= k) = I_{1-p0}(n - k, k + 1). */
    double upper_tail = k == 0 ? 1 : beta_cdf(k, n - k + 1, p0);
    double lower_tail = k == n ? 1 : beta_cdf(n - k, k + 1, 1 - p0);
    if (isnan(upper_tail) || isnan(lower_tail))
        return NAN;
    double p = 2 * fmin(upper_tail, lower_tail);
    return p < 1 ? p : 1;
}

/* The verdict: significant only when the interval excludes the null value
** and the test rejects it. */
static void decide(ind_signif_test *out, double null_value, double level)
{
    int by_interval = out->lower > null_value || out->upper < null_value;
    int by_test = out->p < 1 - level;
    out->disagree = by_interval != by_test;
    out->direction = 0;
    if (by_interval && by_test)
        out->direction = out->lower > null_value ? 1 : -1;
}

int ind_signif_rate_ratio(double x0, double t0, double x1, double t1,
                          double level, ind_signif_test *out, ind_error *err)
{
    if (!whole(x0) || !whole(x1) || !(t0 > 0) || !(t1 > 0) || !isfinite(t0) ||
        !isfinite(t1))
        return ind_error_set(err, IND_EDOMAIN,
                             "a rate ratio needs whole counts >= 0 and exposures > 0 "
                             "(got %.15g / %.15g and %.15g / %.15g)", x0, t0, x1, t1);
    if (!level_ok(level))
        return ind_error_set(err, IND_EDOMAIN, "confidence level %g is not between 0 and 1",
                             level);
    double n = x0 + x1;
    if (n == 0)
        return ind_error_set(err, IND_EDOMAIN, "no events in either period: nothing to compare");
    double lo, hi;
    if (ind_signif_clopper_pearson(x1, n, level, &lo, &hi) != IND_OK)
        return ind_error_set(err, IND_ENUMERIC,
                             "the incomplete beta function failed for %.15g of %.15g events",
                             x1, n);
    /* A binomial p of later events becomes a ratio of rates: p/(1-p) * t0/t1. */
    double scale = t0 / t1;
    out->estimate = x0 > 0 ? x1 / t1 / (x0 / t0) : INFINITY;
    out->lower = lo / (1 - lo) * scale;
    out->upper = hi < 1 ? hi / (1 - hi) * scale : INFINITY;
    out->p = ind_signif_binom_central_p(x1, n, t1 / (t0 + t1));
    if (isnan(out->p))
        return ind_error_set(err, IND_ENUMERIC,
                             "the incomplete beta function failed for %.15g of %.15g events",
                             x1, n);
    decide(out, 1, level);
    return IND_OK;
}

static int prop_ok(double k, double n)
{
    return isfinite(k) && isfinite(n) && n > 0 && k >= 0 && k <= n;
}

int ind_signif_prop_diff(double k0, double n0, double k1, double n1,
                         double level, ind_signif_test *out, ind_error *err)
{
    if (!prop_ok(k0, n0) || !prop_ok(k1, n1))
        return ind_error_set(err, IND_EDOMAIN,
                             "a difference of proportions needs 0 <= k <= n, n > 0 "
                             "(got %.15g of %.15g and %.15g of %.15g)", k0, n0, k1, n1);
    double l0, u0, l1, u1;
    if (ind_ratio_wilson(k0, n0, level, &l0, &u0) != IND_OK ||
        ind_ratio_wilson(k1, n1, level, &l1, &u1) != IND_OK)
        return ind_error_set(err, IND_EDOMAIN, "confidence level %g is not between 0 and 1",
                             level);
    double p0 = k0 / n0, p1 = k1 / n1, d = p1 - p0;
    out->estimate = d;
    out->lower = d - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
    out->upper = d + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));

    double pooled = (k0 + k1) / (n0 + n1);
    double var = pooled * (1 - pooled) * (1 / n0 + 1 / n1);
    if (!(var > 0)) {
        out->p = 1; /* both 0 or both 1: no difference observed */
    } else {
        double z = fabs(d) / sqrt(var);
        out->p = 2 * gsl_cdf_ugaussian_Q(z);
    }
    decide(out, 0, level);
    return IND_OK;
}
