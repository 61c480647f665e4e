/* scene: one frame of the map, drawn from the catalog and the view: sea, neighbouring
 * countries, governorates, the country border, labels (render/labels),
 * then the on-map widgets. Reads state, never changes it. */
#ifndef CM_SCENE_H
#define CM_SCENE_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/text.h"
#include "render/view.h"

struct cm_ui;
struct cm_frame;

typedef struct cm_basecache cm_basecache;

typedef struct {
    const cm_catalog *cat;
    cm_text *text;
    cm_view view;          /* in output pixels */
    float ui;              /* pixels per logical point (HiDPI factor) */
    cm_when when;          /* the date or window shown */
    const SDL_FRect *avoid; /* screen boxes (panels) that markers and labels keep clear of */
    int navoid;
    float inset_r;         /* pixels at the map's right edge covered by a panel */
    cm_basecache *cache;   /* reuse the base map between frames, or NULL to draw it every time */
    int zooming;           /* a wheel zoom is in progress: a stretched base is good enough */
    int settling;          /* it has just stopped: stretched until the worker's exact picture */
    int heat;              /* point events as a density view instead of markers */
    const struct cm_ui *state; /* the window's UI state (hover, selection), NULL headless */
    struct cm_frame *frame;    /* the window records what it drew where, NULL headless */
    int has_cursor;        /* the cursor is over the map */
    double cursor_lon, cursor_lat;
} cm_scene;

/* The static base alone (sea, countries, governorates, borders) for view v. */
void scene_draw_base(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s, const cm_view *v);
/* Draws the whole frame. vb is scratch space kept between frames. */
void scene_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);

#endif
