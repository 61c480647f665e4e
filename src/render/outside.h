/* outside: events whose place lies far outside the base map (a global or regional export
 * opened on this map). They are not drawn, not counted in the legend, and summed up in one
 * quiet line over the map (drawn by the control ui/offmap): "4,757 events are outside this map: Afghanistan 1,210, Yemen 980,
 * ...", by the importer's country attribute ("unknown" without one). The curated off-map
 * events of the GeoJSON data (flagged offmap, like talks in a far capital) are not these: they are
 * badges on the map's edge. */
#ifndef CM_OUTSIDE_H
#define CM_OUTSIDE_H
#include <stddef.h>

#include "data/catalog.h"

/* 1 when the event is a point far outside the map's home extent and not a curated off-map one. */
int outside_is(const cm_catalog *c, const cm_event *e);
/* The notice for the events of visible layers shown at that date or window that are outside
 * the map, into buf ("" when there are none); returns how many there are. */
int outside_summary(const cm_catalog *cat, const cm_when *when, char *buf, size_t n);

#endif
