/*
** lookup.c: finding the measure or series a trend or spc verb is asked
** about, in one area and in every area of the input.
*/
#include <stdlib.h>
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

int cli_find_measures(const ind_registry *reg, const cli_inputs *in, const char *id,
                      int polarity, const ind_analysis_opts *ao, cli_found_each each,
                      void *ctx, cli_found *f)
{
    f->n = 0;
    f->res = calloc(in->n + 1, sizeof *f->res);
    f->ms = calloc(in->n + 1, sizeof *f->ms);
    if (f->res == NULL || f->ms == NULL)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < in->n; i++) {
        ind_error err = { 0 };
        ind_result *r;
        ind_measure *m;
        int rc = cli_find_measure(reg, in->areas[i], id, polarity, ao, &r, &m, &err);
        if (rc == IND_ENOTFOUND)
            continue;
        if (rc != IND_OK)
            return cli_fail(&err);
        f->res[f->n] = r;
        f->ms[f->n++] = m;
        if ((rc = each(ctx, r, m)) != EXIT_OK_)
            return rc;
    }
    if (f->n == 0) {
        cli_error("no area of the input has a measure or series %s (see 'indicate run' "
                  "for measure ids)", id);
        return EXIT_NOTFOUND;
    }
    return EXIT_OK_;
}

void cli_found_free(cli_found *f)
{
    for (size_t i = 0; i < f->n; i++)
        ind_result_free(f->res[i]);
    free(f->res);
    free(f->ms);
    f->res = NULL;
    f->ms = NULL;
    f->n = 0;
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
