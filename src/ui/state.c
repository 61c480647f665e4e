/* state: UI state and actions; see state.h. */
#include "ui/state.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "data/aliases.h"
#include "data/query.h"
#include "base/utf8.h"

static const int SPEED_DAYS[CM_UI_SPEEDS] = {1, 7, 30};
static const char *SPEED_NAMES[CM_UI_SPEEDS] = {"1 day/s", "1 week/s", "1 month/s"};

int ui_speed_days(int speed) { return SPEED_DAYS[speed % CM_UI_SPEEDS]; }
const char *ui_speed_name(int speed) { return SPEED_NAMES[speed % CM_UI_SPEEDS]; }

/* ---- the log ---- */

static yajl_gen log_open(const cm_ui *u, const char *kind)
{
    if (!u->log) return NULL;
    yajl_gen g = yajl_gen_alloc(NULL);
    yajl_gen_config(g, yajl_gen_validate_utf8, 1);
    yajl_gen_map_open(g);
    yajl_gen_string(g, (const unsigned char *)"event", 5);
    yajl_gen_string(g, (const unsigned char *)kind, strlen(kind));
    return g;
}

static void put(yajl_gen g, const char *k, const char *v)
{
    yajl_gen_string(g, (const unsigned char *)k, strlen(k));
    if (v) yajl_gen_string(g, (const unsigned char *)v, strlen(v));
    else yajl_gen_null(g);
}

static void put_day(yajl_gen g, const char *k, int32_t day)
{
    char b[16];
    date_format_iso(day, b, sizeof b);
    put(g, k, b);
}

static void log_close(const cm_ui *u, yajl_gen g)
{
    if (!g) return;
    yajl_gen_map_close(g);
    const unsigned char *buf;
    size_t len;
    yajl_gen_get_buf(g, &buf, &len);
    fwrite(buf, 1, len, u->log);
    fputc('\n', u->log);
    fflush(u->log);
    yajl_gen_free(g);
}

void ui_log(const cm_ui *u, const char *kind, const char *fields)
{
    if (!u->log) return;
    /* the same compact form yajl writes for the other lines */
    if (fields && *fields) fprintf(u->log, "{\"event\":\"%s\",%s}\n", kind, fields);
    else fprintf(u->log, "{\"event\":\"%s\"}\n", kind);
    fflush(u->log);
}

static void log_date(const cm_ui *u)
{
    yajl_gen g = log_open(u, "date");
    if (!g) return;
    put_day(g, "from", u->when.a);
    put_day(g, "to", u->when.b);
    yajl_gen_string(g, (const unsigned char *)"window", 6);
    yajl_gen_bool(g, u->when.window);
    log_close(u, g);
}

static void log_selection(const cm_ui *u)
{
    yajl_gen g = log_open(u, "select");
    if (!g) return;
    const cm_events *ev = &u->cat->events;
    const cm_shapes *gov = &u->cat->layers[CM_LAYER_GOVERNORATES].shp;
    put(g, "kind", u->sel.kind == CM_REF_REGION ? "region" : u->sel.kind == CM_REF_EVENT ? "event" : u->picking ? "choice" : "none");
    if (u->sel.kind == CM_REF_REGION) {
        put(g, "id", shapes_attr(gov, u->sel.idx, "ISO"));
        put(g, "name", shapes_attr(gov, u->sel.idx, "NAME_EN"));
        put(g, "name_ar", shapes_attr(gov, u->sel.idx, "NAME_AR"));
    } else if (u->sel.kind == CM_REF_EVENT) {
        put(g, "id", ev->ev[u->sel.idx].id);
        put(g, "name", ev->ev[u->sel.idx].title);
    }
    int n = u->sel.kind != CM_REF_EVENT ? u->nlist : 0;
    yajl_gen_string(g, (const unsigned char *)"count", 5);
    yajl_gen_integer(g, n);
    yajl_gen_string(g, (const unsigned char *)"items", 5);
    yajl_gen_array_open(g);
    if (u->sel.kind != CM_REF_EVENT)
        for (int i = 0; i < u->nlist && i < CM_UI_LOG_ITEMS; i++) {
            yajl_gen_map_open(g);
            put(g, "id", ev->ev[u->list[i]].id);
            put(g, "title", ev->ev[u->list[i]].title);
            yajl_gen_map_close(g);
        }
    yajl_gen_array_close(g);
    log_close(u, g);
}

/* ---- setup ---- */

void ui_init(cm_ui *u, cm_catalog *cat, const cm_when *w, FILE *log)
{
    int *list = u->list, cap = u->list_cap;
    memset(u, 0, sizeof *u);
    u->legend_folded = -1; /* not chosen: the legend folds itself on a small map */
    u->list = list;
    u->list_cap = cap;
    u->cat = cat;
    u->when = *w;
    u->range_mode = w->window;
    u->speed = 1;
    u->log = log;
    u->sel.kind = u->hover.kind = CM_REF_NONE;
    int32_t a = cat->events.n ? cat->events.span_first : w->a, b = cat->events.n ? cat->events.span_last : w->b;
    if (w->a < a) a = w->a;
    if (w->b > b) b = w->b;
    int y, m, d;
    date_to_civil(a, &y, &m, &d);
    u->span_a = date_from_civil(y, m, 1);
    date_to_civil(b, &y, &m, &d);
    u->span_b = date_from_civil(y, m, date_days_in_month(y, m));
}

void ui_free(cm_ui *u)
{
    free(u->list);
    u->list = NULL;
    u->nlist = u->list_cap = 0;
}

/* appends to the list, growing it; 0, or -1 when out of memory */
static int list_push(cm_ui *u, int idx)
{
    if (u->nlist == u->list_cap) {
        int cap = u->list_cap ? u->list_cap * 2 : 256;
        int *nl = realloc(u->list, sizeof *nl * (size_t)cap);
        if (!nl) return -1;
        u->list = nl;
        u->list_cap = cap;
    }
    u->list[u->nlist++] = idx;
    return 0;
}

/* ---- what is where ---- */

int ui_areas_at(const cm_ui *u, double x, double y, int *areas, int max, int *region)
{
    *region = -1;
    const cm_layer *gov = &u->cat->layers[CM_LAYER_GOVERNORATES];
    if (gov->visible) *region = query_region_at(u->cat, x, y);
    int *idx = NULL;
    int n = query_at(u->cat, x, y, &u->when, 0, &idx), k = 0; /* as --query: data/query */
    for (int i = 0; i < n && k < max; i++)
        if (u->cat->events.ev[idx[i]].is_area) areas[k++] = idx[i];
    free(idx);
    return k;
}

/* ---- selection ---- */

/* replaces the list with a query's answer (taken over: freed here) */
static void list_set(cm_ui *u, int *idx, int n)
{
    u->nlist = 0;
    for (int i = 0; i < n; i++)
        if (list_push(u, idx[i]) != 0) break;
    free(idx);
}

void ui_list_region(cm_ui *u, int gov)
{
    int *idx = NULL;
    int n = query_region(u->cat, gov, &u->when, &idx);
    list_set(u, idx, n);
}

void ui_select_event(cm_ui *u, int idx)
{
    u->sel = (cm_ref){CM_REF_EVENT, idx};
    u->picking = 0;
    u->scroll = 0;
    log_selection(u);
}

void ui_select_region(cm_ui *u, int gov)
{
    u->sel = (cm_ref){CM_REF_REGION, gov};
    u->picking = 0;
    u->scroll = 0;
    ui_list_region(u, gov);
    log_selection(u);
}

void ui_clear_selection(cm_ui *u)
{
    int had = u->sel.kind != CM_REF_NONE || u->picking;
    u->sel = (cm_ref){CM_REF_NONE, -1};
    u->picking = 0;
    u->nlist = 0;
    u->scroll = 0;
    if (had) log_selection(u);
}

void ui_click_map(cm_ui *u, double x, double y, const int *points, int npoints)
{
    if (npoints == 1) { ui_select_event(u, points[0]); return; }
    int areas[CM_UI_MAX_PICKS], region;
    int na = ui_areas_at(u, x, y, areas, CM_UI_MAX_PICKS, &region);
    if (npoints > 1) {
        /* several markers under the click: list them (and the areas there) to choose from */
        u->sel = (cm_ref){CM_REF_NONE, -1};
        u->picking = 1;
        u->scroll = 0;
        u->nlist = 0;
        for (int i = 0; i < npoints; i++) list_push(u, points[i]);
        for (int i = 0; i < na; i++) list_push(u, areas[i]);
        log_selection(u);
        return;
    }
    if (region >= 0) { ui_select_region(u, region); return; }
    if (na == 1) { ui_select_event(u, areas[0]); return; } /* an area drawn outside the governorates */
    ui_clear_selection(u);
}

void ui_set_hover(cm_ui *u, cm_ref r) { u->hover = r; }

void ui_list_unplaced(cm_ui *u)
{
    u->sel = (cm_ref){CM_REF_NONE, -1};
    u->picking = 1;
    u->scroll = 0;
    int *idx = NULL;
    int n = query_unplaced(u->cat, &u->when, &idx);
    list_set(u, idx, n);
    if (!u->nlist) u->picking = 0;
    log_selection(u);
}

/* ---- layers and time ---- */

void ui_toggle_layer(cm_ui *u, int layer)
{
    if (layer < 0 || layer >= CM_LAYER_COUNT) return;
    cm_layer *l = &u->cat->layers[layer];
    l->visible = !l->visible;
    if (u->sel.kind == CM_REF_REGION) ui_list_region(u, u->sel.idx);
    if (u->picking) ui_clear_selection(u);
    if (u->sel.kind == CM_REF_EVENT && !u->cat->layers[catalog_event_layer(u->cat->events.ev[u->sel.idx].cat)].visible)
        ui_clear_selection(u);
    yajl_gen g = log_open(u, "layer");
    if (!g) return;
    put(g, "id", l->id);
    yajl_gen_string(g, (const unsigned char *)"visible", 7);
    yajl_gen_bool(g, l->visible);
    log_close(u, g);
}

static int32_t clamp_day(const cm_ui *u, int32_t d)
{
    return d < u->span_a ? u->span_a : d > u->span_b ? u->span_b : d;
}

static void date_changed(cm_ui *u)
{
    if (u->sel.kind == CM_REF_REGION) ui_list_region(u, u->sel.idx);
    if (u->picking) ui_clear_selection(u); /* what was under the click may not be shown any more */
    log_date(u);
}

static int32_t stepped(int32_t day, cm_step unit, int n)
{
    if (unit == CM_STEP_MONTH) return date_add_months(day, n);
    return day + n * (unit == CM_STEP_WEEK ? 7 : 1);
}

void ui_step(cm_ui *u, cm_step unit, int n)
{
    int32_t a = u->when.a, b = u->when.b;
    if (u->range_mode) {
        int32_t len = b - a;
        a = clamp_day(u, stepped(a, unit, n));
        b = a + len;
        if (b > u->span_b) { b = u->span_b; a = b - len; }
    } else {
        a = b = clamp_day(u, stepped(a, unit, n));
    }
    if (a == u->when.a && b == u->when.b) return;
    u->when.a = a;
    u->when.b = b;
    date_changed(u);
}

void ui_set_day(cm_ui *u, int32_t day, int which)
{
    day = clamp_day(u, day);
    cm_when w = u->when;
    if (!u->range_mode) w.a = w.b = day;
    else if (which == 0) w.a = day < w.b ? day : w.b;
    else w.b = day > w.a ? day : w.a;
    if (w.a == u->when.a && w.b == u->when.b) return;
    u->when = w;
    date_changed(u);
}

void ui_set_range_mode(cm_ui *u, int on)
{
    if (on == u->range_mode) return;
    u->range_mode = on;
    u->when.window = on;
    if (on) {
        /* open a window of a month ending at the current day */
        u->when.b = u->when.a;
        u->when.a = clamp_day(u, date_add_months(u->when.b, -1) + 1);
        if (u->when.a == u->when.b) u->when.b = clamp_day(u, date_add_months(u->when.a, 1) - 1); /* at the axis start */
    } else {
        u->when.a = u->when.b;
    }
    date_changed(u);
}

void ui_play(cm_ui *u, int on)
{
    if (on == u->playing) return;
    u->playing = on;
    u->play_carry = 0;
    /* playing from the end starts again from the beginning */
    if (on && u->when.b >= u->span_b) {
        int32_t len = u->when.b - u->when.a;
        u->when.a = u->span_a;
        u->when.b = u->span_a + (u->range_mode ? len : 0);
        date_changed(u);
    }
    yajl_gen g = log_open(u, "play");
    if (!g) return;
    yajl_gen_string(g, (const unsigned char *)"playing", 7);
    yajl_gen_bool(g, on);
    put(g, "speed", ui_speed_name(u->speed));
    log_close(u, g);
}

void ui_cycle_speed(cm_ui *u)
{
    u->speed = (u->speed + 1) % CM_UI_SPEEDS;
    yajl_gen g = log_open(u, "speed");
    if (!g) return;
    put(g, "speed", ui_speed_name(u->speed));
    log_close(u, g);
}

/* The first day after `after` on which an event of a visible layer begins, or INT32_MAX. */
static int32_t next_event_day(const cm_ui *u, int32_t after)
{
    const cm_events *ev = &u->cat->events;
    int lo = 0, hi = ev->n; /* the store is sorted by first day */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (ev->ev[mid].first <= after) lo = mid + 1;
        else hi = mid;
    }
    for (int i = lo; i < ev->n; i++)
        if (u->cat->layers[catalog_event_layer(ev->ev[i].cat)].visible) return ev->ev[i].first;
    return INT32_MAX;
}

int ui_tick(cm_ui *u, double ms)
{
    if (!u->playing) return 0;
    u->play_carry += ms / 1000.0 * ui_speed_days(u->speed);
    int days = (int)floor(u->play_carry);
    if (days <= 0) return 0;
    u->play_carry -= days;
    int32_t len = u->when.b - u->when.a;
    int32_t b = u->when.b + days;
    /* never step over a day on which something begins: stop there for a frame and catch up
     * after (the days not taken stay in the carry, at most a second's worth) */
    int32_t next = next_event_day(u, u->when.b);
    if (next < b) {
        u->play_carry = fmin(u->play_carry + (b - next), ui_speed_days(u->speed));
        b = next;
    }
    if (b >= u->span_b) b = u->span_b;
    if (b == u->when.b) { ui_play(u, 0); return 0; }
    u->when.b = b;
    u->when.a = u->range_mode ? b - len : b;
    date_changed(u);
    if (b >= u->span_b) ui_play(u, 0);
    return 1;
}

/* ---- help, search, toast ---- */

void ui_help(cm_ui *u, int on)
{
    if (u->help == on) return;
    u->help = on;
    yajl_gen g = log_open(u, "help");
    if (!g) return;
    yajl_gen_string(g, (const unsigned char *)"open", 4);
    yajl_gen_bool(g, on);
    log_close(u, g);
}

void ui_heat(cm_ui *u, int on)
{
    if (u->heat == on) return;
    u->heat = on;
    yajl_gen g = log_open(u, "heat");
    if (!g) return;
    yajl_gen_string(g, (const unsigned char *)"on", 2);
    yajl_gen_bool(g, on);
    log_close(u, g);
}

void ui_legend_fold(cm_ui *u, int on)
{
    if (u->legend_folded == on) return;
    u->legend_folded = on;
    yajl_gen g = log_open(u, "legend_fold");
    if (!g) return;
    yajl_gen_string(g, (const unsigned char *)"on", 2);
    yajl_gen_bool(g, on);
    log_close(u, g);
}

void ui_search_open(cm_ui *u, int on)
{
    u->search_open = on;
    if (on) ui_search_set(u, "");
}

/* case-insensitive substring for ASCII; exact bytes otherwise (Arabic has no case) */
static int contains(const char *hay, const char *needle)
{
    if (!hay || !*needle) return 0;
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i])) i++;
        if (i == n) return 1;
    }
    return 0;
}

static void add_result(cm_ui *u, cm_ref r, const char *label)
{
    if (u->nresults >= CM_UI_MAX_RESULTS) return;
    cm_result *res = &u->results[u->nresults++];
    res->ref = r;
    snprintf(res->label, sizeof res->label, "%s", label);
}

void ui_search_set(cm_ui *u, const char *text)
{
    /* keep whole UTF-8 characters when the text is longer than the box holds */
    size_t n = strlen(text);
    if (n >= sizeof u->query) {
        n = sizeof u->query - 1;
        n = utf8_cut(text, n);
    }
    memcpy(u->query, text, n);
    u->query[n] = 0;
    u->nresults = 0;
    u->result_sel = 0;
    if (!*u->query) return;
    const cm_shapes *gov = &u->cat->layers[CM_LAYER_GOVERNORATES].shp;
    char label[200];
    for (int i = 0; i < gov->nfeatures; i++)
        if (contains(shapes_attr(gov, i, "NAME_EN"), u->query) || contains(shapes_attr(gov, i, "NAME_AR"), u->query) ||
            contains(shapes_attr(gov, i, "NAME_1"), u->query) || aliases_region_matches(u->cat->aliases, gov, i, u->query)) {
            /* what the area is, from the data: a buffer zone or an occupied area is no governorate */
            const char *type = shapes_attr(gov, i, "TYPE_EN");
            char what[64];
            snprintf(what, sizeof what, "%s", type && *type ? type : u->cat->profile.region_kind);
            what[0] = (char)tolower((unsigned char)what[0]);
            snprintf(label, sizeof label, "%s (%s)", shapes_attr(gov, i, "NAME_EN"), what);
            add_result(u, (cm_ref){CM_REF_REGION, i}, label);
        }
    /* towns, by their names and other spellings: a result that flies there */
    const cm_shapes *towns = &u->cat->layers[CM_LAYER_CITIES].shp;
    for (int i = 0; i < towns->nfeatures; i++) {
        const char *name = shapes_attr(towns, i, "NAME");
        if (!towns->features[i].nrings || !aliases_town_matches(u->cat->aliases, name, shapes_attr(towns, i, "NAME_AR"), u->query))
            continue;
        snprintf(label, sizeof label, "%s (town)", name);
        add_result(u, (cm_ref){CM_REF_TOWN, i}, label);
    }
    const cm_events *ev = &u->cat->events;
    /* newest events first */
    for (int i = ev->n - 1; i >= 0; i--) {
        const cm_event *e = &ev->ev[i];
        if (!e->hidden && (contains(e->title, u->query) || contains(e->place, u->query) || contains(e->id, u->query))) {
            char d[40];
            date_format(e->start, d, sizeof d);
            snprintf(label, sizeof label, "%s \xC2\xB7 %s", e->title, d);
            add_result(u, (cm_ref){CM_REF_EVENT, i}, label);
        }
    }
}

void ui_search_pick(cm_ui *u, int i)
{
    if (i < 0 || i >= u->nresults) return;
    cm_ref r = u->results[i].ref;
    yajl_gen g = log_open(u, "search");
    if (g) {
        put(g, "query", u->query);
        put(g, "picked", u->results[i].label);
        log_close(u, g);
    }
    u->search_open = 0;
    if (r.kind == CM_REF_REGION) {
        ui_select_region(u, r.idx);
        return;
    }
    if (r.kind == CM_REF_TOWN) return; /* the caller flies there */
    const cm_event *e = &u->cat->events.ev[r.idx];
    /* an event not on the map at this date: go to its date, and show its layer */
    if (!u->cat->layers[catalog_event_layer(e->cat)].visible) ui_toggle_layer(u, catalog_event_layer(e->cat));
    if (events_weight(e, &u->when) <= 0) {
        if (u->range_mode) ui_set_range_mode(u, 0);
        ui_set_day(u, e->first, 0);
    }
    ui_select_event(u, r.idx);
}

void ui_toast(cm_ui *u, uint32_t now_ms, const char *kind, const char *msg)
{
    snprintf(u->toast, sizeof u->toast, "%s", msg);
    u->toast_until = now_ms + 4000;
    yajl_gen g = log_open(u, kind);
    if (!g) return;
    put(g, "message", msg);
    log_close(u, g);
}

/* ---- places ---- */

int ui_ref_place(const cm_ui *u, cm_ref r, double *x, double *y, double bbox[4])
{
    memset(bbox, 0, sizeof(double) * 4);
    const cm_layer *gov = &u->cat->layers[CM_LAYER_GOVERNORATES];
    if (r.kind == CM_REF_REGION) {
        *x = gov->label[r.idx].x;
        *y = gov->label[r.idx].y;
        memcpy(bbox, gov->shp.features[r.idx].bbox, sizeof(double) * 4);
        return 0;
    }
    if (r.kind == CM_REF_TOWN) {
        const cm_shapes *t = &u->cat->layers[CM_LAYER_CITIES].shp;
        if (r.idx < 0 || r.idx >= t->nfeatures || !t->features[r.idx].nrings) return -1;
        *x = t->features[r.idx].bbox[0];
        *y = t->features[r.idx].bbox[1];
        return 0;
    }
    if (r.kind != CM_REF_EVENT) return -1;
    const cm_event *e = &u->cat->events.ev[r.idx];
    if (!e->has_point && !e->poly && !e->nregions) return -1;
    *x = e->x;
    *y = e->y;
    if (e->poly) memcpy(bbox, e->poly->features[0].bbox, sizeof(double) * 4);
    else if (e->is_area && e->nregions) {
        bbox[0] = bbox[1] = HUGE_VAL;
        bbox[2] = bbox[3] = -HUGE_VAL;
        for (int i = 0; i < e->nregions; i++) {
            const double *b = gov->shp.features[e->region_idx[i]].bbox;
            bbox[0] = fmin(bbox[0], b[0]);
            bbox[1] = fmin(bbox[1], b[1]);
            bbox[2] = fmax(bbox[2], b[2]);
            bbox[3] = fmax(bbox[3], b[3]);
        }
    }
    return 0;
}

const char *ui_ref_name(const cm_ui *u, cm_ref r)
{
    if (r.kind == CM_REF_REGION) return shapes_attr(&u->cat->layers[CM_LAYER_GOVERNORATES].shp, r.idx, "NAME_EN");
    if (r.kind == CM_REF_EVENT) return u->cat->events.ev[r.idx].title;
    if (r.kind == CM_REF_TOWN) return shapes_attr(&u->cat->layers[CM_LAYER_CITIES].shp, r.idx, "NAME");
    return "";
}
