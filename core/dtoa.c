/*
** dtoa.c: shortest round-trip decimal of a double (see dtoa.h).
**
** Three steps. (1) Whole numbers below 2^53 are their own digits. (2) Any
** other normal double x = m * 2^e is turned into the shortest decimal in
** its rounding interval by Ryu's method: the interval's ends and x, times
** 4 so that they are integers, are scaled by a tabulated power of five
** (core/dtoa_tables.h) to about 17 decimal digits with 128-bit products;
** digits are then dropped while the ends still differ, rounding x's own
** digits to nearest, ties to even, and keeping the result inside the
** interval (inclusive when m is even, as strtod rounds ties to even). (3) The
** digits are laid out as printf's "%.<n>g" lays them out for n digits, which
** is what ind_format_shortest does after finding n by trial.
**
** Where that trial could end elsewhere, the trial itself runs (see dtoa.h),
** here in by_trial(): this file needs nothing of format.c, so that
** ind_format_shortest can be this function.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtoa_tables.h"
#include "indicate/dtoa.h"

#define MANTISSA_BITS 52
#define EXPONENT_BITS 11
#define BIAS 1023
#define MAX_DIGITS 17
/* Whole numbers from here on may print in fixed form with digits that are
** not the shortest's: the trial decides. */
#define FIXED_WHOLE_LIMIT_EXP10 15

__extension__ typedef unsigned __int128 u128;

/* A decimal: digits * 10^exponent. */
typedef struct decimal {
    uint64_t digits;
    int32_t exponent;
} decimal;

/* ---- Ryu's helpers (exact for the ranges a double needs) ------------------- */

/* ceil(log2(5^e)) for e >= 1, and 1 for e = 0. */
static int32_t pow5_bits(uint32_t e)
{
    return (int32_t)(((e * 1217359u) >> 19) + 1);
}

/* floor(log10(2^e)) and floor(log10(5^e)). */
static uint32_t log10_pow2(uint32_t e)
{
    return (e * 78913u) >> 18;
}

static uint32_t log10_pow5(uint32_t e)
{
    return (e * 732923u) >> 20;
}

static int multiple_of_pow5(uint64_t v, uint32_t p)
{
    uint32_t count = 0;
    while (v != 0 && v % 5 == 0 && count < p) {
        v /= 5;
        count++;
    }
    return count >= p;
}

static int multiple_of_pow2(uint64_t v, uint32_t p)
{
    return (v & ((1ull << p) - 1)) == 0;
}

/* (m * mul) >> j for a 128-bit mul given as {low, high}; j >= 64. */
static uint64_t mul_shift(uint64_t m, const uint64_t mul[2], int32_t j)
{
    u128 low = (u128)m * mul[0];
    u128 high = (u128)m * mul[1];
    return (uint64_t)(((low >> 64) + high) >> (j - 64));
}

/* ---- step 2: the shortest decimal in the rounding interval ------------------ */

typedef struct scaled {
    uint64_t vr, vp, vm;   /* x and the interval's ends, scaled */
    int32_t e10;
    int vr_zeros, vm_zeros; /* the digits dropped from vr, vm so far are all 0 */
} scaled;

/* x >= 2^53 or so: divide by a power of ten (times the inverse power of 5). */
static void scale_down(uint64_t m2, int32_t e2, uint32_t mm_shift, int accept, scaled *s)
{
    uint64_t mv = 4 * m2;
    uint32_t q = log10_pow2((uint32_t)e2) - (e2 > 3);
    int32_t k = DTOA_POW5_BITS + pow5_bits(q) - 1;
    int32_t i = -e2 + (int32_t)q + k;
    const uint64_t *mul = dtoa_pow5_inv[q];
    s->e10 = (int32_t)q;
    s->vr = mul_shift(mv, mul, i);
    s->vp = mul_shift(mv + 2, mul, i);
    s->vm = mul_shift(mv - 1 - mm_shift, mul, i);
    if (q > 21)
        return;
    /* At most one of the three is a multiple of 5; a multiple of 5^q is
    ** exact after the division. */
    if (mv % 5 == 0)
        s->vr_zeros = multiple_of_pow5(mv, q);
    else if (accept)
        s->vm_zeros = multiple_of_pow5(mv - 1 - mm_shift, q);
    else
        s->vp -= (uint64_t)multiple_of_pow5(mv + 2, q);
}

/* x below 2^53 or so: multiply by a power of five. */
static void scale_up(uint64_t m2, int32_t e2, uint32_t mm_shift, int accept, scaled *s)
{
    uint64_t mv = 4 * m2;
    uint32_t q = log10_pow5((uint32_t)-e2) - (-e2 > 1);
    int32_t i = -e2 - (int32_t)q;
    int32_t k = pow5_bits((uint32_t)i) - DTOA_POW5_BITS;
    int32_t j = (int32_t)q - k;
    const uint64_t *mul = dtoa_pow5[i];
    s->e10 = (int32_t)q + e2;
    s->vr = mul_shift(mv, mul, j);
    s->vp = mul_shift(mv + 2, mul, j);
    s->vm = mul_shift(mv - 1 - mm_shift, mul, j);
    if (q <= 1) {
        /* mv has two trailing zero bits, mv - 1 - mm_shift one iff mm_shift. */
        s->vr_zeros = 1;
        if (accept)
            s->vm_zeros = mm_shift == 1;
        else
            s->vp--;
    } else if (q < 63) {
        s->vr_zeros = multiple_of_pow2(mv, q);
    }
}

/* Drops digits while the interval's ends differ; the rare general case
** tracks whether everything dropped was zero, for exact ties. */
static decimal trim_general(scaled *s, int accept)
{
    int32_t removed = 0;
    unsigned last = 0;
    while (s->vp / 10 > s->vm / 10) {
        s->vm_zeros &= s->vm % 10 == 0;
        s->vr_zeros &= last == 0;
        last = (unsigned)(s->vr % 10);
        s->vr /= 10;
        s->vp /= 10;
        s->vm /= 10;
        removed++;
    }
    if (s->vm_zeros) {
        while (s->vm % 10 == 0) {
            s->vr_zeros &= last == 0;
            last = (unsigned)(s->vr % 10);
            s->vr /= 10;
            s->vp /= 10;
            s->vm /= 10;
            removed++;
        }
    }
    if (s->vr_zeros && last == 5 && s->vr % 2 == 0)
        last = 4; /* exactly half way: to even */
    uint64_t out = s->vr + ((s->vr == s->vm && (!accept || !s->vm_zeros)) || last >= 5);
    return (decimal){ out, s->e10 + removed };
}

static decimal trim_common(scaled *s)
{
    int32_t removed = 0;
    int round_up = 0;
    while (s->vp / 10 > s->vm / 10) {
        round_up = s->vr % 10 >= 5;
        s->vr /= 10;
        s->vp /= 10;
        s->vm /= 10;
        removed++;
    }
    return (decimal){ s->vr + (s->vr == s->vm || round_up), s->e10 + removed };
}

static decimal shortest(uint64_t mantissa, uint32_t exponent)
{
    /* Two more bits than the significand, for the interval's ends. */
    int32_t e2 = (int32_t)exponent - BIAS - MANTISSA_BITS - 2;
    uint64_t m2 = (1ull << MANTISSA_BITS) | mantissa;
    int accept = (m2 & 1) == 0;
    uint32_t mm_shift = mantissa != 0 || exponent <= 1;
    scaled s = { 0 };
    if (e2 >= 0)
        scale_down(m2, e2, mm_shift, accept, &s);
    else
        scale_up(m2, e2, mm_shift, accept, &s);
    return s.vr_zeros || s.vm_zeros ? trim_general(&s, accept) : trim_common(&s);
}

/* ---- step 3: laying the digits out as "%.<n>g" does ------------------------ */

typedef struct writer {
    char *buf;
    size_t size, len;
    int overflow;
} writer;

static void put(writer *w, char c)
{
    if (w->len + 1 < w->size)
        w->buf[w->len] = c;
    else
        w->overflow = 1;
    w->len++;
}

static void put_digits(writer *w, const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(w, d[i]);
}

/* Digits of v, most significant first; returns how many. */
static size_t digits_of(uint64_t v, char *out)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static size_t exponent_len(int32_t x)
{
    int32_t a = x < 0 ? -x : x;
    return 2 + (a >= 100 ? 3 : 2); /* "e+05", "e-300" */
}

static void put_exponential(writer *w, const char *d, size_t n, int32_t x)
{
    put(w, d[0]);
    if (n > 1) {
        put(w, '.');
        put_digits(w, d + 1, n - 1);
    }
    put(w, 'e');
    put(w, x < 0 ? '-' : '+');
    int32_t a = x < 0 ? -x : x;
    if (a >= 100)
        put(w, (char)('0' + a / 100));
    put(w, (char)('0' + a / 10 % 10));
    put(w, (char)('0' + a % 10));
}

static void put_fixed(writer *w, const char *d, size_t n, int32_t x)
{
    if (x < 0) {
        put(w, '0');
        put(w, '.');
        for (int32_t i = 0; i < -x - 1; i++)
            put(w, '0');
        put_digits(w, d, n);
        return;
    }
    put_digits(w, d, (size_t)x + 1);
    if (n > (size_t)x + 1) {
        put(w, '.');
        put_digits(w, d + x + 1, n - (size_t)x - 1);
    }
}

/* The string for sign, digits d[0..n) without trailing zeros and decimal
** exponent x of d[0]; -2 when the trial must decide. */
static int layout(int negative, const char *d, size_t n, int32_t x, char *buf, size_t size)
{
    writer w = { buf, size, 0, 0 };
    if (negative)
        put(&w, '-');
    if (x >= -4 && x < (int32_t)n) {
        put_fixed(&w, d, n, x);
    } else if (x >= (int32_t)n && x + 1 <= MAX_DIGITS &&
               (size_t)x + 1 < n + (n > 1) + exponent_len(x)) {
        /* A whole number with trailing zeros, shorter written out. */
        if (x >= FIXED_WHOLE_LIMIT_EXP10)
            return -2;
        put_digits(&w, d, n);
        for (size_t i = n; i < (size_t)x + 1; i++)
            put(&w, '0');
    } else {
        put_exponential(&w, d, n, x);
    }
    if (w.overflow || w.len >= size)
        return -1;
    buf[w.len] = '\0';
    return (int)w.len;
}

/* ---- the rare inputs: ind_format_shortest's own method ---------------------- */

/* printf at 1, 2, ... 17 significant digits until strtod reads x back, then
** the fixed form of a whole number when shorter: what ind_format_shortest
** does for every input, and this file for the few where Ryu's choice could
** differ from it. */
static int by_trial(double x, char *buf, size_t size)
{
    char best[40], tmp[40];
    int p = 1;
    for (; p < MAX_DIGITS; p++) {
        snprintf(best, sizeof best, "%.*g", p, x);
        if (strtod(best, NULL) == x)
            break;
    }
    if (p == MAX_DIGITS)
        snprintf(best, sizeof best, "%.*g", p, x);
    const char *e = strchr(best, 'e');
    int exp10 = e != NULL ? atoi(e + 1) : -1;
    if (exp10 >= p && exp10 + 1 <= MAX_DIGITS) {
        int n = snprintf(tmp, sizeof tmp, "%.*g", exp10 + 1, x);
        if (n > 0 && (size_t)n < strlen(best) && strtod(tmp, NULL) == x)
            memcpy(best, tmp, (size_t)n + 1);
    }
    size_t len = strlen(best);
    if (len + 1 > size)
        return -1;
    memcpy(buf, best, len + 1);
    return (int)len;
}

/* ---- the entry point -------------------------------------------------------- */

static int whole_number(uint64_t mantissa, uint32_t exponent, uint64_t *value)
{
    int32_t e2 = (int32_t)exponent - BIAS - MANTISSA_BITS;
    if (exponent == 0 || e2 > 0 || e2 < -MANTISSA_BITS)
        return 0;
    uint64_t m2 = (1ull << MANTISSA_BITS) | mantissa;
    uint64_t fraction = m2 & ((1ull << -e2) - 1);
    if (fraction != 0)
        return 0;
    *value = m2 >> -e2;
    return 1;
}

int ind_dtoa_shortest(double x, char *buf, size_t size)
{
    if (buf == NULL)
        return -1;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int negative = (int)(bits >> 63);
    uint64_t mantissa = bits & ((1ull << MANTISSA_BITS) - 1);
    uint32_t exponent = (uint32_t)(bits >> MANTISSA_BITS) & ((1u << EXPONENT_BITS) - 1);
    if (exponent == (1u << EXPONENT_BITS) - 1)
        return -1; /* infinite or NaN */
    if (exponent == 0 && mantissa == 0)
        return size >= 2 ? (buf[0] = '0', buf[1] = '\0', 1) : -1;

    decimal dec;
    uint64_t whole;
    if (whole_number(mantissa, exponent, &whole)) {
        dec = (decimal){ whole, 0 };
    } else if (exponent == 0 || mantissa == 0) {
        /* Subnormal, or a power of two with its lopsided interval. */
        return by_trial(x, buf, size);
    } else {
        dec = shortest(mantissa, exponent);
    }
    while (dec.digits % 10 == 0) {
        dec.digits /= 10;
        dec.exponent++;
    }
    char d[24];
    size_t n = digits_of(dec.digits, d);
    int rc = layout(negative, d, n, dec.exponent + (int32_t)n - 1, buf, size);
    return rc == -2 ? by_trial(x, buf, size) : rc;
}
