/* feed: the list of what the map shows (Ctrl+L), on the right like the details panel: totals
 * at the top (events, people reported killed, events by layer), then every event shown at the
 * date or window after layers and filters, newest first or most killed first, one row each.
 * Only the rows in sight are drawn (virtual scrolling), and the list is rebuilt only when the
 * date, the layers, the filter or the order change, so it keeps up with a million events.
 * A click on a row selects the event (its record opens) and flies there. */
#ifndef CM_UI_FEED_H
#define CM_UI_FEED_H
#include <SDL2/SDL.h>

#include "render/draw.h"
#include "render/text.h"
#include "ui/frame.h"
#include "ui/input.h"
#include "ui/logline.h"
#include "ui/state.h"

typedef enum { CM_FEED_NEWEST, CM_FEED_KILLED } cm_feed_sort;

typedef struct {
    int open;
    cm_feed_sort sort;
    float scroll;             /* pixels */
    int *idx, n, cap;         /* the events listed, in order */
    long *killed;             /* per event of the store: filter_fatalities, computed once (-2: not yet) */
    int nkilled;
    long total_killed;        /* sum over the listed events of their largest figure */
    int by_layer[CM_LAYER_COUNT];
    /* what the list was built for */
    int built;
    int32_t a, b, fade;
    int window;
    unsigned gen, mask;
    cm_feed_sort built_sort;
} cm_feed;

/* Where the parts are for a frame (output pixels): the panel, the two order buttons, the
 * first row's top and the row height. */
typedef struct {
    SDL_FRect panel, by_date, by_killed;
    float rows_y, row_h;
} cm_feed_layout;

void feed_layout(const cm_frame *f, float ui, cm_feed_layout *l);
/* 1 when the feed is on screen (open, and no record or choice is shown over it). */
int feed_visible(const cm_feed *d, const cm_ui *u);
/* Rebuilds the list when the date, layers, filter or order changed since the last time. */
void feed_update(cm_feed *d, const cm_ui *u);
/* Mouse and wheel over the feed: CM_IN_* flags, or -1 when not the feed's. */
int feed_handle(cm_feed *d, cm_input *in, const SDL_Event *e);
void feed_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, cm_feed *d, const cm_ui *u, const cm_frame *f);
void feed_free(cm_feed *d);

/* One --log-ui line {"event": kind, key: value...}: logline_write (ui/logline.h). */
void feed_log(const cm_ui *u, const char *kind, const cm_logkv *f, int n);

#endif
