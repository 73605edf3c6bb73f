/*
** registry.h: loading plug-ins and looking up their indicators (host side).
**
** The registry opens plug-in files with dlopen, checks each descriptor
** before calling anything else in it (magic, ABI major and minor, type-size
** fingerprint, struct sizes, every field of every indicator), refuses
** duplicates, runs init, and keeps the accepted indicators sorted by id. A
** refused plug-in is recorded with its file, the stage that refused it, the
** detail and a hint; the others still load.
**
** Where plug-ins are looked for is the caller's decision (ind_discovery):
** explicit files, then explicit directories, then the INDICATE_PLUGIN_PATH
** entries the caller read from the environment (absolute ones only), then
** the default directory. Never the current directory. When the same
** indicator id comes from two files, the first loaded wins and the second
** file is refused naming both.
**
** After loading, a registry is read-only: compute may run on many threads.
*/
#ifndef INDICATE_REGISTRY_H
#define INDICATE_REGISTRY_H

#include <stddef.h>

#include "error.h"
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ind_load_stage {
    IND_STAGE_OPEN = 1,      /* not a shared object, or it would not load */
    IND_STAGE_NOT_PLUGIN,    /* no entry point, or it returned no/wrong magic */
    IND_STAGE_ABI,           /* other ABI major, newer minor, fingerprint, sizes */
    IND_STAGE_DESCRIPTOR,    /* a field of the descriptor is invalid */
    IND_STAGE_DUPLICATE,     /* a plug-in name or indicator id already loaded */
    IND_STAGE_INIT           /* init returned failure */
} ind_load_stage;

/* Why a file was not loaded. Strings owned by the registry. */
typedef struct ind_refusal {
    const char *file;
    ind_load_stage stage;
    const char *detail;      /* what exactly: "built for ABI 2.0, host is ABI 1.0" */
    const char *hint;        /* what to do about it */
} ind_refusal;

/* A loaded plug-in. */
typedef struct ind_loaded_plugin {
    const char *file;             /* resolved path */
    const ind_plugin *descriptor; /* inside the loaded object */
    const ind_option *options;    /* [descriptor->n_options], the host's copies
                                     (read at the plug-in's option_size) */
} ind_loaded_plugin;

/* A registered indicator and the plug-in it came from. */
typedef struct ind_entry {
    const ind_indicator *indicator;
    size_t plugin;                /* index for ind_registry_plugin */
    size_t n_inputs;              /* required */
    size_t n_optional;
    size_t n_outputs;             /* 1 for COUNT, 2 for ratios, stages for FUNNEL */
} ind_entry;

typedef struct ind_registry ind_registry;

/* Where to look, in order. Any field may be empty. */
typedef struct ind_discovery {
    const char *const *files;  /* --plugin FILE, in order given */
    size_t n_files;
    const char *const *dirs;   /* --plugin-dir DIR */
    size_t n_dirs;
    const char *env_path;      /* the value of INDICATE_PLUGIN_PATH, or NULL */
    const char *default_dir;   /* installed or build-tree plug-in directory, or NULL */
} ind_discovery;

/* A new, empty registry; NULL only when out of memory. */
ind_registry *ind_registry_new(void);

/* Unloads every plug-in (fini, then dlclose) and frees. NULL is a no-op. */
void ind_registry_free(ind_registry *reg);

/* Loads one file. Returns IND_OK, or IND_EPLUGIN when it was refused (the
** refusal is recorded and also written to err). The same file (by resolved
** path) loaded twice is accepted once, silently. */
int ind_registry_load_file(ind_registry *reg, const char *path, ind_error *err);

/* Loads every regular file ending in ".so" in dir, in name order. Refusals
** are recorded; returns IND_EIO only when dir cannot be read. */
int ind_registry_load_dir(ind_registry *reg, const char *dir, ind_error *err);

/* Loads what d names, in its order. A colon-separated env_path entry that is
** not absolute is skipped and recorded as a warning (ind_registry_warning).
** A missing default_dir is not an error; a missing --plugin-dir is. */
int ind_registry_discover(ind_registry *reg, const ind_discovery *d,
                          ind_error *err);

size_t ind_registry_n_refusals(const ind_registry *reg);
const ind_refusal *ind_registry_refusal(const ind_registry *reg, size_t i);

/* Non-fatal notes from discovery ("relative entry ignored"). */
size_t ind_registry_n_warnings(const ind_registry *reg);
const char *ind_registry_warning(const ind_registry *reg, size_t i);

size_t ind_registry_n_plugins(const ind_registry *reg);
const ind_loaded_plugin *ind_registry_plugin(const ind_registry *reg, size_t i);

/* Indicators in id order. */
size_t ind_registry_n_indicators(const ind_registry *reg);
const ind_entry *ind_registry_indicator(const ind_registry *reg, size_t i);

/* The indicator with this id, or NULL. */
const ind_entry *ind_registry_find(const ind_registry *reg, const char *id);

/* Sets a plug-in option from "plugin.name=value" (as given to --set).
** IND_ENOTFOUND names an unknown plug-in or option. */
int ind_registry_set_option(ind_registry *reg, const char *assignment,
                            ind_error *err);

/* Runs an indicator's compute over n aligned periods. in and out as in
** ind_compute_fn; out arrays are filled with NaN first. area and labels are
** for the plug-in's messages. A failure is IND_EPLUGIN with the plug-in's
** message, prefixed by the indicator id. Thread-safe. */
int ind_registry_compute(const ind_registry *reg, const ind_entry *e,
                         const char *area, size_t n,
                         const char *const *labels, const double *const *in,
                         double *const *out, ind_error *err);

/* The host function table the registry hands to plug-ins. */
const ind_host *ind_registry_host(const ind_registry *reg);

/* "open", "not a plug-in", "ABI", "descriptor", "duplicate", "init". */
const char *ind_load_stage_name(ind_load_stage stage);

/* "count", "proportion", "rate", "ratio", "funnel"; "?" for others. */
const char *ind_output_kind_name(ind_output_kind kind);

#ifdef __cplusplus
}
#endif
#endif
