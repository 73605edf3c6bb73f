/*
** cmd_report.c: `indicate report`: one self-contained HTML page per run,
** for a committee: the status summary, then per indicator each measure's
** latest figure, status and sentence, its chart, its table of figures and
** what the trend, projection and control chart say (write_html.h).
**
** Everything is read, computed and judged before anything is written, so a
** bad input never leaves a half-written page.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "write_html.h"

#define MAX_SELECTED 256

static void help(void)
{
    printf("Usage: indicate report FILE... [OPTION]...\n"
           "Write a self-contained HTML report: the summary table of statuses against\n"
           "targets, then for every indicator each measure's latest figure, status and\n"
           "commentary, a chart (the series with its intervals, the trend line, the\n"
           "projection with its prediction band, XmR limits and special causes, the\n"
           "target, breaks), the table of figures and the trend, projection and SPC\n"
           "lines. Inline CSS and SVG only: no scripts, nothing fetched, so the file\n"
           "can be mailed, archived or printed as it is (docs/reports.md). FILE is a\n"
           "dataset in JSON, JSON Lines or CSV long format; - reads standard input.\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
           "  -i, --indicator ID     report only this indicator (repeatable)\n"
           "  -s, --series ID        also chart this raw series of the dataset\n"
           "                         (repeatable); ID ending in * takes every series\n"
           "                         whose id begins with what comes before it, e.g.\n"
           "                         'mho.guardianship_*'\n"
           "      --title TEXT       the page's title (default \"AREA: performance report\")\n"
           "  -p, --period PERIOD    the reporting period of the summary (default: the\n"
           "                         latest with a figure among measures with targets)\n"
           "      --as-of DATE       judge projects at this ISO date\n"
           "      --vocabulary NAME  status words: improve (default) or alert\n"
           "      --fit-axis         fit the value axis to the data instead of starting at 0\n"
           "  -h, --help             this help\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

typedef struct report_cli {
    const char *indicators[MAX_SELECTED];
    size_t n_indicators;
    const char *series[MAX_SELECTED];
    size_t n_series;
    const char *output;
    const char *title;
    const char *period;
    const char *as_of;
    const ind_vocab *vocab;
    int fit_axis;
    cli_analysis an;
    cli_plugins plugins;
} report_cli;

enum {
    OPT_TITLE = OPT_FIRST_VERB_OPTION,
    OPT_AS_OF,
    OPT_VOCABULARY,
    OPT_FIT_AXIS
};

/* What the analysis and the judging take. */
static int analysis_value(report_cli *o, int opt, const char *arg)
{
    ind_period p;
    ind_date d;
    char why[256];
    switch (opt) {
    case 'p':
        if (ind_period_parse(arg, IND_PERIOD_NONE, &p, NULL) != IND_OK)
            return cli_usage("report", "--period '%s' is not a period label (such as "
                                       "2023-24, 2023-24 Q2, 2024-03 or 2023)", arg);
        o->period = arg;
        return EXIT_OK_;
    case OPT_AS_OF:
        if (ind_date_parse(arg, &d, why, sizeof why) != IND_OK)
            return cli_usage("report", "--as-of '%s': %s", arg, why);
        o->as_of = arg;
        return EXIT_OK_;
    default:
        return -1;
    }
}

/* What the page shows and where it goes. */
static int page_value(report_cli *o, int opt, const char *arg)
{
    switch (opt) {
    case 'o':
        o->output = arg;
        return EXIT_OK_;
    case 'i':
        if (o->n_indicators == MAX_SELECTED)
            return cli_usage("report", "too many --indicator options (at most %d)", MAX_SELECTED);
        o->indicators[o->n_indicators++] = arg;
        return EXIT_OK_;
    case 's':
        if (o->n_series == MAX_SELECTED)
            return cli_usage("report", "too many --series options (at most %d)", MAX_SELECTED);
        o->series[o->n_series++] = arg;
        return EXIT_OK_;
    case OPT_TITLE:
        o->title = arg;
        return EXIT_OK_;
    case OPT_VOCABULARY:
        if ((o->vocab = ind_vocab_find(arg)) == NULL)
            return cli_usage("report", "unknown vocabulary '%s' (improve or alert)", arg);
        return EXIT_OK_;
    case OPT_FIT_AXIS:
        o->fit_axis = 1;
        return EXIT_OK_;
    default:
        return -1;
    }
}

static int parse(int argc, char **argv, report_cli *o)
{
    static const struct option options[] = {
        { "output", required_argument, NULL, 'o' },
        { "indicator", required_argument, NULL, 'i' },
        { "series", required_argument, NULL, 's' },
        { "title", required_argument, NULL, OPT_TITLE },
        { "period", required_argument, NULL, 'p' },
        { "as-of", required_argument, NULL, OPT_AS_OF },
        { "vocabulary", required_argument, NULL, OPT_VOCABULARY },
        { "fit-axis", no_argument, NULL, OPT_FIT_AXIS },
        CLI_ANALYSIS_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:i:s:p:m:h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "report");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "report");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        if (opt == 'h') {
            help();
            return -1;
        }
        int rc = analysis_value(o, opt, optarg);
        if (rc < 0)
            rc = page_value(o, opt, optarg);
        if (rc < 0)
            return cli_option_error("report", argv, opt);
        if (rc != EXIT_OK_)
            return rc;
    }
    if (optind >= argc)
        return cli_usage("report", "no dataset file given");
    return EXIT_OK_;
}

/* ---- computing ------------------------------------------------------------------- */

/* One area's results: the indicators, the scorecard and the raw series. */
typedef struct area_run {
    ind_result *result;
    ind_scorecard *card;
    ind_result **extra;
    size_t n_extra;
} area_run;

static void area_run_free(area_run *a)
{
    for (size_t e = 0; e < a->n_extra; e++)
        ind_result_free(a->extra[e]);
    free(a->extra);
    ind_scorecard_free(a->card);
    ind_result_free(a->result);
}

static int matches(const char *pattern, const char *id)
{
    size_t len = strlen(pattern);
    if (len > 0 && pattern[len - 1] == '*')
        return strncmp(pattern, id, len - 1) == 0;
    return strcmp(pattern, id) == 0;
}

static int analysed(const area_run *a, const char *id)
{
    for (size_t e = 0; e < a->n_extra; e++)
        if (a->extra[e]->n_measures > 0 && strcmp(a->extra[e]->measure[0].id, id) == 0)
            return 1;
    return 0;
}

/* Analyses every series of ds a --series pattern names, in the dataset's
** order, unless it already is (a series with a target); marks in hits[]
** which patterns matched. */
static int analyse_series(const ind_dataset *ds, const report_cli *o,
                          const ind_analysis_opts *ao, area_run *a, unsigned char *hits)
{
    for (size_t s = 0; s < ds->n_series; s++) {
        const char *id = ds->series[s].id;
        int wanted = 0;
        for (size_t p = 0; p < o->n_series; p++)
            if (matches(o->series[p], id)) {
                hits[p] = 1;
                wanted = 1;
            }
        if (!wanted || analysed(a, id))
            continue;
        ind_result **grown = realloc(a->extra, (a->n_extra + 1) * sizeof *grown);
        if (grown == NULL) {
            cli_error("out of memory");
            return EXIT_INTERNAL;
        }
        a->extra = grown;
        ind_error err = { 0 };
        if (ind_analyse_series(ds, id, 0, ao, &a->extra[a->n_extra], &err) != IND_OK)
            return cli_fail(&err);
        a->n_extra++;
    }
    return EXIT_OK_;
}

static int compute_area(const ind_registry *reg, const ind_dataset *ds, const report_cli *o,
                        const ind_scorecard_opts *so, area_run *a, unsigned char *hits)
{
    ind_analysis_opts ao = cli_analysis_opts(&o->an);
    ao.indicators = o->n_indicators > 0 ? o->indicators : NULL;
    ao.n_indicators = o->n_indicators;
    ind_error err = { 0 };
    if (ind_analyse(reg, ds, &ao, &a->result, &err) != IND_OK ||
        ind_scorecard_build(a->result, ds, so, &a->card, &err) != IND_OK ||
        report_analyse_targets(ds, a->card, &ao, &a->extra, &a->n_extra, &err) != IND_OK) {
        if (err.code == IND_EINVAL)
            return cli_usage("report", "%s", err.message);
        return cli_fail(&err);
    }
    return analyse_series(ds, o, &ao, a, hits);
}

static int check_selected(const ind_registry *reg, const report_cli *o)
{
    for (size_t i = 0; i < o->n_indicators; i++)
        if (ind_registry_find(reg, o->indicators[i]) == NULL) {
            cli_error("indicator %s: no loaded plug-in defines it (see 'indicate list')",
                      o->indicators[i]);
            return EXIT_PLUGIN;
        }
    return EXIT_OK_;
}

/* Every --series pattern must name a series of some area. */
static int check_hits(const report_cli *o, const unsigned char *hits, const cli_inputs *in)
{
    for (size_t p = 0; p < o->n_series; p++)
        if (!hits[p]) {
            cli_error("%s: no series matches --series %s (see docs/data-dictionary.md)",
                      in->n > 0 && in->areas[0]->file != NULL ? in->areas[0]->file
                                                              : "standard input",
                      o->series[p]);
            return EXIT_NOTFOUND;
        }
    return EXIT_OK_;
}

/* ---- writing --------------------------------------------------------------------- */

static int emit(const cli_inputs *in, const area_run *runs, const report_cli *o,
                const ind_scorecard_opts *so)
{
    report_area *areas = calloc(in->n + 1, sizeof *areas);
    if (areas == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    int rc = EXIT_OK_;
    size_t made = 0;
    for (; made < in->n && rc == EXIT_OK_; made++)
        if (report_area_init(&areas[made], runs[made].result, in->areas[made], runs[made].card,
                             runs[made].extra, runs[made].n_extra) != 0) {
            cli_error("out of memory");
            rc = EXIT_INTERNAL;
        }
    cli_output out;
    if (rc == EXIT_OK_)
        rc = cli_output_open(&out, o->output);
    if (rc == EXIT_OK_) {
        report_opts ro = {
            .decimals = (int)o->an.decimals,
            .vocab = o->vocab,
            .status = so,
            .title = o->title,
            .zero_based = !o->fit_axis,
        };
        if (write_html(out.fp, areas, in->n, &ro) != 0) {
            cli_output_abort(&out);
            cli_error("%s: cannot write the report (out of memory or a write error)",
                      o->output != NULL ? o->output : "standard output");
            rc = EXIT_IO;
        } else {
            rc = cli_output_commit(&out);
        }
    }
    for (size_t i = 0; i < made; i++)
        report_area_free(&areas[i]);
    free(areas);
    return rc;
}

static int run_report(const ind_registry *reg, const cli_inputs *in, const report_cli *o)
{
    ind_scorecard_opts so;
    ind_scorecard_opts_init(&so);
    so.period = o->period;
    so.as_of = o->as_of;
    so.decimals = (int)o->an.decimals;
    area_run *runs = calloc(in->n + 1, sizeof *runs);
    unsigned char *hits = calloc(o->n_series + 1, 1);
    int rc = runs != NULL && hits != NULL ? EXIT_OK_ : EXIT_INTERNAL;
    if (rc != EXIT_OK_)
        cli_error("out of memory");
    for (size_t i = 0; rc == EXIT_OK_ && i < in->n; i++)
        rc = compute_area(reg, in->areas[i], o, &so, &runs[i], hits);
    if (rc == EXIT_OK_)
        rc = check_hits(o, hits, in);
    if (rc == EXIT_OK_)
        rc = emit(in, runs, o, &so);
    for (size_t i = 0; runs != NULL && i < in->n; i++)
        area_run_free(&runs[i]);
    free(runs);
    free(hits);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    report_cli o = { .vocab = ind_vocab_default() };
    cli_analysis_init(&o.an);
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;

    ind_registry *reg = NULL;
    cli_inputs in = { 0 };
    rc = cli_load_registry(&o.plugins, &reg);
    if (rc == EXIT_OK_)
        rc = check_selected(reg, &o);
    if (rc == EXIT_OK_)
        rc = cli_read_inputs(argv + optind, (size_t)(argc - optind), &in);
    if (rc == EXIT_OK_)
        rc = run_report(reg, &in, &o);
    cli_inputs_free(&in);
    ind_registry_free(reg);
    return rc;
}
