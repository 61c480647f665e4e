/* test_query: data/query, "what is here at this date", on the real geodata and the default
 * dataset. --query (report_query's JSON) and the window (a click, ui_areas_at, a governorate's
 * list, the list of events without a place) give the answers the query module gives, in its
 * order, at several places and dates, with layers hidden too; and those answers hold what the
 * rule says: areas first then newest first, each event shown at the date, its layer on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <math.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "data/catalog.h"
#include "data/date.h"
#include "data/query.h"
#include "data/report.h"
#include "ui/state.h"

static cm_catalog cat;

static int setup(void **state)
{
    (void)state;
    char err[1024] = "", path[2048];
    if (catalog_load(&cat, env("CM_GEODATA"), "EPSG:22770", err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    snprintf(path, sizeof path, "%s/assets/events.geojson", env("CM_SRC"));
    if (catalog_add_events(&cat, path, err, sizeof err) != 0 || catalog_finish_events(&cat, err, sizeof err) != 0) {
        print_error("events: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    catalog_free(&cat);
    return 0;
}

static int32_t day(const char *iso)
{
    cm_date d;
    assert_int_equal(date_parse(iso, &d), 0);
    return d.day;
}

/* the ids --query prints for (lon, lat) at w: its "areas", then its "events" */
static int cli_ids(double lon, double lat, const cm_when *w, double radius, char ids[][128], int max)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    char err[256];
    assert_int_equal(report_query(&cat, lon, lat, w, radius, f, err, sizeof err), 0);
    long len = ftell(f);
    rewind(f);
    char *buf = calloc(1, (size_t)len + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    char perr[256];
    yajl_val doc = yajl_tree_parse(buf, perr, sizeof perr);
    if (!doc) fail_msg("--query printed no JSON: %s", perr);
    free(buf);
    int n = 0;
    const char *lists[] = {"areas", "events"};
    for (int l = 0; l < 2; l++) {
        const char *path[] = {lists[l], NULL};
        yajl_val a = yajl_tree_get(doc, path, yajl_t_array);
        assert_non_null(a);
        for (size_t i = 0; i < a->u.array.len; i++) {
            const char *ip[] = {"id", NULL};
            yajl_val id = yajl_tree_get(a->u.array.values[i], ip, yajl_t_string);
            assert_non_null(id);
            assert_true(n < max);
            snprintf(ids[n++], 128, "%s", YAJL_GET_STRING(id));
        }
    }
    yajl_tree_free(doc);
    return n;
}

/* the rule itself: every answer shown at w with its layer on; areas first, then newest first */
static void check_rule(const int *idx, int n, const cm_when *w, int areas_first)
{
    for (int i = 0; i < n; i++) {
        const cm_event *e = &cat.events.ev[idx[i]];
        if (events_weight(e, w) <= 0) fail_msg("%s is not shown at that date", e->id);
        if (!cat.layers[catalog_event_layer(e->cat)].visible) fail_msg("%s is on a hidden layer", e->id);
        if (i == 0) continue;
        const cm_event *p = &cat.events.ev[idx[i - 1]];
        if (areas_first && p->is_area != e->is_area) {
            if (!p->is_area) fail_msg("area %s listed after point %s", e->id, p->id);
            continue;
        }
        if (p->first < e->first) fail_msg("%s listed before the newer %s", p->id, e->id);
    }
}

typedef struct {
    double lon, lat;
    const char *date, *to; /* a day, or a window to "to" */
} place;

static const place PLACES[] = {
    {36.566, 32.709, "2025-07-16", NULL},         /* As-Suwayda city, the July violence */
    {36.292, 33.513, "2025-07-16", NULL},         /* Damascus, the strikes */
    {35.950, 35.300, "2025-03-08", NULL},         /* the coast in March */
    {36.300, 33.500, "2024-12-08", NULL},         /* Damascus, the fall of Assad */
    {35.600, 33.300, "2025-07-16", NULL},         /* the south-west */
    {34.000, 34.500, "2025-07-16", NULL},         /* the sea: nothing */
    {36.292, 33.513, "2024-12-01", "2025-08-31"}, /* Damascus, the whole span */
    {36.566, 32.709, "2024-12-01", "2025-08-31"}, /* As-Suwayda, the whole span */
    {35.950, 35.300, "2024-12-01", "2025-08-31"}, /* the coast, the whole span */
};

/* At each place: --query's events, the window's areas under a click and the list a click on
 * the governorate opens are the query module's answers, in its order. */
static void check_places(int *total_at, int *total_region)
{
    for (size_t p = 0; p < sizeof PLACES / sizeof PLACES[0]; p++) {
        const place *pl = &PLACES[p];
        cm_when w = {day(pl->date), day(pl->to ? pl->to : pl->date), 30, pl->to != NULL};
        double x, y;
        assert_int_equal(catalog_project(&cat, pl->lon, pl->lat, &x, &y), 0);
        int *idx = NULL;
        int n = query_at(&cat, x, y, &w, 3000, &idx);
        check_rule(idx, n, &w, 1);
        *total_at += n;
        char ids[512][128];
        int nc = cli_ids(pl->lon, pl->lat, &w, 3000, ids, 512);
        if (nc != n) fail_msg("%s at %.3f,%.3f: --query lists %d events, the query %d", pl->date, pl->lon, pl->lat, nc, n);
        for (int i = 0; i < n; i++)
            if (strcmp(ids[i], cat.events.ev[idx[i]].id) != 0)
                fail_msg("%s: --query's entry %d is %s, the query's %s", pl->date, i, ids[i], cat.events.ev[idx[i]].id);
        free(idx);

        /* the window: the areas under a click, and a click on the governorate there */
        cm_ui *u = calloc(1, sizeof *u);
        assert_non_null(u);
        ui_init(u, &cat, &w, NULL);
        int areas[CM_UI_MAX_PICKS], region;
        int na = ui_areas_at(u, x, y, areas, CM_UI_MAX_PICKS, &region);
        int *a0 = NULL;
        int n0 = query_at(&cat, x, y, &w, 0, &a0), k = 0;
        for (int i = 0; i < n0; i++)
            if (cat.events.ev[a0[i]].is_area) {
                assert_true(k < na);
                assert_int_equal(areas[k++], a0[i]);
            }
        assert_int_equal(k, na);
        free(a0);
        int gov = query_region_at(&cat, x, y);
        assert_int_equal(region, cat.layers[CM_LAYER_GOVERNORATES].visible ? gov : -1);
        ui_click_map(u, x, y, NULL, 0);
        if (gov >= 0 && cat.layers[CM_LAYER_GOVERNORATES].visible) {
            assert_int_equal(u->sel.kind, CM_REF_REGION);
            int *r = NULL;
            int nr = query_region(&cat, gov, &w, &r);
            check_rule(r, nr, &w, 0);
            *total_region += nr;
            if (u->nlist != nr) fail_msg("%s: the window lists %d events in the governorate, the query %d", pl->date, u->nlist, nr);
            for (int i = 0; i < nr; i++) assert_int_equal(u->list[i], r[i]);
            free(r);
        }
        ui_free(u);
        free(u);
    }
}

static void test_cli_and_window_ask_the_query(void **state)
{
    (void)state;
    int at = 0, region = 0;
    check_places(&at, &region);
    print_message("all layers: %d events at the places, %d in their governorates\n", at, region);
    assert_true(at >= 10 && region >= 10); /* the places were chosen where things happened */

    /* with the layers of the first answers hidden, every caller leaves them out alike */
    double x, y;
    catalog_project(&cat, 36.566, 32.709, &x, &y);
    cm_when w = {day("2025-07-16"), day("2025-07-16"), 30, 0};
    int *idx = NULL;
    int n = query_at(&cat, x, y, &w, 3000, &idx);
    assert_true(n >= 2);
    int hide = catalog_event_layer(cat.events.ev[idx[n - 1]].cat); /* a point's layer */
    free(idx);
    cat.layers[hide].visible = 0;
    int at2 = 0, region2 = 0;
    check_places(&at2, &region2);
    print_message("layer %s hidden: %d at the places, %d in their governorates\n", cat.layers[hide].id, at2, region2);
    assert_true(at2 < at && region2 < region);
    cat.layers[hide].visible = 1;
}

static void test_unplaced_list_is_the_query(void **state)
{
    (void)state;
    cm_when w = {day("2024-12-01"), day("2025-08-31"), 30, 1};
    int *idx = NULL;
    int n = query_unplaced(&cat, &w, &idx);
    check_rule(idx, n, &w, 0);
    for (int i = 0; i < n; i++) assert_true(!cat.events.ev[idx[i]].has_point && !cat.events.ev[idx[i]].is_area);
    cm_ui *u = calloc(1, sizeof *u);
    assert_non_null(u);
    ui_init(u, &cat, &w, NULL);
    ui_list_unplaced(u);
    print_message("%d events without a place in the window\n", n);
    assert_true(n > 0);
    assert_int_equal(u->nlist, n);
    for (int i = 0; i < n; i++) assert_int_equal(u->list[i], idx[i]);
    free(idx);
    ui_free(u);
    free(u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_and_window_ask_the_query),
        cmocka_unit_test(test_unplaced_list_is_the_query),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
