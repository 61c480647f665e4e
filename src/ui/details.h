/* details: the side panel for what is selected. A governorate shows its English and Arabic
 * names and the events and areas there at the current date, newest first; an event shows its
 * title, dates with their precision, place (and whether approximate), summary, reported
 * figures with who reported them, and its sources, each with open and copy; a click on
 * several overlapping things lists them to choose from. Scrolls with the wheel. */
#ifndef CM_DETAILS_H
#define CM_DETAILS_H
#include "render/scene.h"
#include "ui/frame.h"
#include "ui/state.h"

/* 1 when the panel has something to show. */
int details_open(const cm_ui *u);
/* Draws the panel in f->panel and records its clickable items in f. */
void details_draw(SDL_Renderer *r, cm_vbuf *vb, cm_text *t, float ui, const cm_ui *u, cm_frame *f);
/* Writes the dates of an event as a reader needs them: "13 – 20 July 2025", "July 2025 (month)",
 * "since 23 February 2025 (ongoing)". */
void details_format_dates(const cm_event *e, char *buf, size_t n);

#endif
