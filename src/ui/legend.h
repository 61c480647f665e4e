/* legend: the key to the visible event layers: each layer's marker (and area swatch) with
 * its name and how many of its items the map shows now. */
#ifndef CM_LEGEND_H
#define CM_LEGEND_H
#include "render/scene.h"

/* Counts the items of each layer shown at the scene's date (index: cm_layer_id). */
void legend_count(const cm_scene *s, int counts[CM_LAYER_COUNT]);
/* The legend's box with its top-left corner at (x, y); zero height when no event layer is on. */
SDL_FRect legend_rect(SDL_Renderer *r, const cm_scene *s, float x, float y);
/* Draws the legend in box (from legend_rect). */
void legend_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, SDL_FRect box);

#endif
