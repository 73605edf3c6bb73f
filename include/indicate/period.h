/*
** period.h: reporting periods as the councils write them.
**
** A period label ("2023-24", "2023/24", "2023-24 Q2", "2024-03", "2023") is
** parsed to a kind and an ordinal. Within one kind, ordinals are consecutive
** integers, so series align by ordinal and a gap is a missing ordinal.
**
**   kind               label forms accepted          ordinal
**   financial year     2023-24  2023/24  2023-2024  2023     (start year; Apr-Mar)
**   reporting year     as financial year            2023     (start year; Aug-Jul)
**   calendar year      2023                         2023
**   financial quarter  2023-24 Q2  2023/24 Q2        2023*4+1 (Q1 = Apr-Jun)
**                      Q2 2023-24
**   month              2024-03                      2024*12+2
**
** Reporting years (August to July, used by some national statistics) are
** written like financial years; a series says which it means with its period
** type. "2011-12" is both a financial year and December 2011: a label alone
** is read as a financial year unless the caller's hint says otherwise.
**
** Pure functions, no allocation, no global state.
*/
#ifndef INDICATE_PERIOD_H
#define INDICATE_PERIOD_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_period_kind {
    IND_PERIOD_NONE = 0,          /* unknown, or "infer from the label" as a hint */
    IND_PERIOD_FINANCIAL_YEAR,    /* April to March */
    IND_PERIOD_REPORTING_YEAR,    /* August to July */
    IND_PERIOD_CALENDAR_YEAR,
    IND_PERIOD_FINANCIAL_QUARTER, /* Q1 = April to June */
    IND_PERIOD_MONTH
} ind_period_kind;

typedef struct ind_period {
    ind_period_kind kind;
    int32_t ordinal;
} ind_period;

/* Longest label ind_period_label writes, including the NUL. */
#define IND_PERIOD_LABEL_MAX 16

/* Years outside this range are refused: they are typing errors, not data. */
#define IND_PERIOD_YEAR_MIN 1900
#define IND_PERIOD_YEAR_MAX 2199

/* Parses label. hint is IND_PERIOD_NONE to accept any kind (an ambiguous
** "2011-12" then reads as a financial year), or the kind the series declares,
** in which case a label of another kind is an error. On failure returns
** IND_EDATA with a message naming the label and the forms accepted. */
int ind_period_parse(const char *label, ind_period_kind hint, ind_period *out,
                     ind_error *err);

/* The set of kinds label could be, as a bit mask of (1u << kind); 0 when it
** is no period label at all. Used to infer one kind for a whole series. */
unsigned ind_period_kinds_possible(const char *label);

/* Writes the canonical label of p ("2023-24", "2023-24 Q2", "2024-03",
** "2023") into buf. Returns the length written, or -1 if buf is too small or
** p is invalid. Series keep the labels they were given; this is for periods
** that were not in the input (gaps, projections). */
int ind_period_label(ind_period p, char *buf, size_t size);

/* Periods per year of a kind: 1, 4 or 12 (0 for IND_PERIOD_NONE). */
int ind_period_per_year(ind_period_kind kind);

/* Where p falls in its financial year, from 0: a quarter's index from Q1
** (April to June), a month's from April; 0 for yearly kinds. This is how
** year-to-date figures and pro-rata targets count the year so far. */
int ind_period_position_in_year(ind_period p);

/* The kind's name as used in datasets: "financial-year", "reporting-year",
** "calendar-year", "financial-quarter", "month". Never NULL. */
const char *ind_period_kind_name(ind_period_kind kind);

/* Parses a kind name as written by ind_period_kind_name; returns
** IND_PERIOD_NONE when name is not one of them. */
ind_period_kind ind_period_kind_from_name(const char *name);

/* The period n periods after p (n may be negative); {IND_PERIOD_NONE, 0}
** when the result would not fit an ordinal. */
ind_period ind_period_add(ind_period p, int32_t n);

/* First and last day covered by p, as ISO dates "YYYY-MM-DD" (11 bytes
** each). Returns IND_OK or IND_EINVAL for an invalid period. */
int ind_period_dates(ind_period p, char first[11], char last[11]);

#ifdef __cplusplus
}
#endif
#endif
