/*
** cp.c: child protection indicators.
**
**   cp.referrals   child protection referrals (concerns about a child
**                  passed to social work for child protection
**                  consideration) in the year
**   cp.conversion  how referrals carry through the child protection
**                  process: referral, investigation (an inter-agency
**                  referral discussion leading to a child protection
**                  investigation), child protection case conference, and
**                  registration (the child's name placed on the child
**                  protection register)
**
** The definitions follow the Scottish Government's child protection
** statistics (Children's Social Work Statistics) and the National Guidance
** for Child Protection in Scotland. A conversion rate is context for a
** committee, not good or bad in itself: a lower one may mean better
** screening or missed harm. So both indicators are neutral.
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
    for (size_t s = 0; s < 4; s++)
        memcpy(out[s], in[s], n * sizeof(double));
    return IND_OK;
}

static const char *const referral_inputs[] = {"cp.referrals", NULL};

static const char *const conversion_inputs[] = {
    "cp.referrals", "cp.investigations", "cp.case_conferences",
    "cp.registrations", NULL};

static const char *const conversion_stages[] = {
    "referral", "investigation", "case conference", "registration", NULL};

static const ind_indicator indicators[] = {
    {
        .id = "cp.referrals",
        .title = "Child protection referrals",
        .short_title = "CP referrals",
        .unit = "count",
        .description = "Referrals of children to social work for child "
                       "protection consideration in the year.",
        .polarity = IND_NEUTRAL,
        .kind = IND_OUT_COUNT,
        .inputs = referral_inputs,
        .compute = referrals,
    },
    {
        .id = "cp.conversion",
        .title = "Child protection conversion",
        .short_title = "CP conversion",
        .unit = "%",
        .description = "How child protection referrals carry through to "
                       "investigation, case conference and registration.",
        .polarity = IND_NEUTRAL,
        .kind = IND_OUT_FUNNEL,
        .inputs = conversion_inputs,
        .stages = conversion_stages,
        .compute = conversion,
    },
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER,
    .name = "cp",
    .version = "1.0.0",
    .licence = "GPL-3.0-or-later",
    .description = "Child protection referrals and their conversion to "
                   "registration",
    .n_indicators = sizeof indicators / sizeof indicators[0],
    .indicators = indicators,
};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
