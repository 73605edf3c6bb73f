/*
** dtoa_speed.c: the cost of writing a number in shortest round-trip form,
** ind_format_shortest (printf and strtod at 1, 2, ... 17 digits) against
** ind_dtoa_shortest (the same strings, by Ryu's method), on the figures a
** result holds: counts, proportions k/n, changes, percent changes, and
** projections with 16-17 significant digits.
**
**   dtoa_speed [N]     prints nanoseconds per number for each, and checks
**                      that both wrote the same bytes
*/
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicate/dtoa.h"
#include "indicate/format.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
    double *x = malloc(n * sizeof *x);
    if (x == NULL)
        return 1;
    uint64_t s = 42;
    for (size_t i = 0; i < n; i++) {
        double k = (double)(next(&s) % 3000), d = 1 + (double)(next(&s) % 5000);
        switch (i % 5) {
        case 0: x[i] = k; break;                              /* a count */
        case 1: x[i] = k / (k + d); break;                    /* a proportion */
        case 2: x[i] = k - d; break;                          /* a change */
        case 3: x[i] = (k - d) / d * 100; break;              /* a percent change */
        default: x[i] = k * 1.0370370370370371 + 0.1; break;  /* a projection */
        }
    }
    char a[64], b[IND_DTOA_MAX];
    size_t total = 0, differ = 0;
    double t0 = now();
    for (size_t i = 0; i < n; i++)
        total += (size_t)ind_format_shortest(x[i], a, sizeof a);
    double t1 = now();
    for (size_t i = 0; i < n; i++)
        total += (size_t)ind_dtoa_shortest(x[i], b, sizeof b);
    double t2 = now();
    for (size_t i = 0; i < n; i++) {
        ind_format_shortest(x[i], a, sizeof a);
        ind_dtoa_shortest(x[i], b, sizeof b);
        differ += strcmp(a, b) != 0;
    }
    printf("format_shortest_ns %.1f dtoa_shortest_ns %.1f numbers %zu differ %zu (%zu)\n",
           (t1 - t0) / (double)n * 1e9, (t2 - t1) / (double)n * 1e9, n, differ, total);
    free(x);
    return differ != 0;
}
