/* aliases: other spellings of the base map's first-level regions, read from the geodata
 * directory's aliases.tsv (lines "ISO code<TAB>name"; '#' starts a comment). Importers' admin1
 * names (ACLED, UCDP, Liveuamap each spell them their own way) and the search box find a region
 * by any of them, or by the shapefile's own NAME_EN and NAME_AR. Names are compared folded:
 * ASCII letters in lower case, other ASCII characters (spaces, hyphens, apostrophes) dropped, a
 * trailing "governorate" or "province" dropped; other text (Arabic) as it is. The names are data,
 * kept out of the code: each base map brings its own file. Towns (the cities layer) have other
 * spellings too, on lines "town:NAME<TAB>spelling", found by the search box only. */
#ifndef CM_ALIASES_H
#define CM_ALIASES_H
#include <stddef.h>

#include "geo/shapes.h"

typedef struct cm_aliases cm_aliases;

/* Reads path; a missing file gives *out = NULL and 0 (no aliases). A line that is not "code TAB
 * name", or a code that is not an ISO value of regions, gives -1 and "path: line N: ...". */
int aliases_load(const char *path, const cm_shapes *regions, cm_aliases **out, char *err, size_t errlen);
/* The ISO code of the region called name (an alias, NAME_EN or NAME_AR), or NULL. */
const char *aliases_find(const cm_aliases *a, const cm_shapes *regions, const char *name);
/* 1 when some spelling of region i (alias or its names) contains query (both folded). */
int aliases_region_matches(const cm_aliases *a, const cm_shapes *regions, int i, const char *query);
/* 1 when the town called name (the cities layer's NAME; name_ar its NAME_AR, or NULL) or one
 * of its other spellings contains query (all folded). A town's spellings are the file's lines
 * "town:NAME<TAB>spelling"; they are not region names (aliases_find never returns them). */
int aliases_town_matches(const cm_aliases *a, const char *name, const char *name_ar, const char *query);
/* Folds s into out (see above). */
void aliases_fold(const char *s, char *out, size_t n);
void aliases_free(cm_aliases *a);

#endif
