/* fuzz_shapes: the shapefile reader (shapes_load) on arbitrary bytes. The input starts with
 * a 12-byte header of three little-endian uint32 lengths: that many bytes of .shp, then of
 * .shx, then of .dbf follow (each cut to what is left). Up to 32 bytes left after those
 * become a .cpg (the code page), which exercises the attribute conversion.
 * When the load succeeds and the layer is polygons with lon/lat-sized coordinates, each
 * feature is also triangulated and, when that succeeds (GEOS says it is valid), given a label
 * point, as the catalog does at load. */
#include "fuzz_common.h"

#include <math.h>

#include "geo/geometry.h"
#include "geo/shapes.h"

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 12) return 0;
    size_t len[3] = {le32(data), le32(data + 4), le32(data + 8)};
    const uint8_t *p = data + 12;
    size_t left = size - 12;
    static const char *ext[3] = {"layer.shp", "layer.shx", "layer.dbf"};
    char path[600];
    for (int i = 0; i < 3; i++) {
        size_t n = len[i] < left ? len[i] : left;
        fz_write(ext[i], p, n, path, sizeof path);
        p += n;
        left -= n;
    }
    snprintf(path, sizeof path, "%s/layer.cpg", fz_scratch());
    if (left > 0 && left <= 32) fz_write("layer.cpg", p, left, path, sizeof path);
    else remove(path);

    char base[600], err[1024];
    snprintf(base, sizeof base, "%s/layer", fz_scratch());
    cm_shapes s;
    err[0] = 0;
    if (shapes_load(base, &s, err, sizeof err) != 0) {
        fz_check_message(err);
        return 0;
    }
    /* the arrays must agree with each other */
    for (int i = 0; i < s.nfeatures; i++) {
        const cm_feature *f = &s.features[i];
        if (f->ring0 < 0 || f->nrings < 0 || f->ring0 + f->nrings > s.nrings) { fprintf(stderr, "feature %d rings out of range\n", i); abort(); }
    }
    for (int r = 0; r < s.nrings; r++)
        if (s.ring_off[r] > s.ring_off[r + 1] || s.ring_off[r + 1] > s.npts) { fprintf(stderr, "ring %d offsets\n", r); abort(); }
    for (int i = 0; i < s.nfeatures; i++)
        for (int f = 0; f < s.nfields; f++) shapes_attr(&s, i, s.field_names[f]);
    int lonlat = 1;
    for (int k = 0; k < s.npts; k++)
        if (!(fabs(s.pts[k].x) <= 180 && fabs(s.pts[k].y) <= 90)) { lonlat = 0; break; }
    if (s.kind == CM_GEOM_POLYGON && lonlat && s.npts <= 4096) {
        for (int i = 0; i < s.nfeatures; i++) {
            cm_mesh m;
            memset(&m, 0, sizeof m);
            int ok = geom_triangulate(&s, i, &m, err, sizeof err) == 0;
            if (!ok) fz_check_message(err);
            geom_mesh_free(&m);
            if (!ok) break; /* the catalog stops at the first invalid polygon */
            cm_xy lp;
            double r;
            geom_label_point(&s, i, NULL, &lp, &r);
        }
    }
    shapes_free(&s);
    return 0;
}
