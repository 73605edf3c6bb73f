/*
** progress.h: a one-line progress report on standard error.
**
** Shown only when standard error is a terminal and the user did not ask for
** quiet: areas done, of how many (estimated from the bytes read, when the
** inputs are regular files whose sizes are known), the rate, and the time
** left. Redrawn at most four times a second, so it costs nothing per area.
*/
#ifndef INDICATE_CLI_PROGRESS_H
#define INDICATE_CLI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct progress {
    int on;                /* drawing at all */
    uint64_t total_bytes;  /* of the inputs; 0 when unknown (standard input) */
    double start;          /* monotonic seconds */
    double last_draw;
    int drawn;             /* a line is on screen */
} progress;

/* Monotonic seconds. */
double progress_now(void);

/* Starts timing; draws only when on and standard error is a terminal. The
** total is the sum of the sizes of the inputs that are regular files, or 0
** when any is not (standard input, a pipe). */
void progress_start(progress *p, int on, char *const *inputs, size_t n_inputs);

/* Redraws when due: areas done, bytes read so far. */
void progress_update(progress *p, size_t areas, uint64_t bytes);

/* Clears the line (before another message, and at the end). */
void progress_clear(progress *p);

#endif
