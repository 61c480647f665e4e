/* control: what the window's controls over the map (the date box, legend, scale bar, status
 * strip, off-map notice) are given, as Leaflet's controls are given their map: the map's inputs
 * (catalog, view, date) and, in the window, its UI state and the frame where they record what
 * they drew where for hit tests. Each control says where it sits (a *_rect function) and draws
 * itself (*_draw); ui/compose places them and keeps the map's markers and labels clear of them.
 * The renderer (src/render/) never sees this struct. */
#ifndef CM_CONTROL_H
#define CM_CONTROL_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/text.h"
#include "render/view.h"

struct cm_ui;
struct cm_frame;

typedef struct cm_ctl {
    const cm_catalog *cat;
    cm_text *text;
    cm_view view;              /* the map's view, in output pixels */
    float ui;                  /* pixels per logical point (HiDPI factor) */
    cm_when when;              /* the date or window shown */
    float inset_r;             /* pixels at the map's right edge covered by the details panel */
    int heat;                  /* the map shows point events as a density view */
    const struct cm_ui *state; /* the window's UI state (hover, selection), NULL headless */
    struct cm_frame *frame;    /* the window records what it drew where, NULL headless */
    int has_cursor;            /* the cursor is over the map */
    double cursor_lon, cursor_lat;
} cm_ctl;

#endif
