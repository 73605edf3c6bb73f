/*
** scorecard.c: statuses of a result's measures, its dataset's series
** targets and projects at one reporting period, and the summary table.
**
** The work for a statistical item: find the measure's period that holds the
** end of the reporting period, find the target step in force there, take
** the figure the target's scope names (the period's, the year to date, or
** the year to date against a pro rata share of an annual target), judge it
** (target.c), and write the reason and the commentary. A target on a raw
** series is judged on a count measure built here from the series, with the
** same changes, runs and year-to-date sums the analysis gives indicators.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "indicate/arena.h"
#include "indicate/change.h"
#include "indicate/format.h"
#include "indicate/present.h"
#include "indicate/scorecard.h"

#define LOC_MAX 512

typedef struct rules {
    ind_amount tolerance;
    int32_t slippage_days;
    int decimals;
    ind_commentary_opts commentary;
} rules;

/* One statistical item before it is judged. */
typedef struct candidate {
    const ind_measure *measure;
    const ind_target *target;
} candidate;

const char *ind_item_class_name(ind_item_class c)
{
    return c == IND_ITEM_PROJECT ? "project" : "statistical";
}

/* ---- small helpers ---------------------------------------------------------- */

static const char *file_of(const ind_dataset *ds)
{
    return ds->file != NULL ? ds->file : "(dataset)";
}

/* "file: $.targets[2].member" for messages about a target. */
static void where(const ind_target *t, const char *member, char *buf, size_t size)
{
    const char *file = t->origin.file != NULL ? t->origin.file : "(dataset)";
    if (t->origin.path == NULL)
        snprintf(buf, size, "%s", file);
    else if (t->origin.line > 0)
        snprintf(buf, size, "%s:%d: %s%s%s", file, (int)t->origin.line, t->origin.path,
                 member != NULL ? "." : "", member != NULL ? member : "");
    else
        snprintf(buf, size, "%s: %s%s%s", file, t->origin.path,
                 member != NULL ? "." : "", member != NULL ? member : "");
}

static void appendf(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void appendf(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

static ind_date day_of(const char *iso)
{
    ind_date d = 0;
    ind_date_parse(iso, &d, NULL, 0);
    return d;
}

/* The first and last days of a period. */
static int period_days(ind_period p, ind_date *first, ind_date *last)
{
    char a[11], b[11];
    if (ind_period_dates(p, a, b) != IND_OK)
        return IND_EINVAL;
    *first = day_of(a);
    *last = day_of(b);
    return IND_OK;
}

/* The measure's period holding the last day of p (*mp): its index, or -1
** when the measure does not reach it; its label either way. */
static long index_for(const ind_measure *m, ind_period p, ind_period *mp,
                      char *label, size_t size)
{
    ind_date first, last;
    label[0] = '\0';
    mp->kind = m->period_kind;
    mp->ordinal = 0;
    if (period_days(p, &first, &last) != IND_OK)
        return -1;
    *mp = ind_date_period(m->period_kind, last);
    if (m->n > 0 && mp->ordinal >= m->ordinal[0] && mp->ordinal <= m->ordinal[m->n - 1]) {
        long t = (long)(mp->ordinal - m->ordinal[0]);
        snprintf(label, size, "%s", m->label[t]);
        return t;
    }
    if (ind_period_label(*mp, label, size) < 0)
        label[0] = '\0';
    return -1;
}


/* ---- a count measure from a raw series ------------------------------------------ */

/* A series target is judged on the series analysed as a count measure, with
** the polarity its target states. The result is the scorecard's: it is
** freed with it. */
static int series_measure(ind_scorecard *sc, const ind_dataset *ds, const ind_series *s,
                          const ind_target *tg, const ind_measure **out, ind_error *err)
{
    int polarity = tg->polarity == IND_TARGET_HIGHER ? 1 : tg->polarity == IND_TARGET_LOWER ? -1 : 0;
    ind_result *res;
    int rc = ind_analyse_series(ds, s->id, polarity, NULL, &res, err);
    if (rc != IND_OK)
        return rc;
    sc->series_results[sc->n_series_results++] = res;
    *out = &res->measure[0];
    return IND_OK;
}

/* ---- gathering the statistical items ---------------------------------------------- */

/* The dataset's target on the measure with this id, or NULL (the builder
** allows one at most). */
static const ind_target *measure_target(const ind_dataset *ds, const char *id)
{
    for (size_t i = 0; i < ds->n_targets; i++)
        if (ds->targets[i].measure != NULL && strcmp(ds->targets[i].measure, id) == 0)
            return &ds->targets[i];
    return NULL;
}

/* Every measure of the result with its target, then every series target
** with a measure built for it; a target on a measure the result lacks is
** an error. */
static int gather(const ind_result *r, const ind_dataset *ds, ind_scorecard *sc,
                  candidate *out, size_t *n_out, ind_error *err)
{
    size_t n = 0;
    for (size_t j = 0; j < r->n_measures; j++) {
        out[n].measure = &r->measure[j];
        out[n++].target = measure_target(ds, r->measure[j].id);
    }
    for (size_t i = 0; i < ds->n_targets; i++) {
        const ind_target *t = &ds->targets[i];
        char loc[LOC_MAX];
        if (t->measure != NULL) {
            int found = 0;
            for (size_t j = 0; j < r->n_measures && !found; j++)
                found = strcmp(r->measure[j].id, t->measure) == 0;
            if (found)
                continue;
            where(t, "measure", loc, sizeof loc);
            return ind_error_set(err, IND_ENOTFOUND,
                                 "%s: no measure %s was computed for area \"%s\" (is "
                                 "the plug-in that defines it loaded, and does the "
                                 "dataset hold its inputs? see 'indicate list')",
                                 loc, t->measure, ds->area);
        }
        const ind_series *s = ind_dataset_find(ds, t->series);
        if (s == NULL)
            return ind_error_set(err, IND_EINVAL, "series %s vanished", t->series);
        int rc = series_measure(sc, ds, s, t, &out[n].measure, err);
        if (rc != IND_OK)
            return rc;
        out[n++].target = t;
    }
    *n_out = n;
    return IND_OK;
}

/* ---- the reporting period --------------------------------------------------------- */

static int has_any_target(const ind_target *t)
{
    for (size_t i = 0; t != NULL && i < t->n_steps; i++)
        if (t->steps[i].has_target)
            return 1;
    return 0;
}

/* The latest period with a figure among the items with targets (all items
** when none has one): ending last, the coarsest kind on a tie. */
static int latest_period(const candidate *sub, size_t n, int with_targets,
                         ind_period *out)
{
    int found = 0;
    ind_date best_last = 0;
    for (size_t i = 0; i < n; i++) {
        const ind_measure *m = sub[i].measure;
        if (with_targets && !has_any_target(sub[i].target))
            continue;
        for (size_t t = m->n; t-- > 0;) {
            if (isnan(m->point[t].value))
                continue;
            ind_period p = { m->period_kind, m->ordinal[t] };
            ind_date first, last;
            if (period_days(p, &first, &last) != IND_OK)
                break;
            int coarser = found && last == best_last &&
                          ind_period_per_year(p.kind) < ind_period_per_year(out->kind);
            if (!found || last > best_last || coarser) {
                *out = p;
                best_last = last;
                found = 1;
            }
            break;
        }
    }
    return found ? IND_OK : IND_ENOTFOUND;
}

/* The latest period among the measures with targets, else among all. */
static int default_period(const candidate *sub, size_t n, ind_period *out)
{
    int with_targets = 0;
    for (size_t i = 0; i < n; i++)
        with_targets |= has_any_target(sub[i].target);
    if (with_targets && latest_period(sub, n, 1, out) == IND_OK)
        return IND_OK;
    return latest_period(sub, n, 0, out);
}

/* Non-zero when period p shares a day with the measure's span. */
static int overlaps(const ind_measure *m, ind_period p)
{
    ind_date first, last, m_first, m_last, unused;
    if (m->n == 0 || period_days(p, &first, &last) != IND_OK)
        return 0;
    ind_period a = { m->period_kind, m->ordinal[0] }, b = { m->period_kind, m->ordinal[m->n - 1] };
    if (period_days(a, &m_first, &unused) != IND_OK || period_days(b, &unused, &m_last) != IND_OK)
        return 0;
    return first <= m_last && m_first <= last;
}

/* The caller's period, checked against the data, or the default one. */
static int reporting_period(const ind_scorecard_opts *o, const candidate *sub, size_t n,
                            const ind_dataset *ds, ind_period *out, ind_error *err)
{
    if (o->period == NULL) {
        if (default_period(sub, n, out) == IND_OK)
            return IND_OK;
        return ind_error_set(err, IND_ENOTFOUND,
                             "%s: area \"%s\": no measure has a figure to judge; "
                             "name a period", file_of(ds), ds->area);
    }
    ind_error perr = { 0 };
    if (ind_period_parse(o->period, IND_PERIOD_NONE, out, &perr) != IND_OK)
        return ind_error_set(err, IND_EINVAL, "%s", perr.message);
    for (size_t i = 0; i < n; i++)
        if (overlaps(sub[i].measure, *out))
            return IND_OK;
    return ind_error_set(err, IND_ENOTFOUND,
                         "%s: area \"%s\": period %s is outside the data of every measure",
                         file_of(ds), ds->area, o->period);
}

/* ---- judging one measure ------------------------------------------------------------ */

/* How the measure's figures are written, which decides how its targets
** must be: a proportion is a fraction, a ratio with unit "%" a percentage. */
static ind_target_unit unit_of(const ind_measure *m)
{
    if (m->kind == IND_MEASURE_PROPORTION)
        return IND_TARGET_UNIT_FRACTION;
    if (m->kind == IND_MEASURE_RATIO && m->unit != NULL && strcmp(m->unit, "%") == 0)
        return IND_TARGET_UNIT_PERCENT;
    return IND_TARGET_UNIT_AMOUNT;
}

/* Amounts in pounds are written with the pound sign. */
static int is_money(const ind_measure *m)
{
    return m->unit != NULL && strcmp(m->unit, "GBP") == 0;
}

/* A figure in the measure's units, as the reasons write it. */
static void number_text(const ind_measure *m, double x, int decimals, char *buf,
                        size_t size)
{
    char num[IND_FORMAT_MAX];
    switch (unit_of(m)) {
    case IND_TARGET_UNIT_FRACTION:
        if (ind_format_double(x * 100, decimals, 1, num, sizeof num) < 0)
            snprintf(num, sizeof num, "?");
        snprintf(buf, size, "%s%%", num);
        return;
    case IND_TARGET_UNIT_PERCENT:
        if (ind_format_double(x, decimals, 1, num, sizeof num) < 0)
            snprintf(num, sizeof num, "?");
        snprintf(buf, size, "%s%%", num);
        return;
    default:
        if (m->kind == IND_MEASURE_COUNT) {
            if (ind_format_amount(fabs(x), 2, num, sizeof num) < 0)
                snprintf(num, sizeof num, "?");
            snprintf(buf, size, "%s%s%s", x < 0 ? "-" : "", is_money(m) ? "\xc2\xa3" : "", num);
        } else {
            ind_present_number(m, x, decimals, buf, size);
        }
    }
}

/* The step's target as written, with the pound sign for money. */
static void target_text(const ind_measure *m, const ind_amount *a, char *buf, size_t size)
{
    char num[40];
    if (ind_amount_format(a, num, sizeof num) < 0)
        snprintf(num, sizeof num, "?");
    snprintf(buf, size, "%s%s", a->form == IND_AMOUNT_NUMBER && is_money(m) ? "\xc2\xa3" : "", num);
}

/* The target's own polarity, else the indicator's; UNSET for a neutral
** indicator, which the caller refuses. */
static ind_target_polarity polarity_of(const ind_measure *m, const ind_target *t)
{
    if (t->polarity != IND_TARGET_POLARITY_UNSET)
        return t->polarity;
    return m->polarity > 0 ? IND_TARGET_HIGHER
         : m->polarity < 0 ? IND_TARGET_LOWER
                           : IND_TARGET_POLARITY_UNSET;
}

/* The JSON member a step's target was read from, for messages. */
static void step_member(const ind_target_step *st, char *buf, size_t size)
{
    if (st->position >= 0)
        snprintf(buf, size, "schedule[%d].target", (int)st->position);
    else
        snprintf(buf, size, "target");
}

/* The figure the scope names, with the pro rata share. */
static int scoped_figure(const ind_measure *m, const ind_target *tg, ind_status *st,
                         ind_error *err)
{
    char loc[LOC_MAX];
    int per_year = ind_period_per_year(m->period_kind);
    st->part = st->whole = 1;
    if (tg->scope == IND_SCOPE_PERIOD) {
        st->figure = m->point[st->t];
        return IND_OK;
    }
    if (m->ytd == NULL && per_year > 1) {
        where(tg, "scope", loc, sizeof loc);
        return ind_error_set(err, IND_EDATA,
                             "%s: %s needs a year to date, which %s, a %s, does not "
                             "have: only flows over quarters or months have one",
                             loc, ind_target_scope_name(tg->scope), m->id,
                             m->is_flow ? "flow" : "snapshot");
    }
    if (tg->scope == IND_SCOPE_PRO_RATA && m->kind != IND_MEASURE_COUNT) {
        where(tg, "scope", loc, sizeof loc);
        return ind_error_set(err, IND_EDATA,
                             "%s: pro-rata scales an annual target for a count or "
                             "amount; %s is a %s", loc, m->id, ind_measure_kind_name(m->kind));
    }
    st->figure = m->ytd != NULL ? m->ytd[st->t] : m->point[st->t];
    if (tg->scope == IND_SCOPE_PRO_RATA && per_year > 1) {
        ind_period here = { m->period_kind, m->ordinal[st->t] };
        st->part = ind_period_position_in_year(here) + 1;
        st->whole = per_year;
    }
    return IND_OK;
}

static void figure_of(const ind_measure *m, const ind_point *p, ind_target_figure *x)
{
    x->value = p->value;
    x->unit = unit_of(m);
    x->is_count = m->kind == IND_MEASURE_COUNT;
    if (m->kind == IND_MEASURE_COUNT) {
        x->numerator = p->value;
        x->denominator = 1;
        x->scale = 1;
    } else {
        x->numerator = p->numerator;
        x->denominator = p->denominator;
        x->scale = m->kind == IND_MEASURE_PROPORTION ? 1 : m->multiplier;
    }
}

/* Checks the target's and tolerance's forms, naming the member at fault. */
static int check_forms(const ind_measure *m, const ind_target *tg,
                       const ind_target_step *step, const ind_amount *tol,
                       ind_error *err)
{
    char loc[LOC_MAX], member[64];
    ind_error why = { 0 };
    if (ind_target_check_target(unit_of(m), &step->target, &why) != IND_OK) {
        step_member(step, member, sizeof member);
        where(tg, member, loc, sizeof loc);
        return ind_error_set(err, why.code, "%s: target of %s %s: %s", loc,
                             ind_measure_kind_name(m->kind), m->id, why.message);
    }
    if (ind_target_check_tolerance(unit_of(m), tol, &why) != IND_OK) {
        where(tg, "tolerance", loc, sizeof loc);
        return ind_error_set(err, why.code, "%s: tolerance for %s %s: %s", loc,
                             ind_measure_kind_name(m->kind), m->id, why.message);
    }
    return IND_OK;
}

/* "73.6% (268 of 364) year to date" */
static void figure_words(const ind_measure *m, const ind_status *st, int decimals,
                         char *buf, size_t size)
{
    char v[IND_PRESENT_MAX], k[IND_FORMAT_MAX], n[IND_FORMAT_MAX];
    if (m->kind == IND_MEASURE_COUNT)
        number_text(m, st->figure.value, decimals, v, sizeof v);
    else
        ind_present_point(m, &st->figure, decimals, v, sizeof v);
    snprintf(buf, size, "%s", v);
    if (m->kind == IND_MEASURE_PROPORTION &&
        ind_format_amount(st->figure.numerator, 2, k, sizeof k) >= 0 &&
        ind_format_amount(st->figure.denominator, 2, n, sizeof n) >= 0)
        appendf(buf, size, " (%s of %s)", k, n);
    if (st->target != NULL && st->target->scope != IND_SCOPE_PERIOD &&
        ind_period_per_year(m->period_kind) > 1)
        appendf(buf, size, " year to date");
}

/* "75%", or "£100,000 pro rata (2 of 4 quarters of £200,000)". */
static void target_words(const ind_measure *m, const ind_status *st, int decimals,
                         char *buf, size_t size)
{
    char whole[48], part[64];
    target_text(m, &st->step->target, whole, sizeof whole);
    if (st->whole <= 1) {
        snprintf(buf, size, "%s", whole);
        return;
    }
    number_text(m, st->judgement.target, decimals, part, sizeof part);
    snprintf(buf, size, "%s pro rata (%d of %d %s of %s)", part, st->part, st->whole,
             st->whole == 4 ? "quarters" : "months", whole);
}

static const char *gap_words(ind_target_polarity p)
{
    return p == IND_TARGET_HIGHER ? "short of" : p == IND_TARGET_LOWER ? "above" : "away from";
}

/* The gap in the tolerance's terms, and the tolerance as a noun phrase:
** "the 10% tolerance", "the 2 pp tolerance", "the tolerance of £10,000". */
static void gap_and_tolerance(const ind_measure *m, const ind_judgement *j, int decimals,
                              char *gap, size_t gap_size, char *tol, size_t tol_size)
{
    char amount[40];
    if (j->tolerance.form == IND_AMOUNT_NUMBER) {
        number_text(m, j->width, decimals, amount, sizeof amount);
        snprintf(tol, tol_size, "the tolerance of %s", amount);
    } else {
        ind_amount_format(&j->tolerance, amount, sizeof amount);
        snprintf(tol, tol_size, "the %s tolerance", amount);
    }
    if (j->tolerance.form == IND_AMOUNT_PERCENT) {
        ind_format_double(j->gap_percent, decimals, 1, gap, gap_size);
        strncat(gap, "%", gap_size - strlen(gap) - 1);
    } else if (j->tolerance.form == IND_AMOUNT_POINTS) {
        ind_format_double(unit_of(m) == IND_TARGET_UNIT_FRACTION ? j->gap * 100 : j->gap,
                          decimals, 1, gap, gap_size);
        strncat(gap, " pp", gap_size - strlen(gap) - 1);
    } else {
        number_text(m, j->gap, decimals, gap, gap_size);
    }
}

/* "met", "1.8% short of the target, within the 10% tolerance (67.5% or
** more)", and for closer-is-better "0.5 pp away from the target, within
** the 2 pp tolerance". */
static void assess_judged(const ind_measure *m, ind_status *st, int decimals)
{
    const ind_judgement *j = &st->judgement;
    char gap[40], tol[72], bound[40];
    size_t size = sizeof st->assessment;
    if (st->level == IND_LEVEL_MET && st->polarity != IND_TARGET_CLOSER) {
        snprintf(st->assessment, size, "met");
        return;
    }
    gap_and_tolerance(m, j, decimals, gap, sizeof gap, tol, sizeof tol);
    const char *side = st->level == IND_LEVEL_MISSED ? "beyond" : "within";
    if (st->polarity == IND_TARGET_CLOSER) {
        snprintf(st->assessment, size, "%s away from the target, %s %s%s", gap, side,
                 st->level == IND_LEVEL_MET ? "" : "twice ", tol);
        return;
    }
    number_text(m, j->bound, decimals, bound, sizeof bound);
    snprintf(st->assessment, size, "%s %s the target, %s %s (%s or %s)",
             gap, gap_words(st->polarity), side, tol, bound,
             st->polarity == IND_TARGET_HIGHER ? "more" : "less");
}

/* The figure, target and assessment cells, and the reason line. */
static void explain_measure(const ind_measure *m, ind_status *st, int decimals)
{
    int has_figure = !isnan(st->figure.value);
    int has_target = st->step != NULL && st->step->has_target;
    if (has_figure)
        figure_words(m, st, decimals, st->figure_text, sizeof st->figure_text);
    if (has_target)
        target_words(m, st, decimals, st->target_text, sizeof st->target_text);
    switch (st->level) {
    case IND_LEVEL_CONTEXT:
        snprintf(st->assessment, sizeof st->assessment, "%s",
                 st->target == NULL ? "no target" : "no target for this period");
        break;
    case IND_LEVEL_PENDING:
        snprintf(st->assessment, sizeof st->assessment, "no figure for %s yet%s", st->period,
                 st->t < 0 ? " (the data end earlier)" : "");
        break;
    default:
        assess_judged(m, st, decimals);
        break;
    }
    if (has_figure && has_target)
        snprintf(st->reason, sizeof st->reason, "%s against a target of %s: %s",
                 st->figure_text, st->target_text, st->assessment);
    else if (has_target)
        snprintf(st->reason, sizeof st->reason, "%s; the target is %s", st->assessment,
                 st->target_text);
    else if (has_figure)
        snprintf(st->reason, sizeof st->reason, "%s: %s", st->figure_text, st->assessment);
    else
        snprintf(st->reason, sizeof st->reason, "no figure for %s and %s", st->period,
                 st->assessment);
}

/* The sentence for the period judged. A subject too long for the sentence
** (a series title runs to 4,096 bytes) gives way to the measure's id. */
static void write_commentary(const ind_measure *m, ind_status *st,
                             const ind_commentary_opts *o)
{
    char subject[IND_COMMENTARY_MAX / 2];
    if (st->t >= 0) {
        ind_commentary_opts by_id = *o;
        by_id.subject = m->id;
        if (ind_commentary_sentence(m, (size_t)st->t, o, st->commentary,
                                    sizeof st->commentary) < 0 &&
            ind_commentary_sentence(m, (size_t)st->t, &by_id, st->commentary,
                                    sizeof st->commentary) < 0)
            st->commentary[0] = '\0';
        return;
    }
    if (ind_commentary_subject(m, subject, sizeof subject) < 0)
        snprintf(subject, sizeof subject, "%s", m->id);
    snprintf(st->commentary, sizeof st->commentary, "%s: no figure for %s.", subject,
             st->period);
}

/* Judges m at its period mp, index t (-1: not reached), against tg. */
static int judge_measure(const ind_measure *m, const ind_target *tg, long t,
                         ind_period mp, const char *label, const rules *ru,
                         ind_status *st, ind_error *err)
{
    memset(st, 0, sizeof *st);
    st->item_class = IND_ITEM_STATISTICAL;
    st->id = m->id;
    st->title = tg != NULL && tg->title != NULL ? tg->title : m->title;
    st->measure = m;
    st->target = tg;
    st->t = t;
    st->part = st->whole = 1;
    st->figure.value = st->figure.numerator = st->figure.denominator = NAN;
    st->figure.lower = st->figure.upper = NAN;
    snprintf(st->period, sizeof st->period, "%s", label);
    write_commentary(m, st, &ru->commentary);

    if (t >= 0)
        st->figure = m->point[t];
    ind_date first, last;
    int have_days = period_days(mp, &first, &last) == IND_OK;
    st->step = tg != NULL && have_days ? ind_target_step_at(tg, first) : NULL;
    if (st->step == NULL || !st->step->has_target) {
        st->level = IND_LEVEL_CONTEXT;
        explain_measure(m, st, ru->decimals);
        return IND_OK;
    }
    st->polarity = polarity_of(m, tg);
    if (st->polarity == IND_TARGET_POLARITY_UNSET) {
        char loc[LOC_MAX];
        where(tg, NULL, loc, sizeof loc);
        return ind_error_set(err, IND_EDATA,
                             "%s: indicator %s is neutral (neither higher nor lower "
                             "is better), so its target needs a \"polarity\"", loc, m->id);
    }
    const ind_amount *tol = tg->tolerance.form != IND_AMOUNT_NONE ? &tg->tolerance : &ru->tolerance;
    int rc = check_forms(m, tg, st->step, tol, err);
    if (rc == IND_OK && t >= 0)
        rc = scoped_figure(m, tg, st, err);
    if (rc != IND_OK)
        return rc;
    ind_target_figure x;
    figure_of(m, &st->figure, &x);
    ind_error why = { 0 };
    if (ind_target_judge(&x, &st->step->target, st->part, st->whole, st->polarity, tol,
                         &st->judgement, &why) != IND_OK) {
        char loc[LOC_MAX];
        where(tg, NULL, loc, sizeof loc);
        return ind_error_set(err, why.code, "%s: %s: %s", loc, m->id, why.message);
    }
    st->level = st->judgement.level;
    explain_measure(m, st, ru->decimals);
    return IND_OK;
}

/* ---- projects ------------------------------------------------------------------------ */

/* The cells and reason of a project: "due 2024-01-31", "revised to
** 2024-06-30", "151 days' slippage, within the 183-day tolerance". */
static void explain_project(ind_status *st, const char *as_at)
{
    const ind_milestone *p = st->project;
    const ind_progress *g = &st->progress;
    char due[11], rev[11], done[11];
    ind_date_format(p->due, due);
    ind_date_format(p->revised, rev);
    ind_date_format(p->completed, done);
    size_t fs = sizeof st->figure_text, as = sizeof st->assessment;
    if (p->has_due)
        snprintf(st->target_text, sizeof st->target_text, "due %s", due);
    switch (g->level) {
    case IND_LEVEL_COMPLETE:
        snprintf(st->figure_text, fs, "completed %s", done);
        snprintf(st->assessment, as, "complete");
        break;
    case IND_LEVEL_PENDING:
        snprintf(st->assessment, as, "progress not reported as at %s", as_at);
        break;
    case IND_LEVEL_CONTEXT:
        snprintf(st->assessment, as, "no due date: information only");
        break;
    default:
        if (g->overdue)
            snprintf(st->figure_text, fs, "not complete as at %s", as_at);
        else if (p->has_revised)
            snprintf(st->figure_text, fs, "revised to %s", rev);
        else
            snprintf(st->figure_text, fs, "on schedule");
        if (g->level == IND_LEVEL_MET)
            snprintf(st->assessment, as, "on track%s",
                     p->has_revised && p->revised < p->due ? " (brought forward)" : "");
        else
            snprintf(st->assessment, as, "%d days' slippage%s, %s the %d-day tolerance",
                     (int)g->slippage_days, g->overdue ? " so far" : "",
                     g->level == IND_LEVEL_MISSED ? "beyond" : "within",
                     (int)g->tolerance_days);
        break;
    }
    if (st->target_text[0] != '\0' && st->figure_text[0] != '\0')
        snprintf(st->reason, sizeof st->reason, "%s, %s: %s", st->target_text,
                 st->figure_text, st->assessment);
    else if (st->target_text[0] != '\0' || st->figure_text[0] != '\0')
        snprintf(st->reason, sizeof st->reason, "%s: %s",
                 st->target_text[0] != '\0' ? st->target_text : st->figure_text,
                 st->assessment);
    else
        snprintf(st->reason, sizeof st->reason, "%s", st->assessment);
}

static void judge_project(const ind_milestone *p, ind_date as_at, const char *as_at_text,
                          const rules *ru, ind_status *st)
{
    memset(st, 0, sizeof *st);
    st->item_class = IND_ITEM_PROJECT;
    st->id = p->id;
    st->title = p->title;
    st->project = p;
    st->t = -1;
    st->figure.value = NAN;
    ind_milestone_judge(p, as_at, ru->slippage_days, &st->progress);
    st->level = st->progress.level;
    explain_project(st, as_at_text);
}

/* ---- the summary ---------------------------------------------------------------------- */

int ind_scorecard_row(ind_level level)
{
    switch (level) {
    case IND_LEVEL_COMPLETE: return 0;
    case IND_LEVEL_MET: return 1;
    case IND_LEVEL_NEAR: return 2;
    case IND_LEVEL_MISSED: return 3;
    default: return 4;
    }
}

int ind_scorecard_percentages(const size_t *counts, size_t n, unsigned *out)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += counts[i];
        out[i] = 0;
    }
    if (total == 0)
        return IND_EDOMAIN;
    unsigned given = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = (unsigned)(counts[i] * 100 / total);
        given += out[i];
    }
    /* Remainders are compared as 100 * count mod total: exact integers. */
    for (; given < 100; given++) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (out[i] != (unsigned)(counts[i] * 100 / total))
                continue; /* one extra point each at most */
            size_t r = counts[i] * 100 % total;
            if (r == 0)
                continue;
            if (best == n || r > counts[best] * 100 % total ||
                (r == counts[best] * 100 % total && counts[i] > counts[best]))
                best = i;
        }
        if (best == n)
            break;
        out[best]++;
    }
    return IND_OK;
}

void ind_scorecard_summarise(const ind_status *items, size_t n, ind_summary *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        int row = ind_scorecard_row(items[i].level);
        int c = items[i].item_class == IND_ITEM_PROJECT;
        out->count[row][c]++;
        out->row_total[row]++;
        out->class_total[c]++;
        out->total++;
    }
    ind_scorecard_percentages(out->row_total, IND_SUMMARY_ROWS, out->percent);
}

/* ---- building ---------------------------------------------------------------------------- */

static int resolve_rules(const ind_scorecard_opts *o, const ind_dataset *ds, rules *ru,
                         ind_error *err)
{
    memset(ru, 0, sizeof *ru);
    ru->tolerance.form = IND_AMOUNT_PERCENT;
    ru->tolerance.value.digits = IND_DEFAULT_TOLERANCE_PERCENT;
    if (o->tolerance.form != IND_AMOUNT_NONE) {
        if (o->tolerance.form != IND_AMOUNT_PERCENT || o->tolerance.value.digits < 0)
            return ind_error_set(err, IND_EINVAL,
                                 "the default tolerance is a percent of the target, "
                                 "such as 10%%");
        ru->tolerance = o->tolerance;
    } else if (ds->rules.tolerance.form == IND_AMOUNT_PERCENT) {
        ru->tolerance = ds->rules.tolerance;
    }
    ru->slippage_days = o->slippage_days >= 0      ? o->slippage_days
                      : ds->rules.slippage_days >= 0 ? ds->rules.slippage_days
                                                     : IND_DEFAULT_SLIPPAGE_DAYS;
    if (o->decimals < 0 || o->decimals > 6)
        return ind_error_set(err, IND_EINVAL, "decimals %d is not from 0 to 6", o->decimals);
    ru->decimals = o->decimals;
    ru->commentary = o->commentary;
    return IND_OK;
}

/* The date projects are judged at: the caller's, the dataset's, the end of
** the reporting period; none when there is no reporting period either. */
static int judging_date(const ind_scorecard_opts *o, const ind_dataset *ds,
                        const ind_period *p, ind_date *out, ind_error *err)
{
    char why[128];
    ind_date first;
    if (o->as_of != NULL) {
        if (ind_date_parse(o->as_of, out, why, sizeof why) != IND_OK)
            return ind_error_set(err, IND_EINVAL, "date \"%s\": %s", o->as_of, why);
        return IND_OK;
    }
    if (ds->has_as_at) {
        *out = ds->as_at;
        return IND_OK;
    }
    if (p != NULL && period_days(*p, &first, out) == IND_OK)
        return IND_OK;
    return ind_error_set(err, IND_EDATA,
                         "%s: area \"%s\" has projects but no date to judge them "
                         "at: add \"as_at\" to the dataset or give --as-of",
                         file_of(ds), ds->area);
}

static int build_items(const ind_result *r, const ind_dataset *ds,
                       const ind_scorecard_opts *o, const rules *ru,
                       ind_scorecard *sc, ind_error *err)
{
    size_t cap = r->n_measures + ds->n_targets;
    candidate *sub = ind_arena_array(sc->arena, cap + 1, sizeof *sub);
    sc->items = ind_arena_array(sc->arena, cap + ds->n_projects + 1, sizeof *sc->items);
    if (sub == NULL || sc->items == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    size_t n_sub = 0;
    sc->series_results = ind_arena_array(sc->arena, ds->n_targets + 1,
                                         sizeof *sc->series_results);
    if (sc->series_results == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    int rc = gather(r, ds, sc, sub, &n_sub, err);
    ind_period p = { IND_PERIOD_NONE, 0 };
    if (rc == IND_OK && n_sub > 0) {
        rc = reporting_period(o, sub, n_sub, ds, &p, err);
        /* the caller's label as written; the canonical one otherwise */
        if (rc == IND_OK && o->period != NULL)
            snprintf(sc->period, sizeof sc->period, "%s", o->period);
        else if (rc == IND_OK && ind_period_label(p, sc->period, sizeof sc->period) < 0)
            sc->period[0] = '\0';
    }
    for (size_t i = 0; rc == IND_OK && i < n_sub; i++) {
        char label[IND_PERIOD_LABEL_MAX];
        ind_period mp;
        long t = index_for(sub[i].measure, p, &mp, label, sizeof label);
        rc = judge_measure(sub[i].measure, sub[i].target, t, mp, label, ru,
                           &sc->items[sc->n_items++], err);
    }
    if (rc != IND_OK || ds->n_projects == 0)
        return rc;
    ind_date as_at;
    if ((rc = judging_date(o, ds, n_sub > 0 ? &p : NULL, &as_at, err)) != IND_OK)
        return rc;
    sc->has_as_at = 1;
    ind_date_format(as_at, sc->as_at);
    for (size_t i = 0; i < ds->n_projects; i++)
        judge_project(&ds->projects[i], as_at, sc->as_at, ru, &sc->items[sc->n_items++]);
    return IND_OK;
}

void ind_scorecard_opts_init(ind_scorecard_opts *o)
{
    memset(o, 0, sizeof *o);
    o->slippage_days = -1;
    o->decimals = 1;
    o->commentary.lag = 1;
}

int ind_scorecard_build(const ind_result *r, const ind_dataset *ds,
                        const ind_scorecard_opts *opts, ind_scorecard **out,
                        ind_error *err)
{
    ind_scorecard_opts defaults;
    if (out == NULL || r == NULL || ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_scorecard_build: result, dataset "
                                              "and output are required");
    *out = NULL;
    if (opts == NULL) {
        ind_scorecard_opts_init(&defaults);
        opts = &defaults;
    }
    rules ru;
    int rc = resolve_rules(opts, ds, &ru, err);
    if (rc != IND_OK)
        return rc;
    ind_arena *a = ind_arena_new(0);
    ind_scorecard *sc = a != NULL ? ind_arena_alloc(a, sizeof *sc) : NULL;
    if (sc == NULL) {
        ind_arena_free(a);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    sc->arena = a;
    sc->area = ds->area;
    sc->code = ds->code;
    sc->file = ds->file;
    rc = build_items(r, ds, opts, &ru, sc, err);
    if (rc != IND_OK) {
        ind_scorecard_free(sc);
        return rc;
    }
    ind_scorecard_summarise(sc->items, sc->n_items, &sc->summary);
    *out = sc;
    return IND_OK;
}

void ind_scorecard_free(ind_scorecard *sc)
{
    if (sc == NULL)
        return;
    for (size_t i = 0; i < sc->n_series_results; i++)
        ind_result_free(sc->series_results[i]);
    ind_arena_free(sc->arena); /* sc lives in its arena */
}

const ind_status *ind_scorecard_find(const ind_scorecard *sc, ind_item_class c,
                                     const char *id)
{
    for (size_t i = 0; sc != NULL && id != NULL && i < sc->n_items; i++)
        if (sc->items[i].item_class == c && strcmp(sc->items[i].id, id) == 0)
            return &sc->items[i];
    return NULL;
}

int ind_scorecard_measure_status(const ind_dataset *ds, const ind_measure *m,
                                 size_t t, const ind_scorecard_opts *opts,
                                 ind_status *out, ind_error *err)
{
    ind_scorecard_opts defaults;
    if (ds == NULL || m == NULL || out == NULL || t >= m->n)
        return ind_error_set(err, IND_EINVAL, "ind_scorecard_measure_status: bad arguments");
    if (opts == NULL) {
        ind_scorecard_opts_init(&defaults);
        opts = &defaults;
    }
    rules ru;
    int rc = resolve_rules(opts, ds, &ru, err);
    if (rc != IND_OK)
        return rc;
    ind_period mp = { m->period_kind, m->ordinal[t] };
    return judge_measure(m, measure_target(ds, m->id), (long)t, mp, m->label[t], &ru,
                         out, err);
}
