/* catalog: base layers from geodata/, projected and prepared once; see catalog.h. */
#include "data/catalog.h"

#include "data/acled.h"
#include "data/acledjson.h"
#include "data/aliases.h"
#include "data/cache.h"
#include "data/csvread.h"
#include "base/fileio.h"
#include "data/geojson.h"
#include "data/ucdp.h"
#include "geo/meshcache.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

cm_layer_id catalog_event_layer(cm_category cat)
{
    const cm_category_def *d = categories_category((int)cat);
    return d ? d->layer : CM_LAYER_STATEMENTS;
}

int catalog_layer_by_id(const char *id) { return categories_layer_by_id(id); }

static int project_layer(cm_layer *l, const char *map_crs, char *err, size_t errlen)
{
    char why[256];
    if (l->shp.prj && crs_check(l->shp.prj, why, sizeof why) != 0) { /* name the .prj, the file that is wrong */
        size_t n = strlen(l->shp.path);
        snprintf(err, errlen, "%.*s.prj: %s", (int)(n > 4 ? n - 4 : n), l->shp.path, why);
        return -1;
    }
    cm_crs *t = crs_create(l->shp.prj ? l->shp.prj : CM_CRS_WGS84, map_crs, why, sizeof why);
    if (!t) {
        snprintf(err, errlen, "%s: %s", l->shp.path, why);
        return -1;
    }
    size_t bad = crs_forward(t, &l->shp.pts[0].x, &l->shp.pts[0].y, 2, (size_t)l->shp.npts);
    crs_destroy(t);
    if (bad) {
        snprintf(err, errlen, "%s: %zu points cannot be projected to %s", l->shp.path, bad, map_crs);
        return -1;
    }
    shapes_update_bbox(&l->shp);
    return 0;
}

/* the layer's label arrays, its meshes (polygons) and edge index; a point layer's labels */
static int alloc_layer(cm_layer *l, char *err, size_t errlen)
{
    int n = l->shp.nfeatures;
    l->label = calloc(n ? n : 1, sizeof *l->label);
    l->label_r = calloc(n ? n : 1, sizeof *l->label_r);
    if (!l->label || !l->label_r) { snprintf(err, errlen, "%s: out of memory", l->shp.path); return -1; }
    if (l->shp.kind == CM_GEOM_POINT) {
        for (int i = 0; i < n; i++)
            if (l->shp.features[i].nrings) l->label[i] = l->shp.pts[l->shp.ring_off[l->shp.features[i].ring0]];
        return 0;
    }
    l->mesh = calloc(n ? n : 1, sizeof *l->mesh);
    if (!l->mesh || geom_index(&l->shp) != 0) { snprintf(err, errlen, "%s: out of memory", l->shp.path); return -1; }
    return 0;
}

/* a polygon layer's triangles and label points (GEOS: what geo/meshcache keeps) */
static int prepare_layer(cm_layer *l, const double *clip, char *err, size_t errlen)
{
    int n = l->shp.nfeatures;
    for (int i = 0; i < n; i++) {
        char why[256];
        if (geom_triangulate(&l->shp, i, &l->mesh[i], why, sizeof why) != 0) {
            snprintf(err, errlen, "%s: %s", l->shp.path, why);
            return -1;
        }
        geom_label_point(&l->shp, i, clip, &l->label[i], &l->label_r[i]);
    }
    return 0;
}

int catalog_load(cm_catalog *c, const char *dir, const char *map_crs, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: geodata directory not found (give one with --geodata DIR)", dir);
        return -1;
    }
    if (profile_load(dir, &c->profile, err, errlen) != 0) return -1;
    char who[4200] = "--crs"; /* where the CRS was given: the option or the profile */
    if (!map_crs) {
        map_crs = c->profile.crs;
        snprintf(who, sizeof who, "%s: crs", c->profile.path ? c->profile.path : CM_PROFILE_FILE);
    }
    char why[256];
    if (crs_check(map_crs, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s '%.80s': %s", who, map_crs, why);
        goto bad;
    }
    c->map_crs = strdup(map_crs);
    c->ll2map = crs_create(CM_CRS_WGS84, map_crs, why, sizeof why);
    if (!c->ll2map) { snprintf(err, errlen, "%s '%.80s': %s", who, map_crs, why); goto bad; }
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        cm_layer *l = &c->layers[k];
        const cm_layer_def *d = categories_layer(k);
        l->id = d->id;
        l->file = d->file;
        l->name = d->title;
        l->visible = 1;
        if (!l->file) continue;
        size_t n = strlen(dir) + strlen(l->file) + 2;
        char *base = malloc(n);
        if (!base) { snprintf(err, errlen, "out of memory"); goto bad; }
        snprintf(base, n, "%s/%s", dir, l->file);
        int rc = shapes_load(base, &l->shp, err, errlen);
        free(base);
        if (rc != 0 || project_layer(l, map_crs, err, errlen) != 0) goto bad;
    }
    const cm_shapes *g = &c->layers[CM_LAYER_GOVERNORATES].shp;
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer *l = &c->layers[k];
        cm_geom_kind want = k == CM_LAYER_CITIES ? CM_GEOM_POINT : CM_GEOM_POLYGON;
        if (l->file && l->shp.kind != want) {
            snprintf(err, errlen, "%s: holds %s, but the %s layer needs %s", l->shp.path,
                     l->shp.kind == CM_GEOM_POINT ? "points" : "polygons", l->id, want == CM_GEOM_POINT ? "points" : "polygons");
            goto bad;
        }
    }
    if (!shapes_attr(g, 0, "ISO") || !shapes_attr(g, 0, "NAME_EN")) {
        snprintf(err, errlen, "%s: no ISO or NAME_EN field (expected ISO, NAME_EN, NAME_AR)", g->path);
        goto bad;
    }
    if (profile_check_regions(&c->profile, g, err, errlen) != 0) goto bad;
    {
        size_t n = strlen(dir) + 16;
        char *ap = malloc(n);
        if (!ap) { snprintf(err, errlen, "out of memory"); goto bad; }
        snprintf(ap, n, "%s/aliases.tsv", dir);
        char real[PATH_MAX];
        struct stat ast;
        if (realpath(ap, real) && stat(real, &ast) == 0)
            snprintf(c->places_id, sizeof c->places_id, "%.1000s %lld %lld.%09ld", real, (long long)ast.st_size,
                     (long long)ast.st_mtim.tv_sec, ast.st_mtim.tv_nsec);
        int rc = aliases_load(ap, g, &c->aliases, err, errlen);
        free(ap);
        if (rc != 0) goto bad;
    }
    c->home[0] = c->home[1] = HUGE_VAL;
    c->home[2] = c->home[3] = -HUGE_VAL;
    for (int i = 0; i < g->nfeatures; i++) {
        const double *b = g->features[i].bbox;
        c->home[0] = fmin(c->home[0], b[0]);
        c->home[1] = fmin(c->home[1], b[1]);
        c->home[2] = fmax(c->home[2], b[2]);
        c->home[3] = fmax(c->home[3], b[3]);
    }
    if (!(c->home[0] <= c->home[2]) || !(c->home[1] <= c->home[3])) { /* all NULL shapes: no view to fit */
        snprintf(err, errlen, "%s: none of its %d features has a shape (all are empty or NULL)", g->path, g->nfeatures);
        goto bad;
    }
    /* countries are labelled by the part of them near the map's country, not at their far-off middle */
    double dx = (c->home[2] - c->home[0]) * 0.15, dy = (c->home[3] - c->home[1]) * 0.08;
    double near[4] = {c->home[0] - dx, c->home[1] - dy, c->home[2] + dx, c->home[3] + dy};
    double sliver = (c->home[2] - c->home[0]) * (c->home[3] - c->home[1]) * 1e-5;
    cm_meshcache_layer ml[CM_LAYER_COUNT]; /* the polygon layers: their GEOS output from the cache when it holds it */
    int nml = 0, mk[CM_LAYER_COUNT];
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        cm_layer *l = &c->layers[k];
        if (!l->file) continue;
        if (alloc_layer(l, err, errlen) != 0) goto bad;
        if (!l->mesh) continue;
        mk[nml] = k;
        ml[nml++] = (cm_meshcache_layer){&l->shp, k == CM_LAYER_COUNTRIES ? near : NULL, l->mesh, l->label, l->label_r};
    }
    if (!meshcache_load(map_crs, sliver, ml, nml, &c->outline)) {
        for (int i = 0; i < nml; i++)
            if (prepare_layer(&c->layers[mk[i]], ml[i].clip, err, errlen) != 0) goto bad;
        if (geom_union_outline(g, sliver, &c->outline) != 0) {
            snprintf(err, errlen, "%s: the governorates cannot be merged into one outline", g->path);
            goto bad;
        }
        meshcache_save(map_crs, sliver, ml, nml, &c->outline);
    }
    return 0;
bad:
    catalog_free(c);
    return -1;
}

int catalog_set_visible(cm_catalog *c, const char *list, char *err, size_t errlen)
{
    int all = strcmp(list, "all") == 0;
    for (int k = 0; k < CM_LAYER_COUNT; k++) c->layers[k].visible = all;
    if (all) return 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        int found = 0;
        for (int k = 0; k < CM_LAYER_COUNT; k++)
            if (strlen(c->layers[k].id) == n && strncmp(c->layers[k].id, p, n) == 0) c->layers[k].visible = found = 1;
        if (!found && n) {
            char known[400];
            snprintf(err, errlen, "--layers: unknown layer '%.*s' (known: %s, all)", (int)n, p,
                     categories_layer_ids(known, sizeof known, 0, CM_LAYER_COUNT));
            return -1;
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

int catalog_project(const cm_catalog *c, double lon, double lat, double *x, double *y)
{
    *x = lon; *y = lat;
    return crs_forward(c->ll2map, x, y, 1, 1) ? -1 : 0;
}

int catalog_unproject(const cm_catalog *c, double x, double y, double *lon, double *lat)
{
    *lon = x; *lat = y;
    return crs_inverse(c->ll2map, lon, lat, 1, 1) ? -1 : 0;
}

void catalog_free(cm_catalog *c)
{
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        cm_layer *l = &c->layers[k];
        if (l->mesh)
            for (int i = 0; i < l->shp.nfeatures; i++) geom_mesh_free(&l->mesh[i]);
        free(l->mesh);
        free(l->label);
        free(l->label_r);
        shapes_free(&l->shp);
    }
    geom_rings_free(&c->outline);
    profile_free(&c->profile);
    events_free(&c->events);
    import_free(&c->import);
    aliases_free(c->aliases);
    crs_destroy(c->ll2map);
    free(c->map_crs);
    free(c->pending);
    free(c->pending_kinds);
    memset(c, 0, sizeof *c);
}

/* 1 when code (ISO 3166-2, "XX-YYY") has the country part of a region code of gov, or has none:
 * a code of this map's country that is not one of its regions is an error; a code of another
 * country (the built-in events on another country's map) is only not on this map. */
static int same_country(const cm_shapes *gov, const char *code)
{
    const char *dash = strchr(code, '-');
    if (!dash) return 1;
    size_t n = (size_t)(dash - code) + 1;
    for (int i = 0; i < gov->nfeatures; i++) {
        const char *iso = shapes_attr(gov, i, "ISO");
        if (iso && strncmp(iso, code, n) == 0) return 1;
    }
    return 0;
}

static int prepare_event(cm_catalog *c, cm_event *e, char *err, size_t errlen)
{
    const cm_shapes *gov = &c->layers[CM_LAYER_GOVERNORATES].shp;
    if (e->nregions) {
        e->region_idx = malloc(sizeof(int) * e->nregions);
        if (!e->region_idx) { snprintf(err, errlen, "out of memory"); return -1; }
        int kept = 0;
        for (int i = 0; i < e->nregions; i++) {
            int k = shapes_find(gov, "ISO", e->regions[i]);
            if (k < 0 && same_country(gov, e->regions[i])) {
                snprintf(err, errlen, "event '%s': region '%s' is not a governorate code of %s", e->id, e->regions[i], gov->path);
                return -1;
            }
            if (k < 0) continue; /* a region of another country's map: not on this one */
            e->regions[kept] = e->regions[i];
            e->region_idx[kept++] = k;
        }
        e->nregions = (uint16_t)kept;
        if (!kept && !e->poly) e->is_area = 0; /* nowhere on this map: an event without a place here */
    }
    if (e->has_point && e->x == HUGE_VALF) {
        snprintf(err, errlen, "event '%s': its point (%g, %g) cannot be projected to %s", e->id, e->lon, e->lat, c->map_crs);
        return -1;
    }
    if (e->poly) {
        if (crs_forward(c->ll2map, &e->poly->pts[0].x, &e->poly->pts[0].y, 2, (size_t)e->poly->npts)) {
            snprintf(err, errlen, "event '%s': its polygon cannot be projected to %s", e->id, c->map_crs);
            return -1;
        }
        shapes_update_bbox(e->poly);
        char why[256];
        e->mesh = calloc(1, sizeof *e->mesh);
        if (!e->mesh || geom_triangulate(e->poly, 0, e->mesh, why, sizeof why) != 0) {
            snprintf(err, errlen, "event '%s': %s", e->id, why);
            return -1;
        }
        if (!e->has_point) {
            double r;
            cm_xy lp;
            geom_label_point(e->poly, 0, NULL, &lp, &r);
            e->x = (float)lp.x;
            e->y = (float)lp.y;
        }
    } else if (!e->has_point && e->nregions) {
        /* an area given by regions is anchored at its first region's label point */
        e->x = (float)c->layers[CM_LAYER_GOVERNORATES].label[e->region_idx[0]].x;
        e->y = (float)c->layers[CM_LAYER_GOVERNORATES].label[e->region_idx[0]].y;
    }
    return 0;
}

/* The format of an events file: ACLED API JSON or GeoJSON when it starts with '{' or '[' (told
 * apart by content), else a CSV told by its header; a workbook is named as one. */
static int load_any(cm_catalog *c, const char *path, char *err, size_t errlen)
{
    cm_file in; /* opened without blocking: a FIFO or device is refused, a pipe read once (fileio.h) */
    if (fileio_open(path, "an events file", &in, err, errlen) != 0) return -1;
    int first;
    do first = fgetc(in.fp);
    while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xEF || first == 0xBB || first == 0xBF);
    fclose(in.fp);
    int records = first == '{' || first == '[' ? acledjson_sniff(path) : 0;
    if (records == 'A') return acled_load_json(path, &c->events, &c->import, err, errlen);
    if (records == 'U') return ucdp_load_json(path, &c->events, &c->import, err, errlen);
    if (first == '{' || first == '[' || first == EOF) return geojson_load(path, &c->events, err, errlen); /* JSON */
    char **names = NULL;
    int n = csv_header(path, &names, err, errlen);
    if (n < 0) return -1;
    int acled = acled_is_header(names, n), ucdp = !acled && ucdp_is_header(names, n), dated = 0;
    int headerless = !acled && !ucdp && ucdp_is_headerless(names, n);
    for (int i = 0; i < n; i++) dated |= strcmp(names[i], "event_date") == 0;
    csv_header_free(names, n);
    if (!acled && !ucdp && dated) {
        snprintf(err, errlen, "%s: an ACLED-like file (event_date) without an event_type column: each event needs its "
                 "type, which picks the layer it is drawn in; export the file with event_type", path);
        return -1;
    }
    if (acled) return acled_load_with(path, &c->events, &c->import, err, errlen);
    if (ucdp) return ucdp_load_with(path, &c->events, &c->import, err, errlen);
    if (headerless) return ucdp_load_headerless(path, &c->events, &c->import, err, errlen);
    snprintf(err, errlen, "%s: not GeoJSON, and a CSV header that is neither ACLED's (event_date, event_type) nor UCDP GED's (id, date_start, type_of_violence, latitude, longitude)", path);
    return -1;
}

/* Imported events with no coordinates but an admin1 that names a governorate (in any spelling
 * of the aliases file) are placed on that governorate, as a region. */
static int place_on_regions(cm_catalog *c, int n0, char *err, size_t errlen)
{
    const cm_shapes *gov = &c->layers[CM_LAYER_GOVERNORATES].shp;
    for (int i = n0; i < c->events.n; i++) {
        cm_event *e = &c->events.ev[i];
        if (e->has_point || e->poly || e->nregions || !e->nattr) continue;
        const char *adm = events_attr(e, "admin1");
        if (!adm) continue;
        const char *iso = aliases_find(c->aliases, gov, adm);
        if (!iso) continue;
        e->regions = events_alloc(&c->events, sizeof *e->regions);
        if (!e->regions) { snprintf(err, errlen, "out of memory"); return -1; }
        e->regions[0] = events_strdup(&c->events, iso);
        if (!e->regions[0]) { snprintf(err, errlen, "out of memory"); return -1; }
        e->nregions = 1;
        e->approx = CM_LOC_REGION; /* it marks the region named, not where in it */
        e->is_area = 1;
    }
    return 0;
}

/* Tells the importer the ids of the files opened from the cache (it is told lazily: only a
 * later file that may repeat them needs them). 0, or -1 when out of memory. */
static int flush_pending(cm_catalog *c)
{
    for (int i = 0; i < c->npending; i++) {
        const struct cm_cache_pending *p = &c->pending[i];
        size_t n = p->ev || p->n <= (size_t)c->events.n ? p->n : (size_t)c->events.n;
        if (import_add_known(&c->import, p->ev ? p->ev : c->events.ev, p->kinds, n) != 0) return -1;
    }
    free(c->pending);
    free(c->pending_kinds);
    c->pending_kinds = NULL;
    c->pending = NULL;
    c->npending = 0;
    return 0;
}

/* Opens path's events from its cache: 1 when they are in the store, 0 when there is no usable
 * cache (or an earlier file shares an id with it, which changes what a load gives), -1 with a
 * message. */
static int from_cache(cm_catalog *c, const char *path, const cm_cache_opts *co, char *err, size_t errlen)
{
    cm_cache_view v;
    cm_events *ev = &c->events;
    if (!cache_open(path, co, &v)) return 0;
    if (v.n > (size_t)(CM_MAX_EVENTS - ev->n)) { cache_close(&v); return 0; }
    if (c->import.nkeys || c->npending) {
        if (flush_pending(c) != 0) goto oom;
        for (size_t i = 0; i < v.n; i++)
            if (v.kinds[i] && import_known(&c->import, (char)v.kinds[i], v.ev[i].id)) { cache_close(&v); return 0; }
    }
    struct cm_cache_pending *p = realloc(c->pending, sizeof *p * (size_t)(c->npending + 1));
    if (!p) goto oom;
    c->pending = p;
    int n0 = ev->n;
    if (n0 == 0 && !ev->nmaps) { /* the first events: used where they are in the mapping, not copied */
        if (events_keep_map(ev, v.map, v.len, 0) != 0) goto oom;
        events_use_mapped(ev, v.ev, (int)v.n, &v.pre);
    } else {
        if (events_reserve(ev, (int)v.n) != 0 || events_keep_map(ev, v.map, v.len, n0) != 0) goto oom;
        if (v.n) memcpy(ev->ev + n0, v.ev, sizeof *v.ev * v.n);
        ev->n += (int)v.n;
    }
    c->pending[c->npending++] = (struct cm_cache_pending){v.ev, v.kinds, v.n};
    import_restore(&c->import, v.summary);
    return 1;
oom:
    cache_close(&v);
    snprintf(err, errlen, "%s: out of memory", path);
    return -1;
}

/* Per event of the file just read (all: of every file), the kind its id was recorded under by
 * the importer (0 none); NULL when out of memory. */
static uint8_t *file_kinds(const cm_import *im, const cm_event *ev, size_t n, int all)
{
    uint8_t *k = calloc(n ? n : 1, 1);
    if (!k || (!all && !im->last_ok) || !im->nkeys) return k;
    size_t mine = 0, cap = 16;
    for (size_t i = 0; i < im->capkeys; i++) mine += im->keys[i].id && (all || im->keys[i].gen == im->gen);
    while (cap < 2 * mine) cap *= 2;
    const char **tab = calloc(cap, sizeof *tab);
    uint8_t *tk = calloc(cap, 1);
    if (!tab || !tk) { free(tab); free(tk); free(k); return NULL; }
#define SLOT(p) ((((uintptr_t)(p) >> 3) * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1))
    for (size_t i = 0; i < im->capkeys; i++) {
        if (!im->keys[i].id || (!all && im->keys[i].gen != im->gen)) continue;
        size_t j = SLOT(im->keys[i].id);
        while (tab[j]) j = (j + 1) & (cap - 1);
        tab[j] = im->keys[i].id;
        tk[j] = im->keys[i].kind;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = SLOT(ev[i].id); tab[j]; j = (j + 1) & (cap - 1))
            if (tab[j] == ev[i].id) { k[i] = tk[j]; break; }
#undef SLOT
    free(tab);
    free(tk);
    return k;
}

/* Reads a file (or opens it from its cache), then projects its points in one batch (PROJ is
 * much faster that way) and prepares its areas; any failure names the file and leaves
 * nothing of it behind. */
int catalog_add_events(cm_catalog *c, const char *path, char *err, size_t errlen)
{
    cm_events *ev = &c->events;
    int n0 = ev->n;
    cm_arena_mark mark = arena_mark(&ev->arena);
    if (!ev->arena.head && !ev->nmaps) { /* an emptied store: ids and strings kept for it are gone */
        import_reset(&c->import);
        free(c->pending);
        free(c->pending_kinds);
        c->pending = NULL;
        c->pending_kinds = NULL;
        c->npending = 0;
    }
    c->import.last_ok = 0; /* set again if an importer reads the file */
    cm_cache_opts co = {c->map_crs, c->import.o.strict, (int)c->import.o.order, c->places_id};
    int cached = c->use_cache && !c->import.o.keep_rejects && cache_wanted(path);
    cm_cache_txn txn = {0};
    int rc = cached ? from_cache(c, path, &co, err, errlen) : 0;
    if (rc < 0) return -1;
    if (rc == 0) {
        if (c->npending && flush_pending(c) != 0) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        c->import.nmerged_other = 0;
        rc = load_any(c, path, err, errlen);
        fileio_forget(); /* the copy of a pipe, if the file was one */
        if (rc != 0) return -1;
        size_t m = (size_t)(ev->n - n0);
        double *xy = malloc(sizeof(double) * 2 * (m ? m : 1));
        if (!xy) {
            snprintf(err, errlen, "%s: out of memory", path);
            import_undo(&c->import);
            events_truncate(ev, n0, mark);
            return -1;
        }
        for (size_t i = 0; i < m; i++) {
            xy[2 * i] = ev->ev[n0 + i].lon;
            xy[2 * i + 1] = ev->ev[n0 + i].lat;
        }
        if (m) crs_forward(c->ll2map, &xy[0], &xy[1], 2, m);
        for (size_t i = 0; i < m; i++) {
            cm_event *e = &ev->ev[n0 + i];
            e->x = xy[2 * i] == HUGE_VAL ? HUGE_VALF : (float)xy[2 * i];
            e->y = xy[2 * i] == HUGE_VAL ? HUGE_VALF : (float)xy[2 * i + 1];
        }
        free(xy);
        /* cached as read and projected: what follows depends on the geodata, and is done again */
        if (cached && c->import.nmerged_other == 0) {
            uint8_t *kinds = file_kinds(&c->import, ev->ev + n0, m, 0);
            if (kinds) cache_write(path, &co, ev->ev + n0, m, kinds, import_last_summary(&c->import), &txn);
            free(kinds);
        }
    }
    char why[512];
    int bad = place_on_regions(c, n0, why, sizeof why);
    for (int i = n0; i < ev->n && !bad; i++) bad = prepare_event(c, &ev->ev[i], why, sizeof why);
    if (bad) {
        snprintf(err, errlen, "%s: %s", path, why);
        if (rc == 1) c->npending--; /* opened from the cache: its ids were not told yet */
        import_undo(&c->import);
        events_truncate(ev, n0, mark);
        cache_commit(&txn, 0);
        return -1;
    }
    cache_commit(&txn, 1);
    return 0;
}

/* Loading is over: the importer's table of ids (16 bytes a slot, two slots an id) gives way to
 * a byte per event, the kind its id is known by; a later file that may repeat ids has the table
 * made again from them (flush_pending), as for files opened from the cache. Kept as it is when
 * memory is short (nothing is lost). */
static void shrink_ids(cm_catalog *c)
{
    cm_events *ev = &c->events;
    if (!c->import.nkeys || (c->npending && flush_pending(c) != 0)) return;
    uint8_t *k = file_kinds(&c->import, ev->ev, (size_t)ev->n, 1);
    struct cm_cache_pending *p = k ? malloc(sizeof *p) : NULL;
    if (!p) { free(k); return; }
    *p = (struct cm_cache_pending){NULL, k, (size_t)ev->n}; /* the store's own, not a pointer that moves */
    c->pending = p;
    c->npending = 1;
    c->pending_kinds = k;
    import_forget_ids(&c->import);
}

int catalog_finish_events(cm_catalog *c, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    events_index(&c->events);
    import_loaded(&c->import);
    shrink_ids(c);
    memset(c->layer_total, 0, sizeof c->layer_total);
    for (int k = 0; k < 256; k++) /* counted by events_index, in the pass it makes anyway */
        if (c->events.ncat[k]) c->layer_total[catalog_event_layer((cm_category)k)] += c->events.ncat[k];
    return 0;
}
