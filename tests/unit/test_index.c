/* test_index: geo/index, the point grid: found what brute force finds, and bounded in cells
 * whatever the points' shape (one line, one place, points that are not finite). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/index.h"

typedef struct {
    const double *x, *y;
    double qx, qy, r;
    int found, want;
} probe;

static int count_near(int id, void *u)
{
    probe *p = u;
    if (hypot(p->x[id] - p->qx, p->y[id] - p->qy) <= p->r) p->found++;
    return 0;
}

/* every point is found by a query at itself with radius r, and as often as brute force says */
static void check_all(const double *x, const double *y, int n, double r)
{
    cm_grid g;
    assert_int_equal(grid_build(&g, x, y, NULL, n, 16), 0);
    assert_true(grid_cells(&g) <= (size_t)CM_GRID_MAX_CELLS);
    for (int i = 0; i < n; i += n > 2000 ? 97 : 1) {
        probe p = {x, y, x[i], y[i], r, 0, 0};
        for (int k = 0; k < n; k++) p.want += hypot(x[k] - x[i], y[k] - y[i]) <= r;
        grid_query(&g, x[i], y[i], r, count_near, &p);
        assert_int_equal(p.found, p.want);
    }
    grid_free(&g);
}

/* two events on one latitude (a map in EPSG:3857): the grid was 1.6 GB */
static void test_two_collinear(void **st)
{
    (void)st;
    double x[2] = {3900000.0, 4100000.0}, y[2] = {4000000.0, 4000000.0};
    cm_grid g;
    assert_int_equal(grid_build(&g, x, y, NULL, 2, 16), 0);
    assert_true(grid_cells(&g) <= 16);
    grid_free(&g);
    check_all(x, y, 2, 10);
}

/* 4,096 points on one line: the cell count overflowed an int and queries missed every point */
static void test_many_collinear(void **st)
{
    (void)st;
    int n = 4096;
    double *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) { x[i] = 3.9e6 + i * 50.0; y[i] = 4e6; }
    cm_grid g;
    assert_int_equal(grid_build(&g, x, y, NULL, n, 16), 0);
    assert_true(grid_cells(&g) <= 4 * 256 + 1);
    grid_free(&g);
    check_all(x, y, n, 120);
    for (int i = 0; i < n; i++) { x[i] = 36.0; y[i] = 30.0 + i * 1e-3; } /* one meridian */
    check_all(x, y, n, 2e-3);
    free(x);
    free(y);
}

static void test_one_place_and_not_finite(void **st)
{
    (void)st;
    double x[5] = {5, 5, 5, NAN, INFINITY}, y[5] = {7, 7, 7, 1, -INFINITY};
    cm_grid g;
    assert_int_equal(grid_build(&g, x, y, NULL, 5, 16), 0);
    assert_true(grid_cells(&g) <= 4);
    probe p = {x, y, 5, 7, 1, 0, 0};
    grid_query(&g, 5, 7, 1, count_near, &p);
    assert_int_equal(p.found, 3);
    grid_query(&g, NAN, 7, 1, count_near, &p); /* a query that is not finite finds nothing */
    assert_int_equal(p.found, 3);
    grid_free(&g);
    assert_int_equal(grid_build(&g, x, y, NULL, 0, 16), 0); /* no points */
    grid_query(&g, 5, 7, 1, count_near, &p);
    grid_free(&g);
}

static void test_random_against_brute_force(void **st)
{
    (void)st;
    int n = 20000;
    double *x = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n);
    unsigned s = 1;
    for (int i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u; x[i] = (s >> 8) % 100000;
        s = s * 1103515245u + 12345u; y[i] = (s >> 8) % 50000;
    }
    check_all(x, y, n, 400);
    free(x);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_collinear),
        cmocka_unit_test(test_many_collinear),
        cmocka_unit_test(test_one_place_and_not_finite),
        cmocka_unit_test(test_random_against_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
