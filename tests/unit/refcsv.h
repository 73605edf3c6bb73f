/*
** refcsv.h: the reference tables of tests/reference as the reference tests
** read them: a CSV file (through libcsv) as a table of strings, numbers read
** strictly, and comparisons that print each mismatch with its file and row
** before the test fails.
**
** Closed-form results must agree to REFCSV_REL_TOL relative, or
** REFCSV_ABS_TOL absolute near zero; NaN matches only NaN.
*/
#ifndef INDICATE_TEST_REFCSV_H
#define INDICATE_TEST_REFCSV_H

#include <stddef.h>

#define REFCSV_REL_TOL 1e-9
#define REFCSV_ABS_TOL 1e-12

typedef struct table {
    const char *name;
    size_t rows, cols;    /* row 0 is the header */
    char **cell;          /* rows * cols, row-major */
    size_t n_cells, cap;
    size_t row_cells;     /* cells so far in the row being read */
    int ragged;           /* a row with the wrong number of cells */
} table;

/* Loads tests/reference/<name>; fails the test when it is missing,
** malformed, ragged or has no data row. */
table table_load(const char *name);
void table_free(table *t);

/* The cell of column name in row; fails the test for an unknown column. */
const char *text(const table *t, size_t row, const char *name);

/* The cell as a number ("nan" reads as NaN); fails the test otherwise. */
double number(const table *t, size_t row, const char *name);

/* Whether got agrees with expected within the tolerances. */
int close_enough(double expected, double got);

/* 0 when got agrees with expected, else 1 after printing the mismatch
** (what names the figure). */
int check(const table *t, size_t row, const char *what, double expected, double got);

/* check() against the number in column name. */
int check_value(const table *t, size_t row, const char *name, double got);

/* 0 when the statuses agree, else 1 after printing the mismatch. */
int check_status(const table *t, size_t row, int expected, int got);

#endif
