/*
** cmd_compare.c: `indicate compare`: benchmarking areas against each other
** from results computed earlier, the second stage of a batch that ran in
** pieces (docs/batch.md): rank, quartile, family-group mean, pooled value and
** funnel limits for every measure and period (comparison.h).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "comparison.h"

#define MAX_SELECTED 256

static void help(void)
{
    printf("Usage: indicate compare RESULT... [OPTION]...\n"
           "Benchmark areas against each other: for every measure and period, each\n"
           "area's rank (1 is best; ties share the best rank of their run), quartile,\n"
           "its family group's mean (the unweighted mean of the members' values, as\n"
           "the Local Government Benchmarking Framework computes it), the pooled value\n"
           "of all areas (sum of numerators over sum of denominators, never a mean of\n"
           "rates), and funnel-plot limits around the pooled value at 95%% and 99.8%%\n"
           "for the area's own denominator, with where its value lies. Aggregates\n"
           "such as Scotland are reported but never pooled or ranked.\n"
           "\n"
           "RESULT is the JSON Lines of `indicate batch`, the JSON of `indicate run\n"
           "--format json`, or a results store of `indicate batch --format sqlite`;\n"
           "- reads standard input. Every area of a measure must be in the results\n"
           "given (merge the pieces of a sharded batch first).\n"
           "\n"
           "Options:\n"
           "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
           "  -f, --format FORMAT    csv (default, or from -o's extension) or jsonl\n"
           "  --areas FILE           area attributes: CSV with the columns area and any of\n"
           "                         family_group, aggregate (true/false), code\n"
           "  --aggregate NAME       the area NAME is a total (repeatable); areas whose\n"
           "                         dataset says \"aggregate\": true, or whose code is\n"
           "                         S92000003 (Scotland), are too\n"
           "  -i, --indicator ID     compare only this indicator's measures (repeatable)\n"
           "  -h, --help             this help\n"
           "\n" CLI_EXIT_HELP);
}

typedef struct compare_opts {
    const char *indicators[MAX_SELECTED];
    size_t n_indicators;
    const char *aggregates[CLI_MAX_LIST];
    size_t n_aggregates;
    const char *output;
    const char *areas_file;
    int format;            /* -1: from the output's name */
} compare_opts;

static int parse(int argc, char **argv, compare_opts *o)
{
    enum { OPT_AREAS = OPT_FIRST_VERB_OPTION, OPT_AGGREGATE };
    static const struct option options[] = {
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "indicator", required_argument, NULL, 'i' },
        { "areas", required_argument, NULL, OPT_AREAS },
        { "aggregate", required_argument, NULL, OPT_AGGREGATE },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:f:i:h", options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 'o': o->output = optarg; break;
        case 'f':
            if (strcmp(optarg, "csv") == 0)
                o->format = COMPARISON_CSV;
            else if (strcmp(optarg, "jsonl") == 0)
                o->format = COMPARISON_JSONL;
            else
                return cli_usage("compare", "unknown format '%s' (csv or jsonl)", optarg);
            break;
        case 'i':
            if (o->n_indicators == MAX_SELECTED)
                return cli_usage("compare", "too many --indicator options (at most %d)",
                                 MAX_SELECTED);
            o->indicators[o->n_indicators++] = optarg;
            break;
        case OPT_AREAS: o->areas_file = optarg; break;
        case OPT_AGGREGATE:
            if (o->n_aggregates == CLI_MAX_LIST)
                return cli_usage("compare", "too many --aggregate options (at most %d)",
                                 CLI_MAX_LIST);
            o->aggregates[o->n_aggregates++] = optarg;
            break;
        default:
            return cli_option_error("compare", argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage("compare", "no result file given");
    if (o->format < 0) {
        size_t n = o->output != NULL ? strlen(o->output) : 0;
        o->format = n >= 6 && strcasecmp(o->output + n - 6, ".jsonl") == 0 ? COMPARISON_JSONL
                                                                           : COMPARISON_CSV;
    }
    return EXIT_OK_;
}

static int collect(comparison *c, const compare_opts *o, char *const *files, size_t n)
{
    comparison_select(c, o->indicators, o->n_indicators);
    int rc = o->areas_file != NULL ? comparison_load_areas(c, o->areas_file) : EXIT_OK_;
    for (size_t i = 0; rc == EXIT_OK_ && i < o->n_aggregates; i++)
        rc = comparison_mark_aggregate(c, o->aggregates[i]);
    for (size_t i = 0; rc == EXIT_OK_ && i < n; i++)
        rc = comparison_add_file(c, files[i]);
    if (rc == EXIT_OK_ && comparison_size(c) == 0) {
        cli_error("no observed figures in the results given%s",
                  o->n_indicators > 0 ? " for the indicators asked for" : "");
        rc = EXIT_NOTFOUND;
    }
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    compare_opts o = { .format = -1 };
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;
    comparison *c = comparison_new();
    if (c == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    rc = collect(c, &o, argv + optind, (size_t)(argc - optind));
    cli_output out = { 0 };
    if (rc == EXIT_OK_)
        rc = cli_output_open(&out, o.output);
    if (rc == EXIT_OK_) {
        rc = comparison_write(c, out.fp, (comparison_format)o.format);
        if (rc == EXIT_OK_)
            rc = cli_output_commit(&out);
        else
            cli_output_abort(&out);
    }
    comparison_free(c);
    return rc;
}
