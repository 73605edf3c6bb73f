/*
** io_json.h: datasets from JSON (one area object, an array of them, or JSON
** Lines). The format is specified in docs/dataset-format.md and
** datasets/dataset.schema.json.
**
** cJSON is used with care: documents are size-capped before parsing, object
** keys are looked up case-sensitively, duplicate and unknown keys are
** refused, and cJSON's global error pointer is never read (the parse end
** position is used instead), so parsing is safe on any thread.
*/
#ifndef INDICATE_IO_JSON_H
#define INDICATE_IO_JSON_H

#include <stddef.h>

#include "dataset.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parses one area object held in text[0..size) into a dataset. file names
** the input in messages; path is the JSON path of the object ("$", "$[2]")
** and line the line it starts on (for JSON Lines; 0 otherwise). */
int ind_json_parse_area(const char *file, const char *path, int line,
                        const char *text, size_t size,
                        const ind_limits *limits, ind_dataset **out,
                        ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
