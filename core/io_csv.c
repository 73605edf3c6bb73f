/*
** io_csv.c: areas from CSV long format, read as a stream.
**
** The input is read in 64 KiB blocks and split by libcsv, whose callbacks
** copy each field into one text buffer and note each record's line and
** whether it begins a new area. ind_csv_stream_next waits
** until the rows of one area are complete (the next area has begun, or the
** input ended), groups them by series, since rows of different series may
** interleave, and builds the dataset with a builder kept for the whole
** input. Rows handed out are dropped once they are at least half of what is
** held, so memory stays bounded by the largest area plus a block, and no
** field costs an allocation of its own.
**
** The rows of an area must be together, and an area that appears again is
** an error. While the areas come in order, each name greater than the one
** before in byte order (an export sorted by area), none of them can have
** been read before, so the stream keeps only the name of the last: memory
** does not grow with the number of areas. The first area out of order turns
** the stream, for good, to remembering every area, as a 128-bit fingerprint
** of its name rather than the name: 16 bytes an area whatever the name's
** length, about 19 with the room the table keeps free. The areas read
** before that one are found by reading the input once more from where the
** stream began, with a parser of its own, as far as the area out of order;
** the stream itself reads on where it was. So sorted input costs nothing an
** area; other input costs one extra pass over its part in order, and the
** fingerprints of all its areas. Only a regular file can be read again: an
** input through a pipe, or from a FILE in memory, is fingerprinted from its
** first area. Two different names share a fingerprint with a chance of
** about n^2 / 2^129 over n areas, below 10^-20 for a billion areas.
**
** Lines are counted from what the parsers report: every line end outside
** quotes reaches the row handler (a blank line, or the LF of a CRLF, as an
** empty row), and line ends inside quoted fields are counted in the field
** text.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <csv.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dataset_internal.h"
#include "indicate/io_csv.h"

#define BLOCK_SIZE (64u * 1024u)
#define CSV_FIELD_GROWTH (64u * 1024u)

enum role { R_AREA, R_SERIES, R_PERIOD, R_VALUE, R_CODE, R_TITLE, R_UNIT, R_FLAG,
            R_COUNT };
#define R_REQUIRED 4 /* area, series, period and value must be present */

static const char *const ROLE_NAMES[R_COUNT] = {
    "area", "series", "period", "value", "code", "title", "unit", "flag"};

typedef struct field {
    size_t off; /* absolute position of the text (text_base counts dropped bytes) */
    size_t len;
} field;

typedef struct row {
    size_t first; /* absolute index of its first field */
    int32_t line;
    int new_area; /* its area differs from the row before */
} row;

/* A fingerprint of an area name; all zero is an empty slot. */
typedef struct print {
    uint64_t hi, lo;
} print;

/* The fingerprints are spread over shards that grow one at a time, each by
** an eighth, so that growing never holds two copies of the whole set and
** little room is left empty: between 80 and 90 in 100 slots are used. */
#define AREA_SHARDS 64
#define SHARD_MIN 16

typedef struct shard {
    print *slot;
    size_t n, cap;
} shard;

typedef struct area_set {
    shard shard[AREA_SHARDS];
} area_set;

/* Series ids of the current area; a slot is live when gen matches. */
typedef struct series_slot {
    const char *s;
    size_t len;
    uint32_t hash, gen, id;
} series_slot;

struct ind_csv_stream {
    char *file;
    FILE *fp;
    ind_limits limits;
    struct csv_parser parser;
    char *block;
    char *prefix;
    size_t prefix_len, prefix_pos;
    int at_start;   /* a byte-order mark may still come */
    int input_done; /* csv_fini has run */
    size_t bytes;

    char *text;
    size_t text_base, text_len, text_cap;
    field *fields;
    size_t field_base, n_fields, cap_fields;
    row *rows;
    size_t row_base, n_rows, cap_rows;
    size_t cursor; /* absolute index of the first row not handed out */
    size_t scan;   /* rows before this were searched for an area's start */

    size_t rec_first, rec_nf, rec_bytes; /* the record being read */
    int32_t rec_line, line;
    int prev_cr;
    int quoted; /* a quote has been read: fields may hold line ends */

    char *last_area; /* the area of the last row, to see where one begins */
    size_t last_area_len, last_area_cap;
    int have_last;

    int have_header;
    size_t ncols;
    long col[R_COUNT]; /* column of each role, or -1 */

    /* A fatal error met while parsing, given when the rows before it are
    ** used up. */
    int pending;
    ind_error pending_err;
    int dead, recoverable;

    /* Telling an area that appears again: see the top comment. */
    int by_set;        /* areas are remembered in seen */
    int fd;            /* a regular file to read again, or -1 */
    off_t fd_start;    /* where in it the stream's own reads began */
    char *prev_area;   /* the area built last, while areas come in order */
    size_t prev_area_len, prev_area_cap;
    size_t n_ordered;  /* areas built while they came in order */
    area_set seen;

    ind_dataset_builder *builder; /* one for all the areas */
    series_slot *sslot;
    size_t n_sslot, n_ids;
    uint32_t gen;
    uint32_t *row_id;
    size_t cap_row_id;
    size_t *start; /* per series: where its rows begin in order */
    size_t cap_start;
    size_t *order; /* the area's rows grouped by series, in input order */
    size_t cap_order;
};

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 64;
    while (c < need) {
        if (c > SIZE_MAX / 2 / size)
            return 0;
        c *= 2;
    }
    void *q = realloc(*p, c * size);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static void set_pending(ind_csv_stream *s, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void set_pending(ind_csv_stream *s, int code, const char *fmt, ...)
{
    if (s->pending)
        return;
    char msg[IND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ind_error_set(&s->pending_err, code, "%s", msg);
    s->pending = code;
}

static void out_of_memory(ind_csv_stream *s)
{
    set_pending(s, IND_ENOMEM, "%s: out of memory", s->file);
}

/* ---- the rows held ------------------------------------------------------------ */

static const char *text_at(const ind_csv_stream *s, size_t off)
{
    return s->text + (off - s->text_base);
}

static row *row_at(const ind_csv_stream *s, size_t i)
{
    return &s->rows[i - s->row_base];
}

static const field *cell(const ind_csv_stream *s, const row *r, enum role role)
{
    return &s->fields[r->first - s->field_base + (size_t)s->col[role]];
}

/* The text of a role in a row ("" when the column is absent). */
static const char *cell_text(const ind_csv_stream *s, const row *r,
                             enum role role, size_t *len)
{
    if (s->col[role] < 0) {
        *len = 0;
        return "";
    }
    const field *f = cell(s, r, role);
    *len = f->len;
    return text_at(s, f->off);
}

/* Drops the rows handed out, once they are at least half of those held, so
** each byte is moved at most about once. Only between blocks, never while
** a record is being read. */
static void compact(ind_csv_stream *s)
{
    size_t drop = s->cursor - s->row_base;
    if (drop == 0 || drop * 2 < s->n_rows)
        return;
    size_t keep = s->n_rows - drop;
    size_t field_end = s->field_base + s->n_fields;
    size_t f_keep = keep ? s->rows[drop].first : (s->rec_nf ? s->rec_first : field_end);
    size_t t_keep = f_keep < field_end ? s->fields[f_keep - s->field_base].off
                                       : s->text_base + s->text_len;
    memmove(s->rows, s->rows + drop, keep * sizeof *s->rows);
    s->row_base += drop;
    s->n_rows = keep;
    size_t fd = f_keep - s->field_base;
    memmove(s->fields, s->fields + fd, (s->n_fields - fd) * sizeof *s->fields);
    s->field_base = f_keep;
    s->n_fields -= fd;
    size_t td = t_keep - s->text_base;
    memmove(s->text, s->text + td, s->text_len - td);
    s->text_base = t_keep;
    s->text_len -= td;
}

/* Notes a field whose text is already in the buffer at off. */
static int note_field(ind_csv_stream *s, size_t off, size_t len)
{
    if (s->n_fields == s->cap_fields &&
        !grow((void **)&s->fields, &s->cap_fields, s->n_fields + 1, sizeof *s->fields))
        return 0;
    s->fields[s->n_fields].off = off;
    s->fields[s->n_fields].len = len;
    s->n_fields++;
    return 1;
}

static int push_field(ind_csv_stream *s, const char *data, size_t len)
{
    if (!grow((void **)&s->text, &s->text_cap, s->text_len + len + 1, 1))
        return 0;
    if (len > 0)
        memcpy(s->text + s->text_len, data, len);
    s->text[s->text_len + len] = '\0';
    if (!note_field(s, s->text_base + s->text_len, len))
        return 0;
    s->text_len += len + 1;
    return 1;
}

/* Line ends inside a field (only a quoted one has any). A plain loop: the
** fields are a few bytes, where a call to memchr costs more than it saves. */
static int32_t count_lf(const char *p, size_t len)
{
    int32_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += p[i] == '\n';
    return n;
}

/* ---- records ------------------------------------------------------------------------ */

static void header(ind_csv_stream *s)
{
    char q[IND_QUOTE_MAX];
    for (int k = 0; k < R_COUNT; k++)
        s->col[k] = -1;
    for (size_t i = 0; i < s->rec_nf; i++) {
        const field *f = &s->fields[s->rec_first - s->field_base + i];
        const char *t = text_at(s, f->off);
        int k = 0;
        while (k < R_COUNT && (strlen(ROLE_NAMES[k]) != f->len ||
                               memcmp(ROLE_NAMES[k], t, f->len) != 0))
            k++;
        ind_quote(q, sizeof q, t, f->len);
        if (k == R_COUNT) {
            set_pending(s, IND_EDATA,
                        "%s:%d: unknown column %s (expected area, series, "
                        "period, value, code, title, unit or flag)",
                        s->file, (int)s->rec_line, q);
            return;
        }
        if (s->col[k] >= 0) {
            set_pending(s, IND_EDATA, "%s:%d: column %s appears twice", s->file,
                        (int)s->rec_line, q);
            return;
        }
        s->col[k] = (long)i;
    }
    for (int k = 0; k < R_REQUIRED; k++) {
        if (s->col[k] < 0) {
            set_pending(s, IND_EDATA,
                        "%s:%d: missing column \"%s\" (required: area, series, "
                        "period, value)", s->file, (int)s->rec_line, ROLE_NAMES[k]);
            return;
        }
    }
    s->ncols = s->rec_nf;
    s->have_header = 1;
}

static void drop_record(ind_csv_stream *s)
{
    size_t fd = s->rec_first - s->field_base;
    s->text_len = s->fields[fd].off - s->text_base;
    s->n_fields = fd;
}

static int note_area(ind_csv_stream *s, const field *f)
{
    const char *t = text_at(s, f->off);
    if (s->have_last && s->last_area_len == f->len &&
        memcmp(s->last_area, t, f->len) == 0)
        return 0;
    if (!grow((void **)&s->last_area, &s->last_area_cap, f->len + 1, 1)) {
        out_of_memory(s);
        return 0;
    }
    memcpy(s->last_area, t, f->len);
    s->last_area_len = f->len;
    s->have_last = 1;
    return 1;
}

static void end_record(ind_csv_stream *s)
{
    if (!s->have_header) {
        header(s);
        drop_record(s);
        return;
    }
    if (s->rec_nf != s->ncols) {
        set_pending(s, IND_EPARSE,
                    "%s:%d: malformed CSV: %zu fields where the header has %zu",
                    s->file, (int)s->rec_line, s->rec_nf, s->ncols);
        return;
    }
    if (s->n_rows == s->cap_rows &&
        !grow((void **)&s->rows, &s->cap_rows, s->n_rows + 1, sizeof *s->rows)) {
        out_of_memory(s);
        return;
    }
    row *r = &s->rows[s->n_rows++];
    r->first = s->rec_first;
    r->line = s->rec_line;
    r->new_area = note_area(s, cell(s, r, R_AREA));
}

static void begin_record(ind_csv_stream *s)
{
    s->rec_line = s->line;
    s->rec_first = s->field_base + s->n_fields;
    s->rec_bytes = 0;
}

static void record_too_long(ind_csv_stream *s)
{
    char words[64];
    ind_size_words(words, sizeof words, s->limits.max_line);
    set_pending(s, IND_ELIMIT, "%s:%d: record longer than the %s limit",
                s->file, (int)s->rec_line, words);
}

/* A line end, or the end of the input (c < 0), after a record or none. */
static void end_row(ind_csv_stream *s, int c)
{
    int eol = c == '\n' || c == '\r';
    if (s->rec_nf == 0) {
        /* A blank line, or the LF of a CRLF. */
        if (c == '\n' && s->prev_cr)
            s->prev_cr = 0;
        else if (eol) {
            s->line++;
            s->prev_cr = c == '\r';
        }
        return;
    }
    if (eol) {
        s->line++;
        s->prev_cr = c == '\r';
    }
    end_record(s);
    s->rec_nf = 0;
}

/* ---- libcsv --------------------------------------------------------------------------- */

/* RFC 4180: spaces are part of a field. libcsv would trim them around
** unquoted fields, so that " 2023-24" passed here but not in JSON. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* One set of options for every parser of the input, so that reading it
** again finds the same records. */
static int parser_init(struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
        return 0;
    csv_set_blk_size(p, CSV_FIELD_GROWTH);
    csv_set_space_func(p, no_space);
    return 1;
}

static void on_field(void *data, size_t len, void *ctx)
{
    ind_csv_stream *s = ctx;
    if (s->pending)
        return;
    if (s->rec_nf == 0)
        begin_record(s);
    s->prev_cr = 0;
    s->rec_bytes += len + 1;
    if (s->rec_bytes > s->limits.max_line) {
        record_too_long(s);
        return;
    }
    if (!push_field(s, data, len)) {
        out_of_memory(s);
        return;
    }
    s->rec_nf++;
    if (s->quoted && len > 0)
        s->line += count_lf(data, len);
}

static void on_row(int c, void *ctx)
{
    ind_csv_stream *s = ctx;
    if (!s->pending)
        end_row(s, c);
}

static void parse_failed(ind_csv_stream *s)
{
    int status = csv_error(&s->parser);
    if (status == CSV_ENOMEM) {
        out_of_memory(s);
        return;
    }
    if (status != CSV_EPARSE) {
        set_pending(s, IND_ELIMIT, "%s:%d: field too large", s->file, (int)s->line);
        return;
    }
    /* Line ends since the last callback can only be inside the field being
    ** read, which is where the bad quote is. */
    int32_t line = s->line;
    if (s->parser.entry_pos > 0)
        line += count_lf((const char *)s->parser.entry_buf, s->parser.entry_pos);
    if (s->parser.quoted)
        set_pending(s, IND_EPARSE,
                    "%s:%d: malformed CSV: a quoted field must end at a comma or "
                    "a line end (a quote inside it is written twice)",
                    s->file, (int)line);
    else
        set_pending(s, IND_EPARSE,
                    "%s:%d: malformed CSV: a quote inside an unquoted field",
                    s->file, (int)line);
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t';
}

static int is_edge(unsigned char c)
{
    return c == ',' || c == '\n' || c == '\r' || c == '"';
}

/* Whether libcsv's own handling of spaces reads b[0..n) as no_space does.
** libcsv trims spaces and tabs at the ends of unquoted fields and skips them
** around quotes, so only a space or tab that touches a comma, a line end or
** a quote can be read differently, or one at either end of the block, which
** may touch one in the block before or after. Calling no_space costs a call
** for every byte of every unquoted field, a tenth of the reading time, so
** blocks whose spaces are all inside names ("North Lanarkshire") are parsed
** without it. The search takes 16 bytes a step where SSE2 is there (every
** x86-64), a byte a step elsewhere. */
static int spaces_inert(const unsigned char *b, size_t n)
{
    if (n == 0)
        return 1;
    if (is_blank(b[0]) || is_blank(b[n - 1]))
        return 0;
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    unsigned blank_before = 0, edge_before = 0; /* the last byte of the step before */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        unsigned blank = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)));
        unsigned edge = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, lf)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote))));
        /* bit k of x << 1 is byte k - 1: a blank before an edge, or after */
        unsigned prev_blank = (blank << 1) | blank_before, prev_edge = (edge << 1) | edge_before;
        if ((prev_blank & edge) | (prev_edge & blank))
            return 0;
        blank_before = blank >> 15;
        edge_before = edge >> 15;
    }
#endif
    for (i = i > 0 ? i : 1; i < n; i++) {
        if ((is_blank(b[i - 1]) && is_edge(b[i])) || (is_edge(b[i - 1]) && is_blank(b[i])))
            return 0;
    }
    return 1;
}

/* A UTF-8 byte-order mark at the start of the input is not data. */
static void skip_bom(const char **buf, size_t *n)
{
    if (*n >= 3 && memcmp(*buf, "\xEF\xBB\xBF", 3) == 0) {
        *buf += 3;
        *n -= 3;
    }
}

/* Gives buf[0..n) to libcsv, which calls back for every field and row. */
static void feed(ind_csv_stream *s, const char *buf, size_t n)
{
    /* A line end inside a field needs a quote before it, in this block or
    ** an earlier one: until the first quote, fields need no counting. */
    if (!s->quoted && memchr(buf, '"', n) != NULL)
        s->quoted = 1;
    csv_set_space_func(&s->parser,
                       spaces_inert((const unsigned char *)buf, n) ? NULL : no_space);
    if (csv_parse(&s->parser, buf, n, on_field, on_row, s) < n && !s->pending)
        parse_failed(s);
}

static void finish_input(ind_csv_stream *s)
{
    int32_t line = s->rec_nf ? s->rec_line : s->line;
    if (csv_fini(&s->parser, on_field, on_row, s) != 0)
        set_pending(s, IND_EPARSE, "%s:%d: malformed CSV: a quoted field is not closed",
                    s->file, (int)line);
    s->input_done = 1;
    if (!s->have_header)
        set_pending(s, IND_EDATA,
                    "%s: no header row (expected columns area, series, period, "
                    "value)", s->file);
}

static void check_record_size(ind_csv_stream *s)
{
    /* libcsv holds a long field until it ends: bound it by the record limit. */
    size_t held = (s->rec_nf ? s->rec_bytes : 0) + s->parser.entry_pos;
    if (held <= s->limits.max_line)
        return;
    char words[64];
    ind_size_words(words, sizeof words, s->limits.max_line);
    set_pending(s, IND_ELIMIT, "%s:%d: record longer than the %s limit", s->file,
                (int)(s->rec_nf ? s->rec_line : s->line), words);
}

static int read_block(ind_csv_stream *s, ind_error *err)
{
    compact(s);
    const char *buf = s->block;
    size_t n = 0;
    if (s->prefix_pos < s->prefix_len) {
        buf = s->prefix + s->prefix_pos;
        n = s->prefix_len - s->prefix_pos < BLOCK_SIZE ? s->prefix_len - s->prefix_pos
                                                       : BLOCK_SIZE;
        s->prefix_pos += n;
    } else if (s->fp != NULL) {
        n = fread(s->block, 1, BLOCK_SIZE, s->fp);
        if (n == 0 && ferror(s->fp))
            return ind_error_set(err, IND_EIO, "%s: cannot read: %s", s->file,
                                 strerror(errno));
    }
    if (n == 0) {
        finish_input(s);
        return IND_OK;
    }
    s->bytes += n;
    if (s->at_start) {
        s->at_start = 0;
        skip_bom(&buf, &n);
    }
    feed(s, buf, n);
    if (!s->pending)
        check_record_size(s);
    return IND_OK;
}

/* The end of the area that begins at the cursor, reading as needed; equal to
** the cursor at the end of the input. */
/* The error that stops the input. The rows of the area being read when it
** came are complete but that area is not, as far as anyone can tell: it is
** named, so that it is not lost without a word. */
static int fatal_error(ind_csv_stream *s, size_t stop, ind_error *err)
{
    if (err == NULL)
        return s->pending;
    *err = s->pending_err;
    if (s->cursor >= stop)
        return s->pending;
    const row *r = row_at(s, s->cursor);
    size_t len;
    const char *name = cell_text(s, r, R_AREA, &len);
    char q[IND_QUOTE_MAX];
    ind_quote(q, sizeof q, name, len);
    size_t used = strlen(err->message);
    snprintf(err->message + used, sizeof err->message - used,
             "; area %s (from line %d) is not computed", q, (int)r->line);
    return s->pending;
}

static int area_end(ind_csv_stream *s, size_t *end, ind_error *err)
{
    for (;;) {
        size_t stop = s->row_base + s->n_rows;
        size_t i = s->scan > s->cursor ? s->scan : s->cursor + 1;
        for (; i < stop && !row_at(s, i)->new_area; i++)
            ;
        s->scan = i;
        if (i < stop) {
            *end = i;
            return IND_OK;
        }
        if (s->pending)
            return fatal_error(s, stop, err);
        if (s->input_done) {
            *end = stop;
            return IND_OK;
        }
        int rc = read_block(s, err);
        if (rc != IND_OK)
            return rc;
    }
}

/* ---- the areas read --------------------------------------------------------------------- */

/* splitmix64's finalizer: a bijection of 64-bit words that mixes every bit
** into every other. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Two lanes over the name's 8-byte words, each a chain of bijections, so
** names of one length that differ in one word differ in both lanes. */
static print fingerprint(const char *s, size_t len)
{
    uint64_t a = 0x9e3779b97f4a7c15u ^ len, b = 0x6a09e667f3bcc909u + len;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i < 8 ? len - i : 8);
        a = mix64(a ^ w);
        b = mix64(((b << 23) | (b >> 41)) + w);
    }
    print p = {mix64(b ^ 0x243f6a8885a308d3u), a};
    if (p.hi == 0 && p.lo == 0)
        p.lo = 1; /* all zero marks an empty slot */
    return p;
}

/* Where a print's search begins among cap slots: its high bits scaled. */
static size_t home(print p, size_t cap)
{
    return (size_t)(((p.hi >> 32) * (uint64_t)cap) >> 32);
}

static int shard_grow(shard *sh)
{
    size_t cap = sh->cap < SHARD_MIN ? SHARD_MIN : sh->cap + sh->cap / 8;
    if (cap > UINT32_MAX)
        return 0;
    print *slot = calloc(cap, sizeof *slot);
    if (slot == NULL)
        return 0;
    for (size_t i = 0; i < sh->cap; i++) {
        print p = sh->slot[i];
        if (p.hi == 0 && p.lo == 0)
            continue;
        size_t j = home(p, cap);
        while (slot[j].hi != 0 || slot[j].lo != 0)
            j = j + 1 < cap ? j + 1 : 0;
        slot[j] = p;
    }
    free(sh->slot);
    sh->slot = slot;
    sh->cap = cap;
    return 1;
}

/* Adds the area name t[0..len) to the set; *seen when it was there. Open
** addressing with linear probing, at most nine slots in ten used: a search
** then reads some 50 slots in a row, which costs little once an area. */
static int seen_before(area_set *set, const char *t, size_t len, int *seen)
{
    print p = fingerprint(t, len);
    shard *sh = &set->shard[p.lo % AREA_SHARDS];
    if ((sh->n + 1) * 10 > sh->cap * 9 && !shard_grow(sh))
        return IND_ENOMEM;
    size_t j = home(p, sh->cap);
    for (; sh->slot[j].hi != 0 || sh->slot[j].lo != 0; j = j + 1 < sh->cap ? j + 1 : 0) {
        if (sh->slot[j].hi == p.hi && sh->slot[j].lo == p.lo) {
            *seen = 1;
            return IND_OK;
        }
    }
    sh->slot[j] = p;
    sh->n++;
    *seen = 0;
    return IND_OK;
}

static void area_set_free(area_set *set)
{
    for (int k = 0; k < AREA_SHARDS; k++)
        free(set->shard[k].slot);
}

/* ---- areas in order, and the one pass back ---------------------------------------- */

/* The order in which areas "come in order": bytes compared as unsigned
** (memcmp), a name before every longer name it begins. Byte order, not the
** collation of any locale: what `LC_ALL=C sort` gives, and for ASCII names
** what most exports give. */
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen;
}

/* Decides at open whether the areas read before a break of their order
** can be found again, by reading the input once more: the prefix, then fp
** from where the stream's own reads begin. fp's descriptor must be a
** regular file, read with pread so that fp is not moved, and that point is
** its offset now: ftello counts what stdio already holds in its buffer, so
** it is right for a file opened by name and for standard input redirected
** from a file, at its start or not. With no fp the prefix is the whole
** input. A pipe, a terminal, or a FILE with no descriptor (fmemopen)
** cannot be read again: its areas are remembered from the first. */
static void choose_area_check(ind_csv_stream *s)
{
    s->fd = -1;
    if (s->fp == NULL)
        return;
    int fd = fileno(s->fp);
    struct stat st;
    off_t at;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        (at = ftello(s->fp)) < 0) {
        s->by_set = 1;
        return;
    }
    s->fd = fd;
    s->fd_start = at;
}

/* The pass back over the areas in order. Only the area column is looked
** at, and the first record, the header, is passed over. */
typedef struct rescan {
    ind_csv_stream *s;
    size_t nf;        /* fields of the record being read */
    int in_body;      /* the header is behind */
    char *prev;       /* the area of the record before */
    size_t prev_len, prev_cap;
    int have_prev;
    size_t areas;     /* areas remembered */
    int stop;         /* the first area out of order is reached */
    int no_memory;
} rescan;

static void rescan_field(void *data, size_t len, void *ctx)
{
    rescan *r = ctx;
    size_t i = r->nf++;
    if (r->stop || !r->in_body || i != (size_t)r->s->col[R_AREA])
        return;
    const char *t = data != NULL ? data : "";
    if (r->have_prev) {
        int c = name_cmp(t, len, r->prev, r->prev_len);
        if (c == 0)
            return; /* more rows of the same area */
        if (c < 0) {
            r->stop = 1;
            return;
        }
    }
    int seen;
    if (!grow((void **)&r->prev, &r->prev_cap, len + 1, 1) ||
        seen_before(&r->s->seen, t, len, &seen) != IND_OK) {
        r->no_memory = r->stop = 1;
        return;
    }
    memcpy(r->prev, t, len);
    r->prev_len = len;
    r->have_prev = 1;
    r->areas++;
}

static void rescan_row(int c, void *ctx)
{
    rescan *r = ctx;
    (void)c;
    /* A row of no fields is a blank line, or the LF of a CRLF. */
    if (r->nf > 0)
        r->in_body = 1;
    r->nf = 0;
}

/* Gives buf[0..n) to the pass's parser; 0 on a parse error before the
** stop, which the input read the first time did not have. */
static int rescan_feed(rescan *r, struct csv_parser *p, const char *buf, size_t n,
                       int *first)
{
    if (*first) {
        *first = 0;
        skip_bom(&buf, &n); /* as read_block does */
    }
    if (csv_parse(p, buf, n, rescan_field, rescan_row, r) < n && !r->stop)
        return 0;
    /* The fields before the stop were within the record limit the first
    ** time: a longer one here means the input is not what it was. */
    return r->stop || p->entry_pos <= r->s->limits.max_line;
}

/* Remembers every area read before the first one out of order, whose
** rows are being built: the s->n_ordered areas from where the input began
** up to that one. A pass that finds other areas than the stream found, or
** a syntax error the stream did not meet, is reading a file that changed
** since, and cannot say which areas came before. */
static int remember_ordered(ind_csv_stream *s, ind_error *err)
{
    rescan r;
    memset(&r, 0, sizeof r);
    r.s = s;
    struct csv_parser p;
    if (!parser_init(&p))
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
    int first = 1, same = 1, rc = IND_OK;
    if (s->prefix_len > 0)
        same = rescan_feed(&r, &p, s->prefix, s->prefix_len, &first);
    /* s->block is free between areas: everything read into it was copied. */
    for (off_t at = s->fd_start; same && !r.stop && s->fd >= 0;) {
        ssize_t n = pread(s->fd, s->block, BLOCK_SIZE, at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = ind_error_set(err, IND_EIO, "%s: cannot read again: %s", s->file,
                               strerror(errno));
            break;
        }
        if (n == 0)
            break;
        at += n;
        same = rescan_feed(&r, &p, s->block, (size_t)n, &first);
    }
    /* An area in the last column of the last line ends with the input. */
    if (rc == IND_OK && same && !r.stop &&
        csv_fini(&p, rescan_field, rescan_row, &r) != 0 && !r.stop)
        same = 0;
    if (rc == IND_OK && (r.no_memory || csv_error(&p) == CSV_ENOMEM))
        rc = ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
    else if (rc == IND_OK && (!same || !r.stop || r.areas != s->n_ordered))
        rc = ind_error_set(err, IND_EIO, "%s: the file changed while it was read",
                           s->file);
    csv_free(&p);
    free(r.prev);
    return rc;
}

/* Whether the area t[0..len) was read before (*seen), noting that it has
** been now. While the areas come in order only the last is kept; at the
** first one out of order the stream turns, for good, to the set. */
static int check_area(ind_csv_stream *s, const char *t, size_t len, int *seen,
                      ind_error *err)
{
    *seen = 0;
    if (!s->by_set) {
        if (s->n_ordered == 0 ||
            name_cmp(t, len, s->prev_area, s->prev_area_len) > 0) {
            if (!grow((void **)&s->prev_area, &s->prev_area_cap, len + 1, 1))
                return ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
            memcpy(s->prev_area, t, len);
            s->prev_area_len = len;
            s->n_ordered++;
            return IND_OK;
        }
        int rc = remember_ordered(s, err);
        if (rc != IND_OK)
            return rc;
        s->by_set = 1;
        free(s->prev_area);
        s->prev_area = NULL;
        s->prev_area_len = s->prev_area_cap = 0;
    }
    if (seen_before(&s->seen, t, len, seen) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
    return IND_OK;
}

/* ---- building an area --------------------------------------------------------------- */

static int rehash_ids(ind_csv_stream *s)
{
    size_t n_slots = s->n_sslot ? s->n_sslot * 2 : 64;
    series_slot *slot = calloc(n_slots, sizeof *slot);
    if (slot == NULL)
        return 0;
    for (size_t i = 0; i < s->n_sslot; i++) {
        if (s->sslot[i].gen != s->gen)
            continue;
        size_t j = s->sslot[i].hash & (n_slots - 1);
        while (slot[j].gen == s->gen)
            j = (j + 1) & (n_slots - 1);
        slot[j] = s->sslot[i];
    }
    free(s->sslot);
    s->sslot = slot;
    s->n_sslot = n_slots;
    return 1;
}

/* A new generation empties the id table without touching it. */
static void new_area_ids(ind_csv_stream *s)
{
    s->n_ids = 0;
    if (++s->gen == 0) {
        memset(s->sslot, 0, s->n_sslot * sizeof *s->sslot);
        s->gen = 1;
    }
}

static int series_id(ind_csv_stream *s, const char *t, size_t len, uint32_t *id)
{
    if ((s->n_ids + 1) * 2 > s->n_sslot && !rehash_ids(s))
        return IND_ENOMEM;
    uint32_t h = ind_hash_bytes(t, len);
    size_t j = h & (s->n_sslot - 1);
    for (; s->sslot[j].gen == s->gen; j = (j + 1) & (s->n_sslot - 1)) {
        const series_slot *e = &s->sslot[j];
        if (e->hash == h && e->len == len && memcmp(e->s, t, len) == 0) {
            *id = e->id;
            return IND_OK;
        }
    }
    series_slot *e = &s->sslot[j];
    e->s = t;
    e->len = len;
    e->hash = h;
    e->gen = s->gen;
    e->id = (uint32_t)s->n_ids++;
    *id = e->id;
    return IND_OK;
}

/* Gives each row of [first, end) the id of its series; a row of the same
** series as the row before, the usual case, needs no lookup. */
static int number_rows(ind_csv_stream *s, size_t first, size_t end)
{
    const char *prev = NULL;
    size_t prev_len = 0;
    for (size_t i = 0; i < end - first; i++) {
        size_t len;
        const char *t = cell_text(s, row_at(s, first + i), R_SERIES, &len);
        if (prev != NULL && len == prev_len && memcmp(t, prev, len) == 0) {
            s->row_id[i] = s->row_id[i - 1];
            continue;
        }
        if (series_id(s, t, len, &s->row_id[i]) != IND_OK)
            return IND_ENOMEM;
        prev = t;
        prev_len = len;
    }
    return IND_OK;
}

/* Groups the rows [first, end) by series, keeping input order within each:
** a counting sort over ids given in order of first appearance. */
static int group_rows(ind_csv_stream *s, size_t first, size_t end)
{
    size_t n = end - first;
    new_area_ids(s);
    if (!grow((void **)&s->row_id, &s->cap_row_id, n, sizeof *s->row_id) ||
        !grow((void **)&s->order, &s->cap_order, n, sizeof *s->order) ||
        number_rows(s, first, end) != IND_OK ||
        !grow((void **)&s->start, &s->cap_start, s->n_ids + 1, sizeof *s->start))
        return IND_ENOMEM;
    memset(s->start, 0, (s->n_ids + 1) * sizeof *s->start);
    for (size_t i = 0; i < n; i++)
        s->start[s->row_id[i] + 1]++;
    for (size_t k = 0; k < s->n_ids; k++)
        s->start[k + 1] += s->start[k];
    for (size_t i = 0; i < n; i++)
        s->order[s->start[s->row_id[i]]++] = first + i;
    /* start[k] now holds the end of series k: shift back to the beginnings. */
    memmove(s->start + 1, s->start, s->n_ids * sizeof *s->start);
    s->start[0] = 0;
    return IND_OK;
}

/* Names the owner of a column value in a message: series ids unquoted
** when valid, as elsewhere, anything else quoted. */
static void owner_name(char *buf, size_t size, const char *kind, const char *name,
                       size_t len)
{
    char q[IND_QUOTE_MAX];
    if (strcmp(kind, "series") == 0 && ind_id_valid(name))
        snprintf(q, sizeof q, "%s", name);
    else
        ind_quote(q, sizeof q, name, len);
    snprintf(buf, size, "%s %s", kind, q);
}

/* The one value of an optional column across the rows that give it: rows
** listed in rows, or when rows is NULL the rows first, first + 1, ...
** kind and name say whose value it is ("series", "cp.referrals"). */
static int agreed(ind_csv_stream *s, const size_t *rows, size_t first, size_t n,
                  enum role role, const char *what, const char *kind,
                  const char *name, size_t name_len, const char **out,
                  ind_error *err)
{
    *out = NULL;
    if (s->col[role] < 0)
        return IND_OK;
    size_t out_len = 0;
    int32_t out_line = 0;
    for (size_t i = 0; i < n; i++) {
        const row *r = row_at(s, rows != NULL ? rows[i] : first + i);
        size_t len;
        const char *t = cell_text(s, r, role, &len);
        if (len == 0)
            continue;
        if (*out == NULL) {
            *out = t;
            out_len = len;
            out_line = r->line;
        } else if (len != out_len || memcmp(t, *out, len) != 0) {
            char q1[IND_QUOTE_MAX], q2[IND_QUOTE_MAX], owner[IND_QUOTE_MAX + 16];
            ind_quote(q1, sizeof q1, t, len);
            ind_quote(q2, sizeof q2, *out, out_len);
            owner_name(owner, sizeof owner, kind, name, name_len);
            return ind_error_set(err, IND_EDATA,
                                 "%s:%d: %s %s of %s differs from %s at line %d",
                                 s->file, (int)r->line, what, q1, owner, q2,
                                 (int)out_line);
        }
    }
    return IND_OK;
}

static int is_number_char(char c)
{
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
           c == 'e' || c == 'E';
}

/* The powers of ten up to 10^15, all exact in a double. */
static const double POW10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* [-]digits[.digits] with at most 15 digits, into *out as strtod reads it.
** The digits make an integer below 10^15 and the fraction's length a power
** of ten of at most 10^15, both exact in a double, so their quotient,
** rounded once as every IEEE division is, is the double nearest the
** decimal, which is strtod's result (Clinger's fast path). Where
** arithmetic is wider than double, rounding twice could differ: there
** only integers are read here. */
static int plain_decimal(const char *t, size_t len, double *out)
{
    size_t neg = t[0] == '-', digits = 0, frac = 0;
    int dot = 0;
    uint64_t v = 0;
    for (size_t j = neg; j < len; j++) {
        char c = t[j];
        if (c >= '0' && c <= '9') {
            if (++digits > 15)
                return 0;
            v = v * 10 + (uint64_t)(c - '0');
            frac += (size_t)dot;
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            return 0;
        }
    }
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
    if (frac > 0)
        return 0;
#endif
    if (digits == 0)
        return 0;
    double d = frac > 0 ? (double)v / POW10[frac] : (double)v;
    *out = neg ? -d : d;
    return 1;
}

/* A decimal number taking the whole field; empty is missing. */
static int parse_value(const char *t, size_t len, double *out)
{
    if (len == 0) {
        *out = NAN;
        return 1;
    }
    if (plain_decimal(t, len, out))
        return 1;
    /* strtod would also take "nan", "inf", hex and leading space. */
    for (size_t j = 0; j < len; j++) {
        if (!is_number_char(t[j]))
            return 0;
    }
    char *end;
    *out = strtod(t, &end);
    return end == t + len;
}

static int parse_flag(const char *t, size_t len, unsigned *out)
{
    if (len == 0)
        *out = 0;
    else if (len == 10 && memcmp(t, "suppressed", 10) == 0)
        *out = IND_VALUE_SUPPRESSED;
    else if (len == 11 && memcmp(t, "provisional", 11) == 0)
        *out = IND_VALUE_PROVISIONAL;
    else
        return 0;
    return 1;
}

static int add_values(ind_csv_stream *s, ind_dataset_builder *b,
                      const size_t *rows, size_t n, const char *id,
                      ind_error *err)
{
    char q[IND_QUOTE_MAX];
    for (size_t i = 0; i < n; i++) {
        const row *r = row_at(s, rows[i]);
        size_t vlen, flen, plen;
        const char *v = cell_text(s, r, R_VALUE, &vlen);
        const char *f = cell_text(s, r, R_FLAG, &flen);
        const char *p = cell_text(s, r, R_PERIOD, &plen);
        double value;
        unsigned flags;
        if (!parse_value(v, vlen, &value)) {
            ind_quote(q, sizeof q, v, vlen);
            return ind_error_set(err, IND_EDATA,
                                 "%s:%d: value %s in series %s is not a number",
                                 s->file, (int)r->line, q, id);
        }
        if (!parse_flag(f, flen, &flags)) {
            ind_quote(q, sizeof q, f, flen);
            return ind_error_set(err, IND_EDATA,
                                 "%s:%d: unknown flag %s in series %s (expected "
                                 "suppressed, provisional or empty)",
                                 s->file, (int)r->line, q, id);
        }
        int rc = ind_dataset_builder_value(b, p, value, flags, r->line, err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int add_series(ind_csv_stream *s, ind_dataset_builder *b,
                      const size_t *rows, size_t n, ind_error *err)
{
    const row *r0 = row_at(s, rows[0]);
    size_t len;
    ind_series_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.id = cell_text(s, r0, R_SERIES, &len);
    spec.origin.file = s->file;
    spec.origin.line = r0->line;
    int rc;
    if ((rc = agreed(s, rows, 0, n, R_TITLE, "title", "series", spec.id, len,
                     &spec.title, err)) ||
        (rc = agreed(s, rows, 0, n, R_UNIT, "unit", "series", spec.id, len,
                     &spec.unit, err)) ||
        (rc = ind_dataset_builder_series(b, &spec, err)))
        return rc;
    return add_values(s, b, rows, n, spec.id, err);
}

/* The first chunk of an area's arena, so that most areas take one
** allocation: a value with its position, label and ordinal takes at most
** 24 bytes, a series with its id about 160. */
static size_t area_chunk(size_t rows, size_t series)
{
    return rows * 24 + series * 160 + 512;
}

static int build_area(ind_csv_stream *s, size_t first, size_t end,
                      ind_dataset **out, ind_error *err)
{
    const row *r0 = row_at(s, first);
    size_t len;
    const char *area = cell_text(s, r0, R_AREA, &len);
    int seen;
    int rc = check_area(s, area, len, &seen, err);
    if (rc != IND_OK)
        return rc;
    if (seen) {
        char q[IND_QUOTE_MAX];
        ind_quote(q, sizeof q, area, len);
        return ind_error_set(err, IND_EDATA,
                             "%s: area %s appears again at line %d; rows of one "
                             "area must be together", s->file, q, (int)r0->line);
    }
    if (group_rows(s, first, end) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
    const char *code;
    rc = agreed(s, NULL, first, end - first, R_CODE, "code", "area", area, len,
                &code, err);
    if (rc != IND_OK)
        return rc;
    ind_dataset_builder *b = s->builder;
    if (ind_dataset_builder_restart(b, area_chunk(end - first, s->n_ids)) != IND_OK ||
        ind_dataset_builder_origin(b, NULL, r0->line) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", s->file);
    rc = ind_dataset_builder_area(b, area, code, NULL, 0, err);
    for (size_t k = 0; rc == IND_OK && k < s->n_ids; k++)
        rc = add_series(s, b, s->order + s->start[k], s->start[k + 1] - s->start[k],
                        err);
    if (rc != IND_OK)
        return rc;
    return ind_dataset_builder_take(b, out, err);
}

/* ---- the stream ------------------------------------------------------------------------ */

int ind_csv_stream_open_prefix(const char *file, FILE *fp, const char *prefix,
                               size_t n, const ind_limits *limits,
                               ind_csv_stream **out, ind_error *err)
{
    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_csv_stream_open: no output");
    *out = NULL;
    ind_csv_stream *s = calloc(1, sizeof *s);
    if (s == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (limits != NULL)
        s->limits = *limits;
    ind_limits_defaults(&s->limits);
    s->fp = fp;
    s->at_start = 1;
    s->line = 1;
    s->file = strdup(file != NULL ? file : "-");
    s->block = malloc(BLOCK_SIZE);
    s->prefix = n > 0 ? malloc(n) : NULL;
    if (s->file != NULL)
        s->builder = ind_dataset_builder_new(s->file, &s->limits);
    if (s->file == NULL || s->block == NULL || s->builder == NULL ||
        (n > 0 && s->prefix == NULL) || !parser_init(&s->parser)) {
        ind_csv_stream_close(s);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (n > 0)
        memcpy(s->prefix, prefix, n);
    s->prefix_len = n;
    choose_area_check(s);
    *out = s;
    return IND_OK;
}

int ind_csv_stream_open(const char *file, FILE *fp, const ind_limits *limits,
                        ind_csv_stream **out, ind_error *err)
{
    if (fp == NULL) {
        if (out != NULL)
            *out = NULL;
        return ind_error_set(err, IND_EINVAL, "ind_csv_stream_open: no file");
    }
    return ind_csv_stream_open_prefix(file, fp, NULL, 0, limits, out, err);
}

int ind_csv_stream_next(ind_csv_stream *s, ind_dataset **out, ind_error *err)
{
    if (out == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_csv_stream_next: no stream or output");
    *out = NULL;
    if (s->dead)
        return ind_error_set(err, IND_EINVAL,
                             "%s: cannot read on after an earlier error", s->file);
    s->recoverable = 0;
    size_t end = s->cursor;
    int rc = area_end(s, &end, err);
    if (rc != IND_OK) {
        s->dead = 1;
        return rc;
    }
    if (end == s->cursor)
        return IND_OK;
    size_t first = s->cursor;
    s->cursor = end;
    rc = build_area(s, first, end, out, err);
    /* The area's rows are all consumed: the next area is intact. */
    s->recoverable = rc == IND_EDATA || rc == IND_ELIMIT;
    if (rc != IND_OK && !s->recoverable)
        s->dead = 1;
    return rc;
}

int ind_csv_stream_recoverable(const ind_csv_stream *s)
{
    return s != NULL && s->recoverable;
}

size_t ind_csv_stream_bytes(const ind_csv_stream *s)
{
    return s == NULL ? 0 : s->bytes;
}

void ind_csv_stream_close(ind_csv_stream *s)
{
    if (s == NULL)
        return;
    csv_free(&s->parser);
    free(s->file);
    free(s->block);
    free(s->prefix);
    free(s->text);
    free(s->fields);
    free(s->rows);
    free(s->last_area);
    free(s->prev_area);
    area_set_free(&s->seen);
    ind_dataset_builder_free(s->builder);
    free(s->sslot);
    free(s->row_id);
    free(s->start);
    free(s->order);
    free(s);
}
