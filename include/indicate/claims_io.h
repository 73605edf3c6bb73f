/*
** claims_io.h: claims files in JSON and CSV (docs/claims-format.md).
**
** JSON is one object: {"document": "...", "claims": [{...}, ...]}, each
** claim's source under "source". CSV has a header row naming the columns
** (kind and stated required, the other fields of claims.h optional, in any
** order) and one claim a row, a sum's parts separated by "+". Both are read
** whole (at most IND_CLAIMS_MAX_FILE bytes) and every claim goes through
** ind_claim_set_add, so the rules are the same. Errors name the file and the
** JSON path or CSV line: "nl.claims.json: $.claims[3].from: ...",
** "sl.claims.csv:7: column \"whole\": ...".
*/
#ifndef INDICATE_CLAIMS_IO_H
#define INDICATE_CLAIMS_IO_H

#include <stddef.h>

#include "claims.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_claims_format {
    IND_CLAIMS_AUTO = 0, /* by the file name, else by the first character */
    IND_CLAIMS_JSON,
    IND_CLAIMS_CSV
} ind_claims_format;

/* The largest claims file read, in bytes. */
#define IND_CLAIMS_MAX_FILE (64u * 1024u * 1024u)

/* The format a name implies (".json", ".csv", any case), or
** IND_CLAIMS_AUTO. */
ind_claims_format ind_claims_format_from_name(const char *path);

/* Reads the claims file at path ("-" for standard input) into a new set
** the caller frees with ind_claim_set_free. On failure *out is NULL and
** err says why: IND_EIO (cannot read), IND_EPARSE (malformed JSON or CSV),
** IND_EDATA (a rule of the format), IND_ELIMIT (too large), IND_ENOMEM. */
int ind_claims_read_file(const char *path, ind_claims_format format,
                         ind_claim_set **out, ind_error *err);

/* As ind_claims_read_file, from data[0..size), named `name` in messages. */
int ind_claims_read_memory(const char *name, const char *data, size_t size,
                           ind_claims_format format, ind_claim_set **out,
                           ind_error *err);

/* Reads a whole file ("-" for standard input) of at most limit bytes into
** a NUL-terminated heap buffer the caller frees with free(); *size excludes
** the NUL. IND_EIO, IND_ELIMIT or IND_ENOMEM on failure (*data NULL). */
int ind_claims_read_bytes(const char *path, size_t limit, char **data,
                        size_t *size, ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
