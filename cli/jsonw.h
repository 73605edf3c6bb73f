/*
** jsonw.h: a small streaming JSON writer.
**
** Results are written as they are walked, without building a tree: no
** allocation per value, and output is byte-identical for the same result.
** Numbers use the shortest representation that reads back exactly; NaN and
** infinities are written as null.
*/
#ifndef INDICATE_JSONW_H
#define INDICATE_JSONW_H

#include <stdio.h>

#define JSONW_MAX_DEPTH 32

typedef struct jsonw {
    FILE *fp;
    int pretty;        /* indent by two spaces per level */
    int depth;
    int after_key;     /* a key was written; the value follows on its line */
    unsigned char has_items[JSONW_MAX_DEPTH];
} jsonw;

void jw_init(jsonw *w, FILE *fp, int pretty);

void jw_object(jsonw *w);
void jw_end_object(jsonw *w);
void jw_array(jsonw *w);
void jw_end_array(jsonw *w);
void jw_key(jsonw *w, const char *key);

void jw_string(jsonw *w, const char *s); /* NULL writes null */
void jw_number(jsonw *w, double x);
void jw_int(jsonw *w, long long x);
void jw_bool(jsonw *w, int b);
void jw_null(jsonw *w);

/* key and value in one call */
void jw_kstring(jsonw *w, const char *key, const char *s);
void jw_knumber(jsonw *w, const char *key, double x);
void jw_kint(jsonw *w, const char *key, long long x);
void jw_kbool(jsonw *w, const char *key, int b);

/* Ends the document with a newline. */
void jw_finish(jsonw *w);

#endif
