/* test_render_dates: the map tells what was going on at a date. The binary's --render PNGs at
 * 1000x700 for several --date values, checked at --locate positions: areas of violence and
 * zones appear (as their translucent colour over the governorate fill) only while they are
 * in force, and a transition marker sits on Damascus the day it changed hands.
 * The PNGs stay in CM_OUT as render_date_<date>.png for people to look at. */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data/catalog.h"
#include "render/style.h"

#define W 1000
#define H 700
#define SIZE "1000x700"

/* Places checked, picked by looking at the renders: inside the governorate, away from
 * markers, labels, city dots and borders. */
#define SUWAYDA_LL 36.85, 32.55    /* As-Suwayda governorate, south-east of the city, below its label */
#define LATAKIA_LL 36.05, 35.80    /* Latakia governorate, north of Latakia city (markers are at Jableh and Baniyas) */
#define DARAA_LL 36.20, 32.70      /* Daraa governorate, between the DARAA label and the As-Suwayda border */
#define DAMASCUS_LL 36.277, 33.514 /* where the transition marker is drawn */

/* Renders the default map at `date` (once per test run) and returns the PNG's path. */
static const char *render_date(const char *date)
{
    static char done[16][2048];
    static char dates[16][16];
    static int n;
    for (int i = 0; i < n; i++)
        if (strcmp(dates[i], date) == 0) return done[i];
    assert_true(n < 16);
    char *out = done[n], name[64], a[256];
    snprintf(name, sizeof name, "render_date_%s.png", date);
    snprintf(a, sizeof a, "--size " SIZE " --date %s", date);
    tu_render(a, name, out, sizeof done[0]);
    snprintf(dates[n], sizeof dates[0], "%s", date);
    n++;
    return out;
}

/* The pixel of lon,lat in the 1000x700 view at `date`, from --locate. */
static void locate(double lon, double lat, const char *date, int *x, int *y)
{
    char a[256];
    snprintf(a, sizeof a, "--size " SIZE " --date %s", date);
    assert_true(tu_locate(a, lon, lat, x, y));
    /* room for the neighbourhood and search boxes below */
    assert_true(*x >= 8 && *x < W - 8 && *y >= 8 && *y < H - 8);
}
static SDL_Surface *load_png(const char *path) { return tu_load_png(path, W, H); }
static int chan(Uint32 c, int k) { return (int)((c >> (16 - 8 * k)) & 0xFF); }

/* `over` at alpha/255 over `under`, per channel: under + (over - under) * alpha / 255, rounded. */
static Uint32 blend(Uint32 under, Uint32 over, int alpha)
{
    Uint32 out = 0;
    for (int k = 0; k < 3; k++) {
        double u = chan(under, k), o = chan(over, k);
        int v = (int)lround(u + (o - u) * alpha / 255.0);
        out |= (Uint32)v << (16 - 8 * k);
    }
    return out;
}

static int close_to(Uint32 a, Uint32 b, int tol)
{
    for (int k = 0; k < 3; k++)
        if (abs(chan(a, k) - chan(b, k)) > tol) return 0;
    return 1;
}

/* Every pixel of the 3x3 neighbourhood of (x, y) is within tol of want: the place is inside
 * one flat area, not on an edge, a label or a marker. */
static void expect_area(const SDL_Surface *s, int x, int y, Uint32 want, int tol, const char *what)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            Uint32 c = tu_pixel(s, x + dx, y + dy);
            if (!close_to(c, want, tol))
                print_error("%s at (%d, %d): %06X, expected %06X within %d per channel "
                            "(if nothing fits, check that --locate and --render agree on the view)\n",
                            what, x + dx, y + dy, (unsigned)c, (unsigned)want, tol);
            assert_true(close_to(c, want, tol));
        }
}

static void expect_not(const SDL_Surface *s, int x, int y, Uint32 unwanted, int tol, const char *what)
{
    Uint32 c = tu_pixel(s, x, y);
    if (close_to(c, unwanted, tol)) print_error("%s at (%d, %d): %06X is too close to %06X\n", what, x, y, (unsigned)c, (unsigned)unwanted);
    assert_false(close_to(c, unwanted, tol));
}

/* Number of pixels within tol of want in the (2 * half + 1)^2 box around (x, y). */
static int count_in_box(const SDL_Surface *s, int x, int y, int half, Uint32 want, int tol)
{
    int n = 0;
    for (int dy = -half; dy <= half; dy++)
        for (int dx = -half; dx <= half; dx++)
            if (close_to(tu_pixel(s, x + dx, y + dy), want, tol)) n++;
    return n;
}

static const cm_layer_style *layer_style(int layer)
{
    const cm_layer_style *st = style_layer(layer);
    assert_non_null(st);
    return st;
}

/* The colours the checks below assume: Paul Tol's vibrant red, blue and magenta. */
static void test_style_table(void **state)
{
    (void)state;
    assert_int_equal(layer_style(CM_LAYER_VIOLENCE)->color, 0xCC3311u);
    assert_int_equal(layer_style(CM_LAYER_VIOLENCE)->area_alpha, 80);
    assert_int_equal(layer_style(CM_LAYER_ZONES)->color, 0x0077BBu);
    assert_int_equal(layer_style(CM_LAYER_ZONES)->area_alpha, 40);
    assert_int_equal(layer_style(CM_LAYER_TRANSITION)->color, 0xEE3377u);
    /* the governorates checked have distinct fills from their neighbours */
    assert_int_not_equal(tu_rgb(style_gov_fill(geodata_profile(), "SY-SU")), tu_rgb(style_gov_fill(geodata_profile(), "SY-DR")));
}

/* 16 July 2025: the Suwayda violence (13-20 July) is drawn over the governorate; the southern
 * zone there is a demand (kind "claim"), hatched, not filled, so most of the place shows the
 * violence over the bare governorate; 1 January 2025: neither. */
static void test_suwayda_violence(void **state)
{
    (void)state;
    const cm_layer_style *red = layer_style(CM_LAYER_VIOLENCE), *blue = layer_style(CM_LAYER_ZONES);
    Uint32 fill = tu_rgb(style_gov_fill(geodata_profile(), "SY-SU"));
    Uint32 zone_fill = blend(blend(fill, blue->color, blue->area_alpha), red->color, red->area_alpha);
    Uint32 want = blend(fill, red->color, red->area_alpha);
    int x, y;

    SDL_Surface *s = load_png(render_date("2025-07-16"));
    locate(SUWAYDA_LL, "2025-07-16", &x, &y);
    /* a translucent layer: SDL's blending is off by up to about 2, downwards; stripes cross the box */
    int n = count_in_box(s, x, y, 6, want, 3), filled = count_in_box(s, x, y, 6, zone_fill, 3);
    if (n < 85 || filled)
        print_error("As-Suwayda on 16 July 2025 at (%d, %d): %d of 169 pixels are violence over the governorate (%06X), "
                    "%d look filled by the zone (%06X)\n", x, y, n, (unsigned)want, filled, (unsigned)zone_fill);
    assert_true(n >= 85);
    assert_int_equal(filled, 0);
    expect_not(s, x, y, fill, 8, "As-Suwayda on 16 July 2025 (bare governorate)");
    /* reddish: red well above green and blue (the pixels not under a stripe) */
    assert_true(chan(want, 0) > chan(want, 1) + 25 && chan(want, 0) > chan(want, 2) + 40);
    SDL_FreeSurface(s);

    s = load_png(render_date("2025-01-01"));
    locate(SUWAYDA_LL, "2025-01-01", &x, &y);
    expect_area(s, x, y, fill, 0, "As-Suwayda on 1 January 2025 (plain governorate fill)");
    SDL_FreeSurface(s);
}

/* The coastal violence (6-10 March 2025) covers Latakia and Tartus on 8 March, not on 1 May. */
static void test_coast_violence(void **state)
{
    (void)state;
    const cm_layer_style *red = layer_style(CM_LAYER_VIOLENCE);
    Uint32 fill = tu_rgb(style_gov_fill(geodata_profile(), "SY-LA"));
    Uint32 want = blend(fill, red->color, red->area_alpha);
    int x, y;

    SDL_Surface *s = load_png(render_date("2025-03-08"));
    locate(LATAKIA_LL, "2025-03-08", &x, &y);
    expect_area(s, x, y, want, 3, "Latakia governorate on 8 March 2025 (violence)");
    SDL_FreeSurface(s);

    s = load_png(render_date("2025-05-01"));
    locate(LATAKIA_LL, "2025-05-01", &x, &y);
    expect_area(s, x, y, fill, 0, "Latakia governorate on 1 May 2025 (plain governorate fill)");
    SDL_FreeSurface(s);
}

/* 8 December 2024: the transition marker (a magenta star) sits on Damascus; by 8 March 2025
 * it has faded out (fade 30 days). */
static void test_damascus_transition(void **state)
{
    (void)state;
    Uint32 magenta = layer_style(CM_LAYER_TRANSITION)->color;
    int x, y;

    SDL_Surface *s = load_png(render_date("2024-12-08"));
    locate(DAMASCUS_LL, "2024-12-08", &x, &y);
    /* the air campaign is marked at Damascus from the same day: the two make a stack, the strike
     * on top and the transition's star peeking out behind it, drawn a little lighter (so the
     * colour is matched within 32, which the strikes' orange is not) */
    int n = count_in_box(s, x, y, 24, magenta, 32);
    if (n == 0) print_error("no transition colour %06X within 24 px of Damascus (%d, %d) on 8 December 2024\n", (unsigned)magenta, x, y);
    assert_true(n > 0);
    SDL_FreeSurface(s);

    s = load_png(render_date("2025-03-08"));
    locate(DAMASCUS_LL, "2025-03-08", &x, &y);
    n = count_in_box(s, x, y, 24, magenta, 32);
    if (n) print_error("%d pixels of the transition colour near Damascus on 8 March 2025: the marker did not fade out\n", n);
    assert_int_equal(n, 0);
    SDL_FreeSurface(s);
}

/* The southern demilitarization zone (demanded from 23 February 2025, open-ended) hatches Daraa
 * on 8 March: blue stripes over the bare governorate, never a tint over all of it; nothing on
 * 1 February. */
static void test_daraa_zone(void **state)
{
    (void)state;
    const cm_layer_style *blue = layer_style(CM_LAYER_ZONES);
    Uint32 fill = tu_rgb(style_gov_fill(geodata_profile(), "SY-DR"));
    Uint32 tinted = blend(fill, blue->color, blue->area_alpha);
    int x, y;

    SDL_Surface *s = load_png(render_date("2025-03-08"));
    locate(DARAA_LL, "2025-03-08", &x, &y);
    int bare = count_in_box(s, x, y, 6, fill, 0), stripes = 0, tint = count_in_box(s, x, y, 6, tinted, 3);
    for (int dy = -6; dy <= 6; dy++)
        for (int dx = -6; dx <= 6; dx++) {
            Uint32 c = tu_pixel(s, x + dx, y + dy);
            stripes += chan(c, 2) > chan(c, 0) + 25;
        }
    if (bare < 40 || stripes < 10 || tint > 20)
        print_error("Daraa on 8 March 2025 at (%d, %d): %d of 169 pixels bare, %d striped, %d tinted as a filled zone\n", x, y,
                    bare, stripes, tint);
    assert_true(bare >= 40);
    assert_true(stripes >= 10);
    assert_true(tint <= 20);
    SDL_FreeSurface(s);

    s = load_png(render_date("2025-02-01"));
    locate(DARAA_LL, "2025-02-01", &x, &y);
    expect_area(s, x, y, fill, 0, "Daraa governorate on 1 February 2025 (plain governorate fill)");
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_style_table),
        cmocka_unit_test(test_suwayda_violence),
        cmocka_unit_test(test_coast_violence),
        cmocka_unit_test(test_damascus_transition),
        cmocka_unit_test(test_daraa_zone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
