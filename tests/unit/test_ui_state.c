/* test_ui_state: ui/state, the window's state and actions without a window, on the real
 * geodata and the default dataset: clicks select what --query (query_at) finds,
 * region lists, layer toggles, stepping, range mode, play, search and places. Every action
 * is also checked in the --log-ui stream (a tmpfile read back), and every line written to
 * that stream must parse as JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <yajl/yajl_tree.h>

#include "data/catalog.h"
#include "data/date.h"
#include "data/events.h"
#include "data/query.h"
#include "data/report.h"
#include "base/utf8.h"
#include "ui/state.h"

#define MAP_CRS "EPSG:22770"

static cm_catalog cat;
static int saved_visible[CM_LAYER_COUNT];
static cm_ui u;
static FILE *uilog;

static const char *env(const char *name)
{
    const char *v = getenv(name);
    if (!v) print_error("environment variable %s is not set (run the tests with ctest)\n", name);
    return v;
}

static int group_setup(void **state)
{
    (void)state;
    const char *g = env("CM_GEODATA"), *src = env("CM_SRC");
    if (!g || !src) return -1;
    char err[1024] = "", path[2048];
    if (catalog_load(&cat, g, MAP_CRS, err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    snprintf(path, sizeof path, "%s/assets/events.geojson", src);
    if (catalog_add_events(&cat, path, err, sizeof err) != 0 || catalog_finish_events(&cat, err, sizeof err) != 0) {
        print_error("events: %s\n", err);
        return -1;
    }
    for (int i = 0; i < CM_LAYER_COUNT; i++) saved_visible[i] = cat.layers[i].visible;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    ui_free(&u);
    catalog_free(&cat);
    return 0;
}

/* Each test starts from the catalog as loaded (all layers as they were) and a fresh log. */
static int test_setup(void **state)
{
    (void)state;
    for (int i = 0; i < CM_LAYER_COUNT; i++) cat.layers[i].visible = saved_visible[i];
    uilog = tmpfile();
    return uilog ? 0 : -1;
}

static int test_teardown(void **state)
{
    (void)state;
    if (uilog) fclose(uilog);
    uilog = NULL;
    return 0;
}

/* ------------------------------------------------------------------ helpers */

static int32_t day(const char *iso)
{
    cm_date d;
    if (date_parse(iso, &d) != 0) fail_msg("bad date in the test: %s", iso);
    return date_first(d);
}

/* ui_init at one day, fade 30, no window, logging into uilog. */
static void start(const char *iso)
{
    cm_when w = {day(iso), day(iso), 30, 0};
    ui_init(&u, &cat, &w, uilog);
}

static const cm_shapes *govs(void) { return &cat.layers[CM_LAYER_GOVERNORATES].shp; }

static int gov(const char *iso)
{
    int i = shapes_find(govs(), "ISO", iso);
    if (i < 0) fail_msg("no governorate %s", iso);
    return i;
}

static int ev(const char *id)
{
    int i = events_find(&cat.events, id);
    if (i < 0) fail_msg("no event '%s' in the default dataset", id);
    return i;
}

static void proj(double lon, double lat, double *x, double *y)
{
    assert_int_equal(catalog_project(&cat, lon, lat, x, y), 0);
}

/* ASCII case-insensitive substring (strcasestr is not C11) */
static int icontains(const char *hay, const char *needle)
{
    if (!hay) return 0;
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i])) i++;
        if (i == n) return 1;
    }
    return 0;
}

static int in_list(int idx)
{
    for (int i = 0; i < u.nlist; i++)
        if (u.list[i] == idx) return 1;
    return 0;
}

static int layer_of(int idx) { return catalog_event_layer(cat.events.ev[idx].cat); }

/* The log position now; log_since(mark) is what was written after it. */
static long log_mark(void)
{
    fflush(uilog);
    return ftell(uilog);
}

static char *log_buf;

static const char *log_since(long mark)
{
    fflush(uilog);
    fseek(uilog, 0, SEEK_END);
    long end = ftell(uilog);
    free(log_buf);
    log_buf = malloc((size_t)(end - mark) + 1);
    assert_non_null(log_buf);
    fseek(uilog, mark, SEEK_SET);
    size_t n = fread(log_buf, 1, (size_t)(end - mark), uilog);
    log_buf[n] = 0;
    fseek(uilog, 0, SEEK_END);
    return log_buf;
}

/* The last line after mark with "event":"kind" (copied into a static buffer), or NULL. */
static const char *log_last(long mark, const char *kind)
{
    static char line[65536];
    char pat[64];
    snprintf(pat, sizeof pat, "\"event\":\"%s\"", kind);
    const char *text = log_since(mark), *found = NULL;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *hit = strstr(p, pat);
        if (hit && hit < p + len) found = p;
        p += len + (nl ? 1 : 0);
    }
    if (!found) return NULL;
    const char *nl = strchr(found, '\n');
    size_t len = nl ? (size_t)(nl - found) : strlen(found);
    if (len >= sizeof line) len = sizeof line - 1;
    memcpy(line, found, len);
    line[len] = 0;
    return line;
}

/* Asserts that the last "kind" line after mark exists and contains each of the strings. */
static void log_has(long mark, const char *kind, ...)
{
    const char *line = log_last(mark, kind);
    if (!line) fail_msg("no \"%s\" line in the log; it has:\n%s", kind, log_since(mark));
    va_list ap;
    va_start(ap, kind);
    for (const char *s; (s = va_arg(ap, const char *));)
        if (!strstr(line, s)) {
            va_end(ap);
            fail_msg("log line %s lacks %s", line, s);
        }
    va_end(ap);
}

static int count_lines(long mark, const char *kind)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"event\":\"%s\"", kind);
    int n = 0;
    for (const char *p = log_since(mark); (p = strstr(p, pat)); p++) n++;
    return n;
}

/* Every line of the log must be one JSON object. */
static void log_all_json(void)
{
    const char *text = log_since(0);
    int lines = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *l = malloc(len + 1), err[256] = "";
        assert_non_null(l);
        memcpy(l, p, len);
        l[len] = 0;
        yajl_val v = yajl_tree_parse(l, err, sizeof err);
        if (!v || !YAJL_IS_OBJECT(v)) {
            print_error("log line is not a JSON object (%s): %s\n", err, l);
            free(l);
            fail();
        }
        yajl_tree_free(v);
        free(l);
        lines++;
        p += len + (nl ? 1 : 0);
    }
    assert_true(lines > 0);
}

/* ------------------------------------------------------------------ 1. clicks */

static void test_click_selects_what_query_finds(void **state)
{
    (void)state;
    start("2025-07-16");
    const int area = ev("area-suwayda-violence");

    /* Suwayda city: the points --query finds within 3 km are what the markers there show */
    double x, y;
    proj(36.566, 32.709, &x, &y);
    int *at = NULL, pts[CM_UI_MAX_PICKS], np = 0;
    int n = query_at(&cat, x, y, &u.when, 3000, &at);
    for (int i = 0; i < n; i++)
        if (!cat.events.ev[at[i]].is_area && np < CM_UI_MAX_PICKS) pts[np++] = at[i];
    free(at);
    /* on 2025-07-16 the dataset has suwayda-start (fading) and il-suwayda-strikes there */
    if (np < 2) fail_msg("expected several point events at Suwayda city on 2025-07-16, found %d", np);

    long m = log_mark();
    ui_click_map(&u, x, y, pts, np);
    assert_int_equal(u.picking, 1);
    assert_int_equal(u.sel.kind, CM_REF_NONE);
    for (int i = 0; i < np; i++)
        if (!in_list(pts[i])) fail_msg("the choice list lacks %s", cat.events.ev[pts[i]].id);
    assert_true(in_list(area));
    log_has(m, "select", "\"kind\":\"choice\"", "\"area-suwayda-violence\"", NULL);
    for (int i = 0; i < np; i++) {
        char id[300];
        snprintf(id, sizeof id, "\"%s\"", cat.events.ev[pts[i]].id);
        log_has(m, "select", id, NULL);
    }

    /* no marker, inside As-Suwayda: the governorate and its events */
    proj(36.85, 32.55, &x, &y);
    m = log_mark();
    ui_click_map(&u, x, y, NULL, 0);
    assert_int_equal(u.sel.kind, CM_REF_REGION);
    assert_int_equal(u.picking, 0);
    assert_string_equal(shapes_attr(govs(), u.sel.idx, "ISO"), "SY-SU");
    assert_true(in_list(area));
    log_has(m, "select", "\"kind\":\"region\"", "As-Suwayda", "area-suwayda-violence", "\"SY-SU\"", NULL);

    /* the sea: nothing */
    proj(35.0, 34.5, &x, &y);
    m = log_mark();
    ui_click_map(&u, x, y, NULL, 0);
    assert_int_equal(u.sel.kind, CM_REF_NONE);
    assert_int_equal(u.picking, 0);
    assert_int_equal(u.nlist, 0);
    log_has(m, "select", "\"kind\":\"none\"", NULL);

    /* exactly one marker: that event */
    proj(36.566, 32.709, &x, &y);
    m = log_mark();
    ui_click_map(&u, x, y, &pts[1], 1);
    assert_int_equal(u.sel.kind, CM_REF_EVENT);
    assert_int_equal(u.sel.idx, pts[1]);
    assert_int_equal(u.picking, 0);
    char id[300];
    snprintf(id, sizeof id, "\"id\":\"%s\"", cat.events.ev[pts[1]].id);
    log_has(m, "select", "\"kind\":\"event\"", id, NULL);

    log_all_json();
}

/* ------------------------------------------------------------------ 2. region lists */

static int has_region(const cm_event *e, int g)
{
    for (int i = 0; i < e->nregions; i++)
        if (e->region_idx[i] == g) return 1;
    return 0;
}

static void check_region_lists(void)
{
    for (int g = 0; g < govs()->nfeatures; g++) {
        ui_list_region(&u, g);
        for (int i = 0; i < u.nlist; i++) {
            const cm_event *e = &cat.events.ev[u.list[i]];
            if (events_weight(e, &u.when) <= 0) fail_msg("%s listed for %s but not shown", e->id, shapes_attr(govs(), g, "ISO"));
            if (i > 0 && cat.events.ev[u.list[i - 1]].first < e->first)
                fail_msg("%s list not newest first: %s before %s", shapes_attr(govs(), g, "ISO"), cat.events.ev[u.list[i - 1]].id, e->id);
            for (int j = 0; j < i; j++)
                if (u.list[j] == u.list[i]) fail_msg("%s listed twice", e->id);
        }
        /* everything shown that names the governorate, or is a point in it, is listed */
        for (int k = 0; k < cat.events.n; k++) {
            const cm_event *e = &cat.events.ev[k];
            int there = has_region(e, g) || (e->has_point && !e->is_area && geom_feature_contains(govs(), g, e->x, e->y));
            if (events_weight(e, &u.when) > 0 && there && !in_list(k))
                fail_msg("%s is shown and in %s but is not in its list", e->id, shapes_attr(govs(), g, "ISO"));
        }
    }
}

static void test_region_list(void **state)
{
    (void)state;
    const char *dates[] = {"2024-12-08", "2025-01-01", "2025-03-08", "2025-07-16", "2025-07-31"};
    for (size_t d = 0; d < sizeof dates / sizeof *dates; d++) {
        start(dates[d]);
        check_region_lists();
    }
    const int su = gov("SY-SU"), area = ev("area-suwayda-violence");

    start("2025-07-16");
    ui_select_region(&u, su);
    assert_true(in_list(area));
    assert_true(u.nlist >= 3);

    /* moving the date re-lists the selected region */
    ui_set_day(&u, day("2025-01-01"), 0);
    assert_int_equal(u.sel.kind, CM_REF_REGION);
    assert_false(in_list(area));

    start("2025-01-01");
    ui_list_region(&u, su);
    assert_false(in_list(area));
    log_all_json();
}

/* ------------------------------------------------------------------ 3. layers */

static int list_has_layer(int layer)
{
    for (int i = 0; i < u.nlist; i++)
        if (layer_of(u.list[i]) == layer) return 1;
    return 0;
}

static int at_has_layer(double x, double y, int layer)
{
    int *at = NULL, yes = 0;
    int n = query_at(&cat, x, y, &u.when, 3000, &at);
    for (int i = 0; i < n; i++) yes |= layer_of(at[i]) == layer;
    free(at);
    return yes;
}

static void test_toggle_layer(void **state)
{
    (void)state;
    start("2025-07-16");
    const int su = gov("SY-SU"), area = ev("area-suwayda-violence");
    double x, y;
    proj(36.566, 32.709, &x, &y);
    assert_int_equal(cat.layers[CM_LAYER_VIOLENCE].visible, 1);
    ui_select_region(&u, su);
    assert_true(list_has_layer(CM_LAYER_VIOLENCE));
    assert_true(at_has_layer(x, y, CM_LAYER_VIOLENCE));

    long m = log_mark();
    ui_toggle_layer(&u, CM_LAYER_VIOLENCE);
    assert_int_equal(cat.layers[CM_LAYER_VIOLENCE].visible, 0);
    assert_int_equal(u.sel.kind, CM_REF_REGION);
    assert_false(list_has_layer(CM_LAYER_VIOLENCE));
    ui_list_region(&u, su);
    assert_false(list_has_layer(CM_LAYER_VIOLENCE));
    assert_true(u.nlist > 0); /* the strikes are still there */
    assert_false(at_has_layer(x, y, CM_LAYER_VIOLENCE));
    assert_non_null(strstr(log_since(m), "{\"event\":\"layer\",\"id\":\"violence\",\"visible\":false}"));

    m = log_mark();
    ui_toggle_layer(&u, CM_LAYER_VIOLENCE);
    assert_int_equal(cat.layers[CM_LAYER_VIOLENCE].visible, 1);
    assert_true(in_list(area));
    assert_true(at_has_layer(x, y, CM_LAYER_VIOLENCE));
    assert_non_null(strstr(log_since(m), "{\"event\":\"layer\",\"id\":\"violence\",\"visible\":true}"));

    /* hiding the layer of the selected event drops the selection */
    ui_select_event(&u, ev("suwayda-start"));
    ui_toggle_layer(&u, CM_LAYER_VIOLENCE);
    assert_int_equal(u.sel.kind, CM_REF_NONE);
    ui_toggle_layer(&u, CM_LAYER_VIOLENCE);

    /* out of range: nothing */
    m = log_mark();
    ui_toggle_layer(&u, -1);
    ui_toggle_layer(&u, CM_LAYER_COUNT);
    assert_int_equal(count_lines(m, "layer"), 0);
    log_all_json();
}

/* ------------------------------------------------------------------ 4. stepping */

static void expect_day(const char *iso)
{
    if (u.when.a != day(iso) || u.when.b != day(iso)) {
        char a[16], b[16];
        date_format_iso(u.when.a, a, sizeof a);
        date_format_iso(u.when.b, b, sizeof b);
        fail_msg("expected %s, got %s..%s", iso, a, b);
    }
}

static void test_step(void **state)
{
    (void)state;
    start("2025-03-10");
    assert_int_equal(u.span_a, day("2024-11-01"));
    assert_int_equal(u.span_b, day("2025-08-31"));

    long m = log_mark();
    ui_step(&u, CM_STEP_DAY, 1);
    expect_day("2025-03-11");
    log_has(m, "date", "\"from\":\"2025-03-11\"", "\"to\":\"2025-03-11\"", "\"window\":false", NULL);

    m = log_mark();
    ui_step(&u, CM_STEP_WEEK, 1);
    expect_day("2025-03-18");
    log_has(m, "date", "\"2025-03-18\"", NULL);

    ui_step(&u, CM_STEP_DAY, -1);
    expect_day("2025-03-17");
    ui_step(&u, CM_STEP_WEEK, -2);
    expect_day("2025-03-03");

    ui_set_day(&u, day("2025-01-31"), 0);
    expect_day("2025-01-31");
    m = log_mark();
    ui_step(&u, CM_STEP_MONTH, 1);
    expect_day("2025-02-28");
    log_has(m, "date", "\"2025-02-28\"", NULL);
    ui_step(&u, CM_STEP_MONTH, -1);
    expect_day("2025-01-28");

    m = log_mark();
    ui_step(&u, CM_STEP_DAY, -1000);
    expect_day("2024-11-01");
    log_has(m, "date", "\"2024-11-01\"", NULL);
    m = log_mark();
    ui_step(&u, CM_STEP_WEEK, -1); /* at the edge: nothing changes, nothing is logged */
    expect_day("2024-11-01");
    assert_int_equal(count_lines(m, "date"), 0);

    m = log_mark();
    ui_step(&u, CM_STEP_MONTH, 100);
    expect_day("2025-08-31");
    log_has(m, "date", "\"2025-08-31\"", NULL);
    ui_step(&u, CM_STEP_DAY, 1);
    expect_day("2025-08-31");
    ui_set_day(&u, day("2030-01-01"), 0);
    expect_day("2025-08-31");
    assert_int_equal(u.when.window, 0);
    log_all_json();
}

/* ------------------------------------------------------------------ 5. range mode */

static void test_range_mode(void **state)
{
    (void)state;
    start("2025-07-16");
    long m = log_mark();
    ui_set_range_mode(&u, 1);
    assert_int_equal(u.range_mode, 1);
    assert_int_equal(u.when.window, 1);
    assert_true(u.when.a < u.when.b);
    assert_int_equal(u.when.b, day("2025-07-16")); /* the window ends at the day shown */
    log_has(m, "date", "\"window\":true", "\"to\":\"2025-07-16\"", NULL);

    /* the start handle moves only the start, never past the end */
    ui_set_day(&u, day("2025-07-01"), 0);
    assert_int_equal(u.when.a, day("2025-07-01"));
    assert_int_equal(u.when.b, day("2025-07-16"));
    ui_set_day(&u, day("2025-08-10"), 0);
    assert_int_equal(u.when.a, day("2025-07-16"));
    assert_int_equal(u.when.b, day("2025-07-16"));
    /* the end handle moves only the end, never before the start */
    ui_set_day(&u, day("2025-06-01"), 1);
    assert_int_equal(u.when.a, day("2025-07-16"));
    assert_int_equal(u.when.b, day("2025-07-16"));
    ui_set_day(&u, day("2025-07-20"), 1);
    assert_int_equal(u.when.a, day("2025-07-16"));
    assert_int_equal(u.when.b, day("2025-07-20"));

    /* stepping keeps the window's length, also at both ends of the axis */
    ui_set_day(&u, day("2025-06-01"), 0);
    const int32_t len = u.when.b - u.when.a;
    assert_int_equal(len, day("2025-07-20") - day("2025-06-01"));
    ui_step(&u, CM_STEP_DAY, 1);
    assert_int_equal(u.when.a, day("2025-06-02"));
    assert_int_equal(u.when.b - u.when.a, len);
    ui_step(&u, CM_STEP_WEEK, -3);
    assert_int_equal(u.when.a, day("2025-05-12"));
    assert_int_equal(u.when.b - u.when.a, len);
    ui_step(&u, CM_STEP_MONTH, 1);
    assert_int_equal(u.when.a, day("2025-06-12"));
    assert_int_equal(u.when.b - u.when.a, len);
    ui_step(&u, CM_STEP_MONTH, 100);
    assert_int_equal(u.when.b, u.span_b);
    assert_int_equal(u.when.b - u.when.a, len);
    ui_step(&u, CM_STEP_DAY, -1000);
    assert_int_equal(u.when.a, u.span_a);
    assert_int_equal(u.when.b - u.when.a, len);
    assert_int_equal(u.when.window, 1);

    /* back to one day: the end of the window */
    const int32_t b = u.when.b;
    ui_set_range_mode(&u, 0);
    assert_int_equal(u.when.window, 0);
    assert_int_equal(u.when.a, b);
    assert_int_equal(u.when.b, b);
    log_all_json();
}

/* ------------------------------------------------------------------ 6. play */

static void test_play(void **state)
{
    (void)state;
    const char *names[CM_UI_SPEEDS];
    const int days[CM_UI_SPEEDS] = {1, 7, 30};
    for (int s = 0; s < CM_UI_SPEEDS; s++) {
        assert_int_equal(ui_speed_days(s), days[s]);
        names[s] = ui_speed_name(s);
        assert_non_null(names[s]);
        for (int t = 0; t < s; t++) assert_string_not_equal(names[s], names[t]);
    }

    start("2025-07-16");
    assert_int_equal(u.speed, 1);
    assert_int_equal(ui_tick(&u, 1000), 0); /* not playing */
    expect_day("2025-07-16");

    /* playing from the end starts again at the beginning of the axis */
    ui_set_day(&u, u.span_b, 0);
    long m = log_mark();
    ui_play(&u, 1);
    assert_int_equal(u.playing, 1);
    expect_day("2024-11-01");
    log_has(m, "play", "\"playing\":true", NULL);
    log_has(m, "date", "\"2024-11-01\"", NULL);

    /* 1 s at 7 days/s is 7 days; fractions carry over */
    assert_int_equal(ui_tick(&u, 1000), 1);
    expect_day("2024-11-08");
    assert_int_equal(ui_tick(&u, 500), 1);
    expect_day("2024-11-11");
    assert_int_equal(ui_tick(&u, 500), 1);
    expect_day("2024-11-15");
    assert_int_equal(ui_tick(&u, 100), 0);
    expect_day("2024-11-15");

    /* past the end: stops there (a long tick stops at each day on which something begins) */
    m = log_mark();
    assert_int_equal(ui_tick(&u, 1e6), 1);
    for (int i = 0; i < 1000 && u.playing; i++) ui_tick(&u, 1e6);
    expect_day("2025-08-31");
    assert_int_equal(u.playing, 0);
    log_has(m, "play", "\"playing\":false", NULL);
    assert_int_equal(ui_tick(&u, 1000), 0);

    /* playing a window moves both ends */
    start("2025-03-10");
    ui_set_range_mode(&u, 1);
    int32_t a = u.when.a, b = u.when.b;
    ui_play(&u, 1);
    assert_int_equal(ui_tick(&u, 1000), 1);
    assert_int_equal(u.when.a, a + 7);
    assert_int_equal(u.when.b, b + 7);
    ui_play(&u, 0);
    assert_int_equal(u.playing, 0);

    /* speeds cycle through the three */
    int s0 = u.speed, seen[CM_UI_SPEEDS] = {0};
    m = log_mark();
    for (int i = 0; i < CM_UI_SPEEDS; i++) {
        ui_cycle_speed(&u);
        assert_true(u.speed >= 0 && u.speed < CM_UI_SPEEDS);
        seen[u.speed]++;
    }
    assert_int_equal(u.speed, s0);
    for (int s = 0; s < CM_UI_SPEEDS; s++) assert_int_equal(seen[s], 1);
    assert_int_equal(count_lines(m, "speed"), CM_UI_SPEEDS);
    log_has(m, "speed", names[s0], NULL);
    log_all_json();
}

/* Play never steps over a day on which an event begins, however long a frame takes: at a
 * month a second with one frame a second, every such day (8 December 2024 among them) is
 * shown, and play still reaches the end. */
static void test_play_shows_every_event_day(void **state)
{
    (void)state;
    start("2024-12-01");
    while (ui_speed_days(u.speed) != 30) ui_cycle_speed(&u);
    ui_play(&u, 1);
    char shown[4096] = {0}; /* days since the axis start */
    int frames = 0;
    shown[u.when.b - u.span_a] = 1;
    while (u.playing && frames < 2000) {
        ui_tick(&u, 1000);
        frames++;
        if (u.when.b - u.span_a < (int)sizeof shown) shown[u.when.b - u.span_a] = 1;
    }
    expect_day("2025-08-31");
    int missed = 0;
    for (int i = 0; i < cat.events.n; i++) {
        const cm_event *e = &cat.events.ev[i];
        if (e->first <= day("2024-12-01") || e->first > u.span_b) continue;
        if (!shown[e->first - u.span_a]) {
            char d[16];
            date_format_iso(e->first, d, sizeof d);
            print_error("play stepped over %s (%s)\n", d, e->id);
            missed++;
        }
    }
    assert_true(shown[day("2024-12-08") - u.span_a]);
    assert_int_equal(missed, 0);
    /* catching up: not a frame per day, about one per event day and per month */
    assert_true(frames < 80);
}

/* ------------------------------------------------------------------ 7. search */

static int result_for(cm_ref_kind kind, int idx)
{
    for (int i = 0; i < u.nresults; i++)
        if (u.results[i].ref.kind == kind && u.results[i].ref.idx == idx) return i;
    return -1;
}

static void test_search(void **state)
{
    (void)state;
    start("2025-07-16");
    const int su = gov("SY-SU");

    ui_search_set(&u, "suway");
    assert_true(u.nresults > 0);
    assert_true(result_for(CM_REF_REGION, su) >= 0);
    int titled = 0;
    for (int k = 0; k < cat.events.n; k++)
        if (icontains(cat.events.ev[k].title, "suwayda")) {
            titled++;
            if (result_for(CM_REF_EVENT, k) < 0) fail_msg("searching \"suway\" misses %s", cat.events.ev[k].id);
        }
    assert_true(titled >= 3);
    for (int i = 0; i < u.nresults; i++) {
        cm_ref r = u.results[i].ref;
        if (r.kind == CM_REF_EVENT) {
            const cm_event *e = &cat.events.ev[r.idx];
            assert_true(icontains(e->title, "suway") || icontains(e->place, "suway") || icontains(e->id, "suway"));
        } else if (r.kind == CM_REF_TOWN) {
            assert_string_equal(ui_ref_name(&u, r), "As-Suwayda");
        } else {
            assert_int_equal(r.kind, CM_REF_REGION);
            assert_int_equal(r.idx, su);
        }
    }

    /* Arabic */
    ui_search_set(&u, "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x88\xD9\x8A\xD8\xAF\xD8\xA7\xD8\xA1"); /* السويداء */
    assert_true(result_for(CM_REF_REGION, su) >= 0);

    /* an event not shown now: picking it goes to its first day and selects it */
    const int hts = ev("hts-aleppo");
    assert_true(events_weight(&cat.events.ev[hts], &u.when) <= 0);
    ui_search_open(&u, 1);
    ui_search_set(&u, "Aleppo");
    int i = result_for(CM_REF_EVENT, hts);
    assert_true(i >= 0);
    assert_true(result_for(CM_REF_REGION, gov("SY-HL")) >= 0);
    long m = log_mark();
    ui_search_pick(&u, i);
    assert_int_equal(u.search_open, 0);
    expect_day("2024-11-30");
    assert_int_equal(u.when.a, cat.events.ev[hts].first);
    assert_int_equal(u.sel.kind, CM_REF_EVENT);
    assert_int_equal(u.sel.idx, hts);
    assert_true(events_weight(&cat.events.ev[hts], &u.when) > 0);
    log_has(m, "search", "\"query\":\"Aleppo\"", NULL);
    log_has(m, "select", "\"id\":\"hts-aleppo\"", NULL);
    log_has(m, "date", "\"2024-11-30\"", NULL);

    /* in range mode, on a hidden layer: one day again, and the layer is shown */
    start("2025-07-16");
    ui_set_range_mode(&u, 1);
    ui_toggle_layer(&u, CM_LAYER_TRANSITION);
    assert_int_equal(cat.layers[CM_LAYER_TRANSITION].visible, 0);
    ui_search_set(&u, "Aleppo");
    ui_search_pick(&u, result_for(CM_REF_EVENT, hts));
    assert_int_equal(cat.layers[CM_LAYER_TRANSITION].visible, 1);
    assert_int_equal(u.range_mode, 0);
    assert_int_equal(u.when.window, 0);
    expect_day("2024-11-30");
    assert_int_equal(u.sel.idx, hts);

    /* a governorate result selects the region */
    ui_search_set(&u, "suway");
    ui_search_pick(&u, result_for(CM_REF_REGION, su));
    assert_int_equal(u.sel.kind, CM_REF_REGION);
    assert_int_equal(u.sel.idx, su);

    ui_search_set(&u, "");
    assert_int_equal(u.nresults, 0);
    ui_search_pick(&u, 0); /* no result: nothing */
    assert_int_equal(u.sel.kind, CM_REF_REGION);
    ui_search_set(&u, "no such place anywhere");
    assert_int_equal(u.nresults, 0);
    log_all_json();
}

/* A query longer than the box keeps whole UTF-8 characters (it is drawn and logged). */
static int valid_utf8(const char *s) { return utf8_valid((const unsigned char *)s, strlen(s)); }

/* The spellings of geodata/aliases.tsv find their governorate, as the importers place rows by them. */
static void test_search_aliases(void **state)
{
    (void)state;
    start("2025-07-16");
    static const struct { const char *q, *iso; } want[] = {
        {"Sweida", "SY-SU"}, {"Deraa", "SY-DR"}, {"Hasakeh", "SY-HA"}, {"Idleb", "SY-ID"}, {"Deir-ez-Zor", "SY-DY"},
        {"rural damascus", "SY-RD"}, {"Tartous", "SY-TA"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        ui_search_set(&u, want[k].q);
        if (result_for(CM_REF_REGION, gov(want[k].iso)) < 0) fail_msg("searching \"%s\" misses %s", want[k].q, want[k].iso);
    }
    ui_search_set(&u, "Kabul");
    for (int i = 0; i < u.nresults; i++) assert_int_not_equal(u.results[i].ref.kind, CM_REF_REGION);
}

/* Towns are found by their names and the other spellings of aliases.tsv ("town:" lines), listed
 * after the governorates; picking one selects nothing and its place is the town's point. */
static int town(const char *name)
{
    const cm_shapes *t = &cat.layers[CM_LAYER_CITIES].shp;
    for (int i = 0; i < t->nfeatures; i++)
        if (strcmp(shapes_attr(t, i, "NAME"), name) == 0) return i;
    fail_msg("no town %s", name);
    return -1;
}

static void test_search_towns(void **state)
{
    (void)state;
    start("2025-07-16");
    static const struct { const char *q, *town; } want[] = {
        {"Dayr az Zawr", "Deir ez-Zor"}, {"Deir Ezzor", "Deir ez-Zor"}, {"deir-ez-zor", "Deir ez-Zor"},
        {"Sweida", "As-Suwayda"}, {"Suwayda", "As-Suwayda"}, {"As-Suwayda", "As-Suwayda"},
        {"Dar'a", "Daraa"}, {"Deraa", "Daraa"}, {"Al Qunaytirah", "Quneitra"}, {"Jablah", "Jableh"},
        {"Banias", "Baniyas"}, {"Tadmur", "Palmyra"}, {"Qamishli", "Qamishli"},
        {"\xD8\xAC\xD8\xA8\xD9\x84\xD8\xA9", "Jableh"}}; /* جبلة, the layer's NAME_AR */
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        ui_search_set(&u, want[k].q);
        int i = result_for(CM_REF_TOWN, town(want[k].town));
        if (i < 0) fail_msg("searching \"%s\" misses the town %s", want[k].q, want[k].town);
        char label[300];
        snprintf(label, sizeof label, "%s (town)", want[k].town);
        assert_string_equal(u.results[i].label, label);
    }
    /* a town's spelling is not a governorate's: "Jablah" finds no region */
    ui_search_set(&u, "Jablah");
    for (int i = 0; i < u.nresults; i++) assert_int_not_equal(u.results[i].ref.kind, CM_REF_REGION);
    /* governorates come first, then towns, then events */
    ui_search_set(&u, "Sweida");
    int r = result_for(CM_REF_REGION, gov("SY-SU")), t = result_for(CM_REF_TOWN, town("As-Suwayda"));
    assert_true(r >= 0 && t > r);
    for (int i = 0; i < u.nresults; i++)
        if (u.results[i].ref.kind == CM_REF_EVENT) assert_true(i > t);

    /* picking a town: the search closes, nothing is selected, its place is the town's point */
    ui_select_region(&u, gov("SY-DR"));
    ui_search_open(&u, 1);
    ui_search_set(&u, "Deraa");
    long m = log_mark();
    t = result_for(CM_REF_TOWN, town("Daraa"));
    ui_search_pick(&u, t);
    assert_int_equal(u.search_open, 0);
    log_has(m, "search", "\"picked\":\"Daraa (town)\"", NULL);
    double x, y, b[4];
    const cm_shapes *ts = &cat.layers[CM_LAYER_CITIES].shp;
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_TOWN, town("Daraa")}, &x, &y, b), 0);
    assert_true(x == ts->features[town("Daraa")].bbox[0] && y == ts->features[town("Daraa")].bbox[1]);
    assert_true(b[2] <= b[0]); /* a point: no box to fit */
    assert_true(geom_feature_contains(govs(), gov("SY-DR"), x, y));
    assert_string_equal(ui_ref_name(&u, (cm_ref){CM_REF_TOWN, town("Jableh")}), "Jableh");
    log_all_json();
}

static void test_search_long_query(void **state)
{
    (void)state;
    start("2025-07-16");
    char q[sizeof u.query + 8] = "";
    for (size_t i = 0; i + 2 < sizeof q; i += 2) strcat(q, "\xD8\xB3"); /* س */
    ui_search_set(&u, q);
    assert_true(strlen(u.query) > 0);
    if (!valid_utf8(u.query))
        fail_msg("ui_search_set cut a %zu-byte query to %zu bytes in the middle of a character", strlen(q), strlen(u.query));
}

/* ------------------------------------------------------------------ 8. places */

static void test_ref_place(void **state)
{
    (void)state;
    start("2025-07-16");
    const int su = gov("SY-SU");
    double x = 0, y = 0, b[4];

    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_REGION, su}, &x, &y, b), 0);
    assert_true(b[2] > b[0]);
    assert_true(b[3] > b[1]);
    assert_true(geom_feature_contains(govs(), su, x, y));
    assert_string_equal(ui_ref_name(&u, (cm_ref){CM_REF_REGION, su}), "As-Suwayda");

    /* a point: its projected point, no box */
    const int p = ev("suwayda-start");
    const cm_event *e = &cat.events.ev[p];
    double px, py;
    proj(e->lon, e->lat, &px, &py);
    for (int i = 0; i < 4; i++) b[i] = 1;
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_EVENT, p}, &x, &y, b), 0);
    for (int i = 0; i < 4; i++) assert_true(b[i] == 0);
    assert_true(x == e->x && y == e->y);
    /* event positions are stored as floats: a quarter metre is the precision at these distances */
    assert_true(fabs(x - px) < 0.5 && fabs(y - py) < 0.5);
    assert_string_equal(ui_ref_name(&u, (cm_ref){CM_REF_EVENT, p}), e->title);

    /* an area by region: the region's box */
    double gb[4];
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_REGION, su}, &x, &y, gb), 0);
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_EVENT, ev("area-suwayda-violence")}, &x, &y, b), 0);
    for (int i = 0; i < 4; i++) assert_true(b[i] == gb[i]);
    /* an area with a polygon: a box around the three southern governorates */
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_EVENT, ev("zone-south-demil")}, &x, &y, b), 0);
    assert_true(b[2] > b[0] && b[3] > b[1]);
    assert_true(x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]);

    /* no place: nothing to fly to */
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_EVENT, ev("barrack-criticism")}, &x, &y, b), -1);
    assert_int_equal(ui_ref_place(&u, (cm_ref){CM_REF_NONE, -1}, &x, &y, b), -1);
    assert_string_equal(ui_ref_name(&u, (cm_ref){CM_REF_NONE, -1}), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_click_selects_what_query_finds, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_region_list, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_toggle_layer, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_step, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_range_mode, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_play, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_play_shows_every_event_day, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_search, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_search_long_query, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_search_aliases, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_search_towns, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_ref_place, test_setup, test_teardown),
    };
    int rc = cmocka_run_group_tests(tests, group_setup, group_teardown);
    free(log_buf);
    return rc;
}
