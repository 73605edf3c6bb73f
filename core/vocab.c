/*
** vocab.c: the built-in status vocabularies, as constant tables.
**
** IMPROVe's words and definitions are those of South Lanarkshire Council's
** Social Work Resource Plan progress reports (section 5.1 of the Quarter 2
** report 2023/24).
*/
#include <string.h>

#include "indicate/vocab.h"

static const ind_vocab vocabularies[] = {
    {
        "improve",
        "IMPROVe",
        { "Blue", "Green", "Amber", "Red", "Report later", "Contextual" },
        {
            "Project complete",
            "The timescale or target has been met as per expectations",
            "There has been minor slippage against timescale or minor "
            "shortfall against target",
            "There has been major slippage against timescale or major "
            "shortfall against target",
            "The information is not yet available to allow us to say whether "
            "the target has been reached or not",
            "Included for information only, to set performance information "
            "in context",
        },
        "Report later/Contextual",
    },
    {
        "alert",
        "Alert",
        { "Complete", "OK", "Warning", "Alert", "Unknown", "Data only" },
        {
            "Finished",
            "On target or on time",
            "Short of target or late, within the tolerance",
            "Short of target or late, beyond the tolerance",
            "No figure or progress report yet",
            "No target: shown for information",
        },
        "Unknown/Data only",
    },
};

#define N_VOCABULARIES (sizeof vocabularies / sizeof vocabularies[0])

const ind_vocab *ind_vocab_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < N_VOCABULARIES; i++)
        if (strcmp(vocabularies[i].name, name) == 0)
            return &vocabularies[i];
    return NULL;
}

const ind_vocab *ind_vocab_default(void)
{
    return &vocabularies[0];
}

size_t ind_vocab_count(void)
{
    return N_VOCABULARIES;
}

const ind_vocab *ind_vocab_at(size_t i)
{
    return i < N_VOCABULARIES ? &vocabularies[i] : NULL;
}

const char *ind_vocab_word(const ind_vocab *v, ind_level level)
{
    if (v == NULL || (unsigned)level >= IND_LEVEL_COUNT)
        return "?";
    return v->word[level];
}
