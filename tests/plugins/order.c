/*
** order.c: a tiny valid plug-in built several times (ORDER_TAG=a, b, c) as
** order_<tag>.so in one directory, to show that a directory loads in name
** order whatever order the files were made in.
*/
#include <string.h>

#include <indicate/plugin.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static int copy(const ind_host *host, ind_call *call, size_t n,
                const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

static const char *const inputs[] = {"order.count", NULL};

static const ind_indicator indicators[] = {
    {.id = "order." STR(ORDER_TAG), .title = "Count", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = copy},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "order_" STR(ORDER_TAG), .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "One of three",
    .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
