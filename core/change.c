/*
** change.c: the movement of a figure between two periods (absolute and
** percent), compound annual growth, and runs of consecutive rises or falls.
*/
#include <math.h>
#include <stddef.h>

#include "indicate/change.h"

/* Infinite values are no more comparable than absent ones, so both count as
** missing. */
static int is_missing(double v)
{
    return !isfinite(v);
}

ind_change ind_change_between(double from, double to)
{
    ind_change c = {IND_CHANGE_MISSING, from, to, NAN, NAN};
    if (is_missing(from) || is_missing(to))
        return c;
    c.absolute = to - from;
    if (from == 0.0) {
        c.status = IND_CHANGE_UNDEFINED;
        return c;
    }
    c.status = IND_CHANGE_OK;
    /* Dividing by |from| keeps a rise positive on a negative base. */
    c.percent = c.absolute / fabs(from) * 100.0;
    return c;
}

int ind_change_cagr(double first, double last, double years, double *rate)
{
    if (rate == NULL)
        return IND_EINVAL;
    *rate = NAN;
    if (is_missing(first) || is_missing(last) || is_missing(years))
        return IND_EDOMAIN;
    if (first <= 0.0 || last < 0.0 || years <= 0.0)
        return IND_EDOMAIN;
    /* (1 + g)^years = last / first, solved through log1p and expm1 so that
    ** a small rate keeps the digits pow(last / first, ...) - 1 would lose. */
    *rate = expm1(log1p((last - first) / first) / years);
    /* A ratio that overflows (tiny first, huge last) has no finite rate. */
    if (!isfinite(*rate)) {
        *rate = NAN;
        return IND_EDOMAIN;
    }
    return IND_OK;
}

/* The run ending at a step given the run ending one step before. */
static int next_run(int previous, double before, double after)
{
    if (is_missing(before) || is_missing(after) || after == before)
        return 0;
    if (after > before)
        return previous > 0 ? previous + 1 : 1;
    return previous < 0 ? previous - 1 : -1;
}

void ind_change_runs(const double *values, size_t n, int *run)
{
    if (values == NULL || run == NULL || n == 0)
        return;
    run[0] = 0;
    for (size_t t = 1; t < n; t++)
        run[t] = next_run(run[t - 1], values[t - 1], values[t]);
}
