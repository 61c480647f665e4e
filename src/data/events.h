/* events: the event store. An event is a dated, sourced fact with a place: a point, a
 * polygon, governorates referred to by ISO code, an off-map place, or no place at all;
 * dates carry their precision; figures always name who reported them. The store keeps
 * events sorted by first day so that "active on day D" and "in window [A, B]" are binary
 * searches (long-lived areas are few and kept apart). No SDL here. */
#ifndef CM_EVENTS_H
#define CM_EVENTS_H
#include <stddef.h>
#include <stdint.h>

#include "data/arena.h"
#include "data/categories.h"
#include "data/date.h"
#include "geo/geometry.h"
#include "geo/index.h"
#include "geo/shapes.h"

/* cm_category: the table of categories (data/categories.h) */

#define CM_DAY_NONE INT32_MIN

typedef struct {
    char *value;           /* as reported, e.g. "1 killed, 18 wounded" */
    char *reporter;        /* who reported it: never empty */
    int32_t day;           /* when, or CM_DAY_NONE */
} cm_figure;

/* A named value an importer keeps beyond the fields of cm_event (both strings in the store's
 * arena). Keys are lower case and shared by every format; those in use: event_id, country,
 * admin1, admin2, admin3, actor1, assoc_actor_1, actor2, assoc_actor_2, interaction,
 * event_type, sub_event_type, civilian_targeting, tags, source_scale; from GeoJSON: location_note. */
typedef struct {
    const char *key, *value;
} cm_attr;

typedef struct {
    char *outlet, *title, *url, *note; /* outlet required; the rest may be NULL */
    int32_t day;           /* or CM_DAY_NONE */
} cm_source;

/* One event. Laid out to stay small (about 140 bytes; strings and arrays live in the store's
 * arena): a million of them are the point of the store. */
typedef struct {
    char *id, *title, *summary, *place;
    cm_date start, end;    /* end.day == CM_DAY_NEVER: still going on */
    int32_t first, last;   /* days active, inclusive */
    double lon, lat;       /* the point (WGS 84), when has_point */
    float x, y;            /* the point in map coordinates (float: a quarter metre at 2000 km) */
    char **regions;        /* ISO codes */
    int *region_idx;       /* governorate feature index per region, -1 unknown */
    cm_shapes *poly;       /* explicit polygon geometry, projected; NULL otherwise */
    cm_mesh *mesh;         /* its triangles */
    cm_figure *fig;
    cm_source *src;
    cm_attr *attr;         /* importer attributes, in the arena; NULL when none */
    uint16_t nregions, nfig, nsrc, nattr;
    uint8_t cat;           /* a cm_category */
    uint8_t is_area, approx, offmap, has_point;
    uint8_t claim;         /* an area demanded or claimed, not held (kind "claim"): drawn unlike presence */
    uint8_t hidden;        /* left out by the filter (data/filter.c): no view, count or export shows it */
} cm_event;

/* Values of cm_event.approx: where the event is, as precisely as the data says. */
enum { CM_LOC_EXACT, CM_LOC_APPROX, CM_LOC_REGION /* the area marks the governorates concerned, not the extent */ };

/* The index of events ev[0..n) made beforehand, as events_index makes it for them when they are
 * the whole store (the events cache keeps one): the long events, the spatial grid of the points
 * that are not areas, the date span. Its arrays belong to whoever made it (a mapped cache). */
typedef struct {
    int n;                 /* the events it is for */
    const int *longs;
    int nlong;
    cm_grid grid;          /* start and items not owned */
    int32_t span_first, span_last;
} cm_events_prebuilt;

typedef struct {
    cm_arena arena;        /* strings and small arrays of every event */
    cm_event *ev;          /* sorted by first day after events_index() */
    int n, cap;
    int *longs;            /* indexes of events active longer than CM_SHORT_SPAN days */
    int nlong;
    int *areas;            /* indexes of area events (few; scanned for hit tests) */
    int nareas;
    cm_grid grid;          /* point events by map position (needs x, y: index after projecting) */
    int32_t span_first, span_last; /* the data's date span (open ends count as their start) */
    int ncat[256];         /* events of each category (cm_event.cat), set by events_index */
    unsigned filter_gen;   /* bumped each time the filter changes which events are hidden (caches key on it) */
    struct cm_events_map { void *addr; size_t len; int n0; } *maps; /* cache files (data/cache.c) that events
                            * n0.. point into: their strings and arrays; unmapped with the store */
    int nmaps;
    int ev_mapped;         /* ev is the events of the first mapping, used in place (not malloc'd):
                            * copied out before the store grows, never freed */
    cm_events_prebuilt pre; /* with ev_mapped, the mapping's own index (has_pre): events_index uses it */
    int has_pre;
    int idx_borrowed;      /* longs and grid are pre's (not freed) */
} cm_events;

#define CM_SHORT_SPAN 62
/* The most events a store takes: past it a load stops with a message rather than exhausting
 * memory (at about 140 bytes an event plus its text, 20 million is some 6 GB). */
#define CM_MAX_EVENTS 20000000

/* What time the map shows: one day (a == b) with points fading for `fade` days after they
 * end, or a window [a, b] in which everything that meets it is shown in full. */
typedef struct {
    int32_t a, b;
    int32_t fade;
    int window;
} cm_when;

/* How strongly an event shows at `w`: 1 in full, down to 0.25 as a point ages, 0 not shown
 * (hidden by the filter included). */
float events_weight(const cm_event *e, const cm_when *w);
/* Calls fn for every event active at w and not hidden by the filter (the one place "shown"
 * is decided; callers check their layer's visibility and the weight). */
void events_each_shown(const cm_events *s, const cm_when *w, int (*fn)(const cm_event *e, int idx, void *ctx), void *ctx);

/* Category names in files ("strike", ...) and their display names (from data/categories.h). */
const char *events_category_id(cm_category c);
const char *events_category_name(cm_category c);
int events_category_parse(const char *s, cm_category *out);

/* Appends an event whose strings and arrays (regions, fig, src) are malloc'd: they are moved
 * into the store's arena and the originals freed. 0, or -1 when out of memory. */
int events_add(cm_events *s, cm_event *e);
/* Makes room for n more events (a loader's estimate); 0, or -1 when out of memory. */
int events_reserve(cm_events *s, int n);
/* Appends an event whose strings and arrays already live in the store's arena (loaders). */
int events_push(cm_events *s, cm_event *e);
/* Arena allocations for loaders: freed with the store. */
char *events_strdup(cm_events *s, const char *text);
char *events_strndup(cm_events *s, const char *text, size_t n);
void *events_alloc(cm_events *s, size_t n);
/* Sorts by first day (a stable counting sort) and builds the date index, the area list, the
 * spatial grid of points and the count per category; call after the last add and after projecting. */
void events_index(cm_events *s);
/* Calls fn for each event whose active days meet [a, b] widened by fade days after its end
 * (points only; areas never fade). Stops early when fn returns non-zero. */
void events_each_active(const cm_events *s, int32_t a, int32_t b, int32_t fade,
                        int (*fn)(const cm_event *e, int idx, void *ctx), void *ctx);
/* The value of attribute `key` of e, or NULL when it has none. */
const char *events_attr(const cm_event *e, const char *key);
/* Index of the event with this id, or -1. */
int events_find(const cm_events *s, const char *id);
/* Frees what an event in the store owns outside the arena (polygon, mesh, region indexes). */
void events_event_free(cm_event *e);
/* The store keeps the mapping [addr, addr + len) alive until the events from n0 on are dropped
 * (events_truncate) or the store is freed. 0, or -1 when out of memory (not kept). */
int events_keep_map(cm_events *s, void *addr, size_t len, int n0);
/* Uses ev[0..n), the events of a mapping kept with events_keep_map(s, ..., 0), in place as the
 * store's events; the store must be empty. They are written to (copy-on-write mappings only).
 * pre (or NULL): their index made beforehand, used by events_index while the store is exactly
 * these events and their points are the same (anything added to the store drops it). */
void events_use_mapped(cm_events *s, cm_event *ev, int n, const cm_events_prebuilt *pre);
/* Whether e counts as long-lived (active more than CM_SHORT_SPAN days, or open-ended). */
int events_is_long(const cm_event *e);
/* The spatial grid events_index makes: over the events that have a point and are not areas,
 * taken in the order ord[0..n) (NULL: 0..n-1), each known by its place in that order. 0, or -1
 * when out of memory. */
int events_point_grid(cm_grid *g, const cm_event *ev, const uint32_t *ord, int n);
/* Drops events n0.. and everything allocated in the arena since mark (a failed load). */
void events_truncate(cm_events *s, int n0, cm_arena_mark mark);
void events_free(cm_events *s);

#endif
