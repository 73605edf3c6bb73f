/*
** claims.h: the figures a report states, with the inputs they come from.
**
** A claim is one stated figure ("102%", "2,480") of one kind, with the
** figures it should follow from, as written in the report, and where the
** report says it:
**
**   kind            inputs                    the figure is
**   percent_change  from, to                  (to - from) / from x 100
**   share           part, whole               part / whole x 100
**   rate            count, population, per    count / population x per
**   sum             parts (two or more)       the sum of the parts
**   difference      a, b                      a - b
**   ratio           numerator, denominator    numerator / denominator
**   unpaired        none                      a figure found in a text whose
**                                             inputs are not stated with it;
**                                             kept for review, never checked
**
** Claims are built from named text fields, the same for every file format
** (claims_io.h reads JSON and CSV into them; claims_text.h makes them from
** a report's text), so every rule is checked in one place: ind_claim_set_add.
** The format is specified in docs/claims-format.md.
*/
#ifndef INDICATE_CLAIMS_H
#define INDICATE_CLAIMS_H

#include <stddef.h>

#include "error.h"
#include "figure.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_claim_kind {
    IND_CLAIM_PERCENT_CHANGE = 0,
    IND_CLAIM_SHARE,
    IND_CLAIM_RATE,
    IND_CLAIM_SUM,
    IND_CLAIM_DIFFERENCE,
    IND_CLAIM_RATIO,
    IND_CLAIM_UNPAIRED,
    IND_CLAIM_KIND_COUNT
} ind_claim_kind;

/* The named inputs; a sum's parts are a list of their own. */
typedef enum ind_claim_role {
    IND_ROLE_FROM = 0,
    IND_ROLE_TO,
    IND_ROLE_PART,
    IND_ROLE_WHOLE,
    IND_ROLE_COUNT,
    IND_ROLE_POPULATION,
    IND_ROLE_PER,
    IND_ROLE_A,
    IND_ROLE_B,
    IND_ROLE_NUMERATOR,
    IND_ROLE_DENOMINATOR,
    IND_ROLE_N
} ind_claim_role;

/* The direction a claim's words give the change. */
typedef enum ind_direction {
    IND_DIRECTION_NONE = 0, /* no direction word: judged on magnitude */
    IND_DIRECTION_UP,       /* increase, rose, up, ... */
    IND_DIRECTION_DOWN,     /* decrease, fell, down, ... */
    IND_DIRECTION_SAME      /* no change, unchanged, stable */
} ind_direction;

/* Where the report states the claim. Any string may be NULL; line and
** column (1-based, the column counted in characters) are 0 when unknown. */
typedef struct ind_claim_source {
    const char *document;
    const char *section;
    const char *quote;
    long line, column;
} ind_claim_source;

typedef struct ind_claim {
    const char *id;             /* given, or "#N" (its 1-based place) */
    ind_claim_kind kind;
    ind_figure stated;          /* the figure as stated */
    int decimals;               /* the precision it is judged at */
    int decimals_given;         /* non-zero when the claim set `decimals` */
    const char *direction_word; /* as written, or NULL */
    ind_direction direction;
    const ind_figure *input[IND_ROLE_N]; /* NULL when not an input of the kind */
    const ind_figure *parts;    /* a sum's parts, else NULL */
    size_t n_parts;
    const char *subject;        /* what the figure is about, or NULL */
    const char *note;           /* free text, or NULL */
    ind_claim_source source;
    const char *where;          /* where the claim is in its file, for messages */
} ind_claim;

/* A list of claims and everything they point to. */
typedef struct ind_claim_set ind_claim_set;

/* One named field of a claim, as text: name is a key of the format (id,
** kind, stated, decimals, direction, from, to, part, whole, count,
** population, per, a, b, numerator, denominator, parts, subject, note,
** document, section, quote, line, column); where names the field in
** messages ("f.json: $.claims[2].from", "f.csv:5: column \"from\"").
** "parts" may be given several times (one part each) or once with the parts
** separated by "+" ("7 + 7 + 27"). */
typedef struct ind_claim_field {
    const char *name;
    const char *value;
    const char *where;
} ind_claim_field;

/* Non-zero when name is a field of the claims format (the list above). */
int ind_claim_field_known(const char *name);

/* Most claims in one set, and most parts in one sum. */
#define IND_CLAIMS_MAX 100000
#define IND_CLAIM_MAX_PARTS 1000
/* Longest text field, in bytes. */
#define IND_CLAIM_MAX_STRING 4096

/* A new empty set, or NULL when out of memory. Free with
** ind_claim_set_free. */
ind_claim_set *ind_claim_set_new(void);

/* Frees the set and every claim, figure and string it holds; NULL is a
** no-op. */
void ind_claim_set_free(ind_claim_set *set);

/* Sets the default source document of claims added afterwards (copied;
** NULL for none). */
int ind_claim_set_document(ind_claim_set *set, const char *document);

/* Checks the fields of one claim and adds it. where names the claim in
** messages ("f.json: $.claims[2]", "f.csv:5"). On failure nothing is added
** and err says what is wrong, beginning with the field's or the claim's
** where: IND_EDATA for a rule of the format (unknown or repeated field, a
** field that is not an input of the kind, a missing input, a figure that
** cannot be read, an id given twice), IND_ELIMIT past the limits above,
** IND_ENOMEM. */
int ind_claim_set_add(ind_claim_set *set, const char *where,
                      const ind_claim_field *fields, size_t n_fields,
                      ind_error *err);

/* The default source document, owned by the set; NULL when none. */
const char *ind_claim_set_get_document(const ind_claim_set *set);

/* The number of claims in the set (0 for NULL). */
size_t ind_claim_set_count(const ind_claim_set *set);

/* The i-th claim, owned by the set; NULL when i is out of range. Pointers
** stay valid until the next ind_claim_set_add or ind_claim_set_free. */
const ind_claim *ind_claim_set_get(const ind_claim_set *set, size_t i);

/* The arena the set's strings live in, for callers that add text which
** must live as long as the set (the verdicts of verify.h). */
ind_arena *ind_claim_set_arena(ind_claim_set *set);

/* "percent_change", "share", ... (a static string); NULL for a value out
** of range. */
const char *ind_claim_kind_name(ind_claim_kind kind);

/* The kind named s, or -1. */
int ind_claim_kind_parse(const char *s);

/* "from", "to", ... (a static string); NULL for a value out of range. */
const char *ind_claim_role_name(ind_claim_role role);

/* Non-zero when role is an input of kind. */
int ind_claim_kind_takes(ind_claim_kind kind, ind_claim_role role);

/* The direction a word gives ("rose" is up, "fell" down, "unchanged"
** same), case-insensitive; IND_DIRECTION_NONE when it is not one. */
ind_direction ind_direction_of_word(const char *word, size_t len);

/* The word for the opposite direction, in the same form ("rose" gives
** "fell", "increase" gives "decrease"), lower case, a static string; NULL
** when the word is not a direction word or has no opposite. */
const char *ind_direction_opposite(const char *word, size_t len);

#ifdef __cplusplus
}
#endif
#endif
