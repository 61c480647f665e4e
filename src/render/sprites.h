/* sprites: shapes drawn again and again (a cluster bubble of the same count, mix and shade) are
 * drawn once into a texture on the same renderer, with the same triangle code, and then copied.
 * SDL's software renderer spends about a microsecond a blended triangle and a bubble is some
 * 400 of them, so a frame of 230 bubbles drawn directly is most of its time; a copy is one blit.
 * A shape is made a sprite only when it has been asked for in three different frames: a single
 * picture (--render) is always drawn directly, pixel for pixel as before. A sprite is made for
 * the shape's exact fraction of a pixel (a pan moves shapes by whole pixels): it covers the
 * pixels a direct draw covers, and differs only where its translucent rim was blended with the
 * texture's clear white instead of the map (measured in tests/unit/test_sprites.c). The cache lives on the vertex
 * buffer (cm_vbuf.sprites) of its renderer and is freed with it (vbuf_free), which the program
 * does before it destroys the renderer. */
#ifndef CM_SPRITES_H
#define CM_SPRITES_H
#include <SDL2/SDL.h>

#include "render/draw.h"

#define CM_SPRITE_KEY 128    /* bytes of a key at most */
#define CM_SPRITES_MAX 1024  /* keys remembered (asked for, with or without a texture) */
#define CM_SPRITE_ASKS 3     /* frames a key is asked in before it becomes a sprite */

/* Draws the shape centred at (x, y) into vb, in screen pixels. */
typedef void (*cm_sprite_fn)(cm_vbuf *vb, float x, float y, const void *arg);

/* A new frame begins: a key counts one ask a frame however often it is drawn in it. */
void sprites_frame(cm_vbuf *vb);
/* Draws the shape that key (len bytes; the same key must always draw the same shape) names,
 * centred at (x, y) and reaching at most half pixels from it: copied from its sprite when
 * there is one (what vb holds is sent first, to keep the order of drawing), else drawn into vb
 * by fn(vb, x, y, arg) (and, at its CM_SPRITE_ASKS-th frame, made a sprite). With
 * vb->no_sprites set, always drawn directly. */
void sprites_draw(SDL_Renderer *r, cm_vbuf *vb, const void *key, size_t len, float half, float x, float y,
                  cm_sprite_fn fn, const void *arg);

typedef struct {
    int keys;        /* keys remembered */
    int textures;    /* of them, sprites with a texture */
    long copies;     /* shapes copied from a sprite, since the cache was made */
    long direct;     /* shapes drawn directly */
    long evictions;  /* keys dropped to make room */
} cm_sprite_stats;

/* What the cache of vb holds and has done (all 0 when it has none). */
cm_sprite_stats sprites_stats(const cm_vbuf *vb);
/* Destroys the sprites and the cache (vbuf_free calls it); the renderer must still exist. */
void sprites_free(cm_vbuf *vb);

#endif
