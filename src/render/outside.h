/* outside: events whose place lies far outside the base map (a global or regional export
 * opened on this map). They are not drawn, not counted in the legend, and summed up in one
 * quiet line over the map: "4,757 events are outside this map: Afghanistan 1,210, Yemen 980,
 * ...", by the importer's country attribute ("unknown" without one). The curated off-map
 * events of the GeoJSON data (flagged offmap, like talks in a far capital) are not these: they are
 * badges on the map's edge. */
#ifndef CM_OUTSIDE_H
#define CM_OUTSIDE_H
#include "render/scene.h"

/* 1 when the event is a point far outside the map's home extent and not a curated off-map one. */
int outside_is(const cm_catalog *c, const cm_event *e);
/* The notice for the events of visible layers shown at the scene's date that are outside the
 * map, into buf ("" when there are none); returns how many there are. */
int outside_summary(const cm_scene *s, char *buf, size_t n);
/* Draws the notice at the top of the map, centred in the part left of any panel. */
void outside_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);

#endif
