/*
** refcsv.c: reading the stored reference tables and comparing against them
** (see refcsv.h).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <csv.h>

#include "refcsv.h"

static void on_field(void *s, size_t len, void *data)
{
    table *t = data;
    if (t->n_cells == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->cell = realloc(t->cell, t->cap * sizeof *t->cell);
        assert_non_null(t->cell);
    }
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->cell[t->n_cells++] = copy;
    t->row_cells++;
}

static void on_row(int c, void *data)
{
    (void)c;
    table *t = data;
    if (t->rows == 0)
        t->cols = t->row_cells;
    else if (t->row_cells != t->cols)
        t->ragged = 1;
    t->rows++;
    t->row_cells = 0;
}

table table_load(const char *name)
{
    table t = { name, 0, 0, NULL, 0, 0, 0, 0 };
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/%s", IND_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    struct csv_parser p;
    assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        assert_int_equal(csv_parse(&p, buf, got, on_field, on_row, &t), got);
    assert_int_equal(csv_fini(&p, on_field, on_row, &t), 0);
    csv_free(&p);
    fclose(f);
    if (t.ragged || t.rows < 2)
        fail_msg("%s: ragged or empty", path);
    return t;
}

void table_free(table *t)
{
    for (size_t i = 0; i < t->n_cells; i++)
        free(t->cell[i]);
    free(t->cell);
}

const char *text(const table *t, size_t row, const char *name)
{
    for (size_t c = 0; c < t->cols; c++)
        if (strcmp(t->cell[c], name) == 0)
            return t->cell[row * t->cols + c];
    fail_msg("%s: no column %s", t->name, name);
    return "";
}

double number(const table *t, size_t row, const char *name)
{
    const char *s = text(t, row, name);
    char *end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0')
        fail_msg("%s row %zu: %s is not a number: '%s'", t->name, row, name, s);
    return v;
}

int close_enough(double expected, double got)
{
    if (isnan(expected) || isnan(got))
        return isnan(expected) && isnan(got);
    if (expected == got)
        return 1;
    double diff = fabs(expected - got);
    return diff <= REFCSV_ABS_TOL || diff <= REFCSV_REL_TOL * fmax(fabs(expected), fabs(got));
}

int check(const table *t, size_t row, const char *what, double expected, double got)
{
    if (close_enough(expected, got))
        return 0;
    print_message("%s row %zu: %s expected %.17g, got %.17g\n", t->name, row, what, expected,
                  got);
    return 1;
}

int check_value(const table *t, size_t row, const char *name, double got)
{
    return check(t, row, name, number(t, row, name), got);
}

int check_status(const table *t, size_t row, int expected, int got)
{
    if (expected == got)
        return 0;
    print_message("%s row %zu: status expected %d, got %d\n", t->name, row, expected, got);
    return 1;
}
