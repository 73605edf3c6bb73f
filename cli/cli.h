/*
** cli.h: what the verbs of the `indicate` command share.
**
** The command is argument parsing and writers only: every figure comes from
** libindicate. This header holds the exit codes, message printing, the
** plug-in options every verb accepts, reading inputs, and writing output
** files atomically (a temporary name renamed into place, so a failed run
** never leaves a half-written file).
*/
#ifndef INDICATE_CLI_H
#define INDICATE_CLI_H

#include <stdio.h>

#include "indicate/indicate.h"
#include "indicate/present.h"

/* Exit codes (documented in `indicate --help` and the README). */
enum {
    EXIT_OK_ = 0,
    EXIT_CHECK = 1,     /* the run worked and found something wrong (verify) */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_IO = 3,        /* a file could not be read or written */
    EXIT_PARSE = 4,     /* malformed JSON or CSV */
    EXIT_DATA = 5,      /* input breaks a rule of the data model */
    EXIT_LIMIT = 6,     /* input over a size limit */
    EXIT_PLUGIN = 7,    /* an indicator asked for is missing, or a plug-in failed */
    EXIT_NUMERIC = 8,   /* a numerical routine failed */
    EXIT_NOTFOUND = 9,  /* a series, indicator or period asked for is not in the data */
    EXIT_INTERNAL = 10  /* out of memory or an internal error */
};

#define CLI_EXIT_HELP                                                       \
    "Exit status:\n"                                                          \
    "  0  success\n"                                                          \
    "  1  the run worked and found something wrong (a claim that does not\n"    \
    "     hold; a Red status with --fail-on-red)\n"                             \
    "  2  bad command line\n"                                                 \
    "  3  a file could not be read or written\n"                              \
    "  4  malformed JSON or CSV\n"                                            \
    "  5  input breaks a rule of the dataset format\n"                        \
    "  6  input larger than a limit\n"                                        \
    "  7  an indicator asked for is missing, or a plug-in failed\n"           \
    "  8  a numerical routine failed\n"                                       \
    "  9  a series, indicator or period asked for is not in the data\n"       \
    " 10  out of memory or an internal error\n"

/* The exit code for a libindicate status. */
int cli_exit_code(int status);

/* "indicate: <message>" on standard error. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints err's message and returns the exit code for its status. */
int cli_fail(const ind_error *err);

/* A usage error: the message, a pointer to --help, EXIT_USAGE. */
int cli_usage(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reports a getopt_long failure ('?' or ':' with optstring starting ':')
** for the option at argv[optind - 1]; returns EXIT_USAGE. */
int cli_option_error(const char *verb, char **argv, int opt);

/* ---- plug-in options, shared by every verb that computes ---------------- */

#define CLI_MAX_LIST 64

typedef struct cli_plugins {
    const char *files[CLI_MAX_LIST];
    size_t n_files;
    const char *dirs[CLI_MAX_LIST];
    size_t n_dirs;
    const char *sets[CLI_MAX_LIST];
    size_t n_sets;
    int no_default;
} cli_plugins;

/* Long option codes for the plug-in options; verbs put CLI_PLUGIN_OPTIONS in
** their option tables and pass unknown codes to cli_plugins_option. */
enum {
    OPT_PLUGIN = 1000,
    OPT_PLUGIN_DIR,
    OPT_NO_DEFAULT_PLUGINS,
    OPT_SET,
    OPT_FIRST_VERB_OPTION = 1100
};
#define CLI_PLUGIN_OPTIONS                                            \
    { "plugin", required_argument, NULL, OPT_PLUGIN },                \
    { "plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR },        \
    { "no-default-plugins", no_argument, NULL, OPT_NO_DEFAULT_PLUGINS }, \
    { "set", required_argument, NULL, OPT_SET }

#define CLI_PLUGIN_HELP                                                          \
    "Plug-ins:\n"                                                                \
    "  --plugin FILE          load this plug-in (repeatable)\n"                  \
    "  --plugin-dir DIR       load every *.so in DIR (repeatable)\n"             \
    "  --no-default-plugins   skip INDICATE_PLUGIN_PATH and the installed plug-ins\n" \
    "  --set PLUGIN.NAME=VALUE  set a plug-in option (repeatable)\n"             \
    "  Plug-ins are looked for in that order, then in the directories of\n"      \
    "  INDICATE_PLUGIN_PATH (absolute entries only), then where indicate's\n"    \
    "  own plug-ins are installed. Never in the current directory.\n"

/* Handles a plug-in option; returns 1 if opt was one, 0 if not, or -1 after
** printing a usage error (too many). */
int cli_plugins_option(cli_plugins *p, int opt, const char *arg,
                       const char *verb);

/* Discovers and loads plug-ins as p says, prints refusals and warnings to
** standard error, applies --set. On failure prints why and returns the exit
** code; *out is then NULL. */
int cli_load_registry(const cli_plugins *p, ind_registry **out);

/* ---- analysis options, shared by every verb that computes --------------- */

/* What a verb asks of the analysis, and how it writes figures. */
typedef struct cli_analysis {
    double level;                 /* 0.95 */
    unsigned decimals;            /* 1 */
    ind_projection_method method; /* auto */
    unsigned horizon;             /* 1 */
    int no_screen;
    unsigned skip;                /* IND_SKIP_* */
} cli_analysis;

enum {
    OPT_LEVEL = 1010,
    OPT_DECIMALS,
    OPT_HORIZON,
    OPT_NO_SCREEN,
    OPT_SKIP
};
#define CLI_ANALYSIS_OPTIONS                                       \
    { "level", required_argument, NULL, OPT_LEVEL },               \
    { "decimals", required_argument, NULL, OPT_DECIMALS },         \
    { "method", required_argument, NULL, 'm' },                    \
    { "horizon", required_argument, NULL, OPT_HORIZON },           \
    { "no-screen", no_argument, NULL, OPT_NO_SCREEN },             \
    { "skip", required_argument, NULL, OPT_SKIP }

#define CLI_ANALYSIS_HELP                                                           \
    "Analysis:\n"                                                                   \
    "  --level LEVEL        confidence level: 0.95 (default), 95%%, 99.8 or 0.998\n" \
    "  --decimals N         decimal places of percentages and rates (default 1)\n"  \
    "  -m, --method METHOD  projection: auto (default), linear, loglinear or holt\n" \
    "  --horizon N          periods to project (default 1)\n"                       \
    "  --no-screen          SPC: keep every moving range (no screening)\n"         \
    "  --skip LIST          leave out analyses: significance, tests, spc\n"        \
    "                       (comma-separated)\n"

/* The defaults above. */
void cli_analysis_init(cli_analysis *a);

/* Handles an analysis option; returns 1 if opt was one, 0 if not, or -1
** after printing a usage error for a bad value. */
int cli_analysis_option(cli_analysis *a, int opt, const char *arg, const char *verb);

/* The library's options for a (no indicator selection). */
ind_analysis_opts cli_analysis_opts(const cli_analysis *a);

/* ---- inputs ------------------------------------------------------------- */

typedef struct cli_inputs {
    ind_dataset **areas;
    size_t n;
} cli_inputs;

/* Reads every area of every file (a file may be "-"). Stops at the first
** error, prints it and returns its exit code (nothing is written). */
int cli_read_inputs(char *const *files, size_t n_files, cli_inputs *out);
void cli_inputs_free(cli_inputs *in);

/* ---- output files ------------------------------------------------------- */

typedef struct cli_output {
    FILE *fp;
    const char *path;     /* NULL for standard output */
    char *tmp;            /* the temporary name being written; NULL when the
                             path is written directly */
} cli_output;

/* Opens path for writing through a temporary name in the same directory,
** or standard output when path is NULL or "-". A path that exists and is
** not a regular file (/dev/null, a FIFO) is written directly: renaming
** over it would replace the device or pipe with a file. */
int cli_output_open(cli_output *o, const char *path);
/* Flushes, closes and renames into place; on any failure removes the
** temporary file, prints why and returns EXIT_IO. */
int cli_output_commit(cli_output *o);
/* Abandons the output, removing the temporary file. */
void cli_output_abort(cli_output *o);

/* ---- option values ------------------------------------------------------ */

/* Parses a confidence level: "0.95", "95", "95%", "99.8". */
int cli_parse_level(const char *s, double *level);
/* Parses a non-negative integer no larger than max. */
int cli_parse_uint(const char *s, unsigned max, unsigned *out);

/* ---- the verbs ---------------------------------------------------------- */

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_spc(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_claims_from_text(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
