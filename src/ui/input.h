/* input: SDL events -> actions on the UI state and the view. It decides what a click or key
 * means using the frame as drawn (legend rows, panel entries, timeline, markers); it never
 * draws. Effects that leave the app (open a URL, copy to the clipboard) happen here too. */
#ifndef CM_INPUT_H
#define CM_INPUT_H
#include <SDL2/SDL.h>

#include "render/view.h"
#include "ui/frame.h"
#include "ui/state.h"

enum { CM_IN_DIRTY = 1, CM_IN_QUIT = 2, CM_IN_SCREENSHOT = 4, CM_IN_FLY = 8 };

typedef struct {
    cm_ui *u;
    cm_frame *f;
    cm_view *view;
    const double *home;      /* bbox that Home fits */
    float ratio;             /* output pixels per window point (mouse coordinates) */
    float ui;                /* output pixels per logical point: ratio times the UI scale (sizes) */
    float mx, my;            /* cursor, output pixels */
    int press;               /* 0 none, 1 map, 2 timeline handle, 3 panel */
    int handle;              /* which timeline handle is dragged */
    float px, py;            /* where the press began */
    int moved;
    double fly_cx, fly_cy, fly_scale; /* target of the next fly (CM_IN_FLY) */
    uint32_t wheel_at;       /* when the wheel last zoomed the map (continuous zooming) */
    int away;                /* the cursor has left the window */
} cm_input;

/* Handles one event; returns CM_IN_* flags. now is SDL_GetTicks(). */
int input_handle(cm_input *in, const SDL_Event *e, uint32_t now);
/* Sets fly_* to show reference r (fit an area, zoom in on a point) left of the panel. */
int input_fly_to(cm_input *in, cm_ref r);
/* Hover from the cursor position and the frame as last drawn; 1 when it changed (logged with
 * --log-ui). Called after each frame too: what is under a still cursor may have moved (the
 * panel scrolled, the map flew, the date changed). */
int input_update_hover(cm_input *in);
/* 1 when (x, y) is on the map and the cursor is in the window: not on the details panel, the
 * timeline or outside (the status strip shows the cursor's place only then). */
int input_on_map(const cm_input *in, float x, float y);

#endif
