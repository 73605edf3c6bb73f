/*
** status.h: the status codes every indicate function and plug-in returns.
**
** Kept apart from error.h so that plugin.h, which a plug-in compiles against
** alone, can share them without declaring library functions a plug-in cannot
** call. The numeric values are stable: they are part of the C API and ABI.
*/
#ifndef INDICATE_STATUS_H
#define INDICATE_STATUS_H

enum {
    IND_OK = 0,
    IND_EINVAL = 1,    /* a bad argument from the caller (a programming error) */
    IND_ENOMEM = 2,    /* an allocation failed */
    IND_EIO = 3,       /* a file could not be opened, read or written */
    IND_EPARSE = 4,    /* malformed JSON or CSV */
    IND_EDATA = 5,     /* well-formed input that breaks a rule of the data model */
    IND_ELIMIT = 6,    /* input larger than a configured limit */
    IND_EPLUGIN = 7,   /* a plug-in was refused, or failed while computing */
    IND_ENUMERIC = 8,  /* a numerical routine failed (GSL status, non-convergence) */
    IND_ENOTFOUND = 9, /* a named thing (series, indicator, period) does not exist */
    IND_EDOMAIN = 10   /* a statistic is not defined for this input (too few points) */
};

#endif
