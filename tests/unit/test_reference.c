/*
** test_reference.c: every case in the CSV files of tests/reference (values
** from R and Python, made by the scripts beside them) against the library.
** Closed-form results must agree to 1e-9 relative (1e-12 absolute near
** zero); rounding must give exactly the stored string. Each mismatch is
** printed with its file and row before the test fails.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/change.h"
#include "indicate/format.h"
#include "indicate/ratio.h"
#include "indicate/trend.h"
#include "refcsv.h"

/* ---- intervals and quantiles ---- */

static void test_normal_quantile(void **state)
{
    (void)state;
    table t = table_load("normal_quantile.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++)
        bad += check_value(&t, r, "z", ind_ratio_z(number(&t, r, "level")));
    assert_true(t.rows - 1 >= 8);
    table_free(&t);
    assert_int_equal(bad, 0);
}

typedef int (*interval_fn)(double x, double level, double *lo, double *hi);

static void check_count_intervals(const char *file, interval_fn fn, size_t min_rows)
{
    table t = table_load(file);
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        double lo = NAN, hi = NAN;
        int rc = fn(number(&t, r, "x"), number(&t, r, "level"), &lo, &hi);
        bad += check_status(&t, r, IND_OK, rc);
        bad += check_value(&t, r, "lower", lo);
        bad += check_value(&t, r, "upper", hi);
    }
    assert_true(t.rows - 1 >= min_rows);
    table_free(&t);
    assert_int_equal(bad, 0);
}

static void test_poisson_exact(void **state)
{
    (void)state;
    check_count_intervals("poisson_exact.csv", ind_ratio_poisson_exact, 40);
}

static void test_byar(void **state)
{
    (void)state;
    check_count_intervals("byar.csv", ind_ratio_byar, 30);
}

static void test_wilson(void **state)
{
    (void)state;
    table t = table_load("wilson.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        double lo = NAN, hi = NAN;
        int rc = ind_ratio_wilson(number(&t, r, "k"), number(&t, r, "n"),
                                  number(&t, r, "level"), &lo, &hi);
        bad += check_status(&t, r, IND_OK, rc);
        bad += check_value(&t, r, "lower", lo);
        bad += check_value(&t, r, "upper", hi);
    }
    assert_true(t.rows - 1 >= 40);
    table_free(&t);
    assert_int_equal(bad, 0);
}

static void test_rate(void **state)
{
    (void)state;
    table t = table_load("rate.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        double v = NAN, lo = NAN, hi = NAN;
        int rc = ind_ratio_rate(number(&t, r, "events"), number(&t, r, "population"),
                                number(&t, r, "multiplier"), number(&t, r, "level"),
                                &v, &lo, &hi);
        bad += check_status(&t, r, IND_OK, rc);
        bad += check_value(&t, r, "value", v);
        bad += check_value(&t, r, "lower", lo);
        bad += check_value(&t, r, "upper", hi);
    }
    assert_true(t.rows - 1 >= 50);
    table_free(&t);
    assert_int_equal(bad, 0);
}

/* ---- changes ---- */

static void test_change(void **state)
{
    (void)state;
    table t = table_load("change.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        ind_change c = ind_change_between(number(&t, r, "from"), number(&t, r, "to"));
        bad += check_status(&t, r, (int)number(&t, r, "status"), (int)c.status);
        bad += check_value(&t, r, "from", c.from);
        bad += check_value(&t, r, "to", c.to);
        bad += check_value(&t, r, "absolute", c.absolute);
        bad += check_value(&t, r, "percent", c.percent);
    }
    assert_true(t.rows - 1 >= 20);
    table_free(&t);
    assert_int_equal(bad, 0);
}

static void test_cagr(void **state)
{
    (void)state;
    table t = table_load("cagr.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        double rate = 0.0;
        int rc = ind_change_cagr(number(&t, r, "first"), number(&t, r, "last"),
                                 number(&t, r, "years"), &rate);
        bad += check_status(&t, r, (int)number(&t, r, "status"), rc);
        bad += check_value(&t, r, "rate", rate);
    }
    assert_true(t.rows - 1 >= 15);
    table_free(&t);
    assert_int_equal(bad, 0);
}

/* ---- trends ---- */

#define MAX_SERIES 64

/* The points of one named series from ols_series.csv. */
static size_t series_points(const table *s, const char *name, double *x, double *y)
{
    size_t n = 0;
    for (size_t r = 1; r < s->rows; r++) {
        if (strcmp(text(s, r, "case"), name) != 0)
            continue;
        assert_true(n < MAX_SERIES);
        x[n] = number(s, r, "x");
        y[n] = number(s, r, "y");
        n++;
    }
    return n;
}

static int check_fit(const table *t, size_t r, const ind_ols *fit)
{
    int bad = check_value(t, r, "n", (double)fit->n);
    bad += check_value(t, r, "intercept", fit->intercept);
    bad += check_value(t, r, "slope", fit->slope);
    bad += check_value(t, r, "slope_se", fit->slope_se);
    bad += check_value(t, r, "sigma", fit->sigma);
    bad += check_value(t, r, "r2", fit->r2);
    bad += check_value(t, r, "slope_p", ind_trend_slope_p(fit));
    return bad;
}

static void test_ols(void **state)
{
    (void)state;
    table s = table_load("ols_series.csv");
    table t = table_load("ols.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        double x[MAX_SERIES], y[MAX_SERIES];
        size_t n = series_points(&s, text(&t, r, "case"), x, y);
        assert_true(n > 0);
        ind_ols fit;
        ind_error err = {0};
        int rc = ind_trend_ols(x, y, n, &fit, &err);
        bad += check_status(&t, r, IND_OK, rc);
        if (rc != IND_OK)
            continue;
        bad += check_fit(&t, r, &fit);
        double v = NAN, lo = NAN, hi = NAN;
        rc = ind_trend_predict(&fit, number(&t, r, "x_new"), number(&t, r, "level"),
                               &v, &lo, &hi);
        bad += check_status(&t, r, IND_OK, rc);
        bad += check_value(&t, r, "fit", v);
        bad += check_value(&t, r, "lower", lo);
        bad += check_value(&t, r, "upper", hi);
    }
    assert_true(t.rows - 1 >= 40);
    table_free(&s);
    table_free(&t);
    assert_int_equal(bad, 0);
}

/* ---- rounding ---- */

/* Room for the widest figure in rounding.csv (the largest double in full). */
#define WIDE 512

static int64_t integer(const table *t, size_t row, const char *name)
{
    const char *s = text(t, row, name);
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0')
        fail_msg("%s row %zu: %s is not an integer: '%s'", t->name, row, name, s);
    return (int64_t)v;
}

static int format_case(const table *t, size_t r, char *out)
{
    const char *fn = text(t, r, "function");
    int dec = strcmp(fn, "shortest") == 0 ? 0 : (int)integer(t, r, "decimals");
    int th = strcmp(fn, "shortest") == 0 ? 0 : (int)integer(t, r, "thousands");
    if (strcmp(fn, "ratio") == 0)
        return ind_format_ratio(integer(t, r, "a"), integer(t, r, "b"),
                                integer(t, r, "c"), dec, th, out, WIDE);
    if (strcmp(fn, "double") == 0)
        return ind_format_double(number(t, r, "a"), dec, th, out, WIDE);
    if (strcmp(fn, "quotient") == 0)
        return ind_format_quotient(number(t, r, "a"), number(t, r, "b"),
                                   number(t, r, "c"), dec, th, out, WIDE);
    if (strcmp(fn, "amount") == 0)
        return ind_format_amount(number(t, r, "a"), dec, out, WIDE);
    if (strcmp(fn, "shortest") == 0)
        return ind_format_shortest(number(t, r, "a"), out, WIDE);
    fail_msg("%s row %zu: unknown function %s", t->name, r, fn);
    return -1;
}

static void test_rounding(void **state)
{
    (void)state;
    table t = table_load("rounding.csv");
    int bad = 0;
    for (size_t r = 1; r < t.rows; r++) {
        char out[WIDE] = "";
        int len = format_case(&t, r, out);
        const char *expected = text(&t, r, "expected");
        if (len == (int)strlen(expected) && strcmp(out, expected) == 0)
            continue;
        print_message("rounding.csv row %zu: %s(%s) expected \"%s\", got \"%s\" (%d)\n",
                      r, text(&t, r, "function"), text(&t, r, "a"), expected, out, len);
        bad++;
    }
    assert_true(t.rows - 1 >= 150);
    table_free(&t);
    assert_int_equal(bad, 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_quantile),
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_poisson_exact),
        cmocka_unit_test(test_byar),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_cagr),
        cmocka_unit_test(test_ols),
        cmocka_unit_test(test_rounding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
