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
    char a[4096];
    snprintf(a, sizeof a, "--geodata '%s' --size %s %s", env("CM_GEODATA"), size, extra);
    tu_render(a, name, out, n);
}
/* The pixel of lon,lat in a view of size with extra options, from --locate. */
static void locate(double lon, double lat, const char *size, const char *extra, int *x, int *y)
{
    char a[4096];
    snprintf(a, sizeof a, "--geodata '%s' --size %s %s", env("CM_GEODATA"), size, extra);
    tu_locate(a, lon, lat, x, y);
}
static SDL_Surface *load_png(const char *path, int w, int h) { return tu_load_png(path, w, h); }
/* 1 when the exact colour is within r pixels of (x, y). */
static int has_colour_near(const SDL_Surface *s, int x, int y, int r, Uint32 want)
{
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
            if (tu_pixel(s, x + dx, y + dy) == want) return 1;
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
                    (unsigned)tu_pixel(s, x, y), (unsigned)want);
    assert_true(has_colour_near(s, x, y, 2, want));
    SDL_FreeSurface(s);
}

static void test_coast_visible_640(void **st) { (void)st; coast_visible("640x480", 640, 480); }
static void test_coast_visible_800(void **st) { (void)st; coast_visible("800x560", 800, 560); }

/* The timeline's strip in an 800x560 image: R.y = 560 - 96, the axis from x = 150, the bars'
 * base at R.y + 58 (ui/timeline.c at scale 1). */
#define TL_Y (560 - 96)
#define AXIS_X0 150
#define TL_BASE (TL_Y + 58)
#define TL_BG 0xFBFAF7u
#define HANDLE 0x1F1F1Fu

/* The fade's shading stays on the axis: on 10 November 2024 the 30 days of fade reach before
 * the span's start, and were shaded under the strip's caption and buttons. */
static void test_fade_stays_on_axis(void **st)
{
    (void)st;
    char png[2048];
    render("layout-fade-start.png", "800x560", "--date 2024-11-10", png, sizeof png);
    SDL_Surface *s = load_png(png, 800, 560);
    int tinted = 0;
    for (int y = TL_Y + 26; y < TL_Y + 50; y++)
        for (int x = AXIS_X0 - 7; x < AXIS_X0 - 1; x++) tinted += tu_pixel(s, x, y) != TL_BG;
    if (tinted) print_error("%d pixels left of the axis are not the strip's paper (the fade shading spills)\n", tinted);
    assert_int_equal(tinted, 0);
    SDL_FreeSurface(s);
}

static int dark_in(const SDL_Surface *s, int x0, int x1, int y0, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) n += tu_pixel(s, x, y) == HANDLE;
    return n;
}

/* In range mode both ends are labelled, and no label runs over a handle: a two-week window
 * (6 to 20 March 2025) is about 50 pixels wide at 800, narrower than one date. */
static void test_range_labels(void **st)
{
    (void)st;
    char png[2048];
    render("layout-range-labels.png", "800x560", "--from 2025-03-06 --to 2025-03-20", png, sizeof png);
    SDL_Surface *s = load_png(png, 800, 560);
    /* the handles: the runs of their colour on a row through the bars, above the discs */
    int hx[4], nh = 0, y = TL_BASE - 12;
    for (int x = AXIS_X0; x < 800 && nh < 4; x++)
        if (tu_pixel(s, x, y) == HANDLE) {
            int x1 = x;
            while (x1 + 1 < 800 && tu_pixel(s, x1 + 1, y) == HANDLE) x1++;
            hx[nh++] = (x + x1) / 2;
            x = x1;
        }
    if (nh != 2) print_error("found %d handles on row %d, want 2\n", nh, y);
    assert_int_equal(nh, 2);
    /* each handle's line is whole up to the top of the strip: no label's halo cut it */
    for (int k = 0; k < 2; k++)
        for (int yy = TL_Y + 9; yy < TL_BASE - 8; yy++) {
            if (tu_pixel(s, hx[k], yy) != HANDLE) print_error("handle %d at x %d is %06X at y %d: a label over it\n", k, hx[k], (unsigned)tu_pixel(s, hx[k], yy), yy);
            assert_int_equal(tu_pixel(s, hx[k], yy), HANDLE);
        }
    /* a date's ink left of the start handle and right of the end handle */
    int left = dark_in(s, hx[0] - 140, hx[0] - 3, TL_Y + 4, TL_Y + 24), right = dark_in(s, hx[1] + 3, hx[1] + 140, TL_Y + 4, TL_Y + 24);
    if (left < 40 || right < 40) print_error("label ink: %d left of the start, %d right of the end (want 40 each)\n", left, right);
    assert_true(left >= 40 && right >= 40);
    SDL_FreeSurface(s);
}

/* The tallest run of rows, in the box x0..x1, y0..y1, that hold a pixel of exactly colour c:
 * the ink height of a line of text drawn in c. */
static int ink_height(const SDL_Surface *s, int x0, int x1, int y0, int y1, Uint32 c)
{
    int best = 0, run = 0;
    for (int y = y0; y < y1; y++) {
        int any = 0;
        for (int x = x0; x < x1 && !any; x++) any = tu_pixel(s, x, y) == c;
        run = any ? run + 1 : 0;
        if (run > best) best = run;
    }
    return best;
}

/* A 3840x2160 render is for print or a big screen: its text is scaled (2.5 by default) so that
 * it reads like a 1280x800 one; at scale 1 the date was 16 pixels of ink and the legend's names 9. */
static void test_4k_text_readable(void **st)
{
    (void)st;
    char png[2048];
    render("layout-4k.png", "3840x2160", "--date 2025-03-08", png, sizeof png);
    SDL_Surface *s = load_png(png, 3840, 2160);
    int date = ink_height(s, 0, 700, 0, 260, 0x1F1F1Fu);   /* the date box's date */
    int names = ink_height(s, 0, 700, 220, 800, 0x2B2B2Bu); /* the legend's layer names */
    if (date < 36 || names < 20) print_error("at 3840x2160 the date's ink is %d pixels high (want 36), the legend names' %d (want 20)\n", date, names);
    assert_true(date >= 36);
    assert_true(names >= 20);
    SDL_FreeSurface(s);
}

/* --scale sets it: 4K at --scale 1 keeps 1280x800's sizes; --scale too big for the height is
 * refused with one line naming the minimum. */
static void test_scale_option(void **st)
{
    (void)st;
    char png[2048];
    render("layout-4k-scale1.png", "3840x2160", "--date 2025-03-08 --scale 1", png, sizeof png);
    SDL_Surface *s = load_png(png, 3840, 2160);
    int date = ink_height(s, 0, 700, 0, 260, 0x1F1F1Fu);
    if (date < 12 || date > 20) print_error("at --scale 1 the date's ink is %d pixels high (want 12..20)\n", date);
    assert_true(date >= 12 && date <= 20);
    SDL_FreeSurface(s);
    char cmd[4096], line[512] = "";
    snprintf(cmd, sizeof cmd, "'%s' --geodata '%s' --size 400x200 --scale 2 --render '%s/layout-no.png' 2>&1", bin(), env("CM_GEODATA"), outdir());
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char *got = fgets(line, sizeof line, p);
    int rc = pclose(p);
    assert_non_null(got);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) != 0);
    if (!strstr(line, "--scale 2") || !strstr(line, "at least 224")) print_error("refusal: %s", line);
    assert_non_null(strstr(line, "at least 224"));
}

/* ---- colour-blind safety ---- */

static double lin(double c) { c /= 255; return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4); }

/* CIE L*a*b* (D65) of an sRGB colour, as seen with deuteranopia when cvd: Machado, Oliveira and
 * Fernandes (2009), severity 1, applied to linear RGB. */
static void to_lab(Uint32 rgb, int cvd, double lab[3])
{
    static const double M[3][3] = {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};
    double c[3] = {lin((rgb >> 16) & 0xFF), lin((rgb >> 8) & 0xFF), lin(rgb & 0xFF)}, d[3];
    for (int i = 0; i < 3; i++) {
        d[i] = cvd ? M[i][0] * c[0] + M[i][1] * c[1] + M[i][2] * c[2] : c[i];
        d[i] = d[i] < 0 ? 0 : d[i] > 1 ? 1 : d[i];
    }
    double X = (0.4124 * d[0] + 0.3576 * d[1] + 0.1805 * d[2]) / 0.95047, Y = 0.2126 * d[0] + 0.7152 * d[1] + 0.0722 * d[2],
           Z = (0.0193 * d[0] + 0.1192 * d[1] + 0.9505 * d[2]) / 1.08883;
    double f[3] = {X, Y, Z};
    for (int i = 0; i < 3; i++) f[i] = f[i] > 0.008856 ? cbrt(f[i]) : 7.787 * f[i] + 16.0 / 116;
    lab[0] = 116 * f[1] - 16;
    lab[1] = 500 * (f[0] - f[1]);
    lab[2] = 200 * (f[1] - f[2]);
}

static double delta_e(Uint32 a, Uint32 b, int cvd)
{
    double la[3], lb[3];
    to_lab(a, cvd, la);
    to_lab(b, cvd, lb);
    return sqrt((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) + (la[2] - lb[2]) * (la[2] - lb[2]));
}

/* The commonest strong colour (not paper, land or grey: channels spread by over 40) within r
 * pixels of (x, y): a cluster's ring or a marker as drawn. 0xFF000000 when there is none. */
static Uint32 dominant_colour(const SDL_Surface *s, int x, int y, int r)
{
    Uint32 col[64];
    int cnt[64], n = 0, best = -1;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) {
            if (dx * dx + dy * dy > r * r) continue;
            Uint32 c = tu_pixel(s, x + dx, y + dy);
            int R = (c >> 16) & 0xFF, G = (c >> 8) & 0xFF, B = c & 0xFF;
            int hi = R > G ? (R > B ? R : B) : (G > B ? G : B), lo = R < G ? (R < B ? R : B) : (G < B ? G : B);
            if (c == 0xFF000000u || hi - lo <= 40) continue;
            int k = 0;
            while (k < n && col[k] != c) k++;
            if (k == n) {
                if (n == 64) continue;
                col[n] = c;
                cnt[n++] = 0;
            }
            cnt[k]++;
        }
    for (int k = 0; k < n; k++)
        if (best < 0 || cnt[k] > cnt[best]) best = k;
    return best < 0 ? 0xFF000000u : col[best];
}

static const char *CATS[12] = {"strike", "violence", "incursion", "diplomacy", "transition", "statement",
                               "battle", "explosion", "civilians", "protest", "riot", "strategic"};
#define CLUSTER_N 25   /* events a place: 12 x 25 = 300, past CM_CLUSTER_AT, so the map draws clusters */

static void place_of(int k, double *lon, double *lat)
{
    *lon = 37.6 + (k % 4) * 1.0;
    *lat = 36.0 - (k / 4) * 0.9;
}

/* Every pair of layers stays apart under a deuteranopia simulation, as drawn (25 events of one
 * category around a place, 300 in all: ACLED's layers are drawn as clusters, whose rings are
 * what is sampled; the built-in layers stay single markers above them): CIE76
 * distance at least 20, and at least 20 with normal sight. ACLED's colours fell to 9 (strikes
 * and explosions) and 7 (diplomacy and protests). */
static void test_layers_apart_deuteranopia(void **st)
{
    (void)st;
    const char *ev = outfile("layout-cvd.geojson");
    FILE *f = fopen(ev, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    for (int k = 0; k < 12; k++)
        for (int i = 0; i < CLUSTER_N; i++) {
            double lon, lat;
            place_of(k, &lon, &lat);
            lon += (i % 5 - 2) * 0.04;
            lat += (i / 5 - 2) * 0.04;
            fprintf(f, "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"cvd-%d-%d\", \"title\": \"Fixture %s %d\", "
                    "\"category\": \"%s\", \"kind\": \"point\", \"start\": \"2025-03-08\", \"place\": \"Fixture\", "
                    "\"sources\": [{\"outlet\": \"Fixture\", \"date\": \"2025-03-08\", \"url\": \"https://example.org/\"}]}, "
                    "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%.4f, %.4f]}}\n",
                    k || i ? "," : "", k, i, CATS[k], i, CATS[k], lon, lat);
        }
    fprintf(f, "]}\n");
    fclose(f);
    char png[2048], extra[2300];
    snprintf(extra, sizeof extra, "--no-default-events --events '%s' --date 2025-03-08 --layers all", ev);
    render("layout-cvd.png", "800x560", extra, png, sizeof png);
    SDL_Surface *s = load_png(png, 800, 560);
    Uint32 drawn[12];
    for (int k = 0; k < 12; k++) {
        double lon, lat;
        int x, y;
        place_of(k, &lon, &lat);
        locate(lon, lat, "800x560", extra, &x, &y);
        drawn[k] = dominant_colour(s, x, y, 16);
        printf("%-10s drawn %06X at (%d, %d)\n", CATS[k], (unsigned)drawn[k], x, y);
        assert_true(drawn[k] != 0xFF000000u);
    }
    double worst = 1e9, worst_n = 1e9;
    for (int a = 0; a < 12; a++)
        for (int b = a + 1; b < 12; b++) {
            double d = delta_e(drawn[a], drawn[b], 1), dn = delta_e(drawn[a], drawn[b], 0);
            if (d < 20) print_error("deuteranopia: %s %06X and %s %06X are %.1f apart (want 20)\n", CATS[a], (unsigned)drawn[a], CATS[b], (unsigned)drawn[b], d);
            if (dn < 20) print_error("normal sight: %s and %s are %.1f apart (want 20)\n", CATS[a], CATS[b], dn);
            if (d < worst) worst = d;
            if (dn < worst_n) worst_n = dn;
        }
    printf("closest pair of layers as drawn: %.1f under deuteranopia, %.1f in normal sight (CIE76)\n", worst, worst_n);
    assert_true(worst >= 20);
    assert_true(worst_n >= 20);
    SDL_FreeSurface(s);
}

/* Pixels that differ between two images within r of (x, y). */
static int differ_near(const SDL_Surface *a, const SDL_Surface *b, int x, int y, int r)
{
    int n = 0;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) n += tu_pixel(a, x + dx, y + dy) != tu_pixel(b, x + dx, y + dy);
    return n;
}

/* The heat view's kernel is on the ground (10 km), not in pixels: one lone event's spot covers
 * about four times the pixels a zoom level closer. With a pixel kernel it covered the same. */
static void test_heat_kernel_in_km(void **st)
{
    (void)st;
    const char *ev = outfile("layout-heat.geojson");
    FILE *f = fopen(ev, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"id\": \"lone\", "
               "\"title\": \"A lone event\", \"category\": \"battle\", \"kind\": \"point\", \"start\": \"2025-03-08\", "
               "\"place\": \"Fixture\", \"sources\": [{\"outlet\": \"Fixture\", \"date\": \"2025-03-08\", \"url\": \"https://example.org/\"}]}, "
               "\"geometry\": {\"type\": \"Point\", \"coordinates\": [39.5, 34.6]}}]}\n");
    fclose(f);
    int area[2];
    for (int z = 0; z < 2; z++) {
        char base[2300], heat[2400], pa[2048], pb[2048], na[64], nb[64];
        snprintf(base, sizeof base, "--no-default-events --events '%s' --date 2025-03-08 --center 39.5,34.6 --zoom %d", ev, 7 + z);
        snprintf(heat, sizeof heat, "%s --heat", base);
        snprintf(na, sizeof na, "layout-heat-off-z%d.png", 7 + z);
        snprintf(nb, sizeof nb, "layout-heat-on-z%d.png", 7 + z);
        render(na, "800x560", base, pa, sizeof pa);
        render(nb, "800x560", heat, pb, sizeof pb);
        int x, y;
        locate(39.5, 34.6, "800x560", base, &x, &y);
        SDL_Surface *a = load_png(pa, 800, 560), *b = load_png(pb, 800, 560);
        area[z] = differ_near(a, b, x, y, 150);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
    }
    double ratio = (double)area[1] / (area[0] ? area[0] : 1);
    printf("the lone event's heat spot: %d pixels at zoom 7, %d at zoom 8 (x%.2f)\n", area[0], area[1], ratio);
    if (ratio < 2.5 || ratio > 6) print_error("heat spot %d -> %d pixels a zoom level closer: x%.2f, want about 4\n", area[0], area[1], ratio);
    assert_true(ratio >= 2.5 && ratio <= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coast_visible_640),
        cmocka_unit_test(test_coast_visible_800),
        cmocka_unit_test(test_fade_stays_on_axis),
        cmocka_unit_test(test_range_labels),
        cmocka_unit_test(test_4k_text_readable),
        cmocka_unit_test(test_scale_option),
        cmocka_unit_test(test_layers_apart_deuteranopia),
        cmocka_unit_test(test_heat_kernel_in_km),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
