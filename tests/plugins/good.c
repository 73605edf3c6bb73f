/*
** good.c: a well-formed test plug-in using everything the ABI offers: init
** state freed by fini, options, every output kind, an optional input, the
** host functions, and a compute that fails through host->error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <indicate/plugin.h>

typedef struct good_state {
    double factor;
} good_state;

static int good_init(const ind_host *host, void **state, char *err,
                     size_t errsize)
{
    if (host->abi_major != IND_ABI_MAJOR ||
        !IND_HOST_HAS(host, percent_change)) {
        snprintf(err, errsize, "host table lacks percent_change");
        return 1;
    }
    good_state *s = malloc(sizeof *s);
    if (s == NULL) {
        snprintf(err, errsize, "out of memory");
        return 1;
    }
    s->factor = 2;
    *state = s;
    return IND_OK;
}

static void good_fini(void *state)
{
    free(state);
}

/* in * factor (from init) * scale (the option). */
static int count(const ind_host *host, ind_call *call, size_t n,
                 const double *const *in, double *const *out)
{
    const good_state *s = host->state(call);
    const char *text = host->option(call, "scale");
    if (host->option(call, "undeclared") != NULL)
        return host->error(call, "an undeclared option has a value");
    char *end;
    double scale = strtod(text, &end);
    if (end == text || *end != '\0')
        return host->error(call, "option scale: \"%s\" is not a number",
                           text);
    for (size_t t = 0; t < n; t++)
        out[0][t] = in[0][t] * s->factor * scale;
    return IND_OK;
}

static int checked(const ind_host *host, ind_call *call, size_t n,
                   const double *const *in, double *const *out)
{
    for (size_t t = 0; t < n; t++) {
        if (in[0][t] < 0)
            return host->error(call, "negative count %g in %s at %s",
                               in[0][t], host->area(call),
                               host->period_label(call, t));
        out[0][t] = in[0][t];
    }
    return IND_OK;
}

static int pair(const ind_host *host, ind_call *call, size_t n,
                const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    memcpy(out[1], in[1], n * sizeof(double));
    return IND_OK;
}

/* a (+ c when the optional input is present) over b. */
static int ratio(const ind_host *host, ind_call *call, size_t n,
                 const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    for (size_t t = 0; t < n; t++) {
        out[0][t] = in[0][t] + (in[2] != NULL ? in[2][t] : 0);
        out[1][t] = in[1][t];
    }
    return IND_OK;
}

static int funnel(const ind_host *host, ind_call *call, size_t n,
                  const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    for (size_t s = 0; s < 3; s++)
        memcpy(out[s], in[s], n * sizeof(double));
    return IND_OK;
}

/* The percent change from the previous period; period 0 is left unwritten
** so that the host's NaN fill shows through. */
static int host_calls(const ind_host *host, ind_call *call, size_t n,
                      const double *const *in, double *const *out)
{
    (void)call;
    for (size_t t = 1; t < n; t++)
        out[0][t] = host->percent_change(in[0][t - 1], in[0][t]);
    return IND_OK;
}

static const char *const count_in[] = {"test.count", NULL};
static const char *const prop_in[] = {"test.k", "test.n", NULL};
static const char *const rate_in[] = {"test.events", "test.population", NULL};
static const char *const ratio_in[] = {"test.a", "test.b", NULL};
static const char *const ratio_opt[] = {"test.c", NULL};
static const char *const funnel_in[] = {"test.s1", "test.s2", "test.s3", NULL};
static const char *const funnel_stages[] = {"first", "second", "third", NULL};

/* Deliberately out of id order: the registry sorts. */
static const ind_indicator indicators[] = {
    {.id = "test.rate", .title = "Rate", .unit = "per 1,000",
     .polarity = IND_LOWER_IS_BETTER, .kind = IND_OUT_RATE, .inputs = rate_in,
     .multiplier = 1000, .compute = pair},
    {.id = "test.count", .title = "Count", .unit = "count",
     .polarity = IND_NEUTRAL, .kind = IND_OUT_COUNT, .inputs = count_in,
     .max_lag = 3, .compute = count},
    {.id = "test.proportion", .title = "Proportion", .unit = "%",
     .polarity = IND_HIGHER_IS_BETTER, .kind = IND_OUT_PROPORTION,
     .inputs = prop_in, .compute = pair},
    {.id = "test.ratio", .title = "Ratio", .unit = "ratio",
     .polarity = IND_NEUTRAL, .kind = IND_OUT_RATIO, .inputs = ratio_in,
     .optional_inputs = ratio_opt, .compute = ratio},
    {.id = "test.funnel", .title = "Funnel", .unit = "%",
     .polarity = IND_NEUTRAL, .kind = IND_OUT_FUNNEL, .inputs = funnel_in,
     .stages = funnel_stages, .compute = funnel},
    {.id = "test.checked", .title = "Checked count", .unit = "count",
     .polarity = IND_NEUTRAL, .kind = IND_OUT_COUNT, .inputs = count_in,
     .compute = checked},
    {.id = "test.host_calls", .title = "Percent change", .unit = "%",
     .polarity = IND_NEUTRAL, .kind = IND_OUT_COUNT, .inputs = count_in,
     .compute = host_calls},
};

static const ind_option options[] = {
    {.name = "scale", .default_value = "1", .help = "multiplies test.count"},
    {.name = "note", .default_value = "", .help = "an empty default"},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER,
    .name = "good",
    .version = "1.2.3",
    .licence = "GPL-3.0-or-later",
    .description = "A test plug-in that uses the whole ABI",
    .init = good_init,
    .fini = good_fini,
    .n_options = sizeof options / sizeof options[0],
    .options = options,
    .n_indicators = sizeof indicators / sizeof indicators[0],
    .indicators = indicators,
};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
