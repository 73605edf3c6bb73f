/*
** test_scorecard.c: unit tests for scorecard.h and vocab.h. The largest
** remainder percentages (the seed's 4%, 57%, 14%, 4%, 21%, ties, zeros);
** the summary of 28 hand-made statuses with the seed's counts; the same
** table from a dataset of 14 series targets and 14 projects; the South
** Lanarkshire Q2 dataset through the bundled plug-ins (Amber, Amber, Red,
** Amber and the Amber project, with their reasons); reporting periods of
** another kind than a measure's; overrides of tolerance, slippage and date;
** the status of one measure at any period, as `run` would ask; the
** refusals; and the vocabularies.
**
** Expected values are worked by hand in the comments beside them.
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
#include "indicate/reader.h"
#include "indicate/registry.h"
#include "indicate/scorecard.h"
#include "indicate/vocab.h"

#define SL IND_SOURCE_DIR "/datasets/south-lanarkshire-2023-24-q2.json"
#define SEED28 IND_TEST_DATA "/data/status/seed-summary-28.json"

/* ---- percentages -------------------------------------------------------------- */

static void percentages_are(const size_t *counts, size_t n, const unsigned *expected)
{
    unsigned out[8];
    assert_int_equal(ind_scorecard_percentages(counts, n, out), IND_OK);
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(out[i], expected[i]);
        sum += out[i];
    }
    assert_int_equal(sum, 100);
}

static void test_largest_remainder(void **state)
{
    (void)state;
    /* the seed: 1, 16, 4, 1, 6 of 28 are 3.57, 57.14, 14.29, 3.57, 21.43;
    ** floors 3 + 57 + 14 + 3 + 21 = 98; remainders (100 c mod 28) 16, 4, 8,
    ** 16, 12: the two points go to the two 16s */
    percentages_are((size_t[]){ 1, 16, 4, 1, 6 }, 5, (unsigned[]){ 4, 57, 14, 4, 21 });
    /* thirds: 33 each, one point left, remainders equal, counts equal: the
    ** first row */
    percentages_are((size_t[]){ 1, 1, 1 }, 3, (unsigned[]){ 34, 33, 33 });
    /* 2 and 1 of 3: 66.67 and 33.33 -> 67 and 33 */
    percentages_are((size_t[]){ 2, 1 }, 2, (unsigned[]){ 67, 33 });
    /* 1, 8, 19 of 28: floors 3, 28, 67 (98); remainders 16, 16, 24: 19 takes
    ** the first point, then 1 and 8 tie on 16 and the larger count wins */
    percentages_are((size_t[]){ 1, 8, 19 }, 3, (unsigned[]){ 3, 29, 68 });
    /* rows of zero never take a point */
    percentages_are((size_t[]){ 0, 0, 5, 0 }, 4, (unsigned[]){ 0, 0, 100, 0 });
    /* 1 of 7 each of 7 rows: 14 each (98), remainders 2 each: the first two */
    percentages_are((size_t[]){ 1, 1, 1, 1, 1, 1, 1 }, 7,
                    (unsigned[]){ 15, 15, 14, 14, 14, 14, 14 });
    unsigned out[3] = { 9, 9, 9 };
    assert_int_equal(ind_scorecard_percentages((size_t[]){ 0, 0, 0 }, 3, out), IND_EDOMAIN);
    assert_true(out[0] == 0 && out[1] == 0 && out[2] == 0);
}

/* ---- the summary of 28 statuses ------------------------------------------------ */

static void summary_is_the_seeds(const ind_summary *s)
{
    /* South Lanarkshire's Q2 2023/24 table (section 5.2):
    **                           statistical project total   %
    **   Blue                         0        1      1     4%
    **   Green                        9        7     16    57%
    **   Amber                        3        1      4    14%
    **   Red                          1        0      1     4%
    **   Report later/Contextual      1        5      6    21%
    **   Totals                      14       14     28   100% */
    static const size_t stat[] = { 0, 9, 3, 1, 1 }, proj[] = { 1, 7, 1, 0, 5 };
    static const unsigned pct[] = { 4, 57, 14, 4, 21 };
    for (int r = 0; r < IND_SUMMARY_ROWS; r++) {
        assert_int_equal(s->count[r][IND_ITEM_STATISTICAL], stat[r]);
        assert_int_equal(s->count[r][IND_ITEM_PROJECT], proj[r]);
        assert_int_equal(s->row_total[r], stat[r] + proj[r]);
        assert_int_equal(s->percent[r], pct[r]);
    }
    assert_int_equal(s->class_total[IND_ITEM_STATISTICAL], 14);
    assert_int_equal(s->class_total[IND_ITEM_PROJECT], 14);
    assert_int_equal(s->total, 28);
}

static void test_summary_of_28(void **state)
{
    (void)state;
    /* 14 statistical: 9 met, 3 near, 1 missed, 1 pending; 14 projects: 1
    ** complete, 7 on time, 1 near, 3 context and 2 pending */
    static const ind_level stat[] = {
        IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET,
        IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_NEAR,
        IND_LEVEL_NEAR, IND_LEVEL_NEAR, IND_LEVEL_MISSED, IND_LEVEL_PENDING,
    };
    static const ind_level proj[] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET,
        IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_CONTEXT,
        IND_LEVEL_CONTEXT, IND_LEVEL_CONTEXT, IND_LEVEL_PENDING, IND_LEVEL_PENDING,
    };
    static ind_status items[28];
    for (size_t i = 0; i < 14; i++) {
        items[i].item_class = IND_ITEM_STATISTICAL;
        items[i].level = stat[i];
        items[14 + i].item_class = IND_ITEM_PROJECT;
        items[14 + i].level = proj[i];
    }
    ind_summary s;
    ind_scorecard_summarise(items, 28, &s);
    summary_is_the_seeds(&s);
    /* the row of each level */
    static const int rows[IND_LEVEL_COUNT] = { 0, 1, 2, 3, 4, 4 };
    for (int l = 0; l < IND_LEVEL_COUNT; l++)
        assert_int_equal(ind_scorecard_row((ind_level)l), rows[l]);
    /* nothing at all */
    ind_scorecard_summarise(items, 0, &s);
    assert_int_equal(s.total, 0);
    for (int r = 0; r < IND_SUMMARY_ROWS; r++)
        assert_int_equal(s.percent[r], 0);
}

/* ---- from datasets --------------------------------------------------------------- */

typedef struct loaded {
    ind_registry *reg;
    ind_dataset *ds;
    ind_result *r;
} loaded;

static loaded load(const char *file, int plugins)
{
    loaded l = { ind_registry_new(), NULL, NULL };
    ind_error err = { 0 };
    static const char *const names[] = { "unpaid_work.so", "scra.so", "asp.so" };
    for (int i = 0; plugins && i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", IND_BUILD_PLUGIN_DIR, names[i]);
        if (ind_registry_load_file(l.reg, path, &err) != IND_OK)
            fail_msg("%s", err.message);
    }
    ind_reader *rd = NULL;
    if (ind_reader_open(file, IND_INPUT_AUTO, NULL, &rd, &err) != IND_OK ||
        ind_reader_next(rd, &l.ds, &err) != IND_OK || l.ds == NULL)
        fail_msg("%s", err.message);
    ind_reader_close(rd);
    if (ind_analyse(l.reg, l.ds, NULL, &l.r, &err) != IND_OK)
        fail_msg("%s", err.message);
    /* The sentences checked here are those without a statistical verdict;
    ** test_commentary checks how verdicts join them. */
    for (size_t j = 0; j < l.r->n_measures; j++)
        l.r->measure[j].significance = NULL;
    return l;
}

static void unload(loaded *l)
{
    ind_result_free(l->r);
    ind_dataset_free(l->ds);
    ind_registry_free(l->reg);
}

static ind_scorecard *build(const loaded *l, const ind_scorecard_opts *o)
{
    ind_scorecard *sc = NULL;
    ind_error err = { 0 };
    if (ind_scorecard_build(l->r, l->ds, o, &sc, &err) != IND_OK)
        fail_msg("%s", err.message);
    return sc;
}

static void build_fails(const loaded *l, const ind_scorecard_opts *o, int code,
                        const char *message)
{
    ind_scorecard *sc = (ind_scorecard *)1;
    ind_error err = { 0 };
    assert_int_equal(ind_scorecard_build(l->r, l->ds, o, &sc, &err), code);
    assert_null(sc);
    assert_string_equal(err.message, message);
}

static const ind_status *item(const ind_scorecard *sc, ind_item_class c, const char *id)
{
    const ind_status *st = ind_scorecard_find(sc, c, id);
    if (st == NULL)
        fail_msg("no item %s", id);
    return st;
}

static void test_seed_summary_dataset(void **state)
{
    (void)state;
    /* no plug-ins: every statistical item is a target on a raw series */
    loaded l = load(SEED28, 0);
    ind_scorecard *sc = build(&l, NULL);
    assert_int_equal(sc->n_items, 28);
    summary_is_the_seeds(&sc->summary);
    assert_string_equal(sc->period, "2023-24 Q2"); /* the latest with a figure */
    assert_string_equal(sc->as_at, "2023-12-20");
    /* 90 against 100, 10% tolerance: exactly 10% short is Amber */
    const ind_status *st = item(sc, IND_ITEM_STATISTICAL, "synthetic.s11");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_string_equal(st->assessment,
                        "10.0% short of the target, within the 10% tolerance (90 or more)");
    /* 89 is 11% short */
    st = item(sc, IND_ITEM_STATISTICAL, "synthetic.s13");
    assert_int_equal(st->level, IND_LEVEL_MISSED);
    assert_string_equal(st->reason, "89 against a target of 100: 11.0% short of the target, "
                                    "beyond the 10% tolerance (90 or more)");
    /* 97 against 100 closer-is-better within an absolute 5 */
    st = item(sc, IND_ITEM_STATISTICAL, "synthetic.s07");
    assert_int_equal(st->level, IND_LEVEL_MET);
    assert_string_equal(st->assessment,
                        "3 away from the target, within the tolerance of 5");
    st = item(sc, IND_ITEM_STATISTICAL, "synthetic.s14");
    assert_int_equal(st->level, IND_LEVEL_PENDING);
    assert_string_equal(st->reason, "no figure for 2023-24 Q2 yet; the target is 100");
    assert_string_equal(st->commentary, "Synthetic measure 14: no figure for 2023-24 Q2.");
    st = item(sc, IND_ITEM_PROJECT, "synthetic.p01");
    assert_int_equal(st->level, IND_LEVEL_COMPLETE);
    assert_string_equal(st->reason, "due 2023-12-31, completed 2023-10-01: complete");
    st = item(sc, IND_ITEM_PROJECT, "synthetic.p10");
    assert_int_equal(st->level, IND_LEVEL_CONTEXT);
    st = item(sc, IND_ITEM_PROJECT, "synthetic.p13");
    assert_int_equal(st->level, IND_LEVEL_PENDING);
    assert_string_equal(st->reason, "due 2024-03-31: progress not reported as at 2023-12-20");
    assert_string_equal(st->commentary, "");
    ind_scorecard_free(sc);
    unload(&l);
}

static void test_south_lanarkshire(void **state)
{
    (void)state;
    loaded l = load(SL, 1);
    ind_scorecard *sc = build(&l, NULL);
    assert_string_equal(sc->period, "2023-24 Q2");
    assert_string_equal(sc->as_at, "2023-12-20");
    assert_int_equal(sc->n_items, 5);
    /* induction: 268 of 364 year to date = 73.6%, 5/273 = 1.8% short */
    const ind_status *st = item(sc, IND_ITEM_STATISTICAL, "upw.induction_5d");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_string_equal(st->period, "2023-24 Q2");
    assert_true(st->figure.numerator == 268 && st->figure.denominator == 364);
    assert_string_equal(st->reason,
                        "73.6% (268 of 364) year to date against a target of 75%: 1.8% short "
                        "of the target, within the 10% tolerance (67.5% or more)");
    assert_string_equal(st->title, "Percentage of people on CPO unpaid work requirement "
                                   "seen within five working days by their case manager");
    /* Q2 alone: 123 of 174 = 70.7% -> 71%; Q1 145 of 190 = 76.3% -> 76% */
    assert_string_equal(st->commentary,
                        "Unpaid work inductions within 5 working days fell from 76% in "
                        "2023-24 Q1 to 71% in 2023-24 Q2 (145 of 190 to 123 of 174).");
    /* placement: 263 of 364 = 72.25% -> 72.3%; 10/273 = 3.66% short */
    st = item(sc, IND_ITEM_STATISTICAL, "upw.placement_7d");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_string_equal(st->figure_text, "72.3% (263 of 364) year to date");
    assert_string_equal(st->assessment, "3.7% short of the target, within the 10% "
                                        "tolerance (67.5% or more)");
    /* SCRA: 88 of 139 = 63.3%; 16.25 / 104.25 = 15.6% short */
    st = item(sc, IND_ITEM_STATISTICAL, "scra.timeliness");
    assert_int_equal(st->level, IND_LEVEL_MISSED);
    assert_string_equal(st->reason,
                        "63.3% (88 of 139) year to date against a target of 75%: 15.6% short "
                        "of the target, beyond the 10% tolerance (67.5% or more)");
    /* 51 of 86 = 59.3% -> 59%; 37 of 53 = 69.8% -> 70% */
    assert_string_equal(st->commentary,
                        "SCRA reports within timescale rose from 59% in 2023-24 Q1 to 70% in "
                        "2023-24 Q2 (51 of 86 to 37 of 53).");
    /* recycling: £91,748 against £100,000 pro rata: 8.252% -> 8.3% short */
    st = item(sc, IND_ITEM_STATISTICAL, "equipment.recycling_savings");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_int_equal(st->part, 2);
    assert_int_equal(st->whole, 4);
    assert_true(st->figure.value == 91748);
    assert_string_equal(st->reason,
                        "\xc2\xa3" "91,748 year to date against a target of \xc2\xa3" "100,000 "
                        "pro rata (2 of 4 quarters of \xc2\xa3" "200,000): 8.3% short of the "
                        "target, within the 10% tolerance (\xc2\xa3" "90,000 or more)");
    /* 43,527 to 48,221 = +10.8% -> 11% */
    assert_string_equal(st->commentary,
                        "Savings from using recycled equipment instead of new through the "
                        "joint store rose 11% compared to 2023-24 Q1 (\xc2\xa3" "43,527 to "
                        "\xc2\xa3" "48,221).");
    /* the IT system: 2024-01-31 revised to 2024-06-30 = 151 days <= 183 */
    st = item(sc, IND_ITEM_PROJECT, "plan.social_work_it_system");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_string_equal(st->reason, "due 2024-01-31, revised to 2024-06-30: 151 days' "
                                    "slippage, within the 183-day tolerance");
    /* the table: Amber 3 + 1, Red 1 + 0; 4 of 5 = 80%, 1 of 5 = 20% */
    assert_int_equal(sc->summary.count[2][0], 3);
    assert_int_equal(sc->summary.count[2][1], 1);
    assert_int_equal(sc->summary.count[3][0], 1);
    assert_int_equal(sc->summary.percent[2], 80);
    assert_int_equal(sc->summary.percent[3], 20);
    ind_scorecard_free(sc);
    unload(&l);
}

static void test_overrides(void **state)
{
    (void)state;
    loaded l = load(SL, 1);
    /* a 1% default tolerance: the unpaid work measures (1.8% and 3.7% short)
    ** turn Red; the target-less default does not touch SCRA's level */
    ind_scorecard_opts o;
    ind_scorecard_opts_init(&o);
    o.tolerance = (ind_amount){ IND_AMOUNT_PERCENT, { 1, 0 } };
    ind_scorecard *sc = build(&l, &o);
    assert_int_equal(item(sc, IND_ITEM_STATISTICAL, "upw.induction_5d")->level,
                     IND_LEVEL_MISSED);
    assert_int_equal(item(sc, IND_ITEM_STATISTICAL, "equipment.recycling_savings")->level,
                     IND_LEVEL_MISSED);
    ind_scorecard_free(sc);
    /* projects: 150 days' tolerance makes the 151 days Red */
    o.tolerance.form = IND_AMOUNT_NONE;
    o.slippage_days = 150;
    sc = build(&l, &o);
    assert_int_equal(item(sc, IND_ITEM_PROJECT, "plan.social_work_it_system")->level,
                     IND_LEVEL_MISSED);
    ind_scorecard_free(sc);
    /* judged on 1 August 2024: 183 days after 31 January, not complete */
    o.slippage_days = -1;
    o.as_of = "2024-08-01";
    sc = build(&l, &o);
    const ind_status *st = item(sc, IND_ITEM_PROJECT, "plan.social_work_it_system");
    assert_int_equal(st->level, IND_LEVEL_NEAR);
    assert_string_equal(st->reason, "due 2024-01-31, not complete as at 2024-08-01: 183 days' "
                                    "slippage so far, within the 183-day tolerance");
    assert_string_equal(sc->as_at, "2024-08-01");
    ind_scorecard_free(sc);
    o.as_of = "2024-08-02";
    sc = build(&l, &o);
    assert_int_equal(item(sc, IND_ITEM_PROJECT, "plan.social_work_it_system")->level,
                     IND_LEVEL_MISSED);
    ind_scorecard_free(sc);
    /* at Q1: year to date is Q1 alone. Induction 145 of 190 = 76.3% (met);
    ** placement 142 of 190 = 74.7%, 0.35% short; SCRA 51 of 86 = 59.3%,
    ** 20.9% short; savings £43,527 of £50,000 (1 of 4 quarters), 12.9% short */
    o.as_of = NULL;
    o.period = "2023-24 Q1";
    sc = build(&l, &o);
    assert_int_equal(item(sc, IND_ITEM_STATISTICAL, "upw.induction_5d")->level, IND_LEVEL_MET);
    assert_int_equal(item(sc, IND_ITEM_STATISTICAL, "upw.placement_7d")->level,
                     IND_LEVEL_NEAR);
    assert_int_equal(item(sc, IND_ITEM_STATISTICAL, "scra.timeliness")->level,
                     IND_LEVEL_MISSED);
    st = item(sc, IND_ITEM_STATISTICAL, "equipment.recycling_savings");
    assert_int_equal(st->level, IND_LEVEL_MISSED);
    assert_string_equal(st->target_text, "\xc2\xa3" "50,000 pro rata (1 of 4 quarters of "
                                         "\xc2\xa3" "200,000)");
    /* the first quarter has nothing before it to compare with */
    assert_string_equal(item(sc, IND_ITEM_STATISTICAL, "upw.induction_5d")->commentary,
                        "Unpaid work inductions within 5 working days stood at 76% in "
                        "2023-24 Q1; there is no earlier figure to compare with.");
    ind_scorecard_free(sc);
    /* a year as the period: each quarterly measure at the year's last
    ** quarter, which the data do not reach: Report later */
    o.period = "2023-24";
    sc = build(&l, &o);
    st = item(sc, IND_ITEM_STATISTICAL, "upw.induction_5d");
    assert_int_equal(st->level, IND_LEVEL_PENDING);
    assert_int_equal(st->t, -1);
    assert_string_equal(st->period, "2023-24 Q4");
    assert_string_equal(st->assessment, "no figure for 2023-24 Q4 yet (the data end earlier)");
    assert_string_equal(sc->period, "2023-24");
    ind_scorecard_free(sc);
    unload(&l);
}

static void test_measure_status(void **state)
{
    (void)state;
    loaded l = load(SL, 1);
    const ind_measure *m = NULL;
    for (size_t j = 0; j < l.r->n_measures; j++)
        if (strcmp(l.r->measure[j].id, "upw.induction_5d") == 0)
            m = &l.r->measure[j];
    assert_non_null(m);
    ind_status st;
    ind_error err = { 0 };
    ind_scorecard_opts o;
    ind_scorecard_opts_init(&o);
    /* Q2 (index 1): as in the scorecard */
    assert_int_equal(ind_scorecard_measure_status(l.ds, m, 1, &o, &st, &err), IND_OK);
    assert_int_equal(st.level, IND_LEVEL_NEAR);
    assert_string_equal(st.period, "2023-24 Q2");
    /* Q1 (index 0): 145 of 190 year to date = 76.3%, met */
    assert_int_equal(ind_scorecard_measure_status(l.ds, m, 0, &o, &st, &err), IND_OK);
    assert_int_equal(st.level, IND_LEVEL_MET);
    assert_string_equal(st.reason, "76.3% (145 of 190) year to date against a target of 75%: "
                                   "met");
    assert_int_equal(ind_scorecard_measure_status(l.ds, m, 2, &o, &st, &err), IND_EINVAL);
    /* a measure without a target is Contextual */
    for (size_t j = 0; j < l.r->n_measures; j++)
        if (strcmp(l.r->measure[j].id, "upw.placement_7d") == 0)
            m = &l.r->measure[j];
    ind_dataset none = *l.ds;
    none.n_targets = 0;
    assert_int_equal(ind_scorecard_measure_status(&none, m, 1, &o, &st, &err), IND_OK);
    assert_int_equal(st.level, IND_LEVEL_CONTEXT);
    assert_string_equal(st.reason, "69.5% (121 of 174): no target");
    unload(&l);
}

static void test_refusals(void **state)
{
    (void)state;
    loaded l = load(SL, 1);
    ind_scorecard_opts o;
    ind_scorecard_opts_init(&o);
    o.period = "2019-20";
    build_fails(&l, &o, IND_ENOTFOUND,
                IND_SOURCE_DIR "/datasets/south-lanarkshire-2023-24-q2.json: area \"South "
                "Lanarkshire\": period 2019-20 is outside the data of every measure");
    o.period = "2019-21";
    build_fails(&l, &o, IND_EINVAL,
                "period \"2019-21\": the second year must follow the first");
    o.period = NULL;
    o.as_of = "2024-02-30";
    build_fails(&l, &o, IND_EINVAL, "date \"2024-02-30\": no such day in the calendar");
    o.as_of = NULL;
    o.tolerance = (ind_amount){ IND_AMOUNT_POINTS, { 5, 0 } };
    build_fails(&l, &o, IND_EINVAL, "the default tolerance is a percent of the target, such "
                                    "as 10%");
    unload(&l);
    /* without the scra plug-in, the SCRA target names a measure the result
    ** lacks */
    ind_registry *reg = ind_registry_new();
    ind_error err = { 0 };
    if (ind_registry_load_file(reg, IND_BUILD_PLUGIN_DIR "/unpaid_work.so", &err) != IND_OK)
        fail_msg("%s", err.message);
    ind_reader *rd = NULL;
    ind_dataset *ds = NULL;
    ind_result *r = NULL;
    if (ind_reader_open(SL, IND_INPUT_AUTO, NULL, &rd, &err) != IND_OK ||
        ind_reader_next(rd, &ds, &err) != IND_OK ||
        ind_analyse(reg, ds, NULL, &r, &err) != IND_OK)
        fail_msg("%s", err.message);
    ind_reader_close(rd);
    ind_scorecard *sc = NULL;
    assert_int_equal(ind_scorecard_build(r, ds, NULL, &sc, &err), IND_ENOTFOUND);
    assert_string_equal(err.message,
                        IND_SOURCE_DIR "/datasets/south-lanarkshire-2023-24-q2.json: "
                        "$.targets[2].measure: no measure scra.timeliness was computed for "
                        "area \"South Lanarkshire\" (is the plug-in that defines it loaded, "
                        "and does the dataset hold its inputs? see 'indicate list')");
    ind_result_free(r);
    ind_dataset_free(ds);
    ind_registry_free(reg);
}

/* ---- a dataset built in code ------------------------------------------------------ */

static void test_built_dataset(void **state)
{
    (void)state;
    ind_error err = { 0 };
    ind_dataset_builder *b = ind_dataset_builder_new(NULL, NULL);
    assert_non_null(b);
    char title[700];
    memset(title, 'x', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    ind_series_spec spec = { 0 };
    spec.id = "equipment.savings";
    spec.title = title; /* too long for a sentence's subject */
    spec.unit = "GBP";
    assert_int_equal(ind_dataset_builder_area(b, "Fife", NULL, NULL, 0, &err), IND_OK);
    assert_int_equal(ind_dataset_builder_series(b, &spec, &err), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2022-23", 100, 0, 0, &err), IND_OK);
    assert_int_equal(ind_dataset_builder_value(b, "2023-24", 120, 0, 1, &err), IND_OK);
    /* a target and a project from code: no JSON path to report */
    ind_target_step step = { NULL, 0, 1, { IND_AMOUNT_NUMBER, { 110, 0 } }, -1 };
    ind_target t = { 0 };
    t.series = "equipment.savings";
    t.polarity = IND_TARGET_HIGHER;
    t.n_steps = 1;
    t.steps = &step;
    assert_int_equal(ind_dataset_builder_target(b, &t, &err), IND_OK);
    ind_milestone p = { 0 };
    p.id = "plan.thing";
    p.reported = 1;
    p.slippage_days = -1;
    assert_int_equal(ind_dataset_builder_project(b, &p, &err), IND_OK);
    ind_dataset *ds = NULL;
    assert_int_equal(ind_dataset_builder_finish(b, &ds, &err), IND_OK);
    assert_int_equal(ds->n_targets, 1);
    assert_null(ds->targets[0].origin.path);
    assert_true(ds->targets[0].steps[0].from_day == INT32_MIN);

    ind_registry *reg = ind_registry_new();
    ind_result *r = NULL;
    assert_int_equal(ind_analyse(reg, ds, NULL, &r, &err), IND_OK);
    ind_scorecard *sc = NULL;
    /* no "as at" in the dataset: the project is judged at the end of 2023-24 */
    assert_int_equal(ind_scorecard_build(r, ds, NULL, &sc, &err), IND_OK);
    assert_string_equal(sc->period, "2023-24");
    assert_string_equal(sc->as_at, "2024-03-31");
    const ind_status *st = item(sc, IND_ITEM_STATISTICAL, "equipment.savings");
    assert_int_equal(st->level, IND_LEVEL_MET);
    /* 100 to 120 is +20%; the title gives way to the id */
    assert_string_equal(st->commentary, "equipment.savings rose 20% compared to 2022-23 "
                                        "(\xc2\xa3" "100 to \xc2\xa3" "120).");
    assert_int_equal(item(sc, IND_ITEM_PROJECT, "plan.thing")->level, IND_LEVEL_CONTEXT);
    ind_scorecard_free(sc);
    ind_result_free(r);
    ind_dataset_free(ds);
    ind_registry_free(reg);

    /* refusals from code carry no location */
    b = ind_dataset_builder_new(NULL, NULL);
    t.measure = "upw.induction_5d";
    assert_int_equal(ind_dataset_builder_target(b, &t, &err), IND_EDATA);
    assert_string_equal(err.message, "a target names a \"measure\" or a \"series\", not both");
    ind_dataset_builder_free(b);
}

/* ---- vocabularies ---------------------------------------------------------------- */

static void test_vocabularies(void **state)
{
    (void)state;
    const ind_vocab *v = ind_vocab_default();
    assert_string_equal(v->name, "improve");
    static const char *const improve[] = { "Blue", "Green", "Amber", "Red", "Report later",
                                           "Contextual" };
    static const char *const alert[] = { "Complete", "OK", "Warning", "Alert", "Unknown",
                                         "Data only" };
    for (int l = 0; l < IND_LEVEL_COUNT; l++) {
        assert_string_equal(ind_vocab_word(v, (ind_level)l), improve[l]);
        assert_non_null(v->definition[l]);
    }
    assert_string_equal(v->combined, "Report later/Contextual");
    assert_ptr_equal(ind_vocab_find("improve"), v);
    const ind_vocab *a = ind_vocab_find("alert");
    assert_non_null(a);
    for (int l = 0; l < IND_LEVEL_COUNT; l++)
        assert_string_equal(ind_vocab_word(a, (ind_level)l), alert[l]);
    assert_string_equal(a->combined, "Unknown/Data only");
    assert_null(ind_vocab_find("IMPROVe"));
    assert_null(ind_vocab_find(NULL));
    assert_int_equal(ind_vocab_count(), 2);
    assert_ptr_equal(ind_vocab_at(1), a);
    assert_null(ind_vocab_at(2));
    assert_string_equal(ind_vocab_word(v, (ind_level)IND_LEVEL_COUNT), "?");
    assert_string_equal(ind_item_class_name(IND_ITEM_PROJECT), "project");
    assert_string_equal(ind_item_class_name(IND_ITEM_STATISTICAL), "statistical");
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_largest_remainder),
        cmocka_unit_test(test_summary_of_28),
        cmocka_unit_test(test_seed_summary_dataset),
        cmocka_unit_test(test_south_lanarkshire),
        cmocka_unit_test(test_overrides),
        cmocka_unit_test(test_measure_status),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_built_dataset),
        cmocka_unit_test(test_vocabularies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
