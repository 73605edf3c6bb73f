/*
** vocab.h: the words a status is printed in.
**
** Statuses are computed as neutral levels (target.h); a vocabulary names
** each level. Two are built in:
**
**   level      improve (default)   alert
**   complete   Blue                Complete
**   met        Green               OK
**   near       Amber               Warning
**   missed     Red                 Alert
**   pending    Report later        Unknown
**   context    Contextual          Data only
**
** IMPROVe is the performance system of South Lanarkshire Council's reports;
** the alert words are those of monitoring dashboards. Each vocabulary also
** names the summary table's combined row of the last two levels, as IMPROVe
** reports print it ("Report later/Contextual"), and a one-line definition
** per level for legends. The tables are constant: nothing here changes.
*/
#ifndef INDICATE_VOCAB_H
#define INDICATE_VOCAB_H

#include <stddef.h>

#include "target.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_vocab {
    const char *name;                          /* "improve", "alert" */
    const char *title;                         /* "IMPROVe", "Alert" */
    const char *word[IND_LEVEL_COUNT];         /* by ind_level */
    const char *definition[IND_LEVEL_COUNT];   /* one line each */
    const char *combined;                      /* pending and context together */
} ind_vocab;

/* The vocabulary named name, or NULL. */
const ind_vocab *ind_vocab_find(const char *name);

/* The default vocabulary: IMPROVe's. Never NULL. */
const ind_vocab *ind_vocab_default(void);

/* The built-in vocabularies, for listing: i < ind_vocab_count(). */
size_t ind_vocab_count(void);
const ind_vocab *ind_vocab_at(size_t i);

/* The word for level in v; "?" for a level out of range. Never NULL. */
const char *ind_vocab_word(const ind_vocab *v, ind_level level);

#ifdef __cplusplus
}
#endif
#endif
