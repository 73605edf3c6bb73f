/*
** write.h: results as a terminal table, a JSON document, CSV, Markdown or
** an Excel workbook.
**
** Every writer is a view of the same ind_result: no figure is computed here,
** only formatted (through present.h). The JSON form is the complete result,
** documented field by field in docs/result-format.md; Markdown and the
** workbook are described in docs/reports.md (write_md.h, write_xlsx.h).
*/
#ifndef INDICATE_WRITE_H
#define INDICATE_WRITE_H

#include <stdio.h>

#include "cli.h"
#include "indicate/commentary.h"
#include "indicate/scorecard.h"
#include "indicate/vocab.h"
#include "jsonw.h"

typedef struct write_opts {
    int decimals;          /* for percentages, rates and ratios */
    int commentary;        /* add the sentence about each period */
    const ind_dataset *dataset;       /* the area written, for its targets'
                                         statuses; NULL for none */
    const ind_dataset *const *datasets; /* or, for several areas, the dataset
                                         of each result, in order */
    const ind_scorecard_opts *status; /* how statuses are judged; NULL for
                                         the defaults */
    const ind_vocab *vocab;           /* status words; NULL for the default */
    int bom;                          /* CSV: begin with a UTF-8 byte order mark */
} write_opts;

typedef enum out_format {
    OUT_TABLE = 0,
    OUT_JSON,
    OUT_CSV,
    OUT_MD,    /* Markdown: run and status only */
    OUT_XLSX   /* an Excel workbook: run and status only (write_xlsx.h) */
} out_format;

/* Parses "table", "json", "csv". Returns -1 for anything else. */
int out_format_parse(const char *s, out_format *f);

/* Parses those and "md" (or "markdown") and "xlsx", the formats of the
** verbs that write reports for people (run, status). -1 for anything else. */
int out_format_parse_all(const char *s, out_format *f);

/* Writes results (one per area) in format f. Returns 0, or -1 on a write
** error (the caller reports it when committing the output). */
int write_results(FILE *fp, out_format f, ind_result *const *results, size_t n,
                  const write_opts *o);

/* o for area i of a multi-area write: dataset set from datasets[i]. */
write_opts write_opts_for_area(const write_opts *o, size_t i);

/* The status of m at period t against o->dataset's target for it: 1 with
** *st filled when the dataset sets one, else 0. Targets are checked before
** anything is written (cmd_run), so a failure here means none applies. */
int write_status_of(const write_opts *o, const ind_measure *m, size_t t,
                    ind_status *st);

/* The word for a status level in o's vocabulary. */
const char *write_status_word(const write_opts *o, ind_level level);

/* One area's result as a JSON object (used by run and, one per line, by
** batch). */
void write_json_area(jsonw *w, const ind_result *r, const write_opts *o);

/* A measure's trend tests, projection and XmR chart as JSON members
** ("trend_tests", "projection", "spc"); the chart lists only the special
** causes unless full, when it lists every period. */
/* The area and measure a trend or spc verb reports on, as JSON members. */
void write_json_identity(jsonw *w, const ind_result *r, const ind_measure *m);
void write_json_trend_tests(jsonw *w, const ind_result *r, const ind_measure *m);
void write_json_projection(jsonw *w, const ind_measure *m, const write_opts *o);
void write_json_spc(jsonw *w, const ind_measure *m, int full, const write_opts *o);

void write_table(FILE *fp, ind_result *const *results, size_t n, const write_opts *o);
void write_csv(FILE *fp, ind_result *const *results, size_t n, const write_opts *o);

/* "higher_is_better", "lower_is_better", "neutral". */
const char *polarity_name(int polarity);

#endif
