/*
** figure.h: figures as a report writes them, read exactly.
**
** "3,034", "38.29%", "-2.7%", "£48,221", "13.0", "seven", "3 pp",
** "No change": a figure keeps its text as written, its exact decimal value
** (a sign, the digits and how many of them follow the point, so "13.0" is
** 130 tenths and its precision is one decimal) and how it was written
** (thousands separators, currency sign, unit, the minus sign used), so that
** a corrected figure can be written back the same way.
**
** Numbers in words are read from zero to ninety-nine ("seven",
** "twenty-one"), since reports write small counts that way ("15 to seven").
** Nothing here rounds: rounding and exact arithmetic are verify.h's.
*/
#ifndef INDICATE_FIGURE_H
#define INDICATE_FIGURE_H

#include <stddef.h>

#include "arena.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for any figure text the library writes back (a figure may have at
** most IND_FIGURE_MAX_DIGITS digits). */
#define IND_FIGURE_MAX 128
#define IND_FIGURE_MAX_DIGITS 40

typedef enum ind_figure_unit {
    IND_FIGURE_PLAIN = 0, /* a number: "3,034", "£48,221", "13.0" */
    IND_FIGURE_PERCENT,   /* "38.29%", "9 per cent", "9 percent" */
    IND_FIGURE_POINTS     /* "3 pp", "3 percentage points", "3 points" */
} ind_figure_unit;

typedef struct ind_figure {
    const char *text;   /* as written, without surrounding space */
    int negative;       /* written with a minus sign */
    int plus;           /* written with a plus sign */
    const char *digits; /* the magnitude's digits, no separator, point or leading
                        ** zero ("0" for zero): value = digits / 10^decimals */
    int decimals;       /* digits written after the point */
    int grouped;        /* written with thousands separators */
    int in_words;       /* written in words ("seven") */
    int no_change;      /* "No change" or "unchanged": zero, no unit */
    ind_figure_unit unit;
    const char *prefix; /* currency sign as written ("£", "$", "€"), "" if none */
    const char *suffix; /* the unit as written ("%", " per cent", " pp"), "" if none */
    const char *minus;  /* the minus as written ("-", U+2212, U+2013), "" if none */
} ind_figure;

/* Reads text[0..len) as a figure into *out; the strings of *out are
** allocated from arena (owned by it). On IND_EDATA, why (why_size bytes,
** may be NULL) says what is wrong without repeating the text, e.g.
** "thousands separators must group three digits". IND_ENOMEM when the arena
** cannot grow. */
int ind_figure_parse(const char *text, size_t len, ind_arena *arena,
                     ind_figure *out, char *why, size_t why_size);

/* The value of a number written in words, zero to ninety-nine, any case,
** tens and units joined by a hyphen or a space ("Twenty-one"); -1 when
** s[0..len) is not one. */
int ind_figure_number_word(const char *s, size_t len);

/* The figure's value as the nearest double (NaN for NULL), for machine
** output; exact work uses the digits. */
double ind_figure_value(const ind_figure *f);

/* Non-zero when the figure's value is zero. */
int ind_figure_is_zero(const ind_figure *f);

#ifdef __cplusplus
}
#endif
#endif
