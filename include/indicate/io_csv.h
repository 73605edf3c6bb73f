/*
** io_csv.h: datasets from CSV in long format, parsed with libcsv.
**
** The header row names the columns; area, series, period and value are
** required, and code, title, unit and flag are optional, in any order:
**
**     area,series,period,value
**     North Lanarkshire,cp.referrals,2023-24,2326
**
** An empty value is missing. The rows of one area must be contiguous (they
** are read as a stream); the rows of a series may come in any period order.
** Errors name the file and the line.
*/
#ifndef INDICATE_IO_CSV_H
#define INDICATE_IO_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "dataset.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_csv_stream ind_csv_stream;

/* Starts reading CSV long format from fp (not closed by the stream). When
** fp is a regular file and its areas turn out not to be in sorted order, the
** stream reads the part already read once more through fp's descriptor
** (pread, from fp's position at open), leaving fp's own position alone:
** the file must not change while it is read. */
int ind_csv_stream_open(const char *file, FILE *fp, const ind_limits *limits,
                        ind_csv_stream **out, ind_error *err);

/* The next area, or *out = NULL at the end of the input. */
int ind_csv_stream_next(ind_csv_stream *s, ind_dataset **out, ind_error *err);

/* Non-zero when, after an error, the next area can still be read. */
int ind_csv_stream_recoverable(const ind_csv_stream *s);

/* Bytes consumed so far. */
size_t ind_csv_stream_bytes(const ind_csv_stream *s);

void ind_csv_stream_close(ind_csv_stream *s);

#ifdef __cplusplus
}
#endif
#endif
