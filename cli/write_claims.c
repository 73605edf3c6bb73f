/*
** write_claims.c: claims files (JSON, CSV) and verdicts (table, JSON, CSV).
**
** Nothing is computed here: claims are written back as they were read,
** every figure as its text as written; verdicts are written from the
** strings verify.h made. JSON goes through the streaming writer, CSV is
** quoted per RFC 4180 with CRLF line ends, as the other CSV writers do;
** verdict cells are guarded against formula injection (csvw.h), claims
** files are not, because verify reads them back as written.
*/
#include <math.h>
#include <string.h>

#include "csvw.h"
#include "jsonw.h"
#include "write_claims.h"

/* ---- CSV ---------------------------------------------------------------------- */

/* Claims files are read back by `indicate verify` (docs/claims-format.md),
** so their cells are written exactly as the claims were read: a stated
** figure such as "-7.9 pp" must read back as itself. Verdicts are for
** people and go through the guarded csvw_text. */
static void claim_cell(FILE *fp, const char *s, int last)
{
    if (s == NULL)
        s = "";
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, fp);
    } else {
        fputc('"', fp);
        for (; *s != '\0'; s++) {
            if (*s == '"')
                fputc('"', fp);
            fputc(*s, fp);
        }
        fputc('"', fp);
    }
    fputs(last ? "\r\n" : ",", fp);
}

static void csv_text(FILE *fp, const char *s, int last)
{
    csvw_text(fp, s, last);
}

static void csv_long(FILE *fp, long v, int last)
{
    if (v > 0)
        fprintf(fp, "%ld", v);
    fputs(last ? "\r\n" : ",", fp);
}

static const char *figure_text(const ind_figure *f)
{
    return f != NULL ? f->text : NULL;
}

/* A sum's parts as one field: "7 + 7 + 27". */
static void parts_csv(FILE *fp, const ind_claim *c)
{
    if (c->n_parts == 0) {
        fputc(',', fp);
        return;
    }
    size_t len = 0;
    for (size_t i = 0; i < c->n_parts; i++)
        len += strlen(c->parts[i].text) + 3;
    char buf[8192];
    if (len >= sizeof buf) {
        claim_cell(fp, "(too many parts to write in one field)", 0);
        return;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < c->n_parts; i++) {
        if (i > 0)
            strcat(buf, " + ");
        strcat(buf, c->parts[i].text);
    }
    claim_cell(fp, buf, 0);
}

static const char *const CLAIM_COLUMNS[] = {
    "id", "kind", "stated", "decimals", "direction", "from", "to", "part", "whole",
    "count", "population", "per", "a", "b", "numerator", "denominator", "parts",
    "subject", "note", "document", "section", "quote", "line", "column"};
#define N_CLAIM_COLUMNS (sizeof CLAIM_COLUMNS / sizeof CLAIM_COLUMNS[0])

static void claims_csv(FILE *fp, const ind_claim_set *set)
{
    for (size_t k = 0; k < N_CLAIM_COLUMNS; k++)
        claim_cell(fp, CLAIM_COLUMNS[k], k + 1 == N_CLAIM_COLUMNS);
    for (size_t i = 0; i < ind_claim_set_count(set); i++) {
        const ind_claim *c = ind_claim_set_get(set, i);
        claim_cell(fp, c->id, 0);
        claim_cell(fp, ind_claim_kind_name(c->kind), 0);
        claim_cell(fp, c->stated.text, 0);
        if (c->decimals_given)
            fprintf(fp, "%d", c->decimals);
        fputc(',', fp);
        claim_cell(fp, c->direction_word, 0);
        for (int r = 0; r < IND_ROLE_N; r++)
            claim_cell(fp, figure_text(c->input[r]), 0);
        parts_csv(fp, c);
        claim_cell(fp, c->subject, 0);
        claim_cell(fp, c->note, 0);
        claim_cell(fp, c->source.document, 0);
        claim_cell(fp, c->source.section, 0);
        claim_cell(fp, c->source.quote, 0);
        csv_long(fp, c->source.line, 0);
        csv_long(fp, c->source.column, 1);
    }
}

/* ---- JSON ------------------------------------------------------------------------ */

static void kstring_if(jsonw *w, const char *key, const char *s)
{
    if (s != NULL)
        jw_kstring(w, key, s);
}

static void claim_source_json(jsonw *w, const ind_claim *c, const char *default_doc)
{
    const ind_claim_source *s = &c->source;
    int own_doc = s->document != NULL && (default_doc == NULL || strcmp(s->document, default_doc) != 0);
    if (!own_doc && s->section == NULL && s->quote == NULL && s->line == 0 && s->column == 0)
        return;
    jw_key(w, "source");
    jw_object(w);
    if (own_doc)
        jw_kstring(w, "document", s->document);
    kstring_if(w, "section", s->section);
    kstring_if(w, "quote", s->quote);
    if (s->line > 0)
        jw_kint(w, "line", s->line);
    if (s->column > 0)
        jw_kint(w, "column", s->column);
    jw_end_object(w);
}

static void claim_json(jsonw *w, const ind_claim *c, const char *default_doc)
{
    jw_object(w);
    jw_kstring(w, "id", c->id);
    jw_kstring(w, "kind", ind_claim_kind_name(c->kind));
    jw_kstring(w, "stated", c->stated.text);
    if (c->decimals_given)
        jw_kint(w, "decimals", c->decimals);
    kstring_if(w, "direction", c->direction_word);
    for (int r = 0; r < IND_ROLE_N; r++)
        if (c->input[r] != NULL)
            jw_kstring(w, ind_claim_role_name((ind_claim_role)r), c->input[r]->text);
    if (c->n_parts > 0) {
        jw_key(w, "parts");
        jw_array(w);
        for (size_t i = 0; i < c->n_parts; i++)
            jw_string(w, c->parts[i].text);
        jw_end_array(w);
    }
    kstring_if(w, "subject", c->subject);
    kstring_if(w, "note", c->note);
    claim_source_json(w, c, default_doc);
    jw_end_object(w);
}

static void claims_json(FILE *fp, const ind_claim_set *set)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    const char *doc = ind_claim_set_get_document(set);
    kstring_if(&w, "document", doc);
    jw_key(&w, "claims");
    jw_array(&w);
    for (size_t i = 0; i < ind_claim_set_count(set); i++)
        claim_json(&w, ind_claim_set_get(set, i), doc);
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

void write_claim_set(FILE *fp, out_format f, const ind_claim_set *set)
{
    if (f == OUT_CSV)
        claims_csv(fp, set);
    else
        claims_json(fp, set);
}

/* ---- verdicts --------------------------------------------------------------------- */

static int holds(const ind_claim_verdict *v, int allow_rounding)
{
    return v->holds || (allow_rounding && v->verdict == IND_FINDING_ROUNDING);
}

static void reading_name(const ind_claim_reading *r, char *buf, size_t size)
{
    if (r->slip != IND_SLIP_NONE)
        snprintf(buf, size, "%s:%s", ind_finding_name(r->what), ind_rounding_slip_name(r->slip));
    else
        snprintf(buf, size, "%s", ind_finding_name(r->what));
}

static void inputs_json(jsonw *w, const ind_claim *c)
{
    jw_key(w, "inputs");
    jw_object(w);
    for (int r = 0; r < IND_ROLE_N; r++)
        if (c->input[r] != NULL)
            jw_kstring(w, ind_claim_role_name((ind_claim_role)r), c->input[r]->text);
    if (c->n_parts > 0) {
        jw_key(w, "parts");
        jw_array(w);
        for (size_t i = 0; i < c->n_parts; i++)
            jw_string(w, c->parts[i].text);
        jw_end_array(w);
    }
    jw_end_object(w);
}

static void readings_json(jsonw *w, const ind_claim_verdict *v)
{
    jw_key(w, "readings");
    jw_array(w);
    for (size_t i = 0; i < v->n_readings; i++) {
        const ind_claim_reading *r = &v->readings[i];
        jw_object(w);
        jw_kstring(w, "reading", ind_finding_name(r->what));
        if (r->slip != IND_SLIP_NONE)
            jw_kstring(w, "slip", ind_rounding_slip_name(r->slip));
        jw_kstring(w, "figure", r->figure);
        jw_kstring(w, "working", r->working);
        jw_kstring(w, "explanation", r->explanation);
        jw_end_object(w);
    }
    jw_end_array(w);
}

static void source_json(jsonw *w, const ind_claim *c)
{
    const ind_claim_source *s = &c->source;
    jw_key(w, "source");
    jw_object(w);
    jw_kstring(w, "document", s->document);
    jw_kstring(w, "section", s->section);
    jw_kstring(w, "quote", s->quote);
    if (s->line > 0)
        jw_kint(w, "line", s->line);
    else
        jw_knumber(w, "line", NAN);
    if (s->column > 0)
        jw_kint(w, "column", s->column);
    else
        jw_knumber(w, "column", NAN);
    jw_end_object(w);
}

static void verdict_json(jsonw *w, const char *path, const ind_claim_verdict *v, int allow_rounding)
{
    const ind_claim *c = v->claim;
    jw_object(w);
    jw_kstring(w, "file", path);
    jw_kstring(w, "id", c->id);
    jw_kstring(w, "kind", ind_claim_kind_name(c->kind));
    jw_kstring(w, "verdict", ind_finding_name(v->verdict));
    jw_kbool(w, "holds", holds(v, allow_rounding));
    jw_kstring(w, "stated", c->stated.text);
    jw_knumber(w, "stated_value", ind_figure_value(&c->stated));
    jw_kint(w, "decimals", c->decimals);
    jw_kstring(w, "direction", c->direction_word);
    jw_kbool(w, "judged_on_magnitude", v->judged_on_magnitude);
    inputs_json(w, c);
    jw_kstring(w, "correct", v->correct);
    jw_knumber(w, "correct_value", v->correct_value);
    jw_kstring(w, "fraction", v->fraction);
    jw_kstring(w, "working", v->working);
    readings_json(w, v);
    jw_kstring(w, "explanation", v->explanation);
    jw_kstring(w, "rewrite", v->rewrite);
    jw_kstring(w, "subject", c->subject);
    jw_kstring(w, "note", c->note);
    source_json(w, c);
    jw_end_object(w);
}

static void summary_json(jsonw *w, const verify_tally *t)
{
    jw_key(w, "summary");
    jw_object(w);
    jw_kint(w, "claims", (long long)t->claims);
    jw_kint(w, "hold", (long long)t->hold);
    jw_kint(w, "do_not_hold", (long long)t->fail);
    jw_kint(w, "unchecked", (long long)t->unchecked);
    jw_kbool(w, "all_hold", t->fail == 0);
    jw_key(w, "verdicts");
    jw_object(w);
    for (int k = 0; k < IND_FINDING_COUNT; k++)
        jw_kint(w, ind_finding_name((ind_finding)k), (long long)t->by_verdict[k]);
    jw_end_object(w);
    jw_end_object(w);
}

static void verdicts_json(FILE *fp, const verified_file *files, size_t n,
                          const verify_tally *t, int allow_rounding)
{
    jsonw w;
    jw_init(&w, fp, 1);
    jw_object(&w);
    jw_key(&w, "claims");
    jw_array(&w);
    for (size_t f = 0; f < n; f++)
        for (size_t i = 0; i < files[f].n; i++)
            verdict_json(&w, files[f].path, &files[f].verdicts[i], allow_rounding);
    jw_end_array(&w);
    summary_json(&w, t);
    jw_end_object(&w);
    jw_finish(&w);
}

static const char *const VERDICT_COLUMNS[] = {
    "file", "id", "kind", "verdict", "holds", "stated", "correct", "correct_value",
    "fraction", "readings", "working", "explanation", "rewrite", "document", "section",
    "quote", "line", "column"};
#define N_VERDICT_COLUMNS (sizeof VERDICT_COLUMNS / sizeof VERDICT_COLUMNS[0])

static void readings_csv(FILE *fp, const ind_claim_verdict *v)
{
    char all[1024] = "", one[64];
    for (size_t i = 0; i < v->n_readings; i++) {
        reading_name(&v->readings[i], one, sizeof one);
        if (strlen(all) + strlen(one) + 2 >= sizeof all)
            break;
        if (i > 0)
            strcat(all, ";");
        strcat(all, one);
    }
    csv_text(fp, all, 0);
}

static void csv_number(FILE *fp, double x)
{
    csvw_number(fp, x, 0);
}

static void verdicts_csv(FILE *fp, const verified_file *files, size_t n, int allow_rounding)
{
    for (size_t k = 0; k < N_VERDICT_COLUMNS; k++)
        csv_text(fp, VERDICT_COLUMNS[k], k + 1 == N_VERDICT_COLUMNS);
    for (size_t f = 0; f < n; f++)
        for (size_t i = 0; i < files[f].n; i++) {
            const ind_claim_verdict *v = &files[f].verdicts[i];
            const ind_claim *c = v->claim;
            csv_text(fp, files[f].path, 0);
            csv_text(fp, c->id, 0);
            csv_text(fp, ind_claim_kind_name(c->kind), 0);
            csv_text(fp, ind_finding_name(v->verdict), 0);
            csv_text(fp, holds(v, allow_rounding) ? "true" : "false", 0);
            csv_text(fp, c->stated.text, 0);
            csv_text(fp, v->correct, 0);
            csv_number(fp, v->correct_value);
            csv_text(fp, v->fraction, 0);
            readings_csv(fp, v);
            csv_text(fp, v->working, 0);
            csv_text(fp, v->explanation, 0);
            csv_text(fp, v->rewrite, 0);
            csv_text(fp, c->source.document, 0);
            csv_text(fp, c->source.section, 0);
            csv_text(fp, c->source.quote, 0);
            csv_long(fp, c->source.line, 0);
            csv_long(fp, c->source.column, 1);
        }
}

/* ---- the terminal report ---------------------------------------------------------- */

static void where_text(FILE *fp, const ind_claim *c)
{
    const ind_claim_source *s = &c->source;
    if (s->document == NULL && s->section == NULL && s->line == 0)
        return;
    fputs("    source:", fp);
    const char *sep = " ";
    if (s->document != NULL) {
        fprintf(fp, "%s%s", sep, s->document);
        sep = ", ";
    }
    if (s->section != NULL) {
        fprintf(fp, "%ssection %s", sep, s->section);
        sep = ", ";
    }
    if (s->line > 0)
        fprintf(fp, "%sline %ld", sep, s->line);
    fputc('\n', fp);
}

static void verdict_table(FILE *fp, const ind_claim_verdict *v, int allow_rounding)
{
    const ind_claim *c = v->claim;
    const char *name = ind_finding_name(v->verdict);
    if (v->verdict == IND_FINDING_OK || v->verdict == IND_FINDING_UNCHECKED) {
        fprintf(fp, "  %-19s %s: %s\n", name, c->id, c->stated.text);
        fprintf(fp, "    %s\n", v->explanation);
        if (v->verdict == IND_FINDING_UNCHECKED && c->source.quote != NULL)
            fprintf(fp, "    quote: %s\n", c->source.quote);
        return;
    }
    if (v->correct != NULL)
        fprintf(fp, "  %-19s %s: %s, correct %s%s\n", name, c->id, c->stated.text, v->correct,
                holds(v, allow_rounding) ? " (rounding allowed)" : "");
    else
        fprintf(fp, "  %-19s %s: %s\n", name, c->id, c->stated.text);
    fprintf(fp, "    %s\n", v->explanation);
    if (c->source.quote != NULL)
        fprintf(fp, "    quote:   %s\n", c->source.quote);
    if (v->rewrite != NULL)
        fprintf(fp, "    rewrite: %s\n", v->rewrite);
    where_text(fp, c);
}

static void summary_table(FILE *fp, const verify_tally *t)
{
    fprintf(fp, "%zu claim%s: %zu hold%s, %zu do%s not", t->claims, t->claims == 1 ? "" : "s",
            t->hold, t->hold == 1 ? "s" : "", t->fail, t->fail == 1 ? "es" : "");
    const char *sep = " (";
    for (int k = IND_FINDING_ROUNDING; k < IND_FINDING_UNCHECKED; k++) {
        if (t->by_verdict[k] == 0)
            continue;
        fprintf(fp, "%s%s %zu", sep, ind_finding_name((ind_finding)k), t->by_verdict[k]);
        sep = ", ";
    }
    if (sep[0] == ',')
        fputc(')', fp);
    if (t->unchecked > 0)
        fprintf(fp, ", %zu not checked (unpaired)", t->unchecked);
    fputs(".\n", fp);
}

static void verdicts_table(FILE *fp, const verified_file *files, size_t n,
                           const verify_tally *t, int allow_rounding)
{
    for (size_t f = 0; f < n; f++) {
        fprintf(fp, "%s: %zu claim%s\n", files[f].path, files[f].n, files[f].n == 1 ? "" : "s");
        for (size_t i = 0; i < files[f].n; i++)
            verdict_table(fp, &files[f].verdicts[i], allow_rounding);
        fputc('\n', fp);
    }
    summary_table(fp, t);
}

void write_verdicts(FILE *fp, out_format f, const verified_file *files, size_t n,
                    const verify_tally *tally, int allow_rounding)
{
    if (f == OUT_JSON)
        verdicts_json(fp, files, n, tally, allow_rounding);
    else if (f == OUT_CSV)
        verdicts_csv(fp, files, n, allow_rounding);
    else
        verdicts_table(fp, files, n, tally, allow_rounding);
}
