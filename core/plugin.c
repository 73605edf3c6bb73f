/*
** plugin.c: the plug-in registry (registry.h), the host side of plugin.h.
**
** A file goes through the stages of ind_load_stage in order: it is opened
** with dlopen, its entry point must return a descriptor with the right magic,
** the ABI numbers, type-size fingerprint and struct sizes must suit this
** host, every field of the descriptor must be valid, nothing in it may clash
** with what is already loaded, and its init must succeed. Only then does the
** registry keep it; a refusal at any stage is recorded (file, stage, detail,
** hint), the object is closed, and loading goes on with the next file.
**
** Everything the registry allocates lives in one arena, apart from the
** growable pointer lists. Descriptor strings are referenced, not copied:
** they live in the loaded object, which stays open as long as the registry.
*/
/* glibc declares realpath (POSIX.1-2008 base) only for X/Open 7. */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "indicate/arena.h"
#include "indicate/change.h"
#include "indicate/indicate.h"
#include "indicate/ratio.h"
#include "indicate/registry.h"
#include "indicate/series.h"

/* The end of the last field of ABI 1.0's structs. A plug-in declaring less
** cannot hold every field this host reads; one declaring more was built
** against a later layout, of which the host reads only this prefix. */
#define PLUGIN_SIZE_1_0 \
    (offsetof(ind_plugin, indicators) + sizeof(const ind_indicator *))
#define INDICATOR_SIZE_1_0 \
    (offsetof(ind_indicator, compute) + sizeof(ind_compute_fn))
#define OPTION_SIZE_1_0 \
    (offsetof(ind_option, help) + sizeof(const char *))

#define MAX_LAG_LIMIT 10

/* ---- growable lists of pointers ---- */

typedef struct ptr_list {
    void **item;
    size_t n, cap;
} ptr_list;

static int list_reserve(ptr_list *l, size_t extra)
{
    if (l->n + extra <= l->cap)
        return IND_OK;
    size_t cap = l->cap ? l->cap : 8;
    while (cap < l->n + extra)
        cap *= 2;
    void **grown = realloc(l->item, cap * sizeof *grown);
    if (grown == NULL)
        return IND_ENOMEM;
    l->item = grown;
    l->cap = cap;
    return IND_OK;
}

/* Inserts at index i; room must have been reserved. */
static void list_insert(ptr_list *l, size_t i, void *p)
{
    memmove(l->item + i + 1, l->item + i, (l->n - i) * sizeof *l->item);
    l->item[i] = p;
    l->n++;
}

static int list_push(ptr_list *l, void *p)
{
    if (list_reserve(l, 1) != IND_OK)
        return IND_ENOMEM;
    list_insert(l, l->n, p);
    return IND_OK;
}

/* ---- the registry ---- */

typedef struct plugin_rec {
    ind_loaded_plugin pub;      /* file: resolved path */
    void *handle;
    void *state;                /* what init stored */
    const char **option_value;  /* [n_options]: the default or the value set */
} plugin_rec;

typedef struct refusal_rec {
    ind_refusal pub;
    const char *resolved;       /* NULL when the path did not resolve */
    const char *message;        /* the one-line form written to err */
} refusal_rec;

/* An entry with its own copy of the indicator, read from the plug-in's
** table at the plug-in's stride (indicator_size). */
typedef struct entry_rec {
    ind_entry pub;
    ind_indicator indicator;
} entry_rec;

struct ind_registry {
    ind_arena *arena;
    ptr_list plugins;   /* plugin_rec *, in load order */
    ptr_list entries;   /* entry_rec *, sorted by id */
    ptr_list refusals;  /* refusal_rec * */
    ptr_list warnings;  /* char * */
};

/* One run of compute: who is calling, for the host functions. Lives on the
** stack of ind_registry_compute, so concurrent runs share nothing. */
struct ind_call {
    const ind_registry *reg;
    const ind_entry *entry;
    const plugin_rec *plugin;
    const char *area;
    const char *const *labels;
    size_t n;
    int has_message;
    char message[IND_ERROR_MAX];
};

static const plugin_rec *plugin_at(const ind_registry *reg, size_t i)
{
    return reg->plugins.item[i];
}

static const entry_rec *entry_at(const ind_registry *reg, size_t i)
{
    return reg->entries.item[i];
}

/* Messages must stay on one line whatever a plug-in or dlerror put in them. */
static void one_line(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = ' ';
}

/* ---- the host function table ---- */

IND_PRINTF(2, 3)
static int host_error(ind_call *call, const char *fmt, ...)
{
    if (call == NULL || fmt == NULL)
        return IND_PLUGIN_FAILED;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(call->message, sizeof call->message, fmt, ap);
    va_end(ap);
    one_line(call->message);
    call->has_message = 1;
    return IND_PLUGIN_FAILED;
}

static void *host_state(ind_call *call)
{
    return call ? call->plugin->state : NULL;
}

/* Option i as this host sees it: the plug-in's table is strided by its
** option_size, and only the fields the host knows are read. */
static ind_option option_copy(const ind_plugin *d, size_t i)
{
    ind_option o;
    memset(&o, 0, sizeof o);
    size_t size = d->option_size < sizeof o ? d->option_size : sizeof o;
    memcpy(&o, (const char *)d->options + i * d->option_size, size);
    return o;
}

static long option_index(const ind_plugin *p, const char *name, size_t len)
{
    for (size_t i = 0; i < p->n_options; i++) {
        ind_option o = option_copy(p, i);
        if (o.name != NULL && strlen(o.name) == len && memcmp(o.name, name, len) == 0)
            return (long)i;
    }
    return -1;
}

static const char *host_option(ind_call *call, const char *name)
{
    if (call == NULL || name == NULL)
        return NULL;
    const plugin_rec *p = call->plugin;
    long i = option_index(p->pub.descriptor, name, strlen(name));
    return i < 0 ? NULL : p->option_value[i];
}

static const char *label_at(const ind_call *call, size_t t)
{
    if (call == NULL || call->labels == NULL || t >= call->n ||
        call->labels[t] == NULL)
        return "?";
    return call->labels[t];
}

static const char *host_period_label(ind_call *call, size_t t)
{
    return label_at(call, t);
}

static const char *host_area(ind_call *call)
{
    return call && call->area ? call->area : "?";
}

static double host_missing(void)
{
    return NAN;
}

static int host_is_missing(double x)
{
    return isnan(x);
}

static int host_wilson(double k, double n, double level, double *lower,
                       double *upper)
{
    return ind_ratio_wilson(k, n, level, lower, upper);
}

static int host_poisson(double events, double level, double *lower,
                        double *upper)
{
    return ind_ratio_poisson_exact(events, level, lower, upper);
}

static double host_percent_change(double from, double to)
{
    return ind_change_between(from, to).percent;
}

/* Immutable: the same table serves every registry and every thread. */
static const ind_host host_table = {
    .size = sizeof(ind_host),
    .abi_major = IND_ABI_MAJOR,
    .abi_minor = IND_ABI_MINOR,
    .engine_version = IND_VERSION,
    .error = host_error,
    .state = host_state,
    .option = host_option,
    .period_label = host_period_label,
    .area = host_area,
    .missing = host_missing,
    .is_missing = host_is_missing,
    .wilson = host_wilson,
    .poisson = host_poisson,
    .percent_change = host_percent_change,
};

const ind_host *ind_registry_host(const ind_registry *reg)
{
    (void)reg;
    return &host_table;
}

/* ---- names ---- */

const char *ind_load_stage_name(ind_load_stage stage)
{
    switch (stage) {
    case IND_STAGE_OPEN: return "open";
    case IND_STAGE_NOT_PLUGIN: return "not a plug-in";
    case IND_STAGE_ABI: return "ABI";
    case IND_STAGE_DESCRIPTOR: return "descriptor";
    case IND_STAGE_DUPLICATE: return "duplicate";
    case IND_STAGE_INIT: return "init";
    }
    return "?";
}

const char *ind_output_kind_name(ind_output_kind kind)
{
    switch (kind) {
    case IND_OUT_COUNT: return "count";
    case IND_OUT_PROPORTION: return "proportion";
    case IND_OUT_RATE: return "rate";
    case IND_OUT_RATIO: return "ratio";
    case IND_OUT_FUNNEL: return "funnel";
    }
    return "?";
}

/* ---- lifetime ---- */

ind_registry *ind_registry_new(void)
{
    ind_registry *reg = calloc(1, sizeof *reg);
    if (reg == NULL)
        return NULL;
    reg->arena = ind_arena_new(16 * 1024);
    if (reg->arena == NULL) {
        free(reg);
        return NULL;
    }
    return reg;
}

/* Unloads in reverse load order, so that a plug-in loaded later (which
** may have been built knowing of an earlier one) goes first. */
void ind_registry_free(ind_registry *reg)
{
    if (reg == NULL)
        return;
    for (size_t i = reg->plugins.n; i-- > 0;) {
        plugin_rec *p = reg->plugins.item[i];
        if (p->pub.descriptor->fini != NULL)
            p->pub.descriptor->fini(p->state);
        dlclose(p->handle);
    }
    free(reg->plugins.item);
    free(reg->entries.item);
    free(reg->refusals.item);
    free(reg->warnings.item);
    ind_arena_free(reg->arena);
    free(reg);
}

/* ---- accessors ---- */

size_t ind_registry_n_refusals(const ind_registry *reg)
{
    return reg ? reg->refusals.n : 0;
}

const ind_refusal *ind_registry_refusal(const ind_registry *reg, size_t i)
{
    if (reg == NULL || i >= reg->refusals.n)
        return NULL;
    return &((const refusal_rec *)reg->refusals.item[i])->pub;
}

size_t ind_registry_n_warnings(const ind_registry *reg)
{
    return reg ? reg->warnings.n : 0;
}

const char *ind_registry_warning(const ind_registry *reg, size_t i)
{
    if (reg == NULL || i >= reg->warnings.n)
        return NULL;
    return reg->warnings.item[i];
}

size_t ind_registry_n_plugins(const ind_registry *reg)
{
    return reg ? reg->plugins.n : 0;
}

const ind_loaded_plugin *ind_registry_plugin(const ind_registry *reg, size_t i)
{
    if (reg == NULL || i >= reg->plugins.n)
        return NULL;
    return &plugin_at(reg, i)->pub;
}

size_t ind_registry_n_indicators(const ind_registry *reg)
{
    return reg ? reg->entries.n : 0;
}

const ind_entry *ind_registry_indicator(const ind_registry *reg, size_t i)
{
    if (reg == NULL || i >= reg->entries.n)
        return NULL;
    return &entry_at(reg, i)->pub;
}

/* The index of the first entry whose id is not less than id. */
static size_t entry_lower_bound(const ind_registry *reg, const char *id)
{
    size_t lo = 0, hi = reg->entries.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(entry_at(reg, mid)->indicator.id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const ind_entry *ind_registry_find(const ind_registry *reg, const char *id)
{
    if (reg == NULL || id == NULL)
        return NULL;
    size_t i = entry_lower_bound(reg, id);
    if (i < reg->entries.n && strcmp(entry_at(reg, i)->indicator.id, id) == 0)
        return &entry_at(reg, i)->pub;
    return NULL;
}

static const plugin_rec *plugin_by_name(const ind_registry *reg,
                                        const char *name, size_t len)
{
    for (size_t i = 0; i < reg->plugins.n; i++) {
        const char *have = plugin_at(reg, i)->pub.descriptor->name;
        if (strlen(have) == len && memcmp(have, name, len) == 0)
            return plugin_at(reg, i);
    }
    return NULL;
}

static const plugin_rec *plugin_by_file(const ind_registry *reg,
                                        const char *resolved)
{
    for (size_t i = 0; i < reg->plugins.n; i++)
        if (strcmp(plugin_at(reg, i)->pub.file, resolved) == 0)
            return plugin_at(reg, i);
    return NULL;
}

static const refusal_rec *refusal_by_file(const ind_registry *reg,
                                          const char *resolved)
{
    for (size_t i = 0; i < reg->refusals.n; i++) {
        const refusal_rec *r = reg->refusals.item[i];
        if (r->resolved != NULL && strcmp(r->resolved, resolved) == 0)
            return r;
    }
    return NULL;
}

/* ---- one file through the stages ---- */

typedef struct load {
    ind_registry *reg;
    const char *path;       /* as given, for messages */
    const char *resolved;   /* realpath, arena-owned; NULL if it failed */
    void *handle;
    const ind_plugin *desc;
    ind_load_stage stage;
    const char *hint;
    char detail[IND_ERROR_MAX];
} load;

/* Records why the file is refused; returns non-zero for the caller to stop. */
IND_PRINTF(4, 5)
static int refuse(load *ld, ind_load_stage stage, const char *hint,
                  const char *fmt, ...)
{
    ld->stage = stage;
    ld->hint = hint;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ld->detail, sizeof ld->detail, fmt, ap);
    va_end(ap);
    one_line(ld->detail);
    return IND_EPLUGIN;
}

static int record_refusal(load *ld, ind_error *err)
{
    ind_registry *reg = ld->reg;
    refusal_rec *r = ind_arena_alloc(reg->arena, sizeof *r);
    char msg[3 * IND_ERROR_MAX];
    snprintf(msg, sizeof msg, "%s: refused at %s: %s (hint: %s)", ld->path,
             ind_load_stage_name(ld->stage), ld->detail, ld->hint);
    one_line(msg);
    if (r == NULL)
        return ind_error_set(err, IND_ENOMEM, "%s", msg);
    r->pub.file = ind_arena_strdup(reg->arena, ld->path);
    r->pub.stage = ld->stage;
    r->pub.detail = ind_arena_strdup(reg->arena, ld->detail);
    r->pub.hint = ld->hint;
    r->resolved = ld->resolved;
    r->message = ind_arena_strdup(reg->arena, msg);
    if (r->pub.file == NULL || r->pub.detail == NULL || r->message == NULL ||
        list_push(&reg->refusals, r) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "%s", msg);
    return ind_error_set(err, IND_EPLUGIN, "%s", msg);
}

/* -- stage: open -- */

static const char HINT_OPEN[] =
    "check the path; a plug-in is a shared object built with "
    "cc -shared -fPIC";

static int stage_open(load *ld)
{
    /* The resolved path always holds a slash, so dlopen never searches the
    ** library path (or the current directory) for it. */
    ld->handle = dlopen(ld->resolved, RTLD_NOW | RTLD_LOCAL);
    if (ld->handle != NULL)
        return IND_OK;
    const char *why = dlerror();
    if (why == NULL)
        why = "no reason given";
    /* The usual cause of an unresolved symbol is calling libindicate from
    ** the plug-in, which links nothing of it. */
    const char *hint = strstr(why, "undefined symbol") == NULL
                           ? HINT_OPEN
                           : "a plug-in links nothing of indicate's: call "
                             "what it offers through the ind_host table, and "
                             "link any other library the plug-in needs";
    return refuse(ld, IND_STAGE_OPEN, hint, "dlopen failed: %s", why);
}

/* -- stage: not a plug-in -- */

static int stage_entry(load *ld)
{
    void *sym = dlsym(ld->handle, IND_PLUGIN_ENTRY_NAME);
    if (sym == NULL)
        return refuse(ld, IND_STAGE_NOT_PLUGIN,
                      "a plug-in exports const ind_plugin "
                      "*indicate_plugin_entry(void) marked IND_PLUGIN_EXPORT; "
                      "other shared objects do not belong in a plug-in "
                      "directory",
                      "no " IND_PLUGIN_ENTRY_NAME " symbol");
    /* ISO C has no object-to-function pointer conversion; POSIX guarantees
    ** that dlsym's result has the function pointer's representation. */
    ind_plugin_entry_fn entry;
    memcpy(&entry, &sym, sizeof entry);
    ld->desc = entry();
    if (ld->desc == NULL)
        return refuse(ld, IND_STAGE_NOT_PLUGIN,
                      "indicate_plugin_entry must return the address of a "
                      "static ind_plugin",
                      IND_PLUGIN_ENTRY_NAME " returned NULL");
    if (ld->desc->magic != IND_PLUGIN_MAGIC)
        return refuse(ld, IND_STAGE_NOT_PLUGIN,
                      "start the descriptor with IND_PLUGIN_HEADER",
                      "wrong magic 0x%08lx in the descriptor (expected "
                      "0x%08lx, \"INDC\")",
                      (unsigned long)ld->desc->magic,
                      (unsigned long)IND_PLUGIN_MAGIC);
    return IND_OK;
}

/* -- stage: ABI -- */

static const char HINT_REBUILD[] =
    "rebuild the plug-in against this indicate's SDK "
    "(pkg-config --cflags indicate)";

static int stage_abi(load *ld)
{
    const ind_plugin *d = ld->desc;
    if (d->abi_major != IND_ABI_MAJOR)
        return refuse(ld, IND_STAGE_ABI, HINT_REBUILD,
                      "built for ABI %u.%u, this indicate speaks ABI %d.%d",
                      (unsigned)d->abi_major, (unsigned)d->abi_minor,
                      IND_ABI_MAJOR, IND_ABI_MINOR);
    if (d->abi_minor > IND_ABI_MINOR)
        return refuse(ld, IND_STAGE_ABI,
                      "upgrade indicate or rebuild against its SDK",
                      "built for ABI %u.%u, newer than this indicate's "
                      "ABI %d.%d",
                      (unsigned)d->abi_major, (unsigned)d->abi_minor,
                      IND_ABI_MAJOR, IND_ABI_MINOR);
    if (d->fingerprint != IND_ABI_FINGERPRINT)
        return refuse(ld, IND_STAGE_ABI,
                      "rebuild the plug-in on this platform against this "
                      "indicate's SDK",
                      "type-size fingerprint 0x%016llx differs from this "
                      "indicate's 0x%016llx: the plug-in was built for "
                      "another platform data model",
                      (unsigned long long)d->fingerprint,
                      (unsigned long long)IND_ABI_FINGERPRINT);
    if (d->struct_size < PLUGIN_SIZE_1_0)
        return refuse(ld, IND_STAGE_ABI, HINT_REBUILD,
                      "struct_size %lu is smaller than ABI 1.0's ind_plugin "
                      "(%lu bytes)",
                      (unsigned long)d->struct_size,
                      (unsigned long)PLUGIN_SIZE_1_0);
    if (d->indicator_size < INDICATOR_SIZE_1_0)
        return refuse(ld, IND_STAGE_ABI, HINT_REBUILD,
                      "indicator_size %lu is smaller than ABI 1.0's "
                      "ind_indicator (%lu bytes)",
                      (unsigned long)d->indicator_size,
                      (unsigned long)INDICATOR_SIZE_1_0);
    if (d->option_size < OPTION_SIZE_1_0)
        return refuse(ld, IND_STAGE_ABI, HINT_REBUILD,
                      "option_size %lu is smaller than ABI 1.0's "
                      "ind_option (%lu bytes)",
                      (unsigned long)d->option_size,
                      (unsigned long)OPTION_SIZE_1_0);
    return IND_OK;
}

/* -- stage: descriptor -- */

static const char HINT_DESCRIPTOR[] =
    "correct the descriptor and rebuild the plug-in; the plug-in guide "
    "(writing-a-plugin.md) lists every rule";

IND_PRINTF(2, 3)
static int bad_field(load *ld, const char *fmt, ...)
{
    char detail[IND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return refuse(ld, IND_STAGE_DESCRIPTOR, HINT_DESCRIPTOR, "%s", detail);
}

static int missing(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* Non-empty and every character in [a-z0-9] or one of extra. */
static int word_valid(const char *s, const char *extra)
{
    if (missing(s))
        return 0;
    for (; *s; s++) {
        int c = (unsigned char)*s;
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 strchr(extra, c) != NULL;
        if (!ok)
            return 0;
    }
    return 1;
}

static size_t list_length(const char *const *list)
{
    size_t n = 0;
    while (list != NULL && list[n] != NULL)
        n++;
    return n;
}

/* The indicator i as this host sees it: the plug-in's table is strided by
** the plug-in's indicator_size, and only the fields the host knows are
** read. */
static ind_indicator indicator_copy(const ind_plugin *d, size_t i)
{
    ind_indicator ind;
    memset(&ind, 0, sizeof ind);
    size_t size = d->indicator_size < sizeof ind ? d->indicator_size
                                                 : sizeof ind;
    const char *base = (const char *)d->indicators;
    memcpy(&ind, base + i * d->indicator_size, size);
    return ind;
}

static int check_plugin_fields(load *ld)
{
    const ind_plugin *d = ld->desc;
    if (missing(d->name))
        return bad_field(ld, "plug-in name is missing");
    if (!word_valid(d->name, "_"))
        return bad_field(ld, "plug-in name \"%.64s\" must match [a-z0-9_]+",
                         d->name);
    if (missing(d->version))
        return bad_field(ld, "plug-in \"%s\": version is missing", d->name);
    if (missing(d->licence))
        return bad_field(ld, "plug-in \"%s\": licence is missing", d->name);
    if (missing(d->description))
        return bad_field(ld, "plug-in \"%s\": description is missing",
                         d->name);
    if (d->n_indicators == 0)
        return bad_field(ld, "plug-in \"%s\": n_indicators is 0; a plug-in "
                         "defines at least one indicator", d->name);
    if (d->indicators == NULL)
        return bad_field(ld, "plug-in \"%s\": indicators is NULL", d->name);
    return IND_OK;
}

static int check_options(load *ld)
{
    const ind_plugin *d = ld->desc;
    if (d->n_options > 0 && d->options == NULL)
        return bad_field(ld, "plug-in \"%s\": options is NULL but n_options "
                         "is %zu", d->name, d->n_options);
    for (size_t i = 0; i < d->n_options; i++) {
        ind_option copy = option_copy(d, i);
        const ind_option *o = &copy;
        if (!word_valid(o->name, "_"))
            return bad_field(ld, "option %zu: name \"%.64s\" must match "
                             "[a-z0-9_]+", i, o->name ? o->name : "(null)");
        long first = option_index(d, o->name, strlen(o->name));
        if ((size_t)first != i)
            return bad_field(ld, "option %zu (\"%s\"): name duplicates "
                             "option %ld", i, o->name, first);
        if (o->default_value == NULL)
            return bad_field(ld, "option %zu (\"%s\"): default_value is NULL",
                             i, o->name);
    }
    return IND_OK;
}

/* How the indicator is named in a message: by id once the id is known good. */
typedef struct ind_ctx {
    load *ld;
    size_t index;
    const ind_indicator *ind;
    char name[96];
} ind_ctx;

static int check_id_list(ind_ctx *c, const char *const *list,
                         const char *what)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        if (!ind_id_valid(list[i]))
            return bad_field(c->ld, "%s: %s %zu \"%.64s\" is not a valid "
                             "series id (lower-case dotted [a-z0-9_] parts, "
                             "at most 64 bytes)", c->name, what, i, list[i]);
    return IND_OK;
}

static int check_inputs(ind_ctx *c)
{
    const ind_indicator *ind = c->ind;
    if (ind->inputs == NULL)
        return bad_field(c->ld, "%s: inputs is NULL", c->name);
    if (ind->inputs[0] == NULL)
        return bad_field(c->ld, "%s: inputs is empty", c->name);
    int rc = check_id_list(c, ind->inputs, "input");
    if (rc != IND_OK)
        return rc;
    return check_id_list(c, ind->optional_inputs, "optional input");
}

static int check_stages(ind_ctx *c)
{
    const char *const *stages = c->ind->stages;
    size_t n_inputs = list_length(c->ind->inputs);
    if (n_inputs < 2)
        return bad_field(c->ld, "%s: a funnel needs at least 2 inputs, has "
                         "%zu", c->name, n_inputs);
    if (stages == NULL)
        return bad_field(c->ld, "%s: stages is NULL; a funnel names its "
                         "stages", c->name);
    size_t n = list_length(stages);
    if (n != n_inputs)
        return bad_field(c->ld, "%s: %zu stages for %zu inputs; a funnel has "
                         "one stage per input", c->name, n, n_inputs);
    for (size_t i = 0; i < n; i++) {
        if (!word_valid(stages[i], " "))
            return bad_field(c->ld, "%s: stage %zu \"%.64s\" must match "
                             "[a-z0-9 ]+", c->name, i, stages[i]);
        for (size_t j = 0; j < i; j++)
            if (strcmp(stages[i], stages[j]) == 0)
                return bad_field(c->ld, "%s: stage %zu \"%s\" duplicates "
                                 "stage %zu", c->name, i, stages[i], j);
    }
    return IND_OK;
}

static int check_kind(ind_ctx *c)
{
    const ind_indicator *ind = c->ind;
    switch ((int)ind->kind) {
    case IND_OUT_COUNT:
    case IND_OUT_PROPORTION:
        return IND_OK; /* at least one input is checked already */
    case IND_OUT_RATE:
        if (!isfinite(ind->multiplier) || ind->multiplier <= 0)
            return bad_field(c->ld, "%s: a rate's multiplier must be finite "
                             "and greater than 0, is %g", c->name,
                             ind->multiplier);
        return IND_OK;
    case IND_OUT_RATIO:
        if (!isfinite(ind->multiplier) || ind->multiplier < 0)
            return bad_field(c->ld, "%s: a ratio's multiplier must be finite "
                             "and not negative, is %g", c->name,
                             ind->multiplier);
        return IND_OK;
    case IND_OUT_FUNNEL:
        return check_stages(c);
    }
    return bad_field(c->ld, "%s: kind %d is unknown", c->name, (int)ind->kind);
}

static int check_indicator(load *ld, size_t i, const ind_indicator *ind)
{
    ind_ctx c = {.ld = ld, .index = i, .ind = ind};
    if (!ind_id_valid(ind->id))
        return bad_field(ld, "indicator %zu: id \"%.64s\" is not a lower-case "
                         "dotted id ([a-z0-9_] parts joined by dots, at most "
                         "64 bytes)", i, ind->id ? ind->id : "(null)");
    snprintf(c.name, sizeof c.name, "indicator %zu (\"%s\")", i, ind->id);
    if (missing(ind->title))
        return bad_field(ld, "%s: title is missing", c.name);
    if (ind->short_title != NULL && ind->short_title[0] == '\0')
        return bad_field(ld, "%s: short_title is empty (leave it NULL to use "
                         "the title)", c.name);
    if (missing(ind->unit))
        return bad_field(ld, "%s: unit is missing", c.name);
    if (ind->polarity < -1 || ind->polarity > 1)
        return bad_field(ld, "%s: polarity %d is not -1, 0 or 1", c.name,
                         ind->polarity);
    int rc = check_inputs(&c);
    if (rc == IND_OK)
        rc = check_kind(&c);
    if (rc != IND_OK)
        return rc;
    if (ind->max_lag < 0 || ind->max_lag > MAX_LAG_LIMIT)
        return bad_field(ld, "%s: max_lag %d is outside 0..%d", c.name,
                         ind->max_lag, MAX_LAG_LIMIT);
    if (ind->compute == NULL)
        return bad_field(ld, "%s: compute is NULL", c.name);
    return IND_OK;
}

/* Indicators come in tens at most, so the quadratic scan for a repeated id
** costs nothing and needs no allocation. */
static int check_unique_ids(load *ld)
{
    const ind_plugin *d = ld->desc;
    for (size_t i = 1; i < d->n_indicators; i++) {
        ind_indicator a = indicator_copy(d, i);
        for (size_t j = 0; j < i; j++) {
            ind_indicator b = indicator_copy(d, j);
            if (strcmp(a.id, b.id) == 0)
                return bad_field(ld, "indicator %zu (\"%s\"): id duplicates "
                                 "indicator %zu", i, a.id, j);
        }
    }
    return IND_OK;
}

static int stage_descriptor(load *ld)
{
    int rc = check_plugin_fields(ld);
    if (rc == IND_OK)
        rc = check_options(ld);
    for (size_t i = 0; rc == IND_OK && i < ld->desc->n_indicators; i++) {
        ind_indicator ind = indicator_copy(ld->desc, i);
        rc = check_indicator(ld, i, &ind);
    }
    if (rc == IND_OK)
        rc = check_unique_ids(ld);
    return rc;
}

/* -- stage: duplicate -- */

static int stage_duplicate(load *ld)
{
    const ind_plugin *d = ld->desc;
    const plugin_rec *same = plugin_by_name(ld->reg, d->name, strlen(d->name));
    if (same != NULL)
        return refuse(ld, IND_STAGE_DUPLICATE,
                      "remove one of the two files from the plug-in path, or "
                      "give one plug-in another name",
                      "plug-in name \"%s\" is already taken by %s", d->name,
                      same->pub.file);
    for (size_t i = 0; i < d->n_indicators; i++) {
        ind_indicator ind = indicator_copy(d, i);
        const ind_entry *e = ind_registry_find(ld->reg, ind.id);
        if (e == NULL)
            continue;
        const plugin_rec *owner = plugin_at(ld->reg, e->plugin);
        return refuse(ld, IND_STAGE_DUPLICATE,
                      "remove one of the two files from the plug-in path, or "
                      "rename the indicator in one of them",
                      "indicator \"%s\" is already registered by %s "
                      "(plug-in \"%s\")",
                      ind.id, owner->pub.file, owner->pub.descriptor->name);
    }
    return IND_OK;
}

/* -- accepting -- */

/* Everything an accepted plug-in needs, allocated before init runs so that
** once init has succeeded nothing can fail. */
typedef struct prepared {
    plugin_rec *plugin;
    entry_rec **entries;
} prepared;

static void fill_entry(entry_rec *r, const ind_indicator *ind, size_t plugin)
{
    r->indicator = *ind;
    r->pub.indicator = &r->indicator;
    r->pub.plugin = plugin;
    r->pub.n_inputs = list_length(ind->inputs);
    r->pub.n_optional = list_length(ind->optional_inputs);
    switch (ind->kind) {
    case IND_OUT_COUNT: r->pub.n_outputs = 1; break;
    case IND_OUT_FUNNEL: r->pub.n_outputs = list_length(ind->stages); break;
    default: r->pub.n_outputs = 2; break;
    }
}

static int prepare(load *ld, prepared *pp)
{
    ind_registry *reg = ld->reg;
    const ind_plugin *d = ld->desc;
    pp->plugin = ind_arena_alloc(reg->arena, sizeof *pp->plugin);
    pp->entries = ind_arena_array(reg->arena, d->n_indicators,
                                  sizeof *pp->entries);
    const char **values = ind_arena_array(reg->arena, d->n_options + 1,
                                          sizeof *values);
    ind_option *options = ind_arena_array(reg->arena, d->n_options + 1,
                                          sizeof *options);
    if (pp->plugin == NULL || pp->entries == NULL || values == NULL ||
        options == NULL ||
        list_reserve(&reg->plugins, 1) != IND_OK ||
        list_reserve(&reg->entries, d->n_indicators) != IND_OK)
        return IND_ENOMEM;
    for (size_t i = 0; i < d->n_options; i++) {
        options[i] = option_copy(d, i);
        values[i] = options[i].default_value;
    }
    *pp->plugin = (plugin_rec){.pub = {.file = ld->resolved, .descriptor = d,
                                       .options = options},
                               .handle = ld->handle, .option_value = values};
    for (size_t i = 0; i < d->n_indicators; i++) {
        pp->entries[i] = ind_arena_alloc(reg->arena, sizeof **pp->entries);
        if (pp->entries[i] == NULL)
            return IND_ENOMEM;
        ind_indicator ind = indicator_copy(d, i);
        fill_entry(pp->entries[i], &ind, reg->plugins.n);
    }
    return IND_OK;
}

static int stage_init(load *ld, plugin_rec *p)
{
    const ind_plugin *d = ld->desc;
    if (d->init == NULL)
        return IND_OK;
    char msg[IND_ERROR_MAX] = "";
    int rc = d->init(&host_table, &p->state, msg, sizeof msg);
    if (rc == IND_OK)
        return IND_OK;
    msg[sizeof msg - 1] = '\0';
    const char *hint = "put right what the plug-in's message names, or "
                       "remove the file from the plug-in path";
    if (msg[0] == '\0')
        return refuse(ld, IND_STAGE_INIT, hint,
                      "init returned %d without a message", rc);
    return refuse(ld, IND_STAGE_INIT, hint, "init failed: %s", msg);
}

static void commit(ind_registry *reg, const prepared *pp)
{
    size_t n = pp->plugin->pub.descriptor->n_indicators;
    list_insert(&reg->plugins, reg->plugins.n, pp->plugin);
    for (size_t i = 0; i < n; i++) {
        entry_rec *r = pp->entries[i];
        list_insert(&reg->entries, entry_lower_bound(reg, r->indicator.id), r);
    }
}

/* Runs the checks in stage order; IND_EPLUGIN when one refused the file. */
static int run_stages(load *ld)
{
    int rc = stage_open(ld);
    if (rc == IND_OK)
        rc = stage_entry(ld);
    if (rc == IND_OK)
        rc = stage_abi(ld);
    if (rc == IND_OK)
        rc = stage_descriptor(ld);
    if (rc == IND_OK)
        rc = stage_duplicate(ld);
    if (rc != IND_OK)
        return rc;
    prepared pp;
    if (prepare(ld, &pp) != IND_OK)
        return IND_ENOMEM;
    rc = stage_init(ld, pp.plugin);
    if (rc == IND_OK)
        commit(ld->reg, &pp);
    return rc;
}

static int resolve(load *ld, ind_error *err)
{
    char *real = realpath(ld->path, NULL);
    if (real == NULL) {
        refuse(ld, IND_STAGE_OPEN, HINT_OPEN, "cannot open: %s",
               strerror(errno));
        return record_refusal(ld, err);
    }
    ld->resolved = ind_arena_strdup(ld->reg->arena, real);
    free(real);
    if (ld->resolved == NULL)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", ld->path);
    return IND_OK;
}

int ind_registry_load_file(ind_registry *reg, const char *path, ind_error *err)
{
    if (reg == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_registry_load_file: no registry or path");
    load ld = {.reg = reg, .path = path};
    int rc = resolve(&ld, err);
    if (rc != IND_OK)
        return rc;
    if (plugin_by_file(reg, ld.resolved) != NULL)
        return IND_OK;
    /* A file refused before is refused again without a second record. */
    const refusal_rec *before = refusal_by_file(reg, ld.resolved);
    if (before != NULL)
        return ind_error_set(err, IND_EPLUGIN, "%s", before->message);
    rc = run_stages(&ld);
    if (rc == IND_OK)
        return IND_OK;
    if (ld.handle != NULL)
        dlclose(ld.handle);
    if (rc == IND_ENOMEM)
        return ind_error_set(err, IND_ENOMEM, "%s: out of memory", path);
    return record_refusal(&ld, err);
}

/* ---- directories and discovery ---- */

static int ends_with_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".so") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(ptr_list *names)
{
    for (size_t i = 0; i < names->n; i++)
        free(names->item[i]);
    free(names->item);
}

/* The names in dir ending ".so", sorted. */
static int list_so_names(const char *dir, ptr_list *names, ind_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return ind_error_set(err, IND_EIO, "cannot read plug-in directory "
                             "\"%s\": %s", dir, strerror(errno));
    int rc = IND_OK;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (de == NULL) {
            if (errno != 0)
                rc = ind_error_set(err, IND_EIO, "cannot read plug-in "
                                   "directory \"%s\": %s", dir,
                                   strerror(errno));
            break;
        }
        if (!ends_with_so(de->d_name))
            continue;
        char *copy = strdup(de->d_name);
        if (copy == NULL || list_push(names, copy) != IND_OK) {
            free(copy);
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
            break;
        }
    }
    closedir(d);
    if (rc == IND_OK && names->n > 1)
        qsort(names->item, names->n, sizeof *names->item, compare_names);
    return rc;
}

static char *join_path(const char *dir, const char *name)
{
    size_t len = strlen(dir);
    const char *sep = len > 0 && dir[len - 1] == '/' ? "" : "/";
    size_t size = len + strlen(sep) + strlen(name) + 1;
    char *path = malloc(size);
    if (path != NULL)
        snprintf(path, size, "%s%s%s", dir, sep, name);
    return path;
}

/* Loads one directory entry if it is a regular file (or a link to one). */
static int load_dir_entry(ind_registry *reg, const char *dir, const char *name,
                          ind_error *err)
{
    char *path = join_path(dir, name);
    if (path == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    struct stat st;
    int rc = IND_OK;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        ind_error ignored = {0};
        rc = ind_registry_load_file(reg, path, &ignored);
        if (rc == IND_EPLUGIN)
            rc = IND_OK;
        else if (rc != IND_OK)
            ind_error_set(err, rc, "%s", ignored.message);
    }
    free(path);
    return rc;
}

int ind_registry_load_dir(ind_registry *reg, const char *dir, ind_error *err)
{
    if (reg == NULL || dir == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_registry_load_dir: "
                             "no registry or directory");
    ptr_list names = {0};
    int rc = list_so_names(dir, &names, err);
    for (size_t i = 0; rc == IND_OK && i < names.n; i++)
        rc = load_dir_entry(reg, dir, names.item[i], err);
    free_names(&names);
    return rc;
}

IND_PRINTF(2, 3)
static int add_warning(ind_registry *reg, const char *fmt, ...)
{
    char msg[IND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    one_line(msg);
    char *copy = ind_arena_strdup(reg->arena, msg);
    if (copy == NULL || list_push(&reg->warnings, copy) != IND_OK)
        return IND_ENOMEM;
    return IND_OK;
}

/* A directory that is only suggested (an environment entry, the default
** directory): trouble with it is a warning, never a failure. */
static int load_optional_dir(ind_registry *reg, const char *dir,
                             const char *what, int warn_if_missing)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno == ENOENT && !warn_if_missing)
            return IND_OK;
        return add_warning(reg, "%s \"%s\" %s; ignored", what, dir,
                           errno == ENOENT ? "does not exist"
                                           : strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return add_warning(reg, "%s \"%s\" is not a directory; ignored", what,
                           dir);
    ind_error e = {0};
    int rc = ind_registry_load_dir(reg, dir, &e);
    if (rc == IND_EIO)
        return add_warning(reg, "%s; ignored", e.message);
    return rc;
}

static int load_env_entry(ind_registry *reg, const char *entry)
{
    if (entry[0] == '\0')
        return IND_OK; /* "a::b": an empty entry names nothing */
    if (entry[0] != '/')
        return add_warning(reg, "INDICATE_PLUGIN_PATH entry \"%s\" is not "
                           "absolute; ignored", entry);
    return load_optional_dir(reg, entry, "INDICATE_PLUGIN_PATH entry", 1);
}

static int load_env_path(ind_registry *reg, const char *env_path,
                         ind_error *err)
{
    char *copy = strdup(env_path);
    if (copy == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    int rc = IND_OK;
    char *entry = copy;
    while (rc == IND_OK && entry != NULL) {
        char *colon = strchr(entry, ':');
        if (colon != NULL)
            *colon = '\0';
        rc = load_env_entry(reg, entry);
        entry = colon ? colon + 1 : NULL;
    }
    free(copy);
    if (rc != IND_OK)
        return ind_error_set(err, rc, "out of memory");
    return IND_OK;
}

static int load_files(ind_registry *reg, const ind_discovery *d,
                      ind_error *err)
{
    for (size_t i = 0; i < d->n_files; i++) {
        /* A refusal is recorded for the caller to report; it is not an
        ** error of discovery. */
        ind_error refused = {0};
        int rc = ind_registry_load_file(reg, d->files[i], &refused);
        if (rc != IND_OK && rc != IND_EPLUGIN)
            return ind_error_set(err, rc, "%s", refused.message);
    }
    return IND_OK;
}

int ind_registry_discover(ind_registry *reg, const ind_discovery *d,
                          ind_error *err)
{
    if (reg == NULL || d == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_registry_discover: "
                             "no registry or discovery");
    int rc = load_files(reg, d, err);
    for (size_t i = 0; rc == IND_OK && i < d->n_dirs; i++)
        rc = ind_registry_load_dir(reg, d->dirs[i], err);
    if (rc == IND_OK && d->env_path != NULL)
        rc = load_env_path(reg, d->env_path, err);
    if (rc == IND_OK && d->default_dir != NULL) {
        rc = load_optional_dir(reg, d->default_dir, "plug-in directory", 0);
        if (rc != IND_OK)
            ind_error_set(err, rc, "out of memory");
    }
    return rc;
}

/* ---- options ---- */

static int option_names(const ind_plugin *d, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < d->n_options && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                         option_copy(d, i).name);
        if (n < 0)
            return IND_EINVAL;
        used += (size_t)n;
    }
    return IND_OK;
}

static int unknown_option(const plugin_rec *p, const char *assignment,
                          const char *name, size_t len, ind_error *err)
{
    const ind_plugin *d = p->pub.descriptor;
    if (d->n_options == 0)
        return ind_error_set(err, IND_ENOTFOUND, "option \"%s\": plug-in "
                             "\"%s\" has no options", assignment, d->name);
    char names[512];
    option_names(d, names, sizeof names);
    return ind_error_set(err, IND_ENOTFOUND, "option \"%s\": plug-in \"%s\" "
                         "has no option \"%.*s\" (it has: %s)", assignment,
                         d->name, (int)len, name, names);
}

int ind_registry_set_option(ind_registry *reg, const char *assignment,
                            ind_error *err)
{
    if (reg == NULL || assignment == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_registry_set_option: no registry or option");
    const char *dot = strchr(assignment, '.');
    const char *eq = strchr(assignment, '=');
    if (dot == NULL || eq == NULL || dot > eq || dot == assignment ||
        eq == dot + 1)
        return ind_error_set(err, IND_EINVAL, "option \"%s\": expected "
                             "<plug-in>.<name>=<value>", assignment);
    size_t plen = (size_t)(dot - assignment);
    const plugin_rec *p = plugin_by_name(reg, assignment, plen);
    if (p == NULL)
        return ind_error_set(err, IND_ENOTFOUND, "option \"%s\": no plug-in "
                             "named \"%.*s\" is loaded", assignment,
                             (int)plen, assignment);
    const char *name = dot + 1;
    size_t nlen = (size_t)(eq - name);
    long i = option_index(p->pub.descriptor, name, nlen);
    if (i < 0)
        return unknown_option(p, assignment, name, nlen, err);
    const char *value = ind_arena_strdup(reg->arena, eq + 1);
    if (value == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    p->option_value[i] = value;
    return IND_OK;
}

/* ---- computing ---- */

static int check_arrays(const ind_entry *e, const double *const *in,
                        double *const *out, ind_error *err)
{
    const char *id = e->indicator->id;
    if (in == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "indicator %s: no input or "
                             "output arrays", id);
    for (size_t i = 0; i < e->n_inputs; i++)
        if (in[i] == NULL)
            return ind_error_set(err, IND_EINVAL, "indicator %s: required "
                                 "input %s is absent", id,
                                 e->indicator->inputs[i]);
    for (size_t j = 0; j < e->n_outputs; j++)
        if (out[j] == NULL)
            return ind_error_set(err, IND_EINVAL, "indicator %s: output %zu "
                                 "has no array", id, j);
    return IND_OK;
}

/* An infinity cannot be a count, numerator or denominator, and would pass
** for a value in every later calculation: it is the plug-in's failure. */
static int check_finite(const ind_call *call, double *const *out,
                        ind_error *err)
{
    const ind_entry *e = call->entry;
    for (size_t j = 0; j < e->n_outputs; j++)
        for (size_t t = 0; t < call->n; t++)
            if (isinf(out[j][t]))
                return ind_error_set(err, IND_EPLUGIN, "indicator %s: "
                                     "compute wrote an infinite value to "
                                     "output %zu at %s", e->indicator->id, j,
                                     label_at(call, t));
    return IND_OK;
}

int ind_registry_compute(const ind_registry *reg, const ind_entry *e,
                         const char *area, size_t n,
                         const char *const *labels, const double *const *in,
                         double *const *out, ind_error *err)
{
    if (reg == NULL || e == NULL || e->plugin >= reg->plugins.n)
        return ind_error_set(err, IND_EINVAL,
                             "ind_registry_compute: no registry or indicator");
    if (n == 0)
        return IND_OK;
    int rc = check_arrays(e, in, out, err);
    if (rc != IND_OK)
        return rc;
    for (size_t j = 0; j < e->n_outputs; j++)
        for (size_t t = 0; t < n; t++)
            out[j][t] = NAN;
    ind_call call = {.reg = reg, .entry = e,
                     .plugin = plugin_at(reg, e->plugin), .area = area,
                     .labels = labels, .n = n};
    rc = e->indicator->compute(&host_table, &call, n, in, out);
    if (rc != IND_OK)
        return ind_error_set(err, IND_EPLUGIN, "indicator %s: %s",
                             e->indicator->id,
                             call.has_message ? call.message
                                              : "failed without a message");
    return check_finite(&call, out, err);
}
