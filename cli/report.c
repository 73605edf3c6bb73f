/*
** report.c: the groups and items of an area's report, and the status of an
** item at a period (report.h).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/format.h"
#include "report.h"

static const ind_status *card_item_for(const ind_scorecard *sc, const ind_measure *m)
{
    for (size_t k = 0; sc != NULL && k < sc->n_items; k++)
        if (sc->items[k].item_class == IND_ITEM_STATISTICAL && sc->items[k].measure == m)
            return &sc->items[k];
    return NULL;
}

static int in_result(const ind_result *r, const ind_measure *m)
{
    return r->n_measures > 0 && m >= r->measure && m < r->measure + r->n_measures;
}

static void push_item(report_area *a, const ind_result *r, const ind_measure *m,
                      const ind_status *card, int per_period)
{
    report_item *it = &a->items[a->n_items++];
    it->result = r;
    it->measure = m;
    it->card = card;
    it->judged_per_period = per_period;
}

static void push_group(report_area *a, const char *id, const char *title, size_t first)
{
    report_group *g = &a->groups[a->n_groups++];
    g->id = id;
    g->title = title;
    g->first = first;
    g->n = a->n_items - first;
}

static size_t find_extra(ind_result *const *extra, size_t n, const char *id)
{
    for (size_t e = 0; e < n; e++)
        if (extra[e]->n_measures > 0 && strcmp(extra[e]->measure[0].id, id) == 0)
            return e;
    return n;
}

int report_area_init(report_area *a, const ind_result *r, const ind_dataset *ds,
                     const ind_scorecard *sc, ind_result *const *extra, size_t n_extra)
{
    memset(a, 0, sizeof *a);
    a->result = r;
    a->dataset = ds;
    a->card = sc;
    size_t cap = r->n_measures + n_extra + (sc != NULL ? sc->n_items : 0) + 1;
    a->items = calloc(cap, sizeof *a->items);
    a->groups = calloc(cap + r->n_indicators, sizeof *a->groups);
    if (a->items == NULL || a->groups == NULL) {
        report_area_free(a);
        return -1;
    }
    int targets = ds != NULL && ds->n_targets > 0;
    for (size_t i = 0; i < r->n_indicators; i++) {
        const ind_indicator_result *ir = &r->indicator[i];
        size_t first = a->n_items;
        for (size_t j = 0; j < ir->n_measures; j++) {
            const ind_measure *m = &r->measure[ir->first_measure + j];
            push_item(a, r, m, card_item_for(sc, m), targets);
        }
        push_group(a, ir->entry->indicator->id, ir->entry->indicator->title, first);
    }
    unsigned char *used = calloc(n_extra + 1, 1);
    if (used == NULL) {
        report_area_free(a);
        return -1;
    }
    /* Series targets: shown from the series' own analysis, judged by sc. */
    for (size_t k = 0; sc != NULL && k < sc->n_items; k++) {
        const ind_status *st = &sc->items[k];
        if (st->item_class != IND_ITEM_STATISTICAL || st->measure == NULL ||
            in_result(r, st->measure))
            continue;
        size_t e = find_extra(extra, n_extra, st->id);
        if (e == n_extra)
            continue;
        used[e] = 1;
        const ind_measure *m = &extra[e]->measure[0];
        size_t first = a->n_items;
        push_item(a, extra[e], m, st, 0);
        push_group(a, st->id, m->title != NULL ? m->title : st->title, first);
    }
    for (size_t e = 0; e < n_extra; e++) {
        const ind_result *x = extra[e];
        if (used[e] || x->n_measures == 0)
            continue;
        size_t first = a->n_items;
        push_item(a, x, &x->measure[0], NULL, 0);
        push_group(a, x->measure[0].id, x->measure[0].title, first);
    }
    free(used);
    return 0;
}

void report_area_free(report_area *a)
{
    free(a->items);
    free(a->groups);
    a->items = NULL;
    a->groups = NULL;
    a->n_items = a->n_groups = 0;
}

int report_status_at(const report_area *a, const report_item *it, size_t t,
                     const report_opts *o, ind_status *st)
{
    if (!it->judged_per_period) {
        /* The scorecard judged its own reading of the series: the periods
        ** are matched by label, not by index. */
        if (it->card == NULL || it->card->target == NULL || it->card->t < 0 ||
            t >= it->measure->n || strcmp(it->measure->label[t], it->card->period) != 0)
            return 0;
        *st = *it->card;
        return 1;
    }
    ind_scorecard_opts defaults;
    ind_scorecard_opts_init(&defaults);
    const ind_scorecard_opts *so = o->status != NULL ? o->status : &defaults;
    if (ind_scorecard_measure_status(a->dataset, it->measure, t, so, st, NULL) != IND_OK)
        return 0;
    return st->target != NULL;
}

int report_has_status(const report_area *a, const report_item *it, const report_opts *o)
{
    ind_status st;
    for (size_t t = 0; t < it->measure->n; t++)
        if (report_status_at(a, it, t, o, &st))
            return 1;
    return 0;
}

long report_latest(const report_item *it)
{
    const ind_measure *m = it->measure;
    if (it->card != NULL && it->card->t >= 0)
        for (size_t t = 0; t < m->n; t++)
            if (strcmp(m->label[t], it->card->period) == 0)
                return (long)t;
    for (size_t t = m->n; t-- > 0;)
        if (!isnan(m->point[t].value))
            return (long)t;
    return -1;
}

const char *report_word(const report_opts *o, ind_level level)
{
    return ind_vocab_word(o->vocab != NULL ? o->vocab : ind_vocab_default(), level);
}

void report_unit(const ind_measure *m, char *buf, size_t size)
{
    char mult[IND_FORMAT_MAX];
    buf[0] = '\0';
    switch (m->kind) {
    case IND_MEASURE_PROPORTION:
        snprintf(buf, size, "%%");
        return;
    case IND_MEASURE_RATE:
        if (ind_format_amount(m->multiplier, 0, mult, sizeof mult) >= 0)
            snprintf(buf, size, "per %s", mult);
        return;
    default:
        if (m->unit != NULL && strcmp(m->unit, "count") != 0)
            snprintf(buf, size, "%s", m->unit);
        return;
    }
}

const char *report_period_name(ind_period_kind kind)
{
    switch (kind) {
    case IND_PERIOD_FINANCIAL_YEAR: return "Financial year (April to March)";
    case IND_PERIOD_REPORTING_YEAR: return "Reporting year (August to July)";
    case IND_PERIOD_CALENDAR_YEAR: return "Calendar year";
    case IND_PERIOD_FINANCIAL_QUARTER: return "Financial quarter";
    case IND_PERIOD_MONTH: return "Month";
    default: return "Period";
    }
}

int report_analyse_targets(const ind_dataset *ds, const ind_scorecard *sc,
                           const ind_analysis_opts *ao, ind_result ***extra,
                           size_t *n_extra, ind_error *err)
{
    for (size_t k = 0; sc != NULL && k < sc->n_items; k++) {
        const ind_status *st = &sc->items[k];
        if (st->item_class != IND_ITEM_STATISTICAL || st->target == NULL ||
            st->target->series == NULL || st->measure == NULL)
            continue;
        ind_result **grown = realloc(*extra, (*n_extra + 1) * sizeof *grown);
        if (grown == NULL)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        *extra = grown;
        int rc = ind_analyse_series(ds, st->target->series, st->measure->polarity, ao,
                                    &grown[*n_extra], err);
        if (rc != IND_OK)
            return rc;
        (*n_extra)++;
    }
    return IND_OK;
}

void report_set_free(report_set *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->areas != NULL)
            report_area_free(&rs->areas[i]);
        if (rs->own_cards && rs->cards != NULL)
            ind_scorecard_free(rs->cards[i]);
        for (size_t e = 0; rs->extra != NULL && rs->n_extra != NULL && e < rs->n_extra[i]; e++)
            ind_result_free(rs->extra[i][e]);
        if (rs->extra != NULL)
            free(rs->extra[i]);
    }
    free(rs->areas);
    free(rs->extra);
    free(rs->n_extra);
    if (rs->own_cards)
        free(rs->cards);
    memset(rs, 0, sizeof *rs);
}

static int area_of_set(report_set *rs, size_t i, ind_result *r, const ind_dataset *ds,
                       const ind_scorecard_opts *so, const ind_analysis_opts *ao,
                       ind_error *err)
{
    int rc = IND_OK;
    if (rs->own_cards && so != NULL)
        rc = ind_scorecard_build(r, ds, so, &rs->cards[i], err);
    if (rc == IND_OK)
        rc = report_analyse_targets(ds, rs->cards[i], ao, &rs->extra[i], &rs->n_extra[i], err);
    if (rc == IND_OK &&
        report_area_init(&rs->areas[i], r, ds, rs->cards[i], rs->extra[i], rs->n_extra[i]) != 0)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    return rc;
}

int report_set_build(report_set *rs, ind_result *const *results, ind_dataset *const *ds,
                     size_t n, ind_scorecard *const *cards, const ind_scorecard_opts *so,
                     const ind_analysis_opts *ao, ind_error *err)
{
    memset(rs, 0, sizeof *rs);
    rs->n = n;
    rs->areas = calloc(n + 1, sizeof *rs->areas);
    rs->extra = calloc(n + 1, sizeof *rs->extra);
    rs->n_extra = calloc(n + 1, sizeof *rs->n_extra);
    rs->own_cards = cards == NULL;
    rs->cards = cards != NULL ? (ind_scorecard **)cards : calloc(n + 1, sizeof *rs->cards);
    int rc = rs->areas && rs->extra && rs->n_extra && rs->cards
                 ? IND_OK
                 : ind_error_set(err, IND_ENOMEM, "out of memory");
    for (size_t i = 0; rc == IND_OK && i < n; i++)
        rc = area_of_set(rs, i, results[i], ds[i], so, ao, err);
    if (rc != IND_OK)
        report_set_free(rs);
    return rc;
}
