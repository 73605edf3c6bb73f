/*
** svg_chart.h: a line chart of one measure as inline SVG, for the HTML
** report: the series with its intervals, the trend line, the projection
** with its prediction band, XmR limits and special-cause points, the
** target, the status of the period judged, and breaks in the series.
**
** The chart draws what it is given and computes no statistic: the caller
** fills svg_chart from the result (every value, bound, limit and target is
** a field of ind_result or of a status). What is decided here is only
** presentation: the axis range and its ticks, pixel positions, and the
** legend, which lists only what the chart shows.
**
** Accessible by construction: the SVG has role="img", a <title> and a
** <desc> (given by the caller), the axes are labelled, and every mark
** whose colour means something also has a shape and a word (the legend,
** the status label), so nothing depends on colour alone. The palette is
** Okabe and Ito's, which colour-blind readers can tell apart, and lines are
** also told apart by dashes for grey-scale print. Every string is escaped.
*/
#ifndef INDICATE_SVG_CHART_H
#define INDICATE_SVG_CHART_H

#include <stddef.h>
#include <stdio.h>

#include "indicate/target.h"

/* A stretch of the XmR chart with its own limits. */
typedef struct svg_limits {
    size_t first, last;        /* category indices */
    double mean, lower, upper; /* NaN: not drawn */
} svg_limits;

/* How a special-cause point is read (spc.h's ind_spc_type). */
enum { SVG_SPECIAL_NONE = 0, SVG_SPECIAL_IMPROVEMENT, SVG_SPECIAL_CONCERN,
       SVG_SPECIAL_NEUTRAL };

typedef struct svg_chart {
    const char *id;          /* unique in the page: prefixes element ids */
    const char *title;       /* drawn at the top and used as <title> */
    const char *desc;        /* the text description (<desc>) */
    const char *y_label;     /* the value axis, with its unit */
    const char *x_label;     /* the period axis ("Financial year") */
    const char *value_label; /* the legend's words for the series */
    const char *interval_label;   /* for the intervals ("95% interval") */
    const char *projection_label; /* for the projection and its band */

    size_t n;                /* categories: observed periods, then projected */
    size_t n_observed;
    const char *const *label;/* [n] period labels */
    const double *value;     /* [n_observed] NaN when missing */
    const double *lower;     /* [n_observed] interval, or NULL */
    const double *upper;
    const unsigned char *break_at; /* [n_observed] 1: a change of definition
                                      starts here; or NULL */

    /* The straight-line trend from (x0, y0) to (x1, y1), in category
    ** indices; has_trend 0 for none. */
    int has_trend;
    double trend_x0, trend_y0, trend_x1, trend_y1;

    /* The projection: values and prediction bounds at categories
    ** n_observed .. n - 1, joined to the last observed value (at index
    ** proj_from, which must have a value). */
    int has_projection;
    size_t proj_from;
    const double *proj_value; /* [n - n_observed] */
    const double *proj_lower;
    const double *proj_upper;

    /* XmR limits and special causes. */
    size_t n_limits;
    const svg_limits *limits;
    const unsigned char *special; /* [n_observed] SVG_SPECIAL_*, or NULL */

    /* The target per observed category (NaN where none applies) and the
    ** words for the legend ("Target (year to date)"). */
    const double *target;    /* [n_observed], or NULL */
    const char *target_label;
    /* A second series the target judges (the year to date), or NULL. */
    const double *judged;    /* [n_observed] */
    const char *judged_label;

    /* The status of the period judged: drawn at status_at with its shape
    ** and word; status_word NULL for none. */
    const char *status_word;
    ind_level status_level;
    size_t status_at;
    int status_on_judged;    /* the mark sits on the judged series */

    int percent;             /* values are fractions, shown as percentages */
    int zero_based;          /* the value axis starts at 0 (when no value is
                                negative) */
    const char *prefix;      /* before tick labels ("£"), or NULL */
} svg_chart;

/* Writes the chart as an <svg> element. Returns 0, or -1 when the chart has
** nothing to draw (no value at all) and nothing was written. */
int svg_chart_write(FILE *fp, const svg_chart *c);

/* The ticks of an axis from lo to hi: about `want` round steps (1, 2, 2.5
** or 5 times a power of ten), the first at or below lo and the last at or
** above hi. Returns the number of ticks (2 or more), with the first in
** *start and the step in *step; lo < hi is required (else 0). */
size_t svg_ticks(double lo, double hi, int want, double *start, double *step);

/* Writes s with the five characters HTML and SVG treat specially (& < > "
** ') as entities; NULL writes nothing. */
void svg_escape(FILE *fp, const char *s);

/* The fill colour of a status level (Okabe-Ito: blue, bluish green,
** orange, vermilion; greys for pending and context). */
const char *svg_level_colour(ind_level level);

/* Writes the shape of a status level centred at (x, y) with half-size r:
** a square (complete), circle (met), triangle (near), diamond (missed),
** hollow circle (pending), hollow square (context). */
void svg_level_shape(FILE *fp, ind_level level, double x, double y, double r);

#endif
