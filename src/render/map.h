/* map: the map's layers for one scene, drawn over the base (render/basemap): the event areas,
 * the map's names (render/labels), the hover and selection outlines, the markers and badges (or
 * the heat view) and the rings on the picked markers. It draws no panel: the window's controls
 * are drawn over it by ui/compose. Reads state, never changes it. */
#ifndef CM_MAP_H
#define CM_MAP_H
#include "render/labels.h"
#include "render/overlay.h"
#include "render/scene.h"

/* Draws the layers over a base already drawn. The markers and badges are laid out into *marks
 * (for hit tests), whatever it held replaced and its arrays reused from frame to frame (free
 * with overlay_marks_free), or into a list freed at once when marks is NULL; the labels as
 * placed go to *labels unless it is NULL. */
void map_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, cm_marks *marks, cm_labels *labels);

/* Thread CPU seconds by phase of a frame, summed while map_phases points to one (cm_bench sets
 * it; NULL otherwise, and nothing is timed): the base (ui/compose), the event areas, the markers'
 * layout, the labels, the markers drawn, the legend (ui/compose). */
typedef struct {
    double base, areas, layout, labels, marks, legend;
} cm_map_phases;
extern cm_map_phases *map_phases;
/* Thread CPU seconds, for map_phases. */
double map_phase_clock(void);

#endif
