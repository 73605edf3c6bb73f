/*
** trendtest.c: Mann-Kendall, Sen's slope and the Cochran-Armitage test for
** trend in proportions.
**
** Series here are short (annual figures, a few years of months), so the
** O(n^2) pair loops are the simple and the fast choice; tie groups are
** counted by the same pair loop instead of a sort, so no memory is needed.
** The exact distribution of Kendall's S is built in two fixed arrays on
** the stack (fewer than 50 values: at most 1,177 states).
*/
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "indicate/trendtest.h"

#define MAX_PAIRS (IND_MK_EXACT_BELOW * (IND_MK_EXACT_BELOW - 1) / 2)

static int sgn(double d)
{
    return (d > 0) - (d < 0);
}

/* ---- Mann-Kendall -------------------------------------------------------- */

/* Probability that Kendall's S is at least s for m values without ties,
** from the distribution of the number of discordant pairs D (inversions of
** a random permutation): p_m(k) = (1/m) sum_{j<m} p_{m-1}(k - j). S = N - 2D,
** so S >= s is D <= (N - s) / 2. Small terms are summed first. */
static double exact_upper_tail(size_t m, double s)
{
    double a[MAX_PAIRS + 1], b[MAX_PAIRS + 1];
    double *cur = a, *next = b;
    cur[0] = 1;
    size_t top = 0; /* highest D for the current size */
    for (size_t size = 2; size <= m; size++) {
        size_t ntop = top + size - 1;
        double window = 0;
        for (size_t k = 0; k <= ntop; k++) {
            if (k <= top)
                window += cur[k];
            if (k >= size && k - size <= top)
                window -= cur[k - size];
            next[k] = window / (double)size;
        }
        double *tmp = cur;
        cur = next;
        next = tmp;
        top = ntop;
    }
    double n_pairs = (double)top;
    double d_max = floor((n_pairs - s) / 2);
    double tail = 0;
    for (size_t k = 0; (double)k <= d_max && k <= top; k++)
        tail += cur[k];
    return tail;
}

int ind_trendtest_mann_kendall(const double *y, size_t n, ind_mann_kendall *out,
                               ind_error *err)
{
    size_t used = 0, ties = 0;
    double s = 0, tie_sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]))
            continue;
        used++;
        size_t group = 1, earlier = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i || isnan(y[j]))
                continue;
            if (y[j] == y[i]) {
                group++;
                earlier += j < i;
            }
            if (j > i)
                s += sgn(y[j] - y[i]);
        }
        ties += earlier > 0;
        tie_sum += (double)(group - 1) * (double)(2 * group + 5);
    }
    if (used < IND_TRENDTEST_MIN_POINTS)
        return ind_error_set(err, IND_EDOMAIN, "%zu value(s); a trend test needs at least %d",
                             used, IND_TRENDTEST_MIN_POINTS);
    double m = (double)used, pairs = m * (m - 1) / 2;
    double var = (m * (m - 1) * (2 * m + 5) - tie_sum) / 18;
    if (!(var > 0))
        return ind_error_set(err, IND_EDOMAIN, "every value is the same: no trend to test");
    out->n = used;
    out->s = s;
    out->var_s = var;
    out->tau = s / pairs;
    out->ties = ties;
    out->exact = ties == 0 && used < IND_MK_EXACT_BELOW;
    if (out->exact) {
        out->z = NAN;
        double p = 2 * exact_upper_tail(used, fabs(s));
        out->p = p < 1 ? p : 1;
    } else {
        double corrected = sgn(s) * (fabs(s) - 1);
        out->z = corrected / sqrt(var);
        out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
    }
    return IND_OK;
}

/* ---- Sen's slope ----------------------------------------------------------- */

size_t ind_trendtest_sen_work(size_t n)
{
    return n < 2 ? 2 : n * (n - 1) / 2 + n;
}

/* The value of 1-based rank r (held within 1..n) of v[0..n), which is
** reordered. A selection, not a sort: Sen's slope needs at most four ranks
** of the n(n-1)/2 pairwise slopes, and selecting each is linear where a
** sort of them dominated the whole analysis of a short series. */
static double at_rank(double *v, size_t n, double r)
{
    if (r < 1)
        r = 1;
    if (r > (double)n)
        r = (double)n;
    return gsl_stats_select(v, 1, n, (size_t)r - 1);
}

/* The median of v[0..n), n > 0, which is reordered. */
static double median_of(double *v, size_t n)
{
    double hi = gsl_stats_select(v, 1, n, n / 2);
    return n % 2 ? hi : (gsl_stats_select(v, 1, n, n / 2 - 1) + hi) / 2;
}

int ind_trendtest_sen(const double *x, const double *y, size_t n, double level,
                      double *work, ind_sen_slope *out, ind_error *err)
{
    if (!(level > 0 && level < 1))
        return ind_error_set(err, IND_EDOMAIN, "confidence level %g is not between 0 and 1",
                             level);
    size_t pairs = 0, used = 0;
    double tie_sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i]) || isnan(x[i]))
            continue;
        used++;
        size_t group = 1;
        for (size_t j = 0; j < n; j++) {
            if (j == i || isnan(y[j]) || isnan(x[j]))
                continue;
            group += y[j] == y[i];
            if (j > i) {
                if (!(x[j] > x[i]))
                    return ind_error_set(err, IND_EINVAL,
                                         "Sen's slope needs increasing x");
                work[pairs++] = (y[j] - y[i]) / (x[j] - x[i]);
            }
        }
        tie_sum += (double)(group - 1) * (double)(2 * group + 5);
    }
    if (used < IND_TRENDTEST_MIN_POINTS)
        return ind_error_set(err, IND_EDOMAIN, "%zu value(s); Sen's slope needs at least %d",
                             used, IND_TRENDTEST_MIN_POINTS);
    double m = (double)used, big_n = (double)pairs;
    double var = (m * (m - 1) * (2 * m + 5) - tie_sum) / 18;
    double c = gsl_cdf_ugaussian_Qinv((1 - level) / 2) * sqrt(var > 0 ? var : 0);
    out->n = used;
    out->pairs = pairs;
    out->slope = median_of(work, pairs);
    /* Ranks (N -/+ C) / 2 rounded half to even, the upper one plus 1. */
    out->lower = at_rank(work, pairs, rint((big_n - c) / 2));
    out->upper = at_rank(work, pairs, rint((big_n + c) / 2) + 1);

    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]) && !isnan(x[i]))
            work[k++] = y[i] - out->slope * x[i];
    out->intercept = median_of(work, k);
    return IND_OK;
}

/* ---- Cochran-Armitage -------------------------------------------------------- */

static int group_ok(double k, double n, double score)
{
    return isfinite(k) && isfinite(n) && isfinite(score) && n > 0 && k >= 0 && k <= n;
}

int ind_trendtest_cochran_armitage(const double *k, const double *n,
                                   const double *score, size_t m,
                                   ind_cochran_armitage *out, ind_error *err)
{
    size_t groups = 0;
    double sum_k = 0, sum_n = 0, sum_nt = 0;
    for (size_t i = 0; i < m; i++) {
        if (!group_ok(k[i], n[i], score[i]))
            continue;
        groups++;
        sum_k += k[i];
        sum_n += n[i];
        sum_nt += n[i] * score[i];
    }
    if (groups < IND_TRENDTEST_MIN_POINTS)
        return ind_error_set(err, IND_EDOMAIN,
                             "%zu period(s) with counts; a trend in proportions needs at least %d",
                             groups, IND_TRENDTEST_MIN_POINTS);
    double pbar = sum_k / sum_n, tbar = sum_nt / sum_n;
    double t_stat = 0, stt = 0;
    for (size_t i = 0; i < m; i++) {
        if (!group_ok(k[i], n[i], score[i]))
            continue;
        double d = score[i] - tbar;
        t_stat += k[i] * d;
        stt += n[i] * d * d;
    }
    double var = pbar * (1 - pbar) * stt;
    if (!(stt > 0))
        return ind_error_set(err, IND_EDOMAIN, "every score is the same: no trend to test");
    if (!(var > 0))
        return ind_error_set(err, IND_EDOMAIN,
                             "the pooled proportion is %g: no variation to test", pbar);
    out->groups = groups;
    out->z = t_stat / sqrt(var);
    out->chi2 = out->z * out->z;
    out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
    out->slope = t_stat / stt;
    return IND_OK;
}
