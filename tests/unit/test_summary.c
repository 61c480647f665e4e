/* test_summary: a governorate's panel and a click on a crowded place, on the real geodata with
 * an ACLED file written at test time: 700 events at one coordinate (as ACLED puts events on a
 * town's centre), each with a figure.
 * - ui/summary's totals of the governorate's list (by layer, people reported killed, the three
 *   largest figures): more than any fixed list holds (the totals once kept a 512-row array on
 *   the stack).
 * - ui/input: a click on the cluster they make lists them, since zooming in never parts them
 *   (it zoomed to the closest zoom and left a cluster no click could open); a cluster of
 *   events kilometres apart still zooms in. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog.h"
#include "render/overlay.h"
#include "ui/input.h"
#include "ui/state.h"
#include "ui/summary.h"

#define N 700
#define LON 36.1021
#define LAT 32.6189

static cm_catalog cat;
static cm_ui u;
static long sum;

static int setup(void **state)
{
    (void)state;
    char err[1024] = "", path[2048];
    if (catalog_load(&cat, env("CM_GEODATA"), "EPSG:22770", err, sizeof err) != 0) { print_error("catalog_load: %s\n", err); return -1; }
    snprintf(path, sizeof path, "%s/summary-700.csv", env("CM_OUT"));
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "event_id_cnty,event_date,event_type,sub_event_type,actor1,admin1,location,latitude,longitude,source,notes,fatalities\n");
    for (int i = 0; i < N; i++) { /* fatalities 1..700 in a shuffled order; battles and protests alternate */
        int k = (i * 337) % N + 1;
        sum += k;
        fprintf(f, "T%d,2025-07-16,%s,x,A,Dar'a,Daraa,%.4f,%.4f,S,n,%d\n", i, i % 2 ? "Battles" : "Protests", LAT, LON, k);
    }
    fclose(f);
    if (catalog_add_events(&cat, path, err, sizeof err) != 0 || catalog_finish_events(&cat, err, sizeof err) != 0) {
        print_error("events: %s\n", err);
        return -1;
    }
    cm_when w = {.a = cat.events.span_first, .b = cat.events.span_last, .window = 1};
    memset(&u, 0, sizeof u); /* ui_init keeps a list it is given */
    ui_init(&u, &cat, &w, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ui_free(&u);
    catalog_free(&cat);
    return 0;
}

static void test_totals_of_a_long_list(void **state)
{
    (void)state;
    int gov = -1;
    const cm_shapes *g = &cat.layers[CM_LAYER_GOVERNORATES].shp;
    for (int i = 0; i < g->nfeatures; i++)
        if (strcmp(shapes_attr(g, i, "NAME_EN"), "Daraa") == 0) gov = i;
    assert_true(gov >= 0);
    ui_select_region(&u, gov);
    assert_int_equal(u.nlist, N);
    cm_list_totals t;
    summary_totals(&u, &t);
    assert_int_equal(t.with_figure, N);
    assert_int_equal(t.killed, sum);
    int nb = 0, np = 0;
    for (int k = 0; k < CM_LAYER_COUNT; k++) {
        if (strcmp(cat.layers[k].name, "Battles") == 0) nb = t.by[k];
        if (strcmp(cat.layers[k].name, "Protests") == 0) np = t.by[k];
    }
    assert_int_equal(nb, N / 2);
    assert_int_equal(np, N / 2);
    for (int j = 0; j < 3; j++) {
        assert_int_equal(t.top_k[j], N - j);
        assert_true(t.top[j] >= 0);
    }
    ui_clear_selection(&u);
}

/* A click (press and release, no drag) at (x, y) on a frame holding one cluster mark. */
static int click_cluster(cm_input *in, cm_frame *f, float x, float y, const double wb[4])
{
    cm_mark m = {.idx = 0, .x = x, .y = y, .px = x, .py = y, .weight = 1, .count = N};
    memcpy(m.wb, wb, sizeof m.wb);
    f->marks.m = &m;
    f->marks.n = 1;
    SDL_Event e = {0};
    e.button.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = (int)x;
    e.button.y = (int)y;
    int flags = input_handle(in, &e, 1000);
    e.button.type = SDL_MOUSEBUTTONUP;
    flags |= input_handle(in, &e, 1100);
    f->marks.m = NULL;
    f->marks.n = 0;
    return flags;
}

static void test_click_on_a_cluster_at_one_place(void **state)
{
    (void)state;
    static cm_frame f;
    memset(&f, 0, sizeof f);
    frame_layout(&f, 1280, 800, 1.0f, 0);
    cm_view v = {0};
    v.w = (int)f.map.w;
    v.h = (int)f.map.h;
    view_fit(&v, cat.home, 20);
    cm_input in = {.u = &u, .f = &f, .view = &v, .home = cat.home, .ratio = 1, .ui = 1, .mx = -100, .my = -100};
    double px, py;
    assert_int_equal(catalog_project(&cat, LON, LAT, &px, &py), 0);
    float x, y;
    view_to_screen(&v, px, py, &x, &y);
    /* all 700 at one point: the click lists them all, and the view stays */
    double one[4] = {px, py, px, py};
    int flags = click_cluster(&in, &f, x, y, one);
    assert_false(flags & CM_IN_FLY);
    assert_true(u.picking);
    assert_int_equal(u.nlist, N);
    ui_clear_selection(&u);
    /* spread over 20 km: zooming in parts them, so the click zooms */
    double wide[4] = {px - 10000, py - 10000, px + 10000, py + 10000};
    flags = click_cluster(&in, &f, x, y, wide);
    assert_true(flags & CM_IN_FLY);
    assert_false(u.picking);
    assert_true(in.fly_scale > v.scale);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals_of_a_long_list),
        cmocka_unit_test(test_click_on_a_cluster_at_one_place),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
