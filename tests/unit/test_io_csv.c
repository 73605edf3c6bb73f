/*
** test_io_csv.c: unit tests for io_csv.h: the header (any column order,
** unknown, repeated and missing columns), quoted fields with commas, quotes
** and line ends, CRLF, a byte-order mark, blank lines, series interleaved
** within an area, flags, code/title/unit agreement, values (empty, not a
** number, not finite), line numbers in messages, malformed CSV, the record
** limit, recovery after a bad area, areas spread over many blocks, quoted
** and CR-ended lines across blocks, decimals read exactly as strtod reads
** them, and an area that appears again after very many others. Areas that
** appear again are looked for in every kind of input: a FILE in memory, a
** pipe, and a regular file, where areas in order are not remembered and
** the input is read again at the first area out of order (from where the
** stream began, through the reader's prefix, with every syntax the first
** reading knows).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/io_csv.h"
#include "indicate/reader.h"

typedef struct stream {
    FILE *fp;
    ind_csv_stream *s;
} stream;

static stream open_text(const char *text, size_t size, const ind_limits *lim)
{
    stream st;
    /* fmemopen wants a buffer it may keep: the literal outlives the stream. */
    st.fp = size ? fmemopen((void *)text, size, "r") : fopen("/dev/null", "r");
    assert_non_null(st.fp);
    ind_error err = {0};
    assert_int_equal(ind_csv_stream_open("t.csv", st.fp, lim, &st.s, &err), IND_OK);
    return st;
}

static stream open_str(const char *text)
{
    return open_text(text, strlen(text), NULL);
}

static void close_stream(stream st)
{
    ind_csv_stream_close(st.s);
    fclose(st.fp);
}

static ind_dataset *next_ok(stream st)
{
    ind_dataset *ds = (ind_dataset *)1;
    ind_error err = {0};
    int rc = ind_csv_stream_next(st.s, &ds, &err);
    if (rc != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static void next_fails(stream st, int code, const char *message, int recoverable)
{
    ind_dataset *ds = (ind_dataset *)1;
    ind_error err = {0};
    assert_int_equal(ind_csv_stream_next(st.s, &ds, &err), code);
    assert_null(ds);
    assert_string_equal(err.message, message);
    assert_int_equal(ind_csv_stream_recoverable(st.s), recoverable);
}

/* The first error of a whole input, with the areas read before it. Errors
** in an area can be skipped; errors in the header or the syntax cannot. */
static void input_fails_at(const char *text, int ok_areas, int code,
                           const char *message, int recoverable)
{
    stream st = open_str(text);
    for (int i = 0; i < ok_areas; i++)
        ind_dataset_free(next_ok(st));
    next_fails(st, code, message, recoverable);
    close_stream(st);
}

static void input_fails(const char *text, int ok_areas, int code, const char *message)
{
    input_fails_at(text, ok_areas, code, message, code == IND_EDATA);
}

static void header_fails(const char *text, const char *message)
{
    input_fails_at(text, 0, IND_EDATA, message, 0);
}

static void test_long_format(void **state)
{
    (void)state;
    stream st = open_str("area,series,period,value\n"
                         "North Lanarkshire,cp.referrals,2022-23,1895\n"
                         "North Lanarkshire,cp.referrals,2023-24,2326\n"
                         "Fife,cp.referrals,2023-24,1310\n");
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, "North Lanarkshire");
    assert_null(ds->code);
    assert_string_equal(ds->file, "t.csv");
    assert_int_equal(ds->n_series, 1);
    const ind_series *s = &ds->series[0];
    assert_string_equal(s->id, "cp.referrals");
    assert_null(s->title);
    assert_null(s->unit);
    assert_int_equal(s->n, 2);
    assert_true(s->value[0] == 1895 && s->value[1] == 2326);
    assert_int_equal(s->position[0], 2);
    assert_int_equal(s->position[1], 3);
    assert_null(s->origin.path);
    assert_int_equal(s->origin.line, 2);
    ind_dataset_free(ds);
    ds = next_ok(st);
    assert_string_equal(ds->area, "Fife");
    assert_int_equal(ds->series[0].origin.line, 4);
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    assert_null(next_ok(st)); /* the end stays the end */
    /* 25 + 44 + 44 + 31 bytes. */
    assert_int_equal(ind_csv_stream_bytes(st.s), 144);
    close_stream(st);
}

/* Quoted fields with commas, doubled quotes and a line end; optional columns
** in another order; title, unit and code given on some rows only. */
static void test_quoted_and_optional(void **state)
{
    (void)state;
    stream st = open_str(
        "flag,unit,title,code,value,period,series,area\n"
        "provisional,count,\"Referrals, CP\",S12000050,2326,2023/24,cp.referrals,\"North Lanarkshire\"\n"
        ",,,,1895,2022-23,cp.referrals,North Lanarkshire\n"
        "suppressed,,\"Adult \"\"support\"\"\n(two lines)\",,,2022-23,asp.referrals,North Lanarkshire\n"
        ",count,,S12000050,5010,2023-24,asp.referrals,North Lanarkshire\n"
        ",,,,\"-0\",2024-25,asp.referrals,North Lanarkshire\n");
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->code, "S12000050");
    assert_int_equal(ds->n_series, 2);
    const ind_series *cp = ind_dataset_find(ds, "cp.referrals");
    assert_string_equal(cp->title, "Referrals, CP");
    assert_string_equal(cp->unit, "count");
    assert_int_equal(cp->n, 2);
    assert_string_equal(cp->label[0], "2022-23");
    assert_string_equal(cp->label[1], "2023/24");
    assert_int_equal(cp->flags[1], IND_VALUE_PROVISIONAL);
    const ind_series *asp = ind_dataset_find(ds, "asp.referrals");
    assert_string_equal(asp->title, "Adult \"support\"\n(two lines)");
    assert_string_equal(asp->unit, "count");
    assert_int_equal(asp->n, 3);
    assert_true(isnan(asp->value[0]));
    assert_int_equal(asp->flags[0], IND_VALUE_SUPPRESSED);
    assert_true(asp->value[1] == 5010);
    /* The quoted line end makes the record on line 4 two lines long: 5010
    ** is on line 6 and -0 on line 7. */
    assert_int_equal(asp->position[0], 4);
    assert_int_equal(asp->position[1], 6);
    assert_int_equal(asp->position[2], 7);
    assert_true(asp->value[2] == 0 && signbit(asp->value[2]));
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    close_stream(st);
}

/* Series may interleave within an area, in any period order; CRLF, blank
** lines, a byte-order mark and no final line end. */
static void test_interleaved_crlf_bom(void **state)
{
    (void)state;
    stream st = open_str("\xEF\xBB\xBF" "area,series,period,value\r\n"
                         "Fife,cp.referrals,2023-24,1310\r\n"
                         "Fife,cp.registrations,2023-24,101\r\n"
                         "\r\n"
                         "Fife,cp.referrals,2022-23,1200\r\n"
                         "Fife,cp.registrations,2022-23,99\r\n"
                         "\n"
                         "Angus,cp.referrals,2023-24,400");
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, "Fife");
    assert_int_equal(ds->n_series, 2);
    const ind_series *a = &ds->series[0], *b = &ds->series[1];
    assert_string_equal(a->id, "cp.referrals");
    assert_string_equal(b->id, "cp.registrations");
    assert_true(a->value[0] == 1200 && a->value[1] == 1310);
    assert_true(b->value[0] == 99 && b->value[1] == 101);
    /* Lines: header 1, 1310 on 2, 101 on 3, blank 4, 1200 on 5, 99 on 6. */
    assert_int_equal(a->position[0], 5);
    assert_int_equal(a->position[1], 2);
    assert_int_equal(b->position[0], 6);
    assert_int_equal(b->position[1], 3);
    assert_int_equal(a->origin.line, 2);
    assert_int_equal(b->origin.line, 3);
    ind_dataset_free(ds);
    ds = next_ok(st);
    assert_string_equal(ds->area, "Angus");
    assert_int_equal(ds->series[0].position[0], 8);
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    close_stream(st);
}

static void test_header_errors(void **state)
{
    (void)state;
    header_fails("area,series,period,value,valeu\n",
                "t.csv:1: unknown column \"valeu\" (expected area, series, period, "
                "value, code, title, unit or flag)");
    header_fails("area,series,period,Value\n",
                "t.csv:1: unknown column \"Value\" (expected area, series, period, "
                "value, code, title, unit or flag)");
    header_fails("area,series,period,value,area\n",
                "t.csv:1: column \"area\" appears twice");
    header_fails("area,series,value\nFife,a,1\n",
                "t.csv:1: missing column \"period\" (required: area, series, period, value)");
    header_fails("\n\nseries,period,value\n",
                "t.csv:3: missing column \"area\" (required: area, series, period, value)");
    header_fails("",
                "t.csv: no header row (expected columns area, series, period, value)");
    header_fails("\r\n\n",
                "t.csv: no header row (expected columns area, series, period, value)");
    /* A header alone is an input of no areas. */
    stream st = open_str("area,series,period,value\n");
    assert_null(next_ok(st));
    close_stream(st);
}

static void test_value_errors(void **state)
{
    (void)state;
    static const char *const bad[] = {"abc", "nan", "inf", "0x10", " 1", "1 ",
                                      "1e", "-", "1,5", "+-1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[256], expect[256];
        snprintf(text, sizeof text,
                 "area,series,period,value\nFife,cp.referrals,2022-23,1\n"
                 "Fife,cp.referrals,2023-24,\"%s\"\n", bad[i]);
        snprintf(expect, sizeof expect,
                 "t.csv:3: value \"%s\" in series cp.referrals is not a number", bad[i]);
        input_fails(text, 0, IND_EDATA, expect);
    }
    input_fails("area,series,period,value\nFife,cp.referrals,2023-24,1e400\n", 0, IND_EDATA,
                "t.csv:2: value in series cp.referrals is not a finite number");
    input_fails("area,series,period,value\nFife,cp.referrals,2023-24,-2\n", 0, IND_EDATA,
                "t.csv:2: negative value -2 in series cp.referrals (counts cannot be "
                "negative)");
    input_fails("area,series,period,value,flag\nFife,cp.referrals,2023-24,1,estimated\n",
                0, IND_EDATA,
                "t.csv:2: unknown flag \"estimated\" in series cp.referrals (expected "
                "suppressed, provisional or empty)");
    input_fails("area,series,period,value\nFife,cp.referrals,2023-25,1\n", 0, IND_EDATA,
                "t.csv:2: period \"2023-25\" in series cp.referrals: the second year "
                "must follow the first");
    input_fails("area,series,period,value\nFife,cp.referrals,2023-24,1\n"
                "Fife,cp.referrals,2023/24,2\n", 0, IND_EDATA,
                "t.csv:3: duplicate period in series cp.referrals: \"2023/24\" is the "
                "same period as \"2023-24\" (line 2)");
    input_fails("area,series,period,value\nFife,CP,2023-24,1\n", 0, IND_EDATA,
                "t.csv:2: invalid series id \"CP\" (expected lower-case letters, digits "
                "and underscores in dot-separated parts, at most 64 bytes)");
    input_fails("area,series,period,value\n,cp.referrals,2023-24,1\n", 0, IND_EDATA,
                "t.csv:2: area name is empty");

    /* Values that are numbers: every form strtod reads in full. */
    stream st = open_str("area,series,period,value\nFife,a,2020,1.5e3\nFife,a,2021,+2\n"
                         "Fife,a,2022,.5\nFife,a,2023,0012\nFife,a,2024,1234567890123456789\n");
    ind_dataset *ds = next_ok(st);
    const ind_series *s = &ds->series[0];
    assert_true(s->value[0] == 1500 && s->value[1] == 2 && s->value[2] == 0.5);
    assert_true(s->value[3] == 12 && s->value[4] == 1234567890123456789.0);
    ind_dataset_free(ds);
    close_stream(st);
}

/* Spaces are part of a field (RFC 4180): nothing is trimmed. */
static void test_spaces_kept(void **state)
{
    (void)state;
    input_fails("area,series,period,value\nFife,a, 2023-24,1\n", 0, IND_EDATA,
                "t.csv:2: period \" 2023-24\" in series a: leading or trailing space "
                "(expected a form such as 2023-24, 2023/24, 2023-2024, 2023-24 Q2, "
                "Q2 2023-24, 2024-03 or 2023)");
    input_fails("area,series,period,value\nFife,a,2023-24, 1\n", 0, IND_EDATA,
                "t.csv:2: value \" 1\" in series a is not a number");
    header_fails("area, series,period,value\n",
                 "t.csv:1: unknown column \" series\" (expected area, series, period, "
                 "value, code, title, unit or flag)");
    stream st = open_str("area,series,period,value\n Fife ,a,2023-24,1\n");
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, " Fife ");
    ind_dataset_free(ds);
    close_stream(st);
}

static void test_agreement(void **state)
{
    (void)state;
    input_fails("area,code,series,period,value\nFife,S12000047,a,2022,1\n"
                "Fife,,a,2023,1\nFife,S12000048,b,2023,1\n",
                0, IND_EDATA,
                "t.csv:4: code \"S12000048\" of area \"Fife\" differs from "
                "\"S12000047\" at line 2");
    input_fails("area,series,title,period,value\nFife,a,Referrals,2022,1\n"
                "Fife,b,Other,2023,1\nFife,a,Referals,2023,1\n",
                0, IND_EDATA,
                "t.csv:4: title \"Referals\" of series a differs from \"Referrals\" at "
                "line 2");
    input_fails("area,series,unit,period,value\nFife,a,count,2022,1\nFife,a,hours,2023,1\n",
                0, IND_EDATA,
                "t.csv:3: unit \"hours\" of series a differs from \"count\" at line 2");
    input_fails("area,code,series,period,value\nFife,S1200004,a,2022,1\n", 0, IND_EDATA,
                "t.csv:2: GSS code \"S1200004\" of area \"Fife\" is not a capital "
                "letter followed by 8 digits");
}

static void test_malformed(void **state)
{
    (void)state;
    input_fails("area,series,period,value\nFife,a,2022,1\nFife,a,2023,23\"26\n", 0,
                IND_EPARSE, "t.csv:3: malformed CSV: a quote inside an unquoted field"
                "; area \"Fife\" (from line 2) is not computed");
    input_fails("area,series,period,value\nFife,a,2022,1\nFife,a,\"2023\"x,1\n", 0,
                IND_EPARSE,
                "t.csv:3: malformed CSV: a quoted field must end at a comma or a line "
                "end (a quote inside it is written twice); area \"Fife\" (from line 2) is not computed");
    /* The bad quote is on the second line of a record that spans three. */
    input_fails("area,series,period,value\nFife,a,2022,\"1\n2\"\"\nx\"y\n", 0, IND_EPARSE,
                "t.csv:4: malformed CSV: a quoted field must end at a comma or a line "
                "end (a quote inside it is written twice)");
    input_fails("area,series,period,value\nFife,a,2022,1\n\"Fife,a,2023,1\n", 0,
                IND_EPARSE, "t.csv:3: malformed CSV: a quoted field is not closed"
                "; area \"Fife\" (from line 2) is not computed");
    input_fails("area,series,period,value\nFife,a,2022,1\nFife,a,2023\n", 0, IND_EPARSE,
                "t.csv:3: malformed CSV: 3 fields where the header has 4; area \"Fife\" (from line 2) is not computed");
    input_fails("area,series,period,value\nFife,a,2022,1,\n", 0, IND_EPARSE,
                "t.csv:2: malformed CSV: 5 fields where the header has 4");
    /* Areas before the error are read; after it, nothing more. */
    stream st = open_str("area,series,period,value\nFife,a,2022,1\nAngus,a,2022,1\n"
                         "Moray,a,20\"22,1\nNairn,a,2022,1\n");
    ind_dataset_free(next_ok(st));
    /* The area whose rows were read up to the error is named. */
    next_fails(st, IND_EPARSE,
               "t.csv:4: malformed CSV: a quote inside an unquoted field; area \"Angus\" "
               "(from line 3) is not computed", 0);
    next_fails(st, IND_EINVAL, "t.csv: cannot read on after an earlier error", 0);
    close_stream(st);
}

/* After an error in one area the stream goes on with the next. */
static void test_recovery(void **state)
{
    (void)state;
    stream st = open_str("area,series,period,value\n"
                         "Fife,a,2022,1\n"
                         "Angus,a,2022,-1\n"
                         "Angus,a,2023,1\n"
                         "Fife,a,2023,1\n"
                         "Moray,a,2022,x\n"
                         "Nairn,a,2022,5\n");
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, "Fife");
    ind_dataset_free(ds);
    next_fails(st, IND_EDATA,
               "t.csv:3: negative value -1 in series a (counts cannot be negative)", 1);
    next_fails(st, IND_EDATA,
               "t.csv: area \"Fife\" appears again at line 5; rows of one area must be "
               "together", 1);
    next_fails(st, IND_EDATA, "t.csv:6: value \"x\" in series a is not a number", 1);
    ds = next_ok(st);
    assert_string_equal(ds->area, "Nairn");
    assert_true(ds->series[0].value[0] == 5);
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    close_stream(st);
}

static void test_record_limit(void **state)
{
    (void)state;
    ind_limits lim = {0};
    lim.max_line = 40;
    const char *text = "area,series,period,value\nFife,a,2022,1\n"
                       "Fife,a,2023,\"a very long field that goes on and on\"\n";
    stream st = open_text(text, strlen(text), &lim);
    next_fails(st, IND_ELIMIT, "t.csv:3: record longer than the 40-byte limit; area \"Fife\" (from line 2) is not computed", 0);
    close_stream(st);

    /* A field far longer than a block is refused without holding it all. */
    size_t n = 300000;
    char *big = malloc(n + 64);
    assert_non_null(big);
    int h = snprintf(big, 64, "area,series,period,value\n\"");
    memset(big + h, 'x', n);
    big[h + n] = '\0';
    lim.max_line = 1000;
    st = open_text(big, strlen(big), &lim);
    next_fails(st, IND_ELIMIT, "t.csv:2: record longer than the 1000-byte limit", 0);
    close_stream(st);
    free(big);
}

/* Many areas over many 64 KiB blocks, and one area larger than a block;
** each area is freed as soon as it is read. */
static void test_many_blocks(void **state)
{
    (void)state;
    const int areas = 3000, big_rows = 30000;
    size_t cap = 16u * 1024u * 1024u, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "area,series,period,value\n");
    for (int a = 0; a < areas; a++) {
        for (int y = 0; y < 3; y++)
            len += (size_t)snprintf(text + len, cap - len,
                                    "Area %d,cp.referrals,%d-%02d,%d\n"
                                    "Area %d,cp.registrations,%d-%02d,%d\n",
                                    a, 2021 + y, (22 + y) % 100, a * 10 + y, a,
                                    2021 + y, (22 + y) % 100, a + y);
    }
    /* Months 1900-01 onwards, in reverse. */
    for (int i = big_rows - 1; i >= 0; i--)
        len += (size_t)snprintf(text + len, cap - len, "Big,m%d,%04d-%02d,%d\n",
                                i % 10, 1900 + (i / 10) / 12, (i / 10) % 12 + 1, i);
    stream st = open_text(text, len, NULL);
    for (int a = 0; a < areas; a++) {
        ind_dataset *ds = next_ok(st);
        char name[32];
        snprintf(name, sizeof name, "Area %d", a);
        assert_string_equal(ds->area, name);
        assert_int_equal(ds->n_series, 2);
        for (int y = 0; y < 3; y++) {
            assert_int_equal(ds->series[0].ordinal[y], 2021 + y);
            assert_true(ds->series[0].value[y] == a * 10 + y);
            assert_true(ds->series[1].value[y] == a + y);
        }
        ind_dataset_free(ds);
    }
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, "Big");
    assert_int_equal(ds->n_series, 10);
    for (int k = 0; k < 10; k++) {
        const ind_series *s = &ds->series[k];
        assert_int_equal(s->n, big_rows / 10);
        for (size_t t = 0; t < s->n; t++) {
            int i = (int)t * 10 + k;
            assert_int_equal(s->ordinal[t], 1900 * 12 + (int)t);
            assert_true(s->value[t] == i);
        }
    }
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    assert_int_equal(ind_csv_stream_bytes(st.s), len);
    close_stream(st);
    free(text);
}

/* Appends to a growing text. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        assert_non_null(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* Pads t with rows of "Area NNNNNN" (a space inside a name, which libcsv's
** own space handling keeps) until it is at most 40 bytes short of `until`. */
static int pad_rows(text *t, size_t until, int n)
{
    while (t->len + 40 + 24 < until)
        put(t, "Area %06d,a,2023-24,1\n", n++);
    return n;
}

/* Spaces that touch a comma, a line end or a quote are kept wherever they
** fall: at the last byte of a 64 KiB block, at the first byte of one, and
** across a 16-byte step inside one, among blocks whose other spaces
** are all inside names (those blocks are parsed without the space callback,
** and a block whose edge bytes were not looked at would lose these). */
static void test_spaces_at_block_edges(void **state)
{
    (void)state;
    const size_t block = 64u * 1024u;
    text t = {0};
    put(&t, "area,series,period,value\n");
    int n = 0;
    char want[40][96];
    int n_want = 0;
    for (int k = 1; k <= 3; k++) {
        size_t edge = block * (size_t)(2 * k);
        /* "Trail...T " ending at the block's last byte, its comma the next
        ** block's first */
        n = pad_rows(&t, edge, n);
        size_t name_len = edge - 1 - t.len; /* the space at edge - 1 */
        char name[96];
        memset(name, 'T', name_len);
        name[0] = (char)('0' + k); /* every area its own name */
        name[name_len] = ' ';
        name[name_len + 1] = '\0';
        put(&t, "%s,a,2023-24,1\n", name);
        assert_int_equal(t.len - strlen(",a,2023-24,1\n"), edge);
        snprintf(want[n_want++], sizeof want[0], "%s", name);
        /* " Lead" beginning at the next block's first byte */
        size_t next = edge + block;
        n = pad_rows(&t, next, n);
        name_len = next - t.len - strlen(",a,2023-24,1\n");
        memset(name, 'F', name_len);
        name[0] = (char)('0' + k);
        name[name_len] = '\0';
        put(&t, "%s,a,2023-24,1\n", name); /* ends just before the block */
        assert_int_equal(t.len, next);
        snprintf(want[n_want++], sizeof want[0], "%s", name);
        put(&t, " Lead%d,a,2023-24,1\n", k);
        snprintf(want[n_want++], sizeof want[0], " Lead%d", k);
    }
    /* inside a block of its own, a space before a comma across a 16-byte
    ** step (the space its last byte), and one after a line end across one
    ** (the space its first byte) */
    for (int k = 4; k <= 5; k++) {
        size_t at = block * (size_t)(2 * k) + 30000;
        at += (k == 4 ? 13 : 16) - at % 16; /* the row's start */
        n = pad_rows(&t, at, n);
        size_t name_len = at - t.len - strlen(",a,2023-24,1\n");
        char name[96];
        memset(name, 'F', name_len);
        name[0] = (char)('0' + k);
        name[name_len] = '\0';
        put(&t, "%s,a,2023-24,1\n", name);
        assert_int_equal(t.len, at);
        snprintf(want[n_want++], sizeof want[0], "%s", name);
        if (k == 4) {
            put(&t, "Q%d ,a,2023-24,1\n", k); /* the space at 16m + 15 */
            snprintf(want[n_want++], sizeof want[0], "Q%d ", k);
        } else {
            put(&t, " L%d,a,2023-24,1\n", k); /* the space at 16m */
            snprintf(want[n_want++], sizeof want[0], " L%d", k);
        }
    }
    stream st = open_text(t.s, t.len, NULL);
    int found = 0;
    for (ind_dataset *ds; (ds = next_ok(st)) != NULL; ind_dataset_free(ds)) {
        if (strncmp(ds->area, "Area ", 5) == 0)
            continue;
        assert_true(found < n_want);
        assert_string_equal(ds->area, want[found]);
        found++;
    }
    assert_int_equal(found, n_want);
    close_stream(st);
    free(t.s);
}

/* Quoted fields holding commas, quotes and line ends, on lines among plain
** ones, so that they meet block ends at every kind of place; CRLF. Line
** numbers in values and messages count the line ends inside quotes. */
static void test_quotes_across_blocks(void **state)
{
    (void)state;
    const int areas = 4000;
    text t = {0};
    int line = 1;
    put(&t, "area,series,period,value,title\r\n");
    for (int a = 0; a < areas; a++) {
        for (int y = 0; y < 3; y++) {
            line++;
            if ((a + y) % 3 == 0) {
                put(&t, "\"Area, %d\",a,%d,%d,\"A \"\"title\"\"\r\nof %d lines\"\r\n", a,
                    2020 + y, a + y, 2);
                line++;
            } else {
                put(&t, "\"Area, %d\",a,%d,%d,\r\n", a, 2020 + y, a + y);
            }
        }
    }
    put(&t, "Last,a,2020,\"x\",\r\n");
    line++;
    stream st = open_text(t.s, t.len, NULL);
    int expect_line = 2;
    for (int a = 0; a < areas; a++) {
        ind_dataset *ds = next_ok(st);
        char name[32];
        snprintf(name, sizeof name, "Area, %d", a);
        assert_string_equal(ds->area, name);
        const ind_series *s = &ds->series[0];
        assert_string_equal(s->title, "A \"title\"\r\nof 2 lines");
        for (int y = 0; y < 3; y++) {
            assert_true(s->value[y] == a + y);
            assert_int_equal(s->position[y], expect_line);
            expect_line += (a + y) % 3 == 0 ? 2 : 1;
        }
        ind_dataset_free(ds);
    }
    char message[128];
    snprintf(message, sizeof message, "t.csv:%d: value \"x\" in series a is not a number",
             line);
    next_fails(st, IND_EDATA, message, 1);
    assert_null(next_ok(st));
    close_stream(st);
    free(t.s);
}

/* Lines ended by CR alone, over many blocks. */
static void test_cr_lines(void **state)
{
    (void)state;
    const int areas = 5000;
    text t = {0};
    put(&t, "area,series,period,value\r");
    for (int a = 0; a < areas; a++)
        put(&t, "Area %d,a,2020,%d\rArea %d,a,2021,%d\r\r", a, a, a, 2 * a);
    stream st = open_text(t.s, t.len, NULL);
    for (int a = 0; a < areas; a++) {
        ind_dataset *ds = next_ok(st);
        const ind_series *s = &ds->series[0];
        assert_true(s->value[0] == a && s->value[1] == 2 * a);
        assert_int_equal(s->position[0], 2 + 3 * a);
        assert_int_equal(s->position[1], 3 + 3 * a);
        ind_dataset_free(ds);
    }
    assert_null(next_ok(st));
    close_stream(st);
    free(t.s);
}

/* Decimals of every length, within and beyond the 15 digits read without
** strtod, give strtod's double to the bit. */
static void test_decimals_exact(void **state)
{
    (void)state;
    const int n_series = 2000, months = 10;
    text t = {0};
    char (*given)[40] = malloc((size_t)(n_series * months) * sizeof *given);
    assert_non_null(given);
    uint64_t x = 88172645463325252u;
    put(&t, "area,series,period,value\n");
    for (int k = 0; k < n_series * months; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int whole = (int)(x % 10), frac = (int)((x >> 8) % 12);
        uint64_t digits = x >> 16;
        char *g = given[k];
        int n = snprintf(g, 40, "%llu", (unsigned long long)(digits % 10000000000u));
        if (whole < n) {
            if (frac > 0) {
                memmove(g + whole + 1, g + whole, (size_t)(n - whole) + 1);
                g[whole] = '.';
            }
            g[whole + 1 + frac < n + 1 ? whole + 1 + frac : n + 1] = '\0';
        }
        if (k % 97 == 0)
            snprintf(g, 40, "%s", k % 2 ? "0.1" : "-0.0");
        if (k % 89 == 0)
            snprintf(g, 40, "%.17g", (double)(x >> 11) / 9007199254740992.0);
        put(&t, "Fife,s%d,2020-%02d,%s\n", k / months, k % months + 1, g);
    }
    stream st = open_text(t.s, t.len, NULL);
    ind_dataset *ds = next_ok(st);
    assert_int_equal(ds->n_series, n_series);
    for (int k = 0; k < n_series * months; k++) {
        char id[16];
        snprintf(id, sizeof id, "s%d", k / months);
        const ind_series *s = ind_dataset_find(ds, id);
        assert_non_null(s);
        double want = strtod(given[k], NULL), got = s->value[k % months];
        if (memcmp(&want, &got, sizeof want) != 0)
            fail_msg("%s read as %.17g, strtod gives %.17g", given[k], got, want);
    }
    ind_dataset_free(ds);
    close_stream(st);
    free(t.s);
    free(given);
}

/* An area that comes back after a very large number of others is still
** found, however long its name, and the areas between are all new. */
static void test_area_again_after_many(void **state)
{
    (void)state;
    const int areas = 300000;
    text t = {0};
    put(&t, "area,series,period,value\n");
    for (int a = 0; a < areas; a++)
        put(&t, a % 2 ? "A%d,a,2020,1\n" : "\"Area number %d, with a longer name\",a,2020,1\n",
            a);
    put(&t, "\"Area number 0, with a longer name\",a,2021,1\n");
    put(&t, "A123457,a,2021,1\n");
    put(&t, "New,a,2021,1\n");
    stream st = open_text(t.s, t.len, NULL);
    for (int a = 0; a < areas; a++)
        ind_dataset_free(next_ok(st));
    char message[160];
    snprintf(message, sizeof message,
             "t.csv: area \"Area number 0, with a longer name\" appears again at line "
             "%d; rows of one area must be together", areas + 2);
    next_fails(st, IND_EDATA, message, 1);
    snprintf(message, sizeof message,
             "t.csv: area \"A123457\" appears again at line %d; rows of one area must "
             "be together", areas + 3);
    next_fails(st, IND_EDATA, message, 1);
    ind_dataset *ds = next_ok(st);
    assert_string_equal(ds->area, "New");
    ind_dataset_free(ds);
    assert_null(next_ok(st));
    close_stream(st);
    free(t.s);
}

/* ---- areas that appear again, in every kind of input ------------------------ */

/* A regular file holding csv[0..size) after skip bytes of other text, read
** from where csv begins. It is unlinked already: closing removes it. */
static FILE *file_with(const char *csv, size_t size, size_t skip)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    for (size_t i = 0; i < skip; i++)
        assert_int_not_equal(fputc(i % 16 == 15 ? '\n' : 'x', fp), EOF);
    assert_int_equal(fwrite(csv, 1, size, fp), size);
    assert_int_equal(fseek(fp, (long)skip, SEEK_SET), 0);
    return fp;
}

/* A pipe holding csv, written whole before it is read, so it must fit in
** the pipe. */
static FILE *pipe_with(const char *csv)
{
    size_t size = strlen(csv);
    assert_true(size < 4096);
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    assert_int_equal(write(fd[1], csv, size), (ssize_t)size);
    assert_int_equal(close(fd[1]), 0);
    FILE *fp = fdopen(fd[0], "r");
    assert_non_null(fp);
    return fp;
}

static stream open_fp(FILE *fp)
{
    stream st;
    st.fp = fp;
    ind_error err = {0};
    assert_int_equal(ind_csv_stream_open("t.csv", fp, NULL, &st.s, &err), IND_OK);
    return st;
}

/* Reads the whole stream. Each entry of want is an area's name or, after a
** '!', the message of the recoverable error that comes in its place. */
static void expect_areas(stream st, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (want[i][0] == '!') {
            next_fails(st, IND_EDATA, want[i] + 1, 1);
            continue;
        }
        ind_dataset *ds = next_ok(st);
        if (ds == NULL)
            fail_msg("the input ended where area %s was expected", want[i]);
        assert_string_equal(ds->area, want[i]);
        ind_dataset_free(ds);
    }
    assert_null(next_ok(st));
}

enum { IN_MEMORY, IN_PIPE, IN_FILE, IN_FILE_LATER, N_INPUTS };

/* The same reading from a FILE in memory and a pipe (areas remembered from
** the first), a regular file (areas in order not remembered, the file read
** again at the first out of order), and a regular file whose text begins
** after other bytes (read again from there, not from the file's start). */
static void expect_every_input(const char *csv, const char *const *want, size_t n)
{
    for (int kind = 0; kind < N_INPUTS; kind++) {
        size_t size = strlen(csv);
        FILE *fp = kind == IN_MEMORY ? fmemopen((void *)csv, size, "r")
                   : kind == IN_PIPE ? pipe_with(csv)
                                     : file_with(csv, size, kind == IN_FILE ? 0 : 100);
        assert_non_null(fp);
        stream st = open_fp(fp);
        expect_areas(st, want, n);
        close_stream(st);
    }
}

#define N_OF(a) (sizeof(a) / sizeof(a)[0])

/* Areas out of order but each together are all read: the pass back stops
** at the first area out of order, and the areas after it are new. */
static void test_areas_unsorted_contiguous(void **state)
{
    (void)state;
    const char *csv = "area,series,period,value\n"
                      "B,a,2020,1\nB,a,2021,1\n"
                      "A,a,2020,1\n"
                      "C,a,2020,1\n"
                      "Angus,a,2020,1\nAngus,a,2021,1\n"
                      "Ab,a,2020,1\n"
                      "Fife,a,2020,1\n";
    const char *const want[] = {"B", "A", "C", "Angus", "Ab", "Fife"};
    expect_every_input(csv, want, N_OF(want));
}

/* The break of the order is itself an area read before. */
static void test_area_again_at_the_break(void **state)
{
    (void)state;
    const char *csv = "area,series,period,value\n"
                      "A,a,2020,1\nA,a,2021,1\n"
                      "B,a,2020,1\n"
                      "A,a,2022,1\n"
                      "C,a,2020,1\n";
    const char *const want[] = {
        "A", "B",
        "!t.csv: area \"A\" appears again at line 5; rows of one area must be together",
        "C"};
    expect_every_input(csv, want, N_OF(want));
    /* The area in the last column, the last line with no line end. */
    csv = "series,period,value,area\na,2020,1,A\na,2020,1,B\na,2021,1,A";
    const char *const want_last[] = {
        "A", "B",
        "!t.csv: area \"A\" appears again at line 4; rows of one area must be together"};
    expect_every_input(csv, want_last, N_OF(want_last));
}

/* After the order breaks, an area from before the break and one from
** after it come back; a name that another begins is a different area. */
static void test_area_again_after_break(void **state)
{
    (void)state;
    const char *csv = "area,series,period,value\n"
                      "C,a,2020,1\n"         /* 2 */
                      "D,a,2020,1\n"         /* 3 */
                      "Da,a,2020,1\n"        /* 4 */
                      "A,a,2020,1\n"         /* 5: the break */
                      "B,a,2020,1\n"         /* 6 */
                      "D,a,2021,1\n"         /* 7: before the break */
                      "D,a,2022,1\n"         /* 8 */
                      "E,a,2020,1\n"         /* 9 */
                      "A,a,2021,1\n"         /* 10: after the break */
                      "Dab,a,2020,1\n";      /* 11 */
    const char *const want[] = {
        "C", "D", "Da", "A", "B",
        "!t.csv: area \"D\" appears again at line 7; rows of one area must be together",
        "E",
        "!t.csv: area \"A\" appears again at line 10; rows of one area must be together",
        "Dab"};
    expect_every_input(csv, want, N_OF(want));
}

/* The pass back reads what the stream read: a byte-order mark before a
** quoted header name, blank lines before and after the header, CRLF, the
** area in the second column, quoted with a comma and a line end inside,
** and no line end at the end. Without any of these right it would find
** other areas, or none, before the break. */
static void test_area_again_syntax(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBF\r\n"                       /* 1 */
                      "\"series\",area,period,value\r\n"       /* 2 */
                      "\r\n"                                   /* 3 */
                      "a,Angus,2020,1\r\n"                     /* 4 */
                      "a,Angus,2021,2\r\n"                     /* 5 */
                      "\r\n"                                   /* 6 */
                      "a,\"Fife, North\r\nEast\",2020,1\r\n"   /* 7-8 */
                      "a,\"Fife, North\r\nEast\",2021,1\r\n"   /* 9-10 */
                      "\n"                                     /* 11 */
                      "a,Moray,2020,1\r\n"                     /* 12 */
                      "a,Clackmannan,2020,1\r\n"               /* 13: the break */
                      "a,\"Fife, North\r\nEast\",2022,1\r\n"   /* 14-15 */
                      "a,Fife,2020,1\r\n"                      /* 16 */
                      "a,Angus,2022,1";                        /* 17 */
    const char *const want[] = {
        "Angus", "Fife, North\r\nEast", "Moray", "Clackmannan",
        "!t.csv: area \"Fife, North\\x0d\\x0aEast\" appears again at line 14; rows of "
        "one area must be together",
        "Fife",
        "!t.csv: area \"Angus\" appears again at line 17; rows of one area must be "
        "together"};
    expect_every_input(csv, want, N_OF(want));
}

/* Many areas in order over many blocks, then areas from the first block
** and the last coming back, read from a file by name: the reader holds the
** first part of it, and the stream reads on from there. */
static void test_area_again_sorted_many(void **state)
{
    (void)state;
    const int areas = 40000;
    text t = {0};
    put(&t, "area,series,period,value\n");
    for (int a = 0; a < areas; a++)
        put(&t, "A%05d,a,2020,%d\nA%05d,a,2021,%d\n", a, a, a, a);
    put(&t, "A00001,a,2022,1\n");                /* the break */
    put(&t, "A%05d,a,2022,1\n", areas - 1);      /* beyond the reader's first part */
    put(&t, "B,a,2020,1\n");
    assert_true(t.len > 1024u * 1024u);

    /* No .csv in the name, so the reader reads a part to tell the format. */
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/test_io_csv.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, t.s, t.len), (ssize_t)t.len);
    assert_int_equal(close(fd), 0);
    ind_reader *r;
    ind_error err = {0};
    int rc = ind_reader_open(path, IND_INPUT_AUTO, NULL, &r, &err);
    unlink(path);
    assert_int_equal(rc, IND_OK);
    assert_int_equal(ind_reader_format(r), IND_INPUT_CSV);
    ind_dataset *ds;
    for (int a = 0; a < areas; a++) {
        assert_int_equal(ind_reader_next(r, &ds, &err), IND_OK);
        char name[16];
        snprintf(name, sizeof name, "A%05d", a);
        assert_string_equal(ds->area, name);
        ind_dataset_free(ds);
    }
    char message[IND_ERROR_MAX];
    for (int k = 0; k < 2; k++) {
        assert_int_equal(ind_reader_next(r, &ds, &err), IND_EDATA);
        snprintf(message, sizeof message,
                 "%s: area \"A%05d\" appears again at line %d; rows of one area must "
                 "be together", path, k == 0 ? 1 : areas - 1, 2 * areas + 2 + k);
        assert_string_equal(err.message, message);
        assert_true(ind_reader_recoverable(r));
    }
    assert_int_equal(ind_reader_next(r, &ds, &err), IND_OK);
    assert_string_equal(ds->area, "B");
    ind_dataset_free(ds);
    assert_int_equal(ind_reader_next(r, &ds, &err), IND_OK);
    assert_null(ds);
    ind_reader_close(r);
    free(t.s);
}

/* A file that changes between the first reading and the second is not
** trusted to say which areas came before. */
static void test_file_changed(void **state)
{
    (void)state;
    const char *csv = "area,series,period,value\nA,a,2020,1\nB,a,2020,1\nA,a,2021,1\n";
    FILE *fp = file_with(csv, strlen(csv), 0);
    stream st = open_fp(fp);
    ind_dataset_free(next_ok(st));
    ind_dataset_free(next_ok(st));
    /* The stream has read the whole file: "B" becomes "A" under it. */
    assert_int_equal(pwrite(fileno(fp), "A", 1, 36), 1);
    next_fails(st, IND_EIO, "t.csv: the file changed while it was read", 0);
    close_stream(st);
}

static void test_arguments(void **state)
{
    (void)state;
    ind_csv_stream *s;
    ind_error err = {0};
    assert_int_equal(ind_csv_stream_open("t.csv", NULL, NULL, &s, &err), IND_EINVAL);
    assert_null(s);
    ind_dataset *ds;
    assert_int_equal(ind_csv_stream_next(NULL, &ds, &err), IND_EINVAL);
    assert_int_equal(ind_csv_stream_recoverable(NULL), 0);
    assert_int_equal(ind_csv_stream_bytes(NULL), 0);
    ind_csv_stream_close(NULL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_format),
        cmocka_unit_test(test_quoted_and_optional),
        cmocka_unit_test(test_interleaved_crlf_bom),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_value_errors),
        cmocka_unit_test(test_spaces_kept),
        cmocka_unit_test(test_spaces_at_block_edges),
        cmocka_unit_test(test_agreement),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_record_limit),
        cmocka_unit_test(test_many_blocks),
        cmocka_unit_test(test_quotes_across_blocks),
        cmocka_unit_test(test_cr_lines),
        cmocka_unit_test(test_decimals_exact),
        cmocka_unit_test(test_area_again_after_many),
        cmocka_unit_test(test_areas_unsorted_contiguous),
        cmocka_unit_test(test_area_again_at_the_break),
        cmocka_unit_test(test_area_again_after_break),
        cmocka_unit_test(test_area_again_syntax),
        cmocka_unit_test(test_area_again_sorted_many),
        cmocka_unit_test(test_file_changed),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
