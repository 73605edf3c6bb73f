/*
** write.h: results as a terminal table, a JSON document or CSV.
**
** Every writer is a view of the same ind_result: no figure is computed here,
** only formatted (through present.h). The JSON form is the complete result,
** documented field by field in docs/result-format.md.
*/
#ifndef INDICATE_WRITE_H
#define INDICATE_WRITE_H

#include <stdio.h>

#include "cli.h"
#include "jsonw.h"

typedef struct write_opts {
    int decimals;          /* for percentages, rates and ratios */
} write_opts;

typedef enum out_format {
    OUT_TABLE = 0,
    OUT_JSON,
    OUT_CSV
} out_format;

/* Parses "table", "json", "csv". Returns -1 for anything else. */
int out_format_parse(const char *s, out_format *f);

/* Writes results (one per area) in format f. Returns 0, or -1 on a write
** error (the caller reports it when committing the output). */
int write_results(FILE *fp, out_format f, ind_result *const *results, size_t n,
                  const write_opts *o);

/* One area's result as a JSON object (used by run and, one per line, by
** batch). */
void write_json_area(jsonw *w, const ind_result *r, const write_opts *o);

void write_table(FILE *fp, ind_result *const *results, size_t n, const write_opts *o);
void write_csv(FILE *fp, ind_result *const *results, size_t n, const write_opts *o);

/* "higher_is_better", "lower_is_better", "neutral". */
const char *polarity_name(int polarity);

#endif
