/*
** write_table.c: results as aligned text tables for a terminal.
**
** One block per measure: a heading, a row per period (value, counts behind
** it, interval, changes), then a line on the trend and its projection.
** Cells are formatted first and the columns sized to fit them.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "write.h"

#define MAX_COLS 14

typedef struct table {
    size_t cols, rows;
    const char *head[MAX_COLS];
    int right[MAX_COLS];      /* right-align numbers */
    char (*cell)[MAX_COLS][IND_PRESENT_MAX];
} table;

static void print_row(FILE *fp, const table *tb, const size_t *width,
                      const char *const *cells)
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
    while (len > 0 && line[len - 1] == ' ')
        len--;
    line[len] = '\0';
    fprintf(fp, "  %s\n", line);
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
    print_row(fp, tb, adj, row);
    for (size_t r = 0; r < tb->rows; r++) {
        for (size_t c = 0; c < tb->cols; c++) {
            row[c] = tb->cell[r][c];
            adj[c] = width[c] + strlen(row[c]) - text_width(row[c]);
        }
        print_row(fp, tb, adj, row);
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
    tb->head[c] = "notes"; tb->right[c++] = 0;
    tb->cols = c;
    tb->rows = m->n;

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
        flags_cell(&m->point[t], across, row[k++], IND_PRESENT_MAX);
    }
}

static void print_measure(FILE *fp, const ind_result *r, const ind_measure *m,
                          const write_opts *o)
{
    table tb;
    memset(&tb, 0, sizeof tb);
    char heads[8][32];
    tb.cell = calloc(m->n + 1, sizeof *tb.cell);
    if (tb.cell == NULL) {
        fprintf(fp, "  (out of memory)\n");
        return;
    }
    fprintf(fp, "\n%s: %s", m->id, m->title);
    if (m->unit != NULL && strcmp(m->unit, "count") != 0)
        fprintf(fp, " (%s)", m->unit);
    fputc('\n', fp);
    fill_measure_table(&tb, r, m, o, heads);
    print_table(fp, &tb);
    print_trend(fp, r, m, o);
    free(tb.cell);
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
        for (size_t j = 0; j < r->n_measures; j++)
            print_measure(fp, r, &r->measure[j], o);
    }
}
