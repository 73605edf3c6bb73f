/*
** write_xlsx.c: the workbook (write_xlsx.h).
**
** The book keeps one entry per sheet: its name, the next row to write and
** where its next chart goes. Rows only ever move down, so libxlsxwriter's
** constant memory mode works. Number formats are made once and cached by
** their format string. Every value written is a field of the result or
** scorecard; the only arithmetic is the change of units the header names
** (a proportion's change in percentage points, the summary's whole
** percentages as fractions for the % format).
*/
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "cells.h"
#include "cli.h"
#include "indicate/commentary.h"
#include "write_xlsx.h"

#define MAX_FORMATS 64
#define SHEET_NAME_MAX 31
#define CHART_ROWS 18       /* rows a chart takes, with a gap */
#define CHART_COL 25        /* charts start at column Z */

typedef struct sheet {
    char name[SHEET_NAME_MAX + 1];
    char key[128];          /* the group id it holds */
    lxw_worksheet *ws;
    lxw_row_t row;          /* next row to write */
    lxw_row_t chart_row;    /* where the next chart may go */
} sheet;

typedef struct cached_format {
    char code[128];
    lxw_format *f;
} cached_format;

struct xlsx_book {
    xlsx_opts o;
    lxw_workbook *wb;
    char *path;             /* NULL: standard output */
    char *tmp;              /* the file libxlsxwriter writes */
    lxw_format *bold, *wrap, *head;
    cached_format formats[MAX_FORMATS];
    size_t n_formats;
    sheet summary, statuses;
    sheet *sheets;
    size_t n_sheets, cap_sheets;
    int failed;
};

/* ---- formats -------------------------------------------------------------------- */

static lxw_format *number_format(xlsx_book *b, const char *code)
{
    for (size_t i = 0; i < b->n_formats; i++)
        if (strcmp(b->formats[i].code, code) == 0)
            return b->formats[i].f;
    lxw_format *f = workbook_add_format(b->wb);
    if (f == NULL)
        return NULL;
    format_set_num_format(f, code);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (b->n_formats < MAX_FORMATS) {
        snprintf(b->formats[b->n_formats].code, sizeof b->formats[0].code, "%s", code);
        b->formats[b->n_formats++].f = f;
    }
    return f;
}

/* "0.0" with d decimals after "head" and before "tail". */
static void decimals_code(char *buf, size_t size, const char *head, int d, const char *tail)
{
    snprintf(buf, size, "%s0%s%.*s%s", head, d > 0 ? "." : "", d > 0 ? d : 0, "000000", tail);
}

static int all_integral(const ind_measure *m)
{
    for (size_t t = 0; t < m->n; t++)
        if (!isnan(m->point[t].value) && !ind_is_integral(m->point[t].value))
            return 0;
    return 1;
}

/* A signed format: "+0.0 pp" for rises, "-0.0 pp" for falls, "0.0 pp" for
** none, with d decimals, head before the digits and tail after them. */
static void signed_code(char *buf, size_t size, const char *head, int d, const char *tail)
{
    char one[32];
    decimals_code(one, sizeof one, head, d, tail);
    snprintf(buf, size, "+%s;-%s;%s", one, one, one);
}

/* The number format of m's figures (and of its bounds and projection). */
static void value_code(const ind_measure *m, int decimals, int whole, char *buf, size_t size)
{
    int gbp = m->unit != NULL && strcmp(m->unit, "GBP") == 0;
    switch (m->kind) {
    case IND_MEASURE_PROPORTION:
        decimals_code(buf, size, "", decimals, "%");
        return;
    case IND_MEASURE_RATIO:
        if (m->unit != NULL && strcmp(m->unit, "%") == 0) {
            decimals_code(buf, size, "", decimals, "\"%\"");
            return;
        }
        decimals_code(buf, size, "#,##", decimals, "");
        return;
    case IND_MEASURE_RATE:
        decimals_code(buf, size, "#,##", decimals, "");
        return;
    default:
        decimals_code(buf, size, gbp ? "\"£\"#,##" : "#,##", whole ? 0 : 1, "");
        return;
    }
}

/* ---- cells ----------------------------------------------------------------------- */

static void text(xlsx_book *b, sheet *s, lxw_col_t col, const char *v, lxw_format *f)
{
    if (v == NULL || v[0] == '\0')
        return;
    if (worksheet_write_string(s->ws, s->row, col, v, f) != LXW_NO_ERROR)
        b->failed = 1;
}

static void number(xlsx_book *b, sheet *s, lxw_col_t col, double v, lxw_format *f)
{
    if (!isfinite(v))
        return;
    if (worksheet_write_number(s->ws, s->row, col, v, f) != LXW_NO_ERROR)
        b->failed = 1;
}

static void header(xlsx_book *b, sheet *s, const char *const *names, size_t n,
                   const double *widths)
{
    for (size_t c = 0; c < n; c++) {
        text(b, s, (lxw_col_t)c, names[c], b->head);
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    s->row = 1;
    s->chart_row = 1;
}

/* ---- sheets ---------------------------------------------------------------------- */

/* A valid, unique sheet name from id: at most 31 characters, none of
** []:*?/\, not "Summary" or "Statuses" (compared without case). */
static void sheet_name(const xlsx_book *b, const char *id, char *out)
{
    char base[SHEET_NAME_MAX + 1];
    size_t n = 0;
    for (; id[n] != '\0' && n < SHEET_NAME_MAX; n++)
        base[n] = strchr("[]:*?/\\'", id[n]) != NULL ? '_' : id[n];
    base[n] = '\0';
    snprintf(out, SHEET_NAME_MAX + 1, "%s", n > 0 ? base : "sheet");
    for (int k = 2;; k++) {
        int taken = strcasecmp(out, "Summary") == 0 || strcasecmp(out, "Statuses") == 0;
        for (size_t i = 0; i < b->n_sheets && !taken; i++)
            taken = strcasecmp(b->sheets[i].name, out) == 0;
        if (!taken)
            return;
        char suffix[16];
        int len = snprintf(suffix, sizeof suffix, "~%d", k);
        snprintf(out, SHEET_NAME_MAX + 1, "%.*s%s", SHEET_NAME_MAX - len, base, suffix);
    }
}

static const char *const GROUP_COLUMNS[] = {
    "Area", "Code", "Measure", "Title", "Period", "Row", "Figure", "Numerator",
    "Denominator", "Lower", "Upper", "Change", "% change", "Test of the change", "p",
    "Year to date", "Status", "Target", "Trend line", "Projection", "Projection lower",
    "Projection upper", "Notes", "Commentary",
};
enum {
    C_AREA, C_CODE, C_MEASURE, C_TITLE, C_PERIOD, C_ROW, C_VALUE, C_NUM, C_DEN, C_LOWER,
    C_UPPER, C_CHANGE, C_PERCENT, C_TEST, C_P, C_YTD, C_STATUS, C_TARGET, C_TREND, C_PROJ,
    C_PROJ_LO, C_PROJ_HI, C_NOTES, C_COMMENTARY, N_GROUP_COLUMNS
};
static const double GROUP_WIDTHS[N_GROUP_COLUMNS] = {
    18, 11, 30, 36, 11, 10, 11, 11, 12, 10, 10, 10, 10, 22, 8, 12, 12, 10, 11, 11, 12, 12,
    16, 80,
};

static sheet *group_sheet(xlsx_book *b, const report_group *g)
{
    for (size_t i = 0; i < b->n_sheets; i++)
        if (strcmp(b->sheets[i].key, g->id) == 0)
            return &b->sheets[i];
    if (b->n_sheets == b->cap_sheets) {
        size_t cap = b->cap_sheets ? 2 * b->cap_sheets : 16;
        sheet *grown = realloc(b->sheets, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        b->sheets = grown;
        b->cap_sheets = cap;
    }
    sheet *s = &b->sheets[b->n_sheets];
    memset(s, 0, sizeof *s);
    sheet_name(b, g->id, s->name);
    snprintf(s->key, sizeof s->key, "%s", g->id);
    s->ws = workbook_add_worksheet(b->wb, s->name);
    if (s->ws == NULL)
        return NULL;
    b->n_sheets++;
    header(b, s, GROUP_COLUMNS, N_GROUP_COLUMNS, GROUP_WIDTHS);
    return s;
}

/* ---- the summary and statuses ---------------------------------------------------- */

static const char *const SUMMARY_COLUMNS[] = {
    "Area", "Code", "Period", "Status", "Statistical", "Project", "Total", "%",
};
static const double SUMMARY_WIDTHS[] = { 22, 12, 12, 26, 12, 10, 10, 8 };

static const char *const STATUS_COLUMNS[] = {
    "Area", "Code", "Status", "Type", "Id", "Measure", "Period", "Figure",
    "Figure (as reported)", "Target", "Target (as set)", "Against the target", "Commentary",
};
static const double STATUS_WIDTHS[] = { 18, 11, 12, 11, 30, 48, 11, 11, 30, 11, 30, 48, 80 };

static const char *row_word(const ind_vocab *v, int row)
{
    static const ind_level first_level[IND_SUMMARY_ROWS] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_MISSED,
        IND_LEVEL_PENDING,
    };
    return row == IND_SUMMARY_ROWS - 1 ? v->combined : ind_vocab_word(v, first_level[row]);
}

static void summary_rows(xlsx_book *b, const ind_scorecard *sc)
{
    const ind_vocab *v = b->o.report.vocab != NULL ? b->o.report.vocab : ind_vocab_default();
    const ind_summary *s = &sc->summary;
    sheet *sh = &b->summary;
    lxw_format *whole = number_format(b, "#,##0"), *pct = number_format(b, "0%");
    for (int r = 0; r <= IND_SUMMARY_ROWS; r++, sh->row++) {
        int totals = r == IND_SUMMARY_ROWS;
        lxw_format *label = totals ? b->bold : b->wrap;
        text(b, sh, 0, sc->area, b->wrap);
        text(b, sh, 1, sc->code, b->wrap);
        text(b, sh, 2, sc->period, b->wrap);
        text(b, sh, 3, totals ? "Totals" : row_word(v, r), label);
        number(b, sh, 4, (double)(totals ? s->class_total[0] : s->count[r][0]), whole);
        number(b, sh, 5, (double)(totals ? s->class_total[1] : s->count[r][1]), whole);
        number(b, sh, 6, (double)(totals ? s->total : s->row_total[r]), whole);
        /* The library's whole percentages, as fractions for the % format. */
        unsigned pc = totals ? (s->total > 0 ? 100u : 0u) : s->percent[r];
        number(b, sh, 7, pc / 100.0, pct);
    }
}

static void status_rows(xlsx_book *b, const ind_scorecard *sc)
{
    const ind_vocab *v = b->o.report.vocab != NULL ? b->o.report.vocab : ind_vocab_default();
    sheet *sh = &b->statuses;
    char code[48];
    for (size_t k = 0; k < sc->n_items; k++, sh->row++) {
        const ind_status *st = &sc->items[k];
        int stat = st->item_class == IND_ITEM_STATISTICAL;
        text(b, sh, 0, sc->area, b->wrap);
        text(b, sh, 1, sc->code, b->wrap);
        text(b, sh, 2, ind_vocab_word(v, st->level), b->bold);
        text(b, sh, 3, ind_item_class_name(st->item_class), b->wrap);
        text(b, sh, 4, st->id, b->wrap);
        text(b, sh, 5, st->title, b->wrap);
        if (stat) {
            text(b, sh, 6, st->period, b->wrap);
            value_code(st->measure, b->o.report.decimals, ind_is_integral(st->figure.value),
                       code, sizeof code);
            lxw_format *f = number_format(b, code);
            number(b, sh, 7, st->figure.value, f);
            if (st->step != NULL && st->step->has_target)
                number(b, sh, 9, st->judgement.target, f);
        }
        text(b, sh, 8, st->figure_text, b->wrap);
        text(b, sh, 10, st->target_text, b->wrap);
        text(b, sh, 11, st->assessment, b->wrap);
        text(b, sh, 12, stat ? st->commentary : NULL, b->wrap);
    }
}

/* ---- a measure's rows and chart ---------------------------------------------------- */

typedef struct block {
    sheet *s;
    lxw_row_t first, last;     /* rows of the measure in s */
    int has_trend, has_projection, has_target;
} block;

static void observed_row(xlsx_book *b, const report_area *a, const report_item *it, size_t t,
                         lxw_format *vf, lxw_format *cf, block *k)
{
    const ind_measure *m = it->measure;
    const report_opts *o = &b->o.report;
    sheet *s = k->s;
    const ind_point *p = &m->point[t];
    char buf[IND_COMMENTARY_MAX];
    text(b, s, C_AREA, it->result->area, NULL);
    text(b, s, C_CODE, it->result->code, NULL);
    text(b, s, C_MEASURE, m->id, NULL);
    text(b, s, C_TITLE, m->title, NULL);
    text(b, s, C_PERIOD, m->label[t], NULL);
    text(b, s, C_ROW, "observed", NULL);
    number(b, s, C_VALUE, p->value, vf);
    lxw_format *whole = number_format(b, "#,##0");
    if (m->kind != IND_MEASURE_COUNT) {
        number(b, s, C_NUM, p->numerator, whole);
        number(b, s, C_DEN, p->denominator, whole);
    }
    number(b, s, C_LOWER, p->lower, vf);
    number(b, s, C_UPPER, p->upper, vf);
    const ind_change *c = ind_measure_change(m, t, 1);
    if (c != NULL) {
        /* A proportion's change in percentage points, as the tables say it. */
        number(b, s, C_CHANGE, m->kind == IND_MEASURE_PROPORTION ? c->absolute * 100 : c->absolute,
               cf);
        char pcode[128];
        signed_code(pcode, sizeof pcode, "", o->decimals, "\"%\"");
        number(b, s, C_PERCENT, c->percent, number_format(b, pcode));
    }
    cells_significance(m, t, buf, sizeof buf);
    text(b, s, C_TEST, buf, NULL);
    const ind_significance *sg = ind_measure_significance(m, t, 1);
    if (sg != NULL && sg->method != NULL)
        number(b, s, C_P, sg->p, number_format(b, "0.000"));
    if (m->ytd != NULL)
        number(b, s, C_YTD, m->ytd[t].value, vf);
    ind_status st;
    if (report_status_at(a, it, t, o, &st)) {
        text(b, s, C_STATUS, report_word(o, st.level), b->bold);
        if (st.step != NULL && st.step->has_target) {
            number(b, s, C_TARGET, st.judgement.target, vf);
            k->has_target = 1;
        }
    }
    const ind_trend_line *tl = &m->trend;
    if (tl->status == IND_OK && t == tl->first) {
        number(b, s, C_TREND, tl->intercept, vf);
    }
    if (tl->status == IND_OK && t == tl->last + 1)
        number(b, s, C_TREND, tl->projection, vf);
    const ind_projection *f = &m->projection.fit;
    if (f->status == IND_OK && t == f->last && m->projection.label != NULL)
        number(b, s, C_PROJ, p->value, vf);   /* the projection starts here */
    cells_flags(p, cells_across_break(m, t, 1), buf, sizeof buf);
    text(b, s, C_NOTES, buf, NULL);
    if (ind_commentary_sentence(m, t, NULL, buf, sizeof buf) > 0)
        text(b, s, C_COMMENTARY, buf, NULL);
    s->row++;
}

static void projected_row(xlsx_book *b, const report_item *it, size_t h, lxw_format *vf,
                          block *k)
{
    const ind_measure *m = it->measure;
    const ind_measure_projection *mp = &m->projection;
    const ind_trend_line *tl = &m->trend;
    sheet *s = k->s;
    text(b, s, C_AREA, it->result->area, NULL);
    text(b, s, C_CODE, it->result->code, NULL);
    text(b, s, C_MEASURE, m->id, NULL);
    text(b, s, C_TITLE, m->title, NULL);
    text(b, s, C_PERIOD, mp->label[h], NULL);
    text(b, s, C_ROW, "projected", NULL);
    number(b, s, C_PROJ, mp->value[h], vf);
    number(b, s, C_PROJ_LO, mp->lower[h], vf);
    number(b, s, C_PROJ_HI, mp->upper[h], vf);
    if (tl->status == IND_OK && strcmp(tl->next_label, mp->label[h]) == 0)
        number(b, s, C_TREND, tl->projection, vf);
    char note[96];
    snprintf(note, sizeof note, "projection (%s)%s", ind_projection_method_name(mp->fit.method),
             mp->clamped[h] ? ", held within possible values" : "");
    text(b, s, C_NOTES, note, NULL);
    s->row++;
}

static void add_series(lxw_chart *chart, const block *k, lxw_col_t col, const char *name,
                       lxw_color_t colour, uint8_t dash, float width, uint8_t marker)
{
    lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
    if (se == NULL)
        return;
    chart_series_set_categories(se, k->s->name, k->first, C_PERIOD, k->last, C_PERIOD);
    chart_series_set_values(se, k->s->name, k->first, col, k->last, col);
    chart_series_set_name(se, name);
    lxw_chart_line line = { .color = colour, .width = width, .dash_type = dash };
    chart_series_set_line(se, &line);
    chart_series_set_marker_type(se, marker);
    if (marker != LXW_CHART_MARKER_NONE) {
        lxw_chart_fill fill = { .color = colour };
        chart_series_set_marker_fill(se, &fill);
        chart_series_set_marker_size(se, 6);
    }
}

static void chart(xlsx_book *b, const report_item *it, const block *k, const char *vcode)
{
    const ind_measure *m = it->measure;
    lxw_chart *c = workbook_add_chart(b->wb, LXW_CHART_LINE);
    if (c == NULL) {
        b->failed = 1;
        return;
    }
    char title[IND_COMMENTARY_MAX + 64];
    snprintf(title, sizeof title, "%s: %s", it->result->area, m->title != NULL ? m->title : m->id);
    chart_title_set_name(c, title);
    add_series(c, k, C_VALUE, "Figure", 0x0072B2, LXW_CHART_LINE_DASH_SOLID, 2.5,
               LXW_CHART_MARKER_CIRCLE);
    if (k->has_trend)
        add_series(c, k, C_TREND, "Straight-line trend", 0x444444, LXW_CHART_LINE_DASH_DASH,
                   1.5, LXW_CHART_MARKER_NONE);
    if (k->has_projection) {
        add_series(c, k, C_PROJ, "Projection", 0x0072B2, LXW_CHART_LINE_DASH_ROUND_DOT, 2,
                   LXW_CHART_MARKER_NONE);
        add_series(c, k, C_PROJ_LO, "Prediction interval, lower", 0x56B4E9,
                   LXW_CHART_LINE_DASH_SQUARE_DOT, 1, LXW_CHART_MARKER_NONE);
        add_series(c, k, C_PROJ_HI, "Prediction interval, upper", 0x56B4E9,
                   LXW_CHART_LINE_DASH_SQUARE_DOT, 1, LXW_CHART_MARKER_NONE);
    }
    if (k->has_target)
        add_series(c, k, C_TARGET, "Target", 0x222222, LXW_CHART_LINE_DASH_LONG_DASH_DOT, 2,
                   LXW_CHART_MARKER_NONE);
    /* The trend is stored at its two ends: Excel joins them across the gap. */
    chart_show_blanks_as(c, LXW_CHART_BLANKS_AS_CONNECTED);
    chart_axis_set_num_format(c->y_axis, vcode);
    if (m->kind == IND_MEASURE_COUNT)
        chart_axis_set_min(c->y_axis, 0);
    char unit[64];
    report_unit(m, unit, sizeof unit);
    chart_axis_set_name(c->y_axis, unit[0] != '\0' ? unit : "Number");
    chart_axis_set_name(c->x_axis, report_period_name(m->period_kind));
    chart_legend_set_position(c, LXW_CHART_LEGEND_BOTTOM);
    lxw_row_t at = k->first > k->s->chart_row ? k->first : k->s->chart_row;
    lxw_chart_options place = { .x_scale = 1.3, .y_scale = 1.1 };
    if (worksheet_insert_chart_opt(k->s->ws, at, CHART_COL, c, &place) != LXW_NO_ERROR)
        b->failed = 1;
    k->s->chart_row = at + CHART_ROWS;
}

static int measure_rows(xlsx_book *b, const report_area *a, const report_item *it, sheet *s)
{
    const ind_measure *m = it->measure;
    char vcode[48], ccode[128];
    value_code(m, b->o.report.decimals, all_integral(m), vcode, sizeof vcode);
    lxw_format *vf = number_format(b, vcode);
    if (m->kind == IND_MEASURE_PROPORTION)
        signed_code(ccode, sizeof ccode, "", b->o.report.decimals, "\" pp\"");
    else if (m->kind == IND_MEASURE_COUNT && all_integral(m))
        signed_code(ccode, sizeof ccode, "#,##", 0, "");
    else
        signed_code(ccode, sizeof ccode, "#,##", b->o.report.decimals, "");
    lxw_format *cf = number_format(b, ccode);
    block k = { .s = s, .first = s->row };
    for (size_t t = 0; t < m->n; t++)
        observed_row(b, a, it, t, vf, cf, &k);
    const ind_projection *f = &m->projection.fit;
    if (f->status == IND_OK && m->projection.label != NULL) {
        k.has_projection = 1;
        for (size_t h = 0; h < f->horizon; h++)
            projected_row(b, it, h, vf, &k);
    }
    k.last = s->row - 1;
    k.has_trend = m->trend.status == IND_OK && m->trend.last + 1 <= (size_t)(k.last - k.first);
    if (b->o.charts && m->n > 0)
        chart(b, it, &k, vcode);
    return b->failed ? -1 : 0;
}

/* ---- the book ------------------------------------------------------------------------- */

int xlsx_add_area(xlsx_book *b, const report_area *a)
{
    if (a->card != NULL) {
        summary_rows(b, a->card);
        status_rows(b, a->card);
    }
    for (size_t g = 0; g < a->n_groups; g++) {
        sheet *s = group_sheet(b, &a->groups[g]);
        if (s == NULL) {
            cli_error("cannot add a sheet for %s to the workbook (out of memory)",
                      a->groups[g].id);
            return EXIT_INTERNAL;
        }
        for (size_t i = a->groups[g].first; i < a->groups[g].first + a->groups[g].n; i++)
            if (measure_rows(b, a, &a->items[i], s) != 0) {
                cli_error("cannot add %s of %s to the workbook (out of memory, or more rows "
                          "than a sheet holds)",
                          a->items[i].measure->id, a->result->area);
                return EXIT_INTERNAL;
            }
    }
    return b->failed ? EXIT_INTERNAL : EXIT_OK_;
}

static int temp_name(xlsx_book *b, const char *path)
{
    const char *dir = path != NULL ? NULL : getenv("TMPDIR");
    size_t size = (path != NULL ? strlen(path) : strlen(dir != NULL ? dir : "/tmp")) + 40;
    b->tmp = malloc(size);
    if (b->tmp == NULL)
        return -1;
    if (path != NULL)
        snprintf(b->tmp, size, "%s.tmp.XXXXXX", path);
    else
        snprintf(b->tmp, size, "%s/indicate-xlsx.XXXXXX", dir != NULL ? dir : "/tmp");
    int fd = mkstemp(b->tmp);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static void formats(xlsx_book *b)
{
    b->bold = workbook_add_format(b->wb);
    format_set_bold(b->bold);
    format_set_align(b->bold, LXW_ALIGN_VERTICAL_TOP);
    b->wrap = workbook_add_format(b->wb);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    format_set_bg_color(b->head, 0xE9EEF2);
    format_set_text_wrap(b->head);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_TOP);
}

int xlsx_open(xlsx_book **out, const char *path, const xlsx_opts *o)
{
    *out = NULL;
    xlsx_book *b = calloc(1, sizeof *b);
    if (b == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    b->o = *o;
    if (path != NULL && strcmp(path, "-") == 0)
        path = NULL;
    if (path != NULL && (b->path = strdup(path)) == NULL) {
        free(b);
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    if (temp_name(b, path) != 0) {
        cli_error("%s: cannot create a temporary file next to it: %s",
                  path != NULL ? path : "standard output", strerror(errno));
        xlsx_abort(b);
        return EXIT_IO;
    }
    lxw_workbook_options wo = { .constant_memory = (uint8_t)(o->constant_memory != 0),
                                .tmpdir = (char *)o->tmpdir };
    b->wb = workbook_new_opt(b->tmp, &wo);
    if (b->wb == NULL) {
        cli_error("cannot start a workbook (out of memory)");
        xlsx_abort(b);
        return EXIT_INTERNAL;
    }
    formats(b);
    snprintf(b->summary.name, sizeof b->summary.name, "Summary");
    snprintf(b->statuses.name, sizeof b->statuses.name, "Statuses");
    b->summary.ws = workbook_add_worksheet(b->wb, b->summary.name);
    b->statuses.ws = workbook_add_worksheet(b->wb, b->statuses.name);
    if (b->summary.ws == NULL || b->statuses.ws == NULL) {
        cli_error("cannot start a workbook (out of memory)");
        xlsx_abort(b);
        return EXIT_INTERNAL;
    }
    header(b, &b->summary, SUMMARY_COLUMNS, sizeof SUMMARY_COLUMNS / sizeof SUMMARY_COLUMNS[0],
           SUMMARY_WIDTHS);
    header(b, &b->statuses, STATUS_COLUMNS, sizeof STATUS_COLUMNS / sizeof STATUS_COLUMNS[0],
           STATUS_WIDTHS);
    *out = b;
    return EXIT_OK_;
}

/* Copies the finished workbook to standard output. */
static int copy_out(const char *tmp)
{
    FILE *in = fopen(tmp, "rb");
    if (in == NULL)
        return -1;
    char buf[65536];
    size_t n;
    int bad = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, stdout) != n)
            bad = 1;
    bad |= ferror(in) != 0;
    fclose(in);
    return bad || fflush(stdout) != 0 ? -1 : 0;
}

int xlsx_close(xlsx_book *b)
{
    const char *where = b->path != NULL ? b->path : "standard output";
    lxw_error e = workbook_close(b->wb);
    b->wb = NULL;
    int rc = EXIT_OK_;
    if (e != LXW_NO_ERROR) {
        cli_error("%s: cannot write the workbook: %s", where, lxw_strerror(e));
        rc = EXIT_IO;
    } else if (b->path != NULL ? rename(b->tmp, b->path) != 0 : copy_out(b->tmp) != 0) {
        cli_error("%s: write failed: %s", where, strerror(errno));
        rc = EXIT_IO;
    }
    if (rc != EXIT_OK_ || b->path == NULL)
        unlink(b->tmp);
    free(b->tmp);
    b->tmp = NULL;
    xlsx_abort(b);
    return rc;
}

void xlsx_abort(xlsx_book *b)
{
    if (b == NULL)
        return;
    if (b->wb != NULL) {
        /* libxlsxwriter frees a workbook only by writing it: write it to the
        ** temporary name, which is then removed. */
        workbook_close(b->wb);
    }
    if (b->tmp != NULL) {
        unlink(b->tmp);
        free(b->tmp);
    }
    free(b->sheets);
    free(b->path);
    free(b);
}
