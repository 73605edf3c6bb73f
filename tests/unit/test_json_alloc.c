/*
** test_json_alloc.c: the command's slab allocator for cJSON (cli/json_alloc.c).
**
** Blocks are aligned and do not overlap while live; a slab starts over once
** everything is back (the next block reuses the first address); blocks
** larger than a slab come from malloc; a block freed on another thread is
** counted, and a thread that ends with blocks out leaves its slab to the
** last free (run under AddressSanitizer in CI: a slab freed too early or
** twice, or never, fails there). Whole trees: cJSON parses, and deletes,
** with the hooks installed.
*/
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "json_alloc.h"

static void test_aligned_and_apart(void **state)
{
    (void)state;
    enum { N = 200 };
    unsigned char *p[N];
    for (int i = 0; i < N; i++) {
        size_t size = (size_t)(i % 37) + 1;
        p[i] = cli_json_alloc(size);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % 16, 0);
        memset(p[i], i, size);
    }
    for (int i = 0; i < N; i++) {
        size_t size = (size_t)(i % 37) + 1;
        for (size_t k = 0; k < size; k++)
            assert_int_equal(p[i][k], (unsigned char)i);
    }
    for (int i = 0; i < N; i++)
        cli_json_free(p[i]);
}

static void test_starts_over_when_all_back(void **state)
{
    (void)state;
    void *a = cli_json_alloc(40);
    void *b = cli_json_alloc(40);
    assert_ptr_not_equal(a, b);
    cli_json_free(a);
    /* b is still out: no start over yet */
    void *c = cli_json_alloc(40);
    assert_ptr_not_equal(c, a);
    cli_json_free(b);
    cli_json_free(c);
    void *d = cli_json_alloc(40);
    void *e = cli_json_alloc(40);
    assert_ptr_equal(d, a);
    assert_ptr_equal(e, b);
    cli_json_free(e);
    cli_json_free(d);
    cli_json_free(NULL);
}

static void test_large_blocks_from_malloc(void **state)
{
    (void)state;
    unsigned char *big = cli_json_alloc(1u << 20);
    assert_non_null(big);
    memset(big, 7, 1u << 20);
    unsigned char *small = cli_json_alloc(8);
    assert_non_null(small);
    cli_json_free(big);
    cli_json_free(small);
    /* filling the slab past its end: the rest comes from malloc */
    enum { N = 3000 };
    static void *p[N];
    for (int i = 0; i < N; i++)
        assert_non_null(p[i] = cli_json_alloc(100));
    for (int i = 0; i < N; i++)
        cli_json_free(p[i]);
}

typedef struct handoff {
    void **blocks;
    size_t n;
} handoff;

static void *free_all(void *arg)
{
    handoff *h = arg;
    for (size_t i = 0; i < h->n; i++)
        cli_json_free(h->blocks[i]);
    return NULL;
}

static void test_freed_on_another_thread(void **state)
{
    (void)state;
    void *blocks[50];
    for (int i = 0; i < 50; i++)
        blocks[i] = cli_json_alloc(24);
    void *first = blocks[0];
    handoff h = { blocks, 50 };
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, free_all, &h), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    /* all back, though from elsewhere: the slab starts over */
    void *again = cli_json_alloc(24);
    assert_ptr_equal(again, first);
    cli_json_free(again);
}

/* A thread that parses and ends, leaving its tree to the caller. */
static void *parse_and_end(void *arg)
{
    cJSON **out = arg;
    *out = cJSON_Parse("{\"area\":\"Fife\",\"series\":[{\"id\":\"cp.referrals\","
                       "\"periods\":[\"2022-23\",\"2023-24\"],\"values\":[1,2]}]}");
    return NULL;
}

static void test_orphaned_slab(void **state)
{
    (void)state;
    cJSON *tree = NULL;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, parse_and_end, &tree), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_non_null(tree);
    /* the thread has ended; its slab lives on until the tree is deleted */
    const cJSON *area = cJSON_GetObjectItemCaseSensitive(tree, "area");
    assert_string_equal(cJSON_GetStringValue(area), "Fife");
    cJSON_Delete(tree);
}

static void test_cjson_with_hooks(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        cJSON *t = cJSON_Parse("[1, 2.5, \"three\", {\"four\": [null, true, false]}]");
        assert_non_null(t);
        assert_int_equal(cJSON_GetArraySize(t), 4);
        assert_true(cJSON_GetArrayItem(t, 1)->valuedouble == 2.5);
        assert_string_equal(cJSON_GetArrayItem(t, 2)->valuestring, "three");
        cJSON_Delete(t);
    }
}

int main(void)
{
    /* The tests call the hooks directly too, so run them whether or not
    ** install takes them (it does not under AddressSanitizer). */
    cJSON_Hooks hooks = { cli_json_alloc, cli_json_free };
    cJSON_InitHooks(&hooks);
    assert_int_equal(cli_json_alloc_install(), 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aligned_and_apart),
        cmocka_unit_test(test_starts_over_when_all_back),
        cmocka_unit_test(test_large_blocks_from_malloc),
        cmocka_unit_test(test_freed_on_another_thread),
        cmocka_unit_test(test_orphaned_slab),
        cmocka_unit_test(test_cjson_with_hooks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
