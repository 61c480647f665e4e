/* basecache: the static base map (sea, countries, governorates, borders) drawn once into a
 * texture a margin larger than the view and copied from while the scale stays the same, so
 * panning and date changes redraw only events and labels. When the scale changes, the old
 * picture is stretched at once and the exact one is drawn by a worker thread into its own
 * surface (SDL's software renderer, independent of the window's), then swapped in: a zoom never
 * waits for a full redraw. The worker announces a finished picture with an SDL user event. It
 * draws from a snapshot taken by value (render/basemap); what it may touch is written next to
 * its state in basecache.c. With a worker, the first frames do not wait for the first picture
 * (the view and its margins): they draw the view alone, directly, while the worker draws it. */
#ifndef CM_BASECACHE_H
#define CM_BASECACHE_H
#include <SDL2/SDL.h>

#include "render/basemap.h"

typedef struct cm_basecache {
    SDL_Texture *tex;
    cm_view view;          /* what the texture shows (x0 = y0 = 0, w, h = its size) */
    int margin;
    unsigned key;          /* base layer visibility and UI scale it was drawn with */
    int stale;             /* showing a stretched picture: an exact one is wanted */
    long hits, redraws, stretched;
    long direct;           /* frames drawn straight to the target while the worker drew the first picture */
    struct cm_baseworker *worker; /* NULL: exact pictures are drawn in the frame */
} cm_basecache;

/* Starts a worker thread for exact redraws; wake is the SDL event type it pushes when a picture
 * is ready (0: push none). Without it the cache redraws synchronously. 0 on success. */
int basecache_start_worker(cm_basecache *b, Uint32 wake);
/* Draws base map m (a snapshot: see render/basemap.h) at its view, from the cache when it can. zooming: a wheel zoom is
 * going on (stretch the old picture); settling: it has just stopped (stretch, and have the
 * worker draw the exact picture); neither: draw it exactly now when it must be drawn (a pan past
 * the margin, a key zoom), so what is shown is never a stale picture. */
void basecache_draw(SDL_Renderer *r, cm_vbuf *vb, cm_basecache *b, const cm_basemap *m, int zooming, int settling);
/* 1 while the worker is drawing. */
int basecache_busy(cm_basecache *b);
void basecache_free(cm_basecache *b);

#endif
