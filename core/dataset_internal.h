/*
** dataset_internal.h: what the data-model modules (period, dataset, JSON,
** CSV, reader) share with each other, and with the claims readers, which
** report bad input the same way. Not a public header.
*/
#ifndef INDICATE_DATASET_INTERNAL_H
#define INDICATE_DATASET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "indicate/dataset.h"
#include "indicate/error.h"
#include "indicate/io_csv.h"
#include "indicate/period.h"

struct cJSON;

/* ---- period.c ---- */

/* The kinds label[0..len) could be, as ind_period_kinds_possible, with the
** ordinal under each possible kind written to ordinals[kind]
** (IND_PERIOD_MONTH + 1 entries). One scan of the label. */
unsigned ind_period_scan(const char *label, size_t len, int32_t *ordinals);

/* ind_period_parse with the length known; on failure the reason, without
** the label, is written to why (e.g. "the second year must follow the
** first") and IND_EDATA returned. */
int ind_period_parse_n(const char *label, size_t len, ind_period_kind hint,
                       ind_period *out, char *why, size_t why_size);

/* The kind a set of possible kinds is read as: a financial year first. */
ind_period_kind ind_period_kind_preferred(unsigned kinds);

/* ---- dataset.c ---- */

/* Room for a quoted string in a message, quotes and NUL included. */
#define IND_QUOTE_MAX 96

/* Writes s[0..len) in double quotes for a one-line message: control
** characters and quotes escaped, long strings cut with "...". */
void ind_quote(char *buf, size_t size, const char *s, size_t len);

/* Forgets whatever b holds and starts the next area in a new arena whose
** first chunk is about chunk bytes (0 for the default), keeping the scratch
** arrays and tables: a reader builds all the areas of its input with one
** builder. IND_ENOMEM when the arena cannot be had (and every later call
** gives it again). */
int ind_dataset_builder_restart(ind_dataset_builder *b, size_t chunk);

/* As ind_dataset_builder_finish, but b is kept for the next
** ind_dataset_builder_restart (until which every call on b is refused). */
int ind_dataset_builder_take(ind_dataset_builder *b, ind_dataset **out,
                             ind_error *err);

/* Where the area itself is, for messages about the area's own fields: a
** JSON path, or the CSV line of its first row. path is copied. */
int ind_dataset_builder_origin(ind_dataset_builder *b, const char *path,
                               int32_t line);

/* Writes a message location: "file: path.member[index]" when path is set
** (with ":line" after the file for JSON Lines), else "file:line", else
** "file". member may be NULL and index negative for none. Empty when there
** is nothing to say. */
void ind_location(char *buf, size_t size, const char *file, const char *path,
                  int32_t line, const char *member, long index);

/* FNV-1a hash of s[0..len), for the string tables of the builder and the
** CSV reader. */
uint32_t ind_hash_bytes(const char *s, size_t len);

/* "256 MiB", "64 KiB", "100 bytes": a limit in words. */
void ind_size_words(char *buf, size_t size, size_t n);

/* ---- io_json.c ---- */

/* Parses text[0..size) as one JSON value. On malformed JSON returns
** IND_EPARSE with "file:line:col: malformed JSON", counting lines from
** first_line. The caller deletes *root with cJSON_Delete. */
int ind_json_parse_text(const char *file, int first_line, const char *text,
                        size_t size, struct cJSON **root, ind_error *err);

/* How a message names the type of a JSON value: "a string", "a number",
** "null", "an array", ... */
const char *ind_json_type_name(const struct cJSON *v);

/* Builds one area from a parsed object found at path (and, for JSON Lines,
** on line; 0 otherwise). */
int ind_json_build_area(const char *file, const char *path, int line,
                        const struct cJSON *obj, const ind_limits *limits,
                        ind_dataset **out, ind_error *err);

/* ind_json_build_area in b, a builder kept across areas, restarted here
** with a first arena chunk of about chunk bytes (0 for the default). */
int ind_json_build_area_in(ind_dataset_builder *b, size_t chunk,
                           const char *file, const char *path, int line,
                           const struct cJSON *obj, ind_dataset **out,
                           ind_error *err);

/* ind_json_parse_area in b, a builder kept across areas. When tree is not
** NULL the parsed document is handed over in *tree (NULL on a syntax error)
** for the caller to delete when it suits; else it is deleted here. */
int ind_json_parse_area_in(ind_dataset_builder *b, const char *file,
                           const char *path, int line, const char *text,
                           size_t size, const ind_limits *limits,
                           ind_dataset **out, struct cJSON **tree,
                           ind_error *err);

/* ---- io_csv.c ---- */

/* ind_csv_stream_open, with prefix[0..n) (bytes already read from fp by
** the caller) read before fp. The prefix is copied. fp may be NULL when the
** prefix is the whole input. */
int ind_csv_stream_open_prefix(const char *file, FILE *fp,
                               const char *prefix, size_t n,
                               const ind_limits *limits,
                               ind_csv_stream **out, ind_error *err);

#endif
