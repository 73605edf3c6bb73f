/*
** write_status.h: scorecards as a terminal table, a JSON document or CSV
** (Markdown and the workbook are write_md.h and write_xlsx.h).
**
** Views of ind_scorecard only: every figure and sentence comes from the
** library (scorecard.h); the writers place them and put the levels into the
** chosen vocabulary's words. The JSON form is documented in docs/targets.md.
*/
#ifndef INDICATE_WRITE_STATUS_H
#define INDICATE_WRITE_STATUS_H

#include <stdio.h>

#include "indicate/scorecard.h"
#include "indicate/vocab.h"

typedef enum status_format {
    STATUS_TABLE = 0,
    STATUS_JSON,
    STATUS_CSV,
    STATUS_MD,     /* written by write_md.h */
    STATUS_XLSX    /* written by write_xlsx.h */
} status_format;

typedef enum status_view {
    STATUS_VIEW_DEFAULT = 0, /* all for table and JSON, measures for CSV */
    STATUS_VIEW_ALL,         /* every item, then the summary table */
    STATUS_VIEW_MEASURES,    /* every item */
    STATUS_VIEW_SUMMARY      /* the summary table */
} status_view;

typedef struct status_write_opts {
    const ind_vocab *vocab;
    status_view view;
    int bom;                 /* CSV: begin with a UTF-8 byte order mark */
} status_write_opts;

/* Parses "table", "json", "csv", "md" (or "markdown"), "xlsx"; -1 for
** anything else. */
int status_format_parse(const char *s, status_format *f);

/* Parses "all", "measures", "summary"; -1 for anything else. */
int status_view_parse(const char *s, status_view *v);

/* Writes the scorecards (one per area) as a table, JSON, CSV or Markdown.
** Returns 0, or -1 on a write error (reported when the output is
** committed). */
int write_status(FILE *fp, status_format f, ind_scorecard *const *cards, size_t n,
                 const status_write_opts *o);

#endif
