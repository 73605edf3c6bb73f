/*
** good_twin.c: a valid plug-in that takes the name "good" again; loaded
** after good.so it is refused as a duplicate naming both files.
*/
#include <string.h>

#include <indicate/plugin.h>

static int copy(const ind_host *host, ind_call *call, size_t n,
                const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

static const char *const inputs[] = {"twin.count", NULL};

static const ind_indicator indicators[] = {
    {.id = "twin.count", .title = "Twin count", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = copy},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "good", .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "A second plug-in named good",
    .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
