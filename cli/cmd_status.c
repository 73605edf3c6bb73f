/*
** cmd_status.c: `indicate status`: every measure's status against its
** target and every project's against its timescale, at one reporting
** period, with the figures behind each, a sentence on each measure's latest
** change, and the summary table by status and type of measure.
**
** Everything is read, computed and judged before anything is written, so a
** bad input (a malformed target is exit 5, naming its JSON path) never
** leaves a half-written output. With --fail-on-red the exit code is 1 when
** any item is at the level IMPROVe calls Red, after the output is written.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli.h"
#include "indicate/scorecard.h"
#include "indicate/vocab.h"
#include "report.h"
#include "write_status.h"
#include "write_xlsx.h"

static void help(void)
{
    printf("Usage: indicate status FILE... [OPTION]...\n"
           "Judge every measure against its target and every project against its\n"
           "timescale at one reporting period (docs/targets.md): the status, the\n"
           "figure and target behind it, how far from the target, a sentence on the\n"
           "latest change, and the summary table of statuses by statistical and\n"
           "project measures with percentages that sum to 100 (largest remainder).\n"
           "Targets, projects and the \"as at\" date come from the dataset (JSON);\n"
           "measures without a target are Contextual.\n"
           "\n"
           "Options:\n"
           "  -p, --period PERIOD    the reporting period, e.g. \"2023-24 Q2\" (default: the\n"
           "                         latest with a figure among measures with targets)\n"
           "      --as-of DATE       judge projects at this ISO date (default: the dataset's\n"
           "                         \"as_at\", else the last day of the period)\n"
           "      --vocabulary NAME  status words: improve (Blue, Green, Amber, Red, Report\n"
           "                         later, Contextual; the default) or alert (Complete, OK,\n"
           "                         Warning, Alert, Unknown, Data only)\n"
           "      --tolerance PCT    default Amber tolerance as a percent of the target,\n"
           "                         e.g. 10%% (default: the dataset's, else 10%%); a\n"
           "                         target's own tolerance still wins\n"
           "      --slippage-days N  default tolerance for a project's slippage, in days\n"
           "                         (default: the dataset's, else 183)\n"
           "  -f, --format FORMAT    table (default), json, csv, md (Markdown for a paper)\n"
           "                         or xlsx (a workbook: the summary, the statuses and a\n"
           "                         sheet per indicator with native charts; needs -o or\n"
           "                         a redirected standard output); docs/reports.md\n"
           "      --view VIEW        all (measures and summary; the default for table and\n"
           "                         json), measures (the default for csv) or summary\n"
           "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
           "      --bom              CSV: begin with a UTF-8 byte order mark (older Excel)\n"
           "      --fail-on-red      exit 1 when any measure or project is Red (Alert),\n"
           "                         after writing the output\n"
           "  -h, --help             this help\n"
           "Figures use --decimals places of percentages; sentences use 0, as reports do.\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

typedef struct status_opts {
    const char *period;
    const char *as_of;
    const ind_vocab *vocab;
    ind_amount tolerance;
    int32_t slippage_days;
    status_format format;
    status_view view;
    const char *output;
    cli_analysis an;
    int fail_on_red;
    int bom;
    cli_plugins plugins;
} status_opts;

enum {
    OPT_AS_OF = OPT_FIRST_VERB_OPTION,
    OPT_VOCABULARY,
    OPT_TOLERANCE,
    OPT_SLIPPAGE,
    OPT_VIEW,
    OPT_FAIL_ON_RED,
    OPT_BOM
};

/* Checks the values of the options that take a date, period or amount. */
static int verb_value(status_opts *o, int opt, const char *arg)
{
    char why[256];
    ind_period p;
    ind_date d;
    unsigned days;
    switch (opt) {
    case 'p':
        if (ind_period_parse(arg, IND_PERIOD_NONE, &p, NULL) != IND_OK)
            return cli_usage("status", "--period '%s' is not a period label (such as "
                                       "2023-24, 2023-24 Q2, 2024-03 or 2023)", arg);
        o->period = arg;
        return EXIT_OK_;
    case OPT_AS_OF:
        if (ind_date_parse(arg, &d, why, sizeof why) != IND_OK)
            return cli_usage("status", "--as-of '%s': %s", arg, why);
        o->as_of = arg;
        return EXIT_OK_;
    case OPT_VOCABULARY:
        if ((o->vocab = ind_vocab_find(arg)) == NULL)
            return cli_usage("status", "unknown vocabulary '%s' (improve or alert)", arg);
        return EXIT_OK_;
    case OPT_TOLERANCE:
        if (ind_amount_parse(arg, &o->tolerance, why, sizeof why) != IND_OK ||
            o->tolerance.form != IND_AMOUNT_PERCENT || o->tolerance.value.digits < 0)
            return cli_usage("status", "--tolerance '%s' is not a percent of the target "
                                       "such as 10%%", arg);
        return EXIT_OK_;
    case OPT_SLIPPAGE:
        if (cli_parse_uint(arg, 36525, &days) != 0)
            return cli_usage("status", "--slippage-days takes a whole number from 0 to "
                                       "36525, not '%s'", arg);
        o->slippage_days = (int32_t)days;
        return EXIT_OK_;
    default:
        return -1;
    }
}

/* The options that only choose how the output looks. */
static int output_value(status_opts *o, int opt, const char *arg)
{
    switch (opt) {
    case 'f':
        if (status_format_parse(arg, &o->format) != 0)
            return cli_usage("status", "unknown format '%s' (table, json, csv, md or xlsx)",
                             arg);
        return EXIT_OK_;
    case OPT_VIEW:
        if (status_view_parse(arg, &o->view) != 0)
            return cli_usage("status", "unknown view '%s' (all, measures or summary)", arg);
        return EXIT_OK_;
    case 'o':
        o->output = arg;
        return EXIT_OK_;
    case OPT_FAIL_ON_RED:
        o->fail_on_red = 1;
        return EXIT_OK_;
    case OPT_BOM:
        o->bom = 1;
        return EXIT_OK_;
    default:
        return -1;
    }
}

static int parse(int argc, char **argv, status_opts *o)
{
    static const struct option options[] = {
        { "period", required_argument, NULL, 'p' },
        { "as-of", required_argument, NULL, OPT_AS_OF },
        { "vocabulary", required_argument, NULL, OPT_VOCABULARY },
        { "tolerance", required_argument, NULL, OPT_TOLERANCE },
        { "slippage-days", required_argument, NULL, OPT_SLIPPAGE },
        { "format", required_argument, NULL, 'f' },
        { "view", required_argument, NULL, OPT_VIEW },
        { "output", required_argument, NULL, 'o' },
        { "fail-on-red", no_argument, NULL, OPT_FAIL_ON_RED },
        CLI_ANALYSIS_OPTIONS,
        { "bom", no_argument, NULL, OPT_BOM },
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":p:f:o:h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "status");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "status");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        if (opt == 'h') {
            help();
            return -1;
        }
        int rc = verb_value(o, opt, optarg);
        if (rc < 0)
            rc = output_value(o, opt, optarg);
        if (rc < 0)
            return cli_option_error("status", argv, opt);
        if (rc != EXIT_OK_)
            return rc;
    }
    if (o->format == STATUS_CSV && o->view == STATUS_VIEW_ALL)
        return cli_usage("status", "CSV holds one table: choose --view measures or "
                                   "--view summary");
    if (optind >= argc)
        return cli_usage("status", "no dataset file given");
    if (o->bom && o->format != STATUS_CSV)
        return cli_usage("status", "--bom applies to --format csv only");
    if (o->format == STATUS_XLSX && (o->output == NULL || strcmp(o->output, "-") == 0) &&
        isatty(STDOUT_FILENO))
        return cli_usage("status", "--format xlsx writes a binary workbook: give -o FILE.xlsx");
    return EXIT_OK_;
}

/* Analyses and judges every area; on failure prints why. */
static int judge_all(const ind_registry *reg, const cli_inputs *in, const status_opts *o,
                     ind_result **results, ind_scorecard **cards)
{
    ind_analysis_opts ao = cli_analysis_opts(&o->an);
    ind_scorecard_opts so;
    ind_scorecard_opts_init(&so);
    so.period = o->period;
    so.as_of = o->as_of;
    so.tolerance = o->tolerance;
    so.slippage_days = o->slippage_days;
    so.decimals = (int)o->an.decimals;
    for (size_t i = 0; i < in->n; i++) {
        ind_error err = { 0 };
        if (ind_analyse(reg, in->areas[i], &ao, &results[i], &err) != IND_OK ||
            ind_scorecard_build(results[i], in->areas[i], &so, &cards[i], &err) != IND_OK) {
            if (err.code == IND_EINVAL)
                return cli_usage("status", "%s", err.message);
            return cli_fail(&err);
        }
    }
    return EXIT_OK_;
}

static int any_red(ind_scorecard *const *cards, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < cards[i]->n_items; k++)
            if (cards[i]->items[k].level == IND_LEVEL_MISSED)
                return 1;
    return 0;
}

/* The workbook: the summary and statuses, then a sheet per indicator with
** the measures' figures and charts. */
static int emit_xlsx(const cli_inputs *in, ind_result *const *results,
                     ind_scorecard *const *cards, const status_opts *o)
{
    ind_analysis_opts ao = cli_analysis_opts(&o->an);
    report_set rs;
    ind_error err = { 0 };
    if (report_set_build(&rs, results, in->areas, in->n, cards, NULL, &ao, &err) != IND_OK)
        return cli_fail(&err);
    ind_scorecard_opts so;
    ind_scorecard_opts_init(&so);
    so.tolerance = o->tolerance;
    so.slippage_days = o->slippage_days;
    so.decimals = (int)o->an.decimals;
    xlsx_opts xo = {
        .report = { .decimals = (int)o->an.decimals, .vocab = o->vocab, .status = &so,
                    .zero_based = 1 },
        .charts = 1,
    };
    xlsx_book *book = NULL;
    int rc = xlsx_open(&book, o->output, &xo);
    for (size_t i = 0; rc == EXIT_OK_ && i < rs.n; i++)
        rc = xlsx_add_area(book, &rs.areas[i]);
    if (rc == EXIT_OK_)
        rc = xlsx_close(book);
    else
        xlsx_abort(book);
    report_set_free(&rs);
    return rc;
}

static int emit(const cli_inputs *in, ind_result *const *results, ind_scorecard *const *cards,
                const status_opts *o)
{
    int rc;
    if (o->format == STATUS_XLSX) {
        rc = emit_xlsx(in, results, cards, o);
    } else {
        cli_output out;
        rc = cli_output_open(&out, o->output);
        if (rc != EXIT_OK_)
            return rc;
        status_write_opts wo = { .vocab = o->vocab, .view = o->view, .bom = o->bom };
        write_status(out.fp, o->format, cards, in->n, &wo);
        rc = cli_output_commit(&out);
    }
    if (rc == EXIT_OK_ && o->fail_on_red && any_red(cards, in->n))
        return EXIT_CHECK;
    return rc;
}

int cmd_status(int argc, char **argv)
{
    status_opts o = {
        .vocab = ind_vocab_default(),
        .slippage_days = -1,
        .format = STATUS_TABLE,
    };
    cli_analysis_init(&o.an);
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;

    ind_registry *reg = NULL;
    cli_inputs in = { 0 };
    ind_result **results = NULL;
    ind_scorecard **cards = NULL;
    rc = cli_load_registry(&o.plugins, &reg);
    if (rc == EXIT_OK_)
        rc = cli_read_inputs(argv + optind, (size_t)(argc - optind), &in);
    if (rc == EXIT_OK_) {
        results = calloc(in.n + 1, sizeof *results);
        cards = calloc(in.n + 1, sizeof *cards);
        rc = results != NULL && cards != NULL ? judge_all(reg, &in, &o, results, cards)
                                              : EXIT_INTERNAL;
    }
    if (rc == EXIT_OK_)
        rc = emit(&in, results, cards, &o);

    for (size_t i = 0; i < in.n; i++) {
        if (cards != NULL)
            ind_scorecard_free(cards[i]);
        if (results != NULL)
            ind_result_free(results[i]);
    }
    free(cards);
    free(results);
    cli_inputs_free(&in);
    ind_registry_free(reg);
    return rc;
}
