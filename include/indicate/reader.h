/*
** reader.h: datasets from files, one area at a time.
**
** A reader yields the areas of one input in order, so a file of any number
** of areas is processed in memory bounded by its largest area (JSON Lines and
** CSV; a JSON document is parsed whole, within ind_limits.max_document).
**
**   format   recognised by            holds
**   JSON     .json, or text that      one area object, or an array of them
**            starts with '[' or '{'
**   JSONL    .jsonl, .ndjson          one area object per line
**   CSV      .csv                     long format: area,series,period,value
**                                     (RFC 4180), rows of an area together
**
** A path of "-" reads standard input (format by content). Errors name the
** file and the line or JSON path. After a data error in one area the reader
** can usually go on with the next area (ind_reader_recoverable); after a
** syntax error in a JSON document or CSV file it cannot.
*/
#ifndef INDICATE_READER_H
#define INDICATE_READER_H

#include <stdio.h>

#include "dataset.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_input_format {
    IND_INPUT_AUTO = 0,
    IND_INPUT_JSON,
    IND_INPUT_JSONL,
    IND_INPUT_CSV
} ind_input_format;

typedef struct ind_reader ind_reader;

/* Opens path ("-" for stdin). limits may be NULL for the defaults. */
int ind_reader_open(const char *path, ind_input_format format,
                    const ind_limits *limits, ind_reader **out,
                    ind_error *err);

/* Opens an in-memory input named `name` in messages. The bytes are copied. */
int ind_reader_open_memory(const char *name, const char *data, size_t size,
                           ind_input_format format, const ind_limits *limits,
                           ind_reader **out, ind_error *err);

/* The next area. On IND_OK, *out is a dataset the caller frees, or NULL at
** the end of the input. On error *out is NULL. */
int ind_reader_next(ind_reader *r, ind_dataset **out, ind_error *err);

/* After an error from ind_reader_next: non-zero when the next call would go
** on with the following area (a bad area is skipped, not the whole input). */
int ind_reader_recoverable(const ind_reader *r);

/* The format in use (after AUTO is resolved). */
ind_input_format ind_reader_format(const ind_reader *r);

/* Input bytes consumed so far, for progress and throughput. */
size_t ind_reader_bytes(const ind_reader *r);

/* Closes and frees. NULL is a no-op. */
void ind_reader_close(ind_reader *r);

/* The format implied by a file name, or IND_INPUT_AUTO if none. */
ind_input_format ind_input_format_from_name(const char *path);

/* "json", "jsonl", "csv" or "auto". */
const char *ind_input_format_name(ind_input_format f);

#ifdef __cplusplus
}
#endif
#endif
