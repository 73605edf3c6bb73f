/*
** test_compare.c: benchmarking across areas (compare.h).
**
** LGBF's arithmetic on a constructed set of 32 councils in four family
** groups of 8, plus Scotland as an aggregate row: ranks, quartiles, the
** family-group mean as the unweighted mean of 8 values and the pooled value
** as the sum of numerators over the sum of denominators, all worked by hand
** below. Ties, missing values, counts and rates. Funnel limits against
** tests/data/batch/funnel_reference.csv, computed with scipy by
** tests/data/batch/make_funnel_reference.py.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/compare.h"

static void assert_close(double expected, double got, double rel)
{
    double diff = fabs(expected - got);
    if (diff > rel * fabs(expected) && diff > 1e-12)
        fail_msg("expected %.17g, got %.17g", expected, got);
}

/* ---- LGBF ------------------------------------------------------------------ */

/* Council i (1..32) has i*i of 100*i: a value of i/100. Councils 1-8 are
** family group 0, 9-16 group 1, 17-24 group 2, 25-32 group 3. Scotland
** (index 32) is an aggregate with 999,999 of 1,000,000: pooled with the
** councils it would pull the pooled value to nearly 1. */
static void lgbf_inputs(ind_compare_input *in)
{
    for (int i = 1; i <= 32; i++) {
        ind_compare_input *x = &in[i - 1];
        x->numerator = (double)(i * i);
        x->denominator = 100.0 * i;
        x->value = x->numerator / x->denominator;
        x->aggregate = 0;
        x->group = (i - 1) / 8;
    }
    in[32] = (ind_compare_input){ 0.999999, 999999, 1000000, 1, -1 };
}

static void test_lgbf(void **state)
{
    (void)state;
    ind_compare_input in[33];
    ind_compare_output out[33];
    ind_compare_summary sum;
    lgbf_inputs(in);
    ind_compare_spec spec = { IND_MEASURE_PROPORTION, IND_HIGHER_IS_BETTER, 1 };
    assert_int_equal(ind_compare(&spec, in, 33, 4, out, &sum, NULL), IND_OK);

    /* Pooled: sum of i^2 for i = 1..32 is 32*33*65/6 = 11,440; sum of 100*i
    ** is 100*528 = 52,800; 11440/52800 = 0.21666... The unweighted mean of
    ** the 32 values, 528/32/100 = 0.165, is not it. */
    assert_int_equal(sum.pooled_areas, 32);
    assert_close(11440.0, sum.pooled_numerator, 0);
    assert_close(52800.0, sum.pooled_denominator, 0);
    assert_close(11440.0 / 52800.0, sum.pooled, 1e-15);

    /* Family-group means, unweighted: (1+...+8)/8/100 = 0.045,
    ** (9+...+16)/8/100 = 100/800 = 0.125, (17+...+24) = 164: 0.205,
    ** (25+...+32) = 228: 0.285. */
    const double means[4] = { 0.045, 0.125, 0.205, 0.285 };
    for (int i = 0; i < 32; i++) {
        assert_int_equal(out[i].group_n, 8);
        assert_close(means[i / 8], out[i].group_mean, 1e-15);
    }

    /* Higher is better: council i ranks 33 - i of 32; quartile 1 is ranks
    ** 1-8 (councils 25-32), quartile 4 ranks 25-32 (councils 1-8). */
    assert_int_equal(sum.ranked, 32);
    for (int i = 1; i <= 32; i++) {
        assert_int_equal(out[i - 1].rank, 33 - i);
        assert_int_equal(out[i - 1].quartile, 4 - (i - 1) / 8);
    }

    /* Scotland: reported, never ranked, no group, no funnel. */
    assert_int_equal(out[32].rank, 0);
    assert_int_equal(out[32].quartile, 0);
    assert_true(isnan(out[32].group_mean));
    assert_int_equal(out[32].funnel, IND_FUNNEL_NONE);
}

/* The funnel position follows from the limits at each denominator. */
static void test_lgbf_funnel(void **state)
{
    (void)state;
    ind_compare_input in[33];
    ind_compare_output out[33];
    ind_compare_summary sum;
    lgbf_inputs(in);
    ind_compare_spec spec = { IND_MEASURE_PROPORTION, IND_NEUTRAL, 1 };
    assert_int_equal(ind_compare(&spec, in, 33, 4, out, &sum, NULL), IND_OK);
    for (int i = 0; i < 32; i++) {
        double lo95, hi95, lo998, hi998;
        double n = in[i].denominator, t = sum.pooled;
        assert_int_equal(ind_compare_binomial_limit(n, t, 0.025, &lo95), IND_OK);
        assert_int_equal(ind_compare_binomial_limit(n, t, 0.975, &hi95), IND_OK);
        assert_int_equal(ind_compare_binomial_limit(n, t, 0.001, &lo998), IND_OK);
        assert_int_equal(ind_compare_binomial_limit(n, t, 0.999, &hi998), IND_OK);
        assert_close(lo95, out[i].lower95, 0);
        assert_close(hi998, out[i].upper998, 0);
        assert_true(lo998 <= lo95 && lo95 < t && t < hi95 && hi95 <= hi998);
        double v = in[i].value;
        ind_funnel_position want = v > hi998 ? IND_FUNNEL_HIGH_998
                                 : v > hi95  ? IND_FUNNEL_HIGH_95
                                 : v < lo998 ? IND_FUNNEL_LOW_998
                                 : v < lo95  ? IND_FUNNEL_LOW_95
                                             : IND_FUNNEL_WITHIN;
        assert_int_equal(out[i].funnel, want);
    }
    /* Council 1 (1 of 100, 1%) is far below 21.7%; council 32 (32%, of
    ** 3,200) far above: both beyond the 99.8% limits. Council 22 (22%) is
    ** within. */
    assert_int_equal(out[0].funnel, IND_FUNNEL_LOW_998);
    assert_int_equal(out[31].funnel, IND_FUNNEL_HIGH_998);
    assert_int_equal(out[21].funnel, IND_FUNNEL_WITHIN);
    assert_string_equal(ind_funnel_position_name(out[0].funnel), "low_998");
}

/* ---- ties, gaps, counts, rates ----------------------------------------------- */

static void test_ties(void **state)
{
    (void)state;
    /* Values 5 3 5 1 3. Highest first: 5 5 3 3 1 take ranks 1 1 3 3 5
    ** (competition ranking); quartiles ceil(4r/5): 1 1 3 3 4. Lowest first:
    ** 1 3 3 5 5 take 1 2 2 4 4; quartiles 1 2 2 4 4. */
    ind_compare_input in[5];
    const double v[5] = { 5, 3, 5, 1, 3 };
    for (int i = 0; i < 5; i++)
        in[i] = (ind_compare_input){ v[i], NAN, NAN, 0, -1 };
    ind_compare_output out[5];
    ind_compare_summary sum;
    ind_compare_spec high = { IND_MEASURE_COUNT, IND_HIGHER_IS_BETTER, 1 };
    assert_int_equal(ind_compare(&high, in, 5, 0, out, &sum, NULL), IND_OK);
    const size_t rank_high[5] = { 1, 3, 1, 5, 3 };
    const int quart_high[5] = { 1, 3, 1, 4, 3 };
    for (int i = 0; i < 5; i++) {
        assert_int_equal(out[i].rank, rank_high[i]);
        assert_int_equal(out[i].quartile, quart_high[i]);
    }
    ind_compare_spec low = { IND_MEASURE_COUNT, IND_LOWER_IS_BETTER, 1 };
    assert_int_equal(ind_compare(&low, in, 5, 0, out, &sum, NULL), IND_OK);
    const size_t rank_low[5] = { 4, 2, 4, 1, 2 };
    const int quart_low[5] = { 4, 2, 4, 1, 2 };
    for (int i = 0; i < 5; i++) {
        assert_int_equal(out[i].rank, rank_low[i]);
        assert_int_equal(out[i].quartile, quart_low[i]);
    }
    /* Counts: the pooled value is the total, 17; no funnel. */
    assert_close(17, sum.pooled, 0);
    assert_true(isnan(sum.pooled_denominator));
    assert_int_equal(out[0].funnel, IND_FUNNEL_NONE);
    assert_true(isnan(out[0].upper95));
}

static void test_missing(void **state)
{
    (void)state;
    /* A missing value is not ranked, not averaged and not pooled; 0 of 0 has
    ** no value but pools nothing either. Group 0 holds areas 0 and 1 (only
    ** area 0 has a value: mean 0.5 of 1 value); group 1 holds area 2 alone. */
    ind_compare_input in[4] = {
        { 0.5, 5, 10, 0, 0 },
        { NAN, NAN, NAN, 0, 0 },
        { 0.25, 10, 40, 0, 1 },
        { NAN, 0, 0, 0, -1 },
    };
    ind_compare_output out[4];
    ind_compare_summary sum;
    ind_compare_spec spec = { IND_MEASURE_PROPORTION, IND_NEUTRAL, 1 };
    assert_int_equal(ind_compare(&spec, in, 4, 2, out, &sum, NULL), IND_OK);
    assert_int_equal(sum.ranked, 2);
    assert_int_equal(out[0].rank, 1);
    assert_int_equal(out[2].rank, 2);
    assert_int_equal(out[1].rank, 0);
    assert_int_equal(out[3].rank, 0);
    assert_close(0.5, out[1].group_mean, 0);
    assert_int_equal(out[1].group_n, 1);
    assert_close(0.25, out[2].group_mean, 0);
    /* (5 + 10 + 0) / (10 + 40 + 0) = 0.3 over three areas. */
    assert_int_equal(sum.pooled_areas, 3);
    assert_close(0.3, sum.pooled, 1e-15);
    assert_int_equal(out[1].funnel, IND_FUNNEL_NONE);
    assert_int_equal(out[3].funnel, IND_FUNNEL_NONE);
}

static void test_rate(void **state)
{
    (void)state;
    /* 30 per 10,000 and 10 per 30,000, per 1,000: 3 and 0.333...; pooled
    ** 40 / 40,000 * 1,000 = 1 per 1,000. Limits are per unit times 1,000. */
    ind_compare_input in[2] = {
        { 3, 30, 10000, 0, -1 },
        { 1.0 / 3.0, 10, 30000, 0, -1 },
    };
    ind_compare_output out[2];
    ind_compare_summary sum;
    ind_compare_spec spec = { IND_MEASURE_RATE, IND_LOWER_IS_BETTER, 1000 };
    assert_int_equal(ind_compare(&spec, in, 2, 0, out, &sum, NULL), IND_OK);
    assert_close(1.0, sum.pooled, 1e-15);
    double hi;
    assert_int_equal(ind_compare_poisson_limit(10000, 0.001, 0.999, &hi), IND_OK);
    assert_close(hi * 1000, out[0].upper998, 1e-15);
    assert_int_equal(out[0].funnel, IND_FUNNEL_HIGH_998);  /* 30 events where 10 expected */
    assert_int_equal(out[1].funnel, IND_FUNNEL_LOW_998);   /* 10 where 30 expected */
    assert_int_equal(out[0].rank, 2);                      /* lower is better */
}

/* ---- funnel limits against scipy ---------------------------------------------- */

static void test_reference_limits(void **state)
{
    (void)state;
    const char *path = IND_TEST_DATA "/data/batch/funnel_reference.csv";
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[256];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        char kind[16];
        double n, target, p, want, got;
        assert_int_equal(sscanf(line, "%15[a-z],%lf,%lf,%lf,%lf", kind, &n, &target, &p, &want),
                         5);
        int rc = strcmp(kind, "proportion") == 0
                     ? ind_compare_binomial_limit(n, target, p, &got)
                     : ind_compare_poisson_limit(n, target, p, &got);
        assert_int_equal(rc, IND_OK);
        if (fabs(got - want) > 1e-9 * fabs(want) + 1e-12)
            fail_msg("%s n=%g target=%g p=%g: expected %.17g, got %.17g", kind, n, target, p,
                     want, got);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 64);
}

static void test_limit_edges(void **state)
{
    (void)state;
    double x;
    /* No variation: a pooled 0% or 100% is its own limit. */
    assert_int_equal(ind_compare_binomial_limit(50, 0, 0.975, &x), IND_OK);
    assert_close(0, x, 0);
    assert_int_equal(ind_compare_binomial_limit(50, 1, 0.025, &x), IND_OK);
    assert_close(1, x, 0);
    assert_int_equal(ind_compare_poisson_limit(1000, 0, 0.999, &x), IND_OK);
    assert_close(0, x, 0);
    /* Denominators must be whole for a binomial; probabilities inside (0, 1). */
    assert_int_equal(ind_compare_binomial_limit(10.5, 0.2, 0.975, &x), IND_EDOMAIN);
    assert_true(isnan(x));
    assert_int_equal(ind_compare_binomial_limit(0, 0.2, 0.975, &x), IND_EDOMAIN);
    assert_int_equal(ind_compare_binomial_limit(10, 0.2, 1, &x), IND_EDOMAIN);
    assert_int_equal(ind_compare_poisson_limit(0, 0.2, 0.5, &x), IND_EDOMAIN);
    assert_int_equal(ind_compare_poisson_limit(10, -1, 0.5, &x), IND_EDOMAIN);
}

static void test_invalid(void **state)
{
    (void)state;
    ind_compare_input in[1] = { { 1, 1, 2, 0, 3 } };
    ind_compare_output out[1];
    ind_compare_summary sum;
    ind_compare_spec spec = { IND_MEASURE_PROPORTION, IND_NEUTRAL, 1 };
    ind_error err = { 0 };
    assert_int_equal(ind_compare(&spec, in, 1, 2, out, &sum, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "group 3 of 2"));
    assert_int_equal(ind_compare(NULL, in, 1, 2, out, &sum, NULL), IND_EINVAL);
    ind_compare_spec bad = { (ind_measure_kind)9, IND_NEUTRAL, 1 };
    in[0].group = -1;
    assert_int_equal(ind_compare(&bad, in, 1, 0, out, &sum, NULL), IND_EINVAL);
    /* Nothing to compare is not an error: nothing is pooled. */
    assert_int_equal(ind_compare(&spec, NULL, 0, 0, out, &sum, NULL), IND_OK);
    assert_true(isnan(sum.pooled));
    assert_int_equal(sum.ranked, 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lgbf),
        cmocka_unit_test(test_lgbf_funnel),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_reference_limits),
        cmocka_unit_test(test_limit_edges),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
