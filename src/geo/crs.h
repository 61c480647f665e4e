/* crs: coordinate transforms with PROJ. A cm_crs turns coordinates of one CRS (a layer's
 * .prj, or WGS 84 lon/lat) into the map CRS and back, in batches, always in x/y (lon/lat)
 * axis order whatever the CRS definitions say. Also measures true ground distance. */
#ifndef CM_CRS_H
#define CM_CRS_H
#include <stddef.h>

typedef struct cm_crs cm_crs;

#define CM_CRS_WGS84 "EPSG:4326"

/* Creates the transform src -> dst (EPSG code, PROJ string or WKT). NULL and a message on error. */
cm_crs *crs_create(const char *src, const char *dst, char *err, size_t errlen);
/* Checks that a CRS definition is one PROJ understands; 0 on success, -1 and a message. */
int crs_check(const char *def, char *err, size_t errlen);
/* Transforms n points in place, src -> dst. Points that fail become HUGE_VAL; returns how many failed. */
size_t crs_forward(const cm_crs *c, double *x, double *y, size_t stride, size_t n);
/* Transforms n points in place, dst -> src. Same conventions. */
size_t crs_inverse(const cm_crs *c, double *x, double *y, size_t stride, size_t n);
/* Human name of the target CRS, e.g. "WGS 84 / Pseudo-Mercator". */
const char *crs_target_name(const cm_crs *c);
void crs_destroy(cm_crs *c);

#endif
