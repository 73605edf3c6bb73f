/*
** descriptor.c: a valid descriptor, and built with one of the flags below a
** descriptor with exactly one invalid field, refused at the descriptor
** stage. Built without a flag it must load (desc_ok.so): that shows each
** refusal comes from its one change.
**
**   BAD_NAME, NO_VERSION, NO_INDICATORS       the plug-in's own fields
**   BAD_OPTION, DUP_OPTION, OPTION_DEFAULT    options
**   BAD_ID, NO_TITLE, NO_UNIT, BAD_POLARITY, BAD_KIND, NO_INPUTS,
**   BAD_INPUT, MAX_LAG, NO_COMPUTE, DUP_ID    indicator fields
**   FUNNEL_STAGES, FUNNEL_SHORT, BAD_STAGE, DUP_STAGE, RATE_MULTIPLIER,
**   RATIO_MULTIPLIER                          rules of an output kind
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

#if defined(BAD_NAME)
#define NAME "Desc-Plugin"
#else
#define NAME "desc"
#endif

#if defined(NO_VERSION)
#define VERSION NULL
#else
#define VERSION "1.0.0"
#endif

#if defined(NO_INDICATORS)
#define N_INDICATORS 0
#else
#define N_INDICATORS (sizeof indicators / sizeof indicators[0])
#endif

#if defined(BAD_OPTION)
#define OPTION0 "Scale"
#else
#define OPTION0 "scale"
#endif

#if defined(DUP_OPTION)
#define OPTION1 "scale"
#else
#define OPTION1 "label"
#endif

#if defined(OPTION_DEFAULT)
#define OPTION1_DEFAULT NULL
#else
#define OPTION1_DEFAULT "none"
#endif

#if defined(BAD_ID)
#define ID0 "Desc.Value"
#else
#define ID0 "desc.value"
#endif

#if defined(NO_TITLE)
#define TITLE0 NULL
#else
#define TITLE0 "Value"
#endif

#if defined(NO_UNIT)
#define UNIT0 ""
#else
#define UNIT0 "count"
#endif

#if defined(BAD_POLARITY)
#define POLARITY0 2
#else
#define POLARITY0 IND_HIGHER_IS_BETTER
#endif

#if defined(BAD_KIND)
#define KIND0 ((ind_output_kind)9)
#else
#define KIND0 IND_OUT_COUNT
#endif

#if defined(NO_INPUTS)
#define INPUTS0 NULL
#elif defined(BAD_INPUT)
static const char *const value_in[] = {"desc.count", "desc count", NULL};
#define INPUTS0 value_in
#else
static const char *const value_in[] = {"desc.count", NULL};
#define INPUTS0 value_in
#endif

#if defined(MAX_LAG)
#define MAX_LAG0 11
#else
#define MAX_LAG0 10
#endif

#if defined(NO_COMPUTE)
#define COMPUTE0 NULL
#else
#define COMPUTE0 copy
#endif

#if defined(DUP_ID)
#define ID3 "desc.value"
#else
#define ID3 "desc.ratio"
#endif

#if defined(FUNNEL_SHORT)
static const char *const funnel_in[] = {"desc.s1", NULL};
static const char *const funnel_stages[] = {"first", NULL};
#elif defined(FUNNEL_STAGES)
static const char *const funnel_in[] = {"desc.s1", "desc.s2", "desc.s3", NULL};
static const char *const funnel_stages[] = {"first", "second", NULL};
#elif defined(BAD_STAGE)
static const char *const funnel_in[] = {"desc.s1", "desc.s2", "desc.s3", NULL};
static const char *const funnel_stages[] = {"first", "second",
                                            "Case-Conference", NULL};
#elif defined(DUP_STAGE)
static const char *const funnel_in[] = {"desc.s1", "desc.s2", "desc.s3", NULL};
static const char *const funnel_stages[] = {"first", "first", "third", NULL};
#else
static const char *const funnel_in[] = {"desc.s1", "desc.s2", "desc.s3", NULL};
static const char *const funnel_stages[] = {"first", "second",
                                            "case conference", NULL};
#endif

#if defined(RATE_MULTIPLIER)
#define RATE_MULT 0
#else
#define RATE_MULT 1000
#endif

#if defined(RATIO_MULTIPLIER)
#define RATIO_MULT (-1)
#else
#define RATIO_MULT 0
#endif

static const char *const pair_in[] = {"desc.a", "desc.b", NULL};

static const ind_indicator indicators[] = {
    {.id = ID0, .title = TITLE0, .unit = UNIT0, .polarity = POLARITY0,
     .kind = KIND0, .inputs = INPUTS0, .max_lag = MAX_LAG0,
     .compute = COMPUTE0},
    {.id = "desc.funnel", .title = "Funnel", .unit = "%",
     .kind = IND_OUT_FUNNEL, .inputs = funnel_in, .stages = funnel_stages,
     .compute = copy},
    {.id = "desc.rate", .title = "Rate", .unit = "per 1,000",
     .kind = IND_OUT_RATE, .inputs = pair_in, .multiplier = RATE_MULT,
     .compute = copy},
    {.id = ID3, .title = "Ratio", .unit = "ratio", .kind = IND_OUT_RATIO,
     .inputs = pair_in, .multiplier = RATIO_MULT, .compute = copy},
};

static const ind_option options[] = {
    {.name = OPTION0, .default_value = "1", .help = "a scale"},
    {.name = OPTION1, .default_value = OPTION1_DEFAULT, .help = "a label"},
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = NAME, .version = VERSION,
    .licence = "GPL-3.0-or-later", .description = "Descriptor checks",
    .n_options = 2, .options = options,
    .n_indicators = N_INDICATORS, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
