/*
** claims_internal.h: what the claims modules (figure, claims, verify,
** claims_io, claims_text) share with each other and with no one else: exact
** arithmetic on figures with GMP, and a growing text buffer for messages
** and sentences.
*/
#ifndef INDICATE_CLAIMS_INTERNAL_H
#define INDICATE_CLAIMS_INTERNAL_H

#include <stddef.h>

#include <gmp.h>

#include "indicate/arena.h"
#include "indicate/figure.h"

/* ---- figure.c ---- */

/* The exact value of f (sign included) into out, which is initialised. */
void ind_figure_mpq(const ind_figure *f, mpq_t out);

/* units = x * 10^decimals rounded half away from zero (signed). */
void ind_round_units(mpz_t units, const mpq_t x, int decimals);

/* out = units / 10^decimals. */
void ind_units_mpq(mpq_t out, const mpz_t units, int decimals);

/* Writes units / 10^decimals as a decimal with exactly `decimals` places,
** with thousands separators when grouped is non-zero; "-" before a
** negative value. Returns the length, or -1 when buf is too small. */
int ind_units_write(const mpz_t units, int decimals, int grouped, char *buf,
                    size_t size);

/* Writes x rounded half away from zero to `decimals` places in the style
** of a stated figure: its currency sign, unit as written, separators and
** minus sign ("No change" is written as a percentage). The sign is written
** only when signed_ is non-zero (a plus only when the style had one).
** style may be NULL for a plain grouped number. Returns the length or -1. */
int ind_figure_write(const mpq_t x, int decimals, const ind_figure *style,
                     int signed_, char *buf, size_t size);

/* ---- claims.c ---- */

/* A growing NUL-terminated string on the heap. Appending never fails
** silently: after a failed allocation `failed` is set and later appends do
** nothing, so callers check once at the end. */
typedef struct ind_text {
    char *s;
    size_t len, cap;
    int failed;
} ind_text;

void ind_text_add(ind_text *t, const char *s);
void ind_text_addn(ind_text *t, const char *s, size_t n);
void ind_text_addf(ind_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A copy of the text in arena (NULL when out of memory); frees the heap
** buffer and resets t. */
char *ind_text_finish(ind_text *t, ind_arena *arena);
void ind_text_free(ind_text *t);

#endif
