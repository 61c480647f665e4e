/* aliases: other spellings of regions; see aliases.h. */
#include "data/aliases.h"

#include "base/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"

typedef struct {
    char *iso, *folded; /* iso: the region's code, or for a town the town's NAME */
    int town;
} entry;

struct cm_aliases {
    entry *e;
    int n, cap;
};

void aliases_fold(const char *s, char *out, size_t n)
{
    size_t o = 0;
    for (; *s && o + 1 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z') out[o++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) out[o++] = (char)c;
        /* other ASCII: spaces, hyphens, apostrophes, backquotes, dots are dropped */
    }
    out[o] = 0;
    static const char *const SUFFIX[] = {"governorate", "province"};
    for (size_t k = 0; k < 2; k++) {
        size_t l = strlen(SUFFIX[k]);
        if (o > l && strcmp(out + o - l, SUFFIX[k]) == 0) out[o - l] = 0;
    }
}

int aliases_load(const char *path, const cm_shapes *regions, cm_aliases **out, char *err, size_t errlen)
{
    *out = NULL;
    if (access(path, F_OK) != 0 && errno == ENOENT) return 0; /* no aliases for this map */
    cm_file in; /* without blocking: a FIFO refused (fileio.h) */
    if (fileio_open(path, "an aliases file", &in, err, errlen) != 0) return -1;
    FILE *f = in.fp;
    cm_aliases *a = calloc(1, sizeof *a);
    if (!a) { fclose(f); snprintf(err, errlen, "%s: out of memory", path); return -1; }
    char line[1024];
    long no = 0;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        no++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') { snprintf(err, errlen, "%s: line %ld: longer than 1000 bytes", path, no); rc = -1; break; }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!len || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line || !tab[1] || strchr(tab + 1, '\t') || !utf8_valid((const unsigned char *)line, len)) {
            snprintf(err, errlen, "%s: line %ld: expected an ISO code, a tab and a name (UTF-8)", path, no);
            rc = -1;
            break;
        }
        *tab = 0;
        int town = strncmp(line, "town:", 5) == 0; /* "town:NAME": a town of the cities layer */
        if (!town && shapes_find(regions, "ISO", line) < 0) {
            snprintf(err, errlen, "%s: line %ld: '%.20s' is not a region code of %s", path, no, line, regions->path);
            rc = -1;
            break;
        }
        char folded[1024];
        aliases_fold(tab + 1, folded, sizeof folded);
        if (a->n == a->cap) {
            int cap = a->cap ? a->cap * 2 : 64;
            entry *p = realloc(a->e, sizeof *p * (size_t)cap);
            if (!p) { snprintf(err, errlen, "%s: out of memory", path); rc = -1; break; }
            a->e = p;
            a->cap = cap;
        }
        a->e[a->n].iso = strdup(town ? line + 5 : line);
        a->e[a->n].folded = strdup(folded);
        a->e[a->n].town = town;
        a->n++;
        if (!a->e[a->n - 1].iso || !a->e[a->n - 1].folded) { snprintf(err, errlen, "%s: out of memory", path); rc = -1; break; }
    }
    if (rc == 0 && ferror(f)) { snprintf(err, errlen, "%s: read error", path); rc = -1; }
    fclose(f);
    if (rc != 0) {
        aliases_free(a);
        return -1;
    }
    *out = a;
    return 0;
}

static int name_is(const cm_shapes *regions, int i, const char *field, const char *folded, int contains)
{
    const char *v = shapes_attr(regions, i, field);
    if (!v) return 0;
    char f[512];
    aliases_fold(v, f, sizeof f);
    return contains ? strstr(f, folded) != NULL : strcmp(f, folded) == 0;
}

const char *aliases_find(const cm_aliases *a, const cm_shapes *regions, const char *name)
{
    char folded[1024];
    aliases_fold(name, folded, sizeof folded);
    if (!folded[0]) return NULL;
    for (int i = 0; a && i < a->n; i++)
        if (!a->e[i].town && strcmp(a->e[i].folded, folded) == 0) {
            int k = shapes_find(regions, "ISO", a->e[i].iso);
            return k >= 0 ? shapes_attr(regions, k, "ISO") : NULL;
        }
    for (int i = 0; i < regions->nfeatures; i++)
        if (name_is(regions, i, "NAME_EN", folded, 0) || name_is(regions, i, "NAME_AR", folded, 0))
            return shapes_attr(regions, i, "ISO");
    return NULL;
}

int aliases_region_matches(const cm_aliases *a, const cm_shapes *regions, int i, const char *query)
{
    char folded[1024];
    aliases_fold(query, folded, sizeof folded);
    if (!folded[0]) return 0;
    if (name_is(regions, i, "NAME_EN", folded, 1) || name_is(regions, i, "NAME_AR", folded, 1)) return 1;
    const char *iso = shapes_attr(regions, i, "ISO");
    for (int k = 0; a && iso && k < a->n; k++)
        if (!a->e[k].town && strcmp(a->e[k].iso, iso) == 0 && strstr(a->e[k].folded, folded)) return 1;
    return 0;
}

int aliases_town_matches(const cm_aliases *a, const char *name, const char *name_ar, const char *query)
{
    char folded[1024], f[512];
    aliases_fold(query, folded, sizeof folded);
    if (!folded[0] || !name) return 0;
    aliases_fold(name, f, sizeof f);
    if (strstr(f, folded)) return 1;
    if (name_ar) {
        aliases_fold(name_ar, f, sizeof f);
        if (strstr(f, folded)) return 1;
    }
    for (int k = 0; a && k < a->n; k++)
        if (a->e[k].town && strcmp(a->e[k].iso, name) == 0 && strstr(a->e[k].folded, folded)) return 1;
    return 0;
}

void aliases_free(cm_aliases *a)
{
    if (!a) return;
    for (int i = 0; i < a->n; i++) {
        free(a->e[i].iso);
        free(a->e[i].folded);
    }
    free(a->e);
    free(a);
}
