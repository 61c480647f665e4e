/* scalebar: a scale bar at the bottom left whose length is true ground distance at the view
 * centre (the geodesic on the WGS 84 ellipsoid between two unprojected points, PROJ's
 * geod_inverse), so it stays right in any projection and at any latitude. */
#ifndef CM_SCALEBAR_H
#define CM_SCALEBAR_H
#include "geo/crs.h"
#include "ui/control.h"

/* Picks a round length (1, 2 or 5 x 10^k metres) that draws between min_px and max_px wide
 * at metres_per_px; returns the length in metres and its width in pixels. */
double scalebar_pick(double metres_per_px, double min_px, double max_px, double *width_px);
/* Ground metres per pixel across the centre of view v (100 pixels measured), whose map CRS
 * ll2map turns lon/lat into; 0 when it cannot be measured. */
double scalebar_metres_per_px(const cm_crs *ll2map, const cm_view *v);
/* The box the scale bar keeps for itself at the bottom left of the map. */
SDL_FRect scalebar_rect(const cm_ctl *c);
void scalebar_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s);

#endif
