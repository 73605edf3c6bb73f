/*
** test_registry.c: the plug-in registry against the test plug-ins in
** IND_TEST_PLUGIN_DIR (one good, one broken per refusal stage) and the
** bundled plug-ins in IND_BUILD_PLUGIN_DIR: every refusal's stage, file and
** detail, the one-line message form, loading order, discovery, options,
** the host table and compute.
*/
/* glibc declares realpath only for X/Open 7. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "indicate/registry.h"

#define TP IND_TEST_PLUGIN_DIR

static void assert_contains(const char *text, const char *part)
{
    if (text == NULL || strstr(text, part) == NULL)
        fail_msg("\"%s\" does not contain \"%s\"", text ? text : "(null)",
                 part);
}

static void in_dir(char *buf, size_t size, const char *dir, const char *file)
{
    int n = snprintf(buf, size, "%s/%s", dir, file);
    assert_true(n > 0 && (size_t)n < size);
}

static ind_registry *new_registry(void)
{
    ind_registry *reg = ind_registry_new();
    assert_non_null(reg);
    return reg;
}

/* Loads one test plug-in, which must be accepted. */
static void load_ok(ind_registry *reg, const char *dir, const char *file)
{
    char path[PATH_MAX];
    in_dir(path, sizeof path, dir, file);
    ind_error err = {0};
    int rc = ind_registry_load_file(reg, path, &err);
    if (rc != IND_OK)
        fail_msg("%s: %s", path, err.message);
}

/* ---- refusals ---- */

/* The stage names as the guide prints them, written out independently. */
static const char *stage_text(ind_load_stage stage)
{
    static const char *const names[] = {
        NULL, "open", "not a plug-in", "ABI", "descriptor", "duplicate",
        "init"};
    return names[stage];
}

/* Checks the refusal recorded at index i of reg and the message in err. */
static void check_refusal(const ind_registry *reg, size_t i, const char *path,
                          ind_load_stage stage, const char *detail,
                          const ind_error *err)
{
    const ind_refusal *r = ind_registry_refusal(reg, i);
    assert_non_null(r);
    assert_string_equal(r->file, path);
    assert_int_equal(r->stage, stage);
    assert_contains(r->detail, detail);
    assert_non_null(r->hint);
    assert_true(strlen(r->hint) > 10);

    char want[3 * IND_ERROR_MAX];
    snprintf(want, sizeof want, "%s: refused at %s: %s (hint: %s)", path,
             stage_text(stage), r->detail, r->hint);
    assert_int_equal(err->code, IND_EPLUGIN);
    assert_string_equal(err->message, want);
    assert_null(strchr(err->message, '\n'));
}

/* A fresh registry loads only dir/file, which must be refused at stage
** with detail in its message. */
static void expect_refusal_in(const char *dir, const char *file,
                              ind_load_stage stage, const char *detail)
{
    char path[PATH_MAX];
    in_dir(path, sizeof path, dir, file);
    ind_registry *reg = new_registry();
    ind_error err = {0};
    assert_int_equal(ind_registry_load_file(reg, path, &err), IND_EPLUGIN);
    assert_int_equal(ind_registry_n_refusals(reg), 1);
    assert_int_equal(ind_registry_n_plugins(reg), 0);
    assert_int_equal(ind_registry_n_indicators(reg), 0);
    check_refusal(reg, 0, path, stage, detail, &err);
    ind_registry_free(reg);
}

static void expect_refusal(const char *file, ind_load_stage stage,
                           const char *detail)
{
    expect_refusal_in(TP, file, stage, detail);
}

static void test_refused_at_open(void **state)
{
    (void)state;
    expect_refusal("bad.so", IND_STAGE_OPEN, "dlopen failed: ");
    expect_refusal("bad.so", IND_STAGE_OPEN, "bad.so");
    expect_refusal("missing.so", IND_STAGE_OPEN,
                   "cannot open: No such file or directory");
    /* Calling libindicate directly instead of through the host table. */
    expect_refusal("undefined_symbol.so", IND_STAGE_OPEN,
                   "undefined symbol: ind_ratio_wilson");
    ind_registry *reg = new_registry();
    assert_int_equal(ind_registry_load_file(reg, TP "/undefined_symbol.so",
                                            NULL), IND_EPLUGIN);
    assert_contains(ind_registry_refusal(reg, 0)->hint, "ind_host table");
    ind_registry_free(reg);
    /* A directory is not a shared object either. */
    expect_refusal("order/subdir.so", IND_STAGE_OPEN, "dlopen failed: ");
}

static void test_refused_as_not_a_plugin(void **state)
{
    (void)state;
    expect_refusal("no_entry.so", IND_STAGE_NOT_PLUGIN,
                   "no indicate_plugin_entry symbol");
    expect_refusal("null_entry.so", IND_STAGE_NOT_PLUGIN,
                   "indicate_plugin_entry returned NULL");
    expect_refusal("bad_magic.so", IND_STAGE_NOT_PLUGIN,
                   "wrong magic 0xdeadbeef");
}

static void test_refused_at_abi(void **state)
{
    (void)state;
    expect_refusal("abi_major.so", IND_STAGE_ABI,
                   "built for ABI 2.0, this indicate speaks ABI 1.0");
    expect_refusal("abi_minor.so", IND_STAGE_ABI,
                   "built for ABI 1.3, newer than this indicate's ABI 1.0");
    /* header_only in abi.c: 4 + 2 + 2 + 3 * 4 bytes, padded to 8, + 8 = 32 */
    expect_refusal("small_struct.so", IND_STAGE_ABI,
                   "struct_size 32 is smaller than ABI 1.0's ind_plugin");
    expect_refusal("small_indicator.so", IND_STAGE_ABI,
                   "indicator_size 16 is smaller than ABI 1.0's "
                   "ind_indicator");
    expect_refusal("small_option.so", IND_STAGE_ABI,
                   "option_size 8 is smaller than ABI 1.0's ind_option");
    /* The two fingerprints, byte by byte (plugin.h's formula): the plug-in
    ** claims ILP32 (4, 4, 8, 4, 4, 4, tag 0x1d); this host is LP64
    ** (8, 8, 8, 4, 8, 8, tag 0x1d). */
    expect_refusal("fingerprint.so", IND_STAGE_ABI, "0x1d00040404080404");
    if (sizeof(void *) == 8 && sizeof(long) == 8 && sizeof(int) == 4)
        expect_refusal("fingerprint.so", IND_STAGE_ABI,
                       "differs from this indicate's 0x1d00080804080808: the "
                       "plug-in was built for another platform data model");
}

static void test_abi_hints(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    char path[PATH_MAX];
    in_dir(path, sizeof path, TP, "abi_major.so");
    assert_int_equal(ind_registry_load_file(reg, path, NULL), IND_EPLUGIN);
    in_dir(path, sizeof path, TP, "abi_minor.so");
    assert_int_equal(ind_registry_load_file(reg, path, NULL), IND_EPLUGIN);
    assert_string_equal(ind_registry_refusal(reg, 0)->hint,
                        "rebuild the plug-in against this indicate's SDK "
                        "(pkg-config --cflags indicate)");
    assert_string_equal(ind_registry_refusal(reg, 1)->hint,
                        "upgrade indicate or rebuild against its SDK");
    ind_registry_free(reg);
}

/* Each variant of descriptor.c changes exactly one field. */
static const struct {
    const char *file, *detail;
} descriptor_cases[] = {
    {"desc_bad_name.so", "plug-in name \"Desc-Plugin\" must match [a-z0-9_]+"},
    {"desc_no_version.so", "plug-in \"desc\": version is missing"},
    {"desc_no_indicators.so", "plug-in \"desc\": n_indicators is 0"},
    {"desc_bad_option.so", "option 0: name \"Scale\" must match [a-z0-9_]+"},
    {"desc_dup_option.so",
     "option 1 (\"scale\"): name duplicates option 0"},
    {"desc_option_default.so",
     "option 1 (\"label\"): default_value is NULL"},
    {"desc_bad_id.so",
     "indicator 0: id \"Desc.Value\" is not a lower-case dotted id"},
    {"desc_no_title.so", "indicator 0 (\"desc.value\"): title is missing"},
    {"desc_no_unit.so", "indicator 0 (\"desc.value\"): unit is missing"},
    {"desc_bad_polarity.so",
     "indicator 0 (\"desc.value\"): polarity 2 is not -1, 0 or 1"},
    {"desc_bad_kind.so", "indicator 0 (\"desc.value\"): kind 9 is unknown"},
    {"desc_no_inputs.so", "indicator 0 (\"desc.value\"): inputs is NULL"},
    {"desc_bad_input.so",
     "indicator 0 (\"desc.value\"): input 1 \"desc count\" is not a valid "
     "series id"},
    {"desc_max_lag.so",
     "indicator 0 (\"desc.value\"): max_lag 11 is outside 0..10"},
    {"desc_no_compute.so", "indicator 0 (\"desc.value\"): compute is NULL"},
    {"desc_dup_id.so",
     "indicator 3 (\"desc.value\"): id duplicates indicator 0"},
    {"desc_funnel_stages.so",
     "indicator 1 (\"desc.funnel\"): 2 stages for 3 inputs"},
    {"desc_funnel_short.so",
     "indicator 1 (\"desc.funnel\"): a funnel needs at least 2 inputs, has 1"},
    {"desc_bad_stage.so",
     "indicator 1 (\"desc.funnel\"): stage 2 \"Case-Conference\" must match "
     "[a-z0-9 ]+"},
    {"desc_dup_stage.so",
     "indicator 1 (\"desc.funnel\"): stage 1 \"first\" duplicates stage 0"},
    {"desc_rate_multiplier.so",
     "indicator 2 (\"desc.rate\"): a rate's multiplier must be finite and "
     "greater than 0, is 0"},
    {"desc_ratio_multiplier.so",
     "indicator 3 (\"desc.ratio\"): a ratio's multiplier must be finite and "
     "not negative, is -1"},
};

static void test_refused_descriptor(void **state)
{
    (void)state;
    size_t n = sizeof descriptor_cases / sizeof descriptor_cases[0];
    for (size_t i = 0; i < n; i++)
        expect_refusal(descriptor_cases[i].file, IND_STAGE_DESCRIPTOR,
                       descriptor_cases[i].detail);
}

/* The unmodified descriptor loads: each refusal above is its one change. */
static void test_descriptor_base_loads(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "desc_ok.so");
    assert_int_equal(ind_registry_n_indicators(reg), 4);
    const ind_entry *f = ind_registry_find(reg, "desc.funnel");
    assert_non_null(f);
    assert_int_equal(f->n_outputs, 3);
    assert_string_equal(f->indicator->stages[2], "case conference");
    ind_registry_free(reg);
}

static void test_refused_duplicate_id(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    char first[PATH_MAX], second[PATH_MAX], detail[2 * PATH_MAX];
    in_dir(first, sizeof first, TP, "dup_id_first.so");
    in_dir(second, sizeof second, TP, "dup_id_second.so");
    load_ok(reg, TP, "dup_id_first.so");
    ind_error err = {0};
    assert_int_equal(ind_registry_load_file(reg, second, &err), IND_EPLUGIN);
    /* The loaded file is named by its resolved path. */
    char *real = realpath(first, NULL);
    assert_non_null(real);
    snprintf(detail, sizeof detail,
             "indicator \"dup.shared\" is already registered by %s "
             "(plug-in \"dup_first\")", real);
    free(real);
    check_refusal(reg, 0, second, IND_STAGE_DUPLICATE, detail, &err);
    /* All or nothing: the refused plug-in's other indicator is absent. */
    assert_null(ind_registry_find(reg, "dup.second_only"));
    assert_non_null(ind_registry_find(reg, "dup.first_only"));
    assert_int_equal(ind_registry_n_indicators(reg), 2);
    assert_int_equal(ind_registry_n_plugins(reg), 1);
    ind_registry_free(reg);
}

static void test_refused_duplicate_name(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    char twin[PATH_MAX], good[PATH_MAX], detail[2 * PATH_MAX];
    in_dir(twin, sizeof twin, TP, "good_twin.so");
    in_dir(good, sizeof good, TP, "good.so");
    load_ok(reg, TP, "good.so");
    ind_error err = {0};
    assert_int_equal(ind_registry_load_file(reg, twin, &err), IND_EPLUGIN);
    char *real = realpath(good, NULL);
    assert_non_null(real);
    snprintf(detail, sizeof detail,
             "plug-in name \"good\" is already taken by %s", real);
    free(real);
    check_refusal(reg, 0, twin, IND_STAGE_DUPLICATE, detail, &err);
    assert_null(ind_registry_find(reg, "twin.count"));
    ind_registry_free(reg);
}

static void test_refused_at_init(void **state)
{
    (void)state;
    /* The plug-in's two-line message is reported on one line. */
    expect_refusal("init_fails.so", IND_STAGE_INIT,
                   "init failed: cannot read lookup table "
                   "/nonexistent/bands.csv second line");
    expect_refusal("init_silent.so", IND_STAGE_INIT,
                   "init returned 1 without a message");
}

/* Refusals do not stop the good files around them, and a refused file
** given again is refused again without a second record. */
static void test_refusals_do_not_stop_others(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    char path[PATH_MAX];
    in_dir(path, sizeof path, TP, "bad.so");
    assert_int_equal(ind_registry_load_file(reg, path, NULL), IND_EPLUGIN);
    load_ok(reg, TP, "good.so");
    in_dir(path, sizeof path, TP, "abi_major.so");
    assert_int_equal(ind_registry_load_file(reg, path, NULL), IND_EPLUGIN);
    load_ok(reg, TP, "failing.so");
    ind_error err = {0};
    assert_int_equal(ind_registry_load_file(reg, path, &err), IND_EPLUGIN);
    assert_contains(err.message, "built for ABI 2.0");
    assert_int_equal(ind_registry_n_refusals(reg), 2);
    assert_int_equal(ind_registry_n_plugins(reg), 2);
    assert_string_equal(ind_registry_plugin(reg, 0)->descriptor->name, "good");
    assert_string_equal(ind_registry_plugin(reg, 1)->descriptor->name,
                        "failing");
    ind_registry_free(reg);
}

/* ---- what is accepted ---- */

static void test_good_plugin(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    assert_int_equal(ind_registry_n_plugins(reg), 1);
    assert_int_equal(ind_registry_n_refusals(reg), 0);
    const ind_loaded_plugin *p = ind_registry_plugin(reg, 0);
    char path[PATH_MAX];
    in_dir(path, sizeof path, TP, "good.so");
    char *real = realpath(path, NULL);
    assert_string_equal(p->file, real);
    free(real);
    assert_string_equal(p->descriptor->name, "good");
    assert_string_equal(p->descriptor->version, "1.2.3");

    /* In id order, whatever the plug-in's table order. */
    static const struct {
        const char *id;
        ind_output_kind kind;
        size_t inputs, optional, outputs;
    } want[] = {
        {"test.checked", IND_OUT_COUNT, 1, 0, 1},
        {"test.count", IND_OUT_COUNT, 1, 0, 1},
        {"test.funnel", IND_OUT_FUNNEL, 3, 0, 3},
        {"test.host_calls", IND_OUT_COUNT, 1, 0, 1},
        {"test.proportion", IND_OUT_PROPORTION, 2, 0, 2},
        {"test.rate", IND_OUT_RATE, 2, 0, 2},
        {"test.ratio", IND_OUT_RATIO, 2, 1, 2},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(ind_registry_n_indicators(reg), n);
    for (size_t i = 0; i < n; i++) {
        const ind_entry *e = ind_registry_indicator(reg, i);
        assert_string_equal(e->indicator->id, want[i].id);
        assert_int_equal(e->indicator->kind, want[i].kind);
        assert_int_equal(e->n_inputs, want[i].inputs);
        assert_int_equal(e->n_optional, want[i].optional);
        assert_int_equal(e->n_outputs, want[i].outputs);
        assert_int_equal(e->plugin, 0);
        assert_ptr_equal(ind_registry_find(reg, want[i].id), e);
    }
    assert_null(ind_registry_find(reg, "test.absent"));
    assert_null(ind_registry_find(reg, "a"));
    assert_null(ind_registry_find(reg, "zzz"));
    assert_null(ind_registry_indicator(reg, n));
    assert_null(ind_registry_plugin(reg, 1));
    assert_null(ind_registry_refusal(reg, 0));
    assert_null(ind_registry_warning(reg, 0));
    const ind_entry *rate = ind_registry_find(reg, "test.rate");
    assert_true(rate->indicator->multiplier == 1000);
    assert_int_equal(rate->indicator->polarity, IND_LOWER_IS_BETTER);
    assert_int_equal(ind_registry_find(reg, "test.count")->indicator->max_lag,
                     3);
    ind_registry_free(reg);
}

static void test_same_file_twice(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    load_ok(reg, TP, "./good.so");
    load_ok(reg, TP "/order", "../good.so");
    assert_int_equal(ind_registry_n_plugins(reg), 1);
    assert_int_equal(ind_registry_n_refusals(reg), 0);
    ind_registry_free(reg);
}

/* Structs larger than the host's are read at the plug-in's stride. */
static void test_wider_structs(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "wide.so");
    assert_int_equal(ind_registry_n_indicators(reg), 2);
    const ind_entry *second = ind_registry_find(reg, "wide.second");
    assert_non_null(second);
    assert_string_equal(second->indicator->unit, "hours");
    assert_int_equal(second->indicator->max_lag, 2);
    assert_string_equal(second->indicator->inputs[0], "wide.second");
    /* Options too are read at the plug-in's stride. */
    const ind_loaded_plugin *lp = ind_registry_plugin(reg, 0);
    assert_string_equal(lp->options[1].name, "second");
    assert_string_equal(lp->options[1].default_value, "2");
    ind_error err = {0};
    assert_int_equal(ind_registry_set_option(reg, "wide.second=5", &err), IND_OK);
    ind_registry_free(reg);
}

/* ---- directories and discovery ---- */

static void test_dir_name_order(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    ind_error err = {0};
    assert_int_equal(ind_registry_load_dir(reg, TP "/order", &err), IND_OK);
    /* notes.txt is not named .so and subdir.so is not a regular file. */
    assert_int_equal(ind_registry_n_refusals(reg), 0);
    assert_int_equal(ind_registry_n_plugins(reg), 3);
    assert_string_equal(ind_registry_plugin(reg, 0)->descriptor->name,
                        "order_a");
    assert_string_equal(ind_registry_plugin(reg, 1)->descriptor->name,
                        "order_b");
    assert_string_equal(ind_registry_plugin(reg, 2)->descriptor->name,
                        "order_c");
    ind_registry_free(reg);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .so regular files of dir, sorted, as full paths (caller frees). */
static size_t so_files(const char *dir, char **out, size_t max)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len <= 3 || strcmp(de->d_name + len - 3, ".so") != 0)
            continue;
        char path[PATH_MAX];
        in_dir(path, sizeof path, dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        assert_true(n < max);
        out[n++] = strdup(path);
    }
    closedir(d);
    qsort(out, n, sizeof *out, compare_strings);
    return n;
}

/* The whole test directory: every file ends accepted or refused, in name
** order, and only the five valid, non-clashing plug-ins are accepted. */
static void test_whole_test_dir(void **state)
{
    (void)state;
    char *files[128];
    size_t n_files = so_files(TP, files, 128);
    ind_registry *reg = new_registry();
    ind_error err = {0};
    assert_int_equal(ind_registry_load_dir(reg, TP, &err), IND_OK);
    size_t np = ind_registry_n_plugins(reg), nr = ind_registry_n_refusals(reg);
    assert_int_equal(np + nr, n_files);
    static const char *const accepted[] = {"desc", "dup_first", "failing",
                                           "good", "wide"};
    assert_int_equal(np, 5);
    for (size_t i = 0; i < np; i++)
        assert_string_equal(ind_registry_plugin(reg, i)->descriptor->name,
                            accepted[i]);
    /* Merge the two lists back into file order. */
    size_t ip = 0, ir = 0;
    for (size_t i = 0; i < n_files; i++) {
        const ind_refusal *r = ind_registry_refusal(reg, ir);
        if (r != NULL && strcmp(r->file, files[i]) == 0) {
            ir++;
        } else {
            char *real = realpath(files[i], NULL);
            assert_string_equal(ind_registry_plugin(reg, ip)->file, real);
            free(real);
            ip++;
        }
        free(files[i]);
    }
    assert_int_equal(ip, np);
    assert_int_equal(ir, nr);
    ind_registry_free(reg);
}

static void test_unreadable_dir(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    ind_error err = {0};
    assert_int_equal(ind_registry_load_dir(reg, "/nonexistent/plugins", &err),
                     IND_EIO);
    assert_string_equal(err.message, "cannot read plug-in directory "
                        "\"/nonexistent/plugins\": No such file or directory");
    ind_registry_free(reg);
}

static void test_discover_order_and_warnings(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    const char *files[] = {TP "/order/order_c.so"};
    ind_discovery d = {
        .files = files, .n_files = 1,
        .env_path = "plugins::./lib:" TP "/order:/nonexistent/indicate",
        .default_dir = "/nonexistent/default"};
    ind_error err = {0};
    assert_int_equal(ind_registry_discover(reg, &d, &err), IND_OK);
    /* The --plugin file first; its second sighting in the path is silent. */
    assert_int_equal(ind_registry_n_plugins(reg), 3);
    assert_string_equal(ind_registry_plugin(reg, 0)->descriptor->name,
                        "order_c");
    assert_string_equal(ind_registry_plugin(reg, 1)->descriptor->name,
                        "order_a");
    assert_string_equal(ind_registry_plugin(reg, 2)->descriptor->name,
                        "order_b");
    /* A missing default directory is not worth a word. */
    assert_int_equal(ind_registry_n_warnings(reg), 3);
    assert_string_equal(ind_registry_warning(reg, 0),
                        "INDICATE_PLUGIN_PATH entry \"plugins\" is not "
                        "absolute; ignored");
    assert_string_equal(ind_registry_warning(reg, 1),
                        "INDICATE_PLUGIN_PATH entry \"./lib\" is not "
                        "absolute; ignored");
    assert_string_equal(ind_registry_warning(reg, 2),
                        "INDICATE_PLUGIN_PATH entry \"/nonexistent/indicate\" "
                        "does not exist; ignored");
    assert_int_equal(ind_registry_n_refusals(reg), 0);
    ind_registry_free(reg);
}

/* Files, then directories, then the path, then the default directory. */
static void test_discover_sources_in_order(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    const char *files[] = {TP "/bad.so", TP "/failing.so"};
    const char *dirs[] = {TP "/order"};
    ind_discovery d = {.files = files, .n_files = 2, .dirs = dirs,
                       .n_dirs = 1, .default_dir = TP};
    ind_error err = {0};
    assert_int_equal(ind_registry_discover(reg, &d, &err), IND_OK);
    assert_string_equal(ind_registry_plugin(reg, 0)->descriptor->name,
                        "failing");
    assert_string_equal(ind_registry_plugin(reg, 1)->descriptor->name,
                        "order_a");
    assert_string_equal(ind_registry_plugin(reg, 3)->descriptor->name,
                        "order_c");
    /* From the default directory, in name order; failing.so again is
    ** silent, and bad.so is refused once. */
    assert_string_equal(ind_registry_plugin(reg, 4)->descriptor->name, "desc");
    assert_int_equal(ind_registry_n_plugins(reg), 8);
    assert_string_equal(ind_registry_refusal(reg, 0)->file, TP "/bad.so");
    for (size_t i = 1; i < ind_registry_n_refusals(reg); i++)
        assert_string_not_equal(ind_registry_refusal(reg, i)->file,
                                TP "/bad.so");
    ind_registry_free(reg);
}

static void test_discover_missing_plugin_dir(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    const char *dirs[] = {TP "/order", "/nonexistent/explicit"};
    ind_discovery d = {.dirs = dirs, .n_dirs = 2};
    ind_error err = {0};
    assert_int_equal(ind_registry_discover(reg, &d, &err), IND_EIO);
    assert_contains(err.message, "\"/nonexistent/explicit\"");
    ind_registry_free(reg);
}

/* ---- options and compute ---- */

static void test_options(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    const ind_entry *e = ind_registry_find(reg, "test.count");
    double in0[] = {10, 2.5};
    double o0[2];
    const double *in[] = {in0};
    double *out[] = {o0};
    ind_error err = {0};

    /* Default scale 1, init's factor 2: 10 * 2 * 1 = 20, 2.5 * 2 = 5. */
    assert_int_equal(ind_registry_compute(reg, e, "A", 2, NULL, in, out, &err),
                     IND_OK);
    assert_true(o0[0] == 20 && o0[1] == 5);

    /* scale 3: 10 * 2 * 3 = 60, 2.5 * 2 * 3 = 15. */
    assert_int_equal(ind_registry_set_option(reg, "good.scale=3", &err), IND_OK);
    assert_int_equal(ind_registry_compute(reg, e, "A", 2, NULL, in, out, &err),
                     IND_OK);
    assert_true(o0[0] == 60 && o0[1] == 15);

    assert_int_equal(ind_registry_set_option(reg, "good.scale=abc", &err),
                     IND_OK);
    assert_int_equal(ind_registry_compute(reg, e, "A", 2, NULL, in, out, &err),
                     IND_EPLUGIN);
    assert_string_equal(err.message, "indicator test.count: option scale: "
                        "\"abc\" is not a number");

    assert_int_equal(ind_registry_set_option(reg, "nope.scale=1", &err),
                     IND_ENOTFOUND);
    assert_string_equal(err.message, "option \"nope.scale=1\": no plug-in "
                        "named \"nope\" is loaded");
    assert_int_equal(ind_registry_set_option(reg, "good.size=1", &err),
                     IND_ENOTFOUND);
    assert_string_equal(err.message, "option \"good.size=1\": plug-in \"good\" "
                        "has no option \"size\" (it has: scale, note)");
    assert_int_equal(ind_registry_set_option(reg, "good.scal=1", &err),
                     IND_ENOTFOUND);
    static const char *const malformed[] = {"good.scale", "good", "=3",
                                            ".scale=3", "good.=3", "good=3.x"};
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        assert_int_equal(ind_registry_set_option(reg, malformed[i], &err),
                         IND_EINVAL);
        assert_contains(err.message, "expected <plug-in>.<name>=<value>");
    }
    /* An empty value is a value. */
    assert_int_equal(ind_registry_set_option(reg, "good.note=", &err), IND_OK);
    ind_registry_free(reg);
}

static void test_compute_fills_nan_and_calls_host(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    const ind_entry *e = ind_registry_find(reg, "test.host_calls");
    double in0[] = {200, 150, 0, 5, NAN};
    double o0[] = {-1, -1, -1, -1, -1};
    const double *in[] = {in0};
    double *out[] = {o0};
    ind_error err = {0};
    assert_int_equal(ind_registry_compute(reg, e, "A", 5, NULL, in, out, &err),
                     IND_OK);
    /* Period 0 is never written by the plug-in: the host's NaN shows. */
    assert_true(isnan(o0[0]));
    /* (150 - 200) / 200 * 100 = -25; (0 - 150) / 150 * 100 = -100; from 0
    ** and to missing are undefined. */
    assert_true(fabs(o0[1] - -25) < 1e-12);
    assert_true(fabs(o0[2] - -100) < 1e-12);
    assert_true(isnan(o0[3]));
    assert_true(isnan(o0[4]));
    ind_registry_free(reg);
}

static void test_compute_kinds(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    double a[] = {3, 4}, b[] = {10, 20}, c[] = {1, 2};
    double o0[2], o1[2];
    double *out[] = {o0, o1};
    ind_error err = {0};

    /* Without the optional input: a over b. */
    const double *absent[] = {a, b, NULL};
    const ind_entry *ratio = ind_registry_find(reg, "test.ratio");
    assert_int_equal(ind_registry_compute(reg, ratio, "A", 2, NULL, absent, out,
                                          &err), IND_OK);
    assert_true(o0[0] == 3 && o0[1] == 4 && o1[0] == 10 && o1[1] == 20);
    /* With it: a + c = 4, 6. */
    const double *present[] = {a, b, c};
    assert_int_equal(ind_registry_compute(reg, ratio, "A", 2, NULL, present,
                                          out, &err), IND_OK);
    assert_true(o0[0] == 4 && o0[1] == 6);

    double s1[] = {100}, s2[] = {40}, s3[] = {7}, f0[1], f1[1], f2[1];
    const double *fin[] = {s1, s2, s3};
    double *fout[] = {f0, f1, f2};
    const ind_entry *funnel = ind_registry_find(reg, "test.funnel");
    assert_int_equal(ind_registry_compute(reg, funnel, "A", 1, NULL, fin, fout,
                                          &err), IND_OK);
    assert_true(f0[0] == 100 && f1[0] == 40 && f2[0] == 7);

    /* A required input that is absent is the caller's error. */
    const double *missing_b[] = {a, NULL, NULL};
    assert_int_equal(ind_registry_compute(reg, ratio, "A", 2, NULL, missing_b,
                                          out, &err), IND_EINVAL);
    assert_contains(err.message, "test.b");
    ind_registry_free(reg);
}

static void test_compute_failures(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    load_ok(reg, TP, "good.so");
    load_ok(reg, TP, "failing.so");
    static const char *const labels[] = {"2022-23", "2023-24"};
    double in0[] = {5, -3}, o0[2];
    const double *in[] = {in0};
    double *out[] = {o0};
    ind_error err = {0};

    const ind_entry *checked = ind_registry_find(reg, "test.checked");
    assert_int_equal(ind_registry_compute(reg, checked, "Glasgow City", 2,
                                          labels, in, out, &err), IND_EPLUGIN);
    assert_string_equal(err.message, "indicator test.checked: negative count "
                        "-3 in Glasgow City at 2023-24");
    /* Without labels or area the plug-in still gets strings. */
    assert_int_equal(ind_registry_compute(reg, checked, NULL, 2, NULL, in, out,
                                          &err), IND_EPLUGIN);
    assert_string_equal(err.message, "indicator test.checked: negative count "
                        "-3 in ? at ?");

    const ind_entry *silent = ind_registry_find(reg, "fail.silent");
    assert_int_equal(ind_registry_compute(reg, silent, "A", 2, labels, in, out,
                                          &err), IND_EPLUGIN);
    assert_string_equal(err.message,
                        "indicator fail.silent: failed without a message");

    const ind_entry *inf = ind_registry_find(reg, "fail.infinite");
    assert_int_equal(ind_registry_compute(reg, inf, "A", 2, labels, in, out,
                                          &err), IND_EPLUGIN);
    assert_string_equal(err.message, "indicator fail.infinite: compute wrote "
                        "an infinite value to output 0 at 2023-24");
    ind_registry_free(reg);
}

static void test_host_table(void **state)
{
    (void)state;
    ind_registry *reg = new_registry();
    const ind_host *h = ind_registry_host(reg);
    assert_int_equal(h->size, sizeof(ind_host));
    assert_int_equal(h->abi_major, 1);
    assert_int_equal(h->abi_minor, 0);
    assert_string_equal(h->engine_version, "0.1.0");
    assert_true(IND_HOST_HAS(h, percent_change));
    assert_true(isnan(h->missing()));
    assert_true(h->is_missing(NAN));
    assert_false(h->is_missing(0));

    /* Newcombe (1998), example (c): 81/263 gives 0.2553 to 0.3662; the
    ** Wilson formula evaluated by hand to more places: 0.255289, 0.366210. */
    double lo, hi;
    assert_int_equal(h->wilson(81, 263, 0.95, &lo, &hi), IND_OK);
    assert_true(fabs(lo - 0.255289) < 1e-6 && fabs(hi - 0.366210) < 1e-6);
    assert_int_not_equal(h->wilson(5, 4, 0.95, &lo, &hi), IND_OK);

    /* Exact 95% interval for 5 events: chi-square tables give
    ** 3.2470 / 2 = 1.6235 and 23.3367 / 2 = 11.6683. */
    assert_int_equal(h->poisson(5, 0.95, &lo, &hi), IND_OK);
    assert_true(fabs(lo - 1.6235) < 1e-3 && fabs(hi - 11.6683) < 1e-3);

    assert_true(fabs(h->percent_change(200, 150) - -25) < 1e-12);
    assert_true(isnan(h->percent_change(0, 5)));
    assert_true(isnan(h->percent_change(NAN, 5)));
    ind_registry_free(reg);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ind_load_stage_name(IND_STAGE_OPEN), "open");
    assert_string_equal(ind_load_stage_name(IND_STAGE_NOT_PLUGIN),
                        "not a plug-in");
    assert_string_equal(ind_load_stage_name(IND_STAGE_ABI), "ABI");
    assert_string_equal(ind_load_stage_name(IND_STAGE_DESCRIPTOR),
                        "descriptor");
    assert_string_equal(ind_load_stage_name(IND_STAGE_DUPLICATE), "duplicate");
    assert_string_equal(ind_load_stage_name(IND_STAGE_INIT), "init");
    assert_string_equal(ind_output_kind_name(IND_OUT_COUNT), "count");
    assert_string_equal(ind_output_kind_name(IND_OUT_PROPORTION), "proportion");
    assert_string_equal(ind_output_kind_name(IND_OUT_RATE), "rate");
    assert_string_equal(ind_output_kind_name(IND_OUT_RATIO), "ratio");
    assert_string_equal(ind_output_kind_name(IND_OUT_FUNNEL), "funnel");
    assert_string_equal(ind_output_kind_name((ind_output_kind)0), "?");
    ind_registry_free(NULL);
    assert_int_equal(ind_registry_n_plugins(NULL), 0);
    assert_int_equal(ind_registry_load_file(NULL, "x", NULL), IND_EINVAL);
}

/* ---- the bundled plug-ins ---- */

static const struct {
    const char *id;
    ind_output_kind kind;
    const char *unit;
    int polarity, max_lag;
    size_t inputs;
} bundled[] = {
    {"asp.conversion", IND_OUT_FUNNEL, "%", IND_NEUTRAL, 0, 3},
    {"asp.referrals", IND_OUT_COUNT, "count", IND_NEUTRAL, 0, 1},
    {"cp.conversion", IND_OUT_FUNNEL, "%", IND_NEUTRAL, 0, 4},
    {"cp.referrals", IND_OUT_COUNT, "count", IND_NEUTRAL, 0, 1},
    {"upw.bike_workshop_hours", IND_OUT_COUNT, "hours", IND_HIGHER_IS_BETTER,
     2, 1},
    {"upw.delivery_ratio", IND_OUT_RATIO, "%", IND_HIGHER_IS_BETTER, 2, 2},
    {"upw.hours_delivered", IND_OUT_COUNT, "hours", IND_HIGHER_IS_BETTER, 2,
     1},
    {"upw.hours_imposed", IND_OUT_COUNT, "hours", IND_NEUTRAL, 2, 1},
    {"upw.induction_5d", IND_OUT_PROPORTION, "%", IND_HIGHER_IS_BETTER, 0, 2},
    {"upw.placement_7d", IND_OUT_PROPORTION, "%", IND_HIGHER_IS_BETTER, 0, 2},
};

static ind_registry *load_bundled(void)
{
    ind_registry *reg = new_registry();
    load_ok(reg, IND_BUILD_PLUGIN_DIR, "cp.so");
    load_ok(reg, IND_BUILD_PLUGIN_DIR, "asp.so");
    load_ok(reg, IND_BUILD_PLUGIN_DIR, "unpaid_work.so");
    return reg;
}

static void test_bundled_descriptors(void **state)
{
    (void)state;
    ind_registry *reg = load_bundled();
    static const char *const names[] = {"cp", "asp", "unpaid_work"};
    static const size_t counts[] = {2, 2, 6};
    for (size_t i = 0; i < 3; i++) {
        const ind_plugin *d = ind_registry_plugin(reg, i)->descriptor;
        assert_string_equal(d->name, names[i]);
        assert_string_equal(d->version, "1.0.0");
        assert_string_equal(d->licence, "GPL-3.0-or-later");
        assert_int_equal(d->n_indicators, counts[i]);
    }
    size_t n = sizeof bundled / sizeof bundled[0];
    assert_int_equal(ind_registry_n_indicators(reg), n);
    for (size_t i = 0; i < n; i++) {
        const ind_entry *e = ind_registry_indicator(reg, i);
        assert_string_equal(e->indicator->id, bundled[i].id);
        assert_int_equal(e->indicator->kind, bundled[i].kind);
        assert_string_equal(e->indicator->unit, bundled[i].unit);
        assert_int_equal(e->indicator->polarity, bundled[i].polarity);
        assert_int_equal(e->indicator->max_lag, bundled[i].max_lag);
        assert_int_equal(e->n_inputs, bundled[i].inputs);
    }
    const ind_entry *cp = ind_registry_find(reg, "cp.conversion");
    static const char *const cp_stages[] = {"referral", "investigation",
                                            "case conference", "registration"};
    static const char *const cp_inputs[] = {
        "cp.referrals", "cp.investigations", "cp.case_conferences",
        "cp.registrations"};
    assert_int_equal(cp->n_outputs, 4);
    for (size_t s = 0; s < 4; s++) {
        assert_string_equal(cp->indicator->stages[s], cp_stages[s]);
        assert_string_equal(cp->indicator->inputs[s], cp_inputs[s]);
    }
    const ind_entry *asp = ind_registry_find(reg, "asp.conversion");
    assert_string_equal(asp->indicator->stages[1], "investigatory inquiry");
    assert_string_equal(asp->indicator->inputs[2],
                        "asp.initial_case_conferences");
    const ind_entry *ratio = ind_registry_find(reg, "upw.delivery_ratio");
    assert_true(ratio->indicator->multiplier == 100);
    assert_string_equal(ratio->indicator->inputs[0], "upw.hours_delivered");
    assert_string_equal(ratio->indicator->inputs[1], "upw.hours_imposed");
    const ind_entry *placed = ind_registry_find(reg, "upw.placement_7d");
    assert_string_equal(placed->indicator->inputs[0], "upw.placed_7d");
    assert_string_equal(placed->indicator->inputs[1], "upw.requirements");
    ind_registry_free(reg);
}

static void test_bundled_compute(void **state)
{
    (void)state;
    ind_registry *reg = load_bundled();
    ind_error err = {0};
    static const char *const labels[] = {"2022-23", "2023-24"};

    /* North Lanarkshire 2023-24: 2326 referrals, 768 investigations, 254
    ** case conferences, 179 registrations; the year before missing. */
    double ref[] = {NAN, 2326}, inv[] = {NAN, 768}, ccf[] = {NAN, 254},
           reg_[] = {NAN, 179};
    double o[4][2];
    const double *in[] = {ref, inv, ccf, reg_};
    double *out[] = {o[0], o[1], o[2], o[3]};
    const ind_entry *cp = ind_registry_find(reg, "cp.conversion");
    assert_int_equal(ind_registry_compute(reg, cp, "North Lanarkshire", 2,
                                          labels, in, out, &err), IND_OK);
    static const double want[] = {2326, 768, 254, 179};
    for (size_t s = 0; s < 4; s++) {
        assert_true(isnan(o[s][0]));
        assert_true(o[s][1] == want[s]);
    }

    /* Delivered first (numerator), imposed second. */
    double delivered[] = {41000, 52000}, imposed[] = {60000, 58000};
    const double *uin[] = {delivered, imposed};
    const ind_entry *ratio = ind_registry_find(reg, "upw.delivery_ratio");
    assert_int_equal(ind_registry_compute(reg, ratio, "A", 2, labels, uin, out,
                                          &err), IND_OK);
    assert_true(o[0][0] == 41000 && o[0][1] == 52000);
    assert_true(o[1][0] == 60000 && o[1][1] == 58000);

    double placed[] = {310, 280}, reqs[] = {402, 377};
    const double *pin[] = {placed, reqs};
    const ind_entry *p7 = ind_registry_find(reg, "upw.placement_7d");
    assert_int_equal(ind_registry_compute(reg, p7, "A", 2, labels, pin, out,
                                          &err), IND_OK);
    assert_true(o[0][0] == 310 && o[0][1] == 280);
    assert_true(o[1][0] == 402 && o[1][1] == 377);

    double asp_ref[] = {1500, 1620};
    const double *ain[] = {asp_ref};
    const ind_entry *ar = ind_registry_find(reg, "asp.referrals");
    assert_int_equal(ind_registry_compute(reg, ar, "A", 2, labels, ain, out,
                                          &err), IND_OK);
    assert_true(o[0][0] == 1500 && o[0][1] == 1620);
    ind_registry_free(reg);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refused_at_open),
        cmocka_unit_test(test_refused_as_not_a_plugin),
        cmocka_unit_test(test_refused_at_abi),
        cmocka_unit_test(test_abi_hints),
        cmocka_unit_test(test_refused_descriptor),
        cmocka_unit_test(test_descriptor_base_loads),
        cmocka_unit_test(test_refused_duplicate_id),
        cmocka_unit_test(test_refused_duplicate_name),
        cmocka_unit_test(test_refused_at_init),
        cmocka_unit_test(test_refusals_do_not_stop_others),
        cmocka_unit_test(test_good_plugin),
        cmocka_unit_test(test_same_file_twice),
        cmocka_unit_test(test_wider_structs),
        cmocka_unit_test(test_dir_name_order),
        cmocka_unit_test(test_whole_test_dir),
        cmocka_unit_test(test_unreadable_dir),
        cmocka_unit_test(test_discover_order_and_warnings),
        cmocka_unit_test(test_discover_sources_in_order),
        cmocka_unit_test(test_discover_missing_plugin_dir),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_compute_fills_nan_and_calls_host),
        cmocka_unit_test(test_compute_kinds),
        cmocka_unit_test(test_compute_failures),
        cmocka_unit_test(test_host_table),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_bundled_descriptors),
        cmocka_unit_test(test_bundled_compute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
