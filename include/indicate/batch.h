/*
** batch.h: many areas through the analysis, streaming, on several threads.
**
** A batch reads the areas of a list of inputs one at a time (reader.h),
** analyses them (ind_analyse over one shared, read-only registry) and hands
** each area back to the caller in input order. With one job everything runs
** on the calling thread, one area after another. With N > 1 jobs, N threads
** (the calling thread and N-1 more) share the work: one at a time reads and
** parses ahead, each computes, and the calling thread also receives the areas
** in input order: whatever the caller writes is the same, byte for byte, for
** any number of jobs.
**
** Memory: at most `window` areas are held at once (read and waiting, being
** computed, or computed and waiting for their turn), so a batch of any
** number of areas needs memory for `window` of its largest areas and no
** more. The reader itself holds one JSON Lines record or one CSV area at a
** time (a JSON document, being one value, is parsed whole).
**
** Failures: an area that cannot be read or computed is handed back like the
** others, with its status and message, and the batch goes on. When an input
** cannot be read on (a syntax error in a JSON document or a CSV file, a file
** that cannot be opened), what was read of it stands, the failure is handed
** back, and the batch goes on with the next input. Nothing is dropped
** silently: every area read, and every input that stopped early, reaches
** `emit` exactly once.
**
** The caller's hooks:
**   worker_start/stop  once per thread of the batch, the calling thread
**                      being worker 0 (once in all with one job):
**                      per-thread state such as a read-only database handle
**   plan               any thread, before the analysis: which indicators
**                      to compute (all, some, or none for an area whose stored
**                      results are still current)
**   render             any thread, after the analysis: turn the result
**                      into output bytes, so formatting runs in parallel
**   emit               the calling thread, in input order: write, store,
**                      collect. Never concurrent with itself.
** plan and render may run on several threads at once: they must not share
** mutable state except under their own locks. A batch holds no global state;
** any number of batches may run at once.
*/
#ifndef INDICATE_BATCH_H
#define INDICATE_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "analyse.h"
#include "arena.h"
#include "dataset.h"
#include "error.h"
#include "reader.h"
#include "registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One area (or one failed read) on its way through the batch. Everything it
** points to is freed by the batch after emit returns: emit copies what it
** keeps. */
typedef struct ind_batch_item {
    size_t seq;              /* position in the batch, from 0, in input order */
    size_t input;            /* index of the input it came from */
    const char *input_name;  /* that input's path, "-" for standard input */
    uint64_t input_bytes;    /* bytes of all inputs consumed when it was read */
    ind_dataset *dataset;    /* the area; NULL when it could not be read */
    ind_result *result;      /* NULL when not computed (failed, or planned out) */
    int status;              /* IND_OK, or why the item failed */
    ind_error error;         /* the message when status is not IND_OK */
    int end_of_input;        /* a read failure that ended its input early */

    /* Set by plan: the indicator ids to compute (NULL for every indicator
    ** whose inputs the area has), or skip = 1 for none. */
    const char *const *indicators;
    size_t n_indicators;
    int skip;

    ind_arena *arena;        /* scratch for the hooks, freed with the item */
    char *bytes;             /* render's output (malloc'd; freed with free()) */
    size_t n_bytes;
    void *user;              /* anything plan or render leave for emit */
} ind_batch_item;

typedef struct ind_batch_hooks {
    void *ctx; /* passed to every hook */

    /* Per-thread state for plan and render: *wctx is passed back to them and
    ** to worker_stop. A failure stops the batch. Either may be NULL. */
    int (*worker_start)(void *ctx, unsigned worker, void **wctx, ind_error *err);
    void (*worker_stop)(void *ctx, void *wctx);

    /* May set item->indicators or item->skip (allocating from item->arena).
    ** A failure fails this item only. May be NULL. */
    int (*plan)(void *ctx, void *wctx, ind_batch_item *item, ind_error *err);

    /* Called for an item whose analysis succeeded (item->result set) or was
    ** skipped. A failure fails this item only. May be NULL. */
    int (*render)(void *ctx, void *wctx, ind_batch_item *item, ind_error *err);

    /* Called for every item, in input order. It may fail the item itself
    ** (setting status and error: a duplicate area it refuses to store), and
    ** the counts in ind_batch_stats follow. Returning a failure stops the
    ** batch and is returned by ind_batch_run (a write error, say). Required. */
    int (*emit)(void *ctx, ind_batch_item *item, ind_error *err);
} ind_batch_hooks;

typedef struct ind_batch_config {
    const ind_registry *registry;   /* loaded, read-only from now on */
    ind_analysis_opts analysis;     /* level and default indicator selection */
    const ind_limits *limits;       /* NULL for the defaults */
    unsigned jobs;                  /* threads, the caller's included; 0 means 1 */
    size_t window;                  /* areas held at most; 0 for 4 per job + 4 */
} ind_batch_config;

typedef struct ind_batch_stats {
    size_t items;     /* handed to emit */
    size_t ok;        /* computed (or skipped) without error */
    size_t skipped;   /* of which plan chose to compute nothing */
    size_t failed;    /* could not be read or computed */
    size_t series;    /* series in the areas read */
    uint64_t bytes;   /* input bytes consumed */
} ind_batch_stats;

/* Runs the batch over inputs[0..n_inputs) in order ("-" is standard input,
** at most once). Returns IND_OK when every item reached emit (some may have
** failed: see stats), or the status that stopped the batch: a failing
** worker_start or emit, IND_ENOMEM, or IND_EINVAL for bad arguments. stats
** may be NULL. */
int ind_batch_run(const ind_batch_config *cfg, const ind_batch_hooks *hooks,
                  const char *const *inputs, size_t n_inputs,
                  ind_batch_stats *stats, ind_error *err);

/* ---- provenance ----------------------------------------------------------
**
** A result depends on the values of its indicator's inputs, on the plug-in
** that defines it and on the engine, and the status of each period on the
** area's targets. ind_batch_input_hash condenses all of that into 64 bits,
** so a store can tell whether a result it holds is still current without
** recomputing it: the engine version; the plug-in's name and version; the
** indicator id; the area's name and code; for each input in the
** indicator's order (required, then optional, absent ones marked) the
** series' id, period kind, nature, sign rule, and every period's ordinal,
** label, value and flags, and its breaks; the dataset's default tolerance
** ("status_rules") and every target of the area in order (measure or
** series, polarity, scope, tolerance, and each step of its schedule: from,
** whether a target applies, the target as written), since which measures an
** indicator makes is known only once computed; then `salt` (whatever else
** the caller's results depend on: the confidence level, plug-in options,
** status options). Titles, sources and notes of targets, and projects, are
** left out: they change no period's status. It is FNV-1a over a canonical
** encoding (integers little-endian, doubles by their bits with every NaN
** alike and -0 as 0, strings with their lengths): stable across runs,
** platforms of the same ABI and job counts; a change detector, not a
** cryptographic digest. */
uint64_t ind_batch_input_hash(const ind_registry *reg, const ind_entry *e,
                              const ind_dataset *ds, const void *salt,
                              size_t salt_size);

/* The hash as 16 lower-case hex digits and a NUL into buf[17]. */
void ind_batch_hash_hex(uint64_t hash, char buf[17]);

#ifdef __cplusplus
}
#endif
#endif
