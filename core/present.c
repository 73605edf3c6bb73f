/*
** present.c: writing a measure's figures the way reports write them.
**
** Wherever a figure is a ratio of integer counts (a proportion, a change of
** a proportion, a percent change of a count) it is rounded exactly from the
** integers through ind_format_ratio; other figures go through
** ind_format_double. No figure is rounded twice.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "indicate/format.h"
#include "indicate/present.h"

/* Counts up to this fit in products of two without overflow. */
#define EXACT_LIMIT 3037000499.0 /* floor(sqrt(2^63 - 1)) */

static int exact_count(double x)
{
    return ind_is_integral(x) && fabs(x) <= EXACT_LIMIT;
}

/* Appends suffix to buf holding len bytes; -1 when it does not fit. */
static int append(char *buf, size_t size, int len, const char *suffix)
{
    if (len < 0)
        return -1;
    size_t s = strlen(suffix);
    if ((size_t)len + s + 1 > size)
        return -1;
    memcpy(buf + len, suffix, s + 1);
    return len + (int)s;
}

static int empty(char *buf, size_t size)
{
    if (size == 0)
        return -1;
    buf[0] = '\0';
    return 0;
}

/* "per 1,000" for a rate's multiplier. */
static int per_suffix(double multiplier, char *buf, size_t size)
{
    char num[IND_FORMAT_MAX];
    if (ind_format_amount(multiplier, 0, num, sizeof num) < 0)
        return -1;
    int n = snprintf(buf, size, " per %s", num);
    return n < 0 || (size_t)n >= size ? -1 : n;
}

/* What follows a number of the measure's kind. */
static int unit_suffix(const ind_measure *m, char *buf, size_t size)
{
    switch (m->kind) {
    case IND_MEASURE_PROPORTION:
        return snprintf(buf, size, "%%");
    case IND_MEASURE_RATE:
        return per_suffix(m->multiplier, buf, size);
    case IND_MEASURE_RATIO:
        /* other ratios are plain numbers */
        if (m->unit != NULL && strcmp(m->unit, "%") == 0)
            return snprintf(buf, size, "%%");
        return empty(buf, size);
    default:
        return empty(buf, size);
    }
}

int ind_present_number(const ind_measure *m, double x, int decimals, char *buf,
                       size_t size)
{
    if (isnan(x))
        return empty(buf, size);
    char suffix[48];
    if (unit_suffix(m, suffix, sizeof suffix) < 0)
        return -1;
    int len;
    if (m->kind == IND_MEASURE_PROPORTION)
        len = ind_format_double(x * 100, decimals, 1, buf, size);
    else if (m->kind == IND_MEASURE_COUNT)
        len = ind_format_amount(x, decimals, buf, size);
    else
        len = ind_format_double(x, decimals, 1, buf, size);
    return append(buf, size, len, suffix);
}

int ind_present_value(const ind_measure *m, size_t t, int decimals, char *buf,
                      size_t size)
{
    return ind_present_point(m, &m->point[t], decimals, buf, size);
}

int ind_present_point(const ind_measure *m, const ind_point *p, int decimals,
                      char *buf, size_t size)
{
    if (isnan(p->value))
        return empty(buf, size);
    if (m->kind == IND_MEASURE_COUNT)
        return ind_format_amount(p->value, decimals, buf, size);

    char suffix[48];
    if (unit_suffix(m, suffix, sizeof suffix) < 0)
        return -1;
    double scale = m->kind == IND_MEASURE_PROPORTION ? 100 : m->multiplier;
    int len = ind_format_quotient(p->numerator, p->denominator, scale, decimals,
                                  1, buf, size);
    return append(buf, size, len, suffix);
}

int ind_present_interval(const ind_measure *m, size_t t, int decimals,
                         char *buf, size_t size)
{
    return ind_present_point_interval(m, &m->point[t], decimals, buf, size);
}

int ind_present_point_interval(const ind_measure *m, const ind_point *p,
                               int decimals, char *buf, size_t size)
{
    if (isnan(p->lower) || isnan(p->upper))
        return empty(buf, size);
    char lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
    if (ind_present_number(m, p->lower, decimals, lo, sizeof lo) < 0 ||
        ind_present_number(m, p->upper, decimals, hi, sizeof hi) < 0)
        return -1;
    int n = snprintf(buf, size, "%s to %s", lo, hi);
    return n < 0 || (size_t)n >= size ? -1 : n;
}

/* Adds a leading "+" to a positive figure already in buf. */
static int signed_figure(char *buf, size_t size, int len, double x)
{
    if (len < 0 || !(x > 0) || buf[0] == '-')
        return len;
    if ((size_t)len + 2 > size)
        return -1;
    memmove(buf + 1, buf, (size_t)len + 1);
    buf[0] = '+';
    return len + 1;
}

/* The change of a proportion k1/n1 -> k2/n2 as (k2*n1 - k1*n2) / (n1*n2),
** exactly, scaled by 100 (percentage points) or relative to k1/n1. */
static int exact_proportion_change(const ind_point *a, const ind_point *b,
                                   int relative, int decimals, char *buf,
                                   size_t size)
{
    double k1 = a->numerator, n1 = a->denominator;
    double k2 = b->numerator, n2 = b->denominator;
    if (!exact_count(k1) || !exact_count(n1) || !exact_count(k2) || !exact_count(n2))
        return -2;
    int64_t num = (int64_t)k2 * (int64_t)n1 - (int64_t)k1 * (int64_t)n2;
    int64_t den = relative ? (int64_t)k1 * (int64_t)n2 : (int64_t)n1 * (int64_t)n2;
    if (den == 0)
        return -2;
    return ind_format_ratio(num, den, 100, decimals, 1, buf, size);
}

int ind_present_change_absolute(const ind_measure *m, size_t t, int lag,
                                int decimals, char *buf, size_t size)
{
    const ind_change *c = ind_measure_change(m, t, lag);
    if (c == NULL || c->status == IND_CHANGE_MISSING)
        return empty(buf, size);

    int len;
    if (m->kind == IND_MEASURE_PROPORTION) {
        len = exact_proportion_change(&m->point[t - (size_t)lag], &m->point[t], 0,
                                      decimals, buf, size);
        if (len == -2)
            len = ind_format_double(c->absolute * 100, decimals, 1, buf, size);
        len = append(buf, size, len, " pp");
    } else if (m->kind == IND_MEASURE_COUNT) {
        len = ind_format_amount(c->absolute, decimals, buf, size);
    } else {
        char suffix[48];
        if (unit_suffix(m, suffix, sizeof suffix) < 0)
            return -1;
        if (m->kind == IND_MEASURE_RATIO && suffix[0] == '%')
            strcpy(suffix, " pp");
        len = ind_format_double(c->absolute, decimals, 1, buf, size);
        len = append(buf, size, len, suffix);
    }
    return signed_figure(buf, size, len, c->absolute);
}

int ind_present_change_percent(const ind_measure *m, size_t t, int lag,
                               int decimals, char *buf, size_t size)
{
    const ind_change *c = ind_measure_change(m, t, lag);
    if (c == NULL || c->status == IND_CHANGE_MISSING)
        return empty(buf, size);
    const char *word = c->status == IND_CHANGE_UNDEFINED ? "undefined"
                     : c->absolute == 0                  ? "no change"
                                                         : NULL;
    if (word != NULL) {
        int n = snprintf(buf, size, "%s", word);
        return n < 0 || (size_t)n >= size ? -1 : n;
    }

    int len = -2;
    if (m->kind == IND_MEASURE_PROPORTION && c->from > 0)
        len = exact_proportion_change(&m->point[t - (size_t)lag], &m->point[t], 1,
                                      decimals, buf, size);
    else if (m->kind == IND_MEASURE_COUNT && exact_count(c->from) && exact_count(c->to))
        len = ind_format_ratio((int64_t)c->to - (int64_t)c->from,
                               (int64_t)fabs(c->from), 100, decimals, 1, buf, size);
    if (len == -2)
        len = ind_format_double(c->percent, decimals, 1, buf, size);
    len = append(buf, size, len, "%");
    return signed_figure(buf, size, len, c->absolute);
}
