/*
** example.c: adult protection referrals per 1,000 adults, as a plug-in.
**
**   cc -std=c11 -shared -fPIC $(pkg-config --cflags indicate) -o example.so example.c
**   indicate run data.json --plugin ./example.so --set asp_rates.suppress_below=5
*/
#include <stdlib.h>

#include <indicate/plugin.h>

/* Referrals are the events, adults the population: the host divides, scales
** by the multiplier and adds the interval. Counts under suppress_below are
** withheld (made missing), as published tables do with small numbers. */
static int per_1000(const ind_host *host, ind_call *call, size_t n,
                    const double *const *in, double *const *out)
{
    const char *text = host->option(call, "suppress_below");
    char *end;
    double below = strtod(text, &end);
    if (end == text || *end != '\0' || !(below >= 0))
        return host->error(call, "suppress_below: \"%s\" is not a number "
                           "of 0 or more", text);
    for (size_t t = 0; t < n; t++) {
        out[0][t] = in[0][t] < below ? host->missing() : in[0][t];
        out[1][t] = in[1][t];
    }
    return IND_OK;
}

static const char *const inputs[] = {"asp.referrals", "population.adults", NULL};

static const ind_option options[] = {{
    .name = "suppress_below", .default_value = "0",
    .help = "treat referral counts below this as missing"}};

static const ind_indicator indicators[] = {{
    .id = "asp.referrals_per_1000", .title = "ASP referrals per 1,000 adults",
    .unit = "per 1,000 adults", .polarity = IND_NEUTRAL, .kind = IND_OUT_RATE,
    .multiplier = 1000, .inputs = inputs, .compute = per_1000}};

static const ind_plugin plugin = {
    IND_PLUGIN_HEADER, .name = "asp_rates", .version = "1.0.0",
    .licence = "GPL-3.0-or-later",
    .description = "Adult protection referrals per 1,000 adults",
    .n_options = 1, .options = options,
    .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}
