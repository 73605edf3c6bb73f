/*
** asp.c: adult support and protection indicators.
**
**   asp.referrals   adult protection referrals: concerns that an adult may
**                   be at risk of harm, reported to the council under the
**                   Adult Support and Protection (Scotland) Act 2007
**   asp.conversion  how referrals carry through the process: referral,
**                   inquiry with investigatory powers (section 4 inquiry
**                   using the powers of sections 7 to 10), initial adult
**                   protection case conference
**
** The definitions follow the Scottish Government's Adult Support and
** Protection statistics and the Act's Code of Practice. A conversion rate
** is context, not good or bad in itself, so both indicators are neutral.
*/
#include <string.h>

#include <indicate/plugin.h>

static int referrals(const ind_host *host, ind_call *call, size_t n,
                     const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

/* One output per stage, in process order; the host makes the conversions. */
static int conversion(const ind_host *host, ind_call *call, size_t n,
                      const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    for (size_t s = 0; s < 3; s++)
        memcpy(out[s], in[s], n * sizeof(double));
    return IND_OK;
}

static const char *const referral_inputs[] = {"asp.referrals", NULL};

static const char *const conversion_inputs[] = {
    "asp.referrals", "asp.inquiries_investigatory",
    "asp.initial_case_conferences", NULL};

static const char *const conversion_stages[] = {
    "referral", "investigatory inquiry", "initial case conference", NULL};

static const ind_indicator indicators[] = {
    {
        .id = "asp.referrals",
        .title = "Adult support and protection referrals",
        .short_title = "ASP referrals",
        .unit = "count",
        .description = "Adult protection referrals received in the year.",
        .polarity = IND_NEUTRAL,
        .kind = IND_OUT_COUNT,
        .inputs = referral_inputs,
        .compute = referrals,
    },
    {
        .id = "asp.conversion",
        .title = "Adult support and protection conversion",
        .short_title = "ASP conversion",
        .unit = "%",
        .description = "How adult protection referrals carry through to "
                       "inquiries with investigatory powers and initial "
                       "case conferences.",
        .polarity = IND_NEUTRAL,
        .kind = IND_OUT_FUNNEL,
        .inputs = conversion_inputs,
        .stages = conversion_stages,
        .compute = conversion,
    },
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER,
    .name = "asp",
    .version = "1.0.0",
    .licence = "GPL-3.0-or-later",
    .description = "Adult support and protection referrals and their "
                   "conversion to case conference",
    .n_indicators = sizeof indicators / sizeof indicators[0],
    .indicators = indicators,
};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
