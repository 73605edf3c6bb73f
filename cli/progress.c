/*
** progress.c: the progress line of `indicate batch` (see progress.h).
*/
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define REDRAW_SECONDS 0.25

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t inputs_size(char *const *inputs, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &st) != 0 ||
            !S_ISREG(st.st_mode))
            return 0;
        total += (uint64_t)st.st_size;
    }
    return total;
}

void progress_start(progress *p, int on, char *const *inputs, size_t n_inputs)
{
    memset(p, 0, sizeof *p);
    p->on = on && isatty(STDERR_FILENO);
    p->total_bytes = p->on ? inputs_size(inputs, n_inputs) : 0;
    p->start = progress_now();
    p->last_draw = p->start; /* a run done within a quarter second draws nothing */
}

static void clock_text(double seconds, char *buf, size_t size)
{
    long s = seconds > 0 ? (long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

void progress_update(progress *p, size_t areas, uint64_t bytes)
{
    if (!p->on)
        return;
    double now = progress_now();
    if (now - p->last_draw < REDRAW_SECONDS)
        return;
    p->last_draw = now;
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)areas / elapsed : 0;
    char left[32] = "", of[48] = "";
    if (p->total_bytes > 0 && bytes > 0 && areas > 0) {
        double done = (double)bytes / (double)p->total_bytes;
        if (done > 1)
            done = 1;
        snprintf(of, sizeof of, " of ~%.0f", (double)areas / done);
        clock_text(elapsed * (1 - done) / done, left, sizeof left);
    }
    fprintf(stderr, "\r\033[Kindicate: %zu%s areas, %.0f areas/s%s%s", areas, of, rate,
            left[0] != '\0' ? ", left " : "", left);
    fflush(stderr);
    p->drawn = 1;
}

void progress_clear(progress *p)
{
    if (!p->drawn)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->drawn = 0;
}
