/*
** target.c: the status rules. Decimal amounts and ISO dates as datasets
** write them, and the judging of a figure against its target and of a
** project milestone against the date.
**
** Judging works on exact rationals (GMP mpq): the figure as its integer
** counts where it has them (268 of 364), the target and tolerance as the
** decimals the dataset wrote. A figure exactly at the edge of the tolerance
** therefore lands on the documented side of it, which comparing doubles
** cannot promise (0.75 * 0.9 is not 0.675 in binary).
*/
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/format.h"
#include "indicate/target.h"

#define MAX_DIGITS 18
#define DECIMAL_TEXT_MAX 48

/* ---- names --------------------------------------------------------------- */

const char *ind_level_name(ind_level level)
{
    static const char *const names[IND_LEVEL_COUNT] = {
        "complete", "met", "near", "missed", "pending", "context",
    };
    return (unsigned)level < IND_LEVEL_COUNT ? names[level] : "?";
}

const char *ind_target_polarity_name(ind_target_polarity p)
{
    switch (p) {
    case IND_TARGET_HIGHER: return "higher_is_better";
    case IND_TARGET_LOWER: return "lower_is_better";
    case IND_TARGET_CLOSER: return "closer_is_better";
    default: return "unset";
    }
}

const char *ind_target_scope_name(ind_target_scope s)
{
    switch (s) {
    case IND_SCOPE_YEAR_TO_DATE: return "year-to-date";
    case IND_SCOPE_PRO_RATA: return "pro-rata";
    default: return "period";
    }
}

/* ---- decimals ------------------------------------------------------------ */

static void set_why(char *why, size_t size, const char *text)
{
    if (why != NULL && size > 0)
        snprintf(why, size, "%s", text);
}

int ind_decimal_parse(const char *s, size_t len, ind_decimal *out)
{
    size_t i = 0;
    int negative = 0, point = 0, any = 0, significant = 0;
    int64_t digits = 0;
    int scale = 0;
    if (s == NULL || out == NULL)
        return IND_EINVAL;
    if (i < len && s[i] == '-') {
        negative = 1;
        i++;
    }
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            /* "5." and ".5" are not how anyone writes a target */
            if (point || !any || i + 1 == len)
                return IND_EDATA;
            point = 1;
            continue;
        }
        if (c < '0' || c > '9')
            return IND_EDATA;
        any = 1;
        if (point && ++scale > MAX_DIGITS)
            return IND_EDATA;
        if (digits == 0 && c == '0')
            continue; /* leading zeros carry no precision */
        if (++significant > MAX_DIGITS)
            return IND_EDATA;
        digits = digits * 10 + (c - '0');
    }
    if (!any)
        return IND_EDATA;
    out->digits = negative ? -digits : digits;
    out->scale = scale;
    return IND_OK;
}

int ind_decimal_from_double(double x, ind_decimal *out)
{
    char buf[IND_FORMAT_MAX];
    if (out == NULL || !isfinite(x) || ind_format_shortest(x, buf, sizeof buf) < 0)
        return IND_EDATA;
    char *e = strchr(buf, 'e');
    long exp10 = e != NULL ? strtol(e + 1, NULL, 10) : 0;
    size_t len = e != NULL ? (size_t)(e - buf) : strlen(buf);
    ind_decimal d;
    if (ind_decimal_parse(buf, len, &d) != IND_OK)
        return IND_EDATA;
    long scale = (long)d.scale - exp10;
    for (; scale < 0; scale++) {
        if (d.digits > INT64_C(99999999999999999) || d.digits < -INT64_C(99999999999999999))
            return IND_EDATA;
        d.digits *= 10;
    }
    if (scale > MAX_DIGITS)
        return IND_EDATA;
    d.scale = (int)scale;
    *out = d;
    return IND_OK;
}

double ind_decimal_value(ind_decimal d)
{
    double x = (double)d.digits;
    for (int i = 0; i < d.scale; i++)
        x /= 10;
    return x;
}

/* The decimal as written, with thousands separators when asked. */
static int decimal_text(ind_decimal d, int thousands, char *buf, size_t size)
{
    char raw[32], out[DECIMAL_TEXT_MAX];
    uint64_t mag = d.digits < 0 ? (uint64_t)0 - (uint64_t)d.digits : (uint64_t)d.digits;
    int n = snprintf(raw, sizeof raw, "%0*llu", d.scale + 1, (unsigned long long)mag);
    if (n < 0)
        return -1;
    size_t int_len = (size_t)n - (size_t)d.scale, o = 0;
    if (d.digits < 0)
        out[o++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (thousands && i > 0 && (int_len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    if (d.scale > 0) {
        out[o++] = '.';
        memcpy(out + o, raw + int_len, (size_t)d.scale);
        o += (size_t)d.scale;
    }
    out[o] = '\0';
    if (o + 1 > size)
        return -1;
    memcpy(buf, out, o + 1);
    return (int)o;
}

/* ---- amounts ------------------------------------------------------------- */

int ind_amount_parse(const char *s, ind_amount *out, char *why, size_t why_size)
{
    if (s == NULL || out == NULL)
        return IND_EINVAL;
    size_t len = strlen(s);
    ind_amount_form form = IND_AMOUNT_NONE;
    if (len > 1 && s[len - 1] == '%') {
        form = IND_AMOUNT_PERCENT;
        len--;
    } else if (len > 2 && strcmp(s + len - 2, "pp") == 0) {
        form = IND_AMOUNT_POINTS;
        len -= 2;
        if (len > 1 && s[len - 1] == ' ')
            len--;
    }
    if (form == IND_AMOUNT_NONE) {
        set_why(why, why_size, "expected a percentage such as \"75%\" or percentage "
                               "points such as \"5 pp\" (write other amounts as JSON numbers)");
        return IND_EDATA;
    }
    if (ind_decimal_parse(s, len, &out->value) != IND_OK) {
        set_why(why, why_size, form == IND_AMOUNT_PERCENT
                                   ? "not a percentage: expected digits, an optional "
                                     "decimal point, then \"%\", such as \"75%\" or \"62.5%\""
                                   : "not percentage points: expected digits, an optional "
                                     "decimal point, then \" pp\", such as \"5 pp\"");
        return IND_EDATA;
    }
    out->form = form;
    return IND_OK;
}

int ind_amount_format(const ind_amount *a, char *buf, size_t size)
{
    char num[DECIMAL_TEXT_MAX];
    if (a == NULL || buf == NULL || size == 0)
        return -1;
    if (a->form == IND_AMOUNT_NONE) {
        buf[0] = '\0';
        return 0;
    }
    if (decimal_text(a->value, a->form == IND_AMOUNT_NUMBER, num, sizeof num) < 0)
        return -1;
    const char *suffix = a->form == IND_AMOUNT_PERCENT ? "%"
                       : a->form == IND_AMOUNT_POINTS  ? " pp"
                                                       : "";
    int n = snprintf(buf, size, "%s%s", num, suffix);
    return n < 0 || (size_t)n >= size ? -1 : n;
}

/* ---- dates ------------------------------------------------------------------ */

/* Days from civil and back: the algorithms of H. Hinnant, "chrono-Compatible
** Low-Level Date Algorithms", valid over the whole proleptic Gregorian
** calendar. */
ind_date ind_date_from_ymd(int year, int month, int day)
{
    int64_t y = year, m = month - 1;
    y += m >= 0 ? m / 12 : -((11 - m) / 12);
    m = ((m % 12) + 12) % 12 + 1;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (ind_date)(era * 146097 + doe - 719468);
}

void ind_date_to_ymd(ind_date d, int *year, int *month, int *day)
{
    int64_t z = (int64_t)d + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)m;
    *year = (int)(yoe + era * 400 + (m <= 2));
}

void ind_date_format(ind_date d, char buf[11])
{
    int y, m, day;
    ind_date_to_ymd(d, &y, &m, &day);
    unsigned fields[3] = { (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)day % 100u };
    buf[0] = (char)('0' + fields[0] / 1000);
    buf[1] = (char)('0' + fields[0] / 100 % 10);
    buf[2] = (char)('0' + fields[0] / 10 % 10);
    buf[3] = (char)('0' + fields[0] % 10);
    buf[4] = buf[7] = '-';
    buf[5] = (char)('0' + fields[1] / 10);
    buf[6] = (char)('0' + fields[1] % 10);
    buf[8] = (char)('0' + fields[2] / 10);
    buf[9] = (char)('0' + fields[2] % 10);
    buf[10] = '\0';
}

ind_period ind_date_period(ind_period_kind kind, ind_date d)
{
    int y, m, day;
    ind_period p = { kind, 0 };
    ind_date_to_ymd(d, &y, &m, &day);
    switch (kind) {
    case IND_PERIOD_FINANCIAL_YEAR: p.ordinal = m >= 4 ? y : y - 1; break;
    case IND_PERIOD_REPORTING_YEAR: p.ordinal = m >= 8 ? y : y - 1; break;
    /* April is quarter 0 of its year: (4 + 8) % 12 / 3 = 0, January 3 */
    case IND_PERIOD_FINANCIAL_QUARTER:
        p.ordinal = (m >= 4 ? y : y - 1) * 4 + ((m + 8) % 12) / 3;
        break;
    case IND_PERIOD_MONTH: p.ordinal = y * 12 + m - 1; break;
    default: p.ordinal = y; break;
    }
    return p;
}

static int digits_at(const char *s, size_t from, size_t n, int *out)
{
    int v = 0;
    for (size_t i = from; i < from + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int ind_date_parse(const char *s, ind_date *out, char *why, size_t why_size)
{
    int y, m, d;
    if (s == NULL || out == NULL)
        return IND_EINVAL;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits_at(s, 0, 4, &y) ||
        digits_at(s, 5, 2, &m) || digits_at(s, 8, 2, &d)) {
        set_why(why, why_size, "not an ISO date: expected YYYY-MM-DD, such as 2024-01-31");
        return IND_EDATA;
    }
    if (y < 1900 || y > 2199) {
        set_why(why, why_size, "the year is outside 1900 to 2199");
        return IND_EDATA;
    }
    ind_date day = ind_date_from_ymd(y, m, d);
    int y2, m2, d2;
    ind_date_to_ymd(day, &y2, &m2, &d2);
    if (m < 1 || m > 12 || d < 1 || y2 != y || m2 != m || d2 != d) {
        set_why(why, why_size, "no such day in the calendar");
        return IND_EDATA;
    }
    *out = day;
    return IND_OK;
}

/* ---- targets ------------------------------------------------------------------ */

const ind_target_step *ind_target_step_at(const ind_target *t, ind_date first_day)
{
    const ind_target_step *in_force = NULL;
    for (size_t i = 0; t != NULL && i < t->n_steps; i++) {
        if (t->steps[i].from != NULL && t->steps[i].from_day > first_day)
            break;
        in_force = &t->steps[i];
    }
    return in_force;
}

/* q = the decimal exactly. */
static void q_decimal(mpq_t q, ind_decimal d)
{
    char text[64];
    int n = snprintf(text, sizeof text, "%lld/1", (long long)d.digits);
    for (int i = 0; i < d.scale && n + 1 < (int)sizeof text; i++)
        text[n++] = '0';
    text[n] = '\0';
    mpq_set_str(q, text, 10);
    mpq_canonicalize(q);
}

static int exact_integer(double x)
{
    return ind_is_integral(x);
}

/* q = the figure: its counts exactly when it has integral ones, else the
** decimal its value reads as. */
static int q_figure(mpq_t q, const ind_target_figure *x)
{
    if (exact_integer(x->numerator) && exact_integer(x->denominator) &&
        x->denominator != 0 && exact_integer(x->scale)) {
        mpz_t num, den;
        mpz_inits(num, den, NULL);
        mpz_set_d(num, x->numerator);
        mpz_set_d(den, x->denominator);
        mpz_mul_si(num, num, (long)x->scale);
        mpq_set_num(q, num);
        mpq_set_den(q, den);
        mpq_canonicalize(q); /* also makes the denominator positive */
        mpz_clears(num, den, NULL);
        return IND_OK;
    }
    ind_decimal d;
    if (ind_decimal_from_double(x->value, &d) != IND_OK)
        return IND_EDATA;
    q_decimal(q, d);
    return IND_OK;
}

int ind_target_check_target(ind_target_unit unit, const ind_amount *target,
                            ind_error *err)
{
    int percent_figure = unit != IND_TARGET_UNIT_AMOUNT;
    if (target == NULL ||
        (target->form != IND_AMOUNT_NUMBER && target->form != IND_AMOUNT_PERCENT))
        return ind_error_set(err, IND_EINVAL, "no target value");
    if (!percent_figure && target->form == IND_AMOUNT_PERCENT)
        return ind_error_set(err, IND_EDATA,
                             "a percentage target for a figure that is not a "
                             "percentage: write the target as a number in the "
                             "measure's units");
    if (percent_figure && target->form == IND_AMOUNT_NUMBER)
        return ind_error_set(err, IND_EDATA,
                             "the target of a percentage figure is a bare number, "
                             "which could be a fraction or a percentage: write it "
                             "as a percentage string such as \"75%%\"");
    return IND_OK;
}

int ind_target_check_tolerance(ind_target_unit unit, const ind_amount *tolerance,
                               ind_error *err)
{
    int percent_figure = unit != IND_TARGET_UNIT_AMOUNT;
    if (tolerance == NULL)
        return ind_error_set(err, IND_EINVAL, "no tolerance");
    switch (tolerance->form) {
    case IND_AMOUNT_PERCENT:
        break;
    case IND_AMOUNT_POINTS:
        if (!percent_figure)
            return ind_error_set(err, IND_EDATA,
                                 "a tolerance in percentage points for a figure "
                                 "that is not a percentage: write it as a percent "
                                 "of the target (\"10%%\") or as a number");
        break;
    case IND_AMOUNT_NUMBER:
        if (percent_figure)
            return ind_error_set(err, IND_EDATA,
                                 "a bare-number tolerance for a percentage figure "
                                 "is ambiguous: write it as percentage points "
                                 "(\"5 pp\") or as a percent of the target (\"10%%\")");
        break;
    default:
        return ind_error_set(err, IND_EINVAL, "no tolerance");
    }
    if (tolerance->value.digits < 0)
        return ind_error_set(err, IND_EDATA, "the tolerance is negative");
    return IND_OK;
}

/* target and band in the figure's units. */
static void target_and_band(const ind_target_figure *x, const ind_amount *target,
                            int64_t part, int64_t whole,
                            const ind_amount *tolerance, mpq_t t, mpq_t band)
{
    mpq_t hundred, share, v;
    mpq_inits(hundred, share, v, NULL);
    mpq_set_ui(hundred, 100, 1);
    q_decimal(t, target->value);
    if (target->form == IND_AMOUNT_PERCENT && x->unit == IND_TARGET_UNIT_FRACTION)
        mpq_div(t, t, hundred);
    mpq_set_si(share, (long)part, (unsigned long)whole);
    mpq_canonicalize(share);
    mpq_mul(t, t, share);

    q_decimal(v, tolerance->value);
    if (tolerance->form == IND_AMOUNT_PERCENT) {
        mpq_abs(band, t);
        mpq_mul(band, band, v);
        mpq_div(band, band, hundred);
    } else if (tolerance->form == IND_AMOUNT_POINTS && x->unit == IND_TARGET_UNIT_FRACTION) {
        mpq_div(band, v, hundred);
    } else {
        mpq_set(band, v);
    }
    mpq_clears(hundred, share, v, NULL);
}

/* The double nearest q. mpq_get_d truncates towards zero, which would turn
** 27/40 into 0.67499999999999993 rather than 0.675; the neighbour away
** from zero is taken when it is nearer. */
static double q_nearest(const mpq_t q)
{
    double d = mpq_get_d(q);
    if (mpq_sgn(q) == 0 || !isfinite(d))
        return d;
    double away = nextafter(d, mpq_sgn(q) > 0 ? INFINITY : -INFINITY);
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    mpq_set_d(a, d);
    mpq_sub(a, q, a);
    mpq_abs(a, a);
    mpq_set_d(b, away);
    mpq_sub(b, b, q);
    mpq_abs(b, b);
    int cmp = mpq_cmp(b, a);
    mpq_clears(a, b, NULL);
    return cmp < 0 ? away : d;
}

/* The level of gap g against band b: the boundary belongs to the better
** level. closer: MET within b, NEAR within 2b. */
static ind_level level_of(const mpq_t g, const mpq_t b, ind_target_polarity p)
{
    mpq_t twice;
    ind_level level;
    if (p != IND_TARGET_CLOSER) {
        if (mpq_sgn(g) <= 0)
            return IND_LEVEL_MET;
        return mpq_cmp(g, b) <= 0 ? IND_LEVEL_NEAR : IND_LEVEL_MISSED;
    }
    if (mpq_cmp(g, b) <= 0)
        return IND_LEVEL_MET;
    mpq_init(twice);
    mpq_add(twice, b, b);
    level = mpq_cmp(g, twice) <= 0 ? IND_LEVEL_NEAR : IND_LEVEL_MISSED;
    mpq_clear(twice);
    return level;
}

static void fill_judgement(ind_judgement *out, const mpq_t x, const mpq_t t,
                           const mpq_t band, const mpq_t g, ind_target_polarity p)
{
    mpq_t bound, rel;
    mpq_inits(bound, rel, NULL);
    out->figure = q_nearest(x);
    out->gap = q_nearest(g);
    /* where NEAR ends: target -/+ band (closer: the lower of target -/+ 2 band) */
    mpq_set(bound, band);
    if (p == IND_TARGET_CLOSER)
        mpq_add(bound, bound, band);
    if (p == IND_TARGET_LOWER)
        mpq_add(bound, t, bound);
    else
        mpq_sub(bound, t, bound);
    out->bound = q_nearest(bound);
    if (mpq_sgn(t) != 0) {
        mpq_abs(rel, t);
        mpq_div(rel, g, rel);
        mpq_set_ui(bound, 100, 1);
        mpq_mul(rel, rel, bound);
        out->gap_percent = q_nearest(rel);
    }
    mpq_clears(bound, rel, NULL);
}

int ind_target_judge(const ind_target_figure *x, const ind_amount *target,
                     int64_t part, int64_t whole,
                     ind_target_polarity polarity, const ind_amount *tolerance,
                     ind_judgement *out, ind_error *err)
{
    if (x == NULL || target == NULL || tolerance == NULL || out == NULL ||
        whole <= 0 || part <= 0 || part > whole || polarity == IND_TARGET_POLARITY_UNSET)
        return ind_error_set(err, IND_EINVAL, "ind_target_judge: bad arguments");
    int rc = ind_target_check_target(x->unit, target, err);
    if (rc == IND_OK)
        rc = ind_target_check_tolerance(x->unit, tolerance, err);
    if (rc != IND_OK)
        return rc;

    memset(out, 0, sizeof *out);
    out->level = IND_LEVEL_PENDING;
    out->figure = out->gap = out->gap_percent = out->bound = NAN;
    out->tolerance = *tolerance;

    mpq_t t, band, q, g;
    mpq_inits(t, band, q, g, NULL);
    target_and_band(x, target, part, whole, tolerance, t, band);
    out->target = q_nearest(t);
    out->width = q_nearest(band);
    if (!isnan(x->value)) {
        rc = q_figure(q, x);
        if (rc == IND_OK) {
            if (polarity == IND_TARGET_HIGHER)
                mpq_sub(g, t, q);
            else
                mpq_sub(g, q, t);
            if (polarity == IND_TARGET_CLOSER)
                mpq_abs(g, g);
            out->level = level_of(g, band, polarity);
            fill_judgement(out, q, t, band, g, polarity);
        } else {
            rc = ind_error_set(err, IND_EDATA, "the figure %.17g cannot be read exactly",
                               x->value);
        }
    }
    mpq_clears(t, band, q, g, NULL);
    return rc;
}

/* ---- projects ------------------------------------------------------------------ */

void ind_milestone_judge(const ind_milestone *p, ind_date as_at,
                       int32_t default_slippage_days, ind_progress *out)
{
    memset(out, 0, sizeof *out);
    out->tolerance_days = p->slippage_days >= 0   ? p->slippage_days
                        : default_slippage_days >= 0 ? default_slippage_days
                                                     : IND_DEFAULT_SLIPPAGE_DAYS;
    if (p->has_completed && p->completed <= as_at) {
        out->level = IND_LEVEL_COMPLETE;
        return;
    }
    if (!p->reported) {
        out->level = IND_LEVEL_PENDING;
        return;
    }
    if (!p->has_due) {
        out->level = IND_LEVEL_CONTEXT;
        return;
    }
    ind_date current = p->has_revised ? p->revised : p->due;
    ind_date end = current;
    if (as_at > current) {
        out->overdue = 1;
        end = as_at;
    }
    /* a date brought forward is no slippage */
    int32_t slip = end > p->due ? end - p->due : 0;
    out->slippage_days = slip;
    out->level = slip == 0                     ? IND_LEVEL_MET
               : slip <= out->tolerance_days   ? IND_LEVEL_NEAR
                                               : IND_LEVEL_MISSED;
}
