/*
** arena.c: bump allocation from a list of chunks.
**
** Chunks grow geometrically up to a cap so that a dataset of a few series
** costs one small allocation and a large one does not waste much. An
** allocation larger than the chunk size gets a chunk of its own. The arena
** itself lives at the head of its first chunk: a new arena is one malloc.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/arena.h"

#define ARENA_ALIGN 16
#define ARENA_DEFAULT_CHUNK (64u * 1024u)
#define ARENA_MAX_CHUNK (4u * 1024u * 1024u)

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} chunk;

struct ind_arena {
    chunk *head;        /* current chunk; older ones follow */
    chunk *first;       /* the first chunk, kept by ind_arena_reset */
    size_t chunk_size;  /* size of the next ordinary chunk */
    size_t first_size;
    size_t used;
};

/* The arena heads the block of its first chunk, which follows it aligned. */
#define ARENA_HEAD \
    ((sizeof(ind_arena) + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN)

static chunk *chunk_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(chunk))
        return NULL;
    chunk *c = malloc(sizeof(chunk) + size);
    if (c == NULL)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

ind_arena *ind_arena_new(size_t chunk_size)
{
    size_t size = chunk_size ? chunk_size : ARENA_DEFAULT_CHUNK;
    if (size > SIZE_MAX - ARENA_HEAD - sizeof(chunk))
        return NULL;
    unsigned char *blk = malloc(ARENA_HEAD + sizeof(chunk) + size);
    if (blk == NULL)
        return NULL;
    ind_arena *a = (ind_arena *)blk;
    a->chunk_size = a->first_size = size;
    a->used = 0;
    a->head = a->first = (chunk *)(blk + ARENA_HEAD);
    a->first->next = NULL;
    a->first->size = size;
    a->first->used = 0;
    return a;
}

void *ind_arena_alloc(ind_arena *a, size_t size)
{
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;

    chunk *c = a->head;
    if (c->size - c->used < need) {
        size_t grow = a->chunk_size;
        if (grow < ARENA_MAX_CHUNK)
            a->chunk_size = grow * 2;
        chunk *n = chunk_new(need > grow ? need : grow);
        if (n == NULL)
            return NULL;
        if (need > grow) {
            /* An outsized block: keep the current chunk in front for the
            ** small allocations that follow. */
            n->next = c->next;
            c->next = n;
            c = n;
        } else {
            n->next = c;
            a->head = c = n;
        }
    }
    void *p = c->data + c->used;
    c->used += need;
    a->used += need;
    memset(p, 0, size);
    return p;
}

void *ind_arena_array(ind_arena *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return ind_arena_alloc(a, n * size);
}

char *ind_arena_strndup(ind_arena *a, const char *s, size_t n)
{
    if (s == NULL)
        return NULL;
    char *d = ind_arena_alloc(a, n + 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *ind_arena_strdup(ind_arena *a, const char *s)
{
    return s == NULL ? NULL : ind_arena_strndup(a, s, strlen(s));
}

void ind_arena_reset(ind_arena *a)
{
    /* Keep the first chunk, the one sized for typical use; free the rest. */
    chunk *c = a->head;
    while (c != NULL) {
        chunk *next = c->next;
        if (c != a->first)
            free(c);
        c = next;
    }
    a->first->used = 0;
    a->first->next = NULL;
    a->head = a->first;
    a->chunk_size = a->first_size;
    a->used = 0;
}

size_t ind_arena_used(const ind_arena *a)
{
    return a->used;
}

void ind_arena_free(ind_arena *a)
{
    if (a == NULL)
        return;
    chunk *c = a->head;
    while (c != NULL) {
        chunk *next = c->next;
        if (c != a->first)
            free(c);
        c = next;
    }
    free(a); /* and the first chunk with it */
}
