/* query: what is here at this date; see query.h. */
#include "data/query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geometry.h"

/* the list being built, and what its entries are sorted by (kept beside each index, so that
 * sorting needs no context outside the array) */
typedef struct {
    int idx;
    int area;
    int32_t first;
    const char *id;
} hit;

typedef struct {
    const cm_catalog *c;
    const cm_when *w;
    double x, y, r;   /* query_at: the place and radius */
    int gov;          /* query_region: the governorate */
    hit *h;
    int n, cap, oom;
} hits;

static int push(hits *a, int idx)
{
    if (a->n == a->cap) {
        int cap = a->cap ? a->cap * 2 : 16;
        hit *nh = realloc(a->h, sizeof *nh * (size_t)cap);
        if (!nh) { a->oom = 1; return 1; }
        a->h = nh;
        a->cap = cap;
    }
    const cm_event *e = &a->c->events.ev[idx];
    a->h[a->n++] = (hit){idx, e->is_area, e->first, e->id};
    return 0;
}

static int layer_on(const cm_catalog *c, const cm_event *e) { return c->layers[catalog_event_layer(e->cat)].visible; }

static int areas_then_newest(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    if (a->area != b->area) return a->area ? -1 : 1;
    if (a->first != b->first) return a->first > b->first ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int newest_first(const void *pa, const void *pb)
{
    const hit *a = pa, *b = pb;
    if (a->first != b->first) return a->first > b->first ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* sorts, and hands back the indexes alone */
static int finish(hits *a, int (*order)(const void *, const void *), int **out)
{
    *out = NULL;
    int n = a->n;
    if (n) {
        qsort(a->h, (size_t)n, sizeof *a->h, order);
        *out = malloc(sizeof **out * (size_t)n);
        if (*out)
            for (int i = 0; i < n; i++) (*out)[i] = a->h[i].idx;
        else
            n = 0;
    }
    free(a->h);
    return n;
}

static int area_contains(const cm_catalog *c, const cm_event *e, double x, double y)
{
    if (e->poly) return geom_feature_contains(e->poly, 0, x, y);
    for (int i = 0; i < e->nregions; i++)
        if (geom_feature_contains(&c->layers[CM_LAYER_GOVERNORATES].shp, e->region_idx[i], x, y)) return 1;
    return 0;
}

/* a point from the grid: near enough, shown at the date, its layer on */
static int point_near(int idx, void *u)
{
    hits *a = u;
    const cm_event *e = &a->c->events.ev[idx];
    if (!layer_on(a->c, e) || events_weight(e, a->w) <= 0) return 0;
    if (hypot(e->x - a->x, e->y - a->y) > a->r) return 0;
    return push(a, idx);
}

int query_at(const cm_catalog *c, double x, double y, const cm_when *w, double radius_m, int **out)
{
    hits a = {.c = c, .w = w, .x = x, .y = y, .r = radius_m};
    /* areas are few: test each; points through the grid, so this costs the same at a million */
    for (int k = 0; k < c->events.nareas; k++) {
        int idx = c->events.areas[k];
        const cm_event *e = &c->events.ev[idx];
        if (layer_on(c, e) && events_weight(e, w) > 0 && area_contains(c, e, x, y))
            if (push(&a, idx)) break;
    }
    if (!a.oom) grid_query(&c->events.grid, x, y, radius_m, point_near, &a);
    return finish(&a, areas_then_newest, out);
}

int query_region_at(const cm_catalog *c, double x, double y)
{
    return geom_find_feature(&c->layers[CM_LAYER_GOVERNORATES].shp, x, y);
}

int query_region_also(const cm_catalog *c, int gov, const cm_event *e)
{
    const cm_shapes *s = &c->layers[CM_LAYER_GOVERNORATES].shp;
    const char *also = shapes_attr(s, gov, "ALSO_ISO");
    if (!also || !*also) return 0;
    for (const char *p = also; *p;) { /* a comma list of codes */
        size_t len = strcspn(p, ",");
        for (int i = 0; i < e->nregions; i++)
            if (strlen(e->regions[i]) == len && strncmp(e->regions[i], p, len) == 0) return 1;
        p += len + (p[len] == ',');
    }
    return 0;
}

static int in_region(const cm_event *e, int idx, void *p)
{
    hits *a = p;
    const cm_catalog *c = a->c;
    if (!layer_on(c, e)) return 0;
    int yes = 0;
    for (int i = 0; i < e->nregions && !yes; i++) yes = e->region_idx && e->region_idx[i] == a->gov;
    if (!yes && e->has_point && !e->is_area) yes = geom_feature_contains(&c->layers[CM_LAYER_GOVERNORATES].shp, a->gov, e->x, e->y);
    if (!yes && e->poly) {
        const cm_xy *lp = &c->layers[CM_LAYER_GOVERNORATES].label[a->gov];
        yes = geom_feature_contains(e->poly, 0, lp->x, lp->y);
    }
    if (!yes && e->is_area) yes = query_region_also(c, a->gov, e); /* a strip beside it (ALSO_ISO) */
    return yes ? push(a, idx) : 0;
}

int query_region(const cm_catalog *c, int gov, const cm_when *w, int **out)
{
    hits a = {.c = c, .w = w, .gov = gov};
    if (gov >= 0 && gov < c->layers[CM_LAYER_GOVERNORATES].shp.nfeatures) events_each_shown(&c->events, w, in_region, &a);
    return finish(&a, newest_first, out);
}

static int unplaced(const cm_event *e, int idx, void *p)
{
    hits *a = p;
    return !e->has_point && !e->is_area && layer_on(a->c, e) ? push(a, idx) : 0;
}

int query_unplaced(const cm_catalog *c, const cm_when *w, int **out)
{
    hits a = {.c = c, .w = w};
    events_each_shown(&c->events, w, unplaced, &a);
    return finish(&a, newest_first, out);
}
