/* frame: where things are on screen in the window, computed while a frame is laid out and
 * kept until the next one, so that input can tell what a click hit (the legend row, the
 * panel entry, the timeline, the marker) exactly as it was drawn. Plain data only. */
#ifndef CM_FRAME_H
#define CM_FRAME_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/labels.h"
#include "render/overlay.h"

#define CM_TIMELINE_H 96      /* logical pixels */
#define CM_PANEL_W 380
#define CM_FRAME_MAX_ITEMS 256

typedef enum { CM_ITEM_ENTRY, CM_ITEM_URL, CM_ITEM_COPY, CM_ITEM_CLOSE, CM_ITEM_REGION } cm_item_kind;

typedef struct {
    SDL_FRect r;
    cm_item_kind kind;
    int idx;                  /* event index (or governorate for CM_ITEM_REGION) */
    int src;                  /* source index for URL / COPY */
} cm_item;

typedef struct cm_frame {
    SDL_FRect map, timeline, panel;   /* panel.w == 0 when closed */
    SDL_FRect legend_row[CM_LAYER_COUNT];
    int legend_layer[CM_LAYER_COUNT];
    int nlegend;
    SDL_FRect legend_head;            /* the legend's header: a click folds or unfolds it (w 0: none) */
    int legend_folded;                /* the legend as drawn: 1 folded to its header (chosen, or too big for the map) */
    cm_item items[CM_FRAME_MAX_ITEMS];
    int nitems;
    float panel_content_h;            /* height of the panel's content, for scrolling */
    float axis_x0, axis_x1;           /* the timeline's date axis, pixels */
    SDL_FRect play_btn, speed_btn, range_btn;
    SDL_FRect result_row[16];
    SDL_FRect toast;                  /* the toast as drawn (w 0: none): the import notice opens its list */
    int nresults;
    cm_marks marks;                   /* event markers and badges as drawn */
    cm_labels labels;                 /* the map's labels as placed */
} cm_frame;

/* The window's regions for an output of w x h pixels: map above the timeline, the details
 * panel (when open) over the map's right side. */
void frame_layout(cm_frame *f, int w, int h, float ui, int panel_open);

#endif
