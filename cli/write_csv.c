/*
** write_csv.c: results as one flat CSV table that opens in a spreadsheet.
**
** A row per (area, measure, period) with the figures, their display form
** and the test of the change from the previous period, then a
** "projection" row per period projected.
** Fields are quoted per RFC 4180 when they need it, and text cells that a
** spreadsheet would take for a formula are neutralised (csvw.h); numbers
** stay bare numbers. With write_opts.bom the file starts with a UTF-8 byte
** order mark for older Excel.
*/
#include <math.h>
#include <string.h>

#include "csvw.h"
#include "write.h"

static const char *const header[] = {
    "area", "code", "indicator", "measure", "title", "kind", "unit", "period",
    "row", "value", "numerator", "denominator", "lower", "upper", "change",
    "change_percent", "change_status", "across_break", "flags", "display",
    "ytd_value", "ytd_numerator", "ytd_denominator", "ytd_display",
    "significance", "significance_estimate", "significance_lower",
    "significance_upper", "significance_p", "method", "status", "commentary",
};

static void text(FILE *fp, const char *s, int last)
{
    csvw_text(fp, s, last);
}

static void number(FILE *fp, double x)
{
    csvw_number(fp, x, 0);
}

static const char *status_name(const ind_change *c)
{
    if (c == NULL)
        return "";
    switch (c->status) {
    case IND_CHANGE_OK: return "ok";
    case IND_CHANGE_UNDEFINED: return "undefined";
    default: return "missing";
    }
}

static void flags_text(unsigned flags, char *buf, size_t size)
{
    buf[0] = '\0';
    static const struct { unsigned bit; const char *name; } names[] = {
        { IND_POINT_MISSING, "missing" },     { IND_POINT_GAP, "gap" },
        { IND_POINT_SUPPRESSED, "suppressed" }, { IND_POINT_PROVISIONAL, "provisional" },
        { IND_POINT_BREAK, "break" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].bit))
            continue;
        if (buf[0] != '\0')
            strncat(buf, ";", size - strlen(buf) - 1);
        strncat(buf, names[i].name, size - strlen(buf) - 1);
    }
}

static void identity(FILE *fp, const ind_result *r, const ind_measure *m)
{
    text(fp, r->area, 0);
    text(fp, r->code, 0);
    text(fp, m->entry->indicator->id, 0);
    text(fp, m->id, 0);
    text(fp, m->title, 0);
    text(fp, ind_measure_kind_name(m->kind), 0);
    text(fp, m->unit, 0);
}

static void observed_row(FILE *fp, const ind_result *r, const ind_measure *m,
                         size_t t, const write_opts *o)
{
    const ind_point *p = &m->point[t];
    const ind_change *c = ind_measure_change(m, t, 1);
    char buf[IND_PRESENT_MAX];
    identity(fp, r, m);
    text(fp, m->label[t], 0);
    text(fp, "observed", 0);
    number(fp, p->value);
    number(fp, p->numerator);
    number(fp, p->denominator);
    number(fp, p->lower);
    number(fp, p->upper);
    number(fp, c != NULL ? c->absolute : NAN);
    number(fp, c != NULL ? c->percent : NAN);
    text(fp, status_name(c), 0);
    text(fp, c != NULL && m->across_break[t * (size_t)m->max_lag] ? "true" : "", 0);
    flags_text(p->flags | (isnan(p->value) ? IND_POINT_MISSING : 0), buf, sizeof buf);
    text(fp, buf, 0);
    ind_present_value(m, t, o->decimals, buf, sizeof buf);
    text(fp, buf, 0);
    const ind_point *y = m->ytd != NULL ? &m->ytd[t] : NULL;
    number(fp, y != NULL ? y->value : NAN);
    number(fp, y != NULL ? y->numerator : NAN);
    number(fp, y != NULL ? y->denominator : NAN);
    buf[0] = '\0';
    if (y != NULL)
        ind_present_point(m, y, o->decimals, buf, sizeof buf);
    text(fp, buf, 0);
    const ind_significance *sg = ind_measure_significance(m, t, 1);
    text(fp, sg != NULL ? ind_verdict_name(sg->verdict) : "", 0);
    number(fp, sg != NULL ? sg->estimate : NAN);
    number(fp, sg != NULL ? sg->lower : NAN);
    number(fp, sg != NULL ? sg->upper : NAN);
    number(fp, sg != NULL ? sg->p : NAN);
    text(fp, sg != NULL ? sg->method : "", 0);
    ind_status st;
    text(fp, write_status_of(o, m, t, &st) ? write_status_word(o, st.level) : "", 0);
    char sentence[IND_COMMENTARY_MAX];
    if (!o->commentary || ind_commentary_sentence(m, t, NULL, sentence, sizeof sentence) < 0)
        sentence[0] = '\0';
    text(fp, sentence, 1);
}

static void projection_row(FILE *fp, const ind_result *r, const ind_measure *m,
                           size_t h, const write_opts *o)
{
    const ind_measure_projection *mp = &m->projection;
    char buf[IND_PRESENT_MAX];
    identity(fp, r, m);
    text(fp, mp->label[h], 0);
    text(fp, "projection", 0);
    number(fp, mp->value[h]);
    number(fp, NAN);
    number(fp, NAN);
    number(fp, mp->lower[h]);
    number(fp, mp->upper[h]);
    for (int i = 0; i < 2; i++)
        number(fp, NAN);
    text(fp, "", 0);
    text(fp, "", 0);
    text(fp, mp->clamped[h] ? "clamped" : "", 0);
    ind_present_number(m, mp->value[h], o->decimals, buf, sizeof buf);
    text(fp, buf, 0);
    for (int i = 0; i < 3; i++)
        number(fp, NAN);
    text(fp, "", 0);
    text(fp, "", 0);
    for (int i = 0; i < 4; i++)
        number(fp, NAN);
    text(fp, ind_projection_method_name(mp->fit.method), 0);
    text(fp, "", 0);
    text(fp, "", 1);
}

void write_csv(FILE *fp, ind_result *const *results, size_t n, const write_opts *o)
{
    size_t cols = sizeof header / sizeof header[0];
    if (o->bom)
        fputs(CSVW_BOM, fp);
    for (size_t c = 0; c < cols; c++)
        text(fp, header[c], c + 1 == cols);
    for (size_t i = 0; i < n; i++) {
        const ind_result *r = results[i];
        write_opts oi = write_opts_for_area(o, i);
        for (size_t j = 0; j < r->n_measures; j++) {
            const ind_measure *m = &r->measure[j];
            for (size_t t = 0; t < m->n; t++)
                observed_row(fp, r, m, t, &oi);
            for (size_t h = 0; m->projection.fit.status == IND_OK && h < m->projection.fit.horizon; h++)
                projection_row(fp, r, m, h, o);
        }
    }
}
