/*
** commentary.c: the sentence a report would write about a measure's latest
** change, built from the measure's own figures.
**
** The sentence is assembled clause by clause into the caller's buffer: the
** subject, what happened (a percent change for counts, the two values for
** everything else), the figures behind it, then what qualifies it: a
** statistical verdict, a run of rises or falls, a change of definition, a
** provisional figure. Every number goes through present.h and format.h, so
** it reads exactly as in the tables.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "indicate/commentary.h"
#include "indicate/format.h"
#include "indicate/present.h"

#define MAX_DECIMALS 6
#define EXTRA_DECIMALS 3  /* added until two rounded values differ */

/* ---- a bounded string builder -------------------------------------------- */

typedef struct text {
    char *buf;
    size_t size, len;
    int overflow;
} text;

static void put(text *s, const char *str)
{
    size_t n = strlen(str);
    if (s->overflow || s->len + n + 1 > s->size) {
        s->overflow = 1;
        return;
    }
    memcpy(s->buf + s->len, str, n + 1);
    s->len += n;
}

static void putf(text *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void putf(text *s, const char *fmt, ...)
{
    char tmp[IND_COMMENTARY_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        s->overflow = 1;
        return;
    }
    put(s, tmp);
}

static int finish(text *s)
{
    return s->overflow ? -1 : (int)s->len;
}

/* ---- words ---------------------------------------------------------------- */

int ind_commentary_ordinal(int n, char *buf, size_t size)
{
    static const char *const words[] = {
        "", "first", "second", "third", "fourth", "fifth", "sixth",
        "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
    };
    int len;
    if (n < 1 || buf == NULL)
        return -1;
    if (n < (int)(sizeof words / sizeof words[0])) {
        len = snprintf(buf, size, "%s", words[n]);
    } else {
        /* 11th to 13th of every hundred take "th" */
        const char *suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
                           : n % 10 == 1                     ? "st"
                           : n % 10 == 2                     ? "nd"
                           : n % 10 == 3                     ? "rd"
                                                             : "th";
        len = snprintf(buf, size, "%d%s", n, suffix);
    }
    return len < 0 || (size_t)len >= size ? -1 : len;
}

/* "annual" and "years" for the kind's periods. */
static const char *per_word(ind_period_kind kind)
{
    switch (ind_period_per_year(kind)) {
    case 4: return "quarterly";
    case 12: return "monthly";
    default: return "annual";
    }
}

static const char *plural_word(ind_period_kind kind)
{
    switch (ind_period_per_year(kind)) {
    case 4: return "quarters";
    case 12: return "months";
    default: return "years";
    }
}

int ind_commentary_subject(const ind_measure *m, char *buf, size_t size)
{
    if (m == NULL || buf == NULL || size == 0)
        return -1;
    const ind_indicator *ind = m->entry != NULL ? m->entry->indicator : NULL;
    const char *base = ind != NULL && ind->short_title != NULL ? ind->short_title
                     : ind != NULL && m->stage_from != NULL      ? ind->title
                                                                 : m->title;
    int n;
    if (base == NULL)
        base = m->id;
    if (m->stage_from != NULL && m->stage_to != NULL)
        n = snprintf(buf, size, "%s from %s to %s", base, m->stage_from, m->stage_to);
    else
        n = snprintf(buf, size, "%s", base);
    if (n < 0 || (size_t)n >= size)
        return -1;
    if (base != m->id) /* an id stays as written */
        buf[0] = (char)toupper((unsigned char)buf[0]);
    return n;
}

/* ---- figures ---------------------------------------------------------------- */

static int is_money(const ind_measure *m)
{
    return m->unit != NULL && strcmp(m->unit, "GBP") == 0;
}

static int is_hours(const ind_measure *m)
{
    return m->unit != NULL && strcmp(m->unit, "hours") == 0;
}

/* A count or amount: "3,314", "£91,748". */
static void amount(const ind_measure *m, double x, char *buf, size_t size)
{
    char num[IND_FORMAT_MAX];
    if (ind_format_amount(fabs(x), 2, num, sizeof num) < 0)
        snprintf(num, sizeof num, "?");
    snprintf(buf, size, "%s%s%s", x < 0 ? "-" : "", is_money(m) ? "\xc2\xa3" : "", num);
}

/* The two values of a proportion, rate or ratio, with enough decimals to
** tell them apart when they differ (40.9% and 40.6% are not "41% to 41%"). */
static void two_values(const ind_measure *m, const ind_point *a, const ind_point *b,
                       int decimals, char *va, char *vb, size_t size)
{
    for (int d = decimals; d <= decimals + EXTRA_DECIMALS; d++) {
        ind_present_point(m, a, d, va, size);
        ind_present_point(m, b, d, vb, size);
        if (strcmp(va, vb) != 0 || a->value == b->value)
            return;
    }
}

/* "9%", or "less than 1%" when the change rounds to nothing. Exact from
** whole counts, as present.h rounds percent changes. */
static void percent_words(const ind_change *c, int decimals, char *buf, size_t size)
{
    char num[IND_FORMAT_MAX];
    int len = -1;
    if (ind_is_integral(c->from) && ind_is_integral(c->to))
        len = ind_format_ratio((int64_t)fabs(c->to - c->from), (int64_t)fabs(c->from),
                               100, decimals, 1, num, sizeof num);
    if (len < 0)
        len = ind_format_double(fabs(c->percent), decimals, 1, num, sizeof num);
    if (len < 0) {
        snprintf(buf, size, "by an amount that cannot be written");
        return;
    }
    if (strspn(num, "0.") < strlen(num)) {
        snprintf(buf, size, "%s%%", num);
        return;
    }
    /* every digit is zero: the change is below half the last place shown */
    char unit[16] = "1";
    if (decimals > 0) {
        size_t u = 0;
        unit[u++] = '0';
        unit[u++] = '.';
        for (int i = 1; i < decimals; i++)
            unit[u++] = '0';
        unit[u++] = '1';
        unit[u] = '\0';
    }
    snprintf(buf, size, "less than %s%%", unit);
}

/* ---- clauses ------------------------------------------------------------------ */

/* The first period after a break in (from, to], or NULL. */
static const char *break_label(const ind_measure *m, size_t from, size_t to)
{
    for (size_t u = from + 1; u <= to; u++)
        if (m->point[u].flags & IND_POINT_BREAK)
            return m->label[u];
    return NULL;
}

/* The verdict only when it agrees with the direction of the change. */
static ind_verdict verdict_of(const ind_measure *m, size_t t, int lag, double absolute)
{
    const ind_significance *sig = ind_measure_significance(m, t, lag);
    if (sig == NULL)
        return IND_VERDICT_NOT_TESTED;
    if (sig->verdict == IND_VERDICT_HIGHER && absolute > 0)
        return IND_VERDICT_HIGHER;
    if (sig->verdict == IND_VERDICT_LOWER && absolute < 0)
        return IND_VERDICT_LOWER;
    if (sig->verdict == IND_VERDICT_NO_CHANGE)
        return IND_VERDICT_NO_CHANGE;
    return IND_VERDICT_NOT_TESTED;
}

/* ", a statistically significant rise and the third consecutive annual
** increase", and the other combinations. */
static void qualifiers(text *s, const ind_measure *m, size_t t, int lag,
                       double absolute)
{
    int rising = absolute > 0;
    ind_verdict v = verdict_of(m, t, lag, absolute);
    int run = lag == 1 && m->run != NULL ? m->run[t] : 0;
    if (rising ? run < 2 : run > -2)
        run = 0;
    char nth[32] = "";
    if (run != 0)
        ind_commentary_ordinal(run < 0 ? -run : run, nth, sizeof nth);

    if (v == IND_VERDICT_HIGHER || v == IND_VERDICT_LOWER) {
        putf(s, ", a statistically significant %s", rising ? "rise" : "fall");
        if (run != 0)
            putf(s, " and the %s consecutive %s %s", nth, per_word(m->period_kind),
                 rising ? "increase" : "decrease");
        return;
    }
    if (run != 0)
        putf(s, ", the %s consecutive %s %s", nth, per_word(m->period_kind),
             rising ? "increase" : "decrease");
    if (v == IND_VERDICT_NO_CHANGE)
        put(s, run != 0 ? ", though not a statistically significant one"
                        : ", not a statistically significant change");
}

/* Says which of the two figures compared may still be revised. */
static void provisional(text *s, const ind_measure *m, size_t from, size_t to)
{
    int a = (m->point[from].flags & IND_POINT_PROVISIONAL) != 0;
    int b = (m->point[to].flags & IND_POINT_PROVISIONAL) != 0;
    if (a && b)
        put(s, "; both figures are provisional");
    else if (a || b)
        putf(s, "; the %s figure is provisional", m->label[a ? from : to]);
}

/* ---- the sentence ---------------------------------------------------------------- */

/* One figure: a count as an amount, anything else as present.h writes it. */
static void value_text(const ind_measure *m, const ind_point *p, int decimals,
                       char *buf, size_t size)
{
    if (m->kind == IND_MEASURE_COUNT)
        amount(m, p->value, buf, size);
    else
        ind_present_point(m, p, decimals, buf, size);
}

/* Nothing to compare: no figure now, none before, or the first period. */
static int no_comparison(text *s, const ind_measure *m, size_t t, int lag,
                         const char *subject, int decimals)
{
    char v[IND_PRESENT_MAX];
    if (isnan(m->point[t].value)) {
        putf(s, "%s: no figure for %s.", subject, m->label[t]);
        return 1;
    }
    value_text(m, &m->point[t], decimals, v, sizeof v);
    if (is_hours(m))
        strncat(v, " hours", sizeof v - strlen(v) - 1);
    if (t < (size_t)lag && lag == 1) {
        putf(s, "%s stood at %s in %s; there is no earlier figure to compare with.",
             subject, v, m->label[t]);
        return 1;
    }
    if (t < (size_t)lag) {
        putf(s, "%s stood at %s in %s; there is no figure from %d %s earlier to compare "
                "with.", subject, v, m->label[t], lag, plural_word(m->period_kind));
        return 1;
    }
    if (isnan(m->point[t - (size_t)lag].value)) {
        putf(s, "%s stood at %s in %s; there is no figure for %s to compare with.",
             subject, v, m->label[t], m->label[t - (size_t)lag]);
        return 1;
    }
    return 0;
}

/* "(3,034 to 3,314)", "(775 of 1,895 to 768 of 2,326)", or nothing. */
static void figures_behind(text *s, const ind_measure *m, const ind_point *a,
                           const ind_point *b)
{
    char x[2 * IND_FORMAT_MAX + 8], y[2 * IND_FORMAT_MAX + 8];
    char k[IND_FORMAT_MAX], n[IND_FORMAT_MAX];
    if (m->kind == IND_MEASURE_COUNT) {
        amount(m, a->value, x, sizeof x);
        amount(m, b->value, y, sizeof y);
        putf(s, " (%s to %s%s)", x, y, is_hours(m) ? " hours" : "");
        return;
    }
    if (m->kind != IND_MEASURE_PROPORTION)
        return;
    if (ind_format_amount(a->numerator, 2, k, sizeof k) < 0 ||
        ind_format_amount(a->denominator, 2, n, sizeof n) < 0)
        return;
    snprintf(x, sizeof x, "%s of %s", k, n);
    if (ind_format_amount(b->numerator, 2, k, sizeof k) < 0 ||
        ind_format_amount(b->denominator, 2, n, sizeof n) < 0)
        return;
    snprintf(y, sizeof y, "%s of %s", k, n);
    putf(s, " (%s to %s)", x, y);
}

/* "showed no change compared to 2022-23 (3,314 in both years)" */
static void no_change(text *s, const ind_measure *m, size_t t, size_t from,
                      const char *subject, int decimals)
{
    char v[IND_PRESENT_MAX];
    value_text(m, &m->point[t], decimals, v, sizeof v);
    putf(s, "%s showed no change compared to %s (%s%s in both %s)", subject,
         m->label[from], v, is_hours(m) ? " hours" : "", plural_word(m->period_kind));
}

/* A count from zero: no percentage can be given, and the sentence says why. */
static void from_zero(text *s, const ind_measure *m, size_t t, size_t from,
                      const char *subject, double absolute)
{
    char b[IND_PRESENT_MAX];
    amount(m, m->point[t].value, b, sizeof b);
    putf(s, "%s %s from 0 in %s to %s%s in %s, a change that cannot be given as a "
            "percentage because the earlier figure was zero",
         subject, absolute > 0 ? "rose" : "fell", m->label[from], b,
         is_hours(m) ? " hours" : "", m->label[t]);
}

/* "rose 9% compared to 2022-23" for counts, "fell from 41% in 2022-23 to
** 33% in 2023-24" for everything else, and the figures behind it. */
static void moved(text *s, const ind_measure *m, size_t t, int lag,
                  const char *subject, int decimals, const ind_change *c)
{
    size_t from = t - (size_t)lag;
    const char *verb = c->absolute > 0 ? "rose" : "fell";
    if (m->kind == IND_MEASURE_COUNT) {
        char pct[IND_PRESENT_MAX];
        percent_words(c, decimals, pct, sizeof pct);
        putf(s, "%s %s %s compared to %s", subject, verb, pct, m->label[from]);
    } else {
        char a[IND_PRESENT_MAX], b[IND_PRESENT_MAX];
        two_values(m, &m->point[from], &m->point[t], decimals, a, b, sizeof a);
        putf(s, "%s %s from %s in %s to %s in %s", subject, verb, a, m->label[from],
             b, m->label[t]);
    }
    figures_behind(s, m, &m->point[from], &m->point[t]);
}

int ind_commentary_sentence(const ind_measure *m, size_t t,
                            const ind_commentary_opts *opts, char *buf,
                            size_t size)
{
    static const ind_commentary_opts defaults = { 1, 0, NULL };
    if (opts == NULL)
        opts = &defaults;
    int lag = opts->lag > 0 ? opts->lag : 1;
    int decimals = opts->decimals;
    if (m == NULL || buf == NULL || size == 0 || t >= m->n || decimals < 0 ||
        decimals > MAX_DECIMALS || m->point == NULL)
        return -1;
    char subject[IND_COMMENTARY_MAX / 2];
    if (opts->subject != NULL) {
        int n = snprintf(subject, sizeof subject, "%s", opts->subject);
        if (n < 0 || (size_t)n >= sizeof subject)
            return -1;
    } else if (ind_commentary_subject(m, subject, sizeof subject) < 0) {
        return -1;
    }

    text s = { buf, size, 0, 0 };
    buf[0] = '\0';
    if (no_comparison(&s, m, t, lag, subject, decimals))
        return finish(&s);

    size_t from = t - (size_t)lag;
    const ind_change *c = lag <= m->max_lag ? ind_measure_change(m, t, lag) : NULL;
    ind_change own;
    if (c == NULL) {
        own = ind_change_between(m->point[from].value, m->point[t].value);
        c = &own;
    }
    const char *brk = break_label(m, from, t);
    if (c->absolute == 0)
        no_change(&s, m, t, from, subject, decimals);
    else if (c->status == IND_CHANGE_UNDEFINED && m->kind == IND_MEASURE_COUNT)
        from_zero(&s, m, t, from, subject, c->absolute);
    else
        moved(&s, m, t, lag, subject, decimals, c);

    if (brk != NULL)
        putf(&s, "; the definition changed in %s, so the two figures are not like "
                 "for like", brk);
    else if (c->absolute != 0)
        qualifiers(&s, m, t, lag, c->absolute);
    provisional(&s, m, from, t);
    put(&s, ".");
    return finish(&s);
}
