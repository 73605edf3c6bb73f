/*
** test_ratio.c: unit tests for ratio.h: the normal quantile, Wilson, exact
** Poisson and Byar intervals at their edges, the exact/Byar switch in rates,
** funnels (missing stages, a stage above an earlier one, zero bases) and
** argument checking. Values are worked by hand in the comments or quoted
** from R (the commands are given); tests/reference holds the bulk cases.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/ratio.h"

/* z for 95% and 99.8%: qnorm(0.975), qnorm(0.999) in R. */
#define Z95 1.959963984540054
#define Z998 3.090232306167813

static void assert_close(double expected, double got, double rel)
{
    double diff = fabs(expected - got);
    if (diff > rel * fabs(expected) && diff > 1e-15)
        fail_msg("expected %.17g, got %.17g", expected, got);
}

/* ---- ind_ratio_z ---- */

static void test_z(void **state)
{
    (void)state;
    assert_close(Z95, ind_ratio_z(0.95), 1e-14);
    assert_close(Z998, ind_ratio_z(0.998), 1e-14);
    /* 50%: qnorm(0.75) = 0.6744897501960817 */
    assert_close(0.6744897501960817, ind_ratio_z(0.5), 1e-14);
    const double bad[] = {0.0, 1.0, -0.5, 1.5, NAN, INFINITY};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_true(isnan(ind_ratio_z(bad[i])));
}

/* ---- Wilson ---- */

static void test_wilson_ends(void **state)
{
    (void)state;
    double lo, hi;
    /* k = 0: the roots of (1 + z^2/n) p^2 - (z^2/n) p = 0 are 0 and
    ** z^2 / (n + z^2) = 3.8414588206941236 / 13.841458820694124
    ** = 0.2775327998628892 for n = 10. */
    assert_int_equal(ind_ratio_wilson(0, 10, 0.95, &lo, &hi), IND_OK);
    assert_true(lo == 0.0);
    assert_close(0.2775327998628892, hi, 1e-13);
    /* k = n: by symmetry upper 1, lower n / (n + z^2) = 0.7224672001371107 */
    assert_int_equal(ind_ratio_wilson(10, 10, 0.95, &lo, &hi), IND_OK);
    assert_true(hi == 1.0);
    assert_close(0.7224672001371107, lo, 1e-13);
    /* n = 1, k = 1 at 95%: 1 / (1 + z^2) = 0.2065493143772375 (R:
    ** prop.test(1, 1, correct = FALSE)$conf.int) */
    assert_int_equal(ind_ratio_wilson(1, 1, 0.95, &lo, &hi), IND_OK);
    assert_close(0.2065493143772375, lo, 1e-13);
    assert_true(hi == 1.0);
}

static void test_wilson_values(void **state)
{
    (void)state;
    double lo, hi;
    /* R: prop.test(768, 2326, correct = FALSE)$conf.int */
    assert_int_equal(ind_ratio_wilson(768, 2326, 0.95, &lo, &hi), IND_OK);
    assert_close(0.31136264061645436, lo, 1e-12);
    assert_close(0.34955849330487365, hi, 1e-12);
    /* Half of a billion: the interval is symmetric about 1/2, so
    ** lower + upper = 1, and its half-width is about z * sqrt(0.25 / 1e9)
    ** = 3.099e-5. */
    assert_int_equal(ind_ratio_wilson(5e8, 1e9, 0.95, &lo, &hi), IND_OK);
    assert_close(1.0, lo + hi, 1e-15);
    assert_close(Z95 * sqrt(0.25 / 1e9), (hi - lo) / 2, 1e-8);
    /* One in a billion: the lower bound keeps its digits. R:
    ** prop.test(1, 1e9, correct = FALSE)$conf.int[1] */
    assert_int_equal(ind_ratio_wilson(1, 1e9, 0.95, &lo, &hi), IND_OK);
    assert_close(1.7652455495696337e-10, lo, 1e-12);
    /* Counts need not be whole. */
    assert_int_equal(ind_ratio_wilson(2.5, 10, 0.95, &lo, &hi), IND_OK);
    assert_true(lo < 0.25 && hi > 0.25);
}

static void test_wilson_invalid(void **state)
{
    (void)state;
    double lo = 0, hi = 0;
    const double bad[][3] = {
        {11, 10, 0.95}, {-1, 10, 0.95}, {0, 0, 0.95}, {0, -5, 0.95},
        {NAN, 10, 0.95}, {1, NAN, 0.95}, {1, INFINITY, 0.95}, {INFINITY, INFINITY, 0.95},
        {1, 10, 0.0}, {1, 10, 1.0}, {1, 10, NAN}, {1, 10, -0.95},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ind_ratio_wilson(bad[i][0], bad[i][1], bad[i][2], &lo, &hi),
                         IND_EDOMAIN);
    assert_int_equal(ind_ratio_wilson(1, 10, 0.95, NULL, &hi), IND_EINVAL);
    assert_int_equal(ind_ratio_wilson(1, 10, 0.95, &lo, NULL), IND_EINVAL);
}

/* ---- exact Poisson ---- */

static void test_poisson_exact_small(void **state)
{
    (void)state;
    double lo, hi;
    /* x = 0: lower 0; upper is chi2(0.975, 2) / 2, and a chi-square on 2
    ** df is exponential with mean 2, so upper = -ln(0.025) = 3.6888794541139363. */
    assert_int_equal(ind_ratio_poisson_exact(0, 0.95, &lo, &hi), IND_OK);
    assert_true(lo == 0.0);
    assert_close(3.6888794541139363, hi, 1e-12);
    /* At 99.8%: -ln(0.001) = 6.907755278982137 */
    assert_int_equal(ind_ratio_poisson_exact(0, 0.998, &lo, &hi), IND_OK);
    assert_close(6.907755278982137, hi, 1e-12);
    /* x = 1: lower = chi2(0.025, 2) / 2 = -ln(0.975) = 0.025317807984289876 */
    assert_int_equal(ind_ratio_poisson_exact(1, 0.95, &lo, &hi), IND_OK);
    assert_close(0.025317807984289876, lo, 1e-12);
    /* R: poisson.test(9)$conf.int */
    assert_int_equal(ind_ratio_poisson_exact(9, 0.95, &lo, &hi), IND_OK);
    assert_close(4.1153730973783329, lo, 1e-12);
    assert_close(17.08480345141917, hi, 1e-12);
}

static void test_poisson_exact_huge(void **state)
{
    (void)state;
    double lo, hi;
    /* GSL's own inverse fails here; R: poisson.test(1e9)$conf.int */
    assert_int_equal(ind_ratio_poisson_exact(1e9, 0.95, &lo, &hi), IND_OK);
    assert_close(999938021.44392788, lo, 1e-12);
    assert_close(1000061981.4504089, hi, 1e-12);
}

static void test_poisson_exact_invalid(void **state)
{
    (void)state;
    double lo, hi;
    assert_int_equal(ind_ratio_poisson_exact(-1, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_poisson_exact(NAN, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_poisson_exact(INFINITY, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_poisson_exact(3, 0.0, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_poisson_exact(3, 1.0, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_poisson_exact(3, 0.95, NULL, &hi), IND_EINVAL);
    /* 1 - 2^-53: 1 - alpha/2 rounds to 1, so there is no upper quantile. */
    assert_int_equal(ind_ratio_poisson_exact(3, 0.99999999999999989, &lo, &hi),
                     IND_EDOMAIN);
}

static void test_poisson_exact_fractional(void **state)
{
    (void)state;
    double lo, hi;
    /* A vanishing count: its lower quantile is far below the smallest
    ** double, so 0; the upper is that of x = 0, -ln(0.025) (R:
    ** qgamma(0.975, 1 + 1e-300) = 3.6888794541139354). */
    assert_int_equal(ind_ratio_poisson_exact(1e-300, 0.95, &lo, &hi), IND_OK);
    assert_true(lo == 0.0);
    assert_close(3.6888794541139363, hi, 1e-12);
    /* Half an event (a weighted count). R: qgamma(c(0.025, 0.975),
    ** c(0.5, 1.5)) */
    assert_int_equal(ind_ratio_poisson_exact(0.5, 0.95, &lo, &hi), IND_OK);
    assert_close(0.00049103455858762809, lo, 1e-10);
    assert_close(4.6742018022480725, hi, 1e-12);
}

/* ---- Byar ---- */

static void test_byar_values(void **state)
{
    (void)state;
    double lo, hi;
    /* x = 10 at 95%, worked through the formula:
    ** lower = 10 (1 - 1/90 - z / (3 sqrt 10))^3 = 10 (0.78229...)^3 = 4.787449913967563
    ** upper = 11 (1 - 1/99 + z / (3 sqrt 11))^3 = 18.391458605756473 */
    assert_int_equal(ind_ratio_byar(10, 0.95, &lo, &hi), IND_OK);
    assert_close(4.787449913967563, lo, 1e-13);
    assert_close(18.391458605756473, hi, 1e-13);
    /* x = 1 at 99.8%: 1 - 1/9 - 3.0902/3 = -0.1412 < 0, so the cube is
    ** negative and the lower bound is held at 0. */
    assert_int_equal(ind_ratio_byar(1, 0.998, &lo, &hi), IND_OK);
    assert_true(lo == 0.0);
    assert_true(hi > 1.0);
}

static void test_byar_invalid(void **state)
{
    (void)state;
    double lo, hi;
    assert_int_equal(ind_ratio_byar(0, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_byar(-2, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_byar(NAN, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_byar(5, 1.0, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_ratio_byar(5, 0.95, &lo, NULL), IND_EINVAL);
}

/* ---- rates ---- */

static void test_rate_switch(void **state)
{
    (void)state;
    double v, lo, hi;
    /* 9 events in 1,000 per 1,000: exact, R poisson.test(9)$conf.int */
    assert_int_equal(ind_ratio_rate(9, 1000, 1000, 0.95, &v, &lo, &hi), IND_OK);
    assert_true(v == 9.0);
    assert_close(4.1153730973783329, lo, 1e-12);
    assert_close(17.08480345141917, hi, 1e-12);
    /* 10 events: Byar's (values above) */
    assert_int_equal(ind_ratio_rate(10, 1000, 1000, 0.95, &v, &lo, &hi), IND_OK);
    assert_true(v == 10.0);
    assert_close(4.787449913967563, lo, 1e-13);
    assert_close(18.391458605756473, hi, 1e-13);
    /* Scaling: 5 in 50,000 per 100,000 = 10, bounds doubled;
    ** R poisson.test(5)$conf.int = 1.6234863901184209, 11.668332079322667 */
    assert_int_equal(ind_ratio_rate(5, 50000, 100000, 0.95, &v, &lo, &hi), IND_OK);
    assert_close(10.0, v, 1e-15);
    assert_close(2 * 1.6234863901184209, lo, 1e-12);
    assert_close(2 * 11.668332079322667, hi, 1e-12);
    /* No events: value and lower bound 0. */
    assert_int_equal(ind_ratio_rate(0, 1000, 1000, 0.95, &v, &lo, &hi), IND_OK);
    assert_true(v == 0.0 && lo == 0.0);
    assert_close(3.6888794541139363, hi, 1e-12);
}

static void test_rate_invalid(void **state)
{
    (void)state;
    double v, lo, hi;
    const double bad[][4] = {
        {-1, 1000, 1000, 0.95}, {NAN, 1000, 1000, 0.95}, {5, 0, 1000, 0.95},
        {5, -10, 1000, 0.95}, {5, NAN, 1000, 0.95}, {5, INFINITY, 1000, 0.95},
        {5, 1000, 0, 0.95}, {5, 1000, -1, 0.95}, {5, 1000, NAN, 0.95},
        {5, 1000, 1000, 0}, {5, 1000, 1000, 1}, {50, 1000, 1000, NAN},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ind_ratio_rate(bad[i][0], bad[i][1], bad[i][2], bad[i][3],
                                        &v, &lo, &hi),
                         IND_EDOMAIN);
    assert_int_equal(ind_ratio_rate(5, 1000, 1000, 0.95, NULL, &lo, &hi), IND_EINVAL);
}

/* ---- funnels ---- */

static void test_funnel_values(void **state)
{
    (void)state;
    /* 2,326 referrals, 768 investigations, 477 case conferences.
    ** R: prop.test(k, n, correct = FALSE)$conf.int for each pair. */
    const double counts[] = {2326, 768, 477};
    ind_conversion step[2], all;
    ind_error err = {0};
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, &all, &err), IND_OK);
    assert_true(step[0].from == 0 && step[0].to == 1);
    assert_true(step[0].k == 768 && step[0].n == 2326);
    assert_close(768.0 / 2326.0, step[0].value, 1e-15);
    assert_close(0.31136264061645436, step[0].lower, 1e-12);
    assert_close(0.34955849330487365, step[0].upper, 1e-12);
    assert_true(step[1].from == 1 && step[1].to == 2);
    assert_close(0.58626193792542958, step[1].lower, 1e-12);
    assert_close(0.65472019366956358, step[1].upper, 1e-12);
    assert_true(all.from == 0 && all.to == 2);
    assert_true(all.k == 477 && all.n == 2326);
    assert_close(0.18915747820553488, all.lower, 1e-12);
    assert_close(0.22196125057935373, all.upper, 1e-12);
}

static void test_funnel_missing(void **state)
{
    (void)state;
    /* A missing middle stage: both steps touching it are NaN, the overall
    ** conversion 500 / 1000 is not. R: prop.test(500, 1000, correct = FALSE) */
    const double counts[] = {1000, NAN, 500};
    ind_conversion step[2], all;
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, &all, NULL), IND_OK);
    for (int i = 0; i < 2; i++)
        assert_true(isnan(step[i].value) && isnan(step[i].lower) && isnan(step[i].upper));
    assert_true(isnan(step[0].k) && step[0].n == 1000);
    assert_true(all.value == 0.5);
    assert_close(0.46906960036810419, all.lower, 1e-12);
    assert_close(0.53093039963189581, all.upper, 1e-12);
    /* A missing first stage: the overall conversion is NaN too. */
    const double head[] = {NAN, 40, 20};
    assert_int_equal(ind_ratio_funnel(3, head, 0.95, step, &all, NULL), IND_OK);
    assert_true(isnan(step[0].value) && step[1].value == 0.5 && isnan(all.value));
}

static void test_funnel_zero_base(void **state)
{
    (void)state;
    /* 0 of 0 is no conversion at all, not 0% or 100%. */
    const double counts[] = {5, 0, 0};
    ind_conversion step[2], all;
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, &all, NULL), IND_OK);
    assert_true(step[0].value == 0.0 && step[0].lower == 0.0);
    assert_true(isnan(step[1].value) && isnan(step[1].lower));
    assert_true(all.value == 0.0);
}

static void test_funnel_widening(void **state)
{
    (void)state;
    ind_conversion step[2], all;
    ind_error err = {0};
    const double counts[] = {1000, 768, 800};
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, &all, &err), IND_EDATA);
    assert_int_equal(err.code, IND_EDATA);
    assert_string_equal(err.message, "stage 2 (800) is above stage 1 (768)");
    /* Across a missing stage the last present one is compared. */
    const double gap[] = {1000, NAN, 1200};
    assert_int_equal(ind_ratio_funnel(3, gap, 0.95, step, &all, &err), IND_EDATA);
    assert_string_equal(err.message, "stage 2 (1200) is above stage 0 (1000)");
    /* Fractional counts are named exactly. */
    const double frac[] = {10.5, 12.25};
    assert_int_equal(ind_ratio_funnel(2, frac, 0.95, step, &all, &err), IND_EDATA);
    assert_string_equal(err.message, "stage 1 (12.25) is above stage 0 (10.5)");
    /* Without an error buffer the code is still returned. */
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, &all, NULL), IND_EDATA);
}

static void test_funnel_invalid(void **state)
{
    (void)state;
    ind_conversion step[2], all;
    ind_error err = {0};
    const double counts[] = {100, 50, 20};
    assert_int_equal(ind_ratio_funnel(1, counts, 0.95, step, &all, &err), IND_EINVAL);
    assert_string_equal(err.message, "a funnel needs at least 2 stages, not 1");
    assert_int_equal(ind_ratio_funnel(3, NULL, 0.95, step, &all, &err), IND_EINVAL);
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, NULL, &all, &err), IND_EINVAL);
    assert_int_equal(ind_ratio_funnel(3, counts, 0.95, step, NULL, &err), IND_EINVAL);
    assert_int_equal(ind_ratio_funnel(3, counts, 1.0, step, &all, &err), IND_EDOMAIN);
    assert_string_equal(err.message, "confidence level 1 is not between 0 and 1");
    const double negative[] = {100, -3, 20};
    assert_int_equal(ind_ratio_funnel(3, negative, 0.95, step, &all, &err), IND_EDOMAIN);
    assert_string_equal(err.message,
                        "stage 1 count -3 is not a finite non-negative number");
    const double infinite[] = {INFINITY, 3};
    assert_int_equal(ind_ratio_funnel(2, infinite, 0.95, step, &all, &err), IND_EDOMAIN);
    assert_string_equal(err.message,
                        "stage 0 count inf is not a finite non-negative number");
}

static void test_funnel_huge(void **state)
{
    (void)state;
    /* Very large counts: 5e8 of 1e9 is symmetric about 1/2. */
    const double counts[] = {1e9, 5e8};
    ind_conversion step[1], all;
    assert_int_equal(ind_ratio_funnel(2, counts, 0.998, step, &all, NULL), IND_OK);
    assert_true(step[0].value == 0.5);
    assert_close(1.0, step[0].lower + step[0].upper, 1e-15);
    assert_close(Z998 * sqrt(0.25 / 1e9), (step[0].upper - step[0].lower) / 2, 1e-8);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_z),
        cmocka_unit_test(test_wilson_ends),
        cmocka_unit_test(test_wilson_values),
        cmocka_unit_test(test_wilson_invalid),
        cmocka_unit_test(test_poisson_exact_small),
        cmocka_unit_test(test_poisson_exact_huge),
        cmocka_unit_test(test_poisson_exact_invalid),
        cmocka_unit_test(test_poisson_exact_fractional),
        cmocka_unit_test(test_byar_values),
        cmocka_unit_test(test_byar_invalid),
        cmocka_unit_test(test_rate_switch),
        cmocka_unit_test(test_rate_invalid),
        cmocka_unit_test(test_funnel_values),
        cmocka_unit_test(test_funnel_missing),
        cmocka_unit_test(test_funnel_zero_base),
        cmocka_unit_test(test_funnel_widening),
        cmocka_unit_test(test_funnel_invalid),
        cmocka_unit_test(test_funnel_huge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
