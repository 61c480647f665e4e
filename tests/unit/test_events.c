/* test_events: the events part: GeoJSON loading and its error messages (data/geojson), the
 * event store's date filters (data/events) checked against a brute-force scan, and the
 * events at a place (data/report) with the real geodata and the default dataset.
 * Fixtures are in tests/fixtures/events/; files too odd or too big to keep are written
 * into CM_OUT at test time. */
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
#include <sys/stat.h>

#include "data/catalog.h"
#include "data/date.h"
#include "data/events.h"
#include "data/geojson.h"
#include "data/query.h"
#include "data/report.h"

#define MAP_CRS "EPSG:22770"

/* $CM_SRC/tests/fixtures/events/<name> */
static const char *fixture(const char *name)
{
    static char buf[4][2048];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, sizeof buf[0], "%s/tests/fixtures/events/%s", env("CM_SRC"), name);
    return b;
}

static int32_t day(const char *iso)
{
    cm_date d;
    if (date_parse(iso, &d) != 0) fail_msg("bad date in the test: %s", iso);
    return d.day;
}

/* The last day a date covers ("2025" -> 2025-12-31). */
static int32_t last_day(const char *iso)
{
    cm_date d;
    if (date_parse(iso, &d) != 0) fail_msg("bad date in the test: %s", iso);
    return date_last(d);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot write %s", path);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* ------------------------------------------------------------------ loading */

static void load_ok(const char *path, cm_events *s)
{
    char err[1024] = "";
    int rc = geojson_load(path, s, err, sizeof err);
    if (rc != 0) print_error("geojson_load(%s): %s\n", path, err);
    assert_int_equal(rc, 0);
}

static const cm_event *find(const cm_events *s, const char *id)
{
    int i = events_find(s, id);
    if (i < 0) print_error("no event '%s' in the store\n", id);
    assert_true(i >= 0);
    return &s->ev[i];
}

/* Importer attributes are found by key; an event without them answers NULL. */
static void test_event_attr(void **state)
{
    (void)state;
    cm_attr a[2] = {{"country", "Lebanon"}, {"actor1", "Protesters"}};
    cm_event e = {0};
    assert_null(events_attr(&e, "country"));
    e.attr = a;
    e.nattr = 2;
    assert_string_equal(events_attr(&e, "country"), "Lebanon");
    assert_string_equal(events_attr(&e, "actor1"), "Protesters");
    assert_null(events_attr(&e, "actor2"));
}

static void test_valid_fixture(void **state)
{
    (void)state;
    cm_events s = {0};
    load_ok(fixture("valid.geojson"), &s);
    assert_int_equal(s.n, 5);

    /* a point with an end, day precision, figures and sources in full */
    const cm_event *e = find(&s, "fx-strike-days");
    assert_string_equal(e->title, "Fixture strikes over five days");
    assert_string_equal(e->summary, "A point event with an end date, day precision.");
    assert_string_equal(e->place, "Damascus");
    assert_int_equal(e->cat, CM_CAT_STRIKE);
    assert_false(e->is_area);
    assert_true(e->has_point);
    assert_true(e->approx);
    assert_false(e->offmap);
    assert_true(fabs(e->lon - 36.277) < 1e-9 && fabs(e->lat - 33.514) < 1e-9);
    assert_int_equal(e->start.prec, CM_PREC_DAY);
    assert_int_equal(e->end.prec, CM_PREC_DAY);
    assert_int_equal(e->first, day("2025-03-06"));
    assert_int_equal(e->last, day("2025-03-10"));
    assert_int_equal(e->nregions, 1);
    assert_string_equal(e->regions[0], "SY-DI");
    assert_int_equal(e->nfig, 2);
    assert_string_equal(e->fig[0].value, "3 killed");
    assert_string_equal(e->fig[0].reporter, "Fixture Health Ministry");
    assert_int_equal(e->fig[0].day, day("2025-03-07"));
    assert_string_equal(e->fig[1].reporter, "Fixture Monitor");
    assert_int_equal(e->fig[1].day, CM_DAY_NONE);
    assert_int_equal(e->nsrc, 1);
    assert_string_equal(e->src[0].outlet, "Fixture Outlet A");
    assert_string_equal(e->src[0].url, "https://example.org/a");
    assert_string_equal(e->src[0].title, "Headline A");
    assert_string_equal(e->src[0].note, "Supports the dates.");
    assert_int_equal(e->src[0].day, day("2025-03-07"));
    assert_null(e->poly);

    /* an area by regions, month precision: the whole of July */
    e = find(&s, "fx-area-month");
    assert_true(e->is_area);
    assert_false(e->has_point);
    assert_null(e->poly);
    assert_int_equal(e->cat, CM_CAT_VIOLENCE);
    assert_int_equal(e->start.prec, CM_PREC_MONTH);
    assert_int_equal(e->end.prec, CM_PREC_MONTH);
    assert_int_equal(e->first, day("2025-07-01"));
    assert_int_equal(e->last, day("2025-07-31"));
    assert_int_equal(e->nregions, 2);
    assert_string_equal(e->regions[0], "SY-SU");
    assert_string_equal(e->regions[1], "SY-DR");
    assert_string_equal(e->summary, ""); /* the default */
    assert_null(e->place);
    assert_int_equal(e->nfig, 0);
    assert_int_equal(e->nsrc, 1);
    assert_null(e->src[0].url);
    assert_int_equal(e->src[0].day, CM_DAY_NONE);

    /* an open-ended area from a polygon (kind inferred) */
    e = find(&s, "fx-zone-open");
    assert_true(e->is_area);
    assert_non_null(e->poly);
    assert_int_equal(e->poly->nrings, 1);
    assert_int_equal(e->poly->npts, 5);
    assert_int_equal(e->cat, CM_CAT_ZONE);
    assert_int_equal(e->first, day("2025-02-23"));
    assert_int_equal(e->last, CM_DAY_NEVER);
    assert_int_equal(e->end.day, CM_DAY_NEVER);

    /* no geometry, no regions: a point with no position; year precision */
    e = find(&s, "fx-statement-year");
    assert_false(e->is_area);
    assert_false(e->has_point);
    assert_false(e->offmap);
    assert_int_equal(e->cat, CM_CAT_STATEMENT);
    assert_int_equal(e->start.prec, CM_PREC_YEAR);
    assert_int_equal(e->first, day("2024-01-01"));
    assert_int_equal(e->last, day("2024-12-31"));
    assert_int_equal(e->nsrc, 0);

    /* off the map */
    e = find(&s, "fx-talks-paris");
    assert_true(e->offmap);
    assert_true(e->has_point);
    assert_false(e->is_area);
    assert_int_equal(e->cat, CM_CAT_DIPLOMACY);
    assert_int_equal(e->first, day("2025-07-24"));
    assert_int_equal(e->last, day("2025-07-24"));

    /* indexed: sorted by first day, the open zone among the long ones */
    events_index(&s);
    for (int i = 1; i < s.n; i++) assert_true(s.ev[i - 1].first <= s.ev[i].first);
    assert_int_equal(s.span_first, day("2024-01-01"));
    assert_int_equal(s.span_last, day("2025-07-31"));
    int zone = events_find(&s, "fx-zone-open"), seen = 0;
    for (int k = 0; k < s.nlong; k++) seen |= s.longs[k] == zone;
    assert_true(seen);
    events_free(&s);
}

static void test_default_dataset(void **state)
{
    (void)state;
    cm_events s = {0};
    load_ok(default_events(), &s);
    assert_int_equal(s.n, 24);
    for (int i = 0; i < s.n; i++) {
        const cm_event *e = &s.ev[i];
        if (e->nsrc < 1) print_error("event '%s' has no source\n", e->id);
        assert_true(e->nsrc >= 1);
        for (int k = 0; k < e->nsrc; k++) assert_true(e->src[k].outlet && e->src[k].outlet[0]);
        for (int k = 0; k < e->nfig; k++) {
            if (!e->fig[k].reporter || !e->fig[k].reporter[0]) print_error("event '%s' figure %d has no reporter\n", e->id, k + 1);
            assert_true(e->fig[k].reporter && e->fig[k].reporter[0]);
            assert_true(e->fig[k].value && e->fig[k].value[0]);
        }
        assert_true(e->title && e->title[0]);
        for (int j = 0; j < i; j++) {
            if (strcmp(e->id, s.ev[j].id) == 0) print_error("id '%s' is used twice\n", e->id);
            assert_string_not_equal(e->id, s.ev[j].id);
        }
    }
    /* a few facts the other tests rely on */
    assert_int_equal(find(&s, "area-suwayda-violence")->first, day("2025-07-13"));
    assert_int_equal(find(&s, "area-suwayda-violence")->last, day("2025-07-20"));
    assert_int_equal(find(&s, "zone-south-demil")->last, CM_DAY_NEVER);
    assert_int_equal(find(&s, "il-air-campaign")->start.prec, CM_PREC_DAY); /* 8-10 December 2024 */
    assert_int_equal(find(&s, "il-air-campaign")->first, day("2024-12-08"));
    assert_int_equal(find(&s, "il-air-campaign")->last, day("2024-12-10"));
    events_free(&s);
}

static cm_events err_store; /* freed by free_err_store, also when an assertion fails */

static int free_err_store(void **state)
{
    (void)state;
    events_free(&err_store);
    return 0;
}

/* geojson_load(path) must fail without touching a store that already holds the valid
 * fixture, with one line that names the file and contains every one of the words. */
static void expect_load_error(const char *path, const char *words[])
{
    cm_events *s = &err_store;
    events_free(s);
    load_ok(fixture("valid.geojson"), s);
    int n0 = s->n;
    char err[2048];
    memset(err, 0, sizeof err);
    int rc = geojson_load(path, s, err, sizeof err);
    if (rc != -1) print_error("geojson_load(%s) returned %d, expected -1 (err: %s)\n", path, rc, err);
    assert_int_equal(rc, -1);
    if (s->n != n0) print_error("%s: the store has %d events after the failed load, expected %d\n", path, s->n, n0);
    assert_int_equal(s->n, n0);
    /* what was there is intact, nothing of the bad file stayed */
    assert_true(events_find(s, "fx-strike-days") >= 0 && events_find(s, "fx-talks-paris") >= 0);
    assert_int_equal(events_find(s, "ok-first"), -1);
    assert_string_equal(s->ev[0].title, "Fixture strikes over five days");
    assert_true(err[0] != 0);
    if (strchr(err, '\n')) print_error("message is more than one line: %s\n", err);
    assert_null(strchr(err, '\n'));
    if (!strstr(err, path)) print_error("message does not name the file %s: %s\n", path, err);
    assert_non_null(strstr(err, path));
    for (int i = 0; words && words[i]; i++) {
        if (!strstr(err, words[i])) print_error("message lacks \"%s\": %s\n", words[i], err);
        assert_non_null(strstr(err, words[i]));
    }
    /* the store still works after the failure: its ids are still known */
    char err2[256];
    assert_int_equal(geojson_load(fixture("valid.geojson"), s, err2, sizeof err2), -1); /* ids used twice */
    assert_non_null(strstr(err2, "twice"));
    assert_int_equal(s->n, n0);
}

#define WORDS(...) ((const char *[]){__VA_ARGS__, NULL})

static void test_error_syntax(void **state)
{
    (void)state;
    expect_load_error(fixture("syntax.geojson"), WORDS("line 7", "column", "syntax"));
}

/* A syntax error past the parser's first 64 KiB read: the line is still counted right. */
static void test_error_syntax_far(void **state)
{
    (void)state;
    const char *path = outfile("events_syntax_far.geojson");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n");
    int line = 4;
    for (int i = 0; i < 1500; i++, line++)
        fprintf(f, "    {\"type\": \"Feature\", \"properties\": {\"id\": \"far-%04d\", \"title\": \"Padding feature\", "
                   "\"category\": \"strike\", \"start\": \"2025-01-02\"}, \"geometry\": null},\n", i);
    fprintf(f, "    {\"type\": \"Feature\", \"properties\": {\"id\": \"far-bad\" \"title\": \"x\"}}\n  ]\n}\n");
    assert_int_equal(fclose(f), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 3 * 65536);
    char want[32];
    snprintf(want, sizeof want, "line %d,", line);
    expect_load_error(path, WORDS(want));
}

static void test_error_not_collection(void **state)
{
    (void)state;
    expect_load_error(fixture("not-collection.geojson"), WORDS("FeatureCollection"));
}

static void test_error_top_level_array(void **state)
{
    (void)state;
    const char *path = outfile("events_array.geojson");
    const char *text = "[{\"type\": \"FeatureCollection\", \"features\": []}]\n";
    write_file(path, text, strlen(text));
    expect_load_error(path, WORDS("FeatureCollection"));
}

static void test_error_wrong_type(void **state)
{
    (void)state;
    expect_load_error(fixture("start-number.geojson"), WORDS("'start'", "number", "feature 2", "bad-start"));
}

static void test_error_missing_field(void **state)
{
    (void)state;
    expect_load_error(fixture("missing-title.geojson"), WORDS("'title'", "missing", "no-title"));
}

static void test_error_bad_date(void **state)
{
    (void)state;
    expect_load_error(fixture("bad-date.geojson"), WORDS("'start'", "2025-02-30", "bad-date"));
}

static void test_error_reversed_range(void **state)
{
    (void)state;
    expect_load_error(fixture("reversed-range.geojson"), WORDS("'end'", "before", "2025-03-01", "2025-03-10"));
}

static void test_error_coordinates(void **state)
{
    (void)state;
    expect_load_error(fixture("coords-out-of-range.geojson"), WORDS("outside", "200", "far-away"));
}

static void test_error_category(void **state)
{
    (void)state;
    expect_load_error(fixture("unknown-category.geojson"), WORDS("'category'", "rumour", "rumour-1"));
}

static void test_error_duplicate_id(void **state)
{
    (void)state;
    expect_load_error(fixture("duplicate-id.geojson"), WORDS("dup-id", "twice", "feature 3"));
}

static void test_error_ring(void **state)
{
    (void)state;
    expect_load_error(fixture("ring-3.geojson"), WORDS("ring", "3 positions"));
}

/* RFC 7946 rings are closed: the last position repeats the first (the message already says so). */
static void test_error_ring_open(void **state)
{
    (void)state;
    expect_load_error(fixture("ring-open.geojson"), WORDS("ring", "open-ring"));
}

/* A MultiPolygon with no polygons is an area with no place: it must be refused here, not
 * reach the projection and triangulation with no points. */
static void test_error_multipolygon_empty(void **state)
{
    (void)state;
    expect_load_error(fixture("multipolygon-empty.geojson"), WORDS("no-polygons"));
}

static void test_error_empty(void **state)
{
    (void)state;
    expect_load_error(fixture("empty.geojson"), WORDS("empty"));
}

static void test_error_directory(void **state)
{
    (void)state;
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/tests/fixtures/events", env("CM_SRC"));
    expect_load_error(dir, WORDS("directory"));
}

static void test_error_nonexistent(void **state)
{
    (void)state;
    expect_load_error(fixture("no-such-file.geojson"), WORDS("No such file"));
}

static void test_error_invalid_utf8(void **state)
{
    (void)state;
    const char *path = outfile("events_bad_utf8.geojson");
    const char text[] = "{\"type\": \"FeatureCollection\", \"features\": [\n"
                        "  {\"type\": \"Feature\", \"properties\": {\"id\": \"utf8\", \"title\": \"bad \xff\xfe\xc3 bytes\", "
                        "\"category\": \"strike\", \"start\": \"2025\"}, \"geometry\": null}\n]}\n";
    write_file(path, text, sizeof text - 1);
    expect_load_error(path, NULL);
}

static void test_error_long_string(void **state)
{
    (void)state;
    const char *path = outfile("events_long_string.geojson");
    size_t len = 2u << 20;
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\", \"properties\": {\"id\": \"long\", \"title\": \"", f);
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'a', len);
    assert_int_equal(fwrite(big, 1, len, f), len);
    free(big);
    fputs("\", \"category\": \"strike\", \"start\": \"2025\"}, \"geometry\": null}\n]}\n", f);
    assert_int_equal(fclose(f), 0);
    expect_load_error(path, WORDS("longer"));
    remove(path);
}

/* A short error buffer is cut, not overrun, and still says where. */
static void test_error_short_buffer(void **state)
{
    (void)state;
    cm_events s = {0};
    char err[24];
    memset(err, 'Z', sizeof err);
    assert_int_equal(geojson_load(fixture("bad-date.geojson"), &s, err, 16), -1);
    assert_int_equal(strlen(err), 15);
    assert_int_equal(err[16], 'Z');
    assert_int_equal(s.n, 0);
    events_free(&s);
}

/* ------------------------------------------------------------------ date filters */

typedef struct {
    const cm_events *s;
    char ids[64][64];
    int n;
    int *hits;     /* per store index, when counting */
} collect_ctx;

static int collect(const cm_event *e, int idx, void *u)
{
    collect_ctx *c = u;
    assert_true(idx >= 0 && idx < c->s->n);
    assert_ptr_equal(e, &c->s->ev[idx]);
    if (c->hits) c->hits[idx]++;
    else if (c->n < 64) snprintf(c->ids[c->n++], sizeof c->ids[0], "%s", e->id);
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(a, b); }

/* The ids active from the first day of a to the last day of b with fade, sorted and joined with commas. */
static const char *active(const cm_events *s, const char *a, const char *b, int32_t fade)
{
    static char out[2048];
    collect_ctx c = {.s = s};
    events_each_active(s, day(a), last_day(b), fade, collect, &c);
    qsort(c.ids, c.n, sizeof c.ids[0], cmp_str);
    out[0] = 0;
    for (int i = 0; i < c.n; i++) {
        if (i) strcat(out, ",");
        strcat(out, c.ids[i]);
    }
    return out;
}

static void expect_active(const cm_events *s, const char *a, const char *b, int32_t fade, const char *want)
{
    const char *got = active(s, a, b, fade);
    if (strcmp(got, want) != 0) print_error("active in [%s, %s] fade %d: \"%s\", expected \"%s\"\n", a, b, (int)fade, got, want);
    assert_string_equal(got, want);
}

static void test_active_fixture(void **state)
{
    (void)state;
    cm_events s = {0};
    load_ok(fixture("valid.geojson"), &s);
    events_index(&s);
    /* single days, no fade */
    expect_active(&s, "2024-06-15", "2024-06-15", 0, "fx-statement-year");
    expect_active(&s, "2024-12-31", "2024-12-31", 0, "fx-statement-year");
    expect_active(&s, "2025-01-01", "2025-01-01", 0, "");
    expect_active(&s, "2025-02-22", "2025-02-22", 0, "");
    expect_active(&s, "2025-02-23", "2025-02-23", 0, "fx-zone-open");
    expect_active(&s, "2025-03-06", "2025-03-06", 0, "fx-strike-days,fx-zone-open");
    expect_active(&s, "2025-03-10", "2025-03-10", 0, "fx-strike-days,fx-zone-open");
    expect_active(&s, "2025-03-11", "2025-03-11", 0, "fx-zone-open");
    /* a month-precision area is on from the 1st to the 31st, not on the 1st of the next month */
    expect_active(&s, "2025-06-30", "2025-06-30", 0, "fx-zone-open");
    expect_active(&s, "2025-07-01", "2025-07-01", 0, "fx-area-month,fx-zone-open");
    expect_active(&s, "2025-07-24", "2025-07-24", 0, "fx-area-month,fx-talks-paris,fx-zone-open");
    expect_active(&s, "2025-07-31", "2025-07-31", 0, "fx-area-month,fx-zone-open");
    expect_active(&s, "2025-08-01", "2025-08-01", 0, "fx-zone-open");
    /* areas never fade, points do */
    expect_active(&s, "2025-08-01", "2025-08-01", 30, "fx-talks-paris,fx-zone-open");
    expect_active(&s, "2025-03-20", "2025-03-20", 30, "fx-strike-days,fx-zone-open"); /* 10 days after */
    expect_active(&s, "2025-03-20", "2025-03-20", 10, "fx-strike-days,fx-zone-open");
    expect_active(&s, "2025-03-20", "2025-03-20", 9, "fx-zone-open");
    expect_active(&s, "2025-03-20", "2025-03-20", 5, "fx-zone-open");
    expect_active(&s, "2025-01-10", "2025-01-10", 30, "fx-statement-year");
    /* the open zone is on forever */
    expect_active(&s, "2099-12-31", "2099-12-31", 0, "fx-zone-open");
    /* windows: everything that meets them */
    expect_active(&s, "2025-03-01", "2025-03-31", 0, "fx-strike-days,fx-zone-open");
    expect_active(&s, "2025-03-10", "2025-07-01", 0, "fx-area-month,fx-strike-days,fx-zone-open");
    expect_active(&s, "2024-12-01", "2025-02-22", 0, "fx-statement-year");
    expect_active(&s, "2024", "2025", 0, "fx-area-month,fx-statement-year,fx-strike-days,fx-talks-paris,fx-zone-open");
    expect_active(&s, "2023-01-01", "2023-12-31", 0, "");
    expect_active(&s, "2025-07-25", "2025-08-31", 0, "fx-area-month,fx-zone-open");

    /* events_each_shown: a day fades points, a window does not */
    cm_when w = {day("2025-03-20"), day("2025-03-20"), 30, 0};
    collect_ctx c = {.s = &s};
    events_each_shown(&s, &w, collect, &c);
    assert_int_equal(c.n, 2);
    w.window = 1;
    c.n = 0;
    events_each_shown(&s, &w, collect, &c);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.ids[0], "fx-zone-open");
    events_free(&s);
}

/* Adds a bare event by hand. */
static void add_event(cm_events *s, const char *id, int32_t first, int32_t last, int is_area)
{
    cm_event e;
    memset(&e, 0, sizeof e);
    e.id = strdup(id);
    e.title = strdup(id);
    e.summary = strdup("");
    e.cat = is_area ? CM_CAT_VIOLENCE : CM_CAT_STRIKE;
    e.is_area = (unsigned char)is_area;
    e.start.day = first;
    e.start.prec = CM_PREC_DAY;
    e.end.day = last == CM_DAY_NEVER ? CM_DAY_NEVER : last;
    e.end.prec = CM_PREC_DAY;
    e.first = first;
    e.last = last;
    assert_non_null(e.id);
    assert_int_equal(events_add(s, &e), 0);
    assert_null(e.id); /* moved into the store */
}

static void test_fade_and_weight(void **state)
{
    (void)state;
    cm_events s = {0};
    int32_t d0 = day("2025-07-06");
    add_event(&s, "point", d0, d0, 0);
    add_event(&s, "area", d0 - 5, d0, 1);
    add_event(&s, "later", d0 + 20, d0 + 20, 0);
    events_index(&s);
    const cm_event *p = find(&s, "point"), *a = find(&s, "area"), *later = find(&s, "later");

    /* a point 10 days old is shown with --fade 30, not with --fade 5 */
    expect_active(&s, "2025-07-16", "2025-07-16", 30, "point");
    expect_active(&s, "2025-07-16", "2025-07-16", 5, "");
    cm_when w = {d0 + 10, d0 + 10, 30, 0};
    assert_true(events_weight(p, &w) > 0);
    w.fade = 5;
    assert_true(events_weight(p, &w) == 0);
    /* the area ended with it and does not fade at all */
    w.fade = 30;
    assert_true(events_weight(a, &w) == 0);
    w.a = w.b = d0 + 1;
    assert_true(events_weight(a, &w) == 0);
    w.a = w.b = d0;
    assert_true(events_weight(a, &w) == 1);
    expect_active(&s, "2025-07-07", "2025-07-07", 30, "point");

    /* the weight falls with age: 1 on the day, down to 0.25 at the fade limit, then 0 */
    float prev = 2;
    for (int age = 0; age <= 30; age++) {
        w = (cm_when){d0 + age, d0 + age, 30, 0};
        float wt = events_weight(p, &w);
        if (!(wt < prev)) print_error("weight at age %d is %g, not below %g\n", age, wt, prev);
        assert_true(wt < prev);
        assert_true(wt >= 0.25f - 1e-6f && wt <= 1);
        prev = wt;
    }
    w = (cm_when){d0, d0, 30, 0};
    assert_true(events_weight(p, &w) == 1);
    w = (cm_when){d0 + 30, d0 + 30, 30, 0};
    assert_true(fabsf(events_weight(p, &w) - 0.25f) < 1e-6f);
    w = (cm_when){d0 + 31, d0 + 31, 30, 0};
    assert_true(events_weight(p, &w) == 0);
    /* before it starts: not shown; in a window that meets it: in full; after a window: not */
    w = (cm_when){d0 - 1, d0 - 1, 30, 0};
    assert_true(events_weight(p, &w) == 0);
    w = (cm_when){d0 - 10, d0 + 10, 30, 1};
    assert_true(events_weight(p, &w) == 1);
    assert_true(events_weight(later, &w) == 0);
    w = (cm_when){d0 + 1, d0 + 5, 30, 1};
    assert_true(events_weight(p, &w) == 0);
    /* fade 0: gone the day after */
    w = (cm_when){d0 + 1, d0 + 1, 0, 0};
    assert_true(events_weight(p, &w) == 0);
    events_free(&s);
}

static int stop_after_first(const cm_event *e, int idx, void *u)
{
    (void)e;
    (void)idx;
    (*(int *)u)++;
    return 1;
}

static void test_each_active_stops(void **state)
{
    (void)state;
    cm_events s = {0};
    add_event(&s, "a", 100, 100, 0);
    add_event(&s, "b", 100, 110, 0);
    add_event(&s, "c", 50, CM_DAY_NEVER, 1);
    events_index(&s);
    int calls = 0;
    events_each_active(&s, 100, 100, 0, stop_after_first, &calls);
    assert_int_equal(calls, 1);
    /* an empty store */
    cm_events empty = {0};
    events_index(&empty);
    calls = 0;
    events_each_active(&empty, 0, 1000, 30, stop_after_first, &calls);
    assert_int_equal(calls, 0);
    events_free(&s);
    events_free(&empty);
}

/* The documented rule, written out plainly. */
static int brute_meets(const cm_event *e, int32_t a, int32_t b, int32_t fade)
{
    if (e->first > b) return 0;
    if (e->last == CM_DAY_NEVER) return 1;
    int64_t until = (int64_t)e->last + (e->is_area ? 0 : fade);
    return until >= a;
}

static void test_active_random(void **state)
{
    (void)state;
    srand(42);
    cm_events s = {0};
    const int n = 2000;
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "r%04d", i);
        int32_t first = 20000 + rand() % 3000, last;
        switch (rand() % 10) {
        case 6: last = first + CM_SHORT_SPAN + rand() % 2; break; /* right at the short/long limit */
        case 7:
        case 8: last = first + CM_SHORT_SPAN + 1 + rand() % 900; break;
        case 9: last = CM_DAY_NEVER; break;
        default: last = first + rand() % (CM_SHORT_SPAN + 1); break;
        }
        add_event(&s, id, first, last, rand() % 10 < 3);
    }
    events_index(&s);
    assert_int_equal(s.n, n);
    int *hits = calloc(n, sizeof *hits);
    assert_non_null(hits);
    long total = 0;
    for (int k = 0; k < 200; k++) {
        int32_t a = 19800 + rand() % 3500;
        int32_t b = a + (k % 3 == 0 ? 0 : rand() % 120);
        int32_t fade = k % 4 == 0 ? 0 : rand() % 90;
        memset(hits, 0, sizeof *hits * n);
        collect_ctx c = {.s = &s, .hits = hits};
        events_each_active(&s, a, b, fade, collect, &c);
        for (int i = 0; i < n; i++) {
            int want = brute_meets(&s.ev[i], a, b, fade);
            if (hits[i] != want)
                print_error("window %d [%d, %d] fade %d: event %s (%d..%d, %s) reported %d times, expected %d\n", k, (int)a,
                            (int)b, (int)fade, s.ev[i].id, (int)s.ev[i].first, (int)s.ev[i].last,
                            s.ev[i].is_area ? "area" : "point", hits[i], want);
            assert_int_equal(hits[i], want);
            total += want;
        }
    }
    assert_true(total > 1000); /* the windows did meet events */
    free(hits);
    events_free(&s);
}

/* ------------------------------------------------------------------ catalog and report */

static cm_catalog cat;

static int setup_catalog(void **state)
{
    (void)state;
    char err[1024] = "";
    if (catalog_load(&cat, env("CM_GEODATA"), MAP_CRS, err, sizeof err) != 0 ||
        catalog_add_events(&cat, default_events(), err, sizeof err) != 0 ||
        catalog_add_events(&cat, fixture("valid.geojson"), err, sizeof err) != 0 ||
        catalog_finish_events(&cat, err, sizeof err) != 0) {
        print_error("catalog: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown_catalog(void **state)
{
    (void)state;
    catalog_free(&cat);
    return 0;
}

/* The ids at lon,lat on day iso (fade 30), in report order, joined with commas. */
static const char *at(double lon, double lat, const char *iso)
{
    static char out[4096];
    double x, y;
    assert_int_equal(catalog_project(&cat, lon, lat, &x, &y), 0);
    cm_when w = {day(iso), day(iso), 30, 0};
    int *idx = NULL;
    int n = query_at(&cat, x, y, &w, 1000.0, &idx);
    assert_true(n >= 0);
    out[0] = 0;
    strcat(out, ",");
    for (int i = 0; i < n; i++) {
        assert_true(idx[i] >= 0 && idx[i] < cat.events.n);
        if (strlen(out) + strlen(cat.events.ev[idx[i]].id) + 2 < sizeof out) {
            strcat(out, cat.events.ev[idx[i]].id);
            strcat(out, ",");
        }
    }
    free(idx);
    return out;
}

static void expect_at(double lon, double lat, const char *iso, const char *id, int present)
{
    char key[128];
    snprintf(key, sizeof key, ",%s,", id);
    const char *got = at(lon, lat, iso);
    int has = strstr(got, key) != NULL;
    if (has != present)
        print_error("at %g,%g on %s: %s %s expected; got [%s]\n", lon, lat, iso, id, present ? "is" : "is not", got);
    assert_int_equal(has, present);
}

#define SUWAYDA 36.566, 32.709
#define DARAA 36.102, 32.619
#define JABLEH 35.926, 35.362

static void test_report_at(void **state)
{
    (void)state;
    assert_int_equal(cat.events.n, 29);
    expect_at(SUWAYDA, "2025-07-16", "area-suwayda-violence", 1);
    expect_at(SUWAYDA, "2025-07-16", "zone-south-demil", 1);
    expect_at(SUWAYDA, "2025-07-16", "il-suwayda-strikes", 1);
    expect_at(SUWAYDA, "2025-01-01", "area-suwayda-violence", 0);
    expect_at(SUWAYDA, "2025-07-21", "area-suwayda-violence", 0); /* ended on the 20th; areas do not fade */
    expect_at(DARAA, "2025-03-01", "zone-south-demil", 1);
    expect_at(DARAA, "2025-02-01", "zone-south-demil", 0);
    expect_at(DARAA, "2025-02-23", "zone-south-demil", 1);
    expect_at(DARAA, "2025-02-22", "zone-south-demil", 0);
    expect_at(JABLEH, "2025-03-08", "area-coastal-violence", 1);
    expect_at(JABLEH, "2025-03-08", "coast-jableh", 1);
    expect_at(JABLEH, "2025-05-01", "area-coastal-violence", 0);
    expect_at(JABLEH, "2025-05-01", "coast-jableh", 0);
    /* Suwayda is not in the coastal area, Jableh not in the southern zone */
    expect_at(SUWAYDA, "2025-03-08", "area-coastal-violence", 0);
    expect_at(JABLEH, "2025-07-16", "zone-south-demil", 0);
    /* the fixture's area by regions (SY-SU and SY-DR) covers both, in July only */
    expect_at(SUWAYDA, "2025-07-31", "fx-area-month", 1);
    expect_at(DARAA, "2025-07-01", "fx-area-month", 1);
    expect_at(DARAA, "2025-08-01", "fx-area-month", 0);
    expect_at(JABLEH, "2025-07-15", "fx-area-month", 0);
    /* its polygon zone, projected and triangulated */
    expect_at(35.9, 33.0, "2025-03-01", "fx-zone-open", 1);
    expect_at(36.1, 33.0, "2025-03-01", "fx-zone-open", 0);

    /* areas first, then points newest first */
    const char *got = at(SUWAYDA, "2025-07-16");
    assert_string_equal(got, ",area-suwayda-violence,fx-area-month,zone-south-demil,il-suwayda-strikes,suwayda-start,");

    /* a hidden layer reports nothing */
    cat.layers[CM_LAYER_VIOLENCE].visible = 0;
    expect_at(SUWAYDA, "2025-07-16", "area-suwayda-violence", 0);
    expect_at(SUWAYDA, "2025-07-16", "zone-south-demil", 1);
    cat.layers[CM_LAYER_VIOLENCE].visible = 1;
}

static void test_report_regions_resolved(void **state)
{
    (void)state;
    const cm_layer *gov = &cat.layers[CM_LAYER_GOVERNORATES];
    for (int i = 0; i < cat.events.n; i++) {
        const cm_event *e = &cat.events.ev[i];
        for (int k = 0; k < e->nregions; k++) {
            assert_non_null(e->region_idx);
            assert_true(e->region_idx[k] >= 0 && e->region_idx[k] < gov->shp.nfeatures);
            assert_string_equal(shapes_attr(&gov->shp, e->region_idx[k], "ISO"), e->regions[k]);
        }
        if (e->is_area) assert_true(e->poly || e->nregions > 0);
    }
    /* the date span of the default data and the fixture */
    assert_int_equal(cat.events.span_first, day("2024-01-01"));
    assert_int_equal(cat.events.span_last, day("2025-08-19"));
}

static void test_catalog_unknown_region(void **state)
{
    (void)state;
    cm_catalog c;
    char err[1024] = "";
    assert_int_equal(catalog_load(&c, env("CM_GEODATA"), MAP_CRS, err, sizeof err), 0);
    /* regions are resolved as the file is added, so the message names the file too */
    int rc = catalog_add_events(&c, fixture("unknown-region.geojson"), err, sizeof err);
    assert_int_equal(rc, -1);
    if (!strstr(err, "SY-ZZ") || !strstr(err, "atlantis")) print_error("message: %s\n", err);
    assert_non_null(strstr(err, "SY-ZZ"));
    assert_non_null(strstr(err, "atlantis"));
    assert_non_null(strstr(err, "unknown-region.geojson"));
    assert_int_equal(c.events.n, 0);
    /* and a bad file leaves a catalog's events as they were */
    int n0 = c.events.n;
    assert_int_equal(catalog_add_events(&c, fixture("reversed-range.geojson"), err, sizeof err), -1);
    assert_int_equal(c.events.n, n0);
    catalog_free(&c);
}

int main(void)
{
    const struct CMUnitTest loading[] = {
        cmocka_unit_test(test_valid_fixture),
        cmocka_unit_test(test_default_dataset),
        cmocka_unit_test_teardown(test_error_syntax, free_err_store),
        cmocka_unit_test_teardown(test_error_syntax_far, free_err_store),
        cmocka_unit_test_teardown(test_error_not_collection, free_err_store),
        cmocka_unit_test_teardown(test_error_top_level_array, free_err_store),
        cmocka_unit_test_teardown(test_error_wrong_type, free_err_store),
        cmocka_unit_test_teardown(test_error_missing_field, free_err_store),
        cmocka_unit_test_teardown(test_error_bad_date, free_err_store),
        cmocka_unit_test_teardown(test_error_reversed_range, free_err_store),
        cmocka_unit_test_teardown(test_error_coordinates, free_err_store),
        cmocka_unit_test_teardown(test_error_category, free_err_store),
        cmocka_unit_test_teardown(test_error_duplicate_id, free_err_store),
        cmocka_unit_test_teardown(test_error_ring, free_err_store),
        cmocka_unit_test_teardown(test_error_ring_open, free_err_store),
        cmocka_unit_test_teardown(test_error_multipolygon_empty, free_err_store),
        cmocka_unit_test_teardown(test_error_empty, free_err_store),
        cmocka_unit_test_teardown(test_error_directory, free_err_store),
        cmocka_unit_test_teardown(test_error_nonexistent, free_err_store),
        cmocka_unit_test_teardown(test_error_invalid_utf8, free_err_store),
        cmocka_unit_test_teardown(test_error_long_string, free_err_store),
        cmocka_unit_test(test_error_short_buffer),
        cmocka_unit_test(test_active_fixture),
        cmocka_unit_test(test_fade_and_weight),
        cmocka_unit_test(test_each_active_stops),
        cmocka_unit_test(test_active_random),
        cmocka_unit_test(test_catalog_unknown_region),
    };
    const struct CMUnitTest report[] = {
        cmocka_unit_test(test_event_attr),
        cmocka_unit_test(test_report_at),
        cmocka_unit_test(test_report_regions_resolved),
    };
    int failed = cmocka_run_group_tests_name("events_loading_and_filters", loading, NULL, NULL);
    failed += cmocka_run_group_tests_name("events_catalog_and_report", report, setup_catalog, teardown_catalog);
    return failed;
}
