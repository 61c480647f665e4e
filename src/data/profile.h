/* profile: what makes a base map that of one country, read from the geodata directory's
 * profile.ini beside the shapefiles, so that no country is named in the code. The profile says
 * what the map is called (the window title, the date box, "fit ..." in the help), its default
 * map CRS, what its first-level regions are called ("governorate"), the country the regions
 * make up (what --query answers inside them), labels for seas (not in any shapefile) and the
 * tint of each region (a hand-made four-colouring, so that neighbours differ). The special
 * areas (a buffer zone, an occupied area) are marked in the regions' own STATUS field.
 *
 * The file is strict: one "key = value" a line, '#' starts a comment line, blank lines are
 * skipped; an unknown key, a repeated single key, a bad number or a tint naming no region is
 * an error naming file:line. Without a profile.ini the map is generic (see profile_defaults). */
#ifndef CM_PROFILE_H
#define CM_PROFILE_H
#include <stddef.h>

#include "geo/shapes.h"

#define CM_PROFILE_FILE "profile.ini"
#define CM_PROFILE_TINTS 4  /* tints 0..3 */

typedef struct {
    double lon, lat;   /* WGS 84 */
    char *line1, *line2; /* line2 may be NULL */
} cm_profile_label;

typedef struct {
    char *iso;         /* a region's ISO value */
    int tint;          /* 0..CM_PROFILE_TINTS-1 */
    long line;         /* where it was read, for the check against the regions */
} cm_profile_tint;

typedef struct {
    char *path;        /* the file read, NULL when there was none */
    char *name;        /* the country the map shows ("" when none): the date box, "fit ..." */
    char *title;       /* the window title after "conflictmap — " ("" when none) */
    char *crs;         /* the default map CRS */
    char *region_kind; /* what a first-level region is called, singular, lower case */
    char *country;     /* the country the regions make up, NULL when not said */
    char *country_iso_a3;
    cm_profile_label *seas;
    int nseas;
    cm_profile_tint *tints;
    int ntints;
} cm_profile;

/* The generic profile of a map without profile.ini: no name, Web Mercator, "region". 0, or -1
 * when out of memory. */
int profile_defaults(cm_profile *p);
/* Reads dir/profile.ini into p (the defaults when there is none). 0, or -1 with
 * "FILE: line N: what is wrong" in err; p is then empty. */
int profile_load(const char *dir, cm_profile *p, char *err, size_t errlen);
/* Checks that every tint names a region of regions (field ISO); 0, or -1 with file:line. */
int profile_check_regions(const cm_profile *p, const cm_shapes *regions, char *err, size_t errlen);
/* The tint (0..3) of the region with ISO value iso; 0 when the profile gives none. */
int profile_tint(const cm_profile *p, const char *iso);
void profile_free(cm_profile *p);

#endif
