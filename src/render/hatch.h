/* hatch: diagonal hatching inside a polygon, for areas that are claimed or demanded rather
 * than held: a reader sees the ground beneath through the stripes, so a demand never looks
 * like a filled area of presence. Lines are cut by the polygon's rings with the even-odd
 * rule (holes stay clear) in screen space, and anchored to the map so they do not crawl
 * when it pans. */
#ifndef CM_HATCH_H
#define CM_HATCH_H
#include "geo/shapes.h"
#include "render/draw.h"

/* Stripes at 45 degrees, `spacing` pixels apart and `width` wide, inside feature fi of s
 * (map coordinates), clipped to the view. */
void hatch_feature(cm_vbuf *b, const cm_view *v, const cm_shapes *s, int fi, float spacing, float width, SDL_Color c);

#endif
