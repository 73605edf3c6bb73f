/*
** cells.h: a measure's figures as the short texts that fill table cells
** and the lines under a table: counts ("768 of 2,326"), notes ("break"),
** the test of a change ("lower (p < 0.001)"), and the sentences on the
** trend, the trend tests, the projection and the XmR chart.
**
** Shared by the terminal table, the HTML report, Markdown and the workbook
** so that they say the same thing in the same words. Nothing is computed:
** every number is a field of the result, written through present.h and
** format.h. Functions writing into buf always leave a NUL-terminated string
** (truncated when buf is short); CELLS_LINE_MAX bytes hold any line.
*/
#ifndef INDICATE_CELLS_H
#define INDICATE_CELLS_H

#include <stddef.h>

#include "indicate/analyse.h"

#define CELLS_LINE_MAX 1024

/* "a year", "a quarter", "a month": the unit of a slope. */
const char *cells_per_period(ind_period_kind kind);

/* "p < 0.001", "p = 0.042", "p undefined". */
void cells_p(double p, char *buf, size_t size);

/* A slope in the measure's terms, signed: "+195.5", "-4.9 pp". */
void cells_slope(const ind_measure *m, double slope, int decimals, char *buf,
                 size_t size);

/* The counts behind a point: "768 of 2,326" (proportions), "92,624 /
** 133,941" (rates and ratios), "" for counts or when missing. */
void cells_counts(const ind_measure *m, const ind_point *p, char *buf, size_t size);

/* The point's notes: "gap", "break" (or "across-break" when a change shown
** spans one), "suppressed", "provisional", separated by spaces. */
void cells_flags(const ind_point *p, int across_break, char *buf, size_t size);

/* Non-zero when a change of m at t against up to max_lag (at most 3)
** periods earlier spans a break. */
int cells_across_break(const ind_measure *m, size_t t, int max_lag);

/* The test of the change at t from the period before: "higher (p =
** 0.011)", "lower (p < 0.001)", "no significant change", "" when not
** tested. */
void cells_significance(const ind_measure *m, size_t t, char *buf, size_t size);

/* The straight-line trend: "Trend 2017-18 to 2023-24: -4.9 pp a year (p =
** 0.002). 2024-25 projected 29.8% (95% prediction interval 15.3% to
** 44.4%)." or "Trend: not computed (needs at least 3 values; has 2)." The
** trend's note, when it has one, goes to note ("" otherwise). */
void cells_trend(const ind_result *r, const ind_measure *m, int decimals,
                 char *buf, size_t size, char *note, size_t note_size);

/* The trend tests: "Trend tests 2017-18 to 2023-24: Mann-Kendall tau -0.81
** (p = 0.011, exact); Sen's slope ...". "" when not computed. */
void cells_tests(const ind_result *r, const ind_measure *m, int decimals,
                 char *buf, size_t size);

/* The projection when it says more than the trend line (another method,
** or more than one period): "Projection (damped Holt ...): 2024-25 ...".
** "" otherwise; "Projection: not computed (...)." when a method asked for
** could not run. With always set, the projection is written whenever one
** was computed. */
void cells_projection(const ind_result *r, const ind_measure *m, int decimals,
                      int always, char *buf, size_t size);

/* The XmR chart's reading of the latest point: "SPC: common cause
** variation at 2023-24; limits from 7 values ...". "" when no chart. */
void cells_spc(const ind_measure *m, char *buf, size_t size);

#endif
