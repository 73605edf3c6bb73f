/*
** write_md.h: Markdown for committee papers: GitHub-flavoured pipe tables
** and the commentary, ready to paste (`run --format md`, `status --format
** md`).
**
** The same views as the HTML report without the charts: the status summary
** table and the status of every measure and project, then per indicator
** each measure's latest figure and sentence, its table of figures and the
** lines on its trend, tests, projection and control chart. Statuses are
** words, so nothing depends on colour. Text from the input is escaped
** (md_text): pipes, backslashes, emphasis and link characters, and a "<"
** that could open an HTML tag. docs/reports.md shows an example.
*/
#ifndef INDICATE_WRITE_MD_H
#define INDICATE_WRITE_MD_H

#include <stdio.h>

#include "indicate/scorecard.h"
#include "indicate/vocab.h"
#include "report.h"

/* Writes s as Markdown text that renders as s, on one line (line ends
** become spaces); NULL writes nothing. */
void md_text(FILE *fp, const char *s);

/* Writes the report of areas[0..n): per area its heading, the status
** summary when it has a scorecard, and every group of measures. Returns 0,
** or -1 on a write error. */
int write_md_report(FILE *fp, const report_area *areas, size_t n, const report_opts *o);

/* Writes scorecards: per area the table of items (when items is set) and
** the summary table (when summary is set). Returns 0, or -1 on a write
** error. */
int write_md_scorecards(FILE *fp, ind_scorecard *const *cards, size_t n,
                        const ind_vocab *v, int items, int summary);

#endif
