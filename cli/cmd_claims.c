/*
** cmd_claims.c: `indicate claims-from-text`: find the figures a report's
** text states with their inputs and write them as a claims file for review,
** ready for `indicate verify`.
**
** Nothing is invented: an input is a number written in the text where a
** pattern expects it (include/indicate/claims_text.h). Figures whose
** inputs were not found are written as `unpaired` claims with a note, so a
** reviewer sees everything that was found, and verify passes over them.
*/
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "indicate/claims_io.h"
#include "indicate/claims_text.h"
#include "write_claims.h"

static void help(void)
{
    printf("Usage: indicate claims-from-text FILE [OPTION]...\n"
           "Find the percentages a report's plain text or Markdown states, pair each\n"
           "with the figures it is worked out from where the text states them (\"9%%\n"
           "(3034 to 3314)\", \"(101) 203 [102%% increase]\", \"63%% (88 out of 139)\",\n"
           "\"a 38.29%% increase from the previous year's figures of 175\") and write a\n"
           "claims file (docs/claims-format.md) to review and pass to 'indicate\n"
           "verify'. Every claim keeps its sentence and its line and column. A figure\n"
           "whose inputs are not found is written with kind \"unpaired\" and a note;\n"
           "no input is ever guessed. FILE may be - for standard input.\n"
           "\n"
           "Options:\n"
           "  -f, --format FORMAT    json (default) or csv\n"
           "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
           "      --document TEXT    the source document named in every claim (default:\n"
           "                         FILE as given)\n"
           "      --paired-only      leave out the figures whose inputs were not found\n"
           "  -h, --help             this help\n"
           "\n"
           "Exit status:\n"
           "  0  success (also when nothing is found)\n"
           "  2  bad command line\n"
           "  3  a file could not be read or written\n"
           "  5  the input is not text (a NUL byte)\n"
           "  6  the input is larger than 64 MiB, or holds more than 100,000 figures\n"
           " 10  out of memory or an internal error\n");
}

typedef struct text_opts {
    out_format format;
    const char *output;
    const char *document;
    int paired_only;
} text_opts;

enum { OPT_DOCUMENT = OPT_FIRST_VERB_OPTION, OPT_PAIRED_ONLY };

static int parse(int argc, char **argv, text_opts *o)
{
    static const struct option options[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "document", required_argument, NULL, OPT_DOCUMENT },
        { "paired-only", no_argument, NULL, OPT_PAIRED_ONLY },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *verb = "claims-from-text";
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":f:o:h", options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 'f':
            if (strcmp(optarg, "json") == 0)
                o->format = OUT_JSON;
            else if (strcmp(optarg, "csv") == 0)
                o->format = OUT_CSV;
            else
                return cli_usage(verb, "unknown format '%s' (json or csv)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_DOCUMENT:
            o->document = optarg;
            break;
        case OPT_PAIRED_ONLY:
            o->paired_only = 1;
            break;
        default:
            return cli_option_error(verb, argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage(verb, "no text file given");
    if (optind + 1 < argc)
        return cli_usage(verb, "one text file at a time (got %d)", argc - optind);
    return EXIT_OK_;
}

static int find(const char *path, const text_opts *o, ind_claim_set **out)
{
    ind_error err = { 0 };
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    if (ind_claims_read_bytes(path, IND_CLAIMS_TEXT_MAX, &text, &len, &err) != IND_OK)
        return cli_fail(&err);
    ind_claim_set *set = ind_claim_set_new();
    ind_text_options to = { .document = o->document != NULL ? o->document : path,
                            .paired_only = o->paired_only };
    int rc = set == NULL ? ind_error_set(&err, IND_ENOMEM, "out of memory")
                         : ind_claim_set_document(set, to.document);
    if (rc == IND_OK)
        rc = ind_claims_find(path, text, len, &to, set, &err);
    free(text);
    if (rc != IND_OK) {
        ind_claim_set_free(set);
        if (err.code == IND_OK)
            ind_error_set(&err, rc, "out of memory");
        return cli_fail(&err);
    }
    *out = set;
    return EXIT_OK_;
}

int cmd_claims_from_text(int argc, char **argv)
{
    text_opts o = { .format = OUT_JSON };
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;
    ind_claim_set *set;
    rc = find(argv[optind], &o, &set);
    if (rc != EXIT_OK_)
        return rc;
    cli_output out;
    rc = cli_output_open(&out, o.output);
    if (rc == EXIT_OK_) {
        write_claim_set(out.fp, o.format, set);
        rc = cli_output_commit(&out);
    }
    ind_claim_set_free(set);
    return rc;
}
