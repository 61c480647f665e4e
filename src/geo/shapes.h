/* shapes: read an ESRI shapefile set (.shp .shx .dbf, optional .prj .cpg) with shapelib into
 * flat arrays: features made of rings of points (a point feature is one ring of one point),
 * each ring flagged outer or hole, and the DBF attributes as UTF-8 strings. */
#ifndef CM_SHAPES_H
#define CM_SHAPES_H
#include <stddef.h>

typedef struct { double x, y; } cm_xy;

/* Limits on one feature (shapefile record or GeoJSON polygon), so that triangulation, label
 * placement and validity checks stay within seconds: past them the file is refused. */
#define CM_MAX_FEATURE_POINTS 20000
#define CM_MAX_FEATURE_RINGS 4000

typedef enum { CM_GEOM_POINT = 1, CM_GEOM_POLYGON = 2 } cm_geom_kind;

typedef struct {
    int ring0, nrings;     /* rings ring0 .. ring0+nrings-1 of the layer */
    double bbox[4];        /* minx, miny, maxx, maxy in the current coordinates */
    double bbox_ll[4];     /* the same in the source CRS, kept after projection */
} cm_feature;

typedef struct {
    char *path;            /* the .shp path, for messages */
    cm_geom_kind kind;
    int nfeatures;
    cm_feature *features;
    int nrings;
    int *ring_off;         /* nrings+1 offsets into pts */
    unsigned char *ring_hole; /* 1 where the ring is a hole */
    int npts;
    cm_xy *pts;
    int nfields;
    char **field_names;
    char **values;         /* nfeatures * nfields UTF-8 strings */
    char *prj;             /* the .prj text, or NULL when there is none */
    void *bands;           /* geometry's index of ring edges by height, one block (geom_index), or NULL */
} cm_shapes;

/* Reads "<base>.shp" etc. 0 on success; -1 with a one-line message naming the file. */
int shapes_load(const char *base, cm_shapes *out, char *err, size_t errlen);
/* The value of field `name` of feature i, or NULL when there is no such field. */
const char *shapes_attr(const cm_shapes *s, int i, const char *name);
/* Index of the first feature whose `field` equals `value`, or -1. */
int shapes_find(const cm_shapes *s, const char *field, const char *value);
/* Recomputes every feature's bbox from its points (after projection). */
void shapes_update_bbox(cm_shapes *s);
void shapes_free(cm_shapes *s);

#endif
