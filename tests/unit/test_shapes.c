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
    assert_int_equal(s.nfeatures, 15);
    assert_non_null(s.prj);
    assert_non_null(strstr(s.prj, "WGS"));
    assert_non_null(s.path);
    assert_non_null(strstr(s.path, "governorates.shp"));

    static const char *iso[] = {"SY-DI", "SY-RD", "SY-QU", "SY-DR", "SY-SU", "SY-HI", "SY-HM", "SY-TA",
                                "SY-LA", "SY-ID", "SY-HL", "SY-RA", "SY-DY", "SY-HA", "SY-X01~"};
    int seen[15] = {0};
    for (int i = 0; i < s.nfeatures; i++) {
        const char *v = shapes_attr(&s, i, "ISO");
        assert_non_null(v);
        int k = 0;
        while (k < 15 && strcmp(iso[k], v) != 0) k++;
        if (k == 15) print_error("unexpected ISO code '%s'\n", v);
        assert_true(k < 15);
        assert_int_equal(seen[k], 0); /* each code once */
        seen[k] = 1;
    }
    for (int k = 0; k < 15; k++) assert_int_equal(shapes_find(&s, "ISO", iso[k]) >= 0, 1);

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
