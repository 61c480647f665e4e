/* legend: the key to the visible event layers: each layer's marker (and area swatch) with
 * its name and how many of its items the map shows now. */
#ifndef CM_LEGEND_H
#define CM_LEGEND_H
#include "ui/control.h"

/* Counts the items of each layer shown at the scene's date (index: cm_layer_id). */
void legend_count(const cm_ctl *s, int counts[CM_LAYER_COUNT]);
/* The legend's box with its top-left corner at (x, y); zero height when no event layer is on. */
SDL_FRect legend_rect(SDL_Renderer *r, const cm_ctl *s, float x, float y);
/* The legend's box, placed: under the box `below` (the date box), unless it would cover the
 * home country there; then the corner of the map that covers the least of it, clear of the
 * keep boxes (the scale bar, the status strip). Judged on the view that fits the country in
 * this map, so the corner depends on the map's size only. */
SDL_FRect legend_place(SDL_Renderer *r, const cm_ctl *s, SDL_FRect below, const SDL_FRect *keep, int nkeep);
/* In the window, a legend the user has neither folded nor opened (the state's legend_folded -1)
 * is folded to its header when, open where it goes, it would cover any of the country at the
 * view that fits it (a small window, or the details panel open on one; judged on a grid of 4
 * pixels): the country stays visible, and a click on its header (or K) opens it. legend_place
 * decides, and records it in the frame's legend_folded. */
/* Draws the legend in box (from legend_rect). In the window it has a header that folds it
 * (the state's legend_folded), and it records its header and rows in the scene's frame: legend_layer is the layer, or CM_LEGEND_NO_PLACE for the row of events
 * without a place. */
void legend_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s, SDL_FRect box);
#define CM_LEGEND_NO_PLACE (-1)
/* Events of visible layers shown now that have no place on the map (no point, no area). */
int legend_count_unplaced(const cm_ctl *s);
/* The legend as the user sees it, as JSON members for a --log-ui line: "folded" (true when it
 * shows its header only), "head":[x,y,w,h] (its header, a click folds or opens it), "rows":[{"id",
 * "count", "visible", "box":[x,y,w,h]}...]; the counts are what each layer has at this date,
 * hidden or not. */
void legend_describe(const cm_ctl *s, const struct cm_frame *f, char *buf, size_t n);

#endif
