/* categories: the rows of the table and lookups into them; see categories.h. */
#include "data/categories.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define LAYER_ROW(NAME, id, title, file, key, colour, marker, alpha, dashed, swatch) \
    [CM_LAYER_##NAME] = {id, title, file, key, {colour, marker, alpha, dashed}, swatch},
static const cm_layer_def LAYERS[CM_LAYER_COUNT] = {CM_LAYER_TABLE(LAYER_ROW)};

#define CATEGORY_ROW(NAME, id, title, LAYER, acled, older, NEAR, disorder, ucdp) \
    [CM_CAT_##NAME] = {id, title, CM_LAYER_##LAYER, acled, older, CM_CAT_##NEAR, disorder, ucdp},
static const cm_category_def CATEGORIES[CM_CAT_COUNT] = {CM_CATEGORY_TABLE(CATEGORY_ROW)};

/* UCDP GED's type_of_violence codes (codebook 23.1) */
static const char *const UCDP_NAMES[] = {"", "State-based violence", "Non-state violence", "One-sided violence"};
#define NUCDP (int)(sizeof UCDP_NAMES / sizeof UCDP_NAMES[0])

const cm_layer_def *categories_layer(int layer) { return layer >= 0 && layer < CM_LAYER_COUNT ? &LAYERS[layer] : NULL; }

const cm_category_def *categories_category(int cat) { return cat >= 0 && cat < CM_CAT_COUNT ? &CATEGORIES[cat] : NULL; }

int categories_layer_by_id(const char *id)
{
    for (int k = 0; k < CM_LAYER_COUNT; k++)
        if (strcmp(LAYERS[k].id, id) == 0) return k;
    return -1;
}

int categories_layer_by_key(int key)
{
    for (int k = 0; k < CM_LAYER_COUNT; k++)
        if (LAYERS[k].key && LAYERS[k].key == key) return k;
    return -1;
}

int categories_parse(const char *id, cm_category *out)
{
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if (strcmp(id, CATEGORIES[c].id) == 0) { *out = (cm_category)c; return 0; }
    return -1;
}

/* 1 when type (n bytes) is one of the '|'-separated names (any case) */
static int one_of(const char *names, const char *type, size_t n)
{
    for (const char *p = names; p && *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncasecmp(p, type, n) == 0) return 1;
        p += len + (p[len] == '|');
    }
    return 0;
}

int categories_from_acled(const char *type, cm_category *out)
{
    while (*type == ' ') type++;
    size_t n = strlen(type);
    while (n && type[n - 1] == ' ') n--;
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if (one_of(CATEGORIES[c].acled, type, n) || one_of(CATEGORIES[c].older, type, n)) {
            *out = (cm_category)c;
            return 0;
        }
    return -1;
}

const char *categories_acled_name(cm_category c)
{
    const cm_category_def *d = categories_category((int)c);
    return d ? d->acled : NULL;
}

int categories_from_ucdp(int code, cm_category *out)
{
    if (code < 0 || code >= 32) return -1;
    for (int c = 0; c < CM_CAT_COUNT; c++)
        if (CATEGORIES[c].ucdp & CM_UCDP(code)) { *out = (cm_category)c; return 0; }
    return -1;
}

const char *categories_ucdp_name(int code) { return code > 0 && code < NUCDP ? UCDP_NAMES[code] : ""; }

static const char *join(char *buf, size_t n, const char *(*name)(int), int first, int last)
{
    size_t len = 0;
    if (n) buf[0] = 0;
    for (int k = first; k < last && len < n; k++) {
        int w = snprintf(buf + len, n - len, "%s%s", k > first ? ", " : "", name(k));
        if (w < 0) break;
        len += (size_t)w;
    }
    return buf;
}

static const char *layer_id(int k) { return LAYERS[k].id; }
static const char *category_id(int c) { return CATEGORIES[c].id; }

const char *categories_layer_ids(char *buf, size_t n, int first, int last)
{
    if (first < 0) first = 0;
    if (last > CM_LAYER_COUNT) last = CM_LAYER_COUNT;
    return join(buf, n, layer_id, first, last);
}

const char *categories_ids(char *buf, size_t n) { return join(buf, n, category_id, 0, CM_CAT_COUNT); }
