/*
** plugin.h: the indicate plug-in ABI. This is the whole SDK a plug-in needs.
**
** A plug-in is a shared object that exports one function,
**
**     const ind_plugin *indicate_plugin_entry(void);
**
** returning a static descriptor: who the plug-in is, and a table of the
** indicators it defines. An indicator says what it is (inputs, output kind,
** polarity) and how its figures are made from its inputs (compute). The host
** does everything generic with the result: intervals, changes, trends,
** projections, statuses and formatting. A plug-in links against nothing of
** indicate's: what it may call, the host passes in (ind_host).
**
** A minimal plug-in (docs/writing-a-plugin.md walks through it):
**
**     #include <indicate/plugin.h>
**     #include <string.h>
**
**     static int delivered_share(const ind_host *host, ind_call *call,
**                                size_t n, const double *const *in,
**                                double *const *out)
**     {
**         (void)host; (void)call;
**         memcpy(out[0], in[1], n * sizeof(double));   // numerator
**         memcpy(out[1], in[0], n * sizeof(double));   // denominator
**         return IND_OK;
**     }
**
**     static const char *const share_inputs[] = {
**         "upw.hours_imposed", "upw.hours_delivered", NULL };
**
**     static const ind_indicator indicators[] = {{
**         .id = "upw.delivered_share", .title = "Hours delivered per hour imposed",
**         .unit = "%", .polarity = IND_HIGHER_IS_BETTER,
**         .kind = IND_OUT_RATIO, .multiplier = 100, .inputs = share_inputs,
**         .compute = delivered_share }};
**
**     static const ind_plugin plugin = {
**         IND_PLUGIN_HEADER, .name = "example", .version = "1.0.0",
**         .licence = "GPL-3.0-or-later", .description = "An example",
**         .n_indicators = 1, .indicators = indicators };
**
**     IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
**     { return &plugin; }
**
** Compatibility rules (checked by the host at load, refused with a reason):
**  - magic must be IND_PLUGIN_MAGIC;
**  - abi_major must equal the host's; abi_minor must be no newer than the
**    host's (a newer minor may use host functions this host lacks);
**  - fingerprint must equal the host's (same type sizes: same platform ABI);
**  - struct_size, indicator_size and option_size must be at least the sizes
**    of ABI 1.0 (the host reads the tables at the plug-in's strides).
** Within a major version the structs below only grow at their ends, and the
** host function table only gains members at its end: a plug-in checks for a
** newer member with IND_HOST_HAS before calling it.
**
** Threads: compute may be called for different areas on several threads at
** once. It must not write global or static state; state made by init is
** shared read-only.
*/
#ifndef INDICATE_PLUGIN_H
#define INDICATE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_PLUGIN_MAGIC 0x494e4443u /* "INDC" */
#define IND_ABI_MAJOR 1
#define IND_ABI_MINOR 0

/* What compute returns after host->error(): the call failed. */
#define IND_PLUGIN_FAILED IND_EPLUGIN

#if defined(__GNUC__)
#define IND_PLUGIN_EXPORT __attribute__((visibility("default")))
#define IND_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IND_PLUGIN_EXPORT
#define IND_PRINTF(f, a)
#endif

/* Which way is good. */
enum {
    IND_LOWER_IS_BETTER = -1,
    IND_NEUTRAL = 0,
    IND_HIGHER_IS_BETTER = 1
};

/* What compute produces, and so what the host can do with it.
**
**   kind             outputs compute fills (each an array of n doubles)
**   IND_OUT_COUNT      out[0] = the count or amount (hours, GBP, people)
**   IND_OUT_PROPORTION out[0] = numerator k, out[1] = denominator n, 0 <= k <= n;
**                      the host reports k/n with a Wilson score interval
**   IND_OUT_RATE       out[0] = events, out[1] = population; the host reports
**                      events / population * multiplier with an exact Poisson
**                      (under 10 events) or Byar interval
**   IND_OUT_RATIO      out[0] = numerator, out[1] = denominator; any two
**                      amounts (hours delivered per hour imposed), value =
**                      numerator / denominator * multiplier, no interval
**   IND_OUT_FUNNEL     out[s] = the count at stage s, one per stage of a
**                      process (referral -> investigation -> ...); the host
**                      reports each stage's conversion and the overall one
**                      as proportions
** Missing is NaN, both in inputs and outputs.
*/
typedef enum ind_output_kind {
    IND_OUT_COUNT = 1,
    IND_OUT_PROPORTION = 2,
    IND_OUT_RATE = 3,
    IND_OUT_RATIO = 4,
    IND_OUT_FUNNEL = 5
} ind_output_kind;

typedef struct ind_host ind_host;

/* One invocation of compute, for host functions to know who is calling
** (which indicator, area and periods). Opaque to plug-ins. */
typedef struct ind_call ind_call;

/* Computes an indicator over n aligned periods.
**   in[i][t]  the i-th input series at period t: the required inputs in the
**             order of ind_indicator.inputs, then the optional ones in the
**             order of optional_inputs (in[i] is NULL when an optional input
**             is absent from the dataset);
**   out[j][t] the outputs for the kind (table above), allocated by the host
**             and filled with NaN beforehand.
** Returns IND_OK, or the value of host->error() after reporting why. */
typedef int (*ind_compute_fn)(const ind_host *host, ind_call *call, size_t n,
                              const double *const *in, double *const *out);

/* A plug-in option, set by the user as --set <plugin>.<name>=<value>. */
typedef struct ind_option {
    const char *name;          /* [a-z0-9_]+ */
    const char *default_value; /* used when the user sets nothing; not NULL */
    const char *help;          /* one line */
} ind_option;

typedef struct ind_indicator {
    const char *id;          /* lower-case dotted, unique across all plug-ins */
    const char *title;       /* a heading: "Child protection conversion" */
    const char *unit;        /* of the value: "count", "hours", "%", "per 1,000" */
    const char *description; /* a sentence or two; may be NULL */
    const char *short_title; /* as a sentence names it: "ASP referrals";
                                NULL to use the title */
    int polarity;            /* IND_HIGHER_IS_BETTER, IND_LOWER_IS_BETTER, IND_NEUTRAL */
    ind_output_kind kind;
    const char *const *inputs;          /* NULL-terminated required series ids */
    const char *const *optional_inputs; /* NULL-terminated, or NULL */
    const char *const *stages;          /* FUNNEL only: NULL-terminated stage
                                           names ("referral", "investigation"),
                                           one per output; [a-z0-9 ]+ */
    double multiplier;       /* RATE: per 1,000 etc. (required > 0); RATIO: scale
                                of the value (0 means 1); otherwise unused */
    int max_lag;             /* compare each period with up to this many
                                periods earlier (0 means 1: the previous one) */
    ind_compute_fn compute;
} ind_indicator;

/* Called once after the plug-in is accepted, before any compute. May set
** *state (passed back through host->state()); returns IND_OK or fills err
** (a buffer of errsize bytes) and returns non-zero to be refused. */
typedef int (*ind_init_fn)(const ind_host *host, void **state, char *err,
                           size_t errsize);
/* Called once when the host unloads the plug-in. */
typedef void (*ind_fini_fn)(void *state);

typedef struct ind_plugin {
    uint32_t magic;          /* IND_PLUGIN_MAGIC */
    uint16_t abi_major;      /* IND_ABI_MAJOR the plug-in was built against */
    uint16_t abi_minor;      /* IND_ABI_MINOR likewise */
    uint32_t struct_size;    /* sizeof(ind_plugin) as the plug-in saw it */
    uint32_t indicator_size; /* sizeof(ind_indicator) likewise */
    uint32_t option_size;    /* sizeof(ind_option) likewise */
    uint64_t fingerprint;    /* IND_ABI_FINGERPRINT */
    const char *name;        /* [a-z0-9_]+, unique; prefixes option names */
    const char *version;     /* the plug-in's own version, e.g. "1.2.0" */
    const char *licence;     /* SPDX identifier */
    const char *description; /* one line */
    ind_init_fn init;        /* may be NULL */
    ind_fini_fn fini;        /* may be NULL */
    size_t n_options;
    const ind_option *options;      /* [n_options] */
    size_t n_indicators;            /* at least 1 */
    const ind_indicator *indicators;/* [n_indicators] */
} ind_plugin;

/* Type sizes that must agree between host and plug-in: a plug-in built for
** another data model (32-bit, another long) is refused before it is called. */
#define IND_ABI_FINGERPRINT                                             \
    ((uint64_t)sizeof(void *) | ((uint64_t)sizeof(size_t) << 8) |       \
     ((uint64_t)sizeof(double) << 16) | ((uint64_t)sizeof(int) << 24) | \
     ((uint64_t)sizeof(long) << 32) |                                   \
     ((uint64_t)sizeof(ind_compute_fn) << 40) | ((uint64_t)0x1d << 56))

/* The first fields of every descriptor, in a designated initializer. */
#define IND_PLUGIN_HEADER                                                   \
    .magic = IND_PLUGIN_MAGIC, .abi_major = IND_ABI_MAJOR,                  \
    .abi_minor = IND_ABI_MINOR, .struct_size = sizeof(ind_plugin),          \
    .indicator_size = sizeof(ind_indicator), .option_size = sizeof(ind_option), \
    .fingerprint = IND_ABI_FINGERPRINT

/* The function table the host hands to init and compute. Append-only: a
** member added in ABI 1.n is present when IND_HOST_HAS(host, member). */
struct ind_host {
    size_t size;                /* sizeof(ind_host) in the host */
    unsigned abi_major, abi_minor;
    const char *engine_version; /* "0.1.0" */

    /* Reports why compute cannot produce its figures (a message naming the
    ** period, say) and returns IND_PLUGIN_FAILED for compute to return. */
    int (*error)(ind_call *call, const char *fmt, ...) IND_PRINTF(2, 3);

    /* What init stored in *state, or NULL. */
    void *(*state)(ind_call *call);

    /* The value of one of the plug-in's options as set for this run (or its
    ** default); NULL for a name the plug-in did not declare. */
    const char *(*option)(ind_call *call, const char *name);

    /* The label of aligned period t (0 <= t < n), for messages. */
    const char *(*period_label)(ind_call *call, size_t t);

    /* The area being computed, for messages. */
    const char *(*area)(ind_call *call);

    /* NaN, and whether x is NaN. */
    double (*missing)(void);
    int (*is_missing)(double x);

    /* Core numerics a plug-in may want. level is a confidence level such as
    ** 0.95. Each returns IND_OK or non-zero for arguments out of range. */
    int (*wilson)(double k, double n, double level, double *lower,
                  double *upper);
    int (*poisson)(double events, double level, double *lower, double *upper);
    /* (to - from) / |from| * 100, or NaN when from is 0 or either is missing. */
    double (*percent_change)(double from, double to);
};

/* Non-zero when the host function table has member (it may be older). */
#define IND_HOST_HAS(host, member)                                  \
    ((host)->size >= offsetof(ind_host, member) + sizeof((host)->member) && \
     (host)->member != NULL)

/* The entry point every plug-in exports (defined by the plug-in). */
IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void);
typedef const ind_plugin *(*ind_plugin_entry_fn)(void);
#define IND_PLUGIN_ENTRY_NAME "indicate_plugin_entry"

#ifdef __cplusplus
}
#endif
#endif
