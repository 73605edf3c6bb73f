/*
** commentary.h: one plain-English sentence about a measure at a period, in
** the style of council committee reports (en-GB, thousands separators):
**
**   ASP referrals rose 9% compared to 2022-23 (3,034 to 3,314).
**   CP referrals rose 23% compared to 2022-23 (1,895 to 2,326), the third
**     consecutive annual increase.
**   CP conversion from referral to investigation fell from 41% in 2022-23
**     to 33% in 2023-24 (775 of 1,895 to 768 of 2,326).
**   ASP referrals showed no change compared to 2022-23 (3,314 in both years).
**   FGDM referrals rose from 0 in 2022-23 to 12 in 2023-24, a change that
**     cannot be given as a percentage because the earlier figure was zero.
**
** Counts and amounts are compared as a percent change (0 decimals by
** default, as reports write them; "less than 1%" rather than "0%");
** proportions, rates and ratios by their two values. A run of consecutive
** rises or falls is named only as long as the data show it (ordinal words:
** "second", "third", ...). Where the analysis tested the change
** (ind_measure_significance), a verdict of higher or lower that agrees with
** the direction adds "a statistically significant rise"; a verdict of no
** change adds that the change is not statistically significant; nothing is
** said about significance otherwise, so no change is ever called
** significant without a test that says so. A comparison across a change of
** definition says so and claims neither a run nor significance.
**
** The functions write a NUL-terminated string into buf and return its
** length, or -1 when buf is too small or the arguments are out of range.
** IND_COMMENTARY_MAX bytes suffice for subjects up to 200 bytes.
*/
#ifndef INDICATE_COMMENTARY_H
#define INDICATE_COMMENTARY_H

#include <stddef.h>

#include "analyse.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_COMMENTARY_MAX 768

typedef struct ind_commentary_opts {
    int lag;             /* compare with this many periods earlier; 0 means 1 */
    int decimals;        /* decimal places of percentages, rates and ratios
                            (0 to 6; 0 as reports write them) */
    const char *subject; /* how the sentence names the measure; NULL for
                            ind_commentary_subject */
} ind_commentary_opts;

/* The sentence about m at period t (0 <= t < m->n) against t - lag. opts
** may be NULL for the defaults (lag 1, 0 decimals). */
int ind_commentary_sentence(const ind_measure *m, size_t t,
                            const ind_commentary_opts *opts, char *buf,
                            size_t size);

/* How a sentence names m: its indicator's short_title ("ASP referrals"),
** else its title; a funnel's stage measure adds its stages ("CP conversion
** from referral to investigation"). The first letter is a capital, unless
** the measure has no title and its id stands in. */
int ind_commentary_subject(const ind_measure *m, char *buf, size_t size);

/* An ordinal as a report writes it: "first" to "twelfth" in words, then
** "13th", "21st", "22nd", "23rd", "111th". n >= 1. */
int ind_commentary_ordinal(int n, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
