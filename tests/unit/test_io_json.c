/*
** test_io_json.c: unit tests for io_json.h: one area object with every key,
** keys in any order, and each refusal with its JSON path: unknown, repeated
** and missing keys, wrong types, lengths that differ, unknown flags, period
** types and natures, values too large to be finite, and malformed JSON with
** its line and column (counted from the record's line for JSON Lines).
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

static ind_dataset *parse_ok(const char *text)
{
    ind_dataset *ds = NULL;
    ind_error err = {0};
    int rc = ind_json_parse_area("t.json", "$", 0, text, strlen(text), NULL, &ds, &err);
    if (rc != IND_OK)
        fail_msg("%s", err.message);
    assert_non_null(ds);
    return ds;
}

static void parse_fails(const char *text, int code, const char *message)
{
    ind_dataset *ds = (ind_dataset *)1;
    ind_error err = {0};
    int rc = ind_json_parse_area("t.json", "$", 0, text, strlen(text), NULL, &ds, &err);
    assert_int_equal(rc, code);
    assert_null(ds);
    assert_int_equal(err.code, code);
    assert_string_equal(err.message, message);
}

/* An area with one series whose body is given: {"area":"Fife","series":[{...}]} */
#define AREA(series) "{\"area\": \"Fife\", \"series\": [" series "]}"
#define CP "\"id\": \"cp.referrals\", "

static void test_every_key(void **state)
{
    (void)state;
    ind_dataset *ds = parse_ok(
        "{\"series\": [\n"
        "  {\"note\": \"n\", \"breaks\": [{\"note\": \"why\", \"from\": \"2023-24\"}],\n"
        "   \"flags\": [null, \"suppressed\", \"provisional\"], \"values\": [1, null, 2.5],\n"
        "   \"periods\": [\"2021-22\", \"2022-23\", \"2023-24\"], \"signed\": false,\n"
        "   \"nature\": \"snapshot\", \"period_type\": \"reporting-year\", \"source\": \"s\",\n"
        "   \"unit\": \"count\", \"title\": \"Referrals\", \"id\": \"cp.referrals\"},\n"
        "  {\"id\": \"finance.balance\", \"signed\": true, \"periods\": [\"2023\"], \"values\": [-5]}\n"
        " ],\n"
        " \"aggregate\": true, \"source\": \"Scottish Government\", \"code\": \"S92000003\",\n"
        " \"area\": \"Scotland\"}");
    assert_string_equal(ds->area, "Scotland");
    assert_string_equal(ds->code, "S92000003");
    assert_string_equal(ds->source, "Scottish Government");
    assert_int_equal(ds->is_aggregate, 1);
    assert_string_equal(ds->file, "t.json");
    assert_int_equal(ds->n_series, 2);
    const ind_series *s = ind_dataset_find(ds, "cp.referrals");
    assert_non_null(s);
    assert_string_equal(s->title, "Referrals");
    assert_string_equal(s->unit, "count");
    assert_string_equal(s->source, "s");
    assert_string_equal(s->note, "n");
    assert_int_equal(s->period_kind, IND_PERIOD_REPORTING_YEAR);
    assert_int_equal(s->nature, IND_NATURE_SNAPSHOT);
    assert_int_equal(s->is_signed, 0);
    assert_int_equal(s->n, 3);
    assert_true(s->value[0] == 1);
    assert_true(isnan(s->value[1]));
    assert_true(s->value[2] == 2.5);
    assert_int_equal(s->flags[0], 0);
    assert_int_equal(s->flags[1], IND_VALUE_SUPPRESSED);
    assert_int_equal(s->flags[2], IND_VALUE_PROVISIONAL);
    assert_int_equal(s->n_breaks, 1);
    assert_int_equal(s->breaks[0].ordinal, 2023);
    assert_string_equal(s->breaks[0].note, "why");
    assert_string_equal(s->origin.path, "$.series[0]");
    const ind_series *f = ind_dataset_find(ds, "finance.balance");
    assert_true(f->value[0] == -5);
    assert_int_equal(f->period_kind, IND_PERIOD_CALENDAR_YEAR);
    assert_null(f->flags);
    assert_string_equal(f->origin.path, "$.series[1]");
    ind_dataset_free(ds);
}

/* The label is kept as written: "2023/24" prints back as "2023/24". */
static void test_labels_kept(void **state)
{
    (void)state;
    ind_dataset *ds = parse_ok(AREA("{" CP "\"periods\": [\"2023/24\", \"2022-2023\"], "
                                    "\"values\": [2, 1]}"));
    const ind_series *s = &ds->series[0];
    assert_string_equal(s->label[0], "2022-2023");
    assert_string_equal(s->label[1], "2023/24");
    assert_int_equal(s->position[1], 0);
    ind_dataset_free(ds);
}

static void test_keys(void **state)
{
    (void)state;
    parse_fails("{\"area\": \"Fife\", \"Series\": []}", IND_EDATA,
                "t.json: $: unknown key \"Series\"");
    parse_fails(AREA("{" CP "\"periods\": [], \"valeus\": []}"), IND_EDATA,
                "t.json: $.series[0]: unknown key \"valeus\"");
    parse_fails("{\"area\": \"Fife\", \"area\": \"Fife\", \"series\": []}", IND_EDATA,
                "t.json: $: key \"area\" given twice");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], \"values\": [2]}"),
                IND_EDATA, "t.json: $.series[0]: key \"values\" given twice");
    parse_fails("{\"series\": []}", IND_EDATA, "t.json: $: missing key \"area\"");
    parse_fails("{\"area\": \"Fife\"}", IND_EDATA, "t.json: $: missing key \"series\"");
    parse_fails(AREA("{\"periods\": [], \"values\": []}"), IND_EDATA,
                "t.json: $.series[0]: missing key \"id\"");
    parse_fails(AREA("{" CP "\"values\": []}"), IND_EDATA,
                "t.json: $.series[0]: missing key \"periods\"");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], "
                     "\"breaks\": [{\"form\": \"2023\"}]}"),
                IND_EDATA, "t.json: $.series[0].breaks[0]: unknown key \"form\"");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], "
                     "\"breaks\": [{\"note\": \"x\"}]}"),
                IND_EDATA, "t.json: $.series[0].breaks[0]: missing key \"from\"");
}

static void test_types(void **state)
{
    (void)state;
    parse_fails("{\"area\": 5, \"series\": []}", IND_EDATA,
                "t.json: $.area: expected a string, found a number");
    parse_fails("{\"area\": \"Fife\", \"code\": null, \"series\": []}", IND_EDATA,
                "t.json: $.code: expected a string, found null");
    parse_fails("{\"area\": \"Fife\", \"aggregate\": \"yes\", \"series\": []}", IND_EDATA,
                "t.json: $.aggregate: expected a boolean, found a string");
    parse_fails("{\"area\": \"Fife\", \"series\": {}}", IND_EDATA,
                "t.json: $.series: expected an array, found an object");
    parse_fails(AREA("[]"), IND_EDATA,
                "t.json: $.series[0]: expected a series object, found an array");
    parse_fails(AREA("{\"id\": 1, \"periods\": [], \"values\": []}"), IND_EDATA,
                "t.json: $.series[0].id: expected a string, found a number");
    parse_fails(AREA("{" CP "\"signed\": 1, \"periods\": [], \"values\": []}"), IND_EDATA,
                "t.json: $.series[0].signed: expected a boolean, found a number");
    parse_fails(AREA("{" CP "\"periods\": \"2023\", \"values\": []}"), IND_EDATA,
                "t.json: $.series[0].periods: expected an array, found a string");
    parse_fails(AREA("{" CP "\"periods\": [\"2022\", 2023], \"values\": [1, 2]}"), IND_EDATA,
                "t.json: $.series[0].periods[1]: expected a string, found a number");
    parse_fails(AREA("{" CP "\"periods\": [\"2022\", \"2023\"], \"values\": [1, \"2\"]}"),
                IND_EDATA,
                "t.json: $.series[0].values[1]: expected a number or null, found a string");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [true]}"), IND_EDATA,
                "t.json: $.series[0].values[0]: expected a number or null, found a boolean");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], \"flags\": [1]}"),
                IND_EDATA,
                "t.json: $.series[0].flags[0]: expected a string or null, found a number");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], \"breaks\": [\"2023\"]}"),
                IND_EDATA,
                "t.json: $.series[0].breaks[0]: expected an object, found a string");
    parse_fails("[]", IND_EDATA, "t.json: $: expected an area object, found an array");
}

static void test_values(void **state)
{
    (void)state;
    parse_fails(AREA("{" CP "\"periods\": [\"2021-22\", \"2022-23\", \"2023-24\"], "
                     "\"values\": [1, 2]}"),
                IND_EDATA, "t.json: $.series[0]: periods has 3 entries but values has 2");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], \"flags\": []}"),
                IND_EDATA, "t.json: $.series[0]: periods has 1 entry but flags has 0");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1], "
                     "\"flags\": [\"estimated\"]}"),
                IND_EDATA,
                "t.json: $.series[0].flags[0]: unknown flag \"estimated\" (expected "
                "\"suppressed\", \"provisional\" or null)");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\", \"2024\"], \"values\": [1, 1e400]}"),
                IND_EDATA,
                "t.json: $.series[0].values[1]: value in series cp.referrals is not "
                "a finite number");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\"], \"values\": [-1e400]}"), IND_EDATA,
                "t.json: $.series[0].values[0]: value in series cp.referrals is not "
                "a finite number");
    parse_fails(AREA("{" CP "\"periods\": [\"2023\", \"2024\"], \"values\": [1, -3]}"),
                IND_EDATA,
                "t.json: $.series[0].values[1]: negative value -3 in series "
                "cp.referrals (counts cannot be negative)");
    parse_fails(AREA("{" CP "\"period_type\": \"quarterly\", \"periods\": [], \"values\": []}"),
                IND_EDATA,
                "t.json: $.series[0].period_type: unknown period type \"quarterly\" "
                "(expected financial-year, reporting-year, calendar-year, "
                "financial-quarter or month)");
    parse_fails(AREA("{" CP "\"nature\": \"stock\", \"periods\": [], \"values\": []}"),
                IND_EDATA,
                "t.json: $.series[0].nature: unknown nature \"stock\" (expected flow "
                "or snapshot)");
    parse_fails(AREA("{" CP "\"periods\": [], \"values\": []}"), IND_EDATA,
                "t.json: $.series[0].periods: series cp.referrals has no periods");
    parse_fails(AREA("{" CP "\"periods\": [\"2023-24\", \"2024-03\"], \"values\": [1, 2]}"),
                IND_EDATA,
                "t.json: $.series[0].periods[1]: mixed period kinds in series "
                "cp.referrals: \"2023-24\" (financial-year) and \"2024-03\" (month)");
    parse_fails("{\"area\": \"Fife\", \"series\": []}", IND_EDATA,
                "t.json: $.series: area \"Fife\" has no series");
    parse_fails("{\"area\": \"Fife\", \"code\": \"S1200004\", \"series\": []}", IND_EDATA,
                "t.json: $.code: GSS code \"S1200004\" of area \"Fife\" is not a "
                "capital letter followed by 8 digits");
    parse_fails("{\"area\": \"\", \"series\": []}", IND_EDATA,
                "t.json: $.area: area name is empty");
}

static void test_malformed(void **state)
{
    (void)state;
    /* The missing comma: cJSON stops at the quote of "b", line 3 column 10. */
    parse_fails("{\n  \"area\": \"Fife\",\n  \"a\": 1 \"b\": 2\n}", IND_EPARSE,
                "t.json:3:10: malformed JSON");
    parse_fails("", IND_EPARSE, "t.json:1:1: malformed JSON");
    parse_fails("{\"area\": \"Fife\"} x", IND_EPARSE, "t.json:1:18: malformed JSON");
    parse_fails("{\"area\": \"Fife\"}\n\n  }", IND_EPARSE, "t.json:3:3: malformed JSON");

    /* For a JSON Lines record the line is the record's. */
    ind_dataset *ds;
    ind_error err = {0};
    const char *text = "{\"area\": ";
    assert_int_equal(ind_json_parse_area("t.jsonl", "$", 7, text, strlen(text), NULL,
                                         &ds, &err),
                     IND_EPARSE);
    assert_string_equal(err.message, "t.jsonl:7:9: malformed JSON");
    /* And its data errors carry the line too. */
    text = AREA("{" CP "\"periods\": [\"2023\"], \"values\": [-1]}");
    assert_int_equal(ind_json_parse_area("t.jsonl", "$", 7, text, strlen(text), NULL,
                                         &ds, &err),
                     IND_EDATA);
    assert_string_equal(err.message,
                        "t.jsonl:7: $.series[0].values[0]: negative value -1 in series "
                        "cp.referrals (counts cannot be negative)");
    /* Only the given bytes are read: a cut document is malformed. The 20
    ** bytes end inside the key "se...; cJSON points just after its opening
    ** quote, column 19. */
    text = AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1]}");
    assert_int_equal(ind_json_parse_area("t.json", "$", 0, text, 20, NULL, &ds, &err),
                     IND_EPARSE);
    assert_string_equal(err.message, "t.json:1:19: malformed JSON");
}

static void test_path_and_limit(void **state)
{
    (void)state;
    ind_dataset *ds;
    ind_error err = {0};
    const char *text = AREA("{" CP "\"periods\": [\"2023\"], \"values\": [\"x\"]}");
    assert_int_equal(ind_json_parse_area("a.json", "$[4]", 0, text, strlen(text), NULL,
                                         &ds, &err),
                     IND_EDATA);
    assert_string_equal(err.message, "a.json: $[4].series[0].values[0]: expected a "
                                     "number or null, found a string");
    ind_limits lim = {0};
    lim.max_document = 10;
    assert_int_equal(ind_json_parse_area("a.json", "$", 0, text, strlen(text), &lim,
                                         &ds, &err),
                     IND_ELIMIT);
    assert_string_equal(err.message, "a.json: larger than the 10-byte limit for a JSON document");
    lim.max_document = 0;
    lim.max_string = 3;
    text = AREA("{" CP "\"periods\": [\"2023\"], \"values\": [1]}");
    assert_int_equal(ind_json_parse_area("a.json", "$", 0, text, strlen(text), &lim,
                                         &ds, &err),
                     IND_ELIMIT);
    assert_string_equal(err.message, "a.json: $.area: area name is longer than 3 bytes");
    assert_int_equal(ind_json_parse_area("a.json", "$", 0, text, strlen(text), NULL,
                                         NULL, &err),
                     IND_EINVAL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_labels_kept),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_path_and_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
