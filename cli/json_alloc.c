/*
** json_alloc.c: a per-thread slab allocator for cJSON's parse trees.
**
** Every block carries a 16-byte header naming the slab it came from (NULL
** for a block from malloc), so any thread can free any block. The slab
** counts what it handed out and what came back: frees on the owning thread
** in a plain counter, frees from other threads in an atomic one, so the
** common case (parse and free on one thread) costs no atomic operation. The
** owner starts the slab over when the two sums meet, which it alone can
** observe safely since only it hands out blocks.
**
** A thread that ends with blocks still out cannot free its slab: it marks
** the slab orphaned with the number of foreign frees still owed, and
** whichever of the exiting thread or the last foreign free sees the count
** met claims the slab and frees it (an atomic exchange decides which).
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "json_alloc.h"

#define SLAB_SIZE (64u * 1024u) /* a 1.4 kB record of 4 series takes 20 kB */
#define HEADER 16u

typedef struct slab {
    unsigned char *base;
    size_t used;
    size_t handed;       /* blocks handed out since the slab started over */
    size_t own_frees;    /* of those, freed on the owning thread */
    atomic_size_t foreign_frees;
    size_t owed;         /* once orphaned: foreign frees that will come */
    atomic_int orphaned;
    atomic_flag claimed; /* set by whoever frees an orphaned slab */
} slab;

typedef struct header {
    slab *owner;
    size_t pad; /* keeps blocks 16-byte aligned, as malloc's are */
} header;

_Static_assert(sizeof(header) == HEADER, "the header must keep blocks aligned");

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t slab_key;
static int key_ok;
static _Thread_local slab *my_slab;

static void slab_free(slab *s)
{
    free(s->base);
    free(s);
}

static int orphan_done(slab *s)
{
    return atomic_load_explicit(&s->orphaned, memory_order_acquire) &&
           atomic_load_explicit(&s->foreign_frees, memory_order_acquire) == s->owed;
}

static void release_if_done(slab *s)
{
    if (orphan_done(s) && !atomic_flag_test_and_set(&s->claimed))
        slab_free(s);
}

/* The thread key's destructor: runs as the owning thread ends. */
static void thread_ends(void *arg)
{
    slab *s = arg;
    size_t foreign = atomic_load_explicit(&s->foreign_frees, memory_order_acquire);
    if (s->handed == s->own_frees + foreign) {
        slab_free(s);
        return;
    }
    s->owed = s->handed - s->own_frees;
    atomic_store_explicit(&s->orphaned, 1, memory_order_release);
    release_if_done(s);
}

static void make_key(void)
{
    key_ok = pthread_key_create(&slab_key, thread_ends) == 0;
}

/* The key's destructor frees a thread's slab, so no slab without a key. */
static slab *slab_new(void)
{
    pthread_once(&key_once, make_key);
    if (!key_ok)
        return NULL;
    slab *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->base = aligned_alloc(HEADER, SLAB_SIZE);
    if (s->base == NULL || pthread_setspecific(slab_key, s) != 0) {
        free(s->base);
        free(s);
        return NULL;
    }
    atomic_init(&s->foreign_frees, 0);
    atomic_init(&s->orphaned, 0);
    atomic_flag_clear(&s->claimed);
    return s;
}

static void *from_malloc(size_t size)
{
    if (size > SIZE_MAX - HEADER)
        return NULL;
    header *h = malloc(HEADER + size);
    if (h == NULL)
        return NULL;
    h->owner = NULL;
    return (unsigned char *)h + HEADER;
}

void *cli_json_alloc(size_t size)
{
    slab *s = my_slab;
    if (s == NULL && (s = my_slab = slab_new()) == NULL)
        return from_malloc(size);
    if (s->handed == s->own_frees +
                         atomic_load_explicit(&s->foreign_frees, memory_order_acquire)) {
        /* Nothing is out: start over, so the next tree reuses warm memory. */
        s->used = s->handed = s->own_frees = 0;
        atomic_store_explicit(&s->foreign_frees, 0, memory_order_relaxed);
    }
    size_t need = HEADER + ((size + HEADER - 1) & ~(size_t)(HEADER - 1));
    if (size > SLAB_SIZE || need > SLAB_SIZE - s->used)
        return from_malloc(size);
    header *h = (header *)(s->base + s->used);
    s->used += need;
    s->handed++;
    h->owner = s;
    return (unsigned char *)h + HEADER;
}

void cli_json_free(void *p)
{
    if (p == NULL)
        return;
    header *h = (header *)((unsigned char *)p - HEADER);
    slab *s = h->owner;
    if (s == NULL) {
        free(h);
    } else if (s == my_slab) {
        s->own_frees++;
    } else {
        atomic_fetch_add_explicit(&s->foreign_frees, 1, memory_order_acq_rel);
        release_if_done(s);
    }
}

int cli_json_alloc_install(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return 0;
#else
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 0;
#endif
#endif
    pthread_once(&key_once, make_key);
    if (!key_ok)
        return -1;
    cJSON_Hooks hooks = { cli_json_alloc, cli_json_free };
    cJSON_InitHooks(&hooks);
    return 0;
#endif
}
