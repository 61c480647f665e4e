/* test_render_claims: what the map must not let a reader mistake, checked on --render PNGs at
 * --locate'd places: the occupied Golan is drawn as its own area (not as Israel, not as a
 * governorate Syria holds); a demand (kind "claim") is hatched over the ground it names, not
 * filled like territory held, while presence (the UNDOF incursion) keeps its fill. */
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

#define W 900
#define H 700
/* the south-west, at 16 July 2025, with no labels or towns over the places checked */
#define VIEW "--size 900x700 --date 2025-07-16 --center 36.1,32.95 --zoom 9"

static void render(const char *name, const char *extra, char *out, size_t n)
{
    char a[4096];
    snprintf(a, sizeof a, VIEW " %s", extra);
    tu_render(a, name, out, n);
}
static void locate(double lon, double lat, const char *extra, int *x, int *y)
{
    char a[4096];
    snprintf(a, sizeof a, VIEW " %s", extra);
    tu_locate(a, lon, lat, x, y);
    assert_true(*x >= 12 && *x < W - 12 && *y >= 12 && *y < H - 12);
}
static SDL_Surface *load_png(const char *path) { return tu_load_png(path, W, H); }
/* pixels of the (2r+1)^2 box around (x, y) that are exactly `want` */
static int count_exact(const SDL_Surface *s, int x, int y, int r, Uint32 want)
{
    int n = 0;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) n += tu_pixel(s, x + dx, y + dy) == want;
    return n;
}

/* pixels of the box clearly tinted towards blue (the zones' colour) */
static int count_blue(const SDL_Surface *s, int x, int y, int r)
{
    int n = 0;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) {
            Uint32 c = tu_pixel(s, x + dx, y + dy);
            int R = (c >> 16) & 0xff, B = c & 0xff;
            n += B > R + 25;
        }
    return n;
}

/* The Golan: Katzrin and the middle of the plateau are in the occupied area's own fill; Tiberias is Israel
 * (the neighbours' fill); the strip of Quneitra Syria holds keeps a governorate's fill. */
static void test_golan_drawn_apart(void **state)
{
    (void)state;
    const char *only = "--layers countries,governorates --no-default-events --center 35.7,33.05 --zoom 10";
    char png[2048];
    render("claims-golan.png", only, png, sizeof png);
    SDL_Surface *s = load_png(png);
    /* Katzrin, and a point in the middle of the plateau (Majdal Shams lies within a pixel or two
     * of the ceasefire line at this scale: tests/unit/test_shapes.c checks it on the data) */
    static const struct { const char *name; double lon, lat; } IN[] = {{"Katzrin", 35.6906, 32.9925}, {"central Golan", 35.76, 33.10}};
    for (size_t i = 0; i < sizeof IN / sizeof IN[0]; i++) {
        int x, y;
        locate(IN[i].lon, IN[i].lat, only, &x, &y);
        int n = count_exact(s, x, y, 2, CM_OCCUPIED_FILL);
        if (n < 20) print_error("%s at (%d, %d): %06X, %d of 25 pixels in the occupied fill %06X\n", IN[i].name, x, y,
                                (unsigned)tu_pixel(s, x, y), n, (unsigned)CM_OCCUPIED_FILL);
        assert_true(n >= 20);
    }
    int x, y;
    locate(35.5312, 32.7922, only, &x, &y); /* Tiberias */
    if (tu_pixel(s, x, y) != CM_NEIGHBOR_FILL) print_error("Tiberias at (%d, %d): %06X\n", x, y, (unsigned)tu_pixel(s, x, y));
    assert_int_equal(tu_pixel(s, x, y), CM_NEIGHBOR_FILL);
    locate(35.95, 33.15, only, &x, &y); /* Quneitra governorate, east of the UNDOF strip */
    assert_int_equal(tu_pixel(s, x, y), tu_rgb(style_gov_fill(geodata_profile(), "SY-QU")));
    SDL_FreeSurface(s);
}

/* The demand for a demilitarised south (zone-south-demil, kind "claim") over Daraa: stripes
 * over the governorate's own colour, most of it left untinted. The UNDOF incursion (presence)
 * is filled: no pixel of the strip keeps its base colour. */
static void test_claim_hatched_presence_filled(void **state)
{
    (void)state;
    const char *zones = "--layers countries,governorates,zones";
    char png[2048];
    render("claims-zones.png", zones, png, sizeof png);
    SDL_Surface *s = load_png(png);
    int x, y;
    locate(36.25, 32.78, zones, &x, &y); /* Daraa governorate, inside the demanded zone */
    Uint32 base = tu_rgb(style_gov_fill(geodata_profile(), "SY-DR"));
    int plain = count_exact(s, x, y, 10, base), blue = count_blue(s, x, y, 10);
    if (plain < 150 || blue < 40)
        print_error("demand over Daraa at (%d, %d): %d of 441 pixels untinted (%06X), %d blue stripes\n", x, y, plain,
                    (unsigned)base, blue);
    assert_true(plain >= 150); /* not filled: the ground shows through */
    assert_true(blue >= 40);   /* but hatched */
    locate(35.86, 33.05, zones, &x, &y); /* inside the UNDOF strip */
    int undof_plain = count_exact(s, x, y, 2, CM_BUFFER_FILL), undof_blue = count_blue(s, x, y, 2);
    if (undof_plain || undof_blue < 25)
        print_error("UNDOF strip at (%d, %d): %06X, %d untinted, %d blue\n", x, y, (unsigned)tu_pixel(s, x, y), undof_plain, undof_blue);
    assert_int_equal(undof_plain, 0);
    assert_int_equal(undof_blue, 25);
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golan_drawn_apart),
        cmocka_unit_test(test_claim_hatched_presence_filled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
