/* compose: the map as the window and --render show it: the base (from the base-map cache when
 * there is one), the map's layers (render/map), and the controls over it. The controls say
 * where they sit (the date box and legend top left, the scale bar bottom left, the status strip
 * bottom right, the off-map notice top centre); the map is told to keep its markers and labels
 * clear of those boxes; then each control draws itself. In the window the markers as laid out
 * are kept in the frame for hit tests. */
#ifndef CM_COMPOSE_H
#define CM_COMPOSE_H
#include "render/basecache.h"
#include "ui/control.h"

/* Draws one frame of the map with its controls. cache: reuse the base between frames, or NULL
 * to draw it every time; zooming, settling: as basecache_draw. */
void compose_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *c, cm_basecache *cache, int zooming, int settling);

#endif
