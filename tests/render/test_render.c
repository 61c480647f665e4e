/* test_render: the conflictmap binary's --render PNGs, checked pixel by pixel at --locate positions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../testutil.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render/style.h"

/* Places checked, picked by looking at the 800x600 renders in both projections: away from
 * labels, city dots, borders and the scale bar. */
#define SEA_LL 34.9, 34.2   /* the Mediterranean west of Tripoli */
#define HOMS_LL 38.9, 33.8  /* desert in Homs governorate, south-east of the HOMS label */
#define IRAQ_LL 42.5, 33.0  /* western Iraq, below the IRAQ label */

/* Renders an 800x600 PNG to CM_OUT/name with extra options; returns its path in out. */
static void render(const char *name, const char *extra, char *out, size_t n)
{
    char a[4096];
    snprintf(a, sizeof a, "--size 800x600 %s", extra);
    tu_render(a, name, out, n);
}
/* The pixel of lon,lat in the 800x600 view with extra options, from --locate. */
static void locate(double lon, double lat, const char *extra, int *x, int *y)
{
    char a[4096];
    snprintf(a, sizeof a, "--size 800x600 %s", extra);
    assert_true(tu_locate(a, lon, lat, x, y));
    assert_true(*x >= 1 && *x < 799 && *y >= 1 && *y < 599);
}
static SDL_Surface *load_png(const char *path) { return tu_load_png(path, 800, 600); }
/* 1 when the exact colour is in the 3x3 neighbourhood of (x, y). */
static int has_colour_near(const SDL_Surface *s, int x, int y, Uint32 want)
{
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            if (tu_pixel(s, x + dx, y + dy) == want) return 1;
    return 0;
}

static void expect_colour(const SDL_Surface *s, int x, int y, Uint32 want, const char *what)
{
    if (!has_colour_near(s, x, y, want))
        print_error("%s at (%d, %d): %06X, expected %06X\n", what, x, y, (unsigned)tu_pixel(s, x, y), (unsigned)want);
    assert_true(has_colour_near(s, x, y, want));
}

/* Number of distinct colours, counting stops at limit + 1. */
static int distinct_colours(const SDL_Surface *s, int limit)
{
    Uint32 seen[64];
    int n = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            Uint32 c = tu_pixel(s, x, y);
            int k = 0;
            while (k < n && seen[k] != c) k++;
            if (k == n) {
                seen[n++] = c;
                if (n > limit) return n;
            }
        }
    return n;
}

/* Sea, Homs desert and Iraq have their style colours in a render with the given options. */
static void check_base_colours(const char *png_name, const char *extra)
{
    char png[2048];
    render(png_name, extra, png, sizeof png);
    int sx, sy, hx, hy, ix, iy;
    locate(SEA_LL, extra, &sx, &sy);
    locate(HOMS_LL, extra, &hx, &hy);
    locate(IRAQ_LL, extra, &ix, &iy);
    SDL_Surface *s = load_png(png);
    expect_colour(s, sx, sy, CM_SEA, "sea");
    expect_colour(s, hx, hy, tu_rgb(style_gov_fill(geodata_profile(), "SY-HI")), "Homs governorate");
    expect_colour(s, ix, iy, CM_NEIGHBOR_FILL, "Iraq");
    assert_true(distinct_colours(s, 5) > 5);
    SDL_FreeSurface(s);
}

static void test_default_render(void **state)
{
    (void)state;
    check_base_colours("render_default.png", "");
}

static void test_web_mercator_render(void **state)
{
    (void)state;
    check_base_colours("render_3857.png", "--crs EPSG:3857");
}

static void test_countries_only(void **state)
{
    (void)state;
    const char *extra = "--layers countries";
    char png[2048];
    render("render_countries.png", extra, png, sizeof png);
    int sx, sy, hx, hy, ix, iy;
    locate(SEA_LL, extra, &sx, &sy);
    locate(HOMS_LL, extra, &hx, &hy);
    locate(IRAQ_LL, extra, &ix, &iy);
    SDL_Surface *s = load_png(png);
    /* the governorates are hidden: no governorate tint near the Homs point (it shows the
     * background, CM_SEA, inside Syria's outline) */
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            Uint32 c = tu_pixel(s, hx + dx, hy + dy);
            assert_true(c != tu_rgb(style_gov_fill(geodata_profile(), "SY-HI")));
            for (int k = 0; k < CM_GOV_FILL_COUNT; k++) assert_true(c != CM_GOV_FILLS[k]);
        }
    /* the countries are still drawn */
    expect_colour(s, ix, iy, CM_NEIGHBOR_FILL, "Iraq");
    expect_colour(s, sx, sy, CM_SEA, "sea");
    SDL_FreeSurface(s);
}

static void test_render_to_missing_dir(void **state)
{
    (void)state;
    char dir[2048], png[2100], errf[2100], cmd[8192];
    snprintf(dir, sizeof dir, "%s/no-such-dir-render", outdir());
    rmdir(dir);
    snprintf(png, sizeof png, "%s/out.png", dir);
    snprintf(errf, sizeof errf, "%s/render_missing_dir.err", outdir());
    snprintf(cmd, sizeof cmd, "'%s' --size 200x150 --render '%s' 2>'%s'", bin(), png, errf);
    int rc = run(cmd);
    assert_true(rc > 0);
    struct stat st;
    assert_int_not_equal(stat(png, &st), 0);
    assert_int_not_equal(stat(dir, &st), 0);
    /* and it said why, naming the file */
    FILE *f = fopen(errf, "r");
    assert_non_null(f);
    char msg[1024] = "";
    size_t n = fread(msg, 1, sizeof msg - 1, f);
    fclose(f);
    msg[n] = 0;
    assert_non_null(strstr(msg, "out.png"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_render),
        cmocka_unit_test(test_web_mercator_render),
        cmocka_unit_test(test_countries_only),
        cmocka_unit_test(test_render_to_missing_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
