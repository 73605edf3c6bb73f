/*
** series.h: a run of values over periods of one kind.
**
** Series are read-only views owned by the dataset that holds them
** (dataset.h): a series is never freed on its own. Values are kept sorted by
** period with no duplicate periods; a missing value is NaN.
*/
#ifndef INDICATE_SERIES_H
#define INDICATE_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "period.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A flow is counted over the period (referrals in the year); a snapshot is a
** stock at its end (children looked after at 31 March). */
typedef enum ind_nature {
    IND_NATURE_FLOW = 0,
    IND_NATURE_SNAPSHOT = 1
} ind_nature;

/* Per-value flags. */
enum {
    IND_VALUE_SUPPRESSED = 1u << 0, /* withheld for disclosure control */
    IND_VALUE_PROVISIONAL = 1u << 1 /* published, may be revised */
};

/* A change of definition from a period on: nothing statistical is fitted
** across it (North Lanarkshire's 2023-24 ASP "inquiries with investigatory
** activity", the move from case conferences to planning meetings). */
typedef struct ind_break {
    int32_t ordinal;  /* the first period under the new definition */
    const char *note; /* why, as the dataset says it; may be NULL */
} ind_break;

/* Where a value came from, for error messages: the file and either a JSON
** path or a CSV line. */
typedef struct ind_origin {
    const char *file;  /* as given to the reader; "-" for standard input */
    const char *path;  /* JSON path of the series ("$[1].series[3]"), or NULL */
    int32_t line;      /* CSV line of the series' first row, or the line of
                          the record in JSON Lines; 0 otherwise */
} ind_origin;

typedef struct ind_series {
    const char *id;          /* lower-case dotted, e.g. "cp.referrals" */
    const char *title;       /* may be NULL */
    const char *unit;        /* "count", "hours", "GBP", ...; may be NULL */
    const char *source;      /* a source line for this series; may be NULL */
    const char *note;        /* what a reader must know (how a value was
                                derived); may be NULL */
    ind_period_kind period_kind;
    ind_nature nature;
    int is_signed;           /* values may be negative (balances); off for counts */
    size_t n;                /* number of periods */
    const int32_t *ordinal;  /* [n], strictly increasing */
    const char *const *label;/* [n], each period as written in the input */
    const double *value;     /* [n], NaN where missing */
    const uint8_t *flags;    /* [n] of IND_VALUE_* bits, or NULL when none set */
    const int32_t *position; /* [n]: index in the input's values array (JSON) or
                                the line (CSV) of each value, for messages */
    size_t n_breaks;
    const ind_break *breaks; /* [n_breaks], sorted by ordinal */
    ind_origin origin;
} ind_series;

/* The index of the period with this ordinal in s, or -1. */
long ind_series_index(const ind_series *s, int32_t ordinal);

/* Non-zero when the series has a break at an ordinal in (from, to]: a
** comparison of from with to crosses a change of definition. */
int ind_series_breaks_between(const ind_series *s, int32_t from, int32_t to);

/* Non-zero when id is a valid series or indicator id: lower-case ASCII
** letters, digits and underscores in dot-separated parts, 1..64 bytes. */
int ind_id_valid(const char *id);

#ifdef __cplusplus
}
#endif
#endif
