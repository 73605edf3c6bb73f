/*
** batch.c: the streaming pipeline behind ind_batch_run, and input hashes.
**
** Items live in a ring of `window` slots indexed by sequence number: read
** into the slot of the next number once it is free, computed in sequence
** order, and emitted in sequence order when the slot of the next number to
** emit is done. Sequence numbers, not completion order, decide what is
** emitted next, which makes the output independent of the number of
** threads; the ring bounds memory. One mutex guards the counters and the
** slots' done flags: it is taken a few times per area, uncontended, which
** costs nothing next to parsing and analysing an area.
**
** With one job there are no threads: read, plan, analyse, render and emit
** run in turn on the calling thread, the honest single-core baseline. With
** more, see "several jobs" below for who does what.
*/
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/batch.h"
#include "indicate/indicate.h"

#define DEFAULT_WINDOW_PER_JOB 4
#define DEFAULT_WINDOW_EXTRA 4
#define MAX_JOBS 1024
#define ITEM_ARENA_CHUNK 4096

/* ---- input hashes -------------------------------------------------------- */

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Integers little-endian whatever the host, so hashes travel. */
static uint64_t fnv_u64(uint64_t h, uint64_t x)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(x >> (8 * i));
    return fnv_bytes(h, b, sizeof b);
}

/* A string with its length, so ("ab","c") and ("a","bc") differ; NULL is
** not "". */
static uint64_t fnv_str(uint64_t h, const char *s)
{
    if (s == NULL)
        return fnv_u64(h, UINT64_MAX);
    size_t n = strlen(s);
    return fnv_bytes(fnv_u64(h, n), s, n);
}

/* Every NaN is one missing value and -0 equals 0: the same figures give the
** same hash however they were spelled. */
static uint64_t fnv_double(uint64_t h, double x)
{
    uint64_t bits;
    if (isnan(x)) {
        bits = 0x7ff8000000000000ull;
    } else {
        if (x == 0)
            x = 0;
        memcpy(&bits, &x, sizeof bits);
    }
    return fnv_u64(h, bits);
}

static uint64_t hash_series(uint64_t h, const ind_series *s)
{
    if (s == NULL)
        return fnv_u64(h, 0); /* an absent optional input */
    h = fnv_u64(h, 1);
    h = fnv_str(h, s->id);
    h = fnv_u64(h, (uint64_t)s->period_kind);
    h = fnv_u64(h, (uint64_t)s->nature);
    h = fnv_u64(h, (uint64_t)(s->is_signed != 0));
    h = fnv_u64(h, s->n);
    for (size_t t = 0; t < s->n; t++) {
        h = fnv_u64(h, (uint64_t)(int64_t)s->ordinal[t]);
        h = fnv_str(h, s->label[t]);
        h = fnv_double(h, s->value[t]);
        h = fnv_u64(h, s->flags != NULL ? s->flags[t] : 0);
    }
    h = fnv_u64(h, s->n_breaks);
    for (size_t b = 0; b < s->n_breaks; b++) {
        h = fnv_u64(h, (uint64_t)(int64_t)s->breaks[b].ordinal);
        h = fnv_str(h, s->breaks[b].note);
    }
    return h;
}

/* An amount as written: its form and exact decimal ("75%" and "75.0%" hash
** apart, which only costs a recomputation). */
static uint64_t hash_amount(uint64_t h, const ind_amount *a)
{
    h = fnv_u64(h, (uint64_t)a->form);
    if (a->form == IND_AMOUNT_NONE)
        return h;
    h = fnv_u64(h, (uint64_t)a->value.digits);
    return fnv_u64(h, (uint64_t)(int64_t)a->value.scale);
}

/* What the status of a period reads besides the figures: the dataset's
** default tolerance and every target, in order, with its polarity, scope,
** tolerance and schedule. Every target of the area, not just the
** indicator's: which measures an indicator makes (a funnel's stages) is
** known only after computing it, and a change to a target is rare enough
** that recomputing the area's other indicators costs nothing worth saving.
** Titles, sources and notes name a target without changing a status; the
** projects and the slippage days are judged apart from any measure. */
static uint64_t hash_targets(uint64_t h, const ind_dataset *ds)
{
    h = hash_amount(h, &ds->rules.tolerance);
    h = fnv_u64(h, ds->n_targets);
    for (size_t i = 0; i < ds->n_targets; i++) {
        const ind_target *t = &ds->targets[i];
        h = fnv_str(h, t->measure);
        h = fnv_str(h, t->series);
        h = fnv_u64(h, (uint64_t)t->polarity);
        h = fnv_u64(h, (uint64_t)t->scope);
        h = hash_amount(h, &t->tolerance);
        h = fnv_u64(h, t->n_steps);
        for (size_t k = 0; k < t->n_steps; k++) {
            const ind_target_step *st = &t->steps[k];
            h = fnv_str(h, st->from);
            h = fnv_u64(h, (uint64_t)(int64_t)st->from_day);
            h = fnv_u64(h, (uint64_t)(st->has_target != 0));
            if (st->has_target)
                h = hash_amount(h, &st->target);
        }
    }
    return h;
}

uint64_t ind_batch_input_hash(const ind_registry *reg, const ind_entry *e,
                              const ind_dataset *ds, const void *salt,
                              size_t salt_size)
{
    const ind_indicator *ind = e->indicator;
    const ind_plugin *pl = ind_registry_plugin(reg, e->plugin)->descriptor;
    uint64_t h = FNV_OFFSET;
    h = fnv_str(h, ind_version());
    h = fnv_str(h, pl->name);
    h = fnv_str(h, pl->version);
    h = fnv_str(h, ind->id);
    h = fnv_str(h, ds->area);
    h = fnv_str(h, ds->code);
    h = fnv_u64(h, e->n_inputs + e->n_optional);
    for (size_t i = 0; i < e->n_inputs; i++)
        h = hash_series(h, ind_dataset_find(ds, ind->inputs[i]));
    for (size_t i = 0; i < e->n_optional; i++)
        h = hash_series(h, ind_dataset_find(ds, ind->optional_inputs[i]));
    h = hash_targets(h, ds);
    h = fnv_u64(h, salt_size);
    return salt_size > 0 ? fnv_bytes(h, salt, salt_size) : h;
}

void ind_batch_hash_hex(uint64_t hash, char buf[17])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        buf[i] = digits[hash & 0xf];
        hash >>= 4;
    }
    buf[16] = '\0';
}

/* ---- the pipeline's state ------------------------------------------------ */

typedef struct slot {
    ind_batch_item item;
    int done; /* computed, waiting to be emitted; read, taken or free are
              ** told by the counters produced, taken and emitted */
} slot;

typedef struct batch {
    const ind_batch_config *cfg;
    const ind_batch_hooks *hooks;
    const char *const *inputs;
    size_t n_inputs;
    ind_limits limits;

    slot *ring;
    size_t window;

    pthread_mutex_t lock;     /* guards everything down to stop_error */
    pthread_cond_t wake;      /* something changed: sleepers look again */
    unsigned jobs;
    size_t produced;          /* items read so far: the next sequence number */
    size_t taken;             /* items taken to be computed */
    size_t emitted;           /* items emitted */
    unsigned sleeping;        /* threads waiting on wake */
    int reading;              /* a thread has the reading turn */
    int eof;                  /* everything has been read */
    int stop;                 /* give up: an emit or worker_start failed */
    int status;               /* why, when stop */
    ind_error stop_error;

    /* The reading position, touched only by the thread with the reading
    ** turn (or the only thread). */
    size_t input;
    ind_reader *reader;
    uint64_t bytes_done;      /* bytes of inputs already closed */

    ind_batch_stats stats;    /* touched only by the emitter */
} batch;

/* ---- reading ------------------------------------------------------------- */

static void item_reset(ind_batch_item *it)
{
    ind_dataset_free(it->dataset);
    ind_result_free(it->result);
    ind_arena_free(it->arena);
    free(it->bytes);
    memset(it, 0, sizeof *it);
}

static void close_input(batch *b)
{
    b->bytes_done += ind_reader_bytes(b->reader);
    ind_reader_close(b->reader);
    b->reader = NULL;
    b->input++;
}

/* Reads the next item into *it. Returns 1 when there is one, 0 at the end
** of every input. */
static int read_item(batch *b, ind_batch_item *it)
{
    while (b->input < b->n_inputs) {
        it->input = b->input;
        it->input_name = b->inputs[b->input];
        int rc = IND_OK;
        if (b->reader == NULL)
            rc = ind_reader_open(it->input_name, IND_INPUT_AUTO, &b->limits,
                                 &b->reader, &it->error);
        if (rc == IND_OK)
            rc = ind_reader_next(b->reader, &it->dataset, &it->error);
        it->input_bytes = b->bytes_done + ind_reader_bytes(b->reader);
        if (rc == IND_OK && it->dataset == NULL) {
            close_input(b);
            continue;
        }
        it->status = rc;
        if (rc != IND_OK && (b->reader == NULL || !ind_reader_recoverable(b->reader))) {
            it->end_of_input = 1;
            close_input(b);
        }
        return 1;
    }
    return 0;
}

/* ---- working ------------------------------------------------------------- */

static void fail_item(ind_batch_item *it, int rc)
{
    it->status = rc;
    if (it->error.code == IND_OK)
        ind_error_set(&it->error, rc, "%s", ind_status_name(rc));
    ind_result_free(it->result);
    it->result = NULL;
}

static void work_item(const batch *b, void *wctx, ind_batch_item *it)
{
    const ind_batch_hooks *h = b->hooks;
    if (it->status != IND_OK)
        return;
    it->arena = ind_arena_new(ITEM_ARENA_CHUNK);
    if (it->arena == NULL) {
        ind_error_set(&it->error, IND_ENOMEM, "out of memory");
        fail_item(it, IND_ENOMEM);
        return;
    }
    int rc = h->plan != NULL ? h->plan(h->ctx, wctx, it, &it->error) : IND_OK;
    if (rc == IND_OK && !it->skip) {
        ind_analysis_opts opts = b->cfg->analysis;
        if (it->indicators != NULL) {
            opts.indicators = it->indicators;
            opts.n_indicators = it->n_indicators;
        }
        rc = ind_analyse(b->cfg->registry, it->dataset, &opts, &it->result, &it->error);
    }
    if (rc == IND_OK && h->render != NULL)
        rc = h->render(h->ctx, wctx, it, &it->error);
    if (rc != IND_OK)
        fail_item(it, rc);
}

/* ---- emitting ------------------------------------------------------------ */

/* The hook first: it may still fail the item (a duplicate it refuses), and
** the counts follow its verdict. */
static int emit_item(batch *b, ind_batch_item *it, ind_error *err)
{
    int rc = b->hooks->emit(b->hooks->ctx, it, err);
    ind_batch_stats *s = &b->stats;
    s->items++;
    if (it->status == IND_OK) {
        s->ok++;
        s->skipped += it->skip != 0;
    } else {
        s->failed++;
    }
    if (it->dataset != NULL)
        s->series += it->dataset->n_series;
    if (it->input_bytes > s->bytes)
        s->bytes = it->input_bytes;
    return rc;
}

/* ---- one job: everything in turn on the calling thread ------------------- */

static int run_sequential(batch *b, ind_error *err)
{
    const ind_batch_hooks *h = b->hooks;
    void *wctx = NULL;
    int rc = h->worker_start != NULL ? h->worker_start(h->ctx, 0, &wctx, err) : IND_OK;
    if (rc != IND_OK)
        return rc;
    ind_batch_item it;
    memset(&it, 0, sizeof it);
    for (size_t seq = 0; rc == IND_OK; seq++) {
        if (!read_item(b, &it))
            break;
        it.seq = seq;
        work_item(b, wctx, &it);
        rc = emit_item(b, &it, err);
        item_reset(&it);
    }
    item_reset(&it);
    if (h->worker_stop != NULL)
        h->worker_stop(h->ctx, wctx);
    return rc;
}

/* ---- several jobs: every thread reads, computes, and the caller emits ------
**
** There is no thread per stage. The calling thread and jobs-1 more each
** loop over the same choices: the caller emits the next area in input order
** whenever it is done; a thread that sees fewer areas ready than there are
** jobs takes the reading turn (one reader at a time, so the parsers never
** run concurrently: cJSON writes a global on bad input) and reads ahead until
** a few areas per job are waiting; otherwise it computes the oldest ready
** area. So jobs threads keep jobs cores busy, with nothing waking a stage
** thread per area: a thread sleeps only when there is nothing at all to do.
*/

#define READ_AHEAD_PER_JOB 4

typedef struct crew {
    batch *b;
    unsigned index;   /* 0 is the calling thread, which alone emits */
} crew;

static void set_stop(batch *b, int status, const ind_error *why)
{
    if (!b->stop) {
        b->stop = 1;
        b->status = status;
        if (why != NULL)
            b->stop_error = *why;
    }
    pthread_cond_broadcast(&b->wake);
}

/* Wakes sleepers after a change that may give them something to do. Called
** with the lock held; costs nothing when nobody sleeps. */
static void nudge(batch *b)
{
    if (b->sleeping > 0)
        pthread_cond_broadcast(&b->wake);
}

static size_t ready_count(const batch *b)
{
    return b->produced - b->taken;
}

static int may_read(const batch *b)
{
    return !b->reading && !b->eof && b->produced - b->emitted < b->window;
}

/* Reads areas into free slots until enough wait, the ring is full or the
** inputs end. Called with the lock held and the reading turn taken; each
** area is published as soon as it is read, so others start on it at once. */
static void read_ahead(batch *b)
{
    while (!b->stop && ready_count(b) < (size_t)b->jobs * READ_AHEAD_PER_JOB &&
           b->produced - b->emitted < b->window) {
        size_t seq = b->produced;
        /* The slot is free and only the reading thread touches a free slot. */
        slot *s = &b->ring[seq % b->window];
        pthread_mutex_unlock(&b->lock);
        int more = read_item(b, &s->item);
        pthread_mutex_lock(&b->lock);
        if (!more) {
            b->eof = 1;
            break;
        }
        s->item.seq = seq;
        b->produced++;
        nudge(b);
    }
}

/* Emits every area that is done, in order. Calling thread only, lock held. */
static void emit_ready(batch *b)
{
    for (;;) {
        slot *s = &b->ring[b->emitted % b->window];
        if (b->stop || !s->done)
            return;
        pthread_mutex_unlock(&b->lock);
        ind_error e = { 0 };
        int rc = emit_item(b, &s->item, &e);
        item_reset(&s->item);
        pthread_mutex_lock(&b->lock);
        s->done = 0;
        b->emitted++;
        if (rc != IND_OK)
            set_stop(b, rc, &e);
        nudge(b); /* a free slot: someone may read */
    }
}

/* Computes the oldest ready area. Lock held on entry and on return. */
static void work_next(batch *b, void *wctx)
{
    size_t seq = b->taken++;
    slot *s = &b->ring[seq % b->window];
    pthread_mutex_unlock(&b->lock);
    work_item(b, wctx, &s->item);
    pthread_mutex_lock(&b->lock);
    s->done = 1;
    if (seq == b->emitted)
        nudge(b); /* the caller may be asleep waiting for it */
}

/* Whether this member has nothing left to do, ever. */
static int finished(const batch *b, int emits)
{
    if (b->stop)
        return 1;
    if (!b->eof)
        return 0;
    return emits ? b->emitted == b->produced : b->taken == b->produced;
}

static void crew_loop(batch *b, void *wctx, int emits)
{
    pthread_mutex_lock(&b->lock);
    while (!finished(b, emits)) {
        if (emits && b->ring[b->emitted % b->window].done) {
            emit_ready(b);
        } else if (may_read(b) && ready_count(b) < b->jobs) {
            b->reading = 1;
            read_ahead(b);
            b->reading = 0;
            nudge(b);
        } else if (ready_count(b) > 0) {
            work_next(b, wctx);
        } else {
            b->sleeping++;
            pthread_cond_wait(&b->wake, &b->lock);
            b->sleeping--;
        }
    }
    pthread_mutex_unlock(&b->lock);
}

/* A member's whole life: its per-thread state, the loop, and its end. */
static void crew_run(batch *b, unsigned index)
{
    const ind_batch_hooks *h = b->hooks;
    void *wctx = NULL;
    ind_error err = { 0 };
    int rc = h->worker_start != NULL ? h->worker_start(h->ctx, index, &wctx, &err) : IND_OK;
    if (rc != IND_OK) {
        pthread_mutex_lock(&b->lock);
        set_stop(b, rc, &err);
        pthread_mutex_unlock(&b->lock);
        return;
    }
    crew_loop(b, wctx, index == 0);
    if (h->worker_stop != NULL)
        h->worker_stop(h->ctx, wctx);
}

static void *crew_main(void *arg)
{
    crew *c = arg;
    crew_run(c->b, c->index);
    return NULL;
}

static int run_threaded(batch *b, unsigned jobs, ind_error *err)
{
    b->jobs = jobs;
    b->ring = calloc(b->window, sizeof *b->ring);
    pthread_t *threads = calloc(jobs, sizeof *threads);
    crew *members = calloc(jobs, sizeof *members);
    if (b->ring == NULL || threads == NULL || members == NULL) {
        free(members);
        free(threads);
        free(b->ring);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    int locked = pthread_mutex_init(&b->lock, NULL) == 0;
    if (!locked || pthread_cond_init(&b->wake, NULL) != 0) {
        if (locked)
            pthread_mutex_destroy(&b->lock);
        free(members);
        free(threads);
        free(b->ring);
        return ind_error_set(err, IND_ENOMEM, "cannot create a lock");
    }

    unsigned started = 0;
    int rc = IND_OK;
    for (unsigned i = 1; i < jobs; i++) {
        members[i].b = b;
        members[i].index = i;
        if (pthread_create(&threads[i], NULL, crew_main, &members[i]) != 0) {
            rc = ind_error_set(err, IND_ENOMEM, "cannot start thread %u of %u", i + 1, jobs);
            pthread_mutex_lock(&b->lock);
            set_stop(b, rc, NULL);
            pthread_mutex_unlock(&b->lock);
            break;
        }
        started = i;
    }
    if (rc == IND_OK)
        crew_run(b, 0);
    for (unsigned i = 1; i <= started; i++)
        pthread_join(threads[i], NULL);

    if (rc == IND_OK && b->stop) {
        rc = b->status;
        if (err != NULL)
            *err = b->stop_error;
    }
    for (size_t i = 0; i < b->window; i++)
        item_reset(&b->ring[i].item);
    pthread_cond_destroy(&b->wake);
    pthread_mutex_destroy(&b->lock);
    free(members);
    free(threads);
    free(b->ring);
    return rc;
}

/* ---- the entry point ----------------------------------------------------- */

static int check_args(const ind_batch_config *cfg, const ind_batch_hooks *hooks,
                      const char *const *inputs, size_t n_inputs, ind_error *err)
{
    if (cfg == NULL || hooks == NULL || cfg->registry == NULL || hooks->emit == NULL ||
        (inputs == NULL && n_inputs > 0))
        return ind_error_set(err, IND_EINVAL,
                             "ind_batch_run: a configuration with a registry, hooks "
                             "with emit, and inputs are required");
    if (cfg->jobs > MAX_JOBS)
        return ind_error_set(err, IND_EINVAL, "ind_batch_run: %u jobs is more than %d",
                             cfg->jobs, MAX_JOBS);
    int stdin_seen = 0;
    for (size_t i = 0; i < n_inputs; i++) {
        if (inputs[i] == NULL)
            return ind_error_set(err, IND_EINVAL, "ind_batch_run: input %zu is NULL", i);
        if (strcmp(inputs[i], "-") == 0 && stdin_seen++)
            return ind_error_set(err, IND_EINVAL,
                                 "standard input (-) can be read only once");
    }
    return IND_OK;
}

int ind_batch_run(const ind_batch_config *cfg, const ind_batch_hooks *hooks,
                  const char *const *inputs, size_t n_inputs,
                  ind_batch_stats *stats, ind_error *err)
{
    if (stats != NULL)
        memset(stats, 0, sizeof *stats);
    int rc = check_args(cfg, hooks, inputs, n_inputs, err);
    if (rc != IND_OK)
        return rc;
    batch b;
    memset(&b, 0, sizeof b);
    b.cfg = cfg;
    b.hooks = hooks;
    b.inputs = inputs;
    b.n_inputs = n_inputs;
    if (cfg->limits != NULL)
        b.limits = *cfg->limits;
    ind_limits_defaults(&b.limits);
    unsigned jobs = cfg->jobs > 0 ? cfg->jobs : 1;
    b.window = cfg->window > 0 ? cfg->window
                               : (size_t)jobs * DEFAULT_WINDOW_PER_JOB + DEFAULT_WINDOW_EXTRA;

    rc = jobs == 1 ? run_sequential(&b, err) : run_threaded(&b, jobs, err);
    if (b.reader != NULL)
        close_input(&b);
    /* Every thread has stopped: what the reader counted is final. */
    if (b.bytes_done > b.stats.bytes)
        b.stats.bytes = b.bytes_done;
    if (stats != NULL)
        *stats = b.stats;
    return rc;
}
