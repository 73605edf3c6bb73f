/*
** verify.h: recomputing a stated figure exactly and saying what went wrong.
**
** Each claim (claims.h) is recomputed from its inputs in exact rational
** arithmetic (the inputs are decimals as written, so the arithmetic is
** exact for them all) and its stated figure compared with the correct one
** at the stated precision, rounding half away from zero. The verdict is
**
**   ok                   the stated figure is the correct one, and the
**                        direction word (if any) agrees with the sign
**   rounding             the stated figure is the other neighbour of the
**                        exact value at the stated precision: truncated,
**                        rounded up, or rounded in steps (20.47% -> 20.5%
**                        -> 21%)
**   base_later           a percent change taken against the later value
**   percent_difference   |b - a| / mean(a, b) presented as a percent change
**   absolute_as_percent  the absolute change (or a share's count) written
**                        as a percent
**   points_confused      a change in percentage points written as a percent
**                        change, or the other way round
**   direction            the figure is right but its direction word (or
**                        sign) contradicts the sign of the change
**   sum_parts            the parts do not add up to the stated total
**   mismatch             nothing above fits
**   undefined            the figure cannot exist (a change from zero, a
**                        share of nothing)
**   unchecked            an unpaired claim: nothing to check it against
**
** The readings after `rounding` are tested in the order listed and every
** one that fits the stated figure is reported; the verdict is the first.
** The direction word is checked apart from the magnitude: it is the verdict
** only when the magnitude is right, and is listed with the readings
** otherwise. docs/claims-format.md gives the formulas.
*/
#ifndef INDICATE_VERIFY_H
#define INDICATE_VERIFY_H

#include <stddef.h>

#include "arena.h"
#include "claims.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_finding {
    IND_FINDING_OK = 0,
    IND_FINDING_ROUNDING,
    IND_FINDING_BASE_LATER,
    IND_FINDING_PERCENT_DIFFERENCE,
    IND_FINDING_ABSOLUTE_AS_PERCENT,
    IND_FINDING_POINTS_CONFUSED,
    IND_FINDING_DIRECTION,
    IND_FINDING_SUM_PARTS,
    IND_FINDING_MISMATCH,
    IND_FINDING_UNDEFINED,
    IND_FINDING_UNCHECKED,
    IND_FINDING_COUNT
} ind_finding;

/* How a `rounding` figure was rounded. */
typedef enum ind_rounding_slip {
    IND_SLIP_NONE = 0,
    IND_SLIP_TRUNCATED,   /* cut towards zero instead of rounded */
    IND_SLIP_ROUNDED_UP,  /* rounded away from zero when it should not be */
    IND_SLIP_DOUBLE       /* rounded in steps, one decimal at a time */
} ind_rounding_slip;

/* One reading that fits the stated figure. */
typedef struct ind_claim_reading {
    ind_finding what;
    ind_rounding_slip slip;  /* for IND_FINDING_ROUNDING, else IND_SLIP_NONE */
    const char *figure;      /* the figure this reading gives at the stated
                             ** precision ("102%"); NULL for direction */
    const char *working;     /* how it is obtained ("203 - 101 = 102") */
    const char *explanation; /* one sentence */
} ind_claim_reading;

typedef struct ind_claim_verdict {
    const ind_claim *claim;
    ind_finding verdict;
    int holds;               /* non-zero for ok */
    int judged_on_magnitude; /* a change with no direction word or sign */
    const char *correct;     /* the correct figure at the stated precision,
                             ** written like the stated one ("101%"); NULL
                             ** for undefined and unchecked */
    double correct_value;    /* the exact figure as the nearest double, in
                             ** the figure's unit; NaN when there is none */
    const char *fraction;    /* the exact quotient before scaling by 100 or
                             ** per, reduced ("102/101"); a sum or
                             ** difference's exact value; NULL when none */
    const char *working;     /* "(203 - 101) / 101 = 102/101 = 100.99%" */
    const ind_claim_reading *readings;
    size_t n_readings;
    const char *explanation; /* one line: the verdict and its reason */
    const char *rewrite;     /* the claim's sentence with the correct figure
                             ** (its quote edited when the stated figure
                             ** occurs in it once, else a sentence made from
                             ** the inputs); NULL for undefined, unchecked */
} ind_claim_verdict;

/* Verifies one claim. Every string of *out, and the readings, are
** allocated from arena (owned by it); out->claim points to claim, which
** must outlive *out. IND_ENOMEM when the arena cannot grow. */
int ind_verify_claim(const ind_claim *claim, ind_arena *arena,
                     ind_claim_verdict *out, ind_error *err);

/* "ok", "rounding", "base_later", ... ; NULL out of range. */
const char *ind_finding_name(ind_finding v);

/* A few words for people: "base taken as the later value". */
const char *ind_finding_title(ind_finding v);

/* "truncated", "rounded_up", "double_rounding"; "" for IND_SLIP_NONE. */
const char *ind_rounding_slip_name(ind_rounding_slip s);

#ifdef __cplusplus
}
#endif
#endif
