/*
** cmd_spc.c: `indicate spc`: an XmR chart of one measure or series, the
** Making Data Count way: limits, special causes by rule and polarity, the
** variation icon, assurance against a target, and rebased limits.
*/
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvw.h"
#include "lookup.h"
#include "write.h"

#define MAX_BASELINES 64

static void help(void)
{
    printf("Usage: indicate spc FILE... --series ID [OPTION]...\n"
           "An XmR chart of one measure or series in every area of the datasets that has\n"
           "it: mean and process limits (mean +/- 2.66 x the mean moving range, moving\n"
           "ranges screened as NHSRplotthedots does), each period's special cause by rule\n"
           "(outside the limits; 7 points rising or falling; 2 of 3 beyond two-thirds of\n"
           "the way to a limit; 7 on one side of the mean), classed as improvement or\n"
           "concern by the polarity, the variation icon of the latest period, and\n"
           "assurance against a target. Limits restart at every break in the series.\n"
           "\n"
           "ID is a measure id of 'indicate run' (asp.referrals,\n"
           "cp.conversion.referral_to_investigation) or, failing that, a series id of the\n"
           "dataset, analysed as a count or amount (neutral unless --polarity says).\n"
           "\n"
           "Options:\n"
           "  -s, --series ID      the measure or series (required)\n"
           "  -b, --baseline PERIOD  recalculate the limits from PERIOD on (repeatable)\n"
           "  --target VALUE       a target for assurance; a proportion as 75%% or 0.75\n"
           "  --polarity DIR       higher, lower or neutral: which way is better\n"
           "                       (default: the indicator's; neutral for a raw series)\n"
           "  -f, --format FORMAT  table (default), json or csv\n"
           "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
           "  -h, --help           this help\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

typedef struct spc_cli_opts {
    const char *series;
    const char *baselines[MAX_BASELINES];
    size_t n_baselines;
    const char *target;
    int polarity, has_polarity;
    cli_analysis an;
    out_format format;
    const char *output;
    cli_plugins plugins;
} spc_cli_opts;

static int parse(int argc, char **argv, spc_cli_opts *o)
{
    enum { OPT_TARGET = OPT_FIRST_VERB_OPTION, OPT_POLARITY };
    static const struct option options[] = {
        { "series", required_argument, NULL, 's' },
        { "baseline", required_argument, NULL, 'b' },
        { "target", required_argument, NULL, OPT_TARGET },
        { "polarity", required_argument, NULL, OPT_POLARITY },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        CLI_ANALYSIS_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":s:b:f:o:h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "spc");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "spc");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (opt) {
        case 'h':
            help();
            return -1;
        case 's':
            o->series = optarg;
            break;
        case 'b':
            if (o->n_baselines == MAX_BASELINES)
                return cli_usage("spc", "too many --baseline options (at most %d)", MAX_BASELINES);
            o->baselines[o->n_baselines++] = optarg;
            break;
        case OPT_TARGET:
            o->target = optarg;
            break;
        case OPT_POLARITY:
            if (cli_parse_polarity(optarg, &o->polarity) != 0)
                return cli_usage("spc", "--polarity takes higher, lower or neutral, not '%s'",
                                 optarg);
            o->has_polarity = 1;
            break;
        case 'f':
            if (out_format_parse(optarg, &o->format) != 0)
                return cli_usage("spc", "unknown format '%s' (table, json or csv)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        default:
            return cli_option_error("spc", argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage("spc", "no dataset file given");
    if (o->series == NULL)
        return cli_usage("spc", "--series ID is required");
    return EXIT_OK_;
}

/* A target as the measure holds it: "75%" is 0.75; a bare number is taken
** as written, except that a proportion's target above 1 is a percentage. */
static int parse_target(const char *s, const ind_measure *m, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || errno != 0 || !isfinite(x))
        return -1;
    int percent = *end == '%';
    if (percent)
        end++;
    if (*end != '\0')
        return -1;
    if (percent || (m->kind == IND_MEASURE_PROPORTION && x > 1))
        x /= 100;
    *out = x;
    return 0;
}

/* ---- writing ------------------------------------------------------------------ */

static void write_json(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n,
                       const write_opts *o)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    jw_kstring(&w, "indicate", ind_version());
    jw_key(&w, "areas");
    jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        jw_object(&w);
        write_json_identity(&w, res[i], ms[i]);
        write_json_spc(&w, ms[i], 1, o);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

static void write_csv_rows(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n)
{
    fputs("area,code,measure,period,value,mean,lower,upper,moving_range,moving_range_used,"
          "rule,type,direction\r\n", fp);
    for (size_t i = 0; i < n; i++) {
        const ind_measure *m = ms[i];
        const ind_spc_chart *c = &m->spc.chart;
        for (size_t t = 0; m->spc.status == IND_OK && t < m->n; t++) {
            const ind_spc_point *p = &c->point[t];
            const ind_spc_segment *sg = &c->segment[p->segment];
            const char *rule = ind_spc_rule_name(p->rule);
            csvw_text(fp, res[i]->area, 0);
            csvw_text(fp, res[i]->code, 0);
            csvw_text(fp, m->id, 0);
            csvw_text(fp, m->label[t], 0);
            csvw_number(fp, m->point[t].value, 0);
            csvw_number(fp, sg->mean, 0);
            csvw_number(fp, sg->lower, 0);
            csvw_number(fp, sg->upper, 0);
            csvw_number(fp, p->moving_range, 0);
            csvw_text(fp, p->range_used ? "true" : "false", 0);
            csvw_text(fp, rule, 0);
            csvw_text(fp, ind_spc_type_name(p->type), 0);
            csvw_text(fp, p->side > 0 ? "high" : p->side < 0 ? "low" : "", 1);
        }
    }
}

static const char *rule_words(ind_spc_rule r)
{
    switch (r) {
    case IND_SPC_RULE_OUTSIDE: return "outside the limits";
    case IND_SPC_RULE_TREND: return "7 points rising or falling";
    case IND_SPC_RULE_TWO_OF_THREE: return "2 of 3 near a limit";
    case IND_SPC_RULE_SHIFT: return "7 points on one side of the mean";
    default: return "";
    }
}

static void table_summary(FILE *fp, const ind_measure *m, const write_opts *o)
{
    const ind_measure_spc *sp = &m->spc;
    const ind_spc_chart *c = &sp->chart;
    if (sp->note != NULL)
        fprintf(fp, "  Note: %s.\n", sp->note);
    fprintf(fp, "  Variation (%s): ", m->label[c->latest]);
    if (c->variation == IND_SPC_COMMON)
        fprintf(fp, "common cause.\n");
    else
        fprintf(fp, "special cause, %s, %s.\n", ind_spc_type_name(c->variation),
                c->variation_side > 0 ? "high" : "low");
    if (isfinite(sp->target)) {
        char t[IND_PRESENT_MAX];
        ind_present_number(m, sp->target, o->decimals, t, sizeof t);
        const char *a = ind_spc_assurance_name(c->assurance);
        fprintf(fp, "  Assurance against %s: %s.\n", t,
                a != NULL ? a : "none (a neutral measure has no direction to pass in)");
    }
}

static void write_table_rows(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n,
                             const write_opts *o)
{
    for (size_t i = 0; i < n; i++) {
        const ind_measure *m = ms[i];
        const ind_spc_chart *c = &m->spc.chart;
        fprintf(fp, "%s%s%s%s\n%s: %s (%s)\n", i ? "\n" : "", res[i]->area,
                res[i]->code ? " " : "", res[i]->code ? res[i]->code : "", m->id, m->title,
                polarity_name(m->polarity));
        fprintf(fp, "  %-12s %12s %12s %12s %12s  %s\n", "period", "value", "mean", "lower",
                "upper", "special cause");
        for (size_t t = 0; t < m->n; t++) {
            const ind_spc_point *p = &c->point[t];
            const ind_spc_segment *sg = &c->segment[p->segment];
            char v[IND_PRESENT_MAX], mean[IND_PRESENT_MAX], lo[IND_PRESENT_MAX],
                hi[IND_PRESENT_MAX];
            ind_present_value(m, t, o->decimals, v, sizeof v);
            ind_present_number(m, sg->mean, o->decimals, mean, sizeof mean);
            ind_present_number(m, sg->lower, o->decimals, lo, sizeof lo);
            ind_present_number(m, sg->upper, o->decimals, hi, sizeof hi);
            fprintf(fp, "  %-12s %12s %12s %12s %12s  ", m->label[t], v, mean, lo, hi);
            if (p->rule != IND_SPC_RULE_NONE)
                fprintf(fp, "%s (%s, %s)", ind_spc_type_name(p->type), rule_words(p->rule),
                        p->side > 0 ? "high" : "low");
            fputc('\n', fp);
        }
        table_summary(fp, m, o);
    }
}

/* ---- the verb -------------------------------------------------------------------- */

/* The baselines as ordinals of the measure's period kind. */
static int baseline_ordinals(const spc_cli_opts *o, const ind_measure *m, int32_t *out)
{
    for (size_t i = 0; i < o->n_baselines; i++) {
        ind_period p;
        ind_error err = { 0 };
        if (ind_period_parse(o->baselines[i], m->period_kind, &p, &err) != IND_OK) {
            cli_error("--baseline %s: %s", o->baselines[i], err.message);
            return EXIT_USAGE;
        }
        out[i] = p.ordinal;
    }
    return EXIT_OK_;
}

static int chart_area(const spc_cli_opts *o, ind_result *r, ind_measure *m)
{
    int32_t ords[MAX_BASELINES];
    int rc = baseline_ordinals(o, m, ords);
    if (rc != EXIT_OK_)
        return rc;
    ind_spc_request rq = { ords, o->n_baselines, NAN, o->an.no_screen };
    if (o->target != NULL && parse_target(o->target, m, &rq.target) != 0)
        return cli_usage("spc", "--target takes a number or a percentage, not '%s'", o->target);
    if (o->has_polarity)
        m->polarity = o->polarity;
    ind_error err = { 0 };
    if (ind_measure_spc_compute(r, m, &rq, &err) != IND_OK)
        return cli_fail(&err);
    if (m->spc.status != IND_OK) {
        cli_error("%s: area \"%s\": %s: no chart: %s", r->file, r->area, m->id, m->spc.note);
        return EXIT_NUMERIC;
    }
    return EXIT_OK_;
}

static int chart_each(void *ctx, ind_result *r, ind_measure *m)
{
    return chart_area(ctx, r, m);
}

static int emit(const cli_found *f, const spc_cli_opts *o)
{
    cli_output out;
    int rc = cli_output_open(&out, o->output);
    if (rc != EXIT_OK_)
        return rc;
    write_opts wo = { .decimals = (int)o->an.decimals };
    if (o->format == OUT_JSON)
        write_json(out.fp, f->res, f->ms, f->n, &wo);
    else if (o->format == OUT_CSV)
        write_csv_rows(out.fp, f->res, f->ms, f->n);
    else
        write_table_rows(out.fp, f->res, f->ms, f->n, &wo);
    return cli_output_commit(&out);
}

int cmd_spc(int argc, char **argv)
{
    spc_cli_opts o = { .format = OUT_TABLE };
    cli_analysis_init(&o.an);
    int rc = parse(argc, argv, &o);
    if (rc != EXIT_OK_)
        return rc < 0 ? EXIT_OK_ : rc;

    ind_registry *reg = NULL;
    cli_inputs in = { 0 };
    cli_found f = { 0 };
    rc = cli_load_registry(&o.plugins, &reg);
    if (rc == EXIT_OK_)
        rc = cli_read_inputs(argv + optind, (size_t)(argc - optind), &in);
    if (rc == EXIT_OK_) {
        ind_analysis_opts ao = cli_analysis_opts(&o.an);
        rc = cli_find_measures(reg, &in, o.series, o.polarity, &ao, chart_each, &o, &f);
    }
    if (rc == EXIT_OK_)
        rc = emit(&f, &o);

    cli_found_free(&f);
    cli_inputs_free(&in);
    ind_registry_free(reg);
    return rc;
}
