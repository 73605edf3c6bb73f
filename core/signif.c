/*
** signif.c: tests and intervals for a change between two periods: the exact
** conditional test of a Poisson rate ratio (through binomial tails and the
** Clopper-Pearson interval) and Newcombe's interval for a difference of
** proportions with the pooled z test.
**
** Binomial tails are regularized incomplete beta functions
** (gsl_sf_beta_inc_e, whose status is checked). Each evaluation runs a
** continued fraction that lengthens with the counts, so beta quantiles are
** found with as few as possible: from the Cornish-Fisher approximation of
** AS 109, Halley steps with the beta density (its log beta computed once
** per interval), inside a bracket that any step leaving it is replaced by a
** bisection of, stopping as soon as the error the last step leaves, from
** the density's derivatives, is below 1e-13 relative. For counts in the
** hundreds and more that is one evaluation a quantile, two for small
** counts; shapes with a or b equal to 1 have closed forms. The quantile is
** solved for the smaller of x and 1 - x, so both keep their relative
** precision. The central p-value computes the larger tail only when the
** smaller might be it. This is used rather than gsl_cdf_beta_Pinv, which
** loops for shapes around 10^6 and returns NaN at k = n - 1, and rather
** than a GSL root solver, which would allocate on every call (a test runs
** for every change of every measure).
*/
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "indicate/ratio.h"
#include "indicate/signif.h"

#define MAX_ITER 200
#define QUANTILE_TOL 1e-13 /* relative error left after the last step */

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

/* A point of (0, 1) with its complement, each to full relative precision
** (c = 1 - x, carried separately for x near 1). */
typedef struct unit_point {
    double x, c;
} unit_point;

/* A bisection of the bracket (lo, hi): geometric when it spans orders of
** magnitude, so that tiny quantiles are found to full relative precision. */
static double bisect(double lo, double hi)
{
    if (lo > 0 && hi / lo > 4)
        return sqrt(lo * hi);
    if (lo == 0)
        return hi / 16;
    return lo + (hi - lo) / 2;
}

/* The start: AS 109's Cornish-Fisher approximation (G. W. Cran, K. J.
** Martin & G. E. Thomas (1977), Applied Statistics 26:111-114, after
** Abramowitz & Stegun 26.5.22) of the q quantile of Beta(a, b), a, b > 1,
** where z is the upper q quantile of the standard normal. */
static unit_point beta_guess(double a, double b, double z)
{
    double r = (z * z - 3) / 6, s = 1 / (2 * a - 1), t = 1 / (2 * b - 1), h = 2 / (s + t);
    double w = z * sqrt(h + r) / h - (t - s) * (r + 5.0 / 6 - 2 / (3 * h));
    double e = b * exp(2 * w);
    unit_point p = { a / (a + e), e / (a + e) };
    if (!(p.x > 0 && p.c > 0)) /* exp overflowed or underflowed: the mean */
        p = (unit_point){ a / (a + b), b / (a + b) };
    return p;
}

/* The residual at v of I_x(a, b) = q, where x = v, or x = 1 - v when
** solving for the complement; then v is moved to the point really
** evaluated, 1 - x for the double x nearest 1 - v. So q keeps its full
** precision (solving I_v(b, a) = 1 - q instead would round q to 1e-16),
** and the last step, taken from that point, gives v its full precision. */
static double residual(double a, double b, double q, int complement, double *v)
{
    if (!complement)
        return beta_cdf(a, b, *v) - q;
    double x = 1 - *v;
    *v = 1 - x;
    return q - beta_cdf(a, b, x);
}

/* v with I_v(a, b) = q (complement 0) or I_{1-v}(a, b) = q (complement 1),
** 0 < q < 1, from the start v: Halley steps with the density f of v, inside
** a bracket. With g = f'/f and g' its derivative, a Halley step d from a
** point off by e leaves (g^2/12 - g'/6) e^3, and a Newton step (|g|/2) e^2,
** to leading order; e is d to leading order, so the iteration stops when
** what the last step leaves is below QUANTILE_TOL of v and of 1 - v. */
static int beta_solve(double a, double b, double lnbeta, double q, int complement, double v,
                      double *out)
{
    double va = complement ? b : a, vb = complement ? a : b; /* v is Beta(va, vb) */
    double lo = 0, hi = 1;
    for (int i = 0; i < MAX_ITER; i++) {
        double f = residual(a, b, q, complement, &v);
        if (isnan(f))
            return IND_ENUMERIC;
        if (f == 0)
            break;
        if (f < 0)
            lo = v;
        else
            hi = v;
        double vc = 1 - v;
        double density = exp((va - 1) * log(v) + (vb - 1) * log1p(-v) - lnbeta);
        double u = f / density, g = (va - 1) / v - (vb - 1) / vc;
        double g1 = (va - 1) / (v * v) + (vb - 1) / (vc * vc); /* -g' */
        int halley = fabs(u * g) < 1;
        double step = halley ? -u / (1 - u * g / 2) : -u;
        double left = halley ? (g * g / 12 + g1 / 6) * fabs(step * step * step)
                             : fabs(g) * step * step / 2 + g1 / 6 * fabs(step * step * step);
        double next = v + step;
        /* A step too small to move v lands on v: within the closed bracket. */
        if (next >= lo && next <= hi && left <= QUANTILE_TOL * fmin(next, 1 - next)) {
            v = next;
            break;
        }
        if (!(next > lo && next < hi))
            next = bisect(lo, hi); /* the step left the bracket */
        if (!(next > lo && next < hi))
            break; /* the bracket is down to adjacent doubles */
        v = next;
    }
    *out = v;
    return IND_OK;
}

/* The q quantile of Beta(a, b), 0 < q < 1/2, a, b >= 1, lnbeta = log B(a, b)
** (not used when a or b is 1), z the upper q quantile of the standard
** normal. */
static int beta_quantile(double a, double b, double lnbeta, double q, double z,
                         unit_point *out)
{
    if (a == 1) { /* I_x(1, b) = 1 - (1 - x)^b */
        double l = log1p(-q) / b;
        *out = (unit_point){ -expm1(l), exp(l) };
        return IND_OK;
    }
    if (b == 1) { /* I_x(a, 1) = x^a */
        double l = log(q) / a;
        *out = (unit_point){ exp(l), -expm1(l) };
        return IND_OK;
    }
    /* Solve for the smaller of x and 1 - x. */
    unit_point start = beta_guess(a, b, z);
    int complement = start.x > 0.5;
    double v;
    if (beta_solve(a, b, lnbeta, q, complement, complement ? start.c : start.x, &v) !=
        IND_OK)
        return IND_ENUMERIC;
    *out = complement ? (unit_point){ 1 - v, v } : (unit_point){ v, 1 - v };
    return IND_OK;
}

/* The Clopper-Pearson bounds with their complements. */
static int clopper_pearson(double k, double n, double level, unit_point *lower,
                           unit_point *upper)
{
    if (!whole(k) || !whole(n) || n <= 0 || k > n || !level_ok(level))
        return IND_EDOMAIN;
    double half = (1 - level) / 2, z = gsl_cdf_ugaussian_Qinv(half);
    unit_point lo = { 0, 1 }, q = { 0, 1 };
    if (k > 0 && k < n) {
        /* B(n - k, k + 1) = B(k, n - k + 1) k / (n - k): one log beta. */
        gsl_sf_result lnbeta;
        if (gsl_sf_lnbeta_e(k, n - k + 1, &lnbeta) != GSL_SUCCESS)
            return IND_ENUMERIC;
        if (beta_quantile(k, n - k + 1, lnbeta.val, half, z, &lo) != IND_OK)
            return IND_ENUMERIC;
        /* upper = 1 - q where q is the half quantile of Beta(n - k, k + 1). */
        if (beta_quantile(n - k, k + 1, lnbeta.val + log(k / (n - k)), half, z, &q) != IND_OK)
            return IND_ENUMERIC;
    } else if (k > 0) { /* k = n: Beta(n, 1) */
        if (beta_quantile(k, 1, NAN, half, z, &lo) != IND_OK)
            return IND_ENUMERIC;
    } else if (beta_quantile(n, 1, NAN, half, z, &q) != IND_OK) { /* k = 0 */
        return IND_ENUMERIC;
    }
    *lower = lo;
    *upper = (unit_point){ q.c, q.x };
    return IND_OK;
}

int ind_signif_clopper_pearson(double k, double n, double level, double *lower,
                               double *upper)
{
    unit_point lo, hi;
    int rc = clopper_pearson(k, n, level, &lo, &hi);
    if (rc != IND_OK)
        return rc;
    *lower = lo.x;
    *upper = hi.x;
    return IND_OK;
}

/* P(X >= k) = I_p0(k, n - k + 1), P(X <= k) = I_{1-p0}(n - k, k + 1). */
static double upper_tail(double k, double n, double p0)
{
    return k == 0 ? 1 : beta_cdf(k, n - k + 1, p0);
}

static double lower_tail(double k, double n, double p0)
{
    return k == n ? 1 : beta_cdf(n - k, k + 1, 1 - p0);
}

double ind_signif_binom_central_p(double k, double n, double p0)
{
    if (!whole(k) || !whole(n) || n <= 0 || k > n || !(p0 > 0 && p0 < 1))
        return NAN;
    /* The two tails add up to 1 + P(X = k), so a tail below 1/2 is the
    ** smaller one: the tail on k's side of the mean is computed first, and
    ** the other only when the first is not clearly below 1/2 (the margin is
    ** far above the rounding of either). */
    int above = k > n * p0;
    double first = above ? upper_tail(k, n, p0) : lower_tail(k, n, p0);
    if (isnan(first))
        return NAN;
    if (first < 0.4999)
        return 2 * first;
    double second = above ? lower_tail(k, n, p0) : upper_tail(k, n, p0);
    if (isnan(second))
        return NAN;
    double p = 2 * fmin(first, second);
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
    unit_point lo, hi;
    if (clopper_pearson(x1, n, level, &lo, &hi) != IND_OK)
        return ind_error_set(err, IND_ENUMERIC,
                             "the incomplete beta function failed for %.15g of %.15g events",
                             x1, n);
    /* A binomial p of later events becomes a ratio of rates: p/(1-p) * t0/t1. */
    double scale = t0 / t1;
    out->estimate = x0 > 0 ? x1 / t1 / (x0 / t0) : INFINITY;
    out->lower = lo.x / lo.c * scale;
    out->upper = hi.c > 0 ? hi.x / hi.c * scale : INFINITY;
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
