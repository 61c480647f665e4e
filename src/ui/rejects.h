/* rejects: the list of the rows skipped while loading, one click away in the window. The
 * import notice over the map ("5,070 events from acled.csv; 1 row skipped ...") says how to
 * open it (a click on the notice, or E); the list shows each kept row's file, line, reason and
 * text (data/import keeps an excerpt of the first rows), says how many more there are and that
 * --rejects writes them all, and says so for files opened from the events cache, whose rows
 * were not read again. Scrolls with the wheel and the arrow keys; Esc or a click outside
 * closes it. */
#ifndef CM_REJECTS_H
#define CM_REJECTS_H
#include <SDL2/SDL.h>

#include "data/import.h"
#include "render/draw.h"
#include "render/text.h"
#include "ui/frame.h"
#include "ui/input.h"
#include "ui/state.h"

typedef struct {
    const cm_import *im;
    int open;
    float scroll;             /* output pixels */
    float content_h, view_h;  /* the list's height and the part shown */
    SDL_FRect box;            /* the panel as drawn */
    char notice[256];         /* the toast that is the import notice ("" none) */
} cm_rejects;

/* The notice for the window's toast: the import summary's first line and how to open the list,
 * within n bytes (whole characters); "" when there is nothing to say. Remembered in r. */
void rejects_notice(cm_rejects *r, const cm_import *im, char *out, size_t n);
/* One event: -1 when the list has nothing to do with it (input goes on as usual), else CM_IN_*
 * flags (0 or more). notice is where the toast was drawn (w 0: not shown). */
int rejects_handle(cm_rejects *r, cm_ui *u, const cm_input *in, SDL_FRect notice, const SDL_Event *e, uint32_t now);
/* Draws the list when it is open. */
void rejects_draw(SDL_Renderer *ren, cm_vbuf *vb, cm_text *t, float ui, cm_rejects *r, const cm_frame *f);

#endif
