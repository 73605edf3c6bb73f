/*
** write_json.c: the complete result as JSON (docs/result-format.md), and
** the pieces of it the trend and spc verbs write on their own: a measure's
** trend tests, projection and XmR chart.
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

static void write_significance(jsonw *w, const ind_significance *sg)
{
    jw_key(w, "significance");
    if (sg == NULL) {
        jw_null(w);
        return;
    }
    jw_object(w);
    jw_kstring(w, "verdict", ind_verdict_name(sg->verdict));
    jw_kstring(w, "method", sg->method);
    if (sg->method != NULL) {
        jw_knumber(w, "estimate", sg->estimate);
        jw_knumber(w, "lower", sg->lower);
        jw_knumber(w, "upper", sg->upper);
        jw_knumber(w, "p", sg->p);
    }
    jw_kstring(w, "note", sg->note);
    jw_end_object(w);
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
        write_significance(w, ind_measure_significance(m, t, lag));
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

write_opts write_opts_for_area(const write_opts *o, size_t i)
{
    write_opts oi = *o;
    if (o->datasets != NULL)
        oi.dataset = o->datasets[i];
    return oi;
}

const char *write_status_word(const write_opts *o, ind_level level)
{
    return ind_vocab_word(o->vocab != NULL ? o->vocab : ind_vocab_default(), level);
}

int write_status_of(const write_opts *o, const ind_measure *m, size_t t,
                    ind_status *st)
{
    if (o->dataset == NULL || o->dataset->n_targets == 0)
        return 0;
    ind_scorecard_opts defaults;
    ind_scorecard_opts_init(&defaults);
    const ind_scorecard_opts *so = o->status != NULL ? o->status : &defaults;
    if (ind_scorecard_measure_status(o->dataset, m, t, so, st, NULL) != IND_OK)
        return 0;
    return st->target != NULL;
}

/* The period's status against the dataset's target, when it sets one. */
static void write_status(jsonw *w, const ind_measure *m, size_t t, const write_opts *o)
{
    ind_status st;
    if (!write_status_of(o, m, t, &st))
        return;
    jw_key(w, "status");
    jw_object(w);
    jw_kstring(w, "level", ind_level_name(st.level));
    jw_kstring(w, "label", write_status_word(o, st.level));
    jw_kstring(w, "figure", st.figure_text);
    jw_kstring(w, "target", st.target_text);
    jw_kstring(w, "assessment", st.assessment);
    jw_kstring(w, "reason", st.reason);
    jw_end_object(w);
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
    write_status(w, m, t, o);
    if (o->commentary) {
        char sentence[IND_COMMENTARY_MAX];
        int len = ind_commentary_sentence(m, t, NULL, sentence, sizeof sentence);
        jw_kstring(w, "commentary", len > 0 ? sentence : NULL);
    }
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

/* ---- trend tests, projection, SPC ---------------------------------------- */

static const char *status_word(int status)
{
    return status == IND_OK ? "ok" : "not_computed";
}

static void write_mann_kendall(jsonw *w, const ind_trend_tests *tt)
{
    jw_key(w, "mann_kendall");
    jw_object(w);
    jw_kstring(w, "status", status_word(tt->mk_status));
    jw_kstring(w, "note", tt->mk_note);
    if (tt->mk_status == IND_OK) {
        jw_kint(w, "points", (long long)tt->mk.n);
        jw_knumber(w, "s", tt->mk.s);
        jw_knumber(w, "var_s", tt->mk.var_s);
        jw_knumber(w, "tau", tt->mk.tau);
        jw_knumber(w, "z", tt->mk.z);
        jw_knumber(w, "p", tt->mk.p);
        jw_kbool(w, "exact", tt->mk.exact);
        jw_kint(w, "ties", (long long)tt->mk.ties);
    }
    jw_end_object(w);
}

static void write_sen(jsonw *w, const ind_result *r, const ind_trend_tests *tt)
{
    jw_key(w, "sen_slope");
    jw_object(w);
    jw_kstring(w, "status", status_word(tt->sen_status));
    jw_kstring(w, "note", tt->sen_note);
    if (tt->sen_status == IND_OK) {
        jw_knumber(w, "slope", tt->sen.slope);
        jw_knumber(w, "lower", tt->sen.lower);
        jw_knumber(w, "upper", tt->sen.upper);
        jw_knumber(w, "level", r->level);
        jw_knumber(w, "intercept", tt->sen.intercept);
    }
    jw_end_object(w);
}

static void write_cochran_armitage(jsonw *w, const ind_trend_tests *tt)
{
    jw_key(w, "cochran_armitage");
    jw_object(w);
    jw_kstring(w, "status", status_word(tt->ca_status));
    jw_kstring(w, "note", tt->ca_note);
    if (tt->ca_status == IND_OK) {
        jw_kint(w, "points", (long long)tt->ca.groups);
        jw_knumber(w, "chi2", tt->ca.chi2);
        jw_knumber(w, "z", tt->ca.z);
        jw_knumber(w, "p", tt->ca.p);
        jw_knumber(w, "slope", tt->ca.slope);
    }
    jw_end_object(w);
}

void write_json_trend_tests(jsonw *w, const ind_result *r, const ind_measure *m)
{
    const ind_trend_tests *tt = &m->tests;
    jw_key(w, "trend_tests");
    jw_object(w);
    jw_kstring(w, "from", m->n > 0 ? m->label[tt->first] : NULL);
    jw_kstring(w, "to", m->n > 0 ? m->label[tt->last] : NULL);
    write_mann_kendall(w, tt);
    write_sen(w, r, tt);
    if (m->kind == IND_MEASURE_PROPORTION)
        write_cochran_armitage(w, tt);
    jw_end_object(w);
}

static void write_parameters(jsonw *w, const ind_projection *f)
{
    jw_key(w, "parameters");
    jw_object(w);
    if (f->method == IND_PROJECT_HOLT) {
        jw_knumber(w, "alpha", f->holt.alpha);
        jw_knumber(w, "beta", f->holt.beta);
        jw_knumber(w, "phi", f->holt.phi);
        jw_knumber(w, "initial_level", f->holt.level0);
        jw_knumber(w, "initial_trend", f->holt.trend0);
        jw_knumber(w, "sigma2", f->holt.sigma2);
        jw_knumber(w, "loglik", f->holt.loglik);
    } else {
        jw_knumber(w, "intercept", f->line.intercept);
        jw_knumber(w, "slope", f->line.slope);
        jw_knumber(w, "sigma", f->line.sigma);
        if (f->method == IND_PROJECT_LOGLINEAR)
            jw_knumber(w, "growth", expm1(f->line.slope));
    }
    jw_end_object(w);
}

void write_json_projection(jsonw *w, const ind_measure *m, const write_opts *o)
{
    const ind_measure_projection *mp = &m->projection;
    const ind_projection *f = &mp->fit;
    char buf[IND_PRESENT_MAX];
    jw_key(w, "projection");
    jw_object(w);
    jw_kstring(w, "method", ind_projection_method_name(f->method));
    jw_kstring(w, "requested", ind_projection_method_name(f->requested));
    jw_kstring(w, "status", status_word(f->status));
    jw_kstring(w, "note", mp->note);
    if (f->status == IND_OK) {
        jw_kint(w, "points", (long long)f->n_used);
        jw_kstring(w, "from", m->label[f->first]);
        jw_kstring(w, "to", m->label[f->last]);
        jw_knumber(w, "level", f->level);
        write_parameters(w, f);
        jw_key(w, "periods");
        jw_array(w);
        for (size_t h = 0; h < f->horizon; h++) {
            jw_object(w);
            jw_kstring(w, "period", mp->label[h]);
            jw_knumber(w, "value", mp->value[h]);
            jw_knumber(w, "lower", mp->lower[h]);
            jw_knumber(w, "upper", mp->upper[h]);
            jw_kbool(w, "clamped", mp->clamped[h]);
            ind_present_number(m, mp->value[h], o->decimals, buf, sizeof buf);
            jw_kstring(w, "display", buf);
            jw_end_object(w);
        }
        jw_end_array(w);
    }
    jw_end_object(w);
}

static const char *side_name(int side)
{
    return side > 0 ? "high" : side < 0 ? "low" : NULL;
}

static void write_rules(jsonw *w, unsigned rules)
{
    jw_key(w, "rules");
    jw_array(w);
    for (int r = IND_SPC_RULE_OUTSIDE; r <= IND_SPC_RULE_SHIFT; r++)
        if (rules & IND_SPC_BIT(r))
            jw_string(w, ind_spc_rule_name((ind_spc_rule)r));
    jw_end_array(w);
}

static void write_segments(jsonw *w, const ind_measure *m, const ind_spc_chart *c)
{
    jw_key(w, "segments");
    jw_array(w);
    for (size_t s = 0; s < c->n_segments; s++) {
        const ind_spc_segment *sg = &c->segment[s];
        jw_object(w);
        jw_kstring(w, "from", m->label[sg->first]);
        jw_kstring(w, "to", m->label[sg->last]);
        jw_kstring(w, "status", status_word(sg->status));
        jw_kint(w, "points", (long long)sg->values);
        jw_knumber(w, "mean", sg->mean);
        jw_knumber(w, "mean_moving_range", sg->mean_range);
        jw_knumber(w, "lower", sg->lower);
        jw_knumber(w, "upper", sg->upper);
        jw_knumber(w, "near_lower", sg->near_lower);
        jw_knumber(w, "near_upper", sg->near_upper);
        jw_kint(w, "moving_ranges", (long long)sg->ranges);
        jw_kint(w, "screened_out", (long long)sg->screened);
        jw_kbool(w, "short", sg->is_short);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void write_spc_point(jsonw *w, const ind_measure *m, size_t t, int full)
{
    const ind_spc_point *p = &m->spc.chart.point[t];
    const ind_spc_segment *sg = &m->spc.chart.segment[p->segment];
    jw_object(w);
    jw_kstring(w, "period", m->label[t]);
    if (full) {
        jw_knumber(w, "value", m->point[t].value);
        jw_knumber(w, "mean", sg->mean);
        jw_knumber(w, "lower", sg->lower);
        jw_knumber(w, "upper", sg->upper);
        jw_knumber(w, "moving_range", p->moving_range);
        jw_kbool(w, "moving_range_used", p->range_used);
        write_rules(w, p->rules);
    }
    jw_kstring(w, "rule", ind_spc_rule_name(p->rule));
    jw_kstring(w, "type", ind_spc_type_name(p->type));
    jw_kstring(w, "direction", side_name(p->side));
    jw_end_object(w);
}

void write_json_spc(jsonw *w, const ind_measure *m, int full, const write_opts *o)
{
    (void)o;
    const ind_measure_spc *sp = &m->spc;
    const ind_spc_chart *c = &sp->chart;
    jw_key(w, "spc");
    jw_object(w);
    jw_kstring(w, "status", status_word(sp->status));
    jw_kstring(w, "note", sp->note);
    jw_kbool(w, "screened", sp->screened);
    if (sp->status == IND_OK) {
        write_segments(w, m, c);
        jw_kstring(w, "latest", c->latest < m->n ? m->label[c->latest] : NULL);
        jw_kstring(w, "variation", ind_spc_type_name(c->variation));
        jw_kstring(w, "variation_direction", side_name(c->variation_side));
        jw_knumber(w, "target", sp->target);
        jw_kstring(w, "assurance", ind_spc_assurance_name(c->assurance));
        jw_key(w, full ? "periods" : "special_causes");
        jw_array(w);
        for (size_t t = 0; t < m->n; t++)
            if (full || c->point[t].rule != IND_SPC_RULE_NONE)
                write_spc_point(w, m, t, full);
        jw_end_array(w);
    }
    jw_end_object(w);
}

void write_json_identity(jsonw *w, const ind_result *r, const ind_measure *m)
{
    jw_kstring(w, "area", r->area);
    jw_kstring(w, "code", r->code);
    jw_kstring(w, "file", r->file);
    jw_kstring(w, "id", m->id);
    jw_kstring(w, "title", m->title);
    jw_kstring(w, "kind", ind_measure_kind_name(m->kind));
    jw_kstring(w, "unit", m->unit);
    jw_kstring(w, "polarity", polarity_name(m->polarity));
    jw_kstring(w, "period_type", ind_period_kind_name(m->period_kind));
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
    write_json_trend_tests(w, r, m);
    write_json_projection(w, m, o);
    write_json_spc(w, m, 0, o);
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
    jw_kbool(w, "aggregate", r->is_aggregate);
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
    for (size_t i = 0; i < n; i++) {
        write_opts oi = write_opts_for_area(o, i);
        write_json_area(&w, results[i], &oi);
    }
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

int out_format_parse_all(const char *s, out_format *f)
{
    static const struct { const char *name; out_format f; } names[] = {
        { "md", OUT_MD }, { "markdown", OUT_MD }, { "xlsx", OUT_XLSX },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    return out_format_parse(s, f);
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
