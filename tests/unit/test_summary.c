/* test_summary: ui/summary's totals of a governorate's list (by layer, people reported
 * killed, the three largest figures), on the real geodata with an ACLED file written at test
 * time: 700 events in one governorate, each with a figure, more than any fixed list holds
 * (the totals once kept a 512-row array on the stack). */
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
#include "ui/state.h"
#include "ui/summary.h"

#define N 700

static void test_totals_of_a_long_list(void **state)
{
    (void)state;
    cm_catalog cat;
    char err[1024] = "", path[2048];
    if (catalog_load(&cat, env("CM_GEODATA"), "EPSG:22770", err, sizeof err) != 0) fail_msg("catalog_load: %s", err);
    snprintf(path, sizeof path, "%s/summary-700.csv", env("CM_OUT"));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "event_id_cnty,event_date,event_type,sub_event_type,actor1,admin1,location,latitude,longitude,source,notes,fatalities\n");
    long sum = 0;
    for (int i = 0; i < N; i++) { /* fatalities 1..700 in a shuffled order; battles and protests alternate */
        int k = (i * 337) % N + 1;
        sum += k;
        fprintf(f, "T%d,2025-07-16,%s,x,A,Dar'a,Daraa,32.6189,36.1021,S,n,%d\n", i, i % 2 ? "Battles" : "Protests", k);
    }
    fclose(f);
    if (catalog_add_events(&cat, path, err, sizeof err) != 0 || catalog_finish_events(&cat, err, sizeof err) != 0)
        fail_msg("events: %s", err);
    cm_when w = {.a = cat.events.span_first, .b = cat.events.span_last, .window = 1};
    cm_ui u;
    memset(&u, 0, sizeof u); /* ui_init keeps a list it is given */
    ui_init(&u, &cat, &w, NULL);
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
    ui_free(&u);
    catalog_free(&cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_totals_of_a_long_list)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
