/*
** period.c: period labels to kinds and ordinals, and back to labels and
** dates.
**
** A label is scanned once against every form. The scan says which kinds the
** label could be, the ordinal under each, and for each kind it cannot be,
** why not: the same scan serves parsing with a hint, inferring one kind for a
** series, and the message that explains a refusal.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dataset_internal.h"
#include "indicate/period.h"
#include "indicate/status.h"

#define KIND_COUNT (IND_PERIOD_MONTH + 1)
#define BIT(k) (1u << (k))

/* Why a label is not of a kind. */
typedef enum why {
    WHY_OK = 0,
    WHY_SHAPE,       /* not written like that kind at all */
    WHY_EMPTY,
    WHY_SPACE,
    WHY_YEAR,        /* a year outside the accepted range */
    WHY_SECOND_YEAR, /* "2023-25" */
    WHY_MONTH,       /* "2024-13" */
    WHY_QUARTER      /* "2023-24 Q5" */
} why;

typedef struct scan {
    unsigned kinds;
    int32_t ordinal[KIND_COUNT];
    why reason[KIND_COUNT];
    int year;   /* the first year written, for WHY_YEAR */
    int number; /* the month or quarter written */
} scan;

static const char *const KIND_NAMES[KIND_COUNT] = {
    "none", "financial-year", "reporting-year", "calendar-year",
    "financial-quarter", "month"};

static const char *const KIND_PROSE[KIND_COUNT] = {
    "period", "financial year", "reporting year", "calendar year",
    "financial quarter", "month"};

static const char *const KIND_FORMS[KIND_COUNT] = {
    "2023-24, 2023/24, 2023-2024, 2023-24 Q2, Q2 2023-24, 2024-03 or 2023",
    "2023-24, 2023/24, 2023-2024 or 2023/2024",
    "2023-24, 2023/24, 2023-2024 or 2023/2024",
    "2023",
    "2023-24 Q2, 2023/24 Q2 or Q2 2023-24",
    "2024-03"};

static int kind_valid(ind_period_kind k)
{
    return k > IND_PERIOD_NONE && k <= IND_PERIOD_MONTH;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* The value of n decimal digits at s, or -1 if any is not a digit. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int year_ok(int y)
{
    return y >= IND_PERIOD_YEAR_MIN && y <= IND_PERIOD_YEAR_MAX;
}

static void scan_init(scan *sc, why reason)
{
    memset(sc, 0, sizeof *sc);
    for (int k = 0; k < KIND_COUNT; k++)
        sc->reason[k] = reason;
}

static void scan_accept(scan *sc, ind_period_kind k, int32_t ordinal)
{
    sc->kinds |= BIT(k);
    sc->ordinal[k] = ordinal;
    sc->reason[k] = WHY_OK;
}

/* "2023-24", "2023/24", "2023-2024", "2023/2024": the start year, or the
** reason it is not a year pair. WHY_SHAPE when not written like one. */
static why year_pair(const char *s, size_t n, int *start)
{
    if ((n != 7 && n != 9) || (s[4] != '-' && s[4] != '/'))
        return WHY_SHAPE;
    int y = digits(s, 4);
    int second = digits(s + 5, n - 5);
    if (y < 0 || second < 0)
        return WHY_SHAPE;
    *start = y;
    if (!year_ok(y))
        return WHY_YEAR;
    int expect = n == 7 ? (y + 1) % 100 : y + 1;
    return second == expect ? WHY_OK : WHY_SECOND_YEAR;
}

static void set_years(scan *sc, why r)
{
    sc->reason[IND_PERIOD_FINANCIAL_YEAR] = r;
    sc->reason[IND_PERIOD_REPORTING_YEAR] = r;
}

static void scan_year_forms(const char *s, size_t n, scan *sc)
{
    int y = 0;
    why r = year_pair(s, n, &y);
    if (r == WHY_SHAPE)
        return;
    sc->year = y;
    if (r == WHY_OK) {
        scan_accept(sc, IND_PERIOD_FINANCIAL_YEAR, y);
        scan_accept(sc, IND_PERIOD_REPORTING_YEAR, y);
    } else {
        set_years(sc, r);
    }
}

/* "2024-03" is also a month; "2011-12" is both a year pair and a month. */
static void scan_month(const char *s, size_t n, scan *sc)
{
    if (n != 7 || s[4] != '-')
        return;
    int y = digits(s, 4);
    int m = digits(s + 5, 2);
    if (y < 0 || m < 0)
        return;
    sc->year = y;
    sc->number = m;
    if (!year_ok(y))
        sc->reason[IND_PERIOD_MONTH] = WHY_YEAR;
    else if (m < 1 || m > 12)
        sc->reason[IND_PERIOD_MONTH] = WHY_MONTH;
    else
        scan_accept(sc, IND_PERIOD_MONTH, y * 12 + (m - 1));
}

static void scan_calendar(const char *s, size_t n, scan *sc)
{
    if (n != 4)
        return;
    int y = digits(s, 4);
    if (y < 0)
        return;
    sc->year = y;
    if (!year_ok(y))
        sc->reason[IND_PERIOD_CALENDAR_YEAR] = WHY_YEAR;
    else
        scan_accept(sc, IND_PERIOD_CALENDAR_YEAR, y);
}

/* "2023-24 Q2" or "Q2 2023-24". Returns 0 when the label has no quarter
** part, so that the other forms are tried. */
static int scan_quarter(const char *s, size_t n, scan *sc)
{
    const char *pair;
    char qd;
    if (n >= 3 && s[0] == 'Q' && s[2] == ' ') {
        qd = s[1];
        pair = s + 3;
    } else if (n >= 3 && s[n - 3] == ' ' && s[n - 2] == 'Q') {
        qd = s[n - 1];
        pair = s;
    } else {
        return 0;
    }
    if (!is_digit(qd))
        return 0;
    int y = 0;
    why r = year_pair(pair, n - 3, &y);
    sc->year = y;
    sc->number = qd - '0';
    if (r == WHY_OK && (sc->number < 1 || sc->number > 4))
        r = WHY_QUARTER;
    if (r == WHY_OK)
        scan_accept(sc, IND_PERIOD_FINANCIAL_QUARTER, y * 4 + (sc->number - 1));
    else
        sc->reason[IND_PERIOD_FINANCIAL_QUARTER] = r;
    return 1;
}

static void scan_label(const char *s, size_t n, scan *sc)
{
    if (n == 0) {
        scan_init(sc, WHY_EMPTY);
        return;
    }
    if (is_space(s[0]) || is_space(s[n - 1])) {
        scan_init(sc, WHY_SPACE);
        return;
    }
    scan_init(sc, WHY_SHAPE);
    if (scan_quarter(s, n, sc))
        return;
    scan_calendar(s, n, sc);
    scan_year_forms(s, n, sc);
    scan_month(s, n, sc);
}

unsigned ind_period_scan(const char *label, size_t len, int32_t *ordinals)
{
    scan sc;
    scan_label(label, len, &sc);
    for (int k = 0; k < KIND_COUNT; k++)
        ordinals[k] = sc.ordinal[k];
    return sc.kinds;
}

unsigned ind_period_kinds_possible(const char *label)
{
    if (label == NULL)
        return 0;
    scan sc;
    scan_label(label, strlen(label), &sc);
    return sc.kinds;
}

/* The kind a label alone is read as: a financial year before anything else. */
static ind_period_kind preferred(unsigned kinds)
{
    static const ind_period_kind order[] = {
        IND_PERIOD_FINANCIAL_YEAR, IND_PERIOD_CALENDAR_YEAR,
        IND_PERIOD_FINANCIAL_QUARTER, IND_PERIOD_MONTH,
        IND_PERIOD_REPORTING_YEAR};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (kinds & BIT(order[i]))
            return order[i];
    }
    return IND_PERIOD_NONE;
}

ind_period_kind ind_period_kind_preferred(unsigned kinds)
{
    return preferred(kinds);
}

static void say(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

/* The reason a label is not of kind k, in words. */
static void explain(const scan *sc, ind_period_kind k, char *buf, size_t size)
{
    switch (sc->reason[k]) {
    case WHY_EMPTY:
        say(buf, size, "empty label (expected a form such as %s)",
            KIND_FORMS[k]);
        return;
    case WHY_SPACE:
        say(buf, size, "leading or trailing space (expected a form such as %s)",
            KIND_FORMS[k]);
        return;
    case WHY_YEAR:
        say(buf, size, "year %d is outside %d to %d", sc->year,
            IND_PERIOD_YEAR_MIN, IND_PERIOD_YEAR_MAX);
        return;
    case WHY_SECOND_YEAR:
        say(buf, size, "the second year must follow the first");
        return;
    case WHY_MONTH:
        say(buf, size, "month %02d is not 01 to 12", sc->number);
        return;
    case WHY_QUARTER:
        say(buf, size, "quarter Q%d is not Q1 to Q4", sc->number);
        return;
    default:
        break;
    }
    if (k == IND_PERIOD_NONE)
        say(buf, size, "not a period label (expected a form such as %s)",
            KIND_FORMS[k]);
    else
        say(buf, size, "not a %s label (expected %s)", KIND_PROSE[k],
            KIND_FORMS[k]);
}

/* Without a hint, the most telling reason among the kinds the label was
** written like. */
static void explain_any(const scan *sc, char *buf, size_t size)
{
    const why fy = sc->reason[IND_PERIOD_FINANCIAL_YEAR];
    const why m = sc->reason[IND_PERIOD_MONTH];
    if (sc->reason[IND_PERIOD_NONE] != WHY_SHAPE) {
        /* Empty, or spaces around: the same for every kind. */
        explain(sc, IND_PERIOD_NONE, buf, size);
        return;
    }
    if (fy == WHY_SECOND_YEAR && m == WHY_MONTH && sc->number <= 13) {
        /* "2023-13" or "2023-00": a month typed wrongly as likely as a year. */
        say(buf, size, "neither a month (01 to 12) nor a financial year "
                       "(the second year must follow the first)");
        return;
    }
    if (fy == WHY_SECOND_YEAR || fy == WHY_YEAR) {
        explain(sc, IND_PERIOD_FINANCIAL_YEAR, buf, size);
        return;
    }
    static const ind_period_kind others[] = {
        IND_PERIOD_CALENDAR_YEAR, IND_PERIOD_FINANCIAL_QUARTER,
        IND_PERIOD_MONTH};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        why r = sc->reason[others[i]];
        if (r != WHY_SHAPE && r != WHY_OK) {
            explain(sc, others[i], buf, size);
            return;
        }
    }
    explain(sc, IND_PERIOD_NONE, buf, size);
}

int ind_period_parse_n(const char *label, size_t len, ind_period_kind hint,
                       ind_period *out, char *why_buf, size_t why_size)
{
    scan sc;
    scan_label(label, len, &sc);
    ind_period_kind k = hint == IND_PERIOD_NONE ? preferred(sc.kinds) : hint;
    if (k != IND_PERIOD_NONE && (sc.kinds & BIT(k))) {
        out->kind = k;
        out->ordinal = sc.ordinal[k];
        return IND_OK;
    }
    if (hint == IND_PERIOD_NONE)
        explain_any(&sc, why_buf, why_size);
    else if (sc.kinds != 0)
        say(why_buf, why_size, "expected a %s label (%s), found a %s",
            KIND_PROSE[hint], KIND_FORMS[hint],
            KIND_PROSE[preferred(sc.kinds)]);
    else
        explain(&sc, hint, why_buf, why_size);
    return IND_EDATA;
}

int ind_period_parse(const char *label, ind_period_kind hint, ind_period *out,
                     ind_error *err)
{
    if (label == NULL || out == NULL || (hint != IND_PERIOD_NONE && !kind_valid(hint)))
        return ind_error_set(err, IND_EINVAL,
                             "ind_period_parse: no label, no output or a bad hint");
    char why_buf[256];
    int rc = ind_period_parse_n(label, strlen(label), hint, out, why_buf,
                                sizeof why_buf);
    if (rc != IND_OK) {
        char q[IND_QUOTE_MAX];
        ind_quote(q, sizeof q, label, strlen(label));
        return ind_error_set(err, rc, "period %s: %s", q, why_buf);
    }
    return IND_OK;
}

/* ---- ordinals back to labels and dates ---------------------------------- */

static int32_t floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The start year of p and its index within the year (quarter or month). */
static int split(ind_period p, int *year, int *sub)
{
    int per = ind_period_per_year(p.kind);
    if (per == 0)
        return 0;
    *year = floor_div(p.ordinal, per);
    *sub = p.ordinal - *year * per;
    return year_ok(*year);
}

int ind_period_label(ind_period p, char *buf, size_t size)
{
    int y, sub;
    if (buf == NULL || !split(p, &y, &sub))
        return -1;
    char tmp[32];
    int n;
    switch (p.kind) {
    case IND_PERIOD_FINANCIAL_YEAR:
    case IND_PERIOD_REPORTING_YEAR:
        n = snprintf(tmp, sizeof tmp, "%04d-%02d", y, (y + 1) % 100);
        break;
    case IND_PERIOD_CALENDAR_YEAR:
        n = snprintf(tmp, sizeof tmp, "%04d", y);
        break;
    case IND_PERIOD_FINANCIAL_QUARTER:
        n = snprintf(tmp, sizeof tmp, "%04d-%02d Q%d", y, (y + 1) % 100, sub + 1);
        break;
    default:
        n = snprintf(tmp, sizeof tmp, "%04d-%02d", y, sub + 1);
        break;
    }
    if (n < 0 || (size_t)n >= size)
        return -1;
    memcpy(buf, tmp, (size_t)n + 1);
    return n;
}

int ind_period_per_year(ind_period_kind kind)
{
    switch (kind) {
    case IND_PERIOD_FINANCIAL_YEAR:
    case IND_PERIOD_REPORTING_YEAR:
    case IND_PERIOD_CALENDAR_YEAR:
        return 1;
    case IND_PERIOD_FINANCIAL_QUARTER:
        return 4;
    case IND_PERIOD_MONTH:
        return 12;
    default:
        return 0;
    }
}

const char *ind_period_kind_name(ind_period_kind kind)
{
    return kind_valid(kind) ? KIND_NAMES[kind] : KIND_NAMES[IND_PERIOD_NONE];
}

ind_period_kind ind_period_kind_from_name(const char *name)
{
    if (name == NULL)
        return IND_PERIOD_NONE;
    for (int k = IND_PERIOD_FINANCIAL_YEAR; k < KIND_COUNT; k++) {
        if (strcmp(name, KIND_NAMES[k]) == 0)
            return (ind_period_kind)k;
    }
    return IND_PERIOD_NONE;
}

ind_period ind_period_add(ind_period p, int32_t n)
{
    /* Beyond int32 the result is no period at all rather than a wrap. */
    int64_t o = (int64_t)p.ordinal + n;
    if (o < INT32_MIN || o > INT32_MAX) {
        ind_period none = {IND_PERIOD_NONE, 0};
        return none;
    }
    ind_period r = {p.kind, (int32_t)o};
    return r;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

static void put_num(char *s, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        s[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* y may be one past IND_PERIOD_YEAR_MAX (the end of the last year), so four
** digits always suffice. */
static void put_date(char out[11], int y, int m, int d)
{
    put_num(out, y, 4);
    out[4] = '-';
    put_num(out + 5, m, 2);
    out[7] = '-';
    put_num(out + 8, d, 2);
    out[10] = '\0';
}

/* Months are counted from 1 and may run past 12 into the next year. */
static void put_month_start(char out[11], int y, int m)
{
    put_date(out, y + (m - 1) / 12, (m - 1) % 12 + 1, 1);
}

static void put_month_end(char out[11], int y, int m)
{
    int yy = y + (m - 1) / 12, mm = (m - 1) % 12 + 1;
    put_date(out, yy, mm, month_days(yy, mm));
}

int ind_period_dates(ind_period p, char first[11], char last[11])
{
    int y, sub;
    if (first == NULL || last == NULL || !split(p, &y, &sub))
        return IND_EINVAL;
    int m0, months; /* first month (1 = January of y) and how many */
    switch (p.kind) {
    case IND_PERIOD_FINANCIAL_YEAR: m0 = 4; months = 12; break;
    case IND_PERIOD_REPORTING_YEAR: m0 = 8; months = 12; break;
    case IND_PERIOD_CALENDAR_YEAR: m0 = 1; months = 12; break;
    case IND_PERIOD_FINANCIAL_QUARTER: m0 = 4 + 3 * sub; months = 3; break;
    default: m0 = sub + 1; months = 1; break;
    }
    put_month_start(first, y, m0);
    put_month_end(last, y, m0 + months - 1);
    return IND_OK;
}

int ind_period_position_in_year(ind_period p)
{
    if (p.kind == IND_PERIOD_FINANCIAL_QUARTER)
        return ((p.ordinal % 4) + 4) % 4;
    if (p.kind == IND_PERIOD_MONTH)
        return (((p.ordinal - 3) % 12) + 12) % 12;
    return 0;
}
