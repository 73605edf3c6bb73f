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
** initial state, and the normal equations give the correction. The search
** is then over (alpha, beta, phi) only.
**
** At its best initial states the SSE is stationary in them, so the
** gradient of the profiled SSE in (alpha, beta, phi) is that of the SSE
** with the states held: one more pass, carrying the derivatives of the
** states, gives it exactly. With an exact gradient a quasi-Newton search
** converges in a handful of passes where a simplex, which sees values
** only, needs tens. It works on log SSE, which does not depend on the
** scale of the values, over a box: alpha; beta as its share of the way from
** its lower bound to alpha, so that beta <= alpha is a bound like the
** others; and phi. The optimum is often on a bound (alpha or beta at 1e-4,
** phi at 0.8 or 0.98), so rather than map the bounds away (a map flattens
** the objective towards them, and costs a sine a call), each step
** minimises the quadratic model within the box: a step lands on a bound
** exactly, and the unknowns held there cost nothing afterwards. The
** curvature starts as Gauss-Newton's, which the first pass gives too, and
** BFGS updates it.
**
** The SSE often has several local minima: with alpha at its lower bound (a
** deterministic damped trend), with phi or beta on a bound, and, where phi
** is at its upper bound, more than one along alpha. A search finds the one
** it starts near, and a single search from the best point of a grid misses
** the best minimum on about one series in a hundred. So a grid (finer in
** alpha where phi is at its upper bound) is evaluated first, four points
** side by side in each pass, which keeps the processor busy where a single
** pass waits on each result; the best grid point of each of seven regions
** starts a search, best first, since the grid's best points tend to lie in
** one basin; a search that comes to where an earlier one ended stops, as
** it would end there too; the best end is the fit. The workspace holds the
** grid: nothing is allocated while fitting, and the same values always
** give the same fit.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/project.h"
#include "indicate/ratio.h"

#define HOLT_PARAMS 3
#define HOLT_STATES 2
#define HOLT_REGIONS 7        /* where the searches start: see region_of */
#define GRID_MAX 64           /* points of the grid (grid_blocks) */
#define GRID_LANES 4          /* grid points in one pass */
#define SEARCH_MAX_ITER 100
#define SEARCH_MAX_BACKTRACK 40
#define SEARCH_TOL 1e-10      /* fall of log SSE the model promises, at which to stop */
#define SEARCH_ARMIJO 1e-4    /* share of the first-order fall a step must make */
#define SEARCH_SAME 0.01      /* as near an earlier end, in shares of each range */
#define BAD_OBJECTIVE 1e10
#define LOG_ZERO (-745.0)     /* log of the smallest double: SSE 0 */

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
    holt_problem prob;
    double grid[GRID_MAX][HOLT_PARAMS]; /* made once: grid_points */
    size_t grid_size;
};

typedef struct holt_params {
    double alpha, beta, phi;
} holt_params;

/* The filter as a linear map of the states, l' = ll l + lb b + alpha y and
** b' = bl l + bb b + beta y: the recursion of forecast, error and update
** with a shorter chain of operations that wait on each other. */
typedef struct holt_map {
    double ll, lb, bl, bb;
} holt_map;

static holt_map holt_map_of(holt_params h)
{
    holt_map m = { 1 - h.alpha, (1 - h.alpha) * h.phi, -h.beta, (1 - h.beta) * h.phi };
    return m;
}

/* Sums of one pass: the errors e from the guessed initial state and the
** errors e1, e2 that a unit change in the initial level, trend adds. Those
** are -(1, phi) M^t, M the map without y: one row vector w = (w1, w2)
** carries both, w' = w M. */
typedef struct holt_sums {
    double syy, s11, s22, s12, sy1, sy2;
} holt_sums;

static holt_sums holt_pass(const holt_problem *p, holt_params h)
{
    const holt_map m = holt_map_of(h);
    const double alpha = h.alpha, beta = h.beta, phi = h.phi;
    holt_sums s = { 0, 0, 0, 0, 0, 0 };
    double l = p->l_guess, b = p->b_guess, w1 = 1, w2 = phi;
    for (size_t t = 0; t < p->n; t++) {
        double y = p->y[t], e = y - (l + phi * b);
        double next = m.ll * l + (m.lb * b + alpha * y);
        b = m.bl * l + (m.bb * b + beta * y);
        l = next;
        s.syy += e * e;
        s.s11 += w1 * w1;
        s.s22 += w2 * w2;
        s.s12 += w1 * w2;
        s.sy1 -= e * w1;
        s.sy2 -= e * w2;
        next = m.ll * w1 + m.bl * w2;
        w2 = m.lb * w1 + m.bb * w2;
        w1 = next;
    }
    return s;
}

/* The SSE at the best initial states, from the sums, and the change of
** the guessed states that gives them. NaN when the two responses are
** (nearly) collinear and so the states not determined. */
static double profile(const holt_sums *s, double *dl, double *db)
{
    double det = s->s11 * s->s22 - s->s12 * s->s12;
    *dl = *db = 0;
    if (!(det > 1e-12 * s->s11 * s->s22))
        return NAN;
    *dl = -(s->s22 * s->sy1 - s->s12 * s->sy2) / det;
    *db = -(s->s11 * s->sy2 - s->s12 * s->sy1) / det;
    double sse = s->syy + *dl * s->sy1 + *db * s->sy2; /* at the solution */
    return sse > 0 ? sse : 0;
}

/* The SSE at the best initial states, and those states. */
static double profiled_sse(const holt_problem *p, holt_params h, double *l0, double *b0)
{
    holt_sums s = holt_pass(p, h);
    double dl, db, sse = profile(&s, &dl, &db);
    *l0 = p->l_guess + dl;
    *b0 = p->b_guess + db;
    return sse;
}

/* Runs the filter from given initial states: exact SSE and final states. */
static double filter_exact(const double *y, size_t n, holt_params h, double l0, double b0,
                           double *ln, double *bn)
{
    double l = l0, b = b0, sse = 0;
    for (size_t t = 0; t < n; t++) {
        double f = l + h.phi * b, e = y[t] - f;
        l = f + h.alpha * e;
        b = h.phi * b + h.beta * e;
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
    holt_params h = { alpha, beta, phi };
    double l0, b0, sse = profiled_sse(&p, h, &l0, &b0);
    if (!isnan(sse) && level0 != NULL)
        *level0 = l0;
    if (!isnan(sse) && trend0 != NULL)
        *trend0 = b0;
    return sse;
}

/* ---- damped Holt: the slope ------------------------------------------------ */

/* A curvature: a symmetric matrix over the parameters or the unknowns. */
typedef struct holt_matrix {
    double m[HOLT_PARAMS][HOLT_PARAMS];
} holt_matrix;

/* The SSE at given initial states, its gradient in (alpha, beta, phi) and,
** when asked, the Gauss-Newton approximation of its Hessian with the
** initial states profiled out. */
typedef struct holt_slope {
    double sse;
    double grad[HOLT_PARAMS];
    holt_matrix curv;
} holt_slope;

/* The Gauss-Newton curvature 2 (J'J - J'E (E'E)^-1 E'J) of the profiled
** SSE, J the derivatives of the errors in the parameters and E their
** responses to the initial states, from jj = J'J, je = J'E and E'E =
** [s11 s12; s12 s22]. */
static void profiled_curvature(const double jj[HOLT_PARAMS][HOLT_PARAMS],
                               const double je[HOLT_PARAMS][HOLT_STATES], double s11,
                               double s12, double s22, holt_matrix *curv)
{
    double det = s11 * s22 - s12 * s12;
    for (int i = 0; i < HOLT_PARAMS; i++)
        for (int j = 0; j < HOLT_PARAMS; j++) {
            double c = 0;
            if (det > 0)
                c = (je[i][0] * (s22 * je[j][0] - s12 * je[j][1]) +
                     je[i][1] * (s11 * je[j][1] - s12 * je[j][0])) / det;
            curv->m[i][j] = 2 * (jj[i][j] - c);
        }
}

/* One pass of the filter from the initial states l0, b0, carrying the
** derivatives of the states in alpha, beta and phi (differentiating the
** map adds e to the level's, e to the trend's, and (1 - alpha) b,
** (1 - beta) b to phi's). At the best initial states the gradient of the
** profiled SSE is that of the SSE with the states held, since the SSE is
** stationary in them: no derivative of the states themselves is needed.
** Inlined with curvature constant, the pass carries only what is asked. */
static inline holt_slope holt_slope_pass(const holt_problem *p, holt_params h, double l0,
                                         double b0, int curvature)
{
    const holt_map m = holt_map_of(h);
    const double alpha = h.alpha, beta = h.beta, phi = h.phi;
    double l = l0, b = b0, w1 = 1, w2 = phi;
    double dla = 0, dba = 0, dlb = 0, dbb = 0, dlp = 0, dbp = 0; /* d(l, b)/d(alpha, beta, phi) */
    double sse = 0, ga = 0, gb = 0, gp = 0;
    double saa = 0, sab = 0, sap = 0, sbb = 0, sbp = 0, spp = 0; /* J'J */
    double sa1 = 0, sa2 = 0, sb1 = 0, sb2 = 0, sp1 = 0, sp2 = 0; /* J'E */
    double s11 = 0, s12 = 0, s22 = 0;                            /* E'E */
    for (size_t t = 0; t < p->n; t++) {
        double y = p->y[t], e = y - (l + phi * b);
        double ea = -(dla + phi * dba), eb = -(dlb + phi * dbb), ep = -(dlp + phi * dbp + b);
        double next = m.ll * dla + (m.lb * dba + e);
        dba = m.bl * dla + m.bb * dba;
        dla = next;
        next = m.ll * dlb + m.lb * dbb;
        dbb = m.bl * dlb + (m.bb * dbb + e);
        dlb = next;
        next = m.ll * dlp + (m.lb * dbp + (1 - alpha) * b);
        dbp = m.bl * dlp + (m.bb * dbp + (1 - beta) * b);
        dlp = next;
        next = m.ll * l + (m.lb * b + alpha * y);
        b = m.bl * l + (m.bb * b + beta * y);
        l = next;
        sse += e * e;
        ga += e * ea;
        gb += e * eb;
        gp += e * ep;
        if (curvature) { /* E, the responses to the initial states, is -w */
            saa += ea * ea;
            sab += ea * eb;
            sap += ea * ep;
            sbb += eb * eb;
            sbp += eb * ep;
            spp += ep * ep;
            sa1 -= ea * w1;
            sa2 -= ea * w2;
            sb1 -= eb * w1;
            sb2 -= eb * w2;
            sp1 -= ep * w1;
            sp2 -= ep * w2;
            s11 += w1 * w1;
            s12 += w1 * w2;
            s22 += w2 * w2;
            next = m.ll * w1 + m.bl * w2;
            w2 = m.lb * w1 + m.bb * w2;
            w1 = next;
        }
    }
    holt_slope s = { sse, { 2 * ga, 2 * gb, 2 * gp }, { { { 0 } } } };
    if (curvature) {
        const double jj[HOLT_PARAMS][HOLT_PARAMS] = { { saa, sab, sap },
                                                      { sab, sbb, sbp },
                                                      { sap, sbp, spp } };
        const double je[HOLT_PARAMS][HOLT_STATES] = { { sa1, sa2 }, { sb1, sb2 }, { sp1, sp2 } };
        profiled_curvature(jj, je, s11, s12, s22, &s.curv);
    }
    return s;
}

/* ---- damped Holt: the search ---------------------------------------------- */

/* The unknowns: alpha, beta's share of the way from its lower bound to
** alpha, and phi. Their bounds are a box. */
enum { X_ALPHA, X_SHARE, X_PHI };

static const double x_lower[HOLT_PARAMS] = { IND_HOLT_LOWER, 0, IND_HOLT_PHI_LOWER };
static const double x_upper[HOLT_PARAMS] = { IND_HOLT_UPPER, 1, IND_HOLT_PHI_UPPER };

static holt_params params_of(const double *x)
{
    holt_params h = { x[X_ALPHA], IND_HOLT_LOWER + x[X_SHARE] * (x[X_ALPHA] - IND_HOLT_LOWER),
                      x[X_PHI] };
    return h;
}

typedef struct holt_point {
    double x[HOLT_PARAMS];
    double value;             /* log SSE at the best initial states */
    double l0, b0;            /* those states */
    double grad[HOLT_PARAMS]; /* of value in x, once holt_point_slope ran */
} holt_point;

static double log_sse(double sse)
{
    return isnan(sse) ? BAD_OBJECTIVE : sse > 0 ? log(sse) : LOG_ZERO;
}

static void holt_point_value(holt_problem *p, holt_point *pt)
{
    p->evaluations++;
    pt->value = log_sse(profiled_sse(p, params_of(pt->x), &pt->l0, &pt->b0));
}

/* The gradient of the point's value in the unknowns and, when curv is not
** NULL, the Gauss-Newton curvature. */
static void holt_point_slope(holt_problem *p, holt_point *pt, holt_matrix *curv)
{
    p->evaluations++;
    holt_params h = params_of(pt->x);
    holt_slope s = curv != NULL ? holt_slope_pass(p, h, pt->l0, pt->b0, 1)
                                : holt_slope_pass(p, h, pt->l0, pt->b0, 0);
    double scale = s.sse > 0 ? 1 / s.sse : 0; /* of log SSE */
    /* d(alpha, beta, phi)/dx: beta moves with alpha and with its share. */
    const double dx[HOLT_PARAMS][HOLT_PARAMS] = {
        { 1, 0, 0 },
        { pt->x[X_SHARE], pt->x[X_ALPHA] - IND_HOLT_LOWER, 0 },
        { 0, 0, 1 },
    };
    for (int i = 0; i < HOLT_PARAMS; i++) {
        double g = 0;
        for (int k = 0; k < HOLT_PARAMS; k++)
            g += s.grad[k] * dx[k][i];
        pt->grad[i] = g * scale;
    }
    if (curv == NULL)
        return;
    for (int i = 0; i < HOLT_PARAMS; i++)
        for (int j = 0; j < HOLT_PARAMS; j++) {
            double c = 0;
            for (int k = 0; k < HOLT_PARAMS; k++)
                for (int m = 0; m < HOLT_PARAMS; m++)
                    c += dx[k][i] * s.curv.m[k][m] * dx[m][j];
            curv->m[i][j] = c * scale;
        }
}

/* Solves b_ff d_f = -(g_f + b_fh d_h) for the free unknowns f, d given on
** the held ones h, by b_ff = L D L'. 0 when b_ff is not positive definite. */
static int solve_free(const holt_matrix *b, const double *g, const int *held, double *d)
{
    int idx[HOLT_PARAMS], m = 0;
    for (int i = 0; i < HOLT_PARAMS; i++)
        if (!held[i])
            idx[m++] = i;
    double low[HOLT_PARAMS][HOLT_PARAMS], piv[HOLT_PARAMS], inv[HOLT_PARAMS], z[HOLT_PARAMS];
    for (int r = 0; r < m; r++) {
        double v = b->m[idx[r]][idx[r]];
        for (int c = 0; c < r; c++) {
            double u = b->m[idx[r]][idx[c]];
            for (int k = 0; k < c; k++)
                u -= low[r][k] * low[c][k] * piv[k];
            low[r][c] = u * inv[c];
            v -= low[r][c] * u;
        }
        if (!(v > 1e-12 * b->m[idx[r]][idx[r]] && v > 0))
            return 0;
        piv[r] = v;
        inv[r] = 1 / v;
    }
    for (int r = 0; r < m; r++) {
        double v = -g[idx[r]];
        for (int j = 0; j < HOLT_PARAMS; j++)
            if (held[j])
                v -= b->m[idx[r]][j] * d[j];
        for (int k = 0; k < r; k++)
            v -= low[r][k] * z[k];
        z[r] = v;
    }
    for (int r = m - 1; r >= 0; r--) {
        double v = z[r] * inv[r];
        for (int k = r + 1; k < m; k++)
            v -= low[k][r] * d[idx[k]];
        d[idx[r]] = v;
    }
    return 1;
}

/* The quadratic model's change g.d + d.b.d/2, and its gradient g + b d. */
static double model_at(const holt_matrix *b, const double *g, const double *d, double *slope)
{
    double q = 0;
    for (int i = 0; i < HOLT_PARAMS; i++) {
        double bd = 0;
        for (int j = 0; j < HOLT_PARAMS; j++)
            bd += b->m[i][j] * d[j];
        q += d[i] * (g[i] + bd / 2);
        slope[i] = g[i] + bd;
    }
    return q;
}

/* Moves d toward target, over the free unknowns, as far as the box allows.
** Returns the unknown that stops it, on its bound (side -1 lower, +1
** upper), or -1 when d reaches target. */
static int toward(const double *x, const int *held, const double *target, double *d, int *side)
{
    double tau = 1;
    int block = -1;
    for (int i = 0; i < HOLT_PARAMS; i++) {
        double to = x[i] + target[i];
        if (held[i] || (to >= x_lower[i] && to <= x_upper[i]))
            continue;
        double bound = to < x_lower[i] ? x_lower[i] : x_upper[i];
        double s = (bound - x[i] - d[i]) / (target[i] - d[i]);
        if (s < tau) {
            tau = s > 0 ? s : 0;
            block = i;
        }
    }
    for (int i = 0; i < HOLT_PARAMS; i++)
        if (!held[i])
            d[i] += tau * (target[i] - d[i]);
    if (block >= 0) {
        side[block] = x[block] + target[block] < x_lower[block] ? -1 : 1;
        d[block] = (side[block] < 0 ? x_lower[block] : x_upper[block]) - x[block];
    }
    return block;
}

/* The step d that minimises the quadratic model g.d + d.b.d/2 with x + d
** within the box, by active sets: an unknown is held on a bound while the
** model pushes it out of the box, and let go when the model pulls it back
** in; with three unknowns this takes a few rounds. hold_share holds beta's
** share where it changes nothing (alpha, and so beta, at the lower bound).
** Returns the fall of the model, 0 when there is none. */
static double box_step(const holt_matrix *b, const double *g, const double *x, int hold_share,
                       double *d)
{
    int held[HOLT_PARAMS], side[HOLT_PARAMS];
    for (int i = 0; i < HOLT_PARAMS; i++) {
        d[i] = 0;
        side[i] = x[i] <= x_lower[i] && g[i] >= 0 ? -1 : x[i] >= x_upper[i] && g[i] <= 0 ? 1 : 0;
        held[i] = side[i] != 0 || (i == X_SHARE && hold_share);
    }
    double slope[HOLT_PARAMS];
    for (int round = 0; round < 4 * HOLT_PARAMS; round++) {
        double target[HOLT_PARAMS];
        memcpy(target, d, sizeof target);
        if (!solve_free(b, g, held, target))
            break;
        int block = toward(x, held, target, d, side);
        if (block >= 0) {
            held[block] = 1;
            continue;
        }
        if (side[X_ALPHA] == 0 && side[X_SHARE] == 0 && side[X_PHI] == 0)
            break; /* nothing on a bound to let go */
        /* At the face's minimum: let go of the unknown pulled in most. */
        model_at(b, g, d, slope);
        int release = -1;
        double pull = 0;
        for (int i = 0; i < HOLT_PARAMS; i++) {
            double in = side[i] < 0 ? -slope[i] : side[i] > 0 ? slope[i] : 0;
            if (held[i] && in > pull) {
                pull = in;
                release = i;
            }
        }
        if (release < 0)
            break;
        held[release] = 0;
        side[release] = 0;
    }
    double q = model_at(b, g, d, slope);
    return q < 0 ? -q : 0;
}

/* Damped BFGS update of the curvature b with the step s and the change of
** gradient y: Powell's damping keeps b positive definite where the value
** is not convex. */
static void bfgs_update(holt_matrix *b, const double *s, const double *y)
{
    double bs[HOLT_PARAMS], sbs = 0, sy = 0;
    for (int i = 0; i < HOLT_PARAMS; i++) {
        bs[i] = 0;
        for (int j = 0; j < HOLT_PARAMS; j++)
            bs[i] += b->m[i][j] * s[j];
        sbs += s[i] * bs[i];
        sy += s[i] * y[i];
    }
    if (!(sbs > 0))
        return;
    double theta = sy >= 0.2 * sbs ? 1 : 0.8 * sbs / (sbs - sy), r[HOLT_PARAMS], sr = 0;
    for (int i = 0; i < HOLT_PARAMS; i++) {
        r[i] = theta * y[i] + (1 - theta) * bs[i];
        sr += s[i] * r[i];
    }
    if (!(sr > 0))
        return;
    for (int i = 0; i < HOLT_PARAMS; i++)
        for (int j = 0; j < HOLT_PARAMS; j++)
            b->m[i][j] += r[i] * r[j] / sr - bs[i] * bs[j] / sbs;
}

/* Backtracks along the step d (within the box for every length up to 1)
** until the value falls enough (Armijo). 0 when no length does. */
static int line_search(holt_problem *p, const holt_point *from, const double *d, holt_point *to)
{
    double slope = 0;
    for (int i = 0; i < HOLT_PARAMS; i++)
        slope += from->grad[i] * d[i];
    if (!(slope < 0))
        return 0;
    double t = 1;
    for (int k = 0; k < SEARCH_MAX_BACKTRACK; k++) {
        int moved = 0;
        for (int i = 0; i < HOLT_PARAMS; i++) {
            double v = from->x[i] + t * d[i];
            to->x[i] = v < x_lower[i] ? x_lower[i] : v > x_upper[i] ? x_upper[i] : v;
            moved |= to->x[i] != from->x[i];
        }
        if (!moved)
            return 0;
        holt_point_value(p, to);
        if (to->value <= from->value + SEARCH_ARMIJO * t * slope)
            return 1;
        /* The minimum of the parabola through what is known, within
        ** [t/10, t/2]. */
        double excess = to->value - from->value - t * slope;
        double next = excess > 0 ? -slope * t * t / (2 * excess) : 0.5 * t;
        t = next < 0.1 * t ? 0.1 * t : next > 0.5 * t ? 0.5 * t : next;
    }
    return 0;
}

/* Whether pt has come to one of the ends of earlier searches, no lower:
** from there it would most likely end the same. */
static int at_an_end(const holt_point *pt, const holt_point *ends, size_t n_ends)
{
    for (size_t k = 0; k < n_ends; k++) {
        int near = pt->value >= ends[k].value;
        for (int i = 0; i < HOLT_PARAMS; i++)
            near &= fabs(pt->x[i] - ends[k].x[i]) <= SEARCH_SAME * (x_upper[i] - x_lower[i]);
        if (near)
            return 1;
    }
    return 0;
}

/* Quasi-Newton within the box from cur, which it leaves at the end. */
static void local_search(holt_problem *p, holt_point *cur, const holt_point *ends, size_t n_ends)
{
    holt_matrix b;
    holt_point_slope(p, cur, &b);
    int fresh = 1; /* b is Gauss-Newton's at cur */
    for (int it = 0; it < SEARCH_MAX_ITER && cur->value > LOG_ZERO; it++) {
        double d[HOLT_PARAMS];
        if (!(box_step(&b, cur->grad, cur->x, cur->x[X_ALPHA] <= x_lower[X_ALPHA], d) > SEARCH_TOL))
            return;
        holt_point next;
        if (!line_search(p, cur, d, &next)) {
            if (fresh)
                return;
            holt_point_slope(p, cur, &b); /* start the curvature again */
            fresh = 1;
            continue;
        }
        holt_point_slope(p, &next, NULL);
        double s[HOLT_PARAMS], y[HOLT_PARAMS];
        for (int i = 0; i < HOLT_PARAMS; i++) {
            s[i] = next.x[i] - cur->x[i];
            y[i] = next.grad[i] - cur->grad[i];
        }
        bfgs_update(&b, s, y);
        fresh = 0;
        *cur = next;
        if (at_an_end(cur, ends, n_ends))
            return;
    }
}

/* ---- damped Holt: where to search ------------------------------------------ */

/* The sums of holt_pass at GRID_LANES points in one pass. The points'
** recursions are independent: held in arrays by lane, they run side by
** side (in vector registers where the compiler can). */
static void holt_pass_lanes(const holt_problem *p, const holt_params *h, holt_sums *out)
{
    double ll[GRID_LANES], lb[GRID_LANES], bl[GRID_LANES], bb[GRID_LANES];
    double alpha[GRID_LANES], beta[GRID_LANES], phi[GRID_LANES];
    double l[GRID_LANES], b[GRID_LANES], w1[GRID_LANES], w2[GRID_LANES];
    double syy[GRID_LANES], s11[GRID_LANES], s22[GRID_LANES], s12[GRID_LANES];
    double sy1[GRID_LANES], sy2[GRID_LANES];
    for (int k = 0; k < GRID_LANES; k++) {
        holt_map m = holt_map_of(h[k]);
        ll[k] = m.ll;
        lb[k] = m.lb;
        bl[k] = m.bl;
        bb[k] = m.bb;
        alpha[k] = h[k].alpha;
        beta[k] = h[k].beta;
        phi[k] = h[k].phi;
        l[k] = p->l_guess;
        b[k] = p->b_guess;
        w1[k] = 1;
        w2[k] = h[k].phi;
        syy[k] = s11[k] = s22[k] = s12[k] = sy1[k] = sy2[k] = 0;
    }
    for (size_t t = 0; t < p->n; t++) {
        double y = p->y[t];
        for (int k = 0; k < GRID_LANES; k++) {
            double e = y - (l[k] + phi[k] * b[k]);
            double ln = ll[k] * l[k] + (lb[k] * b[k] + alpha[k] * y);
            b[k] = bl[k] * l[k] + (bb[k] * b[k] + beta[k] * y);
            l[k] = ln;
            syy[k] += e * e;
            s11[k] += w1[k] * w1[k];
            s22[k] += w2[k] * w2[k];
            s12[k] += w1[k] * w2[k];
            sy1[k] -= e * w1[k];
            sy2[k] -= e * w2[k];
            double w1n = ll[k] * w1[k] + bl[k] * w2[k];
            w2[k] = lb[k] * w1[k] + bb[k] * w2[k];
            w1[k] = w1n;
        }
    }
    for (int k = 0; k < GRID_LANES; k++)
        out[k] = (holt_sums){ syy[k], s11[k], s22[k], s12[k], sy1[k], sy2[k] };
}

/* The grid, in blocks, each the product of its alphas, shares and phis:
** the corner where alpha (and so beta) is at its lower bound; phi below
** its upper bound, coarsely; and phi at its upper bound, where most optima
** lie and the SSE can have several minima along alpha, finely. */
typedef struct grid_block {
    const double *alpha, *share, *phi;
    size_t n_alpha, n_share, n_phi;
} grid_block;

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define GRID_BLOCK(a, s, f) { a, s, f, COUNT(a), COUNT(s), COUNT(f) }
static const double grid_lowest[] = { IND_HOLT_LOWER }, grid_none[] = { 0 };
static const double grid_coarse[] = { 0.1, 0.25, 0.5, 0.95 };
static const double grid_fine[] = { 0.05, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 0.7, 0.95 };
static const double grid_shares[] = { 0, 0.35, 1 };
static const double grid_shares_top[] = { 0, 0.1, 0.35, 1 };
static const double grid_phis[] = { IND_HOLT_PHI_LOWER, 0.9, IND_HOLT_PHI_UPPER };
static const double grid_below[] = { IND_HOLT_PHI_LOWER, 0.9 };
static const double grid_top[] = { IND_HOLT_PHI_UPPER };
static const grid_block grid_blocks[] = {
    GRID_BLOCK(grid_lowest, grid_none, grid_phis),
    GRID_BLOCK(grid_coarse, grid_shares, grid_below),
    GRID_BLOCK(grid_fine, grid_shares_top, grid_top),
};
_Static_assert(COUNT(grid_phis) + COUNT(grid_coarse) * COUNT(grid_shares) * COUNT(grid_below) +
                       COUNT(grid_fine) * COUNT(grid_shares_top) * COUNT(grid_top) <=
                   GRID_MAX,
               "the grid fits the workspace");

/* Writes the grid's points to x (room for GRID_MAX); returns how many. */
static size_t grid_points(double (*x)[HOLT_PARAMS])
{
    size_t m = 0;
    for (size_t k = 0; k < COUNT(grid_blocks); k++) {
        const grid_block *g = &grid_blocks[k];
        for (size_t a = 0; a < g->n_alpha; a++)
            for (size_t s = 0; s < g->n_share; s++)
                for (size_t f = 0; f < g->n_phi; f++, m++) {
                    x[m][X_ALPHA] = g->alpha[a];
                    x[m][X_SHARE] = g->share[s];
                    x[m][X_PHI] = g->phi[f];
                }
    }
    return m;
}

/* The regions whose best grid points start searches: the corner where
** alpha is at its lower bound (0), and else phi at its upper bound (1 to 3)
** or below it (4 to 6), each with beta at its lower bound, between, or at
** alpha. */
static int region_of(const double *x)
{
    if (x[X_ALPHA] <= x_lower[X_ALPHA])
        return 0;
    int share = x[X_SHARE] <= 0 ? 0 : x[X_SHARE] >= 1 ? 2 : 1;
    return 1 + share + (x[X_PHI] >= x_upper[X_PHI] ? 0 : 3);
}

/* The grid's best point in each region: its index in best_at, its sums in
** best_sums, and its SSE in best_sse (infinite where the region has none
** with a value). */
static void grid_scan(const ind_holt_workspace *w, const holt_problem *p,
                      double *best_sse, holt_sums *best_sums, size_t *best_at)
{
    for (int r = 0; r < HOLT_REGIONS; r++)
        best_sse[r] = INFINITY;
    for (size_t i = 0; i < w->grid_size; i += GRID_LANES) {
        holt_params h[GRID_LANES];
        holt_sums s[GRID_LANES];
        for (size_t k = 0; k < GRID_LANES; k++) /* the last pass repeats a point */
            h[k] = params_of(w->grid[i + k < w->grid_size ? i + k : w->grid_size - 1]);
        holt_pass_lanes(p, h, s);
        for (size_t k = 0; k < GRID_LANES && i + k < w->grid_size; k++) {
            double dl, db, sse = profile(&s[k], &dl, &db);
            int r = region_of(w->grid[i + k]);
            if (sse < best_sse[r]) {
                best_sse[r] = sse;
                best_sums[r] = s[k];
                best_at[r] = i + k;
            }
        }
    }
}

/* The best grid point of each region, best first; returns how many. */
static size_t grid_starts(const ind_holt_workspace *w, holt_problem *p, holt_point *start)
{
    double best_sse[HOLT_REGIONS];
    holt_sums best_sums[HOLT_REGIONS];
    size_t best_at[HOLT_REGIONS], n = 0;
    grid_scan(w, p, best_sse, best_sums, best_at);
    p->evaluations += (int)w->grid_size;
    for (int r = 0; r < HOLT_REGIONS; r++) {
        if (!(best_sse[r] < INFINITY))
            continue;
        holt_point pt;
        double dl, db;
        memcpy(pt.x, w->grid[best_at[r]], sizeof pt.x);
        pt.value = log_sse(profile(&best_sums[r], &dl, &db));
        pt.l0 = p->l_guess + dl;
        pt.b0 = p->b_guess + db;
        size_t j = n++;
        for (; j > 0 && start[j - 1].value > pt.value; j--)
            start[j] = start[j - 1];
        start[j] = pt;
    }
    return n;
}

/* A search from each start, best first; the best of their ends. 0 when
** no grid point has a value. */
static int holt_minimise(ind_holt_workspace *w, holt_point *best)
{
    holt_point start[HOLT_REGIONS], ends[HOLT_REGIONS];
    size_t m = grid_starts(w, &w->prob, start);
    for (size_t i = 0; i < m; i++) {
        ends[i] = start[i];
        local_search(&w->prob, &ends[i], ends, i);
        if (i == 0 || ends[i].value < best->value)
            *best = ends[i];
    }
    return m > 0;
}

ind_holt_workspace *ind_holt_workspace_new(void)
{
    ind_holt_workspace *w = calloc(1, sizeof *w);
    if (w != NULL)
        w->grid_size = grid_points(w->grid);
    return w;
}

void ind_holt_workspace_free(ind_holt_workspace *w)
{
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
    if (isnan(profiled_sse(p, h, &l0, &b0)))
        return ind_error_set(err, IND_ENUMERIC, "damped Holt: initial states not determined");
    fit->n = p->n;
    fit->alpha = h.alpha;
    fit->beta = h.beta;
    fit->phi = h.phi;
    fit->level0 = l0;
    fit->trend0 = b0;
    fit->sse = filter_exact(p->y, p->n, h, l0, b0, &fit->level, &fit->trend);
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
    holt_point best;
    if (!holt_minimise(w, &best))
        return ind_error_set(err, IND_ENUMERIC, "damped Holt: no parameters fit these values");

    int evaluations = w->prob.evaluations;
    int rc = finish_fit(&w->prob, params_of(best.x), fit, err);
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
