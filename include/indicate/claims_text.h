/*
** claims_text.h: candidate claims found in a report's plain text or
** Markdown, for review before they are verified.
**
** Every percentage and every bracketed "No change" is a candidate. Its
** inputs are looked for with fixed patterns, never guessed: a figure whose
** inputs are not written where a pattern expects them is kept as an
** `unpaired` claim with a note saying what was missing. The patterns, in
** the order they are tried:
**
**   shares   "63% (88 out of 139)", "74% of placements (268 out of 364)",
**            "37 out of 53 (70%)"
**   changes  (when a direction word stands next to the figure)
**            "(101) 203 [102% increase]"          table row, earlier in brackets
**            "fell 50% compared to last year (15 to seven)"
**            "increased by 30.5% from 59 to 77"
**            "rose from 73 in 2022-23 to 114 in 2023-24, representing an
**             increase of 43.9%"; "150 ... with a rise to 248 ..., an
**             increase of 49.2%"
**            "... from 5 in 2022-23 to 19 in 2023-24. This representing an
**             increase of 116.7%" (a sentence opening "This" takes the
**             inputs of the sentence before)
**            "a 38.29% increase from the previous year's figures of 175"
**             (the later figure the one count of the sentence, or of the
**             sentence before when this one opens "This")
**   shares   "237 (23%)" with the largest count earlier in the sentence as
**            the whole; a table row "2,326  768  33%" whose two cells
**            before the figure are its only counts
**
** Thousands separators, numbers in words ("seven"), years and year ranges
** ("2022-23", "2017/18": never inputs), dates, section numbers, HTML tags
** and Markdown emphasis are understood. Each claim keeps the sentence (or
** table row) it came from as its quote, and the line and column of the
** figure.
*/
#ifndef INDICATE_CLAIMS_TEXT_H
#define INDICATE_CLAIMS_TEXT_H

#include <stddef.h>

#include "claims.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_text_options {
    const char *document; /* the source document of every claim, or NULL */
    int paired_only;      /* non-zero to leave unpaired figures out */
} ind_text_options;

/* The largest text read, in bytes. */
#define IND_CLAIMS_TEXT_MAX (64u * 1024u * 1024u)

/* Finds the candidate claims in text[0..len) and adds them to set in the
** order they appear, through ind_claim_set_add (so every one is a valid
** claim). name names the text in messages. opts may be NULL. IND_ELIMIT
** when the text is larger than IND_CLAIMS_TEXT_MAX or holds more claims
** than a set may; IND_EDATA when it holds a NUL byte; IND_ENOMEM. */
int ind_claims_find(const char *name, const char *text, size_t len,
                    const ind_text_options *opts, ind_claim_set *set,
                    ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
