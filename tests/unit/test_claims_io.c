/*
** test_claims_io.c: unit tests for claims.h and claims_io.h: every field of
** a claim read from JSON and from CSV into the same claim; JSON numbers as
** inputs; parts as an array and as "a + b"; CSV quoting, CRLF, a byte-order
** mark, blank and empty rows, line numbers after a quoted field that spans
** lines; choosing the format by name and by content; made ids; direction
** words; and the status and whole message for bad inputs (the files of
** tests/data/claims/bad/ are all checked through the command in
** tests/cli/test_verify.sh; a few are read here through the library).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/claims.h"
#include "indicate/claims_io.h"

static ind_claim_set *read_ok(const char *name, const char *text, ind_claims_format f)
{
    ind_claim_set *set = NULL;
    ind_error err = {0};
    if (ind_claims_read_memory(name, text, strlen(text), f, &set, &err) != IND_OK)
        fail_msg("%s refused: %s", name, err.message);
    return set;
}

static void expect_error(const char *name, const char *text, int status, const char *message)
{
    ind_claim_set *set = (ind_claim_set *)1;
    ind_error err = {0};
    assert_int_equal(ind_claims_read_memory(name, text, strlen(text), IND_CLAIMS_AUTO, &set, &err),
                     status);
    assert_null(set);
    assert_string_equal(err.message, message);
}

/* The same claim, as the JSON and CSV tests write it. */
static void check_edc_claim(const ind_claim *c)
{
    assert_string_equal(c->id, "edc");
    assert_int_equal(c->kind, IND_CLAIM_PERCENT_CHANGE);
    assert_string_equal(c->stated.text, "102%");
    assert_int_equal(c->decimals, 0);
    assert_false(c->decimals_given);
    assert_string_equal(c->direction_word, "increase");
    assert_int_equal(c->direction, IND_DIRECTION_UP);
    assert_string_equal(c->input[IND_ROLE_FROM]->text, "101");
    assert_string_equal(c->input[IND_ROLE_TO]->text, "203");
    assert_null(c->input[IND_ROLE_PART]);
    assert_string_equal(c->subject, "Emergency detention consents");
    assert_string_equal(c->source.section, "3.2");
    assert_string_equal(c->source.quote, "Total Emergency Detention consents (101) 203 [102% increase]");
    assert_int_equal(c->source.line, 805);
    assert_int_equal(c->source.column, 47);
}

static void test_json_fields(void **state)
{
    (void)state;
    const char *text =
        "{\"document\": \"NL CSWO report 2023/24\", \"note\": \"x\", \"claims\": [\n"
        "  {\"id\": \"edc\", \"kind\": \"percent_change\", \"stated\": \"102%\",\n"
        "   \"direction\": \"increase\", \"from\": 101, \"to\": \"203\",\n"
        "   \"subject\": \"Emergency detention consents\",\n"
        "   \"source\": {\"section\": \"3.2\", \"line\": 805, \"column\": 47,\n"
        "     \"quote\": \"Total Emergency Detention consents (101) 203 [102% increase]\"}},\n"
        "  {\"kind\": \"sum\", \"stated\": \"2,480\", \"parts\": [360, \"1,957\", \"152\", 11],\n"
        "   \"decimals\": 0, \"source\": {\"document\": \"other\"}},\n"
        "  {\"kind\": \"difference\", \"stated\": \"23\", \"direction\": \"Fallen\",\n"
        "   \"a\": \"1,031\", \"b\": 1054.0, \"note\": \"derived\"}\n"
        "]}\n";
    ind_claim_set *set = read_ok("t.json", text, IND_CLAIMS_AUTO);
    assert_int_equal(ind_claim_set_count(set), 3);
    assert_string_equal(ind_claim_set_get_document(set), "NL CSWO report 2023/24");
    const ind_claim *c = ind_claim_set_get(set, 0);
    check_edc_claim(c);
    assert_string_equal(c->source.document, "NL CSWO report 2023/24");
    assert_string_equal(c->where, "t.json: $.claims[0]");

    c = ind_claim_set_get(set, 1);
    assert_string_equal(c->id, "#2");              /* made from its place */
    assert_int_equal(c->n_parts, 4);
    assert_string_equal(c->parts[0].text, "360");  /* a JSON number, as text */
    assert_string_equal(c->parts[1].text, "1,957");
    assert_true(c->decimals_given);
    assert_string_equal(c->source.document, "other");

    c = ind_claim_set_get(set, 2);
    assert_int_equal(c->direction, IND_DIRECTION_DOWN); /* any case */
    assert_string_equal(c->input[IND_ROLE_B]->text, "1054"); /* 1054.0 read back */
    assert_string_equal(c->note, "derived");
    assert_null(ind_claim_set_get(set, 3));
    ind_claim_set_free(set);
}

static void test_csv_fields(void **state)
{
    (void)state;
    /* A byte-order mark, CRLF, columns in any order, a quoted quote with a
    ** comma, a blank line and a row of empty cells. */
    const char *text =
        "\xEF\xBB\xBF" "quote,id,kind,stated,direction,from,to,subject,section,line,column,parts\r\n"
        "\"Total Emergency Detention consents (101) 203 [102% increase]\",edc,percent_change,"
        "102%,increase,101,203,Emergency detention consents,3.2,805,47,\r\n"
        "\r\n"
        ",,,,,,,,,,,\r\n"
        "\"a \"\"quoted\"\", two-line\nquote\",yb,sum,43,,,,,2.4.5,,,7 + 7 + 27\r\n"
        "\"x\",bad,share,5%,,,,,,,,\r\n";
    ind_claim_set *set = NULL;
    ind_error err = {0};
    /* The last row lacks its inputs: the line number counts the line end
    ** inside the quoted field of the row before. */
    assert_int_equal(ind_claims_read_memory("t.csv", text, strlen(text), IND_CLAIMS_AUTO, &set, &err),
                     IND_EDATA);
    assert_string_equal(err.message, "t.csv:7: a share claim needs \"part\" (it takes part and whole)");

    /* Without the last row, everything is read. */
    size_t keep = (size_t)(strstr(text, "\"x\",bad") - text);
    char trimmed[1024];
    memcpy(trimmed, text, keep);
    trimmed[keep] = '\0';
    set = read_ok("t.csv", trimmed, IND_CLAIMS_AUTO);
    assert_int_equal(ind_claim_set_count(set), 2);
    check_edc_claim(ind_claim_set_get(set, 0));
    assert_string_equal(ind_claim_set_get(set, 0)->where, "t.csv:2");
    const ind_claim *c = ind_claim_set_get(set, 1);
    assert_string_equal(c->source.quote, "a \"quoted\", two-line\nquote");
    assert_int_equal(c->n_parts, 3);
    assert_string_equal(c->parts[2].text, "27");
    assert_string_equal(c->where, "t.csv:5");
    ind_claim_set_free(set);
}

static void test_format_choice(void **state)
{
    (void)state;
    assert_int_equal(ind_claims_format_from_name("a.JSON"), IND_CLAIMS_JSON);
    assert_int_equal(ind_claims_format_from_name("dir.json/a.csv"), IND_CLAIMS_CSV);
    assert_int_equal(ind_claims_format_from_name("claims.txt"), IND_CLAIMS_AUTO);
    assert_int_equal(ind_claims_format_from_name(NULL), IND_CLAIMS_AUTO);
    /* By content: JSON when it opens with { or [, after space. */
    ind_claim_set *set = read_ok("-", "  \n{\"claims\": []}", IND_CLAIMS_AUTO);
    assert_int_equal(ind_claim_set_count(set), 0);
    ind_claim_set_free(set);
    set = read_ok("-", "kind,stated,part,whole\nshare,5%,1,20\n", IND_CLAIMS_AUTO);
    assert_int_equal(ind_claim_set_count(set), 1);
    ind_claim_set_free(set);
    /* Told CSV, JSON text is malformed CSV. */
    ind_error err = {0};
    assert_int_equal(ind_claims_read_memory("x", "{\"claims\": []}\n", 15, IND_CLAIMS_CSV, &set, &err),
                     IND_EPARSE);
    assert_string_equal(err.message, "x:1: malformed CSV: a quote inside an unquoted field");
}

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_error("m.json", "{\"claims\": [\n  {\"kind\": \"share\",, }]}", IND_EPARSE,
                 "m.json:2:21: malformed JSON");
    expect_error("k.json", "{\"claims\": [{\"kind\": \"share\", \"stated\": \"5%\", \"part\": 1, "
                           "\"whole\": 20, \"from\": 3}]}",
                 IND_EDATA, "k.json: $.claims[0].from: a share claim takes part and whole, not \"from\"");
    expect_error("p.json", "{\"claims\": [{\"kind\": \"sum\", \"stated\": \"5\", "
                           "\"parts\": [1, \"2,2\"]}]}",
                 IND_EDATA, "p.json: $.claims[0].parts[1]: \"2,2\": thousands separators must group three digits");
    expect_error("b.json", "{\"claims\": [{\"kind\": \"share\", \"stated\": \"5%\", \"part\": true, "
                           "\"whole\": 20}]}",
                 IND_EDATA, "b.json: $.claims[0].part: expected a number or a string, found a boolean");
    expect_error("q.csv", "kind,stated,part,whole\nshare,\"5%,1,20\n", IND_EPARSE,
                 "q.csv:2: malformed CSV: a quoted field is not closed");
    expect_error("e.csv", "kind,stated,part,whole\nsum,5,,\n", IND_EDATA,
                 "e.csv:2: a sum claim needs at least two parts");
}

static void test_file_errors(void **state)
{
    (void)state;
    ind_claim_set *set = NULL;
    ind_error err = {0};
    const char *bad = IND_TEST_DATA "/data/claims/bad";
    char path[1024];
    snprintf(path, sizeof path, "%s/nul-byte.csv", bad);
    assert_int_equal(ind_claims_read_file(path, IND_CLAIMS_AUTO, &set, &err), IND_EPARSE);
    assert_non_null(strstr(err.message, "nul-byte.csv:2: a NUL byte: not a text file"));
    snprintf(path, sizeof path, "%s/long-string.json", bad);
    assert_int_equal(ind_claims_read_file(path, IND_CLAIMS_AUTO, &set, &err), IND_ELIMIT);
    snprintf(path, sizeof path, "%s/no-such-file.json", bad);
    assert_int_equal(ind_claims_read_file(path, IND_CLAIMS_AUTO, &set, &err), IND_EIO);
    assert_non_null(strstr(err.message, "no-such-file.json: cannot open: No such file or directory"));
    assert_int_equal(ind_claims_read_file(bad, IND_CLAIMS_AUTO, &set, &err), IND_EIO);
    assert_non_null(strstr(err.message, ": cannot open: Is a directory"));
    assert_null(set);
}

static void test_builder(void **state)
{
    (void)state;
    ind_claim_set *set = ind_claim_set_new();
    ind_error err = {0};
    /* Parts given twice as fields and once as "a + b": all kept, in order. */
    ind_claim_field sum[] = {{"kind", "sum", NULL}, {"stated", "10", NULL},
                             {"parts", "1", NULL}, {"parts", "2 + 3", NULL}, {"parts", "4", NULL}};
    assert_int_equal(ind_claim_set_add(set, "s", sum, 5, &err), IND_OK);
    const ind_claim *c = ind_claim_set_get(set, 0);
    assert_int_equal(c->n_parts, 4);
    assert_string_equal(c->parts[1].text, "2");
    assert_string_equal(c->parts[3].text, "4");
    /* A made id cannot be taken by a later explicit one. */
    ind_claim_field dup[] = {{"id", "#1", "w: id"}, {"kind", "sum", NULL}, {"stated", "3", NULL},
                             {"parts", "1 + 2", NULL}};
    assert_int_equal(ind_claim_set_add(set, "w", dup, 4, &err), IND_EDATA);
    assert_string_equal(err.message, "w: id: id \"#1\" is given twice (first at s)");
    assert_int_equal(ind_claim_set_count(set), 1);
    /* An empty part ("1 +") is an empty figure. */
    ind_claim_field empty[] = {{"kind", "sum", NULL}, {"stated", "3", NULL},
                               {"parts", "1 +", "e: parts"}};
    assert_int_equal(ind_claim_set_add(set, "e", empty, 3, &err), IND_EDATA);
    assert_string_equal(err.message, "e: parts: \"\": empty figure");
    /* A thousand ids: the id table grows and still finds every one. */
    for (int i = 0; i < 1000; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%d", i);
        ind_claim_field f[] = {{"id", id, NULL}, {"kind", "ratio", NULL}, {"stated", "2", NULL},
                               {"numerator", "4", NULL}, {"denominator", "2", NULL}};
        assert_int_equal(ind_claim_set_add(set, "g", f, 5, &err), IND_OK);
    }
    ind_claim_field again[] = {{"id", "c500", NULL}, {"kind", "ratio", NULL}, {"stated", "2", NULL},
                               {"numerator", "4", NULL}, {"denominator", "2", NULL}};
    assert_int_equal(ind_claim_set_add(set, "h", again, 5, &err), IND_EDATA);
    assert_int_equal(ind_claim_set_count(set), 1001);
    ind_claim_set_free(set);
    ind_claim_set_free(NULL);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ind_claim_kind_name(IND_CLAIM_RATE), "rate");
    assert_null(ind_claim_kind_name(IND_CLAIM_KIND_COUNT));
    assert_int_equal(ind_claim_kind_parse("difference"), IND_CLAIM_DIFFERENCE);
    assert_int_equal(ind_claim_kind_parse("Difference"), -1);
    assert_string_equal(ind_claim_role_name(IND_ROLE_POPULATION), "population");
    assert_true(ind_claim_kind_takes(IND_CLAIM_RATE, IND_ROLE_PER));
    assert_false(ind_claim_kind_takes(IND_CLAIM_SUM, IND_ROLE_N));
    assert_int_equal(ind_direction_of_word("Fell", 4), IND_DIRECTION_DOWN);
    assert_int_equal(ind_direction_of_word("no change", 9), IND_DIRECTION_SAME);
    assert_int_equal(ind_direction_of_word("upwards", 7), IND_DIRECTION_NONE);
    assert_string_equal(ind_direction_opposite("increased", 9), "decreased");
    assert_string_equal(ind_direction_opposite("less", 4), "more");
    assert_null(ind_direction_opposite("stable", 6));
    assert_true(ind_claim_field_known("column"));
    assert_false(ind_claim_field_known("page"));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_fields),
        cmocka_unit_test(test_csv_fields),
        cmocka_unit_test(test_format_choice),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_builder),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
