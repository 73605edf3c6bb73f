/*
** dataset.c: the dataset builder, where every rule of the data model is
** checked once for all readers, and lookups in a finished dataset.
**
** Values are gathered per series in scratch arrays reused from one series to
** the next. When a series ends its labels are read as periods, it is sorted
** and checked, and it is copied at its exact size into the dataset's arena.
** Period labels and series ids are interned: a label repeated across the
** series of an area is stored and scanned once.
**
** A reader keeps one builder for all the areas of its input
** (ind_dataset_builder_restart, ind_dataset_builder_take): the scratch arrays
** and tables are allocated once per input, grown to the largest area, and
** only the new dataset's arena is allocated per area.
*/
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_internal.h"
#include "indicate/arena.h"
#include "indicate/dataset.h"

#define KIND_COUNT (IND_PERIOD_MONTH + 1)
#define ALL_KINDS (((1u << KIND_COUNT) - 1u) & ~1u)
#define AREA_MAX_CHARS 200
#define LOC_MAX 512

/* Keeps the rare paths, which format messages in large buffers, out of the
** ones run for every value. */
#if defined(__GNUC__)
#define COLD __attribute__((cold, noinline))
#else
#define COLD
#endif
#define DATASET_FIRST_CHUNK (8u * 1024u)
#define DATASET_MIN_CHUNK 512u
#define DATASET_MAX_CHUNK (4u * 1024u * 1024u)

/* Entries kept from area to area: beyond this, the tables start afresh. */
#define CACHE_MAX 4096

/* ---- interning ------------------------------------------------------------ */

/* A period label or series id. The tables outlive the areas of a reader:
** the same labels and ids come back area after area, and each is hashed,
** checked and scanned once, then only copied into each dataset using it. */
typedef struct entry {
    const char *s;    /* the text, in the builder's own arena */
    const char *copy; /* its copy in the arena of area gen, made when used */
    size_t len;
    uint32_t hash;
    uint32_t slot;                 /* where it is in the table's slots */
    uint32_t gen;                  /* the area that copy belongs to */
    unsigned kinds;                /* labels: the kinds it could be */
    int32_t ordinal[KIND_COUNT];   /* labels: its ordinal under each */
} entry;

typedef struct table {
    entry *e;
    size_t n, cap;
    uint32_t *slot; /* 1 + index into e; 0 is empty */
    size_t n_slots; /* a power of two */
} table;

typedef struct pending_break {
    const char *label;
    size_t len;
    const char *note;
} pending_break;

typedef struct sort_key {
    int32_t ordinal;
    int32_t index;
} sort_key;

struct ind_dataset_builder {
    ind_arena *arena; /* becomes the dataset's */
    ind_arena *keep;  /* the texts of the tables, kept across areas */
    uint32_t gen;     /* counts the areas begun */
    ind_limits limits;
    char *file_name;  /* the builder's own copy, for each new arena */
    const char *file; /* its copy in the arena */
    const char *area_path;
    int32_t area_line;
    const char *area, *code, *source;
    int is_aggregate, has_area;

    ind_series *series; /* finished series */
    size_t n_series, cap_series;

    int open;          /* a series is begun */
    ind_series cur;    /* its description; arrays are filled when it ends */
    uint32_t *label;   /* index into labels.e */
    size_t prev_n;     /* values of the series before, still in label[] */
    double *value;
    uint8_t *flags;
    int32_t *position;
    size_t n, cap;
    unsigned any_flags;
    pending_break *brk;
    size_t n_brk, cap_brk;
    sort_key *keys;    /* the values' places in period order */
    size_t cap_keys;
    sort_key *bkeys;   /* the breaks' */
    size_t cap_bkeys;
    size_t hits;       /* values whose label is the series before's there */
    /* The series before, when it ended well: its period kind as given and
    ** as found, and (in this area) its ordinals and labels. keys still
    ** hold its order. A series with the same labels in the same places has
    ** all of this in common with it. */
    int last_ok;
    ind_period_kind last_given, last_kind;
    const int32_t *last_ord;
    const char **last_lab;

    ind_target *targets; /* what the figures are judged against */
    size_t n_targets, cap_targets;
    ind_milestone *projects;
    size_t n_projects, cap_projects;
    int has_as_at;
    ind_date as_at;
    ind_status_rules rules;

    table labels, ids;
    int failed; /* the first error is kept and given again */
    int handed; /* the last area was handed over whole */
    ind_error error;
};

uint32_t ind_hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static int table_rehash(table *t)
{
    size_t n_slots = t->n_slots ? t->n_slots * 2 : 64;
    uint32_t *slot = calloc(n_slots, sizeof *slot);
    if (slot == NULL)
        return IND_ENOMEM;
    for (size_t i = 0; i < t->n; i++) {
        size_t j = t->e[i].hash & (n_slots - 1);
        while (slot[j] != 0)
            j = (j + 1) & (n_slots - 1);
        slot[j] = (uint32_t)(i + 1);
        t->e[i].slot = (uint32_t)j;
    }
    free(t->slot);
    t->slot = slot;
    t->n_slots = n_slots;
    return IND_OK;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return IND_OK;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return IND_ENOMEM;
        c *= 2;
    }
    void *q = realloc(*p, c * size);
    if (q == NULL)
        return IND_ENOMEM;
    *p = q;
    *cap = c;
    return IND_OK;
}

/* Looks s[0..len) up in t, which is first made room for one more entry:
** *found is set when it is there, at *index; else *index is the slot it
** would take (for table_add). */
static int table_find(table *t, const char *s, size_t len, uint32_t h,
                      uint32_t *index, int *found)
{
    if ((t->n + 1) * 2 > t->n_slots && table_rehash(t) != IND_OK)
        return IND_ENOMEM;
    size_t j = h & (t->n_slots - 1);
    for (; t->slot[j] != 0; j = (j + 1) & (t->n_slots - 1)) {
        const entry *e = &t->e[t->slot[j] - 1];
        if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0) {
            *index = t->slot[j] - 1;
            *found = 1;
            return IND_OK;
        }
    }
    *index = (uint32_t)j;
    *found = 0;
    return IND_OK;
}

/* Adds s[0..len), copied into keep and scanned as a period label when scan
** is set, at the slot table_find gave; *index becomes its entry. */
static int table_add(ind_arena *keep, table *t, const char *s, size_t len,
                     uint32_t h, int scan, uint32_t *index)
{
    size_t j = *index;
    if (t->n >= UINT32_MAX - 1 ||
        grow((void **)&t->e, &t->cap, t->n + 1, sizeof *t->e) != IND_OK)
        return IND_ENOMEM;
    entry *e = &t->e[t->n];
    memset(e, 0, sizeof *e);
    e->s = ind_arena_strndup(keep, s, len);
    if (e->s == NULL)
        return IND_ENOMEM;
    e->len = len;
    e->hash = h;
    if (scan)
        e->kinds = ind_period_scan(e->s, len, e->ordinal);
    e->slot = (uint32_t)j;
    t->slot[j] = (uint32_t)(t->n + 1);
    *index = (uint32_t)t->n++;
    return IND_OK;
}

/* The index of s[0..len) in t, added if new. */
static int table_intern(ind_arena *keep, table *t, const char *s, size_t len,
                        int scan, uint32_t *index)
{
    uint32_t h = ind_hash_bytes(s, len);
    int found;
    if (table_find(t, s, len, h, index, &found) != IND_OK)
        return IND_ENOMEM;
    return found ? IND_OK : table_add(keep, t, s, len, h, scan, index);
}

/* e's text in the dataset's arena, copied there the first time the area
** uses it. */
static const char *in_area(ind_dataset_builder *b, entry *e)
{
    if (e->gen != b->gen) {
        e->copy = ind_arena_strndup(b->arena, e->s, e->len);
        if (e->copy == NULL)
            return NULL;
        e->gen = b->gen;
    }
    return e->copy;
}

/* Empties t, touching only the slots in use: a table grown by a large area
** costs nothing to clear for the small ones after it. */
static void table_clear(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        t->slot[t->e[i].slot] = 0;
    t->n = 0;
}

static void table_free(table *t)
{
    free(t->e);
    free(t->slot);
}

/* ---- messages --------------------------------------------------------------- */

static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void append(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
    if (*n >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *n, size - *n, fmt, ap);
    va_end(ap);
    if (k > 0)
        *n = *n + (size_t)k < size ? *n + (size_t)k : size;
}

void ind_location(char *buf, size_t size, const char *file, const char *path,
                  int32_t line, const char *member, long index)
{
    size_t n = 0;
    buf[0] = '\0';
    if (path != NULL) {
        if (file != NULL && line > 0)
            append(buf, size, &n, "%s:%d: ", file, (int)line);
        else if (file != NULL)
            append(buf, size, &n, "%s: ", file);
        append(buf, size, &n, "%s", path);
        if (member != NULL)
            append(buf, size, &n, ".%s", member);
        if (index >= 0)
            append(buf, size, &n, "[%ld]", index);
    } else if (file != NULL && line > 0) {
        append(buf, size, &n, "%s:%d", file, (int)line);
    } else if (file != NULL) {
        append(buf, size, &n, "%s", file);
    } else if (line > 0) {
        append(buf, size, &n, "line %d", (int)line);
    }
}

void ind_quote(char *buf, size_t size, const char *s, size_t len)
{
    /* Room for the longest escape, the ellipsis, the quote and the NUL. */
    const size_t tail = 4 + 3 + 1 + 1;
    size_t n = 0;
    if (size < tail + 2) {
        if (size > 0)
            buf[0] = '\0';
        return;
    }
    buf[n++] = '"';
    size_t i = 0;
    for (; i < len && n + tail < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
        } else {
            buf[n++] = (char)c;
        }
    }
    if (i < len) {
        /* Cut at a character boundary, not inside a UTF-8 sequence. */
        while (n > 1 && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
            n--;
        if (n > 1 && (unsigned char)buf[n - 1] >= 0xc0)
            n--;
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n++] = '"';
    buf[n] = '\0';
}

void ind_size_words(char *buf, size_t size, size_t n)
{
    const size_t kib = 1024, mib = 1024 * 1024;
    if (n >= mib && n % mib == 0)
        snprintf(buf, size, "%zu MiB", n / mib);
    else if (n >= kib && n % kib == 0)
        snprintf(buf, size, "%zu KiB", n / kib);
    else
        snprintf(buf, size, "%zu-byte", n);
}

/* The shortest of %.15g and %.17g that reads back as v. */
static void number(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

static int fail(ind_dataset_builder *b, ind_error *err, int code,
                const char *loc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int vfail(ind_dataset_builder *b, ind_error *err, int code,
                 const char *loc, const char *fmt, va_list ap)
{
    char msg[IND_ERROR_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (loc != NULL && loc[0] != '\0')
        ind_error_set(&b->error, code, "%s: %s", loc, msg);
    else
        ind_error_set(&b->error, code, "%s", msg);
    b->failed = code;
    if (err != NULL)
        *err = b->error;
    return code;
}

static int fail(ind_dataset_builder *b, ind_error *err, int code,
                const char *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(b, err, code, loc, fmt, ap);
    va_end(ap);
    return code;
}

static int replay(const ind_dataset_builder *b, ind_error *err)
{
    if (err != NULL)
        *err = b->error;
    return b->failed;
}

static int no_memory(ind_dataset_builder *b, ind_error *err)
{
    return fail(b, err, IND_ENOMEM, b->file, "out of memory");
}

/* Where one value or label of s is: its JSON array element, or its line. */
static void loc_item(const ind_series *s, const char *member, int32_t pos,
                     char *buf, size_t size)
{
    if (s->origin.path != NULL)
        ind_location(buf, size, s->origin.file, s->origin.path,
                     s->origin.line, member, pos);
    else
        ind_location(buf, size, s->origin.file, NULL, pos, NULL, -1);
}

static void loc_series(const ind_series *s, const char *member, char *buf,
                       size_t size)
{
    ind_location(buf, size, s->origin.file, s->origin.path, s->origin.line,
                 s->origin.path != NULL ? member : NULL, -1);
}

static void loc_area(const ind_dataset_builder *b, const char *member,
                     char *buf, size_t size)
{
    ind_location(buf, size, b->file, b->area_path, b->area_line,
                 b->area_path != NULL ? member : NULL, -1);
}

/* Failures located at a member of the area or of the current series. The
** location is only worked out on failure: building must stay cheap. */
static int fail_area(ind_dataset_builder *b, ind_error *err, int code,
                     const char *member, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int fail_area(ind_dataset_builder *b, ind_error *err, int code,
                     const char *member, const char *fmt, ...)
{
    char loc[LOC_MAX];
    loc_area(b, member, loc, sizeof loc);
    va_list ap;
    va_start(ap, fmt);
    vfail(b, err, code, loc, fmt, ap);
    va_end(ap);
    return code;
}

static int fail_series(ind_dataset_builder *b, ind_error *err, int code,
                       const char *member, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static int fail_series(ind_dataset_builder *b, ind_error *err, int code,
                       const char *member, const char *fmt, ...)
{
    char loc[LOC_MAX];
    loc_series(&b->cur, member, loc, sizeof loc);
    va_list ap;
    va_start(ap, fmt);
    vfail(b, err, code, loc, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- building ---------------------------------------------------------------- */

void ind_limits_defaults(ind_limits *limits)
{
    if (limits == NULL)
        return;
    if (limits->max_series == 0)
        limits->max_series = IND_DEFAULT_MAX_SERIES;
    if (limits->max_periods == 0)
        limits->max_periods = IND_DEFAULT_MAX_PERIODS;
    if (limits->max_string == 0)
        limits->max_string = IND_DEFAULT_MAX_STRING;
    if (limits->max_document == 0)
        limits->max_document = IND_DEFAULT_MAX_DOCUMENT;
    if (limits->max_line == 0)
        limits->max_line = IND_DEFAULT_MAX_LINE;
}

ind_dataset_builder *ind_dataset_builder_new(const char *file,
                                             const ind_limits *limits)
{
    ind_dataset_builder *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    if (limits != NULL)
        b->limits = *limits;
    ind_limits_defaults(&b->limits);
    if ((file != NULL && (b->file_name = strdup(file)) == NULL) ||
        (b->keep = ind_arena_new(4096)) == NULL ||
        ind_dataset_builder_restart(b, 0) != IND_OK) {
        ind_dataset_builder_free(b);
        return NULL;
    }
    return b;
}

int ind_dataset_builder_restart(ind_dataset_builder *b, size_t chunk)
{
    if (b == NULL)
        return IND_EINVAL;
    /* Most areas need a few KiB: start small, the arena grows. */
    if (chunk == 0)
        chunk = DATASET_FIRST_CHUNK;
    chunk = chunk < DATASET_MIN_CHUNK   ? DATASET_MIN_CHUNK
            : chunk > DATASET_MAX_CHUNK ? DATASET_MAX_CHUNK
                                        : chunk;
    ind_arena_free(b->arena); /* an area begun and abandoned */
    /* keys hold the order of the labels in label[] only when the last
    ** series ended well and nothing was left half done. */
    if ((b->failed && !b->handed) || b->open)
        b->last_ok = 0;
    b->handed = 0;
    b->arena = ind_arena_new(chunk);
    b->file = NULL;
    b->area_path = NULL;
    b->area_line = 0;
    b->area = b->code = b->source = NULL;
    b->is_aggregate = b->has_area = 0;
    b->n_series = 0;
    b->open = 0;
    memset(&b->cur, 0, sizeof b->cur);
    /* label[0..n) still holds the labels of the last series read, which the
    ** first series of this area is compared with, unless the tables start
    ** afresh. */
    b->prev_n = 0;
    if (++b->gen == 0 || b->labels.n > CACHE_MAX || b->ids.n > CACHE_MAX) {
        table_clear(&b->labels);
        table_clear(&b->ids);
        ind_arena_reset(b->keep);
        b->n = 0;
        b->last_ok = 0;
        if (b->gen == 0)
            b->gen = 1;
    }
    b->any_flags = 0;
    b->n_brk = 0;
    b->n_targets = b->n_projects = 0;
    b->has_as_at = 0;
    memset(&b->as_at, 0, sizeof b->as_at);
    memset(&b->rules, 0, sizeof b->rules);
    b->rules.slippage_days = -1;
    b->last_ord = NULL; /* in the arena gone */
    b->last_lab = NULL;
    b->failed = 0;
    b->error.code = IND_OK;
    b->error.message[0] = '\0';
    if (b->arena == NULL ||
        (b->file_name != NULL &&
         (b->file = ind_arena_strdup(b->arena, b->file_name)) == NULL)) {
        no_memory(b, NULL); /* every later call gives it again */
        return IND_ENOMEM;
    }
    return IND_OK;
}

ind_arena *ind_dataset_builder_arena(ind_dataset_builder *b)
{
    return b == NULL ? NULL : b->arena;
}

int ind_dataset_builder_origin(ind_dataset_builder *b, const char *path,
                               int32_t line)
{
    if (b == NULL)
        return IND_EINVAL;
    b->area_line = line;
    b->area_path = NULL;
    if (path != NULL && (b->area_path = ind_arena_strdup(b->arena, path)) == NULL)
        return IND_ENOMEM;
    return IND_OK;
}

/* Copies an optional string into the arena; IND_ELIMIT, with the message
** left to the caller, when it is over the limit. */
static int copy_string(ind_dataset_builder *b, const char *s, const char **out)
{
    *out = NULL;
    if (s == NULL)
        return IND_OK;
    size_t len = strnlen(s, b->limits.max_string + 1);
    if (len > b->limits.max_string)
        return IND_ELIMIT;
    *out = ind_arena_strndup(b->arena, s, len);
    return *out != NULL ? IND_OK : IND_ENOMEM;
}

static int area_copy(ind_dataset_builder *b, const char *s, const char **out,
                     const char *member, const char *what, ind_error *err)
{
    int rc = copy_string(b, s, out);
    if (rc == IND_ENOMEM)
        return no_memory(b, err);
    if (rc == IND_ELIMIT)
        return fail_area(b, err, rc, member, "%s is longer than %zu bytes", what,
                         b->limits.max_string);
    return IND_OK;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static int gss_code_valid(const char *code)
{
    if (code[0] < 'A' || code[0] > 'Z')
        return 0;
    for (int i = 1; i <= 8; i++) {
        if (code[i] < '0' || code[i] > '9')
            return 0;
    }
    return code[9] == '\0';
}

int ind_dataset_builder_area(ind_dataset_builder *b, const char *area,
                             const char *code, const char *source,
                             int is_aggregate, ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    char q[IND_QUOTE_MAX], qa[IND_QUOTE_MAX];
    if (b->has_area)
        return fail_area(b, err, IND_EINVAL, "area", "the area is given twice");
    if (area == NULL)
        return fail_area(b, err, IND_EDATA, "area", "no area name");
    int rc = area_copy(b, area, &b->area, "area", "area name", err);
    if (rc != IND_OK)
        return rc;
    if (b->area[0] == '\0')
        return fail_area(b, err, IND_EDATA, "area", "area name is empty");
    if (utf8_chars(b->area) > AREA_MAX_CHARS) {
        ind_quote(qa, sizeof qa, b->area, strlen(b->area));
        return fail_area(b, err, IND_EDATA, "area",
                         "area name %s is longer than %d characters", qa,
                         AREA_MAX_CHARS);
    }
    if ((rc = area_copy(b, code, &b->code, "code", "GSS code", err)) != IND_OK)
        return rc;
    if (b->code != NULL && !gss_code_valid(b->code)) {
        ind_quote(q, sizeof q, b->code, strlen(b->code));
        ind_quote(qa, sizeof qa, b->area, strlen(b->area));
        return fail_area(b, err, IND_EDATA, "code",
                         "GSS code %s of area %s is not a capital letter "
                         "followed by 8 digits", q, qa);
    }
    if ((rc = area_copy(b, source, &b->source, "source", "source", err)) != IND_OK)
        return rc;
    b->is_aggregate = is_aggregate != 0;
    b->has_area = 1;
    return IND_OK;
}

static int end_series(ind_dataset_builder *b, ind_error *err);

static int set_origin(ind_dataset_builder *b, const ind_origin *o)
{
    const char *file = o->file != NULL ? o->file : b->file;
    b->cur.origin.line = o->line;
    b->cur.origin.path = NULL;
    if (file == NULL || (b->file != NULL && strcmp(file, b->file) == 0))
        b->cur.origin.file = b->file;
    else if ((b->cur.origin.file = ind_arena_strdup(b->arena, file)) == NULL)
        return IND_ENOMEM;
    if (o->path != NULL &&
        (b->cur.origin.path = ind_arena_strdup(b->arena, o->path)) == NULL)
        return IND_ENOMEM;
    return IND_OK;
}

static int series_id(ind_dataset_builder *b, const char *id, ind_error *err)
{
    size_t len = strnlen(id, b->limits.max_string + 1);
    if (len > b->limits.max_string)
        return fail_series(b, err, IND_ELIMIT, "id",
                           "series id is longer than %zu bytes",
                           b->limits.max_string);
    uint32_t h = ind_hash_bytes(id, len), index;
    int found;
    if (table_find(&b->ids, id, len, h, &index, &found) != IND_OK)
        return no_memory(b, err);
    /* Only valid ids are in the table. */
    if (!found && !ind_id_valid(id)) {
        char q[IND_QUOTE_MAX];
        ind_quote(q, sizeof q, id, len);
        return fail_series(b, err, IND_EDATA, "id",
                           "invalid series id %s (expected lower-case letters, "
                           "digits and underscores in dot-separated parts, at "
                           "most 64 bytes)", q);
    }
    if (b->n_series >= b->limits.max_series)
        return fail_series(b, err, IND_ELIMIT, "id",
                           "series %s: more than %zu series in one area", id,
                           b->limits.max_series);
    if (found && b->ids.e[index].gen == b->gen)
        return fail_series(b, err, IND_EDATA, "id", "series %s is given twice", id);
    if ((!found && table_add(b->keep, &b->ids, id, len, h, 0, &index) != IND_OK) ||
        (b->cur.id = in_area(b, &b->ids.e[index])) == NULL)
        return no_memory(b, err);
    return IND_OK;
}

static int series_texts(ind_dataset_builder *b, const ind_series_spec *spec,
                        ind_error *err)
{
    static const char *const names[4] = {"title", "unit", "source", "note"};
    const char *in[4] = {spec->title, spec->unit, spec->source, spec->note};
    const char **out[4] = {&b->cur.title, &b->cur.unit, &b->cur.source,
                           &b->cur.note};
    for (int i = 0; i < 4; i++) {
        int rc = copy_string(b, in[i], out[i]);
        if (rc == IND_ENOMEM)
            return no_memory(b, err);
        if (rc == IND_ELIMIT)
            return fail_series(b, err, rc, names[i],
                               "%s of series %s is longer than %zu bytes",
                               names[i], b->cur.id, b->limits.max_string);
    }
    return IND_OK;
}

int ind_dataset_builder_series(ind_dataset_builder *b,
                               const ind_series_spec *spec, ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    int rc = end_series(b, err);
    if (rc != IND_OK)
        return rc;
    if (spec == NULL || spec->id == NULL)
        return fail(b, err, IND_EINVAL, b->file, "a series without an id");
    if (spec->period_kind < IND_PERIOD_NONE ||
        spec->period_kind > IND_PERIOD_MONTH ||
        (spec->nature != IND_NATURE_FLOW && spec->nature != IND_NATURE_SNAPSHOT))
        return fail(b, err, IND_EINVAL, b->file,
                    "series %s: period kind or nature out of range", spec->id);
    memset(&b->cur, 0, sizeof b->cur);
    if (set_origin(b, &spec->origin) != IND_OK)
        return no_memory(b, err);
    if ((rc = series_id(b, spec->id, err)) != IND_OK)
        return rc;
    if ((rc = series_texts(b, spec, err)) != IND_OK)
        return rc;
    b->cur.period_kind = spec->period_kind;
    b->cur.nature = spec->nature;
    b->cur.is_signed = spec->is_signed != 0;
    b->open = 1;
    b->prev_n = b->n;
    b->n = 0;
    b->hits = 0;
    b->n_brk = 0;
    b->any_flags = 0;
    return IND_OK;
}

static int value_arrays(ind_dataset_builder *b)
{
    size_t cap = b->cap ? b->cap * 2 : 64;
    uint32_t *l = realloc(b->label, cap * sizeof *l);
    if (l == NULL)
        return IND_ENOMEM;
    b->label = l;
    double *v = realloc(b->value, cap * sizeof *v);
    if (v == NULL)
        return IND_ENOMEM;
    b->value = v;
    uint8_t *f = realloc(b->flags, cap * sizeof *f);
    if (f == NULL)
        return IND_ENOMEM;
    b->flags = f;
    int32_t *p = realloc(b->position, cap * sizeof *p);
    if (p == NULL)
        return IND_ENOMEM;
    b->position = p;
    b->cap = cap;
    return IND_OK;
}

COLD static int check_value(ind_dataset_builder *b, double value, int32_t position,
                            ind_error *err)
{
    if (isnan(value))
        return IND_OK;
    char loc[LOC_MAX];
    if (isinf(value)) {
        loc_item(&b->cur, "values", position, loc, sizeof loc);
        return fail(b, err, IND_EDATA, loc,
                    "value in series %s is not a finite number", b->cur.id);
    }
    if (value < 0 && !b->cur.is_signed) {
        char num[40];
        number(num, sizeof num, value);
        loc_item(&b->cur, "values", position, loc, sizeof loc);
        return fail(b, err, IND_EDATA, loc,
                    "negative value %s in series %s (counts cannot be negative)",
                    num, b->cur.id);
    }
    return IND_OK;
}

/* Non-zero when the label is e's text, read no further than it matches
** (e's text holds no NUL). */
static int same_label(const entry *e, const char *label)
{
    size_t i = 0;
    while (i < e->len && label[i] == e->s[i])
        i++;
    return i == e->len && label[i] == '\0';
}

COLD static int too_many_periods(ind_dataset_builder *b, int32_t position,
                                 ind_error *err)
{
    char loc[LOC_MAX];
    loc_item(&b->cur, "periods", position, loc, sizeof loc);
    return fail(b, err, IND_ELIMIT, loc, "series %s has more than %zu periods",
                b->cur.id, b->limits.max_periods);
}

/* The entry of a label that is not the one the series before had at this
** place: measured, refused past the string limit, looked up and added if
** new. */
COLD static int label_index(ind_dataset_builder *b, const char *label,
                            int32_t position, uint32_t *index, ind_error *err)
{
    char loc[LOC_MAX];
    size_t len = strnlen(label, b->limits.max_string + 1);
    if (len > b->limits.max_string) {
        loc_item(&b->cur, "periods", position, loc, sizeof loc);
        return fail(b, err, IND_ELIMIT, loc,
                    "period label in series %s is longer than %zu bytes",
                    b->cur.id, b->limits.max_string);
    }
    if (table_intern(b->keep, &b->labels, label, len, 1, index) != IND_OK)
        return no_memory(b, err);
    return IND_OK;
}

int ind_dataset_builder_value(ind_dataset_builder *b, const char *label,
                              double value, unsigned flags, int32_t position,
                              ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    if (!b->open)
        return fail(b, err, IND_EINVAL, b->file, "a value given before any series");
    if (label == NULL || (flags & ~(unsigned)(IND_VALUE_SUPPRESSED | IND_VALUE_PROVISIONAL)))
        return fail(b, err, IND_EINVAL, b->file,
                    "series %s: a value without a label or with unknown flags",
                    b->cur.id);
    /* The common case first: a finite value, not negative, under the label
    ** the series before had at this place (the series of an area, and the
    ** areas of an input, mostly share their periods). */
    uint32_t index;
    int rc;
    if (!(value >= 0 && value <= DBL_MAX) &&
        (rc = check_value(b, value, position, err)) != IND_OK)
        return rc;
    if (b->n >= b->limits.max_periods)
        return too_many_periods(b, position, err);
    if (b->n < b->prev_n && same_label(&b->labels.e[b->label[b->n]], label)) {
        index = b->label[b->n];
        b->hits++;
    } else if ((rc = label_index(b, label, position, &index, err)) != IND_OK) {
        return rc;
    }
    if (b->n >= b->cap && value_arrays(b) != IND_OK)
        return no_memory(b, err);
    b->label[b->n] = index;
    b->value[b->n] = value;
    b->flags[b->n] = (uint8_t)flags;
    b->position[b->n] = position;
    b->any_flags |= flags;
    b->n++;
    return IND_OK;
}

int ind_dataset_builder_break(ind_dataset_builder *b, const char *label,
                              const char *note, ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    if (!b->open)
        return fail(b, err, IND_EINVAL, b->file, "a break given before any series");
    if (label == NULL)
        return fail(b, err, IND_EINVAL, b->file, "series %s: a break without a label",
                    b->cur.id);
    if (grow((void **)&b->brk, &b->cap_brk, b->n_brk + 1, sizeof *b->brk) != IND_OK)
        return no_memory(b, err);
    pending_break *pb = &b->brk[b->n_brk];
    int rc = copy_string(b, label, &pb->label);
    if (rc == IND_OK)
        rc = copy_string(b, note, &pb->note);
    if (rc == IND_ENOMEM)
        return no_memory(b, err);
    if (rc == IND_ELIMIT) {
        char member[64];
        snprintf(member, sizeof member, "breaks[%zu]", b->n_brk);
        return fail_series(b, err, rc, member,
                           "break of series %s: a string is longer than %zu bytes",
                           b->cur.id, b->limits.max_string);
    }
    pb->len = strlen(pb->label);
    b->n_brk++;
    return IND_OK;
}

/* ---- ending a series ------------------------------------------------------------ */

static const entry *label_entry(const ind_dataset_builder *b, size_t i)
{
    return &b->labels.e[b->label[i]];
}

static int label_error(ind_dataset_builder *b, size_t i, ind_period_kind hint,
                       ind_error *err)
{
    const entry *e = label_entry(b, i);
    char why[256], loc[LOC_MAX], q[IND_QUOTE_MAX];
    ind_period p;
    ind_period_parse_n(e->s, e->len, hint, &p, why, sizeof why);
    ind_quote(q, sizeof q, e->s, e->len);
    loc_item(&b->cur, "periods", b->position[i], loc, sizeof loc);
    return fail(b, err, IND_EDATA, loc, "period %s in series %s: %s", q,
                b->cur.id, why);
}

static int mixed_error(ind_dataset_builder *b, size_t i, ind_error *err)
{
    const entry *ei = label_entry(b, i);
    size_t j = 0;
    for (size_t k = 0; k < i; k++) {
        if ((label_entry(b, k)->kinds & ei->kinds) == 0) {
            j = k;
            break;
        }
    }
    const entry *ej = label_entry(b, j);
    char loc[LOC_MAX], qi[IND_QUOTE_MAX], qj[IND_QUOTE_MAX];
    ind_quote(qi, sizeof qi, ei->s, ei->len);
    ind_quote(qj, sizeof qj, ej->s, ej->len);
    loc_item(&b->cur, "periods", b->position[i], loc, sizeof loc);
    return fail(b, err, IND_EDATA, loc,
                "mixed period kinds in series %s: %s (%s) and %s (%s)",
                b->cur.id, qj,
                ind_period_kind_name(ind_period_kind_preferred(ej->kinds)), qi,
                ind_period_kind_name(ind_period_kind_preferred(ei->kinds)));
}

/* One kind that every label can be: a financial year when that is one. */
static int infer_kind(ind_dataset_builder *b, ind_period_kind *kind,
                      ind_error *err)
{
    unsigned mask = ALL_KINDS;
    for (size_t i = 0; i < b->n; i++) {
        unsigned k = label_entry(b, i)->kinds;
        if (k == 0)
            return label_error(b, i, IND_PERIOD_NONE, err);
        if ((mask & k) == 0)
            return mixed_error(b, i, err);
        mask &= k;
    }
    *kind = ind_period_kind_preferred(mask);
    return IND_OK;
}

static int cmp_key(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->ordinal != b->ordinal)
        return a->ordinal < b->ordinal ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Fills keys with each value's ordinal; sets *sorted when already in order. */
static int ordinals(ind_dataset_builder *b, ind_period_kind kind, int *sorted,
                    ind_error *err)
{
    if (grow((void **)&b->keys, &b->cap_keys, b->n, sizeof *b->keys) != IND_OK)
        return no_memory(b, err);
    *sorted = 1;
    for (size_t i = 0; i < b->n; i++) {
        const entry *e = label_entry(b, i);
        if (!(e->kinds & (1u << kind)))
            return label_error(b, i, kind, err);
        b->keys[i].ordinal = e->ordinal[kind];
        b->keys[i].index = (int32_t)i;
        if (i > 0 && b->keys[i].ordinal <= b->keys[i - 1].ordinal)
            *sorted = 0;
    }
    return IND_OK;
}

static void other_place(const ind_series *s, int32_t pos, char *buf, size_t size)
{
    if (s->origin.path != NULL)
        snprintf(buf, size, "periods[%d]", (int)pos);
    else
        snprintf(buf, size, "line %d", (int)pos);
}

static int duplicates(ind_dataset_builder *b, ind_error *err)
{
    for (size_t k = 1; k < b->n; k++) {
        if (b->keys[k].ordinal != b->keys[k - 1].ordinal)
            continue;
        size_t first = (size_t)b->keys[k - 1].index, again = (size_t)b->keys[k].index;
        const entry *e1 = label_entry(b, first), *e2 = label_entry(b, again);
        char loc[LOC_MAX], q1[IND_QUOTE_MAX], q2[IND_QUOTE_MAX], other[64];
        ind_quote(q1, sizeof q1, e1->s, e1->len);
        ind_quote(q2, sizeof q2, e2->s, e2->len);
        other_place(&b->cur, b->position[first], other, sizeof other);
        loc_item(&b->cur, "periods", b->position[again], loc, sizeof loc);
        return fail(b, err, IND_EDATA, loc,
                    "duplicate period in series %s: %s is the same period as "
                    "%s (%s)", b->cur.id, q2, q1, other);
    }
    return IND_OK;
}

/* Copies the series at its exact size, in period order, into the arena:
** one block holds its values, positions and flags, and its ordinals and
** labels unless it shares those of the series before (same periods, same
** area): series are read-only once built. */
static int store(ind_dataset_builder *b, int same, ind_error *err)
{
    size_t n = b->n;
    int share = same && b->last_ord != NULL;
    size_t per = sizeof(double) + sizeof(int32_t) + (b->any_flags ? 1 : 0) +
                 (share ? 0 : sizeof(const char *) + sizeof(int32_t));
    unsigned char *block = n <= SIZE_MAX / per ? ind_arena_alloc(b->arena, n * per) : NULL;
    if (block == NULL)
        return no_memory(b, err);
    /* In falling order of alignment. */
    double *val = (double *)(void *)block;
    const char **lab = (const char **)b->last_lab;
    int32_t *ord = (int32_t *)b->last_ord;
    int32_t *pos = (int32_t *)(void *)(val + n);
    if (!share) {
        lab = (const char **)(void *)(val + n);
        ord = (int32_t *)(void *)(lab + n);
        pos = ord + n;
    }
    uint8_t *fl = b->any_flags ? (uint8_t *)(pos + n) : NULL;
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)b->keys[k].index;
        val[k] = b->value[i];
        pos[k] = b->position[i];
        if (fl != NULL)
            fl[k] = b->flags[i];
    }
    for (size_t k = 0; !share && k < n; k++) {
        ord[k] = b->keys[k].ordinal;
        if ((lab[k] = in_area(b, &b->labels.e[b->label[b->keys[k].index]])) == NULL)
            return no_memory(b, err);
    }
    b->last_ord = ord;
    b->last_lab = lab;
    b->cur.n = n;
    b->cur.ordinal = ord;
    b->cur.label = lab;
    b->cur.value = val;
    b->cur.flags = fl;
    b->cur.position = pos;
    return IND_OK;
}

static void loc_break(const ind_series *s, size_t k, char *buf, size_t size)
{
    char member[64];
    snprintf(member, sizeof member, "breaks[%zu].from", k);
    loc_series(s, member, buf, size);
}

static int break_ordinal(ind_dataset_builder *b, size_t k, int32_t *out,
                         ind_error *err)
{
    const pending_break *pb = &b->brk[k];
    ind_period_kind kind = b->cur.period_kind;
    char loc[LOC_MAX], q[IND_QUOTE_MAX], why[256];
    ind_quote(q, sizeof q, pb->label, pb->len);
    loc_break(&b->cur, k, loc, sizeof loc);
    ind_period p;
    if (ind_period_parse_n(pb->label, pb->len, kind, &p, why, sizeof why) != IND_OK)
        return fail(b, err, IND_EDATA, loc, "break from %s in series %s: %s", q,
                    b->cur.id, why);
    if (ind_series_index(&b->cur, p.ordinal) < 0)
        return fail(b, err, IND_EDATA, loc,
                    "break from %s in series %s is not one of its periods", q,
                    b->cur.id);
    *out = p.ordinal;
    return IND_OK;
}

static int resolve_breaks(ind_dataset_builder *b, ind_error *err)
{
    size_t n = b->n_brk;
    if (n == 0)
        return IND_OK;
    ind_break *br = ind_arena_array(b->arena, n, sizeof *br);
    if (br == NULL || grow((void **)&b->bkeys, &b->cap_bkeys, n, sizeof *b->bkeys) != IND_OK)
        return no_memory(b, err);
    sort_key *keys = b->bkeys;
    for (size_t k = 0; k < n; k++) {
        int rc = break_ordinal(b, k, &keys[k].ordinal, err);
        if (rc != IND_OK)
            return rc;
        keys[k].index = (int32_t)k;
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    for (size_t k = 0; k < n; k++) {
        const pending_break *pb = &b->brk[keys[k].index];
        if (k > 0 && keys[k].ordinal == keys[k - 1].ordinal) {
            const pending_break *first = &b->brk[keys[k - 1].index];
            char loc[LOC_MAX], q1[IND_QUOTE_MAX], q2[IND_QUOTE_MAX];
            ind_quote(q1, sizeof q1, first->label, first->len);
            ind_quote(q2, sizeof q2, pb->label, pb->len);
            loc_break(&b->cur, (size_t)keys[k].index, loc, sizeof loc);
            return fail(b, err, IND_EDATA, loc,
                        "break from %s in series %s repeats the break from %s",
                        q2, b->cur.id, q1);
        }
        br[k].ordinal = keys[k].ordinal;
        br[k].note = pb->note;
    }
    b->cur.breaks = br;
    b->cur.n_breaks = n;
    return IND_OK;
}

static int check_span(ind_dataset_builder *b, ind_error *err)
{
    int64_t span = (int64_t)b->keys[b->n - 1].ordinal - b->keys[0].ordinal + 1;
    if ((uint64_t)span <= b->limits.max_periods)
        return IND_OK;
    char loc[LOC_MAX];
    loc_series(&b->cur, "periods", loc, sizeof loc);
    return fail(b, err, IND_ELIMIT, loc,
                "series %s spans %lld periods, more than the limit of %zu",
                b->cur.id, (long long)span, b->limits.max_periods);
}

COLD static int no_periods(ind_dataset_builder *b, ind_error *err)
{
    char loc[LOC_MAX];
    loc_series(&b->cur, "periods", loc, sizeof loc);
    return fail(b, err, IND_EDATA, loc, "series %s has no periods", b->cur.id);
}

/* Reads the labels as periods of one kind, puts them in order and checks
** them: no label that is not a period, no mixed kinds, no period twice, a
** span within the limit. */
static int order_periods(ind_dataset_builder *b, ind_period_kind *kind,
                         ind_error *err)
{
    int rc = *kind == IND_PERIOD_NONE ? infer_kind(b, kind, err) : IND_OK;
    if (rc != IND_OK)
        return rc;
    int sorted = 1;
    if ((rc = ordinals(b, *kind, &sorted, err)) != IND_OK)
        return rc;
    if (!sorted) {
        qsort(b->keys, b->n, sizeof *b->keys, cmp_key);
        if ((rc = duplicates(b, err)) != IND_OK)
            return rc;
    }
    return check_span(b, err);
}

static int end_series(ind_dataset_builder *b, ind_error *err)
{
    if (!b->open)
        return IND_OK;
    b->open = 0;
    if (b->n == 0)
        return no_periods(b, err);
    /* Labels the same as the series before's, place by place, given the
    ** same way, are the same periods in the same order, already checked. */
    ind_period_kind given = b->cur.period_kind, kind = given;
    int same = b->last_ok && b->n == b->prev_n && b->hits == b->n &&
               given == b->last_given;
    b->last_ok = 0;
    int rc;
    if (same)
        kind = b->last_kind;
    else if ((rc = order_periods(b, &kind, err)) != IND_OK)
        return rc;
    b->cur.period_kind = kind;
    if ((rc = store(b, same, err)) != IND_OK || (rc = resolve_breaks(b, err)) != IND_OK)
        return rc;
    if (b->n_series >= b->cap_series &&
        grow((void **)&b->series, &b->cap_series, b->n_series + 1,
             sizeof *b->series) != IND_OK)
        return no_memory(b, err);
    b->series[b->n_series++] = b->cur;
    b->last_ok = 1;
    b->last_given = given;
    b->last_kind = kind;
    return IND_OK;
}

int ind_dataset_builder_end_series(ind_dataset_builder *b, ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    return end_series(b, err);
}

/* ---- targets, projects and status rules -------------------------------------- */

/* Where a member of a target or project is, from its origin. */
static void loc_origin(const ind_origin *o, const char *member, char *buf,
                       size_t size)
{
    ind_location(buf, size, o->file, o->path, o->line,
                 o->path != NULL ? member : NULL, -1);
}

static int fail_at(ind_dataset_builder *b, ind_error *err, int code,
                   const ind_origin *o, const char *member, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static int fail_at(ind_dataset_builder *b, ind_error *err, int code,
                   const ind_origin *o, const char *member, const char *fmt, ...)
{
    char loc[LOC_MAX];
    loc_origin(o, member, loc, sizeof loc);
    va_list ap;
    va_start(ap, fmt);
    vfail(b, err, code, loc, fmt, ap);
    va_end(ap);
    return code;
}

/* Copies a string of a target or project, refusing one over the limit. */
static int copy_member(ind_dataset_builder *b, const char *s, const char **out,
                       const ind_origin *o, const char *member, ind_error *err)
{
    int rc = copy_string(b, s, out);
    if (rc == IND_ENOMEM)
        return no_memory(b, err);
    if (rc == IND_ELIMIT)
        return fail_at(b, err, rc, o, member, "%s is longer than %zu bytes",
                       member, b->limits.max_string);
    return IND_OK;
}

static int copy_origin(ind_dataset_builder *b, const ind_origin *in,
                       ind_origin *out)
{
    out->line = in->line;
    out->file = b->file;
    out->path = NULL;
    if (in->file != NULL && (b->file == NULL || strcmp(in->file, b->file) != 0) &&
        (out->file = ind_arena_strdup(b->arena, in->file)) == NULL)
        return IND_ENOMEM;
    if (in->path != NULL && (out->path = ind_arena_strdup(b->arena, in->path)) == NULL)
        return IND_ENOMEM;
    return IND_OK;
}

static void step_member(const ind_target_step *st, char *buf, size_t size)
{
    if (st->position >= 0)
        snprintf(buf, size, "schedule[%d].from", (int)st->position);
    else
        snprintf(buf, size, "from");
}

/* The first day of the period a step starts from. */
static int step_day(ind_dataset_builder *b, const ind_target *t,
                    ind_target_step *st, ind_error *err)
{
    char member[64], why[256], q[IND_QUOTE_MAX], first[11], last[11];
    st->from_day = INT32_MIN;
    if (st->from == NULL)
        return IND_OK;
    step_member(st, member, sizeof member);
    ind_period p;
    size_t len = strlen(st->from);
    ind_quote(q, sizeof q, st->from, len);
    if (ind_period_parse_n(st->from, len, IND_PERIOD_NONE, &p, why, sizeof why) != IND_OK)
        return fail_at(b, err, IND_EDATA, &t->origin, member, "period %s: %s", q, why);
    if (ind_period_dates(p, first, last) != IND_OK ||
        ind_date_parse(first, &st->from_day, NULL, 0) != IND_OK)
        return fail_at(b, err, IND_EDATA, &t->origin, member,
                       "period %s is outside the years a target may start", q);
    return IND_OK;
}

/* Steps sorted by their first day, none starting on the same day. */
static int sort_steps(ind_dataset_builder *b, const ind_target *t,
                      ind_target_step *st, size_t n, ind_error *err)
{
    for (size_t i = 1; i < n; i++) {
        ind_target_step key = st[i];
        size_t j = i;
        for (; j > 0 && st[j - 1].from_day > key.from_day; j--)
            st[j] = st[j - 1];
        st[j] = key;
    }
    for (size_t i = 1; i < n; i++) {
        if (st[i].from_day != st[i - 1].from_day)
            continue;
        const ind_target_step *later = st[i].position > st[i - 1].position ? &st[i] : &st[i - 1];
        const ind_target_step *other = later == &st[i] ? &st[i - 1] : &st[i];
        char member[64], q1[IND_QUOTE_MAX], q2[IND_QUOTE_MAX];
        step_member(later, member, sizeof member);
        if (later->from == NULL || other->from == NULL)
            return fail_at(b, err, IND_EDATA, &t->origin, member,
                           "two steps of the schedule without a period");
        ind_quote(q1, sizeof q1, later->from, strlen(later->from));
        ind_quote(q2, sizeof q2, other->from, strlen(other->from));
        return fail_at(b, err, IND_EDATA, &t->origin, member,
                       "period %s starts on the same day as %s: each step of a "
                       "schedule needs a period of its own", q1, q2);
    }
    return IND_OK;
}

static int copy_steps(ind_dataset_builder *b, const ind_target *in,
                      ind_target *out, ind_error *err)
{
    if (in->n_steps == 0 || in->steps == NULL)
        return fail_at(b, err, IND_EDATA, &out->origin, NULL,
                       "the target has no value: give \"target\" or \"schedule\"");
    if (in->n_steps > b->limits.max_periods)
        return fail_at(b, err, IND_ELIMIT, &out->origin, "schedule",
                       "more than %zu steps", b->limits.max_periods);
    ind_target_step *st = ind_arena_array(b->arena, in->n_steps, sizeof *st);
    if (st == NULL)
        return no_memory(b, err);
    for (size_t i = 0; i < in->n_steps; i++) {
        st[i] = in->steps[i];
        char member[64];
        step_member(&st[i], member, sizeof member);
        int rc = copy_member(b, in->steps[i].from, &st[i].from, &out->origin, member, err);
        if (rc == IND_OK)
            rc = step_day(b, out, &st[i], err);
        if (rc != IND_OK)
            return rc;
        if (st[i].has_target && st[i].target.form != IND_AMOUNT_NUMBER &&
            st[i].target.form != IND_AMOUNT_PERCENT)
            return fail_at(b, err, IND_EDATA, &out->origin, NULL,
                           "a target is a number or a percentage such as \"75%%\"");
    }
    out->steps = st;
    out->n_steps = in->n_steps;
    return sort_steps(b, out, st, in->n_steps, err);
}

static int check_target_id(ind_dataset_builder *b, const ind_target *t,
                           const char *id, const char *member, ind_error *err)
{
    if (ind_id_valid(id))
        return IND_OK;
    char q[IND_QUOTE_MAX];
    ind_quote(q, sizeof q, id, strlen(id));
    return fail_at(b, err, IND_EDATA, &t->origin, member,
                   "invalid %s id %s (expected lower-case letters, digits and "
                   "underscores in dot-separated parts, at most 64 bytes)",
                   member, q);
}

static int check_target(ind_dataset_builder *b, const ind_target *t, ind_error *err)
{
    if ((t->measure == NULL) == (t->series == NULL))
        return fail_at(b, err, IND_EDATA, &t->origin, NULL,
                       t->measure == NULL
                           ? "a target names the \"measure\" or the \"series\" it applies to"
                           : "a target names a \"measure\" or a \"series\", not both");
    int rc = t->measure != NULL ? check_target_id(b, t, t->measure, "measure", err)
                                : check_target_id(b, t, t->series, "series", err);
    if (rc != IND_OK)
        return rc;
    if (t->series != NULL && t->polarity == IND_TARGET_POLARITY_UNSET)
        return fail_at(b, err, IND_EDATA, &t->origin, NULL,
                       "the target on series %s needs a \"polarity\" "
                       "(higher_is_better, lower_is_better or closer_is_better): "
                       "no indicator says which way is better", t->series);
    if ((unsigned)t->polarity > IND_TARGET_CLOSER || (unsigned)t->scope > IND_SCOPE_PRO_RATA ||
        (unsigned)t->tolerance.form > IND_AMOUNT_POINTS)
        return fail_at(b, err, IND_EINVAL, &t->origin, NULL, "invalid polarity, scope or tolerance");
    if (t->tolerance.form != IND_AMOUNT_NONE && t->tolerance.value.digits < 0)
        return fail_at(b, err, IND_EDATA, &t->origin, "tolerance",
                       "the tolerance is negative");
    return IND_OK;
}

int ind_dataset_builder_target(ind_dataset_builder *b, const ind_target *t,
                               ind_error *err)
{
    if (b == NULL || t == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder or no target");
    if (b->failed)
        return replay(b, err);
    if (grow((void **)&b->targets, &b->cap_targets, b->n_targets + 1,
             sizeof *b->targets) != IND_OK)
        return no_memory(b, err);
    ind_target *out = &b->targets[b->n_targets];
    memset(out, 0, sizeof *out);
    if (copy_origin(b, &t->origin, &out->origin) != IND_OK)
        return no_memory(b, err);
    int rc = check_target(b, t, err);
    if (rc == IND_OK && b->n_targets >= b->limits.max_series)
        rc = fail_at(b, err, IND_ELIMIT, &out->origin, NULL,
                     "more than %zu targets in one area", b->limits.max_series);
    if (rc == IND_OK)
        rc = copy_member(b, t->measure, &out->measure, &out->origin, "measure", err);
    if (rc == IND_OK)
        rc = copy_member(b, t->series, &out->series, &out->origin, "series", err);
    if (rc == IND_OK)
        rc = copy_member(b, t->title, &out->title, &out->origin, "title", err);
    if (rc == IND_OK)
        rc = copy_member(b, t->source, &out->source, &out->origin, "source", err);
    if (rc == IND_OK)
        rc = copy_member(b, t->note, &out->note, &out->origin, "note", err);
    if (rc != IND_OK)
        return rc;
    out->polarity = t->polarity;
    out->scope = t->scope;
    out->tolerance = t->tolerance;
    if ((rc = copy_steps(b, t, out, err)) != IND_OK)
        return rc;
    b->n_targets++;
    return IND_OK;
}

static int check_project(ind_dataset_builder *b, const ind_milestone *p,
                         const ind_origin *o, ind_error *err)
{
    char q[IND_QUOTE_MAX];
    if (p->id == NULL)
        return fail_at(b, err, IND_EDATA, o, NULL, "a project needs an \"id\"");
    if (!ind_id_valid(p->id)) {
        ind_quote(q, sizeof q, p->id, strlen(p->id));
        return fail_at(b, err, IND_EDATA, o, "id",
                       "invalid project id %s (expected lower-case letters, "
                       "digits and underscores in dot-separated parts, at most "
                       "64 bytes)", q);
    }
    for (size_t i = 0; i < b->n_projects; i++) {
        if (strcmp(b->projects[i].id, p->id) != 0)
            continue;
        char other[LOC_MAX];
        loc_origin(&b->projects[i].origin, NULL, other, sizeof other);
        return fail_at(b, err, IND_EDATA, o, "id", "project %s is given twice (also at %s)",
                       p->id, other[0] != '\0' ? other : "an earlier project");
    }
    if (b->n_projects >= b->limits.max_series)
        return fail_at(b, err, IND_ELIMIT, o, NULL, "more than %zu projects in one area",
                       b->limits.max_series);
    return IND_OK;
}

int ind_dataset_builder_project(ind_dataset_builder *b, const ind_milestone *p,
                                ind_error *err)
{
    if (b == NULL || p == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder or no project");
    if (b->failed)
        return replay(b, err);
    if (grow((void **)&b->projects, &b->cap_projects, b->n_projects + 1,
             sizeof *b->projects) != IND_OK)
        return no_memory(b, err);
    ind_milestone *out = &b->projects[b->n_projects];
    *out = *p;
    if (copy_origin(b, &p->origin, &out->origin) != IND_OK)
        return no_memory(b, err);
    int rc = check_project(b, p, &out->origin, err);
    if (rc == IND_OK)
        rc = copy_member(b, p->id, &out->id, &out->origin, "id", err);
    if (rc == IND_OK)
        rc = copy_member(b, p->title, &out->title, &out->origin, "title", err);
    if (rc == IND_OK)
        rc = copy_member(b, p->source, &out->source, &out->origin, "source", err);
    if (rc == IND_OK)
        rc = copy_member(b, p->note, &out->note, &out->origin, "note", err);
    if (rc != IND_OK)
        return rc;
    if (out->slippage_days < 0)
        out->slippage_days = -1;
    b->n_projects++;
    return IND_OK;
}

int ind_dataset_builder_as_at(ind_dataset_builder *b, ind_date as_at,
                              ind_error *err)
{
    if (b == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder");
    if (b->failed)
        return replay(b, err);
    b->has_as_at = 1;
    b->as_at = as_at;
    return IND_OK;
}

int ind_dataset_builder_rules(ind_dataset_builder *b,
                              const ind_status_rules *rules, ind_error *err)
{
    if (b == NULL || rules == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder or no rules");
    if (b->failed)
        return replay(b, err);
    if (rules->tolerance.form != IND_AMOUNT_NONE &&
        (rules->tolerance.form != IND_AMOUNT_PERCENT || rules->tolerance.value.digits < 0))
        return fail_area(b, err, IND_EDATA, "status_rules.tolerance",
                         "the default tolerance is a percent of the target that is "
                         "not negative, such as \"10%%\"");
    b->rules = *rules;
    if (b->rules.slippage_days < 0)
        b->rules.slippage_days = -1;
    return IND_OK;
}

/* The finished series with this id (the series are sorted by now). */
static const ind_series *find_built(const ind_dataset_builder *b, const char *id)
{
    size_t lo = 0, hi = b->n_series;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->series[mid].id, id);
        if (c == 0)
            return &b->series[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Non-zero when targets a and b apply to the same thing. */
static int same_subject(const ind_target *a, const ind_target *b)
{
    if (a->measure != NULL && b->measure != NULL)
        return strcmp(a->measure, b->measure) == 0;
    if (a->series != NULL && b->series != NULL)
        return strcmp(a->series, b->series) == 0;
    return 0;
}

/* What only the whole dataset shows: series targets name series it has, and
** nothing has two targets. Quadratic in targets, which are few. */
static int check_targets(ind_dataset_builder *b, ind_error *err)
{
    for (size_t i = 0; i < b->n_targets; i++) {
        const ind_target *t = &b->targets[i];
        if (t->series != NULL && find_built(b, t->series) == NULL) {
            char qa[IND_QUOTE_MAX];
            ind_quote(qa, sizeof qa, b->area, strlen(b->area));
            return fail_at(b, err, IND_EDATA, &t->origin, "series",
                           "area %s has no series %s for this target", qa, t->series);
        }
        for (size_t j = 0; j < i; j++) {
            if (!same_subject(&b->targets[j], t))
                continue;
            char first[LOC_MAX];
            loc_origin(&b->targets[j].origin, NULL, first, sizeof first);
            return fail_at(b, err, IND_EDATA, &t->origin, NULL,
                           "a second target for %s %s (the first is at %s); give "
                           "targets that change by period as one target's \"schedule\"",
                           t->measure != NULL ? "measure" : "series",
                           t->measure != NULL ? t->measure : t->series,
                           first[0] != '\0' ? first : "an earlier target");
        }
    }
    return IND_OK;
}

/* Copies targets and projects at their exact size into the arena. */
static int hand_over_targets(ind_dataset_builder *b, ind_dataset *ds)
{
    ind_target *t = ind_arena_array(b->arena, b->n_targets + 1, sizeof *t);
    ind_milestone *p = ind_arena_array(b->arena, b->n_projects + 1, sizeof *p);
    if (t == NULL || p == NULL)
        return IND_ENOMEM;
    if (b->n_targets > 0)
        memcpy(t, b->targets, b->n_targets * sizeof *t);
    if (b->n_projects > 0)
        memcpy(p, b->projects, b->n_projects * sizeof *p);
    ds->n_targets = b->n_targets;
    ds->targets = t;
    ds->n_projects = b->n_projects;
    ds->projects = p;
    ds->has_as_at = b->has_as_at;
    ds->as_at = b->as_at;
    ds->rules = b->rules;
    return IND_OK;
}

/* ---- finishing ------------------------------------------------------------------ */

static int cmp_series(const void *pa, const void *pb)
{
    const ind_series *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

static int series_sorted(const ind_dataset_builder *b)
{
    for (size_t i = 1; i < b->n_series; i++) {
        if (strcmp(b->series[i - 1].id, b->series[i].id) > 0)
            return 0;
    }
    return 1;
}

static int assemble(ind_dataset_builder *b, ind_dataset **out, ind_error *err)
{
    char loc[LOC_MAX];
    if (!b->has_area) {
        loc_area(b, "area", loc, sizeof loc);
        return fail(b, err, IND_EDATA, loc, "no area name");
    }
    if (b->n_series == 0) {
        char qa[IND_QUOTE_MAX];
        ind_quote(qa, sizeof qa, b->area, strlen(b->area));
        loc_area(b, "series", loc, sizeof loc);
        return fail(b, err, IND_EDATA, loc, "area %s has no series", qa);
    }
    if (!series_sorted(b))
        qsort(b->series, b->n_series, sizeof *b->series, cmp_series);
    int rc = check_targets(b, err);
    if (rc != IND_OK)
        return rc;
    ind_series *s = ind_arena_array(b->arena, b->n_series, sizeof *s);
    ind_dataset *ds = ind_arena_alloc(b->arena, sizeof *ds);
    if (s == NULL || ds == NULL || hand_over_targets(b, ds) != IND_OK)
        return no_memory(b, err);
    memcpy(s, b->series, b->n_series * sizeof *s);
    ds->area = b->area;
    ds->code = b->code;
    ds->source = b->source;
    ds->is_aggregate = b->is_aggregate;
    ds->n_series = b->n_series;
    ds->series = s;
    ds->file = b->file;
    ds->arena = b->arena;
    b->arena = NULL; /* handed over with the dataset */
    *out = ds;
    return IND_OK;
}

int ind_dataset_builder_take(ind_dataset_builder *b, ind_dataset **out,
                             ind_error *err)
{
    if (out != NULL)
        *out = NULL;
    if (b == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "no dataset builder or no output");
    int rc = b->failed ? replay(b, err) : end_series(b, err);
    if (rc == IND_OK)
        rc = assemble(b, out, err);
    if (rc == IND_OK) {
        /* Until the next restart every call is refused: the arena is gone. */
        static const char gone[] = "the dataset was handed over: restart the builder";
        b->failed = b->error.code = IND_EINVAL;
        memcpy(b->error.message, gone, sizeof gone);
        b->handed = 1;
    }
    return rc;
}

int ind_dataset_builder_finish(ind_dataset_builder *b, ind_dataset **out,
                               ind_error *err)
{
    int rc = ind_dataset_builder_take(b, out, err);
    ind_dataset_builder_free(b);
    return rc;
}

void ind_dataset_builder_free(ind_dataset_builder *b)
{
    if (b == NULL)
        return;
    free(b->series);
    free(b->label);
    free(b->value);
    free(b->flags);
    free(b->position);
    free(b->brk);
    free(b->keys);
    free(b->bkeys);
    free(b->targets);
    free(b->projects);
    table_free(&b->labels);
    table_free(&b->ids);
    ind_arena_free(b->arena);
    ind_arena_free(b->keep);
    free(b->file_name);
    free(b);
}

/* ---- finished datasets -------------------------------------------------------- */

void ind_dataset_free(ind_dataset *ds)
{
    if (ds != NULL)
        ind_arena_free(ds->arena); /* ds itself lives in its arena */
}

const ind_series *ind_dataset_find(const ind_dataset *ds, const char *id)
{
    if (ds == NULL || id == NULL)
        return NULL;
    size_t lo = 0, hi = ds->n_series;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ds->series[mid].id, id);
        if (c == 0)
            return &ds->series[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
