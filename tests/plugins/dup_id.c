/*
** dup_id.c: two valid plug-ins (built as dup_id_first and dup_id_second)
** that both define dup.shared; whichever loads second is refused, naming
** both files, and none of its indicators is registered.
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

static const char *const inputs[] = {"dup.count", NULL};

#if defined(DUP_FIRST)
#define NAME "dup_first"
#define OTHER_ID "dup.first_only"
#else
#define NAME "dup_second"
#define OTHER_ID "dup.second_only"
#endif

static const ind_indicator indicators[] = {
    {.id = OTHER_ID, .title = "Own", .unit = "count", .kind = IND_OUT_COUNT,
     .inputs = inputs, .compute = copy},
    {.id = "dup.shared", .title = "Shared", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = copy},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = NAME, .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "Defines dup.shared",
    .n_indicators = 2, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
