/* statusbar: the strip at the bottom right: the cursor's latitude and longitude (when the
 * cursor is over the map), the zoom level, the map projection and the data attribution. */
#ifndef CM_STATUSBAR_H
#define CM_STATUSBAR_H
#include "ui/control.h"

/* Formats a position as "33.5140° N  36.2770° E" into buf. */
void statusbar_format_lonlat(double lon, double lat, char *buf, size_t n);
/* The box the strip keeps for itself at the bottom right of the map, left of the details panel. */
SDL_FRect statusbar_rect(const cm_ctl *c);
void statusbar_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s);

#endif
