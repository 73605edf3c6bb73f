/*
** scra.c: reports to the Children's Reporter (the Scottish Children's
** Reporter Administration, SCRA).
**
**   scra.timeliness  share of the social work reports the Reporter
**                    requested that were submitted within the agreed
**                    timescale (reports on time of reports due)
**
** When the Reporter is considering a child's case (Children's Hearings
** (Scotland) Act 2011) the local authority is asked for a report within an
** agreed time; councils report the share on time against a target (South
** Lanarkshire's is 75%). More on time is better.
*/
#include <string.h>

#include <indicate/plugin.h>

/* Numerator and denominator, in input order; the host checks that the
** numerator does not exceed the denominator. */
static int timeliness(const ind_host *host, ind_call *call, size_t n,
                      const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    memcpy(out[0], in[0], n * sizeof(double));
    memcpy(out[1], in[1], n * sizeof(double));
    return IND_OK;
}

static const char *const timeliness_inputs[] = {
    "scra.reports_on_time", "scra.reports", NULL};

static const ind_indicator indicators[] = {
    {
        .id = "scra.timeliness",
        .title = "Reports to the Children's Reporter within agreed timescales",
        .short_title = "SCRA reports within timescale",
        .unit = "%",
        .description = "Share of the reports requested by the Children's "
                       "Reporter (SCRA) that were submitted within the agreed "
                       "timescale.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_PROPORTION,
        .inputs = timeliness_inputs,
        .compute = timeliness,
    },
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER,
    .name = "scra",
    .version = "1.0.0",
    .licence = "GPL-3.0-or-later",
    .description = "Reports to the Children's Reporter (SCRA) within agreed "
                   "timescales",
    .n_indicators = sizeof indicators / sizeof indicators[0],
    .indicators = indicators,
};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
