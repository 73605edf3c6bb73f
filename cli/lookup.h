/*
** lookup.h: the measure or series a verb's --series names, for the trend
** and spc verbs.
**
** An id is first looked for among the measures the loaded indicators make
** for the area (cp.referrals, cp.conversion.referral_to_investigation), then
** among the dataset's raw series, which are analysed as counts or amounts.
*/
#ifndef INDICATE_CLI_LOOKUP_H
#define INDICATE_CLI_LOOKUP_H

#include "cli.h"

/* One area's measure for id: *res owns it. IND_ENOTFOUND (with err set)
** when the area has neither a measure nor a series of that id. polarity is
** used for a raw series (measures have their indicator's). */
int cli_find_measure(const ind_registry *reg, const ind_dataset *ds, const char *id,
                     int polarity, const ind_analysis_opts *ao, ind_result **res,
                     ind_measure **m, ind_error *err);

/* The measure of one id in every area that has it: res[i] owns ms[i]. */
typedef struct cli_found {
    ind_result **res;
    ind_measure **ms;
    size_t n;
} cli_found;

/* What a verb does with each measure found, in input order: EXIT_OK_, or
** an exit status that stops the search. */
typedef int (*cli_found_each)(void *ctx, ind_result *r, ind_measure *m);

/* Finds id in every area of in (see cli_find_measure) and calls each on
** it. An exit status: EXIT_NOTFOUND, with the message printed, when no area
** has id; the first failure of the lookup or of each otherwise. f holds
** what was found in every case; cli_found_free releases it. */
int cli_find_measures(const ind_registry *reg, const cli_inputs *in, const char *id,
                      int polarity, const ind_analysis_opts *ao, cli_found_each each,
                      void *ctx, cli_found *f);

void cli_found_free(cli_found *f);

/* Parses "higher", "lower" or "neutral" into +1, -1, 0; -1 for anything
** else. */
int cli_parse_polarity(const char *s, int *polarity);

#endif
