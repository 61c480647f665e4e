/* catalog: the layers the map shows, loaded from files and projected once into the map CRS.
 * Base layers come from the geodata directory (governorates, neighbours, cities); each keeps
 * its triangles for filling and a label point per feature. Nothing here knows about SDL. */
#ifndef CM_CATALOG_H
#define CM_CATALOG_H
#include <stddef.h>

#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/shapes.h"
#include "data/categories.h"
#include "data/events.h"
#include "data/import.h"
#include "data/profile.h"

/* cm_layer_id, CM_LAYER_FIRST_EVENT: the table of layers (data/categories.h) */

typedef struct {
    const char *id;        /* stable name used by --layers and --list */
    const char *file;      /* base name in the geodata directory, NULL for derived and event layers */
    const char *name;      /* display name */
    cm_shapes shp;         /* in map coordinates after loading */
    cm_mesh *mesh;         /* one per feature, polygon layers */
    cm_xy *label;          /* label point per feature, map coordinates */
    double *label_r;       /* radius of the largest inscribed circle, metres */
    int visible;
} cm_layer;

typedef struct {
    char *map_crs;         /* the --crs definition */
    cm_crs *ll2map;        /* WGS 84 lon/lat -> map */
    cm_layer layers[CM_LAYER_COUNT];
    double home[4];        /* map bbox that Home fits: the governorates' */
    cm_rings outline;      /* the country's border: the union of the governorates */
    cm_events events;      /* every event, sorted by date, points and polygons projected */
    int layer_total[CM_LAYER_COUNT]; /* events in each layer (set by catalog_finish_events) */
    cm_import import;      /* ACLED/UCDP loading: options (strict, date order, rejects), the summary
                            * of skipped rows and merged duplicates (import.summary), the rejects */
    struct cm_aliases *aliases; /* other spellings of the governorates (geodata/aliases.tsv), or NULL */
    char places_id[1200];  /* that file's path, size and mtime ("" none): part of the events cache's key */
    cm_profile profile;    /* what makes the map one country's (geodata/profile.ini) */
    int use_cache;         /* read and write the events cache (data/cache.h); off with --no-cache */
    /* ev NULL: the store's own first n events (catalog_finish_events), read where they are when
     * told: the store may have moved or been cut back since (then only those left are told) */
    struct cm_cache_pending { const cm_event *ev; const uint8_t *kinds; size_t n; } *pending;
    int npending;          /* files opened from the cache whose ids the importer has not been told yet */
    uint8_t *pending_kinds; /* the kinds of an entry made by catalog_finish_events (owned; freed when told) */
} cm_catalog;

/* Loads the map profile and the base layers from dir and projects them to map_crs (NULL: the
 * profile's). 0, or -1 with a message. */
int catalog_load(cm_catalog *c, const char *dir, const char *map_crs, char *err, size_t errlen);
/* Reads an events file (GeoJSON) into the catalog. 0, or -1 with a message; on error
 * nothing of that file stays. Call catalog_finish_events() after the last one. */
int catalog_add_events(cm_catalog *c, const char *path, char *err, size_t errlen);
/* Projects, triangulates and indexes the events; resolves region codes. 0, or -1 with a message. */
int catalog_finish_events(cm_catalog *c, char *err, size_t errlen);
/* The layer an event category is drawn in. */
cm_layer_id catalog_event_layer(cm_category cat);
/* Layer id from its name, or -1. */
int catalog_layer_by_id(const char *id);
/* Sets visibility from a comma list of layer ids ("all" allowed); -1 and a message on an unknown id. */
int catalog_set_visible(cm_catalog *c, const char *list, char *err, size_t errlen);
/* WGS 84 -> map for one point; 0 on success. */
int catalog_project(const cm_catalog *c, double lon, double lat, double *x, double *y);
/* map -> WGS 84 for one point; 0 on success. */
int catalog_unproject(const cm_catalog *c, double x, double y, double *lon, double *lat);
void catalog_free(cm_catalog *c);

#endif
