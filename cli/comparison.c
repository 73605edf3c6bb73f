/*
** comparison.c: collecting observations across areas and writing their
** comparison (see comparison.h).
**
** Strings (areas, measures, period labels, groups) are interned once in
** hash tables over one arena; an observation is then three indices, an
** ordinal and three numbers. Comparing sorts the observations by measure,
** period and area, and hands each run of one measure and period to
** ind_compare with arrays grown once to the largest run.
*/
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <sqlite3.h>

#include "comparison.h"
#include "csvw.h"
#include "indicate/compare.h"
#include "jsonw.h"
#include "rowsource.h"
#include "store.h"

#define SCOTLAND_CODE "S92000003"
#define NO_GROUP UINT32_MAX

/* ---- interned strings ---------------------------------------------------------- */

typedef struct strtab {
    const char **str;    /* [n] by id */
    uint32_t *slot;      /* [cap] id + 1, 0 for empty */
    size_t n, cap_ids, cap;
} strtab;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

static int strtab_grow(strtab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (slot == NULL)
        return -1;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = hash_str(t->str[id]) & (cap - 1);
        while (slot[i] != 0)
            i = (i + 1) & (cap - 1);
        slot[i] = (uint32_t)id + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->cap = cap;
    return 0;
}

/* The id of s, adding a copy (from arena) when new; *added says which. -1
** when out of memory. */
static long strtab_intern(strtab *t, ind_arena *arena, const char *s, int *added)
{
    if (added != NULL)
        *added = 0;
    if ((t->n + 1) * 2 > t->cap && strtab_grow(t) != 0)
        return -1;
    size_t i = hash_str(s) & (t->cap - 1);
    for (; t->slot[i] != 0; i = (i + 1) & (t->cap - 1))
        if (strcmp(t->str[t->slot[i] - 1], s) == 0)
            return (long)t->slot[i] - 1;
    if (t->n == t->cap_ids) {
        size_t cap = t->cap_ids ? t->cap_ids * 2 : 64;
        const char **grown = realloc(t->str, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        t->str = grown;
        t->cap_ids = cap;
    }
    char *copy = ind_arena_strdup(arena, s);
    if (copy == NULL)
        return -1;
    t->str[t->n] = copy;
    t->slot[i] = (uint32_t)t->n + 1;
    if (added != NULL)
        *added = 1;
    return (long)t->n++;
}

static void strtab_free(strtab *t)
{
    free(t->str);
    free(t->slot);
}

/* ---- the collection ------------------------------------------------------------ */

typedef struct area_info {
    const char *code;
    uint32_t group;      /* NO_GROUP or an index into groups */
    int aggregate;
} area_info;

typedef struct measure_info {
    const char *indicator;
    ind_measure_kind kind;
    int polarity;
    double multiplier;
    ind_period_kind period_kind;
} measure_info;

typedef struct obs {
    uint32_t measure, area, label;
    int32_t ordinal;
    double value, numerator, denominator;
} obs;

struct comparison {
    ind_arena *arena;
    strtab areas, measures, labels, groups;
    area_info *area;       /* [areas.n] */
    measure_info *measure; /* [measures.n] */
    size_t cap_area, cap_measure;
    obs *obs;
    size_t n_obs, cap_obs;
    const char *const *select;
    size_t n_select;
};

comparison *comparison_new(void)
{
    comparison *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->arena = ind_arena_new(0);
    if (c->arena == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

void comparison_free(comparison *c)
{
    if (c == NULL)
        return;
    strtab_free(&c->areas);
    strtab_free(&c->measures);
    strtab_free(&c->labels);
    strtab_free(&c->groups);
    free(c->area);
    free(c->measure);
    free(c->obs);
    ind_arena_free(c->arena);
    free(c);
}

size_t comparison_size(const comparison *c)
{
    return c->n_obs;
}

void comparison_select(comparison *c, const char *const *indicators, size_t n)
{
    c->select = n > 0 ? indicators : NULL;
    c->n_select = n;
}

static int oom(void)
{
    cli_error("out of memory");
    return EXIT_INTERNAL;
}

static int grow(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * size);
    if (p == NULL)
        return -1;
    memset((char *)p + *cap * size, 0, (ncap - *cap) * size);
    *arr = p;
    *cap = ncap;
    return 0;
}

/* The area's index, creating it (no group, not an aggregate) when new. */
static long area_index(comparison *c, const char *name)
{
    int added;
    long id = strtab_intern(&c->areas, c->arena, name, &added);
    if (id < 0 || grow((void **)&c->area, &c->cap_area, (size_t)id + 1, sizeof *c->area) != 0)
        return -1;
    if (added)
        c->area[id].group = NO_GROUP;
    return id;
}

int comparison_mark_aggregate(comparison *c, const char *area)
{
    long id = area_index(c, area);
    if (id < 0)
        return oom();
    c->area[id].aggregate = 1;
    return EXIT_OK_;
}

static ind_measure_kind kind_from_name(const char *s)
{
    static const char *const names[] = { "count", "proportion", "rate", "ratio" };
    for (int i = 0; s != NULL && i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return (ind_measure_kind)(IND_MEASURE_COUNT + i);
    return (ind_measure_kind)0;
}

static int selected(const comparison *c, const char *indicator)
{
    if (c->select == NULL)
        return 1;
    for (size_t i = 0; i < c->n_select; i++)
        if (indicator != NULL && strcmp(c->select[i], indicator) == 0)
            return 1;
    return 0;
}

/* The measure's index; its description is taken from its first row and
** must agree in every later one. */
static int measure_index(comparison *c, const row *r, const char *where, long *out)
{
    int added;
    long id = strtab_intern(&c->measures, c->arena, r->measure, &added);
    if (id < 0 || grow((void **)&c->measure, &c->cap_measure, (size_t)id + 1,
                       sizeof *c->measure) != 0)
        return oom();
    measure_info *m = &c->measure[id];
    ind_measure_kind kind = kind_from_name(r->kind);
    if (added) {
        m->indicator = r->indicator != NULL ? ind_arena_strdup(c->arena, r->indicator) : NULL;
        m->kind = kind;
        m->polarity = r->polarity;
        m->multiplier = isnan(r->multiplier) ? 1 : r->multiplier;
        m->period_kind = r->period_type != NULL ? ind_period_kind_from_name(r->period_type)
                                                : IND_PERIOD_NONE;
        if (kind == 0) {
            cli_error("%s: measure %s: unknown kind \"%s\"", where, r->measure,
                      r->kind != NULL ? r->kind : "");
            return EXIT_DATA;
        }
    } else if (m->kind != kind) {
        cli_error("%s: measure %s is a %s here but a %s in an earlier area", where,
                  r->measure, r->kind != NULL ? r->kind : "?",
                  ind_measure_kind_name(m->kind));
        return EXIT_DATA;
    }
    *out = id;
    return EXIT_OK_;
}

int comparison_add(comparison *c, const row *r, const char *where)
{
    if (r->row == NULL || strcmp(r->row, "observed") != 0 || !selected(c, r->indicator))
        return EXIT_OK_;
    if (r->area == NULL || r->measure == NULL || r->period == NULL) {
        cli_error("%s: a result row without its area, measure or period", where);
        return EXIT_DATA;
    }
    long m;
    int rc = measure_index(c, r, where, &m);
    if (rc != EXIT_OK_)
        return rc;
    long a = area_index(c, r->area);
    long l = strtab_intern(&c->labels, c->arena, r->period, NULL);
    if (a < 0 || l < 0 || grow((void **)&c->obs, &c->cap_obs, c->n_obs + 1, sizeof *c->obs) != 0)
        return oom();
    area_info *ai = &c->area[a];
    if (ai->code == NULL && r->code != NULL)
        ai->code = ind_arena_strdup(c->arena, r->code);
    ai->aggregate |= r->aggregate || (r->code != NULL && strcmp(r->code, SCOTLAND_CODE) == 0);

    ind_period p;
    ind_error err = { 0 };
    if (ind_period_parse(r->period, c->measure[m].period_kind, &p, &err) != IND_OK) {
        cli_error("%s: measure %s: %s", where, r->measure, err.message);
        return EXIT_DATA;
    }
    obs *o = &c->obs[c->n_obs++];
    o->measure = (uint32_t)m;
    o->area = (uint32_t)a;
    o->label = (uint32_t)l;
    o->ordinal = p.ordinal;
    o->value = r->value;
    o->numerator = r->numerator;
    o->denominator = r->denominator;
    return EXIT_OK_;
}

/* ---- the area-attributes file --------------------------------------------------- */

enum { COL_AREA, COL_GROUP, COL_AGGREGATE, COL_CODE, N_COLS };

typedef struct attr_reader {
    comparison *c;
    const char *path;
    long line;
    int col_of[64];       /* file column -> COL_*, or -1 */
    int has[N_COLS];
    size_t field;
    char *value[N_COLS];
    int rc;
} attr_reader;

static int truth(const char *s, int *out)
{
    static const char *const yes[] = { "true", "yes", "1", "y" };
    static const char *const no[] = { "false", "no", "0", "n", "" };
    for (size_t i = 0; i < 4; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return *out = 1, 0;
    for (size_t i = 0; i < 5; i++)
        if (strcasecmp(s, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

static void attr_header(attr_reader *ar, const char *name)
{
    static const char *const names[N_COLS] = { "area", "family_group", "aggregate", "code" };
    if (ar->field >= 64) {
        cli_error("%s:1: more than 64 columns", ar->path);
        ar->rc = EXIT_DATA;
        return;
    }
    ar->col_of[ar->field] = -1;
    for (int k = 0; k < N_COLS; k++)
        if (strcmp(name, names[k]) == 0) {
            if (ar->has[k]) {
                cli_error("%s:1: column %s given twice", ar->path, name);
                ar->rc = EXIT_DATA;
            }
            ar->col_of[ar->field] = k;
            ar->has[k] = 1;
        }
    if (ar->col_of[ar->field] < 0) {
        cli_error("%s:1: unknown column \"%s\" (area, family_group, aggregate, code)",
                  ar->path, name);
        ar->rc = EXIT_DATA;
    }
}

static void attr_field(void *data, size_t len, void *arg)
{
    attr_reader *ar = arg;
    if (ar->rc != EXIT_OK_)
        return;
    char *s = ind_arena_strndup(ar->c->arena, data != NULL ? data : "", len);
    if (s == NULL) {
        ar->rc = oom();
        return;
    }
    if (ar->line == 1) {
        attr_header(ar, s);
    } else if (ar->field < 64 && ar->col_of[ar->field] >= 0) {
        ar->value[ar->col_of[ar->field]] = s;
    }
    ar->field++;
}

static int attr_apply(attr_reader *ar)
{
    comparison *c = ar->c;
    const char *name = ar->value[COL_AREA];
    if (name == NULL || name[0] == '\0') {
        cli_error("%s:%ld: no area name", ar->path, ar->line);
        return EXIT_DATA;
    }
    long id = area_index(c, name);
    if (id < 0)
        return oom();
    area_info *ai = &c->area[id];
    const char *group = ar->value[COL_GROUP];
    if (group != NULL && group[0] != '\0') {
        long g = strtab_intern(&c->groups, c->arena, group, NULL);
        if (g < 0)
            return oom();
        ai->group = (uint32_t)g;
    }
    int agg = 0;
    const char *a = ar->value[COL_AGGREGATE];
    if (a != NULL && truth(a, &agg) != 0) {
        cli_error("%s:%ld: aggregate \"%s\" is not true or false", ar->path, ar->line, a);
        return EXIT_DATA;
    }
    ai->aggregate |= agg;
    if (ar->value[COL_CODE] != NULL && ar->value[COL_CODE][0] != '\0') {
        ai->code = ar->value[COL_CODE];
        ai->aggregate |= strcmp(ai->code, SCOTLAND_CODE) == 0;
    }
    return EXIT_OK_;
}

static void attr_record(int term, void *arg)
{
    (void)term;
    attr_reader *ar = arg;
    if (ar->rc == EXIT_OK_ && ar->line == 1 && !ar->has[COL_AREA]) {
        cli_error("%s:1: no \"area\" column", ar->path);
        ar->rc = EXIT_DATA;
    }
    if (ar->rc == EXIT_OK_ && ar->line > 1)
        ar->rc = attr_apply(ar);
    ar->line++;
    ar->field = 0;
    memset(ar->value, 0, sizeof ar->value);
}

int comparison_load_areas(comparison *c, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        cli_error("%s: cannot open: %s", path, strerror(errno));
        return EXIT_IO;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        fclose(fp);
        return oom();
    }
    attr_reader ar = { .c = c, .path = path, .line = 1, .rc = EXIT_OK_ };
    char buf[65536];
    size_t n;
    while (ar.rc == EXIT_OK_ && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, attr_field, attr_record, &ar) != n) {
            cli_error("%s:%ld: malformed CSV: %s", path, ar.line,
                      csv_strerror(csv_error(&p)));
            ar.rc = EXIT_PARSE;
        }
    if (ar.rc == EXIT_OK_ && ferror(fp)) {
        cli_error("%s: cannot read: %s", path, strerror(errno));
        ar.rc = EXIT_IO;
    }
    if (ar.rc == EXIT_OK_ && csv_fini(&p, attr_field, attr_record, &ar) != 0) {
        cli_error("%s:%ld: malformed CSV: %s", path, ar.line, csv_strerror(csv_error(&p)));
        ar.rc = EXIT_PARSE;
    }
    csv_free(&p);
    fclose(fp);
    return ar.rc;
}

/* ---- result files ------------------------------------------------------------------ */

typedef struct add_ctx {
    comparison *c;
    const char *where;
} add_ctx;

static int add_row(void *arg, const row *r)
{
    add_ctx *a = arg;
    return comparison_add(a->c, r, a->where);
}

int comparison_add_store(comparison *c, sqlite3 *db, const char *path)
{
    add_ctx a = { c, path };
    return rowsource_read_store(db, path, 1, add_row, &a);
}

int comparison_add_file(comparison *c, const char *path)
{
    rowsource_kind kind;
    int rc = rowsource_detect(path, &kind);
    if (rc != EXIT_OK_)
        return rc;
    if (kind == ROWSOURCE_CSV) {
        cli_error("%s: CSV results do not say which way each measure is good or what its "
                  "multiplier is; compare the JSON Lines of `indicate batch` or a results "
                  "store instead", path);
        return EXIT_DATA;
    }
    add_ctx a = { c, path };
    return rowsource_read(path, add_row, &a);
}

/* ---- comparing ---------------------------------------------------------------------- */

/* Sorting needs the measure names: a file-scope pointer would be global
** state, so the sort key carries a rank of the measure by name instead. */
typedef struct sort_key {
    uint32_t measure_rank;
    int32_t ordinal;
    uint32_t area;
    uint32_t index;
} sort_key;

static int by_sort_key(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->measure_rank != y->measure_rank)
        return x->measure_rank < y->measure_rank ? -1 : 1;
    if (x->ordinal != y->ordinal)
        return x->ordinal < y->ordinal ? -1 : 1;
    if (x->area != y->area)
        return x->area < y->area ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

typedef struct name_rank {
    const char *name;
    uint32_t id;
} name_rank;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const name_rank *)a)->name, ((const name_rank *)b)->name);
}

/* What a writer receives for one area of one measure and period. */
typedef struct cmp_row {
    const char *measure, *indicator, *period, *area, *code, *group;
    int aggregate;
    const obs *o;
    const ind_compare_output *out;
    const ind_compare_summary *sum;
} cmp_row;

typedef int (*cmp_sink)(void *ctx, const cmp_row *r);

/* The measure ranks by name, so output is ordered by measure id. */
static uint32_t *measure_ranks(const comparison *c)
{
    size_t n = c->measures.n;
    name_rank *names = malloc((n + 1) * sizeof *names);
    uint32_t *rank = malloc((n + 1) * sizeof *rank);
    if (names == NULL || rank == NULL) {
        free(names);
        free(rank);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        names[i].name = c->measures.str[i];
        names[i].id = (uint32_t)i;
    }
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++)
        rank[names[i].id] = (uint32_t)i;
    free(names);
    return rank;
}

static sort_key *sorted_keys(const comparison *c)
{
    uint32_t *rank = measure_ranks(c);
    sort_key *keys = malloc((c->n_obs + 1) * sizeof *keys);
    if (rank == NULL || keys == NULL) {
        free(rank);
        free(keys);
        return NULL;
    }
    for (size_t i = 0; i < c->n_obs; i++) {
        keys[i].measure_rank = rank[c->obs[i].measure];
        keys[i].ordinal = c->obs[i].ordinal;
        keys[i].area = c->obs[i].area;
        keys[i].index = (uint32_t)i;
    }
    qsort(keys, c->n_obs, sizeof *keys, by_sort_key);
    free(rank);
    return keys;
}

/* Arrays for one run of a measure and period, grown to the largest run. */
typedef struct work {
    ind_compare_input *in;
    ind_compare_output *out;
    size_t cap_in, cap_out;
} work;

static int compare_run(comparison *c, const sort_key *keys, size_t from, size_t to,
                       work *w, cmp_sink sink, void *ctx)
{
    size_t n = to - from;
    if (grow((void **)&w->in, &w->cap_in, n, sizeof *w->in) != 0 ||
        grow((void **)&w->out, &w->cap_out, n, sizeof *w->out) != 0)
        return oom();
    const obs *first = &c->obs[keys[from].index];
    const measure_info *m = &c->measure[first->measure];
    for (size_t k = 0; k < n; k++) {
        const obs *o = &c->obs[keys[from + k].index];
        const area_info *a = &c->area[o->area];
        if (k > 0 && keys[from + k].area == keys[from + k - 1].area) {
            cli_error("area \"%s\" appears twice for %s in %s", c->areas.str[o->area],
                      c->measures.str[o->measure], c->labels.str[o->label]);
            return EXIT_DATA;
        }
        w->in[k] = (ind_compare_input){ o->value, o->numerator, o->denominator,
                                        a->aggregate,
                                        a->group == NO_GROUP ? -1 : (long)a->group };
    }
    ind_compare_spec spec = { m->kind, m->polarity, m->multiplier };
    ind_compare_summary sum;
    ind_error err = { 0 };
    if (ind_compare(&spec, w->in, n, c->groups.n, w->out, &sum, &err) != IND_OK)
        return cli_fail(&err);
    for (size_t k = 0; k < n; k++) {
        const obs *o = &c->obs[keys[from + k].index];
        const area_info *a = &c->area[o->area];
        cmp_row r = {
            .measure = c->measures.str[o->measure], .indicator = m->indicator,
            .period = c->labels.str[first->label], .area = c->areas.str[o->area],
            .code = a->code, .group = a->group == NO_GROUP ? NULL : c->groups.str[a->group],
            .aggregate = a->aggregate, .o = o, .out = &w->out[k], .sum = &sum,
        };
        int rc = sink(ctx, &r);
        if (rc != EXIT_OK_)
            return rc;
    }
    return EXIT_OK_;
}

static int compare_all(comparison *c, cmp_sink sink, void *ctx)
{
    sort_key *keys = sorted_keys(c);
    if (keys == NULL)
        return oom();
    work w = { 0 };
    int rc = EXIT_OK_;
    for (size_t from = 0; rc == EXIT_OK_ && from < c->n_obs;) {
        size_t to = from + 1;
        while (to < c->n_obs && keys[to].measure_rank == keys[from].measure_rank &&
               keys[to].ordinal == keys[from].ordinal)
            to++;
        rc = compare_run(c, keys, from, to, &w, sink, ctx);
        from = to;
    }
    free(w.in);
    free(w.out);
    free(keys);
    return rc;
}

/* ---- writers -------------------------------------------------------------------------- */

static const char *const columns[] = {
    "measure", "indicator", "period", "area", "code", "family_group", "aggregate",
    "value", "numerator", "denominator", "rank", "ranked", "quartile",
    "family_group_mean", "family_group_n", "pooled", "pooled_numerator",
    "pooled_denominator", "pooled_areas", "lower_95", "upper_95", "lower_998",
    "upper_998", "funnel",
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

static void csv_count(FILE *fp, size_t x, int present)
{
    if (present)
        fprintf(fp, "%zu", x);
    fputc(',', fp);
}

static int csv_sink(void *ctx, const cmp_row *r)
{
    FILE *fp = ctx;
    const ind_compare_output *o = r->out;
    csvw_text(fp, r->measure, 0);
    csvw_text(fp, r->indicator, 0);
    csvw_text(fp, r->period, 0);
    csvw_text(fp, r->area, 0);
    csvw_text(fp, r->code, 0);
    csvw_text(fp, r->group, 0);
    csvw_text(fp, r->aggregate ? "true" : "false", 0);
    csvw_number(fp, r->o->value, 0);
    csvw_number(fp, r->o->numerator, 0);
    csvw_number(fp, r->o->denominator, 0);
    csv_count(fp, o->rank, o->rank > 0);
    csv_count(fp, r->sum->ranked, 1);
    csv_count(fp, (size_t)o->quartile, o->quartile > 0);
    csvw_number(fp, o->group_mean, 0);
    csv_count(fp, o->group_n, r->group != NULL);
    csvw_number(fp, r->sum->pooled, 0);
    csvw_number(fp, r->sum->pooled_numerator, 0);
    csvw_number(fp, r->sum->pooled_denominator, 0);
    csv_count(fp, r->sum->pooled_areas, 1);
    csvw_number(fp, o->lower95, 0);
    csvw_number(fp, o->upper95, 0);
    csvw_number(fp, o->lower998, 0);
    csvw_number(fp, o->upper998, 0);
    csvw_text(fp, ind_funnel_position_name(o->funnel), 1);
    return ferror(fp) ? EXIT_IO : EXIT_OK_;
}

static void jw_kcount(jsonw *w, const char *key, size_t x, int present)
{
    if (present)
        jw_kint(w, key, (long long)x);
    else {
        jw_key(w, key);
        jw_null(w);
    }
}

static int jsonl_sink(void *ctx, const cmp_row *r)
{
    FILE *fp = ctx;
    const ind_compare_output *o = r->out;
    jsonw w;
    jw_init(&w, fp, 0);
    jw_object(&w);
    jw_kstring(&w, "measure", r->measure);
    jw_kstring(&w, "indicator", r->indicator);
    jw_kstring(&w, "period", r->period);
    jw_kstring(&w, "area", r->area);
    jw_kstring(&w, "code", r->code);
    jw_kstring(&w, "family_group", r->group);
    jw_kbool(&w, "aggregate", r->aggregate);
    jw_knumber(&w, "value", r->o->value);
    jw_knumber(&w, "numerator", r->o->numerator);
    jw_knumber(&w, "denominator", r->o->denominator);
    jw_kcount(&w, "rank", o->rank, o->rank > 0);
    jw_kcount(&w, "ranked", r->sum->ranked, 1);
    jw_kcount(&w, "quartile", (size_t)o->quartile, o->quartile > 0);
    jw_knumber(&w, "family_group_mean", o->group_mean);
    jw_kcount(&w, "family_group_n", o->group_n, r->group != NULL);
    jw_knumber(&w, "pooled", r->sum->pooled);
    jw_knumber(&w, "pooled_numerator", r->sum->pooled_numerator);
    jw_knumber(&w, "pooled_denominator", r->sum->pooled_denominator);
    jw_kcount(&w, "pooled_areas", r->sum->pooled_areas, 1);
    jw_knumber(&w, "lower_95", o->lower95);
    jw_knumber(&w, "upper_95", o->upper95);
    jw_knumber(&w, "lower_998", o->lower998);
    jw_knumber(&w, "upper_998", o->upper998);
    const char *f = ind_funnel_position_name(o->funnel);
    jw_kstring(&w, "funnel", f[0] != '\0' ? f : NULL);
    jw_end_object(&w);
    jw_finish(&w);
    return ferror(fp) ? EXIT_IO : EXIT_OK_;
}

int comparison_write(comparison *c, FILE *fp, comparison_format f)
{
    if (f == COMPARISON_CSV)
        for (size_t i = 0; i < N_COLUMNS; i++)
            csvw_text(fp, columns[i], i + 1 == N_COLUMNS);
    return compare_all(c, f == COMPARISON_CSV ? csv_sink : jsonl_sink, fp);
}

/* ---- the store's table ------------------------------------------------------------------ */

typedef struct store_sink_ctx {
    sqlite3 *db;
    sqlite3_stmt *insert;
    const char *path;
} store_sink_ctx;

static void bind_num(sqlite3_stmt *q, int i, double x)
{
    if (isfinite(x))
        sqlite3_bind_double(q, i, x);
    else
        sqlite3_bind_null(q, i);
}

static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
    if (s == NULL || s[0] == '\0')
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
}

static void bind_count(sqlite3_stmt *q, int i, size_t x, int present)
{
    if (present)
        sqlite3_bind_int64(q, i, (sqlite3_int64)x);
    else
        sqlite3_bind_null(q, i);
}

static int store_sink(void *arg, const cmp_row *r)
{
    store_sink_ctx *s = arg;
    sqlite3_stmt *q = s->insert;
    const ind_compare_output *o = r->out;
    int i = 1;
    bind_str(q, i++, r->measure);
    bind_str(q, i++, r->indicator);
    bind_str(q, i++, r->period);
    bind_str(q, i++, r->area);
    bind_str(q, i++, r->code);
    bind_str(q, i++, r->group);
    sqlite3_bind_int(q, i++, r->aggregate);
    bind_num(q, i++, r->o->value);
    bind_num(q, i++, r->o->numerator);
    bind_num(q, i++, r->o->denominator);
    bind_count(q, i++, o->rank, o->rank > 0);
    bind_count(q, i++, r->sum->ranked, 1);
    bind_count(q, i++, (size_t)o->quartile, o->quartile > 0);
    bind_num(q, i++, o->group_mean);
    bind_count(q, i++, o->group_n, r->group != NULL);
    bind_num(q, i++, r->sum->pooled);
    bind_num(q, i++, r->sum->pooled_numerator);
    bind_num(q, i++, r->sum->pooled_denominator);
    bind_count(q, i++, r->sum->pooled_areas, 1);
    bind_num(q, i++, o->lower95);
    bind_num(q, i++, o->upper95);
    bind_num(q, i++, o->lower998);
    bind_num(q, i++, o->upper998);
    bind_str(q, i++, ind_funnel_position_name(o->funnel));
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc == SQLITE_DONE)
        return EXIT_OK_;
    cli_error("%s: cannot write a comparison: %s", s->path, sqlite3_errmsg(s->db));
    return EXIT_IO;
}

int comparison_write_store(comparison *c, sqlite3 *db, const char *path)
{
    static const char create[] =
        "DROP TABLE IF EXISTS comparisons;"
        "CREATE TABLE comparisons("
        " measure TEXT NOT NULL, indicator TEXT, period TEXT NOT NULL, area TEXT NOT NULL,"
        " code TEXT, family_group TEXT, aggregate INTEGER NOT NULL,"
        " value REAL, numerator REAL, denominator REAL,"
        " rank INTEGER, ranked INTEGER, quartile INTEGER,"
        " family_group_mean REAL, family_group_n INTEGER,"
        " pooled REAL, pooled_numerator REAL, pooled_denominator REAL, pooled_areas INTEGER,"
        " lower_95 REAL, upper_95 REAL, lower_998 REAL, upper_998 REAL, funnel TEXT,"
        " PRIMARY KEY(measure, period, area)) WITHOUT ROWID;";
    char *msg = NULL;
    store_sink_ctx s = { .db = db, .path = path };
    if (sqlite3_exec(db, create, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO comparisons VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                               " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
                               " ?20, ?21, ?22, ?23, ?24)", -1, &s.insert, NULL) != SQLITE_OK) {
        cli_error("%s: cannot write the comparisons: %s", path,
                  msg != NULL ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return EXIT_IO;
    }
    int rc = compare_all(c, store_sink, &s);
    sqlite3_finalize(s.insert);
    return rc;
}
