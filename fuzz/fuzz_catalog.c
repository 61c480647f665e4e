/* fuzz_catalog: a whole catalog loaded from generated shapefiles: governorates, neighbours
 * and cities written by shapelib from the input (structure-aware: rings of many vertices,
 * collinear or repeated points, zero-area rings, points on one latitude, NULL shapes, huge
 * and tiny coordinates, attributes of any bytes), loaded with catalog_load into a map CRS the
 * first byte picks: projected, triangulated, labelled, unioned into an outline, and the point
 * grid built over the cities as events. A failure must be one line of UTF-8. */
#include "fuzz_common.h"
#include "fuzz_gen.h"

#include <shapefil.h>

#include "data/catalog.h"

static const char *CRS[] = {"EPSG:22770", "EPSG:3857", "EPSG:4326", "EPSG:32637"};

/* one polygon layer: nfeat features steered by b */
static void write_polygons(const char *base, fz_bytes *b, int nfeat, int with_iso)
{
    SHPHandle s = SHPCreate(base, SHPT_POLYGON);
    DBFHandle d = DBFCreate(base);
    if (!s || !d) abort();
    DBFAddField(d, with_iso ? "ISO" : "NAME", FTString, 8, 0);
    DBFAddField(d, with_iso ? "NAME_EN" : "ISO_A3", FTString, 24, 0);
    if (with_iso) DBFAddField(d, "NAME_AR", FTString, 24, 0);
    for (int i = 0; i < nfeat; i++) {
        unsigned kind = fz_u8(b), n = 4 + fz_u16(b) % (kind & 0x80 ? 30000 : 64);
        double cx = 36 + (fz_u8(b) % 64) * 0.1, cy = 33 + (fz_u8(b) % 48) * 0.1, r = 0.05 + fz_u8(b) * 0.002;
        double *x = malloc(sizeof(double) * (n + 1)), *y = malloc(sizeof(double) * (n + 1));
        for (unsigned k = 0; k < n; k++) {
            double a = -6.283185307179586 * k / n; /* clockwise: an outer ring */
            switch (kind % 5) {
            case 0: x[k] = cx + r * __builtin_cos(a); y[k] = cy + r * __builtin_sin(a); break;
            case 1: x[k] = cx + r * k / n; y[k] = cy; break;                    /* collinear: no area */
            case 2: x[k] = cx; y[k] = cy; break;                                /* one point repeated */
            case 3: x[k] = cx + r * __builtin_cos(a) * (k % 2 ? 1 : 0.5); y[k] = cy + r * __builtin_sin(a); break; /* a star */
            default: x[k] = cx + (fz_u8(b) - 128) * 1e-3; y[k] = cy + (fz_u8(b) - 128) * 1e-3; break; /* scribble */
            }
        }
        x[n] = x[0];
        y[n] = y[0];
        SHPObject *o = kind % 7 == 6 ? SHPCreateSimpleObject(SHPT_NULL, 0, NULL, NULL, NULL)
                                     : SHPCreateSimpleObject(SHPT_POLYGON, (int)n + 1, x, y, NULL);
        SHPWriteObject(s, -1, o);
        SHPDestroyObject(o);
        free(x);
        free(y);
        char v[3][32];
        for (int j = 0; j < 3; j++) {
            unsigned l = fz_u8(b) % 24;
            for (unsigned k = 0; k < l; k++) v[j][k] = (char)(1 + fz_u8(b) % 255);
            v[j][l] = 0;
        }
        if (with_iso) snprintf(v[0], sizeof v[0], "SY-%02d", i);
        for (int j = 0; j < (with_iso ? 3 : 2); j++) DBFWriteStringAttribute(d, i, j, v[j]);
    }
    SHPClose(s);
    DBFClose(d);
}

static void write_points(const char *base, fz_bytes *b, int n, unsigned pattern)
{
    SHPHandle s = SHPCreate(base, SHPT_POINT);
    DBFHandle d = DBFCreate(base);
    if (!s || !d) abort();
    DBFAddField(d, "NAME", FTString, 16, 0);
    for (int i = 0; i < n; i++) {
        double x, y;
        fz_point(b, pattern, (unsigned)i, &x, &y);
        SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
        SHPWriteObject(s, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(d, i, 0, "c");
    }
    SHPClose(s);
    DBFClose(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) return 0;
    fz_bytes b = {data, size, 0};
    const char *crs = CRS[fz_u8(&b) % 4];
    char dir[600], base[700], err[1024];
    snprintf(dir, sizeof dir, "%s/geo", fz_scratch());
    mkdir(dir, 0755);
    int ngov = 1 + fz_u8(&b) % 6, nnb = 1 + fz_u8(&b) % 3;
    unsigned pattern = fz_u8(&b);
    int ncity = fz_u16(&b) % (pattern & 0x80 ? 5000 : 20);
    snprintf(base, sizeof base, "%s/governorates", dir);
    write_polygons(base, &b, ngov, 1);
    snprintf(base, sizeof base, "%s/neighbors", dir);
    write_polygons(base, &b, nnb, 0);
    snprintf(base, sizeof base, "%s/cities", dir);
    write_points(base, &b, ncity, pattern);
    cm_catalog c;
    err[0] = 0;
    if (catalog_load(&c, dir, crs, err, sizeof err) != 0) {
        fz_check_message(err);
        return 0;
    }
    /* the cities as point events, through the grid */
    char path[700];
    snprintf(path, sizeof path, "%s/ev.geojson", fz_scratch());
    FILE *f = fopen(path, "wb");
    fprintf(f, "{\"type\": \"FeatureCollection\", \"features\": [\n");
    const cm_shapes *ci = &c.layers[CM_LAYER_CITIES].shp;
    for (int i = 0; i < ci->nfeatures && i < 5000; i++) {
        double lon = ci->features[i].bbox_ll[0], lat = ci->features[i].bbox_ll[1];
        if (!ci->features[i].nrings) continue;
        fprintf(f, "%s{\"type\": \"Feature\", \"properties\": {\"id\": \"c%d\", \"title\": \"c\", \"category\": \"strike\", "
                   "\"start\": \"2025\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [%.12g, %.12g]}}\n",
                i ? "," : "", i, lon, lat);
    }
    fprintf(f, "]}\n");
    fclose(f);
    if (catalog_add_events(&c, path, err, sizeof err) != 0) fz_check_message(err);
    catalog_finish_events(&c, err, sizeof err);
    catalog_free(&c);
    return 0;
}
