/* draw: geometry to pixels through SDL_RenderGeometry. Shapes are collected into a vertex
 * buffer and sent in one call: filled triangle meshes, anti-aliased lines (a solid core with
 * a one-pixel fringe fading to transparent), dashed rings, and anti-aliased discs. */
#ifndef CM_DRAW_H
#define CM_DRAW_H
#include <SDL2/SDL.h>

#include "geo/geometry.h"
#include "render/view.h"

struct cm_sprites;

typedef struct cm_vbuf {
    SDL_Vertex *v;
    int n, cap;
    int oom;          /* set when a grow failed; the buffer then drops vertices */
    struct cm_sprites *sprites; /* shapes drawn once and copied since (render/sprites), NULL until used */
    void (*free_sprites)(struct cm_vbuf *b); /* set with sprites: how vbuf_free frees them */
    int no_sprites;   /* 1: every shape drawn directly (cm_bench --no-sprites) */
} cm_vbuf;

/* Sends the buffer to the renderer and empties it. */
void vbuf_flush(SDL_Renderer *r, cm_vbuf *b);
/* Frees the buffer and its sprites (before the renderer they were made on is destroyed). */
void vbuf_free(cm_vbuf *b);

/* Fills a mesh (map coordinates) in colour c. */
void draw_mesh(cm_vbuf *b, const cm_view *v, const cm_mesh *m, SDL_Color c);
/* A polyline of n map points; closed joins the last to the first; dash > 0 draws dashes of
 * that many pixels with equal gaps. Points closer than half a pixel are merged. */
void draw_path(cm_vbuf *b, const cm_view *v, const cm_xy *p, int n, int closed, float width, SDL_Color c, float dash);
/* One anti-aliased segment in screen pixels. */
void draw_segment(cm_vbuf *b, float x0, float y0, float x1, float y1, float width, SDL_Color c);
/* An anti-aliased filled disc in screen pixels. */
void draw_disc(cm_vbuf *b, float x, float y, float radius, SDL_Color c);
/* A filled convex or star-shaped polygon in screen pixels, anti-aliased at its edge. */
void draw_fan(cm_vbuf *b, const float *xy, int n, SDL_Color c);
/* A closed outline through n screen points. */
void draw_loop(cm_vbuf *b, const float *xy, int n, float width, SDL_Color c);
/* A filled screen rectangle (no anti-aliasing needed on whole pixels). */
void draw_rect(cm_vbuf *b, float x, float y, float w, float h, SDL_Color c);

#endif
