/* heat: a density view of the point events shown, instead of markers: each event (weighted by
 * how faded it is) adds a Gaussian kernel of CM_HEAT_SIGMA_KM on the ground, summed in small
 * screen cells, and each cell is coloured on a ramp from transparent yellow to dark red by the
 * log of its sum against the densest cell in view. The kernel is in kilometres, not pixels, so
 * the picture keeps its shape when zooming (a pixel kernel merged more events the further out).
 * Linear in the events shown; a sigma spans at most three cells, so a zoom in costs no more. */
#ifndef CM_HEAT_H
#define CM_HEAT_H
#include "render/scene.h"

#define CM_HEAT_CELL 6        /* logical pixels, the smallest cell */
#define CM_HEAT_SIGMA_KM 10.0 /* the kernel's standard deviation on the ground */

void heat_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);
/* The kernel's sigma in pixels of the scene's view. */
float heat_sigma_px(const cm_scene *s);

#endif
