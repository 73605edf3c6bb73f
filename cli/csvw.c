/*
** csvw.c: CSV fields guarded against formula injection (csvw.h). The one
** place that decides how a text cell is written, so the run, status, claims
** and batch CSVs all neutralise the same characters the same way.
*/
#include <math.h>
#include <string.h>

#include "csvw.h"
#include "indicate/format.h"

int csvw_is_formula_like(const char *s)
{
    return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

void csvw_text(FILE *fp, const char *s, int last)
{
    if (s == NULL)
        s = "";
    int guard = csvw_is_formula_like(s);
    /* A guarded cell is quoted too: the apostrophe then sits visibly inside
    ** the field, and a tab or CR at its start cannot be mistaken for layout. */
    if (!guard && strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
    } else {
        fputc('"', fp);
        if (guard)
            fputc('\'', fp);
        for (; *s != '\0'; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

void csvw_number(FILE *fp, double x, int last)
{
    char buf[IND_FORMAT_MAX];
    if (isfinite(x) && ind_format_shortest(x, buf, sizeof buf) >= 0)
        fputs(buf, fp);
    fputs(last ? "\r\n" : ",", fp);
}
