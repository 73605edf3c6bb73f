/*
** test_change.c: unit tests for change.h: percent change (zero base,
** missing ends, negative base), compound annual growth and its domain, and
** signed runs of rises and falls. Expected values are worked by hand in the
** comments.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/change.h"

static void assert_close(double expected, double got, double tol)
{
    if (fabs(expected - got) > tol)
        fail_msg("expected %.17g, got %.17g", expected, got);
}

/* ---- ind_change_between ---- */

static void test_change_rise_and_fall(void **state)
{
    (void)state;
    /* 768 -> 801: +33, 33/768 = 11/256 = 0.04296875 exactly -> 4.296875% */
    ind_change c = ind_change_between(768, 801);
    assert_int_equal(c.status, IND_CHANGE_OK);
    assert_true(c.from == 768 && c.to == 801);
    assert_true(c.absolute == 33.0);
    assert_true(c.percent == 4.296875);
    /* 800 -> 600: -200, -200/800 = -25% */
    c = ind_change_between(800, 600);
    assert_int_equal(c.status, IND_CHANGE_OK);
    assert_true(c.absolute == -200.0);
    assert_true(c.percent == -25.0);
    /* No change is 0%, not undefined. */
    c = ind_change_between(5, 5);
    assert_int_equal(c.status, IND_CHANGE_OK);
    assert_true(c.absolute == 0.0 && c.percent == 0.0);
    /* Down to zero is -100%. */
    c = ind_change_between(5, 0);
    assert_true(c.percent == -100.0);
}

static void test_change_zero_base(void **state)
{
    (void)state;
    ind_change c = ind_change_between(0, 5);
    assert_int_equal(c.status, IND_CHANGE_UNDEFINED);
    assert_true(c.absolute == 5.0);
    assert_true(isnan(c.percent));
    c = ind_change_between(0, 0);
    assert_int_equal(c.status, IND_CHANGE_UNDEFINED);
    assert_true(c.absolute == 0.0);
    assert_true(isnan(c.percent));
    c = ind_change_between(-0.0, -3);
    assert_int_equal(c.status, IND_CHANGE_UNDEFINED);
    assert_true(c.absolute == -3.0);
    assert_true(isnan(c.percent));
}

static void test_change_missing(void **state)
{
    (void)state;
    ind_change c = ind_change_between(NAN, 3);
    assert_int_equal(c.status, IND_CHANGE_MISSING);
    assert_true(isnan(c.from) && c.to == 3.0);
    assert_true(isnan(c.absolute) && isnan(c.percent));
    c = ind_change_between(3, NAN);
    assert_int_equal(c.status, IND_CHANGE_MISSING);
    assert_true(isnan(c.absolute) && isnan(c.percent));
    c = ind_change_between(NAN, NAN);
    assert_int_equal(c.status, IND_CHANGE_MISSING);
    /* An infinity is no more comparable than a gap. */
    c = ind_change_between(INFINITY, 3);
    assert_int_equal(c.status, IND_CHANGE_MISSING);
    assert_true(isnan(c.absolute));
    /* Missing wins over a zero base. */
    c = ind_change_between(0, NAN);
    assert_int_equal(c.status, IND_CHANGE_MISSING);
}

static void test_change_negative_base(void **state)
{
    (void)state;
    /* -50 -> -25 is a rise of 25 on |-50|: +50%. */
    ind_change c = ind_change_between(-50, -25);
    assert_true(c.absolute == 25.0 && c.percent == 50.0);
    /* -50 -> -75 falls 25: -50%. */
    c = ind_change_between(-50, -75);
    assert_true(c.absolute == -25.0 && c.percent == -50.0);
    /* -4 -> 6 rises 10 on 4: +250%. */
    c = ind_change_between(-4, 6);
    assert_true(c.percent == 250.0);
}

static void test_change_large(void **state)
{
    (void)state;
    /* 1e15 -> 3e15: +2e15, +200% */
    ind_change c = ind_change_between(1e15, 3e15);
    assert_true(c.absolute == 2e15 && c.percent == 200.0);
}

/* ---- ind_change_cagr ---- */

static void test_cagr_values(void **state)
{
    (void)state;
    double r = 0.0;
    /* 100 -> 121 in 2 years: sqrt(1.21) - 1 = 0.1 */
    assert_int_equal(ind_change_cagr(100, 121, 2, &r), IND_OK);
    assert_close(0.1, r, 1e-15);
    /* Flat is 0 exactly. */
    assert_int_equal(ind_change_cagr(100, 100, 5, &r), IND_OK);
    assert_true(r == 0.0);
    /* Down to nothing is -100% a year. */
    assert_int_equal(ind_change_cagr(50, 0, 3, &r), IND_OK);
    assert_true(r == -1.0);
    /* Doubling in half a year: 2^2 - 1 = 3 */
    assert_int_equal(ind_change_cagr(1, 2, 0.5, &r), IND_OK);
    assert_close(3.0, r, 1e-14);
    /* A tiny rate keeps its digits: 1e9 -> 1e9 + 1 (both exact) in 10
    ** years is (1 + 1e-9)^(1/10) - 1 = 1e-10 - 4.5e-20 + ..., that is
    ** 9.99999999550000000285e-11 (binomial series). pow(...) - 1 would be
    ** off by about 1e-17. */
    assert_int_equal(ind_change_cagr(1e9, 1e9 + 1, 10, &r), IND_OK);
    assert_close(9.99999999550000000285e-11, r, 1e-24);
}

static void test_cagr_domain(void **state)
{
    (void)state;
    double r = 0.0;
    const double bad[][3] = {
        {0, 5, 3}, {-1, 5, 3}, {5, -1, 3}, {5, 6, 0}, {5, 6, -1},
        {NAN, 5, 2}, {5, NAN, 2}, {5, 6, NAN}, {INFINITY, 5, 2}, {5, 6, INFINITY},
        {1e-300, 1e300, 0.001},  /* the ratio overflows */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = 0.0;
        assert_int_equal(ind_change_cagr(bad[i][0], bad[i][1], bad[i][2], &r),
                         IND_EDOMAIN);
        assert_true(isnan(r));
    }
    assert_int_equal(ind_change_cagr(1, 2, 1, NULL), IND_EINVAL);
}

/* ---- ind_change_runs ---- */

static void test_runs_mixed(void **state)
{
    (void)state;
    /* t:     0  1  2  3  4   5   6    7  8  9
    ** value: 1  2  3  3  2   1   NaN  5  6  4
    ** run:   0  1  2  0  -1  -2  0    0  1  -1
    ** (3 -> 3 unchanged ends the rise; the gap ends the fall and 5 has
    ** nothing to compare with.) */
    const double v[] = {1, 2, 3, 3, 2, 1, NAN, 5, 6, 4};
    const int expected[] = {0, 1, 2, 0, -1, -2, 0, 0, 1, -1};
    int run[10];
    ind_change_runs(v, 10, run);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(run[i], expected[i]);
}

static void test_runs_edges(void **state)
{
    (void)state;
    int run[6] = {7, 7, 7, 7, 7, 7};
    /* A single point: run[0] = 0. */
    const double one[] = {5};
    ind_change_runs(one, 1, run);
    assert_int_equal(run[0], 0);
    assert_int_equal(run[1], 7);
    /* Nothing to do for n = 0 or NULL pointers: the sentinel stays. */
    run[0] = 7;
    ind_change_runs(one, 0, run);
    assert_int_equal(run[0], 7);
    ind_change_runs(NULL, 3, run);
    ind_change_runs(one, 1, NULL);
    assert_int_equal(run[0], 7);
    /* A leading gap: 0, 0, then a rise of 1. */
    const double gap[] = {NAN, 1, 2};
    ind_change_runs(gap, 3, run);
    assert_int_equal(run[0], 0);
    assert_int_equal(run[1], 0);
    assert_int_equal(run[2], 1);
    /* Constant: all zero. */
    const double flat[] = {4, 4, 4, 4};
    ind_change_runs(flat, 4, run);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(run[i], 0);
    /* Steady fall of five: 0 -1 -2 -3 -4 -5. */
    const double fall[] = {10, 9, 8, 7, 6, 5};
    ind_change_runs(fall, 6, run);
    for (int i = 0; i < 6; i++)
        assert_int_equal(run[i], -i);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_change_rise_and_fall),
        cmocka_unit_test(test_change_zero_base),
        cmocka_unit_test(test_change_missing),
        cmocka_unit_test(test_change_negative_base),
        cmocka_unit_test(test_change_large),
        cmocka_unit_test(test_cagr_values),
        cmocka_unit_test(test_cagr_domain),
        cmocka_unit_test(test_runs_mixed),
        cmocka_unit_test(test_runs_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
