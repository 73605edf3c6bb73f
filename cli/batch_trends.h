/*
** batch_trends.h: the compact "trends" output of `indicate batch`.
**
** One CSV row per area and measure: the last value, the straight-line trend
** (slope, its standard error and p-value) with its projection of the next
** period and the prediction interval, and the projection by the chosen
** method (damped Holt by default when there are enough values) for the
** first period projected with its interval. It is the table an analyst
** reads after a recompute, a fraction of the size of the full result, and
** what the benchmark's peers compute (bench/peers/).
**
** Rows are written into a growable buffer, not through stdio, so that a
** worker thread formats an area without locking or allocating per value;
** numbers go through ind_dtoa_shortest (exactly ind_format_shortest's
** strings).
*/
#ifndef INDICATE_CLI_BATCH_TRENDS_H
#define INDICATE_CLI_BATCH_TRENDS_H

#include <stddef.h>

#include "cli.h"

/* The header line, with its CRLF. */
extern const char trends_header[];

/* Appends r's rows to the malloc'd buffer *buf of *len bytes (capacity
** *cap); *buf may be NULL to start. Returns 0, or -1 when out of memory
** (the buffer is then freed and *buf NULL). */
int trends_write_area(const ind_result *r, char **buf, size_t *len, size_t *cap);

#endif
