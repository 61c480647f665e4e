/* map: the map's layers for one scene, drawn over the base (render/basemap): the event areas,
 * the map's names (render/labels), the hover and selection outlines, the markers and badges (or
 * the heat view) and the rings on the picked markers. It draws no panel: the window's controls
 * are drawn over it by ui/compose. Reads state, never changes it. */
#ifndef CM_MAP_H
#define CM_MAP_H
#include "render/overlay.h"
#include "render/scene.h"

/* Draws the layers over a base already drawn. The markers and badges as laid out go to *marks
 * (for hit tests; free with overlay_marks_free), or are freed when marks is NULL. */
void map_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, cm_marks *marks);

#endif
