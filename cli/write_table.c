/*
** write_table.c: results as aligned text tables for a terminal.
**
** One block per measure: a heading, a row per period (value, counts behind
** it, interval, changes and whether the latest is significant), then lines
** on the trend and its projection, the trend tests and the XmR chart
** (their wording is shared with the other writers: cells.h).
** Cells are formatted first and the columns sized to fit them.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
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

static void print_line(FILE *fp, const char *prefix, const char *text)
{
    if (text[0] != '\0')
        fprintf(fp, "  %s%s\n", prefix, text);
}

static void print_trend(FILE *fp, const ind_result *r, const ind_measure *m,
                        const write_opts *o)
{
    char line[CELLS_LINE_MAX], note[CELLS_LINE_MAX], noted[CELLS_LINE_MAX + 8];
    cells_trend(r, m, o->decimals, line, sizeof line, note, sizeof note);
    print_line(fp, "", line);
    snprintf(noted, sizeof noted, "%s%s", note, note[0] != '\0' ? "." : "");
    print_line(fp, "Note: trend ", noted);
}

/* The trend tests, the projection (when it says more than the trend line)
** and the XmR chart's reading, a line each. */
static void print_analyses(FILE *fp, const ind_result *r, const ind_measure *m,
                           const write_opts *o)
{
    char line[CELLS_LINE_MAX];
    cells_tests(r, m, o->decimals, line, sizeof line);
    print_line(fp, "", line);
    cells_projection(r, m, o->decimals, 0, line, sizeof line);
    print_line(fp, "", line);
    cells_spc(m, line, sizeof line);
    print_line(fp, "", line);
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
            cells_counts(m, &m->point[t], row[k++], IND_PRESENT_MAX);
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
                cells_counts(m, &m->ytd[t], row[k++], IND_PRESENT_MAX);
        }
        cells_significance(m, t, row[k++], IND_PRESENT_MAX);
        if (has_status) {
            const char *word = write_status_of(o, m, t, &st) ? write_status_word(o, st.level) : "";
            snprintf(row[k++], IND_PRESENT_MAX, "%s", word);
        }
        cells_flags(&m->point[t], across, row[k++], IND_PRESENT_MAX);
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
    print_analyses(fp, r, m, o);
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
