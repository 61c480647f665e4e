/* geojson: streaming GeoJSON event reader; see geojson.h. */
#include "data/geojson.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yajl/yajl_parse.h>

#include "base/fileio.h"
#include "data/jsonval.h"
#include "base/utf8.h"

typedef struct {
    const char *path;
    cm_events *store;
    char *err;
    size_t errlen;
    int failed;              /* a content error was written to err */
    int depth;
    int feats_depth;         /* depth of the features array, 0 when outside */
    int saw_type, saw_features;
    char top_key[32];
    jv *stack[CM_GEOJSON_MAX_DEPTH];
    int sp;
    char *key;               /* pending object key while building */
    size_t keylen;
    int nfeature;
    const char **ids;        /* open-addressing hash set of the store's ids: duplicates in O(1) */
    size_t ids_cap, ids_n;
} ctx;

/* ---- the set of ids (a linear scan per feature made loading quadratic: 80,000 took 37 s) ---- */

static size_t id_hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* 1 when id was in the set already; 0 when added; -1 when out of memory */
static int ids_add(ctx *c, const char *id)
{
    if ((c->ids_n + 1) * 2 > c->ids_cap) {
        size_t cap = c->ids_cap ? c->ids_cap * 2 : 1024;
        const char **ns = calloc(cap, sizeof *ns);
        if (!ns) return -1;
        for (size_t i = 0; i < c->ids_cap; i++)
            if (c->ids[i]) {
                size_t k = id_hash(c->ids[i]) & (cap - 1);
                while (ns[k]) k = (k + 1) & (cap - 1);
                ns[k] = c->ids[i];
            }
        free(c->ids);
        c->ids = ns;
        c->ids_cap = cap;
    }
    size_t k = id_hash(id) & (c->ids_cap - 1);
    for (; c->ids[k]; k = (k + 1) & (c->ids_cap - 1))
        if (strcmp(c->ids[k], id) == 0) return 1;
    c->ids[k] = id;
    c->ids_n++;
    return 0;
}

static int failf(ctx *c, const char *fmt, ...)
{
    if (c->failed) return 0;
    int n = snprintf(c->err, c->errlen, "%s: ", c->path);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < c->errlen) vsnprintf(c->err + n, c->errlen - n, fmt, ap);
    va_end(ap);
    utf8_clean(c->err); /* a quoted value may hold a newline or be cut inside a character */
    c->failed = 1;
    return 0; /* makes yajl stop */
}

/* ---- turning one feature into an event ---- */

typedef struct {
    ctx *c;                  /* the load: its store's arena holds the strings */
    const char *id;
} fctx;

static char *dup_str(fctx *f, const jv *v)
{
    if (!v || v->t != JV_STR) return NULL;
    return events_strdup(f->c->store, v->s);
}

static char *dup(fctx *f, const char *s) { return events_strdup(f->c->store, s); }

static int ferr(fctx *f, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (f->id) failf(f->c, "feature %d (id '%.60s'): %s", f->c->nfeature, f->id, msg);
    else failf(f->c, "feature %d: %s", f->c->nfeature, msg);
    return -1;
}

static int want(fctx *f, const jv *p, const char *key, jv_type t, int required, const jv **out)
{
    const jv *v = jv_get(p, key);
    *out = NULL;
    if (!v || (v->t == JV_NULL && !required)) {
        if (required) return ferr(f, "'%s' is missing (a %s is required)", key, jv_type_name(t));
        return 0;
    }
    if (v->t != t) return ferr(f, "'%s' is a %s, expected a %s", key, jv_type_name(v->t), jv_type_name(t));
    if (t == JV_STR && required && !v->s[0]) return ferr(f, "'%s' is empty", key);
    *out = v;
    return 0;
}

static int get_date(fctx *f, const jv *p, const char *key, int required, cm_date *d, int *has)
{
    const jv *v;
    *has = 0;
    if (want(f, p, key, JV_STR, required, &v)) return -1;
    if (!v) return 0;
    if (date_parse(v->s, d) != 0)
        return ferr(f, "'%s': '%.40s' is not a valid date (expected YYYY-MM-DD, YYYY-MM or YYYY)", key, v->s);
    *has = 1;
    return 0;
}

static int get_day(fctx *f, const jv *o, const char *what, int32_t *day)
{
    const jv *v = jv_get(o, "date");
    *day = CM_DAY_NONE;
    if (!v || v->t == JV_NULL) return 0;
    cm_date d;
    if (v->t != JV_STR || date_parse(v->s, &d) != 0)
        return ferr(f, "%s 'date' is not a valid date (expected YYYY-MM-DD, YYYY-MM or YYYY)", what);
    *day = d.day;
    return 0;
}

static int position(fctx *f, const jv *p, double *lon, double *lat)
{
    if (!p || p->t != JV_ARR || p->n < 2 || p->items[0]->t != JV_NUM || p->items[1]->t != JV_NUM)
        return ferr(f, "geometry: a position must be an array [lon, lat] of numbers");
    *lon = p->items[0]->num;
    *lat = p->items[1]->num;
    if (!isfinite(*lon) || !isfinite(*lat) || fabs(*lon) > 180 || fabs(*lat) > 90)
        return ferr(f, "geometry: position [%g, %g] is outside the world (lon -180..180, lat -90..90)", *lon, *lat);
    return 0;
}

/* the capacity kept for n items: the next power of two, at least 16 */
static size_t grow_to(size_t n)
{
    size_t c = 16;
    while (c < n) c *= 2;
    return c;
}

/* Appends the rings of one GeoJSON polygon (array of rings) to shapes s, outer first. */
static int add_polygon(fctx *f, const jv *rings, cm_shapes *s)
{
    if (!rings || rings->t != JV_ARR || rings->n == 0) return ferr(f, "geometry: a polygon needs at least one ring");
    for (size_t r = 0; r < rings->n; r++) {
        const jv *ring = rings->items[r];
        if (ring->t != JV_ARR || ring->n < 4)
            return ferr(f, "geometry: ring %zu has %zu positions (at least 4, first = last)", r + 1, ring->t == JV_ARR ? ring->n : 0);
        /* limits on time as well as memory: triangulating and checking grow faster than the points */
        if ((size_t)s->nrings + 1 > CM_MAX_FEATURE_RINGS)
            return ferr(f, "geometry: more than %d rings, the most one feature may have", CM_MAX_FEATURE_RINGS);
        if ((size_t)s->npts + ring->n > CM_MAX_FEATURE_POINTS)
            return ferr(f, "geometry: more than %d positions, the most one feature may have", CM_MAX_FEATURE_POINTS);
        /* arrays grow by doubling (a realloc per ring made many rings quadratic) */
        if (!s->ring_off || grow_to((size_t)s->nrings + 2) != grow_to((size_t)s->nrings + 1)) {
            int *ro = realloc(s->ring_off, sizeof(int) * grow_to((size_t)s->nrings + 2));
            if (!ro) return ferr(f, "out of memory");
            s->ring_off = ro;
            unsigned char *rh = realloc(s->ring_hole, grow_to((size_t)s->nrings + 2));
            if (!rh) return ferr(f, "out of memory");
            s->ring_hole = rh;
        }
        if (!s->pts || grow_to((size_t)s->npts + ring->n) != grow_to((size_t)s->npts)) {
            cm_xy *pp = realloc(s->pts, sizeof(cm_xy) * grow_to((size_t)s->npts + ring->n));
            if (!pp) return ferr(f, "out of memory");
            s->pts = pp;
        }
        if (s->nrings == 0) s->ring_off[0] = 0;
        for (size_t k = 0; k < ring->n; k++)
            if (position(f, ring->items[k], &s->pts[s->npts + k].x, &s->pts[s->npts + k].y)) return -1;
        const cm_xy *p0 = &s->pts[s->npts], *pn = &s->pts[s->npts + ring->n - 1];
        if (p0->x != pn->x || p0->y != pn->y)
            return ferr(f, "geometry: ring %zu is not closed (its last position must equal its first)", r + 1);
        s->npts += (int)ring->n;
        s->ring_hole[s->nrings] = r > 0;
        s->ring_off[++s->nrings] = s->npts;
        s->features[0].nrings++;
    }
    return 0;
}

static int geometry(fctx *f, const jv *g, cm_event *e)
{
    if (!g || g->t == JV_NULL) return 0;
    if (g->t != JV_OBJ) return ferr(f, "geometry is a %s, expected an object or null", jv_type_name(g->t));
    const jv *type, *coords;
    if (want(f, g, "type", JV_STR, 1, &type) || want(f, g, "coordinates", JV_ARR, 1, &coords)) return -1;
    if (strcmp(type->s, "Point") == 0) {
        if (position(f, coords, &e->lon, &e->lat)) return -1;
        e->has_point = 1;
        return 0;
    }
    int multi = strcmp(type->s, "MultiPolygon") == 0;
    if (!multi && strcmp(type->s, "Polygon") != 0)
        return ferr(f, "geometry type '%.30s' is not supported (Point, Polygon or MultiPolygon)", type->s);
    e->poly = calloc(1, sizeof *e->poly);
    if (!e->poly || !(e->poly->features = calloc(1, sizeof(cm_feature)))) return ferr(f, "out of memory");
    e->poly->kind = CM_GEOM_POLYGON;
    e->poly->nfeatures = 1;
    if (multi) {
        if (coords->n == 0) return ferr(f, "geometry: a MultiPolygon needs at least one polygon");
        for (size_t i = 0; i < coords->n; i++)
            if (add_polygon(f, coords->items[i], e->poly)) return -1;
    } else if (add_polygon(f, coords, e->poly)) return -1;
    shapes_update_bbox(e->poly);
    memcpy(e->poly->features[0].bbox_ll, e->poly->features[0].bbox, sizeof(double) * 4);
    e->is_area = 1;
    return 0;
}

/* regions, figures and sources are counted in 16 bits: more is an error, not a wrap to 0 */
static int list_ok(fctx *f, const jv *v, const char *key)
{
    if (v && v->n > CM_GEOJSON_MAX_LIST)
        return ferr(f, "'%s' has %zu items, more than the %d accepted", key, v->n, CM_GEOJSON_MAX_LIST);
    return 0;
}

static int strings(fctx *f, const jv *p, cm_event *e)
{
    const jv *v;
    if (want(f, p, "regions", JV_ARR, 0, &v) || list_ok(f, v, "regions")) return -1;
    if (v && v->n) {
        e->regions = events_alloc(f->c->store, v->n * sizeof(char *));
        if (!e->regions) return ferr(f, "out of memory");
        for (size_t i = 0; i < v->n; i++) {
            if (v->items[i]->t != JV_STR) return ferr(f, "'regions' item %zu is not a string (ISO 3166-2 code)", i + 1);
            e->regions[e->nregions++] = dup(f, v->items[i]->s);
        }
    }
    if (want(f, p, "figures", JV_ARR, 0, &v) || list_ok(f, v, "figures")) return -1;
    if (v && v->n) {
        e->fig = events_alloc(f->c->store, v->n * sizeof *e->fig);
        if (!e->fig) return ferr(f, "out of memory");
        for (size_t i = 0; i < v->n; i++) {
            const jv *o = v->items[i], *val, *rep;
            if (o->t != JV_OBJ) return ferr(f, "'figures' item %zu is not an object", i + 1);
            if (want(f, o, "value", JV_STR, 1, &val) || want(f, o, "reporter", JV_STR, 1, &rep)) return -1;
            cm_figure *fg = &e->fig[e->nfig++];
            fg->value = dup(f, val->s);
            fg->reporter = dup(f, rep->s);
            if (get_day(f, o, "figure", &fg->day)) return -1;
        }
    }
    if (want(f, p, "sources", JV_ARR, 0, &v) || list_ok(f, v, "sources")) return -1;
    if (v && v->n) {
        e->src = events_alloc(f->c->store, v->n * sizeof *e->src);
        if (!e->src) return ferr(f, "out of memory");
        for (size_t i = 0; i < v->n; i++) {
            const jv *o = v->items[i], *out;
            if (o->t != JV_OBJ) return ferr(f, "'sources' item %zu is not an object", i + 1);
            if (want(f, o, "outlet", JV_STR, 1, &out)) return -1;
            cm_source *sr = &e->src[e->nsrc++];
            sr->outlet = dup(f, out->s);
            sr->title = dup_str(f, jv_get(o, "title"));
            sr->url = dup_str(f, jv_get(o, "url"));
            sr->note = dup_str(f, jv_get(o, "note"));
            if (get_day(f, o, "source", &sr->day)) return -1;
        }
    }
    return 0;
}

/* "attributes": {"actor1": "...", ...}: the importer attributes (string values), kept by key */
static int attributes(fctx *f, const jv *p, cm_event *e)
{
    const jv *v;
    if (want(f, p, "attributes", JV_OBJ, 0, &v)) return -1;
    if (!v || !v->n) return 0;
    if (v->n > 64) return ferr(f, "'attributes' has %zu members (64 at most)", v->n);
    cm_attr *a = events_alloc(f->c->store, (v->n + e->nattr) * sizeof *a); /* after any read before (location_note) */
    if (!a) return ferr(f, "out of memory");
    for (int i = 0; i < e->nattr; i++) a[i] = e->attr[i];
    e->attr = a;
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i]->t != JV_STR)
            return ferr(f, "'attributes' member '%.40s' is a %s, expected a string", v->keys[i], jv_type_name(v->items[i]->t));
        e->attr[e->nattr++] = (cm_attr){dup(f, v->keys[i]), dup(f, v->items[i]->s)};
    }
    return 0;
}

/* "start_precision": "week" marks a day known to within a week (the day +- 3 days) */
static int week_precision(fctx *f, const jv *p, const char *key, const char *date_key, cm_date *d, int has)
{
    const jv *v;
    if (want(f, p, key, JV_STR, 0, &v)) return -1;
    if (!v) return 0;
    if (strcmp(v->s, "week") != 0) return ferr(f, "'%s': '%.20s' is not week (other precisions are told by the date's form)", key, v->s);
    if (!has || d->prec != CM_PREC_DAY) return ferr(f, "'%s' is week, so '%s' must be a day (YYYY-MM-DD)", key, date_key);
    d->prec = CM_PREC_WEEK;
    return 0;
}

static int feature_to_event(ctx *c, const jv *feat, cm_event *e)
{
    fctx f = {c, NULL};
    memset(e, 0, sizeof *e);
    if (feat->t != JV_OBJ) return ferr(&f, "is a %s, expected a Feature object", jv_type_name(feat->t));
    const jv *type = jv_get(feat, "type");
    if (!type || type->t != JV_STR || strcmp(type->s, "Feature") != 0) return ferr(&f, "'type' must be \"Feature\"");
    const jv *p = jv_get(feat, "properties"), *v;
    if (!p || p->t != JV_OBJ) return ferr(&f, "'properties' is missing or not an object");
    if (want(&f, p, "id", JV_STR, 1, &v)) return -1;
    e->id = dup(&f, v->s);
    f.id = e->id;
    if (want(&f, p, "title", JV_STR, 1, &v)) return -1;
    e->title = dup(&f, v->s);
    if (want(&f, p, "category", JV_STR, 1, &v)) return -1;
    cm_category cat;
    if (events_category_parse(v->s, &cat) != 0) {
        char ids[400];
        return ferr(&f, "'category': '%.30s' is not one of %s", v->s, categories_ids(ids, sizeof ids));
    }
    e->cat = (uint8_t)cat;
    if (want(&f, p, "summary", JV_STR, 0, &v)) return -1;
    e->summary = dup(&f, v ? v->s : "");
    if (want(&f, p, "place", JV_STR, 0, &v)) return -1;
    e->place = v ? dup(&f, v->s) : NULL;
    if (want(&f, p, "location_precision", JV_STR, 0, &v)) return -1;
    if (v && strcmp(v->s, "exact") != 0 && strcmp(v->s, "approximate") != 0 && strcmp(v->s, "region") != 0)
        return ferr(&f, "'location_precision': '%.30s' is not exact, approximate or region", v->s);
    e->approx = !v ? CM_LOC_EXACT : strcmp(v->s, "approximate") == 0 ? CM_LOC_APPROX
              : strcmp(v->s, "region") == 0 ? CM_LOC_REGION : CM_LOC_EXACT;
    if (want(&f, p, "location_note", JV_STR, 0, &v)) return -1;
    if (v && v->s[0]) { /* kept as an attribute: said beside the precision in the panel and --query */
        e->attr = events_alloc(c->store, sizeof *e->attr);
        if (!e->attr || !(e->attr[0].value = dup(&f, v->s))) return ferr(&f, "out of memory");
        e->attr[0].key = "location_note";
        e->nattr = 1;
    }
    if (want(&f, p, "offmap", JV_BOOL, 0, &v)) return -1;
    e->offmap = v && v->b;

    int has_start, has_end;
    if (get_date(&f, p, "start", 1, &e->start, &has_start) || get_date(&f, p, "end", 0, &e->end, &has_end)) return -1;
    if (week_precision(&f, p, "start_precision", "start", &e->start, has_start) ||
        week_precision(&f, p, "end_precision", "end", &e->end, has_end))
        return -1;
    if (strings(&f, p, e) || attributes(&f, p, e) || geometry(&f, jv_get(feat, "geometry"), e)) return -1;
    if (want(&f, p, "kind", JV_STR, 0, &v)) return -1;
    if (v && strcmp(v->s, "area") != 0 && strcmp(v->s, "point") != 0 && strcmp(v->s, "claim") != 0)
        return ferr(&f, "'kind': '%.30s' is not area, point or claim", v->s);
    if (v) e->claim = strcmp(v->s, "claim") == 0; /* an area demanded or claimed, not held */
    if (v) e->is_area = strcmp(v->s, "area") == 0 || e->claim;
    else if (!e->poly && !e->has_point) e->is_area = e->nregions > 0;
    if (e->is_area && !e->poly && e->nregions == 0)
        return ferr(&f, "%s needs a Polygon geometry or 'regions'", e->claim ? "a claim" : "an area");
    if (!e->is_area && e->poly) return ferr(&f, "kind 'point' but the geometry is a polygon");

    e->first = date_first(e->start);
    if (has_end) {
        if (date_last(e->end) < e->first) {
            char a[32], b[32];
            date_format_prec(e->start, a, sizeof a);
            date_format_prec(e->end, b, sizeof b);
            return ferr(&f, "'end' %s is before 'start' %s", b, a);
        }
        e->last = date_last(e->end);
    } else if (e->is_area) {
        e->end.day = CM_DAY_NEVER; /* an area with no end is still in force */
        e->last = CM_DAY_NEVER;
    } else {
        e->end = e->start;
        e->last = date_last(e->start);
    }
    return 0;
}

/* ---- the streaming part ---- */

static jv *top(ctx *c) { return c->sp ? c->stack[c->sp - 1] : NULL; }

static int add_value(ctx *c, jv *v)
{
    if (!v) return failf(c, "out of memory");
    jv *p = top(c);
    if (jv_add(p, c->key, c->keylen, v) != 0) { jv_free(v); return failf(c, "out of memory"); }
    free(c->key);
    c->key = NULL;
    return 1;
}

static int finish_feature(ctx *c, jv *feat)
{
    c->nfeature++;
    if (c->store->n >= CM_MAX_EVENTS) {
        jv_free(feat);
        return failf(c, "feature %d: more than %d events, the most one map holds", c->nfeature, CM_MAX_EVENTS);
    }
    cm_event e;
    int rc = feature_to_event(c, feat, &e);
    jv_free(feat);
    if (rc != 0) { events_event_free(&e); return 0; }
    int dup = ids_add(c, e.id);
    if (dup < 0) { events_event_free(&e); return failf(c, "out of memory"); }
    if (dup) {
        char id[64];
        snprintf(id, sizeof id, "%s", e.id);
        events_event_free(&e); /* its strings stay in the arena until the load is rolled back */
        return failf(c, "feature %d: id '%s' is used twice", c->nfeature, id);
    }
    if (events_push(c->store, &e) != 0) { events_event_free(&e); return failf(c, "out of memory"); }
    return 1;
}

static int on_scalar(ctx *c, jv *v)
{
    if (c->sp) return add_value(c, v);
    if (c->depth == 1 && strcmp(c->top_key, "type") == 0) {
        c->saw_type = 1;
        int ok = v && v->t == JV_STR && strcmp(v->s, "FeatureCollection") == 0;
        jv_free(v);
        return ok ? 1 : failf(c, "top-level 'type' must be \"FeatureCollection\"");
    }
    if (c->feats_depth && c->depth == c->feats_depth) {
        jv_free(v);
        c->nfeature++;
        return failf(c, "feature %d: is a value, expected a Feature object", c->nfeature);
    }
    jv_free(v);
    return 1;
}

static int cb_null(void *u) { return on_scalar(u, jv_new(JV_NULL)); }

static int cb_bool(void *u, int b)
{
    jv *v = jv_new(JV_BOOL);
    if (v) v->b = b;
    return on_scalar(u, v);
}

static int cb_number(void *u, const char *s, size_t len)
{
    char buf[64];
    if (len >= sizeof buf) return failf(u, "a number is too long");
    memcpy(buf, s, len);
    buf[len] = 0;
    jv *v = jv_new(JV_NUM);
    if (v) v->num = strtod(buf, NULL);
    return on_scalar(u, v);
}

static int cb_string(void *u, const unsigned char *s, size_t len)
{
    ctx *c = u;
    if (len > CM_GEOJSON_MAX_STRING)
        return failf(c, "a string of %zu bytes is longer than the %d accepted (feature %d)", len, CM_GEOJSON_MAX_STRING, c->nfeature + 1);
    if (!utf8_valid(s, len)) return failf(c, "feature %d: a string is not valid UTF-8", c->nfeature + 1);
    int wanted = c->sp || (c->depth == 1 && strcmp(c->top_key, "type") == 0) || (c->feats_depth && c->depth == c->feats_depth);
    if (!wanted) return 1; /* a member we do not read */
    jv *v = jv_new(JV_STR);
    if (v && !(v->s = malloc(len + 1))) { free(v); v = NULL; }
    if (v) {
        memcpy(v->s, s, len);
        v->s[len] = 0;
    }
    return on_scalar(c, v);
}

static int open_container(ctx *c, jv_type t)
{
    c->depth++;
    if (c->depth > CM_GEOJSON_MAX_DEPTH) return failf(c, "nesting deeper than %d levels", CM_GEOJSON_MAX_DEPTH);
    int start = c->sp || (c->feats_depth && c->depth == c->feats_depth + 1);
    if (t == JV_ARR && !c->sp && c->depth == 2 && strcmp(c->top_key, "features") == 0) {
        c->feats_depth = 2;
        c->saw_features = 1;
        return 1;
    }
    if (c->depth == 1 && t != JV_OBJ) return failf(c, "the top level must be a FeatureCollection object");
    if (!start) return 1;
    jv *v = jv_new(t);
    if (!v) return failf(c, "out of memory");
    if (c->sp && jv_add(top(c), c->key, c->keylen, v) != 0) { jv_free(v); return failf(c, "out of memory"); }
    free(c->key);
    c->key = NULL;
    c->stack[c->sp++] = v;
    return 1;
}

static int close_container(ctx *c)
{
    c->depth--;
    if (c->sp) {
        jv *v = c->stack[--c->sp];
        if (c->sp == 0) return finish_feature(c, v);
        return 1;
    }
    if (c->feats_depth && c->depth < c->feats_depth) c->feats_depth = 0;
    return 1;
}

static int cb_start_map(void *u) { return open_container(u, JV_OBJ); }
static int cb_start_array(void *u) { return open_container(u, JV_ARR); }
static int cb_end(void *u) { return close_container(u); }

static int cb_key(void *u, const unsigned char *k, size_t len)
{
    ctx *c = u;
    if (len > CM_GEOJSON_MAX_KEY)
        return failf(c, "a member name of %zu bytes is longer than the %d accepted (feature %d)", len, CM_GEOJSON_MAX_KEY,
                     c->nfeature + 1);
    if (c->sp) {
        free(c->key);
        c->key = malloc(len + 1);
        if (!c->key) return failf(c, "out of memory");
        memcpy(c->key, k, len);
        c->key[len] = 0;
        c->keylen = len;
    } else if (c->depth == 1) {
        size_t n = len < sizeof c->top_key - 1 ? len : sizeof c->top_key - 1;
        memcpy(c->top_key, k, n);
        c->top_key[n] = 0;
    }
    return 1;
}

/* ---- what yajl would buffer or decode wrongly, seen in the raw bytes first ----
 * yajl collects a whole string (or number) before it calls back, so a cap checked in the
 * callback comes after 100 MB have been buffered; and it decodes a high surrogate escape
 * followed by any \u escape as a pair (\ud800\u0041 became U+10041). This scanner runs over
 * each chunk before yajl does, keeping its state across chunks, and stops at the first byte
 * that breaks a rule. */
typedef struct {
    int st;             /* 0 outside a string, 1 inside, 2 after '\\', 3 in \uXXXX, 4 want '\\', 5 want 'u' */
    int hex, nhex;      /* the \u escape being read */
    int high;           /* a high surrogate waits for its low half */
    size_t len;         /* bytes of the current string, or characters of the current number */
    const char *why;    /* the rule broken */
} rawscan;

static int is_num_char(unsigned char ch) { return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' || ch == '.' || ch == 'e' || ch == 'E'; }

/* The offset of the first bad byte in b[0..n), or n when all is well. */
static size_t raw_scan(rawscan *r, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = b[i];
        switch (r->st) {
        case 0:
            if (ch == '"') { r->st = 1; r->len = 0; }
            else if (is_num_char(ch)) {
                if (++r->len > CM_GEOJSON_MAX_NUMBER) { r->why = "a number longer than the 64 characters accepted"; return i; }
                continue;
            }
            r->len = 0;
            break;
        case 1:
            if (++r->len > CM_GEOJSON_MAX_STRING) { r->why = "a string longer than the 1048576 bytes accepted"; return i; }
            if (ch == '\\') r->st = 2;
            else if (ch == '"') {
                if (r->high) { r->why = "a \\u escape of a high surrogate (D800-DBFF) with no low surrogate after it"; return i; }
                r->st = 0;
                r->len = 0;
            } else if (r->high) { r->why = "a \\u escape of a high surrogate (D800-DBFF) with no low surrogate after it"; return i; }
            break;
        case 2:
            r->len++;
            if (ch == 'u') { r->st = 3; r->hex = r->nhex = 0; }
            else if (r->high) { r->why = "a \\u escape of a high surrogate (D800-DBFF) with no low surrogate after it"; return i; }
            else r->st = 1;
            break;
        case 3: {
            r->len++;
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (d < 0) { r->st = 1; r->high = 0; break; } /* not hex: yajl's syntax error says so */
            r->hex = r->hex * 16 + d;
            if (++r->nhex < 4) break;
            r->st = 1;
            int low = r->hex >= 0xDC00 && r->hex <= 0xDFFF, high = r->hex >= 0xD800 && r->hex <= 0xDBFF;
            if (r->high && !low) { r->why = "a \\u escape of a high surrogate (D800-DBFF) followed by one that is not a low surrogate (DC00-DFFF)"; return i; }
            if (!r->high && low) { r->why = "a \\u escape of a low surrogate (DC00-DFFF) with no high surrogate before it"; return i; }
            r->high = high;
            break;
        }
        }
    }
    return n;
}

static const yajl_callbacks CALLBACKS = {
    cb_null, cb_bool, NULL, NULL, cb_number, cb_string, cb_start_map, cb_key, cb_end, cb_start_array, cb_end,
};

int geojson_load(const char *path, cm_events *store, char *err, size_t errlen)
{
    cm_file in;
    if (fileio_open(path, "a GeoJSON file", &in, err, errlen) != 0) return -1;
    FILE *fp = in.fp;
    if (in.size == 0) {
        fclose(fp);
        snprintf(err, errlen, "%s: %s", path, in.pipe ? "the pipe sent nothing" : "the file is empty");
        return -1;
    }

    int n0 = store->n;
    cm_arena_mark mark = arena_mark(&store->arena);
    ctx c = {.path = path, .store = store, .err = err, .errlen = errlen};
    yajl_handle h = yajl_alloc(&CALLBACKS, NULL, &c);
    yajl_config(h, yajl_dont_validate_strings, 0);
    static unsigned char buf[65536];
    long line = 1, col = 1;
    yajl_status stt = yajl_status_ok;
    size_t got;
    int first = 1;
    rawscan rs = {0};
    /* ids already in the store (earlier files): a duplicate across files is caught too */
    for (int i = 0; i < store->n && !c.failed; i++)
        if (ids_add(&c, store->ev[i].id) < 0) failf(&c, "out of memory");
    while (!c.failed && stt == yajl_status_ok && (got = fread(buf, 1, sizeof buf, fp)) > 0) {
        unsigned char *b = buf;
        if (first && got >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            b += 3; /* a UTF-8 byte order mark, as some editors write (RFC 8259 lets a reader skip it) */
            got -= 3;
        }
        first = 0;
        size_t ok = raw_scan(&rs, b, got); /* the bytes yajl may see; a rule broken at b[ok] */
        stt = ok ? yajl_parse(h, b, ok) : yajl_status_ok;
        size_t upto = stt == yajl_status_ok ? ok : yajl_get_bytes_consumed(h);
        for (size_t i = 0; i < upto && i < got; i++) {
            if (b[i] == '\n') { line++; col = 1; }
            else col++;
        }
        if (stt == yajl_status_ok && !c.failed && ok < got) {
            snprintf(err, errlen, "%s: line %ld, column %ld: %s (feature %d)", path, line, col, rs.why, c.nfeature + 1);
            c.failed = 1;
        }
    }
    if (!c.failed && stt == yajl_status_ok && ferror(fp)) { snprintf(err, errlen, "%s: read error", path); c.failed = 1; stt = yajl_status_error; }
    if (!c.failed && stt == yajl_status_ok) stt = yajl_complete_parse(h);
    fclose(fp);
    if (stt != yajl_status_ok && !c.failed) {
        unsigned char *m = yajl_get_error(h, 0, NULL, 0);
        char *msg = (char *)m;
        if (strncmp(msg, "parse error: ", 13) == 0) msg += 13;
        size_t ml = strlen(msg);
        while (ml && (msg[ml - 1] == '\n' || msg[ml - 1] == ' ')) msg[--ml] = 0;
        snprintf(err, errlen, "%s: line %ld, column %ld: JSON syntax error: %s", path, line, col, msg);
        utf8_clean(err);
        yajl_free_error(h, m);
        c.failed = 1;
    }
    if (!c.failed && (!c.saw_type || !c.saw_features))
        failf(&c, "not a GeoJSON FeatureCollection (needs \"type\": \"FeatureCollection\" and a \"features\" array)");
    for (int i = 0; i < c.sp; i++)
        if (i == 0) jv_free(c.stack[0]); /* children are owned by the root */
    free(c.key);
    free(c.ids);
    yajl_free(h);
    if (c.failed) {
        events_truncate(store, n0, mark);
        return -1;
    }
    return 0;
}
