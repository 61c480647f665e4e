/* offmap: the control that says, in one quiet line at the top of the map, how many of the
 * events shown lie far outside this map and where (render/outside counts them). */
#ifndef CM_OFFMAP_H
#define CM_OFFMAP_H
#include "ui/control.h"

/* Draws the notice at the top of the map, centred in the part left of any panel (nothing when
 * no event shown is outside the map). */
void offmap_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *c);

#endif
