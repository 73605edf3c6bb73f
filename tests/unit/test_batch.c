/*
** test_batch.c: the streaming pipeline (batch.h) and input hashes.
**
** A JSON Lines input of 60 areas (one of them bad) goes through the batch
** with 1, 2, 3 and 8 jobs and small windows: every area must reach emit
** exactly once, in input order, with the same figures whatever the number
** of jobs; the bad area fails with its line and the others go on; no more
** than `window` areas are ever held at once; a missing input is reported
** and the next input read; plan can skip an area or choose indicators; a
** failing emit stops the batch and frees everything (run under ASan); and
** input hashes change with exactly what a result depends on, the targets
** its statuses are judged against included.
*/
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/batch.h"
#include "indicate/indicate.h"

#define AREAS 60
#define BAD_AREA 17 /* 0-based: line 18 of the input */

static ind_registry *registry;
static char input_path[64];

/* ---- the input ------------------------------------------------------------- */

static void write_input(void)
{
    snprintf(input_path, sizeof input_path, "/tmp/indicate-test-batch-XXXXXX");
    int fd = mkstemp(input_path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    for (int a = 0; a < AREAS; a++) {
        /* Referrals 100 + a + 7t, a straight line with slope 7, except
        ** the bad area, whose count is negative. */
        fprintf(fp, "{\"area\":\"Area %02d\",\"series\":[{\"id\":\"cp.referrals\","
                    "\"periods\":[\"2019-20\",\"2020-21\",\"2021-22\",\"2022-23\"],"
                    "\"values\":[%d,%d,%d,%d]},{\"id\":\"asp.referrals\","
                    "\"periods\":[\"2021-22\",\"2022-23\",\"2023-24\"],\"values\":[%d,%d,%d]}]}\n",
                a, a == BAD_AREA ? -1 : 100 + a, 107 + a, 114 + a, 121 + a, 10 * a, 10 * a + 3,
                10 * a + 9);
    }
    assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
    (void)state;
    registry = ind_registry_new();
    if (registry == NULL)
        return -1;
    ind_discovery d = { .default_dir = IND_BUILD_PLUGIN_DIR };
    if (ind_registry_discover(registry, &d, NULL) != IND_OK ||
        ind_registry_find(registry, "cp.referrals") == NULL)
        return -1;
    write_input();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(input_path);
    ind_registry_free(registry);
    return 0;
}

/* ---- a recording emit ------------------------------------------------------ */

typedef struct record {
    size_t n, ok, failed, skipped;
    size_t next_seq;
    double slope_sum;           /* a digest of the figures */
    char first_error[IND_ERROR_MAX];
    size_t stop_at;             /* emit fails at this seq (SIZE_MAX: never) */
    int skip_even;              /* plan skips even areas */
    pthread_mutex_t lock;
    size_t in_flight, max_in_flight;
    pthread_t caller;           /* emit must run on it */
    size_t foreign_emits;
} record;

static void record_init(record *r)
{
    memset(r, 0, sizeof *r);
    r->stop_at = SIZE_MAX;
    r->caller = pthread_self();
    pthread_mutex_init(&r->lock, NULL);
}

static int plan(void *ctx, void *wctx, ind_batch_item *it, ind_error *err)
{
    (void)wctx;
    (void)err;
    record *r = ctx;
    pthread_mutex_lock(&r->lock);
    if (++r->in_flight > r->max_in_flight)
        r->max_in_flight = r->in_flight;
    pthread_mutex_unlock(&r->lock);
    if (r->skip_even && it->seq % 2 == 0)
        it->skip = 1;
    return IND_OK;
}

static int emit(void *ctx, ind_batch_item *it, ind_error *err)
{
    record *r = ctx;
    if (it->seq != r->next_seq)
        fail_msg("emitted %zu, expected %zu", it->seq, r->next_seq);
    if (!pthread_equal(pthread_self(), r->caller))
        r->foreign_emits++;
    r->next_seq++;
    r->n++;
    if (it->dataset != NULL) {
        pthread_mutex_lock(&r->lock);
        r->in_flight--;
        pthread_mutex_unlock(&r->lock);
    }
    if (it->status != IND_OK) {
        r->failed++;
        if (r->first_error[0] == '\0')
            snprintf(r->first_error, sizeof r->first_error, "%s", it->error.message);
    } else if (it->skip) {
        r->skipped++;
        assert_null(it->result);
    } else {
        r->ok++;
        for (size_t m = 0; m < it->result->n_measures; m++)
            r->slope_sum += it->result->measure[m].trend.slope * (double)(it->seq + 1);
    }
    if (it->seq == r->stop_at)
        return ind_error_set(err, IND_EIO, "stopped at %zu", it->seq);
    return IND_OK;
}

static int run(record *r, unsigned jobs, size_t window, const char *const *inputs, size_t n,
               ind_batch_stats *stats)
{
    ind_batch_config cfg = { .registry = registry, .jobs = jobs, .window = window };
    ind_batch_hooks hooks = { .ctx = r, .plan = plan, .emit = emit };
    ind_error err = { 0 };
    return ind_batch_run(&cfg, &hooks, inputs, n, stats, &err);
}

/* ---- tests ------------------------------------------------------------------- */

static void test_same_for_any_jobs(void **state)
{
    (void)state;
    const char *inputs[] = { input_path };
    double digest = NAN;
    const unsigned jobs[] = { 1, 2, 3, 8 };
    const size_t windows[] = { 0, 1, 3, 5 };
    for (size_t j = 0; j < 4; j++) {
        record r;
        record_init(&r);
        ind_batch_stats st;
        assert_int_equal(run(&r, jobs[j], windows[j], inputs, 1, &st), IND_OK);
        assert_int_equal(r.n, AREAS);
        assert_int_equal(r.failed, 1);
        assert_int_equal(r.ok, AREAS - 1);
        assert_int_equal(st.items, AREAS);
        assert_int_equal(st.failed, 1);
        assert_int_equal(st.ok, AREAS - 1);
        assert_int_equal(st.series, 2 * (AREAS - 1));
        /* The bad area is named by file and line, and only it failed. */
        assert_non_null(strstr(r.first_error, ":18:"));
        assert_non_null(strstr(r.first_error, "negative"));
        /* Every cp.referrals slope is 7 and every asp.referrals slope 4.5
        ** (0, 3, 9: Sxy = 9, Sxx = 2): the digest is fixed, and equal for
        ** every job count. */
        if (j == 0)
            digest = r.slope_sum;
        assert_true(r.slope_sum == digest);
        size_t window = windows[j] > 0 ? windows[j] : 4 * jobs[j] + 4;
        assert_true(r.max_in_flight <= window);
        assert_int_equal(r.foreign_emits, 0); /* emit runs on the caller */
        pthread_mutex_destroy(&r.lock);
    }
    double want = 0;
    for (int a = 0; a < AREAS; a++)
        if (a != BAD_AREA)
            want += (7 + 4.5) * (a + 1);
    assert_true(fabs(digest - want) < 1e-9 * want);
}

static void test_missing_input(void **state)
{
    (void)state;
    const char *inputs[] = { "/nonexistent/indicate-input.jsonl", input_path };
    record r;
    record_init(&r);
    ind_batch_stats st;
    assert_int_equal(run(&r, 2, 4, inputs, 2, &st), IND_OK);
    assert_int_equal(r.n, AREAS + 1);
    assert_int_equal(r.failed, 2);
    assert_non_null(strstr(r.first_error, "/nonexistent/indicate-input.jsonl: cannot open"));
    pthread_mutex_destroy(&r.lock);
}

static void test_plan_skips(void **state)
{
    (void)state;
    const char *inputs[] = { input_path };
    record r;
    record_init(&r);
    r.skip_even = 1;
    ind_batch_stats st;
    assert_int_equal(run(&r, 3, 0, inputs, 1, &st), IND_OK);
    /* 30 even areas skipped; of the 30 odd ones, the bad one (17) fails. */
    assert_int_equal(r.skipped, 30);
    assert_int_equal(st.skipped, 30);
    assert_int_equal(r.ok, 29);
    assert_int_equal(r.failed, 1);
    pthread_mutex_destroy(&r.lock);
}

static void test_emit_stops(void **state)
{
    (void)state;
    const char *inputs[] = { input_path };
    for (unsigned jobs = 1; jobs <= 4; jobs += 3) {
        record r;
        record_init(&r);
        r.stop_at = 5;
        ind_batch_config cfg = { .registry = registry, .jobs = jobs, .window = 4 };
        ind_batch_hooks hooks = { .ctx = &r, .plan = plan, .emit = emit };
        ind_error err = { 0 };
        assert_int_equal(ind_batch_run(&cfg, &hooks, inputs, 1, NULL, &err), IND_EIO);
        assert_string_equal(err.message, "stopped at 5");
        assert_int_equal(r.n, 6);
        pthread_mutex_destroy(&r.lock);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    record r;
    record_init(&r);
    const char *two_stdin[] = { "-", "-" };
    ind_batch_config cfg = { .registry = registry };
    ind_batch_hooks hooks = { .ctx = &r, .emit = emit };
    ind_error err = { 0 };
    assert_int_equal(ind_batch_run(&cfg, &hooks, two_stdin, 2, NULL, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "only once"));
    ind_batch_hooks no_emit = { .ctx = &r };
    assert_int_equal(ind_batch_run(&cfg, &no_emit, two_stdin, 0, NULL, NULL), IND_EINVAL);
    ind_batch_config no_reg = { 0 };
    assert_int_equal(ind_batch_run(&no_reg, &hooks, NULL, 0, NULL, NULL), IND_EINVAL);
    /* No inputs at all is an empty batch. */
    ind_batch_stats st;
    assert_int_equal(ind_batch_run(&cfg, &hooks, NULL, 0, &st, NULL), IND_OK);
    assert_int_equal(st.items, 0);
    pthread_mutex_destroy(&r.lock);
}

/* The one area of a JSON document. */
static ind_dataset *dataset_from(const char *text)
{
    ind_reader *r = NULL;
    ind_dataset *ds = NULL;
    assert_int_equal(ind_reader_open_memory("hash.json", text, strlen(text), IND_INPUT_JSON,
                                            NULL, &r, NULL), IND_OK);
    assert_int_equal(ind_reader_next(r, &ds, NULL), IND_OK);
    ind_reader_close(r);
    assert_non_null(ds);
    return ds;
}

/* ---- input hashes ------------------------------------------------------------- */

static ind_dataset *area_with(const char *name, double v2, const char *label2)
{
    const char *text_fmt = "{\"area\":\"%s\",\"series\":[{\"id\":\"cp.referrals\","
                           "\"periods\":[\"2021-22\",\"%s\"],\"values\":[5,%.17g]},"
                           "{\"id\":\"asp.referrals\",\"periods\":[\"2021-22\"],\"values\":[1]}]}";
    char text[512];
    snprintf(text, sizeof text, text_fmt, name, label2, v2);
    return dataset_from(text);
}

static void test_input_hash(void **state)
{
    (void)state;
    const ind_entry *cp = ind_registry_find(registry, "cp.referrals");
    const ind_entry *asp = ind_registry_find(registry, "asp.referrals");
    ind_dataset *a = area_with("A", 6, "2022-23");
    ind_dataset *same = area_with("A", 6, "2022-23");
    ind_dataset *value = area_with("A", 7, "2022-23");
    ind_dataset *label = area_with("A", 6, "2022/23");
    ind_dataset *name = area_with("B", 6, "2022-23");
    ind_dataset *zero = area_with("A", 0.0, "2022-23");
    ind_dataset *minus_zero = area_with("A", -0.0, "2022-23");
    uint64_t h = ind_batch_input_hash(registry, cp, a, "s", 1);
    assert_true(h == ind_batch_input_hash(registry, cp, same, "s", 1));
    assert_true(h != ind_batch_input_hash(registry, cp, value, "s", 1));
    assert_true(h != ind_batch_input_hash(registry, cp, label, "s", 1));
    assert_true(h != ind_batch_input_hash(registry, cp, name, "s", 1));
    assert_true(h != ind_batch_input_hash(registry, cp, a, "t", 1));
    assert_true(h != ind_batch_input_hash(registry, cp, a, NULL, 0));
    assert_true(h != ind_batch_input_hash(registry, asp, a, "s", 1));
    /* asp.referrals does not read cp.referrals: its hash ignores the change. */
    assert_true(ind_batch_input_hash(registry, asp, a, "s", 1) ==
                ind_batch_input_hash(registry, asp, value, "s", 1));
    assert_true(ind_batch_input_hash(registry, cp, zero, NULL, 0) ==
                ind_batch_input_hash(registry, cp, minus_zero, NULL, 0));
    char hex[17];
    ind_batch_hash_hex(0x0123456789abcdefull, hex);
    assert_string_equal(hex, "0123456789abcdef");
    ind_dataset *all[] = { a, same, value, label, name, zero, minus_zero };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ind_dataset_free(all[i]);
}

/* An area with cp.referrals and asp.referrals and what its targets say:
** extra is spliced in before "series" (targets, status_rules, projects). */
static ind_dataset *area_judged(const char *extra)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"area\":\"A\",%s\"series\":[{\"id\":\"cp.referrals\",\"periods\":"
             "[\"2021-22\",\"2022-23\"],\"values\":[5,6]},{\"id\":\"asp.referrals\","
             "\"periods\":[\"2021-22\"],\"values\":[1]}]}", extra);
    return dataset_from(text);
}

/* A target's value, tolerance, polarity, scope and schedule, and the
** dataset's default tolerance, change every hash of the area (the statuses
** read them); a title, a project or the slippage days do not. */
static void test_input_hash_targets(void **state)
{
    (void)state;
    const ind_entry *cp = ind_registry_find(registry, "cp.referrals");
    const ind_entry *asp = ind_registry_find(registry, "asp.referrals");
#define T(more) "\"targets\":[{\"measure\":\"cp.referrals\",\"target\":6," \
                "\"polarity\":\"higher_is_better\"" more "}],"
    ind_dataset *none = area_judged("");
    ind_dataset *base = area_judged(T(""));
    ind_dataset *same = area_judged(T(""));
    ind_dataset *changed[] = {
        area_judged("\"targets\":[{\"measure\":\"cp.referrals\",\"target\":7,"
                    "\"polarity\":\"higher_is_better\"}],"),
        area_judged("\"targets\":[{\"measure\":\"cp.referrals\",\"target\":6,"
                    "\"polarity\":\"lower_is_better\"}],"),
        area_judged(T(",\"tolerance\":\"5%\"")),
        area_judged(T(",\"scope\":\"year-to-date\"")),
        area_judged(T(",\"from\":\"2022-23\"")),
        area_judged(T("") "\"status_rules\":{\"tolerance\":\"5%\"},"),
    };
    ind_dataset *unchanged[] = {
        area_judged(T(",\"title\":\"Referrals\"")),
        area_judged(T("") "\"status_rules\":{\"slippage_days\":90},"),
        area_judged(T("") "\"projects\":[{\"id\":\"plan.x\",\"due\":\"2024-01-31\"}],"),
    };
#undef T
    uint64_t h = ind_batch_input_hash(registry, cp, base, NULL, 0);
    assert_true(h == ind_batch_input_hash(registry, cp, same, NULL, 0));
    assert_true(h != ind_batch_input_hash(registry, cp, none, NULL, 0));
    for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++)
        assert_true(h != ind_batch_input_hash(registry, cp, changed[i], NULL, 0));
    for (size_t i = 0; i < sizeof unchanged / sizeof unchanged[0]; i++)
        assert_true(h == ind_batch_input_hash(registry, cp, unchanged[i], NULL, 0));
    /* Every target of the area counts, not only those on the indicator's
    ** own measures (which are known only once computed). */
    assert_true(ind_batch_input_hash(registry, asp, base, NULL, 0) !=
                ind_batch_input_hash(registry, asp, changed[0], NULL, 0));
    ind_dataset_free(none);
    ind_dataset_free(base);
    ind_dataset_free(same);
    for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++)
        ind_dataset_free(changed[i]);
    for (size_t i = 0; i < sizeof unchanged / sizeof unchanged[0]; i++)
        ind_dataset_free(unchanged[i]);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_for_any_jobs),
        cmocka_unit_test(test_missing_input),
        cmocka_unit_test(test_plan_skips),
        cmocka_unit_test(test_emit_stops),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_input_hash),
        cmocka_unit_test(test_input_hash_targets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
