/*
** write_xlsx.h: results and statuses as an Excel workbook with native
** charts (`run --format xlsx`, `status --format xlsx`; batch can call it
** too), through libxlsxwriter.
**
** Sheets, each with its header row frozen:
**   Summary    the summary table of statuses by level and type of measure,
**              per area (as IMPROVe reports print it)
**   Statuses   every measure and project with its status, figure, target,
**              assessment and sentence
**   one per indicator (or series), named by its id: a row per area,
**              measure and period (then a row per period projected) with
**              the figure, counts, interval, changes, the test, the year to
**              date, status, target, trend line and projection; and, per
**              measure and area, a native line chart of the figure, trend,
**              projection with its prediction bounds, and target.
** Numbers are stored as numbers, as the JSON output holds them, with number
** formats: proportions as percentages (0.33 shown 33.0%), counts with
** thousands separators, pounds with £, p-values to three places. Two
** columns are in display units: a proportion's change is in percentage
** points (-7.9) and every % change in percent (-19.3), as in the tables.
** Periods are text. docs/reports.md lists the columns.
**
** Streaming: xlsx_add_area appends one area to every sheet, so a caller
** can add areas as it computes them and free each after. Memory: by
** default libxlsxwriter keeps every cell in memory until xlsx_close (some
** tens of bytes per cell, plus each distinct string once); with
** constant_memory set it keeps one row per sheet and writes the rest to
** temporary files (in tmpdir), so memory is then bounded by the charts
** (a few kilobytes each: turn them off with charts = 0 for very many areas)
** and the sheet list. The file appears at path only when xlsx_close
** succeeds (written under a temporary name and renamed); "-" or NULL
** writes it to standard output.
*/
#ifndef INDICATE_WRITE_XLSX_H
#define INDICATE_WRITE_XLSX_H

#include "report.h"

typedef struct xlsx_opts {
    report_opts report;     /* decimals, vocabulary, status rules */
    int charts;             /* add a native chart per measure and area */
    int constant_memory;    /* libxlsxwriter's constant memory mode */
    const char *tmpdir;     /* its temporary files; NULL for the default */
} xlsx_opts;

typedef struct xlsx_book xlsx_book;

/* Starts a workbook to be written to path. On failure prints why and
** returns the exit code (EXIT_IO, EXIT_INTERNAL); *out is then NULL. */
int xlsx_open(xlsx_book **out, const char *path, const xlsx_opts *o);

/* Appends area a to the workbook. EXIT_OK_, or EXIT_INTERNAL after
** printing why (out of memory, or a limit of the format such as more than
** 1,048,576 rows on a sheet). */
int xlsx_add_area(xlsx_book *b, const report_area *a);

/* Writes the workbook and frees b: EXIT_OK_, or EXIT_IO after printing
** why (nothing is left at path). */
int xlsx_close(xlsx_book *b);

/* Frees b without writing anything. NULL is a no-op. */
void xlsx_abort(xlsx_book *b);

#endif
