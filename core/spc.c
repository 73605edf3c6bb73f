/*
** spc.c: XmR limits with moving-range screening, the four special-cause
** rules in precedence, the variation icon and assurance against a target.
**
** Each segment (between rebases and breaks) is worked out on its own: its
** mean, moving ranges, limits, and the rules, none of which looks past its
** ends. Rules mark bits on the points; precedence is applied at the end.
*/
#include <math.h>
#include <string.h>

#include "indicate/spc.h"

static int sign_of(double d)
{
    return (d > 0) - (d < 0);
}

/* ---- limits ------------------------------------------------------------- */

static void segment_limits(const double *y, ind_spc_point *pt, ind_spc_segment *sg,
                           int screen)
{
    double sum = 0, sum_range = 0;
    sg->values = sg->ranges = sg->screened = 0;
    for (size_t t = sg->first; t <= sg->last; t++) {
        pt[t].moving_range = NAN;
        pt[t].range_used = 0;
        if (isnan(y[t]))
            continue;
        sg->values++;
        sum += y[t];
        if (t > sg->first && !isnan(y[t - 1])) {
            pt[t].moving_range = fabs(y[t] - y[t - 1]);
            pt[t].range_used = 1;
            sg->ranges++;
            sum_range += pt[t].moving_range;
        }
    }
    sg->is_short = sg->values < IND_SPC_SHORT;
    sg->mean = sg->mean_range = sg->lower = sg->upper = NAN;
    sg->near_lower = sg->near_upper = NAN;
    if (sg->values < IND_SPC_MIN_POINTS || sg->ranges == 0) {
        sg->status = IND_EDOMAIN;
        return;
    }
    sg->status = IND_OK;
    sg->mean = sum / (double)sg->values;
    double amr = sum_range / (double)sg->ranges;
    /* Screening: ranges at or above 3.267 x their mean are left out. With
    ** a mean of 0 there is nothing to screen (and nothing would be left). */
    if (screen && amr > 0) {
        double cut = IND_SPC_RANGE_LIMIT * amr, kept = 0;
        size_t n_kept = 0;
        for (size_t t = sg->first; t <= sg->last; t++) {
            if (!pt[t].range_used)
                continue;
            if (pt[t].moving_range < cut) {
                kept += pt[t].moving_range;
                n_kept++;
            } else {
                pt[t].range_used = 0;
                sg->screened++;
            }
        }
        amr = kept / (double)n_kept;
    }
    sg->mean_range = amr;
    sg->lower = sg->mean - IND_SPC_LIMIT * amr;
    sg->upper = sg->mean + IND_SPC_LIMIT * amr;
    sg->near_lower = sg->mean - 2.0 / 3.0 * IND_SPC_LIMIT * amr;
    sg->near_upper = sg->mean + 2.0 / 3.0 * IND_SPC_LIMIT * amr;
}

/* ---- rules --------------------------------------------------------------- */

static void mark(ind_spc_point *pt, size_t from, size_t to, ind_spc_rule rule)
{
    for (size_t t = from; t <= to; t++)
        pt[t].rules |= IND_SPC_BIT(rule);
}

static void rule_outside(const double *y, ind_spc_point *pt, const ind_spc_segment *sg)
{
    for (size_t t = sg->first; t <= sg->last; t++)
        if (y[t] > sg->upper || y[t] < sg->lower)
            mark(pt, t, t, IND_SPC_RULE_OUTSIDE);
}

/* Seven or more points in a row, each above (dir +1) or below (dir -1) the
** one before. */
static void rule_trend(const double *y, ind_spc_point *pt, const ind_spc_segment *sg,
                       int dir)
{
    size_t start = sg->first;
    for (size_t t = sg->first; t <= sg->last; t++) {
        int continues = t > sg->first && !isnan(y[t]) && !isnan(y[t - 1]) &&
                        sign_of(y[t] - y[t - 1]) == dir;
        if (!continues)
            start = t;
        if (t - start + 1 >= IND_SPC_RUN)
            mark(pt, start, t, IND_SPC_RULE_TREND);
    }
}

/* Seven or more points in a row on one side of the mean. */
static void rule_shift(const double *y, ind_spc_point *pt, const ind_spc_segment *sg)
{
    size_t start = sg->first;
    int side = 0;
    for (size_t t = sg->first; t <= sg->last; t++) {
        int s = isnan(y[t]) ? 0 : sign_of(y[t] - sg->mean);
        if (s == 0 || s != side)
            start = t;
        side = s;
        if (s != 0 && t - start + 1 >= IND_SPC_RUN)
            mark(pt, start, t, IND_SPC_RULE_SHIFT);
    }
}

static int beyond_near(double y, const ind_spc_segment *sg, int side)
{
    return side > 0 ? y > sg->near_upper : y < sg->near_lower;
}

/* Two of three consecutive points beyond two-thirds of the way to a limit
** on the same side (a point beyond the limit counts): those points. */
static void rule_two_of_three(const double *y, ind_spc_point *pt,
                              const ind_spc_segment *sg)
{
    if (sg->last - sg->first + 1 < 3)
        return;
    for (size_t t = sg->first; t + 2 <= sg->last; t++)
        for (int side = -1; side <= 1; side += 2) {
            int count = 0;
            for (size_t k = t; k <= t + 2; k++)
                count += beyond_near(y[k], sg, side);
            if (count < 2)
                continue;
            for (size_t k = t; k <= t + 2; k++)
                if (beyond_near(y[k], sg, side))
                    mark(pt, k, k, IND_SPC_RULE_TWO_OF_THREE);
        }
}

/* The first rule in precedence, and its direction at t. */
static void classify(const double *y, ind_spc_point *p, size_t t, const ind_spc_segment *sg,
                     int polarity)
{
    static const ind_spc_rule order[] = { IND_SPC_RULE_OUTSIDE, IND_SPC_RULE_TREND,
                                          IND_SPC_RULE_TWO_OF_THREE, IND_SPC_RULE_SHIFT };
    p->rule = IND_SPC_RULE_NONE;
    p->side = 0;
    p->type = IND_SPC_COMMON;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (p->rules & IND_SPC_BIT(order[i])) {
            p->rule = order[i];
            break;
        }
    if (p->rule == IND_SPC_RULE_NONE)
        return;
    if (p->rule == IND_SPC_RULE_TREND)
        p->side = t > sg->first && y[t] < y[t - 1] ? -1 : 1;
    else
        p->side = sign_of(y[t] - sg->mean);
    /* A point that starts a trend has no point before it: its direction is
    ** the trend's, read from the point after. */
    if (p->rule == IND_SPC_RULE_TREND && (t == sg->first || !(p[-1].rules &
                                                             IND_SPC_BIT(IND_SPC_RULE_TREND))))
        p->side = t < sg->last && y[t + 1] < y[t] ? -1 : 1;
    if (polarity == 0)
        p->type = IND_SPC_NEUTRAL;
    else
        p->type = p->side == polarity ? IND_SPC_IMPROVEMENT : IND_SPC_CONCERN;
}

static void segment_rules(const double *y, ind_spc_point *pt, const ind_spc_segment *sg,
                          int polarity)
{
    for (size_t t = sg->first; t <= sg->last; t++)
        pt[t].rules = 0;
    if (sg->status == IND_OK) {
        rule_outside(y, pt, sg);
        rule_trend(y, pt, sg, 1);
        rule_trend(y, pt, sg, -1);
        rule_two_of_three(y, pt, sg);
        rule_shift(y, pt, sg);
    }
    for (size_t t = sg->first; t <= sg->last; t++)
        classify(y, &pt[t], t, sg, polarity);
}

/* ---- the chart ------------------------------------------------------------ */

static ind_spc_assurance assurance_of(const ind_spc_segment *sg, double target, int polarity)
{
    if (polarity == 0 || !isfinite(target) || sg->status != IND_OK)
        return IND_SPC_ASSURANCE_NONE;
    if (target > sg->upper)
        return polarity > 0 ? IND_SPC_FAIL : IND_SPC_PASS;
    if (target < sg->lower)
        return polarity > 0 ? IND_SPC_PASS : IND_SPC_FAIL;
    return IND_SPC_HIT_AND_MISS;
}

int ind_spc_xmr(const double *y, size_t n, const ind_spc_opts *o,
                ind_spc_chart *chart, ind_error *err)
{
    if (o == NULL || chart == NULL || chart->point == NULL || chart->segment == NULL ||
        (n > 0 && y == NULL))
        return ind_error_set(err, IND_EINVAL, "ind_spc_xmr: missing argument");
    for (size_t i = 0; i < o->n_rebase; i++)
        if (o->rebase[i] == 0 || o->rebase[i] >= n || (i > 0 && o->rebase[i] <= o->rebase[i - 1]))
            return ind_error_set(err, IND_EINVAL,
                                 "rebase points must be increasing indices from 1 to %zu", n - 1);
    chart->n_segments = n > 0 ? o->n_rebase + 1 : 0;
    chart->latest = n;
    chart->variation = IND_SPC_COMMON;
    chart->variation_side = 0;
    chart->assurance = IND_SPC_ASSURANCE_NONE;
    memset(chart->point, 0, n * sizeof *chart->point);
    for (size_t s = 0; s < chart->n_segments; s++) {
        ind_spc_segment *sg = &chart->segment[s];
        sg->first = s == 0 ? 0 : o->rebase[s - 1];
        sg->last = s < o->n_rebase ? o->rebase[s] - 1 : n - 1;
        for (size_t t = sg->first; t <= sg->last; t++)
            chart->point[t].segment = s;
        segment_limits(y, chart->point, sg, !o->no_screen);
        segment_rules(y, chart->point, sg, o->polarity);
    }
    for (size_t t = n; t-- > 0;)
        if (!isnan(y[t])) {
            chart->latest = t;
            break;
        }
    if (chart->latest == n)
        return IND_OK;
    const ind_spc_point *p = &chart->point[chart->latest];
    chart->variation = p->type;
    chart->variation_side = p->side;
    chart->assurance = assurance_of(&chart->segment[p->segment], o->target, o->polarity);
    return IND_OK;
}

const char *ind_spc_rule_name(ind_spc_rule r)
{
    switch (r) {
    case IND_SPC_RULE_OUTSIDE: return "outside";
    case IND_SPC_RULE_TREND: return "trend";
    case IND_SPC_RULE_TWO_OF_THREE: return "two_of_three";
    case IND_SPC_RULE_SHIFT: return "shift";
    default: return NULL;
    }
}

const char *ind_spc_type_name(ind_spc_type t)
{
    switch (t) {
    case IND_SPC_IMPROVEMENT: return "improvement";
    case IND_SPC_CONCERN: return "concern";
    case IND_SPC_NEUTRAL: return "neutral";
    default: return "common_cause";
    }
}

const char *ind_spc_assurance_name(ind_spc_assurance a)
{
    switch (a) {
    case IND_SPC_PASS: return "consistently_passing";
    case IND_SPC_FAIL: return "consistently_failing";
    case IND_SPC_HIT_AND_MISS: return "hit_and_miss";
    default: return NULL;
    }
}
