/* export: writes events out of the program, for reports and other tools: GeoJSON in the
 * project's own events format (docs/events-format.md; it loads back with --events to the same
 * events, ids, dates with their precision, places, figures, sources and attributes) or CSV with
 * ACLED's 31 columns (it loads back through the ACLED importer; what ACLED's columns cannot
 * hold is said in docs/events-format.md). Every write goes to a temporary file beside the
 * target, is checked, synced and renamed into place; an existing file is only replaced when
 * asked. No SDL here. */
#ifndef CM_EXPORT_H
#define CM_EXPORT_H
#include <stddef.h>

#include "data/catalog.h"

typedef enum { CM_EXPORT_GEOJSON, CM_EXPORT_CSV } cm_export_format;

/* The format a file name asks for (.geojson, .csv, any case); -1 when neither. */
int export_format_of(const char *path);
/* The indexes of the events shown at w (layer visible, not hidden by the filter, weight > 0),
 * in date order; returns the count, *out malloc'd (free it), or -1 when out of memory. */
int export_shown(const cm_catalog *c, const cm_when *w, int **out);
/* Writes events idx[0..n) of the catalog to path in the format its name asks for. With force 0
 * an existing file is left alone and reported. 0, or -1 with a one-line message naming the file. */
int export_write(const cm_catalog *c, const int *idx, int n, const char *path, int force, char *err, size_t errlen);

#endif
