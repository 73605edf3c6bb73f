/*
** csvw.h: CSV cells for every CSV the command writes, safe to open in a
** spreadsheet.
**
** Fields are quoted per RFC 4180 when they hold a comma, a double quote or
** a line end, and records end with CRLF. A text cell that a spreadsheet
** would read as a formula (it begins with =, +, -, @, a tab or a carriage
** return) is neutralised by a leading apostrophe: "-7.9 pp" is written
** '-7.9 pp and "=HYPERLINK(...)" '=HYPERLINK(...). Spreadsheets then show
** the text as text; a program reading the file drops one apostrophe before
** one of those characters to get the text back (docs/reports.md). Numbers
** are never text cells: they are written bare, shortest round-trip form,
** so a negative change stays a number.
*/
#ifndef INDICATE_CSVW_H
#define INDICATE_CSVW_H

#include <stdio.h>

/* The UTF-8 byte order mark some older spreadsheets need to read UTF-8. */
#define CSVW_BOM "\xEF\xBB\xBF"

/* Non-zero when a spreadsheet would read text s as a formula: it begins
** with =, +, -, @, a tab or a carriage return. NULL and "" are safe. */
int csvw_is_formula_like(const char *s);

/* Writes text s (NULL as empty) as one field, guarded and quoted as above,
** then a comma, or CRLF when last. */
void csvw_text(FILE *fp, const char *s, int last);

/* Writes x as a bare number in its shortest round-trip form (empty when
** not finite), then a comma, or CRLF when last. */
void csvw_number(FILE *fp, double x, int last);

#endif
