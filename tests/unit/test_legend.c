/* test_legend: the legend's counts (ui/legend) are remembered between frames; they must follow
 * every change of what is shown: the date, the filter (events hidden) and the visible layers.
 * Each is checked against a count made here from the store. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include "data/catalog.h"
#include "render/outside.h"
#include "ui/control.h"
#include "ui/legend.h"

typedef struct {
    const cm_catalog *c;
    int n[CM_LAYER_COUNT];
    int unplaced;
} ref_ctx;

static int ref_one(const cm_event *e, int idx, void *p)
{
    ref_ctx *r = p;
    (void)idx;
    int layer = catalog_event_layer(e->cat);
    if (!e->claim && (e->has_point || e->is_area) && !outside_is(r->c, e)) r->n[layer]++;
    if (!e->has_point && !e->is_area && r->c->layers[layer].visible) r->unplaced++;
    return 0;
}

/* the legend's figures for s against a count of the store */
static void expect_counts(const cm_ctl *s)
{
    ref_ctx r = {s->cat, {0}, 0};
    events_each_shown(&s->cat->events, &s->when, ref_one, &r);
    int got[CM_LAYER_COUNT];
    legend_count(s, got);
    for (int k = 0; k < CM_LAYER_COUNT; k++)
        if (got[k] != r.n[k]) fail_msg("day %d..%d layer %d: the legend counts %d, the store %d", s->when.a, s->when.b, k, got[k], r.n[k]);
    assert_int_equal(legend_count_unplaced(s), r.unplaced);
}

static void test_counts_follow_what_is_shown(void **state)
{
    (void)state;
    cm_catalog c;
    char err[1024] = "";
    if (catalog_load(&c, env("CM_GEODATA"), "EPSG:22770", err, sizeof err) != 0) fail_msg("catalog_load: %s", err);
    if (catalog_add_events(&c, default_events(), err, sizeof err) != 0) fail_msg("%s", err);
    if (catalog_finish_events(&c, err, sizeof err) != 0) fail_msg("%s", err);
    assert_true(c.events.n > 10);
    cm_ctl s = {.cat = &c, .ui = 1};
    int32_t a = c.events.span_first, b = c.events.span_last;
    int changed = 0, last = -1;
    for (int i = 0; i <= 40; i++) { /* the date: a day at a time through the data, then windows */
        int32_t d = a + (int32_t)((int64_t)(b - a) * i / 40);
        s.when = (cm_when){d, i % 2 ? d : b, 30, i % 2 == 0};
        expect_counts(&s);
        int all[CM_LAYER_COUNT], sum = 0;
        legend_count(&s, all);
        for (int k = 0; k < CM_LAYER_COUNT; k++) sum += all[k];
        changed += last >= 0 && sum != last;
        last = sum;
    }
    assert_true(changed > 0); /* the dates did show different events */
    s.when = (cm_when){a, b, 30, 1};
    expect_counts(&s);
    /* the filter: every other event hidden */
    for (int i = 0; i < c.events.n; i += 2) c.events.ev[i].hidden = 1;
    c.events.filter_gen++;
    expect_counts(&s);
    /* a layer hidden: events without a place in it are no longer counted as such */
    int before = legend_count_unplaced(&s);
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) c.layers[k].visible = 0;
    expect_counts(&s);
    assert_int_equal(legend_count_unplaced(&s), 0);
    for (int k = CM_LAYER_FIRST_EVENT; k < CM_LAYER_COUNT; k++) c.layers[k].visible = 1;
    assert_int_equal(legend_count_unplaced(&s), before);
    for (int i = 0; i < c.events.n; i++) c.events.ev[i].hidden = 0;
    c.events.filter_gen++;
    expect_counts(&s);
    catalog_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_counts_follow_what_is_shown)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
