/*
** write_html.h: the HTML report (`indicate report`): one self-contained
** page, inline CSS and SVG, no scripts and nothing fetched.
**
** Per area: the status summary table (as IMPROVe reports print it) and the
** status of every measure and project; then per indicator, each measure's
** latest figure, status and sentence, its chart (svg_chart.h), the table of
** its figures and the lines on its trend, trend tests, projection and XmR
** chart. Every figure is a field of the result or scorecard written through
** present.h (or cells.h); every string from the input is escaped. The same
** result gives the same bytes. docs/reports.md describes the page.
*/
#ifndef INDICATE_WRITE_HTML_H
#define INDICATE_WRITE_HTML_H

#include <stdio.h>

#include "report.h"

/* Writes the page for areas[0..n). Returns 0, or -1 on a write error. */
int write_html(FILE *fp, const report_area *areas, size_t n, const report_opts *o);

#endif
