/* test_filter: the analyst's filter (data/filter) and the export (data/export).
 * - filter_match over events loaded from tests/fixtures/analyst/attributes.geojson (which also
 *   checks the GeoJSON "attributes" object and "start_precision": "week") and over events built
 *   here: free text (all words, any ASCII case, Arabic), actors, types and sub-event types,
 *   fatalities parsed from figures, sources, date and location precision;
 * - filter_apply: hidden events leave events_each_shown and events_weight;
 * - export_write: GeoJSON and CSV written, loaded back into a second catalog and compared field
 *   by field; an existing file is kept without force; a bad directory gives one line naming it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/catalog.h"
#include "data/export.h"
#include "data/filter.h"
#include "data/geojson.h"

#define MAP_CRS "EPSG:22770"

static const char *fixture(const char *dir, const char *name)
{
    static char buf[4][2048];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, sizeof buf[0], "%s/tests/fixtures/%s/%s", env("CM_SRC"), dir, name);
    return b;
}

static cm_catalog A, B; /* A: what is loaded; B: what an export loads back as */
static int ok_a, ok_b;

static int setup(void **state)
{
    (void)state;
    char err[1024] = "";
    if (catalog_load(&A, env("CM_GEODATA"), MAP_CRS, err, sizeof err) != 0 ||
        catalog_load(&B, env("CM_GEODATA"), MAP_CRS, err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    ok_a = ok_b = 1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    if (ok_a) catalog_free(&A);
    if (ok_b) catalog_free(&B);
    return 0;
}

static int empty_stores(void **state)
{
    (void)state;
    events_free(&A.events);
    events_free(&B.events);
    return 0;
}

static void load(cm_catalog *c, const char *path)
{
    char err[2048] = "";
    int rc = catalog_add_events(c, path, err, sizeof err);
    if (rc != 0) print_error("catalog_add_events(%s): %s\n", path, err);
    assert_int_equal(rc, 0);
    assert_int_equal(catalog_finish_events(c, err, sizeof err), 0);
}

/* the ids that pass f, in store order, joined by spaces */
static const char *matching(const cm_events *s, const cm_filter *f)
{
    static char out[1024];
    out[0] = 0;
    for (int i = 0; i < s->n; i++)
        if (filter_match(f, &s->ev[i])) {
            size_t n = strlen(out);
            snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", s->ev[i].id);
        }
    return out;
}

static const char *by_text(const char *words)
{
    cm_filter f;
    filter_init(&f);
    filter_set_text(&f, words);
    return matching(&A.events, &f);
}

static const char *by_types(const char *list)
{
    cm_filter f;
    char err[512];
    filter_init(&f);
    assert_int_equal(filter_set_types(&f, list, err, sizeof err), 0);
    return matching(&A.events, &f);
}

/* ---- loading the fixture ---- */

static void test_attributes_loaded(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    assert_int_equal(A.events.n, 4);
    const cm_event *e = &A.events.ev[events_find(&A.events, "an-clash-week")];
    assert_string_equal(events_attr(e, "actor2"), "Bedouin Ethnic Militia (Syria)");
    assert_string_equal(events_attr(e, "sub_event_type"), "Armed clash");
    assert_null(events_attr(e, "tags"));
    assert_int_equal(e->start.prec, CM_PREC_WEEK);
    cm_date d;
    date_parse("2025-07-14", &d);
    assert_int_equal(e->first, d.day - 3); /* a day +- 3 */
    assert_int_equal(e->last, d.day + 3);
    e = &A.events.ev[events_find(&A.events, "an-massacre")];
    assert_int_equal(e->nattr, 0);
}

static void test_attributes_errors(void **state)
{
    (void)state;
    const char *path = outfile("bad-attributes.geojson");
    const char *docs[] = {
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"x\",\"title\":\"t\","
        "\"category\":\"battle\",\"start\":\"2025\",\"attributes\":{\"fatalities\":3}},\"geometry\":null}]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"x\",\"title\":\"t\","
        "\"category\":\"battle\",\"start\":\"2025-07\",\"start_precision\":\"week\"},\"geometry\":null}]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"x\",\"title\":\"t\","
        "\"category\":\"battle\",\"start\":\"2025-07-01\",\"start_precision\":\"fortnight\"},\"geometry\":null}]}",
    };
    const char *want[] = {"feature 1 (id 'x'): 'attributes' member 'fatalities' is a number, expected a string",
                          "feature 1 (id 'x'): 'start_precision' is week, so 'start' must be a day (YYYY-MM-DD)",
                          "feature 1 (id 'x'): 'start_precision': 'fortnight' is not week"};
    for (int i = 0; i < 3; i++) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(docs[i], f);
        fclose(f);
        cm_events s = {0};
        char err[1024] = "";
        assert_int_equal(geojson_load(path, &s, err, sizeof err), -1);
        if (!strstr(err, want[i]) || strncmp(err, path, strlen(path)) != 0) print_error("got [%s]\nwant [%s]\n", err, want[i]);
        assert_non_null(strstr(err, want[i]));
        assert_int_equal(s.n, 0);
        events_free(&s);
    }
}

/* ---- matching ---- */

static void test_text(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    assert_string_equal(by_text("armed clash"), "an-clash-week");
    assert_string_equal(by_text("ARMED   Clash"), "an-clash-week"); /* any case, any spacing */
    assert_string_equal(by_text("izra dar'a"), "an-clash-week");   /* all words, in different fields */
    assert_string_equal(by_text("izra quneitra"), "");
    assert_string_equal(by_text("tribal"), "an-clash-week");        /* an associated actor */
    assert_string_equal(by_text("horan"), "an-clash-week");         /* a source */
    assert_string_equal(by_text("health ministry"), "an-massacre an-drone"); /* who reported a figure */
    assert_string_equal(by_text("crowd"), "an-arrests");            /* tags */
    assert_string_equal(by_text("\xD8\xA7\xD9\x84\xD8\xB3\xD9\x88\xD9\x8A\xD8\xAF\xD8\xA7\xD8\xA1"), "an-arrests"); /* Arabic place */
    assert_string_equal(by_text("\xD8\xA7\xD8\xB9\xD8\xAA\xD9\x82\xD9\x84\xD8\xAA"), "an-arrests"); /* an Arabic word of the summary */
    assert_string_equal(by_text("an-drone"), "an-drone");           /* the id */
    assert_string_equal(by_text(""), "an-arrests an-clash-week an-massacre an-drone");
}

static void test_actor_source_precision(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    cm_filter f;
    char err[256];
    filter_init(&f);
    filter_set_actor(&f, "military forces");
    assert_string_equal(matching(&A.events, &f), "an-clash-week an-drone");
    filter_set_actor(&f, "Tribal Forces");
    assert_string_equal(matching(&A.events, &f), "an-clash-week");
    filter_set_actor(&f, "general security");
    assert_string_equal(matching(&A.events, &f), "an-arrests");
    filter_set_actor(&f, "SOHR"); /* a source, not an actor */
    assert_string_equal(matching(&A.events, &f), "");
    filter_set_actor(&f, "");
    assert_false(filter_active(&f));

    filter_set_source(&f, "times OF");
    assert_string_equal(matching(&A.events, &f), "an-drone");
    filter_set_source(&f, "");

    assert_int_equal(filter_set_date_precision(&f, "week", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-clash-week");
    assert_int_equal(filter_set_date_precision(&f, "day,month", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-arrests an-massacre an-drone");
    assert_int_equal(filter_set_date_precision(&f, "hour", err, sizeof err), -1);
    assert_non_null(strstr(err, "'hour' is not day, week, month or year"));
    assert_int_equal(filter_set_date_precision(&f, "", err, sizeof err), 0);

    assert_int_equal(filter_set_location_precision(&f, "exact", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-arrests an-drone");
    assert_int_equal(filter_set_location_precision(&f, "approximate", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-clash-week an-massacre");
    assert_int_equal(filter_set_location_precision(&f, "nearby", err, sizeof err), -1);
}

static void test_types(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    assert_string_equal(by_types("battle"), "an-clash-week");                        /* a category */
    assert_string_equal(by_types("battles"), "an-clash-week");                       /* its layer */
    assert_string_equal(by_types("Explosions/Remote violence"), "an-drone");         /* ACLED's type name */
    assert_string_equal(by_types("air/drone strike"), "an-drone");                   /* a sub-event type, any case */
    assert_string_equal(by_types("violence"), "an-massacre");                        /* the project's own */
    assert_string_equal(by_types("Arrests, battle"), "an-arrests an-clash-week");    /* either */
    assert_string_equal(by_types("Strike"), "");                                     /* a display name */

    cm_filter f;
    char err[512] = "";
    filter_init(&f);
    assert_int_equal(filter_set_types(&f, "Airdrone", err, sizeof err), 0);
    assert_int_equal(filter_check_types(&f, &A.events, err, sizeof err), -1); /* neither ACLED's nor the data's */
    assert_non_null(strstr(err, "--type 'airdrone': not a category"));
    /* a sub-event type the data has passes the check */
    cm_event *e = &A.events.ev[0];
    cm_attr extra[] = {{"sub_event_type", "Airdrone"}};
    cm_attr *keep = e->attr;
    uint16_t nkeep = e->nattr;
    e->attr = extra;
    e->nattr = 1;
    assert_int_equal(filter_check_types(&f, &A.events, err, sizeof err), 0);
    assert_true(filter_match(&f, e));
    e->attr = keep;
    e->nattr = nkeep;
}

/* the number of killed parsed from one figure's words */
static long killed(const char *value)
{
    cm_figure g = {(char *)value, (char *)"Someone", CM_DAY_NONE};
    cm_event e = {0};
    e.fig = &g;
    e.nfig = 1;
    const char *rep = NULL;
    long k = filter_fatalities(&e, &rep);
    if (k >= 0) assert_string_equal(rep, "Someone");
    return k;
}

static void test_fatalities(void **state)
{
    (void)state;
    assert_int_equal(killed("1,383 civilians killed"), 1383);
    assert_int_equal(killed("more than 1,500 civilians killed"), 1500);
    assert_int_equal(killed("1 killed, 18 wounded"), 1);            /* the wounded do not count */
    assert_int_equal(killed("18 wounded, 2 killed"), 2);
    assert_int_equal(killed("12 deaths (estimates 10\xE2\x80\x93" "15)"), 12); /* UCDP's figure */
    assert_int_equal(killed("3 reported fatalities"), 3);          /* ACLED's */
    assert_int_equal(killed("0 reported fatalities"), 0);
    assert_int_equal(killed("dozens dead or wounded"), -1);        /* no number */
    assert_int_equal(killed("hundreds of strikes"), -1);
    assert_int_equal(killed("300 strikes; 5 soldiers died"), 5);
    assert_int_equal(killed("\xD9\x85\xD9\x82\xD8\xAA\xD9\x84 40 \xD8\xB4\xD8\xAE\xD8\xB5\xD8\xA7\xD9\x8B"), 40); /* Arabic: maqtal 40 */

    load(&A, fixture("analyst", "attributes.geojson"));
    const char *rep;
    const cm_event *m = &A.events.ev[events_find(&A.events, "an-massacre")];
    assert_int_equal(filter_fatalities(m, &rep), 1000); /* the largest figure, and who gave it */
    assert_string_equal(rep, "SOHR");
    cm_filter f;
    char err[256];
    filter_init(&f);
    assert_int_equal(filter_set_min_fatalities(&f, "7", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-clash-week an-massacre");
    assert_int_equal(filter_set_min_fatalities(&f, "8", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "an-massacre");
    assert_int_equal(filter_set_min_fatalities(&f, "1001", err, sizeof err), 0);
    assert_string_equal(matching(&A.events, &f), "");
    assert_int_equal(filter_set_min_fatalities(&f, "-1", err, sizeof err), -1);
    assert_int_equal(filter_set_min_fatalities(&f, "5x", err, sizeof err), -1);
    assert_non_null(strstr(err, "--min-fatalities '5x'"));
}

/* ---- the filter hides events from every view ---- */

static int count_shown(const cm_event *e, int idx, void *n)
{
    (void)idx;
    (void)e;
    ++*(int *)n;
    return 0;
}

static void test_apply_hides(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    cm_when w = {0, 0, 30, 1};
    cm_date d;
    date_parse("2025-07", &d);
    w.a = date_first(d);
    w.b = date_last(d);
    int n = 0;
    events_each_shown(&A.events, &w, count_shown, &n);
    assert_int_equal(n, 4);
    cm_filter f;
    char err[256];
    filter_init(&f);
    assert_int_equal(filter_set_types(&f, "battle,strategic", err, sizeof err), 0);
    unsigned gen = A.events.filter_gen;
    assert_int_equal(filter_apply(&f, &A.events), 2);
    assert_true(A.events.filter_gen != gen);
    n = 0;
    events_each_shown(&A.events, &w, count_shown, &n);
    assert_int_equal(n, 2);
    const cm_event *drone = &A.events.ev[events_find(&A.events, "an-drone")];
    assert_true(drone->hidden);
    assert_true(events_weight(drone, &w) == 0);
    filter_init(&f);
    assert_int_equal(filter_apply(&f, &A.events), 4); /* an empty filter shows everything again */
    assert_true(events_weight(drone, &w) > 0);
}

static void test_describe_and_args(void **state)
{
    (void)state;
    cm_filter f;
    char err[256], buf[1024];
    filter_init(&f);
    filter_describe(&f, buf, sizeof buf);
    assert_string_equal(buf, "");
    filter_set_text(&f, "it's here");
    filter_set_actor(&f, "Druze");
    assert_int_equal(filter_set_types(&f, "battle,Air/drone strike", err, sizeof err), 0);
    assert_int_equal(filter_set_min_fatalities(&f, "10", err, sizeof err), 0);
    filter_args(&f, buf, sizeof buf);
    assert_string_equal(buf, "--text 'it'\\''s here' --actor 'Druze' --type 'battle,Air/drone strike' --min-fatalities '10'");
    filter_describe(&f, buf, sizeof buf);
    assert_string_equal(buf, "\"it's here\" \xC2\xB7 actor \"Druze\" \xC2\xB7 type battle,Air/drone strike \xC2\xB7 10+ killed");
}

static void test_parse_line(void **state)
{
    (void)state;
    cm_filter f;
    char err[256] = "", line[512];
    assert_int_equal(filter_parse(&f, "druze  type:battle,Air/drone strike killed:10 actor:\"Military Forces\" place:exact", err, sizeof err), 0);
    assert_string_equal(f.text, "druze strike"); /* "strike" after a space is a word, not part of type: */
    assert_string_equal(f.types, "battle,Air/drone");
    assert_string_equal(f.actor, "Military Forces");
    assert_int_equal(f.min_fatal, 10);
    assert_int_equal(f.loc, CM_LOCF_EXACT);
    filter_line(&f, line, sizeof line);
    assert_string_equal(line, "druze strike type:battle,Air/drone actor:\"Military Forces\" killed:10 place:exact");
    cm_filter g;
    assert_int_equal(filter_parse(&g, line, err, sizeof err), 0); /* the line reads back the same */
    assert_memory_equal(&f, &g, sizeof f);
    assert_int_equal(filter_parse(&f, "type:\"Air/drone strike\" killed:", err, sizeof err), 0); /* killed: still being typed */
    assert_int_equal(f.nsubs, 1);
    assert_int_equal(f.min_fatal, 0);
    assert_int_equal(filter_parse(&f, "killed:many", err, sizeof err), -1);
    assert_int_equal(f.nsubs, 1); /* unchanged */
    assert_non_null(strstr(err, "'many'"));
    assert_int_equal(filter_parse(&f, "", err, sizeof err), 0);
    assert_false(filter_active(&f));
}

/* ---- export ---- */

static const cm_event *in_b(const char *id)
{
    int i = events_find(&B.events, id);
    if (i < 0) print_error("the export has no event '%s'\n", id);
    assert_true(i >= 0);
    return &B.events.ev[i];
}

static void same_str(const char *what, const char *id, const char *a, const char *b)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
        print_error("%s of %s: [%s] became [%s]\n", what, id, a ? a : "(null)", b ? b : "(null)");
    if (a && b) assert_string_equal(a, b);
    else assert_true(a == b);
}

/* every event of A is in B with the same record; with csv, only what ACLED's columns hold */
static void expect_same_events(int csv)
{
    assert_int_equal(B.events.n, A.events.n);
    for (int i = 0; i < A.events.n; i++) {
        const cm_event *a = &A.events.ev[i], *b = in_b(a->id);
        assert_int_equal(a->start.day, b->start.day);
        assert_int_equal(a->start.prec, b->start.prec);
        assert_int_equal(a->end.day, b->end.day);
        assert_int_equal(a->end.prec, b->end.prec);
        /* the days it covers follow from the dates (UCDP's importer keeps a week-precise
         * event's days as date_start..date_end, not the dates' +- 3: compared where they agree) */
        if (a->first == date_first(a->start) && (a->last == CM_DAY_NEVER || a->last == date_last(a->end))) {
            assert_int_equal(a->first, b->first);
            assert_int_equal(a->last, b->last);
        }
        assert_int_equal(a->cat, b->cat);
        assert_int_equal(a->approx, b->approx);
        assert_int_equal(a->has_point, b->has_point);
        if (a->has_point) {
            assert_true(a->lon == b->lon); /* exactly: the shortest text that reads back the same */
            assert_true(a->lat == b->lat);
        }
        same_str("title", a->id, a->title, b->title);
        same_str("place", a->id, a->place, b->place);
        same_str("summary", a->id, a->summary, b->summary);
        assert_int_equal(a->nfig, b->nfig);
        for (int k = 0; k < a->nfig; k++) {
            same_str("figure", a->id, a->fig[k].value, b->fig[k].value);
            same_str("reporter", a->id, a->fig[k].reporter, b->fig[k].reporter);
            assert_int_equal(a->fig[k].day, b->fig[k].day);
        }
        assert_int_equal(a->nsrc, b->nsrc);
        for (int k = 0; k < a->nsrc; k++) {
            same_str("outlet", a->id, a->src[k].outlet, b->src[k].outlet);
            same_str("source note", a->id, a->src[k].note, b->src[k].note);
            if (!csv) {
                same_str("url", a->id, a->src[k].url, b->src[k].url);
                same_str("source title", a->id, a->src[k].title, b->src[k].title);
                assert_int_equal(a->src[k].day, b->src[k].day);
            }
        }
        if (csv) continue;
        assert_int_equal(a->is_area, b->is_area);
        assert_int_equal(a->offmap, b->offmap);
        assert_int_equal(a->nregions, b->nregions);
        for (int k = 0; k < a->nregions; k++) assert_string_equal(a->regions[k], b->regions[k]);
        assert_int_equal(a->nattr, b->nattr);
        for (int k = 0; k < a->nattr; k++) same_str(a->attr[k].key, a->id, a->attr[k].value, events_attr(b, a->attr[k].key));
        assert_int_equal(a->poly != NULL, b->poly != NULL);
        if (a->poly) { /* unprojected, written to 1e-7 degrees, projected again: within a few cm */
            assert_int_equal(a->poly->npts, b->poly->npts);
            assert_int_equal(a->poly->nrings, b->poly->nrings);
            for (int k = 0; k < a->poly->npts; k++) {
                assert_true(fabs(a->poly->pts[k].x - b->poly->pts[k].x) < 0.05);
                assert_true(fabs(a->poly->pts[k].y - b->poly->pts[k].y) < 0.05);
            }
        }
    }
}

static int *all_events(const cm_catalog *c)
{
    int *idx = malloc(sizeof(int) * (size_t)(c->events.n ? c->events.n : 1));
    assert_non_null(idx);
    for (int i = 0; i < c->events.n; i++) idx[i] = i;
    return idx;
}

static void export_ok(const cm_catalog *c, const char *path)
{
    char err[1024] = "";
    int *idx = all_events(c);
    unlink(path);
    int rc = export_write(c, idx, c->events.n, path, 0, err, sizeof err);
    if (rc) print_error("export_write: %s\n", err);
    assert_int_equal(rc, 0);
    free(idx);
}

static void test_export_geojson_round_trip(void **state)
{
    (void)state;
    load(&A, default_events());
    load(&A, fixture("events", "valid.geojson"));
    load(&A, fixture("analyst", "attributes.geojson"));
    load(&A, fixture("acled", "valid.csv"));
    load(&A, fixture("ucdp", "valid.csv"));
    const char *path = outfile("round-trip.geojson");
    export_ok(&A, path);
    load(&B, path);
    expect_same_events(0);
}

static void test_export_csv_round_trip(void **state)
{
    (void)state;
    load(&A, fixture("acled", "valid.csv"));
    const char *path = outfile("round-trip.csv");
    export_ok(&A, path);
    load(&B, path);
    expect_same_events(1);
}

static void test_export_refuses_and_replaces(void **state)
{
    (void)state;
    load(&A, fixture("analyst", "attributes.geojson"));
    const char *path = outfile("kept.geojson");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("precious\n", f);
    fclose(f);
    char err[1024] = "";
    int idx[1] = {0};
    assert_int_equal(export_write(&A, idx, 1, path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "the file exists (give --force to replace it)"));
    char line[32] = "";
    f = fopen(path, "r");
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "precious\n");
    assert_int_equal(export_write(&A, idx, 1, path, 1, err, sizeof err), 0); /* force */
    load(&B, path);
    assert_int_equal(B.events.n, 1);
    char tmp[2200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    assert_int_equal(access(tmp, F_OK), -1); /* no temporary file left */

    const char *nodir = outfile("no-such-dir/x.csv");
    assert_int_equal(export_write(&A, idx, 1, nodir, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, nodir));
    assert_non_null(strstr(err, "cannot write"));
    assert_null(strchr(err, '\n'));
    assert_int_equal(export_write(&A, idx, 1, outfile("x.txt"), 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "must end in .geojson or .csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_attributes_loaded, empty_stores),
        cmocka_unit_test(test_attributes_errors),
        cmocka_unit_test_teardown(test_text, empty_stores),
        cmocka_unit_test_teardown(test_actor_source_precision, empty_stores),
        cmocka_unit_test_teardown(test_types, empty_stores),
        cmocka_unit_test_teardown(test_fatalities, empty_stores),
        cmocka_unit_test_teardown(test_apply_hides, empty_stores),
        cmocka_unit_test(test_describe_and_args),
        cmocka_unit_test(test_parse_line),
        cmocka_unit_test_teardown(test_export_geojson_round_trip, empty_stores),
        cmocka_unit_test_teardown(test_export_csv_round_trip, empty_stores),
        cmocka_unit_test_teardown(test_export_refuses_and_replaces, empty_stores),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
