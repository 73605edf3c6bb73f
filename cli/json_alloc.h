/*
** json_alloc.h: a per-thread slab allocator for cJSON's parse trees.
**
** Reading JSON Lines, cJSON allocates a node for every value and a string
** for every key and text, and frees them all once the record is read:
** malloc and free were over a quarter of the time spent reading. This
** allocator hands out memory from a slab per thread by moving a pointer,
** and reuses the slab once everything taken from it has been given back,
** which for one record at a time is after every record.
**
** It is installed once, in main, before any thread starts and before any
** cJSON call: cJSON's hooks are process-wide, which is why this lives in the
** command and not in the library (libindicate holds no global state and
** works with cJSON's defaults). Memory taken on one thread may be freed on
** another (a JSON document parsed during one thread's reading turn and
** freed after another's); a thread that ends with memory still out leaves
** its slab to be freed by the last free. Requests too large for what is left
** of the slab go to malloc.
*/
#ifndef CLI_JSON_ALLOC_H
#define CLI_JSON_ALLOC_H

#include <stddef.h>

/* Installs the allocator as cJSON's hooks. Returns 0, or -1 when the
** thread key cannot be created (cJSON then keeps malloc and free). Builds
** with AddressSanitizer keep malloc and free, so that the sanitizer sees
** every node; the allocator itself is tested directly. */
int cli_json_alloc_install(void);

/* The hooks themselves, for tests: what cJSON calls once installed. */
void *cli_json_alloc(size_t size);
void cli_json_free(void *p);

#endif
