/* timeline: the strip along the bottom of the window: the data's span as a date axis with
 * month ticks, a histogram of events per week, a handle for the current day (two handles and
 * a shaded band in range mode), and the play, speed and range buttons. */
#ifndef CM_TIMELINE_H_
#define CM_TIMELINE_H_
#include "render/scene.h"
#include "ui/frame.h"
#include "ui/state.h"

typedef struct {
    int *weeks;        /* events starting in each week of the span, visible layers only */
    int nweeks, max;
    unsigned mask;     /* layer visibility it was counted for */
    unsigned gen;      /* and the filter's generation (events.filter_gen) */
    int32_t span_a;
} cm_histogram;

/* Counts events per week for the visible layers, unless already counted for them. */
void timeline_histogram(cm_histogram *h, const cm_ui *u);
void timeline_histogram_free(cm_histogram *h);
/* Day under screen x on the axis (clamped to the span), and x of a day. */
int32_t timeline_day_at(const cm_frame *f, const cm_ui *u, float x);
float timeline_x_of(const cm_frame *f, const cm_ui *u, int32_t day);
/* Draws the strip in f->timeline and records the axis and button rects in f. Without
 * interactive (a rendered PNG) the buttons and key hints are left out. */
void timeline_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, const cm_histogram *h, cm_frame *f,
                   int interactive);

#endif
