/*
** change.h: how a figure moved between two periods, and over a run of them.
**
** Percent change from a zero base is undefined: it is reported as such
** (status IND_CHANGE_UNDEFINED, percent NaN), never as an infinity, and the
** writers print it as "undefined". Pure functions, no allocation.
*/
#ifndef INDICATE_CHANGE_H
#define INDICATE_CHANGE_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_change_status {
    IND_CHANGE_OK = 0,        /* absolute and percent are both defined */
    IND_CHANGE_MISSING = 1,   /* one end is missing: nothing is defined */
    IND_CHANGE_UNDEFINED = 2  /* from is zero: absolute defined, percent not */
} ind_change_status;

typedef struct ind_change {
    ind_change_status status;
    double from, to;   /* the two values compared (NaN when missing) */
    double absolute;   /* to - from; NaN when status is IND_CHANGE_MISSING */
    double percent;    /* (to - from) / |from| * 100; NaN unless IND_CHANGE_OK */
} ind_change;

/* The change from `from` to `to`. Never fails. A negative base (signed
** series) divides by its magnitude so that a rise is always positive. */
ind_change ind_change_between(double from, double to);

/* Compound annual growth rate from first to last over `years` years, as a
** fraction (0.05 = 5% a year). Returns IND_EDOMAIN when it is not defined
** (first <= 0, last < 0, years <= 0, either missing). */
int ind_change_cagr(double first, double last, double years, double *rate);

/* For each t, the signed length of the run of consecutive changes in one
** direction ending at t: +k when values[t-k..t] rose k times in a row, -k
** when they fell k times, 0 when values[t] equals values[t-1] or either is
** missing (a missing value or an unchanged one ends a run). run[0] is 0. */
void ind_change_runs(const double *values, size_t n, int *run);

#ifdef __cplusplus
}
#endif
#endif
