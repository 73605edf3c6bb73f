/*
** project.c: projections by a straight line, by a line on the logarithms,
** and by damped Holt (ETS(A,Ad,N)) fitted by maximum likelihood.
**
** Damped Holt. With additive errors the likelihood, maximised over the
** error variance, is -n/2 log(SSE): maximising it is minimising the sum of
** squared one-step errors. The errors are linear in the initial level and
** trend, so for given (alpha, beta, phi) the best initial states solve a
** 2x2 least-squares problem: one pass of the filter carries the series from
** a guessed initial state and the responses to a unit change of each
** initial state, and the normal equations give the correction. The
** minimiser then searches only (alpha, beta, phi), mapped onto the real
** line by a sine so that the bounds hold and can be reached exactly (the
** optimum is often on a bound). It starts from the best point of a small
** grid, then restarts once from where it stopped, since Nelder-Mead can
** stall. The minimiser and its vectors live in the workspace: nothing is
** allocated while fitting.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>

#include "indicate/project.h"
#include "indicate/ratio.h"

#define HOLT_PARAMS 3
#define HOLT_STATES 2
#define NM_MAX_ITER 600
#define NM_SIZE_TOL 1e-4
#define NM_STALL 12          /* iterations without a gain ... */
#define NM_STALL_GAIN 1e-10  /* ... of more than this in log SSE */
#define BAD_OBJECTIVE 1e10

static const char *const method_names[] = { "auto", "linear", "loglinear", "holt" };

const char *ind_projection_method_name(ind_projection_method m)
{
    if ((int)m < 0 || (size_t)m >= sizeof method_names / sizeof method_names[0])
        return NULL;
    return method_names[m];
}

int ind_projection_method_parse(const char *s, ind_projection_method *m)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (strcmp(s, method_names[i]) == 0) {
            *m = (ind_projection_method)i;
            return 0;
        }
    return -1;
}

/* ---- damped Holt: the filter -------------------------------------------- */

typedef struct holt_problem {
    const double *y;
    size_t n;
    double l_guess, b_guess; /* initial states the filter starts from */
    int evaluations;
} holt_problem;

struct ind_holt_workspace {
    gsl_multimin_fminimizer *min;
    gsl_vector *x, *step;
    holt_problem prob;
};

/* Sums of one pass: the errors e from the guessed initial state and the
** errors e1, e2 that a unit change in the initial level, trend adds. */
typedef struct holt_sums {
    double syy, s11, s22, s12, sy1, sy2;
} holt_sums;

static holt_sums holt_pass(const holt_problem *p, double alpha, double beta, double phi)
{
    holt_sums s = { 0, 0, 0, 0, 0, 0 };
    double ly = p->l_guess, by = p->b_guess, l1 = 1, b1 = 0, l2 = 0, b2 = 1;
    for (size_t t = 0; t < p->n; t++) {
        double f = ly + phi * by, e = p->y[t] - f;
        ly = f + alpha * e;
        by = phi * by + beta * e;
        double f1 = l1 + phi * b1, e1 = -f1;
        l1 = f1 + alpha * e1;
        b1 = phi * b1 + beta * e1;
        double f2 = l2 + phi * b2, e2 = -f2;
        l2 = f2 + alpha * e2;
        b2 = phi * b2 + beta * e2;
        s.syy += e * e;
        s.s11 += e1 * e1;
        s.s22 += e2 * e2;
        s.s12 += e1 * e2;
        s.sy1 += e * e1;
        s.sy2 += e * e2;
    }
    return s;
}

/* The SSE at the best initial states, and those states. NaN when the two
** responses are (nearly) collinear and so the states not determined. */
static double profiled_sse(const holt_problem *p, double alpha, double beta,
                           double phi, double *l0, double *b0)
{
    holt_sums s = holt_pass(p, alpha, beta, phi);
    double det = s.s11 * s.s22 - s.s12 * s.s12;
    if (!(det > 1e-12 * s.s11 * s.s22))
        return NAN;
    double dl = -(s.s22 * s.sy1 - s.s12 * s.sy2) / det;
    double db = -(s.s11 * s.sy2 - s.s12 * s.sy1) / det;
    double sse = s.syy + dl * s.sy1 + db * s.sy2; /* at the solution */
    if (l0 != NULL)
        *l0 = p->l_guess + dl;
    if (b0 != NULL)
        *b0 = p->b_guess + db;
    return sse > 0 ? sse : 0;
}

/* Runs the filter from given initial states: exact SSE and final states. */
static double filter_exact(const double *y, size_t n, double alpha, double beta,
                           double phi, double l0, double b0, double *ln, double *bn)
{
    double l = l0, b = b0, sse = 0;
    for (size_t t = 0; t < n; t++) {
        double f = l + phi * b, e = y[t] - f;
        l = f + alpha * e;
        b = phi * b + beta * e;
        sse += e * e;
    }
    *ln = l;
    *bn = b;
    return sse;
}

/* A straight line through the values: the initial states the filter starts
** from, so that its errors are small and the profiled SSE loses nothing to
** cancellation. */
static void guess_states(holt_problem *p)
{
    double n = (double)p->n, tm = (n + 1) / 2, ym = 0, sxy = 0, sxx = 0;
    for (size_t t = 0; t < p->n; t++)
        ym += p->y[t];
    ym /= n;
    for (size_t t = 0; t < p->n; t++) {
        double d = (double)(t + 1) - tm;
        sxy += d * (p->y[t] - ym);
        sxx += d * d;
    }
    p->b_guess = sxy / sxx;
    p->l_guess = ym - p->b_guess * tm; /* the line at t = 0 */
}

double ind_holt_sse(const double *y, size_t n, double alpha, double beta,
                    double phi, double *level0, double *trend0)
{
    if (y == NULL || n < 3)
        return NAN;
    holt_problem p = { y, n, 0, 0, 0 };
    guess_states(&p);
    return profiled_sse(&p, alpha, beta, phi, level0, trend0);
}

/* ---- damped Holt: the search ---------------------------------------------- */

/* A bounded parameter from an unbounded one, and back. */
static double squash(double u, double lo, double hi)
{
    return lo + (hi - lo) * (1 + sin(u)) / 2;
}

static double unsquash(double v, double lo, double hi)
{
    double s = hi > lo ? 2 * (v - lo) / (hi - lo) - 1 : 0;
    return asin(s < -1 ? -1 : s > 1 ? 1 : s);
}

typedef struct holt_params {
    double alpha, beta, phi;
} holt_params;

static holt_params params_of(const double *u)
{
    holt_params h;
    h.alpha = squash(u[0], IND_HOLT_LOWER, IND_HOLT_UPPER);
    h.beta = squash(u[1], IND_HOLT_LOWER, h.alpha);
    h.phi = squash(u[2], IND_HOLT_PHI_LOWER, IND_HOLT_PHI_UPPER);
    return h;
}

static void unknowns_of(holt_params h, double *u)
{
    u[0] = unsquash(h.alpha, IND_HOLT_LOWER, IND_HOLT_UPPER);
    u[1] = unsquash(h.beta, IND_HOLT_LOWER, h.alpha);
    u[2] = unsquash(h.phi, IND_HOLT_PHI_LOWER, IND_HOLT_PHI_UPPER);
}

static double objective_at(holt_problem *p, holt_params h)
{
    p->evaluations++;
    double sse = profiled_sse(p, h.alpha, h.beta, h.phi, NULL, NULL);
    if (isnan(sse))
        return BAD_OBJECTIVE;
    return sse > 0 ? log(sse) : -745; /* log of the smallest double */
}

static double objective(const gsl_vector *v, void *params)
{
    double u[HOLT_PARAMS];
    for (size_t i = 0; i < HOLT_PARAMS; i++)
        u[i] = gsl_vector_get(v, i);
    return objective_at(params, params_of(u));
}

/* The best point of a small grid: alpha low to high, beta a small or a
** large share of alpha, phi across its range. */
static holt_params grid_start(holt_problem *p, double *best)
{
    static const double alphas[] = { 0.1, 0.5, 0.95 };
    static const double shares[] = { 0.05, 0.7 };
    static const double phis[] = { 0.82, 0.9, 0.975 };
    holt_params start = { 0.5, 0.05, 0.9 };
    *best = INFINITY;
    for (size_t a = 0; a < sizeof alphas / sizeof *alphas; a++)
        for (size_t s = 0; s < sizeof shares / sizeof *shares; s++)
            for (size_t f = 0; f < sizeof phis / sizeof *phis; f++) {
                holt_params h = { alphas[a], alphas[a] * shares[s], phis[f] };
                if (h.beta < IND_HOLT_LOWER)
                    h.beta = IND_HOLT_LOWER;
                double v = objective_at(p, h);
                if (v < *best) {
                    *best = v;
                    start = h;
                }
            }
    return start;
}

/* One Nelder-Mead run from u with the given step; u and *value are
** updated when it ends lower. */
static int nelder_mead(ind_holt_workspace *w, double *u, double step, double *value)
{
    gsl_multimin_function fn = { objective, HOLT_PARAMS, &w->prob };
    for (size_t i = 0; i < HOLT_PARAMS; i++) {
        gsl_vector_set(w->x, i, u[i]);
        gsl_vector_set(w->step, i, step);
    }
    if (gsl_multimin_fminimizer_set(w->min, &fn, w->x, w->step) != GSL_SUCCESS)
        return IND_ENUMERIC;
    /* Stop when the simplex is small, or when the best value has not moved
    ** for a while: where beta is pinned to alpha's lower bound the beta
    ** direction is flat and the simplex never shrinks along it. */
    double last_best = INFINITY; /* GSL sets the minimum only on iterating */
    int stalled = 0;
    for (int it = 0; it < NM_MAX_ITER && stalled < NM_STALL; it++) {
        int st = gsl_multimin_fminimizer_iterate(w->min);
        if (st != GSL_SUCCESS && st != GSL_ENOPROG)
            return IND_ENUMERIC;
        if (st == GSL_ENOPROG)
            break;
        double size = gsl_multimin_fminimizer_size(w->min);
        if (gsl_multimin_test_size(size, NM_SIZE_TOL) == GSL_SUCCESS)
            break;
        double now = gsl_multimin_fminimizer_minimum(w->min);
        stalled = last_best - now > NM_STALL_GAIN ? 0 : stalled + 1;
        if (now < last_best)
            last_best = now;
    }
    double v = gsl_multimin_fminimizer_minimum(w->min);
    if (v < *value) {
        *value = v;
        for (size_t i = 0; i < HOLT_PARAMS; i++)
            u[i] = gsl_vector_get(w->min->x, i);
    }
    return IND_OK;
}

ind_holt_workspace *ind_holt_workspace_new(void)
{
    ind_holt_workspace *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    w->min = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, HOLT_PARAMS);
    w->x = gsl_vector_alloc(HOLT_PARAMS);
    w->step = gsl_vector_alloc(HOLT_PARAMS);
    if (w->min == NULL || w->x == NULL || w->step == NULL) {
        ind_holt_workspace_free(w);
        return NULL;
    }
    return w;
}

void ind_holt_workspace_free(ind_holt_workspace *w)
{
    if (w == NULL)
        return;
    if (w->min != NULL)
        gsl_multimin_fminimizer_free(w->min);
    if (w->x != NULL)
        gsl_vector_free(w->x);
    if (w->step != NULL)
        gsl_vector_free(w->step);
    free(w);
}

static int all_equal(const double *y, size_t n)
{
    for (size_t t = 1; t < n; t++)
        if (y[t] != y[0])
            return 0;
    return 1;
}

static int finite_all(const double *y, size_t n)
{
    for (size_t t = 0; t < n; t++)
        if (!isfinite(y[t]))
            return 0;
    return 1;
}

/* The fit at given parameters: best initial states, exact SSE from one
** more pass of the filter, final states, variance and likelihood. */
static int finish_fit(const holt_problem *p, holt_params h, ind_holt_fit *fit, ind_error *err)
{
    double l0, b0;
    if (isnan(profiled_sse(p, h.alpha, h.beta, h.phi, &l0, &b0)))
        return ind_error_set(err, IND_ENUMERIC, "damped Holt: initial states not determined");
    fit->n = p->n;
    fit->alpha = h.alpha;
    fit->beta = h.beta;
    fit->phi = h.phi;
    fit->level0 = l0;
    fit->trend0 = b0;
    fit->sse = filter_exact(p->y, p->n, h.alpha, h.beta, h.phi, l0, b0, &fit->level, &fit->trend);
    fit->sigma2 = fit->sse / (double)(p->n - HOLT_PARAMS - HOLT_STATES);
    fit->loglik = fit->sse > 0 ? -0.5 * (double)p->n * log(fit->sse) : INFINITY;
    return IND_OK;
}

int ind_holt_fit_series(ind_holt_workspace *w, const double *y, size_t n,
                        ind_holt_fit *fit, ind_error *err)
{
    if (w == NULL || y == NULL || fit == NULL)
        return ind_error_set(err, IND_EINVAL, "damped Holt needs a workspace, values and a fit");
    if (n < IND_PROJECT_MIN_HOLT || !finite_all(y, n))
        return ind_error_set(err, IND_EDOMAIN,
                             "damped Holt needs %d consecutive values; has %zu",
                             IND_PROJECT_MIN_HOLT, n);
    if (all_equal(y, n))
        return ind_error_set(err, IND_EDOMAIN, "every value is the same: no trend to fit");

    w->prob = (holt_problem){ y, n, 0, 0, 0 };
    guess_states(&w->prob);
    double best;
    holt_params start = grid_start(&w->prob, &best);
    double u[HOLT_PARAMS];
    unknowns_of(start, u);
    /* A full run, then restarts with a fresh simplex until one gains
    ** nothing: Nelder-Mead can collapse before the minimum. */
    double step = 0.5;
    for (int run = 0; run < 3; run++) {
        double before = best;
        if (nelder_mead(w, u, step, &best) != IND_OK)
            return ind_error_set(err, IND_ENUMERIC, "the damped Holt minimiser failed");
        if (run > 0 && before - best < 1e-9)
            break;
        step = 0.1;
    }
    if (!(best < BAD_OBJECTIVE))
        return ind_error_set(err, IND_ENUMERIC, "damped Holt: no parameters fit these values");

    int evaluations = w->prob.evaluations;
    holt_params h = params_of(u);
    int rc = finish_fit(&w->prob, h, fit, err);
    fit->evaluations = evaluations;
    return rc;
}

int ind_holt_fit_fixed(const double *y, size_t n, double alpha, double beta, double phi,
                       ind_holt_fit *fit, ind_error *err)
{
    if (y == NULL || fit == NULL)
        return ind_error_set(err, IND_EINVAL, "damped Holt needs values and a fit");
    if (n < IND_PROJECT_MIN_HOLT || !finite_all(y, n))
        return ind_error_set(err, IND_EDOMAIN,
                             "damped Holt needs %d consecutive values; has %zu",
                             IND_PROJECT_MIN_HOLT, n);
    if (!(alpha >= IND_HOLT_LOWER && alpha <= IND_HOLT_UPPER && beta >= IND_HOLT_LOWER &&
          beta <= alpha && phi >= IND_HOLT_PHI_LOWER && phi <= IND_HOLT_PHI_UPPER))
        return ind_error_set(err, IND_EDOMAIN,
                             "damped Holt parameters out of bounds (alpha %g, beta %g, phi %g)",
                             alpha, beta, phi);
    holt_problem p = { y, n, 0, 0, 0 };
    guess_states(&p);
    holt_params h = { alpha, beta, phi };
    int rc = finish_fit(&p, h, fit, err);
    fit->evaluations = 1;
    return rc;
}

int ind_holt_forecast(const ind_holt_fit *fit, size_t steps, double level,
                      double *value, double *lower, double *upper)
{
    if (fit == NULL || steps == 0 || value == NULL || lower == NULL || upper == NULL)
        return IND_EINVAL;
    double z = ind_ratio_z(level);
    if (isnan(z))
        return IND_EDOMAIN;
    /* phi_h = phi + ... + phi^h; variance factor 1 + sum_{j<h} c_j^2 with
    ** c_j = alpha + beta phi_j (Hyndman et al. 2008, table 6.1, class 1). */
    double phi_j = 0, power = 1, factor = 1;
    for (size_t j = 1; j <= steps; j++) {
        if (j > 1) {
            double c = fit->alpha + fit->beta * phi_j;
            factor += c * c;
        }
        power *= fit->phi;
        phi_j += power;
    }
    double v = fit->level + phi_j * fit->trend;
    double half = z * sqrt(fit->sigma2 * factor);
    *value = v;
    *lower = v - half;
    *upper = v + half;
    return IND_OK;
}

/* ---- one series, any method ------------------------------------------------ */

size_t ind_project_work(size_t n)
{
    return 2 * n + 2;
}

typedef struct span {
    size_t used;               /* finite values */
    size_t first, last;        /* first and last finite index */
    size_t run_first, run_last;/* the latest run without a gap */
    int positive;              /* every finite value > 0 */
} span;

static span span_of(const double *y, size_t n)
{
    span s = { 0, 0, 0, 0, 0, 1 };
    int in_run = 0;
    for (size_t t = 0; t < n; t++) {
        if (!isfinite(y[t])) {
            in_run = 0;
            continue;
        }
        if (s.used == 0)
            s.first = t;
        s.used++;
        s.last = t;
        s.positive &= y[t] > 0;
        if (!in_run)
            s.run_first = t;
        s.run_last = t;
        in_run = 1;
    }
    return s;
}

static size_t run_length(const span *s)
{
    return s->used == 0 ? 0 : s->run_last - s->run_first + 1;
}

static void note(ind_projection *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(ind_projection *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out->note, sizeof out->note, fmt, ap);
    va_end(ap);
}

/* Auto: damped Holt when it can run, else the line; the note says why. */
static ind_projection_method choose(const double *y, const span *s, ind_projection *out)
{
    size_t run = run_length(s);
    if (run >= IND_PROJECT_MIN_HOLT && !all_equal(y + s->run_first, run)) {
        note(out, "damped Holt: %zu consecutive values (it needs %d)", run,
             IND_PROJECT_MIN_HOLT);
        return IND_PROJECT_HOLT;
    }
    if (run >= IND_PROJECT_MIN_HOLT)
        note(out, "straight line: every value is the same, so damped Holt has no trend to fit");
    else if (run == s->used)
        note(out, "straight line: %zu values, fewer than the %d consecutive values damped "
                  "Holt needs", s->used, IND_PROJECT_MIN_HOLT);
    else
        note(out, "straight line: the latest run without a gap has %zu values, fewer than "
                  "the %d damped Holt needs", run, IND_PROJECT_MIN_HOLT);
    return IND_PROJECT_LINEAR;
}

static int project_line(const double *y, size_t n, size_t horizon, double level,
                        int logs, double *work, ind_projection *out, double *value,
                        double *lower, double *upper)
{
    const span s = span_of(y, n);
    if (s.used < IND_PROJECT_MIN_LINEAR) {
        note(out, "a %s needs at least %d values; has %zu", logs ? "log-linear trend" : "line",
             IND_PROJECT_MIN_LINEAR, s.used);
        return IND_EDOMAIN;
    }
    if (logs && !s.positive) {
        note(out, "log-linear: a value is 0 or negative, and has no logarithm");
        return IND_EDOMAIN;
    }
    double *x = work, *v = work + n;
    for (size_t t = 0; t < n; t++) {
        x[t] = (double)t;
        v[t] = logs && isfinite(y[t]) ? log(y[t]) : y[t];
    }
    int rc = ind_trend_ols(x, v, n, &out->line, NULL);
    if (rc != IND_OK) {
        note(out, "the values do not determine a line");
        return rc;
    }
    for (size_t h = 0; h < horizon; h++) {
        rc = ind_trend_predict(&out->line, (double)(n - 1 + h + 1), level, &value[h],
                               &lower[h], &upper[h]);
        if (rc != IND_OK) {
            note(out, "the prediction interval could not be computed");
            return IND_ENUMERIC;
        }
        if (logs) {
            value[h] = exp(value[h]);
            lower[h] = exp(lower[h]);
            upper[h] = exp(upper[h]);
        }
    }
    out->n_used = s.used;
    out->first = s.first;
    out->last = s.last;
    return IND_OK;
}

static int project_holt(const double *y, size_t n, size_t horizon, double level,
                        ind_holt_workspace *w, ind_projection *out, double *value,
                        double *lower, double *upper)
{
    const span s = span_of(y, n);
    size_t run = run_length(&s);
    if (run < IND_PROJECT_MIN_HOLT) {
        note(out, "damped Holt needs %d consecutive values; the latest run without a gap "
                  "has %zu", IND_PROJECT_MIN_HOLT, run);
        return IND_EDOMAIN;
    }
    ind_error err = { 0 };
    int rc = ind_holt_fit_series(w, y + s.run_first, run, &out->holt, &err);
    if (rc != IND_OK) {
        note(out, "%s", err.message);
        return rc;
    }
    /* Values missing at the end push the periods asked for further ahead. */
    size_t behind = n - 1 - s.run_last;
    for (size_t h = 0; h < horizon; h++)
        if (ind_holt_forecast(&out->holt, behind + h + 1, level, &value[h], &lower[h],
                              &upper[h]) != IND_OK) {
            note(out, "the prediction interval could not be computed");
            return IND_ENUMERIC;
        }
    out->n_used = run;
    out->first = s.run_first;
    out->last = s.run_last;
    return IND_OK;
}

static void clamp(double *x, double lo, double hi, unsigned char *flag)
{
    if (*x < lo) {
        *x = lo;
        *flag = 1;
    } else if (*x > hi) {
        *x = hi;
        *flag = 1;
    }
}

int ind_project(const double *y, size_t n, const ind_projection_opts *opts,
                ind_holt_workspace *w, double *work, ind_projection *out,
                double *value, double *lower, double *upper,
                unsigned char *clamped, ind_error *err)
{
    if (opts == NULL || out == NULL || (n > 0 && (y == NULL || work == NULL)))
        return ind_error_set(err, IND_EINVAL, "ind_project: missing argument");
    memset(out, 0, sizeof *out);
    out->requested = opts->method;
    out->horizon = opts->horizon > 0 ? opts->horizon : 1;
    out->level = opts->level > 0 ? opts->level : 0.95;
    if (out->horizon > IND_PROJECT_MAX_HORIZON)
        return ind_error_set(err, IND_EDOMAIN, "a horizon of %zu periods is more than %d",
                             out->horizon, IND_PROJECT_MAX_HORIZON);
    if (!(out->level > 0 && out->level < 1))
        return ind_error_set(err, IND_EDOMAIN, "confidence level %g is not between 0 and 1",
                             out->level);
    for (size_t h = 0; h < out->horizon; h++) {
        value[h] = lower[h] = upper[h] = NAN;
        clamped[h] = 0;
    }
    const span s = span_of(y, n);
    out->method = opts->method;
    if (opts->method == IND_PROJECT_AUTO)
        out->method = choose(y, &s, out);
    if (out->method == IND_PROJECT_HOLT && w == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_project: damped Holt needs a workspace");

    char why[sizeof out->note];
    snprintf(why, sizeof why, "%s", out->note);
    int rc;
    switch (out->method) {
    case IND_PROJECT_HOLT:
        rc = project_holt(y, n, out->horizon, out->level, w, out, value, lower, upper);
        if (rc == IND_ENUMERIC && opts->method == IND_PROJECT_AUTO) {
            /* Say so, and fall back to the line. */
            snprintf(why, sizeof why, "straight line: damped Holt failed (%.200s)", out->note);
            out->method = IND_PROJECT_LINEAR;
            rc = project_line(y, n, out->horizon, out->level, 0, work, out, value, lower, upper);
        }
        break;
    case IND_PROJECT_LINEAR:
    case IND_PROJECT_LOGLINEAR:
        rc = project_line(y, n, out->horizon, out->level, out->method == IND_PROJECT_LOGLINEAR,
                          work, out, value, lower, upper);
        break;
    default:
        return ind_error_set(err, IND_EINVAL, "ind_project: unknown method %d", (int)out->method);
    }
    out->status = rc;
    if (rc != IND_OK)
        return IND_OK;
    if (opts->method == IND_PROJECT_AUTO)
        snprintf(out->note, sizeof out->note, "%s", why);
    else
        note(out, "%s, as asked", ind_projection_method_name(out->method));
    if (!(opts->ceiling > opts->floor))
        return IND_OK; /* no range given */
    for (size_t h = 0; h < out->horizon; h++) {
        clamp(&value[h], opts->floor, opts->ceiling, &clamped[h]);
        clamp(&lower[h], opts->floor, opts->ceiling, &clamped[h]);
        clamp(&upper[h], opts->floor, opts->ceiling, &clamped[h]);
        out->clamped |= clamped[h];
    }
    return IND_OK;
}
