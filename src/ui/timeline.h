/* timeline: the strip along the bottom of the window: the data's span as a date axis with
 * month ticks, a histogram of events per week, a handle for the current day (two handles and
 * a shaded band in range mode), and the play, speed and range buttons. */
#ifndef CM_TIMELINE_H_
#define CM_TIMELINE_H_
#include "render/scene.h"
#include "ui/frame.h"
#include "ui/state.h"

typedef struct {
    int *weeks;        /* events starting in each ISO week (Monday to Sunday), visible layers only */
    int nweeks, max;
    unsigned mask;     /* layer visibility it was counted for */
    unsigned gen;      /* and the filter's generation (events.filter_gen) */
    int32_t span_a;
    int32_t week0;     /* the Monday of the first week: week k is week0 + 7k .. week0 + 7k + 6 */
} cm_histogram;

/* Counts events per week for the visible layers, unless already counted for them. */
void timeline_histogram(cm_histogram *h, const cm_ui *u);
void timeline_histogram_free(cm_histogram *h);
/* Day under screen x on the axis (clamped to the span), and x of a day. */
int32_t timeline_day_at(const cm_frame *f, const cm_ui *u, float x);
float timeline_x_of(const cm_frame *f, const cm_ui *u, int32_t day);
/* The Monday of the ISO week holding day. */
int32_t timeline_monday(int32_t day);
/* The histogram's week under screen (x, y), or -1 when (x, y) is not over a week's bar column. */
int timeline_week_at(const cm_frame *f, const cm_ui *u, const cm_histogram *h, float x, float y);
/* A tooltip with the week's dates and its count when (mx, my) is over the histogram. */
void timeline_tooltip(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, const cm_histogram *h,
                      const cm_frame *f, float mx, float my);
/* Draws the strip in f->timeline and records the axis and button rects in f. Without
 * interactive (a rendered PNG) the buttons and key hints are left out. */
void timeline_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, const cm_histogram *h, cm_frame *f,
                   int interactive);

#endif
