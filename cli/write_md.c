/*
** write_md.c: Markdown views of results and scorecards (write_md.h).
**
** Tables are GitHub-flavoured: a header row, a delimiter row that aligns
** numbers right, one row per period or item. Every cell goes through
** md_text, so a pipe in a title cannot split a row.
*/
#include <math.h>
#include <string.h>

#include "cells.h"
#include "indicate/commentary.h"
#include "indicate/present.h"
#include "write_md.h"

void md_text(FILE *fp, const char *s)
{
    if (s == NULL)
        return;
    for (; *s != '\0'; s++) {
        char c = *s;
        if (c == '\n' || c == '\r') {
            fputc(' ', fp);
        } else if (strchr("\\|*_`[]", c) != NULL) {
            fputc('\\', fp);
            fputc(c, fp);
        } else if (c == '<' && (s[1] == '/' || s[1] == '!' || s[1] == '?' ||
                                (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))) {
            fputs("&lt;", fp);   /* it could open an HTML tag */
        } else {
            fputc(c, fp);
        }
    }
}

/* An id as code: ids are lower-case dotted words, never holding a backtick. */
static void md_code(FILE *fp, const char *id)
{
    fputc('`', fp);
    for (; id != NULL && *id != '\0'; id++)
        if (*id != '`' && *id != '\n' && *id != '\r')
            fputc(*id, fp);
    fputc('`', fp);
}

static void head(FILE *fp, const char *const *names, const int *right, size_t n)
{
    fputc('|', fp);
    for (size_t c = 0; c < n; c++) {
        fputc(' ', fp);
        md_text(fp, names[c]);
        fputs(" |", fp);
    }
    fputs("\n|", fp);
    for (size_t c = 0; c < n; c++)
        fputs(right[c] ? " --: |" : " :-- |", fp);
    fputc('\n', fp);
}

static void cell(FILE *fp, const char *s)
{
    fputc(' ', fp);
    md_text(fp, s);
    fputs(" |", fp);
}

/* ---- scorecards ---------------------------------------------------------------- */

static const char *row_word(const ind_vocab *v, int row)
{
    static const ind_level first_level[IND_SUMMARY_ROWS] = {
        IND_LEVEL_COMPLETE, IND_LEVEL_MET, IND_LEVEL_NEAR, IND_LEVEL_MISSED,
        IND_LEVEL_PENDING,
    };
    return row == IND_SUMMARY_ROWS - 1 ? v->combined : ind_vocab_word(v, first_level[row]);
}

static void summary_table(FILE *fp, const ind_scorecard *sc, const ind_vocab *v)
{
    static const char *const names[] = { "Status", "Statistical", "Project", "Total", "%" };
    static const int right[] = { 0, 1, 1, 1, 1 };
    const ind_summary *s = &sc->summary;
    fputs("Measures by status", fp);
    if (sc->period[0] != '\0') {
        fputs(" at ", fp);
        md_text(fp, sc->period);
    }
    fputs(":\n\n", fp);
    head(fp, names, right, 5);
    for (int r = 0; r < IND_SUMMARY_ROWS; r++) {
        fputc('|', fp);
        cell(fp, row_word(v, r));
        fprintf(fp, " %zu | %zu | %zu | %u%% |\n", s->count[r][0], s->count[r][1],
                s->row_total[r], s->percent[r]);
    }
    fprintf(fp, "| **Totals** | **%zu** | **%zu** | **%zu** | **%u%%** |\n\n", s->class_total[0],
            s->class_total[1], s->total, s->total > 0 ? 100u : 0u);
}

static void items_table(FILE *fp, const ind_scorecard *sc, const ind_vocab *v)
{
    static const char *const names[] = { "Status", "Measure", "Period", "Figure", "Target",
                                         "Against the target", "Commentary" };
    static const int right[] = { 0, 0, 0, 0, 0, 0, 0 };
    head(fp, names, right, 7);
    for (size_t k = 0; k < sc->n_items; k++) {
        const ind_status *st = &sc->items[k];
        int project = st->item_class == IND_ITEM_PROJECT;
        fputc('|', fp);
        fputs(" **", fp);
        md_text(fp, ind_vocab_word(v, st->level));
        fputs("** |", fp);
        fputc(' ', fp);
        md_text(fp, st->title != NULL ? st->title : st->id);
        fputc(' ', fp);
        md_code(fp, st->id);
        fputs(project ? " (project) |" : " |", fp);
        cell(fp, project ? "" : st->period);
        cell(fp, st->figure_text);
        cell(fp, st->target_text);
        cell(fp, st->assessment);
        cell(fp, project ? "" : st->commentary);
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

static void card_heading(FILE *fp, const ind_scorecard *sc, const char *level)
{
    fprintf(fp, "%s Statuses", level);
    if (sc->period[0] != '\0') {
        fputs(" at ", fp);
        md_text(fp, sc->period);
    }
    fputs("\n\n", fp);
    if (sc->has_as_at) {
        fputs("Projects are judged as at ", fp);
        md_text(fp, sc->as_at);
        fputs(".\n\n", fp);
    }
}

static void area_heading(FILE *fp, const char *area, const char *code, const char *source)
{
    fputs("# ", fp);
    md_text(fp, area);
    if (code != NULL) {
        fputs(" (", fp);
        md_text(fp, code);
        fputc(')', fp);
    }
    fputs("\n\n", fp);
    if (source != NULL) {
        fputs("Source: ", fp);
        md_text(fp, source);
        fputs("\n\n", fp);
    }
}

int write_md_scorecards(FILE *fp, ind_scorecard *const *cards, size_t n, const ind_vocab *v,
                        int items, int summary)
{
    for (size_t i = 0; i < n; i++) {
        const ind_scorecard *sc = cards[i];
        area_heading(fp, sc->area, sc->code, NULL);
        card_heading(fp, sc, "##");
        if (sc->n_items == 0) {
            fputs("No measures or projects to judge.\n\n", fp);
            continue;
        }
        if (items)
            items_table(fp, sc, v);
        if (summary)
            summary_table(fp, sc, v);
    }
    return ferror(fp) ? -1 : 0;
}

/* ---- results ------------------------------------------------------------------- */

static void latest(FILE *fp, const report_area *a, const report_item *it, const report_opts *o)
{
    const ind_measure *m = it->measure;
    long at = report_latest(it);
    char buf[IND_PRESENT_MAX], counts[IND_PRESENT_MAX], sentence[IND_COMMENTARY_MAX];
    if (at < 0) {
        fputs("No figure yet.\n\n", fp);
        return;
    }
    size_t t = (size_t)at;
    ind_status st;
    int judged = report_status_at(a, it, t, o, &st);
    ind_present_value(m, t, o->decimals, buf, sizeof buf);
    cells_counts(m, &m->point[t], counts, sizeof counts);
    fputs("**", fp);
    md_text(fp, buf);
    fputs("** in ", fp);
    md_text(fp, m->label[t]);
    if (counts[0] != '\0') {
        fputs(" (", fp);
        md_text(fp, counts);
        fputc(')', fp);
    }
    fputs(".", fp);
    if (judged) {
        fputs(" Status **", fp);
        md_text(fp, report_word(o, st.level));
        fputs("**: ", fp);
        md_text(fp, st.reason);
        fputs(".", fp);
    }
    if (ind_commentary_sentence(m, t, NULL, sentence, sizeof sentence) > 0) {
        fputc(' ', fp);
        md_text(fp, sentence);
    }
    fputs("\n\n", fp);
}

static void figures(FILE *fp, const report_area *a, const report_item *it, const report_opts *o)
{
    const ind_measure *m = it->measure;
    int counts = m->kind != IND_MEASURE_COUNT, status = report_has_status(a, it, o);
    int ytd = m->ytd != NULL;
    const char *names[12];
    int right[12];
    size_t n = 0;
    char interval[48];
    snprintf(interval, sizeof interval, "%g%% interval", it->result->level * 100);
#define COL(name, r) (names[n] = (name), right[n++] = (r))
    COL("Period", 0);
    COL("Figure", 1);
    if (counts) {
        COL(m->kind == IND_MEASURE_PROPORTION ? "Of" : "Numerator / denominator", 1);
        COL(interval, 1);
    }
    COL("Change", 1);
    COL("% change", 1);
    if (ytd)
        COL("Year to date", 1);
    COL("Test of the change", 0);
    if (status)
        COL("Status", 0);
    COL("Notes", 0);
#undef COL
    head(fp, names, right, n);
    char buf[IND_PRESENT_MAX], notes[IND_PRESENT_MAX];
    for (size_t t = 0; t < m->n; t++) {
        fputc('|', fp);
        cell(fp, m->label[t]);
        ind_present_value(m, t, o->decimals, buf, sizeof buf);
        cell(fp, buf);
        if (counts) {
            cells_counts(m, &m->point[t], buf, sizeof buf);
            cell(fp, buf);
            ind_present_interval(m, t, o->decimals, buf, sizeof buf);
            cell(fp, buf);
        }
        ind_present_change_absolute(m, t, 1, o->decimals, buf, sizeof buf);
        cell(fp, buf);
        ind_present_change_percent(m, t, 1, o->decimals, buf, sizeof buf);
        cell(fp, buf);
        if (ytd) {
            ind_present_point(m, &m->ytd[t], o->decimals, buf, sizeof buf);
            cell(fp, buf);
        }
        cells_significance(m, t, buf, sizeof buf);
        cell(fp, buf);
        if (status) {
            ind_status st;
            cell(fp, report_status_at(a, it, t, o, &st) ? report_word(o, st.level) : "");
        }
        cells_flags(&m->point[t], cells_across_break(m, t, 1), notes, sizeof notes);
        cell(fp, notes);
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

static void lines(FILE *fp, const report_item *it, const report_opts *o)
{
    char line[CELLS_LINE_MAX], note[CELLS_LINE_MAX];
    const ind_measure *m = it->measure;
    cells_trend(it->result, m, o->decimals, line, sizeof line, note, sizeof note);
    fputs("- ", fp);
    md_text(fp, line);
    if (note[0] != '\0') {
        fputs(" Note: trend ", fp);
        md_text(fp, note);
        fputc('.', fp);
    }
    fputc('\n', fp);
    cells_tests(it->result, m, o->decimals, line, sizeof line);
    if (line[0] != '\0') {
        fputs("- ", fp);
        md_text(fp, line);
        fputc('\n', fp);
    }
    cells_projection(it->result, m, o->decimals, 0, line, sizeof line);
    if (line[0] != '\0') {
        fputs("- ", fp);
        md_text(fp, line);
        fputc('\n', fp);
    }
    cells_spc(m, line, sizeof line);
    if (line[0] != '\0') {
        fputs("- ", fp);
        md_text(fp, line);
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

static void measure(FILE *fp, const report_area *a, const report_item *it, int heading,
                    const report_opts *o)
{
    const ind_measure *m = it->measure;
    if (!heading) {
        latest(fp, a, it, o);
        figures(fp, a, it, o);
        lines(fp, it, o);
        return;
    }
    fputs("### ", fp);
    md_text(fp, m->title != NULL ? m->title : m->id);
    fputc(' ', fp);
    md_code(fp, m->id);
    fputs("\n\n", fp);
    latest(fp, a, it, o);
    figures(fp, a, it, o);
    lines(fp, it, o);
}

int write_md_report(FILE *fp, const report_area *areas, size_t n, const report_opts *o)
{
    const ind_vocab *v = o->vocab != NULL ? o->vocab : ind_vocab_default();
    for (size_t i = 0; i < n; i++) {
        const report_area *a = &areas[i];
        const ind_result *r = a->result;
        area_heading(fp, r->area, r->code, r->source);
        if (a->card != NULL && a->card->n_items > 0) {
            card_heading(fp, a->card, "##");
            summary_table(fp, a->card, v);
            items_table(fp, a->card, v);
        }
        if (a->n_items == 0)
            fputs("No indicator applies: the dataset has none of their inputs.\n\n", fp);
        for (size_t g = 0; g < a->n_groups; g++) {
            const report_group *gr = &a->groups[g];
            fputs("## ", fp);
            md_text(fp, gr->title != NULL ? gr->title : gr->id);
            fputc(' ', fp);
            md_code(fp, gr->id);
            fputs("\n\n", fp);
            /* A group that is one measure of the same id needs no second
            ** heading. */
            int single = gr->n == 1 && strcmp(a->items[gr->first].measure->id, gr->id) == 0;
            for (size_t k = gr->first; k < gr->first + gr->n; k++)
                measure(fp, a, &a->items[k], !single, o);
        }
    }
    return ferror(fp) ? -1 : 0;
}
