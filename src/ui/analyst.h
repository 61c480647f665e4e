/* analyst: the window's tools for working like an analyst, kept apart from the map's own
 * controls: the filter bar (Ctrl+K; a line of words and type:, actor:, source:, killed:,
 * prec:, place: parts, applied as it is typed, with the number of events it leaves on the
 * map), the chip that shows an active filter and clears it in one click, Ctrl+E (export what
 * is shown as GeoJSON) and Ctrl+Shift+C (copy this view as a command line that --render
 * draws the same), Ctrl+L the list of what is shown (ui/feed), Ctrl+G a date typed in (a day,
 * or a month or year as a window), Ctrl+Shift+P the cursor's latitude and longitude copied,
 * M a distance measured on the ground (PROJ's geodesic, on the WGS 84 ellipsoid) between two clicks.
 * The window passes it each SDL
 * event first; it draws over the map. */
#ifndef CM_UI_ANALYST_H
#define CM_UI_ANALYST_H
#include <SDL2/SDL.h>

#include "data/filter.h"
#include "options.h"
#include "render/draw.h"
#include "render/text.h"
#include "ui/feed.h"
#include "ui/frame.h"
#include "ui/input.h"
#include "ui/state.h"

typedef struct {
    const cm_options *o;      /* the command line the window was opened with */
    cm_filter filter;
    int open;                 /* the bar is being edited */
    char line[CM_FILTER_TEXT];/* the bar's text */
    char before[CM_FILTER_TEXT]; /* the text when the bar opened: Esc goes back to it */
    char err[200];            /* why the line cannot be read, or "" */
    SDL_FRect chip, clear;    /* the active-filter chip and its clear button, as drawn */
    cm_feed feed;             /* the list of what is shown (Ctrl+L) */
    int measuring;            /* M: two clicks measure a distance on the ground */
    int npts;                 /* points clicked so far (0..2) */
    double mlon[2], mlat[2];  /* the points, WGS 84 */
    double metres;            /* the geodesic between them, when npts == 2 */
    const cm_view *view;      /* the map's view (from the input), to draw the points */
    int go_open;              /* Ctrl+G: a date typed into the timeline */
    char go_line[32], go_err[120];
} cm_analyst;

/* Sets up with the filter the command line gave (already applied to the store). */
void analyst_init(cm_analyst *a, const cm_options *o, const cm_filter *f);
/* Handles e when it is for these tools (keys, the bar's typing, clicks on the chip): its
 * CM_IN_* flags; -1 when the event is not theirs (the map's input then takes it). */
int analyst_handle(cm_analyst *a, cm_input *in, const SDL_Event *e, uint32_t now);
/* Sets the filter bar's line and applies it (as if typed). */
void analyst_set_filter_line(cm_analyst *a, cm_ui *u, const char *line);
/* Frees what the feed holds. */
void analyst_free(cm_analyst *a);
/* Draws the feed, and the bar or the chip over the map. */
void analyst_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, cm_analyst *a, const cm_ui *u, const cm_frame *f);
/* Events on the map now: shown at the date, in a visible layer, passing the filter. */
int analyst_shown(const cm_ui *u);
/* This view as a command line ("conflictmap --date ... --center ... --zoom ... --size ..."). */
void analyst_command(const cm_analyst *a, const cm_ui *u, const cm_view *v, const cm_frame *f, float ratio, char *buf, size_t n);

#endif
