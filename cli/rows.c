/*
** rows.c: flattening results, computed or read back from JSON, into rows.
**
** A computed row's target status is judged here, with the default rules,
** exactly as the writers of `indicate run` judge it (write_status_of), so
** that the store, the JSON Lines and the CSV of a batch say the same.
*/
#include <math.h>
#include <string.h>

#include "rows.h"

int rows_polarity_from_name(const char *name)
{
    if (name == NULL)
        return 0;
    if (strcmp(name, "higher_is_better") == 0)
        return 1;
    if (strcmp(name, "lower_is_better") == 0)
        return -1;
    return 0;
}

static void flags_text(unsigned flags, char *buf, size_t size)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { IND_POINT_MISSING, "missing" },       { IND_POINT_GAP, "gap" },
        { IND_POINT_SUPPRESSED, "suppressed" }, { IND_POINT_PROVISIONAL, "provisional" },
        { IND_POINT_BREAK, "break" },
    };
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].bit))
            continue;
        int n = snprintf(buf + len, size - len, "%s%s", len > 0 ? ";" : "", names[i].name);
        if (n < 0 || (size_t)n >= size - len)
            return;
        len += (size_t)n;
    }
}

static const char *change_status_name(ind_change_status s)
{
    switch (s) {
    case IND_CHANGE_OK: return "ok";
    case IND_CHANGE_UNDEFINED: return "undefined";
    default: return "missing";
    }
}

/* ---- target statuses ------------------------------------------------------ */

/* IMPROVe's words, whatever the default vocabulary becomes: what rows hold
** must not change with a setting. */
static const ind_vocab *row_vocab(void)
{
    const ind_vocab *v = ind_vocab_find("improve");
    return v != NULL ? v : ind_vocab_default();
}

const char *rows_status_word(ind_level level)
{
    return ind_vocab_word(row_vocab(), level);
}

const char *rows_status_canonical(const char *text)
{
    if (text == NULL || text[0] == '\0')
        return NULL;
    for (int level = 0; level < IND_LEVEL_COUNT; level++) {
        if (strcmp(text, ind_level_name((ind_level)level)) == 0)
            return rows_status_word((ind_level)level);
        for (size_t v = 0; v < ind_vocab_count(); v++)
            if (strcmp(text, ind_vocab_word(ind_vocab_at(v), (ind_level)level)) == 0)
                return rows_status_word((ind_level)level);
    }
    return text;
}

/* The status of period t against the area's target for m, as `indicate
** run` writes it: NULL when the dataset sets no target for m. A target the
** measure cannot take (a bare number for a proportion) gives NULL too; the
** batch refuses such an area before its rows are made. */
static const char *target_status(const ind_dataset *ds, const ind_measure *m, size_t t)
{
    if (ds == NULL || ds->n_targets == 0)
        return NULL;
    ind_status st;
    if (ind_scorecard_measure_status(ds, m, t, NULL, &st, NULL) != IND_OK || st.target == NULL)
        return NULL;
    return rows_status_word(st.level);
}

/* ---- from a computed result ---------------------------------------------- */

static void identity(row *rw, const ind_result *res, int aggregate,
                     const ind_indicator_result *ir, const ind_measure *m)
{
    memset(rw, 0, sizeof *rw);
    rw->area = res->area;
    rw->code = res->code;
    rw->aggregate = aggregate;
    rw->indicator = ir->entry->indicator->id;
    rw->plugin = ir->plugin_name;
    rw->plugin_version = ir->plugin_version;
    rw->measure = m->id;
    rw->kind = ind_measure_kind_name(m->kind);
    rw->unit = m->unit;
    rw->polarity = m->polarity;
    rw->multiplier = m->multiplier;
    rw->period_type = ind_period_kind_name(m->period_kind);
}

static void observed(row *rw, const ind_measure *m, size_t t, char *display,
                     int decimals, const ind_dataset *targets)
{
    const ind_point *p = &m->point[t];
    const ind_change *c = ind_measure_change(m, t, 1);
    const ind_significance *sig = ind_measure_significance(m, t, 1);
    rw->period = m->label[t];
    rw->row = "observed";
    rw->value = p->value;
    rw->numerator = p->numerator;
    rw->denominator = p->denominator;
    rw->lower = p->lower;
    rw->upper = p->upper;
    rw->change = c != NULL ? c->absolute : NAN;
    rw->change_percent = c != NULL ? c->percent : NAN;
    rw->change_status = c != NULL ? change_status_name(c->status) : "missing";
    rw->significance = sig != NULL ? ind_verdict_name(sig->verdict) : NULL;
    rw->significance_p = sig != NULL ? sig->p : NAN;
    flags_text(p->flags | (isnan(p->value) ? IND_POINT_MISSING : 0), rw->flags,
               sizeof rw->flags);
    display[0] = '\0';
    if (decimals >= 0 && !isnan(p->value))
        ind_present_value(m, t, decimals, display, IND_PRESENT_MAX);
    rw->display = decimals >= 0 ? display : NULL;
    rw->status = target_status(targets, m, t);
}

static void no_change(row *rw)
{
    rw->numerator = rw->denominator = NAN;
    rw->change = rw->change_percent = NAN;
    rw->change_status = NULL;
    rw->significance = NULL;
    rw->significance_p = NAN;
    rw->status = NULL;
}

/* Period h of the measure's projection (its method's). */
static void projection(row *rw, const ind_measure *m, size_t h, char *display, int decimals)
{
    const ind_measure_projection *mp = &m->projection;
    rw->period = mp->label[h];
    rw->row = "projection";
    rw->method = ind_projection_method_name(mp->fit.method);
    rw->value = mp->value[h];
    rw->lower = mp->lower[h];
    rw->upper = mp->upper[h];
    no_change(rw);
    snprintf(rw->flags, sizeof rw->flags, "%s", mp->clamped[h] ? "clamped" : "");
    if (decimals >= 0)
        ind_present_number(m, mp->value[h], decimals, display, IND_PRESENT_MAX);
    rw->display = decimals >= 0 ? display : NULL;
}

/* The straight-line trend's projection of the next period. */
static void trend(row *rw, const ind_measure *m, char *display, int decimals)
{
    const ind_trend_line *tl = &m->trend;
    rw->period = tl->next_label;
    rw->row = "trend";
    rw->method = "linear";
    rw->value = tl->projection;
    rw->lower = tl->lower;
    rw->upper = tl->upper;
    no_change(rw);
    snprintf(rw->flags, sizeof rw->flags, "%s", tl->clamped ? "clamped" : "");
    if (decimals >= 0)
        ind_present_number(m, tl->projection, decimals, display, IND_PRESENT_MAX);
    rw->display = decimals >= 0 ? display : NULL;
}

/* A measure's rows: its periods, its projection, its trend. */
static int measure_rows(row *rw, const ind_measure *m, int decimals,
                        const ind_dataset *targets, row_fn fn, void *ctx)
{
    char display[IND_PRESENT_MAX];
    int rc = 0;
    for (size_t t = 0; rc == 0 && t < m->n; t++) {
        observed(rw, m, t, display, decimals, targets);
        rc = fn(ctx, rw);
    }
    const ind_projection *f = &m->projection.fit;
    for (size_t h = 0; rc == 0 && f->status == IND_OK && h < f->horizon; h++) {
        projection(rw, m, h, display, decimals);
        rc = fn(ctx, rw);
    }
    if (rc == 0 && m->trend.status == IND_OK) {
        trend(rw, m, display, decimals);
        rc = fn(ctx, rw);
    }
    rw->method = NULL;
    return rc;
}

int rows_from_result(const ind_result *res, int aggregate, int decimals,
                     const ind_dataset *targets, row_fn fn, void *ctx)
{
    row rw;
    for (size_t i = 0; i < res->n_indicators; i++) {
        const ind_indicator_result *ir = &res->indicator[i];
        for (size_t j = 0; j < ir->n_measures; j++) {
            const ind_measure *m = &res->measure[ir->first_measure + j];
            identity(&rw, res, aggregate, ir, m);
            int rc = measure_rows(&rw, m, decimals, targets, fn, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}

/* ---- from a JSON result file ---------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static void json_flags(const cJSON *arr, char *buf, size_t size)
{
    size_t len = 0;
    const cJSON *f;
    buf[0] = '\0';
    cJSON_ArrayForEach(f, arr) {
        if (!cJSON_IsString(f))
            continue;
        int n = snprintf(buf + len, size - len, "%s%s", len > 0 ? ";" : "", f->valuestring);
        if (n < 0 || (size_t)n >= size - len)
            return;
        len += (size_t)n;
    }
}

/* A significance written either as a verdict string or as an object with
** one ("verdict", or "result"), with its p-value when there is one. */
static void json_significance(const cJSON *change, row *rw)
{
    const cJSON *s = get(change, "significance");
    rw->significance = NULL;
    rw->significance_p = NAN;
    if (cJSON_IsString(s)) {
        rw->significance = s->valuestring;
    } else if (cJSON_IsObject(s)) {
        rw->significance = str(s, "verdict") != NULL ? str(s, "verdict") : str(s, "result");
        rw->significance_p = num(s, "p");
    }
}

/* "status": {"level": "met", "label": "Green", ...}, the level first: it
** does not depend on the vocabulary the file was written in. */
static const char *json_status(const cJSON *p)
{
    const cJSON *st = get(p, "status");
    if (cJSON_IsString(st))
        return rows_status_canonical(st->valuestring);
    if (!cJSON_IsObject(st))
        return NULL;
    const char *level = str(st, "level");
    return rows_status_canonical(level != NULL ? level : str(st, "label"));
}

static void json_observed(const cJSON *p, row *rw)
{
    rw->period = str(p, "period");
    rw->row = "observed";
    rw->method = NULL;
    rw->value = num(p, "value");
    rw->numerator = num(p, "numerator");
    rw->denominator = num(p, "denominator");
    const cJSON *iv = get(p, "interval");
    rw->lower = cJSON_IsObject(iv) ? num(iv, "lower") : NAN;
    rw->upper = cJSON_IsObject(iv) ? num(iv, "upper") : NAN;
    rw->change = rw->change_percent = NAN;
    rw->change_status = "missing";
    rw->significance = NULL;
    rw->significance_p = NAN;
    const cJSON *c;
    cJSON_ArrayForEach(c, get(p, "changes")) {
        if (num(c, "lag") != 1)
            continue;
        rw->change = num(c, "absolute");
        rw->change_percent = num(c, "percent");
        rw->change_status = str(c, "status");
        json_significance(c, rw);
    }
    json_flags(get(p, "flags"), rw->flags, sizeof rw->flags);
    rw->display = str(p, "display");
    rw->status = json_status(p);
}

static void json_no_change(row *rw)
{
    rw->numerator = rw->denominator = NAN;
    rw->change = rw->change_percent = NAN;
    rw->change_status = NULL;
    rw->significance = NULL;
    rw->significance_p = NAN;
    rw->status = NULL;
}

/* The straight-line trend's projection: "trend": {"projection": {...}}. */
static int json_trend(const cJSON *m, row *rw)
{
    const cJSON *tr = get(m, "trend");
    const cJSON *pr = cJSON_IsObject(tr) ? get(tr, "projection") : NULL;
    if (!cJSON_IsObject(pr))
        return 0;
    rw->period = str(pr, "period");
    rw->row = "trend";
    rw->method = "linear";
    rw->value = num(pr, "value");
    rw->lower = num(pr, "lower");
    rw->upper = num(pr, "upper");
    json_no_change(rw);
    snprintf(rw->flags, sizeof rw->flags, "%s",
             cJSON_IsTrue(get(pr, "clamped")) ? "clamped" : "");
    rw->display = str(pr, "display");
    return 1;
}

/* Period h of "projection": {"method", "periods": [...]}. */
static int json_projection(const cJSON *pr, const cJSON *p, row *rw)
{
    rw->period = str(p, "period");
    rw->row = "projection";
    rw->method = str(pr, "method");
    rw->value = num(p, "value");
    rw->lower = num(p, "lower");
    rw->upper = num(p, "upper");
    json_no_change(rw);
    snprintf(rw->flags, sizeof rw->flags, "%s", cJSON_IsTrue(get(p, "clamped")) ? "clamped" : "");
    rw->display = str(p, "display");
    return rw->period != NULL;
}

static int json_measure(const cJSON *m, row *rw, row_fn fn, void *ctx)
{
    rw->measure = str(m, "id");
    rw->kind = str(m, "kind");
    rw->unit = str(m, "unit");
    rw->polarity = rows_polarity_from_name(str(m, "polarity"));
    rw->multiplier = num(m, "multiplier");
    rw->period_type = str(m, "period_type");
    rw->method = NULL;
    const cJSON *p;
    int rc = 0;
    cJSON_ArrayForEach(p, get(m, "periods")) {
        json_observed(p, rw);
        if (rw->period != NULL && (rc = fn(ctx, rw)) != 0)
            return rc;
    }
    const cJSON *pr = get(m, "projection");
    if (cJSON_IsObject(pr)) {
        cJSON_ArrayForEach(p, get(pr, "periods")) {
            if (json_projection(pr, p, rw) && (rc = fn(ctx, rw)) != 0)
                return rc;
        }
    }
    if (json_trend(m, rw) && rw->period != NULL)
        rc = fn(ctx, rw);
    rw->method = NULL;
    return rc;
}

int rows_from_json_area(const cJSON *area, const char *where, row_fn fn,
                        void *ctx, ind_error *err)
{
    row rw;
    memset(&rw, 0, sizeof rw);
    rw.area = str(area, "area");
    const cJSON *inds = get(area, "indicators");
    if (rw.area == NULL || !cJSON_IsArray(inds))
        return ind_error_set(err, IND_EDATA,
                             "%s: not an area result (no \"area\" name or no "
                             "\"indicators\" array)", where);
    rw.code = str(area, "code");
    rw.aggregate = cJSON_IsTrue(get(area, "aggregate"));
    const cJSON *ind;
    cJSON_ArrayForEach(ind, inds) {
        rw.indicator = str(ind, "id");
        const cJSON *pl = get(ind, "plugin");
        rw.plugin = cJSON_IsObject(pl) ? str(pl, "name") : NULL;
        rw.plugin_version = cJSON_IsObject(pl) ? str(pl, "version") : NULL;
        const cJSON *m;
        cJSON_ArrayForEach(m, get(ind, "measures")) {
            int rc = json_measure(m, &rw, fn, ctx);
            if (rc != 0)
                return rc;
        }
    }
    return IND_OK;
}
