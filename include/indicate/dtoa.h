/*
** dtoa.h: the shortest round-trip form of a double, fast.
**
** ind_dtoa_shortest writes exactly the string ind_format_shortest (format.h)
** writes, byte for byte, in a small fraction of the time: machine output
** (JSON, CSV) of millions of figures is dominated by this conversion. The
** digits come from Ryu (Ulf Adams, "Ryu: fast float-to-string conversion",
** PLDI 2018): 128-bit products with tabulated powers of five give the
** shortest decimal in a double's rounding interval without multi-precision
** arithmetic; they are then laid out as "%.<digits>g" lays them out, with
** ind_format_shortest's preference for a fixed form of a whole number when it
** is shorter. The few inputs where the two definitions of "shortest" could
** pick different strings (powers of two, whose rounding interval is lopsided;
** subnormals; whole numbers of 10^15 and more written in fixed form) go
** through ind_format_shortest's own method, printf and strtod by trial, so
** the output never differs (tests/unit/test_dtoa.c compares them over
** millions of values). Nothing here calls format.c: ind_format_shortest
** can be this function.
**
** Pure functions, no allocation, no global state.
*/
#ifndef INDICATE_DTOA_H
#define INDICATE_DTOA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest string written, with the NUL: "-2.2250738585072014e-308". */
#define IND_DTOA_MAX 32

/* Writes the shortest string that reads back as x ("0.1", "3314", "1e-05",
** "-0.3301805674978504"; -0 as "0") into buf. Returns its length, or -1
** when x is not finite or buf is NULL or too small. */
int ind_dtoa_shortest(double x, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
