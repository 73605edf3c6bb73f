/*
** test_period.c: unit tests for period.h: every label form, the kinds a
** label could be, ambiguity and hints, every refusal with its message,
** canonical labels, adding periods and first and last days (leap years
** included). Ordinals and dates are worked by hand in the comments.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/period.h"

#define FY (1u << IND_PERIOD_FINANCIAL_YEAR)
#define RY (1u << IND_PERIOD_REPORTING_YEAR)
#define CY (1u << IND_PERIOD_CALENDAR_YEAR)
#define FQ (1u << IND_PERIOD_FINANCIAL_QUARTER)
#define MO (1u << IND_PERIOD_MONTH)

static void parses_as(const char *label, ind_period_kind hint,
                      ind_period_kind kind, int32_t ordinal)
{
    ind_period p = {IND_PERIOD_NONE, 0};
    ind_error err = {0};
    int rc = ind_period_parse(label, hint, &p, &err);
    if (rc != IND_OK)
        fail_msg("\"%s\": %s", label, err.message);
    if (p.kind != kind || p.ordinal != ordinal)
        fail_msg("\"%s\": got kind %d ordinal %d, expected %d %d", label,
                 (int)p.kind, (int)p.ordinal, (int)kind, (int)ordinal);
}

static void refused(const char *label, ind_period_kind hint, const char *message)
{
    ind_period p;
    ind_error err = {0};
    assert_int_equal(ind_period_parse(label, hint, &p, &err), IND_EDATA);
    assert_int_equal(err.code, IND_EDATA);
    assert_string_equal(err.message, message);
}

static void test_financial_year_forms(void **state)
{
    (void)state;
    /* The ordinal is the start year. */
    parses_as("2023-24", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2023);
    parses_as("2023/24", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2023);
    parses_as("2023-2024", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2023);
    parses_as("2023/2024", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2023);
    /* 1999-00: the second year wraps to 00. */
    parses_as("1999-00", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 1999);
    parses_as("1999-2000", IND_PERIOD_FINANCIAL_YEAR, IND_PERIOD_FINANCIAL_YEAR, 1999);
    /* The range is inclusive at both ends. */
    parses_as("1900-01", IND_PERIOD_FINANCIAL_YEAR, IND_PERIOD_FINANCIAL_YEAR, 1900);
    parses_as("2199-00", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2199);
    /* Reporting years are written alike and chosen by the hint only. */
    parses_as("2023-24", IND_PERIOD_REPORTING_YEAR, IND_PERIOD_REPORTING_YEAR, 2023);
    parses_as("2023/2024", IND_PERIOD_REPORTING_YEAR, IND_PERIOD_REPORTING_YEAR, 2023);
}

static void test_other_forms(void **state)
{
    (void)state;
    parses_as("2023", IND_PERIOD_NONE, IND_PERIOD_CALENDAR_YEAR, 2023);
    parses_as("1900", IND_PERIOD_CALENDAR_YEAR, IND_PERIOD_CALENDAR_YEAR, 1900);
    parses_as("2199", IND_PERIOD_NONE, IND_PERIOD_CALENDAR_YEAR, 2199);
    /* Quarters: 2023*4 + (q - 1); 2023*4 = 8092. */
    parses_as("2023-24 Q1", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_QUARTER, 8092);
    parses_as("2023-24 Q2", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_QUARTER, 8093);
    parses_as("2023/24 Q3", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_QUARTER, 8094);
    parses_as("Q4 2023-24", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_QUARTER, 8095);
    parses_as("Q2 2023/2024", IND_PERIOD_FINANCIAL_QUARTER,
              IND_PERIOD_FINANCIAL_QUARTER, 8093);
    /* Months: 2024*12 + (m - 1); 2024*12 = 24288. */
    parses_as("2024-01", IND_PERIOD_NONE, IND_PERIOD_MONTH, 24288);
    parses_as("2024-03", IND_PERIOD_NONE, IND_PERIOD_MONTH, 24290);
    parses_as("2024-12", IND_PERIOD_MONTH, IND_PERIOD_MONTH, 24299);
}

static void test_ambiguous_labels(void **state)
{
    (void)state;
    /* "2011-12" is the financial year 2011-12 and December 2011
    ** (2011*12 + 11 = 24143); alone it reads as the financial year. */
    parses_as("2011-12", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2011);
    parses_as("2011-12", IND_PERIOD_MONTH, IND_PERIOD_MONTH, 24143);
    parses_as("2011-12", IND_PERIOD_REPORTING_YEAR, IND_PERIOD_REPORTING_YEAR, 2011);
    /* "2000-01" likewise: January 2000 is 24000. */
    parses_as("2000-01", IND_PERIOD_NONE, IND_PERIOD_FINANCIAL_YEAR, 2000);
    parses_as("2000-01", IND_PERIOD_MONTH, IND_PERIOD_MONTH, 24000);
}

static void test_kinds_possible(void **state)
{
    (void)state;
    assert_int_equal(ind_period_kinds_possible("2011-12"), FY | RY | MO);
    assert_int_equal(ind_period_kinds_possible("2009-10"), FY | RY | MO);
    assert_int_equal(ind_period_kinds_possible("2023-24"), FY | RY);
    assert_int_equal(ind_period_kinds_possible("2023/24"), FY | RY);
    assert_int_equal(ind_period_kinds_possible("2023-2024"), FY | RY);
    assert_int_equal(ind_period_kinds_possible("2023"), CY);
    assert_int_equal(ind_period_kinds_possible("2023-24 Q2"), FQ);
    assert_int_equal(ind_period_kinds_possible("Q1 2023/24"), FQ);
    assert_int_equal(ind_period_kinds_possible("2024-03"), MO);
    assert_int_equal(ind_period_kinds_possible("2023-25"), 0);
    assert_int_equal(ind_period_kinds_possible("2024-13"), 0);
    assert_int_equal(ind_period_kinds_possible("2023-24 Q5"), 0);
    assert_int_equal(ind_period_kinds_possible(" 2023-24"), 0);
    assert_int_equal(ind_period_kinds_possible(""), 0);
    assert_int_equal(ind_period_kinds_possible("1899"), 0);
    assert_int_equal(ind_period_kinds_possible(NULL), 0);
}

#define FORMS "2023-24, 2023/24, 2023-2024, 2023-24 Q2, Q2 2023-24, 2024-03 or 2023"

static void test_refusals(void **state)
{
    (void)state;
    refused("2023-25", IND_PERIOD_NONE,
            "period \"2023-25\": the second year must follow the first");
    refused("2023/25", IND_PERIOD_NONE,
            "period \"2023/25\": the second year must follow the first");
    refused("2023-2025", IND_PERIOD_NONE,
            "period \"2023-2025\": the second year must follow the first");
    refused("2023-25", IND_PERIOD_FINANCIAL_YEAR,
            "period \"2023-25\": the second year must follow the first");
    /* 13 and 00 could be a month typed wrongly as well as a year. */
    refused("2024-13", IND_PERIOD_NONE,
            "period \"2024-13\": neither a month (01 to 12) nor a financial "
            "year (the second year must follow the first)");
    refused("2024-00", IND_PERIOD_NONE,
            "period \"2024-00\": neither a month (01 to 12) nor a financial "
            "year (the second year must follow the first)");
    refused("2024-13", IND_PERIOD_MONTH, "period \"2024-13\": month 13 is not 01 to 12");
    refused("2024-00", IND_PERIOD_MONTH, "period \"2024-00\": month 00 is not 01 to 12");
    refused("2023-24 Q0", IND_PERIOD_NONE,
            "period \"2023-24 Q0\": quarter Q0 is not Q1 to Q4");
    refused("Q5 2023-24", IND_PERIOD_NONE,
            "period \"Q5 2023-24\": quarter Q5 is not Q1 to Q4");
    refused("2023-25 Q1", IND_PERIOD_NONE,
            "period \"2023-25 Q1\": the second year must follow the first");
    refused("1899-00", IND_PERIOD_NONE, "period \"1899-00\": year 1899 is outside 1900 to 2199");
    refused("2200", IND_PERIOD_NONE, "period \"2200\": year 2200 is outside 1900 to 2199");
    refused("1899-12", IND_PERIOD_MONTH, "period \"1899-12\": year 1899 is outside 1900 to 2199");
    refused("2200-21 Q1", IND_PERIOD_NONE,
            "period \"2200-21 Q1\": year 2200 is outside 1900 to 2199");
    refused("2023-24x", IND_PERIOD_NONE,
            "period \"2023-24x\": not a period label (expected a form such as " FORMS ")");
    refused("23-24", IND_PERIOD_NONE,
            "period \"23-24\": not a period label (expected a form such as " FORMS ")");
    refused("2023-24  Q1", IND_PERIOD_NONE,
            "period \"2023-24  Q1\": not a period label (expected a form such as " FORMS ")");
    refused("2023-24 q1", IND_PERIOD_NONE,
            "period \"2023-24 q1\": not a period label (expected a form such as " FORMS ")");
    refused("2024-3", IND_PERIOD_NONE,
            "period \"2024-3\": not a period label (expected a form such as " FORMS ")");
    /* Spaces are refused, not trimmed. */
    refused(" 2023-24", IND_PERIOD_NONE,
            "period \" 2023-24\": leading or trailing space (expected a form such as " FORMS ")");
    refused("2023-24 ", IND_PERIOD_NONE,
            "period \"2023-24 \": leading or trailing space (expected a form such as " FORMS ")");
    refused("", IND_PERIOD_NONE,
            "period \"\": empty label (expected a form such as " FORMS ")");
    /* Control characters are escaped so the message stays one line. */
    refused("2023\n", IND_PERIOD_NONE,
            "period \"2023\\x0a\": leading or trailing space (expected a form such as " FORMS ")");
}

static void test_hint_mismatch(void **state)
{
    (void)state;
    refused("2023-24", IND_PERIOD_MONTH,
            "period \"2023-24\": expected a month label (2024-03), found a financial year");
    refused("2024-03", IND_PERIOD_FINANCIAL_YEAR,
            "period \"2024-03\": expected a financial year label (2023-24, 2023/24, "
            "2023-2024 or 2023/2024), found a month");
    refused("2023-24 Q1", IND_PERIOD_CALENDAR_YEAR,
            "period \"2023-24 Q1\": expected a calendar year label (2023), found a "
            "financial quarter");
    refused("2023", IND_PERIOD_FINANCIAL_QUARTER,
            "period \"2023\": expected a financial quarter label (2023-24 Q2, 2023/24 "
            "Q2 or Q2 2023-24), found a calendar year");
    refused("abc", IND_PERIOD_CALENDAR_YEAR,
            "period \"abc\": not a calendar year label (expected 2023)");
    refused("2023/24", IND_PERIOD_MONTH,
            "period \"2023/24\": expected a month label (2024-03), found a financial year");
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ind_period p;
    assert_int_equal(ind_period_parse(NULL, IND_PERIOD_NONE, &p, NULL), IND_EINVAL);
    assert_int_equal(ind_period_parse("2023", IND_PERIOD_NONE, NULL, NULL), IND_EINVAL);
    assert_int_equal(ind_period_parse("2023", (ind_period_kind)42, &p, NULL), IND_EINVAL);
    /* A NULL error buffer is allowed. */
    assert_int_equal(ind_period_parse("2023-25", IND_PERIOD_NONE, &p, NULL), IND_EDATA);
}

static void label_is(ind_period_kind kind, int32_t ordinal, const char *expected)
{
    char buf[IND_PERIOD_LABEL_MAX];
    ind_period p = {kind, ordinal};
    int n = ind_period_label(p, buf, sizeof buf);
    assert_int_equal(n, (int)strlen(expected));
    assert_string_equal(buf, expected);
}

static void test_labels(void **state)
{
    (void)state;
    label_is(IND_PERIOD_FINANCIAL_YEAR, 2023, "2023-24");
    label_is(IND_PERIOD_FINANCIAL_YEAR, 1999, "1999-00");
    label_is(IND_PERIOD_REPORTING_YEAR, 2023, "2023-24");
    label_is(IND_PERIOD_CALENDAR_YEAR, 2023, "2023");
    label_is(IND_PERIOD_FINANCIAL_QUARTER, 8092, "2023-24 Q1");
    label_is(IND_PERIOD_FINANCIAL_QUARTER, 8095, "2023-24 Q4");
    label_is(IND_PERIOD_MONTH, 24288, "2024-01");
    label_is(IND_PERIOD_MONTH, 24299, "2024-12");

    char buf[IND_PERIOD_LABEL_MAX];
    ind_period q = {IND_PERIOD_FINANCIAL_QUARTER, 8093};
    /* "2023-24 Q2" needs 11 bytes with its NUL. */
    assert_int_equal(ind_period_label(q, buf, 10), -1);
    assert_int_equal(ind_period_label(q, buf, 11), 10);
    ind_period none = {IND_PERIOD_NONE, 2023};
    assert_int_equal(ind_period_label(none, buf, sizeof buf), -1);
    ind_period bogus = {(ind_period_kind)42, 2023};
    assert_int_equal(ind_period_label(bogus, buf, sizeof buf), -1);
    ind_period early = {IND_PERIOD_CALENDAR_YEAR, 1899};
    assert_int_equal(ind_period_label(early, buf, sizeof buf), -1);
    ind_period late = {IND_PERIOD_MONTH, 2200 * 12};
    assert_int_equal(ind_period_label(late, buf, sizeof buf), -1);
    ind_period negative = {IND_PERIOD_MONTH, -5};
    assert_int_equal(ind_period_label(negative, buf, sizeof buf), -1);
}

/* Every canonical label reads back as the period that wrote it. */
static void test_label_round_trip(void **state)
{
    (void)state;
    for (int k = IND_PERIOD_FINANCIAL_YEAR; k <= IND_PERIOD_MONTH; k++) {
        int per = ind_period_per_year((ind_period_kind)k);
        for (int32_t o = 1900 * per; o < 2200 * per; o++) {
            ind_period p = {(ind_period_kind)k, o}, back;
            char buf[IND_PERIOD_LABEL_MAX];
            assert_true(ind_period_label(p, buf, sizeof buf) > 0);
            assert_int_equal(ind_period_parse(buf, (ind_period_kind)k, &back, NULL), IND_OK);
            assert_int_equal(back.kind, k);
            assert_int_equal(back.ordinal, o);
        }
    }
}

static void dates_are(ind_period_kind kind, int32_t ordinal, const char *first,
                      const char *last)
{
    char f[11], l[11];
    ind_period p = {kind, ordinal};
    assert_int_equal(ind_period_dates(p, f, l), IND_OK);
    assert_string_equal(f, first);
    assert_string_equal(l, last);
}

static void test_dates(void **state)
{
    (void)state;
    dates_are(IND_PERIOD_FINANCIAL_YEAR, 2023, "2023-04-01", "2024-03-31");
    dates_are(IND_PERIOD_REPORTING_YEAR, 2023, "2023-08-01", "2024-07-31");
    dates_are(IND_PERIOD_CALENDAR_YEAR, 2023, "2023-01-01", "2023-12-31");
    /* Quarters of 2023-24: Q1 April-June ... Q4 January-March 2024. */
    dates_are(IND_PERIOD_FINANCIAL_QUARTER, 8092, "2023-04-01", "2023-06-30");
    dates_are(IND_PERIOD_FINANCIAL_QUARTER, 8093, "2023-07-01", "2023-09-30");
    dates_are(IND_PERIOD_FINANCIAL_QUARTER, 8094, "2023-10-01", "2023-12-31");
    dates_are(IND_PERIOD_FINANCIAL_QUARTER, 8095, "2024-01-01", "2024-03-31");
    /* February: 2024 is a leap year, 2023 not, 1900 not (a century not
    ** divisible by 400), 2000 is (divisible by 400). */
    dates_are(IND_PERIOD_MONTH, 2024 * 12 + 1, "2024-02-01", "2024-02-29");
    dates_are(IND_PERIOD_MONTH, 2023 * 12 + 1, "2023-02-01", "2023-02-28");
    dates_are(IND_PERIOD_MONTH, 1900 * 12 + 1, "1900-02-01", "1900-02-28");
    dates_are(IND_PERIOD_MONTH, 2000 * 12 + 1, "2000-02-01", "2000-02-29");
    dates_are(IND_PERIOD_MONTH, 2023 * 12 + 11, "2023-12-01", "2023-12-31");
    dates_are(IND_PERIOD_MONTH, 2023 * 12 + 3, "2023-04-01", "2023-04-30");
    /* The last financial year ends in 2200. */
    dates_are(IND_PERIOD_FINANCIAL_YEAR, 2199, "2199-04-01", "2200-03-31");

    char f[11], l[11];
    ind_period none = {IND_PERIOD_NONE, 2023};
    assert_int_equal(ind_period_dates(none, f, l), IND_EINVAL);
    ind_period out = {IND_PERIOD_CALENDAR_YEAR, 2200};
    assert_int_equal(ind_period_dates(out, f, l), IND_EINVAL);
}

static void test_add(void **state)
{
    (void)state;
    char buf[IND_PERIOD_LABEL_MAX];
    ind_period fy = {IND_PERIOD_FINANCIAL_YEAR, 2023};
    ind_period r = ind_period_add(fy, 1);
    assert_int_equal(r.kind, IND_PERIOD_FINANCIAL_YEAR);
    assert_int_equal(r.ordinal, 2024);
    r = ind_period_add(fy, -3);
    assert_int_equal(r.ordinal, 2020);
    /* December 2023 + 1 = January 2024. */
    ind_period dec = {IND_PERIOD_MONTH, 2023 * 12 + 11};
    ind_period_label(ind_period_add(dec, 1), buf, sizeof buf);
    assert_string_equal(buf, "2024-01");
    /* 2023-24 Q4 + 1 = 2024-25 Q1; - 4 = 2022-23 Q4. */
    ind_period q4 = {IND_PERIOD_FINANCIAL_QUARTER, 8095};
    ind_period_label(ind_period_add(q4, 1), buf, sizeof buf);
    assert_string_equal(buf, "2024-25 Q1");
    ind_period_label(ind_period_add(q4, -4), buf, sizeof buf);
    assert_string_equal(buf, "2022-23 Q4");
    /* Past int32 there is no period rather than a wrap. */
    ind_period big = {IND_PERIOD_MONTH, INT32_MAX - 1};
    assert_int_equal(ind_period_add(big, 5).kind, IND_PERIOD_NONE);
    ind_period small = {IND_PERIOD_MONTH, INT32_MIN + 1};
    assert_int_equal(ind_period_add(small, -5).kind, IND_PERIOD_NONE);
}

static void test_kind_names(void **state)
{
    (void)state;
    static const char *const names[] = {"financial-year", "reporting-year",
                                        "calendar-year", "financial-quarter",
                                        "month"};
    static const int per[] = {1, 1, 1, 4, 12};
    for (int k = IND_PERIOD_FINANCIAL_YEAR; k <= IND_PERIOD_MONTH; k++) {
        assert_string_equal(ind_period_kind_name((ind_period_kind)k), names[k - 1]);
        assert_int_equal(ind_period_kind_from_name(names[k - 1]), k);
        assert_int_equal(ind_period_per_year((ind_period_kind)k), per[k - 1]);
    }
    assert_string_equal(ind_period_kind_name(IND_PERIOD_NONE), "none");
    assert_string_equal(ind_period_kind_name((ind_period_kind)99), "none");
    assert_int_equal(ind_period_kind_from_name("Financial-Year"), IND_PERIOD_NONE);
    assert_int_equal(ind_period_kind_from_name("none"), IND_PERIOD_NONE);
    assert_int_equal(ind_period_kind_from_name(NULL), IND_PERIOD_NONE);
    assert_int_equal(ind_period_per_year(IND_PERIOD_NONE), 0);
}

/* Position in the financial year: Q1 (April to June) and April are 0, Q4
** and March are the last; yearly kinds are always 0. */
static void test_position_in_year(void **state)
{
    (void)state;
    static const struct { const char *label; ind_period_kind kind; int pos; } cases[] = {
        { "2023-24 Q1", IND_PERIOD_FINANCIAL_QUARTER, 0 },
        { "2023-24 Q2", IND_PERIOD_FINANCIAL_QUARTER, 1 },
        { "2023-24 Q4", IND_PERIOD_FINANCIAL_QUARTER, 3 },
        { "1900-01 Q3", IND_PERIOD_FINANCIAL_QUARTER, 2 },
        { "2023-04", IND_PERIOD_MONTH, 0 },
        { "2023-12", IND_PERIOD_MONTH, 8 },
        { "2024-01", IND_PERIOD_MONTH, 9 },
        { "2024-03", IND_PERIOD_MONTH, 11 },
        { "1900-01", IND_PERIOD_MONTH, 9 },
        { "2023-24", IND_PERIOD_FINANCIAL_YEAR, 0 },
        { "2023", IND_PERIOD_CALENDAR_YEAR, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_period p;
        assert_int_equal(ind_period_parse(cases[i].label, cases[i].kind, &p, NULL), IND_OK);
        assert_int_equal(ind_period_position_in_year(p), cases[i].pos);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_financial_year_forms),
        cmocka_unit_test(test_other_forms),
        cmocka_unit_test(test_ambiguous_labels),
        cmocka_unit_test(test_kinds_possible),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_hint_mismatch),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_label_round_trip),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_add),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_position_in_year),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
