/*
** format.c: figures as text. Presentation rounding (half away from zero on
** the decimal value, exact for ratios of integers), thousands separators,
** and the shortest round-tripping form used for machine output.
**
** Doubles are rounded on their shortest round-tripping decimal digits, not
** on their binary value: 2.675 is stored as 2.674999999999999822...,
** but people wrote 2.675 and expect 2.68. printf and strtod are used in
** the "C" numeric locale the library assumes.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/dtoa.h"
#include "indicate/format.h"

__extension__ typedef unsigned __int128 ind_u128;

/* Room for any fixed-point double: 309 integer digits, their separators,
** sign, point and 15 decimals. Outputs are built here, then copied out only
** when the caller's buffer holds them. */
#define FORMAT_WORK 512

#define MAX_RATIO_DECIMALS 9
#define MAX_DOUBLE_DECIMALS 15
#define MAX_SIG_DIGITS 17

static const double two_pow_53 = 9007199254740992.0;

int ind_is_integral(double x)
{
    return isfinite(x) && fabs(x) < two_pow_53 && x == floor(x);
}

static int copy_out(const char *text, size_t len, char *buf, size_t size)
{
    if (buf == NULL || len >= size)
        return -1;
    memcpy(buf, text, len + 1);
    return (int)len;
}

/* Writes sign, integer part with optional separators, and `decimals`
** fraction digits. digits[0..len) is the magnitude in units of
** 10^-decimals, possibly with leading zeros. A magnitude of zero gets no
** sign: "-0" and "-0.0" are never written. */
static int emit(int negative, const char *digits, size_t len, int decimals,
                int thousands, char *buf, size_t size)
{
    size_t dec = (size_t)decimals;
    /* Left-pad to at least one integer digit so the split is simple. */
    char padded[FORMAT_WORK];
    size_t pad = len <= dec ? dec + 1 - len : 0;
    if (pad + len >= sizeof padded)
        return -1;
    memset(padded, '0', pad);
    memcpy(padded + pad, digits, len);
    len += pad;
    padded[len] = '\0';
    size_t int_len = len - dec;
    size_t first = 0;  /* first integer digit written: no leading zeros */
    while (first + 1 < int_len && padded[first] == '0')
        first++;
    int zero = strspn(padded, "0") >= len;
    size_t n_int = int_len - first;
    size_t need = (negative && !zero) + n_int +
                  (thousands ? (n_int - 1) / 3 : 0) + (dec > 0) + dec;
    char out[FORMAT_WORK];
    if (need >= sizeof out)
        return -1;
    size_t o = 0;
    if (negative && !zero)
        out[o++] = '-';
    for (size_t i = first; i < int_len; i++) {
        if (thousands && i > first && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = padded[i];
    }
    if (dec > 0)
        out[o++] = '.';
    memcpy(out + o, padded + int_len, dec);
    o += dec;
    out[o] = '\0';
    return copy_out(out, o, buf, size);
}

/* ---- exact ratios ---- */

static ind_u128 magnitude(int64_t v)
{
    /* Through unsigned arithmetic so that INT64_MIN negates cleanly. */
    return v < 0 ? (ind_u128)(-(uint64_t)v) : (ind_u128)(uint64_t)v;
}

/* |num * scale| * 10^decimals, or 0 returned when it needs more than 126
** bits. |num| and |scale| are at most 2^63, so their product fits. */
static int scaled_magnitude(int64_t num, int64_t scale, int decimals,
                            ind_u128 *out)
{
    ind_u128 limit = ((ind_u128)1 << 126) - 1;
    ind_u128 p10 = 1;
    for (int i = 0; i < decimals; i++)
        p10 *= 10;
    ind_u128 m = magnitude(num) * magnitude(scale);
    if (m > limit / p10)
        return 0;
    *out = m * p10;
    return 1;
}

/* Decimal digits of v, most significant first; returns the count. */
static size_t u128_digits(ind_u128 v, char *digits, size_t size)
{
    char rev[48];  /* 2^128 has 39 digits */
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n && i < size; i++)
        digits[i] = rev[n - 1 - i];
    return n;
}

int ind_format_ratio(int64_t num, int64_t den, int64_t scale, int decimals,
                     int thousands, char *buf, size_t size)
{
    if (buf == NULL || size == 0 || den == 0 || decimals < 0 ||
        decimals > MAX_RATIO_DECIMALS)
        return -1;
    ind_u128 a;
    if (!scaled_magnitude(num, scale, decimals, &a))
        return -1;
    ind_u128 b = magnitude(den);
    ind_u128 q = a / b, r = a % b;
    /* Half away from zero on the magnitude: up when r / b >= 1/2. */
    if (r >= b - r)
        q++;
    int negative = (num < 0) ^ (scale < 0) ^ (den < 0);
    char digits[48];
    size_t len = u128_digits(q, digits, sizeof digits);
    return emit(negative, digits, len, decimals, thousands, buf, size);
}

/* ---- doubles ---- */

/* The shortest decimal significand that reads back as x: digits d0 d1 ...
** with x = d0.d1d2... * 10^exp10. Returns the number of digits. */
static size_t shortest_digits(double x, char *digits, int *exp10)
{
    char tmp[40];
    for (int p = 1; p <= MAX_SIG_DIGITS; p++) {
        snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    size_t n = 0;
    const char *s = tmp;
    for (; *s != '\0' && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            digits[n++] = *s;
    *exp10 = *s == 'e' ? (int)strtol(s + 1, NULL, 10) : 0;
    return n;
}

/* Adds one unit in the last place of digits[0..len), which has a leading
** '0' spare for the carry. */
static void increment(char *digits, size_t len)
{
    for (size_t i = len; i-- > 0;) {
        if (digits[i] != '9') {
            digits[i]++;
            return;
        }
        digits[i] = '0';
    }
}

int ind_format_double(double x, int decimals, int thousands, char *buf,
                      size_t size)
{
    if (buf == NULL || size == 0 || !isfinite(x) || decimals < 0 ||
        decimals > MAX_DOUBLE_DECIMALS)
        return -1;
    char sig[MAX_SIG_DIGITS + 1];
    int e;
    size_t nd = shortest_digits(x, sig, &e);
    /* out[0] is a spare '0' for a carry; out[1 + j] holds the digit worth
    ** 10^(int_len - 1 - j), i.e. significand digit e - int_len + 1 + j. */
    size_t int_len = e >= 0 ? (size_t)e + 1 : 1;
    size_t len = 1 + int_len + (size_t)decimals;
    char out[FORMAT_WORK];
    if (len >= sizeof out)
        return -1;
    out[0] = '0';
    long shift = (long)e - (long)int_len + 1;
    for (size_t j = 0; j + 1 < len; j++) {
        long i = shift + (long)j;
        out[1 + j] = i >= 0 && i < (long)nd ? sig[i] : '0';
    }
    /* The first dropped digit decides: 5 or more is at least half a unit. */
    long drop = (long)e + decimals + 1;
    if (drop >= 0 && drop < (long)nd && sig[drop] >= '5')
        increment(out, len);
    return emit(signbit(x) != 0, out, len, decimals, thousands, buf, size);
}

int ind_format_quotient(double num, double den, double scale, int decimals,
                        int thousands, char *buf, size_t size)
{
    if (!isfinite(num) || !isfinite(den) || !isfinite(scale) || den == 0.0)
        return -1;
    ind_u128 unused;
    if (ind_is_integral(num) && ind_is_integral(den) && ind_is_integral(scale) &&
        decimals >= 0 && decimals <= MAX_RATIO_DECIMALS &&
        scaled_magnitude((int64_t)num, (int64_t)scale, decimals, &unused))
        return ind_format_ratio((int64_t)num, (int64_t)den, (int64_t)scale,
                                decimals, thousands, buf, size);
    return ind_format_double(num / den * scale, decimals, thousands, buf, size);
}

int ind_format_amount(double x, int decimals, char *buf, size_t size)
{
    char out[FORMAT_WORK];
    if (ind_is_integral(x))
        decimals = 0;
    int len = ind_format_double(x, decimals, 1, out, sizeof out);
    if (len < 0)
        return -1;
    /* "Up to" decimals: 1,081.50 is written 1,081.5, and 7.00 as 7. */
    if (strchr(out, '.') != NULL) {
        while (len > 0 && out[len - 1] == '0')
            out[--len] = '\0';
        if (len > 0 && out[len - 1] == '.')
            out[--len] = '\0';
    }
    return copy_out(out, (size_t)len, buf, size);
}

int ind_format_shortest(double x, char *buf, size_t size)
{
    /* Ryu's digits (dtoa.c), laid out as "%.<p>g" would lay them out: the
    ** same bytes as trying printf at 1, 2, ... 17 digits, sixty times
    ** faster, which matters when a result holds millions of figures. */
    return ind_dtoa_shortest(x, buf, size);
}
