/*
** test_stats.c: hand-worked cases and edges of signif.h, trendtest.h,
** project.h and spc.h: the results a reader can check on paper (shown in
** the comments), the refusals, and the rules' precedence and direction.
** The bulk of the numerical checking is test_stats_reference.c.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/project.h"
#include "indicate/signif.h"
#include "indicate/spc.h"
#include "indicate/trendtest.h"

static void near(double got, double expected)
{
    if (fabs(got - expected) > 1e-12 * fmax(1, fabs(expected)))
        fail_msg("got %.17g, expected %.17g", got, expected);
}
#define NEAR(a, b) near((a), (double)(b))

/* ---- tests of change ---------------------------------------------------------- */

static void test_rate_ratio_edges(void **state)
{
    (void)state;
    ind_signif_test st;
    ind_error err = { 0 };
    /* No events at all: nothing to compare. */
    assert_int_equal(ind_signif_rate_ratio(0, 1, 0, 1, 0.95, &st, &err), IND_EDOMAIN);
    assert_non_null(strstr(err.message, "no events"));
    /* Not whole counts, or no exposure. */
    assert_int_equal(ind_signif_rate_ratio(1.5, 1, 2, 1, 0.95, &st, NULL), IND_EDOMAIN);
    assert_int_equal(ind_signif_rate_ratio(1, 0, 2, 1, 0.95, &st, NULL), IND_EDOMAIN);
    assert_int_equal(ind_signif_rate_ratio(1, 1, 2, 1, 1.0, &st, NULL), IND_EDOMAIN);

    /* 0 -> 5: all 5 events later. The ratio is infinite; the lower bound is
    ** pL/(1 - pL) with pL = 0.025^(1/5) (Clopper-Pearson for 5 of 5), and
    ** p = 2 * 0.5^5 = 0.0625: not significant, and the interval agrees. */
    assert_int_equal(ind_signif_rate_ratio(0, 1, 5, 1, 0.95, &st, NULL), IND_OK);
    double pl = pow(0.025, 0.2);
    assert_true(isinf(st.estimate) && isinf(st.upper));
    NEAR(st.lower, pl / (1 - pl));
    NEAR(st.p, 0.0625);
    assert_int_equal(st.direction, 0);
    assert_int_equal(st.disagree, 0);

    /* 10 -> 0: p = 2 * 0.5^10; significantly lower; upper bound
    ** (1 - 0.025^(1/10)) / 0.025^(1/10) ... as a ratio of later to earlier. */
    assert_int_equal(ind_signif_rate_ratio(10, 1, 0, 1, 0.95, &st, NULL), IND_OK);
    NEAR(st.p, 2 * pow(0.5, 10));
    assert_int_equal(st.estimate, 0);
    assert_int_equal(st.lower, 0);
    double q = pow(0.025, 0.1); /* upper pi = 1 - q */
    NEAR(st.upper, (1 - q) / q);
    assert_int_equal(st.direction, -1);
}

static void test_prop_diff_edges(void **state)
{
    (void)state;
    ind_signif_test st;
    /* Both 0 of n: no difference, p = 1 by convention. */
    assert_int_equal(ind_signif_prop_diff(0, 10, 0, 12, 0.95, &st, NULL), IND_OK);
    assert_int_equal(st.estimate, 0);
    assert_int_equal(st.p, 1);
    assert_int_equal(st.direction, 0);
    assert_true(st.lower < 0 && st.upper > 0);
    /* Refused: k above n, n of 0. */
    assert_int_equal(ind_signif_prop_diff(11, 10, 0, 12, 0.95, &st, NULL), IND_EDOMAIN);
    assert_int_equal(ind_signif_prop_diff(0, 0, 0, 12, 0.95, &st, NULL), IND_EDOMAIN);
    /* 0 of 50 -> 50 of 50: plainly higher. */
    assert_int_equal(ind_signif_prop_diff(0, 50, 50, 50, 0.95, &st, NULL), IND_OK);
    assert_int_equal(st.estimate, 1);
    assert_int_equal(st.direction, 1);
}

static void test_clopper_pearson(void **state)
{
    (void)state;
    double lo, hi;
    /* 0 of 4: lower 0, upper 1 - 0.025^(1/4). 4 of 4: lower 0.025^(1/4). */
    assert_int_equal(ind_signif_clopper_pearson(0, 4, 0.95, &lo, &hi), IND_OK);
    assert_int_equal(lo, 0);
    NEAR(hi, 1 - pow(0.025, 0.25));
    assert_int_equal(ind_signif_clopper_pearson(4, 4, 0.95, &lo, &hi), IND_OK);
    NEAR(lo, pow(0.025, 0.25));
    assert_int_equal(hi, 1);
    assert_int_equal(ind_signif_clopper_pearson(5, 4, 0.95, &lo, &hi), IND_EDOMAIN);
    assert_true(isnan(ind_signif_binom_central_p(1, 2, 0)));
}

/* ---- trend tests ----------------------------------------------------------------- */

static void test_mann_kendall_hand(void **state)
{
    (void)state;
    ind_mann_kendall mk;
    /* 1, 2, 3: S = 3; of the 6 orderings only this one has S = 3, so
    ** p = 2 * 1/6. */
    double up[] = { 1, 2, 3 };
    assert_int_equal(ind_trendtest_mann_kendall(up, 3, &mk, NULL), IND_OK);
    assert_int_equal(mk.s, 3);
    assert_true(mk.exact);
    NEAR(mk.p, 1.0 / 3);
    /* 1, 3, 2: S = 1 + 1 - 1 = 1; P(S >= 1) = 3/6, so p = 1. */
    double mid[] = { 1, 3, 2 };
    assert_int_equal(ind_trendtest_mann_kendall(mid, 3, &mk, NULL), IND_OK);
    assert_int_equal(mk.s, 1);
    NEAR(mk.p, 1);
    /* A missing value is skipped: 1, NaN, 2, 3 is 1, 2, 3. */
    double gap[] = { 1, NAN, 2, 3 };
    assert_int_equal(ind_trendtest_mann_kendall(gap, 4, &mk, NULL), IND_OK);
    assert_int_equal(mk.n, 3);
    /* Ties: 5, 5, 6: S = 0 + 1 + 1 = 2; var = (3*2*11 - 2*1*9)/18 = 48/18;
    ** z = (2 - 1)/sqrt(48/18). */
    double tie[] = { 5, 5, 6 };
    assert_int_equal(ind_trendtest_mann_kendall(tie, 3, &mk, NULL), IND_OK);
    assert_false(mk.exact);
    assert_int_equal(mk.ties, 1);
    NEAR(mk.var_s, 48.0 / 18);
    NEAR(mk.z, 1 / sqrt(48.0 / 18));
    /* Refused: two values; every value the same. */
    double flat[] = { 4, 4, 4, 4 };
    assert_int_equal(ind_trendtest_mann_kendall(up, 2, &mk, NULL), IND_EDOMAIN);
    assert_int_equal(ind_trendtest_mann_kendall(flat, 4, &mk, NULL), IND_EDOMAIN);
}

static void test_sen_hand(void **state)
{
    (void)state;
    /* y = 2x + 1: every slope is 2; the interval is [2, 2]. */
    double x[] = { 0, 1, 2, 3, 4 }, y[] = { 1, 3, 5, 7, 9 }, work[16];
    ind_sen_slope sen;
    assert_true(ind_trendtest_sen_work(5) <= 16);
    assert_int_equal(ind_trendtest_sen(x, y, 5, 0.95, work, &sen, NULL), IND_OK);
    assert_int_equal(sen.slope, 2);
    assert_int_equal(sen.intercept, 1);
    assert_int_equal(sen.lower, 2);
    assert_int_equal(sen.upper, 2);
    assert_int_equal(sen.pairs, 10);
}

static void test_cochran_armitage_edges(void **state)
{
    (void)state;
    ind_cochran_armitage ca;
    double k0[] = { 0, 0, 0 }, n[] = { 5, 5, 5 }, s[] = { 0, 1, 2 };
    assert_int_equal(ind_trendtest_cochran_armitage(k0, n, s, 3, &ca, NULL), IND_EDOMAIN);
    /* 0/10, 5/10, 10/10 over scores 0, 1, 2: pbar = 1/2, tbar = 1,
    ** T = 5*0 + 10*1 - 0 ... = sum k (t - 1) = 0*(-1) + 5*0 + 10*1 = 10,
    ** Stt = 10 + 0 + 10 = 20, var = 1/4 * 20 = 5, chi2 = 100/5 = 20. */
    double k[] = { 0, 5, 10 }, m[] = { 10, 10, 10 };
    assert_int_equal(ind_trendtest_cochran_armitage(k, m, s, 3, &ca, NULL), IND_OK);
    NEAR(ca.chi2, 20);
    NEAR(ca.slope, 0.5);
    assert_true(ca.z > 0);
}

/* ---- projections ---------------------------------------------------------------------- */

static void test_projection_choice(void **state)
{
    (void)state;
    ind_holt_workspace *w = ind_holt_workspace_new();
    assert_non_null(w);
    double y[12] = { 10, 12, 15, 15, 18, 21, 22, 25, 27, 28, 31, 33 };
    double work[32], v[3], lo[3], hi[3];
    unsigned char cl[3];
    ind_projection p;
    ind_projection_opts o = { IND_PROJECT_AUTO, 1, 0.95, 0, INFINITY };
    /* Nine values: auto fits a line and says why. */
    assert_int_equal(ind_project(y, 9, &o, w, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_int_equal(p.method, IND_PROJECT_LINEAR);
    assert_non_null(strstr(p.note, "fewer than the 10"));
    /* Twelve: damped Holt. */
    assert_int_equal(ind_project(y, 12, &o, w, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_int_equal(p.status, IND_OK);
    assert_int_equal(p.method, IND_PROJECT_HOLT);
    assert_true(p.holt.phi >= IND_HOLT_PHI_LOWER && p.holt.phi <= IND_HOLT_PHI_UPPER);
    assert_true(p.holt.beta <= p.holt.alpha);
    /* A gap: the latest run has 6 values, too few for Holt when asked. */
    y[5] = NAN;
    o.method = IND_PROJECT_HOLT;
    assert_int_equal(ind_project(y, 12, &o, w, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_int_equal(p.status, IND_EDOMAIN);
    assert_non_null(strstr(p.note, "has 6"));
    /* Log-linear refuses a zero. */
    double z[] = { 4, 0, 3, 5 };
    o.method = IND_PROJECT_LOGLINEAR;
    assert_int_equal(ind_project(z, 4, &o, w, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_int_equal(p.status, IND_EDOMAIN);
    assert_non_null(strstr(p.note, "logarithm"));
    ind_holt_workspace_free(w);
}

static void test_projection_clamped(void **state)
{
    (void)state;
    /* Falling counts 30, 20, 10: the line reaches 0 next period (fitted
    ** value exactly 0) and its lower bound is below 0, held at 0. */
    double y[] = { 30, 20, 10 }, work[8], v[2], lo[2], hi[2];
    unsigned char cl[2];
    ind_projection p;
    ind_projection_opts o = { IND_PROJECT_LINEAR, 2, 0.95, 0, INFINITY };
    assert_int_equal(ind_project(y, 3, &o, NULL, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_int_equal(v[0], 0);
    assert_int_equal(lo[0], 0);
    assert_int_equal(v[1], 0); /* -10, held at 0 */
    assert_true(cl[0] || cl[1]);
    assert_true(p.clamped);
    /* A proportion stays at or below 1. */
    double q[] = { 0.8, 0.9, 0.99 };
    o.ceiling = 1;
    assert_int_equal(ind_project(q, 3, &o, NULL, work, &p, v, lo, hi, cl, NULL), IND_OK);
    assert_true(v[1] <= 1 && hi[0] <= 1 && hi[1] <= 1);
}

static void test_holt_refusals(void **state)
{
    (void)state;
    ind_holt_workspace *w = ind_holt_workspace_new();
    double flat[10] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
    ind_holt_fit fit;
    ind_error err = { 0 };
    assert_int_equal(ind_holt_fit_series(w, flat, 10, &fit, &err), IND_EDOMAIN);
    assert_non_null(strstr(err.message, "same"));
    assert_int_equal(ind_holt_fit_series(w, flat, 9, &fit, NULL), IND_EDOMAIN);
    assert_int_equal(ind_holt_fit_fixed(flat, 10, 0.5, 0.6, 0.9, &fit, NULL), IND_EDOMAIN);
    ind_holt_workspace_free(w);
}

/* ---- SPC -------------------------------------------------------------------------------- */

typedef struct chart_buf {
    ind_spc_point point[64];
    ind_spc_segment segment[8];
    ind_spc_chart chart;
} chart_buf;

static int xmr(chart_buf *b, const double *y, size_t n, int polarity, const size_t *rebase,
               size_t n_rebase, double target)
{
    b->chart.point = b->point;
    b->chart.segment = b->segment;
    ind_spc_opts o = { polarity, 0, rebase, n_rebase, target };
    return ind_spc_xmr(y, n, &o, &b->chart, NULL);
}

static void test_spc_limits_hand(void **state)
{
    (void)state;
    chart_buf b;
    /* 10, 12, 10, 12: mean 11, moving ranges 2, 2, 2, limits 11 -/+ 5.32. */
    double y[] = { 10, 12, 10, 12 };
    assert_int_equal(xmr(&b, y, 4, 1, NULL, 0, NAN), IND_OK);
    NEAR(b.segment[0].mean, 11);
    NEAR(b.segment[0].mean_range, 2);
    NEAR(b.segment[0].lower, 11 - 5.32);
    NEAR(b.segment[0].upper, 11 + 5.32);
    assert_true(b.segment[0].is_short);
    /* Screening: ranges 1, 1, 1, 1, 20, 20 ... mean 44/6 = 7.33; 3.267 x
    ** that is 23.96, so nothing goes; with ranges 1 x 8 and 30, the mean is
    ** 38/9 = 4.22, cut 13.8: the 30 goes and the mean range is 1. */
    double z[] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 30 };
    assert_int_equal(xmr(&b, z, 10, 1, NULL, 0, NAN), IND_OK);
    NEAR(b.segment[0].mean_range, 1);
    assert_int_equal(b.segment[0].screened, 1);
    assert_false(b.point[9].range_used);
}

static void test_spc_rules(void **state)
{
    (void)state;
    chart_buf b;
    /* Seven rising points in the middle of a flat series, then one far out:
    ** the rising points are flagged "trend" (an improvement when higher is
    ** better), the last point "outside". */
    /* Moving ranges of about 8 put the limits near 50 -/+ 20, so the climb
    ** from 44 to 56 stays inside them. */
    double y[] = { 46, 54, 46, 54, 46, 54, 44, 46, 48, 50, 52, 54, 56, 46, 54, 46, 54, 120 };
    size_t n = sizeof y / sizeof y[0];
    assert_int_equal(xmr(&b, y, n, 1, NULL, 0, NAN), IND_OK);
    for (size_t t = 6; t <= 12; t++) {
        assert_int_equal(b.point[t].rule, IND_SPC_RULE_TREND);
        assert_int_equal(b.point[t].side, 1);
        assert_int_equal(b.point[t].type, IND_SPC_IMPROVEMENT);
    }
    assert_int_equal(b.point[5].rule, IND_SPC_RULE_NONE);
    assert_int_equal(b.point[13].rule, IND_SPC_RULE_NONE);
    assert_int_equal(b.point[17].rule, IND_SPC_RULE_OUTSIDE);
    assert_int_equal(b.point[17].type, IND_SPC_IMPROVEMENT);
    assert_int_equal(b.chart.variation, IND_SPC_IMPROVEMENT);
    assert_int_equal(b.chart.variation_side, 1);
    /* Lower is better: the same points are concerns. */
    assert_int_equal(xmr(&b, y, n, -1, NULL, 0, NAN), IND_OK);
    assert_int_equal(b.point[17].type, IND_SPC_CONCERN);
    /* Neutral. */
    assert_int_equal(xmr(&b, y, n, 0, NULL, 0, NAN), IND_OK);
    assert_int_equal(b.point[17].type, IND_SPC_NEUTRAL);
}

static void test_spc_shift_and_rebase(void **state)
{
    (void)state;
    chart_buf b;
    /* Six low, eight high: the eight are a shift above the mean. Rebased at
    ** index 6, each part has its own limits and no shift. */
    double y[] = { 10, 11, 10, 11, 10, 11, 14, 15, 14, 15, 14, 15, 14, 15 };
    assert_int_equal(xmr(&b, y, 14, 1, NULL, 0, NAN), IND_OK);
    for (size_t t = 6; t < 14; t++)
        assert_true(b.point[t].rules & IND_SPC_BIT(IND_SPC_RULE_SHIFT));
    size_t at[] = { 6 };
    assert_int_equal(xmr(&b, y, 14, 1, at, 1, NAN), IND_OK);
    assert_int_equal(b.chart.n_segments, 2);
    NEAR(b.segment[0].mean, 10.5);
    NEAR(b.segment[1].mean, 14.5);
    for (size_t t = 0; t < 14; t++)
        assert_int_equal(b.point[t].rule, IND_SPC_RULE_NONE);
    /* Rebase points must be increasing and inside. */
    size_t bad[] = { 0 };
    assert_int_equal(xmr(&b, y, 14, 1, bad, 1, NAN), IND_EINVAL);
}

static void test_spc_assurance(void **state)
{
    (void)state;
    chart_buf b;
    double y[] = { 10, 12, 10, 12 }; /* limits 5.68 to 16.32 */
    assert_int_equal(xmr(&b, y, 4, 1, NULL, 0, 5), IND_OK);
    assert_int_equal(b.chart.assurance, IND_SPC_PASS);
    assert_int_equal(xmr(&b, y, 4, 1, NULL, 0, 17), IND_OK);
    assert_int_equal(b.chart.assurance, IND_SPC_FAIL);
    assert_int_equal(xmr(&b, y, 4, -1, NULL, 0, 17), IND_OK);
    assert_int_equal(b.chart.assurance, IND_SPC_PASS);
    assert_int_equal(xmr(&b, y, 4, 1, NULL, 0, 11), IND_OK);
    assert_int_equal(b.chart.assurance, IND_SPC_HIT_AND_MISS);
    assert_int_equal(xmr(&b, y, 4, 0, NULL, 0, 11), IND_OK);
    assert_int_equal(b.chart.assurance, IND_SPC_ASSURANCE_NONE);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_ratio_edges),   cmocka_unit_test(test_prop_diff_edges),
        cmocka_unit_test(test_clopper_pearson),    cmocka_unit_test(test_mann_kendall_hand),
        cmocka_unit_test(test_sen_hand),           cmocka_unit_test(test_cochran_armitage_edges),
        cmocka_unit_test(test_projection_choice),  cmocka_unit_test(test_projection_clamped),
        cmocka_unit_test(test_holt_refusals),      cmocka_unit_test(test_spc_limits_hand),
        cmocka_unit_test(test_spc_rules),          cmocka_unit_test(test_spc_shift_and_rebase),
        cmocka_unit_test(test_spc_assurance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
