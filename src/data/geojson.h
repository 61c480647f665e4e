/* geojson: read events from a GeoJSON (RFC 7946) FeatureCollection with yajl's streaming
 * parser, one feature at a time. The properties schema is docs/events-format.md. Errors
 * name the file and the line and column (syntax) or the feature and field (content). */
#ifndef CM_GEOJSON_H
#define CM_GEOJSON_H
#include <stddef.h>

#include "data/events.h"

#define CM_GEOJSON_MAX_STRING (1 << 20)   /* longest string value accepted, bytes */
#define CM_GEOJSON_MAX_DEPTH 64           /* nesting levels accepted; 65 is refused */
#define CM_GEOJSON_MAX_KEY 1024           /* longest member name, bytes */
#define CM_GEOJSON_MAX_NUMBER 64          /* longest number, characters */
#define CM_GEOJSON_MAX_LIST 65535         /* regions, figures or sources of one event */

/* Appends the file's events to s. 0 on success; -1 with a one-line message, in which case
 * nothing from this file is left in s. */
int geojson_load(const char *path, cm_events *s, char *err, size_t errlen);

#endif
