/*
** unpaid_work.c: unpaid work under Community Payback Orders.
**
**   upw.hours_imposed        hours of unpaid work or other activity imposed
**                            by the courts in the year
**   upw.hours_delivered      hours completed in the year
**   upw.bike_workshop_hours  hours completed in a bike repair workshop
**                            placement (a local unpaid-work project)
**   upw.delivery_ratio       hours delivered per 100 hours imposed in the
**                            same year: how well delivery keeps up with
**                            what courts impose (a ratio, not a
**                            proportion: hours delivered in a year may
**                            come from orders made earlier)
**   upw.induction_5d         share of new unpaid-work requirements whose
**                            induction took place within 5 working days
**   upw.placement_7d         share of new requirements whose first work
**                            placement started within 7 days
**
** The definitions follow the Scottish Government's Criminal Justice Social
** Work Statistics and its Community Payback Order practice guidance, which
** sets the 5-day induction and 7-day placement expectations. Hours swing
** with sentencing and with disruption such as the pandemic, so they are
** compared with up to two years earlier (max_lag 2).
*/
#include <string.h>

#include <indicate/plugin.h>

static int copy1(size_t n, const double *const *in, double *const *out)
{
    memcpy(out[0], in[0], n * sizeof(double));
    return IND_OK;
}

/* Numerator and denominator, in input order. */
static int copy2(size_t n, const double *const *in, double *const *out)
{
    memcpy(out[0], in[0], n * sizeof(double));
    memcpy(out[1], in[1], n * sizeof(double));
    return IND_OK;
}

static int hours_imposed(const ind_host *host, ind_call *call, size_t n,
                         const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy1(n, in, out);
}

static int hours_delivered(const ind_host *host, ind_call *call, size_t n,
                           const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy1(n, in, out);
}

static int bike_workshop_hours(const ind_host *host, ind_call *call, size_t n,
                               const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy1(n, in, out);
}

static int delivery_ratio(const ind_host *host, ind_call *call, size_t n,
                          const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy2(n, in, out);
}

/* The host checks that the numerator does not exceed the denominator. */
static int induction_5d(const ind_host *host, ind_call *call, size_t n,
                        const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy2(n, in, out);
}

static int placement_7d(const ind_host *host, ind_call *call, size_t n,
                        const double *const *in, double *const *out)
{
    (void)host;
    (void)call;
    return copy2(n, in, out);
}

static const char *const imposed_inputs[] = {"upw.hours_imposed", NULL};
static const char *const delivered_inputs[] = {"upw.hours_delivered", NULL};
static const char *const bike_inputs[] = {"upw.bike_workshop_hours", NULL};
static const char *const ratio_inputs[] = {
    "upw.hours_delivered", "upw.hours_imposed", NULL};
static const char *const induction_inputs[] = {
    "upw.inducted_5d", "upw.requirements", NULL};
static const char *const placement_inputs[] = {
    "upw.placed_7d", "upw.requirements", NULL};

static const ind_indicator indicators[] = {
    {
        .id = "upw.hours_imposed",
        .title = "Unpaid work hours imposed",
        .unit = "hours",
        .description = "Hours of unpaid work or other activity imposed in "
                       "Community Payback Orders made in the year.",
        .polarity = IND_NEUTRAL,
        .kind = IND_OUT_COUNT,
        .inputs = imposed_inputs,
        .max_lag = 2,
        .compute = hours_imposed,
    },
    {
        .id = "upw.hours_delivered",
        .title = "Unpaid work hours delivered",
        .unit = "hours",
        .description = "Hours of unpaid work or other activity completed in "
                       "the year.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_COUNT,
        .inputs = delivered_inputs,
        .max_lag = 2,
        .compute = hours_delivered,
    },
    {
        .id = "upw.bike_workshop_hours",
        .title = "Bike workshop hours",
        .unit = "hours",
        .description = "Unpaid work hours completed in the bike repair "
                       "workshop.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_COUNT,
        .inputs = bike_inputs,
        .max_lag = 2,
        .compute = bike_workshop_hours,
    },
    {
        .id = "upw.delivery_ratio",
        .title = "Unpaid work hours delivered per 100 imposed",
        .unit = "%",
        .description = "Hours delivered in the year as a percentage of the "
                       "hours imposed in the year.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_RATIO,
        .inputs = ratio_inputs,
        .multiplier = 100,
        .max_lag = 2,
        .compute = delivery_ratio,
    },
    {
        .id = "upw.induction_5d",
        .title = "Unpaid work inductions within 5 working days",
        .unit = "%",
        .description = "Share of new unpaid work requirements whose "
                       "induction took place within 5 working days of the "
                       "order.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_PROPORTION,
        .inputs = induction_inputs,
        .compute = induction_5d,
    },
    {
        .id = "upw.placement_7d",
        .title = "Unpaid work placements started within 7 days",
        .unit = "%",
        .description = "Share of new unpaid work requirements whose first "
                       "work placement started within 7 days of the order.",
        .polarity = IND_HIGHER_IS_BETTER,
        .kind = IND_OUT_PROPORTION,
        .inputs = placement_inputs,
        .compute = placement_7d,
    },
};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER,
    .name = "unpaid_work",
    .version = "1.0.0",
    .licence = "GPL-3.0-or-later",
    .description = "Unpaid work under Community Payback Orders: hours, "
                   "delivery and timeliness",
    .n_indicators = sizeof indicators / sizeof indicators[0],
    .indicators = indicators,
};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
