/* datebox: the panel at the top left that says what the map shows: the dataset's title and
 * the date (or window) written large, with how long point events stay visible. */
#ifndef CM_DATEBOX_H
#define CM_DATEBOX_H
#include "ui/control.h"

/* Writes the shown date or window as a person reads it ("16 July 2025", "1 Dec 2024 – 31 Aug 2025"). */
void datebox_format(const cm_when *w, char *buf, size_t n);
/* Where the panel goes (top left of the map). */
SDL_FRect datebox_rect(SDL_Renderer *r, const cm_ctl *s);
/* Draws the panel in box (from datebox_rect). */
void datebox_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_ctl *s, SDL_FRect box);

#endif
