/*
** write_json.c: the complete result as JSON (docs/result-format.md).
*/
#include <math.h>
#include <string.h>

#include "write.h"

const char *polarity_name(int polarity)
{
    return polarity > 0 ? "higher_is_better" : polarity < 0 ? "lower_is_better" : "neutral";
}

static const char *change_status_name(ind_change_status s)
{
    switch (s) {
    case IND_CHANGE_OK: return "ok";
    case IND_CHANGE_UNDEFINED: return "undefined";
    default: return "missing";
    }
}

static const char *interval_method(const ind_measure *m, const ind_point *p)
{
    switch (m->kind) {
    case IND_MEASURE_PROPORTION: return "wilson";
    case IND_MEASURE_RATE:
        return p->numerator < IND_BYAR_MIN_EVENTS ? "poisson-exact" : "byar";
    default: return NULL;
    }
}

static void write_flags(jsonw *w, unsigned flags)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { IND_POINT_MISSING, "missing" },     { IND_POINT_GAP, "gap" },
        { IND_POINT_SUPPRESSED, "suppressed" }, { IND_POINT_PROVISIONAL, "provisional" },
        { IND_POINT_BREAK, "break" },
    };
    jw_key(w, "flags");
    jw_array(w);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            jw_string(w, names[i].name);
    jw_end_array(w);
}

static void write_change_fields(jsonw *w, const ind_change *c)
{
    jw_kstring(w, "status", change_status_name(c->status));
    jw_knumber(w, "absolute", c->absolute);
    jw_knumber(w, "percent", c->percent);
}

static void write_changes(jsonw *w, const ind_measure *m, size_t t, const write_opts *o)
{
    char buf[IND_PRESENT_MAX];
    jw_key(w, "changes");
    jw_array(w);
    for (int lag = 1; lag <= m->max_lag; lag++) {
        const ind_change *c = ind_measure_change(m, t, lag);
        if (c == NULL)
            break;
        jw_object(w);
        jw_kint(w, "lag", lag);
        jw_kstring(w, "from", m->label[t - (size_t)lag]);
        write_change_fields(w, c);
        jw_kbool(w, "across_break", m->across_break[t * (size_t)m->max_lag + (size_t)lag - 1]);
        ind_present_change_absolute(m, t, lag, o->decimals, buf, sizeof buf);
        jw_kstring(w, "display", buf);
        ind_present_change_percent(m, t, lag, o->decimals, buf, sizeof buf);
        jw_kstring(w, "percent_display", buf);
        jw_end_object(w);
    }
    jw_end_array(w);
}

/* The figure of a point: value, counts, interval and display. */
static void write_figure(jsonw *w, const ind_measure *m, const ind_point *p,
                         const write_opts *o)
{
    char buf[IND_PRESENT_MAX];
    jw_knumber(w, "value", p->value);
    if (m->kind != IND_MEASURE_COUNT) {
        jw_knumber(w, "numerator", p->numerator);
        jw_knumber(w, "denominator", p->denominator);
    }
    jw_key(w, "interval");
    if (isnan(p->lower)) {
        jw_null(w);
    } else {
        jw_object(w);
        jw_knumber(w, "lower", p->lower);
        jw_knumber(w, "upper", p->upper);
        jw_kstring(w, "method", interval_method(m, p));
        ind_present_point_interval(m, p, o->decimals, buf, sizeof buf);
        jw_kstring(w, "display", buf);
        jw_end_object(w);
    }
    ind_present_point(m, p, o->decimals, buf, sizeof buf);
    jw_kstring(w, "display", isnan(p->value) ? NULL : buf);
}

static void write_point(jsonw *w, const ind_measure *m, size_t t, const write_opts *o)
{
    const ind_point *p = &m->point[t];
    jw_object(w);
    jw_kstring(w, "period", m->label[t]);
    write_figure(w, m, p, o);
    write_flags(w, p->flags | (isnan(p->value) ? IND_POINT_MISSING : 0));
    if (m->ytd != NULL) {
        jw_key(w, "year_to_date");
        if (isnan(m->ytd[t].value)) {
            jw_null(w);
        } else {
            jw_object(w);
            write_figure(w, m, &m->ytd[t], o);
            jw_end_object(w);
        }
    }
    write_changes(w, m, t, o);
    jw_kint(w, "run", m->run[t]);
    jw_end_object(w);
}

static void write_since_first(jsonw *w, const ind_measure *m)
{
    jw_key(w, "since_first");
    if (m->since_first.status == IND_CHANGE_MISSING) {
        jw_null(w);
        return;
    }
    jw_object(w);
    jw_kstring(w, "from", m->label[m->since_first_from]);
    jw_kstring(w, "to", m->label[m->since_first_to]);
    write_change_fields(w, &m->since_first);
    jw_kbool(w, "across_break", m->since_first_across_break);
    jw_end_object(w);
}

static void write_growth(jsonw *w, const ind_measure *m)
{
    jw_key(w, "growth");
    if (m->cagr_status != IND_OK) {
        jw_null(w);
        return;
    }
    jw_object(w);
    jw_kstring(w, "from", m->label[m->cagr_first]);
    jw_kstring(w, "to", m->label[m->cagr_last]);
    jw_knumber(w, "annual_rate", m->cagr);
    jw_end_object(w);
}

static void write_trend(jsonw *w, const ind_result *r, const ind_measure *m,
                        const write_opts *o)
{
    const ind_trend_line *tl = &m->trend;
    char buf[IND_PRESENT_MAX];
    jw_key(w, "trend");
    jw_object(w);
    jw_kstring(w, "method", "linear");
    jw_kstring(w, "status", tl->status == IND_OK ? "ok" : "not_computed");
    jw_kstring(w, "note", tl->note);
    jw_kint(w, "points", (long long)tl->n_used);
    if (tl->status == IND_OK) {
        jw_kstring(w, "from", m->label[tl->first]);
        jw_kstring(w, "to", m->label[tl->last]);
        jw_knumber(w, "slope", tl->slope);
        jw_knumber(w, "slope_se", tl->slope_se);
        jw_knumber(w, "slope_p", tl->slope_p);
        jw_key(w, "projection");
        jw_object(w);
        jw_kstring(w, "period", tl->next_label);
        jw_knumber(w, "value", tl->projection);
        jw_knumber(w, "lower", tl->lower);
        jw_knumber(w, "upper", tl->upper);
        jw_knumber(w, "level", r->level);
        jw_kbool(w, "clamped", tl->clamped);
        ind_present_number(m, tl->projection, o->decimals, buf, sizeof buf);
        jw_kstring(w, "display", buf);
        jw_end_object(w);
    }
    jw_end_object(w);
}

static void write_measure(jsonw *w, const ind_result *r, const ind_measure *m,
                          const write_opts *o)
{
    jw_object(w);
    jw_kstring(w, "id", m->id);
    jw_kstring(w, "title", m->title);
    jw_kstring(w, "kind", ind_measure_kind_name(m->kind));
    jw_kstring(w, "unit", m->unit);
    jw_knumber(w, "multiplier", m->multiplier);
    jw_kstring(w, "polarity", polarity_name(m->polarity));
    if (m->stage_from != NULL) {
        jw_key(w, "stages");
        jw_object(w);
        jw_kstring(w, "from", m->stage_from);
        jw_kstring(w, "to", m->stage_to);
        jw_kbool(w, "overall", m->is_overall);
        jw_end_object(w);
    }
    jw_kstring(w, "period_type", ind_period_kind_name(m->period_kind));
    jw_key(w, "periods");
    jw_array(w);
    for (size_t t = 0; t < m->n; t++)
        write_point(w, m, t, o);
    jw_end_array(w);
    write_since_first(w, m);
    write_growth(w, m);
    write_trend(w, r, m, o);
    jw_end_object(w);
}

static void write_indicator(jsonw *w, const ind_result *r,
                            const ind_indicator_result *ir, const write_opts *o)
{
    const ind_indicator *ind = ir->entry->indicator;
    jw_object(w);
    jw_kstring(w, "id", ind->id);
    jw_kstring(w, "title", ind->title);
    jw_kstring(w, "kind", ind_output_kind_name(ind->kind));
    jw_kstring(w, "unit", ind->unit);
    jw_kstring(w, "polarity", polarity_name(ind->polarity));
    jw_key(w, "plugin");
    jw_object(w);
    jw_kstring(w, "name", ir->plugin_name);
    jw_kstring(w, "version", ir->plugin_version);
    jw_end_object(w);
    jw_key(w, "inputs");
    jw_array(w);
    for (size_t i = 0; i < ir->entry->n_inputs; i++)
        jw_string(w, ind->inputs[i]);
    jw_end_array(w);
    jw_key(w, "measures");
    jw_array(w);
    for (size_t j = 0; j < ir->n_measures; j++)
        write_measure(w, r, &r->measure[ir->first_measure + j], o);
    jw_end_array(w);
    jw_end_object(w);
}

void write_json_area(jsonw *w, const ind_result *r, const write_opts *o)
{
    jw_object(w);
    jw_kstring(w, "area", r->area);
    jw_kstring(w, "code", r->code);
    jw_kstring(w, "file", r->file);
    jw_kstring(w, "source", r->source);
    jw_knumber(w, "level", r->level);
    jw_key(w, "indicators");
    jw_array(w);
    for (size_t i = 0; i < r->n_indicators; i++)
        write_indicator(w, r, &r->indicator[i], o);
    jw_end_array(w);
    jw_end_object(w);
}

static void write_json(FILE *fp, ind_result *const *results, size_t n,
                       const write_opts *o)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    jw_kstring(&w, "indicate", ind_version());
    jw_knumber(&w, "level", n > 0 ? results[0]->level : 0.95);
    jw_kint(&w, "decimals", o->decimals);
    jw_key(&w, "areas");
    jw_array(&w);
    for (size_t i = 0; i < n; i++)
        write_json_area(&w, results[i], o);
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

int out_format_parse(const char *s, out_format *f)
{
    static const struct { const char *name; out_format f; } names[] = {
        { "table", OUT_TABLE }, { "json", OUT_JSON }, { "csv", OUT_CSV },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    return -1;
}

int write_results(FILE *fp, out_format f, ind_result *const *results, size_t n,
                  const write_opts *o)
{
    switch (f) {
    case OUT_JSON: write_json(fp, results, n, o); break;
    case OUT_CSV: write_csv(fp, results, n, o); break;
    default: write_table(fp, results, n, o); break;
    }
    return ferror(fp) ? -1 : 0;
}
