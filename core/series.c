/*
** series.c: lookups in a series and the rule for series ids.
*/
#include <string.h>

#include "indicate/series.h"

long ind_series_index(const ind_series *s, int32_t ordinal)
{
    if (s == NULL)
        return -1;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ordinal[mid] < ordinal)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->ordinal[lo] == ordinal ? (long)lo : -1;
}

int ind_series_breaks_between(const ind_series *s, int32_t from, int32_t to)
{
    if (s == NULL || s->n_breaks == 0)
        return 0;
    /* A comparison either way round crosses the same breaks. */
    if (from > to) {
        int32_t t = from;
        from = to;
        to = t;
    }
    size_t lo = 0, hi = s->n_breaks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->breaks[mid].ordinal <= from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n_breaks && s->breaks[lo].ordinal <= to;
}

static int id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

int ind_id_valid(const char *id)
{
    if (id == NULL)
        return 0;
    size_t part = 0, i = 0;
    for (; id[i] != '\0'; i++) {
        if (i == 64)
            return 0;
        if (id[i] == '.') {
            if (part == 0)
                return 0;
            part = 0;
        } else if (id_char(id[i])) {
            part++;
        } else {
            return 0;
        }
    }
    return part > 0;
}
