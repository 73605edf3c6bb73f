/*
** batch_trends.c: the "trends" rows of `indicate batch` (see batch_trends.h).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "batch_trends.h"
#include "csvw.h"
#include "indicate/dtoa.h"

const char trends_header[] =
    "area,code,indicator,measure,kind,unit,last_period,last_value,points,slope,slope_se,"
    "slope_p,trend_period,trend_value,trend_lower,trend_upper,projection_method,"
    "projection_period,projection_value,projection_lower,projection_upper,level\r\n";

typedef struct sbuf {
    char *data;
    size_t len, cap;
    int failed;
} sbuf;

static int reserve(sbuf *b, size_t more)
{
    if (b->failed)
        return -1;
    if (b->len + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (grown == NULL) {
        b->failed = 1;
        return -1;
    }
    b->data = grown;
    b->cap = cap;
    return 0;
}

static void put(sbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) == 0) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    }
}

static void put_char(sbuf *b, char c)
{
    put(b, &c, 1);
}

/* A text field, quoted per RFC 4180 when it needs it and guarded as csvw.h
** guards every CSV text cell (a leading apostrophe, inside quotes, when a
** spreadsheet would read it as a formula), then the separator. */
static void text(sbuf *b, const char *s, char sep)
{
    if (s != NULL) {
        int guard = csvw_is_formula_like(s);
        if (!guard && strpbrk(s, ",\"\r\n") == NULL) {
            put(b, s, strlen(s));
        } else {
            put_char(b, '"');
            if (guard)
                put_char(b, '\'');
            for (; *s != '\0'; s++) {
                if (*s == '"')
                    put_char(b, '"');
                put_char(b, *s);
            }
            put_char(b, '"');
        }
    }
    if (sep == '\n')
        put(b, "\r\n", 2);
    else
        put_char(b, sep);
}

static void number(sbuf *b, double x)
{
    char buf[IND_DTOA_MAX];
    int n = isfinite(x) ? ind_dtoa_shortest(x, buf, sizeof buf) : -1;
    if (n > 0)
        put(b, buf, (size_t)n);
    put_char(b, ',');
}

static void count(sbuf *b, size_t x)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%zu,", x);
    put(b, buf, (size_t)n);
}

static void measure_row(sbuf *b, const ind_result *r, const ind_measure *m)
{
    text(b, r->area, ',');
    text(b, r->code, ',');
    text(b, m->entry != NULL ? m->entry->indicator->id : NULL, ',');
    text(b, m->id, ',');
    text(b, ind_measure_kind_name(m->kind), ',');
    text(b, m->unit, ',');
    size_t last = m->n;
    for (size_t t = m->n; t-- > 0;)
        if (!isnan(m->point[t].value)) {
            last = t;
            break;
        }
    text(b, last < m->n ? m->label[last] : NULL, ',');
    number(b, last < m->n ? m->point[last].value : NAN);

    const ind_trend_line *tl = &m->trend;
    int ok = tl->status == IND_OK;
    count(b, tl->n_used);
    number(b, ok ? tl->slope : NAN);
    number(b, ok ? tl->slope_se : NAN);
    number(b, ok ? tl->slope_p : NAN);
    text(b, ok ? tl->next_label : NULL, ',');
    number(b, ok ? tl->projection : NAN);
    number(b, ok ? tl->lower : NAN);
    number(b, ok ? tl->upper : NAN);

    const ind_measure_projection *mp = &m->projection;
    int pok = mp->fit.status == IND_OK && mp->fit.horizon > 0;
    text(b, pok ? ind_projection_method_name(mp->fit.method) : NULL, ',');
    text(b, pok ? mp->label[0] : NULL, ',');
    number(b, pok ? mp->value[0] : NAN);
    number(b, pok ? mp->lower[0] : NAN);
    number(b, pok ? mp->upper[0] : NAN);
    char level[IND_DTOA_MAX];
    text(b, ind_dtoa_shortest(r->level, level, sizeof level) > 0 ? level : NULL, '\n');
}

int trends_write_area(const ind_result *r, char **buf, size_t *len, size_t *cap)
{
    sbuf b = { *buf, *len, *cap, 0 };
    for (size_t j = 0; j < r->n_measures; j++)
        measure_row(&b, r, &r->measure[j]);
    if (b.failed) {
        free(b.data);
        *buf = NULL;
        *len = *cap = 0;
        return -1;
    }
    *buf = b.data;
    *len = b.len;
    *cap = b.cap;
    return 0;
}
