/*
** main.c: the `indicate` command: dispatch to a verb.
*/
#include <gsl/gsl_errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "json_alloc.h"

typedef struct verb {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} verb;

static const verb verbs[] = {
    { "list", cmd_list, "list the plug-ins found and their indicators" },
    { "run", cmd_run, "compute every indicator for one or more datasets" },
    { "trend", cmd_trend, "trend tests and projections for one series" },
    { "spc", cmd_spc, "statistical process control chart for one series" },
    { "status", cmd_status, "statuses against targets and the summary table" },
    { "verify", cmd_verify, "recompute the figures a report states" },
    { "claims-from-text", cmd_claims_from_text, "find checkable figures in a report's text" },
    { "batch", cmd_batch, "recompute many areas' histories, streaming, on several threads" },
    { "compare", cmd_compare, "benchmark areas against each other and the pooled value" },
    { "diff", cmd_diff, "what changed between two result sets" },
    { "report", cmd_report, "a self-contained HTML report with charts" },
};
#define N_VERBS (sizeof verbs / sizeof verbs[0])

static void usage(FILE *fp)
{
    fprintf(fp,
            "Usage: indicate VERB [OPTION]... [FILE]...\n"
            "Statistics and trends for council social-work figures, from raw counts.\n"
            "\n"
            "Verbs:\n");
    for (size_t i = 0; i < N_VERBS; i++)
        fprintf(fp, "  %-18s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(fp,
            "\n"
            "  indicate VERB --help   options of a verb\n"
            "  indicate --version     version and plug-in ABI\n"
            "\n" CLI_EXIT_HELP);
}

/* Work is allocated and freed area by area, on every thread. Left alone,
** glibc gives the top of a thread's heap back to the kernel whenever more
** than 128 KiB of it is free, which is after most areas: by brk, or by
** madvise on a second thread's heap, which interrupts the other core to
** flush its TLB. A 4,000-area batch on two threads made 30 to 160 of each
** call. From 512 KiB it makes 3 to 14, and peak memory is unchanged
** (docs/batch.md, "Threads"). Setting it also fixes glibc's mmap threshold
** at 128 KiB, where it would otherwise rise; munmap calls stayed at 7 or 8
** a run either way. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 512 << 10);
#endif
}

static const verb *find_verb(const char *name)
{
    for (size_t i = 0; i < N_VERBS; i++)
        if (strcmp(verbs[i].name, name) == 0)
            return &verbs[i];
    return NULL;
}

int main(int argc, char **argv)
{
    /* GSL aborts on errors by default; the library checks every status. */
    gsl_set_error_handler_off();
    keep_freed_memory();
    /* Before any thread and any cJSON call: the hooks are process-wide. */
    if (cli_json_alloc_install() != 0)
        fprintf(stderr, "indicate: warning: JSON reading falls back to malloc\n");

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        usage(stdout);
        return EXIT_OK_;
    }
    if (strcmp(name, "--version") == 0) {
        printf("indicate %s (plug-in ABI %d.%d)\n", ind_version(), IND_ABI_MAJOR,
               IND_ABI_MINOR);
        return EXIT_OK_;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return EXIT_OK_;
        }
        const verb *v = find_verb(argv[2]);
        if (v == NULL)
            return cli_usage(NULL, "unknown verb '%s'", argv[2]);
        char help_opt[] = "--help";
        char *help_argv[] = { argv[2], help_opt, NULL };
        return v->run(2, help_argv);
    }
    const verb *v = find_verb(name);
    if (v == NULL)
        return cli_usage(NULL, "unknown verb '%s'", name);
    return v->run(argc - 1, argv + 1);
}
