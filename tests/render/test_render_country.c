/* test_render_country: another country's base map (issue 14), geodata/lebanon built by
 * `geodata/build.sh lebanon governorate`, rendered by the conflictmap binary and checked at
 * --locate positions: Beirut is land in its governorate's tint from Lebanon's profile.ini, the
 * sea west of it is sea, Syria is a neighbour, the sea and governorate labels are drawn. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <string.h>

#include "render/style.h"

#define BEIRUT_LL 35.5018, 33.8938
#define SEA_LL 35.2, 34.3     /* off the coast between Beirut and Tripoli */
#define SYRIA_LL 36.9, 34.3   /* the Syrian desert east of the Beqaa */
#define BEQAA_LL 36.35, 34.05 /* the Beqaa, north-east of Baalbek */
#define MOUNT_LL 35.72, 33.95 /* Mount Lebanon, inland from Jounieh */
#define NORTH_LL 35.95, 34.45 /* North Lebanon, east of Tripoli */

static char geodir[2048];
static cm_profile prof;

static int setup(void **state)
{
    (void)state;
    snprintf(geodir, sizeof geodir, "%s/lebanon", getenv("CM_GEODATA") ? getenv("CM_GEODATA") : "geodata");
    char err[1024];
    if (profile_load(geodir, &prof, err, sizeof err) != 0) { print_error("%s\n", err); return -1; }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    profile_free(&prof);
    return 0;
}

static void render(const char *name, const char *extra, char *out, size_t n)
{
    char a[8192];
    snprintf(a, sizeof a, "--geodata '%s' --size 800x600 --date 2025-07-16 %s", geodir, extra);
    tu_render(a, name, out, n);
}
static void locate(double lon, double lat, int *x, int *y)
{
    char a[4096];
    snprintf(a, sizeof a, "--geodata '%s' --size 800x600", geodir);
    assert_true(tu_locate(a, lon, lat, x, y));
}
static SDL_Surface *load_png(const char *path) { return tu_load_png(path, 0, 0); }
static void expect_near(const SDL_Surface *s, int x, int y, Uint32 want, const char *what)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            if (tu_pixel(s, x + dx, y + dy) == want) return;
    print_error("%s at (%d, %d): %06X, expected %06X\n", what, x, y, (unsigned)tu_pixel(s, x, y), (unsigned)want);
    fail();
}

/* Pixels of exactly colour c in the box [x0, x1) x [y0, y1). */
static int count_colour(const SDL_Surface *s, int x0, int y0, int x1, int y1, Uint32 c)
{
    int n = 0;
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < s->h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < s->w; x++) n += tu_pixel(s, x, y) == c;
    return n;
}

/* The base alone: Beirut in its tint, the sea, Syria a neighbour. */
static void test_base(void **state)
{
    (void)state;
    char png[2048];
    render("country_base.png", "--layers countries,governorates", png, sizeof png);
    SDL_Surface *s = load_png(png);
    int x, y;
    locate(BEIRUT_LL, &x, &y);
    expect_near(s, x, y, tu_rgb(style_gov_fill(&prof, "LB-BA")), "Beirut governorate");
    locate(BEQAA_LL, &x, &y);
    expect_near(s, x, y, tu_rgb(style_gov_fill(&prof, "LB-BI")), "Beqaa governorate");
    locate(MOUNT_LL, &x, &y);
    expect_near(s, x, y, tu_rgb(style_gov_fill(&prof, "LB-JL")), "Mount Lebanon governorate");
    locate(NORTH_LL, &x, &y);
    expect_near(s, x, y, tu_rgb(style_gov_fill(&prof, "LB-AS")), "North Lebanon governorate");
    /* the tints are the profile's: three of them in these four places */
    assert_int_not_equal(tu_rgb(style_gov_fill(&prof, "LB-JL")), tu_rgb(style_gov_fill(&prof, "LB-BA")));
    assert_int_not_equal(tu_rgb(style_gov_fill(&prof, "LB-AS")), tu_rgb(style_gov_fill(&prof, "LB-JL")));
    assert_int_not_equal(profile_tint(&prof, "LB-BA"), profile_tint(&prof, "LB-JL")); /* neighbours differ */
    locate(SEA_LL, &x, &y);
    expect_near(s, x, y, CM_SEA, "the sea");
    locate(SYRIA_LL, &x, &y);
    expect_near(s, x, y, CM_NEIGHBOR_FILL, "Syria");
    assert_int_equal(count_colour(s, 0, 0, s->w, s->h, CM_LABEL_GOV), 0); /* no labels asked for */
    SDL_FreeSurface(s);
}

/* With labels: governorate names in their colour, the profile's sea label near its place. */
static void test_labels(void **state)
{
    (void)state;
    char png[2048];
    render("country_labels.png", "--layers countries,governorates,cities,labels", png, sizeof png);
    SDL_Surface *s = load_png(png);
    int gov = count_colour(s, 0, 0, s->w, s->h, CM_LABEL_GOV);
    if (gov < 20) print_error("governorate label pixels: %d\n", gov);
    assert_true(gov >= 20);
    int x, y;
    locate(prof.seas[0].lon, prof.seas[0].lat, &x, &y);
    int box = 120 * 40, plain = count_colour(s, x - 60, y - 20, x + 60, y + 20, CM_SEA);
    if (box - plain < 100) print_error("sea label pixels near (%d, %d): %d\n", x, y, box - plain);
    assert_true(box - plain >= 100); /* the text, on open sea */
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
