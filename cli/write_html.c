/*
** write_html.c: the HTML report (write_html.h).
**
** The page is written top to bottom in one pass: head and style, then per
** area the summary, the contents and a section per group of measures. A
** measure's chart is filled from its result (chart_of), its table row by
** row from present.h and cells.h. Text from the input (area names, titles,
** sources, labels, ids) always goes through esc().
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "indicate/commentary.h"
#include "indicate/indicate.h"
#include "indicate/format.h"
#include "indicate/present.h"
#include "svg_chart.h"
#include "write_html.h"

static void esc(FILE *fp, const char *s)
{
    svg_escape(fp, s);
}

/* ---- style --------------------------------------------------------------------- */

static const char STYLE[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#f4f4f2;"
    "line-height:1.45;font-size:16px}"
    "header.page{background:#1d3b53;color:#fff;padding:24px 32px}"
    "header.page h1{margin:0 0 6px;font-size:28px}"
    "header.page p{margin:2px 0;color:#e8eef3;max-width:1000px}"
    "main{max-width:1080px;margin:0 auto;padding:8px 24px 32px}"
    "section.block,article.measure{background:#fff;border:1px solid #d6d6d6;border-radius:4px;"
    "padding:16px 24px;margin:20px 0}"
    "h2{font-size:22px;margin:28px 0 8px;color:#1d3b53}"
    "section.block h2{margin-top:4px}"
    "h3,article.measure h2{font-size:19px;margin:0 0 8px;color:#1d3b53}"
    ".id{font-family:Consolas,Menlo,monospace;font-size:13px;color:#555;font-weight:normal;"
    "overflow-wrap:anywhere}"
    "table{border-collapse:collapse;margin:10px 0;font-size:14px;width:100%}"
    "caption{text-align:left;font-weight:bold;padding:4px 0;color:#333}"
    "th,td{border:1px solid #c9c9c9;padding:5px 8px;vertical-align:top;text-align:left}"
    "thead th{background:#e9eef2}"
    "tbody th{font-weight:normal}"
    "table.figures tbody th{white-space:nowrap}"
    "table.statuses{table-layout:fixed}"
    "col.c-status{width:9em}col.c-period{width:6em}col.c-figure{width:11%}"
    "col.c-target{width:9%}col.c-against{width:14%}col.c-measure{width:22%}"
    "td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "tr.projected th,tr.projected td{font-style:italic;background:#f3f8fc}"
    "tr.totals th,tr.totals td{font-weight:bold;background:#f3f3f3}"
    "table.summary{width:auto;min-width:460px}"
    ".status{display:inline-flex;align-items:center;gap:6px;font-weight:bold;"
    "white-space:nowrap;padding:1px 8px 1px 4px;border-radius:12px;border:1px solid #999}"
    ".status svg{flex:none}"
    ".s-complete{background:#dcecf7}.s-met{background:#d7f0e7}.s-near{background:#fbecc9}"
    ".s-missed{background:#f9dccb}.s-pending{background:#ececec}.s-context{background:#f6f6f6}"
    ".headline{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 18px;margin:4px 0 6px}"
    ".headline .value{font-size:30px;font-weight:bold;color:#1d3b53}"
    ".headline .detail{color:#444}"
    "p.sentence{font-size:17px;margin:4px 0 10px;max-width:900px}"
    "p.reason{margin:2px 0 8px;color:#333}"
    "figure{margin:8px 0;overflow-x:auto}"
    "figure svg{max-width:100%;height:auto}"
    "figcaption{font-size:13px;color:#444;max-width:900px}"
    "ul.analysis{font-size:14px;color:#333;margin:6px 0 0;padding-left:20px}"
    "nav.contents ol{columns:2;font-size:15px;margin:4px 0}"
    "dl.definitions{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;"
    "font-size:14px;margin:8px 0}"
    "dl.definitions dd{margin:0}"
    "footer{max-width:1080px;margin:0 auto;padding:0 24px 40px;font-size:13px;color:#444}"
    "a{color:#0b5394}"
    "@media print{body{background:#fff;font-size:11pt}header.page{background:#fff;color:#000;"
    "padding:0 0 8px;border-bottom:2px solid #000}header.page p{color:#000}"
    "main{max-width:none;padding:0}section.block,article.measure{border:none;padding:0;"
    "break-inside:avoid}nav.contents{display:none}}";

/* ---- small pieces ---------------------------------------------------------------- */

static const char *level_class(ind_level level)
{
    static const char *const names[IND_LEVEL_COUNT] = {
        "s-complete", "s-met", "s-near", "s-missed", "s-pending", "s-context",
    };
    return (int)level >= 0 && (int)level < IND_LEVEL_COUNT ? names[level] : "s-context";
}

/* A status as a badge: its shape and its word, never its colour alone. */
static void badge(FILE *fp, const report_opts *o, ind_level level)
{
    fprintf(fp, "<span class=\"status %s\"><svg width=\"16\" height=\"16\" "
                "viewBox=\"-8 -8 16 16\" aria-hidden=\"true\" focusable=\"false\">",
            level_class(level));
    svg_level_shape(fp, level, 0, 0, 6);
    fputs("</svg>", fp);
    esc(fp, report_word(o, level));
    fputs("</span>", fp);
}

static void cell(FILE *fp, const char *cls, const char *text)
{
    if (cls != NULL)
        fprintf(fp, "<td class=\"%s\">", cls);
    else
        fputs("<td>", fp);
    esc(fp, text);
    fputs("</td>", fp);
}

static void head_cell(FILE *fp, const char *cls, const char *text)
{
    fprintf(fp, "<th scope=\"col\"%s%s%s>", cls != NULL ? " class=\"" : "",
            cls != NULL ? cls : "", cls != NULL ? "\"" : "");
    esc(fp, text);
    fputs("</th>", fp);
}

static void measure_anchor(char *buf, size_t size, size_t area, size_t item)
{
    snprintf(buf, size, "a%zu-m%zu", area + 1, item + 1);
}

/* ---- the summary ----------------------------------------------------------------- */

static const char *row_word(const report_opts *o, int row)
{
    static const ind_level first_level[IND_SUMMARY_ROWS] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_MISSED,
        IND_LEVEL_PENDING,
    };
    const ind_vocab *v = o->vocab != NULL ? o->vocab : ind_vocab_default();
    return row == IND_SUMMARY_ROWS - 1 ? v->combined : ind_vocab_word(v, first_level[row]);
}

static void definitions(FILE *fp, const report_opts *o)
{
    const ind_vocab *v = o->vocab != NULL ? o->vocab : ind_vocab_default();
    fputs("<dl class=\"definitions\">", fp);
    for (int l = 0; l < IND_LEVEL_COUNT; l++) {
        fputs("<dt>", fp);
        badge(fp, o, (ind_level)l);
        fputs("</dt><dd>", fp);
        esc(fp, v->definition[l]);
        fputs("</dd>", fp);
    }
    fputs("</dl>", fp);
}

static void summary_table(FILE *fp, const ind_scorecard *sc, const report_opts *o)
{
    static const ind_level row_level[IND_SUMMARY_ROWS] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_MISSED,
        IND_LEVEL_PENDING,
    };
    const ind_summary *s = &sc->summary;
    fputs("<table class=\"summary\"><caption>Measures by status", fp);
    if (sc->period[0] != '\0') {
        fputs(" at ", fp);
        esc(fp, sc->period);
    }
    fputs("</caption><thead><tr>", fp);
    head_cell(fp, NULL, "Status");
    head_cell(fp, "num", "Statistical");
    head_cell(fp, "num", "Project");
    head_cell(fp, "num", "Total");
    head_cell(fp, "num", "%");
    fputs("</tr></thead><tbody>", fp);
    for (int r = 0; r < IND_SUMMARY_ROWS; r++) {
        fprintf(fp, "<tr><th scope=\"row\"><span class=\"status %s\"><svg width=\"16\" "
                    "height=\"16\" viewBox=\"-8 -8 16 16\" aria-hidden=\"true\" "
                    "focusable=\"false\">",
                level_class(row_level[r]));
        svg_level_shape(fp, row_level[r], 0, 0, 6);
        fputs("</svg>", fp);
        esc(fp, row_word(o, r));
        fprintf(fp, "</span></th><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                    "<td class=\"num\">%zu</td><td class=\"num\">%u%%</td></tr>",
                s->count[r][0], s->count[r][1], s->row_total[r], s->percent[r]);
    }
    fprintf(fp, "<tr class=\"totals\"><th scope=\"row\">Totals</th><td class=\"num\">%zu</td>"
                "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%u%%</td>"
                "</tr></tbody></table>",
            s->class_total[0], s->class_total[1], s->total, s->total > 0 ? 100u : 0u);
}

/* The report item showing scorecard item st, for a link; n_items when none. */
static size_t item_of(const report_area *a, const ind_status *st)
{
    for (size_t k = 0; k < a->n_items; k++)
        if (a->items[k].card == st)
            return k;
    return a->n_items;
}

/* Whether any item has a target or is a project: else the table drops the
** target columns, which would be empty. */
static int any_target(const ind_scorecard *sc)
{
    for (size_t k = 0; k < sc->n_items; k++)
        if (sc->items[k].item_class == IND_ITEM_PROJECT || sc->items[k].target != NULL)
            return 1;
    return 0;
}

/* How the status table names an item: the target's own title, else the
** sentence's subject ("ASP conversion from referral to investigatory
** inquiry"), which says which indicator a stage belongs to. */
static void item_name(const ind_status *st, char *buf, size_t size)
{
    if ((st->target != NULL || st->item_class == IND_ITEM_PROJECT) && st->title != NULL) {
        snprintf(buf, size, "%s", st->title);
        return;
    }
    if (st->measure == NULL || ind_commentary_subject(st->measure, buf, size) < 0)
        snprintf(buf, size, "%s", st->title != NULL ? st->title : st->id);
}

static void status_items(FILE *fp, const report_area *a, size_t ia, const report_opts *o)
{
    const ind_scorecard *sc = a->card;
    int targets = any_target(sc);
    fputs("<table class=\"statuses\"><caption>Status of every measure and project"
          "</caption><colgroup><col class=\"c-status\"><col class=\"c-measure\">"
          "<col class=\"c-period\"><col class=\"c-figure\">", fp);
    if (targets)
        fputs("<col class=\"c-target\"><col class=\"c-against\">", fp);
    fputs("<col class=\"c-commentary\"></colgroup><thead><tr>", fp);
    head_cell(fp, NULL, "Status");
    head_cell(fp, NULL, "Measure");
    head_cell(fp, NULL, "Period");
    head_cell(fp, NULL, "Figure");
    if (targets) {
        head_cell(fp, NULL, "Target");
        head_cell(fp, NULL, "Against the target");
    }
    head_cell(fp, NULL, "Commentary");
    fputs("</tr></thead><tbody>", fp);
    for (size_t k = 0; k < sc->n_items; k++) {
        const ind_status *st = &sc->items[k];
        int project = st->item_class == IND_ITEM_PROJECT;
        char name[IND_COMMENTARY_MAX];
        fputs("<tr><td>", fp);
        badge(fp, o, st->level);
        fputs("</td><th scope=\"row\">", fp);
        size_t it = item_of(a, st);
        char anchor[48];
        if (it < a->n_items) {
            measure_anchor(anchor, sizeof anchor, ia, it);
            fprintf(fp, "<a href=\"#%s\">", anchor);
        }
        item_name(st, name, sizeof name);
        esc(fp, name);
        fputs(it < a->n_items ? "</a>" : "", fp);
        fputs(" <span class=\"id\">", fp);
        esc(fp, st->id);
        fputs(project ? " (project)</span></th>" : "</span></th>", fp);
        cell(fp, NULL, project ? "" : st->period);
        cell(fp, NULL, st->figure_text);
        if (targets) {
            cell(fp, NULL, st->target_text);
            cell(fp, NULL, st->assessment);
        }
        cell(fp, NULL, project ? "" : st->commentary);
        fputs("</tr>", fp);
    }
    fputs("</tbody></table>", fp);
}

static void summary(FILE *fp, const report_area *a, size_t ia, const report_opts *o)
{
    const ind_scorecard *sc = a->card;
    if (sc == NULL)
        return;
    fprintf(fp, "<section class=\"block summary\" aria-labelledby=\"a%zu-summary\">"
                "<h2 id=\"a%zu-summary\">Summary",
            ia + 1, ia + 1);
    if (sc->period[0] != '\0') {
        fputs(" at ", fp);
        esc(fp, sc->period);
    }
    fputs("</h2>", fp);
    if (sc->n_items == 0) {
        fputs("<p>No measures or projects to judge.</p></section>", fp);
        return;
    }
    fputs("<p>Each measure's figure for the reporting period against its target, and each "
          "project against its timescale. Measures without a target are shown for "
          "information.", fp);
    if (sc->has_as_at) {
        fputs(" Projects are judged as at ", fp);
        esc(fp, sc->as_at);
        fputs(".", fp);
    }
    fputs("</p>", fp);
    summary_table(fp, sc, o);
    status_items(fp, a, ia, o);
    definitions(fp, o);
    fputs("</section>", fp);
}

static void contents(FILE *fp, const report_area *a, size_t ia)
{
    if (a->n_groups < 2)
        return;
    fputs("<nav class=\"contents block\" aria-label=\"Contents\"><h2>Contents</h2><ol>", fp);
    for (size_t g = 0; g < a->n_groups; g++) {
        char anchor[48];
        measure_anchor(anchor, sizeof anchor, ia, a->groups[g].first);
        fprintf(fp, "<li><a href=\"#%s\">", anchor);
        esc(fp, a->groups[g].title != NULL ? a->groups[g].title : a->groups[g].id);
        fputs("</a></li>", fp);
    }
    fputs("</ol></nav>", fp);
}

/* ---- a measure's chart ------------------------------------------------------------- */

typedef struct chart_data {
    svg_chart c;
    const char **label;
    double *value, *lower, *upper, *target, *judged;
    unsigned char *breaks, *special;
    svg_limits *limits;
    char id[48];
    char title[IND_COMMENTARY_MAX + 80];
    char y_label[128];
    char interval_label[64];
    char projection_label[320];
    char target_label[96];
    char status_word[64];
    char desc[4 * CELLS_LINE_MAX + IND_COMMENTARY_MAX];
} chart_data;

static void chart_free(chart_data *d)
{
    free(d->label);
    free(d->value);
    free(d->lower);
    free(d->upper);
    free(d->target);
    free(d->judged);
    free(d->breaks);
    free(d->special);
    free(d->limits);
}

static void y_label(const ind_measure *m, char *buf, size_t size)
{
    char unit[64];
    report_unit(m, unit, sizeof unit);
    switch (m->kind) {
    case IND_MEASURE_PROPORTION: snprintf(buf, size, "Percentage"); return;
    case IND_MEASURE_RATE: snprintf(buf, size, "Rate %s", unit); return;
    case IND_MEASURE_RATIO:
        snprintf(buf, size, "Ratio%s%s%s", unit[0] ? " (" : "", unit, unit[0] ? ")" : "");
        return;
    default: break;
    }
    if (unit[0] == '\0')
        snprintf(buf, size, "Number");
    else if (strcmp(unit, "GBP") == 0)
        snprintf(buf, size, "Pounds (£)");
    else
        snprintf(buf, size, "%c%s", unit[0] >= 'a' && unit[0] <= 'z' ? unit[0] - 'a' + 'A'
                                                                     : unit[0], unit + 1);
}

static void spc_parts(chart_data *d, const ind_measure *m)
{
    const ind_measure_spc *sp = &m->spc;
    if (sp->status != IND_OK)
        return;
    for (size_t s = 0; s < sp->chart.n_segments; s++) {
        const ind_spc_segment *sg = &sp->chart.segment[s];
        if (sg->status != IND_OK)
            continue;
        svg_limits *l = &d->limits[d->c.n_limits++];
        l->first = sg->first;
        l->last = sg->last;
        l->mean = sg->mean;
        l->lower = sg->lower;
        l->upper = sg->upper;
    }
    for (size_t t = 0; t < m->n; t++) {
        const ind_spc_point *p = &sp->chart.point[t];
        if (p->rule == IND_SPC_RULE_NONE)
            continue;
        d->special[t] = p->type == IND_SPC_IMPROVEMENT ? SVG_SPECIAL_IMPROVEMENT
                        : p->type == IND_SPC_CONCERN   ? SVG_SPECIAL_CONCERN
                                                       : SVG_SPECIAL_NEUTRAL;
    }
    d->c.special = d->special;
}

/* Targets per period, the judged year-to-date series when the target
** judges it, and the status of the period presented. */
static void target_parts(chart_data *d, const report_area *a, const report_item *it,
                         const report_opts *o)
{
    const ind_measure *m = it->measure;
    int any = 0, ytd = 0;
    ind_status st;
    for (size_t t = 0; t < m->n; t++) {
        d->target[t] = NAN;
        if (!report_status_at(a, it, t, o, &st))
            continue;
        if (st.step != NULL && st.step->has_target && isfinite(st.judgement.target)) {
            d->target[t] = st.judgement.target;
            any = 1;
        }
        if (st.target != NULL && st.target->scope != IND_SCOPE_PERIOD && m->ytd != NULL)
            ytd = 1;
    }
    if (!any)
        return;
    d->c.target = d->target;
    if (ytd) {
        for (size_t t = 0; t < m->n; t++)
            d->judged[t] = m->ytd[t].value;
        d->c.judged = d->judged;
        d->c.judged_label = "Year to date (what the target judges)";
    }
    snprintf(d->target_label, sizeof d->target_label, "Target%s",
             ytd ? " (year to date)" : "");
    d->c.target_label = d->target_label;
    long at = report_latest(it);
    if (at >= 0 && report_status_at(a, it, (size_t)at, o, &st)) {
        snprintf(d->status_word, sizeof d->status_word, "%s", report_word(o, st.level));
        d->c.status_word = d->status_word;
        d->c.status_level = st.level;
        d->c.status_at = (size_t)at;
        d->c.status_on_judged = ytd;
    }
}

static void projection_parts(chart_data *d, const ind_measure *m, double level)
{
    const ind_measure_projection *mp = &m->projection;
    const ind_projection *f = &mp->fit;
    if (f->status != IND_OK || f->horizon == 0 || f->last >= m->n ||
        !isfinite(m->point[f->last].value))
        return;
    d->c.has_projection = 1;
    d->c.proj_from = f->last;
    d->c.proj_value = mp->value;
    d->c.proj_lower = mp->lower;
    d->c.proj_upper = mp->upper;
    snprintf(d->projection_label, sizeof d->projection_label,
             "Projection (%s) with %g%% prediction band", ind_projection_method_name(f->method),
             level * 100);
    d->c.projection_label = d->projection_label;
}

static void describe(chart_data *d, const report_area *a, const report_item *it,
                     const report_opts *o)
{
    const ind_measure *m = it->measure;
    char sentence[IND_COMMENTARY_MAX], line[CELLS_LINE_MAX], note[CELLS_LINE_MAX];
    size_t len = 0;
    int n = snprintf(d->desc, sizeof d->desc, "Line chart of %s by %s, %s to %s.",
                     d->title, report_period_name(m->period_kind), m->label[0],
                     m->label[m->n - 1]);
    len = n > 0 ? (size_t)n : 0;
    long at = report_latest(it);
    if (at >= 0 && ind_commentary_sentence(m, (size_t)at, NULL, sentence, sizeof sentence) > 0)
        len += (size_t)snprintf(d->desc + len, len < sizeof d->desc ? sizeof d->desc - len : 0,
                                " %s", sentence);
    cells_trend(it->result, m, o->decimals, line, sizeof line, note, sizeof note);
    if (m->trend.status == IND_OK && len < sizeof d->desc)
        len += (size_t)snprintf(d->desc + len, sizeof d->desc - len, " %s", line);
    cells_projection(it->result, m, o->decimals, 0, line, sizeof line);
    if (line[0] != '\0' && len < sizeof d->desc)
        len += (size_t)snprintf(d->desc + len, sizeof d->desc - len, " %s", line);
    ind_status st;
    if (at >= 0 && report_status_at(a, it, (size_t)at, o, &st) && len < sizeof d->desc)
        len += (size_t)snprintf(d->desc + len, sizeof d->desc - len, " Status %s: %s.",
                                report_word(o, st.level), st.reason);
    cells_spc(m, line, sizeof line);
    if (line[0] != '\0' && len < sizeof d->desc)
        snprintf(d->desc + len, sizeof d->desc - len, " %s", line);
}

static int chart_alloc(chart_data *d, size_t n_cat, size_t n, size_t segments)
{
    d->label = calloc(n_cat, sizeof *d->label);
    d->value = calloc(n, sizeof *d->value);
    d->lower = calloc(n, sizeof *d->lower);
    d->upper = calloc(n, sizeof *d->upper);
    d->target = calloc(n, sizeof *d->target);
    d->judged = calloc(n, sizeof *d->judged);
    d->breaks = calloc(n, 1);
    d->special = calloc(n, 1);
    d->limits = calloc(segments + 1, sizeof *d->limits);
    return d->label && d->value && d->lower && d->upper && d->target && d->judged &&
                   d->breaks && d->special && d->limits
               ? 0
               : -1;
}

/* Fills the chart of item it from its result. -1 when out of memory. */
static int chart_of(chart_data *d, const report_area *a, const report_item *it, size_t ia,
                    size_t k, const report_opts *o)
{
    const ind_measure *m = it->measure;
    const ind_trend_line *tl = &m->trend;
    size_t h = m->projection.fit.status == IND_OK ? m->projection.fit.horizon : 0;
    size_t n_cat = m->n + h;
    int trend = tl->status == IND_OK;
    if (trend && tl->last + 1 >= n_cat)
        n_cat = tl->last + 2;   /* the trend's next period, with no projection */
    size_t segments = m->spc.status == IND_OK ? m->spc.chart.n_segments : 0;
    memset(d, 0, sizeof *d);
    if (chart_alloc(d, n_cat, m->n + 1, segments) != 0)
        return -1;
    svg_chart *c = &d->c;
    for (size_t t = 0; t < m->n; t++) {
        d->label[t] = m->label[t];
        d->value[t] = m->point[t].value;
        d->lower[t] = m->point[t].lower;
        d->upper[t] = m->point[t].upper;
        d->breaks[t] = (m->point[t].flags & IND_POINT_BREAK) != 0;
    }
    for (size_t j = 0; j < h; j++)
        d->label[m->n + j] = m->projection.label[j];
    if (n_cat > m->n + h)
        d->label[n_cat - 1] = tl->next_label;
    measure_anchor(d->id, sizeof d->id, ia, k);
    snprintf(d->id + strlen(d->id), sizeof d->id - strlen(d->id), "-chart");
    char unit[64];
    report_unit(m, unit, sizeof unit);
    /* A stage of a funnel is named with its indicator ("CP conversion from
    ** referral to investigation"), so that a chart pasted alone says what
    ** it shows. */
    char name[IND_COMMENTARY_MAX];
    if (m->stage_from == NULL || ind_commentary_subject(m, name, sizeof name) < 0)
        snprintf(name, sizeof name, "%s", m->title != NULL ? m->title : m->id);
    snprintf(d->title, sizeof d->title, "%s%s%s%s", name,
             unit[0] && m->kind != IND_MEASURE_PROPORTION ? " (" : "",
             m->kind != IND_MEASURE_PROPORTION ? unit : "",
             unit[0] && m->kind != IND_MEASURE_PROPORTION ? ")" : "");
    y_label(m, d->y_label, sizeof d->y_label);
    snprintf(d->interval_label, sizeof d->interval_label, "%g%% interval",
             it->result->level * 100);
    c->id = d->id;
    c->title = d->title;
    c->y_label = d->y_label;
    c->x_label = report_period_name(m->period_kind);
    c->value_label = "Figure for the period";
    c->interval_label = d->interval_label;
    c->n = n_cat;
    c->n_observed = m->n;
    c->label = d->label;
    c->value = d->value;
    c->lower = d->lower;
    c->upper = d->upper;
    c->break_at = d->breaks;
    if (trend) {
        c->has_trend = 1;
        c->trend_x0 = (double)tl->first;
        c->trend_y0 = tl->intercept;
        c->trend_x1 = (double)tl->last + 1;
        c->trend_y1 = tl->projection;
    }
    projection_parts(d, m, it->result->level);
    c->limits = d->limits;
    spc_parts(d, m);
    target_parts(d, a, it, o);
    c->percent = m->kind == IND_MEASURE_PROPORTION;
    /* The axis starts at zero unless asked otherwise, so that a change is
    ** never drawn bigger than it is. */
    c->zero_based = o->zero_based;
    c->prefix = m->unit != NULL && strcmp(m->unit, "GBP") == 0 ? "£" : NULL;
    describe(d, a, it, o);
    c->desc = d->desc;
    return 0;
}

/* ---- a measure's table ------------------------------------------------------------- */

typedef struct columns {
    int counts, interval, ytd, status, lags;
} columns;

static columns columns_of(const report_area *a, const report_item *it, const report_opts *o)
{
    const ind_measure *m = it->measure;
    columns k = { 0 };
    k.counts = m->kind != IND_MEASURE_COUNT;
    k.interval = k.counts || m->projection.fit.status == IND_OK;
    k.ytd = m->ytd != NULL;
    k.status = report_has_status(a, it, o);
    k.lags = m->max_lag >= 2 && m->n > 2 ? 2 : 1;
    return k;
}

static void table_head(FILE *fp, const ind_measure *m, const columns *k, double level)
{
    char buf[64];
    fputs("<thead><tr>", fp);
    head_cell(fp, NULL, "Period");
    head_cell(fp, "num", "Figure");
    if (k->counts)
        head_cell(fp, "num", m->kind == IND_MEASURE_PROPORTION ? "Of" : "Numerator / denominator");
    if (k->interval) {
        snprintf(buf, sizeof buf, "%g%% interval", level * 100);
        head_cell(fp, "num", buf);
    }
    head_cell(fp, "num", "Change");
    head_cell(fp, "num", "% change");
    if (k->lags > 1) {
        head_cell(fp, "num", "Change on 2 periods before");
        head_cell(fp, "num", "% change on 2 periods before");
    }
    if (k->ytd) {
        head_cell(fp, "num", "Year to date");
        if (k->counts)
            head_cell(fp, "num", "Of (year to date)");
    }
    head_cell(fp, NULL, "Test of the change");
    if (k->status)
        head_cell(fp, NULL, "Status");
    head_cell(fp, NULL, "Notes");
    fputs("</tr></thead>", fp);
}

static void special_note(const ind_measure *m, size_t t, char *buf, size_t size)
{
    buf[0] = '\0';
    if (m->spc.status != IND_OK)
        return;
    const ind_spc_point *p = &m->spc.chart.point[t];
    if (p->rule == IND_SPC_RULE_NONE)
        return;
    const char *type = p->type == IND_SPC_IMPROVEMENT ? "improvement"
                       : p->type == IND_SPC_CONCERN ? "concern"
                                                    : "neither better nor worse";
    snprintf(buf, size, "special cause (%s, %s): %s", type, p->side > 0 ? "high" : "low",
             ind_spc_rule_name(p->rule));
}

static void observed_row(FILE *fp, const report_area *a, const report_item *it, size_t t,
                         const columns *k, const report_opts *o)
{
    const ind_measure *m = it->measure;
    char buf[IND_PRESENT_MAX], notes[2 * IND_PRESENT_MAX], spc[IND_PRESENT_MAX];
    fputs("<tr><th scope=\"row\">", fp);
    esc(fp, m->label[t]);
    fputs("</th>", fp);
    ind_present_value(m, t, o->decimals, buf, sizeof buf);
    cell(fp, "num", buf);
    if (k->counts) {
        cells_counts(m, &m->point[t], buf, sizeof buf);
        cell(fp, "num", buf);
    }
    if (k->interval) {
        ind_present_interval(m, t, o->decimals, buf, sizeof buf);
        cell(fp, "num", buf);
    }
    for (int lag = 1; lag <= k->lags; lag++) {
        ind_present_change_absolute(m, t, lag, o->decimals, buf, sizeof buf);
        cell(fp, "num", buf);
        ind_present_change_percent(m, t, lag, o->decimals, buf, sizeof buf);
        cell(fp, "num", buf);
    }
    if (k->ytd) {
        ind_present_point(m, &m->ytd[t], o->decimals, buf, sizeof buf);
        cell(fp, "num", buf);
        if (k->counts) {
            cells_counts(m, &m->ytd[t], buf, sizeof buf);
            cell(fp, "num", buf);
        }
    }
    cells_significance(m, t, buf, sizeof buf);
    cell(fp, NULL, buf);
    if (k->status) {
        ind_status st;
        fputs("<td>", fp);
        if (report_status_at(a, it, t, o, &st))
            badge(fp, o, st.level);
        fputs("</td>", fp);
    }
    cells_flags(&m->point[t], cells_across_break(m, t, k->lags), notes, sizeof notes);
    special_note(m, t, spc, sizeof spc);
    if (spc[0] != '\0')
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes), "%s%s",
                 notes[0] != '\0' ? "; " : "", spc);
    cell(fp, NULL, notes);
    fputs("</tr>", fp);
}

static void projected_row(FILE *fp, const report_item *it, size_t j, const columns *k,
                          const report_opts *o)
{
    const ind_measure *m = it->measure;
    const ind_measure_projection *mp = &m->projection;
    char buf[2 * IND_PRESENT_MAX + 8], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
    fputs("<tr class=\"projected\"><th scope=\"row\">", fp);
    esc(fp, mp->label[j]);
    fputs(" (projected)</th>", fp);
    ind_present_number(m, mp->value[j], o->decimals, buf, sizeof buf);
    cell(fp, "num", buf);
    if (k->counts)
        cell(fp, "num", "");
    if (k->interval) {
        ind_present_number(m, mp->lower[j], o->decimals, lo, sizeof lo);
        ind_present_number(m, mp->upper[j], o->decimals, hi, sizeof hi);
        snprintf(buf, sizeof buf, "%s to %s", lo, hi);
        cell(fp, "num", buf);
    }
    int rest = 2 * k->lags + (k->ytd ? 1 + k->counts : 0) + 1 + k->status;
    for (int c = 0; c < rest; c++)
        cell(fp, NULL, "");
    snprintf(buf, sizeof buf, "projection (%s)%s",
             ind_projection_method_name(mp->fit.method),
             mp->clamped[j] ? ", held within possible values" : "");
    cell(fp, NULL, buf);
    fputs("</tr>", fp);
}

static void figures_table(FILE *fp, const report_area *a, const report_item *it,
                          const report_opts *o)
{
    const ind_measure *m = it->measure;
    columns k = columns_of(a, it, o);
    fputs("<table class=\"figures\"><caption>Figures: ", fp);
    esc(fp, m->title != NULL ? m->title : m->id);
    fputs("</caption>", fp);
    table_head(fp, m, &k, it->result->level);
    fputs("<tbody>", fp);
    for (size_t t = 0; t < m->n; t++)
        observed_row(fp, a, it, t, &k, o);
    if (m->projection.fit.status == IND_OK)
        for (size_t j = 0; j < m->projection.fit.horizon; j++)
            projected_row(fp, it, j, &k, o);
    fputs("</tbody></table>", fp);
}

static void analysis(FILE *fp, const report_item *it, const report_opts *o)
{
    char line[CELLS_LINE_MAX], note[CELLS_LINE_MAX];
    const ind_measure *m = it->measure;
    fputs("<ul class=\"analysis\">", fp);
    cells_trend(it->result, m, o->decimals, line, sizeof line, note, sizeof note);
    fputs("<li>", fp);
    esc(fp, line);
    if (note[0] != '\0') {
        fputs(" Note: trend ", fp);
        esc(fp, note);
        fputs(".", fp);
    }
    fputs("</li>", fp);
    cells_tests(it->result, m, o->decimals, line, sizeof line);
    if (line[0] != '\0') {
        fputs("<li>", fp);
        esc(fp, line);
        fputs("</li>", fp);
    }
    cells_projection(it->result, m, o->decimals, 0, line, sizeof line);
    if (line[0] != '\0') {
        fputs("<li>", fp);
        esc(fp, line);
        fputs("</li>", fp);
    }
    cells_spc(m, line, sizeof line);
    if (line[0] != '\0') {
        fputs("<li>", fp);
        esc(fp, line);
        fputs("</li>", fp);
    }
    fputs("</ul>", fp);
}

/* ---- a measure --------------------------------------------------------------------- */

static void headline(FILE *fp, const report_area *a, const report_item *it,
                     const report_opts *o)
{
    const ind_measure *m = it->measure;
    long at = report_latest(it);
    char buf[IND_PRESENT_MAX], counts[IND_PRESENT_MAX];
    char sentence[IND_COMMENTARY_MAX];
    if (at < 0) {
        fputs("<p class=\"sentence\">No figure yet.</p>", fp);
        return;
    }
    size_t t = (size_t)at;
    ind_status st;
    int judged = report_status_at(a, it, t, o, &st);
    fputs("<div class=\"headline\"><span class=\"value\">", fp);
    if (judged && !isnan(st.figure.value)) {
        ind_present_point(m, &st.figure, o->decimals, buf, sizeof buf);
        cells_counts(m, &st.figure, counts, sizeof counts);
    } else {
        ind_present_value(m, t, o->decimals, buf, sizeof buf);
        cells_counts(m, &m->point[t], counts, sizeof counts);
    }
    esc(fp, buf[0] != '\0' ? buf : "no figure");
    fputs("</span><span class=\"detail\">", fp);
    esc(fp, m->label[t]);
    if (judged && st.figure_text[0] != '\0' && strstr(st.figure_text, "year to date") != NULL)
        fputs(", year to date", fp);
    if (counts[0] != '\0') {
        fputs(" (", fp);
        esc(fp, counts);
        fputs(")", fp);
    }
    fputs("</span>", fp);
    if (judged)
        badge(fp, o, st.level);
    fputs("</div>", fp);
    if (judged) {
        fputs("<p class=\"reason\">", fp);
        esc(fp, st.reason);
        fputs("</p>", fp);
    }
    if (ind_commentary_sentence(m, t, NULL, sentence, sizeof sentence) > 0) {
        fputs("<p class=\"sentence\">", fp);
        esc(fp, sentence);
        fputs("</p>", fp);
    }
}

/* A measure as an article; its heading is h2 when it stands for its whole
** group (an indicator of one measure), else h3 under the group's h2. */
static int measure(FILE *fp, const report_area *a, size_t ia, size_t k, int level,
                   const report_opts *o)
{
    const report_item *it = &a->items[k];
    const ind_measure *m = it->measure;
    char anchor[48];
    measure_anchor(anchor, sizeof anchor, ia, k);
    fprintf(fp, "<article class=\"measure\" id=\"%s\" data-measure=\"", anchor);
    esc(fp, m->id);
    fprintf(fp, "\" aria-labelledby=\"%s-h\"><h%d id=\"%s-h\">", anchor, level, anchor);
    esc(fp, m->title != NULL ? m->title : m->id);
    fputs(" <span class=\"id\">", fp);
    esc(fp, m->id);
    fprintf(fp, "</span></h%d>", level);
    headline(fp, a, it, o);
    chart_data d;
    if (chart_of(&d, a, it, ia, k, o) != 0) {
        chart_free(&d);
        return -1;
    }
    fputs("<figure>", fp);
    int drawn = svg_chart_write(fp, &d.c) == 0;
    fputs("<figcaption>", fp);
    esc(fp, drawn ? d.desc : "No chart: the measure has no figure yet.");
    fputs("</figcaption></figure>", fp);
    chart_free(&d);
    figures_table(fp, a, it, o);
    analysis(fp, it, o);
    fputs("</article>", fp);
    return 0;
}

static int group(FILE *fp, const report_area *a, size_t ia, size_t g, const report_opts *o)
{
    const report_group *gr = &a->groups[g];
    int single = gr->n == 1 && strcmp(a->items[gr->first].measure->id, gr->id) == 0;
    fputs("<section class=\"indicator\">", fp);
    if (!single) {
        fputs("<h2>", fp);
        esc(fp, gr->title != NULL ? gr->title : gr->id);
        fputs(" <span class=\"id\">", fp);
        esc(fp, gr->id);
        fputs("</span></h2>", fp);
    }
    for (size_t k = gr->first; k < gr->first + gr->n; k++)
        if (measure(fp, a, ia, k, single ? 2 : 3, o) != 0)
            return -1;
    fputs("</section>", fp);
    return 0;
}

/* ---- the page ---------------------------------------------------------------------- */

static void page_head(FILE *fp, const report_area *areas, size_t n, const report_opts *o)
{
    char title[512];
    if (o->title != NULL)
        snprintf(title, sizeof title, "%s", o->title);
    else if (n == 1)
        snprintf(title, sizeof title, "%s: performance report", areas[0].result->area);
    else
        snprintf(title, sizeof title, "Performance report");
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"generator\" content=\"indicate ", fp);
    esc(fp, ind_version());
    fputs("\"><title>", fp);
    esc(fp, title);
    fprintf(fp, "</title><style>%s</style></head>\n<body><header class=\"page\"><h1>", STYLE);
    esc(fp, title);
    fputs("</h1>", fp);
    if (n == 1) {
        const ind_result *r = areas[0].result;
        fputs("<p>", fp);
        esc(fp, r->area);
        if (r->code != NULL) {
            fputs(" (", fp);
            esc(fp, r->code);
            fputs(")", fp);
        }
        if (areas[0].card != NULL && areas[0].card->period[0] != '\0') {
            fputs(" &middot; reporting period ", fp);
            esc(fp, areas[0].card->period);
        }
        fputs("</p>", fp);
        if (r->source != NULL) {
            fputs("<p>Source: ", fp);
            esc(fp, r->source);
            fputs("</p>", fp);
        }
    }
    fputs("</header>\n<main>", fp);
}

static void page_foot(FILE *fp, const report_area *areas, size_t n)
{
    double level = n > 0 ? areas[0].result->level : 0.95;
    fprintf(fp, "</main>\n<footer><p>How to read this report: intervals are %g%% "
                "confidence intervals (Wilson for percentages, exact Poisson or Byar for "
                "rates). A change is called significant only where a test says so (exact "
                "rate-ratio test for counts and rates, Newcombe's interval for percentages). "
                "The trend is a straight line fitted by least squares; projections carry "
                "%g%% prediction intervals, the range a next figure would fall in. Process "
                "limits are those of an XmR chart (mean &plusmn; 2.66 &times; the mean moving "
                "range); a special cause is a point outside them or a run the Making Data "
                "Count rules flag. Nothing is fitted across a break in a series. Statuses "
                "are shown by word and shape as well as colour.</p><p>Made by indicate ",
            level * 100, level * 100);
    esc(fp, ind_version());
    fputs(" from ", fp);
    for (size_t i = 0; i < n; i++) {
        fputs(i > 0 ? ", " : "", fp);
        esc(fp, areas[i].result->file != NULL ? areas[i].result->file : "standard input");
    }
    fputs(".</p></footer>\n</body></html>\n", fp);
}

int write_html(FILE *fp, const report_area *areas, size_t n, const report_opts *o)
{
    page_head(fp, areas, n, o);
    for (size_t ia = 0; ia < n; ia++) {
        const report_area *a = &areas[ia];
        fputs("<section class=\"area\">", fp);
        if (n > 1) {
            fputs("<h2 class=\"area-name\">", fp);
            esc(fp, a->result->area);
            fputs("</h2>", fp);
        }
        summary(fp, a, ia, o);
        contents(fp, a, ia);
        if (a->n_items == 0)
            fputs("<p>No indicator applies: the dataset has none of their inputs.</p>", fp);
        for (size_t g = 0; g < a->n_groups; g++)
            if (group(fp, a, ia, g, o) != 0)
                return -1;
        fputs("</section>\n", fp);
    }
    page_foot(fp, areas, n);
    return ferror(fp) ? -1 : 0;
}
