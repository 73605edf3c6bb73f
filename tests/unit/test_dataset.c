/*
** test_dataset.c: unit tests for dataset.h and series.h: the builder's
** rules (sorting, duplicate periods, kind inference and mixed kinds, values,
** ids, area name and code, breaks, limits), its message locations for JSON
** paths and CSV lines, lookups by id and by period, and breaks between
** periods. Expected orders and messages are worked by hand in the comments.
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

#include "indicate/arena.h"
#include "indicate/dataset.h"

/* A series spec as the JSON reader gives it: file "t.json", path set. */
static ind_series_spec json_spec(const char *id, const char *path)
{
    ind_series_spec s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.origin.file = "t.json";
    s.origin.path = path;
    return s;
}

/* And as the CSV reader gives it: no path, the line of the first row. */
static ind_series_spec csv_spec(const char *id, int32_t line)
{
    ind_series_spec s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.origin.file = "t.csv";
    s.origin.line = line;
    return s;
}

static ind_dataset_builder *area_builder(const char *file)
{
    ind_dataset_builder *b = ind_dataset_builder_new(file, NULL);
    assert_non_null(b);
    assert_int_equal(ind_dataset_builder_area(b, "North Lanarkshire", "S12000050",
                                              "CSWO report 2023/24", 0, NULL),
                     IND_OK);
    return b;
}

static void add_values(ind_dataset_builder *b, const char *const *labels,
                       const double *values, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ind_error err = {0};
        int rc = ind_dataset_builder_value(b, labels[i], values[i], 0, (int32_t)i, &err);
        if (rc != IND_OK)
            fail_msg("value %zu: %s", i, err.message);
    }
}

/* Builds one series from labels and values, expecting failure with message. */
static void series_fails(ind_series_spec spec, const char *const *labels,
                         const double *values, size_t n, int code,
                         const char *message)
{
    ind_dataset_builder *b = area_builder("t.json");
    ind_error err = {0};
    int rc = ind_dataset_builder_series(b, &spec, &err);
    for (size_t i = 0; rc == IND_OK && i < n; i++)
        rc = ind_dataset_builder_value(b, labels[i], values[i], 0,
                                       spec.origin.path ? (int32_t)i : (int32_t)(10 + i),
                                       &err);
    if (rc == IND_OK)
        rc = ind_dataset_builder_end_series(b, &err);
    assert_int_equal(rc, code);
    assert_int_equal(err.code, code);
    assert_string_equal(err.message, message);
    /* The first error sticks: finishing gives it again. */
    ind_dataset *ds = (ind_dataset *)1;
    ind_error again = {0};
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &again), code);
    assert_null(ds);
    assert_string_equal(again.message, message);
}

static void test_limits_defaults(void **state)
{
    (void)state;
    ind_limits l = {0};
    ind_limits_defaults(&l);
    assert_int_equal(l.max_series, 10000);
    assert_int_equal(l.max_periods, 10000);
    assert_int_equal(l.max_string, 4096);
    assert_int_equal(l.max_document, 256u * 1024u * 1024u);
    assert_int_equal(l.max_line, 64u * 1024u * 1024u);
    ind_limits m = {5, 6, 7, 8, 9};
    ind_limits_defaults(&m);
    assert_int_equal(m.max_series, 5);
    assert_int_equal(m.max_periods, 6);
    assert_int_equal(m.max_string, 7);
    assert_int_equal(m.max_document, 8);
    assert_int_equal(m.max_line, 9);
    ind_limits_defaults(NULL);
}

/* Unsorted input comes out sorted with label, value, flags and position
** kept together; the label is kept as written. */
static void test_sorts_series(void **state)
{
    (void)state;
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("cp.referrals", "$.series[0]");
    spec.title = "Child protection referrals";
    spec.unit = "count";
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023/24", 2326, IND_VALUE_PROVISIONAL, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2021-22", 1714, 0, 1, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2022-2023", NAN, IND_VALUE_SUPPRESSED, 2, NULL), IND_OK);
    ind_dataset *ds = NULL;
    ind_error err = {0};
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_OK);
    assert_non_null(ds);
    assert_string_equal(ds->area, "North Lanarkshire");
    assert_string_equal(ds->code, "S12000050");
    assert_string_equal(ds->source, "CSWO report 2023/24");
    assert_string_equal(ds->file, "t.json");
    assert_int_equal(ds->is_aggregate, 0);
    assert_int_equal(ds->n_series, 1);
    const ind_series *s = &ds->series[0];
    assert_string_equal(s->id, "cp.referrals");
    assert_string_equal(s->title, "Child protection referrals");
    assert_string_equal(s->unit, "count");
    assert_null(s->source);
    assert_null(s->note);
    assert_int_equal(s->period_kind, IND_PERIOD_FINANCIAL_YEAR);
    assert_int_equal(s->nature, IND_NATURE_FLOW);
    assert_int_equal(s->n, 3);
    /* Sorted: 2021-22 (input 1), 2022-2023 (input 2), 2023/24 (input 0). */
    static const int32_t ord[] = {2021, 2022, 2023};
    static const char *const lab[] = {"2021-22", "2022-2023", "2023/24"};
    static const int32_t pos[] = {1, 2, 0};
    static const uint8_t fl[] = {0, IND_VALUE_SUPPRESSED, IND_VALUE_PROVISIONAL};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(s->ordinal[i], ord[i]);
        assert_string_equal(s->label[i], lab[i]);
        assert_int_equal(s->position[i], pos[i]);
        assert_int_equal(s->flags[i], fl[i]);
    }
    assert_true(s->value[0] == 1714);
    assert_true(isnan(s->value[1]));
    assert_true(s->value[2] == 2326);
    assert_string_equal(s->origin.path, "$.series[0]");
    assert_string_equal(s->origin.file, "t.json");
    assert_int_equal(s->n_breaks, 0);
    assert_null(s->breaks);
    ind_dataset_free(ds);
    ind_dataset_free(NULL);
}

/* Series come out sorted by id; find is a binary search over them; flags is
** NULL when no value has one. */
static void test_series_sorted_and_found(void **state)
{
    (void)state;
    static const char *const ids[] = {"cp.registrations", "asp.referrals",
                                      "cp.referrals", "cjsw.orders", "lac.total"};
    ind_dataset_builder *b = area_builder(NULL);
    for (int i = 0; i < 5; i++) {
        ind_series_spec spec = csv_spec(ids[i], 2 + i);
        assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
        assert_int_equal(ind_dataset_builder_value(b, "2023", i, 0, 2 + i, NULL), IND_OK);
    }
    ind_dataset *ds;
    assert_int_equal(ind_dataset_builder_finish(b, &ds, NULL), IND_OK);
    assert_null(ds->file);
    static const char *const sorted[] = {"asp.referrals", "cjsw.orders",
                                         "cp.referrals", "cp.registrations",
                                         "lac.total"};
    for (int i = 0; i < 5; i++) {
        assert_string_equal(ds->series[i].id, sorted[i]);
        assert_null(ds->series[i].flags);
        assert_ptr_equal(ind_dataset_find(ds, sorted[i]), &ds->series[i]);
    }
    assert_null(ind_dataset_find(ds, "cp"));
    assert_null(ind_dataset_find(ds, "zzz"));
    assert_null(ind_dataset_find(ds, "aaa"));
    assert_null(ind_dataset_find(ds, NULL));
    assert_null(ind_dataset_find(NULL, "cp.referrals"));
    /* cp.referrals was the third given: its value is 2. */
    assert_true(ind_dataset_find(ds, "cp.referrals")->value[0] == 2);
    ind_dataset_free(ds);
}

static ind_period_kind kind_of(const char *const *labels, size_t n,
                               ind_period_kind declared)
{
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("s", "$.series[0]");
    spec.period_kind = declared;
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ind_dataset_builder_value(b, labels[i], 1, 0, (int32_t)i, NULL), IND_OK);
    ind_dataset *ds;
    ind_error err = {0};
    if (ind_dataset_builder_finish(b, &ds, &err) != IND_OK)
        fail_msg("%s", err.message);
    ind_period_kind k = ds->series[0].period_kind;
    ind_dataset_free(ds);
    return k;
}

static void test_inference(void **state)
{
    (void)state;
    /* Every label could be a financial year or a month: financial year. */
    static const char *const fy[] = {"2010-11", "2011-12"};
    assert_int_equal(kind_of(fy, 2, IND_PERIOD_NONE), IND_PERIOD_FINANCIAL_YEAR);
    /* "2012-01" can only be a month, so "2011-12" is December 2011. */
    static const char *const mo[] = {"2011-12", "2012-01"};
    assert_int_equal(kind_of(mo, 2, IND_PERIOD_NONE), IND_PERIOD_MONTH);
    static const char *const q[] = {"2023-24 Q1", "Q2 2023-24"};
    assert_int_equal(kind_of(q, 2, IND_PERIOD_NONE), IND_PERIOD_FINANCIAL_QUARTER);
    static const char *const cy[] = {"2021", "2022"};
    assert_int_equal(kind_of(cy, 2, IND_PERIOD_NONE), IND_PERIOD_CALENDAR_YEAR);
    /* Declared kinds win over the preference. */
    assert_int_equal(kind_of(fy, 2, IND_PERIOD_MONTH), IND_PERIOD_MONTH);
    assert_int_equal(kind_of(fy, 2, IND_PERIOD_REPORTING_YEAR), IND_PERIOD_REPORTING_YEAR);

    /* Read as months, 2010-11 and 2011-12 are 13 months apart. */
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("s", "$.series[0]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2011-12", 1, 0, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2010-11", 1, 0, 1, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2012-01", 1, 0, 2, NULL), IND_OK);
    ind_dataset *ds;
    assert_int_equal(ind_dataset_builder_finish(b, &ds, NULL), IND_OK);
    const ind_series *s = &ds->series[0];
    assert_int_equal(s->ordinal[0], 2010 * 12 + 10);
    assert_int_equal(s->ordinal[1], 2011 * 12 + 11);
    assert_int_equal(s->ordinal[2], 2012 * 12 + 0);
    assert_string_equal(s->label[0], "2010-11");
    ind_dataset_free(ds);
}

static void test_label_errors(void **state)
{
    (void)state;
    static const double v3[] = {1, 2, 3};
    static const char *const mixed[] = {"2022-23", "2023-24", "2024-03"};
    series_fails(json_spec("cp.referrals", "$.series[0]"), mixed, v3, 3, IND_EDATA,
                 "t.json: $.series[0].periods[2]: mixed period kinds in series "
                 "cp.referrals: \"2022-23\" (financial-year) and \"2024-03\" (month)");
    /* The first label a later one cannot share a kind with is named. */
    static const char *const mixed2[] = {"2011-12", "2012-01", "2023"};
    series_fails(csv_spec("cp.referrals", 10), mixed2, v3, 3, IND_EDATA,
                 "t.csv:12: mixed period kinds in series cp.referrals: "
                 "\"2011-12\" (financial-year) and \"2023\" (calendar-year)");
    static const char *const dup[] = {"2023-24", "2022-23", "2023/24"};
    series_fails(json_spec("cp.referrals", "$.series[1]"), dup, v3, 3, IND_EDATA,
                 "t.json: $.series[1].periods[2]: duplicate period in series "
                 "cp.referrals: \"2023/24\" is the same period as \"2023-24\" "
                 "(periods[0])");
    series_fails(csv_spec("cp.referrals", 10), dup, v3, 3, IND_EDATA,
                 "t.csv:12: duplicate period in series cp.referrals: \"2023/24\" "
                 "is the same period as \"2023-24\" (line 10)");
    static const char *const bad[] = {"2022-23", "2023-25", "2024-25"};
    series_fails(csv_spec("cp.referrals", 10), bad, v3, 3, IND_EDATA,
                 "t.csv:11: period \"2023-25\" in series cp.referrals: the second "
                 "year must follow the first");
    ind_series_spec month = json_spec("cp.referrals", "$.series[0]");
    month.period_kind = IND_PERIOD_MONTH;
    static const char *const fy[] = {"2011-12", "2023-24"};
    series_fails(month, fy, v3, 2, IND_EDATA,
                 "t.json: $.series[0].periods[1]: period \"2023-24\" in series "
                 "cp.referrals: expected a month label (2024-03), found a financial year");
}

static void test_value_errors(void **state)
{
    (void)state;
    static const char *const l2[] = {"2022-23", "2023-24"};
    static const double neg[] = {1895, -3};
    series_fails(json_spec("cp.referrals", "$.series[2]"), l2, neg, 2, IND_EDATA,
                 "t.json: $.series[2].values[1]: negative value -3 in series "
                 "cp.referrals (counts cannot be negative)");
    static const double negf[] = {-0.25, 1};
    series_fails(csv_spec("cp.referrals", 10), l2, negf, 2, IND_EDATA,
                 "t.csv:10: negative value -0.25 in series cp.referrals (counts "
                 "cannot be negative)");
    static const double inf[] = {1, INFINITY};
    series_fails(json_spec("cp.referrals", "$.series[0]"), l2, inf, 2, IND_EDATA,
                 "t.json: $.series[0].values[1]: value in series cp.referrals is "
                 "not a finite number");
    static const double minf[] = {-INFINITY, 1};
    series_fails(json_spec("cp.referrals", "$.series[0]"), l2, minf, 2, IND_EDATA,
                 "t.json: $.series[0].values[0]: value in series cp.referrals is "
                 "not a finite number");
    series_fails(json_spec("cp.referrals", "$.series[0]"), l2, neg, 0, IND_EDATA,
                 "t.json: $.series[0].periods: series cp.referrals has no periods");

    /* A signed series takes negative values; -0 is not negative anyway. */
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("finance.balance", "$.series[0]");
    spec.is_signed = 1;
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    add_values(b, l2, neg, 2);
    ind_series_spec spec2 = json_spec("cp.referrals", "$.series[1]");
    assert_int_equal(ind_dataset_builder_series(b, &spec2, NULL), IND_OK);
    static const double zero[] = {-0.0, NAN};
    add_values(b, l2, zero, 2);
    ind_dataset *ds;
    assert_int_equal(ind_dataset_builder_finish(b, &ds, NULL), IND_OK);
    assert_true(ind_dataset_find(ds, "finance.balance")->value[1] == -3);
    assert_int_equal(ind_dataset_find(ds, "finance.balance")->is_signed, 1);
    ind_dataset_free(ds);
}

static void test_ids(void **state)
{
    (void)state;
    assert_true(ind_id_valid("cp.referrals"));
    assert_true(ind_id_valid("a"));
    assert_true(ind_id_valid("cjsw.unpaid_work.hours_2"));
    assert_true(ind_id_valid("0.1_"));
    assert_false(ind_id_valid(""));
    assert_false(ind_id_valid(NULL));
    assert_false(ind_id_valid("CP.referrals"));
    assert_false(ind_id_valid("cp..referrals"));
    assert_false(ind_id_valid(".cp"));
    assert_false(ind_id_valid("cp."));
    assert_false(ind_id_valid("cp-referrals"));
    assert_false(ind_id_valid("cp referrals"));
    char id[80];
    memset(id, 'a', 64);
    id[64] = '\0';
    assert_true(ind_id_valid(id)); /* 64 bytes */
    id[64] = 'a';
    id[65] = '\0';
    assert_false(ind_id_valid(id)); /* 65 bytes */

    static const char *const l1[] = {"2023-24"};
    static const double v1[] = {1};
    series_fails(json_spec("CP.Referrals", "$.series[0]"), l1, v1, 1, IND_EDATA,
                 "t.json: $.series[0].id: invalid series id \"CP.Referrals\" "
                 "(expected lower-case letters, digits and underscores in "
                 "dot-separated parts, at most 64 bytes)");

    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec s0 = json_spec("cp.referrals", "$.series[0]");
    ind_series_spec s1 = json_spec("cp.referrals", "$.series[1]");
    ind_error err = {0};
    assert_int_equal(ind_dataset_builder_series(b, &s0, &err), IND_OK);
    add_values(b, l1, v1, 1);
    assert_int_equal(ind_dataset_builder_series(b, &s1, &err), IND_EDATA);
    assert_string_equal(err.message,
                        "t.json: $.series[1].id: series cp.referrals is given twice");
    ind_dataset_builder_free(b);
}

static int area_fails(const char *area, const char *code, const ind_limits *lim,
                      ind_error *err)
{
    ind_dataset_builder *b = ind_dataset_builder_new("t.json", lim);
    int rc = ind_dataset_builder_area(b, area, code, NULL, 1, err);
    ind_dataset_builder_free(b);
    return rc;
}

static void test_area(void **state)
{
    (void)state;
    ind_error err = {0};
    assert_int_equal(area_fails("", NULL, NULL, &err), IND_EDATA);
    assert_string_equal(err.message, "t.json: area name is empty");
    /* 200 characters are fine even when each is two bytes; 201 are not. */
    char name[512] = {0};
    for (int i = 0; i < 200; i++)
        memcpy(name + 2 * i, "\xc3\xa9", 2); /* é */
    assert_int_equal(area_fails(name, NULL, NULL, &err), IND_OK);
    memset(name, 0, sizeof name);
    memset(name, 'x', 201);
    assert_int_equal(area_fails(name, NULL, NULL, &err), IND_EDATA);
    assert_true(strncmp(err.message, "t.json: area name \"xxx", 22) == 0);
    assert_non_null(strstr(err.message, "...\" is longer than 200 characters"));
    /* GSS codes. */
    assert_int_equal(area_fails("Fife", "S12000047", NULL, &err), IND_OK);
    const char *bad[] = {"S1200004", "S120000470", "s12000047", "S1200004X", "", "12000047S"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(area_fails("Fife", bad[i], NULL, &err), IND_EDATA);
        char expect[256];
        snprintf(expect, sizeof expect,
                 "t.json: GSS code \"%s\" of area \"Fife\" is not a "
                 "capital letter followed by 8 digits", bad[i]);
        assert_string_equal(err.message, expect);
    }
    /* Strings over the limit. */
    ind_limits small = {0};
    small.max_string = 8;
    assert_int_equal(area_fails("Dumfries and Galloway", NULL, &small, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: area name is longer than 8 bytes");
    assert_int_equal(area_fails("Fife", "S12000047", &small, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: GSS code is longer than 8 bytes");

    /* Without a file, the message is the problem alone. */
    ind_dataset_builder *b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_area(b, "", NULL, NULL, 0, &err), IND_EDATA);
    assert_string_equal(err.message, "area name is empty");
    ind_dataset_builder_free(b);
}

static void test_finish_errors(void **state)
{
    (void)state;
    ind_dataset *ds;
    ind_error err = {0};
    ind_dataset_builder *b = ind_dataset_builder_new("t.json", NULL);
    assert_int_equal(ind_dataset_builder_area(b, "Fife", NULL, NULL, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_EDATA);
    assert_null(ds);
    assert_string_equal(err.message, "t.json: area \"Fife\" has no series");

    b = ind_dataset_builder_new("t.json", NULL);
    ind_series_spec spec = json_spec("a", "$.series[0]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023", 1, 0, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_EDATA);
    assert_string_equal(err.message, "t.json: no area name");

    /* Misuse is IND_EINVAL. */
    b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_value(b, "2023", 1, 0, 0, &err), IND_EINVAL);
    ind_dataset_builder_free(b);
    b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_break(b, "2023", NULL, &err), IND_EINVAL);
    ind_dataset_builder_free(b);
    b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_series(b, NULL, &err), IND_EINVAL);
    ind_dataset_builder_free(b);
    b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023", 1, 4, 0, &err), IND_EINVAL);
    ind_dataset_builder_free(b);
    b = ind_dataset_builder_new(NULL, NULL);
    assert_int_equal(ind_dataset_builder_area(b, "A", NULL, NULL, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_area(b, "B", NULL, NULL, 0, &err), IND_EINVAL);
    ind_dataset_builder_free(b);
    assert_int_equal(ind_dataset_builder_finish(NULL, &ds, &err), IND_EINVAL);
    ind_dataset_builder_free(NULL);
    assert_null(ind_dataset_builder_arena(NULL));
}

static void test_limits(void **state)
{
    (void)state;
    ind_limits lim = {0};
    lim.max_periods = 3;
    lim.max_series = 2;
    lim.max_string = 16;
    ind_error err = {0};

    ind_dataset_builder *b = ind_dataset_builder_new("t.json", &lim);
    ind_series_spec spec = json_spec("cp.referrals", "$.series[0]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    static const char *const l4[] = {"2020-21", "2021-22", "2022-23", "2023-24"};
    for (int i = 0; i < 3; i++)
        assert_int_equal(ind_dataset_builder_value(b, l4[i], 1, 0, i, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, l4[3], 1, 0, 3, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: $.series[0].periods[3]: series "
                                     "cp.referrals has more than 3 periods");
    ind_dataset_builder_free(b);

    /* Three periods spanning four: 2020-21 to 2023-24. */
    b = ind_dataset_builder_new("t.json", &lim);
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, l4[0], 1, 0, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, l4[3], 1, 0, 1, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_end_series(b, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: $.series[0].periods: series "
                                     "cp.referrals spans 4 periods, more than the "
                                     "limit of 3");
    ind_dataset_builder_free(b);

    b = ind_dataset_builder_new("t.json", &lim);
    const char *ids[] = {"a", "b", "c"};
    for (int i = 0; i < 2; i++) {
        ind_series_spec s = json_spec(ids[i], "$.series[x]");
        assert_int_equal(ind_dataset_builder_series(b, &s, NULL), IND_OK);
        assert_int_equal(ind_dataset_builder_value(b, "2023", 1, 0, 0, NULL), IND_OK);
    }
    ind_series_spec s3 = json_spec("c", "$.series[2]");
    assert_int_equal(ind_dataset_builder_series(b, &s3, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: $.series[2].id: series c: more than "
                                     "2 series in one area");
    ind_dataset_builder_free(b);

    b = ind_dataset_builder_new("t.json", &lim);
    ind_series_spec st = json_spec("cp.referrals", "$.series[0]");
    st.note = "a note of more than sixteen bytes";
    assert_int_equal(ind_dataset_builder_series(b, &st, &err), IND_ELIMIT);
    assert_string_equal(err.message, "t.json: $.series[0].note: note of series "
                                     "cp.referrals is longer than 16 bytes");
    ind_dataset_builder_free(b);

    b = ind_dataset_builder_new("t.csv", &lim);
    ind_series_spec sc = csv_spec("cp.referrals", 4);
    assert_int_equal(ind_dataset_builder_series(b, &sc, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023-24 and more text", 1, 0, 9, &err),
                     IND_ELIMIT);
    assert_string_equal(err.message, "t.csv:9: period label in series cp.referrals "
                                     "is longer than 16 bytes");
    ind_dataset_builder_free(b);
}

static void test_breaks(void **state)
{
    (void)state;
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("asp.inquiries", "$.series[0]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    static const char *const l[] = {"2019-20", "2020-21", "2021-22", "2022-23", "2023-24"};
    static const double v[] = {1, 2, 3, 4, 5};
    add_values(b, l, v, 5);
    /* Given out of order; kept sorted. */
    assert_int_equal(ind_dataset_builder_break(b, "2023/24", "investigatory only", NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_break(b, "2021-22", NULL, NULL), IND_OK);
    ind_dataset *ds;
    ind_error err = {0};
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_OK);
    const ind_series *s = &ds->series[0];
    assert_int_equal(s->n_breaks, 2);
    assert_int_equal(s->breaks[0].ordinal, 2021);
    assert_null(s->breaks[0].note);
    assert_int_equal(s->breaks[1].ordinal, 2023);
    assert_string_equal(s->breaks[1].note, "investigatory only");
    /* (from, to]: a break at 2021 lies between 2020 and 2021, not between
    ** 2021 and 2022; either order of the ends. */
    assert_true(ind_series_breaks_between(s, 2020, 2021));
    assert_true(ind_series_breaks_between(s, 2021, 2020));
    assert_false(ind_series_breaks_between(s, 2021, 2022));
    assert_true(ind_series_breaks_between(s, 2021, 2023));
    assert_true(ind_series_breaks_between(s, 2019, 2024));
    assert_false(ind_series_breaks_between(s, 2023, 2024));
    assert_false(ind_series_breaks_between(s, 2000, 2020));
    assert_false(ind_series_breaks_between(s, 2022, 2022));
    assert_false(ind_series_breaks_between(NULL, 2020, 2021));
    /* Index by ordinal. */
    assert_int_equal(ind_series_index(s, 2019), 0);
    assert_int_equal(ind_series_index(s, 2023), 4);
    assert_int_equal(ind_series_index(s, 2021), 2);
    assert_int_equal(ind_series_index(s, 2018), -1);
    assert_int_equal(ind_series_index(s, 2024), -1);
    assert_int_equal(ind_series_index(NULL, 2024), -1);
    ind_dataset_free(ds);
}

static void break_fails(const char *const *breaks, size_t n, const char *message)
{
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("asp.inquiries", "$.series[1]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    static const char *const l[] = {"2022-23", "2023-24"};
    static const double v[] = {1, 2};
    add_values(b, l, v, 2);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ind_dataset_builder_break(b, breaks[i], NULL, NULL), IND_OK);
    ind_dataset *ds;
    ind_error err = {0};
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_EDATA);
    assert_string_equal(err.message, message);
}

static void test_break_errors(void **state)
{
    (void)state;
    static const char *const absent[] = {"2019-20"};
    break_fails(absent, 1,
                "t.json: $.series[1].breaks[0].from: break from \"2019-20\" in "
                "series asp.inquiries is not one of its periods");
    static const char *const twice[] = {"2023-24", "2022-23", "2023/24"};
    break_fails(twice, 3,
                "t.json: $.series[1].breaks[2].from: break from \"2023/24\" in "
                "series asp.inquiries repeats the break from \"2023-24\"");
    static const char *const bad[] = {"2023-25"};
    break_fails(bad, 1,
                "t.json: $.series[1].breaks[0].from: break from \"2023-25\" in "
                "series asp.inquiries: the second year must follow the first");
    static const char *const kind[] = {"2023"};
    break_fails(kind, 1,
                "t.json: $.series[1].breaks[0].from: break from \"2023\" in series "
                "asp.inquiries: expected a financial year label (2023-24, 2023/24, "
                "2023-2024 or 2023/2024), found a calendar year");
}

/* A long series in reverse order sorts; an already sorted one is kept. */
static void test_long_series(void **state)
{
    (void)state;
    const int n = 3600; /* every month 1900-01 .. 2199-12 */
    ind_dataset_builder *b = area_builder("t.json");
    ind_series_spec spec = json_spec("m", "$.series[0]");
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    for (int i = n - 1; i >= 0; i--) {
        char label[16];
        snprintf(label, sizeof label, "%04d-%02d", 1900 + i / 12, i % 12 + 1);
        assert_int_equal(ind_dataset_builder_value(b, label, i, 0, n - 1 - i, NULL), IND_OK);
    }
    ind_series_spec sorted = json_spec("n", "$.series[1]");
    assert_int_equal(ind_dataset_builder_series(b, &sorted, NULL), IND_OK);
    for (int i = 0; i < n; i++) {
        char label[16];
        snprintf(label, sizeof label, "%04d-%02d", 1900 + i / 12, i % 12 + 1);
        assert_int_equal(ind_dataset_builder_value(b, label, i, 0, i, NULL), IND_OK);
    }
    ind_dataset *ds;
    ind_error err = {0};
    if (ind_dataset_builder_finish(b, &ds, &err) != IND_OK)
        fail_msg("%s", err.message);
    for (size_t k = 0; k < 2; k++) {
        const ind_series *s = &ds->series[k];
        assert_int_equal(s->period_kind, IND_PERIOD_MONTH);
        for (int i = 0; i < n; i++) {
            assert_int_equal(s->ordinal[i], 1900 * 12 + i);
            assert_true(s->value[i] == i);
        }
    }
    assert_string_equal(ds->series[0].label[0], "1900-01");
    assert_int_equal(ds->series[0].position[0], n - 1);
    ind_dataset_free(ds);
}

/* Whatever is allocated from the builder's arena lives as long as the
** dataset. */
static void test_arena_handed_over(void **state)
{
    (void)state;
    ind_dataset_builder *b = area_builder(NULL);
    ind_arena *a = ind_dataset_builder_arena(b);
    assert_non_null(a);
    char *extra = ind_arena_strdup(a, "kept with the dataset");
    ind_series_spec spec = csv_spec("a", 2);
    assert_int_equal(ind_dataset_builder_series(b, &spec, NULL), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023", 1, 0, 2, NULL), IND_OK);
    ind_dataset *ds;
    assert_int_equal(ind_dataset_builder_finish(b, &ds, NULL), IND_OK);
    assert_ptr_equal(ds->arena, a);
    assert_string_equal(extra, "kept with the dataset");
    ind_dataset_free(ds);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limits_defaults),
        cmocka_unit_test(test_sorts_series),
        cmocka_unit_test(test_series_sorted_and_found),
        cmocka_unit_test(test_inference),
        cmocka_unit_test(test_label_errors),
        cmocka_unit_test(test_value_errors),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_area),
        cmocka_unit_test(test_finish_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_breaks),
        cmocka_unit_test(test_break_errors),
        cmocka_unit_test(test_long_series),
        cmocka_unit_test(test_arena_handed_over),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
