/*
** present.h: a measure's figures as a person reads them.
**
** One place decides how every figure of a result is written, so the table,
** CSV, JSON "display" fields, commentary and reports agree to the character:
**
**   count        "2,326"            whole numbers with separators
**   proportion   "33.0%"            exact from the integer counts (768/2326)
**   rate         "13.0 per 1,000"
**   ratio        "69.2%" when the unit is "%", else the number and unit
**   change       "+280" "+9.2%"     counts: absolute and percent
**                "-7.9 pp"          proportions: percentage points
**                "no change", "undefined" (from a zero base)
**   interval     "30.9% to 35.0%"
**
** decimals is the number of decimal places for percentages, rates and
** ratios (reports usually use 0 or 1). Every function writes a NUL-terminated
** string into buf and returns its length, or -1 when buf is too small.
** IND_PRESENT_MAX bytes always suffice. Missing values write "".
*/
#ifndef INDICATE_PRESENT_H
#define INDICATE_PRESENT_H

#include <stddef.h>

#include "analyse.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_PRESENT_MAX 96

/* The value of m at period t. */
int ind_present_value(const ind_measure *m, size_t t, int decimals, char *buf,
                      size_t size);

/* The same for any point of the measure's kind (a year-to-date figure). */
int ind_present_point(const ind_measure *m, const ind_point *p, int decimals,
                      char *buf, size_t size);
int ind_present_point_interval(const ind_measure *m, const ind_point *p,
                               int decimals, char *buf, size_t size);

/* The interval of m at period t ("" when it has none). */
int ind_present_interval(const ind_measure *m, size_t t, int decimals,
                         char *buf, size_t size);

/* The change of m at t against lag periods earlier, in the measure's own
** terms: absolute for counts ("+280"), percentage points for proportions
** ("-7.9 pp"), absolute in the unit for rates and ratios. */
int ind_present_change_absolute(const ind_measure *m, size_t t, int lag,
                                int decimals, char *buf, size_t size);

/* The relative change of m at t against lag periods earlier: "+9.2%",
** "no change", "undefined" (zero base), "" when either end is missing. */
int ind_present_change_percent(const ind_measure *m, size_t t, int lag,
                               int decimals, char *buf, size_t size);

/* A bare number of the measure's kind (a projection, a bound): "28.1%",
** "2,410", "13.0 per 1,000". Not exact: it has no counts behind it. */
int ind_present_number(const ind_measure *m, double x, int decimals, char *buf,
                       size_t size);

#ifdef __cplusplus
}
#endif
#endif
