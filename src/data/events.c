/* events: the store and its date index; see events.h. */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE: not visible under _XOPEN_SOURCE alone (the hint was silently left out) */
#include "data/events.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

const char *events_category_id(cm_category c) { return categories_category((int)c)->id; }
const char *events_category_name(cm_category c) { return categories_category((int)c)->title; }
int events_category_parse(const char *s, cm_category *out) { return categories_parse(s, out); }

char *events_strdup(cm_events *s, const char *text) { return arena_strdup(&s->arena, text); }
char *events_strndup(cm_events *s, const char *text, size_t n) { return arena_strndup(&s->arena, text, n); }
void *events_alloc(cm_events *s, size_t n) { return arena_alloc(&s->arena, n); }

/* events used in place from a mapping: copied into memory of their own before the store grows */
static int unmap_events(cm_events *s, int cap)
{
    cm_event *ne = malloc(sizeof *ne * (size_t)cap);
    if (!ne) return -1;
    memcpy(ne, s->ev, sizeof *ne * (size_t)s->n);
    s->ev = ne;
    s->cap = cap;
    s->ev_mapped = 0;
    s->has_pre = 0; /* other events come: the mapping's index is no longer the store's */
    return 0;
}

void events_use_mapped(cm_events *s, cm_event *ev, int n, const cm_events_prebuilt *pre)
{
    free(s->ev);
    s->ev = ev;
    s->n = s->cap = n;
    s->ev_mapped = 1;
    s->has_pre = pre && pre->n == n;
    if (s->has_pre) s->pre = *pre;
}

int events_reserve(cm_events *s, int n)
{
    if (n <= 0 || s->n + n <= s->cap) return 0;
    if (s->ev_mapped) return unmap_events(s, s->n + n);
    cm_event *ne = realloc(s->ev, sizeof *ne * (size_t)(s->n + n));
    if (!ne) return -1;
    s->ev = ne;
    s->cap = s->n + n;
#ifdef MADV_HUGEPAGE
    /* a large store: ask for huge pages over the whole pages inside it (fewer page faults) */
    size_t bytes = sizeof *ne * (size_t)s->cap, hp = 2u << 20;
    uintptr_t a = ((uintptr_t)ne + hp - 1) & ~(uintptr_t)(hp - 1), b = ((uintptr_t)ne + bytes) & ~(uintptr_t)(hp - 1);
    if (b > a) madvise((void *)a, b - a, MADV_HUGEPAGE);
#endif
    return 0;
}

int events_push(cm_events *s, cm_event *e)
{
    if (s->n >= CM_MAX_EVENTS) return -1;
    if (s->n == s->cap) {
        int cap = s->cap < 64 ? 64 : s->cap + s->cap / 2; /* a reserve of 1 must still grow */
        if (s->ev_mapped) {
            if (unmap_events(s, cap) != 0) return -1;
            s->ev[s->n++] = *e;
            memset(e, 0, sizeof *e);
            return 0;
        }
        cm_event *ne = realloc(s->ev, sizeof *ne * cap);
        if (!ne) return -1;
        s->ev = ne;
        s->cap = cap;
    }
    s->ev[s->n++] = *e;
    memset(e, 0, sizeof *e);
    return 0;
}

/* moves a malloc'd string into the arena */
static char *intern(cm_events *s, char *str, int *ok)
{
    if (!str) return NULL;
    char *d = arena_strdup(&s->arena, str);
    if (!d) *ok = 0;
    free(str);
    return d;
}

int events_add(cm_events *s, cm_event *e)
{
    int ok = 1;
    e->id = intern(s, e->id, &ok);
    e->title = intern(s, e->title, &ok);
    e->summary = intern(s, e->summary, &ok);
    e->place = intern(s, e->place, &ok);
    if (e->nregions) {
        char **r = arena_alloc(&s->arena, sizeof(char *) * e->nregions);
        for (int i = 0; i < e->nregions; i++) {
            char *v = intern(s, e->regions[i], &ok);
            if (r) r[i] = v;
        }
        free(e->regions);
        e->regions = r;
        ok &= r != NULL;
    } else {
        free(e->regions);
        e->regions = NULL;
    }
    if (e->nfig) {
        cm_figure *f = arena_alloc(&s->arena, sizeof *f * e->nfig);
        for (int i = 0; i < e->nfig; i++) {
            cm_figure g = e->fig[i];
            g.value = intern(s, g.value, &ok);
            g.reporter = intern(s, g.reporter, &ok);
            if (f) f[i] = g;
        }
        free(e->fig);
        e->fig = f;
        ok &= f != NULL;
    } else {
        free(e->fig);
        e->fig = NULL;
    }
    if (e->nsrc) {
        cm_source *c = arena_alloc(&s->arena, sizeof *c * e->nsrc);
        for (int i = 0; i < e->nsrc; i++) {
            cm_source g = e->src[i];
            g.outlet = intern(s, g.outlet, &ok);
            g.title = intern(s, g.title, &ok);
            g.url = intern(s, g.url, &ok);
            g.note = intern(s, g.note, &ok);
            if (c) c[i] = g;
        }
        free(e->src);
        e->src = c;
        ok &= c != NULL;
    } else {
        free(e->src);
        e->src = NULL;
    }
    if (!ok || events_push(s, e) != 0) {
        events_event_free(e);
        return -1;
    }
    return 0;
}

int events_is_long(const cm_event *e) { return e->last == CM_DAY_NEVER || e->last - e->first > CM_SHORT_SPAN; }
#define is_long events_is_long

/* Stable counting sort by first day, in place: each event's place is counted, then the
 * permutation is applied by following its cycles, so no second copy of the store is made.
 * Linear in the number of events and the span of days; a store already in order costs one pass. */
static int sort_by_first(cm_events *s)
{
    if (s->n < 2) return 0;
    int asc = 1;
    for (int i = 1; i < s->n && asc; i++) asc = s->ev[i].first >= s->ev[i - 1].first;
    if (asc) return 0;
    int32_t lo = s->ev[0].first, hi = lo;
    for (int i = 1; i < s->n; i++) {
        if (s->ev[i].first < lo) lo = s->ev[i].first;
        if (s->ev[i].first > hi) hi = s->ev[i].first;
    }
    int64_t span = (int64_t)hi - lo + 1;
    if (span > 50000000) return -1;
    int *count = calloc((size_t)span + 1, sizeof(int));
    int *dest = malloc(sizeof(int) * s->n);
    if (!count || !dest) { free(count); free(dest); return -1; }
    for (int i = 0; i < s->n; i++) count[s->ev[i].first - lo + 1]++;
    for (int64_t d = 0; d < span; d++) count[d + 1] += count[d];
    for (int i = 0; i < s->n; i++) dest[i] = count[s->ev[i].first - lo]++;
    free(count);
    for (int i = 0; i < s->n; i++) {
        while (dest[i] != i) { /* move event i to its place, take in the one that was there */
            int j = dest[i];
            cm_event t = s->ev[j];
            s->ev[j] = s->ev[i];
            s->ev[i] = t;
            dest[i] = dest[j];
            dest[j] = j;
        }
    }
    free(dest);
    return 0;
}

static int by_first(const void *a, const void *b)
{
    const cm_event *x = a, *y = b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* frees the index (what the store owns of it) */
static void drop_index(cm_events *s)
{
    if (!s->idx_borrowed) {
        free(s->longs);
        grid_free(&s->grid);
    }
    memset(&s->grid, 0, sizeof s->grid);
    s->idx_borrowed = 0;
    free(s->areas);
    s->longs = s->areas = NULL;
    s->nlong = s->nareas = 0;
}

int events_point_grid(cm_grid *g, const cm_event *ev, const uint32_t *ord, int n)
{
    int npts = 0;
    for (int j = 0; j < n; j++) {
        const cm_event *e = &ev[ord ? ord[j] : (uint32_t)j];
        npts += e->has_point && !e->is_area;
    }
    double *x = malloc(sizeof(double) * (npts ? npts : 1)), *y = malloc(sizeof(double) * (npts ? npts : 1));
    int *id = malloc(sizeof(int) * (npts ? npts : 1));
    int k = 0, rc = -1;
    memset(g, 0, sizeof *g);
    if (x && y && id) {
        for (int j = 0; j < n; j++) {
            const cm_event *e = &ev[ord ? ord[j] : (uint32_t)j];
            if (e->has_point && !e->is_area) {
                x[k] = e->x;
                y[k] = e->y;
                id[k++] = j;
            }
        }
        rc = grid_build(g, x, y, id, k, 16);
    }
    free(x);
    free(y);
    free(id);
    return rc;
}

/* the index from s->pre: 1 when used, 0 when it does not fit the store (then made anew). Only
 * the area list is made here (a pass over the events): loading may make an event without a
 * point an area (place_on_regions) or a point's area no area (regions not on this map), never
 * the reverse, so the points that are not areas can only have grown since the index was made,
 * and as many as it holds means the same ones. */
static int index_prebuilt(cm_events *s)
{
    int nareas = 0, npts = 0, cap = 64, ncat[256] = {0};
    int *areas = malloc(sizeof(int) * (size_t)cap);
    if (!areas) return 0;
    for (int i = 0; i < s->n; i++) {
        const cm_event *e = &s->ev[i];
        ncat[e->cat]++;
        npts += e->has_point && !e->is_area;
        if (!e->is_area) continue;
        if (nareas == cap) {
            int *a = realloc(areas, sizeof(int) * (size_t)(cap *= 2));
            if (!a) { free(areas); return 0; }
            areas = a;
        }
        areas[nareas++] = i;
    }
    if (npts != s->pre.grid.n) { free(areas); return 0; }
    drop_index(s);
    memcpy(s->ncat, ncat, sizeof ncat);
    s->areas = areas;
    s->nareas = nareas;
    s->longs = (int *)s->pre.longs;
    s->nlong = s->pre.nlong;
    s->grid = s->pre.grid;
    s->idx_borrowed = 1;
    s->span_first = s->pre.span_first;
    s->span_last = s->pre.span_last;
    return 1;
}

void events_index(cm_events *s)
{
    if (s->has_pre && s->ev_mapped && s->n == s->pre.n && index_prebuilt(s)) return;
    if (sort_by_first(s) != 0) qsort(s->ev, s->n, sizeof *s->ev, by_first); /* huge spans: fall back */
    drop_index(s);
    s->span_first = s->n ? s->ev[0].first : 0;
    s->span_last = s->span_first;
    int nlong = 0, nareas = 0;
    memset(s->ncat, 0, sizeof s->ncat);
    for (int i = 0; i < s->n; i++) {
        const cm_event *e = &s->ev[i];
        s->ncat[e->cat]++;
        int32_t end = e->last == CM_DAY_NEVER ? e->first : e->last;
        if (end > s->span_last) s->span_last = end;
        nlong += is_long(e);
        nareas += e->is_area;
    }
    s->longs = malloc(sizeof(int) * (nlong ? nlong : 1));
    s->areas = malloc(sizeof(int) * (nareas ? nareas : 1));
    for (int i = 0; i < s->n; i++) {
        const cm_event *e = &s->ev[i];
        if (is_long(e) && s->longs) s->longs[s->nlong++] = i;
        if (e->is_area && s->areas) s->areas[s->nareas++] = i;
    }
    events_point_grid(&s->grid, s->ev, NULL, s->n);
}

/* first index whose first day is >= day */
static int lower_bound(const cm_events *s, int32_t day)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (s->ev[mid].first < day) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int meets(const cm_event *e, int32_t a, int32_t b, int32_t fade)
{
    if (e->first > b) return 0;
    if (e->last == CM_DAY_NEVER) return 1;
    int64_t until = (int64_t)e->last + (e->is_area ? 0 : fade);
    return until >= a;
}

void events_each_active(const cm_events *s, int32_t a, int32_t b, int32_t fade,
                        int (*fn)(const cm_event *e, int idx, void *ctx), void *ctx)
{
    for (int k = 0; k < s->nlong; k++) {
        const cm_event *e = &s->ev[s->longs[k]];
        if (meets(e, a, b, fade) && fn(e, s->longs[k], ctx)) return;
    }
    /* short events active in [a, b] started no earlier than a - span - fade */
    int64_t from = (int64_t)a - CM_SHORT_SPAN - (fade > 0 ? fade : 0);
    int i = lower_bound(s, from < INT32_MIN ? INT32_MIN : (int32_t)from);
    for (; i < s->n && s->ev[i].first <= b; i++) {
        const cm_event *e = &s->ev[i];
        if (is_long(e)) continue;
        if (meets(e, a, b, fade) && fn(e, i, ctx)) return;
    }
}

const char *events_attr(const cm_event *e, const char *key)
{
    for (int i = 0; i < e->nattr; i++)
        if (strcmp(e->attr[i].key, key) == 0) return e->attr[i].value;
    return NULL;
}

int events_find(const cm_events *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->ev[i].id, id) == 0) return i;
    return -1;
}

void events_event_free(cm_event *e)
{
    free(e->region_idx);
    if (e->poly) {
        shapes_free(e->poly);
        free(e->poly);
    }
    if (e->mesh) {
        geom_mesh_free(e->mesh);
        free(e->mesh);
    }
    memset(e, 0, sizeof *e);
}

int events_keep_map(cm_events *s, void *addr, size_t len, int n0)
{
    struct cm_events_map *m = realloc(s->maps, sizeof *m * (size_t)(s->nmaps + 1));
    if (!m) return -1;
    s->maps = m;
    s->maps[s->nmaps++] = (struct cm_events_map){addr, len, n0};
    return 0;
}

void events_truncate(cm_events *s, int n0, cm_arena_mark mark)
{
    for (int i = n0; i < s->n; i++) events_event_free(&s->ev[i]);
    while (s->nmaps && s->maps[s->nmaps - 1].n0 >= n0) { /* mappings whose events are gone */
        s->nmaps--;
        if (s->nmaps == 0) { /* the first: its index may be the store's, its events the store's array */
            if (s->idx_borrowed) drop_index(s);
            s->has_pre = 0;
            if (s->ev_mapped) {
                s->ev = NULL;
                s->n = s->cap = 0;
                s->ev_mapped = 0;
            }
        }
        munmap(s->maps[s->nmaps].addr, s->maps[s->nmaps].len);
    }
    if (n0 < s->n) s->n = n0;
    arena_reset(&s->arena, mark);
}

void events_free(cm_events *s)
{
    for (int i = 0; i < s->n; i++) /* only what owns memory is touched (mapped events stay unwritten) */
        if (s->ev[i].region_idx || s->ev[i].poly || s->ev[i].mesh) events_event_free(&s->ev[i]);
    if (!s->ev_mapped) free(s->ev);
    drop_index(s);
    arena_free(&s->arena);
    for (int i = 0; i < s->nmaps; i++) munmap(s->maps[i].addr, s->maps[i].len);
    free(s->maps);
    memset(s, 0, sizeof *s);
}

float events_weight(const cm_event *e, const cm_when *w)
{
    if (e->hidden || e->first > w->b) return 0;
    if (e->last == CM_DAY_NEVER || e->last >= w->a) return 1;
    if (w->window || e->is_area || w->fade <= 0) return 0;
    int32_t age = w->a - e->last;
    if (age > w->fade) return 0;
    return 1.0f - 0.75f * (float)age / (float)w->fade;
}

typedef struct {
    int (*fn)(const cm_event *e, int idx, void *ctx);
    void *ctx;
} shown_ctx;

static int if_not_hidden(const cm_event *e, int idx, void *p)
{
    const shown_ctx *c = p;
    return e->hidden ? 0 : c->fn(e, idx, c->ctx);
}

void events_each_shown(const cm_events *s, const cm_when *w, int (*fn)(const cm_event *e, int idx, void *ctx), void *ctx)
{
    shown_ctx c = {fn, ctx};
    events_each_active(s, w->a, w->b, w->window ? 0 : w->fade, if_not_hidden, &c);
}
