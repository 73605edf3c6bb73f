/*
** write_table.c: results as aligned text tables for a terminal.
**
** One block per measure: a heading, a row per period (value, counts behind
** it, interval, changes and whether the latest is significant), then lines
** on the trend and its projection, the trend tests and the XmR chart.
** Cells are formatted first and the columns sized to fit them.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write.h"

#define MAX_COLS 15

typedef struct table {
    size_t cols, rows;
    const char *head[MAX_COLS];
    int right[MAX_COLS];      /* right-align numbers */
    char (*cell)[MAX_COLS][IND_PRESENT_MAX];
    const char *tail_head;    /* a last, unaligned column of free text */
    char (*tail)[IND_COMMENTARY_MAX];
} table;

static void print_row(FILE *fp, const table *tb, const size_t *width,
                      const char *const *cells, const char *tail)
{
    char line[MAX_COLS * (IND_PRESENT_MAX + 8)];
    size_t len = 0;
    for (size_t c = 0; c < tb->cols && len < sizeof line; c++) {
        int w = (int)width[c];
        int n = snprintf(line + len, sizeof line - len, tb->right[c] ? "%*s  " : "%-*s  ",
                         w, cells[c]);
        if (n > 0)
            len += (size_t)n;
    }
    if (len > sizeof line - 1)
        len = sizeof line - 1;
    if (tail == NULL || tail[0] == '\0')
        while (len > 0 && line[len - 1] == ' ')
            len--;
    line[len] = '\0';
    fprintf(fp, "  %s%s\n", line, tail != NULL ? tail : "");
}

/* Display width of UTF-8 text: count code points, not bytes. */
static size_t text_width(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void print_table(FILE *fp, const table *tb)
{
    size_t width[MAX_COLS];
    for (size_t c = 0; c < tb->cols; c++) {
        width[c] = text_width(tb->head[c]);
        for (size_t r = 0; r < tb->rows; r++) {
            size_t w = text_width(tb->cell[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    /* printf pads by bytes; widen the field by the multi-byte excess. */
    const char *row[MAX_COLS] = { 0 };
    size_t adj[MAX_COLS] = { 0 };
    for (size_t c = 0; c < tb->cols; c++) {
        row[c] = tb->head[c];
        adj[c] = width[c] + strlen(row[c]) - text_width(row[c]);
    }
    print_row(fp, tb, adj, row, tb->tail_head);
    for (size_t r = 0; r < tb->rows; r++) {
        for (size_t c = 0; c < tb->cols; c++) {
            row[c] = tb->cell[r][c];
            adj[c] = width[c] + strlen(row[c]) - text_width(row[c]);
        }
        print_row(fp, tb, adj, row, tb->tail != NULL ? tb->tail[r] : NULL);
    }
}

static const char *per_period(ind_period_kind kind)
{
    switch (kind) {
    case IND_PERIOD_FINANCIAL_QUARTER: return "a quarter";
    case IND_PERIOD_MONTH: return "a month";
    default: return "a year";
    }
}

/* The slope in the measure's terms: percentage points for proportions. */
static void format_slope(const ind_measure *m, double slope, int decimals,
                         char *buf, size_t size)
{
    int len;
    if (m->kind == IND_MEASURE_PROPORTION) {
        len = ind_format_double(slope * 100, decimals, 1, buf, size);
        if (len >= 0 && (size_t)len + 4 < size)
            strcat(buf, " pp");
    } else {
        len = ind_format_double(slope, decimals, 1, buf, size);
    }
    if (len >= 0 && slope > 0 && buf[0] != '-' && (size_t)len + 2 < size) {
        memmove(buf + 1, buf, strlen(buf) + 1);
        buf[0] = '+';
    }
}

static void format_p(double p, char *buf, size_t size)
{
    if (isnan(p))
        snprintf(buf, size, "p undefined");
    else if (p < 0.001)
        snprintf(buf, size, "p < 0.001");
    else
        snprintf(buf, size, "p = %.3f", p);
}

static void print_trend(FILE *fp, const ind_result *r, const ind_measure *m,
                        const write_opts *o)
{
    const ind_trend_line *tl = &m->trend;
    if (tl->status != IND_OK) {
        fprintf(fp, "  Trend: not computed (%s).\n", tl->note != NULL ? tl->note : "too few values");
        return;
    }
    char slope[IND_PRESENT_MAX], p[32], v[IND_PRESENT_MAX], lo[IND_PRESENT_MAX],
        hi[IND_PRESENT_MAX];
    format_slope(m, tl->slope, o->decimals, slope, sizeof slope);
    format_p(tl->slope_p, p, sizeof p);
    ind_present_number(m, tl->projection, o->decimals, v, sizeof v);
    ind_present_number(m, tl->lower, o->decimals, lo, sizeof lo);
    ind_present_number(m, tl->upper, o->decimals, hi, sizeof hi);
    fprintf(fp, "  Trend %s to %s: %s %s (%s). %s projected %s "
                "(%g%% prediction interval %s to %s%s).\n",
            m->label[tl->first], m->label[tl->last], slope, per_period(m->period_kind), p,
            tl->next_label, v, r->level * 100, lo, hi,
            tl->clamped ? ", held within possible values" : "");
    if (tl->note != NULL)
        fprintf(fp, "  Note: trend %s.\n", tl->note);
}

/* "lower (p < 0.001)", "no significant change", or "" when not tested. */
static void significance_cell(const ind_measure *m, size_t t, char *buf, size_t size)
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
    format_p(sg->p, p, sizeof p);
    snprintf(buf, size, "%s (%s)", sg->verdict == IND_VERDICT_HIGHER ? "higher" : "lower", p);
}

static void print_tests(FILE *fp, const ind_result *r, const ind_measure *m,
                        const write_opts *o)
{
    const ind_trend_tests *tt = &m->tests;
    if (tt->mk_status != IND_OK)
        return;
    char p[32], slope[IND_PRESENT_MAX], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
    format_p(tt->mk.p, p, sizeof p);
    fprintf(fp, "  Trend tests %s to %s: Mann-Kendall tau %.2f (%s%s)", m->label[tt->first],
            m->label[tt->last], tt->mk.tau, p, tt->mk.exact ? ", exact" : "");
    if (tt->sen_status == IND_OK) {
        format_slope(m, tt->sen.slope, o->decimals, slope, sizeof slope);
        format_slope(m, tt->sen.lower, o->decimals, lo, sizeof lo);
        format_slope(m, tt->sen.upper, o->decimals, hi, sizeof hi);
        fprintf(fp, "; Sen's slope %s %s (%g%% interval %s to %s)", slope,
                per_period(m->period_kind), r->level * 100, lo, hi);
    }
    if (tt->ca_status == IND_OK) {
        format_p(tt->ca.p, p, sizeof p);
        fprintf(fp, "; chi-square test for trend in proportions %s", p);
    }
    fputs(".\n", fp);
}

/* The projection when it says more than the trend line: another method or
** more than one period. */
static void print_projection(FILE *fp, const ind_result *r, const ind_measure *m,
                             const write_opts *o)
{
    const ind_measure_projection *mp = &m->projection;
    const ind_projection *f = &mp->fit;
    if (f->status != IND_OK) {
        if (f->requested != IND_PROJECT_AUTO)
            fprintf(fp, "  Projection: not computed (%s).\n", mp->note);
        return;
    }
    if (f->method == IND_PROJECT_LINEAR && f->horizon == 1)
        return;
    fprintf(fp, "  Projection (%s):", mp->note);
    for (size_t h = 0; h < f->horizon; h++) {
        char v[IND_PRESENT_MAX], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
        ind_present_number(m, mp->value[h], o->decimals, v, sizeof v);
        ind_present_number(m, mp->lower[h], o->decimals, lo, sizeof lo);
        ind_present_number(m, mp->upper[h], o->decimals, hi, sizeof hi);
        fprintf(fp, "%s %s %s (%g%% prediction interval %s to %s)", h ? ";" : "",
                mp->label[h], v, r->level * 100, lo, hi);
    }
    fputs(f->clamped ? ", held within possible values.\n" : ".\n", fp);
}

static void print_spc(FILE *fp, const ind_measure *m)
{
    const ind_measure_spc *sp = &m->spc;
    const ind_spc_chart *c = &sp->chart;
    if (sp->status != IND_OK || c->latest >= m->n)
        return;
    const ind_spc_point *p = &c->point[c->latest];
    if (p->rule == IND_SPC_RULE_NONE) {
        fprintf(fp, "  SPC: common cause variation at %s", m->label[c->latest]);
    } else {
        fprintf(fp, "  SPC: special cause (%s, %s) at %s: %s", ind_spc_type_name(p->type),
                p->side > 0 ? "high" : "low", m->label[c->latest], ind_spc_rule_name(p->rule));
    }
    fprintf(fp, "%s%s.\n", sp->note != NULL ? "; " : "", sp->note != NULL ? sp->note : "");
}

static void counts_cell(const ind_measure *m, const ind_point *p, char *buf, size_t size)
{
    char k[IND_FORMAT_MAX], n[IND_FORMAT_MAX];
    buf[0] = '\0';
    if (m->kind == IND_MEASURE_COUNT || isnan(p->numerator) || isnan(p->denominator))
        return;
    ind_format_amount(p->numerator, 2, k, sizeof k);
    ind_format_amount(p->denominator, 2, n, sizeof n);
    snprintf(buf, size, m->kind == IND_MEASURE_PROPORTION ? "%s of %s" : "%s / %s", k, n);
}

static void flags_cell(const ind_point *p, int across_break, char *buf, size_t size)
{
    buf[0] = '\0';
    if (p->flags & IND_POINT_GAP)
        strncat(buf, "gap ", size - strlen(buf) - 1);
    if (p->flags & IND_POINT_BREAK)
        strncat(buf, "break ", size - strlen(buf) - 1);
    else if (across_break)
        strncat(buf, "across-break ", size - strlen(buf) - 1);
    if (p->flags & IND_POINT_SUPPRESSED)
        strncat(buf, "suppressed ", size - strlen(buf) - 1);
    if (p->flags & IND_POINT_PROVISIONAL)
        strncat(buf, "provisional ", size - strlen(buf) - 1);
    size_t len = strlen(buf);
    if (len > 0)
        buf[len - 1] = '\0';
}

static void fill_measure_table(table *tb, const ind_result *r, const ind_measure *m,
                               const write_opts *o, char (*heads)[32])
{
    int quotient = m->kind != IND_MEASURE_COUNT;
    size_t c = 0;
    tb->head[c] = "period"; tb->right[c++] = 0;
    tb->head[c] = "value"; tb->right[c++] = 1;
    if (quotient) {
        tb->head[c] = m->kind == IND_MEASURE_PROPORTION ? "of" : "numerator / denominator";
        tb->right[c++] = 1;
        snprintf(heads[0], sizeof heads[0], "%g%% interval", r->level * 100);
        tb->head[c] = heads[0]; tb->right[c++] = 1;
    }
    for (int lag = 1; lag <= m->max_lag && lag <= 3; lag++) {
        snprintf(heads[2 * lag - 1], sizeof heads[0], lag == 1 ? "change" : "change (%d)", lag);
        snprintf(heads[2 * lag], sizeof heads[0], lag == 1 ? "%% change" : "%% change (%d)", lag);
        tb->head[c] = heads[2 * lag - 1]; tb->right[c++] = 1;
        tb->head[c] = heads[2 * lag]; tb->right[c++] = 1;
    }
    if (m->ytd != NULL) {
        tb->head[c] = "year to date"; tb->right[c++] = 1;
        if (quotient) {
            tb->head[c] = "of (year to date)";
            tb->right[c++] = 1;
        }
    }
    tb->head[c] = "significance"; tb->right[c++] = 0;
    ind_status st;
    int has_status = 0;
    for (size_t t = 0; t < m->n && !has_status; t++)
        has_status = write_status_of(o, m, t, &st);
    if (has_status) {
        tb->head[c] = "status"; tb->right[c++] = 0;
    }
    tb->head[c] = "notes"; tb->right[c++] = 0;
    tb->cols = c;
    tb->rows = m->n;
    if (tb->tail != NULL)
        tb->tail_head = "commentary";

    for (size_t t = 0; t < m->n; t++) {
        char (*row)[IND_PRESENT_MAX] = tb->cell[t];
        size_t k = 0;
        snprintf(row[k++], IND_PRESENT_MAX, "%s", m->label[t]);
        ind_present_value(m, t, o->decimals, row[k++], IND_PRESENT_MAX);
        if (quotient) {
            counts_cell(m, &m->point[t], row[k++], IND_PRESENT_MAX);
            ind_present_interval(m, t, o->decimals, row[k++], IND_PRESENT_MAX);
        }
        int across = 0;
        for (int lag = 1; lag <= m->max_lag && lag <= 3; lag++) {
            ind_present_change_absolute(m, t, lag, o->decimals, row[k++], IND_PRESENT_MAX);
            ind_present_change_percent(m, t, lag, o->decimals, row[k++], IND_PRESENT_MAX);
            if (t >= (size_t)lag && m->across_break[t * (size_t)m->max_lag + (size_t)lag - 1])
                across = 1;
        }
        if (m->ytd != NULL) {
            ind_present_point(m, &m->ytd[t], o->decimals, row[k++], IND_PRESENT_MAX);
            if (quotient)
                counts_cell(m, &m->ytd[t], row[k++], IND_PRESENT_MAX);
        }
        significance_cell(m, t, row[k++], IND_PRESENT_MAX);
        if (has_status) {
            const char *word = write_status_of(o, m, t, &st) ? write_status_word(o, st.level) : "";
            snprintf(row[k++], IND_PRESENT_MAX, "%s", word);
        }
        flags_cell(&m->point[t], across, row[k++], IND_PRESENT_MAX);
        if (tb->tail != NULL && ind_commentary_sentence(m, t, NULL, tb->tail[t],
                                                        sizeof tb->tail[t]) < 0)
            tb->tail[t][0] = '\0';
    }
}

static void print_measure(FILE *fp, const ind_result *r, const ind_measure *m,
                          const write_opts *o)
{
    table tb;
    memset(&tb, 0, sizeof tb);
    char heads[8][32];
    tb.cell = calloc(m->n + 1, sizeof *tb.cell);
    if (o->commentary)
        tb.tail = calloc(m->n + 1, sizeof *tb.tail);
    if (tb.cell == NULL || (o->commentary && tb.tail == NULL)) {
        fprintf(fp, "  (out of memory)\n");
        free(tb.cell);
        free(tb.tail);
        return;
    }
    fprintf(fp, "\n%s: %s", m->id, m->title);
    if (m->unit != NULL && strcmp(m->unit, "count") != 0)
        fprintf(fp, " (%s)", m->unit);
    fputc('\n', fp);
    fill_measure_table(&tb, r, m, o, heads);
    print_table(fp, &tb);
    print_trend(fp, r, m, o);
    print_tests(fp, r, m, o);
    print_projection(fp, r, m, o);
    print_spc(fp, m);
    free(tb.cell);
    free(tb.tail);
}

void write_table(FILE *fp, ind_result *const *results, size_t n, const write_opts *o)
{
    for (size_t i = 0; i < n; i++) {
        const ind_result *r = results[i];
        if (i > 0)
            fputc('\n', fp);
        fprintf(fp, "%s", r->area);
        if (r->code != NULL)
            fprintf(fp, " (%s)", r->code);
        fputc('\n', fp);
        if (r->source != NULL)
            fprintf(fp, "Source: %s\n", r->source);
        if (r->n_measures == 0)
            fprintf(fp, "\nNo indicator applies: the dataset has none of their inputs.\n");
        write_opts oi = write_opts_for_area(o, i);
        for (size_t j = 0; j < r->n_measures; j++)
            print_measure(fp, r, &r->measure[j], &oi);
    }
}
