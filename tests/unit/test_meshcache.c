/* Unit tests of the base mesh cache (geo/meshcache.c): what is saved loads back bit for bit
 * (triangles, label points, the outline); a flipped byte, a shorter file, another format
 * version, other rings or another CRS are not used (the bad file is removed); a save leaves
 * no temporary file and an unwritable directory writes nothing; turned off, it neither reads
 * nor writes. On the geodata's governorates, in lon/lat. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "geo/geometry.h"
#include "geo/meshcache.h"
#include "geo/shapes.h"

#define CRS "EPSG:4326"
static const double SLIVER = 1e-4, CLIP[4] = {35, 32, 43, 38};
static char dir[64];
static cm_shapes shp;
static cm_mesh *mesh0;      /* computed */
static cm_xy *label0;
static double *r0;
static cm_rings outline0;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/cm_meshcache_XXXXXX");
    if (!mkdtemp(dir)) return -1;
    setenv("XDG_CACHE_HOME", dir, 1);
    const char *g = getenv("CM_GEODATA");
    char base[1024], err[256];
    snprintf(base, sizeof base, "%s/governorates", g ? g : "geodata");
    if (shapes_load(base, &shp, err, sizeof err) != 0) { fprintf(stderr, "%s\n", err); return -1; }
    int n = shp.nfeatures;
    mesh0 = calloc((size_t)n, sizeof *mesh0);
    label0 = calloc((size_t)n, sizeof *label0);
    r0 = calloc((size_t)n, sizeof *r0);
    if (!mesh0 || !label0 || !r0) return -1;
    for (int i = 0; i < n; i++) {
        if (geom_triangulate(&shp, i, &mesh0[i], err, sizeof err) != 0) return -1;
        geom_label_point(&shp, i, CLIP, &label0[i], &r0[i]);
    }
    return geom_union_outline(&shp, SLIVER, &outline0);
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < shp.nfeatures; i++) geom_mesh_free(&mesh0[i]);
    free(mesh0);
    free(label0);
    free(r0);
    geom_rings_free(&outline0);
    shapes_free(&shp);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* empty arrays to load into */
typedef struct {
    cm_mesh *mesh;
    cm_xy *label;
    double *r;
    cm_rings outline;
    cm_meshcache_layer l;
} loaded;

static void fresh(loaded *d, const cm_shapes *s)
{
    memset(d, 0, sizeof *d);
    d->mesh = calloc((size_t)s->nfeatures, sizeof *d->mesh);
    d->label = calloc((size_t)s->nfeatures, sizeof *d->label);
    d->r = calloc((size_t)s->nfeatures, sizeof *d->r);
    assert_non_null(d->mesh);
    d->l = (cm_meshcache_layer){s, CLIP, d->mesh, d->label, d->r};
}

static void done(loaded *d, const cm_shapes *s)
{
    for (int i = 0; i < s->nfeatures; i++) geom_mesh_free(&d->mesh[i]);
    free(d->mesh);
    free(d->label);
    free(d->r);
    geom_rings_free(&d->outline);
}

static int save(void)
{
    cm_meshcache_layer l = {&shp, CLIP, mesh0, label0, r0};
    return meshcache_save(CRS, SLIVER, &l, 1, &outline0);
}

static int load(const char *crs, double sliver)
{
    loaded d;
    fresh(&d, &shp);
    int rc = meshcache_load(crs, sliver, &d.l, 1, &d.outline);
    if (rc != 1) { /* nothing filled */
        for (int i = 0; i < shp.nfeatures; i++) assert_null(d.mesh[i].xy);
        assert_int_equal(d.outline.nrings, 0);
    }
    done(&d, &shp);
    return rc;
}

static void path(char *buf, size_t n)
{
    cm_meshcache_layer l = {&shp, CLIP, mesh0, label0, r0};
    assert_int_equal(meshcache_path(CRS, &l, 1, buf, n), 0);
}

static long size_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static void test_round_trip(void **state)
{
    (void)state;
    assert_int_equal(save(), 0);
    loaded d;
    fresh(&d, &shp);
    assert_int_equal(meshcache_load(CRS, SLIVER, &d.l, 1, &d.outline), 1);
    for (int i = 0; i < shp.nfeatures; i++) {
        assert_int_equal(d.mesh[i].ntri, mesh0[i].ntri);
        assert_true(d.mesh[i].ox == mesh0[i].ox && d.mesh[i].oy == mesh0[i].oy);
        if (mesh0[i].ntri) assert_memory_equal(d.mesh[i].xy, mesh0[i].xy, sizeof(float) * 6 * (size_t)mesh0[i].ntri);
        assert_memory_equal(&d.label[i], &label0[i], sizeof label0[i]);
        assert_memory_equal(&d.r[i], &r0[i], sizeof r0[i]);
    }
    assert_int_equal(d.outline.nrings, outline0.nrings);
    assert_true(outline0.nrings > 0);
    assert_memory_equal(d.outline.off, outline0.off, sizeof(int) * (size_t)(outline0.nrings + 1));
    assert_memory_equal(d.outline.pts, outline0.pts, sizeof(cm_xy) * (size_t)outline0.off[outline0.nrings]);
    done(&d, &shp);
}

/* every byte position class: header, key, triangles, labels, outline's end */
static void test_damaged_byte(void **state)
{
    (void)state;
    char p[1024];
    path(p, sizeof p);
    long n = 0;
    for (int k = 0; k < 5; k++) {
        assert_int_equal(save(), 0);
        n = size_of(p);
        assert_true(n > 1000);
        long at[5] = {20, 100, n / 3, n - 200, n - 1};
        FILE *f = fopen(p, "r+b");
        assert_non_null(f);
        fseek(f, at[k], SEEK_SET);
        int c = fgetc(f);
        fseek(f, at[k], SEEK_SET);
        fputc(c ^ 0x10, f);
        fclose(f);
        assert_int_equal(load(CRS, SLIVER), 0);
        assert_int_equal(size_of(p), -1); /* removed, to be rebuilt */
    }
}

static void test_truncated(void **state)
{
    (void)state;
    char p[1024];
    path(p, sizeof p);
    assert_int_equal(save(), 0);
    long n = size_of(p);
    assert_int_equal(truncate(p, n - 8), 0);
    assert_int_equal(load(CRS, SLIVER), 0);
    assert_int_equal(save(), 0);
    assert_int_equal(truncate(p, 10), 0); /* shorter than a header */
    assert_int_equal(load(CRS, SLIVER), 0);
    assert_int_equal(save(), 0);
    assert_int_equal(load(CRS, SLIVER), 1);
}

/* another format version, written with a checksum that fits it: still not used */
static void test_wrong_version(void **state)
{
    (void)state;
    char p[1024];
    path(p, sizeof p);
    assert_int_equal(save(), 0);
    long sz = size_of(p);
    assert_true(sz > 64);
    size_t n = sz > 64 ? (size_t)sz : 64;
    unsigned char *b = malloc(n);
    FILE *f = fopen(p, "r+b");
    assert_non_null(f);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, n, f), n);
    uint32_t v;
    memcpy(&v, b + 8, 4);
    v++;
    memcpy(b + 8, &v, 4);
    uint64_t check = 0; /* the header's check field (at 32) as the writer computes it: XXH3, seed 5, field 0 */
    memcpy(b + 32, &check, 8);
    check = XXH3_64bits_withSeed(b, n, 5);
    memcpy(b + 32, &check, 8);
    fseek(f, 0, SEEK_SET);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
    free(b);
    assert_int_equal(load(CRS, SLIVER), 0);
    assert_int_equal(size_of(p), -1);
}

/* other input: another sliver, moved points, another CRS (another file) */
static void test_other_key(void **state)
{
    (void)state;
    assert_int_equal(save(), 0);
    assert_int_equal(load(CRS, SLIVER * 2), 0);
    assert_int_equal(save(), 0);
    shp.pts[shp.npts / 2].x += 1e-9;
    assert_int_equal(load(CRS, SLIVER), 0);
    shp.pts[shp.npts / 2].x -= 1e-9;
    assert_int_equal(save(), 0);
    assert_int_equal(load("EPSG:3857", SLIVER), 0);
    assert_int_equal(load(CRS, SLIVER), 1);
}

/* written whole or not at all: no temporary file stays; nowhere to write, nothing written */
static void test_atomic(void **state)
{
    (void)state;
    assert_int_equal(save(), 0);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/conflictmap", dir);
    DIR *d = opendir(sub);
    assert_non_null(d);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        files++;
        assert_null(strstr(e->d_name, ".tmp."));
        assert_int_equal(strncmp(e->d_name, "base-", 5), 0);
    }
    closedir(d);
    assert_int_equal(files, 1);
    char file[128];
    snprintf(file, sizeof file, "%s/xdgfile", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    setenv("XDG_CACHE_HOME", file, 1);
    assert_int_equal(save(), -1);
    assert_int_equal(load(CRS, SLIVER), 0);
    setenv("XDG_CACHE_HOME", dir, 1);
    assert_int_equal(load(CRS, SLIVER), 1);
}

static void test_off(void **state)
{
    (void)state;
    char p[1024];
    path(p, sizeof p);
    unlink(p);
    meshcache_use(0);
    assert_int_equal(save(), 0);
    assert_int_equal(size_of(p), -1);
    meshcache_use(1);
    assert_int_equal(save(), 0);
    meshcache_use(0);
    assert_int_equal(load(CRS, SLIVER), 0);
    meshcache_use(1);
    assert_int_equal(load(CRS, SLIVER), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_damaged_byte), cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_wrong_version), cmocka_unit_test(test_other_key), cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_off),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
