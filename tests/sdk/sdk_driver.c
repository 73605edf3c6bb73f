/*
** sdk_driver.c: loads a plug-in built out of tree against the installed SDK
** (the example in docs/examples/plugin) into a registry, computes its
** indicator on fixed input and checks the figures against hand-computed
** values. Used by sdk_install.sh; exits 0 when every check passes.
**
**   sdk_driver PLUGIN.so
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "indicate/registry.h"

#define N 3

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "sdk_driver: FAILED: %s\n", what);
        failures++;
    }
}

static int same(double got, double want)
{
    return isnan(want) ? isnan(got) : got == want;
}

static int compute(const ind_registry *reg, const ind_entry *e, double *out0,
                   double *out1, ind_error *err)
{
    static const char *const labels[N] = {"2021-22", "2022-23", "2023-24"};
    static const double referrals[N] = {412, 3, NAN};
    static const double adults[N] = {276000, 276500, 277000};
    const double *in[] = {referrals, adults};
    double *out[] = {out0, out1};
    return ind_registry_compute(reg, e, "Example Council", N, labels, in, out,
                                err);
}

static void check_indicator(ind_registry *reg)
{
    const ind_entry *e = ind_registry_find(reg, "asp.referrals_per_1000");
    check(e != NULL, "asp.referrals_per_1000 is registered");
    if (e == NULL)
        return;
    check(e->indicator->kind == IND_OUT_RATE, "kind is rate");
    check(e->indicator->multiplier == 1000, "multiplier is 1000");
    check(e->n_inputs == 2 && e->n_outputs == 2, "2 inputs, 2 outputs");

    double events[N], population[N];
    ind_error err = {0};
    check(compute(reg, e, events, population, &err) == IND_OK, err.message);
    /* Default suppress_below 0: events and population pass through. */
    check(same(events[0], 412) && same(events[1], 3) && same(events[2], NAN),
          "events pass through");
    check(same(population[0], 276000) && same(population[2], 277000),
          "population passes through");
    /* 412 / 276000 * 1000 = 412 / 276 = 1.49275... */
    check(fabs(events[0] / population[0] * 1000 - 1.4927536) < 1e-7,
          "rate 1.4928 per 1,000");

    check(ind_registry_set_option(reg, "asp_rates.suppress_below=5", &err) ==
          IND_OK, err.message);
    check(compute(reg, e, events, population, &err) == IND_OK, err.message);
    check(same(events[0], 412) && same(events[1], NAN),
          "3 referrals suppressed below 5");

    check(ind_registry_set_option(reg, "asp_rates.suppress_below=few", &err) ==
          IND_OK, err.message);
    check(compute(reg, e, events, population, &err) == IND_EPLUGIN,
          "a bad option fails the compute");
    check(strstr(err.message, "indicator asp.referrals_per_1000: "
                 "suppress_below: \"few\"") != NULL, err.message);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc != 2) {
        fprintf(stderr, "usage: sdk_driver PLUGIN.so\n");
        return 2;
    }
    ind_registry *reg = ind_registry_new();
    if (reg == NULL)
        return 1;
    ind_error err = {0};
    if (ind_registry_load_file(reg, argv[1], &err) != IND_OK) {
        fprintf(stderr, "sdk_driver: %s\n", err.message);
        ind_registry_free(reg);
        return 1;
    }
    check_indicator(reg);
    ind_registry_free(reg);
    if (failures > 0)
        return 1;
    printf("sdk_driver: %s: ok\n", argv[1]);
    return 0;
}
