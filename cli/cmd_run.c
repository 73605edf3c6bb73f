/*
** cmd_run.c: `indicate run`: every indicator for every area of the given
** datasets, written as a table, JSON, CSV, Markdown or an Excel workbook.
**
** Everything is read and computed before anything is written, so a bad
** input never leaves a half-written output.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli.h"
#include "report.h"
#include "write.h"
#include "write_md.h"
#include "write_xlsx.h"

#define MAX_SELECTED 256

static void help(void)
{
    printf("Usage: indicate run FILE... [OPTION]...\n"
           "Compute every indicator whose inputs a dataset has, for every period:\n"
           "value, numerator and denominator, interval, change against earlier\n"
           "periods with a test of each change, a trend line, trend tests, a\n"
           "projection and an XmR chart (docs/result-format.md). Nothing is fitted\n"
           "across a break in a series. FILE is a dataset in JSON, JSON Lines or\n"
           "CSV long format (docs/dataset-format.md); - reads standard input.\n"
           "\n"
           "Options:\n"
           "  -i, --indicator ID   compute only this indicator (repeatable)\n"
           "  -f, --format FORMAT  table (default), json, csv, md (Markdown tables and\n"
           "                       commentary for a paper) or xlsx (an Excel workbook\n"
           "                       with a native chart per measure; needs -o or a\n"
           "                       redirected standard output); docs/reports.md\n"
           "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
           "  --bom                CSV: begin with a UTF-8 byte order mark (older Excel)\n"
           "  -h, --help           this help\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

typedef struct run_opts {
    const char *indicators[MAX_SELECTED];
    size_t n_indicators;
    out_format format;
    const char *output;
    cli_analysis an;
    int bom;
    cli_plugins plugins;
} run_opts;

static int parse(int argc, char **argv, run_opts *o)
{
    enum { OPT_BOM = OPT_FIRST_VERB_OPTION };
    static const struct option options[] = {
        { "indicator", required_argument, NULL, 'i' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "bom", no_argument, NULL, OPT_BOM },
        CLI_ANALYSIS_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:f:o:m:h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "run");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "run");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 'i':
            if (o->n_indicators == MAX_SELECTED)
                return cli_usage("run", "too many --indicator options (at most %d)", MAX_SELECTED);
            o->indicators[o->n_indicators++] = optarg;
            break;
        case 'f':
            if (out_format_parse_all(optarg, &o->format) != 0)
                return cli_usage("run", "unknown format '%s' (table, json, csv, md or xlsx)",
                                 optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_BOM:
            o->bom = 1;
            break;
        default:
            return cli_option_error("run", argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage("run", "no dataset file given");
    if (o->bom && o->format != OUT_CSV)
        return cli_usage("run", "--bom applies to --format csv only");
    if (o->format == OUT_XLSX && (o->output == NULL || strcmp(o->output, "-") == 0) &&
        isatty(STDOUT_FILENO))
        return cli_usage("run", "--format xlsx writes a binary workbook: give -o FILE.xlsx");
    return EXIT_OK_;
}

/* Every indicator asked for must be defined by a loaded plug-in. */
static int check_selected(const ind_registry *reg, const run_opts *o)
{
    for (size_t i = 0; i < o->n_indicators; i++)
        if (ind_registry_find(reg, o->indicators[i]) == NULL) {
            cli_error("indicator %s: no loaded plug-in defines it (see 'indicate list')",
                      o->indicators[i]);
            return EXIT_PLUGIN;
        }
    return EXIT_OK_;
}

static ind_analysis_opts analysis_opts(const run_opts *o)
{
    ind_analysis_opts ao = cli_analysis_opts(&o->an);
    ao.indicators = o->n_indicators > 0 ? o->indicators : NULL;
    ao.n_indicators = o->n_indicators;
    return ao;
}

static int compute_all(const ind_registry *reg, const cli_inputs *in,
                       const run_opts *o, ind_result **results)
{
    ind_analysis_opts ao = analysis_opts(o);
    for (size_t i = 0; i < in->n; i++) {
        ind_error err = { 0 };
        if (ind_analyse(reg, in->areas[i], &ao, &results[i], &err) != IND_OK)
            return cli_fail(&err);
    }
    return EXIT_OK_;
}

/* Targets the dataset sets for a measure must fit it (a percentage for a
** proportion, a polarity for a neutral indicator, ...): checked for every
** period before anything is written. */
static int check_targets(const cli_inputs *in, ind_result *const *results,
                         const ind_scorecard_opts *so)
{
    for (size_t i = 0; i < in->n; i++) {
        if (in->areas[i]->n_targets == 0)
            continue;
        const ind_result *r = results[i];
        for (size_t j = 0; j < r->n_measures; j++)
            for (size_t t = 0; t < r->measure[j].n; t++) {
                ind_status st;
                ind_error err = { 0 };
                if (ind_scorecard_measure_status(in->areas[i], &r->measure[j], t, so, &st,
                                                 &err) != IND_OK)
                    return cli_fail(&err);
            }
    }
    return EXIT_OK_;
}

/* Markdown and the workbook: the report layout of every area, with the
** statuses (unless indicators were selected: a target may then name a
** measure not computed) and the series targets analysed. */
static int emit_report(const cli_inputs *in, ind_result *const *results, const run_opts *o,
                       const ind_scorecard_opts *so)
{
    ind_analysis_opts ao = analysis_opts(o);
    report_set rs;
    ind_error err = { 0 };
    if (report_set_build(&rs, results, in->areas, in->n, NULL,
                         o->n_indicators > 0 ? NULL : so, &ao, &err) != IND_OK)
        return cli_fail(&err);
    report_opts ro = { .decimals = (int)o->an.decimals, .status = so, .zero_based = 1 };
    int rc;
    if (o->format == OUT_XLSX) {
        xlsx_opts xo = { .report = ro, .charts = 1 };
        xlsx_book *book = NULL;
        rc = xlsx_open(&book, o->output, &xo);
        for (size_t i = 0; rc == EXIT_OK_ && i < rs.n; i++)
            rc = xlsx_add_area(book, &rs.areas[i]);
        if (rc == EXIT_OK_)
            rc = xlsx_close(book);
        else
            xlsx_abort(book);
    } else {
        cli_output out;
        rc = cli_output_open(&out, o->output);
        if (rc == EXIT_OK_) {
            write_md_report(out.fp, rs.areas, rs.n, &ro);
            rc = cli_output_commit(&out);
        }
    }
    report_set_free(&rs);
    return rc;
}

static int emit(const cli_inputs *in, ind_result *const *results, const run_opts *o)
{
    ind_scorecard_opts so;
    ind_scorecard_opts_init(&so);
    int rc = check_targets(in, results, &so);
    if (rc != EXIT_OK_)
        return rc;
    if (o->format == OUT_MD || o->format == OUT_XLSX)
        return emit_report(in, results, o, &so);
    cli_output out;
    rc = cli_output_open(&out, o->output);
    if (rc != EXIT_OK_)
        return rc;
    write_opts wo = {
        .decimals = (int)o->an.decimals,
        .commentary = 1,
        .datasets = (const ind_dataset *const *)in->areas,
        .status = &so,
        .bom = o->bom,
    };
    write_results(out.fp, o->format, results, in->n, &wo);
    return cli_output_commit(&out);
}

int cmd_run(int argc, char **argv)
{
    run_opts o = { .format = OUT_TABLE };
    cli_analysis_init(&o.an);
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;

    ind_registry *reg = NULL;
    cli_inputs in = { 0 };
    ind_result **results = NULL;
    rc = cli_load_registry(&o.plugins, &reg);
    if (rc == EXIT_OK_)
        rc = check_selected(reg, &o);
    if (rc == EXIT_OK_)
        rc = cli_read_inputs(argv + optind, (size_t)(argc - optind), &in);
    if (rc == EXIT_OK_) {
        results = calloc(in.n + 1, sizeof *results);
        rc = results != NULL ? compute_all(reg, &in, &o, results) : EXIT_INTERNAL;
    }
    if (rc == EXIT_OK_)
        rc = emit(&in, results, &o);

    for (size_t i = 0; results != NULL && i < in.n; i++)
        ind_result_free(results[i]);
    free(results);
    cli_inputs_free(&in);
    ind_registry_free(reg);
    return rc;
}
