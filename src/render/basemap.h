/* basemap: the static base of the map (sea, neighbouring countries, governorates, their edges
 * and the country's border) for one view. It is drawn from a snapshot taken by value on the
 * main thread (view, UI scale, which base layers are shown) and from the catalog's geometry,
 * which is read-only once loaded, so the base-map worker (render/basecache) can draw it on its
 * own thread while the window changes its state. */
#ifndef CM_BASEMAP_H
#define CM_BASEMAP_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/view.h"

typedef struct {
    const cm_catalog *cat; /* only its geometry (shapes, meshes, outline) is read: fixed after load */
    cm_view view;          /* in output pixels */
    float ui;              /* pixels per logical point */
    unsigned shown;        /* bit i: base layer i (i < CM_LAYER_FIRST_EVENT) is visible */
} cm_basemap;

/* The snapshot of what the base shows now: the layers' visibility is copied, not pointed to. */
cm_basemap basemap_snapshot(const cm_catalog *cat, const cm_view *v, float ui);
/* What makes two pictures of the base differ at the same view: the layers shown and the UI scale. */
unsigned basemap_key(const cm_basemap *b);
/* Draws the base (clearing the target to the sea first). */
void basemap_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_basemap *b);

#endif
