/*
** test_trend.c: unit tests for trend.h: a three-point fit worked by hand,
** perfect and constant series (zero-width intervals, undefined R^2 and p),
** missing points, large offsets, too few points, one repeated x, and
** argument checking. tests/reference/ols.csv holds the R comparisons.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/trend.h"

static void assert_close(double expected, double got, double rel)
{
    double diff = fabs(expected - got);
    if (diff > rel * fabs(expected) && diff > 1e-15)
        fail_msg("expected %.17g, got %.17g", expected, got);
}

static void test_three_points(void **state)
{
    (void)state;
    /* x = 0 1 2, y = 1 3 2: xbar 1, ybar 2, Sxx 2, Sxy = 1*1 + 0 + 1*0 = 1,
    ** slope 1/2, intercept 2 - 1/2 = 1.5. Residuals -0.5, 1, -0.5: RSS 1.5
    ** on 1 df, sigma = sqrt(1.5), slope SE = sqrt(1.5 / 2) = sqrt(0.75).
    ** Syy = 2, R^2 = 1 - 1.5/2 = 0.25. */
    const double x[] = {0, 1, 2}, y[] = {1, 3, 2};
    ind_ols fit;
    assert_int_equal(ind_trend_ols(x, y, 3, &fit, NULL), IND_OK);
    assert_int_equal(fit.n, 3);
    assert_close(0.5, fit.slope, 1e-15);
    assert_close(1.5, fit.intercept, 1e-15);
    assert_close(sqrt(1.5), fit.sigma, 1e-15);
    assert_close(sqrt(0.75), fit.slope_se, 1e-15);
    assert_close(0.25, fit.r2, 1e-15);
    assert_close(1.0, fit.x_mean, 1e-15);
    assert_close(2.0, fit.sxx, 1e-15);
    /* t = 0.5 / sqrt(0.75) = 1/sqrt(3) on 1 df (Cauchy):
    ** p = 1 - (2/pi) atan(1/sqrt 3) = 1 - (2/pi)(pi/6) = 2/3. */
    assert_close(2.0 / 3.0, ind_trend_slope_p(&fit), 1e-14);
    /* At x = 3: 1.5 + 1.5 = 3; se = sqrt(1.5) sqrt(1 + 1/3 + 4/2) = sqrt(5);
    ** t(0.975, 1) = tan(0.475 pi) = 12.706204736174694, so the interval is
    ** 3 -/+ 28.411937526116... (R: predict(lm(y ~ x), data.frame(x = 3),
    ** interval = "prediction") gives -25.411937526116382, 31.411937526116382). */
    double v, lo, hi;
    assert_int_equal(ind_trend_predict(&fit, 3, 0.95, &v, &lo, &hi), IND_OK);
    assert_close(3.0, v, 1e-15);
    assert_close(3.0 - 12.706204736174694 * sqrt(5.0), lo, 1e-12);
    assert_close(3.0 + 12.706204736174694 * sqrt(5.0), hi, 1e-12);
}

static void test_perfect_line(void **state)
{
    (void)state;
    /* y = 2x + 1 exactly: residuals are exactly 0, so sigma and the slope SE
    ** are 0, the interval has zero width, and the slope is certain (p 0). */
    const double x[] = {1, 2, 3, 4, 5}, y[] = {3, 5, 7, 9, 11};
    ind_ols fit;
    assert_int_equal(ind_trend_ols(x, y, 5, &fit, NULL), IND_OK);
    assert_true(fit.slope == 2.0 && fit.intercept == 1.0);
    assert_true(fit.sigma == 0.0 && fit.slope_se == 0.0);
    assert_true(fit.r2 == 1.0);
    assert_true(ind_trend_slope_p(&fit) == 0.0);
    double v, lo, hi;
    assert_int_equal(ind_trend_predict(&fit, 6, 0.95, &v, &lo, &hi), IND_OK);
    assert_true(v == 13.0 && lo == 13.0 && hi == 13.0);
}

static void test_constant(void **state)
{
    (void)state;
    /* A flat series: slope 0 with no scatter, so R^2 and p are undefined. */
    const double x[] = {1, 2, 3, 4, 5}, y[] = {4, 4, 4, 4, 4};
    ind_ols fit;
    assert_int_equal(ind_trend_ols(x, y, 5, &fit, NULL), IND_OK);
    assert_true(fit.slope == 0.0 && fit.intercept == 4.0 && fit.sigma == 0.0);
    assert_true(isnan(fit.r2));
    assert_true(isnan(ind_trend_slope_p(&fit)));
    double v, lo, hi;
    assert_int_equal(ind_trend_predict(&fit, 9, 0.998, &v, &lo, &hi), IND_OK);
    assert_true(v == 4.0 && lo == 4.0 && hi == 4.0);
}

static void test_missing_points(void **state)
{
    (void)state;
    /* (1,5) (2,NaN) (3,7) (4,6) and one missing x: the three full points
    ** give xbar 8/3, ybar 6, Sxx = 25/9 + 1/9 + 16/9 = 14/3,
    ** Sxy = 5/3 + 1/3 + 0 = 2, slope 3/7, intercept 6 - (3/7)(8/3) = 34/7. */
    const double x[] = {1, 2, 3, 4, NAN}, y[] = {5, NAN, 7, 6, 8};
    ind_ols fit;
    assert_int_equal(ind_trend_ols(x, y, 5, &fit, NULL), IND_OK);
    assert_int_equal(fit.n, 3);
    assert_close(3.0 / 7.0, fit.slope, 1e-15);
    assert_close(34.0 / 7.0, fit.intercept, 1e-15);
    assert_close(8.0 / 3.0, fit.x_mean, 1e-15);
    assert_close(14.0 / 3.0, fit.sxx, 1e-15);
}

static void test_large_offset(void **state)
{
    (void)state;
    /* Years as x and a billion as the level: y = 1e9 + 3 (x - 2015).
    ** Centred sums are exact here, so the fit is exact too. */
    double x[10], y[10];
    for (int i = 0; i < 10; i++) {
        x[i] = 2015 + i;
        y[i] = 1e9 + 3 * i;
    }
    ind_ols fit;
    assert_int_equal(ind_trend_ols(x, y, 10, &fit, NULL), IND_OK);
    assert_true(fit.slope == 3.0);
    assert_true(fit.sigma == 0.0);
    double v, lo, hi;
    assert_int_equal(ind_trend_predict(&fit, 2025, 0.95, &v, &lo, &hi), IND_OK);
    assert_close(1e9 + 30, v, 1e-15);
}

static void test_too_few(void **state)
{
    (void)state;
    ind_ols fit;
    ind_error err = {0};
    const double x[] = {1, 2, 3}, y[] = {5, NAN, 7};
    assert_int_equal(ind_trend_ols(x, y, 3, &fit, &err), IND_EDOMAIN);
    assert_string_equal(err.message, "2 point(s) with values; a trend needs at least 3");
    assert_int_equal(ind_trend_ols(x, y, 1, &fit, &err), IND_EDOMAIN);
    assert_string_equal(err.message, "1 point(s) with values; a trend needs at least 3");
    assert_int_equal(ind_trend_ols(NULL, NULL, 0, &fit, &err), IND_EDOMAIN);
    assert_string_equal(err.message, "0 point(s) with values; a trend needs at least 3");
    const double none[] = {NAN, NAN, NAN, NAN};
    assert_int_equal(ind_trend_ols(x, none, 3, &fit, NULL), IND_EDOMAIN);
}

static void test_same_x(void **state)
{
    (void)state;
    ind_ols fit;
    ind_error err = {0};
    const double x[] = {2, 2, 2}, y[] = {1, 2, 3};
    assert_int_equal(ind_trend_ols(x, y, 3, &fit, &err), IND_EDOMAIN);
    assert_int_equal(err.code, IND_EDOMAIN);
    assert_string_equal(err.message,
                        "every point has the same x; a trend needs at least two");
}

static void test_overflow(void **state)
{
    (void)state;
    /* (1e200)^2 overflows a double. */
    const double x[] = {1, 2, 3}, y[] = {1e200, -1e200, 3e200};
    ind_ols fit;
    ind_error err = {0};
    assert_int_equal(ind_trend_ols(x, y, 3, &fit, &err), IND_ENUMERIC);
    assert_string_equal(err.message, "values too large for a least-squares fit");
}

static void test_invalid(void **state)
{
    (void)state;
    ind_ols fit;
    ind_error err = {0};
    const double x[] = {0, 1, 2}, y[] = {1, 3, 2};
    assert_int_equal(ind_trend_ols(NULL, y, 3, &fit, &err), IND_EINVAL);
    assert_int_equal(ind_trend_ols(x, NULL, 3, &fit, &err), IND_EINVAL);
    assert_int_equal(ind_trend_ols(x, y, 3, NULL, &err), IND_EINVAL);
    assert_int_equal(ind_trend_ols(x, y, 3, &fit, &err), IND_OK);
    double v, lo, hi;
    assert_int_equal(ind_trend_predict(&fit, 3, 0.0, &v, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_trend_predict(&fit, 3, 1.0, &v, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_trend_predict(&fit, 3, NAN, &v, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_trend_predict(&fit, NAN, 0.95, &v, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_trend_predict(&fit, INFINITY, 0.95, &v, &lo, &hi), IND_EDOMAIN);
    assert_int_equal(ind_trend_predict(NULL, 3, 0.95, &v, &lo, &hi), IND_EINVAL);
    assert_int_equal(ind_trend_predict(&fit, 3, 0.95, NULL, &lo, &hi), IND_EINVAL);
    assert_true(isnan(ind_trend_slope_p(NULL)));
    /* A fit that was never filled is refused, not used. */
    ind_ols empty;
    memset(&empty, 0, sizeof empty);
    assert_int_equal(ind_trend_predict(&empty, 3, 0.95, &v, &lo, &hi), IND_EDOMAIN);
    assert_true(isnan(ind_trend_slope_p(&empty)));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_points),
        cmocka_unit_test(test_perfect_line),
        cmocka_unit_test(test_constant),
        cmocka_unit_test(test_missing_points),
        cmocka_unit_test(test_large_offset),
        cmocka_unit_test(test_too_few),
        cmocka_unit_test(test_same_x),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
