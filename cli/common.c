/*
** common.c: exit codes, messages, plug-in loading, inputs and atomic output
** files for every verb of the `indicate` command.
*/
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_exit_code(int status)
{
    switch (status) {
    case IND_OK: return EXIT_OK_;
    case IND_EIO: return EXIT_IO;
    case IND_EPARSE: return EXIT_PARSE;
    case IND_EDATA: return EXIT_DATA;
    case IND_ELIMIT: return EXIT_LIMIT;
    case IND_EPLUGIN: return EXIT_PLUGIN;
    case IND_ENUMERIC: return EXIT_NUMERIC;
    case IND_EDOMAIN: return EXIT_NUMERIC;
    case IND_ENOTFOUND: return EXIT_NOTFOUND;
    default: return EXIT_INTERNAL;
    }
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
    fputs("indicate: ", stderr);
    if (kind != NULL)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, fmt, ap);
    va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_fail(const ind_error *err)
{
    cli_error("%s", err->message[0] != '\0' ? err->message : ind_status_name(err->code));
    return cli_exit_code(err->code);
}

int cli_usage(const char *verb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(NULL, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'indicate %s%s--help'.\n", verb != NULL ? verb : "",
            verb != NULL ? " " : "");
    return EXIT_USAGE;
}

int cli_option_error(const char *verb, char **argv, int opt)
{
    const char *what = optind > 0 ? argv[optind - 1] : "?";
    if (opt == ':')
        return cli_usage(verb, "option '%s' needs a value", what);
    return cli_usage(verb, "unknown option '%s'", what);
}

/* ---- plug-ins ----------------------------------------------------------- */

static int push(const char **list, size_t *n, const char *arg, const char *verb,
                const char *what)
{
    if (*n >= CLI_MAX_LIST) {
        cli_usage(verb, "too many %s options (at most %d)", what, CLI_MAX_LIST);
        return -1;
    }
    list[(*n)++] = arg;
    return 1;
}

int cli_plugins_option(cli_plugins *p, int opt, const char *arg,
                       const char *verb)
{
    switch (opt) {
    case OPT_PLUGIN: return push(p->files, &p->n_files, arg, verb, "--plugin");
    case OPT_PLUGIN_DIR: return push(p->dirs, &p->n_dirs, arg, verb, "--plugin-dir");
    case OPT_SET: return push(p->sets, &p->n_sets, arg, verb, "--set");
    case OPT_NO_DEFAULT_PLUGINS: p->no_default = 1; return 1;
    default: return 0;
    }
}

/* The directory holding this executable, from /proc/self/exe. */
static int exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return -1;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    return 0;
}

/* The build tree's plug-ins when this binary runs from the build tree, else
** the installed directory relative to the binary (so an installed tree can
** be moved). */
static const char *default_plugin_dir(char *buf, size_t size)
{
    char dir[PATH_MAX], real_build[PATH_MAX];
    if (exe_dir(dir, sizeof dir) != 0)
        return NULL;
    if (realpath(IND_BUILD_BIN_DIR, real_build) != NULL && strcmp(dir, real_build) == 0)
        return IND_BUILD_PLUGIN_DIR;
    int n = snprintf(buf, size, "%s/%s", dir, IND_PLUGIN_RELDIR);
    return n > 0 && (size_t)n < size ? buf : NULL;
}

static void report_refusals(const ind_registry *reg)
{
    for (size_t i = 0; i < ind_registry_n_warnings(reg); i++)
        cli_warning("%s", ind_registry_warning(reg, i));
    for (size_t i = 0; i < ind_registry_n_refusals(reg); i++) {
        const ind_refusal *r = ind_registry_refusal(reg, i);
        cli_warning("plug-in %s refused at %s: %s (hint: %s)", r->file,
                    ind_load_stage_name(r->stage), r->detail, r->hint);
    }
}

int cli_load_registry(const cli_plugins *p, ind_registry **out)
{
    *out = NULL;
    ind_registry *reg = ind_registry_new();
    if (reg == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    char buf[PATH_MAX];
    ind_discovery d = {
        .files = p->files, .n_files = p->n_files,
        .dirs = p->dirs, .n_dirs = p->n_dirs,
        .env_path = p->no_default ? NULL : getenv("INDICATE_PLUGIN_PATH"),
        .default_dir = p->no_default ? NULL : default_plugin_dir(buf, sizeof buf),
    };
    ind_error err = { 0 };
    int rc = ind_registry_discover(reg, &d, &err);
    report_refusals(reg);
    for (size_t i = 0; rc == IND_OK && i < p->n_sets; i++)
        rc = ind_registry_set_option(reg, p->sets[i], &err);
    if (rc != IND_OK) {
        ind_registry_free(reg);
        if (rc == IND_EINVAL) {
            cli_error("%s", err.message);
            return EXIT_USAGE;
        }
        return cli_fail(&err);
    }
    *out = reg;
    return EXIT_OK_;
}

/* ---- analysis options --------------------------------------------------- */

void cli_analysis_init(cli_analysis *a)
{
    memset(a, 0, sizeof *a);
    a->level = 0.95;
    a->decimals = 1;
    a->method = IND_PROJECT_AUTO;
    a->horizon = 1;
}

/* "significance,tests,spc" as IND_SKIP_* bits; -1 for an unknown word. */
static int parse_skip(const char *arg, unsigned *skip)
{
    static const struct { const char *word; unsigned bit; } words[] = {
        { "significance", IND_SKIP_SIGNIFICANCE },
        { "tests", IND_SKIP_TREND_TESTS },
        { "spc", IND_SKIP_SPC },
    };
    unsigned bits = 0;
    for (const char *p = arg; *p != '\0';) {
        size_t len = strcspn(p, ",");
        size_t i = 0;
        while (i < sizeof words / sizeof words[0] &&
               !(strlen(words[i].word) == len && strncmp(words[i].word, p, len) == 0))
            i++;
        if (i == sizeof words / sizeof words[0])
            return -1;
        bits |= words[i].bit;
        p += len + (p[len] == ',');
    }
    *skip = bits;
    return 0;
}

int cli_analysis_option(cli_analysis *a, int opt, const char *arg, const char *verb)
{
    switch (opt) {
    case OPT_LEVEL:
        if (cli_parse_level(arg, &a->level) == 0)
            return 1;
        cli_usage(verb, "confidence level '%s' is not a fraction from 0.5 to 1 or a "
                        "percentage from 50 to 100", arg);
        return -1;
    case OPT_DECIMALS:
        if (cli_parse_uint(arg, 6, &a->decimals) == 0)
            return 1;
        cli_usage(verb, "--decimals takes a whole number from 0 to 6, not '%s'", arg);
        return -1;
    case 'm':
        if (ind_projection_method_parse(arg, &a->method) == 0)
            return 1;
        cli_usage(verb, "unknown method '%s' (auto, linear, loglinear or holt)", arg);
        return -1;
    case OPT_HORIZON:
        if (cli_parse_uint(arg, IND_PROJECT_MAX_HORIZON, &a->horizon) == 0 && a->horizon > 0)
            return 1;
        cli_usage(verb, "--horizon takes a whole number from 1 to %d, not '%s'",
                  IND_PROJECT_MAX_HORIZON, arg);
        return -1;
    case OPT_NO_SCREEN:
        a->no_screen = 1;
        return 1;
    case OPT_SKIP:
        if (parse_skip(arg, &a->skip) == 0)
            return 1;
        cli_usage(verb, "--skip takes a comma-separated list of significance, tests and "
                        "spc, not '%s'", arg);
        return -1;
    default:
        return 0;
    }
}

ind_analysis_opts cli_analysis_opts(const cli_analysis *a)
{
    ind_analysis_opts ao = {
        .level = a->level,
        .method = a->method,
        .horizon = a->horizon,
        .no_screen = a->no_screen,
        .skip = a->skip,
    };
    return ao;
}

/* ---- inputs ------------------------------------------------------------- */

static int add_area(cli_inputs *in, size_t *cap, ind_dataset *ds)
{
    if (in->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        ind_dataset **grown = realloc(in->areas, ncap * sizeof *grown);
        if (grown == NULL)
            return -1;
        in->areas = grown;
        *cap = ncap;
    }
    in->areas[in->n++] = ds;
    return 0;
}

int cli_read_inputs(char *const *files, size_t n_files, cli_inputs *out)
{
    size_t cap = 0;
    out->areas = NULL;
    out->n = 0;
    ind_error err = { 0 };
    for (size_t f = 0; f < n_files; f++) {
        ind_reader *r = NULL;
        int rc = ind_reader_open(files[f], IND_INPUT_AUTO, NULL, &r, &err);
        while (rc == IND_OK) {
            ind_dataset *ds;
            rc = ind_reader_next(r, &ds, &err);
            if (rc != IND_OK || ds == NULL)
                break;
            if (add_area(out, &cap, ds) != 0) {
                ind_dataset_free(ds);
                rc = ind_error_set(&err, IND_ENOMEM, "out of memory");
            }
        }
        ind_reader_close(r);
        if (rc != IND_OK) {
            cli_inputs_free(out);
            return cli_fail(&err);
        }
    }
    return EXIT_OK_;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        ind_dataset_free(in->areas[i]);
    free(in->areas);
    in->areas = NULL;
    in->n = 0;
}

/* ---- output files ------------------------------------------------------- */

/* A path that exists and is neither a regular file nor a directory. */
static int is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int cli_output_open(cli_output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (path == NULL || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return EXIT_OK_;
    }
    if (is_special(path)) {
        o->fp = fopen(path, "w");
        if (o->fp == NULL) {
            cli_error("%s: cannot write: %s", path, strerror(errno));
            return EXIT_IO;
        }
        o->path = path;
        return EXIT_OK_;
    }
    size_t size = strlen(path) + 32;
    o->tmp = malloc(size);
    if (o->tmp == NULL) {
        cli_error("out of memory");
        return EXIT_INTERNAL;
    }
    snprintf(o->tmp, size, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        cli_error("%s: cannot create a temporary file next to it: %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return EXIT_IO;
    }
    /* mkstemp makes the file private (0600); an output is an ordinary file,
    ** readable as the umask allows, like one made by fopen. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    o->fp = fdopen(fd, "w");
    if (o->fp == NULL) {
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        cli_error("%s: cannot write: %s", path, strerror(errno));
        return EXIT_IO;
    }
    o->path = path;
    return EXIT_OK_;
}

int cli_output_commit(cli_output *o)
{
    if (o->path == NULL) {
        if (fflush(o->fp) != 0 || ferror(o->fp)) {
            cli_error("standard output: write failed: %s", strerror(errno));
            return EXIT_IO;
        }
        return EXIT_OK_;
    }
    int bad = ferror(o->fp);
    if (fclose(o->fp) != 0)
        bad = 1;
    o->fp = NULL;
    if (o->tmp == NULL) { /* written directly */
        if (!bad)
            return EXIT_OK_;
        cli_error("%s: write failed: %s", o->path, strerror(errno));
        return EXIT_IO;
    }
    if (!bad && rename(o->tmp, o->path) == 0) {
        free(o->tmp);
        o->tmp = NULL;
        return EXIT_OK_;
    }
    cli_error("%s: write failed: %s", o->path, strerror(errno));
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return EXIT_IO;
}

void cli_output_abort(cli_output *o)
{
    if (o->path == NULL)
        return;
    if (o->fp != NULL)
        fclose(o->fp);
    if (o->tmp != NULL) {
        unlink(o->tmp);
        free(o->tmp);
    }
    memset(o, 0, sizeof *o);
}

/* ---- option values ------------------------------------------------------ */

int cli_parse_level(const char *s, double *level)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || errno != 0)
        return -1;
    int percent = *end == '%';
    if (percent)
        end++;
    if (*end != '\0')
        return -1;
    /* A fraction (0.95) or a percentage (95, 99.8, 95%); levels below 50%
    ** are typing errors, not intervals anyone reports. */
    if (percent || x >= 1)
        x /= 100;
    if (!(x >= 0.5 && x < 1))
        return -1;
    *level = x;
    return 0;
}

int cli_parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || s[0] == '-' || x > max)
        return -1;
    *out = (unsigned)x;
    return 0;
}
