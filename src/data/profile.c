/* profile: the base map's country, read from geodata/profile.ini; see profile.h. */
#include "data/profile.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/utf8.h"

int profile_defaults(cm_profile *p)
{
    memset(p, 0, sizeof *p);
    p->name = strdup("");
    p->title = strdup("");
    p->crs = strdup("EPSG:3857");
    p->region_kind = strdup("region");
    if (!p->name || !p->title || !p->crs || !p->region_kind) { profile_free(p); return -1; }
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = 0;
    return s;
}

/* One line of the file, key and value trimmed; 0, or -1 with a message. */
static int take(cm_profile *p, const char *key, char *val, long no, unsigned *seen, char *err, size_t errlen)
{
    static const char *const SINGLE[] = {"name", "title", "crs", "region_kind", "country", "country_iso_a3"};
    char **field[] = {&p->name, &p->title, &p->crs, &p->region_kind, &p->country, &p->country_iso_a3};
    for (size_t k = 0; k < sizeof SINGLE / sizeof SINGLE[0]; k++) {
        if (strcmp(key, SINGLE[k]) != 0) continue;
        if (*seen & (1u << k)) { snprintf(err, errlen, "line %ld: '%s' is given twice", no, key); return -1; }
        *seen |= 1u << k;
        if (!strcmp(key, "country_iso_a3") &&
            (strlen(val) != 3 || strspn(val, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)) {
            snprintf(err, errlen, "line %ld: country_iso_a3 '%.20s' is not three capital letters", no, val);
            return -1;
        }
        if (!strcmp(key, "region_kind") && strpbrk(val, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
            snprintf(err, errlen, "line %ld: region_kind '%.40s' must be lower case (it is capitalised where needed)", no, val);
            return -1;
        }
        char *v = strdup(val);
        if (!v) { snprintf(err, errlen, "out of memory"); return -1; }
        free(*field[k]);
        *field[k] = v;
        return 0;
    }
    if (!strcmp(key, "sea")) { /* sea = LON LAT First line|Second line */
        char *end;
        errno = 0;
        double lon = strtod(val, &end);
        char *q = end;
        double lat = strtod(q, &end);
        if (q == val || end == q || errno || !isfinite(lon) || !isfinite(lat) || fabs(lon) > 180 || fabs(lat) > 90 ||
            (*end != ' ' && *end != '\t')) {
            snprintf(err, errlen, "line %ld: expected 'sea = LON LAT label' with LON in -180..180 and LAT in -90..90", no);
            return -1;
        }
        char *text = trim(end);
        char *bar = strchr(text, '|');
        if (bar) *bar = 0;
        char *l1 = trim(text), *l2 = bar ? trim(bar + 1) : NULL;
        if (!*l1 || (l2 && (!*l2 || strchr(l2, '|')))) {
            snprintf(err, errlen, "line %ld: a sea label is one or two lines of text separated by '|'", no);
            return -1;
        }
        cm_profile_label *s = realloc(p->seas, sizeof *s * (size_t)(p->nseas + 1));
        if (!s) { snprintf(err, errlen, "out of memory"); return -1; }
        p->seas = s;
        s += p->nseas;
        *s = (cm_profile_label){lon, lat, strdup(l1), l2 ? strdup(l2) : NULL};
        p->nseas++;
        if (!s->line1 || (l2 && !s->line2)) { snprintf(err, errlen, "out of memory"); return -1; }
        return 0;
    }
    if (!strcmp(key, "tint")) { /* tint = ISO N */
        size_t n = strcspn(val, " \t");
        char *num = trim(val + n);
        char *end;
        long t = strtol(num, &end, 10);
        if (!n || !*num || *end || t < 0 || t >= CM_PROFILE_TINTS) {
            snprintf(err, errlen, "line %ld: expected 'tint = ISO N' with N from 0 to %d", no, CM_PROFILE_TINTS - 1);
            return -1;
        }
        val[n] = 0;
        for (int i = 0; i < p->ntints; i++)
            if (!strcmp(p->tints[i].iso, val)) {
                snprintf(err, errlen, "line %ld: '%.20s' has a tint already (line %ld)", no, val, p->tints[i].line);
                return -1;
            }
        cm_profile_tint *r = realloc(p->tints, sizeof *r * (size_t)(p->ntints + 1));
        if (!r) { snprintf(err, errlen, "out of memory"); return -1; }
        p->tints = r;
        r[p->ntints] = (cm_profile_tint){strdup(val), (int)t, no};
        if (!r[p->ntints++].iso) { snprintf(err, errlen, "out of memory"); return -1; }
        return 0;
    }
    snprintf(err, errlen, "line %ld: unknown key '%.40s' (known: name, title, crs, region_kind, country, "
             "country_iso_a3, sea, tint)", no, key);
    return -1;
}

int profile_load(const char *dir, cm_profile *p, char *err, size_t errlen)
{
    if (profile_defaults(p) != 0) { snprintf(err, errlen, "out of memory"); return -1; }
    size_t n = strlen(dir) + sizeof CM_PROFILE_FILE + 1;
    char *path = malloc(n);
    if (!path) { profile_free(p); snprintf(err, errlen, "out of memory"); return -1; }
    snprintf(path, n, "%s/%s", dir, CM_PROFILE_FILE);
    if (access(path, F_OK) != 0 && errno == ENOENT) { free(path); return 0; } /* a generic map */
    p->path = path;
    cm_file in; /* without blocking: a FIFO refused (fileio.h) */
    if (fileio_open(path, "a map profile", &in, err, errlen) != 0) { profile_free(p); return -1; }
    char line[1024], why[512];
    long no = 0;
    unsigned seen = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, in.fp)) {
        no++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            snprintf(why, sizeof why, "line %ld: longer than 1000 bytes", no);
            rc = -1;
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!utf8_valid((const unsigned char *)line, len)) {
            snprintf(why, sizeof why, "line %ld: not UTF-8 text", no);
            rc = -1;
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *eq = strchr(s, '=');
        if (!eq) { snprintf(why, sizeof why, "line %ld: expected 'key = value'", no); rc = -1; break; }
        *eq = 0;
        char *key = trim(s), *val = trim(eq + 1);
        if (!*key || !*val) { snprintf(why, sizeof why, "line %ld: expected 'key = value', with both", no); rc = -1; break; }
        rc = take(p, key, val, no, &seen, why, sizeof why);
    }
    if (rc == 0 && ferror(in.fp)) { snprintf(why, sizeof why, "read error"); rc = -1; }
    fclose(in.fp);
    if (rc != 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        profile_free(p);
        return -1;
    }
    return 0;
}

int profile_check_regions(const cm_profile *p, const cm_shapes *regions, char *err, size_t errlen)
{
    for (int i = 0; i < p->ntints; i++)
        if (shapes_find(regions, "ISO", p->tints[i].iso) < 0) {
            snprintf(err, errlen, "%s: line %ld: '%.20s' is not a region code of %s", p->path ? p->path : CM_PROFILE_FILE,
                     p->tints[i].line, p->tints[i].iso, regions->path);
            return -1;
        }
    return 0;
}

int profile_tint(const cm_profile *p, const char *iso)
{
    for (int i = 0; p && iso && i < p->ntints; i++)
        if (strcmp(p->tints[i].iso, iso) == 0) return p->tints[i].tint;
    return 0;
}

void profile_free(cm_profile *p)
{
    free(p->path);
    free(p->name);
    free(p->title);
    free(p->crs);
    free(p->region_kind);
    free(p->country);
    free(p->country_iso_a3);
    for (int i = 0; i < p->nseas; i++) {
        free(p->seas[i].line1);
        free(p->seas[i].line2);
    }
    free(p->seas);
    for (int i = 0; i < p->ntints; i++) free(p->tints[i].iso);
    free(p->tints);
    memset(p, 0, sizeof *p);
}
