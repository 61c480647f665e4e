/* sprites: a cache of shapes drawn once into textures; see sprites.h. */
#include "render/sprites.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char key[CM_SPRITE_KEY + 2 * sizeof(float)]; /* the caller's key, then the fraction of a pixel */
    size_t len;
    unsigned hash;
    unsigned last;        /* the frame it was last asked in */
    int asks;             /* frames it was asked in */
    int failed;           /* a texture could not be made: always drawn directly */
    SDL_Texture *tex;
    int half;             /* the texture is 2 * half + 1 pixels square, the shape's centre in the middle pixel */
} entry;

struct cm_sprites {
    entry *e;             /* CM_SPRITES_MAX of them, n in use */
    int n;
    int *slot;            /* hash table of entry indexes, -1 free; 2 * CM_SPRITES_MAX slots */
    unsigned frame;
    cm_vbuf tmp;          /* where a sprite's triangles are collected */
    cm_sprite_stats st;
};

#define SLOTS (2 * CM_SPRITES_MAX)

static unsigned hash_of(const unsigned char *k, size_t n)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ k[i]) * 16777619u;
    return h;
}

static struct cm_sprites *cache_of(cm_vbuf *vb)
{
    if (vb->no_sprites) return NULL;
    if (!vb->sprites) {
        struct cm_sprites *s = calloc(1, sizeof *s);
        if (!s) return NULL;
        s->e = calloc(CM_SPRITES_MAX, sizeof *s->e);
        s->slot = malloc(sizeof *s->slot * SLOTS);
        if (!s->e || !s->slot) { free(s->e); free(s->slot); free(s); vb->no_sprites = 1; return NULL; }
        for (int i = 0; i < SLOTS; i++) s->slot[i] = -1;
        vb->sprites = s;
        vb->free_sprites = sprites_free;
    }
    return vb->sprites;
}

void sprites_frame(cm_vbuf *vb)
{
    struct cm_sprites *s = cache_of(vb);
    if (s) s->frame++;
}

static void rehash(struct cm_sprites *s)
{
    for (int i = 0; i < SLOTS; i++) s->slot[i] = -1;
    for (int i = 0; i < s->n; i++) {
        unsigned h = s->e[i].hash & (SLOTS - 1);
        while (s->slot[h] >= 0) h = (h + 1) & (SLOTS - 1);
        s->slot[h] = i;
    }
}

/* keeps the keys asked for in this frame or the one before; the rest are dropped */
static void evict(struct cm_sprites *s)
{
    int k = 0;
    for (int i = 0; i < s->n; i++) {
        entry *e = &s->e[i];
        if (s->frame - e->last <= 1) s->e[k++] = *e;
        else {
            if (e->tex) SDL_DestroyTexture(e->tex);
            s->st.evictions++;
        }
    }
    s->n = k;
    rehash(s);
}

static entry *find(struct cm_sprites *s, const unsigned char *key, size_t len, unsigned hash, int add)
{
    unsigned h = hash & (SLOTS - 1);
    for (; s->slot[h] >= 0; h = (h + 1) & (SLOTS - 1)) {
        entry *e = &s->e[s->slot[h]];
        if (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0) return e;
    }
    if (!add) return NULL;
    if (s->n == CM_SPRITES_MAX) {
        evict(s);
        if (s->n == CM_SPRITES_MAX) return NULL; /* all in use this frame: drawn directly */
        h = hash & (SLOTS - 1);
        while (s->slot[h] >= 0) h = (h + 1) & (SLOTS - 1);
    }
    entry *e = &s->e[s->n];
    memset(e, 0, sizeof *e);
    memcpy(e->key, key, len);
    e->len = len;
    e->hash = hash;
    e->last = s->frame - 1;
    s->slot[h] = s->n++;
    return e;
}

/* Draws the shape into a new texture, centred at the middle pixel plus (fx, fy). */
static int make(struct cm_sprites *s, SDL_Renderer *r, entry *e, float half, float fx, float fy, cm_sprite_fn fn, const void *arg)
{
    int h = (int)ceilf(half) + 1, side = 2 * h + 1;
    SDL_Texture *t = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, side, side);
    if (!t) return -1;
    SDL_Texture *prev = SDL_GetRenderTarget(r);
    SDL_Rect vp, clip;
    SDL_RenderGetViewport(r, &vp);
    SDL_RenderGetClipRect(r, &clip);
    int clipped = SDL_RenderIsClipEnabled(r);
    Uint8 cr, cg, cb, ca;
    SDL_GetRenderDrawColor(r, &cr, &cg, &cb, &ca);
    SDL_BlendMode bm;
    SDL_GetRenderDrawBlendMode(r, &bm);
    if (SDL_SetRenderTarget(r, t) != 0) {
        SDL_DestroyTexture(t);
        return -1;
    }
    /* clear white, fully transparent: a translucent white rim then keeps its colour, and
     * what is drawn over the rim blends with white as it would on the map */
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 0);
    SDL_RenderClear(r);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    fn(&s->tmp, (float)h + fx, (float)h + fy, arg);
    vbuf_flush(r, &s->tmp);
    SDL_SetRenderTarget(r, prev);
    SDL_RenderSetViewport(r, &vp);
    SDL_RenderSetClipRect(r, clipped ? &clip : NULL);
    SDL_SetRenderDrawColor(r, cr, cg, cb, ca);
    SDL_SetRenderDrawBlendMode(r, bm);
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    e->tex = t;
    e->half = h;
    return 0;
}

void sprites_draw(SDL_Renderer *r, cm_vbuf *vb, const void *key, size_t len, float half, float x, float y,
                  cm_sprite_fn fn, const void *arg)
{
    struct cm_sprites *s = cache_of(vb);
    if (!s || !r || len > CM_SPRITE_KEY || !isfinite(x) || !isfinite(y) || fabsf(x) > 1e6f || fabsf(y) > 1e6f) {
        fn(vb, x, y, arg);
        if (s) s->st.direct++;
        return;
    }
    /* the sprite is drawn at the same fraction of a pixel as the shape: SDL's software renderer
     * snaps vertices to half pixels, so a shape moved by whole pixels covers the same pixels */
    float ix = floorf(x), iy = floorf(y), fx = x - ix, fy = y - iy;
    unsigned char k[CM_SPRITE_KEY + 2 * sizeof(float)];
    memcpy(k, key, len);
    memcpy(k + len, &fx, sizeof fx);
    memcpy(k + len + sizeof fx, &fy, sizeof fy);
    size_t klen = len + 2 * sizeof(float);
    unsigned hash = hash_of(k, klen);
    entry *e = find(s, k, klen, hash, 1);
    if (e && e->last != s->frame) {
        e->last = s->frame;
        e->asks++;
    }
    if (e && !e->tex && !e->failed && e->asks >= CM_SPRITE_ASKS) {
        vbuf_flush(r, vb);
        if (make(s, r, e, half, fx, fy, fn, arg) != 0) e->failed = 1;
    }
    if (!e || !e->tex) {
        fn(vb, x, y, arg);
        s->st.direct++;
        return;
    }
    vbuf_flush(r, vb); /* what came before goes under it */
    SDL_Rect dst = {(int)ix - e->half, (int)iy - e->half, 2 * e->half + 1, 2 * e->half + 1};
    SDL_RenderCopy(r, e->tex, NULL, &dst);
    s->st.copies++;
}

cm_sprite_stats sprites_stats(const cm_vbuf *vb)
{
    cm_sprite_stats z = {0};
    const struct cm_sprites *s = vb->sprites;
    if (!s) return z;
    z = s->st;
    z.keys = s->n;
    for (int i = 0; i < s->n; i++) z.textures += s->e[i].tex != NULL;
    return z;
}

void sprites_free(cm_vbuf *vb)
{
    struct cm_sprites *s = vb->sprites;
    if (!s) return;
    for (int i = 0; i < s->n; i++)
        if (s->e[i].tex) SDL_DestroyTexture(s->e[i].tex);
    vbuf_free(&s->tmp);
    free(s->e);
    free(s->slot);
    free(s);
    vb->sprites = NULL;
}
