/*
** undefined_symbol.c: a plug-in that calls a libindicate function directly
** instead of through the host table. Plug-ins link nothing of indicate's,
** so the symbol is unresolved and the file is refused when it is opened.
*/
#include <string.h>

#include <indicate/plugin.h>

/* As ratio.h declares it; a plug-in must use host->wilson instead. */
int ind_ratio_wilson(double k, double n, double level, double *lower,
                     double *upper);

static int lower_bound(const ind_host *host, ind_call *call, size_t n,
                       const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    for (size_t t = 0; t < n; t++) {
        double hi;
        ind_ratio_wilson(in[0][t], in[1][t], 0.95, &out[0][t], &hi);
    }
    return IND_OK;
}

static const char *const inputs[] = {"undef.k", "undef.n", NULL};

static const ind_indicator indicators[] = {
    {.id = "undef.lower", .title = "Lower bound", .unit = "%",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = lower_bound},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "undefined_symbol", .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "Calls the library directly",
    .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
