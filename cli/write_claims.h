/*
** write_claims.h: claims files and verdicts as JSON, CSV or a terminal
** report, for `indicate claims-from-text` and `indicate verify`.
**
** Claims are written in the format they are read in (docs/claims-format.md),
** every figure as written, so a written file reads back to the same claims.
** Verdicts are documented field by field in docs/claims-format.md.
*/
#ifndef INDICATE_WRITE_CLAIMS_H
#define INDICATE_WRITE_CLAIMS_H

#include <stdio.h>

#include "indicate/claims.h"
#include "indicate/verify.h"
#include "write.h"

/* A claims file and the verdicts on its claims, in the file's order. */
typedef struct verified_file {
    const char *path;
    ind_claim_set *set;
    ind_claim_verdict *verdicts;
    size_t n;
} verified_file;

/* Counts over every verdict written. */
typedef struct verify_tally {
    size_t claims, hold, fail, unchecked;
    size_t by_verdict[IND_FINDING_COUNT];
} verify_tally;

/* Writes a claim set as a claims file: JSON (f = OUT_JSON) or CSV. */
void write_claim_set(FILE *fp, out_format f, const ind_claim_set *set);

/* Writes the verdicts of every file in format f; allow_rounding counts a
** rounding verdict as holding in the summary, as the exit code does. */
void write_verdicts(FILE *fp, out_format f, const verified_file *files, size_t n,
                    const verify_tally *tally, int allow_rounding);

#endif
