/*
** test_claims_text.c: unit tests for claims_text.h on small texts written
** for each pattern: shares "(A out of B)", "A out of B (P)", "A (P)" and
** table rows; changes from bracketed rows, "(A to B)", "from A to B" after
** and before, "A ... rise to B", "This ...", "previous year's figures of
** A"; the direction window; years, dates, section numbers and words never
** taken as inputs; two figures never sharing inputs; nothing invented
** (unpaired, with a note; --paired-only); ids, line, column (in
** characters), section, quote; HTML tags and Markdown; the refusals.
** The seed texts are checked in tests/cli/test_claims_text.sh.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/claims.h"
#include "indicate/claims_text.h"

static ind_claim_set *set;

static int teardown(void **state)
{
    (void)state;
    ind_claim_set_free(set);
    set = NULL;
    return 0;
}

static size_t find(const char *text, int paired_only)
{
    ind_claim_set_free(set);
    set = ind_claim_set_new();
    ind_text_options o = {.document = "doc", .paired_only = paired_only};
    ind_error err = {0};
    if (ind_claims_find("t.txt", text, strlen(text), &o, set, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ind_claim_set_count(set);
}

static const ind_claim *nth(size_t i)
{
    const ind_claim *c = ind_claim_set_get(set, i);
    assert_non_null(c);
    return c;
}

/* The i-th claim is of kind with these inputs (NULL: unpaired). */
static void expect_claim(size_t i, const char *stated, ind_claim_kind kind, const char *first,
                         const char *second)
{
    const ind_claim *c = nth(i);
    assert_string_equal(c->stated.text, stated);
    if (c->kind != kind)
        fail_msg("claim %zu (%s): %s, expected %s (%s)", i, stated, ind_claim_kind_name(c->kind),
                 ind_claim_kind_name(kind), c->note != NULL ? c->note : "");
    ind_claim_role r1 = kind == IND_CLAIM_SHARE ? IND_ROLE_PART : IND_ROLE_FROM;
    ind_claim_role r2 = kind == IND_CLAIM_SHARE ? IND_ROLE_WHOLE : IND_ROLE_TO;
    if (kind == IND_CLAIM_UNPAIRED) {
        assert_null(c->input[IND_ROLE_FROM]);
        assert_null(c->input[IND_ROLE_PART]);
        assert_non_null(c->note);
        return;
    }
    assert_string_equal(c->input[r1]->text, first);
    assert_string_equal(c->input[r2]->text, second);
}

static void test_shares(void **state)
{
    (void)state;
    assert_int_equal(find("Current performance is at 63% (88 out of 139) of reports. "
                          "To date 74% of placements (268 out of 364) were seen. "
                          "Figures for Q2 indicate 37 out of 53 (70%) within timescale. "
                          "Of 42 people, 20 of 40 (50%) agreed.", 0), 4);
    expect_claim(0, "63%", IND_CLAIM_SHARE, "88", "139");
    expect_claim(1, "74%", IND_CLAIM_SHARE, "268", "364");
    expect_claim(2, "70%", IND_CLAIM_SHARE, "37", "53");
    expect_claim(3, "50%", IND_CLAIM_SHARE, "20", "40");
    assert_null(nth(0)->note); /* a plain pattern needs no note */

    /* "A (P)": the whole is the largest count earlier in the sentence. */
    assert_int_equal(find("There were a total of 723 children, 75 (10%) in a residential setting, "
                          "and 30 (4%) in secure care.", 0), 2);
    expect_claim(0, "10%", IND_CLAIM_SHARE, "75", "723");
    expect_claim(1, "4%", IND_CLAIM_SHARE, "30", "723");
    assert_non_null(nth(0)->note);
    /* With no larger count before it, no whole: unpaired. */
    assert_int_equal(find("Care homes accounted for 34% (1,124) of all referrals.", 0), 1);
    expect_claim(0, "34%", IND_CLAIM_UNPAIRED, NULL, NULL);
}

static void test_table_rows(void **state)
{
    (void)state;
    /* Tab-separated, the year as the label: part 768 of 2,326. A row with
    ** three counts before the figure is not paired. */
    assert_int_equal(find("Year\tReferrals\tInvestigations\t%\n"
                          "2023-24\t2,326\t768\t33%\t254\n"
                          "Blue\t0\t1\t1\t4%\n", 0), 2);
    expect_claim(0, "33%", IND_CLAIM_SHARE, "768", "2,326");
    expect_claim(1, "4%", IND_CLAIM_UNPAIRED, NULL, NULL);
    assert_string_equal(nth(0)->source.quote, "2023-24 2,326 768 33% 254");
    /* A part above the whole is not a share. */
    assert_int_equal(find("Green\t7\t16\t57%\n", 0), 1);
    expect_claim(0, "57%", IND_CLAIM_UNPAIRED, NULL, NULL);
    /* Markdown pipes are cells too. */
    assert_int_equal(find("| Referrals | 1,030 | 692 | 67% |\n", 0), 1);
    expect_claim(0, "67%", IND_CLAIM_SHARE, "692", "1,030");
    assert_string_equal(nth(0)->subject, "Referrals");

    /* Earlier value in brackets, then the later, then the change. */
    assert_int_equal(find("Total Emergency Detention consents\t(101) 203 [102% increase]\n"
                          "Consent refused\t(0) 0 [No change]\n", 0), 2);
    expect_claim(0, "102%", IND_CLAIM_PERCENT_CHANGE, "101", "203");
    assert_string_equal(nth(0)->direction_word, "increase");
    assert_string_equal(nth(0)->subject, "Total Emergency Detention consents");
    expect_claim(1, "No change", IND_CLAIM_PERCENT_CHANGE, "0", "0");
}

static void test_changes(void **state)
{
    (void)state;
    /* Two figures in one sentence keep their own inputs. */
    assert_int_equal(find("Social Work referrals fell slightly by 2% from 408 to 399, whilst "
                          "Scottish Fire and Rescue increased 5% from 110 to 116.", 0), 2);
    expect_claim(0, "2%", IND_CLAIM_PERCENT_CHANGE, "408", "399");
    assert_string_equal(nth(0)->direction_word, "fell");
    expect_claim(1, "5%", IND_CLAIM_PERCENT_CHANGE, "110", "116");

    /* "(A to B)" after the figure, with a number in words. */
    assert_int_equal(find("The use of protection orders fell 50% compared to last year (15 to seven).", 0), 1);
    expect_claim(0, "50%", IND_CLAIM_PERCENT_CHANGE, "15", "seven");

    /* "(A to B)" of four-digit counts: above 2100 they are not years. */
    assert_int_equal(find("We received 3,314 referrals, an increase of 9%, compared to 2022-23 "
                          "(3034 to 3314).", 0), 1);
    expect_claim(0, "9%", IND_CLAIM_PERCENT_CHANGE, "3034", "3314");

    /* "from A in YEAR to B in YEAR" before the figure. */
    assert_int_equal(find("Orders also rose from 73 in 2022-23 to 114 in 2023-24, representing "
                          "an increase of 43.9%.", 0), 1);
    expect_claim(0, "43.9%", IND_CLAIM_PERCENT_CHANGE, "73", "114");

    /* "A ... rise to B". */
    assert_int_equal(find("During 2022-23, there were 150 new orders, with a rise to 248 in "
                          "2023-24, an increase of 49.2% on the previous year.", 0), 1);
    expect_claim(0, "49.2%", IND_CLAIM_PERCENT_CHANGE, "150", "248");

    /* "This" takes the sentence before; the quote holds both. */
    assert_int_equal(find("Intervention Orders rose from 5 in 2022-23 to 19 in 2023-24. "
                          "This representing an increase of 116.7%.", 0), 1);
    expect_claim(0, "116.7%", IND_CLAIM_PERCENT_CHANGE, "5", "19");
    assert_string_equal(nth(0)->source.quote, "Intervention Orders rose from 5 in 2022-23 to 19 in "
                                               "2023-24. This representing an increase of 116.7%.");

    /* "previous year's figures of A", the later the one count before. */
    assert_int_equal(find("In 2023–2024, 242 people were diverted. This is a 38.29% increase "
                          "from the previous year's figures of 175.", 0), 1);
    expect_claim(0, "38.29%", IND_CLAIM_PERCENT_CHANGE, "175", "242");
    assert_int_equal(find("We diverted 242 people, a 38.29% increase from last year’s figure of 175.", 0), 1);
    expect_claim(0, "38.29%", IND_CLAIM_PERCENT_CHANGE, "175", "242");
    /* Two counts in the sentence before: which is the later is not known. */
    assert_int_equal(find("In 2023, 242 people and 12 families were seen. This is a 38.29% "
                          "increase from the previous year's figures of 175.", 0), 1);
    expect_claim(0, "38.29%", IND_CLAIM_UNPAIRED, NULL, NULL);
}

static void test_nothing_invented(void **state)
{
    (void)state;
    /* Years, year ranges, dates and quarters are never inputs. */
    assert_int_equal(find("Notifications rose, a 125% increase from 2017/18. "
                          "Allocations rose 12% from Q1 to Q2. "
                          "Referrals rose 8% from 2019 to 2023. "
                          "Admissions fell 5% (01/04/23 to 30/06/23).", 0), 4);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(nth(i)->kind, IND_CLAIM_UNPAIRED);
    assert_string_equal(nth(0)->note, "a change whose two figures are not both stated in its sentence");

    /* A direction word far from the figure does not make it a change; a
    ** figure with no inputs is kept as unpaired with a note, or left out. */
    assert_int_equal(find("There was an increase in activity of just over 20% since last year. "
                          "Up by 102% on the previous year.", 0), 2);
    assert_null(nth(0)->direction_word);
    assert_string_equal(nth(0)->note, "a percentage whose part and whole are not both stated with it");
    assert_string_equal(nth(1)->direction_word, "Up");
    assert_int_equal(find("Up by 102% on the previous year. Rose 9% (3034 to 3314).", 1), 1);
    assert_string_equal(nth(0)->id, "L1.2"); /* ids count the figures left out */

    /* "(17% to 14%)": percentages are not counts. */
    assert_int_equal(find("This conversion rate has declined (17% to 14%).", 0), 2);
    expect_claim(0, "17%", IND_CLAIM_UNPAIRED, NULL, NULL);

    /* Section numbers and ordinals are not counts either. */
    assert_int_equal(find("See section 3.5.3 of the 18th report: 40% (2 of 5).", 0), 1);
    expect_claim(0, "40%", IND_CLAIM_SHARE, "2", "5");
}

static void test_positions_and_sources(void **state)
{
    (void)state;
    const char *text =
        "3.2 MENTAL HEALTH (CARE AND TREATMENT)\n"
        "\n"
        "Detentions \xE2\x80\x93 Emergency\t(76) 47 [47.2% decrease]\n"
        "\n"
        "## 5. Quarter 2 Progress\n"
        "A paragraph that wraps\n"
        "onto a second line: 71% (123 out of 174) were <b>inducted</b>.\n";
    assert_int_equal(find(text, 0), 2);
    const ind_claim *c = nth(0);
    assert_string_equal(c->id, "L3.1");
    assert_int_equal(c->source.line, 3);
    /* "Detentions – Emergency\t(76) 47 [" is 32 characters (the dash is
    ** one, of three bytes): the figure is at column 33. */
    assert_int_equal(c->source.column, 33);
    assert_string_equal(c->source.section, "3.2");
    assert_string_equal(c->source.document, "doc");
    c = nth(1);
    assert_string_equal(c->id, "L7.1");
    assert_int_equal(c->source.line, 7);
    assert_int_equal(c->source.column, 21);
    assert_string_equal(c->source.section, "5");
    /* The paragraph is joined and the tags dropped in the quote. */
    assert_string_equal(c->source.quote, "A paragraph that wraps onto a second line: 71% (123 out "
                                         "of 174) were inducted .");
    expect_claim(1, "71%", IND_CLAIM_SHARE, "123", "174");

    /* Block tags end sentences: the bracket is in another paragraph. */
    assert_int_equal(find("<p>Performance is 63%</p><p>(88 out of 139) were on time.</p>", 0), 1);
    expect_claim(0, "63%", IND_CLAIM_UNPAIRED, NULL, NULL);
    /* A byte-order mark is not text. */
    assert_int_equal(find("\xEF\xBB\xBF" "63% (88 out of 139)", 0), 1);
    assert_int_equal(nth(0)->source.column, 1);
}

static void test_refusals(void **state)
{
    (void)state;
    ind_claim_set *s = ind_claim_set_new();
    ind_error err = {0};
    assert_int_equal(ind_claims_find("n.txt", "a\nb\0c", 5, NULL, s, &err), IND_EDATA);
    assert_string_equal(err.message, "n.txt:2: a NUL byte: not a text file");
    assert_int_equal(ind_claims_find("e.txt", "", 0, NULL, s, &err), IND_OK);
    assert_int_equal(ind_claim_set_count(s), 0);
    assert_int_equal(ind_claims_find("x", NULL, 3, NULL, s, &err), IND_EINVAL);
    ind_claim_set_free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shares),
        cmocka_unit_test(test_table_rows),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_nothing_invented),
        cmocka_unit_test(test_positions_and_sources),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
