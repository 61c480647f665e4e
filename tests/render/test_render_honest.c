/* test_render_honest: --render PNGs checked for what would mislead a reader: things drawn away
 * from where they happened. Fixtures are written at test time into CM_OUT. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "data/catalog.h"
#include "render/style.h"

/* Renders a WxH PNG to CM_OUT/name with extra options; its path in out. */
static void render(const char *name, int w, int h, const char *extra, char *out, size_t n)
{
    char a[8192];
    snprintf(a, sizeof a, "--size %dx%d %s", w, h, extra);
    tu_render(a, name, out, n);
}
/* The pixel of lon,lat in a WxH view with extra options, from --locate. */
static void locate(double lon, double lat, int w, int h, const char *extra, int *x, int *y)
{
    char a[4096];
    snprintf(a, sizeof a, "--size %dx%d %s", w, h, extra);
    tu_locate(a, lon, lat, x, y);
}
static SDL_Surface *load_png(const char *path) { return tu_load_png(path, 0, 0); }
/* 1 when the colour is within tol of want in every channel */
static int near_colour(Uint32 c, Uint32 want, int tol)
{
    for (int sh = 0; sh < 24; sh += 8)
        if (abs((int)((c >> sh) & 255) - (int)((want >> sh) & 255)) > tol) return 0;
    return 1;
}

/* Writes n point events of one category at lon,lat, all on one day, into CM_OUT/name. */
static const char *write_same_place(const char *name, int n, const char *cat, double lon, double lat, const char *day)
{
    const char *path = outfile(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (int i = 0; i < n; i++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
                "\"properties\":{\"id\":\"same-%d\",\"title\":\"Event %d at one place\",\"category\":\"%s\","
                "\"start\":\"%s\",\"sources\":[{\"outlet\":\"test\"}]}}\n",
                i ? "," : "", lon, lat, i, i, cat, day);
    fprintf(f, "]}\n");
    assert_int_equal(fclose(f), 0);
    return path;
}

/* 40 events at one town centre (ACLED's habit): every pixel of their colour is within a few
 * pixels of the place (a stack with a count), none fanned out tens of pixels away. */
static void test_same_place_stays_there(void **state)
{
    (void)state;
    const double lon = 36.7200, lat = 34.7300; /* Homs city centre */
    const char *ev = write_same_place("honest_same_place.geojson", 40, "battle", lon, lat, "2025-03-10");
    char extra[2300], png[2048];
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-03-10 --layers countries,governorates,battles", ev);
    render("honest_same_place.png", 800, 600, extra, png, sizeof png);
    int px, py;
    locate(lon, lat, 800, 600, extra, &px, &py);
    SDL_Surface *s = load_png(png);
    Uint32 col = style_layer(CM_LAYER_BATTLES)->color;
    int at = 0, away = 0, far = 0;
    for (int y = 0; y < s->h - 96; y++) /* the map, above the timeline */
        for (int x = 0; x < s->w; x++) {
            if (x < 200 && y < 140) continue; /* the legend's swatch */
            if (!near_colour(tu_pixel(s, x, y), col, 6)) continue;
            double d = hypot(x - px, y - py);
            if (d <= 12) at++;
            else if (d > 16) {
                away++;
                if (d > far) far = d;
            }
        }
    SDL_FreeSurface(s);
    if (away) print_error("%d pixels of the battles colour are more than 16 px from the events' place (%d,%d), up to %d px\n", away, px, py, far);
    assert_true(at > 40);    /* the marker is there */
    assert_int_equal(away, 0);
}

/* Writes events given as (day, count) pairs, category battle, at Homs, into CM_OUT/name. */
static const char *write_days(const char *name, const char *const *days, const int *counts, int n)
{
    const char *path = outfile(name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    int id = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < counts[i]; k++, id++)
            fprintf(f,
                    "%s{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[36.72,34.73]},"
                    "\"properties\":{\"id\":\"d-%d\",\"title\":\"Event %d\",\"category\":\"battle\","
                    "\"start\":\"%s\",\"sources\":[{\"outlet\":\"test\"}]}}\n",
                    id ? "," : "", id, id, days[i]);
    fprintf(f, "]}\n");
    assert_int_equal(fclose(f), 0);
    return path;
}

/* The timeline's axis in an 800x600 render (src/ui/timeline.c): x0 = 150, x1 = 800 - 24, from
 * the first day of the data's first month to the last day of its last month. */
static double axis_x(int day_of_july)
{
    return 150 + (day_of_july - 1) / 30.0 * (776 - 150);
}

static int is_bar(Uint32 c) { return c == 0x8A3A1Eu || c == 0xB9B1A3u; }

/* Weeks are ISO weeks on the same axis as the dates: 6 events on Monday 14 and Sunday
 * 20 July 2025 make one bar from the 14th to the 21st; 2 on Monday 21 July the next bar, a
 * third as tall (linear, to the scale printed beside it). */
static void test_timeline_weeks_on_the_axis(void **state)
{
    (void)state;
    static const char *const days[] = {"2025-07-14", "2025-07-20", "2025-07-21"};
    static const int counts[] = {5, 1, 2};
    const char *ev = write_days("honest_weeks.geojson", days, counts, 3);
    char extra[2300], png[2048];
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-07-31", ev);
    render("honest_weeks.png", 800, 600, extra, png, sizeof png);
    SDL_Surface *s = load_png(png);
    int y = 600 - 96 + 58 - 3; /* just above the axis line */
    int run0[4], run1[4], nrun = 0;
    for (int x = 140; x < 780; x++) {
        if (!is_bar(tu_pixel(s, x, y))) continue;
        int a = x;
        while (x < 780 && is_bar(tu_pixel(s, x, y))) x++;
        if (nrun < 4) { run0[nrun] = a; run1[nrun] = x - 1; }
        nrun++;
    }
    for (int i = 0; i < nrun && i < 4; i++) print_message("bar %d: x %d..%d\n", i, run0[i], run1[i]);
    print_message("axis: 14 July at %.1f, 21 July at %.1f, 28 July at %.1f\n", axis_x(14), axis_x(21), axis_x(28));
    assert_int_equal(nrun, 2);
    assert_true(fabs(run0[0] - axis_x(14)) <= 1.5);
    assert_true(fabs(run1[0] + 1 - axis_x(21)) <= 2.5);
    assert_true(fabs(run0[1] - axis_x(21)) <= 1.5);
    assert_true(fabs(run1[1] + 1 - axis_x(28)) <= 2.5);
    /* heights: the week of 6 is full height, the week of 2 a third of it */
    int h[2] = {0, 0};
    for (int b = 0; b < 2; b++) {
        int x = (run0[b] + run1[b]) / 2;
        for (int yy = y; yy > 600 - 96 && is_bar(tu_pixel(s, x, yy)); yy--) h[b]++;
    }
    print_message("bar heights %d and %d\n", h[0], h[1]);
    SDL_FreeSurface(s);
    assert_true(h[0] > 30);
    assert_true(fabs((double)(h[1] + 3) / (h[0] + 3) - 1.0 / 3) < 0.06); /* +3: the rows under the scan line */
}

/* An event dated only to a month (a fixture strike of December 2024 at Damascus; the built-in
 * data has none since the air campaign was dated to its days) is drawn hollow: white inside its
 * strike-coloured outline, so that on 3 December it does not read as a strike of that day; a
 * strike of an exact day (the fixture's 16 July 2025) is filled. */
static void test_month_precise_is_hollow(void **state)
{
    (void)state;
    const double lon = 36.277, lat = 33.514;
    Uint32 strike = style_layer(CM_LAYER_STRIKES)->color;
    static const struct { const char *date; int hollow; } cases[] = {{"2024-12-03", 1}, {"2025-07-16", 0}};
    for (int c = 0; c < 2; c++) {
        char extra[2560], png[2048], name[64];
        snprintf(extra, sizeof extra, "--no-default-events --events '%s/tests/fixtures/events/precision.geojson' --date %s --layers countries,governorates,strikes",
                 env("CM_SRC"), cases[c].date);
        snprintf(name, sizeof name, "honest_precision_%s.png", cases[c].date);
        render(name, 800, 600, extra, png, sizeof png);
        int px, py;
        locate(lon, lat, 800, 600, extra, &px, &py);
        SDL_Surface *s = load_png(png);
        /* the centre 3x3: filled means strike colour, hollow means white */
        int filled = 0, white = 0, ring = 0;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                filled += near_colour(tu_pixel(s, px + dx, py + dy), strike, 8);
                white += near_colour(tu_pixel(s, px + dx, py + dy), 0xFFFFFF, 12);
            }
        for (int dy = -10; dy <= 10; dy++)
            for (int dx = -10; dx <= 10; dx++) ring += near_colour(tu_pixel(s, px + dx, py + dy), strike, 8);
        SDL_FreeSurface(s);
        print_message("%s: centre %d strike-coloured, %d white; %d strike-coloured pixels around\n", cases[c].date, filled, white, ring);
        assert_true(ring > 15); /* the marker is there */
        if (cases[c].hollow) assert_true(white == 9 && filled == 0);
        else assert_true(filled == 9);
    }
}

/* A cluster shows the mix of its events: 200 battles and 100 protests at one place (more than
 * CM_CLUSTER_AT markers) make a ring of both colours, not a bubble of the commonest. */
static void test_cluster_shows_its_mix(void **state)
{
    (void)state;
    const char *path = outfile("honest_mix.geojson");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    for (int i = 0; i < 300; i++)
        fprintf(f,
                "%s{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[38.5,35.0]},"
                "\"properties\":{\"id\":\"m-%d\",\"title\":\"E %d\",\"category\":\"%s\",\"start\":\"2025-03-10\","
                "\"sources\":[{\"outlet\":\"test\"}]}}\n",
                i ? "," : "", i, i, i < 200 ? "battle" : "protest");
    fprintf(f, "]}\n");
    assert_int_equal(fclose(f), 0);
    char extra[2300], png[2048];
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-03-10 --layers countries,governorates,battles,protests", path);
    render("honest_mix.png", 800, 600, extra, png, sizeof png);
    int px, py;
    locate(38.5, 35.0, 800, 600, extra, &px, &py);
    SDL_Surface *s = load_png(png);
    int battle = 0, protest = 0;
    for (int dy = -25; dy <= 25; dy++)
        for (int dx = -25; dx <= 25; dx++) {
            Uint32 c = tu_pixel(s, px + dx, py + dy);
            battle += near_colour(c, style_layer(CM_LAYER_BATTLES)->color, 6);
            protest += near_colour(c, style_layer(CM_LAYER_PROTESTS)->color, 6);
        }
    SDL_FreeSurface(s);
    print_message("cluster of 200 battles and 100 protests: %d battle-coloured, %d protest-coloured pixels\n", battle, protest);
    assert_true(battle > 60);
    assert_true(protest > 30);
    assert_true(battle > protest); /* in proportion: two thirds are battles */
}

/* The curated built-in events stay in sight above a bulk import's clusters: with 20,000
 * generated ACLED events, the strike on Damascus of 16 July 2025 is still a strike marker. */
static void test_curated_above_clusters(void **state)
{
    (void)state;
    char gen[2300], cmd[4700];
    snprintf(gen, sizeof gen, "%s", bin());
    char *slash = strrchr(gen, '/');
    assert_non_null(slash);
    snprintf(slash + 1, sizeof gen - (size_t)(slash + 1 - gen), "gen_acled");
    const char *csv = outfile("honest_acled20k.csv");
    snprintf(cmd, sizeof cmd, "'%s' 20000 '%s' >/dev/null", gen, csv);
    assert_int_equal(run(cmd), 0);
    char extra[2300], png[2048];
    snprintf(extra, sizeof extra, "--events '%s' --date 2025-07-16", csv);
    render("honest_curated.png", 1280, 800, extra, png, sizeof png);
    int px, py;
    locate(36.277, 33.513, 1280, 800, extra, &px, &py);
    SDL_Surface *s = load_png(png);
    int strike = 0;
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) strike += near_colour(tu_pixel(s, px + dx, py + dy), style_layer(CM_LAYER_STRIKES)->color, 8);
    SDL_FreeSurface(s);
    print_message("Damascus strike among 20000 ACLED events: %d of 25 centre pixels strike-coloured\n", strike);
    assert_true(strike >= 20);
}

/* An ACLED file with n rows of one country at lon,lat on 2025-03-10, appended to f. */
static void acled_rows(FILE *f, int n, const char *country, double lat, double lon, int *id)
{
    for (int i = 0; i < n; i++, (*id)++)
        fprintf(f,
                "X%d,2025-03-10,2025,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,0,Region,%s,Adm,,,Town,%.4f,%.4f,1,"
                "Src,National,Clash,%d,,1700000000\n",
                *id, country, lat, lon, i % 3);
}

/* Events from a global export that fall outside the map are neither drawn nor counted in the
 * legend: the picture with 50 events in Afghanistan and Yemen added is the one without them,
 * but for one notice at the top of the map that sums them up. */
static void test_outside_events_are_a_notice(void **state)
{
    (void)state;
    static const char *HEAD = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                              "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                              "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
                              "notes,fatalities,tags,timestamp\n";
    const char *home = outfile("honest_syria_only.csv");
    FILE *f = fopen(home, "w");
    assert_non_null(f);
    int id = 1;
    fputs(HEAD, f);
    acled_rows(f, 5, "Syria", 34.73, 36.72, &id);
    assert_int_equal(fclose(f), 0);
    const char *world = outfile("honest_world.csv");
    f = fopen(world, "w");
    assert_non_null(f);
    id = 1;
    fputs(HEAD, f);
    acled_rows(f, 5, "Syria", 34.73, 36.72, &id);
    acled_rows(f, 30, "Afghanistan", 34.52, 69.18, &id);
    acled_rows(f, 20, "Yemen", 15.37, 44.19, &id);
    assert_int_equal(fclose(f), 0);
    char extra[2300], a[2048], b[2048];
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-03-10", home);
    render("honest_outside_a.png", 1000, 700, extra, a, sizeof a);
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-03-10", world);
    render("honest_outside_b.png", 1000, 700, extra, b, sizeof b);
    SDL_Surface *sa = load_png(a), *sb = load_png(b);
    int differ = 0, notice = 0;
    for (int y = 0; y < sa->h; y++)
        for (int x = 0; x < sa->w; x++) {
            int d = tu_pixel(sa, x, y) != tu_pixel(sb, x, y);
            if (y < 40 && x > 250 && x < 750) notice += d; /* the notice, top centre */
            else differ += d;
        }
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    print_message("with 50 events outside the map: %d pixels differ outside the notice, %d in it\n", differ, notice);
    assert_int_equal(differ, 0);
    assert_true(notice > 200);
}

/* The curated off-map badges (talks in Paris and Baku, 19 August 2025) sit on the map's edge,
 * never over a town or its label: no pixel of their diplomacy colour near a coastal or
 * north-eastern town (the Paris badge was pushed onto Latakia under the legend). */
static void test_badges_clear_of_towns(void **state)
{
    (void)state;
    char png[2048];
    render("honest_badges.png", 1280, 800, "--date 2025-08-19", png, sizeof png);
    static const double towns[][2] = {{35.78, 35.52}, {35.93, 35.36}, {35.94, 35.18}, {35.89, 34.89},
                                      {40.75, 36.51}, {41.22, 37.05}, {37.16, 36.20}};
    int tx[7], ty[7];
    for (int i = 0; i < 7; i++) locate(towns[i][0], towns[i][1], 1280, 800, "--date 2025-08-19", &tx[i], &ty[i]);
    SDL_Surface *s = load_png(png);
    Uint32 dip = style_layer(CM_LAYER_DIPLOMACY)->color;
    int badge = 0, near = 0;
    for (int y = 0; y < 800 - 96; y++)
        for (int x = 0; x < 1280; x++) {
            if (x < 245 && y < 245) continue; /* the legend's swatch */
            if (tu_pixel(s, x, y) != dip) continue;
            badge++;
            for (int i = 0; i < 7; i++)
                if (abs(x - tx[i]) < 60 && abs(y - ty[i]) < 14) near++;
        }
    SDL_FreeSurface(s);
    print_message("%d badge pixels, %d of them next to a town\n", badge, near);
    assert_true(badge > 20);
    assert_int_equal(near, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_place_stays_there),
        cmocka_unit_test(test_timeline_weeks_on_the_axis),
        cmocka_unit_test(test_month_precise_is_hollow),
        cmocka_unit_test(test_cluster_shows_its_mix),
        cmocka_unit_test(test_curated_above_clusters),
        cmocka_unit_test(test_outside_events_are_a_notice),
        cmocka_unit_test(test_badges_clear_of_towns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
