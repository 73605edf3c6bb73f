/*
** verify.c: recomputes a claim exactly with GMP rationals, compares it with
** the stated figure at the stated precision, and diagnoses a figure that
** does not hold by trying the known slips in a fixed order (verify.h).
**
** Every comparison is exact: the stated figure is a decimal with at most
** `decimals` places, so it is a whole number of units of 10^-decimals, and
** the recomputed value is rounded to that unit half away from zero in
** integer arithmetic. No double takes part in a verdict; the one in the
** verdict is for machine output only.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "claims_internal.h"
#include "indicate/verify.h"

#define FIG_MAX IND_FIGURE_MAX
#define MAX_READINGS 8
/* Steps of rounding tried for double rounding: from 1, 2 or 3 decimals
** beyond the stated precision, one decimal at a time. */
#define MAX_EXTRA_DECIMALS 3

static const char *const FINDING_NAMES[IND_FINDING_COUNT] = {
    "ok", "rounding", "base_later", "percent_difference", "absolute_as_percent",
    "points_confused", "direction", "sum_parts", "mismatch", "undefined", "unchecked"};

static const char *const FINDING_TITLES[IND_FINDING_COUNT] = {
    "holds at the stated precision",
    "rounded wrongly",
    "base taken as the later value",
    "percentage difference given as a percent change",
    "absolute figure written as a percent",
    "percentage points confused with percent",
    "direction word contradicts the change",
    "parts do not sum to the total",
    "does not follow from its inputs",
    "cannot be computed",
    "not checked"};

const char *ind_finding_name(ind_finding v)
{
    return (unsigned)v < IND_FINDING_COUNT ? FINDING_NAMES[v] : NULL;
}

const char *ind_finding_title(ind_finding v)
{
    return (unsigned)v < IND_FINDING_COUNT ? FINDING_TITLES[v] : NULL;
}

const char *ind_rounding_slip_name(ind_rounding_slip s)
{
    switch (s) {
    case IND_SLIP_TRUNCATED: return "truncated";
    case IND_SLIP_ROUNDED_UP: return "rounded_up";
    case IND_SLIP_DOUBLE: return "double_rounding";
    default: return "";
    }
}

typedef struct ctx {
    const ind_claim *c;
    ind_arena *arena;
    int percent;     /* the figure is a percentage */
    int points;      /* a change stated in percentage points */
    int dir_kind;    /* percent_change or difference: magnitude and direction */
    int defined;
    const char *why_undefined;
    int d;           /* decimals judged at */
    mpq_t value;     /* the correct figure, signed, in its unit */
    mpq_t fraction;  /* before scaling */
    mpq_t target;    /* what the stated figure is compared with */
    mpq_t stated;    /* the stated figure, magnitude for changes */
    ind_text working;
    ind_claim_reading readings[MAX_READINGS];
    size_t n;
    int failed;      /* out of memory */
} ctx;

/* ---- text of numbers ---------------------------------------------------------- */

/* An input as a reader expects it: separators, its own decimals, its
** currency sign, "%" when it is a percentage. */
static void input_text(const ind_figure *f, char *buf, size_t size)
{
    mpq_t x;
    mpq_init(x);
    ind_figure_mpq(f, x);
    char num[FIG_MAX];
    if (ind_figure_write(x, f->decimals, NULL, 1, num, sizeof num) < 0)
        snprintf(num, sizeof num, "%s", f->text);
    mpq_clear(x);
    const char *minus = num[0] == '-' ? "-" : "";
    snprintf(buf, size, "%s%s%s%s", minus, f->prefix, num + (minus[0] != '\0'),
             f->unit == IND_FIGURE_PERCENT ? "%" : "");
}

/* buf = a followed by b, cut short (never overflowed) when it is too long. */
static void join2(char *buf, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (size == 0)
        return;
    if (la >= size)
        la = size - 1;
    memcpy(buf, a, la);
    if (lb >= size - la)
        lb = size - la - 1;
    memcpy(buf + la, b, lb);
    buf[la + lb] = '\0';
}

static const char *unit_symbol(const ctx *x)
{
    if (x->points)
        return " percentage points";
    return x->percent ? "%" : "";
}

/* v to one more decimal than the claim's precision (at least two), then
** unit; trailing zeros dropped when the value is exact. */
static void precise_unit(const ctx *x, const mpq_t v, const char *unit, char *buf,
                         size_t size)
{
    int p = x->d + 1 < 2 ? 2 : x->d + 1;
    mpz_t units;
    mpz_init(units);
    ind_round_units(units, v, p);
    mpq_t back;
    mpq_init(back);
    ind_units_mpq(back, units, p);
    int exact = mpq_equal(back, v);
    char num[FIG_MAX];
    int len = ind_units_write(units, p, 1, num, sizeof num);
    mpq_clear(back);
    mpz_clear(units);
    if (len < 0) {
        snprintf(buf, size, "?");
        return;
    }
    if (exact && strchr(num, '.') != NULL) {
        while (len > 0 && num[len - 1] == '0')
            num[--len] = '\0';
        if (len > 0 && num[len - 1] == '.')
            num[--len] = '\0';
    }
    /* Money keeps its sign: "£48,221". */
    const char *prefix = unit[0] == '\0' ? x->c->stated.prefix : "";
    char with_prefix[FIG_MAX + 8];
    if (prefix[0] != '\0' && num[0] == '-')
        snprintf(with_prefix, sizeof with_prefix, "-%s%s", prefix, num + 1);
    else
        snprintf(with_prefix, sizeof with_prefix, "%s%s", prefix, num);
    join2(buf, size, with_prefix, unit);
}

/* v as precise_unit, in the figure's own unit. */
static void precise_text(const ctx *x, const mpq_t v, char *buf, size_t size)
{
    precise_unit(x, v, unit_symbol(x), buf, size);
}

/* v at the claim's precision, written like the stated figure: signed only
** when the stated figure carries a sign. */
static void figure_text(const ctx *x, const mpq_t v, char *buf, size_t size)
{
    const ind_figure *s = &x->c->stated;
    /* A change is written as a magnitude unless a sign was written; any
    ** other figure carries its sign. */
    int signed_ = s->negative || s->plus || !x->dir_kind;
    if (ind_figure_write(v, x->d, s, signed_, buf, size) < 0)
        snprintf(buf, size, "?");
}

/* A rational in lowest terms, "102/101" or "41". */
static void fraction_text(const mpq_t v, char *buf, size_t size)
{
    if (mpz_sizeinbase(mpq_numref(v), 10) + mpz_sizeinbase(mpq_denref(v), 10) + 3 > size) {
        snprintf(buf, size, "(too long)");
        return;
    }
    mpq_get_str(buf, 10, v);
}

/* ---- recomputing ------------------------------------------------------------------ */

static void input_mpq(const ctx *x, ind_claim_role r, mpq_t out)
{
    ind_figure_mpq(x->c->input[r], out);
}

static void add_input(ctx *x, ind_claim_role r)
{
    char buf[FIG_MAX + 8];
    input_text(x->c->input[r], buf, sizeof buf);
    ind_text_add(&x->working, buf);
}

/* " = 102/101 = 100.99%" after the operation. show_fraction is zero when
** the fraction would repeat what is written before it. */
static void working_result(ctx *x, int show_fraction)
{
    char frac[256], val[FIG_MAX];
    if (show_fraction) {
        fraction_text(x->fraction, frac, sizeof frac);
        ind_text_addf(&x->working, " = %s", frac);
    }
    precise_text(x, x->value, val, sizeof val);
    ind_text_addf(&x->working, " = %s", val);
}

static int undefined(ctx *x, const char *why)
{
    x->defined = 0;
    x->why_undefined = why;
    return 0;
}

static int compute_change(ctx *x)
{
    mpq_t from, to;
    mpq_inits(from, to, NULL);
    input_mpq(x, IND_ROLE_FROM, from);
    input_mpq(x, IND_ROLE_TO, to);
    mpq_sub(x->fraction, to, from);
    ind_text_add(&x->working, x->points ? "" : "(");
    add_input(x, IND_ROLE_TO);
    ind_text_add(&x->working, " - ");
    add_input(x, IND_ROLE_FROM);
    if (x->points) {
        mpq_set(x->value, x->fraction);
        working_result(x, 0);
    } else if (mpq_sgn(from) == 0) {
        ind_text_add(&x->working, ")");
        if (mpq_sgn(to) != 0) {
            ind_text_add(&x->working, " / ");
            add_input(x, IND_ROLE_FROM);
            undefined(x, "a percentage change from zero is undefined");
        } else {
            ind_text_add(&x->working, ": no change");
        }
    } else {
        ind_text_add(&x->working, ") / ");
        add_input(x, IND_ROLE_FROM);
        mpq_div(x->fraction, x->fraction, from);
        mpq_set_ui(x->value, 100, 1);
        mpq_mul(x->value, x->value, x->fraction);
        working_result(x, 1);
    }
    mpq_clears(from, to, NULL);
    return 1;
}

/* num / den (x scale), for shares, rates and ratios. */
static int compute_quotient(ctx *x, ind_claim_role num_role, ind_claim_role den_role,
                            ind_claim_role scale_role, const char *why_zero)
{
    mpq_t num, den, scale;
    mpq_inits(num, den, scale, NULL);
    input_mpq(x, num_role, num);
    input_mpq(x, den_role, den);
    mpq_set_ui(scale, x->percent ? 100 : 1, 1);
    if (scale_role != IND_ROLE_N)
        input_mpq(x, scale_role, scale);
    add_input(x, num_role);
    ind_text_add(&x->working, " / ");
    add_input(x, den_role);
    if (scale_role != IND_ROLE_N) {
        ind_text_add(&x->working, " x ");
        add_input(x, scale_role);
    }
    if (mpq_sgn(den) == 0) {
        undefined(x, why_zero);
    } else {
        mpq_div(x->fraction, num, den);
        mpq_mul(x->value, x->fraction, scale);
        /* "88 / 139 = 88/139" says nothing twice: the fraction is shown
        ** only when it differs from the inputs as written. */
        char frac[256], lit[2 * FIG_MAX];
        fraction_text(x->fraction, frac, sizeof frac);
        snprintf(lit, sizeof lit, "%s/%s", x->c->input[num_role]->digits,
                 x->c->input[den_role]->digits);
        int plain = x->c->input[num_role]->decimals == 0 &&
                    x->c->input[den_role]->decimals == 0;
        working_result(x, scale_role == IND_ROLE_N && !(plain && strcmp(frac, lit) == 0));
    }
    mpq_clears(num, den, scale, NULL);
    return 1;
}

static int compute_sum(ctx *x)
{
    mpq_t part;
    mpq_init(part);
    mpq_set_ui(x->value, 0, 1);
    for (size_t i = 0; i < x->c->n_parts; i++) {
        ind_figure_mpq(&x->c->parts[i], part);
        mpq_add(x->value, x->value, part);
        char buf[FIG_MAX + 8];
        input_text(&x->c->parts[i], buf, sizeof buf);
        ind_text_addf(&x->working, "%s%s", i ? " + " : "", buf);
    }
    mpq_set(x->fraction, x->value);
    working_result(x, 0);
    mpq_clear(part);
    return 1;
}

static int compute_difference(ctx *x)
{
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    input_mpq(x, IND_ROLE_A, a);
    input_mpq(x, IND_ROLE_B, b);
    mpq_sub(x->value, a, b);
    mpq_set(x->fraction, x->value);
    add_input(x, IND_ROLE_A);
    ind_text_add(&x->working, " - ");
    add_input(x, IND_ROLE_B);
    working_result(x, 0);
    mpq_clears(a, b, NULL);
    return 1;
}

static void compute(ctx *x)
{
    const ind_claim *c = x->c;
    x->defined = 1;
    switch (c->kind) {
    case IND_CLAIM_PERCENT_CHANGE:
        compute_change(x);
        break;
    case IND_CLAIM_SHARE:
        compute_quotient(x, IND_ROLE_PART, IND_ROLE_WHOLE, IND_ROLE_N,
                         "a share of a whole of zero is undefined");
        break;
    case IND_CLAIM_RATE:
        compute_quotient(x, IND_ROLE_COUNT, IND_ROLE_POPULATION, IND_ROLE_PER,
                         "a rate in a population of zero is undefined");
        break;
    case IND_CLAIM_RATIO:
        compute_quotient(x, IND_ROLE_NUMERATOR, IND_ROLE_DENOMINATOR, IND_ROLE_N,
                         "a ratio to zero is undefined");
        break;
    case IND_CLAIM_SUM:
        compute_sum(x);
        break;
    case IND_CLAIM_DIFFERENCE:
        compute_difference(x);
        break;
    default:
        x->defined = 0;
        break;
    }
}

/* ---- comparing at the stated precision ----------------------------------------- */

typedef enum { MATCH_NONE, MATCH_EXACT, MATCH_NEIGHBOUR } match_kind;

/* Rounds v to d + extra decimals, then one decimal at a time down to d;
** the result in units of 10^-d. */
static void round_in_steps(mpz_t out, const mpq_t v, int d, int extra)
{
    mpq_t y;
    mpq_init(y);
    mpq_set(y, v);
    for (int k = extra; k >= 0; k--) {
        ind_round_units(out, y, d + k);
        ind_units_mpq(y, out, d + k);
    }
    mpq_clear(y);
}

/* How the other neighbour `other` of v (r being the rounded one, both in
** units of 10^-d) was most likely reached: cut towards zero, or, away from
** zero, rounded in steps (and in how many) or simply rounded up. */
static ind_rounding_slip neighbour_slip(const mpz_t other, const mpz_t r, const mpq_t v,
                                        int d, int *steps)
{
    if (mpz_cmpabs(other, r) < 0)
        return IND_SLIP_TRUNCATED;
    mpz_t u;
    mpz_init(u);
    ind_rounding_slip slip = IND_SLIP_ROUNDED_UP;
    for (int k = 1; k <= MAX_EXTRA_DECIMALS; k++) {
        round_in_steps(u, v, d, k);
        if (mpz_cmp(u, other) == 0) {
            slip = IND_SLIP_DOUBLE;
            *steps = k;
            break;
        }
    }
    mpz_clear(u);
    return slip;
}

/* How stated compares with v at d decimals; for a neighbour, how it was
** most likely reached (and in how many extra steps, for double rounding). */
static match_kind match(const mpq_t v, const mpq_t stated, int d,
                        ind_rounding_slip *slip, int *steps)
{
    mpz_t s, r, other;
    mpq_t xs;
    mpz_inits(s, r, other, NULL);
    mpq_init(xs);
    ind_round_units(s, stated, d); /* exact: stated has at most d decimals */
    ind_round_units(r, v, d);
    *slip = IND_SLIP_NONE;
    *steps = 0;
    match_kind m = MATCH_NONE;
    mpz_ui_pow_ui(mpq_numref(xs), 10, (unsigned long)d);
    mpq_mul(xs, xs, v);
    if (mpz_cmp(s, r) == 0) {
        m = MATCH_EXACT;
    } else if (mpz_cmp_ui(mpq_denref(xs), 1) != 0) {
        /* Not exact at d: the neighbours are floor and floor + 1. */
        mpz_fdiv_q(other, mpq_numref(xs), mpq_denref(xs));
        if (mpz_cmp(r, other) == 0)
            mpz_add_ui(other, other, 1);
        if (mpz_cmp(s, other) == 0) {
            m = MATCH_NEIGHBOUR;
            *slip = neighbour_slip(other, r, v, d, steps);
        }
    }
    mpz_clears(s, r, other, NULL);
    mpq_clear(xs);
    return m;
}

/* Non-zero when v rounds to the stated figure at the claim's precision. */
static int fits(const ctx *x, const mpq_t v)
{
    ind_rounding_slip slip;
    int steps;
    return match(v, x->stated, x->d, &slip, &steps) == MATCH_EXACT;
}

/* +1, -1 or 0: the sign of the correct figure as it shows at the stated
** precision (a change that rounds to zero has no direction). */
static int shown_sign(const ctx *x)
{
    mpz_t r;
    mpz_init(r);
    ind_round_units(r, x->value, x->d);
    int s = mpz_sgn(r);
    mpz_clear(r);
    return s;
}

/* The direction the claim gives: its sign if written, else its word. */
static ind_direction claimed(const ind_claim *c)
{
    if (c->stated.negative)
        return IND_DIRECTION_DOWN;
    if (c->stated.plus)
        return IND_DIRECTION_UP;
    return c->direction;
}

static int contradicts(const ctx *x)
{
    if (!x->dir_kind)
        return 0;
    int s = shown_sign(x);
    ind_direction d = claimed(x->c);
    return (d == IND_DIRECTION_UP && s < 0) || (d == IND_DIRECTION_DOWN && s > 0);
}

/* ---- readings ---------------------------------------------------------------------- */

static ind_claim_reading *add_reading(ctx *x, ind_finding what)
{
    if (x->n >= MAX_READINGS)
        return NULL;
    ind_claim_reading *r = &x->readings[x->n++];
    memset(r, 0, sizeof *r);
    r->what = what;
    return r;
}

static const char *keep(ctx *x, ind_text *t)
{
    const char *s = ind_text_finish(t, x->arena);
    if (s == NULL)
        x->failed = 1;
    return s;
}

static const char *keep_str(ctx *x, const char *s)
{
    const char *k = ind_arena_strdup(x->arena, s);
    if (k == NULL)
        x->failed = 1;
    return k;
}

/* A reading whose figure is v: its working and explanation given. */
static void formula_reading(ctx *x, ind_finding what, const mpq_t v,
                            const char *unit, const char *working,
                            const char *explain_fmt)
{
    ind_claim_reading *r = add_reading(x, what);
    if (r == NULL)
        return;
    char fig[FIG_MAX], exact[FIG_MAX], correct[FIG_MAX];
    figure_text(x, v, fig, sizeof fig);
    precise_unit(x, v, unit, exact, sizeof exact);
    figure_text(x, x->value, correct, sizeof correct);
    r->figure = keep_str(x, fig);
    ind_text t = {0};
    ind_text_addf(&t, "%s = %s", working, exact);
    r->working = keep(x, &t);
    /* explain_fmt takes: stated, this reading's working, the correct figure. */
    ind_text e = {0};
    ind_text_addf(&e, explain_fmt, x->c->stated.text, r->working != NULL ? r->working : "",
                  correct);
    r->explanation = keep(x, &e);
}

static void rounding_reading(ctx *x, ind_rounding_slip slip, int steps)
{
    ind_claim_reading *r = add_reading(x, IND_FINDING_ROUNDING);
    if (r == NULL)
        return;
    r->slip = slip;
    char exact[FIG_MAX], correct[FIG_MAX];
    precise_text(x, x->target, exact, sizeof exact);
    figure_text(x, x->value, correct, sizeof correct);
    r->figure = keep_str(x, x->c->stated.text);
    ind_text w = {0}, e = {0};
    const char *st = x->c->stated.text;
    if (slip == IND_SLIP_TRUNCATED) {
        ind_text_addf(&w, "%s cut to %d decimal%s", exact, x->d, x->d == 1 ? "" : "s");
        ind_text_addf(&e, "%s is %s truncated instead of rounded; rounded half away "
                          "from zero it is %s", st, exact, correct);
    } else if (slip == IND_SLIP_DOUBLE) {
        /* The chain as the figures were written: 20.47% -> 20.5% -> 21%. */
        ind_text_add(&w, exact);
        mpz_t u;
        mpq_t y;
        mpz_init(u);
        mpq_init(y);
        mpq_set(y, x->target);
        for (int k = steps; k >= 0; k--) {
            char step[FIG_MAX];
            ind_round_units(u, y, x->d + k);
            ind_units_mpq(y, u, x->d + k);
            ind_units_write(u, x->d + k, 1, step, sizeof step);
            ind_text_addf(&w, " -> %s%s", step[0] == '-' ? step + 1 : step, unit_symbol(x));
        }
        mpz_clear(u);
        mpq_clear(y);
        const char *chain = w.s != NULL ? w.s : "";
        ind_text_addf(&e, "%s is %s rounded in steps (%s); rounded once, half away "
                          "from zero, it is %s", st, exact, chain, correct);
    } else {
        ind_text_addf(&w, "%s rounded away from zero", exact);
        ind_text_addf(&e, "%s is %s rounded the wrong way; rounded half away from "
                          "zero it is %s", st, exact, correct);
    }
    r->working = keep(x, &w);
    r->explanation = keep(x, &e);
}

static void direction_reading(ctx *x)
{
    ind_claim_reading *r = add_reading(x, IND_FINDING_DIRECTION);
    if (r == NULL)
        return;
    const char *word = x->c->direction_word;
    const char *way = shown_sign(x) < 0 ? "a fall" : "a rise";
    ind_text e = {0};
    if (x->c->stated.negative || x->c->stated.plus)
        ind_text_addf(&e, "the sign of %s contradicts the change: %s is %s",
                      x->c->stated.text, x->working.s != NULL ? x->working.s : "", way);
    else
        ind_text_addf(&e, "the direction word \"%s\" contradicts the change: %s is %s",
                      word != NULL ? word : "", x->working.s != NULL ? x->working.s : "",
                      way);
    r->working = keep_str(x, x->working.s != NULL ? x->working.s : "");
    r->explanation = keep(x, &e);
}

/* out = num / den x 100; den is not zero. */
static void percent_of(mpq_t out, const mpq_t num, const mpq_t den)
{
    mpq_div(out, num, den);
    mpz_mul_ui(mpq_numref(out), mpq_numref(out), 100);
    mpq_canonicalize(out);
}

/* The readings of a percent change that does not hold, in order. */
static void change_readings(ctx *x)
{
    const ind_claim *c = x->c;
    mpq_t from, to, delta, v;
    mpq_inits(from, to, delta, v, NULL);
    input_mpq(x, IND_ROLE_FROM, from);
    input_mpq(x, IND_ROLE_TO, to);
    mpq_sub(delta, to, from);
    mpq_abs(delta, delta);
    char f[FIG_MAX + 8], t[FIG_MAX + 8], w[8 * FIG_MAX];
    input_text(c->input[IND_ROLE_FROM], f, sizeof f);
    input_text(c->input[IND_ROLE_TO], t, sizeof t);
    int inputs_percent = c->input[IND_ROLE_FROM]->unit == IND_FIGURE_PERCENT;
    if (x->points) {
        if (mpq_sgn(from) != 0) {
            percent_of(v, delta, from);
            if (fits(x, v)) {
                snprintf(w, sizeof w, "|%s - %s| / %s", t, f, f);
                formula_reading(x, IND_FINDING_POINTS_CONFUSED, v, "%", w,
                                "%s is the percent change (%s) written as percentage "
                                "points; the change is %s");
            }
        }
        mpq_clears(from, to, delta, v, NULL);
        return;
    }
    if (mpq_sgn(to) != 0) {
        percent_of(v, delta, to);
        if (fits(x, v)) {
            snprintf(w, sizeof w, "|%s - %s| / %s", t, f, t);
            formula_reading(x, IND_FINDING_BASE_LATER, v, "%", w,
                            "%s takes the later value as the base (%s); the change is %s");
        }
    }
    mpq_t mean;
    mpq_init(mean);
    mpq_add(mean, from, to);
    mpq_div_2exp(mean, mean, 1);
    if (mpq_sgn(mean) != 0) {
        percent_of(v, delta, mean);
        if (fits(x, v)) {
            snprintf(w, sizeof w, "|%s - %s| / mean(%s, %s)", t, f, f, t);
            formula_reading(x, IND_FINDING_PERCENT_DIFFERENCE, v, "%", w,
                            "%s is the percentage difference (%s), not the percentage "
                            "change; the change is %s");
        }
    }
    mpq_clear(mean);
    if (fits(x, delta)) {
        snprintf(w, sizeof w, "|%s - %s|", t, f);
        if (inputs_percent)
            formula_reading(x, IND_FINDING_POINTS_CONFUSED, delta, " percentage points", w,
                            "%s is the change in percentage points (%s) written as a "
                            "percent change; the percent change is %s");
        else
            formula_reading(x, IND_FINDING_ABSOLUTE_AS_PERCENT, delta, "", w,
                            "%s is the absolute change (%s) written as a percent; "
                            "the change is %s");
    }
    mpq_clears(from, to, delta, v, NULL);
}

static void share_readings(ctx *x)
{
    mpq_t part;
    mpq_init(part);
    input_mpq(x, IND_ROLE_PART, part);
    if (fits(x, part)) {
        formula_reading(x, IND_FINDING_ABSOLUTE_AS_PERCENT, part, "", "part",
                        "%s is the count (%s) written as a percent; the share is %s");
    }
    mpq_clear(part);
}

/* Digits a and b differ by one typing slip: a digit added or dropped, or
** two neighbours swapped. (A changed digit is left out: with small counts
** almost any total is one changed digit away.) */
static int one_slip(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb) {
        size_t i = 0;
        while (i < la && a[i] == b[i])
            i++;
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               strcmp(a + i + 2, b + i + 2) == 0;
    }
    if (la + 1 == lb || lb + 1 == la) {
        const char *s = la < lb ? a : b, *l = la < lb ? b : a;
        size_t i = 0;
        while (s[i] != '\0' && s[i] == l[i])
            i++;
        return strcmp(s + i, l + i + 1) == 0;
    }
    return 0;
}

/* "part 3 ("2") as 22": every whole-number part that one typing slip away
** would make the parts sum to the total. */
static void typing_hint(ctx *x, ind_text *e)
{
    const ind_claim *c = x->c;
    mpq_t need, part;
    mpq_inits(need, part, NULL);
    int found = 0;
    for (size_t i = 0; i < c->n_parts; i++) {
        if (c->parts[i].decimals != 0 || c->stated.decimals != 0)
            break;
        ind_figure_mpq(&c->parts[i], part);
        mpq_sub(need, x->stated, x->value);
        mpq_add(need, need, part);
        if (mpq_sgn(need) < 0 || mpz_cmp_ui(mpq_denref(need), 1) != 0)
            continue;
        char digits[FIG_MAX];
        if (mpz_sizeinbase(mpq_numref(need), 10) + 2 > sizeof digits)
            continue;
        mpz_get_str(digits, 10, mpq_numref(need));
        if (!one_slip(c->parts[i].digits, digits))
            continue;
        ind_text_addf(e, "%s part %zu (\"%s\") as %s",
                      found ? " or" : "; one typing slip would mend it:", i + 1,
                      c->parts[i].text, digits);
        found = 1;
    }
    mpq_clears(need, part, NULL);
}

static void sum_reading(ctx *x)
{
    ind_claim_reading *r = add_reading(x, IND_FINDING_SUM_PARTS);
    if (r == NULL)
        return;
    char sum[FIG_MAX], gap[FIG_MAX];
    figure_text(x, x->value, sum, sizeof sum);
    mpq_t diff;
    mpq_init(diff);
    mpq_sub(diff, x->stated, x->value);
    int over = mpq_sgn(diff) < 0;
    mpq_abs(diff, diff);
    precise_text(x, diff, gap, sizeof gap);
    mpq_clear(diff);
    ind_text e = {0};
    ind_text_addf(&e, "the parts sum to %s, not %s (%s): they are %s %s the total, so a "
                      "part or the total is wrong", sum, x->c->stated.text,
                  x->working.s != NULL ? x->working.s : "", gap, over ? "over" : "short of");
    typing_hint(x, &e);
    r->figure = keep_str(x, sum);
    r->working = keep_str(x, x->working.s != NULL ? x->working.s : "");
    r->explanation = keep(x, &e);
}

/* ---- the verdict -------------------------------------------------------------------- */

static void setup(ctx *x, const ind_claim *c, ind_arena *arena)
{
    memset(x, 0, sizeof *x);
    x->c = c;
    x->arena = arena;
    x->d = c->decimals;
    /* Changes and shares are percentages whatever the stated unit; a sum or
    ** difference of percentages is shown as one. */
    x->percent = c->kind == IND_CLAIM_SHARE ||
                 (c->kind == IND_CLAIM_PERCENT_CHANGE && c->stated.unit != IND_FIGURE_POINTS) ||
                 ((c->kind == IND_CLAIM_SUM || c->kind == IND_CLAIM_DIFFERENCE) &&
                  c->stated.unit == IND_FIGURE_PERCENT);
    x->points = (c->kind == IND_CLAIM_PERCENT_CHANGE || c->kind == IND_CLAIM_DIFFERENCE ||
                 c->kind == IND_CLAIM_SUM) && c->stated.unit == IND_FIGURE_POINTS;
    /* A percent change is judged on its magnitude and its direction apart;
    ** a difference only when a direction word says which way it goes
    ** ("fell by 23"), else as the signed a - b. */
    x->dir_kind = c->kind == IND_CLAIM_PERCENT_CHANGE ||
                  (c->kind == IND_CLAIM_DIFFERENCE && c->direction != IND_DIRECTION_NONE);
    mpq_inits(x->value, x->fraction, x->target, x->stated, NULL);
}

static void teardown(ctx *x)
{
    mpq_clears(x->value, x->fraction, x->target, x->stated, NULL);
    ind_text_free(&x->working);
}

/* The correct figure as it replaces the stated one: "No change" stays
** words when the change is nil and becomes "5% increase" when not. */
static void correct_text(const ctx *x, char *buf, size_t size)
{
    char fig[FIG_MAX];
    figure_text(x, x->value, fig, sizeof fig);
    if (!x->c->stated.no_change) {
        snprintf(buf, size, "%s", fig);
        return;
    }
    int s = shown_sign(x);
    if (s == 0)
        snprintf(buf, size, "%s", x->c->stated.text);
    else
        snprintf(buf, size, "%s %s", fig, s > 0 ? "increase" : "decrease");
}

static void choose(ctx *x, ind_claim_verdict *v)
{
    ind_rounding_slip slip;
    int steps;
    match_kind m = match(x->target, x->stated, x->d, &slip, &steps);
    int contra = contradicts(x);
    if (m == MATCH_EXACT) {
        if (contra)
            direction_reading(x);
        v->verdict = contra ? IND_FINDING_DIRECTION : IND_FINDING_OK;
        return;
    }
    if (m == MATCH_NEIGHBOUR)
        rounding_reading(x, slip, steps);
    if (x->c->kind == IND_CLAIM_PERCENT_CHANGE)
        change_readings(x);
    else if (x->c->kind == IND_CLAIM_SHARE && x->c->stated.unit != IND_FIGURE_POINTS)
        share_readings(x);
    /* The direction explains no magnitude: listed, but the verdict only
    ** when nothing else fits and the magnitude is right (above). */
    size_t magnitude_readings = x->n;
    if (contra)
        direction_reading(x);
    if (x->c->kind == IND_CLAIM_SUM && m == MATCH_NONE) {
        sum_reading(x);
        magnitude_readings = x->n;
    }
    v->verdict = magnitude_readings > 0 ? x->readings[0].what : IND_FINDING_MISMATCH;
}

static const char *explain(ctx *x, const ind_claim_verdict *v)
{
    ind_text e = {0};
    const char *working = x->working.s != NULL ? x->working.s : "";
    switch (v->verdict) {
    case IND_FINDING_OK:
        ind_text_addf(&e, "Holds: %s", working);
        break;
    case IND_FINDING_UNCHECKED:
        ind_text_add(&e, "Not checked: the inputs of this figure are not stated with it");
        break;
    case IND_FINDING_UNDEFINED:
        ind_text_addf(&e, "%s cannot be right: %s (%s)", x->c->stated.text,
                      x->why_undefined, working);
        break;
    case IND_FINDING_MISMATCH:
        ind_text_addf(&e, "%s does not follow from the inputs and no known slip gives "
                          "it: %s, so the figure is %s", x->c->stated.text, working,
                      v->correct != NULL ? v->correct : "?");
        break;
    default: {
        const char *first = x->n > 0 && x->readings[0].explanation != NULL
                                ? x->readings[0].explanation : "";
        ind_text_addf(&e, "%c%s", first[0] >= 'a' && first[0] <= 'z' ? first[0] - 32 : first[0],
                      first[0] != '\0' ? first + 1 : "");
        if (v->verdict != IND_FINDING_DIRECTION && v->verdict != IND_FINDING_SUM_PARTS)
            ind_text_addf(&e, " (%s)", working);
        for (size_t i = 1; i < x->n; i++)
            ind_text_addf(&e, "%s %s%s%s", i == 1 ? ". Also fits:" : ";",
                          ind_finding_title(x->readings[i].what),
                          x->readings[i].figure != NULL ? ", " : "",
                          x->readings[i].figure != NULL ? x->readings[i].working : "");
        break;
    }
    }
    if (v->verdict == IND_FINDING_MISMATCH && contradicts(x))
        ind_text_addf(&e, "; the direction word \"%s\" contradicts it as well",
                      x->c->direction_word != NULL ? x->c->direction_word : x->c->stated.text);
    if (v->judged_on_magnitude)
        ind_text_add(&e, ". No direction word: judged on magnitude");
    ind_text_add(&e, ".");
    return keep(x, &e);
}

/* ---- rewriting ------------------------------------------------------------------------- */

static int is_num_char(char ch)
{
    return (ch >= '0' && ch <= '9') || ch == '.' || ch == ',';
}

/* The one place in quote where needle stands as a figure of its own (not
** inside a longer number); NULL when it is absent or there twice. */
static const char *find_once(const char *quote, const char *needle)
{
    size_t n = strlen(needle);
    const char *found = NULL;
    if (n == 0)
        return NULL;
    for (const char *p = quote; (p = strstr(p, needle)) != NULL; p++) {
        int before_ok = p == quote || !(p[-1] >= '0' && p[-1] <= '9');
        int after_ok = !(p[n] >= '0' && p[n] <= '9') &&
                       !((p[n] == '.' || p[n] == ',') && p[n + 1] >= '0' && p[n + 1] <= '9');
        if (!before_ok || !after_ok || (p > quote && is_num_char(p[-1]) && p[-1] != ','))
            continue;
        if (found != NULL)
            return NULL;
        found = p;
    }
    return found;
}

static int word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-';
}

/* The first whole-word occurrence of word in s, any case. */
static const char *find_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = s; *p != '\0'; p++) {
        if (strncasecmp(p, word, n) == 0 && (p == s || !word_char(p[-1])) &&
            !word_char(p[n]))
            return p;
    }
    return NULL;
}

/* The quote with the figure replaced, and the direction word turned round
** when it contradicts the change. */
static int edit_quote(ctx *x, const char *correct, ind_text *out)
{
    const char *q = x->c->source.quote;
    const char *at = find_once(q, x->c->stated.text);
    if (at == NULL)
        return 0;
    const char *word = NULL, *opposite = NULL;
    if (contradicts(x) && x->c->direction_word != NULL) {
        word = find_word(q, x->c->direction_word);
        opposite = ind_direction_opposite(x->c->direction_word, strlen(x->c->direction_word));
        if (opposite == NULL)
            word = NULL;
    }
    size_t flen = strlen(x->c->stated.text);
    size_t wlen = word != NULL ? strlen(x->c->direction_word) : 0;
    for (const char *p = q; *p != '\0';) {
        if (p == at) {
            ind_text_add(out, correct);
            p += flen;
        } else if (p == word) {
            char first = opposite[0];
            if (*p >= 'A' && *p <= 'Z')
                first = (char)(first - 32);
            ind_text_addf(out, "%c%s", first, opposite + 1);
            p += wlen;
        } else {
            ind_text_addn(out, p, 1);
            p++;
        }
    }
    return 1;
}

/* A sentence made from the inputs, for claims without a usable quote. */
static void made_sentence(ctx *x, const char *correct, ind_text *out)
{
    const ind_claim *c = x->c;
    const char *subject = c->subject != NULL ? c->subject : "The figure";
    char a[FIG_MAX + 8], b[FIG_MAX + 8], p[FIG_MAX + 8];
    switch (c->kind) {
    case IND_CLAIM_PERCENT_CHANGE: {
        input_text(c->input[IND_ROLE_FROM], a, sizeof a);
        input_text(c->input[IND_ROLE_TO], b, sizeof b);
        int s = shown_sign(x);
        char fig[FIG_MAX];
        figure_text(x, x->value, fig, sizeof fig);
        if (s == 0)
            ind_text_addf(out, "%s did not change (%s to %s)", subject, a, b);
        else
            ind_text_addf(out, "%s %s %s (%s to %s)", subject, s > 0 ? "rose" : "fell",
                          fig[0] == '-' ? fig + 1 : fig, a, b);
        break;
    }
    case IND_CLAIM_SHARE:
        input_text(c->input[IND_ROLE_PART], a, sizeof a);
        input_text(c->input[IND_ROLE_WHOLE], b, sizeof b);
        ind_text_addf(out, "%s: %s (%s of %s)", subject, correct, a, b);
        break;
    case IND_CLAIM_RATE:
        input_text(c->input[IND_ROLE_COUNT], a, sizeof a);
        input_text(c->input[IND_ROLE_POPULATION], b, sizeof b);
        input_text(c->input[IND_ROLE_PER], p, sizeof p);
        ind_text_addf(out, "%s: %s per %s (%s of %s)", subject, correct, p, a, b);
        break;
    case IND_CLAIM_SUM:
        ind_text_addf(out, "%s: ", subject);
        for (size_t i = 0; i < c->n_parts; i++) {
            input_text(&c->parts[i], a, sizeof a);
            ind_text_addf(out, "%s%s", i ? " + " : "", a);
        }
        ind_text_addf(out, " = %s", correct);
        break;
    case IND_CLAIM_DIFFERENCE:
        input_text(c->input[IND_ROLE_A], a, sizeof a);
        input_text(c->input[IND_ROLE_B], b, sizeof b);
        ind_text_addf(out, "%s: %s - %s = %s", subject, a, b, correct);
        break;
    case IND_CLAIM_RATIO:
        input_text(c->input[IND_ROLE_NUMERATOR], a, sizeof a);
        input_text(c->input[IND_ROLE_DENOMINATOR], b, sizeof b);
        ind_text_addf(out, "%s: %s / %s = %s", subject, a, b, correct);
        break;
    default:
        break;
    }
}

static const char *rewrite(ctx *x, const ind_claim_verdict *v)
{
    if (v->verdict == IND_FINDING_UNDEFINED || v->verdict == IND_FINDING_UNCHECKED)
        return NULL;
    ind_text out = {0};
    const char *q = x->c->source.quote;
    if (v->verdict == IND_FINDING_OK && q != NULL)
        return keep_str(x, q);
    /* Parts that do not add up cannot say which figure to mend: the
    ** sentence states the sum instead of editing the total. */
    if (v->verdict == IND_FINDING_SUM_PARTS)
        q = NULL;
    if (q == NULL || !edit_quote(x, v->correct, &out)) {
        ind_text_free(&out);
        made_sentence(x, v->correct, &out);
    }
    return keep(x, &out);
}

static void finish(ctx *x, ind_claim_verdict *v)
{
    char correct[2 * FIG_MAX];
    if (x->defined) {
        correct_text(x, correct, sizeof correct);
        v->correct = keep_str(x, correct);
        v->correct_value = mpq_get_d(x->value);
        char frac[512];
        fraction_text(x->fraction, frac, sizeof frac);
        v->fraction = keep_str(x, frac);
    }
    v->working = keep_str(x, x->working.s != NULL ? x->working.s : "");
    ind_claim_reading *readings = x->n ? ind_arena_array(x->arena, x->n, sizeof *readings) : NULL;
    if (x->n && readings == NULL)
        x->failed = 1;
    else if (x->n)
        memcpy(readings, x->readings, x->n * sizeof *readings);
    v->readings = readings;
    v->n_readings = readings != NULL ? x->n : 0;
    v->holds = v->verdict == IND_FINDING_OK;
    v->explanation = explain(x, v);
    v->rewrite = rewrite(x, v);
}

int ind_verify_claim(const ind_claim *claim, ind_arena *arena, ind_claim_verdict *out,
                     ind_error *err)
{
    if (claim == NULL || arena == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_verify_claim: no claim, arena or output");
    memset(out, 0, sizeof *out);
    out->claim = claim;
    out->correct_value = NAN;
    ctx x;
    setup(&x, claim, arena);
    out->judged_on_magnitude = claim->kind == IND_CLAIM_PERCENT_CHANGE &&
                               claimed(claim) == IND_DIRECTION_NONE;
    if (claim->kind == IND_CLAIM_UNPAIRED) {
        out->verdict = IND_FINDING_UNCHECKED;
    } else {
        compute(&x);
        ind_figure_mpq(&claim->stated, x.stated);
        mpq_set(x.target, x.value);
        if (x.dir_kind) {
            mpq_abs(x.stated, x.stated);
            mpq_abs(x.target, x.target);
        }
        if (!x.defined)
            out->verdict = IND_FINDING_UNDEFINED;
        else
            choose(&x, out);
    }
    finish(&x, out);
    int failed = x.failed || x.working.failed;
    teardown(&x);
    if (failed)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", claim->where);
    return IND_OK;
}
