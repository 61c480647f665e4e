/* text: SDL2_ttf labels with a texture cache and Latin/Arabic font fallback; see text.h. */
#include "render/text.h"

#include "base/fileio.h"
#include "base/utf8.h"

#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 1024

enum { FACE_LATIN, FACE_LATIN_BOLD, FACE_ARABIC, FACE_ARABIC_BOLD, FACE_COUNT };

static const char *FACE_FILES[FACE_COUNT] = {
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"};

typedef struct {
    char *s;
    cm_textstyle st;
    SDL_Texture *tex;
    int w, h;
    long frame;           /* the frame (text_frame) it was last drawn or measured in */
} slot;

struct cm_text {
    TTF_Font *face[FACE_COUNT];
    void *data[FACE_COUNT];   /* each font file, read whole: FreeType reads its glyphs from memory */
    int size[FACE_COUNT];
    SDL_Renderer *owner;
    slot cache[CACHE_SLOTS];
    int used;
    long shaped;          /* strings shaped and rendered (a cache miss), for tests */
    long budget;          /* bytes that may be shaped per frame, 0 for no limit */
    long frame_bytes;     /* bytes shaped since text_frame */
    int deferred;         /* labels left for a later frame since text_frame */
    long frame;           /* frames started (text_frame) */
    int saturated;        /* this frame's labels do not all fit the cache: no deferring */
    int saturated_last;   /* nor the last frame's: this one defers nothing either */
};

int text_is_arabic(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        uint32_t c;
        int k = utf8_decode(p, n, &c);
        if (!k) k = 1; /* a byte that is no character */
        /* the Arabic block to the end of its supplement (U+0600..U+077F), and the
         * presentation forms (U+FB40..U+FBBF, U+FE40..U+FEFF) */
        else if ((c >= 0x600 && c <= 0x77F) || (c >= 0xFB40 && c <= 0xFBBF) || (c >= 0xFE40 && c <= 0xFEFF)) return 1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The whole of a font file in memory (malloc'd), or NULL with *why set. SDL2_ttf's own file
 * reader goes through stdio, and FreeType seeks and reads it for every glyph it loads: at
 * start-up that was half of measuring the labels. */
#define FONT_MAX_BYTES (64L << 20)
static void *read_font(const char *path, size_t *n, const char **why)
{
    cm_file f;
    char err[512];
    if (fileio_open(path, "a font", &f, err, sizeof err) != 0) { *why = "cannot read it"; return NULL; }
    char *buf = NULL;
    if (f.size <= 0 || f.size > FONT_MAX_BYTES) *why = f.size > FONT_MAX_BYTES ? "larger than 64 MB" : "empty or unreadable";
    else if (!(buf = malloc((size_t)f.size))) *why = "out of memory";
    else if (fread(buf, 1, (size_t)f.size, f.fp) != (size_t)f.size) { *why = "cannot read it"; free(buf); buf = NULL; }
    fclose(f.fp);
    *n = buf ? (size_t)f.size : 0;
    return buf;
}

cm_text *text_open(const char *dir, char *err, size_t errlen)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, "SDL2_ttf: %s", TTF_GetError());
        return NULL;
    }
    cm_text *t = calloc(1, sizeof *t);
    if (!t) { snprintf(err, errlen, "out of memory"); return NULL; }
    for (int i = 0; i < FACE_COUNT; i++) {
        size_t pn = strlen(dir) + strlen(FACE_FILES[i]) + 2;
        char *path = malloc(pn), why[512];
        if (path) snprintf(path, pn, "%s/%s", dir, FACE_FILES[i]);
        /* checked without blocking first: SDL2_ttf's fopen would wait for ever on a FIFO */
        int regular = path && fileio_check_regular(path, why, sizeof why) == 0;
        size_t n = 0;
        const char *rwhy = NULL;
        t->data[i] = regular ? read_font(path, &n, &rwhy) : NULL;
        SDL_RWops *rw = t->data[i] ? SDL_RWFromConstMem(t->data[i], (int)n) : NULL;
        t->face[i] = rw ? TTF_OpenFontRW(rw, 1, 12) : NULL;
        if (!t->face[i]) {
            if (!path) snprintf(err, errlen, "out of memory");
            else if (!regular) snprintf(err, errlen, "%s (cannot open font)", why);
            else if (rwhy) snprintf(err, errlen, "%s: cannot open font (%s)", path, rwhy);
            else snprintf(err, errlen, "%s: cannot open font (%s)", path, TTF_GetError());
            free(path);
            text_close(t);
            return NULL;
        }
        free(path);
        t->size[i] = 12;
        TTF_SetFontHinting(t->face[i], TTF_HINTING_LIGHT);
        /* direction and script are set for each string (face_for) */
    }
    return t;
}

static void flush(cm_text *t)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (t->cache[i].tex) SDL_DestroyTexture(t->cache[i].tex);
        free(t->cache[i].s);
    }
    memset(t->cache, 0, sizeof t->cache);
    t->used = 0;
}

static unsigned hash(const char *s, const cm_textstyle *st);

/* Makes room: drops the labels not used in this frame and puts the others back. Returns how
 * many were dropped. Labels of this frame are kept: dropping them all (as a full flush does)
 * made a frame that defers labels shape its first ones again in the next frame, for ever. */
static int evict_old(cm_text *t)
{
    slot *keep = malloc(sizeof *keep * CACHE_SLOTS);
    if (!keep) { int n = t->used; flush(t); return n; }
    int nk = 0, dropped = 0;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        slot *sl = &t->cache[i];
        if (!sl->s) continue;
        if (sl->frame == t->frame) keep[nk++] = *sl;
        else {
            if (sl->tex) SDL_DestroyTexture(sl->tex);
            free(sl->s);
            dropped++;
        }
    }
    memset(t->cache, 0, sizeof t->cache);
    for (int k = 0; k < nk; k++) {
        unsigned h = hash(keep[k].s, &keep[k].st) % CACHE_SLOTS;
        while (t->cache[h].s) h = (h + 1) % CACHE_SLOTS;
        t->cache[h] = keep[k];
    }
    t->used = nk;
    free(keep);
    return dropped;
}

/* Room for one more label: old labels dropped, or, when the cache is full of this frame's
 * labels (more than it holds in one view), all of them, and this frame defers nothing more
 * (spreading it over frames could never end: each would shape again what the last dropped). */
static void make_room(cm_text *t)
{
    if (evict_old(t) > 0 && t->used <= CACHE_SLOTS * 3 / 4) return;
    flush(t);
    t->saturated = 1;
}

static unsigned hash(const char *s, const cm_textstyle *st)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    const unsigned char *b = (const unsigned char *)st;
    for (size_t i = 0; i < sizeof *st; i++) h = (h ^ b[i]) * 16777619u;
    return h;
}

static int same_style(const cm_textstyle *a, const cm_textstyle *b)
{
    return a->size == b->size && a->bold == b->bold && a->halo == b->halo && a->wrap == b->wrap &&
           memcmp(&a->color, &b->color, sizeof a->color) == 0 &&
           memcmp(&a->halo_color, &b->halo_color, sizeof a->halo_color) == 0;
}

/* 1 when every character of s has a glyph in font */
static int covers(TTF_Font *font, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        uint32_t c;
        int k = utf8_decode(p, n, &c);
        if (!k) { k = 1; c = 0xFFFD; } /* a byte that is no character: SDL_ttf draws U+FFFD for it */
        p += k;
        n -= (size_t)k;
        if (c > ' ' && !TTF_GlyphIsProvided32(font, c)) return 0;
    }
    return 1;
}

static TTF_Font *face_for(cm_text *t, const char *s, const cm_textstyle *st)
{
    int arabic = text_is_arabic(s);
    int f = (arabic ? FACE_ARABIC : FACE_LATIN) + (st->bold ? 1 : 0);
    /* Noto Sans Arabic has no Latin punctuation (the parentheses of "منطقة الفصل (أندوف)"):
     * such a string is set in DejaVu Sans, which has both, shaped right to left */
    int fallback = arabic && !covers(t->face[f], s);
    if (fallback) f -= FACE_ARABIC;
    TTF_SetFontDirection(t->face[f], arabic ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(t->face[f], arabic ? "Arab" : "Latn");
    if (t->size[f] != st->size) {
        TTF_SetFontSize(t->face[f], st->size);
        t->size[f] = st->size;
    }
    return t->face[f];
}

static SDL_Surface *render_surface(cm_text *t, const char *s, const cm_textstyle *st)
{
    TTF_Font *font = face_for(t, s, st);
    SDL_Surface *fg = st->wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(font, s, st->color, (Uint32)st->wrap)
                                   : TTF_RenderUTF8_Blended(font, s, st->color);
    if (!fg || st->halo <= 0) return fg;
    TTF_SetFontOutline(font, st->halo);
    SDL_Surface *bg = st->wrap > 0 ? TTF_RenderUTF8_Blended_Wrapped(font, s, st->halo_color, (Uint32)st->wrap)
                                   : TTF_RenderUTF8_Blended(font, s, st->halo_color);
    TTF_SetFontOutline(font, 0);
    if (!bg) return fg;
    SDL_Rect dst = {st->halo, st->halo, fg->w, fg->h};
    SDL_SetSurfaceBlendMode(fg, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(fg, NULL, bg, &dst);
    SDL_FreeSurface(fg);
    return bg;
}

/* A slot for s: from the cache, or shaped now. A string that cannot be rendered (a texture
 * too tall, out of memory) is cached as a failure too, so it is not shaped again every frame. */
static slot *lookup_whole(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st)
{
    unsigned h = hash(s, st) % CACHE_SLOTS;
    for (int probe = 0; probe < 16; probe++) {
        slot *sl = &t->cache[(h + probe) % CACHE_SLOTS];
        if (!sl->s) {
            if (t->used > CACHE_SLOTS * 3 / 4) { make_room(t); return lookup_whole(t, r, s, st); }
            long n = (long)strlen(s);
            if (t->budget > 0 && !t->saturated && !t->saturated_last && t->frame_bytes > 0 && t->frame_bytes + n > t->budget) {
                t->deferred++; /* not shaped, not remembered: tried again next frame */
                return NULL;
            }
            t->frame_bytes += n;
            t->shaped++;
            SDL_Surface *surf = render_surface(t, s, st);
            sl->tex = surf ? SDL_CreateTextureFromSurface(r, surf) : NULL;
            sl->w = sl->tex ? surf->w : 0;
            sl->h = sl->tex ? surf->h : 0;
            if (surf) SDL_FreeSurface(surf);
            if (sl->tex) SDL_SetTextureBlendMode(sl->tex, SDL_BLENDMODE_BLEND);
            sl->s = strdup(s);
            if (!sl->s) { /* cannot even remember it */
                if (sl->tex) SDL_DestroyTexture(sl->tex);
                memset(sl, 0, sizeof *sl);
                return NULL;
            }
            sl->st = *st;
            sl->frame = t->frame;
            t->used++;
            return sl->tex ? sl : NULL;
        }
        if (strcmp(sl->s, s) == 0 && same_style(&sl->st, st)) {
            sl->frame = t->frame;
            return sl->tex ? sl : NULL;
        }
    }
    make_room(t);
    return lookup_whole(t, r, s, st);
}

/* Text longer than CM_TEXT_MAX_BYTES is cut (at a whole character, with an ellipsis): shaping
 * a 100 KB summary took 10-30 s and its texture was too tall to exist. */
static slot *lookup(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st)
{
    if (!s || !*s) return NULL;
    if (t->owner != r) { flush(t); t->owner = r; }
    size_t n = strnlen(s, CM_TEXT_MAX_BYTES + 1);
    if (n <= CM_TEXT_MAX_BYTES) return lookup_whole(t, r, s, st);
    size_t cut = CM_TEXT_MAX_BYTES;
    cut = utf8_cut(s, cut);
    char *c = malloc(cut + 4);
    if (!c) return NULL;
    memcpy(c, s, cut);
    memcpy(c + cut, "\xE2\x80\xA6", 4); /* U+2026 and the terminating 0 */
    slot *sl = lookup_whole(t, r, c, st);
    free(c);
    return sl;
}

long text_shaped(const cm_text *t) { return t->shaped; }

void text_set_frame_budget(cm_text *t, long bytes) { t->budget = bytes > 0 ? bytes : 0; }

void text_frame(cm_text *t)
{
    t->frame_bytes = 0;
    t->deferred = 0;
    /* a view with more labels than the cache holds can never be drawn from the cache: spread
     * over frames, each would shape again what the last dropped. Such a view is drawn whole in
     * each frame (as without a budget) until a frame fits the cache again. */
    t->saturated_last = t->saturated;
    t->saturated = 0;
    t->frame++;
}

int text_deferred(const cm_text *t) { return t->deferred; }

int text_measure(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st, int *w, int *h)
{
    slot *sl = lookup(t, r, s, st);
    *w = sl ? sl->w : 0;
    *h = sl ? sl->h : 0;
    return sl ? 0 : -1;
}

void text_draw(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st, float x, float y, float ax, float ay)
{
    slot *sl = lookup(t, r, s, st);
    if (!sl) return;
    SDL_FRect dst = {x - ax * sl->w, y - ay * sl->h, (float)sl->w, (float)sl->h};
    dst.x = (float)(int)(dst.x + 0.5f); /* whole pixels keep glyphs crisp */
    dst.y = (float)(int)(dst.y + 0.5f);
    SDL_RenderCopyF(r, sl->tex, NULL, &dst);
}

void text_close(cm_text *t)
{
    if (!t) return;
    flush(t);
    for (int i = 0; i < FACE_COUNT; i++) {
        if (t->face[i]) TTF_CloseFont(t->face[i]);
        free(t->data[i]); /* after its font: FreeType reads it until closed */
    }
    free(t);
}
