/*
** error.c: filling the caller's error buffer, and names for status codes.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "indicate/error.h"
#include "indicate/indicate.h"

int ind_error_set(ind_error *err, int code, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

int ind_error_prefix(ind_error *err, const char *fmt, ...)
{
    if (err == NULL)
        return IND_OK;
    char prefix[IND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return err->code;

    /* Shift the old message right to make room; truncate its tail if needed. */
    size_t plen = strlen(prefix);
    size_t mlen = strnlen(err->message, sizeof err->message);
    size_t room = sizeof err->message - 1;
    if (plen + 2 >= room)
        plen = room - 2;
    size_t keep = mlen;
    if (plen + 2 + keep > room)
        keep = room - plen - 2;
    memmove(err->message + plen + 2, err->message, keep);
    memcpy(err->message, prefix, plen);
    err->message[plen] = ':';
    err->message[plen + 1] = ' ';
    err->message[plen + 2 + keep] = '\0';
    return err->code;
}

const char *ind_status_name(int code)
{
    switch (code) {
    case IND_OK: return "ok";
    case IND_EINVAL: return "invalid argument";
    case IND_ENOMEM: return "out of memory";
    case IND_EIO: return "i/o";
    case IND_EPARSE: return "parse";
    case IND_EDATA: return "data";
    case IND_ELIMIT: return "limit";
    case IND_EPLUGIN: return "plug-in";
    case IND_ENUMERIC: return "numeric";
    case IND_ENOTFOUND: return "not found";
    case IND_EDOMAIN: return "undefined";
    default: return "unknown";
    }
}

const char *ind_version(void)
{
    return IND_VERSION;
}
