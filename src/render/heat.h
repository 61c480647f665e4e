/* heat: a density view of the point events shown, instead of markers: events are counted in
 * small screen cells (weighted by how faded they are), the counts smoothed over neighbouring
 * cells, and each cell coloured on a ramp from transparent yellow to dark red by the log of its
 * count against the densest cell. Counting is linear in the events shown. */
#ifndef CM_HEAT_H
#define CM_HEAT_H
#include "render/scene.h"

#define CM_HEAT_CELL 6   /* logical pixels */

void heat_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);

#endif
