/*
** test_dtoa.c: ind_dtoa_shortest against the slow definition it must match
** byte for byte: printf at 1, 2, ... 17 digits until strtod reads the value
** back, then the fixed form of a whole number when it is shorter. The
** definition is written out here (reference()), independent of the code
** under test, and ind_format_shortest (format.h) is checked against it too. Hand-checked strings first, then
** edge cases, then hundreds of thousands of values from a fixed generator:
** arbitrary bit patterns over every exponent, proportions k/n, rates,
** whole numbers (with trailing zeros, near 2^53 and 10^15..10^17), short
** decimals, neighbours of powers of ten and two. `test_dtoa N` runs N
** times as many (a longer sweep by hand; ctest runs the default).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/dtoa.h"
#include "indicate/format.h"

static unsigned long scale = 1;

/* splitmix64: a fixed sequence, so a failure reproduces. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
    return (double)(next(s) >> 11) * (1.0 / 9007199254740992.0);
}

/* The definition, as format.h states it. */
static int reference(double x, char *buf, size_t size)
{
    if (!isfinite(x))
        return -1;
    if (x == 0)
        return snprintf(buf, size, "0");
    char best[40], tmp[40];
    int p = 1;
    for (; p < 17; p++) {
        snprintf(best, sizeof best, "%.*g", p, x);
        if (strtod(best, NULL) == x)
            break;
    }
    if (p == 17)
        snprintf(best, sizeof best, "%.17g", x);
    const char *e = strchr(best, 'e');
    int exp10 = e != NULL ? atoi(e + 1) : -1;
    if (exp10 >= p && exp10 + 1 <= 17) {
        int n = snprintf(tmp, sizeof tmp, "%.*g", exp10 + 1, x);
        if (n > 0 && (size_t)n < strlen(best) && strtod(tmp, NULL) == x)
            memcpy(best, tmp, (size_t)n + 1);
    }
    return snprintf(buf, size, "%s", best);
}

static void check(double x)
{
    char want[64], got[IND_DTOA_MAX], fmt[64];
    int wn = reference(x, want, sizeof want);
    int gn = ind_dtoa_shortest(x, got, sizeof got);
    int fn = ind_format_shortest(x, fmt, sizeof fmt);
    if (fn != wn || (wn >= 0 && strcmp(want, fmt) != 0))
        fail_msg("%.17g: ind_format_shortest wrote \"%s\", the definition \"%s\"", x,
                 fn >= 0 ? fmt : "", wn >= 0 ? want : "");
    if (wn != gn || (wn >= 0 && strcmp(want, got) != 0)) {
        uint64_t bits;
        memcpy(&bits, &x, sizeof bits);
        fail_msg("%.17g (bits %016llx): expected \"%s\" (%d), got \"%s\" (%d)", x,
                 (unsigned long long)bits, wn >= 0 ? want : "", wn, gn >= 0 ? got : "", gn);
    }
}

static void expect(double x, const char *s)
{
    char got[IND_DTOA_MAX];
    int n = ind_dtoa_shortest(x, got, sizeof got);
    assert_int_equal(n, (int)strlen(s));
    assert_string_equal(got, s);
    check(x);
}

static void test_known(void **state)
{
    (void)state;
    expect(0.0, "0");
    expect(-0.0, "0");
    expect(0.1, "0.1");
    expect(3314, "3314");
    expect(-2326, "-2326");
    expect(1e-05, "1e-05");
    expect(0.0001, "0.0001");          /* exponent -4 is still fixed */
    expect(100, "100");                /* "1e+02" at one digit, fixed is shorter */
    expect(1200, "1200");
    expect(1e15, "1e+15");             /* fixed would be 16 characters */
    expect(123456, "123456");
    expect(1.5, "1.5");
    expect(0.5, "0.5");                /* a power of two: the slow path */
    expect(768.0 / 2326.0, "0.3301805674978504");
    expect(1.0 / 3.0, "0.3333333333333333");
    expect(2.0 / 3.0, "0.6666666666666666");
    expect(5e-324, "5e-324");            /* subnormal: the slow path */
    expect(1.7976931348623157e308, "1.7976931348623157e+308");
    expect(2.2250738585072014e-308, "2.2250738585072014e-308");
    expect(9007199254740993.0, "9007199254740992");
    expect(123456789012345680.0, "1.2345678901234568e+17");
    expect(0.3, "0.3");
    expect(29.8, "29.8");
}

static void test_limits(void **state)
{
    (void)state;
    char buf[IND_DTOA_MAX];
    assert_int_equal(ind_dtoa_shortest(NAN, buf, sizeof buf), -1);
    assert_int_equal(ind_dtoa_shortest(INFINITY, buf, sizeof buf), -1);
    assert_int_equal(ind_dtoa_shortest(-INFINITY, buf, sizeof buf), -1);
    /* "0.1" needs 4 bytes with its NUL. */
    assert_int_equal(ind_dtoa_shortest(0.1, buf, 3), -1);
    assert_int_equal(ind_dtoa_shortest(0.1, buf, 4), 3);
    assert_int_equal(ind_dtoa_shortest(0.0, buf, 1), -1);
}

static void test_bit_patterns(void **state)
{
    (void)state;
    uint64_t s = 1;
    for (unsigned long i = 0; i < 200000 * scale; i++) {
        uint64_t bits = next(&s);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isfinite(x))
            check(x);
    }
}

static void test_figures(void **state)
{
    (void)state;
    uint64_t s = 2;
    for (unsigned long i = 0; i < 100000 * scale; i++) {
        double n = 1 + floor(unit(&s) * 100000);
        double k = floor(unit(&s) * (n + 1));
        check(k / n);                               /* a proportion */
        check(k / n * 1000);                        /* a rate per 1,000 */
        check(k - n);                               /* a change */
        check((k - n) / n * 100);                   /* a percent change */
        check(exp(unit(&s) * 80 - 40));             /* anything, any size */
        check(floor(unit(&s) * 1e6) * pow(10, floor(unit(&s) * 20) - 10));
    }
}

static void test_whole_and_short(void **state)
{
    (void)state;
    uint64_t s = 3;
    for (unsigned long i = 0; i < 50000 * scale; i++) {
        double w = (double)(next(&s) >> (11 + next(&s) % 50));
        check(w);
        check(-w);
        check(w * 1000);
        check(floor(unit(&s) * 1e4) * 1e13); /* 10^13 to 10^17, trailing zeros */
        char text[32];
        snprintf(text, sizeof text, "%.*f", (int)(next(&s) % 8),
                 unit(&s) * pow(10, (double)(next(&s) % 12)));
        check(strtod(text, NULL));
    }
    /* Neighbours of powers of ten and two, every exponent. */
    for (int e = -320; e <= 308; e++) {
        double p = pow(10, e);
        check(p);
        check(nextafter(p, 0));
        check(nextafter(p, INFINITY));
    }
    for (int e = -1074; e <= 1023; e++) {
        double p = ldexp(1, e);
        check(p);
        check(nextafter(p, 0));
        check(nextafter(p, INFINITY));
    }
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc > 1)
        scale = strtoul(argv[1], NULL, 10);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_bit_patterns),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_whole_and_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
