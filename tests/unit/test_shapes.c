/* test_shapes: geo/shapes loading of the geodata shapefile sets, attributes, and damaged sets. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo/geometry.h"
#include "geo/shapes.h"

static const char *geodata(void)
{
    const char *g = getenv("CM_GEODATA");
    assert_non_null(g);
    return g;
}

static void load_base(const char *name, cm_shapes *s)
{
    char base[1024], err[512] = "";
    snprintf(base, sizeof base, "%s/%s", geodata(), name);
    int rc = shapes_load(base, s, err, sizeof err);
    if (rc != 0) print_error("shapes_load(%s): %s\n", base, err);
    assert_int_equal(rc, 0);
}

/* A fresh scratch directory under CM_OUT (or /tmp). */
static void scratch_dir(char *out, size_t n)
{
    const char *o = getenv("CM_OUT");
    snprintf(out, n, "%s/shapes-XXXXXX", o && *o ? o : "/tmp");
    if (o && *o) mkdir(o, 0755);
    assert_non_null(mkdtemp(out));
}

/* Copies src to dst, at most max bytes (-1: all). */
static void copy_file(const char *src, const char *dst, long max)
{
    FILE *in = fopen(src, "rb");
    assert_non_null(in);
    FILE *out = fopen(dst, "wb");
    assert_non_null(out);
    char buf[8192];
    long done = 0;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (max >= 0 && done + (long)n > max) n = (size_t)(max - done);
        if (n == 0) break;
        assert_int_equal(fwrite(buf, 1, n, out), n);
        done += (long)n;
    }
    fclose(in);
    fclose(out);
}

/* Copies geodata/<from><ext> to <dir>/<to><ext>. */
static void copy_part(const char *from, const char *dir, const char *to, const char *ext, long max)
{
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%s/%s%s", geodata(), from, ext);
    snprintf(b, sizeof b, "%s/%s%s", dir, to, ext);
    copy_file(a, b, max);
}

static void remove_set(const char *dir, const char *name)
{
    static const char *exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
    char p[1100];
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        snprintf(p, sizeof p, "%s/%s%s", dir, name, exts[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void test_governorates(void **state)
{
    (void)state;
    cm_shapes s;
    load_base("governorates", &s);
    assert_int_equal(s.kind, CM_GEOM_POLYGON);
    assert_int_equal(s.nfeatures, 16);
    assert_non_null(s.prj);
    assert_non_null(strstr(s.prj, "WGS"));
    assert_non_null(s.path);
    assert_non_null(strstr(s.path, "governorates.shp"));

    static const char *iso[] = {"SY-DI", "SY-RD", "SY-QU", "SY-DR", "SY-SU", "SY-HI", "SY-HM", "SY-TA",
                                "SY-LA", "SY-ID", "SY-HL", "SY-RA", "SY-DY", "SY-HA", "SY-X01~", "GOLAN~"};
    int seen[16] = {0};
    for (int i = 0; i < s.nfeatures; i++) {
        const char *v = shapes_attr(&s, i, "ISO");
        assert_non_null(v);
        int k = 0;
        while (k < 16 && strcmp(iso[k], v) != 0) k++;
        if (k == 16) print_error("unexpected ISO code '%s'\n", v);
        assert_true(k < 16);
        assert_int_equal(seen[k], 0); /* each code once */
        seen[k] = 1;
    }
    for (int k = 0; k < 16; k++) assert_int_equal(shapes_find(&s, "ISO", iso[k]) >= 0, 1);

    int su = shapes_find(&s, "ISO", "SY-SU");
    assert_true(su >= 0);
    assert_string_equal(shapes_attr(&s, su, "NAME_EN"), "As-Suwayda");
    int hl = shapes_find(&s, "ISO", "SY-HL");
    assert_true(hl >= 0);
    assert_string_equal(shapes_attr(&s, hl, "NAME_AR"), "\xD8\xAD\xD9\x84\xD8\xA8"); /* حلب */
    /* field names are matched case-insensitively */
    assert_string_equal(shapes_attr(&s, hl, "name_en"), "Aleppo");

    for (int i = 0; i < s.nfeatures; i++) {
        const cm_feature *f = &s.features[i];
        assert_true(f->nrings >= 1);
        assert_true(f->bbox_ll[0] >= 35 && f->bbox_ll[2] <= 43);
        assert_true(f->bbox_ll[1] >= 32 && f->bbox_ll[3] <= 38);
        assert_true(f->bbox_ll[0] < f->bbox_ll[2] && f->bbox_ll[1] < f->bbox_ll[3]);
        /* before any projection bbox and bbox_ll agree */
        assert_memory_equal(f->bbox, f->bbox_ll, sizeof f->bbox);
        /* every feature has an outer ring */
        int outer = 0;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++) outer += !s.ring_hole[r];
        assert_true(outer >= 1);
    }
    assert_int_equal(s.ring_off[0], 0);
    assert_int_equal(s.ring_off[s.nrings], s.npts);
    shapes_free(&s);
    assert_null(s.features);
    assert_int_equal(s.nfeatures, 0);
}

/* The occupied Golan (built by geodata/build.sh from Israel's admin-0 polygon east of the
 * pre-1967 line) holds Katzrin and Majdal Shams and not Tiberias or Kiryat Shmona; Israel's
 * polygon in the neighbours no longer holds the Golan's places. The area is found by its
 * STATUS, as the program finds it. */
static void test_golan(void **state)
{
    (void)state;
    static const struct { const char *name; double lon, lat; int in_golan; } PLACES[] = {
        {"Katzrin", 35.6906, 32.9925, 1}, {"Majdal Shams", 35.7708, 33.2692, 1},
        {"Tiberias", 35.5312, 32.7922, 0}, {"Kiryat Shmona", 35.5697, 33.2075, 0},
    };
    cm_shapes g, n;
    load_base("governorates", &g);
    load_base("neighbors", &n);
    int golan = shapes_find(&g, "STATUS", "occupied"), israel = shapes_find(&n, "NAME", "Israel");
    assert_true(golan >= 0);
    assert_true(israel >= 0);
    assert_string_equal(shapes_attr(&g, golan, "NAME_EN"), "Golan Heights");
    assert_non_null(strstr(shapes_attr(&g, golan, "NOTE"), "resolution 497"));
    for (size_t i = 0; i < sizeof PLACES / sizeof PLACES[0]; i++) {
        int in_g = geom_feature_contains(&g, golan, PLACES[i].lon, PLACES[i].lat);
        int in_i = geom_feature_contains(&n, israel, PLACES[i].lon, PLACES[i].lat);
        if (in_g != PLACES[i].in_golan || in_i == PLACES[i].in_golan)
            print_error("%s: in the Golan %d, in Israel %d\n", PLACES[i].name, in_g, in_i);
        assert_int_equal(in_g, PLACES[i].in_golan);
        assert_int_equal(in_i, !PLACES[i].in_golan);
        /* the Golan's places are in no other governorate either */
        for (int k = 0; k < g.nfeatures && PLACES[i].in_golan; k++)
            if (k != golan) assert_int_equal(geom_feature_contains(&g, k, PLACES[i].lon, PLACES[i].lat), 0);
    }
    /* the strip is not a governorate; Quneitra's click lists the strip's events too */
    int undof = shapes_find(&g, "ISO", "SY-X01~"), qu = shapes_find(&g, "ISO", "SY-QU");
    assert_string_equal(shapes_attr(&g, undof, "TYPE_EN"), "UN buffer zone");
    assert_string_equal(shapes_attr(&g, qu, "ALSO_ISO"), "SY-X01~");
    shapes_free(&g);
    shapes_free(&n);
}

static void test_cities(void **state)
{
    (void)state;
    cm_shapes s;
    load_base("cities", &s);
    assert_int_equal(s.kind, CM_GEOM_POINT);
    assert_int_equal(s.nfeatures, 25);
    int d = shapes_find(&s, "NAME", "Damascus");
    assert_true(d >= 0);
    const cm_feature *f = &s.features[d];
    assert_int_equal(f->nrings, 1);
    int k = s.ring_off[f->ring0];
    assert_int_equal(s.ring_off[f->ring0 + 1] - k, 1);
    assert_true(fabs(s.pts[k].x - 36.277) < 1e-6);
    assert_true(fabs(s.pts[k].y - 33.514) < 1e-6);
    assert_string_equal(shapes_attr(&s, d, "NAME_AR"), "\xD8\xAF\xD9\x85\xD8\xB4\xD9\x82"); /* دمشق */
    /* Jerusalem is a city (its status is contested), not a neighbouring capital */
    int j = shapes_find(&s, "NAME", "Jerusalem");
    assert_true(j >= 0);
    assert_string_equal(shapes_attr(&s, j, "KIND"), "city");
    shapes_free(&s);
}

static void test_neighbors(void **state)
{
    (void)state;
    cm_shapes s;
    load_base("neighbors", &s);
    assert_int_equal(s.kind, CM_GEOM_POLYGON);
    assert_true(s.nfeatures > 10);
    assert_true(shapes_find(&s, "NAME", "Lebanon") >= 0);
    assert_true(shapes_find(&s, "NAME", "Turkey") >= 0);
    assert_int_equal(shapes_find(&s, "NAME", "Syria"), -1);
    shapes_free(&s);
}

static void test_unknown_field_and_value(void **state)
{
    (void)state;
    cm_shapes s;
    load_base("governorates", &s);
    assert_null(shapes_attr(&s, 0, "NO_SUCH_FIELD"));
    assert_null(shapes_attr(&s, -1, "ISO"));
    assert_null(shapes_attr(&s, s.nfeatures, "ISO"));
    assert_int_equal(shapes_find(&s, "ISO", "SY-ZZ"), -1);
    assert_int_equal(shapes_find(&s, "NO_SUCH_FIELD", "SY-DI"), -1);
    assert_int_equal(shapes_find(&s, "ISO", ""), -1);
    shapes_free(&s);
}

static void test_missing_shx(void **state)
{
    (void)state;
    char dir[1024], base[1100], err[512] = "";
    scratch_dir(dir, sizeof dir);
    copy_part("governorates", dir, "noshx", ".shp", -1);
    copy_part("governorates", dir, "noshx", ".dbf", -1);
    snprintf(base, sizeof base, "%s/noshx", dir);
    cm_shapes s;
    assert_int_equal(shapes_load(base, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, ".shx"));
    assert_null(s.features);
    remove_set(dir, "noshx");
}

static void test_nonexistent_base(void **state)
{
    (void)state;
    char err[512] = "";
    const char *base = "/nonexistent-dir-cm/nothing_here";
    cm_shapes s;
    assert_int_equal(shapes_load(base, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, base));
}

static void test_truncated_shp(void **state)
{
    (void)state;
    char dir[1024], base[1100], err[512] = "";
    scratch_dir(dir, sizeof dir);
    copy_part("governorates", dir, "trunc", ".shp", 200);
    copy_part("governorates", dir, "trunc", ".shx", -1);
    copy_part("governorates", dir, "trunc", ".dbf", -1);
    snprintf(base, sizeof base, "%s/trunc", dir);
    cm_shapes s;
    assert_int_equal(shapes_load(base, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "trunc.shp"));
    remove_set(dir, "trunc");
}

static void test_dbf_record_count_mismatch(void **state)
{
    (void)state;
    char dir[1024], base[1100], err[512] = "";
    scratch_dir(dir, sizeof dir);
    copy_part("governorates", dir, "mixed", ".shp", -1);
    copy_part("governorates", dir, "mixed", ".shx", -1);
    copy_part("cities", dir, "mixed", ".dbf", -1);
    snprintf(base, sizeof base, "%s/mixed", dir);
    cm_shapes s;
    assert_int_equal(shapes_load(base, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "attribute records"));
    assert_non_null(strstr(err, "mixed.shp"));
    remove_set(dir, "mixed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_governorates),
        cmocka_unit_test(test_golan),
        cmocka_unit_test(test_cities),
        cmocka_unit_test(test_neighbors),
        cmocka_unit_test(test_unknown_field_and_value),
        cmocka_unit_test(test_missing_shx),
        cmocka_unit_test(test_nonexistent_base),
        cmocka_unit_test(test_truncated_shp),
        cmocka_unit_test(test_dbf_record_count_mismatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
