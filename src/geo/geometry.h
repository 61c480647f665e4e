/* geometry: plane geometry on a layer's features: point in polygon (holes respected),
 * triangulation for filling (GEOS constrained Delaunay, once at load), the label point
 * inside a polygon (GEOS maximum inscribed circle: never outside, unlike a centroid),
 * and the distance from a point to a feature's edges. */
#ifndef CM_GEOMETRY_H
#define CM_GEOMETRY_H
#include "geo/shapes.h"

typedef struct {
    int ntri;
    float *xy;   /* 6 floats a triangle, in map coordinates relative to (ox, oy) */
    double ox, oy;
} cm_mesh;

/* 1 when (x, y) is inside feature i of a polygon layer (even-odd over all its rings). */
int geom_feature_contains(const cm_shapes *s, int i, double x, double y);
/* Indexes the edges of every ring of a polygon layer by height (bands of its rings' extent), so
 * that geom_feature_contains tests only the edges at the point's height: the same answer, not
 * every edge of a 3,000-point governorate for each point (label placement asks thousands of times
 * a frame). Once the points are final (after projection) and before the layer is shared between
 * threads; the index is freed with the shapes. 0 on success; -1 when out of memory (no index:
 * geom_feature_contains scans every edge as before). */
int geom_index(cm_shapes *s);
/* Triangulates feature i into m. 0 on success; -1 with a message (invalid geometry). */
int geom_triangulate(const cm_shapes *s, int i, cm_mesh *m, char *err, size_t errlen);
void geom_mesh_free(cm_mesh *m);
/* Label point of feature i: centre of its largest inscribed circle, radius in *r. With clip
 * (minx, miny, maxx, maxy), only the part inside it counts. -1 when there is none. */
int geom_label_point(const cm_shapes *s, int i, const double *clip, cm_xy *out, double *r);
/* Index of the polygon feature containing (x, y), or -1. Checks bboxes first. */
int geom_find_feature(const cm_shapes *s, double x, double y);



/* A set of rings, e.g. an outline. */
typedef struct {
    int nrings;
    int *off;     /* nrings+1 offsets into pts */
    cm_xy *pts;
} cm_rings;

/* The outer boundary of the union of all polygons of a layer (e.g. a country's border from
 * its provinces), dropping slivers smaller than min_area. 0 on success. */
int geom_union_outline(const cm_shapes *s, double min_area, cm_rings *out);
void geom_rings_free(cm_rings *r);
#endif
