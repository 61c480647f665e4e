/* text: labels with SDL2_ttf (HarfBuzz shaping). Latin text uses DejaVu Sans, Arabic text
 * Noto Sans Arabic shaped right-to-left with the Arabic script set; the face is chosen per
 * string. Rendered labels are cached as textures (key: text + style), so a steady frame
 * renders no glyphs. */
#ifndef CM_TEXT_H
#define CM_TEXT_H
#include <SDL2/SDL.h>
#include <stddef.h>

typedef struct cm_text cm_text;

/* The most text shaped as one label (a summary, a title): longer text is cut at a whole
 * character and ends in an ellipsis. A limit on time: shaping grows with the text, and a
 * wrapped label of 100 KB is a texture taller than any renderer allows. */
#define CM_TEXT_MAX_BYTES 16384
/* The most text the window shapes in one frame (text_set_frame_budget): cached labels cost
 * nothing; a label that is not cached and does not fit what is left of the frame's budget is
 * not drawn this frame (text_deferred says so, and the window draws another frame), so a list
 * of many long labels appears over a few frames instead of freezing one. The first label
 * shaped in a frame always fits, so every label is drawn in the end. */
/* 16 KiB: shaping took about 23 ms a KiB in the window under Xvfb (44 KiB of a selected
 * event's sources took one second), so a frame shapes for at most about 0.4 s, twice that with
 * a first label of CM_TEXT_MAX_BYTES. */
#define CM_TEXT_FRAME_BYTES 16384

typedef struct {
    int size;            /* pixel size */
    int bold;
    SDL_Color color;
    int halo;            /* halo width in pixels, 0 for none */
    SDL_Color halo_color;
    int wrap;            /* wrap at this many pixels, 0 for one line */
} cm_textstyle;

/* Opens the fonts in dir (assets/fonts). NULL and a message naming the font file on error. */
cm_text *text_open(const char *dir, char *err, size_t errlen);
/* Size of the rendered label in pixels; 0 on success. */
int text_measure(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st, int *w, int *h);
/* Draws s with its anchor (ax, ay in 0..1 of its box) at (x, y). */
void text_draw(cm_text *t, SDL_Renderer *r, const char *s, const cm_textstyle *st, float x, float y, float ax, float ay);
/* Sets the bytes of text shaped per frame (0: no limit, as for --render, which must draw all
 * of its one frame); the window sets CM_TEXT_FRAME_BYTES. */
void text_set_frame_budget(cm_text *t, long bytes);
/* Starts a frame: the budget is whole again and nothing is deferred. */
void text_frame(cm_text *t);
/* How many labels this frame left undrawn for want of budget (the window draws again). */
int text_deferred(const cm_text *t);
/* How many strings have been shaped and rendered (cache misses, failures included). */
long text_shaped(const cm_text *t);
/* 1 when s holds Arabic letters. */
int text_is_arabic(const char *s);
void text_close(cm_text *t);

#endif
