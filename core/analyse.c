/*
** analyse.c: one area's dataset through every applicable indicator.
**
** The steps for each indicator: find its input series, align them on one
** run of consecutive periods (gaps become missing values), let the plug-in
** compute its outputs, check what only computed figures can break (a
** numerator above its denominator), turn the outputs into measures, and
** analyse each measure generically: interval per period, changes against
** earlier periods with a test of each, runs, growth since the first value,
** a straight-line trend, trend tests, a projection by the method asked for
** and an XmR chart. Nothing statistical is fitted across a break in the
** definition of any input, and no change across one is tested.
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
#include "indicate/signif.h"
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
    ind_projection_method method;
    size_t horizon;
    int no_screen;
    unsigned skip;             /* IND_SKIP_* */
    int signed_values;         /* a raw series that may be negative */
    ind_holt_workspace *holt;  /* one for the whole analysis */
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
static int find_span(const context *cx, const char *kind, const char *what, aligned *al)
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
                             "%s: area \"%s\": the inputs of %s %s span %zu periods, "
                             "more than the limit of %d",
                             file_of(cx->ds), cx->ds->area, kind, what, al->n,
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

/* ---- significance of a change ---------------------------------------------- */

static int whole_number(double x)
{
    return isfinite(x) && x >= 0 && x == floor(x);
}

/* Counts of events can be tested as Poisson counts; amounts (hours,
** pounds) cannot. */
static int counts_events(const ind_measure *m)
{
    return m->unit == NULL || strcmp(m->unit, "count") == 0;
}

static void not_tested(ind_significance *sg, const char *why)
{
    sg->verdict = IND_VERDICT_NOT_TESTED;
    sg->method = NULL;
    sg->note = why;
    sg->estimate = sg->lower = sg->upper = sg->p = NAN;
}

/* Why a pair of points cannot be tested, or NULL when it can. */
static const char *untestable(const ind_measure *m, const ind_point *a, const ind_point *b,
                              int across)
{
    if (isnan(a->value) || isnan(b->value))
        return "a value is missing";
    if (across)
        return "the periods straddle a change of definition, so they are not comparable";
    switch (m->kind) {
    case IND_MEASURE_COUNT:
        if (!counts_events(m))
            return "an amount, not a count of events: no Poisson test applies";
        if (!whole_number(a->value) || !whole_number(b->value))
            return "not whole numbers: no Poisson test applies";
        return NULL;
    case IND_MEASURE_RATE:
        if (!whole_number(a->numerator) || !whole_number(b->numerator))
            return "events are not whole numbers: no Poisson test applies";
        return NULL;
    case IND_MEASURE_PROPORTION:
        return NULL;
    default:
        return "a ratio of two amounts: no test of change applies";
    }
}

static void test_change(const context *cx, const ind_measure *m, size_t from, size_t to,
                        int across, ind_significance *sg)
{
    const ind_point *a = &m->point[from], *b = &m->point[to];
    const char *why = untestable(m, a, b, across);
    if (why != NULL) {
        not_tested(sg, why);
        return;
    }
    ind_signif_test st;
    int rc;
    if (m->kind == IND_MEASURE_PROPORTION) {
        sg->method = "newcombe-difference";
        rc = ind_signif_prop_diff(a->numerator, a->denominator, b->numerator, b->denominator,
                                  cx->level, &st, NULL);
    } else {
        int rate = m->kind == IND_MEASURE_RATE;
        sg->method = "poisson-rate-ratio";
        rc = ind_signif_rate_ratio(rate ? a->numerator : a->value, rate ? a->denominator : 1,
                                   rate ? b->numerator : b->value, rate ? b->denominator : 1,
                                   cx->level, &st, NULL);
    }
    if (rc != IND_OK) {
        not_tested(sg, rc == IND_EDOMAIN ? "no events in either period: nothing to test"
                                         : "counts too large for the exact test");
        return;
    }
    sg->estimate = st.estimate;
    sg->lower = st.lower;
    sg->upper = st.upper;
    sg->p = st.p;
    sg->verdict = st.direction > 0   ? IND_VERDICT_HIGHER
                  : st.direction < 0 ? IND_VERDICT_LOWER
                                     : IND_VERDICT_NO_CHANGE;
    sg->note = st.disagree ? "the interval and the test disagree at this level, so the "
                             "change is not called significant"
                           : NULL;
}

static int analyse_changes(const context *cx, ind_measure *m)
{
    size_t lags = (size_t)m->max_lag, n = m->n;
    m->change = ind_arena_array(cx->arena, n * lags + 1, sizeof *m->change);
    int testing = !(cx->skip & IND_SKIP_SIGNIFICANCE);
    m->significance = testing ? ind_arena_array(cx->arena, n * lags + 1,
                                                sizeof *m->significance)
                              : NULL;
    m->across_break = ind_arena_array(cx->arena, n * lags + 1, 1);
    m->run = ind_arena_array(cx->arena, n + 1, sizeof *m->run);
    double *v = ind_arena_array(cx->arena, n + 1, sizeof *v);
    if (!m->change || (testing && !m->significance) || !m->across_break || !m->run || !v)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    for (size_t t = 0; t < n; t++) {
        v[t] = m->point[t].value;
        for (size_t lag = 1; lag <= lags; lag++) {
            ind_change *c = &m->change[t * lags + lag - 1];
            ind_significance *sg = testing ? &m->significance[t * lags + lag - 1] : NULL;
            if (t < lag) {
                c->status = IND_CHANGE_MISSING;
                c->from = c->to = c->absolute = c->percent = NAN;
                if (sg != NULL)
                    not_tested(sg, NULL);
                continue;
            }
            *c = ind_change_between(v[t - lag], v[t]);
            int across = crosses_break(m, t - lag, t);
            m->across_break[t * lags + lag - 1] = (unsigned char)across;
            if (sg != NULL)
                test_change(cx, m, t - lag, t, across, sg);
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
    ind_period here = { m->period_kind, m->ordinal[t] };
    size_t pos = (size_t)ind_period_position_in_year(here);
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

/* ---- trend tests, projection, SPC ------------------------------------------- */

/* A message from a failed test, kept in the arena ("too few values" and the
** like), with the break it follows when there is one. */
static const char *note_of(const context *cx, const ind_measure *m, size_t start,
                           const char *what)
{
    char buf[IND_ERROR_MAX + 96];
    if (start > 0)
        snprintf(buf, sizeof buf, "%s; values from %s on, after a change of definition", what,
                 m->label[start]);
    else
        snprintf(buf, sizeof buf, "%s", what);
    return ind_arena_strdup(cx->arena, buf);
}

static int analyse_tests(const context *cx, ind_measure *m)
{
    ind_trend_tests *tt = &m->tests;
    size_t start = m->n > 0 ? segment_start(m, m->n - 1) : 0, len = m->n - start;
    tt->first = start;
    tt->last = m->n > 0 ? m->n - 1 : 0;
    double *x = ind_arena_array(cx->arena, 4 * len + 1, sizeof *x);
    double *work = ind_arena_array(cx->arena, ind_trendtest_sen_work(len), sizeof *work);
    if (x == NULL || work == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    double *y = x + len, *k = y + len, *d = k + len;
    for (size_t t = 0; t < len; t++) {
        const ind_point *p = &m->point[start + t];
        x[t] = (double)t;
        y[t] = p->value;
        k[t] = isnan(p->value) ? NAN : p->numerator;
        d[t] = isnan(p->value) ? NAN : p->denominator;
    }
    ind_error e = { 0 };
    tt->mk_status = ind_trendtest_mann_kendall(y, len, &tt->mk, &e);
    tt->mk_note = tt->mk_status == IND_OK ? NULL : note_of(cx, m, start, e.message);
    tt->sen_status = ind_trendtest_sen(x, y, len, cx->level, work, &tt->sen, &e);
    tt->sen_note = tt->sen_status == IND_OK ? NULL : note_of(cx, m, start, e.message);
    if (m->kind != IND_MEASURE_PROPORTION) {
        tt->ca_status = IND_EDOMAIN;
        tt->ca_note = "for proportions only";
        return IND_OK;
    }
    tt->ca_status = ind_trendtest_cochran_armitage(k, d, x, len, &tt->ca, &e);
    tt->ca_note = tt->ca_status == IND_OK ? NULL : note_of(cx, m, start, e.message);
    return IND_OK;
}

static int projection_arrays(const context *cx, ind_measure_projection *mp, size_t h)
{
    mp->value = ind_arena_array(cx->arena, 3 * h + 1, sizeof *mp->value);
    mp->clamped = ind_arena_array(cx->arena, h + 1, 1);
    const char **label = ind_arena_array(cx->arena, h + 1, sizeof *label);
    if (mp->value == NULL || mp->clamped == NULL || label == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    mp->lower = mp->value + h;
    mp->upper = mp->lower + h;
    mp->label = label;
    return IND_OK;
}

static int label_projection(const context *cx, const ind_measure *m, ind_measure_projection *mp)
{
    const char **label = (const char **)mp->label;
    for (size_t h = 0; h < mp->fit.horizon; h++) {
        char buf[IND_PERIOD_LABEL_MAX];
        ind_period p = { m->period_kind, m->ordinal[m->n - 1] + (int32_t)h + 1 };
        if (ind_period_label(p, buf, sizeof buf) < 0)
            buf[0] = '\0';
        if ((label[h] = ind_arena_strdup(cx->arena, buf)) == NULL)
            return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    }
    return IND_OK;
}

static int analyse_projection(const context *cx, ind_measure *m)
{
    ind_measure_projection *mp = &m->projection;
    size_t h = cx->horizon;
    int rc = projection_arrays(cx, mp, h);
    if (rc != IND_OK)
        return rc;
    if (m->n == 0) {
        mp->fit.status = IND_EDOMAIN;
        mp->fit.requested = mp->fit.method = cx->method;
        mp->note = "no values";
        return IND_OK;
    }
    size_t start = segment_start(m, m->n - 1), len = m->n - start;
    double *y = ind_arena_array(cx->arena, len + ind_project_work(len), sizeof *y);
    if (y == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    for (size_t t = 0; t < len; t++)
        y[t] = m->point[start + t].value;
    ind_projection_opts po = { cx->method, h, cx->level, 0, INFINITY };
    if (m->kind == IND_MEASURE_PROPORTION)
        po.ceiling = 1;
    if (cx->signed_values)
        po.floor = -INFINITY;
    rc = ind_project(y, len, &po, cx->holt, y + len, &mp->fit, mp->value, mp->lower,
                     mp->upper, mp->clamped, cx->err);
    if (rc != IND_OK)
        return ind_error_prefix(cx->err, "%s", m->id);
    mp->fit.first += start;
    mp->fit.last += start;
    mp->note = note_of(cx, m, start, mp->fit.note);
    if (mp->note == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    return label_projection(cx, m, mp);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The indices where limits restart: every break, and every rebase asked
** for (a rebase at the first period changes nothing). */
static int rebase_points(ind_arena *a, const ind_measure *m, const ind_spc_request *rq,
                         size_t **out, size_t *n_out, ind_error *err)
{
    size_t *idx = ind_arena_array(a, m->n + rq->n_rebase + 1, sizeof *idx);
    if (idx == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t t = 1; t < m->n; t++)
        if (m->point[t].flags & IND_POINT_BREAK)
            idx[k++] = t;
    for (size_t i = 0; i < rq->n_rebase; i++) {
        int64_t t = m->n > 0 ? (int64_t)rq->rebase[i] - m->ordinal[0] : -1;
        if (t < 0 || t >= (int64_t)m->n) {
            char buf[IND_PERIOD_LABEL_MAX];
            ind_period p = { m->period_kind, rq->rebase[i] };
            if (ind_period_label(p, buf, sizeof buf) < 0)
                buf[0] = '\0';
            return ind_error_set(err, IND_ENOTFOUND, "%s: period %s is not in the series (%s to %s)",
                                 m->id, buf, m->n ? m->label[0] : "", m->n ? m->label[m->n - 1] : "");
        }
        if (t > 0)
            idx[k++] = (size_t)t;
    }
    qsort(idx, k, sizeof *idx, cmp_size);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || idx[u - 1] != idx[i])
            idx[u++] = idx[i];
    *out = idx;
    *n_out = u;
    return IND_OK;
}

static const char *spc_note(ind_arena *a, const ind_measure *m, const ind_spc_chart *c)
{
    const ind_spc_segment *last = &c->segment[c->n_segments - 1];
    char buf[256];
    size_t len = 0;
    buf[0] = '\0';
    if (c->n_segments > 1)
        len += (size_t)snprintf(buf, sizeof buf, "limits recalculated from %s",
                                m->label[last->first]);
    if (last->status != IND_OK)
        snprintf(buf + len, sizeof buf - len, "%sthe latest segment has too few values for limits",
                 len ? "; " : "");
    else if (last->is_short)
        snprintf(buf + len, sizeof buf - len, "%slimits from %zu values (fewer than %d): "
                 "treat them as provisional", len ? "; " : "", last->values, IND_SPC_SHORT);
    return buf[0] ? ind_arena_strdup(a, buf) : NULL;
}

static int spc_compute(ind_arena *a, ind_measure *m, const ind_spc_request *rq, ind_error *err)
{
    ind_measure_spc *sp = &m->spc;
    size_t *rebase = NULL, n_rebase = 0;
    int rc = rebase_points(a, m, rq, &rebase, &n_rebase, err);
    if (rc != IND_OK)
        return rc;
    double *y = ind_arena_array(a, m->n + 1, sizeof *y);
    sp->chart.point = ind_arena_array(a, m->n + 1, sizeof *sp->chart.point);
    sp->chart.segment = ind_arena_array(a, n_rebase + 1, sizeof *sp->chart.segment);
    if (y == NULL || sp->chart.point == NULL || sp->chart.segment == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (size_t t = 0; t < m->n; t++)
        y[t] = m->point[t].value;
    ind_spc_opts so = { m->polarity, rq->no_screen, rebase, n_rebase, rq->target };
    sp->target = rq->target;
    sp->screened = !rq->no_screen;
    if ((rc = ind_spc_xmr(y, m->n, &so, &sp->chart, err)) != IND_OK)
        return rc;
    sp->status = IND_EDOMAIN;
    for (size_t s = 0; s < sp->chart.n_segments; s++)
        if (sp->chart.segment[s].status == IND_OK)
            sp->status = IND_OK;
    sp->note = sp->status == IND_OK ? spc_note(a, m, &sp->chart)
                                    : "needs at least two consecutive values for limits";
    return IND_OK;
}

#define SKIPPED "not computed: left out of this run"

static void skip_tests(ind_measure *m)
{
    ind_trend_tests *tt = &m->tests;
    tt->first = m->n > 0 ? segment_start(m, m->n - 1) : 0;
    tt->last = m->n > 0 ? m->n - 1 : 0;
    tt->mk_status = tt->sen_status = tt->ca_status = IND_EDOMAIN;
    tt->mk_note = tt->sen_note = tt->ca_note = SKIPPED;
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
    if ((rc = analyse_trend(cx, m, scratch)) != IND_OK)
        return rc;
    if (cx->skip & IND_SKIP_TREND_TESTS)
        skip_tests(m);
    else if ((rc = analyse_tests(cx, m)) != IND_OK)
        return rc;
    if ((rc = analyse_projection(cx, m)) != IND_OK)
        return rc;
    if (cx->skip & IND_SKIP_SPC) {
        m->spc.status = IND_EDOMAIN;
        m->spc.note = SKIPPED;
        m->spc.target = NAN;
        return IND_OK;
    }
    ind_spc_request rq = { NULL, 0, NAN, cx->no_screen };
    return spc_compute(cx->arena, m, &rq, cx->err);
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
        rc = find_span(cx, "indicator", e->indicator->id, &al);
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
    r->is_aggregate = ds->is_aggregate;
    r->level = level;
    return r->area != NULL ? IND_OK : IND_ENOMEM;
}

/* Checks the options and makes the result, its arena and the context. */
static int begin(const ind_registry *reg, const ind_dataset *ds,
                 const ind_analysis_opts *opts, ind_result **out, context *cx,
                 ind_error *err)
{
    *out = NULL;
    double level = opts->level > 0 ? opts->level : DEFAULT_LEVEL;
    if (!(level > 0 && level < 1))
        return ind_error_set(err, IND_EINVAL, "confidence level %g is not between 0 and 1", level);
    size_t horizon = opts->horizon > 0 ? opts->horizon : 1;
    if (horizon > IND_PROJECT_MAX_HORIZON)
        return ind_error_set(err, IND_EINVAL, "a horizon of %zu periods is more than %d",
                             horizon, IND_PROJECT_MAX_HORIZON);
    if (ind_projection_method_name(opts->method) == NULL)
        return ind_error_set(err, IND_EINVAL, "unknown projection method %d", (int)opts->method);

    ind_arena *arena = ind_arena_new(0);
    ind_result *r = arena != NULL ? ind_arena_alloc(arena, sizeof *r) : NULL;
    ind_holt_workspace *holt = ind_holt_workspace_new();
    if (r == NULL || holt == NULL) {
        ind_arena_free(arena);
        ind_holt_workspace_free(holt);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    r->arena = arena;
    *cx = (context){ reg, ds, level, arena, err, opts->method, horizon, opts->no_screen,
                     opts->skip, 0, holt };
    if (copy_identity(r, ds, level) != IND_OK) {
        ind_result_free(r);
        ind_holt_workspace_free(holt);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    *out = r;
    return IND_OK;
}

/* Frees what the analysis needed and, on failure, the result. */
static int finish(const context *cx, ind_result *r, int rc, ind_result **out)
{
    ind_holt_workspace_free(cx->holt);
    if (rc != IND_OK) {
        ind_result_free(r);
        return rc;
    }
    *out = r;
    return IND_OK;
}

static int run_all(const context *cx, ind_result *r, const ind_analysis_opts *opts)
{
    const ind_entry **entries = NULL;
    size_t n_entries = 0;
    int rc = select_entries(cx, opts, &entries, &n_entries);
    if (rc != IND_OK)
        return rc;
    size_t n_measures = 0;
    for (size_t i = 0; i < n_entries; i++)
        n_measures += measures_of(entries[i]);
    r->indicator = ind_arena_array(cx->arena, n_entries + 1, sizeof *r->indicator);
    r->measure = ind_arena_array(cx->arena, n_measures + 1, sizeof *r->measure);
    if (r->indicator == NULL || r->measure == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");

    for (size_t i = 0; i < n_entries; i++) {
        const ind_entry *e = entries[i];
        const ind_loaded_plugin *pl = ind_registry_plugin(cx->reg, e->plugin);
        ind_indicator_result *ir = &r->indicator[r->n_indicators++];
        ir->entry = e;
        ir->plugin_name = pl->descriptor->name;
        ir->plugin_version = pl->descriptor->version;
        ir->first_measure = r->n_measures;
        ir->n_measures = measures_of(e);
        if ((rc = run_indicator(cx, e, &r->measure[r->n_measures])) != IND_OK)
            return rc;
        r->n_measures += ir->n_measures;
    }
    return IND_OK;
}

int ind_analyse(const ind_registry *reg, const ind_dataset *ds,
                const ind_analysis_opts *opts, ind_result **out, ind_error *err)
{
    static const ind_analysis_opts defaults;
    *out = NULL;
    if (reg == NULL || ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_analyse: registry and dataset are required");
    if (opts == NULL)
        opts = &defaults;
    context cx;
    ind_result *r;
    int rc = begin(reg, ds, opts, &r, &cx, err);
    if (rc != IND_OK)
        return rc;
    return finish(&cx, r, run_all(&cx, r, opts), out);
}

/* One series as a COUNT measure. */
static int run_series(const context *cx, const ind_series *s, int polarity, ind_measure *m)
{
    aligned al;
    memset(&al, 0, sizeof al);
    al.n_in = 1;
    al.series = ind_arena_array(cx->arena, 2, sizeof *al.series);
    if (al.series == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    al.series[0] = s;
    al.kind = s->period_kind;
    al.all_flow = s->nature == IND_NATURE_FLOW;
    int rc = find_span(cx, "series", s->id, &al);
    if (rc == IND_OK)
        rc = fill_aligned(cx, &al);
    if (rc != IND_OK)
        return rc;
    m->id = s->id;
    m->title = s->title != NULL ? s->title : s->id;
    m->unit = s->unit;
    m->polarity = polarity > 0 ? 1 : polarity < 0 ? -1 : 0;
    m->multiplier = 1;
    m->n = al.n;
    m->period_kind = al.kind;
    m->ordinal = al.ordinal;
    m->label = al.label;
    m->max_lag = 1;
    m->is_flow = al.all_flow;
    if ((rc = build_count(cx, m, &al, al.in)) != IND_OK)
        return rc;
    double *scratch = ind_arena_array(cx->arena, 2 * al.n + 2, sizeof *scratch);
    if (scratch == NULL)
        return ind_error_set(cx->err, IND_ENOMEM, "out of memory");
    return analyse_measure(cx, m, scratch);
}

int ind_analyse_series(const ind_dataset *ds, const char *series_id, int polarity,
                       const ind_analysis_opts *opts, ind_result **out,
                       ind_error *err)
{
    static const ind_analysis_opts defaults;
    *out = NULL;
    if (ds == NULL || series_id == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_analyse_series: dataset and series are required");
    if (opts == NULL)
        opts = &defaults;
    const ind_series *s = ind_dataset_find(ds, series_id);
    if (s == NULL)
        return ind_error_set(err, IND_ENOTFOUND, "%s: area \"%s\" has no series %s",
                             file_of(ds), ds->area, series_id);
    context cx;
    ind_result *r;
    int rc = begin(NULL, ds, opts, &r, &cx, err);
    if (rc != IND_OK)
        return rc;
    cx.signed_values = s->is_signed;
    r->measure = ind_arena_array(cx.arena, 2, sizeof *r->measure);
    if (r->measure == NULL)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK)
        rc = run_series(&cx, s, polarity, &r->measure[0]);
    if (rc == IND_OK)
        r->n_measures = 1;
    return finish(&cx, r, rc, out);
}

int ind_measure_spc_compute(ind_result *r, ind_measure *m, const ind_spc_request *rq,
                            ind_error *err)
{
    if (r == NULL || m == NULL || rq == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_measure_spc_compute: missing argument");
    return spc_compute(r->arena, m, rq, err);
}

ind_measure *ind_result_find_measure(const ind_result *r, const char *id)
{
    for (size_t i = 0; r != NULL && i < r->n_measures; i++)
        if (strcmp(r->measure[i].id, id) == 0)
            return &r->measure[i];
    return NULL;
}

const char *ind_verdict_name(ind_verdict v)
{
    switch (v) {
    case IND_VERDICT_HIGHER: return "higher";
    case IND_VERDICT_LOWER: return "lower";
    case IND_VERDICT_NO_CHANGE: return "no_significant_change";
    default: return "not_tested";
    }
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

const ind_significance *ind_measure_significance(const ind_measure *m, size_t t,
                                                 int lag)
{
    if (m->significance == NULL || ind_measure_change(m, t, lag) == NULL)
        return NULL;
    return &m->significance[t * (size_t)m->max_lag + (size_t)lag - 1];
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
