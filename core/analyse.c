/*
** analyse.c: one area's dataset through every applicable indicator.
**
** The steps for each indicator: find its input series, align them on one
** run of consecutive periods (gaps become missing values), let the plug-in
** compute its outputs, check what only computed figures can break (a
** numerator above its denominator), turn the outputs into measures, and
** analyse each measure generically: interval per period, changes against
** earlier periods, runs, growth since the first value, and a straight-line
** trend with a projection. Nothing statistical is fitted across a break in
** the definition of any input.
**
** Everything a result holds is allocated from its arena; per-value work is
** done in arrays allocated once per measure.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/analyse.h"
#include "indicate/arena.h"
#include "indicate/change.h"
#include "indicate/ratio.h"
#include "indicate/trend.h"

#define DEFAULT_LEVEL 0.95

/* The aligned inputs of one indicator for one area. */
typedef struct aligned {
    size_t n;                  /* periods in the span */
    ind_period_kind kind;
    int32_t first;             /* ordinal of index 0 */
    const char **label;        /* [n] */
    int32_t *ordinal;          /* [n] */
    unsigned *flags;           /* [n] IND_POINT_* from the inputs */
    size_t n_in;               /* required + optional */
    const ind_series **series; /* [n_in], NULL for an absent optional input */
    double **in;               /* [n_in][n], NULL for an absent input */
    size_t n_breaks;
    int32_t *breaks;           /* sorted ordinals, union over the inputs */
    int all_flow;              /* every present input is a flow */
} aligned;

typedef struct context {
    const ind_registry *reg;
    const ind_dataset *ds;
    double level;
    ind_arena *arena;
    ind_error *err;
} context;

static const char *file_of(const ind_dataset *ds)
{
    return ds->file != NULL ? ds->file : "(dataset)";
}

/* ---- choosing indicators ------------------------------------------- */

/* The first required input the dataset lacks, or NULL when it has them all. */
static const char *missing_input(const ind_dataset *ds, const ind_entry *e)
{
    for (size_t i = 0; i < e->n_inputs; i++)
        if (ind_dataset_find(ds, e->indicator->inputs[i]) == NULL)
            return e->indicator->inputs[i];
    return NULL;
}

static int select_entries(const context *cx, const ind_analysis_opts *opts,
                          const ind_entry ***out, size_t *n_out)
{
    size_t cap = opts->indicators != NULL ? opts->n_indicators
                                          : ind_registry_n_indicators(cx->reg);
    const ind_entry **list = ind_arena_array(cx->arena, cap + 1, sizeof *list);
    if (list == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    size_t n = 0;

    if (opts->indicators == NULL) {
        for (size_t i = 0; i < cap; i++) {
            const ind_entry *e = ind_registry_indicator(cx->reg, i);
            if (missing_input(cx->ds, e) == NULL)
                list[n++] = e;
        }
    } else {
        for (size_t i = 0; i < cap; i++) {
            const char *id = opts->indicators[i];
            const ind_entry *e = ind_registry_find(cx->reg, id);
            if (e == NULL)
                return ind_error_set(cx->err, IND_ENOTFOUND,
                                     "no loaded plug-in defines indicator %s", id);
            const char *lack = missing_input(cx->ds, e);
            if (lack != NULL)
                return ind_error_set(cx->err, IND_ENOTFOUND,
                                     "%s: area \"%s\" has no series %s, which indicator %s needs",
                                     file_of(cx->ds), cx->ds->area, lack, id);
            int seen = 0;
            for (size_t j = 0; j < n; j++)
                seen |= list[j] == e;
            if (!seen)
                list[n++] = e;
        }
    }
    *out = list;
    *n_out = n;
    return IND_OK;
}

/* ---- aligning inputs --------------------------------------------------- */

static int cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int collect_inputs(const context *cx, const ind_entry *e, aligned *al)
{
    const ind_indicator *ind = e->indicator;
    al->n_in = e->n_inputs + e->n_optional;
    al->series = ind_arena_array(cx->arena, al->n_in + 1, sizeof *al->series);
    if (al->series == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    const ind_series *first = NULL;
    al->all_flow = 1;
    for (size_t i = 0; i < al->n_in; i++) {
        const char *id = i < e->n_inputs ? ind->inputs[i]
                                         : ind->optional_inputs[i - e->n_inputs];
        const ind_series *s = ind_dataset_find(cx->ds, id);
        al->series[i] = s;
        if (s == NULL)
            continue;
        al->all_flow &= s->nature == IND_NATURE_FLOW;
        if (first == NULL) {
            first = s;
        } else if (s->period_kind != first->period_kind) {
            return ind_error_set(cx->err, IND_EDATA,
                                 "%s: area \"%s\": indicator %s needs series of one period kind, "
                                 "but %s is %s and %s is %s",
                                 file_of(cx->ds), cx->ds->area, ind->id, first->id,
                                 ind_period_kind_name(first->period_kind), s->id,
                                 ind_period_kind_name(s->period_kind));
        }
    }
    al->kind = first->period_kind;
    return IND_OK;
}

/* The span of ordinals the inputs cover, and the union of their breaks. */
static int find_span(const context *cx, const ind_entry *e, aligned *al)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    size_t n_breaks = 0;
    for (size_t i = 0; i < al->n_in; i++) {
        const ind_series *s = al->series[i];
        if (s == NULL)
            continue;
        n_breaks += s->n_breaks;
        if (s->n == 0)
            continue;
        if (s->ordinal[0] < lo)
            lo = s->ordinal[0];
        if (s->ordinal[s->n - 1] > hi)
            hi = s->ordinal[s->n - 1];
    }
    al->n = lo <= hi ? (size_t)((int64_t)hi - lo + 1) : 0;
    al->first = lo <= hi ? lo : 0;
    if (al->n > IND_DEFAULT_MAX_PERIODS)
        return ind_error_set(cx->err, IND_ELIMIT,
                             "%s: area \"%s\": the inputs of indicator %s span %zu periods, "
                             "more than the limit of %d",
                             file_of(cx->ds), cx->ds->area, e->indicator->id, al->n,
                             IND_DEFAULT_MAX_PERIODS);

    al->breaks = ind_arena_array(cx->arena, n_breaks + 1, sizeof *al->breaks);
    if (al->breaks == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    al->n_breaks = 0;
    for (size_t i = 0; i < al->n_in; i++) {
        const ind_series *s = al->series[i];
        for (size_t b = 0; s != NULL && b < s->n_breaks; b++)
            al->breaks[al->n_breaks++] = s->breaks[b].ordinal;
    }
    qsort(al->breaks, al->n_breaks, sizeof *al->breaks, cmp_int32);
    size_t u = 0;
    for (size_t b = 0; b < al->n_breaks; b++)
        if (u == 0 || al->breaks[u - 1] != al->breaks[b])
            al->breaks[u++] = al->breaks[b];
    al->n_breaks = u;
    return IND_OK;
}

static unsigned point_flags_of(unsigned value_flags)
{
    unsigned f = 0;
    if (value_flags & IND_VALUE_SUPPRESSED)
        f |= IND_POINT_SUPPRESSED;
    if (value_flags & IND_VALUE_PROVISIONAL)
        f |= IND_POINT_PROVISIONAL;
    return f;
}

static int fill_aligned(const context *cx, aligned *al)
{
    size_t n = al->n;
    al->label = ind_arena_array(cx->arena, n + 1, sizeof *al->label);
    al->ordinal = ind_arena_array(cx->arena, n + 1, sizeof *al->ordinal);
    al->flags = ind_arena_array(cx->arena, n + 1, sizeof *al->flags);
    al->in = ind_arena_array(cx->arena, al->n_in + 1, sizeof *al->in);
    if (!al->label || !al->ordinal || !al->flags || !al->in)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    for (size_t t = 0; t < n; t++) {
        al->ordinal[t] = al->first + (int32_t)t;
        al->flags[t] = IND_POINT_GAP;
    }
    for (size_t i = 0; i < al->n_in; i++) {
        const ind_series *s = al->series[i];
        if (s == NULL)
            continue;
        double *v = ind_arena_array(cx->arena, n + 1, sizeof *v);
        if (v == NULL)
            return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
        for (size_t t = 0; t < n; t++)
            v[t] = NAN;
        for (size_t k = 0; k < s->n; k++) {
            size_t t = (size_t)(s->ordinal[k] - al->first);
            v[t] = s->value[k];
            al->flags[t] &= ~(unsigned)IND_POINT_GAP;
            if (al->label[t] == NULL)
                al->label[t] = s->label[k];
            if (s->flags != NULL)
                al->flags[t] |= point_flags_of(s->flags[k]);
        }
        al->in[i] = v;
    }
    for (size_t t = 0; t < n; t++) {
        if (al->label[t] != NULL)
            continue;
        char buf[IND_PERIOD_LABEL_MAX];
        ind_period p = { al->kind, al->ordinal[t] };
        if (ind_period_label(p, buf, sizeof buf) < 0)
            buf[0] = '\0';
        al->label[t] = ind_arena_strdup(cx->arena, buf);
        if (al->label[t] == NULL)
            return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    }
    for (size_t b = 0; b < al->n_breaks; b++) {
        int64_t t = (int64_t)al->breaks[b] - al->first;
        if (t >= 0 && (size_t)t < n)
            al->flags[t] |= IND_POINT_BREAK;
    }
    return IND_OK;
}

/* ---- naming where a bad computed figure came from ---------------------- */

/* Where input i's value at ordinal o was read: "f.json: $.series[2].values[4]"
** or "f.csv:17". Falls back to the file and area. */
static void describe_origin(const context *cx, const ind_series *s, int32_t o,
                            char *buf, size_t size)
{
    long k = s != NULL ? ind_series_index(s, o) : -1;
    const char *file = s != NULL && s->origin.file != NULL ? s->origin.file
                                                           : file_of(cx->ds);
    if (k < 0) {
        snprintf(buf, size, "%s: area \"%s\"", file, cx->ds->area);
    } else if (s->origin.path != NULL) {
        snprintf(buf, size, "%s: %s.values[%ld]", file, s->origin.path,
                 (long)s->position[k]);
    } else {
        snprintf(buf, size, "%s:%ld", file, (long)s->position[k]);
    }
}

/* The input whose value at t equals x, so a message can name the series the
** plug-in passed through; NULL when the figure was derived. */
static const ind_series *source_of(const aligned *al, size_t t, double x)
{
    for (size_t i = 0; i < al->n_in; i++)
        if (al->in[i] != NULL && al->in[i][t] == x)
            return al->series[i];
    return NULL;
}

/* "numerator above denominator" with both figures traced to their inputs. */
static int above_error(const context *cx, const aligned *al, const ind_entry *e,
                       size_t t, double top, const char *top_name,
                       double bottom, const char *bottom_name, const char *rule)
{
    const ind_series *ts = source_of(al, t, top);
    const ind_series *bs = source_of(al, t, bottom);
    char where[512];
    describe_origin(cx, ts != NULL ? ts : bs, al->ordinal[t], where, sizeof where);
    return ind_error_set(cx->err, IND_EDATA,
                         "%s: %s %.15g (%s) is above %s %.15g (%s) in %s; %s (indicator %s)",
                         where, top_name, top, ts != NULL ? ts->id : "computed",
                         bottom_name, bottom, bs != NULL ? bs->id : "computed",
                         al->label[t], rule, e->indicator->id);
}

/* ---- building measures from outputs ------------------------------------ */

static void init_measure(ind_measure *m, const ind_entry *e, const aligned *al)
{
    const ind_indicator *ind = e->indicator;
    m->id = ind->id;
    m->title = ind->title;
    m->unit = ind->unit;
    m->polarity = ind->polarity;
    m->multiplier = 1;
    m->entry = e;
    m->n = al->n;
    m->period_kind = al->kind;
    m->ordinal = al->ordinal;
    m->label = al->label;
    m->max_lag = ind->max_lag > 0 ? ind->max_lag : 1;
    m->is_flow = al->all_flow;
}

static int alloc_points(const context *cx, ind_measure *m, const aligned *al)
{
    m->point = ind_arena_array(cx->arena, m->n + 1, sizeof *m->point);
    if (m->point == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t t = 0; t < m->n; t++) {
        ind_point *p = &m->point[t];
        p->value = p->numerator = p->denominator = NAN;
        p->lower = p->upper = NAN;
        p->flags = al->flags[t];
    }
    return IND_OK;
}

static int build_count(const context *cx, ind_measure *m, const aligned *al,
                       double *const *out)
{
    m->kind = IND_MEASURE_COUNT;
    int rc = alloc_points(cx, m, al);
    for (size_t t = 0; rc == IND_OK && t < m->n; t++)
        m->point[t].value = out[0][t];
    return rc;
}

/* Proportion, rate or ratio from numerator out[0] and denominator out[1]. */
static int build_quotient(const context *cx, ind_measure *m, const aligned *al,
                          const ind_entry *e, double *const *out)
{
    const ind_indicator *ind = e->indicator;
    m->kind = ind->kind == IND_OUT_PROPORTION ? IND_MEASURE_PROPORTION
            : ind->kind == IND_OUT_RATE       ? IND_MEASURE_RATE
                                              : IND_MEASURE_RATIO;
    if (m->kind != IND_MEASURE_PROPORTION && ind->multiplier > 0)
        m->multiplier = ind->multiplier;
    int rc = alloc_points(cx, m, al);
    if (rc != IND_OK)
        return rc;

    for (size_t t = 0; t < m->n; t++) {
        ind_point *p = &m->point[t];
        double k = out[0][t], d = out[1][t];
        p->numerator = k;
        p->denominator = d;
        if (isnan(k) || isnan(d))
            continue;
        if (m->kind != IND_MEASURE_RATIO && (k < 0 || d < 0))
            return ind_error_set(cx->err, IND_EDATA,
                                 "%s: area \"%s\": indicator %s in %s has a negative %s (%.15g)",
                                 file_of(cx->ds), cx->ds->area, ind->id, al->label[t],
                                 k < 0 ? "numerator" : "denominator", k < 0 ? k : d);
        if (m->kind == IND_MEASURE_PROPORTION && k > d)
            return above_error(cx, al, e, t, k, "numerator", d, "denominator",
                               "a proportion's numerator cannot exceed its denominator");
        if (d == 0)
            continue; /* no value: 0 of 0 is not a proportion */
        switch (m->kind) {
        case IND_MEASURE_PROPORTION:
            p->value = k / d;
            rc = ind_ratio_wilson(k, d, cx->level, &p->lower, &p->upper);
            break;
        case IND_MEASURE_RATE:
            rc = ind_ratio_rate(k, d, m->multiplier, cx->level, &p->value,
                                &p->lower, &p->upper);
            break;
        default:
            p->value = k / d * m->multiplier;
            break;
        }
        if (rc != IND_OK)
            return ind_error_set(cx->err, IND_ENUMERIC,
                                 "%s: area \"%s\": indicator %s in %s: no interval for %.15g of %.15g",
                                 file_of(cx->ds), cx->ds->area, ind->id, al->label[t], k, d);
    }
    return IND_OK;
}

static char *stage_title(ind_arena *a, const char *from, const char *to,
                         int overall)
{
    size_t size = strlen(from) + strlen(to) + 16;
    char *s = ind_arena_alloc(a, size);
    if (s == NULL)
        return NULL;
    snprintf(s, size, "%s to %s%s", from, to, overall ? ", overall" : "");
    s[0] = (char)toupper((unsigned char)s[0]);
    return s;
}

static char *stage_id(ind_arena *a, const char *indicator, const char *from,
                      const char *to)
{
    size_t size = strlen(indicator) + strlen(from) + strlen(to) + 8;
    char *s = ind_arena_alloc(a, size);
    if (s == NULL)
        return NULL;
    snprintf(s, size, "%s.%s_to_%s", indicator, from, to);
    for (char *c = s + strlen(indicator); *c != '\0'; c++)
        if (*c == ' ')
            *c = '_';
    return s;
}

/* Stage s + 1 above stage s anywhere is an input error. */
static int check_funnel(const context *cx, const aligned *al, const ind_entry *e,
                        double *const *out)
{
    const char *const *stages = e->indicator->stages;
    for (size_t t = 0; t < al->n; t++)
        for (size_t s = 0; s + 1 < e->n_outputs; s++) {
            double hi = out[s + 1][t], lo = out[s][t];
            if (!isnan(hi) && !isnan(lo) && hi > lo)
                return above_error(cx, al, e, t, hi, stages[s + 1], lo, stages[s],
                                   "a later stage of a process cannot exceed an earlier one");
        }
    return IND_OK;
}

static void set_conversion(ind_point *p, const ind_conversion *c)
{
    p->numerator = c->k;
    p->denominator = c->n;
    p->value = c->value;
    p->lower = c->lower;
    p->upper = c->upper;
}

/* A funnel of k stages gives k - 1 conversions and the overall one. */
static int build_funnel(const context *cx, ind_measure *ms, const aligned *al,
                        const ind_entry *e, double *const *out)
{
    int rc = check_funnel(cx, al, e, out);
    if (rc != IND_OK)
        return rc;
    const char *const *stages = e->indicator->stages;
    size_t k = e->n_outputs;
    for (size_t j = 0; j < k; j++) {
        ind_measure *m = &ms[j];
        int overall = j == k - 1;
        size_t from = overall ? 0 : j, to = overall ? k - 1 : j + 1;
        init_measure(m, e, al);
        m->kind = IND_MEASURE_PROPORTION;
        m->is_overall = overall;
        m->stage_from = stages[from];
        m->stage_to = stages[to];
        m->id = stage_id(cx->arena, e->indicator->id, stages[from], stages[to]);
        m->title = stage_title(cx->arena, stages[from], stages[to], overall);
        if (m->id == NULL || m->title == NULL)
            return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
        if ((rc = alloc_points(cx, m, al)) != IND_OK)
            return rc;
    }

    double *counts = ind_arena_array(cx->arena, k, sizeof *counts);
    ind_conversion *step = ind_arena_array(cx->arena, k, sizeof *step);
    if (counts == NULL || step == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t t = 0; t < al->n; t++) {
        ind_conversion overall;
        for (size_t s = 0; s < k; s++)
            counts[s] = out[s][t];
        if (ind_ratio_funnel(k, counts, cx->level, step, &overall, cx->err) != IND_OK)
            return ind_error_prefix(cx->err, "%s: area \"%s\": %s in %s", file_of(cx->ds),
                                    cx->ds->area, e->indicator->id, al->label[t]);
        for (size_t j = 0; j + 1 < k; j++)
            set_conversion(&ms[j].point[t], &step[j]);
        set_conversion(&ms[k - 1].point[t], &overall);
    }
    return IND_OK;
}

/* ---- the generic analysis of one measure -------------------------------- */

/* The first index of the segment that contains index t: the periods since
** the last break at or before t. */
static size_t segment_start(const ind_measure *m, size_t t)
{
    while (t > 0 && !(m->point[t].flags & IND_POINT_BREAK))
        t--;
    return t;
}

static int crosses_break(const ind_measure *m, size_t from, size_t to)
{
    for (size_t t = from + 1; t <= to; t++)
        if (m->point[t].flags & IND_POINT_BREAK)
            return 1;
    return 0;
}

static int analyse_changes(const context *cx, ind_measure *m)
{
    size_t lags = (size_t)m->max_lag, n = m->n;
    m->change = ind_arena_array(cx->arena, n * lags + 1, sizeof *m->change);
    m->across_break = ind_arena_array(cx->arena, n * lags + 1, 1);
    m->run = ind_arena_array(cx->arena, n + 1, sizeof *m->run);
    double *v = ind_arena_array(cx->arena, n + 1, sizeof *v);
    if (!m->change || !m->across_break || !m->run || !v)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    for (size_t t = 0; t < n; t++) {
        v[t] = m->point[t].value;
        for (size_t lag = 1; lag <= lags; lag++) {
            ind_change *c = &m->change[t * lags + lag - 1];
            if (t < lag) {
                c->status = IND_CHANGE_MISSING;
                c->from = c->to = c->absolute = c->percent = NAN;
                continue;
            }
            *c = ind_change_between(v[t - lag], v[t]);
            m->across_break[t * lags + lag - 1] = (unsigned char)crosses_break(m, t - lag, t);
        }
    }
    /* Runs restart at each break: a rise across a change of definition is
    ** not a rise. */
    for (size_t start = 0; start < n;) {
        size_t end = start + 1;
        while (end < n && !(m->point[end].flags & IND_POINT_BREAK))
            end++;
        ind_change_runs(v + start, end - start, m->run + start);
        start = end;
    }
    return IND_OK;
}

static void analyse_since_first(ind_measure *m)
{
    size_t first = m->n, last = m->n;
    for (size_t t = 0; t < m->n; t++) {
        if (isnan(m->point[t].value))
            continue;
        if (first == m->n)
            first = t;
        last = t;
    }
    if (first == m->n || first == last) {
        m->since_first = ind_change_between(NAN, NAN);
        m->since_first_from = m->since_first_to = 0;
        return;
    }
    m->since_first = ind_change_between(m->point[first].value, m->point[last].value);
    m->since_first_from = first;
    m->since_first_to = last;
    m->since_first_across_break = crosses_break(m, first, last);
}

static void analyse_cagr(ind_measure *m)
{
    m->cagr_status = IND_EDOMAIN;
    m->cagr = NAN;
    if (m->kind == IND_MEASURE_PROPORTION || m->n == 0)
        return;
    size_t start = segment_start(m, m->n - 1);
    size_t first = m->n, last = m->n;
    for (size_t t = start; t < m->n; t++) {
        if (isnan(m->point[t].value))
            continue;
        if (first == m->n)
            first = t;
        last = t;
    }
    if (first == m->n || first == last)
        return;
    double years = (double)(last - first) / ind_period_per_year(m->period_kind);
    if (ind_change_cagr(m->point[first].value, m->point[last].value, years,
                        &m->cagr) == IND_OK) {
        m->cagr_status = IND_OK;
        m->cagr_first = first;
        m->cagr_last = last;
    }
}

/* Keeps a projection inside what the measure can be: counts, rates and
** ratios are never negative, proportions stay in [0, 1]. */
static void clamp_projection(ind_trend_line *tl, ind_measure_kind kind)
{
    double lo = 0, hi = kind == IND_MEASURE_PROPORTION ? 1 : INFINITY;
    double *v[3] = { &tl->projection, &tl->lower, &tl->upper };
    for (int i = 0; i < 3; i++) {
        if (*v[i] < lo) {
            *v[i] = lo;
            tl->clamped = 1;
        } else if (*v[i] > hi) {
            *v[i] = hi;
            tl->clamped = 1;
        }
    }
}

static int analyse_trend(const context *cx, ind_measure *m, double *x)
{
    ind_trend_line *tl = &m->trend;
    tl->status = IND_EDOMAIN;
    tl->slope = tl->slope_se = tl->slope_p = tl->intercept = NAN;
    tl->projection = tl->lower = tl->upper = NAN;
    tl->next.kind = m->period_kind;
    tl->next.ordinal = m->n > 0 ? m->ordinal[m->n - 1] + 1 : 0;
    if (ind_period_label(tl->next, tl->next_label, sizeof tl->next_label) < 0)
        tl->next_label[0] = '\0';
    if (m->n == 0) {
        tl->note = "no values";
        return IND_OK;
    }

    size_t start = segment_start(m, m->n - 1);
    double *y = x + m->n;
    size_t used = 0;
    for (size_t t = start; t < m->n; t++) {
        x[t - start] = (double)(t - start);
        y[t - start] = m->point[t].value;
        used += !isnan(y[t - start]);
    }
    tl->first = start;
    tl->last = m->n - 1;
    tl->n_used = used;
    if (used < IND_TREND_MIN_POINTS) {
        char buf[160];
        snprintf(buf, sizeof buf, "needs at least %d values%s; has %zu",
                 IND_TREND_MIN_POINTS, start > 0 ? " after the last break" : "", used);
        tl->note = ind_arena_strdup(cx->arena, buf);
        return IND_OK;
    }

    ind_ols fit;
    if (ind_trend_ols(x, y, m->n - start, &fit, NULL) != IND_OK) {
        tl->note = "the values do not determine a line";
        return IND_OK;
    }
    tl->status = IND_OK;
    tl->slope = fit.slope;
    tl->slope_se = fit.slope_se;
    tl->slope_p = ind_trend_slope_p(&fit);
    tl->intercept = fit.intercept;
    if (ind_trend_predict(&fit, (double)(m->n - start), cx->level, &tl->projection,
                          &tl->lower, &tl->upper) != IND_OK)
        return ind_error_set(cx->err, IND_ENUMERIC, "%s: prediction failed", m->id);
    clamp_projection(tl, m->kind);
    if (start > 0) {
        char buf[160];
        snprintf(buf, sizeof buf, "fitted from %s, after a change of definition",
                 m->label[start]);
        tl->note = ind_arena_strdup(cx->arena, buf);
    }
    return IND_OK;
}

/* Index of t within its financial year: quarters count from Q1 (April to
** June), months from April. */
static size_t position_in_year(const ind_measure *m, size_t t)
{
    int32_t o = m->ordinal[t];
    if (m->period_kind == IND_PERIOD_FINANCIAL_QUARTER)
        return (size_t)(((o % 4) + 4) % 4);
    return (size_t)((((o - 3) % 12) + 12) % 12);
}

static void interval_of(const context *cx, const ind_measure *m, ind_point *p)
{
    if (m->kind == IND_MEASURE_PROPORTION && p->denominator > 0)
        ind_ratio_wilson(p->numerator, p->denominator, cx->level, &p->lower, &p->upper);
    else if (m->kind == IND_MEASURE_RATE && p->denominator > 0)
        ind_ratio_rate(p->numerator, p->denominator, m->multiplier, cx->level,
                       &p->value, &p->lower, &p->upper);
}

static void sum_year_to_date(const context *cx, const ind_measure *m, size_t t,
                             ind_point *ytd)
{
    size_t pos = position_in_year(m, t);
    ytd->value = ytd->numerator = ytd->denominator = NAN;
    ytd->lower = ytd->upper = NAN;
    ytd->flags = 0;
    if (pos > t)
        return; /* the year began before the data */
    double value = 0, num = 0, den = 0;
    for (size_t u = t - pos; u <= t; u++) {
        const ind_point *p = &m->point[u];
        ytd->flags |= p->flags & (IND_POINT_SUPPRESSED | IND_POINT_PROVISIONAL | IND_POINT_BREAK);
        value += p->value;
        num += p->numerator;
        den += p->denominator;
    }
    if (m->kind == IND_MEASURE_COUNT) {
        ytd->value = value;
        return;
    }
    ytd->numerator = num;
    ytd->denominator = den;
    if (isnan(num) || isnan(den) || den == 0)
        return;
    ytd->value = m->kind == IND_MEASURE_PROPORTION ? num / den : num / den * m->multiplier;
    interval_of(cx, m, ytd);
}

static int analyse_year_to_date(const context *cx, ind_measure *m)
{
    if (!m->is_flow || (m->period_kind != IND_PERIOD_FINANCIAL_QUARTER &&
                        m->period_kind != IND_PERIOD_MONTH))
        return IND_OK;
    m->ytd = ind_arena_array(cx->arena, m->n + 1, sizeof *m->ytd);
    if (m->ytd == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t t = 0; t < m->n; t++)
        sum_year_to_date(cx, m, t, &m->ytd[t]);
    return IND_OK;
}

static int analyse_measure(const context *cx, ind_measure *m, double *scratch)
{
    int rc = analyse_changes(cx, m);
    if (rc == IND_OK)
        rc = analyse_year_to_date(cx, m);
    if (rc != IND_OK)
        return rc;
    analyse_since_first(m);
    analyse_cagr(m);
    return analyse_trend(cx, m, scratch);
}

/* ---- one indicator ------------------------------------------------------ */

static size_t measures_of(const ind_entry *e)
{
    return e->indicator->kind == IND_OUT_FUNNEL ? e->n_outputs : 1;
}

static int run_indicator(const context *cx, const ind_entry *e, ind_measure *ms)
{
    aligned al;
    memset(&al, 0, sizeof al);
    int rc = collect_inputs(cx, e, &al);
    if (rc == IND_OK)
        rc = find_span(cx, e, &al);
    if (rc == IND_OK)
        rc = fill_aligned(cx, &al);
    if (rc != IND_OK)
        return rc;

    double **out = ind_arena_array(cx->arena, e->n_outputs + 1, sizeof *out);
    if (out == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t j = 0; j < e->n_outputs; j++)
        if ((out[j] = ind_arena_array(cx->arena, al.n + 1, sizeof **out)) == NULL)
            return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    rc = ind_registry_compute(cx->reg, e, cx->ds->area, al.n, al.label,
                              (const double *const *)al.in, out, cx->err);
    if (rc != IND_OK)
        return ind_error_prefix(cx->err, "%s: area \"%s\"", file_of(cx->ds), cx->ds->area);

    switch (e->indicator->kind) {
    case IND_OUT_FUNNEL:
        rc = build_funnel(cx, ms, &al, e, out);
        break;
    case IND_OUT_COUNT:
        init_measure(ms, e, &al);
        rc = build_count(cx, ms, &al, out);
        break;
    default:
        init_measure(ms, e, &al);
        rc = build_quotient(cx, ms, &al, e, out);
        break;
    }
    if (rc != IND_OK)
        return rc;

    double *scratch = ind_arena_array(cx->arena, 2 * al.n + 2, sizeof *scratch);
    if (scratch == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t j = 0; j < measures_of(e); j++)
        if ((rc = analyse_measure(cx, &ms[j], scratch)) != IND_OK)
            return rc;
    return IND_OK;
}

/* ---- the public entry points ------------------------------------------ */

static int copy_identity(ind_result *r, const ind_dataset *ds, double level)
{
    r->area = ind_arena_strdup(r->arena, ds->area);
    r->code = ind_arena_strdup(r->arena, ds->code);
    r->source = ind_arena_strdup(r->arena, ds->source);
    r->file = ind_arena_strdup(r->arena, ds->file);
    r->level = level;
    return r->area != NULL ? IND_OK : IND_ENOMEM;
}

int ind_analyse(const ind_registry *reg, const ind_dataset *ds,
                const ind_analysis_opts *opts, ind_result **out, ind_error *err)
{
    static const ind_analysis_opts defaults = { 0, NULL, 0 };
    *out = NULL;
    if (reg == NULL || ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_analyse: registry and dataset are required");
    if (opts == NULL)
        opts = &defaults;
    double level = opts->level > 0 ? opts->level : DEFAULT_LEVEL;
    if (!(level > 0 && level < 1))
        return ind_error_set(err, IND_EINVAL, "confidence level %g is not between 0 and 1", level);

    ind_arena *arena = ind_arena_new(0);
    ind_result *r = arena != NULL ? ind_arena_alloc(arena, sizeof *r) : NULL;
    if (r == NULL) {
        ind_arena_free(arena);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    r->arena = arena;
    context cx = { reg, ds, level, arena, err };

    const ind_entry **entries = NULL;
    size_t n_entries = 0;
    int rc = copy_identity(r, ds, level);
    if (rc != IND_OK)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK)
        rc = select_entries(&cx, opts, &entries, &n_entries);
    if (rc != IND_OK) {
        ind_result_free(r);
        return rc;
    }

    size_t n_measures = 0;
    for (size_t i = 0; i < n_entries; i++)
        n_measures += measures_of(entries[i]);
    r->indicator = ind_arena_array(arena, n_entries + 1, sizeof *r->indicator);
    r->measure = ind_arena_array(arena, n_measures + 1, sizeof *r->measure);
    if (r->indicator == NULL || r->measure == NULL) {
        ind_result_free(r);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }

    for (size_t i = 0; i < n_entries; i++) {
        const ind_entry *e = entries[i];
        const ind_loaded_plugin *pl = ind_registry_plugin(reg, e->plugin);
        ind_indicator_result *ir = &r->indicator[r->n_indicators++];
        ir->entry = e;
        ir->plugin_name = pl->descriptor->name;
        ir->plugin_version = pl->descriptor->version;
        ir->first_measure = r->n_measures;
        ir->n_measures = measures_of(e);
        rc = run_indicator(&cx, e, &r->measure[r->n_measures]);
        if (rc != IND_OK) {
            ind_result_free(r);
            return rc;
        }
        r->n_measures += ir->n_measures;
    }
    *out = r;
    return IND_OK;
}

void ind_result_free(ind_result *r)
{
    if (r != NULL)
        ind_arena_free(r->arena);
}

const ind_change *ind_measure_change(const ind_measure *m, size_t t, int lag)
{
    if (lag < 1 || lag > m->max_lag || t < (size_t)lag || t >= m->n)
        return NULL;
    return &m->change[t * (size_t)m->max_lag + (size_t)lag - 1];
}

const char *ind_measure_kind_name(ind_measure_kind kind)
{
    switch (kind) {
    case IND_MEASURE_COUNT: return "count";
    case IND_MEASURE_PROPORTION: return "proportion";
    case IND_MEASURE_RATE: return "rate";
    case IND_MEASURE_RATIO: return "ratio";
    }
    return "?";
}
