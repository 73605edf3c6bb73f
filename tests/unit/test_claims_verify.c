/*
** test_claims_verify.c: unit tests for verify.h. A constructed claim for
** every verdict and every kind, each worked by hand in a comment (the seed
** examples among them); the order in which readings are listed; the correct
** figure written like the stated one; the rewritten sentence; exactness
** where doubles would slip (0.1 + 0.2, 40-digit counts, 2.675); and a
** cross-check of 924 claims against the verdicts of an independent
** implementation of the rules (tests/data/claims/reference/make_verdicts.py,
** stored as verdicts.tsv).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/claims.h"
#include "indicate/verify.h"

#define MAX_FIELDS 16

/* A claim from "name=value" pairs, verified; the set and arena live in the
** fixture until the next call. */
typedef struct fixture {
    ind_claim_set *set;
    ind_arena *arena;
    ind_claim_verdict v;
} fixture;

static fixture fx;

static void reset(void)
{
    ind_claim_set_free(fx.set);
    ind_arena_free(fx.arena);
    fx.set = ind_claim_set_new();
    fx.arena = ind_arena_new(0);
    assert_non_null(fx.set);
    assert_non_null(fx.arena);
}

static int teardown(void **state)
{
    (void)state;
    ind_claim_set_free(fx.set);
    ind_arena_free(fx.arena);
    fx.set = NULL;
    fx.arena = NULL;
    return 0;
}

/* verify_fields("kind", "percent_change", "stated", "9%", ..., NULL) */
static const ind_claim_verdict *verify_fields(const char *name, ...)
{
    reset();
    ind_claim_field f[MAX_FIELDS];
    size_t n = 0;
    va_list ap;
    va_start(ap, name);
    for (const char *k = name; k != NULL && n < MAX_FIELDS; k = va_arg(ap, const char *)) {
        const char *v = va_arg(ap, const char *);
        f[n++] = (ind_claim_field){k, v, NULL};
    }
    va_end(ap);
    ind_error err = {0};
    if (ind_claim_set_add(fx.set, "test", f, n, &err) != IND_OK)
        fail_msg("claim refused: %s", err.message);
    assert_int_equal(ind_verify_claim(ind_claim_set_get(fx.set, 0), fx.arena, &fx.v, &err), IND_OK);
    return &fx.v;
}

static const char *reading_list(const ind_claim_verdict *v)
{
    static char buf[512];
    buf[0] = '\0';
    for (size_t i = 0; i < v->n_readings; i++) {
        if (i > 0)
            strcat(buf, ";");
        strcat(buf, ind_finding_name(v->readings[i].what));
        if (v->readings[i].slip != IND_SLIP_NONE) {
            strcat(buf, ":");
            strcat(buf, ind_rounding_slip_name(v->readings[i].slip));
        }
    }
    return buf;
}

static void expect(const ind_claim_verdict *v, ind_finding verdict, const char *readings,
                   const char *correct)
{
    if (v->verdict != verdict)
        fail_msg("verdict %s, expected %s (%s)", ind_finding_name(v->verdict),
                 ind_finding_name(verdict), v->explanation);
    assert_string_equal(reading_list(v), readings);
    if (correct == NULL)
        assert_null(v->correct);
    else
        assert_string_equal(v->correct, correct);
    assert_int_equal(v->holds, verdict == IND_FINDING_OK);
}

/* ---- ok ---- */

static void test_ok(void **state)
{
    (void)state;
    /* 175 -> 242: 67/175 = 0.382857... = 38.29% at two decimals. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "38.29%",
                                               "direction", "increase", "from", "175", "to", "242",
                                               "quote", "This is a 38.29% increase from the previous year's figures of 175.", NULL);
    expect(v, IND_FINDING_OK, "", "38.29%");
    assert_false(v->judged_on_magnitude);
    assert_string_equal(v->fraction, "67/175");
    assert_string_equal(v->working, "(242 - 175) / 175 = 67/175 = 38.286%");
    assert_true(fabs(v->correct_value - 6700.0 / 175.0) < 1e-12);
    /* An ok claim's rewrite is its quote. */
    assert_string_equal(v->rewrite, "This is a 38.29% increase from the previous year's figures of 175.");

    /* Half away from zero on the magnitude: 8 -> 7 is -1/8 = -12.5%, "13%". */
    v = verify_fields("kind", "percent_change", "stated", "13%", "direction", "fell",
                      "from", "8", "to", "7", NULL);
    expect(v, IND_FINDING_OK, "", "13%");

    /* No direction word: judged on magnitude, and said. 3,034 -> 3,314:
    ** 280/3,034 = 9.23% -> 9%. */
    v = verify_fields("kind", "percent_change", "stated", "9%", "from", "3,034", "to", "3314", NULL);
    expect(v, IND_FINDING_OK, "", "9%");
    assert_true(v->judged_on_magnitude);
    assert_non_null(strstr(v->explanation, "No direction word: judged on magnitude"));

    /* "No change" for 0 to 0 (no percentage exists, but nothing changed). */
    v = verify_fields("kind", "percent_change", "stated", "No change", "from", "0", "to", "0", NULL);
    expect(v, IND_FINDING_OK, "", "No change");
    assert_false(v->judged_on_magnitude);

    /* Inputs with decimals, exactly: 339.5 -> 22 is -317.5/339.5 =
    ** -635/679 = -93.52% -> 93.5%. */
    v = verify_fields("kind", "percent_change", "stated", "93.5%", "direction", "reduced",
                      "from", "339.5", "to", "22", NULL);
    expect(v, IND_FINDING_OK, "", "93.5%");
    assert_string_equal(v->fraction, "-635/679");
}

/* ---- rounding ---- */

static void test_rounding_truncated(void **state)
{
    (void)state;
    /* 1,030 -> 2,326: 1,296/1,030 = 648/515 = 125.83% -> 126%; 125 is the
    ** figure cut short. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "125%",
                                               "direction", "increase", "from", "1,030",
                                               "to", "2,326", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:truncated", "126%");
    assert_string_equal(v->readings[0].figure, "125%");
    /* No quote: a sentence is made. */
    assert_string_equal(v->rewrite, "The figure rose 126% (1,030 to 2,326)");
}

static void test_rounding_double(void **state)
{
    (void)state;
    /* 933 -> 1,124: 191/933 = 20.4716...% -> 20%; to one decimal 20.5%,
    ** which rounds to 21%: rounded in steps. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "21%",
                                               "direction", "increase", "from", "933",
                                               "to", "1,124", "subject", "Care home referrals", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:double_rounding", "20%");
    assert_string_equal(v->readings[0].working, "20.47% -> 20.5% -> 21%");
    assert_string_equal(v->rewrite, "Care home referrals rose 20% (933 to 1,124)");
}

static void test_rounding_up_and_every_reading(void **state)
{
    (void)state;
    /* 191 -> 186: -5/191 = -2.6178% -> 2.6%. 2.7% is the other neighbour,
    ** reached by no rounding in steps (2.618 -> 2.62 -> 2.6), so "rounded
    ** up"; it is also 5/186 = 2.688% (later base) and 5/188.5 = 2.653%
    ** (percentage difference), both 2.7%: all three listed, in order. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "2.7%",
                                               "direction", "decrease", "from", "191", "to", "186",
                                               "quote", "Total Compulsory Treatment Orders (191) 186 [2.7% decrease]", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:rounded_up;base_later;percent_difference", "2.6%");
    assert_string_equal(v->rewrite, "Total Compulsory Treatment Orders (191) 186 [2.6% decrease]");

    /* 247 -> 258: 11/247 = 4.453% -> 4.5%; 4.4% is it cut short, and
    ** 11/252.5 = 4.356% (percentage difference) too. */
    v = verify_fields("kind", "percent_change", "stated", "4.4%", "direction", "increase",
                      "from", "247", "to", "258", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:truncated;percent_difference", "4.5%");

    /* An exact value has no other neighbour: 1/8 = 12.5% stated "12.4%" is
    ** a mismatch, not rounding. */
    v = verify_fields("kind", "share", "stated", "12.4%", "part", "1", "whole", "8", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "12.5%");
}

/* ---- the slips ---- */

static void test_base_later(void **state)
{
    (void)state;
    /* 28 -> 30: 2/28 = 7.14% -> 7.1%; 2/30 = 6.67% -> 6.7%. Not the
    ** percentage difference: 2/29 = 6.90%. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "6.7%",
                                               "direction", "increase", "from", "28", "to", "30",
                                               "quote", "Total Forensic Report Requests (28) 30 [6.7% increase]", NULL);
    expect(v, IND_FINDING_BASE_LATER, "base_later", "7.1%");
    assert_string_equal(v->readings[0].figure, "6.7%");
    assert_string_equal(v->readings[0].working, "|30 - 28| / 30 = 6.67%");
    assert_string_equal(v->rewrite, "Total Forensic Report Requests (28) 30 [7.1% increase]");
}

static void test_percent_difference(void **state)
{
    (void)state;
    /* 150 -> 248: 98/150 = 65.33% -> 65.3%; 98/mean(150, 248) = 98/199 =
    ** 49.246% -> 49.2%. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "49.2%",
                                               "direction", "increase", "from", "150", "to", "248", NULL);
    expect(v, IND_FINDING_PERCENT_DIFFERENCE, "percent_difference", "65.3%");
    assert_string_equal(v->readings[0].working, "|248 - 150| / mean(150, 248) = 49.25%");

    /* 5 -> 19: 14/5 = 280%, "280.0%" at the stated decimal; 14/12 =
    ** 116.67%. */
    v = verify_fields("kind", "percent_change", "stated", "116.7%", "direction", "increase",
                      "from", "5", "to", "19", NULL);
    expect(v, IND_FINDING_PERCENT_DIFFERENCE, "percent_difference", "280.0%");
}

static void test_absolute_as_percent(void **state)
{
    (void)state;
    /* 101 -> 203: 102/101 = 100.99% -> 101%; 203 - 101 = 102. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "102%",
                                               "direction", "increase", "from", "101", "to", "203",
                                               "quote", "Total Emergency Detention consents (101) 203 [102% increase]", NULL);
    expect(v, IND_FINDING_ABSOLUTE_AS_PERCENT, "absolute_as_percent", "101%");
    assert_string_equal(v->rewrite, "Total Emergency Detention consents (101) 203 [101% increase]");

    /* A share's count as a percent: 51 of 86 = 59.30% -> 59%; 51 is the
    ** part. */
    v = verify_fields("kind", "share", "stated", "51%", "part", "51", "whole", "86",
                      "quote", "since the Q1 position of 51%.", NULL);
    expect(v, IND_FINDING_ABSOLUTE_AS_PERCENT, "absolute_as_percent", "59%");
    assert_string_equal(v->rewrite, "since the Q1 position of 59%.");
}

static void test_points_confused(void **state)
{
    (void)state;
    /* 17% -> 14%: -3/17 = -17.65% -> 18%; 3 is the fall in points. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "3%",
                                               "direction", "fell", "from", "17%", "to", "14%", NULL);
    expect(v, IND_FINDING_POINTS_CONFUSED, "points_confused", "18%");

    /* Stated in points, the figure is the change in points (-3); "18 pp"
    ** is the percent change written as points. */
    v = verify_fields("kind", "percent_change", "stated", "18 pp", "direction", "fell",
                      "from", "17%", "to", "14%", NULL);
    expect(v, IND_FINDING_POINTS_CONFUSED, "points_confused", "3 pp");
    v = verify_fields("kind", "percent_change", "stated", "3 percentage points",
                      "direction", "fell", "from", "17%", "to", "14%", NULL);
    expect(v, IND_FINDING_OK, "", "3 percentage points");
}

static void test_direction(void **state)
{
    (void)state;
    /* 100 -> 80 is a 20% fall; "rose 20%" has the magnitude right. The
    ** rewrite turns the word round. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "20%",
                                               "direction", "rose", "from", "100", "to", "80",
                                               "quote", "Referrals Rose 20% (100 to 80).", NULL);
    expect(v, IND_FINDING_DIRECTION, "direction", "20%");
    assert_string_equal(v->rewrite, "Referrals Fell 20% (100 to 80).");

    /* A written sign counts as the direction: "+20%" for a fall. */
    v = verify_fields("kind", "percent_change", "stated", "+20%", "from", "100", "to", "80", NULL);
    expect(v, IND_FINDING_DIRECTION, "direction", "-20%");
}

static void test_direction_with_slip(void **state)
{
    (void)state;
    /* 410 -> 330: -80/410 = -19.51% -> 20%; 80/330 = 24.24% -> 24% (later
    ** base), and "increased" against a fall: both listed, the slip first. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "24%",
                                               "direction", "increased", "from", "410", "to", "330",
                                               "quote", "referrals have increased 24% from 410 to 330", NULL);
    expect(v, IND_FINDING_BASE_LATER, "base_later;direction", "20%");
    assert_string_equal(v->rewrite, "referrals have decreased 20% from 410 to 330");

    /* Magnitude wrong and nothing explains it: a mismatch, the direction
    ** listed and said. 100 -> 80 "rose 35%". */
    v = verify_fields("kind", "percent_change", "stated", "35%", "direction", "rose",
                      "from", "100", "to", "80", NULL);
    expect(v, IND_FINDING_MISMATCH, "direction", "20%");
    assert_non_null(strstr(v->explanation, "contradicts it as well"));
}

static void test_sum_parts(void **state)
{
    (void)state;
    /* Youth Bridges Q2: 7 + 7 + 27 = 41, not 43; no one-slip part. */
    const ind_claim_verdict *v = verify_fields("kind", "sum", "stated", "43",
                                               "parts", "7 + 7 + 27", "subject", "Young people supported", NULL);
    expect(v, IND_FINDING_SUM_PARTS, "sum_parts", "41");
    assert_string_equal(v->explanation,
                        "The parts sum to 41, not 43 (7 + 7 + 27 = 41): they are 2 short of the "
                        "total, so a part or the total is wrong.");
    assert_string_equal(v->rewrite, "Young people supported: 7 + 7 + 27 = 41");

    /* Q4: 7 + 13 + 2 = 22 against 42: 20 short; "7" as 27 or "2" as 22
    ** (a digit dropped) would mend it. */
    v = verify_fields("kind", "sum", "stated", "42", "parts", "7", "parts", "13", "parts", "2", NULL);
    expect(v, IND_FINDING_SUM_PARTS, "sum_parts", "22");
    assert_non_null(strstr(v->explanation, "part 1 (\"7\") as 27 or part 3 (\"2\") as 22"));

    /* 360 + 1,957 + 152 + 11 = 2,480. */
    v = verify_fields("kind", "sum", "stated", "2,480", "parts", "360 + 1,957 + 152 + 11", NULL);
    expect(v, IND_FINDING_OK, "", "2,480");

    /* Exact where doubles are not: 0.1 + 0.2 = 0.3. */
    v = verify_fields("kind", "sum", "stated", "0.3", "parts", "0.1 + 0.2", NULL);
    expect(v, IND_FINDING_OK, "", "0.3");

    /* Forty digits: 10^39 + 1, written back as stated, without separators. */
    v = verify_fields("kind", "sum", "stated", "1000000000000000000000000000000000000001",
                      "parts", "1000000000000000000000000000000000000000 + 1", NULL);
    expect(v, IND_FINDING_OK, "", "1000000000000000000000000000000000000001");
    v = verify_fields("kind", "sum", "stated", "1000000000000000000000000000000000000002",
                      "parts", "1000000000000000000000000000000000000000 + 1", NULL);
    expect(v, IND_FINDING_SUM_PARTS, "sum_parts", "1000000000000000000000000000000000000001");

    /* A sum of rounded figures at fewer decimals: 1.25 + 1.25 = 2.5,
    ** stated "2" at no decimals: 2.5 rounds to 3, 2 is cut short. */
    v = verify_fields("kind", "sum", "stated", "2", "parts", "1.25 + 1.25", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:truncated", "3");

    /* A negative total keeps its sign: -3 + -4 = -7, stated "7". */
    v = verify_fields("kind", "sum", "stated", "7", "parts", "-3 + -4", NULL);
    expect(v, IND_FINDING_SUM_PARTS, "sum_parts", "-7");
}

static void test_mismatch(void **state)
{
    (void)state;
    /* 15 -> seven: -8/15 = -53.33% -> 53%; 8/7 = 114.29%, 8/11 = 72.73%,
    ** 8: nothing gives 50. */
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "50%",
                                               "direction", "fell", "from", "15", "to", "seven",
                                               "quote", "The use of protection orders fell 50% compared to last year (15 to seven).", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "53%");
    assert_string_equal(v->rewrite, "The use of protection orders fell 53% compared to last year (15 to seven).");

    /* "No change" when 5 became 7: +40%, and the words are replaced. */
    v = verify_fields("kind", "percent_change", "stated", "No change", "from", "5", "to", "7",
                      "quote", "Orders (5) 7 [No change]", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "40% increase");
    assert_string_equal(v->rewrite, "Orders (5) 7 [40% increase]");
}

static void test_undefined_and_unchecked(void **state)
{
    (void)state;
    const ind_claim_verdict *v = verify_fields("kind", "percent_change", "stated", "5%",
                                               "direction", "increase", "from", "0", "to", "5", NULL);
    expect(v, IND_FINDING_UNDEFINED, "", NULL);
    assert_null(v->rewrite);
    assert_true(isnan(v->correct_value));
    v = verify_fields("kind", "share", "stated", "0%", "part", "0", "whole", "0", NULL);
    expect(v, IND_FINDING_UNDEFINED, "", NULL);
    v = verify_fields("kind", "rate", "stated", "1.0", "count", "3", "population", "0", "per", "1,000", NULL);
    expect(v, IND_FINDING_UNDEFINED, "", NULL);
    v = verify_fields("kind", "ratio", "stated", "1", "numerator", "3", "denominator", "0", NULL);
    expect(v, IND_FINDING_UNDEFINED, "", NULL);

    v = verify_fields("kind", "unpaired", "stated", "44%", "direction", "increase",
                      "note", "no inputs", NULL);
    expect(v, IND_FINDING_UNCHECKED, "", NULL);
    assert_null(v->rewrite);
}

static void test_rate_ratio_difference(void **state)
{
    (void)state;
    /* 45 of 3,500 per 1,000: 45/3.5 = 12.857 -> 12.9; "12.8" is cut. */
    const ind_claim_verdict *v = verify_fields("kind", "rate", "stated", "12.9", "count", "45",
                                               "population", "3,500", "per", "1,000", NULL);
    expect(v, IND_FINDING_OK, "", "12.9");
    assert_string_equal(v->working, "45 / 3,500 x 1,000 = 12.86");
    v = verify_fields("kind", "rate", "stated", "12.8", "count", "45", "population", "3,500",
                      "per", "1,000", "subject", "Referrals", NULL);
    expect(v, IND_FINDING_ROUNDING, "rounding:truncated", "12.9");
    assert_string_equal(v->rewrite, "Referrals: 12.9 per 1,000 (45 of 3,500)");
    /* decimals given: "13" judged at one decimal is 13.0 against 12.9. */
    v = verify_fields("kind", "rate", "stated", "13", "decimals", "1", "count", "45",
                      "population", "3,500", "per", "1,000", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "12.9");

    /* 7 / 2 = 3.5 exactly; "3.4" has no neighbour to be. */
    v = verify_fields("kind", "ratio", "stated", "3.5", "numerator", "7", "denominator", "2", NULL);
    expect(v, IND_FINDING_OK, "", "3.5");
    v = verify_fields("kind", "ratio", "stated", "3.4", "numerator", "7", "denominator", "2", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "3.5");

    /* £90,009 - £41,788 = £48,221. */
    v = verify_fields("kind", "difference", "stated", "\xC2\xA3" "48,221",
                      "a", "\xC2\xA3" "90,009", "b", "\xC2\xA3" "41,788", NULL);
    expect(v, IND_FINDING_OK, "", "\xC2\xA3" "48,221");
    /* Without a direction word a difference is signed: 1,031 - 1,054 = -23. */
    v = verify_fields("kind", "difference", "stated", "23", "a", "1,031", "b", "1,054", NULL);
    expect(v, IND_FINDING_MISMATCH, "", "-23");
    /* With one, its magnitude and direction: "fallen by 23". */
    v = verify_fields("kind", "difference", "stated", "23", "direction", "fallen",
                      "a", "1,031", "b", "1,054", NULL);
    expect(v, IND_FINDING_OK, "", "23");
    v = verify_fields("kind", "difference", "stated", "23", "direction", "risen",
                      "a", "1,031", "b", "1,054", NULL);
    expect(v, IND_FINDING_DIRECTION, "direction", "23");
}

static void test_rewrite_quote_rules(void **state)
{
    (void)state;
    /* The stated figure twice in the quote: a sentence is made instead. */
    const ind_claim_verdict *v = verify_fields("kind", "sum", "stated", "43", "parts", "7 + 7 + 27",
                                               "quote", "Young People Supported 37 43 43 42", NULL);
    assert_string_equal(v->rewrite, "The figure: 7 + 7 + 27 = 41");
    /* "4%" inside "14%" is not the figure: only the standalone one is. */
    v = verify_fields("kind", "share", "stated", "4%", "part", "2", "whole", "28",
                      "quote", "Amber 14% and Blue 4%", NULL);
    assert_string_equal(v->rewrite, "Amber 14% and Blue 7%");
}

/* ---- the independent implementation ---- */

/* The correct figure as the reference writes it: no separators, units or
** currency signs. */
static void plain(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in != '\0' && n + 1 < size; in++)
        if ((*in >= '0' && *in <= '9') || *in == '.' || *in == '-')
            out[n++] = *in;
    out[n] = '\0';
}

static void test_reference_verdicts(void **state)
{
    (void)state;
    const char *path = IND_TEST_DATA "/data/claims/reference/verdicts.tsv";
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[4096];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        char *col[11] = { 0 };
        char *p = line;
        for (int i = 0; i < 11; i++) {
            col[i] = p;
            p = strchr(p, '\t');
            if (p == NULL) {
                assert_int_equal(i, 10);
                break;
            }
            *p++ = '\0';
        }
        reset();
        static const char *const roles[6][3] = {
            {"from", "to", NULL}, {"part", "whole", NULL}, {"count", "population", "per"},
            {NULL, NULL, NULL}, {"a", "b", NULL}, {"numerator", "denominator", NULL}};
        int kind = ind_claim_kind_parse(col[0]);
        assert_true(kind >= 0 && kind < 6);
        ind_claim_field f[MAX_FIELDS];
        size_t n = 0;
        f[n++] = (ind_claim_field){"kind", col[0], NULL};
        f[n++] = (ind_claim_field){"stated", col[1], NULL};
        if (col[2][0] != '\0')
            f[n++] = (ind_claim_field){"direction", col[2], NULL};
        if (col[3][0] != '\0')
            f[n++] = (ind_claim_field){"decimals", col[3], NULL};
        for (int r = 0; r < 3; r++)
            if (roles[kind][r] != NULL)
                f[n++] = (ind_claim_field){roles[kind][r], col[4 + r], NULL};
        if (col[7][0] != '\0')
            f[n++] = (ind_claim_field){"parts", col[7], NULL};
        ind_error err = {0};
        if (ind_claim_set_add(fx.set, "reference", f, n, &err) != IND_OK)
            fail_msg("row %d refused: %s", rows + 2, err.message);
        assert_int_equal(ind_verify_claim(ind_claim_set_get(fx.set, 0), fx.arena, &fx.v, &err), IND_OK);
        char got[128] = "";
        if (fx.v.correct != NULL)
            plain(fx.v.correct, got, sizeof got);
        if (strcmp(ind_finding_name(fx.v.verdict), col[8]) != 0 ||
            strcmp(reading_list(&fx.v), col[9]) != 0 || strcmp(got, col[10]) != 0)
            fail_msg("row %d (%s %s %s %s): got %s [%s] %s, reference %s [%s] %s", rows + 2,
                     col[0], col[1], col[4], col[5], ind_finding_name(fx.v.verdict),
                     reading_list(&fx.v), got, col[8], col[9], col[10]);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 924);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ok),
        cmocka_unit_test(test_rounding_truncated),
        cmocka_unit_test(test_rounding_double),
        cmocka_unit_test(test_rounding_up_and_every_reading),
        cmocka_unit_test(test_base_later),
        cmocka_unit_test(test_percent_difference),
        cmocka_unit_test(test_absolute_as_percent),
        cmocka_unit_test(test_points_confused),
        cmocka_unit_test(test_direction),
        cmocka_unit_test(test_direction_with_slip),
        cmocka_unit_test(test_sum_parts),
        cmocka_unit_test(test_mismatch),
        cmocka_unit_test(test_undefined_and_unchecked),
        cmocka_unit_test(test_rate_ratio_difference),
        cmocka_unit_test(test_rewrite_quote_rules),
        cmocka_unit_test(test_reference_verdicts),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
