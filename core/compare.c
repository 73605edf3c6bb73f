/*
** compare.c: ranks, quartiles, family-group means, pooled values and funnel
** limits for one measure and period across areas (see compare.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "indicate/compare.h"

/* Two-sided 95% and 99.8%: the tail probabilities of the four limits. */
#define P_LOW_998 0.001
#define P_LOW_95 0.025
#define P_HIGH_95 0.975
#define P_HIGH_998 0.999

/* GSL's discrete distribution functions take unsigned counts. */
#define MAX_TRIALS 4294967295.0

const char *ind_funnel_position_name(ind_funnel_position f)
{
    switch (f) {
    case IND_FUNNEL_WITHIN: return "within";
    case IND_FUNNEL_HIGH_95: return "high_95";
    case IND_FUNNEL_HIGH_998: return "high_998";
    case IND_FUNNEL_LOW_95: return "low_95";
    case IND_FUNNEL_LOW_998: return "low_998";
    default: return "";
    }
}

/* ---- funnel limits --------------------------------------------------------- */

typedef double (*cdf_fn)(unsigned k, double a, unsigned n);

static double binomial_cdf(unsigned k, double theta, unsigned n)
{
    return gsl_cdf_binomial_P(k, theta, n);
}

static double poisson_cdf(unsigned k, double mu, unsigned n)
{
    (void)n;
    return gsl_cdf_poisson_P(k, mu);
}

static double cdf_at(cdf_fn F, long r, double a, unsigned n)
{
    return r < 0 ? 0.0 : F((unsigned)r, a, n);
}

/* The smallest r in [0, top] with F(r) >= p, walking from a normal-theory
** start: a few steps whatever the size. */
static long quantile(cdf_fn F, double a, unsigned n, double mean, double sd,
                     double p, long top)
{
    double z = gsl_cdf_ugaussian_Pinv(p);
    double guess = floor(mean + z * sd);
    long r = guess < 0 ? 0 : guess > (double)top ? top : (long)guess;
    if (cdf_at(F, r, a, n) >= p) {
        while (r > 0 && cdf_at(F, r - 1, a, n) >= p)
            r--;
    } else {
        while (r < top && cdf_at(F, r, a, n) < p)
            r++;
    }
    return r;
}

/* The interpolation reaches below 0 when the quantile is 0: no proportion
** or rate can be below 0 (or a proportion above 1). */
static double clamp(double x, double hi)
{
    return x < 0 ? 0 : x > hi ? hi : x;
}

/* Spiegelhalter's interpolation between the discrete quantile and the count
** below it, so that the limits are smooth in n. */
static double interpolated(cdf_fn F, double a, unsigned n, long r, double p)
{
    double at = cdf_at(F, r, a, n), below = cdf_at(F, r - 1, a, n);
    double alpha = at > below ? (at - p) / (at - below) : 0;
    return (double)r - alpha;
}

int ind_compare_binomial_limit(double n, double theta, double p, double *limit)
{
    *limit = NAN;
    if (!(n >= 1 && n <= MAX_TRIALS && n == floor(n)) || !(theta >= 0 && theta <= 1) ||
        !(p > 0 && p < 1))
        return IND_EDOMAIN;
    if (theta == 0 || theta == 1) {
        *limit = theta; /* no variation at all */
        return IND_OK;
    }
    unsigned un = (unsigned)n;
    double sd = sqrt(n * theta * (1 - theta));
    long r = quantile(binomial_cdf, theta, un, n * theta, sd, p, (long)un);
    *limit = clamp(interpolated(binomial_cdf, theta, un, r, p) / n, 1);
    return IND_OK;
}

int ind_compare_poisson_limit(double n, double lambda, double p, double *limit)
{
    *limit = NAN;
    double mu = n * lambda;
    if (!(n > 0) || !(lambda >= 0) || !(p > 0 && p < 1) || !(mu < MAX_TRIALS / 2))
        return IND_EDOMAIN;
    if (mu == 0) {
        *limit = 0;
        return IND_OK;
    }
    long top = (long)MAX_TRIALS - 1;
    long r = quantile(poisson_cdf, mu, 0, mu, sqrt(mu), p, top);
    *limit = clamp(interpolated(poisson_cdf, mu, 0, r, p) / n, INFINITY);
    return IND_OK;
}

/* ---- one area's limits ----------------------------------------------------- */

static int limit_of(const ind_compare_spec *spec, double per_unit, double n, double p,
                    double *limit)
{
    if (spec->kind == IND_MEASURE_PROPORTION)
        return ind_compare_binomial_limit(n, per_unit, p, limit);
    int rc = ind_compare_poisson_limit(n, per_unit, p, limit);
    *limit *= spec->multiplier;
    return rc;
}

static void funnel_of(const ind_compare_spec *spec, const ind_compare_summary *sum,
                      const ind_compare_input *in, ind_compare_output *out)
{
    out->lower95 = out->upper95 = out->lower998 = out->upper998 = NAN;
    out->funnel = IND_FUNNEL_NONE;
    if (spec->kind != IND_MEASURE_PROPORTION && spec->kind != IND_MEASURE_RATE)
        return;
    if (in->aggregate || isnan(in->value) || isnan(sum->pooled) || !(in->denominator > 0))
        return;
    double per_unit = sum->pooled_numerator / sum->pooled_denominator;
    double n = in->denominator;
    if (limit_of(spec, per_unit, n, P_LOW_998, &out->lower998) != IND_OK ||
        limit_of(spec, per_unit, n, P_LOW_95, &out->lower95) != IND_OK ||
        limit_of(spec, per_unit, n, P_HIGH_95, &out->upper95) != IND_OK ||
        limit_of(spec, per_unit, n, P_HIGH_998, &out->upper998) != IND_OK) {
        out->lower95 = out->upper95 = out->lower998 = out->upper998 = NAN;
        return;
    }
    double v = in->value;
    out->funnel = v > out->upper998  ? IND_FUNNEL_HIGH_998
                : v > out->upper95   ? IND_FUNNEL_HIGH_95
                : v < out->lower998  ? IND_FUNNEL_LOW_998
                : v < out->lower95   ? IND_FUNNEL_LOW_95
                                     : IND_FUNNEL_WITHIN;
}

/* ---- pooling ----------------------------------------------------------------- */

static void pool(const ind_compare_spec *spec, const ind_compare_input *in, size_t n,
                 ind_compare_summary *sum)
{
    double num = 0, den = 0;
    size_t areas = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i].aggregate)
            continue;
        if (spec->kind == IND_MEASURE_COUNT) {
            if (isnan(in[i].value))
                continue;
            num += in[i].value;
        } else {
            if (isnan(in[i].numerator) || isnan(in[i].denominator))
                continue;
            num += in[i].numerator;
            den += in[i].denominator;
        }
        areas++;
    }
    sum->pooled_areas = areas;
    if (spec->kind == IND_MEASURE_COUNT) {
        sum->pooled_numerator = areas > 0 ? num : NAN;
        sum->pooled_denominator = NAN;
        sum->pooled = sum->pooled_numerator;
        return;
    }
    sum->pooled_numerator = areas > 0 ? num : NAN;
    sum->pooled_denominator = areas > 0 ? den : NAN;
    double scale = spec->kind == IND_MEASURE_PROPORTION ? 1 : spec->multiplier;
    sum->pooled = areas > 0 && den > 0 ? num / den * scale : NAN;
}

/* ---- ranking ------------------------------------------------------------------ */

typedef struct ranked_value {
    double key;   /* the value, negated when higher is better: ascending is best first */
    size_t index;
} ranked_value;

static int by_key(const void *a, const void *b)
{
    const ranked_value *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static void rank(const ind_compare_spec *spec, const ind_compare_input *in, size_t n,
                 ranked_value *order, ind_compare_output *out, ind_compare_summary *sum)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i].aggregate || isnan(in[i].value))
            continue;
        order[m].key = spec->polarity < 0 ? in[i].value : -in[i].value;
        order[m].index = i;
        m++;
    }
    qsort(order, m, sizeof *order, by_key);
    for (size_t k = 0; k < m; k++) {
        /* Competition ranking: a tie takes the rank of the first of its run. */
        size_t r = k > 0 && order[k].key == order[k - 1].key ? out[order[k - 1].index].rank
                                                             : k + 1;
        ind_compare_output *o = &out[order[k].index];
        o->rank = r;
        o->quartile = (int)((4 * r + m - 1) / m);
    }
    sum->ranked = m;
}

/* ---- family groups -------------------------------------------------------------- */

static void group_means(const ind_compare_input *in, size_t n, size_t n_groups,
                        double *total, size_t *count, ind_compare_output *out)
{
    for (size_t g = 0; g < n_groups; g++) {
        total[g] = 0;
        count[g] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (in[i].group < 0 || in[i].aggregate || isnan(in[i].value))
            continue;
        total[in[i].group] += in[i].value;
        count[in[i].group]++;
    }
    for (size_t i = 0; i < n; i++) {
        long g = in[i].group;
        out[i].group_n = g >= 0 ? count[g] : 0;
        out[i].group_mean = g >= 0 && count[g] > 0 ? total[g] / (double)count[g] : NAN;
    }
}

/* ---- the entry point -------------------------------------------------------------- */

static int check(const ind_compare_spec *spec, const ind_compare_input *in, size_t n,
                 size_t n_groups, ind_error *err)
{
    if (spec == NULL || (n > 0 && in == NULL))
        return ind_error_set(err, IND_EINVAL, "ind_compare: no specification or inputs");
    if (spec->kind < IND_MEASURE_COUNT || spec->kind > IND_MEASURE_RATIO)
        return ind_error_set(err, IND_EINVAL, "ind_compare: unknown measure kind %d",
                             (int)spec->kind);
    for (size_t i = 0; i < n; i++)
        if (in[i].group >= 0 && (size_t)in[i].group >= n_groups)
            return ind_error_set(err, IND_EINVAL,
                                 "ind_compare: input %zu is in group %ld of %zu", i,
                                 in[i].group, n_groups);
    return IND_OK;
}

int ind_compare(const ind_compare_spec *spec_in, const ind_compare_input *in,
                size_t n, size_t n_groups, ind_compare_output *out,
                ind_compare_summary *sum, ind_error *err)
{
    int rc = check(spec_in, in, n, n_groups, err);
    if (rc != IND_OK)
        return rc;
    ind_compare_spec spec = *spec_in;
    if (!(spec.multiplier > 0))
        spec.multiplier = 1;
    ranked_value *order = malloc((n + 1) * sizeof *order);
    double *total = malloc((n_groups + 1) * sizeof *total);
    size_t *count = malloc((n_groups + 1) * sizeof *count);
    if (order == NULL || total == NULL || count == NULL) {
        free(order);
        free(total);
        free(count);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    memset(out, 0, n * sizeof *out);
    memset(sum, 0, sizeof *sum);
    pool(&spec, in, n, sum);
    rank(&spec, in, n, order, out, sum);
    group_means(in, n, n_groups, total, count, out);
    for (size_t i = 0; i < n; i++)
        funnel_of(&spec, sum, &in[i], &out[i]);
    free(order);
    free(total);
    free(count);
    return IND_OK;
}
