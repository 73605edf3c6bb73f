/*
** cmd_list.c: `indicate list`: the plug-ins found and their indicators.
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"
#include "write.h"

static void help(void)
{
    printf("Usage: indicate list [--format table|json] [PLUG-IN OPTION]...\n"
           "List the plug-ins found (file, name, version, ABI) and the indicators\n"
           "each defines (id, kind, unit, polarity, inputs, title). Plug-ins that\n"
           "were refused are reported on standard error with the reason.\n"
           "\n"
           "Options:\n"
           "  --format FORMAT   table (default) or json\n"
           "  -h, --help        this help\n"
           "\n" CLI_PLUGIN_HELP "\n" CLI_EXIT_HELP);
}

static void join(const char *const *list, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        if (i > 0)
            strncat(buf, ", ", size - strlen(buf) - 1);
        strncat(buf, list[i], size - strlen(buf) - 1);
    }
}

static void list_table(const ind_registry *reg)
{
    size_t np = ind_registry_n_plugins(reg);
    if (np == 0)
        printf("No plug-ins found.\n");
    for (size_t p = 0; p < np; p++) {
        const ind_loaded_plugin *lp = ind_registry_plugin(reg, p);
        const ind_plugin *d = lp->descriptor;
        printf("%s%s %s (ABI %u.%u, %s)\n  %s\n  %s\n", p > 0 ? "\n" : "", d->name,
               d->version, d->abi_major, d->abi_minor, d->licence, lp->file,
               d->description);
        for (size_t i = 0; i < ind_registry_n_indicators(reg); i++) {
            const ind_entry *e = ind_registry_indicator(reg, i);
            if (e->plugin != p)
                continue;
            const ind_indicator *ind = e->indicator;
            char inputs[1024];
            join(ind->inputs, inputs, sizeof inputs);
            printf("\n  %s: %s\n    kind %s, unit %s, %s\n    inputs: %s\n", ind->id,
                   ind->title, ind_output_kind_name(ind->kind), ind->unit,
                   polarity_name(ind->polarity), inputs);
            if (ind->optional_inputs != NULL && ind->optional_inputs[0] != NULL) {
                join(ind->optional_inputs, inputs, sizeof inputs);
                printf("    optional inputs: %s\n", inputs);
            }
            if (ind->kind == IND_OUT_FUNNEL) {
                join(ind->stages, inputs, sizeof inputs);
                printf("    stages: %s\n", inputs);
            }
        }
        for (size_t o = 0; o < d->n_options; o++)
            printf("\n  option %s.%s (default \"%s\"): %s\n", d->name, lp->options[o].name,
                   lp->options[o].default_value, lp->options[o].help);
    }
}

static void string_array(jsonw *w, const char *key, const char *const *list)
{
    jw_key(w, key);
    jw_array(w);
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        jw_string(w, list[i]);
    jw_end_array(w);
}

static void json_indicator(jsonw *w, const ind_indicator *ind)
{
    jw_object(w);
    jw_kstring(w, "id", ind->id);
    jw_kstring(w, "title", ind->title);
    jw_kstring(w, "description", ind->description);
    jw_kstring(w, "kind", ind_output_kind_name(ind->kind));
    jw_kstring(w, "unit", ind->unit);
    jw_kstring(w, "polarity", polarity_name(ind->polarity));
    string_array(w, "inputs", ind->inputs);
    string_array(w, "optional_inputs", ind->optional_inputs);
    if (ind->kind == IND_OUT_FUNNEL)
        string_array(w, "stages", ind->stages);
    jw_kint(w, "max_lag", ind->max_lag > 0 ? ind->max_lag : 1);
    jw_end_object(w);
}

static void list_json(const ind_registry *reg)
{
    jsonw w;
    jw_init(&w, stdout, 1);
    jw_object(&w);
    jw_key(&w, "plugins");
    jw_array(&w);
    for (size_t p = 0; p < ind_registry_n_plugins(reg); p++) {
        const ind_loaded_plugin *lp = ind_registry_plugin(reg, p);
        const ind_plugin *d = lp->descriptor;
        char abi[16];
        snprintf(abi, sizeof abi, "%u.%u", d->abi_major, d->abi_minor);
        jw_object(&w);
        jw_kstring(&w, "file", lp->file);
        jw_kstring(&w, "name", d->name);
        jw_kstring(&w, "version", d->version);
        jw_kstring(&w, "abi", abi);
        jw_kstring(&w, "licence", d->licence);
        jw_kstring(&w, "description", d->description);
        jw_key(&w, "indicators");
        jw_array(&w);
        for (size_t i = 0; i < ind_registry_n_indicators(reg); i++) {
            const ind_entry *e = ind_registry_indicator(reg, i);
            if (e->plugin == p)
                json_indicator(&w, e->indicator);
        }
        jw_end_array(&w);
        jw_key(&w, "options");
        jw_array(&w);
        for (size_t o = 0; o < d->n_options; o++) {
            jw_object(&w);
            jw_kstring(&w, "name", lp->options[o].name);
            jw_kstring(&w, "default", lp->options[o].default_value);
            jw_kstring(&w, "help", lp->options[o].help);
            jw_end_object(&w);
        }
        jw_end_array(&w);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_key(&w, "refused");
    jw_array(&w);
    for (size_t i = 0; i < ind_registry_n_refusals(reg); i++) {
        const ind_refusal *r = ind_registry_refusal(reg, i);
        jw_object(&w);
        jw_kstring(&w, "file", r->file);
        jw_kstring(&w, "stage", ind_load_stage_name(r->stage));
        jw_kstring(&w, "detail", r->detail);
        jw_kstring(&w, "hint", r->hint);
        jw_end_object(&w);
    }
    jw_end_array(&w);
    jw_end_object(&w);
    jw_finish(&w);
}

int cmd_list(int argc, char **argv)
{
    enum { OPT_FORMAT = OPT_FIRST_VERB_OPTION };
    static const struct option options[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "help", no_argument, NULL, 'h' },
        CLI_PLUGIN_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    cli_plugins plugins = { 0 };
    int json = 0, opt;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        int handled = cli_plugins_option(&plugins, opt, optarg, "list");
        if (handled < 0)
            return EXIT_USAGE;
        if (handled)
            continue;
        switch (opt) {
        case 'h':
            help();
            return EXIT_OK_;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "table") != 0)
                return cli_usage("list", "unknown format '%s' (table or json)", optarg);
            break;
        default:
            return cli_option_error("list", argv, opt);
        }
    }
    if (optind < argc)
        return cli_usage("list", "unexpected argument '%s'", argv[optind]);

    ind_registry *reg;
    int rc = cli_load_registry(&plugins, &reg);
    if (rc != EXIT_OK_)
        return rc;
    if (json)
        list_json(reg);
    else
        list_table(reg);
    ind_registry_free(reg);
    return fflush(stdout) == 0 ? EXIT_OK_ : EXIT_IO;
}
