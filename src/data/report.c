/* report: JSON for --list and --query; see report.h. */
#include "data/report.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_parse.h>

#include "data/query.h"
#include "base/utf8.h"

/* Every call to the generator goes through here: its status is kept, and the first failure
 * makes the whole document an error (a string it refused would otherwise simply be left
 * out, and the next value would take the place of a key). */
typedef struct {
    yajl_gen y;
    yajl_gen_status st; /* the first failure, or yajl_gen_status_ok */
} gen;

static void ck(gen *g, yajl_gen_status st)
{
    if (st != yajl_gen_status_ok && g->st == yajl_gen_status_ok) g->st = st;
}

static void str(gen *g, const char *s)
{
    if (!s) { ck(g, yajl_gen_null(g->y)); return; }
    size_t n = strlen(s);
    if (utf8_valid((const unsigned char *)s, n)) { ck(g, yajl_gen_string(g->y, (const unsigned char *)s, n)); return; }
    char *r = utf8_repair(s, n);
    if (r) ck(g, yajl_gen_string(g->y, (const unsigned char *)r, strlen(r)));
    else ck(g, yajl_gen_generation_complete); /* out of memory: fail the document */
    free(r);
}

static void key(gen *g, const char *k) { str(g, k); }

static void num(gen *g, double v)
{
    if (!isfinite(v)) { ck(g, yajl_gen_null(g->y)); return; } /* JSON has no NaN or infinity */
    /* round to what the data can mean, so output is stable and short; %.6f of a huge number
     * is hundreds of digits, so those are written in exponent form */
    char buf[64];
    int n = snprintf(buf, sizeof buf, fabs(v) < 1e15 ? "%.6f" : "%.17g", v);
    if (n <= 0 || (size_t)n >= sizeof buf) { ck(g, yajl_gen_null(g->y)); return; }
    if (strchr(buf, '.') && !strchr(buf, 'e')) {
        while (n > 1 && buf[n - 1] == '0') buf[--n] = 0;
        if (buf[n - 1] == '.') buf[--n] = 0;
    }
    if (strcmp(buf, "-0") == 0) { buf[0] = '0'; buf[1] = 0; n = 1; }
    ck(g, yajl_gen_number(g->y, buf, (size_t)n));
}

/* g->y is NULL when out of memory */
static void open_gen(gen *g)
{
    g->st = yajl_gen_status_ok;
    g->y = yajl_gen_alloc(NULL);
    if (!g->y) return;
    yajl_gen_config(g->y, yajl_gen_beautify, 1);
    yajl_gen_config(g->y, yajl_gen_indent_string, "  ");
    yajl_gen_config(g->y, yajl_gen_validate_utf8, 1);
}

/* The document, once the generator has said every call succeeded and it parses back as one
 * complete JSON value, written to f and flushed: a full disk or a closed pipe is an error
 * ("stdout: cannot write ..."), never a silent truncation. */
static int close_gen(gen *g, FILE *f, char *err, size_t errlen)
{
    if (!g->y) { snprintf(err, errlen, "out of memory"); return -1; }
    const unsigned char *buf = NULL;
    size_t len = 0;
    ck(g, yajl_gen_get_buf(g->y, &buf, &len));
    int rc = 0;
    if (g->st != yajl_gen_status_ok) {
        snprintf(err, errlen, "internal error: the JSON generator failed (status %d)", (int)g->st);
        rc = -1;
    } else {
        yajl_handle h = yajl_alloc(NULL, NULL, NULL);
        if (!h || yajl_parse(h, buf, len) != yajl_status_ok || yajl_complete_parse(h) != yajl_status_ok) {
            snprintf(err, errlen, "internal error: the JSON written is not well-formed");
            rc = -1;
        }
        if (h) yajl_free(h);
    }
    if (rc == 0) {
        errno = 0;
        if (fwrite(buf, 1, len, f) != len || fflush(f) != 0 || ferror(f)) {
            snprintf(err, errlen, "stdout: cannot write the answer (%s)", errno ? strerror(errno) : "write error");
            rc = -1;
        }
    }
    yajl_gen_free(g->y);
    return rc;
}

static const char *kind_name(cm_geom_kind k) { return k == CM_GEOM_POINT ? "point" : "polygon"; }

static int count_layer(const cm_event *e, int idx, void *u)
{
    (void)idx;
    ((int *)u)[catalog_event_layer(e->cat)]++;
    return 0;
}

static void day_json(gen *g, int32_t day)
{
    char b[16];
    date_format_iso(day, b, sizeof b);
    str(g, b);
}

/* the date or window the answer is for */
static void shown_json(gen *g, const cm_when *w)
{
    key(g, "shown");
    ck(g, yajl_gen_map_open(g->y));
    key(g, "from"); day_json(g, w->a);
    key(g, "to"); day_json(g, w->b);
    key(g, "window"); ck(g, yajl_gen_bool(g->y, w->window));
    key(g, "fade_days"); ck(g, yajl_gen_integer(g->y, w->fade));
    ck(g, yajl_gen_map_close(g->y));
}

int report_list(const cm_catalog *c, const cm_when *w, FILE *f, char *err, size_t errlen)
{
    const int *total = c->layer_total;
    int shown[CM_LAYER_COUNT] = {0};
    events_each_shown(&c->events, w, count_layer, shown);
    gen g[1];
    open_gen(g);
    if (!g->y) return close_gen(g, f, err, errlen);
    ck(g, yajl_gen_map_open(g->y));
    key(g, "crs");
    ck(g, yajl_gen_map_open(g->y));
    key(g, "definition"); str(g, c->map_crs);
    key(g, "name"); str(g, crs_target_name(c->ll2map));
    ck(g, yajl_gen_map_close(g->y));
    key(g, "layers");
    ck(g, yajl_gen_array_open(g->y));
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        const cm_layer *l = &c->layers[k];
        ck(g, yajl_gen_map_open(g->y));
        key(g, "id"); str(g, l->id);
        key(g, "visible"); ck(g, yajl_gen_bool(g->y, l->visible));
        if (l->file) {
            key(g, "file"); str(g, l->shp.path);
            key(g, "geometry"); str(g, kind_name(l->shp.kind));
            key(g, "features"); ck(g, yajl_gen_integer(g->y, l->shp.nfeatures));
            double b[4] = {1e300, 1e300, -1e300, -1e300};
            for (int i = 0; i < l->shp.nfeatures; i++) {
                const double *fb = l->shp.features[i].bbox_ll;
                if (fb[0] < b[0]) b[0] = fb[0];
                if (fb[1] < b[1]) b[1] = fb[1];
                if (fb[2] > b[2]) b[2] = fb[2];
                if (fb[3] > b[3]) b[3] = fb[3];
            }
            key(g, "bbox"); /* null for a layer with no shapes */
            if (b[0] <= b[2] && b[1] <= b[3]) {
                ck(g, yajl_gen_array_open(g->y));
                for (int i = 0; i < 4; i++) num(g, b[i]);
                ck(g, yajl_gen_array_close(g->y));
            } else {
                ck(g, yajl_gen_null(g->y));
            }
        } else if (k >= CM_LAYER_FIRST_EVENT) {
            key(g, "name"); str(g, l->name);
            key(g, "geometry"); str(g, "events");
            key(g, "events"); ck(g, yajl_gen_integer(g->y, total[k]));
            key(g, "shown"); ck(g, yajl_gen_integer(g->y, shown[k]));
        } else {
            key(g, "derived_from"); str(g, "governorates,cities");
        }
        ck(g, yajl_gen_map_close(g->y));
    }
    ck(g, yajl_gen_array_close(g->y));
    key(g, "events"); ck(g, yajl_gen_integer(g->y, c->events.n));
    key(g, "date_span");
    ck(g, yajl_gen_map_open(g->y));
    key(g, "from"); if (c->events.n) day_json(g, c->events.span_first); else ck(g, yajl_gen_null(g->y));
    key(g, "to"); if (c->events.n) day_json(g, c->events.span_last); else ck(g, yajl_gen_null(g->y));
    ck(g, yajl_gen_map_close(g->y));
    shown_json(g, w);
    ck(g, yajl_gen_map_close(g->y));
    return close_gen(g, f, err, errlen);
}

/* an attribute of the base data, when the file has it and it is not empty */
static void opt_attr(gen *g, const char *k, const cm_shapes *s, int i, const char *field)
{
    const char *v = shapes_attr(s, i, field);
    if (v && *v) { key(g, k); str(g, v); }
}

static void region(gen *g, const cm_shapes *s, int i)
{
    ck(g, yajl_gen_map_open(g->y));
    key(g, "iso"); str(g, shapes_attr(s, i, "ISO"));
    key(g, "name_en"); str(g, shapes_attr(s, i, "NAME_EN"));
    key(g, "name_ar"); str(g, shapes_attr(s, i, "NAME_AR"));
    /* what the area is, and what a reader must know about it (see geodata/README.md) */
    opt_attr(g, "type", s, i, "TYPE_EN");
    opt_attr(g, "status", s, i, "STATUS");
    opt_attr(g, "note", s, i, "NOTE");
    ck(g, yajl_gen_map_close(g->y));
}

static const char *PREC[] = {"day", "month", "year", "week"};

static void date_json(gen *g, cm_date d)
{
    char iso[16], text[48];
    date_format_prec(d, iso, sizeof iso);
    date_format(d, text, sizeof text);
    ck(g, yajl_gen_map_open(g->y));
    key(g, "date"); str(g, iso);
    key(g, "precision"); str(g, PREC[d.prec]);
    key(g, "text"); str(g, text);
    key(g, "first_day"); day_json(g, date_first(d));
    key(g, "last_day"); day_json(g, date_last(d));
    ck(g, yajl_gen_map_close(g->y));
}

static void maybe_day(gen *g, int32_t day)
{
    if (day == CM_DAY_NONE) ck(g, yajl_gen_null(g->y));
    else day_json(g, day);
}

void report_location_note(const cm_event *e, char *buf, size_t n)
{
    const char *extra = events_attr(e, "location_note");
    const char *base = e->approx == CM_LOC_REGION ? REPORT_REGION_NOTE : "";
    snprintf(buf, n, "%s%s%s", base, *base && extra ? " " : "", extra ? extra : "");
}


/* One event in full: everything a reader needs to judge it, sources included. */
static void event_json(gen *g, const cm_catalog *c, const cm_event *e, const char *match, double dist_m)
{
    ck(g, yajl_gen_map_open(g->y));
    key(g, "id"); str(g, e->id);
    key(g, "title"); str(g, e->title);
    key(g, "category"); str(g, events_category_id(e->cat));
    key(g, "layer"); str(g, c->layers[catalog_event_layer(e->cat)].id);
    key(g, "kind"); str(g, e->claim ? "claim" : e->is_area ? "area" : "point");
    key(g, "match"); str(g, match);
    if (dist_m >= 0) { key(g, "distance_m"); num(g, round(dist_m)); }
    key(g, "start"); date_json(g, e->start);
    key(g, "end");
    if (e->end.day == CM_DAY_NEVER) ck(g, yajl_gen_null(g->y));
    else date_json(g, e->end);
    key(g, "ongoing"); ck(g, yajl_gen_bool(g->y, e->end.day == CM_DAY_NEVER));
    key(g, "place"); str(g, e->place);
    key(g, "location_precision"); str(g, e->approx == CM_LOC_REGION ? "region" : e->approx ? "approximate" : "exact");
    if (e->approx == CM_LOC_REGION || events_attr(e, "location_note")) {
        char note[1024];
        report_location_note(e, note, sizeof note);
        key(g, "location_note"); str(g, note);
    }
    if (e->claim) { key(g, "claim_note"); str(g, REPORT_CLAIM_NOTE); }
    key(g, "offmap"); ck(g, yajl_gen_bool(g->y, e->offmap));
    if (e->has_point) {
        key(g, "lon"); num(g, e->lon);
        key(g, "lat"); num(g, e->lat);
    }
    key(g, "regions");
    ck(g, yajl_gen_array_open(g->y));
    for (int i = 0; i < e->nregions; i++) str(g, e->regions[i]);
    ck(g, yajl_gen_array_close(g->y));
    key(g, "summary"); str(g, e->summary);
    key(g, "figures");
    ck(g, yajl_gen_array_open(g->y));
    for (int i = 0; i < e->nfig; i++) {
        ck(g, yajl_gen_map_open(g->y));
        key(g, "value"); str(g, e->fig[i].value);
        key(g, "reporter"); str(g, e->fig[i].reporter);
        key(g, "date"); maybe_day(g, e->fig[i].day);
        ck(g, yajl_gen_map_close(g->y));
    }
    ck(g, yajl_gen_array_close(g->y));
    key(g, "sources");
    ck(g, yajl_gen_array_open(g->y));
    for (int i = 0; i < e->nsrc; i++) {
        const cm_source *sr = &e->src[i];
        ck(g, yajl_gen_map_open(g->y));
        key(g, "outlet"); str(g, sr->outlet);
        key(g, "title"); str(g, sr->title);
        key(g, "url"); str(g, sr->url);
        key(g, "date"); maybe_day(g, sr->day);
        if (sr->note) { key(g, "note"); str(g, sr->note); }
        ck(g, yajl_gen_map_close(g->y));
    }
    ck(g, yajl_gen_array_close(g->y));
    ck(g, yajl_gen_map_close(g->y));
}

int report_query(const cm_catalog *c, double lon, double lat, const cm_when *w, double radius_m, FILE *f, char *err,
                 size_t errlen)
{
    double x, y;
    if (catalog_project(c, lon, lat, &x, &y) != 0) x = y = 1e300;
    const cm_shapes *gov = &c->layers[CM_LAYER_GOVERNORATES].shp;
    const cm_shapes *nbr = &c->layers[CM_LAYER_COUNTRIES].shp;
    int gi = query_region_at(c, x, y);
    int ni = gi >= 0 ? -1 : geom_find_feature(nbr, x, y);

    gen g[1];
    open_gen(g);
    if (!g->y) return close_gen(g, f, err, errlen);
    ck(g, yajl_gen_map_open(g->y));
    key(g, "lon"); num(g, lon);
    key(g, "lat"); num(g, lat);
    key(g, "region");
    if (gi >= 0) region(g, gov, gi);
    else ck(g, yajl_gen_null(g->y));
    key(g, "country");
    if (gi >= 0 && c->profile.country) { /* the country the regions make up (geodata/profile.ini) */
        ck(g, yajl_gen_map_open(g->y));
        key(g, "name"); str(g, c->profile.country);
        key(g, "iso_a3"); str(g, c->profile.country_iso_a3 ? c->profile.country_iso_a3 : "");
        ck(g, yajl_gen_map_close(g->y));
    } else if (ni >= 0) {
        ck(g, yajl_gen_map_open(g->y));
        key(g, "name"); str(g, shapes_attr(nbr, ni, "NAME"));
        key(g, "iso_a3"); str(g, shapes_attr(nbr, ni, "ISO_A3"));
        ck(g, yajl_gen_map_close(g->y));
    } else {
        ck(g, yajl_gen_null(g->y));
    }
    shown_json(g, w);
    key(g, "radius_m"); num(g, round(radius_m));
    int *idx = NULL;
    int n = query_at(c, x, y, w, radius_m, &idx); /* the window's click asks the same */
    key(g, "areas");
    ck(g, yajl_gen_array_open(g->y));
    for (int i = 0; i < n; i++)
        if (c->events.ev[idx[i]].is_area) event_json(g, c, &c->events.ev[idx[i]], "inside", -1);
    ck(g, yajl_gen_array_close(g->y));
    key(g, "events");
    ck(g, yajl_gen_array_open(g->y));
    for (int i = 0; i < n; i++) {
        const cm_event *e = &c->events.ev[idx[i]];
        if (!e->is_area) event_json(g, c, e, "near", hypot(e->x - x, e->y - y));
    }
    ck(g, yajl_gen_array_close(g->y));
    free(idx);
    /* areas in the features this one lists beside it (ALSO_ISO), as a click here lists them */
    if (gi >= 0 && shapes_attr(gov, gi, "ALSO_ISO") && *shapes_attr(gov, gi, "ALSO_ISO")) {
        key(g, "beside");
        ck(g, yajl_gen_array_open(g->y));
        for (int k = 0; k < c->events.nareas; k++) {
            const cm_event *e = &c->events.ev[c->events.areas[k]];
            if (c->layers[catalog_event_layer(e->cat)].visible && events_weight(e, w) > 0 && query_region_also(c, gi, e))
                event_json(g, c, e, "beside", -1);
        }
        ck(g, yajl_gen_array_close(g->y));
    }
    ck(g, yajl_gen_map_close(g->y));
    return close_gen(g, f, err, errlen);
}
