/*
** claims_text.c: finding candidate claims in plain text or Markdown.
**
** The text is cut into blocks (a paragraph, or one table row: a line with
** tabs or pipes), each block into tokens (numbers with what kind of number
** they are, words, punctuation, cell and tag breaks) and sentences. Each
** percentage (or bracketed "No change") is then matched against the fixed
** patterns of claims_text.h over the tokens of its sentence or row. The
** patterns look only at the words and the shape of the text, never at
** whether the arithmetic works out: pairing by the result would hide the
** very errors `verify` is for.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claims_internal.h"
#include "indicate/claims_text.h"

/* Words counted either side of a figure when looking for its direction. */
#define DIRECTION_BEFORE 4
#define DIRECTION_AFTER 2
/* How far after a share a bracket "(A out of B)" may open, in tokens. */
#define SHARE_BRACKET_REACH 6
#define QUOTE_MAX 1500
#define ROW_QUOTE_MAX 240
#define SECTION_MAX 100

typedef enum { T_WORD, T_NUM, T_PUNCT, T_BREAK, T_CELL } ttype;

/* What a number token is. Only counts (and numbers in words) are inputs. */
enum {
    N_COUNT = 1,   /* 3,034  339.5  £48,221 */
    N_PERCENT = 2, /* 38.29%  9 per cent */
    N_YEAR = 4,    /* 2023, and ranges 2022-23, 2017/18, 2023-2024 */
    N_OTHER = 8,   /* dates, section numbers, 18th, times */
    N_WORD = 16,   /* seven */
    N_NO_CHANGE = 32 /* "No change" in brackets: a stated figure, not a number */
};

typedef struct tok {
    ttype type;
    unsigned num;
    size_t start, end; /* bytes of the text */
    double value;      /* for counts: comparisons between counts only */
    int sentence;
    int cell;
    char punct;        /* ASCII punctuation, else 0 */
} tok;

typedef struct scan {
    const char *name;
    const char *text;
    size_t len;
    const ind_text_options *opts;
    ind_claim_set *set;
    ind_error *err;
    tok *t;
    size_t n, cap;
    int n_sentences;
    int table;            /* the block is a table row */
    size_t line_start;    /* of the line holding the figure being added */
    long line;
    long last_id_line;
    int id_ordinal;
    char section[SECTION_MAX];
} scan;

/* ---- characters ---------------------------------------------------------------- */

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Length of the UTF-8 character at s[0] (1 for a stray byte). */
static size_t utf8_len(const char *s, size_t left)
{
    unsigned char c = (unsigned char)s[0];
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return n <= left ? n : 1;
}

static int starts(const char *s, size_t left, const char *with)
{
    size_t n = strlen(with);
    return left >= n && memcmp(s, with, n) == 0;
}

/* An en dash between numbers makes a range, like a hyphen. */
static size_t dash_len(const char *s, size_t left)
{
    if (left >= 1 && (s[0] == '-' || s[0] == '/'))
        return 1;
    return starts(s, left, "\xE2\x80\x93") ? 3 : 0;
}

static size_t currency_len(const char *s, size_t left)
{
    if (left >= 1 && s[0] == '$')
        return 1;
    if (starts(s, left, "\xC2\xA3"))
        return 2;
    return starts(s, left, "\xE2\x82\xAC") ? 3 : 0;
}

/* ---- tokens -------------------------------------------------------------------------- */

static int push(scan *s, tok t)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        tok *grown = realloc(s->t, cap * sizeof *grown);
        if (grown == NULL)
            return ind_error_set(s->err, IND_ENOMEM, "out of memory");
        s->t = grown;
        s->cap = cap;
    }
    s->t[s->n++] = t;
    return IND_OK;
}

/* The digits of a number: separators only where they group three digits
** ("3,03" is a list, not a number), a point only before a digit. */
typedef struct digits_scan {
    char digits[64]; /* without separators, the point kept */
    size_t n;
    int commas, dots;
    size_t end;
} digits_scan;

static void scan_digits(const char *x, size_t p, size_t end, digits_scan *d)
{
    memset(d, 0, sizeof *d);
    for (;;) {
        while (p < end && is_digit((unsigned char)x[p])) {
            if (d->n + 1 < sizeof d->digits)
                d->digits[d->n++] = x[p];
            p++;
        }
        if (d->dots == 0 && p + 3 < end && x[p] == ',' && is_digit((unsigned char)x[p + 1]) &&
            is_digit((unsigned char)x[p + 2]) && is_digit((unsigned char)x[p + 3]) &&
            (p + 4 >= end || !is_digit((unsigned char)x[p + 4]))) {
            d->commas++;
            p++;
            continue;
        }
        if (p + 1 < end && x[p] == '.' && is_digit((unsigned char)x[p + 1])) {
            if (d->n + 1 < sizeof d->digits)
                d->digits[d->n++] = '.';
            d->dots++;
            p++;
            continue;
        }
        break;
    }
    d->digits[d->n] = '\0';
    d->end = p;
}

/* Where a percent sign or "per cent" after a number at p ends, or 0. */
static size_t percent_end(const char *x, size_t p, size_t end)
{
    size_t q = p < end && x[p] == ' ' ? p + 1 : p;
    if (q < end && x[q] == '%')
        return q + 1;
    if (end - p >= 9 && strncasecmp(x + p, " per cent", 9) == 0)
        return p + 9;
    if (end - p >= 8 && strncasecmp(x + p, " percent", 8) == 0)
        return p + 8;
    return 0;
}

/* The number at p: its kind and end. p is at a digit or a currency sign. */
static tok read_number(const scan *s, size_t p, size_t end)
{
    const char *x = s->text;
    tok t = {.type = T_NUM, .start = p};
    int money = currency_len(x + p, end - p) > 0;
    digits_scan d;
    scan_digits(x, p + currency_len(x + p, end - p), end, &d);
    p = t.end = d.end;
    int four_digits = d.n == 4 && d.dots == 0 && d.commas == 0;
    size_t dash = p < end ? dash_len(x + p, end - p) : 0;
    if (dash > 0 && p + dash < end && is_digit((unsigned char)x[p + dash])) {
        /* 2022-23, 2017/18, 01/04/23-30/06/23, 18-26: never an input. */
        while (p < end && ((dash = dash_len(x + p, end - p)) > 0 || is_digit((unsigned char)x[p])))
            p += dash > 0 ? dash : 1;
        t.end = p;
        t.num = four_digits && (d.digits[0] == '1' || d.digits[0] == '2') ? N_YEAR : N_OTHER;
        return t;
    }
    if (d.dots > 1 || (p < end && (is_alpha((unsigned char)x[p]) ||
                                   (x[p] == ':' && p + 1 < end && is_digit((unsigned char)x[p + 1]))))) {
        /* 3.5.3, 18th, 10:30. A section number ends before its full stop. */
        while (p < end && (is_alpha((unsigned char)x[p]) || is_digit((unsigned char)x[p]) ||
                           x[p] == ':' || x[p] == '.'))
            p++;
        if (p > t.start && x[p - 1] == '.')
            p--;
        t.end = p;
        t.num = N_OTHER;
        return t;
    }
    size_t pe = percent_end(x, p, end);
    if (pe > 0) {
        t.end = pe;
        t.num = N_PERCENT;
        return t;
    }
    t.value = strtod(d.digits, NULL);
    int year = four_digits && !money && t.value >= 1900 && t.value <= 2100;
    t.num = year ? N_YEAR : N_COUNT;
    return t;
}

/* Tags that end a sentence: paragraphs, list items, cells, line breaks. */
static int block_tag(const char *name, size_t n)
{
    static const char *const tags[] = {"p", "br", "li", "td", "th", "tr", "div", "ul",
                                       "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strlen(tags[i]) == n && strncasecmp(tags[i], name, n) == 0)
            return 1;
    return 0;
}

/* An HTML tag at p: its end, or 0 when p does not open one. */
static size_t tag_end(const char *x, size_t p, size_t end, int *is_block)
{
    size_t q = p + 1;
    if (q < end && x[q] == '/')
        q++;
    size_t name = q;
    while (q < end && (is_alpha((unsigned char)x[q]) || is_digit((unsigned char)x[q])))
        q++;
    if (q == name)
        return 0;
    *is_block = block_tag(x + name, q - name);
    for (size_t i = q; i < end && i < p + 200; i++) {
        if (x[i] == '<' || x[i] == '\n')
            return 0;
        if (x[i] == '>')
            return i + 1;
    }
    return 0;
}

static size_t read_word(const char *x, size_t p, size_t end)
{
    while (p < end) {
        unsigned char c = (unsigned char)x[p];
        if (is_alpha(c) || is_digit(c) || c == '\'') {
            p++;
        } else if (c == '-' && p + 1 < end && is_alpha((unsigned char)x[p + 1])) {
            p++;
        } else if (c == '-' && p + 1 < end && is_digit((unsigned char)x[p + 1])) {
            p++; /* COVID-19 */
        } else if (starts(x + p, end - p, "\xE2\x80\x99") && p + 3 < end &&
                   is_alpha((unsigned char)x[p + 3])) {
            p += 3; /* year’s */
        } else {
            break;
        }
    }
    return p;
}

static int tokenize(scan *s, size_t from, size_t end)
{
    const char *x = s->text;
    s->n = 0;
    int cell = 0, rc;
    for (size_t p = from; p < end;) {
        unsigned char c = (unsigned char)x[p];
        tok t = {.start = p, .cell = cell};
        int is_block = 0;
        size_t te;
        if (c == '\t' || c == '|') {
            t.type = T_CELL;
            t.end = p + 1;
            cell++;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '*' || c == '_' || c == '\f' ||
                   c == '\v') {
            p++;
            continue;
        } else if (starts(x + p, end - p, "\xC2\xA0")) {
            p += 2;
            continue;
        } else if (c == '<' && (te = tag_end(x, p, end, &is_block)) > 0) {
            p = te;
            if (!is_block)
                continue;
            t.type = T_BREAK;
            t.end = te;
        } else if (is_digit(c) || (currency_len(x + p, end - p) > 0 &&
                                   p + currency_len(x + p, end - p) < end &&
                                   is_digit((unsigned char)x[p + currency_len(x + p, end - p)]))) {
            t = read_number(s, p, end);
            t.cell = cell;
        } else if (is_alpha(c)) {
            t.type = T_WORD;
            t.end = read_word(x, p, end);
            if (ind_figure_number_word(x + p, t.end - p) >= 0) {
                t.type = T_NUM;
                t.num = N_WORD;
                t.value = ind_figure_number_word(x + p, t.end - p);
            }
        } else {
            t.type = T_PUNCT;
            t.end = p + utf8_len(x + p, end - p);
            t.punct = c < 0x80 ? (char)c : 0;
        }
        if ((rc = push(s, t)) != IND_OK)
            return rc;
        p = t.end;
    }
    return IND_OK;
}

static int first_upper_or_digit(const scan *s, const tok *t)
{
    unsigned char c = (unsigned char)s->text[t->start];
    return (c >= 'A' && c <= 'Z') || is_digit(c) || c == '"' || c == '(' ||
           (unsigned char)c >= 0xC0;
}

/* Sentence numbers: a new sentence after a full stop, question or
** exclamation mark followed by a capital or a digit, and after a cell or
** block-tag break. */
static void sentences(scan *s)
{
    int sent = 0;
    for (size_t i = 0; i < s->n; i++) {
        tok *t = &s->t[i];
        t->sentence = sent;
        int stop = t->type == T_BREAK || t->type == T_CELL;
        if (t->type == T_PUNCT && (t->punct == '.' || t->punct == '?' || t->punct == '!'))
            stop = i + 1 < s->n && first_upper_or_digit(s, &s->t[i + 1]);
        if (stop)
            sent++;
    }
    s->n_sentences = sent + 1;
}

/* ---- token tests ------------------------------------------------------------------ */

static int is_num(const tok *t, unsigned kinds)
{
    return t->type == T_NUM && (t->num & kinds) != 0;
}

static int is_input(const tok *t)
{
    return is_num(t, N_COUNT | N_WORD);
}

static int is_word(const scan *s, const tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->type == T_WORD && t->end - t->start == n && strncasecmp(s->text + t->start, w, n) == 0;
}

static int is_punct(const tok *t, char c)
{
    return t->type == T_PUNCT && t->punct == c;
}

/* The tokens of sentence `sent` around i: [*a, *b]. */
static void sentence_range(const scan *s, size_t i, size_t *a, size_t *b)
{
    int sent = s->t[i].sentence;
    *a = i;
    while (*a > 0 && s->t[*a - 1].sentence == sent)
        (*a)--;
    *b = i;
    while (*b + 1 < s->n && s->t[*b + 1].sentence == sent)
        (*b)++;
}

/* The search limits for figure i: from the percentage before it in its
** sentence to the one after, so two figures never share inputs. */
static void figure_range(const scan *s, size_t i, size_t *a, size_t *b)
{
    size_t sa, sb;
    sentence_range(s, i, &sa, &sb);
    *a = sa;
    for (size_t k = i; k-- > sa;)
        if (is_num(&s->t[k], N_PERCENT)) {
            *a = k + 1;
            break;
        }
    *b = sb;
    for (size_t k = i + 1; k <= sb; k++)
        if (is_num(&s->t[k], N_PERCENT)) {
            *b = k - 1;
            break;
        }
}

/* ---- direction ------------------------------------------------------------------------ */

/* Words that give a direction only right after the figure ("2.7% less")
** or only before it ("up by 102%"): elsewhere they mean something else. */
static int after_only(const scan *s, const tok *t)
{
    return is_word(s, t, "more") || is_word(s, t, "less") || is_word(s, t, "higher") ||
           is_word(s, t, "lower") || is_word(s, t, "fewer");
}

static int direction_at(const scan *s, const tok *t)
{
    if (t->type != T_WORD)
        return 0;
    ind_direction d = ind_direction_of_word(s->text + t->start, t->end - t->start);
    return d == IND_DIRECTION_UP || d == IND_DIRECTION_DOWN;
}

/* The direction word nearest figure i within its sentence, or -1. */
static long direction_word(const scan *s, size_t i)
{
    size_t a, b;
    sentence_range(s, i, &a, &b);
    int seen = 0;
    for (size_t k = i + 1; k <= b && seen < DIRECTION_AFTER; k++) {
        const tok *t = &s->t[k];
        if (t->type != T_WORD && t->type != T_NUM)
            continue;
        seen++;
        if (is_word(s, t, "up") || is_word(s, t, "down"))
            continue;
        if (after_only(s, t) && seen > 1)
            continue;
        if (direction_at(s, t))
            return (long)k;
    }
    seen = 0;
    for (size_t k = i; k-- > a && seen < DIRECTION_BEFORE;) {
        const tok *t = &s->t[k];
        if (is_num(t, N_PERCENT))
            break;
        if (t->type != T_WORD && t->type != T_NUM)
            continue;
        seen++;
        if (!after_only(s, t) && direction_at(s, t))
            return (long)k;
    }
    return -1;
}

/* ---- patterns --------------------------------------------------------------------------- */

typedef struct pairing {
    ind_claim_kind kind;
    long in1, in2;        /* token indices of from/to or part/whole; -1 none */
    const char *note;     /* how the inputs were found, when not plainly */
    int with_previous;    /* the quote takes in the sentence before */
} pairing;

/* "( A out of B )" or "( A of B )" opening at k: part and whole. */
static int out_of_bracket(const scan *s, size_t k, size_t b, long *part, long *whole)
{
    const tok *t = s->t;
    if (k + 4 > b || !is_punct(&t[k], '(') || !is_num(&t[k + 1], N_COUNT))
        return 0;
    size_t w = k + 2;
    if (is_word(s, &t[w], "out"))
        w++;
    if (w + 2 > b || !is_word(s, &t[w], "of") || !is_num(&t[w + 1], N_COUNT) ||
        !is_punct(&t[w + 2], ')'))
        return 0;
    *part = (long)k + 1;
    *whole = (long)w + 1;
    return 1;
}

/* "63% (88 out of 139)", "74% of placements (268 out of 364)",
** "37 out of 53 (70%)". */
static int share_out_of(const scan *s, size_t i, pairing *p)
{
    size_t a, b;
    figure_range(s, i, &a, &b);
    for (size_t k = i + 1; k <= b && k <= i + SHARE_BRACKET_REACH; k++)
        if (is_punct(&s->t[k], '(') && out_of_bracket(s, k, b, &p->in1, &p->in2)) {
            p->kind = IND_CLAIM_SHARE;
            return 1;
        }
    /* A [out] of B ( P ) */
    const tok *t = s->t;
    if (i < a + 4 || !is_punct(&t[i - 1], '(') || i + 1 > b || !is_punct(&t[i + 1], ')') ||
        !is_num(&t[i - 2], N_COUNT) || !is_word(s, &t[i - 3], "of"))
        return 0;
    size_t part = is_word(s, &t[i - 4], "out") ? i - 5 : i - 4;
    if (part < a || !is_num(&t[part], N_COUNT))
        return 0;
    p->kind = IND_CLAIM_SHARE;
    p->in1 = (long)part;
    p->in2 = (long)i - 2;
    return 1;
}

/* "(A) B [P increase]" in a table row. */
static int change_row(const scan *s, size_t i, pairing *p)
{
    const tok *t = s->t;
    if (i < 5 || !(is_punct(&t[i - 1], '[') || is_punct(&t[i - 1], '(')))
        return 0;
    if (!is_input(&t[i - 2]) || !is_punct(&t[i - 3], ')') || !is_input(&t[i - 4]) ||
        !is_punct(&t[i - 5], '('))
        return 0;
    p->in1 = (long)i - 4;
    p->in2 = (long)i - 2;
    return 1;
}

/* "(A to B)" after the figure, within its range. */
static int bracket_pair(const scan *s, size_t from, size_t to, pairing *p)
{
    const tok *t = s->t;
    for (size_t k = from; k + 4 <= to; k++)
        if (is_punct(&t[k], '(') && is_input(&t[k + 1]) && is_word(s, &t[k + 2], "to") &&
            is_input(&t[k + 3]) && is_punct(&t[k + 4], ')')) {
            p->in1 = (long)k + 1;
            p->in2 = (long)k + 3;
            return 1;
        }
    return 0;
}

/* After an input, the words allowed before "to": "in 2022-23", "in the". */
static size_t skip_period(const scan *s, size_t k, size_t to)
{
    for (int n = 0; n < 3 && k <= to; n++) {
        const tok *t = &s->t[k];
        if (is_word(s, t, "in") || is_num(t, N_YEAR | N_OTHER) || is_punct(t, ','))
            k++;
        else
            break;
    }
    return k;
}

/* "from A [in YEAR] to B" starting at k. */
static int from_to_at(const scan *s, size_t k, size_t to, pairing *p)
{
    const tok *t = s->t;
    if (k + 3 > to || !is_word(s, &t[k], "from") || !is_input(&t[k + 1]))
        return 0;
    size_t m = skip_period(s, k + 2, to);
    if (m + 1 > to || !is_word(s, &t[m], "to") || !is_input(&t[m + 1]))
        return 0;
    p->in1 = (long)k + 1;
    p->in2 = (long)m + 1;
    return 1;
}

/* "A ... rise to B": the later figure after a change word, the earlier the
** nearest count before the change word. */
static int rise_to_at(const scan *s, size_t k, size_t from, size_t to, pairing *p)
{
    const tok *t = s->t;
    if (k + 2 > to || !direction_at(s, &t[k]) || !is_word(s, &t[k + 1], "to") ||
        !is_input(&t[k + 2]))
        return 0;
    for (size_t j = k; j-- > from;)
        if (is_num(&t[j], N_COUNT)) {
            p->in1 = (long)j;
            p->in2 = (long)k + 2;
            return 1;
        }
    return 0;
}

/* "from A to B" anywhere in [from, to], the one nearest `near` first
** (searching down from it when before is non-zero, up otherwise). */
static int from_to(const scan *s, size_t from, size_t to, size_t near, int before,
                   pairing *p)
{
    if (before) {
        for (size_t k = near + 1; k-- > from;)
            if (from_to_at(s, k, to, p) || rise_to_at(s, k, from, to, p))
                return 1;
        return 0;
    }
    for (size_t k = near; k <= to; k++)
        if (from_to_at(s, k, to, p))
            return 1;
    return 0;
}

/* The only count of tokens [a, b], or -1 when there is none or more. */
static long only_count(const scan *s, size_t a, size_t b)
{
    long found = -1;
    for (size_t k = a; k <= b && k < s->n; k++)
        if (is_num(&s->t[k], N_COUNT)) {
            if (found >= 0)
                return -1;
            found = (long)k;
        }
    return found;
}

/* "from the previous year's figures of A": the earlier figure. */
static long previous_years_figure(const scan *s, size_t from, size_t to)
{
    const tok *t = s->t;
    for (size_t k = from; k + 4 <= to; k++) {
        if (!is_word(s, &t[k], "previous") && !is_word(s, &t[k], "last"))
            continue;
        size_t m = k + 1;
        if (!is_word(s, &t[m], "year's") && !is_word(s, &t[m], "years") &&
            !is_word(s, &t[m], "year\xE2\x80\x99s"))
            continue;
        m++;
        if (!is_word(s, &t[m], "figure") && !is_word(s, &t[m], "figures") &&
            !is_word(s, &t[m], "total") && !is_word(s, &t[m], "number"))
            continue;
        if (is_word(s, &t[m + 1], "of") && is_input(&t[m + 2]))
            return (long)m + 2;
    }
    return -1;
}

/* Whether the sentence starting at token a opens with "This" (it refers
** to the one before). */
static int opens_with_this(const scan *s, size_t a)
{
    return is_word(s, &s->t[a], "this");
}

/* The tokens of the sentence before the one starting at a, within the
** block: [*pa, *pb]; 0 when there is none. */
static int previous_sentence(const scan *s, size_t a, size_t *pa, size_t *pb)
{
    if (a == 0 || s->t[a - 1].type == T_BREAK || s->t[a - 1].type == T_CELL)
        return 0;
    sentence_range(s, a - 1, pa, pb);
    return 1;
}

static int change_inputs(const scan *s, size_t i, pairing *p)
{
    size_t a, b, sa, sb;
    figure_range(s, i, &a, &b);
    sentence_range(s, i, &sa, &sb);
    p->kind = IND_CLAIM_PERCENT_CHANGE;
    if (s->table && change_row(s, i, p))
        return 1;
    if (bracket_pair(s, i + 1, b, p) || from_to(s, i + 1, b, i + 1, 0, p))
        return 1;
    if (i > a && from_to(s, a, i - 1, i - 1, 1, p))
        return 1;
    long earlier = previous_years_figure(s, i + 1, b);
    size_t pa = 0, pb = 0; /* set when has_prev */
    int has_prev = opens_with_this(s, sa) && previous_sentence(s, sa, &pa, &pb);
    if (earlier >= 0) {
        long later = i > a ? only_count(s, a, i - 1) : -1;
        if (later < 0 && has_prev && (later = only_count(s, pa, pb)) >= 0) {
            p->with_previous = 1;
            p->note = "the later figure is the one count of the sentence before";
        }
        if (later < 0) {
            p->kind = IND_CLAIM_UNPAIRED;
            p->note = "the earlier figure is stated but not the later one";
            return 0;
        }
        p->in1 = earlier;
        p->in2 = later;
        return 1;
    }
    if (has_prev && from_to(s, pa, pb, pb, 1, p)) {
        p->with_previous = 1;
        p->note = "inputs from the sentence before, which this one refers to as \"This\"";
        return 1;
    }
    p->kind = IND_CLAIM_UNPAIRED;
    p->note = "a change whose two figures are not both stated in its sentence";
    return 0;
}

/* "237 (23%)": the whole is the largest count earlier in the sentence. */
static int share_bracketed(const scan *s, size_t i, pairing *p)
{
    size_t a, b;
    sentence_range(s, i, &a, &b);
    const tok *t = s->t;
    if (i < a + 2 || i + 1 > b || !is_punct(&t[i - 1], '(') || !is_punct(&t[i + 1], ')') ||
        !is_num(&t[i - 2], N_COUNT))
        return 0;
    long whole = -1;
    for (size_t k = a; k + 2 < i; k++)
        if (is_num(&t[k], N_COUNT) && t[k].value > t[i - 2].value &&
            (whole < 0 || t[k].value > t[whole].value))
            whole = (long)k;
    if (whole < 0)
        return 0;
    p->kind = IND_CLAIM_SHARE;
    p->in1 = (long)i - 2;
    p->in2 = whole;
    p->note = "the whole is the largest count earlier in the sentence";
    return 1;
}

/* A table row "2023-24  2,326  768  33%": the figure's cell follows two
** cells holding one count each, and nothing before them is a count. */
static int share_row(const scan *s, size_t i, pairing *p)
{
    int cell = s->t[i].cell;
    if (!s->table || cell < 2)
        return 0;
    long count_in[2] = {-1, -1};
    int n_counts[2] = {0, 0};
    for (size_t k = 0; k < i; k++) {
        const tok *t = &s->t[k];
        int c = t->cell;
        if (c == cell - 2 || c == cell - 1) {
            if (is_num(t, N_COUNT)) {
                count_in[c - (cell - 2)] = (long)k;
                n_counts[c - (cell - 2)]++;
            } else if (t->type == T_NUM || t->type == T_WORD) {
                return 0;
            }
        } else if (c < cell - 2 && is_num(t, N_COUNT | N_PERCENT)) {
            return 0;
        } else if (c == cell && t->type != T_PUNCT) {
            return 0;
        }
    }
    if (n_counts[0] != 1 || n_counts[1] != 1 ||
        s->t[count_in[1]].value > s->t[count_in[0]].value)
        return 0;
    p->kind = IND_CLAIM_SHARE;
    p->in1 = count_in[1];
    p->in2 = count_in[0];
    p->note = "table row: the part and the whole are the two cells before the figure";
    return 1;
}

static void pair_figure(const scan *s, size_t i, long dir, pairing *p)
{
    memset(p, 0, sizeof *p);
    p->in1 = p->in2 = -1;
    p->kind = IND_CLAIM_UNPAIRED;
    if (is_num(&s->t[i], N_PERCENT) && share_out_of(s, i, p))
        return;
    if (dir >= 0 || !is_num(&s->t[i], N_PERCENT)) {
        change_inputs(s, i, p);
        return;
    }
    if (share_bracketed(s, i, p) || share_row(s, i, p))
        return;
    p->note = "a percentage whose part and whole are not both stated with it";
}

/* ---- writing a claim ------------------------------------------------------------------ */

/* Copies text[a, b) without tags, Markdown emphasis or runs of space. */
static void clean_text(const scan *s, size_t a, size_t b, ind_text *out)
{
    const char *x = s->text;
    int space = 0;
    for (size_t p = a; p < b;) {
        int is_block;
        size_t te;
        unsigned char c = (unsigned char)x[p];
        if (c == '<' && (te = tag_end(x, p, b, &is_block)) > 0) {
            space = out->len > 0;
            p = te;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '*' ||
            starts(x + p, b - p, "\xC2\xA0")) {
            space = out->len > 0;
            p += c == 0xC2 ? 2 : 1;
            continue;
        }
        if (space)
            ind_text_add(out, " ");
        space = 0;
        ind_text_addn(out, x + p, 1);
        p++;
    }
}

/* Byte range of tokens [a, b], with the full stop that ends the sentence. */
static void quote_range(const scan *s, size_t a, size_t b, size_t *qa, size_t *qb)
{
    while (a < b && (s->t[a].type == T_CELL || s->t[a].type == T_BREAK))
        a++;
    while (b > a && (s->t[b].type == T_CELL || s->t[b].type == T_BREAK))
        b--;
    *qa = s->t[a].start;
    *qb = s->t[b].end;
}

static const char *make_quote(const scan *s, size_t i, const pairing *p, ind_text *q)
{
    size_t a, b, qa, qb;
    /* A table row is quoted whole when it is a row of figures; a row whose
    ** cells are prose is quoted by the sentence, as a paragraph is. */
    quote_range(s, 0, s->n - 1, &qa, &qb);
    if (!s->table || qb - qa > ROW_QUOTE_MAX) {
        sentence_range(s, i, &a, &b);
        size_t pa, pb;
        if (p->with_previous && previous_sentence(s, a, &pa, &pb))
            a = pa;
        quote_range(s, a, b, &qa, &qb);
    }
    /* A long sentence is cut to a window around the figure. */
    if (qb - qa > QUOTE_MAX) {
        size_t mid = s->t[i].start;
        qa = mid > qa + QUOTE_MAX / 2 ? mid - QUOTE_MAX / 2 : qa;
        qb = qa + QUOTE_MAX < qb ? qa + QUOTE_MAX : qb;
        while (qa < mid && ((unsigned char)s->text[qa] & 0xC0) == 0x80)
            qa++;
        while (qb > mid && ((unsigned char)s->text[qb] & 0xC0) == 0x80)
            qb--;
    }
    clean_text(s, qa, qb, q);
    return q->s;
}

/* The row's label (its first cell) when it is words, for made sentences. */
static const char *row_subject(const scan *s, ind_text *out)
{
    if (!s->table || s->n == 0)
        return NULL;
    size_t k = 0;
    while (k < s->n && s->t[k].type == T_CELL)
        k++;
    if (k >= s->n || s->t[k].type != T_WORD)
        return NULL;
    size_t e = k;
    while (e + 1 < s->n && s->t[e + 1].cell == s->t[k].cell && s->t[e + 1].type != T_CELL)
        e++;
    clean_text(s, s->t[k].start, s->t[e].end, out);
    return out->s;
}

static long column_of(const scan *s, size_t at)
{
    long col = 1;
    for (size_t p = s->line_start; p < at; p++)
        col += ((unsigned char)s->text[p] & 0xC0) != 0x80;
    return col;
}

static char *token_text(const scan *s, const tok *t, char *buf, size_t size)
{
    size_t n = t->end - t->start;
    if (n >= size)
        n = size - 1;
    memcpy(buf, s->text + t->start, n);
    buf[n] = '\0';
    return buf;
}

typedef struct fieldset {
    ind_claim_field f[16];
    size_t n;
} fieldset;

static void put(fieldset *fs, const char *name, const char *value)
{
    if (value != NULL && fs->n < 16)
        fs->f[fs->n++] = (ind_claim_field){name, value, NULL};
}

static int add_claim(scan *s, size_t i, long dir, const pairing *p)
{
    char id[48], stated[IND_FIGURE_MAX], in1[IND_FIGURE_MAX], in2[IND_FIGURE_MAX];
    char dirword[32], line[24], col[24], where[256];
    snprintf(id, sizeof id, "L%ld.%d", s->line, s->id_ordinal);
    snprintf(line, sizeof line, "%ld", s->line);
    snprintf(col, sizeof col, "%ld", column_of(s, s->t[i].start));
    if (snprintf(where, sizeof where, "%s:%ld", s->name, s->line) < 0)
        where[0] = '\0';
    ind_text quote = {0}, subject = {0};
    fieldset fs = {0};
    put(&fs, "id", id);
    put(&fs, "kind", ind_claim_kind_name(p->kind));
    put(&fs, "stated", token_text(s, &s->t[i], stated, sizeof stated));
    if (dir >= 0)
        put(&fs, "direction", token_text(s, &s->t[dir], dirword, sizeof dirword));
    const char *roles[2] = {"from", "to"};
    if (p->kind == IND_CLAIM_SHARE)
        roles[0] = "part", roles[1] = "whole";
    if (p->kind != IND_CLAIM_UNPAIRED) {
        put(&fs, roles[0], token_text(s, &s->t[p->in1], in1, sizeof in1));
        put(&fs, roles[1], token_text(s, &s->t[p->in2], in2, sizeof in2));
    }
    put(&fs, "subject", row_subject(s, &subject));
    put(&fs, "note", p->note);
    put(&fs, "document", s->opts->document);
    put(&fs, "section", s->section[0] != '\0' ? s->section : NULL);
    put(&fs, "quote", make_quote(s, i, p, &quote));
    put(&fs, "line", line);
    put(&fs, "column", col);
    int rc = quote.failed || subject.failed
                 ? ind_error_set(s->err, IND_ENOMEM, "out of memory")
                 : ind_claim_set_add(s->set, where, fs.f, fs.n, s->err);
    ind_text_free(&quote);
    ind_text_free(&subject);
    return rc;
}

/* A figure the claim rules refuse (which the patterns should not make) is
** kept as unpaired, with the reason, rather than lost. */
static int add_figure(scan *s, size_t i)
{
    /* Ids count every figure on the line, kept or not, so that they do not
    ** change with --paired-only. */
    if (s->line != s->last_id_line) {
        s->last_id_line = s->line;
        s->id_ordinal = 0;
    }
    s->id_ordinal++;
    long dir = direction_word(s, i);
    pairing p;
    pair_figure(s, i, dir, &p);
    if (p.kind == IND_CLAIM_UNPAIRED && s->opts->paired_only)
        return IND_OK;
    int rc = add_claim(s, i, dir, &p);
    if (rc != IND_EDATA || p.kind == IND_CLAIM_UNPAIRED)
        return rc;
    if (s->opts->paired_only)
        return IND_OK;
    p.kind = IND_CLAIM_UNPAIRED;
    p.note = "inputs found but refused by the claim rules";
    return add_claim(s, i, -1, &p);
}

/* ---- blocks ------------------------------------------------------------------------ */

/* "[No change]": the two words as one stated figure, at token i. */
static int no_change_at(scan *s, size_t i)
{
    if (i + 1 >= s->n || i == 0 || !is_word(s, &s->t[i], "no") ||
        !is_word(s, &s->t[i + 1], "change"))
        return 0;
    if (!is_punct(&s->t[i - 1], '[') && !is_punct(&s->t[i - 1], '('))
        return 0;
    /* Make the pair one token so the figure's text is "No change". */
    s->t[i].end = s->t[i + 1].end;
    s->t[i].type = T_NUM;
    s->t[i].num = N_NO_CHANGE;
    memmove(&s->t[i + 1], &s->t[i + 2], (s->n - i - 2) * sizeof *s->t);
    s->n--;
    return 1;
}

/* Line number and start of the byte at `at`, counting from a known line. */
static void locate(scan *s, size_t at, size_t *line_start, long *line)
{
    while (1) {
        const char *nl = memchr(s->text + *line_start, '\n', at - *line_start);
        if (nl == NULL)
            break;
        *line_start = (size_t)(nl - s->text) + 1;
        (*line)++;
    }
}

static int scan_block(scan *s, size_t from, size_t to, size_t line_start, long line)
{
    int rc = tokenize(s, from, to);
    if (rc != IND_OK || s->n == 0)
        return rc;
    for (size_t i = 0; i < s->n; i++)
        no_change_at(s, i);
    sentences(s);
    s->line_start = line_start;
    s->line = line;
    for (size_t i = 0; i < s->n; i++) {
        const tok *t = &s->t[i];
        if (!is_num(t, N_PERCENT | N_NO_CHANGE))
            continue;
        locate(s, t->start, &s->line_start, &s->line);
        if ((rc = add_figure(s, i)) != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int is_table_line(const char *x, size_t a, size_t b)
{
    if (memchr(x + a, '\t', b - a) != NULL)
        return 1;
    size_t p = a;
    while (p < b && x[p] == ' ')
        p++;
    return p < b && x[p] == '|';
}

static int is_blank(const char *x, size_t a, size_t b)
{
    for (size_t p = a; p < b; p++)
        if (!isspace((unsigned char)x[p]))
            return 0;
    return 1;
}

/* A line that starts a block of its own: a Markdown heading or list item,
** or a numbered heading ("3.5.1 ADULT SUPPORT ..."). */
static int starts_block(const char *x, size_t a, size_t b)
{
    while (a < b && x[a] == ' ')
        a++;
    if (a >= b)
        return 0;
    if (x[a] == '#' || x[a] == '>')
        return 1;
    if ((x[a] == '-' || x[a] == '*' || x[a] == '+') && a + 1 < b && x[a + 1] == ' ')
        return 1;
    return is_digit((unsigned char)x[a]);
}

/* Remembers a heading: Markdown "## 5. Quarter 2 ..." or a short numbered
** line "3.2 MENTAL HEALTH ...". The section is its number when it has one.
** Returns non-zero for a heading (a block of its own). */
static int note_heading(scan *s, size_t a, size_t b)
{
    const char *x = s->text;
    int markdown = a < b && x[a] == '#';
    while (a < b && (x[a] == '#' || x[a] == ' ' || x[a] == '*'))
        a++;
    size_t p = a;
    while (p < b && (is_digit((unsigned char)x[p]) || x[p] == '.'))
        p++;
    if (p == a || p >= b || x[p] != ' ' || p + 1 >= b || !(x[p + 1] >= 'A' && x[p + 1] <= 'Z'))
        return markdown;
    if (b - a > 120)
        return markdown;
    size_t n = p - a;
    if (n > 0 && x[a + n - 1] == '.')
        n--;
    if (n >= sizeof s->section)
        n = sizeof s->section - 1;
    memcpy(s->section, x + a, n);
    s->section[n] = '\0';
    return 1;
}

static int heading_line(const char *x, size_t a, size_t b)
{
    while (a < b && x[a] == ' ')
        a++;
    return a < b && (x[a] == '#' || is_digit((unsigned char)x[a]));
}

static int scan_text(scan *s)
{
    const char *x = s->text;
    size_t p = 0, block = 0, block_line_start = 0;
    long line = 1, block_line = 1;
    int in_block = 0, rc;
    while (p <= s->len) {
        const char *nl = p < s->len ? memchr(x + p, '\n', s->len - p) : NULL;
        size_t e = nl != NULL ? (size_t)(nl - x) : s->len;
        int blank = is_blank(x, p, e), table = !blank && is_table_line(x, p, e);
        int new_block = blank || table || starts_block(x, p, e);
        if (in_block && new_block) {
            s->table = 0;
            if ((rc = scan_block(s, block, p, block_line_start, block_line)) != IND_OK)
                return rc;
            in_block = 0;
        }
        int heading = !blank && heading_line(x, p, e) && note_heading(s, p, e);
        if (table || heading) {
            /* A table row or a heading is a block of one line. */
            s->table = table;
            if ((rc = scan_block(s, p, e, p, line)) != IND_OK)
                return rc;
        } else if (!blank && !in_block) {
            in_block = 1;
            block = p;
            block_line_start = p;
            block_line = line;
        }
        if (nl == NULL)
            break;
        p = e + 1;
        line++;
    }
    if (in_block) {
        s->table = 0;
        return scan_block(s, block, s->len, block_line_start, block_line);
    }
    return IND_OK;
}

int ind_claims_find(const char *name, const char *text, size_t len,
                    const ind_text_options *opts, ind_claim_set *set, ind_error *err)
{
    if (set == NULL || (text == NULL && len > 0))
        return ind_error_set(err, IND_EINVAL, "ind_claims_find: no text or set");
    if (name == NULL)
        name = "-";
    if (len > IND_CLAIMS_TEXT_MAX)
        return ind_error_set(err, IND_ELIMIT, "%s: larger than the 64 MiB limit for a text",
                             name);
    const char *nul = text != NULL ? memchr(text, '\0', len) : NULL;
    if (nul != NULL) {
        long line = 1;
        for (const char *q = text; q < nul; q++)
            line += *q == '\n';
        return ind_error_set(err, IND_EDATA, "%s:%ld: a NUL byte: not a text file", name, line);
    }
    ind_text_options none = {0};
    scan s = {.name = name, .text = text != NULL ? text : "", .len = len,
              .opts = opts != NULL ? opts : &none, .set = set, .err = err};
    /* A byte-order mark is not text. */
    if (len >= 3 && memcmp(s.text, "\xEF\xBB\xBF", 3) == 0) {
        s.text += 3;
        s.len -= 3;
    }
    int rc = scan_text(&s);
    free(s.t);
    return rc;
}
