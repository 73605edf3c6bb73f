/*
** claims.c: the claim model. A claim set holds claims built from named
** text fields; ind_claim_set_add checks every rule of the claims format
** (docs/claims-format.md) whatever file format the fields came from, so
** JSON, CSV and claims found in text are held to the same rules and
** reported the same way. Also the names of kinds and roles, direction
** words, and the growing text buffer the claims modules share.
*/
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claims_internal.h"
#include "dataset_internal.h"
#include "indicate/claims.h"

#define WHY_MAX 256

struct ind_claim_set {
    ind_arena *arena;
    ind_claim *claims;
    size_t n, cap;
    const char *document;
    /* ids, for "given twice": open addressing over claim indices + 1 */
    size_t *id_slot;
    size_t n_slots;
};

/* ---- names ---------------------------------------------------------------- */

static const char *const KIND_NAMES[IND_CLAIM_KIND_COUNT] = {
    "percent_change", "share", "rate", "sum", "difference", "ratio", "unpaired"};

static const char *const ROLE_NAMES[IND_ROLE_N] = {
    "from", "to", "part", "whole", "count", "population", "per",
    "a", "b", "numerator", "denominator"};

/* The inputs of each kind, in the order they are written. */
static const ind_claim_role KIND_ROLES[IND_CLAIM_KIND_COUNT][3] = {
    [IND_CLAIM_PERCENT_CHANGE] = {IND_ROLE_FROM, IND_ROLE_TO, IND_ROLE_N},
    [IND_CLAIM_SHARE] = {IND_ROLE_PART, IND_ROLE_WHOLE, IND_ROLE_N},
    [IND_CLAIM_RATE] = {IND_ROLE_COUNT, IND_ROLE_POPULATION, IND_ROLE_PER},
    [IND_CLAIM_SUM] = {IND_ROLE_N, IND_ROLE_N, IND_ROLE_N},
    [IND_CLAIM_DIFFERENCE] = {IND_ROLE_A, IND_ROLE_B, IND_ROLE_N},
    [IND_CLAIM_RATIO] = {IND_ROLE_NUMERATOR, IND_ROLE_DENOMINATOR, IND_ROLE_N},
    [IND_CLAIM_UNPAIRED] = {IND_ROLE_N, IND_ROLE_N, IND_ROLE_N},
};

const char *ind_claim_kind_name(ind_claim_kind kind)
{
    return (unsigned)kind < IND_CLAIM_KIND_COUNT ? KIND_NAMES[kind] : NULL;
}

int ind_claim_kind_parse(const char *s)
{
    for (int k = 0; k < IND_CLAIM_KIND_COUNT; k++)
        if (strcmp(s, KIND_NAMES[k]) == 0)
            return k;
    return -1;
}

const char *ind_claim_role_name(ind_claim_role role)
{
    return (unsigned)role < IND_ROLE_N ? ROLE_NAMES[role] : NULL;
}

int ind_claim_kind_takes(ind_claim_kind kind, ind_claim_role role)
{
    if ((unsigned)kind >= IND_CLAIM_KIND_COUNT)
        return 0;
    for (int i = 0; i < 3; i++)
        if (KIND_ROLES[kind][i] == role && role != IND_ROLE_N)
            return 1;
    return 0;
}

/* ---- direction words -------------------------------------------------------- */

static const struct {
    const char *word;
    ind_direction dir;
    const char *opposite;
} DIRECTION_WORDS[] = {
    {"increase", IND_DIRECTION_UP, "decrease"},
    {"increased", IND_DIRECTION_UP, "decreased"},
    {"increases", IND_DIRECTION_UP, "decreases"},
    {"increasing", IND_DIRECTION_UP, "decreasing"},
    {"rise", IND_DIRECTION_UP, "fall"},
    {"rises", IND_DIRECTION_UP, "falls"},
    {"rose", IND_DIRECTION_UP, "fell"},
    {"risen", IND_DIRECTION_UP, "fallen"},
    {"rising", IND_DIRECTION_UP, "falling"},
    {"up", IND_DIRECTION_UP, "down"},
    {"higher", IND_DIRECTION_UP, "lower"},
    {"more", IND_DIRECTION_UP, "fewer"},
    {"grew", IND_DIRECTION_UP, "fell"},
    {"growth", IND_DIRECTION_UP, "fall"},
    {"decrease", IND_DIRECTION_DOWN, "increase"},
    {"decreased", IND_DIRECTION_DOWN, "increased"},
    {"decreases", IND_DIRECTION_DOWN, "increases"},
    {"decreasing", IND_DIRECTION_DOWN, "increasing"},
    {"fall", IND_DIRECTION_DOWN, "rise"},
    {"falls", IND_DIRECTION_DOWN, "rises"},
    {"fell", IND_DIRECTION_DOWN, "rose"},
    {"fallen", IND_DIRECTION_DOWN, "risen"},
    {"falling", IND_DIRECTION_DOWN, "rising"},
    {"down", IND_DIRECTION_DOWN, "up"},
    {"lower", IND_DIRECTION_DOWN, "higher"},
    {"less", IND_DIRECTION_DOWN, "more"},
    {"fewer", IND_DIRECTION_DOWN, "more"},
    {"reduced", IND_DIRECTION_DOWN, "increased"},
    {"reduction", IND_DIRECTION_DOWN, "increase"},
    {"decline", IND_DIRECTION_DOWN, "increase"},
    {"declined", IND_DIRECTION_DOWN, "increased"},
    {"drop", IND_DIRECTION_DOWN, "rise"},
    {"dropped", IND_DIRECTION_DOWN, "rose"},
    {"no change", IND_DIRECTION_SAME, NULL},
    {"unchanged", IND_DIRECTION_SAME, NULL},
    {"stable", IND_DIRECTION_SAME, NULL},
};
#define N_DIRECTION_WORDS (sizeof DIRECTION_WORDS / sizeof DIRECTION_WORDS[0])

static int direction_index(const char *word, size_t len)
{
    for (size_t i = 0; i < N_DIRECTION_WORDS; i++)
        if (strlen(DIRECTION_WORDS[i].word) == len &&
            strncasecmp(DIRECTION_WORDS[i].word, word, len) == 0)
            return (int)i;
    return -1;
}

ind_direction ind_direction_of_word(const char *word, size_t len)
{
    int i = word != NULL ? direction_index(word, len) : -1;
    return i >= 0 ? DIRECTION_WORDS[i].dir : IND_DIRECTION_NONE;
}

const char *ind_direction_opposite(const char *word, size_t len)
{
    int i = word != NULL ? direction_index(word, len) : -1;
    return i >= 0 ? DIRECTION_WORDS[i].opposite : NULL;
}

/* ---- text buffer (claims_internal.h) --------------------------------------- */

void ind_text_addn(ind_text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 128;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *grown = realloc(t->s, cap);
        if (grown == NULL) {
            t->failed = 1;
            return;
        }
        t->s = grown;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

void ind_text_add(ind_text *t, const char *s)
{
    ind_text_addn(t, s, strlen(s));
}

void ind_text_addf(ind_text *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->failed = 1;
        return;
    }
    if ((size_t)n < sizeof buf) {
        ind_text_addn(t, buf, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        t->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ind_text_addn(t, big, (size_t)n);
    free(big);
}

char *ind_text_finish(ind_text *t, ind_arena *arena)
{
    char *out = NULL;
    if (!t->failed)
        out = ind_arena_strndup(arena, t->s != NULL ? t->s : "", t->len);
    ind_text_free(t);
    return out;
}

void ind_text_free(ind_text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

/* ---- the set ----------------------------------------------------------------- */

ind_claim_set *ind_claim_set_new(void)
{
    ind_claim_set *set = calloc(1, sizeof *set);
    if (set == NULL)
        return NULL;
    set->arena = ind_arena_new(0);
    if (set->arena == NULL) {
        free(set);
        return NULL;
    }
    return set;
}

void ind_claim_set_free(ind_claim_set *set)
{
    if (set == NULL)
        return;
    ind_arena_free(set->arena);
    free(set->claims);
    free(set->id_slot);
    free(set);
}

int ind_claim_set_document(ind_claim_set *set, const char *document)
{
    if (set == NULL)
        return IND_EINVAL;
    set->document = NULL;
    if (document == NULL)
        return IND_OK;
    set->document = ind_arena_strdup(set->arena, document);
    return set->document != NULL ? IND_OK : IND_ENOMEM;
}

const char *ind_claim_set_get_document(const ind_claim_set *set)
{
    return set != NULL ? set->document : NULL;
}

size_t ind_claim_set_count(const ind_claim_set *set)
{
    return set != NULL ? set->n : 0;
}

const ind_claim *ind_claim_set_get(const ind_claim_set *set, size_t i)
{
    return set != NULL && i < set->n ? &set->claims[i] : NULL;
}

ind_arena *ind_claim_set_arena(ind_claim_set *set)
{
    return set != NULL ? set->arena : NULL;
}

/* ---- ids ---------------------------------------------------------------------- */

/* The slot for id: where it is, or the empty slot where it would go. */
static size_t id_find(const ind_claim_set *set, const char *id)
{
    size_t mask = set->n_slots - 1;
    size_t i = ind_hash_bytes(id, strlen(id)) & mask;
    while (set->id_slot[i] != 0 && strcmp(set->claims[set->id_slot[i] - 1].id, id) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Keeps the table at most half full; rebuilds it from the claims. */
static int id_table_room(ind_claim_set *set)
{
    if (set->n_slots != 0 && (set->n + 1) * 2 <= set->n_slots)
        return IND_OK;
    size_t slots = set->n_slots ? set->n_slots * 2 : 64;
    size_t *table = calloc(slots, sizeof *table);
    if (table == NULL)
        return IND_ENOMEM;
    free(set->id_slot);
    set->id_slot = table;
    set->n_slots = slots;
    for (size_t c = 0; c < set->n; c++)
        set->id_slot[id_find(set, set->claims[c].id)] = c + 1;
    return IND_OK;
}

/* ---- building one claim --------------------------------------------------------- */

enum field_key {
    F_ID, F_KIND, F_STATED, F_DECIMALS, F_DIRECTION, F_PARTS, F_SUBJECT, F_NOTE,
    F_DOCUMENT, F_SECTION, F_QUOTE, F_LINE, F_COLUMN, F_ROLE, F_UNKNOWN
};

static const char *const FIELD_NAMES[F_ROLE] = {
    "id", "kind", "stated", "decimals", "direction", "parts", "subject", "note",
    "document", "section", "quote", "line", "column"};

/* The key of a field name, with the role when it is an input. */
static enum field_key field_key(const char *name, ind_claim_role *role)
{
    for (int k = 0; k < F_ROLE; k++)
        if (strcmp(name, FIELD_NAMES[k]) == 0)
            return (enum field_key)k;
    for (int r = 0; r < IND_ROLE_N; r++)
        if (strcmp(name, ROLE_NAMES[r]) == 0) {
            *role = (ind_claim_role)r;
            return F_ROLE;
        }
    return F_UNKNOWN;
}

int ind_claim_field_known(const char *name)
{
    ind_claim_role role;
    return name != NULL && field_key(name, &role) != F_UNKNOWN;
}

typedef struct build {
    ind_claim_set *set;
    const char *where;
    ind_claim c;
    const ind_claim_field *seen[F_ROLE + IND_ROLE_N];
    ind_figure input_fig[IND_ROLE_N];
    ind_figure *parts;
    size_t n_parts, cap_parts;
    const char *parts_where;
    ind_error *err;
} build;

static int where_fail(const char *where, ind_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int where_fail(const char *where, ind_error *err, int code, const char *fmt, ...)
{
    char msg[IND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ind_error_set(err, code, "%s: %s", where != NULL ? where : "-", msg);
}

static const char *field_where(const build *b, const ind_claim_field *f)
{
    return f->where != NULL ? f->where : b->where;
}

/* The kinds' inputs in words: "from and to", "count, population and per". */
static void roles_words(ind_claim_kind kind, char *buf, size_t size)
{
    const ind_claim_role *r = KIND_ROLES[kind];
    if (kind == IND_CLAIM_SUM) {
        snprintf(buf, size, "parts");
        return;
    }
    if (r[0] == IND_ROLE_N) {
        snprintf(buf, size, "no inputs");
        return;
    }
    if (r[2] == IND_ROLE_N)
        snprintf(buf, size, "%s and %s", ROLE_NAMES[r[0]], ROLE_NAMES[r[1]]);
    else
        snprintf(buf, size, "%s, %s and %s", ROLE_NAMES[r[0]], ROLE_NAMES[r[1]],
                 ROLE_NAMES[r[2]]);
}

static int read_figure(build *b, const ind_claim_field *f, const char *value,
                       size_t len, ind_figure *out)
{
    char why[WHY_MAX], q[IND_QUOTE_MAX];
    int rc = ind_figure_parse(value, len, b->set->arena, out, why, sizeof why);
    if (rc == IND_ENOMEM)
        return ind_error_set(b->err, IND_ENOMEM, "out of memory");
    if (rc != IND_OK) {
        ind_quote(q, sizeof q, value, len);
        return where_fail(field_where(b, f), b->err, IND_EDATA, "%s: %s", q, why);
    }
    return IND_OK;
}

static int add_part(build *b, const ind_claim_field *f, const char *s, size_t len)
{
    if (b->n_parts >= IND_CLAIM_MAX_PARTS)
        return where_fail(field_where(b, f), b->err, IND_ELIMIT,
                          "more than %d parts", IND_CLAIM_MAX_PARTS);
    if (b->n_parts == b->cap_parts) {
        size_t cap = b->cap_parts ? b->cap_parts * 2 : 8;
        ind_figure *grown = realloc(b->parts, cap * sizeof *grown);
        if (grown == NULL)
            return ind_error_set(b->err, IND_ENOMEM, "out of memory");
        b->parts = grown;
        b->cap_parts = cap;
    }
    int rc = read_figure(b, f, s, len, &b->parts[b->n_parts]);
    if (rc == IND_OK)
        b->n_parts++;
    return rc;
}

/* Parts separated by "+"; a leading "+" or an empty part is an error the
** figure reader reports ("empty figure"). */
static int read_parts(build *b, const ind_claim_field *f)
{
    if (b->parts_where == NULL)
        b->parts_where = field_where(b, f);
    const char *s = f->value;
    for (;;) {
        const char *plus = strchr(s, '+');
        /* A plus right after the start of a part is a sign ("+5" alone). */
        size_t len = plus != NULL ? (size_t)(plus - s) : strlen(s);
        int rc = add_part(b, f, s, len);
        if (rc != IND_OK)
            return rc;
        if (plus == NULL)
            return IND_OK;
        s = plus + 1;
    }
}

static int read_whole_number(build *b, const ind_claim_field *f, long max, long min,
                             long *out)
{
    char *end;
    const char *s = f->value;
    long v = strtol(s, &end, 10);
    char q[IND_QUOTE_MAX];
    if (end == s || *end != '\0' || !isdigit((unsigned char)s[0]) || v < min || v > max) {
        ind_quote(q, sizeof q, s, strlen(s));
        return where_fail(field_where(b, f), b->err, IND_EDATA,
                          "%s must be a whole number from %ld to %ld, not %s", f->name,
                          min, max, q);
    }
    *out = v;
    return IND_OK;
}

static int read_direction(build *b, const ind_claim_field *f)
{
    size_t len = strlen(f->value);
    ind_direction d = ind_direction_of_word(f->value, len);
    if (d == IND_DIRECTION_NONE) {
        char q[IND_QUOTE_MAX];
        ind_quote(q, sizeof q, f->value, len);
        return where_fail(field_where(b, f), b->err, IND_EDATA,
                          "unknown direction word %s (expected one such as "
                          "increase, rose, up, decrease, fell, down or unchanged)", q);
    }
    b->c.direction = d;
    b->c.direction_word = f->value;
    return IND_OK;
}

/* Copies the text fields and records each field in its slot, refusing
** unknown and repeated ones. */
static int sort_fields(build *b, const ind_claim_field *fields, size_t n)
{
    char q[IND_QUOTE_MAX];
    for (size_t i = 0; i < n; i++) {
        const ind_claim_field *f = &fields[i];
        if (f->name == NULL || f->value == NULL)
            return ind_error_set(b->err, IND_EINVAL, "ind_claim_set_add: a field without a name or value");
        ind_claim_role role = IND_ROLE_N;
        enum field_key k = field_key(f->name, &role);
        ind_quote(q, sizeof q, f->name, strlen(f->name));
        if (k == F_UNKNOWN)
            return where_fail(b->where, b->err, IND_EDATA, "unknown key %s", q);
        if (strlen(f->value) > IND_CLAIM_MAX_STRING)
            return where_fail(field_where(b, f), b->err, IND_ELIMIT,
                              "%s is longer than %d bytes", f->name, IND_CLAIM_MAX_STRING);
        size_t slot = k == F_ROLE ? (size_t)F_ROLE + role : (size_t)k;
        if (k == F_PARTS) {
            b->seen[slot] = f;
            continue;
        }
        if (b->seen[slot] != NULL)
            return where_fail(b->where, b->err, IND_EDATA, "key %s given twice", q);
        b->seen[slot] = f;
    }
    return IND_OK;
}

static int read_kind(build *b)
{
    const ind_claim_field *f = b->seen[F_KIND];
    if (f == NULL)
        return where_fail(b->where, b->err, IND_EDATA,
                          "missing \"kind\" (percent_change, share, rate, sum, "
                          "difference, ratio or unpaired)");
    int k = ind_claim_kind_parse(f->value);
    if (k < 0) {
        char q[IND_QUOTE_MAX];
        ind_quote(q, sizeof q, f->value, strlen(f->value));
        return where_fail(field_where(b, f), b->err, IND_EDATA,
                          "unknown kind %s (expected percent_change, share, rate, "
                          "sum, difference, ratio or unpaired)", q);
    }
    b->c.kind = (ind_claim_kind)k;
    return IND_OK;
}

/* Every input field given must be one the kind takes, and every one the
** kind takes must be given. */
static int read_inputs(build *b, const ind_claim_field *fields, size_t n)
{
    char words[96];
    ind_claim_kind kind = b->c.kind;
    roles_words(kind, words, sizeof words);
    for (int r = 0; r < IND_ROLE_N; r++) {
        const ind_claim_field *f = b->seen[F_ROLE + r];
        if (f == NULL)
            continue;
        if (!ind_claim_kind_takes(kind, (ind_claim_role)r))
            return where_fail(field_where(b, f), b->err, IND_EDATA,
                              "a %s claim takes %s, not \"%s\"", KIND_NAMES[kind],
                              words, ROLE_NAMES[r]);
        int rc = read_figure(b, f, f->value, strlen(f->value), &b->input_fig[r]);
        if (rc != IND_OK)
            return rc;
        b->c.input[r] = &b->input_fig[r];
    }
    if (b->seen[F_PARTS] != NULL && kind != IND_CLAIM_SUM)
        return where_fail(field_where(b, b->seen[F_PARTS]), b->err, IND_EDATA,
                          "a %s claim takes %s, not \"parts\"", KIND_NAMES[kind], words);
    for (int i = 0; i < 3 && KIND_ROLES[kind][i] != IND_ROLE_N; i++)
        if (b->c.input[KIND_ROLES[kind][i]] == NULL)
            return where_fail(b->where, b->err, IND_EDATA, "a %s claim needs \"%s\" (it takes %s)",
                              KIND_NAMES[kind], ROLE_NAMES[KIND_ROLES[kind][i]], words);
    for (size_t i = 0; kind == IND_CLAIM_SUM && i < n; i++) {
        if (strcmp(fields[i].name, "parts") != 0)
            continue;
        int rc = read_parts(b, &fields[i]);
        if (rc != IND_OK)
            return rc;
    }
    if (kind == IND_CLAIM_SUM && b->n_parts < 2)
        return where_fail(b->where, b->err, IND_EDATA, "a sum claim needs at least two parts");
    return IND_OK;
}

/* Units the stated figure may have for each kind, and the sign against the
** direction word. */
static int check_stated_unit(build *b)
{
    const ind_figure *s = &b->c.stated;
    const char *where = field_where(b, b->seen[F_STATED]);
    const char *kind = KIND_NAMES[b->c.kind];
    switch (b->c.kind) {
    case IND_CLAIM_SHARE:
        if (s->unit == IND_FIGURE_POINTS || s->no_change)
            return where_fail(where, b->err, IND_EDATA,
                              "a share is a percentage of the whole: write it as \"63%%\"");
        break;
    case IND_CLAIM_RATE:
    case IND_CLAIM_RATIO:
        if (s->unit != IND_FIGURE_PLAIN || s->no_change)
            return where_fail(where, b->err, IND_EDATA,
                              "a %s is a plain number: write it without %% or points", kind);
        break;
    case IND_CLAIM_SUM:
        if (s->no_change)
            return where_fail(where, b->err, IND_EDATA, "a sum's total is a figure, not \"%s\"",
                              s->text);
        break;
    default:
        break;
    }
    return IND_OK;
}

static int check_direction(build *b)
{
    const ind_figure *s = &b->c.stated;
    ind_claim_kind kind = b->c.kind;
    if (b->seen[F_DIRECTION] == NULL) {
        if (s->no_change)
            b->c.direction = IND_DIRECTION_SAME;
        return IND_OK;
    }
    const char *where = field_where(b, b->seen[F_DIRECTION]);
    if (kind != IND_CLAIM_PERCENT_CHANGE && kind != IND_CLAIM_DIFFERENCE &&
        kind != IND_CLAIM_UNPAIRED)
        return where_fail(where, b->err, IND_EDATA,
                          "a %s claim takes no direction word (only percent_change "
                          "and difference do)", KIND_NAMES[kind]);
    int rc = read_direction(b, b->seen[F_DIRECTION]);
    if (rc != IND_OK)
        return rc;
    int contra = (s->negative && b->c.direction == IND_DIRECTION_UP) ||
                 (s->plus && b->c.direction == IND_DIRECTION_DOWN) ||
                 (s->no_change && b->c.direction != IND_DIRECTION_SAME) ||
                 (b->c.direction == IND_DIRECTION_SAME && !ind_figure_is_zero(s));
    if (contra)
        return where_fail(where, b->err, IND_EDATA,
                          "the direction word \"%s\" contradicts the stated figure \"%s\"",
                          b->c.direction_word, s->text);
    return IND_OK;
}

static int check_input(build *b, ind_claim_role r, const ind_figure *f, const char *where)
{
    ind_claim_kind kind = b->c.kind;
    int counts_only = kind == IND_CLAIM_SHARE || kind == IND_CLAIM_RATE ||
                      kind == IND_CLAIM_RATIO;
    if (f->no_change)
        return where_fail(where, b->err, IND_EDATA, "\"%s\" is not a figure", f->text);
    if (f->unit == IND_FIGURE_POINTS)
        return where_fail(where, b->err, IND_EDATA,
                          "an input cannot be in percentage points (\"%s\")", f->text);
    if (counts_only && f->unit == IND_FIGURE_PERCENT)
        return where_fail(where, b->err, IND_EDATA,
                          "the inputs of a %s are numbers, not percentages (\"%s\")",
                          KIND_NAMES[kind], f->text);
    int may_be_negative = r == IND_ROLE_A || r == IND_ROLE_B || r == IND_ROLE_NUMERATOR ||
                          r == IND_ROLE_DENOMINATOR || r == IND_ROLE_N;
    if (f->negative && !ind_figure_is_zero(f) && !may_be_negative)
        return where_fail(where, b->err, IND_EDATA, "%s cannot be negative (\"%s\")",
                          ROLE_NAMES[r], f->text);
    if (r == IND_ROLE_PER && ind_figure_is_zero(f))
        return where_fail(where, b->err, IND_EDATA, "per must be above zero");
    return IND_OK;
}

/* Inputs that are added or compared must be in one unit. */
static int check_inputs(build *b)
{
    const ind_figure *first = NULL;
    const char *first_name = NULL;
    for (int r = 0; r < IND_ROLE_N; r++) {
        const ind_figure *f = b->c.input[r];
        if (f == NULL)
            continue;
        const char *where = field_where(b, b->seen[F_ROLE + r]);
        int rc = check_input(b, (ind_claim_role)r, f, where);
        if (rc != IND_OK)
            return rc;
        if (first != NULL && f->unit != first->unit)
            return where_fail(where, b->err, IND_EDATA,
                              "%s (\"%s\") and %s (\"%s\") must be in one unit",
                              first_name, first->text, ROLE_NAMES[r], f->text);
        if (first == NULL) {
            first = f;
            first_name = ROLE_NAMES[r];
        }
    }
    for (size_t i = 0; i < b->n_parts; i++) {
        int rc = check_input(b, IND_ROLE_N, &b->parts[i], b->parts_where);
        if (rc != IND_OK)
            return rc;
        if (b->parts[i].unit != b->parts[0].unit)
            return where_fail(b->parts_where, b->err, IND_EDATA,
                              "the parts must be in one unit (\"%s\" and \"%s\")",
                              b->parts[0].text, b->parts[i].text);
    }
    return IND_OK;
}

static int read_stated(build *b)
{
    const ind_claim_field *f = b->seen[F_STATED];
    if (f == NULL)
        return where_fail(b->where, b->err, IND_EDATA,
                          "missing \"stated\" (the figure as written, e.g. \"38.29%%\")");
    int rc = read_figure(b, f, f->value, strlen(f->value), &b->c.stated);
    if (rc != IND_OK)
        return rc;
    b->c.decimals = b->c.stated.decimals;
    if (b->seen[F_DECIMALS] == NULL)
        return check_stated_unit(b);
    long d;
    rc = read_whole_number(b, b->seen[F_DECIMALS], 9, 0, &d);
    if (rc != IND_OK)
        return rc;
    if (d < b->c.stated.decimals)
        return where_fail(field_where(b, b->seen[F_DECIMALS]), b->err, IND_EDATA,
                          "decimals (%ld) cannot be fewer than the %d written in \"%s\"",
                          d, b->c.stated.decimals, b->c.stated.text);
    b->c.decimals = (int)d;
    b->c.decimals_given = 1;
    return check_stated_unit(b);
}

static const char *text_of(const build *b, enum field_key k)
{
    return b->seen[k] != NULL ? b->seen[k]->value : NULL;
}

static int read_source(build *b)
{
    b->c.subject = text_of(b, F_SUBJECT);
    b->c.note = text_of(b, F_NOTE);
    b->c.source.document = text_of(b, F_DOCUMENT);
    if (b->c.source.document == NULL)
        b->c.source.document = b->set->document;
    b->c.source.section = text_of(b, F_SECTION);
    b->c.source.quote = text_of(b, F_QUOTE);
    int rc;
    if (b->seen[F_LINE] != NULL &&
        (rc = read_whole_number(b, b->seen[F_LINE], 2147483647L, 1, &b->c.source.line)) != IND_OK)
        return rc;
    if (b->seen[F_COLUMN] != NULL &&
        (rc = read_whole_number(b, b->seen[F_COLUMN], 2147483647L, 1, &b->c.source.column)) != IND_OK)
        return rc;
    return IND_OK;
}

/* Copies every string the claim points to into the set's arena. */
static int keep_strings(build *b)
{
    ind_arena *a = b->set->arena;
    const char **strings[] = {&b->c.id, &b->c.direction_word, &b->c.subject, &b->c.note,
                              &b->c.source.section, &b->c.source.quote, &b->c.where};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        if (*strings[i] == NULL)
            continue;
        *strings[i] = ind_arena_strdup(a, *strings[i]);
        if (*strings[i] == NULL)
            return IND_ENOMEM;
    }
    if (b->c.source.document != NULL && b->c.source.document != b->set->document &&
        (b->c.source.document = ind_arena_strdup(a, b->c.source.document)) == NULL)
        return IND_ENOMEM;
    ind_figure *inputs = ind_arena_array(a, IND_ROLE_N, sizeof *inputs);
    ind_figure *parts = b->n_parts ? ind_arena_array(a, b->n_parts, sizeof *parts) : NULL;
    if (inputs == NULL || (b->n_parts && parts == NULL))
        return IND_ENOMEM;
    for (int r = 0; r < IND_ROLE_N; r++)
        if (b->c.input[r] != NULL) {
            inputs[r] = *b->c.input[r];
            b->c.input[r] = &inputs[r];
        }
    if (b->n_parts)
        memcpy(parts, b->parts, b->n_parts * sizeof *parts);
    b->c.parts = parts;
    b->c.n_parts = b->n_parts;
    return IND_OK;
}

/* Where the first claim with an id is, said without the file when it is
** the file of the claim being added: "$.claims[0]" or "line 3". */
static void short_where(const char *first, const char *current, char *buf, size_t size)
{
    const char *json = strstr(first, ": $");
    if (json != NULL && strncmp(first, current, (size_t)(json - first) + 3) == 0) {
        snprintf(buf, size, "%s", json + 2);
        return;
    }
    const char *colon = strrchr(first, ':');
    if (colon != NULL && colon[1] >= '0' && colon[1] <= '9' &&
        strncmp(first, current, (size_t)(colon - first) + 1) == 0) {
        snprintf(buf, size, "line %s", colon + 1);
        return;
    }
    snprintf(buf, size, "%s", first);
}

static int check_id(build *b)
{
    char made[32];
    if (b->c.id == NULL) {
        snprintf(made, sizeof made, "#%zu", b->set->n + 1);
        b->c.id = made;
    } else if (b->c.id[0] == '\0') {
        return where_fail(field_where(b, b->seen[F_ID]), b->err, IND_EDATA, "empty id");
    }
    if (id_table_room(b->set) != IND_OK)
        return ind_error_set(b->err, IND_ENOMEM, "out of memory");
    size_t slot = id_find(b->set, b->c.id);
    if (b->set->id_slot[slot] != 0) {
        char q[IND_QUOTE_MAX], first[512];
        ind_quote(q, sizeof q, b->c.id, strlen(b->c.id));
        short_where(b->set->claims[b->set->id_slot[slot] - 1].where, b->where, first,
                    sizeof first);
        return where_fail(b->seen[F_ID] != NULL ? field_where(b, b->seen[F_ID]) : b->where,
                          b->err, IND_EDATA, "id %s is given twice (first at %s)", q, first);
    }
    /* A made id lives on the stack: copy it now, the rest in keep_strings. */
    if (b->c.id == made && (b->c.id = ind_arena_strdup(b->set->arena, made)) == NULL)
        return ind_error_set(b->err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

static int build_claim(build *b, const ind_claim_field *fields, size_t n)
{
    int rc;
    if ((rc = sort_fields(b, fields, n)) != IND_OK ||
        (rc = read_kind(b)) != IND_OK ||
        (rc = read_stated(b)) != IND_OK ||
        (rc = check_direction(b)) != IND_OK ||
        (rc = read_inputs(b, fields, n)) != IND_OK ||
        (rc = check_inputs(b)) != IND_OK ||
        (rc = read_source(b)) != IND_OK)
        return rc;
    b->c.id = text_of(b, F_ID);
    b->c.where = b->where;
    if ((rc = check_id(b)) != IND_OK)
        return rc;
    if (keep_strings(b) != IND_OK)
        return ind_error_set(b->err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

static int claims_room(ind_claim_set *set)
{
    if (set->n < set->cap)
        return IND_OK;
    size_t cap = set->cap ? set->cap * 2 : 32;
    ind_claim *grown = realloc(set->claims, cap * sizeof *grown);
    if (grown == NULL)
        return IND_ENOMEM;
    set->claims = grown;
    set->cap = cap;
    return IND_OK;
}

int ind_claim_set_add(ind_claim_set *set, const char *where,
                      const ind_claim_field *fields, size_t n_fields, ind_error *err)
{
    if (set == NULL || (fields == NULL && n_fields > 0))
        return ind_error_set(err, IND_EINVAL, "ind_claim_set_add: no set or fields");
    if (set->n >= IND_CLAIMS_MAX)
        return where_fail(where, err, IND_ELIMIT, "more than %d claims", IND_CLAIMS_MAX);
    if (claims_room(set) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    build b = {.set = set, .where = where != NULL ? where : "-", .err = err};
    int rc = build_claim(&b, fields, n_fields);
    free(b.parts);
    if (rc != IND_OK)
        return rc;
    set->claims[set->n] = b.c;
    set->id_slot[id_find(set, b.c.id)] = set->n + 1;
    set->n++;
    return IND_OK;
}
