/*
** project.h: where a series is heading, h periods ahead, with prediction
** intervals.
**
**   linear      ordinary least squares on the period index (trend.h); the
**               prediction interval uses t on n - 2 degrees of freedom
**   loglinear   the same on log(value): exponential growth, back-
**               transformed (the point is the median, exp of the fitted
**               log; the interval is exp of the log-scale interval);
**               needs every value > 0
**   holt        damped Holt: ETS(A,Ad,N), additive errors and an additive
**               damped trend, fitted by maximum likelihood. The initial
**               level and trend are profiled out exactly (the errors are
**               linear in them), and alpha, beta and phi are found by
**               quasi-Newton searches with the exact gradient, started
**               from the best points of a grid, within R forecast's bounds:
**               1e-4 <= beta <= alpha <= 0.9999, 0.8 <= phi <= 0.98.
**               Prediction intervals are Hyndman et al. (2008)'s class 1
**               formula with sigma^2 = SSE / (n - 5), as forecast() gives.
**   auto        damped Holt when the latest run of values without a gap
**               has at least IND_PROJECT_MIN_HOLT (R's forecast needs as
**               many before it fits a damped trend: with fewer it quietly
**               fits an undamped one), else the straight line. The choice
**               and its reason are written in the result's note: nothing
**               is chosen silently.
**
** Every projection is held within [floor, ceiling] (counts never below 0,
** proportions within [0, 1]) and says when it was. Fitting allocates
** nothing: what the damped Holt search needs lives in a workspace made once
** per thread and reused for every series. docs/methods.md gives the formulas.
*/
#ifndef INDICATE_PROJECT_H
#define INDICATE_PROJECT_H

#include <stddef.h>

#include "error.h"
#include "trend.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_projection_method {
    IND_PROJECT_AUTO = 0,
    IND_PROJECT_LINEAR,
    IND_PROJECT_LOGLINEAR,
    IND_PROJECT_HOLT
} ind_projection_method;

#define IND_PROJECT_MIN_LINEAR 3   /* values for a line (trend.h) */
#define IND_PROJECT_MIN_HOLT 10    /* consecutive values for damped Holt */
#define IND_PROJECT_MAX_HORIZON 60

/* R forecast's default bounds for ETS parameters. */
#define IND_HOLT_LOWER 1e-4
#define IND_HOLT_UPPER 0.9999
#define IND_HOLT_PHI_LOWER 0.8
#define IND_HOLT_PHI_UPPER 0.98

/* "auto", "linear", "loglinear", "holt"; NULL for anything else. */
const char *ind_projection_method_name(ind_projection_method m);
/* The method named s; -1 when s names none. */
int ind_projection_method_parse(const char *s, ind_projection_method *m);

typedef struct ind_holt_fit {
    size_t n;                 /* values fitted */
    double alpha, beta, phi;
    double level0, trend0;    /* initial states */
    double level, trend;      /* states after the last value */
    double sse;               /* sum of squared one-step errors */
    double sigma2;            /* SSE / (n - 5) */
    double loglik;            /* -n/2 log(SSE): the quantity R's forecast
                                 reports as loglik for additive errors */
    int evaluations;          /* likelihood evaluations used (grid points,
                                 and passes of the filter, with or without
                                 the gradient) */
} ind_holt_fit;

typedef struct ind_holt_workspace ind_holt_workspace;

/* A workspace for fitting damped Holt models, one per thread. NULL when out
** of memory. */
ind_holt_workspace *ind_holt_workspace_new(void);
void ind_holt_workspace_free(ind_holt_workspace *w);

/* The sum of squared one-step errors of ETS(A,Ad,N) with these parameters
** and the initial states that minimise it (written to level0, trend0 when
** not NULL); NaN when they are not determined. y has no missing values. */
double ind_holt_sse(const double *y, size_t n, double alpha, double beta,
                    double phi, double *level0, double *trend0);

/* Fits damped Holt to y[0..n-1] (no missing values, n >= IND_PROJECT_MIN_HOLT,
** not all equal). IND_EDOMAIN for unsuitable input, IND_ENUMERIC when the
** minimiser fails. */
int ind_holt_fit_series(ind_holt_workspace *w, const double *y, size_t n,
                        ind_holt_fit *fit, ind_error *err);

/* Damped Holt with alpha, beta and phi given (within the bounds above, beta
** <= alpha): only the initial states are fitted. For checks against other
** software and for analysts who fix the damping. */
int ind_holt_fit_fixed(const double *y, size_t n, double alpha, double beta, double phi,
                       ind_holt_fit *fit, ind_error *err);

/* Point forecast and prediction interval `steps` periods after the last
** value fitted. */
int ind_holt_forecast(const ind_holt_fit *fit, size_t steps, double level,
                      double *value, double *lower, double *upper);

typedef struct ind_projection_opts {
    ind_projection_method method; /* IND_PROJECT_AUTO by default */
    size_t horizon;               /* periods ahead, 1.. (0 means 1) */
    double level;                 /* of the prediction intervals (0 means 0.95) */
    double floor, ceiling;        /* possible values: 0 and +INFINITY for
                                     counts, 0 and 1 for proportions;
                                     nothing is held when ceiling <= floor */
} ind_projection_opts;

typedef struct ind_projection {
    int status;                   /* IND_OK, or IND_EDOMAIN: not computed */
    ind_projection_method requested;
    ind_projection_method method; /* what ran (the requested one, or auto's
                                     choice) */
    char note[256];               /* why this method, or why none */
    size_t n_used;                /* values fitted */
    size_t first, last;           /* index range fitted within y */
    size_t horizon;
    double level;
    ind_ols line;                 /* linear: on the values; loglinear: on
                                     their logarithms */
    ind_holt_fit holt;            /* holt */
    int clamped;                  /* some value or bound was held in range */
} ind_projection;

/* Work array length ind_project needs for n values. */
size_t ind_project_work(size_t n);

/* Projects y[0..n-1] (NaN for missing; the caller passes only the values
** after the last break) opts->horizon periods past index n - 1. value,
** lower, upper and clamped have room for the horizon; work holds
** ind_project_work(n) doubles. A method that cannot run leaves status
** IND_EDOMAIN (IND_ENUMERIC when its fit failed) and the reason in note,
** and returns IND_OK; bad arguments return IND_EINVAL or IND_EDOMAIN. w may
** be NULL when the method is neither holt nor auto. */
int ind_project(const double *y, size_t n, const ind_projection_opts *opts,
                ind_holt_workspace *w, double *work, ind_projection *out,
                double *value, double *lower, double *upper,
                unsigned char *clamped, ind_error *err);

#ifdef __cplusplus
}
#endif
#endif
