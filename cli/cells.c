/*
** cells.c: the texts of a measure's table cells and of the lines under
** its table (cells.h). Moved here from the terminal table so that every
** writer words a trend, a test or a chart reading the same way.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cells.h"
#include "indicate/format.h"
#include "indicate/present.h"

/* Appends to buf[0..size) at *len, keeping it NUL-terminated. */
static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len += (size_t)n < size - *len ? (size_t)n : size - *len - 1;
}

const char *cells_per_period(ind_period_kind kind)
{
    switch (kind) {
    case IND_PERIOD_FINANCIAL_QUARTER: return "a quarter";
    case IND_PERIOD_MONTH: return "a month";
    default: return "a year";
    }
}

void cells_p(double p, char *buf, size_t size)
{
    if (isnan(p))
        snprintf(buf, size, "p undefined");
    else if (p < 0.001)
        snprintf(buf, size, "p < 0.001");
    else
        snprintf(buf, size, "p = %.3f", p);
}

void cells_slope(const ind_measure *m, double slope, int decimals, char *buf, size_t size)
{
    int len;
    if (m->kind == IND_MEASURE_PROPORTION) {
        len = ind_format_double(slope * 100, decimals, 1, buf, size);
        if (len >= 0 && (size_t)len + 4 < size)
            strcat(buf, " pp");
    } else {
        len = ind_format_double(slope, decimals, 1, buf, size);
    }
    if (len < 0) {
        buf[0] = '\0';
        return;
    }
    if (slope > 0 && buf[0] != '-' && (size_t)len + 2 < size) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
}

void cells_counts(const ind_measure *m, const ind_point *p, char *buf, size_t size)
{
    char k[IND_FORMAT_MAX], n[IND_FORMAT_MAX];
    buf[0] = '\0';
    if (m->kind == IND_MEASURE_COUNT || isnan(p->numerator) || isnan(p->denominator))
        return;
    ind_format_amount(p->numerator, 2, k, sizeof k);
    ind_format_amount(p->denominator, 2, n, sizeof n);
    snprintf(buf, size, m->kind == IND_MEASURE_PROPORTION ? "%s of %s" : "%s / %s", k, n);
}

void cells_flags(const ind_point *p, int across_break, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    if (p->flags & IND_POINT_GAP)
        add(buf, size, &len, "gap ");
    if (p->flags & IND_POINT_BREAK)
        add(buf, size, &len, "break ");
    else if (across_break)
        add(buf, size, &len, "across-break ");
    if (p->flags & IND_POINT_SUPPRESSED)
        add(buf, size, &len, "suppressed ");
    if (p->flags & IND_POINT_PROVISIONAL)
        add(buf, size, &len, "provisional ");
    if (len > 0 && buf[len - 1] == ' ')
        buf[len - 1] = '\0';
}

int cells_across_break(const ind_measure *m, size_t t, int max_lag)
{
    for (int lag = 1; lag <= m->max_lag && lag <= max_lag; lag++)
        if (t >= (size_t)lag && m->across_break[t * (size_t)m->max_lag + (size_t)lag - 1])
            return 1;
    return 0;
}

void cells_significance(const ind_measure *m, size_t t, char *buf, size_t size)
{
    const ind_significance *sg = ind_measure_significance(m, t, 1);
    char p[32];
    buf[0] = '\0';
    if (sg == NULL || sg->verdict == IND_VERDICT_NOT_TESTED)
        return;
    if (sg->verdict == IND_VERDICT_NO_CHANGE) {
        snprintf(buf, size, "no significant change");
        return;
    }
    cells_p(sg->p, p, sizeof p);
    snprintf(buf, size, "%s (%s)", sg->verdict == IND_VERDICT_HIGHER ? "higher" : "lower", p);
}

void cells_trend(const ind_result *r, const ind_measure *m, int decimals, char *buf,
                 size_t size, char *note, size_t note_size)
{
    const ind_trend_line *tl = &m->trend;
    size_t len = 0;
    buf[0] = '\0';
    note[0] = '\0';
    if (tl->status != IND_OK) {
        add(buf, size, &len, "Trend: not computed (%s).",
            tl->note != NULL ? tl->note : "too few values");
        return;
    }
    char slope[IND_PRESENT_MAX], p[32], v[IND_PRESENT_MAX], lo[IND_PRESENT_MAX],
        hi[IND_PRESENT_MAX];
    cells_slope(m, tl->slope, decimals, slope, sizeof slope);
    cells_p(tl->slope_p, p, sizeof p);
    ind_present_number(m, tl->projection, decimals, v, sizeof v);
    ind_present_number(m, tl->lower, decimals, lo, sizeof lo);
    ind_present_number(m, tl->upper, decimals, hi, sizeof hi);
    add(buf, size, &len,
        "Trend %s to %s: %s %s (%s). %s projected %s (%g%% prediction interval %s to %s%s).",
        m->label[tl->first], m->label[tl->last], slope, cells_per_period(m->period_kind), p,
        tl->next_label, v, r->level * 100, lo, hi,
        tl->clamped ? ", held within possible values" : "");
    if (tl->note != NULL)
        snprintf(note, note_size, "%s", tl->note);
}

void cells_tests(const ind_result *r, const ind_measure *m, int decimals, char *buf,
                 size_t size)
{
    const ind_trend_tests *tt = &m->tests;
    size_t len = 0;
    buf[0] = '\0';
    if (tt->mk_status != IND_OK)
        return;
    char p[32], slope[IND_PRESENT_MAX], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
    cells_p(tt->mk.p, p, sizeof p);
    add(buf, size, &len, "Trend tests %s to %s: Mann-Kendall tau %.2f (%s%s)",
        m->label[tt->first], m->label[tt->last], tt->mk.tau, p, tt->mk.exact ? ", exact" : "");
    if (tt->sen_status == IND_OK) {
        cells_slope(m, tt->sen.slope, decimals, slope, sizeof slope);
        cells_slope(m, tt->sen.lower, decimals, lo, sizeof lo);
        cells_slope(m, tt->sen.upper, decimals, hi, sizeof hi);
        add(buf, size, &len, "; Sen's slope %s %s (%g%% interval %s to %s)", slope,
            cells_per_period(m->period_kind), r->level * 100, lo, hi);
    }
    if (tt->ca_status == IND_OK) {
        cells_p(tt->ca.p, p, sizeof p);
        add(buf, size, &len, "; chi-square test for trend in proportions %s", p);
    }
    add(buf, size, &len, ".");
}

void cells_projection(const ind_result *r, const ind_measure *m, int decimals, int always,
                      char *buf, size_t size)
{
    const ind_measure_projection *mp = &m->projection;
    const ind_projection *f = &mp->fit;
    size_t len = 0;
    buf[0] = '\0';
    if (f->status != IND_OK) {
        if (f->requested != IND_PROJECT_AUTO)
            add(buf, size, &len, "Projection: not computed (%s).", mp->note);
        return;
    }
    if (!always && f->method == IND_PROJECT_LINEAR && f->horizon == 1)
        return;
    add(buf, size, &len, "Projection (%s):", mp->note);
    for (size_t h = 0; h < f->horizon; h++) {
        char v[IND_PRESENT_MAX], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
        ind_present_number(m, mp->value[h], decimals, v, sizeof v);
        ind_present_number(m, mp->lower[h], decimals, lo, sizeof lo);
        ind_present_number(m, mp->upper[h], decimals, hi, sizeof hi);
        add(buf, size, &len, "%s %s %s (%g%% prediction interval %s to %s)", h ? ";" : "",
            mp->label[h], v, r->level * 100, lo, hi);
    }
    add(buf, size, &len, f->clamped ? ", held within possible values." : ".");
}

void cells_spc(const ind_measure *m, char *buf, size_t size)
{
    const ind_measure_spc *sp = &m->spc;
    const ind_spc_chart *c = &sp->chart;
    size_t len = 0;
    buf[0] = '\0';
    if (sp->status != IND_OK || c->latest >= m->n)
        return;
    const ind_spc_point *p = &c->point[c->latest];
    if (p->rule == IND_SPC_RULE_NONE)
        add(buf, size, &len, "SPC: common cause variation at %s", m->label[c->latest]);
    else
        add(buf, size, &len, "SPC: special cause (%s, %s) at %s: %s",
            ind_spc_type_name(p->type), p->side > 0 ? "high" : "low", m->label[c->latest],
            ind_spc_rule_name(p->rule));
    add(buf, size, &len, "%s%s.", sp->note != NULL ? "; " : "",
        sp->note != NULL ? sp->note : "");
}
