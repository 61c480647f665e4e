/* report: JSON for --list and --query; see report.h. */
#include "data/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

static void str(yajl_gen g, const char *s)
{
    if (s) yajl_gen_string(g, (const unsigned char *)s, strlen(s));
    else yajl_gen_null(g);
}

static void key(yajl_gen g, const char *k) { str(g, k); }

static void num(yajl_gen g, double v)
{
    /* round to what the data can mean, so output is stable and short */
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%.6f", v);
    while (n > 1 && buf[n - 1] == '0') buf[--n] = 0;
    if (buf[n - 1] == '.') buf[--n] = 0;
    yajl_gen_number(g, buf, (size_t)n);
}

static yajl_gen open_gen(void)
{
    yajl_gen g = yajl_gen_alloc(NULL);
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "  ");
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    return g;
}

static int close_gen(yajl_gen g, FILE *f)
{
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    int ok = fwrite(buf, 1, len, f) == len;
    yajl_gen_free(g);
    return ok ? 0 : -1;
}

static const char *kind_name(cm_geom_kind k) { return k == CM_GEOM_POINT ? "point" : "polygon"; }

static int count_layer(const cm_event *e, int idx, void *u)
{
    (void)idx;
    ((int *)u)[catalog_event_layer(e->cat)]++;
    return 0;
}

static void day_json(yajl_gen g, int32_t day)
{
    char b[16];
    date_format_iso(day, b, sizeof b);
    str(g, b);
}

/* the date or window the answer is for */
static void shown_json(yajl_gen g, const cm_when *w)
{
    key(g, "shown");
    yajl_gen_map_open(g);
    key(g, "from"); day_json(g, w->a);
    key(g, "to"); day_json(g, w->b);
    key(g, "window"); yajl_gen_bool(g, w->window);
    key(g, "fade_days"); yajl_gen_integer(g, w->fade);
    yajl_gen_map_close(g);
}

int report_list(const cm_catalog *c, const cm_when *w, FILE *f)
{
    const int *total = c->layer_total;
    int shown[CM_LAYER_COUNT] = {0};
    events_each_shown(&c->events, w, count_layer, shown);
    yajl_gen g = open_gen();
    yajl_gen_map_open(g);
    key(g, "crs");
    yajl_gen_map_open(g);
    key(g, "definition"); str(g, c->map_crs);
    key(g, "name"); str(g, crs_target_name(c->ll2map));
    yajl_gen_map_close(g);
    key(g, "layers");
    yajl_gen_array_open(g);
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer *l = &c->layers[k];
        yajl_gen_map_open(g);
        key(g, "id"); str(g, l->id);
        key(g, "visible"); yajl_gen_bool(g, l->visible);
        if (l->file) {
            key(g, "file"); str(g, l->shp.path);
            key(g, "geometry"); str(g, kind_name(l->shp.kind));
            key(g, "features"); yajl_gen_integer(g, l->shp.nfeatures);
            double b[4] = {1e300, 1e300, -1e300, -1e300};
            for (int i = 0; i < l->shp.nfeatures; i++) {
                const double *fb = l->shp.features[i].bbox_ll;
                if (fb[0] < b[0]) b[0] = fb[0];
                if (fb[1] < b[1]) b[1] = fb[1];
                if (fb[2] > b[2]) b[2] = fb[2];
                if (fb[3] > b[3]) b[3] = fb[3];
            }
            key(g, "bbox");
            yajl_gen_array_open(g);
            for (int i = 0; i < 4; i++) num(g, b[i]);
            yajl_gen_array_close(g);
        } else if (k >= CM_LAYER_FIRST_EVENT) {
            key(g, "name"); str(g, l->name);
            key(g, "geometry"); str(g, "events");
            key(g, "events"); yajl_gen_integer(g, total[k]);
            key(g, "shown"); yajl_gen_integer(g, shown[k]);
        } else {
            key(g, "derived_from"); str(g, "governorates,cities");
        }
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    key(g, "events"); yajl_gen_integer(g, c->events.n);
    key(g, "date_span");
    yajl_gen_map_open(g);
    key(g, "from"); if (c->events.n) day_json(g, c->events.span_first); else yajl_gen_null(g);
    key(g, "to"); if (c->events.n) day_json(g, c->events.span_last); else yajl_gen_null(g);
    yajl_gen_map_close(g);
    shown_json(g, w);
    yajl_gen_map_close(g);
    return close_gen(g, f);
}

/* an attribute of the base data, when the file has it and it is not empty */
static void opt_attr(yajl_gen g, const char *k, const cm_shapes *s, int i, const char *field)
{
    const char *v = shapes_attr(s, i, field);
    if (v && *v) { key(g, k); str(g, v); }
}

static void region(yajl_gen g, const cm_shapes *s, int i)
{
    yajl_gen_map_open(g);
    key(g, "iso"); str(g, shapes_attr(s, i, "ISO"));
    key(g, "name_en"); str(g, shapes_attr(s, i, "NAME_EN"));
    key(g, "name_ar"); str(g, shapes_attr(s, i, "NAME_AR"));
    /* what the area is, and what a reader must know about it (see geodata/README.md) */
    opt_attr(g, "type", s, i, "TYPE_EN");
    opt_attr(g, "status", s, i, "STATUS");
    opt_attr(g, "note", s, i, "NOTE");
    yajl_gen_map_close(g);
}

static const char *PREC[] = {"day", "month", "year", "week"};

static void date_json(yajl_gen g, cm_date d)
{
    char iso[16], text[48];
    date_format_prec(d, iso, sizeof iso);
    date_format(d, text, sizeof text);
    yajl_gen_map_open(g);
    key(g, "date"); str(g, iso);
    key(g, "precision"); str(g, PREC[d.prec]);
    key(g, "text"); str(g, text);
    key(g, "first_day"); day_json(g, date_first(d));
    key(g, "last_day"); day_json(g, date_last(d));
    yajl_gen_map_close(g);
}

static void maybe_day(yajl_gen g, int32_t day)
{
    if (day == CM_DAY_NONE) yajl_gen_null(g);
    else day_json(g, day);
}

void report_location_note(const cm_event *e, char *buf, size_t n)
{
    const char *extra = events_attr(e, "location_note");
    const char *base = e->approx == CM_LOC_REGION ? REPORT_REGION_NOTE : "";
    snprintf(buf, n, "%s%s%s", base, *base && extra ? " " : "", extra ? extra : "");
}

int report_region_also(const cm_catalog *c, int gov, const cm_event *e)
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

/* One event in full: everything a reader needs to judge it, sources included. */
static void event_json(yajl_gen g, const cm_catalog *c, const cm_event *e, const char *match, double dist_m)
{
    yajl_gen_map_open(g);
    key(g, "id"); str(g, e->id);
    key(g, "title"); str(g, e->title);
    key(g, "category"); str(g, events_category_id(e->cat));
    key(g, "layer"); str(g, c->layers[catalog_event_layer(e->cat)].id);
    key(g, "kind"); str(g, e->claim ? "claim" : e->is_area ? "area" : "point");
    key(g, "match"); str(g, match);
    if (dist_m >= 0) { key(g, "distance_m"); num(g, round(dist_m)); }
    key(g, "start"); date_json(g, e->start);
    key(g, "end");
    if (e->end.day == CM_DAY_NEVER) yajl_gen_null(g);
    else date_json(g, e->end);
    key(g, "ongoing"); yajl_gen_bool(g, e->end.day == CM_DAY_NEVER);
    key(g, "place"); str(g, e->place);
    key(g, "location_precision"); str(g, e->approx == CM_LOC_REGION ? "region" : e->approx ? "approximate" : "exact");
    if (e->approx == CM_LOC_REGION || events_attr(e, "location_note")) {
        char note[1024];
        report_location_note(e, note, sizeof note);
        key(g, "location_note"); str(g, note);
    }
    if (e->claim) { key(g, "claim_note"); str(g, REPORT_CLAIM_NOTE); }
    key(g, "offmap"); yajl_gen_bool(g, e->offmap);
    if (e->has_point) {
        key(g, "lon"); num(g, e->lon);
        key(g, "lat"); num(g, e->lat);
    }
    key(g, "regions");
    yajl_gen_array_open(g);
    for (int i = 0; i < e->nregions; i++) str(g, e->regions[i]);
    yajl_gen_array_close(g);
    key(g, "summary"); str(g, e->summary);
    key(g, "figures");
    yajl_gen_array_open(g);
    for (int i = 0; i < e->nfig; i++) {
        yajl_gen_map_open(g);
        key(g, "value"); str(g, e->fig[i].value);
        key(g, "reporter"); str(g, e->fig[i].reporter);
        key(g, "date"); maybe_day(g, e->fig[i].day);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    key(g, "sources");
    yajl_gen_array_open(g);
    for (int i = 0; i < e->nsrc; i++) {
        const cm_source *sr = &e->src[i];
        yajl_gen_map_open(g);
        key(g, "outlet"); str(g, sr->outlet);
        key(g, "title"); str(g, sr->title);
        key(g, "url"); str(g, sr->url);
        key(g, "date"); maybe_day(g, sr->day);
        if (sr->note) { key(g, "note"); str(g, sr->note); }
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_map_close(g);
}

typedef struct {
    const cm_catalog *c;
    double x, y, r;
    int *idx, n, cap;
} at_ctx;

static int area_contains(const cm_catalog *c, const cm_event *e, double x, double y)
{
    if (e->poly) return geom_feature_contains(e->poly, 0, x, y);
    for (int i = 0; i < e->nregions; i++)
        if (geom_feature_contains(&c->layers[CM_LAYER_GOVERNORATES].shp, e->region_idx[i], x, y)) return 1;
    return 0;
}

static int push_idx(at_ctx *a, int idx)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        int *ni = realloc(a->idx, sizeof(int) * a->cap);
        if (!ni) return 1;
        a->idx = ni;
    }
    a->idx[a->n++] = idx;
    return 0;
}

static const cm_when *AT_WHEN;

/* a point from the grid: near enough, shown at the date, its layer on */
static int point_near(int idx, void *u)
{
    at_ctx *a = u;
    const cm_event *e = &a->c->events.ev[idx];
    if (!a->c->layers[catalog_event_layer(e->cat)].visible || events_weight(e, AT_WHEN) <= 0) return 0;
    if (hypot(e->x - a->x, e->y - a->y) > a->r) return 0;
    return push_idx(a, idx);
}

static const cm_events *sort_store;

static int areas_then_newest(const void *pa, const void *pb)
{
    const cm_event *a = &sort_store->ev[*(const int *)pa], *b = &sort_store->ev[*(const int *)pb];
    if (a->is_area != b->is_area) return a->is_area ? -1 : 1;
    if (a->first != b->first) return a->first > b->first ? -1 : 1;
    return strcmp(a->id, b->id);
}

int report_events_at(const cm_catalog *c, double x, double y, const cm_when *w, double radius_m, int **out)
{
    at_ctx a = {c, x, y, radius_m, NULL, 0, 0};
    /* areas are few: test each; points through the grid, so this costs the same at a million */
    for (int k = 0; k < c->events.nareas; k++) {
        int idx = c->events.areas[k];
        const cm_event *e = &c->events.ev[idx];
        if (c->layers[catalog_event_layer(e->cat)].visible && events_weight(e, w) > 0 && area_contains(c, e, x, y))
            if (push_idx(&a, idx)) break;
    }
    AT_WHEN = w;
    grid_query(&c->events.grid, x, y, radius_m, point_near, &a);
    sort_store = &c->events;
    if (a.n) qsort(a.idx, a.n, sizeof(int), areas_then_newest);
    *out = a.idx;
    return a.n;
}

int report_query(const cm_catalog *c, double lon, double lat, const cm_when *w, double radius_m, FILE *f)
{
    double x, y;
    if (catalog_project(c, lon, lat, &x, &y) != 0) x = y = 1e300;
    const cm_shapes *gov = &c->layers[CM_LAYER_GOVERNORATES].shp;
    const cm_shapes *nbr = &c->layers[CM_LAYER_COUNTRIES].shp;
    int gi = geom_find_feature(gov, x, y);
    int ni = gi >= 0 ? -1 : geom_find_feature(nbr, x, y);

    yajl_gen g = open_gen();
    yajl_gen_map_open(g);
    key(g, "lon"); num(g, lon);
    key(g, "lat"); num(g, lat);
    key(g, "region");
    if (gi >= 0) region(g, gov, gi);
    else yajl_gen_null(g);
    key(g, "country");
    if (gi >= 0) {
        yajl_gen_map_open(g);
        key(g, "name"); str(g, "Syria");
        key(g, "iso_a3"); str(g, "SYR");
        yajl_gen_map_close(g);
    } else if (ni >= 0) {
        yajl_gen_map_open(g);
        key(g, "name"); str(g, shapes_attr(nbr, ni, "NAME"));
        key(g, "iso_a3"); str(g, shapes_attr(nbr, ni, "ISO_A3"));
        yajl_gen_map_close(g);
    } else {
        yajl_gen_null(g);
    }
    shown_json(g, w);
    key(g, "radius_m"); num(g, round(radius_m));
    int *idx = NULL;
    int n = report_events_at(c, x, y, w, radius_m, &idx);
    key(g, "areas");
    yajl_gen_array_open(g);
    for (int i = 0; i < n; i++)
        if (c->events.ev[idx[i]].is_area) event_json(g, c, &c->events.ev[idx[i]], "inside", -1);
    yajl_gen_array_close(g);
    key(g, "events");
    yajl_gen_array_open(g);
    for (int i = 0; i < n; i++) {
        const cm_event *e = &c->events.ev[idx[i]];
        if (!e->is_area) event_json(g, c, e, "near", hypot(e->x - x, e->y - y));
    }
    yajl_gen_array_close(g);
    free(idx);
    /* areas in the features this one lists beside it (ALSO_ISO), as a click here lists them */
    if (gi >= 0 && shapes_attr(gov, gi, "ALSO_ISO") && *shapes_attr(gov, gi, "ALSO_ISO")) {
        key(g, "beside");
        yajl_gen_array_open(g);
        for (int k = 0; k < c->events.nareas; k++) {
            const cm_event *e = &c->events.ev[c->events.areas[k]];
            if (c->layers[catalog_event_layer(e->cat)].visible && events_weight(e, w) > 0 && report_region_also(c, gi, e))
                event_json(g, c, e, "beside", -1);
        }
        yajl_gen_array_close(g);
    }
    yajl_gen_map_close(g);
    return close_gen(g, f);
}
