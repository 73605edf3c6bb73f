/*
** write_status.c: the status views. A table of every measure and project
** (status, figure, target, the assessment, the commentary sentence) and the
** summary table by status and type of measure, as a terminal table, JSON,
** CSV (guarded against formula injection, csvw.h) or Markdown (write_md.h). The words for each status come from the chosen vocabulary; every
** other string was written by the library.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/format.h"
#include "indicate/indicate.h"
#include "csvw.h"
#include "jsonw.h"
#include "write_md.h"
#include "write_status.h"

#define TABLE_COLS 8

int status_format_parse(const char *s, status_format *f)
{
    static const struct { const char *name; status_format f; } names[] = {
        { "table", STATUS_TABLE }, { "json", STATUS_JSON }, { "csv", STATUS_CSV },
        { "md", STATUS_MD }, { "markdown", STATUS_MD }, { "xlsx", STATUS_XLSX },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    return -1;
}

int status_view_parse(const char *s, status_view *v)
{
    static const struct { const char *name; status_view v; } names[] = {
        { "all", STATUS_VIEW_ALL }, { "measures", STATUS_VIEW_MEASURES },
        { "summary", STATUS_VIEW_SUMMARY },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *v = names[i].v;
            return 0;
        }
    return -1;
}

/* The words of a summary row. */
static const char *row_word(const ind_vocab *v, int row)
{
    static const ind_level first_level[IND_SUMMARY_ROWS] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_MISSED,
        IND_LEVEL_PENDING,
    };
    return row == IND_SUMMARY_ROWS - 1 ? v->combined : ind_vocab_word(v, first_level[row]);
}

static int shows_items(const status_write_opts *o)
{
    return o->view != STATUS_VIEW_SUMMARY;
}

static int shows_summary(const status_write_opts *o, status_format f)
{
    if (o->view == STATUS_VIEW_DEFAULT)
        return f != STATUS_CSV;
    return o->view == STATUS_VIEW_ALL || o->view == STATUS_VIEW_SUMMARY;
}

/* ---- table ---------------------------------------------------------------- */

/* Display width of UTF-8 text: code points, not bytes. */
static size_t text_width(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints one row, padding each cell to its column's width (right-aligned
** where right[c] is set), with trailing blanks trimmed. */
static void print_row(FILE *fp, const char *const *cells, const size_t *width,
                      const int *right, size_t cols)
{
    size_t pending = 0; /* spaces owed before the next non-empty text */
    fputs("  ", fp);
    for (size_t c = 0; c < cols; c++) {
        size_t w = text_width(cells[c]), pad = width[c] > w ? width[c] - w : 0;
        if (right[c])
            pending += pad;
        if (cells[c][0] != '\0') {
            for (; pending > 0; pending--)
                fputc(' ', fp);
            fputs(cells[c], fp);
        }
        if (!right[c])
            pending += pad;
        pending += c + 1 < cols ? 2 : 0;
    }
    fputc('\n', fp);
}

static void print_grid(FILE *fp, const char *const *head, const char *const *cells,
                       size_t rows, const int *right, size_t cols)
{
    size_t width[TABLE_COLS];
    for (size_t c = 0; c < cols; c++) {
        width[c] = text_width(head[c]);
        for (size_t r = 0; r < rows; r++) {
            size_t w = text_width(cells[r * cols + c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    print_row(fp, head, width, right, cols);
    for (size_t r = 0; r < rows; r++)
        print_row(fp, cells + r * cols, width, right, cols);
}

static void table_items(FILE *fp, const ind_scorecard *sc, const ind_vocab *v)
{
    static const char *const head[TABLE_COLS] = {
        "status", "type", "measure", "period", "figure", "target", "against target",
        "commentary",
    };
    static const int right[TABLE_COLS] = { 0 };
    const char **cells = calloc(sc->n_items * TABLE_COLS + 1, sizeof *cells);
    if (cells == NULL) {
        fprintf(fp, "  (out of memory)\n");
        return;
    }
    for (size_t i = 0; i < sc->n_items; i++) {
        const ind_status *st = &sc->items[i];
        const char **row = cells + i * TABLE_COLS;
        row[0] = ind_vocab_word(v, st->level);
        row[1] = ind_item_class_name(st->item_class);
        row[2] = st->id;
        row[3] = st->item_class == IND_ITEM_PROJECT ? "" : st->period;
        row[4] = st->figure_text;
        row[5] = st->target_text;
        row[6] = st->assessment;
        row[7] = st->commentary;
    }
    print_grid(fp, head, cells, sc->n_items, right, TABLE_COLS);
    free(cells);
}

static void table_summary(FILE *fp, const ind_scorecard *sc, const ind_vocab *v)
{
    static const char *const head[5] = { "status", "statistical", "project", "total", "%" };
    static const int right[5] = { 0, 1, 1, 1, 1 };
    char numbers[IND_SUMMARY_ROWS + 1][4][24];
    const char *cells[(IND_SUMMARY_ROWS + 1) * 5];
    const ind_summary *s = &sc->summary;
    for (int r = 0; r <= IND_SUMMARY_ROWS; r++) {
        int totals = r == IND_SUMMARY_ROWS;
        snprintf(numbers[r][0], 24, "%zu", totals ? s->class_total[0] : s->count[r][0]);
        snprintf(numbers[r][1], 24, "%zu", totals ? s->class_total[1] : s->count[r][1]);
        snprintf(numbers[r][2], 24, "%zu", totals ? s->total : s->row_total[r]);
        snprintf(numbers[r][3], 24, "%u%%", totals ? (s->total > 0 ? 100u : 0u) : s->percent[r]);
        cells[r * 5] = totals ? "Totals" : row_word(v, r);
        for (int c = 0; c < 4; c++)
            cells[r * 5 + 1 + c] = numbers[r][c];
    }
    fprintf(fp, "\nSummary%s%s (%s and %s share one row, as in IMPROVe's summary "
                "table; percentages by the largest remainder method)\n",
            sc->period[0] != '\0' ? " at " : "", sc->period,
            ind_vocab_word(v, IND_LEVEL_PENDING), ind_vocab_word(v, IND_LEVEL_CONTEXT));
    print_grid(fp, head, cells, IND_SUMMARY_ROWS + 1, right, 5);
}

static void status_table(FILE *fp, ind_scorecard *const *cards, size_t n,
                        const status_write_opts *o)
{
    for (size_t i = 0; i < n; i++) {
        const ind_scorecard *sc = cards[i];
        if (i > 0)
            fputc('\n', fp);
        fprintf(fp, "%s", sc->area);
        if (sc->code != NULL)
            fprintf(fp, " (%s)", sc->code);
        fputc('\n', fp);
        if (sc->period[0] != '\0')
            fprintf(fp, "Statuses at %s", sc->period);
        if (sc->has_as_at)
            fprintf(fp, "%sprojects judged as at %s", sc->period[0] != '\0' ? "; " : "Statuses of ",
                    sc->as_at);
        fprintf(fp, "%s", sc->period[0] != '\0' || sc->has_as_at ? ".\n" : "");
        if (sc->n_items == 0) {
            fprintf(fp, "\nNo measures or projects to judge.\n");
            continue;
        }
        if (shows_items(o)) {
            fputc('\n', fp);
            table_items(fp, sc, o->vocab);
        }
        if (shows_summary(o, STATUS_TABLE))
            table_summary(fp, sc, o->vocab);
    }
}

/* ---- JSON --------------------------------------------------------------------- */

static const char *form_name(ind_amount_form f)
{
    switch (f) {
    case IND_AMOUNT_NUMBER: return "number";
    case IND_AMOUNT_PERCENT: return "percent";
    case IND_AMOUNT_POINTS: return "points";
    default: return "none";
    }
}

static void json_figure(jsonw *w, const ind_status *st)
{
    jw_key(w, "figure");
    if (isnan(st->figure.value)) {
        jw_null(w);
        return;
    }
    jw_object(w);
    jw_knumber(w, "value", st->figure.value);
    if (st->measure->kind != IND_MEASURE_COUNT) {
        jw_knumber(w, "numerator", st->figure.numerator);
        jw_knumber(w, "denominator", st->figure.denominator);
    }
    jw_kstring(w, "display", st->figure_text);
    jw_end_object(w);
}

static void json_target(jsonw *w, const ind_status *st)
{
    char buf[64];
    jw_key(w, "target");
    if (st->step == NULL || !st->step->has_target) {
        jw_null(w);
        return;
    }
    const ind_judgement *j = &st->judgement;
    jw_object(w);
    ind_amount_format(&st->step->target, buf, sizeof buf);
    jw_kstring(w, "as_written", buf);
    jw_kstring(w, "from", st->step->from);
    jw_knumber(w, "value", j->target);
    jw_kstring(w, "display", st->target_text);
    jw_kstring(w, "polarity", ind_target_polarity_name(st->polarity));
    jw_key(w, "pro_rata");
    if (st->whole > 1) {
        jw_object(w);
        jw_kint(w, "part", st->part);
        jw_kint(w, "whole", st->whole);
        jw_end_object(w);
    } else {
        jw_null(w);
    }
    jw_key(w, "tolerance");
    jw_object(w);
    jw_kstring(w, "form", form_name(j->tolerance.form));
    jw_knumber(w, "amount", ind_decimal_value(j->tolerance.value));
    ind_amount_format(&j->tolerance, buf, sizeof buf);
    jw_kstring(w, "as_written", buf);
    jw_knumber(w, "width", j->width);
    jw_end_object(w);
    jw_knumber(w, "bound", st->level == IND_LEVEL_PENDING ? NAN : j->bound);
    jw_end_object(w);
}

static void json_statistical(jsonw *w, const ind_status *st)
{
    jw_kstring(w, "period", st->period);
    jw_kstring(w, "kind", ind_measure_kind_name(st->measure->kind));
    jw_kstring(w, "scope", st->target != NULL ? ind_target_scope_name(st->target->scope) : NULL);
    json_figure(w, st);
    json_target(w, st);
    int judged = st->level == IND_LEVEL_MET || st->level == IND_LEVEL_NEAR ||
                 st->level == IND_LEVEL_MISSED;
    jw_knumber(w, "gap", judged ? st->judgement.gap : NAN);
    jw_knumber(w, "gap_percent", judged ? st->judgement.gap_percent : NAN);
}

static void json_date(jsonw *w, const char *key, int has, ind_date d)
{
    char buf[11];
    ind_date_format(d, buf);
    jw_kstring(w, key, has ? buf : NULL);
}

static void json_project(jsonw *w, const ind_scorecard *sc, const ind_status *st)
{
    const ind_milestone *p = st->project;
    const ind_progress *g = &st->progress;
    json_date(w, "due", p->has_due, p->due);
    json_date(w, "revised", p->has_revised, p->revised);
    json_date(w, "completed", p->has_completed, p->completed);
    jw_kbool(w, "reported", p->reported);
    jw_kstring(w, "as_at", sc->as_at);
    jw_kint(w, "slippage_days", g->slippage_days);
    jw_kint(w, "tolerance_days", g->tolerance_days);
    jw_kbool(w, "overdue", g->overdue);
}

static void json_item(jsonw *w, const ind_scorecard *sc, const ind_status *st,
                      const ind_vocab *v)
{
    jw_object(w);
    jw_kstring(w, "id", st->id);
    jw_kstring(w, "title", st->title);
    jw_kstring(w, "type", ind_item_class_name(st->item_class));
    jw_kstring(w, "status", ind_vocab_word(v, st->level));
    jw_kstring(w, "level", ind_level_name(st->level));
    if (st->item_class == IND_ITEM_PROJECT)
        json_project(w, sc, st);
    else
        json_statistical(w, st);
    jw_kstring(w, "assessment", st->assessment);
    jw_kstring(w, "reason", st->reason);
    jw_kstring(w, "commentary", st->item_class == IND_ITEM_PROJECT ? NULL : st->commentary);
    jw_end_object(w);
}

static void json_summary(jsonw *w, const ind_scorecard *sc, const ind_vocab *v)
{
    const ind_summary *s = &sc->summary;
    jw_key(w, "summary");
    jw_object(w);
    jw_key(w, "rows");
    jw_array(w);
    for (int r = 0; r < IND_SUMMARY_ROWS; r++) {
        jw_object(w);
        jw_kstring(w, "status", row_word(v, r));
        jw_key(w, "levels");
        jw_array(w);
        for (int l = 0; l < IND_LEVEL_COUNT; l++)
            if (ind_scorecard_row((ind_level)l) == r)
                jw_string(w, ind_level_name((ind_level)l));
        jw_end_array(w);
        jw_kint(w, "statistical", (long long)s->count[r][0]);
        jw_kint(w, "project", (long long)s->count[r][1]);
        jw_kint(w, "total", (long long)s->row_total[r]);
        jw_kint(w, "percent", s->percent[r]);
        jw_end_object(w);
    }
    jw_end_array(w);
    jw_key(w, "totals");
    jw_object(w);
    jw_kint(w, "statistical", (long long)s->class_total[0]);
    jw_kint(w, "project", (long long)s->class_total[1]);
    jw_kint(w, "total", (long long)s->total);
    jw_kint(w, "percent", s->total > 0 ? 100 : 0);
    jw_end_object(w);
    jw_end_object(w);
}

static void status_json(FILE *fp, ind_scorecard *const *cards, size_t n,
                       const status_write_opts *o)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    jw_kstring(&w, "indicate", ind_version());
    jw_kstring(&w, "vocabulary", o->vocab->name);
    jw_key(&w, "areas");
    jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        const ind_scorecard *sc = cards[i];
        jw_object(&w);
        jw_kstring(&w, "area", sc->area);
        jw_kstring(&w, "code", sc->code);
        jw_kstring(&w, "file", sc->file);
        jw_kstring(&w, "period", sc->period[0] != '\0' ? sc->period : NULL);
        jw_kstring(&w, "as_at", sc->has_as_at ? sc->as_at : NULL);
        if (shows_items(o)) {
            jw_key(&w, "measures");
            jw_array(&w);
            for (size_t k = 0; k < sc->n_items; k++)
                json_item(&w, sc, &sc->items[k], o->vocab);
            jw_end_array(&w);
        }
        if (shows_summary(o, STATUS_JSON))
            json_summary(&w, sc, o->vocab);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

/* ---- CSV ------------------------------------------------------------------------- */

static void csv_text(FILE *fp, const char *s, int last)
{
    csvw_text(fp, s, last);
}

static void csv_number(FILE *fp, double x)
{
    csvw_number(fp, x, 0);
}

static void csv_header(FILE *fp, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        csv_text(fp, names[i], i + 1 == n);
}

static void csv_items(FILE *fp, ind_scorecard *const *cards, size_t n, const ind_vocab *v)
{
    static const char *const header[] = {
        "area", "code", "type", "id", "title", "status", "level", "period", "scope",
        "value", "numerator", "denominator", "figure", "target_value", "target",
        "gap", "gap_percent", "assessment", "commentary",
    };
    csv_header(fp, header, sizeof header / sizeof header[0]);
    for (size_t i = 0; i < n; i++) {
        const ind_scorecard *sc = cards[i];
        for (size_t k = 0; k < sc->n_items; k++) {
            const ind_status *st = &sc->items[k];
            int stat = st->item_class == IND_ITEM_STATISTICAL;
            int judged = st->level == IND_LEVEL_MET || st->level == IND_LEVEL_NEAR ||
                         st->level == IND_LEVEL_MISSED;
            int quotient = stat && st->measure->kind != IND_MEASURE_COUNT;
            int targeted = stat && st->step != NULL && st->step->has_target;
            csv_text(fp, sc->area, 0);
            csv_text(fp, sc->code, 0);
            csv_text(fp, ind_item_class_name(st->item_class), 0);
            csv_text(fp, st->id, 0);
            csv_text(fp, st->title, 0);
            csv_text(fp, ind_vocab_word(v, st->level), 0);
            csv_text(fp, ind_level_name(st->level), 0);
            csv_text(fp, stat ? st->period : sc->as_at, 0);
            csv_text(fp, stat && st->target != NULL ? ind_target_scope_name(st->target->scope) : "", 0);
            csv_number(fp, stat ? st->figure.value : NAN);
            csv_number(fp, quotient ? st->figure.numerator : NAN);
            csv_number(fp, quotient ? st->figure.denominator : NAN);
            csv_text(fp, st->figure_text, 0);
            csv_number(fp, targeted ? st->judgement.target : NAN);
            csv_text(fp, st->target_text, 0);
            csv_number(fp, stat && judged ? st->judgement.gap : NAN);
            csv_number(fp, stat && judged ? st->judgement.gap_percent : NAN);
            csv_text(fp, st->assessment, 0);
            csv_text(fp, stat ? st->commentary : "", 1);
        }
    }
}

static void csv_summary(FILE *fp, ind_scorecard *const *cards, size_t n, const ind_vocab *v)
{
    static const char *const header[] = {
        "area", "code", "period", "status", "statistical", "project", "total", "percent",
    };
    csv_header(fp, header, sizeof header / sizeof header[0]);
    for (size_t i = 0; i < n; i++) {
        const ind_scorecard *sc = cards[i];
        const ind_summary *s = &sc->summary;
        for (int r = 0; r <= IND_SUMMARY_ROWS; r++) {
            int totals = r == IND_SUMMARY_ROWS;
            csv_text(fp, sc->area, 0);
            csv_text(fp, sc->code, 0);
            csv_text(fp, sc->period, 0);
            csv_text(fp, totals ? "Totals" : row_word(v, r), 0);
            fprintf(fp, "%zu,%zu,%zu,%u\r\n",
                    totals ? s->class_total[0] : s->count[r][0],
                    totals ? s->class_total[1] : s->count[r][1],
                    totals ? s->total : s->row_total[r],
                    totals ? (s->total > 0 ? 100u : 0u) : s->percent[r]);
        }
    }
}

int write_status(FILE *fp, status_format f, ind_scorecard *const *cards, size_t n,
                 const status_write_opts *o)
{
    switch (f) {
    case STATUS_JSON:
        status_json(fp, cards, n, o);
        break;
    case STATUS_MD:
        write_md_scorecards(fp, cards, n, o->vocab, shows_items(o), shows_summary(o, f));
        break;
    case STATUS_CSV:
        if (o->bom)
            fputs(CSVW_BOM, fp);
        if (o->view == STATUS_VIEW_SUMMARY)
            csv_summary(fp, cards, n, o->vocab);
        else
            csv_items(fp, cards, n, o->vocab);
        break;
    default:
        status_table(fp, cards, n, o);
        break;
    }
    return ferror(fp) ? -1 : 0;
}
