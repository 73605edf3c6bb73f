/*
** jsonq.c: print one value from a JSON document, for the command-line tests.
**
**   jsonq FILE PATH
**
** PATH is dot-separated steps from the root: a key ("areas"), an index
** ("[0]"), or a selector "[key=value]" picking the first array element whose
** string member key equals value, e.g.
**   areas[0].indicators[id=cp.conversion].measures[0].periods[period=2023-24].display
** Strings print raw, numbers with %.17g, anything else as compact JSON.
** Exit 0 when found, 1 when not, 2 on usage or I/O errors.
*/
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *grown = realloc(buf, cap *= 2);
            if (grown == NULL)
                free(buf);
            buf = grown;
        }
    }
    if (fp != stdin)
        fclose(fp);
    if (buf != NULL)
        buf[len] = '\0';
    return buf;
}

static const cJSON *select_item(const cJSON *arr, const char *sel)
{
    const char *eq = strchr(sel, '=');
    if (eq == NULL) {
        char *end;
        long i = strtol(sel, &end, 10);
        return *end == '\0' ? cJSON_GetArrayItem(arr, (int)i) : NULL;
    }
    size_t klen = (size_t)(eq - sel);
    char key[256];
    if (klen >= sizeof key)
        return NULL;
    memcpy(key, sel, klen);
    key[klen] = '\0';
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(it, key);
        if (cJSON_IsString(v) && strcmp(v->valuestring, eq + 1) == 0)
            return it;
    }
    return NULL;
}

/* Walks one step of path starting at *p; returns the new node or NULL. */
static const cJSON *step(const cJSON *node, const char **p)
{
    char tok[512];
    size_t n = 0;
    if (**p == '[') {
        const char *close = strchr(*p, ']');
        if (close == NULL || (size_t)(close - *p - 1) >= sizeof tok)
            return NULL;
        n = (size_t)(close - *p - 1);
        memcpy(tok, *p + 1, n);
        tok[n] = '\0';
        *p = close + 1;
        return cJSON_IsArray(node) ? select_item(node, tok) : NULL;
    }
    while (**p != '\0' && **p != '.' && **p != '[' && n + 1 < sizeof tok)
        tok[n++] = *(*p)++;
    tok[n] = '\0';
    return cJSON_GetObjectItemCaseSensitive(node, tok);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: jsonq FILE PATH\n");
        return 2;
    }
    char *text = slurp(argv[1]);
    if (text == NULL) {
        fprintf(stderr, "jsonq: cannot read %s\n", argv[1]);
        return 2;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (root == NULL) {
        fprintf(stderr, "jsonq: %s is not JSON\n", argv[1]);
        return 2;
    }
    const cJSON *node = root;
    const char *p = argv[2];
    while (node != NULL && *p != '\0') {
        if (*p == '.')
            p++;
        node = step(node, &p);
    }
    int rc = 1;
    if (node != NULL) {
        rc = 0;
        if (cJSON_IsString(node)) {
            puts(node->valuestring);
        } else if (cJSON_IsNumber(node)) {
            printf("%.17g\n", node->valuedouble);
        } else {
            char *s = cJSON_PrintUnformatted(node);
            puts(s != NULL ? s : "");
            free(s);
        }
    }
    cJSON_Delete(root);
    return rc;
}
