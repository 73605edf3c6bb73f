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

/* Parses "higher", "lower" or "neutral" into +1, -1, 0; -1 for anything
** else. */
int cli_parse_polarity(const char *s, int *polarity);

#endif
