/*
** failing.c: a plug-in that loads but whose computes fail: one returns
** failure without calling host->error, one writes an infinity and claims
** success.
*/
#include <math.h>

#include <indicate/plugin.h>

static int silent(const ind_host *host, ind_call *call, size_t n,
                  const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    (void)n;
    (void)in;
    (void)out;
    return IND_PLUGIN_FAILED;
}

/* Writes an infinity at period 1 only. */
static int infinite(const ind_host *host, ind_call *call, size_t n,
                    const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    for (size_t t = 0; t < n; t++)
        out[0][t] = t == 1 ? HUGE_VAL : in[0][t];
    return IND_OK;
}

static const char *const inputs[] = {"fail.count", NULL};

static const ind_indicator indicators[] = {
    {.id = "fail.silent", .title = "Silent failure", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = silent},
    {.id = "fail.infinite", .title = "Infinite value", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = infinite},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "failing", .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "Computes that fail",
    .n_indicators = 2, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
