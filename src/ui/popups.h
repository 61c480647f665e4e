/* popups: the small things that float over the map in the window: the hover tooltip, the
 * toast (a short message such as where a screenshot went), the search box with its results,
 * and the help overlay that lists every control. */
#ifndef CM_POPUPS_H
#define CM_POPUPS_H
#include "render/scene.h"
#include "ui/frame.h"
#include "ui/state.h"

void popups_tooltip(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, float mx, float my, const cm_frame *f);
/* The toast; records where it is in f->toast. */
void popups_toast(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, uint32_t now, cm_frame *f);
/* The search box and results at the top centre; records the result rows in f. */
void popups_search(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, cm_frame *f);
void popups_help(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_frame *f);
/* The help's row for the base layers' keys, from the table of layers (data/categories.h):
 * keys "C, G, T, L", what "show or hide countries, governorates, cities, labels". */
void popups_help_layer_keys(char *keys, size_t nkeys, char *what, size_t nwhat);

#endif
