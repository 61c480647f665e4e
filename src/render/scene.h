/* scene: one frame of the map, drawn from the catalog and the view: sea, neighbouring
 * countries, governorates, Syria's border, cities and labels (placed without overlap,
 * most important first), then the on-map widgets. Reads state, never changes it. */
#ifndef CM_SCENE_H
#define CM_SCENE_H
#include <SDL2/SDL.h>

#include "data/catalog.h"
#include "render/draw.h"
#include "render/text.h"
#include "render/view.h"

struct cm_ui;
struct cm_frame;

/* The static base map (sea, countries, governorates, borders) drawn once into a texture a
 * margin larger than the view, and copied from while the scale stays the same: panning and
 * date changes then redraw only the events and labels. */
typedef struct {
    SDL_Texture *tex;
    cm_view view;          /* what the texture shows (x0 = y0 = 0, w, h = its size) */
    int margin;
    unsigned key;          /* base layer visibility and UI scale it was drawn with */
    int stale;             /* last shown stretched: draw anew when the zoom settles */
    long hits, redraws;    /* for benchmarks */
} cm_basecache;

void basecache_free(cm_basecache *b);

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
    int zooming;           /* a zoom is in progress: a stretched base is good enough */
    const struct cm_ui *state; /* the window's UI state (hover, selection), NULL headless */
    struct cm_frame *frame;    /* the window records what it drew where, NULL headless */
    int has_cursor;        /* the cursor is over the map */
    double cursor_lon, cursor_lat;
} cm_scene;

/* Draws the whole frame. vb is scratch space kept between frames. */
void scene_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s);

#endif
