/* test_import: the ACLED and UCDP GED CSV importers (data/acled, data/ucdp, data/csvread) as the
 * application uses them: through catalog_add_events, which tells the format by the file's
 * first byte and its CSV header, then catalog_finish_events. Checks what each awkward row
 * becomes, that every bad file is refused with a message naming the file and the line the
 * bad row starts on (embedded newlines counted), that a refused file leaves the store as it
 * was, and a generated export of 100,000 rows.
 * Fixtures are in tests/fixtures/acled/ and tests/fixtures/ucdp/; files too big to keep are
 * written into CM_OUT at test time (the generator is build/gen_acled, beside CM_BIN). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "data/acled.h"
#include "data/catalog.h"
#include "data/date.h"
#include "data/events.h"
#include "data/import.h"
#include "data/ucdp.h"
#include "base/utf8.h"

#define MAP_CRS "EPSG:22770"
#define EN_DASH "\xE2\x80\x93"

/* $CM_SRC/tests/fixtures/<dir>/<name> */
static const char *fixture_in(const char *dir, const char *name)
{
    static char buf[4][2048];
    static int k;
    char *b = buf[k++ % 4];
    snprintf(b, sizeof buf[0], "%s/tests/fixtures/%s/%s", env("CM_SRC"), dir, name);
    return b;
}
#define ACLED(name) fixture_in("acled", name)
#define UCDP(name) fixture_in("ucdp", name)

static int32_t day(const char *iso)
{
    cm_date d;
    if (date_parse(iso, &d) != 0) fail_msg("bad date in the test: %s", iso);
    assert_int_equal(d.prec, CM_PREC_DAY);
    return d.day;
}

/* ------------------------------------------------------------------ the catalog */

/* One catalog for the whole run (loading the base layers is the slow part); each test starts
 * with its event store emptied. */
static cm_catalog cat;
static int cat_ok;

static int setup_catalog(void **state)
{
    (void)state;
    char err[1024] = "";
    if (catalog_load(&cat, env("CM_GEODATA"), MAP_CRS, err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    cat_ok = 1;
    return 0;
}

static int teardown_catalog(void **state)
{
    (void)state;
    if (cat_ok) catalog_free(&cat);
    cat_ok = 0;
    return 0;
}

/* Each test starts with an empty store and a fresh import state, strict (all-or-nothing) as
 * the importers were before tolerant loading; the tolerant tests clear strict themselves. */
static int empty_store(void **state)
{
    (void)state;
    events_free(&cat.events);
    import_reset(&cat.import);
    cat.import.o = (cm_import_opts){.strict = 1};
    return 0;
}

static void add_ok(const char *path)
{
    char err[2048] = "";
    int rc = catalog_add_events(&cat, path, err, sizeof err);
    if (rc != 0) print_error("catalog_add_events(%s): %s\n", path, err);
    assert_int_equal(rc, 0);
}

static void finish(void)
{
    char err[1024] = "";
    int rc = catalog_finish_events(&cat, err, sizeof err);
    if (rc != 0) print_error("catalog_finish_events: %s\n", err);
    assert_int_equal(rc, 0);
}

static const cm_event *find(const char *id)
{
    int i = events_find(&cat.events, id);
    if (i < 0) print_error("no event '%s' in the store\n", id);
    assert_true(i >= 0);
    return &cat.events.ev[i];
}

static void expect_contains(const char *what, const char *text, const char *part)
{
    if (!text || !strstr(text, part)) print_error("%s [%s] does not contain [%s]\n", what, text ? text : "(null)", part);
    assert_non_null(text);
    assert_non_null(strstr(text, part));
}

static void expect_figure(const cm_event *e, const char *value, const char *reporter)
{
    if (e->nfig != 1) print_error("event %s has %d figures, expected 1\n", e->id, e->nfig);
    assert_int_equal(e->nfig, 1);
    assert_string_equal(e->fig[0].value, value);
    assert_string_equal(e->fig[0].reporter, reporter);
    assert_int_equal(e->fig[0].day, CM_DAY_NONE);
}

static void expect_outlet(const cm_event *e, const char *outlet)
{
    if (e->nsrc != 1) print_error("event %s has %d sources, expected 1\n", e->id, e->nsrc);
    assert_int_equal(e->nsrc, 1);
    assert_string_equal(e->src[0].outlet, outlet);
    assert_null(e->src[0].url);
    assert_non_null(e->src[0].note);
}

/* The projected point lies where catalog_project puts lon, lat. */
static void expect_point(const cm_event *e, double lon, double lat)
{
    assert_true(e->has_point);
    assert_false(e->is_area);
    assert_false(e->offmap);
    assert_true(fabs(e->lon - lon) < 1e-9 && fabs(e->lat - lat) < 1e-9);
    double x, y;
    assert_int_equal(catalog_project(&cat, lon, lat, &x, &y), 0);
    assert_true(fabs(e->x - x) < 1.0 && fabs(e->y - y) < 1.0);
    /* inside the map's home extent: it is in Syria */
    assert_true(x > cat.home[0] && x < cat.home[2] && y > cat.home[1] && y < cat.home[3]);
}

/* ------------------------------------------------------------------ ACLED: the valid file */

static void test_acled_valid(void **state)
{
    (void)state;
    add_ok(ACLED("valid.csv"));
    finish();
    assert_int_equal(cat.events.n, 8);

    /* quoted actors with commas, notes with doubled quotes and commas, ISO date, day precision */
    const cm_event *e = find("SYR1001");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    assert_int_equal(e->start.prec, CM_PREC_DAY);
    assert_int_equal(e->start.day, day("2025-07-16"));
    assert_int_equal(e->first, day("2025-07-16"));
    assert_int_equal(e->last, day("2025-07-16"));
    assert_false(e->approx);
    expect_point(e, 36.5660, 32.7090);
    expect_contains("summary", e->summary,
                    "On 16 July 2025, clashes between \"Group A\" and \"Group B\" continued, with heavy shelling.");
    expect_contains("summary", e->summary, "Military Forces of Syria (2024-)");
    assert_null(strstr(e->summary, "\"\"")); /* doubled quotes are unescaped */
    assert_string_equal(e->place, "As-Suwayda");
    expect_contains("title", e->title, "Armed clash");
    expect_figure(e, "12 reported fatalities", "ACLED");
    expect_outlet(e, "Syrian Observatory for Human Rights; Suwayda 24");
    expect_contains("source note", e->src[0].note, "National");

    /* "16 July 2025", time_precision 2 (a week either side), geo_precision 3, an embedded
     * newline in the notes, an Arabic place name */
    e = find("SYR1002");
    assert_int_equal(e->cat, CM_CAT_EXPLOSION);
    assert_int_equal(e->start.prec, CM_PREC_WEEK);
    assert_int_equal(e->start.day, day("2025-07-16"));
    assert_int_equal(e->first, day("2025-07-13"));
    assert_int_equal(e->last, day("2025-07-19"));
    assert_true(e->approx);
    expect_point(e, 36.1021, 32.6189);
    expect_contains("summary", e->summary, "Drone strikes hit the area;\nreports continue");
    expect_contains("place", e->place, "درعا");
    expect_contains("title", e->title, "درعا");
    expect_figure(e, "0 reported fatalities", "ACLED");
    expect_outlet(e, "Times of Israel");

    /* time_precision 3: the month the date is in, from its 1st */
    e = find("SYR1003");
    assert_int_equal(e->cat, CM_CAT_CIVILIANS);
    assert_int_equal(e->start.prec, CM_PREC_MONTH);
    assert_int_equal(e->start.day, day("2025-06-01"));
    assert_int_equal(e->first, day("2025-06-01"));
    assert_int_equal(e->last, day("2025-06-30"));
    assert_true(e->approx); /* geo_precision 2 */
    expect_contains("place", e->place, "حمص");
    expect_contains("summary", e->summary, "An attack on a family's home, \"unprovoked\", per SANA.");
    expect_figure(e, "3 reported fatalities", "ACLED");
    expect_outlet(e, "SANA");

    /* no coordinates, admin1 "Damascus": placed on its governorate as a region; "3 Jul 2025" */
    e = find("SYR1004");
    assert_int_equal(e->cat, CM_CAT_PROTEST);
    assert_false(e->has_point);
    assert_true(e->is_area);
    assert_int_equal(e->nregions, 1);
    assert_string_equal(e->regions[0], "SY-DI");
    assert_false(e->offmap);
    assert_int_equal(e->first, day("2025-07-03"));
    assert_string_equal(e->place, "Damascus");
    expect_figure(e, "0 reported fatalities", "ACLED");

    e = find("SYR1005");
    assert_int_equal(e->cat, CM_CAT_RIOT);
    assert_false(e->approx);
    expect_point(e, 35.9260, 35.3620);
    expect_contains("place", e->place, "جبلة");
    expect_contains("place", e->place, "Latakia");
    expect_contains("summary", e->summary, "Rioters, some armed, attacked shops.");
    expect_figure(e, "1 reported fatalities", "ACLED");
    expect_outlet(e, "North Press Agency");
    expect_contains("source note", e->src[0].note, "Subnational");

    /* no source, no fatalities: no source and no figure, not empty ones */
    e = find("SYR1006");
    assert_int_equal(e->cat, CM_CAT_STRATEGIC);
    assert_int_equal(e->first, day("2025-01-01"));
    assert_int_equal(e->nfig, 0);
    assert_int_equal(e->nsrc, 0);
    expect_contains("summary", e->summary, "No source was given for this one.");

    /* three lines of notes with doubled quotes and a comma; a location with a comma */
    e = find("SYR1007");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    assert_int_equal(e->first, day("2025-03-08"));
    expect_contains("summary", e->summary, "Line one\nLine \"two\", with a comma\nLine three");
    expect_contains("place", e->place, "Baniyas, coast");
    expect_figure(e, "44 reported fatalities", "ACLED");
    expect_outlet(e, "Syrian Network for Human Rights, SNHR");

    /* "31 Dec 2024", Arabic place and notes */
    e = find("SYR1008");
    assert_int_equal(e->cat, CM_CAT_EXPLOSION);
    assert_int_equal(e->first, day("2024-12-31"));
    assert_int_equal(e->start.prec, CM_PREC_DAY);
    expect_contains("place", e->place, "دير الزور");
    expect_contains("summary", e->summary, "قصف على المدينة");
    expect_point(e, 40.1408, 35.3359);

    /* every event has what the rest of the program relies on */
    for (int i = 0; i < cat.events.n; i++) {
        const cm_event *x = &cat.events.ev[i];
        assert_true(x->id && x->id[0] && x->title && x->title[0] && x->summary);
        assert_true(x->first <= x->last);
        if (strcmp(x->id, "SYR1004") != 0) assert_int_equal(x->nregions, 0); /* SYR1004: on its admin1 */
        assert_null(x->poly);
        for (int k = 0; k < x->nfig; k++) assert_true(x->fig[k].reporter && x->fig[k].reporter[0]);
        for (int k = 0; k < x->nsrc; k++) assert_true(x->src[k].outlet && x->src[k].outlet[0]);
    }
    /* the date index: sorted, and the span of the file */
    for (int i = 1; i < cat.events.n; i++) assert_true(cat.events.ev[i - 1].first <= cat.events.ev[i].first);
    assert_int_equal(cat.events.span_first, day("2024-12-31"));
    assert_int_equal(cat.events.span_last, day("2025-07-19"));
}

/* Each of the six event types lands in its own layer. */
static void test_acled_categories(void **state)
{
    (void)state;
    add_ok(ACLED("valid.csv"));
    finish();
    int per_cat[CM_CAT_COUNT] = {0}, per_layer[CM_LAYER_COUNT] = {0};
    for (int i = 0; i < cat.events.n; i++) {
        per_cat[cat.events.ev[i].cat]++;
        per_layer[catalog_event_layer(cat.events.ev[i].cat)]++;
    }
    assert_int_equal(per_cat[CM_CAT_BATTLE], 2);
    assert_int_equal(per_cat[CM_CAT_EXPLOSION], 2);
    assert_int_equal(per_cat[CM_CAT_CIVILIANS], 1);
    assert_int_equal(per_cat[CM_CAT_PROTEST], 1);
    assert_int_equal(per_cat[CM_CAT_RIOT], 1);
    assert_int_equal(per_cat[CM_CAT_STRATEGIC], 1);
    assert_int_equal(per_layer[CM_LAYER_BATTLES], 2);
    assert_int_equal(per_layer[CM_LAYER_EXPLOSIONS], 2);
    assert_int_equal(per_layer[CM_LAYER_CIVILIANS], 1);
    assert_int_equal(per_layer[CM_LAYER_PROTESTS], 1);
    assert_int_equal(per_layer[CM_LAYER_RIOTS], 1);
    assert_int_equal(per_layer[CM_LAYER_STRATEGIC], 1);
    for (int l = CM_LAYER_STRIKES; l <= CM_LAYER_STATEMENTS; l++) assert_int_equal(per_layer[l], 0);
}

/* ------------------------------------------------------------------ ACLED: files that load */

static void test_acled_crlf(void **state)
{
    (void)state;
    add_ok(ACLED("crlf.csv"));
    finish();
    assert_int_equal(cat.events.n, 3);
    const cm_event *e = find("SYR9001");
    expect_contains("summary", e->summary, "First line");
    expect_contains("summary", e->summary, "second line");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    /* the last field of each row has no CR left on it */
    expect_figure(e, "2 reported fatalities", "ACLED");
    e = find("SYR9002");
    assert_int_equal(e->cat, CM_CAT_RIOT);
    assert_int_equal(e->first, day("2025-05-02"));
    expect_contains("summary", e->summary, "A note, \"quoted\".");
    e = find("SYR9999");
    assert_int_equal(e->first, day("2025-05-03"));
    expect_point(e, 36.2900, 33.5100);
}

static void test_acled_bom(void **state)
{
    (void)state;
    add_ok(ACLED("bom.csv"));
    finish();
    assert_int_equal(cat.events.n, 2);
    /* the mark does not stick to the first column's name or the first id */
    const cm_event *e = find("SYR9001");
    assert_int_equal(e->first, day("2025-05-01"));
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    expect_point(e, 36.6330, 35.9300);
    find("SYR9002");
}

static void test_acled_header_only(void **state)
{
    (void)state;
    add_ok(ACLED("header-only.csv"));
    finish();
    assert_int_equal(cat.events.n, 0);
    /* and files after it still load */
    add_ok(ACLED("valid.csv"));
    finish();
    assert_int_equal(cat.events.n, 8);
}

/* A small export with only the required columns, as the first file of an empty store: the
 * loader's size estimate (a row per 160 bytes) makes room for one event, and five follow. */
static void test_acled_minimal_columns(void **state)
{
    (void)state;
    struct stat st;
    assert_int_equal(stat(ACLED("minimal-columns.csv"), &st), 0);
    assert_true(st.st_size >= 160 && st.st_size < 320); /* what makes the estimate 1 */
    assert_int_equal(cat.events.n, 0);
    add_ok(ACLED("minimal-columns.csv"));
    finish();
    assert_int_equal(cat.events.n, 5);
    const cm_event *e = find("MIN1");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    assert_int_equal(e->first, day("2025-07-16"));
    expect_point(e, 36.2765, 33.5138);
    assert_int_equal(e->nfig, 0); /* no fatalities column */
    assert_int_equal(e->nsrc, 0);
    assert_null(e->place);
    e = find("MIN3");
    assert_int_equal(e->cat, CM_CAT_RIOT);
    assert_false(e->has_point);
    assert_int_equal(find("MIN4")->cat, CM_CAT_STRATEGIC);
    assert_int_equal(find("MIN5")->cat, CM_CAT_CIVILIANS);
    assert_int_equal(find("MIN2")->cat, CM_CAT_PROTEST);
}

static void test_ucdp_minimal_columns(void **state)
{
    (void)state;
    struct stat st;
    assert_int_equal(stat(UCDP("minimal-columns.csv"), &st), 0);
    assert_true(st.st_size >= 160 && st.st_size < 320);
    assert_int_equal(cat.events.n, 0);
    add_ok(UCDP("minimal-columns.csv"));
    finish();
    assert_int_equal(cat.events.n, 3);
    const cm_event *e = find("77001");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    expect_point(e, 36.2765, 33.5138);
    assert_int_equal(e->nfig, 0);
    e = find("77002");
    assert_int_equal(e->cat, CM_CAT_CIVILIANS);
    assert_int_equal(e->first, day("2025-07-17"));
    assert_int_equal(e->last, day("2025-07-17")); /* no date_end: the one day */
    assert_false(find("77003")->has_point);
}

/* ------------------------------------------------------------------ bad files */

#define WORDS(...) ((const char *[]){__VA_ARGS__, NULL})

/* catalog_add_events(path) must fail on a store that holds `before` (8 or 4 events), say
 * "path: line N:" and every one of the words on one line, and leave the store as it was. */
static void expect_error(const char *before, int n_before, const char *path, int line, const char *words[])
{
    add_ok(before);
    assert_int_equal(cat.events.n, n_before);
    char err[2048];
    memset(err, 0, sizeof err);
    int rc = catalog_add_events(&cat, path, err, sizeof err);
    if (rc != -1) print_error("catalog_add_events(%s) returned %d, expected -1 (err: %s)\n", path, rc, err);
    assert_int_equal(rc, -1);
    if (cat.events.n != n_before)
        print_error("%s: the store has %d events after the failed load, expected %d\n", path, cat.events.n, n_before);
    assert_int_equal(cat.events.n, n_before);
    assert_true(err[0] != 0);
    if (strchr(err, '\n')) print_error("message is more than one line: %s\n", err);
    assert_null(strchr(err, '\n'));
    if (!strstr(err, path)) print_error("message does not name the file %s: %s\n", path, err);
    assert_non_null(strstr(err, path));
    if (line > 0) {
        char want[64];
        snprintf(want, sizeof want, ": line %d:", line);
        if (!strstr(err, want)) print_error("message does not say \"%s\": %s\n", want, err);
        assert_non_null(strstr(err, want));
    }
    for (int i = 0; words && words[i]; i++) {
        if (!strstr(err, words[i])) print_error("message lacks \"%s\": %s\n", words[i], err);
        assert_non_null(strstr(err, words[i]));
    }
    /* nothing of the bad file stayed; what was there is intact */
    for (int i = 0; i < cat.events.n; i++) assert_true(strncmp(cat.events.ev[i].id, "SYR9", 4) != 0 && strncmp(cat.events.ev[i].id, "539", 3) != 0);
    finish();
    assert_int_equal(cat.events.n, n_before);
    if (n_before == 8) {
        const cm_event *e = find("SYR1007");
        assert_string_equal(e->fig[0].value, "44 reported fatalities");
        expect_contains("summary", e->summary, "Line one\nLine \"two\", with a comma\nLine three");
        /* the store takes more files after the failure */
        add_ok(ACLED("bom.csv"));
        finish();
        assert_int_equal(cat.events.n, n_before + 2);
        assert_int_equal(find("SYR9001")->first, day("2025-05-01"));
        assert_string_equal(find("SYR1001")->src[0].outlet, "Syrian Observatory for Human Rights; Suwayda 24");
    } else {
        const cm_event *e = find("530001");
        assert_string_equal(e->fig[0].value, "12 deaths (estimates 10" EN_DASH "15)");
    }
}

static void expect_acled_error(const char *name, int line, const char *words[])
{
    expect_error(ACLED("valid.csv"), 8, ACLED(name), line, words);
}

static void test_error_date_iso(void **state)
{
    (void)state;
    expect_acled_error("bad-date-iso.csv", 5, WORDS("event_date", "2025-02-30"));
}

static void test_error_date_dmy(void **state)
{
    (void)state;
    expect_acled_error("bad-date-dmy.csv", 7, WORDS("event_date", "32 July 2025"));
}

static void test_error_event_type(void **state)
{
    (void)state;
    expect_acled_error("unknown-type.csv", 5, WORDS("event_type", "Rumours"));
}

static void test_error_latitude(void **state)
{
    (void)state;
    expect_acled_error("bad-latitude.csv", 5, WORDS("not a number", "33.5N"));
}

/* The longitude is the bad one: the message must quote it, not the latitude. */
static void test_error_coordinates(void **state)
{
    (void)state;
    expect_acled_error("coords-out-of-range.csv", 5, WORDS("outside", "200.5"));
}

static void test_error_ragged(void **state)
{
    (void)state;
    expect_acled_error("ragged.csv", 5, WORDS("8 fields", "31"));
}

static void test_error_unterminated_quote(void **state)
{
    (void)state;
    expect_acled_error("unterminated-quote.csv", 5, WORDS("never closed"));
}

/* Bytes that are not UTF-8 in a file that was ASCII until then: Windows-1252, converted. */
static void test_cp1252_fallback(void **state)
{
    (void)state;
    add_ok(ACLED("invalid-utf8.csv"));
    finish();
    assert_int_equal(cat.events.n, 3);
    int found = 0;
    for (int i = 0; i < cat.events.n; i++)
        found |= cat.events.ev[i].summary && strstr(cat.events.ev[i].summary, "bad \xC3\x98 bytes \xC3\xBF here") != NULL;
    assert_true(found);
}

/* A byte that is not UTF-8 after text that was: no known encoding, the row is refused. */
static void test_error_invalid_utf8(void **state)
{
    (void)state;
    expect_acled_error("mixed-encoding.csv", 4, WORDS("UTF-8"));
}

/* A blank line is a line: the bad row after it is on line 6. */
static void test_error_after_blank_line(void **state)
{
    (void)state;
    expect_acled_error("blank-line.csv", 6, WORDS("event_type", "Rumours"));
}

/* CRLF line ends, one of them inside a quoted field: still one line each. */
static void test_error_crlf_line(void **state)
{
    (void)state;
    expect_acled_error("crlf-bad.csv", 5, WORDS("event_type", "Rumours"));
}

static void test_error_neither(void **state)
{
    (void)state;
    expect_acled_error("neither.csv", 0, WORDS("ACLED", "UCDP"));
}

static void test_error_nonexistent(void **state)
{
    (void)state;
    expect_acled_error("no-such-file.csv", 0, WORDS("No such file"));
}

/* A bad row past the reader's first 64 KiB block, after 1500 rows of two lines each. */
static void test_error_far_line(void **state)
{
    (void)state;
    const char *path = outfile("import_far.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
          "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n", f);
    int line = 2;
    for (int i = 0; i < 1500; i++, line += 2)
        fprintf(f, "SYR9%05d,2025-05-01,2025,1,Political violence,Battles,Armed clash,\"Actor, A\",,1,,,0,10,,760,Middle East,"
                   "Syria,Idlib,Idlib,,Idlib,35.93,36.63,1,Source,National,\"Padding row %d, \"\"quoted\"\";\nsecond line\",0,,1\n",
                i, i);
    fprintf(f, "SYR9ZZZZZ,2025-05-01,2025,1,Political violence,Rumours,Armed clash,A,,1,,,0,10,,760,Middle East,"
               "Syria,Idlib,Idlib,,Idlib,35.93,36.63,1,Source,National,notes,0,,1\n");
    assert_int_equal(fclose(f), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 3 * 65536);
    expect_error(ACLED("valid.csv"), 8, path, line, WORDS("Rumours"));
}

/* The same far file without its bad row loads, all 1500 rows. */
static void test_far_file_loads(void **state)
{
    (void)state;
    const char *path = outfile("import_far_ok.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
          "actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n", f);
    for (int i = 0; i < 1500; i++)
        fprintf(f, "SYR9%05d,2025-05-01,2025,1,Political violence,Battles,Armed clash,\"Actor, A\",,1,,,0,10,,760,Middle East,"
                   "Syria,Idlib,Idlib,,Idlib,35.93,36.63,1,Source,National,\"Padding row %d, \"\"quoted\"\";\nsecond line\",%d,,1\n",
                i, i, i);
    assert_int_equal(fclose(f), 0);
    add_ok(path);
    finish();
    assert_int_equal(cat.events.n, 1500);
    const cm_event *e = find("SYR901234");
    assert_string_equal(e->summary, "Actor, A. Padding row 1234, \"quoted\";\nsecond line");
    assert_string_equal(e->fig[0].value, "1234 reported fatalities");
}

/* A line holding just "" (one empty quoted field) after a row, in an export whose columns
 * were reordered (notes first): it is no event. Either it is skipped like a blank line or it
 * is refused as a short row on line 3; it must not come back as a copy of the row before. */
static void test_lone_empty_field_row(void **state)
{
    (void)state;
    const char *path = outfile("import_lone_empty.csv");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("notes,event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
          "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
          "latitude,longitude,geo_precision,source,source_scale,fatalities,tags,timestamp\n"
          "Note one,SYR9101,2025-07-16,2025,1,Political violence,Battles,Armed clash,A,,1,B,,3,13,,760,Middle East,Syria,"
          "Idlib,,,Idlib,35.9,36.6,1,Source,National,2,,1\n"
          "\"\"\n",
          f);
    assert_int_equal(fclose(f), 0);
    char err[2048] = "";
    int rc = catalog_add_events(&cat, path, err, sizeof err);
    if (rc == 0) {
        if (cat.events.n != 1) {
            print_error("%s: the line \"\" became %d more event(s):\n", path, cat.events.n - 1);
            for (int i = 0; i < cat.events.n; i++)
                print_error("  %s: %s / %s\n", cat.events.ev[i].id, cat.events.ev[i].title, cat.events.ev[i].summary);
        }
        assert_int_equal(cat.events.n, 1);
        expect_contains("summary", find("SYR9101")->summary, "Note one");
    } else {
        assert_int_equal(cat.events.n, 0);
        expect_contains("message", err, ": line 3:");
    }
}

/* ------------------------------------------------------------------ UCDP GED */

static void test_ucdp_valid(void **state)
{
    (void)state;
    add_ok(UCDP("valid.csv"));
    finish();
    assert_int_equal(cat.events.n, 4);

    /* state-based, exact day and place */
    const cm_event *e = find("530001");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    assert_int_equal(e->start.prec, CM_PREC_DAY);
    assert_int_equal(e->first, day("2025-07-16"));
    assert_int_equal(e->last, day("2025-07-16"));
    assert_int_equal(e->start.day, day("2025-07-16"));
    assert_int_equal(e->end.day, day("2025-07-16"));
    assert_false(e->approx);
    expect_point(e, 36.633, 35.930);
    assert_string_equal(e->place, "Idlib town");
    expect_contains("title", e->title, "Government of Syria");
    expect_contains("title", e->title, "Syrian insurgents");
    expect_figure(e, "12 deaths (estimates 10" EN_DASH "15)", "UCDP");
    /* one source per article: source_office, source_date, source_headline and source_article
     * are lists in step; the headline is the summary */
    assert_int_equal(e->nsrc, 2);
    assert_string_equal(e->src[0].outlet, "Reuters");
    assert_string_equal(e->src[0].title, "Clashes, again");
    assert_int_equal(e->src[0].day, day("2025-07-17"));
    expect_contains("note", e->src[0].note, "Reuters,2025-07-17,\"Clashes in Idlib\"");
    assert_string_equal(e->src[1].outlet, "AFP");
    assert_null(e->src[1].title);
    assert_int_equal(e->src[1].day, CM_DAY_NONE);
    expect_contains("note", e->src[1].note, "AFP,2025-07-18");
    assert_string_equal(e->summary, "Clashes, again");
    assert_string_equal(events_attr(e, "actor1"), "Government of Syria");
    assert_string_equal(events_attr(e, "actor2"), "Syrian insurgents");
    assert_string_equal(events_attr(e, "country"), "Syria");
    assert_string_equal(events_attr(e, "event_type"), "State-based violence");
    assert_string_equal(events_attr(e, "event_id"), "530001");

    /* non-state, date_prec 4 and where_prec 4: the month as a range, an approximate place
     * named by its governorate */
    e = find("530002");
    assert_int_equal(e->cat, CM_CAT_BATTLE);
    assert_int_equal(e->first, day("2025-06-01"));
    assert_int_equal(e->last, day("2025-06-30"));
    assert_int_equal(e->start.day, day("2025-06-01"));
    assert_int_equal(e->end.day, day("2025-06-30"));
    assert_true(e->approx);
    assert_string_equal(e->place, "Aleppo governorate");
    expect_figure(e, "5 deaths (estimates 5" EN_DASH "7)", "UCDP");

    /* one-sided: violence against civilians; two days; an Arabic place */
    e = find("530003");
    assert_int_equal(e->cat, CM_CAT_CIVILIANS);
    assert_int_equal(e->first, day("2025-07-15"));
    assert_int_equal(e->last, day("2025-07-16"));
    assert_false(e->approx);
    assert_string_equal(e->place, "السويداء");
    expect_point(e, 36.566, 32.709);
    expect_figure(e, "3 deaths (estimates 3" EN_DASH "3)", "UCDP");

    /* no coordinates: no point; date_prec 2 is a week */
    e = find("530004");
    assert_false(e->has_point);
    assert_int_equal(e->start.prec, CM_PREC_WEEK);
    assert_true(e->first <= day("2025-05-10") && e->last >= day("2025-05-10"));
    assert_null(e->place);
    expect_figure(e, "0 deaths (estimates 0" EN_DASH "1)", "UCDP");

    assert_int_equal(cat.events.span_last, day("2025-07-16"));
}

static void expect_ucdp_error(const char *name, int line, const char *words[])
{
    expect_error(UCDP("valid.csv"), 4, UCDP(name), line, words);
}

static void test_ucdp_error_type(void **state)
{
    (void)state;
    expect_ucdp_error("bad-type.csv", 4, WORDS("type_of_violence", "'7'"));
}

static void test_ucdp_error_range(void **state)
{
    (void)state;
    expect_ucdp_error("bad-range.csv", 5, WORDS("date_end", "before", "2025-07-14"));
}

/* ACLED, UCDP and the project's own GeoJSON in one catalog. */
static void test_mixed_sources(void **state)
{
    (void)state;
    add_ok(default_events());
    int n_geojson = cat.events.n;
    assert_true(n_geojson > 0);
    add_ok(ACLED("valid.csv"));
    add_ok(UCDP("valid.csv"));
    add_ok(ACLED("bom.csv"));
    finish();
    assert_int_equal(cat.events.n, n_geojson + 8 + 4 + 2);
    assert_string_equal(find("SYR1001")->fig[0].reporter, "ACLED");
    assert_string_equal(find("530003")->fig[0].reporter, "UCDP");
    int acled = 0, ucdp = 0;
    for (int i = 0; i < cat.events.n; i++) {
        const cm_event *e = &cat.events.ev[i];
        if (e->nfig && strcmp(e->fig[0].reporter, "ACLED") == 0) acled++;
        if (e->nfig && strcmp(e->fig[0].reporter, "UCDP") == 0) ucdp++;
    }
    assert_int_equal(acled, 7 + 2); /* SYR1006 has no fatalities */
    assert_int_equal(ucdp, 4);
}

/* ------------------------------------------------------------------ a generated export */

static const char *gen_acled_path(void)
{
    static char buf[2048];
    char bin[2048];
    snprintf(bin, sizeof bin, "%s", env("CM_BIN"));
    snprintf(buf, sizeof buf, "%s/gen_acled", dirname(bin));
    return buf;
}

static void generate(long n, const char *path)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' %ld '%s' '%s'", gen_acled_path(), n, path, env("CM_GEODATA"));
    int rc = system(cmd);
    if (rc != 0) print_error("%s: exit status %d\n", cmd, rc);
    assert_int_equal(rc, 0);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_generated_100k(void **state)
{
    (void)state;
    const char *path = outfile("import_100k.csv");
    generate(100000, path);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    add_ok(path);
    finish();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    print_message("loaded 100000 ACLED rows in %.1f ms\n", ms);

    const cm_events *s = &cat.events;
    assert_int_equal(s->n, 100000);
    long per_layer[CM_LAYER_COUNT] = {0}, sum = 0;
    int32_t lo = day("2023-12-01"), hi = day("2026-01-31");
    char **ids = malloc(sizeof(char *) * (size_t)s->n);
    assert_non_null(ids);
    for (int i = 0; i < s->n; i++) {
        const cm_event *e = &s->ev[i];
        per_layer[catalog_event_layer(e->cat)]++;
        ids[i] = e->id;
        if (e->first < lo || e->last > hi || e->first > e->last)
            print_error("event %s: days %d..%d outside 2023-12-01..2026-01-31\n", e->id, (int)e->first, (int)e->last);
        assert_true(e->first >= lo && e->last <= hi && e->first <= e->last);
        /* the generator puts every point inside Syria */
        assert_true(e->has_point && !e->is_area && !e->offmap);
        assert_true(e->x > cat.home[0] && e->x < cat.home[2] && e->y > cat.home[1] && e->y < cat.home[3]);
        assert_true(e->nfig == 1 && e->nsrc == 1);
    }
    for (int l = 0; l < CM_LAYER_COUNT; l++) sum += per_layer[l];
    assert_int_equal(sum, 100000);
    const int acled_layers[6] = {CM_LAYER_BATTLES, CM_LAYER_EXPLOSIONS, CM_LAYER_CIVILIANS,
                                 CM_LAYER_PROTESTS, CM_LAYER_RIOTS, CM_LAYER_STRATEGIC};
    long six = 0;
    for (int k = 0; k < 6; k++) {
        print_message("  %-10s %ld\n", cat.layers[acled_layers[k]].id, per_layer[acled_layers[k]]);
        assert_true(per_layer[acled_layers[k]] > 0);
        six += per_layer[acled_layers[k]];
    }
    assert_int_equal(six, 100000);
    assert_true(s->span_first >= lo && s->span_first <= s->span_last && s->span_last <= hi);
    for (int i = 1; i < s->n; i++) assert_true(s->ev[i - 1].first <= s->ev[i].first);
    /* ids SYR1..SYR100000, each once */
    qsort(ids, (size_t)s->n, sizeof *ids, cmp_str);
    for (int i = 1; i < s->n; i++) {
        if (strcmp(ids[i - 1], ids[i]) == 0) print_error("id %s is used twice\n", ids[i]);
        assert_true(strcmp(ids[i - 1], ids[i]) != 0);
    }
    free(ids);
    assert_true(events_find(s, "SYR1") >= 0 && events_find(s, "SYR100000") >= 0);
    /* the rows with quotes, newlines and Arabic in their notes came through (rows 97k+1, 53k+1) */
    expect_contains("summary", s->ev[events_find(s, "SYR98")].summary, "\"heavy\" fighting, with casualties;\nreports continue");
    expect_contains("summary", s->ev[events_find(s, "SYR54")].summary, "اشتباكات في المنطقة");
}


/* ------------------------------------------------------------------ layouts in the wild (issue 9) */

static void tolerant(void) { cat.import.o.strict = 0; }

static void expect_day(const char *id, const char *iso)
{
    const cm_event *e = find(id);
    if (e->start.day != day(iso)) {
        char got[16];
        date_format_iso(e->start.day, got, sizeof got);
        print_error("event %s is on %s, expected %s\n", id, got, iso);
    }
    assert_int_equal(e->start.day, day(iso));
}

/* Every date style that is not numeric, each on its own day. */
static void test_layout_date_styles(void **state)
{
    (void)state;
    add_ok(ACLED("layout-date-styles.csv"));
    finish();
    assert_int_equal(cat.events.n, 11);
    expect_day("D1", "2025-07-16");
    expect_day("D2", "2025-07-16");
    expect_day("D3", "2025-07-16");
    expect_day("D4", "2015-01-01");
    expect_day("D5", "2020-05-09");
    expect_day("D6", "2020-05-09");
    expect_day("D7", "2025-07-16");
    expect_day("D8", "2025-07-16");
    expect_day("D9", "2025-07-16");
    expect_day("D10", "2025-07-16");
    expect_day("D11", "1999-12-31");
}

/* Numeric dates: 16/07 and 31-12 make the column day-first, so 05/07/2025 is 5 July. */
static void test_layout_dates_dmy(void **state)
{
    (void)state;
    add_ok(ACLED("layout-dates-dmy.csv"));
    finish();
    assert_int_equal(cat.events.n, 5);
    expect_day("N1", "2025-07-16");
    expect_day("N2", "2025-07-05");
    expect_day("N3", "2019-12-31");
    expect_day("N4", "2025-02-01");
    expect_day("N5", "2025-07-16");
}

/* 7/16 and 12/31 make the column month-first, so 05/07/2025 is 7 May. */
static void test_layout_dates_mdy(void **state)
{
    (void)state;
    add_ok(ACLED("layout-dates-mdy.csv"));
    finish();
    assert_int_equal(cat.events.n, 4);
    expect_day("M1", "2025-07-16");
    expect_day("M2", "2025-05-07");
    expect_day("M3", "2019-12-31");
    expect_day("M4", "2025-01-02");
}

/* Every number 12 or less: no guess. One line saying so and naming the option; with the option,
 * each order gives its own days. */
static void test_layout_dates_ambiguous(void **state)
{
    (void)state;
    tolerant(); /* not a row's fault: even tolerant loading refuses the file */
    char err[2048] = "";
    assert_int_equal(catalog_add_events(&cat, ACLED("layout-dates-ambiguous.csv"), err, sizeof err), -1);
    expect_contains("message", err, "cannot tell day from month");
    expect_contains("message", err, "--date-order");
    assert_null(strchr(err, '\n'));
    assert_int_equal(cat.events.n, 0);
    cat.import.o.order = CM_ORDER_DMY;
    add_ok(ACLED("layout-dates-ambiguous.csv"));
    finish();
    expect_day("Q1", "2025-07-05");
    expect_day("Q2", "2025-04-03");
    expect_day("Q3", "2024-12-12");
    events_free(&cat.events);
    import_reset(&cat.import);
    cat.import.o.order = CM_ORDER_MDY;
    add_ok(ACLED("layout-dates-ambiguous.csv"));
    finish();
    expect_day("Q1", "2025-05-07");
    expect_day("Q2", "2025-03-04");
}

/* The 2015-2018 layout: upper-case names, ALLY_ACTOR_1, no actor2, the old event types. */
static void test_layout_2015(void **state)
{
    (void)state;
    add_ok(ACLED("layout-2015.csv"));
    finish();
    assert_int_equal(cat.events.n, 11);
    static const struct { const char *id; cm_category cat; } want[] = {
        {"SYR100", CM_CAT_BATTLE}, {"SYR101", CM_CAT_BATTLE}, {"SYR102", CM_CAT_BATTLE}, {"SYR103", CM_CAT_EXPLOSION},
        {"SYR104", CM_CAT_PROTEST}, {"SYR105", CM_CAT_CIVILIANS}, {"SYR106", CM_CAT_STRATEGIC},
        {"SYR107", CM_CAT_STRATEGIC}, {"SYR108", CM_CAT_STRATEGIC}, {"SYR109", CM_CAT_CIVILIANS},
        {"SYR110", CM_CAT_EXPLOSION}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const cm_event *e = find(want[k].id);
        if (e->cat != want[k].cat) print_error("%s: category %d, expected %d\n", want[k].id, e->cat, want[k].cat);
        assert_int_equal(e->cat, want[k].cat);
    }
    const cm_event *e = find("SYR100");
    expect_day("SYR100", "2015-01-01");
    expect_day("SYR110", "2015-01-11");
    assert_string_equal(events_attr(e, "assoc_actor_1"), "Ally of A"); /* from ALLY_ACTOR_1 */
    assert_string_equal(events_attr(e, "event_type"), "Battle-No change of territory");
    assert_string_equal(events_attr(e, "country"), "Syria");
    assert_null(events_attr(e, "actor2"));
}

/* pandas and R leftovers: an index column, names in any case with spaces, NA and ".", data_id or
 * the row's place when event_id_cnty is empty, Excel's trailing rows of commas. */
static void test_layout_pandas(void **state)
{
    (void)state;
    tolerant();
    add_ok(ACLED("layout-pandas.csv"));
    finish();
    assert_int_equal(cat.events.n, 3);
    const cm_event *e = find("SYR501");
    assert_int_equal(e->nfig, 0);                    /* fatalities NA: none reported */
    assert_string_equal(e->summary, "A.");           /* notes NA, actor2 NA */
    e = find("data_id:9002");
    assert_int_equal(e->cat, CM_CAT_PROTEST);
    assert_null(events_attr(e, "actor2"));           /* "." */
    e = find("layout-pandas.csv:4");                 /* neither id: the row's line */
    assert_int_equal(e->cat, CM_CAT_RIOT);
    expect_contains("summary", cat.import.summary, "3 events from layout-pandas.csv");
    expect_contains("summary", cat.import.summary, "2 rows without an event id given one");
    expect_contains("summary", cat.import.summary, "2 empty rows passed over");
}

/* R's write.table (one name fewer than fields), semicolons and decimal commas; tabs. */
static void test_layout_separators(void **state)
{
    (void)state;
    add_ok(ACLED("layout-r-semicolon.csv"));
    add_ok(ACLED("layout-tab.csv"));
    finish();
    assert_int_equal(cat.events.n, 4);
    expect_point(find("SYR601"), 36.63, 35.93);
    expect_figure(find("SYR601"), "3 reported fatalities", "ACLED");
    expect_day("SYR602", "2025-07-17");
    expect_point(find("SYR701"), 36.63, 35.93);
    expect_day("SYR702", "2025-07-16");
    assert_int_equal(find("SYR702")->cat, CM_CAT_RIOT);
}

/* The same file in Windows-1252 and in UTF-8 gives the same events, text included. */
static void test_layout_cp1252_same_as_utf8(void **state)
{
    (void)state;
    add_ok(ACLED("layout-cp1252-utf8.csv"));
    finish();
    char want[2][3][512];
    const char *ids[2] = {"W1", "W2"};
    for (int k = 0; k < 2; k++) {
        const cm_event *e = find(ids[k]);
        snprintf(want[k][0], 512, "%s", e->title);
        snprintf(want[k][1], 512, "%s", e->summary);
        snprintf(want[k][2], 512, "%s", e->place);
    }
    expect_contains("summary", find("W1")->summary, "Caf\xC3\xA9 \xE2\x80\x99quoted\xE2\x80\x99 \xE2\x82\xAC" "5");
    events_free(&cat.events);
    import_reset(&cat.import);
    add_ok(ACLED("layout-cp1252.csv"));
    finish();
    assert_int_equal(cat.events.n, 2);
    for (int k = 0; k < 2; k++) {
        const cm_event *e = find(ids[k]);
        assert_string_equal(e->title, want[k][0]);
        assert_string_equal(e->summary, want[k][1]);
        assert_string_equal(e->place, want[k][2]);
    }
    expect_contains("summary", cat.import.summary, "read as Windows-1252");
}

/* UTF-16 with a byte order mark (tab-separated, as Excel's "Unicode text"). */
static void test_layout_utf16(void **state)
{
    (void)state;
    add_ok(ACLED("layout-utf16.csv"));
    finish();
    assert_int_equal(cat.events.n, 2);
    assert_string_equal(find("U1")->place, "\xD8\xAD\xD9\x85\xD8\xB5, Idlib");
    expect_contains("summary", find("U1")->summary, "\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A");
    expect_day("U2", "2025-07-18");
}

/* The ACLED API's JSON: the envelope and a bare array give the same events. */
static void test_layout_api_json(void **state)
{
    (void)state;
    const char *files[2] = {"layout-api.json", "layout-api-array.json"};
    for (int k = 0; k < 2; k++) {
        events_free(&cat.events);
        import_reset(&cat.import);
        add_ok(ACLED(files[k]));
        finish();
        assert_int_equal(cat.events.n, 2);
        const cm_event *e = find("J1");
        assert_int_equal(e->cat, CM_CAT_BATTLE);
        expect_day("J1", "2025-07-16");
        expect_figure(e, "4 reported fatalities", "ACLED");
        expect_point(e, 36.63, 35.93);
        assert_string_equal(events_attr(e, "actor1"), "Actor A");
        e = find("J2");
        assert_int_equal(e->cat, CM_CAT_PROTEST);
        expect_point(e, 36.63, 34.73); /* a number, not a string, in the JSON */
    }
}

/* Tolerant loading: the good rows load, each bad one is counted, the first named, and all kept
 * for --rejects with their line, reason and text. Strict: the first bad row fails the file. */
static void test_layout_tolerant_and_rejects(void **state)
{
    (void)state;
    tolerant();
    cat.import.o.keep_rejects = 1;
    add_ok(ACLED("layout-tolerant.csv"));
    finish();
    assert_int_equal(cat.events.n, 3);
    find("T1");
    find("T5");
    find("T7");
    assert_string_equal(cat.import.summary,
                        "3 events from layout-tolerant.csv; 4 rows skipped (line 3: no date (event_date is empty), and others)");
    assert_int_equal(cat.import.nrej, 4);
    static const struct { long line; const char *reason, *id; } want[] = {
        {3, "no date", "T2,"}, {4, "outside the world", "T3,"}, {5, "fatalities is not a whole number", "T4,"},
        {7, "unknown event_type 'Rumours'", "T6,"}};
    for (int k = 0; k < 4; k++) {
        assert_int_equal(cat.import.rej[k].line, want[k].line);
        expect_contains("reason", cat.import.rej[k].reason, want[k].reason);
        assert_true(strncmp(cat.import.rej[k].raw, want[k].id, strlen(want[k].id)) == 0); /* the row as it was */
    }
    const char *out = outfile("rejects.csv");
    char err[1024] = "";
    assert_int_equal(import_write_rejects(&cat.import, out, err, sizeof err), 0);
    FILE *f = fopen(out, "r");
    assert_non_null(f);
    char line[4096];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "file,line,reason,row\n");
    int rows = 0;
    while (fgets(line, sizeof line, f)) rows++;
    fclose(f);
    assert_int_equal(rows, 4);

    events_free(&cat.events);
    import_reset(&cat.import);
    cat.import.o.strict = 1;
    expect_error(ACLED("valid.csv"), 8, ACLED("layout-tolerant.csv"), 3, WORDS("no date"));
}

/* The same event in two files (and twice in one) is one event; the summary counts the merges. */
static void test_layout_duplicates(void **state)
{
    (void)state;
    tolerant();
    add_ok(ACLED("layout-dup-a.csv"));
    add_ok(ACLED("layout-dup-b.csv"));
    finish();
    assert_int_equal(cat.events.n, 4);
    /* X2 and X3 were in the first file, X4 is twice in the second */
    expect_contains("summary", cat.import.summary, "1 event from layout-dup-b.csv; 3 duplicates merged");
    assert_int_equal(find("X2")->first, day("2025-07-17"));
    /* a file that fails takes its ids with it: loaded again, it merges nothing */
    events_free(&cat.events);
    import_reset(&cat.import);
    cat.import.o.strict = 1;
    char err[1024];
    assert_int_equal(catalog_add_events(&cat, ACLED("layout-tolerant.csv"), err, sizeof err), -1); /* T1 read, then fails */
    cat.import.o.strict = 0;
    add_ok(ACLED("layout-tolerant.csv"));
    assert_int_equal(cat.events.n, 3);
    assert_null(strstr(cat.import.summary, "merged"));
}

/* Rows with no coordinates and an admin1 in any spelling are placed on their governorate. */
static void test_layout_admin1(void **state)
{
    (void)state;
    add_ok(ACLED("layout-admin1.csv"));
    finish();
    assert_int_equal(cat.events.n, 12);
    static const struct { const char *id, *iso; } want[] = {
        {"R1", "SY-SU"}, {"R2", "SY-DR"}, {"R3", "SY-HA"}, {"R4", "SY-LA"}, {"R5", "SY-TA"}, {"R6", "SY-DY"},
        {"R7", "SY-RA"}, {"R8", "SY-RD"}, {"R9", "SY-ID"}, {"R10", "SY-SU"}, {"R11", "SY-ID"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const cm_event *e = find(want[k].id);
        if (e->nregions != 1) print_error("%s (%s) is on no governorate\n", want[k].id, events_attr(e, "admin1"));
        assert_int_equal(e->nregions, 1);
        assert_string_equal(e->regions[0], want[k].iso);
        assert_true(e->is_area && e->approx && !e->has_point);
    }
    const cm_event *e = find("R12");
    assert_int_equal(e->nregions, 0);
    assert_false(e->is_area || e->has_point);
}

/* ACLED's full record as attributes, under the keys the filters and summaries use. */
static void test_acled_attributes(void **state)
{
    (void)state;
    add_ok(ACLED("valid.csv"));
    finish();
    const cm_event *e = find("SYR1001");
    assert_string_equal(events_attr(e, "event_id"), "SYR1001");
    assert_string_equal(events_attr(e, "country"), "Syria");
    assert_string_equal(events_attr(e, "admin1"), "As-Suwayda");
    assert_string_equal(events_attr(e, "actor1"), "Military Forces of Syria (2024-)");
    assert_string_equal(events_attr(e, "actor2"), "Druze Militia (Syria)");
    assert_string_equal(events_attr(e, "assoc_actor_2"), "Bedouin Ethnic Militia (Syria), Tribal Forces");
    assert_string_equal(events_attr(e, "interaction"), "13");
    assert_string_equal(events_attr(e, "event_type"), "Battles");
    assert_string_equal(events_attr(e, "sub_event_type"), "Armed clash");
    assert_string_equal(events_attr(e, "source_scale"), "National");
    assert_null(events_attr(e, "admin3"));           /* empty: not kept */
    assert_string_equal(events_attr(find("SYR1003"), "civilian_targeting"), "Civilian targeting");
    /* repeated values are stored once */
    assert_ptr_equal(events_attr(find("SYR1001"), "country"), events_attr(find("SYR1003"), "country"));
}

/* UCDP: the API layout (T dates, True flags), HDX (a HXL row under the header), Excel re-saves. */
static void test_ucdp_layouts(void **state)
{
    (void)state;
    add_ok(UCDP("layout-api.csv"));
    add_ok(UCDP("layout-hdx.csv"));
    add_ok(UCDP("layout-excel.csv"));
    finish();
    assert_int_equal(cat.events.n, 6);
    expect_day("600001", "2013-07-24");
    const cm_event *e = find("600002");
    assert_int_equal(e->first, day("2013-07-25"));
    assert_int_equal(e->last, day("2013-07-26"));
    expect_day("600011", "2024-12-08");
    expect_day("600012", "2024-12-09");
    expect_day("600021", "2026-07-11"); /* 7/16/2025 in the column: month first */
    e = find("600022");
    assert_int_equal(e->first, day("2025-07-16"));
    assert_int_equal(e->last, day("2025-07-18"));
}

/* A Candidate release without a header row (24.0.1, say) is read with GED's 49 standard
 * columns, says so, and its line numbers stay the file's own. */
static void test_ucdp_candidate_noheader(void **state)
{
    (void)state;
    tolerant();
    add_ok(UCDP("layout-candidate-noheader.csv"));
    finish();
    assert_int_equal(cat.events.n, 2);
    expect_day("700001", "2024-01-02");
    const cm_event *e = find("700002");
    assert_int_equal(e->first, day("2024-01-03"));
    assert_int_equal(e->last, day("2024-01-04"));
    assert_string_equal(events_attr(e, "actor1"), "Government of Syria");
    assert_non_null(e->nfig ? strstr(e->fig[0].value, "5") : NULL);
    const char *note = cat.import.summary;
    if (!note || !strstr(note, "no header row") || !strstr(note, "line 3")) print_error("note: %s\n", note ? note : "(none)");
    assert_non_null(note && strstr(note, "no header row") ? note : NULL);
    assert_non_null(strstr(note, "line 3"));
}

/* date_prec widens what a one-day event covers on the map, not only what the panel says. */
static void test_ucdp_date_prec(void **state)
{
    (void)state;
    add_ok(UCDP("layout-date-prec.csv"));
    finish();
    static const struct { const char *id, *first, *last; } want[] = {
        {"600031", "2025-07-16", "2025-07-16"}, {"600032", "2025-07-13", "2025-07-19"},
        {"600033", "2025-07-13", "2025-07-19"}, {"600034", "2025-07-01", "2025-07-31"},
        {"600035", "2025-01-01", "2025-12-31"}, {"600036", "2025-07-01", "2025-07-31"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        const cm_event *e = find(want[k].id);
        if (e->first != day(want[k].first) || e->last != day(want[k].last)) print_error("%s: wrong days\n", want[k].id);
        assert_int_equal(e->first, day(want[k].first));
        assert_int_equal(e->last, day(want[k].last));
    }
}


/* ------------------------------------------------------------------ real published files */

/* Each file of tests/fixtures/real/ (excerpts of ACLED and UCDP files people published; see
 * SOURCES.md there) opens with the number of records and the date span that EXPECTED.tsv gives
 * (computed by expected.py with Python's csv and json modules), and no row is skipped. A date
 * read on the wrong day shows: some event would lie wholly before the first date or after the
 * last. Files that cannot open say why in one line. */
/* The entry points without an import (acled_load, ucdp_load) are all-or-nothing: a good file
 * loads, and a bad row refuses the file with the row's line and leaves the store as it was. */
static void test_load_without_import(void **state)
{
    (void)state;
    cm_events s;
    memset(&s, 0, sizeof s);
    char err[512] = "";
    assert_int_equal(acled_load(ACLED("valid.csv"), &s, err, sizeof err), 0);
    int n = s.n;
    assert_true(n > 0);
    assert_int_equal(acled_load(ACLED("bad-latitude.csv"), &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "line 5"));
    assert_int_equal(s.n, n);
    assert_int_equal(ucdp_load(UCDP("valid.csv"), &s, err, sizeof err), 0);
    assert_true(s.n > n);
    n = s.n;
    assert_int_equal(ucdp_load(UCDP("bad-type.csv"), &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "bad-type.csv"));
    assert_int_equal(s.n, n);
    events_free(&s);
}

static void test_real_files(void **state)
{
    (void)state;
    char path[2048];
    snprintf(path, sizeof path, "%s/tests/fixtures/real/EXPECTED.tsv", env("CM_SRC"));
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[8192];
    int files = 0, opened = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char name[256], fmt[32], rows[32], first[32], last[32];
        if (sscanf(line, "%255[^\t]\t%31[^\t]\t%31[^\t]\t%31[^\t]\t%31[^\t]", name, fmt, rows, first, last) != 5) continue;
        files++;
        events_free(&cat.events);
        import_reset(&cat.import);
        cat.import.o = (cm_import_opts){0};
        const char *file = fixture_in("real", name);
        char err[2048] = "";
        int rc = catalog_add_events(&cat, file, err, sizeof err);
        /* refused, with the reason: a workbook; a reduced file with no event types at all */
        const char *refusal = !strcmp(fmt, "acled-xlsx") ? "Excel workbook" : strstr(name, "reduced") ? "without an event_type" : NULL;
        if (refusal) {
            print_message("  %-48s refused: %s\n", name, err);
            assert_int_equal(rc, -1);
            expect_contains("message", err, refusal);
            assert_null(strchr(err, '\n'));
            continue;
        }
        if (rc != 0) print_error("%s: %s\n", name, err);
        assert_int_equal(rc, 0);
        finish();
        opened++;
        const cm_events *s = &cat.events;
        if (s->n != atoi(rows)) print_error("%s: %d events, EXPECTED.tsv says %s\n", name, s->n, rows);
        assert_int_equal(s->n, atoi(rows));
        assert_true(!cat.import.summary || !strstr(cat.import.summary, "skipped"));
        int32_t a = day(first), b = day(last);
        int has_a = 0, has_b = 0;
        for (int i = 0; i < s->n; i++) {
            const cm_event *e = &s->ev[i];
            if (e->last < a || e->first > b) {
                char x[16], y[16];
                date_format_iso(e->first, x, sizeof x);
                date_format_iso(e->last, y, sizeof y);
                print_error("%s: event %s covers %s..%s, outside %s..%s\n", name, e->id, x, y, first, last);
            }
            assert_false(e->last < a || e->first > b);
            has_a |= e->first <= a && a <= e->last;
            has_b |= e->first <= b && b <= e->last;
        }
        assert_true(has_a && has_b);
        print_message("  %-48s %4d events, %s..%s%s%s\n", name, s->n, first, last, cat.import.summary ? ": " : "",
                      cat.import.summary ? cat.import.summary : "");
    }
    fclose(f);
    print_message("  %d real files, %d opened\n", files, opened);
    assert_true(files >= 17);
    /* the HDX file is the same four events as the GWNO file: merged */
    events_free(&cat.events);
    import_reset(&cat.import);
    cat.import.o = (cm_import_opts){0};
    add_ok(fixture_in("real", "acled_algeria_2001_hdx_gwno_ddmmyyyy.csv"));
    add_ok(fixture_in("real", "acled_algeria_2001_hdx_hxl_indexcol.csv"));
    finish();
    assert_int_equal(cat.events.n, 4);
    expect_contains("summary", cat.import.summary, "4 duplicates merged");
}


/* Without --rejects the window's list keeps an excerpt of the first skipped rows: a million bad
 * rows of a megabyte each cost at most CM_IMPORT_KEEP_BYTES, and every one is still counted. */
static void test_rejects_kept_capped(void **state)
{
    (void)state;
    cm_import im = {.o = {.strict = 0}, .last_off = (size_t)-1};
    cm_events s = {0};
    import_begin(&im, "big.csv", &s);
    size_t big = 1 << 20;
    char *raw = malloc(big + 1);
    assert_non_null(raw);
    memset(raw, 'x', big);
    memcpy(raw, "\xD8\xAD", 2); /* a two-byte character first, then one across the cut */
    memcpy(raw + CM_IMPORT_KEEP_EXCERPT - 4, "\xD8\xAD", 2);
    raw[big] = 0;
    char err[256] = "";
    for (long i = 0; i < 1000000; i++) {
        cm_csvrow r = {.line = i + 2, .raw = raw, .rawlen = big};
        assert_int_equal(import_skip(&im, &r, "no date", err, sizeof err), 0);
    }
    assert_int_equal(im.nskipped, 1000000);
    assert_int_equal(im.nrej_all, 1000000);
    assert_true(im.nrej > 0 && im.nrej <= CM_IMPORT_KEEP_ROWS);
    assert_true(im.rej_bytes <= CM_IMPORT_KEEP_BYTES);
    size_t held = 0;
    for (int i = 0; i < im.nrej; i++) {
        size_t n = strlen(im.rej[i].raw);
        assert_true(n <= CM_IMPORT_KEEP_EXCERPT);
        assert_true(utf8_valid((const unsigned char *)im.rej[i].raw, n)); /* cut at a whole character */
        held += n + strlen(im.rej[i].file) + strlen(im.rej[i].reason);
    }
    assert_true(held <= CM_IMPORT_KEEP_BYTES);
    assert_int_equal(im.rej[0].line, 2);
    assert_int_equal(im.rej[im.nrej - 1].line, im.nrej + 1); /* the first rows, in order */
    expect_contains("excerpt", im.rej[0].raw, "...");
    /* a file that fails takes its rows back */
    import_end(&im, &s, 0, NULL);
    assert_int_equal(im.nrej, 0);
    assert_int_equal(im.nrej_all, 0);
    assert_int_equal((long)im.rej_bytes, 0);
    free(raw);
    import_free(&im);
}

/* A file opened from the events cache has no rows to list: one entry says so, with the count
 * its summary line gave. */
static void test_rejects_cached_note(void **state)
{
    (void)state;
    cm_import im = {.last_off = (size_t)-1};
    import_restore(&im, "5,070 events from acled.csv; 1,234 rows skipped (line 243: no date, and others)");
    assert_int_equal(im.nrej, 1);
    assert_true(im.rej[0].cached);
    assert_int_equal(im.rej[0].line, 1234);
    assert_int_equal(im.nrej_all, 1234);
    import_restore(&im, "12 events from b.csv; 3 duplicates merged (an id already loaded)");
    assert_int_equal(im.nrej, 1);
    import_free(&im);
}

int main(void)
{
    const struct CMUnitTest acled[] = {
        cmocka_unit_test_setup(test_acled_valid, empty_store),
        cmocka_unit_test_setup(test_ucdp_candidate_noheader, empty_store),
        cmocka_unit_test(test_load_without_import),
        cmocka_unit_test(test_rejects_kept_capped),
        cmocka_unit_test(test_rejects_cached_note),
        cmocka_unit_test_setup(test_acled_categories, empty_store),
        cmocka_unit_test_setup(test_acled_crlf, empty_store),
        cmocka_unit_test_setup(test_acled_bom, empty_store),
        cmocka_unit_test_setup(test_acled_header_only, empty_store),
        cmocka_unit_test_setup(test_error_date_iso, empty_store),
        cmocka_unit_test_setup(test_error_date_dmy, empty_store),
        cmocka_unit_test_setup(test_error_event_type, empty_store),
        cmocka_unit_test_setup(test_error_latitude, empty_store),
        cmocka_unit_test_setup(test_error_coordinates, empty_store),
        cmocka_unit_test_setup(test_error_ragged, empty_store),
        cmocka_unit_test_setup(test_error_unterminated_quote, empty_store),
        cmocka_unit_test_setup(test_error_invalid_utf8, empty_store),
        cmocka_unit_test_setup(test_cp1252_fallback, empty_store),
        cmocka_unit_test_setup(test_error_after_blank_line, empty_store),
        cmocka_unit_test_setup(test_error_crlf_line, empty_store),
        cmocka_unit_test_setup(test_error_neither, empty_store),
        cmocka_unit_test_setup(test_error_nonexistent, empty_store),
        cmocka_unit_test_setup(test_error_far_line, empty_store),
        cmocka_unit_test_setup(test_far_file_loads, empty_store),
        cmocka_unit_test_setup(test_lone_empty_field_row, empty_store),
    };
    const struct CMUnitTest ucdp[] = {
        cmocka_unit_test_setup(test_ucdp_valid, empty_store),
        cmocka_unit_test_setup(test_ucdp_error_type, empty_store),
        cmocka_unit_test_setup(test_ucdp_error_range, empty_store),
        cmocka_unit_test_setup(test_mixed_sources, empty_store),
    };
    /* last: on a heap overflow in the loader these may take the process down */
    const struct CMUnitTest small_files[] = {
        cmocka_unit_test_setup(test_acled_minimal_columns, empty_store),
        cmocka_unit_test_setup(test_ucdp_minimal_columns, empty_store),
    };
    const struct CMUnitTest layouts[] = {
        cmocka_unit_test_setup(test_layout_date_styles, empty_store),
        cmocka_unit_test_setup(test_layout_dates_dmy, empty_store),
        cmocka_unit_test_setup(test_layout_dates_mdy, empty_store),
        cmocka_unit_test_setup(test_layout_dates_ambiguous, empty_store),
        cmocka_unit_test_setup(test_layout_2015, empty_store),
        cmocka_unit_test_setup(test_layout_pandas, empty_store),
        cmocka_unit_test_setup(test_layout_separators, empty_store),
        cmocka_unit_test_setup(test_layout_cp1252_same_as_utf8, empty_store),
        cmocka_unit_test_setup(test_layout_utf16, empty_store),
        cmocka_unit_test_setup(test_layout_api_json, empty_store),
        cmocka_unit_test_setup(test_layout_tolerant_and_rejects, empty_store),
        cmocka_unit_test_setup(test_layout_duplicates, empty_store),
        cmocka_unit_test_setup(test_layout_admin1, empty_store),
        cmocka_unit_test_setup(test_acled_attributes, empty_store),
        cmocka_unit_test_setup(test_ucdp_layouts, empty_store),
        cmocka_unit_test_setup(test_ucdp_date_prec, empty_store),
        cmocka_unit_test_setup(test_real_files, empty_store),
    };
    const struct CMUnitTest generated[] = {
        cmocka_unit_test_setup(test_generated_100k, empty_store),
    };
    int failed = cmocka_run_group_tests_name("import_acled", acled, setup_catalog, teardown_catalog);
    failed += cmocka_run_group_tests_name("import_ucdp", ucdp, setup_catalog, teardown_catalog);
    failed += cmocka_run_group_tests_name("import_layouts", layouts, setup_catalog, teardown_catalog);
    failed += cmocka_run_group_tests_name("import_generated", generated, setup_catalog, teardown_catalog);
    failed += cmocka_run_group_tests_name("import_small_files", small_files, setup_catalog, teardown_catalog);
    return failed;
}
