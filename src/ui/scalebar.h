/* scalebar: a scale bar at the bottom left whose length is true ground distance at the view
 * centre (measured on the ellipsoid-free sphere between two unprojected points), so it
 * stays right in any projection and at any latitude. */
#ifndef CM_SCALEBAR_H
#define CM_SCALEBAR_H
#include "ui/control.h"

/* Picks a round length (1, 2 or 5 x 10^k metres) that draws between min_px and max_px wide
 * at metres_per_px; returns the length in metres and its width in pixels. */
double scalebar_pick(double metres_per_px, double min_px, double max_px, double *width_px);
/* Ground metres per pixel at the centre of the view, or 0 when it cannot be measured. */
double scalebar_metres_per_px(const cm_ctl *s);
/* The box the scale bar keeps for itself at the bottom left of the map. */
SDL_FRect scalebar_rect(const cm_ctl *c);
void scalebar_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s);

#endif
