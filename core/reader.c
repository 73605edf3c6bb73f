/*
** reader.c: areas from a file, standard input or memory, in any of the
** three formats.
**
** The reader keeps a buffer over its input. When the format is neither given
** nor implied by the file name it is told from the first bytes, which stay in
** the buffer and are read again by the chosen format, so standard input never
** needs to seek. A JSON document is read whole (within max_document), parsed
** once, and an array gives its elements one at a time, each freed once built.
** JSON Lines are split in the buffer and each record parsed where it lies.
** CSV goes to the CSV stream, which starts with the bytes already buffered.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "dataset_internal.h"
#include "indicate/io_csv.h"
#include "indicate/io_json.h"
#include "indicate/reader.h"

#define READ_CHUNK (256u * 1024u)
#define PATH_LEN 48

struct ind_reader {
    char *name;
    FILE *fp;
    int close_fp;
    char *mem; /* the copy behind ind_reader_open_memory */
    ind_input_format format;
    ind_limits limits;

    char *buf; /* buf[start..len) is read but not yet used */
    size_t start, len, cap;
    int eof;
    size_t bytes;

    int dead, recoverable;

    cJSON *root; /* JSON: the document, or what is left of an array */
    cJSON *next_elem;
    int index, loaded, single_done;

    int32_t line;   /* JSON Lines: the line of the next record */
    size_t scanned; /* bytes after start already searched for a line end */
    int skipping;   /* inside an over-long record */
    int bom_checked;

    ind_dataset_builder *builder; /* JSON: one for all the areas */
    cJSON *last_tree; /* JSON Lines: the record before, deleted on the next */
    ind_csv_stream *csv;
};

/* ---- names -------------------------------------------------------------------- */

ind_input_format ind_input_format_from_name(const char *path)
{
    if (path == NULL)
        return IND_INPUT_AUTO;
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && slash > dot))
        return IND_INPUT_AUTO;
    if (strcasecmp(dot, ".json") == 0)
        return IND_INPUT_JSON;
    if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".ndjson") == 0)
        return IND_INPUT_JSONL;
    if (strcasecmp(dot, ".csv") == 0)
        return IND_INPUT_CSV;
    return IND_INPUT_AUTO;
}

const char *ind_input_format_name(ind_input_format f)
{
    switch (f) {
    case IND_INPUT_JSON: return "json";
    case IND_INPUT_JSONL: return "jsonl";
    case IND_INPUT_CSV: return "csv";
    default: return "auto";
    }
}

/* ---- the buffer ------------------------------------------------------------------- */

static int fill(ind_reader *r, ind_error *err)
{
    if (r->eof)
        return IND_OK;
    if (r->start > 0 && r->start == r->len) {
        r->start = r->len = 0;
    } else if (r->start > 0 && r->cap - r->len < READ_CHUNK / 4) {
        memmove(r->buf, r->buf + r->start, r->len - r->start);
        r->len -= r->start;
        r->start = 0;
    }
    if (r->cap - r->len < READ_CHUNK / 4) {
        size_t cap = r->cap ? r->cap * 2 : READ_CHUNK;
        char *b = cap > r->cap ? realloc(r->buf, cap) : NULL;
        if (b == NULL)
            return ind_error_set(err, IND_ENOMEM, "%s: out of memory", r->name);
        r->buf = b;
        r->cap = cap;
    }
    if (r->fp == NULL) {
        r->eof = 1;
        return IND_OK;
    }
    size_t want = r->cap - r->len < READ_CHUNK ? r->cap - r->len : READ_CHUNK;
    size_t n = fread(r->buf + r->len, 1, want, r->fp);
    if (n == 0 && ferror(r->fp))
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", r->name,
                             strerror(errno));
    if (n == 0)
        r->eof = 1;
    r->len += n;
    return IND_OK;
}

/* Makes at least n bytes after start available, unless the input ends. */
static int want_bytes(ind_reader *r, size_t n, ind_error *err)
{
    while (r->len - r->start < n && !r->eof) {
        int rc = fill(r, err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- telling the format from the content -------------------------------------------- */

/* The index (from start) of the first byte that is not white space, after
** a byte-order mark; len - start at the end of the input. */
static int first_byte(ind_reader *r, size_t *at, ind_error *err)
{
    int rc = want_bytes(r, 3, err);
    if (rc != IND_OK)
        return rc;
    size_t i = r->len - r->start >= 3 &&
                       memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0
                   ? 3
                   : 0;
    for (;;) {
        while (i < r->len - r->start && json_space(r->buf[r->start + i]))
            i++;
        if (i < r->len - r->start || r->eof || i > r->limits.max_document)
            break;
        if ((rc = want_bytes(r, i + 1, err)) != IND_OK)
            return rc;
    }
    *at = i;
    return IND_OK;
}

/* Follows an object from its '{' to the end of its line. Sets *complete
** when the object closes on that line with only white space after it, and
** *end to the index just past the line end. */
static int first_line_object(ind_reader *r, size_t i, int *complete, size_t *end,
                             ind_error *err)
{
    int depth = 0, in_string = 0, escape = 0, closed = 0;
    *complete = 0;
    for (;; i++) {
        if (i >= r->len - r->start) {
            if (r->eof || i > r->limits.max_line)
                return IND_OK; /* no line end: one document, or too long a line */
            int rc = want_bytes(r, i + 1, err);
            if (rc != IND_OK)
                return rc;
            if (i >= r->len - r->start)
                return IND_OK;
        }
        char c = r->buf[r->start + i];
        if (c == '\n') {
            *complete = closed;
            *end = i + 1;
            return IND_OK;
        }
        if (closed) {
            if (!json_space(c))
                return IND_OK;
        } else if (in_string) {
            if (escape)
                escape = 0;
            else if (c == '\\')
                escape = 1;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            closed = --depth == 0;
        }
    }
}

/* '{': JSON Lines when the first line is a whole object and more follows on
** later lines; otherwise one JSON document. */
static int sniff_object(ind_reader *r, size_t i, ind_error *err)
{
    int complete;
    size_t end;
    r->format = IND_INPUT_JSON;
    int rc = first_line_object(r, i, &complete, &end, err);
    if (rc != IND_OK || !complete)
        return rc;
    for (size_t j = end;; j++) {
        if (j >= r->len - r->start) {
            if (r->eof || j > r->limits.max_document)
                return IND_OK;
            if ((rc = want_bytes(r, j + 1, err)) != IND_OK)
                return rc;
            if (j >= r->len - r->start)
                return IND_OK;
        }
        if (!json_space(r->buf[r->start + j])) {
            r->format = IND_INPUT_JSONL;
            return IND_OK;
        }
    }
}

static int sniff(ind_reader *r, ind_error *err)
{
    size_t i;
    int rc = first_byte(r, &i, err);
    if (rc != IND_OK)
        return rc;
    if (i >= r->len - r->start) {
        r->format = IND_INPUT_JSON; /* nothing at all: reported as malformed */
        return IND_OK;
    }
    char c = r->buf[r->start + i];
    if (c == '[') {
        r->format = IND_INPUT_JSON;
        return IND_OK;
    }
    if (c == '{')
        return sniff_object(r, i, err);
    r->format = IND_INPUT_CSV;
    return IND_OK;
}

/* ---- opening ------------------------------------------------------------------------ */

static int start_csv(ind_reader *r, ind_error *err)
{
    const char *held = r->len > r->start ? r->buf + r->start : NULL;
    int rc = ind_csv_stream_open_prefix(r->name, r->fp, held, r->len - r->start,
                                        &r->limits, &r->csv, err);
    free(r->buf);
    r->buf = NULL;
    r->start = r->len = r->cap = 0;
    return rc;
}

static int start(ind_reader *r, ind_input_format format, ind_reader **out,
                 ind_error *err)
{
    r->format = format;
    r->line = 1;
    int rc = format == IND_INPUT_AUTO ? sniff(r, err) : IND_OK;
    if (rc == IND_OK && r->format == IND_INPUT_CSV)
        rc = start_csv(r, err);
    if (rc != IND_OK) {
        ind_reader_close(r);
        return rc;
    }
    *out = r;
    return IND_OK;
}

static ind_reader *reader_new(const char *name, const ind_limits *limits)
{
    ind_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->name = strdup(name != NULL ? name : "-");
    if (r->name == NULL) {
        free(r);
        return NULL;
    }
    if (limits != NULL)
        r->limits = *limits;
    ind_limits_defaults(&r->limits);
    return r;
}

static int valid_format(ind_input_format f)
{
    return f >= IND_INPUT_AUTO && f <= IND_INPUT_CSV;
}

static FILE *open_file(const char *path, ind_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        ind_error_set(err, IND_EIO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(fp);
        ind_error_set(err, IND_EIO, "%s: cannot open: %s", path, strerror(EISDIR));
        return NULL;
    }
    return fp;
}

int ind_reader_open(const char *path, ind_input_format format,
                    const ind_limits *limits, ind_reader **out, ind_error *err)
{
    if (out != NULL)
        *out = NULL;
    if (path == NULL || out == NULL || !valid_format(format))
        return ind_error_set(err, IND_EINVAL, "ind_reader_open: bad arguments");
    int is_stdin = strcmp(path, "-") == 0;
    if (format == IND_INPUT_AUTO && !is_stdin)
        format = ind_input_format_from_name(path);
    FILE *fp = is_stdin ? stdin : open_file(path, err);
    if (fp == NULL)
        return IND_EIO;
    ind_reader *r = reader_new(path, limits);
    if (r == NULL) {
        if (!is_stdin)
            fclose(fp);
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", path);
    }
    r->fp = fp;
    r->close_fp = !is_stdin;
    return start(r, format, out, err);
}

int ind_reader_open_memory(const char *name, const char *data, size_t size,
                           ind_input_format format, const ind_limits *limits,
                           ind_reader **out, ind_error *err)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || (data == NULL && size > 0) || !valid_format(format))
        return ind_error_set(err, IND_EINVAL, "ind_reader_open_memory: bad arguments");
    if (format == IND_INPUT_AUTO)
        format = ind_input_format_from_name(name);
    ind_reader *r = reader_new(name, limits);
    if (r == NULL || (r->mem = malloc(size ? size : 1)) == NULL) {
        ind_reader_close(r);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (size > 0)
        memcpy(r->mem, data, size);
    /* Read through a FILE like any file; an empty input needs none (and
    ** fmemopen of zero bytes is not portable). */
    if (size > 0 && (r->fp = fmemopen(r->mem, size, "r")) == NULL) {
        ind_reader_close(r);
        return ind_error_set(err, IND_EIO, "%s: cannot open: %s", r->name,
                             strerror(errno));
    }
    r->close_fp = r->fp != NULL;
    return start(r, format, out, err);
}

/* ---- JSON documents -------------------------------------------------------------------- */

static int json_load(ind_reader *r, ind_error *err)
{
    r->loaded = 1;
    char words[64];
    while (!r->eof && r->len - r->start <= r->limits.max_document) {
        int rc = fill(r, err);
        if (rc != IND_OK)
            return rc;
    }
    size_t size = r->len - r->start;
    r->bytes = size;
    if (size > r->limits.max_document) {
        ind_size_words(words, sizeof words, r->limits.max_document);
        return ind_error_set(err, IND_ELIMIT,
                             "%s: larger than the %s limit for a JSON document",
                             r->name, words);
    }
    int rc = ind_json_parse_text(r->name, 1, r->buf + r->start, size, &r->root, err);
    /* The tree holds its own copies: the text can go. */
    free(r->buf);
    r->buf = NULL;
    r->start = r->len = r->cap = 0;
    if (rc != IND_OK)
        return rc;
    if (cJSON_IsArray(r->root)) {
        r->next_elem = r->root->child;
        return IND_OK;
    }
    if (!cJSON_IsObject(r->root)) {
        const char *found = cJSON_IsString(r->root) ? "a string"
                            : cJSON_IsNumber(r->root) ? "a number"
                            : cJSON_IsBool(r->root) ? "a boolean"
                                                    : "null";
        return ind_error_set(err, IND_EDATA,
                             "%s: $: expected an area object or an array of "
                             "them, found %s", r->name, found);
    }
    return IND_OK;
}

/* The builder kept for all the areas of a JSON input. */
static int need_builder(ind_reader *r, ind_error *err)
{
    if (r->builder == NULL &&
        (r->builder = ind_dataset_builder_new(r->name, &r->limits)) == NULL)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", r->name);
    return IND_OK;
}

static int json_next(ind_reader *r, ind_dataset **out, ind_error *err)
{
    if (!r->loaded) {
        int rc = json_load(r, err);
        if (rc != IND_OK) {
            r->dead = 1;
            return rc;
        }
    }
    int rc;
    if (cJSON_IsObject(r->root)) {
        if (r->single_done)
            return IND_OK;
        r->single_done = 1;
        rc = ind_json_build_area(r->name, "$", 0, r->root, &r->limits, out, err);
    } else {
        cJSON *e = r->next_elem;
        if (e == NULL)
            return IND_OK;
        r->next_elem = e->next;
        cJSON_DetachItemViaPointer(r->root, e);
        char path[PATH_LEN];
        snprintf(path, sizeof path, "$[%d]", r->index++);
        rc = need_builder(r, err);
        if (rc == IND_OK)
            rc = ind_json_build_area_in(r->builder, 0, r->name, path, 0, e, out, err);
        cJSON_Delete(e);
    }
    r->recoverable = rc == IND_EDATA || rc == IND_ELIMIT;
    return rc;
}

/* ---- JSON Lines ---------------------------------------------------------------------- */

static int over_long(const ind_reader *r, int32_t line, ind_error *err)
{
    char words[64];
    ind_size_words(words, sizeof words, r->limits.max_line);
    return ind_error_set(err, IND_ELIMIT,
                         "%s:%d: record longer than the %s limit for a JSON "
                         "Lines record", r->name, (int)line, words);
}

/* The next line, without its line end; *text is NULL at the end. A line
** over the limit is skipped after its error is given. */
static int next_line(ind_reader *r, const char **text, size_t *size,
                     int32_t *line, ind_error *err)
{
    *text = NULL;
    for (;;) {
        char *nl = NULL;
        if (r->len > r->start)
            nl = memchr(r->buf + r->start + r->scanned, '\n',
                        r->len - r->start - r->scanned);
        if (nl != NULL || (r->eof && r->len > r->start)) {
            size_t n = nl != NULL ? (size_t)(nl - (r->buf + r->start)) : r->len - r->start;
            const char *t = r->buf + r->start;
            r->start += n + (nl != NULL);
            r->bytes += n + (nl != NULL);
            r->scanned = 0;
            *line = r->line++;
            if (r->skipping) {
                r->skipping = 0;
                continue;
            }
            if (n > r->limits.max_line)
                return over_long(r, *line, err);
            *text = t;
            *size = n;
            return IND_OK;
        }
        if (r->eof)
            return IND_OK;
        r->scanned = r->len - r->start;
        if (r->scanned > r->limits.max_line || r->skipping) {
            /* Drop what is held of an over-long line, keeping the count. */
            r->bytes += r->scanned;
            r->start = r->len;
            r->scanned = 0;
            if (!r->skipping) {
                r->skipping = 1;
                return over_long(r, r->line, err);
            }
        }
        int rc = fill(r, err);
        if (rc != IND_OK)
            return rc;
    }
}

static int blank(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!json_space(t[i]))
            return 0;
    }
    return 1;
}

static int skip_bom(ind_reader *r, ind_error *err)
{
    r->bom_checked = 1;
    int rc = want_bytes(r, 3, err);
    if (rc == IND_OK && r->len - r->start >= 3 &&
        memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0) {
        r->start += 3;
        r->bytes += 3;
    }
    return rc;
}

static int jsonl_next(ind_reader *r, ind_dataset **out, ind_error *err)
{
    int rc = r->bom_checked ? IND_OK : skip_bom(r, err);
    const char *text;
    size_t size;
    int32_t line;
    while (rc == IND_OK) {
        rc = next_line(r, &text, &size, &line, err);
        if (rc != IND_OK || text == NULL)
            break;
        if (blank(text, size))
            continue;
        rc = need_builder(r, err);
        /* The tree of the record before is deleted just before this one is
        ** parsed, which takes its nodes back at once: deleted at the end of
        ** the call, they would wait in malloc's fast bins while the caller
        ** frees and allocates, and be merged and split again. */
        cJSON_Delete(r->last_tree);
        r->last_tree = NULL;
        if (rc == IND_OK)
            rc = ind_json_parse_area_in(r->builder, r->name, "$", line, text, size,
                                        &r->limits, out, &r->last_tree, err);
        break;
    }
    r->recoverable = rc == IND_EPARSE || rc == IND_EDATA || rc == IND_ELIMIT;
    if (rc != IND_OK && !r->recoverable)
        r->dead = 1;
    return rc;
}

/* ---- reading ------------------------------------------------------------------------- */

int ind_reader_next(ind_reader *r, ind_dataset **out, ind_error *err)
{
    if (out == NULL || r == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_reader_next: no reader or output");
    *out = NULL;
    if (r->dead)
        return ind_error_set(err, IND_EINVAL,
                             "%s: cannot read on after an earlier error", r->name);
    r->recoverable = 0;
    int rc;
    switch (r->format) {
    case IND_INPUT_CSV:
        rc = ind_csv_stream_next(r->csv, out, err);
        r->recoverable = ind_csv_stream_recoverable(r->csv);
        break;
    case IND_INPUT_JSONL:
        rc = jsonl_next(r, out, err);
        break;
    default:
        rc = json_next(r, out, err);
        break;
    }
    if (rc != IND_OK && !r->recoverable)
        r->dead = 1;
    return rc;
}

int ind_reader_recoverable(const ind_reader *r)
{
    return r != NULL && r->recoverable;
}

ind_input_format ind_reader_format(const ind_reader *r)
{
    return r == NULL ? IND_INPUT_AUTO : r->format;
}

size_t ind_reader_bytes(const ind_reader *r)
{
    if (r == NULL)
        return 0;
    return r->format == IND_INPUT_CSV ? ind_csv_stream_bytes(r->csv) : r->bytes;
}

void ind_reader_close(ind_reader *r)
{
    if (r == NULL)
        return;
    ind_csv_stream_close(r->csv);
    ind_dataset_builder_free(r->builder);
    cJSON_Delete(r->last_tree);
    cJSON_Delete(r->root);
    if (r->close_fp && r->fp != NULL)
        fclose(r->fp);
    free(r->mem);
    free(r->buf);
    free(r->name);
    free(r);
}
