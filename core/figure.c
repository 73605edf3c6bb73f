/*
** figure.c: reading a figure as written ("3,034", "-2.7%", "£48,221",
** "seven", "No change") into its exact decimal value and its style, and the
** exact arithmetic on figures that verify.c and claims_text.c share
** (claims_internal.h): a figure as a GMP rational, rounding half away from
** zero at a number of decimals, and writing a value back in a figure's
** style.
**
** The text is read from both ends: the unit is taken off the end first
** ("%", " per cent", " pp"), then the sign and the currency sign off the
** front, and what is left must be a number in digits or in words. Doing it
** this way keeps "per cent" and "percentage points" apart from number words.
*/
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claims_internal.h"
#include "indicate/figure.h"

/* The spellings of the units, longest first so that "percentage points" is
** not read as "points". Matched case-insensitively at the end. */
static const struct {
    const char *text;
    ind_figure_unit unit;
} UNITS[] = {
    {"percentage points", IND_FIGURE_POINTS},
    {"percentage point", IND_FIGURE_POINTS},
    {"per cent", IND_FIGURE_PERCENT},
    {"percent", IND_FIGURE_PERCENT},
    {"points", IND_FIGURE_POINTS},
    {"p.p.", IND_FIGURE_POINTS},
    {"pp", IND_FIGURE_POINTS},
    {"%", IND_FIGURE_PERCENT},
};

/* Minus signs people type or their word processors put in: hyphen-minus,
** U+2212 MINUS SIGN and U+2013 EN DASH. */
static const char *const MINUSES[] = {"-", "\xE2\x88\x92", "\xE2\x80\x93"};
static const char *const CURRENCIES[] = {"\xC2\xA3", "$", "\xE2\x82\xAC"};

static const char *const SMALL[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const TENS[] = {"twenty", "thirty", "forty", "fifty",
                                   "sixty", "seventy", "eighty", "ninety"};

static void say(char *why, size_t size, const char *msg)
{
    if (why != NULL && size > 0)
        snprintf(why, size, "%s", msg);
}

/* Length of the space at s[0..len): ASCII blanks and U+00A0 (no-break
** space, common in text taken from PDFs). */
static size_t space_len(const char *s, size_t len)
{
    if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
        return 1;
    if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

static void trim(const char **s, size_t *len)
{
    size_t n;
    while (*len > 0 && (n = space_len(*s, *len)) > 0) {
        *s += n;
        *len -= n;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
                        (*s)[*len - 1] == '\n' || (*s)[*len - 1] == '\r'))
        (*len)--;
    while (*len >= 2 && (unsigned char)(*s)[*len - 2] == 0xC2 &&
           (unsigned char)(*s)[*len - 1] == 0xA0)
        *len -= 2;
}

static int word_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

static int small_word(const char *s, size_t len, int from)
{
    for (int i = from; i < 20; i++)
        if (word_is(s, len, SMALL[i]))
            return i;
    return -1;
}

int ind_figure_number_word(const char *s, size_t len)
{
    int v = small_word(s, len, 0);
    if (v >= 0)
        return v;
    for (int t = 0; t < 8; t++) {
        size_t n = strlen(TENS[t]);
        if (len < n || strncasecmp(s, TENS[t], n) != 0)
            continue;
        if (len == n)
            return 20 + 10 * t;
        if (s[n] != '-' && s[n] != ' ')
            return -1;
        int u = small_word(s + n + 1, len - n - 1, 1);
        return u >= 1 && u <= 9 ? 20 + 10 * t + u : -1;
    }
    return -1;
}

/* Takes a unit off the end of s[0..*len), with the space before it. */
static void take_unit(const char *s, size_t *len, ind_figure *f, size_t *suffix_at)
{
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        size_t n = strlen(UNITS[i].text);
        if (*len <= n || strncasecmp(s + *len - n, UNITS[i].text, n) != 0)
            continue;
        /* A unit in letters must not end a longer word ("seventy-sixpp"). */
        char before = s[*len - n - 1];
        if (isalpha((unsigned char)UNITS[i].text[0]) && isalpha((unsigned char)before))
            continue;
        f->unit = UNITS[i].unit;
        *len -= n;
        *suffix_at = *len;
        while (*suffix_at > 0 && (s[*suffix_at - 1] == ' ' ||
                                  (unsigned char)s[*suffix_at - 1] == 0xA0)) {
            if ((unsigned char)s[*suffix_at - 1] == 0xA0)
                (*suffix_at)--; /* both bytes of U+00A0 */
            (*suffix_at)--;
        }
        *len = *suffix_at;
        return;
    }
}

/* Takes one of the strings of set off the front of *s; returns it or NULL. */
static const char *take_prefix(const char **s, size_t *len, const char *const *set,
                               size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t m = strlen(set[i]);
        if (*len >= m && memcmp(*s, set[i], m) == 0) {
            *s += m;
            *len -= m;
            return set[i];
        }
    }
    return NULL;
}

/* Digits with optional thousands separators and decimals, into digits[]
** (no separators or point). Returns IND_OK or IND_EDATA with why. */
static int read_digits(const char *s, size_t len, char *digits, ind_figure *f,
                       char *why, size_t why_size)
{
    size_t nd = 0, group = 0, i = 0;
    int first_group = 1;
    for (; i < len && s[i] != '.'; i++) {
        if (s[i] == ',') {
            if (group == 0 || group > 3 || (!first_group && group != 3)) {
                say(why, why_size, "thousands separators must group three digits");
                return IND_EDATA;
            }
            f->grouped = 1;
            first_group = 0;
            group = 0;
            continue;
        }
        if (!isdigit((unsigned char)s[i]))
            goto not_a_figure;
        if (nd >= IND_FIGURE_MAX_DIGITS)
            goto too_long;
        digits[nd++] = s[i];
        group++;
    }
    if (group == 0 || (f->grouped && group != 3)) {
        if (nd == 0)
            goto not_a_figure;
        say(why, why_size, "thousands separators must group three digits");
        return IND_EDATA;
    }
    if (i < len) {
        i++; /* the point */
        if (i == len) {
            say(why, why_size, "nothing after the decimal point");
            return IND_EDATA;
        }
        for (; i < len; i++) {
            if (!isdigit((unsigned char)s[i]))
                goto not_a_figure;
            if (nd >= IND_FIGURE_MAX_DIGITS)
                goto too_long;
            digits[nd++] = s[i];
            f->decimals++;
        }
    }
    digits[nd] = '\0';
    return IND_OK;
not_a_figure:
    say(why, why_size, "not a figure (expected digits such as 3,034 or 38.29%, "
                       "or a number in words such as seven)");
    return IND_EDATA;
too_long:
    snprintf(why, why_size, "more than %d digits", IND_FIGURE_MAX_DIGITS);
    return IND_EDATA;
}

static int no_change_words(const char *s, size_t len)
{
    return word_is(s, len, "no change") || word_is(s, len, "unchanged");
}

/* Strips leading zeros, keeping one digit. */
static const char *significant(const char *digits)
{
    while (digits[0] == '0' && digits[1] != '\0')
        digits++;
    return digits;
}

static int fill_strings(ind_arena *arena, ind_figure *f, const char *text, size_t len,
                        const char *digits, const char *suffix, size_t suffix_len)
{
    f->text = ind_arena_strndup(arena, text, len);
    f->digits = ind_arena_strdup(arena, significant(digits));
    f->suffix = ind_arena_strndup(arena, suffix, suffix_len);
    if (f->text == NULL || f->digits == NULL || f->suffix == NULL)
        return IND_ENOMEM;
    return IND_OK;
}

int ind_figure_parse(const char *text, size_t len, ind_arena *arena,
                     ind_figure *out, char *why, size_t why_size)
{
    if (text == NULL || arena == NULL || out == NULL)
        return IND_EINVAL;
    memset(out, 0, sizeof *out);
    out->prefix = out->suffix = out->minus = "";
    trim(&text, &len);
    if (len == 0) {
        say(why, why_size, "empty figure");
        return IND_EDATA;
    }
    char digits[IND_FIGURE_MAX_DIGITS + 2];
    if (no_change_words(text, len)) {
        out->no_change = 1;
        out->text = ind_arena_strndup(arena, text, len);
        out->digits = "0";
        return out->text != NULL ? IND_OK : IND_ENOMEM;
    }
    size_t body_len = len, suffix_at = len;
    take_unit(text, &body_len, out, &suffix_at);
    const char *p = text;
    size_t n = body_len;
    const char *sign = take_prefix(&p, &n, MINUSES, 3);
    if (sign == NULL && n > 0 && *p == '+') {
        out->plus = 1;
        p++;
        n--;
    }
    const char *currency = take_prefix(&p, &n, CURRENCIES, 3);
    if (currency != NULL && sign == NULL && !out->plus)
        sign = take_prefix(&p, &n, MINUSES, 3);
    if (sign != NULL) {
        out->negative = 1;
        out->minus = sign;
    }
    if (currency != NULL)
        out->prefix = currency;
    if (n > 0 && isalpha((unsigned char)*p)) {
        int v = ind_figure_number_word(p, n);
        if (v < 0) {
            say(why, why_size, "not a figure (expected digits such as 3,034 or "
                               "38.29%, or a number in words such as seven)");
            return IND_EDATA;
        }
        out->in_words = 1;
        snprintf(digits, sizeof digits, "%d", v);
    } else {
        int rc = read_digits(p, n, digits, out, why, why_size);
        if (rc != IND_OK)
            return rc;
    }
    return fill_strings(arena, out, text, len, digits, text + suffix_at,
                        len - suffix_at);
}

double ind_figure_value(const ind_figure *f)
{
    if (f == NULL || f->digits == NULL)
        return NAN;
    char buf[IND_FIGURE_MAX_DIGITS + 32];
    snprintf(buf, sizeof buf, "%s%se-%d", f->negative ? "-" : "", f->digits,
             f->decimals);
    return strtod(buf, NULL);
}

int ind_figure_is_zero(const ind_figure *f)
{
    return f != NULL && f->digits != NULL && strcmp(f->digits, "0") == 0;
}

/* ---- exact arithmetic (claims_internal.h) ---------------------------------- */

void ind_figure_mpq(const ind_figure *f, mpq_t out)
{
    mpz_set_str(mpq_numref(out), f->digits, 10);
    mpz_ui_pow_ui(mpq_denref(out), 10, (unsigned long)f->decimals);
    mpq_canonicalize(out);
    if (f->negative)
        mpq_neg(out, out);
}

void ind_round_units(mpz_t units, const mpq_t x, int decimals)
{
    mpz_t scale, num, rem;
    mpz_inits(scale, num, rem, NULL);
    mpz_ui_pow_ui(scale, 10, (unsigned long)decimals);
    mpz_mul(num, mpq_numref(x), scale);
    mpz_abs(num, num);
    /* |x| * 10^d = q + r / den; up when 2r >= den: half away from zero. */
    mpz_fdiv_qr(units, rem, num, mpq_denref(x));
    mpz_mul_2exp(rem, rem, 1);
    if (mpz_cmp(rem, mpq_denref(x)) >= 0)
        mpz_add_ui(units, units, 1);
    if (mpq_sgn(x) < 0)
        mpz_neg(units, units);
    mpz_clears(scale, num, rem, NULL);
}

void ind_units_mpq(mpq_t out, const mpz_t units, int decimals)
{
    mpz_set(mpq_numref(out), units);
    mpz_ui_pow_ui(mpq_denref(out), 10, (unsigned long)decimals);
    mpq_canonicalize(out);
}

/* Appends s to buf at *n, keeping the NUL; returns 0 when out of room. */
static int put(char *buf, size_t size, size_t *n, const char *s)
{
    size_t len = strlen(s);
    if (*n + len >= size)
        return 0;
    memcpy(buf + *n, s, len + 1);
    *n += len;
    return 1;
}

int ind_units_write(const mpz_t units, int decimals, int grouped, char *buf,
                    size_t size)
{
    char digits[IND_FIGURE_MAX * 2];
    if (mpz_sizeinbase(units, 10) + 2 >= sizeof digits)
        return -1;
    mpz_get_str(digits, 10, units);
    const char *d = digits[0] == '-' ? digits + 1 : digits;
    size_t nd = strlen(d), dec = (size_t)decimals;
    char padded[IND_FIGURE_MAX * 2];
    size_t pad = nd <= dec ? dec + 1 - nd : 0;
    if (pad + nd >= sizeof padded)
        return -1;
    memset(padded, '0', pad);
    memcpy(padded + pad, d, nd + 1);
    nd += pad;
    size_t int_len = nd - dec, n = 0;
    if (size == 0)
        return -1;
    buf[0] = '\0';
    if (digits[0] == '-' && !put(buf, size, &n, "-"))
        return -1;
    for (size_t i = 0; i < int_len; i++) {
        char c[3] = {0};
        size_t k = 0;
        if (grouped && i > 0 && (int_len - i) % 3 == 0)
            c[k++] = ',';
        c[k] = padded[i];
        if (!put(buf, size, &n, c))
            return -1;
    }
    if (dec > 0) {
        if (!put(buf, size, &n, "."))
            return -1;
        if (n + dec >= size)
            return -1;
        memcpy(buf + n, padded + int_len, dec);
        n += dec;
        buf[n] = '\0';
    }
    return (int)n;
}

/* Separators are written when the stated figure had them, or when it was
** too short to show either way (under 1,000): en-GB writes 3,314. */
static int style_groups(const ind_figure *style)
{
    if (style == NULL || style->grouped)
        return 1;
    size_t int_digits = strlen(style->digits);
    int_digits = int_digits > (size_t)style->decimals
                     ? int_digits - (size_t)style->decimals : 1;
    return int_digits < 4;
}

int ind_figure_write(const mpq_t x, int decimals, const ind_figure *style,
                     int signed_, char *buf, size_t size)
{
    mpz_t units;
    mpz_init(units);
    ind_round_units(units, x, decimals);
    int negative = mpz_sgn(units) < 0;
    mpz_abs(units, units);
    char number[IND_FIGURE_MAX];
    int len = ind_units_write(units, decimals, style_groups(style), number,
                              sizeof number);
    int zero = mpz_sgn(units) == 0;
    mpz_clear(units);
    if (len < 0)
        return -1;
    const char *sign = "";
    if (signed_ && negative && !zero)
        sign = style != NULL && style->minus[0] != '\0' ? style->minus : "-";
    else if (signed_ && style != NULL && style->plus && !zero)
        sign = "+";
    const char *prefix = style != NULL ? style->prefix : "";
    const char *suffix = style != NULL ? style->suffix : "";
    if (style != NULL && style->no_change)
        suffix = "%";
    int n = snprintf(buf, size, "%s%s%s%s", sign, prefix, number, suffix);
    return n >= 0 && (size_t)n < size ? n : -1;
}
