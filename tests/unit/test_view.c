/* test_view: viewport arithmetic (render/view), scale bar length choice and command-line parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "geo/crs.h"
#include "options.h"
#include "render/view.h"
#include "ui/scalebar.h"

/* A view of 800x600 pixels at offset (20, 30), centred on (200000, 300000), 1 px per km. */
static cm_view make_view(void)
{
    cm_view v = {.cx = 200000, .cy = 300000, .scale = 1e-3, .x0 = 20, .y0 = 30, .w = 800, .h = 600};
    return v;
}

static void test_round_trip(void **state)
{
    (void)state;
    cm_view v = make_view();
    float sx, sy;
    /* the centre lands in the middle of the rectangle */
    view_to_screen(&v, v.cx, v.cy, &sx, &sy);
    assert_true(fabsf(sx - 420) < 1e-3f && fabsf(sy - 330) < 1e-3f);
    /* y grows up in the world, down on screen */
    view_to_screen(&v, v.cx + 10000, v.cy + 10000, &sx, &sy);
    assert_true(fabsf(sx - 430) < 1e-3f && fabsf(sy - 320) < 1e-3f);
    const double pts[][2] = {{123456.5, 345678.25}, {-50000, 0}, {200000, 300000}, {560000, 10}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        view_to_screen(&v, pts[i][0], pts[i][1], &sx, &sy);
        double x, y;
        view_to_world(&v, sx, sy, &x, &y);
        /* float screen coordinates: ~1e-4 px of 1 km/px */
        assert_true(fabs(x - pts[i][0]) < 1.0);
        assert_true(fabs(y - pts[i][1]) < 1.0);
    }
    /* and screen -> world -> screen */
    double x, y;
    view_to_world(&v, 37.5, 501.25, &x, &y);
    view_to_screen(&v, x, y, &sx, &sy);
    assert_true(fabsf(sx - 37.5f) < 1e-3f && fabsf(sy - 501.25f) < 1e-3f);
}

static void test_zoom_at_keeps_point(void **state)
{
    (void)state;
    cm_view v = make_view();
    const double sx = 123.0, sy = 456.0;
    double wx, wy;
    view_to_world(&v, sx, sy, &wx, &wy);
    double s0 = v.scale;
    view_zoom_at(&v, 2.0, sx, sy);
    assert_true(fabs(v.scale - 2 * s0) < 1e-12);
    float ax, ay;
    view_to_screen(&v, wx, wy, &ax, &ay);
    assert_true(fabs(ax - sx) < 1e-3 && fabs(ay - sy) < 1e-3); /* float output */
    /* exact check in double, independent of the float rounding of view_to_screen */
    double dx = v.x0 + v.w * 0.5 + (wx - v.cx) * v.scale, dy = v.y0 + v.h * 0.5 - (wy - v.cy) * v.scale;
    assert_true(fabs(dx - sx) < 1e-6);
    assert_true(fabs(dy - sy) < 1e-6);
    /* the centre moved (zooming about a point that is not the centre) */
    assert_true(fabs(v.cx - 200000) > 1);
    view_zoom_at(&v, 0.25, 700, 100);
    double wx2, wy2;
    view_to_world(&v, 700, 100, &wx2, &wy2);
    view_zoom_at(&v, 3.0, 700, 100);
    dx = v.x0 + v.w * 0.5 + (wx2 - v.cx) * v.scale;
    dy = v.y0 + v.h * 0.5 - (wy2 - v.cy) * v.scale;
    assert_true(fabs(dx - 700) < 1e-6 && fabs(dy - 100) < 1e-6);
}

static void test_pan(void **state)
{
    (void)state;
    cm_view v = make_view();
    float ax, ay, bx, by;
    view_to_screen(&v, 250000, 280000, &ax, &ay);
    view_pan(&v, 10, 0);
    view_to_screen(&v, 250000, 280000, &bx, &by);
    assert_true(fabsf(bx - ax - 10) < 1e-3f);
    assert_true(fabsf(by - ay) < 1e-3f);
    view_pan(&v, 0, -7);
    view_to_screen(&v, 250000, 280000, &ax, &ay);
    assert_true(fabsf(ax - bx) < 1e-3f);
    assert_true(fabsf(ay - by + 7) < 1e-3f);
}

static void test_zoom_levels(void **state)
{
    (void)state;
    cm_view v = make_view();
    view_set_zoom_level(&v, 7);
    assert_true(fabs(view_zoom_level(&v) - 7) < 1e-9);
    /* web-map level 7: 156543.03392804097 / 2^7 metres per pixel */
    assert_true(fabs(1 / v.scale - 156543.03392804097 / 128) < 1e-6);
    view_set_zoom_level(&v, 10.5);
    assert_true(fabs(view_zoom_level(&v) - 10.5) < 1e-9);

    view_set_zoom_level(&v, 40);
    assert_true(fabs(view_zoom_level(&v) - CM_ZOOM_MAX) < 1e-9);
    view_set_zoom_level(&v, -5);
    assert_true(fabs(view_zoom_level(&v) - CM_ZOOM_MIN) < 1e-9);

    view_set_zoom_level(&v, 15);
    view_zoom_at(&v, 1024, 100, 100);
    assert_true(fabs(view_zoom_level(&v) - CM_ZOOM_MAX) < 1e-9);
    view_set_zoom_level(&v, 4);
    view_zoom_at(&v, 1.0 / 1024, 100, 100);
    assert_true(fabs(view_zoom_level(&v) - CM_ZOOM_MIN) < 1e-9);
}

static void test_fit(void **state)
{
    (void)state;
    /* about Syria in EPSG:22770: 800 km by 700 km */
    const double bbox[4] = {-250000, 50000, 550000, 750000};
    const int margins[] = {0, 20, 57};
    for (size_t m = 0; m < sizeof margins / sizeof margins[0]; m++) {
        int margin = margins[m];
        cm_view v = make_view();
        view_fit(&v, bbox, margin);
        float x0, y0, x1, y1;
        view_to_screen(&v, bbox[0], bbox[1], &x0, &y0); /* bottom left */
        view_to_screen(&v, bbox[2], bbox[3], &x1, &y1); /* top right */
        const float eps = 0.01f;
        assert_true(x0 >= v.x0 + margin - eps && x1 <= v.x0 + v.w - margin + eps);
        assert_true(y1 >= v.y0 + margin - eps && y0 <= v.y0 + v.h - margin + eps);
        /* tight: one side touches the margins */
        int touch_x = fabsf(x0 - (v.x0 + margin)) < 0.5f && fabsf(x1 - (v.x0 + v.w - margin)) < 0.5f;
        int touch_y = fabsf(y1 - (v.y0 + margin)) < 0.5f && fabsf(y0 - (v.y0 + v.h - margin)) < 0.5f;
        assert_true(touch_x || touch_y);
        /* and centred */
        assert_true(fabsf((x0 + x1) / 2 - (v.x0 + v.w / 2.0f)) < 0.01f);
        assert_true(fabsf((y0 + y1) / 2 - (v.y0 + v.h / 2.0f)) < 0.01f);
        double wb[4];
        view_world_bbox(&v, wb);
        assert_true(wb[0] <= bbox[0] && wb[1] <= bbox[1] && wb[2] >= bbox[2] && wb[3] >= bbox[3]);
    }
}

static int is_round(double len)
{
    double p = pow(10, floor(log10(len) + 1e-9));
    double m = len / p;
    return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

static void test_scalebar_pick(void **state)
{
    (void)state;
    const double mpps[] = {1000, 1, 37.7, 2345.6, 12.5};
    for (size_t i = 0; i < sizeof mpps / sizeof mpps[0]; i++) {
        double w = -1;
        double len = scalebar_pick(mpps[i], 70, 160, &w);
        assert_true(len > 0);
        if (!is_round(len)) print_error("scalebar_pick(%g): %g m is not 1, 2 or 5 x 10^k\n", mpps[i], len);
        assert_true(is_round(len));
        assert_true(w >= 70 && w <= 160);
        assert_true(fabs(w - len / mpps[i]) < 1e-9);
    }
    double w;
    /* 1000 m/px: 100 km is 100 px (200 km would be 200 px, too wide) */
    assert_true(fabs(scalebar_pick(1000, 70, 160, &w) - 100000) < 1e-6);
    assert_true(fabs(w - 100) < 1e-9);
}

/* Runs options_parse on a NULL-terminated list of arguments (after argv[0]). */
/* The scale bar measures the geodesic on the WGS 84 ellipsoid. In web Mercator (EPSG:3857) x is
 * a * longitude, so a view whose 100 central pixels span exactly one degree of longitude
 * measures from -0.5 to +0.5 degrees at the latitude of its centre. References: Vincenty's
 * inverse formula on WGS 84 (an implementation independent of PROJ's; it gives 308322.875 m
 * for the geod example in test_crs): 111319.4908 m on the equator, 55799.4704 m at 60 N. A
 * sphere of the mean radius says 111195.08 m and 55597.01 m. */
static void test_scalebar_geodesic(void **state)
{
    (void)state;
    char err[256] = "";
    cm_crs *merc = crs_create(CM_CRS_WGS84, "EPSG:3857", err, sizeof err);
    if (!merc) fail_msg("crs_create: %s", err);
    static const struct { double lat, metres; } REF[] = {{0, 111319.4908}, {60, 55799.4704}};
    for (int i = 0; i < 2; i++) {
        double x = 0, y = REF[i].lat;
        assert_int_equal(crs_forward(merc, &x, &y, 1, 1), 0);
        cm_view v = {.cx = x, .cy = y, .scale = 100 / (6378137 * M_PI / 180), .x0 = 10, .y0 = 20, .w = 400, .h = 300};
        double mpp = scalebar_metres_per_px(merc, &v);
        print_message("latitude %g: %.4f m per pixel, the geodesic says %.4f\n", REF[i].lat, mpp, REF[i].metres / 100);
        assert_true(fabs(mpp * 100 - REF[i].metres) < 0.01); /* a centimetre in 55 or 111 km */
    }
    crs_destroy(merc);
}

static int parse(cm_options *o, char *err, size_t errlen, const char *const *args)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "conflictmap";
    for (int i = 0; args[i]; i++) argv[argc++] = (char *)args[i];
    argv[argc] = NULL;
    err[0] = 0;
    return options_parse(argc, argv, o, err, errlen);
}

static void test_options_valid(void **state)
{
    (void)state;
    cm_options o;
    char err[256];
    const char *a[] = {"--size", "800x600", "--center", "36.3,33.5", "--zoom", "8", NULL};
    assert_int_equal(parse(&o, err, sizeof err, a), 0);
    assert_int_equal(o.mode, CM_MODE_WINDOW);
    assert_int_equal(o.w, 800);
    assert_int_equal(o.h, 600);
    assert_int_equal(o.has_center, 1);
    assert_true(fabs(o.center_lon - 36.3) < 1e-12 && fabs(o.center_lat - 33.5) < 1e-12);
    assert_int_equal(o.has_zoom, 1);
    assert_true(fabs(o.zoom - 8) < 1e-12);

    const char *b[] = {"--render", "out.png", "--crs", "EPSG:3857", "--layers", "countries", NULL};
    assert_int_equal(parse(&o, err, sizeof err, b), 0);
    assert_int_equal(o.mode, CM_MODE_RENDER);
    assert_string_equal(o.render_path, "out.png");
    assert_string_equal(o.crs, "EPSG:3857");
    assert_string_equal(o.layers, "countries");
    assert_int_equal(o.has_center, 0);

    const char *c[] = {"--locate", "36.57,32.71", NULL};
    assert_int_equal(parse(&o, err, sizeof err, c), 0);
    assert_int_equal(o.mode, CM_MODE_LOCATE);
    assert_true(fabs(o.at_lon - 36.57) < 1e-12 && fabs(o.at_lat - 32.71) < 1e-12);
    assert_null(o.crs); /* the default: the geodata profile's (EPSG:22770 for the shipped map, checked by test_profile) */
    assert_int_equal(o.w, 1280);
    assert_int_equal(o.h, 800);
}

static void expect_error(const char *const *args, const char *opt)
{
    cm_options o;
    char err[256];
    int rc = parse(&o, err, sizeof err, args);
    if (rc != -1 || !strstr(err, opt)) print_error("%s: rc %d, message '%s'\n", opt, rc, err);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, opt));
}

static void test_options_invalid(void **state)
{
    (void)state;
    expect_error((const char *[]){"--size", "10x10", NULL}, "--size");
    expect_error((const char *[]){"--size", "800", NULL}, "--size");
    expect_error((const char *[]){"--zoom", "99", NULL}, "--zoom");
    expect_error((const char *[]){"--zoom", "7x", NULL}, "--zoom");
    expect_error((const char *[]){"--center", "200,0", NULL}, "--center");
    expect_error((const char *[]){"--center", "36.3", NULL}, "--center");
    expect_error((const char *[]){"--render", "out.jpg", NULL}, "--render");
    expect_error((const char *[]){"--bogus", NULL}, "--bogus");
    expect_error((const char *[]){"--crs", NULL}, "--crs");
    expect_error((const char *[]){"--size", "800x600", "--zoom", NULL}, "--zoom");
    expect_error((const char *[]){"--render", "a.png", "--list", NULL}, "--list");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_zoom_at_keeps_point),
        cmocka_unit_test(test_pan),
        cmocka_unit_test(test_zoom_levels),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_scalebar_pick),
        cmocka_unit_test(test_scalebar_geodesic),
        cmocka_unit_test(test_options_valid),
        cmocka_unit_test(test_options_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
