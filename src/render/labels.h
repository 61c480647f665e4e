/* labels: the map's names (cities with their dots, regions, neighbouring countries, the
 * sea), placed without overlap, most important first. Panels (the scene's avoid boxes) and
 * the markers already laid out are obstacles the labels make way for. */
#ifndef CM_LABELS_H
#define CM_LABELS_H
#include "render/overlay.h"
#include "render/scene.h"

void labels_draw(SDL_Renderer *r, const cm_scene *s, const cm_marks *marks);

#endif
