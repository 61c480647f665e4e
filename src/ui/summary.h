/* summary: a governorate at a glance, drawn at the top of its panel before the list: what is
 * on the map there now by type, the largest figures of people killed with who reported them,
 * and a small chart of its events week by week over the timeline's span (after the filter and
 * the layers), the date shown shaded. */
#ifndef CM_UI_SUMMARY_H
#define CM_UI_SUMMARY_H
#include <SDL2/SDL.h>

#include "render/draw.h"
#include "render/text.h"
#include "ui/state.h"

/* What the listed events add up to: events by layer, and the people reported killed (each
 * event's largest figure, by filter_fatalities) with the three largest figures. */
typedef struct {
    int by[CM_LAYER_COUNT];
    long killed;      /* sum over the events that give a figure */
    int with_figure;  /* how many of them give one */
    int top[3];       /* event indices of the largest figures, largest first; -1 where none */
    long top_k[3];
} cm_list_totals;

void summary_totals(const cm_ui *u, cm_list_totals *t);

/* Draws the summary of the selected governorate at (x, y), w wide; returns the height used
 * (0 when no governorate is selected). */
float summary_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, float x, float y, float w, const cm_ui *u);

#endif
