/*
** cmd_batch.c: `indicate batch`: every area of any number of datasets,
** streamed through the analysis on several threads (batch.h), written as
** JSON Lines, CSV, or into the SQLite results store (store.h), optionally
** benchmarked across areas (comparison.h).
**
** Formatting runs on every thread of the batch (render); writing, storing and
** collecting run on this thread in input order (emit), so the output is the
** same byte for byte for any --jobs. Each area is written with its own
** dataset, whose targets give every period its status, as `indicate run`
** writes it. A failing area is reported with where and why, skipped, and
** counted; the output of the others is still committed, and the exit
** status is that of the first failure.
*/
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch_trends.h"
#include "comparison.h"
#include "indicate/batch.h"
#include "progress.h"
#include "rows.h"
#include "store.h"
#include "write.h"

#define MAX_SELECTED 256
#define MAX_JOBS 256

static void help(void)
{
    printf("Usage: indicate batch INPUT... [OPTION]...\n"
           "Recompute every area of the given datasets: each area is read, computed\n"
           "and written in turn, so memory is bounded by the largest area, not by the\n"
           "number of areas (CSV whose areas are not in sorted order adds about 20\n"
           "bytes an area, to check that the rows of each area are together; so does\n"
           "CSV from a pipe). INPUT is a dataset in JSON, JSON Lines or CSV\n"
           "long format (docs/dataset-format.md); - reads standard input. Areas are\n"
           "computed on --jobs threads; the output is the same, byte for byte, for\n"
           "any --jobs. Periods are judged against their area's targets, as by\n"
           "`indicate run` (docs/targets.md): jsonl, csv and sqlite carry the status.\n"
           "\n"
           "Output:\n"
           "  -o, --output FILE      write to FILE (atomically: a temporary name, renamed\n"
           "                         when complete) instead of standard output\n"
           "  -f, --format FORMAT    jsonl: one area's result per line, as in `indicate run\n"
           "                         --format json` (the default, or from -o's extension);\n"
           "                         csv: the rows of `indicate run --format csv`;\n"
           "                         trends: one CSV row per area and measure with the\n"
           "                         last value, the straight-line trend and its\n"
           "                         projection, and the projection by --method;\n"
           "                         sqlite: the results store FILE (needs -o), updated\n"
           "                         incrementally in one transaction\n"
           "  --force                sqlite: recompute every area, changed or not\n"
           "\n"
           "Benchmarking across areas:\n"
           "  --compare              rank, quartile, family-group mean, pooled value and\n"
           "                         funnel limits for every measure and period\n"
           "  --compare-output FILE  where to write them (.csv or .jsonl); with sqlite\n"
           "                         they go to the store's comparisons table\n"
           "  --areas FILE           area attributes: CSV with area, family_group,\n"
           "                         aggregate, code columns\n"
           "  --aggregate NAME       the area NAME is a total (never pooled or ranked);\n"
           "                         repeatable\n"
           "\n"
           "Computing:\n"
           "  -i, --indicator ID     compute only this indicator where its inputs are\n"
           "                         present (repeatable)\n"
           "  -j, --jobs N           threads to use (default: the number of cores)\n"
           "  --window N             areas held in memory at once (default 4 per job + 4)\n"
           "  -q, --quiet            no progress line, and no summary unless something\n"
           "                         failed (progress is shown only on a terminal)\n"
           "  -h, --help             this help\n"
           "\n"
           "At the end a one-line summary goes to standard error: areas ok and failed,\n"
           "series, bytes read and time. Each failing area is reported on its own line\n"
           "(file, line or JSON path, area, and why) and skipped; the exit status is\n"
           "then that of the first failure.\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

typedef enum batch_format { FMT_NONE = 0, FMT_JSONL, FMT_CSV, FMT_TRENDS, FMT_SQLITE } batch_format;

typedef struct batch_opts {
    const char *indicators[MAX_SELECTED];
    size_t n_indicators;
    const char *aggregates[CLI_MAX_LIST];
    size_t n_aggregates;
    const char *output;
    batch_format format;
    unsigned jobs;
    unsigned window;
    cli_analysis an;
    int quiet, force, compare;
    const char *compare_output;
    const char *areas_file;
    cli_plugins plugins;
} batch_opts;

/* ---- options --------------------------------------------------------------------- */

static batch_format format_named(const char *s)
{
    if (strcmp(s, "jsonl") == 0)
        return FMT_JSONL;
    if (strcmp(s, "csv") == 0)
        return FMT_CSV;
    if (strcmp(s, "trends") == 0)
        return FMT_TRENDS;
    if (strcmp(s, "sqlite") == 0)
        return FMT_SQLITE;
    return FMT_NONE;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The format implied by the output's name: .csv, .sqlite/.sqlite3/.db. */
static batch_format format_of_path(const char *path)
{
    if (path == NULL)
        return FMT_JSONL;
    if (ends_with(path, ".csv"))
        return FMT_CSV;
    if (ends_with(path, ".sqlite") || ends_with(path, ".sqlite3") || ends_with(path, ".db"))
        return FMT_SQLITE;
    return FMT_JSONL;
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

static int verb_option(batch_opts *o, int opt, char **argv)
{
    enum { OPT_COMPARE = OPT_FIRST_VERB_OPTION, OPT_COMPARE_OUTPUT, OPT_AREAS, OPT_AGGREGATE,
           OPT_FORCE, OPT_WINDOW };
    switch (opt) {
    case 'h':
        help();
        return -1;
    case 'i':
        if (o->n_indicators == MAX_SELECTED)
            return cli_usage("batch", "too many --indicator options (at most %d)", MAX_SELECTED);
        o->indicators[o->n_indicators++] = optarg;
        return EXIT_OK_;
    case 'f':
        if ((o->format = format_named(optarg)) == FMT_NONE)
            return cli_usage("batch", "unknown format '%s' (jsonl, csv, trends or sqlite)",
                             optarg);
        return EXIT_OK_;
    case 'o': o->output = optarg; return EXIT_OK_;
    case 'q': o->quiet = 1; return EXIT_OK_;
    case 'j':
        if (cli_parse_uint(optarg, MAX_JOBS, &o->jobs) != 0 || o->jobs == 0)
            return cli_usage("batch", "--jobs takes a whole number from 1 to %d, not '%s'",
                             MAX_JOBS, optarg);
        return EXIT_OK_;
    case OPT_WINDOW:
        if (cli_parse_uint(optarg, 1u << 20, &o->window) != 0 || o->window == 0)
            return cli_usage("batch", "--window takes a whole number from 1 to %u, not '%s'",
                             1u << 20, optarg);
        return EXIT_OK_;
    case OPT_COMPARE: o->compare = 1; return EXIT_OK_;
    case OPT_COMPARE_OUTPUT: o->compare_output = optarg; return EXIT_OK_;
    case OPT_AREAS: o->areas_file = optarg; return EXIT_OK_;
    case OPT_FORCE: o->force = 1; return EXIT_OK_;
    case OPT_AGGREGATE:
        if (o->n_aggregates == CLI_MAX_LIST)
            return cli_usage("batch", "too many --aggregate options (at most %d)", CLI_MAX_LIST);
        o->aggregates[o->n_aggregates++] = optarg;
        return EXIT_OK_;
    default:
        return cli_option_error("batch", argv, opt);
    }
}

static int check_opts(batch_opts *o, int n_inputs)
{
    if (n_inputs <= 0)
        return cli_usage("batch", "no input given (a dataset file, or - for standard input)");
    if (o->format == FMT_NONE)
        o->format = format_of_path(o->output);
    if (o->format == FMT_SQLITE && (o->output == NULL || strcmp(o->output, "-") == 0))
        return cli_usage("batch", "--format sqlite needs -o STORE (a database file)");
    if (o->force && o->format != FMT_SQLITE)
        return cli_usage("batch", "--force applies to --format sqlite only");
    if (!o->compare && (o->compare_output != NULL || o->areas_file != NULL || o->n_aggregates > 0))
        return cli_usage("batch", "--compare-output, --areas and --aggregate need --compare");
    if (o->compare && o->format != FMT_SQLITE && o->compare_output == NULL)
        return cli_usage("batch", "--compare with jsonl or csv output needs --compare-output FILE");
    if (o->compare && o->format == FMT_SQLITE && o->compare_output != NULL)
        return cli_usage("batch", "with --format sqlite the comparisons go to the store; "
                                  "leave out --compare-output");
    if (o->jobs == 0)
        o->jobs = cores();
    return EXIT_OK_;
}

static int parse(int argc, char **argv, batch_opts *o)
{
    enum { OPT_COMPARE = OPT_FIRST_VERB_OPTION, OPT_COMPARE_OUTPUT, OPT_AREAS, OPT_AGGREGATE,
           OPT_FORCE, OPT_WINDOW };
    static const struct option options[] = {
        { "indicator", required_argument, NULL, 'i' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "window", required_argument, NULL, OPT_WINDOW },
        { "compare", no_argument, NULL, OPT_COMPARE },
        { "compare-output", required_argument, NULL, OPT_COMPARE_OUTPUT },
        { "areas", required_argument, NULL, OPT_AREAS },
        { "aggregate", required_argument, NULL, OPT_AGGREGATE },
        { "force", no_argument, NULL, OPT_FORCE },
        { "help", no_argument, NULL, 'h' },
        CLI_ANALYSIS_OPTIONS,
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:f:o:j:m:qh", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "batch");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "batch");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        int rc = verb_option(o, opt, argv);
        if (rc != EXIT_OK_)
            return rc;
    }
    return check_opts(o, argc - optind);
}

/* ---- the run's state ------------------------------------------------------------- */

typedef struct salt {
    char *text;
    size_t len;
} salt;

typedef struct run {
    const batch_opts *o;
    const ind_registry *reg;
    write_opts wo;
    cli_output out;             /* jsonl, csv */
    store *st;               /* sqlite */
    comparison *cmp;         /* --compare, except with sqlite (read from the store) */
    progress prog;
    char *csv_header;
    size_t csv_header_len;
    salt *salts;             /* [plugins]: what results depend on besides inputs */
    uint64_t *seen;          /* sqlite: hashes of the area names stored this run */
    size_t n_seen, cap_seen;
    int first_failure;       /* exit code of the first failing area */
    size_t recomputed;       /* sqlite: indicators written */
    size_t removed;
} run;

/* ---- planning (any thread) ---------------------------------------------------------- */

typedef struct plan_entry {
    const ind_entry *entry;
    uint64_t hash;
    int changed;
} plan_entry;

typedef struct plan {
    plan_entry *entry;
    size_t n;
    const char **removed;    /* stored indicators that no longer apply */
    size_t n_removed, cap_removed;
    int out_of_memory;       /* while listing what to remove */
    ind_arena *arena;
} plan;

static int is_selected(const batch_opts *o, const char *id)
{
    if (o->n_indicators == 0)
        return 1;
    for (size_t i = 0; i < o->n_indicators; i++)
        if (strcmp(o->indicators[i], id) == 0)
            return 1;
    return 0;
}

static int applies(const ind_entry *e, const ind_dataset *ds)
{
    for (size_t i = 0; i < e->n_inputs; i++)
        if (ind_dataset_find(ds, e->indicator->inputs[i]) == NULL)
            return 0;
    return 1;
}

/* The selected indicators whose inputs the area has, with their hashes. */
static int plan_applicable(const run *rn, const ind_dataset *ds, plan *p, ind_error *err)
{
    size_t n = ind_registry_n_indicators(rn->reg);
    p->entry = ind_arena_array(p->arena, n + 1, sizeof *p->entry);
    if (p->entry == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const ind_entry *e = ind_registry_indicator(rn->reg, i);
        if (!is_selected(rn->o, e->indicator->id) || !applies(e, ds))
            continue;
        plan_entry *pe = &p->entry[p->n++];
        pe->entry = e;
        pe->changed = 1;
        if (rn->st != NULL) {
            const salt *s = &rn->salts[e->plugin];
            pe->hash = ind_batch_input_hash(rn->reg, e, ds, s->text, s->len);
        }
    }
    return IND_OK;
}

/* Compares one stored (indicator, hash) with the plan: unchanged, or gone. */
static void stored_hash(void *arg, const char *indicator, uint64_t hash)
{
    plan *p = arg;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->entry[i].entry->indicator->id, indicator) == 0) {
            p->entry[i].changed = p->entry[i].hash != hash;
            return;
        }
    if (p->n_removed == p->cap_removed) {
        size_t cap = p->cap_removed ? p->cap_removed * 2 : 8;
        const char **grown = ind_arena_array(p->arena, cap, sizeof *grown);
        if (grown == NULL) {
            p->out_of_memory = 1;
            return;
        }
        if (p->n_removed > 0)
            memcpy(grown, p->removed, p->n_removed * sizeof *grown);
        p->removed = grown;
        p->cap_removed = cap;
    }
    const char *copy = ind_arena_strdup(p->arena, indicator);
    if (copy == NULL)
        p->out_of_memory = 1;
    else
        p->removed[p->n_removed++] = copy;
}

static int plan_hook(void *ctx, void *wctx, ind_batch_item *it, ind_error *err)
{
    const run *rn = ctx;
    plan *p = ind_arena_alloc(it->arena, sizeof *p);
    if (p == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    p->arena = it->arena;
    it->user = p;
    int rc = plan_applicable(rn, it->dataset, p, err);
    if (rc == IND_OK && rn->st != NULL) {
        rc = store_reader_hashes(wctx, it->dataset->area, stored_hash, p, err);
        if (rc == IND_OK && p->out_of_memory)
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
        /* An indicator outside the selection is not this run's business. */
        size_t kept = 0;
        for (size_t i = 0; i < p->n_removed; i++)
            if (is_selected(rn->o, p->removed[i]))
                p->removed[kept++] = p->removed[i];
        p->n_removed = kept;
        /* A store just migrated has void hashes, but this run's readers see
        ** them as they were committed: recompute as with --force. */
        int force = rn->o->force || store_migrated(rn->st);
        for (size_t i = 0; force && i < p->n; i++)
            p->entry[i].changed = 1;
    }
    if (rc != IND_OK)
        return rc;
    const char **ids = ind_arena_array(it->arena, p->n + 1, sizeof *ids);
    if (ids == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->entry[i].changed)
            ids[n++] = p->entry[i].entry->indicator->id;
    it->indicators = ids;
    it->n_indicators = n;
    it->skip = n == 0;
    return IND_OK;
}

static int worker_start(void *ctx, unsigned worker, void **wctx, ind_error *err)
{
    (void)worker;
    const run *rn = ctx;
    *wctx = NULL;
    if (rn->st == NULL)
        return IND_OK;
    store_reader *r;
    int rc = store_reader_open(rn->st, &r, err);
    if (rc == IND_OK)
        *wctx = r;
    return rc;
}

static void worker_stop(void *ctx, void *wctx)
{
    (void)ctx;
    store_reader_close(wctx);
}

/* ---- rendering (any thread) ----------------------------------------------------------- */

static int render_trends(ind_batch_item *it, ind_error *err)
{
    size_t len = 0, cap = 0;
    char *buf = NULL;
    if (trends_write_area(it->result, &buf, &len, &cap) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory while formatting");
    it->bytes = buf;
    it->n_bytes = len;
    return IND_OK;
}

/* The targets an area sets must fit their measures (a percentage for a
** proportion, a polarity for a neutral indicator): checked as `indicate
** run` checks them, so that an area whose statuses cannot be judged fails,
** saying where and why, rather than being written or stored without them. */
static int check_targets(const ind_batch_item *it, ind_error *err)
{
    const ind_dataset *ds = it->dataset;
    const ind_result *r = it->result;
    if (r == NULL || ds->n_targets == 0)
        return IND_OK;
    for (size_t j = 0; j < r->n_measures; j++)
        for (size_t t = 0; t < r->measure[j].n; t++) {
            ind_status st;
            int rc = ind_scorecard_measure_status(ds, &r->measure[j], t, NULL, &st, err);
            if (rc != IND_OK)
                return rc;
        }
    return IND_OK;
}

static int render_hook(void *ctx, void *wctx, ind_batch_item *it, ind_error *err)
{
    (void)wctx;
    const run *rn = ctx;
    if (it->result == NULL)
        return IND_OK;
    if (rn->o->format == FMT_TRENDS)
        return render_trends(it, err); /* no statuses: targets play no part */
    int rc = check_targets(it, err);
    if (rc != IND_OK || rn->o->format == FMT_SQLITE)
        return rc;
    /* The area's own dataset, for its statuses: a copy per item, since
    ** render runs on several threads at once. */
    write_opts wo = rn->wo;
    wo.dataset = it->dataset;
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (mem == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rn->o->format == FMT_JSONL) {
        jsonw w;
        jw_init(&w, mem, 0);
        write_json_area(&w, it->result, &wo);
        jw_finish(&w);
    } else {
        write_csv(mem, &it->result, 1, &wo);
    }
    int bad = ferror(mem);
    if (fclose(mem) != 0 || bad) {
        free(buf);
        return ind_error_set(err, IND_ENOMEM, "out of memory while formatting");
    }
    size_t skip = 0;
    if (rn->o->format == FMT_CSV) {
        /* Each area's rows without the header, written once at the top. */
        if (size < rn->csv_header_len ||
            memcmp(buf, rn->csv_header, rn->csv_header_len) != 0) {
            free(buf);
            return ind_error_set(err, IND_EINVAL, "CSV writer gave an unexpected header");
        }
        skip = rn->csv_header_len;
        memmove(buf, buf + skip, size - skip);
    }
    it->bytes = buf;
    it->n_bytes = size - skip;
    return IND_OK;
}

/* ---- emitting (this thread, input order) ------------------------------------------------- */

static void report_failure(run *rn, const ind_batch_item *it)
{
    progress_clear(&rn->prog);
    const char *why = it->error.message[0] != '\0' ? it->error.message
                                                   : ind_status_name(it->status);
    if (it->end_of_input)
        cli_error("%s (the rest of %s is not read)", why, it->input_name);
    else
        cli_error("%s (area skipped)", why);
    if (rn->first_failure == EXIT_OK_)
        rn->first_failure = cli_exit_code(it->status);
}

static uint64_t name_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h | 1; /* 0 marks an empty slot */
}

/* Records area as stored in this run; 0 when it already was (a duplicate).
** Keys are 64-bit hashes of the names: 16 bytes an area at most. */
static int first_time(run *rn, const char *area)
{
    if ((rn->n_seen + 1) * 2 > rn->cap_seen) {
        size_t cap = rn->cap_seen ? rn->cap_seen * 2 : 1024;
        uint64_t *t = calloc(cap, sizeof *t);
        if (t == NULL)
            return -1;
        for (size_t i = 0; i < rn->cap_seen; i++) {
            if (rn->seen[i] == 0)
                continue;
            size_t j = rn->seen[i] & (cap - 1);
            while (t[j] != 0)
                j = (j + 1) & (cap - 1);
            t[j] = rn->seen[i];
        }
        free(rn->seen);
        rn->seen = t;
        rn->cap_seen = cap;
    }
    uint64_t h = name_hash(area);
    size_t j = h & (rn->cap_seen - 1);
    for (; rn->seen[j] != 0; j = (j + 1) & (rn->cap_seen - 1))
        if (rn->seen[j] == h)
            return 0;
    rn->seen[j] = h;
    rn->n_seen++;
    return 1;
}

typedef struct store_rows {
    run *rn;
    uint64_t hash;
} store_rows;

static int put_row(void *arg, const row *r)
{
    store_rows *sr = arg;
    return store_put_row(sr->rn->st, r, sr->hash);
}

static uint64_t hash_of(const plan *p, const char *indicator)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->entry[i].entry->indicator->id, indicator) == 0)
            return p->entry[i].hash;
    return 0;
}

/* One indicator's rows: a result holding just that indicator's measures. */
static int store_indicator(run *rn, const ind_batch_item *it, const plan *p, size_t i)
{
    const ind_result *res = it->result;
    const ind_indicator_result *ir = &res->indicator[i];
    const char *id = ir->entry->indicator->id;
    uint64_t hash = hash_of(p, id);
    int rc = store_replace_indicator(rn->st, res->area, id, hash, ir->plugin_name,
                                     ir->plugin_version);
    if (rc != EXIT_OK_)
        return rc;
    ind_result one = *res;
    one.n_indicators = 1;
    one.indicator = (ind_indicator_result *)ir;
    store_rows sr = { rn, hash };
    rn->recomputed++;
    return rows_from_result(&one, it->dataset->is_aggregate, rn->wo.decimals, it->dataset,
                            put_row, &sr);
}

static int emit_store(run *rn, ind_batch_item *it, ind_error *err)
{
    int fresh = first_time(rn, it->dataset->area);
    if (fresh < 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (!fresh) {
        it->status = IND_EDATA;
        ind_error_set(&it->error, IND_EDATA,
                      "%s: area \"%s\" appears a second time in this run; each area is "
                      "stored once", it->input_name, it->dataset->area);
        return IND_OK;
    }
    const plan *p = it->user;
    for (size_t i = 0; i < p->n_removed; i++) {
        if (store_remove_indicator(rn->st, it->dataset->area, p->removed[i]) != EXIT_OK_)
            return ind_error_set(err, IND_EIO, "cannot write the store");
        rn->removed++;
    }
    for (size_t i = 0; it->result != NULL && i < it->result->n_indicators; i++)
        if (store_indicator(rn, it, p, i) != EXIT_OK_)
            return ind_error_set(err, IND_EIO, "cannot write the store");
    return IND_OK;
}

typedef struct collect {
    comparison *cmp;
    const char *where;
} collect;

static int collect_row(void *arg, const row *r)
{
    collect *c = arg;
    return comparison_add(c->cmp, r, c->where);
}

static int emit_hook(void *ctx, ind_batch_item *it, ind_error *err)
{
    run *rn = ctx;
    if (it->status == IND_OK && rn->st != NULL) {
        int rc = emit_store(rn, it, err);
        if (rc != IND_OK)
            return rc;
    }
    if (it->status != IND_OK) {
        report_failure(rn, it);
    } else if (rn->st == NULL) {
        if (it->n_bytes > 0 &&
            fwrite(it->bytes, 1, it->n_bytes, rn->out.fp) != it->n_bytes)
            return ind_error_set(err, IND_EIO, "write failed");
        if (rn->cmp != NULL && it->result != NULL) {
            collect c = { rn->cmp, it->input_name };
            if (rows_from_result(it->result, it->dataset->is_aggregate, -1, NULL, collect_row,
                                 &c) != EXIT_OK_)
                return ind_error_set(err, IND_EDATA, "cannot compare areas");
        }
    }
    progress_update(&rn->prog, it->seq + 1, it->input_bytes);
    return IND_OK;
}

/* ---- setting up ---------------------------------------------------------------------- */

/* Results depend on the analysis options (level, projection method and
** horizon, screening, what is left out), the decimals of display strings
** and the plug-in's options, besides the inputs: each plug-in's salt holds
** them, so a store recomputes what any of them changes. Statuses are
** judged with the default rules (batch has no option that changes them),
** and the targets they read are part of the input hash itself. */
static int make_salts(run *rn)
{
    size_t n = ind_registry_n_plugins(rn->reg);
    rn->salts = calloc(n + 1, sizeof *rn->salts);
    if (rn->salts == NULL)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < n; i++) {
        const char *name = ind_registry_plugin(rn->reg, i)->descriptor->name;
        size_t len = strlen(name);
        FILE *mem = open_memstream(&rn->salts[i].text, &rn->salts[i].len);
        if (mem == NULL)
            return EXIT_INTERNAL;
        const cli_analysis *an = &rn->o->an;
        fprintf(mem, "level=%.17g\ndecimals=%u\nmethod=%d\nhorizon=%u\nno_screen=%d\nskip=%u\n",
                an->level, an->decimals, (int)an->method, an->horizon, an->no_screen, an->skip);
        for (size_t s = 0; s < rn->o->plugins.n_sets; s++) {
            const char *set = rn->o->plugins.sets[s];
            if (strncmp(set, name, len) == 0 && set[len] == '.')
                fprintf(mem, "set=%s\n", set);
        }
        if (fclose(mem) != 0)
            return EXIT_INTERNAL;
    }
    return EXIT_OK_;
}

static int csv_header(run *rn)
{
    FILE *mem = open_memstream(&rn->csv_header, &rn->csv_header_len);
    if (mem == NULL)
        return EXIT_INTERNAL;
    write_csv(mem, NULL, 0, &rn->wo);
    return fclose(mem) == 0 ? EXIT_OK_ : EXIT_INTERNAL;
}

static int check_selected(const ind_registry *reg, const batch_opts *o)
{
    for (size_t i = 0; i < o->n_indicators; i++)
        if (ind_registry_find(reg, o->indicators[i]) == NULL) {
            cli_error("indicator %s: no loaded plug-in defines it (see 'indicate list')",
                      o->indicators[i]);
            return EXIT_PLUGIN;
        }
    return EXIT_OK_;
}

static int open_comparison(run *rn)
{
    const batch_opts *o = rn->o;
    if (!o->compare)
        return EXIT_OK_;
    rn->cmp = comparison_new();
    if (rn->cmp == NULL)
        return EXIT_INTERNAL;
    comparison_select(rn->cmp, o->n_indicators > 0 ? o->indicators : NULL, o->n_indicators);
    int rc = o->areas_file != NULL ? comparison_load_areas(rn->cmp, o->areas_file) : EXIT_OK_;
    for (size_t i = 0; rc == EXIT_OK_ && i < o->n_aggregates; i++)
        rc = comparison_mark_aggregate(rn->cmp, o->aggregates[i]);
    return rc;
}

static int open_outputs(run *rn)
{
    const batch_opts *o = rn->o;
    int rc = make_salts(rn);
    if (rc == EXIT_OK_ && o->format == FMT_CSV)
        rc = csv_header(rn);
    if (rc != EXIT_OK_) {
        cli_error("out of memory");
        return rc;
    }
    if ((rc = open_comparison(rn)) != EXIT_OK_)
        return rc;
    if (o->format == FMT_SQLITE)
        return store_open(o->output, &rn->st);
    rc = cli_output_open(&rn->out, o->output);
    if (rc == EXIT_OK_ && o->format == FMT_CSV)
        fwrite(rn->csv_header, 1, rn->csv_header_len, rn->out.fp);
    if (rc == EXIT_OK_ && o->format == FMT_TRENDS)
        fputs(trends_header, rn->out.fp);
    return rc;
}

/* ---- finishing --------------------------------------------------------------------------- */

static int write_comparisons(run *rn)
{
    const batch_opts *o = rn->o;
    if (!o->compare)
        return EXIT_OK_;
    if (rn->st != NULL) {
        int rc = comparison_add_store(rn->cmp, store_db(rn->st), o->output);
        return rc == EXIT_OK_ ? comparison_write_store(rn->cmp, store_db(rn->st), o->output)
                              : rc;
    }
    cli_output out;
    int rc = cli_output_open(&out, o->compare_output);
    if (rc != EXIT_OK_)
        return rc;
    rc = comparison_write(rn->cmp, out.fp,
                          ends_with(o->compare_output, ".jsonl") ? COMPARISON_JSONL
                                                                 : COMPARISON_CSV);
    if (rc != EXIT_OK_) {
        cli_output_abort(&out);
        return rc;
    }
    return cli_output_commit(&out);
}

static void bytes_text(uint64_t b, char *buf, size_t size)
{
    if (b >= 1000000000u)
        snprintf(buf, size, "%.2f GB", (double)b / 1e9);
    else if (b >= 1000000u)
        snprintf(buf, size, "%.1f MB", (double)b / 1e6);
    else
        snprintf(buf, size, "%.1f kB", (double)b / 1e3);
}

static void summary(const run *rn, const ind_batch_stats *s, double seconds)
{
    if (rn->o->quiet && s->failed == 0)
        return;
    char bytes[32], store_note[96] = "";
    bytes_text(s->bytes, bytes, sizeof bytes);
    if (rn->o->format == FMT_SQLITE)
        snprintf(store_note, sizeof store_note, " (%zu unchanged, %zu indicators recomputed)",
                 s->skipped, rn->recomputed);
    fprintf(stderr,
            "indicate: batch: %zu areas ok%s, %zu failed; %zu series; %s in %.2f s "
            "(%.0f areas/s)\n",
            s->ok, store_note, s->failed, s->series, bytes, seconds,
            seconds > 0 ? (double)s->ok / seconds : 0.0);
}

static int finish(run *rn, int rc)
{
    if (rc == EXIT_OK_)
        rc = write_comparisons(rn);
    if (rn->st != NULL) {
        if (rc == EXIT_OK_)
            rc = store_commit(rn->st);
        store_close(rn->st);
        rn->st = NULL;
    } else if (rn->out.fp != NULL) {
        if (rc == EXIT_OK_)
            rc = cli_output_commit(&rn->out);
        else
            cli_output_abort(&rn->out);
    }
    return rc;
}

static void free_run(run *rn)
{
    size_t n = rn->reg != NULL ? ind_registry_n_plugins(rn->reg) : 0;
    for (size_t i = 0; rn->salts != NULL && i < n; i++)
        free(rn->salts[i].text);
    free(rn->salts);
    free(rn->csv_header);
    free(rn->seen);
    comparison_free(rn->cmp);
}

static int execute(run *rn, char *const *inputs, size_t n_inputs)
{
    const batch_opts *o = rn->o;
    int plan_needed = o->format == FMT_SQLITE || o->n_indicators > 0;
    ind_batch_config cfg = {
        .registry = rn->reg,
        .analysis = cli_analysis_opts(&o->an),
        .jobs = o->jobs,
        .window = o->window,
    };
    ind_batch_hooks hooks = {
        .ctx = rn,
        .worker_start = worker_start,
        .worker_stop = worker_stop,
        .plan = plan_needed ? plan_hook : NULL,
        .render = render_hook, /* with sqlite, it checks the targets only */
        .emit = emit_hook,
    };
    progress_start(&rn->prog, !o->quiet, inputs, n_inputs);
    ind_batch_stats stats;
    ind_error err = { 0 };
    int status = ind_batch_run(&cfg, &hooks, (const char *const *)inputs, n_inputs, &stats,
                               &err);
    progress_clear(&rn->prog);
    int rc = status == IND_OK ? EXIT_OK_ : cli_fail(&err);
    rc = finish(rn, rc);
    summary(rn, &stats, progress_now() - rn->prog.start);
    return rc != EXIT_OK_ ? rc : rn->first_failure;
}

int cmd_batch(int argc, char **argv)
{
    batch_opts o = { 0 };
    cli_analysis_init(&o.an);
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;

    ind_registry *reg = NULL;
    run rn = { .o = &o, .wo = { .decimals = (int)o.an.decimals } };
    rc = cli_load_registry(&o.plugins, &reg);
    if (rc == EXIT_OK_ && ind_registry_n_indicators(reg) == 0) {
        /* Every area would come out empty and "ok": refuse rather than
        ** write a file of nothing. */
        cli_error("no plug-in loaded, so there is no indicator to compute (give "
                  "--plugin-dir DIR or --plugin FILE, or set INDICATE_PLUGIN_PATH)");
        rc = EXIT_PLUGIN;
    }
    if (rc == EXIT_OK_)
        rc = check_selected(reg, &o);
    rn.reg = reg;
    if (rc == EXIT_OK_)
        rc = open_outputs(&rn);
    if (rc == EXIT_OK_) {
        rc = execute(&rn, argv + optind, (size_t)(argc - optind));
    } else {
        store_close(rn.st);
        cli_output_abort(&rn.out);
    }
    free_run(&rn);
    ind_registry_free(reg);
    return rc;
}
