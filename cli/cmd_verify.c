/*
** cmd_verify.c: `indicate verify`: recompute every figure the claims files
** state and say, for each, whether it holds and if not what most likely
** went wrong; exit 1 when any does not hold, so a paper can be gated on it.
**
** Every file is read and every claim verified before anything is written:
** a bad claims file (exit 3 to 6, one line naming the file and the JSON
** path or CSV line) never leaves a half-written output.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "indicate/claims_io.h"
#include "write_claims.h"

static void help(void)
{
    printf("Usage: indicate verify CLAIMS... [OPTION]...\n"
           "Recompute every figure a report states from the inputs its claims file\n"
           "gives, exactly, and judge it at the precision it is written (rounding half\n"
           "away from zero): ok, rounding (truncated, rounded up, or rounded in steps),\n"
           "or the likely slip: base taken as the later value, percentage difference\n"
           "given as a percent change, absolute figure written as a percent, percentage\n"
           "points confused with percent, direction word against the sign, parts not\n"
           "summing to the total; mismatch when none fits. Each verdict carries the\n"
           "correct figure and the claim's sentence rewritten with it.\n"
           "CLAIMS is a claims file in JSON or CSV (docs/claims-format.md), such as\n"
           "claims-from-text writes; - reads standard input.\n"
           "\n"
           "Options:\n"
           "  -f, --format FORMAT    table (default), json or csv\n"
           "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
           "      --input-format F   read every CLAIMS file as json or csv (default: by\n"
           "                         its name, else by its first character)\n"
           "      --allow-rounding   count a figure rounded the wrong way as holding\n"
           "  -h, --help             this help\n"
           "\n"
           "Exit status:\n"
           "  0  every claim holds (unpaired candidates are not checked)\n"
           "  1  at least one claim does not hold\n"
           "  2  bad command line\n"
           "  3  a file could not be read or written\n"
           "  4  malformed JSON or CSV\n"
           "  5  a claims file breaks a rule of the claims format\n"
           "  6  a claims file larger than a limit\n"
           " 10  out of memory or an internal error\n");
}

typedef struct verify_opts {
    out_format format;
    const char *output;
    ind_claims_format input_format;
    int allow_rounding;
} verify_opts;

enum { OPT_INPUT_FORMAT = OPT_FIRST_VERB_OPTION, OPT_ALLOW_ROUNDING };

static int parse(int argc, char **argv, verify_opts *o)
{
    static const struct option options[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
        { "allow-rounding", no_argument, NULL, OPT_ALLOW_ROUNDING },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":f:o:h", options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 'f':
            if (out_format_parse(optarg, &o->format) != 0)
                return cli_usage("verify", "unknown format '%s' (table, json or csv)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_INPUT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                o->input_format = IND_CLAIMS_JSON;
            else if (strcmp(optarg, "csv") == 0)
                o->input_format = IND_CLAIMS_CSV;
            else
                return cli_usage("verify", "unknown input format '%s' (json or csv)", optarg);
            break;
        case OPT_ALLOW_ROUNDING:
            o->allow_rounding = 1;
            break;
        default:
            return cli_option_error("verify", argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage("verify", "no claims file given");
    return EXIT_OK_;
}

static int verify_file(verified_file *vf, const verify_opts *o)
{
    ind_error err = { 0 };
    if (ind_claims_read_file(vf->path, o->input_format, &vf->set, &err) != IND_OK)
        return cli_fail(&err);
    vf->n = ind_claim_set_count(vf->set);
    vf->verdicts = calloc(vf->n + 1, sizeof *vf->verdicts);
    if (vf->verdicts == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    ind_arena *arena = ind_claim_set_arena(vf->set);
    for (size_t i = 0; i < vf->n; i++)
        if (ind_verify_claim(ind_claim_set_get(vf->set, i), arena, &vf->verdicts[i], &err) != IND_OK)
            return cli_fail(&err);
    return EXIT_OK_;
}

static void count(verify_tally *t, const verified_file *files, size_t n, int allow_rounding)
{
    memset(t, 0, sizeof *t);
    for (size_t f = 0; f < n; f++)
        for (size_t i = 0; i < files[f].n; i++) {
            const ind_claim_verdict *v = &files[f].verdicts[i];
            t->claims++;
            t->by_verdict[v->verdict]++;
            if (v->verdict == IND_FINDING_UNCHECKED)
                t->unchecked++;
            else if (v->holds || (allow_rounding && v->verdict == IND_FINDING_ROUNDING))
                t->hold++;
            else
                t->fail++;
        }
}

int cmd_verify(int argc, char **argv)
{
    verify_opts o = { .format = OUT_TABLE };
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;
    size_t n = (size_t)(argc - optind);
    verified_file *files = calloc(n, sizeof *files);
    if (files == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    for (size_t f = 0; f < n && rc == EXIT_OK_; f++) {
        files[f].path = argv[optind + (int)f];
        rc = verify_file(&files[f], &o);
    }
    verify_tally tally;
    if (rc == EXIT_OK_) {
        count(&tally, files, n, o.allow_rounding);
        cli_output out;
        rc = cli_output_open(&out, o.output);
        if (rc == EXIT_OK_) {
            write_verdicts(out.fp, o.format, files, n, &tally, o.allow_rounding);
            rc = cli_output_commit(&out);
        }
        if (rc == EXIT_OK_ && tally.fail > 0)
            rc = EXIT_CHECK;
    }
    for (size_t f = 0; f < n; f++) {
        free(files[f].verdicts);
        ind_claim_set_free(files[f].set);
    }
    free(files);
    return rc;
}
