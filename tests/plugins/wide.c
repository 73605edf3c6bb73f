/*
** wide.c: a plug-in whose structs are larger than this host's, as if built
** against a later layout with fields appended (while still claiming ABI
** 1.0). The host must step through the indicator and option tables by the
** plug-in's indicator_size and option_size and read only the fields it
** knows.
*/
#include <string.h>

#include <indicate/plugin.h>

typedef struct wide_indicator {
    ind_indicator base;
    double appended[3];
} wide_indicator;

typedef struct wide_option {
    ind_option base;
    int appended;
} wide_option;

typedef struct wide_plugin {
    ind_plugin base;
    const char *appended;
} wide_plugin;

static int copy(const ind_host *host, ind_call *call, size_t n,
                const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

static const char *const first_in[] = {"wide.first", NULL};
static const char *const second_in[] = {"wide.second", NULL};

static const wide_indicator indicators[] = {
    {.base = {.id = "wide.first", .title = "First", .unit = "count",
              .kind = IND_OUT_COUNT, .inputs = first_in, .compute = copy},
     .appended = {1, 2, 3}},
    {.base = {.id = "wide.second", .title = "Second", .unit = "hours",
              .kind = IND_OUT_COUNT, .inputs = second_in, .max_lag = 2,
              .compute = copy},
     .appended = {4, 5, 6}},
};

static const wide_option options[] = {
    {.base = {.name = "first", .default_value = "1", .help = "The first"},
     .appended = 7},
    {.base = {.name = "second", .default_value = "2", .help = "The second"},
     .appended = 8},
};

static const wide_plugin plugin = {
    .base = {.magic = IND_PLUGIN_MAGIC, .abi_major = IND_ABI_MAJOR,
             .abi_minor = IND_ABI_MINOR, .struct_size = sizeof(wide_plugin),
             .indicator_size = sizeof(wide_indicator),
             .option_size = sizeof(wide_option),
             .fingerprint = IND_ABI_FINGERPRINT, .name = "wide",
             .version = "1.0.0", .licence = "GPL-3.0-or-later",
             .description = "Larger structs than the host's",
             .n_options = 2,
             .options = (const ind_option *)(const void *)options,
             .n_indicators = 2,
             .indicators = (const ind_indicator *)(const void *)indicators},
    .appended = "a field this host does not know"};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin.base;
}
