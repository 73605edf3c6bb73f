/*
** gen.c: deterministic synthetic council histories for the benchmarks.
**
**   gen SERIES csv|jsonl OUT [--per-area K] [--periods P] [--seed N]
**
** Writes SERIES series, K to an area (default 4), P financial years each
** (default 20, 2004-05 to 2023-24), as CSV long format (area,series,period,
** value) or JSON Lines (one area object per line): the dataset formats of
** docs/dataset-format.md. OUT may be - for standard output.
**
** Each area holds the series cp.referrals, asp.referrals, upw.hours_imposed
** and upw.bike_workshop_hours (cycled when K > 4: the fifth series of an
** area would repeat an id, so K is at most 4), each read by a count
** indicator of the bundled plug-ins: every series becomes one measure with
** a trend and a projection, which is what the peers compute per series.
**
** Values are Poisson-like counts around a level that grows or shrinks
** geometrically: level ~ a log-uniform draw in the series' typical range,
** growth ~ U(-5%, +8%) a year, each year's count ~ Poisson(level * (1 +
** growth)^t * noise) with noise ~ 1 + N(0, 0.05). The generator is
** splitmix64 seeded from (seed, area, series), so a series' values do not
** depend on how many others are written or in what order: a shard of the
** areas is exactly the same rows as in the whole. No missing values (the
** peers' damped Holt models do not take them).
**
** Standalone C99 with POSIX, built by bench/run: cc -O2 -o gen gen.c -lm
*/
#define _XOPEN_SOURCE 700
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_YEAR 2004
#define MAX_PERIODS 100

typedef struct kind {
    const char *id;
    double low, high; /* typical level range of a council */
} kind;

static const kind kinds[] = {
    { "cp.referrals", 80, 2500 },
    { "asp.referrals", 150, 4000 },
    { "upw.hours_imposed", 4000, 90000 },
    { "upw.bike_workshop_hours", 40, 3000 },
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double unif(rng *r)
{
    return ((double)(next(r) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double normal(rng *r)
{
    double u = unif(r), v = unif(r);
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* Poisson: exact by multiplication below 30, the normal approximation
** above (counts of hundreds or thousands). */
static long poisson(rng *r, double mu)
{
    if (mu <= 0)
        return 0;
    if (mu < 30) {
        double limit = exp(-mu), p = 1;
        long k = -1;
        do {
            k++;
            p *= unif(r);
        } while (p > limit);
        return k;
    }
    double x = floor(mu + sqrt(mu) * normal(r) + 0.5);
    return x < 0 ? 0 : (long)x;
}

static void seed_for(rng *r, uint64_t seed, uint64_t area, uint64_t series)
{
    r->s = seed * 0x9e3779b97f4a7c15ull ^ (area + 1) * 0xd1b54a32d192ed03ull ^
           (series + 1) * 0x8cb92ba72f3d8dd7ull;
    next(r);
    next(r);
}

/* The values of one series. */
static void series_values(uint64_t seed, size_t area, size_t s, int periods, long *out)
{
    rng r;
    seed_for(&r, seed, area, s);
    const kind *k = &kinds[s % N_KINDS];
    double level = exp(log(k->low) + (log(k->high) - log(k->low)) * unif(&r));
    double growth = -0.05 + 0.13 * unif(&r);
    for (int t = 0; t < periods; t++) {
        double noise = 1 + 0.05 * normal(&r);
        if (noise < 0.5)
            noise = 0.5;
        out[t] = poisson(&r, level * pow(1 + growth, t) * noise);
    }
}

static void period_label(int t, char *buf, size_t size)
{
    int y = FIRST_YEAR + t;
    snprintf(buf, size, "%d-%02d", y, (y + 1) % 100);
}

static void write_csv_area(FILE *fp, size_t area, size_t n_series, int periods,
                           uint64_t seed)
{
    long v[MAX_PERIODS];
    char label[16];
    for (size_t s = 0; s < n_series; s++) {
        series_values(seed, area, s, periods, v);
        for (int t = 0; t < periods; t++) {
            period_label(t, label, sizeof label);
            fprintf(fp, "Area %07zu,%s,%s,%ld\n", area + 1, kinds[s % N_KINDS].id, label, v[t]);
        }
    }
}

static void write_jsonl_area(FILE *fp, size_t area, size_t n_series, int periods,
                             uint64_t seed)
{
    long v[MAX_PERIODS];
    char label[16];
    fprintf(fp, "{\"area\":\"Area %07zu\",\"series\":[", area + 1);
    for (size_t s = 0; s < n_series; s++) {
        series_values(seed, area, s, periods, v);
        fprintf(fp, "%s{\"id\":\"%s\",\"periods\":[", s > 0 ? "," : "", kinds[s % N_KINDS].id);
        for (int t = 0; t < periods; t++) {
            period_label(t, label, sizeof label);
            fprintf(fp, "%s\"%s\"", t > 0 ? "," : "", label);
        }
        fputs("],\"values\":[", fp);
        for (int t = 0; t < periods; t++)
            fprintf(fp, "%s%ld", t > 0 ? "," : "", v[t]);
        fputs("]}", fp);
    }
    fputs("]}\n", fp);
}

static int usage(void)
{
    fputs("usage: gen SERIES csv|jsonl OUT [--per-area K] [--periods P] [--seed N]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return usage();
    size_t total = strtoull(argv[1], NULL, 10);
    const char *format = argv[2], *out = argv[3];
    size_t per_area = N_KINDS;
    int periods = 20;
    uint64_t seed = 20240401;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--per-area") == 0)
            per_area = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--periods") == 0)
            periods = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[i + 1], NULL, 10);
        else
            return usage();
    }
    int csv = strcmp(format, "csv") == 0;
    if (total == 0 || per_area == 0 || per_area > N_KINDS || periods < 3 ||
        periods > MAX_PERIODS || (!csv && strcmp(format, "jsonl") != 0))
        return usage();
    FILE *fp = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
    if (fp == NULL) {
        perror(out);
        return 1;
    }
    static char buf[1 << 20];
    setvbuf(fp, buf, _IOFBF, sizeof buf);
    if (csv)
        fputs("area,series,period,value\n", fp);
    size_t areas = (total + per_area - 1) / per_area;
    for (size_t a = 0; a < areas; a++) {
        size_t n = a + 1 < areas ? per_area : total - a * per_area;
        if (csv)
            write_csv_area(fp, a, n, periods, seed);
        else
            write_jsonl_area(fp, a, n, periods, seed);
    }
    if (fflush(fp) != 0 || (fp != stdout && fclose(fp) != 0)) {
        perror(out);
        return 1;
    }
    return 0;
}
