/*
** test_claims_figure.c: unit tests for figure.h, figures as written: digits,
** separators, decimals, signs (three minus signs), currency, units, numbers
** in words, "No change", and every refusal; and for the exact helpers of
** core/claims_internal.h: rounding half away from zero in integer
** arithmetic, and writing a value back in a stated figure's style. Every
** expected value is worked by hand in a comment.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "claims_internal.h"
#include "indicate/figure.h"

static ind_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = ind_arena_new(0);
    return arena == NULL;
}

static int teardown(void **state)
{
    (void)state;
    ind_arena_free(arena);
    return 0;
}

static ind_figure parse_ok(const char *text)
{
    ind_figure f;
    char why[256] = "";
    int rc = ind_figure_parse(text, strlen(text), arena, &f, why, sizeof why);
    if (rc != IND_OK)
        fail_msg("\"%s\" refused: %s", text, why);
    return f;
}

static void expect_refused(const char *text, const char *why_expected)
{
    ind_figure f;
    char why[256] = "";
    assert_int_equal(ind_figure_parse(text, strlen(text), arena, &f, why, sizeof why), IND_EDATA);
    assert_string_equal(why, why_expected);
}

/* ---- parsing ---- */

static void test_plain_counts(void **state)
{
    (void)state;
    ind_figure f = parse_ok("3,034");
    assert_string_equal(f.text, "3,034");
    assert_string_equal(f.digits, "3034");
    assert_int_equal(f.decimals, 0);
    assert_true(f.grouped);
    assert_int_equal(f.unit, IND_FIGURE_PLAIN);
    assert_string_equal(f.suffix, "");

    f = parse_ok("  3314 ");            /* trimmed; no separators */
    assert_string_equal(f.text, "3314");
    assert_false(f.grouped);

    f = parse_ok("1,234,567.25");        /* 123456725 hundredths */
    assert_string_equal(f.digits, "123456725");
    assert_int_equal(f.decimals, 2);

    f = parse_ok("13.0");                /* 130 tenths: one decimal written */
    assert_string_equal(f.digits, "130");
    assert_int_equal(f.decimals, 1);

    f = parse_ok("0.5");                 /* leading zero dropped: 5 tenths */
    assert_string_equal(f.digits, "5");
    assert_int_equal(f.decimals, 1);

    f = parse_ok("0");
    assert_string_equal(f.digits, "0");
    assert_true(ind_figure_is_zero(&f));

    f = parse_ok("339.5");
    assert_true(fabs(ind_figure_value(&f) - 339.5) == 0.0);
}

static void test_percent_and_points(void **state)
{
    (void)state;
    ind_figure f = parse_ok("38.29%");
    assert_string_equal(f.digits, "3829");
    assert_int_equal(f.decimals, 2);
    assert_int_equal(f.unit, IND_FIGURE_PERCENT);
    assert_string_equal(f.suffix, "%");

    f = parse_ok("9 per cent");
    assert_int_equal(f.unit, IND_FIGURE_PERCENT);
    assert_string_equal(f.suffix, " per cent");
    assert_string_equal(f.digits, "9");

    f = parse_ok("9 Percent");
    assert_int_equal(f.unit, IND_FIGURE_PERCENT);

    f = parse_ok("3 pp");
    assert_int_equal(f.unit, IND_FIGURE_POINTS);
    assert_string_equal(f.suffix, " pp");

    f = parse_ok("3.5 percentage points"); /* not "points" alone */
    assert_int_equal(f.unit, IND_FIGURE_POINTS);
    assert_string_equal(f.suffix, " percentage points");
    assert_string_equal(f.digits, "35");

    f = parse_ok("1 percentage point");
    assert_int_equal(f.unit, IND_FIGURE_POINTS);
}

static void test_signs_and_currency(void **state)
{
    (void)state;
    ind_figure f = parse_ok("-2.7%");
    assert_true(f.negative);
    assert_string_equal(f.minus, "-");
    f = parse_ok("\xE2\x88\x92" "2.7%"); /* U+2212 MINUS SIGN */
    assert_true(f.negative);
    assert_string_equal(f.minus, "\xE2\x88\x92");
    f = parse_ok("\xE2\x80\x93" "5");    /* U+2013 EN DASH */
    assert_true(f.negative);
    f = parse_ok("+4.4%");
    assert_true(f.plus);
    assert_false(f.negative);

    f = parse_ok("\xC2\xA3" "48,221");   /* £48,221 */
    assert_string_equal(f.prefix, "\xC2\xA3");
    assert_string_equal(f.digits, "48221");
    f = parse_ok("-\xC2\xA3" "5");       /* -£5 */
    assert_true(f.negative);
    assert_string_equal(f.prefix, "\xC2\xA3");
    f = parse_ok("\xC2\xA3-5");          /* £-5 */
    assert_true(f.negative);
    f = parse_ok("$1,000");
    assert_string_equal(f.prefix, "$");
    assert_true(fabs(ind_figure_value(&f) - 1000.0) == 0.0);
}

static void test_words(void **state)
{
    (void)state;
    ind_figure f = parse_ok("seven");
    assert_true(f.in_words);
    assert_string_equal(f.digits, "7");
    f = parse_ok("Twenty-one");
    assert_string_equal(f.digits, "21");
    f = parse_ok("ninety nine");
    assert_string_equal(f.digits, "99");
    f = parse_ok("zero");
    assert_true(ind_figure_is_zero(&f));
    f = parse_ok("seven per cent");      /* the unit is taken off first */
    assert_int_equal(f.unit, IND_FIGURE_PERCENT);
    assert_string_equal(f.digits, "7");

    assert_int_equal(ind_figure_number_word("thirty", 6), 30);
    assert_int_equal(ind_figure_number_word("FORTY-TWO", 9), 42);
    assert_int_equal(ind_figure_number_word("twentyone", 9), -1);
    assert_int_equal(ind_figure_number_word("twenty-", 7), -1);
    assert_int_equal(ind_figure_number_word("twenty-ten", 10), -1);
    assert_int_equal(ind_figure_number_word("hundred", 7), -1);
    assert_int_equal(ind_figure_number_word("one", 3), 1);
}

static void test_no_change(void **state)
{
    (void)state;
    ind_figure f = parse_ok("No change");
    assert_true(f.no_change);
    assert_true(ind_figure_is_zero(&f));
    f = parse_ok("unchanged");
    assert_true(f.no_change);
}

static void test_refusals(void **state)
{
    (void)state;
    const char *not_a_figure = "not a figure (expected digits such as 3,034 or 38.29%, "
                               "or a number in words such as seven)";
    expect_refused("", "empty figure");
    expect_refused("   ", "empty figure");
    expect_refused("abc", not_a_figure);
    expect_refused("%", not_a_figure);
    expect_refused("12a", not_a_figure);
    expect_refused("one hundred", not_a_figure);
    expect_refused("3.4.5", not_a_figure);
    expect_refused("3,03", "thousands separators must group three digits");
    expect_refused("30,34", "thousands separators must group three digits");
    expect_refused("1,2345", "thousands separators must group three digits");
    expect_refused(",123", "thousands separators must group three digits");
    expect_refused("3.", "nothing after the decimal point");
    expect_refused("12345678901234567890123456789012345678901", "more than 40 digits");
    /* Forty digits are fine. */
    parse_ok("1234567890123456789012345678901234567890");
}

/* ---- exact rounding and writing ---- */

/* x = num/den rounded to d places, written plainly. */
static void expect_round(long num, long den, int d, const char *text)
{
    mpq_t x;
    mpz_t u;
    mpq_init(x);
    mpz_init(u);
    mpq_set_si(x, num, (unsigned long)den);
    mpq_canonicalize(x);
    ind_round_units(u, x, d);
    char buf[64];
    assert_true(ind_units_write(u, d, 1, buf, sizeof buf) > 0);
    assert_string_equal(buf, text);
    mpz_clear(u);
    mpq_clear(x);
}

static void test_round_half_away(void **state)
{
    (void)state;
    expect_round(1, 8, 2, "0.13");     /* 0.125 -> 0.13: half goes up */
    expect_round(-1, 8, 2, "-0.13");   /* and away from zero below it */
    expect_round(2675, 1000, 2, "2.68"); /* exact 2.675, no binary error */
    expect_round(1, 3, 2, "0.33");
    expect_round(2, 3, 2, "0.67");
    expect_round(5, 2, 0, "3");        /* 2.5 -> 3 */
    expect_round(-5, 2, 0, "-3");
    expect_round(191 * 100, 933, 0, "20"); /* 20.47...% -> 20 */
    expect_round(191 * 100, 933, 1, "20.5");
    expect_round(64800, 515, 2, "125.83"); /* 648/515 as a percentage */
    expect_round(1234567, 1, 0, "1,234,567");
    expect_round(-1, 1000, 2, "0.00"); /* -0.001 -> zero, never "-0.00" */
}

static void test_write_in_style(void **state)
{
    (void)state;
    mpq_t x;
    mpq_init(x);
    char buf[IND_FIGURE_MAX];

    /* 102/101 x 100 = 100.990...% in the style of "102%": "101%". */
    mpq_set_ui(x, 10200, 101);
    mpq_canonicalize(x);
    ind_figure s = parse_ok("102%");
    assert_true(ind_figure_write(x, 0, &s, 0, buf, sizeof buf) > 0);
    assert_string_equal(buf, "101%");

    /* Signed, with the stated minus sign: -5/191 x 100 = -2.618 -> "−2.6%". */
    mpq_set_si(x, -500, 191);
    mpq_canonicalize(x);
    s = parse_ok("\xE2\x88\x92" "2.7%");
    assert_true(ind_figure_write(x, 1, &s, 1, buf, sizeof buf) > 0);
    assert_string_equal(buf, "\xE2\x88\x92" "2.6%");

    /* Money with separators: 48,221. */
    mpq_set_ui(x, 48221, 1);
    s = parse_ok("\xC2\xA3" "48,000");
    assert_true(ind_figure_write(x, 0, &s, 0, buf, sizeof buf) > 0);
    assert_string_equal(buf, "\xC2\xA3" "48,221");

    /* Written without separators at four digits: kept without. */
    mpq_set_ui(x, 3034, 1);
    s = parse_ok("3314");
    assert_true(ind_figure_write(x, 0, &s, 0, buf, sizeof buf) > 0);
    assert_string_equal(buf, "3034");

    /* A plus sign written is kept for a rise. */
    mpq_set_ui(x, 9, 2);
    s = parse_ok("+4.4%");
    assert_true(ind_figure_write(x, 1, &s, 1, buf, sizeof buf) > 0);
    assert_string_equal(buf, "+4.5%");

    /* "No change" is written back as a percentage. */
    mpq_set_ui(x, 40, 1);
    s = parse_ok("No change");
    assert_true(ind_figure_write(x, 0, &s, 0, buf, sizeof buf) > 0);
    assert_string_equal(buf, "40%");

    /* Too small a buffer: -1, nothing overflowed. */
    char small[3];
    mpq_set_ui(x, 12345, 1);
    assert_int_equal(ind_figure_write(x, 0, NULL, 0, small, sizeof small), -1);
    mpq_clear(x);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_counts),
        cmocka_unit_test(test_percent_and_points),
        cmocka_unit_test(test_signs_and_currency),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_no_change),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_round_half_away),
        cmocka_unit_test(test_write_in_style),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
