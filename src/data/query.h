/* query: "what is here at this date", answered by one rule for every caller: --query
 * (data/report), the window's click on the map and its list of a governorate's events
 * (ui/state). An event answers when it is shown at the date or window (not filtered out,
 * within its dates or the fade) and its layer is visible. Results are event indexes in the
 * store, in a malloc'd array the caller frees. */
#ifndef CM_QUERY_H
#define CM_QUERY_H
#include "data/catalog.h"

/* Events at map point (x, y) at w: the areas containing it, then the point events within
 * radius_m map metres; areas first, then newest first. Returns the count (0 with *out NULL). */
int query_at(const cm_catalog *c, double x, double y, const cm_when *w, double radius_m, int **out);
/* The governorate (feature index) at map point (x, y), or -1. */
int query_region_at(const cm_catalog *c, double x, double y);
/* The events of governorate gov at w, newest first: those placed in it (by name, or a point
 * inside it), areas over its label point, and areas in a strip it lists beside it (ALSO_ISO). */
int query_region(const cm_catalog *c, int gov, const cm_when *w, int **out);
/* The events shown at w that have no place on the map (no point, no area), newest first. */
int query_unplaced(const cm_catalog *c, const cm_when *w, int **out);
/* 1 when area e lies in a feature named in governorate gov's ALSO_ISO attribute. */
int query_region_also(const cm_catalog *c, int gov, const cm_event *e);

#endif
