/*
** cmd_trend.c: `indicate trend`: trend tests and a projection, with
** prediction intervals, for one measure or series of every area that has
** it, naming the method that ran and why.
**
** Everything is computed before anything is written. A projection that
** cannot be made (too few values for the method asked for) is an error:
** nothing is written and the exit status is 8.
*/
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvw.h"
#include "lookup.h"
#include "write.h"

static void help(void)
{
    printf("Usage: indicate trend FILE... --series ID [OPTION]...\n"
           "Trend tests (Mann-Kendall, Sen's slope, and for proportions the chi-square\n"
           "test for trend) and a projection with prediction intervals for one measure\n"
           "or series, in every area of the datasets that has it. Nothing is fitted\n"
           "across a break in the series: only the values after the last break are used.\n"
           "\n"
           "ID is a measure id of 'indicate run' (asp.referrals,\n"
           "cp.conversion.referral_to_investigation) or, failing that, a series id of the\n"
           "dataset, analysed as a count or amount.\n"
           "\n"
           "Options:\n"
           "  -s, --series ID      the measure or series (required)\n"
           "  -f, --format FORMAT  table (default), json or csv\n"
           "  -o, --output FILE    write to FILE (atomically) instead of standard output\n"
           "  -h, --help           this help\n"
           "\n"
           "The projection method auto fits damped Holt to 10 or more consecutive\n"
           "values, else a straight line, and says which and why. The exit status is 8\n"
           "when the projection cannot be made: too few values after the last break\n"
           "for the method (3 for a line, 10 in a row for damped Holt), or a zero or\n"
           "negative value for loglinear. At most %d periods are projected.\n"
           "\n" CLI_ANALYSIS_HELP "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP,
           IND_PROJECT_MAX_HORIZON);
}

typedef struct trend_opts {
    const char *series;
    cli_analysis an;
    out_format format;
    const char *output;
    cli_plugins plugins;
} trend_opts;

static int parse(int argc, char **argv, trend_opts *o)
{
    static const struct option options[] = {
        { "series", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        CLI_ANALYSIS_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":s:m:f:o:h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&o->plugins, opt, optarg, "trend");
        if (handled == 0)
            handled = cli_analysis_option(&o->an, opt, optarg, "trend");
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
        case 'f':
            if (out_format_parse(optarg, &o->format) != 0)
                return cli_usage("trend", "unknown format '%s' (table, json or csv)", optarg);
            break;
        case 'o':
            o->output = optarg;
            break;
        default:
            return cli_option_error("trend", argv, opt);
        }
    }
    if (optind >= argc)
        return cli_usage("trend", "no dataset file given");
    if (o->series == NULL)
        return cli_usage("trend", "--series ID is required");
    return EXIT_OK_;
}

/* ---- writing --------------------------------------------------------------- */

static void json_periods(jsonw *w, const ind_measure *m)
{
    jw_key(w, "periods");
    jw_array(w);
    for (size_t t = 0; t < m->n; t++) {
        const ind_point *p = &m->point[t];
        jw_object(w);
        jw_kstring(w, "period", m->label[t]);
        jw_knumber(w, "value", p->value);
        if (m->kind != IND_MEASURE_COUNT) {
            jw_knumber(w, "numerator", p->numerator);
            jw_knumber(w, "denominator", p->denominator);
        }
        jw_kbool(w, "break", (p->flags & IND_POINT_BREAK) != 0);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void write_json(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n,
                       double level, const write_opts *o)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    jw_kstring(&w, "indicate", ind_version());
    jw_knumber(&w, "level", level);
    jw_key(&w, "areas");
    jw_array(&w);
    for (size_t i = 0; i < n; i++) {
        jw_object(&w);
        write_json_identity(&w, res[i], ms[i]);
        json_periods(&w, ms[i]);
        write_json_trend_tests(&w, res[i], ms[i]);
        write_json_projection(&w, ms[i], o);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

static void csv_row(FILE *fp, const ind_result *r, const ind_measure *m, const char *period,
                    const char *row, double v, double lo, double hi, const char *method,
                    int clamped, const write_opts *o)
{
    char d[IND_PRESENT_MAX];
    d[0] = '\0';
    if (isfinite(v))
        ind_present_number(m, v, o->decimals, d, sizeof d);
    csvw_text(fp, r->area, 0);
    csvw_text(fp, r->code, 0);
    csvw_text(fp, m->id, 0);
    csvw_text(fp, period, 0);
    csvw_text(fp, row, 0);
    csvw_number(fp, v, 0);
    csvw_number(fp, lo, 0);
    csvw_number(fp, hi, 0);
    csvw_text(fp, method, 0);
    csvw_text(fp, clamped ? "true" : "", 0);
    csvw_text(fp, d, 1);
}

static void write_csv_rows(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n,
                           const write_opts *o)
{
    fputs("area,code,measure,period,row,value,lower,upper,method,clamped,display\r\n", fp);
    for (size_t i = 0; i < n; i++) {
        const ind_measure *m = ms[i];
        const ind_measure_projection *mp = &m->projection;
        const char *method = ind_projection_method_name(mp->fit.method);
        for (size_t t = 0; t < m->n; t++)
            csv_row(fp, res[i], m, m->label[t], "observed", m->point[t].value, m->point[t].lower,
                    m->point[t].upper, "", 0, o);
        for (size_t h = 0; h < mp->fit.horizon; h++)
            csv_row(fp, res[i], m, mp->label[h], "projection", mp->value[h], mp->lower[h],
                    mp->upper[h], method, mp->clamped[h], o);
    }
}

static void format_p(double p, char *buf, size_t size)
{
    if (isnan(p))
        snprintf(buf, size, "p undefined");
    else if (p < 0.001)
        snprintf(buf, size, "p < 0.001");
    else
        snprintf(buf, size, "p = %.3f", p);
}

/* A slope in the measure's terms, signed: "+186.3", "-5.3 pp". */
static void slope_text(const ind_measure *m, double x, int decimals, char *buf, size_t size)
{
    char num[IND_FORMAT_MAX];
    int prop = m->kind == IND_MEASURE_PROPORTION;
    if (ind_format_double(prop ? x * 100 : x, decimals, 1, num, sizeof num) < 0)
        num[0] = '\0';
    snprintf(buf, size, "%s%s%s", x > 0 && num[0] != '-' ? "+" : "", num, prop ? " pp" : "");
}

static void table_tests(FILE *fp, const ind_result *r, const ind_measure *m, const write_opts *o)
{
    const ind_trend_tests *tt = &m->tests;
    char p[32], a[IND_PRESENT_MAX], b[IND_PRESENT_MAX], c[IND_PRESENT_MAX];
    if (tt->mk_status != IND_OK) {
        fprintf(fp, "  Mann-Kendall: not computed (%s).\n", tt->mk_note);
    } else {
        format_p(tt->mk.p, p, sizeof p);
        fprintf(fp, "  Mann-Kendall %s to %s: S = %g, tau = %.3f, %s (%s).\n",
                m->label[tt->first], m->label[tt->last], tt->mk.s, tt->mk.tau, p,
                tt->mk.exact ? "exact" : "normal approximation, ties corrected");
    }
    if (tt->sen_status == IND_OK) {
        slope_text(m, tt->sen.slope, o->decimals, a, sizeof a);
        slope_text(m, tt->sen.lower, o->decimals, b, sizeof b);
        slope_text(m, tt->sen.upper, o->decimals, c, sizeof c);
        fprintf(fp, "  Sen's slope: %s a period (%g%% interval %s to %s).\n", a, r->level * 100,
                b, c);
    }
    if (m->kind == IND_MEASURE_PROPORTION && tt->ca_status == IND_OK) {
        format_p(tt->ca.p, p, sizeof p);
        fprintf(fp, "  Chi-square test for trend in proportions: chi2 = %.2f, %s.\n", tt->ca.chi2,
                p);
    }
}

static void table_projection(FILE *fp, const ind_result *r, const ind_measure *m,
                             const write_opts *o)
{
    const ind_measure_projection *mp = &m->projection;
    const ind_projection *f = &mp->fit;
    fprintf(fp, "  Method: %s (%s), fitted to %zu values, %s to %s.\n",
            ind_projection_method_name(f->method), mp->note, f->n_used, m->label[f->first],
            m->label[f->last]);
    if (f->method == IND_PROJECT_HOLT)
        fprintf(fp, "  Damped Holt: alpha %.4f, beta %.4f, phi %.4f, log-likelihood %.4f.\n",
                f->holt.alpha, f->holt.beta, f->holt.phi, f->holt.loglik);
    for (size_t h = 0; h < f->horizon; h++) {
        char v[IND_PRESENT_MAX], lo[IND_PRESENT_MAX], hi[IND_PRESENT_MAX];
        ind_present_number(m, mp->value[h], o->decimals, v, sizeof v);
        ind_present_number(m, mp->lower[h], o->decimals, lo, sizeof lo);
        ind_present_number(m, mp->upper[h], o->decimals, hi, sizeof hi);
        fprintf(fp, "  %s projected %s (%g%% prediction interval %s to %s)%s.\n", mp->label[h], v,
                r->level * 100, lo, hi, mp->clamped[h] ? ", held within possible values" : "");
    }
}

static void write_table_rows(FILE *fp, ind_result *const *res, ind_measure *const *ms, size_t n,
                             const write_opts *o)
{
    for (size_t i = 0; i < n; i++) {
        const ind_result *r = res[i];
        const ind_measure *m = ms[i];
        fprintf(fp, "%s%s%s%s\n%s: %s\n", i ? "\n" : "", r->area, r->code ? " " : "",
                r->code ? r->code : "", m->id, m->title);
        for (size_t t = 0; t < m->n; t++) {
            char v[IND_PRESENT_MAX];
            ind_present_value(m, t, o->decimals, v, sizeof v);
            fprintf(fp, "  %-12s %12s%s\n", m->label[t], v,
                    m->point[t].flags & IND_POINT_BREAK ? "  break" : "");
        }
        table_tests(fp, r, m, o);
        table_projection(fp, r, m, o);
    }
}

/* ---- the verb ---------------------------------------------------------------- */

/* A projection that could not be made is an error here: it is what was
** asked for. */
static int projected(void *ctx, ind_result *r, ind_measure *m)
{
    (void)ctx;
    const ind_measure_projection *mp = &m->projection;
    if (mp->fit.status == IND_OK)
        return EXIT_OK_;
    cli_error("%s: area \"%s\": %s: no %s projection: %s", r->file, r->area, m->id,
              ind_projection_method_name(mp->fit.requested), mp->note);
    return EXIT_NUMERIC;
}

static int emit(const cli_found *f, const trend_opts *o)
{
    cli_output out;
    int rc = cli_output_open(&out, o->output);
    if (rc != EXIT_OK_)
        return rc;
    write_opts wo = { .decimals = (int)o->an.decimals };
    if (o->format == OUT_JSON)
        write_json(out.fp, f->res, f->ms, f->n, o->an.level, &wo);
    else if (o->format == OUT_CSV)
        write_csv_rows(out.fp, f->res, f->ms, f->n, &wo);
    else
        write_table_rows(out.fp, f->res, f->ms, f->n, &wo);
    return cli_output_commit(&out);
}

int cmd_trend(int argc, char **argv)
{
    trend_opts o = { .format = OUT_TABLE };
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
        rc = cli_find_measures(reg, &in, o.series, 0, &ao, projected, NULL, &f);
    }
    if (rc == EXIT_OK_)
        rc = emit(&f, &o);

    cli_found_free(&f);
    cli_inputs_free(&in);
    ind_registry_free(reg);
    return rc;
}
