/*
** lookup.c: finding the measure or series a trend or spc verb is asked
** about, in one area.
*/
#include <string.h>

#include "lookup.h"

int cli_find_measure(const ind_registry *reg, const ind_dataset *ds, const char *id,
                     int polarity, const ind_analysis_opts *ao, ind_result **res,
                     ind_measure **m, ind_error *err)
{
    *res = NULL;
    *m = NULL;
    ind_result *r = NULL;
    int rc = ind_analyse(reg, ds, ao, &r, err);
    if (rc != IND_OK)
        return rc;
    ind_measure *found = ind_result_find_measure(r, id);
    if (found != NULL) {
        *res = r;
        *m = found;
        return IND_OK;
    }
    ind_result_free(r);
    rc = ind_analyse_series(ds, id, polarity, ao, &r, err);
    if (rc != IND_OK)
        return rc;
    *res = r;
    *m = &r->measure[0];
    return IND_OK;
}

int cli_parse_polarity(const char *s, int *polarity)
{
    if (strcmp(s, "higher") == 0)
        *polarity = 1;
    else if (strcmp(s, "lower") == 0)
        *polarity = -1;
    else if (strcmp(s, "neutral") == 0)
        *polarity = 0;
    else
        return -1;
    return 0;
}
