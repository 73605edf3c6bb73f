/*
** test_report_units.c: the pieces of the reports that decide what a reader
** sees: the CSV guard against formula injection (csvw.h), the value axis,
** escaping and accessibility of the SVG chart (svg_chart.h), and Markdown
** escaping (write_md.h). Expected strings and ticks are worked by hand in
** the comments.
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

#include "csvw.h"
#include "svg_chart.h"
#include "write_md.h"

/* What fn wrote, as a string the caller frees. */
typedef struct capture {
    char *text;
    size_t size;
    FILE *fp;
} capture;

static void cap_open(capture *c)
{
    c->text = NULL;
    c->size = 0;
    c->fp = open_memstream(&c->text, &c->size);
    assert_non_null(c->fp);
}

static char *cap_close(capture *c)
{
    assert_int_equal(fclose(c->fp), 0);
    return c->text;
}

/* ---- CSV ----------------------------------------------------------------------- */

static void test_formula_like(void **state)
{
    (void)state;
    assert_true(csvw_is_formula_like("=1+1"));
    assert_true(csvw_is_formula_like("+9.2%"));
    assert_true(csvw_is_formula_like("-7.9 pp"));
    assert_true(csvw_is_formula_like("@SUM(A1)"));
    assert_true(csvw_is_formula_like("\tx"));
    assert_true(csvw_is_formula_like("\rx"));
    assert_false(csvw_is_formula_like("a=1"));
    assert_false(csvw_is_formula_like("9.2%"));
    assert_false(csvw_is_formula_like(" =1"));
    assert_false(csvw_is_formula_like(""));
    assert_false(csvw_is_formula_like(NULL));
}

static void test_csv_text(void **state)
{
    (void)state;
    capture c;
    cap_open(&c);
    csvw_text(c.fp, "plain", 0);
    csvw_text(c.fp, "-7.9 pp", 0);
    csvw_text(c.fp, "a,b", 0);
    csvw_text(c.fp, NULL, 0);
    csvw_text(c.fp, "=HYPERLINK(\"x\")", 1);
    char *s = cap_close(&c);
    /* A guarded cell is quoted, its apostrophe inside the quotes, and its
    ** double quotes doubled as RFC 4180 says. */
    assert_string_equal(s, "plain,\"'-7.9 pp\",\"a,b\",,\"'=HYPERLINK(\"\"x\"\")\"\r\n");
    free(s);
}

static void test_csv_numbers_stay_numbers(void **state)
{
    (void)state;
    capture c;
    cap_open(&c);
    csvw_number(c.fp, -135, 0);
    csvw_number(c.fp, -0.07879, 0);
    csvw_number(c.fp, NAN, 0);
    csvw_number(c.fp, 0.1, 1);
    char *s = cap_close(&c);
    assert_string_equal(s, "-135,-0.07879,,0.1\r\n");
    free(s);
}

/* ---- the chart's axis ------------------------------------------------------------ */

static void test_ticks(void **state)
{
    (void)state;
    double start, step;
    /* 0 to 2,326 in about 5: raw step 465.2, the next round step 500;
    ** 0 to 2,500 is 6 ticks. */
    assert_int_equal(svg_ticks(0, 2326, 5, &start, &step), 6);
    assert_true(start == 0 && step == 500);
    /* 0.153 to 0.444: raw 0.0582, 0.05 is short, so 0.1; 0.1 to 0.5. */
    assert_int_equal(svg_ticks(0.153, 0.444, 5, &start, &step), 5);
    assert_true(fabs(start - 0.1) < 1e-12 && fabs(step - 0.1) < 1e-12);
    /* 0.3 to 0.6 by 0.1 exactly: no extra tick from rounding. */
    assert_int_equal(svg_ticks(0.3, 0.6, 3, &start, &step), 4);
    assert_true(fabs(start - 0.3) < 1e-12);
    /* 10 to 30 in about 5: raw 4, so 5; 10, 15, ..., 30. */
    assert_int_equal(svg_ticks(10, 30, 5, &start, &step), 5);
    assert_true(start == 10 && step == 5);
    assert_int_equal(svg_ticks(1, 1, 5, &start, &step), 0);
    assert_int_equal(svg_ticks(2, 1, 5, &start, &step), 0);
}

static void test_escape(void **state)
{
    (void)state;
    capture c;
    cap_open(&c);
    svg_escape(c.fp, "<a href=\"x\">'&");
    svg_escape(c.fp, NULL);
    char *s = cap_close(&c);
    assert_string_equal(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
    free(s);
}

static const char *const LABELS[] = { "2021-22", "2022-23", "2023-24" };

static char *chart_text(const double *values, int zero_based, int percent)
{
    svg_chart ch = {
        .id = "c1",
        .title = "T <x>",
        .desc = "D & E",
        .y_label = "Number",
        .x_label = "Financial year",
        .n = 3,
        .n_observed = 3,
        .label = LABELS,
        .value = values,
        .zero_based = zero_based,
        .percent = percent,
    };
    capture c;
    cap_open(&c);
    int rc = svg_chart_write(c.fp, &ch);
    char *s = cap_close(&c);
    if (rc != 0) {
        assert_string_equal(s, "");
        free(s);
        return NULL;
    }
    return s;
}

static void test_chart_accessible(void **state)
{
    (void)state;
    const double v[] = { 10, NAN, 30 };
    char *s = chart_text(v, 1, 0);
    assert_non_null(s);
    assert_non_null(strstr(s, "role=\"img\""));
    assert_non_null(strstr(s, "aria-labelledby=\"c1-title c1-desc\""));
    assert_non_null(strstr(s, "<title id=\"c1-title\">T &lt;x&gt;</title>"));
    assert_non_null(strstr(s, "<desc id=\"c1-desc\">D &amp; E</desc>"));
    assert_null(strstr(s, "<x>"));
    /* The axis titles are drawn. */
    assert_non_null(strstr(s, ">Financial year</text>"));
    assert_non_null(strstr(s, ">Number</text>"));
    free(s);
}

static void test_chart_axis_from_zero(void **state)
{
    (void)state;
    const double v[] = { 10, 20, 30 };
    /* From zero: 0 to 30, raw step 6, so 10: ticks 0, 10, 20, 30. */
    char *s = chart_text(v, 1, 0);
    assert_non_null(strstr(s, "text-anchor=\"end\">0</text>"));
    assert_non_null(strstr(s, "text-anchor=\"end\">30</text>"));
    free(s);
    /* Fitted: 10 to 30 by 5, no zero. */
    s = chart_text(v, 0, 0);
    assert_null(strstr(s, "text-anchor=\"end\">0</text>"));
    assert_non_null(strstr(s, "text-anchor=\"end\">15</text>"));
    free(s);
    /* Fractions as percentages: 0.25 to 0.5 by 0.05 is 25% to 50%. */
    const double p[] = { 0.25, 0.4, 0.5 };
    s = chart_text(p, 0, 1);
    assert_non_null(strstr(s, "text-anchor=\"end\">25%</text>"));
    assert_non_null(strstr(s, "text-anchor=\"end\">50%</text>"));
    free(s);
}

static void test_chart_nothing_to_draw(void **state)
{
    (void)state;
    const double v[] = { NAN, NAN, NAN };
    assert_null(chart_text(v, 1, 0));
}

/* ---- Markdown ----------------------------------------------------------------------- */

static void test_md_text(void **state)
{
    (void)state;
    capture c;
    cap_open(&c);
    md_text(c.fp, "a|b *c* _d_ [e] `f` \\ <script> p < 0.001\nnext");
    char *s = cap_close(&c);
    assert_string_equal(s, "a\\|b \\*c\\* \\_d\\_ \\[e\\] \\`f\\` \\\\ &lt;script> p < 0.001 next");
    free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_like),
        cmocka_unit_test(test_csv_text),
        cmocka_unit_test(test_csv_numbers_stay_numbers),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_chart_accessible),
        cmocka_unit_test(test_chart_axis_from_zero),
        cmocka_unit_test(test_chart_nothing_to_draw),
        cmocka_unit_test(test_md_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
