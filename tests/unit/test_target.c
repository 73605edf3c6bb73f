/*
** test_target.c: unit tests for target.h and the dataset keys that carry
** targets: decimals and amounts as datasets write them, ISO dates and their
** day arithmetic, the status rules for every polarity, scope and form of
** tolerance (with the boundaries exactly on the tolerance), project
** milestones, target schedules, and reading "targets", "projects", "as_at"
** and "status_rules" from JSON with the refusals of bad ones.
**
** Every expected value is worked by hand in the comment beside it.
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

#include "indicate/io_json.h"
#include "indicate/target.h"

#define assert_near(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* ---- decimals and amounts ------------------------------------------------ */

static void decimal_is(const char *s, int64_t digits, int scale)
{
    ind_decimal d;
    assert_int_equal(ind_decimal_parse(s, strlen(s), &d), IND_OK);
    assert_true(d.digits == digits);
    assert_int_equal(d.scale, scale);
}

static void test_decimal_parse(void **state)
{
    (void)state;
    decimal_is("75", 75, 0);
    decimal_is("62.5", 625, 1);
    decimal_is("-3", -3, 0);
    decimal_is("0.05", 5, 2);       /* 5 / 10^2 */
    decimal_is("007", 7, 0);        /* leading zeros carry no precision */
    decimal_is("100.00", 10000, 2); /* trailing zeros are kept as written */
    decimal_is("999999999999999999", INT64_C(999999999999999999), 0); /* 18 digits */
    static const char *const bad[] = {
        "", "-", "5.", ".5", "1e3", "1,000", "+5", "5 ", "1.2.3",
        "1234567890123456789", /* 19 significant digits */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ind_decimal d;
        assert_int_equal(ind_decimal_parse(bad[i], strlen(bad[i]), &d), IND_EDATA);
    }
}

static void test_decimal_from_double(void **state)
{
    (void)state;
    ind_decimal d;
    assert_int_equal(ind_decimal_from_double(91748, &d), IND_OK);
    assert_true(d.digits == 91748 && d.scale == 0);
    assert_int_equal(ind_decimal_from_double(0.1, &d), IND_OK); /* shortest: "0.1" */
    assert_true(d.digits == 1 && d.scale == 1);
    assert_int_equal(ind_decimal_from_double(1e-05, &d), IND_OK); /* "1e-05" */
    assert_true(d.digits == 1 && d.scale == 5);
    assert_int_equal(ind_decimal_from_double(2.5e17, &d), IND_OK); /* 25 * 10^16 */
    assert_true(d.digits == INT64_C(250000000000000000) && d.scale == 0);
    assert_int_equal(ind_decimal_from_double(-1081.5, &d), IND_OK);
    assert_true(d.digits == -10815 && d.scale == 1);
    assert_int_equal(ind_decimal_from_double(1.5e20, &d), IND_EDATA); /* 21 digits */
    assert_int_equal(ind_decimal_from_double(NAN, &d), IND_EDATA);
    assert_int_equal(ind_decimal_from_double(INFINITY, &d), IND_EDATA);
    assert_true(ind_decimal_value((ind_decimal){ 625, 1 }) == 62.5);
}

static void amount_is(const char *s, ind_amount_form form, int64_t digits, int scale)
{
    ind_amount a;
    assert_int_equal(ind_amount_parse(s, &a, NULL, 0), IND_OK);
    assert_int_equal(a.form, form);
    assert_true(a.value.digits == digits);
    assert_int_equal(a.value.scale, scale);
}

static void test_amount_parse(void **state)
{
    (void)state;
    amount_is("75%", IND_AMOUNT_PERCENT, 75, 0);
    amount_is("62.5%", IND_AMOUNT_PERCENT, 625, 1);
    amount_is("5 pp", IND_AMOUNT_POINTS, 5, 0);
    amount_is("5pp", IND_AMOUNT_POINTS, 5, 0);
    amount_is("0.5 pp", IND_AMOUNT_POINTS, 5, 1);
    amount_is("-5%", IND_AMOUNT_PERCENT, -5, 0); /* parsed; the builder refuses it as a tolerance */
    char why[256];
    ind_amount a;
    assert_int_equal(ind_amount_parse("75", &a, why, sizeof why), IND_EDATA);
    assert_string_equal(why, "expected a percentage such as \"75%\" or percentage points "
                             "such as \"5 pp\" (write other amounts as JSON numbers)");
    assert_int_equal(ind_amount_parse("75 %", &a, why, sizeof why), IND_EDATA);
    assert_string_equal(why, "not a percentage: expected digits, an optional decimal "
                             "point, then \"%\", such as \"75%\" or \"62.5%\"");
    assert_int_equal(ind_amount_parse("x pp", &a, why, sizeof why), IND_EDATA);
    assert_string_equal(why, "not percentage points: expected digits, an optional decimal "
                             "point, then \" pp\", such as \"5 pp\"");
    assert_int_equal(ind_amount_parse("%", &a, NULL, 0), IND_EDATA);
    assert_int_equal(ind_amount_parse("pp", &a, NULL, 0), IND_EDATA);
    assert_int_equal(ind_amount_parse("5  pp", &a, NULL, 0), IND_EDATA);
}

static void test_amount_format(void **state)
{
    (void)state;
    char buf[64];
    ind_amount a = { IND_AMOUNT_NUMBER, { 200000, 0 } };
    assert_int_equal(ind_amount_format(&a, buf, sizeof buf), 7);
    assert_string_equal(buf, "200,000");
    a.value = (ind_decimal){ 12345675, 1 };
    ind_amount_format(&a, buf, sizeof buf);
    assert_string_equal(buf, "1,234,567.5");
    a.value = (ind_decimal){ -1500, 0 };
    ind_amount_format(&a, buf, sizeof buf);
    assert_string_equal(buf, "-1,500");
    a.value = (ind_decimal){ 5, 2 };
    ind_amount_format(&a, buf, sizeof buf);
    assert_string_equal(buf, "0.05");
    a = (ind_amount){ IND_AMOUNT_PERCENT, { 625, 1 } };
    ind_amount_format(&a, buf, sizeof buf);
    assert_string_equal(buf, "62.5%"); /* percentages have no separators: "1000%" */
    a = (ind_amount){ IND_AMOUNT_POINTS, { 5, 0 } };
    ind_amount_format(&a, buf, sizeof buf);
    assert_string_equal(buf, "5 pp");
    assert_int_equal(ind_amount_format(&a, buf, 4), -1); /* "5 pp" needs 5 bytes */
}

/* ---- dates -------------------------------------------------------------------- */

static ind_date date_of(const char *s)
{
    ind_date d;
    assert_int_equal(ind_date_parse(s, &d, NULL, 0), IND_OK);
    return d;
}

static void test_dates(void **state)
{
    (void)state;
    assert_int_equal(date_of("1970-01-01"), 0);
    /* 2000-01-01 is day 10957 (30 years, 7 of them leap: 30 * 365 + 7);
    ** 2000-03-01 is 31 + 29 days later */
    assert_int_equal(date_of("2000-01-01"), 10957);
    assert_int_equal(date_of("2000-03-01"), 11017);
    /* 31 January to 30 June 2024: 29 + 31 + 30 + 31 + 30 = 151 days */
    assert_int_equal(date_of("2024-06-30") - date_of("2024-01-31"), 151);
    /* 20 December 2023 to 31 January 2024: 11 + 31 = 42 days */
    assert_int_equal(date_of("2024-01-31") - date_of("2023-12-20"), 42);
    assert_int_equal(date_of("1900-03-01") - date_of("1900-02-28"), 1); /* 1900 not leap */
    char buf[11];
    ind_date_format(date_of("2024-02-29"), buf);
    assert_string_equal(buf, "2024-02-29");
    int y, m, d;
    ind_date_to_ymd(date_of("2199-12-31"), &y, &m, &d);
    assert_true(y == 2199 && m == 12 && d == 31);
    /* months and days roll over */
    assert_int_equal(ind_date_from_ymd(2023, 13, 1), date_of("2024-01-01"));
    assert_int_equal(ind_date_from_ymd(2024, 1, 32), date_of("2024-02-01"));

    char why[128];
    ind_date out;
    static const char *const not_iso[] = { "2024-1-31", "31/01/2024", "2024-01-31T00", "",
                                           "2024/01/31", "20240131" };
    for (size_t i = 0; i < sizeof not_iso / sizeof not_iso[0]; i++) {
        assert_int_equal(ind_date_parse(not_iso[i], &out, why, sizeof why), IND_EDATA);
        assert_string_equal(why, "not an ISO date: expected YYYY-MM-DD, such as 2024-01-31");
    }
    static const char *const no_day[] = { "2023-02-29", "2100-02-29", "2024-04-31",
                                          "2024-13-01", "2024-00-10", "2024-01-00" };
    for (size_t i = 0; i < sizeof no_day / sizeof no_day[0]; i++) {
        assert_int_equal(ind_date_parse(no_day[i], &out, why, sizeof why), IND_EDATA);
        assert_string_equal(why, "no such day in the calendar");
    }
    assert_int_equal(ind_date_parse("1899-12-31", &out, why, sizeof why), IND_EDATA);
    assert_string_equal(why, "the year is outside 1900 to 2199");
    assert_int_equal(ind_date_parse("2000-02-29", &out, NULL, 0), IND_OK); /* 2000 leap */
}

/* Every day of 2019 to 2025 falls within the period ind_date_period gives,
** by the dates period.h says the period covers. */
static void test_date_period(void **state)
{
    (void)state;
    static const ind_period_kind kinds[] = {
        IND_PERIOD_FINANCIAL_YEAR, IND_PERIOD_REPORTING_YEAR, IND_PERIOD_CALENDAR_YEAR,
        IND_PERIOD_FINANCIAL_QUARTER, IND_PERIOD_MONTH,
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        for (ind_date d = date_of("2019-01-01"); d <= date_of("2025-12-31"); d++) {
            ind_period p = ind_date_period(kinds[k], d);
            char first[11], last[11];
            assert_int_equal(p.kind, kinds[k]);
            assert_int_equal(ind_period_dates(p, first, last), IND_OK);
            assert_true(date_of(first) <= d && d <= date_of(last));
        }
    }
    /* and by label: 30 September 2023 is in 2023-24 Q2; 31 January 2024 in Q4 */
    char label[IND_PERIOD_LABEL_MAX];
    ind_period_label(ind_date_period(IND_PERIOD_FINANCIAL_QUARTER, date_of("2023-09-30")),
                     label, sizeof label);
    assert_string_equal(label, "2023-24 Q2");
    ind_period_label(ind_date_period(IND_PERIOD_FINANCIAL_QUARTER, date_of("2024-01-31")),
                     label, sizeof label);
    assert_string_equal(label, "2023-24 Q4");
    ind_period_label(ind_date_period(IND_PERIOD_FINANCIAL_YEAR, date_of("2024-03-31")),
                     label, sizeof label);
    assert_string_equal(label, "2023-24");
}

/* ---- judging figures ------------------------------------------------------------ */

static const ind_amount TEN_PERCENT = { IND_AMOUNT_PERCENT, { 10, 0 } };
static const ind_amount SEVENTY_FIVE = { IND_AMOUNT_PERCENT, { 75, 0 } };

static ind_target_figure proportion(double k, double n)
{
    ind_target_figure x = { k / n, k, n, 1, IND_TARGET_UNIT_FRACTION, 0 };
    return x;
}

static ind_target_figure amount(double v)
{
    ind_target_figure x = { v, v, 1, 1, IND_TARGET_UNIT_AMOUNT, 1 };
    return x;
}

static ind_level judge(ind_target_figure x, ind_amount target, int64_t part, int64_t whole,
                       ind_target_polarity p, ind_amount tol, ind_judgement *j)
{
    ind_error err = { 0 };
    int rc = ind_target_judge(&x, &target, part, whole, p, &tol, j, &err);
    if (rc != IND_OK)
        fail_msg("%s", err.message);
    return j->level;
}

static void test_judge_seed_figures(void **state)
{
    (void)state;
    ind_judgement j;
    /* CPO induction: 268 of 364 = 73.6% against 75%. 75% = 273/364, so the
    ** gap is 5/364; relative to 0.75 that is 5/273 = 1.8315...% <= 10%. */
    assert_int_equal(judge(proportion(268, 364), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_NEAR);
    assert_near(j.gap, 5.0 / 364, 1e-15);
    assert_near(j.gap_percent, 500.0 / 273, 1e-12);
    assert_true(j.target == 0.75);
    assert_true(j.width == 0.075);  /* 10% of 0.75, to the nearest double */
    assert_true(j.bound == 0.675);  /* 0.75 - 0.075, to the nearest double */
    /* placement: 263 of 364 = 72.3%: gap 10/364, relative 10/273 = 3.66% */
    assert_int_equal(judge(proportion(263, 364), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_NEAR);
    assert_near(j.gap_percent, 1000.0 / 273, 1e-12);
    /* SCRA reports: 88 of 139 = 63.3%: gap (0.75 * 139 - 88) / 139 =
    ** 16.25 / 139; relative 16.25 / 104.25 = 15.59% > 10% */
    assert_int_equal(judge(proportion(88, 139), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_MISSED);
    assert_near(j.gap_percent, 1625.0 / 104.25, 1e-12);
    /* recycling: £91,748 by Q2 against £200,000 a year: pro rata 2 of 4
    ** quarters is £100,000; 8,252 short is 8.252% <= 10%; Amber down to £90,000 */
    ind_amount annual = { IND_AMOUNT_NUMBER, { 200000, 0 } };
    assert_int_equal(judge(amount(91748), annual, 2, 4, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
    assert_true(j.target == 100000);
    assert_true(j.gap == 8252);
    assert_true(j.gap_percent == 8.252);
    assert_true(j.bound == 90000);
}

static void test_judge_boundaries(void **state)
{
    (void)state;
    ind_judgement j;
    /* exactly 10% short: 27 of 40 = 0.675 = 0.75 * 0.9 is NEAR */
    assert_int_equal(judge(proportion(27, 40), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_NEAR);
    assert_true(j.gap_percent == 10);
    /* 99 of 200 = 49.5% against 55% is exactly 10% short (5.5 points of 55),
    ** so NEAR; in doubles 0.55 * 0.9 = 0.49500000000000005 > 99.0 / 200 and
    ** (0.55 - 0.495) / 0.55 = 0.10000000000000007 > 0.1 would both say MISSED */
    volatile double t55 = 0.55, tenth = 0.1, ninety = 0.9;
    assert_true(t55 * ninety > 99.0 / 200);
    assert_true((t55 - 99.0 / 200) / t55 > tenth);
    ind_amount fifty_five = { IND_AMOUNT_PERCENT, { 55, 0 } };
    assert_int_equal(judge(proportion(99, 200), fifty_five, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_NEAR);
    assert_true(j.gap_percent == 10);
    assert_int_equal(judge(proportion(98, 200), fifty_five, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_MISSED);
    /* 269 of 400 = 0.6725: 10.33% short */
    assert_int_equal(judge(proportion(269, 400), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_MISSED);
    /* exactly on the target is met: 3 of 4 */
    assert_int_equal(judge(proportion(3, 4), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_MET);
    assert_true(j.gap == 0);
    /* pro rata: 90,000 is exactly 10% short of 100,000; 89,999 is not within */
    ind_amount annual = { IND_AMOUNT_NUMBER, { 200000, 0 } };
    assert_int_equal(judge(amount(90000), annual, 2, 4, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
    assert_int_equal(judge(amount(89999), annual, 2, 4, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_MISSED);
    assert_int_equal(judge(amount(100000), annual, 2, 4, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_MET);
    /* a third of the year: 200,000 * 1 / 3 is not a decimal; 66,666 is short
    ** of 66,666.67 by 0.67, which is within 10% */
    assert_int_equal(judge(amount(66667), annual, 1, 3, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_MET);
    assert_int_equal(judge(amount(66666), annual, 1, 3, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
}

static void test_judge_polarities(void **state)
{
    (void)state;
    ind_judgement j;
    ind_amount hundred = { IND_AMOUNT_NUMBER, { 100, 0 } };
    ind_amount five_percent = { IND_AMOUNT_PERCENT, { 5, 0 } };
    /* lower is better: met at or below 100, NEAR to 110, MISSED beyond */
    assert_int_equal(judge(amount(99), hundred, 1, 1, IND_TARGET_LOWER, TEN_PERCENT, &j),
                     IND_LEVEL_MET);
    assert_true(j.gap == -1);
    assert_int_equal(judge(amount(108), hundred, 1, 1, IND_TARGET_LOWER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
    assert_true(j.gap == 8 && j.gap_percent == 8 && j.bound == 110);
    assert_int_equal(judge(amount(110), hundred, 1, 1, IND_TARGET_LOWER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
    assert_int_equal(judge(amount(111), hundred, 1, 1, IND_TARGET_LOWER, TEN_PERCENT, &j),
                     IND_LEVEL_MISSED);
    /* closer is better, 5% of 100 = 5: MET within 5 either side, NEAR within 10 */
    assert_int_equal(judge(amount(103), hundred, 1, 1, IND_TARGET_CLOSER, five_percent, &j),
                     IND_LEVEL_MET);
    assert_true(j.gap == 3);
    assert_int_equal(judge(amount(95), hundred, 1, 1, IND_TARGET_CLOSER, five_percent, &j),
                     IND_LEVEL_MET);
    assert_int_equal(judge(amount(107), hundred, 1, 1, IND_TARGET_CLOSER, five_percent, &j),
                     IND_LEVEL_NEAR);
    assert_int_equal(judge(amount(90), hundred, 1, 1, IND_TARGET_CLOSER, five_percent, &j),
                     IND_LEVEL_NEAR);
    assert_true(j.bound == 90); /* the lower edge; the upper is 110 */
    assert_int_equal(judge(amount(111), hundred, 1, 1, IND_TARGET_CLOSER, five_percent, &j),
                     IND_LEVEL_MISSED);
}

static void test_judge_tolerance_forms(void **state)
{
    (void)state;
    ind_judgement j;
    /* 5 percentage points on a proportion: 70 of 100 is 5 points short of 75% */
    ind_amount points = { IND_AMOUNT_POINTS, { 5, 0 } };
    assert_int_equal(judge(proportion(70, 100), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           points, &j), IND_LEVEL_NEAR);
    assert_true(j.width == 0.05);
    assert_int_equal(judge(proportion(69, 100), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           points, &j), IND_LEVEL_MISSED);
    /* an absolute tolerance on a count: 3,314 against at most 3,000, 500 allowed */
    ind_amount three_thousand = { IND_AMOUNT_NUMBER, { 3000, 0 } };
    ind_amount five_hundred = { IND_AMOUNT_NUMBER, { 500, 0 } };
    assert_int_equal(judge(amount(3314), three_thousand, 1, 1, IND_TARGET_LOWER,
                           five_hundred, &j), IND_LEVEL_NEAR);
    assert_true(j.gap == 314 && j.bound == 3500);
    /* a ratio in percent (hours delivered per 100 imposed): 692 / 1000 * 100
    ** = 69.2 against 75: 5.8 points short; beyond 5 pp, within 10% (7.5) */
    ind_target_figure ratio = { 69.2, 692, 1000, 100, IND_TARGET_UNIT_PERCENT, 0 };
    assert_int_equal(judge(ratio, SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER, points, &j),
                     IND_LEVEL_MISSED);
    assert_near(j.gap, 5.8, 1e-12);
    assert_int_equal(judge(ratio, SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_NEAR);
    /* a figure without whole counts is read as its decimal: 1,081.5 hours */
    ind_target_figure hours = { 1081.5, NAN, NAN, 1, IND_TARGET_UNIT_AMOUNT, 1 };
    ind_amount target = { IND_AMOUNT_NUMBER, { 10815, 1 } };
    assert_int_equal(judge(hours, target, 1, 1, IND_TARGET_HIGHER, TEN_PERCENT, &j),
                     IND_LEVEL_MET);
    /* a missing figure is PENDING, with the target still worked out */
    assert_int_equal(judge(proportion(NAN, NAN), SEVENTY_FIVE, 1, 1, IND_TARGET_HIGHER,
                           TEN_PERCENT, &j), IND_LEVEL_PENDING);
    assert_true(j.target == 0.75);
    assert_true(isnan(j.gap));
}

static void judge_fails(ind_target_figure x, ind_amount target, ind_amount tol,
                        int code, const char *message)
{
    ind_error err = { 0 };
    ind_judgement j;
    assert_int_equal(ind_target_judge(&x, &target, 1, 1, IND_TARGET_HIGHER, &tol, &j, &err),
                     code);
    assert_string_equal(err.message, message);
}

static void test_judge_refusals(void **state)
{
    (void)state;
    ind_amount bare = { IND_AMOUNT_NUMBER, { 75, 2 } };
    judge_fails(proportion(1, 2), bare, TEN_PERCENT, IND_EDATA,
                "the target of a percentage figure is a bare number, which could be a "
                "fraction or a percentage: write it as a percentage string such as \"75%\"");
    judge_fails(amount(5), SEVENTY_FIVE, TEN_PERCENT, IND_EDATA,
                "a percentage target for a figure that is not a percentage: write the "
                "target as a number in the measure's units");
    ind_amount points = { IND_AMOUNT_POINTS, { 5, 0 } };
    judge_fails(amount(5), (ind_amount){ IND_AMOUNT_NUMBER, { 6, 0 } }, points, IND_EDATA,
                "a tolerance in percentage points for a figure that is not a percentage: "
                "write it as a percent of the target (\"10%\") or as a number");
    judge_fails(proportion(1, 2), SEVENTY_FIVE, (ind_amount){ IND_AMOUNT_NUMBER, { 5, 0 } },
                IND_EDATA,
                "a bare-number tolerance for a percentage figure is ambiguous: write it "
                "as percentage points (\"5 pp\") or as a percent of the target (\"10%\")");
    judge_fails(proportion(1, 2), SEVENTY_FIVE, (ind_amount){ IND_AMOUNT_PERCENT, { -1, 0 } },
                IND_EDATA, "the tolerance is negative");
    ind_error err = { 0 };
    ind_judgement j;
    ind_target_figure x = amount(1);
    ind_amount t = { IND_AMOUNT_NUMBER, { 1, 0 } };
    assert_int_equal(ind_target_judge(&x, &t, 3, 2, IND_TARGET_HIGHER, &TEN_PERCENT, &j, &err),
                     IND_EINVAL); /* part above whole */
    assert_int_equal(ind_target_judge(&x, &t, 1, 1, IND_TARGET_POLARITY_UNSET, &TEN_PERCENT,
                                      &j, &err), IND_EINVAL);
}

/* ---- projects ------------------------------------------------------------------ */

static ind_milestone project(const char *due, const char *revised, const char *completed)
{
    ind_milestone p;
    memset(&p, 0, sizeof p);
    p.id = "p";
    p.reported = 1;
    p.slippage_days = -1;
    if (due != NULL) {
        p.has_due = 1;
        p.due = date_of(due);
    }
    if (revised != NULL) {
        p.has_revised = 1;
        p.revised = date_of(revised);
    }
    if (completed != NULL) {
        p.has_completed = 1;
        p.completed = date_of(completed);
    }
    return p;
}

static void test_projects(void **state)
{
    (void)state;
    ind_progress g;
    ind_date as_at = date_of("2023-12-20");
    /* the seed's IT system: due January 2024, revised to June 2024: 151
    ** days' slippage (see test_dates), within the default 183 */
    ind_milestone it = project("2024-01-31", "2024-06-30", NULL);
    ind_milestone_judge(&it, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_NEAR);
    assert_int_equal(g.slippage_days, 151);
    assert_int_equal(g.tolerance_days, IND_DEFAULT_SLIPPAGE_DAYS);
    assert_int_equal(g.overdue, 0);
    ind_milestone_judge(&it, as_at, 151, &g); /* the boundary is NEAR */
    assert_int_equal(g.level, IND_LEVEL_NEAR);
    ind_milestone_judge(&it, as_at, 150, &g);
    assert_int_equal(g.level, IND_LEVEL_MISSED);
    it.slippage_days = 200; /* the project's own tolerance wins */
    ind_milestone_judge(&it, as_at, 150, &g);
    assert_int_equal(g.level, IND_LEVEL_NEAR);
    assert_int_equal(g.tolerance_days, 200);
    /* judged on 1 August 2024, not complete: 2024-01-31 + 183 days (see
    ** test_dates: 151 to 30 June, then 31 + 1) is NEAR; a day later MISSED */
    it.slippage_days = -1;
    ind_milestone_judge(&it, date_of("2024-08-01"), -1, &g);
    assert_int_equal(g.level, IND_LEVEL_NEAR);
    assert_int_equal(g.slippage_days, 183);
    assert_int_equal(g.overdue, 1);
    ind_milestone_judge(&it, date_of("2024-08-02"), -1, &g);
    assert_int_equal(g.level, IND_LEVEL_MISSED);

    ind_milestone on_time = project("2024-03-31", NULL, NULL);
    ind_milestone_judge(&on_time, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_MET);
    assert_int_equal(g.slippage_days, 0);
    /* due 30 November, not done at 20 December: 20 days late so far */
    ind_milestone late = project("2023-11-30", NULL, NULL);
    ind_milestone_judge(&late, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_NEAR);
    assert_int_equal(g.slippage_days, 20);
    assert_int_equal(g.overdue, 1);
    /* brought forward is no slippage */
    ind_milestone early = project("2024-03-31", "2024-02-28", NULL);
    ind_milestone_judge(&early, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_MET);
    /* complete by the date judged: COMPLETE, however late it was */
    ind_milestone done = project("2023-06-30", NULL, "2023-10-01");
    ind_milestone_judge(&done, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_COMPLETE);
    /* completed after the date judged does not count yet */
    ind_milestone_judge(&done, date_of("2023-09-30"), -1, &g);
    assert_int_equal(g.level, IND_LEVEL_NEAR); /* 92 days late: 31 + 31 + 30 */
    assert_int_equal(g.slippage_days, 92);
    ind_milestone silent = project("2024-03-31", NULL, NULL);
    silent.reported = 0;
    ind_milestone_judge(&silent, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_PENDING);
    ind_milestone open = project(NULL, NULL, NULL);
    ind_milestone_judge(&open, as_at, -1, &g);
    assert_int_equal(g.level, IND_LEVEL_CONTEXT);
}

/* ---- schedules and names --------------------------------------------------------- */

static void test_step_at(void **state)
{
    (void)state;
    ind_target_step steps[] = {
        { "2022-23", date_of("2022-04-01"), 1, { IND_AMOUNT_PERCENT, { 70, 0 } }, 0 },
        { "2023-24", date_of("2023-04-01"), 1, { IND_AMOUNT_PERCENT, { 75, 0 } }, 1 },
        { "2025-26", date_of("2025-04-01"), 0, { IND_AMOUNT_NONE, { 0, 0 } }, 2 },
    };
    ind_target t;
    memset(&t, 0, sizeof t);
    t.n_steps = 3;
    t.steps = steps;
    assert_null(ind_target_step_at(&t, date_of("2021-04-01")));
    assert_ptr_equal(ind_target_step_at(&t, date_of("2022-04-01")), &steps[0]);
    assert_ptr_equal(ind_target_step_at(&t, date_of("2023-07-01")), &steps[1]); /* Q2 */
    assert_ptr_equal(ind_target_step_at(&t, date_of("2024-04-01")), &steps[1]);
    assert_ptr_equal(ind_target_step_at(&t, date_of("2025-04-01")), &steps[2]);
    ind_target_step always = { NULL, INT32_MIN, 1, { IND_AMOUNT_PERCENT, { 75, 0 } }, -1 };
    t.n_steps = 1;
    t.steps = &always;
    assert_ptr_equal(ind_target_step_at(&t, date_of("1990-04-01")), &always);
}

static void test_names(void **state)
{
    (void)state;
    static const char *const levels[] = { "complete", "met", "near", "missed", "pending",
                                          "context" };
    for (int l = 0; l < IND_LEVEL_COUNT; l++)
        assert_string_equal(ind_level_name((ind_level)l), levels[l]);
    assert_string_equal(ind_level_name((ind_level)IND_LEVEL_COUNT), "?");
    assert_string_equal(ind_target_polarity_name(IND_TARGET_CLOSER), "closer_is_better");
    assert_string_equal(ind_target_scope_name(IND_SCOPE_PRO_RATA), "pro-rata");
    assert_string_equal(ind_target_scope_name(IND_SCOPE_YEAR_TO_DATE), "year-to-date");
}

/* ---- reading them from JSON -------------------------------------------------------- */

#define SERIES "\"series\": [{\"id\": \"equipment.savings\", \"unit\": \"GBP\", " \
               "\"periods\": [\"2023-24 Q1\", \"2023-24 Q2\"], \"values\": [1, 2]}]"

static ind_dataset *parse_ok(const char *text)
{
    ind_dataset *ds = NULL;
    ind_error err = { 0 };
    if (ind_json_parse_area("t.json", "$", 0, text, strlen(text), NULL, &ds, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static void parse_fails(const char *text, int code, const char *message)
{
    ind_dataset *ds = NULL;
    ind_error err = { 0 };
    assert_int_equal(ind_json_parse_area("t.json", "$", 0, text, strlen(text), NULL, &ds, &err),
                     code);
    assert_null(ds);
    assert_string_equal(err.message, message);
}

static void test_json_every_key(void **state)
{
    (void)state;
    ind_dataset *ds = parse_ok(
        "{\"projects\": [{\"note\": \"n\", \"source\": \"s\", \"slippage_days\": 90,\n"
        "   \"reported\": false, \"completed\": \"2024-05-01\", \"revised\": \"2024-06-30\",\n"
        "   \"due\": \"2024-01-31\", \"title\": \"IT system\", \"id\": \"plan.it\"},\n"
        "  {\"id\": \"plan.other\"}],\n"
        " \"targets\": [{\"note\": \"n\", \"source\": \"s\", \"tolerance\": \"2.5 pp\",\n"
        "   \"scope\": \"year-to-date\", \"polarity\": \"lower_is_better\",\n"
        "   \"schedule\": [{\"target\": null, \"from\": \"2025-26\"},\n"
        "                 {\"target\": \"62.5%\", \"from\": \"2023-24 Q2\"},\n"
        "                 {\"from\": \"2022-23\", \"target\": \"70%\"}],\n"
        "   \"title\": \"T\", \"measure\": \"upw.induction_5d\"},\n"
        "  {\"series\": \"equipment.savings\", \"target\": 200000, \"from\": \"2023-24\",\n"
        "   \"polarity\": \"higher_is_better\", \"scope\": \"pro-rata\", \"tolerance\": 10000}],\n"
        " \"status_rules\": {\"slippage_days\": 90, \"tolerance\": \"12.5%\"},\n"
        " \"as_at\": \"2023-12-20\", " SERIES ", \"area\": \"Fife\"}");
    assert_int_equal(ds->has_as_at, 1);
    assert_int_equal(ds->as_at, date_of("2023-12-20"));
    assert_int_equal(ds->rules.tolerance.form, IND_AMOUNT_PERCENT);
    assert_true(ds->rules.tolerance.value.digits == 125 && ds->rules.tolerance.value.scale == 1);
    assert_int_equal(ds->rules.slippage_days, 90);

    assert_int_equal(ds->n_targets, 2);
    const ind_target *t = &ds->targets[0];
    assert_string_equal(t->measure, "upw.induction_5d");
    assert_null(t->series);
    assert_string_equal(t->title, "T");
    assert_string_equal(t->source, "s");
    assert_string_equal(t->note, "n");
    assert_int_equal(t->polarity, IND_TARGET_LOWER);
    assert_int_equal(t->scope, IND_SCOPE_YEAR_TO_DATE);
    assert_int_equal(t->tolerance.form, IND_AMOUNT_POINTS);
    assert_true(t->tolerance.value.digits == 25 && t->tolerance.value.scale == 1);
    assert_string_equal(t->origin.path, "$.targets[0]");
    assert_string_equal(t->origin.file, "t.json");
    /* steps sorted by the first day of their period, positions kept */
    assert_int_equal(t->n_steps, 3);
    assert_string_equal(t->steps[0].from, "2022-23");
    assert_int_equal(t->steps[0].from_day, date_of("2022-04-01"));
    assert_int_equal(t->steps[0].position, 2);
    assert_string_equal(t->steps[1].from, "2023-24 Q2");
    assert_int_equal(t->steps[1].from_day, date_of("2023-07-01"));
    assert_int_equal(t->steps[1].target.form, IND_AMOUNT_PERCENT);
    assert_true(t->steps[1].target.value.digits == 625);
    assert_int_equal(t->steps[2].has_target, 0);
    assert_int_equal(t->steps[2].from_day, date_of("2025-04-01"));

    t = &ds->targets[1];
    assert_string_equal(t->series, "equipment.savings");
    assert_int_equal(t->scope, IND_SCOPE_PRO_RATA);
    assert_int_equal(t->n_steps, 1);
    assert_int_equal(t->steps[0].position, -1);
    assert_int_equal(t->steps[0].target.form, IND_AMOUNT_NUMBER);
    assert_true(t->steps[0].target.value.digits == 200000);
    assert_int_equal(t->tolerance.form, IND_AMOUNT_NUMBER);

    assert_int_equal(ds->n_projects, 2);
    const ind_milestone *p = &ds->projects[0];
    assert_string_equal(p->id, "plan.it");
    assert_string_equal(p->title, "IT system");
    assert_true(p->has_due && p->has_revised && p->has_completed);
    assert_int_equal(p->revised - p->due, 151);
    assert_int_equal(p->reported, 0);
    assert_int_equal(p->slippage_days, 90);
    assert_string_equal(p->origin.path, "$.projects[0]");
    p = &ds->projects[1];
    assert_true(!p->has_due && !p->has_revised && !p->has_completed);
    assert_int_equal(p->reported, 1);
    assert_int_equal(p->slippage_days, -1);
    ind_dataset_free(ds);

    /* none of them: the defaults */
    ds = parse_ok("{\"area\": \"Fife\", " SERIES "}");
    assert_int_equal(ds->n_targets, 0);
    assert_int_equal(ds->n_projects, 0);
    assert_int_equal(ds->has_as_at, 0);
    assert_int_equal(ds->rules.tolerance.form, IND_AMOUNT_NONE);
    assert_int_equal(ds->rules.slippage_days, -1);
    ind_dataset_free(ds);
}

#define AREA(rest) "{\"area\": \"Fife\", " SERIES ", " rest "}"

static void test_json_refusals(void **state)
{
    (void)state;
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"75%\", \"colour\": 1}]"),
                IND_EDATA, "t.json: $.targets[0]: unknown key \"colour\"");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\"}]"), IND_EDATA,
                "t.json: $.targets[0]: missing key \"target\" (or a \"schedule\" of targets "
                "by period)");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": 1, \"schedule\": []}]"),
                IND_EDATA, "t.json: $.targets[0]: give \"target\" or \"schedule\", not both");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"schedule\": [], \"from\": \"2023\"}]"),
                IND_EDATA, "t.json: $.targets[0]: \"from\" belongs in each step of the "
                           "\"schedule\"");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"schedule\": []}]"), IND_EDATA,
                "t.json: $.targets[0].schedule: the schedule has no steps");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"schedule\": [{\"from\": "
                     "\"2023-24\"}]}]"),
                IND_EDATA, "t.json: $.targets[0].schedule[0]: missing key \"target\"");
    parse_fails(AREA("\"targets\": [{\"measure\": \"A.b\", \"target\": 1}]"), IND_EDATA,
                "t.json: $.targets[0].measure: invalid measure id \"A.b\" (expected lower-case "
                "letters, digits and underscores in dot-separated parts, at most 64 bytes)");
    parse_fails(AREA("\"targets\": [{\"series\": \"equipment.savings\", \"target\": 1}]"),
                IND_EDATA,
                "t.json: $.targets[0]: the target on series equipment.savings needs a "
                "\"polarity\" (higher_is_better, lower_is_better or closer_is_better): no "
                "indicator says which way is better");
    parse_fails(AREA("\"targets\": [{\"series\": \"equipment.other\", \"target\": 1, "
                     "\"polarity\": \"lower_is_better\"}]"),
                IND_EDATA, "t.json: $.targets[0].series: area \"Fife\" has no series "
                           "equipment.other for this target");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"75%\"}, "
                     "{\"measure\": \"a.b\", \"target\": \"80%\"}]"),
                IND_EDATA,
                "t.json: $.targets[1]: a second target for measure a.b (the first is at "
                "t.json: $.targets[0]); give targets that change by period as one target's "
                "\"schedule\"");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"schedule\": [{\"from\": "
                     "\"2023-24\", \"target\": \"70%\"}, {\"from\": \"2023/24\", \"target\": "
                     "\"75%\"}]}]"),
                IND_EDATA,
                "t.json: $.targets[0].schedule[1].from: period \"2023/24\" starts on the "
                "same day as \"2023-24\": each step of a schedule needs a period of its own");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"75%\", \"from\": "
                     "\"2023-25\"}]"),
                IND_EDATA, "t.json: $.targets[0].from: period \"2023-25\": the second year "
                           "must follow the first");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"5 pp\"}]"), IND_EDATA,
                "t.json: $.targets[0].target: target \"5 pp\": percentage points are a "
                "tolerance, not a target (write the target as a number or a percentage such "
                "as \"75%\")");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"75%\", "
                     "\"tolerance\": -5}]"),
                IND_EDATA, "t.json: $.targets[0].tolerance: the tolerance is negative");
    parse_fails(AREA("\"targets\": [{\"measure\": \"a.b\", \"target\": \"75%\", "
                     "\"scope\": \"ytd\"}]"),
                IND_EDATA, "t.json: $.targets[0].scope: unknown value \"ytd\" (expected "
                           "period, year-to-date or pro-rata)");
    parse_fails(AREA("\"projects\": [{\"id\": \"p\", \"due\": \"2024-02-30\"}]"), IND_EDATA,
                "t.json: $.projects[0].due: date \"2024-02-30\": no such day in the calendar");
    parse_fails(AREA("\"projects\": [{\"id\": \"p\", \"revised\": \"2024-02-03\"}]"), IND_EDATA,
                "t.json: $.projects[0].revised: a revised date needs the original \"due\" date");
    parse_fails(AREA("\"projects\": [{\"id\": \"p\"}, {\"id\": \"p\"}]"), IND_EDATA,
                "t.json: $.projects[1].id: project p is given twice (also at t.json: "
                "$.projects[0])");
    parse_fails(AREA("\"projects\": [{\"id\": \"p\", \"slippage_days\": 1.5}]"), IND_EDATA,
                "t.json: $.projects[0].slippage_days: 1.5 is not a whole number of days from "
                "0 to 36525");
    parse_fails(AREA("\"as_at\": \"20 December 2023\""), IND_EDATA,
                "t.json: $.as_at: date \"20 December 2023\": not an ISO date: expected "
                "YYYY-MM-DD, such as 2024-01-31");
    parse_fails(AREA("\"status_rules\": {\"tolerance\": 10}"), IND_EDATA,
                "t.json: $.status_rules.tolerance: the default tolerance is a percent of the "
                "target, such as \"10%\" (points or amounts suit only some measures: set them "
                "on a target)");
    parse_fails(AREA("\"status_rules\": {\"colour\": 10}"), IND_EDATA,
                "t.json: $.status_rules: unknown key \"colour\"");
    parse_fails(AREA("\"targets\": {}"), IND_EDATA, "t.json: $.targets: expected an array, "
                                                    "found an object");
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_parse),
        cmocka_unit_test(test_decimal_from_double),
        cmocka_unit_test(test_amount_parse),
        cmocka_unit_test(test_amount_format),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_period),
        cmocka_unit_test(test_judge_seed_figures),
        cmocka_unit_test(test_judge_boundaries),
        cmocka_unit_test(test_judge_polarities),
        cmocka_unit_test(test_judge_tolerance_forms),
        cmocka_unit_test(test_judge_refusals),
        cmocka_unit_test(test_projects),
        cmocka_unit_test(test_step_at),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_json_every_key),
        cmocka_unit_test(test_json_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
