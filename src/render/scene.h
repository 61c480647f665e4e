/* scene: what one frame of the map is drawn from, by value or read-only: the catalog, the view,
 * the date, the screen boxes to keep clear and what is hovered or selected. The map's layers
 * (render/overlay, labels, heat) take it, and render/map draws them in order. Like Leaflet's
 * map it knows nothing of the window's panels: whoever composes the window (ui/compose) fills
 * in the boxes its controls take. Types only: the modules that draw include this, not it them. */
#ifndef CM_SCENE_H
#define CM_SCENE_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/text.h"
#include "render/view.h"

/* what the map outlines or rings: a governorate (feature index) or an event (store index) */
typedef enum { CM_HL_NONE, CM_HL_REGION, CM_HL_EVENT } cm_hl_kind;

typedef struct {
    cm_hl_kind kind;
    int idx;
} cm_hl_ref;

typedef struct {
    cm_hl_ref hover, sel;  /* the hovered one (thin outline or ring), the selected one (bold) */
    const int *listed;     /* events offered to choose from after a click on several: ringed */
    int nlisted;
} cm_highlight;

typedef struct {
    const cm_catalog *cat;
    cm_text *text;
    cm_view view;          /* in output pixels */
    float ui;              /* pixels per logical point (HiDPI factor) */
    cm_when when;          /* the date or window shown */
    const SDL_FRect *avoid; /* screen boxes (panels) that markers and labels keep clear of */
    int navoid;
    float inset_r;         /* pixels at the map's right edge covered by a panel */
    int heat;              /* point events as a density view instead of markers */
    cm_highlight hl;       /* all NONE (zeroed) when nothing is hovered or selected, as headless */
} cm_scene;

#endif
