/* test_crs: PROJ transforms of geo/crs (EPSG codes, PROJ strings, WKT, errors, ground distance). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/crs.h"

/* Reads a whole text file into a malloc'ed string (NULL on failure). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    if (buf) buf[n] = 0;
    fclose(f);
    return buf;
}

/* Reference: echo "33.51 36.29" | cs2cs -f %.4f EPSG:4326 EPSG:22770 -> 201410.3066 174150.5668 */
static void test_damascus_syria_lambert(void **state)
{
    (void)state;
    char err[256] = "";
    cm_crs *c = crs_create("EPSG:4326", "EPSG:22770", err, sizeof err);
    assert_non_null(c);
    double x = 36.29, y = 33.51;
    assert_int_equal(crs_forward(c, &x, &y, 1, 1), 0);
    assert_true(fabs(x - 201410.31) < 0.01);
    assert_true(fabs(y - 174150.57) < 0.01);
    const char *name = crs_target_name(c);
    assert_non_null(name);
    assert_non_null(strstr(name, "Syria Lambert"));
    crs_destroy(c);
}

/* forward then inverse, n points at once with a stride, back to the input within tol degrees */
static void round_trip(const char *dst, double tol)
{
    char err[256] = "";
    cm_crs *c = crs_create(CM_CRS_WGS84, dst, err, sizeof err);
    assert_non_null(c);
    /* Damascus, Aleppo, Suwayda, Qamishli as interleaved lon, lat pairs (exercises the stride) */
    const double in[] = {36.29, 33.51, 37.134, 36.202, 36.566, 32.709, 41.232, 37.052};
    double xy[8];
    memcpy(xy, in, sizeof xy);
    assert_int_equal(crs_forward(c, &xy[0], &xy[1], 2, 4), 0);
    for (int i = 0; i < 4; i++) {
        /* projected metres, nowhere near the degree values */
        assert_true(fabs(xy[2 * i] - in[2 * i]) > 1000 || fabs(xy[2 * i + 1] - in[2 * i + 1]) > 1000);
    }
    /* the points are distinct after projection (the stride was honoured) */
    assert_true(fabs(xy[0] - xy[2]) > 1000);
    assert_true(fabs(xy[4] - xy[6]) > 1000);
    assert_int_equal(crs_inverse(c, &xy[0], &xy[1], 2, 4), 0);
    for (int i = 0; i < 8; i++) {
        if (fabs(xy[i] - in[i]) >= tol) print_error("%s: %.12f back as %.12f\n", dst, in[i], xy[i]);
        assert_true(fabs(xy[i] - in[i]) < tol);
    }
    crs_destroy(c);
}

/* Web Mercator's inverse is closed-form: back within 1e-9 degrees. */
static void test_round_trip_3857(void **state)
{
    (void)state;
    round_trip("EPSG:3857", 1e-9);
}

/* PROJ's inverse Lambert conformal conic iterates to 1e-10 rad (5.7e-9 deg); cs2cs itself gives
 * 33.51,36.29 -> EPSG:22770 -> 33.510000000798,36.289999997192 (2.8e-9 deg off). So 1e-8 degrees
 * (about 1 mm) here. */
static void test_round_trip_22770(void **state)
{
    (void)state;
    round_trip("EPSG:22770", 1e-8); /* the default map's CRS (geodata/profile.ini) */
}

static void test_web_mercator(void **state)
{
    (void)state;
    char err[256] = "";
    cm_crs *c = crs_create("EPSG:4326", "EPSG:3857", err, sizeof err);
    assert_non_null(c);
    double x = 36.29, y = 33.51;
    assert_int_equal(crs_forward(c, &x, &y, 1, 1), 0);
    assert_true(fabs(x - 36.29 * 20037508.342789244 / 180.0) < 0.01);
    /* echo "33.51 36.29" | cs2cs -f %.4f EPSG:4326 EPSG:3857 -> 4039784.3209 3963195.2434 */
    assert_true(fabs(y - 3963195.2434) < 0.01);
    crs_destroy(c);
}

static void test_proj_string(void **state)
{
    (void)state;
    char err[256] = "";
    cm_crs *c = crs_create("EPSG:4326", "+proj=merc +datum=WGS84", err, sizeof err);
    assert_non_null(c);
    double x = 36.29, y = 33.51;
    assert_int_equal(crs_forward(c, &x, &y, 1, 1), 0);
    /* +proj=merc on the WGS84 ellipsoid: same easting as web mercator, ellipsoidal northing */
    assert_true(fabs(x - 36.29 * 20037508.342789244 / 180.0) < 0.01);
    assert_true(y > 3.9e6 && y < 4.4e6);
    crs_destroy(c);
}

static void test_wkt_from_prj(void **state)
{
    (void)state;
    const char *geodata = getenv("CM_GEODATA");
    assert_non_null(geodata);
    char path[1024];
    snprintf(path, sizeof path, "%s/governorates.prj", geodata);
    char *wkt = slurp(path);
    assert_non_null(wkt);
    assert_non_null(strstr(wkt, "GEOGCS"));
    char err[256] = "";
    assert_int_equal(crs_check(wkt, err, sizeof err), 0);
    cm_crs *c = crs_create(wkt, "EPSG:22770", err, sizeof err);
    assert_non_null(c);
    double x = 36.29, y = 33.51;
    assert_int_equal(crs_forward(c, &x, &y, 1, 1), 0);
    /* the .prj is WGS 84 lon/lat, so the result is the EPSG:4326 one */
    assert_true(fabs(x - 201410.31) < 0.01);
    assert_true(fabs(y - 174150.57) < 0.01);
    crs_destroy(c);
    free(wkt);
}

static void test_bad_crs(void **state)
{
    (void)state;
    const char *bad[] = {"EPSG:999999", "nonsense"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[256] = "";
        assert_null(crs_create("EPSG:4326", bad[i], err, sizeof err));
        assert_true(strlen(err) > 0);
        err[0] = 0;
        assert_null(crs_create(bad[i], "EPSG:4326", err, sizeof err));
        assert_true(strlen(err) > 0);
        err[0] = 0;
        assert_int_equal(crs_check(bad[i], err, sizeof err), -1);
        assert_true(strlen(err) > 0);
    }
    char err[256] = "";
    assert_int_equal(crs_check("EPSG:22770", err, sizeof err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_damascus_syria_lambert),
        cmocka_unit_test(test_round_trip_3857),
        cmocka_unit_test(test_round_trip_22770),
        cmocka_unit_test(test_web_mercator),
        cmocka_unit_test(test_proj_string),
        cmocka_unit_test(test_wkt_from_prj),
        cmocka_unit_test(test_bad_crs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
