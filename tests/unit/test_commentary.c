/*
** test_commentary.c: unit tests for commentary.h on measures built by hand:
** every kind of sentence (a rise, a fall, no change, a change from zero, no
** figure now or before, the first period), percent changes that round to
** nothing, proportions that round to the same value, money and hours, runs
** of rises and falls only as long as the data hold them, every verdict of
** significance (and none, and one that contradicts the direction), a change
** of definition, provisional figures, funnel stages, quarters, a longer
** lag, ordinal words, and the buffer limits. Then the North Lanarkshire
** dataset through the bundled plug-ins, for the sentence the issue quotes.
**
** The expected sentences are written by hand from the figures beside them.
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

#include "indicate/analyse.h"
#include "indicate/commentary.h"
#include "indicate/reader.h"
#include "indicate/registry.h"

#define MAX_N 8

/* A measure and the arrays it points to, built by hand. */
typedef struct fixture {
    ind_measure m;
    ind_point point[MAX_N];
    int32_t ordinal[MAX_N];
    const char *label[MAX_N];
    ind_change change[MAX_N * 2];
    unsigned char across[MAX_N * 2];
    int run[MAX_N];
    ind_significance sig[MAX_N * 2];
    ind_indicator ind;
    ind_entry entry;
} fixture;

static const char *const YEARS[] = { "2018-19", "2019-20", "2020-21", "2021-22",
                                     "2022-23", "2023-24", "2024-25", "2025-26" };
static const char *const QUARTERS[] = { "2022-23 Q3", "2022-23 Q4", "2023-24 Q1",
                                        "2023-24 Q2", "2023-24 Q3", "2023-24 Q4" };

/* Changes at lags 1 and 2 between the point values; runs all 0 (a test
** sets the run it means). */
static void finish_measure(fixture *f)
{
    ind_measure *m = &f->m;
    m->max_lag = 2;
    m->change = f->change;
    m->across_break = f->across;
    m->run = f->run;
    for (size_t t = 0; t < m->n; t++)
        for (int lag = 1; lag <= 2; lag++) {
            ind_change *c = &f->change[t * 2 + (size_t)lag - 1];
            *c = t >= (size_t)lag ? ind_change_between(f->point[t - (size_t)lag].value,
                                                       f->point[t].value)
                                  : ind_change_between(NAN, NAN);
        }
}

static void base(fixture *f, const char *title, size_t n, ind_period_kind kind,
                 const char *const *labels)
{
    memset(f, 0, sizeof *f);
    f->m.id = "test.measure";
    f->m.title = title;
    f->m.unit = "count";
    f->m.multiplier = 1;
    f->m.n = n;
    f->m.period_kind = kind;
    f->m.ordinal = f->ordinal;
    f->m.label = f->label;
    f->m.point = f->point;
    for (size_t t = 0; t < n; t++) {
        f->ordinal[t] = (int32_t)t;
        f->label[t] = labels[t];
        f->point[t].numerator = f->point[t].denominator = NAN;
        f->point[t].lower = f->point[t].upper = NAN;
    }
}

/* Years ending 2023-24 for up to six values (2018-19 on for more). */
static const char *const *years_for(size_t n)
{
    return n <= 6 ? YEARS + 6 - n : YEARS;
}

static void count_measure(fixture *f, const char *title, const double *v, size_t n)
{
    base(f, title, n, IND_PERIOD_FINANCIAL_YEAR, years_for(n));
    f->m.kind = IND_MEASURE_COUNT;
    for (size_t t = 0; t < n; t++)
        f->point[t].value = v[t];
    finish_measure(f);
}

/* k[t] of d[t] */
static void proportion_measure(fixture *f, const char *title, const double *k,
                               const double *d, size_t n)
{
    base(f, title, n, IND_PERIOD_FINANCIAL_YEAR, years_for(n));
    f->m.kind = IND_MEASURE_PROPORTION;
    f->m.unit = "%";
    for (size_t t = 0; t < n; t++) {
        f->point[t].numerator = k[t];
        f->point[t].denominator = d[t];
        f->point[t].value = k[t] / d[t];
    }
    finish_measure(f);
}

/* Gives the measure an indicator with this short title. */
static void with_indicator(fixture *f, const char *title, const char *short_title)
{
    f->ind.id = "test.measure";
    f->ind.title = title;
    f->ind.short_title = short_title;
    f->entry.indicator = &f->ind;
    f->m.entry = &f->entry;
}

static void says(const fixture *f, size_t t, const ind_commentary_opts *o,
                 const char *expected)
{
    char buf[IND_COMMENTARY_MAX];
    int n = ind_commentary_sentence(&f->m, t, o, buf, sizeof buf);
    assert_int_equal(n, (int)strlen(expected));
    assert_string_equal(buf, expected);
}

/* ---- counts ---------------------------------------------------------------- */

static void test_rise(void **state)
{
    (void)state;
    fixture f;
    /* 3,034 to 3,314: +280 = 9.23% -> "9%" */
    count_measure(&f, "Adult support and protection referrals", (double[]){ 3034, 3314 }, 2);
    with_indicator(&f, "Adult support and protection referrals", "ASP referrals");
    says(&f, 1, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).");
    /* without a short title the title names it */
    f.ind.short_title = NULL;
    says(&f, 1, NULL, "Adult support and protection referrals rose 9% compared to "
                      "2022-23 (3,034 to 3,314).");
    /* at one decimal: 280 / 3034 = 9.2287% -> 9.2% */
    ind_commentary_opts one = { 1, 1, "ASP referrals" };
    says(&f, 1, &one, "ASP referrals rose 9.2% compared to 2022-23 (3,034 to 3,314).");
}

static void test_fall_and_runs(void **state)
{
    (void)state;
    fixture f;
    /* five rises in a row: 100, 110, ..., 150; the last is +10/140 = 7.14% */
    count_measure(&f, "Referrals", (double[]){ 100, 110, 120, 130, 140, 150 }, 6);
    f.run[5] = 5;
    says(&f, 5, NULL, "Referrals rose 7% compared to 2022-23 (140 to 150), the fifth "
                      "consecutive annual increase.");
    /* a run of one rise is not a run */
    f.run[5] = 1;
    says(&f, 5, NULL, "Referrals rose 7% compared to 2022-23 (140 to 150).");
    /* the run the data give, whatever the report says: two */
    f.run[5] = 2;
    says(&f, 5, NULL, "Referrals rose 7% compared to 2022-23 (140 to 150), the second "
                      "consecutive annual increase.");
    /* falls: 200 to 150 is -25%, the third fall in a row */
    count_measure(&f, "Referrals", (double[]){ 300, 250, 200, 150 }, 4);
    f.run[3] = -3;
    says(&f, 3, NULL, "Referrals fell 25% compared to 2022-23 (200 to 150), the third "
                      "consecutive annual decrease.");
    /* a run counted for rises is not named for a fall */
    f.run[3] = 3;
    says(&f, 3, NULL, "Referrals fell 25% compared to 2022-23 (200 to 150).");
    /* twelve and beyond: words to twelfth, then figures */
    double v[MAX_N] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    count_measure(&f, "Referrals", v, 8);
    f.run[7] = 13;
    says(&f, 7, NULL, "Referrals rose 14% compared to 2024-25 (7 to 8), the 13th "
                      "consecutive annual increase.");
}

static void test_no_change_and_zero(void **state)
{
    (void)state;
    fixture f;
    count_measure(&f, "ASP referrals", (double[]){ 3314, 3314 }, 2);
    says(&f, 1, NULL, "ASP referrals showed no change compared to 2022-23 (3,314 in both "
                      "years).");
    /* from zero: no percentage */
    count_measure(&f, "FGDM referrals", (double[]){ 0, 12 }, 2);
    says(&f, 1, NULL, "FGDM referrals rose from 0 in 2022-23 to 12 in 2023-24, a change that "
                      "cannot be given as a percentage because the earlier figure was zero.");
    /* zero to zero is no change */
    count_measure(&f, "FGDM referrals", (double[]){ 0, 0 }, 2);
    says(&f, 1, NULL, "FGDM referrals showed no change compared to 2022-23 (0 in both years).");
    /* 3,034 to 3,035 is +0.033%: not "0%" */
    count_measure(&f, "ASP referrals", (double[]){ 3034, 3035 }, 2);
    says(&f, 1, NULL, "ASP referrals rose less than 1% compared to 2022-23 (3,034 to 3,035).");
    ind_commentary_opts one = { 1, 1, NULL };
    says(&f, 1, &one, "ASP referrals rose less than 0.1% compared to 2022-23 (3,034 to "
                      "3,035).");
    ind_commentary_opts two = { 1, 2, NULL };
    says(&f, 1, &two, "ASP referrals rose 0.03% compared to 2022-23 (3,034 to 3,035).");
    /* a fall of 0.5% rounds to 1% (half away from zero): 1,000 to 995 */
    count_measure(&f, "ASP referrals", (double[]){ 1000, 995 }, 2);
    says(&f, 1, NULL, "ASP referrals fell 1% compared to 2022-23 (1,000 to 995).");
}

static void test_missing(void **state)
{
    (void)state;
    fixture f;
    count_measure(&f, "ASP referrals", (double[]){ 3034, NAN }, 2);
    says(&f, 1, NULL, "ASP referrals: no figure for 2023-24.");
    count_measure(&f, "ASP referrals", (double[]){ NAN, 3314 }, 2);
    says(&f, 1, NULL, "ASP referrals stood at 3,314 in 2023-24; there is no figure for "
                      "2022-23 to compare with.");
    says(&f, 0, NULL, "ASP referrals: no figure for 2022-23.");
    count_measure(&f, "ASP referrals", (double[]){ 3314 }, 1);
    says(&f, 0, NULL, "ASP referrals stood at 3,314 in 2023-24; there is no earlier figure "
                      "to compare with.");
}

/* ---- significance -------------------------------------------------------------- */

static void set_verdict(fixture *f, size_t t, ind_verdict v)
{
    f->m.significance = f->sig;
    f->sig[t * 2].verdict = v;
    f->sig[t * 2].method = v == IND_VERDICT_NOT_TESTED ? NULL : "poisson-rate-ratio";
    f->sig[t * 2].p = v == IND_VERDICT_NO_CHANGE ? 0.4 : 0.001;
}

static void test_significance(void **state)
{
    (void)state;
    fixture f;
    count_measure(&f, "ASP referrals", (double[]){ 2000, 2500, 3034, 3314 }, 4);
    /* no significance array at all: nothing said (tested above too) */
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).");
    set_verdict(&f, 3, IND_VERDICT_HIGHER);
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314), a "
                      "statistically significant rise.");
    f.run[3] = 3;
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314), a "
                      "statistically significant rise and the third consecutive annual "
                      "increase.");
    set_verdict(&f, 3, IND_VERDICT_NO_CHANGE);
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314), the third "
                      "consecutive annual increase, though not a statistically significant "
                      "one.");
    f.run[3] = 0;
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314), not a "
                      "statistically significant change.");
    set_verdict(&f, 3, IND_VERDICT_NOT_TESTED);
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).");
    /* a verdict that contradicts the direction is never repeated */
    set_verdict(&f, 3, IND_VERDICT_LOWER);
    says(&f, 3, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).");
    /* a fall with a verdict of lower */
    count_measure(&f, "CP registrations", (double[]){ 198, 179 }, 2);
    set_verdict(&f, 1, IND_VERDICT_LOWER);
    says(&f, 1, NULL, "CP registrations fell 10% compared to 2022-23 (198 to 179), a "
                      "statistically significant fall.");
    set_verdict(&f, 1, IND_VERDICT_HIGHER);
    says(&f, 1, NULL, "CP registrations fell 10% compared to 2022-23 (198 to 179).");
    /* no change and a verdict: nothing to call significant */
    count_measure(&f, "CP registrations", (double[]){ 198, 198 }, 2);
    set_verdict(&f, 1, IND_VERDICT_NO_CHANGE);
    says(&f, 1, NULL, "CP registrations showed no change compared to 2022-23 (198 in both "
                      "years).");
}

static void test_break_and_provisional(void **state)
{
    (void)state;
    fixture f;
    count_measure(&f, "ASP inquiries", (double[]){ 300, 400, 477 }, 3);
    f.point[2].flags |= IND_POINT_BREAK;
    f.run[2] = 2;
    set_verdict(&f, 2, IND_VERDICT_HIGHER);
    /* 77 / 400 = 19.25% -> 19%; neither run nor verdict across the break */
    says(&f, 2, NULL, "ASP inquiries rose 19% compared to 2022-23 (400 to 477); the "
                      "definition changed in 2023-24, so the two figures are not like for "
                      "like.");
    count_measure(&f, "ASP referrals", (double[]){ 3034, 3314 }, 2);
    f.point[1].flags |= IND_POINT_PROVISIONAL;
    says(&f, 1, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314); the "
                      "2023-24 figure is provisional.");
    f.point[0].flags |= IND_POINT_PROVISIONAL;
    says(&f, 1, NULL, "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314); both "
                      "figures are provisional.");
}

/* ---- other kinds ---------------------------------------------------------------- */

static void test_proportions(void **state)
{
    (void)state;
    fixture f;
    /* 775/1895 = 40.90% -> 41%; 768/2326 = 33.02% -> 33% */
    proportion_measure(&f, "Referral to investigation", (double[]){ 775, 768 },
                       (double[]){ 1895, 2326 }, 2);
    with_indicator(&f, "Child protection conversion", "CP conversion");
    f.m.stage_from = "referral";
    f.m.stage_to = "investigation";
    says(&f, 1, NULL, "CP conversion from referral to investigation fell from 41% in 2022-23 "
                      "to 33% in 2023-24 (775 of 1,895 to 768 of 2,326).");
    /* without a short title, the indicator's title and the stages */
    f.ind.short_title = NULL;
    says(&f, 1, NULL, "Child protection conversion from referral to investigation fell from "
                      "41% in 2022-23 to 33% in 2023-24 (775 of 1,895 to 768 of 2,326).");
    /* 40.6% and 40.9% both round to 41%: one more decimal tells them apart */
    proportion_measure(&f, "Share", (double[]){ 406, 409 }, (double[]){ 1000, 1000 }, 2);
    says(&f, 1, NULL, "Share rose from 40.6% in 2022-23 to 40.9% in 2023-24 (406 of 1,000 to "
                      "409 of 1,000).");
    /* 50% and 50%: no change, whatever the counts */
    proportion_measure(&f, "Share", (double[]){ 50, 25 }, (double[]){ 100, 50 }, 2);
    says(&f, 1, NULL, "Share showed no change compared to 2022-23 (50% in both years).");
    /* from 0%: a proportion moves in points, so zero is no obstacle */
    proportion_measure(&f, "Share", (double[]){ 0, 5 }, (double[]){ 100, 100 }, 2);
    says(&f, 1, NULL, "Share rose from 0% in 2022-23 to 5% in 2023-24 (0 of 100 to 5 of "
                      "100).");
    /* a significant fall in a proportion */
    proportion_measure(&f, "Share", (double[]){ 775, 768 }, (double[]){ 1895, 2326 }, 2);
    set_verdict(&f, 1, IND_VERDICT_LOWER);
    says(&f, 1, NULL, "Share fell from 41% in 2022-23 to 33% in 2023-24 (775 of 1,895 to 768 "
                      "of 2,326), a statistically significant fall.");
}

static void test_rates_and_ratios(void **state)
{
    (void)state;
    fixture f;
    /* 13.0 and 14.2 per 1,000 */
    proportion_measure(&f, "Referral rate", (double[]){ 130, 142 },
                       (double[]){ 10000, 10000 }, 2);
    f.m.kind = IND_MEASURE_RATE;
    f.m.multiplier = 1000;
    f.point[0].value = 13;
    f.point[1].value = 14.2;
    finish_measure(&f);
    says(&f, 1, NULL, "Referral rate rose from 13 per 1,000 in 2022-23 to 14 per 1,000 in "
                      "2023-24.");
    ind_commentary_opts one = { 1, 1, NULL };
    says(&f, 1, &one, "Referral rate rose from 13.0 per 1,000 in 2022-23 to 14.2 per 1,000 in "
                      "2023-24.");
    /* a ratio in percent: hours delivered per 100 imposed, 69.2 to 72.5 */
    proportion_measure(&f, "Hours delivered per 100 imposed", (double[]){ 692, 725 },
                       (double[]){ 1000, 1000 }, 2);
    f.m.kind = IND_MEASURE_RATIO;
    f.m.multiplier = 100;
    f.point[0].value = 69.2;
    f.point[1].value = 72.5;
    finish_measure(&f);
    says(&f, 1, NULL, "Hours delivered per 100 imposed rose from 69% in 2022-23 to 73% in "
                      "2023-24.");
}

static void test_money_hours_quarters(void **state)
{
    (void)state;
    fixture f;
    /* £43,527 to £48,221: +4,694 = 10.78% -> 11% */
    base(&f, "Savings from recycled equipment", 4, IND_PERIOD_FINANCIAL_QUARTER, QUARTERS);
    f.m.kind = IND_MEASURE_COUNT;
    f.m.unit = "GBP";
    double v[] = { 40000, 41000, 43527, 48221 };
    for (size_t t = 0; t < 4; t++)
        f.point[t].value = v[t];
    finish_measure(&f);
    f.run[3] = 3;
    says(&f, 3, NULL, "Savings from recycled equipment rose 11% compared to 2023-24 Q1 "
                      "(\xc2\xa3" "43,527 to \xc2\xa3" "48,221), the third consecutive "
                      "quarterly increase.");
    /* two quarters earlier with lag 2: 41,000 to 48,221 = +17.6% -> 18%; no
    ** run is named for a longer lag */
    ind_commentary_opts lag2 = { 2, 0, NULL };
    says(&f, 3, &lag2, "Savings from recycled equipment rose 18% compared to 2022-23 Q4 "
                       "(\xc2\xa3" "41,000 to \xc2\xa3" "48,221).");
    /* a lag the analysis did not compare is still worked out: 40,000 to
    ** 48,221 = +20.55% -> 21% */
    ind_commentary_opts lag3 = { 3, 0, NULL };
    says(&f, 3, &lag3, "Savings from recycled equipment rose 21% compared to 2022-23 Q3 "
                       "(\xc2\xa3" "40,000 to \xc2\xa3" "48,221).");
    /* four quarters back from the second quarter of the data */
    ind_commentary_opts lag4 = { 4, 0, NULL };
    says(&f, 1, &lag4, "Savings from recycled equipment stood at \xc2\xa3" "41,000 in "
                       "2022-23 Q4; there is no figure from 4 quarters earlier to compare "
                       "with.");
    f.point[3].value = 43527;
    finish_measure(&f);
    says(&f, 3, NULL, "Savings from recycled equipment showed no change compared to 2023-24 "
                      "Q1 (\xc2\xa3" "43,527 in both quarters).");
    /* hours: 6,213 to 8,746 = +40.77% -> 41% */
    count_measure(&f, "Bike workshop hours", (double[]){ 6213, 8746 }, 2);
    f.m.unit = "hours";
    says(&f, 1, NULL, "Bike workshop hours rose 41% compared to 2022-23 (6,213 to 8,746 "
                      "hours).");
    count_measure(&f, "Bike workshop hours", (double[]){ NAN, 8746 }, 2);
    f.m.unit = "hours";
    says(&f, 1, NULL, "Bike workshop hours stood at 8,746 hours in 2023-24; there is no "
                      "figure for 2022-23 to compare with.");
    /* months */
    static const char *const months[] = { "2024-02", "2024-03" };
    base(&f, "People receiving care at home", 2, IND_PERIOD_MONTH, months);
    f.m.kind = IND_MEASURE_COUNT;
    f.point[0].value = 1500;
    f.point[1].value = 1500;
    finish_measure(&f);
    says(&f, 1, NULL, "People receiving care at home showed no change compared to 2024-02 "
                      "(1,500 in both months).");
}

static void test_limits_and_words(void **state)
{
    (void)state;
    fixture f;
    count_measure(&f, "ASP referrals", (double[]){ 3034, 3314 }, 2);
    char buf[IND_COMMENTARY_MAX];
    const char *full = "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).";
    assert_int_equal(ind_commentary_sentence(&f.m, 1, NULL, buf, strlen(full) + 1),
                     (int)strlen(full));
    assert_int_equal(ind_commentary_sentence(&f.m, 1, NULL, buf, strlen(full)), -1);
    assert_int_equal(ind_commentary_sentence(&f.m, 2, NULL, buf, sizeof buf), -1);
    ind_commentary_opts bad = { 1, 7, NULL };
    assert_int_equal(ind_commentary_sentence(&f.m, 1, &bad, buf, sizeof buf), -1);
    assert_int_equal(ind_commentary_subject(&f.m, buf, sizeof buf), 13);
    assert_string_equal(buf, "ASP referrals");
    /* an id standing in for a title keeps its case */
    f.m.title = f.m.id;
    ind_commentary_subject(&f.m, buf, sizeof buf);
    assert_string_equal(buf, "test.measure");
    f.m.title = "referrals";
    ind_commentary_subject(&f.m, buf, sizeof buf);
    assert_string_equal(buf, "Referrals");

    static const struct { int n; const char *word; } ordinals[] = {
        { 1, "first" }, { 2, "second" }, { 3, "third" }, { 4, "fourth" }, { 5, "fifth" },
        { 9, "ninth" }, { 10, "tenth" }, { 11, "eleventh" }, { 12, "twelfth" },
        { 13, "13th" }, { 21, "21st" }, { 22, "22nd" }, { 23, "23rd" }, { 24, "24th" },
        { 101, "101st" }, { 111, "111th" }, { 112, "112th" }, { 113, "113th" },
    };
    for (size_t i = 0; i < sizeof ordinals / sizeof ordinals[0]; i++) {
        assert_int_equal(ind_commentary_ordinal(ordinals[i].n, buf, sizeof buf),
                         (int)strlen(ordinals[i].word));
        assert_string_equal(buf, ordinals[i].word);
    }
    assert_int_equal(ind_commentary_ordinal(0, buf, sizeof buf), -1);
    assert_int_equal(ind_commentary_ordinal(5, buf, 5), -1); /* "fifth" needs 6 */
}

/* ---- the North Lanarkshire dataset through the bundled plug-ins ---------------- */

static ind_measure *find_measure(const ind_result *r, const char *id)
{
    for (size_t j = 0; j < r->n_measures; j++)
        if (strcmp(r->measure[j].id, id) == 0)
            return &r->measure[j];
    fail_msg("no measure %s", id);
    return NULL;
}

/* The sentence at period for m, whose analysis may have tested its changes
** (the statistics of analyse.c): expected is the sentence with no verdict,
** checked with the verdicts set aside; with them, the sentence is the same
** but for the phrase the verdict calls for before the full stop. */
static void sentence_at(ind_measure *m, const char *period, const char *expected)
{
    for (size_t t = 0; t < m->n; t++) {
        if (strcmp(m->label[t], period) != 0)
            continue;
        char buf[IND_COMMENTARY_MAX], plain[IND_COMMENTARY_MAX];
        ind_significance *tested = m->significance;
        m->significance = NULL;
        assert_true(ind_commentary_sentence(m, t, NULL, plain, sizeof plain) > 0);
        m->significance = tested;
        assert_string_equal(plain, expected);
        assert_true(ind_commentary_sentence(m, t, NULL, buf, sizeof buf) > 0);
        const ind_significance *sig = ind_measure_significance(m, t, 1);
        const ind_change *c = ind_measure_change(m, t, 1);
        /* the same up to the figures in brackets; a run named without a
        ** verdict is still named with one */
        size_t stem = (size_t)(strrchr(plain, ')') - plain) + 1;
        assert_memory_equal(buf, plain, stem);
        const char *run = strstr(plain + stem, "the ");
        char run_words[IND_COMMENTARY_MAX] = "";
        if (run != NULL)
            snprintf(run_words, sizeof run_words, "%.*s", (int)strcspn(run, ",."), run);
        const char *rest = buf + stem;
        assert_non_null(strstr(rest, run_words));
        if (sig == NULL || sig->verdict == IND_VERDICT_NOT_TESTED)
            assert_string_equal(rest, plain + stem);
        else if (sig->verdict == IND_VERDICT_NO_CHANGE)
            assert_non_null(strstr(rest, "not a statistically significant"));
        else if ((sig->verdict == IND_VERDICT_HIGHER) == (c->absolute > 0))
            assert_non_null(strstr(rest, c->absolute > 0 ? "a statistically significant rise"
                                                         : "a statistically significant fall"));
        else /* a verdict against the direction is dropped */
            assert_string_equal(rest, plain + stem);
        return;
    }
    fail_msg("no period %s in %s", period, m->id);
}

static void test_north_lanarkshire(void **state)
{
    (void)state;
    ind_registry *reg = ind_registry_new();
    ind_error err = { 0 };
    static const char *const plugins[] = { "cp.so", "asp.so", "unpaid_work.so" };
    for (size_t i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", IND_BUILD_PLUGIN_DIR, plugins[i]);
        if (ind_registry_load_file(reg, path, &err) != IND_OK)
            fail_msg("%s", err.message);
    }
    ind_reader *rd = NULL;
    ind_dataset *ds = NULL;
    if (ind_reader_open(IND_SOURCE_DIR "/datasets/north-lanarkshire-2023-24.json",
                        IND_INPUT_AUTO, NULL, &rd, &err) != IND_OK ||
        ind_reader_next(rd, &ds, &err) != IND_OK)
        fail_msg("%s", err.message);
    ind_reader_close(rd);
    ind_result *r = NULL;
    if (ind_analyse(reg, ds, NULL, &r, &err) != IND_OK)
        fail_msg("%s", err.message);
    /* the data hold 2022-23 and 2023-24 only: one rise, so no run is named */
    sentence_at(find_measure(r, "asp.referrals"), "2023-24",
                "ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).");
    /* referrals 1,482, 1,714, 1,895, 2,326 from 2020-21: three rises after
    ** the fall of 2020-21; 431 / 1,895 = 22.74% */
    sentence_at(find_measure(r, "cp.referrals"), "2023-24",
                "CP referrals rose 23% compared to 2022-23 (1,895 to 2,326), the third "
                "consecutive annual increase.");
    /* 1,617 to 1,482 in 2020-21: -8.35% */
    sentence_at(find_measure(r, "cp.referrals"), "2020-21",
                "CP referrals fell 8% compared to 2019-20 (1,617 to 1,482).");
    /* 67%, 56%, 49%, 56%, 44%, 41%, 33%: three falls since 2020-21 */
    sentence_at(find_measure(r, "cp.conversion.referral_to_investigation"), "2023-24",
                "CP conversion from referral to investigation fell from 41% in 2022-23 to "
                "33% in 2023-24 (775 of 1,895 to 768 of 2,326), the third consecutive "
                "annual decrease.");
    ind_result_free(r);
    ind_dataset_free(ds);
    ind_registry_free(reg);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rise),
        cmocka_unit_test(test_fall_and_runs),
        cmocka_unit_test(test_no_change_and_zero),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_significance),
        cmocka_unit_test(test_break_and_provisional),
        cmocka_unit_test(test_proportions),
        cmocka_unit_test(test_rates_and_ratios),
        cmocka_unit_test(test_money_hours_quarters),
        cmocka_unit_test(test_limits_and_words),
        cmocka_unit_test(test_north_lanarkshire),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
