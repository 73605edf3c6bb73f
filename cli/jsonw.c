/*
** jsonw.c: the streaming JSON writer (see jsonw.h).
*/
#include <math.h>
#include <string.h>

#include "indicate/format.h"
#include "jsonw.h"

void jw_init(jsonw *w, FILE *fp, int pretty)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
    w->pretty = pretty;
}

static void newline(jsonw *w)
{
    if (!w->pretty)
        return;
    fputc('\n', w->fp);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->fp);
}

/* Everything before a value: the comma and the line break, unless it
** follows its key. */
static void before_value(jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (w->has_items[w->depth])
            fputc(',', w->fp);
        w->has_items[w->depth] = 1;
        newline(w);
    }
}

static void open_container(jsonw *w, char c)
{
    before_value(w);
    fputc(c, w->fp);
    if (w->depth + 1 < JSONW_MAX_DEPTH)
        w->depth++;
    w->has_items[w->depth] = 0;
}

static void close_container(jsonw *w, char c)
{
    int had = w->has_items[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (had)
        newline(w);
    fputc(c, w->fp);
}

void jw_object(jsonw *w) { open_container(w, '{'); }
void jw_end_object(jsonw *w) { close_container(w, '}'); }
void jw_array(jsonw *w) { open_container(w, '['); }
void jw_end_array(jsonw *w) { close_container(w, ']'); }

static void write_escaped(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': fputs("\\\"", fp); break;
        case '\\': fputs("\\\\", fp); break;
        case '\n': fputs("\\n", fp); break;
        case '\r': fputs("\\r", fp); break;
        case '\t': fputs("\\t", fp); break;
        default:
            if (*p < 0x20)
                fprintf(fp, "\\u%04x", *p);
            else
                fputc(*p, fp);
        }
    }
    fputc('"', fp);
}

void jw_key(jsonw *w, const char *key)
{
    before_value(w);
    write_escaped(w->fp, key);
    fputs(w->pretty ? ": " : ":", w->fp);
    w->after_key = 1;
}

void jw_string(jsonw *w, const char *s)
{
    before_value(w);
    if (s == NULL)
        fputs("null", w->fp);
    else
        write_escaped(w->fp, s);
}

void jw_number(jsonw *w, double x)
{
    before_value(w);
    char buf[IND_FORMAT_MAX];
    if (!isfinite(x) || ind_format_shortest(x, buf, sizeof buf) < 0)
        fputs("null", w->fp);
    else
        fputs(buf, w->fp);
}

void jw_int(jsonw *w, long long x)
{
    before_value(w);
    fprintf(w->fp, "%lld", x);
}

void jw_bool(jsonw *w, int b)
{
    before_value(w);
    fputs(b ? "true" : "false", w->fp);
}

void jw_null(jsonw *w)
{
    before_value(w);
    fputs("null", w->fp);
}

void jw_kstring(jsonw *w, const char *key, const char *s) { jw_key(w, key); jw_string(w, s); }
void jw_knumber(jsonw *w, const char *key, double x) { jw_key(w, key); jw_number(w, x); }
void jw_kint(jsonw *w, const char *key, long long x) { jw_key(w, key); jw_int(w, x); }
void jw_kbool(jsonw *w, const char *key, int b) { jw_key(w, key); jw_bool(w, b); }

void jw_finish(jsonw *w)
{
    fputc('\n', w->fp);
}
