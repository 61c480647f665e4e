/* meshcache: the base layers' triangles, label points and outline (GEOS's work, a quarter of
 * every start-up for polygons that never change) kept in one file and read back on the next
 * start. In $XDG_CACHE_HOME/conflictmap/ (default ~/.cache/conflictmap/) as base-<hash>.mesh,
 * the hash of the shapefiles' paths and the map CRS; inside, the full key: format version, CRS,
 * each shapefile's path, size and modification time, each layer's label clip, the outline's
 * sliver size and a 64-bit hash of each layer's projected rings (so whatever changes the input,
 * a .prj, PROJ itself, gives another key). Written through a temporary file in the same
 * directory, synced and renamed; an XXH3 checksum over the whole file is checked on reading, and a
 * truncated, damaged, foreign or older file is removed and rebuilt, never used. Failing to write
 * it is not an error (the next start computes again); CONFLICTMAP_CACHE_TRACE set prints one line
 * per cache opened, passed over or written ("conflictmap: cache: base map ..."), as the events
 * cache does. Main thread only. */
#ifndef CM_MESHCACHE_H
#define CM_MESHCACHE_H
#include "geo/geometry.h"
#include "geo/shapes.h"

/* One polygon layer as the cache holds it: its meshes and label points, nfeatures of each. */
typedef struct {
    const cm_shapes *shp;  /* the layer, projected: its path and rings are part of the key */
    const double *clip;    /* the clip its label points were computed with (4 doubles), or NULL */
    cm_mesh *mesh;         /* shp->nfeatures meshes */
    cm_xy *label;          /* shp->nfeatures label points */
    double *label_r;       /* and their radii */
} cm_meshcache_layer;

/* Turns the cache on or off for this process (--no-cache: off). On by default. */
void meshcache_use(int on);
/* Fills the n layers' meshes, labels and the outline from a valid cache: 1. 0 when there is none
 * or it cannot be used (nothing is filled; a bad file is removed). sliver: the outline's. */
int meshcache_load(const char *crs, double sliver, cm_meshcache_layer *l, int n, cm_rings *outline);
/* Writes them; 0, or -1 (nothing left behind). */
int meshcache_save(const char *crs, double sliver, const cm_meshcache_layer *l, int n, const cm_rings *outline);
/* The cache file's path for these layers and CRS into buf; 0, or -1 (no cache directory). */
int meshcache_path(const char *crs, const cm_meshcache_layer *l, int n, char *buf, size_t len);

#endif
