/*
** test_reader.c: unit tests for reader.h: formats from file names and from
** content, the good fixtures read whole, every bad fixture with its status
** and message (the table in tests/data/bad/README.md), recovery after a bad
** area of a JSON array and a bad line of JSON Lines, the size limits,
** unreadable files, standard input, 2,000 generated areas streamed in
** each format with every area freed as it is read, and CSV whose area
** comes back after the bytes read to tell the format.
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

#include "indicate/reader.h"

#define GOOD IND_TEST_DATA "/data/good/"
#define BAD IND_TEST_DATA "/data/bad/"

static ind_reader *open_path(const char *path, ind_input_format format)
{
    ind_reader *r = NULL;
    ind_error err = {0};
    if (ind_reader_open(path, format, NULL, &r, &err) != IND_OK)
        fail_msg("%s", err.message);
    return r;
}

static ind_reader *open_mem(const char *name, const char *text,
                            ind_input_format format, const ind_limits *lim)
{
    ind_reader *r = NULL;
    ind_error err = {0};
    if (ind_reader_open_memory(name, text, strlen(text), format, lim, &r, &err) != IND_OK)
        fail_msg("%s", err.message);
    return r;
}

static ind_dataset *next_ok(ind_reader *r)
{
    ind_dataset *ds = (ind_dataset *)1;
    ind_error err = {0};
    if (ind_reader_next(r, &ds, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static void next_fails(ind_reader *r, int code, const char *message, int recoverable)
{
    ind_dataset *ds = (ind_dataset *)1;
    ind_error err = {0};
    assert_int_equal(ind_reader_next(r, &ds, &err), code);
    assert_null(ds);
    assert_string_equal(err.message, message);
    assert_int_equal(ind_reader_recoverable(r), recoverable);
}

/* Reads the areas of r, checking their names, then the end. */
static void areas_are(ind_reader *r, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ind_dataset *ds = next_ok(r);
        assert_non_null(ds);
        assert_string_equal(ds->area, names[i]);
        ind_dataset_free(ds);
    }
    assert_null(next_ok(r));
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(ind_input_format_from_name("a.json"), IND_INPUT_JSON);
    assert_int_equal(ind_input_format_from_name("dir/a.JSON"), IND_INPUT_JSON);
    assert_int_equal(ind_input_format_from_name("a.jsonl"), IND_INPUT_JSONL);
    assert_int_equal(ind_input_format_from_name("a.ndjson"), IND_INPUT_JSONL);
    assert_int_equal(ind_input_format_from_name("a.csv"), IND_INPUT_CSV);
    assert_int_equal(ind_input_format_from_name("a.txt"), IND_INPUT_AUTO);
    assert_int_equal(ind_input_format_from_name("a"), IND_INPUT_AUTO);
    assert_int_equal(ind_input_format_from_name("dir.csv/a"), IND_INPUT_AUTO);
    assert_int_equal(ind_input_format_from_name("-"), IND_INPUT_AUTO);
    assert_int_equal(ind_input_format_from_name(NULL), IND_INPUT_AUTO);
    assert_string_equal(ind_input_format_name(IND_INPUT_JSON), "json");
    assert_string_equal(ind_input_format_name(IND_INPUT_JSONL), "jsonl");
    assert_string_equal(ind_input_format_name(IND_INPUT_CSV), "csv");
    assert_string_equal(ind_input_format_name(IND_INPUT_AUTO), "auto");
}

static const char ONE[] =
    "{\"area\": \"Fife\", \"series\": [{\"id\": \"a\", \"periods\": [\"2023\"], \"values\": [1]}]}";
static const char TWO[] =
    "{\"area\": \"Angus\", \"series\": [{\"id\": \"a\", \"periods\": [\"2023\"], \"values\": [2]}]}";

static void sniffed(const char *text, ind_input_format expect)
{
    ind_reader *r = open_mem("stdin", text, IND_INPUT_AUTO, NULL);
    assert_int_equal(ind_reader_format(r), expect);
    ind_reader_close(r);
}

static void test_format_from_content(void **state)
{
    (void)state;
    char buf[1024];
    sniffed("[]", IND_INPUT_JSON);
    sniffed("  \n [", IND_INPUT_JSON);
    sniffed(ONE, IND_INPUT_JSON);
    snprintf(buf, sizeof buf, "%s\n", ONE);
    sniffed(buf, IND_INPUT_JSON);
    /* One object per line, with more after the first line: JSON Lines. */
    snprintf(buf, sizeof buf, "%s\n%s\n", ONE, TWO);
    sniffed(buf, IND_INPUT_JSONL);
    snprintf(buf, sizeof buf, "\xEF\xBB\xBF%s\r\n\r\n\n%s", ONE, TWO);
    sniffed(buf, IND_INPUT_JSONL);
    /* A brace inside a string does not end the object. */
    sniffed("{\"area\": \"}\"}\n{}\n", IND_INPUT_JSONL);
    sniffed("{\"area\": \"\\\"}\"}\n{}\n", IND_INPUT_JSONL);
    /* The first line is not a whole object: one pretty-printed document. */
    sniffed("{\n  \"area\": \"Fife\"\n}\n", IND_INPUT_JSON);
    sniffed("{\"area\": \"Fife\", \n \"series\": []}", IND_INPUT_JSON);
    sniffed("area,series,period,value\n", IND_INPUT_CSV);
    sniffed("\xEF\xBB\xBF" "area,series,period,value\n", IND_INPUT_CSV);
    sniffed("", IND_INPUT_JSON);
    /* A name decides before content. */
    ind_reader *r = open_mem("x.csv", "[]", IND_INPUT_AUTO, NULL);
    assert_int_equal(ind_reader_format(r), IND_INPUT_CSV);
    ind_reader_close(r);
    r = open_mem("x.json", "a,b\n", IND_INPUT_JSONL, NULL);
    assert_int_equal(ind_reader_format(r), IND_INPUT_JSONL);
    ind_reader_close(r);
}

/* The content decides for standard input, and what was looked at is read
** again by the chosen format. */
static void test_stdin(void **state)
{
    (void)state;
    assert_non_null(freopen(GOOD "areas.jsonl", "r", stdin));
    ind_reader *r = open_path("-", IND_INPUT_AUTO);
    assert_int_equal(ind_reader_format(r), IND_INPUT_JSONL);
    static const char *const names[] = {"North Lanarkshire", "Fife", "Scotland"};
    areas_are(r, names, 3);
    ind_reader_close(r);
    assert_non_null(freopen(GOOD "areas.csv", "r", stdin));
    r = open_path("-", IND_INPUT_AUTO);
    assert_int_equal(ind_reader_format(r), IND_INPUT_CSV);
    areas_are(r, names, 3);
    ind_reader_close(r);
    /* Messages name standard input "-". */
    assert_non_null(freopen(BAD "negative-count.json", "r", stdin));
    r = open_path("-", IND_INPUT_AUTO);
    assert_int_equal(ind_reader_format(r), IND_INPUT_JSON);
    next_fails(r, IND_EDATA,
               "-: $.series[0].values[1]: negative value -3 in series cp.referrals "
               "(counts cannot be negative)", 1);
    ind_reader_close(r);
}

static void test_good_json(void **state)
{
    (void)state;
    ind_reader *r = open_path(GOOD "nl.json", IND_INPUT_AUTO);
    assert_int_equal(ind_reader_format(r), IND_INPUT_JSON);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->area, "North Lanarkshire");
    assert_string_equal(ds->code, "S12000050");
    assert_string_equal(ds->file, GOOD "nl.json");
    assert_int_equal(ds->n_series, 5);
    /* Sorted by id. */
    static const char *const ids[] = {"asp.inquiries", "cjsw.unpaid_work.hours",
                                      "cp.referrals", "finance.balance", "lac.total"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(ds->series[i].id, ids[i]);
    const ind_series *cp = ind_dataset_find(ds, "cp.referrals");
    /* Input order 2023/24, 2021-22, 2022-23; printed back as written. */
    assert_string_equal(cp->label[0], "2021-22");
    assert_string_equal(cp->label[2], "2023/24");
    assert_true(cp->value[0] == 1714 && cp->value[1] == 1895 && cp->value[2] == 2326);
    assert_int_equal(cp->flags[2], IND_VALUE_PROVISIONAL);
    assert_int_equal(cp->position[2], 0);
    const ind_series *asp = ind_dataset_find(ds, "asp.inquiries");
    assert_true(isnan(asp->value[1]));
    assert_int_equal(asp->n_breaks, 1);
    assert_int_equal(asp->breaks[0].ordinal, 2023);
    assert_true(ind_series_breaks_between(asp, 2022, 2023));
    assert_false(ind_series_breaks_between(asp, 2021, 2022));
    assert_int_equal(ind_dataset_find(ds, "lac.total")->nature, IND_NATURE_SNAPSHOT);
    assert_int_equal(ind_dataset_find(ds, "lac.total")->period_kind,
                     IND_PERIOD_CALENDAR_YEAR);
    assert_true(ind_dataset_find(ds, "finance.balance")->value[0] == -125000);
    assert_true(ind_dataset_find(ds, "cjsw.unpaid_work.hours")->value[0] == 61234.5);
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    ind_reader_close(r);
}

static void kind_is(const ind_dataset *ds, const char *id, ind_period_kind kind,
                    int32_t first)
{
    const ind_series *s = ind_dataset_find(ds, id);
    assert_non_null(s);
    assert_int_equal(s->period_kind, kind);
    assert_int_equal(s->ordinal[0], first);
}

static void test_period_forms(void **state)
{
    (void)state;
    ind_reader *r = open_path(GOOD "periods.json", IND_INPUT_AUTO);
    ind_dataset *ds = next_ok(r);
    kind_is(ds, "fy.dash", IND_PERIOD_FINANCIAL_YEAR, 2021);
    kind_is(ds, "fy.slash", IND_PERIOD_FINANCIAL_YEAR, 2021);
    kind_is(ds, "fy.long", IND_PERIOD_FINANCIAL_YEAR, 2021);
    kind_is(ds, "ry", IND_PERIOD_REPORTING_YEAR, 2021);
    kind_is(ds, "cy", IND_PERIOD_CALENDAR_YEAR, 2021);
    kind_is(ds, "fq", IND_PERIOD_FINANCIAL_QUARTER, 2023 * 4);
    kind_is(ds, "month", IND_PERIOD_MONTH, 2024 * 12);
    /* 2011-12 next to 2012-01 is December 2011. */
    kind_is(ds, "month.ambiguous", IND_PERIOD_MONTH, 2011 * 12 + 11);
    /* Declared months: 2010-11 is November 2010. */
    kind_is(ds, "month.declared", IND_PERIOD_MONTH, 2010 * 12 + 10);
    kind_is(ds, "fy.ambiguous", IND_PERIOD_FINANCIAL_YEAR, 2010);
    const ind_series *fq = ind_dataset_find(ds, "fq");
    assert_int_equal(fq->n, 4);
    assert_int_equal(fq->ordinal[3], 2023 * 4 + 3);
    assert_string_equal(fq->label[3], "Q4 2023/24");
    ind_dataset_free(ds);
    ind_reader_close(r);
}

static void test_good_collections(void **state)
{
    (void)state;
    static const char *const names[] = {"North Lanarkshire", "Fife", "Scotland"};
    static const char *const files[] = {GOOD "areas.json", GOOD "areas.jsonl",
                                        GOOD "areas.csv"};
    static const ind_input_format formats[] = {IND_INPUT_JSON, IND_INPUT_JSONL,
                                               IND_INPUT_CSV};
    for (int f = 0; f < 3; f++) {
        ind_reader *r = open_path(files[f], IND_INPUT_AUTO);
        assert_int_equal(ind_reader_format(r), formats[f]);
        for (int i = 0; i < 3; i++) {
            ind_dataset *ds = next_ok(r);
            assert_string_equal(ds->area, names[i]);
            const ind_series *s = ind_dataset_find(ds, "cp.referrals");
            assert_int_equal(s->n, 2);
            assert_int_equal(s->ordinal[1], 2023);
            if (f < 2)
                assert_int_equal(ds->is_aggregate, i == 2);
            ind_dataset_free(ds);
        }
        assert_null(next_ok(r));
        /* Everything was consumed. */
        FILE *fp = fopen(files[f], "rb");
        fseek(fp, 0, SEEK_END);
        assert_int_equal(ind_reader_bytes(r), (size_t)ftell(fp));
        fclose(fp);
        ind_reader_close(r);
    }
}

static void test_good_csv_files(void **state)
{
    (void)state;
    ind_reader *r = open_path(GOOD "quoted.csv", IND_INPUT_AUTO);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->code, "S12000050");
    const ind_series *cp = ind_dataset_find(ds, "cp.referrals");
    assert_string_equal(cp->title, "Referrals, child protection");
    assert_string_equal(cp->label[2], "2023/24");
    assert_int_equal(cp->n, 3);
    const ind_series *asp = ind_dataset_find(ds, "asp.referrals");
    assert_string_equal(asp->title, "Adult \"support\" referrals\n(two lines)");
    assert_int_equal(asp->flags[0], IND_VALUE_SUPPRESSED);
    /* The two-line record began on line 4; the next row is on line 7. */
    assert_int_equal(asp->position[0], 4);
    assert_int_equal(asp->position[1], 7);
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    ind_reader_close(r);

    r = open_path(GOOD "crlf-bom.csv", IND_INPUT_AUTO);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Fife");
    assert_int_equal(ds->n_series, 2);
    assert_true(ds->series[1].value[0] == 99);
    assert_int_equal(ds->series[1].position[0], 6);
    ind_dataset_free(ds);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Angus");
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    ind_reader_close(r);
}

typedef struct bad_case {
    const char *file;
    int code;
    int after; /* areas read before the error */
    const char *message; /* after the path */
} bad_case;

/* The table of tests/data/bad/README.md. */
static const bad_case BAD_CASES[] = {
    {"malformed.json", IND_EPARSE, 0, ":4:27: malformed JSON"},
    {"bad-line.jsonl", IND_EPARSE, 1, ":2:29: malformed JSON"},
    {"bad-quoting.csv", IND_EPARSE, 0,
     ":3: malformed CSV: a quote inside an unquoted field; area \"North Lanarkshire\" "
     "(from line 2) is not computed"},
    {"unclosed-quote.csv", IND_EPARSE, 0,
     ":3: malformed CSV: a quoted field is not closed; area \"North Lanarkshire\" "
     "(from line 2) is not computed"},
    {"ragged-row.csv", IND_EPARSE, 0,
     ":3: malformed CSV: 3 fields where the header has 4; area \"Fife\" (from line 2) "
     "is not computed"},
    {"unknown-period.json", IND_EDATA, 0,
     ": $.series[0].periods[1]: period \"23-24\" in series cp.referrals: not a period "
     "label (expected a form such as 2023-24, 2023/24, 2023-2024, 2023-24 Q2, Q2 "
     "2023-24, 2024-03 or 2023)"},
    {"second-year.csv", IND_EDATA, 0,
     ":3: period \"2023-25\" in series cp.referrals: the second year must follow the first"},
    {"mixed-kinds.json", IND_EDATA, 0,
     ": $.series[0].periods[2]: mixed period kinds in series cp.referrals: \"2022-23\" "
     "(financial-year) and \"2024-03\" (month)"},
    {"duplicate-period.json", IND_EDATA, 0,
     ": $.series[0].periods[2]: duplicate period in series cp.referrals: \"2023/24\" is "
     "the same period as \"2023-24\" (periods[0])"},
    {"length-mismatch.json", IND_EDATA, 0,
     ": $.series[0]: periods has 3 entries but values has 2"},
    {"negative-count.json", IND_EDATA, 0,
     ": $.series[0].values[1]: negative value -3 in series cp.referrals (counts cannot "
     "be negative)"},
    {"not-finite.json", IND_EDATA, 0,
     ": $.series[0].values[1]: value in series cp.referrals is not a finite number"},
    {"wrong-type.json", IND_EDATA, 0,
     ": $.series[0].values[1]: expected a number or null, found a string"},
    {"non-numeric.csv", IND_EDATA, 0,
     ":3: value \"abc\" in series cp.referrals is not a number"},
    {"bad-flag.csv", IND_EDATA, 0,
     ":2: unknown flag \"estimated\" in series cp.referrals (expected suppressed, "
     "provisional or empty)"},
    {"unknown-key.json", IND_EDATA, 0, ": $.series[0]: unknown key \"valeus\""},
    {"duplicate-key.json", IND_EDATA, 0, ": $.series[0]: key \"values\" given twice"},
    {"missing-key.json", IND_EDATA, 0, ": $.series[0]: missing key \"values\""},
    {"unknown-period-type.json", IND_EDATA, 0,
     ": $.series[0].period_type: unknown period type \"quarterly\" (expected "
     "financial-year, reporting-year, calendar-year, financial-quarter or month)"},
    {"invalid-id.json", IND_EDATA, 0,
     ": $.series[0].id: invalid series id \"CP.Referrals\" (expected lower-case "
     "letters, digits and underscores in dot-separated parts, at most 64 bytes)"},
    {"duplicate-id.json", IND_EDATA, 0,
     ": $.series[1].id: series cp.referrals is given twice"},
    {"bad-code.json", IND_EDATA, 0,
     ": $.code: GSS code \"S1200005\" of area \"North Lanarkshire\" is not a capital "
     "letter followed by 8 digits"},
    {"empty-area.json", IND_EDATA, 0, ": $.area: area name is empty"},
    {"no-series.json", IND_EDATA, 0,
     ": $.series: area \"North Lanarkshire\" has no series"},
    {"not-an-area.json", IND_EDATA, 0, ": $[0]: expected an area object, found a number"},
    {"break-not-a-period.json", IND_EDATA, 0,
     ": $.series[0].breaks[0].from: break from \"2019-20\" in series asp.inquiries is "
     "not one of its periods"},
    {"area-twice.csv", IND_EDATA, 2,
     ": area \"Fife\" appears again at line 4; rows of one area must be together"},
    {"unknown-column.csv", IND_EDATA, 0,
     ":1: unknown column \"valeu\" (expected area, series, period, value, code, title, "
     "unit or flag)"},
    {"missing-column.csv", IND_EDATA, 0,
     ":1: missing column \"value\" (required: area, series, period, value)"},
    {"duplicate-column.csv", IND_EDATA, 0, ":1: column \"area\" appears twice"},
    {"no-header.csv", IND_EDATA, 0,
     ": no header row (expected columns area, series, period, value)"},
    {"long-string.json", IND_ELIMIT, 0,
     ": $.series[0].title: title of series cp.referrals is longer than 4096 bytes"},
};

static void test_bad_fixtures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BAD_CASES / sizeof BAD_CASES[0]; i++) {
        const bad_case *c = &BAD_CASES[i];
        char path[512], expect[1024];
        snprintf(path, sizeof path, BAD "%s", c->file);
        snprintf(expect, sizeof expect, "%s%s", path, c->message);
        ind_reader *r = open_path(path, IND_INPUT_AUTO);
        for (int k = 0; k < c->after; k++)
            ind_dataset_free(next_ok(r));
        ind_dataset *ds = (ind_dataset *)1;
        ind_error err = {0};
        int rc = ind_reader_next(r, &ds, &err);
        if (rc != c->code || strcmp(err.message, expect) != 0)
            fail_msg("%s: got %d \"%s\"", c->file, rc, err.message);
        assert_null(ds);
        ind_reader_close(r);
    }
}

static void test_unreadable(void **state)
{
    (void)state;
    ind_reader *r = (ind_reader *)1;
    ind_error err = {0};
    assert_int_equal(ind_reader_open(BAD "missing.json", IND_INPUT_AUTO, NULL, &r, &err),
                     IND_EIO);
    assert_null(r);
    assert_string_equal(err.message, BAD "missing.json: cannot open: No such file or directory");
    assert_int_equal(ind_reader_open(BAD, IND_INPUT_JSON, NULL, &r, &err), IND_EIO);
    assert_string_equal(err.message, BAD ": cannot open: Is a directory");
    assert_int_equal(ind_reader_open(NULL, IND_INPUT_AUTO, NULL, &r, &err), IND_EINVAL);
    assert_int_equal(ind_reader_open("x", (ind_input_format)9, NULL, &r, &err), IND_EINVAL);
    ind_dataset *ds;
    assert_int_equal(ind_reader_next(NULL, &ds, &err), IND_EINVAL);
    assert_int_equal(ind_reader_recoverable(NULL), 0);
    assert_int_equal(ind_reader_bytes(NULL), 0);
    ind_reader_close(NULL);
}

/* A JSON array goes on after a bad element; a syntax error stops it. */
static void test_json_array_recovers(void **state)
{
    (void)state;
    char text[2048];
    snprintf(text, sizeof text, "[%s,\n {\"area\": \"Bad\", \"series\": 3},\n %s, 7]", ONE, TWO);
    ind_reader *r = open_mem("a.json", text, IND_INPUT_AUTO, NULL);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    next_fails(r, IND_EDATA, "a.json: $[1].series: expected an array, found a number", 1);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Angus");
    ind_dataset_free(ds);
    next_fails(r, IND_EDATA, "a.json: $[3]: expected an area object, found a number", 1);
    assert_null(next_ok(r));
    assert_int_equal(ind_reader_bytes(r), strlen(text));
    ind_reader_close(r);

    r = open_mem("a.json", "[{\"area\": 1,]", IND_INPUT_AUTO, NULL);
    next_fails(r, IND_EPARSE, "a.json:1:13: malformed JSON", 0);
    next_fails(r, IND_EINVAL, "a.json: cannot read on after an earlier error", 0);
    ind_reader_close(r);

    r = open_mem("a.json", "\"text\"", IND_INPUT_JSON, NULL);
    next_fails(r, IND_EDATA,
               "a.json: $: expected an area object or an array of them, found a string", 0);
    ind_reader_close(r);

    r = open_mem("a.json", "", IND_INPUT_AUTO, NULL);
    next_fails(r, IND_EPARSE, "a.json:1:1: malformed JSON", 0);
    ind_reader_close(r);

    r = open_mem("a.json", " []\n", IND_INPUT_AUTO, NULL);
    assert_null(next_ok(r));
    ind_reader_close(r);
}

/* JSON Lines: blank lines are skipped, a bad line is reported with its
** line number and skipped, and the lines after it are read. */
static void test_jsonl_recovers(void **state)
{
    (void)state;
    char text[4096];
    snprintf(text, sizeof text,
             "%s\n"
             "\n"
             "   \r\n"
             "{\"area\": \"Broken\", \n"
             "%s\r\n"
             "{\"area\": \"Neg\", \"series\": [{\"id\": \"a\", \"periods\": [\"2023\"], \"values\": [-1]}]}\n"
             "[1]\n"
             "%s",
             ONE, TWO, ONE);
    ind_reader *r = open_mem("a.jsonl", text, IND_INPUT_AUTO, NULL);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    /* Line 4 ends after `, `: cJSON points at its last byte, column 19. */
    next_fails(r, IND_EPARSE, "a.jsonl:4:19: malformed JSON", 1);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Angus");
    assert_int_equal(ds->series[0].origin.line, 5);
    ind_dataset_free(ds);
    next_fails(r, IND_EDATA,
               "a.jsonl:6: $.series[0].values[0]: negative value -1 in series a "
               "(counts cannot be negative)", 1);
    next_fails(r, IND_EDATA, "a.jsonl:7: $: expected an area object, found an array", 1);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    assert_int_equal(ind_reader_bytes(r), strlen(text));
    ind_reader_close(r);
}

static void test_limits(void **state)
{
    (void)state;
    ind_limits lim = {0};
    lim.max_document = 100;
    char text[4096];
    snprintf(text, sizeof text, "[%s, %s]", ONE, TWO);
    ind_reader *r = open_mem("a.json", text, IND_INPUT_AUTO, &lim);
    next_fails(r, IND_ELIMIT, "a.json: larger than the 100-byte limit for a JSON document", 0);
    ind_reader_close(r);
    /* 40 areas of about 80 bytes are over 2 KiB. */
    size_t n0 = (size_t)snprintf(text, sizeof text, "[%s", ONE);
    for (int i = 1; i < 40; i++)
        n0 += (size_t)snprintf(text + n0, sizeof text - n0, ",%s", ONE);
    snprintf(text + n0, sizeof text - n0, "]");
    lim.max_document = 2 * 1024;
    r = open_mem("a.json", text, IND_INPUT_AUTO, &lim);
    next_fails(r, IND_ELIMIT, "a.json: larger than the 2 KiB limit for a JSON document", 0);
    ind_reader_close(r);

    /* An over-long JSON Lines record is skipped after its error. */
    lim.max_document = 0;
    lim.max_line = 100;
    snprintf(text, sizeof text, "%s\n{\"area\": \"%0150d\"}\n%s\n", ONE, 0, TWO);
    r = open_mem("a.jsonl", text, IND_INPUT_AUTO, &lim);
    assert_int_equal(ind_reader_format(r), IND_INPUT_JSONL);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    next_fails(r, IND_ELIMIT,
               "a.jsonl:2: record longer than the 100-byte limit for a JSON Lines record", 1);
    ds = next_ok(r);
    assert_string_equal(ds->area, "Angus");
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    ind_reader_close(r);

    /* Also when the line is longer than what the reader holds at once. */
    size_t n = 3u * 1024u * 1024u;
    char *big = malloc(n + 2 * sizeof text);
    assert_non_null(big);
    size_t len = (size_t)snprintf(big, 1024, "%s\n{\"area\": \"", ONE);
    memset(big + len, 'x', n);
    len += n;
    len += (size_t)snprintf(big + len, 2048, "\"}\n%s\n", TWO);
    lim.max_line = 1024u * 1024u;
    ind_reader *rb;
    ind_error err = {0};
    assert_int_equal(ind_reader_open_memory("b.jsonl", big, len, IND_INPUT_JSONL, &lim, &rb,
                                            &err), IND_OK);
    ds = next_ok(rb);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    next_fails(rb, IND_ELIMIT,
               "b.jsonl:2: record longer than the 1 MiB limit for a JSON Lines record", 1);
    ds = next_ok(rb);
    assert_string_equal(ds->area, "Angus");
    ind_dataset_free(ds);
    assert_null(next_ok(rb));
    assert_int_equal(ind_reader_bytes(rb), len);
    ind_reader_close(rb);
    free(big);
}

/* 2,000 generated areas in each format, read one at a time and freed. */
static char *generate(ind_input_format f, int areas, size_t *len)
{
    size_t cap = (size_t)areas * 600 + 64;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t n = 0;
    if (f == IND_INPUT_CSV)
        n += (size_t)snprintf(t + n, cap - n, "area,code,series,period,value\n");
    if (f == IND_INPUT_JSON)
        n += (size_t)snprintf(t + n, cap - n, "[\n");
    for (int a = 0; a < areas; a++) {
        if (f == IND_INPUT_CSV) {
            for (int y = 0; y < 3; y++) {
                n += (size_t)snprintf(t + n, cap - n,
                                      "Area %d,S12%06d,cp.referrals,%d-%02d,%d\n"
                                      "Area %d,S12%06d,cp.registrations,%d-%02d,%d\n",
                                      a, a, 2021 + y, 22 + y, a + y, a, a, 2021 + y,
                                      22 + y, 2 * a + y);
            }
            continue;
        }
        n += (size_t)snprintf(t + n, cap - n,
                              "%s{\"area\": \"Area %d\", \"code\": \"S12%06d\", \"series\": ["
                              "{\"id\": \"cp.registrations\", \"periods\": [\"2021-22\", "
                              "\"2022-23\", \"2023-24\"], \"values\": [%d, %d, %d]}, "
                              "{\"id\": \"cp.referrals\", \"periods\": [\"2023-24\", "
                              "\"2022-23\", \"2021-22\"], \"values\": [%d, %d, %d]}]}%s\n",
                              f == IND_INPUT_JSON && a > 0 ? "," : "", a, a, 2 * a,
                              2 * a + 1, 2 * a + 2, a + 2, a + 1, a,
                              f == IND_INPUT_JSONL && a % 7 == 0 ? "\n" : "");
    }
    if (f == IND_INPUT_JSON)
        n += (size_t)snprintf(t + n, cap - n, "]\n");
    *len = n;
    return t;
}

static void test_many_areas(void **state)
{
    (void)state;
    const int areas = 2000;
    static const ind_input_format formats[] = {IND_INPUT_JSONL, IND_INPUT_JSON,
                                               IND_INPUT_CSV};
    for (int f = 0; f < 3; f++) {
        size_t len;
        char *text = generate(formats[f], areas, &len);
        ind_reader *r;
        ind_error err = {0};
        assert_int_equal(ind_reader_open_memory("gen", text, len, IND_INPUT_AUTO, NULL, &r,
                                                &err), IND_OK);
        free(text); /* the reader has its own copy */
        assert_int_equal(ind_reader_format(r), formats[f]);
        for (int a = 0; a < areas; a++) {
            ind_dataset *ds = next_ok(r);
            assert_non_null(ds);
            char name[32], code[16];
            snprintf(name, sizeof name, "Area %d", a);
            snprintf(code, sizeof code, "S12%06d", a);
            assert_string_equal(ds->area, name);
            assert_string_equal(ds->code, code);
            assert_int_equal(ds->n_series, 2);
            const ind_series *ref = &ds->series[0], *reg = &ds->series[1];
            assert_string_equal(ref->id, "cp.referrals");
            for (int y = 0; y < 3; y++) {
                assert_int_equal(ref->ordinal[y], 2021 + y);
                assert_true(ref->value[y] == a + y);
                assert_true(reg->value[y] == 2 * a + y);
            }
            ind_dataset_free(ds);
        }
        assert_null(next_ok(r));
        assert_int_equal(ind_reader_bytes(r), len);
        ind_reader_close(r);
    }
}

/* CSV told from its content, where an area comes back well after the
** bytes read to tell the format: reported, and the areas after it read. */
static void test_csv_area_again(void **state)
{
    (void)state;
    const int areas = 40000;
    size_t cap = (size_t)areas * 32 + 128, n = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    n += (size_t)snprintf(t + n, cap - n, "area,series,period,value\n");
    for (int a = 0; a < areas; a++)
        n += (size_t)snprintf(t + n, cap - n, "Area %d,a,2020,%d\n", a, a);
    n += (size_t)snprintf(t + n, cap - n, "Area 5,a,2021,1\nLast,a,2021,1\n");
    ind_reader *r;
    ind_error err = {0};
    assert_int_equal(ind_reader_open_memory("gen", t, n, IND_INPUT_AUTO, NULL, &r, &err),
                     IND_OK);
    free(t);
    assert_int_equal(ind_reader_format(r), IND_INPUT_CSV);
    for (int a = 0; a < areas; a++) {
        ind_dataset *ds = next_ok(r);
        assert_true(ds->series[0].value[0] == a);
        ind_dataset_free(ds);
    }
    char message[128];
    snprintf(message, sizeof message,
             "gen: area \"Area 5\" appears again at line %d; rows of one area must be "
             "together", areas + 2);
    next_fails(r, IND_EDATA, message, 1);
    ind_dataset *ds = next_ok(r);
    assert_string_equal(ds->area, "Last");
    ind_dataset_free(ds);
    assert_null(next_ok(r));
    assert_int_equal(ind_reader_bytes(r), n);
    ind_reader_close(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_format_from_content),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_good_json),
        cmocka_unit_test(test_period_forms),
        cmocka_unit_test(test_good_collections),
        cmocka_unit_test(test_good_csv_files),
        cmocka_unit_test(test_bad_fixtures),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_json_array_recovers),
        cmocka_unit_test(test_jsonl_recovers),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_many_areas),
        cmocka_unit_test(test_csv_area_again),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
