/*
** test_format.c: unit tests for format.h: exact ratio rounding (half away
** from zero, signs, "-0", 64-bit extremes, overflow), double rounding on the
** shortest decimal, thousands separators, the exact/double choice in
** quotients, amounts, shortest strings, and the -1 returns for small
** buffers, non-finite input and bad arguments. Each expected string is
** worked by hand in a comment; tests/reference/rounding.csv holds more.
*/
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/format.h"

/* Calls f with a buffer of IND_FORMAT_MAX, checks the text and the length. */
#define EXPECT(text, call)                                   \
    do {                                                     \
        char buf[IND_FORMAT_MAX];                            \
        memset(buf, 'x', sizeof buf);                        \
        int len_ = (call);                                   \
        assert_int_equal(len_, (int)strlen(text));           \
        assert_string_equal(buf, text);                      \
    } while (0)

/* ---- ind_is_integral ---- */

static void test_is_integral(void **state)
{
    (void)state;
    assert_true(ind_is_integral(0.0));
    assert_true(ind_is_integral(-0.0));
    assert_true(ind_is_integral(3.0));
    assert_true(ind_is_integral(-2326.0));
    assert_true(ind_is_integral(9007199254740991.0));   /* 2^53 - 1 */
    assert_false(ind_is_integral(9007199254740992.0));  /* 2^53 */
    assert_false(ind_is_integral(-9007199254740992.0));
    assert_false(ind_is_integral(0.5));
    assert_false(ind_is_integral(1e300));
    assert_false(ind_is_integral(NAN));
    assert_false(ind_is_integral(INFINITY));
}

/* ---- ind_format_ratio ---- */

static void test_ratio_examples(void **state)
{
    (void)state;
    /* 768/2326 = 33.0180...% */
    EXPECT("33.0", ind_format_ratio(768, 2326, 100, 1, 0, buf, sizeof buf));
    /* 179/254 = 70.4724...% */
    EXPECT("70.5", ind_format_ratio(179, 254, 100, 1, 0, buf, sizeof buf));
    /* 477/3314 = 14.3935...% */
    EXPECT("14.4", ind_format_ratio(477, 3314, 100, 1, 0, buf, sizeof buf));
    EXPECT("14", ind_format_ratio(477, 3314, 100, 0, 0, buf, sizeof buf));
    /* 1/8 = 12.5% exactly: the tie goes away from zero, both ways. */
    EXPECT("13", ind_format_ratio(1, 8, 100, 0, 0, buf, sizeof buf));
    EXPECT("-13", ind_format_ratio(-1, 8, 100, 0, 0, buf, sizeof buf));
    EXPECT("-13", ind_format_ratio(1, -8, 100, 0, 0, buf, sizeof buf));
    EXPECT("13", ind_format_ratio(-1, -8, 100, 0, 0, buf, sizeof buf));
    EXPECT("-13", ind_format_ratio(1, 8, -100, 0, 0, buf, sizeof buf));
    /* 5/8 = 0.625 -> 0.63; 99.95 -> 100.0 carries into a new digit. */
    EXPECT("0.63", ind_format_ratio(5, 8, 1, 2, 0, buf, sizeof buf));
    EXPECT("100.0", ind_format_ratio(9995, 10000, 100, 1, 0, buf, sizeof buf));
    /* 1/3 to nine places. */
    EXPECT("0.333333333", ind_format_ratio(1, 3, 1, 9, 0, buf, sizeof buf));
}

static void test_ratio_negative_zero(void **state)
{
    (void)state;
    /* -1/800 = -0.00125 rounds to zero: no minus sign. */
    EXPECT("0.0", ind_format_ratio(-1, 800, 1, 1, 0, buf, sizeof buf));
    /* -1/3 = -0.33 -> 0 */
    EXPECT("0", ind_format_ratio(-1, 3, 1, 0, 0, buf, sizeof buf));
    EXPECT("0.00", ind_format_ratio(0, -5, 100, 2, 0, buf, sizeof buf));
    /* -1/2 is a tie and goes to -1, not 0. */
    EXPECT("-1", ind_format_ratio(-1, 2, 1, 0, 0, buf, sizeof buf));
}

static void test_ratio_thousands(void **state)
{
    (void)state;
    EXPECT("1,234,567", ind_format_ratio(1234567, 1, 1, 0, 1, buf, sizeof buf));
    EXPECT("92,624", ind_format_ratio(92624, 1, 1, 0, 1, buf, sizeof buf));
    EXPECT("999", ind_format_ratio(999, 1, 1, 0, 1, buf, sizeof buf));
    EXPECT("1,000.5", ind_format_ratio(2001, 2, 1, 1, 1, buf, sizeof buf));
    EXPECT("-100,000", ind_format_ratio(-100000, 1, 1, 0, 1, buf, sizeof buf));
    /* INT64_MIN = -9,223,372,036,854,775,808 has no positive counterpart. */
    EXPECT("-9,223,372,036,854,775,808",
           ind_format_ratio(INT64_MIN, 1, 1, 0, 1, buf, sizeof buf));
    /* INT64_MIN / INT64_MIN = 1 */
    EXPECT("1.000000000", ind_format_ratio(INT64_MIN, INT64_MIN, 1, 9, 0, buf, sizeof buf));
}

static void test_ratio_limits(void **state)
{
    (void)state;
    char b[IND_FORMAT_MAX];
    /* (2^63 - 1)^2 * 10^9 needs about 156 bits. */
    assert_int_equal(ind_format_ratio(INT64_MAX, 1, INT64_MAX, 9, 0, b, sizeof b), -1);
    /* (2^63 - 1)^2 < 2^126 fits at no decimals: 85070591730234615847396907784232501249. */
    EXPECT("85070591730234615847396907784232501249",
           ind_format_ratio(INT64_MAX, 1, INT64_MAX, 0, 0, buf, sizeof buf));
    assert_int_equal(ind_format_ratio(1, 0, 100, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_ratio(1, 8, 100, -1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_ratio(1, 8, 100, 10, 0, b, sizeof b), -1);
    /* "33.0" needs 5 bytes with its NUL. */
    assert_int_equal(ind_format_ratio(768, 2326, 100, 1, 0, b, 4), -1);
    assert_int_equal(ind_format_ratio(768, 2326, 100, 1, 0, b, 5), 4);
    assert_string_equal(b, "33.0");
    assert_int_equal(ind_format_ratio(768, 2326, 100, 1, 0, b, 0), -1);
    assert_int_equal(ind_format_ratio(768, 2326, 100, 1, 0, NULL, 64), -1);
}

/* ---- ind_format_double ---- */

static void test_double_examples(void **state)
{
    (void)state;
    /* 2.675 is stored as 2.67499999999999982...; its shortest form "2.675"
    ** rounds half away to 2.68. */
    EXPECT("2.68", ind_format_double(2.675, 2, 0, buf, sizeof buf));
    EXPECT("1,234,567", ind_format_double(1234567, 0, 1, buf, sizeof buf));
    EXPECT("92,624", ind_format_double(92624, 0, 1, buf, sizeof buf));
    EXPECT("0.13", ind_format_double(0.125, 2, 0, buf, sizeof buf));
    EXPECT("-0.13", ind_format_double(-0.125, 2, 0, buf, sizeof buf));
    EXPECT("-3", ind_format_double(-2.5, 0, 0, buf, sizeof buf));
    EXPECT("1", ind_format_double(0.5, 0, 0, buf, sizeof buf));
    /* 999.995 -> 1,000.00: the carry runs through every digit. */
    EXPECT("1,000.00", ind_format_double(999.995, 2, 1, buf, sizeof buf));
    EXPECT("10.00", ind_format_double(9.995, 2, 0, buf, sizeof buf));
    /* Small numbers pad with zeros; 0.0005 -> 0.001, 0.0004999 -> 0.000 */
    EXPECT("0.001", ind_format_double(0.0005, 3, 0, buf, sizeof buf));
    EXPECT("0.000", ind_format_double(0.0004999, 3, 0, buf, sizeof buf));
    EXPECT("0.000", ind_format_double(1e-20, 3, 0, buf, sizeof buf));
    /* 1e21 is written out in full. */
    EXPECT("1,000,000,000,000,000,000,000", ind_format_double(1e21, 0, 1, buf, sizeof buf));
    /* 0.1 + 0.2 = 0.30000000000000004 at 15 places */
    EXPECT("0.300000000000000", ind_format_double(0.1 + 0.2, 15, 0, buf, sizeof buf));
}

static void test_double_negative_zero(void **state)
{
    (void)state;
    EXPECT("0.00", ind_format_double(-0.004, 2, 0, buf, sizeof buf));
    EXPECT("0", ind_format_double(-0.0, 0, 0, buf, sizeof buf));
    EXPECT("0.0", ind_format_double(-0.0, 1, 1, buf, sizeof buf));
    EXPECT("0", ind_format_double(-0.4, 0, 0, buf, sizeof buf));
}

static void test_double_invalid(void **state)
{
    (void)state;
    char b[IND_FORMAT_MAX];
    assert_int_equal(ind_format_double(NAN, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_double(INFINITY, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_double(-INFINITY, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_double(1.5, -1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_double(1.5, 16, 0, b, sizeof b), -1);
    /* "1,234,567" needs 10 bytes. */
    assert_int_equal(ind_format_double(1234567, 0, 1, b, 9), -1);
    assert_int_equal(ind_format_double(1234567, 0, 1, b, 10), 9);
    assert_int_equal(ind_format_double(1.0, 0, 0, NULL, 10), -1);
    /* DBL_MAX has 309 digits: too long for IND_FORMAT_MAX, fine in 400. */
    assert_int_equal(ind_format_double(DBL_MAX, 0, 0, b, sizeof b), -1);
    char wide[400];
    assert_int_equal(ind_format_double(DBL_MAX, 0, 0, wide, sizeof wide), 309);
    assert_memory_equal(wide, "17976931348623157000", 20);
}

/* ---- ind_format_quotient ---- */

static void test_quotient(void **state)
{
    (void)state;
    char b[IND_FORMAT_MAX];
    /* Whole numbers go the exact way: 768/2326*100 = 33.018... */
    EXPECT("33.0", ind_format_quotient(768, 2326, 100, 1, 0, buf, sizeof buf));
    EXPECT("13", ind_format_quotient(1, 8, 100, 0, 0, buf, sizeof buf));
    EXPECT("-13", ind_format_quotient(-1, 8, 100, 0, 0, buf, sizeof buf));
    /* A case where the double path would differ: 0.145 * 100 is
    ** 14.499999999999998 in doubles, but 29/200*100 = 14.5 exactly -> 15. */
    EXPECT("15", ind_format_quotient(29, 200, 100, 0, 0, buf, sizeof buf));
    /* Not whole: 768.5/2326*100 = 33.0395... through doubles. */
    EXPECT("33.0", ind_format_quotient(768.5, 2326, 100, 1, 0, buf, sizeof buf));
    /* 3/4 * 0.5 = 0.375 -> 0.38 (scale not whole) */
    EXPECT("0.38", ind_format_quotient(3, 4, 0.5, 2, 0, buf, sizeof buf));
    /* More than nine places: through doubles, 477/3314*100 = 14.393482196741...
    ** whose shortest form 14.393482196741097 rounds to 14.393482196741. */
    EXPECT("14.393482196741", ind_format_quotient(477, 3314, 100, 12, 0, buf, sizeof buf));
    assert_int_equal(ind_format_quotient(1, 0, 100, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_quotient(NAN, 2, 100, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_quotient(1, INFINITY, 100, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_quotient(1, 2, NAN, 1, 0, b, sizeof b), -1);
    /* 1e308 / 1e-308 overflows to infinity. */
    assert_int_equal(ind_format_quotient(1e308, 1e-308, 1, 1, 0, b, sizeof b), -1);
    assert_int_equal(ind_format_quotient(768, 2326, 100, 1, 0, b, 4), -1);
}

/* ---- ind_format_amount ---- */

static void test_amount(void **state)
{
    (void)state;
    char b[IND_FORMAT_MAX];
    EXPECT("2,326", ind_format_amount(2326, 2, buf, sizeof buf));
    EXPECT("92,624", ind_format_amount(92624, 0, buf, sizeof buf));
    EXPECT("1,081.5", ind_format_amount(1081.5, 2, buf, sizeof buf));
    /* 1081.504 -> 1,081.50 -> trailing zero dropped */
    EXPECT("1,081.5", ind_format_amount(1081.504, 2, buf, sizeof buf));
    /* 7.0001 at 2 places is 7.00: written as a whole number. */
    EXPECT("7", ind_format_amount(7.0001, 2, buf, sizeof buf));
    EXPECT("-1,234.5", ind_format_amount(-1234.5, 1, buf, sizeof buf));
    EXPECT("0", ind_format_amount(-0.001, 2, buf, sizeof buf));
    EXPECT("0.25", ind_format_amount(0.25, 3, buf, sizeof buf));
    assert_int_equal(ind_format_amount(NAN, 2, b, sizeof b), -1);
    assert_int_equal(ind_format_amount(INFINITY, 2, b, sizeof b), -1);
    assert_int_equal(ind_format_amount(1.5, 16, b, sizeof b), -1);
    /* "1,081.5" needs 8 bytes; the untrimmed "1,081.50" would need 9. */
    assert_int_equal(ind_format_amount(1081.5, 2, b, 8), 7);
    assert_int_equal(ind_format_amount(1081.5, 2, b, 7), -1);
}

/* ---- ind_format_shortest ---- */

static void test_shortest(void **state)
{
    (void)state;
    char b[IND_FORMAT_MAX];
    EXPECT("0.1", ind_format_shortest(0.1, buf, sizeof buf));
    EXPECT("3314", ind_format_shortest(3314, buf, sizeof buf));
    EXPECT("1e-05", ind_format_shortest(1e-5, buf, sizeof buf));
    /* 768/2326 needs 16 digits to read back. */
    EXPECT("0.3301805674978504", ind_format_shortest(768.0 / 2326.0, buf, sizeof buf));
    /* 100 is "1e+02" at one digit, but "100" is shorter. */
    EXPECT("100", ind_format_shortest(100, buf, sizeof buf));
    /* 1e6: "1e+06" (5) beats "1000000" (7). */
    EXPECT("1e+06", ind_format_shortest(1e6, buf, sizeof buf));
    EXPECT("0.30000000000000004", ind_format_shortest(0.1 + 0.2, buf, sizeof buf));
    EXPECT("-2.5e-07", ind_format_shortest(-2.5e-7, buf, sizeof buf));
    EXPECT("0", ind_format_shortest(-0.0, buf, sizeof buf));
    EXPECT("5e-324", ind_format_shortest(5e-324, buf, sizeof buf));
    EXPECT("1.7976931348623157e+308", ind_format_shortest(DBL_MAX, buf, sizeof buf));
    assert_int_equal(ind_format_shortest(NAN, b, sizeof b), -1);
    assert_int_equal(ind_format_shortest(-INFINITY, b, sizeof b), -1);
    assert_int_equal(ind_format_shortest(3314, b, 4), -1);
    assert_int_equal(ind_format_shortest(3314, b, 5), 4);
    assert_int_equal(ind_format_shortest(3314, NULL, 5), -1);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_integral),
        cmocka_unit_test(test_ratio_examples),
        cmocka_unit_test(test_ratio_negative_zero),
        cmocka_unit_test(test_ratio_thousands),
        cmocka_unit_test(test_ratio_limits),
        cmocka_unit_test(test_double_examples),
        cmocka_unit_test(test_double_negative_zero),
        cmocka_unit_test(test_double_invalid),
        cmocka_unit_test(test_quotient),
        cmocka_unit_test(test_amount),
        cmocka_unit_test(test_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
