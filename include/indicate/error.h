/*
** error.h: status codes and the caller-provided error buffer.
**
** Every fallible function in libindicate returns an int status (IND_OK on
** success) and, on failure, writes one line of explanation into an ind_error
** the caller passes (which may be NULL when the caller does not want it).
** The library never prints and never exits; what to do with the message is
** the caller's business.
**
** A message names where the problem is first (file, line or JSON path,
** area, series, period) and then what it is, e.g.
**   "nl.json: $.series[2].values[4]: negative value -3 in a count series"
*/
#ifndef INDICATE_ERROR_H
#define INDICATE_ERROR_H

#include <stddef.h>

#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IND_ERROR_MAX 1024

/* The message buffer. Zero-initialise it or let a call fill it. */
typedef struct ind_error {
    int code;                   /* the status last set, IND_OK if none */
    char message[IND_ERROR_MAX];/* NUL-terminated, one line, no trailing newline */
} ind_error;

/* Stores code and a printf-style message in err (when err is not NULL) and
** returns code, so that a failing path can end in
**     return ind_error_set(err, IND_EDATA, "%s: ...", path);
** Messages longer than the buffer are truncated, never overflowed. */
int ind_error_set(ind_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Prepends "prefix: " to the message already in err (for adding the file
** name or area at an outer level). Returns err->code; a no-op on NULL. */
int ind_error_prefix(ind_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A short lower-case name for a status code ("data", "parse", ...). Never NULL. */
const char *ind_status_name(int code);

#ifdef __cplusplus
}
#endif
#endif
