/* datebox: see datebox.h. */
#include "ui/datebox.h"

#include <stdio.h>

#include "render/style.h"

void datebox_format(const cm_when *w, char *buf, size_t n)
{
    char a[40], b[40];
    cm_date da = {w->a, CM_PREC_DAY}, db = {w->b, CM_PREC_DAY};
    date_format(da, a, sizeof a);
    if (w->a == w->b) { snprintf(buf, n, "%s", a); return; }
    date_format(db, b, sizeof b);
    snprintf(buf, n, "%s \xE2\x80\x93 %s", a, b);
}

float datebox_draw(SDL_Renderer *r, cm_vbuf *vb, const cm_scene *s)
{
    float ui = s->ui;
    char date[96], sub[128];
    datebox_format(&s->when, date, sizeof date);
    if (s->when.window) snprintf(sub, sizeof sub, "everything in this window");
    else if (s->when.fade > 0) snprintf(sub, sizeof sub, "point events fade over %d days", (int)s->when.fade);
    else snprintf(sub, sizeof sub, "events of this day");
    cm_textstyle kicker = {.size = (int)(11 * ui), .bold = 1, .color = CM_RGB(0x8A3A1E)};
    cm_textstyle big = {.size = (int)(22 * ui), .bold = 1, .color = CM_RGB(0x1F1F1F)};
    cm_textstyle small = {.size = (int)(11 * ui), .color = CM_RGB(0x5A5A5A)};
    const char *title = "SYRIA 2024\xE2\x80\x93" "2025";
    int w1, h1, w2, h2, w3, h3;
    text_measure(s->text, r, title, &kicker, &w1, &h1);
    text_measure(s->text, r, date, &big, &w2, &h2);
    text_measure(s->text, r, sub, &small, &w3, &h3);
    float pad = 10 * ui, x = s->view.x0 + 12 * ui, y = s->view.y0 + 12 * ui;
    float w = (float)(w1 > w2 ? (w1 > w3 ? w1 : w3) : (w2 > w3 ? w2 : w3)) + 2 * pad;
    float h = (float)(h1 + h2 + h3) + 2 * pad;
    SDL_Color paper = CM_RGB(0xFFFFFF);
    paper.a = 235;
    draw_rect(vb, x, y, w, h, paper);
    draw_rect(vb, x, y, 3 * ui, h, CM_RGB(0x8A3A1E));
    vbuf_flush(r, vb);
    text_draw(s->text, r, title, &kicker, x + pad, y + pad, 0, 0);
    text_draw(s->text, r, date, &big, x + pad, y + pad + h1, 0, 0);
    text_draw(s->text, r, sub, &small, x + pad, y + pad + h1 + h2, 0, 0);
    return y + h;
}
