/*
** ingest.c: how fast input is read, on one core, apart from any computing.
**
**   ingest reader FILE   every area through ind_reader (parse, check, build
**                        datasets, free them): what `indicate batch` pays
**                        to read
**   ingest libcsv FILE   the CSV parser alone: libcsv with empty callbacks
**   ingest cjson FILE    the JSON parser alone: cJSON_Parse and cJSON_Delete
**                        of every line (JSON Lines), with malloc and free
**   ingest cjson-slab FILE
**                        the same with the command's slab allocator
**
** reader installs the command's slab allocator for cJSON (cli/json_alloc.c),
** as `indicate` does, so it measures what the command pays.
**
** Prints one line: mode, bytes, areas (reader) or records, series, seconds
** and MB/s (10^6 bytes). The file is read once before timing so that the
** page cache, not the disk, is measured. Built by bench/run against the
** build's libindicate.
*/
#include <cjson/cJSON.h>
#include <csv.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicate/indicate.h"
#include "json_alloc.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t file_size(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        perror(path);
        exit(3);
    }
    static char buf[1 << 20];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        total += n; /* warms the page cache */
    fclose(fp);
    return total;
}

static int reader(const char *path, size_t *records, size_t *series)
{
    ind_reader *r = NULL;
    ind_error err = { 0 };
    if (ind_reader_open(path, IND_INPUT_AUTO, NULL, &r, &err) != IND_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (;;) {
        ind_dataset *ds = NULL;
        int rc = ind_reader_next(r, &ds, &err);
        if (rc != IND_OK) {
            fprintf(stderr, "%s\n", err.message);
            ind_reader_close(r);
            return 1;
        }
        if (ds == NULL)
            break;
        (*records)++;
        *series += ds->n_series;
        ind_dataset_free(ds);
    }
    ind_reader_close(r);
    return 0;
}

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
}

static void on_row(int c, void *data)
{
    (void)c;
    (*(size_t *)data)++;
}

static int libcsv(const char *path, size_t *records)
{
    FILE *fp = fopen(path, "rb");
    struct csv_parser p;
    if (fp == NULL || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
        return 1;
    static char buf[1 << 18];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, records) != n)
            return 1;
    csv_fini(&p, on_field, on_row, records);
    csv_free(&p);
    fclose(fp);
    return 0;
}

static int cjson(const char *path, size_t *records)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, fp)) > 0) {
        cJSON *doc = cJSON_ParseWithLength(line, (size_t)len);
        if (doc == NULL)
            return 1;
        cJSON_Delete(doc);
        (*records)++;
    }
    free(line);
    fclose(fp);
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc != 3) {
        fprintf(stderr, "usage: ingest reader|libcsv|cjson|cjson-slab FILE\n");
        return 2;
    }
    const char *mode = argv[1], *path = argv[2];
    if ((strcmp(mode, "reader") == 0 || strcmp(mode, "cjson-slab") == 0) &&
        cli_json_alloc_install() != 0) {
        fprintf(stderr, "ingest: cannot install the slab allocator\n");
        return 3;
    }
    size_t bytes = file_size(path), records = 0, series = 0;
    double t0 = now();
    int rc = strcmp(mode, "reader") == 0   ? reader(path, &records, &series)
             : strcmp(mode, "libcsv") == 0 ? libcsv(path, &records)
             : strcmp(mode, "cjson") == 0 || strcmp(mode, "cjson-slab") == 0
                 ? cjson(path, &records)
                 : 2;
    double s = now() - t0;
    if (rc != 0) {
        fprintf(stderr, "ingest: %s of %s failed\n", mode, path);
        return rc;
    }
    printf("%s %zu %zu %zu %.6f %.1f\n", mode, bytes, records, series, s, (double)bytes / s / 1e6);
    return 0;
}
