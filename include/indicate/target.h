/*
** target.h: targets, project milestones, and the rules that turn a figure
** and its target (or a milestone and a date) into a status.
**
** A status is a neutral level (ind_level); vocab.h prints it as IMPROVe's
** Blue, Green, Amber, Red, Report later or Contextual, or in another
** vocabulary. The rules (docs/targets.md):
**
**   statistical measure   met: the target is met                     MET
**                         short by no more than the tolerance          NEAR
**                         short by more                                MISSED
**                         no figure for the period                     PENDING
**                         no target for the period                     CONTEXT
**   project milestone     complete by the date judged                  COMPLETE
**                         on time                                      MET
**                         slipped by no more than the tolerance        NEAR
**                         slipped by more                              MISSED
**                         progress not reported                        PENDING
**                         no due date                                  CONTEXT
**
** "Short" depends on the polarity: below the target when higher is better,
** above it when lower is better, away from it either way when closer is
** better (then MET within the tolerance, NEAR within twice it). The
** boundary belongs to the better level: a shortfall of exactly the
** tolerance is NEAR. Figures, targets and tolerances are compared as exact
** rationals (GMP), so that boundary holds whatever binary doubles would
** make of 67.5%.
**
** Numbers a dataset writes for targets keep their decimal form
** (ind_decimal), and how they were written (ind_amount): a proportion's
** target must be a percentage string ("75%"), never a bare number that
** could be a fraction or a percentage. Dates are ISO dates held as day
** numbers (ind_date).
**
** Pure functions: no allocation, no global state.
*/
#ifndef INDICATE_TARGET_H
#define INDICATE_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "period.h"
#include "series.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- levels ------------------------------------------------------------- */

/* A status before it is put into words, best first for the judged ones. */
typedef enum ind_level {
    IND_LEVEL_COMPLETE = 0, /* a project is complete (IMPROVe: Blue) */
    IND_LEVEL_MET,          /* target met, or project on time (Green) */
    IND_LEVEL_NEAR,         /* short or late within the tolerance (Amber) */
    IND_LEVEL_MISSED,       /* short or late beyond it (Red) */
    IND_LEVEL_PENDING,      /* no figure yet, or progress not reported (Report later) */
    IND_LEVEL_CONTEXT       /* no target or timescale: information only (Contextual) */
} ind_level;

#define IND_LEVEL_COUNT 6

/* The level's machine name: "complete", "met", "near", "missed", "pending",
** "context". Never NULL ("?" for a value out of range). */
const char *ind_level_name(ind_level level);

/* ---- decimals ----------------------------------------------------------- */

/* A number as a dataset wrote it, exactly: digits / 10^scale. */
typedef struct ind_decimal {
    int64_t digits; /* |digits| < 10^18 */
    int scale;      /* 0..18 */
} ind_decimal;

/* Parses s[0..len): an optional "-", digits, optionally "." and digits
** ("75", "62.5", "-3", "0.125"). At most 18 significant digits. Returns
** IND_OK or IND_EDATA. */
int ind_decimal_parse(const char *s, size_t len, ind_decimal *out);

/* The decimal a double reads as: the shortest digits that round-trip
** (91748 -> 91748, 0.1 -> 1/10). IND_EDATA for a non-finite x or one that
** needs more than 18 digits or a scale above 18. */
int ind_decimal_from_double(double x, ind_decimal *out);

/* The nearest double. */
double ind_decimal_value(ind_decimal d);

/* ---- amounts: targets and tolerances as written -------------------------- */

typedef enum ind_amount_form {
    IND_AMOUNT_NONE = 0, /* not given */
    IND_AMOUNT_NUMBER,   /* a bare number, in the measure's own units */
    IND_AMOUNT_PERCENT,  /* "75%": a percentage figure (targets) or a percent
                            of the target (tolerances) */
    IND_AMOUNT_POINTS    /* "5 pp": percentage points (tolerances only) */
} ind_amount_form;

typedef struct ind_amount {
    ind_amount_form form;
    ind_decimal value;
} ind_amount;

/* Parses a string amount: "75%", "62.5%" (IND_AMOUNT_PERCENT) or "5 pp",
** "5pp" (IND_AMOUNT_POINTS). A bare number in a string is refused: numbers
** are JSON numbers. On failure returns IND_EDATA and writes the reason to
** why (may be NULL). */
int ind_amount_parse(const char *s, ind_amount *out, char *why, size_t why_size);

/* Writes the amount as the dataset wrote it: "75%", "5 pp", "200,000"
** (with thousands separators). Returns the length, or -1 if buf is short. */
int ind_amount_format(const ind_amount *a, char *buf, size_t size);

/* ---- dates -------------------------------------------------------------- */

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t ind_date;

/* Parses an ISO date "YYYY-MM-DD" naming a real day, years 1900 to 2199.
** Returns IND_OK or IND_EDATA with the reason in why (may be NULL). */
int ind_date_parse(const char *s, ind_date *out, char *why, size_t why_size);

/* The day number of a calendar date (not checked: months and days roll
** over as in mktime). */
ind_date ind_date_from_ymd(int year, int month, int day);

/* The calendar date of a day number. */
void ind_date_to_ymd(ind_date d, int *year, int *month, int *day);

/* Writes "YYYY-MM-DD" (10 characters and the NUL) into buf. */
void ind_date_format(ind_date d, char buf[11]);

/* The period of this kind that holds day d: the financial year, reporting
** year, calendar year, financial quarter or month it falls in. */
ind_period ind_date_period(ind_period_kind kind, ind_date d);

/* ---- what a dataset says about targets and projects -------------------- */

typedef enum ind_target_polarity {
    IND_TARGET_POLARITY_UNSET = 0, /* the indicator's own polarity */
    IND_TARGET_HIGHER,             /* higher is better: met at or above */
    IND_TARGET_LOWER,              /* lower is better: met at or below */
    IND_TARGET_CLOSER              /* closer to the target is better */
} ind_target_polarity;

/* "higher_is_better", "lower_is_better", "closer_is_better", "unset". */
const char *ind_target_polarity_name(ind_target_polarity p);

typedef enum ind_target_scope {
    IND_SCOPE_PERIOD = 0,   /* the period's own figure */
    IND_SCOPE_YEAR_TO_DATE, /* the financial year to date (flows over
                               quarters or months; the period's figure for
                               annual periods) */
    IND_SCOPE_PRO_RATA      /* an annual target for a count or amount, scaled
                               to the part of the year elapsed, against the
                               year to date */
} ind_target_scope;

/* "period", "year-to-date", "pro-rata". */
const char *ind_target_scope_name(ind_target_scope s);

/* A target from a period on. Steps of one target are sorted by from_day. */
typedef struct ind_target_step {
    const char *from;   /* the period label as written; NULL for every period */
    ind_date from_day;  /* the first day of that period (INT32_MIN when NULL) */
    int has_target;     /* 0: no target from here on (the dataset wrote null) */
    ind_amount target;  /* NUMBER or PERCENT */
    int32_t position;   /* for messages: the index in the dataset's
                           "schedule", or -1 for the target's own "from" */
} ind_target_step;

typedef struct ind_target {
    const char *measure;  /* a measure of the analysis (an indicator id, or a
                             funnel's stage measure), or NULL */
    const char *series;   /* a raw series of the dataset, or NULL; exactly
                             one of measure and series is set */
    const char *title;    /* how status tables name it, or NULL */
    const char *source, *note;   /* may be NULL */
    ind_target_polarity polarity;
    ind_target_scope scope;
    ind_amount tolerance; /* form NONE: the default tolerance */
    size_t n_steps;       /* at least 1 */
    const ind_target_step *steps;
    ind_origin origin;    /* file and JSON path ("$.targets[2]") */
} ind_target;

typedef struct ind_milestone {
    const char *id;       /* a valid id, unique among the area's projects */
    const char *title;    /* may be NULL */
    const char *source, *note;
    int has_due, has_revised, has_completed;
    ind_date due;         /* the original due date */
    ind_date revised;     /* the revised due date */
    ind_date completed;   /* the day it was completed */
    int reported;         /* 0: progress not yet reported (PENDING) */
    int32_t slippage_days;/* the tolerance in days; negative for the default */
    ind_origin origin;
} ind_milestone;

/* Defaults a dataset or a command line sets for its targets and projects. */
typedef struct ind_status_rules {
    ind_amount tolerance;  /* PERCENT of the target; NONE for the built-in 10% */
    int32_t slippage_days; /* negative for the built-in 183 */
} ind_status_rules;

#define IND_DEFAULT_TOLERANCE_PERCENT 10
#define IND_DEFAULT_SLIPPAGE_DAYS 183

/* The step in force at a period beginning on first_day, or NULL when the
** target does not apply yet. A step with has_target 0 is returned: the
** caller sees that no target applies from it. */
const ind_target_step *ind_target_step_at(const ind_target *t,
                                          ind_date first_day);

/* ---- judging a figure -------------------------------------------------- */

/* How a measure's figures are expressed, which decides how its targets
** must be written. */
typedef enum ind_target_unit {
    IND_TARGET_UNIT_AMOUNT = 0, /* counts, amounts, rates, plain ratios: bare numbers */
    IND_TARGET_UNIT_FRACTION,   /* proportions, 0..1: targets as "75%" */
    IND_TARGET_UNIT_PERCENT     /* ratios in percent (value 75 is 75%): "75%" */
} ind_target_unit;

/* The figure judged. When numerator and denominator are both finite and
** integral, the figure is numerator / denominator * scale exactly; else it
** is value read as a decimal. */
typedef struct ind_target_figure {
    double value;        /* NaN when missing */
    double numerator, denominator, scale;
    ind_target_unit unit;
    int is_count;        /* a count or amount: pro rata applies */
} ind_target_figure;

typedef struct ind_judgement {
    ind_level level;         /* MET, NEAR, MISSED, or PENDING (no figure) */
    double figure;           /* in the figure's units */
    double target;           /* likewise, after pro rata */
    double width;            /* the tolerance in the figure's units */
    double bound;            /* the figure at which NEAR turns to MISSED
                                (for closer: target - 2 * width .. the
                                upper one is target + 2 * width) */
    double gap;              /* how far on the wrong side of the target: > 0
                                short (or away, for closer), <= 0 met */
    double gap_percent;      /* gap / |target| * 100; NaN when target is 0 */
    ind_amount tolerance;    /* the tolerance applied */
} ind_judgement;

/* Whether a target (NUMBER or PERCENT), or a tolerance (PERCENT, POINTS or
** NUMBER), is written in a form a figure of this unit takes: IND_OK, or
** IND_EDATA with the reason in err. ind_target_judge checks both; a caller
** checks first to say which member of the dataset is wrong. */
int ind_target_check_target(ind_target_unit unit, const ind_amount *target,
                            ind_error *err);
int ind_target_check_tolerance(ind_target_unit unit, const ind_amount *tolerance,
                               ind_error *err);

/* Judges figure x against target (NUMBER or PERCENT) scaled by part / whole
** (1 / 1 except pro rata), with polarity (not UNSET) and tolerance
** (PERCENT, POINTS or NUMBER). A missing figure gives PENDING. Writing a
** target or tolerance in a form the figure's unit does not take (a bare
** number for a proportion, a percentage for a count, points for an
** amount) is IND_EDATA with the reason in err, for the caller to prefix
** with where the target is. */
int ind_target_judge(const ind_target_figure *x, const ind_amount *target,
                     int64_t part, int64_t whole,
                     ind_target_polarity polarity, const ind_amount *tolerance,
                     ind_judgement *out, ind_error *err);

/* ---- judging a project ------------------------------------------------- */

typedef struct ind_progress {
    ind_level level;        /* COMPLETE, MET, NEAR, MISSED, PENDING, CONTEXT */
    int32_t slippage_days;  /* the later of the revised date and (when
                               overdue) the date judged, less the original
                               due date; 0 when on time */
    int32_t tolerance_days; /* the tolerance applied */
    int overdue;            /* not complete and past its (revised) due date */
} ind_progress;

/* Judges p as at the day as_at, with default_slippage_days when the
** project sets none (negative: IND_DEFAULT_SLIPPAGE_DAYS). A completion
** later than as_at does not count yet. */
void ind_milestone_judge(const ind_milestone *p, ind_date as_at,
                       int32_t default_slippage_days, ind_progress *out);

#ifdef __cplusplus
}
#endif
#endif
