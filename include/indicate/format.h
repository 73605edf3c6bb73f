/*
** format.h: figures as people write them, rounded the way they expect.
**
** Presentation rounding is half away from zero on the decimal value. When a
** figure is a ratio of integers (768 of 2,326 as a percentage) it is rounded
** exactly in integer arithmetic, never by printf of an already-divided
** double: 768/2326 = 33.018...% prints "33.0"; 1/8 = 12.5% at no decimals
** prints "13". Other doubles round on their shortest round-tripping decimal
** representation, so 2.675 rounds to 2.68 although the nearest double is
** below it. Thousands are separated with commas (en-GB).
**
** Each function writes a NUL-terminated string into buf and returns its
** length, or -1 when buf is too small or the input is not finite.
*/
#ifndef INDICATE_FORMAT_H
#define INDICATE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer this long holds any figure below about 1e30 the functions below
** write; larger magnitudes need a larger buffer (they return -1 if short). */
#define IND_FORMAT_MAX 64

/* Non-zero when x is a whole number small enough (|x| < 2^53) to be exact. */
int ind_is_integral(double x);

/* num / den * scale rounded to `decimals` places, exactly; den != 0.
** decimals 0..9; |num * scale * 10^decimals| must fit in 126 bits. */
int ind_format_ratio(int64_t num, int64_t den, int64_t scale, int decimals,
                     int thousands, char *buf, size_t size);

/* x rounded to `decimals` places (0..15), half away from zero on its
** shortest decimal representation. thousands non-zero adds separators. */
int ind_format_double(double x, int decimals, int thousands, char *buf,
                      size_t size);

/* num / den * scale, exactly when num, den and scale are integral, else
** through ind_format_double. The one call writers use for derived figures. */
int ind_format_quotient(double num, double den, double scale, int decimals,
                        int thousands, char *buf, size_t size);

/* A count or amount as written in reports: "2,326", "92,624", "1,081.5".
** Whole numbers get no decimals; others get up to `decimals`. */
int ind_format_amount(double x, int decimals, char *buf, size_t size);

/* The shortest "%.<p>g" string (p = 1..17) that reads back as x exactly:
** "0.1", "3314", "0.3301805674978504", "1e-05". For JSON and CSV output, so
** that files are byte-identical across runs and read back without loss. */
int ind_format_shortest(double x, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
