/*
** claims_io.c: claims files from JSON (cJSON) and CSV (libcsv) into claim
** sets. Each reader only turns its format into named text fields with a
** location for each; ind_claim_set_add checks the rules. The JSON reader
** refuses unknown and repeated keys itself where the shape differs from
** the flat field list (the "source" object); the CSV reader checks the
** header once. Both read the whole file first: claims files are small, and
** a file is either read completely or not at all.
**
** The JSON syntax check, its "file:line:col: malformed JSON" message and
** the quoting of strings in messages are the dataset readers', so the two
** kinds of input report alike.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <csv.h>

#include "dataset_internal.h"
#include "indicate/claims_io.h"
#include "indicate/format.h"

#define WHERE_MAX 512
#define READ_BLOCK (64u * 1024u)

/* ---- reading a file whole ----------------------------------------------------- */

static int size_limit(const char *name, size_t limit, ind_error *err)
{
    char words[64];
    ind_size_words(words, sizeof words, limit);
    return ind_error_set(err, IND_ELIMIT, "%s: larger than the %s limit", name, words);
}

static int read_stream(FILE *fp, const char *name, size_t limit, char **data,
                       size_t *size, ind_error *err)
{
    size_t cap = READ_BLOCK, len = 0;
    char *buf = malloc(cap + 1);
    if (buf == NULL)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", name);
    for (;;) {
        if (len == cap) {
            if (cap > limit) {
                free(buf);
                return size_limit(name, limit, err);
            }
            char *grown = realloc(buf, cap * 2 + 1);
            if (grown == NULL) {
                free(buf);
                return ind_error_set(err, IND_ENOMEM, "%s: out of memory", name);
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        free(buf);
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", name, strerror(errno));
    }
    if (len > limit) {
        free(buf);
        return size_limit(name, limit, err);
    }
    buf[len] = '\0';
    *data = buf;
    *size = len;
    return IND_OK;
}

int ind_claims_read_bytes(const char *path, size_t limit, char **data, size_t *size,
                        ind_error *err)
{
    if (path == NULL || data == NULL || size == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_claims_read_bytes: no path or output");
    *data = NULL;
    *size = 0;
    if (strcmp(path, "-") == 0)
        return read_stream(stdin, "-", limit, data, size, err);
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return ind_error_set(err, IND_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        return ind_error_set(err, IND_EIO, "%s: cannot open: %s", path, strerror(EISDIR));
    }
    int rc = read_stream(fp, path, limit, data, size, err);
    fclose(fp);
    return rc;
}

/* ---- format ---------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

ind_claims_format ind_claims_format_from_name(const char *path)
{
    if (path == NULL)
        return IND_CLAIMS_AUTO;
    if (ends_with(path, ".json"))
        return IND_CLAIMS_JSON;
    if (ends_with(path, ".csv"))
        return IND_CLAIMS_CSV;
    return IND_CLAIMS_AUTO;
}

/* JSON when the first character that is not white space opens an object
** or an array; CSV otherwise. */
static ind_claims_format sniff(const char *data, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[' ? IND_CLAIMS_JSON : IND_CLAIMS_CSV;
    }
    return IND_CLAIMS_CSV;
}

/* A NUL byte means the file is not text; the first one is reported. */
static int check_text(const char *name, const char *data, size_t size, ind_error *err)
{
    const char *nul = memchr(data, '\0', size);
    if (nul == NULL)
        return IND_OK;
    long line = 1;
    for (const char *p = data; p < nul; p++)
        line += *p == '\n';
    return ind_error_set(err, IND_EPARSE, "%s:%ld: a NUL byte: not a text file", name, line);
}

/* ---- JSON ------------------------------------------------------------------------- */

typedef struct jwalk {
    const char *file;
    ind_claim_set *set;
    ind_arena *scratch; /* where strings and numbers as text live, per claim */
    ind_claim_field *fields;
    size_t n, cap;
    ind_error *err;
} jwalk;

/* "file: path" in the scratch arena; NULL when out of memory. */
static char *where(jwalk *w, const char *path)
{
    char buf[WHERE_MAX];
    if (snprintf(buf, sizeof buf, "%s: %s", w->file, path) < 0)
        return NULL;
    return ind_arena_strdup(w->scratch, buf);
}

static int jfail(jwalk *w, int code, const char *path, const char *what, const cJSON *found)
{
    return ind_error_set(w->err, code, "%s: %s: expected %s, found %s", w->file, path,
                         what, ind_json_type_name(found));
}

static int push(jwalk *w, const char *name, const char *value, const char *at)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        ind_claim_field *grown = realloc(w->fields, cap * sizeof *grown);
        if (grown == NULL)
            return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        w->fields = grown;
        w->cap = cap;
    }
    if (value == NULL || at == NULL)
        return ind_error_set(w->err, IND_ENOMEM, "out of memory");
    w->fields[w->n++] = (ind_claim_field){name, value, at};
    return IND_OK;
}

/* A number as the text it would be written as: 3034, 339.5. */
static const char *number_text(jwalk *w, double x)
{
    char buf[IND_FORMAT_MAX];
    if (ind_format_shortest(x, buf, sizeof buf) < 0)
        snprintf(buf, sizeof buf, "not finite");
    return ind_arena_strdup(w->scratch, buf);
}

/* How each key of a claim object may be given. */
enum jtype { J_STRING, J_FIGURE, J_WHOLE, J_PARTS, J_SOURCE };

static const struct {
    const char *name;
    enum jtype type;
} CLAIM_KEYS[] = {
    {"id", J_STRING},      {"kind", J_STRING},      {"stated", J_STRING},
    {"decimals", J_WHOLE}, {"direction", J_STRING}, {"from", J_FIGURE},
    {"to", J_FIGURE},      {"part", J_FIGURE},      {"whole", J_FIGURE},
    {"count", J_FIGURE},   {"population", J_FIGURE}, {"per", J_FIGURE},
    {"a", J_FIGURE},       {"b", J_FIGURE},         {"numerator", J_FIGURE},
    {"denominator", J_FIGURE}, {"parts", J_PARTS},  {"subject", J_STRING},
    {"note", J_STRING},    {"source", J_SOURCE},
};

static const struct {
    const char *name;
    enum jtype type;
} SOURCE_KEYS[] = {
    {"document", J_STRING}, {"section", J_STRING}, {"quote", J_STRING},
    {"line", J_WHOLE},      {"column", J_WHOLE},
};

/* Refuses a key given twice in obj, naming the first repeat. */
static int no_repeats(jwalk *w, const cJSON *obj, const char *path)
{
    for (const cJSON *a = obj->child; a != NULL; a = a->next)
        for (const cJSON *b = a->next; b != NULL; b = b->next)
            if (a->string != NULL && b->string != NULL && strcmp(a->string, b->string) == 0) {
                char q[IND_QUOTE_MAX];
                ind_quote(q, sizeof q, a->string, strlen(a->string));
                return ind_error_set(w->err, IND_EDATA, "%s: %s: key %s given twice",
                                     w->file, path, q);
            }
    return IND_OK;
}

static int value_field(jwalk *w, const char *name, enum jtype type, const cJSON *v,
                       const char *path)
{
    if (type == J_STRING) {
        if (!cJSON_IsString(v))
            return jfail(w, IND_EDATA, path,
                         strcmp(name, "stated") == 0
                             ? "a string (the figure as written, e.g. \"38.29%\")"
                             : "a string", v);
        return push(w, name, v->valuestring, where(w, path));
    }
    if (type == J_FIGURE) {
        if (cJSON_IsString(v))
            return push(w, name, v->valuestring, where(w, path));
        if (cJSON_IsNumber(v))
            return push(w, name, number_text(w, v->valuedouble), where(w, path));
        return jfail(w, IND_EDATA, path, "a number or a string", v);
    }
    /* J_WHOLE: the builder checks the range. */
    if (!cJSON_IsNumber(v))
        return jfail(w, IND_EDATA, path, "a whole number", v);
    return push(w, name, number_text(w, v->valuedouble), where(w, path));
}

static int parts_field(jwalk *w, const cJSON *v, const char *path)
{
    if (cJSON_IsString(v))
        return push(w, "parts", v->valuestring, where(w, path));
    if (!cJSON_IsArray(v))
        return jfail(w, IND_EDATA, path, "an array of numbers or strings", v);
    int i = 0;
    for (const cJSON *e = v->child; e != NULL; e = e->next, i++) {
        char p[WHERE_MAX];
        if (snprintf(p, sizeof p, "%s[%d]", path, i) < 0)
            return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        int rc = value_field(w, "parts", J_FIGURE, e, p);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int source_fields(jwalk *w, const cJSON *v, const char *path)
{
    if (!cJSON_IsObject(v))
        return jfail(w, IND_EDATA, path, "an object", v);
    int rc = no_repeats(w, v, path);
    if (rc != IND_OK)
        return rc;
    for (const cJSON *c = v->child; c != NULL; c = c->next) {
        size_t k = 0, n = sizeof SOURCE_KEYS / sizeof SOURCE_KEYS[0];
        while (k < n && strcmp(SOURCE_KEYS[k].name, c->string) != 0)
            k++;
        char p[WHERE_MAX], q[IND_QUOTE_MAX];
        if (k == n) {
            ind_quote(q, sizeof q, c->string, strlen(c->string));
            return ind_error_set(w->err, IND_EDATA, "%s: %s: unknown key %s (expected "
                                 "document, section, quote, line or column)", w->file, path, q);
        }
        if (snprintf(p, sizeof p, "%s.%s", path, c->string) < 0)
            return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        if ((rc = value_field(w, SOURCE_KEYS[k].name, SOURCE_KEYS[k].type, c, p)) != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int claim_fields(jwalk *w, const cJSON *obj, const char *path)
{
    int rc = no_repeats(w, obj, path);
    if (rc != IND_OK)
        return rc;
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        size_t k = 0, n = sizeof CLAIM_KEYS / sizeof CLAIM_KEYS[0];
        while (k < n && strcmp(CLAIM_KEYS[k].name, c->string) != 0)
            k++;
        char p[WHERE_MAX], q[IND_QUOTE_MAX];
        if (k == n) {
            ind_quote(q, sizeof q, c->string, strlen(c->string));
            int in_source = ind_claim_field_known(c->string);
            return ind_error_set(w->err, IND_EDATA, "%s: %s: unknown key %s%s", w->file,
                                 path, q, in_source ? " (it belongs in \"source\")" : "");
        }
        if (snprintf(p, sizeof p, "%s.%s", path, c->string) < 0)
            return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        if (CLAIM_KEYS[k].type == J_SOURCE)
            rc = source_fields(w, c, p);
        else if (CLAIM_KEYS[k].type == J_PARTS)
            rc = parts_field(w, c, p);
        else
            rc = value_field(w, CLAIM_KEYS[k].name, CLAIM_KEYS[k].type, c, p);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int json_claims(jwalk *w, const cJSON *claims)
{
    int i = 0;
    for (const cJSON *c = claims->child; c != NULL; c = c->next, i++) {
        char path[64];
        snprintf(path, sizeof path, "$.claims[%d]", i);
        if (!cJSON_IsObject(c))
            return jfail(w, IND_EDATA, path, "a claim object", c);
        ind_arena_reset(w->scratch);
        w->n = 0;
        int rc = claim_fields(w, c, path);
        if (rc != IND_OK)
            return rc;
        const char *at = where(w, path);
        if (at == NULL)
            return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        if ((rc = ind_claim_set_add(w->set, at, w->fields, w->n, w->err)) != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int json_root(jwalk *w, const cJSON *root)
{
    if (!cJSON_IsObject(root))
        return jfail(w, IND_EDATA, "$", "an object with a \"claims\" array", root);
    int rc = no_repeats(w, root, "$");
    if (rc != IND_OK)
        return rc;
    const cJSON *claims = NULL;
    for (const cJSON *c = root->child; c != NULL; c = c->next) {
        char p[64], q[IND_QUOTE_MAX];
        snprintf(p, sizeof p, "$.%.40s", c->string);
        if (strcmp(c->string, "claims") == 0) {
            if (!cJSON_IsArray(c))
                return jfail(w, IND_EDATA, p, "an array of claims", c);
            claims = c;
        } else if (strcmp(c->string, "document") == 0 || strcmp(c->string, "note") == 0) {
            if (!cJSON_IsString(c))
                return jfail(w, IND_EDATA, p, "a string", c);
            if (strcmp(c->string, "document") == 0 &&
                ind_claim_set_document(w->set, c->valuestring) != IND_OK)
                return ind_error_set(w->err, IND_ENOMEM, "out of memory");
        } else {
            ind_quote(q, sizeof q, c->string, strlen(c->string));
            return ind_error_set(w->err, IND_EDATA, "%s: $: unknown key %s (expected "
                                 "document, note or claims)", w->file, q);
        }
    }
    if (claims == NULL)
        return ind_error_set(w->err, IND_EDATA, "%s: $: missing key \"claims\"", w->file);
    return json_claims(w, claims);
}

static int read_json(const char *name, const char *data, size_t size, ind_claim_set *set,
                     ind_error *err)
{
    cJSON *root;
    int rc = ind_json_parse_text(name, 1, data, size, &root, err);
    if (rc != IND_OK)
        return rc;
    jwalk w = {.file = name, .set = set, .scratch = ind_arena_new(0), .err = err};
    if (w.scratch == NULL)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    else
        rc = json_root(&w, root);
    free(w.fields);
    ind_arena_free(w.scratch);
    cJSON_Delete(root);
    return rc;
}

/* ---- CSV --------------------------------------------------------------------------- */

typedef struct cwalk {
    const char *file;
    ind_claim_set *set;
    char **cell;        /* the current record's fields, each malloc'd */
    size_t n, cap;
    char **header;      /* the column names */
    size_t n_header;
    long line;          /* the line being read */
    long rec_line;      /* where the current record began */
    int prev_cr;
    int rc;             /* the first error; later callbacks do nothing */
    ind_error *err;
} cwalk;

static void free_cells(char **cell, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cell[i]);
}

static size_t count_lf(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

static void on_field(void *data, size_t len, void *ctx)
{
    cwalk *w = ctx;
    if (w->rc != IND_OK)
        return;
    if (w->n == 0)
        w->rec_line = w->line;
    w->prev_cr = 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        char **grown = realloc(w->cell, cap * sizeof *grown);
        if (grown == NULL) {
            w->rc = ind_error_set(w->err, IND_ENOMEM, "out of memory");
            return;
        }
        w->cell = grown;
        w->cap = cap;
    }
    char *s = malloc(len + 1);
    if (s == NULL) {
        w->rc = ind_error_set(w->err, IND_ENOMEM, "out of memory");
        return;
    }
    if (len > 0)
        memcpy(s, data, len);
    s[len] = '\0';
    w->cell[w->n++] = s;
    /* Line ends inside a quoted field are part of the field. */
    w->line += (long)count_lf(s, len);
}

static const char *const REQUIRED_COLUMNS[] = {"kind", "stated"};

static int csv_header(cwalk *w)
{
    char q[IND_QUOTE_MAX];
    for (size_t i = 0; i < w->n; i++) {
        ind_quote(q, sizeof q, w->cell[i], strlen(w->cell[i]));
        if (!ind_claim_field_known(w->cell[i]))
            return ind_error_set(w->err, IND_EDATA,
                                 "%s:%ld: unknown column %s (expected id, kind, stated, "
                                 "decimals, direction, from, to, part, whole, count, "
                                 "population, per, a, b, numerator, denominator, parts, "
                                 "subject, note, document, section, quote, line or column)",
                                 w->file, w->rec_line, q);
        for (size_t j = 0; j < i; j++)
            if (strcmp(w->cell[i], w->cell[j]) == 0)
                return ind_error_set(w->err, IND_EDATA, "%s:%ld: column %s appears twice",
                                     w->file, w->rec_line, q);
    }
    for (size_t r = 0; r < 2; r++) {
        size_t i = 0;
        while (i < w->n && strcmp(w->cell[i], REQUIRED_COLUMNS[r]) != 0)
            i++;
        if (i == w->n)
            return ind_error_set(w->err, IND_EDATA, "%s:%ld: missing column \"%s\" "
                                 "(required: kind, stated)", w->file, w->rec_line,
                                 REQUIRED_COLUMNS[r]);
    }
    w->header = w->cell;
    w->n_header = w->n;
    w->cell = NULL;
    w->n = w->cap = 0;
    return IND_OK;
}

static int csv_claim(cwalk *w)
{
    if (w->n != w->n_header)
        return ind_error_set(w->err, IND_EPARSE,
                             "%s:%ld: malformed CSV: %zu fields where the header has %zu",
                             w->file, w->rec_line, w->n, w->n_header);
    ind_claim_field fields[64];
    char at[64][WHERE_MAX];
    size_t nf = 0;
    for (size_t i = 0; i < w->n && nf < 64; i++) {
        if (w->cell[i][0] == '\0')
            continue;
        snprintf(at[nf], WHERE_MAX, "%s:%ld: column \"%s\"", w->file, w->rec_line,
                 w->header[i]);
        fields[nf] = (ind_claim_field){w->header[i], w->cell[i], at[nf]};
        nf++;
    }
    /* A row of empty cells, as spreadsheets leave at the end, is no claim. */
    if (nf == 0)
        return IND_OK;
    char claim_at[WHERE_MAX];
    snprintf(claim_at, sizeof claim_at, "%s:%ld", w->file, w->rec_line);
    return ind_claim_set_add(w->set, claim_at, fields, nf, w->err);
}

static void on_row(int c, void *ctx)
{
    cwalk *w = ctx;
    if (w->rc != IND_OK)
        return;
    int eol = c == '\n' || c == '\r';
    if (w->n == 0) {
        /* A blank line, or the LF of a CRLF. */
        if (c == '\n' && w->prev_cr)
            w->prev_cr = 0;
        else if (eol) {
            w->line++;
            w->prev_cr = c == '\r';
        }
        return;
    }
    if (w->header == NULL)
        w->rc = csv_header(w);
    else
        w->rc = csv_claim(w);
    free_cells(w->cell, w->n);
    w->n = 0;
    if (eol) {
        w->line++;
        w->prev_cr = c == '\r';
    }
}

static int csv_parse_failed(cwalk *w, struct csv_parser *p)
{
    if (csv_error(p) == CSV_ENOMEM)
        return ind_error_set(w->err, IND_ENOMEM, "out of memory");
    long line = w->line + (long)count_lf((const char *)p->entry_buf, p->entry_pos);
    if (p->quoted)
        return ind_error_set(w->err, IND_EPARSE,
                             "%s:%ld: malformed CSV: a quoted field must end at a comma or "
                             "a line end (a quote inside it is written twice)", w->file, line);
    return ind_error_set(w->err, IND_EPARSE,
                         "%s:%ld: malformed CSV: a quote inside an unquoted field", w->file,
                         line);
}

static int read_csv(const char *name, const char *data, size_t size, ind_claim_set *set,
                    ind_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    cwalk w = {.file = name, .set = set, .line = 1, .err = err};
    if (csv_parse(&p, data, size, on_field, on_row, &w) < size && w.rc == IND_OK)
        w.rc = csv_parse_failed(&w, &p);
    long line = w.n ? w.rec_line : w.line;
    if (w.rc == IND_OK && csv_fini(&p, on_field, on_row, &w) != 0 && w.rc == IND_OK)
        w.rc = ind_error_set(err, IND_EPARSE, "%s:%ld: malformed CSV: a quoted field is not "
                             "closed", name, line);
    if (w.rc == IND_OK && w.header == NULL)
        w.rc = ind_error_set(err, IND_EDATA, "%s: no header row (expected columns such as "
                             "id, kind, stated, from, to)", name);
    csv_free(&p);
    free_cells(w.cell, w.n);
    free(w.cell);
    free_cells(w.header, w.n_header);
    free(w.header);
    return w.rc;
}

/* ---- entry points -------------------------------------------------------------------- */

int ind_claims_read_memory(const char *name, const char *data, size_t size,
                           ind_claims_format format, ind_claim_set **out, ind_error *err)
{
    if (out == NULL || (data == NULL && size > 0))
        return ind_error_set(err, IND_EINVAL, "ind_claims_read_memory: no data or output");
    *out = NULL;
    if (name == NULL)
        name = "-";
    if (data == NULL)
        data = "";
    if (size > IND_CLAIMS_MAX_FILE)
        return size_limit(name, IND_CLAIMS_MAX_FILE, err);
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        size -= 3;
    }
    int rc = check_text(name, data, size, err);
    if (rc != IND_OK)
        return rc;
    if (format == IND_CLAIMS_AUTO)
        format = sniff(data, size);
    ind_claim_set *set = ind_claim_set_new();
    if (set == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = format == IND_CLAIMS_JSON ? read_json(name, data, size, set, err)
                                   : read_csv(name, data, size, set, err);
    if (rc != IND_OK) {
        ind_claim_set_free(set);
        return rc;
    }
    *out = set;
    return IND_OK;
}

int ind_claims_read_file(const char *path, ind_claims_format format, ind_claim_set **out,
                         ind_error *err)
{
    if (out == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_claims_read_file: no path or output");
    *out = NULL;
    char *data;
    size_t size;
    int rc = ind_claims_read_bytes(path, IND_CLAIMS_MAX_FILE, &data, &size, err);
    if (rc != IND_OK)
        return rc;
    if (format == IND_CLAIMS_AUTO)
        format = ind_claims_format_from_name(path);
    rc = ind_claims_read_memory(path, data, size, format, out, err);
    free(data);
    return rc;
}
