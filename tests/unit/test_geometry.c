/* test_geometry: geo/geometry point-in-polygon, triangulation, label points and outline on the catalog. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/catalog.h"
#include "geo/geometry.h"

static cm_catalog cat;

static int setup(void **state)
{
    (void)state;
    const char *g = getenv("CM_GEODATA");
    if (!g) { print_error("CM_GEODATA is not set\n"); return -1; }
    char err[512] = "";
    if (catalog_load(&cat, g, "EPSG:22770", err, sizeof err) != 0) {
        print_error("catalog_load: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    catalog_free(&cat);
    return 0;
}

static const cm_shapes *govs(void) { return &cat.layers[CM_LAYER_GOVERNORATES].shp; }

/* The ISO code of the governorate at lon/lat, or NULL when there is none. */
static const char *gov_at(double lon, double lat)
{
    double x, y;
    assert_int_equal(catalog_project(&cat, lon, lat, &x, &y), 0);
    int i = geom_find_feature(govs(), x, y);
    return i < 0 ? NULL : shapes_attr(govs(), i, "ISO");
}

static void test_find_feature(void **state)
{
    (void)state;
    const char *v;
    assert_non_null(v = gov_at(36.566, 32.709)); /* Suwayda city */
    assert_string_equal(v, "SY-SU");
    assert_non_null(v = gov_at(36.277, 33.514)); /* Damascus */
    assert_string_equal(v, "SY-DI");
    assert_non_null(v = gov_at(37.134, 36.202)); /* Aleppo */
    assert_string_equal(v, "SY-HL");
    assert_non_null(v = gov_at(38.268, 34.551)); /* Palmyra */
    assert_string_equal(v, "SY-HI");
    assert_null(gov_at(35.2, 34.9)); /* Mediterranean */
}

/* Twice the absolute area of ring r, shoelace formula. */
static double ring_area(const cm_shapes *s, int r)
{
    double a = 0;
    int b = s->ring_off[r], n = s->ring_off[r + 1] - b;
    for (int i = 0, j = n - 1; i < n; j = i++)
        a += s->pts[b + j].x * s->pts[b + i].y - s->pts[b + i].x * s->pts[b + j].y;
    return fabs(a) / 2;
}

static void test_meshes_cover_polygons(void **state)
{
    (void)state;
    const cm_shapes *s = govs();
    const cm_mesh *mesh = cat.layers[CM_LAYER_GOVERNORATES].mesh;
    assert_non_null(mesh);
    for (int i = 0; i < s->nfeatures; i++) {
        const cm_feature *f = &s->features[i];
        double poly = 0;
        for (int r = f->ring0; r < f->ring0 + f->nrings; r++) poly += s->ring_hole[r] ? -ring_area(s, r) : ring_area(s, r);
        double tris = 0;
        assert_true(mesh[i].ntri > 0);
        for (int t = 0; t < mesh[i].ntri; t++) {
            const float *p = mesh[i].xy + 6 * t;
            tris += fabs((double)(p[2] - p[0]) * (p[5] - p[1]) - (double)(p[4] - p[0]) * (p[3] - p[1])) / 2;
        }
        assert_true(poly > 1e6); /* square metres: at least 1 km² */
        if (fabs(tris - poly) > poly * 0.005)
            print_error("%s: triangles %.0f m² vs polygon %.0f m²\n", shapes_attr(s, i, "ISO"), tris, poly);
        assert_true(fabs(tris - poly) <= poly * 0.005);
    }
}

static void test_label_points_inside(void **state)
{
    (void)state;
    const cm_layer *l = &cat.layers[CM_LAYER_GOVERNORATES];
    assert_non_null(l->label);
    assert_non_null(l->label_r);
    for (int i = 0; i < l->shp.nfeatures; i++) {
        if (!geom_feature_contains(&l->shp, i, l->label[i].x, l->label[i].y))
            print_error("label point of %s is outside it\n", shapes_attr(&l->shp, i, "ISO"));
        assert_true(geom_feature_contains(&l->shp, i, l->label[i].x, l->label[i].y));
        assert_true(l->label_r[i] > 0);
    }
}

static void test_outline(void **state)
{
    (void)state;
    assert_true(cat.outline.nrings >= 1);
    assert_non_null(cat.outline.off);
    assert_non_null(cat.outline.pts);
    assert_true(cat.outline.off[1] - cat.outline.off[0] >= 4);
    /* the outline's points lie within Syria's box */
    for (int k = 0; k < cat.outline.off[cat.outline.nrings]; k++) {
        assert_true(cat.outline.pts[k].x >= cat.home[0] - 1 && cat.outline.pts[k].x <= cat.home[2] + 1);
        assert_true(cat.outline.pts[k].y >= cat.home[1] - 1 && cat.outline.pts[k].y <= cat.home[3] + 1);
    }
}

/* A 10x10 square (clockwise outer) with a 4x4 square hole (counter-clockwise) built by hand. */
static void test_contains_with_hole(void **state)
{
    (void)state;
    cm_xy pts[] = {
        {0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0},   /* outer, clockwise */
        {3, 3}, {7, 3}, {7, 7}, {3, 7}, {3, 3},       /* hole, counter-clockwise */
    };
    int ring_off[] = {0, 5, 10};
    unsigned char ring_hole[] = {0, 1};
    cm_feature feat = {.ring0 = 0, .nrings = 2, .bbox = {0, 0, 10, 10}, .bbox_ll = {0, 0, 10, 10}};
    cm_shapes s = {
        .kind = CM_GEOM_POLYGON, .nfeatures = 1, .features = &feat, .nrings = 2,
        .ring_off = ring_off, .ring_hole = ring_hole, .npts = 10, .pts = pts,
    };
    assert_int_equal(geom_feature_contains(&s, 0, 5, 5), 0);     /* in the hole */
    assert_int_equal(geom_feature_contains(&s, 0, 1.5, 5), 1);   /* in the ring */
    assert_int_equal(geom_feature_contains(&s, 0, 8.5, 8.5), 1); /* in the ring */
    assert_int_equal(geom_feature_contains(&s, 0, 12, 5), 0);    /* outside */
    assert_int_equal(geom_feature_contains(&s, 0, -1, -1), 0);   /* outside */
    assert_int_equal(geom_find_feature(&s, 1.5, 5), 0);
    assert_int_equal(geom_find_feature(&s, 5, 5), -1);

    /* the triangulation respects the hole: area 100 - 16 */
    cm_mesh m;
    char err[256] = "";
    assert_int_equal(geom_triangulate(&s, 0, &m, err, sizeof err), 0);
    assert_true(m.ntri > 0);
    double area = 0;
    for (int t = 0; t < m.ntri; t++) {
        const float *p = m.xy + 6 * t;
        area += fabs((double)(p[2] - p[0]) * (p[5] - p[1]) - (double)(p[4] - p[0]) * (p[3] - p[1])) / 2;
    }
    assert_true(fabs(area - 84.0) < 1e-6);
    geom_mesh_free(&m);

    /* the label point is in the ring, not in the hole */
    cm_xy lp;
    double r = 0;
    assert_int_equal(geom_label_point(&s, 0, NULL, &lp, &r), 0);
    assert_int_equal(geom_feature_contains(&s, 0, lp.x, lp.y), 1);
    assert_true(r > 0);
}


/* The edge index gives what a scan of every edge gives: 200,000 points over the governorates'
 * extent (their edges' heights, the vertices themselves and points just off them included),
 * tested before and after geom_index on the same shapes. */
static void test_index_same_as_scan(void **state)
{
    (void)state;
    cm_shapes s;
    char err[512], base[2048];
    snprintf(base, sizeof base, "%s/governorates", getenv("CM_GEODATA"));
    assert_int_equal(shapes_load(base, &s, err, sizeof err), 0);
    assert_null(s.bands);
    int n = 200000, *want = malloc(sizeof *want * (size_t)n * 2);
    double *pt = malloc(sizeof *pt * (size_t)n * 2);
    assert_non_null(want);
    assert_non_null(pt);
    srand(7);
    double x0 = 1e30, y0 = 1e30, x1 = -1e30, y1 = -1e30;
    for (int i = 0; i < s.nfeatures; i++) {
        x0 = fmin(x0, s.features[i].bbox[0]), y0 = fmin(y0, s.features[i].bbox[1]);
        x1 = fmax(x1, s.features[i].bbox[2]), y1 = fmax(y1, s.features[i].bbox[3]);
    }
    for (int i = 0; i < n; i++) {
        double x, y;
        if (i % 4 == 0) { /* a vertex, or just beside one: on the edges' heights */
            const cm_xy *v = &s.pts[rand() % s.npts];
            x = v->x + ((i / 4) % 3 - 1) * 1e-9;
            y = v->y + ((i / 12) % 3 - 1) * 1e-12;
        } else {
            x = x0 + (x1 - x0) * rand() / RAND_MAX;
            y = y0 + (y1 - y0) * rand() / RAND_MAX;
        }
        pt[2 * i] = x, pt[2 * i + 1] = y;
        want[i] = geom_find_feature(&s, x, y);
    }
    assert_int_equal(geom_index(&s), 0);
    assert_non_null(s.bands);
    int inside = 0;
    for (int i = 0; i < n; i++) {
        int got = geom_find_feature(&s, pt[2 * i], pt[2 * i + 1]);
        if (got != want[i]) print_error("point %d (%.12f, %.12f): %d with the index, %d by scanning\n", i, pt[2 * i], pt[2 * i + 1], got, want[i]);
        assert_int_equal(got, want[i]);
        inside += got >= 0;
    }
    assert_true(inside > n / 10); /* the points fall inside as well as outside */
    free(want);
    free(pt);
    shapes_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_feature),
        cmocka_unit_test(test_meshes_cover_polygons),
        cmocka_unit_test(test_label_points_inside),
        cmocka_unit_test(test_outline),
        cmocka_unit_test(test_contains_with_hole),
        cmocka_unit_test(test_index_same_as_scan),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
