/*
** init_fails.c: a valid descriptor whose init fails, with a two-line
** message (the host must report it on one line) or, built with
** INIT_SILENT, with none.
*/
#include <stdio.h>
#include <string.h>

#include <indicate/plugin.h>

static int init(const ind_host *host, void **state, char *err, size_t errsize)
{
    (void)host;
    (void)state;
#if defined(INIT_SILENT)
    (void)err;
    (void)errsize;
    return 1;
#else
    snprintf(err, errsize, "cannot read lookup table %s\nsecond line",
             "/nonexistent/bands.csv");
    return 3;
#endif
}

static int copy(const ind_host *host, ind_call *call, size_t n,
                const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

static const char *const inputs[] = {"init.count", NULL};

static const ind_indicator indicators[] = {
    {.id = "init.count", .title = "Count", .unit = "count",
     .kind = IND_OUT_COUNT, .inputs = inputs, .compute = copy},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "init_fails", .version = "1.0.0",
    .licence = "GPL-3.0-or-later", .description = "Its init fails",
    .init = init, .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
