/*
** arena.h: region allocation for everything that lives and dies together.
**
** A dataset, a result or a batch worker's scratch space is one arena: many
** small allocations bumped from large chunks, freed all at once. This keeps
** allocation out of per-value paths and makes ownership simple: whatever
** was allocated from an arena is owned by it.
*/
#ifndef INDICATE_ARENA_H
#define INDICATE_ARENA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ind_arena ind_arena;

/* A new arena whose chunks are at least chunk_size bytes (0 for 64 KiB).
** NULL when out of memory. */
ind_arena *ind_arena_new(size_t chunk_size);

/* size bytes aligned for any type, or NULL when out of memory (or when size
** overflows). Zero-filled. */
void *ind_arena_alloc(ind_arena *a, size_t size);

/* n * size bytes, zero-filled, with the multiplication checked. */
void *ind_arena_array(ind_arena *a, size_t n, size_t size);

/* A copy of s (NULL gives NULL), or of its first n bytes plus a NUL. */
char *ind_arena_strdup(ind_arena *a, const char *s);
char *ind_arena_strndup(ind_arena *a, const char *s, size_t n);

/* Forgets every allocation but keeps the first chunk for reuse. */
void ind_arena_reset(ind_arena *a);

/* Bytes handed out since creation or the last reset. */
size_t ind_arena_used(const ind_arena *a);

/* Frees the arena and everything allocated from it. NULL is a no-op. */
void ind_arena_free(ind_arena *a);

#ifdef __cplusplus
}
#endif
#endif
